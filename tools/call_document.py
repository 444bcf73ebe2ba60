"""The call as an accessible PDF per full language, made from the pages the build has just written.

The document is those pages (mkdocs.yml's `extra.call_document`, the ones the language publishes),
printed one after another, so it can say nothing the pages do not: the same facts, texts and phase
(what the build hid for this phase is left out, as are the tools' forms and buttons). Links between
its pages become links inside the document; links to the site's other pages become its public
address where the build knows it (SITE_URL), and plain text where it does not.

WeasyPrint writes it as tagged PDF declared PDF/UA-1: a structure tree with real headings, lists
and tables, the document's language, its title shown instead of the file name, bookmarks from the
headings, and every font embedded (fonts-dejavu from Debian; nothing is fetched). Under
SOURCE_DATE_EPOCH the file is the same byte for byte from build to build. A document already printed
from the same HTML is taken from the user's cache (cached_pdf) instead of printed again.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup

from macros import formatting as fmt
from macros.downloads import download
from macros.instants import zone_of
from macros.problems import Problem
from macros.user_cache import kept
from macros.view import plain

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = ROOT / "overrides" / "downloads"
XHTML = "{http://www.w3.org/1999/xhtml}"
# What the document leaves out of a page: scripts and the tools' forms, buttons, the per-page status
# and translation note (the document shows them once, at its top), and what only works on screen.
LEFT_OUT_CLASSES = {"call-status", "call-translation-note", "md-button", "call-downloads", "call-timeline__bar",
                    "call-timeline__calendar", "call-calendar"}
LEFT_OUT_TAGS = {"script", "form", "noscript", "button", "style", "template", "svg", "nav"}
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def document_pages(root: Path = ROOT) -> list[str]:
    """The pages the document is made of, in order (mkdocs.yml, extra.call_document)."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    return list(config["extra"]["call_document"])


def _local(tag) -> str:
    return tag.removeprefix(XHTML) if isinstance(tag, str) else ""


def _strip_namespace(element: ET.Element) -> None:
    for node in element.iter():
        node.tag = _local(node.tag)


def _article(html: str) -> ET.Element:
    """The page's <article>, parsed on its own: the page around it (menus, header) is most of the page and
    would only be parsed to be thrown away."""
    import tinyhtml5
    start, end = html.find("<article"), html.rfind("</article>")
    tree = tinyhtml5.parse(html[start:end + len("</article>")] if 0 <= start < end else html)
    _strip_namespace(tree)
    for node in tree.iter("article"):
        return node
    raise ValueError("no <article> in the page")


def _left_out(node: ET.Element) -> bool:
    classes = set((node.get("class") or "").split())
    return node.tag in LEFT_OUT_TAGS or "hidden" in node.attrib or bool(classes & LEFT_OUT_CLASSES)


def _prune(element: ET.Element) -> None:
    for child in list(element):
        if _left_out(child):
            _remove_keeping_tail(element, child)
        else:
            _prune(child)


