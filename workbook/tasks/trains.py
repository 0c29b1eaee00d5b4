"""Task 1, map the moving trains: what the starter database holds."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..intake.problems import Code
from ..store import read_table
from ..times import local_time_text  # noqa: F401  (the dashboards read it here)
from . import coverage, funding, history, leadership, meetings
from .goal_figures import figure_text
from .database import columns_of, has_table


@dataclass(frozen=True)
class Inventory:
    coalitions: int  # those shown: ended and merged ones only when asked for
    organisations: int
    people: int
    goals: int
    strategies: int
    memberships: int
    residents: int  # seats held for no organisation: counted as people only
    not_shown: str  # "2 ended coalitions not shown", or ""


def inventory(db: str | Path, include_ended: bool = False) -> Inventory:
    shown = history.shown_coalitions(db, include_ended)
    counts = read_table(db, """
        SELECT (SELECT COUNT(*) FROM organisations) AS organisations,
               (SELECT COUNT(*) FROM people) AS people,
               (SELECT COUNT(*) FROM goals) AS goals,
               (SELECT COUNT(*) FROM strategies) AS strategies,
               (SELECT COUNT(*) FROM members) AS memberships,
               (SELECT COUNT(*) FROM members WHERE organisation_id IS NULL) AS residents
        """).iloc[0]
    return Inventory(coalitions=len(shown.ids), not_shown=shown.note,
                     **{k: int(v) for k, v in counts.items()})


def coalition_table(db: str | Path, include_ended: bool = False) -> pd.DataFrame:
    """One row per coalition shown, with its footprint in brief."""
    shown = history.shown_coalitions(db, include_ended)
    statuses = history.coalition_statuses(db).set_index("coalition_id")["status"]
    frame = read_table(db, """
        SELECT c.coalition_id, c.name AS coalition, c.short_name,
               (SELECT group_concat(value, '; ') FROM coalition_populations p
                 WHERE p.coalition_id = c.coalition_id) AS populations,
               (SELECT group_concat(value, '; ') FROM coalition_issue_areas i
                 WHERE i.coalition_id = c.coalition_id) AS issue_areas,
               (SELECT COUNT(DISTINCT m.organisation_id) FROM members m
                 WHERE m.coalition_id = c.coalition_id) AS member_organisations,
               (SELECT COUNT(*) FROM members m WHERE m.coalition_id = c.coalition_id
                 AND m.organisation_id IS NULL) AS residents,
               (SELECT COUNT(*) FROM goals g WHERE g.coalition_id = c.coalition_id) AS goals,
               c.meeting_cadence
        FROM coalitions c ORDER BY c.name""")
    frame = frame[frame["coalition_id"].isin(shown.ids)].reset_index(drop=True)
    leaders = leadership.leading_organisations(db, frame["coalition_id"])
    leads = leaders[leaders["role"] == leadership.LEAD_ROLE].groupby("coalition_id")["organisation"]
    areas = coverage.read_areas(db)
    areas["text"] = [coverage.area_text(r.level, r.area, r.coverage) for r in areas.itertuples()]
    frame.insert(3, "lead_organisations", frame["coalition_id"].map(leads.agg("; ".join)))
    frame.insert(4, "areas", frame["coalition_id"].map(
        areas.groupby("coalition_id")["text"].agg("; ".join)))
    if include_ended:
        frame.insert(3, "status", frame["coalition_id"].map(statuses))
    return frame.drop(columns="coalition_id")


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


# --- the load report, for people -------------------------------------------------

CLEAN, WARNINGS, ERRORS = "clean", "warnings", "errors"
REPORT_COLUMNS = ["severity", "file", "where", "problem", "what", "fix"]


def worst_problem(summary: dict) -> str:
    """ERRORS, WARNINGS or CLEAN: what colours the data-quality badge."""
    if int(summary.get("errors") or 0):
        return ERRORS
    return WARNINGS if int(summary.get("warnings") or 0) else CLEAN


def shown_path(path: str, folder: Path | None) -> str:
    """*path* relative to the community folder when it lies inside it."""
    if folder is None or not path:
        return path
    folder = Path(folder).resolve()
    candidate = Path(path)
    try:
        return candidate.resolve().relative_to(folder).as_posix()
    except (ValueError, OSError):
        pass
    # Loaded from another working directory: match the folder's own name in the path.
    parts = candidate.parts
    if folder.name in parts:
        at = len(parts) - 1 - parts[::-1].index(folder.name)
        return Path(*parts[at + 1:]).as_posix() if parts[at + 1:] else path
    return path


def report_rows(db: str | Path, folder: Path | None) -> pd.DataFrame:
    """The latest load's problems in plain words: file relative to the community folder,
    where in it, the catalogue's short title for the code, what is wrong and the fix."""
    problems = load_problems(db)
    prefixes = [f"{p}/" for p in ({str(folder), str(Path(folder).resolve())} if folder else ())]

    def plain(text) -> str:
        text = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
        for prefix in prefixes:
            text = text.replace(prefix, "")
        return text

    rows = [{"severity": str(p.severity).capitalize(),
             "file": shown_path(str(p.file), folder),
             "where": ", ".join(plain(v) for v in (p.sheet, p.cell) if plain(v)),
             "problem": _title(p.code),
             "what": plain(p.message), "fix": plain(p.fix)}
            for p in problems.itertuples()]
    return pd.DataFrame(rows, columns=REPORT_COLUMNS)


