"""The menu every language shares: the pages listed under `nav:` in mkdocs.yml, in order, with their lines.

Read here once for the check (which names a page missing from it, at its line) and the build (which
writes each language's menu from it).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def base_nav(root: Path = ROOT) -> list[str]:
    """The pages of the menu (nav in mkdocs.yml), in order."""
    return [page for page, _line in nav_lines(root)]


def nav_lines(root: Path = ROOT) -> list[tuple[str, int]]:
    """The menu's pages with the line each stands on in mkdocs.yml."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    found, inside = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("nav:"):
            inside = True
            continue
        if inside and line and not line.startswith((" ", "-", "#")):
            break
        item = line.strip()
        if inside and item.startswith("- "):
            page = item[2:].split(":", 1)[-1].strip()
            if page.endswith(".md"):
                found.append((page, number))
    return found
