"""``ifg-2015`` version 2: no score rises by leaving a fact out or by an entry that says nothing.

The six findings of issue 11 as tests with their right values, and a property test over
generated localities. The level-by-level boundaries are in ``test_criteria_levels.py``.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devocheck.load.loader import load
from devocheck.load.positions import NoPositions
from devocheck.model import Document, LoaderKind, Source
from devocheck.render import format_names, render
from devocheck.rubric.model import load_rubric, load_rubric_file
from devocheck.score.probe import vacuous_levels
from devocheck.score.report import Report, cut, percent
from devocheck.score.scoring import evaluate
from tests.conftest import EXAMPLES, REPO, Runner

DAY = date(2026, 11, 1)
RUBRIC = load_rubric("ifg-2015")


def scored(data: dict[str, Any]) -> Report:
    return evaluate(Document(Source("<test>", "0" * 64, LoaderKind.PURE), data, NoPositions()), RUBRIC, DAY)


def levels(report: Report) -> dict[str, int]:
    return {r.criterion: r.level for r in report.criteria}


def result(report: Report, criterion: str) -> Any:
    return next(r for r in report.criteria if r.criterion == criterion)


def north_shire() -> dict[str, Any]:
    data = yaml.safe_load((EXAMPLES / "north-shire.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


# --- 1. unknown footprints ------------------------------------------------------------------

FOUR = ["E08000901", "E08000902", "E08000903", "E08000904"]


def four_councils(hide: bool) -> dict[str, Any]:
    """North Shire on four councils, two ICBs and two police forces (all core) each covering part.

    ``hide``: the four footprints are deleted and the core employment partner states the area.
    """
    data = north_shire()
    data["locality"]["constituents"].append({"code": "E08000904", "name": "Dunmore"})
    split = {
        "ns-icb": FOUR[:2],
        "ns-icb-south": FOUR[2:],
        "ns-police": [FOUR[0], FOUR[2]],
        "ns-police-west": [FOUR[1], FOUR[3]],
    }
    data["partners"] = [
        {
            "id": "nsca",
            "name": "Combined authority",
            "sector": "local_government",
            "core": True,
            "covers": FOUR,
        },
        *(
            {"id": key, "name": key, "sector": key.split("-")[1].replace("icb", "health"), "core": True}
            for key in split
        ),
        {"id": "jcp-north", "name": "Jobcentre Plus", "sector": "employment", "core": True},
        {"id": "ns-vcse", "name": "Voluntary action", "sector": "voluntary"},
    ]
    for partner in data["partners"]:
        if partner["id"] in split and not hide:
            partner["covers"] = split[partner["id"]]
        if partner["id"] == "jcp-north" and hide:
            partner["covers"] = FOUR
    return data


def test_deleting_the_footprints_that_split_the_area_does_not_raise_coterminosity() -> None:
    honest, hidden = scored(four_councils(hide=False)), scored(four_councils(hide=True))
    for report in (honest, hidden):
        assert result(report, "geography.coterminosity").level == 1  # version 1 gave the hidden file 4
        assert report.evidence_coverage == 1.0
    assert hidden.score <= honest.score
    assert hidden.band == honest.band
    facts = result(hidden, "geography.coterminosity").facts
    assert "footprint not stated: ns-icb, ns-icb-south, ns-police, ns-police-west" in facts
    assert "footprint not stated: jcp-north" in result(honest, "geography.coterminosity").facts
    step = next(s for s in hidden.plan if s.criterion == "geography.coterminosity")
    assert step.to_level == 2 and "states its footprint" in step.description


# --- 2. placeholders pass no gate -------------------------------------------------------------

PLACEHOLDERS = """\
schema_version: 1
locality: {id: draft, name: Draft, constituents: [{code: E08000001, name: Alderton}]}
partners: [{id: ca, name: Combined Authority, sector: local_government, core: true}]
data_sharing: {agreements: [{id: x, name: Draft, partners: []}]}
goals: {outcomes: [{id: o, statement: TBC, partners: []}]}
"""


def test_placeholders_give_level_0_on_both_gates_and_fail_the_gate_check(cli: Runner, tmp_path: Path) -> None:
    path = tmp_path / "draft.yaml"
    path.write_text(PLACEHOLDERS, encoding="utf-8")
    report = scored(load(path).data)
    assert report.gate_failures == ("goals.shared-outcomes", "data-sharing.agreements")
    assert result(report, "data-sharing.agreements").facts == "0 of 1 agreements name two or more partners"
    assert result(report, "goals.shared-outcomes").facts == "0 of 1 outcomes stated with a partner signed up"
    run = cli("assess", path, "--fail-on-gate", "--date", "2026-11-01")
    assert run.exit_code == 1
    assert "gate at level 0: goals.shared-outcomes, data-sharing.agreements" in run.stderr


# --- 3. a power that does not move -----------------------------------------------------------

STILL = """\
schema_version: 1
locality: {id: t, name: T, constituents: [{code: E08000001, name: Alderton}]}
powers:
  - {id: skills, domain: skills, from: central, to: combined_authority}
  - {id: p, domain: health, from: central, to: central}
