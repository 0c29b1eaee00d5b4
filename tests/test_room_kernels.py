"""No leaked kernels: closed and reloaded tabs give their kernels back, a cap says the room is full.

Browsers are real (Chromium, offline, see test_dashboards.open_offline); the kernels are
counted by the server itself (/room/kernels: running, and waiting in the preheated pool).
The dashboards are the real ones; a visit waits for its page's first widget (its kernel is
connected, the beacon armed), not for the charts. The two dashboards are visited side by side,
so that their pools refill at once on two cores, and one server serves the beacon and the cap.
"""
from __future__ import annotations

import time
import urllib.request

import pytest

from workbook.loading import load_paths

from .servers import loaded_copy, workshop_server
from .test_dashboards import browser, example_db, open_offline  # noqa: F401

MAP, OVERLAPS = ("/voila/render/1_map_the_moving_trains.ipynb",
                 "/voila/render/2_analyse_the_overlaps.ipynb")
DASHBOARDS = [MAP, OVERLAPS]
LIGHT, HEAVY = MAP, OVERLAPS  # notebook 2 draws four charts (benchmarks/RESULTS.md)
FIRST, SECOND = (path.rsplit("/", 1)[1] for path in DASHBOARDS)
# --pool_size=1 for the two dashboards visited here: one waiting kernel each. (Preheating
# the three others too, as `make workshop` does, only ran three more notebooks at every
# start; the pool is counted apart from the visitors' kernels whatever its size.)
POOL = len(DASHBOARDS)
RENDERED = ".wb-header h1"  # the page's first widget: its kernel is connected
DRAW_TIMEOUT_MS = 180_000  # several notebooks run at once on a shared 2-core machine


def in_use(server) -> int:
    """Kernels that are neither waiting in the pool nor gone (a pool being refilled counts)."""
    counted = server.kernels()
    return counted["kernels"] - counted["pooled"]


def settled(server, running: int) -> bool:
    """*running* dashboards and a full, ready pool: nothing is starting or stopping."""
    counted = server.kernels()
    return counted["pooled"] == POOL and counted["kernels"] == POOL + running


def wait_until(condition, timeout_s: float, every_s: float = 1.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every_s)
    return condition()


def open_tab(browser, url: str):
    """A tab routed by its own browser context (test_dashboards.open_offline), so that the
    shutdown beacon a closing tab sends survives the page."""
    return open_offline(browser, url, {"width": 1280, "height": 800})


def open_dashboard(browser, server, path: str):  # noqa: F811
    page, outside = open_tab(browser, server.url + path)
    page.wait_for_selector(RENDERED, timeout=DRAW_TIMEOUT_MS)
    return page, outside


@pytest.fixture(scope="module")
def no_culling(example_db, tmp_path_factory):
    """Culling off, so only the page's shutdown beacon can give a kernel back; a cap of two."""
    with workshop_server(tmp_path_factory.mktemp("beacon"), db=example_db, preheat=(FIRST, SECOND),
                         env={"WORKBOOK_CULL_IDLE_S": "0", "WORKBOOK_MAX_KERNELS": "2"}) as server:
        yield server


@pytest.mark.slow
def test_a_closed_or_reloaded_tab_shuts_its_kernel_down(browser, no_culling):  # noqa: F811
    server = no_culling
    page, outside = open_dashboard(browser, server, LIGHT)
    # The pool refilled first: with it the reload stays below the cap of two.
    assert wait_until(lambda: settled(server, 1), 120), server.kernels()
    page.reload(wait_until="commit")
    page.wait_for_selector(RENDERED, timeout=DRAW_TIMEOUT_MS)
    # Waits long enough for the pool to refill again (it counts as in use until ready).
    assert wait_until(lambda: in_use(server) == 1, 120), server.kernels()
    page.close(run_before_unload=True)
    assert wait_until(lambda: in_use(server) == 0, 120), server.kernels()
    assert "_xsrf' argument missing" not in server.log_text()
    assert outside == []


