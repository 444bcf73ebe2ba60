"""The budget calculator: its arithmetic against an independent computation, its parsing,
its page in Chromium in both languages, its worked examples, and a call with another rule."""

from __future__ import annotations

import json
import re
import subprocess
from fractions import Fraction
from urllib.parse import parse_qs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_CALL, REPO
from macros import formatting as fmt
from macros import load_strings
from macros.budget import Rule, cap_binds_from, worked_examples
from macros.calculator import rule_of
from macros.call_data import load_call
from pages import read

RUNNER = REPO / "tests" / "js" / "run-calculator.js"
NBSP = "\u00a0"


def run_js(rule: Rule | None = None, plans=(), parses=()) -> dict:
    data = {"rule": {"maxSupportSek": rule.max_support_sek, "maxRateBasisPoints": rule.max_rate_basis_points} if rule else None,
            "plans": list(plans), "parses": list(parses)}
    result = subprocess.run(["node", str(RUNNER)], input=json.dumps(data), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def independent(plan: dict, rule: Rule) -> dict:
    """The rule computed another way: exact fractions, the call's text read literally."""
    costs = Fraction(plan["costs"])
    by_rate = costs * Fraction(rule.max_rate_basis_points, 10000)
    support = min(Fraction(rule.max_support_sek), by_rate)
    support = support.numerator // support.denominator  # rounded down to whole kronor
    time = Fraction(plan["inkind_hours_hundredths"], 100) * Fraction(plan["inkind_rate_hundredths"], 100)
    time_value = int(time + Fraction(1, 2))  # to whole kronor, half up (time is never negative)
    cofinancing = plan["public_cash"] + plan["private_cash"] + time_value + plan["inkind_premises"]
    return {"support": support, "cofinancing_needed": plan["costs"] - support, "cofinancing": cofinancing,
            "balance": cofinancing - (plan["costs"] - support)}


money = st.integers(min_value=0, max_value=10_000_000_000)
plans = st.fixed_dictionaries({
    "costs": money, "public_cash": money, "private_cash": money, "inkind_premises": money,
    "inkind_hours_hundredths": st.integers(min_value=0, max_value=100_000_000),
    "inkind_rate_hundredths": st.integers(min_value=0, max_value=1_000_000),
})
rules = st.builds(Rule, st.integers(min_value=1, max_value=100_000_000), st.integers(min_value=1, max_value=10000))


@settings(max_examples=60, deadline=None)
@given(rule=rules, batch=st.lists(plans, min_size=1, max_size=40))
def test_the_script_agrees_with_an_independent_computation(rule, batch):
    results = run_js(rule, batch)["results"]
    for plan, got in zip(batch, results):
        expected = independent(plan, rule)
        assert {key: got[key] for key in expected} == expected, plan
        assert all(isinstance(got[key], int) for key in expected)
        assert 0 <= got["support"] <= rule.max_support_sek
        assert got["support"] <= plan["costs"] * rule.max_rate_basis_points / 10000
        assert got["support"] + got["cofinancing_needed"] == plan["costs"]
        assert got["cofinancing_needed"] >= 0 and got["cofinancing"] >= 0


def test_the_famous_floating_point_slip_does_not_happen():
    # 0.29 * 100 is 28.999999999999996 in floating point; here 29 % of 100 kronor is 29 kronor,
    # and a rate with decimals in the data (0.29 %) is exact too.
    zero = {"public_cash": 0, "private_cash": 0, "inkind_premises": 0, "inkind_hours_hundredths": 0, "inkind_rate_hundredths": 0}
    assert run_js(Rule(10**9, fmt.rate_basis_points(29)), [dict(zero, costs=100)])["results"][0]["support"] == 29
    assert run_js(Rule(10**9, fmt.rate_basis_points(0.29)), [dict(zero, costs=10000)])["results"][0]["support"] == 29
    assert run_js(Rule(10**9, fmt.rate_basis_points(57.7)), [dict(zero, costs=1000)])["results"][0]["support"] == 577


def test_warnings_for_contributions_in_kind():
    rule = Rule(800, 7500)
    base = {"public_cash": 0, "private_cash": 0, "inkind_hours_hundredths": 0, "inkind_rate_hundredths": 0}
    above_costs, above_cash, fine = run_js(rule, [
        dict(base, costs=1000, inkind_premises=1200),
        dict(base, costs=1000, inkind_premises=600),   # support 750 > the 400 paid in money
        dict(base, costs=1000, inkind_premises=100),
    ])["results"]
    assert "inkind_above_costs" in above_costs["warnings"]
    assert above_cash["warnings"] == ["support_above_cash_costs"]
    assert fine["warnings"] == []


@pytest.mark.parametrize(("text", "lang", "kind", "expected"), [
    ("1 200 000", "sv", "money", 1200000), ("1\u00a0200\u00a0000 kr", "sv", "money", 1200000), ("1200000", "sv", "money", 1200000),
    ("1,200,000", "en", "money", 1200000), ("SEK 1,200,000", "en", "money", 1200000), ("1200000", "en", "money", 1200000),
    ("12,5", "sv", "hours", 12.5), ("12.5", "en", "hours", 12.5), ("450,50", "sv", "rate", 450.5), ("", "sv", "money", 0),
])
def test_amounts_as_people_type_them(text, lang, kind, expected):
    [parsed] = run_js(parses=[[text, lang, kind]])["parsed"]
    assert parsed == {"value": expected, "empty": text == ""}


@pytest.mark.parametrize(("text", "lang", "kind", "error"), [
    ("tolv", "sv", "money", "not_a_number"), ("12abc", "en", "money", "not_a_number"), ("-5", "sv", "money", "negative"),
    ("10 000 000 001", "sv", "money", "too_large"), ("1000001", "en", "hours", "too_large"), ("1200,50", "sv", "money", "whole_kronor"),
    ("1.234", "en", "hours", "too_many_decimals"),
])
def test_bad_input_gets_a_reason(text, lang, kind, error):
    assert run_js(parses=[[text, lang, kind]])["parsed"] == [{"error": error}]


def test_python_and_the_script_agree_on_where_the_cap_starts_to_bind(call):
    rule = rule_of(call)
    assert run_js(rule)["capBindsFrom"] == cap_binds_from(rule)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_worked_examples_match_the_script(site, call, lang):
    rule = rule_of(call)
    page = read(site / ("en/calculator.html" if lang == "en" else "calculator.html"))
    rows = [a["data-costs"] for a in page.find("tr") if "data-costs" in a]
    examples = worked_examples(rule)
    assert [str(e.costs) for e in examples] == rows
    zero = {"public_cash": 0, "private_cash": 0, "inkind_premises": 0, "inkind_hours_hundredths": 0, "inkind_rate_hundredths": 0}
    results = run_js(rule, [dict(zero, costs=e.costs) for e in examples])["results"]
    for example, result in zip(examples, results):
        assert fmt.format_money(result["support"], lang) in page.text
        assert fmt.format_money(result["cofinancing_needed"], lang) in page.text
        assert (result["support"], result["cofinancing_needed"], result["limit"]) == (example.support, example.cofinancing_needed, example.limit)


def output(page, name: str) -> str:
    return page.locator(f'output[name="{name}"]').inner_text()


@pytest.mark.parametrize(("lang", "path", "costs_typed", "public_typed"), [
    ("sv", "calculator.html", "1 200 000 kr", "100 000"),
    ("en", "en/calculator.html", "SEK 1,200,000", "100,000"),
])
def test_typing_gives_the_right_outputs_and_the_address_follows(browser, served_under_subpath, call, lang, path, costs_typed, public_typed):
    rule = rule_of(call)
    context = browser.new_context()
    context.add_init_script("window.__csp=[];document.addEventListener('securitypolicyviolation',e=>window.__csp.push(e.violatedDirective))")
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(served_under_subpath + path)
    page.locator("#calc-costs").press_sequentially(costs_typed)
    page.locator("#calc-public_cash").fill(public_typed)
    page.locator("#calc-inkind_hours").fill("200")
    page.locator("#calc-inkind_rate").fill("450")
    costs = 1_200_000
    support = min(rule.max_support_sek, costs * rule.max_rate_basis_points // 10000)
    cofinancing = 100_000 + 200 * 450
    assert output(page, "support") == fmt.format_money(support, lang)
    assert output(page, "cofinancing_needed") == fmt.format_money(costs - support, lang)
    assert output(page, "cofinancing") == fmt.format_money(cofinancing, lang)
    balance = cofinancing - (costs - support)
    assert output(page, "balance").endswith(fmt.format_money(abs(balance), lang))
    query = parse_qs(page.evaluate("location.search.slice(1)"))
    assert query == {"costs": ["1200000"], "public_cash": ["100000"], "inkind_hours": ["200"], "inkind_rate": ["450"]}
    verdict = page.locator(".calc__verdict")
    assert verdict.get_attribute("aria-live") == "polite"
    strings = load_strings(lang)
    key = "calc_verdict_missing" if balance < 0 else "calc_verdict_over" if balance > 0 else "calc_verdict_even"
    assert verdict.inner_text().startswith(strings[key].split("{")[0]) or fmt.format_money(abs(balance), lang) in verdict.inner_text()
    assert not page.evaluate("window.__csp") and not errors
    # Opening the address restores the plan, in the other language too.
    other = "en/calculator.html" if lang == "sv" else "calculator.html"
    page.goto(served_under_subpath + other + page.evaluate("location.search"))
    other_lang = "en" if lang == "sv" else "sv"
    assert output(page, "support") == fmt.format_money(support, other_lang)
    assert output(page, "cofinancing") == fmt.format_money(cofinancing, other_lang)
    assert page.locator("#calc-costs").input_value() == fmt.format_number(costs, other_lang)
    context.close()


@pytest.mark.parametrize("lang,path", [("sv", "calculator.html"), ("en", "en/calculator.html")])
def test_each_kind_of_bad_input_gets_its_message_next_to_the_field(browser, served_under_subpath, lang, path):
    strings = load_strings(lang)
    page = browser.new_page()
    page.goto(served_under_subpath + path)
    cases = [("costs", "abc", "calc_error_not_a_number"), ("public_cash", "-100", "calc_error_negative"),
             ("private_cash", "99999999999", "calc_error_too_large"), ("inkind_hours", "2000000", "calc_error_too_large")]
    for name, typed, key in cases:
        field = page.locator(f"#calc-{name}")
        field.fill(typed)
        error = page.locator(f"#calc-{name}-error")
        assert error.is_visible()
        assert error.inner_text().startswith(strings[key].split("{")[0].strip())
        assert f"calc-{name}-error" in field.get_attribute("aria-describedby")
        assert field.get_attribute("aria-invalid") == "true"
        for result in ("support", "cofinancing_needed", "cofinancing", "balance"):
            assert not re.search(r"NaN|Infinity|undefined", output(page, result))
        field.fill("")
        assert not error.is_visible()
    page.close()


def test_the_calculator_by_keyboard_alone_and_axe_with_errors_shown(browser, served_under_subpath):
    from axe_playwright_python.sync_playwright import Axe
    page = browser.new_page()
    page.goto(served_under_subpath + "calculator.html")
    page.locator("#calc-costs").focus()
    page.keyboard.type("2000000")
    page.keyboard.press("Tab")
    page.keyboard.type("abc")
    assert page.locator("#calc-public_cash-error").is_visible()
    assert not Axe().run(page).response["violations"]
    page.close()


def test_a_call_with_another_rule_is_followed_by_the_page_and_the_script(browser, other_site, tmp_path):
    other = load_call(FIXTURE_CALL)
    rule = rule_of(other)
    page_html = (other_site / "calculator.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="calculator-data">(.*?)</script>', page_html, re.S).group(1))
    assert data["rule"] == {"maxSupportSek": rule.max_support_sek, "maxRateBasisPoints": rule.max_rate_basis_points}
    page = browser.new_page()
    page.goto((other_site / "calculator.html").as_uri() + "?costs=300000")
    assert output(page, "support") == fmt.format_money(min(rule.max_support_sek, 300000 * rule.max_rate_basis_points // 10000), "sv")
    assert fmt.format_money(cap_binds_from(rule), "sv") in read(other_site / "calculator.html").text
    page.close()


def test_the_script_holds_no_amount_or_rate():
    for name in ("calculator.js", "calculator-page.js"):
        source = (REPO / "overrides" / "assets" / "javascripts" / name).read_text(encoding="utf-8")
        call = load_call(REPO / "call")
        assert str(call["funding"]["max_support_sek"]) not in source
        assert not re.search(rf"\b{call['funding']['max_rate_percent']}\b", source.replace("10000", ""))


def test_nothing_is_stored(browser, served_under_subpath):
    page = browser.new_page()
    page.goto(served_under_subpath + "calculator.html?costs=500000")
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    page.close()


@pytest.mark.parametrize("path", ["calculator.html", "en/calculator.html"])
def test_the_plan_and_its_result_print_on_one_page(browser, served_under_subpath, path):
    page = browser.new_page()
    page.goto(served_under_subpath + path + "?costs=1200000&public_cash=100000&private_cash=50000"
              "&inkind_hours=200&inkind_rate=450&inkind_premises=900000")
    assert page.locator(".calc__warnings li").count() >= 1  # the longest result: with a warning
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    page.close()
