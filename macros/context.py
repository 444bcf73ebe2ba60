"""Every name a page, and a text of the call, may use: facts, interface strings and macros.

One function makes them for one language from the prepared call, so the pages
(through mkdocs-macros), `make check` and the open data (call.json) see exactly
the same. Texts are rendered in the sandbox (macros/templating.py) with these
names and no others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

from . import calculator, changes, downloads, eligibility, lifecycle, timeline
from . import formatting as fmt
from . import view
from .call_data import display_path
from .languages import Language
from .instants import decided_instant, window_instants
from .status import PHASES, call_status, message_key
from .messages import language_label
from .templating import Refused, render


@dataclass
class Recorder:
    """Which tools a page used while it rendered, so that it loads their scripts and styles."""

    tools: set = field(default_factory=set)

    def use(self, tool: str) -> None:
        self.tools.add(tool)


def status_view(call: dict, lang: Language, moment, easy_read: bool = False) -> dict:
    """The phase as of the build, and what status.js needs to recompute it. With easy_read, in the words
    of the language's easy-to-read page (its strings' easy_read group: status_upcoming, … in plain words)."""
    window = call["window"]
    strings = {**lang.strings, **lang.easy_read_strings} if easy_read else lang.strings
    decided_at = decided_instant(call)
    status = call_status(window, moment, decided_at)
    opens_at, closes_at = window_instants(window)
    decided = (call.get("outcome") or {}).get("decided")
    times = {
        "opens": view.time_element(window["opens"], lang),
        "closes": view.time_element(window["closes"], lang, window.get("closes_time")),
        "decided": view.time_element(decided, lang) if decided else Markup(""),
    }
    text = view.fill_markup(strings[message_key(status)], days=status.days_left, **times)
    closes_stamp = window["closes"] + (f"T{window['closes_time']}" if window.get("closes_time") else "")
    data = {
        "window": {"opensAt": opens_at.isoformat(), "closesAt": closes_at.isoformat(), "closesDate": window["closes"],
                   "timeZone": window["time_zone"], "decidedAt": decided_at.isoformat() if decided_at else None},
        "opens": {"datetime": window["opens"], "text": fmt.format_date(window["opens"], lang)},
        "closes": {"datetime": closes_stamp, "text": view.time_element(window["closes"], lang, window.get("closes_time")).striptags()},
        "decided": {"datetime": decided, "text": fmt.format_date(decided, lang)} if decided else None,
        "strings": {name: strings[name] for name in strings if name.startswith("status_") and name != "status_label"},
    }
    return {"state": status.state, "text": text, "data": view.script_json(data)}


# A phase without its own variant of a text says what the phase before it says.
PHASE_FALLBACK = {"upcoming": ("upcoming",), "open": ("open",), "closed": ("closed",), "decided": ("decided", "closed")}


def prose_variants(texts: dict[str, str], name: str) -> dict[str, str]:
    """Which file says a text in each phase: name.closed.md where it exists (name.decided.md,
    or else name.closed.md, once decided), otherwise name.md."""
    chosen = {}
    for phase in PHASES:
        own = next((f"{name}.{variant}" for variant in PHASE_FALLBACK[phase] if f"{name}.{variant}" in texts), None)
        if own or name in texts:
            chosen[phase] = own or name
    return chosen


def phase_attributes(phases: str, state: str) -> Markup:
    """Attributes of a part that holds in some phases only ("upcoming open"): hidden by the build
    outside them, and kept so live by status.js from the reader's clock."""
    wanted = [phase for phase in str(phases).split() if phase in PHASES]
    return Markup(f' data-call-status-show="{escape(" ".join(wanted))}"{view.hidden_at_build(state in wanted)}')


def language_versions(languages, lang: Language) -> Markup:
    """Links to the start page of every full language but this one, each in its own language."""
    up = "../" * lang.path.count("/")
    links = [f'<a href="{up}{other.path}index.html" hreflang="{other.code}" lang="{other.code}">{escape(other.name)}</a>'
             for other in languages.full if other != lang]
    return Markup(" · ".join(links))


