/*
 * The globals Material's bundle expects (__md_scope, __md_hash, __md_get, __md_set),
 * from a file instead of Material's inline script, so that no page needs an inline
 * script to be trusted. __md_get and __md_set keep nothing: the site stores nothing
 * in the reader's browser (no cookies, no local storage).
 * A classic script, so it runs from disk.
 */
(function (root) {
  "use strict";
  var script = document.currentScript;
  root.__md_scope = new URL(script ? script.getAttribute("data-scope") || "." : ".", location);
  root.__md_hash = function (text) {
    return Array.prototype.reduce.call(text, function (hash, ch) { return (hash << 5) - hash + ch.charCodeAt(0); }, 0);
  };
  root.__md_get = function () { return null; };
  root.__md_set = function () {};
})(this);
