"""A hostile editor and a hostile visitor, class by class: what an editor writes is data, never code.

1. template text that tries to run Python;   2. scripts and handlers that try to reach a page;
3. YAML that tries to exhaust memory or hide a second value;   4. text that tries to end a script block;
5. builds that race or die;   6. data past every sensible bound;   9. the smaller ones.
(7, tools reading addresses, is in tests/test_calculator.py; 8, hosting, in tests/test_hosting.py.)
Each payload goes through the real gate or the real build; what reaches a page is opened in Chromium
with dialogs, console errors and CSP violations watched.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from conftest import CALL_PATH, REFERENCE_CALL, REPO, build_or_fail, call_dir_of, call_path, copy_call, make_workspace, run_build, set_yaml_text, snapshot, stop_group
from macros.call_data import load_call
from macros.messages import say
from macros.problems import CallError

WATCH = """
window.__seen = [];
window.alert = window.confirm = window.prompt = function (m) { window.__seen.push('dialog ' + m); };
document.addEventListener('securitypolicyviolation', e => window.__seen.push('csp ' + e.violatedDirective));
"""


def mark_all(folder: Path) -> None:
    """An editor's review of every translation after a change: `make translated WHAT=all`."""
    subprocess.run([sys.executable, "-m", "tools.translations", "mark", "all"], cwd=REPO, check=True, capture_output=True,
                   env=dict(os.environ, CALL_DIR=str(folder)))


def check_of(folder: Path, root: Path = REPO):
    """The gate, in process: (problems, warnings) for a call folder."""
    from tools import check
    return check.run(root=root, folder=folder, strict=True)


@pytest.fixture
def workspace(tmp_path):
    return make_workspace(tmp_path / "work")


