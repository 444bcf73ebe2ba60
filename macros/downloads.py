"""What applicants download, per full language: the call as a PDF and a budget template.

Their file names and link texts are each language's strings (`downloads` group), so a language is
added as data. The files are written after the pages are built (tools/call_document.py,
tools/budget_template.py); the pages, the open data and the tests all ask this module where they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from .languages import Language

# What each download is: its strings' prefix, its file ending and its media type.
KINDS = {
    "call_document": {"suffix": ".pdf", "media_type": "application/pdf"},
    "budget": {"suffix": ".xlsx", "media_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
}


@dataclass(frozen=True)
class Download:
    kind: str  # call_document | budget
    file: str  # its path from the language's root: "utlysning.pdf"
    label: str  # the link's text, in the language
    media_type: str


def download(lang: Language, kind: str) -> Download:
    strings = lang.strings
    return Download(kind, strings[f"download_{kind}_file"] + KINDS[kind]["suffix"], strings[f"download_{kind}"],
                    KINDS[kind]["media_type"])


def downloads(lang: Language) -> list[Download]:
    """Every download of a full language; a summary language has none (its readers are sent to a full one)."""
    return [download(lang, kind) for kind in KINDS] if lang.full else []


def site_path(lang: Language, item: Download) -> str:
    """Where the file is, from the site's root: "en/call.pdf"."""
    return f"{lang.path}{item.file}"


def links(lang: Language, kinds: tuple[str, ...] = tuple(KINDS)) -> tuple[Download, ...]:
    """The download links a page shows (the start page and how-to-apply: the PDF; the calculator: the template)."""
    return tuple(download(lang, kind) for kind in kinds)
