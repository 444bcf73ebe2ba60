"""The funder's calls in one list per language (#23: the start page of a site with many calls), as a view model.

Each call is listed in the group of its phase (macros/status.py), as its own status banner says it: open (the
soonest closing first), upcoming (the soonest opening first), closed and awaiting a decision (the latest closing
first), decided (the latest decision first). A listed call has its title, the most it pays, its dates and who may
apply in one line, and the window status.js needs to move it to another group on the reader's clock. Every group
has an anchor, so that a reader without JavaScript can go straight to the open calls.

Who may apply filters the list: each applicant type the calls name (by its id, so that two calls with the same id
are one choice, named as the newest call names it) has a page of its own with only the calls it may apply for, which
works without JavaScript; on the start page status.js filters in place instead, and says how many calls it shows.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from . import formatting as fmt
from . import pieces as pc
from .context import status_dates, status_sentence, window_data
from .instants import archived_instant, decided_instant, window_instants
from .languages import Language
from .pieces import Pieces
from .status import status_of
from .view import script_json


# What a reader looks for first comes first; archived calls are listed apart, last. A withdrawn call is not listed.
GROUPS = ("open", "upcoming", "closed", "decided", "archived")


@dataclass(frozen=True)
class ListedCall:
    href: str  # the call's start page in this language, relative to the list
    title: Pieces
    status: Pieces  # the sentence of the call's own status banner
    max_support: Pieces
    dates: Pieces  # opens, then closes
    who: Pieces  # the applicant types, in one line
    applicant_types: tuple  # their ids, for the filter by applicant type
    window: str  # the window as status.js reads it (JSON), to move the call on the reader's clock
    status_dates: str  # its dates as the status sentence says them (JSON: opens, closes, decided), for status.js


@dataclass(frozen=True)
class CallGroup:
    state: str  # a phase (macros/status.py)
    anchor: str  # the group's id on the page
    heading: str
    calls: tuple  # ListedCall, in the group's order
    empty: str  # what the group says while it holds no call


@dataclass(frozen=True)
class CallFilter:
    href: str  # the page of the calls this type may apply for (the start page: every call)
    label: Pieces
    applicant_type: str  # its id ("" for every call), for status.js to filter in place
    current: bool  # the page shows this choice


@dataclass(frozen=True)
class CallList:
    groups_label: str
    max_support_label: str
    who_label: str
    dates_label: str
    groups: tuple  # CallGroup, in GROUPS order
    strings: str  # the status sentences' templates (JSON), for status.js to say each call's phase again
    filters_label: str  # what the choice of who may apply is called
    filters: tuple  # CallFilter: every call, then each applicant type
    live: bool  # the start page: status.js filters in place (a type's own page links to the others)


def _order(state: str, call: dict) -> tuple:
    """Where a call stands in its group: open by its closing, upcoming by its opening, the others latest first."""
    opens_at, closes_at = window_instants(call["window"])
    if state == "open":
        return (closes_at.timestamp(),)
    if state == "upcoming":
        return (opens_at.timestamp(),)
    if state == "archived":
        return (-archived_instant(call).timestamp(),)
    decided = decided_instant(call) if state == "decided" else None
    return (-(decided or closes_at).timestamp(),)


def listed_call(href: str, call: dict, lang: Language, moment: dt.datetime) -> ListedCall:
    strings, window = lang.strings, call["window"]
    return ListedCall(
        href=href,
        title=pc.text(call["title"], lang),
        status=status_sentence(call, lang, moment, strings)[1],
        max_support=pc.formatted(fmt.format_money(call["funding"]["max_support_sek"], lang)),
        dates=pc.filled(strings["calls_period"], opens=pc.date(window["opens"], lang),
                        closes=pc.date(window["closes"], lang, window.get("closes_time"))),
        who=pc.listed([pc.text(kind["name"], lang) for kind in call["applicant_types"]], lang),
        applicant_types=tuple(kind["id"] for kind in call["applicant_types"]),
        window=json.dumps(window_data(call), sort_keys=True),
        status_dates=json.dumps(status_dates(call, lang), ensure_ascii=False, sort_keys=True),
    )


def applicant_types(calls: list[tuple[str, dict]], moment: dt.datetime) -> list[dict]:
    """Every applicant type the listed calls name, once by its id, as the newest call names it, in its order."""
    found: dict[str, dict] = {}
    for _href, call in reversed(calls):  # the site's order is oldest first
        if status_of(call, moment).state in GROUPS:
            for kind in call["applicant_types"]:
                found.setdefault(kind["id"], kind)
    return list(found.values())


def filter_page(applicant_type: str) -> str:
    """The page of the calls an applicant type may apply for, beside the start page."""
    return f"applicant-{applicant_type.replace('_', '-')}.html"


def call_list(calls: list[tuple[str, dict]], lang: Language, moment: dt.datetime, applicant: str | None = None) -> CallList:
    """Every call (href, call data) in the group of its phase at `moment`, each group in its order; with `applicant`
    (an applicant type's id), only the calls that type may apply for."""
    grouped: dict[str, list] = {state: [] for state in GROUPS}
    for href, call in calls:
        state = status_of(call, moment).state
        if state not in grouped:  # withdrawn: its own pages say so, and nothing else of it is listed
            continue
        if applicant and applicant not in {kind["id"] for kind in call["applicant_types"]}:
            continue
        grouped[state].append((_order(state, call), href, call))
    strings = lang.strings
    groups = tuple(
        CallGroup(state=state, anchor=f"calls-{state}", heading=strings[f"calls_{state}"],
                  calls=tuple(listed_call(href, call, lang, moment) for _key, href, call in sorted(grouped[state], key=lambda found: found[0])),
                  empty=strings["calls_none"])
        for state in GROUPS)
    templates = {name: strings[name] for name in strings
                 if (name.startswith("status_") and name != "status_label") or name.startswith("calls_filter_shown")}
    filters = (CallFilter("index.html", pc.words(strings["calls_filter_all"]), "", not applicant),
               *(CallFilter(filter_page(kind["id"]), pc.text(kind["name"], lang), kind["id"], kind["id"] == applicant)
                 for kind in applicant_types(calls, moment)))
    return CallList(groups_label=strings["calls_groups"], max_support_label=strings["calls_max_support"], who_label=strings["calls_who"],
                    dates_label=strings["calls_dates"], groups=groups, strings=script_json(templates),
                    filters_label=strings["calls_filter_label"], filters=filters, live=not applicant)
