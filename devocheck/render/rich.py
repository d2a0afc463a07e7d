"""The terminal report: where the place stands, why, and what to do next, readable at 80 columns.

Built from rich renderables and exported as text: with colour when the CLI says the output
is a colour terminal, plain otherwise. Status is always spelt out in words and symbols, so
colour is never the only signal. Every string from the input passes through ``strip_control``
and is set as ``Text`` (never markup), so a locality file cannot restyle the terminal.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from devocheck.render import Item, Prerendered, RenderOptions, unwrap
from devocheck.render._labels import kind_and_nation, label, status_label
from devocheck.render._text import plural, strip_control
from devocheck.render._words import (
    band_tone,
    councils,
    gate_sentence,
    interval_text,
    more_steps,
    no_evidence,
    rank_text,
    standing,
    waiver_state,
    weight_verdict,
)
from devocheck.score.policy import Verdict
from devocheck.score.report import (
    CriterionResult,
    FileResult,
    NotAssessed,
    RankInterval,
    Report,
    Robustness,
    ThemeResult,
    cut,
    percent,
)

EXTENSION = ".txt"

_STATUS_STYLE = {
    "met": "green",
    "partial": "yellow",
    "unmet": "red",
    "no-evidence": "magenta",
    "waived": "dim",
}
_BAND_STYLE = {
    "high": "bold green",
    "mid-high": "bold cyan",
    "mid-low": "bold yellow",
    "low": "bold red",
}
_BAR_WIDTH = 16
_PLAN_STEPS = 5


def render(items: Sequence[Item], options: RenderOptions) -> str:
    return "".join(stream(items, options))


def piece(outcome: FileResult, options: RenderOptions) -> str:
    """One outcome's report, as ``stream`` prints it (rendered in a batch's worker processes)."""
    return _printed(options, *_outcome(outcome))


def stream(items: Iterable[Item | Prerendered], options: RenderOptions) -> Iterator[str]:
    """Each report as it arrives, then the league table, kept as small rows rather than reports.

    The run's verdict is not shown: the CLI says it on stderr."""
    rows: list[LeagueRow] = []
    for item in items:
        if isinstance(item, Verdict):
            continue
        outcome = unwrap(item)
        if rows:
            yield _printed(options, Rule(style="dim"))
        yield item.text if isinstance(item, Prerendered) else piece(outcome, options)
        rows.append(league_row(outcome))
    if len(rows) > 1:
        yield _printed(options, Rule(style="dim"), league_table(rows))


def _printed(options: RenderOptions, *parts: RenderableType) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    for part in parts:
        console.print(part)
    return buffer.getvalue()


def _t(value: object, style: str = "") -> Text:
    return Text(strip_control(str(value)), style=style)


def _outcome(outcome: FileResult) -> Iterator[RenderableType]:
    if isinstance(outcome, NotAssessed):
        problems = plural(len(outcome.diagnostics), "problem")
        yield Text.assemble(("✘ ", "red"), _t(outcome.input), f": not assessed, {problems} (see above)")
        return
    yield _header(outcome)
    yield _themes(outcome)
    if outcome.robustness is not None:
        yield _robustness(outcome, outcome.robustness)
    yield _criteria(outcome)
    yield from _gates_and_waivers(outcome)
    if outcome.plan:
        yield _plan(outcome)
    if outcome.footprints:
        yield _footprints(outcome)


def _header(report: Report) -> Panel:
    place = report.locality
    where = strip_control(kind_and_nation(place.kind, place.nation))
    headline = Text.assemble(
        ("Score ", "bold"),
        (f"{report.score_display} / 100", "bold"),
        "   Band ",
        _t(label("band", report.band).upper(), _BAND_STYLE[band_tone(report)]),
        f"   Evidence coverage {percent(report.evidence_coverage)}",
    )
    lines: list[RenderableType] = [
        Text.assemble(_t(place.name, "bold"), " (", _t(place.id), ")", f"  {where}" if where else ""),
        headline,
    ]
    gates = gate_sentence(report)
    if gates:
        lines.append(_t(gates, "yellow"))
    rubric = report.rubric
    lines.append(
        _t(
            f"Rubric {rubric.id} v{rubric.version} · assessed on {report.assessment_date} · {report.input}",
            "dim",
        )
    )
    return Panel(Group(*lines), title="devocheck readiness report", title_align="left", box=box.ROUNDED)


def _bar(theme: ThemeResult) -> Text:
    score = theme.score
    if score is None:
        return Text("n/a (all waived)", style="dim")
    if no_evidence(theme):
        return Text("? no evidence", style=_STATUS_STYLE["no-evidence"])
    filled = int(score / 100 * _BAR_WIDTH)  # cut like the number beside it
    return Text.assemble(("█" * filled, "cyan"), ("░" * (_BAR_WIDTH - filled), "dim"), f" {cut(score):>5}")


def _themes(report: Report) -> Table:
    table = Table(title="Themes", title_justify="left", box=box.SIMPLE_HEAD, expand=False)
    table.add_column("Theme")
    table.add_column("Weight", justify="right")
    table.add_column("Score", no_wrap=True)
    for theme in report.themes:
        table.add_row(_t(theme.title), f"{theme.weight:g}", _bar(theme))
    return table


def _robustness(report: Report, robustness: Robustness) -> Group:
    """The short robustness section: does the band survive other reasonable weights?"""
    style = "green" if robustness.band_stable else "yellow"
    return Group(
        Text("Robustness to weights", style="italic"),
        Text.assemble(
            ("✔ " if robustness.band_stable else "⚠ ", style), _t(weight_verdict(report, robustness))
        ),
        _t(interval_text(robustness)),
        Text(""),
    )


