"""Preview every language while editing: `make serve`, then open http://127.0.0.1:8000/.

Rebuilds the whole site (every language, the same gate and steps as `make site`)
whenever a file under calls/, site.yml, docs/, macros/ or overrides/ (or mkdocs.yml) changes,
and the open page reloads itself. The preview lives in .preview/, never in site/,
and listens on 127.0.0.1 only.

When the data or a page is wrong, every page of the preview shows the check's
messages, in the editor's language, in place of the page: never silently the
last good version, and never a 404 after a broken start. What the check only
warns about (a translation behind its Swedish source) shows in a bar on top of
every page, which still shows, so that an editor can go on translating. Whatever goes wrong
in a rebuild is shown there too; the server never stops on it.

The call's PDFs are made the first time the preview is asked for one, from the
pages of the last good build, instead of on every rebuild: printing is the
slowest step of a build, and most saves are never looked at as a PDF.

The pages keep the site's Content-Security-Policy: the reload script is a file
of the preview server (/__preview/reload.js), not an inline script.
"""

from __future__ import annotations

import argparse
import http.server
import re
import shutil
import sys
import threading
import time
import traceback
from pathlib import Path

from macros.call_data import call_dir
from macros.downloads import download
from macros.messages import say
from tools.editor_backend import LocalServer, request_refusal
from tools.preview_pages import PREVIEW_FILES, editor_lines, problems_page, warnings_bar

ROOT = Path(__file__).resolve().parent.parent
PREVIEW = ROOT / ".preview"
WATCHED = ("calls", "site.yml", "docs", "macros", "overrides", "mkdocs.yml")


