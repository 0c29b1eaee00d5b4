"""Answers of an older schema version that now live elsewhere, e.g. 1.0's 'Geographic scope'.

Declared in ``schema.MIGRATIONS`` as ``MovedField``s: each value typed in the old form
row becomes one row of the new table sheet, checked like a row typed there.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import schema as S
from ..community import Community
from . import cells, rules
from .layout import comparable, note
from .problems import cell_name
from .records import Checklist, Record


@dataclass
class MovedAnswers:
    moved: S.MovedField
    row: int  # the form row they were typed on
    answers: list[tuple[int, Any]]  # (0-based column, raw value)


def moved_labels(sheet: S.Sheet, migration: S.Migration | None) -> dict[str, S.MovedField]:
    """Old headings whose answers move; an unstamped file may be of any older version."""
    migrations = [migration] if migration else list(S.MIGRATIONS.values())
    return {comparable(m.label): m for each in migrations for m in each.moved_fields
            if m.from_sheet == sheet.name}


def moved_rows(answers: MovedAnswers, form: S.Sheet, checklist: Checklist,
               community: Community) -> list[Record]:
    moved = answers.moved
    target = S.sheet_by_name(moved.to_sheet)
    field_ = target.field(moved.to_field)
    records: list[Record] = []
    seen: set[str] = set()
    for column, raw in answers.answers:
        for part in cells.split_several(S.Field(field_.name, moved.label, S.TEXT_LIST), raw, ()):
            reading = cells.read_cell(field_, part)
            # Notes point at the old form cell, where the clerk typed the value.
            note(checklist, reading.notes, form, answers.row, column + 1,
                 S.Field(field_.name, moved.label))
            if not reading.value or reading.value.casefold() in seen:
                continue
            seen.add(reading.value.casefold())
            records.append(_record(target, moved, reading.value, answers.row, column, checklist,
                                   community))
    return records


def _record(target: S.Sheet, moved: S.MovedField, value: str, row: int, column: int,
            checklist: Checklist, community: Community) -> Record:
    values: dict[str, Any] = {f.name: None for f in target.fields}
    regions = community.areas_by_level.get("Region", ())
    if value.casefold() == S.REGION_WIDE.casefold() and len(regions) == 1:
        value = regions[0]  # the community's one region, by its name
    values[moved.to_field] = value
    values.update(dict(moved.fixed))
    record = Record(target.name, row, values=values)
    record.cells = {moved.to_field: cell_name(row, column + 1)}
    if moved.level_field:
        record.values[moved.level_field] = _old_level(value, community)
        record.cells[moved.level_field] = record.cells[moved.to_field]
    if target is S.AREAS:
        rules.check_area(record, {}, checklist, community)
    return record


def _old_level(value: str, community: Community) -> str:
    """1.0 listed counties and 'Region-wide'; anything else was meant as a county."""
    if value.casefold() == S.REGION_WIDE.casefold() or value in community.areas_by_level.get("Region", ()):
        return "Region"
    return community.level_of(value) or "County"
