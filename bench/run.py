"""devocheck's benchmark: start-up and batch cost against peers and a parse-only floor, in one run.

    .venv/bin/python bench/run.py            # about 12 minutes on 2 cores
    .venv/bin/python bench/run.py --quick    # 1,000-file figures only, for iterating

Installs its own tools (hyperfine from Debian, check-jsonschema into this venv), generates
seeded locality files (bench/generate.py), then times with hyperfine:

(a) ``devocheck --version`` and ``devocheck validate`` on one file, against ``python -c pass``
    and ``check-jsonschema`` with the exported locality schema on the same file;
(b) ``validate`` and ``assess --format json --jobs 1`` on 1,000 and 10,000 files, against
    check-jsonschema and the floor (bench/floor.py: one process that only parses with libyaml);
(c) ``assess --jobs 1`` against ``--jobs 2`` on 10,000 files;
(d) peak memory (max RSS, ``/usr/bin/time``) of the commands of (b);
(e) one large locality validated in time linear in its size (bench/linear.py).

Prints a table of medians and ratios and writes it to bench/results.md with the machine's
description. Figures differ between machines; the ratios are what to compare.
check-jsonschema takes about 50 ms a file, so on 10,000 files (8 minutes a run) it is timed
only with ``--peer-10k``; otherwise its 10,000-file time is its 1,000-file per-file cost
times 10,000, marked as extrapolated.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BIN = Path(sys.executable).parent
DEVOCHECK = str(BIN / "devocheck")
PYTHON = str(BIN / "python")
CHECK_JSONSCHEMA = str(BIN / "check-jsonschema")
SEED = 1


@dataclass
class Row:
    """One line of the results table."""

    section: str
    name: str
    median: float | None = None  # seconds
    files: int = 0
    rss_mb: float | None = None
    note: str = ""


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    checks: list[tuple[str, str, str, bool | None]] = field(default_factory=list)  # target, value, goal, met

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row

    def check(self, target: str, value: float | None, goal: str, met: bool | None, unit: str = "x") -> None:
        shown = "n/a" if value is None else f"{value:.2f}{unit}"
        self.checks.append((target, shown, goal, met))


def _run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, check=True, text=True, **kwargs)  # type: ignore[call-overload,no-any-return]


def ensure_tools() -> None:
    """hyperfine (Debian package) and check-jsonschema (PyPI, into this venv), when missing."""
    if shutil.which("hyperfine") is None:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        _run([*sudo, "apt-get", "update", "-qq"])
        _run([*sudo, "apt-get", "install", "-y", "-qq", "hyperfine"])
    if not Path(CHECK_JSONSCHEMA).exists():
        _run([PYTHON, "-m", "pip", "install", "-q", "check-jsonschema"])
    if not Path("/usr/bin/time").exists():
        sys.exit("bench: /usr/bin/time (Debian package 'time') is needed for peak memory")


def prepare(out: Path, counts: list[int]) -> dict[int, Path]:
    """``out/N/`` with the first N generated files for each N (hard links into the largest set)."""
    largest = out / f"{max(counts)}"
    stamp = largest / ".complete"
    if not stamp.exists():
        shutil.rmtree(largest, ignore_errors=True)
        _run(
            [
                PYTHON,
                str(BENCH / "generate.py"),
                str(largest),
                "--count",
                str(max(counts)),
                "--seed",
                str(SEED),
            ]
        )
        stamp.write_text(f"seed {SEED}\n")
    dirs = {max(counts): largest}
    for count in counts:
        if count == max(counts):
            continue
        target = out / f"{count}"
        if not (target / ".complete").exists():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            for index in range(count):
                name = f"locality-{index:05d}.yaml"
                os.link(largest / name, target / name)
            (target / ".complete").write_text(f"seed {SEED}\n")
        dirs[count] = target
    schema = out / "locality.schema.json"
    schema.write_text(_run([DEVOCHECK, "schema", "locality"], capture_output=True).stdout)
    return dirs


def has_assess() -> bool:
    found = subprocess.run([DEVOCHECK, "assess", "--help"], capture_output=True, text=True)
    return found.returncode == 0 and "--jobs" in found.stdout


def hyperfine(
    commands: dict[str, str], *, runs: int, warmup: int, cwd: Path, shell: bool = True
) -> dict[str, float]:
    """Median seconds of each named command (hyperfine, output discarded)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        argv = ["hyperfine", "--style", "basic", "--runs", str(runs), "--warmup", str(warmup)]
        argv += ["--export-json", export.name, "-i"]
        if not shell:
            argv.append("--shell=none")
        for name, command in commands.items():
            argv += ["--command-name", name, command]
        _run(argv, cwd=cwd, stdout=subprocess.DEVNULL)
        data = json.loads(Path(export.name).read_text())
    return {result["command"]: float(result["median"]) for result in data["results"]}


