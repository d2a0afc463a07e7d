"""A rubric's criterion ids, without compiling it when it is a built-in one.

``validate`` needs only the ids (what a locality's waivers may name), so for a built-in rubric
it imports neither the condition compiler nor the metrics nor jsonschema (a third of a
one-file run); any other rubric is compiled in full, so its errors are still reported.
"""

from __future__ import annotations

from pathlib import Path

from devocheck.load.loader import load
from devocheck.rubric.catalog import builtin_rubric_dir, resolve_rubric


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
