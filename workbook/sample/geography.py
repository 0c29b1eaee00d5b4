"""Where a coalition works: its Areas rows, at the levels real coalitions give.

Most name one to three counties; a few cover seven to ten; about a third name a
city or a school district, and then often the county it lies in as "Part of it";
now and then a coalition covers only part of a county without naming a city.
Areas come from the community's lists for each level; a level with no list gets
fictional towns and their school districts.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from .names import TOWNS

REGION, COUNTY, CITY, DISTRICT, NEIGHBOURHOOD = (
    "Region", "County", "City or town", "School district", "Neighbourhood or ZIP")
PART, ALL_OF_IT = "Part of it", "All of it"

COUNTY_COUNTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
COUNTY_WEIGHTS = (38, 22, 13, 8, 6, 5, 3, 2, 2, 1)  # a long tail: a few cover 7-10 counties
PART_NOTES = ("East of the river", "The county seat and nearby", "Rural townships only",
              "Where our school partners are")


@dataclass(frozen=True)
class Areas:
    """The areas a generated community's coalitions choose from, by level."""
    region: tuple[str, ...]
    counties: tuple[str, ...]
    cities: tuple[str, ...]
    districts: tuple[str, ...]
    neighbourhoods: tuple[str, ...]
    parent: dict[str, str]  # finer area -> the area it lies in

    @classmethod
    def of(cls, areas_by_level: dict[str, tuple[str, ...]], area_parent: dict[str, str]):
        cities = areas_by_level.get(CITY) or TOWNS[:8]
        districts = areas_by_level.get(DISTRICT) or tuple(
            f"{town} Independent Schools" for town in cities[:4])
        return cls(region=areas_by_level.get(REGION, ()),
                   counties=areas_by_level.get(COUNTY, ()),
                   cities=tuple(cities), districts=tuple(districts),
                   neighbourhoods=areas_by_level.get(NEIGHBOURHOOD, ()),
                   parent=dict(area_parent))


def area_rows(rng: random.Random, areas: Areas) -> list[dict]:
    """One coalition's Areas rows, widest first."""
    rows = []
    if areas.region and (not areas.counties or rng.random() < 0.12):
        rows.append(_row(REGION, rng.choice(areas.region)))
    counties = _counties(rng, areas)
    local = _local_areas(rng, areas) if rng.random() < 0.33 else []
    parents_named = {areas.parent.get(area) for _, area in local}
    if local and rng.random() < 0.5:
        counties = [c for c in counties if c in parents_named]  # a city coalition, no more
    for county in counties:
        partial = county in parents_named or rng.random() < 0.08
        rows.append(_row(COUNTY, county, PART if partial else None,
                         rng.choice(PART_NOTES) if partial and not local else None))
    rows += [_row(level, area) for level, area in local]
    if not rows:  # a community with no county list and no region: a town
        rows.append(_row(CITY, rng.choice(areas.cities)))
    return rows


def _counties(rng: random.Random, areas: Areas) -> list[str]:
    if not areas.counties:
        return []
    count = min(len(areas.counties), rng.choices(COUNTY_COUNTS, COUNTY_WEIGHTS)[0])
    return sorted(rng.sample(areas.counties, count), key=areas.counties.index)


def _local_areas(rng: random.Random, areas: Areas) -> list[tuple[str, str]]:
    level = rng.choice((CITY, CITY, DISTRICT) + ((NEIGHBOURHOOD,) if areas.neighbourhoods else ()))
    pool = {CITY: areas.cities, DISTRICT: areas.districts,
            NEIGHBOURHOOD: areas.neighbourhoods}[level]
    chosen = rng.sample(pool, min(len(pool), rng.choice((1, 1, 2, 3))))
    return [(level, area) for area in chosen]


def _row(level: str, area: str, coverage: str | None = None, notes: str | None = None) -> dict:
    row = {"level": level, "area": area}
    if coverage:
        row["coverage"] = coverage
    if notes:
        row["notes"] = notes
    return row


def place_words(rows: list[dict]) -> list[str]:
    """The areas' names, for naming the coalition after the place it serves."""
    return [row["area"] for row in rows]
