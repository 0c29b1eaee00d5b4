"""A workbook written for people to read (handouts, the decision log): blank with fixed
properties, its header font, and clerks' text that can never run as a formula.

Below ``exports`` (notebooks 1 and 2's handouts) and ``decisions.export`` (the log's
sheets), which both build on it."""
from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.styles import Font

from .templates import FIXED_TIMESTAMP, FONT_NAME

HEADER_FONT = Font(name=FONT_NAME, size=11, bold=True, color="FFFFFF")


def new_workbook(title: str) -> Workbook:
    workbook = Workbook()
    workbook.properties.creator = "alignment workbook"
    workbook.properties.title = title
    workbook.properties.created = FIXED_TIMESTAMP
    workbook.remove(workbook.active)
    return workbook


# What a spreadsheet (or a CSV made from it) would run as a formula or a command (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


def as_text(value: Any) -> Any:
    """A string that would start a formula gets a leading apostrophe, so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return TEXT_MARK + value
    return value


def keep_as_text(workbook: Workbook) -> Workbook:
    """Escape every cell whose text a clerk typed could make a live formula."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, CellRichText):
                    _rich_text_as_text(cell.value)
                elif isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.value = as_text(cell.value)
    return workbook


def _rich_text_as_text(text: CellRichText) -> None:
    if not text:
        return
    first = text[0]
    if isinstance(first, TextBlock):
        first.text = as_text(first.text)
    else:
        text[0] = as_text(first)
