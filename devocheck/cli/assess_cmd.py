"""``devocheck assess``: score locality files against a rubric, render the reports, gate CI on them.

Outcomes flow through one pipeline as they arrive from the worker processes: diagnostics of
bad files go to stderr, thresholds and the baseline are checked, the progress bar moves, and
formats with a ``stream`` hook render each report at once, so memory does not grow with the
number of files. Options come from the command line, else from the configuration file
(``devocheck.config``), else from the defaults below; each is declared once, as a field of
``AssessOptions``. The run's verdict (``devocheck.policy``) is the last item every format is
given, so machine formats and the exit status agree.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from devocheck.cli.app import EXIT_CODES_HELP, app
from devocheck.cli.declare import FROM_CONFIG_DIR, NOT_CONFIGURABLE, command, config_keys, merged, usage_error
from devocheck.cli.options import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    DEFAULT_RUBRIC,
    AssessmentDate,
    MaxDepth,
    MaxFileSize,
    RubricRef,
    input_limits,
)
from devocheck.cli.output import write_stdout

if TYPE_CHECKING:
    from devocheck.config import Setting
    from devocheck.render import Prerendered, RenderOptions
    from devocheck.rubric.model import Rubric
    from devocheck.score.diff import Baseline
    from devocheck.score.policy import Judge, Thresholds, Verdict
    from devocheck.score.report import FileResult
    from devocheck.score.robustness import Settings

#: A progress bar is drawn for more files than this (fewer finish before it would be read).
PROGRESS_ABOVE = 5


def _check_format(name: str) -> str:
    from devocheck.render import format_names

    if name not in format_names():
        raise typer.BadParameter(f"unknown format {name!r}; choose from {', '.join(format_names())}")
    return name


@dataclass(frozen=True, slots=True)
class AssessOptions:
    """Every ``assess`` option, declared once: the command's parameters and the configuration
    file's keys both come from these fields (``devocheck.cli.declare``)."""

    paths: Annotated[
        list[str],
        typer.Argument(
            help="Locality files, directories (searched for *.yaml/*.yml, passing by hidden, vendored "
            "and git-ignored ones) or globs."
        ),
    ]
    rubric: Annotated[RubricRef, FROM_CONFIG_DIR] = DEFAULT_RUBRIC
    on: AssessmentDate = None
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            callback=_check_format,
            help="rich, json, github, markdown, html, sarif, junit, csv, ...",
        ),
    ] = "rich"
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write here instead of stdout; a directory (existing, or written with a trailing /) "
            "gets one file per input, named after it (mirroring the folders when two names clash).",
        ),
        FROM_CONFIG_DIR,
    ] = None
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, show_default="number of CPUs", help="Worker processes (at most the CPUs)."
        ),
    ] = None
    width: Annotated[
        int | None, typer.Option(min=40, show_default="the terminal's", help="Width of the rich report.")
    ] = None
    max_file_size: MaxFileSize = DEFAULT_MAX_BYTES
    max_depth: MaxDepth = DEFAULT_MAX_DEPTH
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under", metavar="SCORE", min=0, max=100, help="Exit 1 if any file scores below SCORE."
        ),
    ] = None
    min_band: Annotated[
        str | None,
        typer.Option("--min-band", metavar="BAND", help="Exit 1 if any file's band is below BAND."),
    ] = None
    fail_on_gate: Annotated[
        bool, typer.Option("--fail-on-gate", help="Exit 1 if any gate criterion is at level 0.")
    ] = False
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="REPORT.json",
            help="Compare with a saved JSON report (matched by locality id, else by file); the change "
            "goes to stderr.",
        ),
    ] = None
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression",
            help="Exit 1 if a score or criterion level fell from --baseline (not across rubric versions), "
            "or a locality of the baseline is missing from the run.",
        ),
    ] = False
    across_rubric_versions: Annotated[
        bool,
        typer.Option(
            "--regression-across-rubric-versions",
            help="With --fail-on-regression: also fail when the baseline used another rubric version.",
        ),
    ] = False
    allow_vanished: Annotated[
        bool,
        typer.Option(
            "--allow-vanished",
            help="With --fail-on-regression: a baseline locality missing from the run is reported, "
            "not a failure (for runs over some of the files).",
        ),
    ] = False
    robustness: Annotated[
        bool,
        typer.Option(
            "--robustness",
            help="Also show how the score, band and rank move when the weights move (docs/scoring.md).",
        ),
    ] = False
    draws: Annotated[
        int | None,
        typer.Option(
            "--draws", metavar="N", min=1, show_default="1000", help="Weight draws for --robustness."
        ),
    ] = None
    seed: Annotated[
        int | None,
        typer.Option("--seed", metavar="S", show_default="0", help="Seed of the --robustness draws."),
    ] = None
    spread: Annotated[
        float | None,
        typer.Option(
            "--spread",
            metavar="E",
            min=0,
            max=1,
            show_default="0.25",
            help="For --robustness, each weight times 1-E .. 1+E (below 1).",
        ),
    ] = None
    min_band_share: Annotated[
        float | None,
        typer.Option(
            "--min-band-share",
            metavar="SHARE",
            min=0,
            max=1,
            help="Exit 1 if any file's --min-band holds in fewer than SHARE (0-1) of the weight draws; "
            "implies --robustness.",
        ),
    ] = None
    root: Annotated[
        Path | None,
        typer.Option(
            "--root",
            metavar="DIR",
            show_default="the git work tree's top, else the current directory",
            help="SARIF, JUnit and GitHub output name files relative to this folder.",
        ),
    ] = None
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="PATH",
            show_default="the nearest devocheck.toml, or pyproject.toml with a tool.devocheck table",
            help="Read options from this TOML file (its [tool.devocheck] table if it has one); flags win.",
        ),
        NOT_CONFIGURABLE,
    ] = None


