"""Editing without a developer: `make check` in both languages, translation freshness,
and every command of the editors' guide (REDAKTORSGUIDE.md), run for real."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import CALL_PATH, REFERENCE_CALL, REPO, make_workspace, stop_group
from macros import formatting as fmt
from macros.call_data import load, load_call
from macros.downloads import download
from macros.messages import say, table

GUIDE = REPO / "REDAKTORSGUIDE.md"
# make runs with this project's environment instead of creating one in the copy.
MAKE_VARS = [f"PY={sys.executable}", "STAMP=", "NODE_STAMP="]


def make(workspace: Path, *args: str, lang: str = "en", timeout: int = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, EDITOR_LANGUAGE=lang)
    env.pop("CALL_DIR", None)
    return subprocess.run(["make", "--no-print-directory", "-C", str(workspace), *args, *MAKE_VARS],
                          capture_output=True, text=True, env=env, timeout=timeout)


def what(code: str, lang: str) -> str:
    """The fixed words of a message, to look for in the output."""
    return max(re.split(r"\{\w+\}", table(lang)[code]["what"]), key=len).strip(" :(")


def line_of(path: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in line)


@pytest.fixture
def workspace(tmp_path):
    return make_workspace(tmp_path / "work")


def test_the_clean_repository_checks_silently(workspace):
    result = make(workspace, "check", "STRICT=1")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and "tools.check" in result.stdout  # make echoes its command, the check says nothing


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def mistake_bad_date(ws):
    path = ws / CALL_PATH / "call.yml"
    edit(path, "closes: 2019-03-31", "closes: 2019-03-32")
    return "not_real_date", "calls/2019-rorlighet-matchning/call.yml", line_of(path, "closes: 2019-03-32")


def mistake_missing_translation(ws):
    (ws / "docs" / "en" / "contact.md").unlink()
    return "nav_page_missing", "mkdocs.yml", line_of(ws / "mkdocs.yml", "- contact.md")


def mistake_missing_text_translation(ws):
    (ws / CALL_PATH / "text" / "en" / "purpose.md").unlink()
    return "prose_missing", "calls/2019-rorlighet-matchning/text/en/purpose.md", 1


def mistake_fact_typed(ws):
    call = load_call(REFERENCE_CALL)
    page = ws / "docs" / "sv" / "funding.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\nSista dag: {fmt.format_date(call['window']['closes'], load(REFERENCE_CALL).languages['sv'])}.\n", encoding="utf-8")
    return "fact_typed", "docs/sv/funding.md", len(page.read_text(encoding="utf-8").splitlines())


def mistake_broken_macro(ws):
    page = ws / "docs" / "en" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ call.max_suport }}\n", encoding="utf-8")
    return "template_unknown_name", "docs/en/glossary.md", len(page.read_text(encoding="utf-8").splitlines())


def mistake_call_fact_on_a_site_page(ws):
    """The site's own pages (its accessibility statement, its privacy page) know the site's facts, not one call's."""
    page = ws / "docs" / "en" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ call.title }}\n", encoding="utf-8")
    return "template_unknown_name", "docs/en/privacy.md", len(page.read_text(encoding="utf-8").splitlines())


def mistake_bad_front_matter(ws):
    page = ws / "docs" / "sv" / "privacy.md"
    edit(page, 'description: "', "description: Obs: ")
    return "yaml_colon", "docs/sv/privacy.md", 2


@pytest.mark.parametrize("mistake", [mistake_bad_date, mistake_missing_translation, mistake_missing_text_translation,
                                     mistake_fact_typed, mistake_broken_macro, mistake_call_fact_on_a_site_page,
                                     mistake_bad_front_matter],
                         ids=lambda f: f.__name__.removeprefix("mistake_"))
def test_each_kind_of_mistake_is_named_in_both_languages(workspace, mistake):
    code, file, line = mistake(workspace)
    for lang in ("sv", "en"):
        result = make(workspace, "check", lang=lang)
        assert result.returncode != 0
        lines = [l for l in result.stderr.splitlines() if l.startswith(f"{file}:{line}:")]
        assert lines and what(code, lang) in lines[0], (lang, result.stderr)
        summary = say("summary_problems", lang=lang, count=1).split(".")[0]
        assert summary in result.stderr


