"""The eligibility check's parameters and rule, and the preparation checklist's.

Field names are the check's contract (also its URL parameters): applicant_type,
months, scope. The check decides only what the call decides: an applicant type
the call lists is "yes", any other (a private person included) is "ask the
contact", a project longer than the call allows is "no", and so is a project
outside what the call funds (the call's own words, from `scope` in call.yml).
The verdicts are computed here and written into the page's JSON, so
eligibility.js holds no rule of its own. It never tests the selection criteria,
and says so.
"""

from __future__ import annotations

from markupsafe import Markup

from . import formatting as fmt
from .languages import Language
from .number_format import format_contract, input_words
from .components import render_tool
from .pieces import text, words
from .view import plain, script_json

# Where each point of the answer rests: the section a reader can check it in.
SECTIONS = {"type": "who-can-apply.html", "months": "what-can-be-funded.html#project-length",
            "scope": "what-can-be-funded.html", "contact": "contact.html"}
OUTSIDE_TYPES = ("other", "private")
MAX_INPUT_CHARS = 20


def type_verdicts(call: dict) -> dict[str, str]:
    """Each choice of organisation and what the call says of it: listed, or ask."""
    verdicts = {kind["id"]: "yes" for kind in call["applicant_types"]}
    verdicts.update({value: "ask" for value in OUTSIDE_TYPES})
    return verdicts


def months_verdict(call: dict, months: int) -> str:
    return "yes" if months <= call["max_project_months"] else "no"


def contract(call: dict, lang: Language) -> dict:
    strings = lang.strings
    return {
        "rules": {"types": type_verdicts(call), "maxMonths": call["max_project_months"],
                  "scope": {"yes": "yes", "no": "no"}, "monthWords": input_words(lang)["months"]},
        "maxInputChars": MAX_INPUT_CHARS,
        "typeNames": {kind["id"]: plain(kind["name"], lang) for kind in call["applicant_types"]},
        "maxText": fmt.format_months(call["max_project_months"], lang),
        "format": format_contract(lang),
        "sections": SECTIONS,
        "strings": dict({key: value for key, value in strings.items() if key.startswith("elig_") and isinstance(value, str)},
                        scope_fits=plain(call["scope"]["fits"], lang), scope_does_not_fit=plain(call["scope"]["does_not_fit"], lang)),
    }


def form(call: dict, lang: Language, state: str) -> Markup:
    strings = lang.strings
    types = [{"value": kind["id"], "label": text(kind["name"], lang)} for kind in call["applicant_types"]]
    types += [{"value": value, "label": words(strings[f"elig_type_{value}"])} for value in OUTSIDE_TYPES]
    return render_tool(
        "eligibility/eligibility.html",
        ui=strings,
        types=types,
        scope_question=text(call["scope"]["question"], lang),
        not_tested=[text(c["text"], lang) for c in call["selection_criteria"] if c["required"]],
        closed_hidden=state not in ("closed", "decided"),
        data=script_json(contract(call, lang)),
    )


def checklist(call: dict, lang: Language) -> Markup:
    """The selection criteria as boxes to tick; the ticks live in the address (?done=id,id)."""
    strings = lang.strings
    groups = []
    for required, heading in ((True, "check_required_heading"), (False, "check_extra_heading")):
        items = [{"id": c["id"], "text": text(c["text"], lang)} for c in call["selection_criteria"] if c["required"] == required]
        if items:
            groups.append({"heading": strings[heading], "items": items})
    data = {"strings": {key: value for key, value in strings.items() if key.startswith("check_") and isinstance(value, str)}}
    return render_tool("checklist/checklist.html", ui=strings, groups=groups, data=script_json(data))
