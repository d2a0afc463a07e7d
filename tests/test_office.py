"""Office-software slips: each named where it was written, once, with the fix written out.

The table pins, for each slip people paste into YAML from Word, Excel or an email, the exact
message, its line and column, and what ``validate --fix`` makes of the file (``None``: left
as it was, since the fix would be a guess). The properties insert any named character
anywhere in a valid file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devocheck.errors import InputError
from devocheck.load.dates import calendar_day, date_slip
from devocheck.load.loader import parse
from devocheck.load.office import NAMED, apply_fixes, shown
from devocheck.model import Fix, LoaderKind, Position
from devocheck.rubric.ids import criterion_ids
from devocheck.validate.locality import validate_document
from devocheck.validate.messages import did_you_mean, plural, read_number
from tests.conftest import EXAMPLES, REPO, Runner

BASE = """\
schema_version: 1
assessment_date: 2026-11-01
locality:
  id: test-place
  name: Test Place   # the full name
  kind: combined_authority
  nation: england
  constituents:
    - {code: E08000001, name: One, population: 310000}
    - code: E08000002
      name: Two
      population: 220000
partners:
  - {id: council, name: Council, sector: local_government, core: true}
  - {id: health, name: Health Board, sector: health, core: true, covers: [E08000001]}
goals:
  last_reviewed: 2026-06-30
  outcomes:
    - id: work
      statement: More people in good work
      target: 65.0
      partners: [council, health]
commissioning:
  arrangements:
    - id: jobs
      name: Jobs
      partners: [council, health]
      budget: {type: pooled, amount_gbp: 18500000}
      outcomes: [work]
data_sharing:
  agreements:
    - {id: isa, name: Sharing, partners: [council, health], signed: "2025-01-01", review_due: 2027-01-01}
powers:
  - id: skills
    domain: skills
    from: central
    to: combined_authority
    funding_gbp: 92000000
