/*
 * The menu's button for keyboards. On a phone, or at 400 % zoom, the site's menu is a drawer that
 * Material opens with a <label> for a hidden checkbox, which no keyboard can reach. A real button
 * (partials/alternate.html) takes the label's place: it opens and closes the drawer, says whether it
 * is open (aria-expanded), moves focus into the menu, and Escape closes it again.
 * A classic script, so it runs from disk; without it the button stays hidden and Material's label works.
 */
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector(".call-menu-button");
  if (!toggle || !button) return;
  document.documentElement.classList.add("call-menu-button-ready");
  button.hidden = false;

  function sync() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
  function set(open) {
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change"));
    sync();
  }

  button.addEventListener("click", function () {
    set(!toggle.checked);
    if (toggle.checked) {
      var first = document.querySelector(".md-sidebar--primary a[href]");
      if (first) setTimeout(function () { first.focus(); }, 50);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      set(false);
      button.focus();
    }
  });
  toggle.addEventListener("change", sync);
  sync();
})();
