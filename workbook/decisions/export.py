"""The log as plain rows (dashboards) and as Excel sheets (exports, task workbooks)."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Mapping

from .entry import SUBJECT_KINDS
from .log import entries
from .review import cell_text, review_after_load

LOG_COLUMNS = ("Decision", "When (local time)", "What was decided", "Value", "About",
               "By", "Rationale", "Details", "Supersedes", "Superseded by", "In force",
               "Needs review")


def log_rows(db: str | Path | sqlite3.Connection) -> list[dict[str, Any]]:
    """One plain row per entry, oldest first, as the export and the dashboards show it."""
    all_entries = entries(db)
    flags: dict[int, list[str]] = {}
    for review in review_after_load(db):
        flags.setdefault(review.entry.entry_id, []).append(review.message)
    return [dict(zip(LOG_COLUMNS, (
        e.entry_id, e.decided_local, e.title, e.value or "",
        "\n".join(s.title for s in e.subjects), e.by, e.rationale,
        "; ".join(f"{k}: {v}" for k, v in sorted(e.details.items())),
        ", ".join(map(str, e.supersedes)), e.superseded_by or "",
        "yes" if e.in_force else "no", "\n".join(flags.get(e.entry_id, []))))) for e in all_entries]


LOG_SHEET = "Decision log"
SUBJECTS_SHEET = "Subjects as decided"
SUBJECT_COLUMNS = ("Decision", "Kind", "Key", "Label", "As it was when decided")
_WIDTHS = {"Decision": 10, "When (local time)": 26, "What was decided": 16, "Value": 36,
           "About": 44, "By": 18, "Rationale": 44, "Details": 30, "Supersedes": 12,
           "Superseded by": 12, "In force": 9, "Needs review": 50,
           "Kind": 18, "Key": 40, "Label": 44, "As it was when decided": 60}


def export_xlsx(db: str | Path | sqlite3.Connection, path: str | Path) -> Path:
    """The log as a workbook of its own (``add_log_sheets``), formulas escaped."""
    from ..templates import save_workbook
    from ..workbooks import keep_as_text, new_workbook

    workbook = new_workbook(LOG_SHEET)
    add_log_sheets(workbook, db)
    keep_as_text(workbook)  # rationales and wordings are typed in the room
    return save_workbook(workbook, Path(path))


def add_log_sheets(workbook, db: str | Path | sqlite3.Connection) -> None:
    """Every entry, and each subject as it was when decided, as two sheets of *workbook*.

    For the tasks' own workbooks (task 3's alignment workbook); whoever saves the
    workbook escapes formula-looking text (``workbooks.keep_as_text``).
    """
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter
    from ..templates import HEADER_FILL
    from ..workbooks import HEADER_FONT

    sheets = {LOG_SHEET: (LOG_COLUMNS, [tuple(row.values()) for row in log_rows(db)]),
              SUBJECTS_SHEET: (SUBJECT_COLUMNS, [
                  (e.entry_id, SUBJECT_KINDS[s.kind].title, s.key, s.label,
                   _snapshot_text(s.snapshot)) for e in entries(db) for s in e.subjects])}
    for title, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(title)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        for row in rows:
            sheet.append(row)
        for column, heading in enumerate(header, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS.get(heading, 30)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"


def _snapshot_text(snapshot: Mapping[str, Any] | None) -> str:
    if not snapshot:
        return ""
    return "\n".join(f"{k.replace('_', ' ')}: {cell_text(v)}" for k, v in snapshot.items())
