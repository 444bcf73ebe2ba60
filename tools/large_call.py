"""A call as large as the schemas allow, made from the fixture call: for the benchmark of `make check`
(tools/bench.py) and the tests that feed the largest inputs through the gate.

    python -m tools.large_call OUT [--grants 2000 --questions 500 --meetings 100 --notices 200]

Every item is a copy of the fixture's first of its kind with its own id, date and texts (the same
number of languages), so that the call stays valid and every text and translation is checked.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
from pathlib import Path

from macros.call_data import SITE_FILE, site_root
from macros.yaml_safe import load_bytes

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "other-site" / "calls" / "2026-innovationscheckar"


def _numbered(texts: dict, number: int) -> dict:
    return {code: f"{text} ({number})" for code, text in texts.items()}


def _write(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")  # JSON is YAML


def make_large_call(out: Path, grants: int = 2000, questions: int = 500, meetings: int = 100, notices: int = 200) -> Path:
    """The fixture call with that many grants, questions, meetings and notices, in `out`, with the fixture's site
    file (its languages) as out's site's."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(FIXTURE, out)
    shutil.copyfile(site_root(FIXTURE) / SITE_FILE, site_root(out) / SITE_FILE)
    call = load_bytes((out / "call.yml").read_bytes()).data
    meeting, notice = call["events"][0], call["notices"][0]
    start = dt.datetime.fromisoformat(meeting["starts"])
    call["events"] = []
    for number in range(meetings):
        when = start + dt.timedelta(days=number)
        made = {key: value for key, value in meeting.items() if key not in ("registration_closes",)}
        made.update(id=f"meeting_{number}", name=_numbered(meeting["name"], number),
                    starts=when.strftime("%Y-%m-%dT%H:%M"), ends=(when + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
        call["events"].append(made)
    first_notice = dt.date.fromisoformat(notice["date"])
    call["notices"] = [{"date": (first_notice - dt.timedelta(days=number)).isoformat(), "text": _numbered(notice["text"], number)}
                       for number in range(notices)]
    _write(out / "call.yml", call)
    asked = load_bytes((out / "questions.yml").read_bytes()).data
    question = asked["questions"][0]
    asked["questions"] = [{**question, "id": f"question_{number}", "question": _numbered(question["question"], number)}
                          for number in range(questions)]
    _write(out / "questions.yml", asked)
    outcome = load_bytes((out / "outcome.yml").read_bytes()).data
    grant = outcome["grants"][0]
    outcome["grants"] = [{**grant, "id": f"grant_{number}", "project": _numbered(grant["project"], number)} for number in range(grants)]
    outcome["applications_received"] = max(grants, outcome.get("applications_received", 0))
    _write(out / "outcome.yml", outcome)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    for name, default in (("grants", 2000), ("questions", 500), ("meetings", 100), ("notices", 200)):
        parser.add_argument(f"--{name}", type=int, default=default)
    args = parser.parse_args(argv)
    print(make_large_call(Path(args.out), args.grants, args.questions, args.meetings, args.notices))
    return 0


if __name__ == "__main__":
    sys.exit(main())
