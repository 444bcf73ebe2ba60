"""The message table of the build, the data validation and the check, one per language.

Swedish when the environment's language is Swedish (LANG, LC_ALL or
LC_MESSAGES starting with sv), English otherwise.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml

from .formatting import fill_template

MESSAGES_DIR = Path(__file__).with_name("messages")


def message_language() -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


@lru_cache(maxsize=None)
def table(lang: str) -> dict:
    return yaml.safe_load((MESSAGES_DIR / f"{lang}.yml").read_text(encoding="utf-8"))


def say(key: str, /, lang: str | None = None, **params) -> str:
    """A plain message: table entry with its {names} filled in."""
    return fill_template(table(lang or message_language())[key], **params)


def problem_text(code: str, params: dict, lang: str | None = None) -> tuple[str, str]:
    """(what is wrong, what was expected) for a problem code."""
    entry = table(lang or message_language())[code]
    return fill_template(entry["what"], **params), fill_template(entry["expected"], **params)
