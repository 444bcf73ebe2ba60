"""What applicants download: the call as a PDF and the budget template, per full language.

The PDF is read back with pikepdf (structure, language, title, PDF/UA-1, bookmarks, fonts) and
pdfminer.six (its text); the template is opened by LibreOffice Calc, which nobody here wrote: it fills
the calculator's worked examples, recalculates, and must give the amounts the calculator gives.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pikepdf
import pytest
import yaml
from pdfminer.high_level import extract_text

from conftest import FIXTURE_CALL, PUBLIC_URL, REPO, build_or_fail, call_dir_of, loaded
from macros import formatting as fmt
from macros.budget import Rule, max_support
from macros.downloads import download, downloads
from macros.view import plain
from pages import Page, language_root, read
from tools.budget_template import ROWS, INPUTS, cell, template_bytes, texts_for

EXAMPLES = yaml.safe_load((REPO / "overrides" / "tools" / "calculator" / "examples.yml").read_text(encoding="utf-8"))
SOFFICE = shutil.which("soffice")


def words(text: str) -> str:
    """Text with every run of white space (no-break spaces and line breaks included) as one space."""
    return " ".join(text.split())


def article_of(path: Path) -> str:
    """A built page's main content, without its status and translation note (the PDF shows those once)."""
    html = path.read_text(encoding="utf-8")
    html = html[html.index("<article"):html.index("</article>")]
    return re.sub(r'<p class="call-translation-note">.*?</p>', "", html, flags=re.S)


def pdf_text(path: Path) -> str:
    return words(extract_text(str(path)))


def page_text(path: Path, selector_class: str) -> str:
    """The text of the first element of a class on a built page."""
    html = path.read_text(encoding="utf-8")
    match = re.search(rf'<[a-z]+ class="{selector_class}"[^>]*>(.*?)</(span|div|p)>', html, re.S)
    assert match, (path, selector_class)
    return words(re.sub(r"<[^>]+>", "", match.group(1)))


def structure(pdf: pikepdf.Pdf) -> list[tuple[str, str]]:
    """Every structure element: its role and the language it is marked in ("" where none)."""
    found = []

    def walk(node):
        if isinstance(node, pikepdf.Array):
            for item in node:
                walk(item)
        elif isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                found.append((str(node.S).lstrip("/"), str(node.Lang) if "/Lang" in node else ""))
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot.K)
    return found


def structure_roles(pdf: pikepdf.Pdf) -> list[str]:
    return [role for role, _lang in structure(pdf)]


def outline_titles(pdf: pikepdf.Pdf) -> list[str]:
    with pdf.open_outline() as outline:
        titles, stack = [], list(outline.root)
        while stack:
            item = stack.pop(0)
            titles.append(item.title)
            stack = list(item.children) + stack
    return titles


# --- the PDF ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def reference():
    return loaded()


def test_each_full_language_has_a_tagged_accessible_pdf(site, reference):
    call = reference.call
    for lang in reference.languages.full:
        path = language_root(site, lang) / download(lang, "call_document").file
        assert path.is_file(), path
        with pikepdf.open(path) as pdf:
            title = plain(call["title"], lang)
            assert str(pdf.Root.Lang) == lang.code
            assert pdf.Root.MarkInfo.Marked is True
            assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
            assert str(pdf.docinfo.Title) == title
            with pdf.open_metadata() as xmp:
                assert xmp["{http://www.aiim.org/pdfua/ns/id/}part"] == "1"
                assert xmp["{http://purl.org/dc/elements/1.1/}title"] == title
            roles = structure_roles(pdf)
            for role in ("H1", "H2", "H3", "P", "L", "LI", "Link"):
                assert role in roles, (lang.code, role, sorted(set(roles)))
            # Every change of language the pages mark (a Swedish name in an English page) is marked in the PDF too.
            marked = {lang_mark for page in ("background.html", "who-can-apply.html", "how-to-apply.html")
                      for _tag, attributes in Page(article_of(language_root(site, lang) / page)).elements
                      if (lang_mark := attributes.get("lang")) and lang_mark != lang.code}
            assert marked <= {mark for _role, mark in structure(pdf)}, (lang.code, marked)
            assert marked or lang == reference.languages.authoritative, "a translation names Swedish things in Swedish"
            titles = outline_titles(pdf)
            assert titles[0] == title and len(titles) > 8, titles
            for page in pdf.pages:
                for font in page.Resources.get("/Font", {}).values():
                    descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                    descriptor = descendant.FontDescriptor
                    assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), (lang.code, font.BaseFont)


