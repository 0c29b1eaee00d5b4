"""Who covers what: the one rule for places at several levels and for whole-list values.

Both dashboards ask "does this coalition work here?": dashboard 1 to count coalitions
per square of a coverage grid, dashboard 2 to find the places and populations two
coalitions share. They ask it here, so that a region-wide coalition or an "All ages"
one counts the same way on both pages.

**Places.** A coalition lists areas at several levels (region, county, city or town,
school district, neighbourhood or ZIP), each covered in whole or in part, and the
community says which area lies in which (``Community.area_parent``). Seen at a level
(``project``):

* an area at that level is itself, whole or part as given;
* a coarser area covered whole covers every area of that level inside it (a region
  covers everything); when no area of that level is known inside it, it stays itself,
  so two county-wide coalitions still meet at city level;
* a finer area covers *part* of the area of that level it lies in: a city coalition
  is never shown as covering all of its county;
* a coarser area covered only in part says nothing about the finer level.

Two coalitions are compared at the **finest level both report** (``pair_level``); with
no level in common, at county level, where every finer area can be placed. Two city
coalitions in one county thus share nothing, while a city coalition and a county-wide
one share that county (in part).

**Whole-list values.** "All ages" covers every population (``covering_rows``), the old
"Region-wide" is the region, and a region covers every area.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from .. import schema as S
from ..store import read_table
from .database import has_table

LEVELS: tuple[str, ...] = S.DEFAULT_VOCABULARIES["geography_levels"]  # coarse to fine
REGION, COUNTY = LEVELS[0], LEVELS[1]
# Coarse (0) to fine: region, county, then cities and school districts side by side (both
# lie in counties, not in each other), then neighbourhoods and ZIPs.
LEVEL_RANK: dict[str, int] = dict(zip(LEVELS, (0, 1, 2, 2, 3)))
FALLBACK_LEVEL = COUNTY  # where two coalitions reporting no level in common are compared

WHOLE, PART = S.DEFAULT_VOCABULARIES["area_coverages"]
REGION_WIDE = S.REGION_WIDE

# Lower-cased values that stand for every value of their list.
WHOLE_LIST_VALUES: dict[str, frozenset[str]] = {
    "population": frozenset({"all ages"}),
}


def level_label(level: str) -> str:
    """"County" -> "county level", for captions."""
    return f"{level.lower()} level"


def area_text(level: str, area: str, coverage: object = None) -> str:
    """An area as a page names it: "Easton (city or town, part)", "Bell County"."""
    said = [] if level in (REGION, COUNTY) else [level.lower()]
    if isinstance(coverage, str) and coverage.strip().casefold() == PART.casefold():
        said.append("part")
    return f"{area} ({', '.join(said)})" if said else str(area)


# --- whole-list values ---------------------------------------------------------------

def is_whole_list_value(dimension: str, value: object) -> bool:
    return str(value).strip().casefold() in WHOLE_LIST_VALUES.get(dimension, frozenset())


def whole_list_values(dimension: str, values: pd.Series) -> np.ndarray:
    """Bool per value: does it stand for every value of its list? (Each distinct value once.)"""
    if dimension not in WHOLE_LIST_VALUES:
        return np.zeros(len(values), dtype=bool)
    codes, distinct = pd.factorize(values.astype(object), use_na_sentinel=False)
    return np.array([is_whole_list_value(dimension, v) for v in distinct], dtype=bool)[codes]


def covering_rows(rows: pd.DataFrame, dimension: str, universe: Iterable[str]) -> pd.DataFrame:
    """*rows* (coalition_id, value, ...) with a whole-list value spread over *universe*.

    A coalition listing "All ages" gets one row per population of *universe* (whole-list
    values themselves left out), marked ``via_whole_list``; its other rows are kept.
    """
    whole = rows["value"].map(lambda v: is_whole_list_value(dimension, v))
    plain = rows[~whole].assign(via_whole_list=False)
    if not whole.any():
        return plain
    targets = [v for v in dict.fromkeys(universe) if not is_whole_list_value(dimension, v)]
    spread = (rows[whole].drop(columns="value").drop_duplicates("coalition_id")
              .merge(pd.DataFrame({"value": targets}), how="cross").assign(via_whole_list=True))
    combined = pd.concat([plain, spread], ignore_index=True)
    # A value both listed and implied is listed.
    return combined.sort_values("via_whole_list", kind="stable").drop_duplicates(
        ["coalition_id", "value"]).reset_index(drop=True)


# --- places ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Geography:
    """The community's areas by level and what lies in what, plus areas the checklists used."""
    areas_by_level: Mapping[str, tuple[str, ...]]
    parent: Mapping[str, str]

    @classmethod
    def of(cls, community, areas: pd.DataFrame | None = None) -> "Geography":
        """From a Community (its area lists and containment) and the areas rows loaded."""
        by_level = {level: tuple(values) for level, values in _community_levels(community).items()}
        if areas is not None and not areas.empty:
            for level, area in zip(areas["level"], areas["area"]):
                known = by_level.get(level, ())
                if area not in known:
                    by_level[level] = known + (area,)
        return cls(by_level, dict(getattr(community, "area_parent", {}) or {}))

    def level_of(self, area: str) -> str | None:
        for level, values in self.areas_by_level.items():
            if area in values:
                return level
        return None

    def chain(self, area: str) -> list[str]:
        """*area* and every area it lies in, finest first (a loop stops it)."""
        found = [area]
        while found[-1] in self.parent and self.parent[found[-1]] not in found:
            found.append(self.parent[found[-1]])
        return found

    def ancestor_at(self, area: str, level: str) -> str | None:
        """The area of *level* that *area* lies in, or None if the community does not say."""
        if level == REGION:
            regions = self.areas_by_level.get(REGION, ())
            return regions[0] if len(regions) == 1 else None
        for outer in self.chain(area)[1:]:
            if self.level_of(outer) == level:
                return outer
        return None

    def inside(self, area: str, level: str) -> list[str]:
        """Areas of *level* lying in *area* (every one of them for a region)."""
        candidates = self.areas_by_level.get(level, ())
        if self.level_of(area) == REGION or _is_region_wide(area):
            return list(candidates)
        return [c for c in candidates if area in self.chain(c)[1:]]


