"""Writing reports to files: atomically, so a failed run never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from devocheck.errors import OutputError
from devocheck.model import Diagnostic


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
        os.fchmod(handle, _mode_for(target))
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


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new one gets the usual ones (0666 less the umask)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def output_directory(output: str, *, create: bool = True) -> Path | None:
    """The directory ``--output`` names (one that exists, or any path written with a trailing
    separator, made when ``create``), or None when it names a single file."""
    path = Path(output)
    if not (path.is_dir() or output.endswith(("/", os.sep))):
        return None
    if create:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError.at(
                output, f"cannot make the directory: {_reason(exc)}", code="output.unwritable"
            ) from None
    return path


def refuse_shared_names(inputs: Iterable[str], output: str) -> None:
    """One report per input goes to ``<stem><ext>``: two inputs with one stem would overwrite each other."""
    seen: dict[str, str] = {}
    for name in inputs:
        stem = Path(name).stem
        if stem in seen:
            raise OutputError.at(
                name,
                f"would write the same report as {seen[stem]} in {output}: name a single --output file, "
                "or run once per folder",
                code="output.name-clash",
            )
        seen[stem] = name


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def compiler_line(diagnostic: Diagnostic) -> str:
    """``file:line:col: message``, with ``warning: `` before the message of a warning."""
    if diagnostic.severity != "warning":
        return str(diagnostic)
    where = f"{diagnostic.file}:{diagnostic.position.line}:{diagnostic.position.column}"
    return f"{where}: warning: {diagnostic.message}"
