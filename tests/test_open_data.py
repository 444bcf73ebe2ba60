"""The call as open data, structured data for search engines, sharing tags, the sitemap, and print."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from conftest import FIXTURE_CALL, PUBLIC_URL, REPO
from macros.call_data import LANGUAGES, PROSE_NAMES, load_call
from macros.view import window_instants
from pages import html_pages, language_pages, read


@pytest.mark.parametrize("site_name,folder", [("site", REPO / "call"), ("other_site", FIXTURE_CALL)])
def test_call_json_validates_against_its_schema_and_equals_the_data(request, site_name, folder):
    site = request.getfixturevalue(site_name)
    data = json.loads((site / "call.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "call.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    call = load_call(folder)
    assert {k: v for k, v in data.items() if k not in ("text", "$schema")} == {k: v for k, v in call.items() if k != "text"}
    assert set(data["text"]) == set(PROSE_NAMES)
    assert all(set(texts) == set(LANGUAGES) and all(texts.values()) for texts in data["text"].values())
    assert "{{" not in json.dumps(data["text"])  # rendered, not templates


def jsonld(page_path):
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page_path.read_text(encoding="utf-8"), re.S)
    return json.loads(block)


@pytest.mark.parametrize("site_name,folder", [("site_with_url", REPO / "call"), ("other_site", FIXTURE_CALL)])
def test_the_start_pages_carry_a_monetary_grant(request, site_name, folder):
    site, call = request.getfixturevalue(site_name), load_call(folder)
    opens_at, closes_at = window_instants(call["window"])
    for lang, path in (("sv", "index.html"), ("en", "en/index.html")):
        grant = jsonld(site / path)
        assert grant["@type"] == "MonetaryGrant" and grant["name"] == call["title"][lang]
        assert grant["amount"] == {"@type": "MonetaryAmount", "maxValue": call["funding"]["max_support_sek"], "currency": "SEK"}
        assert grant["funder"]["@type"] == "GovernmentOrganization"
        assert grant["funder"]["name"] == call["funder"]["name"][lang]
        assert grant["funder"]["contactPoint"]["email"] == call["contact"]["email"]
        action = grant["potentialAction"]
        assert action["@type"] == "ApplyAction" and action["target"] == call["application"]["eservice"]["url"]
        assert (action["startTime"], action["endTime"]) == (opens_at.isoformat(), closes_at.isoformat())
    for path in html_pages(site):
        if path.name != "index.html":
            assert "application/ld+json" not in path.read_text(encoding="utf-8"), path


def test_every_page_has_description_open_graph_and_canonical(site_with_url):
    for lang, prefix in (("sv", ""), ("en", "en/")):
        descriptions = set()
        for page in language_pages(site_with_url, lang):
            parsed = read(page)
            [description] = parsed.find("meta", name="description")
            assert description["content"], page
            descriptions.add(description["content"])
            assert parsed.find("meta", property="og:title") and parsed.find("meta", property="og:description")
            assert parsed.find("meta", property="og:url", content=PUBLIC_URL + prefix + page.name), page
            assert parsed.find("link", rel="canonical", href=PUBLIC_URL + prefix + page.name), page
        assert len(descriptions) == len(language_pages(site_with_url, lang)), "each page its own description"


def test_the_sitemap_lists_both_languages_with_hreflang(site_with_url):
    tree = ET.parse(site_with_url / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations = [url.find("s:loc", ns).text for url in tree.getroot().findall("s:url", ns)]
    for lang, prefix in (("sv", ""), ("en", "en/")):
        for page in language_pages(site_with_url, lang):
            assert PUBLIC_URL + prefix + page.name in locations
    for url in tree.getroot().findall("s:url", ns):
        assert {link.get("hreflang") for link in url.findall("x:link", ns)} == set(LANGUAGES)
    assert not (site_with_url / "en" / "sitemap.xml").exists()
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
    page.goto(served_under_subpath + "index.html")
    assert page.locator("[data-call-status]").is_visible()
    assert page.locator(f'time[datetime="{call["window"]["closes"]}"]').first.is_visible()
    after = page.evaluate("""() => getComputedStyle(document.querySelector('a[href^="mailto:"]'), '::after').content""")
    assert call["contact"]["email"] in after
    page.close()
