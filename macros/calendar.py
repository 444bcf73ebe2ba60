"""Calendar files (RFC 5545) for the call's opening and closing days, one set per language.

Each event runs through the whole day in the call's time zone, which the file
carries as a VTIMEZONE. File names and event UIDs stay the same when a date
changes, so a calendar that imported or subscribed to a file gets the update.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Calendar, Event
from zoneinfo import ZoneInfo

CALENDAR_FILES = {"opens": "calendar/opens.ics", "closes": "calendar/closes.ics"}


def call_uid(call: dict, which: str) -> str:
    """Stable for a call: from its Swedish title, not from any date."""
    digest = hashlib.sha256(call["title"]["sv"].encode("utf-8")).hexdigest()[:16]
    return f"{which}-{digest}@utlysning"


def day_event(call: dict, which: str, summary: str, description: str, stamp: dt.datetime, url: str) -> Calendar:
    zone = ZoneInfo(call["window"]["time_zone"])
    day = dt.date.fromisoformat(call["window"][which])
    calendar = Calendar()
    calendar.add("prodid", "-//utlysning//call site//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", call_uid(call, which))
    event.add("dtstamp", stamp.astimezone(dt.timezone.utc))
    event.add("dtstart", dt.datetime.combine(day, dt.time(0), zone))
    event.add("dtend", dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), zone))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    if url:
        event.add("url", url)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar
