"""The call's key dates: the window drawn to scale, and every date listed in order with <time>.

Dates come from the data only: opening and closing day (and a closing time
where the call gives one), information meetings, the last day for questions,
the expected or actual decision, and the longest project. An offer to add a
date to a calendar shows only while the date is ahead: hidden by the build
once it has passed, and hidden live by status.js ([data-show-until]).
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup, escape

from . import formatting as fmt
from .calendar import calendar_path
from .instants import day_start, local_instant, window_instants
from .key_dates import key_dates, meeting_label
from .languages import Language
from .view import fill_markup, hidden_at_build, link, moment_element, plain, text, time_element


def until(instant: dt.datetime, moment: dt.datetime) -> str:
    """Attributes of a part that shows until an instant: hidden already if the build is later."""
    return f' data-show-until="{instant.isoformat()}"{hidden_at_build(moment < instant)}'


def since(instant: dt.datetime, moment: dt.datetime) -> str:
    return f' data-show-from="{instant.isoformat()}"{hidden_at_build(moment >= instant)}'


def calendar_offer(path: str, starts: dt.datetime, lang: Language, moment: dt.datetime) -> str:
    label = escape(lang.strings["calendar_add"])
    return f' <a class="call-timeline__calendar" href="{escape(path)}" download{until(starts, moment)}>{label}</a>'


def _same_day(event: dict) -> bool:
    return event["starts"].partition("T")[0] == event["ends"].partition("T")[0]


def event_when_text(event: dict, lang: Language) -> str:
    """'12 februari 2019 kl. 13.00–15.00', or both dates and times when it runs over several days: plain text
    (the feed's), and what event_when puts in <time>."""
    start_day, _, start_time = event["starts"].partition("T")
    end_day, _, end_time = event["ends"].partition("T")
    if _same_day(event):
        times = fmt.fill_template(lang.formats["time_range"], start=fmt.format_time(start_time, lang),
                                  end=fmt.format_time(end_time, lang))
        return fmt.fill_template(lang.formats["date_time"], date=fmt.format_date(start_day, lang), time=times)
    return "–".join(fmt.fill_template(lang.formats["date_time"], date=fmt.format_date(day, lang), time=fmt.format_time(time, lang))
                    for day, time in ((start_day, start_time), (end_day, end_time)))


def event_when(event: dict, lang: Language) -> Markup:
    """The same in <time>: one element on one day, one for each end over several."""
    if _same_day(event):
        return Markup(f'<time datetime="{escape(event["starts"])}">{escape(event_when_text(event, lang))}</time>')
    return moment_element(event["starts"], lang) + Markup("–") + moment_element(event["ends"], lang)


def event_details(call: dict, event: dict, lang: Language, moment: dt.datetime) -> Markup:
    """Where, how to register and by when, and once held, that it was held and its recording.
    Each part is its own span, so a part hidden by time takes its separator with it."""
    strings, parts = lang.strings, []
    if event.get("place"):
        parts.append(f"<span>{fill_markup(strings['event_place'], place=text(event['place'], lang))}</span>")
    starts, ends = local_instant(call, event["starts"]), local_instant(call, event["ends"])
    if event.get("online"):
        parts.append(f'<span{until(ends, moment)}><a href="{escape(event["online"])}">{escape(strings["event_online"])}</a></span>')
    if event.get("registration"):
        closes = day_start(call, event["registration_closes"]) + dt.timedelta(days=1) if event.get("registration_closes") else starts
        registration = link(event["registration"], strings["event_register"])
        if event.get("registration_closes"):
            registration += Markup(" ") + fill_markup(strings["event_register_by"], date=time_element(event["registration_closes"], lang))
        parts.append(f"<span{until(closes, moment)}>{registration}</span>")
    held = escape(strings["event_held"])
    if event.get("recording"):
        held += Markup(" ") + link(event["recording"], strings["event_recording"])
    parts.append(f'<span class="call-event__held"{since(ends, moment)}>{held}</span>')
    return Markup("".join(parts))


def event_anchor(event: dict) -> str:
    """A meeting's place among the key dates, the same in every language (the feed links to it)."""
    return f"event-{event['id']}"


def timeline(call: dict, lang: Language, moment: dt.datetime) -> Markup:
    """The call window and the longest project drawn to scale (SVG), and every key date listed."""
    strings, window = lang.strings, call["window"]
    opens_at, closes_at = window_instants(window)
    opens, closes = (dt.date.fromisoformat(window[key]) for key in ("opens", "closes"))
    window_days = (closes - opens).days + 1
    project_days = round(call["max_project_months"] * 365.25 / 12)
    window_width = max(2.0, 100 * window_days / (window_days + project_days))
    picture = (
        '<svg class="call-timeline__bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">'
        f'<rect class="call-timeline__window" x="0" y="0" width="{window_width:.2f}" height="6"/>'
        f'<rect class="call-timeline__project" x="{window_width:.2f}" y="1.5" width="{100 - window_width:.2f}" height="3"/>'
        "</svg>"
    )
    items = []
    for key_date in key_dates(call):
        kind, extra, anchor = key_date.kind, "", ""
        label = escape(strings[key_date.label])
        if kind == "opens":
            # "The call opens" until it has, "The call opened" after: the reader's clock keeps the tense true.
            label = Markup(f'<span{until(opens_at, moment)}>{label}</span>'
                           f'<span{since(opens_at, moment)}>{escape(strings["timeline_opened"])}</span>')
            extra = calendar_offer(calendar_path("opens"), opens_at, lang, moment)
        elif kind == "closes":
            extra = calendar_offer(calendar_path("closes"), closes_at, lang, moment)
        elif kind == "event":
            event = key_date.event
            label = escape(meeting_label(strings[key_date.label], plain(event["name"], lang)))
            extra = (calendar_offer(calendar_path(key_date.ident), local_instant(call, event["starts"]), lang, moment)
                     + f'<br><span class="call-event__details">{event_details(call, event, lang, moment)}</span>')
            anchor = f' id="{escape(event_anchor(event))}"'
        when = event_when(key_date.event, lang) if kind == "event" else time_element(key_date.day, lang, key_date.time)
        css = {"questions_until": "questions", "decided": "decision", "decision_expected": "decision"}.get(kind, kind)
        items.append(f'<li class="call-timeline__event call-timeline__event--{css}"{anchor}><span class="call-timeline__what">'
                     f"{label}</span> {when}{extra}</li>")
    months = escape(fmt.format_months(call["max_project_months"], lang))
    items = "".join(items)
    items += f'<li class="call-timeline__event call-timeline__event--project">{fill_markup(strings["timeline_project"], months=months)}</li>'
    return Markup(f'<div class="call-timeline">{picture}<ol class="call-timeline__events">{items}</ol></div>')
