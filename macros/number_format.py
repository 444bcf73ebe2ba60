"""The contract of number formatting between Python and the browser.

A tool's page carries its language's format (locale, separators and patterns)
as JSON; overrides/assets/javascripts/call-format.js formats and parses with it
exactly as macros/formatting.py does in the build. A test holds the two together.
"""

from __future__ import annotations

import re

from babel.numbers import get_decimal_symbol, get_group_symbol

from .languages import Language


INPUT_KINDS = ("money", "hours", "months", "percent")


def input_words(lang: Language) -> dict[str, list[str]]:
    """The words a reader may type after a number, by kind: the language's own (formats.input_words) and
    the words of its patterns ("kr" of "{number} kr", "Monate" of "{n} Monate"), longest first. Data only:
    a language added to the table brings its words with it."""
    formats = lang.formats
    found = {}
    for kind in INPUT_KINDS:
        words = [str(word).lower() for word in (formats.get("input_words") or {}).get(kind, [])]
        pattern = formats.get(kind)
        for text in ([pattern] if isinstance(pattern, str) else list(pattern.values()) if isinstance(pattern, dict) else []):
            words += [word.lower() for word in re.split(r"\{\w+\}|\s+", text) if word.strip() and word not in "%"]
        found[kind] = sorted(set(words), key=lambda word: (-len(word), word))
    return found


def format_contract(lang: Language) -> dict:
    formats = lang.formats
    return {
        "locale": lang.web_locale,
        "decimal": get_decimal_symbol(lang.locale),
        "group": get_group_symbol(lang.locale),
        "money": formats["money"],
        "percent": formats["percent"],
        "months": formats["months"],
        "words": input_words(lang),
    }
