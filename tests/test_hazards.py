"""Hostile and broken input: every hazard gives one positioned line and exit 2, in bounded
time and memory, and never runs code, blocks, or loses the other files of a batch.

Each hazard runs ``devocheck validate`` in a subprocess under ``resource`` limits (10 s of CPU,
512 MB of address space), so a hazard that hangs or explodes fails by being killed, not by a
timed assertion. The wall-clock ``timeout`` only catches a process blocked without using CPU
(a FIFO opened the plain way would wait for ever).
"""

from __future__ import annotations

import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from devocheck.load.loader import parse
from devocheck.model import LoaderKind

REPO = Path(__file__).resolve().parents[1]
VALID = (REPO / "examples" / "north-shire.yaml").read_text(encoding="utf-8")
CPU_SECONDS = 10
MEMORY_BYTES = 512 * 1024 * 1024
NESTING = 100_000


def _limit_resources() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


@dataclass(frozen=True)
class Run:
    exit_code: int
    problems: list[str]
    """stdout: one line per problem."""
    stderr: str


#: An unprivileged user, to run as when the tests run as root (permission bits bind it).
NOBODY = 65534


def _as_nobody() -> None:
    _limit_resources()
    if os.geteuid() == 0:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)


def devocheck(*args: str | Path, cwd: Path | None = None, unprivileged: bool = False) -> Run:
    """``devocheck ARGS`` in a fresh interpreter under CPU and memory limits (and, with
    ``unprivileged``, as an ordinary user even when the tests run as root)."""
    done = subprocess.run(
        [sys.executable, "-m", "devocheck", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        preexec_fn=_as_nobody if unprivileged else _limit_resources,
        timeout=120,
        check=False,
    )
    return Run(done.returncode, done.stdout.splitlines(), done.stderr)


#: ``where`` for a problem with the file as a whole: ``path: message``, no line or column.
WHOLE = "file"


def assert_one_line(run: Run, path: Path | str, fragment: str, where: str | None = None) -> None:
    """Exit 2 and exactly one ``path:line:col: message`` line (``path: message`` for a problem
    with the file as a whole, ``where`` ``WHOLE``) holding ``fragment``."""
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert run.exit_code == 2, (run.problems, run.stderr)
    assert len(run.problems) == 1, run.problems
    match = re.fullmatch(re.escape(str(path)) + r"(?::(\d+):(\d+))?: (.+)", run.problems[0])
    assert match, run.problems[0]
    assert fragment in match.group(3), run.problems[0]
    if where is not None:
        found = WHOLE if match.group(1) is None else f"{match.group(1)}:{match.group(2)}"
        assert found == where, run.problems[0]


def billion_laughs() -> str:
    """Nine levels of nine aliases each: 9**9 strings if a loader expanded them."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


#: Hazards written as file content: (id, bytes, where, fragment of the message).
CONTENT_HAZARDS: list[tuple[str, bytes, str | None, str]] = [
    (
        "billion-laughs",
        billion_laughs().encode(),
        "1:4",
        "anchor &a is not supported (nor are aliases): write the value out (and 80 more in this file)",
    ),
    ("deep-flow", ("a: " + "[" * NESTING + "]" * NESTING).encode(), None, "nesting too deep"),
    (
        "deep-flow-mapping",
        ("a: " + "{a: " * NESTING + "1" + "}" * NESTING).encode(),
        "1:256",
        "nesting deeper",
    ),
    ("deep-block", ("a:\n  " + "- " * NESTING + "x\n").encode(), "2:129", "nesting deeper than 64 levels"),
    (
        "python-tag",
        b'a: !!python/object/apply:os.system ["touch PWNED"]\n',
        "1:4",
        "tag:yaml.org,2002:python",
    ),
    ("python-name-tag", b"a: !!python/name:os.system\n", "1:4", "not allowed"),
    ("custom-tag", b"a: !custom x\n", "1:4", "tag !custom is not allowed"),
    ("bool-maybe", b"a: !!bool maybe\n", "1:4", "'maybe' is not a valid bool"),
    (
        "5000-digits",
        b"schema_version: " + b"9" * 5000 + b"\n",
        "1:17",
        "number of 5,000 characters is too long",
    ),
    ("impossible-date", b"a: 1\nb: !!timestamp 2026-02-30 99:00\n", "2:4", "is not a valid timestamp"),
    ("multi-document", b"a: 1\n---\nb: 2\n", "2:1", "more than one YAML document"),
    ("empty", b"", "1:1", "file is empty"),
    ("comment-only", b"# nothing here\n\n# at all\n", "1:1", "file holds only comments"),
    ("top-level-list", b"- a\n- b\n", "1:1", "the document is a list"),
    ("top-level-scalar", b"just words\n", "1:1", "the document is a single value"),
    ("non-utf8", b"a: 1\nb: caf\xe9\n", "2:7", "not valid UTF-8 (byte 0xe9)"),
    ("utf16-bom", "a: 1\n".encode("utf-16"), "1:1", "file is UTF-16: save it as UTF-8"),
    ("nul-bytes", b"a: 1\nb: x\x00y\n", "2:5", "file contains NUL bytes"),
    ("binary-garbage", random.Random(7).randbytes(4096), None, "NUL bytes: is it binary?"),
    ("control-character", b"a: \x1b[31mred\n", "1:4", "is not allowed in YAML"),
    ("duplicate-key-deep", b"a:\n  b:\n    c: 1\n    c: 2\n", "4:5", "duplicate key 'c'"),
    ("merge-key", b"a: {x: 1}\nb:\n  <<: {y: 2}\n", "3:3", "merge keys (<<) are not supported"),
]


@pytest.mark.parametrize(
    ("content", "where", "fragment"), [c[1:] for c in CONTENT_HAZARDS], ids=[c[0] for c in CONTENT_HAZARDS]
)
def test_content_hazard(tmp_path: Path, content: bytes, where: str | None, fragment: str) -> None:
    path = tmp_path / "hazard.yaml"
    path.write_bytes(content)
    assert_one_line(devocheck("validate", path, cwd=tmp_path), path, fragment, where)
    assert not (tmp_path / "PWNED").exists()


def test_nested_merge_key_bomb(tmp_path: Path) -> None:
    """Nine levels of ``<<:`` merges (minutes in PyYAML 6.0.2-6.0.3): refused, one line per kind."""
    path = tmp_path / "merge-bomb.yaml"
    path.write_text(
        "a0: &a0 {x: 1}\n"
        + "".join(f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}], y{i}: 1}}\n" for i in range(1, 10))
    )
    run = devocheck("validate", path)
    assert run.exit_code == 2
    assert run.problems == [
        f"{path}:1:5: anchor &a0 is not supported (nor are aliases): write the value out"
        " (and 27 more in this file)",
        f"{path}:2:10: merge keys (<<) are not supported: write the keys out (and 8 more in this file)",
    ]


def test_fifty_megabyte_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as out:
        out.write(b"x-padding: |\n")
        line = b"  " + b"x" * 1021 + b"\n"
        out.write(line * (50 * 1024))
    assert_one_line(
        devocheck("validate", path), path, "over the 1,048,576-byte size cap (52,428,813 bytes)", WHOLE
    )


def test_size_and_depth_caps_are_configurable(tmp_path: Path) -> None:
    path = tmp_path / "caps.yaml"
    path.write_text("x-a: [[[[1]]]]\n")
    assert_one_line(
        devocheck("validate", "--max-depth", "3", path), path, "nesting deeper than 3 levels", "1:8"
    )
    assert_one_line(
        devocheck("validate", "--max-file-size", "8", path), path, "over the 8-byte size cap", WHOLE
    )


def test_non_existent_path(tmp_path: Path) -> None:
    path = tmp_path / "missing.yaml"
    assert_one_line(devocheck("validate", path), path, "no such file or directory", WHOLE)


def test_directory_without_locality_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not yaml")
    assert_one_line(
        devocheck("validate", tmp_path), tmp_path, "directory holds no .yaml or .yml files", WHOLE
    )


def test_directory_named_like_a_file_is_refused_by_the_loader(tmp_path: Path) -> None:
    from devocheck.errors import InputError
    from devocheck.load.loader import load

    path = tmp_path / "dir.yaml"
    path.mkdir()
    with pytest.raises(InputError, match=r"dir.yaml: is a directory, not a file"):
        load(path)


def test_unreadable_file(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Run as an ordinary user (root reads files whatever their permission bits), in a folder
    that user may enter, so it is the file's own bits that refuse it."""
    folder = Path(tempfile.mkdtemp(prefix="devocheck-unreadable-"))
    try:
        folder.chmod(0o755)
        path = folder / "secret.yaml"
        path.write_text("a: 1\n")
        path.chmod(0)
        run = devocheck("validate", path, cwd=folder, unprivileged=True)
        assert_one_line(run, path, "permission denied", WHOLE)
        path.chmod(0o644)  # the same file, readable: the refusal was the permission bits
        readable = devocheck("validate", path, cwd=folder, unprivileged=True)
        assert any("missing required key 'schema_version'" in line for line in readable.problems)
    finally:
        shutil.rmtree(folder)


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_file_whose_read_fails() -> None:
    """/proc/self/mem opens as a regular file but reading it fails (EIO), even for root."""
    assert_one_line(devocheck("validate", "/proc/self/mem"), "/proc/self/mem", "input/output error", WHOLE)


def test_fifo_does_not_block(tmp_path: Path) -> None:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    assert_one_line(devocheck("validate", path), path, "is not a regular file (a pipe or device?)", WHOLE)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero() -> None:
    assert_one_line(devocheck("validate", "/dev/zero"), "/dev/zero", "is not a regular file", WHOLE)


def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    path = tmp_path / "a.yaml"
    assert_one_line(devocheck("validate", path), path, "symbolic link loop", WHOLE)


def _with_locality(field: str, text: str) -> str:
    """The valid example with ``locality.<field>`` written as ``text``, unquoted."""
    line = next(line for line in VALID.splitlines() if line.startswith(f"  {field}: "))
    return VALID.replace(line, f"  {field}: {text}", 1)


#: YAML 1.1 typing traps: read as the text typed (``data``) or refused with a hint to quote.
TRAPS = ["no", "on", "yes", "off", "1:30", "1e3", "012", "0x1F", "2026-11-01"]


@pytest.mark.parametrize("field", ["id", "name"])
@pytest.mark.parametrize("text", TRAPS)
def test_typing_trap_keeps_the_text_or_asks_for_quotes(tmp_path: Path, field: str, text: str) -> None:
    source = _with_locality(field, text)
    data = parse(source, "f.yaml").data["locality"][field]
    assert not isinstance(data, bool), "a YAML 1.1 boolean must never appear"
    path = tmp_path / "trap.yaml"
    path.write_text(source)
    run = devocheck("validate", path)
    if isinstance(data, str):
        assert data == text
        if run.exit_code == 2:  # kept as text but not a valid id (e.g. "1:30" has a colon)
            assert_one_line(run, path, f"'{text}' is not an id")
        else:
            assert (run.exit_code, run.problems) == (0, [])
    else:
        assert_one_line(run, path, f'write "{text}" in quotes to keep it as text')


def test_bad_files_in_a_batch_are_each_reported_and_good_ones_still_processed(tmp_path: Path) -> None:
    """Bad files named on the command line and found in a directory, among good ones."""
    good = sorted((REPO / "examples").glob("*.yaml"))
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "copy.yaml").write_text(VALID)
    bad = {
        "duplicate.yaml": b"a: 1\na: 2\n",
        "binary.yaml": b"\x00\x01\x02",
        "utf16.yaml": "a: 1\n".encode("utf-16"),
        "more/laughs.yaml": billion_laughs().encode(),
        "more/list.yaml": b"- 1\n",
        "more/typo.yaml": VALID.replace("  nation:", "  natoin:").encode(),
    }
    for name, content in bad.items():
        (tmp_path / name).write_bytes(content)
    os.mkfifo(folder / "pipe.yaml")
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    named = [tmp_path / name for name in ["duplicate.yaml", "binary.yaml", "utf16.yaml", "missing.yaml"]]
    run = devocheck("validate", *good, *named, folder)
    assert run.exit_code == 2
    reported = {line.split(":", 1)[0] for line in run.problems}
    expected_bad = {*named, *(tmp_path / name for name in bad), folder / "pipe.yaml", folder / "loop.yaml"}
    assert reported == {str(p) for p in expected_bad}
    total = len(good) + 1 + len(expected_bad)
    assert f"{len(good) + 1} of {total} files valid" in run.stderr


