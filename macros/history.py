"""The history of the call's facts, read from git: which fact changed, from what, to what, when.

Each commit that touched call/call.yml is read back (`git show`), its facts
flattened to dotted paths, and compared with the version before it. A build
without git history (a copied folder, an archive) gets None and says so.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from .call_data import _StringDateLoader

# The facts whose changes the public log lists (paths into call.yml).
TRACKED_FACTS = (
    "title.sv", "title.en", "funder.name.sv",
    "funding.max_support_sek", "funding.max_rate_percent", "max_project_months",
    "window.opens", "window.closes",
    "application.eservice.url", "application.choice",
    "contact.name", "contact.email", "contact.phone",
)


@dataclass(frozen=True)
class Change:
    fact: str
    before: object
    after: object
    when: dt.date


@dataclass(frozen=True)
class History:
    changes: list[Change]  # newest first
    first_published: dt.date
    last_changed: dt.date  # the newest change of a tracked fact, else the first version's date


def _git(folder: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _lookup(data, path: str):
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _facts(text: str) -> dict[str, object] | None:
    try:
        data = yaml.load(text, Loader=_StringDateLoader)
    except yaml.YAMLError:
        return None  # a broken version never got published: skip it
    return {path: _lookup(data, path) for path in TRACKED_FACTS} if isinstance(data, dict) else None


def read_history(call_folder: Path) -> History | None:
    """The changes of the tracked facts in call.yml, or None without git history."""
    call_yml = call_folder / "call.yml"
    top = _git(call_folder, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    top = Path(top.strip()).resolve()
    relative = call_yml.resolve().relative_to(top).as_posix()
    log = _git(top, "log", "--reverse", "--format=%H %cs", "--", relative)
    if not log or not log.strip():
        return None
    changes, previous, first = [], None, None
    for line in log.strip().splitlines():
        commit, day = line.split()
        text = _git(top, "show", f"{commit}:{relative}")
        facts = _facts(text) if text is not None else None
        if facts is None:
            continue
        when = dt.date.fromisoformat(day)
        first = first or when
        if previous is not None:
            changes += [Change(fact, previous[fact], facts[fact], when)
                        for fact in TRACKED_FACTS if facts[fact] != previous[fact]]
        previous = facts
    if first is None:
        return None
    changes.reverse()
    return History(changes, first, changes[0].when if changes else first)
