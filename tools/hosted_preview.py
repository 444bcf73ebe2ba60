"""A branch's preview, built by the hosted pipelines (`bash tools/pipeline.sh preview`) for every change an editor
saves through the hosted editor, before it is live: the hosted editor saves each change on a branch of its own, as
a pull or merge request (Decap's editorial workflow), and its "Visa förhandsvisning" leads here once the pipeline
has announced the preview (tools/preview_status.py).

    python -m tools.hosted_preview [--out DIR]     (make branch-preview)

Built as `make site` builds, with two differences. What the strict gate refuses only until it is done (a translation
behind its Swedish source, dates marked provisional) is built anyway and listed in a bar on top of every page, as
the local preview shows it; what the check refuses outright is listed on the preview's only page, in place of the
site. And search engines are asked to keep out. Exits with 1 when the change could not be published as it is, so
that the branch's check is red until it can.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
from pathlib import Path

from macros.call_data import call_dir
from macros.messages import say
from tools.build import ROOT, BuildError, build_into, publish
from tools.preview_pages import PREVIEW_FILES, STATIC_ASSETS, editor_lines, problems_page, warnings_bar

BODY = re.compile(r"<body\b[^>]*>")
KEEP_OUT = "User-agent: *\nDisallow: /\n"


def _relative_root(page: Path, site: Path) -> str:
    return "../" * (len(page.relative_to(site).parts) - 1)


def _finish(site: Path) -> None:
    """What every preview has: the preview's own style, and a robots.txt that keeps search engines out."""
    (site / STATIC_ASSETS).mkdir(parents=True, exist_ok=True)
    shutil.copy2(PREVIEW_FILES / "preview.css", site / STATIC_ASSETS / "preview.css")
    (site / "robots.txt").write_text(KEEP_OUT, encoding="utf-8")


def add_warnings(site: Path, lines: list[str]) -> None:
    """The bar of what the gate would refuse, first in every page's body."""
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        bar = warnings_bar(lines, _relative_root(page, site) + STATIC_ASSETS, live=False)
        page.write_text(BODY.sub(lambda match: match.group(0) + bar, html, count=1), encoding="utf-8")


class Outcome:
    """What the preview found: the lines that keep the change from being published, if any."""

    def __init__(self):
        self.lines: list[str] = []  # as the preview's pages show them: the form's words
        self.said: list[str] = []  # as the run's log shows them: files, lines and commands

    def build(self, staging: Path) -> None:
        from tools import check
        try:
            prepared = build_into(staging, strict=False)
        except BuildError as error:
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(parents=True)
            self.said = [line for line in str(error).splitlines() if line.strip()]
            self.lines = editor_lines(error.problems, ROOT, call_dir()) if error.problems else self.said
            (staging / "index.html").write_text(problems_page(self.lines, STATIC_ASSETS, live=False), encoding="utf-8")
            _finish(staging)
            return
        self.said, self.lines = [], []
        for call in prepared.calls:
            refused, warnings = check.run(call, ROOT, strict=True)
            refused += [warning for warning in warnings if warning.code == "dates_provisional"]  # not published with them
            self.said += [problem.text() for problem in refused if problem.text() not in self.said]
            self.lines += [line for line in editor_lines(refused, ROOT, call.folder) if line not in self.lines]
        if self.lines:
            add_warnings(staging, self.lines)
        _finish(staging)


def branch_slug(branch: str) -> str:
    """A branch's name as one folder of the preview server: cms/utlysningen/call -> cms-utlysningen-call."""
    return re.sub(r"[^a-z0-9]+", "-", branch.lower()).strip("-")[:63] or "branch"


def branch_of(env: dict) -> str:
    return env.get("GITHUB_HEAD_REF") or env.get("GITHUB_REF_NAME") or env.get("CI_COMMIT_REF_NAME") or ""


def preview_address(env: dict) -> str:
    """Where readers of the change find its preview: on the funder's preview server (PREVIEW_URL, where the
    pipeline releases it to PREVIEW_TO/<branch>), else GitLab's pages of the build's artifacts, else the run's page
    on GitHub (its summary lists what the check found, and the preview is its artifact)."""
    if env.get("PREVIEW_URL"):
        return f"{env['PREVIEW_URL'].rstrip('/')}/{branch_slug(branch_of(env))}/current/"
    if env.get("GITLAB_CI") and env.get("CI_PAGES_DOMAIN"):
        root, _, project = env["CI_PROJECT_PATH"].partition("/")
        return f"https://{root}.{env['CI_PAGES_DOMAIN']}/-/{project}/-/jobs/{env['CI_JOB_ID']}/artifacts/site/index.html"
    if env.get("GITHUB_ACTIONS"):
        return f"{env.get('GITHUB_SERVER_URL', 'https://github.com')}/{env['GITHUB_REPOSITORY']}/actions/runs/{env['GITHUB_RUN_ID']}"
    return ""


def status_of(outcome: "Outcome", env: dict) -> dict:
    """What tools/preview_status.py tells the repository's host about the preview (no token is needed to write it)."""
    return {"url": preview_address(env), "publishable": not outcome.lines, "branch": branch_of(env),
            "folder": branch_slug(branch_of(env)),
            "sha": env.get("PREVIEW_SHA") or env.get("GITHUB_SHA") or env.get("CI_COMMIT_SHA") or "",
            "description": say("branch_preview_status_refused" if outcome.lines else "branch_preview_status_done",
                               count=len(outcome.lines))}


def run_summary(status: dict, lines: list[str]) -> str:
    """The preview's findings as Markdown, for the run's page: what it says, the preview's address, each line."""
    listed = "".join(f"- `{line}`\n" for line in lines)
    return f"### {status['description']}\n\n{status['url']}\n\n{listed}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="site", help="the folder to write the preview to (default: site)")
    parser.add_argument("--status", help="write what tools/preview_status.py announces to this file")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    if env.get("PREVIEW_URL"):
        os.environ["SITE_URL"] = preview_address(env)  # its links and sitemap name the preview, not the live site
    outcome = Outcome()
    try:
        publish(Path(args.out), build=outcome.build)
    except BuildError as error:  # the folder could not be written
        print(error, file=sys.stderr)
        return 1
    for line in outcome.said:
        print(line, file=sys.stderr)
    status = status_of(outcome, env)
    if args.status:
        Path(args.status).write_text(json.dumps(status, ensure_ascii=False), encoding="utf-8")
    if env.get("GITHUB_STEP_SUMMARY"):  # the run's page on GitHub: what the preview found, and where it is
        with open(env["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
            summary.write(run_summary(status, outcome.lines))
    print(say("branch_preview_refused" if outcome.lines else "branch_preview_done", out=args.out, count=len(outcome.lines)))
    return 1 if outcome.lines else 0


if __name__ == "__main__":
    sys.exit(main())
