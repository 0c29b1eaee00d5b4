"""The habits that make a generated checklist look typed by a hurried clerk.

Tolerated habits the reader must absorb with a note (names pasted with trailing
spaces, wrong case, "N/A", numbers typed as text, percentages typed two ways in
one column, "TBD" or "?" for a figure not known yet, a target written out in
words, a goal with no issue area, blank rows), and real errors it must report.
Each changes a checklist in place and says what it did. Habits are dealt from a
shuffled deck, so even a small sample shows every one of them.
"""
from __future__ import annotations

import random
from typing import Callable, Sequence

from ..forms import FilledChecklist
from .goals import typed_percent

Mess = Callable[[random.Random, FilledChecklist], str]

NO_ANSWER_YET = ("TBD", "N/A", "?", "unknown", "tbd", "See above")
MULTI_PART_TARGETS = ("60% by 2028; 70% by 2030", "Cut in half by 2030",
                      "10% fewer each year", "Above the state average", "TBD with partners")


class Deck:
    """Habits dealt in a shuffled cycle: every habit comes up before any comes twice."""

    def __init__(self, rng: random.Random, messes: Sequence[Mess]):
        self._rng, self._messes, self._cards = rng, list(messes), []

    def deal(self, count: int) -> list[Mess]:
        hand: list[Mess] = []
        while len(hand) < min(count, len(self._messes)):
            if not self._cards:
                self._cards = self._rng.sample(self._messes, len(self._messes))
            card = self._cards.pop()
            if card in hand:
                self._cards.insert(0, card)  # keep it for the next hand
            else:
                hand.append(card)
        return hand


def make_messy(rng: random.Random, checklist: FilledChecklist, messes: Sequence[Mess],
               real_error: Mess | None) -> None:
    """Type the checklist with *messes*, then make *real_error* if given."""
    for mess in messes:
        checklist.messy.append(mess(rng, checklist))
    if real_error is not None:
        checklist.messy.append(real_error(rng, checklist))


def _rows(checklist: FilledChecklist, sheet: str) -> list[dict]:
    return [row for row in checklist.rows.get(sheet, []) if row]


def _mess_spaces(rng: random.Random, checklist: FilledChecklist) -> str:
    members = [m for m in _rows(checklist, "members") if m.get("organisation")]
    if members and rng.random() < 0.5:
        row = rng.choice(members)
        row["organisation"] = row["organisation"] + "  "
        return f"spaces: trailing spaces after member {row['organisation'].strip()!r}"
    if rng.random() < 0.5:
        leads = checklist.coalition["lead_organisations"]
        leads[0] = leads[0] + " "
        return f"spaces: lead organisation {leads[0].strip()!r} pasted with a trailing space"
    checklist.coalition["name"] = "\u00a0" + checklist.coalition["name"] + " "
    return "spaces: non-breaking space before the coalition name"


def _mess_case(rng: random.Random, checklist: FilledChecklist) -> str:
    goals = [g for g in _rows(checklist, "goals") if g.get("issue_area")]
    if goals and rng.random() < 0.4:
        goals[0]["issue_area"] = goals[0]["issue_area"].lower()
        return f"case: goal issue area typed {goals[0]['issue_area']!r}"
    if checklist.coalition.get("meeting_cadence"):
        checklist.coalition["meeting_cadence"] = checklist.coalition["meeting_cadence"].lower()
        return f"case: meeting cadence typed {checklist.coalition['meeting_cadence']!r}"
    area = _rows(checklist, "areas")[0]
    area["level"] = area["level"].lower()
    return f"case: area level typed {area['level']!r}"


def _mess_marker(rng: random.Random, checklist: FilledChecklist) -> str:
    marker = rng.choice(("N/A", "n/a", "-", "none"))
    members = _rows(checklist, "members")
    if members and rng.random() < 0.5:
        rng.choice(members)["meetings_per_year"] = marker
        return f"marker: {marker!r} for a member's meetings per year"
    checklist.coalition[rng.choice(("website", "staff_fte"))] = marker
    return f"marker: {marker!r} on the coalition form"


