"""The characters and habits of office software, named where they were written.

Most locality files are written by people who copy text from Word, Excel or an email. What
comes along is invisible or looks like what was meant: a no-break space after ``kind:``, a
zero-width space inside an id, typographic quotes around a name, an en dash in a date, a tab
in the indentation. A YAML parser sees other characters than the ones the writer sees, and
says something true but useless (``could not find expected ':'``, on the next line).

This module finds each such character at its exact line and column, names it (with its code
point when it is invisible) and says what to write instead, once. Three places use it:

* ``problems`` after a successful parse: such characters in keys, tabs where YAML parsers
  disagree, a look-alike space that swallows a comment; each is an error of its own;
* ``slips`` after a successful parse: such characters inside values, for the validate stage
  to judge by the field (an id or a date: an error; free text: harmless);
* ``explain`` when the parser refuses the file: which of these characters (or which tab,
  colon or indentation) the refusal comes from, in plain words.

Pure: the text is passed in. Standard library only.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from devocheck.model import Diagnostic, Fix, KeyPath, Position, Slip, dotted_path

#: Character -> (its name, what was meant). Spaces become a space; invisible characters go.
NAMED: dict[str, tuple[str, str]] = {
    "\u00a0": ("no-break space", " "),
    "\u2000": ("en quad space", " "),
    "\u2001": ("em quad space", " "),
    "\u2002": ("en space", " "),
    "\u2003": ("em space", " "),
    "\u2004": ("three-per-em space", " "),
    "\u2005": ("four-per-em space", " "),
    "\u2006": ("six-per-em space", " "),
    "\u2007": ("figure space", " "),
    "\u2008": ("punctuation space", " "),
    "\u2009": ("thin space", " "),
    "\u200a": ("hair space", " "),
    "\u202f": ("narrow no-break space", " "),
    "\u205f": ("medium mathematical space", " "),
    "\u3000": ("ideographic space", " "),
    "\u200b": ("zero-width space", ""),
    "\u200c": ("zero-width non-joiner", ""),
    "\u200d": ("zero-width joiner", ""),
    "\u2060": ("word joiner", ""),
    "\ufeff": ("byte-order mark", ""),
    "\u00ad": ("soft hyphen", ""),
    "\u2018": ("left single quotation mark", "'"),
    "\u2019": ("right single quotation mark", "'"),
    "\u201a": ("single low quotation mark", "'"),
    "\u201c": ("left double quotation mark", '"'),
    "\u201d": ("right double quotation mark", '"'),
    "\u201e": ("double low quotation mark", '"'),
    "\u2010": ("hyphen", "-"),
    "\u2011": ("non-breaking hyphen", "-"),
    "\u2012": ("figure dash", "-"),
    "\u2013": ("en dash", "-"),
    "\u2014": ("em dash", "-"),
    "\u2015": ("horizontal bar", "-"),
    "\u2212": ("minus sign", "-"),
}
#: Characters whose code point the message gives: they cannot be seen, or look like a space.
_INVISIBLE = frozenset(char for char, (_, meant) in NAMED.items() if meant in (" ", ""))
SUSPECT = re.compile("[\t" + "".join(NAMED) + "]")
_OPENING_QUOTES = "\u201c\u201e\u2018\u201a"
_CLOSING_QUOTES = "\u201d\u2019"
#: What YAML (1.1, as PyYAML reads it) counts as a line break.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def name_of(char: str) -> str:
    """``no-break space (U+00A0)``; visible look-alikes without the code point (``en dash``)."""
    if char == "\t":
        return "tab (U+0009)"
    name = NAMED[char][0]
    return f"{name} (U+{ord(char):04X})" if char in _INVISIBLE else name


def corrected(text: str) -> str:
    """``text`` with every named character replaced by what was meant; spaces at either end go."""
    meant = "".join(NAMED[char][1] if char in NAMED else char for char in text)
    spaces = (
        len(text) - len(text.lstrip("".join(_INVISIBLE))),
        len(text) - len(text.rstrip("".join(_INVISIBLE))),
    )
    return meant[spaces[0] : len(meant) - spaces[1]] if spaces != (0, 0) else meant


@dataclass(frozen=True, slots=True)
class Span:
    """Where one scalar was written: character offsets ``[start, end)``, its style and its path."""

    start: int
    end: int
    style: str | None
    """``None`` for plain text, ``'"'``, ``"'"``, ``'|'`` or ``'>'``."""
    key: bool
    path: KeyPath


class Text:
    """The file's text with its lines, to turn offsets into positions and back."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self.starts, offset) - 1
        return Position(line + 1, offset - self.starts[line] + 1)

    def offset(self, position: Position) -> int:
        if position.line > len(self.starts):
            return len(self.text)
        return min(self.starts[position.line - 1] + position.column - 1, len(self.text))

    def line(self, offset: int) -> str:
        """The whole line holding ``offset``, without its line break."""
        index = bisect.bisect_right(self.starts, offset) - 1
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[index] : end].rstrip("\r\n\x85\u2028\u2029")

    def column(self, offset: int) -> int:
        return offset - self.starts[bisect.bisect_right(self.starts, offset) - 1]

    def in_comment(self, offset: int) -> bool:
        """Whether a ``#`` that starts a comment comes before ``offset`` on its line (quotes aside)."""
        line = self.line(offset)[: self.column(offset)]
        quote = None
        for index, char in enumerate(line):
            if quote:
                quote = None if char == quote else quote
            elif char in "\"'" and (index == 0 or line[index - 1] in " \t[{,:-"):
                quote = char
            elif char == "#" and (index == 0 or line[index - 1] in " \t"):
                return True
        return False


