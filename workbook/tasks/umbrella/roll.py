"""Who is at the umbrella table, and who has answered a round of stances.

A coalition is at the table once the facilitator gave it a code (``stances.give_code``) or
once its stances came in any way (web, Excel, entered live). Coalitions are not anonymous in
task 4: the room sees stances by coalition, so the facilitator's page names who has answered
and who has not. One coalition typed with other case or spacing is one coalition, shown under
its first spelling (as ``stances`` stores it).
"""
from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pandas as pd

from ...decisions import plain_key
from ...store import read_table
from ..database import has_table
from . import stances as T

ROLL_COLUMNS = ["coalition", "codes", "answered", "stances", "last_answer_at", "channels"]


def _rows(db: str | Path, query: str, parameters: tuple = ()) -> list[dict]:
    with closing(T.connect(db)) as connection:
        return [dict(r) for r in connection.execute(query, parameters)]


def _active_codes(db: str | Path) -> list[dict]:
    """(coalition, code_id) of codes not withdrawn; a code withdrawn on /room/access no
    longer counts (access_codes lives in the same database when the room runs)."""
    with closing(T.connect(db)) as connection:
        has_access = connection.execute("SELECT 1 FROM sqlite_master WHERE name = "
                                        "'access_codes'").fetchone() is not None
        query = ("SELECT u.coalition, u.code_id FROM umbrella_codes u "
                 + ("LEFT JOIN access_codes a ON a.code_id = u.code_id "
                    "WHERE a.revoked_at IS NULL " if has_access else "")
                 + "ORDER BY u.rowid")
        return [dict(r) for r in connection.execute(query)]


def coalitions(db: str | Path) -> list[str]:
    """Every coalition at the table, by name: given a code, or answered in any round."""
    if not Path(db).is_file():
        return []
    named = _rows(db, "SELECT coalition FROM umbrella_codes UNION ALL "
                      "SELECT coalition FROM umbrella_submissions")
    return sorted(_spellings(r["coalition"] for r in named).values(), key=str.casefold)


def _spellings(names) -> dict[str, str]:
    """plain key -> the first spelling seen."""
    first: dict[str, str] = {}
    for name in names:
        first.setdefault(plain_key(name), name)
    return first


def roll_call(db: str | Path, round_id: int | None = None) -> pd.DataFrame:
    """One row per coalition at the table: active codes it holds, whether it answered round
    *round_id* (default: the current round), how many stances count for it there, when it
    last answered and through which channels (web, excel, live). Unanswered first, then by
    name: the facilitator looks for who is still missing."""
    if not Path(db).is_file():
        return pd.DataFrame(columns=ROLL_COLUMNS)
    round_id = round_id if round_id is not None else T.current_round(db)
    names = coalitions(db)
    key_of = {plain_key(n): n for n in names}
    codes: dict[str, int] = {}
    for row in _active_codes(db):
        name = key_of.get(plain_key(row["coalition"]))
        if name is not None:
            codes[name] = codes.get(name, 0) + 1
    sent = _rows(db, "SELECT coalition, channel, submitted_at FROM umbrella_submissions "
                     "WHERE round_id = ? ORDER BY submission_id", (round_id,)) \
        if round_id is not None else []
    last: dict[str, str] = {}
    channels: dict[str, list[str]] = {}
    for row in sent:
        name = key_of.get(plain_key(row["coalition"]), row["coalition"])
        last[name] = row["submitted_at"]
        channels.setdefault(name, [])
        if row["channel"] not in channels[name]:
            channels[name].append(row["channel"])
    counted = T.stances(db, round_id) if round_id is not None else pd.DataFrame(
        columns=T.STANCE_COLUMNS)
    per_coalition = counted.groupby(counted["coalition"].map(
        lambda c: key_of.get(plain_key(c), c))).size().to_dict() if len(counted) else {}
    rows = [{"coalition": name, "codes": codes.get(name, 0), "answered": name in last,
             "stances": int(per_coalition.get(name, 0)), "last_answer_at": last.get(name, ""),
             "channels": ", ".join(channels.get(name, []))} for name in names]
    frame = pd.DataFrame(rows, columns=ROLL_COLUMNS)
    order = frame.assign(_key=frame["coalition"].str.casefold()).sort_values(
        ["answered", "_key"], kind="stable")
    return order.drop(columns="_key").reset_index(drop=True)


def known_spelling(db: str | Path, typed: str) -> str:
    """*typed* as the table already spells that coalition, else as typed (trimmed)."""
    return _spellings([*coalitions(db)]).get(plain_key(typed), " ".join(str(typed).split()))


def from_checklists(db: str | Path) -> list[str]:
    """The active coalitions of the loaded checklists, by name: the ones likely to come to
    the table (ended and merged ones are left out, as on the dashboards)."""
    if not Path(db).is_file() or not has_table(db, "coalitions"):
        return []
    found = read_table(db, "SELECT name FROM coalitions "
                           "WHERE COALESCE(status, 'Active') = 'Active'")
    return sorted(found["name"].dropna().astype(str), key=str.casefold)


def without_code(db: str | Path, names: list[str]) -> list[str]:
    """Those of *names* holding no active code yet (case and spacing do not matter)."""
    holding = {plain_key(r["coalition"]) for r in _active_codes(db)} if Path(db).is_file() \
        else set()
    return [name for name in names if plain_key(name) not in holding]


def tied_code_ids(db: str | Path) -> set[str]:
    """Codes already speaking for a coalition on the stance form."""
    if not Path(db).is_file():
        return set()
    return {r["code_id"] for r in _rows(db, "SELECT code_id FROM umbrella_codes")}
