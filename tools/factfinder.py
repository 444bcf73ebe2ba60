"""Find facts of the call typed by hand where only the data should supply them.

    python -m tools.factfinder        # lists every hit as FILE:LINE: what (the text), exits 1 if any

The patterns are derived from the call data itself, in every form the site
renders and the forms people type: amounts ("800 000", "800,000", "800000"),
rates ("75 %", "75 procent"), lengths ("12 månader"), dates ("31 mars 2019",
"31 March", "2019-03-31"), the e-mail address, the phone number in national
and international form, link addresses, and the contact's name. It searches
docs/, overrides/ and the call's own texts (call/text/ and the texts in the
YAML files): a page or a text asks for a fact with a macro, never types it.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from macros.call_data import LANGUAGES, call_dir, display_path, load_call, text_fields
from macros.messages import problem_text

ROOT = Path(__file__).resolve().parent.parent
SEARCHED = ("docs", "overrides")
TEXT_SUFFIXES = {".md", ".html", ".js", ".css", ".yml", ".yaml", ".txt", ".svg", ".json"}

MONTHS = {
    "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
}


# The macro a page writes instead of each kind of fact.
MACROS = {
    "funding.max_support_sek": "{{ call.max_support }}", "funding.max_rate_percent": "{{ call.max_rate }}",
    "max_project_months": "{{ call.max_project_length }}", "contact.email": "{{ call.contact_email }}",
    "contact.phone": "{{ call.contact_phone }}", "contact.name": "{{ call.contact_name }}",
    "window.opens": "{{ call.opens }}", "window.closes": "{{ call.closes }}",
}


@dataclass(frozen=True)
class Hit:
    file: str
    line: int
    path: str  # the fact's place in call.yml: funding.max_support_sek, window.closes, …
    text: str

    def params(self) -> dict[str, str]:
        """The values of the message 'fact_typed': what was typed, and what to write instead."""
        return {"text": repr(self.text), "macro": MACROS.get(self.path, "{{ call.… }}"), "source": f"call.yml ({self.path})"}

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
    return r"[\s\u00a0\-]*".join(re.escape(d) for d in digits)


def _date_patterns(iso: str) -> list[str]:
    year, month, day = (int(part) for part in iso.split("-"))
    patterns = [re.escape(iso), rf"(?<!\d){day}/{month}(?:[/-]{year})?(?!\d)"]
    for lang in LANGUAGES:
        name = MONTHS[lang][month - 1]
        short = name[:3]
        other_year = rf"(?!,?[\s\u00a0]+(?!{year})\d{{4}})"  # "31 mars 2020" is another date
        patterns.append(rf"(?<!\d){day}(?:e|:e|st|nd|rd|th)?[\s\u00a0]+(?:{name}|{short}\.?)\b{other_year}")
        patterns.append(rf"\b(?:{name}|{short}\.?)[\s\u00a0]+{day}(?!\d){other_year}")
    return patterns


def fact_patterns(call: dict) -> list[tuple[str, re.Pattern]]:
    """(place of the fact in call.yml, pattern) pairs, all derived from the data."""
    funding, contact, window = call["funding"], call["contact"], call["window"]
    rate = format(Decimal(str(funding["max_rate_percent"])).normalize(), "f")
    rate_digits = re.escape(rate).replace(r"\.", "[.,]")
    phone_digits = re.sub(r"\D", "", contact["phone"])
    patterns = [
        ("funding.max_support_sek", _number(funding["max_support_sek"])),
        ("funding.max_rate_percent", rf"(?<![\d.,]){rate_digits}[\s\u00a0]?(?:%|procent|per[\s\u00a0]?cent)"),
        ("max_project_months", rf"(?<!\d){call['max_project_months']}[\s\u00a0-]?(?:månader|månaders|months?)\b"),
        ("contact.email", re.escape(contact["email"])),
        ("contact.phone", rf"(?<!\d)(?:\+46|0046)?[\s\u00a0(]*0?\)?[\s\u00a0]*{_loose_digits(phone_digits[1:])}(?!\d)"),
        ("contact.name", re.escape(contact["name"])),
    ]
    for key in ("opens", "closes"):
        for pattern in _date_patterns(window[key]):
            patterns.append((f"window.{key}", pattern))
    for path, url in _urls(call):
        bare = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
        patterns.append((path, r"(?:https?://)?(?:www\.)?" + re.escape(bare)))
    return [(fact, re.compile(pattern, re.IGNORECASE)) for fact, pattern in patterns]


def _urls(node, path: str = "") -> list[tuple[str, str]]:
    """(place in call.yml, address) for every link of the call."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            place = f"{path}.{key}" if path else key
            found += [(place, value)] if key.endswith("url") and isinstance(value, str) else _urls(value, place)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _urls(item, f"{path}[{index}]")
    return found


def find_in_text(text: str, file: str, patterns, first_line: int = 1) -> list[Hit]:
    hits = []
    for offset, line in enumerate(text.splitlines()):
        for fact, pattern in patterns:
            for match in pattern.finditer(line):
                hit = Hit(file, first_line + offset, fact, match.group(0))
                if hit not in hits:
                    hits.append(hit)
    return hits



def find_facts(root: Path = ROOT, folder: Path | None = None) -> list[Hit]:
    """Every fact typed by hand into the pages, the theme and the call's own texts."""
    folder = folder or call_dir()
    call = load_call(folder)
    patterns = fact_patterns(call)
    hits = []
    files = [path for name in SEARCHED for path in sorted((root / name).rglob("*")) if path.suffix in TEXT_SUFFIXES]
    files += sorted((folder / "text").rglob("*.md"))
    for path in files:
        hits += find_in_text(path.read_text(encoding="utf-8"), display_path(path), patterns)
    for file, line, text in text_fields(folder):
        hits += find_in_text(text, file, patterns, line)
    return hits


def main() -> int:
    hits = find_facts()
    for hit in hits:
        print(hit)
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
