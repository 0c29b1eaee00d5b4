"""Turn the curve: per shared indicator, its history, the "if nothing changes" trend, the
target, subgroup lines where the data have them, and the four prompts the room answers.

``curve_data`` gathers the figures (from the ``indicator_data`` table; the chart is
``results_figures.curve_chart``), and the ``save_*`` functions and ``prompts``
keep the story behind the curve, the partners (each with a role), what works (with a
no- or low-cost idea) and the action plan, in the append-only results journal.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from ... import decisions as D
from ... import indicators as I
from ... import schema as S
from . import forecast as F
from . import journal
from .northstar import LOWER, SharedIndicator

EVERYONE = S.WHOLE_POPULATION
TREND_SERIES = "If nothing changes (trend)"
TARGET_SERIES = "Target"
HISTORY, TREND, TARGET = "history", "trend", "target"
MAX_SUBGROUP_LINES = 6  # beyond that, lines tangle: the table has the rest


@dataclass
class CurveData:
    indicator: SharedIndicator
    history: pd.DataFrame  # year, value, subgroup, source (the chosen geography only)
    trend: F.Trend | None  # fitted on everyone's history
    forecast: pd.DataFrame  # year, value
    geography: str

    @property
    def subgroups(self) -> list[str]:
        return [g for g in dict.fromkeys(self.history["subgroup"]) if g != EVERYONE]

    @property
    def latest(self) -> tuple[int, float] | None:
        everyone = self.everyone.dropna(subset=["value"])
        if everyone.empty:
            return None
        last = everyone.iloc[-1]
        return int(last["year"]), float(last["value"])

    @property
    def everyone(self) -> pd.DataFrame:
        return self.history[self.history["subgroup"] == EVERYONE].sort_values("year")

    @property
    def sources(self) -> list[str]:
        return [s for s in dict.fromkeys(self.history["source"].dropna()) if str(s).strip()]


def curve_data(db: str | Path, indicator: SharedIndicator, method: str = F.THEIL_SEN,
               geography: str = S.WHOLE_COMMUNITY, data: pd.DataFrame | None = None) -> CurveData:
    """The figures of one indicator's chart; *data* is ``indicators.history(db)`` if given."""
    every = I.history(db) if data is None else data
    mine = every[(every["indicator_key"] == indicator.key)
                 & (every["geography"].fillna(S.WHOLE_COMMUNITY).str.casefold()
                    == geography.casefold())]
    history = mine[["year", "value", "subgroup", "source", "unit"]].copy()
    history["subgroup"] = history["subgroup"].fillna(EVERYONE)
    history = history.sort_values(["subgroup", "year"], ignore_index=True)
    everyone = history[history["subgroup"] == EVERYONE]
    trend = F.fit(everyone["year"], everyone["value"], method)
    horizon = indicator.target_year or (trend.last_year + 5 if trend else None)
    future = (F.forecast(trend, horizon, indicator.unit or None) if trend and horizon
              else pd.DataFrame(columns=["year", "value"]))
    return CurveData(indicator, history, trend, future, geography)


def curve_frame(curve: CurveData) -> pd.DataFrame:
    """Everything the chart draws, one row per point: year, value, series, kind."""
    parts = []
    history = curve.history.dropna(subset=["value"])
    subgroups = curve.subgroups[:MAX_SUBGROUP_LINES]
    for series in [EVERYONE, *subgroups]:
        rows = history[history["subgroup"] == series]
        parts.append(pd.DataFrame({"year": rows["year"], "value": rows["value"],
                                   "series": series_name(series), "kind": HISTORY}))
    if not curve.forecast.empty:
        parts.append(curve.forecast.assign(series=TREND_SERIES, kind=TREND))
    ind = curve.indicator
    if ind.target_value is not None and ind.target_year is not None:
        parts.append(pd.DataFrame({"year": [ind.target_year], "value": [ind.target_value],
                                   "series": [TARGET_SERIES], "kind": [TARGET]}))
    frame = pd.concat([p for p in parts if not p.empty], ignore_index=True) if any(
        not p.empty for p in parts) else pd.DataFrame(columns=["year", "value", "series", "kind"])
    frame["year"] = frame["year"].astype(int)
    frame["value"] = frame["value"].astype(float)
    return frame


def series_name(subgroup: str) -> str:
    return "Everyone" if subgroup == EVERYONE else subgroup


