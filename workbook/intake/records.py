"""What reading a checklist produces: records, and the file's outcome with its problems."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import schema as S
from .problems import Code, Problem, cell_name, make_problem

LOADED, FAILED, SKIPPED = "loaded", "failed", "skipped"


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
    rejected: list[Record] = field(default_factory=list)  # rows read but not loaded

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