@pytest.mark.slow
def test_past_the_cap_the_room_is_told_it_is_full(browser, no_culling):  # noqa: F811
    server = no_culling
    assert wait_until(lambda: settled(server, 0), 120), server.kernels()
    first, _ = open_dashboard(browser, server, LIGHT)
    assert wait_until(lambda: settled(server, 1), 120), server.kernels()
    second, _ = open_dashboard(browser, server, HEAVY)
    assert wait_until(lambda: settled(server, 2), 120), server.kernels()
    third, outside = open_tab(browser, server.url + LIGHT)
    heading = third.wait_for_selector("h1", timeout=60_000)
    assert heading.inner_text() == "The room is full"
    assert "/room" in third.inner_text("body") and "Traceback" not in third.content()
    assert float(third.eval_on_selector("h1", "h => parseFloat(getComputedStyle(h).fontSize)")) >= 32
    assert in_use(server) == 2
    first.close(run_before_unload=True)
    assert wait_until(lambda: in_use(server) == 1, 30), server.kernels()
    third.reload(wait_until="commit")
    third.wait_for_selector(RENDERED, timeout=DRAW_TIMEOUT_MS)
    second.close(run_before_unload=True)
    third.close(run_before_unload=True)
    assert wait_until(lambda: in_use(server) == 0, 120), server.kernels()
    assert outside == []


@pytest.fixture(scope="module")
def culling(example_db, tmp_path_factory):
    """Idle kernels culled after 10 s; a cap above what the visits below may hold at once
    (a tab whose browser dies gives nothing back: its kernel waits for culling)."""
    with workshop_server(tmp_path_factory.mktemp("culling"), db=example_db, preheat=(FIRST, SECOND),
                         env={"WORKBOOK_CULL_IDLE_S": "10", "WORKBOOK_CULL_EVERY_S": "2",
                              "WORKBOOK_MAX_KERNELS": "30"}) as server:
        yield server


# How a visitor leaves a tab; "reload" is a second visit in the same tab.
RELOAD_THEN_CLOSE, GO_ELSEWHERE, CLOSE, BROWSER_DIES = WAYS = (
    "press F5, then close", "go elsewhere in the same tab", "close the tab", "the browser dies")
TABS = 16  # one reload in four: twenty visits


def leave(page, way: str) -> None:
    if way == GO_ELSEWHERE:
        page.goto("about:blank")
        page.close()
    elif way == BROWSER_DIES:  # no beacon at all: only culling helps
        page.close(run_before_unload=False)
    else:
        page.close(run_before_unload=True)


def pool_ready(server) -> bool:
    return server.kernels()["pooled"] == POOL


