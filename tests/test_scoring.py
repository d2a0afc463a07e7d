"""Scoring model: bands, gates, waivers, themes dropping out, the plan, evidence coverage."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devocheck.load.positions import NoPositions
from devocheck.model import Document, LoaderKind, Source
from devocheck.pipeline import assess
from devocheck.rubric.model import load_rubric
from devocheck.score.report import Report
from devocheck.score.scoring import evaluate

DAY = date(2026, 11, 1)
CODES = ["E08000001", "E08000002", "E08000003"]
RUBRIC = load_rubric("ifg-2015")
THEME_WEIGHTS = sum(theme.weight for theme in RUBRIC.themes)


def full() -> dict[str, Any]:
    """A valid locality at the top level of every criterion of ifg-2015."""
    return {
        "schema_version": 1,
        "locality": {"id": "full", "name": "Full", "constituents": [{"code": c, "name": c} for c in CODES]},
        "partners": [
            {"id": "ca", "name": "CA", "sector": "local_government", "core": True, "covers": CODES},
            {"id": "icb", "name": "ICB", "sector": "health", "core": True, "covers": CODES},
            {"id": "police", "name": "Police", "sector": "police", "core": True, "covers": CODES},
            {"id": "vcs", "name": "VCS", "sector": "voluntary"},
        ],
        "goals": {
            "last_reviewed": "2026-10-01",
            "outcomes": [
                {
                    "id": "o1",
                    "statement": "s",
                    "cohort": "c",
                    "measure": "m",
                    "baseline": 1,
                    "target": 2,
                    "target_year": 2030,
                    "priority": 1,
                    "budget_aligned": True,
                    "partners": ["ca", "icb", "police"],
                }
            ],
        },
        "commissioning": {
            "arrangements": [
                {
                    "id": "a1",
                    "name": "a",
                    "partners": ["ca", "icb"],
                    "budget": {"type": "pooled", "amount_gbp": 1},
                    "outcomes": ["o1"],
                    "outcomes_based": True,
                    "term_years": 3,
                    "includes_vcse": True,
                }
            ]
        },
        "co_location": {
            "sites": [
                {
                    "name": "hub",
                    "areas": CODES,
                    "partners": ["ca", "icb", "police"],
                    "shared_front_door": True,
                    "integrated_team": True,
                }
            ]
        },
        "data_sharing": {
            "ig_lead_named": True,
            "shared_identifiers": ["nhs_number"],
            "linked_datasets": ["x"],
            "agreements": [
                {
                    "id": "g1",
                    "name": "g",
                    "partners": ["ca", "icb", "police"],
                    "lawful_basis": "public_task",
                    "dpia_completed": True,
                    "signed": "2026-01-01",
                }
            ],
        },
        "powers": [
            {"id": "p1", "domain": "health", "from": "central", "to": "combined_authority", "funded": True}
        ],
        "funding": {"settlement_years": 5, "single_pot": True},
        "learning": {
            "evaluation_plan": True,
            "shares_learning": True,
            "frontline_involvement": True,
            "joint_training": True,
            "central_sponsor": True,
        },
    }


def document(data: dict[str, Any]) -> Document:
    return Document(Source("<test>", "0" * 64, LoaderKind.PURE), data, NoPositions())


def score(data: dict[str, Any], on: date = DAY) -> Report:
    return evaluate(document(data), RUBRIC, on)


def without(*sections: str, **changes: Any) -> dict[str, Any]:
    data = {k: v for k, v in full().items() if k not in sections}
    return {**data, **changes}


def result(report: Report, criterion: str) -> Any:
    return next(r for r in report.criteria if r.criterion == criterion)


def share_of_overall(criterion: str) -> float:
    """The weight of one criterion in the overall mean when nothing is waived."""
    theme = next(t for t in RUBRIC.themes if any(c.id == criterion for c in t.criteria))
    weight = next(c.weight for c in theme.criteria if c.id == criterion)
    return theme.weight / THEME_WEIGHTS * weight / sum(c.weight for c in theme.criteria)


def test_full_locality_is_ready_with_nothing_to_improve() -> None:
    report = assess(document(full()), assessment_date=DAY)
    assert (report.score, report.band, report.evidence_coverage, report.plan) == (100.0, "ready", 1.0, ())
    assert {r.status for r in report.criteria} == {"met"}


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0, "not-ready"),
        (39.99, "not-ready"),
        (40, "emerging"),
        (59.99, "emerging"),
        (60, "maturing"),
        (79.99, "maturing"),
        (79.9999, "maturing"),
        (80, "ready"),
        (100, "ready"),
    ],
)
def test_band_thresholds_on_the_unrounded_score(value: float, band: str) -> None:
    assert RUBRIC.band(value) == band


def test_a_gate_at_level_zero_caps_the_band_and_says_why() -> None:
    report = score(without("goals"))
    assert report.score == pytest.approx(100 * 15 / 18)
    assert (report.uncapped_band, report.band) == ("ready", "emerging")
    assert report.gate_failures == ("goals.shared-outcomes",)
    assert report.cap_reason is not None
    assert "goals.shared-outcomes" in report.cap_reason
    assert "emerging" in report.cap_reason


def test_a_gate_never_raises_a_lower_band() -> None:
    report = score(without("goals", "data_sharing", "commissioning", "co_location", "powers", "funding"))
    assert report.band == report.uncapped_band == "not-ready"
    assert report.gate_failures == ("goals.shared-outcomes", "data-sharing.agreements")


def test_a_waived_gate_does_not_cap() -> None:
    waiver = {"criterion": "goals.shared-outcomes", "reason": "new partnership"}
    report = score(without("goals", waivers=[waiver]))
    assert (report.band, report.gate_failures, report.cap_reason) == ("ready", (), None)
    assert result(report, "goals.shared-outcomes").status == "waived"
    assert [w.criterion for w in report.waivers if w.in_force] == ["goals.shared-outcomes"]


@pytest.mark.parametrize(
    ("expires", "in_force"), [("2026-11-01", True), ("2026-11-02", True), ("2026-10-31", False)]
)
def test_a_waiver_is_in_force_up_to_and_including_its_expiry(expires: str, in_force: bool) -> None:
    data = full()
    data["learning"]["central_sponsor"] = False
    data["waivers"] = [{"criterion": "ways-of-working.central", "reason": "r", "expires": expires}]
    report = score(data)
    assert report.waivers[0].in_force is in_force
    assert result(report, "ways-of-working.central").status == ("waived" if in_force else "unmet")
    assert report.score == pytest.approx(
        100.0 if in_force else 100 * (1 - share_of_overall("ways-of-working.central"))
    )
    assert [w.code for w in report.warnings] == ([] if in_force else ["waiver.expired"])


def test_a_theme_with_every_criterion_waived_drops_out() -> None:
    ids = ["ways-of-working.frontline", "ways-of-working.learning", "ways-of-working.central"]
    report = score(without("learning", waivers=[{"criterion": i, "reason": "r"} for i in ids]))
    theme = next(t for t in report.themes if t.id == "ways-of-working")
    assert (theme.score, report.score, report.evidence_coverage) == (None, 100.0, 1.0)


def test_improvement_plan_is_sorted_by_gain_then_id_and_gains_are_one_level_each() -> None:
    data = without("learning", "funding")
    data["powers"][0]["funded"] = False
    data["waivers"] = [{"criterion": "ways-of-working.central", "reason": "r"}]
    report = score(data)
    plan = report.plan
    assert [(-round(s.gain, 9), s.criterion) for s in plan] == sorted(
        (-round(s.gain, 9), s.criterion) for s in plan
    )
    assert "ways-of-working.central" not in {s.criterion for s in plan}
    assert {s.criterion for s in plan} == {
        r.criterion for r in report.criteria if r.status in ("partial", "unmet", "no-evidence")
    }
    for step in plan:
        one = result(report, step.criterion)
        assert (step.from_level, step.to_level) == (one.level, one.level + 1)
        expected = 100 * share_of_overall(step.criterion) / one.max_level
        if one.theme == "ways-of-working":  # the waived criterion left its theme
            expected = 100 * (1 / THEME_WEIGHTS) * (1 / 2) / one.max_level
        assert step.gain == pytest.approx(expected), step.criterion
        assert step.description == level_description(step.criterion, step.to_level)
    # 2/18 x 1/4, then a tie at 1/18 x 1/2 x 1/2 broken by id, then 1/18 x 1/2 x 1/3 and x 1/4.
    assert [s.criterion for s in plan] == [
        "service-reform.balance",
        "ways-of-working.frontline",
        "ways-of-working.learning",
        "funding.powers-funded",
        "funding.settlement",
    ]


def level_description(criterion: str, level: int) -> str:
    return next(c for c in RUBRIC.criteria if c.id == criterion).levels[level - 1].description


@pytest.mark.parametrize(
    ("data", "coverage"),
    [
        (full(), 1.0),
        (without("learning"), 17 / 18),
        (without("learning", "funding"), 1 - 1 / 18 - 1 / 36),
        (without("powers"), 1 - 3 / 18 * 1 / 3 - 2 / 18 - 1 / 18 * 1 / 2),
    ],
    ids=["full", "no-learning", "no-learning-funding", "no-powers"],
)
def test_evidence_coverage_is_the_share_of_overall_weight_with_evidence(
    data: dict[str, Any], coverage: float
) -> None:
    assert score(data).evidence_coverage == pytest.approx(coverage)


def test_coverage_counts_geography_by_core_footprints_not_by_section() -> None:
    data = full()
    for partner in data["partners"]:
        partner["core"] = partner["sector"] == "local_government"
    report = score(data)
    assert result(report, "geography.coterminosity").status == "no-evidence"
    assert report.evidence_coverage == pytest.approx(1 - share_of_overall("geography.coterminosity"))


def test_the_date_is_the_argument_else_the_files_else_today() -> None:
    data = full()
    data["goals"]["last_reviewed"] = "2025-01-01"
    data["assessment_date"] = "2025-06-01"
    reviewed = "goals.shared-outcomes"
    assert score(data, on=DAY).assessment_date == DAY
    assert result(score(data, on=DAY), reviewed).level == 3
    from_file = assess(document(data), today=DAY)
    assert (from_file.assessment_date, result(from_file, reviewed).level) == (date(2025, 6, 1), 4)
    del data["assessment_date"]
    assert assess(document(data), today=DAY).assessment_date == DAY
    with pytest.raises(ValueError, match="assessment date"):
        assess(document(data))


# --- metamorphic: more evidence never lowers a level or the score --------------------------

PARTNER_IDS = ["ca", "icb", "police", "vcs"]
partner_sets = st.lists(st.sampled_from(PARTNER_IDS), unique=True, max_size=4)
day_or_none = st.one_of(st.none(), st.dates(date(2025, 1, 1), date(2027, 12, 31)).map(date.isoformat))


@st.composite
def localities(draw: st.DrawFn) -> dict[str, Any]:
    data = full()
    for partner in data["partners"]:
        partner["core"] = draw(st.booleans())
    data["goals"]["outcomes"] = [
        {
            "id": f"o{i}",
            "statement": "s",
            "cohort": draw(st.sampled_from([None, "c"])),
            "priority": draw(st.sampled_from([None, 1, 2])),
            "budget_aligned": draw(st.booleans()),
            "partners": draw(partner_sets),
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    outcome_ids = [o["id"] for o in data["goals"]["outcomes"]]
    data["commissioning"]["arrangements"] = [
        {
            "id": f"a{i}",
            "name": "a",
            "partners": draw(partner_sets),
            "budget": {"type": draw(st.sampled_from(["pooled", "aligned", "separate"]))},
            "outcomes": draw(st.lists(st.sampled_from(outcome_ids), unique=True)) if outcome_ids else [],
            "outcomes_based": draw(st.booleans()),
            "term_years": draw(st.sampled_from([None, 1, 3, 5])),
        }
        for i in range(draw(st.integers(0, 2)))
    ]
    data["data_sharing"]["agreements"] = [
        {
            "id": f"g{i}",
            "name": "g",
            "partners": draw(partner_sets),
            "signed": draw(day_or_none),
            "review_due": draw(day_or_none),
            "dpia_completed": draw(st.booleans()),
        }
        for i in range(draw(st.integers(0, 2)))
    ]
    return data


@st.composite
def more_evidence(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    more = copy.deepcopy(data)
    outcomes, arrangements = more["goals"]["outcomes"], more["commissioning"]["arrangements"]
    kinds = ["agreement"] + (["signed-up"] if outcomes else []) + (["pooled"] if arrangements else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "agreement":
        more["data_sharing"]["agreements"].append(
            {
                "id": "extra",
                "name": "x",
                "partners": draw(partner_sets),
                "signed": draw(st.dates(date(2020, 1, 1), DAY)).isoformat(),
                "lawful_basis": "public_task",
                "dpia_completed": True,
            }
        )
    elif kind == "signed-up":
        chosen = draw(st.sampled_from(outcomes))
        chosen["partners"] = sorted({*chosen["partners"], draw(st.sampled_from(PARTNER_IDS))})
    else:
        draw(st.sampled_from(arrangements))["budget"] = {"type": "pooled"}
    return more


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_more_evidence_never_lowers_a_level_or_the_score(data: st.DataObject) -> None:
    before = data.draw(localities())
    after = data.draw(more_evidence(before))
    old, new = evaluate(document(before), RUBRIC, DAY), evaluate(document(after), RUBRIC, DAY)
    for was, now in zip(old.criteria, new.criteria, strict=True):
        assert now.level >= was.level, (now.criterion, was.facts, now.facts)
    assert new.score >= old.score - 1e-9
