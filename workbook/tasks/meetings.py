"""How many meetings, and hours, each seat at a coalition's table costs a year.

A coalition meets as several bodies (the full coalition, a steering committee,
workgroups), each with a cadence or a number of meetings a year and a usual length.
A member sits on the bodies its row names ("Bodies they sit on"); blank means the
full coalition. With no Bodies rows, or none of kind "Full coalition", the form's
meeting cadence and length stand for the full coalition (a body of that kind with a
blank cadence or length takes the form's too).

A member's own "meetings attended per year" beats the bodies' cadences; each of
those meetings lasts as long as its bodies' meetings do on average. A blank length
is taken as ``DEFAULT_MEETING_HOURS`` and flagged; a body with no cadence and no
figure counts no meetings and is flagged.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import schema as S
from .. import store
from ..store import read_table
from .database import columns_of, has_table

DEFAULT_MEETING_HOURS = 1.5  # when a meeting length is left blank
FULL_COALITION = "Full coalition"
_SEAT_BODIES_TABLE = store.multi_value_table(S.MEMBERS.field("bodies"), S.MEMBERS)

BODY_COLUMNS = ["coalition_id", "body", "kind", "cadence", "meetings_per_year", "hours"]


def read_bodies(db: str | Path) -> pd.DataFrame:
    if not has_table(db, "bodies"):
        return pd.DataFrame(columns=BODY_COLUMNS)
    return read_table(db, f"SELECT {', '.join(BODY_COLUMNS)} FROM bodies ORDER BY body_id"
                      if "body_id" in columns_of(db, "bodies")
                      else f"SELECT {', '.join(BODY_COLUMNS)} FROM bodies")


def read_seat_bodies(db: str | Path) -> pd.DataFrame:
    """membership_id, body: the bodies each member row names (none listed: no rows)."""
    if has_table(db, _SEAT_BODIES_TABLE):
        return read_table(db, f"SELECT membership_id, value AS body FROM {_SEAT_BODIES_TABLE}")
    if "bodies" in columns_of(db, "members"):  # kept as one ';'-separated cell
        listed = read_table(db, "SELECT membership_id, bodies FROM members WHERE bodies IS NOT NULL")
        listed["body"] = listed["bodies"].str.split(";")
        listed = listed.explode("body")
        listed["body"] = listed["body"].str.strip()
        return listed.loc[listed["body"] != "", ["membership_id", "body"]]
    return pd.DataFrame(columns=["membership_id", "body"])


def coalition_bodies(bodies: pd.DataFrame, coalitions: pd.DataFrame) -> pd.DataFrame:
    """Every body that meets, with meetings a year and hours each.

    *coalitions*: coalition_id, meeting_cadence, meeting_hours (the form's). Returns
    coalition_id, body, kind, meetings (NaN: unknown), hours (NaN: blank).
    """
    bodies = bodies[BODY_COLUMNS].copy()
    form = coalitions.set_index("coalition_id")
    has_full = set(bodies.loc[bodies["kind"] == FULL_COALITION, "coalition_id"])
    missing = [c for c in form.index if c not in has_full]
    full = pd.DataFrame({"coalition_id": missing, "body": FULL_COALITION, "kind": FULL_COALITION,
                         "cadence": None, "meetings_per_year": np.nan, "hours": np.nan})
    bodies = pd.concat([bodies, full], ignore_index=True) if missing else bodies
    is_full = bodies["kind"] == FULL_COALITION
    bodies["cadence"] = bodies["cadence"].where(
        bodies["cadence"].notna() | ~is_full, bodies["coalition_id"].map(form["meeting_cadence"]))
    bodies["hours"] = bodies["hours"].astype(float).where(
        bodies["hours"].notna() | ~is_full,
        bodies["coalition_id"].map(form["meeting_hours"]).astype(float))
    by_cadence = bodies["cadence"].map(S.CADENCE_MEETINGS_PER_YEAR).astype(float)
    bodies["meetings"] = bodies["meetings_per_year"].astype(float).fillna(by_cadence)
    return bodies[["coalition_id", "body", "kind", "meetings", "hours"]].reset_index(drop=True)


def seat_hours(seats: pd.DataFrame, seat_bodies: pd.DataFrame,
               bodies: pd.DataFrame) -> pd.DataFrame:
    """*seats* (membership_id, coalition_id, meetings_per_year, ...) with meetings and hours
    a year, the bodies counted, hours_assumed and cadence_unknown.

    *bodies* is ``coalition_bodies`` output; *seat_bodies* names each seat's bodies.
    """
    bodies = bodies.assign(key=bodies["body"].astype(str).str.strip().str.casefold())
    named = seat_bodies.assign(key=seat_bodies["body"].astype(str).str.strip().str.casefold())
    named = named.merge(seats[["membership_id", "coalition_id"]], on="membership_id")
    unnamed = seats.loc[~seats["membership_id"].isin(named["membership_id"]),
                        ["membership_id", "coalition_id"]]
    full = bodies[bodies["kind"] == FULL_COALITION].drop_duplicates("coalition_id")
    sittings = pd.concat([
        named.merge(bodies.drop(columns="body"), on=["coalition_id", "key"], how="left"),
        unnamed.merge(full, on="coalition_id", how="left"),
    ], ignore_index=True)
    sittings["unknown"] = sittings["meetings"].isna()
    sittings["blank_length"] = sittings["hours"].isna()
    sittings["assumed"] = sittings["blank_length"] & (sittings["meetings"].fillna(0) > 0)
    sittings["meetings"] = sittings["meetings"].fillna(0.0)
    sittings["length"] = sittings["hours"].fillna(DEFAULT_MEETING_HOURS)
    sittings["hours"] = sittings["meetings"] * sittings["length"]
    per_seat = sittings.groupby("membership_id").agg(
        body_meetings=("meetings", "sum"), body_hours=("hours", "sum"),
        mean_length=("length", "mean"), unknown=("unknown", "any"), assumed=("assumed", "any"),
        blank_length=("blank_length", "any"),
        bodies=("body", lambda names: "; ".join(dict.fromkeys(str(n) for n in names))))
    out = seats.merge(per_seat, left_on="membership_id", right_index=True, how="left")
    own = out["meetings_per_year"].astype(float)
    length = np.where(out["body_meetings"] > 0,
                      out["body_hours"] / out["body_meetings"].where(out["body_meetings"] > 0, 1),
                      out["mean_length"])
    out["meetings"] = own.fillna(out["body_meetings"]).fillna(0.0)
    out["hours"] = np.where(own.notna(), own * length, out["body_hours"].fillna(0.0))
    out["cadence_unknown"] = own.isna() & out["unknown"].fillna(True).astype(bool)
    assumed = np.where(own.notna(), out["blank_length"].fillna(True), out["assumed"].fillna(False))
    out["hours_assumed"] = assumed.astype(bool) & (out["meetings"] > 0)
    return out.drop(columns=["body_meetings", "body_hours", "mean_length", "unknown", "assumed",
                             "blank_length"])


def body_text(body) -> str:
    """A Bodies row in words: "Steering committee: Monthly, 2 h"."""
    if pd.notna(body.meetings_per_year):
        rhythm = f"{body.meetings_per_year:g} meetings a year"
    else:
        rhythm = body.cadence if isinstance(body.cadence, str) else "cadence not given"
    length = f", {body.hours:g} h" if pd.notna(body.hours) else ""
    return f"{body.body}: {rhythm}{length}"
