"""Refresh the open-data standards' schemas kept in standards/ (see standards/README.md).

    python -m tools.refresh_standards                       # fetch the recorded commits, show the difference
    python -m tools.refresh_standards --commit 360giving=<sha> [--write]

Each folder of standards/ names, in standards/sources.yml, the repository folder it was
copied from and the commit. The files are downloaded at that commit (or the one given)
into a scratch folder and compared with the copies here: the unified diff is printed and
nothing changes unless --write is given, which replaces the files and records the commit.
`--base NAME=URL` fetches from another address (a mirror, or a local folder as file://).
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
STANDARDS = ROOT / "standards"
TIMEOUT_SECONDS = 30


def sources(folder: Path = STANDARDS) -> dict:
    return yaml.safe_load((folder / "sources.yml").read_text(encoding="utf-8"))


def file_names(name: str, entry: dict, folder: Path) -> list[str]:
    """The files a standard's folder holds: listed, or (`all`) every schema file there now."""
    if entry["files"] == "all":
        return sorted(path.name for path in (folder / name).iterdir() if path.suffix in (".yaml", ".json"))
    return list(entry["files"])


def fetch(base: str, names: list[str], into: Path) -> list[str]:
    """Download each file; the names that could not be had (a removed file, no network)."""
    missing = []
    for file in names:
        try:
            with urllib.request.urlopen(base + file, timeout=TIMEOUT_SECONDS) as response:
                (into / file).write_bytes(response.read())
        except OSError:
            missing.append(file)
    return missing


def difference(name: str, current: Path, fetched: Path, names: list[str]) -> str:
    lines = []
    for file in names:
        old = (current / file).read_text(encoding="utf-8").splitlines(keepends=True) if (current / file).exists() else []
        new = (fetched / file).read_text(encoding="utf-8").splitlines(keepends=True) if (fetched / file).exists() else []
        lines += difflib.unified_diff(old, new, f"standards/{name}/{file}", f"{name}@new/{file}")
    return "".join(lines)


def main(argv: list[str] | None = None, folder: Path = STANDARDS) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commit", action="append", default=[], metavar="NAME=SHA", help="fetch this commit of a standard")
    parser.add_argument("--base", action="append", default=[], metavar="NAME=URL", help="fetch a standard from this address")
    parser.add_argument("--write", action="store_true", help="replace the files and record the commits")
    args = parser.parse_args(argv)
    recorded = sources(folder)
    commits = dict(item.split("=", 1) for item in args.commit)
    bases = dict(item.split("=", 1) for item in args.base)
    unknown = (set(commits) | set(bases)) - set(recorded)
    if unknown:
        print(f"unknown standard: {', '.join(sorted(unknown))} (known: {', '.join(recorded)})", file=sys.stderr)
        return 2
    failed = False
    for name, entry in recorded.items():
        commit = commits.get(name, entry["commit"])
        base = bases.get(name, entry["base"]).replace("{commit}", commit)
        names = file_names(name, entry, folder)
        with tempfile.TemporaryDirectory() as scratch:
            fetched = Path(scratch)
            missing = fetch(base, names, fetched)
            if missing:
                print(f"{name}: could not fetch {', '.join(missing)} from {base}", file=sys.stderr)
                failed = True
                continue
            changed = difference(name, folder / name, fetched, names)
            print(changed or f"{name}: no difference at {commit}")
            if args.write and (changed or commit != entry["commit"]):
                for file in names:
                    (folder / name / file).write_bytes((fetched / file).read_bytes())
                entry["commit"] = commit
    if args.write and not failed:
        header = "# Where each folder of standards/ comes from: python -m tools.refresh_standards reads and updates this.\n"
        (folder / "sources.yml").write_text(header + yaml.safe_dump(recorded, sort_keys=False, default_flow_style=None),
                                            encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
