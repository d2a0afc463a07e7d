"""``devocheck validate --fix``: rewrite the mechanical slips of a locality file in place.

Only corrections that cannot change what the file means are applied (``Diagnostic.fix``: an
invisible character, a typographic quote or dash in a date or an id, a thousands separator,
a date written ``2026-9-1``); each is applied only where its old text is found exactly at its
position. The file is rewritten atomically, byte for byte the same elsewhere (comments,
layout, line endings and a leading byte-order mark are kept), and each change is printed.
"""

from __future__ import annotations

import codecs
from collections.abc import Collection
from pathlib import Path

import typer

from devocheck.errors import InputError
from devocheck.load.limits import Limits
from devocheck.load.loader import decode, parse, read_bytes
from devocheck.load.office import apply_fixes, shown
from devocheck.model import Fix
from devocheck.validate.locality import validate_document

#: Fixing one slip may uncover another (a no-break space hid the line after it): a few rounds.
ROUNDS = 5


def _fixes(text: str, name: str, criterion_ids: Collection[str], limits: Limits) -> list[Fix]:
    try:
        document = parse(text, name, limits=limits)
    except InputError as exc:
        return [d.fix for d in exc.diagnostics if d.fix is not None]
    result = validate_document(document, criterion_ids)
    return [d.fix for d in result.diagnostics if d.fix is not None]


def fix_file(path: Path, criterion_ids: Collection[str], limits: Limits) -> None:
    """Apply every mechanical fix to ``path`` and print each; unreadable files are left to validate."""
    name = str(path)
    try:
        raw = read_bytes(path, limits)
        text = decode(raw, name)
    except InputError:
        return
    changed = text
    applied: list[Fix] = []
    for _ in range(ROUNDS):
        changed, done = apply_fixes(changed, _fixes(changed, name, criterion_ids, limits))
        if not done:
            break
        applied.extend(done)
    if changed == text:
        return
    from devocheck.cli.output import write_atomically

    bom = codecs.BOM_UTF8.decode("utf-8") if raw.startswith(codecs.BOM_UTF8) else ""
    write_atomically(path.resolve(), [bom + changed])
    for fix in applied:
        where = f"{name}:{fix.position.line}:{fix.position.column}"
        typer.echo(f"{where}: fixed: {shown(fix.old)} -> {shown(fix.new)}", err=True)
