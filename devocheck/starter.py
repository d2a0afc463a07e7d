"""The text of a starter locality file, as ``devocheck init`` writes it. Pure: no I/O.

The starter is meant to be edited, so it is a commented template rather than a dump of
data: every section is present (empty lists and ``false`` flags: "nothing yet"), each list
shows a commented example entry using every field, and the first line is the
yaml-language-server modeline so editors complete and check keys as the officer types.
It validates exactly as written (the test suite checks every ``--kind``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from devocheck.schemas import load_schema

#: The schema file ``devocheck init`` writes beside the locality, and the modeline names: a
#: path relative to the YAML file, which editors (yaml-language-server) read offline.
SCHEMA_FILE = "locality.v1.schema.json"

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
GSS_CODE = re.compile(r"^[ENSW][0-9]{8}$")
_NATIONS = {"E": "england", "S": "scotland", "W": "wales", "N": "northern_ireland"}


def _enum(section: str, name: str) -> tuple[str, ...]:
    """The allowed values of a field of ``locality`` or of a ``partners`` entry, from the schema."""
    node = load_schema("locality")["properties"][section]
    return tuple(node.get("items", node)["properties"][name]["enum"])


def kinds() -> tuple[str, ...]:
    """Every ``locality.kind`` the format allows, read from the shipped schema."""
    return _enum("locality", "kind")


def slug(text: str, fallback: str = "my-locality") -> str:
    """An id for the format (``^[a-z0-9][a-z0-9-]{0,62}$``) made from a name: ``Ynys Môn`` -> ``ynys-mon``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    made = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")[:63].rstrip("-")
    return made or fallback


@dataclass(frozen=True, slots=True)
class Starter:
    """What the officer told ``init``; everything else is a placeholder to edit."""

    name: str
    id: str
    kind: str | None = None
    constituents: tuple[str, ...] = ()


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _nation(codes: Sequence[str]) -> str | None:
    """The nation every code's first letter names, when they agree."""
    nations = {_NATIONS[code[0]] for code in codes}
    return nations.pop() if len(nations) == 1 else None


def _locality_block(starter: Starter) -> list[str]:
    nation = _nation(starter.constituents)
    lines = [
        "locality:",
        f"  id: {starter.id}    # slug: lowercase letters, digits, hyphens",
        f"  name: {_quoted(starter.name)}",
        "  # kind: " + " | ".join(kinds()),
        f"  kind: {starter.kind}" if starter.kind else "  # kind: other",
        "  # nation: " + " | ".join(_enum("locality", "nation")),
        f"  nation: {nation}" if nation else "  # nation: england",
        "  # the councils whose areas make up the devolution footprint (ONS GSS codes)",
    ]
    if not starter.constituents:
        return [
            *lines,
            "  # constituents:",
            '  #   - {code: E08000901, name: "Alderton", population: 310000}',
        ]
    return [
        *lines,
        "  constituents:    # put each council's real name; population is optional",
        *(f"    - {{code: {code}, name: {_quoted('Council ' + code)}}}" for code in starter.constituents),
    ]


def _partners_block(starter: Starter) -> list[str]:
    covers = f"[{', '.join(starter.constituents)}]" if starter.constituents else None
    lines = [
        "# The organisations in the partnership, the devolved body itself included. `core: true` when",
        "# the joined-up offer depends on the partner; `covers` lists the area codes of its own footprint.",
        "partners:",
        f"  - id: {starter.id}",
        f"    name: {_quoted(starter.name)}",
        "    sector: local_government    # " + " | ".join(_enum("partners", "sector")),
        "    core: true",
    ]
    lines.append(f"    covers: {covers}" if covers else "    # covers: [E08000901, E08000902]")
    lines.append(
        "  # - {id: icb, name: NHS Integrated Care Board, sector: health, core: true, covers: [E08000901]}"
    )
    return lines


