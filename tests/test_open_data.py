"""The call as open data, structured data for search engines, sharing tags, the sitemap, and print."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from conftest import FIXTURE_CALL, PUBLIC_URL, REFERENCE_CALL, REPO, call_dir_of, call_path, copy_call, loaded
from macros.view import plain
from pages import html_pages, language_pages, language_root, read

LANGUAGES = loaded().languages


@pytest.mark.parametrize("site_name,folder", [("site", REFERENCE_CALL), ("other_site", FIXTURE_CALL)])
def test_call_json_validates_against_its_schema_and_equals_the_data(request, site_name, folder):
    site = request.getfixturevalue(site_name)
    data = json.loads((call_dir_of(site) / "call.json").read_text(encoding="utf-8"))
    schema = json.loads((call_dir_of(site) / "call.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    call = loaded(folder).call
    assert {k: v for k, v in data.items() if k not in ("text", "$schema", "downloads")} == {k: v for k, v in call.items() if k != "text"}
    for code, files in data["downloads"].items():  # what applicants download, where it is (tests/test_downloads.py)
        assert files and all((site / file["url"]).is_file() for file in files), code
    for name, texts in data["text"].items():
        assert set(texts) == {code for code in call["text"] if name in call["text"][code]}, name
        assert all(texts.values())
    assert "{{" not in json.dumps(data["text"])  # rendered, not templates


@pytest.mark.parametrize("site_name", ["site", "site_with_url"])
def test_every_link_in_open_data_leads_to_a_published_page(request, site_name):
    site = request.getfixturevalue(site_name)
    text = (call_dir_of(site) / "call.json").read_text(encoding="utf-8")
    links = re.findall(r'href=\\"([^"\\]+)', text)
    assert links and not [link for link in links if ".md" in link]
    for link in links:
        if link.startswith(("mailto:", "tel:")) or (link.startswith("http") and not link.startswith(PUBLIC_URL)):
            continue
        path = link.removeprefix(PUBLIC_URL).split("#")[0]
        assert (site / path).is_file(), link


def test_the_fixture_calls_life_is_in_call_json(other_site):
    data = json.loads((call_dir_of(other_site) / "call.json").read_text(encoding="utf-8"))
    assert data["questions"] and data["events"] and data["notices"] and data["outcome"]["grants"]


def jsonld(page_path):
    [block] = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page_path.read_text(encoding="utf-8"), re.S)
    return json.loads(block)


@pytest.mark.parametrize("site_name,folder", [("site_with_url", REFERENCE_CALL), ("other_site", FIXTURE_CALL)])
def test_the_start_pages_carry_a_monetary_grant(request, site_name, folder):
    site, data = request.getfixturevalue(site_name), loaded(folder)
    call = data.call
    for lang in data.languages:
        grant = jsonld(language_root(site, lang) / "index.html")
        assert grant["@type"] == "MonetaryGrant" and grant["name"] == plain(call["title"], lang)
        assert grant["amount"] == {"@type": "MonetaryAmount", "maxValue": call["funding"]["max_support_sek"], "currency": "SEK"}
        assert grant["funder"]["@type"] == "GovernmentOrganization"
        assert grant["funder"]["name"] == plain(call["funder"]["name"], lang)
        assert grant["funder"]["contactPoint"]["email"] == call["contact"]["email"]
        action = grant["potentialAction"]
        assert action["@type"] == "ApplyAction" and action["target"] == call["application"]["eservice"]["url"]
        assert action["startTime"] == call["window"]["opens"]
        # The end as the call gives it: a date, and a time only where the data holds one.
        if call["window"].get("closes_time"):
            assert action["endTime"].startswith(f'{call["window"]["closes"]}T{call["window"]["closes_time"]}')
        else:
            assert action["endTime"] == call["window"]["closes"]
    for path in html_pages(site):
        if path.name != "index.html":
            assert "application/ld+json" not in path.read_text(encoding="utf-8"), path


def test_every_page_has_description_open_graph_and_canonical(site_with_url):
    for lang in LANGUAGES:
        descriptions = set()
        pages = language_pages(site_with_url, lang)
        for page in pages:
            parsed = read(page)
            [description] = parsed.find("meta", name="description")
            assert description["content"], page
            descriptions.add(description["content"])
            assert parsed.find("meta", property="og:title") and parsed.find("meta", property="og:description")
            assert parsed.find("meta", property="og:url", content=PUBLIC_URL + lang.path + page.name), page
            assert parsed.find("link", rel="canonical", href=PUBLIC_URL + lang.path + page.name), page
        assert len(descriptions) == len(pages), "each page its own description"


def test_the_sitemap_lists_every_language_with_hreflang_to_versions_that_exist(site_with_url):
    tree = ET.parse(site_with_url / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = {url.find("s:loc", ns).text: url for url in tree.getroot().findall("s:url", ns)}
    for lang in LANGUAGES:
        for page in language_pages(site_with_url, lang):
            entry = urls[PUBLIC_URL + lang.path + page.name]
            expected = {other.code for other in LANGUAGES if (language_root(site_with_url, other) / page.name).exists()}
            assert {link.get("hreflang") for link in entry.findall("x:link", ns)} == expected, page
    for lang in LANGUAGES.others(LANGUAGES.authoritative):
        assert not (language_root(site_with_url, lang) / "sitemap.xml").exists()
    assert f"Sitemap: {PUBLIC_URL}sitemap.xml" in (site_with_url / "robots.txt").read_text(encoding="utf-8")


def test_without_a_public_address_no_sitemap(site):
    assert not (site / "sitemap.xml").exists()
    assert "Sitemap" not in (site / "robots.txt").read_text(encoding="utf-8")


def test_every_page_prints_without_navigation(browser, site, served_under_subpath):
    page = browser.new_page()
    page.emulate_media(media="print")
    for path in html_pages(site):
        if path.name == "404.html":
            continue
        page.goto(served_under_subpath + str(path.relative_to(site)))
        for selector in (".md-header", ".md-sidebar--primary", ".md-search", ".call-footer"):
            assert not page.locator(selector).first.is_visible(), (path, selector)
        assert page.locator("article h1").is_visible()
    page.close()


def test_the_start_page_prints_as_a_summary_with_link_addresses(browser, served_under_subpath, call):
    page = browser.new_page()
    page.emulate_media(media="print")
    page.goto(served_under_subpath + call_path("index.html"))
    assert page.locator("[data-call-status]").first.is_visible()
    assert page.locator(f'time[datetime="{call["window"]["closes"]}"]').first.is_visible()
    after = page.evaluate("""() => getComputedStyle(document.querySelector('a[href^="mailto:"]'), '::after').content""")
    assert call["contact"]["email"] in after
    page.close()


# --- the standards' schemas live in the repository, and can be refreshed --------------------------

def test_the_standards_and_the_published_call_are_in_the_repository_with_their_licences():
    """A clone stands alone: nothing in the project reads from beside it."""
    assert (REPO / "standards" / "360giving" / "LICENSE.md").is_file()
    assert (REPO / "standards" / "commongrants" / "LICENSE.md").is_file()
    assert (REFERENCE_CALL / "source" / "README.md").is_file()
    beside = ("../" + "sha" + "red", '"sha' + 'red"')  # spelt apart, so that this test does not find itself
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    for name in tracked:
        path = REPO / name
        if path.suffix in (".py", ".sh", ".yml", ".cfg", ".toml", ".js", ".cjs") or path.name in ("Makefile", "run"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not any(spelling in text for spelling in beside), name


def test_refreshing_the_standards_shows_the_difference_and_writes_only_when_asked(tmp_path):
    from tools import refresh_standards
    here = tmp_path / "standards"
    shutil.copytree(REPO / "standards", here)
    mirror = tmp_path / "mirror"
    shutil.copytree(here / "360giving", mirror)
    schema_file = mirror / "360-giving-schema.json"
    schema_file.write_text(schema_file.read_text(encoding="utf-8").replace('"title"', '"title" ', 1), encoding="utf-8")
    bases = ["--base", f"360giving={mirror.as_uri()}/", "--base", f"commongrants={(here / 'commongrants').as_uri()}/"]
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        assert refresh_standards.main([*bases, "--commit", "360giving=abc123"], folder=here) == 0
    assert "+++ 360giving@new/360-giving-schema.json" in shown.getvalue() and "commongrants: no difference" in shown.getvalue()
    assert (here / "360giving" / "360-giving-schema.json").read_bytes() == (REPO / "standards" / "360giving" / "360-giving-schema.json").read_bytes()
    with contextlib.redirect_stdout(io.StringIO()):
        assert refresh_standards.main([*bases, "--commit", "360giving=abc123", "--write"], folder=here) == 0
    assert (here / "360giving" / "360-giving-schema.json").read_bytes() == schema_file.read_bytes()
    assert refresh_standards.sources(here)["360giving"]["commit"] == "abc123"
    with contextlib.redirect_stderr(io.StringIO()) as said:
        assert refresh_standards.main(["--base", f"360giving={(tmp_path / 'nowhere').as_uri()}/", *bases[2:]], folder=here) == 1
    assert "could not fetch" in said.getvalue()


def test_a_decision_without_the_funders_360giving_prefix_publishes_with_a_note(tmp_path):
    """The grants page and CommonGrants need no 360Giving prefix: the decision publishes, grants.json waits for
    the funder's organisation number and prefix, and the check says so as a note, never a refusal."""
    from conftest import build_or_fail, prepared_call
    from tools import check
    folder = tmp_path / FIXTURE_CALL.name
    copy_call(FIXTURE_CALL, folder)
    site_yml = folder.parent / "site.yml"  # the funder is the site's
    site_yml.write_text("".join(line for line in site_yml.read_text(encoding="utf-8").splitlines(keepends=True)
                                if not line.strip().startswith("grant_id_prefix:")), encoding="utf-8")
    prepared = prepared_call(folder)
    problems, warnings = check.run(prepared, REPO, strict=True)
    assert not [p for p in problems if p.code.startswith("grants")]
    notes = [w for w in warnings if w.code == "grants_without_360giving"]
    assert len(notes) == 1 and notes[0].file.endswith("outcome.yml") and "grant_id_prefix" in notes[0].text()
    site = build_or_fail(tmp_path / "site", call_dir=folder)
    assert not (site / "grants.json").exists()
    grants = loaded(folder).call["outcome"]["grants"]
    decision = read(call_dir_of(site) / "decision.html").text
    assert all(grant["recipient"]["name"] in decision for grant in grants)
    assert (call_dir_of(site) / "opportunity.json").is_file()


