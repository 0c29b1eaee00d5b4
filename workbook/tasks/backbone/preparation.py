"""Getting a survey ready, and loading one answered on paper.

* The candidates live in the database (``backbone_candidates``): a name, and for a shared
  backbone the organisations sharing it.
* The roster (code -> person) lives beside the database, owner-only (``survey.roster_path``).
* ``load_folder`` reads a folder as the facilitator keeps it: ``candidates.csv``,
  ``roster.json`` and the raters' returned Excel forms under ``forms/``. Their codes are
  registered in the database (digests only), the roster is copied beside the database, and
  the forms are loaded into their survey, which is opened for them and closed after when
  asked. The folder's files are never rewritten.
"""
from __future__ import annotations

import csv
import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from ...community import Community
from ...intake.problems import Problem
from ...roomstore import access
from ...roomstore import forms as F
from ...store import connect_shared, transaction
from . import instrument as I
from . import responses as Q
from . import survey as V
from .raters import ORGANISATION, SHARED, Candidate, Roster, read_roster, write_roster

DDL = """
CREATE TABLE IF NOT EXISTS backbone_candidates (
    position INTEGER NOT NULL,
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('organisation', 'shared')),
    members TEXT NOT NULL DEFAULT '[]'  -- JSON list, for a shared backbone
);
"""
CANDIDATES_FILE, ROSTER_FILE, FORMS_DIR = "candidates.csv", "roster.json", "forms"


def _connect(db: str | Path) -> sqlite3.Connection:
    connection = connect_shared(db)
    connection.executescript(DDL)
    return connection


def save_candidates(db: str | Path, candidates: list[Candidate]) -> None:
    """Replace the candidate list (in the order given)."""
    with closing(_connect(db)) as connection, transaction(connection):
        connection.execute("DELETE FROM backbone_candidates")
        connection.executemany("INSERT INTO backbone_candidates VALUES (?,?,?,?)",
                               [(i, c.name, c.kind, json.dumps(list(c.members)))
                                for i, c in enumerate(candidates)])


def add_candidate(db: str | Path, candidate: Candidate) -> list[Candidate]:
    """Add *candidate* (a name already listed is replaced); the new list."""
    kept = [c for c in candidates(db) if c.name.casefold() != candidate.name.casefold()]
    save_candidates(db, kept + [candidate])
    return candidates(db)


def remove_candidate(db: str | Path, name: str) -> list[Candidate]:
    save_candidates(db, [c for c in candidates(db) if c.name != name])
    return candidates(db)


def candidates(db: str | Path) -> list[Candidate]:
    with closing(_connect(db)) as connection:
        rows = connection.execute("SELECT name, kind, members FROM backbone_candidates "
                                  "ORDER BY position").fetchall()
    return [Candidate(r["name"], r["kind"], tuple(json.loads(r["members"]))) for r in rows]


def read_candidates_csv(path: Path) -> list[Candidate]:
    """name, members (a shared backbone's organisations, separated by ';')."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    found = []
    for row in rows:
        name = (row.get("name") or "").strip()
        members = tuple(m.strip() for m in (row.get("members") or "").split(";") if m.strip())
        if name:
            found.append(Candidate(name, SHARED if members else ORGANISATION, members))
    return found


# --- the roster beside the database ---------------------------------------------------

def roster(db: str | Path) -> Roster | None:
    path = V.roster_path(db)
    return read_roster(path) if path.is_file() else None


def keep_roster(db: str | Path, issued: Roster) -> Path:
    return write_roster(issued, V.roster_path(db))


def install_roster(db: str | Path, source: Roster) -> Roster:
    """The roster of another database (a folder's roster.json) made valid for *db*: each
    code registered here (digest only; one already registered keeps its id), and the
    roster kept beside *db*."""
    entries = []
    for entry in source.entries:
        found = access.find(Path(db), entry["code"])
        code_id = found.code_id if found is not None else access.issue(
            Path(db), access.PERSON, "backbone rater", entry["code"]).code_id
        entries.append({**entry, "code_id": code_id})
    installed = Roster(source.secret, entries)
    keep_roster(db, installed)
    return installed


# --- a folder of ratings answered on paper --------------------------------------------

@dataclass
class FolderLoad:
    survey: int | None = None
    loaded: int = 0
    refused: int = 0
    problems: list[Problem] = field(default_factory=list)
    note: str = ""


def load_folder(folder: str | Path, db: str | Path, community: Community,
                close: bool = False, by: str = "load-ratings") -> FolderLoad:
    """Load a folder's candidates, roster and returned forms into *db* (see the module)."""
    folder = Path(folder)
    found = candidates(db)
    listed = read_candidates_csv(folder / CANDIDATES_FILE)
    if [c.name for c in found] != [c.name for c in listed]:
        save_candidates(db, listed)
    installed = install_roster(db, read_roster(folder / ROSTER_FILE))
    forms = sorted((folder / FORMS_DIR).glob("*.xlsx"))
    form = I.with_candidates([c.name for c in listed])
    numbers = {_survey_number(form, path, community) for path in forms} - {None}
    if len(numbers) > 1:
        return FolderLoad(note=f"the forms answer several surveys ({sorted(numbers)}): "
                               "keep one survey's forms per folder")
    number = numbers.pop() if numbers else None
    if number is not None and V.state_or_none(db, number) == V.CLOSED:
        return FolderLoad(number, note=f"survey {number} is already closed: nothing loaded")
    if number is not None and V.state_or_none(db, number) is None:
        opened = V.open_survey(db, by)
        if opened != number:
            return FolderLoad(opened, note=f"the forms answer survey {number} but this "
                                           f"database's next survey is {opened}")
    outcome = FolderLoad(number)
    for path in forms:
        result = Q.load_excel(db, form, installed, path, community)
        outcome.loaded += result.stored
        outcome.refused += not result.stored
        outcome.problems.extend(result.problems)
    if close and number is not None:
        V.close_survey(db, number, by)
    return outcome


def _survey_number(form, path: Path, community: Community) -> int | None:
    """The survey number filled in on a returned form; None when it cannot be read (the
    loader reports why when the form is loaded)."""
    reading = F.read_excel(form, path, community)
    value = reading.record.values.get(form.round_field) if reading.record else None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
