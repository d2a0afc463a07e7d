"""The built-in rubric strategic-authority-2026: every tier requirement's boundary, the two worked
examples of its spec page, and the property that leaving a fact out never helps. (Every level of
every criterion is pinned in its cases file, rubrics/cases/strategic-authority-2026.cases.yaml.)

Each row is a locality just at, or just below, a level (or a requirement's holding), built from
a small mayoral combined authority of two constituents on a month-end date, so that
D - 18 months is a clamped day (2026-08-31 - 18 months = 2025-02-28).
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devocheck.load.positions import NoPositions
from devocheck.measure.governance import months_before
from devocheck.model import Document, LoaderKind, Source
from devocheck.rubric.model import load_rubric
from devocheck.score.report import NotApplicable, Report
from devocheck.score.scoring import evaluate

RUBRIC = load_rubric("strategic-authority-2026")
DAY = date(2026, 8, 31)
A, B, OUT = "E08000001", "E08000002", "E08000009"


def locality(**fields: Any) -> dict[str, Any]:
    """A mayoral combined authority of two councils; ``fields`` replace or add keys (None removes)."""
    place: dict[str, Any] = {
        "id": "t",
        "name": "T",
        "kind": "mayoral_combined_authority",
        "constituents": [{"code": A, "name": "A"}, {"code": B, "name": "B"}],
        **fields,
    }
    return {key: value for key, value in place.items() if value is not None}


def document(data: dict[str, Any]) -> Document:
    data = {"schema_version": 1, "locality": locality(), **data}
    return Document(Source("<test>", "0" * 64, LoaderKind.PURE), data, NoPositions())


def report(data: dict[str, Any], on: date = DAY) -> Report:
    result = evaluate(document(data), RUBRIC, on)
    assert isinstance(result, Report)
    return result


def populations(*people: int | None) -> dict[str, Any]:
    rows = [
        {"code": f"E0800000{i + 1}", "name": str(i), **({} if n is None else {"population": n})}
        for i, n in enumerate(people)
    ]
    return {"locality": locality(constituents=rows)}


def partner(id: str, sector: str, covers: list[str] | None = None) -> dict[str, Any]:
    return {"id": id, "name": id, "sector": sector, **({} if covers is None else {"covers": covers})}


BOTH = [A, B]


def services(*rows: dict[str, Any]) -> dict[str, Any]:
    return {"partners": list(rows)}


GOOD = {
    "mayor_since": "2021-05-10",
    "assurance_framework_published": "2024-03-01",
    "material_accounting_concerns": False,
    "major_programmes_track_record": True,
}


def governance(**fields: Any) -> dict[str, Any]:
    return {"governance": fields}


def power(
    domain: str, to: str = "combined_authority", id: str | None = None, **fields: Any
) -> dict[str, Any]:
    return {"id": id or domain.replace("_", "-"), "domain": domain, "from": "central", "to": to, **fields}


def powers(*rows: dict[str, Any]) -> dict[str, Any]:
    return {"powers": list(rows)}


NO_EVIDENCE = "no-evidence"

# Every level of every criterion is pinned in rubrics/cases/strategic-authority-2026.cases.yaml
# (the one corpus of level cases, run and checked by tests/test_rubric_authoring.py).

REQUIREMENTS = (
    # (requirement, case, sections, status)
    ("authority-kind", "kind absent", {"locality": locality(kind=None)}, "not-stated"),
    (
        "authority-kind",
        "a metropolitan borough",
        {"locality": locality(kind="metropolitan_borough")},
        "unmet",
    ),
    ("authority-kind", "a county council", {"locality": locality(kind="county_council")}, "holds"),
    ("sound-shape", "kind absent", {"locality": locality(kind=None)}, "not-stated"),
    (
        "sound-shape",
        "a combined authority of one council",
        {"locality": locality(kind="combined_authority", constituents=[{"code": A, "name": "A"}])},
        "unmet",
    ),
    (
        "sound-shape",
        "a combined authority of two councils",
        {"locality": locality(kind="combined_authority")},
        "holds",
    ),
    ("sound-shape", "other kind", {"locality": locality(kind="other")}, "unmet"),
    ("contiguous", "neither stated", {}, "not-stated"),
    ("contiguous", "contiguous, enclosure unstated", {"locality": locality(contiguous=True)}, "not-stated"),
    ("contiguous", "not contiguous, enclosure unstated", {"locality": locality(contiguous=False)}, "unmet"),
    (
        "contiguous",
        "encloses, contiguity unstated",
        {"locality": locality(encloses_non_member=True)},
        "unmet",
    ),
    ("contiguous", "both good", {"locality": locality(contiguous=True, encloses_non_member=False)}, "holds"),
    ("population", "one population missing", populations(2_000_000, None), "not-stated"),
    ("population", "1,499,999", populations(1_000_000, 499_999), "unmet"),
    ("population", "1,500,000", populations(1_000_000, 500_000), "holds"),
    ("public-services", "no public-service partner", {}, "not-stated"),
    (
        "public-services",
        "a footprint unstated",
        services(partner("icb", "health", BOTH), partner("fire", "fire")),
        "not-stated",
    ),
    (
        "public-services",
        "split, and another unstated",
        services(partner("police", "police", [A, OUT]), partner("fire", "fire")),
        "unmet",
    ),
    ("public-services", "outside", services(partner("fire", "fire", [OUT])), "unmet"),
    ("public-services", "larger is not penalised", services(partner("icb", "health", [A, B, OUT])), "holds"),
    ("mayoral-kind", "kind absent", {"locality": locality(kind=None)}, "not-stated"),
    (
        "mayoral-kind",
        "a combined county authority",
        {"locality": locality(kind="combined_county_authority")},
        "unmet",
    ),
    (
        "mayoral-kind",
        "a mayoral combined county authority",
        {"locality": locality(kind="mayoral_combined_county_authority")},
        "holds",
    ),
    ("mayor-18-months", "governance absent", {}, "not-stated"),
    ("mayor-18-months", "no mayor_since", governance(), "unmet"),
    ("mayor-18-months", "one day short", governance(mayor_since="2025-03-01"), "unmet"),
    ("mayor-18-months", "to the day, clamped", governance(mayor_since="2025-02-28"), "holds"),
    ("mayor-18-months", "not yet in office", governance(mayor_since="2026-09-01"), "unmet"),
    ("assurance-framework", "governance absent", {}, "not-stated"),
    ("assurance-framework", "not stated inside governance", governance(), "not-stated"),
    (
        "assurance-framework",
        "published after D",
        governance(assurance_framework_published="2026-09-01"),
        "unmet",
    ),
    (
        "assurance-framework",
        "published on D",
        governance(assurance_framework_published="2026-08-31"),
        "holds",
    ),
    ("no-intervention", "governance absent", {}, "not-stated"),
    ("no-intervention", "interventions absent", governance(), "holds"),
    (
        "no-intervention",
        "exactly 18 months back",
        governance(interventions=[{"kind": "best_value_notice", "date": "2025-02-28"}]),
        "holds",
    ),
    (
        "no-intervention",
        "one day later",
        governance(interventions=[{"kind": "best_value_notice", "date": "2025-03-01"}]),
        "unmet",
    ),
    (
        "no-intervention",
        "on D",
        governance(interventions=[{"kind": "statutory_intervention", "date": "2026-08-31"}]),
        "unmet",
    ),
    (
        "no-intervention",
        "after D",
        governance(interventions=[{"kind": "statutory_intervention", "date": "2026-09-01"}]),
        "holds",
    ),
    ("accounts", "not stated", governance(), "not-stated"),
    ("accounts", "concerns", governance(material_accounting_concerns=True), "unmet"),
    ("accounts", "clean", governance(material_accounting_concerns=False), "holds"),
    ("track-record", "not stated", governance(), "not-stated"),
    ("track-record", "none", governance(major_programmes_track_record=False), "unmet"),
    ("track-record", "a record", governance(major_programmes_track_record=True), "holds"),
)


@pytest.mark.parametrize(
    ("requirement", "case", "sections", "status"), REQUIREMENTS, ids=[f"{r[0]}: {r[1]}" for r in REQUIREMENTS]
)
def test_requirement(requirement: str, case: str, sections: dict[str, Any], status: str) -> None:
    tier = report(sections).tier
    assert tier is not None
    result = next(r for r in tier.requirements if r.id == requirement)
    assert result.status == status, result.facts


def test_every_requirement_is_pinned_in_every_status_it_can_take() -> None:
    pinned = {(row[0], row[3]) for row in REQUIREMENTS}
    for requirement in RUBRIC.requirements:
        assert (requirement.id, "holds") in pinned
        assert (requirement.id, "not-stated") in pinned
        assert (requirement.id, "unmet") in pinned or requirement.id == "no-intervention"
    assert ("no-intervention", "unmet") in pinned


@pytest.mark.parametrize(
    ("on", "months", "expected"),
    [
        (date(2026, 8, 31), 18, date(2025, 2, 28)),
        (date(2026, 8, 30), 18, date(2025, 2, 28)),
        (date(2026, 8, 28), 18, date(2025, 2, 28)),
        (date(2026, 8, 27), 18, date(2025, 2, 27)),
        (date(2025, 8, 31), 18, date(2024, 2, 29)),
        (date(2026, 11, 1), 18, date(2025, 5, 1)),
        (date(2026, 6, 30), 18, date(2024, 12, 30)),
        (date(2027, 1, 31), 1, date(2026, 12, 31)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
    ],
)
def test_months_before_clamps_to_the_month_end(on: date, months: int, expected: date) -> None:
    assert months_before(on, months) == expected


# --- the worked examples of the spec page ---------------------------------------------------------

EXAMPLE = {
    "locality": locality(
        contiguous=True,
        encloses_non_member=False,
        constituents=[
            {"code": A, "name": "A", "population": 1_300_000},
            {"code": B, "name": "B", "population": 1_000_000},
        ],
    ),
    "partners": [partner("icb", "health", BOTH), partner("police", "police", [A, OUT])],
    "governance": {**GOOD, "interventions": []},
}


def test_worked_example_established_with_an_exception_for_police() -> None:
    tier = report(EXAMPLE, date(2026, 11, 1)).tier
    assert tier is not None
    assert (tier.reached, tier.next) == ("established", None)
    assert [(r.tier, r.id, r.basis, r.status) for r in tier.exceptions] == [
        ("foundation", "public-services", "guidance", "unmet")
    ]
    assert tier.needs == ()


def test_worked_example_without_governance_is_mayoral_with_five_not_stated() -> None:
    without = {key: value for key, value in EXAMPLE.items() if key != "governance"}
    tier = report(without, date(2026, 11, 1)).tier
    assert tier is not None
    assert (tier.reached, tier.next) == ("mayoral", "established")
    assert [(r.id, r.basis, r.status) for r in tier.needs] == [
        ("mayor-18-months", "policy", "not-stated"),
        ("assurance-framework", "policy", "not-stated"),
        ("no-intervention", "policy", "not-stated"),
        ("accounts", "policy", "not-stated"),
        ("track-record", "policy", "not-stated"),
    ]
    assert all(r.source.startswith("Integrated Settlement policy document") for r in tier.needs)


def test_the_greater_london_authority_is_established_by_definition_in_the_tier_only() -> None:
    result = report({"locality": locality(kind="greater_london_authority")})
    assert result.tier is not None and result.tier.reached == "established"
    assert {r.status for r in result.tier.requirements if r.tier == "established"} == {"holds"}
    assert next(r for r in result.criteria if r.criterion == "governance.assurance").status == NO_EVIDENCE


def test_a_place_outside_england_is_not_applicable_and_nation_absent_applies() -> None:
    scottish = evaluate(document({"locality": locality(nation="scotland")}), RUBRIC, DAY)
    assert isinstance(scottish, NotApplicable)
    assert scottish.line == "<test>: strategic-authority-2026 does not apply to T: " + scottish.reason
    assert report({"locality": locality(nation=None)}).applicable is True
    assert report({"locality": locality(nation="england")}).applicable is True


def test_no_tier_met_names_the_first_tier_as_next() -> None:
    tier = report({"locality": locality(kind="london_borough")}).tier
    assert tier is not None
    assert (tier.reached, tier.next, tier.met) == ("none", "foundation", ())
    assert [r.id for r in tier.blocking] == ["authority-kind", "sound-shape"]


# --- leaving a fact out never helps -------------------------------------------------------------

KINDS = [
    "mayoral_combined_authority",
    "combined_authority",
    "county_council",
    "greater_london_authority",
    "other",
]
maybe_bool = st.sampled_from([True, False])
day_in_range = st.dates(date(2023, 1, 1), date(2027, 1, 1)).map(date.isoformat)
covers = st.sampled_from([BOTH, [A], [A, B, OUT], [OUT]])


@st.composite
def localities(draw: st.DrawFn) -> dict[str, Any]:
    """A full locality: every fact whose absence means "unknown" is stated."""
    people = draw(st.lists(st.integers(0, 2_000_000), min_size=1, max_size=3))
    place = locality(
        kind=draw(st.sampled_from(KINDS)),
        contiguous=draw(maybe_bool),
        encloses_non_member=draw(maybe_bool),
        constituents=[
            {"code": f"E0800000{i + 1}", "name": str(i), "population": n} for i, n in enumerate(people)
        ],
    )
    codes = [row["code"] for row in place["constituents"]]
    sectors = draw(st.lists(st.sampled_from(["health", "police", "fire"]), max_size=4))
    partners = [
        partner(f"p{i}", sector, [c for c in draw(covers) if c in codes or c == OUT] or codes)
        for i, sector in enumerate(sectors)
    ]
    flags = {
        key: draw(maybe_bool)
        for key in (
            "material_accounting_concerns",
            "major_programmes_track_record",
            "scrutiny_committee",
            "publishes_performance",
        )
    }
    governance = {
        "mayor_since": draw(day_in_range),
        "assurance_framework_published": draw(day_in_range),
        "interventions": [
            {"kind": "best_value_notice", "date": d} for d in draw(st.lists(day_in_range, max_size=2))
        ],
        **flags,
    }
    return {"locality": place, "partners": partners, "governance": governance}


def _omissions(data: dict[str, Any]) -> list[tuple[str, ...]]:
    """Every single fact of ``data`` whose absence the rubric reads as "not stated"."""
    found: list[tuple[str, ...]] = [
        ("governance",),
        ("locality", "contiguous"),
        ("locality", "encloses_non_member"),
    ]
    found += [
        ("governance", key) for key in data["governance"] if key not in {"mayor_since", "interventions"}
    ]
    found += [("constituent", str(i)) for i in range(len(data["locality"]["constituents"]))]
    found += [("covers", str(i)) for i in range(len(data["partners"]))]
    found.append(("locality", "kind"))
    return found


def _without(data: dict[str, Any], fact: tuple[str, ...]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    match fact:
        case ("constituent", index):
            del out["locality"]["constituents"][int(index)]["population"]
        case ("covers", index):
            del out["partners"][int(index)]["covers"]
        case (section,):
            del out[section]
        case (section, key):
            del out[section][key]
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=localities(), on=st.dates(date(2025, 1, 1), date(2027, 1, 1)))
def test_leaving_a_fact_out_never_makes_a_requirement_hold_nor_raises_a_level_or_the_score(
    data: dict[str, Any], on: date
) -> None:
    full = report(data, on)
    assert full.tier is not None
    for fact in _omissions(data):
        less = report(_without(data, fact), on)
        assert less.tier is not None
        before = {r.id: r.status for r in full.tier.requirements}
        for result in less.tier.requirements:
            if result.status == "holds":
                assert before[result.id] == "holds", (fact, result.id)
            if before[result.id] == "unmet":
                assert result.status in {"unmet", "not-stated"}, (fact, result.id)
        levels = {r.criterion: r.level for r in full.criteria}
        assert all(r.level <= levels[r.criterion] for r in less.criteria), fact
        assert less.score <= full.score + 1e-9, fact
