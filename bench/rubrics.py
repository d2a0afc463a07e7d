"""Cost of a second rubric: ``assess`` with both built-in rubrics against ``ifg-2015`` alone.

    .venv/bin/python bench/rubrics.py             # 1,000 seeded files, 5 runs each
    .venv/bin/python bench/rubrics.py --files 10000 --runs 3

The target (issue 15): both rubrics cost at most 1.6x one. Each file is loaded and validated
once whatever the number of rubrics, so only measuring, scoring and rendering repeat; the
second rubric measures only the metrics it reads. Two figures, median of the runs:

- the command, end to end (``assess DIR --format json --jobs 1``, output to /dev/null),
  with ``-r ifg-2015`` and with ``-r ifg-2015 -r strategic-authority-2026``;
- in process, the pipeline alone (``devocheck.pipeline.outcomes``), no start-up and no rendering.

Prints a small table; paste it into bench/README.md after a change that could move it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generate import generate

BIN = Path(sys.executable).parent
ONE = ("ifg-2015",)
BOTH = ("ifg-2015", "strategic-authority-2026")


def _command(folder: Path, rubrics: tuple[str, ...]) -> float:
    flags = [part for rubric in rubrics for part in ("--rubric", rubric)]
    command = [str(BIN / "devocheck"), "assess", str(folder), "--format", "json", "--jobs", "1", *flags]
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def _in_process(files: list[Path], rubrics: tuple[str, ...]) -> float:
    from datetime import date

    from devocheck.pipeline import outcomes

    start = time.perf_counter()
    for path in files:
        outcomes(path, rubrics=rubrics, today=date(2026, 11, 1))
    return time.perf_counter() - start


def _paired(measure: Callable[[tuple[str, ...]], float], runs: int) -> tuple[float, float]:
    """Medians of one rubric and of both, timed alternately so that a busy machine slows both alike."""
    measure(BOTH)  # warm: rubrics compiled and files in the page cache, outside the timing
    pairs = [(measure(ONE), measure(BOTH)) for _ in range(runs)]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, args.files, seed=1)
        files = sorted(folder.glob("*.yaml"))
        rows = [
            ("assess command, end to end", *_paired(lambda rubrics: _command(folder, rubrics), args.runs)),
            ("pipeline in process", *_paired(lambda rubrics: _in_process(files, rubrics), args.runs)),
        ]
    print(f"| {args.files:,} files, median of {args.runs} | ifg-2015 | both rubrics | ratio |")
    print("|---|---:|---:|---:|")
    for name, one, both in rows:
        print(f"| {name} | {one:.2f} s | {both:.2f} s | {both / one:.2f}x |")


if __name__ == "__main__":
    main()
