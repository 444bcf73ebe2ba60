"""Save, publish and roll back, each as one safe step.

    python -m tools.publish publish --to DEST [--message TEXT]   # make publish TO=… MESSAGE="…"
    python -m tools.publish release --to DEST [--site DIR]       # pipelines: publish a built site, commit nothing
    python -m tools.publish rollback --to DEST                   # make rollback TO=…

`publish` runs the gate (`make check --strict`); commits exactly the editor's changed
files under calls/, site.yml and docs/, with the editor's message and name; builds; then
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
import contextlib
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from macros.history import CORRECTION_TRAILER
from macros.messages import say
from tools.file_lock import try_lock, unlock
from tools.make_input import take

ROOT = Path(__file__).resolve().parent.parent
KEEP_RELEASES = 5
LOCK_TIMEOUT_SECONDS = 15 * 60  # another publication to the same place is waited for this long
SAVED_FOLDERS = ("calls", "site.yml", "docs")  # what an editor changes; a publication commits nothing else


def is_saved(path: str) -> bool:
    """Whether a path (relative to the project, with /) is one an editor changes: under calls/ or docs/, or site.yml."""
    return any(path == name or path.startswith(f"{name}/") for name in SAVED_FOLDERS)
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
        match = re.match(r"^((?:[\w.-]+@)?[\w][\w.-]+):(.+)$", self.text)
        return match.group(1) if match and not Path(self.text).exists() else None

    @property
    def path(self) -> str:
        return self.text.split(":", 1)[1] if self.remote else str(Path(self.text).resolve())

    def refusal(self) -> str | None:
        """Why DEST cannot be one (an option to ssh or rsync in disguise, a path inside this project), or None."""
        if self.text.startswith("-") or self.path.startswith("-"):
            return say("publish_bad_to", to=self.text)
        if not self.remote:
            inside = Path(self.path)
            if inside == ROOT or ROOT in inside.parents:
                return say("publish_bad_to", to=self.text)
        return None

    def ssh(self) -> list[str]:
        return shlex.split(os.environ.get("PUBLISH_SSH", "ssh"))

    def shell(self, script: str) -> list[str]:
        """The command that runs a POSIX shell script where DEST is: sh here, or ssh to its server."""
        return [*self.ssh(), "--", self.remote, script] if self.remote else ["sh", "-c", script]

    def run(self, script: str) -> str:
        """A POSIX shell script in DEST (made if missing), its output; PublishError if it fails."""
        script = f"set -eu\nmkdir -p {shlex.quote(self.path)}\ncd {shlex.quote(self.path)}\n{script}"
        result = subprocess.run(self.shell(script), capture_output=True, text=True)
        if result.returncode != 0:
            raise PublishError(say("publish_step_failed", to=self.text, error=(result.stderr or result.stdout).strip()[-800:]))
        return result.stdout

    def exists(self) -> bool:
        script = f"if [ -d {shlex.quote(self.path)} ]; then echo yes; else echo no; fi"
        return subprocess.run(self.shell(script), capture_output=True, text=True).stdout.strip() == "yes"

    def prepare(self) -> None:
        """DEST/releases exists, DEST/current is a link or absent (never a folder we would hide), and a partial
        upload a killed publication left behind, one of ours by the manifest, is gone."""
        state = self.run("mkdir -p releases\n"
                         "if [ -e current ] && [ ! -L current ]; then echo folder; else echo ok; fi")
        if state.strip() == "folder":
            raise PublishError(say("publish_current_is_folder", to=self.text))
        partial = [name for name in self.manifest() if name.startswith(".partial-")]
        if partial:
            self.run("rm -rf " + " ".join(shlex.quote(f"releases/{name}") for name in partial) + "\n" + forget(partial))

    def manifest(self) -> list[str]:
        """The releases this project made here, oldest first: only these are ever pruned or switched to."""
        return [line for line in self.run("cat releases/.manifest 2>/dev/null || true").split() if line]

    def releases(self) -> list[str]:
        present = set(self.run("ls -1a releases").split())
        return sorted(name for name in self.manifest() if RELEASE_NAME.match(name) and name in present)

    def current(self) -> str | None:
        target = self.run("if [ -L current ]; then readlink current; fi").strip()
        return target.rsplit("/", 1)[-1] if target else None

    def upload(self, site: Path, name: str) -> None:
        """The built site into releases/<name>, by way of a partial folder (in the manifest first, so that a
        killed upload's leftover is known as ours and removed by the next one)."""
        partial = f".partial-{name}"
        self.run(f"echo {shlex.quote(partial)} >> releases/.manifest")
        target = f"{self.remote}:{self.path}/releases/{partial}/" if self.remote else f"{self.path}/releases/{partial}/"
        command = ["rsync", "-a", "--delete"]
        if self.remote:
            command += ["-e", " ".join(shlex.quote(part) for part in self.ssh())]
        result = subprocess.run([*command, "--", f"{site}/", target], capture_output=True, text=True)
        if result.returncode != 0:
            raise PublishError(say("publish_step_failed", to=self.text, error=result.stderr.strip()[-800:]))
        self.run(f"mv {shlex.quote('releases/' + partial)} {shlex.quote('releases/' + name)}\n"
                 f"echo {shlex.quote(name)} >> releases/.manifest\n" + forget([partial]))

    def switch(self, name: str) -> None:
        """current -> releases/<name>, in one rename of a new link over the old one."""
        link = f".current-{os.getpid()}"
        self.run(f"ln -sfn {shlex.quote('releases/' + name)} {link}\nmv -Tf {link} current")

    def prune(self, keep: int = KEEP_RELEASES) -> None:
        names, current = self.releases(), self.current()
        old = [name for name in names[:-keep] if name != current]
        if old:
            self.run("rm -rf " + " ".join(shlex.quote(f"releases/{name}") for name in old) + "\n" + forget(old))

    @contextlib.contextmanager
    def lock(self, timeout_seconds: float = LOCK_TIMEOUT_SECONDS):
        """One release at a time to DEST: a lock held by this process, released by the system when it ends
        (a killed publication leaves no lock behind). A local DEST holds its own lock file, which every
        process publishing there shares; a server's is kept on this machine, per destination (publications
        from several machines to one server are kept apart by the pipelines' concurrency settings)."""
        if self.remote:
            (ROOT / ".publish").mkdir(exist_ok=True)
            path = ROOT / ".publish" / f"release-{hashlib.sha256(self.text.encode()).hexdigest()[:16]}.lock"
        else:
            self.run("true")  # DEST exists
            path = Path(self.path) / ".release.lock"
        with open(path, "a") as handle:
            started = time.monotonic()
            while not try_lock(handle):
                if time.monotonic() - started > timeout_seconds:
                    raise PublishError(say("publish_locked", to=self.text)) from None
                time.sleep(0.2)
            try:
                yield
            finally:
                unlock(handle)


def forget(names: list[str]) -> str:
    """The shell lines that take these names out of releases/.manifest (the folders are gone or renamed)."""
    listed = " ".join(shlex.quote(name) for name in names)
    return (f"for name in {listed}; do printf '%s\\n' \"$name\"; done > releases/.forget\n"
            "grep -v -x -F -f releases/.forget releases/.manifest > releases/.manifest.new || true\n"
            "mv -f releases/.manifest.new releases/.manifest\nrm -f releases/.forget")


def release_name(now: float | None = None) -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now if now is not None else time.time()))


