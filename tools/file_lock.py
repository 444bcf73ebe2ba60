"""An exclusive lock on an open file, held until it is released or the process ends: fcntl's flock on Linux and
macOS, msvcrt's byte lock on Windows (where Python has no fcntl), so that the build and the publication start on
both. `try_lock` answers at once: False while another process holds the lock."""

from __future__ import annotations

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt


def try_lock(handle) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    handle.seek(0)
    try:
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # the file's first byte stands for the whole file
    except OSError:
        return False
    return True


def unlock(handle) -> None:
    if fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_UN)
        return
    handle.seek(0)
    msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
