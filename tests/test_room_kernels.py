"""No leaked kernels: closed and reloaded tabs give their kernels back, a cap says the room is full.

Browsers are real (Chromium, offline, see test_dashboards.open_offline); the kernels are
counted by the server itself (/room/kernels: running, and waiting in the preheated pool).
"""
from __future__ import annotations

import itertools
import time

import pytest

from .servers import workshop_server
from .test_dashboards import LOOPBACK_PREFIXES, browser, example_db  # noqa: F401

DASHBOARDS = ["/voila/render/1_map_the_moving_trains.ipynb",
              "/voila/render/2_analyse_the_overlaps.ipynb"]
POOL = len(DASHBOARDS)  # --pool_size=1 per notebook
RENDERED = ".wb-header h1"  # the page's first widget: its kernel is connected


def in_use(server) -> int:
    """Kernels that are neither waiting in the pool nor gone."""
    counted = server.kernels()
    return counted["kernels"] - counted["pooled"]


def wait_until(condition, timeout_s: float, every_s: float = 1.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every_s)
    return condition()


def open_offline(browser, url: str):  # noqa: F811
    """A tab whose requests may only go to this machine, as test_dashboards.open_offline, but
    routed by its browser context: a route on the page itself dies with the page, and with it
    the shutdown beacon a closing page sends (a real browser sends it)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(LOOPBACK_PREFIXES):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    context.route("**/*", guard)
    page = context.new_page()
    page.goto(url, wait_until="commit")
    return page, outside


def open_dashboard(browser, server, path: str):  # noqa: F811
    page, outside = open_offline(browser, server.url + path)
    page.wait_for_selector(RENDERED, timeout=180_000)
    return page, outside


@pytest.fixture(scope="module")
def no_culling(example_db, tmp_path_factory):
    """Culling off: only the page's shutdown beacon can give a kernel back."""
    with workshop_server(tmp_path_factory.mktemp("beacon"), db=example_db,
                         env={"WORKBOOK_CULL_IDLE_S": "0"}) as server:
        yield server


@pytest.mark.slow
def test_a_closed_or_reloaded_tab_shuts_its_kernel_down(browser, no_culling):  # noqa: F811
    server = no_culling
    page, outside = open_dashboard(browser, server, DASHBOARDS[0])
    assert in_use(server) == 1
    page.reload(wait_until="commit")
    page.wait_for_selector(RENDERED, timeout=180_000)
    assert wait_until(lambda: in_use(server) == 1, 30), server.kernels()
    page.close(run_before_unload=True)
    assert wait_until(lambda: in_use(server) == 0, 30), server.kernels()
    assert "_xsrf' argument missing" not in server.log_text()
    assert outside == []


@pytest.fixture(scope="module")
def culling(example_db, tmp_path_factory):
    with workshop_server(tmp_path_factory.mktemp("culling"), db=example_db,
                         env={"WORKBOOK_CULL_IDLE_S": "10", "WORKBOOK_CULL_EVERY_S": "2",
                              "WORKBOOK_MAX_KERNELS": "30"}) as server:
        yield server


@pytest.mark.slow
@pytest.mark.timeout(1500)  # twenty notebook runs on a shared 2-core machine
def test_twenty_visits_leave_no_more_kernels_than_the_pool(browser, culling):  # noqa: F811
    server = culling
    visits = 0
    for turn in itertools.count():
        if visits >= 20:
            break
        way = turn % 4
        path = DASHBOARDS[turn % 2]
        # Each page is let draw before it goes: kernels run one after another, as when one
        # facilitator moves between pages, and a drawn page has its beacon ready.
        page, outside = open_dashboard(browser, server, path)
        visits += 1
        if way == 0:  # "press F5", then close
            page.reload(wait_until="commit")
            page.wait_for_selector(RENDERED, timeout=180_000)
            visits += 1
            page.close(run_before_unload=True)
        elif way == 1:  # go elsewhere in the same tab
            page.goto("about:blank")
            page.close()
        elif way == 2:  # close the tab
            page.close(run_before_unload=True)
        else:  # the browser dies: no beacon at all, only culling helps
            page.close(run_before_unload=False)
        assert outside == []
    assert wait_until(lambda: in_use(server) == 0, 60), server.kernels()
    assert server.kernels()["kernels"] <= POOL


@pytest.fixture(scope="module")
def capped(example_db, tmp_path_factory):
    with workshop_server(tmp_path_factory.mktemp("capped"), db=example_db,
                         env={"WORKBOOK_MAX_KERNELS": "1"}) as server:
        yield server


@pytest.mark.slow
def test_past_the_cap_the_room_is_told_it_is_full(browser, capped):  # noqa: F811
    server = capped
    first, _ = open_dashboard(browser, server, DASHBOARDS[0])
    second, outside = open_offline(browser, server.url + DASHBOARDS[1])
    heading = second.wait_for_selector("h1", timeout=60_000)
    assert heading.inner_text() == "The room is full"
    assert "/room" in second.inner_text("body") and "Traceback" not in second.content()
    assert float(second.eval_on_selector("h1", "h => parseFloat(getComputedStyle(h).fontSize)")) >= 32
    assert in_use(server) == 1
    first.close(run_before_unload=True)
    assert wait_until(lambda: in_use(server) == 0, 30), server.kernels()
    second.reload(wait_until="commit")
    second.wait_for_selector(RENDERED, timeout=180_000)
    second.close(run_before_unload=True)
    assert outside == []
