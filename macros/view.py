"""The call's facts and lists as view models for one language: data in, pieces and lists out.

Every function takes the call (or a part of it) and the page's Language, and
returns plain data (macros/pieces.py); the components draw it
(overrides/components/, through macros/components.py). A text that a language
keeps in the authoritative language (the e-service's Swedish name) is marked
with that language, so screen readers pronounce it right.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import Markup

from . import formatting as fmt
from . import pieces as pc
from .components import inline
from .fact_table import FACTS, SITE_FACTS, Fact, value_at
from .languages import Language
from .pieces import Pieces, Words


def script_json(data) -> Markup:
    """JSON to embed in <script type="application/json">: <, > and & are escaped as \\u003c,
    \\u003e and \\u0026, so no text can end the element or open a comment inside it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def plain(pair: dict, lang: Language) -> str:
    """One text of the data without markup: for attributes, feeds and open data."""
    return pair.get(lang.code) or pair[lang.source]


def contact_parts(person: dict, lang: Language) -> list[Pieces]:
    """A contact's name, e-mail, phone and page, as far as the data gives them."""
    parts = []
    if person.get("name"):
        parts.append(pc.words(person["name"]))
    if person.get("email"):
        parts.append(pc.email(person["email"]))
    if person.get("phone"):
        parts.append(pc.phone(person["phone"], lang))
    if person.get("url"):
        parts.append(pc.link(person["url"], person["url"].split("://", 1)[1].rstrip("/")))
    return parts


def role_contact(call: dict, role: str, lang: Language) -> Pieces:
    """Who answers for a role (personal data, accessibility): the contact the data names for it,
    else the funder's general contact, else the funder by name. Never a person the data did not
    name for the role."""
    person = (call.get("role_contacts") or {}).get(role) or call["funder"].get("contact") or {}
    parts = contact_parts(person, lang)
    funder = pc.text(call["funder"]["name"], lang)
    if not parts:
        return funder
    if not person.get("name"):
        parts.insert(0, funder)
    return pc.joined(parts, ", ")


def guidelines(call: dict, lang: Language) -> Pieces:
    """The funder's guidelines: a link where the data has their address, else named in full."""
    found = call["funding"].get("guidelines")
    if not found:
        return ()
    if found.get("url"):
        return pc.named_link(found, lang)
    return (*pc.text(call["funder"]["name_genitive"], lang), Words(" "), *pc.text(found["name"], lang))


def fact_pieces(fact: Fact, call: dict, lang: Language) -> Pieces | str:
    """One fact of the table (macros/fact_table.py) as a page says it, by its kind; empty where the data has none.
    A keyword that pages only test (kinds "value" and "speaks_language") is plain text."""
    value, kind = value_at(call, fact.path), fact.kind
    if kind == "guidelines":
        return guidelines(call, lang)
    if kind == "role_contact":
        return role_contact(call, fact.path.rpartition(".")[2], lang)
    if kind == "speaks_language":  # a keyword pages test ({% if … == "yes" %}), never shown
        return "yes" if lang.code in (value or []) else ""
    if kind == "value":
        return "" if value is None else value
    if value is None or value == "":
        return ()
    if kind == "text":
        return pc.text(value, lang)
    if kind in ("money", "money_in_words"):
        return pc.formatted(fmt.format_money(value, lang, in_words=kind == "money_in_words"))
    if kind in ("percent", "percent_in_words"):
        return pc.formatted(fmt.format_percent(value, lang, in_words=kind == "percent_in_words"))
    if kind == "months":
        return pc.formatted(fmt.format_months(value, lang))
    if kind == "date":
        return pc.date(value, lang)
    if kind == "closing_date":
        return pc.date(value, lang, call["window"].get("closes_time"))
    if kind == "time":
        return pc.formatted(fmt.format_time(value, lang))
    if kind == "named_link":
        return pc.named_link(value, lang)
    if kind == "choice":
        return pc.quoted(pc.in_source_language(value, lang), lang)
    if kind == "person":
        return pc.words(value)
    if kind == "email":
        return pc.email(value)
    if kind == "phone":
        return pc.phone(value, lang)
    if kind == "complaint_link":
        return pc.link(value, value.split("://", 1)[1])
    raise ValueError(f"a fact of an unknown kind: {kind}")


