"""Render stage: reports -> text, one module per output format.

Every module in this package is a format, named after the module, and provides

* ``DESCRIPTION: str`` (one line, for ``--help``),
* ``EXTENSION: str`` (the default file extension, e.g. ``".json"``),
* ``render(items: Sequence[Item], options: RenderOptions) -> str`` (pure: no I/O), where the
  items are the outcomes and, last when the run was judged, its ``Verdict`` (the checks made
  and the exit status: machine formats render it, so they agree with the exit status),
* optionally ``stream(items: Iterable[Item], options: RenderOptions) -> Iterator[str]``:
  the same text as ``render``, in pieces, consuming ``outcomes`` as they arrive. A batch
  rendered by a format with ``stream`` never holds every report in memory; one without it
  is given the full list.
* optionally ``piece(outcome, options) -> str``: one outcome's part of ``stream``, pure, so a
  batch can render it in the worker process that assessed the file. ``stream`` is then given
  ``Prerendered`` items and uses their text instead of rendering again.

Formats are discovered by listing the package, so adding a format touches one new module
and importing the registry imports no renderer.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Protocol, TypeAlias, cast

if TYPE_CHECKING:
    from devocheck.model import ValidationResult
    from devocheck.score.policy import Verdict
    from devocheck.score.report import Report

#: What a renderer is given per input file: a scored report, or why there is none.
Outcome: TypeAlias = "Report | ValidationResult"
#: What a format renders: outcomes and, last when the run was judged, the run's ``Verdict``.
Item: TypeAlias = "Report | ValidationResult | Verdict"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Presentation settings; none of them changes what a report says."""

    width: int = 100
    color: bool = False
    root: str | None = None
    """The repository root (absolute): SARIF, JUnit and GitHub name files relative to it."""
    cwd: str | None = None
    """The absolute directory that relative input names are taken from (with ``root``)."""


class Renderer(Protocol):
    """The contract every format module meets."""

    DESCRIPTION: str
    EXTENSION: str

    def render(self, items: Sequence[Item], options: RenderOptions) -> str: ...


@dataclass(frozen=True, slots=True)
class Prerendered:
    """An outcome with its ``piece`` of a stream already rendered (by a worker process)."""

    outcome: Outcome
    text: str


def unwrap(item: Outcome | Prerendered) -> Outcome:
    """The outcome itself, rendered in advance or not."""
    return item.outcome if isinstance(item, Prerendered) else item


def outcomes_of(items: Iterable[Item]) -> list[Outcome]:
    """The outcomes among ``items`` (formats that show no verdict pass it by)."""
    from devocheck.score.policy import Verdict

    return [item for item in items if not isinstance(item, Verdict)]


def verdict_of(items: Iterable[Item]) -> Verdict | None:
    """The run's verdict among ``items``, if it was judged."""
    from devocheck.score.policy import Verdict

    return next((item for item in items if isinstance(item, Verdict)), None)


def prerender(name: str, options: RenderOptions, outcome: Outcome) -> Outcome | Prerendered:
    """``outcome`` with its piece rendered, when format ``name`` renders piece by piece."""
    piece = getattr(renderer(name), "piece", None)
    return Prerendered(outcome, piece(outcome, options)) if piece is not None else outcome


def format_names() -> list[str]:
    """Every available format, sorted; lists the package without importing any renderer."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))


@cache
def renderer(name: str) -> Renderer:
    """The module for format ``name``; ``KeyError`` when there is none."""
    if name not in format_names():
        raise KeyError(name)
    module: ModuleType = importlib.import_module(f"{__name__}.{name}")
    return cast(Renderer, module)


def render(items: Sequence[Item], name: str, options: RenderOptions | None = None) -> str:
    """Render ``items`` (outcomes, and optionally the run's ``Verdict`` last) in format ``name``."""
    return renderer(name).render(items, options or RenderOptions())
