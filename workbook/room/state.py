"""What the facilitator shows now: published by the facilitator's kernel, read by the room.

A publication is one row, written once and never changed; the room view shows the newest.
The payload is JSON the room page can draw without a kernel: a title, a subtitle, a
Vega-Lite spec (compiled to Vega on the server, drawn by the locally served Vega scripts),
a small table and headline numbers.

CONTRACT: ``publish(db, title=..., source=..., ...) -> int`` and ``latest(db) -> Shown | None``.
"""
from __future__ import annotations

import datetime as dt
import json
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..store import connect_shared, transaction

DDL = """
CREATE TABLE IF NOT EXISTS room_state (
    state_id INTEGER PRIMARY KEY,
    published_at TEXT NOT NULL,
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    payload_json TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Shown:
    state_id: int
    published_at: str
    source: str  # which page or form published it, e.g. "2_analyse_the_overlaps/heatmap"
    title: str
    payload: dict[str, Any]


def publish(db: Path, *, title: str, source: str, subtitle: str = "",
            vegalite: dict | None = None, table: list[dict] | None = None,
            numbers: list[tuple[str, str]] | None = None) -> int:
    payload = {"subtitle": subtitle, "vegalite": vegalite, "table": table or [],
               "numbers": [list(n) for n in numbers or []]}
    with closing(connect_shared(db)) as connection, transaction(connection):
        connection.execute(DDL)
        cursor = connection.execute(
            "INSERT INTO room_state (published_at, source, title, payload_json) VALUES (?,?,?,?)",
            (dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), source, title,
             json.dumps(payload, default=str)))
        return cursor.lastrowid


def latest(db: Path) -> Shown | None:
    if not Path(db).is_file():
        return None
    with closing(connect_shared(db)) as connection:
        connection.execute(DDL)
        row = connection.execute(
            "SELECT * FROM room_state ORDER BY state_id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    return Shown(row["state_id"], row["published_at"], row["source"], row["title"],
                 json.loads(row["payload_json"]))
