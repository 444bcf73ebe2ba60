"""Say what the call says (#15): every sentence on every page, in every language, is the call's own
(produced from call/), a reviewed site text (tests/site-texts.yml), or inside a box marked as
general guidance; and what the call leaves open (an hour, a role, a publication date) stays open."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

import fidelity
from conftest import CALL_PATH, FIXTURE_CALL, REFERENCE_CALL, REPO, build_or_fail, copy_call, loaded, make_workspace, prepared_call
from macros import formatting as fmt
from pages import Page, language_pages, language_root, read, site_place

SITE_TEXTS = yaml.safe_load((REPO / "tests" / "site-texts.yml").read_text(encoding="utf-8"))
DU, NI = {"du", "dig", "din", "ditt", "dina"}, {"ni", "er", "ert", "era"}


@pytest.fixture(scope="module")
def open_site(tmp_path_factory):
    """The reference site as it stood while the call was open: the texts only that phase shows."""
    window = loaded().call["window"]
    opens = dt.date.fromisoformat(window["opens"])
    moment = dt.datetime.combine(opens + dt.timedelta(days=10), dt.time(12), ZoneInfo(window["time_zone"]))
    return build_or_fail(tmp_path_factory.mktemp("open") / "site", SOURCE_DATE_EPOCH=str(int(moment.timestamp())))


@pytest.fixture(scope="module")
def sites(site, open_site, other_site):
    """Three phases: the reference call closed and open, and the fixture call decided."""
    return {"closed": (site, REFERENCE_CALL), "open": (open_site, REFERENCE_CALL), "decided": (other_site, FIXTURE_CALL)}


@pytest.mark.parametrize("phase", ["closed", "open", "decided"])
def test_every_sentence_is_the_calls_own_or_a_reviewed_site_text(sites, phase):
    site, folder = sites[phase]
    prepared = prepared_call(folder)
    read_sentences = list(fidelity.read_site(site, prepared, SITE_TEXTS))
    unfaithful = [f"{page} [{code}]: {sentence}" for page, code, sentence, kind in read_sentences if kind is None]
    assert not unfaithful, "sentences that are neither the call's nor reviewed site texts:\n" + "\n".join(unfaithful)
    # The test reads what it should: the call's own sentences on every language's pages, and site texts.
    for lang in prepared.languages:
        kinds = {kind for page, code, _sentence, kind in read_sentences if code == lang.code}
        assert kinds == {"call", "site"}, (lang.code, kinds)


@pytest.mark.parametrize("phase", ["closed", "open", "decided"])
def test_every_sentence_outside_the_pages_is_the_calls_own_or_a_reviewed_site_text(sites, phase):
    """The feeds, calendar files, CommonGrants records and budget templates say nothing the call and the
    reviewed site texts do not."""
    site, folder = sites[phase]
    prepared = prepared_call(folder)
    found = list(fidelity.read_files(site, prepared, SITE_TEXTS))
    unfaithful = [f"{file} [{code}]: {sentence}" for file, code, sentence, kind in found if kind is None]
    assert not unfaithful, "sentences that are neither the call's nor reviewed site texts:\n" + "\n".join(unfaithful)
    read_from = {file.rsplit("/", 1)[-1] for file, *_rest in found}
    assert {"calendar", "opportunity.json", "budget"} <= read_from, read_from


def test_an_added_unmarked_sentence_fails_with_its_page_and_text(tmp_path):
    workspace = make_workspace(tmp_path / "work")
    invented = "Du kan ansöka hela sista dagen, fram till midnatt svensk tid."
    funding = workspace / "docs" / "sv" / "funding.md"
    funding.write_text(funding.read_text(encoding="utf-8") + f"\n{invented}\n", encoding="utf-8")
    # As an editor would who saw the translation gate: the English page is marked as needing no change.
    subprocess.run([sys.executable, "-m", "tools.translations", "mark", "--keep", "docs/en/funding.md"],
                   cwd=workspace, check=True, capture_output=True)
    site = build_or_fail(tmp_path / "site", root=workspace)
    found = fidelity.unfaithful(site, prepared_call(workspace / CALL_PATH), SITE_TEXTS)
    assert found == [("funding.html", "sv", invented)]


def test_a_sentence_in_a_guidance_box_is_not_the_calls_and_needs_no_review(site):
    """The boxes are skipped because they say what they are: check that they do, on every page that has one."""
    from conftest import loaded as load
    languages = load().languages
    boxes = 0
    for lang in languages:
        for page in language_pages(site, lang):
            html = page.read_text(encoding="utf-8")
            for box in re.findall(r'<aside class="call-guidance".*?</aside>', html, flags=re.S):
                boxes += 1
                assert lang.strings["guidance_label"] in box.replace("&ndash;", "–"), page
    assert boxes > 0


@pytest.mark.parametrize("phase", ["closed", "open", "decided"])
def test_each_swedish_page_speaks_to_du_or_to_ni(sites, phase):
    site, folder = sites[phase]
    prepared = prepared_call(folder)
    forms: dict[str, set[str]] = {}
    for page, code, sentence, kind in fidelity.read_site(site, prepared, SITE_TEXTS):
        if code != prepared.languages.authoritative.code or kind != "site":
            continue
        words = set(re.findall(r"\w+", sentence.lower()))
        forms.setdefault(page, set()).update(({"du"} if words & DU else set()) | ({"ni"} if words & NI else set()))
    mixed = {page: found for page, found in forms.items() if len(found) > 1}
    assert not mixed
    assert {"du", "ni"} <= set().union(*forms.values())  # both forms are in use, each on its own pages
    # The guide's rule (REDAKTORSGUIDE.md, Ordlista): the tools and the easy-to-read page speak to the
    # organisation (ni), every other page to the reader as the call does (du); none says "man".
    easy = prepared.languages.authoritative.easy_read
    speaks_to_ni = {page for page, found in forms.items() if "ni" in found}
    assert speaks_to_ni <= {"calculator.html", "eligibility.html", "checklist.html", f"{easy}.html"}, speaks_to_ni
    generic_you = [(page, sentence) for page, code, sentence, kind in fidelity.read_site(site, prepared, SITE_TEXTS)
                   if code == prepared.languages.authoritative.code and kind == "site" and re.search(r"\bman\b", sentence.lower())]
    assert not generic_you


def test_a_closing_time_in_the_data_shows_on_pages_calendar_and_json_ld(other_site):
    data = loaded(FIXTURE_CALL)
    window = data.call["window"]
    hour = dt.time.fromisoformat(window["closes_time"])
    for lang in data.languages:
        root = language_root(other_site, lang)
        start = read(root / "index.html")
        assert fmt.format_time(window["closes_time"], lang) in start.text, lang.code
        [stamp] = [a["datetime"] for tag, a in start.elements if tag == "time" and a.get("datetime", "").startswith(window["closes"])][:1]
        assert stamp == f"{window['closes']}T{window['closes_time']}", lang.code
        calendar = (root / "calendar" / "closes.ics").read_text(encoding="utf-8")
        assert f"DTSTART;TZID={window['time_zone']}:{window['closes'].replace('-', '')}T{hour:%H%M%S}" in calendar
        ld = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>',
                                  (root / "index.html").read_text(encoding="utf-8"), flags=re.S).group(1))
        ends = dt.datetime.fromisoformat(ld["potentialAction"]["endTime"])
        assert ends == dt.datetime.combine(dt.date.fromisoformat(window["closes"]), hour, ZoneInfo(window["time_zone"]))


def main_of(path: Path):
    """A page's main content (the footer names the call's contact on every page, for questions about the call)."""
    return Page(re.search(r"<main\b.*?</main>", path.read_text(encoding="utf-8"), flags=re.S).group(0))


def test_role_contacts_on_the_built_pages_follow_the_data(site, other_site):
    reference = loaded()
    for lang in reference.languages.full:
        for name in ("privacy.html", "accessibility.html"):
            text = main_of(site_place(site, lang) / name).text
            assert reference.call["contact"]["name"] not in text, (lang.code, name)
            assert reference.call["funder"]["name"][lang.code] in text, (lang.code, name)
    fixture = loaded(FIXTURE_CALL)
    named = fixture.call["role_contacts"]["accessibility"]
    for lang in fixture.languages:
        accessibility = main_of(site_place(other_site, lang) / "accessibility.html")
        assert named["name"] in accessibility.text and fixture.call["contact"]["name"] not in accessibility.text
        assert accessibility.find("a", href=f"mailto:{named['email']}")
        privacy = main_of(site_place(other_site, lang) / "privacy.html").text
        assert named["name"] not in privacy and fixture.call["contact"]["name"] not in privacy


def test_dates_say_what_they_are(site, other_site):
    """The footer and the changes page speak of when the site's facts changed; a publication date only when the data has one."""
    reference, fixture = loaded(), loaded(FIXTURE_CALL)
    assert "published" not in reference.call
    for lang in reference.languages.full:
        changes = read(language_root(site, lang) / "changes.html").text
        published = lang.strings["changes_published"].split("{date}")[0].strip()
        assert published not in changes, lang.code
        last = lang.strings["changes_last"].split("{date}")[0].strip()
        assert last in read(language_root(site, lang) / "index.html").text
    for lang in fixture.languages:
        changes = read(language_root(other_site, lang) / "changes.html").text
        expected = lang.strings["changes_published"].format(date=fmt.format_date(fixture.call["published"], lang))
        assert expected in changes, lang.code


