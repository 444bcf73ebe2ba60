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
    base = f"tag:{authority(prepared)},{call['window']['opens'][:4]}:{prepared.slug}"
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


def atom(lang, base_url: str, feed_id: str, title: str, author: str, found: list[dict], since: str) -> str:
    """An Atom feed of `found` (entries, newest first) in one language; updated at its newest entry, or `since`."""
    updated = max([entry["updated"] for entry in found] + [since])
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang.code}"' + (f" xml:base={quoteattr(base_url)}" if base_url else "") + ">",
             f"  <id>{escape(feed_id)}</id>",
             f"  <title>{escape(title)}</title>",
             f"  <updated>{updated}</updated>",
             f"  <author><name>{escape(author)}</name></author>",
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


def feed_xml(prepared, lang) -> str:
    call = prepared.call
    first = prepared.history.first_recorded if prepared.history else dt.date.fromisoformat(call["window"]["opens"])
    return atom(lang, prepared.language_url(lang), f"tag:{authority(prepared)},{call['window']['opens'][:4]}:{prepared.slug}/feed/{lang.code}",
                lang.strings["feed_title"].replace("{title}", plain(call["title"], lang)), plain(call["funder"]["name"], lang),
                entries(prepared, lang), _stamp(first))


def write_feeds(site: Path, prepared) -> None:
    """The call's own feed in each full language, in its folder."""
    for lang in prepared.languages.full:
        (site / lang.path / FEED_FILE).write_text(feed_xml(prepared, lang), encoding="utf-8")


def site_feed_xml(prepared_site, lang) -> str:
    """Every call's news in one feed of the language, newest first; each entry's title names its call."""
    found = []
    for prepared in prepared_site.listed:
        title = plain(prepared.call["title"], lang)
        for entry in entries(prepared, prepared.languages[lang.code]):
            found.append({**entry, "title": f"{title}: {entry['title']}", "link": f"{prepared.slug}/{entry['link']}"})
    found.sort(key=lambda entry: (entry["updated"], entry["id"]), reverse=True)
    newest = prepared_site.calls[-1]
    since = min(prepared.call["window"]["opens"][:4] for prepared in prepared_site.calls)  # the site's first call's year
    return atom(lang, prepared_site.language_url(lang), f"tag:{authority(newest)},{since}:site/feed/{lang.code}",
                lang.strings["calls_feed_title"], plain(newest.call["funder"]["name"], lang), found, _stamp(prepared_site.moment.date()))


def write_site_feeds(site: Path, prepared_site) -> None:
    """Each full language's feed of every call's news, at the language's place."""
    for lang in prepared_site.languages.full:
        (site / lang.path / FEED_FILE).write_text(site_feed_xml(prepared_site, lang), encoding="utf-8")
