"""`make check`: everything an editor can get wrong, found in seconds, without a browser.

    python -m tools.check [--strict]

1. The call's data: schemas and cross-field rules, every language (macros/call_data.py).
2. Every page of every language: its header, its Markdown and HTML (no scripts,
   event handlers or javascript: links) and its text, rendered in the sandbox
   with exactly the names pages may use.
3. Facts typed by hand into pages, theme or the call's texts (tools/factfinder.py).
4. Pages and menu: every full language has the same pages, all in the menu.
5. Translations behind their Swedish source (tools/translations.py): a warning, or
   with --strict a failure; dates make new-call only moved ahead (window.provisional):
   a warning (a published site leaves that call out). `make site` runs this check
   strictly first: the site cannot be built from what the check refuses.

Each problem is one line, FILE:LINE: what is wrong (what to write instead), in
the editor's language (editor.yml; Swedish by default). Silent and exit 0 when
all is well; exit 1 if anything is wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.call_data import display_path
from macros.context import Recorder, site_page_context
from macros.front_matter import front_matter_problems, split_front_matter
from macros.markup_rules import markup_problems
from macros.messages import language_label, say
from macros.problems import CallError, Problem, Term
from macros.project_files import link_problems
from macros.render_pages import description_names, render_page, site_description_names
from macros.templating import TemplateProblem
from tools import factfinder, published_markup, translations
from tools.menu import nav_lines, site_page_lines, site_pages

ROOT = Path(__file__).resolve().parent.parent


def page_files(root: Path, code: str) -> list[Path]:
    return sorted((root / "docs" / code).glob("*.md"))


def check_pages(prepared, root: Path = ROOT) -> list[Problem]:
    """Every page's header and markup, then the page rendered as the build renders it (macros/render_pages.py); the
    result is kept for the build, so each page renders once. The site's own pages render with the site's names only
    (the site's build takes them from its newest call: macros/site_hooks.py)."""
    problems = []
    own = set(site_pages(root))
    for lang in prepared.languages:
        recorder = Recorder()
        call_names = prepared.names(lang, recorder)
        site_names = site_page_context(prepared.call, lang)
        call_plain = description_names(call_names, prepared.call, lang)
        site_plain = site_description_names(site_names, prepared.call, lang)
        for page in page_files(root, lang.code):
            names, plain_names = (site_names, site_plain) if page.name in own else (call_names, call_plain)
            shown = display_path(page)
            text = page.read_text(encoding="utf-8")
            found = front_matter_problems(text, shown)
            broken_header = bool(found)
            _front, body, offset = split_front_matter(text)
            found += markup_problems(body, shown, offset + 1)
            if not broken_header:
                try:
                    prepared.rendered[(lang.code, page.name)] = render_page(page, shown, names, plain_names, recorder)
                except TemplateProblem as error:
                    found.append(error.problem)
            problems += [problem for problem in dict.fromkeys(found) if problem not in problems]
        for name, text in sorted(prepared.call["text"].get(lang.code, {}).items()):
            file = display_path(prepared.folder / "text" / lang.code / f"{name}.md")
            problems += markup_problems(text, file, 1, html_allowed=False)
    return problems


def check_page_sets(prepared, root: Path = ROOT) -> list[Problem]:
    """Every full language has the same pages, all of them in the menu or the site's own; a summary language's
    pages are in the menu too; a language's easy-to-read page is its own."""
    problems = []
    lines = {**dict(nav_lines(root)), **dict(site_page_lines(root))}
    nav = list(lines)
    languages = prepared.languages
    own = {f"{lang.easy_read}.md": lang for lang in languages if lang.easy_read}
    for lang in languages:
        pages = {page.name for page in page_files(root, lang.code)}
        for name in sorted(pages - set(nav) - set(own)):
            problems.append(Problem(f"docs/{lang.code}/{name}", 1, "page_not_in_nav", (("page", name),)))
        for name, owner in own.items():
            if name in pages and owner != lang:
                problems.append(Problem(f"docs/{lang.code}/{name}", 1, "page_not_in_nav", (("page", name),)))
        if not lang.full:
            continue
        for name in nav:
            if name not in pages:
                problems.append(Problem("mkdocs.yml", lines[name], "nav_page_missing",
                                        (("page", name), ("language", language_label(lang.code, lang.name)),
                                         ("missing", f"docs/{lang.code}/{name}"))))
        for other in languages.full:
            for name in sorted(pages - {p.name for p in page_files(root, other.code)} - set(own) - set(nav)):
                problems.append(Problem(f"docs/{lang.code}/{name}", 1, "page_one_language",
                                        (("language", language_label(lang.code, lang.name)), ("missing", f"docs/{other.code}/{name}"))))
    if languages.authoritative.easy_read or any(lang.easy_read for lang in languages):
        for name, owner in own.items():
            if not (root / "docs" / owner.code / name).exists():
                problems.append(Problem(prepared.loaded.file("site"), 1, "nav_page_missing",
                                        (("page", name), ("language", language_label(owner.code, owner.name)),
                                         ("missing", f"docs/{owner.code}/{name}"))))
    known = {name.removesuffix(".md") for name, _line in nav_lines(root)}  # a call's pages: the site's show no guidance
    for index, entry in enumerate(prepared.call.get("guidance", [])):
        for page in entry["pages"]:
            if page not in known:
                problems.append(Problem(prepared.loaded.file("guidance"), prepared.loaded.line("guidance", ("guidance", index, "pages")),
                                        "guidance_page_unknown", (("page", page),), f"guidance[{index}].pages"))
    return problems


def check_links(root: Path = ROOT) -> list[Problem]:
    """No link is followed anywhere the build reads: pages, theme, the build's own code and settings
    (the call's folder is checked when it is loaded)."""
    return link_problems([root / name for name in ("docs", "overrides", "macros", "mkdocs.yml")], display_path)


IMAGE_SIGNATURES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
                    ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",), ".pdf": (b"%PDF-",)}


def check_page_assets(prepared, root: Path = ROOT) -> list[Problem]:
    """Beside the pages only what the project declares: Markdown pages at the top of a language's folder,
    and images or PDF files that are what their names say (an SVG without anything that runs or fetches).
    A folder named as a language's place in the site would overwrite that language."""
    problems = []
    places = {lang.path.split("/")[0] for lang in prepared.languages}  # a language's place, and the call's
    for lang in prepared.languages:
        folder = root / "docs" / lang.code
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            shown = display_path(path)
            relative = path.relative_to(folder)
            reason = None
            if path.is_dir():
                reason = Term("asset_language_folder") if relative.parts[0] in places else None
            elif path.suffix == ".md":
                reason = None if len(relative.parts) == 1 else Term("asset_nested_page")
            elif path.suffix.lower() == ".svg":
                found = published_markup.svg_problems(path.read_bytes(), shown)
                problems += found
            elif path.suffix.lower() in IMAGE_SIGNATURES:
                head = path.read_bytes()[:12]
                if not head.startswith(IMAGE_SIGNATURES[path.suffix.lower()]) or (path.suffix.lower() == ".webp" and head[8:12] != b"WEBP"):
                    reason = Term("asset_not_its_kind")
            else:
                reason = path.suffix or path.name
            if reason:
                problems.append(Problem(shown, 1, "page_asset_refused", (("reason", reason),)))
    return problems


def check_facts(prepared, root: Path = ROOT) -> list[Problem]:
    return [hit.problem() for hit in factfinder.find_facts(prepared, root)]


def check_translations(prepared, root: Path = ROOT) -> list[Problem]:
    findings, cache = [], {}
    names = {lang.code: language_label(lang.code, lang.name) for lang in prepared.languages}
    for unit in translations.units(prepared, root):
        if unit.records not in cache:  # each record file once, not once per text
            cache[unit.records] = translations.read_records(unit.records, prepared.loaded)
        records = cache[unit.records]
        state = translations.status(unit, records)
        if state != "fresh":
            code = "translation_behind" if state == "behind" else "translation_unmarked"
            findings.append(Problem(unit.file, unit.line, code,
                                    (("source", unit.source), ("key", unit.key), ("language", names[unit.language]))))
    return findings


def advice(prepared) -> list[Problem]:
    """What the check cannot refuse, but an editor should know: versions of the call the change
    log had to leave out, and grants published without their 360Giving file until the funder's
    identifiers are in the data (the decision page and CommonGrants need none)."""
    from tools.standards import FUNDER_IDS
    history, call = prepared.history, prepared.call
    notes = [Problem(prepared.loaded.file("call"), skipped.line, "history_skipped",
                     (("commit", skipped.commit), ("problem", Problem("", 0, skipped.code).text().split(": ", 1)[-1].strip())))
             for skipped in (history.skipped if history else [])]
    if (call.get("outcome") or {}).get("grants"):
        notes += [Problem(prepared.loaded.file("outcome"), prepared.loaded.line("outcome", ("grants",)), "grants_without_360giving",
                          (("field", name),), "grants") for name in FUNDER_IDS if not call["funder"].get(name)]
    return notes


def check_provisional(prepared) -> list[Problem]:
    """Dates that make new-call only moved ahead are not the call's: the preview shows them, with
    this warning; the strict gate (make site, make publish) refuses them."""
    window = prepared.call["window"]
    if not window.get("provisional"):
        return []
    return [Problem(prepared.loaded.file("call"), prepared.loaded.line("call", ("window", "provisional")), "dates_provisional",
                    (("opens", window["opens"]), ("closes", window["closes"])), "window.provisional")]


def run(prepared=None, root: Path = ROOT, folder: Path | None = None, strict: bool = False) -> tuple[list[Problem], list[Problem]]:
    """(problems, warnings); with strict, lagging translations are problems. Provisional dates are a warning: a
    published site leaves that call out (tools/build.py)."""
    if prepared is None:
        from macros.prepared import prepare
        try:
            prepared = prepare(folder)
        except CallError as error:
            return error.problems, []
    links = check_links(root)
    if links:
        return links, []
    problems = check_page_assets(prepared, root)
    if problems:
        return problems, []
    problems = check_pages(prepared, root) + check_page_sets(prepared, root) + check_facts(prepared, root)
    unfinished = check_translations(prepared, root)
    warnings = check_provisional(prepared) + advice(prepared)  # a call with provisional dates is left out of the site
    return (problems + unfinished, warnings) if strict else (problems, unfinished + warnings)


def run_site(root: Path = ROOT, strict: bool = False) -> tuple[list[Problem], list[Problem]]:
    """(problems, warnings) of every call the site publishes (tools/build.py site_calls), each named once."""
    import os
    from macros.call_data import call_folder_problems
    from tools.build import site_calls
    problems, warnings = ([] if os.environ.get("CALL_DIR") else call_folder_problems(root)), []
    for folder in site_calls(root):
        found, warned = run(root=root, folder=folder, strict=strict)
        problems += found
        warnings += warned
    return list(dict.fromkeys(problems)), list(dict.fromkeys(warnings))


def report(problems: list[Problem], warnings: list[Problem]) -> None:
    for finding in problems + warnings:
        print(finding.text(), file=sys.stderr)
    if problems:
        print(say("summary_problems", count=len(problems)), file=sys.stderr)
    elif warnings:
        print(say("summary_warnings", count=len(warnings)), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="translations behind their Swedish source and provisional dates are failures")
    args = parser.parse_args(argv)
    problems, warnings = run_site(strict=args.strict)
    report(problems, warnings)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
