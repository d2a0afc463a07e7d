"""Shared fixtures: run the CLI in-process exactly as the console script does."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from devocheck.cli import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
#: The shared test data (schemas): ``shared/`` beside the clone, as CI lays it out, or beside
#: a folder above it (a work tree in a folder of work trees).
SHARED = next(
    (folder / "shared" for folder in REPO.parents if (folder / "shared" / "schemas").is_dir()),
    REPO.parent / "shared",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/ from the current renderers"
    )


def schema_properties(node: Any) -> Iterator[str]:
    """Every property name of a JSON Schema, at any depth (docs must mention each)."""
    if isinstance(node, dict):
        yield from node.get("properties", {})
        for child in node.values():
            yield from schema_properties(child)
    elif isinstance(node, list):
        for child in node:
            yield from schema_properties(child)


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


Runner = Callable[..., CliResult]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Runner:
    """``cli("validate", "x.yaml")`` -> exit code, stdout and stderr of one in-process run."""

    def run(*args: str | Path) -> CliResult:
        capsys.readouterr()
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run
