"""Take the README's dashboard screenshots from the example community, offline.

Usage: .venv/bin/python scripts/readme_screenshots.py   (writes docs/*.png)
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from dashboard_benchmark import example_dashboards  # noqa: E402  (one way to serve them)

SHOTS = {"1_map_the_moving_trains.ipynb": "dashboard-1.png",
         "2_analyse_the_overlaps.ipynb": "dashboard-2.png"}
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")


def main() -> None:
    out = ROOT / "docs"
    out.mkdir(exist_ok=True)
    with example_dashboards(preheat=False) as (url, browser):
        for notebook, name in SHOTS.items():
            page = browser.new_page(viewport={"width": 1600, "height": 1900})
            page.route("**/*", lambda route: route.continue_()
                       if route.request.url.startswith(LOCAL) else route.abort())
            page.goto(f"{url}/voila/render/{notebook}", wait_until="commit")
            page.wait_for_selector(".vega-embed svg.marks", timeout=120_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(out / name))
            print(f"wrote docs/{name}")
            page.close()


if __name__ == "__main__":
    main()
