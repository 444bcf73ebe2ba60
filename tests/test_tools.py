"""Each tool's named examples (overrides/tools/<tool>/examples.yml) on both sides, and every rule that
lives in Python and in JavaScript held together on many values: the phase, money and percent formats,
the budget rule, the calculator's fields and limits, and the eligibility verdicts."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, loaded
from node_session import NodeSession
from macros import formatting as fmt
from macros.budget import Rule, limiting_factor, max_support
from macros.calculator import FIELDS, LIMITS, accepts, contract as calculator_contract
from macros.eligibility import contract as eligibility_contract
from macros.number_format import format_contract
from macros.status import Status, message_key, status_of
from macros.components import TOOLS_DIR, all_tools
from macros.context import window_data

LOADED = loaded()
LANGUAGES = LOADED.languages


def examples(tool: str) -> dict:
    return yaml.safe_load((TOOLS_DIR / tool / "examples.yml").read_text(encoding="utf-8"))


def example_call(window: dict, decided: str | None = None, withdrawn: str | None = None, archived: str | None = None) -> dict:
    """A call with only what its phase depends on."""
    call = {"window": window, **({"outcome": {"decided": decided}} if decided else {})}
    if withdrawn:
        call["withdrawn"] = withdrawn
    if archived:
        call["archived"] = archived
    return call


def status_contract(example: dict) -> dict:
    """What the build writes into a page for status.js (macros/context.py's window_data, as status_view uses it)."""
    return window_data(example_call(example["window"], example.get("decided"), example.get("withdrawn"), example.get("archived")))


@pytest.fixture(scope="module")
def contracts(tmp_path_factory) -> Path:
    data = {"status": {e["name"]: status_contract(e) for e in examples("status")["examples"]},
            "formats": {lang.code: format_contract(lang) for lang in LANGUAGES}}
    path = tmp_path_factory.mktemp("contracts") / "contracts.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


NODE_SESSION = NodeSession()


@pytest.fixture(scope="module", autouse=True)
def _node_session():
    yield
    NODE_SESSION.close()


def node(script: str, contracts: Path, payload=None):
    """Run JavaScript with the site's scripts loaded; its JSON answer (what it writes to process.stdout)."""
    return NODE_SESSION.run(script, payload)


def test_every_tool_has_its_template_script_style_and_examples():
    for tool in all_tools():
        for name in (f"{tool}.html", f"{tool}.js", f"{tool}.css", "examples.yml"):
            assert (TOOLS_DIR / tool / name).is_file(), f"{tool}/{name}"
        header = (TOOLS_DIR / tool / f"{tool}.html").read_text(encoding="utf-8").split("-#}")[0]
        assert "Parameters" in header, tool


def test_the_node_tests_run_every_example(contracts):
    result = subprocess.run(["node", "--test", str(REPO / "tests" / "js")], capture_output=True, text=True,
                            env={"CALL_CONTRACTS": str(contracts), "PATH": "/usr/bin:/bin:/usr/local/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout


@pytest.mark.parametrize("example", examples("status")["examples"], ids=lambda e: e["name"])
def test_status_examples_in_python(example):
    call = example_call(example["window"], example.get("decided"), example.get("withdrawn"), example.get("archived"))
    got = status_of(call, dt.datetime.fromisoformat(example["moment"]))
    assert got == Status(example["state"], example["days"])
    assert message_key(got) == example["key"]


@pytest.mark.parametrize("example", examples("calculator")["plans"], ids=lambda e: e["name"])
def test_calculator_examples_in_python(example):
    rule = Rule(example["rule"]["maxSupportSek"], example["rule"]["maxRateBasisPoints"])
    support = max_support(example["plan"]["costs"], rule)
    assert support == example["expected"]["support"]
    assert example["plan"]["costs"] - support == example["expected"]["cofinancing_needed"]
    assert limiting_factor(example["plan"]["costs"], rule) == example["expected"]["limit"]


def test_the_eligibility_contract_has_the_examples_shape_and_decides_only_what_the_call_does(call):
    rules = eligibility_contract(call, LANGUAGES["sv"])["rules"]
    assert set(rules) == set(examples("eligibility")["rules"])
    assert {rules["types"][kind["id"]] for kind in call["applicant_types"]} == {"yes"}
    assert rules["types"]["private"] == rules["types"]["other"] == "ask"  # never "you cannot apply"


# --- Python and JavaScript held together on many values -----------------------------------------

amounts = st.integers(min_value=0, max_value=10_000_000_000)


@settings(max_examples=40, deadline=None)
@given(values=st.lists(amounts, min_size=1, max_size=60), rates=st.lists(st.integers(min_value=1, max_value=10000), min_size=1, max_size=30))
def test_money_and_percent_are_written_alike_in_python_and_javascript(contracts, values, rates):
    payload = {"formats": {lang.code: format_contract(lang) for lang in LANGUAGES}, "values": values, "rates": rates}
    got = node("""const out = {}; for (const code of Object.keys(input.formats)) { const f = input.formats[code];
      out[code] = {money: input.values.map(v => format.money(v, f)), percent: input.rates.map(r => format.percent(r, f)),
                   months: input.values.slice(0, 5).map(v => format.months(v % 130, f))}; }
      process.stdout.write(JSON.stringify(out));""", contracts, payload)
    for lang in LANGUAGES:
        assert got[lang.code]["money"] == [fmt.format_money(v, lang) for v in values], lang.code
        assert got[lang.code]["percent"] == [fmt.format_percent(Decimal(r) / 100, lang) for r in rates], lang.code
        assert got[lang.code]["months"] == [fmt.format_months(v % 130, lang) for v in values[:5]], lang.code


@settings(max_examples=30, deadline=None)
@given(moments=st.lists(st.datetimes(min_value=dt.datetime(2018, 12, 1), max_value=dt.datetime(2026, 12, 31),
                                     timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=9)),
                                                                dt.timezone(dt.timedelta(hours=-5))])), min_size=1, max_size=40))