def _criteria(report: Report) -> Table:
    table = Table(
        title="Criteria",
        caption=Text.assemble(
            "◆ gate: at level 0 it caps the band at ",
            _t(label("band", report.rubric.gate_cap)),
            style="dim italic",
        ),
        caption_justify="left",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        expand=True,
    )
    table.add_column("Criterion (◆ gate)", no_wrap=True)
    table.add_column("Level", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("What set it", ratio=1)
    for result in report.criteria:
        table.add_row(
            _criterion_name(result), f"{result.level}/{result.max_level}", _status(result), _t(result.facts)
        )
    return table


def _criterion_name(result: CriterionResult) -> Text:
    name = _t(result.criterion)
    if result.gate:
        name.append(" ◆", style="bold")
    return name


def _status(result: CriterionResult) -> Text:
    return Text(status_label(result.status), style=_STATUS_STYLE.get(result.status, ""))


def _gates_and_waivers(report: Report) -> Iterator[RenderableType]:
    gates = [r for r in report.criteria if r.gate]
    failed = [r for r in gates if r.criterion in report.gate_failures]
    if failed:
        for result in failed:
            yield Text.assemble(("✘ Gate failed: ", "bold red"), _t(result.criterion), " is at level 0")
    elif gates:
        yield Text(f"✔ {plural(len(gates), 'gate')} passed", style="green")
    for waiver in report.waivers:
        state = "in force" if waiver.in_force else f"{waiver_state(waiver).upper()}, no longer applies"
        until = f" until {waiver.expires}" if waiver.expires and waiver.in_force else ""
        yield Text.assemble(
            ("Waiver: ", "bold"), _t(waiver.criterion), f" ({state}{until}): ", _t(waiver.reason)
        )
    for warning in report.warnings:
        yield Text.assemble(("⚠ ", "yellow"), _t(str(warning)))


def _plan(report: Report) -> Table:
    shown = report.plan[:_PLAN_STEPS]
    more = more_steps(report, _PLAN_STEPS)
    table = Table(
        title="Next steps (largest gain first)",
        title_justify="left",
        caption=_t(more) if more else None,
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        expand=True,
        show_lines=False,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Gain", justify="right", no_wrap=True)
    table.add_column("Step", ratio=1)
    for rank, step in enumerate(shown, 1):
        text = Text.assemble(
            _t(step.criterion, "bold"),
            f" {step.from_level}→{step.to_level}: ",
            _t(step.description),
            "\nNow: ",
            _t(standing(report, step)),
            "\n",
            _t(step.remediation, "dim"),
        )
        table.add_row(str(rank), f"+{cut(step.gain)}", text)
    return table


def _footprints(report: Report) -> Table:
    table = Table(title="Footprints against the devolution area", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Partner")
    table.add_column("Sector")
    table.add_column("Footprint")
    table.add_column("Misses")
    table.add_column("Adds")
    for row in report.footprints:
        partner = _t(row.name or row.partner)
        if row.core:
            partner.append(" (core)", style="bold")
        table.add_row(
            partner,
            _t(label("sector", row.sector)),
            _t(label("footprint", row.footprint_class)),
            _t(councils(report, row.missing) or "-"),
            _t(", ".join(row.extra) or "-"),
        )
    return table


@dataclass(frozen=True, slots=True)
class LeagueRow:
    """What the league table keeps of one outcome: a few fields, never the whole report."""

    locality: str | None
    """None for a file that could not be assessed."""
    score: float
    score_display: str
    band: str
    gate_failures: int
    file: str
    ranks: RankInterval | None = None
    """Rank over the weight draws of ``--robustness``, when asked for."""


def league_row(outcome: FileResult) -> LeagueRow:
    if isinstance(outcome, NotAssessed):
        return LeagueRow(None, 0.0, "-", "invalid", 0, outcome.input)
    return LeagueRow(
        outcome.locality.name,
        outcome.score,
        outcome.score_display,
        outcome.band,
        len(outcome.gate_failures),
        outcome.input,
        None if outcome.robustness is None else outcome.robustness.ranks,
    )


def league_table(rows: Sequence[LeagueRow]) -> Table:
    """Every locality ranked by score, with band and failed gates; files not assessed last."""
    ranked = sorted(
        (row for row in rows if row.locality is not None), key=lambda r: (-r.score, r.locality, r.file)
    )
    table = Table(title=f"Summary: {plural(len(rows), 'file')}", title_justify="left", box=box.SIMPLE_HEAD)
    with_ranks = any(row.ranks is not None for row in rows)
    for column, justify in (("#", "right"), ("Locality", "left"), ("Score", "right"), ("Band", "left")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    if with_ranks:
        table.add_column("Rank over weights (5-95%)", justify="right")
    table.add_column("Gates failed", justify="right")
    table.add_column("File", overflow="fold")
    for rank, row in enumerate(ranked, 1):
        ranks = [rank_text(row.ranks)] if with_ranks else []
        table.add_row(
            str(rank),
            _t(row.locality),
            row.score_display,
            _t(label("band", row.band), _BAND_STYLE.get(row.band, "")),
            *ranks,
            str(row.gate_failures),
            _t(row.file),
        )
    for row in rows:
        if row.locality is None:
            table.add_row(
                "-", "not assessed", "-", "invalid file", *(["-"] if with_ranks else []), "-", _t(row.file)
            )
    return table
