"""The fast overlap matrices against a slow reference that follows the rules word for word.

``overlap_matrices`` works on keys, bit masks and matrix products to stay under a second
for 1,000 coalitions (benchmarks/overlap_benchmark.py). The reference here compares every
pair of coalitions and every pair of rows in plain loops, straight from the conventions
in ``workbook/tasks/overlaps/matrices.py``. Both must give the same figures on the
example community (25 coalitions written as real checklists are) and on a small
community of goals and strategies typed the way real coalition plans word them: copied
strategies, the same goal twice in one plan, blank populations and issue areas,
one-word goals.
"""
from __future__ import annotations

import itertools
import sqlite3

import pandas as pd
import pytest
from rapidfuzz import fuzz

from workbook.community import load_community
from workbook.loading import load_paths
from workbook.sample.database import build_database
from workbook.tasks import coverage
from workbook.tasks import overlaps as O
from workbook.tasks.overlaps.labels import community_of

from .conftest import EXAMPLE

THRESHOLD = O.TEXT_MATCH_THRESHOLD


# --- the reference --------------------------------------------------------------------

def rows(db, sql: str) -> pd.DataFrame:
    with sqlite3.connect(db) as connection:
        return pd.read_sql_query(sql, connection)


def texts_say_the_same(a: object, b: object) -> bool:
    """Near-identical after normalising; a one-word text only when identical; blank never."""
    a, b = O.normalised_text(a), O.normalised_text(b)
    if not a or not b:
        return False
    if a == b:
        return True
    if len(a.split()) < 2 or len(b.split()) < 2:
        return False
    return fuzz.token_set_ratio(a, b) >= THRESHOLD


def equal_or_blank(a: object, b: object) -> bool:
    return pd.isna(a) or pd.isna(b) or a == b


def rows_match(first, second, block: str, agree: str, texts: tuple[str, ...]) -> bool:
    return (pd.notna(first[block]) and first[block] == second[block]
            and equal_or_blank(first[agree], second[agree])
            and any(texts_say_the_same(first[t], second[t]) for t in texts))


def text_reference(frame: pd.DataFrame, ids: list[int], block: str, agree: str,
                   texts: tuple[str, ...]) -> tuple[dict, dict]:
    """matched[(i, j)]: i's rows with a matching row of j; sizes: rows per coalition."""
    by_coalition = {c: [r for _, r in frame[frame["coalition_id"] == c].iterrows()] for c in ids}
    matched = {}
    for i, j in itertools.permutations(ids, 2):
        matched[i, j] = sum(any(rows_match(r, s, block, agree, texts) for s in by_coalition[j])
                            for r in by_coalition[i])
    return matched, {c: len(by_coalition[c]) for c in ids}


def set_reference(items: dict[int, set], ids: list[int], whole_list: set[int]) -> tuple[dict, dict]:
    """A coalition listing a whole-list value ("All ages") has every item of the dimension."""
    universe = set().union(*items.values()) if items else set()
    held = {c: (universe if c in whole_list else items.get(c, set())) for c in ids}
    matched = {(i, j): len(held[i] & held[j]) for i, j in itertools.permutations(ids, 2)}
    return matched, {c: len(held[c]) for c in ids}


def geography_reference(db, ids: list[int], community) -> tuple[dict, dict]:
    areas = coverage.read_areas(db)
    areas = areas[areas["coalition_id"].isin(ids)]
    geography = coverage.Geography.of(community_of(db, community), areas)
    levels = coverage.reported_levels(areas)
    matched = {}
    for i, j in itertools.permutations(ids, 2):
        level = coverage.pair_level(levels.get(i, frozenset()), levels.get(j, frozenset()))
        if level is None:
            matched[i, j] = (0, 0, 0)
            continue
        seen = coverage.project(areas[areas["coalition_id"].isin([i, j])], level, geography)
        mine = set(seen.loc[seen["coalition_id"] == i, "area"])
        theirs = set(seen.loc[seen["coalition_id"] == j, "area"])
        matched[i, j] = (len(mine & theirs), len(mine), len(theirs))
    own = coverage.normalised_areas(areas).drop_duplicates(["coalition_id", "area"])
    sizes = own.groupby("coalition_id").size().to_dict()
    return matched, {c: sizes.get(c, 0) for c in ids}


