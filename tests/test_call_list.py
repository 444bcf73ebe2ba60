"""The funder's list of calls (#23), as a view model: each call in the group of its phase, in the group's order,
saying its phase as its own banner does, in every published language."""

from __future__ import annotations

import copy
import datetime as dt

from conftest import FIXTURE_CALL, REFERENCE_CALL
from macros.call_data import load
from macros.call_list import GROUPS, call_list
from macros.components import inline
from macros.context import status_view
from macros.pieces import plain_text

REFERENCE, FIXTURE = load(REFERENCE_CALL), load(FIXTURE_CALL)


def moved(call: dict, opens: str, closes: str) -> dict:
    """A copy of a call with other dates and no decision: a third call, as an editor would start it."""
    made = copy.deepcopy(call)
    made["window"] = {**made["window"], "opens": opens, "closes": closes}
    made["window"].pop("closes_time", None)
    made.pop("outcome", None)
    return made


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T12:00:00+00:00")


def grouped(calls: list[tuple[str, dict]], moment: dt.datetime, lang=None) -> dict[str, list[str]]:
    found = call_list(calls, lang or REFERENCE.languages.authoritative, moment)
    return {group.state: [call.href for call in group.calls] for group in found.groups}


def test_each_call_is_in_the_group_of_its_phase_and_moves_with_time():
    third = moved(REFERENCE.call, "2027-02-01", "2027-04-30")
    calls = [("reference", REFERENCE.call), ("fixture", FIXTURE.call), ("third", third)]
    decided = FIXTURE.call["outcome"]["decided"]
    assert grouped(calls, at("2026-03-01")) == {"open": ["fixture"], "upcoming": ["third"], "closed": ["reference"], "decided": [],
                                              "archived": []}
    assert grouped(calls, at(decided)) == {"open": [], "upcoming": ["third"], "closed": ["reference"], "decided": ["fixture"], "archived": []}
    assert grouped(calls, at("2027-03-01")) == {"open": ["third"], "upcoming": [], "closed": ["reference"], "decided": ["fixture"],
                                                "archived": []}
    assert grouped(calls, at("2027-05-01")) == {"open": [], "upcoming": [], "closed": ["third", "reference"], "decided": ["fixture"],
                                                "archived": []}


def test_open_calls_come_soonest_closing_first_and_upcoming_soonest_opening_first():
    calls = [("late", moved(REFERENCE.call, "2027-01-10", "2027-06-30")), ("soon", moved(REFERENCE.call, "2027-02-01", "2027-03-15")),
             ("later", moved(REFERENCE.call, "2027-05-01", "2027-09-30")), ("sooner", moved(REFERENCE.call, "2027-04-01", "2027-09-30"))]
    assert grouped(calls, at("2027-03-01")) == {"open": ["soon", "late"], "upcoming": ["sooner", "later"], "closed": [], "decided": [],
                                                "archived": []}


def test_an_archived_call_is_listed_apart_from_its_day_and_a_withdrawn_one_not_at_all():
    """Archived: in the last group from the start of its day, the latest archived first. Withdrawn: in its phase's
    group until the day it is withdrawn, then nowhere (its own pages say so)."""
    archived_early, archived_late = copy.deepcopy(FIXTURE.call), copy.deepcopy(FIXTURE.call)
    archived_early["archived"], archived_late["archived"] = "2026-09-01", "2026-11-01"
    withdrawn = moved(REFERENCE.call, "2027-02-01", "2027-04-30")
    withdrawn.update(withdrawn="2027-03-10", withdrawn_reason={"sv": "Medlen har omfördelats."})
    calls = [("early", archived_early), ("late", archived_late), ("withdrawn", withdrawn)]
    assert grouped(calls, at("2026-10-01")) == {"open": [], "upcoming": ["withdrawn"], "closed": [], "decided": ["late"],
                                                "archived": ["early"]}
    assert grouped(calls, at("2027-03-09")) == {"open": ["withdrawn"], "upcoming": [], "closed": [], "decided": [],
                                                "archived": ["late", "early"]}
    assert grouped(calls, at("2027-03-10")) == {"open": [], "upcoming": [], "closed": [], "decided": [], "archived": ["late", "early"]}


def test_a_listed_call_says_its_phase_as_its_own_banner_does_in_every_language():
    moment, calls = at("2026-03-01"), {"reference": REFERENCE.call, "fixture": FIXTURE.call}
    for lang in REFERENCE.languages:
        found = call_list(list(calls.items()), lang, moment)
        assert [group.state for group in found.groups] == list(GROUPS)
        assert all(group.heading and group.empty for group in found.groups), lang.code
        listed = [call for group in found.groups for call in group.calls]
        assert sorted(call.href for call in listed) == sorted(calls)
        for call in listed:
            assert inline(call.status) == status_view(calls[call.href], lang, moment)["text"], (lang.code, call.href)
            assert plain_text(call.max_support) and plain_text(call.who) and plain_text(call.dates), (lang.code, call.href)
