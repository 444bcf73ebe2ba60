"""A site of many calls (#23): the reference call, the fixture call and a third, copied from the fixture with other
dates and another title, in one site of Swedish and English.

Each call lives at /<slug>/ and /en/<slug>/; each language's start page lists the calls by phase; a call's output is
its own (adding a call or changing one leaves every other call's files byte for byte the same); search, feeds, the
list of opportunities and the grants cover every call; a broken call stops the build and leaves the last good site.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import FIXTURE_CALL, REFERENCE_CALL, build_or_fail, give_funder_ids, make_workspace, run_build, set_yaml_text, snapshot
from language_fixture import remove_language
from macros.call_data import call_folders, load
from pages import read
from test_life_cycle import commongrants_validator, three_sixty_validator

ZONE = ZoneInfo("Europe/Stockholm")
THIRD = "2027-besoksnaring"
# The build's moment: the reference call closed without a decision, the fixture call decided, the third ahead.
MOMENT = dt.datetime(2026, 12, 5, 12, tzinfo=ZONE)
# Files every call's news, pages and records are gathered into: they name every call, and change when one does.
SHARED = ("index.html", "404.html", "feed.xml", "opportunities.json", "grants.json", "sitemap.xml", "robots.txt")


def epoch(moment: dt.datetime) -> str:
    return str(int(moment.timestamp()))


def third_call(calls: Path) -> Path:
    """The fixture call a year later, under another title (its English marked as translated), without a decision."""
    folder = calls / THIRD
    shutil.copytree(FIXTURE_CALL, folder)
    (folder / "outcome.yml").unlink()
    for name in ("call.yml", "questions.yml"):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace("2026-", "2027-"), encoding="utf-8")
    set_yaml_text(folder / "call.yml", ("title", "sv"), "Besökscheckar 2027")
    set_yaml_text(folder / "call.yml", ("title", "en"), "Visitor vouchers 2027")
    subprocess.run([sys.executable, "-m", "tools.translations", "mark", "call.yml:title.en"], cwd=calls.parent, check=True,
                   capture_output=True, env=dict(os.environ, CALL_DIR=str(folder)))
    return folder


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The project with three calls, in the languages the fixture call publishes (Swedish and English)."""
    workspace = make_workspace(tmp_path_factory.mktemp("many") / "work")
    remove_language(workspace, "fi")
    # The site's funder with the identifiers a 360Giving package needs (the fixture site's example values).
    give_funder_ids(workspace / "site.yml")
    shutil.copytree(FIXTURE_CALL, workspace / "calls" / FIXTURE_CALL.name)
    third_call(workspace / "calls")
    return workspace


def build(project: Path, out: Path, moment: dt.datetime = MOMENT) -> Path:
    return build_or_fail(out, root=project, SOURCE_DATE_EPOCH=epoch(moment))


@pytest.fixture(scope="module")
def many(project, tmp_path_factory) -> Path:
    return build(project, tmp_path_factory.mktemp("many-site") / "site")


def copy_of(project: Path, target: Path, *left_out: str) -> Path:
    """A copy of the project of three calls to change, without the calls named."""
    shutil.copytree(project, target, ignore=shutil.ignore_patterns(*left_out) if left_out else None)
    return target


def slugs(project: Path) -> list[str]:
    return [folder.name for folder in call_folders(project)]


def call_files(site: Path, slug: str) -> dict[str, bytes]:
    """Everything a call publishes, in every language."""
    files = {}
    for folder in (site / slug, site / "en" / slug):
        files.update({f"{folder.relative_to(site)}/{name}": data for name, data in snapshot(folder).items()})
    return files


def groups(page: Path) -> dict[str, list[str]]:
    """The list of calls on a start page: each group's state with the titles of the calls in it, in order."""
    html = page.read_text(encoding="utf-8")
    found = {}
    for state, body in re.findall(r'<section class="call-list-group" id="[^"]+" data-call-group="(\w+)".*?>(.*?)</section>', html, re.S):
        found[state] = [re.sub(r"<[^>]+>", "", title) for title in re.findall(r"<h3><a [^>]*>(.*?)</a></h3>", body)]
    return found