def overlap(mine: int, theirs: int, my_size: int, their_size: int) -> float:
    return max(mine / max(my_size, 1), theirs / max(their_size, 1))


def assert_same_as_reference(db, community=None) -> None:
    matrices = O.overlap_matrices(db, community=community)
    ids = matrices.coalitions.index.tolist()
    shown = f"coalition_id IN ({', '.join(map(str, ids))})"
    goals = rows(db, f"SELECT * FROM goals WHERE {shown} ORDER BY goal_row_id")
    strategies = rows(db, f"SELECT * FROM strategies WHERE {shown} ORDER BY strategy_id")
    expected = {
        "goals": text_reference(goals, ids, "issue_area", "population", ("statement", "indicator")),
        "strategies": text_reference(strategies, ids, "strategy_type", "issue_area", ("strategy",)),
    }
    # A resident has no organisation: never a shared member.
    for dimension, sql in (("members", "SELECT coalition_id, organisation_id AS item FROM members "
                                       "WHERE organisation_id IS NOT NULL"),
                           ("funders", "SELECT coalition_id, funder_id AS item FROM funders "
                                       "WHERE funder_id IS NOT NULL"),
                           ("populations", "SELECT coalition_id, value AS item "
                                           "FROM coalition_populations"),
                           ("issue_areas", "SELECT coalition_id, value AS item "
                                           "FROM coalition_issue_areas")):
        listed = rows(db, sql)
        listed = listed[listed["coalition_id"].isin(ids)]
        items = {c: set(group["item"]) for c, group in listed.groupby("coalition_id")}
        whole = set(listed.loc[listed["item"].astype(str).str.casefold() == "all ages",
                               "coalition_id"]) if dimension == "populations" else set()
        expected[dimension] = set_reference(items, ids, whole)

    for dimension, (matched, sizes) in expected.items():
        got = matrices.dimensions[dimension]
        assert got.sizes.to_dict() == sizes, dimension
        assert sum(matched.values()) > 0, f"{dimension}: nothing shared, nothing tested"
        for i, j in itertools.combinations(ids, 2):
            want = overlap(matched[i, j], matched[j, i], sizes[i], sizes[j])
            assert got.similarity.loc[i, j] == pytest.approx(want), (dimension, i, j)
            assert got.shared.loc[i, j] == min(matched[i, j], matched[j, i]), (dimension, i, j)

    places, sizes = geography_reference(db, ids, community)
    got = matrices.dimensions["geographies"]
    assert got.sizes.to_dict() == sizes
    for i, j in itertools.combinations(ids, 2):
        shared, mine, theirs = places[i, j]
        want = shared / max(min(mine, theirs), 1) if mine and theirs else 0.0
        assert got.similarity.loc[i, j] == pytest.approx(want), ("geographies", i, j)
        assert got.shared.loc[i, j] == shared, ("geographies", i, j)
    # The goals each pair shares, as the pairs table names them, are the matching ones.
    for i, j in itertools.permutations(ids, 2):
        if expected["goals"][0][i, j]:
            assert matrices.dimensions["goals"].shared_items(i, j), (i, j)
        else:
            assert matrices.dimensions["goals"].shared_items(i, j) == [], (i, j)


# --- the communities --------------------------------------------------------------------

@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("reference") / "workbook.db"
    load_paths([EXAMPLE / "checklists"], path, load_community(EXAMPLE))
    return path


def test_the_example_community_matches_the_reference(example_db):
    assert_same_as_reference(example_db, load_community(EXAMPLE))


READING = ("Increase the percentage of third graders reading at grade level",
           "% of 3rd graders proficient on the state ELA test", "K-12 education", "Children 6-11")
READING_AGAIN = ("Increase percentage of 3rd graders reading on grade level by 2030",
                 "3rd grade ELA proficiency", "K-12 education", None)
ABSENCE = ("Reduce chronic absenteeism", "% of students missing 10% or more of school days",
           "K-12 education", "Youth 12-17")
ABSENCE_CUT = ("Cut chronic absenteeism in half", "% of students chronically absent",
               "K-12 education", "Children 6-11")
VAPING = ("Reduce past-30-day vaping among high school students",
          "% of 10th graders who vaped in the past 30 days (KIP survey)", "Youth substance use",
          "Youth 12-17")