def peak_rss_mb(command: str, cwd: Path) -> float:
    """Max RSS of ``command`` (a shell line) and its largest descendant, in MB."""
    with tempfile.NamedTemporaryFile(suffix=".txt") as report:
        argv = ["/usr/bin/time", "-f", "%M", "-o", report.name, "sh", "-c", command + " > /dev/null"]
        subprocess.run(argv, cwd=cwd, check=False, stderr=subprocess.DEVNULL)
        return int(Path(report.name).read_text().split()[-1]) / 1024


def section_a(results: Results, one_file: Path, schema: Path) -> None:
    cwd = one_file.parent
    medians = hyperfine(
        {
            "python -c pass": f"{PYTHON} -c pass",
            "devocheck --version": f"{DEVOCHECK} --version",
            "devocheck validate (1 file)": f"{DEVOCHECK} validate {one_file.name}",
            "check-jsonschema (1 file)": f"{CHECK_JSONSCHEMA} --schemafile {schema} {one_file.name}",
        },
        runs=30,
        warmup=3,
        cwd=cwd,
        shell=False,
    )
    for name, median in medians.items():
        results.add(Row("a", name, median, files=1 if "1 file" in name else 0))
    over = (medians["devocheck --version"] - medians["python -c pass"]) * 1e3
    results.check("--version over python -c pass", over, "<= 100 ms", over <= 100, unit=" ms")
    ratio = medians["devocheck validate (1 file)"] / medians["check-jsonschema (1 file)"]
    results.check("validate 1 file / check-jsonschema", ratio, "<= 0.50", ratio <= 0.5)


def batch_commands(directory: Path, schema: Path, assess: bool, peer: bool) -> dict[str, str]:
    name = directory.name
    commands = {
        f"floor: parse only ({name})": f"{PYTHON} {BENCH / 'floor.py'} {name}",
        f"devocheck validate ({name})": f"{DEVOCHECK} validate {name}",
    }
    if assess:
        commands[f"devocheck assess --jobs 1 ({name})"] = f"{DEVOCHECK} assess --format json --jobs 1 {name}"
    if peer:
        commands[f"check-jsonschema ({name})"] = f"{CHECK_JSONSCHEMA} --schemafile {schema} {name}/*.yaml"
    return commands


def section_b(
    results: Results, directory: Path, schema: Path, *, runs: int, assess: bool, peer: bool
) -> dict[str, float]:
    count = int(directory.name)
    commands = batch_commands(directory, schema, assess, peer=False)
    medians = hyperfine(commands, runs=runs, warmup=1, cwd=directory.parent)
    if peer:
        peer_name = f"check-jsonschema ({count})"
        medians |= hyperfine(
            {peer_name: f"{CHECK_JSONSCHEMA} --schemafile {schema} {count}/*.yaml"},
            runs=max(1, min(runs, 3) if count <= 1000 else 1),
            warmup=0,
            cwd=directory.parent,
        )
    for name, command in commands.items():
        row = results.add(Row("b", name, medians[name], files=count))
        row.rss_mb = peak_rss_mb(command, directory.parent)
    if peer:
        results.add(Row("b", f"check-jsonschema ({count})", medians[f"check-jsonschema ({count})"], count))
    return medians


