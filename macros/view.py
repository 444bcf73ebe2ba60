"""Draw the validated call as HTML fragments for one language.

Data in, HTML out: every function takes the call (or a part of it) and the
page's Language, and returns Markup. Every text from the data is escaped, so
markup typed into the data is shown as text and never run. A text that a
language keeps in the authoritative language (the e-service's Swedish name)
carries that language's lang attribute, so screen readers pronounce it right.
"""

from __future__ import annotations

import json

from markupsafe import Markup, escape

from . import formatting as fmt
from .fact_table import FACTS, Fact, value_at
from .languages import Language


def script_json(data) -> Markup:
    """JSON to embed in <script type="application/json">: <, > and & are escaped as \\u003c,
    \\u003e and \\u0026, so no text can end the element or open a comment inside it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


# Characters Markdown reads as markup inside a line (links, images, emphasis, code, attribute lists,
# escapes, tables), and at the start of one (headings, lists, quotes, definitions).
MARKDOWN_INLINE = str.maketrans({char: f"&#{ord(char)};" for char in "[]!*_`{}\\|~"})
MARKDOWN_LINE_START = "#-+>:="


def data_text(value) -> Markup:
    """A one-line text of the data as plain text: HTML-escaped, and every character Markdown would
    read as markup written as a character reference, so that a title with [a link](…), an image or
    `{: .class }` shows exactly those characters and becomes no markup."""
    escaped = str(escape(value)).translate(MARKDOWN_INLINE)
    stripped = escaped.lstrip()
    lead = len(escaped) - len(stripped)
    if stripped and stripped[0] in MARKDOWN_LINE_START:
        escaped = escaped[:lead] + f"&#{ord(stripped[0])};" + stripped[1:]
    else:
        digits = len(stripped) - len(stripped.lstrip("0123456789"))
        if digits and stripped[digits:digits + 1] in (".", ")"):
            escaped = escaped[:lead + digits] + f"&#{ord(stripped[digits])};" + stripped[digits + 1:]
    return Markup(escaped)


def hidden_at_build(shown: bool) -> str:
    """The attributes of a part the build hides (another phase's text, a meeting already held): hidden, and
    left out of the search index (Material's data-search-exclude), so that a search on a closed call never
    offers "apply now". The reader's clock shows it again where it holds (status.js)."""
    return "" if shown else " hidden data-search-exclude"


def text(pair: dict, lang: Language) -> Markup:
    """One text of the data in the page's language. Where the language has none, or keeps the
    authoritative wording, it is shown in the authoritative language and marked as such."""
    value = pair.get(lang.code)
    source = pair.get(lang.source)
    if value is None or (lang.code != lang.source and value == source):
        return Markup(f'<span lang="{lang.source}">{data_text(source)}</span>')
    return data_text(value)


def plain(pair: dict, lang: Language) -> str:
    """The same text without markup: for attributes, feeds and open data."""
    return pair.get(lang.code) or pair[lang.source]


def in_source_language(value: str, lang: Language) -> Markup:
    """A text that is in the authoritative language on every page (a choice in a Swedish e-service)."""
    if lang.code == lang.source:
        return data_text(value)
    return Markup(f'<span lang="{lang.source}">{data_text(value)}</span>')


def quoted(value: Markup, lang: Language) -> Markup:
    opening, closing = lang.formats["quotes"]
    return Markup(escape(opening)) + value + Markup(escape(closing))


def link(url: str, label) -> Markup:
    return Markup(f'<a href="{escape(url)}">{data_text(label)}</a>')


def named_link(item: dict, lang: Language) -> Markup:
    """A document or service: a link when the data gives its address, else just its name."""
    name = text(item["name"], lang)
    if item.get("url"):
        return Markup(f'<a href="{escape(item["url"])}">{name}</a>')
    return name


def time_element(day: str, lang: Language, time: str | None = None) -> Markup:
    """A date (and a time of day where the data gives one) in <time>."""
    shown = fmt.format_date(day, lang)
    stamp = day
    if time:
        shown = fmt.fill_template(lang.formats["date_time"], date=shown, time=fmt.format_time(time, lang))
        stamp = f"{day}T{time}"
    return Markup(f'<time datetime="{escape(stamp)}">{escape(shown)}</time>')


def moment_element(local: str, lang: Language) -> Markup:
    """A local date and time of the call's time zone ("2019-02-12T13:00") in <time>."""
    day, _, time = local.partition("T")
    return time_element(day, lang, time)


def email_link(address: str) -> Markup:
    return Markup(f'<a href="mailto:{escape(address)}">{escape(address)}</a>')


def phone_link(national: str, lang: Language) -> Markup:
    return Markup(f'<a href="{escape(fmt.phone_uri(national))}">{escape(fmt.format_phone(national, lang))}</a>')


def contact_parts(person: dict, lang: Language) -> list[Markup]:
    """A contact's name, e-mail, phone and page, as far as the data gives them."""
    parts = []
    if person.get("name"):
        parts.append(data_text(person["name"]))
    if person.get("email"):
        parts.append(email_link(person["email"]))
    if person.get("phone"):
        parts.append(phone_link(person["phone"], lang))
    if person.get("url"):
        parts.append(link(person["url"], person["url"].split("://", 1)[1].rstrip("/")))
    return parts


def role_contact(call: dict, role: str, lang: Language) -> Markup:
    """Who answers for a role (personal data, accessibility): the contact the data names for it,
    else the funder's general contact, else the funder by name. Never a person the data did not
    name for the role."""
    person = (call.get("role_contacts") or {}).get(role) or call["funder"].get("contact") or {}
    parts = contact_parts(person, lang)
    funder = text(call["funder"]["name"], lang)
    if not parts:
        return funder
    if not person.get("name"):
        parts.insert(0, funder)
    return Markup(", ").join(parts)


def guidelines(call: dict, lang: Language) -> Markup:
    """The funder's guidelines: a link where the data has their address, else named in full."""
    found = call["funding"].get("guidelines")
    if not found:
        return Markup("")
    if found.get("url"):
        return named_link(found, lang)
    return text(call["funder"]["name_genitive"], lang) + Markup(" ") + text(found["name"], lang)


def draw_fact(fact: Fact, call: dict, lang: Language) -> Markup | str:
    """One fact of the table (macros/fact_table.py) as a page shows it, by its kind; empty where the data has none."""
    value, kind = value_at(call, fact.path), fact.kind
    if kind == "guidelines":
        return guidelines(call, lang)
    if kind == "role_contact":
        return role_contact(call, fact.path.rpartition(".")[2], lang)
    if kind == "speaks_language":  # a keyword pages test ({% if … == "yes" %}), never shown: plain text
        return "yes" if lang.code in (value or []) else ""
    if value is None or value == "":
        return Markup("")
    if kind == "text":
        return text(value, lang)
    if kind in ("money", "money_in_words"):
        return escape(fmt.format_money(value, lang, in_words=kind == "money_in_words"))
    if kind in ("percent", "percent_in_words"):
        return escape(fmt.format_percent(value, lang, in_words=kind == "percent_in_words"))
    if kind == "months":
        return escape(fmt.format_months(value, lang))
    if kind == "date":
        return time_element(value, lang)
    if kind == "closing_date":
        return time_element(value, lang, call["window"].get("closes_time"))
    if kind == "time":
        return escape(fmt.format_time(value, lang))
    if kind == "named_link":
        return named_link(value, lang)
    if kind == "choice":
        return quoted(in_source_language(value, lang), lang)
    if kind == "person":
        return data_text(value)
    if kind == "email":
        return email_link(value)
    if kind == "phone":
        return phone_link(value, lang)
    if kind == "complaint_link":
        return link(value, value.split("://", 1)[1])
    return value  # "value": a keyword of the data that pages test, as it is (plain text, never shown)


def facts(call: dict, lang: Language) -> dict[str, Markup | str]:
    """The call's single facts, formatted for the page: `{{ call.max_support }}` in a page."""
    return {fact.name: draw_fact(fact, call, lang) for fact in FACTS}


def bullet_list(items: list[Markup], css_class: str = "") -> Markup:
    attribute = f' class="{css_class}"' if css_class else ""
    return Markup(f"<ul{attribute}>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


def priority_areas(call: dict, lang: Language) -> Markup:
    rows = "".join(f"<dt>{escape(area['id'])}</dt><dd>{text(area['text'], lang)}</dd>" for area in call["priority_areas"])
    return Markup(f'<dl class="call-priorities">{rows}</dl>')


def policy_documents(call: dict, lang: Language) -> Markup:
    return Markup(fmt.format_list([str(named_link(d, lang)) for d in call["policy_documents"]], lang))


def cofinancing_forms(call: dict, lang: Language) -> Markup:
    names = [str(text(form["name"], lang)) for form in call["funding"]["cofinancing_forms"]]
    return Markup(fmt.format_list(names, lang, style="or"))


def prioritised_efforts(call: dict, lang: Language) -> Markup:
    return bullet_list([text(effort["text"], lang) for effort in call["prioritised_efforts"]])


def applicant_types(call: dict, lang: Language) -> Markup:
    return bullet_list([text(kind["name"], lang) for kind in call["applicant_types"]], "call-applicants")


def applicant_types_inline(call: dict, lang: Language) -> Markup:
    """'Företag, branschorganisationer … och myndigheter': the list as one phrase."""
    names = [text(kind["name"], lang) for kind in call["applicant_types"]]
    shown = [str(names[0])] + [_lower_first(name) for name in names[1:]]
    return Markup(fmt.format_list(shown, lang))


def _lower_first(value: Markup) -> str:
    """A list item in the middle of a sentence starts in lower case (inside its span, if any)."""
    raw = str(value)
    if raw.startswith("<span"):
        head, _, rest = raw.partition(">")
        return f"{head}>{rest[:1].lower()}{rest[1:]}"
    return raw[:1].lower() + raw[1:]


def criteria(call: dict, lang: Language, required: bool) -> Markup:
    return bullet_list([text(c["text"], lang) for c in call["selection_criteria"] if c["required"] == required])


def glossary(call: dict, lang: Language, in_call: bool) -> Markup:
    rows = []
    for entry in call["glossary"]:
        if entry["in_call"] != in_call:
            continue
        term = text(entry["term"], lang)
        source = entry["term"][lang.source]
        if lang.code != lang.source and entry["term"].get(lang.code, source) != source:
            term += Markup(f' (<span lang="{lang.source}">{escape(source)}</span>)')
        rows.append(f'<dt id="term-{escape(entry["id"])}">{term}</dt><dd>{text(entry["definition"], lang)}</dd>')
    return Markup('<dl class="call-glossary">' + "".join(rows) + "</dl>") if rows else Markup("")


def fill_markup(template: str, **values) -> Markup:
    """Fill an interface string for a page: the string escaped, the values as given (Markup)."""
    return Markup(fmt.fill_template(str(escape(template)), **{name: str(escape(value)) for name, value in values.items()}))


def table(head: list[str], rows: list[list], caption: str, css_class: str, row_attributes: list[str] | None = None) -> Markup:
    """A data table inside its own focusable, labelled region, so a table wider than a phone
    scrolls by itself and not the page (WCAG 1.4.10, technique for data tables)."""
    ident = f"{css_class}-caption"
    heads = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in head)
    attributes = row_attributes or [""] * len(rows)
    body = "".join(f"<tr{extra}>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row, extra in zip(rows, attributes))
    return Markup(
        f'<div class="call-table" role="region" tabindex="0" aria-labelledby="{ident}">'
        f'<table class="{css_class}"><caption id="{ident}">{escape(caption)}</caption>'
        f"<thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table></div>"
    )
