"""Translation freshness: which Swedish version each translated text was made from.

Every text of a language other than the authoritative one has a record: a short
fingerprint of its Swedish source as it was when the translation was last
brought up to date. When the Swedish changes, the fingerprints differ and the
translation lags behind. Records are keyed by what a text is, never by where it
stands in a list: a criterion is `call.yml:selection_criteria[new_methods].text.en`,
so inserting another criterion before it changes nothing.

    python -m tools.translations mark docs/en/funding.md              # one page is up to date
    python -m tools.translations mark call.yml:summary.en             # a text of the call's YAML
    python -m tools.translations mark --keep call.yml:summary.en      # the Swedish change needs no new English
    python -m tools.translations mark all                             # every text (after a full review)

(`make translated WHAT=… [KEEP=1]` runs the same.) The records live beside what
they record, so that the browser editor (editor/records.js), on this computer and hosted
alike, writes a record in the same save as its text: a data file's texts in that file's
own `translations` section, a longer text's translation in its own header
(`translation:`), and the site's pages in docs/translations.yml. A record is the
fingerprint, or {source: fingerprint, kept: day} when the Swedish change needed no new
translation; `was` beside it keeps the Swedish as it was when the translation was made
(the form writes it when the Swedish changes, and a longer text's record always has it),
so that the form can show what changed without git. A summary language's own pages are
summaries, not translations, and have no record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros.call_data import data_path, display_path
from macros.front_matter import body_in_place, split_front_matter
from macros.messages import say
from macros.yaml_safe import load_bytes
from tools.make_input import take

ROOT = Path(__file__).resolve().parent.parent
HEADER = ("# Which Swedish version each translated text was made from (a fingerprint of the Swedish\n"
          "# source), per language. Written by `make translated WHAT=…`; read by `make check`.\n")
# YAML files whose texts are translated, and the files' list items' keys (id, else date).
TRANSLATED_FILES = ("call", "glossary", "questions", "guidance", "outcome", "site")
SECTION = "translations"  # a data file's records of its own texts (the schemas' $defs/translation_records)
RECORD_FIELD = "translation"  # a longer text's record, in its translation's header
RECORDS_FILE = "translations.yml"  # the records of the site's pages, beside them


@dataclass(frozen=True)
class Unit:
    key: str  # what `make translated WHAT=` takes
    language: str  # the translation's language code
    records: Path  # the file that holds its record: a data file (its SECTION) or a RECORDS_FILE
    record: str  # its name there, under its language
    source: str  # the Swedish source, as an editor finds it
    source_text: str
    file: str  # the translation's file and line, for messages
    line: int


def fingerprint(text: str) -> str:
    """The first 12 hex digits of the SHA-256 of the text with its trailing spaces and outer blank lines dropped
    (editor/records.js computes the same in the browser; a test compares them)."""
    normal = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


def _item_name(item, index: int) -> str:
    if isinstance(item, dict) and "id" in item:
        return str(item["id"])
    if isinstance(item, dict) and "date" in item:
        return str(item["date"])
    return str(index)


def text_nodes(node, codes: set, path=(), shown=""):
    """(path in the file, path as a key shows it, text node) for every text of the data."""
    if isinstance(node, dict) and node and set(node) <= codes and all(isinstance(v, str) for v in node.values()):
        yield path, shown, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if not path and key == SECTION:
                continue  # the records, not texts
            yield from text_nodes(value, codes, path + (key,), f"{shown}.{key}" if shown else str(key))
    elif isinstance(node, list):
        names: dict[str, int] = {}
        for index, item in enumerate(node):
            name = _item_name(item, index)
            names[name] = names.get(name, 0) + 1
            if names[name] > 1:
                name = f"{name}#{names[name]}"
            yield from text_nodes(item, codes, path + (index,), f"{shown}[{name}]")


def units(prepared, root: Path = ROOT) -> list[Unit]:
    loaded = prepared.loaded
    languages, folder = loaded.languages, loaded.folder
    source = languages.authoritative
    found = []
    for lang in languages.others(source):
        if lang.full:
            for page in sorted((root / "docs" / lang.code).glob("*.md")):
                original = root / "docs" / source.code / page.name
                if original.exists():
                    key = f"docs/{lang.code}/{page.name}"
                    found.append(Unit(key, lang.code, root / "docs" / RECORDS_FILE, key,
                                      display_path(original), original.read_text(encoding="utf-8"), display_path(page), 1))
        for text in sorted((folder / "text" / lang.code).glob("*.md")):
            original = folder / "text" / source.code / text.name
            if original.exists():
                key = unit_key(text)
                found.append(Unit(key, lang.code, text, key, display_path(original),
                                  body_in_place(original.read_text(encoding="utf-8")), display_path(text), 1))
    codes = set(languages.codes)
    for name in TRANSLATED_FILES:
        document = loaded.documents.get(name)
        if document is None:
            continue
        file_name = loaded.file(name)
        base = Path(file_name).name
        for path, shown, node in text_nodes(document.data, codes):
            if source.code not in node:
                continue
            for code, value in node.items():
                if code == source.code or value == node[source.code]:
                    continue  # a name kept in Swedish is not a translation
                found.append(Unit(f"{base}:{shown}.{code}", code, data_path(folder, name), shown,
                                  f"{file_name}:{document.line(path + (source.code,))}", node[source.code],
                                  file_name, document.line(path + (code,))))
    return found


def read_records(path: Path, loaded=None) -> dict[str, dict]:
    """Every record a file holds, by language: a RECORDS_FILE whole, a data file's SECTION (from the call as
    `loaded` read it, when given: a data file is not read twice), a longer text's RECORD_FIELD (in its header)."""
    document = loaded.documents.get(Path(path).stem) if loaded is not None and Path(path).parent == loaded.folder else None
    if document is not None and Path(path).suffix == ".yml":
        data = document.data.get(SECTION) if isinstance(document.data, dict) else None
        return {code: entries or {} for code, entries in data.items() if isinstance(entries, dict)} if isinstance(data, dict) else {}
    if not path.exists():
        return {}
    if path.suffix == ".md":
        front, _body, _offset = split_front_matter(path.read_text(encoding="utf-8"))
        header = load_bytes(front.encode("utf-8")).data if front else None
        record = header.get(RECORD_FIELD) if isinstance(header, dict) else None
        return {path.parent.name: {f"text/{path.parent.name}/{path.name}": record}} if record else {}
    data = load_bytes(path.read_bytes()).data or {}  # the data's own reading: a day stays the text it is
    if path.name != RECORDS_FILE:
        data = data.get(SECTION) if isinstance(data, dict) else None
    if not isinstance(data, dict):
        return {}
    return {code: entries or {} for code, entries in data.items() if isinstance(entries, dict)}


