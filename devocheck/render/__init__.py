"""Render stage: reports -> text, one module per output format.

Every module in this package not starting with ``_`` is a format, named after the module,
and meets ``Renderer``: ``EXTENSION`` (the default file extension, e.g. ``".json"``) and a
pure ``render(outcomes, options) -> str``. Two hooks are optional, each a ``Protocol`` that
callers test with ``isinstance`` (so the type checker knows the hook is there):

* ``Streaming``: ``stream(outcomes, options) -> Iterator[str]``, the same text as ``render`` in
  pieces, consuming ``outcomes`` as they arrive. A batch rendered by a format with ``stream``
  never holds every report in memory; one without it is given the full list.
* ``Piecewise``: ``piece(outcome, options) -> str``, one outcome's part of ``stream``, pure, so
  a batch can render it in the worker process that assessed the file. ``stream`` is then
  given ``Prerendered`` items and uses their text instead of rendering again.

Formats are discovered by listing the package, so adding a format touches one new module
and importing the registry imports no renderer. Render is the last stage: only the CLI
imports it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Protocol, cast, runtime_checkable

if TYPE_CHECKING:
    from devocheck.score.report import FileResult


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Presentation settings; none of them changes what a report says."""

    width: int = 100
    color: bool = False


class Renderer(Protocol):
    """The contract every format module meets."""

    EXTENSION: str

    def render(self, outcomes: Sequence[FileResult], options: RenderOptions) -> str: ...


@runtime_checkable
class Streaming(Protocol):
    """A format that renders a batch as its outcomes arrive (optional hook)."""

    def stream(
        self, outcomes: Iterable[FileResult | Prerendered], options: RenderOptions
    ) -> Iterator[str]: ...


@runtime_checkable
class Piecewise(Protocol):
    """A format whose stream is made of one pure piece per outcome (optional hook)."""

    def piece(self, outcome: FileResult, options: RenderOptions) -> str: ...


@dataclass(frozen=True, slots=True)
class Prerendered:
    """An outcome with its ``piece`` of a stream already rendered (by a worker process)."""

    outcome: FileResult
    text: str


def unwrap(item: FileResult | Prerendered) -> FileResult:
    """The outcome itself, rendered in advance or not."""
    return item.outcome if isinstance(item, Prerendered) else item


def prerender(name: str, options: RenderOptions, outcome: FileResult) -> FileResult | Prerendered:
    """``outcome`` with its piece rendered, when format ``name`` renders piece by piece."""
    fmt = renderer(name)
    return Prerendered(outcome, fmt.piece(outcome, options)) if isinstance(fmt, Piecewise) else outcome


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


def render(outcomes: Sequence[FileResult], name: str, options: RenderOptions | None = None) -> str:
    """Render ``outcomes`` in format ``name``."""
    return renderer(name).render(outcomes, options or RenderOptions())
