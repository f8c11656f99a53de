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

  // Caixas que rolam (figuras largas num celular, fórmulas longas, código, tabelas; livro.css):
  // quem usa o teclado precisa poder focá-las para rolar. Medir uma caixa obriga o navegador a
  // montar o layout da seção dela; medir todas ao abrir a página montaria a página inteira,
  // inclusive as seções que o livro.css deixa para depois (content-visibility): centenas de
  // milissegundos de trabalho num celular, logo depois da primeira pintura. Por isso cada seção
  // é medida quando chega perto da tela (e de novo a cada volta, quando algo nela muda ou a
  // janela muda de tamanho), e todas de uma vez só quando o leitor usa o Tab.
  const SCROLLERS = "pre, .pst-scrollable-table-container, .cell_output > .output, "
    + ".cell_output figure, div.figura-rolavel, div.math, .jp-RenderedHTMLCommon";
  const UNIT = ".bd-article > section > section"; // uma seção de nível 2
  const near = new Set(); // unidades (seções ou caixas soltas) perto da tela
  const watched = new WeakSet();
  let unitObserver = null;
  let allMeasured = false;
  function focusScroller(box) {
    const wide = box.scrollWidth > box.clientWidth; // como o axe: 1 px já rola
    const tall = box.scrollHeight > box.clientHeight
      && /auto|scroll/.test(getComputedStyle(box).overflowY);
    if (wide || tall) box.tabIndex = 0;
    else if (box.getAttribute("tabindex") === "0") box.removeAttribute("tabindex");
  }
  function measureUnit(unit) {
    if (unit.matches(SCROLLERS)) focusScroller(unit);
    unit.querySelectorAll(SCROLLERS).forEach(focusScroller);
  }
  function watchScrollers() {
    const units = new Set();
    document.querySelectorAll(SCROLLERS).forEach((box) => units.add(box.closest(UNIT) || box));
    if (!unitObserver) {
      if (!("IntersectionObserver" in window)) {
        units.forEach(measureUnit);
        return;
      }
      unitObserver = new IntersectionObserver((entries) => {
        entries.forEach((e) => {
          if (e.isIntersecting) {
            near.add(e.target);
            measureUnit(e.target);
          } else {
            near.delete(e.target);
          }
        });
      }, { rootMargin: "200px 0px" });
    }
    units.forEach((unit) => {
      if (watched.has(unit)) return;
      watched.add(unit);
      unitObserver.observe(unit);
    });
  }
  function measureAll() {
    if (allMeasured) return;
    allMeasured = true;
    document.querySelectorAll(SCROLLERS).forEach(focusScroller);
  }
  let scrollersTimer = null;
  function remeasureSoon(all) {
    if (all) allMeasured = false; // a largura mudou: o Tab mede tudo de novo
    clearTimeout(scrollersTimer);
    scrollersTimer = setTimeout(() => {
      watchScrollers(); // caixas novas (widgets, exploradores)
      near.forEach(measureUnit);
    }, 100);
  }
  document.addEventListener("keydown", (e) => { if (e.key === "Tab") measureAll(); }, true);

  // Os scripts do tema (Bootstrap e pydata-sphinx-theme: botão claro/escuro, busca com Ctrl+K,
  // gavetas do sumário no celular, menus, dicas, seção atual no sumário, voltar ao topo) só
  // servem quando o leitor interage: são pedidos na primeira interação (toque, rolagem, mouse,
  // teclado), não ao abrir a página, que assim fica livre para o texto. Um clique num botão
  // do tema (ou Ctrl+K) antes de os scripts chegarem é guardado e refeito quando chegam.
  // window.LIVRO_TEMA vem de _templates/static/webpack-macros.html.
  const THEME_EVENTS = ["pointerdown", "pointermove", "touchstart", "keydown", "wheel", "scroll",
                        "focusin"];
  const THEME_CONTROLS = ".theme-switch-button, .search-button__button, .primary-toggle, "
    + ".secondary-toggle, [data-bs-toggle], #pst-back-to-top, #pst-collapse-sidebar-button";
  let themeState = 0; // 0: não pedido; 1: chegando; 2: pronto
  const replay = [];
  function loadTheme() {
    if (themeState) return;
    themeState = 1;
    THEME_EVENTS.forEach((t) => window.removeEventListener(t, onInteraction, true));
    // O pydata devolve a barra do sumário à posição guardada: a de agora, se o leitor já a rolou.
    const sidebar = document.querySelector("div.bd-sidebar");
    if (sidebar) sessionStorage.setItem("sidebar-scroll-top", sidebar.scrollTop);
    const urls = window.LIVRO_TEMA || [];
    let left = urls.length;
    const done = () => {
      if (--left > 0) return;
      themeState = 2;
      replay.splice(0).forEach((fn) => fn());
    };
    if (!left) return done();
    urls.forEach((src) => {
      const script = document.createElement("script");
      script.src = src;
      script.async = false; // na ordem: o Bootstrap antes do pydata
      script.onload = script.onerror = done;
      document.body.appendChild(script);
    });
  }
  // Rolar a barra do sumário por código (abaixo) não é o leitor: só a rolagem da página conta.
  const onInteraction = (e) => { if (e.type !== "scroll" || e.target === document) loadTheme(); };
  THEME_EVENTS.forEach((t) => window.addEventListener(t, onInteraction,
                                                      { capture: true, passive: true }));
  document.addEventListener("click", (e) => {
    const control = themeState < 2 && e.target.closest && e.target.closest(THEME_CONTROLS);
    if (!control) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    replay.push(() => control.click());
    loadTheme();
  }, true);
  window.addEventListener("keydown", (e) => {
    if (themeState === 2 || !(e.ctrlKey || e.metaKey) || !/^k$/i.test(e.key)) return;
    e.preventDefault();
    const init = { key: e.key, code: e.code, ctrlKey: e.ctrlKey, metaKey: e.metaKey,
                   shiftKey: e.shiftKey, altKey: e.altKey, bubbles: true, cancelable: true };
    replay.push(() => window.dispatchEvent(new KeyboardEvent("keydown", init)));
    loadTheme();
  }, true);

  // Barra do sumário (telas largas): rolada até a página atual ao abrir, como o pydata faria
  // (scrollToActive), sem esperar os scripts do tema.
  function scrollSidebarToActive() {
    const sidebar = document.querySelector("div.bd-sidebar");
    const nav = document.querySelector(".bd-docs-nav");
    if (!sidebar || !nav || !matchMedia("(min-width: 960px)").matches) return;
    const stored = parseInt(sessionStorage.getItem("sidebar-scroll-top"), 10);
    if (!isNaN(stored)) {
      sidebar.scrollTop = stored;
    } else {
      const active = nav.querySelectorAll(".active");
      const last = active[active.length - 1];
      if (last && last.getBoundingClientRect().y > innerHeight * 0.5) {
        const offset = last.getBoundingClientRect().y - sidebar.getBoundingClientRect().y;
        sidebar.scrollTop = offset - sidebar.clientHeight * 0.25;
      }
    }
    window.addEventListener("beforeunload", () => {
      if (themeState === 0) sessionStorage.setItem("sidebar-scroll-top", sidebar.scrollTop);
    });
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

  // Exploradores Vega: a grade de cada um (até 270 KB) não vem no HTML (_ext/carga.py); é
  // baixada quando o explorador se aproxima da tela, posta de volta no lugar, e o explorador é
  // desenhado (LivroVega.draw, de scaling_utils/explorers/explorador.js).
  function watchExplorerSpecs() {
    const waiting = document.querySelectorAll('.explorador-vega[data-pronto="espera"]');
    if (!waiting.length || !window.LivroVega) return;
    const root = document.documentElement.dataset.content_root || "";
    const fill = (el) => {
      const tag = el.querySelector("script.explorador-spec[data-src]");
      const src = tag.dataset.src;
      const script = document.createElement("script");
      script.src = root + src;
      script.onload = () => {
        tag.textContent = (window.LIVRO_SPECS || {})[src] || "";
        delete el.dataset.pronto;
        window.LivroVega.draw(el);
      };
      script.onerror = () => {
        el.dataset.pronto = "erro";
        const summary = el.querySelector(".explorador-resumo");
        if (summary) summary.textContent = "O explorador não pôde ser carregado: " + src;
      };
      document.head.appendChild(script);
    };
    if (!("IntersectionObserver" in window)) return waiting.forEach(fill);
    const observer = new IntersectionObserver((entries) => entries.forEach((e) => {
      if (!e.isIntersecting) return;
      observer.unobserve(e.target);
      fill(e.target);
    }), { rootMargin: "800px 0px" });
    waiting.forEach((el) => observer.observe(el));
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
    scrollSidebarToActive();
    // Os widgets e os exploradores chegam depois (carga sob demanda): refaz ao mudar o DOM.
    new MutationObserver(() => {
      nameSliders();
      remeasureSoon(false);
    }).observe(document.body, { childList: true, subtree: true });
    watchWidgets();
    watchExplorerSpecs();
    watchScrollers();
    window.addEventListener("resize", () => remeasureSoon(true));
    document.addEventListener("load", (e) => {
      if (e.target.tagName === "IMG") remeasureSoon(false);
    }, true);
  });
})();
