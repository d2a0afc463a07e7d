"""File names as CI consumers want them: relative to the repository root, with forward slashes.

GitHub code scanning resolves a SARIF artifact URI, and GitHub and GitLab resolve an
annotation's or a test case's file, from the repository root; a name relative to wherever
devocheck happened to run (``../localities/x.yaml``) or absolute lands nowhere. Pure: the
root and the working directory are given (``RenderOptions``), never looked up.
"""

from __future__ import annotations

import posixpath

from devocheck.render import RenderOptions


def repo_relative(name: str, options: RenderOptions) -> str | None:
    """``name`` relative to ``options.root`` (``localities/x.yaml``), or None when it lies outside.

    Without a root, a relative name is taken as relative to the root already (normalised,
    ``./a/../b.yaml`` -> ``b.yaml``); an absolute one, or one that climbs out with ``..``, is None.
    Never returns a path with ``..``.
    """
    posix = name.replace("\\", "/")
    if options.root is None:
        absolute = posixpath.normpath(posixpath.join("/", posix))
        return None if posixpath.isabs(posix) or _climbs(posixpath.normpath(posix)) else absolute[1:]
    root = options.root.replace("\\", "/")
    absolute = posixpath.normpath(posixpath.join(options.cwd or root, posix).replace("\\", "/"))
    relative = posixpath.relpath(absolute, root)
    return None if _climbs(relative) else relative


def shown_file(name: str, options: RenderOptions) -> str:
    """The name relative to the root when it lies inside, else as given (forward slashes)."""
    return repo_relative(name, options) or name.replace("\\", "/")


def _climbs(relative: str) -> bool:
    return relative == ".." or relative.startswith("../")
