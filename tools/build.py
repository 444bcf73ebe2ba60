"""Build the site, every call in every published language, and publish it to site/ only if every step succeeded.

    python -m tools.build [--out DIR]

1. Take the build lock: a second build at the same time waits, saying so.
2. Prepare every call once (macros/prepared.py): validate every file, read git history.
3. The gate: `make check --strict` for every call, with the same messages. What the check refuses
   is never built. A call whose dates are still provisional (make new-call) is left out, and said so.
4. Build each language's own pages (its configuration written here from site.yml): the list of
   calls, with the theme's files and the search index every call of the language shares; Swedish at
   the root, every other under its code. Then each call in each language at its place (/<slug>/,
   /en/<slug>/), as one call was built before. Each part builds into a folder of its own, in this
   process's children (forked: they find the prepared calls in memory), in parallel; each finishes its
   folder (tools/postbuild.py: the check that no page holds a script the site did not write) and a call's
   full language prints its pages as the call's PDF and writes its budget template.
5. Put the parts in place, each call's search index into its language's, and finish the staged site
   (tools/postbuild.py): each call's open data and feeds, the site's lists, grants and feeds, the sitemap.
6. Swap the staging folder in for the output folder in one atomic step
   (renameat2 RENAME_EXCHANGE where the system has it). A failure anywhere
   before leaves the previous site exactly as it was, and no step ever
   deletes the last good site.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import ctypes
import errno
import io
import logging
import multiprocessing
import os
import shutil
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import escape

from macros.languages import LUNR_BUILT_IN
from macros.messages import problem_text, say
from macros.problems import CallError, Problem
from macros.front_matter import published_pages
from tools.file_lock import try_lock, unlock
from tools.menu import base_nav, site_pages

ROOT = Path(__file__).resolve().parent.parent
LOCK_TIMEOUT_MINUTES = 15


class BuildError(Exception):
    """A build that stopped, with what it says; `problems`: the check's findings, when it was the check that stopped
    it (the preview names them as the editor's form does)."""

    def __init__(self, text: str, problems: list | None = None):
        super().__init__(text)
        self.problems = list(problems or [])


def _problems_text(problems: list[Problem]) -> str:
    return "\n".join(problem.text() for problem in problems)


# --- one language --------------------------------------------------------------------------------

def navigation(lang, call: dict, root: Path = ROOT) -> list[str]:
    """The language's menu: the shared menu's pages that it publishes, then its easy-to-read page."""
    pages = {path.name for path in published_pages(root / "docs" / lang.code, call)}
    nav = [name for name in base_nav(root) if name in pages]
    if lang.easy_read and f"{lang.easy_read}.md" in pages:
        nav.append(f"{lang.easy_read}.md")
    return nav


def language_config(lang, out_dir: Path, site_url: str, call: dict | None, root: Path = ROOT) -> str:
    """The mkdocs configuration of one call's pages in one language (or, without a call, of the language's own
    pages: its list of calls and its pages about itself), inheriting mkdocs.yml; it builds into out_dir. Pages that
    need data the call does not have are left out of the build, not only the menu, and so are the site's own pages."""
    if call is None:
        docs = out_dir.with_name(f"{out_dir.name}.docs")  # its pages are given by site_hooks.on_files: none from here
        docs.mkdir(parents=True, exist_ok=True)
        config = {"INHERIT": str(root / "mkdocs.yml"), "docs_dir": str(docs), "site_dir": str(out_dir),
                  "site_url": f"{site_url}{lang.path}" if site_url else "", "theme": {"language": lang.theme},
                  "plugins": {"search": _searching(lang)}, "extra": {"language_code": lang.code, "unit": "site"},
                  "nav": ["index.md", *(name for name in site_pages(root) if (root / "docs" / lang.code / name).is_file())]}
        return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    folder = root / "docs" / lang.code
    published = {path.name for path in published_pages(folder, call)} - set(site_pages(root))
    unpublished = sorted({path.name for path in folder.glob("*.md")} - published)
    config = {
        "INHERIT": str(root / "mkdocs.yml"),
        "docs_dir": str(root / "docs" / lang.code),
        "site_dir": str(out_dir),
        "site_url": f"{site_url}{lang.path}" if site_url else "",
        "theme": {"language": lang.theme},
        "plugins": {"search": _searching(lang)},
        "extra": {"language_code": lang.code, "unit": "call"},
        "nav": navigation(lang, call, root),
        "exclude_docs": "\n".join(f"/{name}" for name in unpublished),
    }
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def _searching(lang) -> dict:
    return {"lang": lang.search, "pipeline": ["stemmer", "stopWordFilter", "trimmer"]} if lang.search \
        else {"lang": LUNR_BUILT_IN[0], "pipeline": ["trimmer"]}  # no stemmer for this language: search without stemming


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def mkdocs_build(lang, out_dir: Path, site_url: str, root: Path = ROOT, call: dict | None = None) -> None:
    """Build one call's pages in one language in this process (without a call: the language's own pages)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    from macros.problems import PageProblem

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    logger.propagate = False
    try:
        source = io.StringIO(language_config(lang, out_dir, site_url, call, root))
        source.name = str(root / f".mkdocs.{lang.code}.yml")  # where mkdocs resolves INHERIT and macros/ from
        config = load_config(source, config_file_path=source.name)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except PageProblem as error:
        raise BuildError(error.problem.text() if isinstance(error.problem, Problem) else str(error.problem)) from None
    except OSError as error:
        raise BuildError(_not_writable(out_dir, error)) from None
    except (Abort, ConfigurationError, PluginError) as error:
        details = "\n".join(collect.lines) or str(error)
        raise BuildError(_page_failed(lang, details)) from None
    finally:
        logger.removeHandler(collect)


def _page_failed(lang, details: str) -> str:
    what, expected = problem_text("build_page_failed", {"error": details})
    return f"docs/{lang.code}: {what} ({expected})"


def _not_writable(out: Path, error: OSError) -> str:
    what, expected = problem_text("site_not_writable", {"error": error.strerror or str(error), "out": out})
    return f"{out}: {what} ({expected})"


def _build_site_language(code: str, out_dir: str, site_url: str, root: str) -> str | None:
    """In a worker: one language's own pages (the list of calls) with the theme's files and the search every call of
    the language shares, its folder finished (tools/postbuild.py); the problem's text, or None."""
    from macros.prepared import current_site
    from tools.postbuild import finish_language
    site = current_site()
    lang = site.languages[code]
    try:
        mkdocs_build(lang, Path(out_dir), site_url, Path(root))
    except BuildError as error:
        return str(error)
    problems = finish_language(Path(out_dir), site, lang)
    return _problems_text(problems) if problems else None


def _build_call_language(index: int, code: str, out_dir: str, site_url: str, root: str, shared: frozenset,
                         documents: bool = True) -> str | None:
    """In a worker: one call's pages in one language, its folder finished (tools/postbuild.py), then the call as a
    PDF from its pages (unless documents is false: the preview makes it when asked for) and the budget template;
    the problem's text, or None. `shared`: the files its language has for every call."""
    from macros.prepared import current_site, use
    from tools.budget_template import write_budget_template
    from tools.call_document import write_call_document
    from tools.postbuild import finish_call
    prepared = current_site().calls[index]
    use(prepared)
    lang = prepared.languages[code]
    try:
        mkdocs_build(lang, Path(out_dir), site_url, Path(root), prepared.call)
    except BuildError as error:
        return str(error)
    problems = finish_call(Path(out_dir), prepared, lang, shared)
    if problems:
        return _problems_text(problems)
    problem = write_call_document(Path(out_dir), prepared, lang, Path(root)) if documents else None
    if problem:
        return problem.text()
    write_budget_template(Path(out_dir), prepared, lang)
    return None


def _build_part(part: tuple) -> str | None:
    """In a worker: one part of the site, ("site", …) a language's own pages or ("call", …) a call in a language."""
    kind, *arguments = part
    return (_build_site_language if kind == "site" else _build_call_language)(*arguments)


def _link_or_copy(source: str, target: str) -> str:
    """A file of a call kept from the last build: a second name for it (nothing writes into a built file), or a copy
    where the file system has no such names."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return target


def preload() -> None:
    """Import what the language processes use (mkdocs, Material, WeasyPrint with its tagging wrapped), for a process
    that builds again and again (the preview): the processes it forks for each build then find it imported instead
    of importing it each time (0.4 s of every rebuild)."""
    import importlib
    for name in ("material", "mkdocs.commands.build", "mkdocs.config", "openpyxl"):
        importlib.import_module(name)
    try:
        from tools.call_document import tag_languages
        tag_languages()
    except (ImportError, OSError):  # no Pango (Windows without GTK): the preview's PDFs say so when asked for
        pass


# --- the whole site --------------------------------------------------------------------------------

def site_calls(root: Path = ROOT) -> list[Path]:
    """The calls a build publishes: CALL_DIR alone when set (the tests' fixtures), else every call in calls/."""
    from macros.call_data import call_dir, call_folders
    return [call_dir()] if os.environ.get("CALL_DIR") else call_folders(root)


@dataclass
class Reuse:
    """The last good build of the same site (the preview's), to take unchanged calls from: its folder, its prepared
    site and the slugs of the calls whose files changed since. A call is taken as it was built only if its own files
    did not change and the day and its phase are the same as then; the site's own pages are always built again."""
    out: Path
    site: object
    changed: frozenset

    def kept(self, moment) -> dict:
        """The calls to take as they are, by slug."""
        from macros.instants import local_day
        from macros.status import status_of
        kept = {}
        for prepared in self.site.calls:
            window = prepared.call["window"]
            same_time = local_day(window, prepared.moment) == local_day(window, moment) and \
                status_of(prepared.call, prepared.moment) == status_of(prepared.call, moment)
            if prepared.slug not in self.changed and same_time:
                kept[prepared.slug] = prepared
        return kept


def prepare_or_fail(root: Path = ROOT, reuse: Reuse | None = None):
    """Every call of the site, prepared (macros/prepared.py); BuildError with every call's problems. With `reuse`,
    the calls it keeps are taken as they were prepared."""
    from macros.call_data import call_folder_problems
    from macros.instants import build_moment
    from macros.prepared import prepare_site
    try:
        problems = [] if os.environ.get("CALL_DIR") else call_folder_problems(root)
        if problems:
            raise CallError(problems)
        return prepare_site(site_calls(root), kept=reuse.kept(build_moment()) if reuse else None)
    except CallError as error:
        raise BuildError(_problems_text(error.problems), error.problems) from None


def gate(prepared, root: Path = ROOT, strict: bool = True) -> list[Problem]:
    """What `make check --strict` refuses is never built: the same check, the same messages. Without
    strict (the preview while editing), lagging translations are warnings, returned."""
    from tools import check
    problems, warnings = check.run(prepared, root, strict=strict)
    if problems:
        raise BuildError(_problems_text(problems) + "\n" + say("summary_problems", count=len(problems)), problems)
    return warnings


def gate_site(site, root: Path = ROOT, strict: bool = True, kept: frozenset = frozenset()) -> None:
    """The gate for every call of the site, each call's warnings kept on it; BuildError with every call's problems
    (a problem of the pages every call shares is named once). The calls `kept` (by slug) passed it unchanged."""
    from tools import check
    problems = []
    for prepared in site.calls:
        if prepared.slug in kept:
            continue
        found, prepared.warnings = check.run(prepared, root, strict=strict)
        problems += [problem for problem in found if problem not in problems]
    if problems:
        raise BuildError(_problems_text(problems) + "\n" + say("summary_problems", count=len(problems)), problems)


# One build at a time in a process: the editor's server builds the preview and, from its page for publishing, the
# site to publish, and a build hands its prepared site to the processes it forks (macros.prepared.use_site).
IN_PROCESS = threading.Lock()


def build_into(out_dir: Path, root: Path = ROOT, site=None, strict: bool = True, documents: bool = True,
               reuse: Reuse | None = None):
    """Build every call and the site's own pages, in every language, into out_dir (which must not exist yet); the
    prepared site. Without documents, the calls' PDFs are left for the caller to make (the preview makes one when
    it is asked for). With `reuse` (the preview), the calls it keeps are copied from the last build, not built."""
    with IN_PROCESS:
        return _build_into(out_dir, root, site, strict, documents, reuse)


def _run(function, arguments: list[tuple]) -> list:
    """Each set of arguments in a process of its own, as many at once as there are cores (forked: they find the
    prepared site in memory); one after another where there is no fork (Windows)."""
    workers = min(len(arguments), os.cpu_count() or 1)
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return list(pool.map(function, *zip(*arguments)))
    return [function(*args) for args in arguments]


def _build_into(out_dir: Path, root: Path, site, strict: bool, documents: bool, reuse: Reuse | None = None):
    from macros.prepared import use, use_site
    from tools import postbuild  # before the processes start: they finish their folders with it
    site = site or prepare_or_fail(root, reuse)
    # The calls taken from the last build: the very objects it prepared (prepare_site keeps them).
    kept = frozenset(prepared.slug for prepared in site.calls if reuse and prepared in reuse.site.calls)
    gate_site(site, root, strict, kept)
    site.built = [prepared.slug for prepared in site.calls if prepared.slug not in kept]
    if strict:  # a published site leaves out a call whose dates are still provisional (make new-call): the preview shows it
        site.held = [call for call in site.calls if call.call["window"].get("provisional")]
        site.calls = [call for call in site.calls if call not in site.held]
    if not site.calls:
        what, expected = problem_text("build_nothing", {})
        raise BuildError(f"{what} ({expected})")
    use_site(site)
    use(site.calls[-1] if site.calls else None)
    # Every part builds into a folder of its own (mkdocs empties its site_dir first); they are moved into place
    # when all have succeeded: each language's own pages first, which hold what its calls share.
    units = out_dir.with_name(f".{out_dir.name}.units")
    shutil.rmtree(units, ignore_errors=True)
    try:
        languages = list(site.languages)
        own = {lang.code: units / f"{lang.code}-site" for lang in languages}
        site_parts = [("site", lang.code, str(own[lang.code]), site.site_url, str(root)) for lang in languages]
        parts = [(index, lang.code, units / f"{lang.code}-{prepared.slug}") for index, prepared in enumerate(site.calls)
                 for lang in languages if prepared.slug not in kept]

        def call_parts(shared: dict) -> list:
            return [("call", index, code, str(folder), site.site_url, str(root), shared[code], documents) for index, code, folder in parts]

        if kept and reuse.site.shared:  # the theme's files are known from the last build: every part at once
            site.shared = reuse.site.shared
            failures = _run(_build_part, [(part,) for part in site_parts + call_parts(site.shared)])
        else:  # a call's pages need to know which files its language's pages hold for every call: those first
            failures = _run(_build_part, [(part,) for part in site_parts])
            if any(failures):
                raise BuildError("\n".join(failure for failure in failures if failure))
            site.shared = {lang.code: frozenset(postbuild.site_files(own[lang.code])) for lang in languages}
            failures = _run(_build_part, [(part,) for part in call_parts(site.shared)])
        if any(failures):
            raise BuildError("\n".join(failure for failure in failures if failure))
        for lang in sorted(languages, key=lambda lang: len(lang.path)):  # the site's root first, then under it
            target = out_dir / lang.path if lang.path else out_dir
            own[lang.code].rename(target)
        built = {(index, code): folder for index, code, folder in parts}
        searches = {lang.code: SearchIndex(out_dir / lang.path, reuse.out / lang.path if kept else None) for lang in languages}
        listed = site.listed  # a withdrawn call's pages are not found by the site's search
        for index, prepared in enumerate(site.calls):  # in the site's order: the search index lists them so
            for lang in languages:
                place = prepared.languages[lang.code].path
                if prepared.slug in kept:  # its folder as the last build made it (open data and feeds included)
                    shutil.copytree(reuse.out / place, out_dir / place, copy_function=_link_or_copy)
                    if prepared in listed:
                        searches[lang.code].take(prepared)
                else:
                    searches[lang.code].merge(lang, prepared, built[(index, lang.code)], prepared in listed)
                    built[(index, lang.code)].rename(out_dir / place)
        for search in searches.values():
            search.write()
    finally:
        shutil.rmtree(units, ignore_errors=True)
    try:
        postbuild.finish(out_dir, site, kept)
    except postbuild.PostbuildError as error:
        raise BuildError(_problems_text(error.problems), error.problems) from None
    return site


class SearchIndex:
    """A language's search index, which every call's pages join, so that a search finds every call's pages; each
    result names its call (a page's title is followed by the call's). A call's own index is not published. `last`:
    the language's folder in the last build, whose index holds the pages of the calls taken from it."""

    def __init__(self, folder: Path, last: Path | None = None):
        import json
        self.file = folder / "search" / "search_index.json"
        self.index = json.loads(self.file.read_text(encoding="utf-8")) if self.file.is_file() else None
        before = last / "search" / "search_index.json" if last else None
        self.before: dict[str, list] = {}  # the last index's pages by their call's slug
        for doc in json.loads(before.read_text(encoding="utf-8")).get("docs", []) if before and before.is_file() else []:
            self.before.setdefault(doc["location"].split("/", 1)[0], []).append(doc)

    def merge(self, lang, prepared, folder: Path, listed: bool = True) -> None:
        """The call's pages join the index (not a call that is not `listed`); its own index is removed."""
        import json
        own_file = folder / "search" / "search_index.json"
        if self.index is None or not own_file.is_file():
            return
        if not listed:
            shutil.rmtree(folder / "search")
            return
        own = json.loads(own_file.read_text(encoding="utf-8"))
        call_title = escape(prepared.call["title"].get(lang.code) or prepared.call["title"][lang.source])
        for doc in own.get("docs", []):
            doc["location"] = f"{prepared.slug}/{doc['location']}"
            if "#" not in doc["location"]:
                doc["title"] = f"{doc['title']} – {call_title}"
        self.index["docs"] = self.index.get("docs", []) + own.get("docs", [])
        shutil.rmtree(folder / "search")

    def take(self, prepared) -> None:
        """A call taken from the last build: its pages as that build's index held them (found by the call's place)."""
        if self.index is not None:
            self.index["docs"] = self.index.get("docs", []) + self.before.get(prepared.slug, [])

    def write(self) -> None:
        import json
        if self.index is not None:
            self.file.write_text(json.dumps(self.index, ensure_ascii=False), encoding="utf-8")


# --- publishing to site/: one build at a time, one atomic swap -----------------------------------------

def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except (OSError, TypeError):  # Windows: no C library of the process to look in
        return False
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(str(first)), at_fdcwd, os.fsencode(str(second)), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(second))


class BuildLock:
    """One build at a time for an output folder: a second one waits, and says so."""

    def __init__(self, out_dir: Path, timeout_minutes: float = LOCK_TIMEOUT_MINUTES):
        self.path = out_dir.with_name(f".{out_dir.name}.lock")
        self.timeout = timeout_minutes * 60

    def __enter__(self):
        self.handle = open(self.path, "a+")
        started, announced = time.monotonic(), False
        while not try_lock(self.handle):
            if not announced:
                self.handle.seek(0)
                print(say("build_waiting", since=self.handle.read().strip() or "?"), file=sys.stderr, flush=True)
                announced = True
            if time.monotonic() - started > self.timeout:
                self.handle.close()
                raise BuildError(say("build_lock_timeout", minutes=int(self.timeout // 60)))
            time.sleep(0.2)
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(time.strftime("%Y-%m-%d %H:%M:%S") + f" (pid {os.getpid()})\n")
        self.handle.flush()
        return self

    def __exit__(self, *exc):
        unlock(self.handle)
        self.handle.close()


def _recover(out_dir: Path, retired: Path) -> None:
    """A build killed between the two renames of the fallback swap left the last good site
    under the retired name: put it back before anything else."""
    if not out_dir.exists() and retired.exists():
        retired.rename(out_dir)


def publish(out_dir: Path, build=build_into) -> None:
    """Build into a staging folder beside out_dir (with `build`, which makes the folder), then swap it in."""
    out_dir = out_dir.resolve()
    staging = out_dir.with_name(f".{out_dir.name}.staging")
    retired = out_dir.with_name(f".{out_dir.name}.previous")
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        lock = BuildLock(out_dir)
        lock.__enter__()
    except OSError as error:
        raise BuildError(_not_writable(out_dir.parent, error)) from None
    try:
        _recover(out_dir, retired)
        shutil.rmtree(staging, ignore_errors=True)  # never the live site: only a leftover staging copy
        try:
            build(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        try:
            if not out_dir.exists():
                staging.rename(out_dir)
            elif _exchange(staging, out_dir):
                shutil.rmtree(staging, ignore_errors=True)  # the old site, now under the staging name
            else:
                shutil.rmtree(retired, ignore_errors=True)
                out_dir.rename(retired)
                staging.rename(out_dir)
                shutil.rmtree(retired, ignore_errors=True)
        except OSError as error:
            shutil.rmtree(staging, ignore_errors=True)
            _recover(out_dir, retired)
            raise BuildError(_not_writable(out_dir, error)) from None
    finally:
        lock.__exit__(None, None, None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="site", help="the folder to publish to (default: site)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        publish(Path(args.out))
    except BuildError as error:
        print(error, file=sys.stderr)
        print(say("build_failed", out=args.out), file=sys.stderr)
        return 1
    from macros.prepared import current_site
    site = current_site()
    if site.held:
        print(say("build_held", folders=", ".join(call.slug for call in site.held)))
    names = ", ".join(lang.name for lang in site.languages)
    print(say("build_done", out=args.out, languages=names, seconds=f"{time.monotonic() - started:.1f}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
