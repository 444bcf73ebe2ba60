"""Edit the call in a browser: `make edit`, then open http://127.0.0.1:8081/admin/.

Starts, on 127.0.0.1 only:
- the live preview of every language (tools/serve.py) at http://127.0.0.1:8000/,
  rebuilt on every save, which shows the check's messages in place of the pages
  while the data is wrong; its /admin/ leads to the editor;
- the editor at http://127.0.0.1:8081/admin/, on an origin of its own: Decap CMS
  from npm (node_modules/decap-cms/dist), its configuration generated from the
  schemas at every load (tools/editor_config.py), the project's own widget
  (editor/), and its backend at /api/v1 (tools/editor_backend.py), which reads
  and writes only the calls' data files and texts and the site's file, and checks
  each save first. The form edits one call at a time (/admin/?utlysning=<slug>);
  /admin/utlysningar.html lists the site's calls and starts next year's.
  It saves files only; `make publish` saves them in git and publishes.

Why two origins: the preview serves what the pages under docs/ produce, which an
editor (or an attacker with a commit) writes. Were the editor on the preview's
origin, any page there could call the backend as the editor. The editor's origin
serves nothing but its own fixed files, answers only its own Host (so a name
rebound to 127.0.0.1 gets nothing) and takes writes only from its own Origin.

The editor's page has a looser Content-Security-Policy than the site (Decap
compiles its validator at run time and injects its styles), on its origin only.
Nothing of the editor is ever written to site/.
"""

from __future__ import annotations

import argparse
import http.server
import json
import mimetypes
import os
import re
import shutil
import sys
import threading
from pathlib import Path
from urllib.parse import parse_qs

import jinja2

from macros.call_data import call_dir, call_folders, site_root
from macros.messages import message_language, say, table
from macros.view import script_json
from tools import calls_page, publish_page, translations_page
from tools.editor_backend import MAX_BODY_BYTES, EditorBackend, LocalServer, Refused, request_refusal
from tools.editor_config import EDITOR_PORT

ROOT = Path(__file__).resolve().parent.parent
EDITOR = ROOT / "editor"
DECAP = ROOT / "node_modules" / "decap-cms" / "dist"
OWN_FILES = {"/admin/editor.js": "editor.js", "/admin/records.js": "records.js", "/admin/date_widget.js": "date_widget.js", "/admin/editor.css": "editor.css", "/admin/publicera.js": "publicera.js",
             "/admin/trasig.js": "trasig.js", "/admin/oversattningar.js": "oversattningar.js",
             "/admin/utlysning.js": "utlysning.js", "/admin/utlysningar.js": "utlysningar.js"}
# The editor's pages, drawn in the editor's language: their words are the messages publish_page_* (t) and
# translations_page_* (tr); their scripts get the words of the page's own prefix.
OWN_PAGES = {"/admin/": ("index.html", "editor_form_"), "/admin/index.html": ("index.html", "editor_form_"),
             "/admin/publicera.html": ("publicera.html", "publish_page_"),
             "/admin/oversattningar.html": ("oversattningar.html", "translations_page_"),
             "/admin/utlysningar.html": ("utlysningar.html", "calls_page_")}
# Each page's actions: the page's module answers {action, …} with {ok, message, …}.
ACTIONS = {"/api/publish": publish_page.act, "/api/translations": translations_page.act}
PAGES = jinja2.Environment(loader=jinja2.FileSystemLoader(str(EDITOR)), autoescape=True, undefined=jinja2.StrictUndefined)
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store",
                    "Cross-Origin-Resource-Policy": "same-origin", "X-Frame-Options": "DENY"}
PAGE_ACTIONS = threading.Lock()  # the pages' actions (publish, roll back, mark a translation), one at a time
POLICY = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
          "font-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
          "form-action 'none'; object-src 'none'")


