"""The call's key dates, once, in order: the one model the timeline, the calendar files, the feeds and the
CommonGrants opportunity read.

Dates come from the data only: the opening and closing days (and a closing time where the call gives one),
each information meeting, the last day for questions, and the decision (taken, or else expected).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyDate:
    kind: str  # opens | closes | event | questions_until | decided | decision_expected
    ident: str  # stable whatever the date: "opens", "closes", "event-<id>", … (calendar files, anchors, record keys)
    day: str  # the local day it falls on (ISO)
    time: str | None = None  # the local time of day where the data gives one (a closing time, a meeting's start)
    ends: str | None = None  # where it ends, local ("2019-02-12T15:00"): meetings
    event: dict | None = None  # the meeting's own data (name, place, links)

    @property
    def label(self) -> str:
        """The interface string that names it (macros/strings): timeline_opens, timeline_event, …"""
        return f"timeline_{self.kind}"

    @property
    def has_calendar(self) -> bool:
        """Whether readers may add it to a calendar (macros/calendar.py writes a file for each)."""
        return self.kind in ("opens", "closes", "event")

    @property
    def calendar_path(self) -> str:
        """Where its calendar file lies, relative to its language's root (never dependent on a date)."""
        return f"calendar/{self.ident}.ics"

    def _order(self) -> str:
        # Within a day: meetings at their hour, then the last day for questions, then the closing day.
        late = {"questions_until": "T98", "closes": "T99"}
        return self.day + (f"T{self.time}" if self.kind == "event" else late.get(self.kind, ""))


def key_dates(call: dict) -> list[KeyDate]:
    """Every key date of the call, in the order a reader meets them."""
    window = call["window"]
    found = [KeyDate("opens", "opens", window["opens"]),
             KeyDate("closes", "closes", window["closes"], window.get("closes_time"))]
    for event in call.get("events", []):
        day, _, time = event["starts"].partition("T")
        found.append(KeyDate("event", f"event-{event['id']}", day, time, event["ends"], event))
    if call.get("questions_until"):
        found.append(KeyDate("questions_until", "questions_until", call["questions_until"]))
    outcome = call.get("outcome") or {}
    if outcome.get("decided"):
        found.append(KeyDate("decided", "decided", outcome["decided"]))
    elif outcome.get("decision_expected"):
        found.append(KeyDate("decision_expected", "decision_expected", outcome["decision_expected"]))
    return sorted(found, key=KeyDate._order)


def meeting_label(template: str, name: str) -> str:
    """A meeting as the key dates and its calendar file name it ("Informationsmöte: Digitalt möte"), but
    never the kind twice: a meeting the editor named "Informationsmöte" is just that."""
    kind = template.split("{name}")[0].strip(" :–-")
    if kind and name.strip().lower().startswith(kind.lower()):
        return name
    return template.replace("{name}", name)
