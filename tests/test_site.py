"""The built site: every fact on the pages of every language in that language's format, the
same pages in every full language, language links to every version that exists, addresses,
and a failed build that leaves the published site alone."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURE_CALL, PUBLIC_URL, REFERENCE_CALL, call_dir_of, copy_call, loaded, make_workspace, run_build, snapshot
from macros import formatting as fmt
from macros.view import plain
from pages import html_pages, language_pages, language_root, read

NBSP = "\u00a0"
LANGUAGES = loaded().languages


def site_text(site: Path, lang) -> str:
    return " ".join(read(page).text for page in language_pages(site, lang))


def summary_texts(call: dict, lang) -> list[str]:
    """The facts a summary shows: the call in brief, formatted for its language."""
    funding, window, contact = call["funding"], call["window"], call["contact"]
    texts = [plain(call["title"], lang), plain(call["summary"], lang),
             fmt.format_money(funding["max_support_sek"], lang), fmt.format_percent(funding["max_rate_percent"], lang),
             fmt.format_months(call["max_project_months"], lang),
             fmt.format_date(window["opens"], lang), fmt.format_date(window["closes"], lang),
             contact["name"], contact["email"], fmt.format_phone(contact["phone"], lang),
             call["application"]["choice"], plain(call["application"]["eservice"]["name"], lang)]
    texts += [plain(kind["name"], lang) for kind in call["applicant_types"][:1]]
    texts += [plain(form["name"], lang) for form in funding["cofinancing_forms"]]
    return texts


def expected_texts(call: dict, lang) -> list[str]:
    """Every fact and text of the call, as the site renders it in a language's pages."""
    texts = summary_texts(call, lang)
    if not lang.full:
        return texts
    texts += [plain(area["text"], lang) for area in call["priority_areas"]]
    texts += [plain(effort["text"], lang) for effort in call["prioritised_efforts"]]
    texts += [plain(kind["name"], lang) for kind in call["applicant_types"]]
    texts += [plain(criterion["text"], lang) for criterion in call["selection_criteria"]]
    texts += [plain(entry["term"], lang) for entry in call["glossary"]]
    texts += [plain(entry["definition"], lang) for entry in call["glossary"]]
    texts += [plain(document["name"], lang) for document in call["policy_documents"]]
    return texts


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_fact_is_on_the_pages_in_that_languages_format(site, call, lang):
    text = site_text(site, lang)
    missing = [expected for expected in expected_texts(call, lang) if expected not in text]
    assert not missing, missing


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_start_page_has_the_call_at_a_glance(site, call, lang):
    start = read(language_root(site, lang) / "index.html")
    for expected in (plain(call["title"], lang), fmt.format_money(call["funding"]["max_support_sek"], lang),
                     fmt.format_percent(call["funding"]["max_rate_percent"], lang),
                     fmt.format_date(call["window"]["closes"], lang), call["contact"]["email"]):
        assert expected in start.text, expected
    assert start.find("time", datetime=call["window"]["closes"])
    assert start.find("a", href=fmt.phone_uri(call["contact"]["phone"]))
    assert start.find("a", href="mailto:" + call["contact"]["email"])
    assert start.find("a", href=call["application"]["eservice"]["url"])


def test_finnish_formats(site, call):
    """The summary language's own formats: dates, money and months the Finnish way."""
    fi = LANGUAGES["fi"]
    text = read(call_dir_of(site, "fi") / "index.html").text
    for value in (fmt.format_date(call["window"]["closes"], fi), fmt.format_money(call["funding"]["max_support_sek"], fi),
                  fmt.format_months(call["max_project_months"], fi)):
        assert value in text
    # Finnish is published as a summary: it links to the full texts in their own languages.
    page = read(call_dir_of(site, "fi") / "index.html")
    for other in LANGUAGES.full:
        assert page.find("a", href="../" * fi.path.count("/") + f"{other.path}index.html", hreflang=other.code, lang=other.code), other.code


