"""Finish a staged build: steps that need every page of every language written.

- Each full language's PDF (tools/call_document.py) and budget template (tools/budget_template.py) were made
  by the language's own build, the PDF from its pages.
- The call as open data (tools/open_data.py, listing the downloads) and the feeds that follow it (tools/feeds.py).
- One sitemap for every language, with hreflang to the versions that exist (tools/sitemap.py), and robots.txt.
- Stemming in search for prefix queries, in every language that stems.
- Our own CSS and JS without their comments (compact), as readers download them.
- One 404 page at the root, with every language's words on it.
- Valid HTML where Material's own markup is not; Material's bundle loaded on first use of search.
- The check that no published file holds what the site did not write (tools/published_markup.py):
  every HTML page, SVG drawing and XML file is parsed; a script, handler, javascript: or data:
  address, refresh, base, form, frame, object or style the project's templates did not write
  stops the build, naming the file, its line and the page's source.
- A Content-Security-Policy meta tag on every page: no page has an executable inline
  script (Material's are replaced by files), so scripts come from the site itself only.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from macros.components import COMPONENTS_DIR
from macros.problems import Problem
from tools import published_markup
from tools.feeds import write_feeds
from tools.open_data import write_open_data
from tools.sitemap import write_sitemap

class PostbuildError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def source_of(site: Path, page: Path, languages) -> str:
    """The page's source, for messages: site/en/funding.html was docs/en/funding.md."""
    relative = page.relative_to(site)
    for lang in sorted(languages, key=lambda l: -len(l.path)):
        if lang.path and str(relative).startswith(lang.path):
            return f"docs/{lang.code}/{relative.name.removesuffix('.html')}.md"
    return f"docs/{languages.authoritative.code}/{relative.name.removesuffix('.html')}.md"


def one_not_found_page(site: Path, languages) -> None:
    """One 404 page for the whole site, at its root, with every language's words on it (each marked with its
    lang): every host serves it for any missing address. The language builds' own 404 pages are removed:
    their links point at the server's root, and a copy of the root's under /en/ would be a Swedish page
    posing as an English one."""
    for lang in languages:
        if lang.path:
            (site / lang.path / "404.html").unlink(missing_ok=True)


CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?)\s+autocomplete="off"')


def fix_material_markup(html: str) -> str:
    """Material's base.html puts autocomplete on its two checkbox toggles, which HTML does
    not allow (Nu Html Checker error). They sit outside any block, so they are mended here
    rather than by copying all of base.html."""
    return CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)


OWN_SOURCES = Path(__file__).resolve().parent.parent / "overrides"
# A comment that fills its lines alone: "/*" first on a line, its own "*/" last on a line.
BLOCK_COMMENT = re.compile(r"^[ \t]*/\*(?:(?!\*/).)*\*/[ \t]*\n", re.S | re.M)
LINE_COMMENT = re.compile(r"^[ \t]*//[^\n]*\n", re.M)


def compact(source: str) -> str:
    """Our CSS and JS without comments that stand on lines of their own, and without
    indentation: what readers download. Conservative on purpose (no comment inside
    a line is touched), so it cannot change what the code does."""
    source = BLOCK_COMMENT.sub("", source)
    source = LINE_COMMENT.sub("", source)
    return "\n".join(line.strip() for line in source.splitlines() if line.strip()) + "\n"


def bundle_component_styles(site: Path, languages) -> None:
    """Each component's style (overrides/components/<name>/<name>.css, beside its template) joins site.css, so a page
    loads one stylesheet; the components' folder, which mkdocs copied with the theme, is not published."""
    styles = [COMPONENTS_DIR / "parts.css"] + sorted(COMPONENTS_DIR.glob("*/*.css"))
    joined = "\n".join(path.read_text(encoding="utf-8") for path in styles)
    for lang in languages:
        root = site / lang.path if lang.path else site
        sheet = root / "assets" / "site.css"
        sheet.write_text(sheet.read_text(encoding="utf-8") + "\n" + joined, encoding="utf-8")
        shutil.rmtree(root / "components", ignore_errors=True)


def compact_own_assets(site: Path, languages) -> None:
    for lang in languages:
        root = site / lang.path if lang.path else site
        for source in OWN_SOURCES.rglob("*"):
            if source.suffix in (".css", ".js"):
                built = root / source.relative_to(OWN_SOURCES)
                if built.exists():
                    built.write_text(compact(built.read_text(encoding="utf-8")), encoding="utf-8")
        for leftover in (root / "tools").glob("*/examples.yml"):
            leftover.unlink()


def add_prefix_stemming(site: Path, languages) -> None:
    """Teach each language's search worker to stem prefix queries (see the script's header)."""
    for lang in languages:
        root = site / lang.path if lang.path else site
        patch = root / "assets" / "javascripts" / "lunr-prefix-stemming.js"
        support = root / "assets" / "javascripts" / "lunr" / "min" / "lunr.stemmer.support.min.js"
        if patch.exists() and support.exists():
            support.write_text(support.read_text(encoding="utf-8") + "\n" + patch.read_text(encoding="utf-8"), encoding="utf-8")


def finish(site: Path, prepared) -> None:
    languages = prepared.languages
    one_not_found_page(site, languages)
    bundle_component_styles(site, languages)
    compact_own_assets(site, languages)
    write_open_data(site, prepared)
    write_feeds(site, prepared)
    write_sitemap(site, prepared)
    add_prefix_stemming(site, languages)
    problems = []
    site_files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    for page in sorted(site.rglob("*.html")):
        html = fix_material_markup(page.read_text(encoding="utf-8"))
        relative = page.relative_to(site).as_posix()
        problems += published_markup.page_problems(html, f"{relative} ({source_of(site, page, languages)})", site_files, relative,
                                                   prepared.site_url)
        page.write_text(html, encoding="utf-8")
    for drawing in sorted(site.rglob("*.svg")):
        problems += published_markup.svg_problems(drawing.read_bytes(), drawing.relative_to(site).as_posix())
    for document in sorted(site.rglob("*.xml")):
        problems += published_markup.xml_problems(document.read_bytes(), document.relative_to(site).as_posix())
    if problems:
        raise PostbuildError(problems)
