"""The one decision log: what the room decided, about what, by whom, when and why.

Tasks 3-5 write here (combine two goals, adopt a North Star, agree an umbrella option,
choose the backbone); the second facilitator laptop and the exports read it. The log is
append-only: a new mind is a new entry that supersedes the old one. Subjects are named
by kind and a key made from names, never by row ids, and keep a snapshot of what the load
had; after a reload, entries whose subjects changed or vanished need review.

Calls take the database's path (or a ``store.connect_shared`` connection not inside a
transaction): ``record(db, Decision(kind, (subject(...), ...), by, value, rationale,
details))``, ``supersede``, ``withdraw``, ``reconfirm``, ``entries``, ``current``,
``history``, ``review_after_load``, ``log_rows``, ``export_xlsx``, ``add_log_sheets``.

Modules, each importing only those above it: ``entry`` (what can be decided, subjects
and their keys, entries, errors), ``subjects`` (subjects in the current load),
``log`` (opening, writing and reading the log), ``review`` (after a reload),
``export`` (the log as rows and as Excel).
"""
from .entry import (KEY_SEPARATOR, KINDS, SUBJECT_KINDS, WITHDRAW, Decision, DecisionConflict,
                    DecisionError, DecisionLogBusy, Entry, Kind, Subject, SubjectKind, plain_key,
                    subject, wording_key)
from .export import (LOG_COLUMNS, LOG_SHEET, SUBJECT_COLUMNS, SUBJECTS_SHEET, add_log_sheets,
                     export_xlsx, log_rows)
from .log import (APPEND_ONLY, DDL, LOG_TABLES, TABLE_PREFIX, current, entries, history,
                  reconfirm, record, supersede, withdraw)
from .review import CHANGED, VANISHED, Change, Review, review_after_load
from .subjects import COALITION_FIELDS, GOAL_FIELDS, GOAL_ID_MARK, STRATEGY_FIELDS, Index

__all__ = [
    "KEY_SEPARATOR", "KINDS", "SUBJECT_KINDS", "WITHDRAW", "Decision", "DecisionConflict",
    "DecisionError", "DecisionLogBusy", "Entry", "Kind", "Subject", "SubjectKind", "plain_key",
    "subject", "wording_key",
    "APPEND_ONLY", "DDL", "LOG_TABLES", "TABLE_PREFIX", "current", "entries", "history",
    "reconfirm", "record", "supersede", "withdraw",
    "COALITION_FIELDS", "GOAL_FIELDS", "GOAL_ID_MARK", "STRATEGY_FIELDS", "Index",
    "CHANGED", "VANISHED", "Change", "Review", "review_after_load",
    "LOG_COLUMNS", "LOG_SHEET", "SUBJECT_COLUMNS", "SUBJECTS_SHEET", "add_log_sheets",
    "export_xlsx", "log_rows",
]
