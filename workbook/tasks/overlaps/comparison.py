"""Task 2's comparison chart: up to ``MAX_COMPARED`` coalitions side by side, field by field,
with what each shares with the others marked.

Shared means the same organisation (members, leads, funders, asks, the fiscal agent
or backbone), a matching goal or strategy (``texts``), the same
population or issue area ("All ages" shares with every population), or an area two
coalitions both cover at the finest level both report (``coverage``). Funding is
compared per year: a multi-year total is spread over its years, and the cell says so.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from ... import schema as S
from ...store import read_table
from .. import coverage, funding, leadership, meetings
from ..goal_figures import latest_text
from ..database import columns_of, has_table
from .labels import _with_labels, community_of
from .texts import TEXT_MATCH_THRESHOLD, _goal_blocks, _pairs, _strategy_blocks


MAX_COMPARED = 10  # a comparison wider than this no longer fits a projected page


def _label(name: str, fallback: str) -> str:
    try:
        return S.COALITION.field(name).label
    except KeyError:
        return fallback


COMPARISON_FIELDS: dict[str, str] = {
    "name": _label("name", "Coalition name"),
    "short_name": _label("short_name", "Short name"),
    "status": _label("status", "Status"),
    "former_names": _label("former_names", "Former names"),
    "lead_organisations": _label("lead_organisations", "Lead or co-lead organisations"),
    "backbone_organisation": _label("backbone_organisation", "Backbone organisation"),
    "fiscal_agent": _label("fiscal_agent", "Fiscal agent"),
    "year_founded": _label("year_founded", "Year founded"),
    "mission": _label("mission", "Mission"),
    "geographies": "Areas",
    "populations": _label("populations", "Populations served"),
    "issue_areas": _label("issue_areas", "Issue areas"),
    "annual_budget": _label("annual_budget", "Annual budget (USD)"),
    "funding_per_year": "Funding per year (USD)",
    "staff_fte": _label("staff_fte", "Paid staff (FTE)"),
    "meeting_cadence": _label("meeting_cadence", "Meeting cadence"),
    "meeting_hours": _label("meeting_hours", "Usual meeting length (hours)"),
    "bodies": "Bodies that meet",
    "members": "Member organisations",
    "residents": "Residents and community members",
    "representatives": "Representatives",
    "goals": "Goals",
    "strategies": "Strategies",
    "funders": "Funders",
    "asks": "Asks",
}
# Single-value fields compared for sameness (by the column named); others never "share".
_SHARED_SCALARS = {"backbone_organisation": "backbone_organisation_id",
                   "fiscal_agent": "fiscal_agent_id", "meeting_cadence": "meeting_cadence"}
LIST_FIELDS = ("former_names", "lead_organisations", "geographies", "populations", "issue_areas",
               "bodies", "members", "representatives", "goals", "strategies", "funders", "asks")
_SCALARS = ("name", "short_name", "status", "backbone_organisation", "backbone_organisation_id",
            "fiscal_agent", "fiscal_agent_id", "year_founded", "mission", "annual_budget",
            "staff_fte", "meeting_cadence", "meeting_hours")


@dataclass(frozen=True)
class Comparison:
    """Chosen coalitions side by side.

    table: index = field keys (COMPARISON_FIELDS; ``field_labels`` gives the
    wording), columns = coalition labels in the order chosen. A single-value cell
    holds the value (None when blank); a list field's cell holds a tuple of texts.
    shared: same shape; each cell a frozenset of the cell's items (or its value)
    that at least one other chosen coalition shares, for highlighting.
    """
    coalition_ids: tuple[int, ...]
    table: pd.DataFrame
    shared: pd.DataFrame
    field_labels: dict[str, str]


def compare_coalitions(db: str | Path, coalition_ids: Iterable[int],
                       text_threshold: float = TEXT_MATCH_THRESHOLD, community=None) -> Comparison:
    chosen = _chosen_ids(db, coalition_ids)
    placeholders = ", ".join("?" for _ in chosen)
    params = tuple(chosen)
    present = columns_of(db, "coalitions")
    scalars = ", ".join(c if c in present else f"NULL AS {c}" for c in _SCALARS)
    coalitions = read_table(db, f"SELECT coalition_id, {scalars} FROM coalitions "
                                f"WHERE coalition_id IN ({placeholders})", params)
    coalitions = _with_labels(coalitions).set_index("coalition_id").loc[chosen]
    leaders = leadership.leading_organisations(db, chosen)
    for role, column in ((leadership.BACKBONE_ROLE, "backbone_organisation"),
                         (leadership.FISCAL_ROLE, "fiscal_agent")):
        names = leaders[leaders["role"] == role].set_index("coalition_id")["organisation"]
        coalitions[column] = [names.get(c) for c in coalitions.index]
    coalitions["status"] = coalitions["status"].fillna("Active")
    items = read_table(db, _COMPARISON_ITEMS_SQL.format(ids=placeholders), params * 5)
    rows = {key: _list_cells(items[items["field"] == key], key, chosen)
            for key in ("populations", "issue_areas", "members", "representatives", "asks")}
    rows["lead_organisations"] = _list_cells(_lead_items(leaders), "lead_organisations", chosen)
    rows["former_names"] = _list_cells(_former_name_items(db, chosen), "former_names", chosen)
    rows["funders"], funding_cells = _funding(db, chosen)
    rows["bodies"] = _list_cells(_body_items(db, chosen), "bodies", chosen)
    rows["geographies"] = _area_cells(db, chosen, community)
    goals = _goals(db, chosen)
    rows["goals"] = _matched_cells(goals, "shown", _pairs(_goal_blocks(goals, text_threshold)),
                                   chosen)
    strategies = read_table(db, f"""
        SELECT strategy_id, coalition_id, strategy, strategy_type, issue_area
        FROM strategies WHERE coalition_id IN ({placeholders}) ORDER BY strategy_id""", params)
    rows["strategies"] = _matched_cells(
        strategies, "strategy", _pairs(_strategy_blocks(strategies, text_threshold)), chosen)
    coalitions["funding_per_year"] = [funding_cells[c] for c in chosen]
    coalitions["residents"] = _resident_counts(db, chosen)
    table, shared = {}, {}
    for key in COMPARISON_FIELDS:
        if key in rows:
            table[key], shared[key] = _shared_flags(rows[key], chosen)
        else:
            table[key], shared[key] = _scalar_row(coalitions, key, chosen)
    labels = coalitions["label"].tolist()
    return Comparison(
        coalition_ids=tuple(chosen),
        table=_comparison_frame(table, labels),
        shared=_comparison_frame(shared, labels),
        field_labels=dict(COMPARISON_FIELDS))


# (field, coalition, key that makes two items the same, text shown, order within the cell)
_COMPARISON_ITEMS_SQL = """
    SELECT 'populations' AS field, coalition_id, value AS item_key, value AS item, position AS sort
    FROM coalition_populations WHERE coalition_id IN ({ids})
    UNION ALL
    SELECT 'issue_areas', coalition_id, value, value, position
    FROM coalition_issue_areas WHERE coalition_id IN ({ids})
    UNION ALL
    SELECT 'members', m.coalition_id, CAST(m.organisation_id AS TEXT), o.name, o.name
    FROM members m JOIN organisations o ON o.organisation_id = m.organisation_id
    WHERE m.coalition_id IN ({ids})
    UNION ALL
    SELECT 'representatives', m.coalition_id, CAST(m.representative_person_id AS TEXT),
           COALESCE(p.name, m.representative), COALESCE(p.name, m.representative)
    FROM members m JOIN people p ON p.person_id = m.representative_person_id
    WHERE m.coalition_id IN ({ids})
    UNION ALL
    SELECT 'asks', a.coalition_id, CAST(a.organisation_id AS TEXT) || '|' || a.ask_type,
           o.name || ': ' || a.ask_type, o.name || ': ' || a.ask_type
    FROM asks a JOIN organisations o ON o.organisation_id = a.organisation_id
    WHERE a.coalition_id IN ({ids}) AND a.ask_type IS NOT NULL
