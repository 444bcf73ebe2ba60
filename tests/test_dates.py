"""Key dates, calendar files and the public log of changed facts."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from conftest import FIXTURE_CALL, PUBLIC_URL, REFERENCE_CALL, REPO, build_or_fail, copy_call, loaded, set_yaml_text
from macros import formatting as fmt
from macros.history import read_history
from macros.view import plain
from macros.yaml_safe import load_bytes
from pages import language_pages, language_root, read

LANGUAGES = loaded().languages


def calendar_of(site, lang, which) -> Calendar:
    return Calendar.from_ical((language_root(site, lang) / "calendar" / f"{which}.ics").read_bytes())


@pytest.mark.parametrize("site_name,folder", [("site", REFERENCE_CALL), ("other_site", FIXTURE_CALL)])
def test_calendar_files_of_the_window_say_what_the_call_says(request, site_name, folder):
    """All day where the call gives a date only; at the closing time where it gives one."""
    site, data = request.getfixturevalue(site_name), loaded(folder)
    call = data.call
    zone = ZoneInfo(call["window"]["time_zone"])
    for lang in data.languages:
        for which in ("opens", "closes"):
            calendar = calendar_of(site, lang, which)
            [event] = calendar.walk("VEVENT")
            title = plain(call["title"], lang)
            assert str(event["SUMMARY"]) == lang.strings[f"calendar_{which}_summary"].replace("{title}", title)
            day = dt.date.fromisoformat(call["window"][which])
            start = event.decoded("DTSTART")
            if which == "closes" and call["window"].get("closes_time"):
                assert start == dt.datetime.combine(day, dt.time.fromisoformat(call["window"]["closes_time"]), zone)
                assert event["DTSTART"].params["TZID"] == call["window"]["time_zone"]
                assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == [call["window"]["time_zone"]]
            else:
                assert start == day and not isinstance(start, dt.datetime)  # an all-day event: no hour anyone gave
                assert event.decoded("DTEND") == day + dt.timedelta(days=1)


def test_meetings_have_calendar_files_in_stockholm_time(other_site):
    data = loaded(FIXTURE_CALL)
    zone = ZoneInfo("Europe/Stockholm")
    for lang in data.languages:
        for meeting in data.call["events"]:
            [event] = calendar_of(other_site, lang, f"event-{meeting['id']}").walk("VEVENT")
            assert event.decoded("DTSTART") == dt.datetime.fromisoformat(meeting["starts"]).replace(tzinfo=zone)
            assert event.decoded("DTEND") == dt.datetime.fromisoformat(meeting["ends"]).replace(tzinfo=zone)
            assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
            assert plain(meeting["name"], lang) in str(event["SUMMARY"])


def test_calendar_uids_do_not_depend_on_the_dates(site, other_site):
    sv, en = LANGUAGES["sv"], LANGUAGES["en"]
    uid = str(calendar_of(site, sv, "closes").walk("VEVENT")[0]["UID"])
    assert uid == str(calendar_of(site, en, "closes").walk("VEVENT")[0]["UID"])
    assert "2019" not in uid
    assert uid != str(calendar_of(other_site, loaded(FIXTURE_CALL).languages["sv"], "closes").walk("VEVENT")[0]["UID"])


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_start_page_draws_the_key_dates(site, call, lang):
    start = language_root(site, lang) / "index.html"
    page = read(start)
    assert page.find("svg", class_="call-timeline__bar")
    for which in ("opens", "closes"):
        assert page.find("time", datetime=call["window"][which])
        [link] = page.find("a", class_="call-timeline__calendar", href=f"calendar/{which}.ics")
        assert (start.parent / link["href"]).exists()
        assert "hidden" in link  # the call closed in 2019: no offer to add a past date to a calendar
    assert fmt.format_months(call["max_project_months"], lang) in page.text


def test_no_page_names_an_hour_the_call_did_not_give(site, call):
    """The reference call gives a closing date and no hour: no page, calendar file or JSON-LD says one."""
    for lang in LANGUAGES:
        for page in language_pages(site, lang):
            text = read(page).text
            assert "midnatt" not in text and "midnight" not in text and "keskiyö" not in text, page
            assert f"{call['window']['closes']}T" not in page.read_text(encoding="utf-8"), page


def commit(repo, message, env):
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-qm", message], cwd=repo, check=True, env=env)


GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.invalid"}


@pytest.fixture
def call_repo(tmp_path):
    """A temporary repository whose history changes the closing date, then the cap."""
    repo = tmp_path / "repo"
    copy_call(REFERENCE_CALL, repo / "call")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    call_yml = repo / "call" / "call.yml"
    original = loaded(repo / "call").call
    steps = [
        ("2019-01-10T10:00:00+01:00", "publish", None),
        ("2019-02-01T10:00:00+01:00", "move the closing date", ("closes: " + original["window"]["closes"], "closes: 2019-04-15")),
        ("2019-02-20T10:00:00+01:00", "raise the cap", (f"max_support_sek: {original['funding']['max_support_sek']}", "max_support_sek: 900000")),
    ]
    for when, message, edit in steps:
        if edit:
            call_yml.write_text(call_yml.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
        commit(repo, message, dict(os.environ, **GIT_ENV, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when))
    return repo, original


def history_of(folder, since=None):
    return read_history(folder, LANGUAGES.codes, LANGUAGES.authoritative.code, since)


def test_the_change_log_is_read_from_git_history(call_repo):
    repo, original = call_repo
    history = history_of(repo / "call")
    assert [(c.fact, c.before, c.after, c.when.isoformat()) for c in history.changes] == [
        ("funding.max_support_sek", original["funding"]["max_support_sek"], 900000, "2019-02-20"),
        ("window.closes", original["window"]["closes"], "2019-04-15", "2019-02-01"),
    ]
    assert history.first_recorded == dt.date(2019, 1, 10)
    assert history.last_changed == dt.date(2019, 2, 20)


def test_a_translation_added_is_not_a_change_of_the_call_but_a_changed_title_is(call_repo):
    repo, original = call_repo
    call_yml = repo / "call" / "call.yml"
    other = next(code for code in LANGUAGES.codes if code != LANGUAGES.authoritative.code and code in original["title"])
    text = call_yml.read_text(encoding="utf-8")
    data = load_bytes(text.encode("utf-8")).data
    del data["title"][other]
    call_yml.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    commit(repo, "without the translation", dict(os.environ, **GIT_ENV, GIT_AUTHOR_DATE="2019-03-01T10:00:00+01:00",
                                                   GIT_COMMITTER_DATE="2019-03-01T10:00:00+01:00"))
    call_yml.write_text(text, encoding="utf-8")
    commit(repo, "the translation added", dict(os.environ, **GIT_ENV, GIT_AUTHOR_DATE="2019-03-02T10:00:00+01:00",
                                                GIT_COMMITTER_DATE="2019-03-02T10:00:00+01:00"))
    source = LANGUAGES.authoritative.code
    call_yml.write_text(text.replace(original["title"][source], original["title"][source] + " 2019", 1), encoding="utf-8")
    commit(repo, "a new title", dict(os.environ, **GIT_ENV, GIT_AUTHOR_DATE="2019-03-03T10:00:00+01:00",
                                      GIT_COMMITTER_DATE="2019-03-03T10:00:00+01:00"))
    facts = [(c.fact, c.when.isoformat()) for c in history_of(repo / "call").changes]
    assert (f"title.{other}", "2019-03-02") not in facts  # added: the site's translation, not the call's change
    assert (f"title.{other}", "2019-03-01") in facts  # removed: readers of that language lost it
    assert (f"title.{source}", "2019-03-03") in facts


def test_a_mistake_corrected_after_publication_shows_once_as_a_correction(call_repo):
    """The cap was raised to 900 000 by mistake; the next publication, marked as a correction (the trailer
    tools/publish.py writes), sets it to 850 000: one row, from the mistaken value to the right one. The closing date
    published in between is untouched, and a later ordinary change of the cap is an ordinary row again."""
    repo, original = call_repo
    call_yml = repo / "call" / "call.yml"

    def publish(day: str, old: str, new: str, message: str) -> None:
        call_yml.write_text(call_yml.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        commit(repo, message, dict(os.environ, **GIT_ENV, GIT_AUTHOR_DATE=f"{day}T10:00:00+01:00", GIT_COMMITTER_DATE=f"{day}T10:00:00+01:00"))

    publish("2019-02-21", "max_support_sek: 900000", "max_support_sek: 850000", "Rätt belopp\n\nCorrection: true")
    assert [(c.fact, c.before, c.after, c.when.isoformat(), c.correction) for c in history_of(repo / "call").changes] == [
        ("funding.max_support_sek", 900000, 850000, "2019-02-21", True),
        ("window.closes", original["window"]["closes"], "2019-04-15", "2019-02-01", False),
    ]
    publish("2019-03-01", "max_support_sek: 850000", "max_support_sek: 800000", "Lägre belopp")
    changes = history_of(repo / "call").changes
    assert [(c.before, c.after, c.correction) for c in changes if c.fact == "funding.max_support_sek"] == [
        (850000, 800000, False), (900000, 850000, True)]


def test_the_change_log_can_be_told_where_to_start(call_repo):
    repo, _original = call_repo
    history = history_of(repo / "call", since="2019-02-01")  # the version of that day is where the log starts
    assert [c.fact for c in history.changes] == ["funding.max_support_sek"]
    assert history.first_recorded == dt.date(2019, 2, 1)


def test_a_broken_version_in_the_history_is_skipped_and_named(call_repo):
    repo, _original = call_repo
    call_yml = repo / "call" / "call.yml"
    good = call_yml.read_text(encoding="utf-8")
    call_yml.write_text(good + "bomb: &a [1, 2]\nmore: *a\n", encoding="utf-8")
    commit(repo, "an alias bomb", dict(os.environ, **GIT_ENV))
    call_yml.write_text(good, encoding="utf-8")
    commit(repo, "reverted", dict(os.environ, **GIT_ENV))
    history = history_of(repo / "call")
    assert [skipped.code for skipped in history.skipped] == ["yaml_alias"]
    assert len(history.changes) == 2


def test_the_change_log_page_and_every_pages_stamp(call_repo, tmp_path):
    repo, original = call_repo
    site = build_or_fail(tmp_path / "site", call_dir=repo / "call")
    languages = loaded(repo / "call").languages  # the copy's: its place in the site is its folder's name
    for lang in languages.full:
        log = read(language_root(site, lang) / "changes.html")
        assert lang.strings["changes_history_note"] in log.text
        old_close = fmt.format_date(original["window"]["closes"], lang)
        assert old_close in log.text and fmt.format_date("2019-04-15", lang) in log.text
        assert fmt.format_money(900000, lang) in log.text
        assert fmt.format_money(original["funding"]["max_support_sek"], lang) in log.text
        html = (language_root(site, lang) / "changes.html").read_text(encoding="utf-8")
        assert f'<del><time datetime="{original["window"]["closes"]}">' in html
    for lang in languages:
        for page in language_pages(site, lang):
            assert fmt.format_date("2019-02-20", lang) in read(page).text, page
            if page.name != "changes.html":
                assert fmt.format_date(original["window"]["closes"], lang) not in read(page).text, page  # the old date only in the log


def test_without_git_history_the_log_says_so_and_the_build_succeeds(tmp_path):
    call_dir = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, call_dir)  # outside any repository
    site = build_or_fail(tmp_path / "site", call_dir=call_dir)
    for lang in LANGUAGES.full:
        log = read(language_root(site, lang) / "changes.html")
        assert lang.strings["changes_unavailable"] in log.text


@pytest.mark.parametrize("site_name", ["site", "site_with_url"])
def test_calendar_files_point_at_the_call_and_whom_to_ask_never_at_the_e_service(request, site_name):
    site, data = request.getfixturevalue(site_name), loaded()
    call = data.call
    for lang in data.languages:
        for which in ("opens", "closes"):
            [event] = calendar_of(site, lang, which).walk("VEVENT")
            description = str(event["DESCRIPTION"])
            assert call["contact"]["email"] in description and call["contact"]["name"] in description, lang.code
            assert call["application"]["eservice"]["url"] not in description, lang.code
            if site_name == "site_with_url":
                assert PUBLIC_URL + lang.path in description, lang.code


def test_a_changed_text_of_another_language_is_marked_as_that_language(call_repo):
    """The change table shows a title's old and new values in their own language (title.fi on a Swedish page)."""
    from macros.changes import change_log
    from macros.components import render_component
    repo, original = call_repo
    call_yml = repo / "call" / "call.yml"
    other = next(code for code in LANGUAGES.codes if code != LANGUAGES.authoritative.code and code in original["title"])
    set_yaml_text(call_yml, ("title", other), original["title"][other] + " 2019")
    commit(repo, "a new title", dict(os.environ, **GIT_ENV, GIT_AUTHOR_DATE="2019-03-03T10:00:00+01:00",
                                      GIT_COMMITTER_DATE="2019-03-03T10:00:00+01:00"))
    history = history_of(repo / "call")
    shown = str(render_component("change_log", model=change_log(history, original, LANGUAGES.authoritative)))
    assert f'<del><span lang="{other}">' in shown and f'<ins><span lang="{other}">' in shown
    assert '<del><span lang="' not in shown.replace(f'<del><span lang="{other}">', "")  # the cap and the date are not texts
