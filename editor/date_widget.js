/* The form's date (and date and time) field: a text field that takes 2027-03-31 (or 2027-03-31 14:00), and a
 * calendar in the editor's language beside it, from the browser's own names for months and weekdays (Intl), whatever
 * language the browser itself is in. Decap's own date field is the browser's, whose picker speaks the browser's
 * language. It writes the schema's form (2027-03-31, 2027-03-31T14:00); what does not read as a date is kept as
 * typed and named on the field, so that the form never shows one value and saves another.
 *
 * Keys in the calendar: arrows move a day or a week, Page Up and Page Down a month, Home and End to the week's
 * first and last day, Enter or Space chooses, Escape closes. Plain JavaScript with Decap's React helpers.
 */
(function () {
  "use strict";

  var WORDS = (function () {
    var element = document.getElementById("editor-strings");
    return element ? JSON.parse(element.textContent) : {};
  })();
  var LANG = document.documentElement.lang || undefined;  // the editor's language (index.html); else the browser's
  var DATE = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/;
  var DATE_TIME = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})\s*$/;

  function pad(number) { return (number < 10 ? "0" : "") + number; }

  function iso(day) { return day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate()); }

  /* {date: Date, time: "HH:MM" or ""} from what is typed, or null when it is no date of the calendar. */
  function parse(text, withTime) {
    var found = (withTime ? DATE_TIME : DATE).exec(text || "");
    if (!found) return null;
    var day = new Date(Number(found[1]), Number(found[2]) - 1, Number(found[3]));
    if (iso(day) !== found[1] + "-" + found[2] + "-" + found[3]) return null;
    if (withTime && (Number(found[4]) > 23 || Number(found[5]) > 59)) return null;
    return { date: day, time: withTime ? found[4] + ":" + found[5] : "" };
  }

  function shown(value, withTime) { return String(value || "").replace(withTime ? "T" : /$^/, " "); }

  function addDays(day, count) { return new Date(day.getFullYear(), day.getMonth(), day.getDate() + count); }

  function addMonths(day, count) {
    var last = new Date(day.getFullYear(), day.getMonth() + count + 1, 0).getDate();
    return new Date(day.getFullYear(), day.getMonth() + count, Math.min(day.getDate(), last));
  }

  function firstWeekday() {  // 1 = Monday … 7 = Sunday, as the language's calendar has it
    try {
      var info = new Intl.Locale(LANG).weekInfo || new Intl.Locale(LANG).getWeekInfo();
      return info.firstDay;
    } catch (error) {
      return 1;
    }
  }

  var MONTH = new Intl.DateTimeFormat(LANG, { month: "long", year: "numeric" });
  var LONG = new Intl.DateTimeFormat(LANG, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  var WEEKDAY = new Intl.DateTimeFormat(LANG, { weekday: "short" });
  var WEEKDAY_LONG = new Intl.DateTimeFormat(LANG, { weekday: "long" });

  var DateControl = createClass({
    getInitialState: function () {
      return { open: false, focused: null };
    },

    withTime: function () { return !!this.props.field.get("time"); },

    isValid: function () {
      var value = this.props.value;
      if (value === undefined || value === null || value === "") return true;  // a missing date: Decap's "required"
      if (parse(shown(value, this.withTime()), this.withTime())) return true;
      var message = this.withTime() ? WORDS.datetime_invalid : WORDS.date_invalid;
      return { error: { message: message || "" } };
    },

    typed: function (text) {
      var found = parse(text, this.withTime());
      if (!found) {
        this.props.onChange(text.trim() === "" ? "" : text);  // kept as typed, and named as wrong (isValid)
        return;
      }
      this.props.onChange(iso(found.date) + (found.time ? "T" + found.time : ""));
    },

    /* A day chosen in the calendar keeps the time the field holds; without one, the field asks for it (the form
       never makes up an hour), and the cursor waits after the date for it. */
    chosen: function (day) {
      var found = parse(shown(this.props.value, this.withTime()), this.withTime());
      var time = found && found.time;
      this.props.onChange(iso(day) + (time ? "T" + time : ""));
      this.close();
      if (this.withTime() && !time) {
        var input = document.getElementById(this.props.forID);
        if (input) input.focus();
      }
    },

    toggle: function () {
      if (this.state.open) {
        this.close();
        return;
      }
      var found = parse(shown(this.props.value, this.withTime()), this.withTime());
      this.setState({ open: true, focused: found ? found.date : new Date() });
    },

    close: function () {
      this.setState({ open: false });
      var button = document.getElementById(this.props.forID + "-kalenderknapp");
      if (button) button.focus();
    },

    componentDidUpdate: function (previous, before) {
      if (this.state.open && this.state.focused && (!before.open || +before.focused !== +this.state.focused)) {
        var day = document.querySelector("#" + CSS.escape(this.props.forID + "-kalender") + " [data-dag='" + iso(this.state.focused) + "']");
        if (day) day.focus();
      }
    },

    key: function (event) {
      var focused = this.state.focused, next = null;
      var start = firstWeekday() % 7, offset = (focused.getDay() - start + 7) % 7;
      switch (event.key) {
        case "ArrowLeft": next = addDays(focused, -1); break;
        case "ArrowRight": next = addDays(focused, 1); break;
        case "ArrowUp": next = addDays(focused, -7); break;
        case "ArrowDown": next = addDays(focused, 7); break;
        case "PageUp": next = addMonths(focused, -1); break;
        case "PageDown": next = addMonths(focused, 1); break;
        case "Home": next = addDays(focused, -offset); break;
        case "End": next = addDays(focused, 6 - offset); break;
        case "Escape": event.preventDefault(); this.close(); return;
        default: return;
      }
      event.preventDefault();
      this.setState({ focused: next });
    },

    calendar: function () {
      var self = this, focused = this.state.focused, id = this.props.forID + "-kalender";
      var found = parse(shown(this.props.value, this.withTime()), this.withTime());
      var chosen = found ? iso(found.date) : "", today = iso(new Date());
      var start = firstWeekday() % 7;
      var first = new Date(focused.getFullYear(), focused.getMonth(), 1);
      var day = addDays(first, -((first.getDay() - start + 7) % 7));
      var weeks = [];
      while (weeks.length < 6 && (weeks.length === 0 || day.getMonth() === focused.getMonth())) {
        var week = [];
        for (var index = 0; index < 7; index += 1) {
          week.push(day);
          day = addDays(day, 1);
        }
        weeks.push(week);
      }
      var title = MONTH.format(focused);
      return h("div", { id: id, className: "datum__kalender", role: "dialog", "aria-label": title, onKeyDown: this.key },
        h("div", { className: "datum__huvud" },
          h("button", { type: "button", className: "datum__bladdra", "aria-label": WORDS.date_previous,
                        onClick: function () { self.setState({ focused: addMonths(focused, -1) }); } }, "‹"),
          h("p", { className: "datum__manad", "aria-live": "polite" }, title),
          h("button", { type: "button", className: "datum__bladdra", "aria-label": WORDS.date_next,
                        onClick: function () { self.setState({ focused: addMonths(focused, 1) }); } }, "›")),
        h("table", { className: "datum__tabell", role: "grid", "aria-label": title },
          h("thead", {}, h("tr", {}, weeks[0].map(function (weekday) {
            return h("th", { key: weekday.getDay(), scope: "col", abbr: WEEKDAY_LONG.format(weekday) }, WEEKDAY.format(weekday));
          }))),
          h("tbody", {}, weeks.map(function (days, row) {
            return h("tr", { key: row }, days.map(function (date) {
              var name = iso(date), here = date.getMonth() === focused.getMonth();
              return h("td", { key: name, role: "gridcell", "aria-selected": name === chosen ? "true" : "false" },
                h("button", {
                  type: "button", "data-dag": name, tabIndex: name === iso(focused) ? 0 : -1,
                  className: "datum__dag" + (here ? "" : " datum__dag--annan") + (name === chosen ? " datum__dag--vald" : ""),
                  "aria-label": LONG.format(date), "aria-current": name === today ? "date" : undefined,
                  onClick: function () { self.chosen(date); }
                }, String(date.getDate())));
            }));
          }))));
    },

    render: function () {
      var self = this, id = this.props.forID, withTime = this.withTime();
      return h("div", { className: "datum" },
        h("div", { className: "datum__rad" },
          h("input", {
            id: id, type: "text", className: "datum__falt" + (withTime ? " datum__falt--tid" : ""),
            inputMode: "numeric", autoComplete: "off", spellCheck: false,
            value: shown(this.props.value, withTime),
            onChange: function (event) { self.typed(event.target.value); },
            onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle
          }),
          h("button", { id: id + "-kalenderknapp", type: "button", className: "datum__oppna", "aria-expanded": this.state.open ? "true" : "false",
                        "aria-controls": id + "-kalender", onClick: this.toggle,
                        "aria-label": (this.state.open ? WORDS.date_close : WORDS.date_open) + ": " + this.props.field.get("label") },
            this.state.open ? WORDS.date_close : WORDS.date_open)),
        this.state.open ? this.calendar() : null);
    }
  });

  CMS.registerWidget("datum", DateControl, function (props) { return h("p", {}, shown(props.value, !!props.field.get("time"))); });
})();
