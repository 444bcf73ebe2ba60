"""The acid test: change the cap, the dates and the e-mail address in call/ only, build, and no old
value is left anywhere in the site, in any language or any form: pages, calendar files, open data, feeds,
the PDFs and the budget templates."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import FIXTURE_CALL, REFERENCE_CALL, REPO, build_or_fail, copy_call, loaded
from macros import formatting as fmt
from macros.downloads import downloads


def content_of(path) -> str | None:
    """A published file as text: pages and data as they are, a PDF's text, a spreadsheet's cells; white
    space folded, since a PDF breaks lines where the page does not."""
    if path.suffix in (".html", ".ics", ".json", ".xml", ".txt"):
        text = path.read_text(encoding="utf-8")
    elif path.suffix == ".pdf":
        from pdfminer.high_level import extract_text
        text = extract_text(str(path))
    elif path.suffix == ".xlsx":
        import openpyxl
        text = "\n".join(str(value) for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True) for value in row
                         if value is not None)
    else:
        return None
    return " ".join(text.split())


def forms(value, kind: str, languages) -> set[str]:
    """Every way the site writes a value, in every published language."""
    found = {str(value)}
    for lang in languages:
        if kind == "money":
            found |= {fmt.format_money(value, lang), fmt.format_number(value, lang)}
        elif kind == "date":
            found |= {fmt.format_date(value, lang)}
    return found


@pytest.mark.parametrize("folder,new_cap", [(REFERENCE_CALL, 650000), (FIXTURE_CALL, 300000)], ids=["2019 call", "fixture call"])
def test_no_old_value_survives_a_change_in_call_only(tmp_path, folder, new_cap):
    before = loaded(folder)
    call, languages = before.call, before.languages
    copy = copy_call(folder, tmp_path / "call")
    call_yml = copy / "call.yml"
    text = call_yml.read_text(encoding="utf-8")
    old_cap, old_email = call["funding"]["max_support_sek"], call["contact"]["email"]
    old_opens, old_closes = call["window"]["opens"], call["window"]["closes"]
    new_opens, new_closes = "2024-09-02", "2024-11-13"
    text = text.replace(f"max_support_sek: {old_cap}", f"max_support_sek: {new_cap}")
    text = text.replace(f"opens: {old_opens}", f"opens: {new_opens}").replace(f"closes: {old_closes}", f"closes: {new_closes}")
    text = text.replace(f"email: {old_email}", "email: ny.kontakt@example.se")
    call_yml.write_text(text, encoding="utf-8")
    for dated in ("questions_until", "published"):
        if call.get(dated):
            call_yml.write_text(call_yml.read_text(encoding="utf-8").replace(f"{dated}: {call[dated]}", f"{dated}: 2024-10-01"), encoding="utf-8")
    site = build_or_fail(tmp_path / "site", call_dir=copy)
    old_values = forms(old_cap, "money", languages) | forms(old_opens, "date", languages) | forms(old_closes, "date", languages)
    old_values |= {old_email, old_opens, old_closes, old_opens.replace("-", ""), old_closes.replace("-", "")}
    # A grant of the old cap's size is a fact of its own (outcome.yml), not the cap.
    grants = {grant["amount_sek"] for grant in (call.get("outcome") or {}).get("grants", [])}
    if old_cap in grants:
        old_values -= forms(old_cap, "money", languages)
    old_values = {" ".join(value.split()) for value in old_values}
    checked, kinds = 0, set()
    for path in sorted(site.rglob("*")):
        content = None if "search" in path.parts else content_of(path)
        if content is None:
            continue
        checked += 1
        kinds.add(path.suffix)
        left = sorted(value for value in old_values if re.search(rf"(?<![\d.]){re.escape(value)}(?!\d)", content))
        assert not left, (path.relative_to(site), left)
    assert checked > 20 and {".pdf", ".xlsx"} <= kinds
    new = loaded(copy)
    for lang in new.languages:
        root = site / lang.path if lang.path else site
        assert fmt.format_money(new_cap, lang) in (root / "index.html").read_text(encoding="utf-8"), lang.code
        for item in downloads(lang):
            assert " ".join(fmt.format_money(new_cap, lang).split()) in content_of(root / item.file) or item.kind == "budget"
            assert item.kind != "budget" or str(new_cap) in content_of(root / item.file)
