"""Every name a page, and a text of the call, may use: facts, interface strings and macros.

One function makes them for one language, so the pages (through mkdocs-macros)
and the open data (call.json, rendered outside mkdocs) see exactly the same.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup

from . import calculator, eligibility
from . import formatting as fmt
from . import view
from .calendar import CALENDAR_FILES
from .status import call_status, message_key

STRINGS_DIR = Path(__file__).with_name("strings")


def load_strings(lang: str) -> dict:
    return yaml.safe_load((STRINGS_DIR / f"{lang}.yml").read_text(encoding="utf-8"))


def status_view(call: dict, lang: str, strings: dict, moment) -> dict:
    """The status as of the build, and what call-status.js needs to recompute it."""
    window = call["window"]
    status = call_status(window, moment)
    opens_at, closes_at = view.window_instants(window)
    text = view.fill_markup(strings[message_key(status)], days=status.days_left,
                            opens=view.time_element(window["opens"], lang), closes=view.time_element(window["closes"], lang))
    data = {
        "window": {"opensAt": opens_at.isoformat(), "closesAt": closes_at.isoformat(),
                   "closesDate": window["closes"], "timeZone": window["time_zone"]},
        "opens": {"datetime": window["opens"], "text": fmt.format_date(window["opens"], lang)},
        "closes": {"datetime": window["closes"], "text": fmt.format_date(window["closes"], lang)},
        "strings": {name: strings[name] for name in strings if name.startswith("status_") and name != "status_label"},
    }
    return {"state": status.state, "text": text, "data": view.script_json(data)}


def page_context(call: dict, lang: str, history, moment) -> dict:
    """The names for one language: values, and macros (callables) that draw the call's lists and tools."""
    strings = load_strings(lang)
    names: dict = {
        "call": view.facts(call, lang),
        "ui": strings,
        "lang": lang,
        "status": status_view(call, lang, strings, moment),
        "priority_areas": lambda: view.priority_areas(call, lang),
        "policy_documents": lambda: view.policy_documents(call, lang),
        "prioritised_efforts": lambda: view.prioritised_efforts(call, lang),
        "applicant_types": lambda: view.applicant_types(call, lang),
        "applicant_types_inline": lambda: view.applicant_types_inline(call, lang),
        "criteria": lambda required=True: view.criteria(call, lang, required),
        "cofinancing_forms": lambda: view.cofinancing_forms(call, lang),
        "glossary": lambda: view.glossary(call, lang),
        "timeline": lambda: view.timeline(call, lang, strings, CALENDAR_FILES),
        "change_log": lambda: view.change_log(history, lang, strings),
        "calculator_form": lambda: calculator.form(call, lang, strings),
        "calculator_examples": lambda: calculator.examples(call, lang, strings),
        "eligibility_form": lambda: eligibility.form(call, lang, strings),
        "checklist": lambda: eligibility.checklist(call, lang, strings),
    }

    def prose(name: str) -> Markup:
        """A text of the call (call/text/LANG/NAME.md), its Jinja rendered with these same names.
        Raw HTML in it is shown as text: editors write Markdown, not markup."""
        source = call["text"][lang][name].replace("<", "&lt;")
        environment = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
        return Markup(environment.from_string(source).render(**names))

    names["prose"] = prose
    return names
