"""Start the browser editor with nothing but Python: `py start_editor.py` (Windows), `python3 start_editor.py`.

The same editor as `make edit` (tools/edit.py), for a computer without make or Node. Only Python's standard
library runs here, so it works before anything is installed:

1. the project's virtual environment (.venv, the same one `make site` makes), made and filled once from
   pyproject.toml (without the tests' packages, which `make test` adds), and again when it changes;
2. the editor's program, Decap CMS, as package-lock.json names it: fetched once from the npm registry
   (NPM_CONFIG_REGISTRY, else registry.npmjs.org) and used only if its SHA-512 is the one the lockfile
   records; only its dist/ folder is unpacked, into node_modules/decap-cms/;
3. the editor and its preview, as `make edit` starts them (Ctrl+C stops them).

Messages are in the editor's language (EDITOR_LANGUAGE, else editor.yml's language, else Swedish), from
editor/start-messages.json.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
NEEDED = (3, 11)
VENV = ROOT / ".venv"
STAMPS = (VENV / ".installed", VENV / ".installed-editor")  # make's (with the tests' packages), then this script's
DECAP = ROOT / "node_modules" / "decap-cms"


def language() -> str:
    chosen = os.environ.get("EDITOR_LANGUAGE", "")
    settings = ROOT / "editor.yml"
    if not chosen and settings.is_file():  # one line of YAML read without a YAML library: language: sv
        found = re.search(r"^language:\s*['\"]?([a-z]{2,3})", settings.read_text(encoding="utf-8"), re.M)
        chosen = found.group(1) if found else ""
    return chosen or "sv"


def say(key: str, **values) -> str:
    table = json.loads((ROOT / "editor" / "start-messages.json").read_text(encoding="utf-8"))
    text = table.get(language(), table["sv"])[key]
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_environment() -> None:
    """The virtual environment with the project's packages, as `make` installs them."""
    changed = (ROOT / "pyproject.toml").stat().st_mtime
    if venv_python().is_file() and any(stamp.is_file() and stamp.stat().st_mtime >= changed for stamp in STAMPS):
        return
    print(say("installing"), flush=True)
    if not venv_python().is_file():
        venv.create(VENV, with_pip=True)
    steps = ([str(venv_python()), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
             [str(venv_python()), "-m", "pip", "install", "--quiet", "-e", "."])
    for step in steps:
        if subprocess.run(step, cwd=ROOT).returncode != 0:
            raise SystemExit(say("install_failed"))
    STAMPS[1].touch()


def verified(data: bytes, integrity: str) -> bool:
    """Whether data is what the lockfile's integrity field ("sha512-<base64>") records."""
    algorithm, _, expected = integrity.partition("-")
    if algorithm != "sha512":
        return False
    return base64.b64encode(hashlib.sha512(data).digest()).decode() == expected


def unpack_dist(data: bytes, target: Path) -> None:
    """The package's dist/ folder only, each file checked to stay inside it."""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            if not member.isfile() or not member.name.startswith("package/dist/"):
                continue
            relative = Path(member.name).relative_to("package")
            destination = (target / relative).resolve()
            if target.resolve() not in destination.parents:
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(archive.extractfile(member).read())


def ensure_decap(registry: str | None = None) -> None:
    """Decap CMS's dist/ as the lockfile pins it, fetched once and checked against its SHA-512."""
    if (DECAP / "dist" / "decap-cms.js").is_file():
        return
    entry = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]["node_modules/decap-cms"]
    registry = (registry or os.environ.get("NPM_CONFIG_REGISTRY") or "https://registry.npmjs.org/").rstrip("/")
    address = entry.get("resolved") or f"{registry}/decap-cms/-/decap-cms-{entry['version']}.tgz"
    print(say("fetching", version=entry["version"]), flush=True)
    try:
        with urllib.request.urlopen(address, timeout=120) as response:
            data = response.read()
    except OSError as error:
        raise SystemExit(say("no_download", error=error)) from None
    if not verified(data, entry["integrity"]):
        raise SystemExit(say("wrong_download"))
    unpack_dist(data, DECAP)


def main(argv: list[str]) -> int:
    if sys.version_info < NEEDED:
        raise SystemExit(say("old_python", needed=".".join(map(str, NEEDED)), found=sys.version.split()[0]))
    ensure_environment()
    ensure_decap()
    try:
        return subprocess.call([str(venv_python()), "-m", "tools.edit", *argv], cwd=ROOT)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
