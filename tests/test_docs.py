"""The docs stay true: every schema property and metric is documented, examples run, figures add up.

``python -m tests.test_docs`` rewrites the generated metrics table in rubric-authoring.md.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from devocheck.load.loader import parse
from devocheck.measure import METRICS
from devocheck.pipeline import assess
from devocheck.rubric.conditions import FORMS, OPERATORS
from devocheck.rubric.model import load_rubric
from devocheck.schemas import load_schema
from devocheck.score.cases import load_cases, run_cases
from devocheck.score.report import cut
from tests.conftest import EXAMPLES, REPO, schema_properties

DOCS = REPO / "docs"
AUTHORING = DOCS / "rubric-authoring.md"
TABLE_START = (
    "<!-- metrics table: generated from devocheck.measure.METRICS; "
    "regenerate with `python -m tests.test_docs` -->\n"
)
TABLE_END = "<!-- end of metrics table -->"


def metric_table() -> str:
    """The markdown table of every registered metric, in registry order."""
    rows = [
        f"| `{m.name}` | {m.kind.word} | {', '.join(m.sections)} | {m.description} |"
        for m in METRICS.values()
    ]
    return "\n".join(["| metric | kind | reads | what it measures |", "|---|---|---|---|", *rows]) + "\n"


def _table_in(text: str) -> str:
    return text.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0]


def test_locality_format_mentions_every_property_of_the_schema() -> None:
    text = (DOCS / "locality-format.md").read_text(encoding="utf-8")
    missing = sorted(
        {
            name
            for name in schema_properties(load_schema("locality"))
            if f"`{name}`" not in text and f"{name}:" not in text
        }
    )
    assert missing == []


def test_rubric_authoring_lists_every_metric_from_the_registry() -> None:
    text = AUTHORING.read_text(encoding="utf-8")
    assert _table_in(text) == metric_table(), "run `python -m tests.test_docs` to regenerate the table"
    for name in METRICS:
        assert f"`{name}`" in text


def test_rubric_authoring_documents_every_condition_form_and_rubric_key() -> None:
    text = AUTHORING.read_text(encoding="utf-8")
    for word in (*FORMS, *OPERATORS):
        assert f"`{word}`" in text or f"{{{word}:" in text or f"{word}:" in text, word
    missing = sorted(
        name
        for name in schema_properties(load_schema("rubric"))
        if f"{name}:" not in text and f"`{name}`" not in text
    )
    assert missing == []


def test_rubric_authoring_cases_example_runs_and_passes() -> None:
    text = AUTHORING.read_text(encoding="utf-8")
    example = next(block for block in re.findall(r"```yaml\n(.*?)```", text, re.S) if "cases:" in block)
    rubric = load_rubric("ifg-2015")
    cases = load_cases(parse(example, "rubric-authoring.md"), rubric)
    assert cases[0].assessment_date == date(2026, 11, 1)
    results = run_cases(cases, rubric, today=date(2000, 1, 1))
    assert [r.mismatches for r in results] == [()]


def _rows(text: str, header: str) -> list[list[str]]:
    """The body rows of the markdown table whose header row is ``header``."""
    lines = text.splitlines()
    start = lines.index(header) + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_scoring_worked_example_figures_recompute() -> None:
    text = (DOCS / "scoring.md").read_text(encoding="utf-8")
    report = assess(EXAMPLES / "north-shire.yaml")
    results = {r.criterion: r for r in report.criteria}
    rows = _rows(text, "| theme | criterion | level | max | weight | score |")
    assert [row[1] for row in rows] == list(results)

    sums: dict[str, list[float]] = {}
    for theme, criterion, level, top, weight, score in rows:
        result = results[criterion]
        assert (theme, int(level), int(top), float(weight)) == (
            result.theme,
            result.level,
            result.max_level,
            result.weight,
        )
        assert (score == "waived") == (result.status == "waived")
        if score != "waived":
            assert float(score) == pytest.approx(int(level) / int(top), abs=5e-4)
            totals = sums.setdefault(theme, [0.0, 0.0])
            totals[0] += float(weight) * int(level) / int(top)
            totals[1] += float(weight)

    themes = _rows(text, "| theme | weight | score |")
    assert [row[0] for row in themes] == [t.id for t in report.themes]
    overall = [0.0, 0.0]
    for (theme, weight, score), result in zip(themes, report.themes, strict=True):
        recomputed = 100 * sums[theme][0] / sums[theme][1]
        assert score == cut(recomputed) == cut(result.score)
        assert float(weight) == result.weight
        overall[0] += float(weight) * recomputed
        overall[1] += float(weight)

    score = overall[0] / overall[1]
    assert score == pytest.approx(report.score)
    assert f"= 1312.5 / {overall[1]:g} = {cut(score)}" in text
    assert f"{cut(score)} is at least 60 and below 80: **{report.band}**" in text
    top = report.plan[0]
    assert f"would add 100 \N{MULTIPLICATION SIGN} (1/9) / 4 = **{cut(top.gain)}** points" in text
    assert top.criterion == "data-sharing.agreements"


def test_scoring_robustness_worked_example_recomputes() -> None:
    from devocheck.rubric.model import load_rubric
    from devocheck.score.robustness import Settings, analyse

    text = (DOCS / "scoring.md").read_text(encoding="utf-8")
    rubric = load_rubric("ifg-2015")
    report = assess(EXAMPLES / "north-shire.yaml")
    block = analyse([report], rubric, Settings())[0]
    assert block is not None
    rows = _rows(
        text, "| theme | weight \N{MULTIPLICATION SIGN} 0.75 | weight \N{MULTIPLICATION SIGN} 1.25 |"
    )
    entries = block.one_at_a_time
    assert [(row[0], row[1], row[2]) for row in rows] == [
        (low.theme, f"{low.score:.2f}", f"{high.score:.2f}")
        for low, high in zip(entries[::2], entries[1::2], strict=True)
    ]
    themes = {theme.id: (theme.weight, theme.score) for theme in report.themes}
    total = sum(weight for weight, _ in themes.values())
    weighted = sum(weight * (score or 0) for weight, score in themes.values())
    assert f"{weighted:g}" == "1312.5"
    goals = (weighted - 0.25 * themes["goals"][0] * (themes["goals"][1] or 0)) / (total - 0.75)
    assert f"= {weighted - 0.75 * (themes['goals'][1] or 0):g} / {total - 0.75:g} = **{goals:.2f}**" in text
    assert block.band_stable and report.band == "maturing"
    interval = (
        f"**{block.score_p5:.1f} to {block.score_p95:.1f}** (5\N{EN DASH}95 %), "
        f"median **{block.score_median:.1f}**"
    )
    assert interval in text
    assert {e.band: e.share for e in block.band_shares}["maturing"] == 1.0
    border = analyse([assess(REPO / "tests/golden/inputs/borderline.yaml")], rubric, Settings())[0]
    assert border is not None and border.band_stable
    assert f"only {100 * border.share_at_least('maturing'):.1f} % of the draws stay" in text


def _regenerate(path: Path = AUTHORING) -> None:
    text = path.read_text(encoding="utf-8")
    before, rest = text.split(TABLE_START, 1)
    after = rest.split(TABLE_END, 1)[1]
    path.write_text(before + TABLE_START + metric_table() + TABLE_END + after, encoding="utf-8")


if __name__ == "__main__":
    _regenerate()
