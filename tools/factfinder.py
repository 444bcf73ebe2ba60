"""Find facts of the call typed by hand where only the data should supply them.

    python -m tools.factfinder        # lists every hit as FILE:LINE: what (the text), exits 1 if any

The patterns are derived from the call data and the language table, in every
form the site renders in any published language and the forms people type:
amounts ("800 000", "800,000", "800000"), rates ("75 %", "75 procent", "75 per
cent"), lengths ("12 månader", "12 months", "12 kuukautta"), dates ("31 mars
2019", "31 March", "31. maaliskuuta", "2019-03-31"), the e-mail address, the
phone number in national and international form, link addresses and the
contact's name. It searches the pages (docs/), the theme's templates and scripts
(overrides/*.html, *.js) and the call's own texts (calls/<slug>/text/ and the texts of
its YAML files). The decision's grants are facts of their own (outcome.yml) and
are never asked to be the call's cap.
"""

from __future__ import annotations

import bisect
import itertools
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from babel.dates import get_month_names

from macros.call_data import display_path
from macros.fact_table import spotted, value_at
from macros.front_matter import body_in_place
from macros.number_format import input_words
from macros.messages import problem_text
from macros.problems import Problem
from macros.user_cache import known, remember

MODULE_SOURCE = Path(__file__).read_text(encoding="utf-8")  # what spots a fact is part of a verdict's key

ROOT = Path(__file__).resolve().parent.parent
SEARCHED = (("docs", (".md",)), ("overrides", (".html", ".js")))
# The texts of these data files are searched; outcome.yml holds facts of its own.
TEXT_FILES = ("call", "glossary", "questions", "guidance")

# The name a page writes instead of each fact it spots (the facts table, macros/fact_table.py).
MACROS = {fact.path: "{{ call.%s }}" % fact.name for fact in spotted()}


@dataclass(frozen=True)
class Hit:
    file: str
    line: int
    path: str  # the fact's place in call.yml: funding.max_support_sek, window.closes, …
    text: str

    def params(self) -> dict[str, str]:
        """The values of the message 'fact_typed': what was typed, and what to write instead."""
        return {"text": repr(self.text), "macro": MACROS.get(self.path, "{{ call.… }}"), "source": f"call.yml ({self.path})"}

    def problem(self) -> Problem:
        return Problem(self.file, self.line, "fact_typed", tuple(self.params().items()))

    def __str__(self) -> str:
        what, expected = problem_text("fact_typed", self.params())
        return f"{self.file}:{self.line}: {what} ({expected})"


def _starting(literal: str, *not_after: str) -> str:
    """`literal` where none of `not_after` (each of fixed width) comes right before it, written literal first:
    Python's re jumps to a pattern's literal start, but tries a pattern that starts with a lookbehind at every
    character (the fact finder's search takes a third of the time)."""
    return literal + "".join(f"(?<!{before}{literal})" for before in not_after)


def _number(value: int) -> str:
    """Digits of a number, allowing any thousands separator people type: 800000, 800 000, 800,000, 800.000."""
    digits = str(value)
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    # Not part of a larger number: no digit, nor digit and separator, before it.
    return (_starting(groups[0], r"[\d.,]", r"\d[\s\u00a0]") + "".join(rf"[\s\u00a0.,]?{group}" for group in groups[1:])
            + r"(?![\d]|[.,]\d|[\s\u00a0]\d{3})")


def _loose_digits(digits: str) -> str:
    """A digit string with any spaces, dashes or no-break spaces between the digits."""
    return r"[\s\u00a0\-]?".join(re.escape(d) for d in digits)


def _month_words(languages) -> dict[int, set[str]]:
    """Every published language's names of each month (Babel's, or the language's own), and their short forms."""
    words: dict[int, set[str]] = {month: set() for month in range(1, 13)}
    for lang in languages:
        own = lang.formats.get("month_names")
        for context in ("format", "stand-alone"):
            names = get_month_names("wide", context=context, locale=lang.locale)
            for month in range(1, 13):
                name = own[month - 1] if own else names[month]
                words[month].update({name.lower(), name.lower()[:3]})
    return words


