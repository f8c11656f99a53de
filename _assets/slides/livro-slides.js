/* Slides do livro (scripts/slides.py): reveal.js servido pelo site, interface em português.
   Sem ajuda de teclado, pausa nem "ir para o slide" (telas do reveal.js só em inglês). */
(function () {
  "use strict";
  var ROTULOS = {
    "navigate-left": "slide anterior",
    "navigate-right": "próximo slide",
    "navigate-up": "slide acima",
    "navigate-down": "slide abaixo"
  };
  function traduzir() {
    Object.keys(ROTULOS).forEach(function (classe) {
      document.querySelectorAll(".controls ." + classe).forEach(function (b) {
        b.setAttribute("aria-label", ROTULOS[classe]);
      });
    });
    var barra = document.querySelector(".reveal .progress");
    if (barra) {
      barra.setAttribute("role", "progressbar");
      barra.setAttribute("aria-label", "progresso da apresentação");
    }
  }
  Reveal.initialize({
    controls: true,
    controlsTutorial: false,
    progress: true,
    hash: true,
    slideNumber: "c/t",
    transition: "none",
    help: false,
    pause: false,
    jumpToSlide: false,
    width: 1100,
    height: 760,
    margin: 0.04
  }).then(traduzir);
  Reveal.on("slidechanged", traduzir);
})();