def _mess_number_as_text(rng: random.Random, checklist: FilledChecklist) -> str:
    funders = [f for f in _rows(checklist, "funders") if isinstance(f.get("amount"), int)]
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


def _mess_percent_scales(rng: random.Random, checklist: FilledChecklist) -> str:
    """One column holding 48, "48%" and .48: typed by different hands over the years."""
    goal = _rows(checklist, "goals")[0]
    goal["unit"] = "Percent"
    goal.update(baseline_value=typed_percent(42, "number"), baseline_year=2022,
                latest_value=typed_percent(45, "sign"), latest_year=2024,
                target_value=typed_percent(55, "fraction"), target_year=2030)
    return f"percent scales: goal {goal['goal_id']} typed as 42, '45%' and 0.55"


def _mess_no_answer_yet(rng: random.Random, checklist: FilledChecklist) -> str:
    marker = rng.choice(NO_ANSWER_YET)
    goal = rng.choice(_rows(checklist, "goals"))
    goal["target_value"] = marker
    return f"no answer yet: goal {goal['goal_id']} target typed {marker!r}"


def _mess_multi_part_target(rng: random.Random, checklist: FilledChecklist) -> str:
    goal = rng.choice(_rows(checklist, "goals"))
    goal["target_value"] = rng.choice(MULTI_PART_TARGETS)
    return f"target in words: goal {goal['goal_id']} target {goal['target_value']!r}"


def _mess_goal_without_issue_area(rng: random.Random, checklist: FilledChecklist) -> str:
    goal = rng.choice(_rows(checklist, "goals"))
    goal["issue_area"] = None
    return f"no issue area: goal {goal['goal_id']} left unclassified"


def _error_goal_without_statement(rng: random.Random, checklist: FilledChecklist) -> str:
    goal = rng.choice(_rows(checklist, "goals"))
    goal["statement"] = None
    return f"error: goal {goal['goal_id']} has no statement"


def _error_member_without_anybody(rng: random.Random, checklist: FilledChecklist) -> str:
    seat = rng.choice(_rows(checklist, "members")[1:])
    seat.update(organisation=None, representative=None, representative_email=None)
    seat.setdefault("role", "Member")
    return "error: a member row names neither an organisation nor a representative"


def _error_strategy_type_not_in_list(rng: random.Random, checklist: FilledChecklist) -> str:
    strategy = rng.choice(_rows(checklist, "strategies"))
    strategy["strategy_type"] = rng.choice(("Advocacy", "Programs", "Outreach"))
    return f"error: strategy type {strategy['strategy_type']!r} is not in the list"


def _error_cadence_not_in_list(rng: random.Random, checklist: FilledChecklist) -> str:
    checklist.coalition["meeting_cadence"] = rng.choice(("Bi-monthly", "Monthly-ish"))
    return f"error: meeting cadence {checklist.coalition['meeting_cadence']!r} is not in the list"


def _error_missing_contact_email(rng: random.Random, checklist: FilledChecklist) -> str:
    # Only the coalition's own checklist needs a contact; one compiled from documents does not.
    checklist.coalition["filled_by"] = "The coalition"
    checklist.coalition["contact_name"] = checklist.coalition.get("contact_name") or "Pat Rivera"
    checklist.coalition["contact_email"] = None
    return "error: contact email missing"


TOLERATED_MESSES: tuple[Mess, ...] = (
    _mess_spaces, _mess_case, _mess_marker, _mess_number_as_text, _mess_year_as_text,
    _mess_blank_row, _mess_percent_scales, _mess_no_answer_yet, _mess_multi_part_target,
    _mess_goal_without_issue_area)
ROW_REJECTING_ERRORS = (_error_goal_without_statement, _error_member_without_anybody,
                        _error_strategy_type_not_in_list)
CELL_ERRORS = (_error_cadence_not_in_list, _error_missing_contact_email)
