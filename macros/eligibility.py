"""Draw the eligibility check (its form and answer area) and the preparation checklist.

Field names are the check's contract (also its URL parameters): applicant_type,
months, norrbotten. The answer is drawn by eligibility-page.js from what
eligibility.js concludes; what the call allows reaches them as JSON from call/.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from . import formatting as fmt
from .view import script_json, text

# Where each point of the answer rests: the section a reader can check it in.
SECTIONS = {"type": "who-can-apply.html", "months": "what-can-be-funded.html#project-length",
            "scope": "what-can-be-funded.html", "contact": "contact.html"}
OUTSIDE_TYPES = ("other", "private")


def _radio(name: str, value: str, label: Markup, index: int) -> str:
    return (f'<div class="elig__choice"><input type="radio" id="elig-{name}-{index}" name="{name}" value="{escape(value)}">'
            f'<label for="elig-{name}-{index}">{label}</label></div>')


def form(call: dict, lang: str, strings: dict) -> Markup:
    types = [(kind["id"], text(kind["name"], lang)) for kind in call["applicant_types"]]
    types += [(value, escape(strings[f"elig_type_{value}"])) for value in OUTSIDE_TYPES]
    type_choices = "".join(_radio("applicant_type", value, label, i) for i, (value, label) in enumerate(types))
    scope_choices = "".join(_radio("norrbotten", value, escape(strings[f"elig_{value}"]), i) for i, value in enumerate(("yes", "no")))
    data = {
        "lang": lang,
        "rules": {"applicantTypes": [kind["id"] for kind in call["applicant_types"]], "maxMonths": call["max_project_months"]},
        "typeNames": {kind["id"]: kind["name"][lang] for kind in call["applicant_types"]},
        "maxText": fmt.format_months(call["max_project_months"], lang),
        "sections": SECTIONS,
        "strings": dict({key: value for key, value in strings.items() if key.startswith("elig_")},
                        scope_fits=call["scope"]["fits"][lang], scope_does_not_fit=call["scope"]["does_not_fit"][lang]),
    }
    return Markup(
        f'<form class="elig" id="eligibility" novalidate>'
        f'<fieldset><legend>{escape(strings["elig_type_legend"])}</legend>{type_choices}</fieldset>'
        f'<div class="elig__field"><label for="elig-months">{escape(strings["elig_months_label"])}</label>'
        f'<p class="elig__hint" id="elig-months-hint">{escape(strings["elig_months_hint"])}</p>'
        f'<input id="elig-months" name="months" type="text" inputmode="numeric" autocomplete="off" '
        f'aria-describedby="elig-months-hint elig-months-error">'
        f'<p class="elig__error" id="elig-months-error" hidden></p></div>'
        f'<fieldset><legend>{text(call["scope"]["question"], lang)}</legend>{scope_choices}</fieldset>'
        f"</form>"
        f'<section class="elig__answer" aria-labelledby="elig-answer-heading">'
        f'<h2 id="elig-answer-heading">{escape(strings["elig_answer_heading"])}</h2>'
        f'<div class="elig__result" aria-live="polite"><p class="elig__overall">{escape(strings["elig_answer_incomplete"])}</p>'
        f'<ul class="elig__points"></ul></div>'
        f'<p class="elig__guidance">{escape(strings["elig_guidance"])}</p>'
        f"</section>"
        f'<script type="application/json" id="eligibility-data">{script_json(data)}</script>'
    )


def checklist(call: dict, lang: str, strings: dict) -> Markup:
    """The selection criteria as boxes to tick; the ticks live in the address (?done=id,id)."""
    groups = []
    for required, heading in ((True, "check_required_heading"), (False, "check_extra_heading")):
        items = "".join(
            f'<li><input type="checkbox" id="check-{escape(c["id"])}" name="done" value="{escape(c["id"])}">'
            f'<label for="check-{escape(c["id"])}">{text(c["text"], lang)}</label></li>'
            for c in call["selection_criteria"] if c["required"] == required
        )
        if items:
            groups.append(f'<fieldset><legend>{escape(strings[heading])}</legend><ul class="checklist__items">{items}</ul></fieldset>')
    data = {"strings": {key: value for key, value in strings.items() if key.startswith("check_")}}
    return Markup(
        f'<form class="checklist" id="checklist" novalidate>{"".join(groups)}</form>'
        f'<p class="checklist__progress" aria-live="polite"></p>'
        f'<p><button type="button" class="md-button checklist__print" hidden>{escape(strings["check_print"])}</button></p>'
        f'<script type="application/json" id="checklist-data">{script_json(data)}</script>'
    )