"""

SLIPS = [
    # (id, text in BASE, what was pasted instead, "line:col", the one message, the line after --fix)
    (
        "nbsp-after-colon",
        "kind: combined_authority",
        "kind:\xa0combined_authority",
        "6:8",
        "no-break space (U+00A0) where YAML expects a plain character: write a space",
        "kind: combined_authority",
    ),
    (
        "nbsp-after-value",
        "id: test-place",
        "id: test-place\xa0",
        "4:17",
        "locality.id: 'test-place\\u00a0' is written with a no-break space (U+00A0): write test-place",
        "id: test-place",
    ),
    (
        "narrow-nbsp-in-key",
        "  nation: england",
        "  nation\u202f: england",
        "7:9",
        "locality.nation: key 'nation' is written with a narrow no-break space (U+202F) in it: delete it",
        "  nation: england",
    ),
    (
        "zero-width-space-in-id",
        "id: test-place",
        "id: test\u200b-place",
        "4:11",
        "locality.id: 'test\\u200b-place' is written with a zero-width space (U+200B): write test-place",
        "id: test-place",
    ),
    (
        "bom-mid-file",
        "  nation: england",
        "  \ufeffnation: england",
        "7:3",
        "locality.nation: key 'nation' is written with a byte-order mark (U+FEFF) in it: delete it",
        "  nation: england",
    ),
    (
        "soft-hyphen-in-code",
        "code: E08000002",
        "code: E0800\xad0002",
        "10:18",
        "locality.constituents[1].code: 'E0800\\u00ad0002' is written with a soft hyphen (U+00AD): write E08000002",
        "code: E08000002",
    ),
    (
        "nbsp-before-comment",
        "Test Place   # the full name",
        "Test Place \xa0# the full name",
        "5:20",
        "locality.name: no-break space (U+00A0) before '#': the comment is read as part of the value; write a space",
        "Test Place  # the full name",
    ),
    (
        "en-dash-date",
        "last_reviewed: 2026-06-30",
        "last_reviewed: 2026\u201306\u201330",
        "17:22",
        "goals.last_reviewed: '2026\u201306\u201330' is written with a typographic dash instead of a hyphen: write 2026-06-30",
        "last_reviewed: 2026-06-30",
    ),
    (
        "em-dash-quoted-date",
        'signed: "2025-01-01"',
        'signed: "2025\u201401\u201401"',
        "32:74",
        "data_sharing.agreements[0].signed: '2025\u201401\u201401' is written with a typographic dash instead of a hyphen: write 2025-01-01",
        'signed: "2025-01-01"',
    ),
    (
        "minus-sign-date",
        "review_due: 2027-01-01",
        "review_due: 2027\u221201\u221201",
        "32:99",
        "data_sharing.agreements[0].review_due: '2027\u221201\u221201' is written with a typographic dash instead of a hyphen: write 2027-01-01",
        "review_due: 2027-01-01",
    ),
    (
        "non-breaking-hyphen-in-id",
        "id: test-place",
        "id: test\u2011place",
        "4:11",
        "locality.id: 'test\u2011place' is written with a non-breaking hyphen: write test-place",
        "id: test-place",
    ),
    (
        "curly-quotes-around-name",
        "name: Test Place",
        "name: \u201cTest Place\u201d",
        "5:9",
        "warning: locality.name: the typographic quotes around 'Test Place' are read as part of the text: write straight quotes, \"Test Place\", or none",
        'name: "Test Place"',
    ),
    (
        "curly-quotes-around-id",
        "id: test-place",
        "id: \u201ctest-place\u201d",
        "4:7",
        "locality.id: '\u201ctest-place\u201d' is in typographic quotes, read as part of it: write test-place",
        'id: "test-place"',
    ),
    (
        "curly-single-quotes-in-enum",
        "sector: health",
        "sector: \u2018health\u2019",
        "15:46",
        "partners[1].sector: '\u2018health\u2019' is in typographic quotes, read as part of it: write health",
        "sector: 'health'",
    ),
    (
        "day-first-slashes",
        "last_reviewed: 2026-06-30",
        "last_reviewed: 30/06/2026",
        "17:18",
        "goals.last_reviewed: '30/06/2026' is written day first: write 2026-06-30 (read day first, the UK way: 30 June 2026)",
        None,
    ),
    (
        "day-first-dots",
        "review_due: 2027-01-01",
        "review_due: 01.02.2027",
        "32:95",
        "data_sharing.agreements[0].review_due: '01.02.2027' is written day first: write 2027-02-01 (read day first, the UK way: 1 February 2027)",
        None,
    ),
    (
        "written-out-date",
        "last_reviewed: 2026-06-30",
        "last_reviewed: 30 June 2026",
        "17:18",
        "goals.last_reviewed: '30 June 2026' is written out in words: write 2026-06-30",
        None,
    ),
    (
        "written-out-us-date",
        "last_reviewed: 2026-06-30",
        "last_reviewed: June 30th, 2026",
        "17:18",
        "goals.last_reviewed: 'June 30th, 2026' is written out in words: write 2026-06-30",
        None,
    ),
    (
        "impossible-date",
        "last_reviewed: 2026-06-30",
        "last_reviewed: 2026-02-30",
        "17:18",
        "goals.last_reviewed: '2026-02-30' is not a day of the calendar (February 2026 has 28 days): correct it",
        None,
    ),
    (
        "legacy-short-date",
        "last_reviewed: 2026-06-30",
        "last_reviewed: 2026-6-30",
        "17:18",
        "warning: goals.last_reviewed: '2026-6-30': write 2026-06-30, with a two-digit month and day",
        "last_reviewed: 2026-06-30",
    ),
    (
        "legacy-short-date-quoted",
        'signed: "2025-01-01"',
        'signed: "2025-1-1"',
        "32:69",
        "warning: data_sharing.agreements[0].signed: '2025-1-1': write 2025-01-01, with a two-digit month and day",
        'signed: "2025-01-01"',
    ),
    (
        "thousands-in-braces",
        "population: 310000}",
        "population: 310,000}",
        "9:48",
        "locality.constituents[0].population: 310,000 is written with thousands separators: write 310000",
        "population: 310000}",
    ),
    (
        "millions-in-braces",
        "amount_gbp: 18500000}",
        "amount_gbp: 18,500,000}",
        "28:42",
        "commissioning.arrangements[0].budget.amount_gbp: 18,500,000 is written with thousands separators: write 18500000",
        "amount_gbp: 18500000}",
    ),
    (
        "thousands-in-block",
        "population: 220000",
        "population: 220,000",
        "12:19",
        "locality.constituents[1].population: '220,000' is written with thousands separators: write 220000",
        "population: 220000",
    ),
    (
        "thousands-with-spaces",
        "population: 220000",
        "population: 220\xa0000",
        "12:22",
        "locality.constituents[1].population: '220\\u00a0000' is written with thousands separators: write 220000",
        "population: 220000",
    ),
    (
        "currency-sign",
        "funding_gbp: 92000000",
        "funding_gbp: \xa392,000,000",
        "38:18",
        "powers[0].funding_gbp: '\xa392,000,000' has a currency sign and is written with thousands separators: write 92000000",
        None,
    ),
    (
        "currency-and-millions",
        "funding_gbp: 92000000",
        "funding_gbp: \xa392m",
        "38:18",
        "powers[0].funding_gbp: '\xa392m' has a currency sign and is written with 'm' for 1,000,000: write 92000000",
        None,
    ),
    (
        "currency-word",
        "funding_gbp: 92000000",
        "funding_gbp: 92000000 GBP",
        "38:18",
        "powers[0].funding_gbp: '92000000 GBP' names the currency: write 92000000",
        None,
    ),
    (
        "percentage",
        "target: 65.0",
        "target: 65%",
        "21:15",
        "goals.outcomes[0].target: '65%' has a percent sign: write 65",
        None,
    ),
    (
        "unit",
        "population: 220000",
        "population: 220000 residents",
        "12:19",
        "locality.constituents[1].population: '220000 residents' has a unit: write 220000",
        None,
    ),
    (
        "quoted-number",
        "funding_gbp: 92000000",
        'funding_gbp: "92000000"',
        "38:18",
        "powers[0].funding_gbp: '92000000' is in quotes, so it is text: write 92000000, without quotes",
        None,
    ),
    (
        "quoted-schema-version",
        "schema_version: 1",
        'schema_version: "1"',
        "1:17",
        "schema_version: '1' is in quotes, so it is text: write 1, without quotes",
        None,
    ),
    (
        "tab-in-indentation",
        "  nation: england",
        "\tnation: england",
        "7:1",
        "tab (U+0009) in the indentation: YAML indents with spaces only; write spaces",
        None,
    ),
    (
        "tab-after-colon",
        "kind: combined_authority",
        "kind:\tcombined_authority",
        "6:8",
        "tab (U+0009) between words: write a space",
        "kind: combined_authority",
    ),
    (
        "colon-in-text",
        "statement: More people in good work",
        "statement: Health and work: more people in work",
        "20:33",
        "text holding ': ' must be in quotes, or YAML reads a key in it: write statement: \"Health and work: more people in work\"",
        None,
    ),
    (
        "over-indented-line",
        "      statement: More",
        "       statement: More",
        "20:8",
        "this line is indented 7 spaces, unlike the lines around it: indent it 6 to line up with the key it belongs with",
        None,
    ),
    (
        "under-indented-line",
        "      target: 65.0",
        "     target: 65.0",
        "21:6",
        "this line is indented 5 spaces, unlike the lines around it: indent it 4 to line up with the key it belongs with",
        None,
    ),
    (
        "typo-of-required-key",
        "statement: More",
        "statment: More",
        "20:7",
        "goals.outcomes[0].statment: unknown key 'statment' (did you mean 'statement'? it is required)",
        None,
    ),
    (
        "blank-name",
        "name: Jobs",
        'name: "   "',
        "26:13",
        "commissioning.arrangements[0].name: must not be blank",
        None,
    ),
]


def test_the_base_file_is_valid(cli: Runner, tmp_path: Path) -> None:
    path = tmp_path / "base.yaml"
    path.write_text(BASE, encoding="utf-8")
    assert cli("validate", path).exit_code == 0


@pytest.mark.parametrize(
    ("case", "old", "new", "where", "message", "fixed"), SLIPS, ids=[s[0] for s in SLIPS]
)
def test_each_slip_is_one_message_at_its_place_and_fixed_only_when_mechanical(
    cli: Runner, tmp_path: Path, case: str, old: str, new: str, where: str, message: str, fixed: str | None
) -> None:
    assert old in BASE, case
    path = tmp_path / f"{case}.yaml"
    slipped = BASE.replace(old, new, 1)
    path.write_text(slipped, encoding="utf-8")
    result = cli("validate", path)
    assert result.stdout == f"{path}:{where}: {message}\n"
    assert result.exit_code == (0 if message.startswith("warning: ") else 2)
    fixing = cli("validate", "--fix", path)
    after = path.read_text(encoding="utf-8")
    if fixed is None:
        assert after == slipped and "fixed:" not in fixing.stderr
    else:
        assert after == BASE.replace(old, fixed, 1)
        assert f"{path}:" in fixing.stderr and "fixed:" in fixing.stderr
        assert fixing.exit_code == 0, fixing.stdout


def test_there_are_at_least_25_slips() -> None:
    assert len(SLIPS) >= 25


def test_fix_keeps_comments_line_endings_and_a_leading_byte_order_mark(cli: Runner, tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    slipped = BASE.replace("last_reviewed: 2026-06-30", "last_reviewed: 2026\u201306\u201330  # as agreed")
    path.write_bytes(b"\xef\xbb\xbf" + slipped.replace("\n", "\r\n").encode("utf-8"))
    result = cli("validate", "--fix", path)
    assert result.exit_code == 0
    expected = BASE.replace("last_reviewed: 2026-06-30", "last_reviewed: 2026-06-30  # as agreed")
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.replace("\n", "\r\n").encode("utf-8")


def test_fix_uncovers_and_fixes_a_second_slip_the_first_hid(cli: Runner, tmp_path: Path) -> None:
    path = tmp_path / "two.yaml"
    slipped = BASE.replace("kind: combined", "kind:\u00a0combined").replace(
        "id: test-place", "id: test\u200b-place"
    )
    path.write_text(slipped, encoding="utf-8")
    result = cli("validate", "--fix", path)
    assert result.exit_code == 0
    assert path.read_text(encoding="utf-8") == BASE
    assert result.stderr.count("fixed:") == 2


def test_a_fix_whose_text_moved_is_not_applied() -> None:
    fixes = [Fix(Position(1, 4), "x\u00a0", "x"), Fix(Position(2, 4), "2026\u201301\u201301", "2026-01-01")]
    text, applied = apply_fixes("a: y\u00a0\nb: 2026\u201301\u201301\n", fixes)
    assert text == "a: y\u00a0\nb: 2026-01-01\n" and applied == fixes[1:]


def _structure(text: str) -> object:
    return parse(text, "f.yaml").data


#: The fields whose value is the user's own words (a list of words counts under its key).
FREE_TEXT = {"name", "statement", "cohort", "measure", "purpose", "reason", "services", "linked_datasets"}
CRITERIA = dict([criterion_ids("ifg-2015")])


def _free_text_differences(before: object, after: object, key: str = "") -> set[str]:
    """The keys of the string values that differ (raises when anything else differs)."""
    if isinstance(before, dict) and isinstance(after, dict):
        assert before.keys() == after.keys()
        return (
            set().union(*(_free_text_differences(before[k], after[k], k) for k in before))
            if before
            else set()
        )
    if isinstance(before, list) and isinstance(after, list):
        assert len(before) == len(after)
        return set().union(*(_free_text_differences(b, a, key) for b, a in zip(before, after, strict=True)))
    if before == after:
        return set()
    assert isinstance(after, str) and (isinstance(before, str) or key in FREE_TEXT), (before, after)
    return {key}


def _position(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    return Position(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


NORTH_SHIRE = (EXAMPLES / "north-shire.yaml").read_text(encoding="utf-8")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    example=st.sampled_from([BASE, NORTH_SHIRE]),
    char=st.sampled_from(sorted(NAMED)),
    where=st.floats(min_value=0, max_value=1, exclude_max=True),
    loader=st.sampled_from(list(LoaderKind)),
)
def test_any_named_character_anywhere_is_one_message_there_or_harmless_free_text(
    example: str, char: str, where: float, loader: LoaderKind
) -> None:
    offset = int(where * (len(example) + 1))
    if char == "\ufeff" and offset == 0:
        offset = 1  # a byte-order mark that starts the file is the encoding's mark, not a slip
    text = example[:offset] + char + example[offset:]
    try:
        document = parse(text, "f.yaml", loader=loader)
    except InputError as exc:
        problems = list(exc.diagnostics)
    else:
        problems = [d for d in validate_document(document, CRITERIA).diagnostics if d.severity == "error"]
        if not problems:
            assert _free_text_differences(_structure(example), document.data) <= FREE_TEXT
            return
    assert [d.position for d in problems] == [_position(text, offset)], [str(d) for d in problems]


TABS = st.integers(min_value=0, max_value=len(BASE))


@settings(max_examples=300, deadline=None)
@given(offset=TABS, text=st.sampled_from(["\t", " \t", "\t\t"]))
def test_both_parsers_agree_on_a_tab_anywhere(offset: int, text: str) -> None:
    """libyaml takes tabs that PyYAML's own parser refuses: devocheck refuses them with either."""
    slipped = BASE[:offset] + text + BASE[offset:]
    outcomes = []
    for loader in LoaderKind:
        try:
            outcomes.append(("read", parse(slipped, "f.yaml", loader=loader).data))
        except InputError as exc:
            outcomes.append(("refused", [str(d) for d in exc.diagnostics][:1]))
    assert outcomes[0][0] == outcomes[1][0], outcomes
    if outcomes[0][0] == "read":
        assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2026-06-30", "2026-06-30"),
        ("2026-6-30", "2026-06-30"),
        ("2026-9-1", "2026-09-01"),
        ("2026-02-30", None),
        ("26-06-30", None),
        ("2026-006-30", None),
        ("2026\u201306\u201330", None),
        ("30/06/2026", None),
    ],
)
def test_the_one_date_rule(written: str, day: str | None) -> None:
    found = calendar_day(written)
    assert (found.isoformat() if found else None) == day


