/*
 * The budget calculator's page: reads the form, asks calculator.js, draws the
 * results, and keeps the plan in the address (the only memory: no cookies, no
 * storage, nothing sent). Every interface string comes from the page's
 * #calculator-data table (macros/strings/<lang>.yml), never from this file.
 * A classic script, so it runs from disk.
 */
(function () {
  "use strict";
  var dataElement = document.getElementById("calculator-data");
  var form = document.getElementById("calculator");
  if (!dataElement || !form || !window.BudgetCalculator) return;

  var calc = window.BudgetCalculator;
  var data = JSON.parse(dataElement.textContent);
  var strings = data.strings;
  var lang = data.lang;
  var FIELDS = ["costs", "public_cash", "private_cash", "inkind_hours", "inkind_rate", "inkind_premises"];
  var number = new Intl.NumberFormat(lang === "sv" ? "sv-SE" : "en-GB", { maximumFractionDigits: 2 });

  function money(amount) {
    var text = number.format(amount);
    return lang === "sv" ? text + "\u00a0kr" : "SEK\u00a0" + text;
  }
  function hours(amount) { return number.format(amount); }
  function percent(basisPoints) {
    var text = number.format(basisPoints / 100);
    return lang === "sv" ? text + "\u00a0%" : text + "%";
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }
  function field(name) { return form.elements.namedItem(name); }

  /* Read every field; mark errors next to the field they belong to. */
  function readPlan() {
    var plan = { costs: 0, public_cash: 0, private_cash: 0, inkind_premises: 0, inkind_hours_scaled: 0n, inkind_rate_scaled: 0n };
    var valid = true;
    var values = {};
    FIELDS.forEach(function (name) {
      var input = field(name);
      var parsed = calc.parseAmount(input.value, lang, input.getAttribute("data-kind"));
      var error = document.getElementById("calc-" + name + "-error");
      if (parsed.error) {
        valid = false;
        var limit = input.getAttribute("data-kind") === "hours" ? hours(calc.LIMITS.hours) : money(calc.LIMITS.money);
        error.textContent = fill(strings["calc_error_" + parsed.error], { limit: limit });
        error.hidden = false;
        input.setAttribute("aria-invalid", "true");
        return;
      }
      error.textContent = "";
      error.hidden = true;
      input.removeAttribute("aria-invalid");
      values[name] = parsed;
      if (name === "inkind_hours" || name === "inkind_rate") plan[name + "_scaled"] = parsed.scaled;
      else plan[name] = Number(parsed.scaled / 100n);
    });
    return { plan: plan, valid: valid, hasCosts: valid && values.costs && !values.costs.empty, values: values };
  }

  function setOutput(name, text) { form.ownerDocument.querySelector('output[name="' + name + '"]').textContent = text; }

  function draw(read) {
    var results = document.querySelector(".calc__results");
    var warnings = results.querySelector(".calc__warnings");
    while (warnings.firstChild) warnings.removeChild(warnings.firstChild);
    if (!read.hasCosts) {
      ["support", "cofinancing_needed", "cofinancing", "balance"].forEach(function (name) { setOutput(name, "–"); });
      results.querySelector(".calc__limit").textContent = "";
      results.querySelector(".calc__verdict").textContent = read.valid ? strings.calc_verdict_empty : "";
      drawBar(null);
      return;
    }
    var r = calc.compute(read.plan, data.rule);
    setOutput("support", money(r.support));
    setOutput("cofinancing_needed", money(r.cofinancing_needed));
    setOutput("cofinancing", money(r.cofinancing));
    setOutput("balance", (r.balance < 0 ? "\u2212" : r.balance > 0 ? "+" : "") + money(Math.abs(r.balance)));
    var rule = { cap: money(data.rule.maxSupportSek), rate: percent(data.rule.maxRateBasisPoints) };
    results.querySelector(".calc__limit").textContent = fill(strings["calc_limit_" + r.limit], rule);
    var verdict = r.balance < 0 ? fill(strings.calc_verdict_missing, { amount: money(-r.balance) })
      : r.balance === 0 ? strings.calc_verdict_even
      : fill(strings.calc_verdict_over, { amount: money(r.balance), support: money(r.support_needed) });
    results.querySelector(".calc__verdict").textContent = verdict;
    r.warnings.forEach(function (key) {
      var item = document.createElement("li");
      item.textContent = fill(strings["calc_warning_" + key], { cash_costs: money(Math.max(0, read.plan.costs - r.in_kind)) });
      warnings.appendChild(item);
    });
    drawBar({
      support: r.support, public_cash: read.plan.public_cash, private_cash: read.plan.private_cash,
      time: r.time_value, premises: read.plan.inkind_premises, missing: Math.max(0, -r.balance)
    });
  }

  /* The stacked bar: each part's share of whichever is larger, the costs or the financing. */
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

  /* The address holds the plan: plain numbers, so a link works in either language. */
  function writeAddress(read) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) {
      var value = read.values[name];
      if (value && !value.empty) params.set(name, String(value.value));
      else if (!value && field(name).value.trim()) params.set(name, field(name).value.trim());
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function readAddress() {
    var params = new URLSearchParams(location.search);
    FIELDS.forEach(function (name) {
      if (!params.has(name)) return;
      var text = params.get(name);
      var kind = field(name).getAttribute("data-kind");
      var parsed = calc.parseAmount(text, "en", kind);
      field(name).value = parsed.error || parsed.empty ? text : (kind === "money" ? number.format(parsed.value) : number.format(parsed.value));
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
  print.addEventListener("click", function () { window.print(); });
  update();
})();
