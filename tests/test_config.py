"""Configuration files: where they are found, what they may say, and that flags win over them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from devocheck.cli.assess_cmd import CONFIG_KEYS
from devocheck.config import find_config, load_config
from devocheck.errors import ConfigError
from tests.conftest import EXAMPLES, Runner

NORTH = EXAMPLES / "north-shire.yaml"  # scores 72.9, band maturing
FENWOLD = EXAMPLES / "fenwold.yaml"  # a gate at level 0


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def found(start: Path) -> Path | None:
    """``find_config``'s answer as an absolute path (it names files relative to ``start``)."""
    result = find_config(start)
    return None if result is None else (start / result).resolve()


def test_pyproject_with_a_devocheck_table_is_found(tmp_path: Path) -> None:
    pyproject = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.devocheck]\njobs = 2\n')
    assert found(tmp_path) == pyproject
    assert load_config(pyproject, CONFIG_KEYS).get("jobs") is not None


def test_devocheck_toml_beats_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.devocheck]\njobs = 2\n")
    own = write(tmp_path / "devocheck.toml", "jobs = 3\n")
    assert found(tmp_path) == own


def test_the_walk_goes_up_past_a_pyproject_without_a_devocheck_table(tmp_path: Path) -> None:
    own = write(tmp_path / "devocheck.toml", "fail-under = 50\n")
    deep = tmp_path / "region" / "north"
    write(
        deep / "pyproject.toml",
        "[tool.ruff]\nline-length = 100\n# [tool.devocheck] in a comment is no table\n",
    )
    assert found(deep) == own


def test_the_nearest_file_wins(tmp_path: Path) -> None:
    write(tmp_path / "devocheck.toml", "fail-under = 50\n")
    near = write(tmp_path / "region" / "pyproject.toml", "[tool.devocheck]\nfail-under = 60\n")
    assert found(tmp_path / "region") == near


def test_none_found(tmp_path: Path) -> None:
    assert find_config(tmp_path) is None


def test_values_are_typed_and_paths_taken_from_the_files_directory(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path / "ci" / "devocheck.toml",
            'date = 2026-01-31\nbaseline = "reports/base.json"\nrubric = "ifg-2015"\nmax-file-size = "2M"\n',
        ),
        CONFIG_KEYS,
    )
    assert config.settings["date"].value == date(2026, 1, 31)
    assert config.settings["baseline"].value == str(tmp_path / "ci" / "reports" / "base.json")
    assert config.settings["rubric"].value == "ifg-2015"  # a built-in id, not a path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jobs = 2\nfail-undr = 60\n", ":2:1: unknown key 'fail-undr'; did you mean 'fail-under'?"),
        ("\n  fail-on-gate = 'yes'\n", ":2:3: fail-on-gate must be true or false, not a string"),
        ("fail-under = 120\n", ":1:1: fail-under must be at most 100, not 120"),
        ("jobs = true\n", ":1:1: jobs must be a whole number, not a boolean"),
        ("jobs = 2\n[assess]\nfail-under = 1\n", ":1:1: unknown key 'assess'"),
        ("jobs = 2\nfail-under = = 1\n", ":2:14: not valid TOML: Invalid value"),
        ("jobs = [2\n", ":1:10: not valid TOML: Unclosed array"),
    ],
)
def test_problems_are_positioned_errors(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path / "devocheck.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, CONFIG_KEYS)
    assert f"{path}{expected}" in str(caught.value)


def test_keys_are_located_inside_the_devocheck_table_of_a_pyproject(tmp_path: Path) -> None:
    text = '[project]\nname = "x"\nversion = "1"\n\n[tool.devocheck]\nfail-under = 60\n"version" = 2\n'
    path = write(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError, match=r"pyproject.toml:7:1: unknown key 'version'"):
        load_config(path, CONFIG_KEYS)


# --- through the command line ------------------------------------------------------------


def test_config_is_applied_and_a_flag_beats_it(
    cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pyproject.toml", '[tool.devocheck]\nfail-under = 80\nformat = "csv"\n')
    monkeypatch.chdir(tmp_path)
    configured = cli("assess", NORTH)
    assert configured.exit_code == 1
    assert configured.stdout.startswith("file,id,name,score")
    assert "score 72.9 is under 80" in configured.stderr
    overridden = cli("assess", NORTH, "--fail-under", "70", "--format", "json")
    assert overridden.exit_code == 0, overridden.stderr
    assert overridden.stdout.startswith("{")


def test_a_boolean_in_config_sets_a_flag(
    cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "devocheck.toml", 'fail-on-gate = true\nformat = "csv"\n')
    monkeypatch.chdir(tmp_path / "")
    assert cli("assess", FENWOLD).exit_code == 1


def test_config_is_found_from_a_subdirectory(
    cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "devocheck.toml", 'min-band = "ready"\nformat = "csv"\n')
    (tmp_path / "places").mkdir()
    monkeypatch.chdir(tmp_path / "places")
    result = cli("assess", NORTH)
    assert result.exit_code == 1
    assert "band maturing is below ready" in result.stderr


def test_config_option_names_a_file(cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "devocheck.toml", "fail-under = 10\n")  # would pass; --config names a stricter one
    strict = write(tmp_path / "ci" / "strict.toml", 'fail-under = 90\nformat = "csv"\n')
    monkeypatch.chdir(tmp_path)
    assert cli("assess", NORTH, "--format", "csv").exit_code == 0
    assert cli("assess", NORTH, "--config", strict).exit_code == 1


def test_unknown_key_stops_the_run_with_exit_2(
    cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pyproject.toml", "[tool.devocheck]\n\nfail_under = 60\n")
    monkeypatch.chdir(tmp_path)
    result = cli("assess", NORTH)
    assert result.exit_code == 2
    assert result.stderr == "pyproject.toml:3:1: unknown key 'fail_under'; did you mean 'fail-under'?\n"
    assert not result.stdout


def test_a_configured_value_the_cli_rejects_points_at_the_key(
    cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "devocheck.toml", 'jobs = 2\nmin-band = "superb"\nformat = "pdf"\n')
    monkeypatch.chdir(tmp_path)
    assert cli("assess", NORTH).stderr.startswith("devocheck.toml:3:1: format: unknown format 'pdf'")
    write(tmp_path / "devocheck.toml", 'jobs = 2\nmin-band = "superb"\n')
    result = cli("assess", NORTH)
    assert result.exit_code == 2
    assert result.stderr.startswith("devocheck.toml:2:1: min-band: unknown band 'superb'")


def test_config_option_reads_the_devocheck_table_of_any_toml_file(
    cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--config`` names a file: a [tool.devocheck] table counts whatever the file is called."""
    settings = write(
        tmp_path / "ci" / "settings.toml", '[project]\nname = "x"\n\n[tool.devocheck]\nfail-under = 90\n'
    )
    monkeypatch.chdir(tmp_path)
    result = cli("assess", NORTH, "--format", "csv", "--config", settings)
    assert result.exit_code == 1, result.stderr
    assert "score 72.9 is under 90" in result.stderr
    top_level = write(tmp_path / "ci" / "plain.toml", "fail-under = 90\n")
    assert cli("assess", NORTH, "--format", "csv", "--config", top_level).exit_code == 1
