/* Syria fronts 2017: upgrade static charts to interactive ones, and sort and filter event tables.
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
  /* Charts arrive as static SVG; their Vega spec (compiled from Vega-Lite when the notebook ran) is
     fetched with Vega from the file the box names. They are upgraded with Vega alone: no Vega-Lite
     compiler or vega-embed in the browser. */
  function specOf(box) {
    var src = box.getAttribute("data-spec-src");
    if (!src) { return Promise.reject(new Error("no chart spec")); }
    return fetch(src).then(function (r) {
      if (!r.ok) { throw new Error("could not load " + src); }
      return r.json();
    });
  }
  function upgradeCharts() {
    if (!window.vega || typeof window.vega.View !== "function") { return Promise.resolve(); }
    var boxes = document.querySelectorAll(".fronts-chart:not([data-upgraded])");
    return Promise.all(Array.prototype.map.call(boxes, upgradeChart));
  }
  function upgradeChart(box) {
    var staticEl = box.querySelector(".fronts-chart-static");
    box.setAttribute("data-upgraded", "pending");
    var target = document.createElement("div");
    target.className = "fronts-chart-live";
    function fail(err) {
      target.remove();
      box.setAttribute("data-upgraded", "failed");
      console.warn("chart left static:", err);
    }
    return specOf(box).then(function (spec) {
      box.appendChild(target);
      var view = new window.vega.View(window.vega.parse(spec), {renderer: "svg", container: target, hover: true});
      view.tooltip(showTooltip);
      return view.runAsync();
    }).then(function () {
      if (staticEl) { staticEl.remove(); }
      // The box was focusable only while it waited; a reader whose focus is on it keeps it there.
      var waited = box.getAttribute("data-waiting") === "yes", focused = document.activeElement === box;
      if (waited) {
        box.removeAttribute("data-waiting");
        if (!focused) { box.removeAttribute("tabindex"); }
      }
      labelLiveChart(box, target);
      if (waited && focused && !box.hasAttribute("role")) {
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", target.getAttribute("aria-label") || "Chart");
      }
      box.setAttribute("data-upgraded", "yes");
    }).catch(fail);
  }
  /* Vega is fetched once, when a reader first reaches a chart: until then the static SVG is the
     chart (a first visit transfers and runs no chart library). A chart box is focusable while it
     waits, so a keyboard reader wakes it as a pointer or a touch does. */
  var vegaLoading = null;
  function loadVega(src) {
    if (window.vega && typeof window.vega.View === "function") { return Promise.resolve(); }
    if (!vegaLoading) {
      vegaLoading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.className = "fronts-vega";
        s.src = src;
        s.onload = resolve;
        s.onerror = function () { vegaLoading = null; reject(new Error("could not load " + src)); };
        document.head.appendChild(s);
      });
    }
    return vegaLoading;
  }
  function wakeAll() {
    var box = document.querySelector(".fronts-chart[data-vega-src]");
    if (!box) { upgradeCharts(); return Promise.resolve(); }
    return loadVega(box.getAttribute("data-vega-src")).then(upgradeCharts, function (err) {
      console.warn("charts left static:", err);
    });
  }
  window.frontsUpgradeCharts = wakeAll;
  function waitForReaders() {
    document.querySelectorAll(".fronts-chart[data-vega-src]:not([data-upgraded]):not([data-waiting])").forEach(function (box) {
      box.setAttribute("data-waiting", "yes");
      if (!box.hasAttribute("tabindex")) { box.setAttribute("tabindex", "0"); }
      ["pointerenter", "focusin", "touchstart"].forEach(function (name) {
        box.addEventListener(name, wakeAll, {once: true, passive: true});
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
  /* The filter above an event table: text, side, kind of event and dates narrow the rows shown, and
     the count says how many of how many (announced politely to screen readers). A row matches the
     text anywhere in it; a side if either of its actors is on that side; dates if the event's span
     overlaps the range. Rows are hidden, never removed, so sorting and permalinks keep working. */
  function wireFilters() {
    document.querySelectorAll("form.fronts-filter:not([data-wired])").forEach(function (form) {
      var wrap = form.nextElementSibling;
      var table = wrap && wrap.querySelector("table");
      if (!table || !table.tBodies.length) { return; }
      form.setAttribute("data-wired", "yes");
      form.hidden = false;
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      var count = form.querySelector(".fronts-filter-count");
      var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
      function apply() {
        var q = form.elements.q.value.trim().toLowerCase(), bloc = form.elements.bloc.value;
        var type = form.elements.type.value, from = form.elements.from.value, to = form.elements.to.value;
        var shown = 0;
        rows.forEach(function (r, i) {
          var ok = (!q || texts[i].indexOf(q) >= 0)
            && (!bloc || (" " + (r.getAttribute("data-bloc") || "") + " ").indexOf(" " + bloc + " ") >= 0)
            && (!type || r.getAttribute("data-type") === type)
            && (!from || (r.getAttribute("data-end") || "") >= from)
            && (!to || (r.getAttribute("data-start") || "") <= to);
          r.hidden = !ok;
          if (ok) { shown += 1; }
        });
        count.textContent = shown === rows.length ? rows.length + " events"
          : "Showing " + shown + " of " + rows.length + " events";
        table.setAttribute("data-shown", String(shown));
      }
      form.addEventListener("input", apply);
      form.addEventListener("change", apply);
      form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
      form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
      apply();
    });
  }
  function run() {
    upgradeCharts();
    waitForReaders();
    wireTables();
    wireFilters();
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
