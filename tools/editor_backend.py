"""The browser editor's local backend: Decap CMS's proxy protocol, answered in Python.

Decap's local backend posts `{action, params}` to one address. decap-server, its own
implementation, wrote any path it was given in the repository and never looked at
the Host header, so a web page could reach it. This one:

- answers on 127.0.0.1 only, to its own Host (127.0.0.1 or localhost on its own port),
  and takes a write only from a page of its own origin (the `Origin` header, which
  browsers always send with a POST, and a JSON body, which no form can send);
- reads and writes only the files the editor edits: each call's data files and its
  longer texts (`calls/<slug>/text/<language>/<name>.md`, existing ones) and the site's
  file (`site.yml`), each named exactly,
  never through a symbolic link, never anything else (no media, no deletions);
- checks a save before it is written: the call with the new file must still load
  (schemas and rules across files); a save to the site's file, every call. A refused save changes nothing, and Decap shows
  the reason, in the editor's language, in its notification.
"""

from __future__ import annotations

import hashlib
import http.server
import os
import re
import shutil
import stat
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from macros.call_data import DATA_FILES, SITE_FILE, call_folders, data_path, load, site_root
from macros.messages import problem_text, say
from macros.problems import CallError
from tools.field_labels import field_labels

MAX_BODY_BYTES = 2 * 1024 * 1024
TEXT_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]{0,80}\.md")


class LocalServer(http.server.ThreadingHTTPServer):
    """The editor's and the preview's server on 127.0.0.1. A browser that leaves before its answer is sent (a tab
    closed, a page reloaded mid-download) is no error: nothing is printed for it."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class Refused(Exception):
    """A request the backend will not carry out; the message is the editor's. `fields`: for a refused save, each
    field it concerns, by the form's labels, with what is wrong there (the editor shows it under the field)."""

    def __init__(self, message: str, status: int = 422, fields: tuple = ()):
        self.message, self.status, self.fields = message, status, fields
        super().__init__(message)

    def answer(self) -> dict:
        return {"error": self.message, **({"fields": list(self.fields)} if self.fields else {})}


def own_origins(port: int) -> set[str]:
    return {f"http://127.0.0.1:{port}", f"http://localhost:{port}"}


def own_hosts(port: int) -> set[str]:
    return {f"127.0.0.1:{port}", f"localhost:{port}"}


def request_refusal(method: str, host: str | None, origin: str | None, content_type: str | None, port: int) -> str | None:
    """Why a request may not reach the editor (None: it may). A foreign Host is a page whose name was
    rebound to 127.0.0.1; a foreign Origin is another site, or the preview, calling the backend."""
    if host not in own_hosts(port):
        return "host"
    if method == "POST":
        if origin not in own_origins(port):
            return "origin"
        if (content_type or "").split(";")[0].strip().lower() != "application/json":
            return "content-type"
    return None


@dataclass(frozen=True)
class EditedFile:
    relative: str  # as Decap names it: relative to the project, with /
    path: Path


