"""Where rubrics are: the built-in ones shipped with devocheck, or a file the user names.

Imports nothing of the rest of the rubric stage: ``model`` (which checks and compiles a rubric)
and ``ids`` (a rubric's criterion ids, cheaply) both start here.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from devocheck.errors import RubricError
from devocheck.validate.messages import closest


def builtin_rubric_dir() -> Path:
    """Where the built-in rubrics live: inside an installed wheel, or the checkout's ``rubrics/``."""
    packaged = importlib.resources.files("devocheck") / "rubrics"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "rubrics"


def list_builtin_rubrics() -> tuple[str, ...]:
    """Ids of the built-in rubrics, sorted; read from the directory, never from a hand-kept list."""
    return tuple(sorted(path.stem for path in builtin_rubric_dir().glob("*.yaml")))


def resolve_rubric(ref: str | Path) -> Path:
    """The file a rubric reference names: a path as given, or a built-in id."""
    text = str(ref)
    if isinstance(ref, Path) or text.endswith((".yaml", ".yml")) or "/" in text or "\\" in text:
        return Path(ref).resolve()
    path = builtin_rubric_dir() / f"{text}.yaml"
    if not path.is_file():
        known = list_builtin_rubrics()
        close = closest(text, known)
        hint = f"did you mean '{close}'? " if close else ""
        raise RubricError.at(
            text, f"no built-in rubric '{text}' ({hint}built-in: {', '.join(known)})", code="rubric.unknown"
        )
    return path.resolve()
