"""Backbone surveys that are opened and closed.

One survey is open at a time. While it is open raters may answer (``responses`` refuses an
answer to a survey that is not open, with a catalogue problem) and the facilitator sees
response rates only; once it is closed nothing changes it, and its results are computed
once (``frozen``), so two views can never be subtracted one from the other.

The ``backbone_surveys`` table keeps who opened and closed each survey and when.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

import pandas as pd

from ...store import connect_shared, transaction

OPEN, CLOSED = "open", "closed"
ROSTER_SUFFIX = "-backbone-roster.json"

DDL = """
CREATE TABLE IF NOT EXISTS backbone_surveys (
    survey INTEGER PRIMARY KEY AUTOINCREMENT,
    opened_at TEXT NOT NULL,
    opened_by TEXT NOT NULL,
    closed_at TEXT,
    closed_by TEXT
);
"""


def roster_path(db: str | Path) -> Path:
    """Where the roster (code -> person, owner-only) of the survey answered into *db* lives:
    beside the database, never inside it, e.g. workbook.db -> workbook-backbone-roster.json."""
    db = Path(db)
    return db.with_name(db.stem + ROSTER_SUFFIX)


class SurveyError(ValueError):
    """Opening while another survey is open, or naming a survey that was never opened."""


def connect(db: str | Path) -> sqlite3.Connection:
    connection = connect_shared(db)
    connection.executescript(DDL)
    return connection


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def open_survey(db: str | Path, by: str) -> int:
    """Open a new survey and return its number; refused while another one is open."""
    with closing(connect(db)) as connection, transaction(connection):
        still_open = _open_one(connection)
        if still_open is not None:
            raise SurveyError(f"Survey {still_open} is still open: close it before opening "
                              "another.")
        cursor = connection.execute(
            "INSERT INTO backbone_surveys (opened_at, opened_by) VALUES (?, ?)", (_now(), by))
        return int(cursor.lastrowid)


def close_survey(db: str | Path, survey: int, by: str) -> None:
    """Close *survey*; closing it again changes nothing (the first closing is kept)."""
    with closing(connect(db)) as connection, transaction(connection):
        _row(connection, survey)
        connection.execute("UPDATE backbone_surveys SET closed_at=?, closed_by=? "
                           "WHERE survey=? AND closed_at IS NULL", (_now(), by, int(survey)))


def survey_state(db: str | Path, survey: int) -> str:
    """"open" or "closed"; a survey never opened raises ``SurveyError``."""
    with closing(connect(db)) as connection:
        return OPEN if _row(connection, survey)["closed_at"] is None else CLOSED


def state_or_none(db: str | Path, survey: int) -> str | None:
    """Like ``survey_state``, None for a survey never opened."""
    try:
        return survey_state(db, survey)
    except SurveyError:
        return None


def current_survey(db: str | Path) -> int | None:
    """The open survey, if any."""
    with closing(connect(db)) as connection:
        return _open_one(connection)


def latest_closed(db: str | Path) -> int | None:
    """The survey closed last, whose results may be shown."""
    with closing(connect(db)) as connection:
        row = connection.execute("SELECT survey FROM backbone_surveys WHERE closed_at IS NOT "
                                 "NULL ORDER BY closed_at DESC, survey DESC LIMIT 1").fetchone()
    return int(row[0]) if row else None


def surveys(db: str | Path) -> pd.DataFrame:
    """Every survey: number, opened/closed when and by whom, state."""
    with closing(connect(db)) as connection:
        frame = pd.read_sql_query("SELECT * FROM backbone_surveys ORDER BY survey", connection)
    return frame.assign(state=[OPEN if c is None else CLOSED for c in frame["closed_at"]])


def _open_one(connection: sqlite3.Connection) -> int | None:
    row = connection.execute("SELECT survey FROM backbone_surveys WHERE closed_at IS NULL "
                             "ORDER BY survey DESC LIMIT 1").fetchone()
    return int(row[0]) if row else None


def _row(connection: sqlite3.Connection, survey: int) -> sqlite3.Row:
    row = connection.execute("SELECT * FROM backbone_surveys WHERE survey=?",
                             (int(survey),)).fetchone()
    if row is None:
        raise SurveyError(f"There is no survey {survey}: open one first.")
    return row
