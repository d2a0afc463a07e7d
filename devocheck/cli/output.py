"""Writing reports to files: atomically, so a failed run never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from devocheck.errors import OutputError


def write_atomically(target: Path, chunks: Iterable[str]) -> None:
    """Write ``chunks`` to a temporary file beside ``target``, then rename it over ``target``.

    Rendering happens while ``chunks`` is consumed; if it fails, the temporary file is removed
    and ``target`` keeps whatever it held before.
    """
    directory = target.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError.at(
            str(target), f"cannot write here: {_reason(exc)}", code="output.unwritable"
        ) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError.at(
                str(target), f"cannot write: {_reason(exc)}", code="output.unwritable"
            ) from None
        raise


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()
