"""Candidates, raters, who may rate whom, and the rater codes kept apart from the answers.

A rater is not offered a candidate when (after name matching, so "United Way of Greater
Cincinnati" and "United Way Greater Cincinnati, Inc." are one organisation, and "UWGC",
which the matcher only suspects, is treated as the same too):

* the rater's organisation is the candidate, or one of a shared backbone's members;
* the rater is recorded on the candidate's staff or board (``ties``).

A conflict declared on the form sets the answer aside when it comes in (``responses``).
The facilitator sees exclusions as counts per candidate, never names.

Codes come from ``roomstore.access`` (``secrets``, only digests stored, label "backbone rater":
no name). The list of who holds which code lives only in the roster file, written readable
by its owner alone (0600), away from the database that holds the answers. Answers are keyed
by ``rater_key``: a keyed hash of the code's id with the roster's own secret, so even the
database's code ids do not lead to an answer without the roster.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from ...matching.names import trimmed
from ...matching.organisations import match_organisations
from ...roomstore import access

SHARED = "shared"
ORGANISATION = "organisation"
RATER_LABEL = "backbone rater"
ROSTER_MODE = 0o600
STAFF, BOARD = "staff", "board"


@dataclass(frozen=True)
class Candidate:
    name: str
    kind: str = ORGANISATION
    members: tuple[str, ...] = ()  # for a shared backbone: the organisations sharing it

    def organisations(self) -> tuple[str, ...]:
        return self.members if self.kind == SHARED else (self.name,)


def shared_backbone(members: Sequence[str], name: str = "Shared backbone") -> Candidate:
    return Candidate(name, SHARED, tuple(members))


@dataclass(frozen=True)
class Rater:
    name: str
    email: str = ""
    organisation: str = ""
    sector: str = ""  # for breakdowns; shown only as groups of k or more


def _person_key(name: str, email: str) -> str:
    return trimmed(email).casefold() or " ".join(trimmed(name).casefold().split())


def offers(candidates: Sequence[Candidate], raters: Sequence[Rater],
           ties: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per rater x candidate: ``rater`` (position in *raters*), ``candidate``,
    ``allowed`` and ``reason`` ('' when allowed; 'own organisation' or 'staff or board').

    *ties*: columns ``name``, ``email`` (may be blank), ``organisation``, ``role``
    (staff/board), as recorded in the database.
    """
    ties = ties if ties is not None else pd.DataFrame(columns=["name", "email", "organisation",
                                                               "role"])
    spellings = [o for c in candidates for o in c.organisations()]
    spellings += [r.organisation for r in raters] + list(ties["organisation"])
    matched = match_organisations(spellings)

    def key(spelling: str | None) -> str | None:
        found = matched.resolve(spelling)
        return found.key if found else None

    # A pair the matcher only suspects ("UWGC" beside "United Way of Greater Cincinnati")
    # counts as one organisation here: wrongly keeping a rater from a candidate costs one
    # rating; wrongly letting them rate their own organisation costs the survey's trust.
    maybe: dict[str | None, set] = {}
    for item in matched.review:
        a, b = key(item.name), key(item.candidate)
        maybe.setdefault(a, {a}).add(b)
        maybe.setdefault(b, {b}).add(a)

    def keys_of(spelling: str | None) -> set:
        own = key(spelling)
        return (maybe.get(own, set()) | {own}) - {None}

    tied = {(_person_key(t.name, t.email or ""), k)
            for t in ties.itertuples() if str(t.role).strip().casefold() in (STAFF, BOARD)
            for k in keys_of(t.organisation)}
    rows = []
    for index, rater in enumerate(raters):
        own = keys_of(rater.organisation)
        person = _person_key(rater.name, rater.email)
        for candidate in candidates:
            keys = {key(o) for o in candidate.organisations()} - {None}
            reason = ("own organisation" if own & keys else
                      "staff or board" if any((person, k) in tied for k in keys) else "")
            rows.append({"rater": index, "candidate": candidate.name,
                         "allowed": not reason, "reason": reason})
    return pd.DataFrame(rows, columns=["rater", "candidate", "allowed", "reason"])


def exclusion_counts(offered: pd.DataFrame) -> pd.DataFrame:
    """Per candidate: raters offered it and raters excluded from it. Counts only."""
    grouped = offered.groupby("candidate", sort=False)["allowed"]
    return pd.DataFrame({"offered": grouped.sum().astype(int),
                         "excluded": grouped.apply(lambda a: int((~a).sum()))}).reset_index()


# --- codes and the roster -------------------------------------------------------------

@dataclass
class Roster:
    """Who holds which code, and whom they may rate: the facilitator's private file."""
    secret: str
    entries: list[dict] = field(default_factory=list)  # name, email, organisation, sector,
    # code_id, code, allowed (candidate names)

    def rater_key(self, code_id: str) -> str:
        return rater_key(self.secret, code_id)

    def entry_for_code(self, db: Path, typed: str) -> dict | None:
        """The roster entry of a typed code, if it is an active backbone rater code."""
        found = access.find(Path(db), str(typed))
        if found is None or not found.active or found.label != RATER_LABEL:
            return None
        return self.entry_by_id(found.code_id)

    def entry_by_id(self, code_id: str) -> dict | None:
        return next((e for e in self.entries if e["code_id"] == code_id), None)

    def groups(self) -> dict[str, str]:
        """rater_key -> sector, for breakdowns (read only by whoever holds the roster)."""
        return {self.rater_key(e["code_id"]): e["sector"] for e in self.entries if e["sector"]}

    def offered_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entry in self.entries:
            for name in entry["allowed"]:
                counts[name] = counts.get(name, 0) + 1
        return counts


