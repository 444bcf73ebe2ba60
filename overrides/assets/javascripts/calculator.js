/*
 * The budget calculator's arithmetic: what the call can pay, what co-financing a
 * plan needs, and whether the plan adds up. No page, no DOM: calculator-page.js
 * draws. The rule's numbers (cap, rate) come from the page, written there by the
 * build from call/; this file holds no amount and no rate.
 *
 * Money is whole kronor, the rate is basis points (1 % = 100), and products
 * are taken in BigInt, so every result is exact: no 0.29 * 100 = 28.999… slips.
 * macros/budget.py is the same rule in Python; tests hold the two together.
 *
 * A classic script, so it runs from disk; Node loads it for tests (module.exports).
 */
(function (root) {
  "use strict";

  /* The most any field may hold, and what the page says about it. */
  var LIMITS = { money: 10000000000, hours: 1000000 };

  /* Parse what a person typed: "1 200 000", "1 200 000 kr", "1200000" (sv);
     "1,200,000", "SEK 1,200,000" (en). Returns {value, scaled} or {error}.
     value: a Number for display; scaled: a BigInt of hundredths, for exact sums.
     kind: "money" (whole kronor), "hours" or "rate" (two decimals allowed). */
  function parseAmount(text, lang, kind) {
    var raw = String(text == null ? "" : text).trim();
    if (raw === "") return { empty: true, value: 0, scaled: 0n };
    var s = raw.replace(/^(sek|kr)\.?\s*/i, "").replace(/\s*(sek|kr|kronor|:-|h|tim(mar)?|hours?)\.?$/i, "");
    s = s.replace(/[\s\u00a0\u202f]/g, "");
    if (/^[-\u2212]/.test(s)) return { error: "negative" };
    if (lang === "sv") {
      s = s.replace(/\.(?=\d{3}(\D|$))/g, "").replace(",", ".");
    } else {
      s = s.replace(/,(?=\d{3}(\D|$))/g, "");
    }
    if (!/^\d+(\.\d+)?$/.test(s)) return { error: "not_a_number" };
    var parts = s.split(".");
    var decimals = parts[1] || "";
    if (kind === "money" && /[1-9]/.test(decimals)) return { error: "whole_kronor" };
    if (decimals.length > 2 && /[1-9]/.test(decimals.slice(2))) return { error: "too_many_decimals" };
    var scaled = BigInt(parts[0]) * 100n + BigInt((decimals + "00").slice(0, 2));
    var limit = kind === "hours" ? LIMITS.hours : LIMITS.money;
    if (scaled > BigInt(limit) * 100n) return { error: "too_large" };
    return { value: Number(scaled) / 100, scaled: scaled };
  }

  /* Hours × value per hour, rounded to whole kronor (half up). Both in hundredths. */
  function timeValue(hoursScaled, rateScaled) {
    return Number((hoursScaled * rateScaled + 5000n) / 10000n);
  }

  /* The results for a plan of whole kronor (costs, public_cash, private_cash,
     inkind_premises) and time (inkind_hours_scaled, inkind_rate_scaled in hundredths). */
  function compute(plan, rule) {
    var costs = plan.costs;
    var byRate = Number(BigInt(costs) * BigInt(rule.maxRateBasisPoints) / 10000n);
    var support = Math.min(rule.maxSupportSek, byRate);
    var time = timeValue(plan.inkind_hours_scaled || 0n, plan.inkind_rate_scaled || 0n);
    var inKind = time + plan.inkind_premises;
    var cofinancing = plan.public_cash + plan.private_cash + inKind;
    var needed = costs - support;
    var warnings = [];
    if (inKind > costs) warnings.push("inkind_above_costs");
    if (support > Math.max(0, costs - inKind)) warnings.push("support_above_cash_costs");
    return {
      support: support,
      cofinancing_needed: needed,
      cofinancing: cofinancing,
      balance: cofinancing - needed,
      time_value: time,
      in_kind: inKind,
      /* When over-financed, the call need only pay what the co-financing leaves. */
      support_needed: Math.max(0, Math.min(support, costs - cofinancing)),
      limit: rule.maxSupportSek <= byRate ? "cap" : "rate",
      warnings: warnings
    };
  }

  /* The costs from which the cap, not the rate, limits the support. */
  function capBindsFrom(rule) {
    var product = BigInt(rule.maxSupportSek) * 10000n;
    var bp = BigInt(rule.maxRateBasisPoints);
    return Number((product + bp - 1n) / bp);
  }

  var api = { LIMITS: LIMITS, parseAmount: parseAmount, compute: compute, capBindsFrom: capBindsFrom, timeValue: timeValue };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.BudgetCalculator = api;
})(this);
