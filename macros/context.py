"""Every name a page, and a text of the call, may use: facts, interface strings and macros.

One function makes them for one language from the prepared call, so the pages
(through the mkdocs hooks, macros/site_hooks.py), `make check` and the open data (call.json) see exactly
the same. Texts are rendered in the sandbox (macros/templating.py) with these
names and no others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from . import calculator, changes, downloads, eligibility, lifecycle, timeline
from . import formatting as fmt
from . import pieces as pc
from . import view
from .components import inline, render_component
from .call_data import display_path
from .languages import Language
from .instants import archived_instant, decided_instant, window_instants, withdrawn_instant
from .status import PHASES, SHOWN_AS, message_key, shown_in, status_of
from .messages import language_label
from .templating import Refused, render


@dataclass
class Recorder:
    """Which tools a page used while it rendered, so that it loads their scripts and styles."""

    tools: set = field(default_factory=set)

    def use(self, tool: str) -> None:
        self.tools.add(tool)


def window_data(call: dict) -> dict:
    """The call's window as status.js reads it, to compute the phase on the reader's clock."""
    window, decided_at = call["window"], decided_instant(call)
    opens_at, closes_at = window_instants(window)
    made = {"opensAt": opens_at.isoformat(), "closesAt": closes_at.isoformat(), "closesDate": window["closes"],
            "timeZone": window["time_zone"], "decidedAt": decided_at.isoformat() if decided_at else None}
    for key, instant in (("withdrawnAt", withdrawn_instant(call)), ("archivedAt", archived_instant(call))):
        if instant is not None:
            made[key] = instant.isoformat()
    return made


def status_sentence(call: dict, lang: Language, moment, strings: dict) -> tuple:
    """(the phase, the sentence that says it in pieces)."""
    window = call["window"]
    status = status_of(call, moment)
    decided = (call.get("outcome") or {}).get("decided")
    withdrawn = call.get("withdrawn")
    times = {
        "opens": pc.date(window["opens"], lang),
        "closes": pc.date(window["closes"], lang, window.get("closes_time")),
        "decided": pc.date(decided, lang) if decided else (),
        "withdrawn": pc.date(withdrawn, lang) if withdrawn else (),
        "archived": pc.date(call["archived"], lang) if call.get("archived") else (),
    }
    return status, pc.filled(strings[message_key(status)], days=status.days_left, **times)


def status_dates(call: dict, lang: Language) -> dict:
    """The dates a status sentence names, each as {datetime, text} (what status.js writes into <time>); None for one
    the call does not have."""
    window = call["window"]
    closes = window["closes"] + (f"T{window['closes_time']}" if window.get("closes_time") else "")
    days = {"decided": (call.get("outcome") or {}).get("decided"), "withdrawn": call.get("withdrawn"), "archived": call.get("archived")}
    return {"opens": {"datetime": window["opens"], "text": fmt.format_date(window["opens"], lang)},
            "closes": {"datetime": closes, "text": pc.plain_text(pc.date(window["closes"], lang, window.get("closes_time")))},
            **{name: {"datetime": day, "text": fmt.format_date(day, lang)} if day else None for name, day in days.items()}}


def status_view(call: dict, lang: Language, moment, easy_read: bool = False) -> dict:
    """The phase as of the build, and what status.js needs to recompute it. With easy_read, in the words
    of the language's easy-to-read page (its strings' easy_read group: status_upcoming, … in plain words)."""
    strings = {**lang.strings, **lang.easy_read_strings} if easy_read else lang.strings
    status, sentence = status_sentence(call, lang, moment, strings)
    text = inline(sentence)
    data = {
        "window": window_data(call),
        **status_dates(call, lang),
        "strings": {name: strings[name] for name in strings if name.startswith("status_") and name != "status_label"},
    }
    return {"state": status.state, "text": text, "data": view.script_json(data)}


# A phase without its own variant of a text says what the phase before it says.
PHASE_FALLBACK = {"upcoming": ("upcoming",), "open": ("open",), "closed": ("closed",), "decided": ("decided", "closed"),
                  **SHOWN_AS}


def prose_variants(texts: dict[str, str], name: str) -> dict[str, str]:
    """Which file says a text in each phase: name.closed.md where it exists (name.decided.md,
    or else name.closed.md, once decided), otherwise name.md."""
    chosen = {}
    for phase in PHASES:
        own = next((f"{name}.{variant}" for variant in PHASE_FALLBACK[phase] if f"{name}.{variant}" in texts), None)
        if own or name in texts:
            chosen[phase] = own or name
    return chosen


@dataclass(frozen=True)
class PhaseShow:
    """A part that holds in some phases only: the phases, and whether the build hides it (outside them)."""
    phases: str
    hidden: bool


def phase_attributes(phases: str, state: str) -> PhaseShow:
    """Kept true live by status.js from the reader's clock (data-call-status-show)."""
    wanted = [phase for phase in str(phases).split() if phase in PHASES]
    return PhaseShow(" ".join(wanted), not shown_in(wanted, state))