def _diagnostic(name: str, text: Text, offset: int, code: str, message: str, fix: Fix | None) -> Diagnostic:
    return Diagnostic(name, text.position(offset), code, message, fix=fix)


def _leading(text: Text, offset: int) -> bool:
    """Whether only spaces and tabs come before ``offset`` on its line."""
    return not text.line(offset)[: text.column(offset)].strip(" \t")


def _tab_message(name: str, text: Text, offset: int, in_text: bool) -> Diagnostic:
    """A tab where YAML parsers disagree: in the indentation, between words, or in unquoted text."""
    if _leading(text, offset):
        message = "tab (U+0009) in the indentation: YAML indents with spaces only; write spaces"
        return _diagnostic(name, text, offset, "office.tab", message, None)
    if in_text:
        message = "tab (U+0009) inside unquoted text: put the text in quotes"
        return _diagnostic(name, text, offset, "office.tab", message, None)
    message = "tab (U+0009) between words: write a space"
    return _diagnostic(name, text, offset, "office.tab", message, Fix(text.position(offset), "\t", " "))


def _tab_problem(name: str, text: Text, offset: int, span: Span | None) -> Diagnostic | None:
    """A tab the two parsers may read differently (libyaml takes some that PyYAML refuses), or None.

    Allowed: inside quoted or block text (not in its indentation) and in comments.
    """
    if not _leading(text, offset):
        if span is not None and span.style in ('"', "'", "|", ">"):
            return None
        if span is None and text.in_comment(offset):
            return None
    return _tab_message(name, text, offset, span is not None)


def _key_problem(name: str, text: Text, offset: int, span: Span) -> Diagnostic:
    char = text.text[offset]
    key = text.text[span.start : span.end]
    meant = NAMED[char][1]
    at_edge = offset in (span.start, span.end - 1) and meant in (" ", "")
    new = "" if at_edge else meant
    fixed = corrected(key) if not at_edge else key.replace(char, "")
    what = "write a space" if new == " " else (f"write {new}" if new else "delete it")
    where = dotted_path((*span.path[:-1], fixed.strip()))
    message = f"{where}: key '{fixed.strip()}' is written with a {name_of(char)} in it: {what}"
    return _diagnostic(name, text, offset, "office.character", message, Fix(text.position(offset), char, new))


