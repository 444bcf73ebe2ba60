/*
 * Numbers as the page's language writes them, and numbers as people type them.
 *
 * The format (locale, separators, patterns) comes from the page's JSON, written
 * by the build from the language's strings file (macros/number_format.py), so
 * this file knows no language: the same amount reads "1 200 000 kr", "SEK 1,200,000"
 * or "1 200 000 kruunua" as macros/formatting.py writes it, and a test holds the
 * two together on many values.
 *
 * Typed input follows the page's locale ("1 200 000 kr", "1,200,000"); an
 * address parameter is language-neutral (plain digits, "." before decimals),
 * so a shared link gives the same plan in every language. Input longer than
 * the contract's maxInputChars is refused before it is parsed, and no pattern
 * here has nested or adjacent quantifiers that could backtrack.
 *
 * A classic script, so it runs from disk; Node loads the same file in tests.
 */
(function (root) {
  "use strict";


  function numberFormat(format) {
    return new Intl.NumberFormat(format.locale, { maximumFractionDigits: 2, useGrouping: true });
  }

  function pattern(chosen, value, format) {
    if (typeof chosen === "string") return chosen;
    var category = new Intl.PluralRules(format.locale).select(Math.abs(value));
    return chosen[category] || chosen.other;
  }

  function unbreakable(text) { return text.replace(/ /g, "\u00a0"); }

  function number(value, format) { return numberFormat(format).format(value); }

  function money(amount, format) {
    return unbreakable(pattern(format.money, amount, format).replace("{number}", number(amount, format)));
  }

  function percent(basisPoints, format) {
    return unbreakable(pattern(format.percent, basisPoints / 100, format).replace("{number}", number(basisPoints / 100, format)));
  }

  function months(count, format) {
    return unbreakable(pattern(format.months, count, format).replace("{n}", number(count, format)));
  }

  /* The unit words a reader may type after a number: the language's, from its strings file
     (macros/number_format.py input_words). Compared as plain strings, never as patterns. */
  function unitWords(format) {
    var words = format.words || {};
    return (words.money || []).concat(words.hours || []).sort(function (a, b) { return b.length - a.length; });
  }

  function stripUnits(text, format) {
    var words = unitWords(format);
    var s = text;
    for (var round = 0; round < 2; round++) {
      if (s.charAt(s.length - 1) === ".") s = s.slice(0, -1).trim();
      for (var i = 0; i < words.length; i++) {
        var word = words[i];
        if (s.length > word.length && s.slice(-word.length) === word) { s = s.slice(0, -word.length).trim(); break; }
        if (s.length > word.length && s.slice(0, word.length) === word) { s = s.slice(word.length).trim(); break; }
      }
    }
    return s;
  }

  function isDigit(ch) { return ch >= "0" && ch <= "9"; }

  /* Remove thousands separators: a separator between a digit and exactly three digits. */
  function removeGroups(text, separator) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      if (ch === separator && i > 0 && isDigit(text.charAt(i - 1)) && isDigit(text.charAt(i + 1)) &&
          isDigit(text.charAt(i + 2)) && isDigit(text.charAt(i + 3)) && !isDigit(text.charAt(i + 4))) continue;
      out += ch;
    }
    return out;
  }

  /* "123.45" (digits, "." before decimals) within the field's limits, as {value, scaled}. */
  function checkPlain(s, field) {
    if (!/^[0-9]+(\.[0-9]+)?$/.test(s)) return { error: "not_a_number" };
    var parts = s.split(".");
    var decimals = parts[1] || "";
    var extra = decimals.slice(field.decimals);
    if (/[1-9]/.test(extra)) return { error: field.decimals === 0 ? "whole_kronor" : "too_many_decimals" };
    var whole = parts[0].replace(/^0+(?=[0-9])/, "");
    if (whole.length > 15) return { error: "too_large" };
    var scaled = BigInt(whole) * 100n + BigInt((decimals + "00").slice(0, 2));
    if (scaled > BigInt(field.max) * 100n) return { error: "too_large" };
    return { value: Number(scaled) / 100, scaled: scaled };
  }

  /* What a reader typed, in the page's locale. */
  function parseTyped(text, format, field, maxChars) {
    var raw = String(text == null ? "" : text);
    if (raw.length > maxChars) return { error: "not_a_number" };
    raw = raw.trim().toLowerCase();
    if (raw === "") return { empty: true, value: 0, scaled: 0n };
    var s = stripUnits(raw, format).replace(/[\s\u00a0\u202f]/g, "");
    if (s.charAt(0) === "-" || s.charAt(0) === "\u2212") return { error: "negative" };
    var decimal = format.decimal;
    var group = /^[\s\u00a0\u202f]$/.test(format.group) ? (decimal === "," ? "." : ",") : format.group;
    s = removeGroups(s, group);
    if (decimal !== "." && s.indexOf(decimal) >= 0) {
      if (s.indexOf(".") >= 0) return { error: "not_a_number" };
      s = s.split(decimal).join(".");
    }
    return checkPlain(s, field);
  }

  /* A value from the page's address: language-neutral. */
  function parseParam(text, field, maxChars) {
    var raw = String(text == null ? "" : text);
    if (raw.length > maxChars) return { error: "not_a_number" };
    raw = raw.trim();
    if (raw === "") return { empty: true, value: 0, scaled: 0n };
    if (raw.charAt(0) === "-") return { error: "negative" };
    return checkPlain(raw, field);
  }

  /* A value as an address writes it: "1200000", "12.5". */
  function toParam(scaled) {
    var whole = scaled / 100n;
    var cents = scaled % 100n;
    if (cents === 0n) return whole.toString();
    var text = (cents < 10n ? "0" : "") + cents.toString();
    return whole.toString() + "." + text.replace(/0$/, "");
  }

  /* In a page, a tool that formats with this file is published under its name and mounts its form. */
  function startTool(name, api, mount) {
    root[name] = api;
    mount(root.document, root.location, root.history, root.CallFormat);
  }

  var api = { number: number, money: money, percent: percent, months: months, parseTyped: parseTyped,
              parseParam: parseParam, toParam: toParam, startTool: startTool };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.CallFormat = api;
})(this);