"""
_ITEM_COLUMNS = ["coalition_id", "item_key", "item", "sort"]


def _chosen_ids(db: str | Path, coalition_ids: Iterable[int]) -> list[int]:
    if isinstance(coalition_ids, (str, bytes, int)):
        raise ValueError("Give the coalitions to compare as a list of coalition ids.")
    try:
        chosen = list(dict.fromkeys(int(i) for i in coalition_ids))
    except (TypeError, ValueError):
        raise ValueError(f"Coalition ids are whole numbers, not {list(coalition_ids)!r}.") from None
    if not chosen:
        raise ValueError("Choose at least one coalition to compare.")
    if len(chosen) > MAX_COMPARED:
        raise ValueError(f"{len(chosen)} coalitions chosen; compare at most {MAX_COMPARED} "
                         "at a time.")
    known = set(read_table(db, "SELECT coalition_id FROM coalitions")["coalition_id"].tolist())
    unknown = [i for i in chosen if i not in known]
    if unknown:
        raise ValueError(f"No coalition with id {', '.join(map(str, unknown))} in this database.")
    return chosen


def _organisation_key(organisation_id, name) -> str:
    """Matched organisations compare by id; a name the matching left alone, by its text."""
    return f"id:{int(organisation_id)}" if pd.notna(organisation_id) else f"name:{str(name).casefold()}"


def _lead_items(leaders: pd.DataFrame) -> pd.DataFrame:
    leads = leaders[leaders["role"] == leadership.LEAD_ROLE]
    return pd.DataFrame({
        "coalition_id": leads["coalition_id"],
        "item_key": [_organisation_key(i, n) for i, n in zip(leads["organisation_id"],
                                                              leads["organisation"])],
        "item": leads["organisation"], "sort": leads["position"]})


def _former_name_items(db: str | Path, chosen: list[int]) -> pd.DataFrame:
    if not has_table(db, "coalition_former_names"):
        return pd.DataFrame(columns=_ITEM_COLUMNS)
    names = read_table(db, "SELECT coalition_id, value, position FROM coalition_former_names")
    names = names[names["coalition_id"].isin(chosen)]
    # A former name is the coalition's own history: it is never "shared".
    return pd.DataFrame({"coalition_id": names["coalition_id"],
                         "item_key": names["coalition_id"].astype(str) + "|" + names["value"],
                         "item": names["value"], "sort": names["position"]})


def _body_items(db: str | Path, chosen: list[int]) -> pd.DataFrame:
    bodies = meetings.read_bodies(db)
    bodies = bodies[bodies["coalition_id"].isin(chosen)].reset_index(drop=True)
    texts = [meetings.body_text(r) for r in bodies.itertuples()]
    return pd.DataFrame({"coalition_id": bodies["coalition_id"],
                         "item_key": bodies["coalition_id"].astype(str) + "|" + pd.Series(texts, dtype=object),
                         "item": texts, "sort": range(len(bodies))})


def _funding(db: str | Path, chosen: list[int]) -> tuple["_Cells", dict[int, str | None]]:
    """Funders with their yearly amounts, and each coalition's yearly total, said how."""
    rows = funding.funding_rows(db, chosen)
    texts = [f"{r.funder}: {funding.compared(r.amount, r.amount_kind, r.start_year, r.end_year)}"
             if pd.notna(r.amount) else str(r.funder) for r in rows.itertuples()]
    items = pd.DataFrame({"coalition_id": rows["coalition_id"],
                          "item_key": [_organisation_key(i, n) for i, n in
                                       zip(rows["funder_id"], rows["funder"])],
                          "item": texts, "sort": rows["funding_id"]})
    totals = {}
    for coalition_id in chosen:
        total, note = funding.yearly_total(rows[rows["coalition_id"] == coalition_id])
        totals[coalition_id] = (None if total is None else
                                funding.money(total) + (f" ({note})" if note else ""))
    # The same funder funds both, whatever the amounts: shared on the funder.
    cells = _list_cells(items, "funders", chosen, drop_repeats=False)
    return cells, totals


