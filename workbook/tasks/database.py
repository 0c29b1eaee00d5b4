"""What a starter database holds: a database loaded before schema 2.0 lacks the newer tables
and columns, and the dashboards still show it (the newer facts left blank) until it is
loaded again."""
from __future__ import annotations

from pathlib import Path

from ..store import read_table


def has_table(db: str | Path, name: str) -> bool:
    found = read_table(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?",
                       (name,))
    return not found.empty


def columns_of(db: str | Path, table: str) -> set[str]:
    return set(read_table(db, f"PRAGMA table_info({table})")["name"])