def rater_key(secret: str, code_id: str) -> str:
    return hmac.new(secret.encode(), code_id.encode(), hashlib.sha256).hexdigest()[:24]


def issue_codes(db: Path, candidates: Sequence[Candidate], raters: Sequence[Rater],
                ties: pd.DataFrame | None = None) -> Roster:
    """A code per rater (``roomstore.access``, label without a name) and the roster behind them."""
    offered = offers(candidates, raters, ties)
    roster = Roster(secrets.token_hex(16))
    for index, rater in enumerate(raters):
        issued = access.issue(Path(db), access.PERSON, RATER_LABEL)
        allowed = offered[(offered.rater == index) & offered.allowed]["candidate"].tolist()
        roster.entries.append({"name": rater.name, "email": rater.email,
                               "organisation": rater.organisation, "sector": rater.sector,
                               "code_id": issued.code_id, "code": access.grouped(issued.code),
                               "allowed": allowed})
    return roster


def write_roster(roster: Roster, path: Path) -> Path:
    """Write the roster readable and writable by its owner only, whatever the umask."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    descriptor = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, ROSTER_MODE)
    os.fchmod(descriptor, ROSTER_MODE)  # O_CREAT's mode is ignored if the file existed
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump({"secret": roster.secret, "raters": roster.entries}, out, indent=1)
    os.replace(tmp, path)
    return path


def read_roster(path: Path) -> Roster:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return Roster(data["secret"], data["raters"])


def mail_merge_rows(roster: Roster, form_address: str = "") -> pd.DataFrame:
    """Rows for a mail merge: name, e-mail, code, what to rate. From the roster only."""
    return pd.DataFrame([{"name": e["name"], "email": e["email"], "code": e["code"],
                          "candidates": "; ".join(e["allowed"]), "form": form_address}
                         for e in roster.entries],
                        columns=["name", "email", "code", "candidates", "form"])


def slips(roster: Roster) -> pd.DataFrame:
    """Printable slips: the code and the candidates it may rate, no name."""
    return pd.DataFrame([{"code": e["code"], "candidates": "; ".join(e["allowed"])}
                         for e in roster.entries], columns=["code", "candidates"])


def candidates_from_names(names: Iterable[str]) -> list[Candidate]:
    return [Candidate(trimmed(n)) for n in names if trimmed(n)]


# --- from the database ---------------------------------------------------------------

def from_database(db: str | Path) -> tuple[list[Rater], pd.DataFrame, list[str]]:
    """Raters, ties and organisation names as the loaded checklists record them.

    Each person named as an organisation's representative on a Members sheet is a rater
    (first organisation named, their sector there) and is tied to every organisation they
    represent: someone who speaks for an organisation is on its staff or board.
    """
    with closing(sqlite3.connect(db)) as connection:
        seats = pd.read_sql_query(
            "SELECT p.person_id, COALESCE(p.name, m.representative) AS name, "
            "COALESCE(p.email, m.representative_email, '') AS email, "
            "COALESCE(o.name, m.organisation, '') AS organisation, "
            "COALESCE(m.sector, '') AS sector "
            "FROM members m JOIN people p ON p.person_id = m.representative_person_id "
            "LEFT JOIN organisations o ON o.organisation_id = m.organisation_id "
            "ORDER BY m.membership_id", connection)
        organisations = [row[0] for row in connection.execute(
            "SELECT name FROM organisations ORDER BY name")]
    people = [Rater(first["name"], first["email"], first["organisation"], first["sector"])
              for _, first in seats.groupby("person_id", sort=False).first().iterrows()]
    ties = seats[seats["organisation"] != ""][["name", "email", "organisation"]].assign(role=STAFF)
    return people, ties.drop_duplicates().reset_index(drop=True), organisations


def read_typed(text: str) -> tuple[list[Rater], list[str]]:
    """One rater a line: name; organisation; e-mail; sector (tabs from a spreadsheet work
    too; an e-mail address is recognised wherever it stands, so name; e-mail; organisation
    works as well). Commas are no separator: "Riverbend Food Bank, Inc." is one name."""
    found, errors = [], []
    for number, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        parts = [" ".join(p.split()) for p in (line.split("\t") if "\t" in line
                                               else line.split(";"))]
        at = next((i for i, part in enumerate(parts) if "@" in part), None)
        if at is not None and at > 0:
            email, rest = parts[at], parts[1:at] + parts[at + 1:]
            rest += [""] * (2 - len(rest))
            name, (organisation, sector), extra = parts[0], rest[:2], rest[2:]
        else:
            parts += [""] * (4 - len(parts))
            (name, organisation, email, sector), extra = parts[:4], parts[4:]
        if any(extra):
            errors.append(f"Raters typed, line {number}: more than four parts. Write "
                          "name; organisation; e-mail; sector (leave a part empty, not out).")
        elif not name or "@" in name:
            errors.append(f"Raters typed, line {number}: the name is missing. Write the "
                          "person's name first.")
        elif email and "@" not in email:
            errors.append(f"Raters typed, line {number}: '{email}' is not an e-mail address. "
                          "Write it third (name; organisation; e-mail; sector), or leave it "
                          "empty.")
        else:
            found.append(Rater(name, email, organisation, sector))
    return found, errors
