"""The call's life (#11): questions and answers, information meetings, notices, the decision and its
grants, a feed to follow it all, and the call and its grants in the field's open standards.

The fixture call (tests/fixtures/other-site/calls/2026-innovationscheckar/: example organisations only) has all of them. It is
built as it stood while open (a meeting ahead, one held, a recent notice, no decision yet) and as
it stands now (decided); the reference call is built as it stands (closed in 2019)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest
import referencing
import yaml

from conftest import FIXTURE_CALL, REFERENCE_CALL, REPO, StaticServer, build_or_fail, call_dir_of, copy_call, give_funder_ids, loaded, prepared_call, run_build
from macros import formatting as fmt
from macros.call_data import load
from macros.problems import CallError
from macros.view import plain
from pages import language_pages, language_root, read
from test_browser import search

STANDARDS = REPO / "standards"
ATOM = "{http://www.w3.org/2005/Atom}"
FIXTURE = loaded(FIXTURE_CALL)
ZONE = ZoneInfo(FIXTURE.call["window"]["time_zone"])
# While the fixture call was open: its first meeting held, the second ahead, the newest notice recent.
WHILE_OPEN = dt.datetime(2026, 4, 2, 12, 0, tzinfo=ZONE)


def fixture_copy(target: Path, outcome: dict | None) -> Path:
    """A copy of the fixture call with another outcome.yml (None: none at all)."""
    folder = target / FIXTURE_CALL.name
    copy_call(FIXTURE_CALL, folder)
    if outcome is None:
        (folder / "outcome.yml").unlink()
    else:
        (folder / "outcome.yml").write_text(yaml.safe_dump(outcome, allow_unicode=True), encoding="utf-8")
    return folder


def epoch(moment: dt.datetime) -> str:
    return str(int(moment.timestamp()))


@pytest.fixture(scope="module")
def open_call(tmp_path_factory) -> Path:
    """The fixture call's folder as it stood while open: a decision expected, none made."""
    return fixture_copy(tmp_path_factory.mktemp("open-call"), {"decision_expected": FIXTURE.call["outcome"]["decision_expected"]})


@pytest.fixture(scope="module")
def open_site(tmp_path_factory, open_call) -> Path:
    return build_or_fail(tmp_path_factory.mktemp("open-site") / "site", call_dir=open_call, SOURCE_DATE_EPOCH=epoch(WHILE_OPEN))


def visible(html: str) -> str:
    """A page's HTML without the parts the build hid."""
    return re.sub(r"<(div|span|a|p|li|section|aside)\b[^>]*\shidden(?:[\s=][^>]*)?>.*?</\1>", " ", html, flags=re.S)


# --- questions and answers ---------------------------------------------------------------------

@pytest.mark.parametrize("which", ["reference", "fixture"])
def test_questions_newest_first_grouped_by_topic_with_anchor_and_date(request, which):
    site = request.getfixturevalue("site" if which == "reference" else "other_site")
    data = loaded() if which == "reference" else FIXTURE
    questions = data.call["questions"]
    assert len(questions) >= 3
    for lang in data.languages.full:
        html = (language_root(site, lang) / "questions.html").read_text(encoding="utf-8")
        page = read(language_root(site, lang) / "questions.html")
        positions = {}
        for question in questions:
            [block] = page.find("div", id=f"q-{question['id']}")
            assert block["class"] == "call-question"
            assert plain(question["question"], lang) in page.text, (lang.code, question["id"])
            assert plain(question["answer"], lang).split("\n")[0] in page.text, (lang.code, question["id"])
            positions[question["id"]] = html.index(f'id="q-{question["id"]}"')
            block_html = html[positions[question["id"]]:]
            if question.get("published"):  # a date only where the funder gave one
                assert f'<time datetime="{question["published"]}">' in block_html[:800], (lang.code, question["id"])
            else:  # an answer that restates the call says so, and shows no day
                assert lang.strings["question_from_call_text"] in block_html[:800] and "<time" not in block_html[:block_html.index("</div>")]
        # Within a topic, newest first; topics in the order of their newest question; no topic last.
        topics = {}
        for question in questions:
            topics.setdefault(plain(question["topic"], lang) if question.get("topic") else "", []).append(question)
        for members in topics.values():
            ordered = sorted(members, key=lambda q: positions[q["id"]])
            dates = [q.get("published") or "" for q in ordered]
            assert dates == sorted(dates, reverse=True)
        headings = [plain(members[0]["topic"], lang) for key, members in topics.items() if key]
        for heading in headings:
            assert f">{heading}</h2>" in html.replace("&#39;", "'"), (lang.code, heading)
        if "" in topics and len(topics) > 1:
            assert html.index(lang.strings["questions_other_topic"]) > max(html.index(f">{h}</h2>") for h in headings)


