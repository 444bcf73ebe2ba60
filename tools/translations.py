"""Translation freshness: which Swedish version each English text was translated from.

Every English text (a page in docs/en, a text in call/text/en, an English text
in the call's YAML files) has a record: a short fingerprint of its Swedish
source as it was when the translation was last brought up to date. When the
Swedish changes, the fingerprints differ and the English text is behind.

    python -m tools.translations mark docs/en/funding.md     # one text is up to date
    python -m tools.translations mark call.yml:summary       # a text in the call's YAML
    python -m tools.translations mark all                    # every text (after a full review)

(`make translated WHAT=…` runs the same.) Records live beside what they record:
docs/translations.yml for the pages, call/translations.yml for the call.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros.call_data import _read_yaml, call_dir, display_path
from macros.messages import say

ROOT = Path(__file__).resolve().parent.parent
HEADER = ("# Which Swedish version each English text was translated from (a fingerprint of the\n"
          "# Swedish source). Written by `make translated WHAT=…`; read by `make check`.\n")


@dataclass(frozen=True)
class Unit:
    key: str  # what `make translated WHAT=` takes
    records: Path  # the file that holds its record
    source: str  # the Swedish source, as an editor finds it
    source_text: str
    file: str  # the English text's file and line, for messages
    line: int


def fingerprint(text: str) -> str:
    normal = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]



def units(root: Path = ROOT, folder: Path | None = None) -> list[Unit]:
    folder = folder or call_dir()
    found = []
    for english in sorted((root / "docs" / "en").glob("*.md")):
        swedish = root / "docs" / "sv" / english.name
        if swedish.exists():
            found.append(Unit(f"docs/en/{english.name}", root / "docs" / "translations.yml", display_path(swedish),
                              swedish.read_text(encoding="utf-8"), display_path(english), 1))
    for english in sorted((folder / "text" / "en").glob("*.md")):
        swedish = folder / "text" / "sv" / english.name
        if swedish.exists():
            found.append(Unit(f"text/en/{english.name}", folder / "translations.yml", display_path(swedish),
                              swedish.read_text(encoding="utf-8"), display_path(english), 1))
    for name in ("call.yml", "glossary.yml"):
        data, lines, problems = _read_yaml(folder / name)
        if problems:
            continue
        for path, pair in _text_pairs(data):
            dotted = ".".join(str(part) for part in path)
            found.append(Unit(f"{name}:{dotted}", folder / "translations.yml", f"{display_path(folder / name)}:{lines.get(path + ('sv',), 1)}",
                              pair["sv"], display_path(folder / name), lines.get(path + ("en",), 1)))
    return found


def _text_pairs(node, path=()):
    if isinstance(node, dict) and set(node) == {"sv", "en"}:
        if node["sv"] != node["en"]:  # a name kept in Swedish is not a translation
            yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _text_pairs(value, path + (key,))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _text_pairs(item, path + (index,))


def read_records(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def status(unit: Unit) -> str:
    """'fresh', 'behind' (the Swedish changed since) or 'unmarked' (no record yet)."""
    recorded = read_records(unit.records).get(unit.key)
    if recorded is None:
        return "unmarked"
    return "fresh" if recorded == fingerprint(unit.source_text) else "behind"


def mark(keys: list[str], root: Path = ROOT, folder: Path | None = None) -> list[str]:
    """Record the current Swedish source of each key ('all' for every text); return unknown keys."""
    every = units(root, folder)
    chosen = every if keys == ["all"] else [unit for unit in every if unit.key in keys]
    unknown = [key for key in keys if key != "all" and key not in {unit.key for unit in every}]
    by_file: dict[Path, dict[str, str]] = {}
    for unit in chosen:
        records = by_file.setdefault(unit.records, read_records(unit.records))
        records[unit.key] = fingerprint(unit.source_text)
    for path, records in by_file.items():
        path.write_text(HEADER + yaml.safe_dump(dict(sorted(records.items())), allow_unicode=True, sort_keys=True), encoding="utf-8")
    return unknown


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] != "mark":
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    keys = [key for arg in argv[1:] for key in arg.split()]
    unknown = mark(keys)
    for key in keys:
        print(say("mark_unknown" if key in unknown else "marked", key=key), file=sys.stderr if key in unknown else sys.stdout)
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
