"""Take the README's dashboard screenshots from the example community, offline.

Usage: .venv/bin/python scripts/readme_screenshots.py   (writes docs/*.png)
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from dashboard_benchmark import serve  # noqa: E402  (one way to start Voilà for both scripts)

from workbook.community import load_community  # noqa: E402
from workbook.loading import load_paths  # noqa: E402
from workbook.notes import load_notes  # noqa: E402

SHOTS = {"1_map_the_moving_trains.ipynb": "dashboard-1.png",
         "2_analyse_the_overlaps.ipynb": "dashboard-2.png"}


def main() -> None:
    out = ROOT / "docs"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        community = load_community(ROOT / "data" / "example")
        db = scratch / "workbook.db"
        load_paths([community.checklists_dir], db, community)
        load_notes([community.folder / "notes"], db, community)
        env = dict(os.environ, HOME=str(scratch), JUPYTER_RUNTIME_DIR=str(scratch / "rt"),
                   IPYTHONDIR=str(scratch / "ipython"), JUPYTER_PATH=str(ROOT / "share" / "jupyter"),
                   WORKBOOK_COMMUNITY=str(community.folder), WORKBOOK_DB=str(db))
        process, url = serve(ROOT / "notebooks", env, preheat=False)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=os.environ.get("CHROMIUM") or shutil.which("chromium"),
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
                for notebook, name in SHOTS.items():
                    page = browser.new_page(viewport={"width": 1600, "height": 1900})
                    page.route("**/*", lambda route: route.continue_()
                               if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))
                               else route.abort())
                    page.goto(f"{url}/voila/render/{notebook}", wait_until="commit")
                    page.wait_for_selector(".vega-embed svg.marks", timeout=120_000)
                    page.wait_for_timeout(1500)
                    page.screenshot(path=str(out / name))
                    print(f"wrote docs/{name}")
                    page.close()
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=20)


if __name__ == "__main__":
    main()
