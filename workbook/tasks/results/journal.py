"""An append-only journal for the room's working notes on results: prompts and measures.

Like the decision log, nothing is ever updated or deleted (triggers refuse it): a
revision is a new row about the same (kind, key), the newest wins, and a removal is a
row marked removed. ``history`` gives every revision, so the room can see how the story
behind a curve changed between meetings. Table ``results_journal``: a checklist load
never drops it (``store.derived_tables`` does not name it).
"""
from __future__ import annotations

import datetime as dt
import json
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from ... import store

TABLE = "results_journal"
DDL = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    note_id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    written_by TEXT NOT NULL,
    written_at TEXT NOT NULL,
    removed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS {TABLE}_by_key ON {TABLE} (kind, key);
""" + store.append_only_ddl([TABLE], "the results journal is append-only: write a new note")


@dataclass(frozen=True)
class Note:
    note_id: int
    kind: str
    key: str
    payload: Mapping[str, Any]
    by: str
    at: dt.datetime
    removed: bool


def write(db: str | Path, kind: str, key: str, payload: Mapping[str, Any], by: str,
          removed: bool = False) -> int:
    """Append a note about (*kind*, *key*); the newest note about it is the one in force."""
    if not str(by).strip():
        raise ValueError("Say who wrote it: a role such as 'facilitator'.")
    with closing(store.connect_shared(db)) as connection:
        store.ensure_tables(connection, DDL)
        with store.transaction(connection):
            return connection.execute(
                f"INSERT INTO {TABLE} (kind, key, payload_json, written_by, written_at, removed)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (kind, key, json.dumps(dict(payload), sort_keys=True, default=str),
                 str(by).strip(), store.utc_now(), int(removed))).lastrowid


def notes(db: str | Path, kind: str) -> list[Note]:
    """Every note of *kind*, oldest first (an empty list before the first one)."""
    if not Path(db).is_file():
        return []
    with closing(store.connect_shared(db)) as connection:
        exists = connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?",
                                    (TABLE,)).fetchone()
        if not exists:
            return []
        rows = connection.execute(f"SELECT * FROM {TABLE} WHERE kind = ? ORDER BY note_id",
                                  (kind,)).fetchall()
    return [Note(r["note_id"], r["kind"], r["key"], json.loads(r["payload_json"]),
                 r["written_by"], dt.datetime.fromisoformat(r["written_at"]), bool(r["removed"]))
            for r in rows]


def in_force(db: str | Path, kind: str) -> dict[str, Note]:
    """key -> the newest note about it, leaving out keys whose newest note removed them."""
    newest: dict[str, Note] = {}
    for note in notes(db, kind):
        newest[note.key] = note
    return {key: note for key, note in newest.items() if not note.removed}


def history(db: str | Path, kind: str, key: str) -> list[Note]:
    return [note for note in notes(db, kind) if note.key == key]
