"""Reading a built site the way the fidelity test needs: its sentences, and the call's own sentences.

A sentence is a run of text ending in . ! or ? inside one block of a page's main content or footer
(headings and labels without one are navigation), in the language its block is marked in. Links,
dates and the tools' outputs are facts or navigation, so their text becomes "…", as does every
fact of the call and every number; the general-guidance boxes are left out (they say that they are
not the call's text). The call's own sentences are read the same way from its data: every text of
its YAML files, every longer text, and what the macros draw from the data, rendered as the site
renders them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path

import markdown

from pages import language_pages, site_pages

BLOCKS = {"p", "li", "dd", "dt", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "legend", "label",
          "button", "figcaption", "summary", "div", "section", "aside", "article", "ul", "ol", "dl", "table", "tr", "form",
          "fieldset", "main", "footer", "nav"}
PLACEHOLDER_TAGS = {"a", "time", "output"}
SKIPPED_CLASSES = ("call-guidance", "calc__warnings", "md-sidebar", "md-header", "call-language", "md-search", "md-source-file")
SKIPPED_TAGS = {"script", "style", "svg", "noscript", "header"}
ELLIPSIS = "…"
# What the macros draw from the call's data, per scope of a language (macros/context.py).
SUMMARY_LISTS = ("applicant_types_inline", "cofinancing_forms")
FULL_LISTS = SUMMARY_LISTS + ("priority_areas", "policy_documents", "prioritised_efforts", "applicant_types",
                              "notices", "questions", "events", "decision", "timeline", "change_log")


class _Reader(HTMLParser):
    def __init__(self, scoped: bool):
        super().__init__(convert_charrefs=True)
        self.scoped = scoped  # only inside <main> and <footer>
        self.depth_in_scope = 0
        self.skip_stack: list[str] = []
        self.placeholder_depth = 0
        self.blocks: list[tuple[str, str]] = []  # (language of the block, its text)
        self.current: list[str] = []
        self.current_lang = ""
        self.langs: list[tuple[str, str]] = []  # open elements with the language each is in

    def _lang(self) -> str:
        return self.langs[-1][1] if self.langs else ""

    def _flush(self):
        text = "".join(self.current)
        self.current = []
        if text.strip():
            self.blocks.append((self.current_lang or self._lang(), text))
        self.current_lang = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = attributes.get("class") or ""
        if tag in ("main", "footer"):
            self.depth_in_scope += 1
        void = tag in ("br", "img", "input", "meta", "link", "hr", "source", "wbr")
        if not void:
            self.langs.append((tag, attributes.get("lang") or self._lang()))
        hidden = "hidden" in attributes  # a part of another phase: read in the build of that phase
        if self.skip_stack or hidden or tag in SKIPPED_TAGS or any(name in classes.split() for name in SKIPPED_CLASSES):
            if not void:
                self.skip_stack.append(tag)
            return
        if tag in BLOCKS:
            self._flush()
            self.current_lang = self._lang()
        if tag in PLACEHOLDER_TAGS:
            if self.placeholder_depth == 0:
                self.current.append(f" {ELLIPSIS} ")
            self.placeholder_depth += 1
        if tag == "br":
            self.current.append(" ")

    def handle_endtag(self, tag):
        if any(open_tag == tag for open_tag, _ in self.langs):
            while self.langs and self.langs.pop()[0] != tag:
                pass
        if self.skip_stack:
            if self.skip_stack[-1] == tag:
                self.skip_stack.pop()
            return
        if tag in PLACEHOLDER_TAGS and self.placeholder_depth:
            self.placeholder_depth -= 1
        if tag in BLOCKS:
            self._flush()
        if tag in ("main", "footer"):
            self.depth_in_scope -= 1

    def handle_data(self, data):
        if self.skip_stack or self.placeholder_depth:
            return
        if self.scoped and self.depth_in_scope <= 0:
            return
        self.current.append(data)


def normal(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(rf"(?:{ELLIPSIS}\s*)+", ELLIPSIS + " ", text).strip()
    return re.sub(r"\s+([.,!?:;)])", r"\1", text)


def split(text: str) -> list[str]:
    """The sentences of a text: each ending in . ! or ? (a fragment without one is not a sentence)."""
    found = []
    for piece in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9…\"”“(])", normal(text)):
        piece = piece.strip()
        if re.search(r"[.!?]$", piece) and re.search(r"[A-Za-zÅÄÖåäö]{2}", piece):
            found.append(piece)
    return found


def _blocks(html: str, scoped: bool) -> list[tuple[str, str]]:
    reader = _Reader(scoped=scoped)
    reader.feed(html)
    reader._flush()
    return reader.blocks


def page_sentences(html: str) -> list[tuple[str, str]]:
    """A built page's sentences with the language each is marked in."""
    return [(lang, sentence) for lang, text in _blocks(html, scoped=True) for sentence in split(text)]


