"""The room view ("follow the facilitator"): what the facilitator shows, on every phone.

No kernel per attendee. The facilitator's kernel publishes what it shows
(``state.publish``, from ``workbook.views.room_share``); this server process watches the
database with one cheap query twice a second, shared by every attendee (``RoomFeed``),
turns each new publication once into a page fragment and a compiled Vega spec, and pushes
that same message over a WebSocket to every open room page. The page is drawn on the server
(large type, a heading, the numbers, a table with a caption as the chart's text
alternative), once per publication for everyone; the chart is drawn in the browser by the
Vega scripts this server serves itself from ``/room/static/``
(``vl_convert.javascript_bundle()``, made once). A page opened after the push also gets the
chart drawn once as SVG on the server, so it shows before the 0.9 MB of scripts are parsed.

Handlers: ``/room`` the page, ``/room/updates`` its WebSocket, ``/room/static/<name>``.
"""
from __future__ import annotations

import asyncio
import functools
import datetime as dt
import gzip
import hashlib
import json
import logging
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2
from jupyter_server.base.websocket import WebSocketMixin
from jupyter_server.utils import url_path_join
from tornado import web, websocket
from tornado.ioloop import IOLoop, PeriodicCallback

from ..roomstore import state
from . import guard
from .guard import room_page
from ..store import connect_shared

HERE = Path(__file__).parent
WATCH_EVERY_S = 0.5  # how often the one shared query asks for a newer publication
FOREVER = "public, max-age=31536000, immutable"  # versioned names: a new version, a new URL

log = logging.getLogger("workbook.room")
_templates = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                                autoescape=True, trim_blocks=True, lstrip_blocks=True)


# --- what the room sees, made once per publication ----------------------------------------

@dataclass(frozen=True, eq=False)  # one object per publication: hashed by identity
class Rendered:
    """One publication, ready for every attendee: the page's main part and the pushed message."""
    state_id: int | None  # None: nothing published yet
    title: str
    fragment: str  # the <article> inside the page's <main>
    message: str  # JSON pushed to open pages: state_id, title, html, vega
    shown: state.Shown | None = None
    vega: dict | None = None


def render(shown: state.Shown | None) -> Rendered:
    """The page fragment and the pushed message for *shown* (the waiting page when None)."""
    if shown is None:
        fragment = _templates.get_template("waiting.html").render()
        title = "Waiting for the facilitator"
        return Rendered(None, title, fragment, json.dumps(
            {"state_id": None, "title": title, "html": fragment, "vega": None}))
    vega = compile_chart(shown.vegalite)
    fragment = _fragment(shown, vega)
    message = json.dumps({"state_id": shown.state_id, "title": shown.title, "html": fragment,
                          "vega": vega})
    return Rendered(shown.state_id, shown.title, fragment, message, shown, vega)


def with_picture(rendered: Rendered) -> Rendered:
    """*rendered* with its chart drawn once as SVG on the server and put in the page, so a
    phone opening the room sees the chart before the Vega scripts arrive (they then redraw
    it, with tooltips). Pushed messages never carry it: open pages draw with Vega at once."""
    if rendered.vega is None:
        return rendered
    import vl_convert
    try:
        picture = vl_convert.vega_to_svg(rendered.vega)
    except Exception:  # the Vega scripts still draw it in the browser
        log.exception("Room view: the chart could not be drawn on the server")
        return rendered
    return replace(rendered, fragment=_fragment(rendered.shown, rendered.vega, picture))


def _fragment(shown: state.Shown, vega: dict | None, picture: str = "") -> str:
    columns = list(dict.fromkeys(key for row in shown.table for key in row))
    return _templates.get_template("shown.html").render(
        shown=shown, chart=vega is not None, columns=columns, picture=picture,
        when=_local_time(shown.published_at))


def compile_chart(vegalite: dict | None) -> dict | None:
    """Vega-Lite to Vega, once on the server, so phones only draw (None if there is no chart
    or it cannot be compiled: the numbers still show)."""
    if not vegalite:
        return None
    import vl_convert
    try:
        return vl_convert.vegalite_to_vega(vegalite)
    except Exception:  # a spec vl-convert refuses: the table of numbers is still there
        log.exception("Room view: the published chart could not be compiled")
        return None