def test_the_phase_is_computed_alike_in_python_and_javascript(contracts, moments):
    windows = [{"window": LOADED.call["window"]},
               {"window": {"time_zone": "Europe/Stockholm", "opens": "2026-02-02", "closes": "2026-04-29", "closes_time": "14:00"},
                "decided": "2026-06-10", "archived": "2026-09-01"},
               {"window": {"time_zone": "Europe/Stockholm", "opens": "2019-01-15", "closes": "2019-03-31"}, "withdrawn": "2019-02-20"}]
    for example in windows:
        contract = status_contract(example)
        call = example_call(example["window"], example.get("decided"), example.get("withdrawn"), example.get("archived"))
        got = node("""process.stdout.write(JSON.stringify(input.moments.map(m => {
            const s = status.callStatus(input.window, new Date(m)); return [s.state, s.daysLeft, status.messageKey(s)]; })));""",
                   contracts, {"window": contract, "moments": [m.isoformat() for m in moments]})
        for moment, answer in zip(moments, got):
            expected = status_of(call, moment)
            assert answer == [expected.state, expected.days_left, message_key(expected)], moment


@settings(max_examples=30, deadline=None)
@given(hundredths=st.lists(st.integers(min_value=0, max_value=2_000_000_000_000), min_size=1, max_size=60))
def test_the_calculators_limits_are_the_same_on_both_sides(contracts, hundredths):
    fields = calculator_contract(LOADED.call, LANGUAGES["sv"])["fields"]
    assert {name: {k: v for k, v in spec.items() if k != "kind"} for name, spec in fields.items()} == \
        {field.name: LIMITS[field.kind] for field in FIELDS}
    texts = [f"{value // 100}.{value % 100:02d}" for value in hundredths]
    got = node("""const out = {}; for (const kind of Object.keys(input.limits)) {
        out[kind] = input.texts.map(t => !format.parseParam(t, Object.assign({kind}, input.limits[kind]), 40).error); }
        process.stdout.write(JSON.stringify(out));""", contracts, {"limits": LIMITS, "texts": texts})
    for kind in LIMITS:
        assert got[kind] == [accepts(kind, value) for value in hundredths], kind
