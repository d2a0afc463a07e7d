"""Robustness of a score to its weights (``assess --robustness``, devocheck/score/robustness.py).

The spec: /work/shared/spec/robustness.md. Hand-computed figures are for the shared example
(examples/north-shire.yaml, the same locality as shared/spec/example-locality.yaml).
"""

from __future__ import annotations

import json
import math
import statistics
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devocheck.pipeline import assess
from devocheck.rubric.model import load_rubric
from devocheck.score.report import Report
from devocheck.score.robustness import Settings, Weightings, analyse, factors, percentile, ranks
from tests.conftest import EXAMPLES, REPO, Runner

RUBRIC = load_rubric("ifg-2015")
GOLDEN_INPUTS = REPO / "tests" / "golden" / "inputs"
PLACES = [*sorted(EXAMPLES.glob("*.yaml")), GOLDEN_INPUTS / "borderline.yaml"]


def _report(path: Path) -> Report:
    return assess(path)


def _one(report: Report, spread: float = 0.25, draws: int = 1000, seed: int = 0) -> object:
    found = analyse([report], RUBRIC, Settings(draws=draws, seed=seed, spread=spread))[0]
    assert found is not None
    return found


# --- spread 0 -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", PLACES, ids=lambda p: p.stem)
def test_no_spread_collapses_the_interval_to_the_score_and_the_band_to_share_1(path: Path) -> None:
    report = _report(path)
    block = analyse([report], RUBRIC, Settings(draws=50, spread=0))[0]
    assert block is not None
    assert block.score_p5 == block.score_median == block.score_p95 == report.score  # to the last bit
    assert {entry.band: entry.share for entry in block.band_shares}[report.band] == 1
    assert block.band_stable
    assert all(entry.score == report.score and entry.factor == 1 for entry in block.one_at_a_time)


def test_a_score_exactly_on_a_band_boundary_keeps_its_band_at_spread_0() -> None:
    # one theme left counting, at 3 of 5 levels: exactly 60, the lowest maturing score
    base = _report(EXAMPLES / "north-shire.yaml")
    theme = base.themes[0]
    first = replace(theme.criteria[0], level=3, max_level=5, score=3 / 5, status="partial")
    waived = [replace(c, status="waived") for c in theme.criteria[1:]]
    emptied = tuple(
        replace(t, criteria=tuple(replace(c, status="waived") for c in t.criteria), score=None)
        for t in base.themes[1:]
    )
    themes = (replace(theme, criteria=(first, *waived), score=60.0), *emptied)
    report = replace(base, themes=themes, score=60.0, band="maturing", gate_failures=())
    block = analyse([report], RUBRIC, Settings(draws=20, spread=0))[0]
    assert block is not None
    assert block.score_p5 == 60.0
    assert [(e.band, e.share) for e in block.band_shares if e.share] == [("maturing", 1.0)]


# --- one at a time, by hand -------------------------------------------------------------------

#: North Shire's theme weights and exact theme scores (docs/scoring.md, worked example).
NORTH_SHIRE = {
    "goals": (3, Fraction(200, 3)),
    "commissioning": (3, Fraction(700, 9)),
    "co-location": (2, Fraction(100)),
    "data-sharing": (3, Fraction(250, 3)),
    "geography": (3, Fraction(550, 9)),
    "service-reform": (2, Fraction(75)),
    "funding": (1, Fraction(275, 6)),
    "ways-of-working": (1, Fraction(50)),
}


def test_one_at_a_time_scores_for_the_shared_example_recomputed_by_hand() -> None:
    report = _report(EXAMPLES / "north-shire.yaml")
    block = _one(report)
    expected = []
    for theme in NORTH_SHIRE:
        for factor in (Fraction(3, 4), Fraction(5, 4)):
            weights = {t: w * (factor if t == theme else 1) for t, (w, _) in NORTH_SHIRE.items()}
            total = sum(weights[t] * s for t, (_, s) in NORTH_SHIRE.items()) / sum(weights.values())
            expected.append((theme, float(factor), float(total), "maturing"))
    got = [(e.theme, e.factor, e.score, e.band) for e in block.one_at_a_time]  # type: ignore[attr-defined]
    assert [g[:2] for g in got] == [e[:2] for e in expected]  # rubric order, 0.75 before 1.25
    for (_, _, score, band), (_, _, want, want_band) in zip(got, expected, strict=True):
        assert score == pytest.approx(want, rel=1e-12)
        assert band == want_band
    # two of them by hand: (1312.5 - 0.25 x 3 x 200/3) / 17.25 and (1312.5 + 0.25 x 2 x 100) / 18.5
    assert got[0][2] == pytest.approx(1262.5 / 17.25, rel=1e-12)
    assert got[5][2] == pytest.approx(1362.5 / 18.5, rel=1e-12)
    assert block.band_stable  # type: ignore[attr-defined]


