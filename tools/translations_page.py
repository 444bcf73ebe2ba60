"""The editor's page for translations: every translated text that lags behind its Swedish source, what changed in
the Swedish since the translation was made, and the editor's two answers, as buttons instead of `make translated`.

Served by the editor's own origin (tools/edit.py: /admin/oversattningar.html, its actions at /api/translations):

- `state`: each text whose Swedish changed since its translation was brought up to date (or that was never
  marked), named as the form names it (the schemas' titles: "Utlysningen → Sammanfattning") with its language;
  the Swedish as it is now, the words added and removed since the version the translation was made from (found in
  git by its fingerprint; when git has no such version, the page says so), and the translation as it is now;
- `statuses`: for the form's widget, whether each translated text of the data files is up to date;
- `mark`: the translation is up to date with the Swedish now; `keep`: the Swedish change needs no new
  translation. Each writes the record exactly as `make translated WHAT=… [KEEP=1]` does (tools/translations.py).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from macros.call_data import DATA_FILES
from macros.front_matter import split_front_matter
from macros.history import blobs
from macros.messages import message_language, say
from macros.prepared import prepare
from macros.problems import CallError
from macros.yaml_safe import YamlProblem, load_bytes
from tools import publish
from tools.field_labels import labels_of
from tools.translations import fingerprint, mark, read_records, recorded_fingerprint, status, text_nodes, units

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = {file: (name, schema_name) for name, (file, schema_name, _required) in DATA_FILES.items()}
DONE = {"mark": "translations_page_marked", "keep": "translations_page_kept"}
VERSIONS_SEARCHED = 100  # commits of a source file looked through for the Swedish a translation was made from


def _prepared():
    return prepare(site_url="", with_history=False)


def _source_path(unit, prepared) -> Path:
    """The file that holds the unit's Swedish source."""
    source = prepared.languages.authoritative.code
    if unit.key.startswith("docs/"):
        return ROOT / "docs" / source / Path(unit.key).name
    if unit.key.startswith("text/"):
        return prepared.folder / "text" / source / Path(unit.key).name
    return prepared.folder / unit.key.split(":", 1)[0]


def _versions(relative: str, prepared, kept: dict) -> list:
    """The file's committed versions, newest first, each as what a unit's Swedish is looked up in: a page's text, or
    a data file's texts by the key they are recorded under. Read from git once per file (one process for all)."""
    if relative not in kept:
        commits = publish.git("log", f"-{VERSIONS_SEARCHED}", "--format=%H", "--", relative, check=False).stdout.split()
        versions = []
        # "./": the path from the project's folder, wherever it stands in the repository.
        for blob in blobs(ROOT, [f"{commit}:./{relative}" for commit in commits]) if commits else []:
            if blob is None:
                continue
            text = blob.decode("utf-8", errors="replace")
            if not relative.endswith((".yml", ".yaml")):
                versions.append(text)
                continue
            try:
                data = load_bytes(blob).data
            except YamlProblem:
                continue
            versions.append({shown: node for _path, shown, node in text_nodes(data, set(prepared.languages.codes))})
        kept[relative] = versions
    return kept[relative]


def made_from(unit, recorded: str | None, prepared, kept: dict) -> str | None:
    """The Swedish the translation was last brought up to date with (its `recorded` fingerprint), from the file's
    history in git; None if it is not there (never marked, or marked from a version that was never committed).
    `kept`: the files' versions read so far."""
    if recorded is None:
        return None
    try:
        relative = _source_path(unit, prepared).resolve().relative_to(ROOT.resolve()).as_posix()
    except ValueError:  # a call folder outside the project (CALL_DIR) has no history here
        return None
    source = prepared.languages.authoritative.code
    shown = unit.key.split(":", 1)[1].rsplit(".", 1)[0] if ":" in unit.key else None
    for version in _versions(relative, prepared, kept):
        text = version if shown is None else (version.get(shown) or {}).get(source)
        if isinstance(text, str) and fingerprint(text) == recorded:
            return text
    return None


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


