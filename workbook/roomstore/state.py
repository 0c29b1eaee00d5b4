"""What the facilitator shows now: published by the facilitator's kernel, read by the room.

A publication is one row, written once and never changed; the room view shows the newest.
The payload is JSON the room page can draw without a kernel: a title, a subtitle, a
Vega-Lite spec (compiled to Vega on the server, drawn by the locally served Vega scripts),
a small table and headline numbers.

CONTRACT: ``publish(db, title=..., source=..., ...) -> int`` and ``latest(db) -> Shown | None``.
``newest_id(db)`` is the cheap question the room server asks twice a second.

Who publishes: the dashboards' kernels that Voilà started (the facilitator's pages);
JupyterLab and headless runs never publish, and ``PUBLISH_SIGNAL=0`` in the server's
environment switches publishing off (``workbook.views.room_share``). Only the newest
KEEP publications are kept: the room shows the newest, and a day of clicks stays small.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..store import connect_shared, transaction, utc_now

PUBLISH_SIGNAL = "WORKBOOK_ROOM_PUBLISH"  # "0": the dashboards do not publish to the room
KEEP = 50

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

    @property
    def subtitle(self) -> str:
        return self.payload.get("subtitle") or ""

    @property
    def vegalite(self) -> dict | None:
        return self.payload.get("vegalite")

    @property
    def table(self) -> list[dict]:
        return self.payload.get("table") or []

    @property
    def numbers(self) -> list[tuple[str, str]]:
        return [(str(label), str(value)) for label, value in self.payload.get("numbers") or []]

    @property
    def caption(self) -> str:
        return self.payload.get("caption") or ""


def publish(db: Path, *, title: str, source: str, subtitle: str = "",
            vegalite: dict | None = None, table: list[dict] | None = None,
            numbers: list[tuple[str, str]] | None = None, caption: str = "") -> int:
    """Store what the room sees now; *caption* says what *table* holds (its <caption>)."""
    payload = {"subtitle": subtitle, "vegalite": vegalite, "table": table or [],
               "numbers": [list(n) for n in numbers or []], "caption": caption}
    with closing(connect_shared(db)) as connection, transaction(connection):
        connection.execute(DDL)
        cursor = connection.execute(
            "INSERT INTO room_state (published_at, source, title, payload_json) VALUES (?,?,?,?)",
            (utc_now(), source, title,
             json.dumps(payload, default=str)))
        connection.execute("DELETE FROM room_state WHERE state_id <= ?", (cursor.lastrowid - KEEP,))
        return cursor.lastrowid


def latest(db: Path) -> Shown | None:
    """The newest publication; None when nothing was published (reading never writes)."""
    if not Path(db).is_file():
        return None
    with closing(connect_shared(db)) as connection:
        if not _has_table(connection):
            return None
        row = connection.execute(
            "SELECT * FROM room_state ORDER BY state_id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    return Shown(row["state_id"], row["published_at"], row["source"], row["title"],
                 json.loads(row["payload_json"]))


def newest_id(connection: sqlite3.Connection) -> int | None:
    """The newest publication's id on an open connection: one indexed lookup."""
    if not _has_table(connection):
        return None
    return connection.execute("SELECT MAX(state_id) FROM room_state").fetchone()[0]


def _has_table(connection: sqlite3.Connection) -> bool:
    return connection.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND "
                              "name='room_state'").fetchone() is not None
