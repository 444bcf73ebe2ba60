"""The public log of changed facts, and the 'last changed' line of every page.

Both speak of when the site's facts changed, never of when the call was
published: only the data knows that (`published` in call.yml).
"""

from __future__ import annotations

from babel import Locale
from markupsafe import Markup, escape

from . import formatting as fmt
from .fact_table import FACTS
from .languages import Language
from .view import data_text, fill_markup, table, time_element

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


def fact_value(fact: str, value, lang: Language) -> Markup:
    """The same value for a page: a date in <time>, anything else escaped."""
    shown = fact_text(fact, value, lang)
    if KIND_OF.get(fact, "") in DATES and isinstance(value, str) and shown != value:
        return time_element(value, lang)
    return data_text(shown)


def change_log(history, call: dict, lang: Language) -> Markup:
    """Every change of a fact, newest first, old values marked as history (<del>)."""
    strings = lang.strings
    published = ""
    if call.get("published"):
        published = f"<p>{fill_markup(strings['changes_published'], date=time_element(call['published'], lang))}</p>"
    if history is None:
        return Markup(f'{published}<p class="call-changes-unavailable">{escape(strings["changes_unavailable"])}</p>')
    if not history.changes:
        when = time_element(history.first_recorded.isoformat(), lang)
        return Markup(f"{published}<p>{fill_markup(strings['changes_none'], date=when)}</p>")
    names = {entry["code"]: entry["name"] for entry in call["languages"]}

    def value(change, which) -> Markup:
        """An old or new value, marked with its language where it is a text of another language (title.fi)."""
        shown = fact_value(change.fact, which, lang)
        own = change.fact.rpartition(".")[2]
        return Markup(f'<span lang="{own}">{shown}</span>') if own in names and own != lang.code and which is not None else shown

    rows = [[time_element(change.when.isoformat(), lang), escape(fact_label(change.fact, lang, names)),
             Markup(f"<del>{value(change, change.before)}</del>"),
             Markup(f"<ins>{value(change, change.after)}</ins>")] for change in history.changes]
    head = [strings[key] for key in ("changes_when", "changes_fact", "changes_before", "changes_after")]
    note = Markup(f'{published}<p class="call-history-note"><strong>{escape(strings["changes_history_note"])}</strong></p>')
    return note + table(head, rows, strings["changes_caption"], "call-changes")


def last_changed(history, lang: Language) -> Markup:
    """'The site's facts about the call last changed on …', for every page; empty without history."""
    if history is None:
        return Markup("")
    return fill_markup(lang.strings["changes_last"], date=time_element(history.last_changed.isoformat(), lang))
