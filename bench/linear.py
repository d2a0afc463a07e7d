"""Validation time of one large locality against its size: it should grow linearly.

    python bench/linear.py OUT_DIR [PARTNERS ...]

Writes one file per partner count (default 500, 1000, 2000, 4000: the last about 1 MB),
validates each in this process (best of 7, validators already built) and prints JSON rows
of size, time and time per KB. A valid file and a copy with a broken partner reference in
every outcome are timed, since positions and "did you mean" hints are looked up only for
files with problems.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_large

from devocheck.validate.locality import validate_file

CRITERIA = None  # waivers are checked only with a rubric; the size dependence is the same


def _best_of(path: Path, rounds: int = 7) -> tuple[float, int]:
    best = float("inf")
    problems = 0
    for _ in range(rounds):
        start = time.perf_counter()
        result = validate_file(path, criterion_ids=CRITERIA)
        best = min(best, time.perf_counter() - start)
        problems = len(result.diagnostics)
    return best, problems


def _with_broken_refs(path: Path) -> Path:
    """A copy whose outcomes each name one partner that does not exist."""
    text = path.read_text(encoding="utf-8")
    broken = text.replace("    partners: [", "    partners: [no-such-partner, ")
    target = path.with_name(path.stem + "-broken.yaml")
    target.write_text(broken, encoding="utf-8")
    return target


def main() -> None:
    out = Path(sys.argv[1])
    counts = [int(n) for n in sys.argv[2:]] or [500, 1000, 2000, 4000]
    warm_up = generate_large(out, 10, seed=1)
    for path in (warm_up, _with_broken_refs(warm_up)):  # build both validators before timing
        validate_file(path)
    rows = []
    for count in counts:
        valid = generate_large(out, count, seed=1)
        for kind, path in (("valid", valid), ("broken refs", _with_broken_refs(valid))):
            seconds, problems = _best_of(path)
            size_kb = path.stat().st_size / 1024
            rows.append(
                {
                    "partners": count,
                    "kind": kind,
                    "kb": round(size_kb, 1),
                    "problems": problems,
                    "ms": round(seconds * 1e3, 2),
                    "us_per_kb": round(seconds * 1e6 / size_kb, 2),
                }
            )
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
