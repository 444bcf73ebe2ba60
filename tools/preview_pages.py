"""What a preview shows that the site never does: the bar of what the check warns about, on top of every page, and
the page of what it refuses, in place of the site. The local preview (tools/serve.py) serves them live, with its
reload script; a branch's preview in the hosted pipeline (tools/hosted_preview.py) writes them into its pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.components import render_component
from macros.messages import message_language, say

PREVIEW_FILES = Path(__file__).resolve().parent / "preview"  # the preview's own style and reload script
LIVE_ASSETS = "/__preview/"  # where the local preview serves them
STATIC_ASSETS = "__preview/"  # where a branch's preview keeps a copy of them, under its root


@dataclass(frozen=True)
class PreviewWarnings:
    """What the preview's gate let through, shown above the preview's pages."""
    heading: str
    lines: tuple
    assets: str
    live: bool


@dataclass(frozen=True)
class PreviewProblems:
    """The page the preview shows instead of the site while the check refuses the call."""
    language: str
    title: str
    lines: tuple
    assets: str
    live: bool


def editor_lines(problems: list, root: Path, folder: Path) -> list[str]:
    """The problems as the preview shows them to an officer (tools/field_labels.py: for_editor): by the form's labels,
    with what to do in the editor; by the check's own words only when even the language table does not read."""
    from macros.call_data import load_languages
    from macros.problems import CallError
    from tools.field_labels import for_editor
    if not problems:
        return []
    try:
        languages = load_languages(folder)
    except CallError:
        return [problem.text() for problem in problems]
    return [for_editor(problem, root, languages) for problem in problems]


def warnings_bar(lines: list[str], assets: str = LIVE_ASSETS, live: bool = True) -> str:
    model = PreviewWarnings(say("preview_warnings", count=len(lines)), tuple(lines), assets, live)
    return render_component("preview_warnings", model=model)


def problems_page(lines: list[str], assets: str = LIVE_ASSETS, live: bool = True) -> str:
    model = PreviewProblems(message_language(), say("preview_failed"), tuple(lines), assets, live)
    return render_component("preview_problems", model=model)
