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

from markupsafe import Markup

from .languages import Language
from .problems import Problem
from .templating import TemplateProblem, render
from .fact_table import FACTS, value_at
from .view import plain_facts


def has_names(text: str) -> bool:
    return "{{" in text or "{%" in text


def resolve(text: str, call: dict, lang: Language, file: str, line: int) -> str | Problem:
    """The text with its facts filled in for one language, or the problem that stops it."""
    try:
        # Plain text marked safe: the result is plain text, escaped where it is shown like every other text of the data.
        facts = {name: Markup(value) for name, value in plain_facts(call, lang).items()}
        return str(render(text, {"call": facts}, file, line))
    except TemplateProblem as error:
        return error.problem


def foreign_names(call: dict, lang: Language) -> list[tuple[str, str]]:
    """The names the facts give in another language than the page's ("Min ansökan", Swedish, on an English
    page), longest first: a resolved text has lost their marks, and a page gives them back (pieces.mark_names).
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
