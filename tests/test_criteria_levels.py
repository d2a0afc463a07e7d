"""Every level boundary of every built-in criterion, pinned by minimal localities.

Each case is a locality just at, or just below, a level of one criterion; every criterion
also has a no-evidence case and (where the spec allows one) a level-0-with-evidence case.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from devocheck.load.positions import NoPositions
from devocheck.model import Document, LoaderKind, Source
from devocheck.rubric.model import load_rubric
from devocheck.score.scoring import evaluate

DAY = date(2026, 11, 1)
CODES = ["E08000001", "E08000002", "E08000003", "E08000004"]
PARTNERS = [
    {"id": "ca", "name": "Combined authority", "sector": "local_government", "core": True},
    {"id": "council", "name": "Council", "sector": "local_government"},
    {"id": "district", "name": "District", "sector": "local_government"},
    {"id": "icb", "name": "ICB", "sector": "health", "core": True},
    {"id": "police", "name": "Police", "sector": "police", "core": True},
    {"id": "vcs", "name": "Voluntary action", "sector": "voluntary"},
]


def document(sections: dict[str, Any]) -> Document:
    data = {
        "schema_version": 1,
        "locality": {"id": "t", "name": "T", "constituents": [{"code": c, "name": c} for c in CODES]},
        **sections,
    }
    return Document(Source("<test>", "0" * 64, LoaderKind.PURE), data, NoPositions())


def goals(*outcomes: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"partners": PARTNERS, "goals": {"outcomes": list(outcomes), **extra}}


def outcome(id: str = "o1", **fields: Any) -> dict[str, Any]:
    return {"id": id, "statement": "s", **fields}


MEASURED = {"measure": "m", "baseline": 1, "target": 2, "target_year": 2030}
FULL_OUTCOME = outcome(cohort="c", partners=["ca", "icb", "police"], **MEASURED)


def arrangements(*rows: dict[str, Any]) -> dict[str, Any]:
    return {"partners": PARTNERS, "commissioning": {"arrangements": list(rows)}}


def arrangement(partners: list[str], id: str = "a1", **fields: Any) -> dict[str, Any]:
    return {"id": id, "name": "n", "partners": partners, **fields}


def sites(*rows: dict[str, Any]) -> dict[str, Any]:
    return {"partners": PARTNERS, "co_location": {"sites": list(rows)}}


def site(partners: list[str], **fields: Any) -> dict[str, Any]:
    return {"name": "hub", "partners": partners, **fields}


def agreements(*rows: dict[str, Any]) -> dict[str, Any]:
    return {"partners": PARTNERS, "data_sharing": {"agreements": list(rows)}}


def agreement(partners: list[str], id: str = "g1", **fields: Any) -> dict[str, Any]:
    return {"id": id, "name": "n", "partners": partners, **fields}


IN_FORCE = {"signed": "2026-01-01"}
COMPLETE = {"lawful_basis": "public_task", "dpia_completed": True}


def footprints(*covers: list[str]) -> dict[str, Any]:
    """Core non-local-government partners covering the given codes."""
    rows = [
        {"id": f"p{i}", "name": "p", "sector": "health", "core": True, "covers": c}
        for i, c in enumerate(covers)
    ]
    return {"partners": rows}


def power(domain: str, id: str = "p1", **fields: Any) -> dict[str, Any]:
    return {"id": id, "domain": domain, "from": "central", "to": "combined_authority", **fields}


MOVED_UP = {"from": "local_authority", "to": "combined_authority"}


def powers(*rows: dict[str, Any]) -> dict[str, Any]:
    return {"powers": list(rows)}


def learning(**flags: bool) -> dict[str, Any]:
    return {"learning": flags}


NO_EVIDENCE = "no-evidence"
C = (
    # (criterion, case, sections, level, status-or-None)
    ("goals.shared-outcomes", "absent", {"partners": PARTNERS}, 0, NO_EVIDENCE),
    ("goals.shared-outcomes", "L0 no outcomes", goals(), 0, "unmet"),
    ("goals.shared-outcomes", "L1 one outcome", goals(outcome()), 1, "partial"),
    (
        "goals.shared-outcomes",
        "L1 two partners, a cohort missing",
        goals(outcome(cohort="c", partners=["ca", "icb"]), outcome("o2")),
        1,
        None,
    ),
    ("goals.shared-outcomes", "L1 cohort, one partner", goals(outcome(cohort="c", partners=["ca"])), 1, None),
    (
        "goals.shared-outcomes",
        "L2 two partners and cohorts",
        goals(outcome(cohort="c", partners=["ca", "icb"])),
        2,
        None,
    ),
    (
        "goals.shared-outcomes",
        "L2 target_year missing",
        goals(outcome(cohort="c", partners=["ca", "icb"], **{**MEASURED, "target_year": None})),
        2,
        None,
    ),
    (
        "goals.shared-outcomes",
        "L3 measurable",
        goals(outcome(cohort="c", partners=["ca", "icb"], **MEASURED)),
        3,
        None,
    ),
    (
        "goals.shared-outcomes",
        "L3 police not signed up",
        goals(outcome(cohort="c", partners=["ca", "icb"], **MEASURED), last_reviewed="2026-10-31"),
        3,
        None,
    ),
    (
        "goals.shared-outcomes",
        "L3 reviewed 366 days before",
        goals(FULL_OUTCOME, last_reviewed="2025-10-31"),
        3,
        None,
    ),
    ("goals.shared-outcomes", "L3 never reviewed", goals(FULL_OUTCOME), 3, None),
    (
        "goals.shared-outcomes",
        "L4 reviewed exactly 365 days before",
        goals(FULL_OUTCOME, last_reviewed="2025-11-01"),
        4,
        "met",
    ),
    (
        "goals.shared-outcomes",
        "L4 no core partners",
        {
            "partners": [],
            "goals": {
                "outcomes": [outcome(cohort="c", partners=["a", "b"], **MEASURED)],
                "last_reviewed": "2026-11-01",
            },
        },
        4,
        "met",
    ),
    ("goals.prioritisation", "absent", {}, 0, NO_EVIDENCE),
    ("goals.prioritisation", "L0 no priority", goals(outcome(budget_aligned=True)), 0, "unmet"),
    ("goals.prioritisation", "L1 priority, no budget", goals(outcome(priority=1)), 1, "partial"),
    (
        "goals.prioritisation",
        "L2 priority-1 aligned, not commissioned",
        goals(outcome(priority=1, budget_aligned=True)),
        2,
        None,
    ),
    (
        "goals.prioritisation",
        "L2 priority-1 commissioned, not aligned",
        {
            **goals(outcome(priority=1), outcome("o2", budget_aligned=True)),
            "commissioning": {"arrangements": [arrangement(["ca"], outcomes=["o1"])]},
        },
        2,
        None,
    ),
    (
        "goals.prioritisation",
        "L3 aligned and commissioned",
        {
            **goals(outcome(priority=1, budget_aligned=True)),
            "commissioning": {"arrangements": [arrangement(["ca"], outcomes=["o1"])]},
        },
        3,
        "met",
    ),
    (
        "goals.prioritisation",
        "L3 no priority-1 outcome",
        goals(outcome(priority=2, budget_aligned=True)),
        3,
        "met",
    ),
    ("commissioning.joint", "absent", {"partners": PARTNERS}, 0, NO_EVIDENCE),
    ("commissioning.joint", "L0 none", arrangements(), 0, "unmet"),
    ("commissioning.joint", "L0 one partner", arrangements(arrangement(["ca"])), 0, "unmet"),
    (
        "commissioning.joint",
        "L1 two partners, one sector",
        arrangements(arrangement(["ca", "council"])),
        1,
        "partial",
    ),
    (
        "commissioning.joint",
        "L2 two sectors",
        arrangements(arrangement(["ca", "icb"], budget={"type": "aligned"})),
        2,
        None,
    ),
    (
        "commissioning.joint",
        "L3 pooled",
        arrangements(arrangement(["ca", "icb"], budget={"type": "pooled"})),
        3,
        None,
    ),
    (
        "commissioning.joint",
        "L3 outcomes-based, no outcome",
        arrangements(arrangement(["ca", "icb"], budget={"type": "pooled"}, outcomes_based=True)),
        3,
        None,
    ),
    (
        "commissioning.joint",
        "L3 one of two outcomes-based",
        arrangements(
            arrangement(["ca", "icb"], budget={"type": "pooled"}, outcomes_based=True, outcomes=["o1"]),
            arrangement(["ca"], "a2", outcomes=["o1"]),
        ),
        3,
        None,
    ),
    (
        "commissioning.joint",
        "L4 all outcomes-based",
        arrangements(
            arrangement(["ca", "icb"], budget={"type": "pooled"}, outcomes_based=True, outcomes=["o1"])
        ),
        4,
        "met",
    ),
    ("commissioning.horizon", "absent", {}, 0, NO_EVIDENCE),
    ("commissioning.horizon", "L0 no term", arrangements(arrangement(["ca"])), 0, "unmet"),
    ("commissioning.horizon", "L1 two years", arrangements(arrangement(["ca"], term_years=2)), 1, None),
    ("commissioning.horizon", "L2 three years", arrangements(arrangement(["ca"], term_years=3)), 2, None),
    (
        "commissioning.horizon",
        "L2 one of two long, VCSE",
        arrangements(
            arrangement(["ca"], term_years=3, includes_vcse=True), arrangement(["ca"], "a2", term_years=2)
        ),
        2,
        None,
    ),
    (
        "commissioning.horizon",
        "L2 one of two without a term",
        arrangements(arrangement(["ca"], term_years=3, includes_vcse=True), arrangement(["ca"], "a2")),
        2,
        None,
    ),
    (
        "commissioning.horizon",
        "L3 all long, VCSE",
        arrangements(
            arrangement(["ca"], term_years=3, includes_vcse=True), arrangement(["ca"], "a2", term_years=5)
        ),
        3,
        "met",
    ),
    ("co-location.sites", "absent", {"partners": PARTNERS}, 0, NO_EVIDENCE),
    ("co-location.sites", "L0 one partner", sites(site(["ca"])), 0, "unmet"),
    ("co-location.sites", "L1 two partners, two sectors", sites(site(["ca", "icb"])), 1, "partial"),
    (
        "co-location.sites",
        "L1 three partners, one sector",
        sites(site(["ca", "council", "district"])),
        1,
        None,
    ),
    ("co-location.sites", "L2 three partners, two sectors", sites(site(["ca", "council", "icb"])), 2, None),
    (
        "co-location.sites",
        "L2 integrated team without a front door",
        sites(site(["ca", "council", "icb"], integrated_team=True)),
        2,
        None,
    ),
    (
        "co-location.sites",
        "L3 front door",
        sites(site(["ca", "council", "icb"], shared_front_door=True)),
        3,
        None,
    ),
    (
        "co-location.sites",
        "L4 integrated team",
        sites(site(["ca", "council", "icb"], shared_front_door=True, integrated_team=True)),
        4,
        "met",
    ),
    ("co-location.coverage", "absent", {}, 0, NO_EVIDENCE),
    ("co-location.coverage", "L0 areas outside", sites(site(["ca"], areas=["E08000009"])), 0, "unmet"),
    ("co-location.coverage", "L1 a quarter", sites(site(["ca"], areas=CODES[:1])), 1, None),
    (
        "co-location.coverage",
        "L2 exactly half",
        sites(site(["ca"], areas=CODES[:1]), site(["ca"], areas=CODES[1:2])),
        2,
        None,
    ),
    ("co-location.coverage", "L2 three quarters", sites(site(["ca"], areas=CODES[:3])), 2, None),
    (
        "co-location.coverage",
        "L3 all",
        sites(site(["ca"], areas=CODES[:2]), site(["ca"], areas=CODES[2:])),
        3,
        "met",
    ),
    ("data-sharing.agreements", "absent", {"partners": PARTNERS}, 0, NO_EVIDENCE),
    ("data-sharing.agreements", "L0 none", agreements(), 0, "unmet"),
    ("data-sharing.agreements", "L1 unsigned", agreements(agreement(["ca"])), 1, None),
    (
        "data-sharing.agreements",
        "L1 signed after the date",
        agreements(agreement(["ca"], signed="2026-11-02")),
        1,
        None,
    ),
    (
        "data-sharing.agreements",
        "L1 review overdue",
        agreements(agreement(["ca"], signed="2026-01-01", review_due="2026-10-31")),
        1,
        None,
    ),
    (
        "data-sharing.agreements",
        "L2 signed and due on the date",
        agreements(agreement(["ca"], signed="2026-11-01", review_due="2026-11-01")),
        2,
        None,
    ),
    (
        "data-sharing.agreements",
        "L2 no DPIA",
        agreements(agreement(["ca", "icb", "police"], **IN_FORCE, lawful_basis="consent")),
        2,
        None,
    ),
    (
        "data-sharing.agreements",
        "L3 complete, police not named",
        agreements(agreement(["ca", "icb"], **IN_FORCE, **COMPLETE)),
        3,
        None,
    ),
    (
        "data-sharing.agreements",
        "L3 police only in a lapsed one",
        agreements(
            agreement(["ca", "icb"], **IN_FORCE, **COMPLETE),
            agreement(["police"], "g2", signed="2020-01-01", review_due="2021-01-01"),
        ),
        3,
        None,
    ),
    (
        "data-sharing.agreements",
        "L4 every core partner",
        agreements(
            agreement(["ca", "icb"], **IN_FORCE, **COMPLETE),
            agreement(["police"], "g2", **IN_FORCE, **COMPLETE),
        ),
        4,
        "met",
    ),
    ("data-sharing.linkage", "absent", {}, 0, NO_EVIDENCE),
    (
        "data-sharing.linkage",
        "L0 no lead",
        {"data_sharing": {"ig_lead_named": False, "shared_identifiers": ["uprn"], "linked_datasets": ["x"]}},
        0,
        "unmet",
    ),
    (
        "data-sharing.linkage",
        "L1 lead",
        {"data_sharing": {"ig_lead_named": True, "shared_identifiers": []}},
        1,
        None,
    ),
    (
        "data-sharing.linkage",
        "L2 identifier",
        {"data_sharing": {"ig_lead_named": True, "shared_identifiers": ["nhs_number"]}},
        2,
        None,
    ),
    (
        "data-sharing.linkage",
        "L3 linked dataset",
        {"data_sharing": {"ig_lead_named": True, "shared_identifiers": ["uprn"], "linked_datasets": ["x"]}},
        3,
        "met",
    ),
    ("geography.coterminosity", "absent", {}, 0, NO_EVIDENCE),
    ("geography.coterminosity", "no covers", {"partners": PARTNERS}, 0, NO_EVIDENCE),
    (
        "geography.coterminosity",
        "only local government",
        {
            "partners": [
                {"id": "ca", "name": "c", "sector": "local_government", "core": True, "covers": CODES}
            ]
        },
        0,
        NO_EVIDENCE,
    ),
    (
        "geography.coterminosity",
        "only non-core",
        {"partners": [{"id": "h", "name": "h", "sector": "health", "covers": CODES}]},
        0,
        NO_EVIDENCE,
    ),
    ("geography.coterminosity", "L1 outside", footprints(["E09000001"]), 1, "partial"),
    ("geography.coterminosity", "L1 coterminous and outside", footprints(CODES, ["E09000001"]), 1, None),
    ("geography.coterminosity", "L1 split only", footprints(CODES[:2]), 1, None),
    ("geography.coterminosity", "L2 coterminous and split", footprints(CODES, CODES[:2]), 2, None),
    (
        "geography.coterminosity",
        "L2 larger and split across the boundary",
        footprints([*CODES, "E09000001"], [CODES[0], "E09000001"]),
        2,
        None,
    ),
    (
        "geography.coterminosity",
        "L3 coterminous and larger",
        footprints(CODES, [*CODES, "E09000001"]),
        3,
        None,
    ),
    ("geography.coterminosity", "L4 all coterminous", footprints(CODES, list(reversed(CODES))), 4, "met"),
    ("geography.powers-placement", "absent", {}, 0, NO_EVIDENCE),
    ("geography.powers-placement", "L0 none", powers(), 0, "unmet"),
    (
        "geography.powers-placement",
        "L1 service reform moved up",
        powers(power("housing", **MOVED_UP, local_delivery=False)),
        1,
        None,
    ),
    (
        "geography.powers-placement",
        "L2 growth moved up",
        powers(
            power("housing", **MOVED_UP, local_delivery=True),
            power("transport", "p2", **{"from": "neighbourhood", "to": "regional"}),
        ),
        2,
        None,
    ),
    (
        "geography.powers-placement",
        "L3 all delivered locally",
        powers(power("skills", **MOVED_UP, local_delivery=True), power("welfare", "p2")),
        3,
        "met",
    ),
    ("service-reform.balance", "absent", {}, 0, NO_EVIDENCE),
    ("service-reform.balance", "L0 none", powers(), 0, "unmet"),
    ("service-reform.balance", "L1 growth only", powers(power("skills")), 1, None),
    (
        "service-reform.balance",
        "L2 a quarter",
        powers(
            power("health", funded=True), power("skills", "p2"), power("energy", "p3"), power("culture", "p4")
        ),
        2,
        None,
    ),
    (
        "service-reform.balance",
        "L3 a third, unfunded",
        powers(power("justice"), power("skills", "p2"), power("energy", "p3")),
        3,
        None,
    ),
    (
        "service-reform.balance",
        "L3 one of two unfunded",
        powers(power("justice", funded=True), power("welfare", "p2")),
        3,
        None,
    ),
    (
        "service-reform.balance",
        "L4 a third, funded",
        powers(power("justice", funded=True), power("skills", "p2"), power("energy", "p3")),
        4,
        "met",
    ),
    ("funding.settlement", "absent", {}, 0, NO_EVIDENCE),
    (
        "funding.settlement",
        "L0 zero years",
        {"funding": {"settlement_years": 0, "single_pot": True}},
        0,
        "unmet",
    ),
    ("funding.settlement", "L1 one year", {"funding": {"settlement_years": 1}}, 1, None),
    ("funding.settlement", "L1 two years", {"funding": {"settlement_years": 2}}, 1, None),
    ("funding.settlement", "L2 three years", {"funding": {"settlement_years": 3}}, 2, None),
    (
        "funding.settlement",
        "L2 four years, single pot",
        {"funding": {"settlement_years": 4, "single_pot": True}},
        2,
        None,
    ),
    (
        "funding.settlement",
        "L3 five years",
        {"funding": {"settlement_years": 5, "single_pot": False}},
        3,
        None,
    ),
    (
        "funding.settlement",
        "L4 five years, single pot",
        {"funding": {"settlement_years": 5, "single_pot": True}},
        4,
        "met",
    ),
    ("funding.powers-funded", "absent", {"funding": {"settlement_years": 5}}, 0, NO_EVIDENCE),
    ("funding.powers-funded", "L0 none", powers(), 0, "unmet"),
    (
        "funding.powers-funded",
        "L1 a third funded",
        powers(power("skills", funded=True), power("energy", "p2"), power("culture", "p3")),
        1,
        None,
    ),
    (
        "funding.powers-funded",
        "L2 exactly half",
        powers(power("skills", funded=True), power("energy", "p2", funded=False)),
        2,
        None,
    ),
    (
        "funding.powers-funded",
        "L2 two thirds",
        powers(power("skills", funded=True), power("energy", "p2", funded=True), power("culture", "p3")),
        2,
        None,
    ),
    ("funding.powers-funded", "L3 all", powers(power("skills", funded=True)), 3, "met"),
    ("ways-of-working.frontline", "absent", {}, 0, NO_EVIDENCE),
    ("ways-of-working.frontline", "L0 empty", learning(), 0, "unmet"),
    ("ways-of-working.frontline", "L0 training only", learning(joint_training=True), 0, "unmet"),
    (
        "ways-of-working.frontline",
        "L1 involvement",
        learning(frontline_involvement=True, joint_training=False),
        1,
        "partial",
    ),
    (
        "ways-of-working.frontline",
        "L2 and training",
        learning(frontline_involvement=True, joint_training=True),
        2,
        "met",
    ),
    ("ways-of-working.learning", "absent", {}, 0, NO_EVIDENCE),
    ("ways-of-working.learning", "L0 sharing only", learning(shares_learning=True), 0, "unmet"),
    ("ways-of-working.learning", "L1 evaluation", learning(evaluation_plan=True), 1, "partial"),
    (
        "ways-of-working.learning",
        "L2 and sharing",
        learning(evaluation_plan=True, shares_learning=True),
        2,
        "met",
    ),
    ("ways-of-working.central", "absent", {}, 0, NO_EVIDENCE),
    ("ways-of-working.central", "L0 no sponsor", learning(central_sponsor=False), 0, "unmet"),
    ("ways-of-working.central", "L1 sponsor", learning(central_sponsor=True), 1, "met"),
)


@pytest.mark.parametrize(
    ("criterion", "case", "sections", "level", "status"), C, ids=[f"{c[0]}:{c[1]}" for c in C]
)
def test_level(criterion: str, case: str, sections: dict[str, Any], level: int, status: str | None) -> None:
    report = evaluate(document(sections), load_rubric("ifg-2015"), DAY)
    result = next(r for r in report.criteria if r.criterion == criterion)
    assert (result.level, result.score) == (level, level / result.max_level), result.facts
    if status is not None:
        assert result.status == status


def test_every_level_of_every_criterion_is_pinned() -> None:
    pinned = {(c[0], c[3]) for c in C}
    no_evidence = {c[0] for c in C if c[4] == NO_EVIDENCE}
    for criterion in load_rubric("ifg-2015").criteria:
        assert criterion.id in no_evidence
        for level in range(1, criterion.max_level + 1):
            assert (criterion.id, level) in pinned, (criterion.id, level)


def test_level_zero_with_evidence_is_told_apart_from_no_evidence() -> None:
    """Only coterminosity cannot be at level 0 with evidence: its evidence *is* level 1."""
    unmet = {c[0] for c in C if c[3] == 0 and c[4] == "unmet"}
    missing = {criterion.id for criterion in load_rubric("ifg-2015").criteria} - unmet
    assert missing == {"geography.coterminosity"}