def _local_time(iso: str) -> str:
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%H:%M")
    except (TypeError, ValueError):
        return ""


class RoomFeed:
    """The one watcher of ``room_state`` in this server, and the open room pages it feeds.

    One query every WATCH_EVERY_S whatever the number of attendees; a new publication is
    rendered once (in a worker thread, off the server's loop) and the same message is sent
    to every open page.
    """

    def __init__(self, db: Path, every_s: float = WATCH_EVERY_S):
        self.db = Path(db)
        self.every_s = every_s
        self.clients: set = set()
        self.current: Rendered | None = None
        self._connection: sqlite3.Connection | None = None
        self._watch: PeriodicCallback | None = None
        self._lock = asyncio.Lock()
        self.picture: asyncio.Future | None = None  # the SVG being drawn for later pages

    def start(self) -> None:
        if self._watch is None:
            self._watch = PeriodicCallback(self.check, self.every_s * 1000)
            self._watch.start()

    def stop(self) -> None:
        if self._watch is not None:
            self._watch.stop()
            self._watch = None
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def now(self) -> Rendered:
        """What the room sees now, checking once more first (a page asked for it)."""
        await self.check(wait=True)
        return self.current

    async def check(self, wait: bool = False) -> None:
        """If a newer publication exists, render it once and send it to every open page."""
        if self._lock.locked() and not wait:
            return  # the previous check is still rendering; the next tick looks again
        async with self._lock:
            newest = self._newest_id()
            if self.current is not None and newest == self.current.state_id:
                return
            rendered = await IOLoop.current().run_in_executor(None, self._render_newest)
            self.current = rendered
        self.send_all(rendered.message)
        self.picture = asyncio.ensure_future(self._add_picture(rendered))

    async def _add_picture(self, rendered: Rendered) -> None:
        """After the push: draw the chart as SVG once, for the pages opened from now on."""
        drawn = await IOLoop.current().run_in_executor(None, with_picture, rendered)
        if self.current is rendered:
            self.current = drawn

    def _newest_id(self) -> int | None:
        if not self.db.is_file():
            return None
        try:
            if self._connection is None:
                self._connection = connect_shared(self.db)
            return state.newest_id(self._connection)
        except sqlite3.Error:  # busy or replaced this instant: keep what is shown, ask again
            log.warning("Room view: the database could not be read; trying again", exc_info=True)
            if self._connection is not None:
                self._connection.close()
                self._connection = None
            return self.current.state_id if self.current else None

    def _render_newest(self) -> Rendered:
        try:
            return render(state.latest(self.db))
        except Exception:
            log.exception("Room view: the newest publication could not be read")
            return self.current or render(None)

    def join(self, client) -> None:
        self.clients.add(client)

    def leave(self, client) -> None:
        self.clients.discard(client)

    def send_all(self, message: str) -> None:
        for client in list(self.clients):
            try:
                client.write_message(message)
            except websocket.WebSocketClosedError:
                self.leave(client)


_feeds: dict[Path, RoomFeed] = {}


def feed() -> RoomFeed:
    """This server's one feed, for the database the dashboards show."""
    from ..workspace import locate
    db = locate()[1].resolve()
    if db not in _feeds:
        _feeds[db] = RoomFeed(db)
    found = _feeds[db]
    found.start()
    return found


# --- the files the page needs, served from this machine -------------------------------------

@dataclass(frozen=True)
class Asset:
    body: bytes
    zipped: bytes
    content_type: str


_assets: dict[str, Asset] = {}
_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".html": "text/html; charset=utf-8"}


def _asset(body: bytes, suffix: str) -> Asset:
    return Asset(body, gzip.compress(body, 6), _TYPES[suffix])


def vega_name() -> str:
    import vl_convert
    return f"vega-{vl_convert.__version__}.js"


def vega_bundle() -> Asset:
    """Vega, Vega-Lite and vega-embed in one script (as Altair's offline mode uses), made
    once per server: about 0.9 MB, 2 s to make, cached in memory."""
    name = vega_name()
    if name not in _assets:
        import vl_convert
        _assets[name] = _asset(vl_convert.javascript_bundle().encode(), ".js")
    return _assets[name]