#: What a configuration file may set: the ``assess`` options, by their flag names.
CONFIG_KEYS = config_keys(AssessOptions)


def _assess(ctx: typer.Context, options: AssessOptions) -> None:
    """Score localities against a rubric: where each place stands, why, and what to do next.

    Example: devocheck assess examples/ --fail-under 60 --fail-on-gate --format github
    """
    from devocheck.config import NO_CONFIG, find_config, load_config

    found = Path(options.config) if options.config else find_config(Path.cwd())
    _run(*merged(ctx, options, load_config(found, CONFIG_KEYS) if found else NO_CONFIG))


app.command(name="assess", epilog=EXIT_CODES_HELP)(command(AssessOptions, _assess))


def _run(options: AssessOptions, configured: Mapping[str, Setting]) -> None:
    from functools import partial
    from itertools import chain

    from devocheck.batch import default_jobs, ordered_map, worker_count
    from devocheck.cli.inputs import expand_inputs, shown
    from devocheck.pipeline import outcome
    from devocheck.rubric.model import load_rubric
    from devocheck.score.policy import Judge
    from devocheck.score.report import NotAssessed

    if options.fail_on_regression and options.baseline is None:
        message = "needs --baseline REPORT.json"
        raise usage_error(configured, "fail_on_regression", "--fail-on-regression", message)
    found, problems = expand_inputs(options.paths)
    files = list(dict.fromkeys(shown(path) for path in found))
    rules = load_rubric(options.rubric)  # a broken rubric stops here, once, with its position
    settings = _robustness_settings(options, configured)
    judge = Judge(
        _thresholds(options, configured, rules),
        _baseline(options.baseline),
        options.fail_on_regression,
        options.allow_vanished,
        options.across_rubric_versions,
    )
    assess_one = partial(
        outcome,
        rubric=Path(rules.file),  # resolved once: workers compile this file (once each), not the name
        assessment_date=options.on,
        today=date.today(),
        limits=input_limits(options.max_file_size, options.max_depth),
    )
    render_options = _render_options(options)
    # Formats that render piece by piece do it in the worker that assessed the file (not when
    # the robustness of a batch, known only once every file is in, goes into each report).
    work = partial(_assess_and_prerender, assess_one, options.output_format, render_options)
    jobs = worker_count(options.jobs, default_jobs())
    results: Iterable[FileResult | Prerendered] = chain(
        (NotAssessed(p.file, (p,)) for p in problems),
        ordered_map(work if settings is None else assess_one, [str(f) for f in files], jobs),
    )
    log = _Log(judge)
    with _progress(len(problems) + len(files)) as advance:
        if settings is not None:
            results, advance = _with_robustness(results, advance, rules, settings), _still
        _emit(
            log.watch(results, advance),
            options,
            render_options,
            [*(p.file for p in problems), *map(str, files)],
        )
    verdict = log.verdict or judge.verdict()
    if verdict.files > 1 or verdict.checks:
        print(log.summary(), file=sys.stderr)
    raise typer.Exit(verdict.exit_code)


