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


def files_loaded(db: str | Path) -> int:
    counted = read_table(db, """
        SELECT COUNT(*) AS n FROM load_files
        WHERE load_id = (SELECT MAX(load_id) FROM loads) AND status = 'loaded'""")
    return int(counted["n"].iloc[0])


def load_problems(db: str | Path) -> pd.DataFrame:
    return read_table(db, """
        SELECT severity, code, file, sheet, cell, field, message, fix
        FROM problems ORDER BY severity = 'warning', file, sheet, row""")


# --- coverage: who works where, and the gaps -------------------------------------

DIMENSION_TABLES = {
    "issue_area": "coalition_issue_areas",
    "population": "coalition_populations",
    "geography": "coalition_geographies",
}
DIMENSION_VOCABULARIES = {"issue_area": "issue_areas", "population": "populations",
                          "geography": "geographies"}


@dataclass(frozen=True)
class Filters:
    """Keep coalitions that work on any of the chosen values (empty = no filter)."""
    issue_areas: tuple[str, ...] = ()
    populations: tuple[str, ...] = ()
    geographies: tuple[str, ...] = ()


def coalition_dimensions(db: str | Path) -> pd.DataFrame:
    """Long form: coalition_id, coalition, dimension, value — one row per footprint value."""
    parts = [f"SELECT c.coalition_id, c.name AS coalition, '{dimension}' AS dimension, t.value "
             f"FROM {table} t JOIN coalitions c USING (coalition_id)"
             for dimension, table in DIMENSION_TABLES.items()]
    return read_table(db, " UNION ALL ".join(parts))


def filtered_coalitions(footprints: pd.DataFrame, filters: Filters) -> set[int]:
    keep = set(footprints["coalition_id"])
    for dimension, chosen in (("issue_area", filters.issue_areas),
                              ("population", filters.populations),
                              ("geography", filters.geographies)):
        if chosen:
            rows = footprints[(footprints["dimension"] == dimension)
                              & footprints["value"].isin(chosen)]
            keep &= set(rows["coalition_id"])
    return keep


def coverage(footprints: pd.DataFrame, rows: str, columns: str,
             row_values: tuple[str, ...], column_values: tuple[str, ...],
             filters: Filters = Filters()) -> pd.DataFrame:
    """Every (row value, column value) cell with how many coalitions work there, and which.

    Cells nobody works in are kept with a count of 0: they are the gaps. Values a
    checklist used that are not in the community's lists are added at the end.
    """
    keep = filtered_coalitions(footprints, filters)
    kept = footprints[footprints["coalition_id"].isin(keep)]
    left = kept[kept["dimension"] == rows][["coalition_id", "coalition", "value"]]
    right = kept[kept["dimension"] == columns][["coalition_id", "value"]]
    pairs = left.merge(right, on="coalition_id", suffixes=("_row", "_column"))
    grouped = (pairs.groupby(["value_row", "value_column"])["coalition"]
               .agg(lambda names: sorted(set(names))).rename("coalitions").reset_index())
    all_rows = list(dict.fromkeys([*row_values, *sorted(set(left["value"]) - set(row_values))]))
    all_columns = list(dict.fromkeys([*column_values,
                                      *sorted(set(right["value"]) - set(column_values))]))
    grid = pd.MultiIndex.from_product([all_rows, all_columns],
                                      names=["value_row", "value_column"]).to_frame(index=False)
    cells = grid.merge(grouped, how="left", on=["value_row", "value_column"])
    cells["coalitions"] = cells["coalitions"].apply(lambda v: v if isinstance(v, list) else [])
    cells["count"] = cells["coalitions"].apply(len)
    return cells.rename(columns={"value_row": rows, "value_column": columns})


def gaps(cells: pd.DataFrame) -> pd.DataFrame:
    return cells[cells["count"] == 0].drop(columns=["coalitions"])


# --- a coalition's footprint card ------------------------------------------------

@dataclass(frozen=True)
class Footprint:
    coalition_id: int
    name: str
    short_name: str | None
    lead_organisation: str | None
    mission: str | None
    geographies: list[str]
    populations: list[str]
    issue_areas: list[str]
    meeting: str
    budget: float | None
    staff_fte: float | None
    goals: pd.DataFrame
    strategies: pd.DataFrame
    members: pd.DataFrame
    funders: pd.DataFrame


def coalition_names(db: str | Path) -> pd.DataFrame:
    return read_table(db, "SELECT coalition_id, name, short_name FROM coalitions ORDER BY name")


def footprint(db: str | Path, coalition_id: int) -> Footprint:
    base = read_table(db, """
        SELECT c.*, o.name AS lead_name FROM coalitions c
        LEFT JOIN organisations o ON o.organisation_id = c.lead_organisation_id
        WHERE c.coalition_id = ?""", (coalition_id,))
    if base.empty:
        raise KeyError(f"no coalition {coalition_id}")
    row = base.iloc[0]
    values = read_table(db, " UNION ALL ".join(
        f"SELECT '{d}' AS dimension, value FROM {t} WHERE coalition_id = :id"
        for d, t in DIMENSION_TABLES.items()), {"id": coalition_id})

    def listed(dimension: str) -> list[str]:
        return values.loc[values["dimension"] == dimension, "value"].tolist()

    def table(sql: str) -> pd.DataFrame:
        return read_table(db, sql, (coalition_id,))

    hours = f", {row['meeting_hours']:g} h" if pd.notna(row["meeting_hours"]) else ""
    return Footprint(
        coalition_id=coalition_id, name=row["name"], short_name=_text(row["short_name"]),
        lead_organisation=_text(row["lead_name"]) or _text(row["lead_organisation"]),
        mission=_text(row["mission"]), geographies=listed("geography"),
        populations=listed("population"), issue_areas=listed("issue_area"),
        meeting=f"{row['meeting_cadence'] or 'Cadence not given'}{hours}",
        budget=_number(row["annual_budget"]), staff_fte=_number(row["staff_fte"]),
        goals=table("SELECT goal_id, statement, indicator, baseline_value, baseline_year, "
                    "target_value, target_year FROM goals WHERE coalition_id = ? ORDER BY goal_row_id"),
        strategies=table("SELECT strategy, strategy_type, status FROM strategies "
                         "WHERE coalition_id = ? ORDER BY strategy_id"),
        members=table("SELECT COALESCE(o.name, m.organisation) AS organisation, m.sector, "
                      "m.representative, m.role FROM members m LEFT JOIN organisations o "
                      "ON o.organisation_id = m.organisation_id WHERE m.coalition_id = ? "
                      "ORDER BY m.membership_id"),
        funders=table("SELECT COALESCE(o.name, f.funder) AS funder, f.amount, f.start_year, "
                      "f.end_year FROM funders f LEFT JOIN organisations o "
                      "ON o.organisation_id = f.funder_id WHERE f.coalition_id = ? "
                      "ORDER BY f.funding_id"),
    )


def _text(value) -> str | None:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
