"""The call's phase: the rule at the moments that matter (derived from each call's own window), in the
reader's browser from Stockholm, New York and Tokyo, in the built pages, and the words that change
with it: nothing on a closed call invites an application, and a decided call says so everywhere."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from conftest import FIXTURE_CALL, REFERENCE_CALL, REPO, build_or_fail, call_dir_of, call_path, loaded
from macros import formatting as fmt
from macros.instants import decided_instant, window_instants
from macros.status import Status, call_status, message_key
from pages import language_pages, language_root, read

SECOND = dt.timedelta(seconds=1)
MINUTE = dt.timedelta(minutes=1)
LANGUAGES = loaded().languages


def moments(window: dict) -> list[tuple[str, dt.datetime, Status]]:
    """The moments that matter, derived from the window, with the status each must give."""
    opens_at, closes_at = window_instants(window)
    closes = dt.date.fromisoformat(window["closes"])
    zone = ZoneInfo(window["time_zone"])
    mid = opens_at + (closes_at - opens_at) / 2
    mid_days = (closes - mid.astimezone(zone).date()).days
    day_before = dt.datetime.combine(closes - dt.timedelta(days=1), dt.time(12), zone)
    closing_day = dt.datetime.combine(closes, dt.time(0), zone)
    return [
        ("a second before it opens", opens_at - SECOND, Status("upcoming", None)),
        ("the moment it opens", opens_at, Status("open", (closes - opens_at.date()).days)),
        ("mid-window", mid, Status("open", mid_days)),
        ("the day before the closing day", day_before, Status("open", 1)),
        ("the closing day's first minute", closing_day, Status("open", 0)),
        ("the last minute before the deadline", closes_at - MINUTE, Status("open", 0)),
        ("the first second after it", closes_at, Status("closed", None)),
    ]


@pytest.fixture(params=[REFERENCE_CALL, FIXTURE_CALL], ids=["2019 call", "fixture call"])
def window(request):
    return loaded(request.param).call["window"]


def test_python_gives_the_right_status_at_each_moment(window):
    for name, moment, expected in moments(window):
        assert call_status(window, moment) == expected, name


def test_the_2019_deadline_ends_at_midnight_summer_time():
    # Sweden moved its clocks at 02.00 on the closing day itself, 31 March 2019.
    window = loaded().call["window"]
    _opens_at, closes_at = window_instants(window)
    assert closes_at.utcoffset() == dt.timedelta(hours=2)
    assert call_status(window, dt.datetime(2019, 3, 31, 21, 59, tzinfo=dt.timezone.utc)).state == "open"
    assert call_status(window, dt.datetime(2019, 3, 31, 22, 0, tzinfo=dt.timezone.utc)).state == "closed"


def status_text(template: str, call: dict, lang, days) -> str:
    window = call["window"]
    closes = fmt.format_date(window["closes"], lang)
    if window.get("closes_time"):
        closes = fmt.fill_template(lang.formats["date_time"], date=closes, time=fmt.format_time(window["closes_time"], lang))
    decided = (call.get("outcome") or {}).get("decided")
    return (template.replace("{days}", str(days)).replace("{opens}", fmt.format_date(window["opens"], lang))
            .replace("{closes}", closes).replace("{decided}", fmt.format_date(decided, lang) if decided else ""))


@pytest.mark.parametrize("time_zone", ["Europe/Stockholm", "America/New_York", "Asia/Tokyo"])
def test_the_page_recomputes_the_status_from_the_readers_clock(browser, served_under_subpath, call, time_zone):
    sv = LANGUAGES["sv"]
    for name, moment, expected in moments(call["window"]):
        context = browser.new_context(timezone_id=time_zone)
        page = context.new_page()
        page.clock.set_fixed_time(moment)
        page.goto(served_under_subpath + call_path("index.html"))
        element = page.locator(".call-status[data-call-status]")
        assert element.get_attribute("data-call-status") == expected.state, (name, time_zone)
        text = page.locator(".call-status__text").inner_text()
        assert text == status_text(sv.strings[message_key(expected)], call, sv, expected.days_left), (name, time_zone)
        # Words that invite an application show exactly while the call is upcoming or open.
        steps = page.locator('[data-call-status-show="upcoming open"]').first
        assert steps.is_visible() is (expected.state in ("upcoming", "open")), (name, time_zone)
        context.close()


@pytest.mark.parametrize("which", [0, 2, 6], ids=["upcoming", "open", "closed"])
def test_the_build_writes_the_status_as_of_source_date_epoch(tmp_path, call, which):
    """One build per state (the rule itself is tested at every moment above and in tests/test_tools.py)."""
    name, moment, expected = moments(call["window"])[which]
    site = build_or_fail(tmp_path / "site", SOURCE_DATE_EPOCH=str(int(moment.timestamp())))
    for lang in LANGUAGES:
        for page in language_pages(site, lang):
            statuses = read(page).find("div", class_=f"call-status call-status--{expected.state}")
            assert statuses and statuses[0]["data-call-status"] == expected.state, (name, page)
    for lang in LANGUAGES.full:
        how = read(language_root(site, lang) / "how-to-apply.html")
        inviting = how.find("div", data_call_status_show="upcoming open")
        assert len(inviting) == 2  # the call's text of how to apply, and the steps
        assert all(("hidden" in part) is (expected.state == "closed") for part in inviting)
        [closed_text] = how.find("div", data_call_status_show="closed decided archived withdrawn")
        assert ("hidden" in closed_text) is (expected.state != "closed")


def test_nothing_on_a_closed_call_invites_an_application(site, call):
    """The reference call closed in 2019: what is shown never says that one can apply now."""
    invitations = {"sv": ("Nu finns möjlighet", "Du ansöker digitalt", "Skicka in ansökan senast"),
                   "en": ("can now apply", "You apply online", "Submit the application by")}
    for code, phrases in invitations.items():
        lang = LANGUAGES[code]
        for page in language_pages(site, lang):
            parsed = read(page)
            visible = _visible_text(page.read_text(encoding="utf-8"))
            for phrase in phrases:
                assert phrase not in visible, (page, phrase)
            assert parsed.text  # the page exists and reads


def _visible_text(html: str) -> str:
    """The page's text without the parts the build hid (hidden attribute)."""
    import re
    return re.sub(r"<(div|span|a|p|li|section)\b[^>]*\bhidden\b[^>]*>.*?</\1>", " ", html, flags=re.S)


