"""Text helpers shared by renderers (not a format: the leading underscore keeps it out)."""

from __future__ import annotations

import re

_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI sequences: colours, cursor moves
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC sequences: titles, hyperlinks
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # every other C0/C1 control but tab and newline
)


def strip_control(text: str) -> str:
    """``text`` without terminal control sequences, so input cannot restyle or rewrite a terminal."""
    return _CONTROL.sub("", text)


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``1 file``, ``2 files``."""
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"
