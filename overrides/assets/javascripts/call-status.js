/*
 * The call's status, recomputed from the reader's clock.
 *
 * The build writes the status as of the build into every page
 * (partials/call-status.html). This script computes it again from the
 * reader's clock, so a page cached or saved before a deadline still tells the
 * truth. The call is open from the start of the opening day to the end of the
 * closing day in Stockholm, whatever the reader's time zone: the exact
 * instants come from the build (data-opens, data-closes-at), and days left
 * are counted in Stockholm calendar days. macros/status.py is the same rule in Python.
 *
 * A classic script, so it runs from disk; Node loads the same file in tests
 * (module.exports). Computing and drawing are kept apart.
 */
(function (root) {
  "use strict";

  var DAY_MS = 86400000;

  /* "YYYY-MM-DD" of an instant, as the calendar shows it in timeZone. */
  function calendarDate(instant, timeZone) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(instant)
      .forEach(function (part) { parts[part.type] = part.value; });
    return parts.year + "-" + parts.month + "-" + parts.day;
  }

  function daysBetween(fromDate, toDate) {
    return Math.round((Date.parse(toDate + "T00:00:00Z") - Date.parse(fromDate + "T00:00:00Z")) / DAY_MS);
  }

  /* { state: "upcoming"|"open"|"closed", daysLeft } for a moment (a Date). */
  function callStatus(window, moment) {
    var now = moment.getTime();
    if (now < Date.parse(window.opensAt)) return { state: "upcoming", daysLeft: null };
    if (now >= Date.parse(window.closesAt)) return { state: "closed", daysLeft: null };
    return { state: "open", daysLeft: daysBetween(calendarDate(moment, window.timeZone), window.closesDate) };
  }

  /* Which interface string says it: a key of the strings table. */
  function messageKey(status) {
    if (status.state !== "open") return "status_" + status.state;
    if (status.daysLeft === 0) return "status_open_today";
    return status.daysLeft === 1 ? "status_open_one" : "status_open_many";
  }

  /* --- drawing ---------------------------------------------------------- */

  /* Fill an element with a template, "{opens}" and "{closes}" as <time> elements. */
  function fill(element, template, values) {
    while (element.firstChild) element.removeChild(element.firstChild);
    template.split(/(\{\w+\})/).forEach(function (piece) {
      var name = /^\{(\w+)\}$/.exec(piece);
      if (!name) { element.appendChild(document.createTextNode(piece)); return; }
      var value = values[name[1]];
      if (value && value.datetime) {
        var time = document.createElement("time");
        time.setAttribute("datetime", value.datetime);
        time.textContent = value.text;
        element.appendChild(time);
      } else {
        element.appendChild(document.createTextNode(String(value)));
      }
    });
  }

  function mount(element, moment) {
    var data = JSON.parse(document.getElementById("call-status-data").textContent);
    var status = callStatus(data.window, moment);
    element.setAttribute("data-call-status", status.state);
    fill(element.querySelector(".call-status__text"), data.strings[messageKey(status)], {
      opens: data.opens, closes: data.closes, days: status.daysLeft
    });
    /* Parts of a page that hold only in some states (the invitation to apply). */
    document.querySelectorAll("[data-call-status-show]").forEach(function (part) {
      part.hidden = part.getAttribute("data-call-status-show").split(" ").indexOf(status.state) < 0;
    });
    return status;
  }

  var api = { calendarDate: calendarDate, callStatus: callStatus, messageKey: messageKey };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.CallStatus = api;
    var element = document.querySelector("[data-call-status]");
    if (element && document.getElementById("call-status-data")) mount(element, new Date());
  }
})(this);
