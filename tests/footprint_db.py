"""Small starter databases for the task tests, written straight into SQLite by ``workbook.store``.

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

from workbook import schema as S
from workbook import store


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