@pytest.mark.parametrize("which", ["reference", "fixture"])
def test_the_start_page_links_the_latest_questions(request, which):
    site = request.getfixturevalue("site" if which == "reference" else "other_site")
    data = loaded() if which == "reference" else FIXTURE
    newest = sorted((q for q in data.call["questions"] if q.get("published")), key=lambda q: q["published"], reverse=True)[:3]
    for lang in data.languages.full:
        start = read(language_root(site, lang) / "index.html")
        links = [a["href"] for tag, a in start.elements if tag == "a" and a.get("href", "").startswith("questions.html#q-")]
        assert links == [f"questions.html#q-{q['id']}" for q in newest], lang.code


def test_answers_ask_facts_by_name_and_always_agree_with_the_call(other_site):
    """The fixture's notice and answer ask {{ call.questions_until }}: every language shows the date, nothing shows the braces."""
    until = FIXTURE.call["questions_until"]
    for lang in FIXTURE.languages.full:
        root = language_root(other_site, lang)
        assert fmt.format_date(until, lang) in read(root / "questions.html").text
        assert fmt.format_date(until, lang) in read(root / "changes.html").text
        assert fmt.format_date(until, lang) in (root / "feed.xml").read_text(encoding="utf-8")
    for path in other_site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json") and not path.name.endswith(".schema.json"):  # a schema documents the names
            assert "{{" not in path.read_text(encoding="utf-8"), path


def test_an_answer_that_asks_for_a_fact_that_does_not_exist_is_refused_at_its_line(tmp_path):
    folder = tmp_path / FIXTURE_CALL.name
    copy_call(FIXTURE_CALL, folder)
    path = folder / "questions.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("{{ call.questions_until }}", "{{ call.question_until }}", 1),
                    encoding="utf-8")
    with pytest.raises(CallError) as error:
        load(folder)
    [problem] = error.value.problems
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "question_until" in text)
    assert (Path(problem.file).name, problem.line, problem.code) == ("questions.yml", line, "template_unknown_name")
    assert "call.questions_until" in dict(problem.params)["suggestion"]


def test_search_finds_the_questions(browser, served_under_subpath):
    call = loaded().call
    page = browser.new_page()
    for lang in loaded().languages.full:
        page.goto(served_under_subpath + lang.path + "index.html")
        word = max(re.findall(r"\w+", plain(call["questions"][0]["question"], lang)), key=len)
        hrefs = search(page, word)
        assert any("questions.html" in href for href in hrefs), (lang.code, word, hrefs)
        page.keyboard.press("Escape")
    page.close()


# --- information meetings ------------------------------------------------------------------------

def test_meetings_ahead_show_on_the_start_page_with_registration_and_calendar(open_site):
    kickoff, online = sorted(FIXTURE.call["events"], key=lambda event: event["starts"])
    assert dt.datetime.fromisoformat(kickoff["ends"]).replace(tzinfo=ZONE) < WHILE_OPEN
    assert dt.datetime.fromisoformat(online["starts"]).replace(tzinfo=ZONE) > WHILE_OPEN
    for lang in FIXTURE.languages.full:
        root = language_root(open_site, lang)
        shown = visible((root / "index.html").read_text(encoding="utf-8"))
        events = shown[shown.index('class="call-events"'):]
        events = events[:events.index("</section>")]
        assert plain(online["name"], lang) in events and plain(kickoff["name"], lang) not in events, lang.code
        assert f'href="{online["online"]}"' in events
        # Key dates: both meetings, each with its own calendar file; only the one ahead offers it.
        dates = shown[shown.index('class="call-timeline"'):]
        for event in (kickoff, online):
            assert plain(event["name"], lang) in dates
            assert (root / "calendar" / f"event-{event['id']}.ics").exists()
        assert f'href="calendar/event-{online["id"]}.ics"' in dates
        assert f'href="calendar/event-{kickoff["id"]}.ics"' not in dates
        assert lang.strings["event_held"] in dates and f'href="{kickoff["recording"]}"' in dates