VAPING_SHORT = ("Vaping", None, "Youth substance use", None)  # one word: only itself
NO_AREA = ("Reduce chronic absenteeism", None, None, None)  # no issue area: no block
HOME_VISITS = ("Evidence-based home visiting for first-time parents", "Direct service",
               "Early childhood")
HOME_VISITS_COPY = ("Evidence based home visiting for first time parents", "Direct service",
                    "Early childhood")
DASHBOARD = ("Shared community data dashboard", "Shared measurement", None)
DASHBOARD_OTHER = ("Community data dashboard shared by partners", "Shared measurement",
                   "K-12 education")
ADVOCACY = ("Advocate for Medicaid coverage of doulas", "Policy and advocacy",
            "Maternal and child health")

UNITED_WAY = "United Way of Greater Cincinnati"
LIBRARY = "Cincinnati & Hamilton County Public Library"
CPS, NKY_HEALTH = "Cincinnati Public Schools", "Northern Kentucky Health Department"
INTERACT = "Interact for Health"
HAMILTON, BOONE, KENTON = "Hamilton County", "Boone County", "Kenton County"
PLANS = [
    {"name": "Read Cincinnati", "short_name": "RC", "goals": [READING, ABSENCE, READING],
     "strategies": [HOME_VISITS, DASHBOARD, DASHBOARD],
     "members": [(UNITED_WAY, "Moira Weir", "Co-chair", None), (LIBRARY, "Paula Brehm", "Member",
                                                                    None),
                 (CPS, "Iranetta Wright", "Member", None), (None, "Dana Price", "Parent", None)],
     "funders": [UNITED_WAY, INTERACT], "populations": ["Children 6-11", "Families"],
     "issue_areas": ["K-12 education"], "areas": [("County", HAMILTON, None)]},
    {"name": "Cincinnati Attendance Works Coalition", "short_name": "CAWC",
     "goals": [ABSENCE_CUT, READING_AGAIN, NO_AREA], "strategies": [DASHBOARD_OTHER],
     "members": [(CPS, "Iranetta Wright", "Chair", None), (UNITED_WAY, "Moira Weir", "Member",
                                                           None)],
     "funders": [UNITED_WAY], "populations": ["Children 6-11", "Youth 12-17"],
     "issue_areas": ["K-12 education"],
     "areas": [("City or town", "Cincinnati", None), ("County", HAMILTON, "Part of it")]},
    {"name": "Northern Kentucky Prevention Alliance", "short_name": "NKYPA",
     "goals": [VAPING, VAPING_SHORT], "strategies": [HOME_VISITS_COPY, ADVOCACY],
     "members": [(NKY_HEALTH, "Lynne Saddler", "Chair", None)], "funders": [INTERACT],
     "populations": ["All ages"],
     "issue_areas": ["Youth substance use", "Maternal and child health"],
     "areas": [("County", BOONE, None), ("County", KENTON, None)]},
    {"name": "Boone County Alliance for Healthy Youth", "short_name": "BCAHY",
     "goals": [VAPING, VAPING_SHORT, ABSENCE], "strategies": [HOME_VISITS, HOME_VISITS],
     "members": [(NKY_HEALTH, "Lynne Saddler", "Co-chair", None), (None, "Marisol Vega",
                                                                   "Resident", None)],
     "populations": ["Youth 12-17"], "issue_areas": ["Youth substance use"],
     "areas": [("County", BOONE, None)]},
    {"name": "Kenton County Youth Coalition", "short_name": "KCYC",
     "goals": [VAPING_SHORT, NO_AREA], "strategies": [ADVOCACY, DASHBOARD],
     "members": [(NKY_HEALTH, "Lynne Saddler", "Member", None)],
     "populations": ["Youth 12-17"], "issue_areas": ["Youth substance use"],
     "areas": [("County", KENTON, "Part of it"), ("Region", "Region-wide", None)]},
    {"name": "Success By 6 Hamilton County", "short_name": "SB6",
     "goals": [READING_AGAIN], "strategies": [], "members": [(UNITED_WAY, "Moira Weir", "Chair",
                                                                None)],
     "funders": [UNITED_WAY], "populations": ["Prenatal to 5", "Families"],
     "issue_areas": ["Early childhood"], "areas": [("City or town", "Cincinnati", None)]},
]


def test_plans_worded_as_real_coalitions_word_them_match_the_reference(tmp_path):
    db = build_database(tmp_path / "plans.db", PLANS)
    assert_same_as_reference(db)