def test_a_theme_that_flips_the_band_is_named_with_the_band_it_gives() -> None:
    from devocheck.render._words import weight_verdict

    report = _report(GOLDEN_INPUTS / "borderline.yaml")
    block = analyse([report], RUBRIC, Settings(draws=10, spread=0.5))[0]
    assert block is not None
    flips = [(e.theme, e.factor, e.band) for e in block.one_at_a_time if e.band != report.band]
    # 1112.5 / 18 = 61.8; co-location (at 0) x1.5: 1112.5 / 19 = 58.6; data-sharing (83.3) x0.5:
    # (1112.5 - 1.5 x 250/3) / 16.5 = 59.8
    assert flips == [("co-location", 1.5, "emerging"), ("data-sharing", 0.5, "emerging")]
    assert [round(e.score, 1) for e in block.one_at_a_time if e.band != report.band] == [58.6, 59.8]
    assert not block.band_stable
    text = weight_verdict(report, block)
    assert "Band Maturing flips when one theme's weight moves ±50%" in text
    assert "Bringing organisations together weighted 50% more gives Emerging (58.5)" in text  # 58.55, cut
    assert "Sharing data weighted 50% less gives Emerging (59.8)" in text


def test_a_theme_whose_criteria_are_all_waived_is_left_out(tmp_path: Path) -> None:
    text = (EXAMPLES / "north-shire.yaml").read_text(encoding="utf-8")
    waiver = "  - {criterion: co-location.sites, reason: Both hubs are being rebuilt, expires: 2027-06-30}\n"
    path = tmp_path / "waived.yaml"
    path.write_text(text.replace("waivers:", "waivers:\n" + waiver.rstrip("\n"), 1), encoding="utf-8")
    report = _report(path)
    assert next(t for t in report.themes if t.id == "co-location").score is None
    block = _one(report)
    themes = [entry.theme for entry in block.one_at_a_time]  # type: ignore[attr-defined]
    assert "co-location" not in themes
    assert len(themes) == 2 * (len(report.themes) - 1)
    # and its factor cannot move the score: a huge one changes nothing
    wild = Weightings({"co-location": [100.0, 0.01]}, {"co-location.sites": [5.0, 0.2]}, 2).scores(report)
    assert wild == [report.score, report.score]


# --- determinism ----------------------------------------------------------------------------


def test_same_seed_gives_byte_identical_output_and_another_seed_other_draws(cli: Runner) -> None:
    files = [str(EXAMPLES / "north-shire.yaml"), str(GOLDEN_INPUTS / "borderline.yaml")]
    first = cli("assess", *files, "--robustness", "--seed", "7", "-f", "json")
    again = cli("assess", *files, "--robustness", "--seed", "7", "-f", "json")
    other = cli("assess", *files, "--robustness", "--seed", "8", "-f", "json")
    assert first.exit_code == again.exit_code == other.exit_code == 0
    assert first.stdout == again.stdout
    one, two = (json.loads(run.stdout)["reports"][1]["robustness"] for run in (first, other))
    assert one["score_p5"] != two["score_p5"]
    assert one["one_at_a_time"] == two["one_at_a_time"]  # not drawn
    assert factors("theme", "goals", Settings(seed=7)) != factors("theme", "goals", Settings(seed=8))


def test_factors_belong_to_their_id_whatever_else_the_rubric_or_run_holds() -> None:
    wanted = Settings(draws=5, seed=3)
    assert factors("criterion", "goals.prioritisation", wanted) == factors(
        "criterion", "goals.prioritisation", Settings(draws=5, seed=3)
    )
    assert factors("theme", "goals", wanted) != factors("criterion", "goals", wanted)
    assert all(0.75 <= f <= 1.25 for f in factors("theme", "goals", Settings(draws=500)))


def test_jobs_2_gives_what_jobs_1_gives(cli: Runner, tmp_path: Path) -> None:
    # more files than one chunk (16), so --jobs 2 really runs worker processes
    for index in range(5):
        for path in PLACES:
            text = path.read_text(encoding="utf-8").replace("id: ", f"id: p{index}-", 1)
            (tmp_path / f"{index}-{path.name}").write_text(text, encoding="utf-8")
    serial = cli("assess", tmp_path, "--robustness", "--draws", "200", "-f", "json", "-j", "1")
    parallel = cli("assess", tmp_path, "--robustness", "--draws", "200", "-f", "json", "-j", "2")
    assert serial.exit_code == 0, serial.stderr
    assert parallel.stdout == serial.stdout
    places = json.loads(serial.stdout)["reports"]
    assert len(places) == 25
    assert all("rank_median" in place["robustness"] for place in places)