def lines_starting(output: str, prefix: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(prefix)]


def test_a_changed_swedish_text_puts_its_translations_behind_until_marked(workspace):
    page = workspace / "docs" / "sv" / "contact.md"
    edit(page, "# Kontakt", "# Kontakt\n\nVi svarar inom två arbetsdagar.")
    call_yml = workspace / CALL_PATH / "call.yml"
    edit(call_yml, "  sv: Stöd till projekt av", "  sv: Pengar till projekt av")
    result = make(workspace, "check")
    assert result.returncode == 0  # a warning by default
    behind = what("translation_behind", "en")
    assert any(behind in line for line in lines_starting(result.stderr, "docs/en/contact.md:1: "))
    assert any(behind in line for line in lines_starting(result.stderr, f"calls/2019-rorlighet-matchning/call.yml:{line_of(call_yml, 'en: Support for projects')}: "))
    # Finnish lags behind its Swedish source like English does.
    finnish = lines_starting(result.stderr, f"calls/2019-rorlighet-matchning/call.yml:{line_of(call_yml, 'fi: Tukea kokeiluluonteisille')}: ")
    assert finnish and "Finnish" in finnish[0] and behind in finnish[0]
    assert make(workspace, "check", "STRICT=1").returncode != 0
    # "The Swedish change needs no new Finnish": recorded as such.
    assert make(workspace, "translated", "WHAT=call.yml:summary.fi", "KEEP=1").returncode == 0
    from tools.translations import read_records
    assert "kept" in read_records(call_yml)["fi"]["summary"]  # recorded in the file's own section
    assert make(workspace, "translated", "WHAT=docs/en/contact.md call.yml:summary.en").returncode == 0
    result = make(workspace, "check", "STRICT=1")
    assert result.returncode == 0 and result.stderr == "", result.stderr


def test_records_follow_ids_not_positions(workspace):
    """A criterion inserted in the middle of the list leaves the others' translations current."""
    call_yml = workspace / CALL_PATH / "call.yml"
    edit(call_yml, "  - id: new_methods\n", "  - id: inserted\n    required: false\n    text:\n      sv: Ny text.\n      en: New text.\n  - id: new_methods\n")
    result = make(workspace, "check")
    flagged = [line for line in result.stderr.splitlines() if what("translation_unmarked", "en") in line or what("translation_behind", "en") in line]
    assert len(flagged) == 1 and "selection_criteria[inserted].text.en" in flagged[0], result.stderr


# --- the editors' guide -------------------------------------------------------------------

def guide_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def git(repo: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Redaktör", GIT_AUTHOR_EMAIL="r@example.invalid",
               GIT_COMMITTER_NAME="Redaktör", GIT_COMMITTER_EMAIL="r@example.invalid")
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env).stdout


def test_every_command_in_the_guide_is_exercised():
    assert set(guide_commands()) == set(EXERCISED), "a command of the guide has no test, or a tested command left the guide"


def run_translated(workspace, command):
    result = make(workspace, *command.split()[1:])
    assert result.returncode == 0, result.stderr


def run_check(workspace, command):
    result = make(workspace, "check")
    assert result.returncode == 0 and result.stderr == "", result.stderr


def guide_make(workspace, command, stdin: str = "", **env) -> subprocess.CompletedProcess:
    """A make command of the guide as written, with the example server folder replaced by a temporary one."""
    host = workspace.parent / "host"
    args = [arg.replace("/var/www/utlysning", str(host)) for arg in shlex.split(command)[1:]]
    full = dict(os.environ, EDITOR_LANGUAGE="sv", GIT_AUTHOR_NAME="Redaktör", GIT_AUTHOR_EMAIL="r@example.invalid",
                GIT_COMMITTER_NAME="Redaktör", GIT_COMMITTER_EMAIL="r@example.invalid", **env)
    full.pop("CALL_DIR", None)
    return subprocess.run(["make", "--no-print-directory", "-C", str(workspace), *args, *MAKE_VARS], capture_output=True,
                          text=True, env=full, input=stdin, timeout=300)


