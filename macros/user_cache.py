"""The user's cache: what one build made that the next can reuse (compiled templates, printed documents),
shared by every copy of the project on the machine and safe to delete at any time. A cache that cannot be
read or written only costs time: nothing here fails a build."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

ROOT_NAME = "utlysning"


def cache_dir(kind: str) -> Path:
    """The folder for one kind of kept work, under XDG_CACHE_HOME or ~/.cache."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / ROOT_NAME / kind


def prune(folder: Path, pattern: str, keep: int) -> None:
    """Beyond `keep` entries, drop the least recently used down to four fifths of it: the names are counted on
    every call, the entries' times read only when there are too many (reading them all was a tenth of a build)."""
    try:
        if len(os.listdir(folder)) <= keep:  # names alone: no pattern matched, no Path made, nothing stat'ed
            return
        entries = sorted(folder.glob(pattern), key=lambda path: path.stat().st_mtime)
        for old in entries[:len(entries) - keep * 4 // 5]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _entry(kind: str, what: tuple[str, ...]) -> Path:
    return cache_dir(kind) / hashlib.sha256("\0".join(what).encode("utf-8")).hexdigest()


def _keep(path: Path, data: bytes, entries: int) -> None:
    """Written atomically, the least recently used dropped beyond `entries`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(path)
        prune(path.parent, "[0-9a-f]*", entries)
    except OSError:
        pass


def kept(kind: str, what: tuple[str, ...], make: Callable[[], bytes], entries: int = 200) -> bytes:
    """The bytes `make` returns for `what` (every input that shapes them: the content, the version of the program
    that makes them, the module that drives it), made once and kept under a hash of it."""
    path = _entry(kind, what)
    try:
        data = path.read_bytes()
        os.utime(path)
        return data
    except OSError:
        pass
    data = make()
    _keep(path, data, entries)
    return data


def known(kind: str, what: tuple[str, ...]) -> bool:
    """Whether a verdict was remembered for `what` (every input that decides it)."""
    path = _entry(kind, what)
    try:
        os.utime(path)
        return True
    except OSError:
        return False


def remember(kind: str, what: tuple[str, ...], entries: int = 1000) -> None:
    """Remember a verdict for `what`: an empty entry under its hash."""
    _keep(_entry(kind, what), b"", entries)


class _Templates(FileSystemBytecodeCache):
    """Jinja's own cache of compiled templates, checked against each template's source; one that cannot be
    written is skipped."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        # By the template's name alone, not its folder: another copy of the project (a colleague's clone, a test's
        # workspace) finds it compiled. The source's checksum still decides whether the code is this template's.
        return super().get_cache_key(name)

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


TEMPLATE_ENTRIES = 5000  # one per text and component as it was at some build: a few megabytes


def template_cache(kind: str) -> jinja2.BytecodeCache | None:
    """Compiled templates of one environment (its options shape the code), kept per Jinja version; None where the
    user has no cache to write."""
    folder = cache_dir("templates") / f"{kind}-jinja-{jinja2.__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    prune(folder, "*.cache", TEMPLATE_ENTRIES)
    return _Templates(str(folder))
