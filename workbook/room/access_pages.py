"""The access pages: entering a code, the projector's room code, issuing and revoking codes.

* ``/room/join``      enter a code (typed, or ``?code=`` from a scanned QR code, or the
                      facilitator's ``?token=`` printed in the server's terminal).
* ``/room/me``        whose code this browser carries (an attendee's own name only).
* ``/room/leave``     forget this browser's code.
* ``/room/codes``     facilitator: the room's address and code, large, with a QR code.
* ``/room/access``    facilitator: issue attendee codes (answered by printable slips), revoke.
* ``/room/kernels``   facilitator: the kernels running now, as JSON (tests, the load report).
"""
from __future__ import annotations

import html
import json
import math
from urllib.parse import urlencode

from tornado import web

from ..roomstore import access
from .guard import (COOKIE, COOKIE_DAYS, FACILITATOR, RoomHandler, facilitator_page,
                    form_page, identify, identity_of_code, open_page, peer_address)
from .plain_pages import code_form, base, join_url, page, room_address


def _safe_next(next_path: str | None, fallback: str) -> str:
    """Only a path on this server: never another site after entering a code."""
    if next_path and next_path.startswith("/") and not next_path.startswith(("//", "/\\")):
        return next_path
    return fallback


UNUSABLE = {  # revoked? -> status, title, advice
    True: (403, "This code was withdrawn", "Ask the facilitator for a new one."),
    False: (401, "That code is not known", "Check it against the projector or your slip."),
}


TOO_MANY = "Too many codes that did not work from this device"


def _rank(identity) -> int:
    if identity.role == FACILITATOR:
        return 3
    return 2 if identity.attendee is not None else (1 if identity.role else 0)


class JoinHandler(RoomHandler):
    def _request_summary(self) -> str:
        # The server's log shows the path, never a code that came in the query (a QR code).
        return f"{self.request.method} {self.request.path} ({self.request.remote_ip})"

    @open_page
    def get(self):
        typed = self.get_argument("code", None) or self.get_argument("token", None)
        if typed:
            return self._enter(typed)
        self.finish(page("Enter the room code", "<h1>Enter the room code</h1>"
                         "<p>The room code is on the projector's screen; your own code is on "
                         "your slip.</p>" + code_form(self, self.get_argument("next", ""))))

    @open_page
    def post(self):
        self._enter(self.get_argument("code", ""))

    def _enter(self, typed: str):
        settings = self.settings["workbook_access"]
        device = str(peer_address(self.request))
        wait_s = settings.wrong_codes.wait_s(device)
        if wait_s:
            minutes = max(1, math.ceil(wait_s / 60))
            self.set_status(429)
            self.set_header("Retry-After", str(math.ceil(wait_s)))
            return self.finish(page(TOO_MANY, f"<h1>{TOO_MANY}</h1><p class='problem'>"
                                    f"Wait {minutes} minute{'s' if minutes > 1 else ''}, then "
                                    "type the code again, or ask the facilitator.</p>"))
        code = settings.code_typed(typed)
        who = identity_of_code(code)
        if who.role is None:
            settings.wrong_codes.wrong(device)
            status, title, advice = UNUSABLE[who.revoked]
            self.set_status(status)
            return self.finish(page(title, f"<h1>{title}</h1><p class='problem'>{advice}</p>"
                                    + code_form(self, self.get_argument("next", ""))))
        # A code never replaces a stronger one already entered (the room code after a personal
        # code, an attendee's code on the facilitator's second laptop).
        if _rank(who) >= _rank(identify(self)):
            self.set_secure_cookie(COOKIE, code.code_id, expires_days=COOKIE_DAYS,
                                   httponly=True, samesite="Lax")
        fallback = f"{base(self)}/" if who.role == FACILITATOR else f"{base(self)}/room"
        self.redirect(_safe_next(self.get_argument("next", None), fallback))


class MeHandler(RoomHandler):
    """Whose code this browser carries: the attendee's own name, nobody else's."""

    @form_page
    def get(self):
        me = self.attendee()
        self.finish(page("Your code", (
            f"<h1>You are in as {html.escape(me.label)}</h1>"
            f"<p>Your forms are saved under this {html.escape(me.kind)} code.</p>"
            f'<p><a href="{base(self)}/room">The room\'s screen</a> · '
            f'<a href="{base(self)}/room/leave">Leave (forget the code on this device)</a></p>')))


class LeaveHandler(RoomHandler):
    @open_page
    def get(self):
        self.clear_cookie(COOKIE)
        self.finish(page("You left the room", "<h1>You left the room</h1>"
                         f'<p><a href="{base(self)}/room/join">Enter a code again</a></p>'))


class CodesHandler(RoomHandler):
    """The projector's page: where to go and the room code, large, with a QR code."""

    @facilitator_page
    def get(self):
        room_code = self.settings["workbook_access"].room_code
        address = f"{room_address(self)}/room"
        if room_code is None:
            return self.finish(page("Room code", "<h1>No room code</h1><p>Restart the server.</p>"))
        self.finish(page("Join the room", (
            '<div class="projector"><h1>Join the room</h1>'
            f'<p class="address">{html.escape(address)}</p>'
            f'<p>Room code</p><p class="code" aria-label="Room code">'
            f"{html.escape(room_code)}</p>"
            f"{access.qr_svg(join_url(self, room_code))}"
            "<p>Scan the code, or open the address and type the room code.</p></div>"
            f'<form class="no-print" method="post" action="{base(self)}/room/codes/renew">'
            f"{self.xsrf_form_html()}<button class='quiet' type='submit'>New room code "
            "(the old one stops working)</button></form>"
            f'<p class="no-print"><a href="{base(self)}/room/access">'
            "Attendee codes and slips</a></p>")))


