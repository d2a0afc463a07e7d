"""Validate stage: a loaded ``Document`` -> positioned diagnostics (``file:line:col``, with hints).

* ``locality``: the locality JSON Schema (Draft 2020-12), with ``validate_document`` and
  ``validate_file``; a failing file's schema errors become plain-worded diagnostics;
* ``fastcheck``: the same schema compiled once per process into a yes/no check for valid files;
* ``semantics``: the cross-reference rules a schema cannot state.

Reads only the load stage; imports nothing from measure, rubric, score or render.
"""
