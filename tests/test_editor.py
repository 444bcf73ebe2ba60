"""The browser editor (#12): its configuration follows the schemas, the data files are kept in the form it
writes, and in Chromium an editor's change through `make edit` lands as exactly that change on disk, is
checked, and shows in the preview of every language; nothing leaves 127.0.0.1 and site/ holds no editor."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import CALL_PATH, REFERENCE_CALL, REPO, call_dir_of, call_path, make_workspace, stop_group, use_call
from macros import formatting as fmt
from macros.call_data import DATA_FILES, load
from macros.schema_files import resolve, schema
from macros.messages import say, table
from macros.yaml_safe import load_bytes
from tools.editor_config import FILE_LABELS, config, editor_form, field_order
from tools.local_nginx import free_port

MAKE_VARS = [f"PY={sys.executable}", "STAMP=", "NODE_STAMP="]


# --- the configuration follows the schemas -----------------------------------------------------

def schema_paths(node: dict, base: str, prefix: tuple = ()) -> dict[tuple, dict]:
    """Every field of a schema, by its path of names, with its resolved node."""
    node, base = resolve(node, base)
    found = {prefix: node} if prefix else {}
    if node.get("x-widget") in ("text", "long_text"):
        return found
    if node.get("type") == "object":
        for key, child in node.get("properties", {}).items():
            found.update(schema_paths(child, base, prefix + (key,)))
    elif node.get("type") == "array":
        items, items_base = resolve(node["items"], base)
        if items.get("type") == "object":
            for key, child in items["properties"].items():
                found.update(schema_paths(child, items_base, prefix + (key,)))
    return found


def config_paths(fields: list[dict], prefix: tuple = ()) -> dict[tuple, dict]:
    found = {}
    for field in fields:
        path = prefix + (field["name"],)
        found[path] = field
        found.update(config_paths(field.get("fields", []), path))
    return found


def test_every_field_of_every_schema_is_in_the_editor_with_a_swedish_label():
    generated = config(REFERENCE_CALL)
    [data] = [c for c in generated["collections"] if c["name"] == "utlysningen"]
    languages = load(REFERENCE_CALL).languages
    assert [f["name"] for f in data["files"]] == list(FILE_LABELS)
    for file in data["files"]:
        schema_name = DATA_FILES[file["name"]][1]
        expected = schema_paths(schema(schema_name), schema_name)
        made = config_paths(file["fields"])
        assert set(made) == set(expected), (file["name"], set(made) ^ set(expected))
        for path, node in expected.items():
            field = made[path]
            assert node.get("title") and field["label"] == node["title"], (file["name"], path)  # a Swedish label
            if node.get("description"):
                assert node["description"] in field.get("hint", ""), (file["name"], path)
            if node.get("x-widget") in ("text", "long_text"):
                shown = [lang["code"] for lang in field["languages"]]
                assert shown[0] == languages.authoritative.code
                assert set(shown) >= {lang.code for lang in languages.full}
            elif node.get("x-widget") == "date":
                assert (field["widget"], field["time"]) == ("datum", False)
            elif node.get("x-widget") == "datetime":
                assert (field["widget"], field["time"]) == ("datum", True)
            elif node.get("type") == "integer":
                assert field["widget"] == "number" and field["value_type"] == "int" and "max" in field
            elif node.get("pattern") and node.get("type") == "string":
                assert field["pattern"][0] == node["pattern"] and field["pattern"][1].startswith(say("editor_pattern").split("{")[0])


def test_a_field_added_to_a_schema_appears_in_the_editor(monkeypatch):
    from macros import schema_files
    original = schema_files.schema

    def with_a_new_field(name):
        found = json.loads(json.dumps(original(name)))
        if name == "call.schema.json":
            found["properties"]["press_contact"] = {"$ref": "#/$defs/person", "title": "Presskontakt", "description": "Vem journalister frågar."}
        return found

    monkeypatch.setattr(schema_files, "schema", with_a_new_field)
    monkeypatch.setattr("tools.editor_config.schema", with_a_new_field)
    [data] = [c for c in config(REFERENCE_CALL)["collections"] if c["name"] == "utlysningen"]
    [call_file] = [f for f in data["files"] if f["name"] == "call"]
    [press] = [f for f in call_file["fields"] if f["name"] == "press_contact"]
    assert press["label"] == "Presskontakt" and press["required"] is False
    assert {f["name"] for f in press["fields"]} == {"name", "email", "phone", "url"}


def test_only_a_summarys_texts_ask_for_the_summary_language():
    [data] = [c for c in config(REFERENCE_CALL)["collections"] if c["name"] == "utlysningen"]
    made = config_paths(next(f for f in data["files"] if f["name"] == "call")["fields"])
    summary = [lang.code for lang in load(REFERENCE_CALL).languages.summary]
    assert summary and all(code in [l["code"] for l in made[("summary",)]["languages"]] for code in summary)
    assert not any(code in [l["code"] for l in made[("scope", "question")]["languages"]] for code in summary)


def test_the_longer_texts_open_in_a_plain_markdown_editor_and_the_pages_stay_out():
    generated = config(REFERENCE_CALL)
    texts = [c for c in generated["collections"] if "folder" in c]
    assert {c["folder"] for c in texts} == {f"calls/2019-rorlighet-matchning/text/{p.name}" for p in (REFERENCE_CALL / "text").iterdir() if p.is_dir()}
    source = load(REFERENCE_CALL).languages.authoritative.code
    for collection in texts:
        body, *record = collection["fields"]
        assert body["widget"] == "markdown" and body["modes"] == ["raw"] and "{{ call.closes }}" in body["hint"]
        assert collection["create"] is False and collection["delete"] is False
        # A translation has its record, which reads the Swedish text of the same name.
        translated = collection["folder"] != f"calls/2019-rorlighet-matchning/text/{source}"
        assert [field["widget"] for field in record] == (["text_translation"] if translated else [])
        assert all(field["source_collection"] == f"texter-{source}" for field in record)
    assert not any("docs" in json.dumps(c.get("folder", "")) + json.dumps(c.get("files", "")) for c in generated["collections"])
    assert generated["local_backend"]["url"].startswith("http://127.0.0.1:")


# --- the data files in the editor's form -----------------------------------------------------------

def test_the_data_files_are_kept_in_the_form_the_editor_writes():
    for name in FILE_LABELS:
        path = REFERENCE_CALL / DATA_FILES[name][0]
        if path.exists():
            written = editor_form(path, field_order(name))
            assert written is not None, "node and node_modules are needed: run make test, which installs them"
            assert written == path.read_text(encoding="utf-8"), f"{path}: run python -m tools.editor_config --tidy"


def test_what_the_editor_writes_reads_the_same_in_python():
    """YAML 1.2, as the editor's library writes it: an hour, 'no' and a leading zero are what they look like."""
    data = load_bytes(b"closes_time: 14:00\ncode: no\nchoice: on\nmonths: 012\nhex: '0x1F'\nyes_no: true\nday: 2019-03-31\n").data
    assert data == {"closes_time": "14:00", "code": "no", "choice": "on", "months": 12, "hex": "0x1F", "yes_no": True, "day": "2019-03-31"}


def test_site_holds_no_editor_page(site):
    assert not (site / "admin").exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js", ".json"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "decap" not in text.lower() and "/admin/" not in text, path


# --- in Chromium, through make edit ----------------------------------------------------------------

def wait_for(url: str, timeout: float = 90) -> bytes:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            time.sleep(0.25)
    pytest.fail(f"nothing answered at {url}")


def git(repo: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="T", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="T",
               GIT_COMMITTER_EMAIL="t@example.invalid")
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env).stdout