def run_publish(workspace, command):
    edit(workspace / CALL_PATH / "call.yml", "max_project_months: 12", "max_project_months: 10")
    result = guide_make(workspace, command)
    assert result.returncode == 0, result.stderr
    assert git(workspace, "log", "-1", "--format=%s").strip() == shlex.split(command)[-1].split("=", 1)[1]
    assert (workspace.parent / "host" / "current" / "index.html").exists()


def run_rollback(workspace, command):
    publish = 'make publish TO=/var/www/utlysning MESSAGE="x"'
    assert guide_make(workspace, publish).returncode == 0
    first = os.readlink(workspace.parent / "host" / "current")
    edit(workspace / CALL_PATH / "call.yml", "max_project_months: 12", "max_project_months: 10")
    assert guide_make(workspace, publish).returncode == 0
    assert os.readlink(workspace.parent / "host" / "current") != first
    result = guide_make(workspace, command)
    assert result.returncode == 0, result.stderr
    assert os.readlink(workspace.parent / "host" / "current") == first


def run_undo(workspace, command):
    call_yml = workspace / CALL_PATH / "call.yml"
    before = call_yml.read_text(encoding="utf-8")
    edit(call_yml, "closes: 2019-03-31", "closes: 2019-04-30")
    result = guide_make(workspace, command, stdin="ja\n")
    assert result.returncode == 0, result.stderr
    assert call_yml.read_text(encoding="utf-8") == before


def run_undo_last(workspace, command):
    call_yml = workspace / CALL_PATH / "call.yml"
    before = call_yml.read_text(encoding="utf-8")
    edit(call_yml, "closes: 2019-03-31", "closes: 2019-04-30")
    git(workspace, "commit", "-qam", "Fel datum")
    result = guide_make(workspace, command, stdin="ja\n")
    assert result.returncode == 0, result.stderr
    assert call_yml.read_text(encoding="utf-8") == before and "Fel datum" in result.stdout


def run_new_call(workspace, command):
    result = guide_make(workspace, command)
    assert result.returncode == 0, result.stderr
    [_old, new] = sorted((workspace / "calls").iterdir())  # next year's, beside last year's
    assert (workspace / "NY-UTLYSNING.md").exists() and load(new).call["changes_since"] and not load(workspace / CALL_PATH).call.get("changes_since")


def while_running(workspace, target: str, first_url: str, check) -> None:
    """Run a make target that serves on 127.0.0.1:8000, wait for first_url to answer, run check, stop it."""
    env = dict(os.environ, LANG="C.UTF-8", PREVIEW_PORT="8000", EDITOR_PORT="8081")
    while_serving(["make", "-C", str(workspace), target, *MAKE_VARS], workspace, env, first_url, check)


def while_serving(command: list[str], cwd, env: dict, first_url: str, check) -> None:
    """Start a command that serves, wait for first_url to answer, run check, stop it and all it started."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                               start_new_session=True)
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(first_url, timeout=1) as response:
                    assert response.status == 200
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"{' '.join(command)} did not answer on {first_url}")
        check()
    finally:
        stop_group(process)


def fetched(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read()


def run_serve(workspace, command):
    """make serve answers in every language; a language's PDF is made when it is first asked for, from the
    preview's own pages (not on every rebuild)."""
    languages = load(workspace / CALL_PATH).languages

    def check():
        assert b'lang="sv"' in fetched("http://127.0.0.1:8000/index.html")
        for lang in languages.full:
            document = f"{lang.path}{download(lang, 'call_document').file}"
            assert not (workspace / ".preview" / document).exists()
            body = fetched(f"http://127.0.0.1:8000/{document}")
            assert body.startswith(b"%PDF-") and (workspace / ".preview" / document).read_bytes() == body

    while_running(workspace, "serve", "http://127.0.0.1:8000/en/index.html", check)