def test_the_guidelines_link_when_the_data_has_their_address(site, other_site):
    reference, fixture = loaded(), loaded(FIXTURE_CALL)
    guidelines = fixture.call["funding"]["guidelines"]
    for lang in fixture.languages:
        funding = read(language_root(other_site, lang) / "funding.html")
        assert funding.find("a", href=guidelines["url"]), lang.code
    named = reference.call["funding"]["guidelines"]
    assert "url" not in named
    for lang in reference.languages.full:
        funding = read(language_root(site, lang) / "funding.html")
        full_name = str(fidelity.normal(str(prepared_call().names(lang)["call"]["guidelines"].striptags())))
        assert full_name in fidelity.normal(funding.text), lang.code


def test_nothing_of_the_call_is_lost_while_it_is_closed(site):
    """The summary says "experimental" wherever the scope is summarised, and the e-service choice shows in every phase."""
    prepared = prepared_call()
    for lang in prepared.languages.full:
        names = prepared.names(lang)["call"]
        summary = fidelity.normal(str(names["summary"].striptags()))
        choice = fidelity.normal(str(names["eservice_choice"].striptags()))
        for page in ("index.html", "what-can-be-funded.html", "checklist.html"):
            assert summary in fidelity.normal(read(language_root(site, lang) / page).text), (lang.code, page)
        for page in ("index.html", "how-to-apply.html"):
            shown = [sentence for _code, sentence in fidelity.page_sentences((language_root(site, lang) / page).read_text(encoding="utf-8"))]
            assert any(choice in sentence for sentence in shown), (lang.code, page)


