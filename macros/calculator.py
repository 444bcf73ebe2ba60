"""Draw the budget calculator's page parts: the form, the results, the worked examples.

The field names are the calculator's contract (also its URL parameters):
costs, public_cash, private_cash, inkind_hours, inkind_rate, inkind_premises;
results are <output name="support|cofinancing_needed|cofinancing|balance">.
The rule reaches the script as JSON in the page, from call/ at build time.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from . import formatting as fmt
from .budget import Rule, cap_binds_from, worked_examples

from .view import fill_markup, script_json

# (name, kind, inputmode): kind decides how the script parses and bounds it.
COST_FIELDS = (("costs", "money", "numeric"),)
COFINANCING_FIELDS = (
    ("public_cash", "money", "numeric"),
    ("private_cash", "money", "numeric"),
    ("inkind_hours", "hours", "decimal"),
    ("inkind_rate", "rate", "decimal"),
    ("inkind_premises", "money", "numeric"),
)
OUTPUTS = ("support", "cofinancing_needed", "cofinancing", "balance")
PARTS = ("support", "public_cash", "private_cash", "time", "premises", "missing")
HINTS = {"costs": "calc_costs_hint", "inkind_rate": "calc_inkind_rate_hint"}


def rule_of(call: dict) -> Rule:
    funding = call["funding"]
    return Rule(funding["max_support_sek"], fmt.rate_basis_points(funding["max_rate_percent"]))


def _field(name: str, kind: str, inputmode: str, strings: dict) -> str:
    described = [f"calc-{name}-hint"] if name in HINTS else []
    described.append(f"calc-{name}-error")
    hint = f'<p class="calc__hint" id="calc-{name}-hint">{escape(strings[HINTS[name]])}</p>' if name in HINTS else ""
    return (
        f'<div class="calc__field"><label for="calc-{name}">{escape(strings[f"calc_{name}_label"])}</label>{hint}'
        f'<input id="calc-{name}" name="{name}" type="text" inputmode="{inputmode}" autocomplete="off" spellcheck="false" '
        f'data-kind="{kind}" aria-describedby="{" ".join(described)}">'
        f'<p class="calc__error" id="calc-{name}-error" hidden></p></div>'
    )


def form(call: dict, lang: str, strings: dict) -> Markup:
    rule = rule_of(call)
    costs = "".join(_field(*field, strings) for field in COST_FIELDS)
    cofinancing = "".join(_field(*field, strings) for field in COFINANCING_FIELDS)
    outputs = "".join(
        f'<dt>{escape(strings[f"calc_{name}_label"])}</dt><dd><output name="{name}" for="calc-costs">–</output></dd>'
        for name in OUTPUTS
    )
    legend = "".join(
        f'<li class="calc__part calc__part--{part}" hidden><span class="calc__swatch" aria-hidden="true"></span> '
        f'{escape(strings[f"calc_part_{part}"])}: <span class="calc__part-amount"></span></li>'
        for part in PARTS
    )
    bar = "".join(f'<span class="calc__segment calc__segment--{part}"></span>' for part in PARTS)
    data = {
        "lang": lang,
        "rule": {"maxSupportSek": rule.max_support_sek, "maxRateBasisPoints": rule.max_rate_basis_points},
        "strings": {key: value for key, value in strings.items() if key.startswith("calc_")},
    }
    data_json = script_json(data)
    return Markup(
        f'<noscript><p class="calc__noscript">{escape(strings["calc_noscript"])}</p></noscript>'
        f'<form class="calc" id="calculator" novalidate>'
        f'<fieldset><legend>{escape(strings["calc_costs_legend"])}</legend>{costs}</fieldset>'
        f'<fieldset><legend>{escape(strings["calc_cofinancing_legend"])}</legend>'
        f'<p class="calc__hint">{escape(strings["calc_empty_hint"])}</p>{cofinancing}</fieldset>'
        f"</form>"
        f'<section class="calc__results" aria-labelledby="calc-results-heading">'
        f'<h2 id="calc-results-heading">{escape(strings["calc_results_heading"])}</h2>'
        f'<dl class="calc__outputs">{outputs}</dl>'
        f'<p class="calc__limit"></p>'
        f'<p class="calc__verdict" aria-live="polite"></p>'
        f'<ul class="calc__warnings" aria-live="polite"></ul>'
        f'<h3>{escape(strings["calc_bar_heading"])}</h3>'
        f'<div class="calc__bar" aria-hidden="true">{bar}</div>'
        f'<ul class="calc__legend">{legend}</ul>'
        f'<p class="calc__actions"><button type="button" class="md-button calc__print" hidden>{escape(strings["calc_print"])}</button></p>'
        f"</section>"
        f'<script type="application/json" id="calculator-data">{data_json}</script>'
    )


def examples(call: dict, lang: str, strings: dict) -> Markup:
    """Worked examples computed at build time from the data: the rule without JavaScript."""
    rule = rule_of(call)
    money = lambda amount: escape(fmt.format_money(amount, lang))  # noqa: E731
    head = "".join(f'<th scope="col">{escape(strings[key])}</th>' for key in
                   ("calc_examples_costs", "calc_examples_support", "calc_examples_needed", "calc_examples_limit"))
    rows = "".join(
        f'<tr data-costs="{example.costs}"><td>{money(example.costs)}</td><td>{money(example.support)}</td>'
        f'<td>{money(example.cofinancing_needed)}</td><td>{escape(strings["calc_examples_limit_" + example.limit])}</td></tr>'
        for example in worked_examples(rule)
    )
    binds = fill_markup(strings["calc_cap_binds_from"], amount=money(cap_binds_from(rule)))
    return Markup(f'<p>{binds}</p><table class="calc-examples"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')
