"""``assess --output``: files are written whole or not at all, and unwritable targets are user errors."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from devocheck.cli.output import report_names, write_atomically
from devocheck.errors import OutputError
from devocheck.render import RenderOptions, renderer
from devocheck.score.report import FileResult
from tests.conftest import EXAMPLES, Runner

EXAMPLE = EXAMPLES / "north-shire.yaml"


def listing(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in directory.iterdir()}


def test_output_inside_a_regular_file_is_exit_2_and_touches_nothing(cli: Runner, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("keep me\n")
    before = listing(tmp_path)
    result = cli("assess", EXAMPLE, "--format", "json", "--output", blocker / "report.json")
    assert result.exit_code == 2, result.stderr
    assert "report.json" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert listing(tmp_path) == before


def test_a_renderer_failing_leaves_the_old_file_intact(
    cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    target.write_text("previous report\n")

    def broken(outcomes: Sequence[FileResult], options: RenderOptions) -> str:
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(renderer("markdown"), "render", broken)
    result = cli("assess", EXAMPLE, "--format", "markdown", "--output", target)
    assert result.exit_code == 3
    assert listing(tmp_path) == {"report.md": b"previous report\n"}


def test_a_write_failing_half_way_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("previous report\n")

    def chunks() -> Iterator[str]:
        yield "<!DOCTYPE html>\n<html>"
        raise RuntimeError("renderer bug after the first chunk")

    with pytest.raises(RuntimeError):
        write_atomically(target, chunks())
    assert listing(tmp_path) == {"report.html": b"previous report\n"}


def test_a_successful_write_replaces_the_file_whole(cli: Runner, tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text("previous report\n")
    result = cli("assess", EXAMPLE, "--format", "csv", "--output", target)
    assert result.exit_code == 0, result.stderr
    assert set(listing(tmp_path)) == {"report.csv"}
    assert target.read_text().startswith("file,id,name,score,band,")


def test_output_directory_gets_one_file_per_input_with_the_format_extension(
    cli: Runner, tmp_path: Path
) -> None:
    inputs = [EXAMPLES / "north-shire.yaml", EXAMPLES / "fenwold.yaml"]
    result = cli("assess", *inputs, "--format", "sarif", "--output", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert sorted(listing(tmp_path)) == ["fenwold.sarif", "north-shire.sarif"]


def test_write_atomically_into_a_missing_directory_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_atomically(tmp_path / "missing" / "report.json", ["{}"])
    assert list(tmp_path.iterdir()) == []


def test_a_trailing_slash_makes_a_directory_with_one_report_per_input(cli: Runner, tmp_path: Path) -> None:
    target = tmp_path / "reports"
    inputs = [EXAMPLES / "north-shire.yaml", EXAMPLES / "fenwold.yaml"]
    result = cli("assess", *inputs, "--format", "html", "--output", f"{target}/")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in target.iterdir()) == ["fenwold.html", "north-shire.html"]


def test_two_inputs_with_one_name_mirror_their_folders(cli: Runner, tmp_path: Path) -> None:
    for folder in ("x", "y/deeper"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "same.yaml").write_text(EXAMPLE.read_text())
    (tmp_path / "x" / "other.yaml").write_text(EXAMPLE.read_text())
    out = tmp_path / "out"
    out.mkdir()
    result = cli("assess", tmp_path / "x", tmp_path / "y", "--format", "json", "--output", out)
    assert result.exit_code == 0, result.stderr
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.json"))
    assert written == ["x/other.json", "x/same.json", "y/deeper/same.json"]
    for path in out.rglob("*.json"):
        (report,) = json.loads(path.read_text(encoding="utf-8"))["reports"]
        assert Path(report["input"]).stem == path.stem
    # three files, one locality id: the clash is said, not passed over in silence
    assert result.stderr.count("is also the id in") == 2


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        (["a/x.yaml", "b/y.yaml"], ["x.json", "y.json"]),
        (["a/x.yaml", "b/x.yaml"], ["a/x.json", "b/x.json"]),
        (["a/x.yaml", "a/x.yml"], ["x.yaml.json", "x.yml.json"]),
        (["/abs/p/x.yaml", "/abs/q/r/x.yaml"], ["p/x.json", "q/r/x.json"]),
    ],
)
def test_report_names_never_clash_nor_climb(inputs: list[str], expected: list[str]) -> None:
    names = report_names(inputs, ".json")
    assert [str(names[i]) for i in inputs] == expected
    assert all(".." not in name.parts for name in names.values())


def test_new_files_get_ordinary_permissions_and_old_ones_keep_theirs(cli: Runner, tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.json"
        assert cli("assess", EXAMPLE, "-f", "json", "-o", fresh).exit_code == 0
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.json"
        kept.write_text("{}")
        kept.chmod(0o600)
        assert cli("assess", EXAMPLE, "-f", "json", "-o", kept).exit_code == 0
        assert kept.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(umask)
