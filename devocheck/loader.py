"""Load stage: bytes on disk -> ``Document`` (JSON-compatible data + positions).

PyYAML's libyaml parser builds the node tree (the pure-Python one where libyaml is
missing); devocheck then constructs the data itself, so that it can

* keep every key's and value's position (``devocheck.positions``),
* refuse what would silently lose or change what the user wrote: duplicate keys,
  aliases and merge keys, Python and custom tags,
* read plain scalars by the YAML 1.2 core schema: ``no``, ``on`` and ``1:30`` stay the
  text the user typed, and dates stay ISO strings (quoted or not, the same day).
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import math
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from devocheck.errors import InputError
from devocheck.model import Diagnostic, Document, LoaderKind, Position, Source
from devocheck.positions import NodePositions

try:
    from yaml._yaml import CParser as _Parser

    LOADER_KIND = LoaderKind.LIBYAML
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = None  # type: ignore[assignment,misc]
    LOADER_KIND = LoaderKind.PURE


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps that keep hostile files from exhausting time or memory."""

    max_bytes: int = 5 * 1024 * 1024
    max_depth: int = 64


DEFAULT_LIMITS = Limits()

_PLAIN = "tag:devocheck:plain"
_TAG = "tag:yaml.org,2002:"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_FLOAT_SPECIAL = {".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}
_LOOSE_DATE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_MAX_NUMBER_DIGITS = 100
#: Explicit scalar tags (``!!int 3``) and the Python types their values must have.
_TYPED_TAGS: dict[str, type | tuple[type, ...]] = {
    _TAG + "int": int,
    _TAG + "float": (int, float),
    _TAG + "bool": bool,
    _TAG + "null": type(None),
}


class _PlainResolver(yaml.resolver.BaseResolver):
    """Tags every untagged plain scalar as ``_PLAIN``; devocheck resolves it (YAML 1.2 core)."""

    yaml_implicit_resolvers = {  # noqa: RUF012  (PyYAML reads this class attribute)
        None: [(_PLAIN, re.compile(r"(?s:.*)"))],
        "": [(_PLAIN, re.compile(r""))],
    }


if _Parser is not None:

    class _Composer(_Parser, _PlainResolver):
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            _PlainResolver.__init__(self)

else:  # pragma: no cover - exercised only without libyaml

    class _Composer(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _PlainResolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _PlainResolver.__init__(self)


def _pos(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class _Constructor:
    """Turns a node tree into plain data, collecting positioned problems as it goes."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self.problems: list[tuple[Position, str, str]] = []
        self._seen: set[int] = set()

    def problem(self, node: Node, code: str, message: str) -> None:
        self.problems.append((_pos(node), code, message))

    def build(self, node: Node, depth: int, written_at: Node | None = None) -> Any:
        if id(node) in self._seen:
            self.problem(
                written_at or node, "yaml.alias", "aliases (*name) are not supported: write the value out"
            )
            return None
        self._seen.add(id(node))
        if depth > self.limits.max_depth:
            self.problem(node, "yaml.too-deep", f"nesting deeper than {self.limits.max_depth} levels")
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, depth)
        if isinstance(node, SequenceNode):
            if node.tag != _TAG + "seq":
                self.problem(node, "yaml.tag", f"tag {node.tag} is not allowed here")
            return [self.build(item, depth + 1) for item in node.value]
        assert isinstance(node, ScalarNode)
        return self._scalar(node)

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        if node.tag != _TAG + "map":
            self.problem(node, "yaml.tag", f"tag {node.tag} is not allowed here")
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, "yaml.complex-key", "a key must be plain text")
                continue
            key = key_node.value
            if key == "<<" and key_node.tag == _PLAIN:
                self.problem(
                    key_node, "yaml.merge-key", "merge keys (<<) are not supported: write the keys out"
                )
                continue
            if key in first_line:
                self.problem(
                    key_node,
                    "yaml.duplicate-key",
                    f"duplicate key '{key}' (first written on line {first_line[key]})",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            out[key] = self.build(value_node, depth + 1, key_node)
        return out

    def _scalar(self, node: ScalarNode) -> Any:
        text: str = node.value
        tag: str = node.tag
        if tag == _PLAIN:
            return self._plain(node, text)
        if tag in (_TAG + "str", "!"):
            return text
        if tag == _TAG + "timestamp":
            return self._plain(node, text)
        if tag in _TYPED_TAGS:
            value = self._plain(node, text)
            if isinstance(value, _TYPED_TAGS[tag]) and not (tag.endswith("int") and isinstance(value, bool)):
                return value
            self.problem(node, "yaml.tag", f"'{text}' is not a valid {tag[18:]}")
            return None
        self.problem(node, "yaml.tag", f"tag {tag} is not allowed: devocheck reads plain data only")
        return None

    def _plain(self, node: ScalarNode, text: str) -> Any:
        if _NULL.match(text):
            return None
        if text in _BOOL:
            return _BOOL[text]
        number_like = _INT.match(text) or _FLOAT.match(text)
        if number_like and len(text) > _MAX_NUMBER_DIGITS:
            self.problem(
                node,
                "yaml.number-too-long",
                f"number of {len(text)} characters is too long: quote it if it is text",
            )
            return None
        if _INT.match(text):
            return int(text)
        if _INT_OCT.match(text):
            return int(text[2:], 8)
        if _INT_HEX.match(text):
            return int(text[2:], 16)
        if _FLOAT.match(text):
            return float(text)
        if text in _FLOAT_SPECIAL:
            return _FLOAT_SPECIAL[text]
        loose = _LOOSE_DATE.match(text)
        if loose:
            year, month, day = loose.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}"
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
    """The file's bytes, refusing anything but a regular file of bounded size, never blocking."""
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError.at(name, _os_message(exc), code="input.unreadable") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError.at(name, "is a directory, not a file", code="input.not-a-file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError.at(name, "is not a regular file (a pipe or device?)", code="input.not-a-file")
        if info.st_size > limits.max_bytes:
            raise InputError.at(name, _too_large(info.st_size, limits), code="input.too-large")
        chunks = []
        remaining = limits.max_bytes + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        raw = b"".join(chunks)
        if len(raw) > limits.max_bytes:
            raise InputError.at(name, _too_large(len(raw), limits), code="input.too-large")
        return raw
    except OSError as exc:
        raise InputError.at(name, _os_message(exc), code="input.unreadable") from None
    finally:
        os.close(fd)


def _too_large(size: int, limits: Limits) -> str:
    return f"file is {size:,} bytes, over the {limits.max_bytes:,}-byte cap (raise it with --max-file-size)"


def _os_message(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return (exc.strerror or str(exc)).lower()


def parse(text: str, name: str, *, sha256: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse one YAML document whose top level is a mapping; any problem is an ``InputError``."""
    digest = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    root = _compose(text, name)
    if root is None:
        stripped = [line for line in text.splitlines() if line.strip()]
        what = "holds only comments" if stripped else "is empty"
        raise InputError.at(name, f"file {what}: expected a mapping of keys", code="yaml.empty")
    if not isinstance(root, MappingNode):
        kind = "a list" if isinstance(root, SequenceNode) else "a single value"
        raise InputError.at(
            name,
            f"the document is {kind}; expected a mapping of keys",
            code="yaml.not-a-mapping",
            position=_pos(root),
        )
    constructor = _Constructor(name, limits)
    data = constructor.build(root, 1)
    if constructor.problems:
        raise InputError(Diagnostic(name, pos, code, message) for pos, code, message in constructor.problems)
    return Document(Source(name, digest, LOADER_KIND), data, NodePositions(root))


def _compose(text: str, name: str) -> Node | None:
    composer = _Composer(text)
    try:
        node: Node | None = composer.get_single_node()
        return node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        raise InputError.at(name, _yaml_message(exc), code="yaml.syntax", position=position) from None
    except yaml.reader.ReaderError as exc:
        message = f"character {exc.character!r} is not allowed in YAML"
        raise InputError.at(
            name, message, code="yaml.syntax", position=_offset_position(text, exc.position)
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises only the two above
        raise InputError.at(name, str(exc).splitlines()[0], code="yaml.syntax") from None
    except RecursionError:
        raise InputError.at(name, "nesting too deep to parse", code="yaml.too-deep") from None
    finally:
        composer.dispose()


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or exc.context or "syntax error"
    if "expected a single document" in (exc.context or ""):
        return "file holds more than one YAML document (---): keep one locality per file"
    return f"YAML syntax error: {problem}" + (f" ({exc.context})" if exc.context and exc.problem else "")


def load(path: Path, *, limits: Limits = DEFAULT_LIMITS, display_name: str | None = None) -> Document:
    """Read and parse ``path``; the only file read of the pipeline."""
    name = display_name or str(path)
    raw = read_bytes(path, limits)
    return parse(decode(raw, name), name, sha256=hashlib.sha256(raw).hexdigest(), limits=limits)
