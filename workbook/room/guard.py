"""Who is asking, and the decorators every room handler uses. The one place access is decided.

CONTRACT (other modules rely on exactly these names):

* ``RoomHandler`` - base class of every room handler (a jupyter_server ``JupyterHandler``,
  so XSRF, cookies and Voilà's identity provider work as on Voilà's pages).
  ``self.role()`` -> FACILITATOR, ATTENDEE or None; ``self.attendee()`` -> Attendee or None.
* ``room_page``        any member of the room: facilitator, room code, or an attendee code.
* ``form_page``        an attendee with a personal or per-coalition code (``self.attendee()``
                       is then set); on loopback the facilitator counts as attendee "facilitator".
* ``facilitator_page`` the facilitator only (loopback, or the facilitator's token).

Skeleton: on loopback everyone is the facilitator; beyond loopback everything is refused.
The access engineer replaces the insides, never the names.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from jupyter_server.base.handlers import JupyterHandler
from tornado import web

FACILITATOR = "facilitator"
ATTENDEE = "attendee"
LOOPBACK = {"127.0.0.1", "::1"}


@dataclass(frozen=True)
class Attendee:
    code_id: str  # stable id of the code (never the secret itself)
    label: str  # the person's or coalition's name as the facilitator issued it
    kind: str  # "person", "coalition" or "facilitator"


class RoomHandler(JupyterHandler):
    def role(self) -> str | None:
        return FACILITATOR if self.request.remote_ip in LOOPBACK else None

    def attendee(self) -> Attendee | None:
        if self.role() == FACILITATOR:
            return Attendee("facilitator", "Facilitator", "facilitator")
        return None


def _requires(allowed):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self: RoomHandler, *args, **kwargs):
            if not allowed(self):
                raise web.HTTPError(401 if self.role() is None else 403)
            return method(self, *args, **kwargs)
        return wrapper
    return decorate


room_page = _requires(lambda h: h.role() is not None)
form_page = _requires(lambda h: h.attendee() is not None)
facilitator_page = _requires(lambda h: h.role() == FACILITATOR)