def test_the_pdf_says_what_the_pages_say(site, reference):
    """Its text holds the call's facts, the status and the sections of the pages it is made of, and
    leaves out what the build hid for this phase."""
    call = reference.call
    for lang in reference.languages.full:
        root = language_root(site, lang)
        text = pdf_text(root / download(lang, "call_document").file)
        for fact in (fmt.format_money(call["funding"]["max_support_sek"], lang), fmt.format_date(call["window"]["closes"], lang),
                     fmt.format_date(call["window"]["opens"], lang), call["contact"]["email"], call["contact"]["name"]):
            assert words(fact) in text, (lang.code, fact)
        assert page_text(root / "index.html", "call-status__text") in text
        for page in ("background", "who-can-apply", "selection-criteria", "funding", "how-to-apply", "questions", "contact"):
            heading = read(root / f"{page}.html").find("h1")
            assert heading, page
            title = re.search(r"<h1[^>]*>(.*?)</h1>", (root / f"{page}.html").read_text(encoding="utf-8"), re.S).group(1)
            assert words(re.sub(r"<[^>]+>", "", title)) in text, (lang.code, page)
        hidden = re.findall(r'<div data-call-status-show="[^"]*" hidden="hidden">\s*<p>(.*?)</p>', (root / "index.html").read_text(encoding="utf-8"), re.S)
        assert hidden, "the reference call is closed: its open-phase introduction is hidden"
        for part in hidden:
            assert words(re.sub(r"<[^>]+>", "", part))[:60] not in text, (lang.code, part)
        assert "<" not in text and "{{" not in text


def test_links_in_the_pdf_lead_inside_it_or_to_the_public_site(site, site_with_url, reference):
    for folder, address in ((site, ""), (site_with_url, PUBLIC_URL)):
        for lang in reference.languages.full:
            with pikepdf.open(language_root(folder, lang) / download(lang, "call_document").file) as pdf:
                targets = [str(annotation.A.URI) for page in pdf.pages for annotation in page.get("/Annots", [])
                           if "/A" in annotation and "/URI" in annotation.A]
                internal = [annotation for page in pdf.pages for annotation in page.get("/Annots", [])
                            if "/Dest" in annotation or ("/A" in annotation and "/D" in annotation.A)]
            assert internal, "links between the document's sections stay inside it"
            for target in targets:
                assert re.match(r"(https?|mailto|tel):", target), (lang.code, target)
                if target.startswith("http") and address:
                    assert not target.startswith("http://127") and "file:" not in target
            site_links = [target for target in targets if address and target.startswith(address)]
            assert not address or site_links, "with a public address, links to the site's tools lead there"
            if address:
                text = pdf_text(language_root(folder, lang) / download(lang, "call_document").file)
                assert f"{address}{lang.path}index.html" in text.replace(" ", ""), lang.code


def test_the_pdf_follows_the_phase(other_site, tmp_path):
    """Open, closed (above) and decided: the status the pages show is the one the PDF shows, and a decided
    call's PDF holds its decision."""
    decided = loaded(FIXTURE_CALL)
    open_site = build_or_fail(tmp_path / "open", SOURCE_DATE_EPOCH="1548000000")  # 2019-01-20: the call is open
    for folder, state, languages in ((open_site, "open", loaded().languages), (other_site, "decided", decided.languages)):
        for lang in languages.full:
            root = language_root(folder, lang)
            text = pdf_text(root / download(lang, "call_document").file)
            assert (root / download(lang, "budget").file).is_file()  # the template too, in every phase
            assert read(root / "calculator.html").find("a", href=download(lang, "budget").file)
            assert f'data-call-status="{state}"' in (root / "index.html").read_text(encoding="utf-8")
            assert page_text(root / "index.html", "call-status__text") in text, (state, lang.code)
            if state == "decided":
                heading = re.search(r"<h1[^>]*>(.*?)</h1>", (root / "decision.html").read_text(encoding="utf-8"), re.S).group(1)
                assert words(re.sub(r"<[^>]+>", "", heading)) in text
                for grant in decided.call["outcome"]["grants"]:
                    assert words(fmt.format_money(grant["amount_sek"], lang)) in text
                with pikepdf.open(root / download(lang, "call_document").file) as pdf:
                    roles = structure_roles(pdf)
                assert {"Table", "TR", "TH", "TD"} <= set(roles), sorted(set(roles))


# --- links and open data -------------------------------------------------------------------------------