def run_edit(workspace, command):
    """make edit answers with the preview and the editor's page (the editing itself: tests/test_editor.py)."""
    (workspace / "node_modules").symlink_to(REPO / "node_modules")

    def check():
        assert b"decap/decap-cms.js" in fetched("http://127.0.0.1:8000/admin/")  # the preview leads to the editor
        assert b'"local_backend"' in fetched("http://127.0.0.1:8081/admin/config.yml")
        assert b'lang="sv"' in fetched("http://127.0.0.1:8000/index.html")

    while_running(workspace, "edit", "http://127.0.0.1:8000/admin/", check)


def run_start_editor(workspace, command):
    """The editor started with Python alone answers as make edit does (without node or make: tests/test_editor.py)."""
    (workspace / "node_modules").symlink_to(REPO / "node_modules")
    (workspace / ".venv").symlink_to(REPO / ".venv")  # made by make test: the starter finds it ready

    def check():
        assert b"decap/decap-cms.js" in fetched("http://127.0.0.1:8081/admin/")
        assert b'lang="sv"' in fetched("http://127.0.0.1:8000/index.html")

    env = dict(os.environ, LANG="C.UTF-8", PREVIEW_PORT="8000", EDITOR_PORT="8081", EDITOR_LANGUAGE="sv")
    env.pop("CALL_DIR", None)
    while_serving([sys.executable, *shlex.split(command)[1:]], workspace, env, "http://127.0.0.1:8000/index.html", check)


def run_git_log(workspace, command):
    assert git(workspace, *command.split()[1:]).strip()


EXERCISED = {
    "make translated WHAT=docs/en/funding.md": run_translated,
    "make translated WHAT=call.yml:summary.en": run_translated,
    "make translated WHAT=call.yml:summary.en KEEP=1": run_translated,
    "make serve": run_serve,
    "make edit": run_edit,
    "python3 start_editor.py": run_start_editor,
    "py start_editor.py": run_start_editor,  # Windows' launcher for Python: here, this Python
    "make check": run_check,
    'make publish TO=/var/www/utlysning MESSAGE="Nytt datum för informationsmötet"': run_publish,
    "make rollback TO=/var/www/utlysning": run_rollback,
    "git log --oneline -- calls/": run_git_log,
    "make undo": run_undo,
    "make undo LAST=1": run_undo_last,
    "make new-call": run_new_call,
}


@pytest.fixture
def repository(workspace):
    git(workspace, "init", "-q")
    git(workspace, "add", "-A")
    git(workspace, "commit", "-qm", "Utlysningen")
    return workspace


@pytest.mark.parametrize("command", list(EXERCISED))
def test_the_guides_command_works(repository, command):
    EXERCISED[command](repository, command)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[\wåäöÅÄÖ]+", text.lower()))


def test_the_guide_explains_every_message():
    """Every message an editor can meet has a row in the guide that starts as the message does."""
    guide = _words(GUIDE.read_text(encoding="utf-8"))
    for code, entry in table("sv").items():
        if isinstance(entry, dict) and "what" in entry:  # a problem (a plain message in its plural forms is no problem)
            beginning = _words(what(code, "sv")).split()[:3]
            assert " ".join(beginning) in guide, code


def test_messages_about_a_number_of_things_use_the_languages_plural_forms():
    """'1 fil', '3 filer': no 'fil(er)' or 'file(s)' in any message an editor reads."""
    for lang in ("sv", "en"):
        for code, entry in table(lang).items():
            texts = entry.values() if isinstance(entry, dict) else [entry]
            assert not [text for text in texts if re.search(r"\w\((er|ar|e|s|es)\)", str(text))], (lang, code)
    assert say("undo_done", lang="sv", count=1, kept="x").startswith("Ångrade ändringarna i 1 fil.")
    assert say("undo_done", lang="sv", count=2, kept="x").startswith("Ångrade ändringarna i 2 filer.")
    assert say("preview_warnings", lang="en", count=1).startswith("Preview: 1 thing ")
