"""Task 1, map the moving trains: what the starter database holds."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..store import read_table


@dataclass(frozen=True)
class Inventory:
    coalitions: int
    organisations: int
    people: int
    goals: int
    strategies: int
    memberships: int


def inventory(db: str | Path) -> Inventory:
    counts = read_table(db, """
        SELECT (SELECT COUNT(*) FROM coalitions) AS coalitions,
               (SELECT COUNT(*) FROM organisations) AS organisations,
               (SELECT COUNT(*) FROM people) AS people,
               (SELECT COUNT(*) FROM goals) AS goals,
               (SELECT COUNT(*) FROM strategies) AS strategies,
               (SELECT COUNT(*) FROM members) AS memberships""").iloc[0]
    return Inventory(**{k: int(v) for k, v in counts.items()})


def coalition_table(db: str | Path) -> pd.DataFrame:
    """One row per coalition with its footprint in brief."""
    return read_table(db, """
        SELECT c.name AS coalition, c.short_name, o.name AS lead_organisation,
               (SELECT group_concat(value, '; ') FROM coalition_geographies g
                 WHERE g.coalition_id = c.coalition_id) AS geographies,
               (SELECT group_concat(value, '; ') FROM coalition_populations p
                 WHERE p.coalition_id = c.coalition_id) AS populations,
               (SELECT group_concat(value, '; ') FROM coalition_issue_areas i
                 WHERE i.coalition_id = c.coalition_id) AS issue_areas,
               (SELECT COUNT(DISTINCT m.organisation_id) FROM members m
                 WHERE m.coalition_id = c.coalition_id) AS member_organisations,
               (SELECT COUNT(*) FROM goals g WHERE g.coalition_id = c.coalition_id) AS goals,
               c.meeting_cadence
        FROM coalitions c LEFT JOIN organisations o ON o.organisation_id = c.lead_organisation_id
        ORDER BY c.name""")


def load_summary(db: str | Path) -> dict:
    """The latest load: when, how many files, how many problems."""
    last = read_table(db, "SELECT * FROM loads ORDER BY load_id DESC LIMIT 1")
    if last.empty:
        return {}
    return last.iloc[0].to_dict()


def load_problems(db: str | Path) -> pd.DataFrame:
    return read_table(db, """
        SELECT severity, code, file, sheet, cell, field, message, fix
        FROM problems ORDER BY severity = 'warning', file, sheet, row""")
