"""Read one filled checklist into records, naming every problem by file, sheet and cell.

The rule this module keeps: every filled row of a checklist sheet either becomes
a record or is counted in a problem's ``rows_not_loaded``. Columns and sheets are
found by their headings, so reordered, renamed or re-saved files still load.
Other one-form files made from the schema (interview notes) are read the same
way by ``read_form_file``; the meta stamp's form kind keeps the two apart.
"""
from __future__ import annotations

import io
from pathlib import Path

import python_calamine as calamine

from .. import schema as S
from ..community import Community
from .ahead import Parsed, Prepared
from .consistency import check_checklist
from .files import Opened, open_checklist
from .forms import read_form
from .layout import match_by_headings, match_sheets, read_meta, report_strangers
from .limits import OverLimit, over_limit_problem
from .problems import Code
from .rawcells import Book, one_line_names
from .records import FAILED, LOADED, SKIPPED, Checklist, Record
from .rules import check_member_bodies, check_required_tables
from .tables import read_table, report_missing_table

__all__ = ["FAILED", "LOADED", "SKIPPED", "Checklist", "Record", "read_checklist", "read_form_file",
           "read_table_file"]


def read_checklist(path: str | Path, community: Community,
                   prepared: Prepared | None = None) -> Checklist:
    """Read one file; never raises for a bad file: problems are recorded instead.

    *prepared* is the file already opened and scanned, perhaps parsed ahead (``ahead``).
    """
    return _read_file(Path(path), community, _read_workbook, prepared)


def read_form_file(path: str | Path, sheet: S.Sheet, community: Community,
                   form_kind: str) -> Checklist:
    """Read a file holding one form sheet other than the checklist, e.g. interview notes.

    Checked and tolerated like a checklist; the form's record is
    ``tables[sheet.name][0]`` when the file could be read.
    """
    def read(workbook, checklist: Checklist, community_: Community) -> None:
        _read_single_form(workbook, checklist, community_, sheet, form_kind)
        one_line_names(checklist, (sheet,))
    return _read_file(Path(path), community, read)


def read_table_file(path: str | Path, sheet: S.Sheet, community: Community,
                    form_kind: str) -> Checklist:
    """Read a file holding one table sheet other than the checklist's, e.g. indicator data.

    Checked, contained and tolerated like a checklist; the rows are
    ``tables[sheet.name]`` (an empty list when the file could not be read).
    """
    def read(workbook, checklist: Checklist, community_: Community) -> None:
        names = list(workbook.sheet_names)
        migration = read_meta(workbook, names, checklist, community_)
        if not _is_kind(checklist, form_kind):
            return
        found, strangers = match_sheets(names, checklist, migration, (sheet,))
        strangers = match_by_headings(workbook, strangers, found, checklist, migration, (sheet,))
        report_strangers(workbook, strangers, found, checklist, (sheet,))
        if sheet.name not in found:
            checklist.status = FAILED
            checklist.report(Code.SHEET_MISSING, sheet=sheet.title)
            return
        grid = workbook.grid(found[sheet.name], sheet.title, checklist)
        checklist.tables[sheet.name] = read_table(grid, sheet, checklist, community_, migration)
    return _read_file(Path(path), community, read)


def _read_file(path: Path, community: Community, read_sheets,
               prepared: Prepared | None = None) -> Checklist:
    if prepared is not None and prepared.error is not None:
        raise prepared.error
    opened = prepared.opened if prepared is not None else open_checklist(path)
    ahead = prepared.parsed_workbook() if prepared is not None else None
    checklist = Checklist(path, sha256=opened.sha256)
    if opened.problem is not None:
        code, details = opened.problem
        checklist.status = FAILED
        checklist.report(code, **details)
        return checklist
    if opened.format_note is not None:
        code, details = opened.format_note
        checklist.report(code, **details)
    parsed = _open_workbook(opened, checklist, ahead)
    if parsed is None:
        return checklist
    workbook = Book(parsed, opened.scan, ahead)
    try:
        read_sheets(workbook, checklist, community)
    except OverLimit as exc:
        checklist.status = FAILED
        checklist.coalition, checklist.tables, checklist.problems = None, {}, []
        code, details = over_limit_problem(exc)
        checklist.report(code, **details)
    except (calamine.CalamineError, ValueError, OSError) as exc:
        # A part of the package broken beyond the sheets we had already read.
        checklist.status = FAILED
        checklist.coalition, checklist.tables = None, {}
        checklist.report(Code.FILE_CORRUPT, detail=_short(exc))
    finally:
        workbook.close()
    return checklist


