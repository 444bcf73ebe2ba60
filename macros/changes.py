"""The public log of changed facts, and the 'last changed' line of every page.

Both speak of when the site's facts changed, never of when the call was
published: only the data knows that (`published` in call.yml).
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale

from . import formatting as fmt
from . import pieces as pc
from .fact_table import FACTS
from .languages import Language
from .pieces import Pieces, Words

# A tracked path's kind: funding.max_support_sek is money, window.closes a closing date.
KIND_OF = {fact.path: fact.kind for fact in FACTS if fact.history == "value"}
DATES = ("date", "closing_date")


def fact_label(fact: str, lang: Language, languages_by_code: dict) -> str:
    """'Utlysningens namn (engelska)' for title.en: the fact's label, and its language named in the page's."""
    labels = lang.strings["fact_labels"]
    head, _, last = fact.rpartition(".")
    if head in labels and last in languages_by_code:
        named = Locale.parse(lang.locale).languages.get(last) or languages_by_code[last]
        return f"{labels[head]} ({named})"
    return labels[fact]


def fact_text(fact: str, value, lang: Language) -> str:
    """An old or new value of a tracked fact (its path in call.yml) as plain text in the page's format for its
    kind (macros/fact_table.py): for the change table and the feed alike. A value of an old version that is
    not of its kind is shown as written; none is "–"."""
    if value is None:
        return "–"
    kind = KIND_OF.get(fact, "")
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "money" and isinstance(value, int):
        return fmt.format_money(value, lang)
    if kind == "percent" and numeric:
        return fmt.format_percent(value, lang)
    if kind == "months" and isinstance(value, int):
        return fmt.format_months(value, lang)
    if kind in DATES and isinstance(value, str):
        try:
            return fmt.format_date(value, lang)
        except ValueError:
            return value
    return str(value)


def fact_value(fact: str, value, lang: Language, own: str = "") -> Pieces:
    """The same value for a page: a date as a date, anything else as words (in the language `own`, where given)."""
    shown = fact_text(fact, value, lang)
    if KIND_OF.get(fact, "") in DATES and isinstance(value, str) and shown != value:
        return pc.date(value, lang)
    return (Words(shown, own),)


@dataclass(frozen=True)
class Change:
    """One row of the log: when, which fact, from what to what; a correction says so (empty otherwise)."""
    when: Pieces
    fact: str
    before: Pieces
    after: Pieces
    correction: str


@dataclass(frozen=True)
class ChangeLog:
    """Every change of a fact, newest first, old values marked as history: or, without changes, since when
    none; without history, that it cannot be shown. `published` says when the call was published (if known)."""
    published: Pieces
    unavailable: str
    none: Pieces
    note: str
    head: tuple
    caption: str
    changes: tuple


def change_log(history, call: dict, lang: Language) -> ChangeLog:
    strings = lang.strings
    published = pc.filled(strings["changes_published"], date=pc.date(call["published"], lang)) if call.get("published") else ()
    if history is None:
        return ChangeLog(published, strings["changes_unavailable"], (), "", (), "", ())
    if not history.changes:
        none = pc.filled(strings["changes_none"], date=pc.date(history.first_recorded.isoformat(), lang))
        return ChangeLog(published, "", none, "", (), "", ())
    names = {entry["code"]: entry["name"] for entry in call["languages"]}

    def value(change, which) -> Pieces:
        """An old or new value, marked with its language where it is a text of another language (title.fi)."""
        own = change.fact.rpartition(".")[2]
        marked = own in names and own != lang.code and which is not None
        return fact_value(change.fact, which, lang, own if marked else "")

    changes = tuple(Change(pc.date(change.when.isoformat(), lang), fact_label(change.fact, lang, names),
                           value(change, change.before), value(change, change.after),
                           strings["changes_correction"] if change.correction else "") for change in history.changes)
    head = tuple(strings[key] for key in ("changes_when", "changes_fact", "changes_before", "changes_after"))
    return ChangeLog(published, "", (), strings["changes_history_note"], head, strings["changes_caption"], changes)


def last_changed(history, lang: Language) -> Pieces:
    """'The site's facts about the call last changed on …', for every page; empty without history."""
    if history is None:
        return ()
    return pc.filled(lang.strings["changes_last"], date=pc.date(history.last_changed.isoformat(), lang))
