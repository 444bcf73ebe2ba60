"""The eligibility check and the preparation checklist, in Chromium, in both languages, by keyboard."""

from __future__ import annotations

import json
import subprocess
from urllib.parse import parse_qs

import pytest

from conftest import FIXTURE_CALL, REPO
from macros import load_strings
from macros import formatting as fmt
from macros.call_data import load_call

PATHS = {"sv": "eligibility.html", "en": "en/eligibility.html"}


def answer(page) -> tuple[str, list[tuple[str, str]]]:
    overall = page.locator(".elig__overall").inner_text()
    points = [(item.get_attribute("data-topic"), item.get_attribute("class").split("--")[-1])
              for item in page.locator(".elig__point").all()]
    return overall, points


def choose_by_keyboard(page, name: str, value: str):
    """Tab into a radio group and move with the arrow keys until the value is chosen."""
    group = page.locator(f'input[name="{name}"]')
    group.first.focus()
    for _ in range(group.count()):
        if page.evaluate("document.activeElement.value") == value:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert page.locator(f'input[name="{name}"][value="{value}"]').is_checked()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_each_kind_of_answer(browser, served_under_subpath, call, lang):
    strings = load_strings(lang)
    listed = call["applicant_types"][2]
    cases = [
        ((listed["id"], "10", "yes"), "yes", [("type", "yes"), ("months", "yes"), ("scope", "yes")]),
        (("other", "10", "yes"), "ask", [("type", "ask"), ("months", "yes"), ("scope", "yes")]),
        (("private", "10", "yes"), "no", [("type", "no"), ("months", "yes"), ("scope", "yes")]),
        ((listed["id"], str(call["max_project_months"] + 1), "yes"), "no", [("type", "yes"), ("months", "no"), ("scope", "yes")]),
        ((listed["id"], "10", "no"), "no", [("type", "yes"), ("months", "yes"), ("scope", "no")]),
    ]
    page = browser.new_page()
    for (kind, months, scope), overall, points in cases:
        page.goto(served_under_subpath + PATHS[lang])
        choose_by_keyboard(page, "applicant_type", kind)
        page.locator("#elig-months").focus()
        page.keyboard.type(months)
        choose_by_keyboard(page, "norrbotten", scope)
        text, got = answer(page)
        assert text == strings[f"elig_overall_{overall}"], (kind, months, scope)
        assert got == points
        query = parse_qs(page.evaluate("location.search.slice(1)"))
        assert query == {"applicant_type": [kind], "months": [months], "norrbotten": [scope]}
    # Points name their reason and link to the section they rest on.
    first = page.locator(".elig__point").first
    assert first.locator("a").get_attribute("href") == "who-can-apply.html"
    assert page.locator(".elig__result").get_attribute("aria-live") == "polite"
    page.close()


def test_a_shared_answer_opens_filled_in(browser, served_under_subpath, call):
    kind = call["applicant_types"][0]
    page = browser.new_page()
    page.goto(served_under_subpath + f"en/eligibility.html?applicant_type={kind['id']}&months=6&norrbotten=yes")
    assert page.locator(f'input[value="{kind["id"]}"]').is_checked()
    overall, _points = answer(page)
    assert overall == load_strings("en")["elig_overall_yes"]
    assert kind["name"]["en"] in page.locator(".elig__point").first.inner_text()
    assert fmt.format_months(call["max_project_months"], "en") in page.locator('.elig__point[data-topic="months"]').inner_text()
    page.close()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_bad_months_get_a_message_next_to_the_field(browser, served_under_subpath, lang):
    page = browser.new_page()
    page.goto(served_under_subpath + PATHS[lang])
    field = page.locator("#elig-months")
    field.fill("tolv")
    error = page.locator("#elig-months-error")
    assert error.is_visible() and error.inner_text() == load_strings(lang)["elig_error_months"]
    assert "elig-months-error" in field.get_attribute("aria-describedby")
    page.close()


def test_the_fixture_calls_types_and_length(browser, other_site):
    other = load_call(FIXTURE_CALL)
    page = browser.new_page()
    page.goto((other_site / "eligibility.html").as_uri())
    values = [radio.get_attribute("value") for radio in page.locator('input[name="applicant_type"]').all()]
    assert values == [kind["id"] for kind in other["applicant_types"]] + ["other", "private"]
    assert other["scope"]["question"]["sv"] in page.locator("#eligibility").inner_text()
    page.goto((other_site / "eligibility.html").as_uri() + f"?applicant_type={values[0]}&months={other['max_project_months']}&norrbotten=yes")
    assert answer(page)[0] == load_strings("sv")["elig_overall_yes"]
    page.close()


@pytest.mark.parametrize(("lang", "path"), [("sv", "checklist.html"), ("en", "en/checklist.html")])
def test_the_checklist_ticks_live_in_the_address(browser, served_under_subpath, call, lang, path):
    strings = load_strings(lang)
    ids = [criterion["id"] for criterion in call["selection_criteria"]]
    page = browser.new_page()
    page.goto(served_under_subpath + path)
    page.locator(f"#check-{ids[0]}").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert parse_qs(page.evaluate("location.search.slice(1)")) == {"done": [f"{ids[0]},{ids[1]}"]}
    progress = strings["check_progress"].replace("{done}", "2").replace("{total}", str(len(ids)))
    assert page.locator(".checklist__progress").inner_text() == progress
    page.goto(page.evaluate("location.href"))  # reopening the address restores the ticks
    assert page.locator(f"#check-{ids[1]}").is_checked() and not page.locator(f"#check-{ids[2]}").is_checked()
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0 and page.evaluate("document.cookie") == ""
    page.close()


def test_the_checklists_address_functions_in_node():
    script = REPO / "overrides" / "assets" / "javascripts" / "checklist.js"
    code = f"""const c = require({json.dumps(str(script))});
    console.log(JSON.stringify([c.parseDone("?done=a,zzz,b", ["a", "b", "c"]), c.writeDone(["a", "c"]), c.writeDone([])]));"""
    result = subprocess.run(["node", "-e", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == [["a", "b"], "?done=a,c", ""]
