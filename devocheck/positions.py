"""Where each key and value of a loaded document was written.

The loader keeps the composed node tree privately here and looks positions up on demand:
most files are valid and need no position at all, so nothing is indexed up front.
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from devocheck.model import START, KeyPath, Position, PositionLookup


def _position(node: Node) -> Position:
    mark = node.start_mark
    return Position(mark.line + 1, mark.column + 1)


class NodePositions(PositionLookup):
    """Positions read from the YAML node tree; a missing path falls back to its nearest ancestor."""

    __slots__ = ("_root",)

    def __init__(self, root: Node | None) -> None:
        self._root = root

    def _walk(self, path: KeyPath) -> tuple[Node | None, Node | None]:
        """The deepest (key node, value node) pair reachable along ``path``."""
        key: Node | None = None
        node = self._root
        for part in path:
            if isinstance(node, MappingNode) and isinstance(part, str):
                match = next((pair for pair in node.value if pair[0].value == part), None)
                if match is None:
                    break
                key, node = match
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                key, node = None, node.value[part]
            else:
                break
        return key, node

    def key(self, path: KeyPath) -> Position:
        key, node = self._walk(path)
        if key is not None:
            return _position(key)
        return _position(node) if node is not None else START

    def value(self, path: KeyPath) -> Position:
        _, node = self._walk(path)
        return _position(node) if node is not None else START

    def scalar_text(self, path: KeyPath) -> str | None:
        _, node = self._walk(path)
        return node.value if isinstance(node, ScalarNode) else None


class NoPositions(PositionLookup):
    """For documents built in memory (library callers): everything is at line 1."""

    def key(self, path: KeyPath) -> Position:
        return START

    def value(self, path: KeyPath) -> Position:
        return START

    def scalar_text(self, path: KeyPath) -> str | None:
        return None