def _thresholds(options: AssessOptions, configured: Mapping[str, Setting], rules: Rubric) -> Thresholds:
    from devocheck.score.policy import Thresholds

    bands = tuple(band.name for band in rules.bands)
    if options.min_band is not None and options.min_band not in bands:
        message = f"unknown band {options.min_band!r}; {rules.id} has {', '.join(bands)}"
        raise usage_error(configured, "min_band", "--min-band", message)
    if options.min_band_share is not None and options.min_band is None:
        message = "needs --min-band BAND: the band that must hold"
        raise usage_error(configured, "min_band_share", "--min-band-share", message)
    return Thresholds(
        options.fail_under,
        options.min_band,
        bands,
        options.fail_on_gate,
        min_band_share=options.min_band_share,
    )


def _robustness_settings(options: AssessOptions, configured: Mapping[str, Setting]) -> Settings | None:
    """What ``--robustness`` asks for; None when not asked (``--min-band-share`` asks too)."""
    tuned = {
        name: value for name in ("draws", "seed", "spread") if (value := getattr(options, name)) is not None
    }
    if not options.robustness and options.min_band_share is None:
        given = [name for name in tuned if name not in configured]  # a config may tune it for later
        if given:
            raise usage_error(configured, given[0], f"--{given[0]}", "needs --robustness")
        return None
    from devocheck.score.robustness import Settings

    try:
        return Settings(**tuned)
    except ValueError as exc:
        raise usage_error(configured, "spread", "--spread", str(exc)) from None


def _with_robustness(
    results: Iterable[FileResult | Prerendered],
    advance: Callable[[], None],
    rules: Rubric,
    settings: Settings,
) -> Iterator[FileResult]:
    """Every outcome, each report with its robustness: a place is ranked only once all are in."""
    from devocheck.render import unwrap
    from devocheck.score.robustness import with_robustness

    gathered = []
    for item in results:
        gathered.append(unwrap(item))
        advance()
    yield from with_robustness(gathered, rules, settings)


def _still() -> None:
    """A progress callback that does nothing (the bar has already moved)."""


def _baseline(path: Path | None) -> Baseline | None:
    """The saved reports to compare with."""
    if path is None:
        return None
    from devocheck.cli.diff_cmd import load_reports
    from devocheck.score.diff import Baseline

    return Baseline(load_reports(Path(path)))


