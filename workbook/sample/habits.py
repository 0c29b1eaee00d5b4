"""The habits that make a generated checklist look typed by a hurried clerk.

Tolerated habits the reader must absorb with a note, and real errors it must
report: each changes a checklist in place and says what it did.
"""
from __future__ import annotations

import random
from typing import Callable

from ..forms import FilledChecklist

Mess = Callable[[random.Random, FilledChecklist], str]


def make_messy(rng: random.Random, checklist: FilledChecklist, real_error: Mess | None) -> None:
    """Type the checklist the way a hurried clerk would, then make *real_error* if given."""
    for mess in rng.sample(TOLERATED_MESSES, rng.randint(2, 4)):
        checklist.messy.append(mess(rng, checklist))
    if real_error is not None:
        checklist.messy.append(real_error(rng, checklist))


def _rows(checklist: FilledChecklist, sheet: str) -> list[dict]:
    return [row for row in checklist.rows.get(sheet, []) if row]


def _mess_spaces(rng: random.Random, checklist: FilledChecklist) -> str:
    members = _rows(checklist, "members")
    if members and rng.random() < 0.5:
        row = rng.choice(members)
        row["organisation"] = row["organisation"] + "  "
        return f"spaces: trailing spaces after member {row['organisation'].strip()!r}"
    checklist.coalition["name"] = "\u00a0" + checklist.coalition["name"] + " "
    return "spaces: non-breaking space before the coalition name"


def _mess_case(rng: random.Random, checklist: FilledChecklist) -> str:
    goals = _rows(checklist, "goals")
    if goals and rng.random() < 0.4:
        goals[0]["issue_area"] = goals[0]["issue_area"].lower()
        return f"case: goal issue area typed {goals[0]['issue_area']!r}"
    checklist.coalition["meeting_cadence"] = checklist.coalition["meeting_cadence"].lower()
    return f"case: meeting cadence typed {checklist.coalition['meeting_cadence']!r}"


def _mess_marker(rng: random.Random, checklist: FilledChecklist) -> str:
    marker = rng.choice(("N/A", "n/a", "-", "none"))
    members = _rows(checklist, "members")
    if members and rng.random() < 0.5:
        rng.choice(members)["meetings_per_year"] = marker
        return f"marker: {marker!r} for a member's meetings per year"
    checklist.coalition[rng.choice(("website", "staff_fte"))] = marker
    return f"marker: {marker!r} on the coalition form"


def _mess_number_as_text(rng: random.Random, checklist: FilledChecklist) -> str:
    funders = _rows(checklist, "funders")
    if funders and rng.random() < 0.5:
        row = rng.choice(funders)
        row["amount"] = f"${row['amount']:,}"
        return f"number as text: funder amount typed {row['amount']!r}"
    budget = checklist.coalition.get("annual_budget") or 2500
    checklist.coalition["annual_budget"] = f"{budget:,}"
    return f"number as text: budget typed {checklist.coalition['annual_budget']!r}"


def _mess_year_as_text(rng: random.Random, checklist: FilledChecklist) -> str:
    checklist.coalition["year_founded"] = str(checklist.coalition["year_founded"])
    return f"year as text: founded {checklist.coalition['year_founded']!r}"


def _mess_blank_row(rng: random.Random, checklist: FilledChecklist) -> str:
    members = checklist.rows["members"]
    members.insert(rng.randint(1, len(members) - 1), {})
    return "blank row: an empty row between members"


def _error_goal_without_statement(rng: random.Random, checklist: FilledChecklist) -> str:
    goal = rng.choice(_rows(checklist, "goals"))
    goal["statement"] = None
    return f"error: goal {goal['goal_id']} has no statement"


def _error_member_without_organisation(rng: random.Random, checklist: FilledChecklist) -> str:
    seat = rng.choice(_rows(checklist, "members")[1:])
    seat["organisation"] = None
    seat.setdefault("representative", "Pat Unknown")
    return "error: a member row names no organisation"


def _error_strategy_type_not_in_list(rng: random.Random, checklist: FilledChecklist) -> str:
    strategy = rng.choice(_rows(checklist, "strategies"))
    strategy["strategy_type"] = rng.choice(("Advocacy", "Programs", "Outreach"))
    return f"error: strategy type {strategy['strategy_type']!r} is not in the list"


def _error_cadence_not_in_list(rng: random.Random, checklist: FilledChecklist) -> str:
    checklist.coalition["meeting_cadence"] = rng.choice(("Bi-monthly", "Monthly-ish", "TBD"))
    return f"error: meeting cadence {checklist.coalition['meeting_cadence']!r} is not in the list"


def _error_missing_contact_email(rng: random.Random, checklist: FilledChecklist) -> str:
    checklist.coalition["contact_email"] = None
    return "error: contact email missing"


TOLERATED_MESSES: tuple[Mess, ...] = (
    _mess_spaces, _mess_case, _mess_marker, _mess_number_as_text, _mess_year_as_text,
    _mess_blank_row)
ROW_REJECTING_ERRORS = (_error_goal_without_statement, _error_member_without_organisation,
                        _error_strategy_type_not_in_list)
CELL_ERRORS = (_error_cadence_not_in_list, _error_missing_contact_email)

