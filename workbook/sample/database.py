"""A large community written straight into SQLite, for the overlap benchmark and tests.

Writing 1,000 checklists as xlsx takes minutes, so the overlap benchmark and the
task tests describe a community compactly and insert it straight into a database
built by ``workbook.store``. The goals and strategies of ``synthetic_coalitions``
come from the generator's own themes (``themes.THEMES``): one source of what
coalitions work on.

A coalition is described compactly as a dict; every key but ``name`` may be left out:

* short_name, status, merged_into, year_ended, former_names [text], budget, staff_fte,
  cadence, hours (the form's, for the full coalition);
* leads [organisation] (or lead: one organisation), backbone, fiscal_agent;
* areas [(level, area, coverage)] (coverage None = all of it), or the old
  geographies [county or "Region-wide"];
* populations, issue_areas [value];
* bodies [(body, kind, cadence, meetings_per_year, hours)];
* members [(organisation or None for a resident, person, role, meetings_per_year[, bodies])];
* goals [(statement, indicator, issue_area, population[, unit, latest_value, latest_year,
  target_text])] (target_text: a target kept as written, e.g. a multi-part one);
* strategies [(strategy, strategy_type, issue_area)];
* funders [organisation or (organisation, amount, amount_kind, start_year, end_year)];
* asks [(organisation, ask_type, times_per_year)].

Organisations and people are named; ids are handed out by first appearance.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from .. import schema as S
from .. import store
from .themes import THEMES


def build_database(db_path: str | Path, coalitions: list[dict[str, Any]]) -> Path:
    store.write_load(db_path, _rows(coalitions))
    return Path(db_path)


class _Registry(dict):
    """Name -> id, handed out in order of first appearance."""

    def id(self, name: str | None) -> int | None:
        if name is None:
            return None
        return self.setdefault(name, len(self) + 1)


def _areas(c: dict) -> list[tuple[str, str, str | None]]:
    if "areas" in c:
        return list(c["areas"])
    return [("Region" if g == S.REGION_WIDE else "County", g, None) for g in c.get("geographies", [])]


def _rows(coalitions: list[dict[str, Any]]) -> dict[str, list[dict]]:
    organisations, people = _Registry(), _Registry()
    leads_table = store.multi_value_table(S.COALITION.field("lead_organisations"))
    seat_bodies = store.multi_value_table(S.MEMBERS.field("bodies"), S.MEMBERS)
    rows: dict[str, list[dict]] = {t: [] for t in (
        "coalitions", leads_table, "coalition_former_names", "coalition_populations",
        "coalition_issue_areas", "areas", "bodies", "goals", "strategies", "members",
        seat_bodies, "funders", "asks")}
    for coalition_id, c in enumerate(coalitions, start=1):
        source = {"source_file": f"synthetic/{coalition_id}.xlsx", "source_row": 1,
                  "extra_json": None}
        rows["coalitions"].append({
            "coalition_id": coalition_id, "name": c["name"], "short_name": c.get("short_name"),
            "status": c.get("status"), "merged_into": c.get("merged_into"),
            "year_ended": c.get("year_ended"),
            "backbone_organisation": c.get("backbone"),
            "backbone_organisation_id": organisations.id(c.get("backbone")),
            "fiscal_agent": c.get("fiscal_agent"),
            "fiscal_agent_id": organisations.id(c.get("fiscal_agent")),
            "annual_budget": c.get("budget"), "staff_fte": c.get("staff_fte"),
            "meeting_cadence": c.get("cadence"), "meeting_hours": c.get("hours"), **source})
        leads = c.get("leads", [c["lead"]] if c.get("lead") else [])
        rows[leads_table] += [{"coalition_id": coalition_id, "value": lead, "position": i,
                               "organisation_id": organisations.id(lead)}
                              for i, lead in enumerate(leads)]
        for field in ("former_names", "populations", "issue_areas"):
            rows[f"coalition_{field}"] += [{"coalition_id": coalition_id, "value": v, "position": i}
                                           for i, v in enumerate(c.get(field, []))]
        for level, area, coverage in _areas(c):
            rows["areas"].append({"area_id": len(rows["areas"]) + 1, "coalition_id": coalition_id,
                                  "level": level, "area": area, "coverage": coverage, **source})
        for body, kind, cadence, meetings, hours in c.get("bodies", []):
            rows["bodies"].append({
                "body_id": len(rows["bodies"]) + 1, "coalition_id": coalition_id, "body": body,
                "kind": kind, "cadence": cadence, "meetings_per_year": meetings, "hours": hours,
                **source})
        for i, goal in enumerate(c.get("goals", []), start=1):
            statement, indicator, area, population, *figures = goal
            unit, latest, latest_year, target_text = (*figures, None, None, None, None)[:4]
            rows["goals"].append({
                "goal_row_id": len(rows["goals"]) + 1, "coalition_id": coalition_id,
                "goal_id": f"G{i}", "statement": statement, "issue_area": area,
                "population": population, "indicator": indicator, "unit": unit,
                "latest_value": latest, "latest_year": latest_year,
                "target_value_text": target_text, **source})
        for strategy, kind, area in c.get("strategies", []):
            rows["strategies"].append({
                "strategy_id": len(rows["strategies"]) + 1, "coalition_id": coalition_id,
                "strategy": strategy, "strategy_type": kind, "issue_area": area, **source})
        for member in c.get("members", []):
            organisation, person, role, meetings, *listed = member
            membership_id = len(rows["members"]) + 1
            rows["members"].append({
                "membership_id": membership_id, "coalition_id": coalition_id,
                "organisation": organisation, "organisation_id": organisations.id(organisation),
                "representative": person, "representative_person_id": people.id(person),
                "role": role, "meetings_per_year": meetings, **source})
            rows[seat_bodies] += [{"membership_id": membership_id, "coalition_id": coalition_id,
                                   "value": body, "position": i}
                                  for i, body in enumerate(listed[0] if listed else [])]
        for funder in c.get("funders", []):
            name, amount, kind, start, end = (funder, None, None, None, None) \
                if isinstance(funder, str) else funder
            rows["funders"].append({
                "funding_id": len(rows["funders"]) + 1, "coalition_id": coalition_id,
                "funder": name, "funder_id": organisations.id(name), "amount": amount,
                "amount_kind": kind, "start_year": start, "end_year": end, **source})
        for organisation, ask_type, times in c.get("asks", []):
            rows["asks"].append({
                "ask_id": len(rows["asks"]) + 1, "coalition_id": coalition_id,
                "organisation": organisation, "organisation_id": organisations.id(organisation),
                "ask_type": ask_type, "times_per_year": times, **source})
    # Parents before children, so the rows can be read in insertion order.
    return {
        "organisations": [{"organisation_id": i, "name": n, "match_key": n.casefold()}
                          for n, i in organisations.items()],
        "people": [{"person_id": i, "name": n, "email": None, "match_key": n.casefold()}
                   for n, i in people.items()],
        **{table: table_rows for table, table_rows in rows.items() if table_rows},
    }


# --- a large synthetic community --------------------------------------------------------

# (issue area, populations, goals as (phrasings, indicator), strategies as (text, type))
_THEMES = tuple(
    (theme.issue_area, theme.populations,
     tuple((idea.statements, idea.indicators[0]) for idea in theme.goals),
     theme.strategies)
    for theme in THEMES)
_CADENCES = ("Weekly", "Every two weeks", "Monthly", "Monthly", "Every two months", "Quarterly",
             "Twice a year", "As needed")
_ROLES = ("Chair", "Steering", "Member", "Member", "Member", "Staff")
_ASK_TYPES = ("Money", "Data", "Staff time", "Attendance")


def synthetic_coalitions(n: int, seed: int = 2026) -> list[dict[str, Any]]:
    """*n* coalitions drawing on shared pools of organisations, funders, places and themes.

    Organisations are picked by a long-tailed popularity (a few sit everywhere), and
    goal texts carry a place and sometimes a year, so most of them differ in spelling.
    """
    rng = np.random.default_rng(seed)
    organisations = [f"Organisation {i:05d}" for i in range(max(200, 4 * n))]
    popularity = 1 / np.arange(1, len(organisations) + 1) ** 0.8
    popularity /= popularity.sum()
    funders = [f"Funder {i:03d}" for i in range(max(20, n // 10))]
    places = [f"County {i:02d}" for i in range(1, 25)]
    towns = [f"Town {i:03d}" for i in range(max(40, n // 4))]
    return [_synthetic_coalition(rng, i, organisations, popularity, funders, places, towns)
            for i in range(1, n + 1)]


def _synthetic_coalition(rng, number, organisations, popularity, funders, places, towns) -> dict:
    theme = _THEMES[rng.integers(len(_THEMES))]
    related = [t for t in _THEMES if t is not theme]
    extra = [related[i] for i in rng.choice(len(related), size=rng.integers(0, 3), replace=False)]
    town = towns[rng.integers(len(towns))]
    member_count = int(rng.integers(8, 31))
    chosen = rng.choice(len(organisations), size=member_count, replace=False, p=popularity)
    return {
        "name": f"{town} {theme[0]} Coalition {number}", "short_name": f"C{number}",
        "leads": [organisations[o] for o in chosen[:2 if rng.random() < 0.15 else 1]],
        "cadence": _CADENCES[rng.integers(len(_CADENCES))],
        "hours": None if rng.random() < 0.1 else float(rng.choice((1.0, 1.5, 2.0, 3.0))),
        "areas": _synthetic_areas(rng, places, town),
        "populations": list(dict.fromkeys(p for t in (theme, *extra) for p in t[1][:1 + rng.integers(2)])),
        "issue_areas": [t[0] for t in (theme, *extra)],
        "members": [(organisations[o], f"Person {o:05d}-{rng.integers(2)}",
                     _ROLES[rng.integers(len(_ROLES))],
                     int(rng.integers(2, 13)) if rng.random() < 0.3 else None) for o in chosen],
        "goals": [_synthetic_goal(rng, t, town) for t in (theme, theme, *extra)
                  for _ in range(rng.integers(1, 3))],
        "strategies": [(text, kind, t[0]) for t in (theme, *extra)
                       for text, kind in t[3] if rng.random() < 0.6],
        "funders": [funders[i] for i in rng.choice(len(funders), rng.integers(0, 5), replace=False)],
        "asks": [(organisations[o], _ASK_TYPES[rng.integers(4)],
                  None if rng.random() < 0.3 else int(rng.choice((1, 2, 4, 12))))
                 for o in rng.choice(len(organisations), rng.integers(1, 6), replace=False, p=popularity)],
    }


def _synthetic_areas(rng, places, town) -> list[tuple[str, str, str | None]]:
    """Mostly whole counties; now and then the region, or a town in part of a county."""
    if rng.random() < 0.03:
        return [("Region", S.REGION_WIDE, None)]
    counties = [places[i] for i in rng.choice(len(places), rng.integers(1, 5), replace=False)]
    if rng.random() < 0.2:
        return [("County", counties[0], "Part of it"), ("City or town", town, None)]
    return [("County", county, None) for county in counties]


def _synthetic_goal(rng, theme, town) -> tuple:
    area, populations, goals, _ = theme
    phrasings, indicator = goals[rng.integers(len(goals))]
    statement = phrasings[rng.integers(len(phrasings))]
    if rng.random() < 0.5:
        statement += f" in {town}"
    if rng.random() < 0.3:
        statement += f" by {rng.integers(2027, 2033)}"
    return statement, indicator, area, populations[rng.integers(len(populations))]


