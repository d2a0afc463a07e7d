"""Rubrics as data: load, check against the meta-schema, compile conditions once per process.

A rubric is a YAML file (``rubrics/<id>.yaml`` for the built-ins) checked in one pass by
``schemas/rubric.schema.json`` and by rules a schema cannot state (unique ids, levels 1..max
each described once, known metrics, comparisons that fit the metric's kind, ascending bands),
which run on whatever the schema found sound. Besides criteria, a rubric may say where it
applies (``applicability``) and which tiers a place meets (``tiers``, lowest first, each
requirement a condition with a basis; no tier is named ``none``). Every problem, of either
kind, comes in one ``RubricError`` at the file:line:col of the offending node, so a rubric
author fixes them all in one round.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from devocheck.errors import InputError, RubricError
from devocheck.load.limits import MAX_PROBLEMS
from devocheck.load.loader import load
from devocheck.measure import METRICS
from devocheck.model import Diagnostic, Document, KeyPath
from devocheck.rubric.catalog import resolve_rubric
from devocheck.rubric.conditions import Compiler, Condition
from devocheck.schemas import load_schema

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a criterion; it holds when its condition and every lower level's hold."""

    number: int
    description: str
    condition: Condition
    remediation: str | None = None
    """How to reach this level from the one below, when the rubric says (else the criterion's)."""


@dataclass(frozen=True, slots=True)
class Criterion:
    """A scored question about a locality, with cumulative levels 1..max_level."""

    id: str
    title: str
    theme: str
    weight: float
    gate: bool
    max_level: int
    levels: tuple[Level, ...]
    """Sorted by number: levels[i].number == i + 1."""
    rationale: str
    cites: str | None
    remediation: str
    reads: tuple[str, ...]
    """Sections whose absence means no evidence."""
    evidence: Condition | None
    """When set, replaces ``reads`` as the test for evidence."""

    @property
    def metrics(self) -> tuple[str, ...]:
        """Every metric the criterion's conditions read."""
        names = (name for level in self.levels for name in level.condition.metrics)
        return tuple(dict.fromkeys(names))


@dataclass(frozen=True, slots=True)
class Theme:
    """A weighted group of criteria; its score is 100 x their weighted mean."""

    id: str
    title: str
    weight: float
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True, slots=True)
class Band:
    """A score band: scores from ``min`` up to the next band's ``min``."""

    name: str
    min: float


#: What a report says for the tier when no tier is met; no tier may take the name.
NO_TIER = "none"
#: Bases of a tier requirement; requirements of the first two must hold for the tier to be met.
BASES = ("statute", "policy", "guidance")
BLOCKING_BASES = frozenset({"statute", "policy"})


@dataclass(frozen=True, slots=True)
class Requirement:
    """One requirement of a tier: holds, unmet, or not stated when the facts it reads are absent."""

    id: str
    tier: str
    basis: str
    """``statute``, ``policy`` or ``guidance`` (guidance never blocks a tier)."""
    description: str
    source: str
    remediation: str | None
    condition: Condition

    @property
    def blocking(self) -> bool:
        return self.basis in BLOCKING_BASES


@dataclass(frozen=True, slots=True)
class Tier:
    """A tier of a framework; met when every blocking requirement of it and of lower tiers holds."""

    id: str
    title: str
    description: str | None
    deemed: Condition | None
    """When it holds, every requirement of this tier holds (a body the law makes this tier)."""
    requirements: tuple[Requirement, ...]


@dataclass(frozen=True, slots=True)
class Applicability:
    """Where a rubric applies: everywhere but where ``condition`` is false."""

    condition: Condition
    description: str