@pytest.mark.parametrize("quote", ["", '"', "'"])
def test_quoted_and_unquoted_dates_follow_the_same_rule(quote: str) -> None:
    """2026-9-1 used to be read unquoted only; now both forms are the same day, with a warning."""
    text = BASE.replace("last_reviewed: 2026-06-30", f"last_reviewed: {quote}2026-9-1{quote}")
    result = validate_document(parse(text, "f.yaml"))
    assert result.ok
    assert [d.message for d in result.diagnostics] == [
        "goals.last_reviewed: '2026-9-1': write 2026-09-01, with a two-digit month and day"
    ]


@pytest.mark.parametrize(
    ("written", "how", "day"),
    [
        ("01/02/2026", "is written day first", "2026-02-01"),
        ("2026/02/01", "is written with the wrong separator", "2026-02-01"),
        ("1st February 2026", "is written out in words", "2026-02-01"),
        ("Feb 1, 2026", "is written out in words", "2026-02-01"),
        ("31/02/2026", "is written day first", None),
    ],
)
def test_date_slips(written: str, how: str, day: str | None) -> None:
    found = date_slip(written)
    assert found is not None
    assert (found[0], found[1].isoformat() if found[1] else None) == (how, day)


@pytest.mark.parametrize(
    ("written", "whole", "reading"),
    [
        ("310,000", True, ("is written with thousands separators", "310000", True)),
        ("1,2345", True, None),
        ("£1.5m", True, ("has a currency sign and is written with 'm' for 1,000,000", "1500000", False)),
        ("12.5%", False, ("has a percent sign", "12.5", False)),
        ("2 years", True, ("has a unit", "2", False)),
        ("two", True, None),
        ("1.5", True, None),
    ],
)
def test_numbers_as_people_write_them(
    written: str, whole: bool, reading: tuple[str, str, bool] | None
) -> None:
    assert read_number(written, whole=whole) == reading


