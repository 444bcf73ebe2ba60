"""The published languages, as the call's language table (call/languages.yml) lists them.

A language is data: its code, its own name, the locale that formats its
numbers and dates, where it is published, its scope (every page, or a summary)
and its interface strings (macros/strings/<code>.yml). No code asks which
language it is; it asks the language for what it needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

import material

STRINGS_DIR = Path(__file__).with_name("strings")
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def material_has_language(code: str) -> bool:
    """Material ships its own interface texts (Search, Skip to content) for this language."""
    return (MATERIAL_TEMPLATES / "partials" / "languages" / f"{code}.html").is_file()


# lunr stems English itself; every other language needs its own file in Material's assets.
LUNR_BUILT_IN = ("en",)


def lunr_has_language(code: str) -> bool:
    """Material's search has a stemmer for this language."""
    return code in LUNR_BUILT_IN or (MATERIAL_TEMPLATES / "assets" / "javascripts" / "lunr" / "min" / f"lunr.{code}.min.js").is_file()


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47: sv, en, fi, smj, fit …
    name: str  # its own name: Svenska, English, Suomi
    locale: str  # Babel's locale for numbers and dates (a stated fallback where Babel has none)
    path: str  # "" at the site root, "fi/" under fi/
    scope: str  # "full": every page and tool; "summary": basic information only
    authoritative: bool
    search: str | None  # lunr's language with a stemmer; None: search without stemming
    theme: str  # the language Material draws its own texts in
    easy_read: str | None = None  # a page of this language in easy-to-read form
    source: str = ""  # the authoritative language's code: what this one translates
    strings: MappingProxyType = field(default_factory=lambda: MappingProxyType({}), compare=False, repr=False)

    @property
    def full(self) -> bool:
        return self.scope == "full"

    @property
    def web_locale(self) -> str:
        """The locale as a browser's Intl API takes it: sv_SE -> sv-SE."""
        return self.locale.replace("_", "-")

    @property
    def formats(self) -> dict:
        return self.strings["formats"]

    @property
    def easy_read_strings(self) -> dict:
        """The easy-to-read page's own words (its strings' easy_read group), or none."""
        return dict(self.strings.get("easy_read") or {}) if self.easy_read else {}

    def href_from(self, other: "Language", page: str) -> str:
        """A relative link from a page of `other` to `page` of this language."""
        up = "../" * other.path.count("/")
        return f"{up}{self.path}{page}"


class Languages:
    """Every published language, the authoritative one first."""

    def __init__(self, languages: list[Language]):
        self.all = tuple(languages)
        self.authoritative = next(lang for lang in self.all if lang.authoritative)
        self.full = tuple(lang for lang in self.all if lang.full)
        self.summary = tuple(lang for lang in self.all if not lang.full)
        self._by_code = {lang.code: lang for lang in self.all}

    def __iter__(self):
        return iter(self.all)

    def __len__(self) -> int:
        return len(self.all)

    def __getitem__(self, code: str) -> Language:
        return self._by_code[code]

    def __contains__(self, code: str) -> bool:
        return code in self._by_code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._by_code)

    def others(self, lang: Language) -> tuple[Language, ...]:
        return tuple(other for other in self.all if other != lang)

    def under(self, slug: str) -> "Languages":
        """The languages of one call of the site: each in the call's folder under its own place (/<slug>/,
        /en/<slug>/), so that every address the call's pages, files and feeds compute from a language's place is
        the call's own."""
        return Languages([replace(lang, path=f"{lang.path}{slug}/") for lang in self.all])


def from_table(entries: list[dict], strings: dict[str, dict]) -> Languages:
    """Languages from the validated table and each language's validated strings."""
    languages = []
    for entry in entries:
        code = entry["code"]
        languages.append(Language(
            code=code,
            name=entry["name"],
            locale=entry["locale"],
            path=entry["path"].strip("/") + "/" if entry["path"].strip("/") else "",
            scope=entry["scope"],
            authoritative=bool(entry.get("authoritative")),
            search=entry.get("search"),
            theme=entry.get("theme") or code,
            easy_read=entry.get("easy_read"),
            source=next(e["code"] for e in entries if e.get("authoritative")),
            strings=MappingProxyType(strings[code]),
        ))
    return Languages(languages)
