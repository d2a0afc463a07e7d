"""Words for a board: plain labels, names not codes, no-evidence as such, advice for this file.

The human formats (rich, markdown, html) are read by people who do not know the file format's
codes; each check here runs on all three, so a fix in one cannot leave another behind.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from devocheck.cli.inputs import shown
from devocheck.pipeline import assess, outcome
from devocheck.render import RenderOptions, render
from devocheck.render._labels import LABELS, label, status_label
from devocheck.rubric.model import load_rubric
from devocheck.schemas import load_schema
from devocheck.score.report import STATUSES
from tests.conftest import EXAMPLES, REPO, Runner

HUMAN = ("rich", "markdown", "html")


def text_of(fmt: str, *names: str) -> str:
    """What a reader sees: HTML without its tags (and the style block), the others as printed."""
    rendered = render([outcome(f"examples/{name}.yaml") for name in names], fmt)
    if fmt == "html":
        rendered = re.sub(r"<style>.*?</style>", "", rendered, flags=re.DOTALL)
        rendered = re.sub(r"<[^>]+>", " ", rendered)
    return rendered


@pytest.fixture(autouse=True)
def _from_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def _schema_enums(node: object, field: str) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == field and isinstance(value, dict) and "enum" in value:
                found |= set(value["enum"])
            found |= _schema_enums(value, field)
    elif isinstance(node, list):
        for item in node:
            found |= _schema_enums(item, field)
    return found


@pytest.mark.parametrize(
    ("table", "field"),
    [("kind", "kind"), ("nation", "nation"), ("sector", "sector"), ("domain", "domain"), ("tier", "from")],
)
def test_every_coded_value_of_the_format_has_a_label(table: str, field: str) -> None:
    codes = _schema_enums(load_schema("locality"), field)
    assert codes and codes <= set(LABELS[table]), sorted(codes - set(LABELS[table]))


def test_every_band_and_status_has_a_label() -> None:
    assert {band.name for band in load_rubric("ifg-2015").bands} <= set(LABELS["band"])
    assert set(STATUSES) <= set(LABELS["status"])
    assert status_label("partial") == "◐ Partly met"


@pytest.mark.parametrize(
    ("field", "code", "shown"),
    [
        ("kind", "mayoral_combined_authority", "Mayoral combined authority"),
        ("band", "not-ready", "Not ready"),
        ("footprint", "coterminous", "Coterminous (same area)"),
        ("band", "nearly-there", "Nearly there"),  # a band a custom rubric names
        ("sector", None, ""),
    ],
)
def test_label(field: str, code: str | None, shown: str) -> None:
    assert label(field, code) == shown


@pytest.mark.parametrize("fmt", HUMAN)
def test_no_raw_codes_reach_a_reader(fmt: str) -> None:
    text = text_of(fmt, "north-shire", "fenwold", "marrowdale")
    for code in ("mayoral_combined_authority", "combined_county_authority", "local_government", "not-ready"):
        assert code not in text, f"{code} shown raw in {fmt}"
    assert "--format json" not in text and "(line 1)" not in text


@pytest.mark.parametrize("fmt", HUMAN)
def test_the_cap_is_mentioned_only_when_it_bound(fmt: str) -> None:
    bound = " ".join(
        text_of(fmt, "hartmoor-severn").split()
    )  # score alone: maturing; the failed gate caps it at emerging
    assert (
        "Band capped: a gate criterion at level 0 (data-sharing.agreements) caps the band at Emerging;"
        in bound
    )
    assert "the score alone would give Maturing" in bound
    unbound = " ".join(text_of(fmt, "fenwold").split())  # not ready with or without the cap
    assert "Gate failed: data-sharing.agreements at level 0 (the cap did not lower the band)" in unbound
    assert "Band capped" not in unbound and "the score alone would give" not in unbound


@pytest.mark.parametrize("fmt", HUMAN)
def test_themes_without_evidence_are_not_zero(fmt: str) -> None:
    text = " ".join(text_of(fmt, "fenwold").split())
    assert re.search(r"Commissioning that joins services up \S* ?3 \S* ?(\? )?no evidence", text), text[:3000]


def test_radar_marks_no_evidence_hollow_at_the_centre() -> None:
    page = render([outcome("examples/fenwold.yaml")], "html")
    assert '<text class="label" x="357.4" y="200.0"' not in page  # not a real 0
    assert re.search(r'class="dot missing" cx="230(\.0)?" cy="200(\.0)?"', page)
    assert re.search(r">2: \?</text>", page) and "no evidence in the file" in page


@pytest.mark.parametrize("fmt", HUMAN)
def test_councils_are_named_as_the_file_names_them(fmt: str) -> None:
    text = " ".join(text_of(fmt, "north-shire").split())
    assert "(not Brookfield, Carrow)" in text and "E08000902" not in text


def test_a_core_council_partner_is_core_in_every_footprint_table() -> None:
    markdown = text_of("markdown", "north-shire")
    assert "| North Shire Combined Authority | Local government | yes | Coterminous (same area) |" in markdown
    wide = render([outcome("examples/north-shire.yaml")], "rich", RenderOptions(width=200))
    assert re.search(r"North Shire Combined Authority \(core\) +Local government", wide)
    html = render([outcome("examples/north-shire.yaml")], "html")
    assert re.search(
        r"North Shire Combined Authority <code[^>]*>nsca</code></th><td[^>]*>Local government</td>"
        r'<td[^>]*data-label="Core partner">yes</td>',
        html,
    )
    (data,) = json.loads(render([outcome("examples/north-shire.yaml")], "json"))["reports"]
    nsca = next(row for row in data["footprints"] if row["partner"] == "nsca")
    assert nsca["core"] is True and nsca["core_footprint"] is False  # core, but not counted by geography


def test_rich_names_the_plan_steps_it_does_not_show() -> None:
    text = " ".join(text_of("rich", "north-shire").split())
    assert "Smaller steps also open (5): geography.powers-placement, ways-of-working.central," in text


def test_next_step_says_what_this_file_lacks(tmp_path: Path) -> None:
    """At five years without a single pot, the plan asks for the single pot only."""
    source = (EXAMPLES / "marrowdale.yaml").read_text(encoding="utf-8")
    five = tmp_path / "five.yaml"
    five.write_text(source.replace("single_pot: true", "single_pot: false"), encoding="utf-8")
    step = next(step for step in assess(five).plan if step.criterion == "funding.settlement")
    assert (step.from_level, step.to_level) == (3, 4)
    assert step.remediation.startswith("Ask for the settlement as one flexible pot")
    assert "five years" not in step.remediation
    for fmt in HUMAN:
        shown = " ".join(render([assess(five)], fmt).split())
        assert "single pot: no" in shown and "Ask for the settlement as one flexible pot" in shown


def test_a_level_without_its_own_remediation_uses_the_criterion_s() -> None:
    step = next(
        step
        for step in assess(EXAMPLES / "north-shire.yaml").plan
        if step.criterion == "goals.shared-outcomes"
    )
    criterion = next(c for c in load_rubric("ifg-2015").criteria if c.id == "goals.shared-outcomes")
    assert step.remediation == criterion.remediation


def test_paths_are_named_relative_to_where_the_command_ran(cli: Runner) -> None:
    result = cli("assess", EXAMPLES / "fenwold.yaml", EXAMPLES / "north-shire.yaml", "-f", "json")
    assert [report["input"] for report in json.loads(result.stdout)["reports"]] == [
        "examples/fenwold.yaml",
        "examples/north-shire.yaml",
    ]
    assert shown(Path("/nonexistent/x.yaml")) == Path("/nonexistent/x.yaml")  # elsewhere: kept as given
    assert shown(Path("examples/x.yaml")) == Path("examples/x.yaml")


def test_markdown_has_the_footprint_table() -> None:
    text = text_of("markdown", "north-shire")
    assert "## Partner footprints against the devolution area" in text
    assert (
        "| Jobcentre Plus North Shire district | Employment support | no | Split (covers part) | Carrow | - |"
        in text
    )


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_diff_has_a_paper_form(cli: Runner, tmp_path: Path, fmt: str) -> None:
    source = (EXAMPLES / "north-shire.yaml").read_text(encoding="utf-8")
    draft = tmp_path / "draft.yaml"
    draft.write_text(source.replace("joint_training: true", "joint_training: false"), encoding="utf-8")
    result = cli("diff", "examples/north-shire.yaml", draft, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    text = " ".join(re.sub(r"<[^>]+>", " ", result.stdout).split())
    assert "North Shire Combined Authority: what changed" in text
    assert "Score 72.9 → 71.9 (-0.9); band Maturing (unchanged)." in text
    assert "ways-of-working.frontline" in text and "▼ dropped 2 → 1 of 2" in text
    assert "staff of different partners train together: yes" in text


def test_explain_gives_the_remediation_of_each_level(cli: Runner) -> None:
    page = " ".join(cli("explain", "funding.settlement").stdout.split())
    assert "to reach 4: Ask for the settlement as one flexible pot" in page


def test_html_structure_a_screen_reader_relies_on() -> None:
    import html5lib

    page = render([outcome(f"examples/{name}.yaml") for name in ("north-shire", "hartmoor-severn")], "html")
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    assert len(tree.findall(".//main")) == 1
    tables = tree.findall(".//table")
    assert tables and all(table.find("caption") is not None for table in tables)  # waivers included
    gates = [span for span in tree.iter("span") if span.text == "◆"]
    assert gates and all(
        span.get("aria-hidden") == "true" and span.get("aria-label") is None for span in gates
    )
    assert "(gate)" in "".join(tree.find(".//main").itertext())
