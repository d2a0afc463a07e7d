"""The library facade: a file that cannot be assessed is data all the way (``NotAssessed``)."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest

from devocheck.errors import InputError
from devocheck.model import Diagnostic, Position
from devocheck.pipeline import assess, outcome
from devocheck.rubric.catalog import builtin_rubric_dir
from devocheck.rubric.model import Rubric
from devocheck.score.codec import result_to_dict
from devocheck.score.report import NotAssessed
from tests.conftest import EXAMPLES, REPO, Runner

INVALID = REPO / "tests" / "golden" / "inputs" / "invalid.yaml"
DAY = date(2026, 11, 1)


def test_a_file_that_loads_but_does_not_validate_keeps_its_document_and_every_diagnostic() -> None:
    result = outcome(INVALID, today=DAY)
    assert isinstance(result, NotAssessed)
    assert result.input == str(INVALID)
    assert result.document is not None and result.document.source.name == str(INVALID)
    assert result.errors and result.errors == result.diagnostics
    assert all(d.file == str(INVALID) for d in result.diagnostics)


def test_assess_raises_the_same_errors_outcome_returns() -> None:
    result = outcome(INVALID, today=DAY)
    assert isinstance(result, NotAssessed)
    with pytest.raises(InputError) as raised:
        assess(INVALID, today=DAY)
    assert raised.value.diagnostics == result.errors


def test_an_unreadable_file_is_not_assessed_without_a_document(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("a: [1,\n", encoding="utf-8")
    result = outcome(broken, today=DAY)
    assert isinstance(result, NotAssessed) and result.document is None
    assert [d.position.line for d in result.diagnostics] and result.errors


def test_warnings_beside_errors_are_kept_and_written() -> None:
    """``errors`` are what stopped the file; the JSON report still lists every diagnostic."""
    error = Diagnostic("f.yaml", Position(2, 1), "schema.required", "needs 'locality'")
    warning = Diagnostic("f.yaml", Position(5, 3), "waiver.expired", "expired", severity="warning")
    result = NotAssessed("f.yaml", (error, warning))
    assert result.errors == (error,)
    written = result_to_dict(result)["diagnostics"]
    assert [d["severity"] for d in written] == ["error", "warning"]


def test_not_assessed_pickles_with_its_document() -> None:
    result = outcome(INVALID, today=DAY)
    assert isinstance(result, NotAssessed) and result.document is not None
    copy = pickle.loads(pickle.dumps(result))
    assert (copy.input, copy.diagnostics) == (result.input, result.diagnostics)
    assert copy.document is not None and copy.document.data == result.document.data


def test_assess_resolves_the_rubric_once_and_hands_the_file_on(
    cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file is scored with the rubric file the run resolved, never by re-reading the user's name."""
    import devocheck.pipeline

    given: list[object] = []
    real = devocheck.pipeline.load_rubric

    def recording(ref: str | Path) -> Rubric:
        given.append(ref)
        return real(ref)

    monkeypatch.setattr(devocheck.pipeline, "load_rubric", recording)
    files = [EXAMPLES / "north-shire.yaml", EXAMPLES / "fenwold.yaml"]
    run = cli("assess", *files, "--rubric", "ifg-2015", "--jobs", "1", "--format", "json")
    assert run.exit_code == 0, run.stderr
    assert given == [(builtin_rubric_dir() / "ifg-2015.yaml").resolve()] * len(files)
