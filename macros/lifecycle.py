"""The call's life after publication: notices, questions and answers, information meetings,
the decision and its grants, and general guidance that is not the call's text.

Data in (call.yml's events and notices, questions.yml, outcome.yml, guidance.yml),
HTML out, for one language. Parts that hold only for a while carry
data-show-until / data-show-from (status.js keeps them true to the reader's clock)
and are hidden by the build once their time has passed.
"""

from __future__ import annotations

import datetime as dt
import re

from markupsafe import Markup, escape

from . import formatting as fmt
from .languages import Language
from .fact_texts import foreign_names, mark_names
from .instants import day_start, local_instant
from .timeline import event_details, event_when, until
from .view import data_text, fill_markup, named_link, plain, table, text, time_element

NOTICE_DAYS = 30  # how long the newest notice shows on every page, unless the data says otherwise


def paragraphs(pair: dict, lang: Language) -> Markup:
    """A long text of the data as paragraphs (a blank line between them), escaped; marked with
    the authoritative language where this language keeps its wording."""
    value, mark = pair.get(lang.code), ""
    if value is None or (lang.code != lang.source and value == pair.get(lang.source)):
        value, mark = pair[lang.source], f' lang="{lang.source}"'
    blocks = [block.strip() for block in re.split(r"\n\s*\n", value) if block.strip()]
    return Markup("".join(f"<p{mark}>{data_text(block)}</p>" for block in blocks))


# --- general guidance ------------------------------------------------------------------------------

def guidance(call: dict, lang: Language, page: str) -> Markup:
    """The guidance meant for a page, in one box marked as general and not the call's text;
    nothing at all when the data holds none for the page."""
    entries = [entry for entry in call.get("guidance", []) if page in entry["pages"]]
    if not entries:
        return Markup("")
    strings = lang.strings
    items = "".join(
        f'<li id="guidance-{escape(entry["id"])}">{paragraphs(entry["text"], lang)}'
        f'<p class="call-guidance__source">{fill_markup(strings["guidance_source"], source=named_link(entry["source"], lang))}</p></li>'
        for entry in entries
    )
    label = f"guidance-{escape(page)}-label"
    return Markup(f'<aside class="call-guidance" aria-labelledby="{label}">'
                  f'<p class="call-guidance__label" id="{label}"><strong>{escape(strings["guidance_label"])}</strong></p>'
                  f'<ul class="call-guidance__items">{items}</ul></aside>')


def guidance_text(call: dict, guidance_id: str) -> dict | None:
    return next((entry for entry in call.get("guidance", []) if entry["id"] == guidance_id), None)


# --- notices -----------------------------------------------------------------------------------------

def sorted_notices(call: dict) -> list[dict]:
    return sorted(call.get("notices", []), key=lambda notice: notice["date"], reverse=True)


def notice_keys(call: dict) -> list[tuple[str, dict]]:
    """Each notice with a key that stays its own when others are added: its date and its place
    among the notices of that day, in the file's order ("2026-03-01-1"). Newest first."""
    keyed, seen = [], {}
    for notice in call.get("notices", []):
        seen[notice["date"]] = seen.get(notice["date"], 0) + 1
        keyed.append((f"{notice['date']}-{seen[notice['date']]}", notice))
    return sorted(keyed, key=lambda pair: pair[0], reverse=True)


def notices(call: dict, lang: Language) -> Markup:
    """Every notice, newest first (for the changes page)."""
    found = notice_keys(call)
    if not found:
        return Markup(f"<p>{escape(lang.strings['notices_none'])}</p>")
    names = foreign_names(call, lang)
    items = "".join(f'<li class="call-notice" id="notice-{escape(key)}">'
                    f'<p class="call-notice__date">{time_element(notice["date"], lang)}</p>'
                    f'{mark_names(paragraphs(notice["text"], lang), names)}</li>'
                    for key, notice in found)
    return Markup(f'<ul class="call-notices">{items}</ul>')


def latest_notice(call: dict, lang: Language, moment: dt.datetime) -> Markup:
    """The newest notice, for the top of every page while it is recent (notice_days)."""
    found = sorted_notices(call)
    if not found or lang.code not in found[0]["text"]:
        return Markup("")
    notice = found[0]
    days = call.get("notice_days", NOTICE_DAYS)
    ends = day_start(call, notice["date"]) + dt.timedelta(days=days + 1)
    label = escape(lang.strings["notice_label"])
    return Markup(f'<div class="call-notice-banner"{until(ends, moment)}><p><strong>{label}</strong> '
                  f'{time_element(notice["date"], lang)}</p>{mark_names(paragraphs(notice["text"], lang), foreign_names(call, lang))}</div>')


# --- questions and answers ----------------------------------------------------------------------------

def _question(question: dict, lang: Language, level: int, names: list[tuple[str, str]]) -> str:
    """A question and its answer; the names its facts gave in another language marked as on every page."""
    anchor = f"q-{escape(question['id'])}"
    return (f'<div class="call-question" id="{anchor}">'
            f'<h{level} class="call-question__heading">{mark_names(text(question["question"], lang), names)}</h{level}>'
            f'<p class="call-question__date">{_question_source(question, lang)}</p>'
            f"{mark_names(paragraphs(question['answer'], lang), names)}</div>")


def _question_source(question: dict, lang: Language) -> Markup:
    """When the funder published the answer, or, for an answer the funder never published on a day, that it
    restates the call's text."""
    if question.get("published"):
        return fill_markup(lang.strings["question_published"], date=time_element(question["published"], lang))
    return escape(lang.strings["question_from_call_text"])