def test_no_page_offers_a_past_date_to_a_calendar(other_site, site):
    for built, data in ((other_site, FIXTURE), (site, loaded())):
        for lang in data.languages:
            for page in language_pages(built, lang):
                assert ".ics" not in "".join(re.findall(r'href="[^"]*"', visible(page.read_text(encoding="utf-8")))), page


@pytest.mark.parametrize(("moment", "held"), [("2026-02-09T10:00:00+01:00", False), ("2026-02-10T15:30:00+01:00", True)],
                         ids=["ahead", "held"])
def test_a_meeting_turns_held_on_the_readers_clock(browser, open_site, moment, held):
    kickoff = min(FIXTURE.call["events"], key=lambda event: event["starts"])
    page = browser.new_page()
    page.clock.set_fixed_time(dt.datetime.fromisoformat(moment))
    for lang in FIXTURE.languages.full:
        page.goto((language_root(open_site, lang) / "index.html").as_uri())
        listed = page.locator(".call-events li.call-event", has_text=plain(kickoff["name"], lang))
        assert listed.is_visible() is (not held), lang.code
        dates = page.locator(".call-timeline__event--event", has_text=plain(kickoff["name"], lang))
        assert dates.locator(".call-event__held").is_visible() is held
        assert dates.locator(f'a[href="{kickoff["recording"]}"]').is_visible() is held
        assert dates.locator(f'a[href="calendar/event-{kickoff["id"]}.ics"]').is_visible() is (not held)
        registration = dates.locator(f'a[href="{kickoff["registration"]}"]')
        assert registration.is_visible() is False  # registration closed on the 8th
    page.close()


# --- notices ---------------------------------------------------------------------------------

def test_the_newest_notice_shows_on_every_page_while_recent(open_site, other_site):
    newest = max(FIXTURE.call["notices"], key=lambda notice: notice["date"])
    for lang in FIXTURE.languages.full:
        for page in language_pages(open_site, lang):
            banner = read(page).find("div", class_="call-notice-banner")
            assert len(banner) == 1 and "hidden" not in banner[0], page
            assert plain(newest["text"], lang).split("{{")[0][:20] in read(page).text
        for page in language_pages(other_site, lang):
            [banner] = read(page).find("div", class_="call-notice-banner")
            assert "hidden" in banner, page  # months later: no longer on every page
            ends = dt.date.fromisoformat(newest["date"]) + dt.timedelta(days=FIXTURE.call["notice_days"] + 1)
            assert banner["data-show-until"].startswith(ends.isoformat())


def test_every_notice_is_on_the_changes_page(other_site):
    for lang in FIXTURE.languages.full:
        page = read(language_root(other_site, lang) / "changes.html")
        notices = page.find("li", class_="call-notice")
        assert len(notices) == len(FIXTURE.call["notices"])
        assert [n["id"] for n in notices] == sorted((n["id"] for n in notices), reverse=True)
        for notice in FIXTURE.call["notices"]:
            assert plain(notice["text"], lang) in page.text


# --- the decision ------------------------------------------------------------------------------

def test_the_decision_page_has_date_applications_grants_and_total(other_site):
    outcome = FIXTURE.call["outcome"]
    for lang in FIXTURE.languages.full:
        page = read(language_root(other_site, lang) / "decision.html")
        html = (language_root(other_site, lang) / "decision.html").read_text(encoding="utf-8")
        assert fmt.format_date(outcome["decided"], lang) in page.text
        assert fmt.fill_template(lang.strings["decision_applications"], count=fmt.format_number(outcome["applications_received"], lang),
                                 granted=fmt.format_number(len(outcome["grants"]), lang)) in page.text
        table = html[html.index('class="call-grants'):]
        table = table[:table.index("</table>")]
        assert table.count("<tr") == len(outcome["grants"]) + 1  # a header row and one per grant
        for grant in outcome["grants"]:
            for shown in (grant["recipient"]["name"], plain(grant["project"], lang), fmt.format_money(grant["amount_sek"], lang),
                          grant["municipality"]):
                assert shown in table.replace("&amp;", "&"), (lang.code, shown)
        total = sum(grant["amount_sek"] for grant in outcome["grants"])
        assert fmt.fill_template(lang.strings["grants_total"], amount=fmt.format_money(total, lang),
                                 count=fmt.format_number(len(outcome["grants"]), lang)) in page.text