# --- ranks ------------------------------------------------------------------------------------


def test_tied_scores_share_the_best_rank_of_their_tie() -> None:
    assert ranks([5.0, 7.0, 7.0, 1.0]) == [3, 1, 1, 4]
    assert ranks([2.0, 2.0, 2.0]) == [1, 1, 1]
    assert ranks([1.0, 2.0, 3.0]) == [3, 2, 1]


def test_identical_places_share_rank_1_in_every_draw_and_others_rank_below() -> None:
    north = _report(EXAMPLES / "north-shire.yaml")
    low = _report(EXAMPLES / "fenwold.yaml")
    blocks = analyse([north, low, north], RUBRIC, Settings(draws=100))
    found = [
        None if b is None or b.ranks is None else (b.ranks.median, b.ranks.p5, b.ranks.p95) for b in blocks
    ]
    assert found == [(1, 1, 1), (3, 3, 3), (1, 1, 1)]


def test_a_single_place_or_another_rubric_gets_no_rank_and_no_block() -> None:
    north = _report(EXAMPLES / "north-shire.yaml")
    alone = analyse([north], RUBRIC, Settings(draws=10))[0]
    assert alone is not None and alone.ranks is None
    other = replace(north, rubric=replace(north.rubric, version=north.rubric.version + 1))
    blocks = analyse([north, other], RUBRIC, Settings(draws=10))
    assert blocks[1] is None
    assert blocks[0] is not None and blocks[0].ranks is None  # one place ranked is no ranking


# --- properties -------------------------------------------------------------------------------

SHAPES = [_report(path) for path in PLACES]


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """A real report with its criteria given other levels and waivers (robustness reads only those)."""
    base = draw(st.sampled_from(SHAPES))
    themes = []
    for theme in base.themes:
        criteria = []
        for c in theme.criteria:
            level = draw(st.integers(0, c.max_level))
            status = "waived" if draw(st.integers(0, 5)) == 0 else "partial"
            criteria.append(replace(c, level=level, score=level / c.max_level, status=status))
        counted = [c for c in criteria if c.status != "waived"]
        mean = sum(c.weight * c.score for c in counted) / sum(c.weight for c in counted) if counted else None
        themes.append(replace(theme, criteria=tuple(criteria), score=None if mean is None else 100 * mean))
    report = replace(base, themes=tuple(themes))
    score = Weightings({}, {}, 1).scores(report)[0]
    gated = draw(st.booleans())
    from devocheck.score.scoring import band_of

    return replace(
        report,
        score=score,
        band=band_of(RUBRIC, score, capped=gated),
        gate_failures=("goals.shared-outcomes",) if gated else (),
    )


def _theme_scores(report: Report) -> dict[str, tuple[float, float]]:
    """Each counted theme's (weight, score), computed here from the criteria."""
    found = {}
    for theme in report.themes:
        counted = [c for c in theme.criteria if c.status != "waived"]
        if counted:
            mean = sum(c.weight * c.score for c in counted) / sum(c.weight for c in counted)
            found[theme.id] = (theme.weight, 100 * mean)
    return found


def _without(score: float, total: float, weight: float, own: float) -> float:
    """The overall score with one theme (``weight``, ``own`` score) left out; the same when it is alone."""
    return score if total == weight else (score * total - weight * own) / (total - weight)


@settings(max_examples=60, deadline=None)
@given(reports(), st.integers(1, 60), st.integers(-(2**31), 2**31), st.floats(0, 0.95))
def test_interval_shares_and_one_at_a_time_stay_where_the_weights_allow(
    report: Report, draws: int, seed: int, spread: float
) -> None:
    block = analyse([report], RUBRIC, Settings(draws=draws, seed=seed, spread=spread))[0]
    assert block is not None
    assert block.score_p5 <= block.score_median <= block.score_p95
    assert math.isclose(math.fsum(e.share for e in block.band_shares), 1.0)
    assert [e.band for e in block.band_shares] == [b.name for b in RUBRIC.bands]
    levels = [100 * c.score for c in report.criteria if c.status != "waived"]
    if levels:  # whatever the weights, a weighted mean of means lies within the criterion scores
        assert min(levels) - 1e-9 <= block.score_p5 and block.score_p95 <= max(levels) + 1e-9
    themes = _theme_scores(report)
    total = sum(w for w, _ in themes.values())
    assert [e.theme for e in block.one_at_a_time][::2] == list(themes)
    for entry in block.one_at_a_time:
        weight, own = themes[entry.theme]
        # the overall score when one theme's weight is multiplied by f, everything else held
        moved = (report.score * total + (entry.factor - 1) * weight * own) / (
            total + (entry.factor - 1) * weight
        )
        assert entry.score == pytest.approx(moved, rel=1e-9, abs=1e-9)
        # more weight moves the score towards the theme's own score; less, towards the others' mean
        toward = own if entry.factor > 1 else _without(report.score, total, weight, own)
        assert min(report.score, toward) - 1e-9 <= entry.score <= max(report.score, toward) + 1e-9


