"""What the parser's grid leaves out, put back or flagged before any cell is read.

calamine gives a merged range's value in its first cell only, an empty string for a
formula whose result was never saved, and an empty string for an error cell
(#REF!, #DIV/0!). Each would silently change the data, so here the grid of a
checklist sheet gets the error text back (the cell reader then reports it), a
merged range down one column gets its value on every row it covers (a member
organisation merged over its three representatives), and every other case gets a
line saying what was done. Names pasted from Word keep a line break; the names are
put on one line after reading, with a warning.
"""
from __future__ import annotations

import re

from .. import schema as S
from . import cells, layout
from .limits import MAX_GRID_CELLS, OverLimit, PackageScan, SheetScan
from .problems import Code, cell_name
from .records import Checklist, Record

LINE_BREAKS = re.compile(r"\s*[\r\n\v\f\u2028\u2029]+\s*")


class Book:
    """The parsed workbook, with the package scan that knows what it leaves out."""

    def __init__(self, workbook, scan: PackageScan | None, ahead=None) -> None:
        self.workbook = workbook
        self.scan = scan
        self.ahead = ahead  # the sheets parsed ahead on another thread (``ahead.Parsed``)

    @property
    def sheet_names(self) -> list[str]:
        return self.workbook.sheet_names

    def get_sheet_by_name(self, name: str):
        """The parsed sheet, refused before it becomes Python lists if its grid is too big.

        Zip packages were measured before parsing; this catches .xls files, whose
        binary records the scan does not read.
        """
        sheet = self.ahead.sheet(name) if self.ahead is not None else None
        if sheet is None:
            sheet = self.workbook.get_sheet_by_name(name)
        if sheet.height * sheet.width > MAX_GRID_CELLS:
            raise OverLimit(f"Sheet '{name}'", f"cells spread over {sheet.height:,} rows and "
                            f"{sheet.width:,} columns", f"{MAX_GRID_CELLS:,} cells in all")
        return sheet

    def close(self) -> None:
        self.workbook.close()

    def grid(self, actual: str, title: str, checklist: Checklist) -> list[list]:
        """The sheet's grid with error cells and merged ranges put back, each reported."""
        sheet = self.get_sheet_by_name(actual)
        grid = sheet.to_python(skip_empty_area=False)
        scan = self.scan.sheets.get(actual) if self.scan else None
        if scan is not None:
            _restore_silent_cells(grid, scan, title, checklist)
        _spread_merged(grid, sheet.merged_cell_ranges or [], title, checklist)
        return grid


def _restore_silent_cells(grid: list[list], scan: SheetScan, title: str,
                          checklist: Checklist) -> None:
    for raw in scan.error_cells:
        _put(grid, raw.row - 1, raw.column - 1, raw.text)
    for raw in scan.formulas_without_value:
        checklist.report(Code.CELL_FORMULA_NO_VALUE, sheet=title, row=raw.row,
                         column=raw.column, value=raw.text)


def _put(grid: list[list], row: int, column: int, value) -> None:
    while len(grid) <= row:
        grid.append([""] * (len(grid[0]) if grid else 0))
    line = grid[row]
    if len(line) <= column:
        line.extend([""] * (column + 1 - len(line)))
    if cells.is_blank(line[column]):
        line[column] = value


def _spread_merged(grid: list[list], ranges, title: str, checklist: Checklist) -> None:
    for (top, left), (bottom, right) in ranges:
        if top >= len(grid) or left >= len(grid[top]) or cells.is_blank(grid[top][left]):
            continue
        value = grid[top][left]
        where = f"{cell_name(top + 1, left + 1)}:{cell_name(bottom + 1, right + 1)}"
        if bottom > top:
            for row in range(top + 1, bottom + 1):
                _put(grid, row, left, value)
            checklist.report(Code.CELL_MERGED_SPREAD, sheet=title, row=top + 1, column=left + 1,
                             range=where, value=value, rows=bottom - top + 1)
        if right > left:
            checklist.report(Code.CELL_MERGED_FIRST_ONLY, sheet=title, row=top + 1,
                             column=left + 1, range=where, value=value)


def one_line_names(checklist: Checklist, sheets: tuple[S.Sheet, ...] = ()) -> None:
    """Names pasted with a line break are put on one line, with a warning each.

    *sheets* are the form sheets read besides the checklist's (interview notes, room forms).
    """
    declared = {s.name: s for s in (*S.CHECKLIST, S.NOTES, *sheets)}
    records: list[Record] = [checklist.coalition] if checklist.coalition else []
    for rows in checklist.tables.values():
        records += rows
    name_fields: dict[str, list[S.Field]] = {}
    for record in records:
        sheet = declared[record.sheet]
        fields = name_fields.get(record.sheet)
        if fields is None:
            fields = name_fields[record.sheet] = [f for f in sheet.fields if _is_name(f)]
        for field_ in fields:
            value = record.values.get(field_.name)
            if not isinstance(value, str) or not LINE_BREAKS.search(value):
                continue
            fixed = " ".join(LINE_BREAKS.sub(" ", value).split())
            record.values[field_.name] = fixed
            address = record.cells.get(field_.name)
            row, column = layout.address(address) if address else (record.row, None)
            checklist.report(Code.CELL_LINE_BREAK, sheet=sheet.title, row=row,
                             column=column, field_=field_.label, value=value, fixed=fixed)


def _is_name(field_: S.Field) -> bool:
    return field_.entity is not None or field_.name in ("name", "short_name", "coalition_name")