def facts_of(prepared, lang) -> list[str]:
    """The call's single facts as a page in this language shows them, longest first."""
    shown = {normal(str(value.striptags())) for value in prepared.names(lang)["call"].values() if hasattr(value, "striptags")}
    return sorted((fact for fact in shown if len(fact) > 1), key=len, reverse=True)


def with_placeholders(sentence: str, facts: list[str]) -> str:
    """A sentence with its facts, and any number computed from them, as "…"."""
    for fact in facts:
        sentence = sentence.replace(fact, ELLIPSIS)
    return normal(re.sub(r"(?<![A-Za-z])\d+(?:[ .,:\u00a0\u202f]\d+)*", ELLIPSIS, sentence))


def generic(sentence: str, facts: list[str]) -> str:
    """A sentence as it is compared: facts and numbers as "…", without closing punctuation."""
    return re.sub(r"[.!?:]+$", "", with_placeholders(sentence, facts)).strip()


def data_texts(node, codes: set[str]) -> list[str]:
    """Every text of the call's data in every language, as loaded (facts asked for by name filled in)."""
    if isinstance(node, dict) and node and set(node) <= codes and all(isinstance(v, str) for v in node.values()):
        return [value for value in node.values() if value]
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    return [text for child in children for text in data_texts(child, codes)]


def call_fragments(prepared, lang) -> set[str]:
    """Every sentence and fragment the call's own data gives in a language, read as the pages show
    them: the texts of its YAML files, its longer texts, and what the macros draw from its data."""
    from macros.templating import render
    facts = facts_of(prepared, lang)
    texts = data_texts(prepared.call, set(prepared.languages.codes))
    names = prepared.names(lang)
    plain_names = {key: value for key, value in names.items() if key != "prose"}
    html_parts = []
    for name, source in prepared.call["text"].get(lang.code, {}).items():
        rendered = render(source.replace("<", "&lt;"), plain_names, name)
        html_parts.append(markdown.markdown(str(rendered), extensions=["attr_list", "md_in_html"]))
    lists = FULL_LISTS if lang.full else SUMMARY_LISTS  # a summary language has no pages for the rest
    html_parts += [str(names[name]()) for name in lists]
    for required in (True, False) if lang.full else ():
        html_parts.append(str(names["criteria"](required=required)))
        html_parts.append(str(names["glossary"](in_call=required)))
    for html in html_parts:
        texts += [text for _lang, text in _blocks(html, scoped=False)]
    found = set()
    for text in texts:
        found.add(generic(text, facts))
        found.update(generic(sentence, facts) for sentence in split(text))
    return found


def site_text_patterns(texts: list[str]) -> list[re.Pattern]:
    """Reviewed site texts as patterns: … stands for any fact, link or number."""
    patterns = []
    for text in texts:
        parts = [re.escape(part) for part in generic(text, []).split(ELLIPSIS)]
        patterns.append(re.compile("^" + r".+?".join(parts) + "$"))
    return patterns


