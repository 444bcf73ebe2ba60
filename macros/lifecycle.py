"""The call's life after publication: notices, questions and answers, information meetings,
the decision and its grants, and general guidance that is not the call's text.

Data in (call.yml's events and notices, questions.yml, outcome.yml, guidance.yml),
view models out, for one language; the components of the same names draw them.
Parts that hold only for a while carry a Bound (drawn as data-show-until /
data-show-from: status.js keeps them true to the reader's clock) and are hidden
by the build once their time has passed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import formatting as fmt
from . import pieces as pc
from .fact_texts import foreign_names
from .instants import day_start, local_instant, withdrawn_instant
from .languages import Language
from .pieces import Bound, Pieces
from .timeline import event_details, event_when
from .view import plain

NOTICE_DAYS = 30  # how long the newest notice shows on every page, unless the data says otherwise


# --- general guidance ------------------------------------------------------------------------------

@dataclass(frozen=True)
class GuidanceItem:
    """One piece of general guidance, with the source it rests on."""
    anchor: str
    paragraphs: tuple
    source: Pieces


@dataclass(frozen=True)
class Guidance:
    """The guidance meant for one page, in one box marked as general and not the call's text."""
    page: str
    label: str
    items: tuple


def guidance(call: dict, lang: Language, page: str) -> Guidance | None:
    """None when the data holds no guidance for the page."""
    entries = [entry for entry in call.get("guidance", []) if page in entry["pages"]]
    if not entries:
        return None
    strings = lang.strings
    return Guidance(page, strings["guidance_label"], tuple(
        GuidanceItem(f"guidance-{entry['id']}", pc.paragraphs(entry["text"], lang),
                     pc.filled(strings["guidance_source"], source=pc.named_link(entry["source"], lang)))
        for entry in entries))


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


@dataclass(frozen=True)
class Notice:
    anchor: str
    date: Pieces
    paragraphs: tuple


@dataclass(frozen=True)
class Notices:
    """Every notice, newest first (for the changes page); `none` says there is none."""
    items: tuple
    none: str


def notices(call: dict, lang: Language) -> Notices:
    names = foreign_names(call, lang)
    return Notices(tuple(Notice(f"notice-{key}", pc.date(notice["date"], lang), pc.paragraphs(notice["text"], lang, names))
                         for key, notice in notice_keys(call)), lang.strings["notices_none"])


@dataclass(frozen=True)
class WithdrawnNotice:
    """The funder's explanation of why it withdrew the call, under the status on every page from that day."""
    label: str
    paragraphs: tuple
    bound: Bound


def withdrawn_notice(call: dict, lang: Language, moment: dt.datetime) -> WithdrawnNotice | None:
    if not call.get("withdrawn"):
        return None
    return WithdrawnNotice(lang.strings["status_withdrawn_reason"], pc.paragraphs(call["withdrawn_reason"], lang, foreign_names(call, lang)),
                           pc.since(withdrawn_instant(call), moment))


@dataclass(frozen=True)
class NoticeBanner:
    """The newest notice at the top of every page while it is recent (notice_days)."""
    label: str
    date: Pieces
    paragraphs: tuple
    bound: Bound


def latest_notice(call: dict, lang: Language, moment: dt.datetime) -> NoticeBanner | None:
    found = sorted_notices(call)
    if not found or lang.code not in found[0]["text"]:
        return None
    notice = found[0]
    days = call.get("notice_days", NOTICE_DAYS)
    ends = day_start(call, notice["date"]) + dt.timedelta(days=days + 1)
    return NoticeBanner(lang.strings["notice_label"], pc.date(notice["date"], lang),
                        pc.paragraphs(notice["text"], lang, foreign_names(call, lang)), pc.until(ends, moment))


# --- questions and answers ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Question:
    """A question and its answer; the names its facts gave in another language marked as on every page."""
    anchor: str
    question: Pieces
    source: Pieces
    answer: tuple


@dataclass(frozen=True)
class QuestionGroup:
    """The questions of one topic; without topics, one group with no heading."""
    anchor: str
    heading: Pieces
    questions: tuple


@dataclass(frozen=True)
class Questions:
    """Every published question, grouped by topic, or what the page says while there are none."""
    groups: tuple
    none: str
    level: int  # the questions' heading level: 2 without topics, 3 under a topic's heading


def _question(question: dict, lang: Language, names: list[tuple[str, str]]) -> Question:
    return Question(f"q-{question['id']}", pc.mark_names(pc.text(question["question"], lang), names),
                    _question_source(question, lang), pc.paragraphs(question["answer"], lang, names))


def _question_source(question: dict, lang: Language) -> Pieces:
    """When the funder published the answer, or, for an answer the funder never published on a day, that it
    restates the call's text."""
    if question.get("published"):
        return pc.filled(lang.strings["question_published"], date=pc.date(question["published"], lang))
    return pc.words(lang.strings["question_from_call_text"])


def sorted_questions(call: dict) -> list[dict]:
    """Newest first; answers of one day in the order the file has them (the sort is stable); answers without a
    date (they restate the call's text) last, in the file's order."""
    return sorted(call.get("questions", []), key=lambda q: q.get("published") or "", reverse=True)