def test_every_full_language_links_its_downloads(site, reference):
    for lang in reference.languages.full:
        root = language_root(site, lang)
        pdf, template = download(lang, "call_document"), download(lang, "budget")
        for page, item in (("index.html", pdf), ("how-to-apply.html", pdf), ("calculator.html", template)):
            links = read(root / page).find("a", href=item.file)
            assert links and links[0]["type"] == item.media_type, (lang.code, page, item.file)
            assert (root / item.file).is_file()
    for lang in reference.languages.summary:
        assert downloads(lang) == []


def test_open_data_lists_the_downloads(site_with_url, reference):
    from jsonschema import Draft202012Validator, FormatChecker
    data = json.loads((call_dir_of(site_with_url) / "call.json").read_text(encoding="utf-8"))
    file_schema = yaml.safe_load((REPO / "standards" / "commongrants" / "File.yaml").read_text(encoding="utf-8"))
    checker = Draft202012Validator(file_schema, format_checker=FormatChecker())
    for lang in reference.languages.full:
        listed = {entry["kind"]: entry for entry in data["downloads"][lang.code]}
        assert set(listed) == {"call_document", "budget"}
        for item in downloads(lang):
            assert listed[item.kind]["url"] == f"{PUBLIC_URL}{lang.path}{item.file}"
        opportunity = json.loads((language_root(site_with_url, lang) / "opportunity.json").read_text(encoding="utf-8"))
        files = opportunity["customFields"]["documents"]["value"]
        assert [entry["name"] for entry in files] == [item.file for item in downloads(lang)]
        for entry in files:
            assert not list(checker.iter_errors(entry)), entry
            assert entry["sizeInBytes"] == (language_root(site_with_url, lang) / entry["name"]).stat().st_size


# --- the budget template ---------------------------------------------------------------------------------

def test_each_full_language_has_a_protected_template_with_the_call_rule(site, reference):
    call = reference.call
    for lang in reference.languages.full:
        path = language_root(site, lang) / download(lang, "budget").file
        sheet = openpyxl.load_workbook(path).active
        assert sheet.protection.sheet
        assert sheet[cell("cap")].value == call["funding"]["max_support_sek"]
        assert sheet[cell("rate")].value * 100 == pytest.approx(call["funding"]["max_rate_percent"])
        assert sheet["A1"].value == plain(call["title"], lang)
        for name in INPUTS:
            assert sheet[cell(name)].protection.locked is False, name
            assert sheet[f"A{ROWS[name]}"].value == lang.strings[f"calc_{name}_label"]
        for name in ("support", "cofinancing_needed", "cofinancing", "balance", "time_value"):
            assert str(sheet[cell(name)].value).startswith("="), name
            assert sheet[cell(name)].protection.locked is not False, name
        assert cell("costs") in sheet[cell("support")].value and "$B$6" in sheet[cell("support")].value
        unit = fmt.plural(lang.formats["money"], 2, lang).replace("{number}", "").strip()
        assert unit in sheet[cell("cap")].number_format


def recalculate(files: list[Path], out: Path) -> list[Path]:
    """LibreOffice Calc opens each file, computes its formulas and saves it with the values."""
    if not SOFFICE:
        pytest.fail("LibreOffice Calc is missing: run `make test` as root, or `sudo apt-get install -y libreoffice-calc-nogui`")
    profile = out / "profile"
    result = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx",
                             "--outdir", str(out / "computed"), *map(str, files)], capture_output=True, text=True, timeout=240)
    computed = [out / "computed" / file.name for file in files]
    assert all(path.is_file() for path in computed), result.stdout + result.stderr
    return computed


def fill(template: bytes, plan: dict, target: Path) -> Path:
    target.write_bytes(template)
    book = openpyxl.load_workbook(target)
    sheet = book.active
    values = {"costs": plan["costs"], "public_cash": plan["public_cash"], "private_cash": plan["private_cash"],
              "inkind_premises": plan["inkind_premises"], "inkind_hours": plan["inkind_hours_hundredths"] / 100,
              "inkind_rate": plan["inkind_rate_hundredths"] / 100}
    for name, value in values.items():
        sheet[cell(name)] = value
    book.save(target)
    return target