class Preview:
    """The state of the preview: the last build's problems (or none) and a version that changes on each rebuild."""

    def __init__(self, root: Path = ROOT, folder: Path = PREVIEW):
        from tools.build import preload
        preload()  # once: every rebuild's language processes then share it
        self.root, self.folder = root, folder
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.version = 0
        self.lock = threading.Lock()
        self.prepared = None
        # The call's PDFs are made when first asked for, not on every rebuild: printing is the slowest step of a
        # build, and most saves are never looked at as a PDF. Address in the preview -> its language.
        self.documents: dict[str, str] = {}

    def rebuild(self, changed: frozenset | None = None) -> None:
        """Build the preview again. `changed`: the slugs of the only calls whose files changed since the last build
        (None: anything else may have), so that every other call is taken from the last good build as it is."""
        from tools.build import BuildError, Reuse, build_into
        fresh = self.folder.with_name(self.folder.name + ".new")
        shutil.rmtree(fresh, ignore_errors=True)
        reuse = Reuse(self.folder, self.prepared, changed) \
            if changed is not None and self.prepared is not None and not self.problems and self.folder.is_dir() else None
        try:
            # A lagging translation is shown, not a stop; the PDFs wait until they are asked for.
            prepared = build_into(fresh, root=self.root, strict=False, documents=False, reuse=reuse)
        except BuildError as error:
            shutil.rmtree(fresh, ignore_errors=True)
            said = str(error).splitlines()  # the terminal's words, with files and lines; the page's, the form's
            self._failed(editor_lines(error.problems, self.root, call_dir()) if error.problems else said, said)
            return
        except Exception:  # whatever it is, the editor sees it in the browser and the server carries on
            shutil.rmtree(fresh, ignore_errors=True)
            self._failed(traceback.format_exc().splitlines()[-3:])
            return
        with self.lock:
            old = self.folder.with_name(self.folder.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            if self.folder.exists():
                self.folder.rename(old)
            fresh.rename(self.folder)
            shutil.rmtree(old, ignore_errors=True)
            self.problems = []
            self.warnings = [line for call in prepared.calls for line in editor_lines(call.warnings, self.root, call.folder)]
            self.prepared = prepared
            self.documents = {f"/{lang.path}{download(lang, 'call_document').file}": (index, lang.code)
                              for index, call in enumerate(prepared.calls) for lang in call.languages.full}
            self.version += 1
        print(say("preview_rebuilt"), flush=True)

    def make_document(self, address: str) -> None:
        """The PDF at this address, made from the pages of the last good build if it is not made yet."""
        from tools.build import IN_PROCESS
        from tools.call_document import write_call_document
        with IN_PROCESS, self.lock:  # no build forks while WeasyPrint prints, and no rebuild swaps the pages
            found = self.documents.pop(address, None)
            if found is None:
                return
            call = self.prepared.calls[found[0]]
            lang = call.languages[found[1]]
            problem = write_call_document(self.folder / lang.path, call, lang, self.root)
            if problem:
                print(problem.text(), file=sys.stderr, flush=True)

    def _failed(self, lines: list[str], said: list[str] | None = None) -> None:
        with self.lock:
            self.problems = [line for line in lines if line.strip()]
            self.version += 1
        print("\n".join(said or self.problems) + "\n" + say("preview_failed"), file=sys.stderr, flush=True)

    def additions(self) -> bytes:
        """What the preview adds on top of every page (the site itself never has it): its reload script, and what the
        check would warn about."""
        return warnings_bar(self.warnings).encode("utf-8")

    def problem_page(self) -> bytes:
        return problems_page(self.problems).encode("utf-8")


def snapshot(root: Path) -> dict[str, float]:
    """Every watched file's modification time: a change in any of them means rebuild."""
    found = {}
    for name in WATCHED:
        path = root / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        for file in files:
            try:
                found[str(file)] = file.stat().st_mtime
            except OSError:
                pass
    return found


def changed_calls(before: dict[str, float], after: dict[str, float], root: Path) -> frozenset | None:
    """The slugs of the calls whose files changed between two snapshots, if nothing else did (no call came or went,
    no file of the site's, the pages or the code changed); else None: the whole site is built again."""
    from macros.call_data import CALLS, call_folders
    if {Path(path).relative_to(root).parts[:2] for path in before} != {Path(path).relative_to(root).parts[:2] for path in after}:
        return None  # a call added or removed, or a folder of the code
    slugs = {folder.name for folder in call_folders(root)}
    changed = set()
    for path in set(before) ^ set(after) | {path for path in before if path in after and before[path] != after[path]}:
        parts = Path(path).relative_to(root).parts
        if len(parts) < 3 or parts[0] != CALLS or parts[1] not in slugs:
            return None
        changed.add(parts[1])
    return frozenset(changed)


def watch(preview: Preview, interval: float = 0.4, saved: threading.Event | None = None) -> None:
    """Rebuild when a watched file changes: looked for every `interval`, and at once when the editor says it saved
    (`saved`, set after its files are written)."""
    saved = saved or threading.Event()
    seen = snapshot(preview.root)
    while True:
        by_editor = saved.wait(interval)
        saved.clear()
        now = snapshot(preview.root)
        if now != seen:
            if not by_editor:
                time.sleep(0.2)  # let a save by another program finish
            now = snapshot(preview.root)
            changed, seen = changed_calls(seen, now, preview.root), now
            preview.rebuild(changed)


def handler_for(preview: Preview, editor_address: str | None = None):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(preview.folder), **kwargs)

        def log_message(self, *args):
            pass

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def _send(self, body: bytes, kind: str, status: int = 200):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_HEAD(self):
            if request_refusal("GET", self.headers.get("Host"), None, None, self.server.server_port):
                return self._send(b"", "text/plain; charset=utf-8", 403)
            return super().do_HEAD()

        def do_GET(self):
            # A page whose name was rebound to 127.0.0.1 is not the editor's browser: it gets nothing.
            if request_refusal("GET", self.headers.get("Host"), None, None, self.server.server_port):
                return self._send(say("edit_refused_request").encode("utf-8"), "text/plain; charset=utf-8", 403)
            path = self.path.split("?", 1)[0]
            if editor_address is not None and (path == "/admin" or path.startswith("/admin/")):
                self.send_response(302)
                self.send_header("Location", editor_address)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            if path == "/__preview/reload.js":
                return self._send((PREVIEW_FILES / "reload.js").read_bytes(), "text/javascript; charset=utf-8")
            if path == "/__preview/preview.css":
                return self._send((PREVIEW_FILES / "preview.css").read_bytes(), "text/css; charset=utf-8")
            if path == "/__preview/version":
                return self._send(str(preview.version).encode(), "text/plain; charset=utf-8")
            if path in preview.documents:
                preview.make_document(path)
            wants_page = path.endswith("/") or path.endswith(".html") or "." not in path.rsplit("/", 1)[-1]
            if preview.problems and wants_page:
                return self._send(preview.problem_page(), "text/html; charset=utf-8")
            if wants_page:
                target = Path(self.translate_path(path))
                if target.is_dir():
                    target = target / "index.html"
                if target.is_file():
                    additions = preview.additions()
                    body = re.sub(rb"(<body[^>]*>)", lambda match: match.group(1) + additions, target.read_bytes(), count=1)
                    return self._send(body, "text/html; charset=utf-8")
            return super().do_GET()

    return Handler


def addresses(port: int, root: Path = ROOT) -> str:
    from macros.call_data import load_site_languages
    try:
        return "  ".join(f"{lang.name}: http://127.0.0.1:{port}/{lang.path}" for lang in load_site_languages(root))
    except Exception:  # noqa: BLE001 - a broken call still has a preview, which shows what is wrong
        return f"http://127.0.0.1:{port}/"


def serve(port: int, root: Path = ROOT, editor_address: str | None = None, announce: bool = True,
          saved: threading.Event | None = None) -> None:
    """The preview, on 127.0.0.1 only (for `make edit`, its /admin/ leads to the editor's own origin, whose saves
    set `saved`)."""
    preview = Preview(root)
    preview.rebuild()
    threading.Thread(target=watch, args=(preview, 0.4, saved), daemon=True).start()
    server = LocalServer(("127.0.0.1", port), handler_for(preview, editor_address))
    if announce:
        print(f"{addresses(port)}  (Ctrl+C)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main() -> int:
    parser = argparse.ArgumentParser(description="Preview every language.")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    serve(args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
