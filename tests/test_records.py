"""Records cross process boundaries in batches: they must pickle to equal copies."""

from __future__ import annotations

import pickle
from datetime import date

from devocheck.model import Diagnostic, Position, Record, ValidationResult
from devocheck.pipeline import outcome
from tests.conftest import EXAMPLES


def test_a_report_pickles_to_an_equal_report() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        report = outcome(path, today=date(2026, 11, 1))
        copy = pickle.loads(pickle.dumps(report))
        assert copy == report
        assert type(copy) is type(report)


def test_a_validation_result_pickles_to_an_equal_one() -> None:
    result = ValidationResult("f.yaml", (Diagnostic("f.yaml", Position(2, 3), "x.y", "message", ("a", 0)),))
    assert pickle.loads(pickle.dumps(result)) == result


def test_records_pickle_compactly_as_their_field_values() -> None:
    assert Position(4, 5).__reduce__() == (Position, (4, 5))
    assert isinstance(Position(1, 1), Record)
