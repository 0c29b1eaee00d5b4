"""The room view without a browser: what is published and read back, the page drawn once per
publication, the one watcher pushing it to every open page, and the dashboards' publishing."""
from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest

from workbook.room import view
from workbook.roomstore import state
from workbook.views import room_share

from .test_dashboards import example_db  # noqa: F401  (the example community, loaded once)

BAR_CHART = {  # what Altair writes for a small bar chart, as a dashboard would publish it
    "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
    "data": {"values": [{"coalition": "Ready by Five Bell-Calder", "seats": 9},
                        {"coalition": "Ashford Early Learning Partnership", "seats": 11}]},
    "mark": {"type": "bar"},
    "encoding": {"y": {"field": "coalition", "type": "nominal"},
                 "x": {"field": "seats", "type": "quantitative"}},
}


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "workbook.db"


def _publish(db: Path, title: str = "Who sits on which coalitions", **extra) -> int:
    return state.publish(db, title=title, source="2/network", subtitle="Organisations on at least 2",
                         vegalite=BAR_CHART, numbers=[("coalitions", "23")],
                         table=[{"Organisation": "Riverbend Community Action Agency", "Coalitions": 9}],
                         caption="The organisations on most coalitions", **extra)


# --- publish and latest -----------------------------------------------------------------

def test_nothing_published_reads_as_none_and_creates_no_file(db):
    assert state.latest(db) is None
    assert not db.exists()


def test_a_database_without_room_state_reads_as_none(db, example_db):  # noqa: F811
    db.write_bytes(example_db.read_bytes())
    import sqlite3
    with sqlite3.connect(db) as connection:
        connection.execute("DROP TABLE IF EXISTS room_state")
    assert state.latest(db) is None


def test_only_the_newest_publications_are_kept(db, monkeypatch):
    monkeypatch.setattr(state, "KEEP", 3)
    ids = [_publish(db, f"Chart {n}") for n in range(5)]
    with state.connect_shared(db) as connection:
        kept = [row[0] for row in connection.execute("SELECT state_id FROM room_state ORDER BY 1")]
    assert kept == ids[-3:]
    assert state.latest(db).title == "Chart 4"


def test_the_newest_publication_is_shown_whole(db):
    first = _publish(db, "Issue area × Population")
    second = _publish(db)
    shown = state.latest(db)
    assert second > first and shown.state_id == second
    assert shown.title == "Who sits on which coalitions" and shown.source == "2/network"
    assert shown.vegalite == BAR_CHART
    assert shown.numbers == [("coalitions", "23")]
    assert shown.table == [{"Organisation": "Riverbend Community Action Agency", "Coalitions": 9}]
    assert shown.caption == "The organisations on most coalitions"


def test_a_load_leaves_the_room_state_alone(tmp_path, example_db):  # noqa: F811
    from workbook.community import load_community
    from workbook.loading import load_paths
    from .conftest import EXAMPLE
    db = tmp_path / "copy.db"
    db.write_bytes(example_db.read_bytes())
    published = _publish(db)
    load_paths([load_community(EXAMPLE).checklists_dir], db, load_community(EXAMPLE))
    assert state.latest(db).state_id == published


# --- the page, drawn once per publication ----------------------------------------------------

def test_the_waiting_page_says_so():
    rendered = view.render(None)
    assert rendered.state_id is None
    assert "<h1>Waiting for the facilitator</h1>" in rendered.fragment
    assert json.loads(rendered.message)["vega"] is None


def test_a_publication_becomes_a_heading_numbers_a_captioned_table_and_a_vega_chart(db):
    _publish(db, title="Meeting <burden>")
    rendered = view.render(state.latest(db))
    page = rendered.fragment
    assert "<h1>Meeting &lt;burden&gt;</h1>" in page  # escaped, never raw HTML
    assert "<caption>The organisations on most coalitions</caption>" in page
    assert '<th scope="row">Riverbend Community Action Agency</th>' in page
    assert '<th scope="col">Coalitions</th>' in page
    assert "<b>23</b> <span>coalitions</span>" in page
    assert 'role="img"' in page and "numbers are in the table below" in page
    vega = json.loads(rendered.message)["vega"]
    assert "vega/v" in vega["$schema"] and "vega-lite" not in vega["$schema"]
    assert any(mark["type"] == "rect" for mark in vega["marks"])  # a bar chart, compiled