def test_a_grant_may_carry_the_funders_case_number(tmp_path):
    """A grant's id may be the decision's own case number ("RN 2019-00123"); it reaches the 360Giving id as
    RN-2019-00123, and two numbers that would give the same id are refused at the second."""
    import json as json_module
    from conftest import build_or_fail, prepared_call
    from macros.problems import CallError
    folder = tmp_path / FIXTURE_CALL.name
    copy_call(FIXTURE_CALL, folder)
    outcome = folder / "outcome.yml"
    first, second = (grant["id"] for grant in loaded(FIXTURE_CALL).call["outcome"]["grants"][:2])
    # The translations' records (the file's own section) follow the ids, as an editor's rename would.
    outcome.write_text(outcome.read_text(encoding="utf-8").replace(f"id: {first}", 'id: "RN 2019-00123"')
                       .replace(f"id: {second}", 'id: "RN 2019/00124"').replace(f"grants[{first}]", "grants[RN 2019-00123]")
                       .replace(f"grants[{second}]", "grants[RN 2019/00124]"), encoding="utf-8")
    site = build_or_fail(tmp_path / "site", call_dir=folder)
    ids = [grant["id"] for grant in json_module.loads((site / "grants.json").read_text(encoding="utf-8"))["grants"]]
    assert any(grant_id.endswith("-RN-2019-00123") for grant_id in ids) and any(i.endswith("-RN-2019-00124") for i in ids)
    outcome.write_text(outcome.read_text(encoding="utf-8").replace('id: "RN 2019/00124"', 'id: "RN 2019/00123"'), encoding="utf-8")
    with pytest.raises(CallError) as refused:
        prepared_call(folder)
    assert [problem.code for problem in refused.value.problems] == ["duplicate_id"]