def _remove_keeping_tail(parent: ET.Element, child: ET.Element) -> None:
    """Remove an element but not the text after it."""
    if child.tail:
        index = list(parent).index(child)
        if index:
            before = parent[index - 1]
            before.tail = (before.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def _drop_link(parent: ET.Element, link: ET.Element) -> None:
    """Remove a link that leads nowhere from a PDF (a tool of the site, its address unknown), with the
    separator before it: "Vem kan söka? · Kan vi söka?" becomes "Vem kan söka?"."""
    index = list(parent).index(link)
    if index:
        before = parent[index - 1]
        before.tail = (before.tail or "").rstrip().removesuffix("·").rstrip() + (" " if before.tail else "")
    else:
        parent.text = (parent.text or "").rstrip().removesuffix("·").rstrip() + " "
    _remove_keeping_tail(parent, link)


def _section(page: str, html: str, included: set[str], site_address: str, shift: int) -> ET.Element:
    """One page's content as a section of the document: ids made unique, headings one level down
    (the document's own title is its only h1), links pointed where a PDF can follow them."""
    name = page.removesuffix(".md")
    article = _article(html)  # parsed afresh for this section
    _prune(article)
    if not shift:  # the start page's title is the document's own
        for heading in [child for child in article if child.tag == "h1"]:
            _remove_keeping_tail(article, heading)
    section = ET.Element("section", {"id": f"page-{name}"})
    section.text = article.text
    section.extend(list(article))
    for node in section.iter():
        if node is not section and node.get("id"):
            node.set("id", f"{name}--{node.get('id')}")
        if node.tag in HEADINGS and shift:
            node.tag = HEADINGS[min(HEADINGS.index(node.tag) + shift, len(HEADINGS) - 1)]
        for attribute in ("aria-labelledby", "aria-describedby", "headers"):
            if node.get(attribute):
                node.set(attribute, " ".join(f"{name}--{ident}" for ident in node.get(attribute).split()))
    for parent in list(section.iter()):
        for link in [child for child in parent if child.tag == "a" and child.get("href")]:
            href = _document_href(link.get("href"), included, site_address)
            if href is None:
                _drop_link(parent, link)
            else:
                link.set("href", href)
                for attribute in ("download", "type"):
                    link.attrib.pop(attribute, None)
    return section


def _document_href(href: str, included: set[str], site_address: str) -> str | None:
    """Where a page's link leads from the document: inside it, to the public site, or (None) nowhere."""
    if ":" in href.split("/")[0]:  # https:, mailto:, tel:
        return href
    target, _, anchor = href.partition("#")
    page = target.removesuffix(".html")
    if not target:
        return None
    if "/" not in target and target.endswith(".html") and page in included:
        return f"#{page}--{anchor}" if anchor else f"#page-{page}"
    return f"{site_address}{href}" if site_address else None


def _heading_text(section: ET.Element) -> str:
    heading = next((node for node in section.iter() if node.tag in HEADINGS), None)
    return " ".join("".join(heading.itertext()).split()) if heading is not None else ""


def _serialise(element: ET.Element) -> Markup:
    return Markup(ET.tostring(element, encoding="unicode", method="html"))


ENVIRONMENT = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True,
                                 undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def document_html(prepared, lang, language_root: Path, root: Path = ROOT) -> str:
    """The document of one language as HTML, for WeasyPrint (never published)."""
    strings = lang.strings
    pages = [page for page in document_pages(root) if (language_root / page.replace(".md", ".html")).is_file()]
    included = {page.removesuffix(".md") for page in pages}
    site_address = f"{prepared.site_url}{lang.path}" if prepared.site_url else ""
    start = _article((language_root / "index.html").read_text(encoding="utf-8"))
    notes = [node for node in start if set((node.get("class") or "").split()) & {"call-status", "call-translation-note"}]
    for note in notes:
        for link in [child for child in note.iter() if child.tag == "a"]:
            link.attrib.pop("href", None)  # the note's link to the Swedish page: its text says enough
    sections = [_section(page, (language_root / page.replace(".md", ".html")).read_text(encoding="utf-8"), included,
                         site_address, 0 if page == pages[0] else 1) for page in pages]
    contents = [{"href": f"#page-{page.removesuffix('.md')}", "title": _heading_text(section)} for page, section in zip(pages, sections)
                if page != pages[0] and _heading_text(section)]
    title = plain(prepared.call["title"], lang)
    day = prepared.moment.astimezone(zone_of(prepared.call)).date()
    made = fmt.format_date(day, lang)
    return ENVIRONMENT.get_template("call-document.html").render(
        lang=lang.code, title=title, funder=plain(prepared.call["funder"]["name"], lang),
        made=fmt.fill_template(strings["pdf_made"], date=made),
        address=fmt.fill_template(strings["pdf_address"], address=f"{site_address}index.html") if site_address else "",
        notes=[_serialise(note) for note in notes], contents_heading=strings["pdf_contents"], contents=contents, sections=[_serialise(section) for section in sections],
        created=day.isoformat())  # the day it says it was made: one document a day for the same pages (see cached_pdf)


def tag_languages() -> None:
    """Give a structure element the language its HTML element is marked in (`<span lang="sv">` in an English
    page), as PDF/UA asks of every change of language. WeasyPrint 70 sets only the document's /Lang, so its
    tagging step is wrapped once: each element it makes for a box whose HTML element has `lang` gets /Lang.
    (The version is pinned; tests/test_downloads.py reads the languages back.)"""
    import pydyf
    from weasyprint.pdf import tags
    if getattr(tags._build_box_tree, "tags_languages", False):
        return
    build = tags._build_box_tree

    def with_languages(box, parent, pdf, *rest):
        element = getattr(box, "element", None)
        lang = element.get("lang") if element is not None and getattr(box, "element_tag", None) not in ("html", "body") else None
        for made in build(box, parent, pdf, *rest):
            if lang and "Lang" not in made:
                made["Lang"] = pydyf.String(lang)
            yield made

    with_languages.tags_languages = True
    tags._build_box_tree = with_languages


def pdf_bytes(html: str) -> bytes:
    from weasyprint import HTML
    tag_languages()
    return HTML(string=html, base_url=str(TEMPLATE_DIR)).write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)


def cached_pdf(html: str, out: Path) -> None:
    """The PDF of this HTML, printed once and kept in the user's cache by what makes it (the HTML, WeasyPrint's
    version and this module, which tags its languages): a build whose pages did not change since the last build
    that day does not print them again."""
    out.write_bytes(kept("call-documents", (html, metadata.version("weasyprint"), Path(__file__).read_text(encoding="utf-8")),
                         lambda: pdf_bytes(html)))


def write_call_document(language_root: Path, prepared, lang, root: Path = ROOT) -> Problem | None:
    """A full language's PDF beside its pages, as soon as they are built (each language's build makes its own,
    in parallel); the problem that stopped it, or None."""
    if not lang.full:
        return None
    target = language_root / download(lang, "call_document").file
    try:
        cached_pdf(document_html(prepared, lang, language_root, root), target)
    except (ImportError, OSError, ValueError) as error:  # ImportError, OSError: WeasyPrint without Pango (Windows)
        return Problem(f"docs/{lang.code}/index.md", 1, "download_failed", (("file", f"{lang.path}{target.name}"), ("error", str(error))))
    return None
