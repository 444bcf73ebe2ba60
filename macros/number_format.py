"""The contract of number formatting between Python and the browser.

A tool's page carries its language's format (locale, separators and patterns)
as JSON; overrides/assets/javascripts/call-format.js formats and parses with it
exactly as macros/formatting.py does in the build. A test holds the two together.
"""

from __future__ import annotations

from babel.numbers import get_decimal_symbol, get_group_symbol

from .languages import Language


def format_contract(lang: Language) -> dict:
    formats = lang.formats
    return {
        "locale": lang.web_locale,
        "decimal": get_decimal_symbol(lang.locale),
        "group": get_group_symbol(lang.locale),
        "money": formats["money"],
        "percent": formats["percent"],
        "months": formats["months"],
    }
