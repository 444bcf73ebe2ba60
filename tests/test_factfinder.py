"""The fact finder: patterns come from the data and the language table, and a fact typed by hand is
found with its file and line, in any published language's format; the decision's own amounts are not."""

from __future__ import annotations

import shutil

import pytest

from conftest import CALL_PATH, FIXTURE_CALL, REFERENCE_CALL, REPO, copy_call, loaded, make_workspace, prepared_call
from macros import formatting as fmt
from tools.factfinder import fact_patterns, find_facts


def test_the_project_types_no_fact_by_hand():
    hits = find_facts(prepared_call(with_history=False))
    assert not hits, "\n".join(map(str, hits))


def typed_forms(call: dict, languages) -> list[str]:
    """Each fact in the forms the site renders in every language and the forms people type."""
    funding, window, contact = call["funding"], call["window"], call["contact"]
    forms = [fmt.format_money(funding["max_support_sek"], lang) for lang in languages]
    forms += [str(funding["max_support_sek"]), fmt.format_number(funding["max_support_sek"], languages.authoritative).replace("\u00a0", " ")]
    forms += [fmt.format_percent(funding["max_rate_percent"], lang) for lang in languages]
    forms += [fmt.format_months(call["max_project_months"], lang) for lang in languages]
    for key in ("opens", "closes"):
        forms += [fmt.format_date(window[key], lang) for lang in languages] + [window[key]]
    forms += [contact["email"], contact["name"], contact["phone"], fmt.phone_international(contact["phone"]), fmt.phone_uri(contact["phone"])[4:]]
    forms += [call["application"]["eservice"]["url"]]
    return forms


@pytest.mark.parametrize("folder", [REFERENCE_CALL, FIXTURE_CALL], ids=["2019 call", "fixture call"])
def test_every_form_of_every_fact_is_recognised(folder):
    data = loaded(folder)
    patterns = fact_patterns(data.call, data.languages)
    for form in typed_forms(data.call, data.languages):
        assert any(pattern.search(f"Se {form} här.") for _fact, pattern in patterns), form


def test_other_numbers_are_left_alone(call, languages):
    patterns = fact_patterns(call, languages)
    for innocent in ("1 800 000 kr", "75 000 kr", "2018", "hösten 2019", "31 mars 2020", "12 veckor", "width: 100%"):
        assert not any(pattern.search(innocent) for _fact, pattern in patterns), innocent


def test_a_rate_of_100_does_not_flag_the_theme(tmp_path):
    """The theme's own "100%" (stylesheets, SVG) is not a fact typed into a page."""
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)
    call_yml = folder / "call.yml"
    call_yml.write_text(call_yml.read_text(encoding="utf-8").replace("max_rate_percent: 75", "max_rate_percent: 100"), encoding="utf-8")
    hits = find_facts(prepared_call(folder, with_history=False))
    assert not [hit for hit in hits if hit.path == "funding.max_rate_percent"], [str(hit) for hit in hits]


def test_a_fact_typed_into_a_page_a_template_or_the_prose_is_found(tmp_path, call, languages):
    workspace = make_workspace(tmp_path)
    sv, fi = languages["sv"], languages["fi"]
    planted = {
        workspace / "docs" / "sv" / "funding.md": f"Högst {fmt.format_money(call['funding']['max_support_sek'], sv)}.",
        workspace / "docs" / "fi" / "index.md": f"Viimeinen päivä {fmt.format_date(call['window']['closes'], fi)}.",
        workspace / "overrides" / "main.html": f"Stänger {fmt.format_date(call['window']['closes'], sv)}",
        workspace / CALL_PATH / "text" / "en" / "intro.md": f"Call {call['contact']['name']}.",
    }
    for path, text in planted.items():
        path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    call_yml = workspace / CALL_PATH / "call.yml"
    call_yml.write_text(call_yml.read_text(encoding="utf-8").replace(
        "  en: Support for projects", f"  en: Ring {call['contact']['phone']}. Support for projects"), encoding="utf-8")
    hits = find_facts(prepared_call(workspace / CALL_PATH, with_history=False), workspace)
    found = {(hit.file, hit.line) for hit in hits}
    for path in planted:
        assert (str(path), len(path.read_text(encoding="utf-8").splitlines())) in found, path
    summary_line = next(n for n, line in enumerate(call_yml.read_text(encoding="utf-8").splitlines(), 1) if "Ring " in line)
    assert (str(call_yml), summary_line) in found
    assert any("write {{ call.max_support }} instead" in str(hit) for hit in hits)


def test_the_decisions_amounts_are_facts_of_their_own(other_site):
    """A grant of the cap's size is not asked to be {{ call.max_support }}: it comes from outcome.yml."""
    data = loaded(FIXTURE_CALL)
    assert any(grant["amount_sek"] == data.call["funding"]["max_support_sek"] for grant in data.call["outcome"]["grants"])
    assert not find_facts(prepared_call(FIXTURE_CALL, with_history=False))


def test_texts_found_clean_are_not_searched_again_and_a_typed_fact_always_is(tmp_path, monkeypatch, call, languages):
    """The verdict "no fact typed by hand" is kept by every text and pattern that decides it; a change to any text
    is searched again, and a text that types a fact is found however often it is checked."""
    from tools import factfinder
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    searched = []
    original = factfinder.find_in_texts
    monkeypatch.setattr(factfinder, "find_in_texts", lambda texts, patterns: searched.append(1) or original(texts, patterns))
    workspace = make_workspace(tmp_path / "work")
    prepared = prepared_call(workspace / CALL_PATH, with_history=False)
    assert find_facts(prepared, workspace) == [] and find_facts(prepared, workspace) == [] and len(searched) == 1
    page = workspace / "docs" / "sv" / "funding.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\nHögst {fmt.format_money(call['funding']['max_support_sek'], languages['sv'])}.\n",
                    encoding="utf-8")
    for _twice in range(2):
        assert [hit.file for hit in find_facts(prepared, workspace)] == [str(page)]
    assert len(searched) == 3

