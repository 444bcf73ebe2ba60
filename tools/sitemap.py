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
    """A language's published pages at its place (a call's language: the call's pages; its 404 page is no page)."""
    return {page.name for page in (site / lang.path).glob("*.html") if page.name != "404.html"}


def sitemap_xml(site: Path, prepared_site, day: str) -> str:
    """Every page of the site: the site's own, then each call's, each with its versions in the other languages."""
    entries = []
    for languages in [prepared_site.languages, *(call.languages for call in prepared_site.listed)]:
        pages = {lang.code: language_pages(site, lang) for lang in languages}
        address = lambda lang, name: f"{prepared_site.site_url}{lang.path}{name}"  # noqa: E731
        for lang in languages:
            for name in sorted(pages[lang.code]):
                versions = [other for other in languages if name in pages[other.code]]
                links = "".join(f'<xhtml:link rel="alternate" hreflang="{other.code}" href={quoteattr(address(other, name))}/>'
                                for other in versions)
                entries.append(f"<url><loc>{escape(address(lang, name))}</loc><lastmod>{day}</lastmod>{links}</url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
            + "\n".join(entries) + "\n</urlset>\n")


def write_sitemap(site: Path, prepared_site) -> None:
    for lang in prepared_site.languages:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / lang.path / name).unlink(missing_ok=True)
    robots = "User-agent: *\nAllow: /\n"
    if prepared_site.site_url:
        moment = prepared_site.moment
        xml = sitemap_xml(site, prepared_site, moment.date().isoformat()).encode("utf-8")
        (site / "sitemap.xml").write_bytes(xml)
        with gzip.GzipFile(site / "sitemap.xml.gz", "wb", mtime=int(moment.timestamp())) as packed:
            packed.write(xml)
        robots += f"Sitemap: {prepared_site.site_url}sitemap.xml\n"
    (site / "robots.txt").write_text(robots, encoding="utf-8")
