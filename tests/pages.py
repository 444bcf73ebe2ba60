"""Reading built pages in tests: links, ids, attributes and visible text, with the standard library."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path


class Page(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self._text: list[str] = []
        self._skip = 0
        self.feed(source)
        # Fold ASCII white space only: the site's no-break spaces are part of its formats.
        self.text = re.sub(r"[ \t\n\r\f\v]+", " ", "".join(self._text))

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self._text.append(data)

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.elements if t == tag and all(a.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())]


def read(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def walked_pages(site: Path) -> list[Path]:
    """The pages a browser walks one by one (axe, focus, requests, console): every page but the 404 page and, of the
    pages of the calls an applicant type may apply for, the first in each language. Those are the list of calls'
    own component with fewer calls in it, one per type (eight a language for the reference call): walking one checks
    their template, and tests/test_many_calls.py checks what each lists, filters and says in Chromium."""
    found, seen = [], set()
    for page in html_pages(site):
        if page.name == "404.html":
            continue
        if page.name.startswith("applicant-"):
            if page.parent in seen:
                continue
            seen.add(page.parent)
        found.append(page)
    return found


def language_root(site: Path, lang) -> Path:
    """Where a language is published: the authoritative one at the root, every other under its code."""
    return site / lang.path if lang.path else site


def language_pages(site: Path, lang, with_404: bool = False) -> list[Path]:
    """The pages of one language at its place (a call's language: the call's pages; the site's 404 page, at the
    site's root, left out unless asked)."""
    pages = sorted(language_root(site, lang).glob("*.html"))
    return [page for page in pages if with_404 or page.name != "404.html"]


def site_place(site: Path, call_lang) -> Path:
    """Where a call's language has the site's own pages: the call's place without its slug."""
    return site / call_lang.path.rstrip("/").rpartition("/")[0] if "/" in call_lang.path.rstrip("/") else site


def site_pages(site: Path, call_lang) -> list[Path]:
    """The site's own pages in a call's language: its list of calls, its pages about itself (mkdocs.yml
    `extra.site_pages`) and, at the site's root, its 404 page."""
    place = site_place(site, call_lang)
    names = ("index.html", "accessibility.html", "privacy.html", "404.html")
    return sorted(page for page in (place / name for name in names) if page.is_file())