@dataclass(frozen=True, slots=True)
class Rubric:
    """A compiled rubric: built once per process, shared by every assessment."""

    id: str
    version: int
    title: str
    source: str
    """The citation of the work the rubric is drawn from."""
    source_url: str | None
    """Where that work can be read, when the rubric says."""
    bands: tuple[Band, ...]
    gate_cap: str
    themes: tuple[Theme, ...]
    file: str
    applicability: Applicability | None = None
    tiers: tuple[Tier, ...] = ()
    """Lowest first."""
    tier_note: str | None = None
    """Said wherever a tier is shown."""
    shows: tuple[str, ...] = ()
    """Metrics shown in reports besides those the conditions read."""

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(criterion for theme in self.themes for criterion in theme.criteria)

    @property
    def requirements(self) -> tuple[Requirement, ...]:
        return tuple(requirement for tier in self.tiers for requirement in tier.requirements)

    measured: frozenset[str] = field(init=False, repr=False, compare=False)
    """Every metric a report on this rubric measures: those its conditions read, and ``shows``
    (worked out once, when the rubric is built)."""

    def __post_init__(self) -> None:
        conditions = [
            *(level.condition for criterion in self.criteria for level in criterion.levels),
            *(criterion.evidence for criterion in self.criteria if criterion.evidence is not None),
            *(requirement.condition for requirement in self.requirements),
            *(tier.deemed for tier in self.tiers if tier.deemed is not None),
            *([self.applicability.condition] if self.applicability else []),
        ]
        names = frozenset(name for condition in conditions for name in condition.metrics) | set(self.shows)
        object.__setattr__(self, "measured", names)

    def band(self, score: float) -> str:
        """The band of an (unrounded) score."""
        return next((band.name for band in reversed(self.bands) if score >= band.min), self.bands[0].name)


# --- loading --------------------------------------------------------------------------------


def load_rubric(ref: str | Path) -> Rubric:
    """A built-in rubric by id (``ifg-2015``) or a rubric file by path; compiled once per process."""
    return load_rubric_file(resolve_rubric(ref))


def load_rubric_file(path: Path) -> Rubric:
    """Load, check and compile the rubric at a resolved ``path``.

    Compiled once per process while the file is unchanged (same size and modification time),
    and again when it changes, so a long-lived session sees an edited rubric.
    """
    try:
        stat = path.stat()
        version = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        version = None  # load() says why the file cannot be read
    return _compiled(path, version)


@lru_cache(maxsize=64)
def _compiled(path: Path, version: tuple[int, int] | None) -> Rubric:
    """The compiled rubric at ``path`` as of ``version``; ``cache_info()`` counts compilations."""
    del version  # part of the cache key only
    try:
        document = load(path)
    except InputError as error:
        raise RubricError(error.diagnostics) from None
    return _Builder(document, _schema_problems(document)).build()


# --- checking -------------------------------------------------------------------------------


@cache
def _meta_validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema("rubric"), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _schema_problems(document: Document) -> list[Diagnostic]:
    """Meta-schema problems outside conditions, in plain words: the condition compiler words
    those inside conditions itself."""
    from devocheck.validate.messages import Translator

    errors = (
        error
        for error in _meta_validator().iter_errors(document.data)
        if not _in_condition(tuple(error.absolute_path))
    )
    return Translator(document, "rubric.schema").translate(errors, MAX_PROBLEMS)


def _in_condition(path: KeyPath) -> bool:
    """Whether ``path`` is in a criterion's ``evidence`` or a level's ``when``."""
    if len(path) < 5 or path[0] != "themes" or path[2] != "criteria":
        return False
    return path[4] == "evidence" or (len(path) >= 7 and path[4] == "levels" and path[6] == "when")