class EditorBackend:
    """The proxy protocol's actions over the calls of the site that holds `folder` (the call the editor opens
    first), inside the project `root`. Every call of the site is edited through the same backend, one at a time."""

    def __init__(self, root: Path, folder: Path, saved: threading.Event | None = None):
        self.root = Path(os.path.abspath(root))
        self.folder = Path(os.path.abspath(folder))
        self.site = site_root(self.folder)
        self.saved = saved  # set after every save: the preview rebuilds at once instead of at its next look
        self.last_saved: set[Path] = set()  # the calls the last save changed (all of them for the site's file)

    # --- which files ---------------------------------------------------------------------------

    def calls(self) -> list[Path]:
        """The site's call folders, real folders only (a link in calls/ is no call the editor edits), and the call
        the editor was opened on wherever it is."""
        folders = [Path(os.path.abspath(folder)) for folder in call_folders(self.site)]
        return [folder for folder in dict.fromkeys([*folders, self.folder]) if _plain_folder(folder)]

    def data_file_names(self) -> list[str]:
        return list(dict.fromkeys(data_path(folder, name).relative_to(self.root).as_posix()
                                  for folder in self.calls() for name in DATA_FILES))

    def text_folders(self) -> list[str]:
        found = []
        for folder in self.calls():
            text, prefix = folder / "text", PurePosixPath(folder.relative_to(self.root).as_posix()) / "text"
            if _plain_folder(text):
                found += [str(prefix / entry.name) for entry in os.scandir(text)
                          if entry.is_dir(follow_symlinks=False) and re.fullmatch(r"[a-z]{2,3}", entry.name)]
        return sorted(found)

    def call_of(self, found: "EditedFile") -> Path | None:
        """The call a file belongs to; None for the site's own file."""
        return next((folder for folder in self.calls() if Path(found.path).is_relative_to(folder)), None)

    def edited(self, name: object, must_exist: bool) -> EditedFile:
        """The file an action names, if the editor edits it; Refused otherwise. Nothing is resolved
        through a link: every folder on the way and the file itself must be real."""
        if not isinstance(name, str) or "\\" in name or "\x00" in name or name.startswith("/"):
            raise Refused(say("edit_refused_path"), 403)
        relative = PurePosixPath(name)
        if ".." in relative.parts or str(relative) != name:
            raise Refused(say("edit_refused_path"), 403)
        is_data = name in self.data_file_names()
        is_text = str(relative.parent) in self.text_folders() and TEXT_NAME.fullmatch(relative.name) is not None
        if not (is_data or is_text):
            raise Refused(say("edit_refused_path"), 403)
        path = self.root.joinpath(*relative.parts)
        for folder in [self.root, *[self.root.joinpath(*relative.parts[:n]) for n in range(1, len(relative.parts))]]:
            if not _plain_folder(folder):
                raise Refused(say("edit_refused_path"), 403)
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            if must_exist or is_text:  # a text is never created: the pages decide which texts there are
                raise Refused(say("edit_refused_path"), 404) from None
            return EditedFile(name, path)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(say("edit_refused_path"), 403)
        return EditedFile(name, path)

    # --- reading -------------------------------------------------------------------------------

    def read(self, name: object, label: object = None) -> dict:
        try:
            found = self.edited(name, must_exist=True)
            content = _read_no_follow(found.path)
        except Refused:
            return {"data": None, "file": {"path": name if isinstance(name, str) else "", "label": label, "id": None}}
        return {"data": content.decode("utf-8", errors="replace"),
                "file": {"path": found.relative, "label": label, "id": hashlib.sha256(content).hexdigest()}}

    # --- writing -------------------------------------------------------------------------------

    def affected(self, saves: list[tuple[EditedFile, bytes]]) -> list[Path]:
        """The calls a save may change: the call of each file saved; every call for the site's file."""
        owners = [self.call_of(found) for found, _content in saves]
        return self.calls() if None in owners else list(dict.fromkeys(owners))

    def check_save(self, saves: list[tuple[EditedFile, bytes]]) -> None:
        """Each call as it would be after the save may not be wrong in a way it is not already: Refused with
        the reasons otherwise. (A call already wrong on disk, say after a hand edit, can still be mended here.)"""
        reasons, fields = [], []
        for folder in self.affected(saves):
            for reason, field in self.new_problems(folder, saves):
                reasons.append(reason)
                if field:
                    fields.append(field)
        if reasons:
            raise Refused(say("edit_refused_invalid", reasons="; ".join(dict.fromkeys(reasons))), fields=tuple(fields))

    def new_problems(self, folder: Path, saves: list[tuple[EditedFile, bytes]]) -> list[tuple[str, dict | None]]:
        """The problems the save would give the call in `folder` that it does not have now: (reason, field)."""
        site_file = data_path(folder, "site")
        with tempfile.TemporaryDirectory(prefix="editor-check-") as scratch:
            trial = Path(scratch) / "calls" / folder.name  # the call in a site of its own, with the site's file
            shutil.copytree(folder, trial, symlinks=True, ignore=shutil.ignore_patterns("source"))
            if site_file.is_file():
                shutil.copyfile(site_file, Path(scratch) / SITE_FILE)
            for found, content in saves:
                if Path(found.path) == site_file:
                    (Path(scratch) / SITE_FILE).write_bytes(content)
                elif Path(found.path).is_relative_to(folder):
                    (trial / Path(found.path).relative_to(folder)).write_bytes(content)
            after = _problems(trial)
        if not after:
            return []
        before = {_key(problem, folder) for problem in _problems(folder)}
        saved = {Path(found.path).name: content for found, content in saves
                 if Path(found.path) == site_file or Path(found.path).is_relative_to(folder)}
        found_new = []
        for problem in (problem for problem in after if _key(problem, trial) not in before):
            what, expected = problem_text(problem.code, dict(problem.params))
            name = Path(problem.file).name
            on_disk = site_file if name == SITE_FILE else folder / name
            content = saved.get(name) or (on_disk.read_bytes() if on_disk.is_file() else None)
            labels = field_labels(problem.file, problem.field, _data(content))
            reason = f"{' → '.join(labels)}: {what} ({expected})" if labels else f"{what} ({expected})"
            found_new.append((reason, {"labels": labels, "message": f"{what} ({expected})"} if labels else None))
        return found_new

    def persist(self, params: dict) -> dict:
        files = params.get("dataFiles") or ([params["entry"]] if isinstance(params.get("entry"), dict) else [])
        if not files or params.get("assets") or any(file.get("newPath") for file in files if isinstance(file, dict)):
            raise Refused(say("edit_refused_path"), 403)
        saves = []
        for file in files:
            raw = file.get("raw") if isinstance(file, dict) else None
            if not isinstance(raw, str):
                raise Refused(say("edit_refused_path"), 422)
            saves.append((self.edited(file.get("path"), must_exist=False), raw.encode("utf-8", errors="strict")))
        self.check_save(saves)
        for found, content in saves:
            _write_replacing(found.path, content)
        self.last_saved = set(self.affected(saves))
        if self.saved is not None:
            self.saved.set()
        return {"message": "entry persisted"}

    # --- the protocol ----------------------------------------------------------------------------

    def handle(self, body: object) -> dict | list | None:
        if not isinstance(body, dict) or not isinstance(body.get("params", {}), dict):
            raise Refused(say("edit_refused_path"), 422)
        action, params = body.get("action"), body.get("params") or {}
        if action == "info":
            return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action == "entriesByFiles":
            return [self.read(file.get("path"), file.get("label")) for file in params.get("files", []) if isinstance(file, dict)]
        if action == "entriesByFolder":
            folder = params.get("folder")
            if folder not in self.text_folders():
                return []
            names = sorted(entry.name for entry in os.scandir(self.root / folder)
                           if entry.is_file(follow_symlinks=False) and TEXT_NAME.fullmatch(entry.name))
            return [self.read(f"{folder}/{name}") for name in names]
        if action == "getEntry":
            return self.read(params.get("path"))
        if action == "persistEntry":
            return self.persist(params)
        if action == "getMedia":
            return []
        if action == "getDeployPreview":
            return None
        # Media, deletions and moves: the editor has none of them.
        raise Refused(say("edit_refused_path"), 403)