def release(site: Path, to: Destination) -> str:
    """Publish a built site to DEST as a new release and switch to it; the release's name."""
    if not (site / "index.html").is_file():
        raise PublishError(say("publish_no_site", site=site))
    with to.lock():
        to.prepare()
        existing = set(to.run("ls -1a releases").split())
        name, counter = release_name(), 1
        while name in existing:
            counter += 1
            name = f"{release_name()}-{counter}"
        to.upload(site, name)
        to.switch(name)
        to.prune()
    return name


def rollback(to: Destination) -> tuple[str, str]:
    """Switch current to the release before it: (from, to). A DEST that does not exist is left alone."""
    if not to.exists():
        raise PublishError(say("rollback_no_destination", to=to.text))
    with to.lock():
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
    """The editor's changes under calls/, site.yml and docs/: modified, added, deleted, new."""
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


def commit(message: str, correction: bool = False) -> str | None:
    """Commit exactly the editor's changed files under calls/, site.yml and docs/; the new commit, or None if nothing changed.
    A correction of a mistake published before is marked by a trailer, which the public log of changes reads
    (macros/history.py)."""
    files = changed_files()
    if not files:
        return None
    if not message.strip():
        raise PublishError(say("publish_no_message"))
    if "\x00" in message:
        raise PublishError(say("publish_bad_message"))
    name, email = identity()
    git("add", "-A", "--", *SAVED_FOLDERS)
    env = dict(os.environ, GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email,
               GIT_COMMITTER_NAME=os.environ.get("GIT_COMMITTER_NAME", name),
               GIT_COMMITTER_EMAIL=os.environ.get("GIT_COMMITTER_EMAIL", email))
    # A path-limited commit: whatever else is staged stays staged and out of this commit.
    # The message as the editor wrote it, byte for byte: verbatim, through standard input, never a shell.
    # A correction's trailer: a paragraph of its own after the editor's words, where git reads trailers.
    written = f"{message.rstrip()}\n\n{CORRECTION_TRAILER}: true\n" if correction else message
    result = subprocess.run(["git", "commit", "-q", "--cleanup=verbatim", "-F", "-", "--", *SAVED_FOLDERS], cwd=ROOT,
                            input=written, capture_output=True, text=True, env=env)
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