def _community_levels(community) -> dict[str, tuple[str, ...]]:
    by_level = getattr(community, "areas_by_level", None)
    if by_level:
        return dict(by_level)
    # A community read before areas had levels: its one list holds counties.
    old = tuple(community.vocabulary("geographies")) if community is not None else ()
    levels = {COUNTY: tuple(a for a in old if a != REGION_WIDE)}
    if REGION_WIDE in old:
        levels[REGION] = (REGION_WIDE,)
    return levels


def _is_region_wide(area: object) -> bool:
    return str(area).strip().casefold() == REGION_WIDE.casefold()


def normalised_areas(areas: pd.DataFrame) -> pd.DataFrame:
    """Areas rows with a known level and a whole flag: blank coverage means all of it."""
    frame = areas[["coalition_id", "level", "area", "coverage"]].copy()
    frame["area"] = frame["area"].astype(str).str.strip()
    frame.loc[frame["area"].map(_is_region_wide), "level"] = REGION
    frame["whole"] = frame["coverage"].fillna(WHOLE).astype(str).str.strip().str.casefold() \
        != PART.casefold()
    return frame[frame["level"].isin(LEVEL_RANK)].drop(columns="coverage")


def project(areas: pd.DataFrame, level: str, geography: Geography) -> pd.DataFrame:
    """Each coalition's areas seen at *level*: coalition_id, area, whole (bool).

    *areas* holds coalition_id, level, area, coverage. See the module docstring.
    """
    return project_normalised(normalised_areas(areas), level, geography)


