"""Writing reports to files: atomically, so a failed run never leaves a half-written file."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from devocheck.errors import OutputError
from devocheck.model import Diagnostic


def write_stdout(text: str, *, terminal: bool) -> None:
    """Write ``text`` to stdout: UTF-8 whatever the locale for a machine format (a JSON, SARIF or
    CSV consumer reads UTF-8), the terminal's encoding for a terminal report, with characters it
    cannot show replaced (``?``), never an encoding error."""
    buffer = getattr(sys.stdout, "buffer", None)
    if not terminal and buffer is not None:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
        return
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    sys.stdout.write(text.encode(encoding, errors="replace").decode(encoding, errors="replace"))
    sys.stdout.flush()


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


def report_names(inputs: Iterable[str], extension: str) -> dict[str, Path]:
    """Where each input's report goes inside an ``--output`` directory, relative to it.

    ``<stem><extension>`` when the stems are unique; when two inputs share a stem
    (``a/x.yaml``, ``b/x.yaml``) every report mirrors its input's folders below the folder
    all inputs share (``a/x.json``, ``b/x.json``), so none overwrites another. Never ``..``.
    """
    names = list(dict.fromkeys(inputs))
    stems = [Path(name).stem for name in names]
    if len(set(stems)) == len(stems):
        return {name: Path(stem + extension) for name, stem in zip(names, stems, strict=True)}
    absolute = [Path(os.path.abspath(name)) for name in names]
    common = Path(os.path.commonpath([path.parent for path in absolute]))
    mirrored = [path.relative_to(common) for path in absolute]
    targets = [path.with_suffix(extension) for path in mirrored]
    if len(set(targets)) < len(targets):  # x.yaml and x.yml side by side: keep the whole name
        targets = [path.with_name(path.name + extension) for path in mirrored]
    return dict(zip(names, targets, strict=True))


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def compiler_line(diagnostic: Diagnostic) -> str:
    """``file:line:col: message``, with ``warning: `` before the message of a warning."""
    if diagnostic.severity != "warning":
        return str(diagnostic)
    where = f"{diagnostic.file}:{diagnostic.position.line}:{diagnostic.position.column}"
    return f"{where}: warning: {diagnostic.message}"