def problems_and_slips(
    text: str, spans: list[Span], name: str, reads_as_text: Callable[[str], bool]
) -> tuple[list[Diagnostic], list[Slip]]:
    """Office characters in a file the parser read: errors of their own, and slips in values.

    ``spans`` are the file's scalars in order. Characters in comments are harmless and skipped.
    ``reads_as_text`` says whether unquoted text is read as text (not null, true or a number):
    a character that turns ``null`` or ``12`` into text changes the meaning, and is an error.
    """
    lines = Text(text)
    starts = [span.start for span in spans]
    problems: list[Diagnostic] = []
    found: dict[int, list[int]] = {}
    for match in SUSPECT.finditer(text):
        offset = match.start()
        index = bisect.bisect_right(starts, offset) - 1
        span = spans[index] if index >= 0 and offset < spans[index].end else None
        if match.group() == "\t":
            problem = _tab_problem(name, lines, offset, span)
            if problem:
                problems.append(problem)
        elif span is None:
            continue  # in a comment (anywhere else the parser would have read it into a scalar)
        elif span.key:
            problems.append(_key_problem(name, lines, offset, span))
        elif span.style is None and NAMED[match.group()][1] == " " and text[offset + 1 : offset + 2] == "#":
            message = f"{dotted_path(span.path)}: {name_of(match.group())} before '#': "
            message += "the comment is read as part of the value"
            message += "; write a space"
            fix = Fix(lines.position(offset), match.group(), " ")
            problems.append(_diagnostic(name, lines, offset, "office.character", message, fix))
        else:
            found.setdefault(index, []).append(offset)
    slips = []
    for index, offsets in found.items():
        slip = _slip(lines, spans[index], offsets)
        meant = slip.corrected.strip(" ")
        if spans[index].style is None and not reads_as_text(meant):
            names = " and a ".join(slip.names)
            message = (
                f"{dotted_path(slip.path)}: {shown(slip.written.strip(' '))} is read as text "
                f"because of the {names}: write {meant}"
            )
            problems.append(_diagnostic(name, lines, offsets[0], "office.character", message, slip.fix))
        else:
            slips.append(slip)
    return problems, slips


def _slip(text: Text, span: Span, offsets: list[int]) -> Slip:
    quoted = span.style in ('"', "'")
    begin, end = span.start + quoted, span.end - quoted
    written = text.text[begin:end]
    single_line = text.position(begin).line == text.position(max(begin, end - 1)).line
    fix = (
        Fix(text.position(begin), written, corrected(written)) if single_line and span.style != "|" else None
    )
    names = dict.fromkeys(name_of(text.text[offset]) for offset in offsets)
    return Slip(span.path, text.position(offsets[0]), written, corrected(written), tuple(names), fix)


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """``text`` with each fix applied whose ``old`` is written at its position, and those applied.

    A fix that does not match the text, or overlaps one already taken, is left out: whatever
    devocheck is unsure of stays as it was written.
    """
    lines = Text(text)
    chosen: list[tuple[int, Fix]] = []
    taken_until = -1
    for offset, fix in sorted((lines.offset(fix.position), fix) for fix in fixes):
        if offset > taken_until and text[offset : offset + len(fix.old)] == fix.old and fix.old != fix.new:
            chosen.append((offset, fix))
            taken_until = offset + max(len(fix.old), 1) - 1
    for offset, fix in reversed(chosen):
        text = text[:offset] + fix.new + text[offset + len(fix.old) :]
    return text, [fix for _, fix in chosen]


def shown(text: str) -> str:
    """Text for a message, its invisible characters and tabs written as ``\\u00a0``."""
    return "'" + "".join(f"\\u{ord(c):04x}" if c in _INVISIBLE or c == "\t" else c for c in text) + "'"


