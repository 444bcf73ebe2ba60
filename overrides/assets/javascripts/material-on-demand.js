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
 * search, the search closes; whatever has the focus is kept in sight, also when the
 * bundle, starting after the reader moved on, scrolls the sidebar.
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
      /* A reader who moved on while the bundle was on its way: the bundle scrolls the sidebar to the
         current page as it starts, which can carry the focused link out of sight (WCAG 2.4.11). */
      if (!inSearch(document.activeElement)) keepInViewWhileStarting(document.activeElement);
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

  /* Whether any of the element is out of sight: off screen, under the sticky header, or scrolled
     away inside a container of its own (the sidebar). */
  function outOfView(target) {
    var box = target.getBoundingClientRect();
    var header = document.querySelector(".md-header");
    var top = header && !header.contains(target) ? header.getBoundingClientRect().bottom : 0;
    if (box.top < top - 1 || box.bottom > innerHeight + 1) return true;  /* a pixel's rounding is not out of sight */
    /* The page's own scrolling is the screen, checked above. */
    for (var parent = target.parentElement; parent && parent !== document.body && parent !== document.documentElement; parent = parent.parentElement) {
      if (parent.scrollHeight > parent.clientHeight && /auto|scroll|hidden/.test(getComputedStyle(parent).overflowY)) {
        var frame = parent.getBoundingClientRect();
        if (box.top < frame.top - 1 || box.bottom > frame.bottom + 1) return true;
      }
    }
    return false;
  }

  /* For the bundle's first seconds: whenever a container of the focused element (not the page, which
     the reader may be scrolling) scrolls it out of sight, bring it back, as long as it keeps the focus. */
  function keepInViewWhileStarting(target) {
    if (!target || target === document.body) return;
    var until = Date.now() + 3000;
    function check(event) {
      if (Date.now() > until || document.activeElement !== target) {
        document.removeEventListener("scroll", check, true);
        return;
      }
      if (event.target !== document && event.target.contains(target) && outOfView(target)) target.scrollIntoView({ block: "nearest" });
    }
    document.addEventListener("scroll", check, true);
  }

  /* Bring the focused element back into view each time the page may have moved it, as long as it
     keeps the focus (scroll-padding-top keeps it clear of the header). */
  function keepInView(target) {
    if (!target || target === document.body) return;
    [0, 150, 300, 600, 1200].forEach(function (delay) {
      setTimeout(function () {
        if (document.activeElement === target && outOfView(target)) target.scrollIntoView({ block: "nearest" });
      }, delay);
    });
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
    keepInView(event.target);
  });
  document.addEventListener("pointerdown", function (event) { if (inSearch(event.target)) load(); });
  document.addEventListener("click", function (event) { if (inSearch(event.target)) load(); });
})();
