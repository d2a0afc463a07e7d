"""CI in a real repository, on the first try: one end-to-end test per case of issue 12.

Each test works in a scratch git repository laid out as users lay theirs out: locality files
under ``localities/``, a workflow, a ``.pre-commit-config.yaml``, vendored folders
(``node_modules/``, a virtual environment) and a git-ignored build folder. The CLI, the
action's assess step and pre-commit run for real, as subprocesses; machine output is read back
by real consumers (the SARIF 2.1.0 schema, junitparser and Jenkins xUnit's JUnit schema).
"""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import junitparser
import pytest
import yaml
from jsonschema import Draft7Validator, Draft202012Validator
from lxml import etree

from tests.conftest import EXAMPLES, REPO, SHARED

BIN = Path(sys.executable).parent
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
JUNIT_SCHEMA = SHARED / "schemas" / "junit-10.xsd"
#: Attributes beyond junit-10.xsd that the junit format writes, as its docstring and SOURCES.md
#: say readers accept: (element, attribute).
JUNIT_EXTENSIONS = {("testcase", "file"), ("testcase", "line"), ("testsuites", "skipped")}
LOCALITIES = ["north-shire", "marrowdale", "fenwold", "hartmoor-severn"]


def environment(**extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "NO_COLOR", "FORCE_"))
    }
    return {**env, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra}


def run(
    *command: str | Path, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env or environment(),
        check=False,
        timeout=300,
    )


