"""What the Voilà server itself runs for the workshop: the front page's facts and a fresh pool.

Voilà reads ``etc/voila/voila.py`` (``make workshop`` passes ``--Voila.config_file_paths``),
which calls ``configure``. Two things need Python on the server side, not in a kernel:

* **The front page.** Voilà renders its root page from the template's ``tree-lab.html``
  with Jinja; ``configure`` adds one template variable, ``workshop_front``, a function the
  template calls to get the five tasks and their state. No kernel starts for a visitor of
  the front page, and nothing is fetched from outside. A template variable rather than a
  server extension handler: Voilà's own server loads no Jupyter server extensions, and it
  already renders its root page from our template; the page only lacked the facts.
* **Fresh preheated pages.** With ``--preheat_kernel`` Voilà runs each notebook in a kernel
  before anyone asks for it, so the page is drawn from the data of that moment. The pool
  here is a kernel manager base class (Voilà's ``multi_kernel_manager_class`` option) that
  empties the pool as soon as the checklists were loaded again (it looks every second, and
  again just before a visitor takes a kernel), so a newly opened page never shows data older
  than the newest load. It refills the pool one notebook after another, in the agenda's
  order, each once the previous one's page is drawn up to its visitor: five notebooks rerun
  at once on two cores kept a dashboard opened right after a load waiting about 40 s, one at
  a time about 20 s (benchmarks/renewal_benchmark.py). A visitor who asks for a notebook not
  renewed yet gets a kernel of its own at once, as without preheating. The first fill, when
  the server starts, goes the same way: each notebook's kernel waits in the pool for its turn
  before it starts, and one a visitor asks for starts at once.
* **No leaked kernels.** A closed tab's kernel is shut down by the page's beacon (the room's
  gate sets the ``_xsrf`` cookie the beacon sends back, see ``room.guard.VoilaGate``); a kernel
  nobody is connected to and that has been idle for ``WORKBOOK_CULL_IDLE_S`` seconds (default
  600) is culled (Voilà never culls the preheated kernels waiting in the pool); and at most
  ``WORKBOOK_MAX_KERNELS`` dashboards run at once (default 6, the pool not counted): the next
  visitor gets a page saying the room is full instead of a kernel.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import os
import sqlite3
import sys
import traceback
from dataclasses import dataclass
from typing import Iterable

from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.ioloop import PeriodicCallback
from traitlets import Bool, Float, Integer
from voila.request_info_handler import RequestInfoSocketHandler

from . import agenda
from .workspace import NO_DATA, READY, UNREADABLE, data_state, latest_load, locate

COMING = "coming"


@dataclass(frozen=True)
class TaskEntry:
    number: int
    title: str
    purpose: str
    notebook: str | None  # None while the task has no page
    state: str  # READY, NO_DATA or COMING
    detail: str  # the state in a sentence


@dataclass(frozen=True)
class FrontPage:
    community: str
    tasks: tuple[TaskEntry, ...]
    problem: str | None = None  # why the community or its data could not be read


def front_page(listed: Iterable[str] | None = None) -> FrontPage:
    """The five tasks with their state; *listed* names the notebooks the server offers.

    Without *listed*, the notebooks next to the package count. Never raises: the front
    page says what could not be read, and the traceback goes to the server log.
    """
    offered = set(listed) if listed is not None else {
        t.notebook for t in agenda.TASKS if agenda.has_page(t)}
    try:
        community, db = locate()
    except Exception as exc:  # a broken community.toml must not take the front page down
        traceback.print_exc(file=sys.stderr)
        return FrontPage("", tuple(_entry(t, offered, NO_DATA, "") for t in agenda.TASKS),
                         f"The community's settings could not be read: {exc}")
    data = data_state(db)
    detail = _data_detail(data)
    return FrontPage(community.name, tuple(_entry(t, offered, data.state, detail)
                                           for t in agenda.TASKS))


def _entry(task: agenda.Task, offered: set[str], data: str, detail: str) -> TaskEntry:
    if task.notebook not in offered:
        return TaskEntry(task.number, task.title, task.purpose, None, COMING,
                         "Its page arrives in a later version.")
    state = READY if data == READY else NO_DATA
    return TaskEntry(task.number, task.title, task.purpose, task.notebook, state, detail)


def _data_detail(data) -> str:
    if data.state == READY:
        return (f"Data from {data.files_loaded} of {data.files} checklists, loaded "
                f"{_local_time(data.loaded_at)}.")
    if data.state == UNREADABLE:
        return "The database cannot be read: load the checklists again."
    return "Load the checklists first: make workshop, or python -m workbook load."


def _local_time(iso: str | None) -> str:
    """'29 Nov 2026, 21:40' in the server's time zone, which is the room's."""
    try:
        moment = dt.datetime.fromisoformat(iso).astimezone()
    except (TypeError, ValueError):
        return "at an unknown time"
    return moment.strftime("%d %b %Y, %H:%M").lstrip("0")


# --- the pool of preheated kernels -----------------------------------------------------

_UNKNOWN = object()  # the database could not be read just now (busy or damaged)


class FreshPoolKernelManager(AsyncMappingKernelManager):
    """Voilà's preheated kernels, renewed when the database holds a newer load.

    Voilà builds its pooling manager as a subclass of this class, so the pool itself
    (``_pools``, ``fill_if_needed``, ``get_rendered_notebook``: voila 0.5.13, pinned) is
    reached through ``self``. Without ``--preheat_kernel`` this class does nothing more
    than its parent.
    """

    check_every_s = Float(1.0, config=True,
                          help="How often to look for a new load of the checklists.")
    max_kernels = Integer(6, config=True,
                          help="Most dashboards running at once (kernels waiting in the "
                               "preheated pool not counted); 0 for no cap.")
    handover_grace_s = Float(
        120.0, config=True,
        help="A kernel no browser has connected to yet is not culled until it has been idle "
             "this long: the page that asked for it may still be on its way (a slow laptop, "
             "a busy server), and culling it then leaves a page that never draws.")

    renewal_wait_s = Float(
        300.0, config=True,
        help="After a load, the longest wait for one notebook's renewed kernel to be drawn "
             "before the next notebook's is started anyway (a page stuck in a cell must not "
             "leave the others unrenewed).")

    first_fill_in_turn = Bool(
        True, config=True,
        help="At start-up, start the preheated kernels one notebook after another (each once "
             "the previous one's page is drawn), as after a load; False starts them all at "
             "once, as Voilà does (for a machine with a core per notebook).")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._connected_once: set[str] = set()
        self._leaving: set[str] = set()  # stale preheated kernels being stopped after a load
        self._to_renew: list[str] = []  # notebooks whose pool waits for its renewal, in order
        self._renewing: asyncio.Future | None = None
        self._notebook_in_turn: str | None = None  # the notebook the renewal waits on now
        # At start-up: the notebooks whose pool kernel waits for its turn before it starts
        self._gates: dict[str, asyncio.Event] = {}
        self._starting = False
        if not hasattr(self, "get_rendered_notebook"):
            return  # no preheating, no pool to keep fresh
        try:
            self._db = locate()[1]
        except Exception:  # the front page and the dashboards report the broken settings
            self.log.exception("Workshop: community settings unreadable; pool not renewed")
            return
        # Read before the pool starts filling: a kernel started later sees this load or a newer one.
        self._pool_load = self._current_load()
        # Wrapping the bound method: Voilà's subclass defines it, so an override here would lose.
        self._take_preheated = self.get_rendered_notebook
        self.get_rendered_notebook = self._take_fresh
        self._fill_now = self.fill_if_needed
        self.fill_if_needed = self._fill_in_turn
        self._start_now = self._initialize
        self._initialize = self._start_in_turn
        # Voilà's own __init__ fills every pool once this returns: _fill_in_turn queues them.
        self._starting = self.first_fill_in_turn
        PeriodicCallback(self.refresh_pool, self.check_every_s * 1000).start()

    def pooled_kernel_ids(self) -> set[str]:
        """Kernels started for the pool and not yet given to a visitor."""
        found = set()
        for pool in getattr(self, "_pools", {}).values():
            for pooled in pool:
                if pooled.done() and not pooled.cancelled() and pooled.exception() is None:
                    found.add(pooled.result()["kernel_id"])
        return found

    def is_full(self) -> bool:
        """Whether one more visitor's dashboard would pass the cap."""
        if self.max_kernels <= 0:
            return False
        # Stale kernels on their way out after a load are no visitor's: counted, five of
        # them filled the cap of six and the first visitor after a load was told the room
        # was full.
        in_use = set(self.list_kernel_ids()) - self.pooled_kernel_ids() - self._leaving
        # A pool kernel still starting is listed before its pool entry is done, so its id is
        # not known as the pool's yet: counted, it told the first visitor after a load, while
        # the renewal started a kernel, that the room was full.
        return len(in_use) - self._pool_kernels_starting() >= self.max_kernels

    def _pool_kernels_starting(self) -> int:
        # a kernel waiting for its turn at start-up has not started: no kernel of its is listed
        return sum(1 for notebook, pool in getattr(self, "_pools", {}).items()
                   if notebook not in self._gates for pooled in pool if not pooled.done())

    async def _take_fresh(self, notebook_name: str, *args, **kwargs):
        self.refresh_pool()
        if not self._pools.get(notebook_name):
            # Voilà saw a waiting kernel, but it was stale and is gone: this visitor's notebook
            # is renewed now, ahead of its turn, and the visitor waits for its kernel.
            self._renew_now(notebook_name)
        self._open_gate(notebook_name)  # asked for before its turn at start-up: starts now
        taken = await self._take_preheated(notebook_name, *args, **kwargs)
        # Idle since it was preheated: a kernel that waited in the pool longer than the culling
        # time would be culled before the visitor's page connects to it, and never draw.
        self.get_kernel(taken[2]).last_activity = utcnow()
        return taken

    def _fill_in_turn(self, delay=None, notebook_name=None, **kwargs) -> None:
        """Voilà's refill of a pool; during a renewal, a refill after a visitor took the
        waiting kernel joins the queue instead of running beside the notebook being renewed.
        Voilà's first fill at start-up puts each kernel in the pool behind a closed gate
        (_start_in_turn), opened in the agenda's order (_first_fill)."""
        if self._starting and delay == 0:
            self._queue_first_fill(notebook_name, **kwargs)
            return
        renewing = self._renewing is not None and not self._renewing.done()
        if renewing and delay != 0:
            if notebook_name not in self._to_renew:
                self._to_renew.append(notebook_name)
            return
        self._fill_now(delay=delay, notebook_name=notebook_name, **kwargs)

    def _queue_first_fill(self, notebook_name, **kwargs) -> None:
        if self._pool_size(notebook_name) > 0:
            self._gates.setdefault(notebook_name, asyncio.Event())
            if notebook_name not in self._to_renew:
                self._to_renew.append(notebook_name)
        self._fill_now(delay=0, notebook_name=notebook_name, **kwargs)
        if self._renewing is None:
            # Voilà's loop is not running yet (this is its __init__): the task starts with it,
            # once every notebook is queued.
            self._renewing = asyncio.get_event_loop().create_task(self._first_fill())

    async def _first_fill(self) -> None:
        self._starting = False
        self._to_renew.sort()  # the agenda's order (1_..., 2_...)
        self.log.info("Workshop: preheating %s one notebook after another",
                      ", ".join(self._to_renew))
        await self._renew_one_by_one(done="preheated")

    async def _start_in_turn(self, notebook_name, *args, **kwargs):
        """Voilà's start of a pool kernel (``_initialize``), once its notebook's gate is open."""
        gate = self._gates.get(notebook_name)
        if gate is not None:
            await gate.wait()
        return await self._start_now(notebook_name, *args, **kwargs)

    def _open_gate(self, notebook: str) -> None:
        gate = self._gates.pop(notebook, None)
        if gate is not None:
            gate.set()

    async def cull_kernel_if_idle(self, kernel_id: str):
        if self._awaiting_its_page(kernel_id):
            return None
        return await super().cull_kernel_if_idle(kernel_id)

    def _awaiting_its_page(self, kernel_id: str) -> bool:
        if self._kernel_connections.get(kernel_id, 0) > 0:
            self._connected_once.add(kernel_id)
        if kernel_id in self._connected_once:
            return False
        try:
            idle = utcnow() - self.get_kernel(kernel_id).last_activity
        except (KeyError, AttributeError):  # gone already, or never active: the parent decides
            return False
        return idle.total_seconds() < self.handover_grace_s

    def refresh_pool(self) -> None:
        """If the checklists were loaded again, empty the pool and renew it notebook by notebook."""
        current = self._current_load()
        if current is _UNKNOWN or current == self._pool_load:
            return
        self.log.info("Workshop: load %s replaces load %s; renewing the preheated kernels "
                      "one notebook after another", current, self._pool_load)
        self._pool_load = current
        for notebook, stale in list(self._pools.items()):
            self._pools[notebook] = []
            if self._gates.pop(notebook, None) is not None:
                for pooled in stale:  # never started: nothing to stop
                    pooled.cancel()
                continue
            for pooled in stale:
                if pooled.done() and not pooled.cancelled() and pooled.exception() is None:
                    self._leaving.add(pooled.result()["kernel_id"])  # at once, for is_full
                asyncio.ensure_future(self._discard(pooled))
        # the agenda's order (1_..., 2_...), notebooks configured with no pool left out
        self._to_renew = sorted(nb for nb in self._pools if self._pool_size(nb) > 0)
        if self._renewing is None or self._renewing.done():
            self._renewing = asyncio.ensure_future(self._renew_one_by_one())

    def _pool_size(self, notebook: str) -> int:
        """How many kernels Voilà keeps waiting for *notebook* (as its fill_if_needed reads it)."""
        default = self.kernel_pools_config.get("default", {})
        return self.kernel_pools_config.get(notebook, default).get(
            "pool_size", default.get("pool_size", 1))

    def renewal_state(self) -> dict[str, list[str]]:
        """After a load: the notebooks whose pool waits for its turn, and those whose
        preheated kernel is starting or drawing its page now."""
        # The notebook in its turn counts as drawing until the renewal has moved on: its page
        # may be drawn up to one poll (0.2 s) before the renewal sees it and says so in the log.
        drawing = {notebook for notebook, pool in getattr(self, "_pools", {}).items()
                   if notebook not in self._gates and not all(_drawn(pooled) for pooled in pool)}
        if self._notebook_in_turn is not None:
            drawing.add(self._notebook_in_turn)
        return {"waiting_turn": list(self._to_renew), "drawing": sorted(drawing)}

    async def _renew_one_by_one(self, done: str = "renewed") -> None:
        """Refill the emptied pools in turn, each once the previous one's page is drawn
        (at start-up: open their gates in turn).

        A load while this runs starts the list again (refresh_pool); a notebook a visitor
        took ahead of its turn (_take_fresh) is not started twice, and one whose waiting
        kernel a visitor took meanwhile comes back at the end of the list (_fill_in_turn)."""
        while self._to_renew:
            notebook = self._notebook_in_turn = self._to_renew.pop(0)
            try:
                if not self._pools.get(notebook):
                    self._renew_now(notebook)
                self._open_gate(notebook)
                await self._until_drawn(notebook)
            except Exception:  # one notebook's failure must not leave the others unrenewed
                self.log.exception("Workshop: renewing the preheated kernel of %s failed",
                                   notebook)
                continue
            finally:
                self._notebook_in_turn = None
            self.log.info("Workshop: the preheated kernel of %s is %s", notebook, done)

    def _renew_now(self, notebook: str) -> None:
        if notebook in self._to_renew:
            self._to_renew.remove(notebook)
        self.log.info("Workshop: renewing the preheated kernel of %s", notebook)
        self._fill_now(delay=0, notebook_name=notebook)

    async def _until_drawn(self, notebook: str) -> None:
        """Until every kernel in *notebook*'s pool has drawn its page up to its visitor
        (or failed, or was taken), at most renewal_wait_s."""
        deadline = asyncio.get_running_loop().time() + self.renewal_wait_s
        while not all(_drawn(pooled) for pooled in self._pools.get(notebook, ())):
            if asyncio.get_running_loop().time() > deadline:
                self.log.warning("Workshop: %s is not drawn after %.0f s; renewing the next "
                                 "notebook anyway", notebook, self.renewal_wait_s)
                return
            await asyncio.sleep(0.2)

    def _current_load(self):
        try:
            return latest_load(self._db)
        except sqlite3.Error:  # being written this instant, or damaged: ask again next time
            return _UNKNOWN

    async def _discard(self, pooled: asyncio.Task) -> None:
        """Let a stale kernel's page finish as if a visitor came, then stop the kernel.

        Stopping it while its last cell waits for a visitor would log a dead-kernel error
        for a page nobody asked for.
        """
        try:
            content = await pooled
        except Exception:  # it never started: nothing to stop
            return
        kernel_id = content["kernel_id"]
        self._leaving.add(kernel_id)
        RequestInfoSocketHandler.send_updates({"kernel_id": kernel_id, "payload": "{}"})
        try:
            await asyncio.wait_for(asyncio.shield(content["task"]), timeout=60)
        except Exception:  # the page's own error is logged by Voilà; stop the kernel anyway
            pass
        try:
            await self.shutdown_kernel(kernel_id)
        except Exception:
            self.log.exception("Workshop: a stale preheated kernel did not stop")
        finally:
            self._leaving.discard(kernel_id)


