"""The SQLite starter database.

Tables for checklist data are derived from the schema. A load replaces all
derived data in one transaction: if anything fails part-way, the database keeps
what it had. Decisions taken in the room (later tasks) live in tables a load
never touches.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from . import schema as S

SQL_TYPES = {S.INTEGER: "INTEGER", S.YEAR: "INTEGER", S.NUMBER: "REAL", S.MONEY: "REAL"}

# Tables a load owns and rebuilds; everything else in the file is left alone.
LOAD_HISTORY_DDL = """
CREATE TABLE IF NOT EXISTS loads (
    load_id INTEGER PRIMARY KEY,
    loaded_at TEXT NOT NULL,
    schema_version TEXT NOT NULL,
    community TEXT NOT NULL,
    files INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS load_files (
    load_id INTEGER NOT NULL REFERENCES loads(load_id),
    path TEXT NOT NULL,
    sha256 TEXT,
    status TEXT NOT NULL,
    rows_json TEXT NOT NULL
);
"""

FIXED_DERIVED_DDL = """
CREATE TABLE organisations (
    organisation_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    match_key TEXT NOT NULL UNIQUE
);
CREATE TABLE organisation_spellings (
    spelling TEXT PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(organisation_id),
    how TEXT NOT NULL,
    score REAL NOT NULL
);
CREATE TABLE people (
    person_id INTEGER PRIMARY KEY,
    name TEXT,
    email TEXT,
    match_key TEXT NOT NULL UNIQUE
);
CREATE TABLE strategy_goals (
    strategy_id INTEGER NOT NULL REFERENCES strategies(strategy_id),
    goal_row_id INTEGER NOT NULL REFERENCES goals(goal_row_id)
);
CREATE TABLE name_review (
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    candidate TEXT NOT NULL,
    score REAL NOT NULL
);
-- Where each matched name was typed, and who or what stood beside it: the
-- evidence the names-to-review panel shows (match_key is the organisation's or person's).
CREATE TABLE name_places (
    kind TEXT NOT NULL,
    match_key TEXT NOT NULL,
    spelling TEXT NOT NULL,
    source_file TEXT NOT NULL,
    sheet TEXT NOT NULL,
    cell TEXT,
    source_row INTEGER NOT NULL,
    alongside TEXT
);
CREATE TABLE problems (
    problem_id INTEGER PRIMARY KEY,
    severity TEXT NOT NULL,
    code TEXT NOT NULL,
    file TEXT NOT NULL,
    sheet TEXT,
    cell TEXT,
    field TEXT,
    message TEXT NOT NULL,
    fix TEXT NOT NULL,
    row INTEGER,
    rows_not_loaded INTEGER NOT NULL
);
"""


def table_name(sheet: S.Sheet) -> str:
    return "coalitions" if sheet is S.COALITION else sheet.name


def row_id_column(sheet: S.Sheet) -> str:
    return {"coalition": "coalition_id", "goals": "goal_row_id",
            "strategies": "strategy_id", "members": "membership_id",
            "funders": "funding_id", "asks": "ask_id"}[sheet.name]


def multi_value_table(field: S.Field) -> str:
    return f"coalition_{field.name}"


def derived_ddl() -> str:
    """CREATE statements for every table a load fills, read off the schema."""
    statements = [FIXED_DERIVED_DDL]
    for sheet in S.CHECKLIST:
        columns = [f"{row_id_column(sheet)} INTEGER PRIMARY KEY"]
        if sheet is not S.COALITION:
            columns.append("coalition_id INTEGER NOT NULL REFERENCES coalitions(coalition_id)")
        for field in sheet.fields:
            if field.several:
                continue
            columns.append(f"{field.name} {SQL_TYPES.get(field.type, 'TEXT')}")
            if field.entity == S.ORGANISATION:
                columns.append(f"{field.name}_id INTEGER REFERENCES organisations(organisation_id)")
            elif field.entity == S.PERSON:
                columns.append(f"{field.name}_person_id INTEGER REFERENCES people(person_id)")
        columns += ["source_file TEXT NOT NULL", "source_row INTEGER NOT NULL", "extra_json TEXT"]
        statements.append(f"CREATE TABLE {table_name(sheet)} (\n    " + ",\n    ".join(columns) + "\n);")
        for field in sheet.fields:
            if field.type == S.MULTI_CHOICE:
                statements.append(
                    f"CREATE TABLE {multi_value_table(field)} (coalition_id INTEGER NOT NULL "
                    f"REFERENCES coalitions(coalition_id), value TEXT NOT NULL, position INTEGER NOT NULL);")
    return "\n".join(statements)


def derived_tables() -> list[str]:
    names = ["organisations", "organisation_spellings", "people", "strategy_goals",
             "name_review", "name_places", "problems"]
    for sheet in S.CHECKLIST:
        names.append(table_name(sheet))
        names += [multi_value_table(f) for f in sheet.fields if f.type == S.MULTI_CHOICE]
    return names


def connect(db_path: str | Path) -> sqlite3.Connection:
    connection = sqlite3.connect(str(db_path), isolation_level=None)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All or nothing: BEGIN IMMEDIATE so no other writer slips in between."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def replace_derived_tables(connection: sqlite3.Connection) -> None:
    """Inside a transaction: drop the derived tables and create them from the schema."""
    # Tables refer to each other; checking references at COMMIT lets them be rebuilt in any order.
    connection.execute("PRAGMA defer_foreign_keys = ON")
    for name in reversed(derived_tables()):
        connection.execute(f"DROP TABLE IF EXISTS {name}")
    for statement in _statements(LOAD_HISTORY_DDL + derived_ddl()):
        connection.execute(statement)


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]


def insert_rows(connection: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    placeholders = ", ".join("?" for _ in columns)
    connection.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",
        [tuple(row[c] for c in columns) for row in rows])


def write_load(db_path: str | Path, rows: dict[str, list[dict[str, Any]]],
               load: dict[str, Any] | None = None) -> int | None:
    """Replace all derived data with *rows* in one transaction; record the load if given.

    *load* holds record_load's arguments (community, files, errors, warnings).
    Returns the new load's id, or None when no load record was asked for.
    """
    connection = connect(db_path)
    try:
        with transaction(connection):
            replace_derived_tables(connection)
            for table, table_rows in rows.items():
                insert_rows(connection, table, table_rows)
            return record_load(connection, **load) if load is not None else None
    finally:
        connection.close()


def record_load(connection: sqlite3.Connection, community: str, files: list[dict],
                errors: int, warnings: int) -> int:
    cursor = connection.execute(
        "INSERT INTO loads (loaded_at, schema_version, community, files, errors, warnings) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), S.SCHEMA_VERSION,
         community, len(files), errors, warnings))
    load_id = cursor.lastrowid
    insert_rows(connection, "load_files", [
        {"load_id": load_id, "path": f["path"], "sha256": f["sha256"], "status": f["status"],
         "rows_json": json.dumps(f["rows"], sort_keys=True)} for f in files])
    return load_id


def read_table(db_path: str | Path, sql: str, params: tuple = ()):
    """Run a query on a read-only connection and return a pandas DataFrame."""
    import pandas as pd
    uri = f"file:{Path(db_path).resolve()}?mode=ro"
    with sqlite3.connect(uri, uri=True) as connection:
        return pd.read_sql_query(sql, connection, params=params)
