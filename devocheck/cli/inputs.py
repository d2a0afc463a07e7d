"""Turn the paths, directories and globs on a command line into a sorted list of files."""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

from devocheck.model import START, Diagnostic

YAML_SUFFIXES = (".yaml", ".yml")


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
            # not is_file(): a FIFO or a broken link named *.yaml is reported, never skipped unseen
            found = sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and not p.is_dir())
            if not found:
                problems.append(_problem(argument, "directory holds no .yaml or .yml files"))
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


def _problem(argument: str, message: str) -> Diagnostic:
    return Diagnostic(argument, START, "input.no-files", message)
