"""devocheck: how ready is a place to make devolution work for the people it serves?

The public library API is loaded on first use, so that ``import devocheck`` (and the CLI's
``--version``) stays fast: PyYAML and jsonschema are imported only when a file is read.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_API = {
    "assess": "devocheck.pipeline",
    "outcome": "devocheck.pipeline",
    "load": "devocheck.load.loader",
    "parse": "devocheck.load.loader",
    "Limits": "devocheck.load.limits",
    "load_rubric": "devocheck.rubric.model",
    "render": "devocheck.render",
    "Thresholds": "devocheck.score.policy",
    "validate_document": "devocheck.validate.locality",
    "validate_file": "devocheck.validate.locality",
}


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'devocheck' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = ["__version__", *_API]
