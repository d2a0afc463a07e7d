"""The ``json`` format: the canonical, versioned, machine-readable report.

The dict form is ``devocheck.score.codec`` (shared with ``diff`` and baselines); this module
only lays it out, so the same file, rubric and date always give byte-identical output. The
shape is documented by ``devocheck/schemas/report.schema.json`` (``report_version`` 1).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import TYPE_CHECKING

from devocheck.render import Prerendered
from devocheck.score.codec import result_to_dict

if TYPE_CHECKING:
    from devocheck.score.report import FileResult
from devocheck.render import RenderOptions

EXTENSION = ".json"


def render(outcomes: Sequence[FileResult], options: RenderOptions) -> str:
    """One object for one outcome, a list for several."""
    return "".join(stream(outcomes, options))


def piece(outcome: FileResult, options: RenderOptions) -> str:
    """One outcome as ``render`` prints it alone (without the final newline)."""
    return json.dumps(result_to_dict(outcome), indent=2, ensure_ascii=False)


def stream(outcomes: Iterable[FileResult | Prerendered], options: RenderOptions) -> Iterator[str]:
    """The same text as ``render``, one report at a time, so a batch never holds every report.

    One outcome is held back until the next arrives: a single outcome is an object, not a list.
    """
    texts = (item.text if isinstance(item, Prerendered) else piece(item, options) for item in outcomes)
    first = next(texts, None)
    if first is None:
        yield "[]\n"
        return
    second = next(texts, None)
    if second is None:
        yield first + "\n"
        return
    yield "[\n" + _indented(first)
    for text in chain([second], texts):
        yield ",\n" + _indented(text)
    yield "\n]\n"


def _indented(text: str) -> str:
    """An object's text as an element of the list ``render`` prints (indented one level)."""
    return "  " + text.replace("\n", "\n  ")
