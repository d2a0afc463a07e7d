"""Render stage: reports -> text, one module per output format.

Every module in this package is a format, named after the module, and provides

* ``DESCRIPTION: str`` (one line, for ``--help``),
* ``EXTENSION: str`` (the default file extension, e.g. ``".json"``),
* ``render(outcomes: Sequence[Outcome], options: RenderOptions) -> str`` (pure: no I/O),
* optionally ``stream(outcomes: Iterable[Outcome], options: RenderOptions) -> Iterator[str]``:
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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Protocol, TypeAlias, cast

if TYPE_CHECKING:
    from devocheck.model import ValidationResult
    from devocheck.score.report import Report

#: What a renderer is given per input file: a scored report, or why there is none.
Outcome: TypeAlias = "Report | ValidationResult"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Presentation settings; none of them changes what a report says."""

    width: int = 100
    color: bool = False


class Renderer(Protocol):
    """The contract every format module meets."""

    DESCRIPTION: str
    EXTENSION: str

    def render(self, outcomes: Sequence[Outcome], options: RenderOptions) -> str: ...


@dataclass(frozen=True, slots=True)
class Prerendered:
    """An outcome with its ``piece`` of a stream already rendered (by a worker process)."""

    outcome: Outcome
    text: str


def unwrap(item: Outcome | Prerendered) -> Outcome:
    """The outcome itself, rendered in advance or not."""
    return item.outcome if isinstance(item, Prerendered) else item


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


def render(outcomes: Sequence[Outcome], name: str, options: RenderOptions | None = None) -> str:
    """Render ``outcomes`` in format ``name``."""
    return renderer(name).render(outcomes, options or RenderOptions())
