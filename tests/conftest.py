"""Shared helpers: real builds into temporary folders, a real HTTP server, a real browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# The reference call, where a project keeps it (calls/<slug>/ beside site.yml), and the fixture call in a site of
# its own (its own languages).
CALL_PATH = Path("calls") / "2019-rorlighet-matchning"
REFERENCE_CALL = REPO / CALL_PATH
FIXTURE_SITE = REPO / "tests" / "fixtures" / "other-site"
FIXTURE_CALL = FIXTURE_SITE / "calls" / "2026-innovationscheckar"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# What a workspace copy needs to build on its own.
SOURCES = ("calls", "site.yml", "docs", "macros", "overrides", "tools", "editor", "mkdocs.yml", "Makefile", "pyproject.toml", "start_editor.py")
PUBLIC_URL = "https://bidrag.example.se/utlysning/"

# Editors' messages are Swedish unless the project says otherwise; tests read them in English
# unless they say otherwise.
os.environ["EDITOR_LANGUAGE"] = "en"
os.environ["LANG"] = "C.UTF-8"


def run_build(out: Path, root: Path = REPO, call_dir: Path | None = None, **env) -> subprocess.CompletedProcess:
    """Run the real build (`python -m tools.build`) and return its result."""
    full_env = dict(os.environ, **env)
    full_env.pop("CALL_DIR", None)
    if call_dir:
        full_env["CALL_DIR"] = str(call_dir)
    full_env.setdefault("SITE_URL", "")
    return subprocess.run([sys.executable, "-m", "tools.build", "--out", str(out)], cwd=root,
                          env=full_env, capture_output=True, text=True)


def build_or_fail(out: Path, **kwargs) -> Path:
    result = run_build(out, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def make_workspace(target: Path) -> Path:
    """A copy of the project's sources that a test may break."""
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)  # with __pycache__: each process in the copy finds its modules compiled
        else:
            shutil.copy2(source, target / name)
    return target


def call_dir_of(site: Path, lang_path: str = "") -> Path:
    """The folder of the one call in a built site, in a language (by its place: "", "en", …): the call's open data
    (call.json) names it."""
    [data] = site.glob("*/call.json")
    return site / lang_path / data.parent.name


def call_path(path: str, slug: str = CALL_PATH.name) -> str:
    """A page's path in the site from its path in one call (the reference call unless told):
    "en/funding.html" -> "en/<slug>/funding.html", "funding.html" -> "<slug>/funding.html"."""
    language, _, rest = path.partition("/")
    return f"{language}/{slug}/{rest}" if rest else f"{slug}/{path}"


def copy_call(source: Path, folder: Path) -> Path:
    """A copy of the call in `source` at `folder`, with its site's file (site.yml) beside it, so that it loads alone."""
    from macros.call_data import SITE_FILE, site_root
    shutil.copytree(source, folder)
    shutil.copyfile(site_root(source) / SITE_FILE, site_root(folder) / SITE_FILE)
    return folder


def use_call(workspace: Path, source: Path) -> Path:
    """A workspace whose only call is a copy of `source` (at the reference call's place), with the site's file of
    `source`: its own languages."""
    from macros.call_data import SITE_FILE, site_root
    shutil.rmtree(workspace / "calls")
    shutil.copytree(source, workspace / CALL_PATH)
    shutil.copyfile(site_root(source) / SITE_FILE, workspace / SITE_FILE)
    return workspace / CALL_PATH


def give_funder_ids(site_yml: Path) -> None:
    """Give a site's funder the identifiers a 360Giving package needs: the fixture site's (example values)."""
    import json
    import yaml
    funder = yaml.safe_load((FIXTURE_SITE / "site.yml").read_text(encoding="utf-8"))["funder"]
    ids = "".join(f"  {key}: {json.dumps(funder[key])}\n" for key in ("org_number", "grant_id_prefix"))
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace("funder:\n", "funder:\n" + ids, 1), encoding="utf-8")


def set_yaml_text(path: Path, keys: tuple, value: str) -> int:
    """Replace one text of a data file, however many lines the editor's form folded it over, with `value`
    (written as a JSON string, which YAML reads as a double-quoted one); the line it stands on."""
    import json
    from macros.yaml_safe import load_bytes
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    document = load_bytes(path.read_bytes())
    start = document.line(keys) - 1
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > indent:
        end += 1
    lines[start:end] = [f"{' ' * indent}{keys[-1]}: {json.dumps(value, ensure_ascii=False)}\n"]
    path.write_text("".join(lines), encoding="utf-8")
    return start + 1


