"""Take the README's dashboard screenshots from the example community, offline, at a
projector's 1280×720: one screen each, as the room sees it.

Usage: .venv/bin/python scripts/readme_screenshots.py   (writes docs/*.png)
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from dashboard_benchmark import example_dashboards  # noqa: E402  (one way to serve them)

PROJECTOR = {"width": 1280, "height": 720}
CHART = ".vega-embed svg.marks"
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")


def present_coverage(page) -> None:
    """Dashboard 1 in present mode, on its coverage grid (the panel after the overview)."""
    page.locator(".wb-header .wb-present-toggle").click()
    page.keyboard.press("PageDown")


def scroll_to_heatmap(page) -> None:
    """Dashboard 2 scrolled to the heatmap with its controls beside it."""
    page.evaluate("""() => { const row = document.querySelector('.wb-beside');
        const box = document.getElementById('rendered_cells');
        box.scrollTop += row.getBoundingClientRect().top - 8; }""")


SHOTS = {"1_map_the_moving_trains.ipynb": ("dashboard-1.png", present_coverage),
         "2_analyse_the_overlaps.ipynb": ("dashboard-2.png", scroll_to_heatmap)}


def main() -> None:
    out = ROOT / "docs"
    out.mkdir(exist_ok=True)
    with example_dashboards(preheat=False) as (url, browser):
        for notebook, (name, frame) in SHOTS.items():
            page = browser.new_page(viewport=PROJECTOR)
            page.route("**/*", lambda route: route.continue_()
                       if route.request.url.startswith(LOCAL) else route.abort())
            page.goto(f"{url}/voila/render/{notebook}", wait_until="commit")
            page.wait_for_selector(".wb-header", timeout=120_000)
            page.wait_for_selector(CHART, timeout=120_000)
            page.wait_for_timeout(2000)  # the last widgets settle
            frame(page)
            page.wait_for_timeout(1000)
            page.screenshot(path=str(out / name))
            print(f"wrote docs/{name}")
            page.close()


if __name__ == "__main__":
    main()
