"""Save, publish and roll back, each as one safe step.

    python -m tools.publish publish --to DEST [--message TEXT]   # make publish TO=… MESSAGE="…"
    python -m tools.publish release --to DEST [--site DIR]       # pipelines: publish a built site, commit nothing
    python -m tools.publish rollback --to DEST                   # make rollback TO=…

`publish` runs the gate (`make check --strict`); commits exactly the editor's changed
files under call/ and docs/, with the editor's message and name; builds; then
publishes. A failed gate or build commits nothing and publishes nothing.

DEST is a local folder or `host:/path` (reached with ssh and rsync). Each
publication goes into DEST/releases/<UTC time>/ beside the others, and
DEST/current, a symbolic link and the web server's document root, is switched to
it in one rename: a reader gets the old site or the new one, never a mix. The
last five releases are kept; `rollback` switches current back to the one before.

Local and remote destinations run the same shell commands, locally with sh or
over ssh, so a test of one is a test of the other.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from macros.messages import say

ROOT = Path(__file__).resolve().parent.parent
KEEP_RELEASES = 5
SAVED_FOLDERS = ("call", "docs")  # what an editor changes; a publication commits nothing else
RELEASE_NAME = re.compile(r"^\d{8}T\d{6}Z(-\d+)?$")


class PublishError(Exception):
    """A refusal with its message for the editor."""


# --- where releases go ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Destination:
    """DEST, local or host:/path; every step is a shell command run by sh or by ssh."""

    text: str

    @property
    def remote(self) -> str | None:
        match = re.match(r"^((?:[\w.-]+@)?[\w.-]{2,}):(.+)$", self.text)
        return match.group(1) if match and not Path(self.text).exists() else None

    @property
    def path(self) -> str:
        return self.text.split(":", 1)[1] if self.remote else str(Path(self.text).resolve())

    def ssh(self) -> list[str]:
        return shlex.split(os.environ.get("PUBLISH_SSH", "ssh"))

    def run(self, script: str) -> str:
        """A POSIX shell script in DEST (made if missing, and its working folder), its output; PublishError if it fails."""
        script = f"set -eu\nmkdir -p {shlex.quote(self.path)}\ncd {shlex.quote(self.path)}\n{script}"
        command = [*self.ssh(), self.remote, script] if self.remote else ["sh", "-c", script]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise PublishError(say("publish_step_failed", to=self.text, error=(result.stderr or result.stdout).strip()[-800:]))
        return result.stdout

    def prepare(self) -> None:
        """DEST/releases exists, and DEST/current is a link or absent, never a folder we would hide."""
        state = self.run("mkdir -p releases\n"
                         "if [ -e current ] && [ ! -L current ]; then echo folder; else echo ok; fi\n"
                         "find releases -mindepth 1 -maxdepth 1 -name '.partial-*' -exec rm -rf {} +")
        if state.strip() == "folder":
            raise PublishError(say("publish_current_is_folder", to=self.text))

    def releases(self) -> list[str]:
        names = self.run("ls -1 releases").split()
        return sorted(name for name in names if RELEASE_NAME.match(name))

    def current(self) -> str | None:
        target = self.run("if [ -L current ]; then readlink current; fi").strip()
        return target.rsplit("/", 1)[-1] if target else None

    def upload(self, site: Path, name: str) -> None:
        """The built site into releases/<name>, by way of a partial folder a killed upload leaves behind."""
        partial = f"releases/.partial-{name}"
        target = f"{self.remote}:{self.path}/{partial}/" if self.remote else f"{self.path}/{partial}/"
        command = ["rsync", "-a", "--delete"]
        if self.remote:
            command += ["-e", " ".join(shlex.quote(part) for part in self.ssh())]
        result = subprocess.run([*command, f"{site}/", target], capture_output=True, text=True)
        if result.returncode != 0:
            raise PublishError(say("publish_step_failed", to=self.text, error=result.stderr.strip()[-800:]))
        self.run(f"mv {shlex.quote(partial)} {shlex.quote('releases/' + name)}")

    def switch(self, name: str) -> None:
        """current -> releases/<name>, in one rename of a new link over the old one."""
        link = f".current-{os.getpid()}"
        self.run(f"ln -sfn {shlex.quote('releases/' + name)} {link}\nmv -Tf {link} current")

    def prune(self, keep: int = KEEP_RELEASES) -> None:
        names, current = self.releases(), self.current()
        old = [name for name in names[:-keep] if name != current]
        if old:
            self.run("rm -rf " + " ".join(shlex.quote(f"releases/{name}") for name in old))


def release_name(now: float | None = None) -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now if now is not None else time.time()))


def release(site: Path, to: Destination) -> str:
    """Publish a built site to DEST as a new release and switch to it; the release's name."""
    if not (site / "index.html").is_file():
        raise PublishError(say("publish_no_site", site=site))
    to.prepare()
    existing = set(to.releases())
    name, counter = release_name(), 1
    while name in existing or (counter > 1 and f"{name}-{counter}" in existing):
        counter += 1
        name = f"{release_name()}-{counter}"
    to.upload(site, name)
    to.switch(name)
    to.prune()
    return name


