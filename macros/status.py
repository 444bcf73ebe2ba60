"""Whether the call is upcoming, open or closed at a given moment, and how many days are left.

The call is open from the start of the opening day to the end of the closing
day in its time zone (Europe/Stockholm), whatever the reader's time zone and
across summer-time changes. Days left are Stockholm calendar days to the
closing date: 0 on the closing day itself.
overrides/assets/javascripts/call-status.js does the same in the browser.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from .view import window_instants


@dataclass(frozen=True)
class Status:
    state: str  # "upcoming" | "open" | "closed"
    days_left: int | None  # only when open


def build_moment() -> dt.datetime:
    """'Now' for the build: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


def call_status(window: dict, moment: dt.datetime) -> Status:
    opens_at, closes_at = window_instants(window)
    if moment < opens_at:
        return Status("upcoming", None)
    if moment >= closes_at:
        return Status("closed", None)
    today = moment.astimezone(ZoneInfo(window["time_zone"])).date()
    return Status("open", (dt.date.fromisoformat(window["closes"]) - today).days)


def message_key(status: Status) -> str:
    """Which interface string says it (the same choice as messageKey in call-status.js)."""
    if status.state != "open":
        return f"status_{status.state}"
    if status.days_left == 0:
        return "status_open_today"
    return "status_open_one" if status.days_left == 1 else "status_open_many"
