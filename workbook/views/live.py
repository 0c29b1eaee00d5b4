"""Keeping a page in step with the other facilitator laptop.

Two laptops record decisions in one database. Each page looks at the decision log and the
results journal every ``POLL_S`` seconds and, when either grew, redraws the panels that
asked to be told. The look runs as an asyncio task on the kernel's own event loop, so
widget values are only ever set on the kernel's main thread (a thread setting them once
killed the kernel). Outside a running kernel (a unit test, plain Python) nothing polls:
``check()`` does the same look on demand.
"""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Callable

from .. import decisions
from ..tasks.results import journal
from .errors import log_exception

POLL_S = 3.0  # "within seconds" for the second laptop, and cheap: two small reads
BY = "facilitator"  # who records from the dashboard (a role, as the decision log asks)

_JOURNAL_KINDS = ("curve_prompt", "performance_measure")
# More things another laptop may record (a coalition's stances, a moment noted): each a
# function of the database whose value changes when they do. Registered by their views.
_MORE_STAMPS: dict[str, Callable[[str | Path], object]] = {}


def also_watch(name: str, look: Callable[[str | Path], object]) -> None:
    """Let every page's watcher also redraw when *look(db)* changes."""
    _MORE_STAMPS[name] = look


def stamp(db: str | Path) -> tuple:
    """What changes whenever anyone records a decision, a prompt or a measure (or what
    ``also_watch`` added)."""
    entries = decisions.entries(db)
    notes = tuple(len(journal.notes(db, kind)) for kind in _JOURNAL_KINDS)
    more = tuple(look(db) for _name, look in sorted(_MORE_STAMPS.items()))
    return (entries[-1].entry_id if entries else 0, len(entries), notes, more)


class LogWatcher:
    """Calls each listener when the log or the journal changed since the last look."""

    def __init__(self, db: str | Path):
        self.db = db
        self.listeners: list[Callable[[], None]] = []
        self._seen = self._stamp()
        self.task: asyncio.Task | None = None

    def listen(self, listener: Callable[[], None]) -> None:
        self.listeners.append(listener)

    def _stamp(self) -> tuple | None:
        try:
            return stamp(self.db)
        except Exception:  # busy this instant, or no database: look again next time
            return None

    def check(self) -> bool:
        """Look now; tell the listeners if something changed. True if it did."""
        now = self._stamp()
        if now is None or now == self._seen:
            return False
        self._seen = now
        self.tell()
        return True

    def tell(self) -> None:
        """Redraw every listener (after this page recorded something, too)."""
        self._seen = self._stamp() or self._seen
        for listener in list(self.listeners):
            try:
                listener()
            except Exception:  # one panel failing to redraw leaves the others in step
                log_exception()

    def start(self) -> bool:
        """Poll on the kernel's event loop; False where no loop runs (nothing to keep alive)."""
        if self.task is not None:
            return True
        try:
            loop = asyncio.get_event_loop()
        except RuntimeError:
            return False
        if not loop.is_running():
            return False
        self.task = loop.create_task(self._poll())
        return True

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(POLL_S)
            self.check()


_WATCHERS: dict[str, LogWatcher] = {}


def watcher(db: str | Path) -> LogWatcher:
    """The one watcher of *db* in this kernel: all the page's panels share it."""
    key = str(db)
    if key not in _WATCHERS:
        _WATCHERS[key] = LogWatcher(db)
    found = _WATCHERS[key]
    found.start()
    return found
