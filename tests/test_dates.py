"""Key dates, calendar files and the public log of changed facts."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from conftest import FIXTURE_CALL, REPO, build_or_fail
from macros import formatting as fmt
from macros import load_strings
from macros.call_data import LANGUAGES, load_call
from macros.history import read_history
from pages import language_pages, read


def calendar_of(site, lang, which) -> Calendar:
    folder = site / "en" if lang == "en" else site
    return Calendar.from_ical((folder / "calendar" / f"{which}.ics").read_bytes())


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("site_name,folder", [("site", REPO / "call"), ("other_site", FIXTURE_CALL)])
def test_calendar_files_parse_back_with_summary_date_and_time_zone(request, site_name, folder, lang):
    site, call = request.getfixturevalue(site_name), load_call(folder)
    strings = load_strings(lang)
    zone = ZoneInfo(call["window"]["time_zone"])
    for which in ("opens", "closes"):
        calendar = calendar_of(site, lang, which)
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == [call["window"]["time_zone"]]
        [event] = calendar.walk("VEVENT")
        assert str(event["SUMMARY"]) == strings[f"calendar_{which}_summary"].replace("{title}", call["title"][lang])
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        day = dt.date.fromisoformat(call["window"][which])
        assert start == dt.datetime.combine(day, dt.time(0), zone)
        assert end == dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), zone)
        assert start.tzinfo is not None and event["DTSTART"].params["TZID"] == call["window"]["time_zone"]


def test_calendar_uids_do_not_depend_on_the_dates(site, other_site):
    uid = str(calendar_of(site, "sv", "closes").walk("VEVENT")[0]["UID"])
    assert uid == str(calendar_of(site, "en", "closes").walk("VEVENT")[0]["UID"])
    assert "2019" not in uid
    assert uid != str(calendar_of(other_site, "sv", "closes").walk("VEVENT")[0]["UID"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_start_page_draws_the_key_dates_and_links_the_calendar_files(site, call, lang):
    start = site / ("en/index.html" if lang == "en" else "index.html")
    page = read(start)
    assert page.find("svg", class_="call-timeline__bar")
    for which in ("opens", "closes"):
        assert page.find("time", datetime=call["window"][which])
        [link] = page.find("a", class_="call-timeline__calendar", href=f"calendar/{which}.ics")
        assert (start.parent / link["href"]).exists()
    assert fmt.format_months(call["max_project_months"], lang) in page.text


def commit(repo, message, env):
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-qm", message], cwd=repo, check=True, env=env)


@pytest.fixture
def call_repo(tmp_path):
    """A temporary repository whose history changes the closing date, then the cap."""
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "call", repo / "call")
    base = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.invalid",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    import os
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    call_yml = repo / "call" / "call.yml"
    original = load_call(repo / "call")
    steps = [
        ("2019-01-10T10:00:00+01:00", "publish", None),
        ("2019-02-01T10:00:00+01:00", "move the closing date", ("closes: " + original["window"]["closes"], "closes: 2019-04-15")),
        ("2019-02-20T10:00:00+01:00", "raise the cap", (f"max_support_sek: {original['funding']['max_support_sek']}", "max_support_sek: 900000")),
    ]
    for when, message, edit in steps:
        if edit:
            call_yml.write_text(call_yml.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
        commit(repo, message, dict(os.environ, **base, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when))
    return repo, original


def test_the_change_log_is_read_from_git_history(call_repo):
    repo, original = call_repo
    history = read_history(repo / "call")
    assert [(c.fact, c.before, c.after, c.when.isoformat()) for c in history.changes] == [
        ("funding.max_support_sek", original["funding"]["max_support_sek"], 900000, "2019-02-20"),
        ("window.closes", original["window"]["closes"], "2019-04-15", "2019-02-01"),
    ]
    assert history.first_published == dt.date(2019, 1, 10)
    assert history.last_changed == dt.date(2019, 2, 20)


def test_the_change_log_page_and_every_pages_stamp(call_repo, tmp_path):
    repo, original = call_repo
    site = build_or_fail(tmp_path / "site", call_dir=repo / "call")
    for lang in LANGUAGES:
        log = read(site / ("en/changes.html" if lang == "en" else "changes.html"))
        assert load_strings(lang)["changes_history_note"] in log.text
        old_close = fmt.format_date(original["window"]["closes"], lang)
        assert old_close in log.text and fmt.format_date("2019-04-15", lang) in log.text
        assert fmt.format_money(900000, lang) in log.text
        assert fmt.format_money(original["funding"]["max_support_sek"], lang) in log.text
        html = (site / ("en/changes.html" if lang == "en" else "changes.html")).read_text(encoding="utf-8")
        assert f'<del><time datetime="{original["window"]["closes"]}">' in html
        for page in language_pages(site, lang):
            assert fmt.format_date("2019-02-20", lang) in read(page).text, page
            if page.name != "changes.html":
                assert old_close not in read(page).text, page  # the old date only in the log


def test_without_git_history_the_log_says_so_and_the_build_succeeds(tmp_path):
    call_dir = tmp_path / "call"
    shutil.copytree(REPO / "call", call_dir)  # outside any repository
    site = build_or_fail(tmp_path / "site", call_dir=call_dir)
    for lang in LANGUAGES:
        log = read(site / ("en/changes.html" if lang == "en" else "changes.html"))
        assert load_strings(lang)["changes_unavailable"] in log.text
