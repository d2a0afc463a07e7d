"""Every format module meets ``Renderer``, and each optional hook it has meets its ``Protocol``.

``mypy --strict`` checks the assignments (tests/test_public_api.py runs it); the test suite
checks that these tables list every format and every hook (tests/test_render_formats.py).
"""

from __future__ import annotations

from devocheck.render import (
    Piecewise,
    Renderer,
    Streaming,
    csv,
    github,
    html,
    json,
    junit,
    markdown,
    rich,
    sarif,
)

FORMATS: dict[str, Renderer] = {
    "csv": csv,
    "github": github,
    "html": html,
    "json": json,
    "junit": junit,
    "markdown": markdown,
    "rich": rich,
    "sarif": sarif,
}
STREAMING: dict[str, Streaming] = {"github": github, "json": json, "rich": rich}
PIECEWISE: dict[str, Piecewise] = {"json": json, "rich": rich}
