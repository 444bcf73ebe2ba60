"""The call's key dates: the window drawn to scale, and every date listed in order.

Dates come from the data only: opening and closing day (and a closing time
where the call gives one), information meetings, the last day for questions,
the expected or actual decision, and the longest project. An offer to add a
date to a calendar shows only while the date is ahead: hidden by the build
once it has passed, and hidden live by status.js ([data-show-until]).
Data in, view models out; overrides/components/timeline/ draws them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import formatting as fmt
from . import pieces as pc
from .instants import day_start, local_instant, window_instants
from .key_dates import KeyDate, key_dates, meeting_label
from .languages import Language
from .pieces import Bound, Pieces
from .view import plain


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


def event_when(event: dict, lang: Language) -> Pieces:
    """The same as dates: one on one day, one for each end over several."""
    if _same_day(event):
        return (pc.When(event["starts"], event_when_text(event, lang)),)
    return (*pc.moment(event["starts"], lang), pc.Words("–"), *pc.moment(event["ends"], lang))


@dataclass(frozen=True)
class EventPart:
    """One part of a meeting's details, with the class and the time bound of its span."""
    pieces: Pieces
    bound: Bound | None = None
    css_class: str = ""


def event_details(call: dict, event: dict, lang: Language, moment: dt.datetime) -> tuple[EventPart, ...]:
    """Where, how to register and by when, and once held, that it was held and its recording."""
    strings, parts = lang.strings, []
    if event.get("place"):
        parts.append(EventPart(pc.filled(strings["event_place"], place=pc.text(event["place"], lang))))
    starts, ends = local_instant(call, event["starts"]), local_instant(call, event["ends"])
    if event.get("online"):
        parts.append(EventPart(pc.link(event["online"], strings["event_online"]), pc.until(ends, moment)))
    if event.get("registration"):
        closes = day_start(call, event["registration_closes"]) + dt.timedelta(days=1) if event.get("registration_closes") else starts
        registration = pc.link(event["registration"], strings["event_register"])
        if event.get("registration_closes"):
            registration += (pc.Words(" "), *pc.filled(strings["event_register_by"], date=pc.date(event["registration_closes"], lang)))
        parts.append(EventPart(registration, pc.until(closes, moment)))
    held = pc.words(strings["event_held"])
    if event.get("recording"):
        held += (pc.Words(" "), *pc.link(event["recording"], strings["event_recording"]))
    parts.append(EventPart(held, pc.since(ends, moment), "call-event__held"))
    return tuple(parts)


def event_anchor(event: dict) -> str:
    """A meeting's place among the key dates, the same in every language (the feed links to it)."""
    return f"event-{event['id']}"


@dataclass(frozen=True)
class Tense:
    """A label that holds for a while ("opens" until it has, "opened" after)."""
    text: str
    bound: Bound


@dataclass(frozen=True)
class CalendarOffer:
    """A key date's calendar file, offered until the date has passed."""
    href: str
    label: str
    bound: Bound


@dataclass(frozen=True)
class KeyDateItem:
    """One key date of the timeline as the page lists it."""
    css: str
    anchor: str
    label: str
    tenses: tuple  # Tense: the label in the tense the reader's clock gives it, instead of label
    when: Pieces
    calendar: CalendarOffer | None
    details: tuple  # EventPart, for a meeting


@dataclass(frozen=True)
class Timeline:
    """The call window and the longest project drawn to scale, and every key date listed."""
    window_width: str
    project_width: str
    items: tuple
    project: Pieces


def timeline(call: dict, lang: Language, moment: dt.datetime) -> Timeline:
    strings, window = lang.strings, call["window"]
    opens_at, closes_at = window_instants(window)
    opens, closes = (dt.date.fromisoformat(window[key]) for key in ("opens", "closes"))
    window_days = (closes - opens).days + 1
    project_days = round(call["max_project_months"] * 365.25 / 12)
    window_width = max(2.0, 100 * window_days / (window_days + project_days))

    def offer(key_date: KeyDate, starts: dt.datetime) -> CalendarOffer:
        return CalendarOffer(key_date.calendar_path, strings["calendar_add"], pc.until(starts, moment))

    items = []
    for key_date in key_dates(call):
        kind, label, tenses, calendar, details, anchor = key_date.kind, strings[key_date.label], (), None, (), ""
        if kind == "opens":
            # "The call opens" until it has, "The call opened" after: the reader's clock keeps the tense true.
            tenses = (Tense(label, pc.until(opens_at, moment)), Tense(strings["timeline_opened"], pc.since(opens_at, moment)))
            calendar = offer(key_date, opens_at)
        elif kind == "closes":
            calendar = offer(key_date, closes_at)
        elif kind == "event":
            event = key_date.event
            label = meeting_label(label, plain(event["name"], lang))
            calendar = offer(key_date, local_instant(call, event["starts"]))
            details = event_details(call, event, lang, moment)
            anchor = event_anchor(event)
        when = event_when(key_date.event, lang) if kind == "event" else pc.date(key_date.day, lang, key_date.time)
        css = {"questions_until": "questions", "decided": "decision", "decision_expected": "decision"}.get(kind, kind)
        items.append(KeyDateItem(css, anchor, label, tenses, when, calendar, details))
    project = pc.filled(strings["timeline_project"], months=fmt.format_months(call["max_project_months"], lang))
    return Timeline(f"{window_width:.2f}", f"{100 - window_width:.2f}", tuple(items), project)