def test_while_closed_the_expected_decision_date(tmp_path):
    folder = fixture_copy(tmp_path, {"decision_expected": FIXTURE.call["outcome"]["decision_expected"]})
    after_closing = dt.datetime(2026, 5, 10, 12, tzinfo=ZONE)
    site = build_or_fail(tmp_path / "site", call_dir=folder, SOURCE_DATE_EPOCH=epoch(after_closing))
    for lang in FIXTURE.languages.full:
        root = language_root(site, lang)
        expected = fmt.fill_template(lang.strings["decision_expected"],
                                     date=fmt.format_date(FIXTURE.call["outcome"]["decision_expected"], lang))
        assert expected in read(root / "decision.html").text
        [band] = read(root / "index.html").find("div", class_="call-status call-status--closed")
        assert band["data-call-status"] == "closed"
    assert not (site / "grants.json").exists()


def test_a_grant_above_the_cap_stops_the_build_at_its_line(tmp_path):
    cap = FIXTURE.call["funding"]["max_support_sek"]
    folder = tmp_path / FIXTURE_CALL.name
    copy_call(FIXTURE_CALL, folder)
    path = folder / "outcome.yml"
    first = FIXTURE.call["outcome"]["grants"][0]["amount_sek"]
    path.write_text(path.read_text(encoding="utf-8").replace(f"amount_sek: {first}", f"amount_sek: {cap + 1}", 1), encoding="utf-8")
    with pytest.raises(CallError) as error:
        load(folder)
    [problem] = error.value.problems
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if f"amount_sek: {cap + 1}" in text)
    assert (Path(problem.file).name, problem.line, problem.code) == ("outcome.yml", line, "grant_above_cap")
    out = tmp_path / "site"
    result = run_build(out, call_dir=folder)
    assert result.returncode != 0 and f"outcome.yml:{line}:" in result.stdout + result.stderr
    assert not out.exists()


# --- the feed -------------------------------------------------------------------------------

def feed_of(site: Path, lang) -> ET.Element:
    return ET.parse(language_root(site, lang) / "feed.xml").getroot()


def entries_of(feed: ET.Element) -> dict[str, ET.Element]:
    return {entry.findtext(f"{ATOM}id"): entry for entry in feed.findall(f"{ATOM}entry")}


RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


@pytest.mark.parametrize("which", ["reference", "fixture"])
def test_each_full_language_has_an_atom_feed_with_every_item(request, which):
    site = request.getfixturevalue("site" if which == "reference" else "other_site")
    prepared = prepared_call(REFERENCE_CALL if which == "reference" else FIXTURE_CALL)
    call = prepared.call
    for lang in prepared.languages.full:
        feed = feed_of(site, lang)
        assert feed.tag == f"{ATOM}feed"
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang.code
        for required in ("id", "title", "updated"):
            assert (feed.findtext(f"{ATOM}{required}") or "").strip(), required
        assert RFC3339.match(feed.findtext(f"{ATOM}updated"))
        assert feed.find(f"{ATOM}author/{ATOM}name").text == plain(call["funder"]["name"], lang)
        assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "feed.xml"
        entries = entries_of(feed)
        assert len(entries) == len(feed.findall(f"{ATOM}entry"))  # ids are unique
        for entry in entries.values():
            for required in ("id", "title", "updated", "summary"):
                assert (entry.findtext(f"{ATOM}{required}") or "").strip(), required
            assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
            target = entry.find(f"{ATOM}link[@rel='alternate']").get("href").split("#")
            assert (language_root(site, lang) / target[0]).exists(), target
            if len(target) > 1:
                assert target[1] in read(language_root(site, lang) / target[0]).ids, target
        titles = [entry.findtext(f"{ATOM}title") for entry in entries.values()]
        published = [question for question in call["questions"] if question.get("published")]  # undated: not news
        kinds = {"question": len(published), "notice": len(call.get("notices", [])), "event": len(call.get("events", [])),
                 "decision": 1 if (call.get("outcome") or {}).get("decided") else 0,
                 "change": len(prepared.history.changes) if prepared.history else 0}
        for kind, count in kinds.items():
            assert sum(f":{prepared.slug}/{kind}" in entry_id for entry_id in entries) == count, (lang.code, kind)
        for question in published:
            assert lang.strings["feed_question"].replace("{question}", plain(question["question"], lang)) in titles
        for event in call.get("events", []):
            assert lang.strings["feed_event"].replace("{name}", plain(event["name"], lang)) in titles


