"""The load stage: positions, duplicate keys, typing rules, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from devocheck.errors import InputError
from devocheck.load.loader import LOADER_KIND, Limits, decode, load, parse
from devocheck.model import LoaderKind, Position


def problem(text: str) -> str:
    with pytest.raises(InputError) as caught:
        parse(text, "f.yaml")
    return str(caught.value)


def test_positions_of_keys_and_values() -> None:
    doc = parse("a:\n  b: [x, y]\n  c:\n    - d: 1\n", "f.yaml")
    assert doc.positions.key(("a", "b")) == Position(2, 3)
    assert doc.positions.value(("a", "b", 1)) == Position(2, 10)
    assert doc.positions.key(("a", "c", 0, "d")) == Position(4, 7)
    # a missing path falls back to its nearest ancestor
    assert doc.positions.key(("a", "c", 0, "zzz")) == Position(4, 7)
    assert doc.positions.key(("nope",)) == Position(1, 1)


def test_libyaml_is_used_when_present() -> None:
    assert LOADER_KIND in (LoaderKind.LIBYAML, LoaderKind.PURE)
    assert parse("a: 1", "f").source.loader is LOADER_KIND


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb:\n  c: 2\n  c: 3\n", "f.yaml:4:3: duplicate key 'c' (first written on line 3)"),
        ("a: !!python/object/apply:os.system [ls]", "f.yaml:1:4: tag"),
        ("a: !custom x", "f.yaml:1:4: tag !custom is not allowed"),
        ("a: !!bool maybe", "f.yaml:1:4: 'maybe' is not a valid bool"),
        ("a: [1]\nb: *x", "f.yaml:2:4: alias *x is not supported"),
        ("<<: {a: 1}", "f.yaml:1:1: merge keys"),
        ("a: [1, 2", "f.yaml:2:1: a list in [ ] is not closed: add the ]"),
        ("a: 1\n---\nb: 2\n", "more than one YAML document"),
        ("", "file is empty"),
        ("# only a comment\n", "holds only comments"),
        ("- a\n- b\n", "the document is a list"),
        ("just text", "the document is a single value"),
        ("a: " + "9" * 5000, "f.yaml:1:4: number of 5,000 characters is too long"),
    ],
)
def test_refusals(text: str, expected: str) -> None:
    assert expected in problem(text)


def test_yaml_12_core_typing_keeps_what_the_user_wrote() -> None:
    data = parse("a: no\nb: on\nc: 1:30\nd: 2026-11-01\ne: 2026-1-5\nf: true\ng: 012\nh: ~\n", "f").data
    assert data == {
        "a": "no",
        "b": "on",
        "c": "1:30",
        "d": "2026-11-01",
        "e": "2026-1-5",
        "f": True,
        "g": 12,
        "h": None,
    }


def test_quoted_and_unquoted_dates_are_the_same_day() -> None:
    assert parse('a: "2026-11-01"', "f").data == parse("a: 2026-11-01", "f").data


def test_depth_cap() -> None:
    text = "a: " + "[" * 20 + "]" * 20
    with pytest.raises(InputError, match="nesting deeper than 10"):
        parse(text, "f.yaml", limits=Limits(max_depth=10))


def test_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: 2\r\nb: 3\r\n")
    with pytest.raises(InputError, match=r"bom.yaml:3:1: duplicate key 'b'"):
        load(path)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"\xff\xfea\x00:\x00", "file is UTF-16"),
        (b"a: 1\nb: \xe9\n", "f:2:4: file is not valid UTF-8 (byte 0xe9)"),
        (b"a: 1\x00", "f:1:5: file contains NUL bytes"),
    ],
)
def test_encodings(raw: bytes, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        decode(raw, "f")
    assert expected in str(caught.value)


def test_dates_stay_the_text_written_as_yaml_12_has_no_date_type() -> None:
    """The validate stage reads date fields (one rule, quoted or not); the loader keeps the text."""
    text = "a: 2026-1-5\nb: 2026-11-01 9:05:00.5 +1\nc: 2026-02-30\nd: !!timestamp 2026-11-01"
    assert parse(text, "f").data == {
        "a": "2026-1-5",
        "b": "2026-11-01 9:05:00.5 +1",
        "c": "2026-02-30",
        "d": "2026-11-01",
    }
    assert "f.yaml:1:4: 'soon' is not a valid timestamp" in problem("a: !!timestamp soon")


@pytest.mark.parametrize("text", [".nan", "-.inf", "1e400", "!!float .inf"])
def test_non_finite_numbers_are_refused(text: str) -> None:
    assert problem(f"a: {text}").startswith("f.yaml:1:4: ") and "\n" not in problem(f"a: {text}")


@pytest.mark.parametrize("loader", list(LoaderKind))
def test_forbidden_characters_are_positioned_in_characters_by_both_parsers(loader: LoaderKind) -> None:
    with pytest.raises(InputError, match=r"f:2:6: character U\+001B is not allowed in YAML"):
        parse("a: 1\nbé: x\x1b", "f", loader=loader)
