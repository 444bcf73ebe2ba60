"""schema.org JSON-LD for a start page: the call as a MonetaryGrant.

The amount is the cap (MonetaryAmount, SEK); the funder a GovernmentOrganization
with the contact; the call window the start and end of an ApplyAction whose
target is the e-service; the rate and the co-financing rule in the description.
"""

from __future__ import annotations

from markupsafe import Markup

from . import formatting as fmt
from .view import script_json, window_instants


def monetary_grant(call: dict, lang: str, strings: dict, page_url: str) -> Markup:
    funding, contact = call["funding"], call["contact"]
    opens_at, closes_at = window_instants(call["window"])
    forms = fmt.format_list([form["name"][lang] for form in funding["cofinancing_forms"]], lang, style="or")
    rule = fmt.fill_template(strings["jsonld_rule"], cap=fmt.format_money(funding["max_support_sek"], lang),
                             rate=fmt.format_percent(funding["max_rate_percent"], lang), forms=forms)
    grant = {
        "@context": "https://schema.org",
        "@type": "MonetaryGrant",
        "name": call["title"][lang],
        "description": f'{call["summary"][lang]} {rule}',
        "inLanguage": lang,
        "amount": {"@type": "MonetaryAmount", "maxValue": funding["max_support_sek"], "currency": "SEK"},
        "funder": {
            "@type": "GovernmentOrganization",
            "name": call["funder"]["name"][lang],
            "contactPoint": {"@type": "ContactPoint", "name": contact["name"], "email": contact["email"],
                             "telephone": fmt.phone_international(contact["phone"])},
        },
        "potentialAction": {
            "@type": "ApplyAction",
            "target": call["application"]["eservice"]["url"],
            "startTime": opens_at.isoformat(),
            # The last moment applications are taken: the end of the closing day.
            "endTime": closes_at.isoformat(),
        },
    }
    if page_url:
        grant["url"] = page_url
    return script_json(grant)
