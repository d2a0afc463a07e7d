"""Seeded generator of realistic locality files for the benchmark.

Every file it writes follows the locality format v1 and its semantic rules: ``devocheck
validate`` accepts them all. Sizes vary the way real deals do (2-12 constituents, up to 20
partners, up to 15 powers; about 12 KB on average). ``--partners N`` instead writes one
file with N partners and proportionally many outcomes, arrangements and sites, for the
single-large-file linearity check.

    python bench/generate.py OUT_DIR --count 1000 --seed 1
    python bench/generate.py OUT_DIR --partners 4000 --seed 1
"""

from __future__ import annotations

import argparse
import os
import random
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from devocheck.schemas import load_schema

PLACES = [
    "Alder",
    "Ash",
    "Beech",
    "Birch",
    "Bramble",
    "Brook",
    "Carrow",
    "Cedar",
    "Clay",
    "Cliff",
    "Dale",
    "Elm",
    "Fen",
    "Ford",
    "Glen",
    "Hazel",
    "Heath",
    "Holly",
    "Holm",
    "Kirk",
    "Lark",
    "Lea",
    "Marsh",
    "Mere",
    "Moor",
    "Oak",
    "Pike",
    "Rowan",
    "Rye",
    "Shaw",
    "Stour",
    "Thorn",
    "Vale",
    "Wold",
    "Wren",
    "Yew",
]
SUFFIXES = ("ton", "field", "bury", "ham", "ley", "wick", "stead", "by", "mouth", "ford", "worth", "dale")
REGIONS = ("North", "South", "East", "West", "Mid", "Greater", "Upper", "Lower")
KINDS = ("combined_authority", "mayoral_combined_authority", "combined_county_authority", "county_council")
SECTORS = [
    "local_government",
    "health",
    "police",
    "fire",
    "employment",
    "housing",
    "education",
    "probation",
    "voluntary",
    "private",
    "central_government",
    "other",
]
ORG_WORDS = {
    "local_government": "Council",
    "health": "NHS Integrated Care Board",
    "police": "Police",
    "fire": "Fire and Rescue Service",
    "employment": "Jobcentre Plus district",
    "housing": "Homes Partnership",
    "education": "College Group",
    "probation": "Probation Delivery Unit",
    "voluntary": "Voluntary Action",
    "private": "Chamber of Commerce",
    "central_government": "Cities and Local Growth Unit",
    "other": "Community Trust",
}
DOMAINS = load_schema("locality")["properties"]["powers"]["items"]["properties"]["domain"]["enum"]
LEVELS = ("central", "regional", "combined_authority", "local_authority", "neighbourhood")
COHORTS = (
    "Working-age adults with long-term health conditions",
    "Families with multiple and complex needs",
    "Young people not in education, employment or training",
    "Older people leaving hospital",
    "People sleeping rough or at risk of homelessness",
    "Adults with low skills in insecure work",
)
VERBS = ("More", "Fewer", "Faster", "Better", "Safer", "Healthier")
NOUNS = (
    "residents in good work",
    "families reaching crisis",
    "discharges from hospital to home",
    "young people in training",
    "nights slept rough",
    "homes meeting the decent standard",
    "journeys by public transport",
    "apprenticeships started",
)
SERVICES = [
    "employment_support",
    "social_care",
    "primary_care",
    "housing_advice",
    "debt_advice",
    "mental_health",
    "youth_services",
    "probation",
    "family_support",
    "skills_advice",
]
CRITERIA = [
    "co-location.coverage",
    "co-location.sites",
    "commissioning.horizon",
    "commissioning.joint",
    "data-sharing.agreements",
    "data-sharing.linkage",
    "funding.powers-funded",
    "funding.settlement",
    "geography.coterminosity",
    "geography.powers-placement",
    "goals.prioritisation",
    "goals.shared-outcomes",
    "service-reform.balance",
    "ways-of-working.central",
    "ways-of-working.frontline",
    "ways-of-working.learning",
]


def _slug(text: str) -> str:
    return "-".join(text.lower().replace(",", "").split())[:63].strip("-")


def _date(rng: random.Random, first_year: int, last_year: int) -> str:
    return f"{rng.randint(first_year, last_year)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _some(rng: random.Random, items: list[str], low: int, high: int) -> list[str]:
    return rng.sample(items, min(len(items), rng.randint(low, high)))


