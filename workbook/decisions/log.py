"""Opening, writing and reading the log.

* **Append-only.** An entry is never changed or deleted (SQLite triggers refuse it). A
  new mind is a new entry that *supersedes* the old one; undo is ``withdraw``, an entry
  that supersedes and puts nothing in force; ``reconfirm`` records an entry again about
  its subjects as they now are. ``current`` is what is in force now, ``history`` every
  revision about one subject. Superseding an entry someone else superseded first (the
  second laptop) raises ``DecisionConflict``.
* **Many writers.** Every call opens ``store.connect_shared`` (WAL, busy timeout) and
  writes in one short ``store.transaction``; reading the load's tables for snapshots
  happens before it. A lock held beyond the busy timeout raises ``DecisionLogBusy``,
  whose message a facilitator can act on, never a raw "database is locked".
* The tables are ``decision_*``, which a load never drops (``store`` rebuilds only
  ``store.derived_tables()``).
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from .. import store
from ..matching.names import trimmed
from .entry import (KINDS, SUBJECT_KINDS, WITHDRAW, Decision, DecisionConflict, DecisionError,
                    DecisionLogBusy, Entry, Subject)
from .subjects import as_decided, has_table, load_index

TABLE_PREFIX = "decision_"

DDL = """
CREATE TABLE IF NOT EXISTS decision_entries (
    entry_id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    value TEXT,
    details_json TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    rationale TEXT NOT NULL,
    load_id INTEGER
);
CREATE TABLE IF NOT EXISTS decision_subjects (
    entry_id INTEGER NOT NULL REFERENCES decision_entries(entry_id),
    position INTEGER NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_key TEXT NOT NULL,
    label TEXT NOT NULL,
    snapshot_json TEXT,
    PRIMARY KEY (entry_id, position)
);
CREATE INDEX IF NOT EXISTS decision_subjects_by_key
    ON decision_subjects (subject_kind, subject_key);
-- UNIQUE: an entry is superseded once, and a second laptop superseding it too is told so.
CREATE TABLE IF NOT EXISTS decision_supersedes (
    entry_id INTEGER NOT NULL REFERENCES decision_entries(entry_id),
    superseded_id INTEGER NOT NULL UNIQUE REFERENCES decision_entries(entry_id),
    CHECK (superseded_id < entry_id)
);
"""
APPEND_ONLY = "the decision log is append-only: record a new entry that supersedes this one"
LOG_TABLES = ("decision_entries", "decision_subjects", "decision_supersedes")
LOG_DDL = DDL + store.append_only_ddl(LOG_TABLES, APPEND_ONLY)


# --- opening the log ------------------------------------------------------------------

@contextmanager
def _friendly() -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as error:
        text = str(error).lower()
        if "locked" in text or "busy" in text:
            raise DecisionLogBusy(
                "The decision log is busy: another laptop or a load of the checklists has "
                f"held the database for more than {store.SHARED_BUSY_TIMEOUT_S:g} seconds. "
                "Nothing was written. Wait a moment and try again; if it keeps happening, "
                "check that no other program has the workbook database open.") from error
        raise


@contextmanager
def opened(db: str | Path | sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A path is opened with store.connect_shared and closed after; a connection is used as is."""
    with _friendly():
        if isinstance(db, sqlite3.Connection):
            store.ensure_tables(db, LOG_DDL)
            yield db
            return
        with closing(store.connect_shared(db)) as connection:
            store.ensure_tables(connection, LOG_DDL)
            yield connection


@contextmanager
def reading(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One read transaction: every query sees the same committed state (a load may be writing)."""
    connection.execute("BEGIN")
    try:
        yield connection
    finally:
        connection.execute("COMMIT")


# --- writing --------------------------------------------------------------------------

def record(db: str | Path | sqlite3.Connection, decision: Decision) -> int:
    """Append *decision* to the log; its subjects' snapshots come from the current load."""
    _validate(decision)
    with opened(db) as connection:
        with reading(connection):
            # A withdrawal keeps its entry's subjects as they were: they may be gone now.
            subjects = decision.subjects if decision.kind == WITHDRAW else tuple(
                as_decided(connection, s) for s in decision.subjects)
            load_id = _newest_load(connection)
        with store.transaction(connection):
            _check_supersedable(connection, decision.supersedes)
            entry_id = connection.execute(
                "INSERT INTO decision_entries (kind, value, details_json, decided_by, decided_at,"
                " rationale, load_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (decision.kind, decision.value, _json(decision.details), trimmed(decision.by),
                 store.utc_now(),
                 trimmed(decision.rationale), load_id)).lastrowid
            connection.executemany(
                "INSERT INTO decision_subjects VALUES (?, ?, ?, ?, ?, ?)",
                [(entry_id, position, s.kind, s.key, s.label,
                  None if s.snapshot is None else _json(s.snapshot))
                 for position, s in enumerate(subjects)])
            connection.executemany("INSERT INTO decision_supersedes VALUES (?, ?)",
                                   [(entry_id, old) for old in decision.supersedes])
    return entry_id


def supersede(db: str | Path | sqlite3.Connection, old: int | Iterable[int],
              decision: Decision) -> int:
    """Record *decision* in place of the entry (or entries) *old*."""
    olds = (old,) if isinstance(old, int) else tuple(old)
    return record(db, replace(decision, supersedes=tuple(decision.supersedes) + olds))


def withdraw(db: str | Path | sqlite3.Connection, entry_id: int, by: str,
             rationale: str = "") -> int:
    """Undo: the entry stays in the log, no longer in force."""
    entry = _entry(db, entry_id)
    return record(db, Decision(WITHDRAW, entry.subjects, by, rationale=rationale,
                               supersedes=(entry_id,)))


