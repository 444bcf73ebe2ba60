"""Save, publish, roll back, undo and start the next call (#13), each run for real: make in a copy of
the project that is a git repository, releases in a folder nginx serves, rsync over a stand-in ssh."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import CALL_PATH, REPO, call_dir_of, call_path, make_workspace, snapshot
from macros.call_data import load
from macros.messages import table
from test_editing import MAKE_VARS, edit, line_of
from tools.local_nginx import LocalNginx, NginxError
from tools.publish import KEEP_RELEASES, RELEASE_NAME

EDITOR = {"GIT_AUTHOR_NAME": "Anna Redaktör", "GIT_AUTHOR_EMAIL": "anna@example.invalid",
          "GIT_COMMITTER_NAME": "Anna Redaktör", "GIT_COMMITTER_EMAIL": "anna@example.invalid"}
DEVELOPER = {"GIT_AUTHOR_NAME": "Dev Eloper", "GIT_AUTHOR_EMAIL": "dev@example.invalid",
             "GIT_COMMITTER_NAME": "Dev Eloper", "GIT_COMMITTER_EMAIL": "dev@example.invalid"}
FAKE_SSH = """#!/bin/sh
# Stands in for ssh: runs the command on this machine, as the server's sshd would run it there.
while [ $# -gt 0 ]; do
  case "$1" in
    -l|-p|-o|-i) shift 2 ;;
    -*) shift ;;
    *) break ;;
  esac
