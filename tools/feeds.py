"""An Atom feed (RFC 4287) per full language, to follow the call: feed.xml at each language's root.

One entry for each notice, each question and answer, each information meeting,
the decision, and each change in the log of facts. Entry ids are tag: URIs
(RFC 4151) made from the data, never from the build, so they stay the same from
build to build; every date comes from the data or its git history, so two builds
of one commit are byte-identical.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit
from macros.xml_text import escape, quoteattr

from macros import formatting as fmt
from macros.changes import fact_label, fact_text
from macros.lifecycle import notice_keys
from macros.key_dates import key_dates
from macros.timeline import event_anchor, event_when_text
from macros.view import plain

FEED_FILE = "feed.xml"


def authority(prepared) -> str:
    """Whose tag: URIs these are: the site's host, else the domain of the call's contact address."""
    host = urlsplit(prepared.site_url).hostname if prepared.site_url else None
    return host or prepared.call["contact"]["email"].rsplit("@", 1)[1].lower()


def _stamp(day: dt.date | str) -> str:
    day = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return f"{day.isoformat()}T00:00:00Z"


def entries(prepared, lang) -> list[dict]:
    """Every entry of one language's feed: {id, title, updated, link, summary}."""
    call, strings = prepared.call, lang.strings
    base = f"tag:{authority(prepared)},{call['window']['opens'][:4]}:call"
    found = []
    for key, notice in notice_keys(call):
        text = plain(notice["text"], lang)
        found.append({"id": f"{base}/notice/{key}", "updated": _stamp(notice["date"]),
                      "title": strings["feed_notice"].replace("{text}", text[:80] + ("…" if len(text) > 80 else "")),
                      "link": f"changes.html#notice-{key}", "summary": text})
    for question in (q for q in call.get("questions", []) if q.get("published")):  # an undated answer is not news
        found.append({"id": f"{base}/question/{question['id']}", "updated": _stamp(question["published"]),
                      "title": strings["feed_question"].replace("{question}", plain(question["question"], lang)),
                      "link": f"questions.html#q-{question['id']}", "summary": plain(question["answer"], lang)})
    history = prepared.history
    for key_date in key_dates(call):  # the meetings and the decision are news; the window's days are the call itself
        if key_date.kind == "event":
            event = key_date.event
            seen = (history.first_seen.get(f"event:{event['id']}") if history else None) or dt.date.fromisoformat(call["window"]["opens"])
            found.append({"id": f"{base}/event/{event['id']}", "updated": _stamp(min(seen, dt.date.fromisoformat(key_date.day))),
                          "title": strings["feed_event"].replace("{name}", plain(event["name"], lang)),
                          "link": f"index.html#{event_anchor(event)}", "summary": event_when_text(event, lang)})
        elif key_date.kind == "decided":
            found.append({"id": f"{base}/decision", "updated": _stamp(key_date.day), "title": strings["feed_decision"],
                          "link": "decision.html", "summary": strings["decision_decided"].replace("{date}", fmt.format_date(key_date.day, lang))})
    names = {entry["code"]: entry["name"] for entry in call["languages"]}
    for change in (history.changes if history else []):
        label = fact_label(change.fact, lang, names)
        before, after = (fact_text(change.fact, value, lang) for value in (change.before, change.after))
        found.append({"id": f"{base}/change/{change.fact}/{change.when.isoformat()}", "updated": _stamp(change.when),
                      "title": strings["feed_correction" if change.correction else "feed_change"].replace("{fact}", label),
                      "link": "changes.html", "summary": f"{label}: {before} → {after}"})
    return sorted(found, key=lambda entry: (entry["updated"], entry["id"]), reverse=True)


def feed_xml(prepared, lang) -> str:
    call = prepared.call
    found = entries(prepared, lang)
    base_url = prepared.language_url(lang)
    first = prepared.history.first_recorded if prepared.history else dt.date.fromisoformat(call["window"]["opens"])
    updated = max([entry["updated"] for entry in found] + [_stamp(first)])
    title = lang.strings["feed_title"].replace("{title}", plain(call["title"], lang))
    funder = plain(call["funder"]["name"], lang)
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang.code}"' + (f" xml:base={quoteattr(base_url)}" if base_url else "") + ">",
             f"  <id>tag:{authority(prepared)},{call['window']['opens'][:4]}:call/feed/{lang.code}</id>",
             f"  <title>{escape(title)}</title>",
             f"  <updated>{updated}</updated>",
             f"  <author><name>{escape(funder)}</name></author>",
             f'  <link rel="self" href="{escape(FEED_FILE)}"/>',
             '  <link rel="alternate" type="text/html" href="index.html"/>']
    for entry in found:
        lines += ["  <entry>",
                  f"    <id>{escape(entry['id'])}</id>",
                  f"    <title>{escape(entry['title'])}</title>",
                  f"    <updated>{entry['updated']}</updated>",
                  f'    <link rel="alternate" type="text/html" href={quoteattr(entry["link"])}/>',
                  f"    <summary>{escape(entry['summary'])}</summary>",
                  "  </entry>"]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def write_feeds(site: Path, prepared) -> None:
    for lang in prepared.languages.full:
        root = site / lang.path if lang.path else site
        (root / FEED_FILE).write_text(feed_xml(prepared, lang), encoding="utf-8")
