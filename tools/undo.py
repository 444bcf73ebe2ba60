"""Undo the editor's changes: what is not yet saved, or the last saved change to the call.

    python -m tools.undo [--yes]          # make undo: the unsaved changes under call/ and docs/
    python -m tools.undo --last [--yes]   # make undo LAST=1: the last commit, if it touched only call/ and docs/

Nothing is undone before the editor has seen what and said yes. Unsaved changes are
copied to .undo/<time>/ first, so an undo can itself be undone. The last commit is
reverted (a new commit that takes it back, history kept) only if it touched nothing
but the call's data and texts; its author and message are named first, and a commit
made by someone else says so. Another person's work outside call/ and docs/ is never
touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from macros.messages import say
from tools.publish import ROOT, PublishError, changed_files, git, identity, is_saved

UNDO_DIR = ROOT / ".undo"


def confirmed(assume_yes: bool) -> bool:
    """A yes typed at the prompt (or piped in); with nothing to read, no."""
    if assume_yes:
        return True
    try:
        answer = input(say("undo_ask"))
    except EOFError:
        print(file=sys.stderr)
        print(say("undo_needs_yes"), file=sys.stderr)
        return False
    return answer.strip().lower() in ("ja", "j", "yes", "y")


def _status(path: str) -> str:
    if not (ROOT / path).exists():
        return say("undo_kind_deleted")
    tracked = git("ls-files", "--error-unmatch", "--", path, check=False).returncode == 0
    return say("undo_kind_changed") if tracked else say("undo_kind_new")


def keep_folder() -> Path:
    """A new folder in .undo/ for this undo, never one an earlier undo wrote."""
    base = UNDO_DIR / time.strftime("%Y%m%d-%H%M%S")
    keep, counter = base, 1
    while keep.exists():
        counter += 1
        keep = base.with_name(f"{base.name}-{counter}")
    return keep


def keep_versions(path: str, keep: Path) -> None:
    """Every version of a file an undo would lose: the working copy as `path`, and the staged one, where it
    differs, under `staged/` (what the editor had marked for saving)."""
    source = ROOT / path
    if source.is_file() and not source.is_symlink():
        (keep / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, keep / path)
    staged = subprocess.run(["git", "show", f":{path}"], cwd=ROOT, capture_output=True)
    if staged.returncode == 0 and (not source.is_file() or staged.stdout != source.read_bytes()):
        (keep / "staged" / path).parent.mkdir(parents=True, exist_ok=True)
        (keep / "staged" / path).write_bytes(staged.stdout)


def undo_unsaved(assume_yes: bool) -> int:
    files = changed_files()
    others = [line[3:] for line in git("status", "--porcelain", "--untracked-files=no").stdout.splitlines()
              if not is_saved(line[3:])]
    if not files:
        print(say("undo_nothing"))
        return 0
    print(say("undo_list_heading"))
    for path in files:
        print(f"  {path} ({_status(path)})")
    if others:
        print(say("undo_others_untouched", files=", ".join(others)))
    if not confirmed(assume_yes):
        print(say("undo_cancelled"))
        return 1
    keep = throw_away(files)
    print(say("undo_done", count=len(files), kept=keep.relative_to(ROOT) if keep.exists() else "-"))
    return 0


def throw_away(files: list[str]) -> Path:
    """These changed files back as last saved in git (a new file removed), after a copy of every version of each
    to a new folder of .undo/, which is returned (make undo, and the editor's page for publishing)."""
    keep = keep_folder()
    for path in files:
        keep_versions(path, keep)
    tracked = [path for path in files if git("cat-file", "-e", f"HEAD:{path}", check=False).returncode == 0]
    new = [path for path in files if path not in tracked]
    if tracked:
        git("restore", "--source=HEAD", "--staged", "--worktree", "--", *tracked)
    if new:
        git("rm", "-q", "--cached", "-f", "--ignore-unmatch", "--", *new)  # out of the index, whatever was staged: a copy is kept
    for path in new:
        (ROOT / path).unlink(missing_ok=True)
    return keep


def undo_last(assume_yes: bool) -> int:
    if changed_files():
        print(say("undo_last_unsaved_first"), file=sys.stderr)
        return 1
    parents = git("rev-list", "--parents", "-n", "1", "HEAD").stdout.split()
    sha, author, date, subject = git("log", "-1", "--format=%h%x00%an%x00%ad%x00%s", "--date=short").stdout.strip().split("\0")
    if len(parents) != 2:
        print(say("undo_last_refused", sha=sha, author=author, subject=subject, files=say("undo_merge")), file=sys.stderr)
        return 1
    files = [line for line in git("show", "--name-only", "--format=", "HEAD").stdout.splitlines() if line]
    outside = [path for path in files if not is_saved(path)]
    if outside:
        print(say("undo_last_refused", sha=sha, author=author, subject=subject, files=", ".join(outside)), file=sys.stderr)
        return 1
    print(say("undo_last_shows", sha=sha, author=author, date=date, subject=subject, files=", ".join(files)))
    try:
        name, email = identity()
    except PublishError as error:
        print(error, file=sys.stderr)
        return 1
    if author != name:
        print(say("undo_last_someone_else", author=author))
    if not confirmed(assume_yes):
        print(say("undo_cancelled"))
        return 1
    env_run = subprocess.run(["git", "revert", "--no-edit", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             env={**os.environ, "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
                                  "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email})
    if env_run.returncode != 0:
        print(say("git_failed", command="git revert", error=env_run.stderr.strip()), file=sys.stderr)
        return 1
    print(say("undo_last_done", sha=sha, subject=subject))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--last", action="store_true", help="undo the last saved change (a commit)")
    parser.add_argument("--yes", action="store_true", help="do not ask")
    args = parser.parse_args(argv)
    try:
        return undo_last(args.yes) if args.last else undo_unsaved(args.yes)
    except PublishError as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
