/*
 * The budget calculator: what the call can pay, what co-financing a plan needs,
 * whether the plan adds up; and its page, which keeps the plan in the address
 * (the only memory: no cookies, no storage, nothing sent).
 *
 * The rule (cap, rate), the fields' limits, the number format and every string
 * come from the page's #calculator-data, written by the build from call/
 * (macros/calculator.py); this file holds no amount, rate or word of any
 * language. Money is whole kronor, the rate is basis points (1 % = 100), and
 * products are taken in BigInt, so every result is exact.
 * macros/budget.py is the same rule in Python; tests hold the two together.
 *
 * A classic script, so it runs from disk; Node loads it for tests.
 */
(function (root) {
  "use strict";

  /* --- computing ------------------------------------------------------- */

  /* Hours × value per hour, rounded to whole kronor (half up). Both in hundredths. */
  function timeValue(hoursScaled, rateScaled) {
    return Number((hoursScaled * rateScaled + 5000n) / 10000n);
  }

  /* The results for a plan of whole kronor (costs, public_cash, private_cash, inkind_premises)
     and time (inkind_hours_scaled, inkind_rate_scaled in hundredths). */
  function compute(plan, rule) {
    var costs = plan.costs;
    var byRate = Number(BigInt(costs) * BigInt(rule.maxRateBasisPoints) / 10000n);
    var support = Math.min(rule.maxSupportSek, byRate);
    var time = timeValue(plan.inkind_hours_scaled || 0n, plan.inkind_rate_scaled || 0n);
    var inKind = time + plan.inkind_premises;
    var cofinancing = plan.public_cash + plan.private_cash + inKind;
    var needed = costs - support;
    var warnings = [];
    if (inKind > costs) warnings.push("inkind_counts_as_cost");
    if (support > Math.max(0, costs - inKind)) warnings.push("inkind_not_paid_out");
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

  /* --- drawing --------------------------------------------------------- */

  function mount(document, location, history, format) {
    var dataElement = document.getElementById("calculator-data");
    var form = document.getElementById("calculator");
    if (!dataElement || !form || !format) return;
    var data = JSON.parse(dataElement.textContent);
    var strings = data.strings;
    var names = Object.keys(data.fields);

    function money(amount) { return format.money(amount, data.format); }
    function fill(template, values) {
      return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
    }
    function field(name) { return form.elements.namedItem(name); }

    /* Read every field; mark errors next to the field they belong to. */
    function readPlan() {
      var plan = { costs: 0, public_cash: 0, private_cash: 0, inkind_premises: 0, inkind_hours_scaled: 0n, inkind_rate_scaled: 0n };
      var valid = true;
      var values = {};
      names.forEach(function (name) {
        var input = field(name);
        var spec = data.fields[name];
        /* A value from the address that was refused keeps its reason until the reader edits it. */
        var parsed = refused[name] && refused[name].text === input.value ? { error: refused[name].error }
          : format.parseTyped(input.value, data.format, spec, data.maxInputChars);
        var error = document.getElementById("calc-" + name + "-error");
        if (parsed.error) {
          valid = false;
          var limit = spec.kind === "money" ? money(spec.max) : format.number(spec.max, data.format);
          error.textContent = fill(strings["calc_error_" + parsed.error], { limit: limit });
          error.hidden = false;
          input.setAttribute("aria-invalid", "true");
          return;
        }
        error.textContent = "";
        error.hidden = true;
        input.removeAttribute("aria-invalid");
        values[name] = parsed;
        if (spec.kind === "money") plan[name] = Number(parsed.scaled / 100n);
        else plan[name + "_scaled"] = parsed.scaled;
      });
      return { plan: plan, valid: valid, hasCosts: valid && values.costs && !values.costs.empty, values: values };
    }

    function setOutput(name, text) { document.querySelector('output[name="' + name + '"]').textContent = text; }

    function draw(read) {
      var results = document.querySelector(".calc__results");
      var warningBox = results.querySelector(".calc__warnings");
      var warnings = warningBox.querySelector("ul");
      while (warnings.firstChild) warnings.removeChild(warnings.firstChild);
      warningBox.hidden = true;
      if (!read.hasCosts) {
        ["support", "cofinancing_needed", "cofinancing", "balance"].forEach(function (name) { setOutput(name, "–"); });
        results.querySelector(".calc__limit").textContent = "";
        results.querySelector(".calc__verdict").textContent = read.valid ? strings.calc_verdict_empty : "";
        drawBar(null);
        return;
      }
      var r = compute(read.plan, data.rule);
      setOutput("support", money(r.support));
      setOutput("cofinancing_needed", money(r.cofinancing_needed));
      setOutput("cofinancing", money(r.cofinancing));
      setOutput("balance", (r.balance < 0 ? "\u2212" : r.balance > 0 ? "+" : "") + money(Math.abs(r.balance)));
      var rule = { cap: money(data.rule.maxSupportSek), rate: format.percent(data.rule.maxRateBasisPoints, data.format) };
      results.querySelector(".calc__limit").textContent = fill(strings["calc_limit_" + r.limit], rule);
      var verdict = r.balance < 0 ? fill(strings.calc_verdict_missing, { amount: money(-r.balance) })
        : r.balance === 0 ? strings.calc_verdict_even
        : fill(strings.calc_verdict_over, { amount: money(r.balance), support: money(r.support_needed) });
      results.querySelector(".calc__verdict").textContent = verdict;
      /* A warning is general guidance (call/guidance.yml): without its data, no warning. */
      r.warnings.forEach(function (key) {
        if (!data.warnings[key]) return;
        var item = document.createElement("li");
        item.textContent = fill(data.warnings[key], { cash_costs: money(Math.max(0, read.plan.costs - r.in_kind)) });
        warnings.appendChild(item);
        warningBox.hidden = false;
      });
      drawBar({
        support: r.support, public_cash: read.plan.public_cash, private_cash: read.plan.private_cash,
        time: r.time_value, premises: read.plan.inkind_premises, missing: Math.max(0, -r.balance)
      });
    }

    /* The stacked bar: each part's share of whichever is larger, the costs or the financing.
       The legend names every part with its amount, so nothing rests on colour alone. */
    function drawBar(parts) {
      var total = 0;
      if (parts) Object.keys(parts).forEach(function (key) { total += parts[key]; });
      document.querySelectorAll(".calc__segment").forEach(function (segment) {
        var key = segment.className.replace(/.*calc__segment--/, "");
        segment.style.width = parts && total > 0 ? (100 * parts[key] / total) + "%" : "0";
      });
      document.querySelectorAll(".calc__part").forEach(function (item) {
        var key = item.className.replace(/.*calc__part--/, "").split(" ")[0];
        var amount = parts ? parts[key] : 0;
        item.hidden = !amount;
        item.querySelector(".calc__part-amount").textContent = money(amount || 0);
      });
    }

    /* The address holds the plan, language-neutral, so a link gives the same plan in every language. */
    function writeAddress(read) {
      var params = new URLSearchParams();
      names.forEach(function (name) {
        var value = read.values[name];
        if (value && !value.empty) params.set(name, format.toParam(value.scaled));
      });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    var refused = {};
    function readAddress() {
      var params = new URLSearchParams(location.search);
      names.forEach(function (name) {
        if (!params.has(name)) return;
        var text = params.get(name);
        var parsed = format.parseParam(text, data.fields[name], data.maxInputChars);
        if (parsed.error) {
          /* Shown as it was (shortened), with its message next to it. */
          field(name).value = text.slice(0, data.maxInputChars);
          refused[name] = { text: field(name).value, error: parsed.error };
        } else {
          field(name).value = parsed.empty ? "" : format.number(parsed.value, data.format);
        }
      });
    }

    function update() {
      var read = readPlan();
      draw(read);
      writeAddress(read);
    }

    readAddress();
    form.addEventListener("input", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    var print = document.querySelector(".calc__print");
    print.hidden = false;
    print.addEventListener("click", function () { root.print(); });
    update();
  }

  var api = { compute: compute, capBindsFrom: capBindsFrom, timeValue: timeValue };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.CallFormat.startTool("BudgetCalculator", api, mount);
})(this);