class RenewHandler(RoomHandler):
    @facilitator_page
    def post(self):
        settings = self.settings["workbook_access"]
        settings.room_code = access.renew(settings.db, access.ROOM).code
        self.redirect(f"{base(self)}/room/codes")


class AccessHandler(RoomHandler):
    """Issue attendee codes (the answer is the page of slips) and revoke them."""

    @facilitator_page
    def get(self):
        codes = access.listed(self.settings["workbook_access"].db)
        rows = "".join(
            f"<tr><td>{html.escape(c.label)}</td><td>{c.kind}</td><td>{c.issued_at}</td>"
            f"<td>{'withdrawn ' + c.revoked_at if c.revoked_at else 'active'}</td><td>"
            + ("" if c.revoked_at else
               f'<form method="post" action="{base(self)}/room/access/revoke">'
               f"{self.xsrf_form_html()}"
               f'<input type="hidden" name="code_id" value="{c.code_id}">'
               f'<button class="quiet" type="submit" aria-label="Withdraw the code of '
               f'{html.escape(c.label)}">Withdraw</button></form>')
            + "</td></tr>" for c in codes)
        self.finish(page("Attendee codes", (
            "<h1>Attendee codes</h1>"
            "<p>Each person (or each coalition) gets a code for the input forms. Codes are "
            "shown once, on the slips printed right after issuing them.</p>"
            f'<form method="post" action="{base(self)}/room/access/issue">{self.xsrf_form_html()}'
            '<label for="labels">Names, one a line</label>'
            '<textarea id="labels" name="labels" rows="6" required></textarea>'
            '<fieldset><legend>One code for each</legend>'
            '<label><input type="radio" name="kind" value="person" checked> person</label>'
            '<label><input type="radio" name="kind" value="coalition"> coalition</label>'
            '</fieldset><button type="submit">Issue and print slips</button></form>'
            "<h2>Issued</h2><table><thead><tr><th>Name</th><th>Kind</th><th>Issued (UTC)</th>"
            f"<th>State</th><th></th></tr></thead><tbody>{rows}</tbody></table>")))


class IssueHandler(RoomHandler):
    @facilitator_page
    def post(self):
        kind = self.get_argument("kind", access.PERSON)
        if kind not in access.ATTENDEE_KINDS:
            raise web.HTTPError(400, "kind must be person or coalition")
        labels = [line.strip() for line in self.get_argument("labels", "").splitlines()]
        issued = access.issue_many(self.settings["workbook_access"].db, kind, labels)
        self.finish(slips_page(self, issued))


def slips_page(handler, issued: list[access.Issued], form: str = "",
               back: str = "access") -> str:
    """The slips of codes just issued; with *form* (e.g. "stances"), a scanned slip goes
    through the code's entry straight to /room/<form>, and the slip names that address."""
    address = f"{room_address(handler)}/room" + (f"/{form}" if form else "")
    then = f"&{urlencode({'next': f'{base(handler)}/room/{form}'})}" if form else ""
    slips = "".join(
        f'<div class="slip"><p><strong>{html.escape(i.label)}</strong></p>'
        f'<p>Your code: <span class="code">{access.grouped(i.code)}</span></p>'
        f"{access.qr_svg(join_url(handler, i.code) + then, scale=4)}"
        f"<p>Scan, or open {html.escape(address)} and type the code when a form asks.</p></div>"
        for i in issued)
    return page("Slips", (
        '<div class="no-print"><h1>Slips</h1><p class="problem">Print these now: the codes are '
        "stored scrambled and cannot be shown again (issue new ones if a slip is lost, and "
        f'withdraw the lost one).</p><p><a href="{base(handler)}/room/{back}">Back to the codes</a>'
        f'</p></div><div class="slips">{slips}</div>'))


class RevokeHandler(RoomHandler):
    @facilitator_page
    def post(self):
        access.revoke(self.settings["workbook_access"].db, self.get_argument("code_id"))
        self.redirect(f"{base(self)}/room/access")


class KernelsHandler(RoomHandler):
    """The kernels running now; those waiting in the preheated pool are counted apart; after
    a load, which notebooks' pools wait for their turn and which are being drawn."""

    @facilitator_page
    def get(self):
        manager = self.settings["kernel_manager"]
        ids = list(manager.list_kernel_ids())
        pooled = getattr(manager, "pooled_kernel_ids", lambda: set())()
        renewal = getattr(manager, "renewal_state", lambda: {})()
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"kernels": len(ids), "pooled": len(pooled & set(ids)),
                                "ids": ids, "cap": getattr(manager, "max_kernels", None),
                                **renewal}))


def handlers(server_url: str) -> list:
    root = server_url.rstrip("/")
    return [(f"{root}/room/join", JoinHandler), (f"{root}/room/leave", LeaveHandler),
            (f"{root}/room/me", MeHandler),
            (f"{root}/room/codes", CodesHandler), (f"{root}/room/codes/renew", RenewHandler),
            (f"{root}/room/access", AccessHandler), (f"{root}/room/access/issue", IssueHandler),
            (f"{root}/room/access/revoke", RevokeHandler), (f"{root}/room/kernels", KernelsHandler)]