def test_every_page_links_its_languages_feed_in_its_head_and_visibly(other_site):
    for lang in FIXTURE.languages.full:
        for page in language_pages(other_site, lang):
            parsed = read(page)
            [head] = [a for tag, a in parsed.elements if tag == "link" and a.get("type") == "application/atom+xml"]
            [shown] = [a for tag, a in parsed.elements if tag == "a" and a.get("type") == "application/atom+xml"]
            for link in (head, shown):
                assert (page.parent / link["href"]).resolve() == (language_root(other_site, lang) / "feed.xml").resolve()
            assert lang.strings["feed_link"] in parsed.text


def test_feed_ids_stay_when_items_are_added_and_two_builds_are_identical(tmp_path):
    folder = tmp_path / FIXTURE_CALL.name
    copy_call(FIXTURE_CALL, folder)
    moment = "1780000000"
    first = build_or_fail(tmp_path / "first", call_dir=folder, SOURCE_DATE_EPOCH=moment, SITE_URL="https://bidrag.example.se/")
    again = build_or_fail(tmp_path / "again", call_dir=folder, SOURCE_DATE_EPOCH=moment, SITE_URL="https://bidrag.example.se/")
    for lang in FIXTURE.languages.full:
        assert (language_root(first, lang) / "feed.xml").read_bytes() == (language_root(again, lang) / "feed.xml").read_bytes()
    call_yml = folder / "call.yml"
    call_yml.write_text(call_yml.read_text(encoding="utf-8").replace(
        "notices:\n", "notices:\n  - date: 2026-02-20\n    text:\n      sv: Ett tidigare meddelande.\n      en: An earlier notice.\n", 1),
        encoding="utf-8")
    questions = folder / "questions.yml"
    questions.write_text(questions.read_text(encoding="utf-8").replace(
        "questions:\n", "questions:\n  - id: added\n    published: 2026-02-03\n    question:\n      sv: En ny fråga?\n      en: A new question?\n"
        "    answer:\n      sv: Ett nytt svar.\n      en: A new answer.\n", 1), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "tools.translations", "mark", "all"], cwd=REPO,
                   env={**os.environ, "CALL_DIR": str(folder)}, check=True, capture_output=True)
    later = build_or_fail(tmp_path / "later", call_dir=folder, SOURCE_DATE_EPOCH=moment, SITE_URL="https://bidrag.example.se/")
    for lang in FIXTURE.languages.full:
        before, after = entries_of(feed_of(first, lang)), entries_of(feed_of(later, lang))
        assert set(before) < set(after)
        for entry_id, entry in before.items():
            assert entry.findtext(f"{ATOM}title") == after[entry_id].findtext(f"{ATOM}title"), entry_id
        assert len(after) == len(before) + 2


# --- open data in the field's standards ------------------------------------------------------

def three_sixty_validator() -> jsonschema.Validator:
    grant = json.loads((STANDARDS / "360giving" / "360-giving-schema.json").read_text(encoding="utf-8"))
    package = json.loads((STANDARDS / "360giving" / "360-giving-package-schema.json").read_text(encoding="utf-8"))
    # The package refers to the grant schema by its public address (1.4.2); the file here says 1.4.3.
    addresses = {grant["$id"], package["properties"]["grants"]["items"]["$ref"]}
    resource = referencing.Resource.from_contents(grant, default_specification=referencing.jsonschema.DRAFT202012)
    registry = referencing.Registry().with_resources((address, resource) for address in addresses)
    return jsonschema.Draft202012Validator(package, registry=registry, format_checker=jsonschema.FormatChecker())


