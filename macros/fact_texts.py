"""Texts of the call's YAML files that may ask for facts by name: questions and answers, notices.

An answer says how long a project may run or when the call closes, and it must agree with
the call as it stands: so it asks `{{ call.max_project_length }}` as a page does, instead of
typing "12 månader" (which the fact finder refuses). The schema marks these texts with
`x-facts`. They are resolved once, when the call is loaded, into plain text per language,
in the sandbox with the call's facts as their only names; pages, feeds, open data and search
all see the resolved text, while the fact finder and the translation records read the text
as written.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup, escape

from .languages import Language
from .problems import Problem
from .templating import TemplateProblem, render
from .fact_table import FACTS, value_at
from .view import facts


def has_names(text: str) -> bool:
    return "{{" in text or "{%" in text


def plain_facts(call: dict, lang: Language) -> dict[str, Markup]:
    """The facts as plain text (no <time>, no links), marked safe: the result is plain text that is
    escaped where it is shown, like every other text of the data."""
    return {name: Markup(_text_of(value)) for name, value in facts(call, lang).items()}


def _text_of(markup) -> str:
    """The text of a fact's HTML, keeping its no-break spaces (Markup.striptags folds them)."""
    return html.unescape(re.sub(r"<[^>]+>", "", str(markup)))


def resolve(text: str, call: dict, lang: Language, file: str, line: int) -> str | Problem:
    """The text with its facts filled in for one language, or the problem that stops it."""
    try:
        return str(render(text, {"call": plain_facts(call, lang)}, file, line))
    except TemplateProblem as error:
        return error.problem


def foreign_names(call: dict, lang: Language) -> list[tuple[str, str]]:
    """The names the facts give in another language than the page's ("Min ansökan", Swedish, on an English
    page), longest first: a resolved text has lost their marks, and a page gives them back (mark_names).
    Read from the data by the facts table, with view.text's rule: a text shows in the authoritative
    language where this one has none or keeps its wording; a choice always does."""
    if lang.code == lang.source:
        return []
    found = set()
    for fact in FACTS:
        value = value_at(call, fact.path)
        if fact.kind == "choice" and isinstance(value, str):
            found.add((lang.source, value))
            continue
        pair = value.get("name") if fact.kind in ("named_link", "guidelines") and isinstance(value, dict) else value
        if fact.kind in ("text", "named_link", "guidelines") and isinstance(pair, dict) and pair.get(lang.source):
            if pair.get(lang.code) in (None, pair[lang.source]):
                found.add((lang.source, pair[lang.source]))
    return sorted(found, key=lambda item: (-len(item[1]), item[1]))


def mark_names(shown: Markup, names: list[tuple[str, str]]) -> Markup:
    """Escaped text of the data with each of those names marked in its language, as the facts are on pages
    (WCAG 3.1.2). One pass over the text, so a name inside a longer one is never marked twice."""
    if not names:
        return shown
    languages = {str(escape(name)): code for code, name in names}
    pattern = re.compile(r"(?<![\w>])(" + "|".join(re.escape(name) for name in languages) + r")(?![\w<])")
    return Markup(pattern.sub(lambda match: f'<span lang="{languages[match.group(1)]}">{match.group(1)}</span>', str(shown)))
