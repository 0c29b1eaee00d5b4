"""A coalition's goals and strategies, with the numbers real coalitions give.

Goals carry a unit and "better when" most of the time, a baseline and target
when the coalition has settled them, and now and then a latest value. Each
coalition types its percentages one way (48, "48%" or .48); mixing the ways, a
"TBD" and a target in words are habits (``habits``).
"""
from __future__ import annotations

import random

from .themes import STATUS_WEIGHTS, THEME_BY_AREA, THEMES, GoalIdea, Theme
from .world import World, in_vocabulary, weighted

PERCENT = "Percent"
POLARITY = {1: "Higher is better", -1: "Lower is better"}
# How one coalition types its percentages: as a number, with a % sign, or as a fraction.
PERCENT_STYLES = ("number", "number", "number", "number", "number", "number", "number",
                  "sign", "sign", "fraction")


def goals(rng: random.Random, world: World, theme: Theme) -> list[dict]:
    ideas = list(theme.goals)
    for area in theme.related:
        if area in THEME_BY_AREA:
            ideas += THEME_BY_AREA[area].goals[:2]
    count = min(len(ideas), rng.randint(2, 6))
    chosen = theme.goals[:1] + tuple(rng.sample(ideas[1:], count - 1))
    style = rng.choice(PERCENT_STYLES)
    return [_goal_row(rng, world, f"G{i}", idea, _area_of(idea, theme), style)
            for i, idea in enumerate(chosen, start=1)]


def _area_of(idea: GoalIdea, theme: Theme) -> str:
    return next((t.issue_area for t in THEMES if idea in t.goals), theme.issue_area)


def _goal_row(rng: random.Random, world: World, goal_id: str, idea: GoalIdea,
              issue_area: str, style: str) -> dict:
    low, high = idea.baseline
    baseline = rng.uniform(low, high)
    baseline = round(baseline) if high - low >= 20 else round(baseline, 1)
    target = baseline * (1 + idea.better * rng.uniform(0.08, 0.3))
    target = round(target) if isinstance(baseline, int) else round(target, 1)
    if idea.unit == PERCENT:
        target = min(target, 98)  # nobody aims at 107% graduation
    baseline_year, target_year = rng.randint(2019, 2024), rng.randint(2027, 2032)
    statement = rng.choice(idea.statements)
    if rng.random() < 0.25:
        statement += f" by {target_year}"
    row = {"goal_id": goal_id, "statement": statement,
           "issue_area": in_vocabulary(rng, world.vocabulary("issue_areas"), issue_area),
           "population": in_vocabulary(rng, world.vocabulary("populations"), idea.population),
           "indicator": rng.choice(idea.indicators), "data_source": rng.choice(idea.source)}
    unit = idea.unit
    if rng.random() < 0.75:
        row["unit"] = in_vocabulary(rng, world.vocabulary("goal_units"), unit)
    if rng.random() < 0.6:
        row["polarity"] = POLARITY[idea.better]
    if rng.random() < 0.85:  # some coalitions have not settled their numbers yet
        typed = (lambda value: typed_percent(value, style)) if unit == PERCENT else (lambda v: v)
        row.update(baseline_value=typed(baseline), baseline_year=baseline_year,
                   target_value=typed(target), target_year=target_year)
        if rng.random() < 0.55:
            latest_year = rng.randint(baseline_year + 1, 2026)
            latest = baseline + (target - baseline) * rng.uniform(-0.2, 0.8)
            latest = round(latest) if isinstance(baseline, int) else round(latest, 1)
            row.update(latest_value=typed(latest), latest_year=latest_year)
    return row


def typed_percent(value: float, style: str):
    """A percentage as this coalition types it: 48, "48%" or 0.48."""
    if style == "sign":
        return f"{value:g}%"
    if style == "fraction":
        return round(value / 100, 4)
    return value


def strategies(rng: random.Random, world: World, theme: Theme, goal_ids: list[str]) -> list[dict]:
    count = min(len(theme.strategies), rng.randint(2, 8))
    rows = []
    for strategy, kind in rng.sample(theme.strategies, count):
        served = rng.sample(goal_ids, min(len(goal_ids), rng.choice((0, 1, 1, 1, 2, 2))))
        rows.append({
            "strategy": strategy,
            "goal_ids": "; ".join(sorted(served, key=goal_ids.index)) or None,
            "strategy_type": in_vocabulary(rng, world.vocabulary("strategy_types"), kind),
            "issue_area": in_vocabulary(rng, world.vocabulary("issue_areas"), theme.issue_area),
            "status": weighted(rng, world.vocabulary("strategy_statuses"), STATUS_WEIGHTS),
        })
    return rows