def test_one_did_you_mean_and_plural_english() -> None:
    assert did_you_mean("comissioning", ["commissioning", "co_location"]) == ["commissioning"]
    assert did_you_mean("zzz", ["commissioning"]) == []
    assert [plural(n, "problem") for n in (0, 1, 2)] == ["0 problems", "1 problem", "2 problems"]
    assert plural(1, "entry", "entries") == "1 entry"


LOCALITY_FORMAT = REPO / "docs" / "locality-format.md"
TABLE_START = "<!-- slips table: generated by `python -m tests.test_office` -->\n"
TABLE_END = "<!-- end of slips table -->"


def _cell(text: str) -> str:
    return "`" + shown(text)[1:-1].replace("|", "\\|") + "`"


def slips_table() -> str:
    """The markdown table of ``SLIPS`` (each row checked against a real run above)."""
    rows = []
    for _, _, new, where, message, fixed in SLIPS:
        after = _cell(fixed.strip(" ")) if fixed is not None else "left for you"
        rows.append(f"| {_cell(new.strip(' '))} | {where}: {message} | {after} |")
    header = ["| you wrote | devocheck says (line:column: message) | `--fix` writes |", "|---|---|---|"]
    return "\n".join([*header, *rows]) + "\n"


def test_the_locality_format_page_shows_the_real_messages() -> None:
    text = LOCALITY_FORMAT.read_text(encoding="utf-8")
    shown_table = text.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0]
    assert shown_table == slips_table(), "run `python -m tests.test_office` to regenerate the table"


if __name__ == "__main__":
    page = LOCALITY_FORMAT.read_text(encoding="utf-8")
    head, rest = page.split(TABLE_START, 1)
    LOCALITY_FORMAT.write_text(head + TABLE_START + slips_table() + TABLE_END + rest.split(TABLE_END, 1)[1])
