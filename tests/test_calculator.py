"""The budget calculator: its arithmetic against an independent computation, its page in Chromium in
every full language, its worked examples, links that mean the same in every language, the in-kind
warnings that follow the guidance data, and a call with another rule."""

from __future__ import annotations

import json
import re
import shutil
from fractions import Fraction
from urllib.parse import parse_qs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_CALL, REFERENCE_CALL, REPO, build_or_fail, call_dir_of, call_path, copy_call, loaded
from macros import formatting as fmt
from macros.budget import Rule, cap_binds_from, worked_examples
from macros.calculator import rule_of
from node_session import NodeSession
from pages import language_root, read

LANGUAGES = loaded().languages
CALCULATOR = REPO / "overrides" / "tools" / "calculator" / "calculator.js"


NODE_SESSION = NodeSession()


@pytest.fixture(scope="module", autouse=True)
def _node_session():
    yield
    NODE_SESSION.close()


def run_js(rule: Rule, plans) -> list[dict]:
    code = """process.stdout.write(JSON.stringify(input.plans.map(p => calculator.compute(Object.assign({}, p, {
      inkind_hours_scaled: BigInt(p.inkind_hours_hundredths), inkind_rate_scaled: BigInt(p.inkind_rate_hundredths)}), input.rule))));"""
    data = {"rule": {"maxSupportSek": rule.max_support_sek, "maxRateBasisPoints": rule.max_rate_basis_points}, "plans": list(plans)}
    return NODE_SESSION.run(code, data)


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
    results = run_js(rule, batch)
    for plan, got in zip(batch, results):
        expected = independent(plan, rule)
        assert {key: got[key] for key in expected} == expected, plan
        assert all(isinstance(got[key], int) for key in expected)
        assert 0 <= got["support"] <= rule.max_support_sek
        assert got["support"] <= plan["costs"] * rule.max_rate_basis_points / 10000
        assert got["support"] + got["cofinancing_needed"] == plan["costs"]


@pytest.mark.parametrize("lang", LANGUAGES.full, ids=lambda lang: lang.code)
def test_the_worked_examples_match_the_script(site, call, lang):
    rule = rule_of(call)
    page = read(language_root(site, lang) / "calculator.html")
    rows = [a["data-costs"] for a in page.find("tr") if "data-costs" in a]
    examples = worked_examples(rule)
    assert [str(e.costs) for e in examples] == rows
    zero = {"public_cash": 0, "private_cash": 0, "inkind_premises": 0, "inkind_hours_hundredths": 0, "inkind_rate_hundredths": 0}
    for example, result in zip(examples, run_js(rule, [dict(zero, costs=e.costs) for e in examples])):
        assert fmt.format_money(result["support"], lang) in page.text
        assert fmt.format_money(result["cofinancing_needed"], lang) in page.text
        assert (result["support"], result["cofinancing_needed"], result["limit"]) == (example.support, example.cofinancing_needed, example.limit)


def output(page, name: str) -> str:
    return page.locator(f'output[name="{name}"]').inner_text()


def typed(amount: int, lang, unit: bool = True) -> str:
    """An amount as a person types it in the language: its own format, with ordinary spaces."""
    shown = fmt.format_money(amount, lang) if unit else fmt.format_number(amount, lang)
    return shown.replace("\u00a0", " ")


@pytest.mark.parametrize("lang", LANGUAGES.full, ids=lambda lang: lang.code)
def test_typing_gives_the_right_outputs_and_the_address_follows(browser, served_under_subpath, call, lang):
    costs_typed, public_typed = typed(1_200_000, lang), typed(100_000, lang, unit=False)
    rule = rule_of(call)
    context = browser.new_context()
    context.add_init_script("window.__csp=[];document.addEventListener('securitypolicyviolation',e=>window.__csp.push(e.violatedDirective))")
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(served_under_subpath + lang.path + "calculator.html")
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
    assert page.locator(".calc__verdict").get_attribute("role") == "status"  # announced politely
    assert not page.evaluate("window.__csp") and not errors
    # Opening the address restores the plan in every other language.
    search = page.evaluate("location.search")
    for other in LANGUAGES.full:
        page.goto(served_under_subpath + other.path + "calculator.html" + search)
        assert output(page, "support") == fmt.format_money(support, other)
        assert output(page, "cofinancing") == fmt.format_money(cofinancing, other)
        assert page.locator("#calc-costs").input_value() == fmt.format_number(costs, other)
    context.close()


@pytest.mark.parametrize("query", ["?costs=1000000&inkind_hours=1.505&inkind_rate=500", "?costs=1.234", "?inkind_hours=0.005&costs=10"])
def test_a_link_means_the_same_in_every_language(browser, served_under_subpath, query):
    """An address is language-neutral: the same outputs, or the same message by the same field, everywhere."""
    page = browser.new_page()
    seen = []
    for lang in LANGUAGES.full:
        page.goto(served_under_subpath + lang.path + "calculator.html" + query)
        errors = {name: page.locator(f"#calc-{name}-error").is_visible() for name in ("costs", "inkind_hours", "inkind_rate")}
        outputs = [output(page, name) for name in ("support", "cofinancing_needed")]
        seen.append((errors, outputs == ["–", "–"]))
    assert all(item == seen[0] for item in seen), seen
    assert any(seen[0][0].values()), seen  # each of these is refused, next to its field
    page.close()


