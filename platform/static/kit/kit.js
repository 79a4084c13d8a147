/* The UI kit's behaviour, for every page (no inline scripts: pages stay CSP-friendly).
   - <select data-searchable>: a Tom Select with a search box (countries, units, people).
   - <form data-confirm="question">: asks before it is sent.
   - <fieldset data-formset>: the "Add a ..." button adds a row from the formset's empty
     form (<template data-empty-row>), TOTAL_FORMS + 1, focus in the new row.
   - .table-responsive that scrolls: reachable from the keyboard (tabindex).
   - [data-kit-chart]: an ECharts chart (kit/chart.html), ECharts loaded on first use.
   Without JavaScript every page still works: plain selects, no "Add" buttons, tables. */
(function () {
  "use strict";

  function searchable(root) {
    if (typeof window.TomSelect !== "function") return;
    root.querySelectorAll("select[data-searchable]").forEach(function (select) {
      if (select.tomselect) return;
      // Tom Select points the <label> at its own input; the original select (kept for the
      // form) keeps its name for assistive technology.
      var label = select.id && document.querySelector('label[for="' + select.id + '"]');
      if (label && !select.hasAttribute("aria-label")) select.setAttribute("aria-label", label.textContent.trim());
      new window.TomSelect(select, {
        maxOptions: null,
        allowEmptyOption: true,
        plugins: select.multiple ? ["remove_button"] : [],
      });
    });
  }

  function confirmations(root) {
    root.querySelectorAll("form[data-confirm]").forEach(function (form) {
      if (form.dataset.confirmBound) return;
      form.dataset.confirmBound = "1";
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });
  }

  function formsets(root) {
    root.querySelectorAll("fieldset[data-formset]").forEach(function (fieldset) {
      var button = fieldset.querySelector("[data-add-row]");
      var template = fieldset.querySelector("template[data-empty-row]");
      var total = fieldset.querySelector('input[name$="-TOTAL_FORMS"]');
      var maxInput = fieldset.querySelector('input[name$="-MAX_NUM_FORMS"]');
      if (!button || !template || !total || button.dataset.bound) return;
      button.dataset.bound = "1";
      var max = maxInput ? parseInt(maxInput.value, 10) : Infinity;
      function update() { button.disabled = parseInt(total.value, 10) >= max; }
      button.hidden = false;
      update();
      button.addEventListener("click", function () {
        var index = parseInt(total.value, 10);
        if (index >= max) return;
        template.insertAdjacentHTML("beforebegin", template.innerHTML.replace(/__prefix__/g, String(index)));
        total.value = String(index + 1);
        update();
        var row = template.previousElementSibling;
        searchable(row);
        var first = row.querySelector("input:not([type=hidden]), select, textarea");
        if (first) first.focus();
      });
    });
  }

  var echartsLoading = null;
  function loadEcharts() {
    if (window.echarts) return Promise.resolve(window.echarts);
    if (!echartsLoading) {
      echartsLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = document.body.dataset.echartsSrc;
        script.onload = function () { resolve(window.echarts); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return echartsLoading;
  }

  function chartOption(data) {
    var kind = data.kind || "bar";
    if (kind === "pie") {
      return {
        tooltip: { trigger: "item" },
        legend: { type: "scroll", bottom: 0 },
        series: [{
          type: "pie", radius: ["35%", "65%"], name: data.series[0].name,
          data: data.labels.map(function (label, i) { return { name: label, value: data.series[0].data[i] }; }),
        }],
      };
    }
    return {
      tooltip: { trigger: "axis" },
      legend: data.series.length > 1 ? { bottom: 0 } : undefined,
      grid: { left: 8, right: 16, top: 16, bottom: data.series.length > 1 ? 40 : 8, containLabel: true },
      xAxis: { type: "category", data: data.labels, axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", minInterval: 1 },
      series: data.series.map(function (s) { return { type: kind, name: s.name, data: s.data }; }),
    };
  }

  function charts(root) {
    var nodes = root.querySelectorAll("[data-kit-chart]");
    if (!nodes.length) return;
    loadEcharts().then(function (echarts) {
      nodes.forEach(function (node) {
        if (node.dataset.drawn) return;
        var island = document.getElementById(node.dataset.kitChart);
        if (!island) return;
        node.dataset.drawn = "1";
        var chart = echarts.init(node, null, { renderer: "svg" });
        chart.setOption(chartOption(JSON.parse(island.textContent)));
        window.addEventListener("resize", function () { chart.resize(); });
      });
    });
  }

  // A table wider than the screen scrolls in its box: keyboard users reach it with Tab.
  function scrollables(root) {
    root.querySelectorAll(".table-responsive").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth && !box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
    });
  }

  function enhance(root) {
    scrollables(root);
    searchable(root);
    confirmations(root);
    formsets(root);
    charts(root);
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  // Content swapped in by HTMX gets the same treatment.
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
})();
