"""The call in the field's open standards, validated by tests against the standards' own schemas.

- CommonGrants (an open call as an "opportunity"): `opportunity.json` at each full
  language's root, one record per language (the standard has no language field).
  Its status follows the phase at build time (forecasted, open, closed), money is a
  decimal string in SEK, the key dates are postDate (where the data has a
  publication date), closeDate and otherDates: the application period, the
  information meetings, the last day for questions and the decision.
  Everything the standard has no field for is in customFields. Beside it, `opportunities.json`: the
  language's list of opportunities as CommonGrants' paginated list response (`Paginated`, items of
  `OpportunityBase`), one page holding every call the site publishes (today the one call).
- 360Giving (awarded grants): `grants.json` at the site's root, a package of the
  decision's grants, written once there is a decision with grants. Identifiers
  follow the standard: the funder's 360Giving prefix for each grant, org-id's
  SE-ON-<organisation number> for organisations whose number the data gives.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

from macros import formatting as fmt
from macros.downloads import downloads, site_path
from macros.call_data import grant_slug
from macros.key_dates import key_dates, meeting_label
from macros.status import status_of
from macros.view import plain

OPPORTUNITY_FILE = "opportunity.json"
OPPORTUNITIES_FILE = "opportunities.json"
GRANTS_FILE = "grants.json"
STATUS = {"upcoming": "forecasted", "open": "open", "closed": "closed", "decided": "closed", "archived": "custom", "withdrawn": "custom"}
# The key dates (macros/key_dates.py) an opportunity names among its other dates, by their keys there.
RECORD_KEYS = {"questions_until": "questionsUntil", "decided": "decision", "decision_expected": "anticipatedAward"}


def _money(amount: int) -> dict:
    return {"amount": f"{amount}.00", "currency": "SEK"}


def _stamp(day: dt.date | None, fallback: dt.datetime) -> str:
    moment = dt.datetime.combine(day, dt.time(0), dt.timezone.utc) if day else fallback.astimezone(dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _single(name: str, day: str, time: str | None = None, description: str = "") -> dict:
    event = {"name": name, "eventType": "singleDate", "date": day}
    if time:
        event["time"] = f"{time}:00"
    if description:
        event["description"] = description
    return event


def _custom(name: str, kind: str, value, description: str) -> dict:
    return {"name": name, "fieldType": kind, "value": value, "description": description}


def opportunity(prepared, lang) -> dict:
    """One language's CommonGrants opportunity."""
    call, strings = prepared.call, lang.strings
    window, funding = call["window"], call["funding"]
    source_title = call["title"][lang.source]
    identity = uuid.uuid5(uuid.NAMESPACE_URL, f"utlysning:{source_title}:{lang.code}")
    state = status_of(call, prepared.moment).state
    rule = fmt.fill_template(strings["jsonld_rule"], cap=fmt.format_money(funding["max_support_sek"], lang),
                             rate=fmt.format_percent(funding["max_rate_percent"], lang),
                             forms=fmt.format_list([plain(f["name"], lang) for f in funding["cofinancing_forms"]], lang, style="or"))
    other_dates = {
        "applicationPeriod": {"name": strings["application_period"], "eventType": "dateRange",
                              "startDate": window["opens"], "endDate": window["closes"],
                              **({"endTime": f"{window['closes_time']}:00"} if window.get("closes_time") else {})},
    }
    for key_date in key_dates(call):
        if key_date.kind == "event":
            end_day, _, end_time = key_date.ends.partition("T")
            other_dates[f"meeting_{key_date.event['id']}"] = {
                "name": meeting_label(strings[key_date.label], plain(key_date.event["name"], lang)), "eventType": "dateRange",
                "startDate": key_date.day, "startTime": f"{key_date.time}:00", "endDate": end_day, "endTime": f"{end_time}:00"}
        elif key_date.kind in RECORD_KEYS:
            other_dates[RECORD_KEYS[key_date.kind]] = _single(strings[key_date.label], key_date.day)
    dates = {"closeDate": _single(strings["timeline_closes"], window["closes"], window.get("closes_time")),
             "otherDates": other_dates}
    if call.get("published"):
        dates["postDate"] = _single(strings["changes_published"].split("{")[0].strip() or "published", call["published"])
    history = prepared.history
    record = {
        "id": str(identity),
        "title": plain(call["title"], lang),
        # An archived or withdrawn call is a custom status by its phase's name (CommonGrants' own example: archived).
        "status": {"value": STATUS[state], **({"customValue": state} if STATUS[state] == "custom" else {}),
                   "description": strings[f"status_{state}" if state != "open" else "status_open_many"].split(".")[0]},
        "description": plain(call["summary"], lang),
        "funding": {"maxAwardAmount": _money(funding["max_support_sek"]), "details": rule},
        "keyDates": dates,
        "acceptedApplicantTypes": [{"value": "custom", "customValue": kind["id"], "description": plain(kind["name"], lang)}
                                   for kind in call["applicant_types"]],
        "customFields": {
            "language": _custom("language", "string", lang.code, "BCP 47 code of this record's language"),
            "funder": _custom("funder", "string", plain(call["funder"]["name"], lang), "The funder"),
            "maxRatePercent": _custom("maxRatePercent", "number", funding["max_rate_percent"],
                                      "The largest share of a project's costs the call pays, in per cent"),
            "maxProjectMonths": _custom("maxProjectMonths", "integer", call["max_project_months"], "The longest a project may run, in months"),
            "timeZone": _custom("timeZone", "string", window["time_zone"], "The time zone of every date and time"),
            "applyAt": _custom("applyAt", "string", call["application"]["eservice"]["url"], "The e-service applications are made in"),
            "contact": _custom("contact", "object", {"name": call["contact"]["name"], "email": call["contact"]["email"],
                                                     "phone": fmt.phone_international(call["contact"]["phone"])},
                               "Who answers questions about the call"),
        },
        "createdAt": _stamp(history.first_recorded if history else None, prepared.moment),
        "lastModifiedAt": _stamp(history.last_changed if history else None, prepared.moment),
    }
    if prepared.site_url:
        record["source"] = f"{prepared.site_url}{lang.path}index.html"
    return record