def devocheck(*args: str | Path, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return run(BIN / "devocheck", *args, cwd=cwd, env=environment(**env))


def git(repo: Path, *args: str) -> None:
    done = run("git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args, cwd=repo)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository of locality files, with the YAML every repository also has."""
    root = tmp_path / "repo"
    (root / "localities").mkdir(parents=True)
    for name in LOCALITIES:
        shutil.copy(EXAMPLES / f"{name}.yaml", root / "localities" / f"{name}.yaml")
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".github" / "workflows" / "localities.yml").write_text(
        "name: localities\non: [push]\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps: []\n"
    )
    (root / ".pre-commit-config.yaml").write_text("repos: []\n")
    (root / "node_modules" / "pkg").mkdir(parents=True)
    (root / "node_modules" / "pkg" / "config.yaml").write_text("name: pkg\n")
    (root / "env" / "lib").mkdir(parents=True)
    (root / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (root / "env" / "lib" / "site.yaml").write_text("x: 1\n")
    (root / "build").mkdir()
    (root / "build" / "generated.yaml").write_text("generated: true\n")
    (root / ".gitignore").write_text("build/\n")
    (root / "docker-compose.yml").write_text("services: {}\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "localities")
    return root


# --- 1. the action's default paths, and directory walks -------------------------------------


def action_step() -> dict[str, Any]:
    spec = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    step: dict[str, Any] = next(step for step in spec["runs"]["steps"] if step.get("id") == "assess")
    step["defaults"] = {name: str(field.get("default", "")) for name, field in spec["inputs"].items()}
    return step


def run_action(repo: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], str]:
    """The action's assess step as the runner runs it: bash -eo pipefail, inputs through env."""
    step = action_step()
    values = step["defaults"] | inputs
    env = {}
    for variable, expression in step["env"].items():
        name = re.fullmatch(r"\$\{\{ inputs\.([A-Za-z0-9_-]+) \}\}", expression)
        assert name, expression
        env[variable] = values[name.group(1)]
    script = repo.parent / "step.sh"
    script.write_text(step["run"], encoding="utf-8")
    output = repo.parent / "github_output"
    output.write_text("")
    done = run(
        "bash", "--noprofile", "--norc", "-eo", "pipefail", script, cwd=repo,
        env=environment(GITHUB_OUTPUT=str(output), **env),
    )  # fmt: skip
    return done, output.read_text(encoding="utf-8")


def annotated_files(stdout: str) -> set[str]:
    return set(re.findall(r"^::\w+ file=([^,:]+)", stdout, re.MULTILINE))


def test_1_action_defaults_assess_the_localities_only(repo: Path) -> None:
    done, outputs = run_action(repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert outputs == "exit-code=0\n"
    # each file's score is a notice (ahead of criteria's notices, within GitHub's 10)
    assert annotated_files(done.stdout) == {f"localities/{name}.yaml" for name in LOCALITIES}
    scores = re.findall(r"^::notice file=(\S+),title=devocheck ifg-2015::", done.stdout, re.MULTILINE)
    assert sorted(scores) == sorted(f"localities/{name}.yaml" for name in LOCALITIES)
    assert "schema_version" not in done.stdout + done.stderr


def test_1_action_paths_are_one_per_line_and_may_hold_spaces(repo: Path) -> None:
    (repo / "two words").mkdir()
    shutil.copy(EXAMPLES / "marrowdale.yaml", repo / "two words" / "the place.yaml")
    done, outputs = run_action(repo, paths="  two words/the place.yaml\n\nlocalities/north-shire.yaml  \n")
    assert outputs == "exit-code=0\n", done.stdout + done.stderr
    assert annotated_files(done.stdout) == {"two words/the place.yaml", "localities/north-shire.yaml"}


def test_1_a_directory_walk_passes_by_hidden_vendored_and_ignored_files(repo: Path) -> None:
    done = devocheck("validate", ".", cwd=repo)
    assert done.returncode == 2  # docker-compose.yml is not a locality: a walk of "." still reads it
    assert [line.split(":")[0] for line in done.stdout.splitlines()] == ["docker-compose.yml"] * len(
        done.stdout.splitlines()
    )
    assert f"{len(LOCALITIES)} of {len(LOCALITIES) + 1} files valid" in done.stderr
    assert devocheck("validate", "localities", cwd=repo).returncode == 0
    named = devocheck("validate", ".pre-commit-config.yaml", cwd=repo)  # named: always read
    assert named.returncode == 2 and ".pre-commit-config.yaml:1:1:" in named.stdout


# --- 2. an empty action input passes nothing: the configuration decides ----------------------


def test_2_the_rubric_and_thresholds_of_the_config_win_over_empty_inputs(repo: Path) -> None:
    strict = (REPO / "rubrics" / "ifg-2015.yaml").read_text(encoding="utf-8")
    strict = strict.replace("id: ifg-2015", "id: strict").replace(
        "{name: maturing, min: 60}", "{name: maturing, min: 75}"
    )
    (repo / "strict.yaml").write_text(strict, encoding="utf-8")
    (repo / "pyproject.toml").write_text('[tool.devocheck]\nrubric = "strict.yaml"\nmin-band = "maturing"\n')
    done, outputs = run_action(repo, paths="localities/north-shire.yaml")
    # north-shire scores 72.9: maturing by the built-in rubric, emerging by the configured one
    assert outputs == "exit-code=1\n", done.stdout + done.stderr
    assert "band emerging is below maturing" in done.stdout
    built_in, _ = run_action(repo, paths="localities/north-shire.yaml", rubric="ifg-2015")
    assert built_in.returncode == 0, built_in.stdout + built_in.stderr


# --- 3. pre-commit, for real ------------------------------------------------------------------


def test_3_pre_commit_runs_the_hooks_on_locality_files_only(repo: Path) -> None:
    """``pre-commit run --all-files`` with the manifest's hooks as a local repository (language
    ``system``: devocheck from this environment, no network), one of them writing a report."""
    manifest = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hooks = [{**hook, "language": "system"} for hook in manifest]
    assess = next(hook for hook in hooks if hook["id"] == "devocheck-assess")
    assess["args"] = [*assess["args"], "--output", "report.csv"]
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    for index in range(6):  # enough files that a parallel run would split them into batches
        shutil.copy(EXAMPLES / "marrowdale.yaml", repo / "localities" / f"copy-{index}.locality.yaml")
    git(repo, "add", "-A")
    env = environment(PRE_COMMIT_HOME=str(repo.parent / "pre-commit-home"))
    done = run(sys.executable, "-m", "pre_commit", "run", "--all-files", cwd=repo, env=env)
    output = done.stdout + done.stderr
    assert "devocheck validate" in output and "devocheck assess" in output
    assert "schema_version" not in output  # the workflow and .pre-commit-config.yaml were not read
    assert done.returncode == 1  # fenwold fails its gate (--fail-on-gate)
    assert re.search(r"devocheck validate\.+Passed", output), output
    assert re.search(r"devocheck assess\.+Failed", output), output
    rows = (repo / "report.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + len(LOCALITIES) + 6, rows  # every file in one table, none overwritten


# --- 4. paths relative to the repository root -------------------------------------------------


def sarif_uris(log: dict[str, Any], root: Path) -> set[Path]:
    """Every artifact location resolved as code scanning resolves it: against %SRCROOT%."""
    (run_,) = log["runs"]
    base = run_["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert unquote(urlparse(base).path) == f"{root}/"
    found = set()
    for result in run_["results"]:
        for location in result["locations"] + result.get("relatedLocations", []):
            artifact = location["physicalLocation"]["artifactLocation"]
            assert artifact["uriBaseId"] == "%SRCROOT%" and ".." not in artifact["uri"].split("/")
            assert not artifact["uri"].startswith(("/", "file:"))
            found.add(Path(unquote(urlparse(base).path)) / unquote(artifact["uri"]))
    return found


def test_4_sarif_github_and_junit_name_files_from_the_root_wherever_devocheck_runs(repo: Path) -> None:
    (repo / "other").mkdir()
    target = repo / "localities" / "fenwold.yaml"
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    for cwd, name in ((repo / "localities", "fenwold.yaml"), (repo / "other", "../localities/fenwold.yaml"),
                      (repo, str(target)), (repo / "other", str(target))):  # fmt: skip
        sarif = devocheck("assess", name, "--format", "sarif", cwd=cwd)
        log = json.loads(sarif.stdout)
        assert sorted(Draft7Validator(schema).iter_errors(log), key=str) == []
        assert sarif_uris(log, repo) == {target}
        github = devocheck("assess", name, "--format", "github", cwd=cwd)
        assert annotated_files(github.stdout) == {"localities/fenwold.yaml"}
        junit = devocheck("assess", name, "--format", "junit", cwd=cwd)
        files = set(re.findall(r' file="([^"]+)"', junit.stdout))
        assert files == {"localities/fenwold.yaml"}, (cwd, name)
    overridden = devocheck(
        "assess", "fenwold.yaml", "--format", "github", "--root", ".", cwd=repo / "localities"
    )
    assert annotated_files(overridden.stdout) == {"fenwold.yaml"}


# --- 5. GitHub's annotation limits --------------------------------------------------------------


def test_5_forty_two_files_stay_within_githubs_annotation_limits(repo: Path) -> None:
    for index in range(42):
        shutil.copy(EXAMPLES / "fenwold.yaml", repo / "localities" / f"weak-{index:02}.yaml")
    done = devocheck("assess", "localities", "--format", "github", "--fail-under", "50", cwd=repo)
    assert done.returncode == 1
    commands = [line for line in done.stdout.splitlines() if re.match(r"::(error|warning|notice) ", line)]
    levels = [line.split(" ", 1)[0] for line in commands]
    assert [levels.count(f"::{level}") for level in ("error", "warning", "notice")] == [10, 10, 10]
    assert levels == sorted(levels, key=["::error", "::warning", "::notice"].index)  # errors first
    errors = [line for line in commands if line.startswith("::error ")]
    assert all("below threshold%3A fail-under 50" in line for line in errors)  # what fails the run
    closing = commands[-1]
    assert closing.startswith("::notice title=devocheck::") and "not annotated" in closing
    # nothing lost: every finding left out is in the collapsed log group, and counted
    group = done.stdout.split("::group::", 1)[1].split("::endgroup::", 1)[0].splitlines()[1:]
    left_out = int(re.search(r"::(\d+) more findings", closing).group(1))  # type: ignore[union-attr]
    assert len(group) == left_out
    assert sum("fail-under 50" in line for line in group) == 43 - 10  # 42 copies + fenwold


# --- 6 and 7. output encoding, TERM=dumb, NO_COLOR, FORCE_COLOR ---------------------------------


@pytest.mark.parametrize("command", [("assess", "-f", "rich"), ("assess", "-f", "markdown"),
                                     ("assess", "-f", "github"), ("validate",)])  # fmt: skip
def test_6_a_cp1252_console_gets_output_never_exit_3(repo: Path, command: tuple[str, ...]) -> None:
    done = subprocess.run(
        [BIN / "devocheck", *command, "localities/north-shire.yaml"],
        capture_output=True,
        cwd=repo,
        env=environment(PYTHONIOENCODING="cp1252"),
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    if command[-1] in ("github", "markdown"):  # machine formats: UTF-8 whatever the locale
        assert "◐".encode() in done.stdout
    elif command[-1] == "rich":
        assert b"North Shire" in done.stdout and "◐".encode() not in done.stdout


def on_a_terminal(repo: Path, **env: str) -> bytes:
    """The rich report as a terminal shows it (stdout a pseudo-terminal)."""
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [BIN / "devocheck", "assess", "localities/north-shire.yaml", "--width", "100"],
        stdout=follower, stderr=subprocess.DEVNULL, cwd=repo, env=environment(**env),
    ) as process:  # fmt: skip
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks)


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        ({"TERM": "xterm-256color"}, True),
        ({"TERM": "dumb"}, False),
        ({"TERM": "xterm", "NO_COLOR": "1"}, False),
    ],
)
def test_7_colour_on_a_terminal_follows_term_and_no_color(
    repo: Path, env: dict[str, str], coloured: bool
) -> None:
    shown = on_a_terminal(repo, **env)
    assert b"North Shire" in shown
    assert (b"\x1b[" in shown) is coloured


def test_7_force_color_colours_a_pipe(repo: Path) -> None:
    assert "\x1b[" in devocheck("assess", "localities/north-shire.yaml", cwd=repo, FORCE_COLOR="1").stdout
    assert "\x1b[" not in devocheck("assess", "localities/north-shire.yaml", cwd=repo).stdout


# --- 8. JUnit agrees with the exit status ---------------------------------------------------------


def junit_schema_errors(text: str) -> list[str]:
    """Problems against Jenkins xUnit's schema, the documented extension attributes set aside."""
    tree = etree.fromstring(text.encode("utf-8"))
    for element in tree.iter():
        for attribute in list(element.attrib):
            if (element.tag, attribute) in JUNIT_EXTENSIONS:
                del element.attrib[attribute]
    schema = etree.XMLSchema(etree.parse(str(JUNIT_SCHEMA)))
    return [] if schema.validate(tree) else [str(error) for error in schema.error_log]


def test_8_junit_failures_are_exactly_the_checks_that_fail_the_run(repo: Path) -> None:
    for index in range(26):
        shutil.copy(EXAMPLES / "north-shire.yaml", repo / "localities" / f"copy-{index:02}.yaml")
    plain = devocheck("assess", "localities", "--format", "junit", "-o", "plain.xml", cwd=repo)
    assert plain.returncode == 0, plain.stderr
    text = (repo / "plain.xml").read_text(encoding="utf-8")
    assert junit_schema_errors(text) == []
    suites = junitparser.JUnitXml.fromfile(str(repo / "plain.xml"))
    cases = [case for suite in suites for case in suite if not case.classname.endswith(".checks")]
    assert len(cases) == 30 * 16 and suites.failures == 0 and suites.errors == 0
    # 26 copies share north-shire's id: said as passing checks with the clash in system-out
    clashes = [
        case for suite in suites for case in suite if case.name == "input: locality id unique in the run"
    ]
    assert len(clashes) == 26 and all(case.is_passed for case in clashes)
    assert sum(case.is_skipped for case in cases) == 27  # north-shire's waived criterion, in 27 copies
    strict = devocheck(
        "assess", "localities", "--format", "junit", "--fail-under", "50", "-o", "strict.xml", cwd=repo
    )
    assert strict.returncode == 1
    text = (repo / "strict.xml").read_text(encoding="utf-8")
    assert junit_schema_errors(text) == []
    suites = junitparser.JUnitXml.fromfile(str(repo / "strict.xml"))
    failed = [
        (suite.name.split(" ")[0], case.name)
        for suite in suites
        for case in suite
        if any(isinstance(result, junitparser.Failure) for result in case.result)
    ]
    assert failed == [("fenwold", "threshold: fail-under 50")]
    assert suites.failures == 1
    passed_checks = [case.name for suite in suites for case in suite if case.name.startswith("threshold:")]
    assert len(passed_checks) == 30  # one per file, passed or not


# --- 9. one JSON shape ------------------------------------------------------------------------------


def test_9_one_json_shape_whatever_the_number_of_files(repo: Path) -> None:
    schema = json.loads(devocheck("schema", "report", cwd=repo).stdout)
    shapes = []
    for paths in (
        ["localities/north-shire.yaml"],
        ["localities/north-shire.yaml", "localities/fenwold.yaml"],
    ):
        done = devocheck("assess", *paths, "--format", "json", cwd=repo)
        document = json.loads(done.stdout)
        assert sorted(Draft202012Validator(schema).iter_errors(document), key=str) == []
        shapes.append((sorted(document), type(document["reports"]).__name__, len(document["reports"])))
        assert document["verdict"]["exit_code"] == done.returncode
    assert shapes == [(["report_version", "reports", "tool", "verdict"], "list", 1),
                      (["report_version", "reports", "tool", "verdict"], "list", 2)]  # fmt: skip


# --- 10. baselines see ids that changed and localities that vanished --------------------------------


def test_10_a_renamed_id_and_a_deleted_file_are_named(repo: Path) -> None:
    saved = devocheck("assess", "localities", "--format", "json", "-o", "baseline.json", cwd=repo)
    assert saved.returncode == 0, saved.stderr
    north = repo / "localities" / "north-shire.yaml"
    north.write_text(north.read_text(encoding="utf-8").replace("id: north-shire", "id: north-shire-ca"))
    (repo / "localities" / "marrowdale.yaml").unlink()
    done = devocheck(
        "assess", "localities", "-f", "json", "--baseline", "baseline.json", "--fail-on-regression", cwd=repo
    )
    assert done.returncode == 1
    assert "locality id changed from north-shire (matched by file)" in done.stderr
    assert "marrowdale is in the baseline but not in this run" in done.stderr
    checks = json.loads(done.stdout)["verdict"]["checks"]
    vanished = [c for c in checks if c["name"] == "still assessed"]
    assert [(c["locality"], c["fails"]) for c in vanished] == [("marrowdale", True)]
    allowed = devocheck("assess", "localities", "--baseline", "baseline.json", "--fail-on-regression",
                        "--allow-vanished", "-f", "csv", cwd=repo)  # fmt: skip
    assert allowed.returncode == 0, allowed.stderr
    assert "marrowdale is in the baseline but not in this run" in allowed.stderr


# --- 11. global options after the sub-command --------------------------------------------------------


def test_11_debug_is_accepted_after_the_sub_command(repo: Path) -> None:
    assert devocheck("validate", "localities", "--debug", cwd=repo).returncode == 0
    assert devocheck("--debug", "validate", "localities", cwd=repo).returncode == 0


# --- 12. the docs name only what exists ------------------------------------------------------------


def test_12_docs_install_from_a_clone_or_git_and_pin_commits() -> None:
    texts = {
        path.name: path.read_text(encoding="utf-8")
        for path in [REPO / "README.md", *(REPO / "docs").glob("*.md")]
    }
    for name, text in texts.items():
        assert not re.search(r"pip install devocheck\b(?![@\w/.-])", text), name  # not on PyPI
        assert not re.search(r"devocheck@v\d", text) and "rev: v" not in text, name  # no release tags exist
        assert "devocheck.dev/schemas" not in text, name  # resolves nowhere
    ci = texts["ci.md"]  # installed from git and pinned to a commit, everywhere
    assert 'pip install "git+https://github.com/<owner>/devocheck@<commit-sha>"' in ci
    assert "uses: <owner>/devocheck@<commit-sha>" in ci and "rev: <commit-sha>" in ci
