/* The preview's pages reload themselves when a rebuild finishes (tools/serve.py serves this file). */
(function () {
  var seen = null;
  function poll() {
    fetch("/__preview/version", { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (v) {
      if (seen !== null && v !== seen) location.reload();
      seen = v;
    }).catch(function () {}).then(function () { setTimeout(poll, 800); });
  }
  poll();
})();
