"""The crosswalk: every goal, indicator and strategy of every shown coalition in one place.

Grouped two ways, each item keeping its coalition:

* by **result area**, the goal's issue area × population. A strategy sits in the result
  area of each goal it serves (``strategy_goals``); one serving no goal sits under its
  own issue area with no population;
* by **indicator**: goals' indicators worded alike (``similarity``, with the community
  thesaurus; ``INDICATOR_SAME`` as the suggestions use it) are one indicator, named by
  its most used wording.

And three lists the room acts on: results (goals) no strategy serves, strategies serving
no result, and indicators several coalitions measure in different ways (different data
sources, units or years).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ...intake.problems import Problem
from ...store import read_table
from .. import history
from ..database import columns_of, has_table
from .similarity import alike_matrix, folded_terms, is_what
from .suggestions import INDICATOR_SAME
from .thesaurus import Thesaurus, read_thesaurus, thesaurus_path

NO_POPULATION = "(no population given)"
NO_ISSUE = "(no issue area given)"
GOAL, INDICATOR, STRATEGY = "goal", "indicator", "strategy"
ITEM_COLUMNS = ["item_kind", "item_id", "coalition_id", "coalition", "text", "issue_area",
                "population", "result_area", "indicator_id", "indicator", "unit",
                "data_source", "baseline_year", "latest_year", "target_year",
                "strategy_type", "status", "serves"]


@dataclass(frozen=True)
class Crosswalk:
    """items: one row per goal, per indicator (one per goal that names one) and per strategy
    in each result area it serves (ITEM_COLUMNS). by_result_area and by_indicator count
    them; the last three frames are the flags, each row naming its coalition."""
    items: pd.DataFrame
    by_result_area: pd.DataFrame
    by_indicator: pd.DataFrame
    results_without_strategy: pd.DataFrame
    strategies_without_result: pd.DataFrame
    indicators_measured_differently: pd.DataFrame
    # Unusable lines of the community's thesaurus.csv (THESAURUS_ROW_INVALID), to show.
    problems: tuple[Problem, ...] = ()


def crosswalk(db: str | Path, community_folder: str | Path | None = None,
              thesaurus: Thesaurus | None = None, include_ended: bool = False) -> Crosswalk:
    if thesaurus is None:
        thesaurus = read_thesaurus(thesaurus_path(community_folder))
    shown = history.shown_coalitions(db, include_ended).ids
    goals = _goals(db, shown)
    goals["indicator_id"] = _indicator_groups(goals["indicator"], thesaurus)
    strategies, serves = _strategies(db, shown)
    items = pd.concat([_goal_items(goals), _indicator_items(goals),
                       _strategy_items(strategies, serves, goals)], ignore_index=True)
    items = items.reindex(columns=ITEM_COLUMNS)
    measured = _measured_differently(goals)
    return Crosswalk(
        items=items,
        by_result_area=_by_result_area(items),
        by_indicator=_by_indicator(goals, measured),
        results_without_strategy=goals[~goals["goal_row_id"].isin(serves["goal_row_id"])][
            ["goal_row_id", "coalition_id", "coalition", "statement", "result_area"]
        ].rename(columns={"goal_row_id": "item_id", "statement": "text"}).reset_index(drop=True),
        strategies_without_result=strategies[
            ~strategies["strategy_id"].isin(serves["strategy_id"])][
            ["strategy_id", "coalition_id", "coalition", "strategy", "issue_area",
             "strategy_type"]
        ].rename(columns={"strategy_id": "item_id", "strategy": "text"}).reset_index(drop=True),
        indicators_measured_differently=measured, problems=tuple(thesaurus.problems))


def _optional(db, table: str, names: tuple[str, ...], alias: str) -> str:
    present = columns_of(db, table)
    return ", ".join(f"{alias}.{n}" if n in present else f"NULL AS {n}" for n in names)


def _goals(db, shown) -> pd.DataFrame:
    extra = _optional(db, "goals", ("unit", "data_source", "baseline_year", "latest_year",
                                    "target_year"), "g")
    goals = read_table(db, f"""
        SELECT g.goal_row_id, g.goal_id, g.coalition_id, c.name AS coalition, g.statement,
               g.issue_area, g.population, g.indicator, {extra}
        FROM goals g JOIN coalitions c ON c.coalition_id = g.coalition_id
        ORDER BY g.goal_row_id""")
    goals = goals[goals["coalition_id"].isin(shown)].reset_index(drop=True)
    goals["result_area"] = [result_area(i, p) for i, p in zip(goals["issue_area"],
                                                              goals["population"])]
    return goals


def result_area(issue_area: object, population: object) -> str:
    issue = issue_area if isinstance(issue_area, str) and issue_area.strip() else NO_ISSUE
    who = population if isinstance(population, str) and population.strip() else NO_POPULATION
    return f"{issue} × {who}"


def _strategies(db, shown) -> tuple[pd.DataFrame, pd.DataFrame]:
    extra = _optional(db, "strategies", ("status",), "s")
    strategies = read_table(db, f"""
        SELECT s.strategy_id, s.coalition_id, c.name AS coalition, s.strategy,
               s.strategy_type, s.issue_area, {extra}
        FROM strategies s JOIN coalitions c ON c.coalition_id = s.coalition_id
        ORDER BY s.strategy_id""")
    strategies = strategies[strategies["coalition_id"].isin(shown)].reset_index(drop=True)
    serves = (read_table(db, "SELECT strategy_id, goal_row_id FROM strategy_goals")
              if has_table(db, "strategy_goals")
              else pd.DataFrame(columns=["strategy_id", "goal_row_id"]))
    serves = serves[serves["strategy_id"].isin(strategies["strategy_id"])]
    return strategies, serves.reset_index(drop=True)


def _indicator_groups(indicators: pd.Series, thesaurus: Thesaurus) -> list[int | None]:
    """Indicators worded alike share a group number (None for a goal without one)."""
    codes, wordings = pd.factorize(indicators)
    if not len(wordings):
        return [None] * len(indicators)
    terms = folded_terms(list(wordings), thesaurus)
    named = np.array([any(is_what(t, w) for t, w in ts.items()) for ts in terms])
    alike = alike_matrix(terms) >= INDICATOR_SAME
    alike &= named[:, None] & named[None, :]
    np.fill_diagonal(alike, True)
    group = _components(alike)
    return [int(group[c]) + 1 if c >= 0 else None for c in codes]


def _components(alike: np.ndarray) -> np.ndarray:
    """Connected groups of a symmetric boolean matrix, numbered by first member."""
    group = np.full(len(alike), -1)
    for start in range(len(alike)):
        if group[start] >= 0:
            continue
        waiting = [start]
        group[start] = start
        while waiting:
            for other in np.flatnonzero(alike[waiting.pop()] & (group < 0)).tolist():
                group[other] = start
                waiting.append(other)
    _, numbered = np.unique(group, return_inverse=True)
    return numbered


def _goal_items(goals: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "item_kind": GOAL, "item_id": goals["goal_row_id"], "coalition_id": goals["coalition_id"],
        "coalition": goals["coalition"], "text": goals["statement"],
        "issue_area": goals["issue_area"], "population": goals["population"],
        "result_area": goals["result_area"], "indicator_id": goals["indicator_id"],
        "indicator": goals["indicator"], "unit": goals["unit"],
        "data_source": goals["data_source"], "baseline_year": goals["baseline_year"],
        "latest_year": goals["latest_year"], "target_year": goals["target_year"]})


def _indicator_items(goals: pd.DataFrame) -> pd.DataFrame:
    measured = goals[goals["indicator"].notna()]
    items = _goal_items(measured)
    items["item_kind"] = INDICATOR
    items["text"] = measured["indicator"].to_numpy()
    return items


def _strategy_items(strategies: pd.DataFrame, serves: pd.DataFrame,
                    goals: pd.DataFrame) -> pd.DataFrame:
    served = serves.merge(goals[["goal_row_id", "goal_id", "result_area", "population"]],
                          on="goal_row_id")
    areas = served.groupby("strategy_id").agg(
        result_areas=("result_area", lambda v: list(dict.fromkeys(v))),
        populations=("population", lambda v: list(dict.fromkeys(v))),
        serves=("goal_id", lambda v: "; ".join(sorted(dict.fromkeys(map(str, v))))))
    rows = []
    for s in strategies.itertuples(index=False):
        base = {"item_kind": STRATEGY, "item_id": s.strategy_id, "coalition_id": s.coalition_id,
                "coalition": s.coalition, "text": s.strategy, "issue_area": s.issue_area,
                "strategy_type": s.strategy_type, "status": s.status}
        if s.strategy_id in areas.index:
            found = areas.loc[s.strategy_id]
            for area, population in zip(found["result_areas"], found["populations"]):
                rows.append({**base, "population": population, "result_area": area,
                             "serves": found["serves"]})
        else:
            rows.append({**base, "population": None,
                         "result_area": result_area(s.issue_area, None), "serves": ""})
    return pd.DataFrame(rows, columns=ITEM_COLUMNS)


def _by_result_area(items: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for area, group in items.groupby("result_area", sort=True):
        counts = group["item_kind"].value_counts()
        coalitions = sorted(group["coalition"].dropna().unique())
        rows.append({"result_area": area, "goals": int(counts.get(GOAL, 0)),
                     "indicators": int(group.loc[group["item_kind"] == INDICATOR,
                                                 "indicator_id"].nunique()),
                     "strategies": int(group.loc[group["item_kind"] == STRATEGY,
                                                 "item_id"].nunique()),
                     "coalitions": len(coalitions), "coalition_names": "; ".join(coalitions)})
    frame = pd.DataFrame(rows, columns=["result_area", "goals", "indicators", "strategies",
                                        "coalitions", "coalition_names"])
    return frame.sort_values(["coalitions", "result_area"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)


def _by_indicator(goals: pd.DataFrame, measured: pd.DataFrame) -> pd.DataFrame:
    rows = []
    flagged = set(measured["indicator_id"])
    for indicator_id, group in goals.dropna(subset=["indicator_id"]).groupby("indicator_id"):
        coalitions = sorted(group["coalition"].unique())
        rows.append({"indicator_id": int(indicator_id),
                     "indicator": Counter(group["indicator"]).most_common(1)[0][0],
                     "wordings": len(group["indicator"].unique()),
                     "coalitions": len(coalitions), "coalition_names": "; ".join(coalitions),
                     "result_areas": "; ".join(sorted(group["result_area"].unique())),
                     "measured_differently": int(indicator_id) in flagged})
    frame = pd.DataFrame(rows, columns=["indicator_id", "indicator", "wordings", "coalitions",
                                        "coalition_names", "result_areas",
                                        "measured_differently"])
    return frame.sort_values(["coalitions", "indicator"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)


MEASURE_FIELDS = {"data_source": "sources", "unit": "units", "latest_year": "latest years",
                  "baseline_year": "baseline years"}


def _measured_differently(goals: pd.DataFrame) -> pd.DataFrame:
    """Indicators of two or more coalitions whose sources, units or years differ: one row per
    indicator and coalition, with what differs said in words."""
    rows = []
    for indicator_id, group in goals.dropna(subset=["indicator_id"]).groupby("indicator_id"):
        if group["coalition_id"].nunique() < 2:
            continue
        differs = []
        for column, said in MEASURE_FIELDS.items():
            values = group[column].dropna().map(_shown)
            distinct = list(dict.fromkeys(values))
            if len({v.casefold() for v in distinct}) > 1:
                differs.append(f"{said}: {' / '.join(distinct)}")
        if not differs:
            continue
        how = "; ".join(differs)
        for goal in group.itertuples(index=False):
            rows.append({"indicator_id": int(indicator_id), "indicator": goal.indicator,
                         "coalition_id": goal.coalition_id, "coalition": goal.coalition,
                         "data_source": goal.data_source, "unit": goal.unit,
                         "baseline_year": goal.baseline_year, "latest_year": goal.latest_year,
                         "differs": how})
    return pd.DataFrame(rows, columns=["indicator_id", "indicator", "coalition_id", "coalition",
                                       "data_source", "unit", "baseline_year", "latest_year",
                                       "differs"])


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())
