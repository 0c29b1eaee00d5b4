"""Which community and database the dashboards show, and which load the database holds.

Read by the dashboards' kernels and by the Voilà server itself (front page, kernel pool),
so it imports neither widgets nor pandas, and its reads are short: the server must not
wait behind a load that is writing.
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .community import Community, load_community

if TYPE_CHECKING:  # loading pulls in pandas and openpyxl: only reload() needs it
    from .loading import LoadResult

DEFAULT_COMMUNITY = Path(__file__).resolve().parents[1] / "data" / "example"
# A load holds its write lock for a moment at COMMIT; a reader that meets it gives up
# quickly and asks again later rather than stalling a page.
BUSY_TIMEOUT_S = 0.2


def locate() -> tuple[Community, Path]:
    """The community and database to show: $WORKBOOK_COMMUNITY and $WORKBOOK_DB, or the example."""
    community = load_community(Path(os.environ.get("WORKBOOK_COMMUNITY", DEFAULT_COMMUNITY)))
    return community, Path(os.environ.get("WORKBOOK_DB", community.database_path))


def latest_load(db: Path) -> int | None:
    """The newest finished load's id; None when there is no database or no load yet.

    A load writes in one transaction, so a new id means a complete new set of data.
    Raises sqlite3.Error when the file cannot be read (damaged, or busy at this moment).
    """
    if not db.is_file():
        return None
    with _read_only(db) as connection:
        if not _has_table(connection, "loads"):
            return None
        return connection.execute("SELECT MAX(load_id) FROM loads").fetchone()[0]


@dataclass(frozen=True)
class Workspace:
    """The community and database a page works on, and the load it was drawn from."""
    community: Community
    db: Path
    load_id: int | None = None

    @property
    def ready(self) -> bool:
        return self.db.is_file()


def open_workspace() -> Workspace:
    """The community and database the dashboards show, from the environment or the example."""
    community, db = locate()
    return Workspace(community, db, latest_load_or_none(db))


def latest_load_or_none(db: Path) -> int | None:
    """The newest load's id; None when there is no (readable) database."""
    try:
        return latest_load(db)
    except sqlite3.Error:  # a damaged database is reported by the page's own cells
        return None


def reload(workspace: Workspace,
           progress: Callable[[int, int, str], None] | None = None) -> LoadResult:
    """Load the community's checklists again into the workspace's database."""
    from .loading import load_paths
    return load_paths([workspace.community.checklists_dir], workspace.db, workspace.community,
                      progress)


def _read_only(db: Path) -> closing[sqlite3.Connection]:
    # sqlite3's own context manager commits but never closes the connection
    return closing(sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True,
                                   timeout=BUSY_TIMEOUT_S))


def _has_table(connection: sqlite3.Connection, name: str) -> bool:
    return connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                              (name,)).fetchone() is not None
