"""The official YAML test suite as a conformance test of the loader, with both parsers.

For every test of the suite (``shared/yaml-test-suite``, see its SOURCES.md):

* an input the loader accepts loads as exactly the JSON the suite gives (no silent change of
  data; inputs whose JSON is not a single mapping cannot be accepted: devocheck reads one
  mapping per file);
* libyaml and PyYAML's pure-Python parser agree on whether it is accepted, and on the data;
* every refusal is one or more positioned messages, never an exception;
* an input the suite marks invalid is refused, or listed in ``docs/security.md`` as a known
  deviation (``ACCEPTED_INVALID`` below, which the docs must name).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from devocheck.errors import InputError
from devocheck.load.loader import parse
from devocheck.model import LoaderKind
from tests.conftest import REPO, SHARED

#: ``shared/`` sits beside the repository in CI and beside the worktrees folder on a developer's machine.
SUITE = next(
    (
        folder
        for folder in (SHARED / "yaml-test-suite", REPO.parents[1] / "shared" / "yaml-test-suite")
        if folder.is_dir()
    ),
    SHARED / "yaml-test-suite",
)
#: Invalid inputs that devocheck still accepts with both parsers (none today: docs/security.md).
ACCEPTED_INVALID: dict[str, Any] = {}


def _cases() -> list[tuple[str, Path]]:
    found = []
    for folder in sorted(SUITE.iterdir()):
        if (folder / "in.yaml").is_file():
            found.append((folder.name, folder))
        elif folder.is_dir():
            found += [
                (f"{folder.name}/{sub.name}", sub)
                for sub in sorted(folder.iterdir())
                if (sub / "in.yaml").is_file()
            ]
    return found


def _expected(folder: Path) -> list[Any] | None:
    """The JSON documents the input must load as; None when the suite gives none."""
    path = folder / "in.json"
    if not path.is_file():
        return None
    text, decoder, documents, at = path.read_text(encoding="utf-8"), json.JSONDecoder(), [], 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text):
            return documents
        document, at = decoder.raw_decode(text, at)
        documents.append(document)


def _read(text: str, name: str, loader: LoaderKind) -> tuple[str, Any]:
    try:
        return "accepted", parse(text, name, loader=loader).data
    except InputError as exc:
        return "refused", list(exc.diagnostics)


def test_the_suite_is_there() -> None:
    assert SUITE.is_dir(), f"the YAML test suite is missing: expected it at {SUITE}"
    assert len(_cases()) > 300


@pytest.mark.parametrize(("name", "folder"), _cases() if SUITE.is_dir() else [], ids=lambda v: str(v))
def test_yaml_suite(name: str, folder: Path) -> None:
    text = (folder / "in.yaml").read_bytes().decode("utf-8")
    invalid = (folder / "error").exists()
    expected = _expected(folder)
    outcomes = {loader: _read(text, name, loader) for loader in LoaderKind}
    libyaml, pure = outcomes[LoaderKind.LIBYAML], outcomes[LoaderKind.PURE]
    assert libyaml[0] == pure[0], f"the parsers disagree on {name}: {outcomes}"
    for verdict, result in outcomes.values():
        if verdict == "refused":
            assert result and all(d.position.line >= 1 and d.position.column >= 1 for d in result)
            assert all(d.message and "\n" not in d.message for d in result)
        elif invalid:
            assert ACCEPTED_INVALID.get(name) == result, f"{name} is invalid YAML, accepted as {result!r}"
        else:
            assert expected is not None and expected == [result], (
                f"{name} read as {result!r}, not {expected!r}"
            )
    assert libyaml == pure or libyaml[0] == "refused"


def test_every_known_deviation_is_documented() -> None:
    security = (REPO / "docs" / "security.md").read_text(encoding="utf-8")
    for name in ACCEPTED_INVALID:
        assert f"`{name}`" in security