def direction_note(curve: CurveData) -> str | None:
    """Whether the trend heads for the target; the sentence the room reads first."""
    ind, trend = curve.indicator, curve.trend
    if trend is None or ind.target_value is None or ind.target_year is None:
        return None
    projected = F.forecast(trend, ind.target_year, ind.unit or None)["value"].iloc[-1]
    better = projected <= ind.target_value if ind.polarity == LOWER else (
        projected >= ind.target_value)
    shown = f"{projected:,.1f}".rstrip("0").rstrip(".")
    return (f"If nothing changes, about {shown} by {ind.target_year}: "
            + ("the target would be met." if better else
               f"short of the target of {ind.target_value:g}; this is the curve to turn."))


SUMMARY_COLUMNS = ["indicator", "polarity", "unit", "baseline", "latest", "target",
                   "if_nothing_changes", "method"]


def curve_summary(db: str | Path, indicators: Sequence[SharedIndicator],
                  method: str = F.THEIL_SEN) -> pd.DataFrame:
    """One line per shared indicator: baseline, latest, target and where the trend heads."""
    data = I.history(db)
    rows = []
    for indicator in indicators:
        curve = curve_data(db, indicator, method, data=data)
        latest = curve.latest
        rows.append({
            "indicator": indicator.name, "polarity": indicator.polarity, "unit": indicator.unit,
            "baseline": _point(indicator.baseline_value, indicator.baseline_year),
            "latest": _point(latest[1], latest[0]) if latest else "",
            "target": _point(indicator.target_value, indicator.target_year),
            "if_nothing_changes": direction_note(curve) or "",
            "method": curve.trend.description() if curve.trend else ""})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def _point(value, year) -> str:
    if value is None:
        return ""
    return f"{value:g}" + (f" ({year})" if year else "")


BASELINE_COLUMNS = ["indicator", "subgroup", "baseline_year", "baseline", "latest_year",
                    "latest", "change", "gap_to_everyone"]


def baseline_report(db: str | Path, indicators: Sequence[SharedIndicator],
                    geography: str = S.WHOLE_COMMUNITY) -> pd.DataFrame:
    """The baseline broken down by subgroup, as cradle-to-career partnerships ask for it
    early: each subgroup's figure in the baseline year and the latest year, its change,
    and its gap to everyone in the latest year (negative: behind, whatever the polarity)."""
    data = I.history(db)
    rows = []
    for indicator in indicators:
        curve = curve_data(db, indicator, data=data, geography=geography)
        history = curve.history.dropna(subset=["value"])
        if history.empty:
            continue
        everyone_latest = curve.latest
        sign = -1 if indicator.polarity == LOWER else 1
        for subgroup in [EVERYONE, *curve.subgroups]:
            mine = history[history["subgroup"] == subgroup].set_index("year")["value"]
            if mine.empty:
                continue
            base_year = (indicator.baseline_year if indicator.baseline_year in mine.index
                         else int(mine.index.min()))
            last_year = int(mine.index.max())
            gap = (sign * (mine[last_year] - everyone_latest[1])
                   if everyone_latest and everyone_latest[0] == last_year else None)
            rows.append({"indicator": indicator.name, "subgroup": series_name(subgroup),
                         "baseline_year": base_year, "baseline": mine[base_year],
                         "latest_year": last_year, "latest": mine[last_year],
                         "change": round(mine[last_year] - mine[base_year], 3),
                         "gap_to_everyone": None if gap is None else round(gap, 3)})
    return pd.DataFrame(rows, columns=BASELINE_COLUMNS)


# --- the four prompts -----------------------------------------------------------------

PROMPT_KIND = "curve_prompt"
STORY, PARTNERS, WHAT_WORKS, ACTION_PLAN = "story", "partners", "what_works", "action_plan"
PROMPTS = {
    STORY: "Story behind the curve",
    PARTNERS: "Partners, with their roles",
    WHAT_WORKS: "What works (with a no- or low-cost idea)",
    ACTION_PLAN: "Action plan",
}


def _prompt_key(indicator: str, prompt: str) -> str:
    return f"{D.wording_key(indicator)}::{prompt}"


def save_story(db: str | Path, indicator: str, text: str, by: str) -> int:
    return _save(db, indicator, STORY, {"text": text.strip()}, by)


def save_partners(db: str | Path, indicator: str, partners: Sequence[tuple[str, str]],
                  by: str) -> int:
    """Each partner with its role, e.g. ("County library system", "runs summer reading")."""
    cleaned = [(str(p).strip(), str(r).strip()) for p, r in partners if str(p).strip()]
    missing = [p for p, r in cleaned if not r]
    if missing:
        raise ValueError("Give each partner a role (what they would do): " + ", ".join(missing))
    return _save(db, indicator, PARTNERS,
                 {"partners": [{"partner": p, "role": r} for p, r in cleaned]}, by)


