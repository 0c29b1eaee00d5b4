"""Task 1, map the moving trains: what the starter database holds."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..store import read_table
from . import coverage, history


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

DIMENSIONS = ("issue_area", "population", "geography")
DIMENSION_VOCABULARIES = {"issue_area": "issue_areas", "population": "populations"}
_LIST_TABLES = {"issue_area": "coalition_issue_areas", "population": "coalition_populations"}


@dataclass(frozen=True)
class Filters:
    """Keep coalitions that work on any of the chosen values (empty = no filter)."""
    issue_areas: tuple[str, ...] = ()
    populations: tuple[str, ...] = ()
    geographies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Footprints:
    """Where, for whom and on what each shown coalition works, as grids count it.

    values: coalition_id, coalition, dimension, value, whole (False: the coalition
    covers only part of that area). Geography is seen at *level* (see
    ``coverage.project``); "All ages" is spread over every population.
    """
    values: pd.DataFrame
    level: str  # the geography level the values show
    levels: tuple[str, ...]  # levels a grid can show, coarse to fine
    axes: dict[str, tuple[str, ...]]  # each dimension's values in the community's order
    shown: history.ShownCoalitions


def footprints(db: str | Path, community, level: str | None = None,
               include_ended: bool = False) -> Footprints:
    """The footprint values of the coalitions shown, geography at *level* (None: the default)."""
    shown = history.shown_coalitions(db, include_ended)
    names = read_table(db, "SELECT coalition_id, name AS coalition FROM coalitions")
    names = names[names["coalition_id"].isin(shown.ids)]
    areas = coverage.read_areas(db)
    areas = areas[areas["coalition_id"].isin(shown.ids)]
    geography = coverage.Geography.of(community, areas)
    levels = coverage.reported_levels(areas)
    level = level or coverage.grid_level(levels)
    parts = []
    for dimension, table in _LIST_TABLES.items():
        rows = read_table(db, f"SELECT coalition_id, value FROM {table} ORDER BY coalition_id, position")
        rows = rows[rows["coalition_id"].isin(shown.ids)]
        listed = community.vocabulary(DIMENSION_VOCABULARIES[dimension])
        universe = [*listed, *rows["value"]]
        rows = coverage.covering_rows(rows, dimension, universe).drop(columns="via_whole_list")
        parts.append(rows.assign(dimension=dimension, whole=True))
    placed = coverage.project(areas, level, geography).rename(columns={"area": "value"})
    parts.append(placed.assign(dimension="geography"))
    values = (pd.concat(parts, ignore_index=True).merge(names, on="coalition_id")
              [["coalition_id", "coalition", "dimension", "value", "whole"]])
    axes = {d: tuple(v for v in community.vocabulary(DIMENSION_VOCABULARIES[d])
                     if not coverage.is_whole_list_value(d, v)) for d in _LIST_TABLES}
    axes["geography"] = tuple(geography.areas_by_level.get(level, ()))
    offered = {lv for lv, listed in geography.areas_by_level.items() if listed} | {level}
    offered |= set().union(*levels.values()) if levels else set()
    ordered = tuple(lv for lv in coverage.LEVELS if lv in offered)
    return Footprints(values, level, ordered, axes, shown)


def coalition_dimensions(db: str | Path, community, level: str | None = None,
                         include_ended: bool = False) -> pd.DataFrame:
    """Long form: coalition_id, coalition, dimension, value, whole — one row per value."""
    return footprints(db, community, level, include_ended).values


def filtered_coalitions(values: pd.DataFrame, filters: Filters) -> set[int]:
    keep = set(values["coalition_id"])
    for dimension, chosen in (("issue_area", filters.issue_areas),
                              ("population", filters.populations),
                              ("geography", filters.geographies)):
        if chosen:
            rows = values[(values["dimension"] == dimension) & values["value"].isin(chosen)]
            keep &= set(rows["coalition_id"])
    return keep


def coverage_cells(values: pd.DataFrame, rows: str, columns: str,
                   row_values: tuple[str, ...], column_values: tuple[str, ...],
                   filters: Filters = Filters()) -> pd.DataFrame:
    """Every (row value, column value) cell with the coalitions working there.

    Columns: the two dimensions, coalitions (names, sorted), part (those covering only
    part of the cell's area), count (all of them) and whole_count. Cells nobody works
    in are kept with a count of 0: they are the gaps. Values a checklist used that are
    not in the community's lists are added at the end.
    """
    keep = filtered_coalitions(values, filters)
    kept = values[values["coalition_id"].isin(keep)]
    left = kept[kept["dimension"] == rows][["coalition_id", "coalition", "value", "whole"]]
    right = kept[kept["dimension"] == columns][["coalition_id", "value", "whole"]]
    pairs = left.merge(right, on="coalition_id", suffixes=("_row", "_column"))
    pairs["whole"] = pairs["whole_row"] & pairs["whole_column"]
    grouped = pairs.groupby(["value_row", "value_column"]).agg(
        coalitions=("coalition", lambda names: sorted(set(names))),
        part=("coalition", lambda names: sorted(set(names[~pairs.loc[names.index, "whole"]]))),
    ).reset_index()
    all_rows = list(dict.fromkeys([*row_values, *sorted(set(left["value"]) - set(row_values))]))
    all_columns = list(dict.fromkeys([*column_values,
                                      *sorted(set(right["value"]) - set(column_values))]))
    grid = pd.MultiIndex.from_product([all_rows, all_columns],
                                      names=["value_row", "value_column"]).to_frame(index=False)
    cells = grid.merge(grouped, how="left", on=["value_row", "value_column"])
    for column in ("coalitions", "part"):
        cells[column] = cells[column].apply(lambda v: v if isinstance(v, list) else [])
    cells["count"] = cells["coalitions"].apply(len)
    cells["whole_count"] = cells["count"] - cells["part"].apply(len)
    return cells.rename(columns={"value_row": rows, "value_column": columns})


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
