"""The theme's template environment for every language's build: mkdocs' own, with a loader that lists no hidden
folder and the compiled templates kept (macros/user_cache.py)."""

from __future__ import annotations

import os

import jinja2
from mkdocs.theme import Theme

from macros.user_cache import template_cache


class VisibleFilesLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, whose list of the theme's files leaves out hidden folders. mkdocs copies each listed
    file its filter keeps, and the filter drops every file in a hidden folder; but Material's .icons alone hold
    14 000 files, walked and filtered again by every language's build (a third of its time). Templates are still
    loaded from there by name (the header's icons)."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, subfolders, filenames in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                relative = os.path.relpath(folder, searchpath).replace(os.path.sep, "/")
                prefix = "" if relative == "." else relative + "/"
                found.update(prefix + filename for filename in filenames)
        return sorted(found)


def theme_env(theme: Theme) -> jinja2.Environment:
    """What Theme.get_env makes (its filters, its translations), loading through VisibleFilesLoader, with the
    compiled templates kept: each build and each preview would compile Material's templates again otherwise."""
    env = Theme.get_env(theme)
    env.loader = VisibleFilesLoader(theme.dirs)
    env.bytecode_cache = template_cache("theme")
    return env