def section_c(results: Results, directory: Path, jobs1: float, runs: int) -> None:
    count = int(directory.name)
    name = f"devocheck assess --jobs 2 ({count})"
    command = f"{DEVOCHECK} assess --format json --jobs 2 {count}"
    median = hyperfine({name: command}, runs=runs, warmup=0, cwd=directory.parent)[name]
    results.add(Row("c", name, median, files=count, rss_mb=peak_rss_mb(command, directory.parent)))
    speedup = jobs1 / median
    results.check(f"assess --jobs 2 speed-up ({count})", speedup, ">= 1.60", speedup >= 1.6)


def section_e(results: Results, out: Path) -> list[dict[str, object]]:
    found = _run([PYTHON, str(BENCH / "linear.py"), str(out / "large")], capture_output=True).stdout
    rows: list[dict[str, object]] = json.loads(found)
    for kind in ("valid", "broken refs"):
        mine = [r for r in rows if r["kind"] == kind]
        first, last = mine[0], mine[-1]
        growth = float(last["us_per_kb"]) / float(first["us_per_kb"])  # type: ignore[arg-type]
        results.check(
            f"large file, time per KB {first['partners']}->{last['partners']} partners ({kind})",
            growth,
            "<= 1.20 (linear)",
            growth <= 1.2,
        )
    return rows


def ratios(results: Results, medians: dict[int, dict[str, float]], assess: bool, peer_10k: bool) -> None:
    small, large = min(medians), max(medians)
    for count, found in sorted(medians.items()):
        floor = found[f"floor: parse only ({count})"]
        validate = found[f"devocheck validate ({count})"]
        results.check(f"validate / floor ({count})", validate / floor, "<= 2.00", validate / floor <= 2)
        peer = found.get(f"check-jsonschema ({count})")
        if peer is None and f"check-jsonschema ({small})" in medians[small]:
            peer = medians[small][f"check-jsonschema ({small})"] * count / small
            results.add(Row("b", f"check-jsonschema ({count})", peer, count, note="extrapolated from 1,000"))
        if peer is not None:
            label = f"check-jsonschema / validate ({count})" + (
                "" if peer_10k or count == small else ", extrapolated"
            )
            results.check(label, peer / validate, ">= 8.00", peer / validate >= 8)
        if assess:
            mine = found[f"devocheck assess --jobs 1 ({count})"]
            results.check(f"assess / floor ({count})", mine / floor, "<= 2.50", mine / floor <= 2.5)
    if small == large:
        return
    for name in ("devocheck validate", "devocheck assess --jobs 1", "floor: parse only"):
        if f"{name} ({small})" not in medians[small]:
            continue
        per_small = medians[small][f"{name} ({small})"] / small
        per_large = medians[large][f"{name} ({large})"] / large
        growth = per_large / per_small
        results.check(f"{name}: per-file cost {large} / {small}", growth, "<= 1.20", growth <= 1.2)
        rss = {r.files: r.rss_mb for r in results.rows if r.name.startswith(name) and r.rss_mb}
        if small in rss and large in rss:
            grown = rss[large] / rss[small]
            results.check(f"{name}: peak memory {large} / {small}", grown, "<= 1.20", grown <= 1.2)


def machine() -> list[str]:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line
        ]
        cpu = names[0] if names else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kb = int(meminfo.read_text().split()[1])
        memory = f", {total_kb / 1024 / 1024:.1f} GB RAM"
    versions = _run(
        [
            PYTHON,
            "-c",
            "import yaml; print(yaml.__version__, yaml.__with_libyaml__)",
        ],
        capture_output=True,
    ).stdout.split()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    hyperfine_version = _run(["hyperfine", "--version"], capture_output=True).stdout.strip()
    peer_version = _run([CHECK_JSONSCHEMA, "--version"], capture_output=True).stdout.strip()
    return [
        f"- CPU: {cpu}, {len(os.sched_getaffinity(0))} cores available{memory}",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()}, PyYAML {versions[0]} (libyaml: {versions[1]})",
        f"- devocheck commit {commit.stdout.strip() or 'unknown'}; {hyperfine_version}; {peer_version}",
    ]


