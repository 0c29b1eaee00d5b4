"""Checks across cells, rows and files, once every cell has been read on its own.

Within one checklist: years in order on a row (baseline before target, from before
to), the same person listed twice, and strategies pointing at goals. Across a
batch: the same coalition sent in two files.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .. import schema as S
from .layout import address
from .problems import Code
from .records import FAILED, LOADED, Checklist, Record

# (sheet, earlier year field, later year field)
YEAR_PAIRS = ((S.GOALS, "baseline_year", "target_year"),
              (S.FUNDERS, "start_year", "end_year"))


def check_checklist(checklist: Checklist) -> None:
    for sheet, earlier, later in YEAR_PAIRS:
        for record in checklist.tables.get(sheet.name, []):
            _years_in_order(record, sheet, earlier, later, checklist)
    _same_person_twice(checklist)
    check_goal_links(checklist)


def _years_in_order(record: Record, sheet: S.Sheet, earlier: str, later: str,
                    checklist: Checklist) -> None:
    first, second = record.values.get(earlier), record.values.get(later)
    if not isinstance(first, int) or not isinstance(second, int) or first <= second:
        return
    row, column = address(record.cells[earlier])
    checklist.report(Code.ROW_YEARS_REVERSED, sheet=sheet.title, row=row, column=column,
                     field_=sheet.field(earlier).label,
                     first=sheet.field(earlier).label, first_year=first,
                     second=sheet.field(later).label, second_year=second)


def person_key(name: str) -> str:
    """How two spellings of one person's name are compared within a checklist."""
    return " ".join(re.sub(r"[^\w\s]", " ", name.casefold()).split())


def _same_person_twice(checklist: Checklist) -> None:
    placeholders = {person_key(p) for p in S.PLACEHOLDER_NAMES}
    seen: dict[str, Record] = {}
    for record in checklist.tables.get(S.MEMBERS.name, []):
        name = record.values.get("representative")
        key = person_key(name) if isinstance(name, str) else ""
        if not key or key in placeholders:
            continue
        if key not in seen:
            seen[key] = record
            continue
        first = seen[key]
        organisations = (first.values.get("organisation"), record.values.get("organisation"))
        where = ("" if organisations[0] == organisations[1]
                 else f", for {organisations[0]}")
        row, column = address(record.cells["representative"])
        checklist.report(Code.ROW_DUPLICATE_PERSON, sheet=S.MEMBERS.title, row=row,
                         column=column, field_=S.MEMBERS.field("representative").label,
                         value=name, first_row=first.row, where=where)


def check_goal_links(checklist: Checklist) -> None:
    """Keep only the goal links that resolve; a goal whose row was rejected says so."""
    known = {str(g.values["goal_id"]).upper() for g in checklist.tables.get(S.GOALS.name, [])}
    rejected = {str(r.values.get("goal_id")).upper(): r.row for r in checklist.rejected
                if r.sheet == S.GOALS.name and r.values.get("goal_id")}
    for strategy in checklist.tables.get(S.STRATEGIES.name, []):
        wanted = strategy.values.get("goal_ids") or []
        strategy.values["goal_ids"] = [g.upper() for g in wanted if g.upper() in known]
        for goal_id in wanted:
            if goal_id.upper() in known:
                continue
            row, column = address(strategy.cells["goal_ids"])
            if goal_id.upper() in rejected:
                checklist.report(Code.CELL_GOAL_NOT_LOADED, sheet=S.STRATEGIES.title, row=row,
                                 column=column, field_="Serves goal ID(s)", value=goal_id,
                                 goal_row=rejected[goal_id.upper()])
            else:
                checklist.report(Code.CELL_UNKNOWN_GOAL, sheet=S.STRATEGIES.title, row=row,
                                 column=column, field_="Serves goal ID(s)", value=goal_id)


def coalition_key(checklist: Checklist) -> str:
    name = checklist.coalition.values.get("name") if checklist.coalition else None
    return " ".join(re.sub(r"[^\w]+", " ", str(name or "").casefold()).split())


def drop_duplicate_coalitions(checklists: list[Checklist]) -> None:
    """The same coalition in two files loads once; the other file is an error naming both.

    The copy kept is the one completed last (its 'Date completed'), or else the
    later file in folder order, which is where "v2 FINAL" copies sort.
    """
    groups: dict[str, list[Checklist]] = defaultdict(list)
    for checklist in checklists:
        if checklist.status == LOADED and coalition_key(checklist):
            groups[coalition_key(checklist)].append(checklist)
    for copies in groups.values():
        if len(copies) < 2:
            continue
        kept = max(enumerate(copies), key=lambda pair: (
            str(pair[1].coalition.values.get("completed_on") or ""), pair[0]))[1]
        for other in copies:
            if other is kept:
                continue
            rows = sum(other.rows.values())
            other.report(Code.FILE_DUPLICATE_COALITION, value=kept.coalition.values["name"],
                         other=kept.path.name, kept=kept.path.name, rows=rows,
                         rows_not_loaded=rows)
            other.status = FAILED