def test_a_chart_that_cannot_be_compiled_still_shows_its_numbers(db):
    state.publish(db, title="Asks", source="2/asks", vegalite={"mark": "no-such-mark"},
                  table=[{"Organisation": "Hollis Family Foundation", "Money": "4"}])
    rendered = view.render(state.latest(db))
    assert json.loads(rendered.message)["vega"] is None
    assert "Hollis Family Foundation" in rendered.fragment and 'role="img"' not in rendered.fragment


def test_the_vega_scripts_are_served_from_here_under_a_versioned_name():
    names = view.static_names()
    vega = [name for name, found in names.items() if found == "vega"]
    assert len(vega) == 1 and vega[0].startswith("vega-")
    own = {found: name for name, found in names.items()}
    assert own["room.js"] != "room.js" and own["room.js"].startswith("room-")
    assert view.static_asset("no-such.js") is None
    script = view.static_asset(own["room.js"])
    assert script.content_type.startswith("text/javascript")
    import gzip
    assert gzip.decompress(script.zipped) == script.body


# --- the one watcher and the push loop ----------------------------------------------------------

class Phone:
    """An open room page, as the feed sees it."""

    def __init__(self):
        self.received: list[str] = []

    def write_message(self, message: str) -> None:
        self.received.append(message)


def test_one_query_per_check_whatever_the_number_of_pages(db, monkeypatch):
    asked = []
    real = state.newest_id
    monkeypatch.setattr(state, "newest_id", lambda c: asked.append(1) or real(c))
    feed = view.RoomFeed(db)
    phones = [Phone() for _ in range(40)]
    for phone in phones:
        feed.join(phone)
    _publish(db)

    async def checks():
        for _ in range(3):
            await feed.check()
    asyncio.run(checks())
    assert len(asked) == 3
    assert all(len(phone.received) == 1 for phone in phones)  # sent once, when it was new
    assert len({id(phone.received[0]) for phone in phones}) == 1  # one message, made once
    feed.stop()


def test_each_new_publication_is_pushed_to_every_open_page(db):
    feed = view.RoomFeed(db)
    early, late = Phone(), Phone()
    feed.join(early)

    async def run():
        first = await feed.now()
        assert first.state_id is None  # nothing published: the waiting page
        published = _publish(db, "Issue area × Geography (county level)")
        await feed.check()
        feed.join(late)
        second = _publish(db, "Combined score")
        await feed.check()
        await feed.check()  # nothing new: nothing sent
        return published, second
    published, second = asyncio.run(run())
    assert [json.loads(m)["state_id"] for m in early.received] == [None, published, second]
    assert [json.loads(m)["title"] for m in late.received] == ["Combined score"]
    feed.stop()


def test_forty_pages_asked_for_at_once_all_get_the_publication_rendered_once(db, monkeypatch):
    rendered = []
    real = view.render
    monkeypatch.setattr(view, "render", lambda shown: rendered.append(1) or real(shown))
    published = _publish(db)
    feed = view.RoomFeed(db)

    async def forty():
        return await asyncio.gather(*(feed.now() for _ in range(40)))
    pages = asyncio.run(forty())
    assert all(page is not None and page.state_id == published for page in pages)
    assert len(rendered) == 1
    feed.stop()


def test_pages_opened_later_get_the_chart_drawn_once_on_the_server(db):
    feed = view.RoomFeed(db)
    phone = Phone()
    feed.join(phone)
    _publish(db)

    async def run():
        await feed.check()
        pushed = feed.current
        await feed.picture
        return pushed, feed.current
    pushed, later = asyncio.run(run())
    assert "<svg" not in json.loads(phone.received[0])["html"]  # open pages draw it with Vega
    assert "<svg" not in pushed.fragment
    assert "<svg" in later.fragment and "Ashford Early Learning Partnership" in later.fragment
    assert later.message == pushed.message
    feed.stop()


def test_a_page_that_left_is_no_longer_sent_to(db):
    from tornado.websocket import WebSocketClosedError

    class Gone(Phone):
        def write_message(self, message):
            raise WebSocketClosedError()
    feed = view.RoomFeed(db)
    gone, here = Gone(), Phone()
    feed.join(gone)
    feed.join(here)
    _publish(db)
    asyncio.run(feed.check())
    assert feed.clients == {here} and len(here.received) == 1
    feed.stop()


# --- the facilitator's dashboards publish ---------------------------------------------------------

