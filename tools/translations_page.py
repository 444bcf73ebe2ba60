"""The editor's page for the translations of the site's pages: every one that lags behind its Swedish source, what
changed in the Swedish since it was made, and the editor's two answers, as buttons instead of `make translated`. The
call's own texts (its data files' and its longer texts') are answered in the form, under each translation, and saved
with it (editor/records.js), so that this page never writes a file the form holds open; the pages are not in the
form, since they are the site's structure.

Served by the editor's own origin (tools/edit.py: /admin/oversattningar.html, its actions at /api/translations):

- `state`: each page whose Swedish changed since its translation was brought up to date (or that was never
  marked), by its title and language; the Swedish as it is now, the words added and removed since the
  version the translation was made from (found in git by its fingerprint; when git has no such version, the page
  says so);
- `mark`: the translation is up to date with the Swedish now; `keep`: the Swedish change needs no new
  translation. Each writes the record exactly as `make translated WHAT=… [KEEP=1]` does (tools/translations.py).
"""

from __future__ import annotations

import difflib
from pathlib import Path

from babel import Locale, UnknownLocaleError

from macros.history import blobs
from macros.messages import message_language, say
from macros.prepared import prepare
from macros.problems import CallError
from tools import publish
from tools.field_labels import page_title
from tools.translations import fingerprint, mark, read_records, recorded_fingerprint, status, units

ROOT = Path(__file__).resolve().parent.parent
DONE = {"mark": "translations_page_marked", "keep": "translations_page_kept"}
VERSIONS_SEARCHED = 100  # commits of a source file looked through for the Swedish a translation was made from


def _prepared():
    return prepare(site_url="", with_history=False)


def _source_path(unit, prepared) -> Path:
    """The Swedish page a page's translation is made from."""
    return ROOT / "docs" / prepared.languages.authoritative.code / Path(unit.key).name


def _versions(relative: str, kept: dict) -> list[str]:
    """The file's committed versions, newest first. Read from git once per file (one process for all)."""
    if relative not in kept:
        commits = publish.git("log", f"-{VERSIONS_SEARCHED}", "--format=%H", "--", relative, check=False).stdout.split()
        # "./": the path from the project's folder, wherever it stands in the repository.
        found = blobs(ROOT, [f"{commit}:./{relative}" for commit in commits]) if commits else []
        kept[relative] = [blob.decode("utf-8", errors="replace") for blob in found if blob is not None]
    return kept[relative]


def made_from(unit, record, prepared, kept: dict) -> str | None:
    """The Swedish the translation was last brought up to date with, found by the record's fingerprint in the file's
    history in git; None if it is not there (never marked, or marked from a version that was never committed).
    `kept`: the files' versions read so far."""
    recorded = recorded_fingerprint(record)
    if recorded is None:
        return None
    try:
        relative = _source_path(unit, prepared).resolve().relative_to(ROOT.resolve()).as_posix()
    except ValueError:  # a call folder outside the project (CALL_DIR) has no history here
        return None
    return next((text for text in _versions(relative, kept) if fingerprint(text) == recorded), None)


def word_changes(before: str, after: str) -> list[dict]:
    """The Swedish as it is now, in runs of words kept, added and removed since `before`."""
    old, new = before.split(), after.split()
    runs = []
    for how, old_start, old_end, new_start, new_end in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if how in ("replace", "delete"):
            runs.append({"how": "removed", "text": " ".join(old[old_start:old_end])})
        if how in ("replace", "insert"):
            runs.append({"how": "added", "text": " ".join(new[new_start:new_end])})
        if how == "equal":
            runs.append({"how": "same", "text": " ".join(new[new_start:new_end])})
    return runs


def label(unit, prepared) -> str:
    """What the page is: its title."""
    return say("translations_page_page", title=page_title(_source_path(unit, prepared)))


def language_name(lang) -> str:
    """The language as the editor's language names it (Babel's "engelska"), else by its own name."""
    try:
        return Locale(Locale.parse(lang.locale).language).get_display_name(message_language()) or lang.name
    except (ValueError, UnknownLocaleError):
        return lang.name


def _statuses(prepared) -> list[tuple]:
    """(unit, "fresh" | "behind" | "unmarked", its record or None) for every translated text, each file of records
    read once."""
    records, found = {}, []
    for unit in units(prepared, ROOT):
        if not unit.key.startswith("docs/"):  # the call's own texts: answered in the form
            continue
        if unit.records not in records:
            records[unit.records] = read_records(unit.records)
        recorded = records[unit.records].get(unit.language, {}).get(unit.record)
        found.append((unit, status(unit, records[unit.records]), recorded))
    return found


def state() -> dict:
    try:
        prepared = _prepared()
    except CallError as error:
        return {"ok": False, "message": error.problems[0].text(), "texts": []}
    texts, kept = [], {}
    for unit, how, recorded in _statuses(prepared):
        if how == "fresh":
            continue
        before = made_from(unit, recorded, prepared, kept)
        language = language_name(prepared.languages[unit.language])
        texts.append({"key": unit.key, "label": label(unit, prepared), "language": language, "code": unit.language,
                      "why": say(f"translations_page_{how}", language=language),
                      "changes": word_changes(before, unit.source_text) if before is not None else [],
                      "source": unit.source_text, "found_before": before is not None})
    return {"ok": True, "texts": texts}


def act(body: dict) -> dict:
    """One action of the page: {ok, message, …}; a refusal is a message, never an exception."""
    action = body.get("action")
    if action == "state":
        return state()
    keys = body.get("keys")
    if action not in ("mark", "keep") or not isinstance(keys, list) or not keys or not all(isinstance(key, str) for key in keys):
        return {"ok": False, "message": say("edit_refused_path")}
    try:
        prepared = _prepared()
    except CallError as error:
        return {"ok": False, "message": error.problems[0].text()}
    if "all" in keys or set(keys) - {unit.key for unit in units(prepared, ROOT) if unit.key.startswith("docs/")}:
        return {"ok": False, "message": say("translations_page_unknown")}
    mark(keys, prepared, ROOT, keep=action == "keep")
    return {"ok": True, "message": say(DONE[action], count=len(keys))}
