"""Time zones and instants, in one place: every moment of the call is read in its own time zone
(window.time_zone, Europe/Stockholm for the reference call), whatever the reader's or the build
machine's, and across changes to and from summer time.

- `build_moment()`: 'now' for the build (SOURCE_DATE_EPOCH for reproducible builds, else the clock);
- `window_instants(window)`: the call open from the start of its opening day to the closing time
  the data gives, or else to the end of the closing day (the fair reading of a date without an hour);
- `local_instant`, `day_start`, `decided_instant`: a local date and time, the start of a day and
  the start of the decision's day, as instants;
- `local_day(window, moment)`: the call's calendar day at a moment.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo


def build_moment() -> dt.datetime:
    """'Now' for the build: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


def zone_of(call: dict) -> ZoneInfo:
    return ZoneInfo(call["window"]["time_zone"])


def window_instants(window: dict) -> tuple[dt.datetime, dt.datetime]:
    """Opening and closing instants in the call's time zone (summer time included): from the
    start of the opening day to the closing time the data gives, or else to the end of the
    closing day, the fair reading of a closing date given without an hour."""
    zone = ZoneInfo(window["time_zone"])
    opens = dt.datetime.combine(dt.date.fromisoformat(window["opens"]), dt.time(0), zone)
    closes_day = dt.date.fromisoformat(window["closes"])
    if window.get("closes_time"):
        closes = dt.datetime.combine(closes_day, dt.time.fromisoformat(window["closes_time"]), zone)
    else:
        closes = dt.datetime.combine(closes_day + dt.timedelta(days=1), dt.time(0), zone)
    return opens, closes


def local_instant(call: dict, local: str) -> dt.datetime:
    """A local date and time of the call ("2019-02-12T13:00") as an instant in its time zone."""
    return dt.datetime.fromisoformat(local).replace(tzinfo=zone_of(call))


def day_start(call: dict, day: str) -> dt.datetime:
    """The start of a day ("2019-03-31") in the call's time zone."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(0), zone_of(call))


def decided_instant(call: dict) -> dt.datetime | None:
    """The start of the decision's day in the call's time zone, if the data holds a decision."""
    decided = (call.get("outcome") or {}).get("decided")
    return day_start(call, decided) if decided else None


def withdrawn_instant(call: dict) -> dt.datetime | None:
    """The start of the day the funder withdrew the call from, if it did (call.yml: withdrawn)."""
    return day_start(call, call["withdrawn"]) if call.get("withdrawn") else None


def archived_instant(call: dict) -> dt.datetime | None:
    """The start of the day the call is archived from, if it is (call.yml: archived)."""
    return day_start(call, call["archived"]) if call.get("archived") else None


def local_day(window: dict, moment: dt.datetime) -> dt.date:
    """The call's calendar day at a moment."""
    return moment.astimezone(ZoneInfo(window["time_zone"])).date()