done
shift
exec sh -c "$*"
"""


def run_make(workspace: Path, *args: str, env: dict | None = None, lang: str = "sv", stdin: str | None = None,
             timeout: int = 300) -> subprocess.CompletedProcess:
    """make in the copy, as an editor runs it (Swedish messages unless asked otherwise)."""
    full = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    full.update(EDITOR_LANGUAGE=lang, **(env or {}))
    full.pop("CALL_DIR", None)
    return subprocess.run(["make", "--no-print-directory", "-C", str(workspace), *args, *MAKE_VARS], capture_output=True,
                          text=True, env=full, timeout=timeout, input=stdin if stdin is not None else "")


def git(repo: Path, *args: str, env: dict | None = None) -> str:
    full = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    full.update(env or DEVELOPER)
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=full).stdout


def words(code: str, lang: str = "sv") -> str:
    """The longest fixed piece of a message, to look for in the output."""
    import re
    return max(re.split(r"\{\w+\}", table(lang)[code]), key=len).strip()


@pytest.fixture
def repository(tmp_path) -> Path:
    """A copy of the project as an editor's clone: a git repository with the developers' history."""
    workspace = make_workspace(tmp_path / "work")
    git(workspace, "init", "-q", "-b", "main")
    git(workspace, "add", "-A")
    git(workspace, "commit", "-qm", "Utlysningen")
    return workspace


def releases(to: Path) -> list[str]:
    return sorted(path.name for path in (to / "releases").iterdir() if RELEASE_NAME.match(path.name))


def current(to: Path) -> str:
    return os.readlink(to / "current").rsplit("/", 1)[-1]


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def publish(repo: Path, to: Path | str, message: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_make(repo, "publish", env={"TO": str(to), "MESSAGE": message, **EDITOR, **(env or {})})


# --- make publish -------------------------------------------------------------------------------

def test_publish_saves_exactly_the_editors_change_in_their_name_then_publishes_a_release(repository, tmp_path):
    to = tmp_path / "www"
    call_yml = repository / CALL_PATH / "call.yml"
    cap = load(repository / CALL_PATH).call["funding"]["max_support_sek"]
    edit(call_yml, f"max_support_sek: {cap}", f"max_support_sek: {cap - 100000}")
    # A developer's work in progress beside it, staged and unstaged: not the editor's to commit.
    (repository / "tools" / "scratch.py").write_text("# work in progress\n", encoding="utf-8")
    git(repository, "add", "tools/scratch.py")
    edit(repository / "README.md" if (repository / "README.md").exists() else repository / "Makefile", "\n", "\n\n")
    result = publish(repository, to, 'Nytt "högsta stöd"')
    assert result.returncode == 0, result.stderr
    assert words("publish_done").split("{")[0][:10] in result.stdout
    author, subject = git(repository, "log", "-1", "--format=%an|%s").strip().split("|")
    assert (author, subject) == ("Anna Redaktör", 'Nytt "högsta stöd"')
    assert git(repository, "show", "--name-only", "--format=", "HEAD").split() == ["calls/2019-rorlighet-matchning/call.yml"]
    status = git(repository, "status", "--porcelain")
    assert "A  tools/scratch.py" in status and " M Makefile" in status  # still the developer's, uncommitted
    [name] = releases(to)
    assert current(to) == name and (to / "current").is_symlink()
    site = to / "current"
    new_cap = load(repository / CALL_PATH).call["funding"]["max_support_sek"]
    assert f"{new_cap:,}".replace(",", "\u00a0") in (call_dir_of(site) / "index.html").read_text(encoding="utf-8")
    # The public log holds the change this publication saved.
    assert f"{new_cap:,}".replace(",", "\u00a0") in (call_dir_of(site) / "changes.html").read_text(encoding="utf-8")


def test_a_broken_date_commits_nothing_and_publishes_nothing(repository, tmp_path):
    to = tmp_path / "www"
    assert publish(repository, to, "Första").returncode == 0
    before_head, before = git(repository, "rev-parse", "HEAD"), (releases(to), current(to))
    call_yml = repository / CALL_PATH / "call.yml"
    edit(call_yml, "closes: 2019-03-31", "closes: 2019-03-32")
    result = publish(repository, to, "Fel datum")
    assert result.returncode != 0
    assert f"calls/2019-rorlighet-matchning/call.yml:{line_of(call_yml, 'closes: 2019-03-32')}:" in result.stderr
    assert words("publish_refused") in result.stderr
    assert git(repository, "rev-parse", "HEAD") == before_head
    assert (releases(to), current(to)) == before
    assert " M calls/2019-rorlighet-matchning/call.yml" in git(repository, "status", "--porcelain")  # the editor's work is still there


def test_a_failed_build_takes_back_its_commit_and_keeps_the_change(repository, tmp_path):
    to = tmp_path / "www"
    edit(repository / CALL_PATH / "call.yml", "max_project_months: 12", "max_project_months: 10")
    (repository / ".publish").mkdir()
    (repository / ".publish" / "site").write_text("a file where the build wants a folder\n", encoding="utf-8")
    head = git(repository, "rev-parse", "HEAD")
    result = publish(repository, to, "Kortare projekt")
    assert result.returncode != 0 and words("publish_refused") in result.stderr
    assert git(repository, "rev-parse", "HEAD") == head
    assert git(repository, "status", "--porcelain", "--", "calls") == " M calls/2019-rorlighet-matchning/call.yml\n"
    assert not (to / "current").exists()


def test_without_a_message_or_a_destination_nothing_happens(repository, tmp_path):
    edit(repository / CALL_PATH / "call.yml", "max_project_months: 12", "max_project_months: 10")
    head = git(repository, "rev-parse", "HEAD")
    no_message = publish(repository, tmp_path / "www", "")
    assert no_message.returncode != 0 and words("publish_no_message")[:30] in no_message.stderr
    no_destination = run_make(repository, "publish", env={"MESSAGE": "x", **EDITOR})
    assert no_destination.returncode != 0 and "make publish TO=" in no_destination.stderr
    assert git(repository, "rev-parse", "HEAD") == head and not (tmp_path / "www" / "current").exists()


def test_git_without_a_name_is_told_how_to_give_one(repository, tmp_path):
    edit(repository / CALL_PATH / "call.yml", "max_project_months: 12", "max_project_months: 10")
    env = {"HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1"}
    result = run_make(repository, "publish", env={"TO": str(tmp_path / "www"), "MESSAGE": "x", **env})
    assert result.returncode != 0 and "git config user.name" in result.stderr
    assert " M calls/2019-rorlighet-matchning/call.yml" in git(repository, "status", "--porcelain")


# --- releases, the switch, rollback -----------------------------------------------------------------

@pytest.fixture
def served(tmp_path):
    """A destination folder nginx serves through TO/current, as deploy/nginx.conf says."""
    to = tmp_path / "www"
    (to / "releases").mkdir(parents=True)
    placeholder = to / "releases" / "20000101T000000Z"
    placeholder.mkdir()
    (placeholder / "index.html").write_text("<!doctype html><title>-</title>\n", encoding="utf-8")
    os.symlink("releases/20000101T000000Z", to / "current")
    try:
        with LocalNginx(to / "current", tmp_path / "nginx") as origin:
            yield to, origin
    except NginxError as error:
        pytest.fail(str(error))


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read()


PAGES = ("index.html", "en/index.html", call_path("funding.html"), call_path("en/funding.html"), "assets/javascripts/call-format.js")


def test_readers_get_the_old_site_or_the_new_one_never_a_mix(repository, served):
    to, origin = served
    assert publish(repository, to, "Första").returncode == 0
    old = files_of(to / "releases" / current(to))
    cap = load(repository / CALL_PATH).call["funding"]["max_support_sek"]
    edit(repository / CALL_PATH / "call.yml", f"max_support_sek: {cap}", f"max_support_sek: {cap - 50000}")
    seen, stop = [], threading.Event()

    def reader():
        while not stop.is_set():
            for page in PAGES:
                seen.append((page, fetch(f"{origin}/{page}")))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        assert publish(repository, to, "Nytt tak").returncode == 0
        time.sleep(0.3)
    finally:
        stop.set()
        thread.join()
    new = files_of(to / "releases" / current(to))
    assert old["index.html"] != new["index.html"]
    mixed = [page for page, body in seen if body not in (old[page], new[page])]
    assert not mixed, mixed
    assert {body == new[page] for page, body in seen if page == "index.html"} == {False, True}  # both were served


def test_rollback_serves_the_previous_release(repository, served):
    to, origin = served
    assert publish(repository, to, "Första").returncode == 0
    first = current(to)
    edit(repository / "docs" / "sv" / "contact.md", "# Kontakt", "# Kontakta oss")
    assert run_make(repository, "translated", "WHAT=docs/en/contact.md", "KEEP=1").returncode == 0
    assert publish(repository, to, "Ny rubrik").returncode == 0
    assert "Kontakta oss" in fetch(f"{origin}/{call_path('contact.html')}").decode()
    result = run_make(repository, "rollback", env={"TO": str(to)})
    assert result.returncode == 0 and first in result.stdout
    assert current(to) == first and "Kontakta oss" not in fetch(f"{origin}/{call_path('contact.html')}").decode()


def test_five_releases_are_kept_and_current_is_never_pruned(repository, tmp_path):
    to = tmp_path / "www"
    assert run_make(repository, "site").returncode == 0
    for _ in range(KEEP_RELEASES + 2):
        assert run_make(repository, "release", env={"TO": str(to)}).returncode == 0
    names = releases(to)
    assert len(names) == KEEP_RELEASES and current(to) == names[-1]
    assert run_make(repository, "rollback", env={"TO": str(to)}).returncode == 0
    assert run_make(repository, "release", env={"TO": str(to)}).returncode == 0
    assert len(releases(to)) == KEEP_RELEASES


def test_a_current_folder_is_never_replaced(repository, tmp_path):
    to = tmp_path / "www"
    (to / "current").mkdir(parents=True)
    (to / "current" / "index.html").write_text("hand-copied site\n", encoding="utf-8")
    assert run_make(repository, "site").returncode == 0
    result = run_make(repository, "release", env={"TO": str(to)})
    assert result.returncode != 0 and "current" in result.stderr
    assert (to / "current" / "index.html").read_text(encoding="utf-8") == "hand-copied site\n"


@pytest.mark.parametrize("point", ["building", "uploading", "uploaded"])
def test_a_killed_publish_leaves_current_whole(repository, tmp_path, point):
    """Killed while building, while copying the release, or once it is copied but before the switch:
    current is the last whole release, and the next publication cleans up and succeeds."""
    to = tmp_path / "www"
    assert publish(repository, to, "Första").returncode == 0
    first = current(to)
    whole = files_of(to / "current")
    cap = load(repository / CALL_PATH).call["funding"]["max_support_sek"]
    edit(repository / CALL_PATH / "call.yml", f"max_support_sek: {cap}", f"max_support_sek: {cap - 10000}")
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(EDITOR, EDITOR_LANGUAGE="en")
    env.pop("CALL_DIR", None)
    process = subprocess.Popen([sys.executable, "-m", "tools.publish", "publish", "--to", str(to), "--message", "Nytt tak"],
                               cwd=repository, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    reached = {
        "building": lambda: (repository / ".publish" / "site").exists(),
        "uploading": lambda: any((to / "releases").glob(".partial-*")),
        "uploaded": lambda: len(releases(to)) > 1,
    }[point]
    deadline = time.monotonic() + 120
    while process.poll() is None and not reached() and time.monotonic() < deadline:
        time.sleep(0.005)  # often enough to meet each point (copying a release takes a tenth of a second)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    target = current(to)
    assert RELEASE_NAME.match(target) and (to / "releases" / target).is_dir()
    if target == first:
        assert files_of(to / "current") == whole
    else:  # the switch had happened: the new release is whole
        assert set(files_of(to / "current")) == set(whole)
    result = publish(repository, to, "Nytt tak")
    assert result.returncode == 0, result.stderr
    assert not list((to / "releases").glob(".partial-*"))


def test_over_ssh_the_same_steps(repository, tmp_path):
    """host:/path goes through ssh and rsync; here a stand-in ssh runs the commands locally, as sshd would."""
    ssh = tmp_path / "bin" / "ssh"
    ssh.parent.mkdir()
    ssh.write_text(FAKE_SSH, encoding="utf-8")
    ssh.chmod(0o755)
    remote = tmp_path / "server" / "www"
    assert run_make(repository, "site").returncode == 0
    env = {"TO": f"server:{remote}", "PUBLISH_SSH": str(ssh)}
    for _ in range(2):
        result = run_make(repository, "release", env=env)
        assert result.returncode == 0, result.stderr
    assert len(releases(remote)) == 2 and current(remote) == releases(remote)[-1]
    assert files_of(remote / "current") == files_of(repository / "site")
    assert run_make(repository, "rollback", env=env).returncode == 0
    assert current(remote) == releases(remote)[0]


# --- make undo ----------------------------------------------------------------------------------

def test_undo_lists_the_unsaved_changes_undoes_them_after_yes_and_keeps_a_copy(repository):
    call_yml = repository / CALL_PATH / "call.yml"
    original = call_yml.read_text(encoding="utf-8")
    edit(call_yml, "max_project_months: 12", "max_project_months: 99")
    (repository / "docs" / "sv" / "ny.md").write_text("# Ny sida\n", encoding="utf-8")
    edit(repository / "Makefile", "\n", "\n\n")  # a developer's change: not the editor's to undo
    asked = run_make(repository, "undo")
    assert asked.returncode != 0 and "calls/2019-rorlighet-matchning/call.yml" in asked.stdout and "docs/sv/ny.md" in asked.stdout
    assert "Makefile" in asked.stdout  # named as left alone
    assert call_yml.read_text(encoding="utf-8") != original  # not undone without a yes
    result = run_make(repository, "undo", "YES=1")
    assert result.returncode == 0, result.stderr
    assert call_yml.read_text(encoding="utf-8") == original and not (repository / "docs" / "sv" / "ny.md").exists()
    [kept] = list((repository / ".undo").iterdir())
    assert "max_project_months: 99" in (kept / CALL_PATH / "call.yml").read_text(encoding="utf-8")
    assert (kept / "docs" / "sv" / "ny.md").exists()
    assert git(repository, "status", "--porcelain", "--", "Makefile") == " M Makefile\n"


def test_undo_last_reverts_the_editors_last_saved_change_and_names_it(repository, tmp_path):
    edit(repository / CALL_PATH / "call.yml", "max_project_months: 12", "max_project_months: 10")
    assert publish(repository, tmp_path / "www", "Kortare projekt").returncode == 0
    saved = git(repository, "rev-parse", "--short", "HEAD").strip()
    result = run_make(repository, "undo", "LAST=1", "YES=1", env=EDITOR)
    assert result.returncode == 0, result.stderr
    assert saved in result.stdout and "Kortare projekt" in result.stdout and "Anna Redaktör" in result.stdout
    assert "max_project_months: 12" in (repository / CALL_PATH / "call.yml").read_text(encoding="utf-8")
    log = git(repository, "log", "--format=%s").splitlines()
    assert log[1] == "Kortare projekt" and log[0].startswith("Revert")  # history kept, a new change takes it back


def test_undo_last_never_touches_a_developers_commit(repository):
    edit(repository / CALL_PATH / "call.yml", "max_project_months: 12", "max_project_months: 10")
    edit(repository / "tools" / "build.py", "\n", "\n\n")
    git(repository, "commit", "-qam", "Utvecklarens ändring")
    head = git(repository, "rev-parse", "HEAD")
    result = run_make(repository, "undo", "LAST=1", "YES=1", env=EDITOR)
    assert result.returncode != 0
    assert "Dev Eloper" in result.stderr and "Utvecklarens ändring" in result.stderr and "tools/build.py" in result.stderr
    assert git(repository, "rev-parse", "HEAD") == head


def test_undo_last_says_when_the_change_was_someone_elses(repository):
    edit(repository / CALL_PATH / "call.yml", "max_project_months: 12", "max_project_months: 10")
    git(repository, "commit", "-qam", "Kollegans ändring")
    result = run_make(repository, "undo", "LAST=1", "YES=1", env=EDITOR)
    assert result.returncode == 0, result.stderr
    assert "Dev Eloper" in result.stdout and words("undo_last_someone_else").split("{")[0].strip() in result.stdout


def test_undo_last_with_unsaved_changes_asks_to_deal_with_them_first(repository):
    edit(repository / CALL_PATH / "call.yml", "max_project_months: 12", "max_project_months: 10")
    head = git(repository, "rev-parse", "HEAD")
    result = run_make(repository, "undo", "LAST=1", "YES=1", env=EDITOR)
    assert result.returncode != 0 and git(repository, "rev-parse", "HEAD") == head
    assert "max_project_months: 10" in (repository / CALL_PATH / "call.yml").read_text(encoding="utf-8")


# --- make new-call --------------------------------------------------------------------------------

def test_new_call_yields_a_valid_call_in_a_new_folder_with_an_empty_log_and_a_checklist(repository, tmp_path):
    to = tmp_path / "www"
    assert publish(repository, to, "Före nästa utlysning").returncode == 0  # the new call was not started yet
    old_folder = repository / CALL_PATH
    pages = lambda: {name: data for name, data in snapshot(call_dir_of(to / "current")).items() if name.endswith(".html")}  # noqa: E731
    old, old_files, old_pages = load(old_folder).call, snapshot(old_folder), pages()
    result = run_make(repository, "new-call", env=DEVELOPER)
    assert result.returncode == 0, result.stderr
    folders = sorted((repository / "calls").iterdir())
    [new_folder] = [folder for folder in folders if folder != old_folder]
    today = dt.date.today().isoformat()
    new = load(new_folder).call
    assert new_folder.name == new["window"]["opens"][:4] + old_folder.name[4:]  # next year's name, beside last year's
    assert snapshot(old_folder) == old_files  # last year's call untouched
    assert new["changes_since"] == today
    assert new["window"]["opens"] > today and new["window"]["opens"][5:] == old["window"]["opens"][5:]
    for cleared in ("published", "questions_until", "events", "notices"):
        assert cleared not in new
    assert new["questions"] == [] and new["outcome"] is None
    for kept in ("funder", "contact", "funding", "selection_criteria", "applicant_types", "title"):
        assert new[kept] == old[kept]
    assert not (new_folder / "source").exists()  # last year's published text is not the new call's
    checklist = (repository / "NY-UTLYSNING.md").read_text(encoding="utf-8")
    import re
    listed = re.findall(r"`(calls/[\w./-]+):(\d+)`", checklist)
    assert listed and all(file.startswith(f"calls/{new_folder.name}/") for file, _line in listed)
    for file, line in listed:
        assert (repository / file).exists() and int(line) <= len((repository / file).read_text(encoding="utf-8").splitlines())
    # The moved dates are provisional: the check warns, and a publication leaves the new call out.
    assert new["window"]["provisional"] is True
    call_yml = new_folder / "call.yml"
    line = next(number for number, text in enumerate(call_yml.read_text(encoding="utf-8").splitlines(), 1) if "provisional: true" in text)
    loose = run_make(repository, "check")
    assert loose.returncode == 0 and f"calls/{new_folder.name}/call.yml:{line}: window.provisional: datumen " in loose.stderr
    held = publish(repository, to, "Nästa utlysning påbörjad")
    assert held.returncode == 0, held.stderr
    assert new_folder.name in held.stdout  # said as not published yet
    assert not (to / "current" / new_folder.name).exists()
    assert pages() == old_pages  # last year's pages as they were
    # The editor sets the real dates: the new call is published beside the old, its public log empty.
    opens, closes = new["window"]["opens"], new["window"]["closes"]
    text = call_yml.read_text(encoding="utf-8").replace(f"closes: {closes}", f"closes: {closes[:8]}20")
    call_yml.write_text(text.replace(f"opens: {opens}", f"opens: {opens[:8]}02").replace("  provisional: true\n", ""), encoding="utf-8")
    assert run_make(repository, "check", "STRICT=1").returncode == 0
    assert publish(repository, to, "Ny utlysning").returncode == 0
    changes = (to / "current" / new_folder.name / "changes.html").read_text(encoding="utf-8")
    sv = yaml.safe_load((REPO / "macros" / "strings" / "sv.yml").read_text(encoding="utf-8"))
    none = next(value for group in sv.values() if isinstance(group, dict) for key, value in group.items() if key == "changes_none")
    assert none.split("{date}")[0].strip() in changes
    assert (to / "current" / CALL_PATH.name / "index.html").is_file()
    listing = (to / "current" / "index.html").read_text(encoding="utf-8")
    assert f'href="{new_folder.name}/index.html"' in listing and f'href="{CALL_PATH.name}/index.html"' in listing


def test_new_call_with_unsaved_changes_refuses(repository):
    edit(repository / CALL_PATH / "call.yml", "max_project_months: 12", "max_project_months: 10")
    result = run_make(repository, "new-call", env=DEVELOPER)
    assert result.returncode != 0 and "make undo" in result.stderr
    assert "max_project_months: 10" in (repository / CALL_PATH / "call.yml").read_text(encoding="utf-8")


# --- the pipelines ------------------------------------------------------------------------------

def test_the_pipelines_call_one_script_that_gates_builds_and_publishes(repository, tmp_path):
    github = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    steps = github["jobs"]["site"]["steps"]
    assert [(step["run"], step["if"]) for step in steps if "run" in step and "pipeline" in step["run"]] == [
        ("bash tools/pipeline.sh build", "github.ref == 'refs/heads/main'"), ("bash tools/pipeline.sh preview", "github.ref != 'refs/heads/main'")]
    assert "bash tools/pipeline.sh publish" in github["jobs"]["publish"]["steps"][-1]["run"]
    assert any(step.get("with", {}).get("fetch-depth") == 0 for step in steps)  # the change log needs history
    assert "bash tools/pipeline.sh build" in gitlab["site"]["script"] and gitlab["variables"]["GIT_DEPTH"] == "0"
    assert "bash tools/pipeline.sh publish" in gitlab["publish"]["script"]
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(MAKEFLAGS=" ".join(MAKE_VARS), PUBLISH_TO=str(tmp_path / "www"), EDITOR_LANGUAGE="sv")
    env.pop("CALL_DIR", None)
    good = subprocess.run(["bash", "tools/pipeline.sh"], cwd=repository, env=env, capture_output=True, text=True, timeout=300)
    assert good.returncode == 0, good.stderr
    assert (tmp_path / "www" / "current" / "index.html").exists()
    edit(repository / CALL_PATH / "call.yml", "closes: 2019-03-31", "closes: 2019-03-32")
    env["PUBLISH_TO"] = str(tmp_path / "www2")
    bad = subprocess.run(["bash", "tools/pipeline.sh"], cwd=repository, env=env, capture_output=True, text=True, timeout=300)
    assert bad.returncode != 0 and "calls/2019-rorlighet-matchning/call.yml:" in bad.stderr
    assert not (tmp_path / "www2").exists()


# --- messages an editor understands ----------------------------------------------------------------

def test_former_raw_codes_read_as_sentences_and_an_unclosed_quote_is_found_where_it_starts(repository):
    call_yml = repository / CALL_PATH / "call.yml"
    contact = load(repository / CALL_PATH).call["contact"]
    edit(call_yml, f"phone: {contact['phone']}", "phone: 0705498062x")
    edit(call_yml, f"email: {contact['email']}", "email: eva@")
    edit(call_yml, "max_project_months: 12", "max_project_months: tolv")
    edit(call_yml, "opens: 2019-01-15", "opens: 15 januari 2019")
    edit(call_yml, "  - id: A\n", "  - id: A B\n")
    result = run_make(repository, "check")
    lines = [line for line in result.stderr.splitlines() if line.startswith("calls/2019-rorlighet-matchning/call.yml:")]
    assert len(lines) == 5, result.stderr
    for line in lines:
        assert "(format_" not in line and "(type_" not in line and ")" in line  # what to write, in words
    title = line_of(call_yml, "  sv: Projektstöd för")
    edit(call_yml, "  sv: Projektstöd för", '  sv: "Projektstöd för')
    quote = run_make(repository, "check")
    assert quote.stderr.startswith(f"calls/2019-rorlighet-matchning/call.yml:{title}: "), quote.stderr
    assert words_problem("yaml_unclosed_quote") in quote.stderr


def words_problem(code: str) -> str:
    import re
    return max(re.split(r"\{\w+\}", table("sv")[code]["what"]), key=len).strip()
