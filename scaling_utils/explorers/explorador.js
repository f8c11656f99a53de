// Exploradores Vega-Lite do livro (scaling_utils/explorers): carrega o Vega quando um
// explorador se aproxima da tela e o desenha. Nenhuma conta aqui: os controles guardam o
// índice da posição na grade que o Python calculou; este código só troca índices por textos
// já formatados (rótulos, resumo para leitores de tela).
(function () {
  if (!window.LivroVega) {
    const PT_BR = { decimal: ",", thousands: ".", grouping: [3], currency: ["R$ ", ""],
                    minus: "\u2212" };
    let loading = null;
    function load() {
      if (window.vegaEmbed) return Promise.resolve();
      if (loading) return loading;
      const root = document.documentElement.dataset.content_root || "";
      const urls = window.LIVRO_VEGA ? window.LIVRO_VEGA.map((u) => root + u)
        : window.LIVRO_VEGA_CDN;
      // Com o RequireJS na página (Jupyter clássico), os UMD virariam módulos AMD.
      const amd = window.define;
      window.define = undefined;
      loading = urls.reduce((p, url) => p.then(() => new Promise((ok, fail) => {
        const s = document.createElement("script");
        s.src = url;
        s.onload = ok;
        s.onerror = () => fail(new Error("não foi possível carregar " + url));
        document.head.appendChild(s);
      })), Promise.resolve()).finally(() => { window.define = amd; });
      return loading;
    }
    function readouts(el, spec, view) {
      const controls = spec.usermeta.controles;
      const binds = [...el.querySelectorAll(".vega-bind")];
      const rows = spec.datasets.estados;
      function update() {
        const pos = {};
        controls.forEach((c) => {
          const k = view.signal(c.param);
          pos[c.coluna] = k;
          const bind = binds.find((b) => {
            const n = b.querySelector(".vega-bind-name");
            return n && n.textContent.trim() === c.rotulo;
          });
          if (!bind) return;
          const input = bind.querySelector("input, select");
          if (input && input.type === "range") {
            // O Vega escreve o índice num <span> (escondido pelo CSS): ao lado, o rótulo.
            let value = bind.querySelector(".explorador-valor");
            if (!value) {
              value = document.createElement("span");
              value.className = "explorador-valor";
              value.setAttribute("aria-hidden", "true");
              input.parentElement.appendChild(value);
            }
            input.setAttribute("aria-valuetext", c.rotulos[k]);
            value.textContent = c.rotulos[k];
          }
        });
        const row = rows.find((r) => controls.every((c) => r[c.coluna] === pos[c.coluna]));
        const summary = el.querySelector(".explorador-resumo");
        if (row && summary) summary.textContent = row.resumo.replace(/\n/g, "; ");
      }
      controls.forEach((c) => view.addSignalListener(c.param, () => update()));
      update();
    }
    // Num celular, os painéis lado a lado (hconcat) não cabem na coluna: ficam empilhados
    // (vconcat) e, se ainda faltar espaço, mais estreitos; as legendas passam a uma coluna e a
    // linha de título some do gráfico (o mesmo texto está logo abaixo, em .explorador-resumo).
    // Assim o leitor não rola de lado. Nenhum número muda: só o leiaute.
    const AXIS = 75; // px de eixo, rótulos e margem de cada painel
    const NARROW = 600; // px: celulares e tablets em pé
    function fit(node, room) {
      const narrow = room < NARROW;
      if (Array.isArray(node)) {
        return node.filter((n) => !(narrow && n && n.name === "titulo")).map((n) => fit(n, room));
      }
      if (!node || typeof node !== "object") return node;
      const out = {};
      Object.entries(node).forEach(([k, v]) => {
        out[k] = k === "datasets" || k === "usermeta" || k === "data" ? v : fit(v, room);
      });
      if (out.hconcat) {
        const need = out.hconcat.reduce((w, p) => w + (p.width || 300) + AXIS, 0);
        if (narrow && need > room) { // numa tela larga, lado a lado como foi desenhado
          out.vconcat = out.hconcat;
          delete out.hconcat;
        }
      }
      if (typeof out.width === "number" && out.width + AXIS > room) {
        out.width = Math.max(150, room - AXIS);
      }
      if (narrow && out.legend && typeof out.legend === "object") {
        out.legend = Object.assign({}, out.legend, { columns: 1, direction: "vertical" });
      }
      return out;
    }
    function draw(el) {
      if (el.dataset.pronto) return Promise.resolve();
      el.dataset.pronto = "carregando";
      const box = el.querySelector(".explorador-grafico");
      const spec = fit(JSON.parse(el.querySelector("script.explorador-spec").textContent),
                       box.clientWidth || 10000);
      return load().then(() => window.vegaEmbed(box, spec, {
        actions: false, renderer: "svg", formatLocale: PT_BR, logLevel: window.vega.Error,
      })).then((res) => {
        el.livroView = res.view;
        readouts(el, spec, res.view);
        el.dataset.pronto = "sim";
      }).catch((err) => {
        el.dataset.pronto = "erro";
        const summary = el.querySelector(".explorador-resumo");
        if (summary) summary.textContent = "O explorador não pôde ser carregado: " + err.message;
      });
    }
    window.LivroVega = {
      draw,
      watch(el) {
        if (!("IntersectionObserver" in window)) return draw(el);
        const observer = new IntersectionObserver((entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            observer.disconnect();
            draw(el);
          }
        }, { rootMargin: "800px 0px" });
        observer.observe(el);
      },
    };
  }
  const me = document.currentScript && document.currentScript.closest(".explorador-vega");
  const all = me ? [me] : document.querySelectorAll(".explorador-vega:not([data-pronto])");
  all.forEach((el) => window.LivroVega.watch(el));
})();