def _drawn(pooled: asyncio.Future) -> bool:
    """A preheated kernel's page is drawn up to its visitor: its last cell waits on Voilà's
    request-info socket (voila.utils.wait_for_request), or its page ended (a page without
    data never waits), or it never started."""
    if not pooled.done():
        return False
    if pooled.cancelled() or pooled.exception() is not None:
        return True
    content = pooled.result()
    return content["task"].done() or content["kernel_id"] in RequestInfoSocketHandler._waiters


CULL_IDLE_ENV = "WORKBOOK_CULL_IDLE_S"
CULL_EVERY_ENV = "WORKBOOK_CULL_EVERY_S"
MAX_KERNELS_ENV = "WORKBOOK_MAX_KERNELS"
# How long Voilà waits, once a cell has run, for the rest of that cell's output (it ends with
# the kernel's "idle" message). nbclient's default of 4 s is too short on a busy laptop: the
# wait times out, Voilà logs "Timeout waiting for IOPub output" and goes on to the next cell,
# and what had not arrived is dropped for good. A dashboard then lacks a panel (dashboard 3
# drew no suggestion cards) with no error shown. The wait ends as soon as the idle message
# comes, so a long limit costs nothing when the machine keeps up.
OUTPUT_WAIT_S = 300


def _int_env(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        print(f"{name} must be a whole number; using {default}", file=sys.stderr)
        return default


def configure(c) -> None:
    """Called from etc/voila/voila.py with Voilà's config object."""
    # A kernel is culled when idle that long with no browser connected; a connected one is
    # an open tab (the facilitator's dashboard), never culled.
    c.MappingKernelManager.cull_idle_timeout = _int_env(CULL_IDLE_ENV, 600)
    c.MappingKernelManager.cull_interval = _int_env(CULL_EVERY_ENV, 30)
    c.MappingKernelManager.cull_connected = False
    c.FreshPoolKernelManager.max_kernels = _int_env(MAX_KERNELS_ENV, 6)
    c.VoilaExecutor.iopub_timeout = OUTPUT_WAIT_S
    c.VoilaConfiguration.multi_kernel_manager_class = FreshPoolKernelManager
    c.Voila.tornado_settings = {"jinja_template_vars": {"workshop_front": front_page}}