class _Builder:
    """Checks a rubric document and builds its records, collecting every problem in one pass.

    ``schema`` holds the meta-schema problems already found; the rules a schema cannot state
    run on what is valid beside them (a node of the wrong shape is skipped, not guessed at), so
    an author sees every problem at once. The records are built only when there is none.
    """

    def __init__(self, document: Document, schema: list[Diagnostic]) -> None:
        self.document = document
        self.compiler = Compiler(document, METRICS)
        self.compiler.problems.extend(schema)
        self.broken = {problem.path for problem in schema}
        self.seen: dict[str, KeyPath] = {}

    def problem(self, path: KeyPath, code: str, message: str, *, at_value: bool = False) -> None:
        positions = self.document.positions
        position = positions.value(path) if at_value else positions.key(path)
        self.compiler.fail(position, code, message, path)

    def sound(self, path: KeyPath) -> bool:
        """Whether no meta-schema problem lies at or under ``path``."""
        return not any(broken[: len(path)] == path for broken in self.broken)

    def build(self) -> Rubric:
        data: Any = self.document.data if isinstance(self.document.data, Mapping) else {}
        sound_bands = isinstance(data.get("bands"), list) and self.sound(("bands",))
        bands = self._bands(data["bands"]) if sound_bands else ()
        gate_cap = data.get("gate_cap")
        if bands and self.sound(("gate_cap",)) and gate_cap not in {band.name for band in bands}:
            self.problem(
                ("gate_cap",), "rubric.gate-cap", f"gate_cap '{gate_cap}' is not a band", at_value=True
            )
        themes = tuple(self._theme(theme, ("themes", i)) for i, theme in _entries(data.get("themes")))
        tiers = (
            tuple(self._tier(tier, ("tiers", i)) for i, tier in _entries(data.get("tiers")))
            if self.sound(("tiers",))
            else ()
        )
        applicability = data.get("applicability")
        shows = data.get("shows") if self.sound(("shows",)) else None
        for i, name in enumerate(shows or ()):
            if name not in METRICS:
                self.compiler.compile({"metric": name}, ("shows", i))  # the unknown-metric problem
        self.compiler.raise_problems()
        return Rubric(
            id=data["id"],
            version=data["version"],
            title=data["title"],
            source=data["source"]["citation"],
            source_url=data["source"].get("url"),
            bands=bands,
            gate_cap=data["gate_cap"],
            themes=themes,
            file=self.document.source.name,
            applicability=None
            if applicability is None
            else Applicability(
                self.compiler.compile(applicability["when"], ("applicability", "when")),
                applicability["description"],
            ),
            tiers=tiers,
            tier_note=data.get("tier_note"),
            shows=tuple(data.get("shows", [])),
        )

    def _tier(self, raw: dict[str, Any], path: KeyPath) -> Tier:
        if raw["id"] == NO_TIER:
            message = f"a tier cannot be named '{NO_TIER}': reports use it when no tier is met"
            self.problem((*path, "id"), "rubric.tier", message, at_value=True)
        self._unique(raw["id"], (*path, "id"), "tier")
        deemed = raw.get("deemed")
        requirements = []
        for i, requirement in enumerate(raw["requirements"]):
            where = (*path, "requirements", i)
            self._unique(requirement["id"], (*where, "id"), "requirement")
            requirements.append(
                Requirement(
                    id=requirement["id"],
                    tier=raw["id"],
                    basis=requirement["basis"],
                    description=requirement["description"],
                    source=requirement["source"],
                    remediation=requirement.get("remediation"),
                    condition=self.compiler.compile(requirement["when"], (*where, "when")),
                )
            )
        return Tier(
            id=raw["id"],
            title=raw["title"],
            description=raw.get("description"),
            deemed=None if deemed is None else self.compiler.compile(deemed, (*path, "deemed")),
            requirements=tuple(requirements),
        )

    def _unique(self, value: Any, path: KeyPath, what: str) -> None:
        if not isinstance(value, str) or not self.sound(path):
            return
        if value in self.seen:
            line = self.document.positions.value(self.seen[value]).line
            self.problem(
                path,
                "rubric.duplicate-id",
                f"duplicate {what} id '{value}' (first on line {line})",
                at_value=True,
            )
        else:
            self.seen[value] = path

    def _bands(self, raw: list[dict[str, Any]]) -> tuple[Band, ...]:
        bands = tuple(Band(band["name"], band["min"]) for band in raw)
        if bands[0].min != 0:
            self.problem(("bands", 0, "min"), "rubric.bands", "the first band must start at 0", at_value=True)
        for i in range(1, len(bands)):
            if bands[i].min <= bands[i - 1].min:
                message = f"bands must ascend: {bands[i].min} is not above {bands[i - 1].min}"
                self.problem(("bands", i, "min"), "rubric.bands", message, at_value=True)
        for i, band in enumerate(bands):
            self._unique(band.name, ("bands", i, "name"), "band")
        return bands

    def _theme(self, raw: Any, path: KeyPath) -> Theme:
        self._unique(raw.get("id"), (*path, "id"), "theme")
        criteria = tuple(
            self._criterion(criterion, raw.get("id"), (*path, "criteria", i))
            for i, criterion in _entries(raw.get("criteria"))
        )
        return Theme(raw.get("id"), raw.get("title"), raw.get("weight"), criteria)

    def _criterion(self, raw: Any, theme: Any, path: KeyPath) -> Criterion:
        self._unique(raw.get("id"), (*path, "id"), "criterion")
        evidence = raw.get("evidence")
        return Criterion(
            id=raw.get("id"),
            title=raw.get("title"),
            theme=theme,
            weight=raw.get("weight"),
            gate=raw.get("gate", False),
            max_level=raw.get("max_level"),
            levels=self._levels(raw, path),
            rationale=raw.get("rationale"),
            cites=raw.get("cites"),
            remediation=raw.get("remediation"),
            reads=tuple(raw.get("reads") or ()),
            evidence=None if evidence is None else self.compiler.compile(evidence, (*path, "evidence")),
        )

    def _levels(self, raw: Any, path: KeyPath) -> tuple[Level, ...]:
        """Levels 1..max_level, each described exactly once, sorted by number.

        Each ``when`` compiles whatever its number; the numbering is checked only when
        ``max_level`` and every level number are sound.
        """
        levels = tuple(_entries(raw.get("levels")))
        top = raw.get("max_level")
        numbered = (
            self.sound((*path, "max_level"))
            and isinstance(top, int)
            and all(
                self.sound((*path, "levels", i, "level")) and isinstance(level.get("level"), int)
                for i, level in levels
            )
        )
        described: set[int] = set()
        found: dict[int, Level] = {}
        for i, level in levels:
            where = (*path, "levels", i)
            condition = self.compiler.compile(level["when"], (*where, "when")) if "when" in level else None
            number = level.get("level")
            if not numbered:
                continue
            if number > top:
                self.problem(
                    (*where, "level"),
                    "rubric.level",
                    f"level {number} is above max_level {top}",
                    at_value=True,
                )
            elif number in described:
                self.problem(
                    (*where, "level"), "rubric.level", f"level {number} is described twice", at_value=True
                )
            else:
                described.add(number)
                if condition is not None:
                    found[number] = Level(
                        number, level.get("description"), condition, level.get("remediation")
                    )
        # lazily: max_level may be any whole number, and only the first few missing are named
        missing = list(islice((n for n in range(1, top + 1) if n not in described), 10)) if numbered else []
        if missing:
            more = top - len(described) - len(missing)
            listed = ", ".join(map(str, missing)) + (f" and {more} more" if more > 0 else "")
            self.problem(
                (*path, "levels"), "rubric.level", f"levels 1..{top} must each be described: missing {listed}"
            )
        return tuple(found[n] for n in sorted(found))


def _entries(value: Any) -> Iterator[tuple[int, Any]]:
    """The mapping entries of a list, with their indexes; nothing when ``value`` is not a list."""
    if isinstance(value, list):
        yield from ((i, entry) for i, entry in enumerate(value) if isinstance(entry, Mapping))


__all__ = [
    "BASES",
    "BLOCKING_BASES",
    "NO_TIER",
    "Applicability",
    "Band",
    "Criterion",
    "Level",
    "Requirement",
    "Rubric",
    "Theme",
    "Tier",
    "load_rubric",
    "load_rubric_file",
]