def test_libreoffice_computes_every_worked_example_as_the_calculator_does(tmp_path, reference):
    """Each plan of the calculator's examples, in every full language's template with the plan's own rule."""
    import datetime as dt
    moment = dt.datetime(2019, 1, 20, tzinfo=dt.timezone.utc)
    files, expected = [], []
    for lang in reference.languages.full:
        texts = texts_for(reference.call, lang, fmt.format_date("2019-01-20", lang))
        for number, example in enumerate(EXAMPLES["plans"]):
            rule = Rule(example["rule"]["maxSupportSek"], example["rule"]["maxRateBasisPoints"])
            files.append(fill(template_bytes(rule, texts, lang, moment), example["plan"], tmp_path / f"{lang.code}-{number}.xlsx"))
            expected.append((lang, rule, example))
    for path, (lang, rule, example) in zip(recalculate(files, tmp_path), expected):
        sheet = openpyxl.load_workbook(path, data_only=True).active
        want = example["expected"]
        got = {name: sheet[cell(name)].value for name in ("support", "cofinancing_needed", "cofinancing", "balance")}
        assert got == {name: want[name] for name in got}, (lang.code, example["name"], got)
        assert got["support"] == max_support(example["plan"]["costs"], rule)
        assert sheet[cell("limit")].value == lang.strings[f"calc_examples_limit_{want['limit']}"]


def test_the_published_template_follows_what_is_typed_and_the_call(site, tmp_path, reference):
    """The built template's formulas read its input cells (another cost, another result), and a rate
    changed in the call's data changes what the template computes."""
    import copy
    import datetime as dt
    from macros.calculator import rule_of
    lang = reference.languages.authoritative
    built = (language_root(site, lang) / download(lang, "budget").file).read_bytes()
    plans = [{"costs": costs, "public_cash": 0, "private_cash": 0, "inkind_premises": 0, "inkind_hours_hundredths": 1050,
              "inkind_rate_hundredths": 30050} for costs in (100000, 5000000)]
    changed = copy.deepcopy(reference.call)
    changed["funding"]["max_rate_percent"] = 50
    changed["funding"]["max_support_sek"] = 40000
    other = template_bytes(rule_of(changed), texts_for(changed, lang, "–"), lang, dt.datetime(2019, 1, 20, tzinfo=dt.timezone.utc))
    files = [fill(built, plans[0], tmp_path / "small.xlsx"), fill(built, plans[1], tmp_path / "large.xlsx"),
             fill(other, plans[0], tmp_path / "changed.xlsx")]
    small, large, changed_result = (openpyxl.load_workbook(path, data_only=True).active for path in recalculate(files, tmp_path))
    rule = rule_of(reference.call)
    assert small[cell("support")].value == max_support(100000, rule)
    assert large[cell("support")].value == max_support(5000000, rule)
    assert small[cell("time_value")].value == 3155  # 10.5 h × 300.50 kr = 3 155.25, to whole kronor
    assert changed_result[cell("support")].value == 40000 and changed_result[cell("cap")].value == 40000
    assert changed_result[cell("rate")].value == 0.5


def test_libreoffice_shows_the_amounts_as_the_language_writes_them(site, tmp_path, reference):
    """Each full language's template, filled and printed by Calc as shown: money and the rate in the
    language's own form ("800 000 kr", "SEK 800,000", "75 %", "75%")."""
    call, rule = reference.call, None
    from macros.calculator import rule_of
    rule = rule_of(call)
    plan = {"costs": 2000000, "public_cash": 0, "private_cash": 0, "inkind_premises": 0, "inkind_hours_hundredths": 0,
            "inkind_rate_hundredths": 0}
    for lang in reference.languages.full:
        filled = fill((language_root(site, lang) / download(lang, "budget").file).read_bytes(), plan, tmp_path / f"{lang.code}.xlsx")
        out = tmp_path / lang.code
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
                        # comma-separated, UTF-8, each cell's contents as shown
                        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", str(out), str(filled)], capture_output=True, timeout=240)
        shown = words((out / f"{lang.code}.csv").read_text(encoding="utf-8"))
        for amount in (call["funding"]["max_support_sek"], max_support(plan["costs"], rule), plan["costs"]):
            assert words(fmt.format_money(amount, lang)) in shown, (lang.code, amount, shown)
        assert words(fmt.format_percent(call["funding"]["max_rate_percent"], lang)) in shown, (lang.code, shown)


def test_a_pdf_that_cannot_be_made_is_a_problem_with_the_file_named(tmp_path):
    """Without its pages (or without Pango and fonts) the PDF is not made, and the build gets a message
    naming the file, in the editor's language, instead of a traceback."""
    from conftest import prepared_call
    from tools.call_document import write_call_document
    prepared = prepared_call(with_history=False)
    lang = prepared.languages.authoritative
    problem = write_call_document(tmp_path, prepared, lang)
    assert problem is not None and problem.code == "download_failed"
    assert download(lang, "call_document").file in problem.text() and "Traceback" not in problem.text()
    assert not (tmp_path / download(lang, "call_document").file).exists()
    assert write_call_document(tmp_path, prepared, prepared.languages.summary[0]) is None  # a summary has none
