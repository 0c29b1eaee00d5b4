"""Table sheets: a heading row, the template's example row, then one record per row.

Every filled row either becomes a record or is named in a problem that counts it
in ``rows_not_loaded``.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, NamedTuple

from .. import schema as S
from ..community import Community
from . import cells, rules
from .layout import address, comparable, filled_row_count, heading_keys, match_heading, note, row_blank
from .problems import Code, cell_name
from .records import Checklist, Record

HEADER_SEARCH_ROWS = 10


@dataclass
class _Columns:
    header_row: int  # 0-based index into the grid
    fields: dict[int, S.Field]  # column index -> field
    extra: dict[int, str]  # column index -> heading of a column not in the schema


class _Reader(NamedTuple):
    """How one matched column is read, worked out once per sheet rather than once per cell."""
    index: int  # 0-based column
    field: S.Field
    letters: str  # the column's letters, for each cell's A1 address
    vocabulary: tuple[str, ...]
    several: bool
    measure: bool


def _readers(columns: _Columns, community: Community) -> list[_Reader]:
    return [_Reader(column, f, _column_letters(column),
                    community.vocabulary(f.vocabulary) if f.vocabulary else (),
                    f.several, f.type == S.MEASURE)
            for column, f in columns.fields.items()]


@functools.lru_cache(maxsize=256)
def _column_letters(column: int) -> str:
    """The letters of a 0-based column (A, B, ... AA)."""
    return cell_name(1, column + 1)[:-1]


def read_table(grid: list[list], sheet: S.Sheet, checklist: Checklist, community: Community,
               migration: S.Migration | None) -> list[Record]:
    checklist.filled_rows[sheet.title] = filled_row_count(grid)
    columns = _find_columns(grid, sheet, checklist, migration)
    if columns is None:
        filled = filled_row_count(grid)
        if filled:
            checklist.report(Code.HEADER_NOT_FOUND, sheet=sheet.title, rows=filled,
                             rows_not_loaded=filled)
        return []
    checklist.filled_rows[sheet.title] -= 1  # the heading row is not data
    for index in range(columns.header_row):
        if not row_blank(grid[index]):
            checklist.report(Code.ROWS_ABOVE_HEADER, sheet=sheet.title, row=index + 1,
                             column=1, rows_not_loaded=1)
    records: list[Record] = []
    readings: dict[int, dict[str, cells.Reading]] = {}
    first_ids: dict[str, int] = {}
    readers = _readers(columns, community)
    for index in range(columns.header_row + 1, len(grid)):
        row = grid[index]
        if row_blank(row):
            continue
        row_number = index + 1
        if index == columns.header_row + 1 and _is_example(row, columns, sheet, checklist,
                                                           row_number):
            checklist.filled_rows[sheet.title] -= 1
            continue
        record, row_readings = _read_row(row, row_number, sheet, columns, readers, checklist,
                                         community, migration)
        if record is not None and _unique_goal(record, first_ids, checklist, sheet):
            records.append(record)
            readings[id(record)] = row_readings
    rules.settle_percentages(sheet, records, readings, checklist)
    return records


def report_missing_table(sheet: S.Sheet, checklist: Checklist,
                         migration: S.Migration | None) -> None:
    """A table sheet absent from the file: an error if required, unless its version lacked it."""
    if migration is not None and sheet.name in migration.new_sheets:
        return  # the version warning names it
    if checklist.tables.get(sheet.name):
        return  # filled from an older version's form answers
    if sheet.required:
        checklist.report(Code.SHEET_MISSING, sheet=sheet.title)
    else:
        checklist.report(Code.SHEET_MISSING_OPTIONAL, sheet=sheet.title, what=sheet.title.lower())


def _find_columns(grid: list[list], sheet: S.Sheet, checklist: Checklist,
                  migration: S.Migration | None) -> _Columns | None:
    keys = heading_keys(sheet, migration)
    best_index, best_score = None, 0
    # A blank cell compares as "", which is no heading: most cells near the top are blank.
    count_blanks = "" in keys
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        filled = row if count_blanks else [value for value in row
                                           if value is not None and value != ""]
        if len(filled) <= best_score:
            continue  # were every filled cell a heading, this row would still not win
        score = sum(1 for value in filled if comparable(value) in keys)
        if score > best_score:
            best_index, best_score = index, score
    if best_index is None:
        return None
    columns = _Columns(best_index, {}, {})
    for column, heading in enumerate(grid[best_index]):
        field_, close = match_heading(heading, keys)
        # Fields compared by identity: comparing frozen dataclasses compares every attribute.
        if field_ is not None and all(f is not field_ for f in columns.fields.values()):
            columns.fields[column] = field_
            if close:
                checklist.report(Code.COLUMN_RENAMED, sheet=sheet.title, row=best_index + 1,
                                 column=column + 1, found=cells.clean_text(heading)[0],
                                 header=field_.header)
        elif not cells.is_blank(heading):
            columns.extra[column] = cells.clean_text(heading)[0]
            checklist.report(Code.COLUMN_EXTRA, sheet=sheet.title, row=best_index + 1,
                             column=column + 1, found=columns.extra[column])
    _report_missing_columns(sheet, columns, checklist, migration)
    return columns


def _report_missing_columns(sheet: S.Sheet, columns: _Columns, checklist: Checklist,
                            migration: S.Migration | None) -> None:
    present = {id(f) for f in columns.fields.values()}
    for f in sheet.fields:
        if id(f) not in present:
            report_missing_field(sheet, f, checklist, migration)


def report_missing_field(sheet: S.Sheet, f: S.Field, checklist: Checklist,
                         migration: S.Migration | None) -> None:
    """A heading absent from a sheet; a field its version did not have goes unmentioned."""
    if not f.required and migration is not None and (sheet.name, f.name) in migration.new_fields:
        return  # the version warning names what the file lacks
    code = Code.COLUMN_MISSING if f.required else Code.COLUMN_MISSING_OPTIONAL
    checklist.report(code, sheet=sheet.title, field_=f.label, header=f.header)


def _is_example(row: list, columns: _Columns, sheet: S.Sheet, checklist: Checklist,
                row_number: int) -> bool:
    """The template's example row is skipped unless someone typed over it."""
    marked = any(isinstance(v, str) and v.strip().startswith("◀") for v in row)
    same = all(_canonical(row[c] if c < len(row) else None) == _canonical(_example(f))
               for c, f in columns.fields.items())
    if same:
        return True
    if marked:
        checklist.report(Code.EXAMPLE_ROW_EDITED, sheet=sheet.title, row=row_number, column=1)
    return False


