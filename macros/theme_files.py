"""The theme's template environment for every language's build: mkdocs' own, with a loader that lists no hidden
folder and the compiled templates kept (macros/user_cache.py)."""

from __future__ import annotations

import copy
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


# What every call of a language shares, once, at the language's place: the theme's files and the search index.
SHARED = ("assets/", "tools/", "search/")


def _shared_url(url_filter, up: str):
    @jinja2.pass_context
    def url(context, value):
        return url_filter(context, up + value if isinstance(value, str) and value.startswith(SHARED) else value)
    return url


def _shared_script_tag(script_tag, up: str):
    @jinja2.pass_context
    def script_tag_filter(context, extra_script):
        if isinstance(extra_script, str) and extra_script.startswith(SHARED):
            extra_script = up + extra_script
        elif str(extra_script).startswith(SHARED):
            extra_script = copy.copy(extra_script)
            extra_script.path = up + str(extra_script)
        return script_tag(context, extra_script)
    return script_tag_filter


def theme_env(theme: Theme, shared_up: str = "") -> jinja2.Environment:
    """What Theme.get_env makes (its filters, its translations), loading through VisibleFilesLoader, with the
    compiled templates kept: each build and each preview would compile Material's templates again otherwise.
    With shared_up (a call's pages, one folder below their language's place), the theme's files and the search
    index are addressed where the language keeps them once for every call (SHARED, `shared_up` above the page's
    folder) instead of in a copy beside each call's pages."""
    env = Theme.get_env(theme)
    env.loader = VisibleFilesLoader(theme.dirs)
    env.bytecode_cache = template_cache("theme")
    if shared_up:
        env.filters["url"] = _shared_url(env.filters["url"], shared_up)
        env.filters["script_tag"] = _shared_script_tag(env.filters["script_tag"], shared_up)
    return env
