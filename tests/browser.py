"""Open HTML reports in Debian's Chromium as a reader would: phone, desktop and printed A4.

Shared by ``tests/test_browser.py`` and ``python3 dev.py screenshots`` (which runs
``python -m tests.browser docs``). Playwright drives the system Chromium (``/usr/bin/chromium``
or ``$DEVOCHECK_CHROMIUM``): no browser is ever downloaded. axe-core comes from the
``axe-playwright-python`` wheel, which ships ``axe.min.js``; it is injected into the page as an
inline script, so the page still makes no request of its own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from devocheck.pipeline import assess, outcome
from devocheck.render import render
from devocheck.score.report import FileResult

REPO = Path(__file__).resolve().parents[1]

#: Printable width of an A4 page with the report's margins (210 mm - 2 x 12 mm) in CSS px.
A4_CONTENT_PX = round((210 - 24) / 25.4 * 96)
PHONE, NARROW, DESKTOP = 375, 320, 1280
#: Height of a batch's screenshots, CSS px (the whole page would be megabytes).
BATCH_SHOT_PX = 2400
#: axe-core rule tags: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

#: The smallest chart text a reader gets: CSS px on screen, and 9 pt (12 px) printed.
MIN_CHART_TEXT_SCREEN, MIN_CHART_TEXT_PRINT = 11.0, 12.0

#: Font size as drawn (the computed size times the SVG's scale) of every text in the radar
#: charts. (The robustness charts of ``--robustness`` are not yet held to this: see README.)
CHART_TEXT_SIZES = """() => [...document.querySelectorAll('svg.radar text')].map(
  t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""

#: The text of every ``@page`` rule (its margin boxes included), as Chromium parsed it.
PAGE_RULES = """() => [...document.styleSheets].flatMap(s => [...s.cssRules])
  .filter(r => r instanceof CSSPageRule).map(r => r.cssText)"""

#: The batch every check and screenshot uses: three examples and a file that cannot be assessed.
BATCH = (
    "examples/hartmoor-severn.yaml",
    "examples/marrowdale.yaml",
    "examples/fenwold.yaml",
    "tests/golden/inputs/invalid.yaml",
)

#: A long unbroken word, as a careless paste or a hostile file might hold.
LONG_WORD = "Supercalifragilistic" * 10
HOSTILE = {
    "Marrowdale Mayoral Combined Authority": f"<script>alert('name')</script>{LONG_WORD}",
    "Marrow Bridge": '<img src=x onerror="alert(1)">Marrow Bridge',
    "name: Marrowdale Fire and Rescue Service": f"name: '{LONG_WORD}'",
}


def chromium() -> str | None:
    """The system Chromium to drive, or None when there is none."""
    return os.environ.get("DEVOCHECK_CHROMIUM") or shutil.which("chromium")


def axe_source() -> str:
    """axe-core's ``axe.min.js`` as shipped in the axe-playwright-python wheel."""
    return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def hostile_file(directory: Path) -> Path:
    """Marrowdale with script tags, an event handler and 200-character words in its names."""
    text = (REPO / "examples" / "marrowdale.yaml").read_text(encoding="utf-8")
    for old, new in HOSTILE.items():
        assert old in text, f"the hostile example expects {old!r} in examples/marrowdale.yaml"
        text = text.replace(old, new)
    path = directory / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def diff_file(directory: Path) -> Path:
    """``devocheck diff --format html``: North Shire against a draft where one level drops, one rises."""
    from devocheck.render._diff import html
    from devocheck.score.diff import diff_reports

    text = (REPO / "examples" / "north-shire.yaml").read_text(encoding="utf-8")
    draft = directory / "north-shire-draft.yaml"
    draft.write_text(
        text.replace("joint_training: true", "joint_training: false").replace(
            "central_sponsor: false", "central_sponsor: true"
        ),
        encoding="utf-8",
    )
    path = directory / "diff.html"
    path.write_text(html(diff_reports(assess("examples/north-shire.yaml"), assess(draft))), encoding="utf-8")
    return path


def page_file(directory: Path, name: str, inputs: Sequence[str | Path], *, robustness: bool = False) -> Path:
    """Render ``inputs`` as one HTML file in ``directory`` (run from the repository: paths show as given).

    ``robustness`` adds what ``assess --robustness`` adds (default draws, seed and spread).
    """
    outcomes: list[FileResult] = [outcome(path) for path in inputs]
    if robustness:
        from devocheck.rubric.model import load_rubric
        from devocheck.score.robustness import Settings, with_robustness

        outcomes = list(with_robustness(outcomes, load_rubric("ifg-2015"), Settings()))
    path = directory / f"{name}.html"
    path.write_text(render(outcomes, "html"), encoding="utf-8")
    return path


@dataclass
class Visit:
    """What one page did while open: requests, console errors, dialogs."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


class Browser:
    """One Chromium for many pages (starting it is the slow part)."""

    def __init__(self, playwright: Any, executable: str) -> None:
        self.browser = playwright.chromium.launch(executable_path=executable)

    @contextmanager
    def open(self, path: Path, width: int, *, print_media: bool = False) -> Iterator[tuple[Any, Visit]]:
        """``path`` loaded at ``width`` CSS px (screen or print media), with what it did recorded."""
        page = self.browser.new_page(viewport={"width": width, "height": 900})
        visit = Visit()
        page.on("request", lambda request: visit.requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and visit.errors.append(message.text))
        page.on("pageerror", lambda error: visit.errors.append(str(error)))

        def dialog(d: Any) -> None:
            visit.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        if print_media:
            page.emulate_media(media="print")
        page.goto(path.as_uri())
        try:
            yield page, visit
        finally:
            page.close()

    def close(self) -> None:
        self.browser.close()


@contextmanager
def browser() -> Iterator[Browser]:
    """A running system Chromium; ``RuntimeError`` when there is none."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    if executable is None:
        raise RuntimeError("no chromium on PATH (apt-get install chromium) and DEVOCHECK_CHROMIUM unset")
    with sync_playwright() as playwright:
        running = Browser(playwright, executable)
        try:
            yield running
        finally:
            running.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA violations on ``page`` as it is laid out now.

    axe is injected once per page; asking only for violations skips collecting the passes.
    """
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return list(result["violations"])


def show(page: Any, mode: str) -> int:
    """Lay ``page`` out as ``mode`` (``375px``, ``1280px`` or ``print``: A4's printable width); its width."""
    printing = mode == "print"
    width = A4_CONTENT_PX if printing else int(mode.removesuffix("px"))
    page.emulate_media(media="print" if printing else "screen")
    page.set_viewport_size({"width": width, "height": 900})
    return width


def scroll_width(page: Any) -> int:
    return int(page.evaluate("document.scrollingElement.scrollWidth"))


def screenshots(out: Path) -> list[Path]:
    """Screenshots of one report and one batch (``--robustness``) at 375 and 1280 px, and their A4 pages.

    Needs ``pdftoppm`` (Debian's poppler-utils) for the printed pages.
    """
    import tempfile

    written: list[Path] = []
    with tempfile.TemporaryDirectory() as temp, browser() as chrome:
        work = Path(temp)
        pages = {
            "report": page_file(work, "report", ["examples/north-shire.yaml"]),
            "batch": page_file(work, "batch", BATCH, robustness=True),
        }
        for name, path in pages.items():
            for width in (PHONE, DESKTOP):
                with chrome.open(path, width) as (page, _):
                    target = out / f"{name}-{width}px.png"
                    # a batch runs to many screens: its overview and first place show the layout
                    height = min(page.evaluate("document.scrollingElement.scrollHeight"), BATCH_SHOT_PX)
                    clip = {"x": 0, "y": 0, "width": width, "height": height} if name == "batch" else None
                    page.screenshot(path=str(target), full_page=True, clip=clip)
                    written.append(target)
            with chrome.open(path, DESKTOP, print_media=True) as (page, _):
                pdf = work / f"{name}.pdf"
                page.pdf(path=str(pdf), prefer_css_page_size=True)
            for old in out.glob(f"{name}-a4-*.png"):
                old.unlink()
            subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out / f"{name}-a4")], check=True)
            written.extend(sorted(out.glob(f"{name}-a4-*.png")))
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs") / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    for written in screenshots(target):
        print(written.relative_to(REPO) if written.is_relative_to(REPO) else written)
