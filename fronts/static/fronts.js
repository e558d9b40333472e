/* Syria fronts 2017: upgrade static charts to interactive ones, and sort event tables.
   Loaded once or many times per page; it only acts once per element. */
(function () {
  "use strict";
  /* A tooltip for the live charts, in the manner of vega-tooltip (same element id and classes) but
     a few lines long: a value that is an object becomes a two-column table. Every piece of text is
     set with textContent, so nothing in the data is ever parsed as HTML. */
  function tooltipElement() {
    var el = document.getElementById("vg-tooltip-element");
    if (!el) {
      el = document.createElement("div");
      el.id = "vg-tooltip-element";
      el.className = "vg-tooltip";
      el.setAttribute("role", "tooltip");
      document.body.appendChild(el);
    }
    return el;
  }
  function showTooltip(handler, event, item, value) {
    var el = tooltipElement();
    if (value === null || value === undefined || value === "") {
      el.classList.remove("visible");
      return;
    }
    el.textContent = "";
    if (typeof value === "object") {
      var table = document.createElement("table");
      Object.keys(value).forEach(function (key) {
        var row = table.insertRow();
        var k = row.insertCell(), v = row.insertCell();
        k.className = "key";
        v.className = "value";
        k.textContent = key;
        v.textContent = String(value[key]);
      });
      el.appendChild(table);
    } else {
      el.textContent = String(value);
    }
    el.classList.add("visible");
    var x = event.clientX + 12, y = event.clientY + 12;
    var w = el.offsetWidth, h = el.offsetHeight;
    if (x + w > window.innerWidth) { x = Math.max(0, event.clientX - w - 12); }
    if (y + h > window.innerHeight) { y = Math.max(0, event.clientY - h - 12); }
    el.style.left = x + "px";
    el.style.top = y + "px";
  }
  /* Charts arrive as static SVG with their Vega spec (compiled from Vega-Lite when the notebook
     ran), and are upgraded with Vega alone: no Vega-Lite compiler or vega-embed in the browser. */
  function upgradeCharts() {
    if (!window.vega || typeof window.vega.View !== "function") { return; }
    document.querySelectorAll(".fronts-chart:not([data-upgraded])").forEach(function (box) {
      var specEl = box.querySelector("script.fronts-chart-spec");
      var staticEl = box.querySelector(".fronts-chart-static");
      if (!specEl) { return; }
      box.setAttribute("data-upgraded", "pending");
      var target = document.createElement("div");
      target.className = "fronts-chart-live";
      box.appendChild(target);
      var view;
      try {
        view = new window.vega.View(window.vega.parse(JSON.parse(specEl.textContent)),
                                    {renderer: "svg", container: target, hover: true});
        view.tooltip(showTooltip);
      } catch (err) {
        target.remove();
        box.setAttribute("data-upgraded", "failed");
        console.warn("chart left static:", err);
        return;
      }
      view.runAsync().then(function () {
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
  /* The static chart is one picture, so its box has role="img" and the alt text. Once live, the
     name moves to the chart's own SVG and to Vega's container (which Vega names only "Vega
     visualization"). A chart wider than the column scrolls sideways in its box; the box is then
     made focusable, so a keyboard user can scroll it too (axe: scrollable-region-focusable). */
  function labelLiveChart(box, target) {
    var label = box.getAttribute("aria-label");
    box.removeAttribute("role");
    box.removeAttribute("aria-label");
    var svg = target.querySelector("svg");
    if (label) {
      target.setAttribute("aria-label", label);
      if (svg) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", label);
      }
    }
    scrollableByKeyboard(box, label || "Chart");
  }
  /* A box wider than the column scrolls sideways (a wide chart or table); it is then made
     focusable and named, so a keyboard user can scroll it too (axe: scrollable-region-focusable). */
  function scrollableByKeyboard(box, label) {
    if (box.scrollWidth > box.clientWidth) {
      if (!box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", label + " (scrolls sideways)");
      }
    } else if (box.getAttribute("role") === "group" && box.getAttribute("tabindex") === "0") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
  function wireScrolling() {
    document.querySelectorAll(".fronts-table-wrap").forEach(function (wrap) {
      var caption = wrap.querySelector("caption");
      scrollableByKeyboard(wrap, caption ? caption.textContent.trim() : "Table");
    });
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
  function run() {
    upgradeCharts();
    wireTables();
    wireScrolling();
    if (!window.frontsScrollWired) {
      window.frontsScrollWired = true;
      window.addEventListener("resize", wireScrolling);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
