"""A large community written straight into SQLite, for the overlap benchmark and tests.

Writing 1,000 checklists as xlsx takes minutes, so the overlap benchmark and the
overlap and export tests describe a community compactly and insert it straight
into a database built by ``workbook.store``. The goals and strategies come from
the generator's own themes (``themes.THEMES``): one source of what coalitions
work on.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from .. import store
from .themes import THEMES

# A compact description of a community, and the database it gives.
#
# A coalition is a dict: name, short_name, lead, cadence, hours, geographies,
# populations, issue_areas (lists of values), members [(organisation, person, role,
# meetings_per_year)], goals [(statement, indicator, issue_area, population)],
# strategies [(strategy, strategy_type, issue_area)], funders [organisation] and
# asks [(organisation, ask_type, times_per_year)]. Organisations and people are named;
# ids are handed out by first appearance.


def build_database(db_path: str | Path, coalitions: list[dict[str, Any]]) -> Path:
    store.write_load(db_path, _rows(coalitions))
    return Path(db_path)


class _Registry(dict):
    """Name -> id, handed out in order of first appearance."""

    def id(self, name: str | None) -> int | None:
        if name is None:
            return None
        return self.setdefault(name, len(self) + 1)


def _rows(coalitions: list[dict[str, Any]]) -> dict[str, list[dict]]:
    organisations, people = _Registry(), _Registry()
    rows: dict[str, list[dict]] = {t: [] for t in (
        "coalitions", "coalition_geographies", "coalition_populations", "coalition_issue_areas",
        "goals", "strategies", "members", "funders", "asks")}
    for coalition_id, c in enumerate(coalitions, start=1):
        source = {"source_file": f"synthetic/{coalition_id}.xlsx", "source_row": 1, "extra_json": None}
        rows["coalitions"].append({
            "coalition_id": coalition_id, "name": c["name"], "short_name": c.get("short_name"),
            "lead_organisation": c.get("lead"), "lead_organisation_id": organisations.id(c.get("lead")),
            "contact_name": None, "contact_name_person_id": None, "contact_email": None,
            "year_founded": None, "mission": None, "annual_budget": c.get("budget"),
            "staff_fte": c.get("staff_fte"), "meeting_cadence": c.get("cadence"),
            "meeting_hours": c.get("hours"), "website": None, "completed_on": None, **source})
        for field in ("geographies", "populations", "issue_areas"):
            rows[f"coalition_{field}"] += [{"coalition_id": coalition_id, "value": v, "position": i}
                                           for i, v in enumerate(c.get(field, []))]
        for i, (statement, indicator, area, population) in enumerate(c.get("goals", []), start=1):
            rows["goals"].append({
                "goal_row_id": len(rows["goals"]) + 1, "coalition_id": coalition_id,
                "goal_id": f"G{i}", "statement": statement, "issue_area": area,
                "population": population, "indicator": indicator, **source})
        for strategy, kind, area in c.get("strategies", []):
            rows["strategies"].append({
                "strategy_id": len(rows["strategies"]) + 1, "coalition_id": coalition_id,
                "strategy": strategy, "strategy_type": kind, "issue_area": area, **source})
        for organisation, person, role, meetings in c.get("members", []):
            rows["members"].append({
                "membership_id": len(rows["members"]) + 1, "coalition_id": coalition_id,
                "organisation": organisation, "organisation_id": organisations.id(organisation),
                "representative": person, "representative_person_id": people.id(person),
                "role": role, "meetings_per_year": meetings, **source})
        for funder in c.get("funders", []):
            rows["funders"].append({
                "funding_id": len(rows["funders"]) + 1, "coalition_id": coalition_id,
                "funder": funder, "funder_id": organisations.id(funder), **source})
        for organisation, ask_type, times in c.get("asks", []):
            rows["asks"].append({
                "ask_id": len(rows["asks"]) + 1, "coalition_id": coalition_id,
                "organisation": organisation, "organisation_id": organisations.id(organisation),
                "ask_type": ask_type, "times_per_year": times, **source})
    # Parents before children, so the rows can be read in insertion order.
    return {
        "organisations": [{"organisation_id": i, "name": n, "match_key": n.casefold()}
                          for n, i in organisations.items()],
        "people": [{"person_id": i, "name": n, "email": None, "match_key": n.casefold()}
                   for n, i in people.items()],
        **rows,
    }


# --- a large synthetic community --------------------------------------------------------

# --- a large synthetic community --------------------------------------------------------

# (issue area, populations, goals as (phrasings, indicator), strategies as (text, type))
_THEMES = tuple(
    (theme.issue_area, theme.populations,
     tuple((idea.statements, idea.indicators[0]) for idea in theme.goals),
     theme.strategies)
    for theme in THEMES)
_CADENCES = ("Weekly", "Every two weeks", "Monthly", "Monthly", "Every two months", "Quarterly",
             "Twice a year", "As needed")
_ROLES = ("Chair", "Steering", "Member", "Member", "Member", "Staff")
_ASK_TYPES = ("Money", "Data", "Staff time", "Attendance")


def synthetic_coalitions(n: int, seed: int = 2026) -> list[dict[str, Any]]:
    """*n* coalitions drawing on shared pools of organisations, funders, places and themes.

    Organisations are picked by a long-tailed popularity (a few sit everywhere), and
    goal texts carry a place and sometimes a year, so most of them differ in spelling.
    """
    rng = np.random.default_rng(seed)
    organisations = [f"Organisation {i:05d}" for i in range(max(200, 4 * n))]
    popularity = 1 / np.arange(1, len(organisations) + 1) ** 0.8
    popularity /= popularity.sum()
    funders = [f"Funder {i:03d}" for i in range(max(20, n // 10))]
    places = [f"County {i:02d}" for i in range(1, 25)]
    towns = [f"Town {i:03d}" for i in range(max(40, n // 4))]
    return [_synthetic_coalition(rng, i, organisations, popularity, funders, places, towns)
            for i in range(1, n + 1)]


def _synthetic_coalition(rng, number, organisations, popularity, funders, places, towns) -> dict:
    theme = _THEMES[rng.integers(len(_THEMES))]
    related = [t for t in _THEMES if t is not theme]
    extra = [related[i] for i in rng.choice(len(related), size=rng.integers(0, 3), replace=False)]
    town = towns[rng.integers(len(towns))]
    member_count = int(rng.integers(8, 31))
    chosen = rng.choice(len(organisations), size=member_count, replace=False, p=popularity)
    return {
        "name": f"{town} {theme[0]} Coalition {number}", "short_name": f"C{number}",
        "lead": organisations[chosen[0]],
        "cadence": _CADENCES[rng.integers(len(_CADENCES))],
        "hours": None if rng.random() < 0.1 else float(rng.choice((1.0, 1.5, 2.0, 3.0))),
        "geographies": (["Region-wide"] if rng.random() < 0.03 else
                        [places[i] for i in rng.choice(len(places), rng.integers(1, 5), replace=False)]),
        "populations": list(dict.fromkeys(p for t in (theme, *extra) for p in t[1][:1 + rng.integers(2)])),
        "issue_areas": [t[0] for t in (theme, *extra)],
        "members": [(organisations[o], f"Person {o:05d}-{rng.integers(2)}",
                     _ROLES[rng.integers(len(_ROLES))],
                     int(rng.integers(2, 13)) if rng.random() < 0.3 else None) for o in chosen],
        "goals": [_synthetic_goal(rng, t, town) for t in (theme, theme, *extra)
                  for _ in range(rng.integers(1, 3))],
        "strategies": [(text, kind, t[0]) for t in (theme, *extra)
                       for text, kind in t[3] if rng.random() < 0.6],
        "funders": [funders[i] for i in rng.choice(len(funders), rng.integers(0, 5), replace=False)],
        "asks": [(organisations[o], _ASK_TYPES[rng.integers(4)],
                  None if rng.random() < 0.3 else int(rng.choice((1, 2, 4, 12))))
                 for o in rng.choice(len(organisations), rng.integers(1, 6), replace=False, p=popularity)],
    }


def _synthetic_goal(rng, theme, town) -> tuple:
    area, populations, goals, _ = theme
    phrasings, indicator = goals[rng.integers(len(goals))]
    statement = phrasings[rng.integers(len(phrasings))]
    if rng.random() < 0.5:
        statement += f" in {town}"
    if rng.random() < 0.3:
        statement += f" by {rng.integers(2027, 2033)}"
    return statement, indicator, area, populations[rng.integers(len(populations))]


