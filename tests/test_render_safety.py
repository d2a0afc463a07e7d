"""Every format renders hostile text from a locality (or rubric) file inert.

Each string in a real report is wrapped in a spreadsheet formula, a script tag, table
pipes, a javascript: link and an ANSI escape; every format must show them as text.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Callable
from typing import Any
from xml.etree import ElementTree as ET

import html5lib
import pytest

from devocheck.model import Diagnostic, Position
from devocheck.pipeline import assess
from devocheck.render import RenderOptions, format_names, render
from devocheck.score.report import FileResult, NotAssessed, Report
from tests.conftest import EXAMPLES

PREFIX = "=cmd|' /C calc'!A0 "
SUFFIX = " <script>alert(1)</script> | pipes | [link](javascript:x) \x1b[31mred"


def hostile(value: Any) -> Any:
    """``value`` with every string in it wrapped in the payload (consistently, so ids still match)."""
    if isinstance(value, str):
        return PREFIX + value + SUFFIX
    if isinstance(value, tuple):
        return tuple(hostile(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value, **{f.name: hostile(getattr(value, f.name)) for f in dataclasses.fields(value)}
        )
    return value


@pytest.fixture(scope="module")
def outcomes() -> list[FileResult]:
    report = hostile(assess(EXAMPLES / "hartmoor-severn.yaml"))
    assert isinstance(report, Report) and report.locality.name.endswith(SUFFIX)
    name = hostile("broken.yaml")
    invalid = NotAssessed(name, (Diagnostic(name, Position(3, 7), "schema.enum", hostile("bad kind")),))
    return [report, invalid]


def no_escape_character(fmt: str, text: str) -> None:
    """No raw ESC anywhere; JSON may keep it as the inert ``\\u001b`` (the canonical data is exact)."""
    assert "\x1b" not in text
    if fmt != "json":
        assert "\\u001b" not in text


def check_markdown(text: str) -> None:
    assert "<script" not in text
    assert not re.search(r"(?<!\\)[\[\]]", text), "an unescaped [ or ] could make a link"
    table: list[int] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            table.append(len(re.findall(r"(?<!\\)\|", line)))
        elif table:
            assert len(set(table)) == 1, f"a row has a different number of cells: {table}"
            table = []


def check_html(text: str) -> None:
    tree = html5lib.parse(text, namespaceHTMLElements=False)
    assert tree.findall(".//script") == []
    assert all(not name.startswith("on") for element in tree.iter() for name in element.attrib)
    assert all(
        not value.strip().lower().startswith("javascript:")
        for element in tree.iter()
        for value in element.attrib.values()
    )
    assert "<script>alert(1)</script>" in "".join(tree.itertext())


def check_json(text: str) -> None:
    document = json.loads(text)
    assert "<script>alert(1)</script>" in json.dumps(document, ensure_ascii=False)


def check_sarif(text: str) -> None:
    log = json.loads(text)
    messages = [result["message"]["text"] for result in log["runs"][0]["results"]]
    assert messages and all("markdown" not in result["message"] for result in log["runs"][0]["results"])
    assert any("[link](javascript:x)" in message for message in messages)  # plain text, never markdown


def check_junit(text: str) -> None:
    root = ET.fromstring(text)
    assert root.find(".//script") is None
    assert "<script>" not in text
    assert any("<script>alert(1)</script>" in (case.get("name") or "") for case in root.iter("testcase"))


def check_csv(text: str) -> None:
    rows = list(csv.reader(io.StringIO(text)))
    assert len({len(row) for row in rows}) == 1
    cells = [cell for row in rows for cell in row]
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert any(cell.startswith("'=cmd") for cell in cells)


def check_github(text: str) -> None:
    """Every line is a workflow command, or one of the plain lines inside the group of findings
    past GitHub's caps, which names its level first: input text never starts a line."""
    lines = text.splitlines()
    plain = re.compile(r"(error|warning|notice): ")
    assert lines and all(line.startswith("::") or plain.match(line) for line in lines), (
        "input text must not start a new command"
    )


def check_rich(text: str) -> None:
    assert "<script>alert(1)</script>" in text  # shown as text; a terminal runs nothing


CHECKS: dict[str, Callable[[str], None]] = {
    "csv": check_csv,
    "github": check_github,
    "html": check_html,
    "json": check_json,
    "junit": check_junit,
    "markdown": check_markdown,
    "rich": check_rich,
    "sarif": check_sarif,
}


def formats() -> list[str]:
    return format_names()


def test_every_format_has_a_safety_check() -> None:
    assert set(format_names()) <= set(CHECKS), "add a check for the new format to CHECKS"


@pytest.mark.parametrize("fmt", formats())
@pytest.mark.parametrize("count", [1, 2], ids=["report", "report+invalid"])
def test_hostile_names_render_inert(fmt: str, count: int, outcomes: list[FileResult]) -> None:
    text = render(outcomes[:count], fmt)
    no_escape_character(fmt, text)
    CHECKS[fmt](text)


@pytest.mark.parametrize("fmt", formats())
def test_hostile_names_render_inert_in_the_robustness_sections(fmt: str) -> None:
    """Theme titles, band names and place names reach the verdict, band table and rank chart."""
    from devocheck.rubric.model import load_rubric
    from devocheck.score.robustness import Settings, with_robustness

    places = [assess(EXAMPLES / "hartmoor-severn.yaml"), assess(EXAMPLES / "north-shire.yaml")]
    robust = [hostile(item) for item in with_robustness(places, load_rubric("ifg-2015"), Settings(draws=50))]
    assert all(isinstance(item, Report) and item.robustness is not None for item in robust)
    text = render(robust, fmt)
    no_escape_character(fmt, text)
    CHECKS[fmt](text)


def test_colour_terminal_output_drops_the_input_escape(outcomes: list[FileResult]) -> None:
    text = render(outcomes, "rich", RenderOptions(color=True))
    assert "\x1b[31mred" not in text and "<script>alert(1)</script>" in text
