"""The library API: ``devocheck.__all__`` is the documented API, and every name keeps its type.

A public name that is also a submodule's name (``devocheck.assess`` when ``assess.py``
existed, ``devocheck.render``) is the function on first access and the module once the
submodule is imported, so no public name may be a submodule's name.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, datetime

import pytest

import devocheck
from devocheck.rubric.model import load_rubric
from devocheck.score.policy import Thresholds
from tests.conftest import EXAMPLES, REPO

_PROBE = """
import importlib, json, pkgutil, sys
import devocheck

def kinds():
    return {name: type(getattr(devocheck, name)).__name__ for name in devocheck.__all__}

before = kinds() if sys.argv[1] == "names-first" else None
for info in pkgutil.walk_packages(devocheck.__path__, "devocheck."):
    if info.name != "devocheck.__main__":
        importlib.import_module(info.name)
after = kinds()
print(json.dumps({"before": before or after, "after": after, "again": kinds()}))
"""


@pytest.mark.parametrize("order", ["names-first", "modules-first"])
def test_every_public_name_keeps_its_type_on_every_access(order: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, order], capture_output=True, text=True, check=True, timeout=120
    )
    seen = json.loads(done.stdout)
    assert seen["before"] == seen["after"] == seen["again"]
    assert "module" not in seen["after"].values()
    assert seen["after"]["assess"] == seen["after"]["render_report"] == "function"


def test_no_public_name_is_a_submodule() -> None:
    submodules = {
        path.stem for path in (REPO / "devocheck").iterdir() if path.suffix == ".py" or path.is_dir()
    }
    assert submodules.isdisjoint(devocheck.__all__)


def test_dir_lists_the_public_api() -> None:
    assert dir(devocheck) == sorted(devocheck.__all__)


def test_all_is_the_api_the_readme_documents() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## As a library", 1)[1].split("\n## ", 1)[0]
    first_cells = re.findall(r"^\| (`.*?) \|", section, flags=re.MULTILINE)
    documented = {name for cell in first_cells for name in re.findall(r"`(\w+)`", cell)}
    assert documented == set(devocheck.__all__) - {"__version__"}


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'scorecard'"):
        devocheck.scorecard  # type: ignore[attr-defined]  # noqa: B018


@pytest.mark.parametrize("path", ["north-shire.yaml", "fenwold.yaml"])
def test_a_datetime_is_refused_at_the_boundary_for_every_file(path: str) -> None:
    """Before, only files without an ``assessment_date`` raised (a raw comparison TypeError)."""
    with pytest.raises(TypeError, match=r"today must be a datetime\.date, not datetime"):
        devocheck.outcome(EXAMPLES / path, today=datetime(2026, 11, 1, 9, 30))
    with pytest.raises(TypeError, match=r"assessment_date must be a datetime\.date, not str"):
        devocheck.assess(EXAMPLES / path, assessment_date="2026-11-01")  # type: ignore[arg-type]


def test_thresholds_built_from_a_rubric() -> None:
    rubric = load_rubric("ifg-2015")
    report = devocheck.assess(EXAMPLES / "north-shire.yaml", today=date(2026, 11, 1))
    assert Thresholds.for_rubric(rubric, fail_under=60).misses(report) == []
    assert Thresholds.for_rubric(rubric, min_band="ready").misses(report) == [
        f"band {report.band} is below ready"
    ]
    with pytest.raises(ValueError, match="unknown band 'great'"):
        Thresholds.for_rubric(rubric, min_band="great")


def test_a_script_using_the_public_api_has_no_any_under_mypy_strict() -> None:
    """tests/typing/: a user's script (no ``Any`` anywhere) and the renderers against their Protocols."""
    scripts = REPO / "tests" / "typing"
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--disallow-any-expr", "--no-error-summary", str(scripts)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
