"""Add a published language to a copy of the project from data alone, as an editor would:
an entry in site.yml (with its version of the funder's texts there), a strings file, its texts, its pages, and the translation records
(`make translated WHAT=all`). No code is touched. Used by tests/test_languages.py and `make bench`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from conftest import CALL_PATH
from macros.yaml_safe import parse

TEXT_FILES = ("call.yml", "glossary.yml", "questions.yml", "guidance.yml")

# Each fixture language: its table entry, the language its data is copied from, and its own formats.
LANGUAGES = {
    "de": {"entry": {"code": "de", "name": "Deutsch", "locale": "de_DE", "path": "/de/", "scope": "full", "search": "de"},
           "copy": "en",
           "formats": {"money": "{number} SEK", "percent": "{number} %", "money_in_words": "{number} schwedische Kronen",
                       "percent_in_words": "{number} Prozent", "months": {"one": "{n} Monat", "other": "{n} Monate"},
                       "date": "d. MMMM y", "time": "HH:mm", "date_time": "{date}, {time} Uhr", "time_range": "{start}–{end}",
                       "phone": "international", "quotes": ["„", "“"],
                       "input_words": {"money": ["kronen", "kr"], "hours": ["stunden", "std"], "months": ["mon"], "percent": ["prozent"]}},
           "og_locale": "de_DE"},
    "fit": {"entry": {"code": "fit", "name": "Meänkieli", "locale": "fi_FI", "path": "/fit/", "scope": "summary", "theme": "fi",
                      "locale_note": "Babel has no Meänkieli: Finnish digits and separators, Meänkieli's own month names."},
            "copy": "fi",
            "formats": {"money": "{number} kruunua", "percent": "{number} %", "money_in_words": "{number} kruunua",
                        "percent_in_words": "{number} prosenttia", "months": {"one": "{n} kuukausi", "other": "{n} kuukautta"},
                        "date": "d. MMMM y", "time": "H.mm", "date_time": "{date} kello {time}", "time_range": "{start}–{end}",
                        "phone": "international", "quotes": ["”", "”"],
                        "input_words": {"money": ["kr"], "hours": ["tiimaa"], "months": ["kk"], "percent": ["prosenttia"]},
                        "month_names": ["tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta",
                                        "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"]},
            "og_locale": "fi_FI"},
    "se": {"entry": {"code": "se", "name": "Davvisámegiella", "locale": "se", "path": "/se/", "scope": "summary", "theme": "nb"},
           "copy": "fi",
           "formats": {"money": "{number} kruvnnu", "percent": "{number} %", "money_in_words": "{number} kruvnnu",
                       "percent_in_words": "{number} proseanta", "months": {"one": "{n} mánnu", "other": "{n} mánu"},
                       "date": "d. MMMM y", "time": "HH:mm", "date_time": "{date} {time}", "time_range": "{start}–{end}",
                       "phone": "international", "quotes": ["”", "”"],
                       "input_words": {"money": ["kr"], "hours": ["diimmu"], "months": ["mánu"], "percent": ["proseanta"]}},
           "og_locale": "se_NO"},
}


def _add_texts(node, code: str, copy: str, codes: set):
    """Give every text of the data a version in the new language, copied from another's."""
    if isinstance(node, dict) and node and set(node) <= codes and all(isinstance(v, str) for v in node.values()):
        if copy in node or "sv" in node:
            node[code] = node.get(copy) or node["sv"]
        return
    if isinstance(node, dict):
        for value in node.values():
            _add_texts(value, code, copy, codes)
    elif isinstance(node, list):
        for item in node:
            _add_texts(item, code, copy, codes)


def add_language(workspace: Path, code: str) -> dict:
    """Add a fixture language to the copy of the project at workspace, from data alone."""
    spec = LANGUAGES[code]
    call_dir, copy = workspace / CALL_PATH, spec["copy"]
    table_path = workspace / "site.yml"
    table = parse(table_path.read_text(encoding="utf-8")).data
    codes = {entry["code"] for entry in table["languages"]} | {code}
    table["languages"].append(spec["entry"])
    _add_texts({key: value for key, value in table.items() if key != "languages"}, code, copy, codes)  # the funder's
    table_path.write_text(yaml.safe_dump(table, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    for name in TEXT_FILES:
        path = call_dir / name
        if path.exists():
            data = parse(path.read_text(encoding="utf-8")).data
            _add_texts(data, code, copy, codes)
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    strings_dir = workspace / "macros" / "strings"
    strings = yaml.safe_load((strings_dir / f"{copy}.yml").read_text(encoding="utf-8"))
    strings["formats"] = spec["formats"]
    strings["site"]["og_locale"] = spec["og_locale"]
    (strings_dir / f"{code}.yml").write_text(yaml.safe_dump(strings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    source_text = call_dir / "text" / copy
    if source_text.is_dir() and spec["entry"]["scope"] == "full":
        target = call_dir / "text" / code
        target.mkdir(exist_ok=True)
        for text in source_text.glob("*.md"):
            (target / text.name).write_text(text.read_text(encoding="utf-8"), encoding="utf-8")
    pages = workspace / "docs" / code
    pages.mkdir(exist_ok=True)
    for page in (workspace / "docs" / copy).glob("*.md"):
        (pages / page.name).write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    return spec


def mark_translations(workspace: Path) -> None:
    """What an editor does once the new texts are reviewed: `make translated WHAT=all`."""
    subprocess.run([sys.executable, "-m", "tools.translations", "mark", "all"], cwd=workspace, check=True,
                   capture_output=True, text=True)


def _drop_texts(node, code: str, codes: set):
    if isinstance(node, dict) and node and set(node) <= codes and all(isinstance(v, str) for v in node.values()):
        node.pop(code, None)
        return
    if isinstance(node, dict):
        for value in node.values():
            _drop_texts(value, code, codes)
    elif isinstance(node, list):
        for item in node:
            _drop_texts(item, code, codes)


def remove_language(workspace: Path, code: str) -> None:
    """Stop publishing a language, from data alone: its entry, its texts, its pages."""
    import shutil
    call_dir = workspace / CALL_PATH
    table_path = workspace / "site.yml"
    table = parse(table_path.read_text(encoding="utf-8")).data
    codes = {entry["code"] for entry in table["languages"]}
    table["languages"] = [entry for entry in table["languages"] if entry["code"] != code]
    _drop_texts({key: value for key, value in table.items() if key != "languages"}, code, codes)  # the funder's
    table_path.write_text(yaml.safe_dump(table, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    for name in TEXT_FILES:
        path = call_dir / name
        if path.exists():
            data = parse(path.read_text(encoding="utf-8")).data
            _drop_texts(data, code, codes)
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    shutil.rmtree(call_dir / "text" / code, ignore_errors=True)
    shutil.rmtree(workspace / "docs" / code, ignore_errors=True)