"""


def test_a_power_that_does_not_move_counts_nowhere_and_validate_warns_at_it(
    cli: Runner, tmp_path: Path
) -> None:
    data = north_shire()
    before = scored(data)
    data["powers"].append({"id": "p", "domain": "health", "from": "central", "to": "central"})
    after = scored(data)
    assert levels(after) == levels(before) and after.score == before.score
    assert after.metrics["powers.count"].value == before.metrics["powers.count"].value == 3

    path = tmp_path / "still.yaml"
    path.write_text(STILL, encoding="utf-8")
    column = STILL.splitlines()[4].index("to: central") + len("to: ") + 1
    run = cli("validate", path)
    assert run.exit_code == 0
    assert run.stdout == (
        f"{path}:5:{column}: warning: powers[1].to: power 'p' moves from central to central: nothing "
        "moves, so it counts in no score (say where it moves from, or remove it)\n"
    )
    assert "1 of 1 file valid; 1 warning" in run.stderr
    (assessed,) = json.loads(cli("assess", path, "--format", "json", "--date", "2026-11-01").stdout)[
        "reports"
    ]
    assert [(w["code"], w["line"], w["column"]) for w in assessed["warnings"]] == [
        ("power.not-a-move", 5, column)
    ]
    assert assessed["metrics"]["powers.count"]["value"] == 1


# --- 4. no core partner declared ---------------------------------------------------------------


def test_declaring_no_core_partner_scores_no_higher_and_says_so() -> None:
    honest = north_shire()
    hidden = copy.deepcopy(honest)
    for partner in hidden["partners"]:
        partner["core"] = False
    before, after = scored(honest), scored(hidden)
    assert after.score < before.score
    assert all(after_level <= levels(before)[key] for key, after_level in levels(after).items())
    agreements = result(after, "data-sharing.agreements")
    assert (agreements.level, agreements.facts) == (3, "no core partner is declared")
    coterminosity = result(after, "geography.coterminosity")
    assert (coterminosity.status, coterminosity.facts) == (
        "no-evidence",
        "no evidence: no core partner is declared",
    )


# --- 5. the shown score never contradicts the band ---------------------------------------------


@pytest.mark.parametrize("name", format_names())
def test_every_format_shows_59_954_as_59_9_beside_emerging(name: str) -> None:
    report = replace(scored(north_shire()), score=59.954, band="emerging", uncapped_band="emerging")
    shown = render([report], name)
    if name == "html":  # SVG geometry may hold any number: look at the text only
        shown = re.sub(r"<[^>]*>", " ", shown)
    assert "60.0" not in shown
    if name == "json":
        (entry,) = json.loads(shown)["reports"]
        assert (entry["score"], entry["score_display"]) == (59.954, "59.9")
    elif name not in ("sarif",):
        assert "59.9" in shown


def test_csv_rows_at_40_agree_with_their_bands() -> None:
    base = scored(north_shire())
    rows = [replace(base, score=39.96, band="not-ready"), replace(base, score=40.0, band="emerging")]
    lines = render(rows, "csv").splitlines()[1:]
    assert [line.split(",")[3:5] for line in lines] == [["39.9", "not-ready"], ["40.0", "emerging"]]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (59.954, "59.9"),
        (59.99999, "59.9"),
        (60.0, "60.0"),
        (100.0, "100.0"),
        (0.0, "0.0"),
        (66.666, "66.6"),
        (28.999999999999996, "28.9"),  # cut as the band sees it
        (-0.04, "0.0"),
        (-0.96, "-0.9"),
    ],
)
def test_cut_never_rounds_up(value: float, shown: str) -> None:
    assert cut(value) == shown


def test_coverage_is_cut_to_a_whole_percent() -> None:
    assert (percent(0.999), percent(1.0), percent(0.29)) == ("99%", "100%", "29%")


# --- 6. a schema: condition copied from the docs -----------------------------------------------

VACUOUS = "{schema: {properties: {funding: {properties: {settlement_years: {minimum: 10}}}}}}"


def docs_schema_example() -> str:
    text = (REPO / "docs" / "rubric-authoring.md").read_text(encoding="utf-8")
    start = text.index("`{schema: {required: [funding]")
    return text[start + 1 : text.index("`", start + 1)]


def custom_rubric(tmp_path: Path, condition: str) -> Path:
    text = (
        (REPO / "rubrics" / "ifg-2015.yaml").read_text(encoding="utf-8").replace("id: ifg-2015", "id: mine")
    )
    old = "when: {metric: funding.settlement_years, gte: 1}"
    assert text.count(old) == 1
    path = tmp_path / f"mine-{len(list(tmp_path.iterdir()))}.yaml"
    path.write_text(text.replace(old, f"when: {condition}"), encoding="utf-8")
    return path


def test_rubric_check_warns_about_the_vacuous_schema_condition(cli: Runner, tmp_path: Path) -> None:
    path = custom_rubric(tmp_path, VACUOUS)
    run = cli("rubric", "check", path)
    assert run.exit_code == 0
    (warning, ok) = run.stdout.splitlines()
    assert warning.startswith(f"{path}:")
    assert (
        "funding.settlement reaches level 1 on a locality that has every section present but empty" in warning
    )
    assert ok.startswith(f"{path}: ok: mine v2")


def test_the_docs_schema_example_gives_nothing_for_silence(tmp_path: Path) -> None:
    path = custom_rubric(tmp_path, docs_schema_example())
    rubric = load_rubric_file(path)
    assert vacuous_levels(rubric, load(path)) == []
    data = {"schema_version": 1, "locality": {"id": "x", "name": "x", "constituents": []}}
    on = Document(Source("<t>", "0" * 64, LoaderKind.PURE), data, NoPositions())
    for funding, level in (({}, 0), ({"settlement_years": 9}, 0), ({"settlement_years": 10}, 3)):
        report = evaluate(replace(on, data={**data, "funding": funding}), rubric, DAY)
        assert result(report, "funding.settlement").level == level, funding


def test_the_builtin_rubric_has_no_level_that_absence_reaches() -> None:
    path = Path(RUBRIC.file)
    assert vacuous_levels(RUBRIC, load(path)) == []


# --- beyond the six --------------------------------------------------------------------------


def test_a_waiver_without_a_stated_reason_does_not_apply() -> None:
    data = north_shire()
    data["waivers"] = [{"criterion": "ways-of-working.central", "reason": "TBC"}]
    report = scored(data)
    central = result(report, "ways-of-working.central")
    assert (central.status, central.level) == ("unmet", 0)
    assert [(w.code, w.message) for w in report.warnings] == [
        (
            "waiver.no-reason",
            "waiver for ways-of-working.central gives no reason ('TBC'): the criterion is scored",
        )
    ]
    assert "NO REASON GIVEN, no longer applies" in render([report], "rich")


def test_a_partner_named_twice_in_one_list_is_refused(cli: Runner, tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text(
        "schema_version: 1\n"
        "locality: {id: t, name: T, constituents: [{code: E08000001, name: Alderton}]}\n"
        "partners: [{id: ca, name: CA, sector: local_government}]\n"
        "co_location: {sites: [{name: Hub, partners: [ca, ca]}]}\n",
        encoding="utf-8",
    )
    run = cli("validate", path)
    assert run.exit_code == 2
    assert f"{path}:4:" in run.stdout and "co_location.sites[0].partners" in run.stdout


# --- the property: hiding facts never pays ---------------------------------------------------

CODES = ["E08000001", "E08000002", "E08000003"]
SECTORS = ["local_government", "health", "police", "employment", "voluntary"]
LEVELS = ["central", "regional", "combined_authority", "local_authority", "neighbourhood"]
DOMAINS = ["health", "housing", "skills", "transport", "welfare", "other"]
IDS = [f"p{i}" for i in range(5)]

partner_ids = st.lists(st.sampled_from(IDS), unique=True, max_size=4)


@st.composite
def localities(draw: st.DrawFn) -> dict[str, Any]:
    partners = [
        {
            "id": key,
            "name": key,
            "sector": draw(st.sampled_from(SECTORS)),
            "core": draw(st.booleans()),
            **(
                {"covers": draw(st.lists(st.sampled_from([*CODES, "E09000001"]), unique=True))}
                if draw(st.booleans())
                else {}
            ),
        }
        for key in IDS
    ]
    outcomes = [
        {
            "id": f"o{i}",
            "statement": draw(st.sampled_from(["Fewer crises", "TBC"])),
            "partners": draw(partner_ids),
            **({"cohort": "families"} if draw(st.booleans()) else {}),
            **({"priority": draw(st.integers(1, 3))} if draw(st.booleans()) else {}),
            "budget_aligned": draw(st.booleans()),
            "measure": "m",
            "baseline": 1,
            "target": 2,
            "target_year": 2030,
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    arrangements = [
        {
            "id": f"a{i}",
            "name": "a",
            "partners": draw(partner_ids),
            "outcomes": draw(st.lists(st.sampled_from([o["id"] for o in outcomes]), unique=True))
            if outcomes
            else [],
            "outcomes_based": draw(st.booleans()),
            "budget": {"type": draw(st.sampled_from(["pooled", "aligned"]))},
            "term_years": draw(st.integers(0, 6)),
            "includes_vcse": draw(st.booleans()),
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    sites = [
        {
            "name": f"s{i}",
            "partners": draw(partner_ids),
            "areas": draw(st.lists(st.sampled_from(CODES), unique=True)),
            "shared_front_door": draw(st.booleans()),
            "integrated_team": draw(st.booleans()),
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    agreements = [
        {
            "id": f"g{i}",
            "name": "g",
            "partners": draw(partner_ids),
            **({"signed": "2026-01-01"} if draw(st.booleans()) else {}),
            **({"lawful_basis": "public_task"} if draw(st.booleans()) else {}),
            "dpia_completed": draw(st.booleans()),
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    powers = [
        {
            "id": f"w{i}",
            "domain": draw(st.sampled_from(DOMAINS)),
            "from": draw(st.sampled_from(LEVELS)),
            "to": draw(st.sampled_from(LEVELS)),
            "funded": draw(st.booleans()),
            "local_delivery": draw(st.booleans()),
        }
        for i in range(draw(st.integers(0, 4)))
    ]
    return {
        "schema_version": 1,
        "locality": {"id": "t", "name": "T", "constituents": [{"code": c, "name": c} for c in CODES]},
        "partners": partners,
        "goals": {"outcomes": outcomes, "last_reviewed": "2026-06-30"},
        "commissioning": {"arrangements": arrangements},
        "co_location": {"sites": sites},
        "data_sharing": {"agreements": agreements, "ig_lead_named": True},
        "powers": powers,
        "funding": {"settlement_years": draw(st.integers(0, 6))},
    }


def assert_no_higher(hidden: dict[str, Any], honest: dict[str, Any]) -> None:
    before, after = scored(honest), scored(hidden)
    raised = {
        key: (levels(before)[key], level)
        for key, level in levels(after).items()
        if level > levels(before)[key]
    }
    assert raised == {}
    assert after.score <= before.score + 1e-9


LISTS = (
    ("goals", "outcomes"),
    ("commissioning", "arrangements"),
    ("co_location", "sites"),
    ("data_sharing", "agreements"),
)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(localities(), st.data())
def test_removing_a_core_partners_covers_never_raises_a_level(
    data: dict[str, Any], pick: st.DataObject
) -> None:
    stated = [p for p in data["partners"] if p["core"] and "covers" in p]
    if not stated:
        return
    hidden = copy.deepcopy(data)
    target = pick.draw(st.sampled_from([p["id"] for p in stated]))
    next(p for p in hidden["partners"] if p["id"] == target).pop("covers")
    assert_no_higher(hidden, data)


@PROPERTY
@given(localities(), st.data())
def test_emptying_an_entrys_partner_list_never_raises_a_level(
    data: dict[str, Any], pick: st.DataObject
) -> None:
    entries = [(section, key, i) for section, key in LISTS for i in range(len(data[section][key]))]
    if not entries:
        return
    section, key, index = pick.draw(st.sampled_from(entries))
    hidden = copy.deepcopy(data)
    hidden[section][key][index]["partners"] = []
    assert_no_higher(hidden, data)


@PROPERTY
@given(localities())
def test_unmarking_every_core_partner_never_raises_a_level(data: dict[str, Any]) -> None:
    hidden = copy.deepcopy(data)
    for partner in hidden["partners"]:
        partner["core"] = False
    assert_no_higher(hidden, data)


@PROPERTY
@given(localities(), st.sampled_from(DOMAINS), st.sampled_from(LEVELS), st.booleans())
def test_adding_a_power_that_does_not_move_changes_nothing(
    data: dict[str, Any], domain: str, level: str, funded: bool
) -> None:
    before = scored(data)
    data["powers"].append({"id": "still", "domain": domain, "from": level, "to": level, "funded": funded})
    after = scored(data)
    assert [(r.criterion, r.level, r.facts) for r in after.criteria] == [
        (r.criterion, r.level, r.facts) for r in before.criteria
    ]
    assert after.score == before.score


@PROPERTY
@given(localities())
def test_the_shown_score_is_never_across_a_band_boundary(data: dict[str, Any]) -> None:
    report = scored(data)
    assert RUBRIC.band(float(report.score_display)) == report.uncapped_band
    assert float(report.score_display) <= report.score < float(report.score_display) + 0.1
