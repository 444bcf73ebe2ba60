"""The funding rule as arithmetic: what the call can pay and what co-financing a plan needs.

Money in whole kronor, the rate in basis points (1 % = 100), so every result
is an exact integer: no 0.29 × 100 = 28.999… slips. The support is the lower of
the cap and rate × costs, rounded down to whole kronor.
overrides/assets/javascripts/calculator.js computes the same in the browser;
tests hold the two to each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    max_support_sek: int
    max_rate_basis_points: int


def max_support(costs: int, rule: Rule) -> int:
    return min(rule.max_support_sek, costs * rule.max_rate_basis_points // 10000)


def limiting_factor(costs: int, rule: Rule) -> str:
    """'cap' when the cap decides the support, 'rate' when the share of the costs does ('cap' on a tie)."""
    return "cap" if rule.max_support_sek <= costs * rule.max_rate_basis_points // 10000 else "rate"


def cap_binds_from(rule: Rule) -> int:
    """The smallest costs (whole kronor) at which the cap, not the rate, limits the support."""
    return -(-rule.max_support_sek * 10000 // rule.max_rate_basis_points)


@dataclass(frozen=True)
class WorkedExample:
    costs: int
    support: int
    cofinancing_needed: int
    limit: str


def worked_examples(rule: Rule) -> list[WorkedExample]:
    """Plans that show the rule: below, at and above the costs where the cap starts to bind."""
    binds = cap_binds_from(rule)
    candidates = sorted({_round_nice(binds // 2), _round_nice(binds * 3 // 4), binds, _round_nice(binds * 3 // 2), _round_nice(binds * 3)})
    return [WorkedExample(costs, max_support(costs, rule), costs - max_support(costs, rule), limiting_factor(costs, rule))
            for costs in candidates if costs > 0]


def _round_nice(amount: int) -> int:
    """Round to two significant figures, as a person would pick an example budget."""
    if amount < 100:
        return amount
    step = 10 ** (len(str(amount)) - 2)
    return round(amount / step) * step
