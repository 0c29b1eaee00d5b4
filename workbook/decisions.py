"""The one decision log: what the room decided, about what, by whom, when and why.

Tasks 3-5 write here (combine two goals, adopt a North Star, agree an umbrella option,
choose the backbone); the second facilitator laptop and the exports read it.

* **Append-only.** An entry is never changed or deleted (SQLite triggers refuse it). A
  new mind is a new entry that *supersedes* the old one; undo is ``withdraw``, an entry
  that supersedes and puts nothing in force; ``reconfirm`` records an entry again about
  its subjects as they now are. ``current`` is what is in force now, ``history`` every
  revision about one subject. Superseding an entry someone else superseded first (the
  second laptop) raises ``DecisionConflict``.
* **Stable subjects.** An entry names its subjects by kind and a key made from names with
  the workbook's own matching keys (``matching.normalise_organisation`` for coalitions and
  organisations, the overlap's ``normalised_text`` for goal, strategy and indicator
  wording), never by row ids, which a load renumbers. For subjects that come from the
  checklists, the entry keeps a snapshot of the subject as the load had it.
* **Reloads.** The tables are ``decision_*``, which a load never drops (``store`` rebuilds
  only ``store.derived_tables()``). ``review_after_load`` compares each snapshot with the
  subject in the current load, field by field (``SubjectKind.compared``), and flags the
  entry "needs review" when a field that says what the subject *is* changed (a goal's
  wording, indicator, target…), or the subject is gone. A new latest value does not. A
  subject is found again by its key, a goal also by its goal ID (reworded: changed, not
  gone), a coalition also by its former names.
* **Calls** take the database's path (or a ``store.connect_shared`` connection not inside
  a transaction): ``record(db, Decision(kind, (subject(...), ...), by, value, rationale,
  details))``, ``supersede``, ``withdraw``, ``reconfirm``, ``current``, ``history``,
  ``review_after_load``, ``log_rows``, ``export_xlsx``, ``add_log_sheets``.
* **Many writers.** Every call opens ``store.connect_shared`` (WAL, busy timeout) and
  writes in one short ``store.transaction``; reading the load's tables for snapshots
  happens before it. A lock held beyond the busy timeout raises ``DecisionLogBusy``,
  whose message a facilitator can act on, never a raw "database is locked".
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from . import store
from .matching.names import fold, normalise_organisation, trimmed
from .tasks.overlaps.texts import normalised_text

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


def _append_only_triggers() -> list[str]:
    return [f"CREATE TRIGGER IF NOT EXISTS {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            for table in LOG_TABLES for verb in ("UPDATE", "DELETE")]


# --- what can be decided --------------------------------------------------------------

@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    meaning: str
    needs_value: bool = False  # the value says what was decided (wording, option, candidate)


WITHDRAW = "withdraw"
KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("combine", "Combine", "several goals or strategies become one; value: the shared wording",
         needs_value=True),
    Kind("keep_separate", "Keep separate", "goals or strategies that look alike stay apart"),
    Kind("align", "Align", "strategies stay with their coalitions, coordinated"),
    Kind("keep", "Keep", "a strategy or goal stays as it is"),
    Kind("add", "Add", "a new shared goal, strategy or indicator; value: its wording",
         needs_value=True),
    Kind("retire", "Retire", "a goal is no longer pursued"),
    Kind("stop", "Stop", "a strategy ends"),
    Kind("adopt", "Adopt", "the North Star or a shared indicator; value: its statement",
         needs_value=True),
    Kind("agree", "Agree", "an umbrella parameter's option agreed; value: the option",
         needs_value=True),
    Kind("choose", "Choose", "the backbone or shared arrangement chosen; value: who",
         needs_value=True),
    Kind(WITHDRAW, "Withdraw", "undo: the superseded entry is no longer in force"),
)}


@dataclass(frozen=True)
class SubjectKind:
    name: str
    title: str
    parts: tuple[str, ...]  # the names a subject of this kind is given by
    loaded: bool = False  # comes from the checklists, so a reload can change it
    compared: tuple[str, ...] = ()  # snapshot fields that say what the subject is
    text: str = "name"  # the snapshot field holding its last name part, as typed


SUBJECT_KINDS: dict[str, SubjectKind] = {k.name: k for k in (
    SubjectKind("coalition", "Coalition", ("name",), loaded=True,
                compared=("name", "status", "merged_into")),
    # An organisation's shown name follows its fullest spelling, so only its absence counts.
    SubjectKind("organisation", "Organisation", ("name",), loaded=True),
    SubjectKind("goal", "Goal", ("coalition", "statement"), loaded=True,
                compared=("statement", "issue_area", "population", "indicator", "unit",
                          "polarity", "target_value", "target_year"), text="statement"),
    SubjectKind("strategy", "Strategy", ("coalition", "strategy"), loaded=True,
                compared=("strategy", "strategy_type", "issue_area", "status"), text="strategy"),
    SubjectKind("indicator", "Indicator", ("indicator",), loaded=True,
                compared=("coalitions",), text="indicator"),
    # Made in the room: nothing in a load to compare them with.
    SubjectKind("north_star", "North Star", ("name",)),
    SubjectKind("shared_goal", "Shared goal", ("wording",)),
    SubjectKind("shared_strategy", "Shared strategy", ("wording",)),
    SubjectKind("shared_indicator", "Shared indicator", ("wording",)),
    SubjectKind("umbrella_parameter", "Umbrella parameter", ("parameter",)),
    SubjectKind("backbone", "Backbone", ("name",)),
    SubjectKind("topic", "Other question", ("question",)),
)}

KEY_SEPARATOR = " / "


def plain_key(text: object) -> str:
    """Case, accents and spacing evened out: the key of a name typed in the room."""
    return " ".join(fold(trimmed(text)).casefold().split())


def wording_key(text: object) -> str:
    """Goal, strategy and indicator wording as the overlaps compare it (no years, no "increase")."""
    return normalised_text(fold(trimmed(text))) or plain_key(text)


def _key_of(kind: str, names: Sequence[str]) -> str:
    if kind in ("coalition", "organisation"):
        return normalise_organisation(names[0])
    if kind in ("goal", "strategy"):
        return normalise_organisation(names[0]) + KEY_SEPARATOR + wording_key(names[1])
    if kind == "indicator":
        return wording_key(names[0])
    return plain_key(names[0])


# --- entries --------------------------------------------------------------------------

class DecisionError(ValueError):
    """A decision that cannot be recorded as asked; the message says what to do."""


class DecisionConflict(DecisionError):
    """Someone else superseded the same entry first (e.g. from the second laptop)."""


class DecisionLogBusy(RuntimeError):
    """The database stayed locked beyond the busy timeout: nothing was written."""


@dataclass(frozen=True)
class Subject:
    kind: str
    key: str
    label: str
    snapshot: Mapping[str, Any] | None = None  # as the load had it when decided
    # The names as typed, to tell apart two goals of one coalition worded alike (not stored).
    typed: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def title(self) -> str:
        return f"{SUBJECT_KINDS[self.kind].title}: {self.label}"


def subject(kind: str, *names: str, snapshot: Mapping[str, Any] | None = None) -> Subject:
    """A subject named as people see it, e.g. ``subject("goal", coalition, statement)``.

    A *snapshot* can be given for subjects made in the room (a proposed wording, a
    fist-to-five result); for subjects from the checklists it is read from the load.
    """
    if kind not in SUBJECT_KINDS:
        raise DecisionError(f"'{kind}' is not a kind of subject; use one of: "
                            + ", ".join(SUBJECT_KINDS) + ".")
    parts = SUBJECT_KINDS[kind].parts
    if len(names) != len(parts) or not all(trimmed(n) for n in names):
        raise DecisionError(f"A {SUBJECT_KINDS[kind].title.lower()} is named by "
                            + " and ".join(parts) + f"; got {list(names)!r}.")
    if snapshot is not None and SUBJECT_KINDS[kind].loaded:
        raise DecisionError(f"A {kind}'s snapshot is read from the loaded checklists, not given.")
    key = _key_of(kind, names)
    if not key:
        raise DecisionError(f"{list(names)!r} gives no name to file a {kind} under.")
    return Subject(kind, key, ": ".join(trimmed(n) for n in names),
                   dict(snapshot) if snapshot is not None else None, tuple(names))


@dataclass(frozen=True)
class Decision:
    kind: str
    subjects: tuple[Subject, ...]
    by: str  # a role ("facilitator", "co-facilitator") or an access code's id
    value: str | None = None
    rationale: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)  # rule, round, dissent, vote...
    supersedes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Entry:
    entry_id: int
    kind: str
    value: str | None
    details: Mapping[str, Any]
    by: str
    decided_at: dt.datetime  # UTC
    rationale: str
    load_id: int | None  # the newest load when it was decided
    subjects: tuple[Subject, ...]
    supersedes: tuple[int, ...]
    superseded_by: int | None

    @property
    def in_force(self) -> bool:
        return self.superseded_by is None and self.kind != WITHDRAW

    @property
    def decided_local(self) -> str:
        from .tasks.trains import local_time_text
        return local_time_text(self.decided_at.isoformat())

    @property
    def title(self) -> str:
        return KINDS[self.kind].title if self.kind in KINDS else self.kind

    @property
    def coalitions(self) -> tuple[str, ...]:
        """The coalitions it touches: named as subjects, or owning a goal or strategy."""
        names = [(s.snapshot or {}).get("coalition") or (s.snapshot or {}).get("name")
                 if s.kind in ("goal", "strategy", "coalition") else None for s in self.subjects]
        return tuple(dict.fromkeys(n for n in names if n))


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
def _opened(db: str | Path | sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A path is opened with store.connect_shared and closed after; a connection is used as is."""
    with _friendly():
        if isinstance(db, sqlite3.Connection):
            _ensure_tables(db)
            yield db
            return
        with closing(store.connect_shared(db)) as connection:
            _ensure_tables(connection)
            yield connection


