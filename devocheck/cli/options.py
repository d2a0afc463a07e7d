"""Command-line options shared by every command that reads locality files: the input caps.

A command declares ``max_file_size: MaxFileSize = DEFAULT_MAX_BYTES`` and
``max_depth: MaxDepth = DEFAULT_MAX_DEPTH`` and passes ``input_limits(max_file_size,
max_depth)`` to the loader. Only ``devocheck.load.limits`` (standard library) is imported here,
so ``--help`` stays fast.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

import typer

from devocheck.load.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, MAX_DEPTH_CEILING, Limits
from devocheck.rubric import DEFAULT_RUBRIC

_SIZE = re.compile(r"^([0-9]+)\s*([KMG]?)(?:i?B)?$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(text: str | int) -> int:
    """A byte count written ``1048576``, ``512K``, ``5M`` or ``1GiB`` (binary units)."""
    if isinstance(text, int):  # click passes the default through the parser as it is
        return text
    match = _SIZE.match(text.strip())
    if not match or int(match.group(1)) < 1:
        raise typer.BadParameter(f"{text!r} is not a size: write bytes, or a number with K, M or G")
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def parse_date(text: str | date) -> date:
    """A ``--date`` value, written YYYY-MM-DD."""
    if isinstance(text, date):  # click passes a default through the parser as it is
        return text
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date: write YYYY-MM-DD") from None


def _mebibytes(size: int) -> str:
    return f"{size / 1024**2:g} MiB"


RubricRef = Annotated[
    str,
    typer.Option(
        "--rubric",
        "-r",
        metavar="ID|FILE",
        help="A built-in rubric's id or a rubric file (`devocheck rubric list` shows the built-in ones).",
    ),
]

AssessmentDate = Annotated[
    date | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        parser=parse_date,
        show_default="each file's assessment_date, else today",
        help="Assess as of this day.",
    ),
]

MaxFileSize = Annotated[
    int,
    typer.Option(
        "--max-file-size",
        metavar="BYTES",
        parser=parse_size,
        envvar="DEVOCHECK_MAX_FILE_SIZE",
        show_default=_mebibytes(DEFAULT_MAX_BYTES),
        help="Refuse input files larger than this (e.g. 2M); a guard against hostile or runaway files.",
    ),
]

MaxDepth = Annotated[
    int,
    typer.Option(
        "--max-depth",
        metavar="N",
        min=1,
        max=MAX_DEPTH_CEILING,
        envvar="DEVOCHECK_MAX_DEPTH",
        help=f"Refuse input nested deeper than N mappings/lists (at most {MAX_DEPTH_CEILING}).",
    ),
]


def input_limits(max_file_size: int, max_depth: int) -> Limits:
    """The loader's caps from the command-line options."""
    return Limits(max_bytes=max_file_size, max_depth=max_depth)


__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_RUBRIC",
    "AssessmentDate",
    "MaxDepth",
    "MaxFileSize",
    "RubricRef",
    "input_limits",
    "parse_date",
    "parse_size",
]
