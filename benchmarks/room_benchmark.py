"""The room view under a room's load, on this machine.

Usage: python benchmarks/room_benchmark.py [--attendees 40] [--browsers 5] [--runs 3]

Starts the workshop server (`python -m workbook serve`) on a copy of the example community,
publishes the overlap heatmap as the facilitator's dashboard does (views/room_share.py), then:

1. memory of the server process and its kernels (the preheated pool and the facilitator's
   dashboard) with 0, 10 and --attendees room clients connected: PSS, the measure of what
   a set of processes costs, and RSS and USS beside it (server_memory_mb says why);
2. --attendees clients open the room together, each as a phone's browser would over the
   network: the page (which holds the chart drawn as SVG and its Vega spec), its style and
   scripts (the Vega bundle, gzip), then the WebSocket opened for updates: median and worst
   time until a client holds all of it. At the same moment --browsers real headless
   Chromium pages (each its own context: its own cache, as phones) open the room: median
   and worst time until the chart is on screen, and until Vega has redrawn it (tooltips);
3. a new publication while all are open: median and worst time until each client has it
   and each browser shows it (measured in the page against the moment of publishing);
4. the facilitator's dashboard 2, time to its first chart, with no room client connected
   and with all of them connected, alternating, median of --runs each.

Why not 40 Chromium pages: the attendees' browsers would run on the same 2 cores as the
server, so the figure would measure drawing 40 charts on one laptop, which phones each do
on their own. `--browsers 40` runs that too.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
from playwright.async_api import async_playwright
from tornado.httpclient import AsyncHTTPClient
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbook.community import load_community  # noqa: E402
from workbook.loading import load_paths  # noqa: E402
from workbook.roomstore import state  # noqa: E402

DASHBOARD = "/voila/render/2_analyse_the_overlaps.ipynb"
DASHBOARD_CHART = ".vega-embed svg.marks"
ROOM_CHART = "#room-chart svg"
MB = 1024 * 1024


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(community: Path, db: Path, scratch: Path,
                 output=subprocess.DEVNULL, extra: list[str] = ()) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, HOME=str(scratch), JUPYTER_RUNTIME_DIR=str(scratch / "rt"),
               IPYTHONDIR=str(scratch / "ipython"), PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "-m", "workbook", "serve", "--community", str(community), "--db",
         str(db), "--port", str(port), *extra], env=env, stdout=output,
        stderr=subprocess.STDOUT if output is not subprocess.DEVNULL else output)
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            urllib.request.urlopen(url + "/room", timeout=2)
            return process, url
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("the workshop server did not start")


def server_memory_mb(pid: int) -> dict:
    """Memory of the server and every process under it (its kernels), in MB, three ways:

    * rss: each process's resident pages added up. The shared libraries (Python, numpy,
      pandas, the ZeroMQ and Arrow libraries...) are counted once per process, so this
      overstates what the processes cost together: it is the figure measured before.
    * pss: each shared page divided among the processes that share it, then added up: what
      the set of processes costs the machine (the kernel's own measure, /proc/PID/smaps).
    * uss: the pages only one process holds, added up: what stopping them all gives back
      at least.
    """
    server = psutil.Process(pid)
    processes = [server] + server.children(recursive=True)
    totals = {"rss": 0, "pss": 0, "uss": 0, "processes": len(processes) - 1}
    for process in processes:
        try:
            info = process.memory_full_info()
        except psutil.NoSuchProcess:
            continue
        for kind in ("rss", "pss", "uss"):
            totals[kind] += getattr(info, kind) / MB
    return totals


def _memory_line(memory: dict) -> str:
    return (f"PSS {memory['pss']:.0f} MB (RSS {memory['rss']:.0f}, USS {memory['uss']:.0f}; "
            f"{memory['processes']} processes under the server)")


def heatmap_publication(community: Path, db: Path) -> dict:
    """What the facilitator's dashboard 2 publishes for its heatmap (built headless here)."""
    os.environ.update(WORKBOOK_COMMUNITY=str(community), WORKBOOK_DB=str(db))
    from workbook.views import overlaps, room_share
    from workbook.views.page import Page
    import contextlib
    import io
    with contextlib.redirect_stdout(io.StringIO()):  # Page displays its widgets
        page = Page(2)
        page.show("the overlap heatmap", overlaps.overlap_panel)
    panel = page["overlap"]
    snapshot = room_share.Snapshot(panel.data, panel.choices, room_share.chart_of(panel))
    return room_share.overlap_publication(snapshot)


class Client:
    """One attendee's phone, as the server sees it: the page, its files, the WebSocket."""

    def __init__(self, url: str):
        self.url = url
        self.socket = None
        self.seen: dict[int, float] = {}  # state_id -> epoch seconds received

    async def open(self) -> float:
        started = time.perf_counter()
        http = AsyncHTTPClient()
        page = (await http.fetch(self.url + "/room", headers={"Accept-Encoding": "gzip"})).body
        initial = json.loads(re.search(rb'<script id="room-initial" type="application/json">'
                                       rb"(.*?)</script>", page, re.S).group(1))
        assert initial["vega"] and b"<svg" in page, "the current chart did not arrive"
        self.seen[initial["state_id"]] = time.time()
        for link in re.findall(rb'(?:href|src)="(/room/static/[^"]+)"', page):
            await http.fetch(self.url + link.decode(), headers={"Accept-Encoding": "gzip"},
                             decompress_response=False)
        self.socket = await websocket_connect(
            self.url.replace("http", "ws") + f"/room/updates?have={initial['state_id']}")
        asyncio.ensure_future(self._listen())
        return time.perf_counter() - started

    async def _listen(self) -> None:
        while True:
            message = await self.socket.read_message()
            if message is None:
                return
            self.seen[json.loads(message)["state_id"]] = time.time()

    def close(self) -> None:
        self.socket.close()


async def open_room(browser, url: str) -> tuple[object, float, float]:
    """A phone's browser opening the room: seconds from navigation to the first paint of
    the page (which holds the chart, drawn on the server), and to the chart redrawn by Vega
    (tooltips). The first paint is read from the page's paint timing: polling the page
    would wait behind the Vega scripts' parsing, which blocks scripts, not painting."""
    context = await browser.new_context(viewport={"width": 390, "height": 844})
    page = await context.new_page()
    started = time.perf_counter()
    await page.goto(url + "/room", wait_until="commit", timeout=180_000)
    await page.wait_for_selector(ROOM_CHART, timeout=180_000)
    await page.wait_for_selector("main[data-drawn]", timeout=180_000)
    drawn = time.perf_counter() - started
    painted = await page.evaluate("""() => {
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return paint ? paint.startTime / 1000 : null; }""")
    return page, painted if painted is not None else drawn, drawn


async def watch_for(page, title: str) -> None:
    """Record in the page (epoch ms) when *title*'s chart is drawn."""
    await page.evaluate("""title => {
        window.roomSeen = null;
        const look = () => {
            const h = document.querySelector('main h1');
            if (!window.roomSeen && h && h.textContent === title
                && document.querySelector('#room-chart svg')) window.roomSeen = Date.now();
        };
        new MutationObserver(look).observe(document.body, {childList: true, subtree: true});
    }""", title)


async def dashboard_first_chart(browser, url: str) -> float:
    page = await browser.new_page(viewport={"width": 1280, "height": 720})
    started = time.perf_counter()
    await page.goto(url + DASHBOARD, wait_until="commit")
    await page.wait_for_selector(DASHBOARD_CHART, timeout=180_000)
    seconds = time.perf_counter() - started
    await page.close()
    return seconds


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f} s, worst {max(values):.2f} s"


