"""The agreement map: who can live with which option, who blocks, and what would be conceded.

Everything is computed from one stances frame (``stances.stances``: coalition, parameter,
option, stance, reason) and the options offered (``options.OptionLists.table``), so a
notebook redraws it without touching the database.

* ``matrix``: parameter x option x coalition, the stance in each cell ("" = no stance);
* ``per_option``: how many can live with it, who blocks and why, accepted by all;
* ``closest_to_consensus``: per parameter, the option set closest to consensus and, under
  it, what each coalition concedes (``concessions``);
* ``like_minded``: coalitions that think alike, grouped by average-linkage clustering, with
  its caveats (``CLUSTER_CAVEATS``): with a room of 5-25 coalitions, read the stances;
* ``record_agreed``: an agreed option into the decision log, with rule, round, dissent, who.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from ... import decisions
from ... import schema as S
from .options import PARAMETERS

CAN_LIVE = S.STANCES[:3]  # must have, prefer, can accept
SUPPORT = S.STANCES[:2]  # must have, prefer
NO_STANCE = ""
# Stance as a number for comparing coalitions: must have 3 ... cannot accept 0.
STANCE_SCORE = {stance: float(len(S.STANCES) - 1 - rank) for rank, stance in enumerate(S.STANCES)}


def _coalitions(stances: pd.DataFrame, coalitions: Sequence[str] | None) -> list[str]:
    return list(coalitions) if coalitions is not None else sorted(set(stances["coalition"]))


def matrix(stances: pd.DataFrame, options: pd.DataFrame,
           coalitions: Sequence[str] | None = None) -> pd.DataFrame:
    """Rows (parameter, option) in the order offered, a column per coalition, the stance."""
    names = _coalitions(stances, coalitions)
    index = pd.MultiIndex.from_frame(options[["parameter", "option"]])
    wide = stances.pivot_table(index=["parameter", "option"], columns="coalition",
                               values="stance", aggfunc="last")
    return wide.reindex(index=index, columns=names).fillna(NO_STANCE)


def per_option(stances: pd.DataFrame, options: pd.DataFrame,
               coalitions: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per option offered.

    can_live: coalitions whose stance is must have, prefer or can accept; blocks and
    blockers ("Coalition: reason"); no_stance: coalitions that have not said; accepted_by_all:
    every coalition has said and none blocks (a silent coalition is not counted as consent).
    """
    names = _coalitions(stances, coalitions)
    known = stances[stances["coalition"].isin(names)]
    keys = ["parameter", "option"]
    counts = pd.crosstab([known["parameter"], known["option"]], known["stance"])
    counts = counts.reindex(columns=list(S.STANCES), fill_value=0)
    blocks = known[known["stance"] == S.CANNOT_ACCEPT].sort_values("coalition")
    blockers: dict[tuple[str, str], list[str]] = {}
    for p, o, c, r in zip(blocks["parameter"], blocks["option"], blocks["coalition"],
                          blocks["reason"]):
        blockers.setdefault((p, o), []).append(f"{c}: {r}" if isinstance(r, str) and r else c)
    table = options[[*keys, "parameter_title", "meaning"]].merge(
        counts.reset_index(), on=keys, how="left").fillna({s: 0 for s in S.STANCES})
    for stance in S.STANCES:
        table[stance] = table[stance].astype(int)
    table["can_live"] = table[list(CAN_LIVE)].sum(axis=1)
    table["support"] = table[list(SUPPORT)].sum(axis=1)
    table["blocks"] = table[S.CANNOT_ACCEPT]
    table["no_stance"] = len(names) - table["can_live"] - table["blocks"]
    table["blockers"] = [blockers.get((p, o), []) for p, o in zip(table["parameter"],
                                                                  table["option"])]
    table["accepted_by_all"] = (table["can_live"] == len(names)) & (len(names) > 0)
    table["coalitions"] = len(names)
    return table


@dataclass(frozen=True)
class Consensus:
    """Per parameter: the options closest to consensus (``sets``); per parameter and
    coalition, what it concedes under them (``concessions``)."""
    sets: pd.DataFrame
    concessions: pd.DataFrame


