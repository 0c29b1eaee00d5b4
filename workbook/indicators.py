"""Task 3, the North Star's evidence: indicator history in, one figure per row.

The indicator-data template is written from ``schema.INDICATOR_DATA`` by the
checklist's own template code (dropdowns, help, example row, version stamp), read
back by the checklist's reader (``reader.read_table_file``: the same size limits,
tolerance and problem catalogue) and loaded into the ``indicator_data`` table.

Choices, so the figures mean one thing:

* Long format: indicator, year, value, unit, subgroup, geography, source, note. A
  blank subgroup is everyone (``schema.WHOLE_POPULATION``), a blank geography the
  whole community (``schema.WHOLE_COMMUNITY``).
* A school year typed as 2019-20 is stored as 2020, the year it ends, with a note.
* Percentages are put on the 0-100 scale whichever way they were typed (48, 48%,
  0.48 in a cell shown as 48%), as on the checklist's goals.
* "TBD", "N/A", "?" in the value: no figure yet. The row is kept (value NULL, with a
  warning), so the year shows as a gap rather than vanishing.
* One figure per indicator, year, subgroup and geography across every file: a second
  row for the same point is reported on its cell and not loaded.

The ``indicator_*`` tables belong to this loader alone: a checklist load never drops
them, and each indicator load replaces them whole, in one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from . import schema as S
from . import store
from .community import Community
from .decisions import current, wording_key
from .forms import fill_table
from .intake.batch import skipped
from .intake.files import discover
from .intake.problems import Code, Problem, ProblemCounts
from .intake.reader import FAILED, LOADED, SKIPPED, Checklist, Record, read_table_file
from .numbers_text import counted
from .templates import build_template, save_workbook

SHEET = S.INDICATOR_DATA
TABLE = SHEET.name
PROBLEMS_TABLE = "indicator_problems"
TABLES = (TABLE, PROBLEMS_TABLE)
FILE_SUFFIX = "-indicator-data.xlsx"
TITLE = "Indicator data"
GUIDANCE = (
    ("What this is", "The history of the shared indicators: one row per figure, for one "
                     "year, for everyone or one subgroup, for the whole community or one "
                     "place. Several years make the turn-the-curve chart."),
    ("How to fill it", "Type or paste one figure per row under the grey example row. "
                       "Headings marked * (orange) are required. Hover over a cell for help."),
    ("Years", "Type the four-digit year. A school year typed as 2019-20 is read as 2020, "
              "the year it ends."),
    ("Percentages", "48, 48% and a cell formatted as a percentage all mean 48 percent."),
    ("Subgroups and places", "Leave Subgroup blank for everyone and Geography blank for the "
                             "whole community. Give each subgroup's or place's figure its own "
                             "row, with the same indicator and year."),
    ("Not known yet", "Leave the value blank or type TBD: the year shows as a gap."),
    ("Sources", "Name who publishes each figure, and the table or report, so others can "
                "check it and update it next year."),
    ("Do not", "Rename the sheet or the headings, or save as .csv. Keep the file as .xlsx."),
)


# --- the template -----------------------------------------------------------------------

def build_indicator_template(community: Community,
                             rows: Iterable[dict[str, Any]] = ()):
    """An openpyxl Workbook of the indicator-data form, with *rows* typed in as given."""
    workbook = build_template(community, S.INDICATOR_DATA_FORM, title=TITLE, guidance=GUIDANCE,
                              form_kind=S.INDICATOR_DATA_FORM_KIND)
    rows = list(rows)
    if rows:
        fill_table(workbook[SHEET.title], SHEET, rows)
    return workbook


def write_indicator_template(out: str | Path, community: Community,
                             rows: Iterable[dict[str, Any]] = ()) -> Path:
    return save_workbook(build_indicator_template(community, rows), Path(out))


# --- reading ------------------------------------------------------------------------------

@dataclass
class IndicatorReport(ProblemCounts):
    """Every indicator-data file of one load, and the problems found across files."""
    files: list[Checklist] = field(default_factory=list)
    extra_problems: list[Problem] = field(default_factory=list)
    points: list[tuple[Checklist, Record]] = field(default_factory=list)  # loaded, in order

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems] + self.extra_problems

    @property
    def loaded(self) -> list[Checklist]:
        return [f for f in self.files if f.status == LOADED]

    def summary_line(self) -> str:
        count = {status: sum(1 for f in self.files if f.status == status)
                 for status in (LOADED, FAILED, SKIPPED)}
        indicators = len({wording_key(r.values["indicator"]) for _, r in self.points})
        return (f"{count[LOADED]} of {counted(len(self.files), 'indicator-data file')} loaded "
                f"({counted(len(self.points), 'figure')} on {counted(indicators, 'indicator')}); "
                f"{count[FAILED]} not loaded, {count[SKIPPED]} skipped; "
                f"{counted(self.errors, 'error')} and {counted(self.warnings, 'warning')} "
                "need a look.")


def read_indicator_file(path: str | Path, community: Community) -> Checklist:
    """Read one file; never raises for a bad file: problems are recorded instead."""
    read = read_table_file(path, SHEET, community, S.INDICATOR_DATA_FORM_KIND)
    _one_school_year_note(read)
    if read.status == LOADED and not read.tables.get(TABLE):
        if not any(p.rows_not_loaded for p in read.problems):
            read.status = SKIPPED
            read.problems = [p for p in read.problems if Code[p.code].level == "file"]
            read.report(Code.FILE_BLANK_TEMPLATE)
    return read


LISTED_CELLS = 6


def _one_school_year_note(read: Checklist) -> None:
    """A file of school years is read one way throughout: one note, not one per cell."""
    notes = [p for p in read.problems if p.code == Code.CELL_SCHOOL_YEAR.name]
    if len(notes) < 2:
        return
    first = notes[0]
    example = next((r for r in read.tables.get(TABLE, []) + read.rejected
                    if r.cells.get("year") == first.cell and r.values.get("year")), None)
    if example is None:
        return  # the notes stay one per cell rather than name a year wrongly
    cells_text = ", ".join(p.cell for p in notes[:LISTED_CELLS]) + (
        ", …" if len(notes) > LISTED_CELLS else "")
    read.problems = [p for p in read.problems if p not in notes]
    read.report(Code.INDICATOR_SCHOOL_YEARS, sheet=first.sheet, field_=first.field,
                count=len(notes), cells=cells_text, value=school_year_text(example.values["year"]),
                fixed=example.values["year"])


def school_year_text(end_year: int) -> str:
    """2020 -> "2019-20", the usual way of writing the school year ending in 2020."""
    return f"{end_year - 1}-{end_year % 100:02d}"


def check_indicators(paths: list[str | Path], community: Community) -> IndicatorReport:
    """Read every indicator-data file named or found under *paths*; settle duplicates."""
    report = IndicatorReport()
    for candidate in discover(paths):
        if candidate.skip is None:
            report.files.append(read_indicator_file(candidate.path, community))
            continue
        report.files.append(skipped(candidate))
    _keep_one_per_point(report)
    return report


def point_key(values: dict[str, Any]) -> tuple:
    """What makes a figure one point: indicator wording, year, subgroup, place."""
    return (wording_key(values["indicator"]), values["year"],
            _plain(values.get("subgroup") or S.WHOLE_POPULATION),
            _plain(values.get("geography") or S.WHOLE_COMMUNITY))


def _plain(text: Any) -> str:
    return " ".join(str(text).casefold().split())


def _keep_one_per_point(report: IndicatorReport) -> None:
    first: dict[tuple, tuple[Checklist, Record]] = {}
    for checklist in sorted(report.loaded, key=lambda c: str(c.path)):
        for record in checklist.tables.get(TABLE, []):
            key = point_key(record.values)
            if key not in first:
                first[key] = (checklist, record)
                report.points.append((checklist, record))
                continue
            earlier_file, earlier = first[key]
            where = (f"{Path(earlier_file.path).name}, " if earlier_file is not checklist
                     else "") + f"cell {earlier.cells.get('value') or earlier.row}"
            row, column = record.row, _column_of(record, "value")
            checklist.report(Code.INDICATOR_POINT_DUPLICATE, sheet=SHEET.title, row=row,
                             column=column, field_=SHEET.field("value").label,
                             indicator=record.values["indicator"], year=record.values["year"],
                             subgroup=record.values.get("subgroup") or S.WHOLE_POPULATION,
                             geography=record.values.get("geography") or S.WHOLE_COMMUNITY,
                             value=_shown(record.values), kept=_shown(earlier.values),
                             where=where, rows_not_loaded=1)


def _column_of(record: Record, name: str) -> int | None:
    from .intake.layout import address
    a1 = record.cells.get(name) or record.cells.get("indicator")
    return address(a1)[1] if a1 else None


def _shown(values: dict[str, Any]) -> str:
    value = values.get("value")
    return str(value) if value is not None else (values.get("value_text") or "no figure")


# --- loading ------------------------------------------------------------------------------

def indicator_ddl() -> list[str]:
    """The data table, one column per field (read off the schema), and its problems."""
    columns = ["point_id INTEGER PRIMARY KEY", "indicator_key TEXT NOT NULL"]
    for f in SHEET.fields:
        columns.append(f"{f.name} {store.SQL_TYPES.get(f.type, 'TEXT')}")
        if f.type == S.MEASURE:
            columns.append(f"{f.name}{S.MEASURE_TEXT_SUFFIX} TEXT")
    columns += ["source_file TEXT NOT NULL", "source_cell TEXT", "extra_json TEXT"]
    data = f"CREATE TABLE {TABLE} (\n    " + ",\n    ".join(columns) + "\n)"
    problems = (f"CREATE TABLE {PROBLEMS_TABLE} (problem_id INTEGER PRIMARY KEY, severity TEXT "
                "NOT NULL, code TEXT NOT NULL, file TEXT NOT NULL, sheet TEXT, cell TEXT, "
                "field TEXT, message TEXT NOT NULL, fix TEXT NOT NULL, "
                "rows_not_loaded INTEGER NOT NULL)")
    return [data, problems]


def load_indicators(paths: list[str | Path], db_path: str | Path,
                    community: Community) -> IndicatorReport:
    """Read every file and replace the indicator tables with what loaded, all or nothing."""
    import json
    report = check_indicators(paths, community)
    _name_unshared(report, _shared_names(db_path))
    rows = []
    for number, (checklist, record) in enumerate(report.points, start=1):
        row = {"point_id": number, "indicator_key": wording_key(record.values["indicator"])}
        for f in SHEET.fields:
            row[f.name] = record.values.get(f.name)
            if f.type == S.MEASURE:
                text_name = f.name + S.MEASURE_TEXT_SUFFIX
                row[text_name] = record.values.get(text_name)
        row["source_file"] = str(checklist.path)
        row["source_cell"] = record.cells.get("value") or record.cells.get("indicator")
        row["extra_json"] = (json.dumps(record.extra, default=str, sort_keys=True)
                             if record.extra else None)
        rows.append(row)
    problems = [{"problem_id": n, "severity": str(p.severity), "code": p.code, "file": p.file,
                 "sheet": p.sheet, "cell": p.cell, "field": p.field, "message": p.message,
                 "fix": p.fix, "rows_not_loaded": p.rows_not_loaded}
                for n, p in enumerate(report.problems, start=1)]
    connection = store.connect(db_path)
    try:
        with store.transaction(connection):
            for table in TABLES:
                connection.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in indicator_ddl():
                connection.execute(statement)
            store.insert_rows(connection, TABLE, rows)
            store.insert_rows(connection, PROBLEMS_TABLE, problems)
    finally:
        connection.close()
    return report


def _shared_names(db_path: str | Path) -> list[str]:
    """The shared indicators in force; none before the room adopts any (or any log exists).

    Read from the decision log itself, where task 3 adopts them (tasks.results.northstar
    builds on this module, so it is not asked)."""
    if not Path(db_path).is_file() or not _has_table(db_path, "decision_entries"):
        return []
    return [entry.value or "" for entry in current(db_path, "shared_indicator")
            if entry.kind == "adopt"]


def _name_unshared(report: IndicatorReport, shared: list[str]) -> None:
    """Figures of an indicator the room has not adopted: one warning per file and name."""
    if not shared:
        return
    from .intake.cells import suggestion
    known = {wording_key(name) for name in shared}
    seen: dict[tuple[str, str], list[Record]] = {}
    files: dict[str, Checklist] = {}
    for checklist, record in report.points:
        key = wording_key(record.values["indicator"])
        if key not in known:
            seen.setdefault((str(checklist.path), key), []).append(record)
            files[str(checklist.path)] = checklist
    for (path, _), records in seen.items():
        first = records[0]
        files[path].report(Code.INDICATOR_NOT_SHARED, sheet=SHEET.title,
                           field_=SHEET.field("indicator").label,
                           value=first.values["indicator"], rows=len(records),
                           first=first.cells.get("indicator", f"row {first.row}"),
                           suggestion=suggestion(first.values["indicator"], shared))


# --- reading back -------------------------------------------------------------------------

HISTORY_COLUMNS = ["indicator", "indicator_key", "year", "value", "value_text", "unit",
                   "subgroup", "geography", "source", "note"]


def history(db: str | Path) -> pd.DataFrame:
    """Every loaded figure, one row each, ordered by indicator, subgroup, place and year."""
    if not Path(db).is_file() or not _has_table(db, TABLE):
        return pd.DataFrame(columns=HISTORY_COLUMNS)
    frame = store.read_table(db, f"SELECT {', '.join(HISTORY_COLUMNS)} FROM {TABLE} "
                                 "ORDER BY indicator_key, subgroup, geography, year")
    frame["year"] = frame["year"].astype(int)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    return frame


def _has_table(db: str | Path, name: str) -> bool:
    found = store.read_table(db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                 "AND name = ?", (name,))
    return not found.empty
