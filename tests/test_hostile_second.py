"""Hostile input, second round (#25), point by point, through the real servers, build, publish and browser.

1. the editor's local server: foreign Hosts and Origins, paths outside the data, links;
2. symbolic links anywhere the build reads;   3. the publish message is data;
4. files beside the pages, markup that templates build, what the post-build check parses;
5. undo, releases and rollback that never lose a version;   6. inputs that make the check slow;
7. tracebacks instead of FILE:LINE;   8. output readers' software rejects;   9. the smaller ones.
The payloads differ from the ones the issue names, so the checks cannot know them by their spelling.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import CALL_PATH, REFERENCE_CALL, REPO, StaticServer, call_dir_of, copy_call, make_workspace
from tools.local_nginx import free_port


@pytest.fixture
def workspace(tmp_path):
    return make_workspace(tmp_path / "work")


# --- 1. the editor's local server ----------------------------------------------------------------------------

@pytest.fixture
def editor_server(workspace):
    """The editor's origin (page, configuration, backend) over a copy of the project: (workspace, origin)."""
    from tools.edit import serve_editor
    port = free_port()
    server = serve_editor(port, root=workspace, folder=workspace / CALL_PATH)
    try:
        yield workspace, f"http://127.0.0.1:{port}", port
    finally:
        server.shutdown()
        server.server_close()