@given(st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=50), st.sampled_from([0.05, 0.5, 0.95]))
def test_percentile_is_linear_interpolation_between_order_statistics(values: list[float], q: float) -> None:
    ordered = sorted(values)
    # statistics' "inclusive" method is the same definition (numpy's default "linear")
    cuts = statistics.quantiles(ordered, n=20, method="inclusive")
    expected = {0.05: cuts[0], 0.5: cuts[9], 0.95: cuts[18]}[q]
    assert percentile(ordered, q) == pytest.approx(expected, rel=1e-9, abs=1e-6)
    assert percentile([3.5] * len(values), q) == 3.5
    assert percentile([4.25], q) == 4.25


# --- the command line -------------------------------------------------------------------------


def test_min_band_share_fails_a_run_whose_band_holds_in_too_few_draws(cli: Runner) -> None:
    place = GOLDEN_INPUTS / "borderline.yaml"  # maturing in 88.8 % of the default draws
    strict = cli("assess", place, "--min-band", "maturing", "--min-band-share", "0.95", "-f", "github")
    assert strict.exit_code == 1
    assert "band maturing or higher in 88.8% of 1000 weight draws, under 95.0%" in strict.stderr
    assert "::error file=" in strict.stdout and "weight draws" in strict.stdout
    loose = cli("assess", place, "--min-band", "maturing", "--min-band-share", "0.85", "-f", "json")
    assert loose.exit_code == 0, loose.stderr
    assert "robustness" in json.loads(loose.stdout)["reports"][0]  # the threshold asks for the analysis


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--min-band-share", "0.9"), "needs --min-band"),
        (("--seed", "3"), "needs --robustness"),
        (("--robustness", "--spread", "1"), "below 1"),
        (("--robustness", "--draws", "0"), "--draws"),
    ],
)
def test_robustness_usage_errors_exit_2(cli: Runner, args: tuple[str, ...], message: str) -> None:
    run = cli("assess", EXAMPLES / "north-shire.yaml", *args)
    assert run.exit_code == 2
    assert message in run.stderr


def test_the_config_file_sets_the_same_keys(
    cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "devocheck.toml").write_text(
        "robustness = true\ndraws = 40\nseed = 5\nspread = 0.1\n"
        "min-band = 'maturing'\nmin-band-share = 0.5\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    run = cli("assess", EXAMPLES / "north-shire.yaml", "-f", "json")
    assert run.exit_code == 0, run.stderr
    block = json.loads(run.stdout)["reports"][0]["robustness"]
    assert (block["draws"], block["seed"], block["spread"]) == (40, 5, 0.1)
    (tmp_path / "devocheck.toml").write_text("draws = 40\n", encoding="utf-8")
    plain = cli("assess", EXAMPLES / "north-shire.yaml", "-f", "json")  # tunes a later --robustness only
    assert plain.exit_code == 0 and "robustness" not in json.loads(plain.stdout)["reports"][0]


@pytest.mark.parametrize("case", ["north-shire-robustness", "batch-robustness"])
def test_the_json_block_matches_the_report_schema(case: str) -> None:
    from jsonschema import Draft202012Validator

    from devocheck.schemas import load_schema

    validator = Draft202012Validator(
        load_schema("report"), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    data = json.loads((REPO / "tests" / "golden" / "json" / f"{case}.json").read_text(encoding="utf-8"))
    validator.validate(data)
    places = [item for item in data["reports"] if item["valid"]]
    for place in places:
        block = place["robustness"]
        assert list(block["band_shares"]) == [band.name for band in RUBRIC.bands]
        assert ("rank_median" in block) == (len(places) > 1)
    broken = dict(places[0], robustness=dict(places[0]["robustness"], rank_median=1.0))
    broken["robustness"].pop("rank_p5", None)
    assert not validator.is_valid(dict(data, reports=[broken]))  # rank fields come together
