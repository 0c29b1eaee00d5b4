"""The ``backbone_`` tables: answers by rater key, never a name or an e-mail.

An answer is read by the room forms' one reader (web or Excel, same values, same problems)
against the form narrowed to the rater's own candidates, then stored whole: a later answer
for the same survey, rater and candidate replaces the earlier one. An answer declaring a
tie to the candidate keeps no score or comment, only the fact that one answer was set aside.
"""
from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from ...community import Community
from ...intake.problems import Code, Problem, Severity, make_problem
from ...roomstore import forms as F
from ...store import connect_shared, transaction
from . import instrument as I
from . import survey as V
from .raters import Roster

DDL = """
CREATE TABLE IF NOT EXISTS backbone_scores (
    survey INTEGER NOT NULL,
    rater_key TEXT NOT NULL,
    candidate TEXT NOT NULL,
    item TEXT NOT NULL,
    score INTEGER CHECK (score BETWEEN 1 AND 5),  -- NULL: don't know
    PRIMARY KEY (survey, rater_key, candidate, item)
);
CREATE TABLE IF NOT EXISTS backbone_comments (
    survey INTEGER NOT NULL,
    rater_key TEXT NOT NULL,
    candidate TEXT NOT NULL,
    item TEXT NOT NULL,
    comment TEXT NOT NULL,
    PRIMARY KEY (survey, rater_key, candidate, item)
);
CREATE TABLE IF NOT EXISTS backbone_set_aside (
    survey INTEGER NOT NULL,
    rater_key TEXT NOT NULL,
    candidate TEXT NOT NULL,
    PRIMARY KEY (survey, rater_key, candidate)
);
"""
TABLES = ("backbone_scores", "backbone_comments", "backbone_set_aside")


def connect(db: str | Path) -> sqlite3.Connection:
    connection = connect_shared(db)
    connection.executescript(DDL)
    return connection


@dataclass
class Outcome:
    stored: bool
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.ERROR]


def submit(db: str | Path, form: F.RoomForm, roster: Roster, values: Mapping[str, Any],
           community: Community) -> Outcome:
    """A web answer with the code typed on it: checked, then read like an Excel answer."""
    typed = values.get(form.code_field)
    entry = roster.entry_for_code(Path(db), str(typed or ""))
    if entry is None:
        return Outcome(False, [_not_a_rater_code(form, typed, F.WEB_SOURCE, None)])
    return submit_as(db, form, roster, entry["code_id"], values, community)


def form_for(form: F.RoomForm, roster: Roster, code_id: str) -> F.RoomForm | None:
    """The form one rater sees (the room guard already knows their code's id), or None."""
    entry = roster.entry_by_id(code_id)
    return I.for_rater(form, entry["allowed"]) if entry else None


def submit_as(db: str | Path, form: F.RoomForm, roster: Roster, code_id: str,
              values: Mapping[str, Any], community: Community) -> Outcome:
    """A web answer from a rater the room guard let in by their code (its id given)."""
    narrowed = form_for(form, roster, code_id)
    if narrowed is None:
        return Outcome(False, [_not_a_rater_code(form, "(the code you entered)", F.WEB_SOURCE,
                                                 None)])
    # The stored form holds the code's id where a paper form holds the typed code.
    reading = F.read_web(narrowed, {**values, form.code_field: code_id}, community)
    return _stored(db, form, reading, roster.rater_key(code_id))


def load_excel(db: str | Path, form: F.RoomForm, roster: Roster, path: str | Path,
               community: Community) -> Outcome:
    """A filled Excel form: read with the candidates its code may rate, then stored."""
    first = F.read_excel(form, path, community)
    if first.record is None:
        return Outcome(False, first.problems)
    typed = first.record.values.get(form.code_field)
    entry = roster.entry_for_code(Path(db), str(typed or ""))
    if entry is None:
        return Outcome(False, first.problems + [_not_a_rater_code(
            form, typed, first.source, first.record.cells.get(form.code_field))])
    reading = F.read_excel(I.for_rater(form, entry["allowed"]), path, community)
    return _stored(db, form, reading, roster.rater_key(entry["code_id"]))


def _not_a_rater_code(form: F.RoomForm, typed: Any, source: str, cell: str | None) -> Problem:
    return make_problem(Code.BACKBONE_NOT_A_RATER_CODE, source, form.sheet.title, cell,
                        form.code_field, value=str(typed or "(blank)"))