class _Log:
    """Says on stderr, for people, what the judge finds as outcomes go by; the verdict comes last."""

    def __init__(self, judge: Judge) -> None:
        self.judge = judge
        self.verdict: Verdict | None = None

    def watch(
        self, items: Iterable[FileResult | Prerendered], advance: Callable[[], None]
    ) -> Iterator[FileResult | Prerendered | Verdict]:
        from devocheck.render import unwrap

        for item in items:
            self._note(unwrap(item))
            advance()
            yield item
        self.verdict = self.judge.verdict()
        noted = len(self.judge.checks)
        for check in self.verdict.checks[noted:]:  # the checks only the whole run can make
            print(f"{check.file}: {check.message}", file=sys.stderr)
        yield self.verdict

    def _note(self, item: FileResult) -> None:
        from devocheck.render._diff import diff_text
        from devocheck.score.report import NotAssessed

        checks, change = self.judge.note(item)
        if isinstance(item, NotAssessed):
            for diagnostic in item.diagnostics:
                print(str(diagnostic), file=sys.stderr)
            return
        misses = [check.message for check in checks if check.kind == "threshold" and not check.passed]
        if misses:
            print(f"{item.input}: below threshold: {'; '.join(misses)}", file=sys.stderr)
        for check in checks:
            if check.kind == "baseline":
                print(f"{item.input}: {check.message}", file=sys.stderr)
        if change is not None:
            print(diff_text(change), end="", file=sys.stderr)
        elif self.judge.baseline is not None:
            print(f"{item.input}: {item.locality.id} is not in the baseline (new)", file=sys.stderr)

    def summary(self) -> str:
        from devocheck.render._text import plural

        verdict = self.verdict or self.judge.verdict()
        parts = [
            f"{verdict.assessed} assessed",
            f"{verdict.invalid} invalid",
            f"{verdict.files_failing('threshold')} below threshold",
        ]
        if self.judge.baseline is not None:
            missed = [c for c in verdict.checks if c.kind == "regression" and not c.passed]
            vanished = sum(c.name == "still assessed" for c in missed)
            parts.append(f"{len(missed) - vanished} regressed")
            if vanished:
                parts.append(f"{vanished} vanished")
        return f"devocheck: {plural(verdict.files, 'file')}: {', '.join(parts)}"


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A callback that moves a progress bar on stderr, drawn only when someone is watching."""
    if total <= PROGRESS_ABOVE or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("assessing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        # reports written to a terminal go above the bar; piped ones must stay on stdout
        redirect_stdout=sys.stdout.isatty(),
    ) as bar:
        task = bar.add_task("assess", total=total)
        yield lambda: bar.advance(task)


def _assess_and_prerender(
    assess_one: Callable[[str], FileResult], output_format: str, render_options: RenderOptions, path: str
) -> FileResult | Prerendered:
    from devocheck.render import prerender

    return prerender(output_format, render_options, assess_one(path))


def _render_options(options: AssessOptions) -> RenderOptions:
    """Colour and the terminal's width for a report shown on a terminal; fixed for files and pipes.

    Files are named from the repository root in SARIF, JUnit and GitHub output."""
    from devocheck.render import RenderOptions

    root = str(Path(options.root).resolve()) if options.root is not None else repository_root()
    where = {"root": root, "cwd": os.getcwd()}
    if options.output is not None:
        return RenderOptions(width=options.width or 100, color=False, **where)
    color = options.output_format == "rich" and wants_color(sys.stdout.isatty(), os.environ)
    return RenderOptions(width=options.width or _terminal_width(), color=color, **where)


def wants_color(tty: bool, environ: Mapping[str, str]) -> bool:
    """Colour on a terminal unless ``NO_COLOR`` is set or ``TERM`` is ``dumb``; ``FORCE_COLOR``
    (non-empty) turns it on anywhere, but ``NO_COLOR`` wins (no-color.org, force-color.org)."""
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return tty and environ.get("TERM") != "dumb"


def repository_root() -> str:
    """The top of the git work tree holding the current directory, else the current directory."""
    import shutil
    import subprocess

    git = shutil.which("git")
    if git is not None:
        try:
            found = subprocess.run(
                [git, "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False, timeout=30
            )
        except (OSError, subprocess.SubprocessError):
            found = None
        if found is not None and found.returncode == 0 and found.stdout.strip():
            return found.stdout.strip()
    return os.getcwd()


def _emit(
    items: Iterable[FileResult | Prerendered | Verdict],
    options: AssessOptions,
    render_options: RenderOptions,
    inputs: list[str],
) -> None:
    """Render to stdout, to one file, or to one file per input in a directory, as outcomes arrive."""
    from devocheck.cli.output import output_directory, report_names, write_atomically
    from devocheck.render import Streaming, renderer, unwrap
    from devocheck.score.policy import Verdict

    fmt = renderer(options.output_format)

    def chunks(batch: Iterable[FileResult | Prerendered | Verdict]) -> Iterator[str]:
        if isinstance(fmt, Streaming):
            yield from fmt.stream(batch, render_options)
        else:
            yield fmt.render(
                [item if isinstance(item, Verdict) else unwrap(item) for item in batch], render_options
            )

    if options.output is None:
        for chunk in chunks(items):
            write_stdout(chunk, terminal=options.output_format == "rich")
        return
    directory = output_directory(options.output)
    if directory is None:
        write_atomically(Path(options.output), chunks(items))
        return
    names = report_names(inputs, fmt.EXTENSION)
    for item in items:
        if isinstance(item, Verdict):
            continue
        outcome = unwrap(item)
        target = directory / names[outcome.input]
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, chunks([item]))


def _terminal_width() -> int:
    import shutil

    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))