@pytest.mark.parametrize("phase", ["open", "closed"])
def test_the_easy_to_read_page_follows_the_phase_and_says_no_more_than_the_call(sites, phase):
    """Easy-to-read Swedish: the phase's own text (past tense once closed), the ceilings with their units
    written out, co-financing in time and premises, no stronger word on private persons than the rest of
    the site, one form of address (ni), and a link to the full text, which is what applies."""
    site, folder = sites[phase]
    data = loaded(folder)
    lang = data.languages.authoritative
    assert lang.easy_read
    path = language_root(site, lang) / f"{lang.easy_read}.html"
    html = path.read_text(encoding="utf-8")
    own = html[html.index('class="easy-read"'):html.index("</article>")]  # the text itself, not the menu
    own = re.sub(r"<div [^>]*\bhidden\b[^>]*>.*?</div>", "", own, flags=re.S)  # what this phase shows
    shown = Page(own).text.replace("\u00a0", " ")
    funding = data.call["funding"]
    assert fmt.format_money(funding["max_support_sek"], lang, in_words=True).replace("\u00a0", " ") in shown
    assert fmt.format_percent(funding["max_rate_percent"], lang, in_words=True).replace("\u00a0", " ") in shown
    assert any(a.get("href") == "index.html" for a in Page(own).find("a"))
    assert "Privatpersoner finns inte med" not in shown and "lokaler" in shown
    words = set(re.findall(r"\w+", shown.lower()))
    assert not (words & DU), sorted(words & DU)
    banner = Page(html[html.index('class="call-status__text"'):html.index("</p>", html.index('class="call-status__text"'))]).text
    key = "status_closed" if phase == "closed" else "status_open_many"
    assert lang.easy_read_strings[key].split("{")[0].strip() in banner and lang.strings[key].split("{")[0].strip() not in banner
    if phase == "closed":
        assert "Det går inte att söka längre." in shown and "Ni kan söka från och med" not in shown
    else:
        assert "Ni kan söka från och med" in shown and "Det går inte att söka längre." not in shown