def append(path: Path, text: str) -> int:
    """Append text to a file; the line it starts on."""
    before = path.read_text(encoding="utf-8")
    path.write_text(before.rstrip("\n") + "\n" + text + "\n", encoding="utf-8")
    return len(before.rstrip("\n").splitlines()) + 1


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def visit(browser, url: str) -> list[str]:
    """Open a page with dialogs, console errors and CSP violations watched; what was seen."""
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    seen = []
    page.on("console", lambda m: seen.append("console " + m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.append("error " + str(e)))
    page.on("dialog", lambda d: (seen.append("dialog " + d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    seen += page.evaluate("window.__seen")
    context.close()
    return seen


# --- 1. template text never runs Python -------------------------------------------------------------

CANARY = f"/tmp/utlysning-canary-{uuid.uuid4().hex}"
PYTHON_PAYLOADS = [
    (f'{{{{ cycler.__init__.__globals__.os.popen("touch {CANARY}").read() }}}}', "unknown name: cycler"),
    (f'{{{{ lipsum.__globals__["os"].system("touch {CANARY}") }}}}', "unknown name: lipsum"),
    ("{{ ''.__class__.__mro__ }}", "cannot be used in a text"),
    ("{{ call.__class__ }}", "unknown name: call.__class__"),
    ('{{ call["__init__"] }}', "unknown name: call.__init__"),
    ('{{ ui|attr("__class__") }}', "| filter cannot be used in a text"),
    ("{% for x in call %}{{ x }}{% endfor %}", "{% for %} cannot be used in a text"),
    ("{% for i in range(10000000) %}xxxxxxxxxx{% endfor %}", "{% for %} cannot be used in a text"),
    ("{% set secret = call %}", "{% set %} cannot be used in a text"),
    ('{% include "base.html" %}', "{% include %} cannot be used in a text"),
    ('{% import "partials/language.html" as lang %}', "{% import %} cannot be used in a text"),
    ('{% extends "main.html" %}', "{% extends %} cannot be used in a text"),
    ("{% macro m() %}x{% endmacro %}", "{% macro %} cannot be used in a text"),
    ("{{ call.items() }}", "a.b() cannot be used in a text"),
    ("{{ call.title ~ call.title }}", "~ cannot be used in a text"),
    ("{{ call.title * 100000 }}", "cannot be used in a text"),
    ("{{ namespace() }}", "unknown name: namespace"),
    ("{{ range(5) }}", "unknown name: range"),
    ("{{ self }}", "unknown name: self"),
    ("{{ config }}", "unknown name: config"),
    ("{{ glossary }}", "is a list or a tool and needs brackets"),
    ('{{ prose("../../../../etc/passwd") }}', ("does not exist", "unknown name: prose")),
    ("{{ criteria(required=call.title) }}", "takes plain values only"),
]


@pytest.mark.parametrize("payload,message", PYTHON_PAYLOADS, ids=[str(p[1])[:40] for p in PYTHON_PAYLOADS])
@pytest.mark.parametrize("where", ["text/sv/background.md", "page", "questions.yml"])
def test_template_text_never_runs_python(tmp_path, workspace, payload, message, where):
    if where == "page":
        path = workspace / "docs" / "en" / "background.md"
        line = append(path, payload)
    elif where == "questions.yml":  # an answer may ask for facts by name, and for nothing else
        path = workspace / CALL_PATH / where
        line = set_yaml_text(path, ("questions", 0, "answer", "sv"), payload)
    else:
        path = workspace / CALL_PATH / where
        line = append(path, payload)
    problems, _warnings = check_of(workspace / CALL_PATH, workspace)
    shown = [p.text("en") for p in problems]
    messages = message if isinstance(message, tuple) else (message,)
    if where == "questions.yml":  # an answer's only name is call: lists and tools are unknown there
        messages += ("unknown name",)
    assert any(text.startswith(f"{path}:{line}: ") and any(m in text for m in messages) for text in shown), shown
    assert not Path(CANARY).exists()


def test_a_real_build_refuses_python_and_runs_nothing(tmp_path, workspace):
    path = workspace / CALL_PATH / "text" / "sv" / "background.md"
    line = append(path, PYTHON_PAYLOADS[0][0])
    result = run_build(tmp_path / "site", root=workspace)
    assert result.returncode == 1
    assert f"calls/2019-rorlighet-matchning/text/sv/background.md:{line}: " in result.stderr and "cycler" in result.stderr
    assert "Traceback" not in result.stderr
    assert not Path(CANARY).exists() and not (tmp_path / "site").exists()


def test_a_misspelt_name_is_reported_where_it_stands_with_the_closest_names(workspace):
    path = workspace / CALL_PATH / "text" / "sv" / "background.md"
    line = append(path, "Högst {{ call.max_suport }}.")
    problems, _warnings = check_of(workspace / CALL_PATH, workspace)
    [problem] = [p for p in problems if p.file == str(path)]
    assert (problem.file, problem.line) == (str(path), line)
    assert "call.max_support" in problem.text("en") and "did you mean" in problem.text("en")
    assert "inte" not in problem.text("sv").split("call.max_suport")[0][-5:]


def test_output_is_bounded(monkeypatch):
    from macros import templating
    monkeypatch.setattr(templating, "MAX_OUTPUT_CHARS", 1000)
    names = {"call": {"title": "x" * 600}}
    with pytest.raises(templating.TemplateProblem) as caught:
        templating.render("{{ call.title }}{{ call.title }}", names, "t.md")
    assert caught.value.problem.code == "template_too_long"


# --- 2. the Content-Security-Policy trusts only the site's own scripts --------------------------------

def test_a_script_written_as_a_string_in_a_text_is_shown_as_text(tmp_path, browser):
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)
    for lang in ("sv", "en"):
        append(folder / "text" / lang / "background.md", '{{ "\\x3cscript>alert(1)\\x3c/script>" }} and <img src=x onerror=alert(2)>')
    mark_all(folder)
    site = build_or_fail(tmp_path / "site", call_dir=folder)
    html = (call_dir_of(site) / "background.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert visit(browser, (call_dir_of(site) / "background.html").as_uri()) == []


MARKUP_PAYLOADS = [
    ("<script>alert(1)</script>", "holds an element"),
    ('<iframe src="https://evil.example"></iframe>', "holds an element"),
    ('<img src="x" onerror="alert(1)">', "an event (onerror=)"),
    ('<p ONMOUSEOVER=alert(1)>x</p>', "an event (onmouseover=)"),
    ("[klicka](javascript:alert(1))", "javascript:"),
    ("[klicka]( JavaScript:alert(1))", "javascript:"),
    ("[klicka](&#106;avascript:alert(1))", "javascript:"),
    ("[ref]: javascript:alert(1)", "javascript:"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:"),
    ("Text { onclick=alert(1) }", "an event (onclick=)"),
    ('Text {: style="display:none" }', "style="),
]


@pytest.mark.parametrize("payload,message", MARKUP_PAYLOADS, ids=[p[0][:30] for p in MARKUP_PAYLOADS])
def test_a_page_may_not_carry_scripts_handlers_or_javascript_links(workspace, payload, message):
    path = workspace / "docs" / "sv" / "contact.md"
    line = append(path, payload)
    problems, _warnings = check_of(workspace / CALL_PATH, workspace)
    shown = [p.text("en") for p in problems]
    assert any(text.startswith(f"{path}:{line}: ") and message in text for text in shown), shown


@pytest.mark.parametrize("payload", ["[klicka](javascript:alert(1))", "Text { onclick=alert(1) }"])
def test_a_text_of_the_call_may_not_either(workspace, payload):
    path = workspace / CALL_PATH / "text" / "en" / "purpose.md"
    line = append(path, payload)
    problems, _warnings = check_of(workspace / CALL_PATH, workspace)
    assert any(p.file == str(path) and p.line == line for p in problems), [p.text("en") for p in problems]


def test_a_script_in_a_page_stops_the_real_build_naming_the_page(tmp_path, workspace):
    line = append(workspace / "docs" / "en" / "contact.md", "<script>alert(1)</script>")
    result = run_build(tmp_path / "site", root=workspace)
    assert result.returncode == 1 and f"docs/en/contact.md:{line}: " in result.stderr


@pytest.mark.parametrize("description", ['"><script>alert(1)</script>', 'Say "hello" & <b>bold</b>'])
def test_a_description_is_escaped(tmp_path, workspace, browser, description):
    path = workspace / "docs" / "en" / "contact.md"
    replace(path, 'description: "Who to ask about the call."', "description: '" + description.replace("'", "''") + "'")
    site = build_or_fail(tmp_path / "site", root=workspace)
    html = (call_dir_of(site, "en") / "contact.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    from pages import read
    [meta] = read(call_dir_of(site, "en") / "contact.html").find("meta", name="description")
    assert meta["content"] == description  # plain text: markup typed into it is shown as typed, never drawn
    assert visit(browser, (call_dir_of(site, "en") / "contact.html").as_uri()) == []


def test_a_title_in_a_pages_header_is_escaped(tmp_path, workspace):
    path = workspace / "docs" / "en" / "contact.md"
    replace(path, "---\ndescription:", "---\ntitle: '</title><script>alert(1)</script>'\ndescription:")
    site = build_or_fail(tmp_path / "site", root=workspace)
    assert "<script>alert(1)" not in (call_dir_of(site, "en") / "contact.html").read_text(encoding="utf-8")


# --- 3. YAML that would exhaust memory or hide a second value ----------------------------------------

BOMB = "\n".join(["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 10)])


def test_an_alias_bomb_is_refused_at_once_with_its_line(tmp_path):
    from macros.call_data import load
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)
    line = append(folder / "call.yml", BOMB)
    started = time.monotonic()
    with pytest.raises(CallError) as caught:
        load(folder)
    assert time.monotonic() - started < 60  # refused, not expanded (21 GB when it was)
    [problem] = caught.value.problems
    assert (problem.line, problem.code) == (line, "yaml_alias")


@pytest.mark.parametrize("name", ["glossary.yml", "../site.yml", "guidance.yml"])
def test_anchors_are_refused_in_every_data_file(tmp_path, name):
    from macros.call_data import load
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)
    line = append(folder / name, "extra: &x 1\nmore: *x")
    with pytest.raises(CallError) as caught:
        load(folder)
    assert [(p.file.endswith(Path(name).name), p.line, p.code) for p in caught.value.problems] == [(True, line, "yaml_alias")]


def test_a_bomb_once_committed_and_reverted_does_not_poison_later_builds(tmp_path):
    repo = tmp_path / "repo"
    copy_call(REFERENCE_CALL, repo / "call")
    env = dict(os.environ, GIT_AUTHOR_NAME="T", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="T",
               GIT_COMMITTER_EMAIL="t@example.invalid")
    run = lambda *args: subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)  # noqa: E731
    run("init", "-q")
    run("add", "-A")
    run("commit", "-qm", "call")
    good = (repo / "call" / "call.yml").read_text(encoding="utf-8")
    append(repo / "call" / "call.yml", BOMB)
    run("commit", "-qam", "bomb")
    (repo / "call" / "call.yml").write_text(good, encoding="utf-8")
    run("commit", "-qam", "revert")
    started = time.monotonic()
    result = run_build(tmp_path / "site", call_dir=repo / "call")
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 120


def test_a_second_block_with_the_same_name_is_refused(tmp_path):
    from macros.call_data import load
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)
    line = append(folder / "call.yml", "contact:\n  name: Mallory\n  email: mallory@evil.example\n  phone: 070-000 00 00")
    with pytest.raises(CallError) as caught:
        load(folder)
    [problem] = caught.value.problems
    assert (problem.line, problem.code) == (line, "yaml_duplicate_key")
    assert "first on line" in problem.text("en")


# --- 4. text that would end a script block ------------------------------------------------------------

def test_text_that_would_end_a_script_block_breaks_nothing(tmp_path, browser):
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)
    call_yml = folder / "call.yml"
    summary = load_call(folder)["summary"]["en"]
    set_yaml_text(call_yml, ("summary", "en"), "<!--<script> </script> & " + summary)
    question = load_call(folder)["scope"]["question"]["en"]
    set_yaml_text(call_yml, ("scope", "question", "en"), "</script><!--<script> " + question)
    site = build_or_fail(tmp_path / "site", call_dir=folder)
    import json
    page = (call_dir_of(site, "en") / "index.html").read_text(encoding="utf-8")
    [block] = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S)
    assert json.loads(block)["description"].startswith("<!--<script>")
    assert visit(browser, (call_dir_of(site, "en") / "index.html").as_uri()) == []
    context = browser.new_context()
    context.add_init_script(WATCH)
    tab = context.new_page()
    tab.goto((call_dir_of(site, "en") / "eligibility.html").as_uri() + "?applicant_type=company&months=6&scope=yes")
    assert tab.locator(".elig__overall").inner_text() != ""  # the tool still works
    assert "<!--<script>" in tab.locator("#eligibility").inner_text()
    assert tab.evaluate("window.__seen") == []
    context.close()


# --- 5. one build at a time, one atomic swap, never without the last good site -------------------------

def _build_process(out: Path, call_dir: Path, epoch: str = "1548000000") -> subprocess.Popen:
    env = dict(os.environ, CALL_DIR=str(call_dir), SOURCE_DATE_EPOCH=epoch, SITE_URL="")
    return subprocess.Popen([sys.executable, "-m", "tools.build", "--out", str(out)], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory):
    """Two complete builds of different data (the reference call and another cap), for comparison."""
    base = tmp_path_factory.mktemp("two")
    other = base / "other-call"
    copy_call(REFERENCE_CALL, other)
    replace(other / "call.yml", "max_support_sek: 800000", "max_support_sek: 700000")
    sites = {}
    for name, folder in (("reference", REFERENCE_CALL), ("other", other)):
        process = _build_process(base / name, folder)
        _out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        sites[name] = snapshot(base / name)
    return other, sites


def test_two_builds_at_once_publish_one_whole_site(tmp_path, two_sites):
    other, sites = two_sites
    for round_ in range(3):
        out = tmp_path / f"site-{round_}"
        first, second = _build_process(out, REFERENCE_CALL), _build_process(out, other)
        results = [process.communicate(timeout=300) for process in (first, second)]
        assert first.returncode == 0 and second.returncode == 0, results
        assert any("Another build is running" in err or "Ett annat bygge" in err for _o, err in results), results
        assert snapshot(out) in (sites["reference"], sites["other"])


def test_a_killed_build_leaves_a_whole_site(tmp_path, two_sites):
    other, sites = two_sites
    out = tmp_path / "site"
    process = _build_process(out, REFERENCE_CALL)
    assert process.wait(timeout=300) == 0
    for delay in (0.2, 0.6, 1.0, 1.4, 1.8):
        process = _build_process(out, other)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        assert snapshot(out) in (sites["reference"], sites["other"]), delay
        assert not list(tmp_path.glob(".site.previous*")) or out.exists()


def test_a_build_killed_between_the_fallback_renames_is_recovered_and_never_deleted(tmp_path, two_sites):
    """Where the system cannot swap in one step, two renames: a kill between them leaves the last good
    site under .site.previous. The next build, even a failing one, puts it back and deletes nothing."""
    _other, sites = two_sites
    out = tmp_path / "site"
    assert _build_process(out, REFERENCE_CALL).wait(timeout=300) == 0
    out.rename(tmp_path / ".site.previous")
    broken = tmp_path / "broken"
    copy_call(REFERENCE_CALL, broken)
    replace(broken / "call.yml", "closes: 2019-03-31", "closes: 2019-02-30")
    process = _build_process(out, broken)
    _out, err = process.communicate(timeout=300)
    assert process.returncode == 1 and "not a real date" in err
    assert snapshot(out) == sites["reference"]


# --- 6. bounds ---------------------------------------------------------------------------------------------

def problems_of(folder: Path) -> list:
    from macros.call_data import load
    with pytest.raises(CallError) as caught:
        load(folder)
    return caught.value.problems


def test_a_ten_megabyte_summary_is_refused_at_once(tmp_path):
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)
    replace(folder / "call.yml", "  sv: Stöd till projekt av", "  sv: " + "x" * 10_000_000 + " Stöd till projekt av")
    started = time.monotonic()
    [problem] = problems_of(folder)
    assert problem.code == "file_too_large" and time.monotonic() - started < 30


@pytest.mark.parametrize("old,new,code", [
    ("  sv: Stöd till projekt av", "  sv: " + "lång text " * 200 + "Stöd till projekt av", "too_long"),
    ("opens: 2019-01-15", "opens: 9999-01-15", "date_out_of_range"),
    ("closes: 2019-03-31", "closes: 0001-03-31", "date_out_of_range"),
    ("max_rate_percent: 75", "max_rate_percent: .nan", "yaml_not_a_number"),
    ("max_rate_percent: 75", "max_rate_percent: .inf", "yaml_not_a_number"),
    ("max_support_sek: 800000", "max_support_sek: 99999999999999", "too_large"),
    ("email: eva.a.jonsson@norrbotten.se", "email: eva.a.jonsson@norrbotten.se?bcc=all@evil.example", "badly_formed"),
    ("email: eva.a.jonsson@norrbotten.se", "email: 'eva@norrbotten.se\\nBcc: all@evil.example'", "badly_formed"),
    ("url: https://minansokan.se", "url: 'https://minansokan.se\" onmouseover=\"alert(1)'", "badly_formed"),
])
def test_data_past_every_sensible_bound_gets_file_and_line(tmp_path, old, new, code):
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)
    replace(folder / "call.yml", old, new)
    found = problems_of(folder)
    assert [p.code for p in found] == [code], [p.text("en") for p in found]
    assert found[0].line > 1


