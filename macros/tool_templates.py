"""Render a tool's template (overrides/tools/<tool>/<tool>.html) with the parameters it lists.

Tool templates are the project's own code, not editors' text: a plain Jinja
environment with autoescaping, strict about undefined parameters, so a missing
one stops the build instead of printing nothing.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

TOOLS_DIR = Path(__file__).resolve().parent.parent / "overrides" / "tools"
# Fragments that are not tools (no script of their own): overrides/components/<name>/<name>.html.
COMPONENTS_DIR = TOOLS_DIR.parent / "components"

ENVIRONMENT = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TOOLS_DIR)), autoescape=True,
                                 undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_tool(template: str, **params) -> Markup:
    """`render_tool("calculator/calculator.html", …)`: the tool's markup."""
    return Markup(ENVIRONMENT.get_template(template).render(**params).strip())


COMPONENTS = ENVIRONMENT.overlay(loader=jinja2.FileSystemLoader(str(COMPONENTS_DIR)))


def render_component(template: str, **params) -> Markup:
    """`render_component("downloads/downloads.html", …)`: a component's markup."""
    return Markup(COMPONENTS.get_template(template).render(**params).strip())


# Scripts of the site that a tool's own script uses.
SHARED_SCRIPTS = {"calculator": ["assets/javascripts/call-format.js"], "eligibility": ["assets/javascripts/call-format.js"]}


def tool_assets(tool: str) -> dict[str, list[str]]:
    """A tool's own stylesheet and scripts, as paths relative to a language's root."""
    folder = TOOLS_DIR / tool
    return {"styles": [f"tools/{tool}/{tool}.css"] if (folder / f"{tool}.css").is_file() else [],
            "scripts": SHARED_SCRIPTS.get(tool, []) + ([f"tools/{tool}/{tool}.js"] if (folder / f"{tool}.js").is_file() else [])}


def all_tools() -> list[str]:
    return sorted(path.name for path in TOOLS_DIR.iterdir() if path.is_dir())
