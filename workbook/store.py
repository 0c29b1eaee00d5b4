"""The SQLite starter database.

Tables for checklist data are derived from the schema. A load replaces all
derived data in one transaction: if anything fails part-way, the database keeps
what it had. Decisions taken in the room (later tasks) live in tables a load
never touches.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import time
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import schema as S

SQL_TYPES = {S.INTEGER: "INTEGER", S.YEAR: "INTEGER", S.NUMBER: "REAL", S.MONEY: "REAL",
             S.MEASURE: "REAL"}

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


ROW_ID_COLUMNS = {"coalition": "coalition_id", "areas": "area_id", "bodies": "body_id",
                  "goals": "goal_row_id", "strategies": "strategy_id",
                  "members": "membership_id", "funders": "funding_id", "asks": "ask_id"}


def row_id_column(sheet: S.Sheet) -> str:
    return ROW_ID_COLUMNS[sheet.name]


def has_value_table(field: S.Field) -> bool:
    """Several values kept one per row of a child table (goal links go to strategy_goals)."""
    return field.type in (S.MULTI_CHOICE, S.TEXT_LIST)


def multi_value_table(field: S.Field, sheet: S.Sheet = S.COALITION) -> str:
    """coalition_<field> for the coalition form's lists, <table>_<field> for a table's."""
    return f"coalition_{field.name}" if sheet is S.COALITION else f"{table_name(sheet)}_{field.name}"


def measure_text_column(field: S.Field) -> str:
    return field.name + S.MEASURE_TEXT_SUFFIX


def derived_ddl() -> str:
    """CREATE statements for every table a load fills, read off the schema."""
    statements = [FIXED_DERIVED_DDL]
    for sheet in S.CHECKLIST:
        statements.append(_sheet_ddl(sheet))
        statements += [_value_table_ddl(sheet, f) for f in sheet.fields if has_value_table(f)]
    return "\n".join(statements)


def _sheet_ddl(sheet: S.Sheet) -> str:
    columns = [f"{row_id_column(sheet)} INTEGER PRIMARY KEY"]
    if sheet is not S.COALITION:
        columns.append("coalition_id INTEGER NOT NULL REFERENCES coalitions(coalition_id)")
    for field in sheet.fields:
        if field.several:
            continue
        columns.append(f"{field.name} {SQL_TYPES.get(field.type, 'TEXT')}")
        if field.type == S.MEASURE:
            columns.append(f"{measure_text_column(field)} TEXT")
        columns += _entity_columns(field)
    columns += ["source_file TEXT NOT NULL", "source_row INTEGER NOT NULL", "extra_json TEXT"]
    return f"CREATE TABLE {table_name(sheet)} (\n    " + ",\n    ".join(columns) + "\n);"


def _entity_columns(field: S.Field, prefix: str | None = None) -> list[str]:
    prefix = field.name if prefix is None else prefix
    if field.entity == S.ORGANISATION:
        return [f"{prefix}_id INTEGER REFERENCES organisations(organisation_id)"]
    if field.entity == S.PERSON:
        return [f"{prefix}_person_id INTEGER REFERENCES people(person_id)"]
    return []


def _value_table_ddl(sheet: S.Sheet, field: S.Field) -> str:
    columns = ["coalition_id INTEGER NOT NULL REFERENCES coalitions(coalition_id)"]
    if sheet is not S.COALITION:
        key = row_id_column(sheet)
        columns.insert(0, f"{key} INTEGER NOT NULL REFERENCES {table_name(sheet)}({key})")
    columns += ["value TEXT NOT NULL", "position INTEGER NOT NULL"]
    # An organisation list (co-leads) carries each value's organisation id.
    columns += _entity_columns(field, prefix="organisation" if field.entity == S.ORGANISATION
                               else "person")
    return (f"CREATE TABLE {multi_value_table(field, sheet)} (" + ", ".join(columns) + ");")


def derived_tables() -> list[str]:
    names = ["organisations", "organisation_spellings", "people", "strategy_goals",
             "name_review", "name_places", "problems"]
    for sheet in S.CHECKLIST:
        names.append(table_name(sheet))
        names += [multi_value_table(f, sheet) for f in sheet.fields if has_value_table(f)]
    return names


# Room writers (decisions, forms, codes, what is shown) wait this long for a lock rather than
# show "database is locked"; each of their transactions lasts milliseconds.
SHARED_BUSY_TIMEOUT_S = 10.0


def connect_shared(db_path: str | Path) -> sqlite3.Connection:
    """A connection for the room's many short writers: WAL, so readers never wait for them."""
    connection = sqlite3.connect(str(db_path), isolation_level=None, timeout=SHARED_BUSY_TIMEOUT_S)
    connection.row_factory = sqlite3.Row
    connection.execute(f"PRAGMA busy_timeout = {int(SHARED_BUSY_TIMEOUT_S * 1000)}")
    _switch_to_wal(connection)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _switch_to_wal(connection: sqlite3.Connection) -> None:
    """Put the file in WAL mode, waiting as the busy timeout would for a writer to finish.

    A file the loader made is in rollback mode until a room writer first opens it. SQLite refuses
    that switch at once, without calling the busy handler, while another connection is writing
    (it would otherwise risk a deadlock), so the wait is done here.
    """
    deadline = time.monotonic() + SHARED_BUSY_TIMEOUT_S
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def utc_now(timespec: str = "seconds") -> str:
    """Now in UTC as ISO text, the way every table here records when something happened."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec=timespec)


def append_only_ddl(tables: Iterable[str], message: str) -> str:
    """Triggers refusing UPDATE and DELETE on *tables*, telling the writer *message*."""
    said = message.replace("'", "''")
    return "".join(f"CREATE TRIGGER IF NOT EXISTS {table}_no_{verb.lower()} BEFORE {verb} "
                   f"ON {table} BEGIN SELECT RAISE(ABORT, '{said}'); END;\n"
                   for table in tables for verb in ("UPDATE", "DELETE"))


_CREATED_NAME = re.compile(r"CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|TRIGGER|VIEW)\s+"
                           r"IF\s+NOT\s+EXISTS\s+(\w+)", re.IGNORECASE)


def ensure_tables(connection: sqlite3.Connection, ddl: str | Iterable[str]) -> None:
    """Create what *ddl* (a script, or its statements) names and the file lacks, in one go.

    Every statement must be CREATE ... IF NOT EXISTS. When all it names is there, this is one
    read of sqlite_master: no write lock, so a reader never queues behind a busy writer for it.
    Checked on every call rather than remembered per process, because a file can be replaced
    under the same path (a rebuilt database, a test's fresh one); the check costs no more than
    the noise of opening a connection, while running the DDL each time took the write lock.
    """
    statements = split_script(ddl) if isinstance(ddl, str) else list(ddl)
    names = [m.group(1) for s in statements for m in [_CREATED_NAME.search(s)] if m]
    if len(names) != len(statements):
        raise ValueError("ensure_tables runs only CREATE ... IF NOT EXISTS statements")
    marks = ", ".join("?" for _ in names)
    present = connection.execute(f"SELECT count(DISTINCT name) FROM sqlite_master "
                                 f"WHERE name IN ({marks})", names).fetchone()[0]
    if present == len(set(names)):
        return
    with transaction(connection):
        for statement in statements:
            connection.execute(statement)


def split_script(script: str) -> list[str]:
    """A script's statements; a trigger's body may hold ";" of its own."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if _CREATED_NAME.search(pending):  # the last statement may go without its ";"
        statements.append(pending.strip())
    return statements


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
    # itemgetter picks each row's values in C; with one column it gives the value alone.
    pick = itemgetter(*columns)
    values = map(pick, rows) if len(columns) > 1 else ((pick(row),) for row in rows)
    connection.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", values)


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
        (utc_now(), S.SCHEMA_VERSION,
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
