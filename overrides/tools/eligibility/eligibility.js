/*
 * The eligibility check: may this organisation apply, with this project? And its
 * page, which writes the answer (announced politely) and keeps the answers in the
 * address so that an answer can be shared. Nothing is sent or stored.
 *
 * The verdicts come from the page's #eligibility-data, written by the build
 * (macros/eligibility.py): this file holds no rule and no word of any language.
 * Each answer becomes a point with a verdict: "yes", "no" or "ask" (the call does
 * not say: ask the contact). The whole is "no" if any point is, else "ask" if any
 * point is, else "yes" once every question is answered.
 *
 * A classic script, so it runs from disk; Node loads it for tests.
 */
(function (root) {
  "use strict";

  var FIELDS = ["applicant_type", "months", "scope"];

  /* --- computing ------------------------------------------------------- */

  /* Months as a whole number from 1 up; null when empty; {error} otherwise. Unit words
     are compared as text, never as patterns. */
  function parseMonths(text, maxChars, words) {
    var s = String(text == null ? "" : text);
    if (s.length > maxChars) return { error: "months" };
    s = s.trim().toLowerCase();
    (words || []).some(function (word) {
      if (s.length > word.length && s.slice(-word.length) === word) { s = s.slice(0, -word.length).trim(); return true; }
      return false;
    });
    if (s.charAt(s.length - 1) === ".") s = s.slice(0, -1).trim();
    if (s === "") return null;
    if (!/^[0-9]{1,4}$/.test(s) || Number(s) < 1) return { error: "months" };
    return { value: Number(s) };
  }

  function assess(answers, rules, maxChars) {
    var points = [];
    var errors = {};
    var type = answers.applicant_type || "";
    if (type && rules.types[type]) {
      var verdict = rules.types[type];
      points.push({ topic: "type", verdict: verdict, key: verdict === "yes" ? "elig_type_listed" : "elig_type_" + type + "_answer" });
    }
    var months = parseMonths(answers.months, maxChars, rules.monthWords);
    if (months && months.error) errors.months = "elig_error_months";
    else if (months) {
      points.push(months.value <= rules.maxMonths
        ? { topic: "months", verdict: "yes", key: "elig_months_ok", months: months.value }
        : { topic: "months", verdict: "no", key: "elig_months_too_long", months: months.value });
    }
    if (rules.scope[answers.scope]) {
      var scopeVerdict = rules.scope[answers.scope];
      points.push({ topic: "scope", verdict: scopeVerdict, key: scopeVerdict === "yes" ? "scope_fits" : "scope_does_not_fit" });
    }
    var verdicts = points.map(function (point) { return point.verdict; });
    var overall = null;
    if (verdicts.indexOf("no") >= 0) overall = "no";
    else if (verdicts.indexOf("ask") >= 0) overall = "ask";
    else if (points.length === 3) overall = "yes";
    return { points: points, overall: overall, errors: errors };
  }

  /* --- drawing --------------------------------------------------------- */

  function mount(document, location, history, format) {
    var dataElement = document.getElementById("eligibility-data");
    var form = document.getElementById("eligibility");
    if (!dataElement || !form) return;
    var data = JSON.parse(dataElement.textContent);
    var strings = data.strings;

    function fill(template, values) {
      return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
    }
    function value(name) { return form.elements.namedItem(name).value; }  /* a radio group's value too */

    function link(href, label) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = label;
      return a;
    }

    function draw(result) {
      var overall = document.querySelector(".elig__overall");
      var list = document.querySelector(".elig__points");
      while (list.firstChild) list.removeChild(list.firstChild);
      overall.textContent = result.overall ? strings["elig_overall_" + result.overall] : strings.elig_answer_incomplete;
      overall.setAttribute("data-verdict", result.overall || "");
      result.points.forEach(function (point) {
        var item = document.createElement("li");
        item.className = "elig__point elig__point--" + point.verdict;
        item.setAttribute("data-topic", point.topic);
        // "1 month", "5 months": the language's own pattern and plural rule (call-format.js).
        var months = point.months == null ? "" : format ? format.months(point.months, data.format) : String(point.months);
        item.appendChild(document.createTextNode(fill(strings[point.key], {
          type: data.typeNames[value("applicant_type")] || "", months: months, max: data.maxText
        }) + " "));
        item.appendChild(link(data.sections[point.topic], strings.elig_read_more));
        if (point.verdict === "ask") {
          item.appendChild(document.createTextNode(" · "));
          item.appendChild(link(data.sections.contact, strings.elig_overall_ask));
        }
        list.appendChild(item);
      });
      var error = document.getElementById("elig-months-error");
      var months = form.elements.namedItem("months");
      if (result.errors.months) {
        error.textContent = strings[result.errors.months];
        error.hidden = false;
        months.setAttribute("aria-invalid", "true");
      } else {
        error.textContent = "";
        error.hidden = true;
        months.removeAttribute("aria-invalid");
      }
    }

    function update() {
      var answers = {};
      FIELDS.forEach(function (name) { answers[name] = value(name); });
      draw(assess(answers, data.rules, data.maxInputChars));
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) { if (answers[name]) params.set(name, answers[name].slice(0, data.maxInputChars)); });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    var params = new URLSearchParams(location.search);
    FIELDS.forEach(function (name) {
      if (!params.has(name)) return;
      var field = form.elements.namedItem(name);
      var given = params.get(name).slice(0, data.maxInputChars + 1);
      if (typeof field.length === "number" && !field.tagName) {
        Array.prototype.forEach.call(field, function (radio) { radio.checked = radio.value === given; });
      } else {
        field.value = given;
      }
    });
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    if (location.search) update();
  }

  var api = { parseMonths: parseMonths, assess: assess, FIELDS: FIELDS };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.CallFormat.startTool("Eligibility", api, mount);
})(this);