def publish(to: Destination, message: str, correction: bool = False) -> str:
    from tools import build
    staging = ROOT / ".publish" / "site"
    staging.parent.mkdir(exist_ok=True)
    with build.BuildLock(staging):  # one publication at a time from this folder
        return _publish(to, message, staging, correction)


def _publish(to: Destination, message: str, staging: Path, correction: bool = False) -> str:
    from tools import build
    try:
        build.gate_site(build.prepare_or_fail(ROOT), ROOT)  # before anything is saved
    except build.BuildError as error:
        raise PublishError(f"{error}\n{say('publish_refused')}") from None
    from tools.editor_config import tidy
    tidy()  # the data files in the browser editor's form, so that its next save changes only what it changes
    sha = commit(message, correction)
    shutil.rmtree(staging, ignore_errors=True)
    try:
        site = build.build_into(staging, ROOT)  # read again: the change log now holds this commit
        if site.held:
            print(say("build_held", folders=", ".join(call.slug for call in site.held)), flush=True)
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
    parser.add_argument("--to-file", help="read --to from this file (make: TO=…, see tools/make_input.py)")
    parser.add_argument("--message", default="", help="what the editor changed (publish)")
    parser.add_argument("--message-file", help="read --message from this file (make: MESSAGE=…)")
    parser.add_argument("--site", default="site", help="the built site to release (release)")
    parser.add_argument("--correction", action="store_true", help="the publication corrects a mistake published before")
    args = parser.parse_args(argv)
    args.to = take(args.to_file) if args.to_file else args.to
    args.message = take(args.message_file) if args.message_file else args.message
    if not args.to.strip():
        print(say("publish_no_to", step=args.step), file=sys.stderr)
        return 2
    to = Destination(args.to.strip())
    if to.refusal():
        print(to.refusal(), file=sys.stderr)
        return 2
    try:
        if args.step == "rollback":
            left, now = rollback(to)
            print(say("rollback_done", to=to.text, left=left, now=now))
            return 0
        if args.step == "release":
            name = release(Path(args.site).resolve(), to)
        else:
            name = publish(to, args.message, args.correction)
    except PublishError as error:
        print(error, file=sys.stderr)
        return 1
    print(say("publish_done", to=to.text, release=name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