def sorted_questions(call: dict) -> list[dict]:
    """Newest first; answers of one day in the order the file has them (the sort is stable); answers without a
    date (they restate the call's text) last, in the file's order."""
    return sorted(call.get("questions", []), key=lambda q: q.get("published") or "", reverse=True)


def questions(call: dict, lang: Language) -> Markup:
    """Every question, newest first, grouped by topic where topics exist (the topic with the
    newest question first; questions without a topic last)."""
    strings, found, names = lang.strings, sorted_questions(call), foreign_names(call, lang)
    if not found:
        return Markup(f"<p>{escape(strings['questions_none'])}</p>")
    if not any(q.get("topic") for q in found):
        return Markup("".join(_question(q, lang, 2, names) for q in found))
    groups: dict[str, list[dict]] = {}
    for question in found:
        key = plain(question["topic"], lang) if question.get("topic") else ""
        groups.setdefault(key, []).append(question)
    parts = []
    for key, members in sorted(groups.items(), key=lambda item: (item[0] == "", -_newest(item[1]))):
        heading = text(members[0]["topic"], lang) if key else escape(strings["questions_other_topic"])
        parts.append(f'<h2 id="topic-{escape(_slug(key or "other"))}">{heading}</h2>' + "".join(_question(q, lang, 3, names) for q in members))
    return Markup("".join(parts))


def _newest(members: list[dict]) -> int:
    return int(max(q.get("published") or "0" for q in members).replace("-", ""))


def _slug(value: str) -> str:
    """An anchor that keeps its letters (å, ä, ö, ü …): #topic-vem-kan-söka, never #topic-vem-kan-s-ka."""
    return re.sub(r"[\W_]+", "-", value.lower()).strip("-") or "topic"


def latest_questions(call: dict, lang: Language, count: int) -> Markup:
    """The newest few questions the funder published, as links to their answers (for the start page)."""
    found = [q for q in sorted_questions(call) if q.get("published")][: max(0, int(count))]
    if not found:
        return Markup("")
    names = foreign_names(call, lang)
    items = "".join(f'<li><a href="questions.html#q-{escape(q["id"])}">{mark_names(text(q["question"], lang), names)}</a> '
                    f'<span class="call-question__date">({time_element(q["published"], lang)})</span></li>' for q in found)
    heading = escape(lang.strings["latest_questions_heading"])
    return Markup(f'<section class="call-latest" aria-labelledby="call-latest-heading"><h2 id="call-latest-heading">{heading}</h2>'
                  f'<ul class="call-latest-questions">{items}</ul></section>')


# --- information meetings -------------------------------------------------------------------------------

def events(call: dict, lang: Language, moment: dt.datetime) -> Markup:
    """The meetings ahead (for the start page): each shows until it ends; the whole list until the last ends."""
    meetings = sorted(call.get("events", []), key=lambda event: event["starts"])
    if not meetings:
        return Markup("")
    strings = lang.strings
    items = "".join(
        f'<li class="call-event"{until(local_instant(call, event["ends"]), moment)}><strong>{text(event["name"], lang)}</strong>, '
        f'{event_when(event, lang)}<br><span class="call-event__details">{event_details(call, event, lang, moment)}</span></li>'
        for event in meetings
    )
    last_end = max(local_instant(call, event["ends"]) for event in meetings)
    return Markup(f'<section class="call-events" aria-labelledby="call-events-heading"{until(last_end, moment)}>'
                  f'<h2 id="call-events-heading">{escape(strings["events_heading"])}</h2><ul>{items}</ul></section>')


# --- the decision -----------------------------------------------------------------------------------------

def decision(call: dict, lang: Language) -> Markup:
    """What is known of the decision: nothing yet, the day it is expected, or the decision itself
    with the number of applications and every grant with their total."""
    strings, outcome = lang.strings, call.get("outcome") or {}
    if outcome.get("decided"):
        parts = [f"<p>{fill_markup(strings['decision_decided'], date=time_element(outcome['decided'], lang))}</p>"]
        grants = outcome.get("grants", [])
        if "applications_received" in outcome:
            parts.append(f"<p>{fill_markup(strings['decision_applications'], count=fmt.format_number(outcome['applications_received'], lang), granted=fmt.format_number(len(grants), lang))}</p>")
        if grants:
            rows = [[data_text(g["recipient"]["name"]) + (Markup(f' <span class="call-grant__org">({escape(g["recipient"]["org_number"])})</span>') if g["recipient"].get("org_number") else Markup("")),
                     text(g["project"], lang), escape(fmt.format_money(g["amount_sek"], lang)), data_text(g.get("municipality", "–"))]
                    for g in grants]
            total = sum(g["amount_sek"] for g in grants)
            head = [strings[key] for key in ("grants_recipient", "grants_project", "grants_amount", "grants_municipality")]
            parts.append(table(head, rows, strings["grants_caption"], "call-grants"))
            parts.append(f'<p class="call-grants__total">{fill_markup(strings["grants_total"], amount=fmt.format_money(total, lang), count=fmt.format_number(len(grants), lang))}</p>')
        return Markup("".join(parts))
    if outcome.get("decision_expected"):
        return Markup(f"<p>{fill_markup(strings['decision_expected'], date=time_element(outcome['decision_expected'], lang))}</p>")
    return Markup(f"<p>{escape(strings['decision_none'])}</p>")
