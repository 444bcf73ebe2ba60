"""The render stage: a page of docs/<lang>/ drawn in the sandbox with the names of its language.

One renderer for the check, the preview and the build: `make check` renders every page
(tools/check.py) and keeps the result on the prepared call, and each language's build
(macros/site_hooks.py) takes it from there, so a page renders once per build. A page's
description is rendered with the facts as plain text only (it becomes a meta tag).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import Markup, escape

from .context import Recorder
from .front_matter import split_front_matter
from .templating import render
from .view import plain_facts, site_facts


@dataclass(frozen=True)
class RenderedPage:
    markdown: str  # the page's body with its macros drawn: Markdown and the components' HTML
    tools: tuple  # the tools it uses, whose scripts and styles load with it
    description: str  # its meta description, HTML-escaped plain text, or empty


def description_names(names: dict, call: dict, lang) -> dict:
    """What a page's description may use: the facts as plain text, and the interface strings. Marked safe so that
    the whole description renders as plain text, escaped once after (render_page)."""
    return {"call": {name: Markup(value) for name, value in plain_facts(call, lang).items()},
            "ui": {name: Markup(value) for name, value in names["ui"].items()}}


def site_description_names(names: dict, call: dict, lang) -> dict:
    """The same for a page of the site's own: the site's facts as plain text, and the interface strings."""
    return {"site": {name: Markup(value) for name, value in site_facts(call, lang, plain=True).items()},
            "ui": {name: Markup(value) for name, value in names["ui"].items()}}


def render_page(path: Path, shown: str, names: dict, plain_names: dict, recorder: Recorder) -> RenderedPage:
    """The page at `path` (named `shown` in messages); TemplateProblem, with its file and line, when it cannot render."""
    front, body, offset = split_front_matter(path.read_text(encoding="utf-8"))
    recorder.tools.clear()
    markdown = str(render(body, names, shown, offset + 1))
    tools = tuple(sorted(recorder.tools))
    description = (yaml.safe_load(front) or {}).get("description") if front else None
    drawn = str(render(description, plain_names, shown, 2, html_allowed=False)) if isinstance(description, str) else ""
    return RenderedPage(markdown, tools, str(escape(drawn)))