def reconfirm(db: str | Path | sqlite3.Connection, entry_id: int, by: str,
              rationale: str = "Still right after the checklists were loaded again") -> int:
    """The same decision again, with its subjects as the current load has them: clears a review."""
    entry = _entry(db, entry_id)
    return record(db, Decision(entry.kind, entry.subjects, by, entry.value, rationale,
                               entry.details, supersedes=(entry_id,)))


def _validate(decision: Decision) -> None:
    kind = KINDS.get(decision.kind)
    if kind is None:
        raise DecisionError(f"'{decision.kind}' is not a kind of decision; use one of: "
                            + ", ".join(KINDS) + ".")
    if not decision.subjects:
        raise DecisionError("Say what the decision is about: give at least one subject.")
    if not trimmed(decision.by):
        raise DecisionError("Say who decided: a role such as 'facilitator', or a code.")
    if kind.needs_value and not trimmed(decision.value):
        raise DecisionError(f"'{kind.title}' needs a value: {kind.meaning}.")
    if kind.name == WITHDRAW and not decision.supersedes:
        raise DecisionError("A withdrawal names the entry it withdraws (supersedes).")
    for s in decision.subjects:
        if s.kind not in SUBJECT_KINDS:
            raise DecisionError(f"'{s.kind}' is not a kind of subject.")


def _check_supersedable(connection: sqlite3.Connection, olds: Sequence[int]) -> None:
    """Inside the write transaction, so two laptops superseding one entry cannot both pass."""
    for old in olds:
        if connection.execute("SELECT 1 FROM decision_entries WHERE entry_id = ?",
                              (old,)).fetchone() is None:
            raise DecisionError(f"There is no decision number {old} in the log.")
        later = connection.execute(
            "SELECT s.entry_id, e.decided_by FROM decision_supersedes s JOIN decision_entries e"
            " ON e.entry_id = s.entry_id WHERE s.superseded_id = ?", (old,)).fetchone()
        if later is not None:
            raise DecisionConflict(
                f"Decision {old} was already replaced by decision {later['entry_id']} "
                f"({later['decided_by']}). Look at the log again, then change that one.")


def _json(value: Mapping[str, Any]) -> str:
    return json.dumps(dict(value), sort_keys=True, default=str)


def _newest_load(connection: sqlite3.Connection) -> int | None:
    if not has_table(connection, "loads"):
        return None
    return connection.execute("SELECT MAX(load_id) FROM loads").fetchone()[0]


# --- reading --------------------------------------------------------------------------

def entries(db: str | Path | sqlite3.Connection) -> list[Entry]:
    """The whole log, oldest first."""
    with opened(db) as connection, reading(connection):
        return read_entries(connection)


def current(db: str | Path | sqlite3.Connection, subject_kind: str | None = None) -> list[Entry]:
    """The entries in force (neither superseded nor withdrawals), optionally about one kind."""
    return [e for e in entries(db) if e.in_force
            and (subject_kind is None or any(s.kind == subject_kind for s in e.subjects))]


def history(db: str | Path | sqlite3.Connection, about: Subject | tuple[str, str]) -> list[Entry]:
    """Every entry about one subject, oldest first, with the entries they replaced or were
    replaced by (a reconfirmed goal's old entry is filed under its old wording)."""
    kind, key = (about.kind, about.key) if isinstance(about, Subject) else about
    keys = {key}
    with opened(db) as connection, reading(connection):
        if SUBJECT_KINDS.get(kind) and SUBJECT_KINDS[kind].loaded:
            # e.g. one spelling of an organisation, filed under its match key
            keys |= {found.key for found in load_index(connection, kind).get(key, [])}
        every = read_entries(connection)
    chosen = {e.entry_id for e in every
              if any(s.kind == kind and s.key in keys for s in e.subjects)}
    by_id = {e.entry_id: e for e in every}
    waiting = list(chosen)
    while waiting:  # follow the revisions both ways
        entry = by_id[waiting.pop()]
        for linked in (*entry.supersedes, entry.superseded_by):
            if linked is not None and linked not in chosen:
                chosen.add(linked)
                waiting.append(linked)
    return [e for e in every if e.entry_id in chosen]


def _entry(db: str | Path | sqlite3.Connection, entry_id: int) -> Entry:
    for entry in entries(db):
        if entry.entry_id == entry_id:
            return entry
    raise DecisionError(f"There is no decision number {entry_id} in the log.")


def read_entries(connection: sqlite3.Connection) -> list[Entry]:
    subjects: dict[int, list[Subject]] = {}
    for row in connection.execute("SELECT * FROM decision_subjects ORDER BY entry_id, position"):
        snapshot = json.loads(row["snapshot_json"]) if row["snapshot_json"] else None
        subjects.setdefault(row["entry_id"], []).append(
            Subject(row["subject_kind"], row["subject_key"], row["label"], snapshot))
    supersedes: dict[int, list[int]] = {}
    superseded_by: dict[int, int] = {}
    for row in connection.execute("SELECT * FROM decision_supersedes ORDER BY superseded_id"):
        supersedes.setdefault(row["entry_id"], []).append(row["superseded_id"])
        superseded_by[row["superseded_id"]] = row["entry_id"]
    return [Entry(row["entry_id"], row["kind"], row["value"], json.loads(row["details_json"]),
                  row["decided_by"], dt.datetime.fromisoformat(row["decided_at"]),
                  row["rationale"], row["load_id"], tuple(subjects.get(row["entry_id"], ())),
                  tuple(supersedes.get(row["entry_id"], ())), superseded_by.get(row["entry_id"]))
            for row in connection.execute("SELECT * FROM decision_entries ORDER BY entry_id")]
