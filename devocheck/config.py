"""Configuration files: ``[tool.devocheck]`` in ``pyproject.toml``, or a ``devocheck.toml``.

A repository of locality files states its thresholds once, next to its files, instead of in
every CI job. ``find_config`` walks up from a directory; in each directory a
``devocheck.toml`` (keys at its top level) wins over a ``pyproject.toml`` that has a
``[tool.devocheck]`` table (a ``pyproject.toml`` without one is passed by). The keys are the
``assess`` options spelt as on the command line without the dashes (``fail-under = 60``);
a flag given on the command line wins over the file. Which keys exist, and what each may
hold, is the command's declaration (``devocheck.cli.declare``), passed in as ``keys``.

``--config FILE`` may name any TOML file: one with a ``[tool.devocheck]`` table (a
``pyproject.toml`` under any name) is read from that table, any other from its top level.

Pure apart from reading the file: nothing is printed. Every problem is a ``ConfigError``
positioned at the key. ``tomllib`` keeps no positions, so a key's line is found by scanning
the text of its table for ``key =``; a key the scan cannot find (written as a dotted key or
an inline table) is reported at line 1, column 1.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from devocheck.errors import ConfigError
from devocheck.model import START, Diagnostic, Position
from devocheck.validate.messages import closest

CONFIG_FILE = "devocheck.toml"
PYPROJECT = "pyproject.toml"
_SECTION = ("tool", "devocheck")
_HAS_SECTION = re.compile(r"^\s*\[\s*tool\s*\.\s*devocheck\s*[\].]", re.MULTILINE)
_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")
_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


@dataclass(frozen=True, slots=True)
class Kind:
    """What a key may hold: its TOML types, in words for messages, and its numeric range."""

    types: tuple[type, ...]
    words: str
    low: float | None = None
    high: float | None = None
    path: bool = False
    """Relative paths are taken from the configuration file's directory."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One key's value and where it is written, so a value the CLI rejects can be pointed at."""

    key: str
    value: object
    file: str
    position: Position

    def error(self, message: str) -> ConfigError:
        """A ``ConfigError`` at this setting: ``file:line:col: key: message``."""
        return ConfigError([Diagnostic(self.file, self.position, "config.value", f"{self.key}: {message}")])


@dataclass(frozen=True, slots=True)
class Config:
    """The settings of one configuration file, keyed by option name (``fail-under``)."""

    file: str
    settings: Mapping[str, Setting]

    def get(self, key: str) -> Setting | None:
        return self.settings.get(key)


NO_CONFIG = Config("", {})


def find_config(start: Path) -> Path | None:
    """The nearest configuration file in ``start`` or a directory above it, if any.

    Named relative to ``start`` (``../devocheck.toml``), as messages should show it.
    """
    start = start.resolve()
    for directory in (start, *start.parents):
        for candidate in (directory / CONFIG_FILE, directory / PYPROJECT):
            if candidate.is_file() and (
                candidate.name == CONFIG_FILE or _HAS_SECTION.search(_read(candidate))
            ):
                return Path(os.path.relpath(candidate, start))
    return None


def load_config(path: Path, keys: Mapping[str, Kind]) -> Config:
    """Read and check ``path`` against ``keys`` (the options a configuration file may set).

    ``path`` is a ``pyproject.toml`` (or any TOML file with a ``[tool.devocheck]`` table),
    read from that table, or a ``devocheck.toml`` (any other file), read from its top level.
    """
    text = _read(path)
    name = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_POSITION.search(message)
        if found and found.group(1):
            position = Position(int(found.group(1)), int(found.group(2)))
        else:  # at end of document, or nowhere said
            lines = text.splitlines() or [""]
            position = Position(len(lines), len(lines[-1]) + 1) if found else START
        raise ConfigError.at(
            name, f"not valid TOML: {_TOML_POSITION.sub('', message)}", code="config.toml", position=position
        ) from None
    section: tuple[str, ...] = ()
    if path.name == PYPROJECT or _HAS_SECTION.search(text):
        section = _SECTION
        for part in _SECTION:
            data = data.get(part, {})
            if not isinstance(data, dict):
                raise ConfigError.at(name, f"[{'.'.join(_SECTION)}] must be a table", code="config.type")
    locate = _Locator(text, section)
    settings: dict[str, Setting] = {}
    problems: list[Diagnostic] = []
    for key, value in data.items():
        position = locate(key)
        try:
            settings[key] = Setting(key, _checked(keys, key, value, path.parent), name, position)
        except ValueError as exc:
            problems.append(Diagnostic(name, position, "config.key", str(exc)))
    if problems:
        raise ConfigError(problems)
    return Config(name, settings)


def _checked(keys: Mapping[str, Kind], key: str, value: object, base: Path) -> object:
    """``value`` if ``key`` is known and may hold it (a relative path made absolute); else ValueError."""
    kind = keys.get(key)
    if kind is None:
        close = closest(key, keys)
        hint = f"; did you mean '{close}'?" if close else f"; known keys: {', '.join(keys)}"
        raise ValueError(f"unknown key '{key}'{hint}")
    # bool is an int to Python, but `jobs = true` is a mistake, not one job
    if not isinstance(value, kind.types) or (isinstance(value, bool) and bool not in kind.types):
        raise ValueError(f"{key} must be {kind.words}, not {_toml_type(value)}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if kind.low is not None and value < kind.low:
            raise ValueError(f"{key} must be at least {kind.low:g}, not {value}")
        if kind.high is not None and value > kind.high:
            raise ValueError(f"{key} must be at most {kind.high:g}, not {value}")
    if kind.path and isinstance(value, str) and _is_path(key, value):
        return str(base / value) if not Path(value).is_absolute() else value
    return value


def _is_path(key: str, value: str) -> bool:
    """A rubric may be a built-in id (left alone) or a file (taken from the config's directory)."""
    return key != "rubric" or value.endswith((".yaml", ".yml")) or "/" in value or "\\" in value


def _toml_type(value: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string", date: "a date"}
    names.update({list: "an array", dict: "a table"})
    return next((word for kind, word in names.items() if isinstance(value, kind)), type(value).__name__)


class _Locator:
    """Finds the line and column of ``key = ...`` inside one table of a TOML text."""

    def __init__(self, text: str, section: tuple[str, ...]) -> None:
        self.lines = text.splitlines()
        self.section = ".".join(section)

    def __call__(self, key: str) -> Position:
        pattern = re.compile(rf"^(\s*)([\"']?){re.escape(key)}\2\s*=")
        current = ""
        for number, line in enumerate(self.lines, 1):
            header = _HEADER.match(line)
            if header:
                current = re.sub(r"\s*\.\s*", ".", header.group(1))
                continue
            found = pattern.match(line)
            if found and current == self.section:
                return Position(number, len(found.group(1)) + 1)
        return START


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError.at(str(path), f"cannot read: {reason.lower()}", code="config.unreadable") from None


__all__ = ["CONFIG_FILE", "NO_CONFIG", "Config", "Kind", "Setting", "find_config", "load_config"]
