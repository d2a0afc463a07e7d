"""Where each key and value of a loaded document was written.

The loader records a small tree of ``Located`` records beside the data it builds (ints and
the scalar text only, no PyYAML objects), and lookups walk it on demand: most files are
valid and never ask for a position, so nothing else is indexed.
"""

from __future__ import annotations

from devocheck.model import START, KeyPath, Position, PositionLookup

#: A mapping's entries (key text -> where the key and the value were written) or a list's items.
Children = dict[str, tuple["Located", "Located"]] | list["Located"] | None


class Located:
    """Where one value (or key) starts, its text if it is a scalar, and its children if not."""

    __slots__ = ("children", "column", "line", "quoted", "text")

    def __init__(self, line: int, column: int, text: str | None = None, children: Children = None) -> None:
        self.line = line
        self.column = column
        self.text = text
        self.children = children
        self.quoted = False
        """Written in quotes: its text starts one column after ``column``."""

    @property
    def position(self) -> Position:
        return Position(self.line, self.column)


class TreePositions(PositionLookup):
    """Positions from the loader's tree; a missing path falls back to its nearest ancestor."""

    __slots__ = ("_root",)

    def __init__(self, root: Located) -> None:
        self._root = root

    def _walk(self, path: KeyPath) -> tuple[Located | None, Located]:
        """The deepest (key, value) pair reachable along ``path``."""
        key: Located | None = None
        node = self._root
        for part in path:
            children = node.children
            if isinstance(children, dict) and isinstance(part, str) and part in children:
                key, node = children[part]
            elif isinstance(children, list) and isinstance(part, int) and 0 <= part < len(children):
                key, node = None, children[part]
            else:
                break
        return key, node

    def key(self, path: KeyPath) -> Position:
        key, node = self._walk(path)
        return (key or node).position

    def value(self, path: KeyPath) -> Position:
        return self._walk(path)[1].position

    def scalar_text(self, path: KeyPath) -> str | None:
        return self._walk(path)[1].text

    def text_start(self, path: KeyPath) -> Position:
        node = self._walk(path)[1]
        return Position(node.line, node.column + node.quoted)


class NoPositions(PositionLookup):
    """For documents built in memory (library callers): everything is at line 1."""

    def key(self, path: KeyPath) -> Position:
        return START

    def value(self, path: KeyPath) -> Position:
        return START

    def scalar_text(self, path: KeyPath) -> str | None:
        return None

    def text_start(self, path: KeyPath) -> Position:
        return START
