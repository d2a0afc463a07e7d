"""Load stage: a YAML file -> ``Document``, plain data with every key's and value's position.

* ``loader``: reads libyaml's event stream into plain data, refusing what would lose or change
  what the user wrote (duplicate keys, anchors, aliases, custom tags) and reading scalars by
  YAML 1.2;
* ``positions``: the line and column of every key and value, looked up by key path;
* ``limits``: the size, depth and problem caps an untrusted file is held to;
* ``office``: the characters and habits of office software (no-break spaces, typographic
  quotes and dashes, tabs), named where they were written;
* ``dates``: the one date rule, for quoted and unquoted dates alike.

The first stage: it imports nothing from the later ones (validate, measure, rubric, score, render).
"""
