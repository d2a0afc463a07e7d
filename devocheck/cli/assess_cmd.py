"""``devocheck assess``: score locality files against a rubric, render the reports, gate CI on them.

Outcomes flow through one pipeline as they arrive from the worker processes: diagnostics of
bad files go to stderr, thresholds and the baseline are checked, the progress bar moves, and
formats with a ``stream`` hook render each report at once, so memory does not grow with the
number of files. Options come from the command line, else from the configuration file
(``devocheck.config``), else from the defaults below.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from devocheck.cli.app import EXIT_CODES_HELP, ExitCode, app
from devocheck.cli.options import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    AssessmentDate,
    MaxDepth,
    MaxFileSize,
    RubricRef,
    input_limits,
    parse_date,
    parse_size,
)

if TYPE_CHECKING:
    from devocheck.config import Config, Setting
    from devocheck.render import Outcome, Prerendered, RenderOptions
    from devocheck.rubric.model import Rubric
    from devocheck.score.policy import Thresholds
    from devocheck.score.robustness import Settings

#: A progress bar is drawn for more files than this (fewer finish before it would be read).
PROGRESS_ABOVE = 5


def _check_format(name: str) -> str:
    from devocheck.render import format_names

    if name not in format_names():
        raise typer.BadParameter(f"unknown format {name!r}; choose from {', '.join(format_names())}")
    return name


#: Configuration key -> (parameter name, how a configured value is read, as its flag's would be).
_FROM_CONFIG: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "rubric": ("rubric", str),
    "date": ("on", parse_date),
    "format": ("output_format", _check_format),
    "output": ("output", str),
    "jobs": ("jobs", int),
    "width": ("width", int),
    "max-file-size": ("max_file_size", parse_size),
    "max-depth": ("max_depth", int),
    "fail-under": ("fail_under", float),
    "min-band": ("min_band", str),
    "fail-on-gate": ("fail_on_gate", bool),
    "baseline": ("baseline", Path),
    "fail-on-regression": ("fail_on_regression", bool),
    "robustness": ("robustness", bool),
    "draws": ("draws", int),
    "seed": ("seed", int),
    "spread": ("spread", float),
    "min-band-share": ("min_band_share", float),
}


@app.command(epilog=EXIT_CODES_HELP)
def assess(
    ctx: typer.Context,
    paths: Annotated[
        list[str], typer.Argument(help="Locality files, directories (searched for *.yaml/*.yml) or globs.")
    ],
    rubric: RubricRef = "ifg-2015",
    on: AssessmentDate = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            callback=_check_format,
            help="rich, json, github, markdown, html, sarif, junit, csv, ...",
        ),
    ] = "rich",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write here instead of stdout; a directory (existing, or written with a trailing /) "
            "gets one file per input, named after it.",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, show_default="number of CPUs", help="Worker processes."),
    ] = None,
    width: Annotated[
        int | None, typer.Option(show_default="the terminal's", help="Width of the rich report.")
    ] = None,
    max_file_size: MaxFileSize = DEFAULT_MAX_BYTES,
    max_depth: MaxDepth = DEFAULT_MAX_DEPTH,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under", metavar="SCORE", min=0, max=100, help="Exit 1 if any file scores below SCORE."
        ),
    ] = None,
    min_band: Annotated[
        str | None,
        typer.Option("--min-band", metavar="BAND", help="Exit 1 if any file's band is below BAND."),
    ] = None,
    fail_on_gate: Annotated[
        bool, typer.Option("--fail-on-gate", help="Exit 1 if any gate criterion is at level 0.")
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="REPORT.json",
            help="Compare with a saved JSON report (matched by locality id); the change goes to stderr.",
        ),
    ] = None,
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression", help="Exit 1 if a score or criterion level fell from --baseline."
        ),
    ] = False,
    robustness: Annotated[
        bool,
        typer.Option(
            "--robustness",
            help="Also show how the score, band and rank move when the weights move (docs/scoring.md).",
        ),
    ] = False,
    draws: Annotated[
        int | None,
        typer.Option(
            "--draws", metavar="N", min=1, show_default="1000", help="Weight draws for --robustness."
        ),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option("--seed", metavar="S", show_default="0", help="Seed of the --robustness draws."),
    ] = None,
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
    ] = None,
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
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="PATH",
            show_default="the nearest devocheck.toml, or pyproject.toml with a tool.devocheck table",
            help="Read options from this file (looked for here and in every folder above); flags win.",
        ),
    ] = None,
) -> None:
    """Score localities against a rubric: where each place stands, why, and what to do next.

    Example: devocheck assess examples/ --fail-under 60 --fail-on-gate --format github
    """
    from devocheck.config import NO_CONFIG, find_config, load_config

    found = Path(config) if config else find_config(Path.cwd())
    _run(_merge(ctx, load_config(found) if found else NO_CONFIG))


@dataclass(frozen=True, slots=True)
class _Options:
    """Every assess option after the command line and the configuration file are merged."""

    paths: list[str]
    rubric: str
    on: date | None
    output_format: str
    output: str | None
    jobs: int | None
    width: int | None
    max_file_size: int
    max_depth: int
    fail_under: float | None
    min_band: str | None
    fail_on_gate: bool
    baseline: Path | None
    fail_on_regression: bool
    robustness: bool
    draws: int | None
    seed: int | None
    spread: float | None
    min_band_share: float | None
    config: Path | None
    configured: dict[str, Setting] = field(default_factory=dict)
    """The settings taken from the configuration file, by parameter name (to point at them)."""

    def bad(self, name: str, flag: str, message: str) -> Exception:
        """A usage error, at the configuration key when the value came from there."""
        setting = self.configured.get(name)
        return setting.error(message) if setting else typer.BadParameter(message, param_hint=flag)


def _merge(ctx: typer.Context, config: Config) -> _Options:
    """The command's parameters, with configured values for those left at their defaults."""
    values = dict(ctx.params)
    configured: dict[str, Setting] = {}
    for key, (name, read) in _FROM_CONFIG.items():
        setting = config.get(key)
        if setting is None or not _defaulted(ctx, name):
            continue
        try:
            values[name] = read(setting.value)
        except typer.BadParameter as exc:
            raise setting.error(exc.message) from None
        configured[name] = setting
    return _Options(**values, configured=configured)