@dataclass(frozen=True)
class LanguageLink:
    href: str
    code: str
    name: str


def language_versions(languages, lang: Language) -> tuple[LanguageLink, ...]:
    """Links to the start page of every full language but this one, each in its own language."""
    up = "../" * lang.path.count("/")
    return tuple(LanguageLink(f"{up}{other.path}index.html", other.code, other.name) for other in languages.full if other != lang)


@dataclass(frozen=True)
class ProseVariant:
    """A text of the call in the phases it holds in (its Markdown, rendered in the sandbox)."""
    phases: str
    hidden: bool
    markdown: str


def draw(component: str, model) -> Markup:
    """A component drawn from its view model; nothing where the view has nothing to show."""
    return render_component(component, model=model) if model is not None else Markup("")


def site_page_context(call: dict, lang: Language) -> dict:
    """The names the site's own pages (mkdocs.yml `extra.site_pages`) may use: the site's facts (from any of its calls,
    which all have them from site.yml) and the interface strings; nothing of one call."""
    return {"site": view.site_facts(call, lang), "ui": {key: value for key, value in lang.strings.items() if isinstance(value, str)}}


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
        "in_phase": lambda phases: render_component("in_phase", model=phase_attributes(phases, status["state"])),
        "priority_areas": lambda: draw("definitions", view.priority_areas(call, lang)),
        "policy_documents": lambda: inline(view.policy_documents(call, lang)),
        "prioritised_efforts": lambda: draw("item_list", view.prioritised_efforts(call, lang)),
        "applicant_types": lambda: draw("item_list", view.applicant_types(call, lang)),
        "applicant_types_inline": lambda: inline(view.applicant_types_inline(call, lang)),
        "criteria": lambda required=True: draw("item_list", view.criteria(call, lang, required)),
        "cofinancing_forms": lambda: inline(view.cofinancing_forms(call, lang)),
        "glossary": lambda in_call=True: draw("definitions", view.glossary(call, lang, in_call)),
        "guidance": lambda page: draw("guidance", lifecycle.guidance(call, lang, page)),
        "language_versions": lambda: draw("language_versions", language_versions(languages, lang)),
        "timeline": lambda: draw("timeline", timeline.timeline(call, lang, moment)),
        "change_log": lambda: draw("change_log", changes.change_log(history, call, lang)),
        "notices": lambda: draw("notices", lifecycle.notices(call, lang)),
        "questions": lambda: draw("questions", lifecycle.questions(call, lang)),
        "latest_questions": lambda count=3: draw("latest_questions", lifecycle.latest_questions(call, lang, count)),
        "events": lambda: draw("meetings", lifecycle.events(call, lang, moment)),
        "decision": lambda: draw("decision", lifecycle.decision(call, lang)),
        "downloads": lambda *kinds: draw("downloads", downloads.links(lang, kinds or tuple(downloads.KINDS))),
        "calculator_form": tool("calculator", lambda: calculator.form(call, lang)),
        "calculator_examples": tool("calculator", lambda: draw("worked_examples", calculator.examples(call, lang))),
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
        variants = []
        for variant in dict.fromkeys(chosen.values()):
            phases = " ".join(phase for phase in PHASES if chosen.get(phase) == variant)
            variants.append(ProseVariant(phases, status["state"] not in phases.split(), render_prose(variant)))
        return render_component("prose_variants", model=tuple(variants))

    names["prose"] = prose
    return names

