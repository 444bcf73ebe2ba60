"""What an editor typed on make's command line (MESSAGE="…", TO=…, WHAT=…), as the text it is.

The Makefile writes each value, unexpanded, into a file of its own with make's $(file …)
(see the Makefile's INPUT): it never passes through make's expansion or a shell. The
tools read it here, byte for byte, and remove the file.
"""

from __future__ import annotations

from pathlib import Path


def take(path: str | None) -> str | None:
    """The value in `path` (None without one), without the full stop and newline the Makefile adds after it;
    the file is removed."""
    if path is None:
        return None
    file = Path(path)
    try:
        text = file.read_bytes().decode("utf-8", errors="surrogateescape")
    finally:
        file.unlink(missing_ok=True)
    return text.removesuffix("\n").removesuffix(".")