@functools.lru_cache(maxsize=1)
def static_names() -> dict[str, str]:
    """Each file's name as the page links it (versioned by its content) -> its file."""
    names = {vega_name(): "vega"}
    for path in sorted((HERE / "static").iterdir()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        names[f"{path.stem}-{digest}{path.suffix}"] = path.name
    return names


def static_asset(name: str) -> Asset | None:
    found = static_names().get(name)
    if found is None:
        return None
    if found == "vega":
        return vega_bundle()
    if name not in _assets:
        path = HERE / "static" / found
        _assets[name] = _asset(path.read_bytes(), path.suffix)
    return _assets[name]


# --- the handlers ---------------------------------------------------------------------------

class RoomPage(guard.RoomHandler):
    """/room: what the facilitator shows now, drawn on the server once for everyone."""

    @room_page
    async def get(self):
        rendered = await feed().now()
        page = room_page_bytes(rendered, self.base_url)
        self.set_header("Cache-Control", "no-store")  # always the newest publication
        self.set_header("Vary", "Accept-Encoding")
        if "gzip" in self.request.headers.get("Accept-Encoding", ""):
            self.set_header("Content-Encoding", "gzip")
            self.finish(page.zipped)
        else:
            self.finish(page.body)


@functools.lru_cache(maxsize=8)
def room_page_bytes(rendered: Rendered, base_url: str) -> Asset:
    """The whole page for one publication, made once and sent to every attendee alike."""
    links = {found: url_path_join(base_url, "room", "static", name)
             for name, found in static_names().items()}
    page = _templates.get_template("room.html").render(
        rendered=rendered, community=_community_name(), links=links,
        initial=rendered.message.replace("<", "\\u003c"),
        updates=url_path_join(base_url, "room", "updates"))
    return _asset(page.encode(), ".html")


def _community_name() -> str:
    from ..workspace import locate
    try:
        return locate()[0].name
    except Exception:  # the room still works without the community's name
        return ""


class RoomStatic(guard.RoomHandler):
    """/room/static/<name>: the Vega scripts and the page's own script and style."""

    @room_page
    async def get(self, name: str):
        if name == vega_name() and name not in _assets:
            await IOLoop.current().run_in_executor(None, vega_bundle)  # the first time only
        found = static_asset(name)
        if found is None:
            raise web.HTTPError(404)
        self.set_header("Content-Type", found.content_type)
        self.set_header("Cache-Control", FOREVER)
        self.set_header("Vary", "Accept-Encoding")
        if "gzip" in self.request.headers.get("Accept-Encoding", ""):
            self.set_header("Content-Encoding", "gzip")
            self.finish(found.zipped)
        else:
            self.finish(found.body)


class RoomUpdates(WebSocketMixin, websocket.WebSocketHandler, guard.RoomHandler):
    """/room/updates: every new publication is pushed here, to every open room page."""

    @room_page
    async def get(self, *args, **kwargs):
        return await super().get(*args, **kwargs)

    def open(self, *args, **kwargs):
        super().open(*args, **kwargs)
        room = feed()
        room.join(self)
        have = self.get_argument("have", "")  # the publication the page already shows
        if room.current is not None and have != str(room.current.state_id):
            self.write_message(room.current.message)  # a page that reconnects catches up

    def on_message(self, message):
        pass  # the room only listens

    def on_close(self):
        for room in _feeds.values():
            room.leave(self)
        super().on_close()


def handlers(server_url: str) -> list:
    vega_warm_up()
    room = url_path_join(server_url, "room")
    return [(room, RoomPage), (url_path_join(room, "updates"), RoomUpdates),
            (url_path_join(room, "static", "([^/]+)"), RoomStatic)]


def vega_warm_up() -> None:
    """Make the Vega bundle in the background now, so 40 phones arriving together never wait."""
    import threading
    threading.Thread(target=_quietly_make_bundle, daemon=True, name="room-vega").start()


def _quietly_make_bundle() -> None:
    try:
        vega_bundle()
    except Exception:  # the page still shows the numbers; the first script request retries
        log.exception("Room view: the Vega scripts could not be made")
