"""The pieces a line of a page is made of: words (in a language where not the page's), a date, a link.

View models hold texts as a tuple of pieces; the components draw them
(`parts.inline` in overrides/components/parts.html), and feeds, calendars, open
data and resolved texts read their plain text (`plain_text`), never stripped HTML.
Functions here compute pieces from the data; none of them draws.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from . import formatting as fmt
from .languages import Language


@dataclass(frozen=True)
class Words:
    """A run of text; `lang` names its language where it is not the page's (WCAG 3.1.2)."""
    text: str
    lang: str = ""
    kind: ClassVar[str] = "words"


@dataclass(frozen=True)
class Formatted:
    """A text the site formats itself from a number or a phone number ("800 000 kr"): no editor's
    characters in it, so it is HTML-escaped only."""
    text: str
    kind: ClassVar[str] = "formatted"


@dataclass(frozen=True)
class When:
    """A date, or a date and time, as the page writes it (`shown`) and as a machine reads it (`stamp`)."""
    stamp: str
    shown: str
    kind: ClassVar[str] = "time"


@dataclass(frozen=True)
class Link:
    href: str
    label: tuple
    kind: ClassVar[str] = "link"


Pieces = tuple


@dataclass(frozen=True)
class Bound:
    """A part that shows until (edge "until") or from (edge "from") an instant; hidden by the build once
    that no longer holds at its moment (status.js keeps it true on the reader's clock)."""
    edge: str
    instant: str
    hidden: bool


def until(instant, moment) -> Bound:
    return Bound("until", instant.isoformat(), not moment < instant)


def since(instant, moment) -> Bound:
    return Bound("from", instant.isoformat(), not moment >= instant)


def plain_text(pieces: Pieces) -> str:
    """What the pieces say, without markup: for feeds, calendars, open data and resolved texts."""
    return "".join(plain_text(piece.label) if piece.kind == "link" else piece.shown if piece.kind == "time" else piece.text
                   for piece in pieces)


def text(pair: dict, lang: Language) -> Pieces:
    """One text of the data in the page's language. Where the language has none, or keeps the
    authoritative wording, it is the authoritative language's, marked as such."""
    value, source = pair.get(lang.code), pair.get(lang.source)
    if value is None or (lang.code != lang.source and value == source):
        return (Words(source, lang.source),)
    return (Words(value),)


def in_source_language(value: str, lang: Language) -> Pieces:
    """A text that is in the authoritative language on every page (a choice in a Swedish e-service)."""
    return (Words(value, "" if lang.code == lang.source else lang.source),)


def words(value: str) -> Pieces:
    return (Words(str(value)),)


def formatted(value: str) -> Pieces:
    return (Formatted(value),)


def date(day: str, lang: Language, time: str | None = None) -> Pieces:
    """A date (and a time of day where the data gives one)."""
    shown = fmt.format_date(day, lang)
    if time:
        return (When(f"{day}T{time}", fmt.fill_template(lang.formats["date_time"], date=shown, time=fmt.format_time(time, lang))),)
    return (When(day, shown),)


def moment(local: str, lang: Language) -> Pieces:
    """A local date and time of the call's time zone ("2019-02-12T13:00")."""
    day, _, time = local.partition("T")
    return date(day, lang, time)


def link(url: str, label: Pieces | str) -> Pieces:
    return (Link(url, words(label) if isinstance(label, str) else label),)


def named_link(item: dict, lang: Language) -> Pieces:
    """A document or service: a link when the data gives its address, else just its name."""
    name = text(item["name"], lang)
    return link(item["url"], name) if item.get("url") else name


def quoted(value: Pieces, lang: Language) -> Pieces:
    opening, closing = lang.formats["quotes"]
    return (Words(opening), *value, Words(closing))


def email(address: str) -> Pieces:
    return link(f"mailto:{address}", address)


def phone(national: str, lang: Language) -> Pieces:
    return link(fmt.phone_uri(national), formatted(fmt.format_phone(national, lang)))


def filled(template: str, **values) -> Pieces:
    """An interface string with its {names} filled with pieces (or plain values): "Beslut {date}." with the
    date in <time>. A name the string does not use is left out, as fill_template does."""
    names = [name for name in values if "{" + name + "}" in template]
    if not names:
        return (Words(template),) if template else ()
    found: list = []
    pattern = "(" + "|".join(re.escape("{" + name + "}") for name in names) + ")"
    for part in re.split(pattern, template):
        if part.startswith("{") and part[1:-1] in values:
            value = values[part[1:-1]]
            found.extend(value if isinstance(value, tuple) else (Formatted(str(value)),))
        elif part:
            found.append(Words(part))
    return tuple(found)


def joined(parts: list[Pieces], separator: str) -> Pieces:
    found: list = []
    for index, part in enumerate(parts):
        if index:
            found.append(Words(separator))
        found.extend(part)
    return tuple(found)


def listed(items: list[Pieces], lang: Language, style: str = "standard") -> Pieces:
    """Items as one phrase in the language's own list pattern ("A, B och C"), the pattern's words between them."""
    if not items:
        return ()
    markers = [f"\ue000{index}\ue001" for index in range(len(items))]
    found: list = []
    for part in re.split(r"(\ue000\d+\ue001)", fmt.format_list(markers, lang, style=style)):
        if part in markers:
            found.extend(items[markers.index(part)])
        elif part:
            found.append(Words(part))
    return tuple(found)


def lower_first(pieces: Pieces) -> Pieces:
    """An item in the middle of a sentence starts in lower case."""
    first = pieces[0]
    return (Words(first.text[:1].lower() + first.text[1:], first.lang), *pieces[1:])


def mark_names(pieces: Pieces, names: list[tuple[str, str]]) -> Pieces:
    """Words of the page's language with each of those names (language, name) marked in its language, as the facts
    are on pages (WCAG 3.1.2). One pass over each text, so a name inside a longer one is never marked twice."""
    if not names:
        return pieces
    languages = {name: code for code, name in names}
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(name) for name in languages) + r")(?!\w)")
    found: list = []
    for piece in pieces:
        if piece.kind != "words" or piece.lang:
            found.append(piece)
            continue
        for index, part in enumerate(pattern.split(piece.text)):
            if part:
                found.append(Words(part, languages[part] if index % 2 else ""))
    return tuple(found)


@dataclass(frozen=True)
class Paragraph:
    pieces: Pieces
    lang: str = ""


def paragraphs(pair: dict, lang: Language, names: list[tuple[str, str]] | None = None) -> tuple[Paragraph, ...]:
    """A long text of the data as paragraphs (a blank line between them), marked with the authoritative
    language where this language keeps its wording; the given names marked in theirs (mark_names)."""
    value, mark = pair.get(lang.code), ""
    if value is None or (lang.code != lang.source and value == pair.get(lang.source)):
        value, mark = pair[lang.source], lang.source
    return tuple(Paragraph(mark_names((Words(block.strip()),), names or []), mark)
                 for block in re.split(r"\n\s*\n", value) if block.strip())
