"""Read one filled checklist into records, naming every problem by file, sheet and cell.

The rule this module keeps: every filled row of a checklist sheet either becomes
a record or is counted in a problem's ``rows_not_loaded``. Columns and sheets are
found by their headings, so reordered, renamed or re-saved files still load.
Other one-form files made from the schema (interview notes) are read the same
way by ``read_form_file``; the meta stamp's form kind keeps the two apart.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as calamine
from rapidfuzz import fuzz, process

from .. import schema as S
from ..community import Community
from . import cells
from .files import Opened, open_checklist
from .problems import Code, Problem, cell_name, make_problem

LOADED, FAILED, SKIPPED = "loaded", "failed", "skipped"
SPECIAL_SHEETS = {S.INSTRUCTIONS_SHEET.casefold(), S.LISTS_SHEET, S.META_SHEET}
HEADER_SEARCH_ROWS = 10
FUZZY_HEADING_CUTOFF = 85
FUZZY_SHEET_CUTOFF = 75
SHORT_NAME_LIMIT = 20


@dataclass
class Record:
    sheet: str  # schema sheet name
    row: int  # spreadsheet row, 1-based
    values: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)  # field name -> A1 address


@dataclass
class Checklist:
    path: Path
    status: str = LOADED
    sha256: str | None = None
    schema_version: str | None = None
    community: str | None = None
    form: str | None = None  # the kind of form the meta stamp names; None when unstamped
    coalition: Record | None = None
    tables: dict[str, list[Record]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    filled_rows: dict[str, int] = field(default_factory=dict)  # per sheet title

    @property
    def rows(self) -> dict[str, int]:
        """Rows loaded per sheet title; the coalition form counts as one row."""
        counts = {S.COALITION.title: int(self.coalition is not None)}
        for sheet in S.CHECKLIST:
            if sheet.layout == S.TABLE:
                counts[sheet.title] = len(self.tables.get(sheet.name, []))
        return counts

    def report(self, code: Code, sheet: str | None = None, row: int | None = None,
               column: int | None = None, field_: str | None = None, **details) -> None:
        cell = cell_name(row, column) if row and column else None
        self.problems.append(make_problem(code, str(self.path), sheet=sheet, cell=cell,
                                          field=field_, row=row, **details))


def read_checklist(path: str | Path, community: Community) -> Checklist:
    """Read one file; never raises for a bad file: problems are recorded instead."""
    return _read_file(Path(path), community, _read_workbook)


def read_form_file(path: str | Path, sheet: S.Sheet, community: Community,
                   form_kind: str) -> Checklist:
    """Read a file holding one form sheet other than the checklist, e.g. interview notes.

    Checked and tolerated like a checklist; the form's record is
    ``tables[sheet.name][0]`` when the file could be read.
    """
    def read(workbook, checklist: Checklist, community_: Community) -> None:
        _read_single_form(workbook, checklist, community_, sheet, form_kind)
    return _read_file(Path(path), community, read)


def _read_file(path: Path, community: Community, read_sheets) -> Checklist:
    opened = open_checklist(path)
    checklist = Checklist(path, sha256=opened.sha256)
    if opened.problem is not None:
        code, details = opened.problem
        checklist.status = FAILED
        checklist.report(code, **details)
        return checklist
    if opened.format_note is not None:
        code, details = opened.format_note
        checklist.report(code, **details)
    workbook = _open_workbook(opened, checklist)
    if workbook is None:
        return checklist
    try:
        read_sheets(workbook, checklist, community)
    except (calamine.CalamineError, ValueError, OSError) as exc:
        # A part of the package broken beyond the sheets we had already read.
        checklist.status = FAILED
        checklist.coalition, checklist.tables = None, {}
        checklist.report(Code.FILE_CORRUPT, detail=_short(exc))
    finally:
        workbook.close()
    return checklist


def _open_workbook(opened: Opened, checklist: Checklist):
    try:
        return calamine.CalamineWorkbook.from_filelike(io.BytesIO(opened.data))
    except calamine.PasswordError:
        checklist.report(Code.FILE_PASSWORD)
    except (calamine.CalamineError, ValueError, OSError) as exc:
        checklist.report(Code.FILE_CORRUPT, detail=_short(exc))
    except Exception as exc:  # the parser's own panics on hostile input
        checklist.report(Code.FILE_READ_FAILED, detail=_short(exc))
    checklist.status = FAILED
    return None


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def _read_workbook(workbook, checklist: Checklist, community: Community) -> None:
    visible_names = list(workbook.sheet_names)
    migration = _read_meta(workbook, visible_names, checklist, community)
    if not _is_kind(checklist, S.CHECKLIST_FORM_KIND):
        return
    found, strangers = _match_sheets(visible_names, checklist, migration)
    grids = {name: workbook.get_sheet_by_name(actual).to_python(skip_empty_area=False)
             for name, actual in found.items()}
    _report_strangers(workbook, strangers, found, checklist)
    coalition_grid = grids.get(S.COALITION.name)
    if coalition_grid is None:
        _fail_without_coalition(checklist, grids, community, migration)
        return
    checklist.coalition = _read_form(coalition_grid, S.COALITION, checklist, community,
                                     migration)
    for sheet in S.CHECKLIST:
        if sheet.layout != S.TABLE:
            continue
        grid = grids.get(sheet.name)
        if grid is None:
            checklist.report(Code.SHEET_MISSING_OPTIONAL, sheet=sheet.title,
                             what=sheet.title.lower())
            continue
        checklist.tables[sheet.name] = _read_table(grid, sheet, checklist, community, migration)
    _check_goal_links(checklist)


def _read_single_form(workbook, checklist: Checklist, community: Community, sheet: S.Sheet,
                      form_kind: str) -> None:
    names = list(workbook.sheet_names)
    migration = _read_meta(workbook, names, checklist, community)
    if not _is_kind(checklist, form_kind):
        return
    found, strangers = _match_sheets(names, checklist, migration, (sheet,))
    _report_strangers(workbook, strangers, found, checklist, (sheet,))
    if sheet.name not in found:
        checklist.status = FAILED
        checklist.report(Code.SHEET_MISSING, sheet=sheet.title)
        return
    grid = workbook.get_sheet_by_name(found[sheet.name]).to_python(skip_empty_area=False)
    checklist.tables[sheet.name] = [_read_form(grid, sheet, checklist, community, migration)]


def _is_kind(checklist: Checklist, expected: str) -> bool:
    """False, with the file failed, when its stamp says it is another kind of form."""
    if checklist.form is None or checklist.form == expected:
        return True
    checklist.status = FAILED
    checklist.report(Code.FORM_WRONG_KIND,
                     found=S.FORM_KIND_NAMES.get(checklist.form, checklist.form),
                     expected=S.FORM_KIND_NAMES.get(expected, expected))
    return False


# --- version stamp and sheets -------------------------------------------------

def _read_meta(workbook, names: list[str], checklist: Checklist,
               community: Community) -> S.Migration | None:
    if S.META_SHEET not in names:
        checklist.report(Code.VERSION_MISSING)
        return None
    stamp = {}
    for row in workbook.get_sheet_by_name(S.META_SHEET).to_python():
        if len(row) >= 2 and str(row[0]).strip():
            stamp[str(row[0]).strip()] = cells.clean_text(row[1])[0]
    version = stamp.get("schema_version") or None
    checklist.schema_version = version
    # Checklist templates carry no kind: a stamp without one is a checklist's.
    checklist.form = stamp.get(S.META_FORM_KEY) or (S.CHECKLIST_FORM_KIND if stamp else None)
    checklist.community = stamp.get("community") or None
    if checklist.community and community.slug != "default" and checklist.community != community.slug:
        checklist.report(Code.COMMUNITY_MISMATCH, found=checklist.community,
                         expected=community.slug)
    if version is None or version == S.SCHEMA_VERSION:
        if version is None:
            checklist.report(Code.VERSION_MISSING)
        return None
    if _version_tuple(version) > _version_tuple(S.SCHEMA_VERSION):
        checklist.report(Code.VERSION_NEWER, found=version, current=S.SCHEMA_VERSION)
        return None
    migration = S.MIGRATIONS.get(version)
    explanation = (migration.explanation if migration else
                   "No changes are recorded for that version; columns were matched by their headings.")
    checklist.report(Code.VERSION_OLDER, found=version, current=S.SCHEMA_VERSION,
                     explanation=explanation)
    return migration


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)) or (0,)


def _match_sheets(names: list[str], checklist: Checklist, migration: S.Migration | None,
                  sheets: tuple[S.Sheet, ...] = S.CHECKLIST) -> tuple[dict[str, str], list[str]]:
    """Map schema sheet name -> actual sheet name, and list the sheets left over."""
    candidates = [n for n in names if n.strip().casefold() not in SPECIAL_SHEETS]
    titles = {sheet.name: _sheet_titles(sheet, migration) for sheet in sheets}
    found: dict[str, str] = {}
    for sheet in sheets:
        for name in candidates:
            if name not in found.values() and _key(name) in titles[sheet.name]:
                found[sheet.name] = name
                break
    for sheet in sheets:
        leftovers = [n for n in candidates if n not in found.values()]
        if sheet.name in found or not leftovers:
            continue
        best = process.extractOne(sheet.title.casefold(), [_key(n) for n in leftovers],
                                  scorer=fuzz.WRatio, score_cutoff=FUZZY_SHEET_CUTOFF)
        if best is not None:
            actual = leftovers[best[2]]
            found[sheet.name] = actual
            checklist.report(Code.SHEET_RENAMED, sheet=sheet.title, found=actual)
    return found, [n for n in candidates if n not in found.values()]


def _report_strangers(workbook, strangers: list[str], found: dict[str, str],
                      checklist: Checklist, sheets: tuple[S.Sheet, ...] = S.CHECKLIST) -> None:
    missing = [sheet.title for sheet in sheets if sheet.name not in found]
    for name in strangers:
        filled = _filled_row_count(workbook.get_sheet_by_name(name).to_python())
        if filled:
            checklist.report(Code.SHEET_UNKNOWN, sheet=name, found=name, rows=filled,
                             rows_not_loaded=filled,
                             suggestion=cells.suggestion(name, missing).replace(
                                 "Did you mean", " Is it the missing sheet"))


def _sheet_titles(sheet: S.Sheet, migration: S.Migration | None) -> set[str]:
    titles = {_key(sheet.title), _key(sheet.name)} | {_key(t) for t in sheet.former_titles}
    if migration:
        titles |= {_key(old) for old, new in migration.renamed_sheets.items() if new == sheet.name}
    return titles


def _key(text: Any) -> str:
    """How headings and titles are compared: no required mark, case or spacing."""
    plain = cells.clean_text(text)[0].replace("*", "").translate(cells.DASHES)
    return " ".join(re.sub(r"[:?]", "", plain).casefold().split())


def _fail_without_coalition(checklist: Checklist, grids: dict[str, list[list]],
                            community: Community, migration: S.Migration | None) -> None:
    """Read the other sheets anyway, so the clerk learns everything at once, then drop them."""
    checklist.status = FAILED
    checklist.report(Code.SHEET_MISSING, sheet=S.COALITION.title)
    readable = 0
    for sheet in S.CHECKLIST:
        if sheet.layout == S.TABLE and sheet.name in grids:
            readable += len(_read_table(grids[sheet.name], sheet, checklist, community, migration))
    if readable:
        checklist.report(Code.FILE_NO_COALITION, rows=readable, rows_not_loaded=readable)


def _filled_row_count(grid: list[list]) -> int:
    return sum(1 for row in grid if not _row_blank(row))


def _row_blank(row: list) -> bool:
    return all(cells.is_blank(value) for value in row)


# --- headings -------------------------------------------------------------------

def _heading_keys(sheet: S.Sheet, migration: S.Migration | None) -> dict[str, S.Field]:
    keys: dict[str, S.Field] = {}
    for f in sheet.fields:
        for heading in (f.label, f.name, f.name.replace("_", " "), *f.former_labels):
            keys.setdefault(_key(heading), f)
    if migration:
        for (sheet_name, old), new in migration.renamed_fields.items():
            if sheet_name == sheet.name:
                keys.setdefault(_key(old), sheet.field(new))
    return keys


def _match_heading(text: Any, keys: dict[str, S.Field]) -> tuple[S.Field | None, bool]:
    """The field a heading names, and whether it was only a close match."""
    key = _key(text)
    if not key:
        return None, False
    if key in keys:
        return keys[key], False
    best = process.extractOne(key, list(keys), scorer=fuzz.ratio,
                              score_cutoff=FUZZY_HEADING_CUTOFF)
    return (keys[best[0]], True) if best else (None, False)


# --- the coalition form ---------------------------------------------------------

def _read_form(grid: list[list], sheet: S.Sheet, checklist: Checklist, community: Community,
               migration: S.Migration | None) -> Record:
    keys = _heading_keys(sheet, migration)
    first, last = S.FORM_FIRST_VALUE_COLUMN - 1, S.FORM_FIRST_VALUE_COLUMN - 1 + S.FORM_MULTI_CELLS
    record = Record(sheet.name, row=S.FORM_FIRST_ROW, values={})
    seen: set[str] = set()
    for index, row in enumerate(grid):
        if not row:
            continue
        row_number = index + 1
        answers = [(first + i, v) for i, v in enumerate(row[first:last]) if not cells.is_blank(v)]
        if _key(row[0]) == _key(S.FORM_CAPTIONS[0]):
            continue  # the template's caption row
        field_, close = _match_heading(row[0], keys)
        if field_ is None or field_.name in seen:
            if answers and not cells.is_blank(row[0]):
                checklist.report(Code.COLUMN_EXTRA, sheet=sheet.title, row=row_number, column=1,
                                 found=cells.clean_text(row[0])[0])
                record.extra[cells.clean_text(row[0])[0]] = [v for _, v in answers]
            continue
        seen.add(field_.name)
        if close:
            checklist.report(Code.COLUMN_RENAMED, sheet=sheet.title, row=row_number, column=1,
                             found=cells.clean_text(row[0])[0], header=field_.header)
        record.cells[field_.name] = cell_name(row_number, first + 1)
        _read_form_answers(field_, answers, row_number, record, checklist, community, sheet)
    _check_form_required(sheet, record, seen, checklist)
    return record


def _read_form_answers(field_: S.Field, answers: list[tuple[int, Any]], row_number: int,
                       record: Record, checklist: Checklist, community: Community,
                       sheet: S.Sheet) -> None:
    vocabulary = community.vocabulary(field_.vocabulary) if field_.vocabulary else ()
    if field_.several:
        reading = cells.read_several(field_, [v for _, v in answers], vocabulary)
        column = answers[0][0] + 1 if answers else S.FORM_FIRST_VALUE_COLUMN
        _note(checklist, reading.notes, sheet, row_number, column, field_)
        record.values[field_.name] = reading.value
        return
    if not answers:
        record.values[field_.name] = None
        return
    (column_index, raw), surplus = answers[0], answers[1:]
    reading = cells.read_cell(field_, raw, vocabulary)
    _note(checklist, reading.notes, sheet, row_number, column_index + 1, field_)
    record.values[field_.name] = reading.value
    for extra_index, extra_value in surplus:
        checklist.report(Code.CELL_EXTRA_VALUES, sheet=sheet.title, row=row_number,
                         column=extra_index + 1, field_=field_.label, value=extra_value)
        record.extra.setdefault(field_.label, []).append(extra_value)


def _check_form_required(sheet: S.Sheet, record: Record, seen: set[str],
                         checklist: Checklist) -> None:
    for f in sheet.fields:
        if f.name not in seen:
            code = Code.COLUMN_MISSING if f.required else Code.COLUMN_MISSING_OPTIONAL
            checklist.report(code, sheet=sheet.title, field_=f.label, header=f.header)
            record.values[f.name] = [] if f.several else None
        elif f.required and not record.values.get(f.name):
            row, column = _address(record.cells[f.name])
            if any(p.cell == record.cells[f.name] for p in checklist.problems):
                continue  # the value was there but unusable, and that is reported already
            if f.name == "name":
                record.values["name"] = checklist.path.stem
                checklist.report(Code.COALITION_NAME_MISSING, sheet=sheet.title, row=row,
                                 column=column, field_=f.label, fixed=checklist.path.stem)
            else:
                checklist.report(Code.CELL_REQUIRED, sheet=sheet.title, row=row, column=column,
                                 field_=f.label)
    short_name = record.values.get("short_name")
    if short_name and len(short_name) > SHORT_NAME_LIMIT:
        row, column = _address(record.cells["short_name"])
        checklist.report(Code.CELL_TOO_LONG, sheet=sheet.title, row=row, column=column,
                         field_="Short name", length=len(short_name), limit=SHORT_NAME_LIMIT)


def _address(a1: str) -> tuple[int, int]:
    letters, digits = re.match(r"([A-Z]+)(\d+)", a1).groups()
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return int(digits), column


def _note(checklist: Checklist, notes: list[cells.Note], sheet: S.Sheet, row: int, column: int,
          field_: S.Field) -> None:
    for code, details in notes:
        checklist.report(code, sheet=sheet.title, row=row, column=column, field_=field_.label,
                         **details)


# --- table sheets ---------------------------------------------------------------

@dataclass
class _Columns:
    header_row: int  # 0-based index into the grid
    fields: dict[int, S.Field]  # column index -> field
    extra: dict[int, str]  # column index -> heading of a column not in the schema


def _read_table(grid: list[list], sheet: S.Sheet, checklist: Checklist, community: Community,
                migration: S.Migration | None) -> list[Record]:
    checklist.filled_rows[sheet.title] = _filled_row_count(grid)
    columns = _find_columns(grid, sheet, checklist, migration)
    if columns is None:
        filled = _filled_row_count(grid)
        if filled:
            checklist.report(Code.HEADER_NOT_FOUND, sheet=sheet.title, rows=filled,
                             rows_not_loaded=filled)
        return []
    checklist.filled_rows[sheet.title] -= 1  # the heading row is not data
    for index in range(columns.header_row):
        if not _row_blank(grid[index]):
            checklist.report(Code.ROWS_ABOVE_HEADER, sheet=sheet.title, row=index + 1,
                             column=1, rows_not_loaded=1)
    records: list[Record] = []
    first_ids: dict[str, int] = {}
    for index in range(columns.header_row + 1, len(grid)):
        row = grid[index]
        if _row_blank(row):
            continue
        row_number = index + 1
        if index == columns.header_row + 1 and _is_example(row, columns, sheet, checklist,
                                                           row_number):
            checklist.filled_rows[sheet.title] -= 1
            continue
        record = _read_row(row, row_number, sheet, columns, checklist, community)
        if record is not None and _unique_goal(record, first_ids, checklist, sheet):
            records.append(record)
    return records


def _find_columns(grid: list[list], sheet: S.Sheet, checklist: Checklist,
                  migration: S.Migration | None) -> _Columns | None:
    keys = _heading_keys(sheet, migration)
    best_index, best_score = None, 0
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        score = sum(1 for value in row if _key(value) in keys)
        if score > best_score:
            best_index, best_score = index, score
    if best_index is None:
        return None
    columns = _Columns(best_index, {}, {})
    for column, heading in enumerate(grid[best_index]):
        field_, close = _match_heading(heading, keys)
        if field_ is not None and field_ not in columns.fields.values():
            columns.fields[column] = field_
            if close:
                checklist.report(Code.COLUMN_RENAMED, sheet=sheet.title, row=best_index + 1,
                                 column=column + 1, found=cells.clean_text(heading)[0],
                                 header=field_.header)
        elif not cells.is_blank(heading):
            columns.extra[column] = cells.clean_text(heading)[0]
            checklist.report(Code.COLUMN_EXTRA, sheet=sheet.title, row=best_index + 1,
                             column=column + 1, found=columns.extra[column])
    _report_missing_columns(sheet, columns, checklist)
    return columns


def _report_missing_columns(sheet: S.Sheet, columns: _Columns, checklist: Checklist) -> None:
    present = set(columns.fields.values())
    for f in sheet.fields:
        if f not in present:
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
              checklist: Checklist, community: Community) -> Record | None:
    record = Record(sheet.name, row_number, values={f.name: None for f in sheet.fields})
    pending: list[tuple[list[cells.Note], int, S.Field]] = []
    for column, field_ in columns.fields.items():
        raw = row[column] if column < len(row) else None
        vocabulary = community.vocabulary(field_.vocabulary) if field_.vocabulary else ()
        reading = (cells.read_several(field_, [raw], vocabulary) if field_.several
                   else cells.read_cell(field_, raw, vocabulary))
        record.values[field_.name] = reading.value
        record.cells[field_.name] = cell_name(row_number, column + 1)
        pending.append((reading.notes, column + 1, field_))
    _keep_extra(row, row_number, columns, record, checklist, sheet)
    for notes, note_column, field_ in pending:
        _note(checklist, notes, sheet, row_number, note_column, field_)
    missing = [f for f in sheet.required_fields if not record.values.get(f.name)]
    if missing:
        column = next((c for c, f in columns.fields.items() if f is missing[0]), 0) + 1
        checklist.report(Code.ROW_MISSING_REQUIRED, sheet=sheet.title, row=row_number,
                         column=column, field_=", ".join(f.label for f in missing))
        return None
    return record


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
        row, column = _address(record.cells["goal_id"])
        checklist.report(Code.ROW_DUPLICATE_ID, sheet=sheet.title, row=row, column=column,
                         field_="Goal ID", value=record.values["goal_id"],
                         first_row=first_ids[goal_id])
        return False
    first_ids[goal_id] = record.row
    return True


def _check_goal_links(checklist: Checklist) -> None:
    known = {str(g.values["goal_id"]).upper() for g in checklist.tables.get(S.GOALS.name, [])}
    for strategy in checklist.tables.get(S.STRATEGIES.name, []):
        wanted = strategy.values.get("goal_ids") or []
        kept = [g.upper() for g in wanted if g.upper() in known]
        for goal_id in wanted:
            if goal_id.upper() not in known:
                row, column = _address(strategy.cells["goal_ids"])
                checklist.report(Code.CELL_UNKNOWN_GOAL, sheet=S.STRATEGIES.title, row=row,
                                 column=column, field_="Serves goal ID(s)", value=goal_id)
        strategy.values["goal_ids"] = kept
