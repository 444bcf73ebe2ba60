"""The built site: every fact on the pages of both languages, the same pages in both,
language links, addresses, and a failed build that leaves the published site alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURE_CALL, PUBLIC_URL, REPO, make_workspace, run_build, snapshot
from macros import formatting as fmt
from macros.call_data import LANGUAGES, load_call
from pages import html_pages, language_pages, read

NBSP = "\u00a0"


def site_text(site: Path, lang: str) -> str:
    return " ".join(read(page).text for page in language_pages(site, lang))


def expected_texts(call: dict, lang: str) -> list[str]:
    """Every fact and text of the call, as the site renders it in that language."""
    funding, window, contact = call["funding"], call["window"], call["contact"]
    texts = [
        call["title"][lang], call["summary"][lang], call["funder"]["name"][lang],
        fmt.format_money(funding["max_support_sek"], lang),
        fmt.format_percent(funding["max_rate_percent"], lang),
        fmt.format_months(call["max_project_months"], lang),
        fmt.format_date(window["opens"], lang), fmt.format_date(window["closes"], lang),
        contact["name"], contact["email"], fmt.format_phone(contact["phone"], lang),
        call["application"]["choice"], call["application"]["eservice"]["name"][lang],
    ]
    texts += [area["text"][lang] for area in call["priority_areas"]]
    texts += [effort[lang] for effort in call["prioritised_efforts"]]
    texts += [kind["name"][lang] for kind in call["applicant_types"]]
    texts += [criterion["text"][lang] for criterion in call["selection_criteria"]]
    texts += [form["name"][lang] for form in funding["cofinancing_forms"]]
    texts += [entry["term"][lang] for entry in call["glossary"]]
    texts += [entry["definition"][lang] for entry in call["glossary"]]
    texts += [document["name"][lang] for document in call["policy_documents"]]
    return texts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_fact_is_on_the_pages_in_that_languages_format(site, call, lang):
    text = site_text(site, lang)
    missing = [expected for expected in expected_texts(call, lang) if expected not in text]
    assert not missing, missing


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_start_page_has_the_call_at_a_glance(site, call, lang):
    start = read(site / ("en/index.html" if lang == "en" else "index.html"))
    for expected in (call["title"][lang], fmt.format_money(call["funding"]["max_support_sek"], lang),
                     fmt.format_percent(call["funding"]["max_rate_percent"], lang),
                     fmt.format_date(call["window"]["closes"], lang), call["contact"]["email"]):
        assert expected in start.text
    assert start.find("time", datetime=call["window"]["closes"])
    assert start.find("a", href=fmt.phone_uri(call["contact"]["phone"]))
    assert start.find("a", href="mailto:" + call["contact"]["email"])
    assert start.find("a", href=call["application"]["eservice"]["url"])


def test_english_pages_write_the_phone_internationally_and_say_swedish_rules(site, call):
    for page in language_pages(site, "en"):
        parsed = read(page)
        assert fmt.format_phone(call["contact"]["phone"], "sv") not in parsed.text, page
        assert "The Swedish text of the call is the authoritative one." in parsed.text, page


def test_swedish_in_english_pages_is_marked(site, call):
    start = (site / "en" / "how-to-apply.html").read_text(encoding="utf-8")
    assert f'<span lang="sv">{call["application"]["choice"]}</span>' in start


def test_both_languages_have_the_same_pages(site):
    sources = {lang: sorted(p.name for p in (REPO / "docs" / lang).glob("*.md")) for lang in LANGUAGES}
    assert sources["sv"] == sources["en"]
    built = {lang: sorted(p.name for p in language_pages(site, lang, with_404=True)) for lang in LANGUAGES}
    assert built["sv"] == built["en"]
    assert len(built["sv"]) == len(sources["sv"]) + 1  # and the 404 page


def test_one_404_page_in_both_languages(site):
    from macros import load_strings
    assert (site / "404.html").read_bytes() == (site / "en" / "404.html").read_bytes()
    page = read(site / "404.html")
    assert load_strings("sv")["not_found_heading"] in page.text
    assert load_strings("en")["not_found_heading"] in page.text
    assert page.find("div", class_="call-not-found", lang="en")


@pytest.mark.parametrize(("lang", "other", "name"), [("sv", "en", "English"), ("en", "sv", "Svenska")])
def test_the_language_link_leads_to_the_same_page(site, lang, other, name):
    for page in language_pages(site, lang):
        parsed = read(page)
        assert parsed.find("html", lang=lang), page
        links = parsed.find("a", hreflang=other, lang=other)
        assert links, f"{page}: no link to {other}"
        for link in links:
            assert link.get("href") and (page.parent / link["href"]).resolve() == _counterpart(site, page, lang)
        assert f" {name} " in parsed.text


def _counterpart(site: Path, page: Path, lang: str) -> Path:
    return (site / "en" / page.name) if lang == "sv" else (site / page.name)


def test_without_a_public_address_no_absolute_tags(site):
    for page in html_pages(site):
        parsed = read(page)
        assert not parsed.find("link", rel="canonical"), page
        assert not [a for a in parsed.find("link", rel="alternate") if a.get("hreflang")], page


def test_with_a_public_address_canonical_and_hreflang(site_with_url):
    for lang, prefix in (("sv", ""), ("en", "en/")):
        for page in language_pages(site_with_url, lang):
            parsed = read(page)
            path = page.name
            assert parsed.find("link", rel="canonical", href=PUBLIC_URL + prefix + path), page
            alternates = {a["hreflang"]: a["href"] for a in parsed.find("link", rel="alternate") if a.get("hreflang")}
            assert alternates == {"sv": PUBLIC_URL + path, "en": PUBLIC_URL + "en/" + path, "x-default": PUBLIC_URL + path}, page
            # Navigation stays relative, so the folder still works under any sub-path.
            assert not [a for a in parsed.find("a") if a.get("href", "").startswith(PUBLIC_URL)], page


def test_no_page_requests_another_origin(site):
    """Nothing a page loads (scripts, styles, images, fonts, frames) comes from another host."""
    for page in html_pages(site):
        parsed = read(page)
        loaded = [a.get("src") for t, a in parsed.elements if t in ("script", "img", "iframe", "source", "audio", "video")]
        loaded += [a.get("href") for t, a in parsed.elements if t == "link" and a.get("rel") not in ("canonical", "alternate")]
        external = [url for url in loaded if url and re.match(r"^(https?:)?//", url)]
        assert not external, (page, external)
    for css in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css
        assert "@import" not in css.read_text(encoding="utf-8"), css


def test_the_fixture_call_builds_its_own_site_and_nothing_of_2019(other_site, call):
    other = load_call(FIXTURE_CALL)
    for lang in LANGUAGES:
        text = site_text(other_site, lang)
        missing = [expected for expected in expected_texts(other, lang) if expected not in text]
        assert not missing, (lang, missing)
        # The glossary's terms are ordinary words ("Utlysning"), not facts of one call.
        terms = {entry["term"][lang] for entry in call["glossary"]}
        leaked = [old for old in expected_texts(call, lang) + [call["funder"]["region"][lang]]
                  if old in text and old not in expected_texts(other, lang) and old not in terms]
        assert not leaked, (lang, leaked)


# --- failed builds leave the published site alone --------------------------------------

@pytest.fixture
def published(tmp_path, site):
    """A published site/ to protect, and its contents before the failing build."""
    import shutil
    out = tmp_path / "published"
    shutil.copytree(site, out)
    return out, snapshot(out)


def test_bad_data_stops_the_build_and_leaves_site_untouched(tmp_path, published):
    import shutil
    out, before = published
    broken = tmp_path / "call"
    shutil.copytree(REPO / "call", broken)
    call_yml = broken / "call.yml"
    call_yml.write_text(call_yml.read_text(encoding="utf-8").replace("closes: 2019-03-31", "closes: 2019-13-31"), encoding="utf-8")
    result = run_build(out, call_dir=broken)
    assert result.returncode == 1
    line = next(n for n, text in enumerate(call_yml.read_text(encoding="utf-8").splitlines(), 1) if "closes: 2019-13-31" in text)
    assert f"{call_yml}:{line}: window.closes: not a real date: '2019-13-31'" in result.stderr
    assert snapshot(out) == before


@pytest.mark.parametrize("broken_text", ["{{ call.no_such_fact }}", "{{ no_such_macro() }}", "{% if %}"])
def test_a_broken_page_stops_the_build_and_leaves_site_untouched(tmp_path, published, broken_text):
    out, before = published
    workspace = make_workspace(tmp_path / "work")
    page = workspace / "docs" / "en" / "funding.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + broken_text + "\n", encoding="utf-8")
    result = run_build(out, root=workspace)
    assert result.returncode != 0
    page = workspace / "docs" / "en" / "funding.md"
    line = len(page.read_text(encoding="utf-8").splitlines())
    assert re.search(rf"docs/en/funding\.md:{line}: the page cannot be rendered: \w+Error: ", result.stderr), result.stderr
    assert snapshot(out) == before
