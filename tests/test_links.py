"""Served under a sub-path of a real HTTP server, every internal link and anchor resolves."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urldefrag, urljoin

from pages import Page, html_pages


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read()
            kind = response.headers.get("Content-Type", "")
            return response.status, body.decode("utf-8") if "html" in kind else ""
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_every_internal_link_and_anchor_resolves_under_a_sub_path(site, served_under_subpath):
    base = served_under_subpath
    pages = [base + str(path.relative_to(site)) for path in html_pages(site) if path.name != "404.html"]
    seen: dict[str, Page | None] = {}
    broken = []
    for page_url in pages:
        status, body = fetch(page_url)
        assert status == 200, page_url
        page = Page(body)
        targets = [a.get("href") for t, a in page.elements if t in ("a", "link") and a.get("rel") not in ("canonical", "alternate")]
        targets += [a.get("src") for t, a in page.elements if t in ("script", "img")]
        for target in filter(None, targets):
            if target.startswith(("mailto:", "tel:", "http://", "https://", "data:")):
                continue
            url, fragment = urldefrag(urljoin(page_url, target))
            assert url.startswith(base), (page_url, target, "leaves the site's folder")
            if url not in seen:
                status, body = fetch(url)
                seen[url] = Page(body) if status == 200 and body else (None if status != 200 else Page(""))
                if status != 200:
                    broken.append((page_url, target, status))
            if fragment and seen[url] is not None and fragment not in seen[url].ids:
                broken.append((page_url, target, "no such anchor"))
    assert not broken, broken