def facts(call: dict, lang: Language) -> dict[str, Markup | str]:
    """The call's single facts, drawn for the page: `{{ call.max_support }}` in a page."""
    drawn = {}
    for fact in FACTS:
        found = fact_pieces(fact, call, lang)
        drawn[fact.name] = found if isinstance(found, str) else inline(found)
    return drawn


def plain_facts(call: dict, lang: Language) -> dict[str, str]:
    """The same facts as plain text (no <time>, no links): what a resolved text of the data says."""
    found = {fact.name: fact_pieces(fact, call, lang) for fact in FACTS}
    return {name: value if isinstance(value, str) else pc.plain_text(value) for name, value in found.items()}


# The facts that are the site's (site.yml), not a call's: what the site's own pages may ask for (`{{ site.funder }}`).
SITE_FACT_TABLE = tuple(fact for fact in FACTS if fact.path.split(".")[0] in SITE_FACTS)


def site_facts(call: dict, lang: Language, plain: bool = False) -> dict[str, Markup | str]:
    """The site's facts, drawn (or as plain text), from any call of the site: every call has them from site.yml alike."""
    drawn = {}
    for fact in SITE_FACT_TABLE:
        found = fact_pieces(fact, call, lang)
        drawn[fact.name] = found if isinstance(found, str) else (pc.plain_text(found) if plain else inline(found))
    return drawn


# --- the call's lists --------------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemList:
    """A bulleted list: each item's pieces."""
    items: tuple
    css_class: str = ""


@dataclass(frozen=True)
class Definition:
    term: Pieces
    definition: Pieces
    anchor: str = ""


@dataclass(frozen=True)
class Definitions:
    """Terms and what they mean (priority areas, the glossary)."""
    rows: tuple
    css_class: str


def priority_areas(call: dict, lang: Language) -> Definitions:
    return Definitions(tuple(Definition(pc.words(area["id"]), pc.text(area["text"], lang)) for area in call["priority_areas"]),
                       "call-priorities")


def policy_documents(call: dict, lang: Language) -> Pieces:
    return pc.listed([pc.named_link(document, lang) for document in call["policy_documents"]], lang)


def cofinancing_forms(call: dict, lang: Language) -> Pieces:
    return pc.listed([pc.text(form["name"], lang) for form in call["funding"]["cofinancing_forms"]], lang, style="or")


def prioritised_efforts(call: dict, lang: Language) -> ItemList:
    return ItemList(tuple(pc.text(effort["text"], lang) for effort in call["prioritised_efforts"]))


def applicant_types(call: dict, lang: Language) -> ItemList:
    return ItemList(tuple(pc.text(kind["name"], lang) for kind in call["applicant_types"]), "call-applicants")


def applicant_types_inline(call: dict, lang: Language) -> Pieces:
    """'Företag, branschorganisationer … och myndigheter': the list as one phrase."""
    names = [pc.text(kind["name"], lang) for kind in call["applicant_types"]]
    return pc.listed([names[0]] + [pc.lower_first(name) for name in names[1:]], lang)


def criteria(call: dict, lang: Language, required: bool) -> ItemList:
    return ItemList(tuple(pc.text(c["text"], lang) for c in call["selection_criteria"] if c["required"] == required))


def glossary(call: dict, lang: Language, in_call: bool) -> Definitions | None:
    rows = []
    for entry in call["glossary"]:
        if entry["in_call"] != in_call:
            continue
        term = pc.text(entry["term"], lang)
        source = entry["term"][lang.source]
        if lang.code != lang.source and entry["term"].get(lang.code, source) != source:
            term = (*term, Words(" ("), Words(source, lang.source), Words(")"))
        rows.append(Definition(term, pc.text(entry["definition"], lang), f"term-{entry['id']}"))
    return Definitions(tuple(rows), "call-glossary") if rows else None