def project_normalised(given: pd.DataFrame, level: str, geography: Geography) -> pd.DataFrame:
    """``project`` for rows ``normalised_areas`` already made (to normalise them once)."""
    rank = LEVEL_RANK[level]
    # Many coalitions name the same areas: look each one up once per call.
    outer_of = functools.cache(lambda area: geography.ancestor_at(area, level))
    inside_of = functools.cache(lambda area: geography.inside(area, level))
    # (coalition_id, area) -> whole, in order of first appearance: the rows at *level*
    # first (most rows: themselves, no lookup needed), then the others seen from there.
    # An area covered whole by one row and in part by another is covered whole.
    seen: dict[tuple[int, str], bool] = {}
    rows = list(zip(given["coalition_id"].tolist(), given["level"].tolist(),
                    given["area"].tolist(), given["whole"].tolist()))
    for coalition_id, own_level, area, whole in rows:
        if own_level == level:
            seen[coalition_id, area] = seen.get((coalition_id, area), False) or whole
    for coalition_id, own_level, area, whole in rows:
        own_rank = LEVEL_RANK[own_level]
        if own_level == level:
            continue
        if own_rank > rank:
            outer = outer_of(area)
            if outer is not None:
                seen.setdefault((coalition_id, outer), False)
        elif own_rank < rank and whole:
            for inner in inside_of(area) or [area]:
                seen[coalition_id, inner] = True
        # Part of a coarser area, or a level beside this one (a city seen as school
        # districts): nothing is known at this level.
    names = [a for _, a in seen]
    return pd.DataFrame({"coalition_id": np.array([c for c, _ in seen], dtype=np.int64),
                         "area": pd.Series(names, dtype=None if names else object),
                         "whole": np.array(list(seen.values()), dtype=bool)})


def reported_levels(areas: pd.DataFrame) -> dict[int, frozenset[str]]:
    """The levels each coalition gives areas at."""
    frame = normalised_areas(areas)
    found: dict[int, set[str]] = {}
    for coalition_id, level in zip(frame["coalition_id"].tolist(), frame["level"].tolist()):
        found.setdefault(int(coalition_id), set()).add(level)
    return {c: frozenset(found[c]) for c in sorted(found)}


def finest(levels: Iterable[str]) -> str | None:
    """The finest of *levels* (cities before school districts when both are given)."""
    ordered = sorted(levels, key=lambda lv: (LEVEL_RANK[lv], LEVELS.index(lv)))
    return ordered[-1] if ordered else None


def pair_level(levels_a: frozenset[str], levels_b: frozenset[str]) -> str | None:
    """The level two coalitions are compared at: the finest both report, else county."""
    if not levels_a or not levels_b:
        return None
    return finest(levels_a & levels_b) or FALLBACK_LEVEL


def grid_level(levels: Mapping[int, frozenset[str]]) -> str:
    """A coverage grid's starting level: the finest every coalition reports, else county.

    A coalition reporting only the region is left out of the choice (it covers every
    level); coalitions reporting only finer areas show in part at county level.
    """
    below_region = [lv - {REGION} for lv in levels.values() if lv - {REGION}]
    common = frozenset.intersection(*below_region) if below_region else frozenset()
    return finest(common) or FALLBACK_LEVEL


# --- reading the database ---------------------------------------------------------------

def read_areas(db) -> pd.DataFrame:
    """coalition_id, level, area, coverage: one row per area a coalition listed.

    A database written before areas had levels holds one list of counties (and
    "Region-wide"): those are read as whole counties (and the region).
    """
    if has_table(db, "areas"):
        return read_table(db, "SELECT coalition_id, level, area, coverage FROM areas")
    old = read_table(db, "SELECT coalition_id, value AS area FROM coalition_geographies "
                         "ORDER BY coalition_id, position")
    old.insert(1, "level", [REGION if _is_region_wide(a) else COUNTY for a in old["area"]])
    old["coverage"] = WHOLE
    return old

