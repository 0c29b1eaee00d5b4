"""The room's plain pages, written without a kernel or a template: the frame every access
page shares, the room's address, and the pages for a refusal, an error and a full room.

Below ``guard`` (which writes refusals with them) and ``access_pages`` (which builds the
code pages on them), so that neither imports the other's pages.
"""
from __future__ import annotations

import html
import os
from urllib.parse import urlencode, urlsplit

from ..roomstore import access

ROOM_URL_ENV = "WORKBOOK_ROOM_URL"  # the address phones use, when the guess is wrong

STYLE = """
body { font-family: system-ui, sans-serif; font-size: 22px; line-height: 1.45; margin: 0;
       padding: 24px; color: #111; background: #fff; }
main { max-width: 900px; margin: 0 auto; }
h1 { font-size: 36px; line-height: 1.2; margin: 0 0 16px; }
label { display: block; font-weight: bold; margin: 16px 0 6px; }
input[type=text], textarea, select { font-size: 26px; padding: 8px 12px; width: 100%;
       box-sizing: border-box; border: 2px solid #444; border-radius: 6px; }
input[type=text] { letter-spacing: 0.12em; text-transform: uppercase; }
button { font-size: 24px; padding: 10px 26px; margin-top: 16px; border-radius: 6px;
         border: 2px solid #0072B2; background: #0072B2; color: #fff; cursor: pointer; }
button.quiet { background: #fff; color: #0072B2; font-size: 18px; padding: 4px 12px; margin: 0; }
:focus-visible { outline: 4px solid #E69F00; outline-offset: 2px; }
.problem { border-left: 6px solid #D55E00; padding: 6px 14px; background: #fff4ec; }
.code { font-family: ui-monospace, monospace; font-weight: bold; letter-spacing: 0.08em; }
.projector { text-align: center; }
.projector .address { font-size: 44px; word-break: break-all; }
.projector .code { font-size: 120px; line-height: 1.1; }
svg.qr { width: min(60vh, 80vw); height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 20px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #ccc; }
.slips { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 0; }
.slip { border: 1px dashed #777; padding: 14px; break-inside: avoid; font-size: 18px; }
.slip .code { font-size: 30px; }
.slip svg.qr { width: 150px; }
@media print { .no-print { display: none; } body { padding: 0; } }
"""


def page(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>{STYLE}</style></head>"
            f"<body><main>{body}</main></body></html>")


def base(handler) -> str:
    return handler.settings.get("server_url", "/").rstrip("/")


def room_address(handler) -> str:
    """The address phones in the room type or scan: http://<this laptop on the network>:<port>.

    The facilitator's own browser asks through 127.0.0.1, which a phone cannot reach: then
    this laptop's address on the venue's network is used (WORKBOOK_ROOM_URL overrides it).
    """
    configured = os.environ.get(ROOM_URL_ENV)
    if configured:
        return configured.rstrip("/")
    request = handler.request
    host = urlsplit(f"//{request.host}")
    local = host.hostname in (None, "localhost") or host.hostname.startswith("127.") \
        or host.hostname == "::1"
    name = (access.lan_address() or host.hostname) if local else host.hostname
    if ":" in (name or "") and not name.startswith("["):
        name = f"[{name}]"
    port = f":{host.port}" if host.port else ""
    return f"{request.protocol}://{name}{port}{base(handler)}"


def join_url(handler, code: str, parameter: str = "code") -> str:
    return f"{room_address(handler)}/room/join?{urlencode({parameter: code})}"


def code_form(handler, next_path: str, prompt: str = "Code") -> str:
    return (f'<form method="post" action="{base(handler)}/room/join">'
            f"{handler.xsrf_form_html()}"
            f'<input type="hidden" name="next" value="{html.escape(next_path)}">'
            f'<label for="code">{html.escape(prompt)}</label>'
            f'<input type="text" id="code" name="code" autocomplete="off"'
            f' autocapitalize="characters"'
            f' spellcheck="false" required autofocus>'
            f'<button type="submit">Enter</button></form>')


REFUSALS = {  # need -> (title, what to do)
    "room": ("Enter the room code", "The room code is on the projector's screen."),
    "attendee": ("This form needs your own code",
                 "Your code is on the slip the facilitator gave you (or your coalition)."),
    "facilitator": ("This page is for the facilitator",
                    "The room's screen is open to you: follow the facilitator there."),
}


def refusal_page(handler, refused) -> str:
    """*refused* is a ``guard.Refused``: what the person lacks (``need``) and whether their
    code was withdrawn (``revoked``)."""
    next_path = handler.request.uri if handler.request.method == "GET" else f"{base(handler)}/room"
    if refused.revoked:
        title, advice = ("This code was withdrawn",
                         "Ask the facilitator for a new one, then enter it here.")
    else:
        title, advice = REFUSALS.get(refused.need, REFUSALS["room"])
    body = f"<h1>{html.escape(title)}</h1><p>{html.escape(advice)}</p>"
    if refused.need == "facilitator" and not refused.revoked:
        body += f'<p><a href="{base(handler)}/room">Go to the room\'s screen</a></p>'
    else:
        body += code_form(handler, next_path)
    return page(title, body)


def error_page(status: int, reason: str, detail: str) -> str:
    """Any other error on a room page, in words: never a traceback."""
    if "_xsrf" in detail:
        title = "This page's security token was missing or stale"
        advice = "Reload the page and send it again."
    else:
        title = f"{reason} ({status})"
        advice = "Go back to the room's screen, or ask the facilitator."
    return page(title, f"<h1>{html.escape(title)}</h1><p>{html.escape(advice)}</p>"
                       '<p><a href="/room">The room\'s screen</a></p>')


def room_full_page(handler) -> str:
    title = "The room is full"
    return page(title, (
        f"<h1>{title}</h1><p>This laptop already runs as many dashboards as it can.</p>"
        f'<p>The facilitator\'s screen is at <a href="{base(handler)}/room">'
        f'{html.escape(room_address(handler))}/room</a>.</p>'
        "<p>Close a dashboard's tab you no longer need, then reload this page.</p>"))