@pytest.fixture
def facilitator_page(example_db, tmp_path, monkeypatch):  # noqa: F811
    """Dashboard 1 and 2's panels built headless on a copy of the example database."""
    from .conftest import EXAMPLE
    db = tmp_path / "workbook.db"
    db.write_bytes(example_db.read_bytes())
    monkeypatch.setenv("WORKBOOK_COMMUNITY", str(EXAMPLE))
    monkeypatch.setenv("WORKBOOK_DB", str(db))
    monkeypatch.setattr(room_share, "_publishers", {})
    return db


def _wait_for_publication(db: Path, after: int | None = None, timeout_s: float = 20):
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        shown = state.latest(db)
        if shown is not None and (after is None or shown.state_id > after):
            return shown
        time.sleep(0.05)
    return None


def test_outside_voila_nothing_is_published(facilitator_page, monkeypatch):
    from workbook.views import trains
    from workbook.views.page import Page
    monkeypatch.delenv(state.PUBLISH_SIGNAL, raising=False)
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    assert room_share.enabled()  # a dashboard Voilà serves: the facilitator's
    monkeypatch.setenv(state.PUBLISH_SIGNAL, "0")
    assert not room_share.enabled()  # switched off
    monkeypatch.delenv(state.PUBLISH_SIGNAL)
    monkeypatch.delenv("VOILA_BASE_URL")
    assert not room_share.enabled()  # JupyterLab or a headless run: never
    page = Page(1)
    page.show("the coverage grid", trains.coverage_panel)
    page["coverage"].children[0].value = "Issue area × geography"
    time.sleep(room_share.SETTLE_S * 3)
    assert state.latest(facilitator_page) is None


def test_a_preheated_kernel_publishes_nothing_until_voila_hands_it_to_a_visitor(
        facilitator_page, monkeypatch):
    import threading

    import voila.utils

    from workbook.views import shell, trains
    from workbook.views.page import Page
    monkeypatch.setenv("VOILA_BASE_URL", "/")  # a dashboard Voilà serves...
    monkeypatch.setenv(shell.PREHEAT_SIGNAL, "True")  # ...run ahead, waiting in the pool
    monkeypatch.setattr(shell, "_VISITOR", threading.Event())
    page = Page(1)
    page.show("the coverage grid", trains.coverage_panel)
    grid = page["coverage"].children[0]
    grid.value = "Issue area × geography"  # a change nobody made: no visitor yet
    time.sleep(room_share.SETTLE_S * 3)
    assert state.latest(facilitator_page) is None
    # The last cell waits for the visitor; Voilà's wait returns when one takes the kernel.
    monkeypatch.setattr(voila.utils, "wait_for_request", lambda url=None: None)
    page.keep_fresh()
    grid.value = "Population × geography"
    shown = _wait_for_publication(facilitator_page)
    assert shown is not None and shown.source == "1/coverage"


def test_a_change_in_the_coverage_grid_is_published_with_its_numbers(facilitator_page):
    from workbook.views import trains
    from workbook.views.page import Page
    page = Page(1)
    page.show("the coverage grid", trains.coverage_panel)
    panel = page["coverage"]
    assert room_share.follow(1, "coverage", panel, facilitator_page, force=True)
    assert state.latest(facilitator_page) is None  # building the page publishes nothing
    panel.children[0].value = "Issue area × geography"
    shown = _wait_for_publication(facilitator_page)
    assert shown is not None and shown.source == "1/coverage"
    cells = panel.data["cells"]
    assert shown.title.startswith("Issue area × Geography")
    in_view = cells[~cells["filtered"]]
    assert (("gaps: squares no coalition covers", f"{int(in_view['gap'].sum())} of {len(in_view)}")
            in shown.numbers)
    assert len(shown.table) == cells["issue_area"].nunique()  # one row per issue area
    gaps_in_table = sum(value == "gap" for row in shown.table for value in row.values())
    assert gaps_in_table == int(cells["gap"].sum())
    assert shown.vegalite["title"]["text"] == shown.title


