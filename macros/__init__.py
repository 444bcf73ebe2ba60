"""The mkdocs-macros module: loads the validated call and gives pages what they need.

A page asks, it never types a fact: `{{ call.max_support }}` for a single fact,
`{{ applicant_types() }}` for a list, `{{ prose("background") }}` for a text
of the call. Everything is formatted for the page's language, which each build
sets in theme.language (sv at the site root, en under en/).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml
from markupsafe import Markup, escape

from . import calculator
from . import formatting as fmt
from . import view
from .calendar import CALENDAR_FILES, day_event
from .call_data import LANGUAGES, call_dir, load_call
from .history import read_history
from .status import build_moment, call_status, message_key

STRINGS_DIR = Path(__file__).with_name("strings")


def load_strings(lang: str) -> dict[str, str]:
    return yaml.safe_load((STRINGS_DIR / f"{lang}.yml").read_text(encoding="utf-8"))


def other_language(lang: str) -> str:
    return next(other for other in LANGUAGES if other != lang)


def hreflang_roots() -> list[dict[str, str]]:
    """Public addresses of both language roots, from SITE_URL (set by tools/build.py); empty without it."""
    root = os.environ.get("SITE_URL", "").strip()
    if not root:
        return []
    root = root.rstrip("/") + "/"
    return [{"lang": lang, "href": root if index == 0 else f"{root}{lang}/"} for index, lang in enumerate(LANGUAGES)]


def status_view(call: dict, lang: str, strings: dict, moment) -> dict:
    """The status as of the build, and what call-status.js needs to recompute it."""
    window = call["window"]
    status = call_status(window, moment)
    opens_at, closes_at = view.window_instants(window)
    dates = {key: {"datetime": window[key], "text": fmt.format_date(window[key], lang)} for key in ("opens", "closes")}
    text = str(escape(strings[message_key(status)])).replace("{days}", str(status.days_left))
    for name in ("opens", "closes"):
        text = text.replace("{" + name + "}", str(view.time_element(window[name], lang)))
    data = {
        "window": {"opensAt": opens_at.isoformat(), "closesAt": closes_at.isoformat(),
                   "closesDate": window["closes"], "timeZone": window["time_zone"]},
        "opens": dates["opens"], "closes": dates["closes"],
        "strings": {name: strings[name] for name in strings if name.startswith("status_") and name != "status_label"},
    }
    # "</" cannot end the script element early: JSON allows "<\/".
    return {"state": status.state, "text": Markup(text),
            "data": Markup(json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/"))}


def define_env(env):
    lang = env.conf["theme"]["language"]
    call = load_call()
    facts = view.facts(call, lang)
    strings = load_strings(lang)
    other = other_language(lang)

    env.variables["call"] = facts
    env.variables["ui"] = strings
    env.variables["lang"] = lang

    def prose(name: str) -> Markup:
        """A text of the call (call/text/LANG/NAME.md), rendered with the same facts.
        Raw HTML in it is shown as text: editors write Markdown, not markup."""
        source = call["text"][lang][name].replace("<", "&lt;")
        return Markup(env.env.from_string(source).render(**env.variables))

    env.macro(prose)
    env.macro(lambda: view.priority_areas(call, lang), "priority_areas")
    env.macro(lambda: view.policy_documents(call, lang), "policy_documents")
    env.macro(lambda: view.prioritised_efforts(call, lang), "prioritised_efforts")
    env.macro(lambda: view.applicant_types(call, lang), "applicant_types")
    env.macro(lambda: view.applicant_types_inline(call, lang), "applicant_types_inline")
    env.macro(lambda required=True: view.criteria(call, lang, required), "criteria")
    env.macro(lambda: view.cofinancing_forms(call, lang), "cofinancing_forms")
    env.macro(lambda: view.glossary(call, lang), "glossary")
    history = read_history(call_dir())
    env.macro(lambda: view.timeline(call, lang, strings, CALENDAR_FILES), "timeline")
    env.macro(lambda: view.change_log(history, lang, strings), "change_log")
    env.macro(lambda: calculator.form(call, lang, strings), "calculator_form")
    env.macro(lambda: calculator.examples(call, lang, strings), "calculator_examples")

    # Theme templates see config, not macro variables: hand them what they draw.
    env.conf["site_name"] = call["funder"]["name"][lang]
    env.conf["site_description"] = call["summary"][lang]
    other_strings = load_strings(other)
    env.conf["extra"]["alternate"] = {
        "lang": other,
        "name": other_strings["language_name"],
        "label": strings["other_language_link_label"],
        # sv lives at the root, en under en/: the same page in the other language.
        "prefix": "en/" if lang == "sv" else "../",
    }
    env.conf["extra"]["other_ui"] = other_strings
    env.conf["extra"]["hreflang"] = hreflang_roots()
    env.conf["extra"]["ui"] = strings
    env.conf["extra"]["call"] = facts
    env.conf["extra"]["status"] = status_view(call, lang, strings, build_moment())
    env.conf["extra"]["last_changed"] = view.last_changed(history, lang, strings)
    env.variables["status"] = env.conf["extra"]["status"]


def on_post_build(env):
    """Write the calendar files of this language's build (site/calendar/, site/en/calendar/)."""
    lang = env.conf["theme"]["language"]
    call, strings = load_call(), load_strings(lang)
    site_url = env.conf.get("site_url") or ""
    eservice = call["application"]["eservice"]["name"][lang]
    description = strings["calendar_description"].replace("{eservice}", eservice).replace("{url}", site_url or call["application"]["eservice"]["url"])
    for which, path in CALENDAR_FILES.items():
        summary = strings[f"calendar_{which}_summary"].replace("{title}", call["title"][lang])
        calendar = day_event(call, which, summary, description, build_moment(), site_url)
        target = Path(env.conf["site_dir"]) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(calendar.to_ical())