def commongrants_validator(model: str = "OpportunityBase.yaml") -> jsonschema.Validator:
    folder = STANDARDS / "commongrants"
    resources = []
    for path in sorted(folder.glob("*.yaml")):
        contents = yaml.safe_load(path.read_text(encoding="utf-8"))
        resources.append((path.name, referencing.Resource.from_contents(contents, default_specification=referencing.jsonschema.DRAFT202012)))
    registry = referencing.Registry().with_resources(resources)
    return jsonschema.Draft202012Validator(registry.contents(model), registry=registry, format_checker=jsonschema.FormatChecker())


def test_the_grants_are_a_valid_360giving_package(other_site):
    validator = three_sixty_validator()
    package = json.loads((other_site / "grants.json").read_text(encoding="utf-8"))
    errors = [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(package)]
    assert not errors, errors
    # Mutation check: the validator really reads the grant schema.
    broken = json.loads(json.dumps(package))
    del broken["grants"][0]["amountAwarded"]
    assert list(validator.iter_errors(broken))
    outcome, funder = FIXTURE.call["outcome"], FIXTURE.call["funder"]
    assert [grant["amountAwarded"] for grant in package["grants"]] == [grant["amount_sek"] for grant in outcome["grants"]]
    for record, grant in zip(package["grants"], outcome["grants"]):
        assert record["id"].startswith(funder["grant_id_prefix"] + "-")
        assert record["awardDate"] == outcome["decided"] and record["currency"] == "SEK"
        [recipient] = record["recipientOrganization"]
        number = grant["recipient"].get("org_number")
        assert recipient["id"] == (f"SE-ON-{number}" if number else recipient["id"])
        assert number or not recipient["id"].startswith("SE-ON-")  # no number invented
    assert not (REFERENCE_CALL / "outcome.yml").exists()


def test_the_reference_call_has_no_grants_file(site):
    assert not (site / "grants.json").exists()


@pytest.mark.parametrize(("which", "state"), [("reference", "closed"), ("open", "open"), ("upcoming", "forecasted")])
def test_the_call_is_a_valid_commongrants_opportunity_in_each_full_language(request, tmp_path, which, state):
    if which == "reference":
        site, data = request.getfixturevalue("site"), loaded()
    elif which == "open":
        site, data = request.getfixturevalue("open_site"), FIXTURE
    else:
        before = dt.datetime(2026, 1, 25, 12, tzinfo=ZONE)
        site = build_or_fail(tmp_path / "site", call_dir=request.getfixturevalue("open_call"), SOURCE_DATE_EPOCH=epoch(before))
        data = FIXTURE
    validator, paginated = commongrants_validator(), commongrants_validator("Paginated.yaml")
    ids = set()
    for lang in data.languages.full:
        record = json.loads((language_root(site, lang) / "opportunity.json").read_text(encoding="utf-8"))
        errors = [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(record)]
        assert not errors, (lang.code, errors)
        # The language's list of opportunities, as CommonGrants' list API answers: one page, every call in it.
        listing = json.loads((language_root(site, lang).parent / "opportunities.json").read_text(encoding="utf-8"))  # the site's list
        errors = [f"{list(error.path)}: {error.message}" for error in paginated.iter_errors(listing)]
        assert not errors and listing["items"] == [record], (lang.code, errors)
        assert listing["paginationInfo"] == {"page": 1, "pageSize": 1, "totalItems": 1, "totalPages": 1}
        assert list(paginated.iter_errors(dict(listing, paginationInfo={"page": 0, "pageSize": 1})))  # it reads the schema
        assert record["status"]["value"] == state
        assert record["funding"]["maxAwardAmount"] == {"amount": f"{data.call['funding']['max_support_sek']}.00", "currency": "SEK"}
        assert record["keyDates"]["closeDate"]["date"] == data.call["window"]["closes"]
        period = record["keyDates"]["otherDates"]["applicationPeriod"]  # a period, named as one (not "the call opens")
        assert period["name"] == lang.strings["application_period"] and period["startDate"] == data.call["window"]["opens"]
        assert record["customFields"]["language"]["value"] == lang.code
        meetings = {key for key in record["keyDates"]["otherDates"] if key.startswith("meeting_")}
        assert meetings == {f"meeting_{event['id']}" for event in data.call.get("events", [])}
        ids.add(record["id"])
    assert len(ids) == len(data.languages.full)  # one record per language
    broken = dict(record, funding={"maxAwardAmount": {"amount": data.call["funding"]["max_support_sek"], "currency": "SEK"}})
    assert list(validator.iter_errors(broken))  # money must be a decimal string: the validator reads Money.yaml


