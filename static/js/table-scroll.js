/* A table wider than its .table-wrap scrolls sideways; make that wrapper a named, focusable region so
   keyboard users can scroll it too (WCAG 2.1.1, axe "scrollable-region-focusable"). Narrow tables are left alone. */
(function () {
  "use strict";
  var MARK = "data-scroll-region";

  function update() {
    var wraps = document.querySelectorAll(".table-wrap");
    for (var i = 0; i < wraps.length; i++) {
      var wrap = wraps[i];
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        var caption = wrap.querySelector("caption");
        wrap.setAttribute(MARK, "");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        if (!wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) {
          wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
        }
      } else if (!scrolls && wrap.hasAttribute(MARK)) {
        wrap.removeAttribute(MARK);
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
  var timer;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
})();
