"""Draw the validated call as HTML fragments for one language.

Data in, HTML out: every function takes the call (or a part of it) and the
page's language, and returns Markup. Every text from the data is escaped, so
markup typed into the data is shown as text and never run. A Swedish name on
an English page carries lang="sv", so screen readers pronounce it right.
"""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from . import formatting as fmt


def script_json(data: dict) -> Markup:
    """JSON to embed in <script type="application/json">: "</" cannot end the element early."""
    return Markup(json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/"))


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


def fill_markup(template: str, **values: Markup) -> Markup:
    """Fill an interface string for a page: the string escaped, the values as given (Markup)."""
    return Markup(fmt.fill_template(str(escape(template)), **{name: str(value) for name, value in values.items()}))


def timeline(call: dict, lang: str, strings: dict, calendar_links: dict[str, str]) -> Markup:
    """The call window and the longest project, drawn to scale (SVG) and listed with <time>."""
    opens, closes = (dt.date.fromisoformat(call["window"][key]) for key in ("opens", "closes"))
    window_days = (closes - opens).days + 1
    project_days = round(call["max_project_months"] * 365.25 / 12)
    total = window_days + project_days
    window_width = max(2.0, 100 * window_days / total)
    picture = (
        '<svg class="call-timeline__bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">'
        f'<rect class="call-timeline__window" x="0" y="0" width="{window_width:.2f}" height="6"/>'
        f'<rect class="call-timeline__project" x="{window_width:.2f}" y="1.5" width="{100 - window_width:.2f}" height="3"/>'
        "</svg>"
    )
    months = escape(fmt.format_months(call["max_project_months"], lang))

    def add(which: str) -> str:
        link = calendar_links.get(which)
        return f' <a class="call-timeline__calendar" href="{escape(link)}" download>{escape(strings["calendar_add"])}</a>' if link else ""

    items = [
        f'<li class="call-timeline__event call-timeline__event--opens"><span>{escape(strings["timeline_opens"])}</span> '
        f'{time_element(call["window"]["opens"], lang)}{add("opens")}</li>',
        f'<li class="call-timeline__event call-timeline__event--closes"><span>{escape(strings["timeline_closes"])}</span> '
        f'{time_element(call["window"]["closes"], lang)}{add("closes")}</li>',
        f'<li class="call-timeline__event call-timeline__event--project">{fill_markup(strings["timeline_project"], months=months)}</li>',
    ]
    return Markup(f'<div class="call-timeline">{picture}<ol class="call-timeline__events">{"".join(items)}</ol></div>')


def fact_value(path: str, value, lang: str) -> Markup:
    """An old or new value of a fact, in the page's format."""
    if value is None:
        return Markup("–")
    if path == "funding.max_support_sek" and isinstance(value, int):
        return escape(fmt.format_money(value, lang))
    if path == "funding.max_rate_percent" and isinstance(value, (int, float)):
        return escape(fmt.format_percent(value, lang))
    if path == "max_project_months" and isinstance(value, int):
        return escape(fmt.format_months(value, lang))
    if path.startswith("window.") and isinstance(value, str):
        try:
            return time_element(value, lang)
        except ValueError:
            return escape(value)
    return escape(str(value))


def change_log(history, lang: str, strings: dict) -> Markup:
    """Every change of a fact, newest first, old values marked as history (<del>)."""
    if history is None:
        return Markup(f'<p class="call-changes-unavailable">{escape(strings["changes_unavailable"])}</p>')
    if not history.changes:
        when = time_element(history.first_published.isoformat(), lang)
        return Markup(f"<p>{fill_markup(strings['changes_none'], date=when)}</p>")
    rows = "".join(
        f"<tr><td>{time_element(change.when.isoformat(), lang)}</td>"
        f"<td>{escape(strings['fact_labels'][change.fact])}</td>"
        f"<td><del>{fact_value(change.fact, change.before, lang)}</del></td>"
        f"<td><ins>{fact_value(change.fact, change.after, lang)}</ins></td></tr>"
        for change in history.changes
    )
    head = "".join(f'<th scope="col">{escape(strings[key])}</th>' for key in ("changes_when", "changes_fact", "changes_before", "changes_after"))
    return Markup(
        f'<p class="call-history-note"><strong>{escape(strings["changes_history_note"])}</strong></p>'
        f'<table class="call-changes"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    )


def last_changed(history, lang: str, strings: dict) -> Markup:
    """'The call's facts last changed on …', for every page; empty without history."""
    if history is None:
        return Markup("")
    return fill_markup(strings["changes_last"], date=time_element(history.last_changed.isoformat(), lang))
