"""One sitemap for every language, each page with hreflang alternates to the versions that exist, and robots.txt.

Sitemaps need absolute addresses: without SITE_URL there is none (mkdocs'
per-language sitemaps are removed), and robots.txt names no sitemap. lastmod
is the build's moment (SOURCE_DATE_EPOCH when set), so builds repeat.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from macros.xml_text import escape, quoteattr


def language_pages(site: Path, lang) -> set[str]:
    """A language's published pages (its 404 page is not a page)."""
    root = site / lang.path if lang.path else site
    return {page.name for page in root.glob("*.html") if page.name != "404.html"}


def sitemap_xml(site: Path, prepared, day: str) -> str:
    languages = prepared.languages
    pages = {lang.code: language_pages(site, lang) for lang in languages}
    entries = []
    for lang in languages:
        for name in sorted(pages[lang.code]):
            versions = [other for other in languages if name in pages[other.code]]
            links = "".join(f'<xhtml:link rel="alternate" hreflang="{other.code}" href={quoteattr(prepared.language_url(other) + name)}/>'
                            for other in versions)
            entries.append(f"<url><loc>{escape(prepared.language_url(lang) + name)}</loc><lastmod>{day}</lastmod>{links}</url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
            + "\n".join(entries) + "\n</urlset>\n")


def write_sitemap(site: Path, prepared) -> None:
    for lang in prepared.languages:
        root = site / lang.path if lang.path else site
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (root / name).unlink(missing_ok=True)
    robots = "User-agent: *\nAllow: /\n"
    if prepared.site_url:
        moment = prepared.moment
        xml = sitemap_xml(site, prepared, moment.date().isoformat()).encode("utf-8")
        (site / "sitemap.xml").write_bytes(xml)
        with gzip.GzipFile(site / "sitemap.xml.gz", "wb", mtime=int(moment.timestamp())) as packed:
            packed.write(xml)
        robots += f"Sitemap: {prepared.site_url}sitemap.xml\n"
    (site / "robots.txt").write_text(robots, encoding="utf-8")