def _stored(db: str | Path, form: F.RoomForm, reading: F.Reading, key: str) -> Outcome:
    if reading.errors or reading.record is None:
        return Outcome(False, reading.problems)
    values = reading.record.values
    survey, candidate = int(values["round"]), values["candidate"]
    refused = _survey_not_open(db, form, reading, survey)
    if refused is not None:
        return Outcome(False, reading.problems + [refused])
    with closing(connect(db)) as connection, transaction(connection):
        for table in TABLES:
            connection.execute(f"DELETE FROM {table} WHERE survey=? AND rater_key=? "
                               "AND candidate=?", (survey, key, candidate))
        if values.get("conflict"):
            connection.execute("INSERT INTO backbone_set_aside VALUES (?,?,?)",
                               (survey, key, candidate))
            reading.problems.append(make_problem(
                Code.BACKBONE_TIE_SET_ASIDE, reading.source, form.sheet.title,
                reading.record.cells.get("conflict"), "conflict", candidate=candidate))
        else:
            connection.executemany(
                "INSERT INTO backbone_scores VALUES (?,?,?,?,?)",
                [(survey, key, candidate, item, I.score(values.get(item))) for item, _ in I.ITEMS])
            connection.executemany(
                "INSERT INTO backbone_comments VALUES (?,?,?,?,?)",
                [(survey, key, candidate, f"function_{name}", text.strip())
                 for name, _, _ in I.FUNCTIONS
                 if (text := str(values.get(f"comment_{name}") or "")).strip()])
    return Outcome(True, reading.problems)


def _survey_not_open(db: str | Path, form: F.RoomForm, reading: F.Reading,
                     survey: int) -> Problem | None:
    """The problem refusing an answer to a survey that is closed or was never opened."""
    state = V.state_or_none(db, survey)
    if state == V.OPEN:
        return None
    code = Code.BACKBONE_SURVEY_CLOSED if state == V.CLOSED else Code.BACKBONE_SURVEY_NOT_OPEN
    return make_problem(code, reading.source, form.sheet.title,
                        reading.record.cells.get(form.round_field), form.round_field,
                        value=str(survey))


def scores(db: str | Path, survey: int) -> pd.DataFrame:
    """rater_key, candidate, item, score (None: don't know) of one survey."""
    with closing(connect(db)) as connection:
        return pd.read_sql_query("SELECT rater_key, candidate, item, score FROM backbone_scores "
                                 "WHERE survey=?", connection, params=(survey,))


def comments(db: str | Path, survey: int) -> pd.DataFrame:
    with closing(connect(db)) as connection:
        return pd.read_sql_query("SELECT rater_key, candidate, item, comment "
                                 "FROM backbone_comments WHERE survey=?", connection,
                                 params=(survey,))


def response_rates(db: str | Path, survey: int, roster: Roster) -> pd.DataFrame:
    """Per candidate: raters offered it, answers in (set-aside ones included), the rate."""
    with closing(connect(db)) as connection:
        answered = dict(connection.execute(
            "SELECT candidate, COUNT(*) FROM (SELECT DISTINCT rater_key, candidate FROM "
            "backbone_scores WHERE survey=? UNION SELECT rater_key, candidate FROM "
            "backbone_set_aside WHERE survey=?) GROUP BY candidate", (survey, survey)))
    rows = [{"candidate": name, "offered": offered, "answered": answered.get(name, 0),
             "rate": answered.get(name, 0) / offered if offered else 0.0}
            for name, offered in roster.offered_counts().items()]
    return pd.DataFrame(rows, columns=["candidate", "offered", "answered", "rate"])


def set_aside_counts(db: str | Path, survey: int) -> pd.DataFrame:
    with closing(connect(db)) as connection:
        return pd.read_sql_query("SELECT candidate, COUNT(*) AS declared_ties FROM "
                                 "backbone_set_aside WHERE survey=? GROUP BY candidate",
                                 connection, params=(survey,))




def exclusion_summary(db: str | Path, survey: int, roster: Roster,
                      candidates: list[str]) -> pd.DataFrame:
    """Per candidate: raters kept from it by the rules, and answers set aside for a declared
    tie. Counts only: who, and which rule, is never said."""
    offered = roster.offered_counts()
    declared = set_aside_counts(db, survey).set_index("candidate")["declared_ties"]
    rows = [{"candidate": name, "excluded": len(roster.entries) - offered.get(name, 0),
             "declared_ties": int(declared.get(name, 0))} for name in candidates]
    return pd.DataFrame(rows, columns=["candidate", "excluded", "declared_ties"])
