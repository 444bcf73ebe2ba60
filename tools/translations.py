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
they record: docs/translations.yml for the pages, call/translations.yml for the call.
A summary language's own pages are summaries, not translations, and have no record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros.call_data import display_path
from macros.messages import say
from tools.make_input import take

ROOT = Path(__file__).resolve().parent.parent
HEADER = ("# Which Swedish version each translated text was made from (a fingerprint of the Swedish\n"
          "# source), per language. Written by `make translated WHAT=…`; read by `make check`.\n")
# YAML files whose texts are translated, and the files' list items' keys (id, else date).
TRANSLATED_FILES = ("call", "glossary", "questions", "guidance", "outcome")
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's where PyYAML has it: the same rules, faster


@dataclass(frozen=True)
class Unit:
    key: str  # what `make translated WHAT=` takes
    language: str  # the translation's language code
    records: Path  # the file that holds its record
    source: str  # the Swedish source, as an editor finds it
    source_text: str
    file: str  # the translation's file and line, for messages
    line: int


def fingerprint(text: str) -> str:
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
            yield from text_nodes(value, codes, path + (key,), f"{shown}.{key}" if shown else str(key))
    elif isinstance(node, list):
        names: dict[str, int] = {}
        for index, item in enumerate(node):
            name = _item_name(item, index)
            names[name] = names.get(name, 0) + 1
            if names[name] > 1:
                name = f"{name}#{names[name]}"
            yield from text_nodes(item, codes, path + (index,), f"{shown}[{name}]")


def changed_together(file_name: str, old: bytes, new: bytes, languages) -> list[str]:
    """The record keys (`call.yml:summary.en`) of the translations that changed in a save of a data file together with
    their Swedish source: both were written at once, so the translation is up to date."""
    if Path(file_name).stem not in TRANSLATED_FILES:
        return []
    try:
        before, after = yaml.safe_load(old.decode("utf-8")) or {}, yaml.safe_load(new.decode("utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError):
        return []
    codes, source = set(languages.codes), languages.authoritative.code
    earlier = {shown: node for _path, shown, node in text_nodes(before, codes)}
    keys = []
    for _path, shown, node in text_nodes(after, codes):
        old_node = earlier.get(shown)
        if not old_node or source not in node or node[source] == old_node.get(source):
            continue
        keys += [f"{file_name}:{shown}.{code}" for code, value in node.items()
                 if code != source and value != old_node.get(code) and value != node[source]]
    return keys


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
                    found.append(Unit(f"docs/{lang.code}/{page.name}", lang.code, root / "docs" / "translations.yml",
                                      display_path(original), original.read_text(encoding="utf-8"), display_path(page), 1))
        for text in sorted((folder / "text" / lang.code).glob("*.md")):
            original = folder / "text" / source.code / text.name
            if original.exists():
                found.append(Unit(f"text/{lang.code}/{text.name}", lang.code, folder / "translations.yml",
                                  display_path(original), original.read_text(encoding="utf-8"), display_path(text), 1))
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
                found.append(Unit(f"{base}:{shown}.{code}", code, folder / "translations.yml",
                                  f"{file_name}:{document.line(path + (source.code,))}", node[source.code],
                                  file_name, document.line(path + (code,))))
    return found


def read_records(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}
    return {code: entries or {} for code, entries in data.items() if isinstance(entries, dict)}


def recorded_fingerprint(record) -> str | None:
    if isinstance(record, dict):
        return record.get("source")
    return record


def status(unit: Unit, records: dict | None = None) -> str:
    """'fresh', 'behind' (the Swedish changed since) or 'unmarked' (no record yet)."""
    records = read_records(unit.records) if records is None else records
    recorded = recorded_fingerprint(records.get(unit.language, {}).get(unit.key))
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
            entry = {"source": entry, "kept": today or dt.date.today().isoformat(),
                     "note": "the Swedish change needs no new translation"}
        records.setdefault(unit.language, {})[unit.key] = entry
    for path, records in by_file.items():
        ordered = {code: dict(sorted(entries.items())) for code, entries in sorted(records.items())}
        path.write_text(HEADER + yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    return unknown


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
