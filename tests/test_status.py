"""The call's status: the same rule in Python (the build) and JavaScript (the reader's clock),
at the moments that matter, from Stockholm, New York and Tokyo, and in the built pages."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from zoneinfo import ZoneInfo

import pytest

from conftest import FIXTURE_CALL, REPO, build_or_fail
from macros import formatting as fmt
from macros.call_data import load_call
from macros.status import Status, call_status, message_key
from macros.view import window_instants
from pages import language_pages, read

SECOND = dt.timedelta(seconds=1)
MINUTE = dt.timedelta(minutes=1)


def moments(window: dict) -> list[tuple[str, dt.datetime, Status]]:
    """The moments that matter, derived from the window, with the status each must give."""
    opens_at, closes_at = window_instants(window)
    closes = dt.date.fromisoformat(window["closes"])
    zone = ZoneInfo(window["time_zone"])
    mid = opens_at + (closes_at - opens_at) / 2
    mid_days = (closes - mid.astimezone(zone).date()).days
    day_before = dt.datetime.combine(closes - dt.timedelta(days=1), dt.time(12), zone)
    return [
        ("a second before it opens", opens_at - SECOND, Status("upcoming", None)),
        ("the moment it opens", opens_at, Status("open", (closes - opens_at.date()).days)),
        ("mid-window", mid, Status("open", mid_days)),
        ("the day before the closing day", day_before, Status("open", 1)),
        ("the closing day's first minute", closes_at - dt.timedelta(days=1) + MINUTE * 0, Status("open", 0)),
        ("the last minute before the deadline", closes_at - MINUTE, Status("open", 0)),
        ("the first second after it", closes_at, Status("closed", None)),
    ]


@pytest.fixture(params=[REPO / "call", FIXTURE_CALL], ids=["2019 call", "fixture call"])
def window(request):
    return load_call(request.param)["window"]


def test_python_gives_the_right_status_at_each_moment(window):
    for name, moment, expected in moments(window):
        assert call_status(window, moment) == expected, name


def test_the_2019_deadline_ends_at_midnight_summer_time():
    # Sweden moved its clocks at 02.00 on the closing day itself, 31 March 2019.
    window = load_call(REPO / "call")["window"]
    _opens_at, closes_at = window_instants(window)
    assert closes_at.utcoffset() == dt.timedelta(hours=2)
    assert call_status(window, dt.datetime(2019, 3, 31, 21, 59, tzinfo=dt.timezone.utc)).state == "open"
    assert call_status(window, dt.datetime(2019, 3, 31, 22, 0, tzinfo=dt.timezone.utc)).state == "closed"


def test_javascript_agrees_with_python_at_each_moment(window):
    opens_at, closes_at = window_instants(window)
    data = {"window": {"opensAt": opens_at.isoformat(), "closesAt": closes_at.isoformat(),
                       "closesDate": window["closes"], "timeZone": window["time_zone"]},
            "moments": [moment.isoformat() for _name, moment, _expected in moments(window)]}
    result = subprocess.run(["node", str(REPO / "tests" / "js" / "run-status.js")], input=json.dumps(data),
                            capture_output=True, text=True, check=True)
    for (name, _moment, expected), got in zip(moments(window), json.loads(result.stdout)):
        assert (got["state"], got["daysLeft"], got["key"]) == (expected.state, expected.days_left, message_key(expected)), name


@pytest.mark.parametrize("time_zone", ["Europe/Stockholm", "America/New_York", "Asia/Tokyo"])
def test_the_page_recomputes_the_status_from_the_readers_clock(browser, served_under_subpath, call, time_zone):
    strings_sv = json.loads(json.dumps(__import__("macros").load_strings("sv")))
    for name, moment, expected in moments(call["window"]):
        context = browser.new_context(timezone_id=time_zone)
        page = context.new_page()
        page.clock.set_fixed_time(moment)
        page.goto(served_under_subpath + "index.html")
        element = page.locator("[data-call-status]").first
        assert element.get_attribute("data-call-status") == expected.state, (name, time_zone)
        text = page.locator(".call-status__text").inner_text()
        template = strings_sv[message_key(expected)]
        assert text == template.replace("{days}", str(expected.days_left)).replace(
            "{opens}", fmt.format_date(call["window"]["opens"], "sv")).replace(
            "{closes}", fmt.format_date(call["window"]["closes"], "sv")), (name, time_zone)
        context.close()


@pytest.mark.parametrize("which", [0, 2, 6], ids=["upcoming", "open", "closed"])
def test_the_build_writes_the_status_as_of_source_date_epoch(tmp_path, call, which):
    """One build per state (the rule itself is tested above at every moment)."""
    name, moment, expected = moments(call["window"])[which]
    site = build_or_fail(tmp_path / "site", SOURCE_DATE_EPOCH=str(int(moment.timestamp())))
    for lang in ("sv", "en"):
        for page in language_pages(site, lang):
            statuses = read(page).find("div", class_=f"call-status call-status--{expected.state}")
            assert statuses and statuses[0]["data-call-status"] == expected.state, (name, page)
    how = read(site / "how-to-apply.html")
    closed_notice = how.find("div", class_="call-closed-notice")[0]
    assert ("hidden" in closed_notice) is (expected.state != "closed")
