"""Load stage: bytes on disk -> ``Document`` (JSON-compatible data + positions).

devocheck reads PyYAML's *event* stream (libyaml's C parser, or the pure-Python one where
libyaml is missing) and builds the data itself, without recursion and without PyYAML's
constructors, so that it can

* keep every key's and value's position (``devocheck.load.positions``),
* refuse what would silently lose or change what the user wrote, or let a hostile file run
  code or explode: duplicate keys, anchors and aliases (never expanded, so "billion laughs"
  costs nothing), merge keys, Python and custom tags, over-deep nesting, several documents,
* refuse what either parser would read otherwise than YAML 1.2 says, so that both read every
  file they accept the same way, as the YAML test suite says (``docs/security.md``),
* read plain scalars by the YAML 1.2 core schema: ``no``, ``on`` and ``1:30`` stay the
  text the user typed, and so do dates (YAML 1.2 has no date type: the validate stage reads
  a date field by ``devocheck.load.dates``); over-long numbers and non-finite floats are
  positioned errors, never exceptions,
* name the characters office software leaves behind (``devocheck.load.office``) instead of
  the parser's cascade.
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
from devocheck.load import office
from devocheck.load.limits import DEFAULT_LIMITS, MAX_PROBLEMS, Limits
from devocheck.load.positions import Located, TreePositions
from devocheck.model import (
    WHOLE_FILE,
    Diagnostic,
    Document,
    Fix,
    KeyPath,
    LoaderKind,
    Position,
    Slip,
    Source,
    dotted_path,
)

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
#: What ``!!timestamp`` accepts (YAML 1.1's form); the value stays the text, as any date does.
_TIMESTAMP = re.compile(
    r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$"
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


def _pos(event: Any, *, end: bool = False) -> Position:
    mark = event.end_mark if end else event.start_mark
    return Position(mark.line + 1, mark.column + 1)


def _column(event: Any) -> int:
    return int(event.start_mark.column)


def _multi_line(event: Any) -> bool:
    return bool(event.end_mark.line > event.start_mark.line)


def _end_index(event: Any) -> int:
    return int(event.end_mark.index)


def _index(event: Any) -> int:
    """Where ``event`` starts, in characters from the start of the text (both parsers count so)."""
    return int(event.start_mark.index)


def _located(event: Any, text: str | None = None, children: Any = None) -> Located:
    return Located(event.start_mark.line + 1, event.start_mark.column + 1, text, children)


class _Open:
    """A mapping or sequence whose end event has not been read yet."""

    __slots__ = ("first_line", "flow", "key", "key_at", "last_key", "located", "value")

    def __init__(self, event: Any) -> None:
        self.flow = bool(event.flow_style)
        self.value: Any
        if isinstance(event, MappingStartEvent):
            self.value = {}
            self.located = _located(event, children={})
        else:
            self.value = []
            self.located = _located(event, children=[])
        self.first_line: dict[str, int] = {}
        self.key: str | None = None
        self.last_key: str | None = None
        self.key_at: Located | None = None
        """The key read and awaiting its value; ``key_at`` is None while a key is expected."""


class _Builder:
    """Builds data and positions from one document's events, collecting positioned problems."""

    def __init__(self, events: _EventSource, text: str, name: str, limits: Limits) -> None:
        self.events = events
        self.text = text
        self.name = name
        self.limits = limits
        self.spans: list[office.Span] | None = [] if office.SUSPECT.search(text) else None
        """Every scalar's extent, recorded only when the file holds a character ``office`` names."""
        self.block_indent: list[int] = [-1]
        """The column of each open block mapping or sequence (flow ones repeat their parent's)."""
        self.flow_depth = 0
        """How many [ ] and { } are open around the current event."""
        self.separated: set[int] = set()
        """Where each number written with thousands separators in a { } starts (reported once)."""
        self.groups: set[int] = set()
        """Where each group of digits after a thousands separator starts: YAML reads it as a key."""
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
                if event.anchor is not None:
                    self.anchor(event)
                column = _column(event)
                if self.flow_depth and column <= self.block_indent[-1]:
                    self.flow_line(event)
                stack.append(_Open(event))
                self.block_indent.append(self.block_indent[-1] if event.flow_style else column)
                self.flow_depth += bool(event.flow_style)
                event = self.events.get_event()
                continue
            if isinstance(event, ScalarEvent):
                if event.anchor is not None:
                    self.anchor(event)
                if self.flow_depth and _column(event) <= self.block_indent[-1]:
                    self.flow_line(event)
                if event.style or self.flow_depth or self.spans is not None or _multi_line(event):
                    self.written(event, stack)
                value, located = self.scalar(event), _located(event, event.value)
                if event.style in ('"', "'"):
                    located.quoted = True
            elif isinstance(event, AliasEvent):
                self.once(
                    _pos(event), "yaml.alias", f"alias *{event.anchor} is not supported: write the value out"
                )
                value, located = None, _located(event)
            else:  # the end of the innermost open mapping or sequence
                self.block_indent.pop()
                done = stack.pop()
                self.flow_depth -= done.flow
                value, located = done.value, done.located
            if not stack:
                return value, located
            self.add(stack[-1], value, located, event)
            event = self.events.get_event()

    def anchor(self, event: Any) -> None:
        message = f"anchor &{event.anchor} is not supported (nor are aliases): write the value out"
        self.once(_pos(event), "yaml.alias", message)

    def flow_line(self, event: Any) -> None:
        """A line of a flow [ ] or { } indented no deeper than the block around it (YAML 1.2 refuses it)."""
        message = "this line of a [ ] or { } is not indented under its key: indent it further"
        self.problem(_pos(event), "yaml.indentation", message)

    def written(self, event: Any, stack: list[_Open]) -> None:
        """Checks of a scalar against its text: what either parser would read otherwise than YAML 1.2.

        Most scalars are plain, on one line, outside [ ] and { }: they cost three comparisons.
        """
        style = event.style or None  # libyaml says '' for plain text, PyYAML None
        start_mark, end_mark = event.start_mark, event.end_mark
        if self.spans is not None:
            key = bool(stack) and isinstance(stack[-1].value, dict) and stack[-1].key_at is None
            span = office.Span(
                start_mark.index, end_mark.index, style, key, self.path(stack, key, event.value)
            )
            self.spans.append(span)
        if style is None:
            if self.flow_depth:
                self.in_flow(event, stack)
        elif style in ("|", ">"):
            self.block_text(event)
        elif self.text[end_mark.index : end_mark.index + 1] == "#":
            message = "a comment needs a space before '#'"
            self.problem(_pos(event, end=True), "yaml.comment", message)
        if end_mark.line > start_mark.line and style in (None, '"', "'"):
            self.continuation_lines(event)

    def in_flow(self, event: Any, stack: list[_Open]) -> None:
        """Plain text inside [ ] or { }: ``?foo``, ``a:,`` and ``310,000``, which the parsers misread."""
        text, start, end = self.text, event.start_mark.index, event.end_mark.index
        before = text[start - 1 : start]
        if before == "," and isinstance(stack[-1].value, dict) and stack[-1].key_at is None:
            self.thousands(event, stack)
        if event.value and "?" in (before, text[start]):
            written = text[start:end] if text[start] == "?" else f"?{event.value}"
            message = f"'{written}': text starting with '?' must be in quotes inside [ ] or {{ }}"
            at = start if text[start] == "?" else start - 1
            self.problem(office.Text(text).position(at), "yaml.question-mark", message)
        if text[end : end + 1] == ":" and text[end + 1 : end + 2] in (",", "]", "}"):
            message = "inside [ ] or { }, write a space after ':' (or quote the text holding it)"
            self.problem(_pos(event, end=True), "yaml.colon", message)

    def thousands(self, event: Any, stack: list[_Open]) -> None:
        """``{population: 310,000}``: YAML reads ``310`` and a key ``000``; say it once, at the number."""
        text, start = self.text, event.start_mark.index
        after = text[event.end_mark.index :].lstrip(" ")
        if not (len(event.value) == 3 and event.value.isdigit() and after[:1] in (",", "}")):
            return
        begin = start - 1
        while begin > 0 and (text[begin - 1].isdigit() or text[begin - 1] == ","):
            begin -= 1
        end = start + 3
        while text[end : end + 1] == "," and text[end + 1 : end + 4].isdigit() and len(text[end + 1 :]) >= 3:
            end += 4
        if not text[begin:start].rstrip(",").isdigit():
            return
        self.groups.add(start)
        if begin in self.separated:
            return
        self.separated.add(begin)
        written = text[begin:end]
        position = office.Text(text).position(begin)
        path = dotted_path((*self.path(stack[:-1], False, ""), stack[-1].last_key or ""))
        message = f"{path}: {written} is written with thousands separators: write {written.replace(',', '')}"
        fix = Fix(position, written, written.replace(",", ""))
        self.problems.append(Diagnostic(self.name, position, "office.thousands", message, fix=fix))

    def block_text(self, event: Any) -> None:
        """Refuse the block scalars that libyaml or PyYAML read otherwise than YAML 1.2."""
        lines = self.text[event.start_mark.index : event.end_mark.index].split("\n")
        header = lines[0].lstrip("|>+-0123456789")
        if header.startswith("#"):
            message = "a comment needs a space before '#'"
            self.problem(_pos(event), "yaml.comment", message)
        after = self.text[event.start_mark.index :].split("\n")[1:]
        first_text = next((line for line in after if line.strip(" ")), "")
        indent = len(first_text) - len(first_text.lstrip(" "))
        blank = after[: after.index(first_text)] if first_text else after
        if indent > self.block_indent[-1] and max(map(len, blank), default=0) > indent:
            message = (
                "a blank line at the start of this block text has more spaces than its first line of text"
            )
            self.problem(_pos(event), "yaml.indentation", message)
        at_end = event.end_mark.index >= len(self.text.rstrip(" "))
        if at_end and not self.text.endswith("\n") and self.text.rsplit("\n", 1)[-1].strip(" ") == "":
            message = (
                "the file ends in a line of spaces inside this block text: end the file with a line break"
            )
            self.problem(_pos(event), "yaml.block-end", message)

    def continuation_lines(self, event: Any) -> None:
        """Refuse text continued on a line indented no deeper than the block around it (YAML 1.2)."""
        if self.flow_depth:
            return
        lines = self.text[event.start_mark.index : event.end_mark.index].split("\n")[1:]
        for offset, line in enumerate(lines, 1):
            indent = len(line) - len(line.lstrip(" "))
            if line.strip(" \t") and indent <= self.block_indent[-1]:
                message = (
                    "this line continues the text above but is not indented under its key: indent it further"
                )
                self.problem(
                    Position(event.start_mark.line + 1 + offset, indent + 1), "yaml.indentation", message
                )
                return

    def path(self, stack: list[_Open], key: bool, text: str) -> KeyPath:
        parts: list[str | int] = []
        for open_ in stack:
            if isinstance(open_.value, list):
                parts.append(len(open_.value))
            elif open_.key is not None:
                parts.append(open_.key)
        if key and stack:
            parts.append(text)
        return tuple(parts)

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
            parent.key, parent.key_at, parent.last_key = None, None, parent.key

    def key(self, parent: _Open, located: Located, event: Event) -> str | None:
        """The key's text, or None (after reporting why) if its value must be dropped."""
        if isinstance(event, AliasEvent):
            return None
        if not isinstance(event, ScalarEvent):
            self.problem(located.position, "yaml.complex-key", "a key must be plain text")
            return None
        text: str = event.value
        if self.groups and _index(event) in self.groups:
            return None  # reported at the number it belongs to
        if event.tag not in _STR_TAGS:
            self.problem(located.position, "yaml.tag", f"tag {event.tag} is not allowed on a key")
            return None
        if not text:
            self.problem(located.position, "yaml.empty-key", "a key must not be empty")
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
        return text


