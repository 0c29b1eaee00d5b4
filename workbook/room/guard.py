"""Who is asking, and the decorators every room handler uses. The one place access is decided.

CONTRACT (other modules rely on exactly these names):

* ``RoomHandler`` - base class of every room handler (a jupyter_server ``JupyterHandler``,
  so XSRF, cookies and Voilà's identity provider work as on Voilà's pages).
  ``self.role()`` -> FACILITATOR, ATTENDEE or None; ``self.attendee()`` -> Attendee or None.
* ``room_page``        any member of the room: facilitator, room code, or an attendee code.
* ``form_page``        an attendee with a personal or per-coalition code (``self.attendee()``
                       is then set); the facilitator counts as attendee "facilitator".
* ``facilitator_page`` the facilitator only (loopback, or the facilitator's token).
* ``open_page``        nobody is asked (only the page where a code is entered).
* ``gated(spec)``      for a handler that cannot subclass RoomHandler (static files).

How a request is identified (``identify``), first match wins:

1. The connection comes from this laptop's loopback and the server was not told to ask
   for codes even there (``--require-codes``): the facilitator. The socket's own peer
   address decides, never a header: X-Forwarded-For cannot make a remote visitor local.
2. ``Authorization: token <facilitator token>`` (scripts, tests): the facilitator.
3. The signed cookie set when a code was entered (``/room/join``) names a code by its id;
   the code is looked up at every request, so a revoked code is refused at once.

Refusals: nobody known -> 401 with the page to enter the room code; a known person without
the right (a room code on a form, an attendee on a facilitator page) or a revoked code -> 403.

Voilà's own handlers (front page, dashboards, kernels' API and websockets, static files) go
through ``VoilaGate``: the facilitator for everything that runs a kernel or shows data, any
room member for static files, and the front page sends room members to the room view.
"""
from __future__ import annotations

import functools
import ipaddress
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from jupyter_server.base.handlers import JupyterHandler
from tornado import web

from ..roomstore import access
from .attempts import WrongCodes, allowed_from_env

FACILITATOR = "facilitator"
ATTENDEE = "attendee"
LOOPBACK = {"127.0.0.1", "::1"}  # kept for modules that imported it; see is_loopback
COOKIE = "workbook-room"
COOKIE_DAYS = 2  # a workshop day and the evening after; then the code is asked again
REQUIRE_CODES_ENV = "WORKBOOK_ROOM_REQUIRE_CODES"


@dataclass(frozen=True)
class Attendee:
    code_id: str  # stable id of the code (never the secret itself)
    label: str  # the person's or coalition's name as the facilitator issued it
    kind: str  # "person", "coalition" or "facilitator"


FACILITATOR_ATTENDEE = Attendee("facilitator", "Facilitator", "facilitator")


@dataclass(frozen=True)
class Identity:
    role: str | None  # FACILITATOR, ATTENDEE (room code or attendee code) or None
    attendee: Attendee | None = None
    revoked: bool = False  # the browser's code was withdrawn: refuse with 403, not 401


NOBODY = Identity(None)
THE_FACILITATOR = Identity(FACILITATOR, FACILITATOR_ATTENDEE)


class Access:
    """The server's access settings and its one connection to the codes (tornado is one thread)."""

    def __init__(self, db: Path, require_codes: bool):
        self.db = Path(db)
        self.require_codes = require_codes
        self.room_code: str | None = None  # plain, in memory only: the projector shows it
        self.wrong_codes = WrongCodes(allowed_from_env())
        self._connection: sqlite3.Connection | None = None

    def code(self, code_id: str) -> access.Code | None:
        if self._connection is None:
            self._connection = access.open_db(self.db)
        return access.by_id(self._connection, code_id)

    def code_typed(self, typed: str) -> access.Code | None:
        if self._connection is None:
            self._connection = access.open_db(self.db)
        return access.find(self.db, typed, self._connection)