def test_every_call_has_its_own_place_in_every_language(project, many):
    assert slugs(project) == ["2019-rorlighet-matchning", FIXTURE_CALL.name, THIRD]
    for slug in slugs(project):
        languages = load(project / "calls" / slug).languages
        for lang in languages:
            assert lang.path in (f"{slug}/", f"{lang.code}/{slug}/")
            start = read(many / lang.path / "index.html")
            assert start.find("html", lang=lang.code)
        assert (many / slug / "utlysning.pdf").is_file() and (many / "en" / slug / "call.pdf").is_file()
        assert (many / slug / "call.json").is_file() and (many / "en" / slug / "feed.xml").is_file()
    assert not (many / "calls").exists()  # the data is not published


def test_the_sites_pages_about_itself_are_its_own_and_every_call_links_to_them(project, many):
    """The accessibility statement and the privacy page are the site's: once in each language at its place, in no
    call's folder, naming the site's funder and no call; every page of every call links to them in its footer."""
    from tools.menu import site_pages
    names = [name.replace(".md", ".html") for name in site_pages(project)]
    calls = [load(project / "calls" / slug).call for slug in slugs(project)]
    titles = [title for call in calls for title in call["title"].values()]
    for code, place in (("sv", many), ("en", many / "en")):
        for name in names:
            text = read(place / name).text
            assert calls[0]["funder"]["name"][code] in text, (code, name)
            assert not [title for title in titles if title in text], (code, name)
        for slug in slugs(project):
            assert not [name for name in names if (place / slug / name).exists()], slug
            for page in sorted((place / slug).glob("*.html")):
                hrefs = {link.get("href") for link in read(page).find("a")}
                assert {f"../{name}" for name in names} <= hrefs, page


def test_the_start_page_lists_each_call_in_the_group_of_its_phase(project, many):
    titles = {slug: load(project / "calls" / slug).call["title"] for slug in slugs(project)}
    for code, page in (("sv", many / "index.html"), ("en", many / "en" / "index.html")):
        found = groups(page)
        assert list(found) == ["open", "upcoming", "closed", "decided", "archived"]
        assert found == {"open": [], "upcoming": [titles[THIRD][code]], "closed": [titles["2019-rorlighet-matchning"][code]],
                         "decided": [titles[FIXTURE_CALL.name][code]], "archived": []}, found
        links = read(page).find("a")
        for slug in slugs(project):
            assert any(link.get("href") == f"{slug}/index.html" for link in links), slug
    # While the third call is open it heads the list.
    opened = build(project, many.parent / "opened", dt.datetime(2027, 3, 1, 12, tzinfo=ZONE))
    assert groups(opened / "index.html")["open"] == [titles[THIRD]["sv"]]


def test_a_call_added_or_changed_leaves_every_other_calls_files_byte_for_byte(project, many, tmp_path):
    before = {slug: call_files(many, slug) for slug in slugs(project)}
    # Without the third call, the other two publish exactly what they did beside it.
    fewer = copy_of(project, tmp_path / "fewer", THIRD)
    two = build(fewer, tmp_path / "two")
    for slug in slugs(fewer):
        assert call_files(two, slug) == before[slug], slug
    # A change in the third call changes its own files and the shared lists, nothing else.
    changed = copy_of(project, tmp_path / "changed")
    call_yml = changed / "calls" / THIRD / "call.yml"
    call_yml.write_text(call_yml.read_text(encoding="utf-8").replace("max_support_sek: ", "max_support_sek: 1", 1), encoding="utf-8")
    after = build(changed, tmp_path / "after")
    assert call_files(after, THIRD) != before[THIRD]
    for slug in slugs(project):
        if slug != THIRD:
            assert call_files(after, slug) == before[slug], slug
    assert (after / "index.html").read_bytes() != (many / "index.html").read_bytes()  # the list shows the new cap


def test_search_finds_every_call_and_names_it(project, many):
    for code, root in (("sv", many), ("en", many / "en")):
        index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        for slug in slugs(project):
            title = load(project / "calls" / slug).call["title"][code]
            pages = [doc for doc in index["docs"] if doc["location"].startswith(f"{slug}/") and "#" not in doc["location"]]
            assert pages and all(doc["title"].endswith(f" – {title}") for doc in pages), (code, slug)
            assert not (root / slug / "search").exists()  # one index per language


