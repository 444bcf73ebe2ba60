"""Draw the validated call as HTML fragments for one language.

Data in, HTML out: every function takes the call (or a part of it) and the
page's language, and returns Markup. Every text from the data is escaped, so
markup typed into the data is shown as text and never run. A Swedish name on
an English page carries lang="sv", so screen readers pronounce it right.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from . import formatting as fmt


def text(pair: dict, lang: str) -> Markup:
    """One text of the data in the page's language; marked as Swedish where English keeps the Swedish."""
    value = escape(pair[lang])
    if lang != "sv" and pair[lang] == pair["sv"]:
        return Markup(f'<span lang="sv">{value}</span>')
    return value


def swedish(value: str, lang: str) -> Markup:
    """A text that is Swedish in every language (a menu choice in a Swedish e-service)."""
    return escape(value) if lang == "sv" else Markup(f'<span lang="sv">{escape(value)}</span>')


def quoted(value: Markup, lang: str) -> Markup:
    """Quotation marks as each language writes them: ”Swedish”, “English”."""
    opening, closing = ("”", "”") if lang == "sv" else ("“", "”")
    return Markup(opening) + value + Markup(closing)


def named_link(item: dict, lang: str) -> Markup:
    """A document or service: a link when the data gives its address, else just its name."""
    name = text(item["name"], lang)
    if item.get("url"):
        return Markup(f'<a href="{escape(item["url"])}">{name}</a>')
    return name


def time_element(day: str, lang: str) -> Markup:
    return Markup(f'<time datetime="{escape(day)}">{escape(fmt.format_date(day, lang))}</time>')


def window_instants(window: dict) -> tuple[dt.datetime, dt.datetime]:
    """Opening and closing instants: from the start of the opening day to the end of the
    closing day, in the call's time zone (summer time included)."""
    zone = ZoneInfo(window["time_zone"])
    opens = dt.datetime.combine(dt.date.fromisoformat(window["opens"]), dt.time(0), zone)
    after_close = dt.date.fromisoformat(window["closes"]) + dt.timedelta(days=1)
    closes = dt.datetime.combine(after_close, dt.time(0), zone)
    return opens, closes


def email_link(address: str) -> Markup:
    return Markup(f'<a href="mailto:{escape(address)}">{escape(address)}</a>')


def phone_link(national: str, lang: str) -> Markup:
    return Markup(f'<a href="{escape(fmt.phone_uri(national))}">{escape(fmt.format_phone(national, lang))}</a>')


def facts(call: dict, lang: str) -> dict[str, Markup]:
    """The call's single facts, formatted for the page: `{{ call.max_support }}` in a page."""
    funding, application, contact = call["funding"], call["application"], call["contact"]
    return {
        "title": text(call["title"], lang),
        "funder": text(call["funder"]["name"], lang),
        "funder_genitive": text(call["funder"]["name_genitive"], lang),
        "region": text(call["funder"]["region"], lang),
        "summary": text(call["summary"], lang),
        "max_support": escape(fmt.format_money(funding["max_support_sek"], lang)),
        "max_rate": escape(fmt.format_percent(funding["max_rate_percent"], lang)),
        "max_project_length": escape(fmt.format_months(call["max_project_months"], lang)),
        "opens": time_element(call["window"]["opens"], lang),
        "closes": time_element(call["window"]["closes"], lang),
        "guidelines": named_link(funding["guidelines"], lang) if funding.get("guidelines") else Markup(""),
        "eservice": named_link(application["eservice"], lang),
        "eservice_operator": named_link(application["eservice_operator"], lang),
        "eservice_choice": quoted(swedish(application["choice"], lang), lang),
        "contact_name": escape(contact["name"]),
        "contact_email": email_link(contact["email"]),
        "contact_phone": phone_link(contact["phone"], lang),
        "accessibility_compliance": call["accessibility"]["compliance"],
        "accessibility_assessed_on": time_element(call["accessibility"]["assessed_on"], lang),
        "accessibility_updated_on": time_element(call["accessibility"]["updated_on"], lang),
        "complaint_link": Markup(f'<a href="{escape(call["accessibility"]["complaint_url"])}">'
                                 f'{escape(call["accessibility"]["complaint_url"].split("://", 1)[1])}</a>'),
    }


def bullet_list(items: list[Markup], css_class: str = "") -> Markup:
    attribute = f' class="{css_class}"' if css_class else ""
    return Markup(f"<ul{attribute}>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


def priority_areas(call: dict, lang: str) -> Markup:
    rows = "".join(f"<dt>{escape(area['id'])}</dt><dd>{text(area['text'], lang)}</dd>" for area in call["priority_areas"])
    return Markup(f'<dl class="call-priorities">{rows}</dl>')


def policy_documents(call: dict, lang: str) -> Markup:
    return Markup(fmt.format_list([str(named_link(d, lang)) for d in call["policy_documents"]], lang))


def cofinancing_forms(call: dict, lang: str) -> Markup:
    names = [str(text(form["name"], lang)) for form in call["funding"]["cofinancing_forms"]]
    return Markup(fmt.format_list(names, lang, style="or"))


def prioritised_efforts(call: dict, lang: str) -> Markup:
    return bullet_list([text(effort, lang) for effort in call["prioritised_efforts"]])


def applicant_types(call: dict, lang: str) -> Markup:
    return bullet_list([text(kind["name"], lang) for kind in call["applicant_types"]], "call-applicants")


def applicant_types_inline(call: dict, lang: str) -> Markup:
    """'Företag, branschorganisationer … och myndigheter': the list as one phrase."""
    names = [str(text(kind["name"], lang)) for kind in call["applicant_types"]]
    names = names[:1] + [name[:1].lower() + name[1:] if not name.startswith("<") else name for name in names[1:]]
    return Markup(fmt.format_list(names, lang))


def criteria(call: dict, lang: str, required: bool) -> Markup:
    return bullet_list([text(c["text"], lang) for c in call["selection_criteria"] if c["required"] == required])


def glossary(call: dict, lang: str) -> Markup:
    rows = []
    for entry in call["glossary"]:
        term = text(entry["term"], lang)
        if lang != "sv" and entry["term"][lang] != entry["term"]["sv"]:
            term += Markup(f' (<span lang="sv">{escape(entry["term"]["sv"])}</span>)')
        rows.append(f"<dt>{term}</dt><dd>{text(entry['definition'], lang)}</dd>")
    return Markup('<dl class="call-glossary">' + "".join(rows) + "</dl>")
