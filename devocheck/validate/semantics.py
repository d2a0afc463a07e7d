"""Validate stage, second half: the rules of format v1 that a JSON Schema cannot state.

Cross-references (partner and outcome ids, waived criteria), ids unique within their
lists, date order and value ranges (errors), and powers that do not move (warnings). Runs
only on data that already passed the schema, so it relies on the shape the schema
guarantees. Pure: no I/O, no printing.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import Any

from devocheck.load.dates import calendar_day
from devocheck.model import Diagnostic, Document, KeyPath, dotted_path
from devocheck.validate.messages import closest

#: Lists whose items carry an ``id`` that must be unique within the list.
_ID_LISTS: tuple[KeyPath, ...] = (
    ("partners",),
    ("goals", "outcomes"),
    ("commissioning", "arrangements"),
    ("data_sharing", "agreements"),
    ("powers",),
)

#: Lists whose items name partners in their own ``partners`` list.
_PARTNER_USERS: tuple[KeyPath, ...] = (
    ("goals", "outcomes"),
    ("commissioning", "arrangements"),
    ("co_location", "sites"),
    ("data_sharing", "agreements"),
)

#: A GSS area code; its first letter names the UK nation the area is in.
_GSS = re.compile(r"^[ENSW][0-9]{8}$")
_NATION_OF_CODE = {"E": "england", "W": "wales", "S": "scotland", "N": "northern_ireland"}
TARGET_YEAR_MIN = 2000
TARGET_YEAR_MAX = 2100


def _get(data: Any, path: KeyPath) -> Any:
    """The value at a path of mapping keys, or None when any step is absent."""
    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _items(data: Any, path: KeyPath) -> Iterator[tuple[KeyPath, dict[str, Any]]]:
    """Each mapping in the list at ``path`` with its own path (nothing when the list is absent)."""
    for index, item in enumerate(_get(data, path) or []):
        yield (*path, index), item


#: Distinct unknown names per document that get a "did you mean" search. Each search scans
#: every known name, so without a cap a large file full of broken references costs
#: (broken references x partners): quadratic in the file's size.
HINT_SEARCHES = 50


class _Checker:
    """Collects diagnostics for one document, positioned at the offending value."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.data: Any = document.data
        self.found: list[Diagnostic] = []
        self._hints: dict[tuple[str, str], str | None] = {}

    def report(
        self, code: str, path: KeyPath, message: str, hint: str | None = None, severity: str = "error"
    ) -> None:
        text = f"{dotted_path(path)}: {message}"
        if hint is not None:
            text += f" (did you mean '{hint}'?)"
        self.found.append(
            Diagnostic(
                file=self.document.source.name,
                position=self.document.positions.value(path),
                code=code,
                message=text,
                path=path,
                hint=hint,
                severity=severity,
            )
        )

    def unknown(
        self, code: str, path: KeyPath, what: str, value: str, where: str, known: Collection[str]
    ) -> None:
        self.report(code, path, f"{what} '{value}' is not defined in {where}", self.hint(value, where, known))

    def hint(self, value: str, where: str, known: Collection[str]) -> str | None:
        """The nearest known name, searched once per distinct name and at most HINT_SEARCHES times."""
        if (where, value) not in self._hints:
            if len(self._hints) >= HINT_SEARCHES:
                return None
            self._hints[where, value] = closest(value, sorted(known))
        return self._hints[where, value]

    def unique(self, list_path: KeyPath, key: str, code: str) -> None:
        first: dict[Any, KeyPath] = {}
        for path, item in _items(self.data, list_path):
            value = item[key]
            if value in first:
                where = dotted_path(first[value])
                self.report(code, (*path, key), f"{key} '{value}' is already used by {where}")
            else:
                first[value] = path

    def ids(self, list_path: KeyPath) -> set[str]:
        return {item["id"] for _, item in _items(self.data, list_path)}

    def references(self) -> None:
        partners = self.ids(("partners",))
        for list_path in _PARTNER_USERS:
            for path, item in _items(self.data, list_path):
                for index, ref in enumerate(item.get("partners", [])):
                    if ref not in partners:
                        ref_path = (*path, "partners", index)
                        self.unknown("ref.unknown-partner", ref_path, "partner", ref, "partners", partners)
        outcomes = self.ids(("goals", "outcomes"))
        for path, item in _items(self.data, ("commissioning", "arrangements")):
            for index, ref in enumerate(item.get("outcomes", [])):
                if ref not in outcomes:
                    ref_path = (*path, "outcomes", index)
                    self.unknown("ref.unknown-outcome", ref_path, "outcome", ref, "goals.outcomes", outcomes)

    def waivers(self, criterion_ids: Collection[str]) -> None:
        for path, item in _items(self.data, ("waivers",)):
            criterion = item["criterion"]
            if criterion not in criterion_ids:
                self.unknown(
                    "ref.unknown-criterion",
                    (*path, "criterion"),
                    "criterion",
                    criterion,
                    "the rubric",
                    criterion_ids,
                )

    def nation(self) -> None:
        """A warning when the stated nation contradicts the constituents' GSS codes (whose first
        letter names the nation: E England, W Wales, S Scotland, N Northern Ireland)."""
        nation = _get(self.data, ("locality", "nation"))
        if nation is None:
            return
        others = sorted(
            {
                (_NATION_OF_CODE[code[0]], code)
                for _, item in _items(self.data, ("locality", "constituents"))
                if isinstance(code := item.get("code"), str)
                and _GSS.match(code)
                and _NATION_OF_CODE[code[0]] != nation
            }
        )
        if others:
            shown = ", ".join(f"{code} is in {place}" for place, code in others[:3])
            more = f" and {len(others) - 3} more" if len(others) > 3 else ""
            self.report(
                "nation.contradicts-codes",
                ("locality", "nation"),
                f"nation {nation} contradicts the area codes: {shown}{more}",
                severity="warning",
            )

    def review_dates(self) -> None:
        for path, item in _items(self.data, ("data_sharing", "agreements")):
            signed, review_due = item.get("signed"), item.get("review_due")
            signed_day, review_day = calendar_day(signed or ""), calendar_day(review_due or "")
            if signed_day and review_day and review_day < signed_day:
                self.report(
                    "date.review-before-signed",
                    (*path, "review_due"),
                    f"review due {review_due} is before the agreement was signed on {signed}",
                )

    def ranges(self) -> None:
        for path, item in _items(self.data, ("locality", "constituents")):
            population = item.get("population")
            if population is not None and population < 0:
                self.report("range.population", (*path, "population"), f"population {population} is below 0")
        for path, item in _items(self.data, ("goals", "outcomes")):
            year = item.get("target_year")
            if year is not None and not TARGET_YEAR_MIN <= year <= TARGET_YEAR_MAX:
                self.report(
                    "range.target-year",
                    (*path, "target_year"),
                    f"target year {year} is not between {TARGET_YEAR_MIN} and {TARGET_YEAR_MAX}",
                )

    def non_moves(self) -> None:
        for path, item in _items(self.data, ("powers",)):
            if item["from"] == item["to"]:
                self.report(
                    "power.not-a-move",
                    (*path, "to"),
                    f"power '{item['id']}' moves from {item['from']} to {item['to']}: nothing moves, "
                    "so it counts in no score (say where it moves from, or remove it)",
                    severity="warning",
                )


def check_semantics(document: Document, criterion_ids: Collection[str] | None = None) -> list[Diagnostic]:
    """Problems in a schema-valid locality that only cross-field rules reveal, in file order.

    ``criterion_ids`` are the criteria of the rubric in use; None skips the waiver check
    (validating a file without choosing a rubric).
    """
    checker = _Checker(document)
    for list_path in _ID_LISTS:
        checker.unique(list_path, "id", "duplicate.id")
    checker.unique(("locality", "constituents"), "code", "duplicate.code")
    checker.unique(("waivers",), "criterion", "duplicate.waiver")  # which one would apply?
    checker.nation()
    checker.references()
    if criterion_ids is not None:
        checker.waivers(criterion_ids)
    checker.review_dates()
    checker.ranges()
    checker.non_moves()
    return sorted(checker.found, key=Diagnostic.sort_key)


__all__ = ["check_semantics"]