def test_one_feed_and_one_list_of_opportunities_per_language_cover_every_call(project, many):
    validator, paginated = commongrants_validator(), commongrants_validator("Paginated.yaml")
    for code, root in (("sv", many), ("en", many / "en")):
        listing = json.loads((root / "opportunities.json").read_text(encoding="utf-8"))
        assert not list(paginated.iter_errors(listing))
        assert listing["paginationInfo"]["totalItems"] == len(slugs(project))
        for slug, record in zip(slugs(project), listing["items"]):
            assert not list(validator.iter_errors(record))
            assert record == json.loads((root / slug / "opportunity.json").read_text(encoding="utf-8"))
        feed = (root / "feed.xml").read_text(encoding="utf-8")
        for slug in slugs(project):
            own = (root / slug / "feed.xml").read_text(encoding="utf-8")
            assert feed.count(f'href="{slug}/') == own.count("<entry>"), (code, slug)  # every entry of every call's own
        assert feed.count("<entry>") == sum((root / slug / "feed.xml").read_text(encoding="utf-8").count("<entry>") for slug in slugs(project))


def test_the_grants_of_every_call_are_one_360giving_package_with_ids_unique_across_calls(project, many, tmp_path):
    # A second decided call: the fixture again, under another slug.
    twice = copy_of(project, tmp_path / "twice")
    shutil.copytree(FIXTURE_CALL, twice / "calls" / "2026-andra-omgangen")
    site = build(twice, tmp_path / "site")
    package = json.loads((site / "grants.json").read_text(encoding="utf-8"))
    assert not list(three_sixty_validator().iter_errors(package))
    ids = [grant["id"] for grant in package["grants"]]
    per_call = len(load(FIXTURE_CALL).call["outcome"]["grants"])
    assert len(ids) == 2 * per_call and len(set(ids)) == len(ids)
    for slug in (FIXTURE_CALL.name, "2026-andra-omgangen"):
        own = json.loads((site / slug / "grants.json").read_text(encoding="utf-8"))
        assert [grant["id"] for grant in own["grants"]] == [grant_id for grant_id in ids if f"-{slug}-" in grant_id]


def test_a_broken_call_stops_the_build_at_its_file_and_line_and_leaves_the_last_good_site(project, tmp_path):
    out = build(project, tmp_path / "site")
    before = snapshot(out)
    broken = copy_of(project, tmp_path / "broken")
    call_yml = broken / "calls" / THIRD / "call.yml"
    text = call_yml.read_text(encoding="utf-8")
    line = text[: text.index("closes: 2027-04-29")].count("\n") + 1
    call_yml.write_text(text.replace("closes: 2027-04-29", "closes: 2027-04-31"), encoding="utf-8")
    result = run_build(out, root=broken, SOURCE_DATE_EPOCH=epoch(MOMENT))
    assert result.returncode == 1
    assert f"calls/{THIRD}/call.yml:{line}:" in result.stderr, result.stderr
    assert snapshot(out) == before


def test_the_check_names_the_broken_call_and_passes_the_others(project, tmp_path):
    broken = copy_of(project, tmp_path / "broken")
    glossary = broken / "calls" / FIXTURE_CALL.name / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "extra: &x 1\nmore: *x\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tools.check"], cwd=broken, capture_output=True, text=True)
    assert result.returncode == 1
    named = {line.split(":", 1)[0] for line in result.stderr.splitlines() if line.startswith("calls/")}
    assert named == {f"calls/{FIXTURE_CALL.name}/glossary.yml"}, result.stderr


