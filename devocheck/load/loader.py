"""Load stage: bytes on disk -> ``Document`` (JSON-compatible data + positions).

devocheck reads PyYAML's *event* stream (libyaml's C parser, or the pure-Python one where
libyaml is missing) and builds the data itself, without recursion and without PyYAML's
constructors, so that it can

* keep every key's and value's position (``devocheck.load.positions``),
* refuse what would silently lose or change what the user wrote, or let a hostile file run
  code or explode: duplicate keys, aliases (never expanded, so "billion laughs" costs
  nothing), merge keys, Python and custom tags, over-deep nesting, several documents,
* read plain scalars by the YAML 1.2 core schema: ``no``, ``on`` and ``1:30`` stay the
  text the user typed; dates stay ISO strings (quoted or not, the same day) and impossible
  dates, over-long numbers and non-finite floats are positioned errors, never exceptions.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import math
import os
import re
import stat
from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import Any, Protocol

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from devocheck.errors import InputError
from devocheck.load.limits import DEFAULT_LIMITS, MAX_PROBLEMS, Limits
from devocheck.load.positions import Located, TreePositions
from devocheck.model import WHOLE_FILE, Diagnostic, Document, LoaderKind, Position, Source

try:
    from yaml._yaml import CParser

    LOADER_KIND = LoaderKind.LIBYAML
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    LOADER_KIND = LoaderKind.PURE


class _EventSource(Protocol):
    """What both PyYAML parsers offer (their stubs type events loosely, so: ``Any``)."""

    def get_event(self) -> Any: ...
    def peek_event(self) -> Any: ...
    def dispose(self) -> None: ...


class _PureParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python parser up to events (no composer, resolver or constructor)."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


def _event_source(text: str, loader: LoaderKind) -> _EventSource:
    if loader is LoaderKind.LIBYAML:
        parser: _EventSource = CParser(text)
        return parser
    return _PureParser(text)


_TAG = "tag:yaml.org,2002:"
_STR_TAGS = (None, "!", _TAG + "str")
_CONTAINER_TAGS = (None, "!", _TAG + "map", _TAG + "seq")
#: First letters of the words that are not text (null, true, false); others start with a symbol or digit.
_NOT_ALWAYS_TEXT = frozenset("nNtTfF")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_NON_FINITE = re.compile(r"^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_TIMESTAMP = re.compile(
    r"^(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})"
    r"(?:(?:[Tt]|[ \t]+)(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})(?P<fraction>\.[0-9]*)?"
    r"(?:[ \t]*(?P<tz>Z|(?P<sign>[-+])(?P<tz_hour>[0-9]{1,2})(?::(?P<tz_minute>[0-9]{2}))?))?)?$"
)
#: Longer numbers are refused: Python's int() gives up at 4,300 digits, and nothing in a
#: locality file needs more than a few.
_MAX_NUMBER_CHARS = 100
#: After this many problems in one file, stop: the rest is almost surely the same mistake.
#: Explicit scalar tags (``!!int 3``) and the Python types their values must have.
_TYPED_TAGS: dict[str, type | tuple[type, ...]] = {
    _TAG + "int": int,
    _TAG + "float": (int, float),
    _TAG + "bool": bool,
    _TAG + "null": type(None),
    _TAG + "timestamp": str,
}


def _pos(event: Any) -> Position:
    return Position(event.start_mark.line + 1, event.start_mark.column + 1)


def _located(event: Any, text: str | None = None, children: Any = None) -> Located:
    return Located(event.start_mark.line + 1, event.start_mark.column + 1, text, children)


def _normal_timestamp(match: re.Match[str]) -> str | None:
    """ISO 8601 text for a YAML timestamp, or None if no such day or time exists."""
    part = match.group
    try:
        day = date(int(part("year")), int(part("month")), int(part("day")))
        if part("hour") is None:
            return day.isoformat()
        moment = time(int(part("hour")), int(part("minute")), int(part("second")))
        if part("sign") and not (int(part("tz_hour")) < 24 and int(part("tz_minute") or 0) < 60):
            return None
    except ValueError:
        return None
    fraction = part("fraction") if len(part("fraction") or "") > 1 else ""
    zone = part("tz") or ""
    if part("sign"):
        zone = f"{part('sign')}{int(part('tz_hour')):02d}:{int(part('tz_minute') or 0):02d}"
    return f"{day.isoformat()}T{moment.isoformat()}{fraction}{zone}"


class _Open:
    """A mapping or sequence whose end event has not been read yet."""

    __slots__ = ("first_line", "key", "key_at", "located", "value")

    def __init__(self, event: Event) -> None:
        self.value: Any
        if isinstance(event, MappingStartEvent):
            self.value = {}
            self.located = _located(event, children={})
        else:
            self.value = []
            self.located = _located(event, children=[])
        self.first_line: dict[str, int] = {}
        self.key: str | None = None
        self.key_at: Located | None = None
        """The key read and awaiting its value; ``key_at`` is None while a key is expected."""


class _Builder:
    """Builds data and positions from one document's events, collecting positioned problems."""

    def __init__(self, events: _EventSource, name: str, limits: Limits) -> None:
        self.events = events
        self.name = name
        self.limits = limits
        self.problems: list[Diagnostic] = []
        self.repeated: dict[str, tuple[Diagnostic, int]] = {}
        """Refusals reported once per file with a count (a bomb may hold thousands): code -> first, count."""

    def problem(self, position: Position, code: str, message: str) -> None:
        self.problems.append(Diagnostic(self.name, position, code, message))
        if len(self.problems) >= MAX_PROBLEMS:
            self.fail(position, "yaml.too-many-problems", f"stopped after {MAX_PROBLEMS} problems")

    def once(self, position: Position, code: str, message: str) -> None:
        """A problem of a kind reported once per file, however often it recurs."""
        first, count = self.repeated.get(code, (Diagnostic(self.name, position, code, message), 0))
        self.repeated[code] = (first, count + 1)

    def fail(self, position: Position, code: str, message: str) -> None:
        """Stop reading: report what was found so far and this last problem."""
        self.problems.append(Diagnostic(self.name, position, code, message))
        raise InputError(self.all_problems())

    def all_problems(self) -> list[Diagnostic]:
        """The problems, each repeated kind as one line with its count."""
        folded = [
            replace(first, message=f"{first.message} (and {count - 1:,} more in this file)")
            if count > 1
            else first
            for first, count in self.repeated.values()
        ]
        return [*self.problems, *folded]

    def tree(self, first: Event) -> tuple[Any, Located]:
        """The value starting at event ``first`` and where its parts were written; no recursion."""
        stack: list[_Open] = []
        event = first
        while True:
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                if len(stack) >= self.limits.max_depth:
                    message = f"nesting deeper than {self.limits.max_depth} levels (the cap; see --max-depth)"
                    self.fail(_pos(event), "yaml.too-deep", message)
                if event.tag not in _CONTAINER_TAGS:
                    self.problem(_pos(event), "yaml.tag", f"tag {event.tag} is not allowed here")
                stack.append(_Open(event))
                event = self.events.get_event()
                continue
            if isinstance(event, ScalarEvent):
                value, located = self.scalar(event), _located(event, event.value)
            elif isinstance(event, AliasEvent):
                self.once(
                    _pos(event), "yaml.alias", f"alias *{event.anchor} is not supported: write the value out"
                )
                value, located = None, _located(event)
            else:  # the end of the innermost open mapping or sequence
                done = stack.pop()
                value, located = done.value, done.located
            if not stack:
                return value, located
            self.add(stack[-1], value, located, event)
            event = self.events.get_event()

    def add(self, parent: _Open, value: Any, located: Located, event: Event) -> None:
        if isinstance(parent.value, list):
            parent.value.append(value)
            items = parent.located.children
            assert isinstance(items, list)
            items.append(located)
        elif parent.key_at is None:
            parent.key = self.key(parent, located, event)
            parent.key_at = located
        else:
            if parent.key is not None:
                entries = parent.located.children
                assert isinstance(entries, dict)
                parent.value[parent.key] = value
                entries[parent.key] = (parent.key_at, located)
            parent.key, parent.key_at = None, None

    def key(self, parent: _Open, located: Located, event: Event) -> str | None:
        """The key's text, or None (after reporting why) if its value must be dropped."""
        if isinstance(event, AliasEvent):
            return None
        if not isinstance(event, ScalarEvent):
            self.problem(located.position, "yaml.complex-key", "a key must be plain text")
            return None
        text: str = event.value
        if event.tag not in _STR_TAGS:
            self.problem(located.position, "yaml.tag", f"tag {event.tag} is not allowed on a key")
            return None
        if text == "<<" and event.tag is None and event.implicit[0]:
            self.once(
                located.position, "yaml.merge-key", "merge keys (<<) are not supported: write the keys out"
            )
            return None
        if text in parent.first_line:
            message = f"duplicate key '{text}' (first written on line {parent.first_line[text]})"
            self.problem(located.position, "yaml.duplicate-key", message)
            return None
        parent.first_line[text] = located.line
        return text

    def scalar(self, event: ScalarEvent) -> Any:
        text: str = event.value
        tag = event.tag
        if tag is None:
            return self.plain(event, text) if event.implicit[0] else text
        if tag in _STR_TAGS:
            return text
        if tag in _TYPED_TAGS:
            already_reported = len(self.problems)
            value = self.plain(event, text)
            wanted = _TYPED_TAGS[tag]
            is_int_bool = tag.endswith("int") and isinstance(value, bool)
            is_timestamp = not tag.endswith("timestamp") or _TIMESTAMP.match(text)
            if isinstance(value, wanted) and not is_int_bool and is_timestamp:
                return value
            if len(self.problems) == already_reported:
                self.problem(_pos(event), "yaml.tag", f"'{text}' is not a valid {tag.removeprefix(_TAG)}")
            return None
        self.problem(_pos(event), "yaml.tag", f"tag {tag} is not allowed: devocheck reads plain data only")
        return None

    def plain(self, event: ScalarEvent, text: str) -> Any:
        """A plain (unquoted) scalar by the YAML 1.2 core schema, dates kept as ISO text."""
        if text[:1].isalpha() and text[0] not in _NOT_ALWAYS_TEXT:
            return text  # most scalars are words: no null, bool, number or date starts so
        if _NULL.match(text):
            return None
        if text in _BOOL:
            return _BOOL[text]
        numeric = _INT.match(text) or _INT_OCT.match(text) or _INT_HEX.match(text) or _FLOAT.match(text)
        if numeric and len(text) > _MAX_NUMBER_CHARS:
            message = f"number of {len(text):,} characters is too long: quote it if it is text"
            self.problem(_pos(event), "yaml.number-too-long", message)
            return None
        if _INT.match(text):
            return int(text)
        if _INT_OCT.match(text):
            return int(text[2:], 8)
        if _INT_HEX.match(text):
            return int(text[2:], 16)
        if _FLOAT.match(text):
            number = float(text)
            if math.isfinite(number):
                return number
        if _FLOAT.match(text) or _NON_FINITE.match(text):
            message = f"'{text}' is not a finite number: write a number, or quote it if it is text"
            self.problem(_pos(event), "yaml.not-finite", message)
            return None
        timestamp = _TIMESTAMP.match(text)
        if timestamp:
            normal = _normal_timestamp(timestamp)
            if normal is None:
                what = "date" if timestamp.group("hour") is None else "date and time"
                message = f"'{text}' is not a valid {what}: correct it, or quote it if it is text"
                self.problem(_pos(event), "yaml.bad-date", message)
            return normal
        return text