def drop_yaml_text(path: Path, keys: tuple) -> None:
    """Remove one text of a data file with every line it is folded over."""
    set_yaml_text(path, keys, "")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if line.strip() != f'{keys[-1]}: ""'), encoding="utf-8")


def stop_group(process: subprocess.Popen, timeout: float = 15) -> str:
    """Stop a process started with start_new_session=True and everything it started (TERM, then KILL if it
    lingers); the group may already be gone. Returns what it printed, if its output was piped."""
    def signal_group(number: int) -> None:
        try:
            os.killpg(process.pid, number)
        except ProcessLookupError:
            pass
    signal_group(signal.SIGTERM)
    try:
        output = process.communicate(timeout=timeout)[0]
    except subprocess.TimeoutExpired:
        signal_group(signal.SIGKILL)
        output = process.communicate(timeout=timeout)[0]
    return output or ""


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def shared_build(tmp_path_factory, name: str, **kwargs) -> Path:
    """A site built once for the whole run and read by every test process (pytest-xdist runs several): the first
    to ask builds it under a lock in the run's shared temporary folder, the others wait for it and read it."""
    import fcntl
    shared = tmp_path_factory.getbasetemp()
    shared = shared.parent if os.environ.get("PYTEST_XDIST_WORKER") else shared
    out = shared / "shared-sites" / name / "site"
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.parent / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out.parent / "built").exists():
            build_or_fail(out, **kwargs)
            (out.parent / "built").touch()
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site as `make site` builds it, without a public address (shared read-only by every test)."""
    return shared_build(tmp_path_factory, "site")


@pytest.fixture(scope="session")
def site_with_url(tmp_path_factory) -> Path:
    return shared_build(tmp_path_factory, "site-url", SITE_URL=PUBLIC_URL)


@pytest.fixture(scope="session")
def other_site(tmp_path_factory) -> Path:
    """The site built from the fixture call instead of the 2019 one."""
    return shared_build(tmp_path_factory, "other", call_dir=FIXTURE_CALL)


@pytest.fixture(scope="session")
def call():
    from macros.call_data import load_call
    return load_call(REFERENCE_CALL)


@pytest.fixture(scope="session")
def languages():
    """The reference call's published languages (macros/languages.py)."""
    from macros.call_data import load
    return load(REFERENCE_CALL).languages


def loaded(folder: Path = REFERENCE_CALL):
    from macros.call_data import load
    return load(folder)


def prepared_call(folder: Path = REFERENCE_CALL, **kwargs):
    from macros.prepared import prepare
    return prepare(folder, **kwargs)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class StaticServer:
    """Serves a folder on 127.0.0.1, as any static host would."""

    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def served_under_subpath(site, tmp_path_factory):
    """The built site served at /some/sub/path/ on a local server: its base URL."""
    root = tmp_path_factory.mktemp("host")
    shutil.copytree(site, root / "some" / "sub" / "path")
    with StaticServer(root) as server:
        yield server.origin + "/some/sub/path/"


@pytest.fixture(scope="session")
def served_at_root(site):
    """The built site at the root of a local server, where its 404 page works without SITE_URL."""
    with StaticServer(site) as server:
        yield server.origin + "/"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` as root, or `sudo apt-get install -y chromium`")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


# The test files that take longest (measured with --durations), first: make test hands whole files to its processes
# (--dist loadfile) in the order they are collected, and a long file handed out last would finish alone.
LONGEST_FIRST = ("test_publish.py", "test_hostile_second.py", "test_accessibility.py", "test_editor.py", "test_hostile.py",
                 "test_quality.py", "test_life_cycle.py", "test_editing.py", "test_status.py", "test_calculator.py")


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
    rank = {name: index for index, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: a file keeps its own order


# A test may skip only where the machine lacks a capability, and must say which: its reason starts
# with this. A skip for want of a file (a schema, the published call) is a failure: a clone stands alone.
CAPABILITY_SKIP = "this machine lacks"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and isinstance(report.longrepr, tuple) and not report.longrepr[2].startswith(f"Skipped: {CAPABILITY_SKIP}"):
        report.outcome = "failed"
        report.longrepr = f"skipped without naming a missing capability of this machine: {report.longrepr[2]}"
