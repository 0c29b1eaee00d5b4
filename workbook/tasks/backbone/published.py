"""What the room is shown of a survey: rates while it is open, results frozen once closed.

While a survey is open only response rates per candidate are shown (how many answered,
never who) and no score: a figure that changed with each answer could be differenced
against the one before to read one rater's answer. Once closed, the results are computed
once, through ``results`` (so through ``anonymity``), and kept in ``backbone_published``;
every later view, chart and export reads that one computation, shuffled comments and all.
A change of thresholds computes a new set (kept beside the first), never a mix.
"""
from __future__ import annotations

import datetime as dt
import json
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ...store import connect_shared, transaction
from . import anonymity as A
from . import responses as Q
from . import results as T
from . import survey as V
from .raters import Roster

DDL = """
CREATE TABLE IF NOT EXISTS backbone_published (
    survey INTEGER NOT NULL,
    k INTEGER NOT NULL,
    k_comments INTEGER NOT NULL,
    computed_at TEXT NOT NULL,
    payload TEXT NOT NULL,  -- the published frames only: never an answer
    PRIMARY KEY (survey, k, k_comments)
);
"""
FRAMES = ("profile", "strongest", "agreement", "comments", "breakdown", "rates", "exclusions")


class NotClosed(RuntimeError):
    """Results asked for while the survey is still open."""


@dataclass(frozen=True)
class Progress:
    """What may be seen of an open survey: counts per candidate, nothing else."""
    survey: int
    rates: pd.DataFrame  # candidate, offered, answered, rate
    exclusions: pd.DataFrame  # candidate, excluded, declared_ties


@dataclass(frozen=True)
class Published:
    survey: int
    thresholds: A.Thresholds
    computed_at: str
    profile: pd.DataFrame
    strongest: pd.DataFrame
    agreement: pd.DataFrame
    comments: pd.DataFrame
    breakdown: pd.DataFrame
    rates: pd.DataFrame
    exclusions: pd.DataFrame


def progress(db: str | Path, survey: int, roster: Roster, candidates: list[str]) -> Progress:
    return Progress(survey, Q.response_rates(db, survey, roster),
                    Q.exclusion_summary(db, survey, roster, candidates))


def frozen(db: str | Path, survey: int, roster: Roster | None, candidates: list[str],
           thresholds: A.Thresholds = A.Thresholds()) -> Published:
    """The closed survey's results, computed the first time and read back after."""
    if V.survey_state(db, survey) != V.CLOSED:
        raise NotClosed(f"Survey {survey} is still open: its results are shown once it is "
                        "closed.")
    with closing(_connect(db)) as connection:
        row = connection.execute("SELECT computed_at, payload FROM backbone_published WHERE "
                                 "survey=? AND k=? AND k_comments=?",
                                 (survey, thresholds.k, thresholds.k_comments)).fetchone()
        if row is None:
            frames = _computed(db, survey, roster, candidates, thresholds)
            computed_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
            with transaction(connection):
                # Another view may have frozen it a moment before: the first one stands.
                connection.execute("INSERT OR IGNORE INTO backbone_published VALUES (?,?,?,?,?)",
                                   (survey, thresholds.k, thresholds.k_comments, computed_at,
                                    json.dumps({n: _records(f) for n, f in frames.items()})))
            row = connection.execute("SELECT computed_at, payload FROM backbone_published "
                                     "WHERE survey=? AND k=? AND k_comments=?",
                                     (survey, thresholds.k, thresholds.k_comments)).fetchone()
    payload = json.loads(row["payload"])
    return Published(survey, thresholds, row["computed_at"],
                     **{name: _frame(name, payload[name]) for name in FRAMES})


def _connect(db: str | Path):
    connection = connect_shared(db)
    connection.executescript(DDL)
    return connection


def _computed(db: str | Path, survey: int, roster: Roster | None, candidates: list[str],
              thresholds: A.Thresholds) -> dict[str, pd.DataFrame]:
    scores, comments = Q.scores(db, survey), Q.comments(db, survey)
    profile = T.profile(scores, thresholds)
    groups = roster.groups() if roster is not None else {}
    empty = pd.DataFrame(columns=["candidate", "offered", "answered", "rate"])
    return {"profile": profile, "strongest": T.strongest(profile),
            "agreement": T.agreement(scores, thresholds),
            "comments": T.shown_comments(scores, comments, thresholds),
            "breakdown": T.breakdown_by_group(scores, groups, thresholds),
            "rates": Q.response_rates(db, survey, roster) if roster is not None else empty,
            "exclusions": (Q.exclusion_summary(db, survey, roster, candidates)
                           if roster is not None else
                           pd.DataFrame(columns=["candidate", "excluded", "declared_ties"]))}


def _records(frame: pd.DataFrame) -> dict:
    return {"columns": list(frame.columns),
            "rows": json.loads(frame.to_json(orient="values", double_precision=6))}


def _frame(name: str, stored: dict) -> pd.DataFrame:
    frame = pd.DataFrame(stored["rows"], columns=stored["columns"])
    if "distribution" in frame.columns:  # JSON keys are text: the scale's levels are numbers
        frame["distribution"] = [{int(k): v for k, v in d.items()} for d in frame["distribution"]]
    return frame
