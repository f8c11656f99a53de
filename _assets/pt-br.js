// Rótulos em português para textos fixos em inglês no JavaScript do sphinx-togglebutton.
(function () {
  const labels = { "Toggle hidden content": "Mostrar ou ocultar o conteúdo" };
  function translate() {
    document.querySelectorAll("[aria-label]").forEach((el) => {
      const pt = labels[el.getAttribute("aria-label")];
      if (pt) el.setAttribute("aria-label", pt);
    });
  }
  // O togglebutton cria os botões no DOMContentLoaded; traduzimos logo depois.
  document.addEventListener("DOMContentLoaded", () => setTimeout(translate, 0));
})();