def _defaulted(ctx: typer.Context, name: str) -> bool:
    """True when the user gave no value (typer vendors click, so its enum is compared by name)."""
    source = ctx.get_parameter_source(name)
    return source is None or source.name == "DEFAULT"


def _run(options: _Options) -> None:
    from functools import partial
    from itertools import chain

    from devocheck.batch import default_jobs, ordered_map
    from devocheck.cli.inputs import expand_inputs
    from devocheck.cli.output import output_directory, refuse_shared_names
    from devocheck.model import ValidationResult
    from devocheck.pipeline import outcome
    from devocheck.rubric.model import load_rubric

    if options.fail_on_regression and options.baseline is None:
        raise options.bad("fail_on_regression", "--fail-on-regression", "needs --baseline REPORT.json")
    files, problems = expand_inputs(options.paths)
    if options.output is not None and output_directory(options.output, create=False) is not None:
        refuse_shared_names([str(f) for f in files], options.output)
    rules = load_rubric(options.rubric)  # a broken rubric stops here, once, with its position
    settings = _robustness_settings(options)
    tally = _Tally(
        _thresholds(options, rules),
        _baselines(options.baseline),
        options.fail_on_regression,
        annotate=options.output_format == "github",
    )
    assess_one = partial(
        outcome,
        rubric=options.rubric,
        assessment_date=options.on,
        today=date.today(),
        limits=input_limits(options.max_file_size, options.max_depth),
    )
    render_options = _render_options(options)
    # Formats that render piece by piece do it in the worker that assessed the file (not when
    # the robustness of a batch, known only once every file is in, goes into each report).
    work = partial(_assess_and_prerender, assess_one, options.output_format, render_options)
    results: Iterable[Outcome | Prerendered] = chain(
        (ValidationResult(p.file, (p,)) for p in problems),
        ordered_map(
            work if settings is None else assess_one, [str(f) for f in files], options.jobs or default_jobs()
        ),
    )
    with _progress(len(problems) + len(files)) as advance:
        if settings is not None:
            results, advance = _with_robustness(results, advance, rules, settings), _still
        _emit(tally.watch(results, advance), options, render_options)
    if tally.total > 1:
        print(tally.summary(), file=sys.stderr)
    raise typer.Exit(tally.exit_code())


def _thresholds(options: _Options, rules: Rubric) -> Thresholds:
    from devocheck.score.policy import Thresholds

    bands = tuple(band.name for band in rules.bands)
    if options.min_band is not None and options.min_band not in bands:
        message = f"unknown band {options.min_band!r}; {rules.id} has {', '.join(bands)}"
        raise options.bad("min_band", "--min-band", message)
    if options.min_band_share is not None and options.min_band is None:
        raise options.bad(
            "min_band_share", "--min-band-share", "needs --min-band BAND: the band that must hold"
        )
    return Thresholds(
        options.fail_under,
        options.min_band,
        bands,
        options.fail_on_gate,
        min_band_share=options.min_band_share,
    )


def _robustness_settings(options: _Options) -> Settings | None:
    """What ``--robustness`` asks for; None when not asked (``--min-band-share`` asks too)."""
    tuned = {
        name: value for name in ("draws", "seed", "spread") if (value := getattr(options, name)) is not None
    }
    if not options.robustness and options.min_band_share is None:
        given = [name for name in tuned if name not in options.configured]  # a config may tune it for later
        if given:
            raise options.bad(given[0], f"--{given[0]}", "needs --robustness")
        return None
    from devocheck.score.robustness import Settings

    try:
        return Settings(**tuned)
    except ValueError as exc:
        raise options.bad("spread", "--spread", str(exc)) from None


