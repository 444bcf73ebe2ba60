"""One sitemap for both languages, each page with its hreflang alternates, and robots.txt.

Sitemaps need absolute addresses: without SITE_URL there is none (mkdocs'
empty per-language sitemaps are removed), and robots.txt names no sitemap.
lastmod is the build's moment (SOURCE_DATE_EPOCH when set), so builds repeat.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from xml.sax.saxutils import quoteattr, escape

from macros.call_data import LANGUAGES
from macros.status import build_moment


def language_pages(site: Path) -> list[str]:
    """Page file names present in every language (the 404 page is not a page)."""
    names = [sorted(p.name for p in (site if i == 0 else site / lang).glob("*.html")) for i, lang in enumerate(LANGUAGES)]
    return [name for name in names[0] if all(name in other for other in names[1:]) and name != "404.html"]


def sitemap_xml(site: Path, root_url: str, day: str) -> str:
    roots = {lang: root_url if i == 0 else f"{root_url}{lang}/" for i, lang in enumerate(LANGUAGES)}
    entries = []
    for name in language_pages(site):
        links = "".join(f'<xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(roots[lang] + name)}/>' for lang in LANGUAGES)
        for lang in LANGUAGES:
            entries.append(f"<url><loc>{escape(roots[lang] + name)}</loc><lastmod>{day}</lastmod>{links}</url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
            + "\n".join(entries) + "\n</urlset>\n")


def write_sitemap(site: Path) -> None:
    for lang_dir in [site] + [site / lang for lang in LANGUAGES[1:]]:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (lang_dir / name).unlink(missing_ok=True)
    root_url = os.environ.get("SITE_URL", "").strip()
    robots = "User-agent: *\nAllow: /\n"
    if root_url:
        root_url = root_url.rstrip("/") + "/"
        moment = build_moment()
        xml = sitemap_xml(site, root_url, moment.date().isoformat()).encode("utf-8")
        (site / "sitemap.xml").write_bytes(xml)
        with gzip.GzipFile(site / "sitemap.xml.gz", "wb", mtime=int(moment.timestamp())) as packed:
            packed.write(xml)
        robots += f"Sitemap: {root_url}sitemap.xml\n"
    (site / "robots.txt").write_text(robots, encoding="utf-8")
