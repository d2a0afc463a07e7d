"""The cross-field rules of format v1: one case per rule, each pinned to code, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from devocheck.load.loader import load, parse
from devocheck.validate.semantics import check_semantics

#: The criteria of the built-in ifg-2015 rubric, which the examples are written against.
CRITERIA = frozenset(
    {
        "goals.shared-outcomes",
        "goals.prioritisation",
        "commissioning.joint",
        "commissioning.horizon",
        "co-location.sites",
        "co-location.coverage",
        "data-sharing.agreements",
        "data-sharing.linkage",
        "geography.coterminosity",
        "geography.powers-placement",
        "service-reform.balance",
        "funding.settlement",
        "funding.powers-funded",
        "ways-of-working.frontline",
        "ways-of-working.learning",
        "ways-of-working.central",
    }
)

# Each case is a small, schema-valid file holding exactly one problem; the line and column
# are those of the offending value as an editor shows them.
CASES = [
    pytest.param(
        """\
schema_version: 1
locality: {id: p, name: P}
partners:
  - {id: ns-police, name: Police, sector: police}
goals:
  outcomes:
    - id: safer
      statement: Safer streets
      partners: [ns-polic]
""",
        "ref.unknown-partner",
        9,
        18,
        "goals.outcomes[0].partners[0]: partner 'ns-polic' is not defined in partners",
        "ns-police",
        id="partner-in-outcome",
    ),
    pytest.param(
        """\
schema_version: 1
locality: {id: p, name: P}
partners:
  - {id: ca, name: CA, sector: local_government}
commissioning:
  arrangements:
    - id: a
      name: A
      partners:
        - ca
        - nhs
""",
        "ref.unknown-partner",
        11,
        11,
        "commissioning.arrangements[0].partners[1]: partner 'nhs' is not defined in partners",
        None,
        id="partner-in-arrangement-no-near-miss",
    ),
    pytest.param(
        """\
schema_version: 1
locality: {id: p, name: P}
partners:
  - {id: ca, name: CA, sector: local_government}
co_location:
  sites:
    - {name: Hub, partners: [ca, cb]}
""",
        "ref.unknown-partner",
        7,
        34,
        "co_location.sites[0].partners[1]: partner 'cb' is not defined in partners",
        None,
        id="partner-in-site",
    ),
    pytest.param(
        """\
schema_version: 1
locality: {id: p, name: P}
data_sharing:
  agreements:
    - {id: isa, name: ISA, partners: [icb]}
""",
        "ref.unknown-partner",
        5,
        39,
        "data_sharing.agreements[0].partners[0]: partner 'icb' is not defined in partners",
        None,
        id="partner-in-agreement-without-partners-section",
    ),
    pytest.param(
        """\
schema_version: 1
locality: {id: p, name: P}
partners:
  - {id: ca, name: CA, sector: local_government}
goals:
  outcomes:
    - {id: healthy-working-lives, statement: Good work}
commissioning:
  arrangements:
    - id: a
      name: A
      partners: [ca]
      outcomes: [healthy-workinglives]
""",
        "ref.unknown-outcome",
        13,
        18,
        "commissioning.arrangements[0].outcomes[0]: "
        "outcome 'healthy-workinglives' is not defined in goals.outcomes",
        "healthy-working-lives",
        id="outcome-in-arrangement",
    ),
    pytest.param(
        """\
schema_version: 1
locality: {id: p, name: P}
waivers:
  - criterion: co-location.coverag
    reason: Second hub opens next year
""",
        "ref.unknown-criterion",
        4,
        16,
        "waivers[0].criterion: criterion 'co-location.coverag' is not defined in the rubric",
        "co-location.coverage",
        id="waiver-criterion",
    ),
    pytest.param(
        """\
schema_version: 1
locality: {id: p, name: P}
data_sharing:
  agreements:
    - id: isa
      name: ISA
      partners: []
      signed: 2024-03-01
      review_due: "2023-03-01"
""",
        "date.review-before-signed",
        9,
        19,
        "data_sharing.agreements[0].review_due: "
        "review due 2023-03-01 is before the agreement was signed on 2024-03-01",
        None,
        id="review-before-signed",
    ),
    pytest.param(
        """\
schema_version: 1
locality:
  id: p
  name: P
  constituents:
    - {code: E08000901, name: A, population: -310000}
""",
        "range.population",
        6,
        46,
        "locality.constituents[0].population: population -310000 is below 0",
        None,
        id="population-negative",
    ),
    pytest.param(
        """\
schema_version: 1
locality: {id: p, name: P}
goals:
  outcomes:
    - id: o
      statement: S
      target_year: 230
""",
        "range.target-year",
        7,
        20,
        "goals.outcomes[0].target_year: target year 230 is not between 2000 and 2100",
        None,
        id="target-year-too-early",
    ),
    pytest.param(
        """\
schema_version: 1
locality: {id: p, name: P}
goals:
  outcomes:
    - {id: o, statement: S, target_year: 2101}
""",
        "range.target-year",
        5,
        42,
        "goals.outcomes[0].target_year: target year 2101 is not between 2000 and 2100",
        None,
        id="target-year-too-late",
    ),
    pytest.param(
        """\