def _org_id(org_number: str | None, fallback: str) -> str:
    return f"SE-ON-{org_number}" if org_number else fallback


# What a 360Giving package needs of the funder: identifiers the standard can trust.
FUNDER_IDS = ("org_number", "grant_id_prefix")


def grants_package(prepared) -> dict | None:
    """The decision's grants as a 360Giving package; None before there are any, and until the funder's
    organisation number and registered prefix are in the data (the check says so, as a note)."""
    call = prepared.call
    outcome = call.get("outcome") or {}
    grants = outcome.get("grants") or []
    if not grants or not outcome.get("decided") or not all(call["funder"].get(name) for name in FUNDER_IDS):
        return None
    funder, source = call["funder"], prepared.languages.authoritative
    prefix = funder["grant_id_prefix"]
    funding_org = {"id": _org_id(funder["org_number"], prefix), "name": plain(funder["name"], source)}
    title = plain(call["title"], source)
    records = []
    for grant in grants:
        recipient = grant["recipient"]
        slug = grant_slug(grant["id"])
        record = {
            "id": f"{prefix}-{prepared.slug}-{slug}",  # unique across the site's calls
            "title": plain(grant["project"], source),
            "description": f"{plain(grant['project'], source)} – {title}",
            "currency": "SEK",
            "amountAwarded": grant["amount_sek"],
            "awardDate": outcome["decided"],
            "recipientOrganization": [{"id": _org_id(recipient.get("org_number"), f"{prefix}-recipient-{slug}"),
                                       "name": recipient["name"]}],
            "fundingOrganization": [funding_org],
            "grantProgramme": [{"title": title}],
        }
        if recipient.get("org_number"):
            record["recipientOrganization"][0]["companyNumber"] = recipient["org_number"]
        if grant.get("municipality"):
            record["beneficiaryLocation"] = [{"name": grant["municipality"], "countryCode": "SE"}]
        records.append(record)
    return {
        "grants": records,
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        "publisher": {"name": plain(funder["name"], source), "prefix": prefix},
    }


def documents(prepared, lang, root: Path) -> list[dict]:
    """The language's downloads as CommonGrants files: its address (absolute where the build knows the
    site's), name, type and size, dated at the build. A build makes every one or fails; only the preview leaves
    the PDF to be made when asked for, and lists what it has."""
    stamp = prepared.moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return [{"downloadUrl": f"{prepared.site_url}{site_path(lang, item)}" if prepared.site_url else item.file,
             "name": item.file, "description": item.label, "mimeType": item.media_type,
             "sizeInBytes": (root / item.file).stat().st_size, "createdAt": stamp, "lastModifiedAt": stamp}
            for item in downloads(lang) if (root / item.file).is_file()]


def opportunity_list(records: list[dict]) -> dict:
    """The records as one page of CommonGrants' paginated list response (what its list API answers)."""
    return {"status": 200, "message": "Success", "items": records,
            "paginationInfo": {"page": 1, "pageSize": max(len(records), 1), "totalItems": len(records), "totalPages": 1}}


def opportunity_record(site: Path, prepared, lang) -> dict:
    """The call's CommonGrants opportunity in one full language, with its downloads."""
    root = site / lang.path
    record = opportunity(prepared, lang)
    record["customFields"]["documents"] = _custom("documents", "array", documents(prepared, lang, root),
                                                  "Files to download, in this record's language: the call as a PDF, "
                                                  "the budget template; each a CommonGrants File")
    return record


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def write_standards(site: Path, prepared) -> None:
    """The call's own: its opportunity per full language, and its grants, in its folder."""
    for lang in prepared.languages.full:
        _write_json(site / lang.path / OPPORTUNITY_FILE, opportunity_record(site, prepared, lang))
    package = grants_package(prepared)
    if package:
        _write_json(site / prepared.languages.authoritative.path / GRANTS_FILE, package)


def write_site_standards(site: Path, prepared_site) -> None:
    """The whole site's: each full language's list of every call's opportunity (CommonGrants' paginated list
    response), and one 360Giving package of every call's grants, at the site's root."""
    for lang in prepared_site.languages.full:
        records = [json.loads((site / call.languages[lang.code].path / OPPORTUNITY_FILE).read_text(encoding="utf-8"))
                   for call in prepared_site.listed]
        _write_json(site / lang.path / OPPORTUNITIES_FILE, opportunity_list(records))
    packages = [package for package in (grants_package(call) for call in prepared_site.listed) if package]
    if packages:
        _write_json(site / GRANTS_FILE, {**packages[-1], "grants": [grant for package in packages for grant in package["grants"]]})