def questions(call: dict, lang: Language) -> Questions:
    """Every question, newest first, grouped by topic where topics exist (the topic with the
    newest question first; questions without a topic last)."""
    strings, found, names = lang.strings, sorted_questions(call), foreign_names(call, lang)
    if not any(q.get("topic") for q in found):
        groups = (QuestionGroup("", (), tuple(_question(q, lang, names) for q in found)),) if found else ()
        return Questions(groups, strings["questions_none"], 2)
    grouped: dict[str, list[dict]] = {}
    for question in found:
        key = plain(question["topic"], lang) if question.get("topic") else ""
        grouped.setdefault(key, []).append(question)
    groups = tuple(
        QuestionGroup(f"topic-{_slug(key or 'other')}",
                      pc.text(members[0]["topic"], lang) if key else pc.words(strings["questions_other_topic"]),
                      tuple(_question(q, lang, names) for q in members))
        for key, members in sorted(grouped.items(), key=lambda item: (item[0] == "", -_newest(item[1]))))
    return Questions(groups, strings["questions_none"], 3)


def _newest(members: list[dict]) -> int:
    return int(max(q.get("published") or "0" for q in members).replace("-", ""))


def _slug(value: str) -> str:
    """An anchor that keeps its letters (å, ä, ö, ü …): #topic-vem-kan-söka, never #topic-vem-kan-s-ka."""
    return re.sub(r"[\W_]+", "-", value.lower()).strip("-") or "topic"


@dataclass(frozen=True)
class LatestQuestion:
    """One of the newest questions: a link to its answer, and the day it was answered."""
    href: str
    question: Pieces
    date: Pieces


@dataclass(frozen=True)
class LatestQuestions:
    """The newest few questions the funder published, as links to their answers (for the start page)."""
    heading: str
    items: tuple


def latest_questions(call: dict, lang: Language, count: int) -> LatestQuestions | None:
    found = [q for q in sorted_questions(call) if q.get("published")][: max(0, int(count))]
    if not found:
        return None
    names = foreign_names(call, lang)
    return LatestQuestions(lang.strings["latest_questions_heading"], tuple(
        LatestQuestion(f"questions.html#q-{q['id']}", pc.mark_names(pc.text(q["question"], lang), names), pc.date(q["published"], lang))
        for q in found))


# --- information meetings -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Meeting:
    name: Pieces
    when: Pieces
    details: tuple  # EventPart
    bound: Bound


@dataclass(frozen=True)
class Meetings:
    """The meetings ahead (for the start page): each shows until it ends; the whole list until the last ends."""
    heading: str
    items: tuple
    bound: Bound


def events(call: dict, lang: Language, moment: dt.datetime) -> Meetings | None:
    meetings = sorted(call.get("events", []), key=lambda event: event["starts"])
    if not meetings:
        return None
    items = tuple(Meeting(pc.text(event["name"], lang), event_when(event, lang), event_details(call, event, lang, moment),
                          pc.until(local_instant(call, event["ends"]), moment)) for event in meetings)
    last_end = max(local_instant(call, event["ends"]) for event in meetings)
    return Meetings(lang.strings["events_heading"], items, pc.until(last_end, moment))


# --- the decision -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Grant:
    recipient: str
    org_number: str
    project: Pieces
    amount: str
    municipality: str


@dataclass(frozen=True)
class Decision:
    """What is known of the decision: nothing yet, the day it is expected, or the decision itself with the
    number of applications and every grant with their total (lines, then the grants' table and total)."""
    lines: tuple
    grants: tuple
    head: tuple
    caption: str
    total: Pieces


def decision(call: dict, lang: Language) -> Decision:
    strings, outcome = lang.strings, call.get("outcome") or {}
    if not outcome.get("decided"):
        if outcome.get("decision_expected"):
            line = pc.filled(strings["decision_expected"], date=pc.date(outcome["decision_expected"], lang))
        else:
            line = pc.words(strings["decision_none"])
        return Decision((line,), (), (), "", ())
    lines = [pc.filled(strings["decision_decided"], date=pc.date(outcome["decided"], lang))]
    found = outcome.get("grants", [])
    if "applications_received" in outcome:
        lines.append(pc.filled(strings["decision_applications"], count=fmt.format_number(outcome["applications_received"], lang),
                               granted=fmt.format_number(len(found), lang)))
    grants = tuple(Grant(g["recipient"]["name"], g["recipient"].get("org_number", ""), pc.text(g["project"], lang),
                         fmt.format_money(g["amount_sek"], lang), g.get("municipality", "–")) for g in found)
    total = pc.filled(strings["grants_total"], amount=fmt.format_money(sum(g["amount_sek"] for g in found), lang),
                      count=fmt.format_number(len(found), lang)) if found else ()
    head = tuple(strings[key] for key in ("grants_recipient", "grants_project", "grants_amount", "grants_municipality"))
    return Decision(tuple(lines), grants, head, strings["grants_caption"], total)
