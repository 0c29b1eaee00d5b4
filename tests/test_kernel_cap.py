"""The cap on dashboards counts visitors' kernels only: not the pool's, waiting, starting or leaving.

The kernel manager's own counting, without a server: the pool is Voilà's dict of notebook ->
futures, as in voila 0.5.13 (pinned); the server tests (test_room_kernels) drive the same
code through real visits.
"""
from __future__ import annotations

import asyncio
from types import SimpleNamespace

from workbook.server import FreshPoolKernelManager


def _pool_entry(kernel_id: str | None) -> asyncio.Future:
    """A pool entry: done with its kernel id once started, pending while it starts."""
    entry = asyncio.get_event_loop_policy().new_event_loop().create_future()
    if kernel_id is not None:
        entry.set_result({"kernel_id": kernel_id})
    return entry


def _manager(running: list[str], pools: dict[str, list], leaving=(), cap: int = 1,
             waiting_turn=()):
    manager = SimpleNamespace(max_kernels=cap, _pools=pools, _leaving=set(leaving),
                              list_kernel_ids=lambda: list(running),
                              _gates={notebook: asyncio.Event() for notebook in waiting_turn})
    for method in ("pooled_kernel_ids", "_pool_kernels_starting"):
        setattr(manager, method, getattr(FreshPoolKernelManager, method).__get__(manager))
    return manager


def _is_full(manager) -> bool:
    return FreshPoolKernelManager.is_full(manager)


def test_a_visitor_kernel_fills_a_cap_of_one():
    manager = _manager(["pool-1", "visitor"], {"1.ipynb": [_pool_entry("pool-1")]})
    assert _is_full(manager)


def test_kernels_waiting_in_the_pool_or_leaving_after_a_load_leave_room():
    manager = _manager(["pool-1", "stale"], {"1.ipynb": [_pool_entry("pool-1")]},
                       leaving=["stale"])
    assert not _is_full(manager)


def test_a_pool_kernel_still_starting_is_not_taken_for_a_visitor():
    # Listed by the kernel manager before its pool entry is done (a renewal after a load):
    # the first visitor after the load was told the room was full.
    manager = _manager(["pool-1", "pool-2-starting"],
                       {"1.ipynb": [_pool_entry("pool-1")], "2.ipynb": [_pool_entry(None)]})
    assert not _is_full(manager)
    manager = _manager(["pool-1", "pool-2-starting", "visitor"],
                       {"1.ipynb": [_pool_entry("pool-1")], "2.ipynb": [_pool_entry(None)]})
    assert _is_full(manager)


def test_a_pool_kernel_waiting_its_turn_at_start_up_leaves_no_room():
    # At start-up the pool's entries wait behind a gate before their kernel starts: no kernel
    # of theirs is listed, so a pending entry is not one to discount from the visitors'.
    pools = {"1.ipynb": [_pool_entry(None)], "2.ipynb": [_pool_entry(None)]}
    assert _is_full(_manager(["visitor"], pools, waiting_turn=["1.ipynb", "2.ipynb"]))
    assert not _is_full(_manager(["pool-1-starting"], pools, waiting_turn=["2.ipynb"]))


def test_no_cap_is_never_full():
    assert not _is_full(_manager(["a", "b", "c"], {}, cap=0))


def test_a_renewed_notebook_counts_as_drawing_until_the_renewal_says_it_is_done():
    # The renewal looks every 0.2 s; a page drawn just after a look was reported as renewed
    # (/room/kernels) before the log said so, and a test reading the log then missed it.
    said = []

    async def renewal_seen_from_outside():
        loop = asyncio.get_running_loop()
        entry, page = loop.create_future(), loop.create_future()
        manager = SimpleNamespace(_pools={"1.ipynb": [entry]}, _gates={}, _to_renew=["1.ipynb"],
                                  _notebook_in_turn=None, renewal_wait_s=60.0,
                                  log=SimpleNamespace(info=lambda *args: said.append(args)))
        for method in ("_renew_one_by_one", "_until_drawn", "_open_gate", "renewal_state"):
            setattr(manager, method, getattr(FreshPoolKernelManager, method).__get__(manager))
        renewal = asyncio.ensure_future(manager._renew_one_by_one())
        await asyncio.sleep(0.05)  # the renewal waits on the page, looking every 0.2 s
        assert manager.renewal_state() == {"waiting_turn": [], "drawing": ["1.ipynb"]}
        page.set_result(None)
        entry.set_result({"task": page, "kernel_id": "k"})
        drawn_but_not_said = manager.renewal_state()
        await renewal
        return drawn_but_not_said, manager.renewal_state()

    before_said, after = asyncio.run(renewal_seen_from_outside())
    assert before_said["drawing"] == ["1.ipynb"]
    assert said[-1][1:] == ("1.ipynb", "renewed")
    assert after == {"waiting_turn": [], "drawing": []}
