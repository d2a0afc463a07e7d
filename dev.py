#!/usr/bin/env python3
"""Developer tasks that need nothing but Python 3.11+.

    python3 dev.py setup    create .venv, install devocheck and its dev tools, assess an example
    python3 dev.py test     lint (ruff), type-check (mypy --strict) and run the test suite
    python3 dev.py golden   rewrite the golden output files after an intended change
    python3 dev.py screenshots   redraw docs/screenshots/ (HTML report and batch at 375 and
                            1280 px, and printed A4 pages) in Debian's Chromium

In CI (CI set), `test` first installs Debian's chromium when it is missing, so the browser
tests run; elsewhere they skip, saying why, when there is no Chromium.

The virtual environment is (re)installed whenever pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".devocheck-installed"
EXAMPLE = "examples/north-shire.yaml"


def run(*command: str | Path) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    result = subprocess.run([str(part) for part in command], cwd=ROOT, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv() -> None:
    """Create .venv and install devocheck editable with its dev extra, unless already current."""
    if sys.version_info < (3, 11):  # noqa: UP036  (dev.py may be started by an older python3)
        sys.exit(f"devocheck needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print(f"+ creating {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    STAMP.write_text(wanted)


def setup() -> None:
    ensure_venv()
    run(BIN / "devocheck", "assess", EXAMPLE)
    print(
        f"\nReady. Activate with `source {VENV.relative_to(ROOT)}/bin/activate`, then try `devocheck --help`."
    )


def ensure_apt(command: str, package: str) -> None:
    """Install Debian's ``package`` when ``command`` is missing (CI runs as root on Debian)."""
    if shutil.which(command) is None:
        os.environ.setdefault("DEBIAN_FRONTEND", "noninteractive")  # no prompt: CI has no stdin
        run("apt-get", "update", "-qq")
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", package)


def test() -> None:
    ensure_venv()
    if os.environ.get("CI"):
        ensure_apt("chromium", "chromium")
    run(BIN / "ruff", "check", ".")
    run(BIN / "ruff", "format", "--check", ".")
    run(BIN / "mypy")
    run(BIN / "python", "-m", "pytest", *sys.argv[2:])


def golden() -> None:
    ensure_venv()
    run(BIN / "python", "-m", "pytest", "tests/test_golden.py", "--update-golden")


def screenshots() -> None:
    ensure_venv()
    if os.environ.get("CI"):
        ensure_apt("chromium", "chromium")
        ensure_apt("pdftoppm", "poppler-utils")
    run(BIN / "python", "-m", "tests.browser", "docs")


TASKS = {"setup": setup, "test": test, "golden": golden, "screenshots": screenshots}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        sys.exit(__doc__)
    TASKS[sys.argv[1]]()
