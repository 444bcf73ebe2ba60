/*
 * The preparation checklist: ticks live in the address (?done=id,id), never in
 * storage, so a list can be bookmarked, shared or printed. The strings come
 * from the page's #checklist-data table. A classic script, so it runs from disk;
 * Node loads its two pure functions for tests.
 */
(function (root) {
  "use strict";

  /* --- computing ------------------------------------------------------- */

  function parseDone(search, known) {
    var raw = (new URLSearchParams(search).get("done") || "").slice(0, 2000);
    return raw.split(",").filter(function (id) { return known.indexOf(id) >= 0; });
  }
  function writeDone(ids) {
    return ids.length ? "?done=" + ids.join(",") : "";
  }

  /* --- drawing --------------------------------------------------------- */

  function mount(document, location, history) {
    var form = document.getElementById("checklist");
    var dataElement = document.getElementById("checklist-data");
    if (!form || !dataElement) return;
    var strings = JSON.parse(dataElement.textContent).strings;
    var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="done"]'));
    var known = boxes.map(function (box) { return box.value; });
    var progress = document.querySelector(".checklist__progress");

    function update(writeAddress) {
      var done = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      progress.textContent = strings.check_progress.replace("{done}", done.length).replace("{total}", boxes.length);
      if (writeAddress) history.replaceState(null, "", location.pathname + writeDone(done) + location.hash);
    }

    var done = parseDone(location.search, known);
    boxes.forEach(function (box) { box.checked = done.indexOf(box.value) >= 0; });
    form.addEventListener("change", function () { update(true); });
    var print = document.querySelector(".checklist__print");
    print.hidden = false;
    print.addEventListener("click", function () { root.print(); });
    update(false);
  }

  var api = { parseDone: parseDone, writeDone: writeDone };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else {
    root.Checklist = api;
    mount(root.document, root.location, root.history);
  }
})(this);
