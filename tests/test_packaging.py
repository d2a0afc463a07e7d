"""The wheel carries the rubrics, schemas and type marker; the CLI starts from anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import EXAMPLES, REPO


def test_wheel_contains_rubrics_and_schemas(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("devocheck-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped_rubrics = {f"devocheck/rubrics/{p.name}" for p in (REPO / "rubrics").glob("*.yaml")}
    assert shipped_rubrics and shipped_rubrics <= names
    assert {
        "devocheck/schemas/locality.v1.schema.json",
        "devocheck/py.typed",
        "devocheck/cli/__init__.py",
        "devocheck/rubrics/cases/ifg-2015.cases.yaml",
    } <= names


def test_console_script_and_module_run_from_another_directory(tmp_path: Path) -> None:
    for command in (["devocheck"], [sys.executable, "-m", "devocheck"]):
        exe = [str(Path(sys.executable).parent / command[0])] if command == ["devocheck"] else command
        result = subprocess.run(
            [*exe, "validate", str(EXAMPLES)], cwd=tmp_path, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
        version = subprocess.run([*exe, "--version"], capture_output=True, text=True, check=False)
        assert version.stdout.startswith("devocheck ")