def test_too_many_items_in_a_list(tmp_path):
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)
    many = "".join(f"  - id: kind_{i}\n    name:\n      sv: Sort {i}\n      en: Kind {i}\n      fi: Laji {i}\n" for i in range(45))
    replace(folder / "call.yml", "applicant_types:\n", "applicant_types:\n" + many)
    assert "too_many_items" in [p.code for p in problems_of(folder)]


@pytest.mark.parametrize("name", ["call.yml", "text/sv/intro.md"])
def test_latin_1_bytes_are_named_with_their_line(tmp_path, name):
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)
    path = folder / name
    raw = path.read_bytes()
    path.write_bytes(raw + "Region Norrbottens kontor i Luleå\n".encode("latin-1"))
    [problem] = problems_of(folder)
    assert (problem.code, problem.line) == ("not_utf8", raw.count(b"\n") + 1)


def test_a_site_that_cannot_be_written_gets_a_message_not_a_traceback(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    result = run_build(blocker / "site")
    assert result.returncode == 1
    assert "cannot be written to" in result.stderr and "Traceback" not in result.stderr


def test_a_read_only_site_keeps_its_contents_and_says_so(tmp_path):
    out = build_or_fail(tmp_path / "site")
    before = snapshot(out)
    immutable = subprocess.run(["chattr", "+i", str(out)], capture_output=True)
    if immutable.returncode != 0:
        pytest.skip("this machine lacks a file system that can make a folder immutable (chattr +i); the other test covers the message")
    try:
        result = run_build(out)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "cannot be written to" in result.stderr
    finally:
        subprocess.run(["chattr", "-i", str(out)], check=True)
    assert snapshot(out) == before


# --- 9. the smaller ones --------------------------------------------------------------------------------------

def test_an_ampersand_in_the_funders_name_is_escaped_once(tmp_path):
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)
    replace(folder.parent / "site.yml", "    en: Region Norrbotten\n", "    en: Region Norrbotten & Partners\n")  # the funder is the site's
    mark_all(folder)
    site = build_or_fail(tmp_path / "site", call_dir=folder)
    html = (call_dir_of(site, "en") / "funding.html").read_text(encoding="utf-8")
    assert "&amp;amp;" not in html and "Region Norrbotten &amp; Partners" in html
    from pages import read
    [title] = read(call_dir_of(site, "en") / "funding.html").find("meta", property="og:title")
    assert title["content"].endswith("Region Norrbotten & Partners")


