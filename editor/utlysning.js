/* Which call the form edits: the page's address names it (?utlysning=<slug>), and Decap reads that call's
 * configuration (config/<slug>.yml) instead of the newest call's (config.yml). Runs before Decap starts, so
 * that Decap finds the link. The list of calls (#editor-calls) is the page's own: only a slug it lists is taken. */
(function () {
  "use strict";
  var wanted = new URLSearchParams(window.location.search).get("utlysning");
  var links = document.querySelectorAll("#editor-calls a[data-slug]");
  var chosen = null;
  Array.prototype.forEach.call(links, function (link) {
    if (link.getAttribute("data-slug") === wanted) chosen = link;
  });
  if (!chosen) return;  // no call named, or one the site does not have: the newest, as config.yml says
  var config = document.createElement("link");
  config.rel = "cms-config-url";
  config.type = "text/yaml";
  config.href = "config/" + wanted + ".yml";
  document.head.appendChild(config);
  Array.prototype.forEach.call(links, function (link) {
    if (link === chosen) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  });
  document.getElementById("editor-current-call").textContent = chosen.getAttribute("data-title");
})();
