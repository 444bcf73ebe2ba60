"""What Markdown and HTML in a page or a text may not hold: scripts, event handlers, styles
set in attribute lists, and javascript: links.

Checked on the source (so the editor gets the file and line) by `make check` and the
build's gate; the built pages are checked again by tools/postbuild.py, so nothing
slips through a spelling these patterns do not know.
"""

from __future__ import annotations

import html
import re

from .problems import Problem

# Each pattern works on one line and has no nested quantifiers.
# Elements only the project's own templates write: scripts, frames, embedded objects, forms, styles, metadata,
# and SVG and MathML (which carry scripts and animations of their own).
SCRIPT_TAG = re.compile(r"<\s*/?\s*(script|iframe|object|embed|applet|frame|frameset|portal|base|meta|link|form|style|svg|math|template)\b", re.I)
TAG = re.compile(r"<[A-Za-z][^<>]{0,2000}>")
EVENT_ATTRIBUTE = re.compile(r"[\s\"'/]on([a-z]{1,30})\s*=", re.I)
ATTRIBUTE_LIST = re.compile(r"\{:?[^{}\n]{0,500}\}")
STYLE_ATTRIBUTE = re.compile(r"(^|[\s{:])style\s*=", re.I)
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]{0,2000})|^\s{0,3}\[[^\]]{1,200}\]:\s*<?(\S{1,2000})|(?:href|src|action|formaction)\s*=\s*[\"']?([^\"'\s>]{0,2000})", re.I)
DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.I)
# Markdown looks for the end of every [ and < it finds in a paragraph: thousands of them unclosed take it
# seconds to minutes (the time grows with the square of their number). No page needs more than a few dozen
# in one paragraph; a paragraph with more than this is refused at its first line.
MAX_OPENERS_PER_BLOCK = 400


def _scheme(target: str) -> str:
    """A link target as a browser reads its scheme: entities decoded, blanks and controls dropped."""
    decoded = html.unescape(target)
    return re.sub(r"[\x00-\x20]", "", decoded)


def complexity_problems(text: str, file: str, first_line: int = 1) -> list[Problem]:
    """A paragraph (lines between blank ones) with more link or tag openers than Markdown reads in good time."""
    problems, start, openers = [], None, 0
    for offset, line in enumerate(text.splitlines() + [""]):
        if not line.strip():
            if start is not None and openers > MAX_OPENERS_PER_BLOCK:
                problems.append(Problem(file, first_line + start, "markup_too_complex", (("count", openers), ("limit", MAX_OPENERS_PER_BLOCK))))
            start, openers = None, 0
            continue
        start = offset if start is None else start
        openers += line.count("[") + line.count("<")
    return problems


def markup_problems(text: str, file: str, first_line: int = 1, html_allowed: bool = True) -> list[Problem]:
    """Problems of one page body or text, each with its file and line."""
    problems = complexity_problems(text, file, first_line)
    if problems:
        return problems
    for offset, line in enumerate(text.splitlines()):
        number = first_line + offset

        def at(code, **params):
            problems.append(Problem(file, number, code, tuple(params.items())))

        if html_allowed:
            for tag in SCRIPT_TAG.findall(line):
                at("markup_script", tag=tag.lower())
            for tag in TAG.findall(line):
                found = EVENT_ATTRIBUTE.search(tag)
                if found:
                    at("markup_event_handler", attribute="on" + found.group(1).lower())
                if STYLE_ATTRIBUTE.search(tag[1:]):
                    at("markup_style")
        for attributes in ATTRIBUTE_LIST.findall(line):
            found = EVENT_ATTRIBUTE.search(" " + attributes[1:])
            if found:
                at("markup_event_handler", attribute="on" + found.group(1).lower())
            if STYLE_ATTRIBUTE.search(attributes[1:]):
                at("markup_style")
        for groups in LINK_TARGET.findall(line):
            target = next((group for group in groups if group), "")
            if DANGEROUS_SCHEME.match(_scheme(target)):
                at("markup_javascript_link")
    return problems
