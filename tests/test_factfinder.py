"""The fact finder: patterns come from the data, and a fact typed by hand is found with its file and line."""

from __future__ import annotations

import pytest

from conftest import FIXTURE_CALL, REPO, make_workspace
from macros import formatting as fmt
from macros.call_data import load_call
from tools.factfinder import fact_patterns, find_facts


def test_the_project_types_no_fact_by_hand():
    hits = find_facts(REPO, REPO / "call")
    assert not hits, "\n".join(map(str, hits))


def typed_forms(call: dict) -> list[str]:
    """Each fact in the forms the site renders and the forms people type."""
    funding, window, contact = call["funding"], call["window"], call["contact"]
    forms = [fmt.format_money(funding["max_support_sek"], lang) for lang in ("sv", "en")]
    forms += [str(funding["max_support_sek"]), fmt.format_number(funding["max_support_sek"], "sv").replace("\u00a0", " ")]
    forms += [fmt.format_percent(funding["max_rate_percent"], lang) for lang in ("sv", "en")]
    forms += [fmt.format_months(call["max_project_months"], lang) for lang in ("sv", "en")]
    for key in ("opens", "closes"):
        forms += [fmt.format_date(window[key], lang) for lang in ("sv", "en")] + [window[key]]
    forms += [contact["email"], contact["name"], contact["phone"], fmt.phone_international(contact["phone"]), fmt.phone_uri(contact["phone"])[4:]]
    forms += [call["application"]["eservice"]["url"]]
    return forms


@pytest.mark.parametrize("folder", [REPO / "call", FIXTURE_CALL], ids=["2019 call", "fixture call"])
def test_every_form_of_every_fact_is_recognised(folder):
    call = load_call(folder)
    patterns = fact_patterns(call)
    for form in typed_forms(call):
        assert any(pattern.search(f"Se {form} här.") for _fact, pattern in patterns), form


def test_other_numbers_are_left_alone(call):
    patterns = fact_patterns(call)
    for innocent in ("1 800 000 kr", "75 000 kr", "2018", "hösten 2019", "31 mars 2020", "12 veckor"):
        assert not any(pattern.search(innocent) for _fact, pattern in patterns), innocent


def test_a_fact_typed_into_a_page_a_template_or_the_prose_is_found(tmp_path, call):
    workspace = make_workspace(tmp_path)
    planted = {
        workspace / "docs" / "sv" / "funding.md": f"Högst {fmt.format_money(call['funding']['max_support_sek'], 'sv')}.",
        workspace / "overrides" / "main.html": f"Stänger {fmt.format_date(call['window']['closes'], 'sv')}",
        workspace / "call" / "text" / "en" / "intro.md": f"Call {call['contact']['name']}.",
    }
    for path, text in planted.items():
        path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    call_yml = workspace / "call" / "call.yml"
    call_yml.write_text(call_yml.read_text(encoding="utf-8").replace(
        "  en: Support for projects", f"  en: Ring {call['contact']['phone']}. Support for projects"), encoding="utf-8")
    hits = find_facts(workspace, workspace / "call")
    found = {(hit.file, hit.line) for hit in hits}
    for path in planted:
        assert (str(path), len(path.read_text(encoding="utf-8").splitlines())) in found, path
    summary_line = next(n for n, line in enumerate(call_yml.read_text(encoding="utf-8").splitlines(), 1) if "Ring " in line)
    assert (str(call_yml), summary_line) in found
    assert "write {{ call.max_support }} instead" in str(hits[0])
