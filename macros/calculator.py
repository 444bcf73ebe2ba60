"""The budget calculator's parameters: its fields and limits, the rule, and the worked examples.

The field names are the calculator's contract (also its URL parameters):
costs, public_cash, private_cash, inkind_hours, inkind_rate, inkind_premises;
results are <output name="support|cofinancing_needed|cofinancing|balance">.
The rule, the fields' limits and the language's number format reach
calculator.js as JSON written into the page from call/ at build time; the
markup is overrides/tools/calculator/calculator.html.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from . import formatting as fmt
from . import pieces as pc
from .budget import Rule, cap_binds_from, worked_examples
from .downloads import download
from .languages import Language
from .lifecycle import guidance_text
from .number_format import format_contract
from .pieces import Pieces
from .components import render_tool
from .view import plain, script_json

# The most a field may hold, and how many decimals: the same limits in the page's JSON.
LIMITS = {"money": {"max": 10_000_000_000, "decimals": 0}, "hours": {"max": 1_000_000, "decimals": 2},
          "rate": {"max": 10_000_000_000, "decimals": 2}}
# An address or a field longer than this is refused before it is parsed.
MAX_INPUT_CHARS = 40
OUTPUTS = ("support", "cofinancing_needed", "cofinancing", "balance")
PARTS = ("support", "public_cash", "private_cash", "time", "premises", "missing")
# Guidance (call/guidance.yml) whose warning the calculator shows when a plan meets it.
WARNINGS = ("inkind_counts_as_cost", "inkind_not_paid_out")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # money | hours | rate: how it is parsed and bounded
    inputmode: str
    group: str  # costs | cofinancing


FIELDS = (
    Field("costs", "money", "numeric", "costs"),
    Field("public_cash", "money", "numeric", "cofinancing"),
    Field("private_cash", "money", "numeric", "cofinancing"),
    Field("inkind_hours", "hours", "decimal", "cofinancing"),
    Field("inkind_rate", "rate", "decimal", "cofinancing"),
    Field("inkind_premises", "money", "numeric", "cofinancing"),
)
HINTS = {"costs": "calc_costs_hint"}


def rule_of(call: dict) -> Rule:
    funding = call["funding"]
    return Rule(funding["max_support_sek"], fmt.rate_basis_points(funding["max_rate_percent"]))


def accepts(kind: str, hundredths: int) -> bool:
    """Whether a value (in hundredths) is within a field's limits: what calculator.js decides too."""
    limit = LIMITS[kind]
    return 0 <= hundredths <= limit["max"] * 100 and (limit["decimals"] > 0 or hundredths % 100 == 0)


def contract(call: dict, lang: Language) -> dict:
    """Everything calculator.js needs, from the data: the rule, the fields, the format, the texts."""
    rule = rule_of(call)
    warnings = {}
    for guidance_id in WARNINGS:
        entry = guidance_text(call, guidance_id)
        if entry and entry.get("warning"):
            warnings[guidance_id] = plain(entry["warning"], lang)
    return {
        "rule": {"maxSupportSek": rule.max_support_sek, "maxRateBasisPoints": rule.max_rate_basis_points},
        "fields": {field.name: {"kind": field.kind, **LIMITS[field.kind]} for field in FIELDS},
        "maxInputChars": MAX_INPUT_CHARS,
        "format": format_contract(lang),
        "strings": {key: value for key, value in lang.strings.items() if key.startswith("calc_") and isinstance(value, str)},
        "warnings": warnings,
    }


def form(call: dict, lang: Language) -> Markup:
    strings = lang.strings

    def field(item: Field) -> dict:
        return {"name": item.name, "kind": item.kind, "inputmode": item.inputmode, "label": strings[f"calc_{item.name}_label"],
                "hint": strings[HINTS[item.name]] if item.name in HINTS else ""}

    return render_tool(
        "calculator/calculator.html",
        ui=strings,
        costs_fields=[field(f) for f in FIELDS if f.group == "costs"],
        cofinancing_fields=[field(f) for f in FIELDS if f.group == "cofinancing"],
        outputs=[{"name": name, "label": strings[f"calc_{name}_label"]} for name in OUTPUTS],
        parts=[{"name": name, "label": strings[f"calc_part_{name}"]} for name in PARTS],
        guidance_label=strings["guidance_label"],
        data=script_json(contract(call, lang)),
        budget_template=download(lang, "budget"),
    )


@dataclass(frozen=True)
class WorkedExample:
    costs: int
    cells: tuple  # costs, support, co-financing needed, which limit applies: as the page writes them


@dataclass(frozen=True)
class WorkedExamples:
    """Worked examples computed at build time from the data: the rule without JavaScript."""
    cap_binds: Pieces
    head: tuple
    caption: str
    rows: tuple


def examples(call: dict, lang: Language) -> WorkedExamples:
    rule, strings = rule_of(call), lang.strings
    head = tuple(strings[key] for key in ("calc_examples_costs", "calc_examples_support", "calc_examples_needed", "calc_examples_limit"))
    rows = tuple(WorkedExample(e.costs, (fmt.format_money(e.costs, lang), fmt.format_money(e.support, lang),
                                         fmt.format_money(e.cofinancing_needed, lang), strings["calc_examples_limit_" + e.limit]))
                 for e in worked_examples(rule))
    binds = pc.filled(strings["calc_cap_binds_from"], amount=fmt.format_money(cap_binds_from(rule), lang))
    return WorkedExamples(binds, head, strings["calc_examples_caption"], rows)