def require_codes_from_env() -> bool:
    return os.environ.get(REQUIRE_CODES_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def peer_address(request) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The TCP peer's address; headers (X-Forwarded-For, Host) play no part."""
    context = getattr(request.connection, "context", None)
    address = getattr(context, "address", None)
    if not isinstance(address, tuple) or not address:
        return None
    try:
        peer = ipaddress.ip_address(address[0].split("%")[0])
    except ValueError:
        return None
    return getattr(peer, "ipv4_mapped", None) or peer


def is_loopback(request) -> bool:
    """Whether the TCP peer is this machine."""
    peer = peer_address(request)
    return peer is not None and peer.is_loopback


def identity_of_code(code: access.Code | None) -> Identity:
    if code is None:
        return NOBODY
    if not code.active:
        return Identity(None, revoked=True)
    if code.kind == access.FACILITATOR:
        return THE_FACILITATOR
    if code.kind == access.ROOM:
        return Identity(ATTENDEE)
    return Identity(ATTENDEE, Attendee(code.code_id, code.label, code.kind))


def identify(handler: web.RequestHandler) -> Identity:
    """Who sent this request (computed once per request)."""
    known = getattr(handler, "_workbook_identity", None)
    if known is not None:
        return known
    found = _identify(handler)
    handler._workbook_identity = found
    return found


def _identify(handler: web.RequestHandler) -> Identity:
    settings: Access | None = handler.settings.get("workbook_access")
    if settings is None:  # a server without the room's settings: this laptop alone
        return THE_FACILITATOR if is_loopback(handler.request) else NOBODY
    if not settings.require_codes and is_loopback(handler.request):
        return THE_FACILITATOR
    header = handler.request.headers.get("Authorization", "")
    if header.lower().startswith("token "):
        code = settings.code_typed(header[6:].strip())
        if code is not None and code.kind == access.FACILITATOR:
            return identity_of_code(code)
    code_id = handler.get_secure_cookie(COOKIE, max_age_days=COOKIE_DAYS)
    if code_id is None:
        return NOBODY
    return identity_of_code(settings.code(code_id.decode()))


# --- refusals ----------------------------------------------------------------------------

class Refused(web.HTTPError):
    """An access refusal; *need* says what would let the person in ("room", "attendee",
    "facilitator"), so the page can say it."""

    def __init__(self, status: int, need: str, revoked: bool = False):
        super().__init__(status, f"needs {need}")
        self.need = need
        self.revoked = revoked


def refusal(identity: Identity, need: str) -> Refused:
    if identity.revoked:
        return Refused(403, need, revoked=True)
    return Refused(401 if identity.role is None else 403, need)


def wants_a_page(handler: web.RequestHandler) -> bool:
    """A person's browser asking for a page (not a script, websocket or API call)."""
    request = handler.request
    return (request.headers.get("Upgrade", "").lower() != "websocket"
            and "/api/" not in request.path
            and "text/html" in request.headers.get("Accept", "text/html"))


def write_refusal(handler: web.RequestHandler, status_code: int, **kwargs) -> bool:
    """Write the friendly page for an access refusal; False if this error is not one."""
    if not hasattr(handler, "_current_user"):  # refused before jupyter_server looked: nobody
        handler._current_user = None
    exc = kwargs.get("exc_info", (None, None, None))[1]
    if not isinstance(exc, Refused):
        return False
    if not wants_a_page(handler):  # a script, websocket or API call: a short answer in JSON
        handler.set_header("Content-Type", "application/json")
        handler.finish(json.dumps({"message": exc.log_message, "status": status_code}))
        return True
    from .plain_pages import refusal_page
    handler.set_header("Content-Type", "text/html; charset=UTF-8")
    handler.finish(refusal_page(handler, exc))
    return True


# --- room handlers -----------------------------------------------------------------------

class RoomHandler(JupyterHandler):
    def role(self) -> str | None:
        return identify(self).role

    def attendee(self) -> Attendee | None:
        return identify(self).attendee

    def write_error(self, status_code: int, **kwargs) -> None:
        # jupyter_server's own error page needs templates Voilà's server does not have.
        if write_refusal(self, status_code, **kwargs):
            return
        from .plain_pages import error_page
        exc = kwargs.get("exc_info", (None, None, None))[1]
        detail = getattr(exc, "log_message", None) or ""
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(error_page(status_code, self._reason, detail))


def _requires(need: str, allowed):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self: RoomHandler, *args, **kwargs):
            identity = identify(self)
            if not allowed(identity):
                raise refusal(identity, need)
            return method(self, *args, **kwargs)
        return wrapper
    return decorate


room_page = _requires("room", lambda who: who.role is not None)
form_page = _requires("attendee", lambda who: who.attendee is not None)
facilitator_page = _requires("facilitator", lambda who: who.role == FACILITATOR)
open_page = _requires("nothing", lambda who: True)


# --- Voilà's own handlers ------------------------------------------------------------------

# Paths (after the server's base URL) any room member may fetch: files that hold no data.
# A room module serving static files under /room/static/ wraps its spec with ``gated``.
ROOM_ASSETS = ("voila/static/", "voila/templates/", "voila/labextensions/", "voila/api/themes/",
               "room/static/")


class VoilaGate:
    """Mixed in front of each of Voilà's handler classes (see ``gated``)."""

    async def prepare(self):
        identity = identify(self)
        path = self.request.path[len(self.settings.get("server_url", "/")):]
        front_page = path in ("", "voila/tree", "voila/tree/")
        if identity.role != FACILITATOR:
            if identity.role is not None and front_page:
                self.redirect(self.settings.get("server_url", "/").rstrip("/") + "/room")
                return
            if identity.role is None or not path.startswith(ROOM_ASSETS):
                raise refusal(identity, "facilitator" if identity.role else "room")
        if path.startswith("voila/render/") and self.request.method == "GET":
            _refuse_when_full(self)
        result = super().prepare()
        if result is not None and hasattr(result, "__await__"):
            await result
        if path.startswith("voila/render/") and not self._finished:
            # Voilà's page sends the _xsrf cookie back with its shutdown beacon (voila #1458:
            # without the cookie the beacon is refused and the closed tab's kernel leaks).
            _ = self.xsrf_token

    def write_error(self, status_code: int, **kwargs) -> None:
        if not hasattr(self, "_current_user"):
            self._current_user = None
        exc = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(exc, RoomFull) and wants_a_page(self):
            from .plain_pages import room_full_page
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.finish(room_full_page(self))
            return
        if not write_refusal(self, status_code, **kwargs):
            super().write_error(status_code, **kwargs)


class RoomFull(web.HTTPError):
    def __init__(self):
        super().__init__(503, "the cap on kernels is reached")


def _refuse_when_full(handler) -> None:
    manager = handler.settings.get("kernel_manager")
    full = getattr(manager, "is_full", None)
    if full is not None and full():
        raise RoomFull()


def gated(spec):
    """A tornado URL spec with its handler class behind ``VoilaGate``: for Voilà's handlers,
    and for any handler that is not a ``RoomHandler`` (e.g. a StaticFileHandler under
    /room/static/, open to room members; any other path is the facilitator's)."""
    pattern, cls, *rest = spec
    wrapped = type(f"Gated{cls.__name__}", (VoilaGate, cls), {})
    return (pattern, wrapped, *rest)
