"""Policy: what a report must reach for a run to pass, and the verdict of a run.

``Thresholds`` (``--fail-under``, ``--min-band``, ``--fail-on-gate``) is kept apart from the
rubric, as definition is kept apart from policy: a rubric says what each level means; a
repository or CI job says how good is good enough. ``Judge`` watches a run's outcomes go by
and gives its ``Verdict``: every check made (each threshold on each file, each comparison
with a baseline), and the exit status they add up to. The verdict is data that every
machine format renders, so a JUnit file, a SARIF log, GitHub annotations and the JSON report
agree with the exit status by construction. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from devocheck.model import Record
from devocheck.rubric.model import Rubric
from devocheck.score.diff import Baseline, ReportDiff, diff_reports
from devocheck.score.report import NotApplicable, NotAssessed, Report, Robustness

#: Exit statuses (the CLI's ``ExitCode`` has the same values).
EXIT_OK, EXIT_THRESHOLD, EXIT_INPUT = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Check(Record):
    """One check a run made on one file (or on the run): a threshold, a baseline comparison.

    ``kind`` is ``threshold``, ``regression``, ``baseline`` (an id matched by file) or
    ``input`` (two files with one locality id); ``name`` says which check
    (``fail-under 60``, ``no regression from the baseline``); ``message`` says why it did not
    pass (empty when it did). A check that did not pass fails the run only when ``enforced``
    (a regression without ``--fail-on-regression`` is reported, not enforced).
    """

    kind: str
    name: str
    file: str
    locality: str
    passed: bool
    message: str
    enforced: bool

    @property
    def fails(self) -> bool:
        """True when this check makes the run exit 1."""
        return self.enforced and not self.passed


@dataclass(frozen=True, slots=True)
class Thresholds:
    """What each assessed file must reach for the run to pass; None or False checks nothing.

    Every field has a default, so ``Thresholds(fail_under=60)`` checks the score alone and
    ``Thresholds(min_band="maturing")`` the band of each report on its own rubric's bands.
    ``ValueError`` when ``min_band`` is not one of ``bands`` (or, with ``bands`` left empty,
    of the report's rubric, when a report is checked).
    """

    fail_under: float | None = None
    min_band: str | None = None
    bands: tuple[str, ...] = ()
    """The rubric's band names, lowest first; empty: each report's own rubric's bands."""
    fail_on_gate: bool = False
    min_band_share: float | None = None
    """Share of robustness draws (0..1) in which ``min_band`` or higher must hold; checked on
    reports that carry a ``robustness`` block."""

    @classmethod
    def for_rubric(
        cls,
        rubric: Rubric,
        *,
        fail_under: float | None = None,
        min_band: str | None = None,
        fail_on_gate: bool = False,
    ) -> Thresholds:
        """Thresholds over ``rubric``'s bands, e.g. ``Thresholds.for_rubric(rubric, fail_under=60)``.

        ``ValueError`` when ``min_band`` is not one of the rubric's bands.
        """
        return cls(fail_under, min_band, tuple(band.name for band in rubric.bands), fail_on_gate)

    def __post_init__(self) -> None:
        if self.bands:
            _known_band(self.min_band, self.bands)
        if self.min_band_share is not None and self.min_band is None:
            raise ValueError("min_band_share needs min_band: the band that must hold")

    def checks(self, report: Report) -> list[Check]:
        """One ``Check`` per threshold set, passed or not, for ``report``.

        ``ValueError`` when ``min_band`` is not one of the report's rubric's bands (``bands`` empty).
        """
        bands = self.bands or report.rubric.bands
        _known_band(self.min_band, bands)
        found = []
        if self.fail_under is not None:
            miss = ""
            if report.score < self.fail_under:
                # the shown score is cut, never rounded, so it is under the threshold too
                miss = f"score {report.score_display} is under {self.fail_under:g}"
            found.append(_threshold(report, f"fail-under {self.fail_under:g}", miss))
        if self.min_band is not None:
            low = bands.index(report.band) < bands.index(self.min_band)
            miss = f"band {report.band} is below {self.min_band}" if low else ""
            found.append(_threshold(report, f"min-band {self.min_band}", miss))
            if not low and self.min_band_share is not None and report.robustness is not None:
                found.append(self._band_share(report, self.min_band, self.min_band_share, report.robustness))
        if self.fail_on_gate:
            miss = f"gate at level 0: {', '.join(report.gate_failures)}" if report.gate_failures else ""
            found.append(_threshold(report, "fail-on-gate", miss))
        return found

    @staticmethod
    def _band_share(report: Report, band: str, wanted: float, robustness: Robustness) -> Check:
        """The band holds as scored: does it hold under other reasonable weights?"""
        share = robustness.share_at_least(band)
        miss = ""
        if share < wanted:
            shown, needed = f"{share:.1%}", f"{wanted:.1%}"
            if shown == needed:  # rounding would hide the miss
                shown = f"{share:.4%}"
            miss = f"band {band} or higher in {shown} of {robustness.draws} weight draws, under {needed}"
        return _threshold(report, f"min-band-share {wanted:g}", miss)

    def misses(self, report: Report) -> list[str]:
        """Why ``report`` falls short, in words; empty when it passes."""
        return [check.message for check in self.checks(report) if not check.passed]


def _known_band(band: str | None, bands: tuple[str, ...]) -> None:
    """``ValueError`` unless ``band`` is None or one of ``bands``."""
    if band is not None and band not in bands:
        raise ValueError(f"unknown band {band!r}; the rubric has {', '.join(bands)}")


def _threshold(report: Report, name: str, miss: str) -> Check:
    return Check("threshold", name, report.input, report.locality.id, not miss, miss, enforced=True)


@dataclass(frozen=True, slots=True)
class Verdict(Record):
    """What a run concluded: its counts, every check it made, and the exit status they give."""

    files: int
    invalid: int
    checks: tuple[Check, ...]

    @property
    def assessed(self) -> int:
        return self.files - self.invalid

    @property
    def failed(self) -> tuple[Check, ...]:
        """The checks that make the run exit 1."""
        return tuple(check for check in self.checks if check.fails)

    @property
    def exit_code(self) -> int:
        """2 when a file could not be assessed (or none was given), 1 when a check failed, else 0."""
        if self.invalid or not self.files:
            return EXIT_INPUT
        return EXIT_THRESHOLD if self.failed else EXIT_OK

    def files_failing(self, kind: str) -> int:
        """How many files failed a check of ``kind``."""
        return len({check.file for check in self.failed if check.kind == kind})


@dataclass
class Judge:
    """Watches outcomes go by and keeps the checks made on them; ``verdict()`` at the end.

    Keeps checks, not reports, so a run over many files stays small.
    """

    thresholds: Thresholds
    baseline: Baseline | None = None
    fail_on_regression: bool = False
    allow_vanished: bool = False
    """With ``fail_on_regression``: a baseline locality absent from the run does not fail it."""
    across_rubric_versions: bool = False
    """Count a fall from a baseline scored with another rubric version as a regression."""
    by_rubric: dict[str, Thresholds] = field(default_factory=dict)
    """Thresholds by rubric id when several rubrics are in use (a band is one of its rubric's);
    a report of a rubric not listed is held to ``thresholds``."""
    files: int = 0
    invalid: int = 0
    checks: list[Check] = field(default_factory=list)
    _ids: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    _seen: set[str] = field(default_factory=set)

    def note(self, outcome: Report | NotApplicable | NotAssessed) -> tuple[list[Check], ReportDiff | None]:
        """Check one outcome: the checks made on it, and its change from the baseline (if any).

        A file assessed against several rubrics counts once; a rubric that does not apply to
        the place makes no check."""
        if outcome.input not in self._seen:
            self._seen.add(outcome.input)
            self.files += 1
        if isinstance(outcome, NotAssessed):
            self.invalid += 1
            return [], None
        if isinstance(outcome, NotApplicable):
            return [], None
        self._ids.setdefault((outcome.locality.id, outcome.rubric.id), []).append(outcome.input)
        made = self.by_rubric.get(outcome.rubric.id, self.thresholds).checks(outcome)
        change = None
        if self.baseline is not None:
            before, renamed_from = self.baseline.match(outcome)
            if before is not None:
                change = diff_reports(before, outcome)
                if renamed_from is not None:
                    message = f"locality id changed from {renamed_from} (matched by file)"
                    made.append(self._baseline(outcome, "locality id unchanged", message))
                counted = change.counts_as_regression(self.across_rubric_versions)
                made.append(
                    Check(
                        "regression",
                        "no regression from the baseline",
                        outcome.input,
                        outcome.locality.id,
                        not counted,
                        _regression_words(change) if counted else "",
                        enforced=self.fail_on_regression,
                    )
                )
        self.checks.extend(made)
        return made, change

    def verdict(self) -> Verdict:
        """The run's verdict, with the checks only the whole run can make (vanished, duplicate ids)."""
        closing = [
            Check(
                "input",
                "locality id unique in the run",
                file,
                locality,
                False,
                f"{locality} is also the id in {files[0]}",
                enforced=False,
            )
            for (locality, _), files in self._ids.items()
            for file in files[1:]
        ]
        if self.baseline is not None:
            closing.extend(
                Check(
                    "regression",
                    "still assessed",
                    str(old["input"]),
                    str(old["locality"]["id"]),
                    False,
                    f"{old['locality']['id']} is in the baseline but not in this run "
                    f"(was {old['input']}, score {float(old['score']):.1f})",
                    enforced=self.fail_on_regression and not self.allow_vanished,
                )
                for old in self.baseline.missing()
            )
        return Verdict(self.files, self.invalid, (*self.checks, *closing))

    def _baseline(self, report: Report, name: str, message: str) -> Check:
        return Check("baseline", name, report.input, report.locality.id, False, message, enforced=False)


def _regression_words(change: ReportDiff) -> str:
    parts = []
    if change.score_change < 0:
        parts.append(f"score fell {change.old_score:.1f} -> {change.new_score:.1f}")
    parts.extend(f"{c.criterion} dropped {c.old_level} -> {c.new_level}" for c in change.changes if c.dropped)
    return "; ".join(parts)


def verdict_to_dict(verdict: Verdict) -> dict[str, Any]:
    """The run's verdict: counts, exit status and every check made."""
    return {
        "exit_code": verdict.exit_code,
        "files": verdict.files,
        "assessed": verdict.assessed,
        "invalid": verdict.invalid,
        "checks": [_check(check) for check in verdict.checks],
    }


def _check(check: Check) -> dict[str, Any]:
    return {
        "kind": check.kind,
        "name": check.name,
        "file": check.file,
        "locality": check.locality,
        "passed": check.passed,
        "enforced": check.enforced,
        "fails": check.fails,
        "message": check.message,
    }
