"""devocheck: how ready is a place to make devolution work for the people it serves?

The library API (``__all__``)::

    from datetime import date
    from devocheck import assess, render_report

    report = assess("north-shire.yaml", today=date.today())   # a Report; bad input raises InputError
    print(render_report([report], "markdown"))

``outcome`` is ``assess`` for batches (a file that cannot be assessed gives ``NotAssessed``
instead of raising); ``load_locality`` and ``parse`` read a locality file into a
``Document``; ``validate_file`` and ``validate_document`` check one; ``load_rubric`` gives a
compiled ``Rubric``; ``Thresholds`` holds reports to a score, band or gate policy. Every
user error is a ``DevocheckError`` carrying ``file:line:col`` diagnostics.

The names are loaded on first use, so that ``import devocheck`` (and the CLI's ``--version``)
stays fast: PyYAML and jsonschema are imported only when a file is read. No public name is
also a submodule's name, so each keeps its type on every access.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from devocheck.errors import DevocheckError, InputError, RubricError
    from devocheck.load.limits import Limits
    from devocheck.load.loader import load as load_locality
    from devocheck.load.loader import parse
    from devocheck.model import Diagnostic, Document, Position
    from devocheck.pipeline import assess, outcome
    from devocheck.render import RenderOptions
    from devocheck.render import render as render_report
    from devocheck.rubric.model import Rubric, load_rubric
    from devocheck.score.codec import report_to_dict
    from devocheck.score.policy import Thresholds
    from devocheck.score.report import FileResult, NotAssessed, Report
    from devocheck.validate.locality import validate_document, validate_file

#: Public name -> (module, attribute in it).
_API: dict[str, tuple[str, str]] = {
    "assess": ("devocheck.pipeline", "assess"),
    "outcome": ("devocheck.pipeline", "outcome"),
    "load_locality": ("devocheck.load.loader", "load"),
    "parse": ("devocheck.load.loader", "parse"),
    "Limits": ("devocheck.load.limits", "Limits"),
    "validate_document": ("devocheck.validate.locality", "validate_document"),
    "validate_file": ("devocheck.validate.locality", "validate_file"),
    "load_rubric": ("devocheck.rubric.model", "load_rubric"),
    "Rubric": ("devocheck.rubric.model", "Rubric"),
    "Report": ("devocheck.score.report", "Report"),
    "NotAssessed": ("devocheck.score.report", "NotAssessed"),
    "FileResult": ("devocheck.score.report", "FileResult"),
    "report_to_dict": ("devocheck.score.codec", "report_to_dict"),
    "Thresholds": ("devocheck.score.policy", "Thresholds"),
    "render_report": ("devocheck.render", "render"),
    "RenderOptions": ("devocheck.render", "RenderOptions"),
    "Document": ("devocheck.model", "Document"),
    "Diagnostic": ("devocheck.model", "Diagnostic"),
    "Position": ("devocheck.model", "Position"),
    "DevocheckError": ("devocheck.errors", "DevocheckError"),
    "InputError": ("devocheck.errors", "InputError"),
    "RubricError": ("devocheck.errors", "RubricError"),
}


def __getattr__(name: str) -> object:
    """Import a public name on first use and keep it, so later accesses are plain lookups."""
    where = _API.get(name)
    if where is None:
        raise AttributeError(f"module 'devocheck' has no attribute {name!r}")
    module, attribute = where
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "DevocheckError",
    "Diagnostic",
    "Document",
    "FileResult",
    "InputError",
    "Limits",
    "NotAssessed",
    "Position",
    "RenderOptions",
    "Report",
    "Rubric",
    "RubricError",
    "Thresholds",
    "__version__",
    "assess",
    "load_locality",
    "load_rubric",
    "outcome",
    "parse",
    "render_report",
    "report_to_dict",
    "validate_document",
    "validate_file",
]
