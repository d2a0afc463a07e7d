"""The measure registry: every section module is listed, its metrics carry its name, none twice."""

from __future__ import annotations

import pkgutil

import devocheck.measure as measure
from devocheck.measure import METRICS, SECTIONS


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
