"""Plain-English labels for every coded value a person reads (not a format: leading underscore).

ONE table, used by every human format (rich, markdown, html): a locality's kind and nation, a
partner's sector, a footprint class, a power's domain and levels of government, a band, a
criterion status, a diagnostic's severity. Machine formats (json, sarif, junit, csv, github)
keep the codes. A code the table does not know (a band a custom rubric names, a value a newer
format allows) reads as its words: ``not-ready`` -> ``Not ready``, never as a raw identifier.
"""

from __future__ import annotations

from collections.abc import Mapping

#: Field -> code -> label, in sentence case (as it starts a table cell).
LABELS: Mapping[str, Mapping[str, str]] = {
    "kind": {
        "combined_authority": "Combined authority",
        "mayoral_combined_authority": "Mayoral combined authority",
        "combined_county_authority": "Combined county authority",
        "county_council": "County council",
        "unitary_authority": "Unitary authority",
        "metropolitan_borough": "Metropolitan borough",
        "london_borough": "London borough",
        "greater_london_authority": "Greater London Authority",
        "other": "Other kind of authority",
    },
    "nation": {
        "england": "England",
        "scotland": "Scotland",
        "wales": "Wales",
        "northern_ireland": "Northern Ireland",
    },
    "sector": {
        "local_government": "Local government",
        "health": "Health",
        "police": "Police",
        "fire": "Fire and rescue",
        "employment": "Employment support",
        "housing": "Housing",
        "education": "Education",
        "probation": "Probation",
        "voluntary": "Voluntary and community",
        "private": "Private sector",
        "central_government": "Central government",
        "other": "Other",
    },
    "footprint": {
        "coterminous": "Coterminous (same area)",
        "larger": "Larger than the area",
        "split": "Split (covers part)",
        "outside": "Outside the area",
    },
    "domain": {
        "health": "Health",
        "social_care": "Social care",
        "public_health": "Public health",
        "employment_support": "Employment support",
        "housing": "Housing",
        "justice": "Justice",
        "children_and_families": "Children and families",
        "welfare": "Welfare",
        "skills": "Skills",
        "transport": "Transport",
        "planning": "Planning",
        "business_support": "Business support",
        "infrastructure": "Infrastructure",
        "energy": "Energy",
        "culture": "Culture",
        "trade_and_investment": "Trade and investment",
        "other": "Other",
    },
    "tier": {
        "central": "Central government",
        "regional": "Regional",
        "combined_authority": "Combined authority",
        "local_authority": "Local authority",
        "neighbourhood": "Neighbourhood",
    },
    "band": {
        "not-ready": "Not ready",
        "emerging": "Emerging",
        "maturing": "Maturing",
        "ready": "Ready",
    },
    "status": {
        "met": "Met",
        "partial": "Partly met",
        "unmet": "Not met",
        "no-evidence": "No evidence",
        "waived": "Waived",
    },
    "severity": {
        "error": "Error",
        "warning": "Warning",
    },
}

#: The symbol beside each status, so no format relies on colour alone.
STATUS_SYMBOL: Mapping[str, str] = {
    "met": "✔",
    "partial": "◐",
    "unmet": "✘",
    "no-evidence": "?",
    "waived": "○",
}


def label(field: str, code: str | None) -> str:
    """The label of ``code`` in ``field`` (a key of ``LABELS``); unknown codes read as words."""
    if code is None:
        return ""
    known = LABELS.get(field, {}).get(code)
    if known is not None:
        return known
    words = code.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def status_label(status: str) -> str:
    """Symbol and words for a criterion status: ``◐ Partly met``."""
    return f"{STATUS_SYMBOL.get(status, '•')} {label('status', status)}"


def kind_and_nation(kind: str | None, nation: str | None) -> str:
    """``Mayoral combined authority, England`` (either part may be missing)."""
    return ", ".join(part for part in (label("kind", kind), label("nation", nation)) if part)
