"""Escaping for text formats that have markup of their own (not a format: leading underscore).

Everything a locality or rubric file says is data. These helpers make it inert in the
format it lands in: no tables broken, no links or HTML injected, no terminal control
sequences, no spreadsheet formulas.
"""

from __future__ import annotations

import re

from devocheck.render._text import strip_control

#: Characters that can start markup mid-line in GFM (``#`` closes headings); backslash-escaped.
#: ``(`` and ``!`` need no escape once ``[`` cannot open a link or image; input never starts a line.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]#|~])")
#: What spreadsheets read as the start of a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@")


def one_line(text: object) -> str:
    """``text`` as a single line without control sequences (newlines and tabs become spaces)."""
    return " ".join(strip_control(str(text)).split())


def markdown(text: object) -> str:
    """``text`` as literal GitHub-flavoured Markdown on one line, safe inside a table cell.

    Markup characters are backslash-escaped (``|`` too, so cells stay cells) and ``<``, ``>``
    and ``&`` become entities, so neither links, images, emphasis nor raw HTML can form.
    """
    escaped = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", escaped)


def spreadsheet_cell(text: object) -> str:
    """``text`` for a CSV cell: one line, and never read as a formula by a spreadsheet."""
    line = one_line(text)
    return "'" + line if line.startswith(_FORMULA_START) else line