@pytest.mark.browser
@pytest.mark.parametrize(("moment", "expected"), [
    (dt.datetime(2026, 12, 5, 12, tzinfo=ZONE), {"upcoming": [THIRD], "closed": ["2019-rorlighet-matchning"], "decided": [FIXTURE_CALL.name]}),
    (dt.datetime(2027, 3, 1, 12, tzinfo=ZONE), {"open": [THIRD], "closed": ["2019-rorlighet-matchning"], "decided": [FIXTURE_CALL.name]}),
    (dt.datetime(2027, 6, 1, 12, tzinfo=ZONE), {"closed": [THIRD, "2019-rorlighet-matchning"], "decided": [FIXTURE_CALL.name]}),
], ids=["built", "open-on-the-readers-clock", "closed-on-the-readers-clock"])
def test_each_call_moves_to_the_group_of_its_phase_on_the_readers_clock(browser, many, moment, expected):
    """The list was built on 5 December 2026; a reader later sees each call where it stands then, and its phase said."""
    strings = load(REFERENCE_CALL).languages["sv"].strings
    from axe_playwright_python.sync_playwright import Axe
    from conftest import StaticServer
    with StaticServer(many) as server:
        context = browser.new_context(viewport={"width": 320, "height": 640})
        page = context.new_page()
        page.clock.set_fixed_time(moment)
        page.goto(server.origin + "/index.html")
        shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('section[data-call-group]')].map(
            group => [group.dataset.callGroup, [...group.querySelectorAll('li[data-call-window]')].map(
                item => item.querySelector('a').getAttribute('href').split('/')[0])]))""")
        assert {state: calls for state, calls in shown.items() if calls} == expected
        for state, calls in expected.items():
            group = page.locator(f'section[data-call-group="{state}"]')
            assert group.locator(".call-list-none").is_hidden()
            for slug in calls:
                status = group.locator(f'li:has(a[href="{slug}/index.html"]) .call-list-status').inner_text()
                template = strings[{"open": "status_open_many", "upcoming": "status_upcoming"}.get(state, f"status_{state}")]
                assert status.startswith(template.split("{")[0]) and "{" not in status, status
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        result = Axe().run(page)
        assert not [violation["id"] for violation in result.response["violations"]]
        context.close()


WITHDRAWN_ON = "2027-03-10"  # the third call, withdrawn while open
ARCHIVED_ON = "2026-11-01"  # the fixture call, decided in 2026


@pytest.fixture(scope="module")
def ended(project, tmp_path_factory) -> Path:
    """The project of three calls with the fixture call archived and the third withdrawn, with the funder's reason."""
    work = copy_of(project, tmp_path_factory.mktemp("ended") / "work")
    fixture_yml, third_yml = work / "calls" / FIXTURE_CALL.name / "call.yml", work / "calls" / THIRD / "call.yml"
    fixture_yml.write_text(fixture_yml.read_text(encoding="utf-8") + f"archived: {ARCHIVED_ON}\n", encoding="utf-8")
    third_yml.write_text(third_yml.read_text(encoding="utf-8") + f"withdrawn: {WITHDRAWN_ON}\nwithdrawn_reason:\n"
                         "  sv: Medlen har gått till en annan satsning.\n  en: The funds have gone to another effort.\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "tools.translations", "mark", "call.yml:withdrawn_reason.en"], cwd=work, check=True,
                   capture_output=True, env=dict(os.environ, CALL_DIR=str(work / "calls" / THIRD)))
    return work


@pytest.fixture(scope="module")
def ended_open(ended, tmp_path_factory) -> Path:
    """The site of `ended` built on 1 March 2027: the third call open, its withdrawal ahead."""
    return build(ended, tmp_path_factory.mktemp("ended-open") / "site", dt.datetime(2027, 3, 1, 12, tzinfo=ZONE))


def visible_calls(page) -> dict[str, list[str]]:
    """The calls a reader sees in each group of the list (in a browser, after status.js)."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('section[data-call-group]')].map(
        group => [group.dataset.callGroup, [...group.querySelectorAll('li[data-call-window]')].filter(item => !item.hidden)
            .map(item => item.querySelector('a').getAttribute('href').split('/')[0])]).filter(([_, calls]) => calls.length))""")


