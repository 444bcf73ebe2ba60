"""Build the site in every published language, and publish it to site/ only if every step succeeded.

    python -m tools.build [--out DIR]

1. Take the build lock: a second build at the same time waits, saying so.
2. Prepare the call once (macros/prepared.py): validate every file, read git history.
3. The gate: `make check --strict`, with the same messages. What the check refuses
   is never built.
4. Build each language (its configuration written here from site.yml)
   into a staging folder, in parallel: Swedish at the root, every other under
   its code. mkdocs runs in this process's children, so the call is loaded once.
   Each full language's child then prints its pages as the call's PDF and
   writes its budget template.
   Each language's process also finishes its own folder (tools/postbuild.py): its
   assets, and the check that no page holds a script the site did not write.
5. Finish the staged site (tools/postbuild.py): open data, feeds, sitemap.
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
from pathlib import Path

import yaml

from macros.languages import LUNR_BUILT_IN
from macros.messages import problem_text, say
from macros.problems import CallError, Problem
from macros.front_matter import published_pages
from tools.file_lock import try_lock, unlock
from tools.menu import base_nav

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


def language_config(lang, out_dir: Path, site_url: str, call: dict, root: Path = ROOT) -> str:
    """This language's mkdocs configuration, inheriting mkdocs.yml; it builds into out_dir. Pages that need
    data the call does not have are left out of the build, not only the menu."""
    folder = root / "docs" / lang.code
    unpublished = sorted({path.name for path in folder.glob("*.md")} - {path.name for path in published_pages(folder, call)})
    searching = {"lang": lang.search, "pipeline": ["stemmer", "stopWordFilter", "trimmer"]} if lang.search \
        else {"lang": LUNR_BUILT_IN[0], "pipeline": ["trimmer"]}  # no stemmer for this language: search without stemming
    config = {
        "INHERIT": str(root / "mkdocs.yml"),
        "docs_dir": str(root / "docs" / lang.code),
        "site_dir": str(out_dir),
        "site_url": f"{site_url}{lang.path}" if site_url else "",
        "theme": {"language": lang.theme},
        "plugins": {"search": searching},
        "extra": {"language_code": lang.code},
        "nav": navigation(lang, call, root),
        "exclude_docs": "\n".join(f"/{name}" for name in unpublished),
    }
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def mkdocs_build(lang, out_dir: Path, site_url: str, root: Path = ROOT) -> None:
    """Build one language in this process."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    from macros.problems import PageProblem

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    logger.propagate = False
    try:
        from macros.prepared import current
        source = io.StringIO(language_config(lang, out_dir, site_url, current().call, root))
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


def _build_one(code: str, out_dir: str, site_url: str, root: str, documents: bool = True) -> str | None:
    """In a worker: build one language and finish its folder (tools/postbuild.py), then the call as a PDF from its
    pages (unless documents is false: the preview makes it when asked for) and the budget template; the problem's
    text, or None."""
    from macros.prepared import current
    from tools.budget_template import write_budget_template
    from tools.call_document import write_call_document
    from tools.postbuild import finish_language
    prepared = current()
    lang = prepared.languages[code]
    try:
        mkdocs_build(lang, Path(out_dir), site_url, Path(root))
    except BuildError as error:
        return str(error)
    problems = finish_language(Path(out_dir), prepared, lang)
    if problems:
        return _problems_text(problems)
    problem = write_call_document(Path(out_dir), prepared, lang, Path(root)) if documents else None
    if problem:
        return problem.text()
    write_budget_template(Path(out_dir), prepared, lang)
    return None


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

def prepare_or_fail(root: Path = ROOT):
    from macros.prepared import prepare
    try:
        return prepare()
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


# One build at a time in a process: the editor's server builds the preview and, from its page for publishing, the
# site to publish, and a build hands its prepared call to the language processes it forks (macros.prepared.use).
IN_PROCESS = threading.Lock()


def build_into(out_dir: Path, root: Path = ROOT, prepared=None, strict: bool = True, documents: bool = True):
    """Build every language into out_dir (which must not exist yet); the prepared call. Without documents, the
    call's PDFs are left for the caller to make (the preview makes one when it is asked for)."""
    with IN_PROCESS:
        return _build_into(out_dir, root, prepared, strict, documents)


def _build_into(out_dir: Path, root: Path, prepared, strict: bool, documents: bool):
    from macros.prepared import use
    from tools import postbuild  # before the language processes start: they finish their folders with it
    prepared = prepared or prepare_or_fail(root)
    prepared.warnings = gate(prepared, root, strict)
    use(prepared)
    languages = list(prepared.languages)
    workers = min(len(languages), os.cpu_count() or 1)
    # Each language builds into a folder of its own (mkdocs empties its site_dir first, which would wipe a
    # language nested under the root while it builds); they are moved into place when all have succeeded.
    own = {lang.code: out_dir if not lang.path else out_dir.with_name(f".{out_dir.name}.{lang.code}") for lang in languages}
    for folder in own.values():
        if folder != out_dir:
            shutil.rmtree(folder, ignore_errors=True)
    arguments = [(lang.code, str(own[lang.code]), prepared.site_url, str(root), documents) for lang in languages]
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():  # Windows has no fork: one after another
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            failures = list(pool.map(_build_one, *zip(*arguments)))
    else:
        failures = [_build_one(*args) for args in arguments]
    failures = [failure for failure in failures if failure]
    if failures:
        for folder in own.values():
            if folder != out_dir:
                shutil.rmtree(folder, ignore_errors=True)
        raise BuildError("\n".join(failures))
    for lang in languages:
        if lang.path:
            own[lang.code].rename(out_dir / lang.path.rstrip("/"))
    try:
        postbuild.finish(out_dir, prepared)
    except postbuild.PostbuildError as error:
        raise BuildError(_problems_text(error.problems), error.problems) from None
    return prepared


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
    from macros.prepared import current
    names = ", ".join(lang.name for lang in current().languages)
    print(say("build_done", out=args.out, languages=names, seconds=f"{time.monotonic() - started:.1f}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