def locality(rng: random.Random, index: int, n_partners: int | None = None) -> dict[str, Any]:
    """One valid locality; ``n_partners`` overrides the realistic size range."""
    region = f"{rng.choice(REGIONS)} {rng.choice(PLACES)}{rng.choice(SUFFIXES)}"
    n_constituents = rng.randint(2, 12)
    first_code = rng.randint(1, 9_000_000)
    codes = [f"E{first_code + i:08d}" for i in range(n_constituents)]
    outside = [f"E{first_code + n_constituents + i:08d}" for i in range(3)]
    constituents = [
        {
            "code": code,
            "name": f"{rng.choice(PLACES)}{rng.choice(SUFFIXES)}",
            "population": rng.randint(8, 90) * 5000,
        }
        for code in codes
    ]
    partners: list[dict[str, Any]] = []
    count = rng.randint(3, 20) if n_partners is None else n_partners
    for number in range(count):
        sector = SECTORS[0] if number == 0 else rng.choice(SECTORS)
        name = f"{region} {ORG_WORDS[sector]}" + (f" {number}" if number else "")
        partner: dict[str, Any] = {"id": _slug(f"{name}")[:55].strip("-") + f"-{number}", "name": name}
        partner["sector"] = sector
        partner["core"] = rng.random() < 0.5
        partner["covers"] = _some(rng, codes + outside, 1, n_constituents + 1)
        partners.append(partner)
    partner_ids = [p["id"] for p in partners]
    scale = 1 if n_partners is None else max(1, n_partners // 100)
    outcomes = []
    for number in range(rng.randint(1, 12) * scale):
        statement = f"{rng.choice(VERBS)} {rng.choice(NOUNS)} in {region}"
        outcome: dict[str, Any] = {
            "id": f"{_slug(statement)[:50].strip('-')}-{number}",
            "statement": statement,
        }
        outcome["cohort"] = rng.choice(COHORTS)
        outcome["measure"] = rng.choice([None, f"Share of {rng.choice(NOUNS)} (per cent)"])
        if rng.random() < 0.7:
            baseline = round(rng.uniform(10, 80), 1)
            outcome.update(
                baseline=baseline, target=round(baseline * 1.1, 1), target_year=rng.randint(2026, 2035)
            )
        outcome["priority"] = rng.randint(1, 5)
        outcome["budget_aligned"] = rng.random() < 0.5
        outcome["partners"] = _some(rng, partner_ids, 1, 6)
        outcomes.append(outcome)
    outcome_ids = [o["id"] for o in outcomes]
    arrangements = []
    for number in range(rng.randint(0, 8) * scale):
        name = f"{rng.choice(NOUNS).capitalize()} programme {number + 1}"
        arrangement: dict[str, Any] = {"id": f"arr-{number}", "name": name}
        arrangement["partners"] = _some(rng, partner_ids, 1, 5)
        budget: dict[str, Any] = {"type": rng.choice(["pooled", "aligned", "separate"])}
        if rng.random() < 0.7:
            budget["amount_gbp"] = rng.randint(1, 400) * 100_000
        arrangement["budget"] = budget
        arrangement["outcomes"] = _some(rng, outcome_ids, 0, 3)
        arrangement["outcomes_based"] = rng.random() < 0.5
        arrangement["term_years"] = rng.randint(1, 10)
        arrangement["includes_vcse"] = rng.random() < 0.5
        arrangements.append(arrangement)
    sites = []
    for number in range(rng.randint(0, 8) * scale):
        site: dict[str, Any] = {
            "name": f"{rng.choice(PLACES)}{rng.choice(SUFFIXES)} Community Hub {number + 1}"
        }
        site["areas"] = _some(rng, codes, 1, 3)
        site["partners"] = _some(rng, partner_ids, 1, 6)
        site["services"] = _some(rng, SERVICES, 1, 5)
        site["shared_front_door"] = rng.random() < 0.5
        site["integrated_team"] = rng.random() < 0.5
        sites.append(site)
    agreements = []
    for number in range(rng.randint(0, 8) * scale):
        signed = _date(rng, 2015, 2025)
        agreement: dict[str, Any] = {
            "id": f"isa-{number}",
            "name": f"Information-sharing agreement {number + 1}",
        }
        agreement["partners"] = _some(rng, partner_ids, 2, 6)
        agreement["purpose"] = f"Support {rng.choice(COHORTS).lower()} across services"
        agreement["lawful_basis"] = rng.choice(
            ["public_task", "consent", "legal_obligation", "vital_interests"]
        )
        agreement["dpia_completed"] = rng.random() < 0.7
        agreement["signed"] = signed
        agreement["review_due"] = f"{int(signed[:4]) + rng.randint(1, 4)}{signed[4:]}"
        agreements.append(agreement)
    powers = []
    for number in range(rng.randint(0, 15) * scale):
        domain = rng.choice(DOMAINS)
        power: dict[str, Any] = {"id": f"{domain.replace('_', '-')}-{number}", "domain": domain}
        power["from"], power["to"] = rng.sample(LEVELS, 2)
        power["funded"] = rng.random() < 0.6
        if power["funded"] and rng.random() < 0.6:
            power["funding_gbp"] = rng.randint(1, 900) * 100_000
        powers.append(power)
    waivers = [
        {"criterion": criterion, "reason": f"Agreed with government on {_date(rng, 2024, 2026)}"}
        | ({"expires": _date(rng, 2026, 2029)} if rng.random() < 0.6 else {})
        for criterion in _some(rng, CRITERIA, 0, 2)
    ]
    return {
        "schema_version": 1,
        "assessment_date": _date(rng, 2025, 2026),
        "locality": {
            "id": f"{_slug(region)}-{index}",
            "name": f"{region} Combined Authority",
            "kind": rng.choice(KINDS),
            "nation": "england",
            "constituents": constituents,
        },
        "partners": partners,
        "goals": {"last_reviewed": _date(rng, 2022, 2026), "outcomes": outcomes},
        "commissioning": {"arrangements": arrangements},
        "co_location": {"sites": sites},
        "data_sharing": {
            "ig_lead_named": rng.random() < 0.7,
            "shared_identifiers": _some(rng, ["nhs_number", "uprn", "ni_number", "other"], 0, 3),
            "linked_datasets": _some(
                rng, ["troubled-families-linked-data", "hospital-episodes", "uc-claims"], 0, 2
            ),
            "agreements": agreements,
        },
        "powers": powers,
        "funding": {"settlement_years": rng.randint(0, 10), "single_pot": rng.random() < 0.4},
        "learning": {
            key: rng.random() < 0.5
            for key in (
                "evaluation_plan",
                "shares_learning",
                "frontline_involvement",
                "joint_training",
                "central_sponsor",
            )
        },
        "waivers": waivers,
    }


def write(data: dict[str, Any], path: Path) -> None:
    """Block style for the structure, flow style for short lists, as people write them."""
    text = yaml.dump(
        data, Dumper=yaml.CSafeDumper, sort_keys=False, default_flow_style=None, width=110, allow_unicode=True
    )
    path.write_text(f"# Generated by bench/generate.py: {path.stem}\n{text}", encoding="utf-8")


def _write_one(out: Path, seed: int, index: int) -> None:
    write(locality(random.Random(f"{seed}-{index}"), index), out / f"locality-{index:05d}.yaml")


def generate(out: Path, count: int, seed: int, jobs: int = 1) -> None:
    """Files ``locality-00000.yaml`` ... in ``out``; file i depends only on (seed, i), so a
    smaller set is a prefix of a larger one and the work splits across processes."""
    out.mkdir(parents=True, exist_ok=True)
    if jobs <= 1:
        for index in range(count):
            _write_one(out, seed, index)
        return
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(partial(_write_one, out, seed), range(count), chunksize=64))


def generate_large(out: Path, partners: int, seed: int) -> Path:
    """One file with ``partners`` partners (and lists in proportion)."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"large-{partners}.yaml"
    write(locality(random.Random(f"{seed}-large-{partners}"), 0, partners), path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--partners", type=int, help="write one large file with this many partners")
    args = parser.parse_args()
    if args.partners:
        generate_large(args.out, args.partners, args.seed)
    else:
        generate(args.out, args.count, args.seed, args.jobs)


if __name__ == "__main__":
    main()
