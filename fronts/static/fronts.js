/* Syria fronts 2017: upgrade static charts to interactive ones, and sort event tables.
   Loaded once or many times per page; it only acts once per element. */
(function () {
  "use strict";
  function upgradeCharts() {
    if (typeof window.vegaEmbed !== "function") { return; }
    document.querySelectorAll(".fronts-chart:not([data-upgraded])").forEach(function (box) {
      var specEl = box.querySelector("script.fronts-chart-spec");
      var staticEl = box.querySelector(".fronts-chart-static");
      if (!specEl) { return; }
      box.setAttribute("data-upgraded", "pending");
      var target = document.createElement("div");
      target.className = "fronts-chart-live";
      box.appendChild(target);
      window.vegaEmbed(target, JSON.parse(specEl.textContent), {
        renderer: "svg",
        actions: { export: true, source: false, compiled: false, editor: false }
      }).then(function () {
        if (staticEl) { staticEl.remove(); }
        labelLiveChart(box, target);
        box.setAttribute("data-upgraded", "yes");
      }).catch(function (err) {
        target.remove();
        box.setAttribute("data-upgraded", "failed");
        console.warn("chart left static:", err);
      });
    });
  }
  /* The static chart is one picture, so its box has role="img" and the alt text. The live chart
     adds a focusable actions menu (save as SVG or PNG), and an image may not contain controls: the
     name moves from the box to the chart's own SVG, and the menu's icon-only summary is named. */
  function labelLiveChart(box, target) {
    var label = box.getAttribute("aria-label");
    box.removeAttribute("role");
    box.removeAttribute("aria-label");
    var svg = target.querySelector("svg");
    if (svg && label) {
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", label);
    }
    var summary = target.querySelector("details > summary");
    if (summary) { summary.setAttribute("aria-label", "Save this chart (SVG or PNG)"); }
  }
  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }
  function sortTable(table, index, th) {
    var body = table.tBodies[0];
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var numeric = th.getAttribute("data-type") === "number";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      var cmp;
      if (numeric) {
        var nx = x === "" ? -Infinity : parseFloat(x), ny = y === "" ? -Infinity : parseFloat(y);
        cmp = nx - ny;
      } else {
        cmp = x.localeCompare(y);
      }
      return ascending ? cmp : -cmp;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  function wireTables() {
    document.querySelectorAll("table.fronts-sortable:not([data-wired])").forEach(function (table) {
      table.setAttribute("data-wired", "yes");
      table.querySelectorAll("thead th").forEach(function (th, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "fronts-sort";
        button.textContent = th.textContent;
        button.title = "Sort by " + th.textContent;
        th.textContent = "";
        th.appendChild(button);
        button.addEventListener("click", function () { sortTable(table, index, th); });
      });
    });
  }
  function run() { upgradeCharts(); wireTables(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
