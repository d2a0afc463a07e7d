"""Turn the paths, directories and globs on a command line into a sorted list of files.

A directory is searched for ``*.yaml``/``*.yml`` files the way linters search a tree
(yamllint, check-jsonschema, ruff): hidden files and folders (``.git/``, ``.github/``,
``.venv/``, ``.pre-commit-config.yaml``) and vendored folders (``node_modules/``, a virtual
environment, ``site-packages/``) are passed by, and inside a git work tree so is every file
git ignores (``.gitignore``, ``.git/info/exclude``, the global excludes). A file named on
the command line is always read, whatever its name.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from devocheck.model import WHOLE_FILE, Diagnostic

YAML_SUFFIXES = (".yaml", ".yml")
#: Folders of other people's code, never searched (hidden folders are passed by as well).
VENDORED = frozenset({"node_modules", "site-packages", "__pycache__", "venv", "vendor", "third_party"})


def expand_inputs(arguments: Iterable[str]) -> tuple[list[Path], list[Diagnostic]]:
    """Files named, YAML files under directories (recursively), and glob matches.

    A path that does not exist is kept, so that loading it reports the problem in its turn
    and the other files are still processed.
    """
    files: list[Path] = []
    problems: list[Diagnostic] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = sorted(_not_ignored(path, list(walk_yaml(path))))
            if not found:
                problems.append(_problem(argument, "directory holds no .yaml or .yml files to check"))
            files.extend(found)
        elif glob.has_magic(argument) and not path.exists():
            matches = sorted(Path(m) for m in glob.glob(argument, recursive=True))
            if not matches:
                problems.append(_problem(argument, "no files match this pattern"))
            files.extend(m for m in matches if m.suffix in YAML_SUFFIXES or not m.is_dir())
        else:
            files.append(path)
    return list(dict.fromkeys(files)), problems


def shown(path: Path) -> Path:
    """``path`` relative to the working directory when it lies under it, else unchanged.

    Reports (``assess``, ``diff``) name files this way, as a reader sees them from where the
    command ran, never by a local absolute path; ``validate`` keeps paths as typed, as
    compilers do, so its ``file:line:col`` lines match what the user gave.
    """
    if not path.is_absolute():
        return path
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def walk_yaml(directory: Path) -> Iterator[Path]:
    """YAML files under ``directory``, passing by hidden and vendored files and folders.

    Not ``is_file()``: a FIFO or a broken link named ``*.yaml`` is yielded, so that it is
    reported, never skipped unseen.
    """
    for folder, subfolders, names in os.walk(directory):
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".")
            and name not in VENDORED
            and not (Path(folder, name) / "pyvenv.cfg").exists()  # a virtual environment by any name
        )
        for name in names:
            if not name.startswith(".") and name.endswith(YAML_SUFFIXES):
                yield Path(folder, name)


def _not_ignored(directory: Path, files: list[Path]) -> list[Path]:
    """``files`` less those git ignores, when ``directory`` is inside a git work tree."""
    git = shutil.which("git")
    if git is None or not files:
        return files
    try:
        answer = subprocess.run(
            [git, "-C", str(directory), "check-ignore", "--stdin", "-z"],
            input="\0".join(os.path.abspath(f) for f in files) + "\0",
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return files
    if answer.returncode not in (0, 1):  # 128: not a git work tree (or git failed): ignore nothing
        return files
    ignored = set(filter(None, answer.stdout.split("\0")))
    return [f for f in files if os.path.abspath(f) not in ignored]


def _problem(argument: str, message: str) -> Diagnostic:
    return Diagnostic(argument, WHOLE_FILE, "input.no-files", message)
