"""Find facts of the call typed by hand where only the data should supply them.

    python -m tools.factfinder        # lists every hit as FILE:LINE: what (the text), exits 1 if any

The patterns are derived from the call data and the language table, in every
form the site renders in any published language and the forms people type:
amounts ("800 000", "800,000", "800000"), rates ("75 %", "75 procent", "75 per
cent"), lengths ("12 månader", "12 months", "12 kuukautta"), dates ("31 mars
2019", "31 March", "31. maaliskuuta", "2019-03-31"), the e-mail address, the
phone number in national and international form, link addresses and the
contact's name. It searches the pages (docs/), the theme's templates and scripts
(overrides/*.html, *.js) and the call's own texts (call/text/ and the texts of
its YAML files). The decision's grants are facts of their own (outcome.yml) and
are never asked to be the call's cap.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from babel.dates import get_month_names

from macros.call_data import display_path
from macros.fact_table import spotted, value_at
from macros.number_format import input_words
from macros.messages import problem_text
from macros.problems import Problem

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


def _number(value: int) -> str:
    """Digits of a number, allowing any thousands separator people type: 800000, 800 000, 800,000, 800.000."""
    digits = str(value)
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    # Not part of a larger number: no digit, nor digit and separator, before it.
    return r"(?<![\d.,])(?<!\d[\s\u00a0])" + r"[\s\u00a0.,]?".join(groups) + r"(?![\d]|[.,]\d|[\s\u00a0]\d{3})"


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
        rf"(?<!\d){day}/{month}(?:[/-]{year})?(?!\d)",
        rf"(?<!\d){day}(?:e|:e|st|nd|rd|th|\.)?[\s\u00a0]+(?:{names})\.?\b{other_year}",
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
        digits = re.escape(format(Decimal(str(value)).normalize(), "f")).replace(r"\.", "[.,]")
        words = "|".join(re.escape(word).replace(r"\ ", r"[\s\u00a0]") for word in _words(languages, "percent"))
        return [rf"(?<![\d.,]){digits}[\s\u00a0]?(?:%|{words})"]
    if kind == "months":
        words = "|".join(re.escape(word) for word in _words(languages, "months"))
        return [rf"(?<!\d){value}[\s\u00a0-]?(?:{words})\b"]
    if kind in ("date", "closing_date"):
        return _date_patterns(value, _month_words(languages))
    if kind == "phone":
        digits = re.sub(r"\D", "", value)
        return [rf"(?<!\d)(?:\+46|0046)?[\s\u00a0(]*0?\)?[\s\u00a0]*{_loose_digits(digits[1:])}(?!\d)"]
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
        bare = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
        patterns.append((path, r"(?:https?://)?(?:www\.)?" + re.escape(bare)))
    return [(fact, re.compile(pattern, re.IGNORECASE)) for fact, pattern in patterns]


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


# Joins a text's lines for one search per pattern: no pattern matches it, nor counts it as a space, digit or
# letter, so each line is searched as if alone (its ends are like the text's ends to every lookaround).
LINE_BREAK = "\x00"


def find_in_text(text: str, file: str, patterns, first_line: int = 1) -> list[Hit]:
    """Every hit of every pattern, line by line, in the order of the lines and then of the patterns."""
    lines = text.splitlines()
    if LINE_BREAK in text:  # a text that holds the joiner itself is searched a line at a time
        return [hit for offset, line in enumerate(lines) for hit in find_in_text(line.replace(LINE_BREAK, " "), file, patterns, first_line + offset)]
    joined = LINE_BREAK.join(lines)
    found = []
    for order, (fact, pattern) in enumerate(patterns):
        for match in pattern.finditer(joined):
            line = first_line + joined.count(LINE_BREAK, 0, match.start())
            found.append((line, order, match.start(), Hit(file, line, fact, match.group(0))))
    hits = []
    for *_place, hit in sorted(found, key=lambda entry: entry[:3]):
        if hit not in hits:
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
    hits = []
    files = [path for name, suffixes in SEARCHED for path in sorted((root / name).rglob("*")) if path.suffix in suffixes]
    files += sorted((loaded.folder / "text").rglob("*.md"))
    for path in files:
        hits += find_in_text(path.read_text(encoding="utf-8"), display_path(path), patterns)
    for file, line, text in text_fields(loaded):
        hits += find_in_text(text, file, patterns, line)
    return hits


def main() -> int:
    from macros.prepared import prepare
    hits = find_facts(prepare(with_history=False))
    for hit in hits:
        print(hit)
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
