"""``devocheck diff`` in words: text for terminals and CI logs, Markdown or HTML for a board paper.

Helpers, not report formats (leading underscore): they render a ``ReportDiff``, not reports.
All say the same: score and band before and after, and every criterion that moved with the
facts that set its level each time. The paper forms use plain words (labels from
``_labels``); Markdown escapes input text as the report does; the HTML page shares the
report's stylesheet, is self-contained and autoescaped.
"""

from __future__ import annotations

from collections.abc import Iterator

from devocheck.render._escape import markdown as md
from devocheck.render._labels import label
from devocheck.render._text import strip_control
from devocheck.score.diff import CriterionChange, ReportDiff
from devocheck.score.report import cut


def diff_text(diff: ReportDiff) -> str:
    """The change in words, one criterion per paragraph: for terminals and CI logs."""
    band = diff.new_band if diff.old_band == diff.new_band else f"{diff.old_band} -> {diff.new_band}"
    lines = [
        f"{diff.locality}: score {cut(diff.old_score)} -> {cut(diff.new_score)} "
        f"({_signed(diff.score_change)}), band {band}",
    ]
    lines.extend(f"  note: {note}" for note in diff.notes)
    if diff.unchanged:
        lines.append("  no criterion moved")
    for change in diff.changes:
        word = "dropped" if change.dropped else "rose"
        gate = " (gate)" if change.gate else ""
        lines.append(
            f"  {'▼' if change.dropped else '▲'} {change.criterion}{gate} {word} "
            f"{change.old_level} -> {change.new_level} of {change.max_level}: {change.title}"
        )
        lines.append(f"      was: {change.old_facts}")
        lines.append(f"      now: {change.new_facts}")
    lines.extend(f"  + {key}: new criterion" for key in diff.added)
    lines.extend(f"  - {key}: no longer assessed" for key in diff.removed)
    return strip_control("\n".join(lines)) + "\n"


def _signed(change: float) -> str:
    """A score change cut to one decimal with its sign (``+0.0`` when it cuts to nothing)."""
    shown = cut(change)
    return shown if shown.startswith("-") else f"+{shown}"


def _band(diff: ReportDiff) -> str:
    old, new = label("band", diff.old_band), label("band", diff.new_band)
    return f"{new} (unchanged)" if old == new else f"{old} → {new}"


def _move(change: CriterionChange) -> str:
    word = "▼ dropped" if change.dropped else "▲ rose"
    return f"{word} {change.old_level} → {change.new_level} of {change.max_level}"


def headline(diff: ReportDiff) -> str:
    """Score and band, before and after, in one sentence."""
    return (
        f"Score {cut(diff.old_score)} → {cut(diff.new_score)} ({_signed(diff.score_change)}); "
        f"band {_band(diff)}."
    )


def markdown(diff: ReportDiff) -> str:
    """The change as GitHub-flavoured Markdown, for a pull request or a board paper."""
    return "\n".join(_markdown(diff)) + "\n"


def _markdown(diff: ReportDiff) -> Iterator[str]:
    yield f"# {md(diff.name)}: what changed"
    yield ""
    yield f"**{md(headline(diff))}**"
    yield ""
    yield (
        f"From {md(diff.old_input)} (assessed {md(diff.old_date)}) "
        f"to {md(diff.new_input)} (assessed {md(diff.new_date)})."
    )
    for note in diff.notes:
        yield ""
        yield f"> Note: {md(note)}"
    yield ""
    if diff.unchanged:
        yield "No criterion moved."
    elif diff.changes:
        yield "| Criterion | Change | Before | Now |"
        yield "| --- | --- | --- | --- |"
        for change in diff.changes:
            gate = " ◆ gate" if change.gate else ""
            yield (
                f"| **{md(change.criterion)}**{gate}: {md(change.title)} | {_move(change)} "
                f"| {md(change.old_facts)} | {md(change.new_facts)} |"
            )
    if diff.added:
        yield ""
        yield f"New criteria: {md(', '.join(diff.added))}."
    if diff.removed:
        yield ""
        yield f"No longer assessed: {md(', '.join(diff.removed))}."


def html(diff: ReportDiff) -> str:
    """The change as one self-contained HTML page (no request, prints on A4)."""
    from devocheck.render.html import template

    return template("diff.html.j2").render(
        diff=diff,
        headline=headline(diff),
        move=_move,
        page_title=f"{diff.name} · what changed · {diff.old_date} to {diff.new_date}",
    )
