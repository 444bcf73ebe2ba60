"""The history of the call's facts, read from git once per build: which fact changed, from what, to what, when.

Every committed version of the call's call.yml is read (one `git cat-file --batch`
for all of them), strictly, as the working tree is: a version with aliases,
duplicate keys or broken YAML never built, so it is skipped and named. Each
version's facts are flattened to dotted paths and compared with the version
before it. The log starts at `changes_since` when the data sets it, at the version
that set it (a new call begun from last year's copy shows only its own history);
versions whose dates are provisional (make new-call) were never published and are left out. A publication the
editor marked as a correction (the commit's trailer `Correction: true`, from `make publish CORRECTION=1` or the box
on the editor's page for publishing) shows each fact it changes once, as a correction: from the value published by
mistake to the right one, in place of the mistaken publication's change of that fact. A build without git
history (a copied folder, an archive) gets None and says so.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .fact_table import tracked, translation_paths, value_at
from .yaml_safe import MAX_FILE_BYTES, YamlProblem, load_bytes

CORRECTION_TRAILER = "Correction"  # a publication that corrects a mistake (tools/publish.py writes it)



@dataclass(frozen=True)
class Change:
    """A tracked fact that changed between two versions of call.yml, the day it changed, and whether the change
    corrected a value published by mistake."""
    fact: str
    before: object
    after: object
    when: dt.date
    correction: bool = False


@dataclass(frozen=True)
class Skipped:
    """A version in git that could not be read as the call (a link, too large, not YAML), and why."""
    commit: str
    line: int
    code: str


@dataclass(frozen=True)
class History:
    """The public log of the call's facts as read from git."""
    changes: list[Change]  # newest first
    first_recorded: dt.date  # when the first version of the facts was committed (within the log)
    last_changed: dt.date  # the newest change of a tracked fact, else first_recorded
    skipped: list[Skipped] = field(default_factory=list)
    first_seen: dict = field(default_factory=dict)  # "event:<id>" -> the day a meeting first appeared


def tracked_facts(codes: tuple[str, ...], source: str) -> list[str]:
    """The paths into call.yml whose changes the public log lists (the facts table's, macros/fact_table.py)."""
    return [path for path, _fact in tracked(codes, source)]


def _git(folder: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        result = subprocess.run(["git", *args], cwd=folder, input=stdin, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def blobs(top: Path, specs: list[str]) -> list[bytes | None]:
    """Contents of many `commit:path` at once; None for one too large to be a call."""
    output = _git(top, "cat-file", "--batch", stdin=("\n".join(specs) + "\n").encode())
    found, position = [], 0
    for _spec in specs:
        if output is None or position >= len(output):
            found.append(None)
            continue
        end = output.index(b"\n", position)
        header = output[position:end].split()
        if len(header) < 3 or header[1] != b"blob":
            found.append(None)
            position = end + 1
            continue
        size = int(header[2])
        body = output[end + 1:end + 1 + size]
        position = end + 1 + size + 1
        found.append(body if size <= MAX_FILE_BYTES else None)
    return found


def corrected(changes: list[Change], corrections: list[Change]) -> list[Change]:
    """The log with a correction's changes in it, each in place of the change that published the mistaken value
    (the fact's latest change, which set the value the correction replaces), so that a mistake corrected after
    publication shows once, as a correction."""
    mistaken = set()
    for correction in corrections:
        latest = next((index for index in range(len(changes) - 1, -1, -1) if changes[index].fact == correction.fact), None)
        if latest is not None and changes[latest].after == correction.before:
            mistaken.add(latest)
    return [change for index, change in enumerate(changes) if index not in mistaken] + corrections


def read_history(call_folder: Path, codes: tuple[str, ...], source: str, since: str | None = None) -> History | None:
    """The changes of the tracked facts in call.yml, or None without git history."""
    call_yml = call_folder / "call.yml"
    top = _git(call_folder, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    top = Path(top.decode().strip()).resolve()
    try:
        relative = call_yml.resolve().relative_to(top).as_posix()
    except ValueError:
        return None
    # --follow: the call's history goes on where its folder moved (call/ became calls/<slug>/); each version is
    # read at the path it had in its commit. git cannot follow a file in --reverse: the list is turned here.
    log = _git(top, "log", "--follow", f"--format=%H %cs %(trailers:key={CORRECTION_TRAILER},valueonly,separator=%x2C)",
               "--raw", "--no-abbrev", "--", relative)
    if not log or not log.strip():
        return None
    commits, links, corrections, paths = [], set(), set(), {}
    for line in log.decode().strip().splitlines():
        if line.startswith(":"):  # ":old-mode new-mode … status\tpath[\tnew path]": a link is never read as the call
            if commits:
                paths[commits[-1][0]] = line.split("\t")[-1]
                if line.split()[1] == "120000":
                    links.add(commits[-1][0])
        elif line.strip():
            commit, day, *trailer = line.split()
            if trailer == ["true"]:
                corrections.add(commit)
            commits.append((commit, day))
    commits.reverse()
    if since:
        commits = [(commit, day) for commit, day in commits if day >= since]
    if not commits:
        return None
    facts_list = tracked_facts(codes, source)
    versions, skipped = [], []
    for (commit, day), blob in zip(commits, blobs(top, [f"{commit}:{paths.get(commit, relative)}" for commit, _ in commits])):
        if commit in links:
            skipped.append(Skipped(commit[:10], 1, "symlink_refused"))
            continue
        if blob is None:
            skipped.append(Skipped(commit[:10], 1, "file_too_large"))
            continue
        try:
            data = load_bytes(blob).data
        except YamlProblem as problem:
            skipped.append(Skipped(commit[:10], problem.line, problem.code))
            continue
        if isinstance(data, dict):
            versions.append((day, data, commit in corrections))
    # Dates make new-call only moved ahead (window.provisional) were never published (the gate
    # refuses them): the log starts after them, so setting the real dates is not a "change".
    versions = [version for version in versions
                if not (isinstance(version[1].get("window"), dict) and version[1]["window"].get("provisional"))]
    if since:
        # A new call begins at the version that set changes_since (make new-call), even when the
        # last call's final edits were made the same day.
        starts = next((index for index, (_day, data, _correction) in enumerate(versions) if str(data.get("changes_since")) == since), 0)
        versions = versions[starts:]
    # A translation added where there was none is the site's work, not a change of the call.
    translations = translation_paths(codes, source)
    changes, previous, first, first_seen = [], None, None, {}
    for day, data, correction in versions:
        facts = {path: value_at(data, path) for path in facts_list}
        when = dt.date.fromisoformat(day)
        for event in data.get("events") or []:
            if isinstance(event, dict) and "id" in event:
                first_seen.setdefault(f"event:{event['id']}", when)
        first = first or when
        if previous is not None:
            changed = [Change(fact, previous[fact], facts[fact], when, correction) for fact in facts_list
                       if facts[fact] != previous[fact] and not (previous[fact] is None and fact in translations)]
            changes = corrected(changes, changed) if correction else changes + changed
        previous = facts
    if first is None:
        return None
    changes.reverse()
    return History(changes, first, changes[0].when if changes else first, skipped, first_seen)
