"""Review after a reload: entries in force whose subjects changed or vanished.

Each snapshot is compared with the subject in the current load, field by field
(``SubjectKind.compared``); the entry "needs review" when a field that says what the
subject *is* changed (a goal's wording, indicator, target…), or the subject is gone. A
new latest value does not.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .entry import SUBJECT_KINDS, Entry, Subject
from .log import opened, read_entries, reading
from .subjects import Found, found_again, has_table, load_index

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
    return f"“{cell_text(value)}”" if value not in (None, "", []) else "blank"


def review_after_load(db: str | Path | sqlite3.Connection) -> list[Review]:
    """Entries in force whose subjects changed or vanished in the current load: "needs review".

    Each loaded subject is found again by its key (a goal also by its coalition and goal ID,
    so a reworded goal reads as changed, not gone; a coalition also by its former names),
    then its snapshot's ``compared`` fields are set against the load's. Before any load
    there is nothing to compare with, and nothing is flagged.
    """
    with opened(db) as connection, reading(connection):
        if not has_table(connection, "coalitions"):
            return []
        in_force = [e for e in read_entries(connection) if e.in_force]
        kinds = {s.kind for e in in_force for s in e.subjects if SUBJECT_KINDS[s.kind].loaded}
        indexes = {kind: load_index(connection, kind) for kind in kinds}
    reviews = []
    for entry in in_force:
        for s in entry.subjects:
            if s.kind in indexes and s.snapshot is not None:
                review = _review(entry, s, found_again(s, indexes[s.kind]))
                if review is not None:
                    reviews.append(review)
    return reviews


def _review(entry: Entry, s: Subject, found: Found | None) -> Review | None:
    if found is None:
        return Review(entry, s, VANISHED)
    changes = tuple(Change(f, s.snapshot.get(f), found.snapshot.get(f))
                    for f in SUBJECT_KINDS[s.kind].compared
                    if s.snapshot.get(f) != found.snapshot.get(f))
    return Review(entry, s, CHANGED, changes) if changes else None


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