def page_context(call: dict, lang: Language, history, moment, folder: Path, recorder: Recorder | None = None,
                 site_url: str = "", languages=None) -> dict:
    """The names for one language: values, and macros (callables) that draw the call's lists and tools."""
    recorder = recorder or Recorder()
    strings = lang.strings
    status = status_view(call, lang, moment)

    def tool(name: str, draw):
        def macro(*args, **kwargs):
            recorder.use(name)
            return draw(*args, **kwargs)
        return macro

    names: dict = {
        "call": view.facts(call, lang),
        "ui": {key: value for key, value in strings.items() if isinstance(value, str)},
        "status": {"state": status["state"]},
        "in_phase": lambda phases: phase_attributes(phases, status["state"]),
        "priority_areas": lambda: view.priority_areas(call, lang),
        "policy_documents": lambda: view.policy_documents(call, lang),
        "prioritised_efforts": lambda: view.prioritised_efforts(call, lang),
        "applicant_types": lambda: view.applicant_types(call, lang),
        "applicant_types_inline": lambda: view.applicant_types_inline(call, lang),
        "criteria": lambda required=True: view.criteria(call, lang, required),
        "cofinancing_forms": lambda: view.cofinancing_forms(call, lang),
        "glossary": lambda in_call=True: view.glossary(call, lang, in_call),
        "guidance": lambda page: lifecycle.guidance(call, lang, page),
        "language_versions": lambda: language_versions(languages, lang),
        "timeline": lambda: timeline.timeline(call, lang, moment),
        "change_log": lambda: changes.change_log(history, call, lang),
        "notices": lambda: lifecycle.notices(call, lang),
        "questions": lambda: lifecycle.questions(call, lang),
        "latest_questions": lambda count=3: lifecycle.latest_questions(call, lang, count),
        "events": lambda: lifecycle.events(call, lang, moment),
        "decision": lambda: lifecycle.decision(call, lang),
        "downloads": lambda *kinds: downloads.links(lang, kinds or tuple(downloads.KINDS)),
        "calculator_form": tool("calculator", lambda: calculator.form(call, lang)),
        "calculator_examples": tool("calculator", lambda: calculator.examples(call, lang)),
        "eligibility_form": tool("eligibility", lambda: eligibility.form(call, lang, status["state"])),
        "checklist": tool("checklist", lambda: eligibility.checklist(call, lang)),
    }
    text_dir = folder / "text" / lang.code

    def prose_file(variant: str) -> Path:
        return text_dir / f"{variant}.md"

    def render_prose(variant: str) -> Markup:
        # Raw HTML in a text is shown as text: editors write Markdown, not markup.
        source = call["text"][lang.code][variant].replace("<", "&lt;")
        own_names = {key: value for key, value in names.items() if key != "prose"}
        return render(source, own_names, display_path(prose_file(variant)), html_allowed=False)

    def prose(name: str) -> Markup:
        """A text of the call (call/text/LANG/NAME.md), rendered with these same names. Where the
        text has phase variants (NAME.closed.md, NAME.decided.md), each shows in its phases only."""
        texts = call["text"].get(lang.code, {})
        chosen = prose_variants(texts, name)
        if not chosen:
            known = sorted({key.split(".")[0] for key in texts})
            raise Refused("prose_unknown", name=name, known=", ".join(known) or "–", language=language_label(lang.code, lang.name))
        if len(set(chosen.values())) == 1:
            return render_prose(next(iter(chosen.values())))
        parts = []
        for variant in dict.fromkeys(chosen.values()):
            phases = " ".join(phase for phase in PHASES if chosen.get(phase) == variant)
            hidden = view.hidden_at_build(status["state"] in phases.split())
            parts.append(f'<div markdown="1" data-call-status-show="{escape(phases)}"{hidden}>\n\n'
                         f"{render_prose(variant)}\n\n</div>")
        return Markup("\n\n".join(parts))

    names["prose"] = prose
    return names