def test_a_template_in_a_yaml_text_is_named(tmp_path):
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)
    replace(folder / "call.yml", "  en: Support for projects of", "  en: Up to {{ call.max_support }}. Support for projects of")
    found = problems_of(folder)
    assert [p.code for p in found] == ["text_has_template"]


def test_the_preview_shows_problems_in_place_of_pages_and_recovers(workspace):
    """A broken start serves the problems (not a 404), a non-validation error too, and a fix brings the pages back."""
    import urllib.request
    call_yml = workspace / CALL_PATH / "call.yml"
    replace(call_yml, "closes: 2019-03-31", "closes: 2019-02-30")
    port = 8000 + os.getpid() % 900 + 50
    env = dict(os.environ, EDITOR_LANGUAGE="en")
    process = subprocess.Popen([sys.executable, "-m", "tools.serve", "--port", str(port)], cwd=workspace, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def get(path: str) -> tuple[int, str]:
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as response:
                    return response.status, response.read().decode("utf-8")
            except OSError:
                time.sleep(0.2)
        raise AssertionError("the preview did not answer")

    def wait_for(path: str, text: str, present: bool = True) -> str:
        for _ in range(100):
            _status, body = get(path)
            if (text in body) is present:
                return body
            time.sleep(0.3)
        raise AssertionError((path, text, present))

    try:
        status, body = get("/" + call_path("en/funding.html"))
        assert status == 200 and "not a real date" in body and f"{say('editor_file_call', lang='en')} → " in body
        assert "calls/2019-rorlighet-matchning/call.yml" not in body  # the form's words, not the file's
        assert get("/some/missing/page.html")[0] == 200  # the problems, not a 404
        replace(call_yml, "closes: 2019-02-30", "closes: 2019-03-31")
        wait_for("/" + call_path("en/funding.html"), "not a real date", present=False)
        assert 'http-equiv="Content-Security-Policy"' in get("/" + call_path("en/funding.html"))[1]
        # An error no validation foresees (a broken theme template) is shown too; the server carries on.
        main = workspace / "overrides" / "main.html"
        good = main.read_text(encoding="utf-8")
        main.write_text(good.replace("{% block content %}", "{% block content %}{% if %}", 1), encoding="utf-8")
        wait_for("/index.html", "preview-problems")
        main.write_text(good, encoding="utf-8")
        wait_for("/index.html", "preview-problems", present=False)
    finally:
        stop_group(process)