def table(results: Results) -> list[str]:
    lines = [
        "| section | command | median | per file | peak RSS | note |",
        "|---|---|---:|---:|---:|---|",
    ]
    for row in results.rows:
        median = "" if row.median is None else f"{row.median:.3f} s"
        per_file = f"{row.median / row.files * 1e3:.2f} ms" if row.median and row.files else ""
        rss = f"{row.rss_mb:.0f} MB" if row.rss_mb else ""
        lines.append(f"| {row.section} | {row.name} | {median} | {per_file} | {rss} | {row.note} |")
    lines += ["", "| target | value | goal | met |", "|---|---:|---|---|"]
    for target, value, goal, met in results.checks:
        lines.append(f"| {target} | {value} | {goal} | {'yes' if met else 'NO' if met is False else ''} |")
    return lines


def linear_table(rows: list[dict[str, object]]) -> list[str]:
    lines = ["| partners | file | size | problems | validate | per KB |", "|---:|---|---:|---:|---:|---:|"]
    for r in rows:
        cells = (
            r["partners"],
            r["kind"],
            f"{r['kb']} KB",
            r["problems"],
            f"{r['ms']} ms",
            f"{r['us_per_kb']} us",
        )
        lines.append("| " + " | ".join(map(str, cells)) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description="devocheck benchmark (see bench/run.py's docstring)")
    parser.add_argument("--quick", action="store_true", help="1,000 files only: (a), (b), (d), (e)")
    parser.add_argument("--peer-10k", action="store_true", help="also time check-jsonschema on 10,000 files")
    parser.add_argument("--out", type=Path, default=BENCH / "out")
    parser.add_argument("--runs", type=int, default=5, help="hyperfine runs on 1,000 files")
    parser.add_argument("--runs-10k", type=int, default=3, help="hyperfine runs on 10,000 files")
    args = parser.parse_args()
    ensure_tools()
    described = machine()  # first: a broken probe must not cost a finished run its results
    counts = [1000] if args.quick else [1000, 10000]
    dirs = prepare(args.out, counts)
    schema = args.out / "locality.schema.json"
    for directory in dirs.values():  # every generated file must be valid
        _run([DEVOCHECK, "validate", directory.name], cwd=args.out, stdout=subprocess.DEVNULL)
    assess = has_assess()
    results = Results()
    print("(a) one file", flush=True)
    section_a(results, dirs[1000] / "locality-00000.yaml", schema)
    medians: dict[int, dict[str, float]] = {}
    for count in counts:
        print(f"(b, d) {count} files", flush=True)
        runs = args.runs if count <= 1000 else args.runs_10k
        peer = count <= 1000 or args.peer_10k
        medians[count] = section_b(results, dirs[count], schema, runs=runs, assess=assess, peer=peer)
    if assess and not args.quick:
        print("(c) --jobs 2", flush=True)
        large = max(counts)
        section_c(results, dirs[large], medians[large][f"devocheck assess --jobs 1 ({large})"], args.runs_10k)
    ratios(results, medians, assess, args.peer_10k)
    print("(e) one large file", flush=True)
    linear = section_e(results, args.out)
    command = " ".join(["python3 dev.py setup && .venv/bin/python bench/run.py", *sys.argv[1:]])
    report = [
        "# devocheck benchmark results",
        "",
        "Generated by `bench/run.py`; medians of hyperfine runs (output discarded), peak memory from",
        "`/usr/bin/time` (max RSS of the process or its largest child). Figures vary between machines:",
        "compare the ratios. Batch runs of `assess` use `--format json`.",
        "",
        "Reproduce (from the repository root):",
        "",
        f"    {command}",
        "",
        "## Machine",
        "",
        *described,
        "",
        "## Results",
        "",
        *table(results),
        "",
        "## One large locality (in-process, best of 7)",
        "",
        *linear_table(linear),
        "",
    ]
    if not assess:
        report.insert(6, "`devocheck assess` is not in this build: (b) and (c) time `validate` only.\n")
    text = "\n".join(report)
    print(text)
    (BENCH / "results.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