_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _offset_position(data: bytes | str, offset: int) -> Position:
    head = data[:offset]
    newline: Any = b"\n" if isinstance(head, bytes) else "\n"
    line = head.count(newline) + 1
    return Position(line, offset - (head.rfind(newline) + 1) + 1)


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text from ``raw`` (a UTF-8 BOM is dropped); anything else is an ``InputError``."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            raise InputError.at(name, f"file is {encoding}: save it as UTF-8", code="input.encoding")
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError.at(
            name,
            "file contains NUL bytes: is it binary?",
            code="input.binary",
            position=_offset_position(raw, nul),
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.at(
            name,
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}): save it as UTF-8",
            code="input.encoding",
            position=_offset_position(raw, exc.start),
        ) from None


def read_bytes(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The file's bytes, refusing anything but a regular file of bounded size, never blocking.

    ``O_NONBLOCK`` makes opening a FIFO return at once (a plain ``open()`` waits for a
    writer for ever); ``fstat`` on the open descriptor then refuses it without a race.
    """
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError.at(name, _os_message(exc), code="input.unreadable", position=WHOLE_FILE) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError.at(
                name, "is a directory, not a file", code="input.not-a-file", position=WHOLE_FILE
            )
        if not stat.S_ISREG(info.st_mode):
            raise InputError.at(
                name,
                "is not a regular file (a pipe or device?)",
                code="input.not-a-file",
                position=WHOLE_FILE,
            )
        if info.st_size > limits.max_bytes:
            raise InputError.at(
                name, _too_large(info.st_size, limits), code="input.too-large", position=WHOLE_FILE
            )
        chunks = []
        remaining = limits.max_bytes + 1  # files in /proc say size 0: read at most one byte too many
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        raw = b"".join(chunks)
        if len(raw) > limits.max_bytes:
            raise InputError.at(name, _too_large(None, limits), code="input.too-large", position=WHOLE_FILE)
        return raw
    except OSError as exc:
        raise InputError.at(name, _os_message(exc), code="input.unreadable", position=WHOLE_FILE) from None
    finally:
        os.close(fd)


def _too_large(size: int | None, limits: Limits) -> str:
    """``size`` is None when the file's size is unknown (it kept growing past the cap)."""
    written = f" ({size:,} bytes)" if size is not None else ""
    return f"file is over the {limits.max_bytes:,}-byte size cap{written}: raise it with --max-file-size"


def _os_message(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return (exc.strerror or str(exc)).lower()


def parse(
    text: str,
    name: str,
    *,
    sha256: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    loader: LoaderKind = LOADER_KIND,
) -> Document:
    """Parse one YAML document whose top level is a mapping; any problem is an ``InputError``.

    ``loader`` picks the parser (tests use it to exercise the pure-Python one).
    """
    digest = sha256 or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    try:
        data, located = _read_document(text, name, limits, loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        too_deep = "maximum nesting depth" in (exc.problem or "")
        code = "yaml.too-deep" if too_deep else "yaml.syntax"
        message = (
            "nesting too deep for the YAML parser (over 1,000 levels)" if too_deep else _yaml_message(exc)
        )
        raise InputError.at(name, message, code=code, position=position) from None
    except yaml.reader.ReaderError as exc:
        code_point = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"character U+{code_point:04X} is not allowed in YAML"
        raise InputError.at(
            name,
            message,
            code="yaml.syntax",
            position=_offset_position(text, _char_offset(text, exc, loader)),
        ) from None
    return Document(Source(name, digest, loader), data, TreePositions(located))


def _char_offset(text: str, exc: yaml.reader.ReaderError, loader: LoaderKind) -> int:
    """libyaml counts bytes of UTF-8; the pure-Python reader counts characters."""
    if loader is LoaderKind.LIBYAML:
        return len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
    return int(exc.position)


def _read_document(text: str, name: str, limits: Limits, loader: LoaderKind) -> tuple[Any, Located]:
    events = _event_source(text, loader)  # the pure-Python reader already checks characters here
    try:
        return _read_events(events, text, name, limits)
    finally:
        events.dispose()


def _read_events(events: _EventSource, text: str, name: str, limits: Limits) -> tuple[Any, Located]:
    events.get_event()  # StreamStartEvent
    if isinstance(events.peek_event(), StreamEndEvent):
        what = "holds only comments" if text.strip() else "is empty"
        raise InputError.at(name, f"file {what}: expected a mapping of keys", code="yaml.empty")
    events.get_event()  # DocumentStartEvent
    first = events.get_event()
    if isinstance(first, ScalarEvent) and first.tag is None and first.implicit[0] and not first.value:
        raise InputError.at(name, "the document is empty: expected a mapping of keys", code="yaml.empty")
    if not isinstance(first, MappingStartEvent):
        kind = "a list" if isinstance(first, SequenceStartEvent) else "a single value"
        raise InputError.at(
            name,
            f"the document is {kind}; expected a mapping of keys",
            code="yaml.not-a-mapping",
            position=_pos(first),
        )
    builder = _Builder(events, name, limits)
    data, located = builder.tree(first)
    events.get_event()  # DocumentEndEvent
    after = events.peek_event()
    if isinstance(after, DocumentStartEvent):
        builder.problem(
            _pos(after),
            "yaml.multi-document",
            "file holds more than one YAML document (---): keep one locality per file",
        )
    if builder.problems or builder.repeated:
        raise InputError(builder.all_problems())
    return data, located


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or exc.context or "syntax error"
    return f"YAML syntax error: {problem}" + (f" ({exc.context})" if exc.context and exc.problem else "")


def load(path: Path, *, limits: Limits = DEFAULT_LIMITS, display_name: str | None = None) -> Document:
    """Read and parse ``path``; the only file read of the pipeline."""
    name = display_name or str(path)
    raw = read_bytes(path, limits)
    return parse(decode(raw, name), name, sha256=hashlib.sha256(raw).hexdigest(), limits=limits)


__all__ = [
    "DEFAULT_LIMITS",
    "LOADER_KIND",
    "Limits",
    "decode",
    "load",
    "parse",
    "read_bytes",
]