def _open_workbook(opened: Opened, checklist: Checklist, ahead: Parsed | None = None):
    try:
        if ahead is not None:
            return ahead.opened_workbook()
        return calamine.CalamineWorkbook.from_filelike(io.BytesIO(opened.to_parse()))
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
    migration = read_meta(workbook, visible_names, checklist, community)
    if not _is_kind(checklist, S.CHECKLIST_FORM_KIND):
        return
    found, strangers = match_sheets(visible_names, checklist, migration)
    strangers = match_by_headings(workbook, strangers, found, checklist, migration)
    grids = {name: workbook.grid(actual, S.sheet_by_name(name).title, checklist)
             for name, actual in found.items()}
    report_strangers(workbook, strangers, found, checklist)
    coalition_grid = grids.get(S.COALITION.name)
    if coalition_grid is None:
        _fail_without_coalition(checklist, grids, community, migration)
        return
    checklist.coalition = read_form(coalition_grid, S.COALITION, checklist, community,
                                    migration)
    for sheet in S.CHECKLIST:
        if sheet.layout != S.TABLE:
            continue
        grid = grids.get(sheet.name)
        if grid is None:
            report_missing_table(sheet, checklist, migration)
            continue
        checklist.tables[sheet.name] = read_table(grid, sheet, checklist, community, migration)
    check_member_bodies(checklist)
    check_required_tables(checklist, set(grids))
    one_line_names(checklist)
    check_checklist(checklist)
    _skip_if_blank_template(checklist)


def _skip_if_blank_template(checklist: Checklist) -> None:
    """The template sent back untouched is a note, not a made-up coalition named after the file."""
    values = checklist.coalition.values if checklist.coalition else {}
    # A blank that stands for a value (status: Active) was not typed by anyone.
    filled = [name for name, value in values.items() if value not in (None, [], "")
              and value != S.BLANK_MEANS.get((S.COALITION.name, name))]
    named_after_file = any(p.code == Code.COALITION_NAME_MISSING.name for p in checklist.problems)
    if (filled != ["name"] or not named_after_file or any(checklist.tables.values())
            or any(p.rows_not_loaded for p in checklist.problems)):
        return
    checklist.status = SKIPPED
    checklist.coalition, checklist.tables = None, {}
    checklist.problems = [p for p in checklist.problems if Code[p.code].level == "file"]
    checklist.report(Code.FILE_BLANK_TEMPLATE)


def _read_single_form(workbook, checklist: Checklist, community: Community, sheet: S.Sheet,
                      form_kind: str) -> None:
    names = list(workbook.sheet_names)
    migration = read_meta(workbook, names, checklist, community)
    if not _is_kind(checklist, form_kind):
        return
    found, strangers = match_sheets(names, checklist, migration, (sheet,))
    report_strangers(workbook, strangers, found, checklist, (sheet,))
    if sheet.name not in found:
        checklist.status = FAILED
        checklist.report(Code.SHEET_MISSING, sheet=sheet.title)
        return
    grid = workbook.grid(found[sheet.name], sheet.title, checklist)
    checklist.tables[sheet.name] = [read_form(grid, sheet, checklist, community, migration)]


def _is_kind(checklist: Checklist, expected: str) -> bool:
    """False, with the file failed, when its stamp says it is another kind of form."""
    if checklist.form is None or checklist.form == expected:
        return True
    checklist.status = FAILED
    checklist.report(Code.FORM_WRONG_KIND,
                     found=S.FORM_KIND_NAMES.get(checklist.form, checklist.form),
                     expected=S.FORM_KIND_NAMES.get(expected, expected))
    return False


def _fail_without_coalition(checklist: Checklist, grids: dict[str, list[list]],
                            community: Community, migration: S.Migration | None) -> None:
    """Read the other sheets anyway, so the clerk learns everything at once, then drop them."""
    checklist.status = FAILED
    checklist.report(Code.SHEET_MISSING, sheet=S.COALITION.title)
    readable = 0
    for sheet in S.CHECKLIST:
        if sheet.layout == S.TABLE and sheet.name in grids:
            readable += len(read_table(grids[sheet.name], sheet, checklist, community, migration))
    if readable:
        checklist.report(Code.FILE_NO_COALITION, rows=readable, rows_not_loaded=readable)