def recorded_fingerprint(record) -> str | None:
    if isinstance(record, dict):
        return record.get("source")
    return record


def status(unit: Unit, records: dict | None = None) -> str:
    """'fresh', 'behind' (the Swedish changed since) or 'unmarked' (no record yet)."""
    records = read_records(unit.records) if records is None else records
    recorded = recorded_fingerprint(records.get(unit.language, {}).get(unit.record))
    if recorded is None:
        return "unmarked"
    return "fresh" if recorded == fingerprint(unit.source_text) else "behind"


def mark(keys: list[str], prepared, root: Path = ROOT, keep: bool = False, today: str | None = None) -> list[str]:
    """Record the current Swedish source of each key ('all' for every text); return unknown keys.
    With keep, the record says the Swedish changed but the translation still holds."""
    every = units(prepared, root)
    chosen = every if keys == ["all"] else [unit for unit in every if unit.key in keys]
    unknown = [key for key in keys if key != "all" and key not in {unit.key for unit in every}]
    by_file: dict[Path, dict] = {}
    for unit in chosen:
        records = by_file.setdefault(unit.records, read_records(unit.records))
        entry = fingerprint(unit.source_text)
        if keep:
            entry = {"source": entry, "kept": today or dt.date.today().isoformat()}
        if unit.records.suffix == ".md":  # the form shows what changed since from the Swedish kept here (no git there)
            entry = {**entry, "was": unit.source_text} if isinstance(entry, dict) else {"source": entry, "was": unit.source_text}
        records.setdefault(unit.language, {})[unit.record] = entry
    for path, records in by_file.items():
        ordered = {code: dict(sorted(entries.items())) for code, entries in sorted(records.items())}
        if path.suffix == ".md":
            path.write_text(with_record(path.read_text(encoding="utf-8"), ordered[path.parent.name][unit_key(path)]),
                            encoding="utf-8")
        elif path.name == RECORDS_FILE:
            path.write_text(HEADER + yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
        else:
            path.write_text(with_section(path.read_text(encoding="utf-8"), ordered), encoding="utf-8")
    return unknown


class _RecordsDumper(yaml.SafeDumper):
    """Fingerprints in double quotes (one such as 07e593400739 reads as a number in YAML 1.2, the editor's YAML), and
    texts of several lines as blocks, as they read."""


def _record_text(dumper, value: str):
    style = '"' if re.fullmatch(r"[0-9a-f]{12}", value) else "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_RecordsDumper.add_representer(str, _record_text)


def unit_key(text: Path) -> str:
    """A longer text's translation as `make translated WHAT=` names it."""
    return f"text/{text.parent.name}/{text.name}"


def with_record(text: str, record) -> str:
    """A longer text's translation with its record in its header, the text itself as it was."""
    front, body, _offset = split_front_matter(text)
    header = (load_bytes(front.encode("utf-8")).data if front else None) or {}
    header = {**header, RECORD_FIELD: record}
    written = yaml.dump(header, Dumper=_RecordsDumper, allow_unicode=True, sort_keys=False, width=200)
    return f"---\n{written}---\n{body}"


def with_section(text: str, records: dict) -> str:
    """A data file's text with its records section replaced (or added at the end), every other line as it was:
    the section is the top-level key SECTION and its indented lines."""
    written = yaml.dump({SECTION: records}, Dumper=_RecordsDumper, allow_unicode=True, sort_keys=False, width=200) if records else ""
    lines = text.splitlines(keepends=True)
    start = next((at for at, line in enumerate(lines) if re.match(rf"{SECTION}:(\s|$)", line)), None)
    if start is None:
        body = "".join(lines)
        return body + ("" if not body or body.endswith("\n") else "\n") + written
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
        end += 1
    return "".join(lines[:start]) + written + "".join(lines[end:])


def main(argv: list[str]) -> int:
    keep = "--keep" in argv
    argv = [arg for arg in argv if arg != "--keep"]
    if "--what-file" in argv:  # make translated WHAT=…: the keys as typed (tools/make_input.py)
        at = argv.index("--what-file")
        argv = argv[:at] + [take(argv[at + 1] if at + 1 < len(argv) else None) or ""] + argv[at + 2:]
    if len(argv) < 2 or argv[0] != "mark":
        print(__doc__.split("\n\n")[2], file=sys.stderr)
        return 2
    from macros.prepared import prepare
    keys = [key for arg in argv[1:] for key in arg.split()]
    unknown = mark(keys, prepare(with_history=False), keep=keep)
    for key in keys:
        message = "mark_unknown" if key in unknown else ("marked_kept" if keep else "marked")
        print(say(message, key=key), file=sys.stderr if key in unknown else sys.stdout)
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
