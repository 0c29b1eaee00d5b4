"""The chosen backbone (or shared arrangement), recorded in the room's decision log.

The entry keeps what the room saw when it chose: the published figures only (medians and n
that passed ``anonymity``, agreement in words), never an answer. Task 4's charter reads the
log's current ``choose`` entry about the ``backbone`` subject.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ... import decisions as D

SUBJECT = "backbone"


def choose(db: str | Path, chosen: str, by: str, rationale: str = "",
           shown_profile: pd.DataFrame | None = None, agreement: pd.DataFrame | None = None,
           split: dict[str, str] | None = None) -> int:
    """Record *chosen* as the backbone; *split* (item -> organisation) for a shared one."""
    snapshot = {"chosen": chosen}
    if shown_profile is not None:
        mine = shown_profile[shown_profile["candidate"] == chosen]
        snapshot["medians"] = {row.item: float(row.median) for row in mine.itertuples()}
        snapshot["n"] = {row.item: int(row.n) for row in mine.itertuples()}
    if agreement is not None:
        words = agreement.set_index("candidate")["in_words"]
        if chosen in words:
            snapshot["agreement"] = str(words[chosen])
    details = {"split": dict(split)} if split else {}
    # A new choice replaces the one in force: the log keeps both, one backbone is current.
    earlier = tuple(e.entry_id for e in _choices(db))
    return D.record(db, D.Decision("choose", (D.subject(SUBJECT, "backbone", snapshot=snapshot),),
                                   by, value=chosen, rationale=rationale, details=details,
                                   supersedes=earlier))


def _choices(db: str | Path) -> list:
    return [e for e in D.current(db, SUBJECT) if e.kind == "choose"]


def current_choice(db: str | Path) -> str | None:
    """The backbone in force, if the room chose one."""
    chosen = _choices(db)
    return chosen[-1].value if chosen else None
