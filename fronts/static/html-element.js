/* All that folium's popups ask of jQuery: `$(`<div ...>...</div>`)[0]`, the element the markup
   makes. A few lines in place of jQuery's 88 kB (the map uses nothing else of it). Like jQuery, it
   parses the markup without running scripts in it; any other use of $ fails loudly. */
(function () {
  "use strict";
  if (window.$) { return; }
  window.$ = function (markup) {
    if (typeof markup !== "string" || markup.trim().charAt(0) !== "<") {
      throw new Error("fronts: $ here only turns HTML markup into an element (see fronts/static/html-element.js)");
    }
    var holder = document.createElement("template");
    holder.innerHTML = markup.trim();
    return [holder.content.firstElementChild];
  };
})();