def test_an_archived_call_is_listed_apart_and_a_withdrawn_one_says_so_and_is_listed_nowhere(ended, ended_open, tmp_path):
    """Archived: kept at its address, marked, in a group of its own at the end of the list, a custom status in open
    data. Withdrawn: each of its pages says so with the funder's words; from that day it is in no list, feed, search,
    sitemap or site-wide open data, and its own record says withdrawn."""
    titles = {slug: load(ended / "calls" / slug).call["title"] for slug in slugs(ended)}
    before = ended_open
    assert groups(before / "index.html") == {"open": [titles[THIRD]["sv"]], "upcoming": [], "closed": [titles["2019-rorlighet-matchning"]["sv"]],
                                              "decided": [], "archived": [titles[FIXTURE_CALL.name]["sv"]]}
    assert read(before / FIXTURE_CALL.name / "index.html").find("div", class_="call-status call-status--archived")
    site = build_or_fail(tmp_path / "after", root=ended, SOURCE_DATE_EPOCH=epoch(dt.datetime(2027, 3, 15, 12, tzinfo=ZONE)),
                         SITE_URL="https://utlysningar.example/")
    for code, root in (("sv", site), ("en", site / "en")):
        lang = load(ended / "calls" / THIRD).languages[code]
        strings, sentences = lang.strings, {lang.strings["status_withdrawn"], lang.easy_read_strings.get("status_withdrawn", "")} - {""}
        assert THIRD not in json.dumps(groups(root / "index.html")) and titles[THIRD][code] not in json.dumps(groups(root / "index.html"))
        for page in sorted((root / THIRD).glob("*.html")):  # still at its address, every page saying so
            html = read(page)
            assert html.find("div", class_="call-status call-status--withdrawn"), page
            [notice] = html.find("div", class_="call-withdrawn-notice")
            assert "hidden" not in notice, page
            assert any(sentence.split("{")[0] in html.text for sentence in sentences), page  # the easy-to-read page in its words
            assert strings["status_withdrawn_reason"] in html.text, page
        reason = load(ended / "calls" / THIRD).call["withdrawn_reason"][code]
        assert reason in (root / THIRD / "index.html").read_text(encoding="utf-8")
        assert f'href="{THIRD}/' not in (root / "feed.xml").read_text(encoding="utf-8")
        listing = json.loads((root / "opportunities.json").read_text(encoding="utf-8"))
        assert [item["title"] for item in listing["items"]] == [titles["2019-rorlighet-matchning"][code], titles[FIXTURE_CALL.name][code]]
        assert not list(commongrants_validator("Paginated.yaml").iter_errors(listing))
        index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert not [doc for doc in index["docs"] if doc["location"].startswith(f"{THIRD}/")]
        own = json.loads((root / THIRD / "opportunity.json").read_text(encoding="utf-8"))
        archived = json.loads((root / FIXTURE_CALL.name / "opportunity.json").read_text(encoding="utf-8"))
        assert own["status"]["value"] == "custom" and own["status"]["customValue"] == "withdrawn"
        assert archived["status"]["value"] == "custom" and archived["status"]["customValue"] == "archived"
        assert not list(commongrants_validator().iter_errors(own)) and not list(commongrants_validator().iter_errors(archived))
    assert f"/{THIRD}/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/{FIXTURE_CALL.name}/" in (site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.browser
def test_a_call_withdrawn_after_the_build_leaves_the_list_and_says_so_on_the_readers_clock(browser, ended, ended_open):
    """Built while the third call was open: on a reader's clock after it was withdrawn, the list no longer shows it and
    its page says it is withdrawn, with the funder's words; the archived call stays in its group."""
    site = ended_open
    strings = load(ended / "calls" / THIRD).languages["sv"].strings
    from axe_playwright_python.sync_playwright import Axe
    from conftest import StaticServer
    with StaticServer(site) as server:
        context = browser.new_context(viewport={"width": 320, "height": 640})
        page = context.new_page()
        page.clock.set_fixed_time(dt.datetime(2027, 3, 9, 12, tzinfo=ZONE))
        page.goto(server.origin + "/index.html")
        assert visible_calls(page) == {"open": [THIRD], "closed": ["2019-rorlighet-matchning"], "archived": [FIXTURE_CALL.name]}
        page.clock.set_fixed_time(dt.datetime(2027, 3, 10, 0, 1, tzinfo=ZONE))
        page.reload()
        assert visible_calls(page) == {"closed": ["2019-rorlighet-matchning"], "archived": [FIXTURE_CALL.name]}
        page.goto(server.origin + f"/{THIRD}/index.html")
        status = page.locator(".call-status")
        assert status.get_attribute("data-call-status") == "withdrawn"
        assert status.inner_text().find(strings["status_withdrawn"].split("{")[0]) >= 0
        assert page.locator(".call-withdrawn-notice").is_visible()
        assert page.locator('[data-call-status-show="upcoming open"]').count() == 0 or \
            all(not part.is_visible() for part in page.locator('[data-call-status-show="upcoming open"]').all())
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert not [violation["id"] for violation in Axe().run(page).response["violations"]]
        context.close()


def test_each_applicant_type_has_a_page_of_the_calls_it_may_apply_for(project, many):
    """Without JavaScript, the filter by who may apply is a page per applicant type (by its id across calls): each
    lists exactly the calls that name it, in their groups; every page links to every choice; search leaves them out."""
    calls = {slug: load(project / "calls" / slug).call for slug in slugs(project)}
    ids = {kind["id"] for call in calls.values() for kind in call["applicant_types"]}
    for code, root in (("sv", many), ("en", many / "en")):
        start = read(root / "index.html")
        choices = [link for link in start.find("a") if "data-applicant-type" in link]
        assert [link["href"] for link in choices][0] == "index.html" and choices[0].get("aria-current") == "page"
        assert {link["data-applicant-type"] for link in choices[1:]} == ids
        for kind_id in ids:
            page = root / f"applicant-{kind_id.replace('_', '-')}.html"
            expected = [call["title"][code] for call in calls.values() if kind_id in {kind["id"] for kind in call["applicant_types"]}]
            listed = [title for titles in groups(page).values() for title in titles]
            assert sorted(listed) == sorted(expected), (code, kind_id)
            current = [link for link in read(page).find("a") if link.get("aria-current") == "page" and "data-applicant-type" in link]
            assert [link["data-applicant-type"] for link in current] == [kind_id]
        index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert not [doc for doc in index["docs"] if doc["location"].startswith("applicant-")]


@pytest.mark.browser
def test_the_filter_by_who_may_apply_works_in_place_and_without_javascript(browser, project, many):
    """With JavaScript the start page filters in place, marks the choice and says how many calls it shows; without,
    the same link leads to the type's own page. axe finds nothing on either, at 320 px."""
    from axe_playwright_python.sync_playwright import Axe
    from conftest import StaticServer
    reference = load(project / "calls" / "2019-rorlighet-matchning")
    strings, company = reference.languages["sv"].strings, reference.call["applicant_types"][0]
    with StaticServer(many) as server:
        context = browser.new_context(viewport={"width": 320, "height": 640})
        page = context.new_page()
        page.clock.set_fixed_time(MOMENT)
        page.goto(server.origin + "/index.html")
        nav = page.locator("nav.call-list-filter")
        nav.get_by_role("link", name=company["name"]["sv"], exact=True).click()
        assert visible_calls(page) == {"closed": ["2019-rorlighet-matchning"]}
        assert nav.locator(".call-list-shown").inner_text() == strings["calls_filter_shown_one"]
        assert nav.get_by_role("link", name=company["name"]["sv"], exact=True).get_attribute("aria-current") == "page"
        assert page.url.endswith(f"/applicant-{company['id'].replace('_', '-')}.html")
        assert not [violation["id"] for violation in Axe().run(page).response["violations"]]
        nav.get_by_role("link", name=strings["calls_filter_all"], exact=True).click()
        assert visible_calls(page) == {"upcoming": [THIRD], "closed": ["2019-rorlighet-matchning"], "decided": [FIXTURE_CALL.name]}
        assert nav.locator(".call-list-shown").inner_text() == strings["calls_filter_shown_many"].replace("{count}", "3")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        context.close()
        plain = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
        page = plain.new_page()
        page.goto(server.origin + "/index.html")
        page.locator("nav.call-list-filter").get_by_role("link", name=company["name"]["sv"], exact=True).click()
        page.wait_for_url(f"**/applicant-{company['id'].replace('_', '-')}.html")
        assert [link.get_attribute("href") for link in page.locator("section[data-call-group] h3 a").all()] == \
            ["2019-rorlighet-matchning/index.html"]
        plain.close()


def test_the_sites_terms_are_in_every_calls_glossary_and_no_call_explains_them_again(project, tmp_path):
    """A term in site.yml's glossary shows on every call's glossary page, in every language, with the call's own;
    a call that explains the same term again is refused at its own line, by name."""
    from macros.problems import CallError
    work = copy_of(project, tmp_path / "work")
    site_yml = work / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "glossary:\n  - id: medfinansiering_allman\n    term:\n"
                        "      sv: Medfinansiering (allmänt)\n      en: Co-financing (in general)\n    definition:\n"
                        "      sv: Pengar eller arbete som andra än finansiären bidrar med.\n"
                        "      en: Money or work contributed by others than the funder.\n    in_call: false\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "tools.translations", "mark", "all"], cwd=work, check=True, capture_output=True,
                   env=dict(os.environ, CALL_DIR=str(work / "calls" / THIRD)))
    site = build(work, tmp_path / "site")
    for slug in slugs(work):
        for code, place in (("sv", site / slug), ("en", site / "en" / slug)):
            text = read(place / "glossary.html").text
            own = load(work / "calls" / slug).call["glossary"][1]["term"][code]
            shared = {"sv": "Medfinansiering (allmänt)", "en": "Co-financing (in general)"}[code]
            assert shared in text and own in text, (slug, code)
    glossary = work / "calls" / THIRD / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("terms:\n", "terms:\n  - id: medfinansiering_allman\n"
                        "    term:\n      sv: Medfinansiering\n      en: Co-financing\n    definition:\n      sv: Annat.\n"
                        "      en: Other.\n    in_call: false\n", 1), encoding="utf-8")
    with pytest.raises(CallError) as refused:
        load(work / "calls" / THIRD)
    [problem] = [problem for problem in refused.value.problems if problem.code == "glossary_term_of_site"]
    assert problem.file.endswith(f"calls/{THIRD}/glossary.yml") and problem.line == 2


