"""Preview both languages while editing: `make serve`, then open http://127.0.0.1:8000/.

Rebuilds the whole site (both languages, the same steps as `make site`) on any
change under call/, docs/, macros/ or overrides/, and reloads the open page.
A broken edit prints its problem here and keeps the last good preview. The
preview lives in .preview/, never in site/. It has no Content-Security-Policy,
because the reload script the preview injects is inline.
"""

from __future__ import annotations

import argparse
import shutil
import sys

from mkdocs.livereload import LiveReloadServer

from tools.build import ROOT, BuildError, build_into

PREVIEW = ROOT / ".preview"
WATCHED = ("call", "docs", "macros", "overrides", "mkdocs.yml", "mkdocs.en.yml")


def rebuild() -> None:
    fresh = PREVIEW.with_name(".preview.new")
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        build_into(fresh, preview=True)
    except BuildError as error:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"{error}\nThe preview shows the last good version.", file=sys.stderr)
        return
    # Replace the contents, not the folder: the server keeps serving its root.
    PREVIEW.mkdir(exist_ok=True)
    for old in PREVIEW.iterdir():
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    for new in fresh.iterdir():
        new.rename(PREVIEW / new.name)
    fresh.rmdir()
    print("Preview rebuilt.")


def main() -> int:
    parser = argparse.ArgumentParser(description="Preview both languages.")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    rebuild()
    server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=args.port, root=str(PREVIEW))
    for path in WATCHED:
        server.watch(str(ROOT / path))
    print(f"Svenska: http://127.0.0.1:{args.port}/  English: http://127.0.0.1:{args.port}/en/  (Ctrl+C stops)")
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