async def run(attendees: int, browsers: int, runs: int) -> dict:
    results: dict = {"attendees": attendees, "browsers": browsers}
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        community = load_community(ROOT / "data" / "example")
        db = scratch / "workbook.db"
        load_paths([community.checklists_dir], db, community)
        publication = heatmap_publication(community.folder, db)
        process, url = start_server(community.folder, db, scratch)
        try:
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=os.environ.get("CHROMIUM") or shutil.which("chromium"),
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
                await asyncio.sleep(20)  # the preheated kernels finish their pages
                without = [await dashboard_first_chart(browser, url)]
                await asyncio.sleep(15)  # the pool refills
                state.publish(db, source="2/overlap", **publication)
                await asyncio.sleep(5)  # the server has seen it and drawn its picture
                results["memory_mb_0"] = server_memory_mb(process.pid)
                AsyncHTTPClient.configure(None, max_clients=attendees)
                ten = [Client(url) for _ in range(10)]
                await asyncio.gather(*(c.open() for c in ten))
                results["memory_mb_10"] = server_memory_mb(process.pid)
                for client in ten:
                    client.close()
                await asyncio.sleep(2)

                clients = [Client(url) for _ in range(attendees)]
                opened, shown = await asyncio.gather(
                    asyncio.gather(*(c.open() for c in clients)),
                    asyncio.gather(*(open_room(browser, url) for _ in range(browsers))))
                results["client_open_s"] = list(opened)
                results["browser_seen_s"] = [seen for _, seen, _ in shown]
                results["browser_drawn_s"] = [drawn for _, _, drawn in shown]
                pages = [page for page, _, _ in shown]
                print(f"{attendees} clients hold the chart: {summary(opened)}")
                print(f"{browsers} browsers paint it: {summary(results['browser_seen_s'])}; "
                      f"redrawn by Vega: {summary(results['browser_drawn_s'])}")
                results["memory_mb_all"] = server_memory_mb(process.pid)

                title = "Combined score (room benchmark update)"
                await asyncio.gather(*(watch_for(page, title) for page in pages))
                published = time.time()
                new_id = state.publish(db, source="2/overlap", **{**publication, "title": title})
                deadline = time.time() + 60
                while time.time() < deadline:
                    seen = await asyncio.gather(*(p.evaluate("window.roomSeen") for p in pages))
                    if all(seen) and all(new_id in c.seen for c in clients):
                        break
                    await asyncio.sleep(0.1)
                results["update_client_s"] = [c.seen[new_id] - published for c in clients
                                              if new_id in c.seen]
                results["update_browser_s"] = [s / 1000 - published for s in seen if s]
                results["update_missed"] = (sum(new_id not in c.seen for c in clients)
                                            + sum(not s for s in seen))
                print(f"update: clients {summary(results['update_client_s'])}; browsers "
                      f"{summary(results['update_browser_s'])}; missed {results['update_missed']}")

                with_room = []
                for _ in range(runs):
                    await asyncio.sleep(15)
                    with_room.append(await dashboard_first_chart(browser, url))
                for page in pages:
                    await page.context.close()
                for client in clients:
                    client.close()
                for _ in range(runs - 1):
                    await asyncio.sleep(15)
                    without.append(await dashboard_first_chart(browser, url))
                results["dashboard_without_room_s"] = without
                results["dashboard_with_room_s"] = with_room
                await browser.close()
        finally:
            process.terminate()
            process.wait(timeout=30)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attendees", type=int, default=40)
    parser.add_argument("--browsers", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load = os.getloadavg()[0]
    results = asyncio.run(run(args.attendees, args.browsers, args.runs))
    print(f"\nrun {started}, load average at start {load:.1f}")
    print(f"memory, 0 clients: {_memory_line(results['memory_mb_0'])}")
    print(f"memory, 10 clients: {_memory_line(results['memory_mb_10'])}")
    print(f"memory, {args.attendees} clients + {args.browsers} browsers: "
          f"{_memory_line(results['memory_mb_all'])}")
    print(f"{args.attendees} clients hold the current chart: {summary(results['client_open_s'])}")
    print(f"{args.browsers} browsers paint it: {summary(results['browser_seen_s'])}; "
          f"Vega redrawn: {summary(results['browser_drawn_s'])}")
    print(f"new publication: clients {summary(results['update_client_s'])}; browsers "
          f"{summary(results['update_browser_s'])}; missed {results['update_missed']}")
    print(f"dashboard 2 first chart, no room: {summary(results['dashboard_without_room_s'])}")
    print(f"dashboard 2 first chart, room connected: {summary(results['dashboard_with_room_s'])}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
