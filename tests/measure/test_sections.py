"""Section metrics on small localities: the values and the notes the facts lines are made of."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from devocheck.measure import compute_metrics
from devocheck.measure.base import stated

DAY = date(2026, 11, 1)
LOCALITY = {"id": "t", "name": "T", "constituents": [{"code": "E08000001", "name": "A"}]}


def metric(name: str, **sections: Any) -> tuple[Any, str]:
    value = compute_metrics({"schema_version": 1, "locality": LOCALITY, **sections}, DAY)[name]
    return value.value, value.note


@pytest.mark.parametrize(
    ("value", "is_stated"),
    [
        ("Fewer crises", True),
        ("TBC", False),
        (" tbc. ", False),
        ("To be confirmed", False),
        ("n/a", False),
        ("", False),
        ("   ", False),
        (None, False),
        (0, True),
        (False, True),
        ("None of the above", True),
    ],
)
def test_placeholder_text_is_not_stated(value: Any, is_stated: bool) -> None:
    assert stated(value) is is_stated


def test_unknown_core_footprints_are_named_in_the_note() -> None:
    partners = [
        {"id": "icb", "sector": "health", "core": True, "covers": ["E08000001"]},
        {"id": "police", "sector": "police", "core": True},
        {"id": "fire", "sector": "fire", "core": True, "covers": []},
        {"id": "ca", "sector": "local_government", "core": True},
        {"id": "jcp", "sector": "employment"},
    ]
    value, note = metric("partners.core_footprint_unknown_count", partners=partners)
    assert (value, note) == (2, "1 core footprint stated (1 coterminous); footprint not stated: police, fire")


def test_with_no_core_partner_every_core_rule_is_false_and_says_why() -> None:
    partners = [{"id": "ca", "sector": "local_government"}]
    goals = {"outcomes": [{"id": "o", "statement": "s", "partners": ["ca"]}]}
    assert metric("goals.every_core_partner_signed", partners=partners, goals=goals) == (
        False,
        "no core partner is declared",
    )
    assert metric("partners.core_count", partners=partners) == (0, "no core partner is declared")


def test_only_agreements_of_two_partners_are_counted_in_force() -> None:
    agreements = [
        {"id": "a", "partners": ["x"], "signed": "2026-01-01"},
        {"id": "b", "partners": ["x", "y"], "signed": "2026-01-01"},
        {"id": "c", "partners": [], "signed": "2026-01-01"},
    ]
    data_sharing = {"agreements": agreements}
    assert metric("data_sharing.counted_agreement_count", data_sharing=data_sharing) == (
        1,
        "1 of 3 agreements name two or more partners",
    )
    assert metric("data_sharing.in_force_count", data_sharing=data_sharing)[0] == 1


def test_powers_that_do_not_move_and_zero_funding_count_for_nothing() -> None:
    powers = [
        {"id": "a", "domain": "health", "from": "central", "to": "central", "funded": True},
        {
            "id": "b",
            "domain": "skills",
            "from": "central",
            "to": "regional",
            "funded": True,
            "funding_gbp": 0,
        },
        {"id": "c", "domain": "skills", "from": "central", "to": "regional", "funded": True},
    ]
    assert metric("powers.count", powers=powers) == (2, "2 powers")
    assert metric("powers.service_reform_count", powers=powers)[0] == 0
    assert metric("powers.funded_share", powers=powers)[0] == 0.5


def test_linked_datasets_count_distinct_stated_names() -> None:
    data_sharing = {"linked_datasets": ["care records", "TBC", "", "care records"]}
    assert metric("data_sharing.linked_dataset_count", data_sharing=data_sharing) == (1, "1 linked dataset")