def _reads_as_text(text: str) -> bool:
    """Whether an unquoted scalar is text by the YAML 1.2 core schema (not null, a boolean or a number)."""
    numeric = _INT.match(text) or _INT_OCT.match(text) or _INT_HEX.match(text) or _FLOAT.match(text)
    return not (_NULL.match(text) or text in _BOOL or numeric or _NON_FINITE.match(text))


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
        data, located, slips = _read_document(text, name, limits, loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        if "maximum nesting depth" in (exc.problem or ""):
            message = "nesting too deep for the YAML parser (over 1,000 levels)"
            raise InputError.at(name, message, code="yaml.too-deep", position=position) from None
        explained = office.explain(
            text, name, position, exc.problem or exc.context or "", lambda trial: _stops_at(trial, loader)
        )
        if explained:
            raise InputError(explained) from None
        raise InputError.at(name, _yaml_message(exc), code="yaml.syntax", position=position) from None
    except yaml.reader.ReaderError as exc:
        code_point = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"character U+{code_point:04X} is not allowed in YAML"
        raise InputError.at(
            name,
            message,
            code="yaml.syntax",
            position=_offset_position(text, _char_offset(text, exc, loader)),
        ) from None
    return Document(Source(name, digest, loader), data, TreePositions(located), slips)


def _stops_at(text: str, loader: LoaderKind) -> int | None:
    """Where the parser refuses ``text`` (a character offset), or None when it reads it all."""
    try:
        events = _event_source(text, loader)
    except yaml.YAMLError:
        return 0
    try:
        while not isinstance(events.get_event(), StreamEndEvent):
            pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return int(mark.index) if mark else 0
    except yaml.YAMLError:
        return 0
    finally:
        events.dispose()
    return None


def _char_offset(text: str, exc: yaml.reader.ReaderError, loader: LoaderKind) -> int:
    """libyaml counts bytes of UTF-8; the pure-Python reader counts characters."""
    if loader is LoaderKind.LIBYAML:
        return len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
    return int(exc.position)


def _read_document(
    text: str, name: str, limits: Limits, loader: LoaderKind
) -> tuple[Any, Located, tuple[Slip, ...]]:
    events = _event_source(text, loader)  # the pure-Python reader already checks characters here
    try:
        return _read_events(events, text, name, limits)
    finally:
        events.dispose()


def _read_events(
    events: _EventSource, text: str, name: str, limits: Limits
) -> tuple[Any, Located, tuple[Slip, ...]]:
    events.get_event()  # StreamStartEvent
    if isinstance(events.peek_event(), StreamEndEvent):
        what = "holds only comments" if text.strip() else "is empty"
        raise InputError.at(name, f"file {what}: expected a mapping of keys", code="yaml.empty")
    events.get_event()  # DocumentStartEvent
    first = events.get_event()
    if isinstance(first, ScalarEvent) and first.tag is None and first.implicit[0] and not first.value:
        raise InputError.at(name, "the document is empty: expected a mapping of keys", code="yaml.empty")
    if isinstance(first, ScalarEvent):  # keys run into one text: a character YAML does not see as a space?
        slip = office.SUSPECT.search(text, _index(first), _end_index(first))
        if slip:
            raise InputError([office.character_problem(name, text, slip.start())])
    if not isinstance(first, MappingStartEvent):
        kind = "a list" if isinstance(first, SequenceStartEvent) else "a single value"
        raise InputError.at(
            name,
            f"the document is {kind}; expected a mapping of keys",
            code="yaml.not-a-mapping",
            position=_pos(first),
        )
    builder = _Builder(events, text, name, limits)
    data, located = builder.tree(first)
    events.get_event()  # DocumentEndEvent
    after = events.peek_event()
    if isinstance(after, DocumentStartEvent):
        builder.problem(
            _pos(after),
            "yaml.multi-document",
            "file holds more than one YAML document (---): keep one locality per file",
        )
    slips: list[Slip] = []
    if builder.spans is not None:
        found, slips = office.problems_and_slips(text, builder.spans, name, _reads_as_text)
        named = {problem.position for problem in found}  # the character, not what it caused, is said
        builder.problems = [problem for problem in builder.problems if problem.position not in named] + found
    if builder.problems or builder.repeated:
        raise InputError(builder.all_problems())
    return data, located, tuple(slips)


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
