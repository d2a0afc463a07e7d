"""The README shows real output: its terminal report is what the command prints today."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO, Runner

COMMAND = "devocheck assess examples/north-shire.yaml --width 80"


def test_the_readme_report_is_the_real_output(cli: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # the report names the file as the command line does
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"`{COMMAND}`" in readme
    shown = re.search(r"```text\n(.*?)```\n", readme, re.DOTALL)
    assert shown is not None
    result = cli(*COMMAND.split()[1:])
    assert result.exit_code == 0
    assert shown.group(1) == result.stdout, f"README's report is stale: paste the output of `{COMMAND}`"


def test_the_readme_gives_the_two_commands_that_ci_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "python3 dev.py setup" in readme and "python3 dev.py test" in readme
    assert "python3 dev.py test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


MISTAKES = "devocheck validate docs/pasted-from-word.yaml"


def test_the_readme_error_messages_are_the_real_output(cli: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"`{MISTAKES}`" in readme
    shown = re.search(r"`" + re.escape(MISTAKES) + r"` prints:\n\n```text\n(.*?)```\n", readme, re.DOTALL)
    assert shown is not None
    result = cli(*MISTAKES.split()[1:])
    assert result.exit_code == 2
    assert shown.group(1) == result.stdout + result.stderr, f"README's messages are stale: paste `{MISTAKES}`"