class EditorFiles:
    """What the editor's origin answers to GET: the editor's page, its configuration, Decap's files. The form edits
    one call at a time: the one its address names (?utlysning=<slug>), else `folder` (the newest). `preview_url` is
    the preview's site; the form's link after a save leads to the call's own place in it."""

    def __init__(self, root: Path = ROOT, folder: Path | None = None, preview_url: str | None = None):
        self.root, self.folder, self.preview_url = root, Path(folder or call_dir()), preview_url
        self.site = site_root(self.folder)

    def calls(self) -> list[Path]:
        """The site's calls, and the call the editor was opened on wherever it is."""
        return list(dict.fromkeys([*call_folders(self.site), self.folder]))

    def chosen(self, query: str) -> Path:
        """The call the address names (?utlysning=<slug>), if it is one of the site's; else the one opened on."""
        return self.named(parse_qs(query).get("utlysning", [""])[0]) or self.folder

    def named(self, slug: str) -> Path | None:
        return next((folder for folder in self.calls() if folder.name == slug), None)

    @staticmethod
    def words(prefix: str) -> dict:
        return {key.removeprefix(prefix): value for key, value in table(message_language()).items()
                if key.startswith(prefix) and isinstance(value, (str, dict))}  # a dict: plural forms

    @classmethod
    def page(cls, name: str, local: bool = True, broken: list | None = None, prefix: str = "publish_page_",
             calls: list | None = None, current: dict | None = None) -> bytes:
        """An editor's page in the editor's language; `local`: served by make edit (which can publish), not hosted;
        `calls`: the site's calls (tools/calls_page.py), `current`: the one the form edits."""
        t, tr, c = cls.words("publish_page_"), cls.words("translations_page_"), cls.words("calls_page_")
        strings = script_json(cls.words(prefix))
        phrases = script_json(json.loads((EDITOR / "decap-phrases.json").read_text(encoding="utf-8")))
        return PAGES.get_template(name).render(lang=message_language(), t=t, tr=tr, c=c, strings=strings, phrases=phrases, local=local,
                                               broken=broken or [], calls=calls or [], current=current).encode("utf-8")

    def response(self, path: str, host: str, query: str = "") -> tuple[bytes, str] | None:
        if path in ("/", "/admin"):
            path = "/admin/"
        if path in OWN_PAGES:
            name, prefix = OWN_PAGES[path]
            chosen = self.chosen(query)
            broken = publish_page.broken_files(chosen) if name == "index.html" else []
            if broken:  # the form cannot show a file that does not read: say which, and offer to restore it
                return self.page("trasig.html", broken=broken), "text/html; charset=utf-8"
            return (self.page(name, prefix=prefix, calls=calls_page.entries(self.calls(), chosen),
                              current=calls_page.call_entry(chosen, chosen)), "text/html; charset=utf-8")
        if path in OWN_FILES:
            file = EDITOR / OWN_FILES[path]
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            return file.read_bytes(), f"{kind}; charset=utf-8"
        match = re.fullmatch(r"/admin/config(?:/([a-z0-9-]+))?\.yml", path)  # editor/utlysning.js names the call's
        chosen = (self.named(match.group(1)) if match.group(1) else self.folder) if match else None
        if chosen is not None:
            from tools.editor_config import config
            # The backend's address on the origin the page was opened at: 127.0.0.1 and localhost are two origins.
            preview = f"{self.preview_url.rstrip('/')}/{chosen.name}/" if self.preview_url else None
            made = config(chosen, backend_url=f"http://{host}/api/v1", preview_url=preview)
            return json.dumps(made, ensure_ascii=False, indent=1).encode("utf-8"), "text/yaml; charset=utf-8"
        match = re.fullmatch(r"/admin/decap/([A-Za-z0-9._-]+\.(?:js|css|wasm|map))", path)
        if match and (DECAP / match.group(1)).is_file():
            kind = {"js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8", "wasm": "application/wasm",
                    "map": "application/json"}[match.group(1).rsplit(".", 1)[1]]
            return (DECAP / match.group(1)).read_bytes(), kind
        return None


