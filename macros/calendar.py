"""Calendar files (RFC 5545) for the call's key dates, one set per language.

The opening and closing days are all-day events, unless the call gives a
closing time, which is then the event's moment. Each information meeting has
its own file, in the call's time zone (which every file carries as a
VTIMEZONE). File names and UIDs never depend on a date, so a calendar that
imported a file recognises the event when a date changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Calendar, Event

from . import formatting as fmt
from .instants import local_instant, window_instants
from .key_dates import key_dates, meeting_label
from .languages import Language
from .view import plain


def call_uid(call: dict, which: str) -> str:
    """Stable for a call: from its authoritative title, never from a date."""
    source = next(entry["code"] for entry in call["languages"] if entry.get("authoritative"))
    digest = hashlib.sha256(call["title"][source].encode("utf-8")).hexdigest()[:16]
    return f"{which}-{digest}@utlysning"


def _calendar(event: Event, zone: str | None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//utlysning//call site//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    if zone:
        calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(uid: str, summary: str, description: str, stamp: dt.datetime, url: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(dt.timezone.utc))
    event.add("summary", summary)
    event.add("description", description)
    if url:
        event.add("url", url)
    return event


def window_event(call: dict, which: str, lang: Language, stamp: dt.datetime, site_url: str) -> bytes:
    """The opening or closing day: all day, or the closing moment where the call gives a time."""
    strings, window = lang.strings, call["window"]
    title = plain(call["title"], lang)
    eservice = plain(call["application"]["eservice"]["name"], lang)
    # Where to read more: the call's own page where the build knows its address, and always whom to ask;
    # never the e-service, which says nothing of the call.
    contact = call["contact"]
    description = fmt.fill_template(strings["calendar_description"], eservice=eservice,
                                    contact=f"{contact['name']}, {contact['email']}")
    if site_url:
        description += " " + fmt.fill_template(strings["calendar_more"], url=site_url)
    event = _event(call_uid(call, which), fmt.fill_template(strings[f"calendar_{which}_summary"], title=title),
                   description, stamp, site_url)
    day = dt.date.fromisoformat(window[which])
    zone = None
    if which == "closes" and window.get("closes_time"):
        zone = window["time_zone"]
        event.add("dtstart", window_instants(window)[1])
    else:
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    return _calendar(event, zone)


def meeting_event(call: dict, meeting: dict, lang: Language, stamp: dt.datetime, site_url: str) -> bytes:
    """An information meeting, from its start to its end in the call's time zone."""
    name = plain(meeting["name"], lang)
    summary = meeting_label(lang.strings["timeline_event"], name)
    url = meeting.get("online") or meeting.get("registration") or site_url
    event = _event(call_uid(call, f"event-{meeting['id']}"), summary, plain(call["title"], lang), stamp, url)
    event.add("dtstart", local_instant(call, meeting["starts"]))
    event.add("dtend", local_instant(call, meeting["ends"]))
    if meeting.get("place"):
        event.add("location", plain(meeting["place"], lang))
    elif meeting.get("online"):
        event.add("location", meeting["online"])
    return _calendar(event, call["window"]["time_zone"])


def calendar_files(call: dict, lang: Language, stamp: dt.datetime, site_url: str) -> dict[str, bytes]:
    """Every calendar file of one language (the key dates that have one): path relative to its root -> contents."""
    return {key_date.calendar_path: meeting_event(call, key_date.event, lang, stamp, site_url) if key_date.event
            else window_event(call, key_date.kind, lang, stamp, site_url)
            for key_date in key_dates(call) if key_date.has_calendar}
