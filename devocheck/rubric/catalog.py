"""Where rubrics are: the built-in ones shipped with devocheck, or a file the user names.

Kept apart from ``devocheck.rubric.model`` (which checks and compiles a rubric) so that commands
needing only a rubric's criterion ids, such as ``validate``, import neither the condition
compiler nor the metrics nor jsonschema.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from devocheck.errors import RubricError
from devocheck.load.loader import load
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


def criterion_ids(ref: str | Path) -> frozenset[str]:
    """The criterion ids of a rubric: what a locality's waivers may name.

    ``validate`` needs nothing else. A built-in rubric is checked by the test suite, so its ids
    are read straight from the file, skipping the meta-schema and the condition compiler (and
    jsonschema's import: a third of a one-file run). Any other rubric is loaded in full, so its
    errors are still reported.
    """
    path = resolve_rubric(ref)
    if path.parent != builtin_rubric_dir().resolve():
        from devocheck.rubric.model import load_rubric_file

        return frozenset(criterion.id for criterion in load_rubric_file(path).criteria)
    data = load(path).data
    return frozenset(criterion["id"] for theme in data["themes"] for criterion in theme["criteria"])


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