def test_a_decided_call_says_so_on_every_page(other_site):
    data = loaded(FIXTURE_CALL)
    assert call_status(data.call["window"], dt.datetime.now(dt.timezone.utc), decided_instant(data.call)).state == "decided"
    for lang in data.languages:
        for page in language_pages(other_site, lang):
            [band] = read(page).find("div", class_="call-status call-status--decided")
            assert band["data-call-status"] == "decided", page
        assert fmt.format_date(data.call["outcome"]["decided"], lang) in read(language_root(other_site, lang) / "index.html").text


@pytest.mark.parametrize(("moment", "state"), [("2026-02-05T10:00:00+01:00", "open"), ("2026-05-10T10:00:00+02:00", "closed"),
                                               ("2026-07-01T10:00:00+02:00", "decided")])
def test_the_phase_texts_follow_the_readers_clock(browser, other_site, moment, state):
    """Open, closed and decided, live: the band, the invitation and the eligibility answer's first line."""
    page = browser.new_page()
    page.clock.set_fixed_time(dt.datetime.fromisoformat(moment))
    page.goto((call_dir_of(other_site) / "how-to-apply.html").as_uri())
    assert page.locator(".call-status").get_attribute("data-call-status") == state
    assert page.locator('[data-call-status-show="upcoming open"]').first.is_visible() is (state == "open")
    page.goto((call_dir_of(other_site) / "eligibility.html").as_uri())
    assert page.locator(".elig__closed").is_visible() is (state != "open")
    page.close()


def test_the_search_index_holds_only_what_the_pages_show_in_the_builds_phase(site):
    """A closed call's search never offers another phase's text ("Nu finns möjlighet … att söka")."""
    import json
    import re
    checked = 0
    for lang in LANGUAGES:
        root = site / lang.path if lang.path else site
        index = json.loads((root.parent / "search" / "search_index.json").read_text(encoding="utf-8"))  # its language's
        indexed = re.sub(r"\s+", " ", " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"]))
        for page in root.glob("*.html"):
            html = page.read_text(encoding="utf-8")
            hidden = r"<div [^>]*data-call-status-show=\"[^\"]*\"[^>]*hidden[^>]*>(.*?)</div>"
            visible = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(hidden, "", html, flags=re.S)))
            for block in re.findall(hidden, html, re.S):
                words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block)).strip()[:40]
                if len(words) > 20 and words not in visible:  # a line both phases say is rightly found
                    checked += 1
                    assert words not in indexed, (lang.code, page.name, words)
    assert checked  # the reference call, closed, has texts of other phases
