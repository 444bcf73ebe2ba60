"""The call data: it agrees with the published text, and bad data is refused with file and line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import REFERENCE_CALL, REPO, copy_call
from macros.call_data import load_call
from macros.problems import CallError
from macros.formatting import format_date, format_number

SOURCE = REFERENCE_CALL / "source" / "utlysning-2019-sv.txt"  # the published call, kept beside its data


@pytest.fixture(scope="module")
def source_text() -> str:
    """The published call, with the PDF extraction's artefacts undone (see call/source/README.md)."""
    text = SOURCE.read_text(encoding="utf-8")
    text = re.sub(r"-\s*\n\s*(?!och\b)", "", text)  # words split across lines, not "bransch- och"
    text = text.replace("medinansiärer", "medfinansiärer")
    return re.sub(r"\s+", " ", text)


def test_every_swedish_text_is_in_the_published_call(call, source_text):
    texts = [call["title"]["sv"], call["application"]["choice"], call["contact"]["name"]]
    texts += [area["text"]["sv"] for area in call["priority_areas"]]
    texts += [effort["text"]["sv"] for effort in call["prioritised_efforts"]]
    texts += [criterion["text"]["sv"] for criterion in call["selection_criteria"]]
    texts += [document["name"]["sv"] for document in call["policy_documents"]]
    for text in texts:
        assert text in source_text, text


def test_applicant_types_are_the_eight_the_call_lists(call, source_text):
    listed = re.search(r"Vem kan söka\? (.*?)\.", source_text).group(1)
    names = [kind["name"]["sv"].lower() for kind in call["applicant_types"]]
    assert len(names) == 8
    # The call lists them in one sentence, "a, b, … och h"; the data keeps them one by one.
    assert ", ".join(names[:-1]) + " och " + names[-1] == listed.lower()


def test_criteria_that_must_hold_and_those_that_count_extra(call, source_text):
    for criterion in call["selection_criteria"]:
        says_must = criterion["text"]["sv"].startswith("Projektet ska")
        assert criterion["required"] is says_must, criterion["id"]


def test_the_facts_agree_with_the_published_text(call, languages, source_text):
    sv = languages["sv"]
    funding = call["funding"]
    assert f"max {format_number(funding['max_support_sek'], sv).replace(chr(160), ' ')} kronor" in source_text
    assert f"{funding['max_rate_percent']} procent av projektets kostnader" in source_text
    assert f"högst {call['max_project_months']} månader" in source_text
    opens, closes = (format_date(call["window"][key], sv) for key in ("opens", "closes"))
    assert f"öppen {opens.rsplit(' ', 1)[0]} till {closes}" in source_text
    contact = call["contact"]
    assert f"{contact['name']}, {contact['email']}, tel: {contact['phone']}" in source_text
    assert call["application"]["eservice"]["name"]["sv"] in source_text


def test_the_published_facts_themselves(call):
    """The data against the published text, stated literally once (and only here)."""
    assert call["funding"]["max_support_sek"] == 800000
    assert call["funding"]["max_rate_percent"] == 75
    assert call["window"] == {"time_zone": "Europe/Stockholm", "opens": "2019-01-15", "closes": "2019-03-31"}  # no closing time
    assert "closes_time" not in call["window"]
    assert call["max_project_months"] == 12


# --- bad data --------------------------------------------------------------------------

@pytest.fixture
def broken_call(tmp_path):
    """A copy of call/ to break; returns a function that edits call.yml and loads it."""
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)

    def edit(old: str, new: str, file: str = "call.yml") -> tuple[list[str], Path]:
        path = folder / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"test setup: {old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(CallError) as caught:
            load_call(folder)
        return [str(problem) for problem in caught.value.problems], path

    edit.folder = folder
    return edit


