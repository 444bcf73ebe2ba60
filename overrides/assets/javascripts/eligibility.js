/*
 * The eligibility check's reasoning: may this organisation apply, with this
 * project? No page, no DOM: eligibility-page.js draws. What the call allows
 * (its applicant types, its longest project) comes from the page, written
 * there by the build from call/.
 *
 * Each answer becomes a point with a verdict: "yes", "no", or "ask" (the call
 * does not say: ask the contact person). The whole is "no" if any point is,
 * else "ask" if any point is, else "yes" once every question is answered.
 *
 * A classic script, so it runs from disk; Node loads it for tests.
 */
(function (root) {
  "use strict";

  /* Months as a whole number from 1 up; null when empty; {error} otherwise. */
  function parseMonths(text) {
    var s = String(text == null ? "" : text).trim().replace(/\s*(månader|månad|mån|months?|mo)\.?$/i, "");
    if (s === "") return null;
    if (!/^\d{1,4}$/.test(s) || Number(s) < 1) return { error: "months" };
    return { value: Number(s) };
  }

  function assess(answers, rules) {
    var points = [];
    var errors = {};
    var type = answers.applicant_type || "";
    if (type) {
      if (rules.applicantTypes.indexOf(type) >= 0) points.push({ topic: "type", verdict: "yes", key: "elig_type_listed" });
      else if (type === "private") points.push({ topic: "type", verdict: "no", key: "elig_type_private_answer" });
      else points.push({ topic: "type", verdict: "ask", key: "elig_type_other_answer" });
    }
    var months = parseMonths(answers.months);
    if (months && months.error) errors.months = "elig_error_months";
    else if (months) {
      points.push(months.value <= rules.maxMonths
        ? { topic: "months", verdict: "yes", key: "elig_months_ok", months: months.value }
        : { topic: "months", verdict: "no", key: "elig_months_too_long", months: months.value });
    }
    if (answers.norrbotten === "yes") points.push({ topic: "scope", verdict: "yes", key: "scope_fits" });
    if (answers.norrbotten === "no") points.push({ topic: "scope", verdict: "no", key: "scope_does_not_fit" });

    var verdicts = points.map(function (point) { return point.verdict; });
    var overall = null;
    if (verdicts.indexOf("no") >= 0) overall = "no";
    else if (verdicts.indexOf("ask") >= 0) overall = "ask";
    else if (points.length === 3) overall = "yes";
    return { points: points, overall: overall, errors: errors };
  }

  var api = { parseMonths: parseMonths, assess: assess };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Eligibility = api;
})(this);
