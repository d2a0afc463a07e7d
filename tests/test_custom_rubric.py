"""A custom rubric renders as well as the built-in one, in its own words, in every format.

The rubric (tests/golden/inputs/custom-rubric.yaml) has five bands of its own, a gate cap
at ``maturing`` and its own citations; Hartmoor and Severn fails its gate with an uncapped
band of ``leading``. Nothing of the built-in rubric (band names, cap, citations) may show,
and every format that names the cap names the rubric's. The golden files pin the full text.
"""

from __future__ import annotations

import re

import pytest

from devocheck.pipeline import outcome
from devocheck.render import format_names, render
from devocheck.render._words import band_tone
from devocheck.score.report import FileResult, Report
from tests.conftest import REPO

RUBRIC = REPO / "tests" / "golden" / "inputs" / "custom-rubric.yaml"
FILES = ("fenwold.yaml", "hartmoor-severn.yaml", "marrowdale.yaml")
#: Words only the built-in rubric uses.
BUILTIN_ONLY = ("not-ready", "emerging", "IfG 2015", "instituteforgovernment")
#: Formats that show each report's band (SARIF reports findings, not a band).
SHOW_BANDS = set(format_names()) - {"sarif"}
#: Formats that also say why a band was capped (CSV and JUnit carry the band alone). Any
#: format that names a cap at all must name the rubric's (checked for every format).
SHOW_CAP = {"github", "html", "json", "markdown", "rich"}


@pytest.fixture(scope="module")
def results() -> list[FileResult]:
    return [outcome(REPO / "examples" / name, rubric=RUBRIC) for name in FILES]


def test_the_fixture_caps_a_band_below_its_uncapped_band(results: list[FileResult]) -> None:
    reports = [r for r in results if isinstance(r, Report)]
    assert [(r.band, r.uncapped_band) for r in reports] == [
        ("starting", "starting"),
        ("maturing", "leading"),
        ("exemplary", "exemplary"),
    ]
    assert all(r.rubric.gate_cap == "maturing" for r in reports)


@pytest.mark.parametrize("fmt", format_names())
def test_no_word_of_the_builtin_rubric_leaks_in(fmt: str, results: list[FileResult]) -> None:
    text = render(results, fmt)
    assert [word for word in BUILTIN_ONLY if word in text] == []


@pytest.mark.parametrize("fmt", format_names())
def test_every_mention_of_the_cap_names_the_rubrics_cap(fmt: str, results: list[FileResult]) -> None:
    text = render(results, fmt)
    caps = re.findall(r"caps? the band at (\w[\w-]*)", text)
    assert {cap.lower() for cap in caps} <= {"maturing"}  # human formats show the band's label
    if fmt in SHOW_CAP:
        assert caps, f"{fmt} never says which band a failed gate caps at"


@pytest.mark.parametrize("fmt", sorted(SHOW_BANDS))
def test_each_report_shows_its_own_band(fmt: str, results: list[FileResult]) -> None:
    text = render(results, fmt)
    for band in ("starting", "maturing", "exemplary"):
        assert re.search(rf"\b{band}\b", text, flags=re.IGNORECASE), f"{fmt} does not show band {band}"


def test_sarif_rules_carry_the_rubrics_own_citations_and_help(results: list[FileResult]) -> None:
    """SARIF used to re-load a built-in rubric by id for these; now they come from the report."""
    sarif = render(results, "sarif")
    assert "(Pilot evaluation 2024, finding 3: data that follows the resident)" in sarif
    assert "Sign information-sharing agreements with every core partner" in sarif


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_documents_show_why_a_criterion_matters_and_the_rubrics_source(
    fmt: str, results: list[FileResult]
) -> None:
    """Rationale, citation and source URL: promised by the authoring guide, shown by no format before."""
    text = render(results, fmt)
    assert "Without agreements in force, staff cannot see" in text
    assert "Pilot evaluation 2024, finding 3: data that follows the resident" in text
    assert "https://example.org/pilot-evaluation-2024" in text


def test_custom_bands_are_coloured_by_their_place_among_the_rubrics_bands(results: list[FileResult]) -> None:
    reports = [r for r in results if isinstance(r, Report)]
    assert [band_tone(r) for r in reports] == ["low", "mid-high", "high"]
    html = render(results, "html")
    for tone in ("low", "mid-high", "high"):
        assert f'class="band band-{tone}"' in html and f".band-{tone} {{" in html


@pytest.mark.parametrize("fmt", ["csv", "html", "json", "markdown", "rich"])
def test_robustness_sections_use_the_rubrics_bands(fmt: str, results: list[FileResult]) -> None:
    """The band regions of the robustness chart were coloured by the built-in band names too."""
    from devocheck.rubric.model import load_rubric
    from devocheck.score.robustness import Settings, with_robustness

    robust = with_robustness(results, load_rubric(RUBRIC), Settings(draws=50))
    text = render(robust, fmt)
    assert [word for word in BUILTIN_ONLY if word in text] == []
    if fmt == "html":
        regions = re.findall(r'class="region r-([\w-]+)"', text)
        assert set(regions) == {"low", "mid-low", "mid-high", "high"} and len(regions) == 5 * len(FILES)