_SECTIONS = """\
# What the partners have agreed to achieve together, and for whom.
goals:
  # last_reviewed: "2026-06-30"   # when the partners last reviewed the outcomes together
  outcomes: []
  # outcomes:
  #   - id: healthy-working-lives
  #     statement: More residents with long-term health conditions in good work
  #     cohort: Working-age adults with long-term health conditions   # null when not stated
  #     measure: Employment rate of working-age adults with a long-term condition
  #     baseline: 58.2
  #     target: 65.0
  #     target_year: 2030
  #     priority: 1                  # 1 highest
  #     budget_aligned: true
  #     partners: [{self_id}]        # ids from `partners`

# Services commissioned together.
commissioning:
  arrangements: []
  # arrangements:
  #   - id: work-and-health
  #     name: Work and Health Programme
  #     partners: [{self_id}]
  #     budget: {{type: pooled, amount_gbp: 24000000}}   # pooled | aligned | separate; whole pounds
  #     outcomes: [healthy-working-lives]               # ids from goals.outcomes
  #     outcomes_based: true
  #     term_years: 3
  #     includes_vcse: true                             # voluntary and community providers take part

# Where partners' staff work together under one roof.
co_location:
  sites: []
  # sites:
  #   - name: Community Hub
  #     areas: [E08000901]            # area codes the site serves
  #     partners: [{self_id}]
  #     services: [employment_support, housing_advice]
  #     shared_front_door: true
  #     integrated_team: true

# How partners share data about the people they serve.
data_sharing:
  ig_lead_named: false               # a named information-governance lead
  shared_identifiers: []             # nhs_number | uprn | ni_number | other
  linked_datasets: []
  agreements: []
  # agreements:
  #   - id: isa-work-health
  #     name: Work and health information-sharing agreement
  #     partners: [{self_id}]
  #     purpose: Identify and support residents with health-related barriers to work
  #     # lawful_basis: consent | contract | legal_obligation | vital_interests | public_task
  #     #   | legitimate_interests (the UK GDPR Article 6 basis)
  #     lawful_basis: public_task
  #     dpia_completed: true
  #     signed: "2024-03-01"
  #     review_due: "2027-03-01"

# The powers the deal moves, and between which levels
# (central | regional | combined_authority | local_authority | neighbourhood).
powers: []
# powers:
#   - {{id: adult-skills, domain: skills, from: central, to: combined_authority,
#      funded: true, funding_gbp: 92000000}}
#   - {{id: housing-advice, domain: housing, from: local_authority, to: combined_authority,
#      funded: false, local_delivery: true}}    # delivered and joined up locally

funding:
  settlement_years: 0                # length of the longest committed multi-year settlement
  single_pot: false                  # one flexible pot rather than ring-fenced streams

learning:
  evaluation_plan: false
  shares_learning: false
  frontline_involvement: false
  joint_training: false
  central_sponsor: false

# Criteria set aside on purpose (`devocheck explain` lists their ids).
waivers: []
# waivers:
#   - criterion: co-location.coverage
#     reason: Second hub opens in spring 2027
#     expires: "2027-06-30"          # the last day it applies; for ever when absent
"""


def starter_text(starter: Starter) -> str:
    """The starter locality file for ``starter``: commented YAML that validates as written."""
    header = [
        f"# yaml-language-server: $schema=./{SCHEMA_FILE}",
        "# A devocheck locality file (format v1), started by `devocheck init`. Fill in what you know,",
        "# then run `devocheck validate FILE` and `devocheck assess FILE`.",
        "#",
        "# Every section below starts empty: the file says the place has none of it yet. If you cannot",
        "# speak for a section, delete it instead: its criteria then show as no-evidence rather than",
        "# unmet. Keys that begin x- are yours: kept, never read. Reference: docs/locality-format.md;",
        f"# the editor completion comes from {SCHEMA_FILE} beside this file (`devocheck schema locality`).",
        "schema_version: 1",
        '# assessment_date: "2026-11-01"   # the day the assessment speaks for; today when absent',
        "",
    ]
    body = [*_locality_block(starter), "", *_partners_block(starter), ""]
    return "\n".join(header + body) + "\n" + _SECTIONS.format(self_id=starter.id)


__all__ = ["GSS_CODE", "SCHEMA_FILE", "Starter", "kinds", "slug", "starter_text"]