def _date_patterns(iso: str, month_words: dict[int, set[str]]) -> list[str]:
    year, month, day = (int(part) for part in iso.split("-"))
    names = "|".join(sorted((re.escape(word) for word in month_words[month]), key=lambda word: (-len(word), word)))
    other_year = rf"(?!,?[\s\u00a0]+(?!{year})\d{{4}})"  # "31 mars 2020" is another date
    return [
        re.escape(iso),
        _starting(str(day), r"\d") + rf"/{month}(?:[/-]{year})?(?!\d)",
        _starting(str(day), r"\d") + rf"(?:e|:e|st|nd|rd|th|\.)?[\s\u00a0]+(?:{names})\.?\b{other_year}",
        rf"\b(?:{names})\.?[\s\u00a0]+{day}(?!\d){other_year}",
    ]


def _words(languages, kind: str) -> list[str]:
    """Every published language's words for a kind of number (months, percent), from the language data."""
    words = {word for lang in languages for word in input_words(lang)[kind]}
    return sorted(words, key=lambda word: (-len(word), word))


def kind_patterns(kind: str, value, languages) -> list[str]:
    """Every form a value of a kind of fact may be typed in, in any published language."""
    if kind == "money":
        return [_number(value)]
    if kind == "percent":
        whole, _point, fraction = format(Decimal(str(value)).normalize(), "f").partition(".")
        words = "|".join(re.escape(word).replace(r"\ ", r"[\s\u00a0]") for word in _words(languages, "percent"))
        return [_starting(whole, r"[\d.,]") + (f"[.,]{fraction}" if fraction else "") + rf"[\s\u00a0]?(?:%|{words})"]
    if kind == "months":
        words = "|".join(re.escape(word) for word in _words(languages, "months"))
        return [_starting(str(value), r"\d") + rf"[\s\u00a0-]?(?:{words})\b"]
    if kind in ("date", "closing_date"):
        return _date_patterns(value, _month_words(languages))
    if kind == "phone":
        digits = re.sub(r"\D", "", value)
        # The lookahead names the characters a number can start with: the search skips the rest at once.
        return [rf"(?=[+0\s\u00a0()]|{digits[1]})(?<!\d)(?:\+46|0046)?[\s\u00a0(]*0?\)?[\s\u00a0]*{_loose_digits(digits[1:])}(?!\d)"]
    return [re.escape(value)]  # person, email: as written


def fact_patterns(call: dict, languages) -> list[tuple[str, re.Pattern]]:
    """(place of the fact in call.yml, pattern) pairs, all derived from the data: every fact the table says
    the finder spots (macros/fact_table.py), in every form of its kind, and every link address."""
    patterns = []
    for fact in spotted():
        value = value_at(call, fact.path)
        if value not in (None, ""):
            patterns += [(fact.path, pattern) for pattern in kind_patterns(fact.kind, value, languages)]
    for path, url in _urls(call):
        bare = re.escape(re.sub(r"^https?://(www\.)?", "", url).rstrip("/"))
        # With or without its scheme and www., each written out: three times faster to search than optional parts.
        patterns.append((path, rf"https?://(?:www\.)?{bare}|www\.{bare}|{bare}"))
    compiled = {pattern: re.compile(pattern, re.IGNORECASE) for _fact, pattern in patterns}
    return [(fact, compiled[pattern]) for fact, pattern in patterns]


