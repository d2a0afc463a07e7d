"""The ``json`` format: the canonical, versioned, machine-readable report.

One shape whatever the number of inputs: an object with ``report_version``, ``tool``,
``reports`` (one entry per input file: its report, or why it could not be assessed) and
``verdict`` (the checks the run made and its exit status; null when the reports were not
judged, as from the library). Version 1 printed one object for one file and a list for
several, so a ``jq`` step written against one broke on the other; version 2 is this envelope,
its entries unchanged. The dict forms are ``devocheck.score.codec`` (shared with ``diff`` and
baselines); this module only lays them out, so the same file, rubric and date always give
byte-identical output. The shape is documented by ``devocheck/schemas/report.schema.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from devocheck import __version__
from devocheck.render import Item, Prerendered, RenderOptions
from devocheck.score.codec import REPORT_VERSION, result_to_dict
from devocheck.score.policy import Verdict, verdict_to_dict

if TYPE_CHECKING:
    from devocheck.score.report import FileResult

EXTENSION = ".json"


def render(items: Sequence[Item], options: RenderOptions) -> str:
    """The envelope: ``{"report_version", "tool", "reports": [...], "verdict"}``."""
    return "".join(stream(items, options))


def piece(outcome: FileResult, options: RenderOptions) -> str:
    """One outcome's entry as ``json.dumps(..., indent=2)`` prints it alone."""
    return json.dumps(result_to_dict(outcome), indent=2, ensure_ascii=False)


def stream(items: Iterable[Item | Prerendered], options: RenderOptions) -> Iterator[str]:
    """The same text as ``render``, one report at a time, so a batch never holds every report.

    Byte for byte what ``json.dumps(envelope, indent=2)`` would print.
    """
    tool = _indented(json.dumps({"name": "devocheck", "version": __version__}, indent=2), 2)[2:]
    yield f'{{\n  "report_version": {REPORT_VERSION},\n  "tool": {tool},\n  "reports": ['
    verdict: Verdict | None = None
    count = 0
    for item in items:
        if isinstance(item, Verdict):
            verdict = item
            continue
        text = item.text if isinstance(item, Prerendered) else piece(item, options)
        yield ("\n" if not count else ",\n") + _indented(text, 4)
        count += 1
    closing = "\n  ]" if count else "]"
    verdict_text = json.dumps(
        None if verdict is None else verdict_to_dict(verdict), indent=2, ensure_ascii=False
    )
    yield f'{closing},\n  "verdict": {_indented(verdict_text, 2)[2:]}\n}}\n'


def _indented(text: str, spaces: int) -> str:
    """JSON text nested ``spaces`` deeper."""
    pad = " " * spaces
    return pad + text.replace("\n", "\n" + pad)
