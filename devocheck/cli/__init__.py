"""Command-line interface: a thin layer over the library.

``main`` is the console-script entry point: it turns ``DevocheckError`` into
``file:line:col: message`` lines with exit 2, and any other exception into a one-line
"internal error" (exit 3) whose details appear only under ``--debug``.
"""

from __future__ import annotations

import sys

from devocheck.cli import (  # noqa: F401  (registers the commands)
    assess_cmd,
    diff_cmd,
    explain_cmd,
    init_cmd,
    rubric_cmd,
    schema_cmd,
    validate_cmd,
)
from devocheck.cli.app import ExitCode, app

#: Options of the whole program, accepted before or after the command's name.
GLOBAL_FLAGS = ("--debug",)


def global_first(args: list[str]) -> list[str]:
    """``args`` with global flags moved before the command (``assess x --debug`` works too);
    nothing after a ``--`` separator is moved."""
    end = args.index("--") if "--" in args else len(args)
    moved = [arg for arg in args[:end] if arg in GLOBAL_FLAGS]
    return [*moved, *(arg for arg in args[:end] if arg not in GLOBAL_FLAGS), *args[end:]]


def _never_fail_on_encoding() -> None:
    """Text the terminal's encoding cannot show becomes ``?`` (stdout) or an escape (stderr),
    never an encoding error: a cp1252 console gets a report, not exit 3."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=errors)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI with ``argv`` (default: ``sys.argv[1:]``) and exit."""
    from devocheck.errors import DevocheckError

    args = global_first(sys.argv[1:] if argv is None else argv)
    _never_fail_on_encoding()
    try:
        app(args=args, prog_name="devocheck")
    except DevocheckError as exc:
        for diagnostic in exc.diagnostics:
            print(str(diagnostic), file=sys.stderr)
        sys.exit(ExitCode.INPUT)
    except KeyboardInterrupt:
        print("devocheck: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        print(f"devocheck: internal error, please report it: {type(exc).__name__}: {exc}", file=sys.stderr)
        if "--debug" in args:
            import traceback

            traceback.print_exc()
        else:
            print("devocheck: rerun with --debug for details", file=sys.stderr)
        sys.exit(ExitCode.INTERNAL)


__all__ = ["GLOBAL_FLAGS", "ExitCode", "app", "global_first", "main"]
