"""schema.org JSON-LD for a start page: the call as a MonetaryGrant.

The amount is the cap (MonetaryAmount, SEK); the funder a GovernmentOrganization
with the contact; the call window the start and end of an ApplyAction whose
target is the e-service: dates as the call gives them, with a time only where
the data holds a closing time; the rate and co-financing rule in the description.
"""

from __future__ import annotations

from markupsafe import Markup

from . import formatting as fmt
from .languages import Language
from .instants import window_instants
from .view import plain, script_json


def monetary_grant(call: dict, lang: Language, page_url: str) -> Markup:
    funding, contact, window = call["funding"], call["contact"], call["window"]
    forms = fmt.format_list([plain(form["name"], lang) for form in funding["cofinancing_forms"]], lang, style="or")
    rule = fmt.fill_template(lang.strings["jsonld_rule"], cap=fmt.format_money(funding["max_support_sek"], lang),
                             rate=fmt.format_percent(funding["max_rate_percent"], lang), forms=forms)
    ends = window_instants(window)[1].isoformat() if window.get("closes_time") else window["closes"]
    grant = {
        "@context": "https://schema.org",
        "@type": "MonetaryGrant",
        "name": plain(call["title"], lang),
        "description": f'{plain(call["summary"], lang)} {rule}',
        "inLanguage": lang.code,
        "amount": {"@type": "MonetaryAmount", "maxValue": funding["max_support_sek"], "currency": "SEK"},
        "funder": {
            "@type": "GovernmentOrganization",
            "name": plain(call["funder"]["name"], lang),
            "contactPoint": {"@type": "ContactPoint", "name": contact["name"], "email": contact["email"],
                             "telephone": fmt.phone_international(contact["phone"])},
        },
        "potentialAction": {
            "@type": "ApplyAction",
            "target": call["application"]["eservice"]["url"],
            "startTime": window["opens"],
            "endTime": ends,
        },
    }
    if page_url:
        grant["url"] = page_url
    return script_json(grant)