def wrapped_in_typographic_quotes(value: str) -> bool:
    """``“West Mercia Police”``: typographic quotes used where YAML wants straight ones."""
    return len(value) >= 2 and value[0] in _OPENING_QUOTES and value[-1] in _CLOSING_QUOTES


# --- explaining a refusal ------------------------------------------------------------------------

#: libyaml's and PyYAML's words for a line that does not fit the indentation around it.
_INDENTATION_WORDS = (
    "did not find expected key",
    "did not find expected '-' indicator",
    "could not find expected ':'",
    "expected <block end>",
    "mapping values are not allowed",
    "while parsing a block",
)
#: The parser's other words, said plainly.
_PLAIN_WORDS = {
    "found unexpected end of stream": "the file ends inside quoted text: close the quotes",
    "found unknown escape character": (
        "unknown escape after a backslash in double-quoted text: "
        "write \\\\ for a backslash, or use single quotes"
    ),
    "found undefined tag handle": "unknown tag: devocheck reads plain data only",
    "did not find expected ',' or ']'": "a list in [ ] is not closed: add the ]",
    "did not find expected ',' or '}'": "a mapping in { } is not closed: add the }",
    "expected ',' or ']'": "a list in [ ] is not closed: add the ]",
    "expected ',' or '}'": "a mapping in { } is not closed: add the }",
    "found character that cannot start any token": (
        "this character cannot start a value: put the value in quotes"
    ),
    "found character '@' that cannot start any token": "'@' cannot start a value: put the value in quotes",
    "found character '`' that cannot start any token": "'`' cannot start a value: put the value in quotes",
}

#: Parse ``text`` to its end; the offset where the parser stops, or None when it reads it all.
Reparse = Callable[[str], "int | None"]


def _trial(text: str, offset: int) -> str:
    """``text`` with the character at ``offset`` replaced by one of the same length."""
    char = text[offset]
    meant = " " if char == "\t" else (NAMED[char][1] or " ")
    return text[:offset] + meant + text[offset + 1 :]


def _character_causes(lines: Text, stop: int, reparse: Reparse) -> Iterator[int]:
    """The office characters before ``stop`` (not in comments) whose replacement gets the parser further."""
    stop_line = lines.position(stop).line
    tried = 0
    for match in SUSPECT.finditer(lines.text):
        offset = match.start()
        if lines.position(offset).line > stop_line or tried >= 20:
            return
        if lines.in_comment(offset):
            continue
        tried += 1
        after = reparse(_trial(lines.text, offset))
        if after is None or after > stop or reparse(lines.text[:offset] + lines.text[offset + 1 :]) is None:
            yield offset


def character_problem(name: str, text: str, offset: int) -> Diagnostic:
    """The office character at ``offset`` named where YAML expected something else."""
    return _character_message(name, Text(text), offset)


def _character_message(name: str, lines: Text, offset: int) -> Diagnostic:
    char = lines.text[offset]
    if char == "\t":
        return _tab_message(name, lines, offset, False)
    meant = NAMED[char][1]
    what = "write a space" if meant == " " else (f"write {meant}" if meant else "delete it")
    message = f"{name_of(char)} where YAML expects a plain character: {what}"
    return _diagnostic(
        name, lines, offset, "office.character", message, Fix(lines.position(offset), char, meant)
    )


def _colon_in_text(name: str, lines: Text, offset: int) -> Diagnostic | None:
    """``statement: Health and work: more...``: a colon and space inside unquoted text."""
    line = lines.line(offset)
    column = lines.column(offset)
    head = line[:column]
    key, colon, _ = head.partition(": ")
    if not colon or not key.strip(" -") or line[column : column + 1] != ":":
        return None
    text = line[len(key) + 2 :].split(" #", 1)[0].strip()
    if not text or text[0] in "\"'[{|>&*!":
        return None
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    message = f"text holding ': ' must be in quotes, or YAML reads a key in it: write {key.strip()}: {quoted}"
    return _diagnostic(name, lines, offset, "yaml.colon-in-text", message, None)


