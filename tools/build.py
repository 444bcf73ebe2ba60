"""Build the whole bilingual site, and publish it to site/ only if every step succeeded.

    python -m tools.build [--out DIR]

1. Validate the call (call/ or CALL_DIR). A problem stops here, one line each:
   `call/FILE:LINE: field.path: what is wrong (what was expected)`.
2. Build the Swedish site (mkdocs.yml) into a staging folder, then the English
   one (mkdocs.en.yml) into its en/ folder, both with --strict.
3. Finish the staged site (steps in tools/postbuild.py).
4. Swap the staging folder in for the output folder. A failure anywhere before
   this leaves the previous site exactly as it was.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from macros.call_data import CallError, load_call
from macros.messages import problem_text, say
from tools.check import split_front_matter  # the check reads pages the same way

ROOT = Path(__file__).resolve().parent.parent
# (language, config, folder in the site, page sources)
CONFIGS = (("sv", "mkdocs.yml", "", "docs/sv"), ("en", "mkdocs.en.yml", "en", "docs/en"))


class BuildError(Exception):
    pass


def site_url() -> str:
    """The public address (SITE_URL), with one trailing slash, or empty."""
    url = os.environ.get("SITE_URL", "").strip()
    return url.rstrip("/") + "/" if url else ""


def build_env() -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    url = site_url()
    env["SITE_URL"] = url
    env["SITE_URL_EN"] = url + "en/" if url else ""
    return env


def validate() -> dict:
    try:
        return load_call()
    except CallError as error:
        raise BuildError(str(error)) from None


def front_matter_lines(page: Path) -> int:
    """How many lines the page's front matter takes: mkdocs-macros counts lines after it."""
    return split_front_matter(page.read_text(encoding="utf-8"))[2] if page.is_file() else 0


def _page_problem(file: str, line: int, error: str) -> str:
    what, expected = problem_text("page_error", {"error": error})
    return f"{file}:{line}: {what} ({expected})"


def explain_failure(output: str, docs_dir: str) -> str:
    """mkdocs' failure output, cut down to what an editor can act on: FILE:LINE: what."""
    page = re.search(r"_File_: `([^`]+)`", output)
    offset = front_matter_lines(ROOT / docs_dir / page.group(1)) if page else 0
    if "_Macro Syntax Error_" in output and page:
        found = re.search(r"_Line (\d+) in Markdown file:_ \*\*(.+?)\*\*", output)
        line, what = found.groups() if found else ("1", "syntax error")
        return _page_problem(f"{docs_dir}/{page.group(1)}", int(line) + offset, f"TemplateSyntaxError: {what}")
    if "_Macro Rendering Error_" in output and page:
        error = re.search(r"_(\w+)_: (.+)", output.split("_File_", 1)[1])
        line = re.findall(r'File "<(?:template|unknown)>", line (\d+)', output)
        where = int(line[-1]) + offset if line else 1
        return _page_problem(f"{docs_dir}/{page.group(1)}", where, f"{error.group(1)}: {error.group(2)}" if error else output)
    lines = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR", "Aborted"))]
    return "\n".join(lines) or output


def mkdocs_build(config: str, docs_dir: str, out_dir: Path, env: dict[str, str]) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / config), "-d", str(out_dir)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise BuildError(f"{explain_failure(output, docs_dir)}\n({say('build_failed_page', config=config)})")


def build_into(out_dir: Path, preview: bool = False) -> None:
    """Build both languages into out_dir (which must not exist yet)."""
    validate()
    env = build_env()
    for _lang, config, subdir, docs_dir in CONFIGS:
        mkdocs_build(config, docs_dir, out_dir / subdir if subdir else out_dir, env)
    from tools import postbuild  # after the build: it reads what mkdocs wrote

    postbuild.finish(out_dir, preview=preview)


def publish(out_dir: Path) -> None:
    """Build into a staging folder beside out_dir, then swap it in."""
    out_dir = out_dir.resolve()
    staging = out_dir.with_name(f".{out_dir.name}.staging")
    retired = out_dir.with_name(f".{out_dir.name}.previous")
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        build_into(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if out_dir.exists():
        out_dir.rename(retired)
    staging.rename(out_dir)
    shutil.rmtree(retired, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="site", help="the folder to publish to (default: site)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        publish(Path(args.out))
    except BuildError as error:
        print(error, file=sys.stderr)
        print(say("build_unchanged", out=args.out), file=sys.stderr)
        return 1
    print(say("build_done", out=args.out, seconds=f"{time.monotonic() - started:.1f}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