# --- accessibility and validity of the pages the life cycle adds --------------------------------

LIFE_PAGES = ("index.html", "questions.html", "decision.html", "changes.html")


@pytest.mark.parametrize("which", ["open", "decided"])
def test_axe_and_the_nu_html_checker_on_the_life_cycle_pages(request, browser, which):
    from axe_playwright_python.sync_playwright import Axe
    site = request.getfixturevalue("open_site" if which == "open" else "other_site")
    paths = [lang.path + name for lang in FIXTURE.languages.full for name in LIFE_PAGES]
    found = {}
    with StaticServer(site) as server:
        page = browser.new_page()
        for path in paths:
            page.goto(f"{server.origin}/{path}")
            violations = [v["id"] for v in Axe().run(page).response["violations"]]
            if violations:
                found[path] = violations
        page.close()
    assert not found, found
    vnu = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    result = subprocess.run(["java", "-jar", str(vnu), "--errors-only", "--format", "text", *[str(site / path) for path in paths]],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- the editors' guide -------------------------------------------------------------------------

def guide_examples() -> list[str]:
    """The YAML examples of the guide's section on the call's life, in order."""
    guide = (REPO / "REDAKTORSGUIDE.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Frågor och svar, möten, meddelanden och beslut"):]
    section = section[:section.index("\n## ", 1)]
    return re.findall(r"```yaml\n(.*?)```", section, flags=re.S)


def test_the_guides_examples_of_the_calls_life_build_a_site(tmp_path):
    """An editor who copies the guide's examples into the reference call gets a site that shows them."""
    questions, events, notices, expected, decided = (block.replace("https://…", "https://exempel.se/sida") for block in guide_examples())
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)
    (folder / "questions.yml").write_text(questions, encoding="utf-8")
    call_yml = folder / "call.yml"
    call_yml.write_text(call_yml.read_text(encoding="utf-8") + "\n" + events + "\n" + notices, encoding="utf-8")
    # What the guide says the decision needs: the funder's organisation number and 360Giving prefix (example values),
    # in the site's file.
    give_funder_ids(folder.parent / "site.yml")
    (folder / "outcome.yml").write_text(expected, encoding="utf-8")
    assert load(folder).call["outcome"]["decision_expected"]
    (folder / "outcome.yml").write_text(decided, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "tools.translations", "mark", "all"], cwd=REPO,
                   env={**os.environ, "CALL_DIR": str(folder)}, check=True, capture_output=True)
    site = build_or_fail(tmp_path / "site", call_dir=folder)
    data = load(folder)
    for lang in data.languages.full:
        root = language_root(site, lang)
        assert plain(data.call["questions"][0]["answer"], lang) in read(root / "questions.html").text
        assert fmt.format_months(data.call["max_project_months"], lang) in plain(data.call["questions"][0]["answer"], lang)
        assert plain(data.call["events"][0]["name"], lang) in read(root / "index.html").text
        assert fmt.format_date(data.call["window"]["closes"], lang) in plain(data.call["notices"][0]["text"], lang)
        assert data.call["outcome"]["grants"][0]["recipient"]["name"] in read(root / "decision.html").text
    assert (site / "grants.json").exists()


def test_topic_anchors_keep_their_letters(site, call):
    """#topic-vem-kan-söka, never #topic-vem-kan-s-ka: an anchor is the topic's own words."""
    from pages import read
    page = read(call_dir_of(site) / "questions.html")
    anchors = [element["id"] for element in page.find("h2") if element.get("id", "").startswith("topic-")]
    assert anchors
    for anchor in anchors:
        assert re.fullmatch(r"topic-[\w]+(?:-[\w]+)*", anchor) and "_" not in anchor, anchor
    topics = {question["topic"]["sv"] for question in call["questions"] if question.get("topic")}
    words = {anchor.removeprefix("topic-").replace("-", " ") for anchor in anchors}
    assert {re.sub(r"[\W_]+", " ", topic.lower()).strip() for topic in topics} <= words


