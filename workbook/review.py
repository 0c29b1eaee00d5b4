"""Names to review: the pairs a load was unsure about, their evidence, and the decisions.

A load lists organisation and person names that may be one (table ``name_review``)
and where every name was typed (table ``name_places``). A facilitator decides
*same*, *different* or *later*. Same and different go into the community's
``aliases.csv``, which every later load honours; every decision, later included,
goes into the append-only ``aliases-history.csv`` beside it, with who and when.

Dashboards in several browser tabs run in separate processes, so a decision is
written under a file lock, and aliases.csv is replaced whole (temporary file, then
``os.replace``): a reader never sees half a file, and no decision is lost.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pandas as pd

from . import store
from .community import REVIEW_FILE
from .matching import read_aliases

SAME, DIFFERENT, LATER = "same", "different", "later"
DECISIONS = (SAME, DIFFERENT, LATER)
ALIAS_COLUMNS = ("kind", "name", "canonical", "decision")  # aliases.csv, as matching reads it
HISTORY_FILE = "aliases-history.csv"
HISTORY_COLUMNS = ("decided_at", "decided_by", "kind", "name", "canonical", "decision")
PAIR_COLUMNS = ["kind", "name", "candidate", "score"]
EVIDENCE_COLUMNS = ["spelling", "coalition", "file", "sheet", "cell", "alongside"]


@dataclass(frozen=True)
class Recorded:
    """What became of one decision, in words a facilitator can read."""
    written: bool  # False when another tab had already decided the pair the other way
    message: str


# --- pairs waiting -------------------------------------------------------------------

def pairs_waiting(db: str | Path, aliases_path: str | Path | None) -> pd.DataFrame:
    """The last load's uncertain pairs that aliases.csv has not decided since, in load order."""
    pairs = store.read_table(db, "SELECT kind, name, candidate, score FROM name_review ORDER BY rowid")
    decided = decided_pairs(aliases_path)
    keep = [pair_key(kind, name, candidate) not in decided
            for kind, name, candidate in zip(pairs["kind"], pairs["name"], pairs["candidate"])]
    return pairs[keep].reset_index(drop=True)[PAIR_COLUMNS]


def waiting_count(db: str | Path, aliases_path: str | Path | None) -> int:
    return len(pairs_waiting(db, aliases_path))


def decided_pairs(aliases_path: str | Path | None) -> dict[tuple[str, str, str], str]:
    """Pair key -> 'same' or 'different', for every decided line of aliases.csv."""
    return {pair_key(alias.kind, alias.name, alias.canonical): alias.decision
            for alias in read_aliases(aliases_path).entries}


def pair_key(kind: str, name: str, other: str) -> tuple[str, str, str]:
    """One key for a pair whichever way round it is written (as aliases.csv compares them)."""
    first, second = sorted(" ".join(str(n).split()).casefold() for n in (name, other))
    return kind, first, second


# --- evidence ------------------------------------------------------------------------

def evidence(db: str | Path, kind: str, name: str) -> pd.DataFrame:
    """Where the organisation or person shown as *name* was typed: one row per cell.

    Columns: spelling (as typed), coalition, file, sheet, cell, alongside (the
    people on that row for an organisation, the organisation for a person).
    """
    if not _has_table(db, "name_places"):  # a database from before places were kept
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    keys = _match_keys(db, kind, name)
    if not keys:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    marks = ", ".join("?" for _ in keys)
    places = store.read_table(
        db, "SELECT p.spelling, c.name AS coalition, p.source_file AS file, p.sheet, p.cell, "
            "p.alongside, p.source_row FROM name_places p "
            "LEFT JOIN coalitions c ON c.source_file = p.source_file "
            f"WHERE p.kind = ? AND p.match_key IN ({marks})", (kind, *keys))
    places["file"] = [Path(path).name for path in places["file"]]
    places = places.sort_values(["coalition", "file", "sheet", "source_row"], kind="stable",
                                na_position="last")
    return places[EVIDENCE_COLUMNS].reset_index(drop=True)


def _match_keys(db: str | Path, kind: str, name: str) -> list[str]:
    """The match keys of the organisation or person(s) the review shows as *name*."""
    if kind == "organisation":
        found = store.read_table(db, "SELECT match_key FROM organisations WHERE name = ?", (name,))
        return list(found["match_key"])
    people = store.read_table(db, "SELECT name, email, match_key FROM people")
    return [key for person, email, key in zip(people["name"], people["email"], people["match_key"])
            if person_label(person, email) == name]


def person_label(name: str | None, email: str | None) -> str:
    """A person as review pairs show them: 'Name <address>', or whichever is known."""
    name = name if isinstance(name, str) else None
    email = email if isinstance(email, str) else None
    if name and email:
        return f"{name} <{email}>"
    return name or email or ""


def _has_table(db: str | Path, table: str) -> bool:
    found = store.read_table(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?",
                             (table,))
    return not found.empty


# --- decisions -----------------------------------------------------------------------