def rollback(to: Destination) -> tuple[str, str]:
    """Switch current to the release before it: (from, to)."""
    to.prepare()
    names, current = to.releases(), to.current()
    if current not in names or names.index(current) == 0:
        raise PublishError(say("rollback_nothing", to=to.text))
    previous = names[names.index(current) - 1]
    to.switch(previous)
    return current, previous


# --- saving the editor's changes in git -------------------------------------------------------------

def git(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise PublishError(say("git_failed", command="git " + " ".join(args), error=result.stderr.strip()))
    return result


def changed_files() -> list[str]:
    """The editor's changes under call/ and docs/: modified, added, deleted, new."""
    if git("rev-parse", "--is-inside-work-tree", check=False).returncode != 0:
        raise PublishError(say("publish_not_git"))
    output = git("status", "--porcelain", "--untracked-files=all", "-z", "--", *SAVED_FOLDERS).stdout
    entries = [entry for entry in output.split("\0") if entry]
    files, skip = [], False
    for entry in entries:
        if skip:  # the old name of a rename
            skip = False
            continue
        files.append(entry[3:])
        skip = entry[0] == "R"
    return files


def identity() -> tuple[str, str]:
    """The editor's name and e-mail for the commit: git's, or asked once and kept for this project."""
    name = os.environ.get("GIT_AUTHOR_NAME") or git("config", "user.name", check=False).stdout.strip()
    email = os.environ.get("GIT_AUTHOR_EMAIL") or git("config", "user.email", check=False).stdout.strip()
    if name and email:
        return name, email
    print(say("publish_ask_identity"))
    try:
        name = name or input(say("publish_ask_name")).strip()
        email = email or input(say("publish_ask_email")).strip()
    except EOFError:  # nobody at the keyboard (a pipeline): say how to set it once
        raise PublishError(say("publish_no_identity")) from None
    if not name or "@" not in email:
        raise PublishError(say("publish_no_identity"))
    git("config", "user.name", name)
    git("config", "user.email", email)
    return name, email


def commit(message: str) -> str | None:
    """Commit exactly the editor's changed files under call/ and docs/; the new commit, or None if nothing changed."""
    files = changed_files()
    if not files:
        return None
    if not message.strip():
        raise PublishError(say("publish_no_message"))
    name, email = identity()
    git("add", "-A", "--", *SAVED_FOLDERS)
    env = dict(os.environ, GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email,
               GIT_COMMITTER_NAME=os.environ.get("GIT_COMMITTER_NAME", name),
               GIT_COMMITTER_EMAIL=os.environ.get("GIT_COMMITTER_EMAIL", email))
    # A path-limited commit: whatever else is staged stays staged and out of this commit.
    result = subprocess.run(["git", "commit", "-q", "-m", message.strip(), "--", *SAVED_FOLDERS], cwd=ROOT,
                            capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise PublishError(say("git_failed", command="git commit", error=result.stderr.strip()))
    print(say("publish_committed", count=len(files), message=message.strip(), author=name))
    return git("rev-parse", "HEAD").stdout.strip()


def uncommit(sha: str) -> None:
    """Take back a commit this run made, keeping the editor's changes as they were (not staged)."""
    if git("rev-parse", "HEAD").stdout.strip() == sha:
        git("reset", "-q", "--soft", "HEAD~1")
        git("reset", "-q", "--", *SAVED_FOLDERS)


# --- the steps ----------------------------------------------------------------------------------------

def publish(to: Destination, message: str) -> str:
    from tools import build
    staging = ROOT / ".publish" / "site"
    staging.parent.mkdir(exist_ok=True)
    with build.BuildLock(staging):  # one publication at a time from this folder
        return _publish(to, message, staging)


def _publish(to: Destination, message: str, staging: Path) -> str:
    from tools import build
    try:
        build.gate(build.prepare_or_fail(ROOT), ROOT)  # before anything is saved
    except build.BuildError as error:
        raise PublishError(f"{error}\n{say('publish_refused')}") from None
    from tools.editor_config import tidy
    tidy()  # the data files in the browser editor's form, so that its next save changes only what it changes
    sha = commit(message)
    shutil.rmtree(staging, ignore_errors=True)
    try:
        build.build_into(staging, ROOT)  # read again: the change log now holds this commit
    except Exception as error:  # noqa: BLE001 - whatever stopped the build, the commit is taken back
        shutil.rmtree(staging, ignore_errors=True)
        if sha:
            uncommit(sha)
        raise PublishError(f"{error}\n{say('publish_refused')}") from None
    try:
        return release(staging, to)
    except PublishError as error:
        raise PublishError(f"{error}\n{say('publish_saved_not_published', to=to.text)}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("publish", "release", "rollback"))
    parser.add_argument("--to", default="", help="a local folder or host:/path")
    parser.add_argument("--message", default="", help="what the editor changed (publish)")
    parser.add_argument("--site", default="site", help="the built site to release (release)")
    args = parser.parse_args(argv)
    if not args.to.strip():
        print(say("publish_no_to", step=args.step), file=sys.stderr)
        return 2
    to = Destination(args.to.strip())
    try:
        if args.step == "rollback":
            left, now = rollback(to)
            print(say("rollback_done", to=to.text, left=left, now=now))
            return 0
        if args.step == "release":
            name = release(Path(args.site).resolve(), to)
        else:
            name = publish(to, args.message)
    except PublishError as error:
        print(error, file=sys.stderr)
        return 1
    print(say("publish_done", to=to.text, release=name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
