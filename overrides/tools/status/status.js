/*
 * The call's phase, recomputed from the reader's clock, and the parts of a page
 * that hold only for a while.
 *
 * The build writes the phase as of the build into every page (status.html).
 * This script computes it again from the reader's clock, so a page cached or
 * saved before a deadline still tells the truth: the call is open from the
 * start of the opening day to the closing instant (both written by the build
 * from call/), decided from the decision's day; days left are counted in
 * calendar days of the call's time zone. macros/status.py is the same rule in
 * Python; examples.yml holds the two together.
 *
 * It also shows and hides what depends on time: [data-call-status-show="open
 * upcoming"] (an invitation to apply), [data-show-until=INSTANT] (an offer to
 * add a meeting to a calendar) and [data-show-from=INSTANT] ("held"). On the
 * site's list of calls it moves each call ([data-call-window]) to the group of
 * its phase, in the group's order, and says its phase again
 * (macros/call_list.py is the same order in Python).
 *
 * A classic script, so it runs from disk; Node loads the same file in tests.
 */
(function (root) {
  "use strict";

  var DAY_MS = 86400000;
  /* What a part shown in some phases counts an archived or a withdrawn call as (macros/status.py: SHOWN_AS). */
  var SHOWN_AS = { archived: ["archived", "decided", "closed"], withdrawn: ["withdrawn", "closed"] };

  /* --- computing ------------------------------------------------------- */

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

  /* { state: "upcoming"|"open"|"closed"|"decided"|"archived"|"withdrawn", daysLeft } for a moment (a Date). */
  function callStatus(window, moment) {
    var now = moment.getTime();
    if (window.withdrawnAt && now >= Date.parse(window.withdrawnAt)) return { state: "withdrawn", daysLeft: null };
    if (window.archivedAt && now >= Date.parse(window.archivedAt)) return { state: "archived", daysLeft: null };
    if (now < Date.parse(window.opensAt)) return { state: "upcoming", daysLeft: null };
    if (now >= Date.parse(window.closesAt)) {
      var decided = window.decidedAt && now >= Date.parse(window.decidedAt);
      return { state: decided ? "decided" : "closed", daysLeft: null };
    }
    return { state: "open", daysLeft: daysBetween(calendarDate(moment, window.timeZone), window.closesDate) };
  }

  /* Which interface string says it: a key of the strings table. */
  function messageKey(status) {
    if (status.state !== "open") return "status_" + status.state;
    if (status.daysLeft === 0) return "status_open_today";
    return status.daysLeft === 1 ? "status_open_one" : "status_open_many";
  }

  /* Whether a part shown in `phases` (a list) shows in `state`. */
  function shownIn(phases, state) {
    return (SHOWN_AS[state] || [state]).some(function (phase) { return phases.indexOf(phase) >= 0; });
  }

  /* Whether a part bounded in time shows at a moment. */
  function showsAt(from, until, moment) {
    var now = moment.getTime();
    return (!from || now >= Date.parse(from)) && (!until || now < Date.parse(until));
  }

  /* Where a call stands in the group of its phase: open by its closing, upcoming by its opening, the others latest
     first (by the decision, else the closing). */
  function listOrder(state, window) {
    if (state === "open") return Date.parse(window.closesAt);
    if (state === "upcoming") return Date.parse(window.opensAt);
    if (state === "archived") return -Date.parse(window.archivedAt);
    return -Date.parse(state === "decided" && window.decidedAt ? window.decidedAt : window.closesAt);
  }

  /* --- drawing --------------------------------------------------------- */

  /* Fill an element with a template, {opens}, {closes} and {decided} as <time> elements. */
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
        element.appendChild(document.createTextNode(value == null ? "" : String(value)));
      }
    });
  }

  function mount(moment) {
    var dataElement = document.getElementById("call-status-data");
    var element = document.querySelector(".call-status[data-call-status]");
    if (!dataElement || !element) return null;
    var data = JSON.parse(dataElement.textContent);
    var status = callStatus(data.window, moment);
    element.className = element.className.replace(/call-status--\w+/, "call-status--" + status.state);
    element.setAttribute("data-call-status", status.state);
    fill(element.querySelector(".call-status__text"), data.strings[messageKey(status)], {
      opens: data.opens, closes: data.closes, decided: data.decided, withdrawn: data.withdrawn, archived: data.archived,
      days: status.daysLeft
    });
    document.querySelectorAll("[data-call-status-show]").forEach(function (part) {
      part.hidden = !shownIn(part.getAttribute("data-call-status-show").split(" "), status.state);
    });
    document.querySelectorAll("[data-show-until], [data-show-from]").forEach(function (part) {
      part.hidden = !showsAt(part.getAttribute("data-show-from"), part.getAttribute("data-show-until"), moment);
    });
    return status;
  }

  /* Each call in the group of its phase, in the group's order; only those `type` (an applicant type's id, "" for
     any) may apply for are shown, and a withdrawn call (no group) not at all. How many are shown. */
  function showList(calls, type) {
    var count = 0;
    document.querySelectorAll("section[data-call-group]").forEach(function (group) {
      var state = group.getAttribute("data-call-group");
      var own = calls.filter(function (call) { return call.state === state; })
        .sort(function (first, second) { return first.order - second.order; });
      var list = group.querySelector("ul.call-list");
      if (!list) {
        list = document.createElement("ul");
        list.className = "call-list";
        group.appendChild(list);
      }
      var shown = 0;
      own.forEach(function (call) {
        list.appendChild(call.item);
        call.item.hidden = Boolean(type) && call.types.indexOf(type) < 0;
        if (!call.item.hidden) shown += 1;
      });
      list.hidden = shown === 0;
      var none = group.querySelector(".call-list-none");
      if (none) none.hidden = shown > 0;
      count += shown;
    });
    calls.forEach(function (call) {
      if (!document.querySelector('section[data-call-group="' + call.state + '"]')) call.item.hidden = true;
    });
    return count;
  }

  function mountList(moment) {
    var dataElement = document.getElementById("call-list-data");
    if (!dataElement) return;
    var strings = JSON.parse(dataElement.textContent);
    var calls = Array.prototype.slice.call(document.querySelectorAll("li[data-call-window]")).map(function (item) {
      var window = JSON.parse(item.getAttribute("data-call-window"));
      var dates = JSON.parse(item.getAttribute("data-call-dates"));
      var status = callStatus(window, moment);
      fill(item.querySelector(".call-list-status"), strings[messageKey(status)], {
        opens: dates.opens, closes: dates.closes, decided: dates.decided, withdrawn: dates.withdrawn, archived: dates.archived,
        days: status.daysLeft
      });
      return { item: item, state: status.state, order: listOrder(status.state, window),
               types: (item.getAttribute("data-applicant-types") || "").split(" ") };
    });
    showList(calls, "");
    /* On the start page, a choice of who may apply filters in place (each is also a page of its own, for a reader
       without JavaScript), and the page says how many calls it shows. */
    var filter = document.querySelector("nav[data-call-filter-live]");
    if (!filter) return;
    var said = filter.querySelector(".call-list-shown");
    filter.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-applicant-type]");
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      var count = showList(calls, link.getAttribute("data-applicant-type"));
      filter.querySelectorAll("a[data-applicant-type]").forEach(function (choice) {
        if (choice === link) choice.setAttribute("aria-current", "page");
        else choice.removeAttribute("aria-current");
      });
      fill(said, strings[count === 1 ? "calls_filter_shown_one" : "calls_filter_shown_many"], { count: count });
      try {
        window.history.replaceState(null, "", link.getAttribute("href"));  /* a reload shows the same choice */
      } catch (error) { /* a page opened from disk may not change its address: the filter still holds */ }
    });
  }

  var api = { calendarDate: calendarDate, callStatus: callStatus, messageKey: messageKey, showsAt: showsAt, listOrder: listOrder };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.CallStatus = api;
    mount(new Date());
    mountList(new Date());
  }
})(this);