def editor_handler(port: int, files: EditorFiles, backend: EditorBackend):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", POLICY)
            for name, value in SECURITY_HEADERS.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _json(self, status: int, payload) -> None:
            self._send(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

        def _refused(self) -> bool:
            why = request_refusal(self.command, self.headers.get("Host"), self.headers.get("Origin"),
                                  self.headers.get("Content-Type"), port)
            if why is not None:
                self._json(403, {"error": say("edit_refused_request")})
                return True
            return False

        def do_GET(self):
            if self._refused():
                return
            path, _mark, query = self.path.partition("?")
            found = files.response(path, self.headers["Host"], query)
            if found is None:
                return self._send(404, b"Not found", "text/plain; charset=utf-8")
            return self._send(200, *found)

        do_HEAD = do_GET

        def do_POST(self):
            if self._refused():
                return None
            actions = {**ACTIONS, "/api/calls": lambda body: calls_page.act(files.site, body)}
            if self.path != "/api/v1" and self.path not in actions:
                return self._json(404, {"error": say("edit_refused_path")})
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY_BYTES:
                return self._json(413, {"error": say("edit_refused_too_large")})
            try:
                body = json.loads(self.rfile.read(length).decode("utf-8"))
                if self.path in actions:
                    with PAGE_ACTIONS:  # a double click publishes (or marks, or starts a call) once
                        return self._json(200, actions[self.path](body if isinstance(body, dict) else {}))
                return self._json(200, backend.handle(body))
            except Refused as refusal:
                return self._json(refusal.status, refusal.answer())
            except (UnicodeDecodeError, json.JSONDecodeError):
                return self._json(422, {"error": say("edit_refused_path")})

    return Handler


def serve_editor(port: int, root: Path = ROOT, folder: Path | None = None, saved: threading.Event | None = None,
                 preview_url: str | None = None) -> LocalServer:
    """The editor's origin on 127.0.0.1:port, in a thread; the server (shut it down when done). `saved` is set
    after every save; `preview_url` is where the editor's button after a save leads (the preview)."""
    backend = EditorBackend(root, folder or call_dir(), saved)
    server = LocalServer(("127.0.0.1", port), editor_handler(port, EditorFiles(root, backend.folder, preview_url), backend))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def write_hosted(out: Path) -> Path:
    """The editor's files for hosting apart from the site, saving straight to the repository host that
    editor.yml names (editor_backend): editors then need nothing installed, only their login there."""
    from tools.editor_config import config, hosted_backend
    backend = hosted_backend()
    if backend is None:
        raise SystemExit(say("edit_no_hosted_backend"))
    out.mkdir(parents=True, exist_ok=True)
    name, prefix = OWN_PAGES["/admin/"]
    newest = call_dir()
    calls = EditorFiles(ROOT, newest).calls()
    (out / "index.html").write_bytes(EditorFiles.page(name, local=False, prefix=prefix, calls=calls_page.entries(calls, newest),
                                                      current=calls_page.call_entry(newest, newest)))  # publishing is the pipeline's there
    for name in ("editor.js", "records.js", "date_widget.js", "utlysning.js", "editor.css"):
        shutil.copy2(EDITOR / name, out / name)
    shutil.copytree(DECAP, out / "decap", dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.map", "cms.js", "*.cms.js"))
    (out / "config").mkdir(exist_ok=True)
    for folder in calls:  # one configuration per call: the page's ?utlysning=<slug> picks it (editor/utlysning.js)
        (out / "config" / f"{folder.name}.yml").write_text(
            json.dumps(config(folder, backend_url=None, backend=backend), ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "config.yml").write_text(json.dumps(config(newest, backend_url=None, backend=backend), ensure_ascii=False, indent=1),
                                    encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PREVIEW_PORT", "8000")))
    parser.add_argument("--editor-port", type=int, default=int(os.environ.get("EDITOR_PORT", str(EDITOR_PORT))))
    parser.add_argument("--write-to", help="write the editor's files for a hosted repository (editor.yml: editor_backend) here")
    args = parser.parse_args(argv)
    if args.write_to:
        print(say("edit_written", out=write_hosted(Path(args.write_to))))
        return 0
    if not DECAP.is_dir():
        raise SystemExit(say("edit_missing_tools"))
    editor_address = f"http://127.0.0.1:{args.editor_port}/admin/"
    saved = threading.Event()  # the preview rebuilds as soon as the editor saved
    # The preview opens on the call being edited (first the newest: calls/<slug>/), at its place in the site.
    preview = f"http://127.0.0.1:{args.port}/{call_dir().name}/"
    editor = serve_editor(args.editor_port, saved=saved, preview_url=f"http://127.0.0.1:{args.port}/")
    from tools.serve import addresses, serve
    print(say("edit_started", editor=editor_address, preview=preview), flush=True)
    try:
        print(addresses(args.port), flush=True)
        serve(args.port, editor_address=editor_address, announce=False, saved=saved)
    except KeyboardInterrupt:
        pass
    finally:
        editor.shutdown()
        editor.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
