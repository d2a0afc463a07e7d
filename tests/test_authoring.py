"""From an empty folder to a first report: init, explain, help text and shell completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devocheck.load.loader import parse
from devocheck.measure import METRICS
from devocheck.rubric.model import load_rubric
from devocheck.schemas import load_schema
from devocheck.starter import SCHEMA_FILE, Starter, kinds, slug, starter_text
from devocheck.validate.locality import validate_document
from tests.conftest import Runner, schema_properties

RUBRIC = load_rubric("ifg-2015")


def test_init_validate_assess_from_an_empty_folder(
    cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    made = cli("init", "--name", "Tees Valley", "--kind", "combined_authority", "-c", "E06000001,E06000002")
    assert made.exit_code == 0, made.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locality.v1.schema.json", "locality.yaml"]
    # the modeline names a file that is there, and is the schema devocheck validates with
    modeline = (tmp_path / "locality.yaml").read_text(encoding="utf-8").splitlines()[0]
    named = tmp_path / modeline.split("$schema=", 1)[1]
    assert json.loads(named.read_text(encoding="utf-8")) == load_schema("locality")
    assert cli("validate", "locality.yaml").exit_code == 0

    first = cli("assess", "locality.yaml", "--format", "json", "--date", "2026-11-01")
    assert first.exit_code == 0, first.stderr
    (report,) = json.loads(first.stdout)["reports"]
    assert (report["locality"]["id"], report["score"]) == ("tees-valley", 0.0)

    # one edit, as the comments invite: an evaluation is now planned
    path = tmp_path / "locality.yaml"
    path.write_text(path.read_text().replace("evaluation_plan: false", "evaluation_plan: true"))
    (second,) = json.loads(cli("assess", "locality.yaml", "--format", "json", "--date", "2026-11-01").stdout)[
        "reports"
    ]
    assert second["score"] > 0


def _parsed(text: str) -> Any:
    return parse(text, "locality.yaml")


@pytest.mark.parametrize("kind", [*kinds(), None])
def test_starter_validates_as_written_for_every_kind(kind: str | None) -> None:
    text = starter_text(Starter("Place", "place", kind, ("W06000001",)))
    document = _parsed(text)
    assert validate_document(document, [c.id for c in RUBRIC.criteria]).diagnostics == ()
    assert document.data["locality"].get("kind") == kind
    assert document.data["locality"]["nation"] == "wales"


def test_init_writes_every_kind_through_the_cli(cli: Runner, tmp_path: Path) -> None:
    for kind in kinds():
        target = tmp_path / f"{kind}.yaml"
        assert cli("init", target, "--kind", kind).exit_code == 0
        assert cli("validate", target).exit_code == 0, kind
        assert f"kind: {kind}\n" in target.read_text()


def test_starter_has_the_modeline_every_section_and_shows_every_field() -> None:
    text = starter_text(Starter("Place", "place"))
    assert text.startswith(f"# yaml-language-server: $schema=./{SCHEMA_FILE}\n")
    schema = load_schema("locality")
    assert set(schema["properties"]) - {"assessment_date"} <= set(_parsed(text).data)
    missing = {name for name in schema_properties(schema) if f"{name}:" not in text}
    assert missing == set()


def test_starter_quotes_any_name() -> None:
    name = 'Bob\'s "Place": #1 \\ é'
    data = _parsed(starter_text(Starter(name, slug(name)))).data
    assert data["locality"] == {"id": "bob-s-place-1-e", "name": name}
    assert slug("Ynys Môn") == "ynys-mon"
    assert slug("  ---  ") == "my-locality"
    assert len(slug("x" * 100)) == 63


def test_init_refuses_to_overwrite_unless_forced(cli: Runner, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("precious: true\n")
    refused = cli("init", target)
    assert refused.exit_code == 2
    assert target.read_text() == "precious: true\n"
    assert refused.stderr.count("\n") == 1 and "already exists" in refused.stderr
    forced = cli("init", target, "--force", "--name", "Mine")
    assert forced.exit_code == 0
    assert 'name: "Mine"' in target.read_text()
    # no temporary file left; the schema the modeline names is written beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locality.v1.schema.json", "mine.yaml"]


def test_init_into_a_directory_and_bad_options(cli: Runner, tmp_path: Path) -> None:
    assert cli("init", tmp_path).exit_code == 0
    assert (tmp_path / "locality.yaml").is_file()
    bad_code = cli("init", tmp_path / "x.yaml", "-c", "E0800001,E08000002")
    assert bad_code.exit_code == 2 and "E0800001" in bad_code.stderr
    bad_kind = cli("init", tmp_path / "y.yaml", "--kind", "parish")
    assert bad_kind.exit_code == 2 and "mayoral_combined_authority" in bad_kind.stderr
    assert not (tmp_path / "x.yaml").exists() and not (tmp_path / "y.yaml").exists()


@pytest.mark.parametrize("criterion", RUBRIC.criteria, ids=lambda c: c.id)
def test_every_criterion_has_an_explain_page(cli: Runner, criterion: Any) -> None:
    result = cli("explain", criterion.id)
    assert result.exit_code == 0
    page = " ".join(result.stdout.split())
    assert page.startswith(f"{criterion.id}: {criterion.title}")
    assert f"theme: {criterion.theme}" in page
    assert f"weight: {criterion.weight:g}" in page
    assert ("gate: yes" if criterion.gate else "gate: no") in page
    for level in criterion.levels:
        assert f"{level.number} {' '.join(level.description.split())}" in page
    for text in (criterion.rationale, criterion.remediation, criterion.cites or ""):
        assert " ".join(text.split()) in page
    for name in criterion.metrics:
        assert f"{name}: {METRICS[name].description}" in page


def test_explain_alone_lists_every_criterion(cli: Runner) -> None:
    result = cli("explain")
    assert result.exit_code == 0
    for criterion in RUBRIC.criteria:
        assert criterion.id in result.stdout


def test_explain_unknown_criterion_suggests(cli: Runner) -> None:
    result = cli("explain", "data-sharing.agreement")
    assert result.exit_code == 2
    assert "did you mean 'data-sharing.agreements'" in result.stderr
    assert cli("explain", "zzzz").exit_code == 2


def _commands() -> list[tuple[str, ...]]:
    """Every command and sub-command registered on the app, read from the app itself."""
    import typer.main

    from devocheck.cli import app

    def walk(group: Any, prefix: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        for name, command in getattr(group, "commands", {}).items():
            yield (*prefix, name)
            yield from walk(command, (*prefix, name))

    return list(walk(typer.main.get_command(app), ()))


def test_the_authoring_commands_are_registered() -> None:
    assert {("init",), ("explain",), ("rubric", "test"), ("schema",), ("assess",)} <= set(_commands())


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_command_has_help_with_an_example(cli: Runner, command: tuple[str, ...]) -> None:
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert f"Example: devocheck {' '.join(command)}" in " ".join(result.stdout.split())


def test_help_lists_the_schemas_together(cli: Runner) -> None:
    result = cli("--help")
    schema_line = next(line for line in result.stdout.splitlines() if " schema " in line)
    assert "locality, rubric or report" in schema_line


def test_shell_completion_completes_criteria_kinds_and_rubrics() -> None:
    exe = Path(sys.executable).parent / "devocheck"

    def complete(words: str) -> list[str]:
        env = {**os.environ, "_DEVOCHECK_COMPLETE": "complete_bash", "COMP_WORDS": words}
        env["COMP_CWORD"] = str(len(words.split()) - (0 if words.endswith(" ") else 1))
        done = subprocess.run([exe], env=env, capture_output=True, text=True, check=False)
        return done.stdout.split()

    assert complete("devocheck explain data-sharing.") == ["data-sharing.agreements", "data-sharing.linkage"]
    assert complete("devocheck init --kind mayor") == ["mayoral_combined_authority"]
    assert complete("devocheck rubric test ifg") == ["ifg-2015"]
    assert "rubric" in complete("devocheck ")
