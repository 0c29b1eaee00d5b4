"""Task 2's meeting burden: the hours each organisation and each person spends at the
coalitions' tables (seat hours from ``meetings``), and the issue areas heard twice."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ...store import read_table
from .. import meetings
from .labels import coalition_labels

DEFAULT_MEETING_HOURS = meetings.DEFAULT_MEETING_HOURS
NO_ORGANISATION = "no organisation (resident)"  # a seat held for no organisation


@dataclass(frozen=True)
class MeetingBurden:
    """Meeting time per organisation and per person, heaviest first.

    Both frames: hours_per_month, meetings_per_month (each seat counts: two
    representatives at one meeting are two), seats, coalitions, coalition_list,
    overlapping_issue_coalitions (coalitions sharing an issue area with another
    coalition the same organisation or person sits on: the same report heard
    again), repeated_issue_areas, hours_assumed (a body's meeting length was
    blank, DEFAULT_MEETING_HOURS used), cadence_unknown (a body with no meetings
    figure at all, or one the Bodies sheet does not list). organisations starts with
    organisation_id, organisation; people with person_id, person, organisations
    (NO_ORGANISATION for a resident).
    """
    organisations: pd.DataFrame
    people: pd.DataFrame


def meeting_burden(db: str | Path, include_ended: bool = False) -> MeetingBurden:
    """Meeting time per organisation and per person, from the bodies each seat sits on
    (``meetings``). A resident's seat counts for the person, not for any organisation."""
    seats = read_table(db, """
        SELECT m.membership_id, m.coalition_id, m.organisation_id, o.name AS organisation,
               m.representative_person_id AS person_id, p.name AS person, m.meetings_per_year
        FROM members m
        LEFT JOIN organisations o ON o.organisation_id = m.organisation_id
        LEFT JOIN people p ON p.person_id = m.representative_person_id""")
    labels = coalition_labels(db, include_ended)["label"]
    seats = seats[seats["coalition_id"].isin(labels.index)].reset_index(drop=True)
    coalitions = read_table(db, "SELECT coalition_id, meeting_cadence, meeting_hours FROM coalitions")
    bodies = meetings.coalition_bodies(meetings.read_bodies(db), coalitions)
    seats = meetings.seat_hours(seats, meetings.read_seat_bodies(db), bodies)
    issue_areas = read_table(
        db, "SELECT coalition_id, value AS issue_area FROM coalition_issue_areas")
    seats["coalition"] = seats["coalition_id"].map(labels)
    organisation_seats = seats[seats["organisation_id"].notna()].copy()
    organisation_seats["organisation_id"] = organisation_seats["organisation_id"].astype(np.int64)
    organisations = _burden_by(organisation_seats, "organisation_id", "organisation", issue_areas)
    people_seats = seats[seats["person_id"].notna()].copy()
    people_seats["person_id"] = people_seats["person_id"].astype(np.int64)
    people = _burden_by(people_seats, "person_id", "person", issue_areas)
    their_organisations = people_seats.groupby("person_id")["organisation"].agg(_joined)
    people.insert(2, "organisations", people["person_id"].map(their_organisations)
                  .replace("", NO_ORGANISATION))
    return MeetingBurden(organisations, people)


def _burden_by(seats: pd.DataFrame, key: str, name: str,
               issue_areas: pd.DataFrame) -> pd.DataFrame:
    columns = [key, name, "hours_per_month", "meetings_per_month", "seats", "coalitions",
               "coalition_list", "overlapping_issue_coalitions", "repeated_issue_areas",
               "hours_assumed", "cadence_unknown"]
    if seats.empty:
        return pd.DataFrame(columns=columns)
    grouped = seats.groupby(key)
    burden = pd.DataFrame({
        name: grouped[name].first(),
        "hours_per_month": grouped["hours"].sum() / 12,
        "meetings_per_month": grouped["meetings"].sum() / 12,
        "seats": grouped.size(),
        "coalitions": grouped["coalition_id"].nunique(),
        "coalition_list": grouped["coalition"].agg(_joined),
        "hours_assumed": grouped["hours_assumed"].any(),
        "cadence_unknown": grouped["cadence_unknown"].any(),
    })
    repeats = _repeated_issue_areas(seats, key, issue_areas)
    burden = burden.join(repeats)
    overlapping = burden["overlapping_issue_coalitions"].fillna(0).astype(np.int64)
    burden["overlapping_issue_coalitions"] = overlapping
    burden["repeated_issue_areas"] = burden["repeated_issue_areas"].fillna("")
    burden = burden.reset_index()[columns]
    return burden.sort_values(["hours_per_month", "coalitions", name],
                              ascending=[False, False, True], kind="stable").reset_index(drop=True)


def _repeated_issue_areas(seats: pd.DataFrame, key: str,
                          issue_areas: pd.DataFrame) -> pd.DataFrame:
    """Per *key*: coalitions sharing an issue area with another of its coalitions, and which."""
    sittings = seats[[key, "coalition_id"]].drop_duplicates().merge(issue_areas, on="coalition_id")
    per_area = sittings.groupby([key, "issue_area"])["coalition_id"].nunique().rename("count")
    repeated = per_area[per_area >= 2].reset_index()
    overlapping = (sittings.merge(repeated[[key, "issue_area"]], on=[key, "issue_area"])
                   .groupby(key)["coalition_id"].nunique())
    repeated = repeated.sort_values([key, "count", "issue_area"], ascending=[True, False, True])
    areas = repeated.groupby(key).apply(
        lambda g: "; ".join(f"{a} ({c})" for a, c in zip(g["issue_area"], g["count"])),
        include_groups=False) if not repeated.empty else pd.Series(dtype=object)
    return pd.DataFrame({"overlapping_issue_coalitions": overlapping,
                         "repeated_issue_areas": areas})


def _joined(values) -> str:
    return "; ".join(sorted({str(v) for v in values if isinstance(v, str)}, key=str.casefold))
