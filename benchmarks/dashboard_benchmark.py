"""Dashboard speed in a real browser, beside a one-cell Voilà page in the same run.

Usage: python benchmarks/dashboard_benchmark.py [--preheat] [--runs N]
Prints, per dashboard, the median time from navigation to the last chart drawn and
its ratio to the one-cell page, then the median time from a widget change to the
redrawn chart. Targets (issue 3): first chart within 1.5x the one-cell page,
redraw within 250 ms.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook
from playwright.sync_api import sync_playwright

from workbook.community import load_community
from workbook.loading import load_paths
from workbook.notes import load_notes

ROOT = Path(__file__).resolve().parents[1]
CHART = ".vega-embed svg.marks"
PAGES = {"1_map_the_moving_trains.ipynb": 1, "2_analyse_the_overlaps.ipynb": 4}


def serve(folder: Path, env: dict, preheat: bool) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "voila", str(folder), "--no-browser", f"--port={port}",
               "--Voila.ip=127.0.0.1", "--template=workshop"]
    if preheat:
        command += ["--preheat_kernel=True", "--pool_size=1"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(url, timeout=2)
            return process, url
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("voila did not start")


def time_page(browser, url: str, selector: str, count: int, settle: float) -> tuple[float, float]:
    """Seconds from navigation to the first and to the last chart drawn."""
    time.sleep(settle)  # let Voilà refill its pool of preheated kernels, as between real visits
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(selector, timeout=180_000)
    first = time.perf_counter() - start
    page.wait_for_function(f"() => document.querySelectorAll({selector!r}).length >= {count}",
                           timeout=180_000)
    last = time.perf_counter() - start
    page.close()
    return first, last


def time_redraws(browser, url: str, changes: int) -> list[float]:
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(url, wait_until="commit")
    page.wait_for_function(f"() => document.querySelectorAll({CHART!r}).length >= 4", timeout=180_000)
    dropdown = page.locator(".widget-dropdown select").first
    labels = ["Shared members", "Funders", "Geography", "Combined score"]
    timings = []
    for i in range(changes):
        before = page.locator(CHART).first.evaluate("n => n.outerHTML")
        start = time.perf_counter()
        dropdown.select_option(label=labels[i % len(labels)])
        page.wait_for_function(
            "before => document.querySelector('.vega-embed svg.marks').outerHTML !== before",
            arg=before, timeout=30_000, polling="raf")
        timings.append(time.perf_counter() - start)
    page.close()
    return timings


@contextmanager
def example_dashboards(preheat: bool, extra_notebooks: dict | None = None):
    """Serve the notebooks on the example community (with its interview notes) and open
    Chromium; yields (url, browser). Extra notebooks are served beside them."""
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        community = load_community(ROOT / "data" / "example")
        db = scratch / "workbook.db"
        load_paths([community.checklists_dir], db, community)
        load_notes([community.folder / "notes"], db, community)
        served = scratch / "notebooks"
        shutil.copytree(ROOT / "notebooks", served)
        for name, notebook in (extra_notebooks or {}).items():
            nbformat.write(notebook, served / name)
        env = dict(os.environ, HOME=str(scratch), JUPYTER_RUNTIME_DIR=str(scratch / "rt"),
                   IPYTHONDIR=str(scratch / "ipython"), JUPYTER_PATH=str(ROOT / "share" / "jupyter"),
                   WORKBOOK_COMMUNITY=str(community.folder), WORKBOOK_DB=str(db))
        process, url = serve(served, env, preheat)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=os.environ.get("CHROMIUM") or shutil.which("chromium"),
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
                yield url, browser
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--preheat", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    one_cell = new_notebook(cells=[new_code_cell(
        "import ipywidgets\nipywidgets.HTML('<p class=\"one-cell\">hello</p>')")])
    settle = 12.0 if args.preheat else 1.0
    with example_dashboards(args.preheat, {"one_cell.ipynb": one_cell}) as (url, browser):
        baseline = statistics.median(
            time_page(browser, f"{url}/voila/render/one_cell.ipynb", ".one-cell", 1, settle)[0]
            for _ in range(args.runs))
        print(f"one-cell page: {baseline:.2f} s (median of {args.runs}, "
              f"preheat={'on' if args.preheat else 'off'})")
        for name, charts in PAGES.items():
            runs = [time_page(browser, f"{url}/voila/render/{name}", CHART, charts, settle)
                    for _ in range(args.runs)]
            first = statistics.median(r[0] for r in runs)
            last = statistics.median(r[1] for r in runs)
            print(f"{name}: first chart at {first:.2f} s = {first / baseline:.2f}x, "
                  f"last chart at {last:.2f} s = {last / baseline:.2f}x the one-cell page")
        redraws = time_redraws(browser, f"{url}/voila/render/2_analyse_the_overlaps.ipynb", 12)
        print(f"widget change to redrawn heatmap: median {1000 * statistics.median(redraws):.0f} ms "
              f"(min {1000 * min(redraws):.0f}, max {1000 * max(redraws):.0f}, n={len(redraws)})")


if __name__ == "__main__":
    main()
