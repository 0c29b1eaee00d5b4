"""Form sheets: one record, labels down column A, answers to their right."""
from __future__ import annotations

from typing import Any

from .. import schema as S
from ..community import Community
from . import cells, rules
from .layout import address, comparable, heading_keys, match_heading, note
from .migrate import MovedAnswers, moved_labels, moved_rows
from .problems import Code, cell_name
from .records import Checklist, Record
from .tables import report_missing_field

SHORT_NAME_LIMIT = 20


def read_form(grid: list[list], sheet: S.Sheet, checklist: Checklist, community: Community,
              migration: S.Migration | None) -> Record:
    keys = heading_keys(sheet, migration)
    moved = moved_labels(sheet, migration)
    first, last = S.FORM_FIRST_VALUE_COLUMN - 1, S.FORM_FIRST_VALUE_COLUMN - 1 + S.FORM_MULTI_CELLS
    record = Record(sheet.name, row=S.FORM_FIRST_ROW, values={})
    readings: dict[str, cells.Reading] = {}
    moved_answers: list[MovedAnswers] = []
    seen: set[str] = set()
    caption = comparable(S.FORM_CAPTIONS[0])
    for index, row in enumerate(grid):
        if not row:
            continue
        row_number = index + 1
        answers = [(first + i, v) for i, v in enumerate(row[first:last]) if not cells.is_blank(v)]
        label = comparable(row[0])
        if label == caption:
            continue  # the template's caption row
        if label in moved:
            moved_answers.append(MovedAnswers(moved[label], row_number, answers))
            continue
        field_, close = match_heading(row[0], keys)
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
        readings[field_.name] = _read_form_answers(field_, answers, row_number, record, checklist,
                                                   community, sheet)
    _check_form_required(sheet, record, seen, readings, checklist, migration)
    rules.report_recommended(sheet, record, readings, checklist, seen)
    rules.apply_defaults(sheet, record, readings, migration)
    for answers in moved_answers:
        rows = moved_rows(answers, sheet, checklist, community)
        checklist.tables.setdefault(answers.moved.to_sheet, []).extend(rows)
    return record


def _read_form_answers(field_: S.Field, answers: list[tuple[int, Any]], row_number: int,
                       record: Record, checklist: Checklist, community: Community,
                       sheet: S.Sheet) -> cells.Reading:
    vocabulary = community.vocabulary(field_.vocabulary) if field_.vocabulary else ()
    if field_.several:
        reading = cells.read_several(field_, [v for _, v in answers], vocabulary)
        column = answers[0][0] + 1 if answers else S.FORM_FIRST_VALUE_COLUMN
        note(checklist, reading.notes, sheet, row_number, column, field_)
        record.values[field_.name] = reading.value
        return reading
    if not answers:
        record.values[field_.name] = None
        return cells.Reading()
    (column_index, raw), surplus = answers[0], answers[1:]
    reading = cells.read_cell(field_, raw, vocabulary)
    note(checklist, reading.notes, sheet, row_number, column_index + 1, field_)
    record.values[field_.name] = reading.value
    if field_.type == S.MEASURE:
        record.values[field_.name + S.MEASURE_TEXT_SUFFIX] = reading.text
    for extra_index, extra_value in surplus:
        checklist.report(Code.CELL_EXTRA_VALUES, sheet=sheet.title, row=row_number,
                         column=extra_index + 1, field_=field_.label, value=extra_value)
        record.extra.setdefault(field_.label, []).append(extra_value)
    return reading


def _check_form_required(sheet: S.Sheet, record: Record, seen: set[str],
                         readings: dict[str, cells.Reading], checklist: Checklist,
                         migration: S.Migration | None) -> None:
    for f in sheet.fields:
        if f.name not in seen:
            report_missing_field(sheet, f, checklist, migration)
            record.values[f.name] = [] if f.several else None
    missing = rules.missing_required(sheet, record, readings)
    # An answer given but unusable is reported on its cell already.
    for f in missing.blank:
        if f.name not in seen:
            continue  # reported as a missing heading
        row, column = address(record.cells[f.name])
        if f.name == "name":
            record.values["name"] = checklist.path.stem
            checklist.report(Code.COALITION_NAME_MISSING, sheet=sheet.title, row=row,
                             column=column, field_=f.label, fixed=checklist.path.stem)
        else:
            checklist.report(Code.CELL_REQUIRED, sheet=sheet.title, row=row, column=column,
                             field_=f.label)
    short_name = record.values.get("short_name")
    if short_name and len(short_name) > SHORT_NAME_LIMIT:
        row, column = address(record.cells["short_name"])
        checklist.report(Code.CELL_TOO_LONG, sheet=sheet.title, row=row, column=column,
                         field_="Short name", length=len(short_name), limit=SHORT_NAME_LIMIT)