def _ensure_tables(connection: sqlite3.Connection) -> None:
    if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'decision_supersedes_no_delete'"
                          ).fetchone():
        return
    with store.transaction(connection):
        for statement in [s for s in DDL.split(";") if s.strip()] + _append_only_triggers():
            connection.execute(statement)


@contextmanager
def _reading(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
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
    with _opened(db) as connection:
        with _reading(connection):
            # A withdrawal keeps its entry's subjects as they were: they may be gone now.
            subjects = decision.subjects if decision.kind == WITHDRAW else tuple(
                _as_decided(connection, s) for s in decision.subjects)
            load_id = _newest_load(connection)
        with store.transaction(connection):
            _check_supersedable(connection, decision.supersedes)
            entry_id = connection.execute(
                "INSERT INTO decision_entries (kind, value, details_json, decided_by, decided_at,"
                " rationale, load_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (decision.kind, decision.value, _json(decision.details), trimmed(decision.by),
                 dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
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


# --- subjects in the current load -----------------------------------------------------

@dataclass(frozen=True)
class _Found:
    key: str  # the subject's key in this load
    snapshot: dict[str, Any]


def _newest_load(connection: sqlite3.Connection) -> int | None:
    if not _has_table(connection, "loads"):
        return None
    return connection.execute("SELECT MAX(load_id) FROM loads").fetchone()[0]


def _has_table(connection: sqlite3.Connection, name: str) -> bool:
    return connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                              (name,)).fetchone() is not None


def _as_decided(connection: sqlite3.Connection, s: Subject) -> Subject:
    """The subject with its key and snapshot as the current load has them.

    Found as ``review_after_load`` finds it, so an entry flagged for review can be
    reconfirmed about the reworded goal or the renamed coalition.
    """
    if not SUBJECT_KINDS[s.kind].loaded:
        return s
    found = _found_again(s, _index(connection, s.kind))
    if found is None:
        raise DecisionError(f"{s.title} is not in the loaded checklists. Check the spelling, "
                            "or load the checklists again if it was added since.")
    return replace(s, key=found.key, snapshot=found.snapshot)


Index = dict[str, list[_Found]]  # key -> the subjects found under it, likeliest first


def _index(connection: sqlite3.Connection, kind: str) -> Index:
    """Every subject of *kind* in the current load, under each key it can be found by."""
    if not _has_table(connection, "coalitions"):
        return {}
    return _INDEXES[kind](connection)


def _file(index: Index, key: str, found: _Found) -> None:
    if found not in index.setdefault(key, []):
        index[key].append(found)


def _coalition_names(connection: sqlite3.Connection) -> dict[int, tuple[str, list[str]]]:
    """coalition id -> (name, every key it answers to: its name's and its former names')."""
    names = {row["coalition_id"]: (row["name"], [normalise_organisation(row["name"])])
             for row in connection.execute("SELECT coalition_id, name FROM coalitions")}
    for row in connection.execute("SELECT coalition_id, value FROM coalition_former_names"):
        names[row["coalition_id"]][1].append(normalise_organisation(row["value"]))
    return names


COALITION_FIELDS = ("name", "short_name", "status", "merged_into")


def _coalition_index(connection: sqlite3.Connection) -> Index:
    index: Index = {}
    names = _coalition_names(connection)
    rows = connection.execute(f"SELECT coalition_id, {', '.join(COALITION_FIELDS)} "
                              "FROM coalitions ORDER BY coalition_id").fetchall()
    coalitions = [(_Found(names[row["coalition_id"]][1][0], {f: row[f] for f in COALITION_FIELDS}),
                   names[row["coalition_id"]][1]) for row in rows]
    for found, keys in coalitions:  # own names first: they win over another's former name
        _file(index, keys[0], found)
    for found, keys in coalitions:
        for key in keys[1:]:
            _file(index, key, found)
    return index


def _organisation_index(connection: sqlite3.Connection) -> Index:
    organisations = {row["organisation_id"]: _Found(row["match_key"], {"name": row["name"]})
                     for row in connection.execute("SELECT * FROM organisations")}
    index: Index = {found.key: [found] for found in organisations.values()}
    for row in connection.execute("SELECT spelling, organisation_id FROM organisation_spellings"):
        _file(index, normalise_organisation(row["spelling"]), organisations[row["organisation_id"]])
    return index


GOAL_FIELDS = ("goal_id", "statement", "issue_area", "population", "indicator", "unit",
               "polarity", "baseline_value", "baseline_year", "target_value", "target_year",
               "data_source")
GOAL_ID_MARK = "#"  # goal keys by id: "<coalition> / #G1", for a reworded goal


def _goal_id_key(coalition_key: str, goal_id: object) -> str:
    return coalition_key + KEY_SEPARATOR + GOAL_ID_MARK + str(goal_id).upper()


def _goal_index(connection: sqlite3.Connection) -> Index:
    names = _coalition_names(connection)
    index: Index = {}
    for row in connection.execute(f"SELECT coalition_id, {', '.join(GOAL_FIELDS)} FROM goals "
                                  "ORDER BY goal_row_id"):
        name, coalition_keys = names[row["coalition_id"]]
        found = _Found(coalition_keys[0] + KEY_SEPARATOR + wording_key(row["statement"]),
                       {"coalition": name, **{f: row[f] for f in GOAL_FIELDS}})
        for coalition_key in coalition_keys:
            _file(index, coalition_key + KEY_SEPARATOR + wording_key(row["statement"]), found)
            _file(index, _goal_id_key(coalition_key, row["goal_id"]), found)
    return index


STRATEGY_FIELDS = ("strategy", "strategy_type", "issue_area", "status")


def _strategy_index(connection: sqlite3.Connection) -> Index:
    names = _coalition_names(connection)
    serves: dict[int, list[str]] = {}
    for row in connection.execute("SELECT sg.strategy_id, g.goal_id FROM strategy_goals sg "
                                  "JOIN goals g ON g.goal_row_id = sg.goal_row_id"):
        serves.setdefault(row["strategy_id"], []).append(row["goal_id"])
    index: Index = {}
    for row in connection.execute("SELECT * FROM strategies ORDER BY strategy_id"):
        name, coalition_keys = names[row["coalition_id"]]
        found = _Found(coalition_keys[0] + KEY_SEPARATOR + wording_key(row["strategy"]),
                       {"coalition": name,
                        "serves_goals": sorted(serves.get(row["strategy_id"], [])),
                        **{f: row[f] for f in STRATEGY_FIELDS}})
        for coalition_key in coalition_keys:
            _file(index, coalition_key + KEY_SEPARATOR + wording_key(row["strategy"]), found)
    return index


def _indicator_index(connection: sqlite3.Connection) -> Index:
    measured: dict[str, tuple[str, set[str]]] = {}
    for row in connection.execute(
            "SELECT g.indicator, c.name FROM goals g JOIN coalitions c ON c.coalition_id = "
            "g.coalition_id WHERE g.indicator IS NOT NULL ORDER BY g.goal_row_id"):
        key = wording_key(row["indicator"])
        if key:
            measured.setdefault(key, (row["indicator"], set()))[1].add(row["name"])
    return {key: [_Found(key, {"indicator": first, "coalitions": sorted(coalitions)})]
            for key, (first, coalitions) in measured.items()}


_INDEXES: dict[str, Callable[[sqlite3.Connection], Index]] = {
    "coalition": _coalition_index, "organisation": _organisation_index, "goal": _goal_index,
    "strategy": _strategy_index, "indicator": _indicator_index}


# --- reading --------------------------------------------------------------------------

def entries(db: str | Path | sqlite3.Connection) -> list[Entry]:
    """The whole log, oldest first."""
    with _opened(db) as connection, _reading(connection):
        return _read_entries(connection)


def current(db: str | Path | sqlite3.Connection, subject_kind: str | None = None) -> list[Entry]:
    """The entries in force (neither superseded nor withdrawals), optionally about one kind."""
    return [e for e in entries(db) if e.in_force
            and (subject_kind is None or any(s.kind == subject_kind for s in e.subjects))]


def history(db: str | Path | sqlite3.Connection, about: Subject | tuple[str, str]) -> list[Entry]:
    """Every entry about one subject, oldest first, with the entries they replaced or were
    replaced by (a reconfirmed goal's old entry is filed under its old wording)."""
    kind, key = (about.kind, about.key) if isinstance(about, Subject) else about
    keys = {key}
    with _opened(db) as connection, _reading(connection):
        if SUBJECT_KINDS.get(kind) and SUBJECT_KINDS[kind].loaded:
            # e.g. one spelling of an organisation, filed under its match key
            keys |= {found.key for found in _index(connection, kind).get(key, [])}
        every = _read_entries(connection)
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


def _read_entries(connection: sqlite3.Connection) -> list[Entry]:
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


# --- after a reload -------------------------------------------------------------------

CHANGED, VANISHED = "changed", "vanished"


@dataclass(frozen=True)
class Change:
    field: str
    was: Any
    now: Any


@dataclass(frozen=True)
class Review:
    """An entry in force whose subject the current load has changed or no longer has."""
    entry: Entry
    subject: Subject
    status: str  # CHANGED or VANISHED
    changes: tuple[Change, ...] = ()

    @property
    def message(self) -> str:
        if self.status == VANISHED:
            return f"Needs review: {self.subject.title} is no longer in the loaded checklists."
        said = "; ".join(f"{c.field.replace('_', ' ')} was {_shown(c.was)}, now {_shown(c.now)}"
                         for c in self.changes)
        return f"Needs review: {self.subject.title} changed on reload ({said})."


def _shown(value: Any) -> str:
    return f"“{_cell_text(value)}”" if value not in (None, "", []) else "blank"


def review_after_load(db: str | Path | sqlite3.Connection) -> list[Review]:
    """Entries in force whose subjects changed or vanished in the current load: "needs review".

    Each loaded subject is found again by its key (a goal also by its coalition and goal ID,
    so a reworded goal reads as changed, not gone; a coalition also by its former names),
    then its snapshot's ``compared`` fields are set against the load's. Before any load
    there is nothing to compare with, and nothing is flagged.
    """
    with _opened(db) as connection, _reading(connection):
        if not _has_table(connection, "coalitions"):
            return []
        in_force = [e for e in _read_entries(connection) if e.in_force]
        kinds = {s.kind for e in in_force for s in e.subjects if SUBJECT_KINDS[s.kind].loaded}
        indexes = {kind: _index(connection, kind) for kind in kinds}
    reviews = []
    for entry in in_force:
        for s in entry.subjects:
            if s.kind in indexes and s.snapshot is not None:
                review = _review(entry, s, _found_again(s, indexes[s.kind]))
                if review is not None:
                    reviews.append(review)
    return reviews


def _found_again(s: Subject, index: Index) -> _Found | None:
    candidates = index.get(s.key, [])
    goal_id = (s.snapshot or {}).get("goal_id") if s.kind == "goal" else None
    if not candidates and goal_id:
        coalition_key = s.key.split(KEY_SEPARATOR, 1)[0]
        candidates = index.get(_goal_id_key(coalition_key, goal_id), [])
    return max(candidates, key=lambda found: _likeness(s, found, goal_id), default=None)


def _likeness(s: Subject, found: _Found, goal_id: str | None) -> tuple[bool, bool]:
    """Among subjects under one key (two goals of a coalition worded alike), the one meant:
    the same goal ID, then the same words as typed. max() keeps the first of equals."""
    text = SUBJECT_KINDS[s.kind].text
    wanted = (s.snapshot or {}).get(text) or (s.typed[-1] if s.typed else None)
    same_id = goal_id is not None and \
        str(found.snapshot.get("goal_id")).upper() == str(goal_id).upper()
    return same_id, wanted is not None and plain_key(found.snapshot.get(text)) == plain_key(wanted)


def _review(entry: Entry, s: Subject, found: _Found | None) -> Review | None:
    if found is None:
        return Review(entry, s, VANISHED)
    changes = tuple(Change(f, s.snapshot.get(f), found.snapshot.get(f))
                    for f in SUBJECT_KINDS[s.kind].compared
                    if s.snapshot.get(f) != found.snapshot.get(f))
    return Review(entry, s, CHANGED, changes) if changes else None


# --- the log as rows and as Excel -----------------------------------------------------

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
    from openpyxl import Workbook
    from .exports import keep_as_text
    from .templates import FIXED_TIMESTAMP, save_workbook

    workbook = Workbook()
    workbook.properties.creator = "alignment workbook"
    workbook.properties.title = LOG_SHEET
    workbook.properties.created = FIXED_TIMESTAMP
    workbook.remove(workbook.active)
    add_log_sheets(workbook, db)
    keep_as_text(workbook)  # rationales and wordings are typed in the room
    return save_workbook(workbook, Path(path))


def add_log_sheets(workbook, db: str | Path | sqlite3.Connection) -> None:
    """Every entry, and each subject as it was when decided, as two sheets of *workbook*.

    For the tasks' own workbooks (task 3's alignment workbook); whoever saves the
    workbook escapes formula-looking text (``exports.keep_as_text``).
    """
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter
    from .exports import HEADER_FONT
    from .templates import HEADER_FILL

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
    return "\n".join(f"{k.replace('_', ' ')}: {_cell_text(v)}" for k, v in snapshot.items())


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