def _title(code: str) -> str:
    try:
        return Code[code].title
    except KeyError:  # a code from a newer version of the workbook: say it as it is
        return str(code).replace("_", " ").capitalize()


# --- coverage: who works where, and the gaps -------------------------------------

DIMENSIONS = ("issue_area", "population", "geography")
DIMENSION_VOCABULARIES = {"issue_area": "issue_areas", "population": "populations"}
_LIST_TABLES = {"issue_area": "coalition_issue_areas", "population": "coalition_populations"}


DIMENSION_LABELS = {"issue_area": "Issue area", "population": "Population",
                    "geography": "Geography"}


@dataclass(frozen=True)
class Filters:
    """Keep coalitions that work on any of the chosen values (empty = no filter)."""
    issue_areas: tuple[str, ...] = ()
    populations: tuple[str, ...] = ()
    geographies: tuple[str, ...] = ()

    def chosen(self, dimension: str) -> tuple[str, ...]:
        return {"issue_area": self.issue_areas, "population": self.populations,
                "geography": self.geographies}[dimension]

    def describe(self) -> str:
        """'Population: Early childhood · Geography: Bell County', or '' with no filter."""
        return " · ".join(f"{DIMENSION_LABELS[d]}: {', '.join(self.chosen(d))}"
                          for d in DIMENSIONS if self.chosen(d))


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
    part of the cell's area), count (all of them), whole_count, filtered and gap. A cell
    whose row or column value lies outside a filter on its dimension is *filtered* (it
    lists nobody and is not a gap: the room chose not to look there). Other cells nobody
    works in are the gaps. Values a checklist used that are not in the community's lists
    are added at the end.
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
    cells["filtered"] = _outside(cells["value_row"], filters.chosen(rows)) | _outside(
        cells["value_column"], filters.chosen(columns))
    for column in ("coalitions", "part"):
        cells.loc[cells["filtered"], column] = pd.Series(
            [[] for _ in range(int(cells["filtered"].sum()))], index=cells.index[cells["filtered"]],
            dtype=object)
    cells["count"] = cells["coalitions"].apply(len)
    cells["whole_count"] = cells["count"] - cells["part"].apply(len)
    cells["gap"] = (cells["count"] == 0) & ~cells["filtered"]
    return cells.rename(columns={"value_row": rows, "value_column": columns})


def _outside(values: pd.Series, chosen: tuple[str, ...]) -> pd.Series:
    return ~values.isin(chosen) if chosen else pd.Series(False, index=values.index)


@dataclass(frozen=True)
class CoverageCounts:
    cells: int
    gaps: int  # in view and worked on by nobody
    part_only: int  # worked on only by coalitions covering part of the area
    filtered: int  # outside the filters: neither gaps nor covered


def coverage_counts(cells: pd.DataFrame) -> CoverageCounts:
    filtered = cells["filtered"] if "filtered" in cells else pd.Series(False, index=cells.index)
    return CoverageCounts(
        cells=len(cells), gaps=int(((cells["count"] == 0) & ~filtered).sum()),
        part_only=int(((cells["count"] > 0) & (cells["whole_count"] == 0)).sum()),
        filtered=int(filtered.sum()))


def first_cell_to_discuss(cells: pd.DataFrame) -> pd.Series | None:
    """The first gap, else the least-covered square in view; None if nothing is in view."""
    in_view = cells[~cells["filtered"]] if "filtered" in cells else cells
    if in_view.empty:
        return None
    return in_view.sort_values("count", kind="stable").iloc[0]


# --- a coalition's footprint card ------------------------------------------------

@dataclass(frozen=True)
class Footprint:
    coalition_id: int
    name: str
    short_name: str | None
    status: str  # "Active" when blank
    history: str | None  # "Merged into X in 2024", former names...
    leadership: leadership.Leadership
    mission: str | None
    areas: list[str]  # "Easton (city or town, part)"
    populations: list[str]
    issue_areas: list[str]
    meeting: str  # the full coalition's, from the form
    bodies: list[str]  # each body that meets, with its rhythm
    budget: float | None
    staff_fte: float | None
    residents: int  # seats held for no organisation
    goals: pd.DataFrame
    strategies: pd.DataFrame
    members: pd.DataFrame
    funders: pd.DataFrame


def coalition_names(db: str | Path, include_ended: bool = False) -> pd.DataFrame:
    names = read_table(db, "SELECT coalition_id, name, short_name FROM coalitions ORDER BY name")
    return names[names["coalition_id"].isin(history.shown_coalitions(db, include_ended).ids)] \
        .reset_index(drop=True)