def test_the_easy_to_read_text_keeps_one_sentence_a_line(browser, site):
    lang = loaded().languages.authoritative
    page = browser.new_page()
    page.goto((language_root(site, lang) / f"{lang.easy_read}.html").as_uri())
    assert page.locator(".easy-read p").first.evaluate("p => getComputedStyle(p).whiteSpace") == "pre-line"
    page.close()


def test_the_easy_to_read_page_has_a_decided_variant(tmp_path):
    """Once the reference call is decided (an outcome added to a copy of its data), the easy-to-read page says
    that the decision is taken, in plain words, and still that applying is over."""
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)
    closes = dt.date.fromisoformat(loaded().call["window"]["closes"])
    decided = closes + dt.timedelta(days=60)
    (folder / "outcome.yml").write_text(f"decided: {decided.isoformat()}\napplications_received: 3\n", encoding="utf-8")
    moment = dt.datetime.combine(decided + dt.timedelta(days=5), dt.time(12), dt.timezone.utc)
    site = build_or_fail(tmp_path / "site", call_dir=folder, SOURCE_DATE_EPOCH=str(int(moment.timestamp())))
    lang = loaded(folder).languages.authoritative
    html = (language_root(site, lang) / f"{lang.easy_read}.html").read_text(encoding="utf-8")
    own = html[html.index('class="easy-read"'):html.index("</article>")]
    own = re.sub(r"<div [^>]*\bhidden\b[^>]*>.*?</div>", "", own, flags=re.S)
    shown = Page(own).text
    assert "Nu är beslutet taget" in shown and "Det går inte att söka längre." in shown
    assert 'data-call-status="decided"' in html


def words_to_avoid() -> list[tuple[str, str]]:
    """The guide's table of words a reviewer replaced (REDAKTORSGUIDE.md, Ord att undvika): (language, phrase)."""
    guide = (REPO / "REDAKTORSGUIDE.md").read_text(encoding="utf-8")
    section = guide[guide.index("### Ord att undvika"):]
    section = section[:section.index("\n\n", section.index("| språk |"))]
    rows = [line.strip("|").split("|") for line in section.splitlines() if line.startswith("| ") and "språk" not in line]
    return [(code.strip(), phrase.strip()) for code, phrase, _instead in rows]


@pytest.mark.parametrize("phase", ["closed", "open", "decided"])
def test_no_page_search_index_or_download_uses_a_word_the_guide_says_to_avoid(sites, phase):
    from pdfminer.high_level import extract_text
    site, folder = sites[phase]
    languages = loaded(folder).languages
    avoided = words_to_avoid()
    assert len(avoided) >= 8
    for lang in languages:
        root = language_root(site, lang)
        files = [*language_pages(site, lang, with_404=True), *root.glob("search/*.json")]
        texts = {path: path.read_text(encoding="utf-8") for path in files}
        texts |= {path: extract_text(str(path)) for path in root.glob("*.pdf")}
        for path, content in texts.items():
            folded = " ".join(content.split()).lower()
            found = [phrase for code, phrase in avoided if code == lang.code and phrase.lower() in folded]
            assert not found, (path.relative_to(site).as_posix(), found)


def test_no_reviewed_site_text_restates_an_interface_string():
    """The interface strings are accepted from the language's own file: a copy here would go stale when it changes."""
    languages = loaded().languages
    for lang in languages:
        own = fidelity.site_text_patterns(fidelity.interface_sentences(lang.strings))
        restated = [text for texts in (SITE_TEXTS.get(lang.code) or {}).values() for text in texts
                    if any(pattern.match(fidelity.generic(text, [])) for pattern in own)]
        assert not restated, (lang.code, restated)