def post(origin: str, body, host: str | None = None, sender: str | None = "same", kind: str = "application/json"):
    """POST to the backend as a page would: (status, answer)."""
    headers = {"Content-Type": kind}
    if host:
        headers["Host"] = host
    if sender:
        headers["Origin"] = origin if sender == "same" else sender
    request = urllib.request.Request(origin + "/api/v1", data=json.dumps(body).encode("utf-8"), method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def persist(path: str, raw: str) -> dict:
    return {"action": "persistEntry", "params": {"entry": {"path": path, "raw": raw, "slug": "x"}, "assets": [], "options": {}}}


def test_the_editor_answers_only_its_own_host_and_takes_writes_only_from_its_own_origin(editor_server):
    workspace, origin, port = editor_server
    call_yml = workspace / CALL_PATH / "call.yml"
    before = call_yml.read_bytes()
    unchanged = persist("calls/2019-rorlighet-matchning/call.yml", before.decode("utf-8"))
    # A name rebound to 127.0.0.1: neither reads nor writes, not even the configuration.
    for host in (f"attacker.example:{port}", "127.0.0.1.nip.example", f"localhost.:{port}", f"127.0.0.1:{port + 1}"):
        assert post(origin, {"action": "info"}, host=host)[0] == 403, host
        request = urllib.request.Request(origin + "/admin/config.yml", headers={"Host": host})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403, host
    # Another site, the preview's origin, a sandboxed frame, no Origin at all, a form's body: refused.
    for sender in ("https://intranet.example", f"http://127.0.0.1:{port + 1}", f"http://localhost:{port + 7}", "null", None):
        assert post(origin, unchanged, sender=sender)[0] == 403, sender
    assert post(origin, unchanged, kind="text/plain")[0] == 403
    assert post(origin, unchanged, kind="application/x-www-form-urlencoded")[0] == 403
    assert call_yml.read_bytes() == before
    # Its own page, from either of its names, may.
    assert post(origin, {"action": "info"})[0] == 200
    localhost = f"http://localhost:{port}"
    assert post(localhost, {"action": "info"}, host=f"localhost:{port}")[0] == 200


@pytest.mark.parametrize("path", [
    "Makefile", "tools/check.py", ".git/hooks/pre-commit", ".github/workflows/own.yml", "calls/2019-rorlighet-matchning/../Makefile",
    "./calls/2019-rorlighet-matchning/call.yml", "calls/2019-rorlighet-matchning//call.yml", "/etc/hostname", "call\\call.yml", "calls/2019-rorlighet-matchning/text/sv/../../../Makefile",
    "calls/2019-rorlighet-matchning/text/sv/new-page.md", "calls/2019-rorlighet-matchning/text/sv/funding.md.sh", "calls/2019-rorlighet-matchning/translations.yml", "docs/sv/index.md",
    "calls/2019-rorlighet-matchning/call.yml\x00.md", "calls/2019-rorlighet-matchning/bilder/logo.svg", "mkdocs.yml",
])
def test_the_backend_reads_and_writes_only_the_calls_data_and_texts(editor_server, path):
    workspace, origin, _port = editor_server
    before = {str(p): p.read_bytes() for p in workspace.rglob("*") if p.is_file()}
    status, answer = post(origin, persist(path, "hacked: true\n"))
    assert status in (403, 404, 422) and answer["error"], (path, status)
    status, answer = post(origin, {"action": "getEntry", "params": {"path": path}})
    assert answer["data"] is None, path
    after = {str(p): p.read_bytes() for p in workspace.rglob("*") if p.is_file()}
    assert after == before, path


def test_media_deletions_and_moves_are_refused(editor_server):
    workspace, origin, _port = editor_server
    asset = {"path": "tools/evil.py", "content": "cHJpbnQoMSk=", "encoding": "base64"}
    raw = (workspace / CALL_PATH / "glossary.yml").read_text(encoding="utf-8")
    for body in ({"action": "persistMedia", "params": {"asset": asset}},
                 {"action": "deleteFile", "params": {"path": "calls/2019-rorlighet-matchning/glossary.yml"}},
                 {"action": "deleteFiles", "params": {"paths": ["calls/2019-rorlighet-matchning/call.yml"]}},
                 {"action": "persistEntry", "params": {"entry": {"path": "calls/2019-rorlighet-matchning/glossary.yml", "raw": raw}, "assets": [asset]}},
                 {"action": "persistEntry", "params": {"dataFiles": [{"path": "calls/2019-rorlighet-matchning/glossary.yml", "raw": raw,
                                                                     "newPath": "tools/glossary.py"}], "assets": []}}):
        assert post(origin, body)[0] == 403, body["action"]
    assert not (workspace / "tools" / "evil.py").exists() and not (workspace / "tools" / "glossary.py").exists()
    assert (workspace / CALL_PATH / "glossary.yml").read_text(encoding="utf-8") == raw


def test_a_link_in_the_calls_folder_is_neither_read_nor_written_through(editor_server, tmp_path):
    workspace, origin, _port = editor_server
    secret = tmp_path / "secret.txt"
    secret.write_text("the build machine's secret\n", encoding="utf-8")
    text = workspace / CALL_PATH / "text" / "sv" / "funding.md"
    text.unlink()
    text.symlink_to(secret)
    status, answer = post(origin, {"action": "getEntry", "params": {"path": "calls/2019-rorlighet-matchning/text/sv/funding.md"}})
    assert answer["data"] is None
    listed = post(origin, {"action": "entriesByFolder", "params": {"folder": "calls/2019-rorlighet-matchning/text/sv", "extension": "md", "depth": 1}})[1]
    assert "secret" not in json.dumps(listed)
    assert post(origin, persist("calls/2019-rorlighet-matchning/text/sv/funding.md", "overwritten"))[0] == 403
    assert secret.read_text(encoding="utf-8") == "the build machine's secret\n"
    # A linked folder on the way is refused as well.
    moved = tmp_path / "texts"
    (workspace / CALL_PATH / "text" / "en").rename(moved)
    (workspace / CALL_PATH / "text" / "en").symlink_to(moved, target_is_directory=True)
    before = (moved / "funding.md").read_bytes()
    assert post(origin, persist("calls/2019-rorlighet-matchning/text/en/funding.md", "overwritten"))[0] in (403, 404)
    assert (moved / "funding.md").read_bytes() == before


def test_every_call_of_the_site_is_edited_and_a_linked_call_folder_is_not(editor_server, tmp_path):
    """The backend edits each call of the site (calls/<slug>/), one save checking the call it changes; a call folder
    that is a link to somewhere else is neither read nor written through, nor offered as a call."""
    import shutil
    workspace, origin, _port = editor_server
    second = workspace / "calls" / "2020-andra"
    shutil.copytree(workspace / CALL_PATH, second, ignore=shutil.ignore_patterns("source"))
    outside = tmp_path / "elsewhere"
    shutil.copytree(workspace / CALL_PATH, outside, ignore=shutil.ignore_patterns("source"))
    (workspace / "calls" / "2030-lank").symlink_to(outside, target_is_directory=True)
    glossary = (second / "glossary.yml").read_text(encoding="utf-8")
    assert post(origin, {"action": "getEntry", "params": {"path": "calls/2020-andra/glossary.yml"}})[1]["data"] == glossary
    assert post(origin, persist("calls/2020-andra/glossary.yml", glossary + "\n")) == (200, {"message": "entry persisted"})
    assert (second / "glossary.yml").read_text(encoding="utf-8") == glossary + "\n"
    call_yml = (second / "call.yml").read_text(encoding="utf-8")
    status, answer = post(origin, persist("calls/2020-andra/call.yml", call_yml.replace("max_project_months:", "max_project_months: x\nold:", 1)))
    assert status == 422 and (second / "call.yml").read_text(encoding="utf-8") == call_yml
    before = {str(p): p.read_bytes() for p in outside.rglob("*") if p.is_file()}
    for name in ("call.yml", "glossary.yml", "text/sv/funding.md"):
        assert post(origin, {"action": "getEntry", "params": {"path": f"calls/2030-lank/{name}"}})[1]["data"] is None
        assert post(origin, persist(f"calls/2030-lank/{name}", "hacked: true\n"))[0] == 403
    assert {str(p): p.read_bytes() for p in outside.rglob("*") if p.is_file()} == before


def test_a_save_that_would_break_the_call_is_refused_with_the_reason_and_changes_nothing(editor_server):
    workspace, origin, _port = editor_server
    from macros.messages import table
    call_yml = workspace / CALL_PATH / "call.yml"
    before = call_yml.read_text(encoding="utf-8")
    opens = next(line for line in before.splitlines() if line.strip().startswith("opens:")).split(":", 1)[1].strip()
    broken = before.replace(f"closes: {next(l for l in before.splitlines() if l.strip().startswith('closes:')).split(':', 1)[1].strip()}",
                            f"closes: {int(opens[:4]) - 1}{opens[4:]}", 1)
    assert broken != before
    status, answer = post(origin, persist("calls/2019-rorlighet-matchning/call.yml", broken))
    assert status == 422
    said = table(os.environ.get("EDITOR_LANGUAGE", "sv"))
    assert answer["error"].startswith(said["edit_refused_invalid"].split("{")[0])
    assert said["closes_before_opens"]["what"].split("{")[0].strip() in answer["error"]
    assert "call.yml" not in answer["error"] and "window." not in answer["error"]  # no file names, no field paths
    from tools.field_labels import field_labels
    assert " → ".join(field_labels("calls/2019-rorlighet-matchning/call.yml", "window.closes", None)) + ":" in answer["error"]  # the field, by its label in the form
    assert call_yml.read_text(encoding="utf-8") == before
    # A good save is written whole, and only that file changes.
    fixed = before.replace("\n", "\n", 1)
    assert post(origin, persist("calls/2019-rorlighet-matchning/call.yml", fixed)) == (200, {"message": "entry persisted"})


def test_nothing_the_preview_serves_can_call_the_editor(browser, editor_server, tmp_path):
    """A page on another local origin (the preview, or any page the editor visits) posts to the backend, as a
    form would and as a script would: nothing is written."""
    workspace, origin, _port = editor_server
    call_yml = workspace / CALL_PATH / "call.yml"
    before = call_yml.read_bytes()
    payload = json.dumps(persist("calls/2019-rorlighet-matchning/call.yml", "title: hacked\n"))
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(f"""<!doctype html><html lang="en"><title>x</title><body>
<form id="f" method="post" action="{origin}/api/v1" enctype="text/plain"><input name='{payload[:-1]}' value='"}}'></form>
<script>
window.results = [];
Promise.all([
  fetch("{origin}/api/v1", {{method: "POST", mode: "no-cors", body: {json.dumps(payload)}}}).then(() => results.push("sent"), () => results.push("failed")),
  fetch("{origin}/api/v1", {{method: "POST", headers: {{"Content-Type": "application/json"}}, body: {json.dumps(payload)}}})
    .then(r => r.text()).then(t => results.push("read " + t), () => results.push("blocked")),
]).then(() => {{ window.done = true; }});
</script></body></html>""", encoding="utf-8")
    with StaticServer(tmp_path / "page") as server:
        page = browser.new_page()
        page.goto(server.origin + "/index.html")
        page.wait_for_function("window.done === true")
        assert "blocked" in page.evaluate("window.results")  # the JSON call: no CORS for another origin
        page.evaluate("document.getElementById('f').submit()")
        page.wait_for_load_state()
        page.close()
    assert call_yml.read_bytes() == before


# --- 2. symbolic links, anywhere the build reads -------------------------------------------------------------

def planted_secret(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "deploy_key"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text(f"SECRET-{os.getpid()}-KEY\n", encoding="utf-8")
    return secret


@pytest.mark.parametrize("where", [
    "calls/2019-rorlighet-matchning/text/sv/purpose.md",          # a text of the call, replaced by a link
    "docs/sv/kopia.md",                 # a page beside the others
    "docs/en/assets",                   # a folder, linked whole
    "overrides/assets/extra.css",       # the theme
    "calls/2019-rorlighet-matchning",   # the call's folder itself
    "site.yml",                         # the site's file, which every call reads
])
def test_a_link_stops_the_build_with_its_path_and_publishes_nothing(tmp_path, workspace, where):
    from conftest import run_build
    secret = planted_secret(tmp_path)
    target = workspace / where
    if where == str(CALL_PATH):
        moved = tmp_path / "real-call"
        target.rename(moved)
        target.symlink_to(moved, target_is_directory=True)
    elif where.endswith("assets"):
        target.symlink_to(secret.parent, target_is_directory=True)
    else:
        target.unlink(missing_ok=True)
        target.symlink_to(secret)
    out = tmp_path / "site"
    result = run_build(out, root=workspace)
    assert result.returncode == 1, result.stdout
    assert f"{where}:1:" in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert "SECRET" not in result.stderr and not out.exists()


def test_a_version_of_the_call_committed_as_a_link_is_never_read(tmp_path):
    import subprocess
    from macros.history import read_history
    from test_publish import git
    repo = tmp_path / "repo"
    copy_call(REFERENCE_CALL, repo / "call")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first")
    original = (repo / "call" / "call.yml").read_bytes()
    (repo / "call" / "call.yml").unlink()
    (repo / "call" / "call.yml").symlink_to(planted_secret(tmp_path))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a link")
    (repo / "call" / "call.yml").unlink()
    (repo / "call" / "call.yml").write_bytes(original)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "back")
    history = read_history(repo / "call", ("sv", "en"), "sv")
    assert [skipped.code for skipped in history.skipped] == ["symlink_refused"]
    assert "SECRET" not in repr(history)
    del subprocess


def test_the_pipelines_build_without_the_deploy_key():
    """The key reaches only the step that publishes a built site, and lives outside the working tree."""
    import yaml
    github = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    jobs = github["jobs"]
    for name, job in jobs.items():
        text = json.dumps(job)
        if "make site" in text or "pipeline.sh build" in text:
            assert "secrets." not in text, name
        if "PUBLISH_SSH_KEY" in text:
            assert "pipeline.sh publish" in text and "RUNNER_TEMP" in text and "~/.ssh" not in text, name
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    for name, job in gitlab.items():
        if isinstance(job, dict) and "script" in job:
            text = json.dumps(job)
            if "pipeline.sh build" in text:
                assert "PUBLISH_SSH_KEY" in text and "unset PUBLISH_SSH_KEY" in text, name  # never in the build's environment
            if "pipeline.sh publish" in text:
                assert job.get("environment") and job.get("resource_group"), name


# --- 3. the publish message is data ----------------------------------------------------------------------

@pytest.fixture
def repository(tmp_path):
    from test_publish import git
    workspace = make_workspace(tmp_path / "work")
    git(workspace, "init", "-q", "-b", "main")
    git(workspace, "add", "-A")
    git(workspace, "commit", "-qm", "Utlysningen")
    return workspace


@pytest.mark.parametrize("message", [
    "Höjt tak till $500 000 och $(shell touch {canary}) samt `touch {canary}` och $$(touch {canary})",
    "Två rader:\n\nandra raden med 'citat', \"dubbla\" och \\backslash\\ ; touch {canary} # inte en kommentar\n",
    "${{HOME}} $(value MAKEFILE_LIST) $(eval X:=1) %s %d {{}} && touch {canary}",
])
def test_the_publish_message_reaches_git_byte_for_byte_and_runs_nothing(repository, tmp_path, message):
    from test_publish import publish
    canary = tmp_path / "canary"
    message = message.format(canary=canary)
    from macros.call_data import load
    cap = load(repository / CALL_PATH).call["funding"]["max_support_sek"]
    call_yml = repository / CALL_PATH / "call.yml"
    call_yml.write_text(call_yml.read_text(encoding="utf-8").replace(f"max_support_sek: {cap}", f"max_support_sek: {cap - 10000}"),
                        encoding="utf-8")
    result = publish(repository, tmp_path / "www", message)
    assert result.returncode == 0, result.stderr
    assert not canary.exists()
    stored = subprocess_bytes(repository, "git", "cat-file", "commit", "HEAD").split(b"\n\n", 1)[1]
    assert stored == message.encode("utf-8"), (stored, message)


def subprocess_bytes(cwd: Path, *command: str) -> bytes:
    import subprocess
    return subprocess.run(list(command), cwd=cwd, capture_output=True, check=True).stdout


@pytest.mark.parametrize("variable,value", [("TO", "$(shell touch {canary})"), ("WHAT", "x; touch {canary}"),
                                            ("LAST", "$(shell touch {canary})"), ("STRICT", "$(shell touch {canary})")])
def test_no_value_typed_on_makes_command_line_runs(repository, tmp_path, variable, value):
    import subprocess
    from test_publish import MAKE_VARS
    canary = tmp_path / "canary"
    target = {"TO": "rollback", "WHAT": "translated", "LAST": "undo", "STRICT": "check"}[variable]
    subprocess.run(["make", "--no-print-directory", "-C", str(repository), target, f"{variable}={value.format(canary=canary)}",
                    *MAKE_VARS], capture_output=True, text=True, timeout=300, input="nej\n")
    assert not canary.exists(), variable


@pytest.mark.parametrize("to", ["-oProxyCommand=touch {canary}:/srv", "--rsync-path=touch {canary}", "-e:/tmp/x"])
def test_a_destination_that_looks_like_an_option_is_refused(repository, tmp_path, to):
    from test_publish import run_make
    canary = tmp_path / "canary"
    assert run_make(repository, "site").returncode == 0
    result = run_make(repository, "release", env={"TO": to.format(canary=canary)})
    assert result.returncode != 0 and "Traceback" not in result.stderr and "usage:" not in result.stderr
    assert "TO=" in result.stderr and not canary.exists()
    assert not any(path.name.startswith("-") for path in repository.iterdir())


# --- 5. undo, releases and rollback never lose a version -------------------------------------------------

def test_undo_keeps_staged_unstaged_and_new_versions_and_a_rerun_finishes(repository):
    from test_publish import git, run_make
    new = repository / CALL_PATH / "text" / "sv" / "extra-note.md"
    new.write_text("staged version\n", encoding="utf-8")
    glossary = repository / CALL_PATH / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "# staged\n", encoding="utf-8")
    git(repository, "add", "--", str(new), str(glossary))
    new.write_text("working version\n", encoding="utf-8")
    glossary.write_text(glossary.read_text(encoding="utf-8") + "# working\n", encoding="utf-8")
    result = run_make(repository, "undo", "YES=1")
    assert result.returncode == 0, result.stderr
    [kept] = list((repository / ".undo").iterdir())
    assert (kept / "calls/2019-rorlighet-matchning/text/sv/extra-note.md").read_text(encoding="utf-8") == "working version\n"
    assert (kept / "staged" / CALL_PATH / "text/sv/extra-note.md").read_text(encoding="utf-8") == "staged version\n"
    assert (kept / "calls/2019-rorlighet-matchning/glossary.yml").read_text(encoding="utf-8").endswith("# staged\n# working\n")
    assert (kept / "staged" / CALL_PATH / "glossary.yml").read_text(encoding="utf-8").endswith("# staged\n")
    assert not new.exists() and git(repository, "status", "--porcelain", "--", "calls").strip() == ""
    again = run_make(repository, "undo", "YES=1")
    assert again.returncode == 0 and "Traceback" not in again.stderr


