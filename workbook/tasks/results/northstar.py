"""The North Star and its shared population indicators, adopted through the decision log.

One result statement for the whole population (``adopt_north_star``), and 3-5 shared
indicators (``adopt_indicator``), each taken from the crosswalk (an indicator some
coalition's goal already tracks: ``crosswalk_indicators``) or new, with unit,
polarity, data source, geography, baseline (value and year), target and target year.

Both are ``adopt`` entries of the decision log: a North Star is filed under subject kind
``north_star``, an indicator under ``shared_indicator`` (plus, when it came from the
crosswalk, the checklists' ``indicator`` subject, so a reload that changes who measures
it flags the entry for review). The indicator's particulars are the entry's details.
Adopting again supersedes the entry in force; ``retire_indicator`` withdraws one.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import pandas as pd

from ... import decisions as D
from ... import store
from ... import numbers_text as numbers

MIN_INDICATORS, MAX_INDICATORS = 3, 5
HIGHER, LOWER = "Higher is better", "Lower is better"
FROM_CROSSWALK, NEW = "crosswalk", "new"


@dataclass(frozen=True)
class SharedIndicator:
    name: str  # as the indicator-data files name it
    unit: str
    polarity: str  # HIGHER or LOWER
    data_source: str
    geography: str
    baseline_value: float | None
    baseline_year: int | None
    target_value: float | None
    target_year: int | None
    origin: str = NEW  # FROM_CROSSWALK or NEW
    crosswalk_indicator: str | None = None  # the checklists' wording it was taken from
    result: str = ""  # the shared result (shared goal) it tracks; blank: the North Star itself
    frequency: str = "Yearly"
    coalitions: tuple[str, ...] = ()  # the coalitions that measure it today
    entry_id: int | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        return D.wording_key(self.name)

    def details(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k not in ("name", "entry_id")}


@dataclass(frozen=True)
class NorthStar:
    statement: str
    population: str = ""
    geography: str = ""
    entry_id: int | None = None


class ResultsError(ValueError):
    """Something the facilitator can fix; the message says what."""


# --- the North Star ---------------------------------------------------------------------

def adopt_north_star(db: str | Path, statement: str, by: str, rationale: str = "",
                     population: str = "", geography: str = "",
                     details: dict[str, Any] | None = None) -> int:
    """Adopt *statement* as the North Star, in place of the one in force (if any)."""
    if not str(statement).strip():
        raise ResultsError("Write the North Star as one sentence about the whole population.")
    about = D.subject("north_star", statement,
                      snapshot={"population": population, "geography": geography})
    decision = D.Decision("adopt", (about,), by, value=statement.strip(), rationale=rationale,
                          details={"population": population, "geography": geography,
                                   **(details or {})})
    old = [e.entry_id for e in D.current(db, "north_star") if e.kind == "adopt"]
    return D.supersede(db, old, decision) if old else D.record(db, decision)


def north_star(db: str | Path) -> NorthStar | None:
    """The North Star in force, or None before one is adopted."""
    adopted = [e for e in D.current(db, "north_star") if e.kind == "adopt"]
    if not adopted:
        return None
    entry = adopted[-1]
    return NorthStar(entry.value or "", entry.details.get("population", ""),
                     entry.details.get("geography", ""), entry.entry_id)


# --- shared indicators --------------------------------------------------------------------

def adopt_indicator(db: str | Path, indicator: SharedIndicator, by: str,
                    rationale: str = "") -> int:
    """Adopt (or revise) one shared indicator; at most MAX_INDICATORS are in force."""
    _check(indicator)
    indicator = _with_coalitions(db, indicator)
    in_force = {i.key: i for i in shared_indicators_list(db)}
    if indicator.key not in in_force and len(in_force) >= MAX_INDICATORS:
        raise ResultsError(f"The North Star already has {MAX_INDICATORS} shared indicators; "
                           "retire one before adopting another (a few indicators the room "
                           "watches together beat many nobody watches).")
    subjects = [D.subject("shared_indicator", indicator.name, snapshot=indicator.details())]
    if indicator.origin == FROM_CROSSWALK and indicator.crosswalk_indicator:
        subjects.append(D.subject("indicator", indicator.crosswalk_indicator))
    decision = D.Decision("adopt", tuple(subjects), by, value=indicator.name.strip(),
                          rationale=rationale, details=indicator.details())
    old = in_force.get(indicator.key)
    if old is not None and old.entry_id is not None:
        return D.supersede(db, old.entry_id, decision)
    return D.record(db, decision)


def _with_coalitions(db: str | Path, indicator: SharedIndicator) -> SharedIndicator:
    """An indicator from the crosswalk names the coalitions measuring it today."""
    if indicator.origin != FROM_CROSSWALK or indicator.coalitions:
        return indicator
    candidates = crosswalk_indicators(db)
    key = D.wording_key(indicator.crosswalk_indicator or indicator.name)
    found = candidates[candidates["indicator_key"] == key]
    if found.empty:
        raise ResultsError(f"'{indicator.crosswalk_indicator or indicator.name}' is not an "
                           "indicator of any loaded checklist's goals: adopt it as new, or "
                           "check its wording against the crosswalk.")
    return replace(indicator, coalitions=tuple(found.iloc[0]["coalitions"]))


def retire_indicator(db: str | Path, name: str, by: str, rationale: str = "") -> int:
    for indicator in shared_indicators_list(db):
        if indicator.key == D.wording_key(name):
            return D.withdraw(db, indicator.entry_id, by, rationale)
    raise ResultsError(f"'{name}' is not a shared indicator in force.")


def _check(indicator: SharedIndicator) -> None:
    if not indicator.name.strip():
        raise ResultsError("Name the indicator as the indicator-data files will name it.")
    if indicator.polarity not in (HIGHER, LOWER):
        raise ResultsError(f"Say whether higher or lower is better: '{HIGHER}' or '{LOWER}'.")
    if indicator.origin not in (FROM_CROSSWALK, NEW):
        raise ResultsError(f"An indicator comes from the '{FROM_CROSSWALK}' or is '{NEW}'.")
    for value_name, year_name in (("baseline_value", "baseline_year"),
                                  ("target_value", "target_year")):
        if (getattr(indicator, value_name) is None) != (getattr(indicator, year_name) is None):
            raise ResultsError(f"Give the {value_name.split('_')[0]} with its year, or neither.")
    if (indicator.baseline_year and indicator.target_year
            and indicator.target_year <= indicator.baseline_year):
        raise ResultsError("The target year comes after the baseline year.")


_KNOWN = {f.name for f in fields(SharedIndicator)}


def shared_indicators_list(db: str | Path) -> list[SharedIndicator]:
    """The shared indicators in force, in the order they were adopted."""
    found = []
    for entry in D.current(db, "shared_indicator"):
        if entry.kind != "adopt":
            continue
        details = {k: v for k, v in entry.details.items() if k in _KNOWN}
        details["coalitions"] = tuple(details.get("coalitions") or ())
        found.append(SharedIndicator(name=entry.value or "", entry_id=entry.entry_id, **details))
    return found


INDICATOR_COLUMNS = ["indicator", "unit", "polarity", "data_source", "geography",
                     "baseline_value", "baseline_year", "target_value", "target_year",
                     "frequency", "origin", "crosswalk_indicator", "result", "coalitions",
                     "decision"]


def shared_indicators(db: str | Path) -> pd.DataFrame:
    """One row per shared indicator in force, with the decision that adopted it."""
    rows = [{"indicator": i.name, **{c: getattr(i, c) for c in INDICATOR_COLUMNS[1:-2]},
             "coalitions": ", ".join(i.coalitions), "decision": i.entry_id}
            for i in shared_indicators_list(db)]
    return pd.DataFrame(rows, columns=INDICATOR_COLUMNS)


def indicator_count_note(count: int) -> str | None:
    """What to tell the room when the count is outside 3-5; None when it is fine."""
    if count < MIN_INDICATORS:
        return (f"{numbers.counted(count, 'shared indicator')} so far: pick {MIN_INDICATORS}-{MAX_INDICATORS}, "
                "so no single figure stands for the whole result.")
    return None


def shared_results(db: str | Path) -> list[str]:
    """The shared goals in force (added or combined in the room): the results between the
    North Star and its indicators, in the order they were decided."""
    found = []
    for entry in D.current(db, "shared_goal"):
        if entry.kind in ("add", "combine") and entry.value:
            found.append(entry.value)
    return list(dict.fromkeys(found))


# --- the crosswalk's indicators -----------------------------------------------------------

CROSSWALK_COLUMNS = ["indicator", "indicator_key", "coalitions", "goals", "units", "sources",
                     "baseline", "target", "issue_areas", "populations"]


def crosswalk_indicators(db: str | Path) -> pd.DataFrame:
    """Every indicator the active coalitions' goals track, one row per wording key.

    Shows what differs between coalitions measuring "the same" indicator (units,
    sources, baseline and target years), the candidates the North Star picks from.
    """
    if not Path(db).is_file() or not _has(db, "goals"):
        return pd.DataFrame(columns=CROSSWALK_COLUMNS)
    goals = store.read_table(db, """
        SELECT c.name AS coalition, g.goal_id, g.statement, g.indicator, g.unit, g.data_source,
               g.baseline_value, g.baseline_year, g.target_value, g.target_year,
               g.issue_area, g.population
        FROM goals g JOIN coalitions c ON c.coalition_id = g.coalition_id
        WHERE g.indicator IS NOT NULL AND TRIM(g.indicator) != ''
          AND COALESCE(c.status, 'Active') = 'Active'
        ORDER BY g.goal_row_id""")
    if goals.empty:
        return pd.DataFrame(columns=CROSSWALK_COLUMNS)
    goals["indicator_key"] = goals["indicator"].map(D.wording_key)
    rows = []
    for key, group in goals.groupby("indicator_key", sort=False):
        rows.append({
            "indicator": group["indicator"].iloc[0], "indicator_key": key,
            "coalitions": _distinct(group["coalition"]),
            "goals": [f"{c}: {g}" for c, g in zip(group["coalition"], group["goal_id"])],
            "units": _distinct(group["unit"]), "sources": _distinct(group["data_source"]),
            "baseline": _distinct(_value_year(group, "baseline")),
            "target": _distinct(_value_year(group, "target")),
            "issue_areas": _distinct(group["issue_area"]),
            "populations": _distinct(group["population"])})
    frame = pd.DataFrame(rows, columns=CROSSWALK_COLUMNS)
    frame["measured_by"] = frame["coalitions"].map(len)
    return frame.sort_values(["measured_by", "indicator"], ascending=[False, True],
                             ignore_index=True)


def from_crosswalk(row: pd.Series | dict, polarity: str, target_value: float | None,
                   target_year: int | None, name: str | None = None,
                   geography: str = "", result: str = "") -> SharedIndicator:
    """A shared indicator proposed from a crosswalk row; the room still names the target."""
    units = list(row["units"])
    sources = list(row["sources"])
    baseline = _first_baseline(row)
    return SharedIndicator(
        name=name or row["indicator"], unit=units[0] if units else "",
        polarity=polarity, data_source=sources[0] if sources else "", geography=geography,
        baseline_value=baseline[0], baseline_year=baseline[1], target_value=target_value,
        target_year=target_year, origin=FROM_CROSSWALK, crosswalk_indicator=row["indicator"],
        result=result, coalitions=tuple(row["coalitions"]))


def _first_baseline(row) -> tuple[float | None, int | None]:
    for text in row["baseline"]:
        value, _, year = text.partition(" in ")
        try:
            return float(value), int(year)
        except ValueError:
            continue
    return None, None


def _value_year(group: pd.DataFrame, prefix: str) -> list[str]:
    out = []
    for value, year in zip(group[f"{prefix}_value"], group[f"{prefix}_year"]):
        if pd.notna(value) and pd.notna(year):
            out.append(f"{value:g} in {int(year)}")
    return out


def _distinct(values) -> list[str]:
    return list(dict.fromkeys(str(v) for v in values if v is not None and pd.notna(v)
                              and str(v).strip()))


def _has(db: str | Path, *tables: str) -> bool:
    found = store.read_table(db, "SELECT name FROM sqlite_master WHERE type = 'table'")
    return set(tables) <= set(found["name"])
