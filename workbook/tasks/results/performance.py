"""Performance accountability: shared strategies, their measures, and the results tree.

Each shared strategy gets performance measures sorted into the three questions of
Results-Based Accountability: How much did we do? How well did we do it? Is anyone
better off? A measure names the shared indicator its strategy is meant to move and the
coalitions that contribute, so the results tree can be drawn from North Star down to
each coalition: North Star → shared results → indicators → strategies → measures →
contributing coalitions (``results_tree`` as a table; ``results_figures.tree_chart``
draws it as an indented tree). Measures live in the append-only results journal (see ``journal``).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ... import decisions as D
from . import journal
from .northstar import (HIGHER, LOWER, SharedIndicator, north_star, shared_indicators_list,
                        shared_results)

HOW_MUCH = "How much did we do?"
HOW_WELL = "How well did we do it?"
BETTER_OFF = "Is anyone better off?"
QUESTIONS = (HOW_MUCH, HOW_WELL, BETTER_OFF)
MEASURE_KIND = "performance_measure"
FREQUENCIES = ("Monthly", "Quarterly", "Twice a year", "Yearly")


@dataclass(frozen=True)
class Measure:
    strategy: str  # the shared strategy's wording
    measure: str  # e.g. "Families enrolled in home visiting"
    question: str  # one of QUESTIONS
    indicator: str = ""  # the shared indicator the strategy is meant to move
    coalitions: tuple[str, ...] = ()  # those that contribute to the strategy
    unit: str = ""
    polarity: str = HIGHER
    actual: float | None = None
    actual_period: str = ""  # e.g. "2025" or "2025 Q3"
    target: float | None = None
    frequency: str = "Quarterly"
    data_source: str = ""

    @property
    def key(self) -> str:
        return f"{D.wording_key(self.strategy)}::{D.wording_key(self.measure)}"


def save_measure(db: str | Path, measure: Measure, by: str) -> int:
    """Add or revise a measure (the same strategy and wording revise the one before)."""
    if measure.question not in QUESTIONS:
        raise ValueError("Sort the measure under one question: " + " / ".join(QUESTIONS))
    if not measure.strategy.strip() or not measure.measure.strip():
        raise ValueError("A measure names its strategy and what it counts.")
    if measure.polarity not in (HIGHER, LOWER):
        raise ValueError(f"Polarity is '{HIGHER}' or '{LOWER}'.")
    payload = asdict(measure)
    payload["coalitions"] = list(measure.coalitions)
    return journal.write(db, MEASURE_KIND, measure.key, payload, by)


def remove_measure(db: str | Path, measure: Measure, by: str) -> int:
    return journal.write(db, MEASURE_KIND, measure.key, asdict(measure), by, removed=True)


def measures_list(db: str | Path) -> list[Measure]:
    found = []
    for note in journal.in_force(db, MEASURE_KIND).values():
        payload = dict(note.payload)
        payload["coalitions"] = tuple(payload.get("coalitions") or ())
        found.append(Measure(**payload))
    return found


MEASURE_COLUMNS = ["strategy", "question", "measure", "indicator", "coalitions", "unit",
                   "polarity", "actual", "actual_period", "target", "frequency", "data_source"]


def measures(db: str | Path) -> pd.DataFrame:
    """Every measure in force, grouped by strategy, then by the three questions in order."""
    rows = [{**asdict(m), "coalitions": ", ".join(m.coalitions)} for m in measures_list(db)]
    frame = pd.DataFrame(rows, columns=MEASURE_COLUMNS)
    if frame.empty:
        return frame
    frame["_q"] = frame["question"].map(QUESTIONS.index)
    return frame.sort_values(["strategy", "_q", "measure"], ignore_index=True).drop(columns="_q")


def shared_strategies(db: str | Path) -> list[str]:
    """Shared strategies the room decided (added, combined or aligned), then those measured."""
    decided = []
    for entry in D.current(db):
        if entry.kind in ("add", "combine", "align") and any(
                s.kind == "shared_strategy" for s in entry.subjects):
            decided.append(entry.value or next(s.label for s in entry.subjects
                                                if s.kind == "shared_strategy"))
    return list(dict.fromkeys([*decided, *(m.strategy for m in measures_list(db))]))


# --- the results tree -------------------------------------------------------------------

LEVELS = ("North Star", "Shared result", "Indicator", "Strategy", "Measure", "Coalition")
TREE_COLUMNS = ["node", "parent", "level", "depth", "label", "detail"]
NO_NORTH_STAR = "(North Star not adopted yet)"
NORTH_STAR_ITSELF = "The North Star itself"
NO_INDICATOR = "(no shared indicator named)"


def results_tree(db: str | Path) -> pd.DataFrame:
    """One row per node, parents before children, in the order the tree is read."""
    star = north_star(db)
    indicators = shared_indicators_list(db)
    all_measures = measures_list(db)
    rows: list[dict[str, Any]] = []

    def add(parent: str | None, level: str, label: str, detail: str = "") -> str:
        node = f"n{len(rows) + 1}"
        rows.append({"node": node, "parent": parent, "level": level,
                     "depth": LEVELS.index(level), "label": label, "detail": detail})
        return node

    root = add(None, "North Star", star.statement if star else NO_NORTH_STAR)
    # Shared results decided in the room show even before an indicator tracks them.
    by_result: dict[str, list[SharedIndicator]] = {r: [] for r in shared_results(db)}
    for indicator in indicators:
        by_result.setdefault(indicator.result or NORTH_STAR_ITSELF, []).append(indicator)
    known = {i.key for i in indicators}
    orphans = [m for m in all_measures if D.wording_key(m.indicator) not in known]
    if orphans:
        by_result.setdefault(NORTH_STAR_ITSELF, [])
    for result, members in by_result.items():
        result_node = add(root, "Shared result", result)
        for indicator in members:
            detail = _indicator_detail(indicator)
            node = add(result_node, "Indicator", indicator.name, detail)
            _add_strategies(add, node, [m for m in all_measures
                                        if D.wording_key(m.indicator) == indicator.key])
        if result == NORTH_STAR_ITSELF and orphans:
            node = add(result_node, "Indicator", NO_INDICATOR)
            _add_strategies(add, node, orphans)
    return pd.DataFrame(rows, columns=TREE_COLUMNS)


def _indicator_detail(indicator: SharedIndicator) -> str:
    parts = [indicator.polarity]
    if indicator.baseline_value is not None:
        parts.append(f"baseline {indicator.baseline_value:g} ({indicator.baseline_year})")
    if indicator.target_value is not None:
        parts.append(f"target {indicator.target_value:g} by {indicator.target_year}")
    return "; ".join(parts)


def _add_strategies(add, parent: str, members: list[Measure]) -> None:
    by_strategy: dict[str, list[Measure]] = {}
    for m in members:
        by_strategy.setdefault(m.strategy, []).append(m)
    for strategy, its in by_strategy.items():
        node = add(parent, "Strategy", strategy)
        for m in sorted(its, key=lambda m: QUESTIONS.index(m.question)):
            actual = "" if m.actual is None else f"actual {m.actual:g}"
            target = "" if m.target is None else f"target {m.target:g}"
            measure = add(node, "Measure", m.measure,
                          "; ".join(p for p in (m.question, actual, target, m.frequency) if p))
            for coalition in dict.fromkeys(m.coalitions):
                add(measure, "Coalition", coalition, "contributes")


# --- the scorecard ------------------------------------------------------------------------

SCORECARD_COLUMNS = ["type", "name", "parent", "actual", "actual_period", "target",
                     "target_year", "polarity", "unit", "frequency", "data_source",
                     "coalitions"]


def scorecard(db: str | Path, latest: dict[str, tuple[int, float]] | None = None
              ) -> pd.DataFrame:
    """Scorecard-shaped rows: Result, its Indicators, Programs (strategies), Performance
    measures; with actual, target, polarity and frequency, for groups that keep one.

    *latest* maps an indicator's wording key to its latest (year, value) for everyone.
    """
    latest = latest or {}
    star = north_star(db)
    rows = [_score_row("Result", star.statement if star else NO_NORTH_STAR, "")]
    for indicator in shared_indicators_list(db):
        year, value = latest.get(indicator.key, (None, None))
        rows.append(_score_row("Indicator", indicator.name, rows[0]["name"], actual=value,
                               actual_period=year or "", target=indicator.target_value,
                               target_year=indicator.target_year, polarity=indicator.polarity,
                               unit=indicator.unit, frequency=indicator.frequency,
                               data_source=indicator.data_source,
                               coalitions=", ".join(indicator.coalitions)))
    by_strategy: dict[str, list[Measure]] = {}
    for m in measures_list(db):
        by_strategy.setdefault(m.strategy, []).append(m)
    for strategy in shared_strategies(db):
        its = by_strategy.get(strategy, [])
        coalitions = ", ".join(dict.fromkeys(c for m in its for c in m.coalitions))
        rows.append(_score_row("Program", strategy, rows[0]["name"], coalitions=coalitions))
        for m in sorted(its, key=lambda m: QUESTIONS.index(m.question)):
            rows.append(_score_row("Performance measure", m.measure, strategy, actual=m.actual,
                                   actual_period=m.actual_period, target=m.target,
                                   polarity=m.polarity, unit=m.unit, frequency=m.frequency,
                                   data_source=m.data_source, coalitions=", ".join(m.coalitions),
                                   question=m.question))
    return pd.DataFrame(rows, columns=[*SCORECARD_COLUMNS, "question"])


def _score_row(kind: str, name: str, parent: str, **values) -> dict[str, Any]:
    row = {c: "" for c in SCORECARD_COLUMNS}
    row.update({"type": kind, "name": name, "parent": parent, "question": ""})
    row.update({k: ("" if v is None else v) for k, v in values.items()})
    return row
