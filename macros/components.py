"""The one renderer of the project's own HTML: tools (overrides/tools/<tool>/) and components
(overrides/components/<name>/), each a template drawn from a view model.

Templates are the project's own code, not editors' text: a plain Jinja environment
with autoescaping, strict about undefined parameters, so a missing one stops the
build instead of printing nothing. Two filters escape what the data says:
`data_text` (HTML, and every character Markdown would read as markup, since the
pages are Markdown after their macros are drawn) and `fill` (an interface string
with its {names} filled, the string escaped and the values as drawn).
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .formatting import fill_template
from .user_cache import template_cache

TOOLS_DIR = Path(__file__).resolve().parent.parent / "overrides" / "tools"
# Fragments that are not tools (no script of their own): overrides/components/<name>/<name>.html.
COMPONENTS_DIR = TOOLS_DIR.parent / "components"

# Characters Markdown reads as markup inside a line (links, images, emphasis, code, attribute lists,
# escapes, tables), and at the start of one (headings, lists, quotes, definitions).
MARKDOWN_INLINE = str.maketrans({char: f"&#{ord(char)};" for char in "[]!*_`{}\\|~"})
MARKDOWN_LINE_START = "#-+>:="


def data_text(value) -> Markup:
    """A one-line text of the data as plain text: HTML-escaped, and every character Markdown would
    read as markup written as a character reference, so that a title with [a link](…), an image or
    `{: .class }` shows exactly those characters and becomes no markup."""
    escaped = str(escape(value)).translate(MARKDOWN_INLINE)
    stripped = escaped.lstrip()
    lead = len(escaped) - len(stripped)
    if stripped and stripped[0] in MARKDOWN_LINE_START:
        escaped = escaped[:lead] + f"&#{ord(stripped[0])};" + stripped[1:]
    else:
        digits = len(stripped) - len(stripped.lstrip("0123456789"))
        if digits and stripped[digits:digits + 1] in (".", ")"):
            escaped = escaped[:lead + digits] + f"&#{ord(stripped[digits])};" + stripped[digits + 1:]
    return Markup(escaped)


def fill(template: str, **values) -> Markup:
    """Fill an interface string for a page: the string escaped, the values as given (escaped unless drawn)."""
    return Markup(fill_template(str(escape(template)), **{name: str(escape(value)) for name, value in values.items()}))


ENVIRONMENT = jinja2.Environment(loader=jinja2.FileSystemLoader([str(TOOLS_DIR), str(COMPONENTS_DIR)]), autoescape=True,
                                 undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                 bytecode_cache=template_cache("components"))
ENVIRONMENT.filters.update(data_text=data_text, fill=fill)


def render_tool(template: str, **params) -> Markup:
    """`render_tool("calculator/calculator.html", …)`: the tool's markup."""
    return Markup(ENVIRONMENT.get_template(template).render(**params).strip())


def render_component(name: str, **params) -> Markup:
    """`render_component("timeline", model=…)`: overrides/components/timeline/timeline.html drawn."""
    # Only line ends are trimmed: a component may start with a space (in_phase: attributes).
    return Markup(ENVIRONMENT.get_template(f"{name}/{name}.html").render(**params).strip("\n"))


def inline(pieces) -> Markup:
    """A line's pieces (macros/pieces.py) drawn as parts.html draws them inside every component."""
    return Markup(ENVIRONMENT.get_template("parts.html").module.inline(pieces))


# Scripts of the site that a tool's own script uses.
SHARED_SCRIPTS = {"calculator": ["assets/javascripts/call-format.js"], "eligibility": ["assets/javascripts/call-format.js"]}


def tool_assets(tool: str) -> dict[str, list[str]]:
    """A tool's own stylesheet and scripts, as paths relative to a language's root."""
    folder = TOOLS_DIR / tool
    return {"styles": [f"tools/{tool}/{tool}.css"] if (folder / f"{tool}.css").is_file() else [],
            "scripts": SHARED_SCRIPTS.get(tool, []) + ([f"tools/{tool}/{tool}.js"] if (folder / f"{tool}.js").is_file() else [])}


def all_tools() -> list[str]:
    return sorted(path.name for path in TOOLS_DIR.iterdir() if path.is_dir())


def all_components() -> list[str]:
    return sorted(path.name for path in COMPONENTS_DIR.iterdir() if path.is_dir())
