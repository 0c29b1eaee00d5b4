"""The crosswalk's data: every goal, indicator and strategy by result area and by indicator,
and the three flags (results without a strategy, strategies serving no result, indicators
measured in different ways), on the four hand-made coalitions of tests/builders.py."""
from __future__ import annotations

import sqlite3

import pytest

from workbook.sample.database import build_database
from workbook.tasks.alignment.crosswalk import NO_POPULATION, crosswalk, result_area

from .builders import ALPHA, BETA, DELTA, GAMMA, READING, READY, READY_REWORDED

EARLY_YEARS = result_area("Early childhood", "Prenatal to 5")


def goal_row(db, coalition: str, statement: str) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT goal_row_id FROM goals g JOIN coalitions c USING (coalition_id) "
            "WHERE c.name = ? AND g.statement = ?", (coalition, statement)).fetchone()[0]


def strategy_row(db, coalition: str, strategy: str) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT strategy_id FROM strategies s JOIN coalitions c USING (coalition_id) "
            "WHERE c.name = ? AND s.strategy = ?", (coalition, strategy)).fetchone()[0]


def measure(db, coalition: str, statement: str, **values) -> None:
    sets = ", ".join(f"{column} = ?" for column in values)
    with sqlite3.connect(db) as connection:
        connection.execute(f"UPDATE goals SET {sets} WHERE goal_row_id = ?",
                           (*values.values(), goal_row(db, coalition, statement)))


@pytest.fixture
def community(tmp_path):
    """Alpha to Delta; each book gifting serves its coalition's readiness goal, and the two
    readiness goals are measured from different sources in different years."""
    db = build_database(tmp_path / "workbook.db", [ALPHA, BETA, GAMMA, DELTA])
    links = [(strategy_row(db, ALPHA["name"], "Book gifting at well-child visits"),
              goal_row(db, ALPHA["name"], READY)),
             (strategy_row(db, BETA["name"], "Book gifting at well child visits"),
              goal_row(db, BETA["name"], READY_REWORDED))]
    with sqlite3.connect(db) as connection:
        connection.executemany("INSERT INTO strategy_goals VALUES (?, ?)", links)
    measure(db, ALPHA["name"], READY, data_source="State kindergarten screener",
            unit="Percent", latest_year=2024)
    measure(db, BETA["name"], READY_REWORDED, data_source="Ashford County Schools",
            unit="Percent", latest_year=2025)
    for coalition in (ALPHA, DELTA):
        measure(db, coalition["name"], READING, data_source="Parent survey", unit="Percent",
                latest_year=2025)
    return db


def test_every_goal_indicator_and_strategy_is_there_with_its_coalition(community):
    items = crosswalk(community).items
    counts = items.drop_duplicates(["item_kind", "item_id"])["item_kind"].value_counts()
    goals = sum(len(c.get("goals", [])) for c in (ALPHA, BETA, GAMMA, DELTA))
    strategies = sum(len(c.get("strategies", [])) for c in (ALPHA, BETA, GAMMA, DELTA))
    assert counts["goal"] == goals and counts["indicator"] == goals
    assert counts["strategy"] == strategies
    assert items["coalition"].notna().all()
    ready = items[(items["item_kind"] == "goal") & (items["text"] == READY_REWORDED)]
    assert ready["coalition"].tolist() == [BETA["name"]]


def test_goals_are_grouped_by_issue_area_and_population(community):
    areas = crosswalk(community).by_result_area.set_index("result_area")
    early = areas.loc[EARLY_YEARS]
    # Alpha's readiness goal, Beta's reworded one and Beta's child care goal.
    assert (early["goals"], early["coalitions"]) == (3, 2)
    assert early["coalition_names"] == f"{ALPHA['name']}; {BETA['name']}"
    # Alpha's and Delta's reading goals say the same words under different issue areas.
    assert areas.loc[result_area("Early childhood", "Families"), "goals"] == 1
    assert areas.loc[result_area("K-12 education", "Families"), "goals"] == 1


