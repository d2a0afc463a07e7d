"""Frozen, typed records that pass between the pipeline stages.

load -> validate -> measure -> score -> render. Every stage takes and returns these
records (or plain JSON-compatible data) and nothing else: no YAML nodes, no
jsonschema errors, no rich objects cross a stage boundary. Standard library only.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

#: A path into a document: mapping keys and sequence indexes, outermost first.
KeyPath = tuple[str | int, ...]


def json_pointer(path: KeyPath) -> str:
    """RFC 6901 pointer for ``path`` (``('partners', 0, 'id')`` -> ``/partners/0/id``)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def dotted_path(path: KeyPath) -> str:
    """The path as a user writes it: ``commissioning.arrangements[0].budget.type``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(document)"


class Record:
    """Base of the frozen records that cross process boundaries (``assess --jobs N``).

    Pickled as the class and its field values: half the cost of the default for slotted
    dataclasses, and reports are pickled once per file in a batch.
    """

    __slots__ = ()
    __match_args__: tuple[str, ...]

    def __reduce__(self) -> tuple[type[Record], tuple[object, ...]]:
        return (type(self), tuple(getattr(self, name) for name in self.__match_args__))


@dataclass(frozen=True, slots=True)
class Position(Record):
    """A place in a source file; ``line`` and ``column`` are 1-based, as editors count."""

    line: int
    column: int


START = Position(1, 1)
#: Where a problem with a file as a whole is (it cannot be read, is not a file, is too large):
#: no line or column, and shown as ``file: message``.
WHOLE_FILE = Position(0, 0)


@dataclass(frozen=True, slots=True)
class Fix(Record):
    """A mechanical correction: ``old``, written at ``position``, becomes ``new`` (``validate --fix``)."""

    position: Position
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class Diagnostic(Record):
    """One problem found in an input file (locality, rubric or config)."""

    file: str
    position: Position
    code: str
    """Stable slug, e.g. ``yaml.syntax``, ``schema.unknown-key``, ``ref.unknown-partner``."""
    message: str
    path: KeyPath = ()
    hint: str | None = None
    """A suggested replacement ("did you mean"), already part of ``message``."""
    severity: str = "error"
    fix: Fix | None = None
    """The correction ``validate --fix`` may apply: only for slips that cannot change the meaning."""

    @property
    def pointer(self) -> str:
        return json_pointer(self.path)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.position.line, self.position.column, self.code, self.message)

    @property
    def whole_file(self) -> bool:
        """True for a problem with the file as a whole (no line or column to point at)."""
        return self.position == WHOLE_FILE

    def __str__(self) -> str:
        if self.whole_file:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.position.line}:{self.position.column}: {self.message}"


class LoaderKind(enum.StrEnum):
    """Which PyYAML parser read the file (libyaml's C one is about 8x faster)."""

    LIBYAML = "libyaml"
    PURE = "pure-python"


@dataclass(frozen=True, slots=True)
class Source:
    """What was read: the name to show in messages and the digest of the exact bytes."""

    name: str
    sha256: str
    loader: LoaderKind


class PositionLookup:
    """Interface of a document's position index (see ``devocheck.load.positions``)."""

    def key(self, path: KeyPath) -> Position:  # pragma: no cover - interface
        """Where the key of ``path`` was written; nearest ancestor when absent."""
        raise NotImplementedError

    def value(self, path: KeyPath) -> Position:  # pragma: no cover - interface
        """Where the value at ``path`` starts; nearest ancestor when absent."""
        raise NotImplementedError

    def scalar_text(self, path: KeyPath) -> str | None:  # pragma: no cover - interface
        """The scalar exactly as written at ``path`` (for "quote it" hints)."""
        raise NotImplementedError

    def text_start(self, path: KeyPath) -> Position:  # pragma: no cover - interface
        """Where the text of the scalar at ``path`` starts: after its opening quote, if quoted."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Slip(Record):
    """Characters office software leaves in a value (no-break spaces, typographic quotes...).

    The load stage finds them where they were written; the validate stage decides, from the
    field, whether they matter (an id or a date) or not (free text).
    """

    path: KeyPath
    position: Position
    """Where the first such character was written."""
    written: str
    """The value as read, characters included."""
    corrected: str
    """The value with each character replaced by what was meant (a space, a quote, a hyphen)."""
    names: tuple[str, ...]
    """Each character's name and code point, ``no-break space (U+00A0)``, once, in order."""
    fix: Fix | None = None
    """The same correction in the file's own text, when it is a single line."""


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed YAML file: JSON-compatible data plus where each part was written.

    ``data`` holds only dict, list, str, int, float, bool and None. Dates stay the ISO
    strings the user wrote (quoted or not), so JSON Schema's ``format: date`` checks them.
    """

    source: Source
    data: Any
    positions: PositionLookup
    slips: tuple[Slip, ...] = ()


@dataclass(frozen=True, slots=True)
class ValidationResult(Record):
    """The outcome of loading and validating one locality file."""

    source_name: str
    diagnostics: tuple[Diagnostic, ...]
    document: Document | None = None

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


__all__ = [
    "START",
    "WHOLE_FILE",
    "Diagnostic",
    "Document",
    "Fix",
    "KeyPath",
    "LoaderKind",
    "Position",
    "PositionLookup",
    "Record",
    "Slip",
    "Source",
    "ValidationResult",
    "dotted_path",
    "json_pointer",
]