def unfaithful(site: Path, prepared, site_texts: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    """Every sentence of a built site that is neither the call's own (from its data) nor a reviewed
    site text of the language it is marked in: (page, language, sentence)."""
    return [(page, code, sentence) for page, code, sentence, kind in read_site(site, prepared, site_texts) if kind is None]


def interface_sentences(strings) -> list[str]:
    """The sentences of a language's interface strings (macros/strings/<code>.yml), each {name} as "…": the site's
    own words, reviewed where the language is added, so a page may say them wherever it draws them."""
    if isinstance(strings, Mapping):
        return [sentence for value in strings.values() for sentence in interface_sentences(value)]
    if isinstance(strings, (list, tuple)):
        return [sentence for value in strings for sentence in interface_sentences(value)]
    if isinstance(strings, str):
        return split(re.sub(r"\{\w+\}", ELLIPSIS, strings))
    return []


def references(prepared, site_texts: dict[str, dict[str, list[str]]]):
    """What a sentence is compared with, per language: the call's own fragments, its facts as shown, and the
    site's texts as patterns by page: its interface strings on every page, and the reviewed site texts."""
    fragments = {lang.code: call_fragments(prepared, lang) for lang in prepared.languages}
    facts = {lang.code: facts_of(prepared, lang) for lang in prepared.languages}
    patterns = {code: {page: site_text_patterns(texts) for page, texts in (pages or {}).items()}
                for code, pages in site_texts.items()}
    for lang in prepared.languages:
        own = patterns.setdefault(lang.code, {})
        own["*"] = own.get("*", []) + site_text_patterns(interface_sentences(lang.strings))
    return fragments, facts, patterns


def classify(sentence: str, code: str, name: str, fragments, facts, patterns) -> str | None:
    """"call" where the call's own data gives the sentence, "site" where it is a reviewed site text of
    that page (or of every page), else None."""
    plain = generic(sentence, facts.get(code, []))
    reviewed = patterns.get(code, {})
    if plain in fragments.get(code, set()):
        return "call"
    if any(pattern.match(plain) for pattern in reviewed.get(name, []) + reviewed.get("*", [])):
        return "site"
    return None


def _file_texts(root: Path, lang) -> list[tuple[str, str, str]]:
    """(what it is, language, text) of every text a reader meets outside the pages, in one language's
    folder: its feed, its calendar files, its CommonGrants record and its budget template. (The search
    index repeats the pages' sentences with their links flattened: tests/test_browser.py holds it to the
    build's phase.)"""
    import json
    import xml.etree.ElementTree as ET
    texts = []
    atom = "{http://www.w3.org/2005/Atom}"
    if (root / "feed.xml").is_file():
        feed = ET.parse(root / "feed.xml").getroot()
        texts += [("feed.xml", lang.code, element.text or "") for element in feed.iter()
                  if element.tag in (f"{atom}title", f"{atom}subtitle", f"{atom}summary")]
    for calendar in sorted((root / "calendar").glob("*.ics")):
        from icalendar import Calendar
        for event in Calendar.from_ical(calendar.read_bytes()).walk("VEVENT"):
            texts += [("calendar", lang.code, str(event.get(name))) for name in ("summary", "description") if event.get(name)]
    if (root / "opportunity.json").is_file():
        record = json.loads((root / "opportunity.json").read_text(encoding="utf-8"))
        texts += [("opportunity.json", lang.code, record[key]) for key in ("title", "description")]
        texts += [("opportunity.json", lang.code, record["status"]["description"]), ("opportunity.json", lang.code, record["funding"]["details"])]
        texts += [("opportunity.json", lang.code, kind["description"]) for kind in record["acceptedApplicantTypes"]]
    for template in sorted(root.glob("*.xlsx")):
        import openpyxl
        sheet = openpyxl.load_workbook(template).active
        texts += [("budget", lang.code, value) for row in sheet.iter_rows(values_only=True) for value in row
                  if isinstance(value, str) and not value.startswith("=")]
    return texts


def read_files(site: Path, prepared, site_texts: dict[str, dict[str, list[str]]]):
    """Every sentence of the feeds, calendar files, CommonGrants records and budget templates, with what it
    is, as read_site says of the pages: (file, language, sentence, kind)."""
    fragments, facts, patterns = references(prepared, site_texts)
    for lang in prepared.languages:
        root = site / lang.path if lang.path else site
        for name, code, text in _file_texts(root, lang):
            for sentence in split(text):
                yield f"{lang.path}{name}", code, sentence, classify(sentence, code, name, fragments, facts, patterns)


def read_site(site: Path, prepared, site_texts: dict[str, dict[str, list[str]]]):
    """Every sentence of a built site with what it is: "call" (the call's own, from its data), "site"
    (a reviewed site text for that page, or for every page under "*"), or None. Yields
    (page, language the sentence is marked in, sentence, kind)."""
    fragments, facts, patterns = references(prepared, site_texts)
    for lang in prepared.languages:
        place = lang.path.removesuffix(f"{prepared.slug}/")  # a page is named as it is within its call
        for page in language_pages(site, lang) + site_pages(site, lang):
            # The site's list of calls is named "calls.html" among the reviewed site texts, its other pages as they are.
            name = "calls.html" if page.name == "index.html" and page.parent.name != prepared.slug else page.name
            for marked, sentence in page_sentences(page.read_text(encoding="utf-8")):
                code = marked or lang.code
                yield f"{place}{name}", code, sentence, classify(sentence, code, name, fragments, facts, patterns)
