"""The message tables of the build, the data validation and the check, one per language.

Editors read messages in the language set once for the project (editor.yml at
the project's root: `language: sv`), Swedish when nothing is set: Windows sets
no LANG, and the editors are Swedish. EDITOR_LANGUAGE overrides it for one run.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml

MESSAGES_DIR = Path(__file__).with_name("messages")
SETTINGS = Path(__file__).resolve().parent.parent / "editor.yml"
DEFAULT_LANGUAGE = "sv"


def available() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in MESSAGES_DIR.glob("*.yml")))


def message_language() -> str:
    chosen = os.environ.get("EDITOR_LANGUAGE", "").strip()
    if not chosen and SETTINGS.is_file():
        try:
            chosen = str((yaml.safe_load(SETTINGS.read_text(encoding="utf-8")) or {}).get("language", ""))
        except (yaml.YAMLError, OSError, AttributeError):
            chosen = ""
    return chosen if chosen in available() else DEFAULT_LANGUAGE


@lru_cache(maxsize=None)
def table(lang: str) -> dict:
    return yaml.safe_load((MESSAGES_DIR / f"{lang}.yml").read_text(encoding="utf-8"))


def _fill(template: str, params: dict) -> str:
    for name, value in params.items():
        template = template.replace("{" + name + "}", str(value))
    return template


def plural_form(entry, count, lang: str) -> str:
    """A message that differs by number ({one: "1 fil", other: "{count} filer"}), chosen by the language's
    plural rules (Babel's CLDR data); a message that does not, as it is."""
    if not isinstance(entry, dict):
        return entry
    from babel import Locale
    return entry.get(Locale.parse(lang).plural_form(abs(int(count))), entry["other"])


def say(key: str, /, lang: str | None = None, **params) -> str:
    """A plain message: its table entry (in the plural form its {count} asks for) with its {names} filled in."""
    lang = lang or message_language()
    return _fill(plural_form(table(lang)[key], params.get("count", 0), lang), params)


def problem_text(code: str, params: dict, lang: str | None = None, editor: bool = False) -> tuple[str, str]:
    """(what is wrong, what to write instead) for a problem code; with editor, as the browser editor's officer reads
    it, where the message says it apart from the terminal's words (its entries `editor_what` and `editor`)."""
    entry = table(lang or message_language())[code]
    if editor:
        return _fill(entry.get("editor_what", entry["what"]), params), _fill(entry.get("editor", entry["expected"]), params)
    return _fill(entry["what"], params), _fill(entry["expected"], params)


def language_label(code: str, own_name: str) -> str:
    """A published language's name in the editor's language (Babel's), else its own name."""
    from babel import Locale
    try:
        return Locale.parse(message_language()).languages.get(code) or own_name
    except ValueError:
        return own_name
