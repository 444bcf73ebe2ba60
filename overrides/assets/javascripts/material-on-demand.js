/*
 * Material's JavaScript, loaded when the reader first reaches for search.
 *
 * Material's bundle (about 33 KB gzip) starts its search worker and fetches the
 * search index as soon as a page loads: more than half of what a first visit
 * downloads, on connections where every kilobyte counts. Everything else a
 * reader needs works without it (navigation, menus on phones and the tools are
 * plain HTML and CSS, or scripts of our own). tools/postbuild.py puts this
 * script where Material's bundle was; it loads the bundle on the first focus
 * or click on the search, then lets the bundle start as it would have on
 * DOMContentLoaded, and gives the search field its focus back. When focus leaves the
 * search, the search closes.
 * A classic script, so it runs from disk.
 */
(function () {
  "use strict";
  var bundle = document.currentScript.getAttribute("data-bundle");
  var requested = false;
  /* What the bundle would do first: say that JavaScript runs, so the search field shows. */
  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js");

  function load() {
    if (requested) return;
    requested = true;
    var focused = document.activeElement;
    var script = document.createElement("script");
    script.src = bundle;
    script.onload = function () {
      document.dispatchEvent(new Event("DOMContentLoaded"));
      /* Only if the reader is still in the search field: never pull focus back from where they went. */
      if (focused && focused === document.activeElement && focused.matches && focused.matches(".md-search__input")) {
        focused.blur();
        focused.focus();
      }
    };
    document.body.appendChild(script);
  }

  function inSearch(target) {
    return target && target.closest && target.closest('.md-search, label[for="__search"]');
  }
  var wasInSearch = false;
  document.addEventListener("focusin", function (event) {
    if (inSearch(event.target)) { wasInSearch = true; load(); return; }
    if (!wasInSearch) return;
    wasInSearch = false;
    /* Focus has left the search: close it, so that its overlay (full screen on a phone, or at 400 %
       zoom) hides nothing a keyboard reader moves on to, and bring the focused element into view once
       the search has given back the page's scrolling (WCAG 2.4.7, 2.4.11). */
    var toggle = document.getElementById("__search");
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    var target = event.target;
    [0, 150, 300, 600].forEach(function (delay) {
      setTimeout(function () {
        var box = target.getBoundingClientRect();
        if (document.activeElement === target && (box.bottom > innerHeight || box.top < 0)) target.scrollIntoView({ block: "center" });
      }, delay);
    });
  });
  document.addEventListener("pointerdown", function (event) { if (inSearch(event.target)) load(); });
  document.addEventListener("click", function (event) { if (inSearch(event.target)) load(); });
})();
