"""Performance regression guards that count instead of timing.

Start-up: ``--version`` and ``--help`` must not import the heavy libraries (PyYAML,
jsonschema, pydantic, Jinja2, rich.progress) that only commands need. Batches:
schema validators and compiled rubric conditions are built once per process however many
files are processed, and "did you mean" searches per file are capped so that a large file
full of broken references stays linear. The timings themselves live in bench/, never here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, Runner

HEAVY = ("yaml", "jsonschema", "pydantic", "jinja2", "rich.progress")

_PROBE = """
import json, sys
from devocheck.cli import main
try:
    main([sys.argv[1]])
except SystemExit:
    pass
heavy = sys.argv[2].split(",")
print(json.dumps(sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in heavy))))
"""


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help_import_no_heavy_library(option: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, option, ",".join(HEAVY)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == [], f"devocheck {option} imported {loaded}"


def _copies(tmp_path: Path, count: int, *, schema_version: int = 1) -> Path:
    """``count`` copies of the North Shire example (``schema_version`` other than 1: invalid)."""
    text = (EXAMPLES / "north-shire.yaml").read_text(encoding="utf-8")
    assert "schema_version: 1\n" in text
    text = text.replace("schema_version: 1\n", f"schema_version: {schema_version}\n")
    folder = tmp_path / f"v{schema_version}"
    folder.mkdir()
    for index in range(count):
        (folder / f"place-{index:02d}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_schema_check_is_built_once_for_many_valid_files(
    cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from devocheck.validate import fastcheck, locality

    built: list[object] = []
    real_compile = fastcheck.compile_check

    def counting_compile(*args: Any) -> Any:
        built.append(args[0])
        return real_compile(*args)

    monkeypatch.setattr(fastcheck, "compile_check", counting_compile)
    locality.fast_check.cache_clear()
    run = cli("validate", _copies(tmp_path, 25))
    assert run.exit_code == 0, run.stderr
    assert len(built) == 1


def test_full_validator_is_built_once_for_many_invalid_files(cli: Runner, tmp_path: Path) -> None:
    from devocheck.validate import locality

    locality._full_validator.cache_clear()
    run = cli("validate", _copies(tmp_path, 25, schema_version=2))
    assert run.exit_code == 2
    assert run.stdout.count("schema_version") == 25
    assert locality._full_validator.cache_info().misses == 1


def test_rubric_conditions_are_compiled_once_for_many_assessments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from devocheck.pipeline import assess
    from devocheck.rubric import conditions, model

    compilations: list[object] = []
    real_compile = conditions.Compiler.compile

    def counting_compile(self: conditions.Compiler, node: Any, path: Any) -> conditions.Condition:
        compilations.append(path)
        return real_compile(self, node, path)

    monkeypatch.setattr(conditions.Compiler, "compile", counting_compile)
    model._compiled.cache_clear()
    files = sorted(_copies(tmp_path, 20).iterdir())
    assess(files[0])
    after_first = len(compilations)
    assert after_first > 0
    for path in files[1:]:
        assess(path)
    assert len(compilations) == after_first


def test_did_you_mean_searches_are_capped_per_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from devocheck.load.loader import parse
    from devocheck.validate import semantics

    searches: list[str] = []
    real_search = semantics.closest

    def counting_search(value: str, known: Any) -> str | None:
        searches.append(value)
        return real_search(value, known)

    monkeypatch.setattr(semantics, "closest", counting_search)
    outcomes = "".join(
        f"    - {{id: outcome-{i}, statement: Outcome {i}, partners: [nsca, missing-{i}, missing-{i % 7}]}}\n"
        for i in range(300)
    )
    text = (
        "schema_version: 1\n"
        "locality: {id: big, name: Big Place}\n"
        "partners:\n  - {id: nsca, name: NSCA, sector: local_government}\n"
        f"goals:\n  outcomes:\n{outcomes}"
    )
    found = semantics.check_semantics(parse(text, "big.yaml"))
    assert len([d for d in found if d.code == "ref.unknown-partner"]) == 600
    assert len(searches) == semantics.HINT_SEARCHES