def test_the_contact_language_is_said_only_when_the_data_says_so(site, tmp_path):
    assert "Voit kirjoittaa tai soittaa suomeksi." not in read(call_dir_of(site, "fi") / "index.html").text
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)
    call_yml = folder / "call.yml"
    call_yml.write_text(call_yml.read_text(encoding="utf-8").replace("  phone: 070-549 80 62\n", "  phone: 070-549 80 62\n  languages: [sv, fi]\n"),
                        encoding="utf-8")
    out = tmp_path / "site"
    result = run_build(out, call_dir=folder)
    assert result.returncode == 0, result.stderr
    assert "Voit kirjoittaa tai soittaa suomeksi." in read(call_dir_of(out, "fi") / "index.html").text


def test_non_authoritative_pages_say_the_swedish_text_rules_and_write_the_phone_internationally(site, call):
    for lang in LANGUAGES.others(LANGUAGES.authoritative):
        for page in language_pages(site, lang):
            parsed = read(page)
            assert fmt.format_phone(call["contact"]["phone"], LANGUAGES.authoritative) not in parsed.text, page
            assert lang.strings["authoritative_note"] in parsed.text, page


def test_swedish_in_other_languages_is_marked(site, call):
    for lang in LANGUAGES.others(LANGUAGES.authoritative):
        html = (language_root(site, lang) / "index.html").read_text(encoding="utf-8")
        assert f'<span lang="sv">{call["application"]["choice"]}</span>' in html, lang.code


def test_every_full_language_has_the_same_pages_and_a_summary_a_subset(site):
    full = LANGUAGES.full
    own = {f"{lang.easy_read}.html" for lang in LANGUAGES if lang.easy_read}
    built = {lang.code: {p.name for p in language_pages(site, lang)} for lang in LANGUAGES}
    for lang in full:
        assert built[lang.code] - own == built[full[0].code] - own, lang.code
    for lang in LANGUAGES.summary:
        assert built[lang.code] < built[LANGUAGES.authoritative.code], lang.code
        assert "index.html" in built[lang.code]


def test_one_404_page_with_every_language(site):
    """One 404 page, at the root, serving every missing address; no copy of it poses as another language's."""
    page = read(site / "404.html")
    for lang in LANGUAGES:
        if lang.path:
            assert not (language_root(site, lang) / "404.html").exists(), lang.code
        assert lang.strings["not_found_heading"] in page.text
        if not lang.authoritative:
            assert page.find("div", class_="call-not-found", lang=lang.code)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_language_links_lead_to_every_version_that_exists(site, lang):
    """Each page links to every other language, in that language's own name and marked with
    lang and hreflang: to the same page where it exists, else to that language's start page."""
    for page in language_pages(site, lang):
        parsed = read(page)
        assert parsed.find("html", lang=lang.code), page
        for other in LANGUAGES.others(lang):
            links = [a for a in parsed.find("a", hreflang=other.code, lang=other.code) if "call-language__link" in a.get("class", "")]
            assert len(links) == 1, (page, other.code)
            target = (page.parent / links[0]["href"]).resolve()
            counterpart = language_root(site, other) / page.name
            assert target == (counterpart if counterpart.exists() else language_root(site, other) / "index.html").resolve(), (page, other.code)
            assert f" {other.name} " in parsed.text


def test_the_easy_to_read_page_is_linked_from_every_page_of_its_language(site, call):
    sv = LANGUAGES.authoritative
    page = call_dir_of(site) / f"{sv.easy_read}.html"
    parsed = read(page)
    assert fmt.format_money(call["funding"]["max_support_sek"], sv) in parsed.text
    assert fmt.format_date(call["window"]["closes"], sv) in parsed.text
    for other in language_pages(site, sv):
        assert read(other).find("a", href=f"{sv.easy_read}.html"), other
    for lang in LANGUAGES.others(sv):
        assert not (language_root(site, lang) / f"{sv.easy_read}.html").exists()


def test_without_a_public_address_no_absolute_tags(site):
    for page in html_pages(site):
        parsed = read(page)
        assert not parsed.find("link", rel="canonical"), page
        assert not [a for a in parsed.find("link", rel="alternate") if a.get("hreflang")], page