def _area_cells(db: str | Path, chosen: list[int], community) -> "_Cells":
    """Each coalition's areas; one is shared when another chosen coalition covers it at the
    level the two are compared at."""
    areas = coverage.read_areas(db)
    areas = areas[areas["coalition_id"].isin(chosen)].reset_index(drop=True)
    geography = coverage.Geography.of(community_of(db, community), areas)
    levels = coverage.reported_levels(areas)
    projected: dict[tuple[int, str], set[str]] = {}

    def seen_at(frame: pd.DataFrame, level: str) -> set[str]:
        return set(coverage.project(frame, level, geography)["area"])

    cells: _Cells = {c: ([], set()) for c in chosen}
    for position, row in enumerate(areas.itertuples(index=False)):
        own = areas.iloc[[position]]
        keys = set()
        for other in chosen:
            if other == row.coalition_id:
                continue
            level = coverage.pair_level(levels.get(row.coalition_id, frozenset()),
                                        levels.get(other, frozenset()))
            if level is None:
                continue
            if (other, level) not in projected:
                projected[(other, level)] = seen_at(areas[areas["coalition_id"] == other], level)
            if seen_at(own, level) & projected[(other, level)]:
                keys.add(other)
        items, held = cells[int(row.coalition_id)]
        # Keys are the coalitions this area meets; each holds its own id.
        items.append((coverage.area_text(row.level, row.area, row.coverage), frozenset(keys)))
        held.add(int(row.coalition_id))
    return cells