def _page_title(path: Path) -> str:
    """A page's title as readers see it: its header's title, else its first heading, else its file's name."""
    front, body, _offset = split_front_matter(path.read_text(encoding="utf-8"))
    try:
        meta = yaml.safe_load(front) if front else {}
    except yaml.YAMLError:
        meta = {}
    if isinstance(meta, dict) and meta.get("title"):
        return str(meta["title"])
    heading = next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), "")
    return heading or path.stem


def _node(unit, prepared) -> tuple[str, tuple, dict]:
    """For a text of a data file: the file's name, the text's path in it and its node (every language's text)."""
    file, shown = unit.key.split(":", 1)
    name = SCHEMAS[file][0]
    document = prepared.loaded.documents[name]
    for path, found, node in text_nodes(document.data, set(prepared.languages.codes)):
        if found == shown.rsplit(".", 1)[0]:
            return name, path, node
    return name, (), {}


def label(unit, prepared) -> str:
    """What the text is, as the editor knows it: the form's labels, or the page's or text's title."""
    if ":" not in unit.key:
        return say("translations_page_page", title=_page_title(_source_path(unit, prepared)))
    name, path, _node_found = _node(unit, prepared)
    document = prepared.loaded.documents[name]
    return " → ".join([say(f"editor_file_{name}"), *labels_of(DATA_FILES[name][1], path, document.data)])


def translation_now(unit, prepared) -> str:
    """The translation as it is now: a text of a data file (a page's translation is the page itself, not shown)."""
    return _node(unit, prepared)[2].get(unit.language, "") if ":" in unit.key else ""


def language_name(lang) -> str:
    """The language as the editor's language names it (Babel's "engelska"), else by its own name."""
    try:
        return Locale(Locale.parse(lang.locale).language).get_display_name(message_language()) or lang.name
    except (ValueError, UnknownLocaleError):
        return lang.name


def _statuses(prepared) -> list[tuple]:
    """(unit, "fresh" | "behind" | "unmarked", its recorded fingerprint or None) for every translated text, each
    records file read once."""
    records, found = {}, []
    for unit in units(prepared, ROOT):
        if unit.records not in records:
            records[unit.records] = read_records(unit.records)
        recorded = recorded_fingerprint(records[unit.records].get(unit.language, {}).get(unit.key))
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
                      "source": unit.source_text, "translation": translation_now(unit, prepared),
                      "found_before": before is not None})
    return {"ok": True, "texts": texts}


def statuses() -> dict:
    """For the form's own widget: every translated text of the data files, by its Swedish text and language, with
    whether it is up to date ("fresh", "behind", "unmarked"). The widget knows a text by its value, not its place."""
    try:
        prepared = _prepared()
    except CallError as error:
        return {"ok": False, "message": error.problems[0].text(), "statuses": []}
    return {"ok": True, "statuses": [{"source": unit.source_text, "code": unit.language, "status": how}
                                     for unit, how, _recorded in _statuses(prepared) if ":" in unit.key]}  # pages are not fields


def act(body: dict) -> dict:
    """One action of the page: {ok, message, …}; a refusal is a message, never an exception."""
    action = body.get("action")
    if action == "state":
        return state()
    if action == "statuses":
        return statuses()
    keys = body.get("keys")
    if action not in ("mark", "keep") or not isinstance(keys, list) or not keys or not all(isinstance(key, str) for key in keys):
        return {"ok": False, "message": say("edit_refused_path")}
    try:
        prepared = _prepared()
    except CallError as error:
        return {"ok": False, "message": error.problems[0].text()}
    if "all" in keys or set(keys) - {unit.key for unit in units(prepared, ROOT)}:
        return {"ok": False, "message": say("translations_page_unknown")}
    mark(keys, prepared, ROOT, keep=action == "keep")
    return {"ok": True, "message": say(DONE[action], count=len(keys))}
