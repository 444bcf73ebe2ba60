"""The acid test: change the cap, the dates and the e-mail address in call/ only, build, and no old
value is left anywhere in the site, in any language or any form: pages, calendar files, open data, feeds."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import FIXTURE_CALL, REPO, build_or_fail, loaded
from macros import formatting as fmt


def forms(value, kind: str, languages) -> set[str]:
    """Every way the site writes a value, in every published language."""
    found = {str(value)}
    for lang in languages:
        if kind == "money":
            found |= {fmt.format_money(value, lang), fmt.format_number(value, lang)}
        elif kind == "date":
            found |= {fmt.format_date(value, lang)}
    return found


@pytest.mark.parametrize("folder,new_cap", [(REPO / "call", 650000), (FIXTURE_CALL, 300000)], ids=["2019 call", "fixture call"])
def test_no_old_value_survives_a_change_in_call_only(tmp_path, folder, new_cap):
    before = loaded(folder)
    call, languages = before.call, before.languages
    copy = tmp_path / "call"
    shutil.copytree(folder, copy)
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
    checked = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".ics", ".json", ".xml", ".txt") or "search" in path.parts:
            continue
        content = path.read_text(encoding="utf-8")
        checked += 1
        left = sorted(value for value in old_values if re.search(rf"(?<![\d.]){re.escape(value)}(?!\d)", content))
        assert not left, (path.relative_to(site), left)
    assert checked > 20
    new = loaded(copy)
    for lang in new.languages:
        start = (site / lang.path / "index.html") if lang.path else site / "index.html"
        assert fmt.format_money(new_cap, lang) in start.read_text(encoding="utf-8"), lang.code