def _goals(db: str | Path, chosen: list[int]) -> pd.DataFrame:
    present = columns_of(db, "goals")
    extra = ", ".join(c if c in present else f"NULL AS {c}"
                      for c in ("unit", "latest_value", "latest_year"))
    goals = read_table(db, f"""
        SELECT goal_row_id, coalition_id, statement, indicator, issue_area, population, {extra}
        FROM goals ORDER BY goal_row_id""")
    goals = goals[goals["coalition_id"].isin(chosen)].reset_index(drop=True)
    goals["shown"] = [f"{s} — {latest}" if latest else s for s, latest in zip(
        goals["statement"], (latest_text(r.latest_value, r.unit, r.latest_year)
                             for r in goals.itertuples()))]
    return goals


def _resident_counts(db: str | Path, chosen: list[int]) -> list[int]:
    """Seats held by someone speaking for no organisation (a resident, a parent, a youth)."""
    seats = read_table(db, """
        SELECT coalition_id, COUNT(*) AS residents FROM members
        WHERE organisation_id IS NULL GROUP BY coalition_id""")
    counts = dict(zip(seats["coalition_id"], seats["residents"]))
    return [int(counts.get(c, 0)) for c in chosen]


# Per coalition: its items as (text, keys the item stands for) and the keys it holds.
_Cells = dict[int, tuple[list[tuple[str, frozenset]], set]]


def _list_cells(rows: pd.DataFrame, key: str, chosen: list[int],
                drop_repeats: bool = True) -> _Cells:
    rows = rows.sort_values(["coalition_id", "sort"], kind="stable")
    if drop_repeats:
        rows = rows.drop_duplicates(["coalition_id", "item_key"])
    universe = frozenset(rows["item_key"])
    singular = {"populations": "population"}.get(key, key)
    cells: _Cells = {c: ([], set()) for c in chosen}
    for coalition_id, item_key, item in zip(rows["coalition_id"], rows["item_key"], rows["item"]):
        covers = (universe if coverage.is_whole_list_value(singular, item)
                  else frozenset({item_key}))
        items, held = cells[int(coalition_id)]
        items.append((str(item), covers))
        held.update(covers)
    return cells


def _matched_cells(rows: pd.DataFrame, text_column: str, pairs: tuple[np.ndarray, np.ndarray],
                   chosen: list[int]) -> _Cells:
    """Goals or strategies: an item stands for itself and every row it matches."""
    first, second = pairs
    matches: dict[int, set[int]] = {}
    for a, b in zip(first.tolist(), second.tolist()):
        matches.setdefault(a, set()).add(b)
    cells: _Cells = {c: ([], set()) for c in chosen}
    for position, (coalition_id, text) in enumerate(zip(rows["coalition_id"], rows[text_column])):
        items, held = cells[int(coalition_id)]
        stands_for = frozenset({position} | matches.get(position, set()))
        items.append(("" if pd.isna(text) else str(text), stands_for))
        held.add(position)
    return cells


def _shared_flags(cells: _Cells, chosen: list[int]) -> tuple[list, list]:
    values, shared = [], []
    for coalition_id in chosen:
        items, _ = cells[coalition_id]
        others = set().union(*(cells[c][1] for c in chosen if c != coalition_id))
        values.append(tuple(text for text, _ in items))
        shared.append(frozenset(text for text, keys in items if keys & others))
    return values, shared


def _scalar_row(coalitions: pd.DataFrame, key: str, chosen: list[int]) -> tuple[list, list]:
    values = [None if not isinstance(v, (list, tuple)) and pd.isna(v) else v
              for v in coalitions[key].tolist()]
    if key not in _SHARED_SCALARS:
        return values, [frozenset() for _ in chosen]
    keys = [None if pd.isna(k) else k for k in coalitions[_SHARED_SCALARS[key]].tolist()]
    shared = []
    for position, (value, same_as) in enumerate(zip(values, keys)):
        others = keys[:position] + keys[position + 1:]
        is_shared = same_as is not None and same_as in others
        shared.append(frozenset({value}) if is_shared else frozenset())
    return values, shared


def _comparison_frame(rows: dict[str, list], labels: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(index=pd.Index(list(rows), name="field"), columns=labels, dtype=object)
    for key, cells in rows.items():
        for label, cell in zip(labels, cells):
            frame.at[key, label] = cell
    return frame
