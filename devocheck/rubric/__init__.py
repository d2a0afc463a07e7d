"""Rubrics as data: what is scored, how each level is decided, and the bands.

* ``catalog``: where rubrics are (the built-in ones by id, or a file the user names);
* ``ids``: a rubric's criterion ids, read without compiling a built-in rubric (for ``validate``);
* ``model``: the rubric records (themes, criteria, levels, bands), checked against the
  meta-schema and compiled once per process;
* ``conditions``: the level conditions a rubric writes as data, compiled to checks over metrics.

Reads the load, validate and measure stages; imports nothing from score or render.
"""

#: The rubric used when none is named (the CLI's ``--rubric`` default and the library's).
DEFAULT_RUBRIC = "ifg-2015"
