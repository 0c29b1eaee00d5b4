"""Subjects in the current load: each found by every key it answers to.

A subject from the checklists is found again by its key, a goal also by its coalition and
goal ID (reworded: changed, not gone), a coalition also by its former names. Writing an
entry takes the snapshot from here; ``review`` compares old snapshots with it.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from typing import Any, Callable

from ..matching.names import normalise_organisation
from .entry import KEY_SEPARATOR, SUBJECT_KINDS, DecisionError, Subject, plain_key, wording_key


@dataclass(frozen=True)
class Found:
    key: str  # the subject's key in this load
    snapshot: dict[str, Any]


def has_table(connection: sqlite3.Connection, name: str) -> bool:
    return connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                              (name,)).fetchone() is not None


def as_decided(connection: sqlite3.Connection, s: Subject) -> Subject:
    """The subject with its key and snapshot as the current load has them.

    Found as ``review_after_load`` finds it, so an entry flagged for review can be
    reconfirmed about the reworded goal or the renamed coalition.
    """
    if not SUBJECT_KINDS[s.kind].loaded:
        return s
    found = found_again(s, load_index(connection, s.kind))
    if found is None:
        raise DecisionError(f"{s.title} is not in the loaded checklists. Check the spelling, "
                            "or load the checklists again if it was added since.")
    return replace(s, key=found.key, snapshot=found.snapshot)


Index = dict[str, list[Found]]  # key -> the subjects found under it, likeliest first


def load_index(connection: sqlite3.Connection, kind: str) -> Index:
    """Every subject of *kind* in the current load, under each key it can be found by."""
    if not has_table(connection, "coalitions"):
        return {}
    return _INDEXES[kind](connection)


def _file(index: Index, key: str, found: Found) -> None:
    if found not in index.setdefault(key, []):
        index[key].append(found)


def _coalition_names(connection: sqlite3.Connection) -> dict[int, tuple[str, list[str]]]:
    """coalition id -> (name, every key it answers to: its name's and its former names')."""
    names = {row["coalition_id"]: (row["name"], [normalise_organisation(row["name"])])
             for row in connection.execute("SELECT coalition_id, name FROM coalitions")}
    for row in connection.execute("SELECT coalition_id, value FROM coalition_former_names"):
        names[row["coalition_id"]][1].append(normalise_organisation(row["value"]))
    return names


COALITION_FIELDS = ("name", "short_name", "status", "merged_into")


def _coalition_index(connection: sqlite3.Connection) -> Index:
    index: Index = {}
    names = _coalition_names(connection)
    rows = connection.execute(f"SELECT coalition_id, {', '.join(COALITION_FIELDS)} "
                              "FROM coalitions ORDER BY coalition_id").fetchall()
    coalitions = [(Found(names[row["coalition_id"]][1][0], {f: row[f] for f in COALITION_FIELDS}),
                   names[row["coalition_id"]][1]) for row in rows]
    for found, keys in coalitions:  # own names first: they win over another's former name
        _file(index, keys[0], found)
    for found, keys in coalitions:
        for key in keys[1:]:
            _file(index, key, found)
    return index


def _organisation_index(connection: sqlite3.Connection) -> Index:
    organisations = {row["organisation_id"]: Found(row["match_key"], {"name": row["name"]})
                     for row in connection.execute("SELECT * FROM organisations")}
    index: Index = {found.key: [found] for found in organisations.values()}
    for row in connection.execute("SELECT spelling, organisation_id FROM organisation_spellings"):
        _file(index, normalise_organisation(row["spelling"]), organisations[row["organisation_id"]])
    return index


GOAL_FIELDS = ("goal_id", "statement", "issue_area", "population", "indicator", "unit",
               "polarity", "baseline_value", "baseline_year", "target_value", "target_year",
               "data_source")
GOAL_ID_MARK = "#"  # goal keys by id: "<coalition> / #G1", for a reworded goal


def _goal_id_key(coalition_key: str, goal_id: object) -> str:
    return coalition_key + KEY_SEPARATOR + GOAL_ID_MARK + str(goal_id).upper()


def _goal_index(connection: sqlite3.Connection) -> Index:
    names = _coalition_names(connection)
    index: Index = {}
    for row in connection.execute(f"SELECT coalition_id, {', '.join(GOAL_FIELDS)} FROM goals "
                                  "ORDER BY goal_row_id"):
        name, coalition_keys = names[row["coalition_id"]]
        found = Found(coalition_keys[0] + KEY_SEPARATOR + wording_key(row["statement"]),
                       {"coalition": name, **{f: row[f] for f in GOAL_FIELDS}})
        for coalition_key in coalition_keys:
            _file(index, coalition_key + KEY_SEPARATOR + wording_key(row["statement"]), found)
            _file(index, _goal_id_key(coalition_key, row["goal_id"]), found)
    return index


STRATEGY_FIELDS = ("strategy", "strategy_type", "issue_area", "status")


def _strategy_index(connection: sqlite3.Connection) -> Index:
    names = _coalition_names(connection)
    serves: dict[int, list[str]] = {}
    for row in connection.execute("SELECT sg.strategy_id, g.goal_id FROM strategy_goals sg "
                                  "JOIN goals g ON g.goal_row_id = sg.goal_row_id"):
        serves.setdefault(row["strategy_id"], []).append(row["goal_id"])
    index: Index = {}
    for row in connection.execute("SELECT * FROM strategies ORDER BY strategy_id"):
        name, coalition_keys = names[row["coalition_id"]]
        found = Found(coalition_keys[0] + KEY_SEPARATOR + wording_key(row["strategy"]),
                       {"coalition": name,
                        "serves_goals": sorted(serves.get(row["strategy_id"], [])),
                        **{f: row[f] for f in STRATEGY_FIELDS}})
        for coalition_key in coalition_keys:
            _file(index, coalition_key + KEY_SEPARATOR + wording_key(row["strategy"]), found)
    return index


def _indicator_index(connection: sqlite3.Connection) -> Index:
    measured: dict[str, tuple[str, set[str]]] = {}
    for row in connection.execute(
            "SELECT g.indicator, c.name FROM goals g JOIN coalitions c ON c.coalition_id = "
            "g.coalition_id WHERE g.indicator IS NOT NULL ORDER BY g.goal_row_id"):
        key = wording_key(row["indicator"])
        if key:
            measured.setdefault(key, (row["indicator"], set()))[1].add(row["name"])
    return {key: [Found(key, {"indicator": first, "coalitions": sorted(coalitions)})]
            for key, (first, coalitions) in measured.items()}


_INDEXES: dict[str, Callable[[sqlite3.Connection], Index]] = {
    "coalition": _coalition_index, "organisation": _organisation_index, "goal": _goal_index,
    "strategy": _strategy_index, "indicator": _indicator_index}


def found_again(s: Subject, index: Index) -> Found | None:
    candidates = index.get(s.key, [])
    goal_id = (s.snapshot or {}).get("goal_id") if s.kind == "goal" else None
    if not candidates and goal_id:
        coalition_key = s.key.split(KEY_SEPARATOR, 1)[0]
        candidates = index.get(_goal_id_key(coalition_key, goal_id), [])
    return max(candidates, key=lambda found: _likeness(s, found, goal_id), default=None)


def _likeness(s: Subject, found: Found, goal_id: str | None) -> tuple[bool, bool]:
    """Among subjects under one key (two goals of a coalition worded alike), the one meant:
    the same goal ID, then the same words as typed. max() keeps the first of equals."""
    text = SUBJECT_KINDS[s.kind].text
    wanted = (s.snapshot or {}).get(text) or (s.typed[-1] if s.typed else None)
    same_id = goal_id is not None and \
        str(found.snapshot.get("goal_id")).upper() == str(goal_id).upper()
    return same_id, wanted is not None and plain_key(found.snapshot.get(text)) == plain_key(wanted)