def closest_to_consensus(stances: pd.DataFrame, options: pd.DataFrame,
                         coalitions: Sequence[str] | None = None,
                         table: pd.DataFrame | None = None) -> Consensus:
    """The set closest to consensus: the options accepted by all; failing those, the options
    nobody blocks that someone can live with (``silent`` says how many have not said); if
    every option anyone spoke on is blocked, the one with fewest blocks, then the most who
    can live with it, then the most support, then the order offered. An option nobody has
    spoken on is never proposed: silence is not consent. No stances at all: an empty set."""
    names = _coalitions(stances, coalitions)
    if table is None:  # a redraw that has the per-option table already passes it
        table = per_option(stances, options, names)
    rows = []
    for parameter, group in table.groupby("parameter", sort=False):
        unblocked = group[group["accepted_by_all"]]
        if unblocked.empty:
            unblocked = group[(group["blocks"] == 0) & (group["can_live"] > 0)]
        if unblocked.empty:  # every option someone spoke on is blocked; unheard ones wait
            heard = group[group["can_live"] + group["blocks"] > 0]
            unblocked = heard.sort_values(["blocks", "can_live", "support"],
                                          ascending=[True, False, False], kind="stable").head(1)
        rows.append({"parameter": parameter, "parameter_title": group["parameter_title"].iloc[0],
                     "options": unblocked["option"].tolist(),
                     "blocks_left": int(unblocked["blocks"].sum()),
                     "accepted_by_all": bool(unblocked["accepted_by_all"].all()),
                     "silent": int(unblocked["no_stance"].max()) if len(unblocked) else 0})
    sets = pd.DataFrame(rows, columns=["parameter", "parameter_title", "options", "blocks_left",
                                       "accepted_by_all", "silent"])
    return Consensus(sets, concessions(stances, sets, names))


KINDS_CONCEDED = ("gives_up", "overridden", "without_preference")


def concessions(stances: pd.DataFrame, sets: pd.DataFrame,
                coalitions: Sequence[str]) -> pd.DataFrame:
    """Per parameter and coalition, under the chosen options: must haves given up, blocks
    overridden (with the reason), preferences left out; "nothing" when none."""
    chosen = {p: set(o) for p, o in zip(sets["parameter"], sets["options"])}
    # Plain lists: a room's few thousand stances go faster than pandas' group iteration.
    listed: dict[tuple[str, str], dict[str, list[str]]] = {}
    for parameter, coalition, option, stance, reason in zip(
            stances["parameter"].tolist(), stances["coalition"].tolist(),
            stances["option"].tolist(), stances["stance"].tolist(), stances["reason"].tolist()):
        if parameter not in chosen:
            continue
        inside = option in chosen[parameter]
        kind = ("gives_up" if stance == "Must have" and not inside else
                "overridden" if stance == S.CANNOT_ACCEPT and inside else
                "without_preference" if stance == "Prefer" and not inside else None)
        if kind is not None:
            shown = f"{option} ({reason})" if kind == "overridden" and isinstance(
                reason, str) and reason else option
            listed.setdefault((parameter, coalition), {k: [] for k in KINDS_CONCEDED})[
                kind].append(shown)
    rows = []
    for parameter in sets["parameter"]:
        for coalition in coalitions:
            entry = listed.get((parameter, coalition)) or {k: [] for k in KINDS_CONCEDED}
            rows.append({"parameter": parameter, "coalition": coalition, **entry,
                         "concedes": _concession_text(entry)})
    return pd.DataFrame(rows, columns=["parameter", "coalition", "gives_up", "overridden",
                                       "without_preference", "concedes"])


def _concession_text(entry: dict[str, list[str]]) -> str:
    parts = []
    if entry["gives_up"]:
        parts.append("gives up its must have: " + ", ".join(entry["gives_up"]))
    if entry["overridden"]:
        parts.append("accepts what it said it cannot: " + ", ".join(entry["overridden"]))
    if entry["without_preference"]:
        parts.append("does without its preference: " + ", ".join(entry["without_preference"]))
    return "; ".join(parts) or "nothing"


# --- coalitions that think alike -----------------------------------------------------

CLUSTER_CAVEATS = (
    "Groups are a reading aid, not a finding: with a few coalitions, one changed stance can "
    "move a coalition to another group.",
    "Two coalitions are compared only on options both gave a stance on; a pair with none in "
    "common counts as unlike.",
    "The distance treats the four stances as evenly spaced (must have 3 ... cannot accept 0), "
    "which they are not quite.",
    "Opinion-clustering tools need many voters; in a room of 5-25 coalitions, read the stances "
    "themselves before the groups.",
)


