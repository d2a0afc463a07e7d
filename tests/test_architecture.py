"""The stage map of docs/architecture.md, kept true: no stage imports a later one.

The pipeline is load -> validate -> measure -> rubric -> score, with the library facade
(``pipeline``) and the renderers (``render``) side by side above it and the CLI on top. Every
import counts: at module level, inside a function, or under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "devocheck"

#: Stages from first to last; a module may import its own stage and earlier ranks only.
#: Stages that share a rank (the facade and the renderers) may not import each other.
STAGES: tuple[tuple[str, ...], ...] = (
    ("shared",),
    ("load",),
    ("validate",),
    ("measure",),
    ("rubric",),
    ("score",),
    ("pipeline", "render"),
    ("cli",),
)

#: Which stage a module belongs to, by its dotted name's longest matching prefix.
STAGE_OF = {
    "devocheck.model": "shared",
    "devocheck.errors": "shared",
    "devocheck.schemas": "shared",
    "devocheck.starter": "shared",
    "devocheck.load": "load",
    "devocheck.validate": "validate",
    "devocheck.measure": "measure",
    "devocheck.rubric": "rubric",
    "devocheck.score": "score",
    "devocheck.pipeline": "pipeline",
    "devocheck.render": "render",
    "devocheck.cli": "cli",
    "devocheck.__main__": "cli",
    "devocheck.config": "cli",
    "devocheck.batch": "cli",
}

RANK = {stage: rank for rank, names in enumerate(STAGES) for stage in names}


def stage(module: str) -> str | None:
    """The stage of ``module``; None for the package root (``devocheck.__version__``)."""
    parts = module.split(".")
    for end in range(len(parts), 1, -1):
        found = STAGE_OF.get(".".join(parts[:end]))
        if found is not None:
            return found
    return None


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def imports(path: Path) -> Iterator[tuple[str, int]]:
    """Every devocheck module ``path`` imports, with the line of the import."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert not node.level, f"{path}:{node.lineno}: relative import (the house style is absolute)"
            base = node.module or ""
            if base == "devocheck":
                # ``from devocheck import x``: x is a submodule, or the root's __version__
                yield from ((f"devocheck.{alias.name}", node.lineno) for alias in node.names)
            else:
                yield base, node.lineno


def back_edges(graph: Mapping[str, list[tuple[str, int]]]) -> list[str]:
    """Each import from a module to a later stage, or across stages of one rank."""
    found = []
    for source, targets in graph.items():
        here = stage(source)
        assert here is not None, f"{source} is in no stage: add it to STAGE_OF and docs/architecture.md"
        for target, line in targets:
            there = stage(target)
            if there is None or there == here or not target.startswith("devocheck"):
                continue
            if RANK[there] >= RANK[here]:
                found.append(f"{source}:{line} ({here}) imports {target} ({there})")
    return found


def package_graph() -> dict[str, list[tuple[str, int]]]:
    return {
        module_name(path): [(name, line) for name, line in imports(path) if name.startswith("devocheck")]
        for path in sorted(PACKAGE.rglob("*.py"))
        if module_name(path) not in {"devocheck", "devocheck.__version__"}
    }


def test_no_stage_imports_a_later_one() -> None:
    assert back_edges(package_graph()) == []


def test_only_the_cli_imports_render() -> None:
    graph = package_graph()
    importers = {
        source
        for source, targets in graph.items()
        for target, _ in targets
        if stage(target) == "render" and stage(source) != "render"
    }
    assert importers and all(stage(source) == "cli" for source in importers), importers


def cycles(graph: Mapping[str, list[tuple[str, int]]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or round a loop (Tarjan's algorithm)."""
    edges = {
        source: sorted({t for t, _ in targets if t in graph and t != source})
        for source, targets in graph.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_modules_import_each_other() -> None:
    """A loop (even through a lazy import) means two modules are one: rubric <-> catalog was one."""
    assert cycles(package_graph()) == []


def test_the_cycle_check_finds_a_loop() -> None:
    graph = {"a": [("b", 1)], "b": [("c", 1)], "c": [("a", 1)], "d": [("a", 1)]}
    assert cycles(graph) == [["a", "b", "c"]]


def test_every_module_has_a_stage() -> None:
    assert [name for name in package_graph() if stage(name) is None] == []


def test_the_stage_packages_are_what_the_listing_shows() -> None:
    packages = sorted(path.parent.name for path in PACKAGE.glob("*/__init__.py"))
    for name in ("load", "validate", "rubric", "score", "render", "cli"):
        assert name in packages


@pytest.mark.parametrize(
    ("source", "target", "caught"),
    [
        ("devocheck.load.loader", "devocheck.validate.locality", True),
        ("devocheck.score.diff", "devocheck.render.json", True),
        ("devocheck.pipeline", "devocheck.render", True),
        ("devocheck.render.sarif", "devocheck.pipeline", True),
        ("devocheck.rubric.model", "devocheck.score.report", True),
        ("devocheck.measure.goals", "devocheck.rubric.model", True),
        ("devocheck.score.scoring", "devocheck.rubric.model", False),
        ("devocheck.cli.app", "devocheck.render", False),
        ("devocheck.render.json", "devocheck.score.codec", False),
        ("devocheck.validate.locality", "devocheck.validate.semantics", False),
    ],
)
def test_the_check_catches_a_backward_import(source: str, target: str, caught: bool) -> None:
    assert bool(back_edges({source: [(target, 1)]})) is caught


def test_the_architecture_page_names_every_module_of_every_stage() -> None:
    """docs/architecture.md lists each stage's modules (formats and the CLI's commands aside)."""
    page = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "__init__.py"
        and path.parent.name != "cli"
        and not (path.parent.name == "render" and not path.name.startswith("_"))
        and f"`{path.name}`" not in page
        and f"`{path.relative_to(PACKAGE)}`" not in page
    ]
    assert missing == []
