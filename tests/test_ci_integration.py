"""CI integration as users meet it: GitHub annotations, the pre-commit hooks and the composite action.

The hooks and the action's assess step are run for real (subprocess, the installed
``devocheck`` console script), not just parsed.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from devocheck.model import Position
from devocheck.render.github import command, escape_data, escape_property
from tests.conftest import EXAMPLES, REPO, Runner

NORTH = EXAMPLES / "north-shire.yaml"
MARROWDALE = EXAMPLES / "marrowdale.yaml"
FENWOLD = EXAMPLES / "fenwold.yaml"  # gate data-sharing.agreements at level 0
INVALID = REPO / "tests" / "golden" / "inputs" / "invalid.yaml"
BIN = Path(sys.executable).parent


def environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra}


# --- --format github ----------------------------------------------------------------------


def test_escaping_follows_the_runner_rules() -> None:
    assert escape_data("50% done\nnext") == "50%25 done%0Anext"
    assert escape_data("a\r\nb\x1b[31m") == "a%0Ab"  # control sequences (CR too) are dropped first
    assert escape_property("a,b: c%\n") == "a%2Cb%3A c%25%0A"
    line = command("error", "dir,x/a:b.yaml", Position(3, 7), "t: 1, 2", "bad: 100%\nreally")
    assert line == "::error file=dir%2Cx/a%3Ab.yaml,line=3,col=7,title=t%3A 1%2C 2::bad: 100%25%0Areally\n"


def test_annotations_for_problems_gates_and_weak_criteria(cli: Runner) -> None:
    """Files are named as the report names them: relative to where the command ran (as GitHub wants)."""
    result = cli("assess", FENWOLD, INVALID, "--format", "github")
    lines = [line for line in result.stdout.splitlines() if line.startswith("::") and "group::" not in line]
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    invalid = INVALID.relative_to(REPO)  # named from the repository root
    assert any(
        line.startswith(f"::error file={invalid},line=6,col=7,title=devocheck schema.pattern::locality.id")
        for line in result.stdout.splitlines()
    )
    # a failed gate is a warning: without --fail-on-gate it fails nothing
    gate = [line for line in result.stdout.splitlines() if "(gate failed" in line]
    assert len(gate) == 1 and gate[0].startswith(("::warning ", "warning: ")), gate
    assert "::error" not in result.stdout.replace(f"::error file={invalid}", "")
    fenwold = FENWOLD.relative_to(REPO)
    assert any(line.startswith(f"::notice file={fenwold},title=devocheck ifg-2015::") for line in lines)


# --- pre-commit ---------------------------------------------------------------------------


def hooks() -> dict[str, dict[str, Any]]:
    manifest = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in manifest}


def run_hook(hook: dict[str, Any], *files: Path) -> subprocess.CompletedProcess[str]:
    command_line = [*shlex.split(hook["entry"]), *hook.get("args", []), *map(str, files)]
    return subprocess.run(
        command_line, capture_output=True, text=True, env=environment(), cwd=REPO, check=False, timeout=120
    )


#: Paths the hooks' convention takes (locality files) and leaves (other YAML of a repository).
LOCALITY_PATHS = [
    "localities/north.yaml",
    "area/localities/sub/a.yml",
    "north.locality.yaml",
    "locality.yaml",
]
OTHER_PATHS = [
    ".pre-commit-config.yaml",
    ".github/workflows/ci.yml",
    "places/north.yaml",
    "localities.yaml",
    "docker-compose.yml",
    "localities/report.json",
]


def test_manifest_declares_both_hooks_for_locality_files_only() -> None:
    found = hooks()
    assert set(found) == {"devocheck-validate", "devocheck-assess"}
    for hook in found.values():
        assert hook["language"] == "python"
        pattern = re.compile(hook["files"])
        assert [p for p in LOCALITY_PATHS if pattern.search(p)] == LOCALITY_PATHS
        assert [p for p in OTHER_PATHS if pattern.search(p)] == []
    # assess aggregates its output (one CSV table, or --output FILE): one process, not batches
    assert found["devocheck-assess"]["require_serial"] is True


def test_the_action_uses_the_hooks_convention() -> None:
    step = next(step for step in action()["runs"]["steps"] if step.get("id") == "assess")
    (convention,) = re.findall(r"convention='([^']+)'", step["run"])
    assert {hook["files"] for hook in hooks().values()} == {convention}


@pytest.mark.parametrize("hook_id", ["devocheck-validate", "devocheck-assess"])
def test_each_hook_passes_two_good_files(hook_id: str) -> None:
    result = run_hook(hooks()[hook_id], NORTH, MARROWDALE)
    assert result.returncode == 0, result.stderr


def test_the_validate_hook_fails_on_a_bad_file() -> None:
    result = run_hook(hooks()["devocheck-validate"], NORTH, INVALID)
    assert result.returncode == 2
    assert "invalid.yaml:6:7:" in result.stdout


def test_the_assess_hook_fails_on_a_failed_gate() -> None:
    result = run_hook(hooks()["devocheck-assess"], NORTH, FENWOLD)
    assert result.returncode == 1
    assert "fenwold.yaml: below threshold: gate at level 0: data-sharing.agreements" in result.stderr


# --- the composite action ----------------------------------------------------------------


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    return loaded


def test_action_names_only_inputs_it_uses() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    declared = set(spec["inputs"])
    used = set(re.findall(r"inputs\.([A-Za-z0-9_-]+)", json.dumps(spec["runs"])))
    used |= set(re.findall(r"inputs\.([A-Za-z0-9_-]+)", json.dumps(spec.get("outputs", {}))))
    assert declared == used


def test_action_installs_itself_and_uploads_sarif_when_asked() -> None:
    steps = action()["runs"]["steps"]
    install = next(step for step in steps if step.get("name") == "Install devocheck")
    assert "github.action_path" in json.dumps(install)
    upload = next(
        step for step in steps if str(step.get("uses", "")).startswith("github/codeql-action/upload-sarif")
    )
    assert "inputs.sarif == 'true'" in upload["if"]


def run_assess_step(tmp_path: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], str]:
    """The action's assess step as the runner runs it: bash -eo pipefail, inputs through env."""
    spec = action()
    step = next(step for step in spec["runs"]["steps"] if step.get("id") == "assess")
    values = {name: str(field.get("default", "")) for name, field in spec["inputs"].items()} | inputs
    env = {}
    for variable, expression in step["env"].items():
        name = re.fullmatch(r"\$\{\{ inputs\.([A-Za-z0-9_-]+) \}\}", expression)
        assert name, expression
        env[variable] = values[name.group(1)]
    script = tmp_path / "step.sh"
    script.write_text(step["run"], encoding="utf-8")
    output = tmp_path / "github_output"
    output.touch()
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment(GITHUB_OUTPUT=str(output), **env),
        check=False,
        timeout=120,
    )
    return result, output.read_text(encoding="utf-8")


def test_action_step_passes_and_reports_exit_code_0(tmp_path: Path) -> None:
    result, outputs = run_assess_step(tmp_path, paths=f"{NORTH}\n{MARROWDALE}", **{"min-band": "maturing"})
    assert result.returncode == 0, result.stderr
    assert outputs == "exit-code=0\n"
    assert f"::notice file={NORTH}" in result.stdout


def test_action_step_fails_on_a_gate_and_writes_sarif(tmp_path: Path) -> None:
    result, outputs = run_assess_step(
        tmp_path, paths=f"{NORTH}\n  {FENWOLD}  \n", **{"fail-on-gate": "true", "sarif": "true"}
    )
    assert result.returncode == 1
    assert outputs == "exit-code=1\n"
    assert "::error file=" in result.stdout
    sarif = json.loads((tmp_path / "devocheck.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
