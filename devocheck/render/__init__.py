"""Render stage: reports -> text, one module per output format.

Every module in this package not starting with ``_`` is a format, named after the module,
and meets ``Renderer``: ``EXTENSION`` (the default file extension, e.g. ``".json"``) and a
pure ``render(items, options) -> str``, where the items are the outcomes and, last when the
run was judged, its ``Verdict`` (the checks made and the exit status: machine formats render
it, so they agree with the exit status; the others pass it by). Two hooks are optional, each
a ``Protocol`` that callers test with ``isinstance`` (so the type checker knows the hook is
there):

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
from typing import TYPE_CHECKING, Protocol, TypeAlias, cast, runtime_checkable

if TYPE_CHECKING:
    from devocheck.score.policy import Verdict
    from devocheck.score.report import FileResult

#: What a format renders: outcomes and, last when the run was judged, the run's ``Verdict``.
Item: TypeAlias = "FileResult | Verdict"


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

    EXTENSION: str

    def render(self, items: Sequence[Item], options: RenderOptions) -> str: ...


@runtime_checkable
class Streaming(Protocol):
    """A format that renders a batch as its outcomes arrive (optional hook)."""

    def stream(self, items: Iterable[Item | Prerendered], options: RenderOptions) -> Iterator[str]: ...


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


def outcomes_of(items: Iterable[Item]) -> list[FileResult]:
    """The outcomes among ``items`` (formats that show no verdict pass it by)."""
    from devocheck.score.policy import Verdict

    return [item for item in items if not isinstance(item, Verdict)]


def verdict_of(items: Iterable[Item]) -> Verdict | None:
    """The run's verdict among ``items``, if it was judged."""
    from devocheck.score.policy import Verdict

    return next((item for item in items if isinstance(item, Verdict)), None)


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


def render(items: Sequence[Item], name: str, options: RenderOptions | None = None) -> str:
    """Render ``items`` (outcomes, and optionally the run's ``Verdict`` last) in format ``name``."""
    return renderer(name).render(items, options or RenderOptions())
