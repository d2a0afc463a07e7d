"""The typer application, its global options and the documented exit codes.

Only the CLI imports typer; command modules import their heavy dependencies (PyYAML,
jsonschema, Jinja2) inside the command, so ``--version`` and ``--help`` stay fast.
"""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from devocheck import __version__


class ExitCode(enum.IntEnum):
    """What a run's exit status means, for CI."""

    OK = 0
    """Everything read was valid and met every threshold."""
    THRESHOLD = 1
    """A file was assessed but missed a threshold (score, band, gate, regression)."""
    INPUT = 2
    """Bad input or usage: a file could not be read, parsed or validated. Wins over 1."""
    INTERNAL = 3
    """A bug in devocheck (rerun with --debug for details and please report it)."""


EXIT_CODES_HELP = (
    "Exit codes: 0 all good; 1 a threshold was not met; 2 input or usage error (wins over 1); "
    "3 internal error (a bug: rerun with --debug)."
)

app = typer.Typer(
    name="devocheck",
    help="How ready is a place to make devolution work for the people it serves?\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"devocheck {__version__} ({_yaml_parser()})")
        raise typer.Exit()


def _yaml_parser() -> str:
    """Which YAML parser devocheck reads with, found without importing PyYAML.

    Importing PyYAML (``devocheck.load.loader.LOADER_KIND``) would cost ~25 ms of the
    ~100 ms start-up budget; its package folder says as much: libyaml is there when
    PyYAML's ``_yaml`` extension is.
    """
    import re
    from importlib.machinery import EXTENSION_SUFFIXES
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("yaml")
    if spec is None or spec.origin is None:
        return "PyYAML not installed"
    folder = Path(spec.origin).parent
    found = re.search(r"__version__\s*=\s*['\"]([^'\"]+)", Path(spec.origin).read_text(encoding="utf-8"))
    version = found.group(1) if found else "?"
    if any((folder / f"_yaml{suffix}").is_file() for suffix in EXTENSION_SUFFIXES):
        return f"PyYAML {version} with the libyaml C parser"
    return f"PyYAML {version} with its pure-Python parser (libyaml not found: slower)"


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show full details of internal errors.")] = False,
) -> None:
    """Global options (read by ``main``)."""
