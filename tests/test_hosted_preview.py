"""A branch's preview in the hosted pipelines (tools/hosted_preview.py, tools/preview_status.py, `tools/pipeline.sh
preview` and `announce`): a change saved through the hosted editor is built as readers would see it, with what
keeps it from being published listed on its pages, and announced to the editor as the commit's status."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import re
import subprocess
import threading
import urllib.parse
from pathlib import Path

import pytest
import yaml

from conftest import CALL_PATH, REPO, call_dir_of, set_yaml_text
from macros.call_data import load
from macros.messages import say
from macros.schema_files import schema
from test_editing import MAKE_VARS, edit
from test_publish import repository  # noqa: F401 (a fixture: the project as an editor's clone, in git)
from tools.editor_config import config
from tools.field_labels import field_labels
from tools.preview_status import PREVIEW_CONTEXT

GITHUB = {"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "region/utlysning", "GITHUB_RUN_ID": "42",
          "GITHUB_SERVER_URL": "https://github.example", "GITHUB_REF_NAME": "cms/utlysningen/call", "GITHUB_SHA": "a" * 40}


def pipeline(workspace: Path, step: str, env: dict) -> subprocess.CompletedProcess:
    full = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "GITHUB_", "GITLAB_", "CI_"))}
    full.update(MAKEFLAGS=" ".join(MAKE_VARS), EDITOR_LANGUAGE="en", **env)
    full.pop("CALL_DIR", None)
    return subprocess.run(["bash", "tools/pipeline.sh", step], cwd=workspace, env=full, capture_output=True, text=True, timeout=300)


class StatusServer:
    """Stands in for the repository host's API: records each request it is sent."""

    def __init__(self):
        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                received.append((self.path, self.headers, body.decode("utf-8")))
                self.send_response(201)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_a_lagging_translation_is_built_and_listed_on_every_page_of_the_preview(repository, tmp_path):
    set_yaml_text(repository / CALL_PATH / "call.yml", ("summary", "sv"), "En ny sammanfattning av utlysningen.")
    summary = tmp_path / "summary.md"
    result = pipeline(repository, "preview", {**GITHUB, "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode != 0, result.stdout + result.stderr  # the branch's check is red until it can be published
    lagging = [line for line in result.stderr.splitlines() if "WHAT=call.yml:summary." in line]
    assert len(lagging) == 2, result.stderr  # the English and the Finnish summary, in the run's log as the check says
    # On the preview's pages, as the form names them, and with what to do in the form: no file, line or command.
    shown = f"{say('editor_file_call', lang='en')} → {schema('call.schema.json')['properties']['summary']['title']}: "
    site = repository / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        bar = re.search(r'<link rel="stylesheet" href="([^"]+)"><div class="preview-warnings" role="status">', html)
        assert bar, f"{page}: no bar of what stops publication"
        assert (page.parent / bar.group(1)).resolve() == (site / "__preview" / "preview.css").resolve(), page
        assert "reload.js" not in html and html.count(shown) == 2 and "WHAT=" not in html
    assert (site / "__preview" / "preview.css").is_file()
    assert (site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"
    status = json.loads((repository / "preview-status.json").read_text(encoding="utf-8"))
    assert status == {"url": "https://github.example/region/utlysning/actions/runs/42", "publishable": False,
                      "branch": "cms/utlysningen/call", "folder": "cms-utlysningen-call", "sha": "a" * 40,
                      "description": "2 things must be done before publication: see the preview."}
    written = summary.read_text(encoding="utf-8")
    assert status["url"] in written and status["description"] in written and written.count(shown) == 2


def test_a_refused_change_shows_the_check_in_place_of_the_site(repository):
    window = load(repository / CALL_PATH).call["window"]
    before_opening = (dt.date.fromisoformat(window["opens"]) - dt.timedelta(days=1)).isoformat()
    edit(repository / CALL_PATH / "call.yml", f"closes: {window['closes']}", f"closes: {before_opening}")
    result = pipeline(repository, "preview", GITHUB)
    assert result.returncode != 0
    site = repository / "site"
    assert [path.name for path in site.rglob("*.html")] == ["index.html"]
    page = (site / "index.html").read_text(encoding="utf-8")  # the check's words in place of the site
    labels = field_labels("calls/2019-rorlighet-matchning/call.yml", "window.closes", yaml.safe_load((repository / CALL_PATH / "call.yml").read_text(encoding="utf-8")))
    assert '<h1 class="preview-problems">' in page and f"{say('editor_file_call', lang='en')} → {' → '.join(labels)}: " in page
    assert "calls/2019-rorlighet-matchning/call.yml:" not in page and "window.closes" not in page  # the form's words, not the data's
    assert '<link rel="stylesheet" href="__preview/preview.css">' in page and "reload.js" not in page
    assert json.loads((repository / "preview-status.json").read_text(encoding="utf-8"))["publishable"] is False


def test_a_change_that_can_be_published_is_previewed_on_the_preview_server_and_announced_on_github(repository, tmp_path):
    server = StatusServer()
    try:
        env = {**GITHUB, "PREVIEW_URL": "https://forhandsvisning.example.se/", "PREVIEW_SHA": "b" * 40}
        built = pipeline(repository, "preview", env)
        assert built.returncode == 0, built.stdout + built.stderr
        assert "preview-warnings" not in (repository / "site" / "index.html").read_text(encoding="utf-8")
        address = "https://forhandsvisning.example.se/cms-utlysningen-call/current/"
        assert address in (repository / "site" / "sitemap.xml").read_text(encoding="utf-8")  # it names itself
        env.update(PREVIEW_TO=str(tmp_path / "previews"), GITHUB_API_URL=server.url, GITHUB_TOKEN="token-1")
        announced = pipeline(repository, "announce", env)
        assert announced.returncode == 0, announced.stdout + announced.stderr
        assert (tmp_path / "previews" / "cms-utlysningen-call" / "current" / "index.html").is_file()
        [(path, headers, body)] = server.received
        assert path == f"/repos/region/utlysning/statuses/{'b' * 40}" and headers["Authorization"] == "Bearer token-1"
        assert json.loads(body) == {"state": "success", "target_url": address, "context": PREVIEW_CONTEXT,
                                    "description": "The preview is ready: the change can be published."}
    finally:
        server.close()


def test_the_preview_is_announced_on_gitlab_with_its_token_and_never_without(tmp_path):
    status = {"url": "https://region.gitlab.example/-/utlysning/-/jobs/9/artifacts/site/index.html", "publishable": False,
              "branch": "cms/utlysningen/call", "folder": "cms-utlysningen-call", "sha": "c" * 40, "description": "1 sak."}
    (tmp_path / "preview-status.json").write_text(json.dumps(status), encoding="utf-8")
    server = StatusServer()
    try:
        env = {"GITLAB_CI": "true", "CI_API_V4_URL": f"{server.url}/api/v4", "CI_PROJECT_ID": "7"}
        command = ["python3", "-m", "tools.preview_status", str(tmp_path / "preview-status.json")]
        without = subprocess.run(command, cwd=REPO, env={**os.environ, **env}, capture_output=True, text=True)
        assert without.returncode == 0 and without.stdout.strip() == status["url"] and not server.received
        sent = subprocess.run(command, cwd=REPO, env={**os.environ, **env, "PREVIEW_STATUS_TOKEN": "token-2"},
                              capture_output=True, text=True)
        assert sent.returncode == 0, sent.stderr
        [(path, headers, body)] = server.received
        assert path == f"/api/v4/projects/7/statuses/{'c' * 40}" and headers["PRIVATE-TOKEN"] == "token-2"
        assert dict(urllib.parse.parse_qsl(body)) == {"state": "failed", "target_url": status["url"], "name": PREVIEW_CONTEXT,
                                                      "ref": "cms/utlysningen/call", "description": "1 sak."}
    finally:
        server.close()
    subprocess.run([*command, "--dotenv", str(tmp_path / "preview.env")], cwd=REPO, check=True)
    assert (tmp_path / "preview.env").read_text(encoding="utf-8") == f"PREVIEW_ADDRESS={status['url']}\nPREVIEW_FOLDER=cms-utlysningen-call\n"


def test_the_hosted_editor_saves_each_change_for_review_and_links_its_preview():
    hosted = config(backend_url=None, backend={"name": "gitlab", "repo": "region/utlysning", "branch": "main"})
    assert hosted["publish_mode"] == "editorial_workflow" and hosted["show_preview_links"] is True
    assert hosted["backend"]["preview_context"] == PREVIEW_CONTEXT
    assert config()["publish_mode"] == "simple"  # the local editor saves to this computer; publishing is its own page


@pytest.mark.parametrize("host", ["github", "gitlab"])
def test_the_pipelines_preview_every_other_branch_with_no_key_or_token_where_it_builds(host):
    if host == "github":
        jobs = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))["jobs"]
        [preview_step] = [step for step in jobs["site"]["steps"] if step.get("run") == "bash tools/pipeline.sh preview"]
        assert preview_step["if"] == "github.ref != 'refs/heads/main'" and "secrets" not in json.dumps(jobs["site"])
        announce = jobs["preview"]
        assert announce["permissions"] == {"contents": "read", "statuses": "write"} and announce["environment"] == "preview"
        assert "bash tools/pipeline.sh announce" in announce["steps"][-1]["run"]
    else:
        jobs = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
        assert jobs["preview"]["script"][0] == "unset PUBLISH_SSH_KEY PUBLISH_TO PREVIEW_SSH_KEY PREVIEW_STATUS_TOKEN"
        assert "bash tools/pipeline.sh preview" in jobs["preview"]["script"]
        assert jobs["announce preview"]["environment"]["url"] == "$PREVIEW_ADDRESS"
        assert "bash tools/pipeline.sh announce" in jobs["announce preview"]["script"]
