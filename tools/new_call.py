"""Start next year's call from this one, in a folder of its own.

    python -m tools.new_call        # make new-call

Copies the newest call (calls/<slug>/) to a new folder named for the new call's year
(calls/2020-rorlighet-matchning/ from calls/2019-rorlighet-matchning/); the old call stays
where it is, published as before. Keeps the funder, the contact, the texts and the
structure. Clears what belonged to last year's call: the closing hour, the publication
day, the last day for questions, the information meetings, the notices, the questions
and answers and the decision. The application window moves ahead by whole years until it
opens after today, only so that the call stays valid, and is marked provisional: the
preview shows it, but a published site leaves it out until an editor has set the real
dates and deleted the mark. The log of changed facts starts today (`changes_since`).

The files are edited line by line, so every comment and the order of every field
stay as the editor left them. A Swedish checklist of what to review, with file and
line, is written to NY-UTLYSNING.md.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
import tempfile
from pathlib import Path

from macros.call_data import CALLS, data_path, display_path, load
from macros.messages import say
from macros.problems import CallError
from tools.publish import ROOT, PublishError, changed_files

CLEARED_KEYS = ("published", "questions_until", "events", "notices", "changes_since")
CHECKLIST = ROOT / "NY-UTLYSNING.md"


def _top_level_blocks(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Each top-level key of a YAML file: (first line, line after its block), 0-based."""
    starts = [(index, match.group(1)) for index, line in enumerate(lines) if (match := re.match(r"^([A-Za-z_]\w*):", line))]
    blocks = {}
    for number, (start, key) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1  # a comment or blank line before the next key belongs to that key
        blocks[key] = (start, end)
    return blocks


def _years_later(day: str, years: int) -> str:
    date = dt.date.fromisoformat(day)
    try:
        return date.replace(year=date.year + years).isoformat()
    except ValueError:  # 29 February
        return date.replace(day=28, year=date.year + years).isoformat()


def years_ahead(opens: str, today: str) -> int:
    """How many years to move the window so that it opens after today: at least one."""
    years = 1
    while _years_later(opens, years) <= today:
        years += 1
    return years


def new_call_text(text: str, today: str) -> tuple[str, dict[str, str]]:
    """call.yml's text for the next call, and the window's new dates."""
    opens = re.search(r"^\s+opens:\s*(\d{4}-\d{2}-\d{2})\s*$", text, flags=re.M)
    years = years_ahead(opens.group(1), today) if opens else 1
    lines = text.splitlines()
    blocks = _top_level_blocks(lines)
    drop = sorted((blocks[key] for key in CLEARED_KEYS if key in blocks), reverse=True)
    for start, end in drop:
        del lines[start:end]
    blocks = _top_level_blocks(lines)
    start, end = blocks["window"]
    moved = {}
    kept = []
    for line in lines[start:end]:
        match = re.match(r"^(\s+)(opens|closes):\s*(\d{4}-\d{2}-\d{2})\s*$", line)
        if match:
            moved[match.group(2)] = _years_later(match.group(3), years)
            kept.append(f"{match.group(1)}{match.group(2)}: {moved[match.group(2)]}")
        elif not re.match(r"^\s+closes_time:", line):
            kept.append(line)
    # Moved dates are not the call's: a published site leaves the call out until an editor sets the
    # real ones and deletes this line (tools/build.py), and the change log starts after them.
    indent = re.match(r"^(\s*)", lines[start + 1]).group(1)
    kept.append(f"{indent}provisional: true")
    lines[start:end] = kept
    lines += [f"changes_since: {today}"]
    return "\n".join(lines) + "\n", moved


def checklist_items(folder: Path, moved: dict[str, str]) -> list[tuple[str, str]]:
    """What the editor reviews before the new call is published: (file and line, what to do)."""
    loaded = load(folder)
    call_file = loaded.file("call")
    at = lambda *path: f"{call_file}:{loaded.line('call', path)}"  # noqa: E731
    items = [
        (at("window", "opens"), say("new_call_item_dates", opens=moved.get("opens", ""), closes=moved.get("closes", ""))),
        (at("title"), say("new_call_item_title")),
        (at("summary"), say("new_call_item_summary")),
        (at("funding", "max_support_sek"), say("new_call_item_funding")),
        (at("max_project_months"), say("new_call_item_length")),
        (at("applicant_types"), say("new_call_item_applicants")),
        (at("selection_criteria"), say("new_call_item_criteria")),
        (at("application"), say("new_call_item_application")),
        (at("contact"), say("new_call_item_contact")),
        (f"{folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}/text/", say("new_call_item_texts")),
        (f"{loaded.file('guidance')}, {loaded.file('glossary')}", say("new_call_item_guidance")),
    ]
    return items


def checklist(folder: Path, moved: dict[str, str], old: Path) -> str:
    """What the editor reviews before the new call is published, with file and line."""
    rows = "\n".join(f"- [ ] `{where}`: {what}" for where, what in checklist_items(folder, moved))
    kept = say("new_call_old_kept", old=display_path(old))
    return f"{say('new_call_checklist_heading')}\n\n{say('new_call_checklist_intro')} {kept}\n\n{rows}\n\n{say('new_call_checklist_end')}\n"


def next_slug(slug: str, opens: str) -> str:
    """The new call's folder: the old one's name with the new call's year in place of its year (2019-x -> 2020-x),
    or before it where the name has none."""
    year = opens[:4]
    return re.sub(r"^\d{4}(?=-)", year, slug) if re.match(r"^\d{4}-", slug) else f"{year}-{slug}"


def start_new_call(folder: Path, today: str | None = None, unsaved: str = "new_call_unsaved_first") -> tuple[Path, Path]:
    """Next year's call in a new folder beside `folder`, which stays as it is: (the checklist, the new folder).
    Refused (the message `unsaved`) while anything is unsaved, so that the new call is a change of its own."""
    today = today or dt.date.today().isoformat()
    if changed_files():
        raise PublishError(say(unsaved))
    load(folder)
    text, moved = new_call_text((folder / "call.yml").read_text(encoding="utf-8"), today)
    target = folder.parent / next_slug(folder.name, moved.get("opens", today))
    if target.exists():
        raise PublishError(say("new_call_exists", folder=display_path(target)))
    # Made in a copy first: the new folder appears only if the result is a valid call. The old call's published
    # text (source/) is not the new one's.
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / CALLS / target.name
        shutil.copytree(folder, trial, ignore=shutil.ignore_patterns("source"))
        shutil.copyfile(data_path(folder, "site"), data_path(trial, "site"))
        (trial / "call.yml").write_text(text, encoding="utf-8")
        (trial / "outcome.yml").unlink(missing_ok=True)
        (trial / "questions.yml").write_text(say("new_call_questions_file"), encoding="utf-8")
        try:
            load(trial)
        except CallError as error:
            raise PublishError(str(error)) from None
        shutil.copytree(trial, target)
    CHECKLIST.write_text(checklist(target, moved, folder), encoding="utf-8")
    return CHECKLIST, target


def main(argv: list[str] | None = None) -> int:
    from macros.call_data import call_dir
    try:
        written, folder = start_new_call(call_dir())
    except (PublishError, CallError) as error:
        print(error, file=sys.stderr)
        return 1
    print(say("new_call_done", folder=display_path(folder), checklist=written.relative_to(ROOT)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