def footprint(db: str | Path, coalition_id: int) -> Footprint:
    base = read_table(db, "SELECT * FROM coalitions WHERE coalition_id = ?", (coalition_id,))
    if base.empty:
        raise KeyError(f"no coalition {coalition_id}")
    row = base.iloc[0]
    values = read_table(db, " UNION ALL ".join(
        f"SELECT '{d}' AS dimension, value FROM {t} WHERE coalition_id = :id"
        for d, t in _LIST_TABLES.items()), {"id": coalition_id})

    def listed(dimension: str) -> list[str]:
        return values.loc[values["dimension"] == dimension, "value"].tolist()

    def table(sql: str) -> pd.DataFrame:
        return read_table(db, sql, (coalition_id,))

    areas = coverage.read_areas(db)
    areas = areas[areas["coalition_id"] == coalition_id]
    bodies = meetings.read_bodies(db)
    hours = f", {row['meeting_hours']:g} h" if pd.notna(row["meeting_hours"]) else ""
    members = table("SELECT o.name AS organisation, m.sector, m.representative, m.role "
                    "FROM members m LEFT JOIN organisations o "
                    "ON o.organisation_id = m.organisation_id WHERE m.coalition_id = ? "
                    "ORDER BY m.membership_id")
    residents = int(members["organisation"].isna().sum())
    members["organisation"] = members["organisation"].fillna(NO_ORGANISATION)
    return Footprint(
        coalition_id=coalition_id, name=row["name"], short_name=_text(row["short_name"]),
        status=_text(row.get("status")) or "Active", history=_history_text(db, row),
        leadership=leadership.leadership(
            leadership.leading_organisations(db, [coalition_id]), coalition_id),
        mission=_text(row["mission"]),
        areas=[coverage.area_text(r.level, r.area, r.coverage) for r in areas.itertuples()],
        populations=listed("population"), issue_areas=listed("issue_area"),
        meeting=f"{row['meeting_cadence'] or 'Cadence not given'}{hours}",
        bodies=[meetings.body_text(b) for b in
                bodies[bodies["coalition_id"] == coalition_id].itertuples()],
        budget=_number(row["annual_budget"]), staff_fte=_number(row["staff_fte"]),
        residents=residents,
        goals=_goals_table(db, coalition_id),
        strategies=table("SELECT strategy, strategy_type, status FROM strategies "
                         "WHERE coalition_id = ? ORDER BY strategy_id"),
        members=members,
        funders=_funders_table(db, coalition_id),
    )


NO_ORGANISATION = "— (resident, no organisation)"


def _history_text(db: str | Path, row: pd.Series) -> str | None:
    said = []
    status = _text(row.get("status"))
    year = f" in {int(row['year_ended'])}" if pd.notna(row.get("year_ended")) else ""
    if status == "Merged into another coalition":
        into = _text(row.get("merged_into"))
        said.append(f"Merged into {into}{year}" if into else f"Merged{year}")
    elif status == "Ended":
        said.append(f"Ended{year}")
    elif status and status != "Active":
        said.append(status)
    if has_table(db, "coalition_former_names"):
        former = read_table(db, "SELECT value FROM coalition_former_names WHERE coalition_id = ? "
                                "ORDER BY position", (int(row["coalition_id"]),))["value"].tolist()
        if former:
            said.append("Formerly " + "; ".join(former))
    return ". ".join(said) or None


def _goals_table(db: str | Path, coalition_id: int) -> pd.DataFrame:
    """Goals with each figure in its unit: baseline, latest and target with their years."""
    present = columns_of(db, "goals")
    extra = ", ".join(c if c in present else f"NULL AS {c}" for c in (
        "unit", "latest_value", "latest_year", "baseline_value_text", "latest_value_text",
        "target_value_text"))
    goals = read_table(db, f"""
        SELECT goal_id, statement, indicator, baseline_value, baseline_year, target_value,
               target_year, {extra}
        FROM goals WHERE coalition_id = ? ORDER BY goal_row_id""", (coalition_id,))

    shown = [{"goal_id": r.goal_id, "statement": r.statement, "indicator": r.indicator,
              "unit": r.unit if isinstance(r.unit, str) else "",
              "baseline": figure_text(r.baseline_value, r.unit, r.baseline_year,
                                      r.baseline_value_text),
              "latest": figure_text(r.latest_value, r.unit, r.latest_year, r.latest_value_text),
              "target": figure_text(r.target_value, r.unit, r.target_year, r.target_value_text)}
             for r in goals.itertuples()]
    return pd.DataFrame(shown, columns=["goal_id", "statement", "indicator", "unit", "baseline",
                                        "latest", "target"])


def _funders_table(db: str | Path, coalition_id: int) -> pd.DataFrame:
    """Funders with the amount as given and its kind (a total stays a total here)."""
    rows = funding.funding_rows(db, [coalition_id])
    return pd.DataFrame({
        "funder": rows["funder"],
        "amount": [funding.described(r.amount, r.amount_kind, r.start_year, r.end_year)
                   for r in rows.itertuples()],
        "kind": rows["amount_kind"]}, columns=["funder", "amount", "kind"])


def _text(value) -> str | None:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