def _data(content: bytes | None):
    """A saved data file's content as data, to name its list items; None where it does not read."""
    try:
        return yaml.safe_load(content.decode("utf-8")) if content else None
    except (yaml.YAMLError, UnicodeDecodeError):
        return None


def _problems(folder: Path) -> list:
    try:
        load(folder)
    except CallError as error:
        return error.problems
    return []


def _key(problem, folder: Path) -> tuple:
    """A problem as it would read in either copy of the call: its file within the call's site, its code, field and values."""
    file = Path(problem.file)
    try:
        file = file.resolve().relative_to(site_root(folder).resolve())
    except ValueError:
        pass
    return (str(file), problem.code, problem.field, problem.params)


def _plain_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _read_no_follow(path: Path) -> bytes:
    # Windows has no O_NOFOLLOW: there the link is looked for first (a link made between the look and the open
    # needs a rights Windows gives administrators only).
    no_follow = getattr(os, "O_NOFOLLOW", 0)
    try:
        if not no_follow and os.path.islink(path):
            raise OSError(path)
        descriptor = os.open(path, os.O_RDONLY | no_follow | getattr(os, "O_BINARY", 0))
    except OSError:
        raise Refused(say("edit_refused_path"), 403) from None
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read(MAX_BODY_BYTES + 1)


def _write_replacing(path: Path, content: bytes) -> None:
    """Write beside the file and rename over it: a reader never sees half a file, and a link planted
    in the file's place is replaced, not followed."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        if path.exists() and not path.is_symlink():
            os.chmod(temporary, stat.S_IMODE(os.lstat(path).st_mode))
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