def _editing(tmp_path, call: Path | None = None, prepare=None):
    """`make edit` in a copy of the project (its own git repository, with `call` as its call if given, changed by
    `prepare(workspace)` if given), on free ports: (workspace, preview origin, editor origin, process)."""
    workspace = make_workspace(tmp_path / "work")
    if call is not None:
        use_call(workspace, call)
    if prepare is not None:
        prepare(workspace)
    (workspace / "node_modules").symlink_to(REPO / "node_modules")
    (workspace / ".gitignore").write_text("node_modules\n.preview*\nsite\n__pycache__/\n", encoding="utf-8")
    git(workspace, "init", "-q")
    git(workspace, "add", "-A")
    git(workspace, "commit", "-qm", "Utlysningen")
    port, editor_port = free_port(), free_port()
    env = dict(os.environ, PREVIEW_PORT=str(port), EDITOR_PORT=str(editor_port), EDITOR_LANGUAGE="sv")
    env.pop("CALL_DIR", None)
    process = subprocess.Popen(["make", "--no-print-directory", "-C", str(workspace), "edit", *MAKE_VARS], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    origin, editor = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{editor_port}"
    try:
        wait_for(origin + "/index.html")
        wait_for(editor + "/admin/")
        yield workspace, origin, editor, process
    finally:
        stop_group(process)


@pytest.fixture
def editing(tmp_path):
    yield from _editing(tmp_path)


@pytest.fixture
def editing_decided(tmp_path):
    """The same with the fixture call, whose decision lists grants."""
    from conftest import FIXTURE_CALL
    yield from _editing(tmp_path, FIXTURE_CALL)


def _two_calls(workspace: Path) -> None:
    """The reference call (in Swedish and English) and the fixture call, the newer, in one site."""
    import shutil
    from conftest import FIXTURE_CALL
    from language_fixture import remove_language
    remove_language(workspace, "fi")
    shutil.copytree(FIXTURE_CALL, workspace / "calls" / FIXTURE_CALL.name)


@pytest.fixture
def editing_two_calls(tmp_path):
    yield from _editing(tmp_path, prepare=_two_calls)


def open_editor(browser, origin: str, seen: list[str]):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("request", lambda request: seen.append(request.url))
    page.goto(origin + "/admin/")
    page.get_by_role("button", name="Logga in").click()
    return page


def open_entry(page, origin: str, collection: str, label: str) -> None:
    """Open an entry as an editor does: from its collection's list (a fresh page, no draft left over)."""
    page.goto(f"{origin}/admin/#/collections/{collection}")
    page.reload()
    page.get_by_role("link", name=re.compile(re.escape(label))).first.click()


def field(page, label: str):
    """The input of a field by its Swedish label (the last one: a new list item comes last)."""
    # An optional field's label carries Decap's word for it ("frivillig") after the name.
    ident = page.locator("label", has_text=re.compile(rf"^{re.escape(label)}(\s*\(?frivillig\)?)?$", re.I)).last.get_attribute("for")
    return page.locator(f"[id='{ident}']")


def publish_now(page) -> None:
    page.get_by_role("button", name="Spara", exact=True).click()  # saves to this computer: "publicera" means live
    page.get_by_text("Spara nu").click()
    page.get_by_text("Sparad", exact=True).first.wait_for()


def append_to_text(page, origin: str, name: str, words: str) -> None:
    """Type words at the end of a longer Swedish text in Decap's plain Markdown editor, and save."""
    open_entry(page, origin, "texter-sv", name)
    page.get_by_role("textbox").first.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(words)
    publish_now(page)


def preview_version(origin: str) -> str:
    return wait_for(origin + "/__preview/version").decode()


def wait_for_rebuild(origin: str, before: str, timeout: float = 90) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if preview_version(origin) != before:
            return time.monotonic() - started
        time.sleep(0.2)
    pytest.fail("the preview did not rebuild after the save")


def test_edit_save_check_and_preview_in_every_language(browser, editing):
    from tools.translations import fingerprint
    workspace, origin, editor, _process = editing
    before = {name: (workspace / CALL_PATH / DATA_FILES[name][0]).read_text(encoding="utf-8") for name in ("call", "questions")}
    new_closes, new_summary = "2019-04-15", "Stöd till nya sätt att klara kompetensförsörjningen."
    question = {"id": "apply_again", "published": "2026-11-27",
                "question": {"sv": "Får vi söka igen nästa år?", "en": "May we apply again next year?"},
                "answer": {"sv": "Utlysningen säger inget om det.", "en": "The call does not say."}}
    seen: list[str] = []
    page = open_editor(browser, origin, seen)  # the preview's /admin/ leads to the editor's own origin
    assert page.url.startswith(editor + "/admin/")
    # Decap asks whether to restore "a local copy" on opening an entry whose unsaved changes it kept; after saves
    # there are none, so opening entries again (each open_entry reloads) asks nothing.
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # Nothing to upload, so no Media tab: the header offers only what the editor can do.
    header = page.locator("header").first
    header.get_by_text("Innehåll", exact=True).first.wait_for()
    assert not header.get_by_text("Media", exact=True).count()
    open_entry(page, editor, "utlysningen", "Utlysningen")
    field(page, "Sista ansökningsdag").fill(new_closes)
    field(page, "Sammanfattning").locator("[lang=sv]").fill(new_summary)
    version = preview_version(origin)
    publish_now(page)
    wait_for_rebuild(origin, version)
    # The editor's button after a save leads to the preview (it did nothing before).
    assert page.get_by_role("link", name="Visa i förhandsvisningen").get_attribute("href") == f"{origin}/{call_path('')}"  # the call edited
    # The preview still shows the pages, with what now lags in a bar on top, in Swedish.
    start = wait_for(f"{origin}/{call_path('en/index.html')}").decode()
    assert 'class="preview-warnings"' in start and "Utlysningen → Sammanfattning:" in start and new_summary not in start
    assert "call.yml" not in start and "make translated" not in start  # the form's words, not the terminal's
    assert "Content-Security-Policy" in start and "unsafe-eval" not in start  # the site's own policy, untouched

    open_entry(page, editor, "utlysningen", "Frågor och svar")
    page.get_by_role("button", name=re.compile("Lägg till en rad i frågor")).click()
    field(page, "Id").fill(question["id"])
    field(page, "Publicerad").fill(question["published"])
    for name, label in (("question", "Fråga"), ("answer", "Svar")):
        for code in ("sv", "en"):
            field(page, label).locator(f"[lang={code}]").fill(question[name][code])
    version = preview_version(origin)
    publish_now(page)
    wait_for_rebuild(origin, version)

    # On disk: exactly those changes, in the editor's form, nothing else.
    expected_call = load_bytes(before["call"].encode("utf-8")).data
    assert expected_call["window"]["closes"] != new_closes
    expected_call["window"]["closes"] = new_closes
    old_summary, expected_call["summary"]["sv"] = expected_call["summary"]["sv"], new_summary
    for code, records in expected_call["translations"].items():  # the translations keep what they were made from
        records["summary"] = {"source": fingerprint(old_summary), "was": old_summary}
    expected_questions = load_bytes(before["questions"].encode("utf-8")).data
    expected_questions["questions"].append(question)
    for name in ("question", "answer"):  # written in both languages in one save: up to date without a click
        expected_questions["translations"]["en"][f"questions[{question['id']}].{name}"] = fingerprint(question[name]["sv"])
    expected_questions["translations"]["en"] = dict(sorted(expected_questions["translations"]["en"].items()))
    for name, expected in (("call", expected_call), ("questions", expected_questions)):
        scratch = workspace.parent / f"expected-{name}.yml"
        scratch.write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
        assert (workspace / CALL_PATH / DATA_FILES[name][0]).read_text(encoding="utf-8") == editor_form(scratch, field_order(name))
    changed = sorted(line[3:] for line in git(workspace, "status", "--porcelain").splitlines())
    assert changed == ["calls/2019-rorlighet-matchning/call.yml", "calls/2019-rorlighet-matchning/questions.yml"], changed

    # The check passes, saying only, in Swedish, that the translations of what changed lag behind the Swedish.
    check = subprocess.run(["make", "--no-print-directory", "-C", str(workspace), "check", *MAKE_VARS], capture_output=True, text=True,
                           env={k: v for k, v in os.environ.items() if k not in ("EDITOR_LANGUAGE", "CALL_DIR")})
    assert check.returncode == 0, check.stderr
    problems = [line for line in check.stderr.splitlines() if line.startswith("calls/2019-rorlighet-matchning/")]
    lagging = (table("sv")["translation_behind"]["what"].split("{")[0], table("sv")["translation_unmarked"]["what"].split("{")[0])
    keys = {re.search(r"WHAT=(\S+?)[;)]", line).group(1) for line in problems}
    summary_languages = [lang.code for lang in load(workspace / CALL_PATH).languages if lang.code != "sv"]
    assert keys == {f"call.yml:summary.{code}" for code in summary_languages}, check.stderr
    assert all(any(words in line for words in lagging) for line in problems), check.stderr

    # The preview shows the new date in every language.
    data = load(workspace / CALL_PATH)
    for lang in data.languages:
        start = wait_for(f"{origin}/{lang.path}index.html").decode()
        assert fmt.format_date(new_closes, lang) in start.replace("&nbsp;", "\u00a0"), lang.code
    assert question["question"]["sv"] in wait_for(f"{origin}/{call_path('questions.html')}").decode()

    assert dialogs == [], dialogs

    # A closing date before the opening, put through the editor: refused before it is written, with
    # the reason in Swedish in the editor's notice; the file and the preview stay as they were.
    saved = (workspace / CALL_PATH / "call.yml").read_bytes()
    open_entry(page, editor, "utlysningen", "Utlysningen")
    field(page, "Sista ansökningsdag").fill("2019-01-01")
    version = preview_version(origin)
    page.get_by_role("button", name="Spara", exact=True).click()
    page.get_by_text("Spara nu").click()
    refusal = page.get_by_text(re.compile(re.escape(table("sv")["edit_refused_invalid"].split(",")[0])))
    refusal.first.wait_for()
    assert table("sv")["closes_before_opens"]["what"].split("{")[0].strip() in refusal.first.inner_text()
    # The same message under the field it concerns, which points to it.
    closes = field(page, "Sista ansökningsdag")
    under = page.locator(".editor-field-error")
    under.first.wait_for()
    assert table("sv")["closes_before_opens"]["what"].split("{")[0].strip() in under.first.inner_text()
    assert under.first.get_attribute("id") in closes.get_attribute("aria-describedby").split()
    assert closes.get_attribute("aria-invalid") == "true"
    assert (workspace / CALL_PATH / "call.yml").read_bytes() == saved
    time.sleep(1.5)  # longer than the preview's watcher takes to notice a change
    assert preview_version(origin) == version

    assert {urlsplit(url).hostname for url in seen} == {"127.0.0.1"}, sorted({url for url in seen if "127.0.0.1" not in url})
    # A page whose name was rebound to 127.0.0.1 gets nothing from the preview either.
    rebound = urllib.request.Request(origin + "/index.html", headers={"Host": f"rebound.example:{urlsplit(origin).port}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(rebound, timeout=10)
    assert refused.value.code == 403
    page.close()
    # The editor's looser policy is its page's alone.
    with urllib.request.urlopen(editor + "/admin/") as response:
        assert "'unsafe-eval'" in response.headers["Content-Security-Policy"]


def test_a_phone_a_meeting_and_a_notice_in_every_language_through_the_form(browser, editing):
    """Everyday changes made only in the form: the contact's phone, a meeting named in every published language and a
    notice written in every one, the summary languages' included. Saved, they are in the file as typed, the check
    has nothing to say of them, and the preview shows the notice and the meeting in every language."""
    workspace, origin, editor, _process = editing
    call = load(workspace / CALL_PATH)
    languages = list(call.languages)
    phone = call.call["contact"]["phone"]
    new_phone = phone[:-2] + ("11" if not phone.endswith("11") else "12")
    notice = {lang.code: f"{lang.name}: ett nytt meddelande {index}." for index, lang in enumerate(languages)}
    meeting = {lang.code: f"{lang.name}: informationsträff {index}" for index, lang in enumerate(languages)}
    page = open_editor(browser, editor, [])
    open_entry(page, editor, "utlysningen", "Utlysningen")
    contact = field(page, "Kontakt för frågor om utlysningen")
    phone_id = contact.locator("label", has_text=re.compile(r"^Telefon")).first.get_attribute("for")
    page.locator(f"[id='{phone_id}']").fill(new_phone)

    page.get_by_role("button", name=re.compile("Lägg till en rad i informationsmöten", re.I)).click()
    field(page, "Id").fill("traff_april")
    for code, text in meeting.items():
        field(page, "Namn").locator(f"[lang={code}]").fill(text)
    field(page, "Börjar").fill("2019-03-05 13:00")
    field(page, "Slutar").fill("2019-03-05 14:30")
    page.get_by_role("button", name=re.compile("Lägg till en rad i meddelanden", re.I)).click()
    field(page, "Datum").fill("2019-02-25")
    for code, text in notice.items():
        field(page, "Meddelande").locator(f"[lang={code}]").fill(text)
    version = preview_version(origin)
    publish_now(page)
    wait_for_rebuild(origin, version)

    saved = load(workspace / CALL_PATH).call
    assert saved["contact"]["phone"] == new_phone
    [added] = [event for event in saved["events"] if event["id"] == "traff_april"]
    assert added["name"] == meeting and added["starts"] == "2019-03-05T13:00" and added["ends"] == "2019-03-05T14:30"
    assert any(item["text"] == notice and item["date"] == "2019-02-25" for item in saved["notices"])
    check = subprocess.run(["make", "--no-print-directory", "-C", str(workspace), "check", *MAKE_VARS], capture_output=True, text=True,
                           env={k: v for k, v in os.environ.items() if k not in ("EDITOR_LANGUAGE", "CALL_DIR")})
    assert check.returncode == 0 and "traff_april" not in check.stderr and "notices" not in check.stderr, check.stderr
    for lang in languages:
        shown = "".join(wait_for(f"{origin}/{lang.path}{page_name}").decode() for page_name in ("index.html",))
        assert notice[lang.code] in shown and meeting[lang.code] in shown, lang.code
    page.close()


def test_a_date_is_chosen_in_a_calendar_in_the_editors_language_or_typed(browser, editing):
    """The form's date field speaks the editor's language whatever the browser's (this Chromium's is English): the
    calendar names the month and the weekdays in Swedish, opens on the date the field holds, is used with the keys
    alone, and writes the schema's form; a date that does not exist is named on the field and saved nowhere."""
    import datetime as dt
    from babel.dates import format_date, get_day_names
    workspace, _origin, editor, _process = editing
    call_yml = workspace / CALL_PATH / "call.yml"
    closes = dt.date.fromisoformat(str(load_bytes(call_yml.read_bytes()).data["window"]["closes"]))
    page = open_editor(browser, editor, [])
    assert page.evaluate("navigator.language").startswith("en")
    open_entry(page, editor, "utlysningen", "Utlysningen")
    date = field(page, "Sista ansökningsdag")
    assert date.input_value() == closes.isoformat()
    page.get_by_role("button", name=f"{say('editor_form_date_open', lang='sv')}: Sista ansökningsdag").click()
    calendar = page.get_by_role("dialog", name=format_date(closes, "LLLL y", locale="sv"))
    calendar.wait_for()
    monday = get_day_names("wide", locale="sv")[0]
    assert calendar.locator("th").first.get_attribute("abbr") == monday
    from axe_playwright_python.sync_playwright import Axe
    violations = [violation["id"] for violation in Axe().run(page, context=".datum").response["violations"]]
    assert not violations, violations  # the field, its button and the calendar
    focused = page.evaluate("document.activeElement.getAttribute('data-dag')")
    assert focused == closes.isoformat()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("PageDown")
    later = closes + dt.timedelta(days=1)
    later = later.replace(month=later.month % 12 + 1, year=later.year + (later.month == 12))
    page.get_by_role("dialog", name=format_date(later, "LLLL y", locale="sv")).wait_for()
    page.keyboard.press("Enter")
    assert date.input_value() == later.isoformat()
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"  # back on its button
    publish_now(page)
    assert f"closes: {later.isoformat()}" in call_yml.read_text(encoding="utf-8")

    saved = call_yml.read_bytes()
    date.fill(f"{later.year}-02-30")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.get_by_text("Spara nu").click()
    page.get_by_text(say("editor_form_date_invalid", lang="sv")).first.wait_for()
    assert call_yml.read_bytes() == saved
    page.close()


def test_a_text_in_the_markdown_editor_keeps_its_names_for_facts(browser, editing):
    workspace, _origin, editor, _process = editing
    text = workspace / CALL_PATH / "text" / "sv" / "funding.md"
    original = text.read_text(encoding="utf-8")
    page = open_editor(browser, editor, [])
    append_to_text(page, editor, "funding", " Läs mer före {{ call.closes }}.")
    saved = text.read_text(encoding="utf-8")
    assert saved.startswith(original) and saved[len(original):].strip() == "Läs mer före {{ call.closes }}."  # the rest untouched
    assert "\\_" not in saved and "{{ call.max_support }}" in saved  # not rewritten
    page.close()


def test_the_editor_for_a_hosted_repository_needs_no_local_server(tmp_path):
    """editor.yml names the repository host; the written editor saves there, with no local backend."""
    workspace = make_workspace(tmp_path / "work")
    (workspace / "node_modules").symlink_to(REPO / "node_modules")
    env = dict(os.environ, EDITOR_LANGUAGE="sv")
    env.pop("CALL_DIR", None)
    refused = subprocess.run([sys.executable, "-m", "tools.edit", "--write-to", str(tmp_path / "admin")], cwd=workspace,
                             capture_output=True, text=True, env=env)
    assert refused.returncode != 0 and "editor_backend" in refused.stderr
    backend = {"name": "gitlab", "repo": "region/utlysning", "branch": "main", "auth_type": "pkce", "app_id": "abc123"}
    (workspace / "editor.yml").write_text(yaml.safe_dump({"language": "sv", "editor_backend": backend}), encoding="utf-8")
    written = subprocess.run([sys.executable, "-m", "tools.edit", "--write-to", str(tmp_path / "admin")], cwd=workspace,
                             capture_output=True, text=True, env=env)
    assert written.returncode == 0, written.stderr
    made = json.loads((tmp_path / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert made["backend"] == {**backend, "preview_context": "deploy/forhandsvisning"} and "local_backend" not in made
    assert made["publish_mode"] == "editorial_workflow"  # each change a merge request, previewed before it is live
    assert (tmp_path / "admin" / "decap" / "decap-cms.js").exists() and (tmp_path / "admin" / "editor.js").exists()
    # One configuration per call, which the page's ?utlysning=<slug> picks (editor/utlysning.js).
    from macros.call_data import call_folders
    for folder in call_folders(workspace):
        chosen = json.loads((tmp_path / "admin" / "config" / f"{folder.name}.yml").read_text(encoding="utf-8"))
        assert chosen["collections"][0]["files"][0]["file"] == f"calls/{folder.name}/call.yml"
        assert f'data-slug="{folder.name}"' in (tmp_path / "admin" / "index.html").read_text(encoding="utf-8")


def test_the_hosted_editor_answers_translations_with_no_server_of_ours(browser, tmp_path):
    """The editor as written for a hosted repository, served as plain files, saving through Decap's in-browser
    repository (its test backend, in the editorial workflow a hosted editor uses): a Swedish change saved as a
    draft keeps what the English was made from and the form shows what changed; the answer is saved in the next
    draft; a longer text's English reads the published Swedish through the same backend and is answered in its
    header. No server of ours is asked anything but files."""
    import functools
    import http.server
    import threading
    from tools.translations import fingerprint
    workspace = make_workspace(tmp_path / "work")
    (workspace / "node_modules").symlink_to(REPO / "node_modules")
    backend = {"name": "test-repo", "repo": "region/utlysning", "branch": "main"}
    (workspace / "editor.yml").write_text(yaml.safe_dump({"language": "sv", "editor_backend": backend}), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("CALL_DIR", "EDITOR_LANGUAGE")}  # editor.yml's language
    subprocess.run([sys.executable, "-m", "tools.edit", "--write-to", str(tmp_path / "admin")], cwd=workspace, env=env,
                   check=True, capture_output=True)
    words = (tmp_path / "admin" / "index.html").read_text(encoding="utf-8")
    assert say("editor_form_mark", lang="sv") in words and say("publish_page_publish_button", lang="sv") not in words
    # The repository as the hosted editor finds it, with the Swedish of one longer text changed since its English.
    purpose = workspace / CALL_PATH / "text" / "sv" / "purpose.md"
    purpose.write_text(purpose.read_text(encoding="utf-8").rstrip() + " En ny mening.\n", encoding="utf-8")
    tree: dict = {}
    for path in sorted((workspace / CALL_PATH).rglob("*")):
        if path.is_file() and path.suffix in (".yml", ".md") and "source" not in path.parts:
            relative = path.relative_to(workspace).as_posix()
            *folders, name = relative.split("/")
            node = tree
            for folder in folders:
                node = node.setdefault(folder, {})
            node[name] = {"content": path.read_text(encoding="utf-8"), "path": relative}
    files = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "admin")))
    threading.Thread(target=files.serve_forever, daemon=True).start()
    asked: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("request", lambda request: asked.append(urlsplit(request.url).path))
    page.add_init_script(f"window.repoFiles = {json.dumps(tree)};")
    origin = f"http://127.0.0.1:{files.server_port}"

    def draft(path: str) -> str:
        found = page.evaluate("""path => { for (const entry of Object.values(window.repoFilesUnpublished)) {
            const diff = entry.diffs.find(d => d.path === path); if (diff) return diff.content; } return null; }""", path)
        assert found is not None, path
        return found

    try:
        page.goto(origin + "/index.html")
        page.get_by_role("button", name="Logga in").click()  # Decap's test backend's own page, never shown to editors
        page.goto(origin + "/index.html#/collections/utlysningen/entries/call")
        summary = field(page, "Sammanfattning")
        english = summary.locator("[id$='-en-status']")
        english.get_by_text(say("editor_form_fresh", lang="sv")).wait_for()
        before = summary.locator("textarea[lang=sv]").input_value()
        changed = before + " En ny mening."
        summary.locator("textarea[lang=sv]").fill(changed)
        page.get_by_role("button", name="Spara", exact=True).click()
        page.wait_for_function("() => Object.keys(window.repoFilesUnpublished).length > 0")
        saved = load_bytes(draft("calls/2019-rorlighet-matchning/call.yml").encode("utf-8")).data
        assert saved["translations"]["en"]["summary"] == {"source": fingerprint(before), "was": before}
        english = field(page, "Sammanfattning").locator("[id$='-en-status']")  # the form is drawn anew after a save
        english.get_by_text(say("editor_form_behind", lang="sv")).wait_for()
        assert "En ny mening." in english.locator("ins").inner_text()
        english.get_by_role("button", name=say("editor_form_mark", lang="sv")).click()
        page.get_by_role("button", name="Spara", exact=True).click()
        for _ in range(50):
            saved = load_bytes(draft("calls/2019-rorlighet-matchning/call.yml").encode("utf-8")).data
            if saved["translations"]["en"]["summary"] == fingerprint(changed):
                break
            time.sleep(0.1)
        assert saved["translations"]["en"]["summary"] == fingerprint(changed)

        page.goto(origin + "/index.html#/collections/texter-en/entries/purpose")
        page.reload()  # a fresh form (the repository in the page is seeded again, its drafts gone; still logged in)
        record = field(page, say("editor_translation_label", lang="sv"))
        record.get_by_text(say("editor_form_behind", lang="sv")).wait_for()
        assert "En ny mening." in record.locator("ins").inner_text()
        record.get_by_role("button", name=say("editor_form_mark", lang="sv")).click()
        page.get_by_role("button", name="Spara", exact=True).click()
        for _ in range(50):
            found = page.evaluate("() => Object.values(window.repoFilesUnpublished).flatMap(e => e.diffs).map(d => d.path)")
            if "calls/2019-rorlighet-matchning/text/en/purpose.md" in found:
                break
            time.sleep(0.1)
        header = draft("calls/2019-rorlighet-matchning/text/en/purpose.md").split("---\n")[1]
        assert load_bytes(header.encode("utf-8")).data["translation"]["source"] == fingerprint(purpose.read_text(encoding="utf-8"))
    finally:
        page.close()
        files.shutdown()
    assert not [path for path in asked if path.startswith("/api")]  # files only


def test_publish_roll_back_and_throw_away_on_the_editors_page(browser, editing, tmp_path):
    """Everything after a save, in the browser: what changed, by the labels of the form; publish to a local TO;
    throw away the changes of one file after a confirmation; roll back. No terminal in any step."""
    workspace, _origin, editor, _process = editing
    to = tmp_path / "www"
    (workspace / "editor.yml").write_text(f"language: sv\npublish_to: {to}\n", encoding="utf-8")
    from conftest import set_yaml_text
    call_yml = workspace / CALL_PATH / "call.yml"
    # Three other numbers of the same form as the call's: the first, a typo, the second.
    phone = load(workspace / CALL_PATH).call["contact"]["phone"]
    new_phone, typo_phone, newer_phone = (phone[:-2] + ending for ending in ("63", "99", "64"))
    set_yaml_text(call_yml, ("contact", "phone"), new_phone)
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    page.goto(editor + "/admin/")
    page.get_by_role("link", name=say("publish_page_open", lang="sv")).click()
    page.get_by_role("heading", name=say("publish_page_title", lang="sv"), level=1).wait_for()
    changes = page.locator("#changes")
    changes.get_by_text("Kontakt för frågor om utlysningen → Telefon").wait_for()
    assert "call.yml" not in changes.inner_text() and "phone" not in changes.inner_text()
    from axe_playwright_python.sync_playwright import Axe
    violations = [violation["id"] for violation in Axe().run(page).response["violations"]]
    assert not violations, violations

    def publish(message: str) -> None:
        page.get_by_label(say("publish_page_message_label", lang="sv")).fill(message)
        if page.locator("#publish-identity").is_visible():
            page.get_by_label(say("publish_page_name_label", lang="sv")).fill("Anna Redaktör")
            page.get_by_label(say("publish_page_email_label", lang="sv")).fill("anna@example.se")
        page.get_by_role("button", name=say("publish_page_publish_button", lang="sv"), exact=True).click()
        page.locator("#publish-status", has_text=re.compile("^Publicerat:")).wait_for(timeout=120_000)

    # A publication without a message is refused on the field, and nothing is published.
    page.get_by_role("button", name=say("publish_page_publish_button", lang="sv"), exact=True).click()
    assert page.locator("#publish-message-error").inner_text() == say("publish_page_no_message", lang="sv")
    assert not to.exists()

    publish("Nytt telefonnummer")
    first = os.readlink(to / "current")
    assert new_phone in (call_dir_of(to / "current") / "contact.html").read_text(encoding="utf-8").replace("\u00a0", " ")
    assert git(workspace, "log", "-1", "--format=%s").strip() == "Nytt telefonnummer"
    page.get_by_text(say("publish_page_no_changes", lang="sv")).wait_for()

    # Two unsaved changes; the one in the glossary is thrown away after a confirmation, the other is published.
    glossary = workspace / CALL_PATH / "glossary.yml"
    saved_glossary = glossary.read_bytes()
    glossary.write_bytes(saved_glossary.replace(b"id: call", b"id: call_x", 1))
    # A typo saved, then corrected before the publication: readers never saw it, and the log never shows it.
    set_yaml_text(call_yml, ("contact", "phone"), typo_phone)
    set_yaml_text(call_yml, ("contact", "phone"), newer_phone)
    page.reload()
    discard = page.get_by_role("button", name=say("publish_page_discard_file", lang="sv", file=say("editor_file_glossary", lang="sv")))
    page.once("dialog", lambda dialog: dialog.accept())
    discard.click()
    page.locator("#publish-status", has_text=say("publish_page_discarded", lang="sv", count=1, kept="")[:20]).wait_for()
    assert glossary.read_bytes() == saved_glossary
    assert list((workspace / ".undo").rglob("glossary.yml"))  # what was thrown away is kept
    publish("Ännu ett telefonnummer")
    assert os.readlink(to / "current") != first
    log = (call_dir_of(to / "current") / "changes.html").read_text(encoding="utf-8").replace("\u00a0", " ")
    assert newer_phone in log and new_phone in log and typo_phone not in log

    # Undo the last publication: the site shows the first one again; the saved change stays saved.
    page.get_by_role("button", name=say("publish_page_rollback_button", lang="sv")).click()
    page.locator("#publish-status", has_text=re.compile("^Tillbaka:")).wait_for()
    assert os.readlink(to / "current") == first, (page.locator("#publish-status").inner_text(), sorted(p.name for p in (to / "releases").iterdir()))
    assert load(workspace / CALL_PATH).call["contact"]["phone"] == newer_phone

    # A mistake published, then corrected with the box ticked: the public log shows it once, as a correction.
    def saved_and_listed(number: str) -> None:
        set_yaml_text(call_yml, ("contact", "phone"), number)
        page.reload()
        changes.get_by_text("Kontakt för frågor om utlysningen → Telefon").wait_for()

    saved_and_listed(typo_phone)
    publish("Nytt nummer")
    fixed_phone = phone[:-2] + "65"
    saved_and_listed(fixed_phone)
    page.get_by_label(say("publish_page_correction_label", lang="sv")).check()
    publish("Rätt nummer")
    assert not page.get_by_label(say("publish_page_correction_label", lang="sv")).is_checked()
    log = (call_dir_of(to / "current") / "changes.html").read_text(encoding="utf-8").replace("\u00a0", " ")
    assert log.count(typo_phone) == 1 and log.count("Rättelse:") == 1 and fixed_phone in log, log
    assert git(workspace, "log", "-1", "--format=%(trailers:key=Correction,valueonly)").strip() == "true"
    page.close()


def test_the_publish_actions_answer_only_the_editors_own_page(editing):
    _workspace, _origin, editor, _process = editing
    port = urlsplit(editor).port
    for origin in ("http://evil.example", f"http://127.0.0.1:{port + 1}"):
        request = urllib.request.Request(editor + "/api/publish", data=json.dumps({"action": "state"}).encode(), method="POST",
                                         headers={"Content-Type": "application/json", "Origin": origin})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403
    request = urllib.request.Request(editor + "/api/publish", data=json.dumps({"action": "state"}).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Origin": editor})
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert "changes" in json.loads(answer.read())


# --- the editor with nothing but Python (start_editor.py) --------------------------------------------------

def _decap_tarball() -> bytes:
    """Decap's dist/ as npm packs it (package/dist/…): the page and its chunks, without source maps."""
    import io
    import tarfile
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=1) as archive:
        for path in sorted((REPO / "node_modules" / "decap-cms" / "dist").glob("*decap-cms.js")):
            archive.add(path, arcname=f"package/dist/{path.name}")
    return buffer.getvalue()


def _integrity(data: bytes) -> str:
    import base64
    import hashlib
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def test_the_starter_uses_only_what_the_lockfile_pins():
    import io
    import tarfile
    sys.path.insert(0, str(REPO))
    import start_editor
    data = _decap_tarball()
    assert start_editor.verified(data, _integrity(data))
    assert not start_editor.verified(data + b"x", _integrity(data))
    assert not start_editor.verified(data, "sha1-" + _integrity(data).partition("-")[2])
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name in ("package/dist/ok.js", "package/dist/../../escape.js", "package/package.json"):
            member = tarfile.TarInfo(name)
            member.size = 2
            archive.addfile(member, io.BytesIO(b"//"))
    target = Path(start_editor.ROOT.parent / f"unpack-test-{os.getpid()}")
    try:
        start_editor.unpack_dist(buffer.getvalue(), target)
        assert [p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()] == ["dist/ok.js"]
        assert not (target.parent / "escape.js").exists()
    finally:
        import shutil
        shutil.rmtree(target, ignore_errors=True)


def test_the_editor_and_its_preview_need_no_fork_and_no_pango(tmp_path):
    """What Python on Windows lacks, taken away here: no fork (any attempt to fork fails the test), and WeasyPrint
    not importable (no Pango). The editor starts, a save reaches every language's preview (built one after
    another), the preview's PDF is not made and the terminal says why, and nothing prints a traceback.
    (fcntl's place on Windows, msvcrt's lock, is tools/file_lock.py: it cannot run here.)"""
    workspace = make_workspace(tmp_path / "work")
    (workspace / "node_modules").symlink_to(REPO / "node_modules")
    port, editor_port = free_port(), free_port()
    windows_like = ("import multiprocessing, runpy, sys\n"
                    "def no_fork(method=None):\n"
                    "    raise AssertionError('fork asked for: ' + str(method))\n"
                    "multiprocessing.get_all_start_methods = lambda: ['spawn']\n"
                    "multiprocessing.get_context = no_fork\n"
                    "sys.modules['weasyprint'] = None\n"
                    "sys.argv = ['tools.edit']\n"
                    "runpy.run_module('tools.edit', run_name='__main__')\n")
    env = dict(os.environ, PREVIEW_PORT=str(port), EDITOR_PORT=str(editor_port), EDITOR_LANGUAGE="sv")
    env.pop("CALL_DIR", None)
    process = subprocess.Popen([sys.executable, "-c", windows_like], cwd=workspace, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    origin, editor = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{editor_port}"
    try:
        wait_for(origin + "/index.html")
        version = preview_version(origin)
        from conftest import set_yaml_text
        draft = tmp_path / "call.yml"  # the file as the form sends it
        draft.write_bytes((workspace / CALL_PATH / "call.yml").read_bytes())
        changed = "Stöd till projekt som prövar nya sätt att klara kompetensförsörjningen."
        set_yaml_text(draft, ("summary", "sv"), changed)
        body = {"action": "persistEntry", "params": {"entry": {"path": "calls/2019-rorlighet-matchning/call.yml", "raw": draft.read_text(encoding="utf-8")}}}
        request = urllib.request.Request(editor + "/api/v1", data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json", "Origin": editor})
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert json.loads(answer.read()) == {"message": "entry persisted"}
        wait_for_rebuild(origin, version)
        for _ in range(300):
            if changed in wait_for(f"{origin}/{call_path('index.html')}").decode():
                break
            time.sleep(0.2)
        else:
            pytest.fail(stop_group(process))
        for lang in load(workspace / CALL_PATH).languages.full:
            assert wait_for(f"{origin}/{lang.path}index.html")
        document = load(workspace / CALL_PATH).languages.authoritative
        from macros.downloads import download
        try:
            urllib.request.urlopen(f"{origin}/{document.path}{download(document, 'call_document').file}", timeout=30).read()
        except urllib.error.HTTPError as error:
            assert error.code == 404  # not made, and said in the terminal
    finally:
        output = stop_group(process)
    assert "Traceback" not in output and "fork asked for" not in output, output
    said = max(re.split(r"\{\w+\}", table("sv")["download_failed"]["what"]), key=len).strip()
    assert said in output, output  # the PDF that could not be made, said in the terminal


def test_the_editor_starts_with_python_alone_without_node_or_make(tmp_path):
    """An officer with only Python (and git): one command, no make and no node on the PATH. Decap comes from a
    registry (here a local one) and is used because its SHA-512 is the lockfile's."""
    import http.server
    import threading
    workspace = make_workspace(tmp_path / "work")
    (workspace / ".venv").symlink_to(REPO / ".venv")  # made by make: the starter finds it ready
    data = _decap_tarball()
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    entry = lock["packages"]["node_modules/decap-cms"]
    entry["integrity"] = _integrity(data)  # the registry here serves a smaller pack of the same files
    (workspace / "package-lock.json").write_text(json.dumps(lock), encoding="utf-8")

    class Registry(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            found = self.path == f"/decap-cms/-/decap-cms-{entry['version']}.tgz"
            self.send_response(200 if found else 404)
            self.end_headers()
            if found:
                self.wfile.write(data)

        def log_message(self, *args):
            pass

    registry = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Registry)
    threading.Thread(target=registry.serve_forever, daemon=True).start()
    bare = tmp_path / "bin"  # the PATH: python and git, nothing else
    bare.mkdir()
    python = Path(getattr(sys, "_base_executable", sys.executable))
    (bare / "python3").symlink_to(python)
    (bare / "git").symlink_to(subprocess.run(["which", "git"], capture_output=True, text=True).stdout.strip())
    port, editor_port = free_port(), free_port()
    env = {"PATH": str(bare), "HOME": os.environ.get("HOME", str(tmp_path)), "LANG": "C.UTF-8", "EDITOR_LANGUAGE": "sv",
           "PREVIEW_PORT": str(port), "EDITOR_PORT": str(editor_port),
           "NPM_CONFIG_REGISTRY": f"http://127.0.0.1:{registry.server_port}/"}
    import shutil
    assert shutil.which("node", path=env["PATH"]) is None and shutil.which("make", path=env["PATH"]) is None
    process = subprocess.Popen([str(bare / "python3"), "start_editor.py"], cwd=workspace, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        editor = f"http://127.0.0.1:{editor_port}"
        assert b"decap/decap-cms.js" in wait_for(editor + "/admin/")
        assert len(wait_for(editor + "/admin/decap/decap-cms.js")) > 100_000
        assert b"<html" in wait_for(f"http://127.0.0.1:{port}/index.html")
        assert (workspace / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file()
    finally:
        output = stop_group(process)
        registry.shutdown()
    assert "Traceback" not in output, output


def test_a_grant_above_the_cap_is_refused_by_the_amount_fields_label(tmp_path):
    """The decision's grant over the call's cap: refused, the file unchanged, and the message names the field as the
    form does (the grants list, the grant as its folded row shows it, the amount's label), never `grants[1].amount_sek`."""
    from conftest import FIXTURE_CALL
    from tools.edit import serve_editor
    from tools.field_labels import field_labels
    workspace = make_workspace(tmp_path / "work")
    use_call(workspace, FIXTURE_CALL)
    port = free_port()
    server = serve_editor(port, root=workspace, folder=workspace / CALL_PATH)
    origin = f"http://127.0.0.1:{port}"
    outcome = workspace / CALL_PATH / "outcome.yml"
    before = outcome.read_bytes()
    raw = before.decode("utf-8").replace("amount_sek: 180000", "amount_sek: 900000")
    body = {"action": "persistEntry", "params": {"entry": {"path": "calls/2019-rorlighet-matchning/outcome.yml", "raw": raw}}}
    request = urllib.request.Request(origin + "/api/v1", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Origin": origin})
    try:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        answer = json.loads(refused.value.read())
    finally:
        server.shutdown()
        server.server_close()
    message = answer["error"]
    assert refused.value.code == 422 and outcome.read_bytes() == before
    labels = field_labels("calls/2019-rorlighet-matchning/outcome.yml", "grants[1].amount_sek", yaml.safe_load(raw))
    label = " → ".join(labels)
    assert len(labels) == 3  # the list, the grant, the amount
    assert f"{label}:" in message and "amount_sek" not in message and "grants[" not in message, message
    # The field it concerns, for the editor to show the message under it.
    assert [field["labels"] for field in answer["fields"]] == [labels] and answer["fields"][0]["message"] in message


def test_a_data_file_broken_on_disk_still_opens_the_editor_with_a_way_back(browser, editing):
    """Edited by hand into YAML that does not read: /admin/ says, in Swedish, which file and what is wrong, and
    restores that file alone (a copy kept in .undo/); then the editor opens again. No traceback anywhere."""
    workspace, _origin, editor, process = editing
    call_yml, glossary = workspace / CALL_PATH / "call.yml", workspace / CALL_PATH / "glossary.yml"
    saved = call_yml.read_bytes()
    glossary.write_bytes(glossary.read_bytes() + b"\n# a colleague's note\n")  # another unsaved change: kept
    glossary_now = glossary.read_bytes()
    call_yml.write_bytes(saved.replace(b"summary:", b"summary: [", 1))
    page = browser.new_page()
    page.goto(editor + "/admin/")
    page.get_by_role("heading", name=say("publish_page_broken_title", lang="sv")).wait_for()
    text = page.locator("main").inner_text()
    assert say("editor_file_call", lang="sv") in text and "calls/2019-rorlighet-matchning/call.yml" in text and "Traceback" not in text
    page.get_by_role("button", name=say("publish_page_restore", lang="sv", label=say("editor_file_call", lang="sv"))).click()
    page.wait_for_function("() => !document.querySelector('button.restore')", timeout=30_000)  # the editor again
    assert call_yml.read_bytes() == saved and glossary.read_bytes() == glossary_now
    assert any(b"summary: [" in kept.read_bytes() for kept in (workspace / ".undo").rglob("call.yml"))
    page.close()
    assert "Traceback" not in stop_group(process, timeout=30)


def test_translations_are_answered_in_the_form_and_saved_with_their_text(browser, editing):
    """Under each translation in the form, with nothing asked of a server of ours (the same controls work hosted): a
    Swedish change saved alone puts every translation behind and shows the Swedish words removed and added; the two
    answers are saved with the file, as `make translated [KEEP=1]` would record them; a Swedish text and its
    translation changed in one save are up to date without a click. The check agrees at each step. No terminal."""
    import datetime as dt
    from tools.translations import fingerprint, read_records
    workspace, _origin, editor, process = editing
    call_yml = workspace / CALL_PATH / "call.yml"
    before = load_bytes(call_yml.read_bytes()).data["summary"]["sv"]
    removed = before.split()[0]
    changed = before.replace(removed, "Bidrag", 1) + " En ny mening."
    lagging = [lang for lang in load(workspace / CALL_PATH).languages if lang.code != "sv"]  # the summary is in every one
    seen: list[str] = []

    def strict_check() -> subprocess.CompletedProcess:
        return subprocess.run(["make", "--no-print-directory", "-C", str(workspace), "check", "STRICT=1", *MAKE_VARS],
                              capture_output=True, text=True, env={k: v for k, v in os.environ.items() if k != "CALL_DIR"})

    def under(code: str):
        return summary.locator(f"[id$='-{code}-status']")

    page = open_editor(browser, editor, seen)
    open_entry(page, editor, "utlysningen", "Utlysningen")
    summary = field(page, "Sammanfattning")
    under("en").get_by_text(say("editor_form_fresh", lang="sv")).wait_for()
    summary.locator("textarea[lang=sv]").fill(changed)
    publish_now(page)
    assert all(read_records(call_yml)[lang.code]["summary"] == {"source": fingerprint(before), "was": before} for lang in lagging)
    for lang in lagging:
        under(lang.code).get_by_text(say("editor_form_behind", lang="sv")).wait_for()
    assert "Bidrag" in under("en").locator("ins").first.inner_text() and "En ny mening." in under("en").locator("ins").last.inner_text()
    assert removed in under("en").locator("del").inner_text()
    assert summary.locator("textarea[lang=en]").get_attribute("aria-describedby").endswith("-en-status")
    page.get_by_text(say("editor_form_summary", lang="sv", count=len(lagging))).wait_for()
    assert strict_check().returncode != 0  # behind: the strict gate refuses, as before

    under("en").get_by_role("button", name=say("editor_form_mark", lang="sv")).click()
    under("en").get_by_text(say("editor_form_fresh", lang="sv")).wait_for()
    for lang in lagging[1:]:  # the summary languages: the change needs no new translation
        under(lang.code).get_by_role("button", name=say("editor_form_keep", lang="sv")).click()
        under(lang.code).get_by_text(say("editor_form_fresh", lang="sv")).wait_for()
    page.get_by_text(say("editor_form_summary_none", lang="sv")).wait_for()
    publish_now(page)
    records = read_records(call_yml)
    assert records["en"]["summary"] == fingerprint(changed)
    assert all(records[lang.code]["summary"] == {"source": fingerprint(changed), "kept": dt.date.today().isoformat()}
               for lang in lagging[1:])
    check = strict_check()
    assert check.returncode == 0, check.stderr

    # The Swedish and the English changed together: the English is up to date without a click; the others lag.
    summary.locator("textarea[lang=sv]").fill("En helt ny sammanfattning av utlysningen.")
    summary.locator("textarea[lang=en]").fill("An entirely new summary of the call.")
    under("en").get_by_text(say("editor_form_together", lang="sv")).wait_for()
    publish_now(page)
    records = read_records(call_yml)
    assert records["en"]["summary"] == fingerprint("En helt ny sammanfattning av utlysningen.")
    assert all(records[lang.code]["summary"]["was"] == changed for lang in lagging[1:])
    assert not [url for url in seen if "/api/translations" in url]  # the form asked no server of ours

    # After a reload, the form still knows what it answered and what lags.
    open_entry(page, editor, "utlysningen", "Utlysningen")
    summary = field(page, "Sammanfattning")
    under("en").get_by_text(say("editor_form_fresh", lang="sv")).wait_for()
    for lang in lagging[1:]:
        under(lang.code).get_by_text(say("editor_form_behind", lang="sv")).wait_for()
    page.close()


def _records_js(calls: list) -> list:
    """editor/records.js run in node: each call is [function's name, *its arguments]; the answers, in order."""
    script = (f"const r = require({json.dumps(str(REPO / 'editor' / 'records.js'))});"
              "const calls = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "Promise.all(calls.map(([name, ...args]) => Promise.resolve(r[name](...args))))"
              ".then(out => process.stdout.write(JSON.stringify(out)));")
    result = subprocess.run(["node", "-e", script], input=json.dumps(calls), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_the_form_names_and_fingerprints_every_text_as_the_check_does():
    """The browser's records (editor/records.js) agree with tools/translations.py: the same name for every text of
    every data file of both calls, and the same fingerprint for every text and for strings made of the characters
    where Python and JavaScript disagree on spaces and line breaks."""
    import random
    from conftest import FIXTURE_CALL
    from tools.translations import fingerprint, text_nodes
    tricky = " \t\n\r\v\f\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2007\u2028\u2029\u202f\u3000\ufeffaåÄ1{}"
    pick = random.Random(20261206)
    texts = ["".join(pick.choice(tricky) for _ in range(pick.randint(0, 12))) for _ in range(400)]
    calls, expected = [], []
    for folder in (REFERENCE_CALL, FIXTURE_CALL):
        codes = sorted(load(folder).languages.codes)
        for name in ("call", "questions", "outcome", "glossary", "guidance"):
            path = folder / DATA_FILES[name][0]
            if not path.is_file():
                continue
            data = json.loads(json.dumps(load_bytes(path.read_bytes()).data, default=str))
            found = list(text_nodes(data, set(codes)))
            calls.append(["textNodes", data, codes])
            expected.append([shown for _path, shown, _node in found])
            texts += [text for _path, _shown, node in found for text in node.values()]
    calls += [["fingerprint", text] for text in texts]
    answers = _records_js(calls)
    assert [[found["shown"] for found in answer] for answer in answers[:len(expected)]] == expected
    assert answers[len(expected):] == [fingerprint(text) for text in texts]


def test_a_save_records_what_changed_together_and_what_the_swedish_was():
    """What the form writes at a save: a translation changed with its Swedish, or written with it in a new text, is up
    to date with the new Swedish; one whose Swedish alone changed keeps the Swedish it was made from (`was`, and `kept`
    if it had it); one that lagged already, or a name kept in Swedish, is left as it was."""
    from tools.translations import fingerprint
    before = {"title": {"sv": "Namn", "en": "Namn"}, "summary": {"sv": "Gammal text.", "en": "Old text.", "fi": "Vanha."},
              "questions": [{"id": "a", "answer": {"sv": "Svar.", "en": "Answer.", "fi": "Vastaus."}}]}
    after = {"title": {"sv": "Nytt namn", "en": "Nytt namn"}, "summary": {"sv": "Ny text.", "en": "New text.", "fi": "Vanha."},
             "questions": [{"id": "a", "answer": {"sv": "Nytt svar.", "en": "Answer.", "fi": "Vastaus."}},
                           {"id": "b", "answer": {"sv": "Helt nytt.", "en": "All new."}}]}
    records = {"en": {"summary": fingerprint("Gammal text."), "questions[a].answer": {"source": fingerprint("Svar."), "kept": "2026-01-02"}},
               "fi": {"summary": fingerprint("Gammal text."), "questions[a].answer": fingerprint("Något annat.")}}
    answer, = _records_js([["afterSave", before, after, records, ["sv", "en", "fi"], "sv"]])
    assert answer == {
        "en": {"questions[a].answer": {"source": fingerprint("Svar."), "was": "Svar.", "kept": "2026-01-02"},
               "questions[b].answer": fingerprint("Helt nytt."), "summary": fingerprint("Ny text.")},
        "fi": {"summary": {"source": fingerprint("Gammal text."), "was": "Gammal text."},
               "questions[a].answer": fingerprint("Något annat.")}}


def test_a_longer_texts_translation_is_answered_in_the_form(browser, editing):
    """A longer text is a file per language: after its Swedish is changed and saved, its English form reads the
    Swedish through the editor's own backend (as it would hosted), says the English lags, shows the words removed and
    added since the Swedish it was made from (kept in its header), and saves the answer in the English file's header.
    The text itself is untouched, and the check agrees."""
    from tools.translations import fingerprint, read_records
    workspace, _origin, editor, process = editing
    swedish, english = (workspace / CALL_PATH / "text" / code / "purpose.md" for code in ("sv", "en"))
    english_before = english.read_text(encoding="utf-8")
    removed = swedish.read_text(encoding="utf-8").split()[0]
    page = open_editor(browser, editor, [])
    append_to_text(page, editor, "purpose", " En ny mening.")
    changed = swedish.read_text(encoding="utf-8")
    assert "En ny mening." in changed

    open_entry(page, editor, "texter-en", "purpose")
    record = field(page, say("editor_translation_label", lang="sv"))
    record.get_by_text(say("editor_form_behind", lang="sv")).wait_for()
    assert "En ny mening." in record.locator("ins").last.inner_text() and removed in record.locator(".sprak__andring").inner_text()
    record.get_by_role("button", name=say("editor_form_mark", lang="sv")).click()
    record.get_by_text(say("editor_form_fresh", lang="sv")).wait_for()
    publish_now(page)
    saved = read_records(english)["en"]["text/en/purpose.md"]
    assert saved["source"] == fingerprint(changed) == fingerprint(saved["was"]) and set(saved) == {"source", "was"}
    assert english.read_text(encoding="utf-8").endswith(english_before.split("---\n", 2)[2])  # the English text as it was
    check = subprocess.run(["make", "--no-print-directory", "-C", str(workspace), "check", "STRICT=1", *MAKE_VARS],
                           capture_output=True, text=True, env={k: v for k, v in os.environ.items() if k != "CALL_DIR"})
    assert check.returncode == 0, check.stderr
    page.close()


def test_a_pages_translation_is_answered_on_the_editors_page(browser, editing):
    """A page of the site's structure (not in the form) whose Swedish changed: the editor's page for translations
    names it by its title and language, shows the words removed and added since the committed version the translation
    was made from, and records the answer as `make translated` would; the call's own texts are not listed there."""
    from axe_playwright_python.sync_playwright import Axe
    from tools.translations import fingerprint, read_records
    workspace, _origin, editor, process = editing
    source = workspace / "docs" / "sv" / "contact.md"
    before = source.read_text(encoding="utf-8")
    changed = before.rstrip() + "\n\nVi svarar inom två arbetsdagar.\n"
    source.write_text(changed, encoding="utf-8")
    call_yml = workspace / CALL_PATH / "call.yml"
    call_yml.write_text(call_yml.read_text(encoding="utf-8").replace("  sv: Stöd till projekt av", "  sv: Pengar till projekt av"),
                        encoding="utf-8")

    page = open_editor(browser, editor, [])
    page.get_by_role("link", name=say("translations_page_open", lang="sv")).click()
    page.get_by_role("heading", name=say("translations_page_title", lang="sv"), level=1).wait_for()
    english = page.locator("section", has=page.locator("h2", has_text="(engelska)"))
    english.wait_for()
    assert english.count() == 1  # the summary lags too, but is answered in the form
    assert "arbetsdagar." in english.locator("ins").last.inner_text()
    violations = [violation["id"] for violation in Axe().run(page).response["violations"]]
    assert not violations, violations
    english.get_by_role("button", name=say("translations_page_mark", lang="sv")).click()
    page.locator("#translations-status", has_text=say("translations_page_marked", lang="sv", count=1)).wait_for()
    assert read_records(workspace / "docs" / "translations.yml")["en"]["docs/en/contact.md"] == fingerprint(changed)
    page.get_by_text(say("translations_page_none", lang="sv")).wait_for()
    page.close()


def test_a_browser_that_leaves_mid_answer_is_no_error(tmp_path, capfd):
    """A page closed while the editor's server is still sending it Decap (a large file): no traceback anywhere."""
    import socket
    import struct
    from tools.edit import serve_editor
    workspace = make_workspace(tmp_path / "work")
    port = free_port()
    server = serve_editor(port, root=workspace, folder=workspace / CALL_PATH)
    try:
        for _ in range(3):
            client = socket.create_connection(("127.0.0.1", port))
            client.sendall(f"GET /admin/decap/decap-cms.js HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            assert client.recv(64).startswith(b"HTTP/1.0 200")  # the answer has started
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()  # reset: the rest of the answer has nowhere to go
        # The server carries on: a whole answer after them (each request has its own thread, which has finished
        # writing into the reset connection long before this one is read to its end).
        assert len(urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/decap/decap-cms.js", timeout=30).read()) > 100_000
    finally:
        server.shutdown()
        server.server_close()
    assert "Traceback" not in capfd.readouterr().err


def test_a_grant_above_the_cap_is_refused_under_its_amount_field(browser, editing_decided):
    """A grant raised above the call's cap in the form: refused, the file unchanged, and the message stands under
    that grant's amount field (not another grant's), which points to it."""
    workspace, _origin, editor, _process = editing_decided
    outcome = workspace / CALL_PATH / "outcome.yml"
    saved = outcome.read_bytes()
    cap = load(workspace / CALL_PATH).call["funding"]["max_support_sek"]
    page = open_editor(browser, editor, [])
    open_entry(page, editor, "utlysningen", say("editor_file_outcome", lang="sv"))
    from tools.field_labels import field_labels
    _list, grant, amount_label = field_labels("calls/2019-rorlighet-matchning/outcome.yml", "grants[1].amount_sek", yaml.safe_load(saved))
    page.get_by_text(grant, exact=True).first.wait_for()  # every grant's row is drawn
    amount = field(page, amount_label)  # the last grant's: the one changed
    if not amount.is_visible():  # folded: its row's first button opens it
        page.get_by_text(grant, exact=True).first.locator("xpath=..").locator("button").first.click()
    amount.wait_for(state="visible")
    amount.fill(str(cap + 100_000))
    page.get_by_role("button", name="Spara", exact=True).click()
    page.get_by_text("Spara nu").click()
    under = page.locator(".editor-field-error")
    under.first.wait_for()
    assert under.count() == 1 and under.first.get_attribute("id") in amount.get_attribute("aria-describedby").split()
    assert outcome.read_bytes() == saved
    # Folded before saving again: the message stands under the grant's row, naming the field.
    row = page.get_by_text(grant, exact=True).first.locator("xpath=..")
    row.locator("button").first.click()
    amount.wait_for(state="hidden")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.get_by_text("Spara nu").click()
    folded = row.locator(".editor-field-error")
    folded.wait_for()
    assert folded.inner_text().startswith(f"{amount_label}: ") and folded.is_visible()
    assert outcome.read_bytes() == saved
    page.close()


def test_a_changed_page_is_listed_for_its_translations_with_what_changed(tmp_path):
    """A Swedish page changed after its English translation was marked: the page for translations lists the
    English page by the Swedish page's title, with the Swedish words added since the marked version (found in git),
    and marking it records the Swedish as it is now, as `make translated WHAT=docs/en/…` would."""
    workspace = make_workspace(tmp_path / "work")
    git(workspace, "init", "-q")
    git(workspace, "add", "-A")
    git(workspace, "commit", "-qm", "Utlysningen")
    page = workspace / "docs" / "sv" / "funding.md"
    page.write_text(page.read_text(encoding="utf-8").rstrip("\n") + "\n\nEn helt ny mening om stödet.\n", encoding="utf-8")
    script = ("import json, sys; from tools import translations_page as t; "
              "print(json.dumps(t.act(json.loads(sys.argv[1])), ensure_ascii=False))")

    def act(body: dict) -> dict:
        env = dict(os.environ, EDITOR_LANGUAGE="sv")
        env.pop("CALL_DIR", None)
        done = subprocess.run([sys.executable, "-c", script, json.dumps(body)], cwd=workspace, env=env,
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    state = act({"action": "state"})
    [listed] = [text for text in state["texts"] if text["key"] == "docs/en/funding.md"]
    heading = next(line[2:] for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("# "))
    assert listed["label"] == say("translations_page_page", lang="sv", title=heading) and listed["found_before"]
    assert [run["text"] for run in listed["changes"] if run["how"] == "added"] == ["En helt ny mening om stödet."]
    assert not [run for run in listed["changes"] if run["how"] == "removed"]
    assert act({"action": "mark", "keys": ["docs/en/funding.md"]})["ok"]
    assert "docs/en/funding.md" not in [text["key"] for text in act({"action": "state"})["texts"]]
    assert act({"action": "mark", "keys": ["docs/en/nothing.md"]}) == {"ok": False, "message": say("translations_page_unknown", lang="sv")}


def test_the_editor_lists_the_calls_edits_one_at_a_time_and_starts_a_new_one(browser, editing_two_calls):
    """Two calls: the form opens on the newest and names it; the list leads to the other, whose save changes that call
    alone and whose link after the save opens the preview on it. The page of calls starts next year's call from the
    older one, refused while a change is unpublished, then in a folder of its own with the old call untouched, and its
    link opens the form on the new call."""
    from conftest import FIXTURE_CALL, snapshot
    workspace, origin, editor, _process = editing_two_calls
    reference, fixture = workspace / CALL_PATH, workspace / "calls" / FIXTURE_CALL.name
    titles = {folder.name: load(folder).call["title"]["sv"] for folder in (reference, fixture)}
    fixture_before = snapshot(fixture)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(editor + "/admin/")
    calls = page.get_by_role("navigation", name=say("calls_page_nav_label", lang="sv"))
    assert calls.locator("#editor-current-call").inner_text() == titles[fixture.name]  # the newest first
    calls.locator("summary").click()
    calls.get_by_role("link", name=titles[reference.name]).click()
    page.wait_for_url(re.compile(r"utlysning=" + reference.name))
    assert calls.locator("#editor-current-call").inner_text() == titles[reference.name]
    assert calls.locator(f"a[data-slug='{reference.name}']").get_attribute("aria-current") == "page"
    assert calls.locator(f"a[data-slug='{fixture.name}']").get_attribute("aria-current") is None
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{editor}/admin/?utlysning={reference.name}#/collections/texter-sv")
    page.reload()
    page.get_by_role("link", name=re.compile("purpose")).first.click()
    page.get_by_role("textbox").first.click()
    page.keyboard.press("Control+End")
    words = " Ett tillägg i den äldre utlysningen."
    page.keyboard.type(words)
    version = preview_version(origin)
    publish_now(page)
    wait_for_rebuild(origin, version)
    assert words.strip() in (reference / "text" / "sv" / "purpose.md").read_text(encoding="utf-8")
    assert snapshot(fixture) == fixture_before  # the other call: not a byte changed
    # The button after the save leads to the preview of the call edited, not the newest.
    assert page.get_by_role("link", name="Visa i förhandsvisningen").get_attribute("href") == f"{origin}/{reference.name}/"

    # A new call while the save is unpublished: refused in the editor's words, nothing made.
    page.goto(editor + "/admin/utlysningar.html")
    page.get_by_label(say("calls_page_new_from", lang="sv")).select_option(reference.name)
    page.get_by_role("button", name=say("calls_page_new_button", lang="sv")).click()
    page.get_by_text(say("calls_page_unsaved_first", lang="sv")).wait_for()
    assert sorted(folder.name for folder in (workspace / "calls").iterdir()) == sorted([reference.name, fixture.name])
    git(workspace, "add", "-A")
    git(workspace, "commit", "-qm", "Publicerat")
    reference_before = snapshot(reference)
    page.get_by_role("button", name=say("calls_page_new_button", lang="sv")).click()
    page.get_by_role("link", name=say("calls_page_edit_new", lang="sv")).wait_for()
    status = page.locator("#publish-status").inner_text()
    [made] = [folder for folder in (workspace / "calls").iterdir() if folder.name not in (reference.name, fixture.name)]
    assert made.name.endswith("-rorlighet-matchning") and f"calls/{made.name}" in status
    assert say("new_call_item_title", lang="sv") in status and say("calls_page_new_way_back", lang="sv") in status
    assert snapshot(reference) == reference_before and snapshot(fixture) == fixture_before  # the old calls untouched
    assert load(made).call["window"].get("provisional") is True
    page.get_by_role("link", name=say("calls_page_edit_new", lang="sv")).click()
    page.wait_for_url(re.compile(r"utlysning=" + made.name))
    calls = page.get_by_role("navigation", name=say("calls_page_nav_label", lang="sv"))
    assert calls.locator(f"a[data-slug='{made.name}']").get_attribute("aria-current") == "page"
    config = json.loads(wait_for(f"{editor}/admin/config/{made.name}.yml"))
    assert config["collections"][0]["files"][0]["file"] == f"calls/{made.name}/call.yml"


def test_a_new_call_from_a_call_with_mistakes_is_refused_in_the_forms_words(tmp_path):
    """Ny utlysning from a call that does not pass the check: refused, nothing made, and the message names the field
    by the form's labels, never a file's line or a YAML path."""
    from tools import calls_page
    workspace = make_workspace(tmp_path / "work")
    call_yml = workspace / CALL_PATH / "call.yml"
    window = load(workspace / CALL_PATH).call["window"]
    call_yml.write_text(call_yml.read_text(encoding="utf-8").replace(f"closes: {window['closes']}", "closes: 2018-01-01", 1),
                        encoding="utf-8")
    before = sorted(path.name for path in (workspace / "calls").iterdir())
    answer = calls_page.act(workspace, {"action": "new", "from": CALL_PATH.name})
    assert answer["ok"] is False and answer["message"].startswith(say("calls_page_broken", problems="").strip())
    assert "→" in answer["message"] and "call.yml" not in answer["message"] and "window." not in answer["message"]
    assert sorted(path.name for path in (workspace / "calls").iterdir()) == before
