"""Languages are data: a language is added with an entry in the table, a strings file and its texts,
and no code asks which language it is."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from conftest import REPO, call_dir_of, call_path, make_workspace, run_build
from language_fixture import add_language, mark_translations
from pages import read


@pytest.fixture(scope="module")
def two_more(tmp_path_factory):
    """A copy of the project with German (a full language) and Meänkieli (a summary Babel lacks), added from data."""
    workspace = make_workspace(tmp_path_factory.mktemp("languages") / "work")
    add_language(workspace, "de")
    add_language(workspace, "fit")
    mark_translations(workspace)
    out = workspace.parent / "site"
    result = run_build(out, root=workspace)
    assert result.returncode == 0, result.stdout + result.stderr
    return workspace, out


def test_no_code_branches_on_a_language_code():
    result = subprocess.run(["grep", "-rnE", r"""(==|===|!=|!==) ?['"](sv|en|fi)['"]""", "macros", "tools", "overrides"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.stdout == "", result.stdout


def test_a_full_language_from_data_alone(two_more, call):
    workspace, site = two_more
    assert not subprocess.run(["git", "diff", "--quiet", "--no-index", str(REPO / "macros" / "__init__.py"),
                               str(workspace / "macros" / "__init__.py")]).returncode  # no code touched
    built = {page.name for page in call_dir_of(site, "de").glob("*.html")}
    assert built == {page.name for page in call_dir_of(site, "en").glob("*.html")}
    start = read(call_dir_of(site, "de") / "index.html")
    assert start.find("html", lang="de")
    assert "31. März 2019" in start.text and "800.000 SEK" in start.text.replace("\u00a0", " ")
    assert (site / "de" / "search" / "search_index.json").exists()
    config = json.loads(re.search(r'id="__config" type="application/json">(.*?)</script>',
                                  (call_dir_of(site, "de") / "index.html").read_text(encoding="utf-8"), re.S).group(1))
    assert config["search"].endswith("search.js") or config["search"]
    # Every page of every other language links to it, written in its own name.
    for page in ("index.html", "funding.html", "en/funding.html", "fi/index.html"):
        assert read(site / call_path(page)).find("a", hreflang="de", lang="de"), page
        assert " Deutsch " in read(site / call_path(page)).text, page


def test_a_summary_language_babel_lacks(two_more, call):
    _workspace, site = two_more
    page = read(call_dir_of(site, "fit") / "index.html")
    assert page.find("html", lang="fit")  # its own code, though Material draws its buttons in Finnish
    assert "31. maaliskuuta 2019" in page.text
    assert not (call_dir_of(site, "fit") / "funding.html").exists()
    # Where the summary lacks a page, the other languages' links lead to its start page.
    [link] = [a for a in read(call_dir_of(site) / "funding.html").find("a", hreflang="fit") if "call-language__link" in a.get("class", "")]
    assert link["href"].endswith(call_path("fit/index.html"))
    # No stemmer for it: search without stemming, and the index is there.
    assert (site / "fit" / "search" / "search_index.json").exists()
    lunr_config = json.loads((site / "fit" / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert lunr_config["lang"] == ["en"] and lunr_config["pipeline"] == ["trimmer"]


def test_search_works_in_a_language_without_stemming(browser, two_more, call):
    from test_browser import search
    from conftest import StaticServer
    _workspace, site = two_more
    with StaticServer(site) as server:
        page = browser.new_page()
        page.goto(server.origin + "/fit/index.html")
        hrefs = search(page, call["contact"]["name"].split()[-1])
        assert hrefs and all("/fit/" in page.evaluate("h => new URL(h, location.href).href", h) for h in hrefs)
        page.close()