def _content_lines(lines: Text, upto: int) -> Iterator[tuple[int, int, str]]:
    """(line number, indentation, content) of the lines up to ``upto`` that hold more than a comment."""
    for number in range(1, upto + 1):
        start = lines.starts[number - 1] if number - 1 < len(lines.starts) else len(lines.text)
        line = lines.line(start) if start < len(lines.text) else ""
        content = line.lstrip(" ")
        if content and not content.startswith("#"):
            yield number, len(line) - len(content), content


def _misindented(name: str, lines: Text, stop_line: int) -> Diagnostic | None:
    """The first line, up to ``stop_line``, indented unlike any open block around it."""
    levels: list[int] = []
    opens = True  # the previous line ends with ':' (or is a list item): a deeper line may follow
    block_text: int | None = None  # inside a | or > block: lines deeper than this are its text
    for number, indent, content in _content_lines(lines, stop_line + 1):
        if block_text is not None:
            if indent > block_text:
                continue
            block_text = None
        if not levels or indent > levels[-1]:
            if levels and not opens:
                return _indent_message(name, lines, number, indent, levels)
            levels.append(indent)
        else:
            while levels and levels[-1] > indent:
                levels.pop()
            if not levels or levels[-1] != indent:
                return _indent_message(name, lines, number, indent, [*levels, indent + 1])
        body = content.split(" #", 1)[0].rstrip()
        item = content.startswith("- ") or content == "-"
        if item:
            inner = content[2:].lstrip(" ")
            if inner and not inner.startswith("#"):
                levels.append(indent + len(content) - len(inner))
        opens = body.endswith(":") or body == "-"
        if body.endswith(("|", ">", "|-", ">-", "|+", ">+")):
            block_text = indent
    return None


def _indent_message(name: str, lines: Text, number: int, indent: int, levels: list[int]) -> Diagnostic:
    around = sorted({level for level in levels if level != indent})
    nearest = min(around, key=lambda level: (abs(level - indent), level)) if around else 0
    spaces = "space" if indent == 1 else "spaces"
    message = (
        f"this line is indented {indent} {spaces}, unlike the lines around it: "
        f"indent it {nearest} to line up with the {'key' if nearest else 'top-level keys'} it belongs with"
    )
    return Diagnostic(name, Position(number, indent + 1), "yaml.indentation", message)


def explain(text: str, name: str, stop: Position, problem: str, reparse: Reparse) -> list[Diagnostic] | None:
    """The cause of the parser's refusal at ``stop`` in plain words, or None when it is none of these.

    Office characters come first: each one whose replacement gets the parser further is a
    cause, one message each. Then a colon in unquoted text, then a line indented unlike the
    lines around it.
    """
    lines = Text(text)
    stop_offset = min(lines.offset(stop), len(text))
    causes = list(_character_causes(lines, stop_offset, reparse))
    if causes:
        return [_character_message(name, lines, offset) for offset in causes]
    if "mapping values are not allowed" in problem and text[stop_offset : stop_offset + 1] == ":":
        colon = _colon_in_text(name, lines, stop_offset)
        if colon:
            return [colon]
    if any(words in problem for words in _INDENTATION_WORDS):
        misindented = _misindented(name, lines, stop.line)
        if misindented:
            return [misindented]
    for words, plain in _PLAIN_WORDS.items():
        if words in problem:
            return [Diagnostic(name, stop, "yaml.syntax", plain)]
    return None


__all__ = [
    "NAMED",
    "SUSPECT",
    "Span",
    "Text",
    "apply_fixes",
    "corrected",
    "explain",
    "name_of",
    "problems_and_slips",
    "shown",
    "wrapped_in_typographic_quotes",
]