def save_what_works(db: str | Path, indicator: str, ideas: Sequence[str], low_cost_idea: str,
                    by: str) -> int:
    if not str(low_cost_idea).strip():
        raise ValueError("Name at least one no- or low-cost idea: something the partners "
                         "could start next month without new money.")
    return _save(db, indicator, WHAT_WORKS,
                 {"ideas": [str(i).strip() for i in ideas if str(i).strip()],
                  "low_cost_idea": str(low_cost_idea).strip()}, by)


def save_action_plan(db: str | Path, indicator: str, steps: Sequence[dict[str, Any]],
                     by: str) -> int:
    """Steps as dicts with ``what``, ``who`` and ``by_when``."""
    kept = [{"what": str(s.get("what", "")).strip(), "who": str(s.get("who", "")).strip(),
             "by_when": str(s.get("by_when", "")).strip()} for s in steps]
    kept = [s for s in kept if s["what"]]
    return _save(db, indicator, ACTION_PLAN, {"steps": kept}, by)


def _save(db: str | Path, indicator: str, prompt: str, payload: dict, by: str) -> int:
    return journal.write(db, PROMPT_KIND, _prompt_key(indicator, prompt),
                         {"indicator": indicator, "prompt": prompt, **payload}, by)


def prompt_text(payload: dict[str, Any]) -> str:
    """One prompt's answer as the workbook and the handout show it."""
    prompt = payload.get("prompt")
    if prompt == PARTNERS:
        return "\n".join(f"{p['partner']}: {p['role']}" for p in payload.get("partners", []))
    if prompt == WHAT_WORKS:
        lines = [f"• {i}" for i in payload.get("ideas", [])]
        return "\n".join([*lines, f"No- or low-cost: {payload.get('low_cost_idea', '')}"])
    if prompt == ACTION_PLAN:
        return "\n".join(f"{n}. {s['what']}" + (f" ({s['who']}" if s["who"] else "")
                         + (f", by {s['by_when']}" if s["by_when"] else "")
                         + (")" if s["who"] else "")
                         for n, s in enumerate(payload.get("steps", []), start=1))
    return payload.get("text", "")


PROMPT_COLUMNS = ["indicator", "prompt", "answer", "written_by", "written_at", "revisions"]


def prompts(db: str | Path, indicator: str | None = None) -> pd.DataFrame:
    """The answers in force, one row per indicator and prompt (blank prompts included when
    *indicator* is given, so the room sees what is still to answer)."""
    every = journal.notes(db, PROMPT_KIND)
    revisions: dict[str, int] = {}
    for note in every:
        revisions[note.key] = revisions.get(note.key, 0) + 1
    rows = []
    for key, note in journal.in_force(db, PROMPT_KIND).items():
        if indicator is not None and not key.startswith(D.wording_key(indicator) + "::"):
            continue
        rows.append({"indicator": note.payload["indicator"],
                     "prompt": PROMPTS[note.payload["prompt"]],
                     "answer": prompt_text(dict(note.payload)), "written_by": note.by,
                     "written_at": note.at.isoformat(timespec="minutes"),
                     "revisions": revisions[key]})
    if indicator is not None:
        answered = {r["prompt"] for r in rows}
        rows += [{"indicator": indicator, "prompt": title, "answer": "", "written_by": "",
                  "written_at": "", "revisions": 0}
                 for title in PROMPTS.values() if title not in answered]
        order = list(PROMPTS.values())
        rows.sort(key=lambda r: order.index(r["prompt"]))
    return pd.DataFrame(rows, columns=PROMPT_COLUMNS)


HISTORY_COLUMNS = ["prompt", "revision", "answer", "written_by", "written_at", "in_force"]


def prompt_history(db: str | Path, indicator: str) -> pd.DataFrame:
    """Every version of *indicator*'s four answers, newest first within each prompt, so the
    room can see how the story behind the curve changed between meetings."""
    order = list(PROMPTS)
    rows = []
    for prompt in order:
        versions = journal.history(db, PROMPT_KIND, _prompt_key(indicator, prompt))
        for number, note in reversed(list(enumerate(versions, start=1))):
            rows.append({"prompt": PROMPTS[prompt], "revision": number,
                         "answer": prompt_text(dict(note.payload)), "written_by": note.by,
                         "written_at": note.at.isoformat(timespec="minutes"),
                         "in_force": number == len(versions)})
    return pd.DataFrame(rows, columns=HISTORY_COLUMNS)
