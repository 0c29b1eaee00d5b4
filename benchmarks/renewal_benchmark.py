"""A dashboard asked for right after the checklists are loaded again, on this machine.

Usage: python benchmarks/renewal_benchmark.py [--dashboards 1 2] [--log server.log]

Starts the workshop server as `make workshop` does (every notebook preheated) on a copy of
the example community, waits until its pool is drawn, then for each dashboard named: loads
the checklists again, opens that dashboard at once in headless Chromium and times its first
chart from the end of the load; then waits for the pool to be drawn again. Right after a
load the server renews its preheated kernels (workbook/server.py), which is what the
visitor's page competes with for the two cores.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dashboards", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--log", type=Path, help="keep the server's output in this file")
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load = os.getloadavg()[0]
    results = asyncio.run(run(args.dashboards, args.log))
    print(f"run {started}, load average at start {load:.1f}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