def _urls(node, path: str = "") -> list[tuple[str, str]]:
    """(place in call.yml, address) for every link of the call's facts."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            place = f"{path}.{key}" if path else key
            found += [(place, value)] if key.endswith("url") and isinstance(value, str) else _urls(value, place)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _urls(item, f"{path}[{index}]")
    return found


# Joins every line of every text searched, so that each pattern searches them all at once: no pattern matches
# it, nor counts it as a space, digit or letter, so each line is searched as if alone (its ends are like a
# text's ends to every lookaround). A line that holds it is searched on its own.
LINE_BREAK = "\x00"


def find_in_texts(texts: list[tuple[str, int, str]], patterns) -> list[Hit]:
    """Every hit of every pattern in each (file, first line, text), in the order of the texts, then of their lines,
    then of the patterns; a hit repeated within one text is listed once."""
    together, alone = [], []  # (text's index, file, line, the line's text)
    for index, (file, first_line, text) in enumerate(texts):
        for offset, line in enumerate(text.splitlines()):
            (alone if LINE_BREAK in line else together).append((index, file, first_line + offset, line))
    joined = LINE_BREAK.join(entry[3] for entry in together)
    starts = list(itertools.accumulate((len(entry[3]) + 1 for entry in together[:-1]), initial=0))
    matches = {pattern: list(pattern.finditer(joined)) for _fact, pattern in patterns}  # facts may share one
    found = []
    for order, (fact, pattern) in enumerate(patterns):
        for match in matches[pattern]:
            index, file, line, _text = together[bisect.bisect_right(starts, match.start()) - 1]
            found.append((index, line, order, match.start(), Hit(file, line, fact, match.group(0))))
    for index, file, line, text in alone:
        for order, (fact, pattern) in enumerate(patterns):
            found += [(index, line, order, match.start(), Hit(file, line, fact, match.group(0)))
                      for match in pattern.finditer(text)]
    hits, seen = [], set()
    for index, *_place, hit in sorted(found, key=lambda entry: entry[:4]):
        if (index, hit) not in seen:
            seen.add((index, hit))
            hits.append(hit)
    return hits


def text_fields(loaded) -> list[tuple[str, int, str]]:
    """(file, line, text) for every text of every language in the call's YAML files."""
    found = []
    codes = set(loaded.languages.codes)
    for name in TEXT_FILES:
        document = loaded.documents.get(name)
        if document is None:
            continue
        file = loaded.file(name)

        def walk(node, prefix=()):
            if isinstance(node, dict) and node and set(node) <= codes and all(isinstance(v, str) for v in node.values()):
                for code, value in node.items():
                    found.append((file, document.line(prefix + (code,)), value))
            elif isinstance(node, dict):
                for key, value in node.items():
                    walk(value, prefix + (key,))
            elif isinstance(node, list):
                for index, item in enumerate(node):
                    walk(item, prefix + (index,))

        walk(document.data)
    return found


def find_facts(prepared, root: Path = ROOT) -> list[Hit]:
    """Every fact typed by hand into the pages, the theme and the call's own texts."""
    loaded = prepared.loaded
    call = loaded.call
    patterns = fact_patterns(call, loaded.languages)
    files = [path for name, suffixes in SEARCHED for path in sorted((root / name).rglob("*")) if path.suffix in suffixes]
    texts = [(display_path(path), 1, path.read_text(encoding="utf-8")) for path in files]
    # The call's longer texts as the site shows them: a translation's header is its record, not text.
    texts += [(display_path(path), 1, body_in_place(path.read_text(encoding="utf-8")))
              for path in sorted((loaded.folder / "text").rglob("*.md"))]
    texts += text_fields(loaded)
    # Texts found clean are remembered by what decides it (every text where it stands, every pattern, this module),
    # so an unchanged project is not searched again (a tenth of make check); a text that types a fact is searched
    # every time, and says so every time.
    key = ("\x00".join(f"{file}\x01{line}\x01{text}" for file, line, text in texts),
           "\x00".join(f"{fact}\x01{pattern.pattern}\x01{pattern.flags}" for fact, pattern in patterns), MODULE_SOURCE)
    if known("clean-texts", key):
        return []
    hits = find_in_texts(texts, patterns)
    if not hits:
        remember("clean-texts", key)
    return hits


def main() -> int:
    from macros.prepared import prepare
    hits = find_facts(prepare(with_history=False))
    for hit in hits:
        print(hit)
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
