"""Many files: parallel workers give the same bytes as one process, and results stream."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from devocheck import batch
from devocheck.batch import worker_count
from devocheck.pipeline import outcome
from devocheck.render import RenderOptions, renderer
from devocheck.score.report import FileResult
from tests.conftest import EXAMPLES, REPO, Runner

INVALID = REPO / "tests" / "golden" / "inputs" / "invalid.yaml"


def _pid(_: int) -> int:
    return os.getpid()


def _square(number: int) -> int:
    return number * number


def test_ordered_map_keeps_input_order_across_processes() -> None:
    items = list(range(batch._CHUNK * 5 + 3))
    assert list(batch.ordered_map(_square, items, jobs=2)) == [n * n for n in items]


def test_more_items_than_a_chunk_really_use_worker_processes() -> None:
    pids = set(batch.ordered_map(_pid, list(range(batch._CHUNK * 4)), jobs=2))
    assert os.getpid() not in pids


def test_one_job_or_one_chunk_stays_in_this_process() -> None:
    assert set(batch.ordered_map(_pid, list(range(batch._CHUNK * 2)), jobs=1)) == {os.getpid()}
    assert set(batch.ordered_map(_pid, list(range(batch._CHUNK)), jobs=4)) == {os.getpid()}


@pytest.fixture(scope="module")
def mixed_directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Forty files, good and bad interleaved, more than two chunks' worth."""
    folder = tmp_path_factory.mktemp("region")
    sources = [*sorted(EXAMPLES.glob("*.yaml")), INVALID]
    for index in range(40):
        source = sources[index % len(sources)]
        shutil.copy(source, folder / f"{index:02d}-{source.name}")
    (folder / "07-broken.yaml").write_text("locality: [unclosed\n", encoding="utf-8")
    assert len(list(folder.glob("*.yaml"))) > 2 * batch._CHUNK
    return folder


@pytest.mark.parametrize("fmt", ["json", "rich", "github", "csv"])
def test_jobs_2_gives_the_bytes_of_jobs_1(
    cli: Runner, mixed_directory: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(mixed_directory)
    one = cli("assess", ".", "--format", fmt, "--jobs", "1", "--width", "100")
    two = cli("assess", ".", "--format", fmt, "--jobs", "2", "--width", "100")
    assert one.exit_code == two.exit_code == 2  # bad files are in the mix
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert "devocheck: 41 files: 32 assessed, 9 invalid, 0 below threshold" in one.stderr


def _outcomes() -> list[FileResult]:
    return [outcome(path, rubric="ifg-2015") for path in (*sorted(EXAMPLES.glob("*.yaml")), INVALID)]


@pytest.mark.parametrize("fmt", ["json", "rich", "github"])
@pytest.mark.parametrize("count", [0, 1, 2, 5])
def test_stream_gives_the_text_of_render(fmt: str, count: int) -> None:
    module = renderer(fmt)
    items = _outcomes()[:count]
    options = RenderOptions(width=100)
    assert "".join(module.stream(iter(items), options)) == module.render(items, options)  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", ["json", "rich", "github"])
def test_stream_renders_each_outcome_before_the_next_is_pulled(fmt: str) -> None:
    """What keeps memory flat: the renderer holds at most one outcome ahead of its output."""
    items = _outcomes()
    pulled: list[int] = []

    def source() -> Iterator[FileResult]:
        for index, item in enumerate(items):
            pulled.append(index)
            yield item

    chunks = renderer(fmt).stream(source(), RenderOptions(width=100))  # type: ignore[attr-defined]
    for produced in range(1, 4):
        next(chunks)
        assert len(pulled) <= produced + 1


@pytest.mark.parametrize(
    ("asked", "cpus", "workers"),
    [(None, 2, 2), (1, 2, 1), (2, 2, 2), (3, 2, 2), (64, 2, 2), (64, 1, 1), (None, 1, 1)],
)
def test_workers_are_at_most_one_per_cpu(asked: int | None, cpus: int, workers: int) -> None:
    assert worker_count(asked, cpus) == workers
