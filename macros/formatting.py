"""Format the call's values the way each language's readers expect.

Pure functions: value and language in, text out. Babel supplies the locale
data; the patterns are explicit so a Babel upgrade cannot change the site:
sv "800 000 kr", "75 %", "15 januari 2019"; en "SEK 800,000", "75%", "15 January 2019".
Babel separates Swedish thousands with U+00A0 (no-break space), and so do we.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from babel.dates import format_date as babel_format_date
from babel.lists import format_list as babel_format_list
from babel.numbers import format_decimal

NBSP = "\u00a0"
LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def rate_basis_points(percent) -> int:
    """A rate in per cent (75, 62.5) as whole basis points (7500, 6250), exactly."""
    return int(Decimal(str(percent)) * 100)


def fill_template(template: str, **values) -> str:
    """An interface string with its {names} filled in: "Högst {limit}." -> "Högst 800 000 kr."."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template


def format_number(value, lang: str) -> str:
    return format_decimal(value, format="#,##0.##", locale=LOCALES[lang])


def format_money(amount_sek: int, lang: str) -> str:
    number = format_number(amount_sek, lang)
    return f"{number}{NBSP}kr" if lang == "sv" else f"SEK{NBSP}{number}"


def format_percent(percent, lang: str) -> str:
    number = format_number(Decimal(str(percent)), lang)
    return f"{number}{NBSP}%" if lang == "sv" else f"{number}%"


def format_date(day: dt.date | str, lang: str) -> str:
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return babel_format_date(day, "d MMMM y", locale=LOCALES[lang])


def format_months(months: int, lang: str) -> str:
    if lang == "sv":
        return f"{months}{NBSP}{'månad' if months == 1 else 'månader'}"
    return f"{months}{NBSP}{'month' if months == 1 else 'months'}"


def format_list(items: list[str], lang: str, style: str = "standard") -> str:
    """'a, b och c' / 'a, b and c'; style 'or' for alternatives."""
    return babel_format_list(items, style=style, locale=LOCALES[lang])


def phone_international(national: str) -> str:
    """'070-549 80 62' -> '+46 70 549 80 62' (Sweden's code, the trunk 0 dropped)."""
    area, _, number = national.partition("-")
    return f"+46 {area[1:]} {number}"


def phone_uri(national: str) -> str:
    """'070-549 80 62' -> 'tel:+46705498062'."""
    return "tel:+46" + re.sub(r"\D", "", national)[1:]


def format_phone(national: str, lang: str) -> str:
    """Swedish readers know the national form; others need the international one."""
    return national.replace(" ", NBSP) if lang == "sv" else phone_international(national).replace(" ", NBSP)
