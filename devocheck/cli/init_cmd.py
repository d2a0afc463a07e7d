"""``devocheck init``: write a commented starter locality file to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from devocheck.cli.app import ExitCode, app

DEFAULT_FILE = "locality.yaml"


def _codes(text: str | None) -> tuple[str, ...]:
    """``E08000901,E08000902`` as codes, refusing anything that is not a GSS code."""
    from devocheck.starter import GSS_CODE

    if not text:
        return ()
    codes = tuple(dict.fromkeys(code.strip().upper() for code in text.split(",") if code.strip()))
    bad = [code for code in codes if not GSS_CODE.match(code)]
    if bad:
        raise typer.BadParameter(
            f"{', '.join(bad)}: not an ONS GSS area code (E, N, S or W and eight digits, e.g. E08000003)"
        )
    return codes


def _kind(text: str) -> str:
    from devocheck.starter import kinds

    if text not in kinds():
        raise typer.BadParameter(f"'{text}' is not a kind; choose from: {', '.join(kinds())}")
    return text


def _complete_kind(incomplete: str) -> list[str]:
    from devocheck.starter import kinds

    return [kind for kind in kinds() if kind.startswith(incomplete)]


@app.command()
def init(
    path: Annotated[
        Path,
        typer.Argument(help=f"File to write, or a directory to write {DEFAULT_FILE} in.", show_default=True),
    ] = Path(DEFAULT_FILE),
    name: Annotated[
        str | None, typer.Option("--name", "-n", help="The locality's name (its id is made from it).")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            parser=_kind,
            autocompletion=_complete_kind,
            help="What kind of body holds the powers, e.g. mayoral_combined_authority "
            "(tab completes; a wrong one lists every kind).",
        ),
    ] = None,
    constituents: Annotated[
        str | None,
        typer.Option(
            "--constituents",
            "-c",
            metavar="CODE,...",
            help="The constituent councils' ONS GSS codes, comma-separated.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the file if it exists.")] = False,
) -> None:
    """Write a commented starter locality file that validates as written, ready to fill in.

    Its modeline names locality.v1.schema.json, written beside it, so editors complete offline.

    Example: devocheck init north-shire.yaml --name "North Shire" --kind combined_authority -c E08000901
    """
    from devocheck.cli.output import write_atomically
    from devocheck.starter import SCHEMA_FILE, Starter, slug, starter_text

    codes = _codes(constituents)
    target = path / DEFAULT_FILE if path.is_dir() else path
    if name is not None and not name.strip():
        raise typer.BadParameter("the name must not be blank", param_hint="--name")
    if (target.exists() or target.is_symlink()) and not force:
        typer.echo(f"{target}: already exists; not overwritten (use --force to replace it)", err=True)
        raise typer.Exit(ExitCode.INPUT)
    locality_name = (name or target.stem.replace("-", " ").replace("_", " ").title()).strip()
    starter = Starter(locality_name, slug(name or target.stem), kind, codes)
    write_atomically(target, [starter_text(starter)])
    typer.echo(f"wrote {target}; next: devocheck validate {target}", err=True)
    _write_schema(target.parent / SCHEMA_FILE)


def _write_schema(path: Path) -> None:
    """The locality schema beside the file, for the modeline to name: written when absent, left
    alone (and said) when a different one is there (an older version, or the user's own)."""
    from devocheck.cli.output import write_atomically
    from devocheck.schemas import schema_text

    text = schema_text("locality")
    if path.is_file():
        if path.read_text(encoding="utf-8", errors="replace") != text:
            typer.echo(f"{path}: kept as it is (it differs from devocheck's locality schema)", err=True)
        return
    write_atomically(path, [text])
