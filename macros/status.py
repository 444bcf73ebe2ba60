"""The call's phase at a moment: upcoming, open, closed or decided (or archived, or withdrawn), and how many days are left.

The call is open from the start of the opening day to the closing time the data
gives, or else to the end of the closing day, in its time zone (Europe/Stockholm),
whatever the reader's time zone and across summer-time changes. It is decided
from the start of the decision's day, once the data holds one. Days left are
Stockholm calendar days to the closing date: 0 on the closing day itself. A call
the funder withdrew is withdrawn from the start of that day, whatever its dates
say; an archived call is archived from the start of its day (after it closed).
overrides/tools/status/status.js does the same in the browser; the examples in
overrides/tools/status/examples.yml hold the two together.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .instants import archived_instant, decided_instant, local_day, window_instants, withdrawn_instant

PHASES = ("upcoming", "open", "closed", "decided", "archived", "withdrawn")
# What a part shown in some phases counts an archived or a withdrawn call as: its own phase, then the ones it ended
# in (an archived call is closed and may be decided; a withdrawn one takes no more applications). status.js: SHOWN_AS.
SHOWN_AS = {"archived": ("archived", "decided", "closed"), "withdrawn": ("withdrawn", "closed")}


@dataclass(frozen=True)
class Status:
    state: str  # one of PHASES
    days_left: int | None  # only when open


def call_status(window: dict, moment: dt.datetime, decided_at: dt.datetime | None = None,
                withdrawn_at: dt.datetime | None = None, archived_at: dt.datetime | None = None) -> Status:
    if withdrawn_at is not None and moment >= withdrawn_at:
        return Status("withdrawn", None)
    if archived_at is not None and moment >= archived_at:
        return Status("archived", None)
    opens_at, closes_at = window_instants(window)
    if moment < opens_at:
        return Status("upcoming", None)
    if moment >= closes_at:
        return Status("decided" if decided_at is not None and moment >= decided_at else "closed", None)
    today = local_day(window, moment)
    return Status("open", (dt.date.fromisoformat(window["closes"]) - today).days)


def status_of(call: dict, moment: dt.datetime) -> Status:
    """The call's phase at a moment, from everything its data says of it."""
    return call_status(call["window"], moment, decided_instant(call), withdrawn_instant(call), archived_instant(call))


def shown_in(phases: list[str], state: str) -> bool:
    """Whether a part shown in `phases` shows in `state`."""
    return any(phase in phases for phase in SHOWN_AS.get(state, (state,)))


def message_key(status: Status) -> str:
    """Which interface string says it (the same choice as messageKey in status.js)."""
    if status.state != "open":
        return f"status_{status.state}"
    if status.days_left == 0:
        return "status_open_today"
    return "status_open_one" if status.days_left == 1 else "status_open_many"
