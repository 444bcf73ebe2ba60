/* The records of a data file's translations, as the browser editor keeps them (on this computer and hosted alike).
 *
 * A data file holds its own records in its `translations` section: per language, per text (named by its place, as
 * tools/translations.py names it: `questions[how_much].answer`), the fingerprint of the Swedish the translation was
 * last brought up to date with, or {source, kept} when a Swedish change needed no new translation, with `was` (the
 * Swedish as it was) once the Swedish has changed, so that the form can show what changed without git. Pure
 * functions, no browser needed: editor.js draws them, and the tests run them in node beside the Python they mirror.
 */
(function (root) {
  "use strict";

  var SECTION = "translations";
  // Python's str.isspace() and str.splitlines(), which tools/translations.py's fingerprint uses.
  var SPACE = "[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  var LINE_BREAK = /\r\n|[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/;
  var OUTER = new RegExp("^" + SPACE + "+|" + SPACE + "+$", "g");
  var TRAILING = new RegExp(SPACE + "+$");

  function normal(text) {
    var stripped = text.replace(OUTER, "");
    return stripped.split(LINE_BREAK).map(function (line) { return line.replace(TRAILING, ""); }).join("\n");
  }

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (byte) {
      return ("0" + byte.toString(16)).slice(-2);
    }).join("");
  }

  /* The first 12 hex digits of the SHA-256 of the normal text (tools/translations.py: fingerprint). */
  function fingerprint(text) {
    var bytes = new TextEncoder().encode(normal(text));
    return root.crypto.subtle.digest("SHA-256", bytes).then(function (digest) { return hex(digest).slice(0, 12); });
  }

  function isText(node, codes) {
    if (!node || typeof node !== "object" || Array.isArray(node)) return false;
    var keys = Object.keys(node);
    return keys.length > 0 && keys.every(function (key) {
      return codes.indexOf(key) !== -1 && typeof node[key] === "string";
    });
  }

  function itemName(item, index) {
    if (item && typeof item === "object" && !Array.isArray(item)) {
      if ("id" in item) return String(item.id);
      if ("date" in item) return String(item.date);
    }
    return String(index);
  }

  /* Every text of the data, by its name ({shown, node}), as tools/translations.py's text_nodes finds them. */
  function textNodes(data, codes) {
    var found = [];
    (function walk(node, shown, top) {
      if (isText(node, codes)) {
        found.push({ shown: shown, node: node });
      } else if (Array.isArray(node)) {
        var seen = {};
        node.forEach(function (item, index) {
          var name = itemName(item, index);
          seen[name] = (seen[name] || 0) + 1;
          if (seen[name] > 1) name = name + "#" + seen[name];
          walk(item, shown + "[" + name + "]", false);
        });
      } else if (node && typeof node === "object") {
        Object.keys(node).forEach(function (key) {
          if (top && key === SECTION) return;  // the records, not texts
          walk(node[key], shown ? shown + "." + key : key, false);
        });
      }
    })(data || {}, "", true);
    return found;
  }

  function sourceOf(record) {
    if (record && typeof record === "object") return record.source || null;
    return typeof record === "string" ? record : null;
  }

  /* A copy, its languages and names in order (as tools/translations.py writes them): the form's own maps have
     none, and a save must not reorder lines it did not change. */
  function copy(records) {
    var made = {};
    Object.keys(records || {}).sort().forEach(function (code) {
      made[code] = {};
      Object.keys(records[code] || {}).sort().forEach(function (name) { made[code][name] = records[code][name]; });
    });
    return made;
  }

  function byName(data, codes) {
    var map = {};
    textNodes(data, codes).forEach(function (found) { map[found.shown] = found.node; });
    return map;
  }

  /* The records after a save that turned the data `before` into `after`: a translation whose Swedish and own text
     both changed (or were both written, in a new text) is up to date with the new Swedish; one whose Swedish alone
     changed, and was up to date, keeps the Swedish it was made from beside its record (`was`), so that the form can
     show what changed. */
  function afterSave(before, after, records, codes, source) {
    var earlier = byName(before, codes);
    var made = copy(records);
    var work = [];
    textNodes(after, codes).forEach(function (found) {
      var node = found.node, old = earlier[found.shown] || {};  // a new text: written together with its translations
      if (!(source in node) || node[source] === old[source]) return;
      Object.keys(node).forEach(function (code) {
        if (code === source || node[code] === node[source]) return;  // a name kept in Swedish is not a translation
        var record = (made[code] || {})[found.shown];
        if (node[code] !== old[code]) {
          work.push(fingerprint(node[source]).then(function (now) {
            (made[code] = made[code] || {})[found.shown] = now;  // a new name: put in its place below
          }));
        } else if (record && !(typeof record === "object" && record.was) && typeof old[source] === "string") {
          work.push(fingerprint(old[source]).then(function (then) {
            if (sourceOf(record) !== then) return;  // it lagged already: what it was made from is not this
            var kept = { source: then, was: old[source] };
            if (typeof record === "object" && record.kept) kept.kept = record.kept;
            made[code][found.shown] = kept;
          }));
        }
      });
    });
    return Promise.all(work).then(function () { return copy(made); });
  }

  /* The records with the translations `names` of language `code` answered: up to date with the Swedish whose
     fingerprint is `now`, or (keep) the Swedish change needs no new translation, on `today`. */
  function answered(records, code, names, now, keep, today) {
    var made = copy(records);
    made[code] = made[code] || {};
    names.forEach(function (name) { made[code][name] = keep ? { source: now, kept: today } : now; });
    return copy(made);
  }

  /* The Swedish as it is now, in runs of words kept, added and removed since `before` (longest common run). */
  function wordChanges(before, after) {
    var old = before.split(/\s+/).filter(Boolean), now = after.split(/\s+/).filter(Boolean);
    var rows = old.length + 1, cols = now.length + 1, table = new Array(rows * cols).fill(0);
    for (var i = old.length - 1; i >= 0; i -= 1) {
      for (var j = now.length - 1; j >= 0; j -= 1) {
        table[i * cols + j] = old[i] === now[j] ? table[(i + 1) * cols + j + 1] + 1
          : Math.max(table[(i + 1) * cols + j], table[i * cols + j + 1]);
      }
    }
    var runs = [];
    function add(how, word) {
      var last = runs[runs.length - 1];
      if (last && last.how === how) last.text += " " + word; else runs.push({ how: how, text: word });
    }
    var a = 0, b = 0;
    while (a < old.length || b < now.length) {
      if (a < old.length && b < now.length && old[a] === now[b]) { add("same", now[b]); a += 1; b += 1; }
      else if (b < now.length && (a === old.length || table[a * cols + b + 1] >= table[(a + 1) * cols + b])) { add("added", now[b]); b += 1; }
      else { add("removed", old[a]); a += 1; }
    }
    return runs;
  }

  var api = { SECTION: SECTION, normal: normal, fingerprint: fingerprint, textNodes: textNodes, sourceOf: sourceOf,
              afterSave: afterSave, answered: answered, wordChanges: wordChanges };
  root.TranslationRecords = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
