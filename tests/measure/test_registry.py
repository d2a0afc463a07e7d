"""The measure registry: every section module is listed, its metrics carry its name, none twice."""

from __future__ import annotations

import pkgutil
from datetime import date

from hypothesis import assume, given, reject, settings

import devocheck.measure as measure
from devocheck.errors import InputError
from devocheck.load.loader import parse
from devocheck.measure import KINDS, METRICS, SECTIONS, compute_metrics
from devocheck.validate.locality import validate_document
from tests.test_fuzz import retyped_example


def test_every_section_module_is_in_the_registry() -> None:
    modules = {info.name for info in pkgutil.iter_modules(measure.__path__)} - {"base"}
    assert {module.__name__.rsplit(".", 1)[1] for module in SECTIONS} == modules


def test_a_modules_metrics_are_named_after_its_section() -> None:
    for module in SECTIONS:
        section = module.__name__.rsplit(".", 1)[1]
        assert module.METRICS, section
        assert {entry.name.split(".", 1)[0] for entry in module.METRICS} == {section}


def test_the_registry_holds_every_metric_once_in_section_order() -> None:
    listed = [entry.name for module in SECTIONS for entry in module.METRICS]
    assert list(METRICS) == listed
    assert len(set(listed)) == len(listed)


def test_every_metric_says_what_it_reads() -> None:
    for entry in METRICS.values():
        assert entry.description and entry.description[0].isupper(), entry.name
        assert entry.sections and all(entry.sections), entry.name


def test_every_metric_declares_one_of_the_documented_kinds() -> None:
    for entry in METRICS.values():
        assert entry.kind in KINDS, entry.name


@settings(max_examples=60, deadline=None)
@given(text=retyped_example())
def test_every_measured_value_fits_its_metrics_kind(text: str) -> None:
    """On every example with one value retyped or removed that still validates (only those are
    measured), each value is one its metric's kind takes."""
    try:
        document = parse(text, "f.json")
    except InputError:  # text the loader refuses never reaches measure
        reject()
    assume(validate_document(document).ok)
    data = document.data
    for name, value in compute_metrics(data, date(2026, 11, 1)).items():
        metric = METRICS[name]
        if value.value is None:
            assert metric.unknown, f"{name} is None but not declared as possibly unknown"
        else:
            assert metric.kind.fits(value.value), (name, value.value)
