"""Score stage: a valid ``Document`` and a compiled rubric -> a ``Report``, and what follows from one.

* ``scoring``: criterion levels, theme and overall scores, bands, gates, waivers, the plan;
* ``report``: the frozen report records every renderer reads;
* ``codec``: a report as its canonical dict (the JSON report, diffs, baselines) and back;
* ``policy``: the thresholds a run holds reports to;
* ``cases``: a rubric's unit tests (snippets and the levels they must score), run;
* ``diff``: what changed between two reports (two drafts, or a baseline and a new run);
* ``robustness``: how far a score, band and rank move when the rubric's weights move.

Reads every earlier stage; imports nothing from render.
"""