def line_of(path: Path, fragment: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in {path}")


@pytest.mark.parametrize(
    ("old", "new", "field", "marker", "wrong", "expected"),
    [
        ("opens: 2019-01-15", "opens: 2019-02-30", "window.opens", "opens:", "not a real date", "year-month-day"),
        ("opens: 2019-01-15", "opens: 15/1 2019", "window.opens", "opens:", "badly formed", "year-month-day"),
        ("opens: 2019-01-15", "opens: 2019-04-15", "window.closes", "closes:", "closes before it opens", "on or after the opening date"),
        ("max_rate_percent: 75", "max_rate_percent: 0", "funding.max_rate_percent", "max_rate_percent", "too small", "more than 0"),
        ("max_rate_percent: 75", "max_rate_percent: 120", "funding.max_rate_percent", "max_rate_percent", "too large", "at most 100"),
        ("max_support_sek: 800000", "max_support_sek: -800000", "funding.max_support_sek", "max_support_sek", "too small", "more than 0"),
        ("max_support_sek: 800000", "max_support_sek: åttahundratusen", "funding.max_support_sek", "max_support_sek", "wrong kind of value", "a whole number"),
        ("phone: 070-549 80 62", "phone: 0705", "contact.phone", "phone:", "wrong kind of value", "put it in quotes"),
        ("email: eva.a.jonsson@norrbotten.se", "email: eva.a.jonsson(at)norrbotten.se", "contact.email", "email:", "badly formed", "an e-mail address"),
        ("email: eva.a.jonsson@norrbotten.se", "email: eva.a.jonsson@norrbotten.se?bcc=x@evil.example", "contact.email", "email:", "badly formed", "an e-mail address"),
        ("phone: 070-549 80 62", "phone: 0705-1", "contact.phone", "phone:", "badly formed", "phone number in Swedish form"),
        ("url: https://minansokan.se", "url: minansokan.se", "application.eservice.url", "url: minansokan", "badly formed", "starts with https://"),
        ("  en: Project support for increased mobility and better matching on the labour\n    market\n", "", "title", "title:", "the text is missing in English", "add en:"),
        ("max_project_months: 12", "max_project_months: 12\nmax_project_weeks: 52", "max_project_weeks", "max_project_weeks", "unknown field: max_project_weeks", "did you mean max_project_months"),
        ("  - id: trade_union", "  - id: company", "applicant_types[2].id", "id: company", "id used twice", "its own id"),
    ],
)
def test_each_kind_of_bad_data_is_named_with_file_and_line(broken_call, old, new, field, marker, wrong, expected):
    problems, path = broken_call(old, new)
    assert len(problems) == 1, problems
    line = line_of(path, marker) if field != "applicant_types[2].id" else line_of(path, "id: trade_association") + 5
    assert problems[0].startswith(f"{path}:{line}: {field}: {wrong}"), problems[0]
    assert problems[0].endswith(")") and expected in problems[0], problems[0]


def test_a_file_found_valid_is_not_validated_again_until_it_changes(broken_call, tmp_path, monkeypatch):
    """The verdict is kept by the data itself: an unchanged call loads without jsonschema, a changed one is
    validated again and refused where it is wrong."""
    import subprocess
    import sys
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    probe = ("import sys; from macros.call_data import load; load(sys.argv[1]); "
             "print('validated' if 'jsonschema' in sys.modules else 'known')")

    def loading():
        return subprocess.run([sys.executable, "-c", probe, str(broken_call.folder)], cwd=REPO, capture_output=True,
                              text=True, check=True).stdout.strip()

    assert loading() == "validated"
    assert loading() == "known"
    problems, path = broken_call("max_rate_percent: 75", "max_rate_percent: 120")
    assert len(problems) == 1 and problems[0].startswith(f"{path}:{line_of(path, 'max_rate_percent')}: funding.max_rate_percent: too large")


def test_several_problems_are_all_listed(broken_call):
    broken_call("max_rate_percent: 75", "max_rate_percent: 0")
    problems, _ = broken_call("phone: 070-549 80 62", "phone: 12")
    assert len(problems) == 2


def test_invalid_yaml_names_its_line(broken_call):
    problems, path = broken_call("  choice: Kompetensförsörjning alla aktörer", "  choice: [Kompetensförsörjning")
    assert re.match(rf"{re.escape(str(path))}:{line_of(path, 'choice: [')}: a bracket or brace that starts here is never closed", problems[0]), problems


def test_a_glossary_problem_points_into_glossary_yml(broken_call):
    problems, path = broken_call("      en: Skills supply\n", "", file="glossary.yml")
    line = line_of(path, "term:")
    assert problems == [f"{path}:{line}: terms[0].term: the text is missing in English (en) (add en: with the text in English; "
                        "the language is published with every page)"]


def test_a_summary_language_needs_only_the_texts_its_pages_show(broken_call):
    """Finnish is a summary: a criterion needs no Finnish, the title does."""
    call_yml = broken_call.folder / "call.yml"
    assert "      fi:" not in call_yml.read_text(encoding="utf-8").split("selection_criteria:")[1].split("funding:")[0]
    problems, path = broken_call("  fi: Hanketukea työmarkkinoiden liikkuvuuden lisäämiseen ja kohtaannon\n    parantamiseen\n", "")
    assert problems == [f"{path}:1: title: the text is missing in Finnish (fi) (add fi: with the text in Finnish; "
                        "the language is published as a summary, and this text is part of it)"]


def test_a_text_in_a_language_that_is_not_published_is_refused(broken_call):
    problems, path = broken_call("  fi: Tukea kokeiluluonteisille", "  se: Doarjja\n  fi: Tukea kokeiluluonteisille")
    assert problems == [f"{path}:{line_of(path, 'se: Doarjja')}: summary.se: the text has a language that is not published: se "
                        "(remove the line, or add the language to site.yml)"]


def test_a_missing_translation_of_a_prose_text(broken_call):
    (broken_call.folder / "text" / "en" / "funding.md").unlink()
    with pytest.raises(CallError) as caught:
        load_call(broken_call.folder)
    assert [str(p) for p in caught.value.problems] == [
        f"{broken_call.folder}/text/en/funding.md:1: the text is missing in English "
        f"(translate {broken_call.folder}/text/sv/funding.md and save it here under the same file name)"
    ]


def test_messages_are_swedish_by_default(broken_call, monkeypatch):
    monkeypatch.delenv("EDITOR_LANGUAGE")
    problems, path = broken_call("closes: 2019-03-31", "closes: 2019-02-30")
    assert problems == [f"{path}:{line_of(path, 'closes:')}: window.closes: inte ett riktigt datum: '2019-02-30' (år-månad-dag, en dag som finns i almanackan, till exempel 2027-03-31)"]


def test_the_message_tables_have_the_same_entries():
    from macros.messages import table
    sv, en = table("sv"), table("en")
    assert sorted(sv) == sorted(en)
    for key in sv:
        assert type(sv[key]) is type(en[key]), key
        if isinstance(sv[key], dict):  # a problem (what, expected; for the editor's officer, editor and editor_what),
            # or a message in its plural forms (one, other)
            forms = (["expected", "what"], ["editor", "expected", "what"], ["editor", "editor_what", "expected", "what"], ["one", "other"])
            assert sorted(sv[key]) == sorted(en[key]) and sorted(sv[key]) in forms, key