def _example(field_: S.Field) -> Any:
    return "; ".join(field_.example) if isinstance(field_.example, tuple) else field_.example


def _canonical(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return cells.clean_text(value)[0] if value is not None else ""


def _read_row(row: list, row_number: int, sheet: S.Sheet, columns: _Columns,
              readers: list[_Reader], checklist: Checklist, community: Community,
              migration: S.Migration | None) -> tuple[Record | None, dict[str, cells.Reading]]:
    values: dict[str, Any] = dict.fromkeys(f.name for f in sheet.fields)
    record = Record(sheet.name, row_number, values=values)
    addresses = record.cells
    readings: dict[str, cells.Reading] = {}
    raws: dict[str, object] = {}
    pending: list[tuple[list[cells.Note], int, S.Field]] = []
    width, number = len(row), str(row_number)
    for reader in readers:
        field_, name = reader.field, reader.field.name
        raw = row[reader.index] if reader.index < width else None
        if raw is None or raw == "":  # what the readers give for an empty cell, without them
            reading = cells.Reading([] if reader.several else None)
        elif reader.several:
            reading = cells.read_several(field_, [raw], reader.vocabulary)
        else:
            reading = cells.read_cell(field_, raw, reader.vocabulary)
        values[name] = reading.value
        if reader.measure:
            values[name + S.MEASURE_TEXT_SUFFIX] = reading.text
        addresses[name] = reader.letters + number
        readings[name], raws[name] = reading, raw
        if reading.notes:
            pending.append((reading.notes, reader.index + 1, field_))
    _keep_extra(row, row_number, columns, record, checklist, sheet)
    for notes, note_column, field_ in pending:
        note(checklist, notes, sheet, row_number, note_column, field_)
    if sheet is S.AREAS:
        rules.check_area(record, readings, checklist, community)
    if not _row_complete(sheet, record, readings, raws, columns, checklist):
        checklist.rejected.append(record)
        return None, readings
    rules.report_recommended(sheet, record, readings, checklist, set(readings))
    rules.infer_percent_unit(sheet, record, readings, checklist)
    rules.apply_defaults(sheet, record, readings, migration)
    return record, readings


def _row_complete(sheet: S.Sheet, record: Record, readings: dict[str, cells.Reading],
                  raws: dict[str, object], columns: _Columns, checklist: Checklist) -> bool:
    """One rejecting problem per incomplete row, naming why: unusable, blank, or nobody named."""
    missing = rules.missing_required(sheet, record, readings)
    row = record.row
    if missing.unusable:
        first = missing.unusable[0]
        checklist.report(Code.ROW_REQUIRED_UNUSABLE, sheet=sheet.title, row=row,
                         column=_column_of(columns, first), field_=first.label,
                         value=cells.clean_text(raws[first.name])[0])
        return False
    if missing.blank:
        checklist.report(Code.ROW_MISSING_REQUIRED, sheet=sheet.title, row=row,
                         column=_column_of(columns, missing.blank[0]),
                         field_=", ".join(f.label for f in missing.blank))
        return False
    unmet = rules.missing_one_of(sheet, record, readings)
    if unmet:
        checklist.report(Code.ROW_MISSING_ONE_OF, sheet=sheet.title, row=row,
                         column=_column_of(columns, unmet[0][0]),
                         field_=rules.one_of_label(unmet[0]))
        return False
    return True


def _column_of(columns: _Columns, field_: S.Field) -> int:
    return next((c for c, f in columns.fields.items() if f is field_), 0) + 1


def _keep_extra(row: list, row_number: int, columns: _Columns, record: Record,
                checklist: Checklist, sheet: S.Sheet) -> None:
    for column, value in enumerate(row):
        if column in columns.fields or cells.is_blank(value):
            continue
        heading = columns.extra.get(column)
        if heading is None:
            heading = f"column {cell_name(1, column + 1)[:-1]}"
            checklist.report(Code.COLUMN_EXTRA, sheet=sheet.title, row=row_number,
                             column=column + 1, found=heading)
        record.extra[heading] = value


def _unique_goal(record: Record, first_ids: dict[str, int], checklist: Checklist,
                 sheet: S.Sheet) -> bool:
    if sheet is not S.GOALS:
        return True
    goal_id = str(record.values["goal_id"]).upper()
    if goal_id in first_ids:
        row, column = address(record.cells["goal_id"])
        checklist.report(Code.ROW_DUPLICATE_ID, sheet=sheet.title, row=row, column=column,
                         field_="Goal ID", value=record.values["goal_id"],
                         first_row=first_ids[goal_id])
        return False
    first_ids[goal_id] = record.row
    return True

