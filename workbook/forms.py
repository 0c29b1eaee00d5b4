"""Writing values into a checklist or notes form generated from the schema.

``write_checklist`` puts given values into the cells the schema assigns them, in a
copy of the community's template, without judging them: "2,500" in a number
field, "n/a", a value off the list all land as typed. The example community's
build script, the notes templates (``fill_form``), the sample generator and tests
that want a checklist holding exactly the mistakes they mean to show all write
through here, so a filled file always has the template's layout.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl

from . import schema as S
from .community import Community
from .templates import build_template, save_workbook


class FillError(ValueError):
    """The checklist to write does not fit the template (unknown field, too many rows)."""


@dataclass
class FilledChecklist:
    """What one coalition typed, field by field, exactly as it should land in the cells.

    ``coalition`` maps Coalition-sheet field names to values; a list or tuple is
    written one value per cell, left to right. ``rows`` maps a table sheet's name
    (``goals``, ``strategies``, ``members``, ``funders``, ``asks``) to its rows,
    each a dict of field name to value; an empty dict leaves a blank row.
    ``messy`` says what a generator did to make the checklist untidy (empty
    when clean or written by hand).
    """
    coalition: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    messy: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " ".join(str(self.coalition.get("name") or "").split())


_TEMPLATE_BYTES: dict[tuple, bytes] = {}  # one saved template per community settings


def write_checklist(checklist: FilledChecklist, out: str | Path, community: Community) -> Path:
    """Write *checklist* into a fresh copy of *community*'s template at *out*."""
    workbook = blank_checklist(community)
    fill_workbook(workbook, checklist)
    return save_workbook(workbook, Path(out))


def blank_checklist(community: Community):
    """An openpyxl Workbook of the empty template.

    Building the template styles a few thousand cells; reading back a saved copy
    is about 2.5 times faster, so the template is built once per community.
    """
    key = (community.name, community.slug,
           tuple(sorted((k, tuple(v)) for k, v in community.vocabularies.items())))
    if key not in _TEMPLATE_BYTES:
        buffer = io.BytesIO()
        build_template(community).save(buffer)
        _TEMPLATE_BYTES[key] = buffer.getvalue()
    return openpyxl.load_workbook(io.BytesIO(_TEMPLATE_BYTES[key]))


def fill_workbook(workbook, checklist: FilledChecklist) -> None:
    """Put the checklist's values into an open template workbook."""
    fill_form(workbook[S.COALITION.title], S.COALITION, checklist.coalition)
    for sheet_name, rows in checklist.rows.items():
        sheet = _table_sheet(sheet_name)
        fill_table(workbook[sheet.title], sheet, rows)


def _table_sheet(sheet_name: str) -> S.Sheet:
    try:
        sheet = S.sheet_by_name(sheet_name)
    except KeyError:
        known = ", ".join(s.name for s in S.CHECKLIST if s.layout == S.TABLE)
        raise FillError(f"No table sheet called {sheet_name!r}; known: {known}.") from None
    if sheet.layout != S.TABLE:
        raise FillError(f"{sheet_name!r} is a form: give its values in `coalition`.")
    return sheet


def _field_columns(sheet: S.Sheet) -> dict[str, int]:
    return {f.name: offset for offset, f in enumerate(sheet.fields)}


def _unknown_fields(sheet: S.Sheet, names) -> None:
    unknown = sorted(set(names) - set(_field_columns(sheet)))
    if unknown:
        raise FillError(f"Sheet {sheet.name!r} has no {'field' if len(unknown) == 1 else 'fields'} "
                        f"{', '.join(unknown)}; "
                        f"its fields are {', '.join(f.name for f in sheet.fields)}.")


def fill_form(worksheet, sheet: S.Sheet, values: dict[str, Any]) -> None:
    _unknown_fields(sheet, values)
    offsets = _field_columns(sheet)
    for name, value in values.items():
        row = S.FORM_FIRST_ROW + offsets[name]
        answers = list(value) if isinstance(value, (list, tuple)) else [value]
        if len(answers) > S.FORM_MULTI_CELLS:
            raise FillError(f"{name}: {len(answers)} values, but the form offers "
                            f"{S.FORM_MULTI_CELLS} answer cells.")
        for column, answer in enumerate(answers, start=S.FORM_FIRST_VALUE_COLUMN):
            if answer is not None:
                worksheet.cell(row=row, column=column, value=answer)


def fill_table(worksheet, sheet: S.Sheet, rows: list[dict[str, Any]]) -> None:
    if len(rows) > S.TABLE_INPUT_ROWS:
        # Rows past the formatted ones would have no dropdowns or borders: a clerk
        # could not have typed them in the template, so a test relying on them lies.
        raise FillError(f"{sheet.title}: {len(rows)} rows, but the template formats only "
                        f"{S.TABLE_INPUT_ROWS} input rows.")
    offsets = _field_columns(sheet)
    for index, row in enumerate(rows):
        _unknown_fields(sheet, row)
        for name, value in row.items():
            if isinstance(value, (list, tuple)):
                value = "; ".join(str(v) for v in value)  # how a clerk types "G1; G2"
            if value is not None:
                worksheet.cell(row=S.TABLE_FIRST_DATA_ROW + index, column=offsets[name] + 1,
                               value=value)


def slug(text: str, limit: int = 48) -> str:
    """A file-name-safe lower-case form of *text*, cut at a word boundary."""
    words = re.sub(r"[^a-z0-9]+", "-", " ".join(str(text).split()).lower()).strip("-")
    if len(words) > limit:
        cut = words[:limit + 1].rfind("-")
        words = words[:cut if cut > 0 else limit]
    return words or "coalition"



def file_names(checklists: list[FilledChecklist], width: int = 3) -> list[str]:
    """<NNN>-<slug>.xlsx for each checklist, numbered from 1 with at least *width* digits."""
    width = max(width, len(str(len(checklists))))
    return [f"{i:0{width}d}-{slug(c.name)}.xlsx" for i, c in enumerate(checklists, start=1)]


def write_checklists(checklists: list[FilledChecklist], out_dir: str | Path,
                     community: Community, width: int = 3) -> list[Path]:
    """Write each checklist to out_dir/<NNN>-<slug>.xlsx."""
    out_dir = Path(out_dir)
    return [write_checklist(checklist, out_dir / name, community)
            for checklist, name in zip(checklists, file_names(checklists, width))]
