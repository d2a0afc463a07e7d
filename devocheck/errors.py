"""One error hierarchy for everything a user can fix.

Each error carries positioned diagnostics; the CLI prints them as ``file:line:col: message``
and exits 2. Anything else that escapes is a bug and is reported as an internal error.
"""

from __future__ import annotations

from collections.abc import Iterable

from devocheck.model import START, Diagnostic, Position


class DevocheckError(Exception):
    """A problem with the user's input, rubric, configuration or output path."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(diagnostics, key=Diagnostic.sort_key))
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @classmethod
    def at(cls, file: str, message: str, *, code: str, position: Position = START) -> DevocheckError:
        """An error with a single diagnostic."""
        return cls([Diagnostic(file=file, position=position, code=code, message=message)])


class InputError(DevocheckError):
    """A locality (or other input) file cannot be read or parsed."""


class RubricError(DevocheckError):
    """A rubric file is malformed or refers to things that do not exist."""


class ConfigError(DevocheckError):
    """A configuration file or option is wrong."""


class OutputError(DevocheckError):
    """A report cannot be written where the user asked."""
