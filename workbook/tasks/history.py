"""Which coalitions the dashboards show: ended and merged ones are left out unless asked for.

A coalition that ended or merged into another still has a checklist (its history matters
when aligning), but counting it among today's coalitions would show gaps filled and
overlaps that no longer exist. Pages leave such coalitions out by default and say how
many they left out (``hidden_note``), with a way to bring them back.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import schema as S
from ..store import read_table
from .. import numbers_text as numbers
from .database import columns_of

ENDED_STATUSES: tuple[str, ...] = S.ENDED_STATUSES
_SHORT = {"Ended": "ended", "Merged into another coalition": "merged"}


@dataclass(frozen=True)
class ShownCoalitions:
    """The coalitions a page shows (ids) and those it leaves out (id, name, status)."""
    ids: frozenset[int]
    hidden: pd.DataFrame

    @property
    def note(self) -> str:
        return hidden_note(self.hidden["status"])


def coalition_statuses(db: str | Path) -> pd.DataFrame:
    """coalition_id, name, status (blank read as Active), merged_into, year_ended."""
    present = columns_of(db, "coalitions")
    extra = [c if c in present else f"NULL AS {c}" for c in ("status", "merged_into", "year_ended")]
    frame = read_table(db, f"SELECT coalition_id, name, {', '.join(extra)} FROM coalitions "
                           "ORDER BY coalition_id")
    frame["status"] = frame["status"].fillna("Active")
    return frame


def is_ended(status: pd.Series) -> pd.Series:
    return status.isin(ENDED_STATUSES)


def shown_coalitions(db: str | Path, include_ended: bool = False) -> ShownCoalitions:
    statuses = coalition_statuses(db)
    hidden = statuses[is_ended(statuses["status"])] if not include_ended else statuses.iloc[:0]
    shown = statuses[~statuses["coalition_id"].isin(hidden["coalition_id"])]
    return ShownCoalitions(frozenset(int(i) for i in shown["coalition_id"]),
                           hidden.reset_index(drop=True))


def hidden_note(statuses: pd.Series) -> str:
    """"2 ended coalitions not shown", "1 ended coalition and 1 merged coalition not shown",
    or ""."""
    counts = statuses.map(lambda s: _SHORT.get(s, str(s).lower())).value_counts()
    if counts.empty:
        return ""
    parts = [numbers.counted(n, f"{kind} coalition")
             for kind, n in sorted(counts.items(), key=lambda kv: kv[0])]
    return f"{' and '.join(parts)} not shown"
