// Ajustes do site feitos no navegador: idioma, acessibilidade e a carga dos widgets.
(function () {
  // sphinx-togglebutton: rótulo fixo em inglês.
  const labels = { "Toggle hidden content": "Mostrar ou ocultar o conteúdo" };
  function translate() {
    document.querySelectorAll("[aria-label]").forEach((el) => {
      const pt = labels[el.getAttribute("aria-label")];
      if (pt) el.setAttribute("aria-label", pt);
    });
  }

  // Retratos dos widgets: o html-manager cria as alças dos controles deslizantes
  // (role="slider") sem nome acessível; usamos o rótulo visível do próprio controle.
  function nameSliders() {
    document.querySelectorAll('[role="slider"]:not([aria-label])').forEach((handle) => {
      const widget = handle.closest(".widget-slider, .widget-hslider, .jupyter-widgets");
      const label = widget && widget.querySelector(".widget-label");
      const text = label && label.textContent.trim();
      if (text) handle.setAttribute("aria-label", text);
    });
  }

  // Os scripts dos widgets pesam 4 MB: só são carregados quando um widget se aproxima da
  // tela (window.LIVRO_WIDGETS vem de _ext/pt_br_ui.py: cópias locais ou CDNs, em ordem).
  let widgetsRequested = false;
  function loadWidgets() {
    if (widgetsRequested) return;
    widgetsRequested = true;
    const root = document.documentElement.dataset.content_root || "";
    const urls = (window.LIVRO_WIDGETS || []).map((u) => (/^https?:/.test(u) ? u : root + u));
    (function next(i) {
      if (i >= urls.length) return;
      const script = document.createElement("script");
      script.src = urls[i];
      if (/embed-amd/.test(urls[i])) {
        script.setAttribute("data-jupyter-widgets-cdn", "https://cdn.jsdelivr.net/npm/");
      }
      script.onload = () => next(i + 1);
      document.head.appendChild(script);
    })(0);
  }
  function watchWidgets() {
    const views = document.querySelectorAll(
      'script[type="application/vnd.jupyter.widget-view+json"]');
    if (!views.length) return;
    if (!("IntersectionObserver" in window)) return loadWidgets();
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        loadWidgets();
      }
    }, { rootMargin: "800px 0px" });
    views.forEach((v) => observer.observe(v.parentElement));
  }

  document.addEventListener("DOMContentLoaded", () => {
    setTimeout(translate, 0);
    nameSliders();
    new MutationObserver(nameSliders).observe(document.body, { childList: true, subtree: true });
    watchWidgets();
  });
})();