def test_two_releases_at_once_both_finish_whole(repository, tmp_path):
    import subprocess
    import sys
    from test_publish import current, releases
    to = tmp_path / "www"
    from test_publish import run_make
    assert run_make(repository, "site").returncode == 0
    env = {key: value for key, value in os.environ.items() if key != "CALL_DIR"}
    for _round in range(3):
        runs = [subprocess.Popen([sys.executable, "-m", "tools.publish", "release", "--to", str(to), "--site", "site"],
                                 cwd=repository, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
        outcomes = [(run.wait(timeout=300), run.stderr.read()) for run in runs]
        assert all(code == 0 for code, _ in outcomes), outcomes
    assert current(to) == releases(to)[-1] and (to / "current" / "index.html").is_file()
    assert not list((to / "releases").glob(".partial-*"))


def test_only_the_projects_own_releases_are_ever_pruned(repository, tmp_path):
    from test_publish import run_make
    from tools.publish import KEEP_RELEASES
    to = tmp_path / "www"
    owners = [to / "releases" / ".partial-notes", to / "releases" / "20000101T000000Z", to / "releases" / "backup"]
    for folder in owners:
        folder.mkdir(parents=True)
        (folder / "own.txt").write_text("the owner's\n", encoding="utf-8")
    assert run_make(repository, "site").returncode == 0
    for _ in range(KEEP_RELEASES + 2):
        assert run_make(repository, "release", env={"TO": str(to)}).returncode == 0
    assert all((folder / "own.txt").read_text(encoding="utf-8") == "the owner's\n" for folder in owners)
    ours = [name for name in (to / "releases" / ".manifest").read_text(encoding="utf-8").split() if name]
    assert len(ours) == KEEP_RELEASES


def test_rollback_on_a_missing_destination_changes_nothing_and_says_so(repository, tmp_path):
    from test_publish import run_make, words
    to = tmp_path / "nowhere" / "www"
    result = run_make(repository, "rollback", env={"TO": str(to)})
    assert result.returncode != 0 and words("rollback_no_destination") in result.stderr
    assert not (tmp_path / "nowhere").exists()


# --- 4. only what the project declares reaches readers -----------------------------------------------------

def gate_of(root: Path):
    """The strict gate in process on a workspace: its problems."""
    from macros.prepared import prepare
    from tools import check
    problems, _warnings = check.run(prepare(root / CALL_PATH, with_history=False), root, strict=False)
    return problems


@pytest.mark.parametrize("name,content", [
    ("karta.svg", '<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/><script>fetch("/x")</script></svg>'),
    ("logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="top.location=1"><rect width="1" height="1"/></svg>'),
    ("bild.svg", '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><a x:href="javascript:void(0)"><text>x</text></a></svg>'),
    ("ram.svg", '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>'),
    ("lank.svg", '<svg xmlns="http://www.w3.org/2000/svg"><a href="#x"><set attributeName="href" to="https://e.example"/></a></svg>'),
    ("entitet.svg", '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'),
    ("sida.htm", "<p>hej</p>"), ("sida.html", '<script src="evil.js"></script>'), ("evil.js", "alert(1)"),
    ("stil.css", "body{background:url(https://e.example/t.png)}"), ("foto.png", "<svg onload=alert(1)>"),
    ("undermapp/sida.md", "# Sida"), ("en/index.md", "# Overwrites"),
])
def test_files_beside_the_pages_are_pages_or_plain_images(workspace, name, content):
    target = workspace / "docs" / "sv" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    problems = gate_of(workspace)
    assert problems and all(problem.file.startswith("docs/sv/") or "docs/sv/" in problem.file for problem in problems), problems
    assert any(name.split("/")[0] in problem.file for problem in problems), problems


def test_a_plain_svg_and_a_real_image_are_published(tmp_path, workspace):
    from conftest import build_or_fail
    (workspace / "docs" / "sv" / "karta.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><title>Karta</title><circle cx="2" cy="2" r="2"/></svg>',
        encoding="utf-8")
    (workspace / "docs" / "sv" / "punkt.png").write_bytes(
        bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"))
    site = build_or_fail(tmp_path / "site", root=workspace)
    assert (call_dir_of(site) / "karta.svg").is_file() and (call_dir_of(site) / "punkt.png").is_file()


@pytest.mark.parametrize("payload,line_in_page", [
    ('<{{ "scr" }}ipt src="x.js"></script>', 1),
    ('<svg/{{ "on" }}load=alert(1)>', 1),
    ('<div>\n{% if status.state %}\n<meta http-equiv="{{ "refresh" }}" content="1;url=https://e.example">\n{% endif %}\n</div>', 3),
    ('<{{ "sty" }}le>p::after{content:"Ansökan stängd"}</style>', 1),
    ('<{{ "meta" }} name="referrer" content="unsafe-url">', 1),
    ('<a href="{{ "java" }}script:alert(1)">x</a>', 1),
    ('<{{ "form" }} action="https://e.example/">', 1),
])
def test_markup_a_template_builds_is_refused_at_its_line(workspace, payload, line_in_page):
    page = workspace / "docs" / "sv" / "contact.md"
    first = len(page.read_text(encoding="utf-8").splitlines()) + 2
    page.write_text(page.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + payload + "\n", encoding="utf-8")
    problems = gate_of(workspace)
    assert [p.line for p in problems if p.file.endswith("docs/sv/contact.md")][:1] == [first + line_in_page - 1], \
        [p.text() for p in problems]


@pytest.mark.parametrize("field,value", [
    (("title", "sv"), "Stöd [läs mer](https://e.example/phish) {: .md-banner }"),
    (("summary", "sv"), "![spårning](https://e.example/pixel.png) Sammanfattning med *betoning* och `kod`"),
    (("summary", "sv"), "[js](javascript:alert(document.domain))"),
    (("contact", "name"), "# Rubrik <b>fet</b>"),
])
def test_one_line_texts_are_plain_text(tmp_path, workspace, field, value):
    from conftest import build_or_fail, set_yaml_text
    from pages import read
    set_yaml_text(workspace / CALL_PATH / "call.yml", field, value)
    import subprocess
    import sys
    subprocess.run([sys.executable, "-m", "tools.translations", "mark", "all"], cwd=workspace, check=True, capture_output=True)
    site = build_or_fail(tmp_path / "site", root=workspace)
    for page in site.rglob("*.html"):
        body = page.read_text(encoding="utf-8")
        assert "e.example" not in "".join(re.findall(r'(?:href|src)="[^"]*"', body)), page
        assert "md-banner" not in "".join(re.findall(r'class="[^"]*"', body)), page
        assert "javascript:" not in "".join(re.findall(r'href="[^"]*"', body)), page
        assert "<b>fet</b>" not in body and "<em>betoning</em>" not in body, page
    shown = read(call_dir_of(site) / "index.html").text + read(call_dir_of(site) / "contact.html").text
    assert " ".join(value.split()[:2]) in shown  # the characters themselves, shown as typed


def test_an_applicant_types_name_heads_its_page_as_plain_text(tmp_path, workspace):
    """The page of the calls an applicant type may apply for is headed by the type's name, an editor's text: shown
    as typed, never a link, emphasis or markup."""
    from conftest import build_or_fail, set_yaml_text
    from macros.call_data import load
    from pages import read
    value = "# Företag [läs mer](javascript:alert(1)) *betoning* <b>fet</b>"
    set_yaml_text(workspace / CALL_PATH / "call.yml", ("applicant_types", 0, "name", "sv"), value)
    import subprocess
    import sys
    subprocess.run([sys.executable, "-m", "tools.translations", "mark", "all"], cwd=workspace, check=True, capture_output=True)
    site = build_or_fail(tmp_path / "site", root=workspace)
    kind = load(workspace / CALL_PATH).call["applicant_types"][0]["id"]
    page = site / f"applicant-{kind.replace('_', '-')}.html"
    body = page.read_text(encoding="utf-8")
    [heading] = re.findall(r"<h1[^>]*>(.*?)</h1>", body, re.S)
    assert "<a" not in heading and "<em>" not in heading and "<b>" not in heading, heading
    assert "javascript:" not in "".join(re.findall(r'href="[^"]*"', body))
    assert value in read(page).text  # the characters themselves, shown as typed


def test_nothing_a_page_builds_runs_navigates_or_fetches_in_chromium(tmp_path, workspace, browser):
    """The post-build check is the last net: a spelling the source check does not know still never reaches
    a reader; what does reach one is shown as text, and the browser sees no dialog, navigation or request off the site."""
    from conftest import StaticServer, build_or_fail, set_yaml_text
    set_yaml_text(workspace / CALL_PATH / "call.yml", ("summary", "sv"),
                  '<img src=x onerror=alert(1)> [x](javascript:alert(2)) ![t](https://e.example/p.png) </script><script>alert(3)</script>')
    import subprocess
    import sys
    subprocess.run([sys.executable, "-m", "tools.translations", "mark", "all"], cwd=workspace, check=True, capture_output=True)
    site = build_or_fail(tmp_path / "site", root=workspace)
    seen: list[str] = []
    with StaticServer(site) as server:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (seen.append("dialog"), dialog.dismiss()))
        page.on("request", lambda request: seen.append(request.url) if not request.url.startswith(server.origin) else None)
        page.on("framenavigated", lambda frame: seen.append(frame.url) if not frame.url.startswith(server.origin) else None)
        for name in ("index.html", "en/index.html", "calculator.html"):
            page.goto(f"{server.origin}/{name}")
            page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        page.close()
    assert seen == []


# --- 4 and 9. the nginx recipe ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def nginx_tls(site, tmp_path_factory):
    from tools.local_nginx import LocalNginx
    work = tmp_path_factory.mktemp("nginx-tls")
    (work / "acme" / ".well-known" / "acme-challenge").mkdir(parents=True)
    (work / "acme" / ".well-known" / "acme-challenge" / "token-123").write_text("token-123.key\n", encoding="utf-8")
    tls_port = free_port()
    with LocalNginx(site, work, tls_port=tls_port) as origin:
        yield origin, f"https://127.0.0.1:{tls_port}"


def fetch_raw(url: str):
    import ssl
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(context=context))
    try:
        response = opener.open(url, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    return response.status, response.headers, response.read()


def test_nginx_sends_the_sites_policy_for_every_type_and_hsts_only_over_tls(nginx_tls, site):
    from macros.security_policy import POLICY
    origin, secure = nginx_tls
    for path in ("/index.html", "/assets/favicon.svg", "/feed.xml", "/call.json", "/assets/site.css", "/nowhere"):
        _status, headers, _body = fetch_raw(origin + path)
        policy = headers["Content-Security-Policy"]
        assert policy.startswith(POLICY) and "frame-ancestors 'none'" in policy, path
        assert headers.get("Strict-Transport-Security") is None, path
        _status, headers, _body = fetch_raw(secure + path)
        assert headers["Strict-Transport-Security"].startswith("max-age="), path


def test_nginx_redirects_a_language_folder_to_its_slash_and_answers_certificate_renewal(nginx_tls, languages):
    origin, _secure = nginx_tls
    for lang in languages:
        if lang.path:
            status, headers, _body = fetch_raw(origin + "/" + lang.path.rstrip("/"))
            assert status == 301 and headers["Location"] == "/" + lang.path, lang.code
            assert fetch_raw(origin + "/" + lang.path)[0] == 200
    status, _headers, body = fetch_raw(origin + "/.well-known/acme-challenge/token-123")
    assert status == 200 and body == b"token-123.key\n"
    assert fetch_raw(origin + "/.well-known/other")[0] == 404
    assert fetch_raw(origin + "/.well-known/acme-challenge/../../.git/config")[0] in (400, 404)


# --- 6, 7, 8, 9. bounds, messages instead of tracebacks, characters readers' software rejects -----------------

def fixture_workspace(workspace: Path) -> Path:
    """The workspace with the fixture call (it has a decision, notices and questions) as its call."""
    from conftest import FIXTURE_CALL, use_call
    use_call(workspace, FIXTURE_CALL)
    return workspace


def problems_of(workspace: Path) -> list:
    """The gate's problems for the workspace, in process, never an exception."""
    from macros.prepared import prepare
    from macros.problems import CallError
    from tools import check
    try:
        prepared = prepare(workspace / CALL_PATH, with_history=False)
    except CallError as error:
        return error.problems
    return check.run(prepared, workspace, strict=False)[0]


def line_of(path: Path, needle: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize("old,new,code", [
    ("amount_sek: 250000", "amount_sek: " + "9" * 5000, "yaml_not_a_number"),          # 5 000 digits
    ("amount_sek: 250000", "amount_sek: 0x3D090", "yaml_not_a_number"),                # hexadecimal
    ("amount_sek: 250000", "amount_sek: 2.5e5", "yaml_not_a_number"),                  # an exponent
    ("amount_sek: 250000", "amount_sek: !!float 250000", "yaml_tag"),                  # a tag
    ("amount_sek: 250000", "amount_sek: 250000.0", "wrong_type"),                      # a whole number as a fraction
    ("name: Exempelguiderna AB", 'name: "Exempel\\u202eBA nedriugle"', "yaml_control_character"),   # right-to-left override
    ("name: Exempelguiderna AB", 'name: "Exempel\\ud83dguiderna"', "yaml_control_character"),      # a lone surrogate
    ("name: Exempelguiderna AB", 'name: "Exempel\\x1fguiderna"', "yaml_control_character"),
    ("name: Exempelguiderna AB", "name: Exempel\x00guiderna", "yaml_control_character"),          # a NUL byte, typed
    ("applications_received: 14", "applications_received: 1", "grants_above_applications"),
])
def test_bad_values_in_the_decision_get_file_line_and_a_message(workspace, old, new, code):
    root = fixture_workspace(workspace)
    path = root / CALL_PATH / "outcome.yml"
    line = line_of(path, old)
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    problems = problems_of(root)
    assert [(p.code, p.line) for p in problems if p.file.endswith("outcome.yml")][:1] == [(code, line)], [p.text() for p in problems]


@pytest.mark.parametrize("text", ['"Mötet flyttas.\\vNy tid"', '"Mötet\\0flyttas"', '"Mötet \\uFFFE flyttas"', '"Ny \\u2066tid\\u2069"'])
def test_control_characters_in_a_notice_are_refused_at_its_line(workspace, text):
    root = fixture_workspace(workspace)
    path = root / CALL_PATH / "call.yml"
    original = "sv: Ett andra informationsmöte hålls på nätet den 20 april."
    line = line_of(path, original)
    path.write_text(path.read_text(encoding="utf-8").replace(original, f"sv: {text}", 1), encoding="utf-8")
    problems = problems_of(root)
    assert [(p.code, p.line) for p in problems][:1] == [("yaml_control_character", line)], [p.text() for p in problems]


@pytest.mark.parametrize("answer", [
    "{{ " + "(" * 250 + "call.title" + ")" * 250 + " }}",
    "{% if " + "not " * 1400 + "call.title %}x{% endif %}",
    "{%if call.title%}" * 220 + "x" + "{%endif%}" * 220,
])
def test_texts_nested_too_deep_get_a_message_not_a_traceback(workspace, answer):
    from conftest import set_yaml_text
    root = fixture_workspace(workspace)
    line = set_yaml_text(root / CALL_PATH / "questions.yml", ("questions", 0, "answer", "sv"), answer)
    problems = problems_of(root)
    assert [(p.code, p.line) for p in problems][:1] == [("template_too_deep", line)], [p.text() for p in problems]


@pytest.mark.parametrize("first_line", ["search: exclude", "template: 404.html", "Title: Kontakt"])
def test_a_multimarkdown_header_is_refused(workspace, first_line):
    page = workspace / "docs" / "sv" / "contact.md"
    page.write_text(first_line + "\n" + page.read_text(encoding="utf-8").split("---", 2)[2], encoding="utf-8")
    problems = problems_of(workspace)
    assert [(p.code, p.line) for p in problems if p.file.endswith("contact.md")][:1] == [("front_matter_key", 1)]


@pytest.mark.parametrize("unit", ["[", "![", "<a ", "[x](", "<"])
@pytest.mark.parametrize("where", ["page", "text", "one long line"])
def test_markdown_that_would_take_minutes_is_refused_at_its_paragraph(tmp_path, workspace, unit, where):
    from conftest import run_build
    if where == "text":
        path = workspace / CALL_PATH / "text" / "sv" / "purpose.md"
    else:
        path = workspace / "docs" / "sv" / "contact.md"
    before = path.read_text(encoding="utf-8").rstrip("\n")
    repeated = unit * (3000 if where != "one long line" else 60000)
    path.write_text(f"{before}\n\nEtt stycke.\n{repeated}\n", encoding="utf-8")
    line = len(before.splitlines()) + 2
    problems = problems_of(workspace)
    assert [(p.code, p.line) for p in problems if p.file.endswith(path.name)][:1] == [("markup_too_complex", line)], \
        [p.text() for p in problems][:3]
    if where == "one long line" and unit == "[":  # and the real build stops at once, naming it
        result = run_build(tmp_path / "site", root=workspace)
        assert result.returncode == 1 and f"contact.md:{line}:" in result.stderr and "Traceback" not in result.stderr


def test_the_largest_call_the_schemas_allow_is_checked_whole(tmp_path, workspace):
    """2 000 grants, 500 questions, 100 meetings and 200 notices: checked, every text and translation read
    (the time it takes is measured by make bench, not here)."""
    from tools.large_call import make_large_call
    make_large_call(workspace / CALL_PATH)
    from macros.prepared import prepare
    from tools import check
    prepared = prepare(workspace / CALL_PATH, with_history=False)
    problems, warnings = check.run(prepared, workspace, strict=False)
    assert problems == []
    assert len(prepared.call["outcome"]["grants"]) == 2000 and len(prepared.call["questions"]) == 500
    lagging = {warning.params[1][1] for warning in warnings if warning.code.startswith("translation_")}
    assert "outcome.yml:grants[grant_1999].project.en" in lagging and "questions.yml:questions[question_499].question.en" in lagging


def test_the_fast_and_the_strict_yaml_reader_agree(tmp_path):
    """libyaml reads the events when it can; what it reads must be what the strict reader reads, line for line."""
    from conftest import FIXTURE_CALL
    from macros.yaml_safe import Document, FastLoader, StrictLoader, _line_index
    from tools.large_call import make_large_call
    files = [REPO / "site.yml"] + sorted(REFERENCE_CALL.glob("*.yml")) + sorted(FIXTURE_CALL.glob("*.yml")) + \
        sorted(make_large_call(tmp_path / "large").glob("*.yml"))
    for path in files:
        read = []
        for loader_class in (FastLoader, StrictLoader):
            loader = loader_class(path.read_text(encoding="utf-8"))
            node = loader.get_single_node()
            read.append(Document(loader.construct_document(node), _line_index(node)))
            loader.dispose()
        assert read[0].data == read[1].data and read[0].lines == read[1].lines, path
    assert FastLoader is not StrictLoader  # libyaml is there: the check of a large call stays in seconds


def test_a_call_already_wrong_on_disk_still_opens_in_the_editor_and_can_be_mended(editor_server):
    """A hand edit left the call wrong: the editor's configuration still loads, a save that mends another file is
    not blamed for it, and the save that mends the wrong file is taken."""
    workspace, origin, _port = editor_server
    call_yml = workspace / CALL_PATH / "call.yml"
    good = call_yml.read_text(encoding="utf-8")
    call_yml.write_text(good.replace("max_project_months:", "max_project_months: 9999\nunknown_field: 1\nx:", 1), encoding="utf-8")
    with urllib.request.urlopen(origin + "/admin/config.yml", timeout=20) as response:
        assert response.status == 200 and json.loads(response.read())["collections"]
    glossary = (workspace / CALL_PATH / "glossary.yml").read_text(encoding="utf-8")
    assert post(origin, persist("calls/2019-rorlighet-matchning/glossary.yml", glossary))[0] == 200
    assert post(origin, persist("calls/2019-rorlighet-matchning/call.yml", good))[0] == 200
    assert call_yml.read_text(encoding="utf-8") == good
