/*
 * Opened from disk (file://), the browser will not let search load its index.
 * Say so instead of offering a search field that never answers.
 * A classic script, so that it runs from disk too.
 */
(function () {
  if (location.protocol !== "file:") return;
  document.documentElement.classList.add("call-from-disk");
  var note = document.querySelector(".call-search-unavailable");
  if (note) note.hidden = false;
})();