def test_a_strategy_sits_in_the_result_area_of_the_goal_it_serves(community):
    items = crosswalk(community).items
    gifting = items[(items["item_kind"] == "strategy")
                    & (items["text"] == "Book gifting at well-child visits")]
    assert gifting["result_area"].tolist() == [EARLY_YEARS]
    assert gifting["serves"].tolist() == ["G1"]
    dashboard = items[items["text"] == "Shared kindergarten readiness dashboard"]
    assert dashboard["result_area"].tolist() == [result_area("Early childhood", None)]
    assert NO_POPULATION in dashboard["result_area"].iloc[0]


def test_indicators_worded_alike_are_one_indicator_of_several_coalitions(community):
    walk = crosswalk(community)
    indicators = walk.by_indicator
    readiness = indicators[indicators["coalition_names"] == f"{ALPHA['name']}; {BETA['name']}"]
    assert len(readiness) == 1
    assert (readiness["wordings"].iloc[0], readiness["coalitions"].iloc[0]) == (2, 2)
    child_care = indicators[indicators["indicator"] == "Child care slots per 100 children"]
    assert child_care["coalitions"].tolist() == [1]
    reading = indicators[indicators["indicator"] == "% of parents reading daily"]
    assert reading["coalitions"].tolist() == [2]


def test_results_without_a_strategy_and_strategies_serving_no_result_are_listed(community):
    walk = crosswalk(community)
    unserved = set(zip(walk.results_without_strategy["coalition"],
                       walk.results_without_strategy["text"]))
    assert unserved == {(ALPHA["name"], READING),
                        (BETA["name"], "Expand access to quality child care"),
                        (GAMMA["name"], "Fewer households go hungry"), (DELTA["name"], READING)}
    serving_nothing = set(zip(walk.strategies_without_result["coalition"],
                              walk.strategies_without_result["text"]))
    assert serving_nothing == {(ALPHA["name"], "Shared kindergarten readiness dashboard"),
                               (BETA["name"], "Advocate for state pre-K funding"),
                               (GAMMA["name"], "Food pantry network")}


def test_an_indicator_measured_from_different_sources_and_years_is_flagged(community):
    walk = crosswalk(community)
    flagged = walk.indicators_measured_differently
    assert set(flagged["coalition"]) == {ALPHA["name"], BETA["name"]}
    how = flagged["differs"].iloc[0]
    assert "sources: State kindergarten screener / Ashford County Schools" in how
    assert "latest years: 2024 / 2025" in how and "units" not in how
    # Alpha and Delta measure parents' reading the same way: not flagged.
    assert not walk.by_indicator.set_index("indicator").at["% of parents reading daily",
                                                           "measured_differently"]


def test_units_that_differ_are_flagged_too(community):
    measure(community, BETA["name"], READY_REWORDED, data_source="State kindergarten screener",
            unit="Count", latest_year=2024)
    how = crosswalk(community).indicators_measured_differently["differs"].iloc[0]
    assert how == "units: Percent / Count"


def test_an_ended_coalition_is_left_out_unless_asked_for(tmp_path):
    db = build_database(tmp_path / "w.db", [ALPHA, {**BETA, "status": "Ended"}])
    assert set(crosswalk(db).items["coalition"]) == {ALPHA["name"]}
    every = crosswalk(db, include_ended=True)
    assert set(every.items["coalition"]) == {ALPHA["name"], BETA["name"]}


def test_loaded_checklists_strategy_links_place_strategies_in_their_goals_areas(tmp_path):
    from workbook.community import default_community
    from workbook.loading import load_paths

    from .builders import checklist
    path = checklist(tmp_path, "montgomery.xlsx")
    load_paths([path], tmp_path / "workbook.db", default_community())
    walk = crosswalk(tmp_path / "workbook.db")
    gifting = walk.items[walk.items["text"] == "Dolly Parton's Imagination Library enrollment"]
    # It serves G1 (Prenatal to 5) and G2 (Families): it sits in both result areas.
    assert set(gifting["result_area"]) == {EARLY_YEARS, result_area("Early childhood", "Families")}
    assert set(gifting["serves"]) == {"G1; G2"}
    assert walk.strategies_without_result.empty and walk.results_without_strategy.empty