def test_a_pathological_address_does_not_freeze_the_page(browser, site):
    """From disk, where no server limits an address's length: 100 000 plus signs (spaces) are refused at once."""
    page = browser.new_page()
    page.goto((call_dir_of(site) / "calculator.html").as_uri() + "?costs=1" + "+" * 100000 + "x", timeout=10000)
    assert page.locator("#calc-costs-error").is_visible()
    page.goto((call_dir_of(site) / "eligibility.html").as_uri() + "?months=1" + "+" * 100000 + "x&applicant_type=company&scope=yes", timeout=10000)
    assert page.locator("#elig-months-error").is_visible()
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES.full, ids=lambda lang: lang.code)
def test_each_kind_of_bad_input_gets_its_message_next_to_the_field(browser, served_under_subpath, lang):
    strings = lang.strings
    page = browser.new_page()
    page.goto(served_under_subpath + lang.path + "calculator.html")
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
    page.goto(served_under_subpath + call_path("calculator.html"))
    page.locator("#calc-costs").focus()
    page.keyboard.type("2000000")
    page.keyboard.press("Tab")
    page.keyboard.type("abc")
    assert page.locator("#calc-public_cash-error").is_visible()
    assert not Axe().run(page).response["violations"]
    page.close()


def test_in_kind_warnings_come_from_the_guidance_data_and_say_so(browser, served_under_subpath, call):
    page = browser.new_page()
    page.goto(served_under_subpath + call_path("calculator.html?costs=1000000&inkind_premises=1200000"))
    box = page.locator(".calc__warnings")
    assert box.is_visible()
    source = LANGUAGES.authoritative
    assert source.strings["guidance_label"] in box.inner_text()
    warnings = {entry["id"]: entry["warning"][source.code] for entry in call["guidance"] if entry.get("warning")}
    assert warnings["inkind_counts_as_cost"] in box.inner_text()
    page.close()


def test_without_guidance_data_no_in_kind_warning(browser, tmp_path):
    folder = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, folder)
    (folder / "guidance.yml").unlink()
    site = build_or_fail(tmp_path / "site", call_dir=folder)
    for lang in LANGUAGES.full:
        for name in ("calculator.html", "funding.html", "glossary.html"):
            assert not read(language_root(site, lang) / name).find("aside", class_="call-guidance"), (lang.code, name)
    page = browser.new_page()
    page.goto((call_dir_of(site) / "calculator.html").as_uri() + "?costs=1000000&inkind_premises=1200000")
    assert output(page, "support") != "–"
    assert not page.locator(".calc__warnings").is_visible()
    page.close()


def test_a_call_with_another_rule_is_followed_by_the_page_and_the_script(browser, other_site):
    rule = rule_of(loaded(FIXTURE_CALL).call)
    sv = LANGUAGES.authoritative
    page_html = (call_dir_of(other_site) / "calculator.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="calculator-data">(.*?)</script>', page_html, re.S).group(1))
    assert data["rule"] == {"maxSupportSek": rule.max_support_sek, "maxRateBasisPoints": rule.max_rate_basis_points}
    page = browser.new_page()
    page.goto((call_dir_of(other_site) / "calculator.html").as_uri() + "?costs=300000")
    assert output(page, "support") == fmt.format_money(min(rule.max_support_sek, 300000 * rule.max_rate_basis_points // 10000), sv)
    assert fmt.format_money(cap_binds_from(rule), sv) in read(call_dir_of(other_site) / "calculator.html").text
    page.close()


def test_the_scripts_hold_no_amount_rate_or_word_of_a_language(call):
    for path in (CALCULATOR, REPO / "overrides" / "assets" / "javascripts" / "call-format.js"):
        source = path.read_text(encoding="utf-8")
        assert str(call["funding"]["max_support_sek"]) not in source
        assert not re.search(rf"\b{call['funding']['max_rate_percent']}\b", source.replace("10000", ""))
        assert not re.search(r"""(===|==)\s*["'](sv|en|fi)["']""", source)


def test_nothing_is_stored(browser, served_under_subpath):
    page = browser.new_page()
    page.goto(served_under_subpath + call_path("calculator.html?costs=500000"))
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES.full, ids=lambda lang: lang.code)
def test_the_plan_and_its_result_print_on_one_page(browser, served_under_subpath, lang):
    page = browser.new_page()
    page.goto(served_under_subpath + lang.path + "calculator.html?costs=1200000&public_cash=100000&private_cash=50000"
              "&inkind_hours=200&inkind_rate=450&inkind_premises=900000")
    assert page.locator(".calc__warnings li").count() >= 1  # the longest result: with a warning
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    page.close()
