"""The menu every language shares: the pages listed under `nav:` in mkdocs.yml, in order, with their lines; and
the site's own pages (`extra.site_pages`), which no call's menu lists.

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
    return _listed_pages(root, "nav:")


def site_pages(root: Path = ROOT) -> list[str]:
    """The site's own pages (`site_pages:` under `extra:` in mkdocs.yml), built at each language's place."""
    return [page for page, _line in site_page_lines(root)]


def site_page_lines(root: Path = ROOT) -> list[tuple[str, int]]:
    return _listed_pages(root, "  site_pages:")


def _listed_pages(root: Path, key: str) -> list[tuple[str, int]]:
    """The pages listed under the line `key` of mkdocs.yml (up to the next line indented as the key), with their lines."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    indent = len(key) - len(key.lstrip())
    found, inside = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(key):
            inside = True
            continue
        if inside and line.strip() and not line.lstrip().startswith("#") and len(line) - len(line.lstrip()) <= indent \
                and not line.lstrip().startswith("- "):
            break
        item = line.strip()
        if inside and item.startswith("- "):
            page = item[2:].split(":", 1)[-1].strip()
            if page.endswith(".md"):
                found.append((page, number))
    return found
