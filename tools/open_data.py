"""The call as open data: call.json at the site root, with its JSON Schema beside it.

call.json holds every fact and text of the call in both languages, exactly as
validated from call/ (the schema is the one the build validates against), and
the longer texts rendered to HTML with the same names the pages use. Aggregators
and other sites can read the call without scraping it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import markdown

from macros.call_data import LANGUAGES, PROSE_NAMES, SCHEMA_PATH, call_dir, load_call
from macros.context import page_context
from macros.history import read_history
from macros.status import build_moment


def open_data(call: dict) -> dict:
    history = read_history(call_dir())
    texts: dict[str, dict[str, str]] = {name: {} for name in PROSE_NAMES}
    for lang in LANGUAGES:
        names = page_context(call, lang, history, build_moment())
        for name in PROSE_NAMES:
            texts[name][lang] = markdown.markdown(str(names["prose"](name)))
    facts = {key: value for key, value in call.items() if key != "text"}
    return {"$schema": "call.schema.json", **facts, "text": texts}


def write_open_data(site: Path) -> None:
    data = open_data(load_call())
    (site / "call.json").write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    shutil.copyfile(SCHEMA_PATH, site / "call.schema.json")