def test_a_folder_in_calls_whose_name_is_no_slug_is_named_not_skipped(project, tmp_path):
    named = copy_of(project, tmp_path / "named")
    (named / "calls" / "Ny Utlysning").mkdir()
    for command in (["tools.check"], ["tools.build", "--out", str(tmp_path / "site")]):
        result = subprocess.run([sys.executable, "-m", *command], cwd=named, capture_output=True, text=True)
        assert result.returncode == 1 and "calls/Ny Utlysning:1:" in result.stderr, result.stderr
    assert not (tmp_path / "site").exists()


def test_the_preview_after_a_save_to_one_call_builds_that_call_alone_and_the_same_site(project, tmp_path, monkeypatch):
    """A change to one call's files: the preview builds that call and the site's own pages, takes every other call
    from its last build, and the result is byte for byte the site a whole build makes. A change to the site's file
    builds every call again."""
    from tools.build import build_into
    from tools.serve import Preview, changed_calls, snapshot as watched
    work = copy_of(project, tmp_path / "work")
    monkeypatch.delenv("CALL_DIR", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(MOMENT))
    preview = Preview(root=work, folder=tmp_path / "preview")
    preview.rebuild()
    assert sorted(preview.prepared.built) == slugs(work)
    seen = watched(work)
    text = work / "calls" / THIRD / "text" / "sv" / "purpose.md"
    text.write_text(text.read_text(encoding="utf-8") + "\nEtt nytt stycke i den tredje utlysningen.\n", encoding="utf-8")
    changed = changed_calls(seen, watched(work), work)
    assert changed == {THIRD}
    preview.rebuild(changed)
    assert preview.problems == [] and preview.prepared.built == [THIRD]
    assert any("Ett nytt stycke i den tredje utlysningen." in page.read_text(encoding="utf-8")
               for page in (preview.folder / THIRD).glob("*.html"))
    whole = build_into(tmp_path / "whole", root=work, strict=False, documents=False)
    assert sorted(whole.built) == slugs(work)
    assert snapshot(preview.folder) == snapshot(tmp_path / "whole")
    seen = watched(work)
    site_file = work / "site.yml"
    site_file.write_text(site_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert changed_calls(seen, watched(work), work) is None
