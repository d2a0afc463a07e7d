"""Fuzzing: no input, however broken, makes devocheck crash.

Raw bytes and structure-aware mutations of the example files (delete a key, duplicate a key,
change a scalar's type, insert an alias, ...) go through the library pipeline (load, validate,
assess; both YAML parsers) and through the CLI in-process. The only acceptable failures are
``DevocheckError``s (positioned, one line each) and exit codes 0, 1 or 2: never a traceback or
an "internal error". About 3,000 cases in all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devocheck.errors import DevocheckError, InputError, RubricError
from devocheck.load.loader import decode, parse
from devocheck.model import LoaderKind
from devocheck.pipeline import assess
from devocheck.rubric.catalog import builtin_rubric_dir
from devocheck.rubric.model import load_rubric_file
from tests.conftest import Runner

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = {p.name: p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.yaml"))}
TODAY = date(2026, 11, 1)
ONE_LINE = re.compile(r"^[^\n]+:\d+:\d+: [^\n]+$")

#: Scalars that change a value's type or trip a YAML 1.1 reader.
TRICKY_SCALARS = [
    "no", "on", "yes", "off", "1e3", "012", "0o17", "0x1F", "1:30", "~", "null", "''", '""',
    "true", "-1", "0", "1.5", "-0.0", "1e400", ".nan", "-.inf", "9" * 120, "2026-02-30",
    "2026-1-5", "2026-11-01T10:00:00Z", "[]", "{}", "[a, b]", "{a: 1}", "!!bool maybe",
    "!!int x", "!custom x", "!!python/object/apply:os.system [ls]", "*nope", "&a x",
    '"\\e[31mred\\e[0m"', "'<script>alert(1)</script>'", "| \n  block", "x: y", "- z",
    "a b c", "'don''t'", "\"\\u0000\"", "@x", "`x`", "%x",
]  # fmt: skip
_PAIR = re.compile(r"([A-Za-z_][\w-]*):[ ]+([^,{}\[\]#\n]+)")

SETTINGS = settings(
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def run_pipeline(text: str, loader: LoaderKind) -> None:
    """Load, validate and assess ``text``; only a ``DevocheckError`` may stop it."""
    try:
        document = parse(text, "f.yaml", loader=loader)
        assess(document, today=TODAY)
    except DevocheckError as exc:
        assert exc.diagnostics
        assert all(ONE_LINE.match(str(d)) for d in exc.diagnostics), exc


def assert_cli_survives(cli: Runner, path: Path) -> None:
    for command in ("validate", "assess"):
        result = cli(command, path)
        assert result.exit_code in (0, 1, 2), (command, result.stderr)
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr


@st.composite
def mutated_example(draw: st.DrawFn) -> str:
    """An example file with one to four line-level edits of the kinds a hurried user makes."""
    lines = EXAMPLES[draw(st.sampled_from(sorted(EXAMPLES)))].splitlines()
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        pairs = list(_PAIR.finditer(lines[i]))
        kind = draw(st.sampled_from(["delete", "duplicate", "scalar", "alias", "indent", "swap", "insert"]))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "scalar" and pairs:
            pair = draw(st.sampled_from(pairs))
            value = draw(st.sampled_from(TRICKY_SCALARS))
            lines[i] = lines[i][: pair.start(2)] + value + lines[i][pair.end(2) :]
        elif kind == "alias" and pairs:
            pair = draw(st.sampled_from(pairs))
            lines[i] = lines[i][: pair.start(2)] + "&a " + lines[i][pair.start(2) :]
            j = draw(st.integers(0, len(lines) - 1))
            lines[j] = _PAIR.sub(lambda m: f"{m.group(1)}: *a", lines[j], count=1)
        elif kind == "indent":
            lines[i] = " " * draw(st.integers(0, 6)) + lines[i].lstrip()
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "insert":
            lines.insert(i, draw(st.text(st.characters(codec="utf-8"), max_size=30)))
        if not lines:
            break
    return "\n".join(lines) + "\n"


def _json_values() -> st.SearchStrategy[Any]:
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=6,
    )


@st.composite
def retyped_example(draw: st.DrawFn, texts: Mapping[str, str] = EXAMPLES) -> str:
    """One of ``texts`` (by default the examples) with one value replaced or one key deleted,
    written back as JSON (valid YAML)."""
    data = parse(texts[draw(st.sampled_from(sorted(texts)))], "f").data
    parent: Any = data
    while True:
        keys = list(parent) if isinstance(parent, dict) else list(range(len(parent)))
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        child = parent[key]
        if isinstance(child, (dict, list)) and child and draw(st.booleans()):
            parent = child
            continue
        if isinstance(parent, dict) and draw(st.booleans()):
            del parent[key]
        else:
            parent[key] = draw(_json_values())
        break
    return json.dumps(data)


@pytest.mark.parametrize("loader", list(LoaderKind))
@settings(SETTINGS, max_examples=500)
@given(raw=st.binary(max_size=400))
def test_raw_bytes_never_crash_the_library(loader: LoaderKind, raw: bytes) -> None:
    try:
        text = decode(raw, "f.yaml")
    except InputError:
        return
    run_pipeline(text, loader)


@pytest.mark.parametrize("loader", list(LoaderKind))
@settings(SETTINGS, max_examples=400)
@given(text=st.text(st.sampled_from(list("ab:-[]{},&*!?|>'\"#%@` \n\t~.01")), max_size=80))
def test_yaml_punctuation_never_crashes_the_library(loader: LoaderKind, text: str) -> None:
    run_pipeline(text, loader)


@settings(SETTINGS, max_examples=500)
@given(text=mutated_example())
def test_mutated_examples_never_crash_the_library(text: str) -> None:
    run_pipeline(text, LoaderKind.LIBYAML)


@settings(SETTINGS, max_examples=300)
@given(text=retyped_example())
def test_retyped_examples_never_crash_the_library(text: str) -> None:
    run_pipeline(text, LoaderKind.LIBYAML)


@settings(SETTINGS, max_examples=100)
@given(text=mutated_example() | retyped_example())
def test_mutated_examples_never_crash_the_cli(cli: Runner, tmp_path: Path, text: str) -> None:
    path = tmp_path / "mutated.yaml"
    path.write_text(text, encoding="utf-8")
    assert_cli_survives(cli, path)


@settings(SETTINGS, max_examples=100)
@given(raw=st.binary(max_size=300))
def test_raw_bytes_never_crash_the_cli(cli: Runner, tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "raw.yaml"
    path.write_bytes(raw)
    assert_cli_survives(cli, path)


RUBRICS = {
    path.name: path.read_text(encoding="utf-8") for path in sorted(builtin_rubric_dir().glob("*.yaml"))
}
_NAMES = count()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=retyped_example(RUBRICS))
def test_retyped_rubrics_never_crash_rubric_check(tmp_path: Path, text: str) -> None:
    """The rules beyond the meta-schema run beside its problems, so they must survive any shape."""
    path = tmp_path / f"rubric-{next(_NAMES)}.json"  # a new file each time: compiled rubrics are cached
    path.write_text(text, encoding="utf-8")
    try:
        load_rubric_file(path)
    except RubricError as error:
        assert error.diagnostics