def test_answers_that_restate_the_call_carry_no_date_and_are_not_news(site):
    """The reference call's answers restate its text: the funder published none of them on a day."""
    data = loaded()
    undated = [q for q in data.call["questions"] if not q.get("published")]
    assert undated
    for lang in data.languages.full:
        feed = ET.parse(language_root(site, lang) / "feed.xml").getroot()
        ids = [entry.findtext(f"{ATOM}id") for entry in feed.findall(f"{ATOM}entry")]
        assert not any(entry_id.endswith(f"/question/{q['id']}") for q in undated for entry_id in ids), lang.code


def test_without_a_decision_there_is_no_decision_page(site, other_site):
    """A page that needs the decision (requires: outcome) is neither built nor in any menu or language link
    until the call has one; with one, it is."""
    assert loaded().call.get("outcome") is None and FIXTURE.call.get("outcome")
    for lang in loaded().languages:
        root = language_root(site, lang)
        assert not (root / "decision.html").exists(), lang.code
        for page in root.glob("*.html"):
            assert "decision.html" not in page.read_text(encoding="utf-8"), page.name
    for lang in FIXTURE.languages.full:
        root = language_root(other_site, lang)
        assert (root / "decision.html").exists()
        assert any(a.get("href") == "decision.html" for a in read(root / "index.html").find("a")), lang.code  # in the menu


@pytest.mark.parametrize("which", ["reference", "fixture"])
def test_every_glossary_term_is_used_on_a_page_of_its_language(request, which):
    """A glossary explains the words readers meet: no term the pages never use."""
    site = request.getfixturevalue("site" if which == "reference" else "other_site")
    data = loaded() if which == "reference" else FIXTURE
    for lang in data.languages.full:
        shown = " ".join(read(page).text.lower() for page in language_pages(site, lang) if page.name != "glossary.html")
        for entry in data.call["glossary"]:
            term = plain(entry["term"], lang)
            assert term.lower() in shown, (lang.code, term)


def test_notices_and_meeting_names_are_written_in_every_language_summaries_included(tmp_path):
    """A notice that moves a date, or a meeting, in the reference call (which publishes a Finnish summary):
    without its Finnish text the check names the field and the language; with it, the Finnish page shows
    the notice too, so no reader sees a new date without the reason."""
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)
    data = loaded(folder)
    summary = data.languages.summary[0]
    full = [lang.code for lang in data.languages.full]
    closes = dt.date.fromisoformat(data.call["window"]["closes"])
    notice = {"date": (closes - dt.timedelta(days=5)).isoformat(), "text": {code: f"Meddelande {code}." for code in full}}
    meeting = {"id": "extra", "name": {code: f"Möte {code}" for code in full},
               "starts": f"{closes - dt.timedelta(days=20)}T10:00", "ends": f"{closes - dt.timedelta(days=20)}T11:00"}
    call_yml = folder / "call.yml"
    base = call_yml.read_text(encoding="utf-8")
    call_yml.write_text(base + "\n" + yaml.safe_dump({"notices": [notice], "events": [meeting]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CallError) as refused:
        prepared_call(folder)
    missing = [p for p in refused.value.problems if p.code == "text_language_missing"]
    assert {p.field.split("[")[0] for p in missing} == {"notices", "events"}, [p.text() for p in missing]
    notice["text"][summary.code] = f"Meddelande {summary.code}."
    meeting["name"][summary.code] = f"Möte {summary.code}"
    call_yml.write_text(base + "\n" + yaml.safe_dump({"notices": [notice], "events": [meeting]}, allow_unicode=True), encoding="utf-8")
    from tools.translations import mark  # as the editor does once the translations are checked
    mark([f"call.yml:{what}.{code}" for what in ("events[extra].name", f"notices[{notice['date']}].text")
          for code in data.languages.codes if code != data.languages.authoritative.code], prepared_call(folder))
    moment = dt.datetime.combine(closes - dt.timedelta(days=3), dt.time(12), dt.timezone.utc)
    site = build_or_fail(tmp_path / "site", call_dir=folder, SOURCE_DATE_EPOCH=str(int(moment.timestamp())))
    page = read(language_root(site, summary) / "index.html").text
    assert f"Meddelande {summary.code}." in page and f"Möte {summary.code}" in page
