"""The call prepared once for a whole build: validated data, languages, git history and 'now'.

tools/build.py prepares it before the languages build (in parallel, forked
processes inherit it), `make check` uses the same, and each language's mkdocs
hooks (macros/site_hooks.py) ask for it here instead of loading the call again.
Run outside the build (a bare `mkdocs build`), it is prepared on first use.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from .call_data import Loaded, call_dir, load
from .problems import CallError
from .context import Recorder, page_context
from .history import History, read_history
from .languages import Language
from .instants import build_moment


@dataclass
class Prepared:
    loaded: Loaded
    history: History | None
    moment: dt.datetime
    site_url: str = ""  # the public address with one trailing slash, or empty
    _names: dict = field(default_factory=dict, repr=False)
    # Pages the gate has rendered already: (language, page file) -> (Markdown, tools used).
    rendered: dict = field(default_factory=dict, repr=False)
    warnings: list = field(default_factory=list, repr=False)  # what the gate let through (the preview shows it)

    @property
    def call(self) -> dict:
        return self.loaded.call

    @property
    def languages(self):
        return self.loaded.languages

    @property
    def folder(self) -> Path:
        return self.loaded.folder

    @property
    def slug(self) -> str:
        """The call's place in the site: /<slug>/ and /<lang>/<slug>/ (its languages' paths end with it)."""
        return self.loaded.slug

    def names(self, lang: Language, recorder: Recorder | None = None) -> dict:
        """The names pages and texts of one language may use (a fresh set when a recorder is given)."""
        if recorder is not None:
            return page_context(self.call, lang, self.history, self.moment, self.folder, recorder, self.site_url, self.languages)
        if lang.code not in self._names:
            self._names[lang.code] = page_context(self.call, lang, self.history, self.moment, self.folder, None, self.site_url, self.languages)
        return self._names[lang.code]

    def language_url(self, lang: Language) -> str:
        return f"{self.site_url}{lang.path}" if self.site_url else ""


def site_url_from_environment() -> str:
    url = os.environ.get("SITE_URL", "").strip()
    return url.rstrip("/") + "/" if url else ""


def prepare(folder: Path | None = None, site_url: str | None = None, with_history: bool = True) -> Prepared:
    """Load and validate the call (CallError on any problem) and read its history, once."""
    loaded = load(folder or call_dir())
    languages = loaded.languages
    history = read_history(loaded.folder, languages.codes, languages.authoritative.code,
                           loaded.call.get("changes_since")) if with_history else None
    return Prepared(loaded, history, build_moment(), site_url_from_environment() if site_url is None else site_url)


@dataclass
class PreparedSite:
    """Every call of a site, prepared, with the site's own languages (at their places, not under any call)."""
    root: Path
    languages: object
    calls: list
    moment: dt.datetime
    site_url: str = ""
    held: list = field(default_factory=list)  # calls a published site leaves out: their dates are provisional
    built: list = field(default_factory=list)  # the slugs of the calls the last build built (the others it took as they were)
    shared: dict = field(default_factory=dict)  # each language's files every call of it shares (the theme's), by code

    def language_url(self, lang: Language) -> str:
        return f"{self.site_url}{lang.path}" if self.site_url else ""

    @property
    def listed(self) -> list:
        """The calls the site's own lists, feeds, search, sitemap and open data name: every call but one withdrawn
        as of the build (its own pages say so, and nothing else of it is listed)."""
        from .status import status_of
        return [prepared for prepared in self.calls if status_of(prepared.call, self.moment).state != "withdrawn"]


def prepare_site(folders: list[Path], site_url: str | None = None, with_history: bool = True,
                 kept: dict[str, Prepared] | None = None) -> PreparedSite:
    """Every call in `folders` (all of one site) loaded, validated and with its history; CallError listing the
    problems of every call at once. `kept`: calls prepared before whose files have not changed since (the preview
    after a save to another call), by slug, taken as they are."""
    from .call_data import load_site_languages, site_root
    kept = kept or {}
    calls, problems = [], []
    for folder in folders:
        try:
            calls.append(kept.get(folder.name) or prepare(folder, site_url, with_history))
        except CallError as error:
            problems += error.problems
    if problems:
        raise CallError(problems)
    root = site_root(folders[0]) if folders else Path.cwd()
    languages = load_site_languages(root)
    moment = next((call.moment for call in calls if call.slug not in kept), None) or build_moment()
    return PreparedSite(root, languages, calls, moment, site_url_from_environment() if site_url is None else site_url)


_current: Prepared | None = None
_site: PreparedSite | None = None


def use_site(site: PreparedSite | None) -> None:
    """The site a build works on; the processes it forks find it here and take up one call each (use)."""
    global _site
    _site = site


def current_site() -> PreparedSite | None:
    return _site


def use(prepared: Prepared | None) -> None:
    global _current
    _current = prepared


def current() -> Prepared:
    global _current
    if _current is None:
        _current = prepare()
    return _current
