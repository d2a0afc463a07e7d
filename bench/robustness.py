"""What ``assess --robustness`` (1,000 draws, the default) adds, side by side with plain ``assess``.

    .venv/bin/python bench/robustness.py            # about a minute on 2 cores
    .venv/bin/python bench/robustness.py --runs 21

Goals (issue 16): at most +50 ms on one file and at most +0.5 s on a 100-file batch. Times
whole command runs (``--format json --jobs 1``, output discarded), alternating plain and
robust runs so that load on a shared machine falls on both alike, and reports medians; then
times the analysis alone in-process (``devocheck.score.robustness.analyse`` over the
already-assessed reports), which is the part the option adds. Inputs are seeded files from
bench/generate.py, so two runs time the same places. Appends nothing to results.md: prints a
Markdown table to paste into bench/README.md.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
DEVOCHECK = str(BIN / "devocheck")
SEED = 1


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run of ``command``."""
    start, cpu = time.perf_counter(), _cpu()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, _cpu() - cpu


def _pair(paths: list[str], runs: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of plain and of --robustness runs, alternated (one warm-up each)."""
    commands = {"plain": [DEVOCHECK, "assess", *paths, "--format", "json", "--jobs", "1"]}
    commands["robust"] = [*commands["plain"], "--robustness"]
    for command in commands.values():
        _time(command)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(_time(command))
    return {
        name: (statistics.median(t[0] for t in found), statistics.median(t[1] for t in found))
        for name, found in times.items()
    }


def _in_process(paths: list[str], runs: int) -> float:
    """Median CPU seconds of the analysis alone over the assessed reports."""
    from datetime import date

    from devocheck.pipeline import assess
    from devocheck.rubric.model import load_rubric
    from devocheck.score.robustness import Settings, analyse

    reports = [assess(path, today=date(2026, 11, 1)) for path in paths]
    rubric = load_rubric("ifg-2015")
    times = []
    for _ in range(runs):
        start = time.process_time()
        analyse(reports, rubric, Settings())
        times.append(time.process_time() - start)
    return statistics.median(times)


def _ms(pair: tuple[float, float], sign: str = "") -> str:
    return f"{pair[0] * 1000:{sign}.0f} / {pair[1] * 1000:{sign}.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        subprocess.run(
            [sys.executable, str(BENCH / "generate.py"), str(out), "--count", "100", "--seed", str(SEED)],
            check=True,
        )
        files = sorted(str(path) for path in out.glob("*.yaml"))
        rows = []
        for label, paths, goal in (("1 file", files[:1], 0.050), ("100 files", files, 0.5)):
            pair = _pair(paths, args.runs)
            rows.append((label, pair["plain"], pair["robust"], _in_process(paths, args.runs), goal))
    print(
        "| input | plain `assess` wall / CPU | `--robustness` wall / CPU | added wall / CPU "
        "| analysis alone (CPU) | goal |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for label, plain, robust, alone, goal in rows:
        added = (robust[0] - plain[0], robust[1] - plain[1])
        verdict = "met" if added[1] <= goal else "missed"
        print(
            f"| {label} | {_ms(plain)} | {_ms(robust)} | {_ms(added, sign='+')} | "
            f"{alone * 1000:.0f} ms | ≤ {goal * 1000:.0f} ms ({verdict}, by CPU) |"
        )
    print(
        f"\nmedians of {args.runs} alternated runs each, `--format json --jobs 1`; "
        f"Python {sys.version.split()[0]}"
    )


if __name__ == "__main__":
    main()
