"""In Chromium: search stays in the page's language, and the language link lands on the same page. (That no
page asks any host but its own is tested with its policy: tests/test_quality.py.)"""

from __future__ import annotations

import pytest

from conftest import call_path, loaded

LANGUAGES = loaded().languages

SEARCH_WAIT_MS = 10_000


def search(page, query: str) -> list[str]:
    """Type into Material's search and return the result links' addresses."""
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=20)  # Material listens to key events, not to fill()
    page.locator(".md-search-result__item a").first.wait_for(timeout=SEARCH_WAIT_MS)
    return settled_results(page)


def settled_results(page) -> list[str]:
    """The result links' addresses once the list stops changing (Material redraws it as the
    query grows), read in one go so the list cannot change under the reading."""
    read = lambda: page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.getAttribute('href'))")  # noqa: E731
    previous, current = None, read()
    for _ in range(25):
        if current == previous and current:
            break
        page.wait_for_timeout(200)
        previous, current = current, read()
    return current


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_search_returns_pages_of_the_pages_language_only(browser, served_under_subpath, lang):
    call = loaded().call
    # Words every language's pages carry (the e-service's name, the contact's name) must still find one language only.
    shared_word = call["application"]["eservice"]["name"]["sv"].split()[-1]
    page = browser.new_page()
    page.goto(served_under_subpath + lang.path + "index.html")
    own = served_under_subpath + lang.path.removesuffix(f"{loaded().slug}/")  # the call's pages and the site's in its language
    for query in (shared_word, call["contact"]["name"].split()[-1]):
        hrefs = search(page, query)
        assert hrefs, query
        absolute = [page.evaluate("h => new URL(h, location.href).href", h) for h in hrefs]
        elsewhere = [url for url in absolute if not url.startswith(own)
                     or any(url.startswith(served_under_subpath + other.path) for other in LANGUAGES if other.path and other != lang)]
        assert not elsewhere, absolute
        page.keyboard.press("Escape")
    page.close()


@pytest.mark.parametrize(("start", "query", "found"), [
    # Finnish: "hankkeille" (for the projects) finds the summary, which says "hanke" and "hankkeen".
    ("fi/index.html", "hankkeille", "index.html"),
    # Swedish: "medfinansiärerna" (definite plural) finds the pages that say "medfinansiärer".
    ("index.html", "medfinansiärerna", "funding.html"),
], ids=["finnish", "swedish"])
def test_search_stems_words_in_the_pages_language(browser, served_under_subpath, start, query, found):
    page = browser.new_page()
    page.goto(served_under_subpath + call_path(start))
    hrefs = search(page, query)
    assert any(found in href for href in hrefs), hrefs
    page.close()


@pytest.mark.parametrize(("start", "link_text", "landing"), [
    ("who-can-apply.html", "English", "en/who-can-apply.html"),
    ("en/funding.html", "Svenska", "funding.html"),
    ("en/funding.html", "Suomi", "fi/index.html"),
    ("fi/index.html", "English", "en/index.html"),
])
def test_the_language_link_lands_on_the_same_page(browser, served_under_subpath, start, link_text, landing):
    page = browser.new_page()
    page.goto(served_under_subpath + call_path(start))
    page.get_by_role("link", name=link_text, exact=True).first.click()
    page.wait_for_load_state()
    assert page.url == served_under_subpath + call_path(landing)
    assert page.locator("html").get_attribute("lang") == next(lang.code for lang in LANGUAGES if lang.name == link_text)
    page.close()


def test_material_and_search_load_on_first_use_of_search_not_before(browser, served_under_subpath):
    page = browser.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(served_under_subpath + call_path("index.html"))
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "/bundle." in url or "search" in url.rsplit("/", 1)[-1]], requests
    assert search(page, "ansökan")  # focusing the field loads Material, then search answers
    assert any("/bundle." in url for url in requests) and any("search_index" in url for url in requests)
    page.close()


def test_search_on_a_phone_opens_from_the_magnifier(browser, served_under_subpath):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(served_under_subpath + call_path("en/index.html"))
    page.locator('label[for="__search"]').first.click()
    box = page.locator("input[data-md-component=search-query]")
    box.wait_for(state="visible")
    box.press_sequentially("apply", delay=20)
    page.locator(".md-search-result__item a").first.wait_for(timeout=SEARCH_WAIT_MS)
    hrefs = settled_results(page)
    assert hrefs and all("/en/" in page.evaluate("h => new URL(h, location.href).href", h) for h in hrefs)
    page.close()
