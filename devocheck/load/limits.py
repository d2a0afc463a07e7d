"""Caps on what one input file may cost to read (standard library only, so the CLI can show
the defaults in ``--help`` without importing PyYAML)."""

from __future__ import annotations

from dataclasses import dataclass

#: Default file-size cap: real locality files are a few kilobytes; 1 MiB leaves 100x headroom
#: while keeping the worst case (a file of tiny scalars) well inside 512 MB and a few seconds.
DEFAULT_MAX_BYTES = 1024 * 1024
#: Default nesting cap: the locality format is 5 levels deep; ``x-`` data may nest further.
DEFAULT_MAX_DEPTH = 64
#: Problems reported per file before devocheck stops looking: past this, the rest is noise
#: (one mistake repeated down a long list) and printing it all would swamp the terminal or CI log.
MAX_PROBLEMS = 100
#: The highest ``max_depth`` allowed: deeper data would overflow the recursion of later stages
#: (JSON Schema validation, rendering), and libyaml itself stops at 1,000 levels.
MAX_DEPTH_CEILING = 200


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps that keep hostile files from exhausting time or memory."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise ValueError(f"max_bytes must be at least 1, not {self.max_bytes}")
        if not 1 <= self.max_depth <= MAX_DEPTH_CEILING:
            raise ValueError(f"max_depth must be between 1 and {MAX_DEPTH_CEILING}, not {self.max_depth}")


DEFAULT_LIMITS = Limits()