@pytest.mark.slow
@pytest.mark.timeout(1200)  # twenty notebook runs on a shared 2-core machine
def test_twenty_visits_leave_no_more_kernels_than_the_pool(browser, culling):  # noqa: F811
    server = culling
    visits = 0
    for first in range(0, TABS, len(DASHBOARDS)):
        # Both dashboards at once, each in a tab of its own that takes its preheated kernel:
        # the two notebooks then refill the pool side by side, one on each core. Each way of
        # leaving meets both dashboards (the ways turn by one every four tabs).
        assert wait_until(lambda: pool_ready(server), 180), server.kernels()
        ways = [WAYS[(tab + tab // len(WAYS)) % len(WAYS)]
                for tab in range(first, first + len(DASHBOARDS))]
        tabs = [(way, *open_tab(browser, server.url + path))
                for way, path in zip(ways, DASHBOARDS)]
        for way, page, _ in tabs:
            page.wait_for_selector(RENDERED, timeout=DRAW_TIMEOUT_MS)
            visits += 1
            if way == RELOAD_THEN_CLOSE:
                page.reload(wait_until="commit")
                page.wait_for_selector(RENDERED, timeout=DRAW_TIMEOUT_MS)
                visits += 1
        for way, page, outside in tabs:
            leave(page, way)
            assert outside == []
    assert visits == 20
    assert wait_until(lambda: in_use(server) == 0, 60), server.kernels()
    assert server.kernels()["kernels"] <= POOL


# --- renewing the pool after a load ------------------------------------------------------

@pytest.fixture(scope="module")
def renewing(tmp_path_factory):
    """Dashboards 1 and 2 preheated, on a copy of the example that the tests load again.
    A cap of one dashboard: the stale kernels stopping after a load are nobody's and must
    not fill it (they did: the first visitor after a load was told the room was full)."""
    copy = loaded_copy(tmp_path_factory.mktemp("renewal") / "example")
    with workshop_server(tmp_path_factory.mktemp("renewing"), community=copy,
                         preheat=(FIRST, SECOND), env={"WORKBOOK_MAX_KERNELS": "1"}) as server:
        yield server, copy


def renewed(server) -> bool:
    state = server.kernels()
    return state["pooled"] == 2 and not state["waiting_turn"] and not state["drawing"]


def noticed(server) -> bool:
    """The server has seen the load (it looks every second)."""
    return "renewing the preheated kernels one notebook after another" in server.log_text()


def load_again(copy) -> None:
    load_paths([copy.checklists_dir], copy.database_path, copy)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_at_start_up_the_pools_are_filled_one_notebook_after_another(renewing):
    # Five notebooks started at once on two cores kept the first dashboard waiting about
    # twice as long as one at a time (benchmarks/renewal_benchmark.py).
    server, _ = renewing
    assert wait_until(lambda: renewed(server), 300, 0.5), server.kernels()
    log = server.log_text()
    first_drawn = log.index(f"the preheated kernel of {FIRST} is preheated")
    second_drawn = log.index(f"the preheated kernel of {SECOND} is preheated")
    assert first_drawn < second_drawn
    # Jupyter logs "Kernel started: <id>" for each: the second only once the first was drawn
    assert log[:first_drawn].count("Kernel started:") == 1, log[:first_drawn]
    assert log[:second_drawn].count("Kernel started:") == 2, log[:second_drawn]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_after_a_load_the_pools_are_renewed_one_notebook_after_another(renewing):
    server, copy = renewing
    assert wait_until(lambda: renewed(server), 300, 0.5), server.kernels()
    load_again(copy)

    seen = []
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        state = server.kernels()
        seen.append((tuple(state["drawing"]), tuple(state["waiting_turn"])))
        if seen[-1] == ((), ()) and state["pooled"] == 2 and noticed(server):
            break
        time.sleep(0.2)

    assert seen[-1] == ((), ()), seen[-1]
    assert all(len(drawing) <= 1 for drawing, _ in seen), seen
    # dashboard 1 drew while dashboard 2 waited for its turn
    assert ((FIRST,), (SECOND,)) in seen
    last = f"the preheated kernel of {SECOND} is renewed"  # logged once it is seen drawn
    assert wait_until(lambda: last in server.log_text(), 30, 0.2)
    log = server.log_text()
    steps = [log.index(f"renewing the preheated kernel of {FIRST}"),
             log.index(f"the preheated kernel of {FIRST} is renewed"),
             log.index(f"renewing the preheated kernel of {SECOND}"),
             log.index(last)]
    assert steps == sorted(steps)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_a_notebook_still_waiting_its_turn_gets_a_kernel_of_its_own(renewing):
    server, copy = renewing
    assert wait_until(lambda: renewed(server), 300, 0.5), server.kernels()
    log_before = len(server.log_text())
    load_again(copy)
    assert wait_until(lambda: SECOND in server.kernels()["waiting_turn"], 60, 0.1), \
        server.kernels()

    with urllib.request.urlopen(server.url + OVERLAPS, timeout=600) as response:
        page = response.read().decode()  # the whole page: Voilà answers once its cells ran

    assert response.status == 200 and "wb-" in page, page[-2000:]
    # Voilà logs "Using pre-heated kernel: <id> for <notebook>" when it hands one over
    assert f"for {SECOND}" not in server.log_text()[log_before:]
    assert wait_until(lambda: renewed(server), 300, 0.5), server.kernels()
    assert server.kernels()["kernels"] == 3  # the two pools and the visitor's own kernel
