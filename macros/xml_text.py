"""Text and attribute values for XML written by hand (feeds, sitemaps): what xml.sax.saxutils does for them,
without importing it (it imports urllib.request, and with it http, ssl and email: a fifth of a build's imports)."""

from __future__ import annotations

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def escape(text: str) -> str:
    """Character data: &, < and > as entities."""
    return text.translate(_TEXT)


def quoteattr(value: str) -> str:
    """An attribute value in double quotes, with everything that would end or change it as a reference."""
    return '"' + value.translate(_ATTRIBUTE) + '"'