def _with_robustness(
    results: Iterable[Outcome | Prerendered], advance: Callable[[], None], rules: Rubric, settings: Settings
) -> Iterator[Outcome]:
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


def _baselines(path: Path | None) -> dict[str, dict[str, Any]]:
    """The saved reports to compare with, by locality id."""
    if path is None:
        return {}
    from devocheck.cli.diff_cmd import load_reports

    return {report["locality"]["id"]: report for report in load_reports(Path(path))}


@dataclass
class _Tally:
    """Watches outcomes go by: reports problems, misses and changes on stderr, and counts them.

    Keeps counts, not reports, so a run over many files stays small.
    """

    thresholds: Thresholds
    baselines: dict[str, dict[str, Any]]
    fail_on_regression: bool
    annotate: bool = False
    """Also say why a run fails as GitHub annotations on the file (``--format github``)."""
    total: int = 0
    invalid: int = 0
    below: int = 0
    regressed: int = 0

    def watch(
        self, items: Iterable[Outcome | Prerendered], advance: Callable[[], None]
    ) -> Iterator[Outcome | Prerendered]:
        from devocheck.render import unwrap

        for item in items:
            self._note(unwrap(item))
            advance()
            yield item

    def _note(self, item: Outcome) -> None:
        from devocheck.model import ValidationResult
        from devocheck.score.diff import diff_reports, diff_text

        self.total += 1
        if isinstance(item, ValidationResult):
            self.invalid += 1
            for diagnostic in item.diagnostics:
                print(str(diagnostic), file=sys.stderr)
            return
        misses = self.thresholds.misses(item)
        if misses:
            self.below += 1
            print(f"{item.input}: below threshold: {'; '.join(misses)}", file=sys.stderr)
            self._annotate(item.input, "below threshold: " + "; ".join(misses))
        if not self.baselines:
            return
        before = self.baselines.get(item.locality.id)
        if before is None:
            print(f"{item.input}: {item.locality.id} is not in the baseline (new)", file=sys.stderr)
            return
        change = diff_reports(before, item)
        self.regressed += change.regressed
        print(diff_text(change), end="", file=sys.stderr)
        if change.regressed and self.fail_on_regression:
            self._annotate(item.input, f"regressed from the baseline: {diff_text(change).strip()}")

    def _annotate(self, file: str, message: str) -> None:
        if self.annotate:
            from devocheck.render.github import command

            sys.stdout.write(command("error", file, None, "devocheck", message))

    def summary(self) -> str:
        from devocheck.render._text import plural

        parts = [
            f"{self.total - self.invalid} assessed",
            f"{self.invalid} invalid",
            f"{self.below} below threshold",
        ]
        if self.baselines:
            parts.append(f"{self.regressed} regressed")
        return f"devocheck: {plural(self.total, 'file')}: {', '.join(parts)}"

    def exit_code(self) -> ExitCode:
        """2 beats 1: a file that could not be read says more than a score that fell short."""
        if self.invalid or not self.total:
            return ExitCode.INPUT
        if self.below or (self.fail_on_regression and self.regressed):
            return ExitCode.THRESHOLD
        return ExitCode.OK


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
    assess_one: Callable[[str], Outcome], output_format: str, render_options: RenderOptions, path: str
) -> Outcome | Prerendered:
    from devocheck.render import prerender

    return prerender(output_format, render_options, assess_one(path))


def _render_options(options: _Options) -> RenderOptions:
    """Colour and the terminal's width for a report shown on a terminal; fixed for files and pipes."""
    from devocheck.render import RenderOptions

    if options.output is not None:
        return RenderOptions(width=options.width or 100, color=False)
    color = options.output_format == "rich" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    return RenderOptions(width=options.width or _terminal_width(), color=color)


def _emit(items: Iterable[Outcome | Prerendered], options: _Options, render_options: RenderOptions) -> None:
    """Render to stdout, to one file, or to one file per input in a directory, as outcomes arrive."""
    from devocheck.cli.output import output_directory, write_atomically
    from devocheck.model import ValidationResult
    from devocheck.render import renderer, unwrap

    fmt = renderer(options.output_format)
    stream: Callable[[Iterable[Outcome | Prerendered], RenderOptions], Iterator[str]] | None = getattr(
        fmt, "stream", None
    )

    def chunks(batch: Iterable[Outcome | Prerendered]) -> Iterator[str]:
        if stream is not None:
            yield from stream(batch, render_options)
        else:
            yield fmt.render([unwrap(item) for item in batch], render_options)

    if options.output is None:
        for chunk in chunks(items):
            sys.stdout.write(chunk)
            sys.stdout.flush()
        return
    directory = output_directory(options.output)
    if directory is None:
        write_atomically(Path(options.output), chunks(items))
        return
    for item in items:
        outcome = unwrap(item)
        name = Path(outcome.source_name if isinstance(outcome, ValidationResult) else outcome.input).stem
        write_atomically(directory / f"{name}{fmt.EXTENSION}", chunks([item]))


def _terminal_width() -> int:
    import shutil

    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))