def test_with_a_public_address_canonical_and_hreflang_to_versions_that_exist(site_with_url):
    for lang in LANGUAGES:
        for page in language_pages(site_with_url, lang):
            parsed = read(page)
            assert parsed.find("link", rel="canonical", href=PUBLIC_URL + lang.path + page.name), page
            # Every alternate with an hreflang is a version of this page (search engines and Lighthouse
            # read them so): the feed's link in the head carries none.
            alternates = {a["hreflang"]: a["href"] for a in parsed.find("link", rel="alternate") if a.get("hreflang")}
            expected = {other.code: PUBLIC_URL + other.path + page.name for other in LANGUAGES
                        if (language_root(site_with_url, other) / page.name).exists()}
            expected["x-default"] = PUBLIC_URL + LANGUAGES.authoritative.path + page.name
            assert alternates == expected, page
            # Navigation stays relative, so the folder still works under any sub-path.
            assert not [a for a in parsed.find("a") if a.get("href", "").startswith(PUBLIC_URL)], page


def test_no_page_requests_another_origin(site):
    """Nothing a page loads (scripts, styles, images, fonts, frames) comes from another host."""
    for page in html_pages(site):
        parsed = read(page)
        loaded_urls = [a.get("src") for t, a in parsed.elements if t in ("script", "img", "iframe", "source", "audio", "video")]
        loaded_urls += [a.get("href") for t, a in parsed.elements if t == "link" and a.get("rel") not in ("canonical", "alternate")]
        external = [url for url in loaded_urls if url and re.match(r"^(https?:)?//", url)]
        assert not external, (page, external)
    for css in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css
        assert "@import" not in css.read_text(encoding="utf-8"), css


def test_the_fixture_call_builds_its_own_site_and_nothing_of_2019(other_site, call):
    other = loaded(FIXTURE_CALL)
    assert [lang.code for lang in other.languages] == ["sv", "en"]  # its own languages: no Finnish
    assert not (other_site / "fi").exists()
    for lang in other.languages:
        text = site_text(other_site, lang)
        missing = [expected for expected in expected_texts(other.call, lang) if expected not in text]
        assert not missing, (lang.code, missing)
        reference = LANGUAGES[lang.code]
        terms = {plain(entry["term"], reference) for entry in call["glossary"]}
        old_texts = expected_texts(call, reference) + [plain(call["region"], reference)]
        leaked = [old for old in old_texts if old in text and old not in expected_texts(other.call, lang) and old not in terms]
        assert not leaked, (lang.code, leaked)


# --- failed builds leave the published site alone --------------------------------------

@pytest.fixture
def published(tmp_path, site):
    """A published site/ to protect, and its contents before the failing build."""
    import shutil
    out = tmp_path / "published"
    shutil.copytree(site, out)
    return out, snapshot(out)


def test_bad_data_stops_the_build_and_leaves_site_untouched(tmp_path, published):
    out, before = published
    broken = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, broken)
    call_yml = broken / "call.yml"
    call_yml.write_text(call_yml.read_text(encoding="utf-8").replace("closes: 2019-03-31", "closes: 2019-13-31"), encoding="utf-8")
    result = run_build(out, call_dir=broken)
    assert result.returncode == 1
    line = next(n for n, text in enumerate(call_yml.read_text(encoding="utf-8").splitlines(), 1) if "closes: 2019-13-31" in text)
    assert f"{call_yml}:{line}: window.closes: not a real date: '2019-13-31'" in result.stderr
    assert snapshot(out) == before


@pytest.mark.parametrize(("broken_text", "message"), [
    ("{{ call.no_such_fact }}", "unknown name: call.no_such_fact"),
    ("{{ no_such_macro() }}", "unknown name: no_such_macro"),
    ("{% if %}", "is misspelt"),
])
def test_a_broken_page_stops_the_build_and_leaves_site_untouched(tmp_path, published, broken_text, message):
    out, before = published
    workspace = make_workspace(tmp_path / "work")
    page = workspace / "docs" / "en" / "funding.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + broken_text + "\n", encoding="utf-8")
    result = run_build(out, root=workspace)
    assert result.returncode != 0
    line = len(page.read_text(encoding="utf-8").splitlines())
    assert re.search(rf"docs/en/funding\.md:{line}: .*{re.escape(message)}", result.stderr), result.stderr
    assert snapshot(out) == before


