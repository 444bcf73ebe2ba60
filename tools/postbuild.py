"""Finish a staged build: each part's folder as soon as its pages are written, then the whole site.

Each language's own process (finish_language, for its list of calls and the theme's files every call shares):
- Our own CSS and JS without their comments (compact), as readers download them; the components' styles in site.css.
- Stemming in search for prefix queries, in every language that stems.
- One 404 page, at the root, with every language's words on it: the other languages' own are removed.
- Valid HTML where Material's own markup is not; Material's bundle loaded on first use of search.
- The check that no published page or drawing holds what the site did not write (tools/published_markup.py):
  every HTML page and SVG drawing is parsed; a script, handler, javascript: or data: address, refresh, base,
  form, frame, object or style the project's templates did not write stops the build, naming the file, its
  line and the page's source.
- A Content-Security-Policy meta tag on every page: no page has an executable inline
  script (Material's are replaced by files), so scripts come from the site itself only.
Each call's process in each language (finish_call): mkdocs' own 404 page and sitemap removed (the site has one),
the same check of every page and drawing (its scripts are its language's shared files); then it makes the call's
PDF (tools/call_document.py) from its pages and its budget template (tools/budget_template.py).

The whole site (finish), every part in place:
- Each call's open data (tools/open_data.py, listing the downloads) and the feeds that follow it (tools/feeds.py);
  the site's list of every call's opportunities, its grants and its feed of every call's news.
- One sitemap for every call and language, with hreflang to the versions that exist (tools/sitemap.py), and
  robots.txt.
- Every XML file they wrote well-formed, with no document type, script or style sheet.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from macros.components import COMPONENTS_DIR
from macros.problems import Problem
from tools import published_markup
from tools.feeds import write_feeds, write_site_feeds
from tools.open_data import write_open_data
from tools.standards import write_site_standards
from tools.sitemap import write_sitemap

class PostbuildError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def remove_own_not_found_page(root: Path, lang) -> None:
    """One 404 page for the whole site, at its root, with every language's words on it (each marked with its
    lang): every host serves it for any missing address. The other languages' own 404 pages are removed: their
    links point at the server's root, and a copy of the root's under /en/ would be a Swedish page posing as an
    English one."""
    if lang.path:
        (root / "404.html").unlink(missing_ok=True)


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


def bundle_component_styles(root: Path) -> None:
    """Each component's style (overrides/components/<name>/<name>.css, beside its template) joins site.css, so a page
    loads one stylesheet; the components' folder, which mkdocs copied with the theme, is not published."""
    styles = [COMPONENTS_DIR / "parts.css"] + sorted(COMPONENTS_DIR.glob("*/*.css"))
    joined = "\n".join(path.read_text(encoding="utf-8") for path in styles)
    sheet = root / "assets" / "site.css"
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\n" + joined, encoding="utf-8")
    shutil.rmtree(root / "components", ignore_errors=True)


def compact_own_assets(root: Path) -> None:
    for source in OWN_SOURCES.rglob("*"):
        if source.suffix in (".css", ".js"):
            built = root / source.relative_to(OWN_SOURCES)
            if built.exists():
                built.write_text(compact(built.read_text(encoding="utf-8")), encoding="utf-8")
    for leftover in (root / "tools").glob("*/examples.yml"):
        leftover.unlink()


def add_prefix_stemming(root: Path) -> None:
    """Teach the language's search worker to stem prefix queries (see the script's header)."""
    patch = root / "assets" / "javascripts" / "lunr-prefix-stemming.js"
    support = root / "assets" / "javascripts" / "lunr" / "min" / "lunr.stemmer.support.min.js"
    if patch.exists() and support.exists():
        support.write_text(support.read_text(encoding="utf-8") + "\n" + patch.read_text(encoding="utf-8"), encoding="utf-8")


def site_files(root: Path, place: str = "") -> set[str]:
    """Every file under root, as a path from its language's place (`place`: the folder root stands for there)."""
    return {place + path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def markup_problems(root: Path, lang, site_url: str, place: str = "", shared: frozenset = frozenset()) -> list[Problem]:
    """What the pages and drawings under root hold that the project did not write (Material's markup mended first),
    named by their place in the whole site and their source. A page's scripts are its language's files: those under
    root (at `place` in the language's folder) and the ones its language shares with every call (`shared`)."""
    problems = []
    own_files = site_files(root, place) | shared
    language_place = lang.path[: len(lang.path) - len(place)]
    for page in sorted(root.rglob("*.html")):
        html = fix_material_markup(page.read_text(encoding="utf-8"))
        relative = page.relative_to(root).as_posix()
        shown = f"{lang.path}{relative} (docs/{lang.code}/{page.stem}.md)"
        problems += published_markup.page_problems(html, shown, own_files, place + relative, site_url + language_place if site_url else "")
        page.write_text(html, encoding="utf-8")
    for drawing in sorted(root.rglob("*.svg")):
        problems += published_markup.svg_problems(drawing.read_bytes(), lang.path + drawing.relative_to(root).as_posix())
    return problems


def finish_language(root: Path, site, lang) -> list[Problem]:
    """The steps of a language's own folder (its list of calls, and the theme's files and search every call of the
    language shares), run by its process as soon as its pages are written; what its pages hold that the project
    did not write."""
    remove_own_not_found_page(root, lang)
    bundle_component_styles(root)
    compact_own_assets(root)
    add_prefix_stemming(root)
    return markup_problems(root, lang, site.site_url)


# What mkdocs writes beside a call's pages that the site has once: its own 404 page and sitemap (the site's are
# made for the whole site); the call's search index is merged into its language's (build.SearchIndex).
NOT_A_CALLS_OWN = ("404.html", "sitemap.xml", "sitemap.xml.gz")


def finish_call(root: Path, prepared, lang, shared: frozenset) -> list[Problem]:
    """The steps of one call's folder in one language, run by its process as soon as its pages are written; what its
    pages hold that the project did not write. `shared`: the files its language has for every call."""
    for name in NOT_A_CALLS_OWN:
        (root / name).unlink(missing_ok=True)
    return markup_problems(root, lang, prepared.site_url, f"{prepared.slug}/", shared)


def finish(site: Path, prepared_site, kept: frozenset = frozenset()) -> None:
    """The steps of the whole site, every language's folder in place: each call's open data and feeds (not for the
    calls `kept` from the last build, which have theirs), then the site's (the list of every call's opportunities,
    the grants of every call, the feed of every call's news), the sitemap, and the check of every XML file they wrote."""
    for prepared in prepared_site.calls:
        if prepared.slug in kept:
            continue
        write_open_data(site, prepared)
        write_feeds(site, prepared)
    write_site_standards(site, prepared_site)
    write_site_feeds(site, prepared_site)
    write_sitemap(site, prepared_site)
    taken = [site / prepared.languages[lang.code].path for prepared in prepared_site.calls if prepared.slug in kept
             for lang in prepared_site.languages]  # checked when they were written
    problems = []
    for document in sorted(site.rglob("*.xml")):
        if any(document.is_relative_to(folder) for folder in taken):
            continue
        problems += published_markup.xml_problems(document.read_bytes(), document.relative_to(site).as_posix())
    if problems:
        raise PostbuildError(problems)
