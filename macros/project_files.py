"""Symbolic links are never followed where the build reads: a link in the call's folder, in docs/ or in the
theme could publish any file of the build machine (a deploy key, /proc/self/environ) as a page.

One found stops the check and the build with its path: the link itself is named, never what it points to.
"""

from __future__ import annotations

import os
from pathlib import Path

from .problems import Problem


def links_under(path: Path) -> list[Path]:
    """`path` itself if it is a link, else every link below it (folders are walked, never followed)."""
    if path.is_symlink():
        return [path]
    if not path.is_dir():
        return []
    found = []
    for folder, folders, files in os.walk(path, followlinks=False):
        for name in sorted(folders + files):
            if (Path(folder) / name).is_symlink():
                found.append(Path(folder) / name)
    return sorted(found)


def link_problems(paths, shown) -> list[Problem]:
    """A problem per link in or at `paths`, named as `shown(path)` names a path for the editor."""
    return [Problem(shown(link), 1, "symlink_refused") for path in paths for link in links_under(Path(path))]