def test_a_weight_changed_is_published_with_the_pairs_as_on_screen(facilitator_page):
    from workbook.views import overlaps
    from workbook.views.page import Page
    page = Page(2)
    page.show("the overlap heatmap", overlaps.overlap_panel)
    panel = page["overlap"]
    room_share.follow(2, "overlap", panel, facilitator_page, force=True)
    members = [w for w in room_share.controls(panel)
               if getattr(w, "description", "") == "Shared members"][0]
    for value in (0.3, 0.4, 0.5):
        members.value = value
    deadline = time.time() + 20
    while time.time() < deadline:  # the last change is the one the room ends up seeing
        shown = state.latest(facilitator_page)
        if shown is not None and "Shared members 0.5" in shown.subtitle:
            break
        time.sleep(0.05)
    assert shown is not None and "Shared members 0.5" in shown.subtitle
    pairs = panel.data["pairs"]
    assert [row["Pair"] for row in shown.table] == [
        f"{a} & {b}" for a, b in zip(pairs["coalition_a"], pairs["coalition_b"])]
    assert [row["Overlap"] for row in shown.table] == [f"{s:.0%}" for s in pairs["score"]]
    assert [row["Shared items"] for row in shown.table] == [str(n) for n in pairs["shared"]]


def test_changes_in_quick_succession_publish_once_the_last(db):
    publisher = room_share.Publisher(db, settle_s=0.5)
    for n in range(5):
        publisher.want("2/overlap", lambda n=n: {"title": f"Weights {n}", "numbers": []})
    shown = _wait_for_publication(db)
    time.sleep(1.0)
    assert state.latest(db).state_id == shown.state_id and shown.title == "Weights 4"
    assert publisher.published == 1


def test_panels_with_peoples_details_are_never_published(facilitator_page):
    from workbook.views import review, trains
    from workbook.views.page import Page
    page = Page(1)
    page.show("the footprint card", trains.footprint_panel)
    page.show("the names to review", review.names_panel)
    for name, panel in page.panels.items():
        assert not room_share.follow(1, name, panel, facilitator_page, force=True), name


def test_a_failing_publication_reaches_the_log_not_the_page(facilitator_page, capsys):
    publisher = room_share.Publisher(facilitator_page, settle_s=0.01)

    def broken():
        raise RuntimeError("the chart could not be read")
    publisher.want("1/coverage", broken)
    time.sleep(0.3)
    publisher.want("1/coverage", lambda: {"title": "Issue area × Population", "numbers": []})
    shown = _wait_for_publication(facilitator_page)
    assert shown is not None and shown.title == "Issue area × Population"
    assert "the chart could not be read" in capsys.readouterr().err  # JupyterLab: stderr


# --- beyond this laptop: the room code opens the room view, and nothing else does ----------------

@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    from .servers import workshop_server
    with workshop_server(tmp_path_factory.mktemp("room-view-access"), require_codes=True,
                         preheat=False) as running:
        yield running


def _updates(server, cookies: dict) -> tuple[int | None, dict | None]:
    """Open the room's WebSocket with *cookies*: (refusal status, first message)."""
    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    async def connect():
        header = "; ".join(f"{k}={v}" for k, v in cookies.items())
        request = HTTPRequest(server.url.replace("http", "ws") + "/room/updates",
                              headers={"Cookie": header} if header else {})
        try:
            socket = await websocket_connect(request)
        except HTTPClientError as refused:
            return refused.code, None
        message = json.loads(await socket.read_message())
        socket.close()
        return None, message
    return asyncio.run(connect())


def test_without_the_room_code_the_room_view_is_refused(guarded):
    import requests
    stranger = requests.Session()
    assert stranger.get(guarded.url + "/room", timeout=60).status_code == 401
    script = next(name for name, found in view.static_names().items() if found == "room.js")
    assert stranger.get(f"{guarded.url}/room/static/{script}", timeout=60).status_code == 401
    assert _updates(guarded, {})[0] == 401


def test_the_room_code_opens_the_room_view_and_its_updates(guarded):
    from .test_room_access import joined
    _publish(guarded.db, "Who sits on which coalitions")
    member = joined(guarded, guarded.room_code)
    page = member.get(guarded.url + "/room", timeout=60)
    assert page.status_code == 200 and "<h1>Who sits on which coalitions</h1>" in page.text
    script = next(name for name, found in view.static_names().items() if found == "room.js")
    answer = member.get(f"{guarded.url}/room/static/{script}", timeout=60)
    assert answer.status_code == 200 and "immutable" in answer.headers["Cache-Control"]
    refused, message = _updates(guarded, member.cookies.get_dict())
    assert refused is None and message["title"] == "Who sits on which coalitions"
