"""A page's header (front matter): the lines between --- at its top.

A page may set its menu title and its description, both plain text (a description may
ask for facts like any text), and the optional data it needs (`requires: outcome`): a
page that needs data the call does not have yet is not published, and leaves the menu. The header is read
strictly (macros/yaml_safe.py); a broken one is refused with its line, because
Markdown would otherwise show it as a heading.
"""

from __future__ import annotations

import re
from pathlib import Path

from .problems import Problem
from .yaml_safe import YamlProblem, parse

ALLOWED_KEYS = ("title", "description", "requires")
# The optional data files a page may need (macros/call_data.py DATA_FILES): without it, there is no page.
REQUIRABLE = ("outcome", "questions", "guidance")
MAX_TEXT = 300
# MkDocs also reads "key: value" lines at the very top of a page as its header (MultiMarkdown's form), where
# `template: 404.html` would give the page another page's template: a page must start otherwise.
MULTIMARKDOWN_META = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:")


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter, body, lines before the body)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 0
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1:]), index + 1
    return None, text, 0


def body_in_place(text: str) -> str:
    """The text without its header, each line of the body where it was (the header's lines left empty), so that a
    message about the body names the file's own line numbers."""
    front, body, offset = split_front_matter(text)
    return text if front is None else "\n" * offset + body


def front_matter_problems(text: str, file: str) -> list[Problem]:
    """Every problem of a page's header, each at its line."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---" and split_front_matter(text)[0] is None:
        return [Problem(file, 1, "front_matter_unclosed")]
    if lines and MULTIMARKDOWN_META.match(lines[0]):
        return [Problem(file, 1, "front_matter_key", (("key", lines[0].split(":", 1)[0].strip()), ("allowed", ", ".join(ALLOWED_KEYS))))]
    front, _body, _offset = split_front_matter(text)
    if front is None:
        return []
    try:
        document = parse(front)
    except YamlProblem as problem:
        return [Problem(file, problem.line + 1, problem.code, problem.params)]
    data = document.data
    if data is None:
        return []
    if not isinstance(data, dict):
        return [Problem(file, 2, "front_matter_not_fields")]
    problems = []
    for key, value in data.items():
        line = document.line((key,)) + 1
        if key not in ALLOWED_KEYS:
            problems.append(Problem(file, line, "front_matter_key", (("key", str(key)), ("allowed", ", ".join(ALLOWED_KEYS)))))
        elif not isinstance(value, str):
            problems.append(Problem(file, line, "front_matter_text", (("key", key),)))
        elif key == "requires" and value not in REQUIRABLE:
            problems.append(Problem(file, line, "front_matter_requires", (("value", value), ("allowed", ", ".join(REQUIRABLE)))))
        elif len(value) > MAX_TEXT:
            problems.append(Problem(file, line, "too_long", (("length", len(value)), ("limit", MAX_TEXT)), key))
    return problems


def required_data(text: str) -> str | None:
    """The optional data a page needs (its header's `requires:`), or None."""
    front, _body, _offset = split_front_matter(text)
    if front is None:
        return None
    try:
        data = parse(front).data
    except YamlProblem:
        return None
    value = data.get("requires") if isinstance(data, dict) else None
    return value if value in REQUIRABLE else None


def published_pages(folder: Path, call: dict) -> list[Path]:
    """A language's pages (docs/<lang>/*.md) that are published: all but those needing data the call does
    not have (no outcome.yml: no decision page)."""
    found = []
    for path in sorted(folder.glob("*.md")):
        needed = required_data(path.read_text(encoding="utf-8"))
        if needed is None or call.get(needed):
            found.append(path)
    return found
