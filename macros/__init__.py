"""The mkdocs-macros module: loads the validated call and gives pages what they need.

A page asks, it never types a fact: `{{ call.max_support }}` for a single fact,
`{{ applicant_types() }}` for a list, `{{ prose("background") }}` for a text
of the call. Everything is formatted for the page's language, which each build
sets in theme.language (sv at the site root, en under en/).
"""

from __future__ import annotations

import os
from pathlib import Path

from markupsafe import escape

from . import view
from .calendar import CALENDAR_FILES, day_event
from .call_data import LANGUAGES, call_dir, load_call
from .context import load_strings, page_context
from .formatting import fill_template
from .history import read_history
from .status import build_moment
from .structured_data import monetary_grant


def other_language(lang: str) -> str:
    return next(other for other in LANGUAGES if other != lang)


def hreflang_roots() -> list[dict[str, str]]:
    """Public addresses of both language roots, from SITE_URL (set by tools/build.py); empty without it."""
    root = os.environ.get("SITE_URL", "").strip()
    if not root:
        return []
    root = root.rstrip("/") + "/"
    return [{"lang": lang, "href": root if index == 0 else f"{root}{lang}/"} for index, lang in enumerate(LANGUAGES)]


def define_env(env):
    lang = env.conf["theme"]["language"]
    call = load_call()
    history = read_history(call_dir())
    names = page_context(call, lang, history, build_moment())
    for name, value in names.items():
        if callable(value):
            env.macro(value, name)
        else:
            env.variables[name] = value
    strings, facts = names["ui"], names["call"]
    other = other_language(lang)

    # Theme templates see config, not macro variables: hand them what they draw.
    # Escaped once here: Material prints site_name unescaped in places, and a Markup
    # value passes its own `| e` unchanged.
    env.conf["site_name"] = escape(call["funder"]["name"][lang])
    env.conf["site_description"] = escape(call["summary"][lang])
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
    env.conf["extra"]["status"] = names["status"]
    env.conf["extra"]["last_changed"] = view.last_changed(history, lang, strings)
    env.conf["extra"]["jsonld"] = monetary_grant(call, lang, strings, env.conf.get("site_url") or "")
    env.conf["extra"]["og_locale"] = {"self": strings["og_locale"], "other": other_strings["og_locale"]}


def on_post_build(env):
    """Write the calendar files of this language's build (site/calendar/, site/en/calendar/)."""
    lang = env.conf["theme"]["language"]
    call, strings = load_call(), load_strings(lang)
    site_url = env.conf.get("site_url") or ""
    eservice = call["application"]["eservice"]["name"][lang]
    description = fill_template(strings["calendar_description"], eservice=eservice,
                                url=site_url or call["application"]["eservice"]["url"])
    for which, path in CALENDAR_FILES.items():
        summary = fill_template(strings[f"calendar_{which}_summary"], title=call["title"][lang])
        calendar = day_event(call, which, summary, description, build_moment(), site_url)
        target = Path(env.conf["site_dir"]) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(calendar.to_ical())
