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

  // Caixas que rolam para o lado (figuras largas num celular, fórmulas longas; livro.css): quem
  // usa o teclado precisa poder focá-las para rolar. Refeito quando uma figura chega (elas
  // carregam sob demanda, loading="lazy") e quando a janela muda de tamanho.
  const SCROLLERS = ".cell_output figure, div.figura-rolavel, div.math, "
    + ".cell_output .output.text_html, .cell_output .output.image_png";
  function focusScrollers() {
    document.querySelectorAll(SCROLLERS).forEach((box) => {
      if (box.scrollWidth > box.clientWidth + 1) box.tabIndex = 0;
      else if (box.getAttribute("tabindex") === "0") box.removeAttribute("tabindex");
    });
  }
  let scrollersTimer = null;
  function focusScrollersSoon() {
    clearTimeout(scrollersTimer);
    scrollersTimer = setTimeout(focusScrollers, 50);
  }

  // Os scripts dos widgets pesam 4 MB: só são carregados quando um widget se aproxima da
  // tela (window.LIVRO_WIDGETS vem de _ext/pt_br_ui.py: cópias locais ou CDNs, em ordem).
  let widgetsRequested = false;
  function loadWidgets() {
    if (widgetsRequested) return;
    widgetsRequested = true;
    const root = document.documentElement.dataset.content_root || "";
    // O estado dos widgets (com os retratos iniciais) vem à parte, antes dos scripts
    // (_ext/carga.py): o embed-amd o procura no documento quando inicia.
    const state = window.LIVRO_ESTADO_URL ? [window.LIVRO_ESTADO_URL] : [];
    const urls = state.concat(window.LIVRO_WIDGETS || [])
      .map((u) => (/^https?:/.test(u) ? u : root + u));
    function putState() {
      (window.LIVRO_ESTADO_WIDGETS || []).forEach((st) => {
        const tag = document.createElement("script");
        tag.type = "application/vnd.jupyter.widget-state+json";
        tag.textContent = JSON.stringify(st);
        document.body.appendChild(tag);
      });
    }
    (function next(i) {
      if (i >= urls.length) return;
      if (i === state.length && state.length) putState();
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

  // Busca (página search.html; o índice já veio, síncrono, antes do DOMContentLoaded):
  // sem acentos ("potencia" acha "potência"; o índice faz o mesmo em _ext/busca_pt.py),
  // uma linha por página (a mais bem pontuada) e resumos sem o TeX cru das fórmulas.
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  function foldIndex(index) {
    const sections = {}; // "arquivo#âncora" → título original da seção
    const foldKeys = (entries, remember) => {
      const out = {};
      for (const [key, hits] of Object.entries(entries || {})) {
        const folded = fold(key);
        out[folded] = (out[folded] || []).concat(hits);
        if (remember) hits.forEach(([file, id]) => { sections[file + "#" + (id || "")] = key; });
      }
      return out;
    };
    index.alltitles = foldKeys(index.alltitles, true);
    index.indexentries = foldKeys(index.indexentries, false);
    index.livroSections = sections;
    return index;
  }
  function patchSearch() {
    if (typeof Search === "undefined" || Search.livro) return;
    Search.livro = true;
    if (typeof Stemmer !== "undefined") {
      const Base = Stemmer;
      window.Stemmer = function () {
        const base = new Base();
        this.stemWord = (word) => base.stemWord(fold(word));
      };
    }
    if (Search._index) foldIndex(Search._index);
    const setIndex = Search.setIndex;
    Search.setIndex = (index) => setIndex(foldIndex(index));
    const perform = Search._performSearch;
    Search._performSearch = (query, ...rest) => {
      const index = Search._index;
      const best = new Map(); // docname → resultado de maior pontuação
      for (const r of perform(fold(query), ...rest)) {
        const old = best.get(r[0]);
        if (!old || r[4] > old[4]) best.set(r[0], r);
      }
      const files = index.docnames;
      return [...best.values()].map((r) => {
        const file = files.indexOf(r[0]);
        const page = index.titles[file];
        const anchor = r[2].replace(/^#/, "");
        const section = anchor ? index.livroSections[file + "#" + anchor] : null;
        const same = !section || fold(page).endsWith(fold(section));
        return [r[0], same ? page : `${page} › ${section}`, ...r.slice(2)];
      }).sort((a, b) => a[4] - b[4] || (a[1] > b[1] ? -1 : 1));
    };
    const toText = Search.htmlToText;
    Search.htmlToText = (html, anchor) => {
      const doc = new DOMParser().parseFromString(html, "text/html");
      doc.querySelectorAll(".math, .katex, mjx-container, .MathJax").forEach((e) => {
        e.replaceWith(doc.createTextNode(" … "));
      });
      // Botões, sumários de impressão e navegação não são texto do capítulo.
      doc.querySelectorAll(".bd-header-article, .onlyprint, .prev-next-area, nav, "
                           + ".cell_input, .toggle-details__summary").forEach((e) => e.remove());
      return toText(doc.documentElement.outerHTML, anchor);
    };
  }

  document.addEventListener("DOMContentLoaded", () => {
    patchSearch();
    setTimeout(translate, 0);
    nameSliders();
    // Os widgets chegam depois (carga sob demanda): refaz ao mudar o DOM.
    new MutationObserver(() => {
      nameSliders();
      focusScrollersSoon();
    }).observe(document.body, { childList: true, subtree: true });
    watchWidgets();
    // Depois da primeira pintura: medir todas as caixas força o layout da página inteira,
    // inclusive das seções que ainda estão fora da tela (livro.css, content-visibility).
    requestAnimationFrame(() => setTimeout(focusScrollers, 0));
    window.addEventListener("resize", focusScrollersSoon);
    document.addEventListener("load", (e) => { if (e.target.tagName === "IMG") focusScrollersSoon(); }, true);
  });
})();
