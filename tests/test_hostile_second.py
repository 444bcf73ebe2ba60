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
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, StaticServer, make_workspace
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
    server = serve_editor(port, root=workspace, folder=workspace / "call")
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
    call_yml = workspace / "call" / "call.yml"
    before = call_yml.read_bytes()
    unchanged = persist("call/call.yml", before.decode("utf-8"))
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
    "Makefile", "tools/check.py", ".git/hooks/pre-commit", ".github/workflows/own.yml", "call/../Makefile",
    "./call/call.yml", "call//call.yml", "/etc/hostname", "call\\call.yml", "call/text/sv/../../../Makefile",
    "call/text/sv/new-page.md", "call/text/sv/funding.md.sh", "call/translations.yml", "docs/sv/index.md",
    "call/call.yml\x00.md", "call/bilder/logo.svg", "mkdocs.yml",
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
    raw = (workspace / "call" / "glossary.yml").read_text(encoding="utf-8")
    for body in ({"action": "persistMedia", "params": {"asset": asset}},
                 {"action": "deleteFile", "params": {"path": "call/glossary.yml"}},
                 {"action": "deleteFiles", "params": {"paths": ["call/call.yml"]}},
                 {"action": "persistEntry", "params": {"entry": {"path": "call/glossary.yml", "raw": raw}, "assets": [asset]}},
                 {"action": "persistEntry", "params": {"dataFiles": [{"path": "call/glossary.yml", "raw": raw,
                                                                     "newPath": "tools/glossary.py"}], "assets": []}}):
        assert post(origin, body)[0] == 403, body["action"]
    assert not (workspace / "tools" / "evil.py").exists() and not (workspace / "tools" / "glossary.py").exists()
    assert (workspace / "call" / "glossary.yml").read_text(encoding="utf-8") == raw


def test_a_link_in_the_calls_folder_is_neither_read_nor_written_through(editor_server, tmp_path):
    workspace, origin, _port = editor_server
    secret = tmp_path / "secret.txt"
    secret.write_text("the build machine's secret\n", encoding="utf-8")
    text = workspace / "call" / "text" / "sv" / "funding.md"
    text.unlink()
    text.symlink_to(secret)
    status, answer = post(origin, {"action": "getEntry", "params": {"path": "call/text/sv/funding.md"}})
    assert answer["data"] is None
    listed = post(origin, {"action": "entriesByFolder", "params": {"folder": "call/text/sv", "extension": "md", "depth": 1}})[1]
    assert "secret" not in json.dumps(listed)
    assert post(origin, persist("call/text/sv/funding.md", "overwritten"))[0] == 403
    assert secret.read_text(encoding="utf-8") == "the build machine's secret\n"
    # A linked folder on the way is refused as well.
    moved = tmp_path / "texts"
    (workspace / "call" / "text" / "en").rename(moved)
    (workspace / "call" / "text" / "en").symlink_to(moved, target_is_directory=True)
    before = (moved / "funding.md").read_bytes()
    assert post(origin, persist("call/text/en/funding.md", "overwritten"))[0] in (403, 404)
    assert (moved / "funding.md").read_bytes() == before


def test_a_save_that_would_break_the_call_is_refused_with_the_reason_and_changes_nothing(editor_server):
    workspace, origin, _port = editor_server
    from macros.messages import table
    call_yml = workspace / "call" / "call.yml"
    before = call_yml.read_text(encoding="utf-8")
    opens = next(line for line in before.splitlines() if line.strip().startswith("opens:")).split(":", 1)[1].strip()
    broken = before.replace(f"closes: {next(l for l in before.splitlines() if l.strip().startswith('closes:')).split(':', 1)[1].strip()}",
                            f"closes: {int(opens[:4]) - 1}{opens[4:]}", 1)
    assert broken != before
    status, answer = post(origin, persist("call/call.yml", broken))
    assert status == 422
    said = table(os.environ.get("EDITOR_LANGUAGE", "sv"))
    assert answer["error"].startswith(said["edit_refused_invalid"].split("{")[0])
    assert said["closes_before_opens"]["what"].split("{")[0].strip() in answer["error"]
    assert "call.yml" not in answer["error"] and "window." not in answer["error"]  # no file names, no field paths
    assert call_yml.read_text(encoding="utf-8") == before
    # A good save is written whole, and only that file changes.
    fixed = before.replace("\n", "\n", 1)
    assert post(origin, persist("call/call.yml", fixed)) == (200, {"message": "entry persisted"})


def test_nothing_the_preview_serves_can_call_the_editor(browser, editor_server, tmp_path):
    """A page on another local origin (the preview, or any page the editor visits) posts to the backend, as a
    form would and as a script would: nothing is written."""
    workspace, origin, _port = editor_server
    call_yml = workspace / "call" / "call.yml"
    before = call_yml.read_bytes()
    payload = json.dumps(persist("call/call.yml", "title: hacked\n"))
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
