"""CI consumers' documented limits, each tested at its edge, and the pure helpers CI output rests on.

GitHub code scanning's SARIF limits (docs/ci.md cites them), GitHub's annotations per level
per step, repository-relative paths, colour and global options.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from devocheck.cli import global_first
from devocheck.cli.assess_cmd import wants_color
from devocheck.model import Position
from devocheck.pipeline import outcome
from devocheck.render import RenderOptions, render
from devocheck.render._paths import repo_relative
from devocheck.render.github import ANNOTATIONS_PER_LEVEL, Annotation, Cap
from devocheck.render.sarif import MAX_BYTES, MAX_MESSAGE, MAX_RELATED, MAX_RESULTS, fit
from devocheck.score.policy import Judge, Thresholds
from devocheck.score.report import Evidence, NotAssessed, Report
from tests.conftest import EXAMPLES

BANDS = ("not-ready", "emerging", "maturing", "ready")


def result(level: str, size: int = 10) -> dict[str, Any]:
    return {"ruleId": "r", "level": level, "message": {"text": "x" * size}}


# --- SARIF: results per run, bytes, related locations, message length ------------------------


@pytest.mark.parametrize(
    ("count", "kept"),
    [(MAX_RESULTS - 1, MAX_RESULTS - 1), (MAX_RESULTS, MAX_RESULTS), (MAX_RESULTS + 1, MAX_RESULTS)],
)
def test_results_per_run_at_the_limit(count: int, kept: int) -> None:
    results = [result("note") for _ in range(count - 1)] + [result("error")]
    fitted, left_out = fit(results)
    assert (len(fitted), left_out) == (kept, count - kept)
    assert fitted[-1]["level"] == "error"  # the most severe is never the one dropped


def test_within_the_limits_nothing_moves() -> None:
    results = [result(level) for level in ("note", "error", "warning")]
    assert fit(results) == (results, 0)


def test_the_byte_budget_keeps_the_most_severe() -> None:
    results = [result("note", 400), result("error", 400), result("warning", 400)]
    sizes = [len(json.dumps(r, ensure_ascii=False).encode()) for r in results]
    fitted, left_out = fit(results, max_bytes=2 * (sizes[1] + sizes[2]))  # room for the two most severe
    assert [r["level"] for r in fitted] == ["error", "warning"] and left_out == 1
    assert MAX_BYTES == 10_000_000


def test_a_truncated_run_says_so_in_a_tool_notification(monkeypatch: pytest.MonkeyPatch) -> None:
    import devocheck.render.sarif as sarif

    report = outcome(EXAMPLES / "fenwold.yaml")
    (whole,) = json.loads(render([report], "sarif"))["runs"]
    assert "invocations" not in whole  # nothing left out, no verdict: nothing to say
    monkeypatch.setattr(sarif, "fit", lambda results: fit(results, max_results=3))
    (run,) = json.loads(render([report], "sarif"))["runs"]
    assert len(run["results"]) == 3
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"].startswith(f"{len(whole['results']) - 3} results left out")


def _with_evidence(report: Report, count: int) -> Report:
    """``report`` with ``count`` facts behind its first criterion below the top."""
    theme = report.themes[0]
    criterion = theme.criteria[0]
    evidence = tuple(Evidence(f"/goals/{i}", Position(i + 1, 1)) for i in range(count))
    first = dataclasses.replace(criterion, evidence=evidence, level=0)
    themes = (dataclasses.replace(theme, criteria=(first, *theme.criteria[1:])), *report.themes[1:])
    return dataclasses.replace(report, themes=themes)


@pytest.mark.parametrize(("count", "kept"), [(MAX_RELATED, MAX_RELATED), (MAX_RELATED + 1, MAX_RELATED)])
def test_related_locations_at_the_limit(count: int, kept: int) -> None:
    report = outcome(EXAMPLES / "fenwold.yaml")
    assert isinstance(report, Report)
    (run,) = json.loads(render([_with_evidence(report, count)], "sarif"))["runs"]
    first = run["results"][0]
    assert len(first["relatedLocations"]) == kept


@pytest.mark.parametrize(("length", "shown"), [(MAX_MESSAGE, MAX_MESSAGE), (MAX_MESSAGE + 1, MAX_MESSAGE)])
def test_messages_at_the_length_limit(length: int, shown: int) -> None:
    long = "x" * length
    problem = NotAssessed("f.yaml", (dataclasses.replace(_problem(), message=long),))
    (run,) = json.loads(render([problem], "sarif"))["runs"]
    text = run["results"][0]["message"]["text"]
    assert len(text) == shown and (text == long or text.endswith("…"))


def _problem() -> Any:
    from devocheck.model import Diagnostic

    return Diagnostic("f.yaml", Position(2, 3), "schema.type", "m")


def test_two_files_with_one_locality_id_are_two_alerts() -> None:
    report = outcome(EXAMPLES / "north-shire.yaml")
    assert isinstance(report, Report)
    copy = dataclasses.replace(report, input="elsewhere/north-shire.yaml")
    (run,) = json.loads(render([report, copy], "sarif"))["runs"]
    prints = [
        json.dumps(r["partialFingerprints"]) for r in run["results"] if r["ruleId"] == "goals.shared-outcomes"
    ]
    assert len(prints) == 2 and len(set(prints)) == 2


# --- GitHub: annotations per level per step ----------------------------------------------------


def annotation(level: str, n: int) -> Annotation:
    return Annotation(level, f"f{n}.yaml", Position(n + 1, 1), f"t{n}", f"m{n}")


@pytest.mark.parametrize(
    "count", [ANNOTATIONS_PER_LEVEL - 1, ANNOTATIONS_PER_LEVEL, ANNOTATIONS_PER_LEVEL + 1]
)
def test_annotations_per_level_at_the_limit(count: int) -> None:
    cap = Cap()
    lines = [line for n in range(count) for line in cap.add(annotation("warning", n))]
    lines += list(cap.close())
    commands = [line for line in lines if line.startswith("::warning ")]
    assert len(commands) == min(count, ANNOTATIONS_PER_LEVEL)
    closing = [line for line in lines if line.startswith("::notice title=devocheck::")]
    assert len(closing) == (1 if count > ANNOTATIONS_PER_LEVEL else 0)
    assert ("::group::" in "".join(lines)) is (count > ANNOTATIONS_PER_LEVEL)


def test_the_closing_notice_takes_a_notices_place() -> None:
    cap = Cap()
    lines = [line for n in range(ANNOTATIONS_PER_LEVEL) for line in cap.add(annotation("notice", n))]
    lines += list(cap.add(annotation("error", 99)))
    lines += [line for n in range(ANNOTATIONS_PER_LEVEL + 1) for line in cap.add(annotation("warning", n))]
    lines += list(cap.close())
    notices = [line for line in lines if line.startswith("::notice ")]
    assert len(notices) == ANNOTATIONS_PER_LEVEL and notices[-1].startswith("::notice title=devocheck::")
    assert "2 more findings not annotated (1 warning, 1 notice)" in notices[-1]


def test_failed_checks_take_the_first_error_places() -> None:
    outcomes = [outcome(EXAMPLES / "fenwold.yaml")] * 3
    judge = Judge(Thresholds(90, None, BANDS, fail_on_gate=False))
    for item in outcomes:
        judge.note(item)
    problems = NotAssessed(
        "bad.yaml", tuple(dataclasses.replace(_problem(), position=Position(n + 1, 1)) for n in range(12))
    )
    text = render([problems, *outcomes, judge.verdict()], "github")
    errors = [line for line in text.splitlines() if line.startswith("::error ")]
    assert len(errors) == ANNOTATIONS_PER_LEVEL
    assert ["fail-under 90" in line for line in errors] == [True] * 3 + [False] * 7


# --- paths relative to the root ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "root", "cwd", "expected"),
    [
        ("fenwold.yaml", "/r", "/r/localities", "localities/fenwold.yaml"),
        ("../localities/fenwold.yaml", "/r", "/r/other", "localities/fenwold.yaml"),
        ("/r/localities/fenwold.yaml", "/r", "/elsewhere", "localities/fenwold.yaml"),
        ("./a//b/../c.yaml", "/r", "/r", "a/c.yaml"),
        ("/outside/x.yaml", "/r", "/r", None),
        ("../x.yaml", "/r", "/r", None),
        ("/r2/x.yaml", "/r", "/r", None),  # a sibling whose name starts with the root's is outside
        ("a\\b.yaml", "/r", "/r", "a/b.yaml"),
        ("a/b.yaml", None, None, "a/b.yaml"),
        ("../b.yaml", None, None, None),
        ("/abs/b.yaml", None, None, None),
    ],
)
def test_repo_relative(name: str, root: str | None, cwd: str | None, expected: str | None) -> None:
    found = repo_relative(name, RenderOptions(root=root, cwd=cwd))
    assert found == expected
    assert found is None or ".." not in found.split("/")


# --- colour and global options ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("tty", "environ", "expected"),
    [
        (True, {}, True),
        (False, {}, False),
        (True, {"TERM": "dumb"}, False),
        (True, {"NO_COLOR": "1"}, False),
        (True, {"NO_COLOR": ""}, True),  # set but empty: no-color.org says it does not count
        (False, {"FORCE_COLOR": "1"}, True),
        (True, {"TERM": "dumb", "FORCE_COLOR": "1"}, True),
        (False, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ],
)
def test_wants_color(tty: bool, environ: dict[str, str], expected: bool) -> None:
    assert wants_color(tty, environ) is expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["validate", "x.yaml", "--debug"], ["--debug", "validate", "x.yaml"]),
        (["--debug", "validate"], ["--debug", "validate"]),
        (["assess", "--", "--debug"], ["assess", "--", "--debug"]),  # a file named --debug
    ],
)
def test_global_flags_move_before_the_command(args: list[str], expected: list[str]) -> None:
    assert global_first(args) == expected
