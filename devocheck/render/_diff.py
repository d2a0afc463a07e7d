"""A ``ReportDiff`` in words, for terminals and CI logs (a helper, not a report format)."""

from __future__ import annotations

from devocheck.render._text import strip_control
from devocheck.score.diff import ReportDiff
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
