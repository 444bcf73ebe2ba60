"""`make check`: everything an editor can get wrong, found in seconds, without a browser.

    python -m tools.check [--strict]

1. The call's data: schema and cross-field rules (macros/call_data.py).
2. Every page's header (front matter) and every page rendered with strict Jinja.
3. Facts typed by hand into pages, theme or the call's texts (tools/factfinder.py).
4. A page, a menu entry or an interface string in one language only.
5. English texts behind their Swedish source (tools/translations.py): a warning,
   or with --strict (as `make test` runs it) a failure.

Each problem is one line, FILE:LINE: what is wrong (what to do), in Swedish when
the environment's language is Swedish (LANG=sv_SE…), else in English. Silent and
exit 0 when all is well; exit 1 if anything is wrong.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from macros.call_data import LANGUAGES, CallError, call_dir, display_path, load_call
from macros.context import load_strings, page_context
from macros.messages import problem_text, say
from macros.status import build_moment
from tools import factfinder, translations

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = {"sv": "mkdocs.yml", "en": "mkdocs.en.yml"}


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    code: str
    params: tuple = ()
    field: str = ""

    def text(self) -> str:
        what, expected = problem_text(self.code, dict(self.params))
        field = f" {self.field}:" if self.field else ""
        return f"{self.file}:{self.line}:{field} {what} ({expected})"



def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter, body, lines before the body)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 0
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1:]), index + 1
    return None, text, 0


def _template_line(error: Exception) -> int:
    if isinstance(error, jinja2.TemplateSyntaxError):
        return error.lineno or 1
    frames = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
    return frames[-1] if frames else 1


def check_pages(root: Path, call: dict) -> list[Finding]:
    """Every page's header parses, and every page renders with the names pages may use."""
    findings = []
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined)
    for lang in LANGUAGES:
        names = page_context(call, lang, None, build_moment())
        for page in sorted((root / "docs" / lang).glob("*.md")):
            front, body, offset = split_front_matter(page.read_text(encoding="utf-8"))
            if front is not None:
                try:
                    yaml.safe_load(front)
                except yaml.YAMLError as error:
                    mark = getattr(error, "problem_mark", None)
                    line = mark.line + 2 if mark else 1
                    findings.append(Finding(display_path(page), line, "front_matter", (("problem", getattr(error, "problem", error)),)))
            try:
                environment.from_string(body).render(**names)
            except Exception as error:  # any failure of a page is the editor's to see
                findings.append(Finding(display_path(page), offset + _template_line(error), "page_error",
                                        (("error", f"{type(error).__name__}: {error}"),)))
    return findings


def check_facts(root: Path, folder: Path) -> list[Finding]:
    findings = []
    for hit in factfinder.find_facts(root, folder):
        findings.append(Finding(hit.file, hit.line, "fact_typed", tuple(hit.params().items())))
    return findings


def check_languages(root: Path) -> list[Finding]:
    """Pages, menu entries and interface strings in one language only."""
    findings = []
    pages = {lang: {p.name for p in (root / "docs" / lang).glob("*.md")} for lang in LANGUAGES}
    for lang in LANGUAGES:
        other = next(o for o in LANGUAGES if o != lang)
        for name in sorted(pages[lang] - pages[other]):
            findings.append(Finding(f"docs/{lang}/{name}", 1, "page_one_language",
                                    (("language", say(f"language_{lang}")), ("missing", f"docs/{other}/{name}"))))
    navs = {lang: _nav_files(root / CONFIGS[lang]) for lang in LANGUAGES}
    for lang in LANGUAGES:
        other = next(o for o in LANGUAGES if o != lang)
        for name in sorted(navs[lang] - navs[other]):
            findings.append(Finding(CONFIGS[lang], 1, "nav_one_language", (("page", name),)))
        strings, other_strings = load_strings(lang), load_strings(other)
        for key in sorted(set(other_strings) - set(strings)):
            findings.append(Finding(f"macros/strings/{lang}.yml", 1, "string_one_language",
                                    (("key", key), ("other", f"macros/strings/{other}.yml"))))
    return findings


def _nav_files(config: Path) -> set[str]:
    loader = type("ConfigLoader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("!", lambda *_args: None)  # !ENV and the like: not needed here
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=loader) or {}
    files = set()
    for entry in data.get("nav", []) or []:
        files.update(v for v in (entry.values() if isinstance(entry, dict) else [entry]) if isinstance(v, str))
    return files


def check_translations(root: Path, folder: Path) -> list[Finding]:
    findings = []
    for unit in translations.units(root, folder):
        state = translations.status(unit)
        if state != "fresh":
            code = "translation_behind" if state == "behind" else "translation_unmarked"
            findings.append(Finding(unit.file, unit.line, code, (("source", unit.source), ("key", unit.key))))
    return findings


def run(root: Path = ROOT, folder: Path | None = None, strict: bool = False) -> tuple[list[Finding], list[Finding]]:
    """(problems, warnings); with strict, lagging translations are problems."""
    folder = folder or call_dir()
    try:
        call = load_call(folder)
    except CallError as error:
        return [Finding(p.file, p.line, p.code, p.params, p.path) for p in error.problems], []
    problems = check_pages(root, call) + check_facts(root, folder) + check_languages(root)
    lagging = check_translations(root, folder)
    return (problems + lagging, []) if strict else (problems, lagging)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="English texts behind their Swedish source are failures")
    args = parser.parse_args(argv)
    problems, warnings = run(strict=args.strict)
    for finding in problems + warnings:
        print(finding.text(), file=sys.stderr)
    if problems:
        print(say("summary_problems", count=len(problems)), file=sys.stderr)
    elif warnings:
        print(say("summary_warnings", count=len(warnings)), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
