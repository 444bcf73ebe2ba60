"""The eligibility check and the preparation checklist, in Chromium, in every full language, by keyboard."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from conftest import FIXTURE_CALL, call_dir_of, call_path, loaded
from macros import formatting as fmt
from macros.view import plain

LANGUAGES = loaded().languages


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


@pytest.mark.parametrize("lang", LANGUAGES.full, ids=lambda lang: lang.code)
def test_each_kind_of_answer(browser, served_under_subpath, call, lang):
    strings = lang.strings
    listed = call["applicant_types"][2]
    cases = [
        ((listed["id"], "10", "yes"), "yes", [("type", "yes"), ("months", "yes"), ("scope", "yes")]),
        (("other", "10", "yes"), "ask", [("type", "ask"), ("months", "yes"), ("scope", "yes")]),
        # A private person is not among those the call lists: ask, never "you cannot apply".
        (("private", "10", "yes"), "ask", [("type", "ask"), ("months", "yes"), ("scope", "yes")]),
        ((listed["id"], str(call["max_project_months"] + 1), "yes"), "no", [("type", "yes"), ("months", "no"), ("scope", "yes")]),
        ((listed["id"], "10", "no"), "no", [("type", "yes"), ("months", "yes"), ("scope", "no")]),
    ]
    page = browser.new_page()
    for (kind, months, scope), overall, points in cases:
        page.goto(served_under_subpath + lang.path + "eligibility.html")
        choose_by_keyboard(page, "applicant_type", kind)
        page.locator("#elig-months").focus()
        page.keyboard.type(months)
        choose_by_keyboard(page, "scope", scope)
        text, got = answer(page)
        assert text == strings[f"elig_overall_{overall}"], (kind, months, scope)
        assert got == points
        query = parse_qs(page.evaluate("location.search.slice(1)"))
        assert query == {"applicant_type": [kind], "months": [months], "scope": [scope]}
    private = page.locator('.elig__point[data-topic="type"]').inner_text()
    # Points name their reason and link to the section they rest on.
    first = page.locator(".elig__point").first
    assert first.locator("a").first.get_attribute("href") == "who-can-apply.html"
    assert page.locator(".elig__result").get_attribute("role") == "status"  # announced politely
    assert private
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES.full, ids=lambda lang: lang.code)
def test_a_closed_call_says_so_first_and_the_check_names_what_it_does_not_test(browser, served_under_subpath, call, lang):
    page = browser.new_page()
    page.goto(served_under_subpath + lang.path + f"eligibility.html?applicant_type={call['applicant_types'][0]['id']}&months=6&scope=yes")
    result = page.locator(".elig__result")
    closed = page.locator(".elig__closed")
    assert closed.is_visible() and closed.inner_text() == lang.strings["elig_closed"]
    assert result.inner_text().index(lang.strings["elig_closed"]) < result.inner_text().index(lang.strings["elig_overall_yes"])
    untested = page.locator(".elig__criteria").inner_text()
    for criterion in call["selection_criteria"]:
        assert (plain(criterion["text"], lang) in untested) is criterion["required"]
    page.close()


def test_a_shared_answer_opens_filled_in(browser, served_under_subpath, call):
    en = LANGUAGES["en"]
    kind = call["applicant_types"][0]
    page = browser.new_page()
    page.goto(served_under_subpath + call_path(f"en/eligibility.html?applicant_type={kind['id']}&months=6&scope=yes"))
    assert page.locator(f'input[value="{kind["id"]}"]').is_checked()
    overall, _points = answer(page)
    assert overall == en.strings["elig_overall_yes"]
    assert kind["name"]["en"] in page.locator(".elig__point").first.inner_text()
    assert fmt.format_months(call["max_project_months"], en) in page.locator('.elig__point[data-topic="months"]').inner_text()
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES.full, ids=lambda lang: lang.code)
def test_bad_months_get_a_message_next_to_the_field(browser, served_under_subpath, lang):
    page = browser.new_page()
    page.goto(served_under_subpath + lang.path + "eligibility.html")
    field = page.locator("#elig-months")
    field.fill("tolv")
    error = page.locator("#elig-months-error")
    assert error.is_visible() and error.inner_text() == lang.strings["elig_error_months"]
    assert "elig-months-error" in field.get_attribute("aria-describedby")
    page.close()


def test_the_fixture_calls_types_and_length(browser, other_site):
    other = loaded(FIXTURE_CALL).call
    sv = LANGUAGES["sv"]
    page = browser.new_page()
    page.goto((call_dir_of(other_site) / "eligibility.html").as_uri())
    values = [radio.get_attribute("value") for radio in page.locator('input[name="applicant_type"]').all()]
    assert values == [kind["id"] for kind in other["applicant_types"]] + ["other", "private"]
    assert other["scope"]["question"]["sv"] in page.locator("#eligibility").inner_text()
    page.goto((call_dir_of(other_site) / "eligibility.html").as_uri() + f"?applicant_type={values[0]}&months={other['max_project_months']}&scope=yes")
    assert answer(page)[0] == sv.strings["elig_overall_yes"]
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES.full, ids=lambda lang: lang.code)
def test_the_checklist_ticks_live_in_the_address(browser, served_under_subpath, call, lang):
    strings = lang.strings
    ids = [criterion["id"] for criterion in call["selection_criteria"]]
    page = browser.new_page()
    page.goto(served_under_subpath + lang.path + "checklist.html")
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


@pytest.mark.parametrize("lang", LANGUAGES.full, ids=lambda lang: lang.code)
@pytest.mark.parametrize("months", [1, 2])
def test_months_in_the_answer_follow_the_languages_plural(browser, served_under_subpath, call, lang, months):
    """"1 månad", "1 month", never "1 months": the answer says the months with the language's own pattern."""
    kind = call["applicant_types"][0]
    page = browser.new_page()
    page.goto(served_under_subpath + f"{lang.path}eligibility.html?applicant_type={kind['id']}&months={months}&scope=yes")
    answer(page)
    said = page.locator('.elig__point[data-topic="months"]').inner_text().replace("\u00a0", " ")
    assert fmt.format_months(months, lang).replace("\u00a0", " ") in said, said
    page.close()

