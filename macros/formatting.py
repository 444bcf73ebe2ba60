"""Format the call's values the way each language's readers expect.

Pure functions: a value and a Language in, text out. Babel supplies the locale
data (digits, separators, month names, plural rules); the patterns come from
the language's strings file (`formats:`), so a language is added as data and a
Babel upgrade cannot change the site: sv "800 000 kr", "75 %", "15 januari 2019";
en "SEK 800,000", "75%", "15 January 2019"; fi "800 000 kruunua", "31. maaliskuuta 2019".
A formatted value never breaks across lines: its spaces are no-break spaces,
as Babel's own Swedish and Finnish thousands separators are.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from babel.lists import format_list as babel_format_list
from babel.numbers import format_decimal

from .languages import Language

NBSP = "\u00a0"
NUMBER_PATTERN = "#,##0.##"


def rate_basis_points(percent) -> int:
    """A rate in per cent (75, 62.5) as whole basis points (7500, 6250), exactly."""
    return int(Decimal(str(percent)) * 100)


def fill_template(template: str, **values) -> str:
    """An interface string with its {names} filled in: "Högst {limit}." -> "Högst 800 000 kr."."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template


@lru_cache(maxsize=None)
def _locale(name: str) -> Locale:
    return Locale.parse(name)


def plural_category(number, lang: Language) -> str:
    """CLDR's plural category of a number in the language: 'one', 'other', …"""
    return _locale(lang.locale).plural_form(abs(number))


def plural(pattern, number, lang: Language) -> str:
    """A pattern that may differ by plural category ({one: …, other: …}), chosen for number."""
    if isinstance(pattern, str):
        return pattern
    return pattern.get(plural_category(number, lang), pattern["other"])


def unbreakable(text: str) -> str:
    return text.replace(" ", NBSP)


def format_number(value, lang: Language) -> str:
    return format_decimal(value, format=NUMBER_PATTERN, locale=lang.locale)


def format_money(amount_sek: int, lang: Language, in_words: bool = False) -> str:
    """An amount in the language's form ("800 000 kr"), or with its unit written out ("800 000 kronor",
    formats.money_in_words) for easy-to-read text."""
    pattern = plural(lang.formats["money_in_words" if in_words else "money"], amount_sek, lang)
    return unbreakable(fill_template(pattern, number=format_number(amount_sek, lang)))


def format_percent(percent, lang: Language, in_words: bool = False) -> str:
    number = Decimal(str(percent))
    return unbreakable(fill_template(lang.formats["percent_in_words" if in_words else "percent"], number=format_number(number, lang)))


def format_months(months: int, lang: Language) -> str:
    return unbreakable(fill_template(plural(lang.formats["months"], months, lang), n=format_number(months, lang)))


def _as_date(day: dt.date | str) -> dt.date:
    return dt.date.fromisoformat(day) if isinstance(day, str) else day


def _with_month_names(pattern: str, month: int, lang: Language) -> str:
    """A language Babel lacks may name its months itself (formats.month_names)."""
    names = lang.formats.get("month_names")
    if not names:
        return pattern
    return pattern.replace("MMMM", "'" + names[month - 1].replace("'", "''") + "'")


def format_date(day: dt.date | str, lang: Language) -> str:
    day = _as_date(day)
    return babel_format_date(day, _with_month_names(lang.formats["date"], day.month, lang), locale=lang.locale)


def format_time(time: str | dt.time, lang: Language) -> str:
    """A time of day ("16:00") as the language writes it: "kl. 16.00", "16:00", "klo 16.00"."""
    if isinstance(time, str):
        time = dt.time.fromisoformat(time)
    return unbreakable(babel_format_time(time, lang.formats["time"], locale=lang.locale))


def format_list(items: list[str], lang: Language, style: str = "standard") -> str:
    """'a, b och c' / 'a, b and c'; style 'or' for alternatives."""
    return babel_format_list(items, style=style, locale=lang.locale)


def phone_international(national: str) -> str:
    """'070-549 80 62' -> '+46 70 549 80 62' (Sweden's code, the trunk 0 dropped)."""
    area, _, number = national.partition("-")
    return f"+46 {area[1:]} {number}"


def phone_uri(national: str) -> str:
    """'070-549 80 62' -> 'tel:+46705498062'."""
    return "tel:+46" + re.sub(r"\D", "", national)[1:]


def format_phone(national: str, lang: Language) -> str:
    """Readers of a language the data marks as knowing Swedish numbers get the national form;
    everyone else the international one."""
    shown = national if lang.formats["phone"] == "national" else phone_international(national)
    return unbreakable(shown)


def quoted(text: str, lang: Language) -> tuple[str, str]:
    """The language's quotation marks: ”svenska”, “English”, ”suomi”."""
    opening, closing = lang.formats["quotes"]
    return opening, closing
