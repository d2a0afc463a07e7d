"""Rubrics as data: what is scored, how each level is decided, and the bands.

* ``catalog``: where rubrics are (the built-in ones by id, or a file the user names);
* ``model``: the rubric records (themes, criteria, levels, bands), checked against the
  meta-schema and compiled once per process;
* ``conditions``: the level conditions a rubric writes as data, compiled to checks over metrics;
* ``cases``: a rubric's level cases (a locality and the level each criterion must reach).

Reads the load, validate and measure stages; imports nothing from score or render.
"""