schema_version: 1
locality: {id: p, name: P}
partners:
  - {id: ns-icb, name: ICB, sector: health}
  - {id: ns-police, name: Police, sector: police}
  - {id: ns-icb, name: ICB again, sector: health}
""",
        "duplicate.id",
        6,
        10,
        "partners[2].id: id 'ns-icb' is already used by partners[0]",
        None,
        id="duplicate-partner-id",
    ),
    pytest.param(
        """\
schema_version: 1
locality: {id: p, name: P}
powers:
  - {id: skills, domain: skills, from: central, to: combined_authority}
  - {id: skills, domain: transport, from: central, to: combined_authority}
""",
        "duplicate.id",
        5,
        10,
        "powers[1].id: id 'skills' is already used by powers[0]",
        None,
        id="duplicate-power-id",
    ),
    pytest.param(
        """\
schema_version: 1
locality:
  id: p
  name: P
  constituents:
    - {code: E08000901, name: Alderton}
    - {code: E08000901, name: Brookfield}
""",
        "duplicate.code",
        7,
        14,
        "locality.constituents[1].code: code 'E08000901' is already used by locality.constituents[0]",
        None,
        id="duplicate-constituent-code",
    ),
    pytest.param(
        """\
schema_version: 1
locality: {id: p, name: P}
waivers:
  - {criterion: co-location.coverage, reason: Second hub next year}
  - {criterion: co-location.coverage, reason: Or the year after, expires: 2027-01-01}
""",
        "duplicate.waiver",
        5,
        17,
        "waivers[1].criterion: criterion 'co-location.coverage' is already used by waivers[0]",
        None,
        id="two-waivers-for-one-criterion",
    ),
    pytest.param(
        """\
schema_version: 1
locality:
  id: p
  name: P
  nation: england
  constituents:
    - {code: E06000001, name: A}
    - {code: W06000001, name: B}
""",
        "nation.contradicts-codes",
        5,
        11,
        "locality.nation: nation england contradicts the area codes: W06000001 is in wales",
        None,
        id="nation-against-codes",
    ),
]


@pytest.mark.parametrize(("text", "code", "line", "column", "message", "hint"), CASES)
def test_each_rule_reports_one_positioned_diagnostic(
    text: str, code: str, line: int, column: int, message: str, hint: str | None
) -> None:
    [diagnostic] = check_semantics(parse(text, "case.yaml"), CRITERIA)
    assert diagnostic.code == code
    assert (diagnostic.position.line, diagnostic.position.column) == (line, column)
    assert diagnostic.file == "case.yaml"
    expected = message if hint is None else f"{message} (did you mean '{hint}'?)"
    assert diagnostic.message == expected
    assert diagnostic.hint == hint


@pytest.mark.parametrize(
    ("nation", "codes", "warned"),
    [
        ("england", ["E06000001", "E08000901"], False),
        ("wales", ["W06000001"], False),
        ("scotland", ["S12000033"], False),
        ("northern_ireland", ["N09000001"], False),
        ("england", ["E06000001", "S12000033"], True),
        ("wales", ["E06000001"], True),
        ("england", ["X99"], False),  # not a GSS code: the schema's business, not this rule's
    ],
)
def test_nation_against_the_codes_is_a_warning(nation: str, codes: list[str], warned: bool) -> None:
    rows = "".join(f"    - {{code: {code}, name: N{i}}}\n" for i, code in enumerate(codes))
    text = f"schema_version: 1\nlocality:\n  id: p\n  name: P\n  nation: {nation}\n  constituents:\n{rows}"
    found = [d for d in check_semantics(parse(text, "n.yaml")) if d.code == "nation.contradicts-codes"]
    assert [d.severity for d in found] == (["warning"] if warned else [])


def test_waivers_go_unchecked_without_a_rubric() -> None:
    text = "schema_version: 1\nlocality: {id: p, name: P}\nwaivers:\n  - {criterion: nonsense, reason: R}\n"
    assert check_semantics(parse(text, "w.yaml")) == []
    assert [d.code for d in check_semantics(parse(text, "w.yaml"), CRITERIA)] == ["ref.unknown-criterion"]


def test_review_due_on_the_signing_day_is_fine() -> None:
    text = """\
schema_version: 1
locality: {id: p, name: P}
data_sharing:
  agreements:
    - {id: isa, name: ISA, partners: [], signed: 2024-03-01, review_due: 2024-03-01}
"""
    assert check_semantics(parse(text, "d.yaml")) == []


def test_diagnostics_come_in_file_order() -> None:
    text = """\
schema_version: 1
locality: {id: p, name: P}
goals:
  outcomes:
    - {id: o, statement: S, target_year: 1999, partners: [ghost]}
    - {id: o, statement: T}
"""
    found = check_semantics(parse(text, "o.yaml"))
    assert [(d.code, d.position.line) for d in found] == [
        ("range.target-year", 5),
        ("ref.unknown-partner", 5),
        ("duplicate.id", 6),
    ]


@pytest.mark.parametrize("path", sorted(Path(__file__).parent.parent.joinpath("examples").glob("*.yaml")))
def test_examples_are_semantically_clean(path: Path) -> None:
    assert check_semantics(load(path), CRITERIA) == []
