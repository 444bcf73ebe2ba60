"""Edit the call in a browser: `make edit`, then open http://127.0.0.1:8000/admin/.

Starts, on 127.0.0.1 only:
- the live preview of every language (tools/serve.py), rebuilt on every save, which
  shows the check's messages in place of the pages while the data is wrong;
- the editor (Decap CMS from npm, node_modules/decap-cms/dist) at /admin/ beside it,
  with its configuration generated from the schemas at every load
  (tools/editor_config.py) and the project's own widget (editor/);
- Decap's local backend (decap-server, from npm) on another port, reading and
  writing this working tree's call/ folder. It saves files only; `make publish`
  saves them in git and publishes.

The editor's page has a looser Content-Security-Policy than the site (Decap
injects its styles), kept to /admin/ on this local server. Nothing of the editor
is ever written to site/.
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from macros.messages import say

ROOT = Path(__file__).resolve().parent.parent
EDITOR = ROOT / "editor"
DECAP = ROOT / "node_modules" / "decap-cms" / "dist"
DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
OWN_FILES = {"/admin/": "index.html", "/admin/index.html": "index.html", "/admin/editor.js": "editor.js",
             "/admin/editor.css": "editor.css"}


class EditorFiles:
    """What the local server answers under /admin/: the editor's page, its configuration, Decap's files."""

    def __init__(self, api_port: int, root: Path = ROOT):
        self.api_port, self.root = api_port, root

    def headers(self) -> dict[str, str]:
        # Decap compiles its configuration's validator at run time (ajv: new Function), and injects its styles.
        policy = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                  f"font-src 'self' data:; connect-src 'self' http://127.0.0.1:{self.api_port}; frame-ancestors 'none'; "
                  "base-uri 'self'; form-action 'none'; object-src 'none'")
        return {"Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}

    def response(self, path: str) -> tuple[bytes, str, dict] | None:
        if path == "/admin":
            path = "/admin/"
        if path in OWN_FILES:
            file = EDITOR / OWN_FILES[path]
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            return file.read_bytes(), f"{kind}; charset=utf-8", self.headers()
        if path == "/admin/config.yml":
            from tools.editor_config import config
            return json.dumps(config(api_port=self.api_port), ensure_ascii=False, indent=1).encode("utf-8"), \
                "text/yaml; charset=utf-8", self.headers()
        match = re.fullmatch(r"/admin/decap/([A-Za-z0-9._-]+\.(?:js|css|wasm|map))", path)
        if match and (DECAP / match.group(1)).is_file():
            kind = {"js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8", "wasm": "application/wasm",
                    "map": "application/json"}[match.group(1).rsplit(".", 1)[1]]
            return (DECAP / match.group(1)).read_bytes(), kind, self.headers()
        return None


def start_backend(api_port: int, root: Path = ROOT) -> subprocess.Popen:
    """decap-server on 127.0.0.1, writing files in this working tree (its fs mode: no commits)."""
    node = shutil.which("node")
    if node is None or not DECAP_SERVER.exists():
        raise SystemExit(say("edit_missing_tools"))
    # decap-server's own default lets only pages from localhost and 127.0.0.1 call it (CORS).
    env = dict(os.environ, PORT=str(api_port), BIND_HOST="127.0.0.1", MODE="fs", GIT_REPO_DIRECTORY=str(root), LOG_LEVEL="warn")
    env.pop("ORIGIN", None)
    return subprocess.Popen([node, str(DECAP_SERVER)], cwd=root, env=env)


def write_hosted(out: Path) -> Path:
    """The editor's files for hosting apart from the site, saving straight to the repository host that
    editor.yml names (editor_backend): editors then need nothing installed, only their login there."""
    from tools.editor_config import config, hosted_backend
    backend = hosted_backend()
    if backend is None:
        raise SystemExit(say("edit_no_hosted_backend"))
    out.mkdir(parents=True, exist_ok=True)
    for name in ("index.html", "editor.js", "editor.css"):
        shutil.copy2(EDITOR / name, out / name)
    shutil.copytree(DECAP, out / "decap", dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.map", "cms.js", "*.cms.js"))
    (out / "config.yml").write_text(json.dumps(config(api_port=None, backend=backend), ensure_ascii=False, indent=1),
                                    encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PREVIEW_PORT", "8000")))
    parser.add_argument("--api-port", type=int, default=int(os.environ.get("EDITOR_API_PORT", "8081")))
    parser.add_argument("--write-to", help="write the editor's files for a hosted repository (editor.yml: editor_backend) here")
    args = parser.parse_args(argv)
    if args.write_to:
        print(say("edit_written", out=write_hosted(Path(args.write_to))))
        return 0
    backend = start_backend(args.api_port)

    def stop(*_):
        backend.terminate()
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    from tools.serve import addresses, serve
    print(say("edit_started", editor=f"http://127.0.0.1:{args.port}/admin/", preview=f"http://127.0.0.1:{args.port}/"), flush=True)
    try:
        print(addresses(args.port), flush=True)
        serve(args.port, admin=EditorFiles(args.api_port), announce=False)
    except KeyboardInterrupt:
        pass
    finally:
        backend.terminate()
        try:
            backend.wait(timeout=5)
        except subprocess.TimeoutExpired:
            backend.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