@pytest.mark.parametrize("site_name", ["site", "site_with_url"])
def test_no_link_is_protocol_relative(request, site_name):
    """`//accessibility.html` names a host, not a page: the 404 page's links once read so."""
    site = request.getfixturevalue(site_name)
    for page in site.rglob("*.html"):
        links = re.findall(r'(?:href|src)="(//[^"]*)"', page.read_text(encoding="utf-8"))
        assert not links, (page.relative_to(site), links[:3])


def test_a_languages_own_words_for_the_theme_reach_its_pages(site):
    """Where Material's texts read wrong in a language, the strings file's theme group says them instead
    (Navigering, Tyhjennä, Sivuhaku): every one of them is on that language's start page."""
    for lang in LANGUAGES:
        own = lang.strings.get("theme") or {}
        start = (site / lang.path / "index.html" if lang.path else call_dir_of(site) / "index.html").read_text(encoding="utf-8")
        for key, value in own.items():
            assert value in start, (lang.code, key, value)


class _LanguageOfText(HTMLParser):
    """Each text of a page's main content and footer with the language it is marked in. (The header and the
    menu print the site's name, the funder's, as Material's own partials do: a proper name, which WCAG 3.1.2
    exempts, and not a text of the call.)"""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col", "embed", "param", "track"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.texts: list[tuple[str, str]] = []
        self.depth = 0  # inside <main> or <footer>

    def handle_starttag(self, tag, attrs):
        if tag in ("main", "footer"):
            self.depth += 1
        if tag not in self.VOID:
            menu = "md-sidebar" in (dict(attrs).get("class") or "").split() or (self.stack and self.stack[-1][0] == "menu")
            self.stack.append(("menu" if menu else tag, dict(attrs).get("lang") or (self.stack[-1][1] if self.stack else "")))

    def handle_endtag(self, tag):
        if tag in ("main", "footer"):
            self.depth -= 1
        if self.stack and self.stack[-1][0] == "menu":
            self.stack.pop()  # the menu's elements, whatever their tag
            return
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self.depth and self.stack and self.stack[-1][0] not in ("script", "style", "menu") and data.strip():
            self.texts.append((self.stack[-1][1], data))


def test_the_e_services_swedish_names_are_marked_wherever_they_stand(site, call):
    """The e-service's name and the choice to make in it, Swedish words an English reader meets, are marked as
    Swedish on every page of every other language, in answers and notices too, whose facts were filled in as
    plain text. (Place and organisation names, which WCAG 3.1.2 exempts, are marked where the facts give them.)"""
    from macros.fact_texts import foreign_names
    from macros.view import facts
    checked = 0
    for lang in LANGUAGES.others(LANGUAGES.authoritative):
        shown = facts(call, lang)
        names = [(code, name) for code, name in foreign_names(call, lang) if name in str(shown["eservice"]) + str(shown["eservice_choice"])]
        assert len(names) == 2, (lang.code, names)
        for page in language_pages(site, lang):
            reader = _LanguageOfText()
            reader.feed(page.read_text(encoding="utf-8"))
            for marked, data in reader.texts:
                for code, name in names:
                    if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", data):
                        checked += 1
                        assert marked == code, (page.relative_to(site).as_posix(), name, data)
    assert checked > 10


def test_a_bare_mkdocs_build_of_the_call_builds_its_pages_and_leaves_the_sites_own_out(tmp_path, monkeypatch):
    """`make bench` measures a plain Material build of the same pages through our hooks (a call on its own, no
    site): it builds the call's pages, and leaves out the site's pages about itself, which only the site can draw."""
    import os
    from tools.bench import build_baseline
    from tools.menu import site_pages
    monkeypatch.delenv("CALL_DIR", raising=False)
    build_baseline(tmp_path, dict(os.environ, SITE_URL=PUBLIC_URL))
    built = {page.name for page in tmp_path.glob("*.html")}
    assert {"index.html", "funding.html", "calculator.html"} <= built
    assert not built & {name.replace(".md", ".html") for name in site_pages()}