def record_decision(aliases_path: str | Path, kind: str, name: str, candidate: str,
                    decision: str, who: str, when: dt.datetime | None = None) -> Recorded:
    """Write one decision: same or different into aliases.csv, every decision into the history.

    A pair already decided the same way is not written twice; one decided the other
    way (say, in another tab a moment ago) is left as it is and the message says so.
    """
    if decision not in DECISIONS:
        raise ValueError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
    aliases_path = Path(aliases_path)
    when = when or dt.datetime.now(dt.timezone.utc)
    canonical, other = _fuller_first(name, candidate)
    with _locked(aliases_path.with_name(f".{aliases_path.name}.lock")):
        if decision != LATER:
            earlier = decided_pairs(aliases_path).get(pair_key(kind, name, candidate))
            if earlier is not None and earlier != decision:
                return Recorded(False, f"“{name}” and “{candidate}” were already marked "
                                       f"{earlier}, perhaps in another tab; that decision stands.")
            if earlier is None:
                _append_alias(aliases_path, {"kind": kind, "name": other, "canonical": canonical,
                                             "decision": decision})
            _drop_from_review_file(aliases_path.with_name(REVIEW_FILE), pair_key(kind, name, candidate))
        _append_history(aliases_path.with_name(HISTORY_FILE), (
            when.isoformat(timespec="seconds"), who.strip() or "unknown", kind, other, canonical,
            decision))
    return Recorded(True, _recorded_message(name, candidate, decision))


def _fuller_first(name: str, candidate: str) -> tuple[str, str]:
    """(canonical, other): the fuller spelling is the one shown, never the acronym."""
    return (name, candidate) if len(name) > len(candidate) else (candidate, name)


def _recorded_message(name: str, candidate: str, decision: str) -> str:
    if decision == LATER:
        return f"“{name}” and “{candidate}” wait for a later decision."
    verdict = "the same" if decision == SAME else "different"
    return (f"“{name}” and “{candidate}” are marked {verdict}. "
            "It applies the next time the checklists are loaded.")


def _append_alias(path: Path, values: dict[str, str]) -> None:
    """Add one line to aliases.csv, keeping what is there byte for byte.

    The file may have been saved by Excel: in the Windows code page, with
    semicolons, with CRLF line ends or its columns in another order. The new line
    follows the file's own habits.
    """
    raw = path.read_bytes() if path.is_file() else b""
    text, encoding = _decode(raw)
    if not text.strip():
        _write_atomically(path, ("\ufeff" + _csv_line(ALIAS_COLUMNS, ",", "\n")
                                 + _csv_line([values[c] for c in ALIAS_COLUMNS], ",", "\n"))
                          .encode("utf-8"))
        return
    newline = "\r\n" if "\r\n" in text else "\n"
    delimiter = _delimiter(text)
    line = _csv_line([values.get(column, "") for column in _columns(text, delimiter)], delimiter,
                     newline)
    separator = "" if text.endswith(("\n", "\r")) else newline
    try:
        added = (separator + line).encode(encoding)
    except UnicodeEncodeError:  # a name the Windows code page cannot hold: move to UTF-8
        raw, added = ("\ufeff" + text.lstrip("\ufeff")).encode("utf-8"), (separator + line).encode("utf-8")
    _write_atomically(path, raw + added)


def _decode(raw: bytes) -> tuple[str, str]:
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:  # Excel's plain CSV on Windows
        return raw.decode("cp1252", errors="replace"), "cp1252"


def _delimiter(text: str) -> str:
    # As matching reads it: Excel in many European locales writes semicolons.
    first = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if ";" in first and "," not in first else ","


def _columns(text: str, delimiter: str) -> list[str]:
    """The file's columns in its own order; the standard order if it has no heading."""
    first = next(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter), [])
    names = [cell.strip().casefold() for cell in first]
    return names if all(column in names for column in ALIAS_COLUMNS) else list(ALIAS_COLUMNS)


def _csv_line(cells, delimiter: str, newline: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerow(cells)
    return buffer.getvalue()


def _append_history(path: Path, row: tuple[str, ...]) -> None:
    new = not path.is_file() or path.stat().st_size == 0
    with open(path, "a", encoding="utf-8-sig" if new else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if new:
            writer.writerow(HISTORY_COLUMNS)
        writer.writerow(row)
        handle.flush()
        os.fsync(handle.fileno())


def _drop_from_review_file(path: Path, key: tuple[str, str, str]) -> None:
    """Take a decided pair off names-to-review.csv, the load's list of pairs waiting."""
    if not path.is_file():
        return
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig", errors="replace"))))
    if not rows or [cell.strip().casefold() for cell in rows[0][:3]] != list(ALIAS_COLUMNS[:3]):
        return  # not the file a load writes: leave it as it is
    kept = [rows[0]] + [row for row in rows[1:]
                        if len(row) < 3 or pair_key(row[0].strip().casefold(), row[1], row[2]) != key]
    if len(kept) < len(rows):
        _write_atomically(path, ("\ufeff" + "".join(_csv_line(row, ",", "\r\n") for row in kept))
                          .encode("utf-8"))


def _write_atomically(path: Path, data: bytes) -> None:
    """Replace *path* with *data* whole: a reader sees the old file or the new, never half."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on *lock_path* across processes (two tabs, two kernels)."""
    with open(lock_path, "a+b") as handle:
        _lock(handle)
        try:
            yield
        finally:
            _unlock(handle)


try:
    import fcntl

    def _lock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)

    def _unlock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
except ImportError:  # Windows
    import msvcrt

    def _lock(handle) -> None:
        handle.seek(0)
        while True:
            try:
                msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)  # retries for ~10 s itself
                return
            except OSError:
                continue

    def _unlock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