def like_minded(stances: pd.DataFrame, coalitions: Sequence[str] | None = None,
                threshold: float = 0.25) -> pd.DataFrame:
    """coalition, group (1 = the largest), members: average-linkage clusters of coalitions
    whose stances differ on average by at most *threshold* of the scale (0 = identical)."""
    names = _coalitions(stances, coalitions)
    distances = stance_distances(stances, names)
    groups = _average_linkage(distances, threshold)
    ordered = sorted(groups, key=lambda g: (-len(g), min(g)))
    rows = [{"coalition": names[i], "group": number, "members": len(group)}
            for number, group in enumerate(ordered, start=1) for i in sorted(group)]
    return pd.DataFrame(rows, columns=["coalition", "group", "members"])


def stance_distances(stances: pd.DataFrame, names: Sequence[str]) -> np.ndarray:
    """Mean absolute difference of stance scores over options both coalitions answered,
    divided by the scale's span (0..1); 1 for a pair with nothing in common."""
    keyed = stances.assign(key=stances["parameter"] + "\x1f" + stances["option"],
                           score=stances["stance"].map(STANCE_SCORE))
    wide = keyed.pivot_table(index="coalition", columns="key", values="score", aggfunc="last")
    scores = wide.reindex(index=list(names)).to_numpy(dtype=float)
    answered = ~np.isnan(scores)
    filled = np.nan_to_num(scores)
    both = answered[:, None, :] & answered[None, :, :]
    difference = np.abs(filled[:, None, :] - filled[None, :, :]) * both
    shared = both.sum(axis=2)
    span = max(STANCE_SCORE.values())
    with np.errstate(invalid="ignore", divide="ignore"):
        distance = np.where(shared > 0, difference.sum(axis=2) / np.maximum(shared, 1) / span, 1.0)
    np.fill_diagonal(distance, 0.0)
    return distance


def _average_linkage(distance: np.ndarray, threshold: float) -> list[set[int]]:
    """Merge the two closest groups while they are within *threshold*; the distance between
    groups is the mean of their members' (kept up to date by the Lance-Williams rule)."""
    groups: dict[int, set[int]] = {i: {i} for i in range(len(distance))}
    between = distance.astype(float).copy()
    np.fill_diagonal(between, np.inf)
    while len(groups) > 1:
        a, b = np.unravel_index(np.argmin(between), between.shape)
        if between[a, b] > threshold:
            break
        a, b = min(a, b), max(a, b)
        size_a, size_b = len(groups[a]), len(groups[b])
        merged = (size_a * between[a] + size_b * between[b]) / (size_a + size_b)
        between[a], between[:, a] = merged, merged
        between[a, a] = np.inf
        between[b], between[:, b] = np.inf, np.inf
        groups[a] |= groups.pop(b)
    return list(groups.values())


# --- recording an agreed option -------------------------------------------------------

def record_agreed(db: str | Path, parameter: str, option: str | Sequence[str], rule: str,
                  round_id: int,
                  by: str, stances: pd.DataFrame | None = None,
                  dissent: Sequence[str] | None = None, rationale: str = "") -> int:
    """Record that the room agreed *option* for *parameter*; returns the entry's number.

    Several options (an issue focus of three issues) are recorded as one value, "A; B".
    Dissent defaults to the coalitions that could not accept an agreed option in that
    round's stances (with their reasons), so a block never vanishes from the record.
    """
    agreed = [option] if isinstance(option, str) else list(option)
    if parameter not in PARAMETERS:
        raise decisions.DecisionError(f"'{parameter}' is not an umbrella parameter; use one "
                                      f"of: {', '.join(PARAMETERS)}.")
    if not str(rule or "").strip():
        raise decisions.DecisionError("Say which decision rule was used, e.g. 'Consensus'.")
    if dissent is None:
        dissent = []
        if stances is not None:
            blocked = stances[(stances["parameter"] == parameter)
                              & stances["option"].isin(agreed)
                              & (stances["stance"] == S.CANNOT_ACCEPT)]
            dissent = [f"{c} on {o}: {r}" if isinstance(r, str) and r else f"{c} on {o}"
                       for c, o, r in zip(blocked["coalition"], blocked["option"],
                                          blocked["reason"])]
    title = PARAMETERS[parameter].title
    decision = decisions.Decision(
        "agree", (decisions.subject("umbrella_parameter", title,
                                    snapshot={"parameter": parameter}),),
        by, value="; ".join(agreed), rationale=rationale,
        details={"decision_rule": rule, "round": int(round_id), "dissent": list(dissent)})
    return decisions.record(db, decision)