def test_pure_python_loader_reads_the_examples_like_libyaml() -> None:
    for example in sorted((REPO / "examples").glob("*.yaml")):
        text = example.read_text(encoding="utf-8")
        fast, pure = parse(text, "f", loader=LoaderKind.LIBYAML), parse(text, "f", loader=LoaderKind.PURE)
        assert pure.data == fast.data
        assert pure.source.loader is LoaderKind.PURE
        assert pure.positions.key(("locality", "name")) == fast.positions.key(("locality", "name"))


@pytest.mark.parametrize(
    ("text", "where", "fragment"),
    [
        ("a: " + "[" * NESTING + "]" * NESTING, "1:67", "nesting deeper than 64 levels"),
        ("a: " + "{a: " * NESTING + "1" + "}" * NESTING, "1:256", "nesting deeper than 64 levels"),
        ("a:\n  " + "- " * NESTING + "x\n", "2:129", "nesting deeper than 64 levels"),
        (billion_laughs(), "1:4", "anchor &a is not supported"),
    ],
    ids=["flow", "flow-mapping", "block", "billion-laughs"],
)
def test_pure_python_loader_refuses_cleanly(text: str, where: str, fragment: str) -> None:
    """No RecursionError: the pure parser is iterative and the builder stops at the cap."""
    run = _in_subprocess_parse(text)
    assert run.exit_code == 2, run.stderr
    assert len(run.problems) == 1 and run.problems[0].startswith(f"f.yaml:{where}: "), run.problems
    assert fragment in run.problems[0]


def _in_subprocess_parse(text: str) -> Run:
    """Parse ``text`` (given on stdin) with the pure-Python loader under the same limits."""
    program = (
        "import sys\n"
        "from devocheck.errors import InputError\n"
        "from devocheck.load.loader import parse\n"
        "from devocheck.model import LoaderKind\n"
        "try:\n"
        "    parse(sys.stdin.read(), 'f.yaml', loader=LoaderKind.PURE)\n"
        "except InputError as exc:\n"
        "    print(exc)\n"
        "    sys.exit(2)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program],
        input=text,
        capture_output=True,
        text=True,
        preexec_fn=_limit_resources,
        timeout=120,
        check=False,
    )
    return Run(done.returncode, done.stdout.splitlines(), done.stderr)


def test_version_names_the_yaml_parser() -> None:
    run = devocheck("--version")
    assert run.exit_code == 0
    assert re.fullmatch(
        r"devocheck \S+ \(PyYAML \S+ with (the libyaml C|its pure-Python) parser.*\)", run.problems[0]
    )
