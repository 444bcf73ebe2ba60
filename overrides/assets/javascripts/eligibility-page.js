/*
 * The eligibility check's page: reads the form, asks eligibility.js, writes the
 * answer (announced politely), and keeps the answers in the address so that an
 * answer can be shared. Nothing is sent or stored. Every string comes from the
 * page's #eligibility-data table. A classic script, so it runs from disk.
 */
(function () {
  "use strict";
  var dataElement = document.getElementById("eligibility-data");
  var form = document.getElementById("eligibility");
  if (!dataElement || !form || !window.Eligibility) return;
  var data = JSON.parse(dataElement.textContent);
  var strings = data.strings;
  var FIELDS = ["applicant_type", "months", "norrbotten"];

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
      item.appendChild(document.createTextNode(fill(strings[point.key], {
        type: data.typeNames[value("applicant_type")] || "", months: point.months, max: data.maxText
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
    draw(window.Eligibility.assess(answers, data.rules));
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) { if (answers[name]) params.set(name, answers[name]); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  var params = new URLSearchParams(location.search);
  FIELDS.forEach(function (name) {
    if (!params.has(name)) return;
    var field = form.elements.namedItem(name);
    if (field instanceof RadioNodeList) {
      Array.prototype.forEach.call(field, function (radio) { radio.checked = radio.value === params.get(name); });
    } else {
      field.value = params.get(name);
    }
  });
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  if (location.search) update();
})();
