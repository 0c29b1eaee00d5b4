"""A dashboard asked for right after the checklists are loaded again, on this machine.

Usage: python benchmarks/renewal_benchmark.py [--dashboards 1 2] [--log server.log]
       python benchmarks/renewal_benchmark.py --start-up [--runs 3]

Starts the workshop server as `make workshop` does (every notebook preheated) on a copy of
the example community, waits until its pool is drawn, then for each dashboard named: loads
the checklists again, opens that dashboard at once in headless Chromium and times its first
chart from the end of the load; then waits for the pool to be drawn again. Right after a
load the server renews its preheated kernels (workbook/server.py), which is what the
visitor's page competes with for the two cores.

--start-up: the facilitator's first dashboard when the server has just started. Starts the
server, in turns with every preheated kernel started at once (Voilà's way,
``--FreshPoolKernelManager.first_fill_in_turn=False``) and one notebook after another (the
workshop's), opens dashboard 1 as soon as the server answers and times its first chart from
the server's start; then the last notebook's dashboard, once the first is drawn.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from room_benchmark import DASHBOARD_CHART, start_server  # noqa: E402
from workbook.community import load_community  # noqa: E402
from workbook.loading import load_paths  # noqa: E402

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
SETTLE_S = 20  # after the pool's kernels have started, their pages finish drawing


def kernels(url: str) -> dict:
    with urllib.request.urlopen(url + "/room/kernels", timeout=30) as answer:
        return json.loads(answer.read())


async def pool_drawn(url: str) -> None:
    """Every notebook's kernel waits in the pool and (where the server says) is drawn."""
    while True:
        state = kernels(url)
        if (state["pooled"] == len(NOTEBOOKS) and not state.get("drawing")
                and not state.get("waiting_turn")):
            break
        await asyncio.sleep(1)
    await asyncio.sleep(SETTLE_S)


async def first_chart_after_load(browser, url: str, community, db: Path, number: int) -> float:
    load_paths([community.checklists_dir], db, community)
    loaded = time.perf_counter()
    page = await browser.new_page(viewport={"width": 1280, "height": 720})
    await page.goto(f"{url}/voila/render/{NOTEBOOKS[number - 1]}", wait_until="commit",
                    timeout=300_000)
    await page.wait_for_selector(DASHBOARD_CHART, timeout=300_000)
    seconds = time.perf_counter() - loaded
    await page.close(run_before_unload=True)
    return seconds


async def run(dashboards: list[int], log: Path | None) -> dict:
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        community = load_community(ROOT / "data" / "example")
        db = scratch / "workbook.db"
        load_paths([community.checklists_dir], db, community)
        output = open(log, "w") if log else subprocess.DEVNULL
        process, url = start_server(community.folder, db, scratch, output)
        try:
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=os.environ.get("CHROMIUM") or shutil.which("chromium"),
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
                for number in dashboards:
                    await pool_drawn(url)
                    seconds = await first_chart_after_load(browser, url, community, db, number)
                    results[f"dashboard_{number}_first_chart_after_load_s"] = seconds
                    print(f"dashboard {number}, opened right after a load: first chart after "
                          f"{seconds:.1f} s", flush=True)
                await browser.close()
        finally:
            process.terminate()
            process.wait(timeout=30)
    return results


async def first_charts_at_start_up(in_turn: bool) -> dict:
    """Seconds from the server's start to dashboard 1's first chart, then to the last one's."""
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        community = load_community(ROOT / "data" / "example")
        db = scratch / "workbook.db"
        load_paths([community.checklists_dir], db, community)
        started = time.perf_counter()
        process, url = start_server(
            community.folder, db, scratch,
            extra=[f"--voila=--FreshPoolKernelManager.first_fill_in_turn={in_turn}"])
        try:
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=os.environ.get("CHROMIUM") or shutil.which("chromium"),
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
                times = {}
                for number in (1, len(NOTEBOOKS)):
                    page = await browser.new_page(viewport={"width": 1280, "height": 720})
                    await page.goto(f"{url}/voila/render/{NOTEBOOKS[number - 1]}",
                                    wait_until="commit", timeout=300_000)
                    await page.wait_for_selector(DASHBOARD_CHART, timeout=300_000)
                    times[number] = time.perf_counter() - started
                    await page.close(run_before_unload=True)
                await browser.close()
        finally:
            process.terminate()
            process.wait(timeout=30)
    return times


def start_up(runs: int) -> None:
    """Both ways in turns, *runs* times each; medians and their ratio."""
    seen: dict[bool, list[dict]] = {False: [], True: []}
    for _ in range(runs):
        for in_turn in (False, True):
            times = asyncio.run(first_charts_at_start_up(in_turn))
            seen[in_turn].append(times)
            print(f"{'one after another' if in_turn else 'all at once'}: dashboard 1 "
                  f"{times[1]:.1f} s, dashboard {len(NOTEBOOKS)} {times[len(NOTEBOOKS)]:.1f} s "
                  "from the server's start", flush=True)
    for number in (1, len(NOTEBOOKS)):
        at_once = sorted(t[number] for t in seen[False])[runs // 2]
        in_turn = sorted(t[number] for t in seen[True])[runs // 2]
        print(f"dashboard {number}, median: all at once {at_once:.1f} s, one after another "
              f"{in_turn:.1f} s (ratio {in_turn / at_once:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dashboards", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--log", type=Path, help="keep the server's output in this file")
    parser.add_argument("--start-up", action="store_true",
                        help="time the first dashboards after the server starts instead")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.start_up:
        print(f"run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average at "
              f"start {os.getloadavg()[0]:.1f}")
        start_up(args.runs)
        return
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load = os.getloadavg()[0]
    results = asyncio.run(run(args.dashboards, args.log))
    print(f"run {started}, load average at start {load:.1f}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
