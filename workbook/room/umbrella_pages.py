"""The facilitator's page for task 4's stances, made for a phone in one hand.

    /room/umbrella          facilitator: the round open now, which coalitions have answered
                            it (coalitions are not anonymous in task 4), and codes to give
    /room/umbrella/watch    the same list, reloading itself every 10 seconds
    /room/umbrella/round    facilitator (POST): open the next round of stances
    /room/umbrella/codes    facilitator (POST): issue codes tied to coalitions; the answer is
                            the page of slips (``access_pages.slips_page``), whose QR codes
                            lead to the stance form, /room/stances
    /room/umbrella/tie      facilitator (POST): let coalition codes already printed on
                            /room/access speak for their coalition on the stance form

Rendered on the server like the other form pages (Jinja2, XSRF token on every POST, no
script, nothing fetched from outside). Database steps run in the forms' worker threads.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from jupyter_server.utils import url_path_join

from ..decisions import plain_key
from ..roomstore import access
from .access_pages import slips_page
from .form_pages import FormHandler, workspace
from .guard import facilitator_page

ROUND_STALE = ("Round {current} was opened meanwhile (another laptop, or the button pressed "
               "twice), so no further round was opened. Look at the page again before opening "
               "the next one.")
NO_NAMES = "Tick a coalition or type one name a line: no code was issued."
MAX_CODES = 60  # one form's worth of slips; more is a pasted list gone wrong

# Opening a round is checked and done under one lock: two facilitators pressing at once
# open one round, not two (a round, once opened, is kept for good).
_OPENING = threading.Lock()


@dataclass(frozen=True)
class Opened:
    round_id: int | None  # the round opened, or None when the page was stale
    current: int | None  # the round open now


def _state(db: Path, access_db: Path) -> dict:
    from ..tasks.umbrella import roll, stances
    round_id = stances.current_round(db) if db.is_file() else None
    table = roll.roll_call(db, round_id)
    rows = [{"coalition": r["coalition"], "answered": bool(r["answered"]),
             "stances": int(r["stances"]), "codes": int(r["codes"]),
             "channels": r["channels"], "when": _clock(r["last_answer_at"])}
            for r in table.to_dict("records")]
    return {"round_id": round_id, "table": rows, "answered": sum(r["answered"] for r in rows),
            "loaded": roll.without_code(db, roll.from_checklists(db)),
            "untied": _untied(db, access_db)}


def _untied(db: Path, access_db: Path) -> list[dict]:
    """Active coalition codes issued on /room/access that do not speak on the stance form."""
    from ..tasks.umbrella import roll
    tied = roll.tied_code_ids(db)
    return [{"code_id": c.code_id, "label": c.label, "issued": _clock(c.issued_at)}
            for c in access.listed(access_db, (access.COALITION,))
            if c.active and c.code_id not in tied]


def _tie(db: Path, access_db: Path, code_ids: list[str]) -> list[str]:
    """Tie each chosen, still untied coalition code to the coalition it was issued for."""
    from ..tasks.umbrella import roll, stances
    untied = {c["code_id"]: c["label"] for c in _untied(db, access_db)}
    tied = []
    for code_id in dict.fromkeys(code_ids):
        if code_id in untied:
            spelled = roll.known_spelling(db, untied[code_id])
            stances.give_code(db, spelled, code_id)
            tied.append(spelled)
    return tied


def _clock(stamp: str) -> str:
    """'2026-11-30T14:02:11.123+00:00' -> '14:02 UTC' (the page is read in the room)."""
    return f"{stamp[11:16]} UTC" if stamp and len(stamp) >= 16 else ""


def _open_next(db: Path, after: str, by: str) -> Opened:
    from ..tasks.umbrella import stances
    with _OPENING:
        current = stances.current_round(db) if db.is_file() else None
        if (str(current) if current is not None else "") != after.strip():
            return Opened(None, current)
        opened = stances.open_round(db, by)
        return Opened(opened, opened)


def _issue(access_db: Path, db: Path, names: list[str]) -> list[access.Issued]:
    """A coalition code for each name, tied to the coalition as the table spells it."""
    from ..tasks.umbrella import roll, stances
    issued = []
    for name in names:
        spelled = roll.known_spelling(db, name)
        code = access.issue(access_db, access.COALITION, spelled)
        stances.give_code(db, spelled, code.code_id)
        issued.append(code)
    return issued


def chosen_names(ticked: list[str], typed: str) -> list[str]:
    """Ticked and typed names, once each (case and spacing do not matter), in that order."""
    seen: dict[str, str] = {}
    for name in [*ticked, *typed.splitlines()]:
        name = " ".join(name.split())
        if name:
            seen.setdefault(plain_key(name), name)
    return list(seen.values())


class UmbrellaHandler(FormHandler):
    watch = False

    def room_url(self, *parts: str) -> str:
        return url_path_join(self.base_url, "room", *parts)

    async def show(self, status: int = 200, notice: str = "", problem: str = "") -> None:
        _, db = workspace()
        state = await self.in_worker(_state, db, self.settings["workbook_access"].db)
        if state is None:
            return
        self.page("umbrella.html", status=status, notice=notice, problem=problem,
                  watch=self.watch,
                  page=self.room_url("umbrella"), watch_url=self.room_url("umbrella", "watch"),
                  round_action=self.room_url("umbrella", "round"),
                  codes_action=self.room_url("umbrella", "codes"),
                  tie_action=self.room_url("umbrella", "tie"),
                  access_url=self.room_url("access"), projector_url=self.room_url("codes"),
                  **state)


class UmbrellaPage(UmbrellaHandler):
    @facilitator_page
    async def get(self) -> None:
        opened = self.get_query_argument("opened", "")
        await self.show(notice=f"Round {opened} is open: coalitions can send their stances."
                        if opened.isdigit() else "")


class WatchPage(UmbrellaHandler):
    watch = True

    @facilitator_page
    async def get(self) -> None:
        await self.show()


class OpenRoundHandler(UmbrellaHandler):
    @facilitator_page
    async def post(self) -> None:
        _, db = workspace()
        opened = await self.in_worker(_open_next, db, self.get_body_argument("after", ""),
                                      self.attendee().label.lower())
        if opened is None:
            return
        if opened.round_id is None:
            await self.show(409, problem=ROUND_STALE.format(current=opened.current))
            return
        self.redirect(self.room_url("umbrella") + f"?opened={opened.round_id}")


class IssueCodesHandler(UmbrellaHandler):
    @facilitator_page
    async def post(self) -> None:
        _, db = workspace()
        names = chosen_names(self.get_body_arguments("coalition"),
                             self.get_body_argument("others", ""))
        if not names or len(names) > MAX_CODES:
            await self.show(422, problem=NO_NAMES if not names else
                            f"{len(names)} names at once is more than {MAX_CODES}: no code was "
                            "issued. Send them in smaller batches.")
            return
        issued = await self.in_worker(_issue, self.settings["workbook_access"].db, db, names)
        if issued is None:
            return
        self.set_header("Cache-Control", "no-store")  # the only copy of the codes
        self.finish(slips_page(self, issued, form="stances", back="umbrella"))


class TieCodesHandler(UmbrellaHandler):
    @facilitator_page
    async def post(self) -> None:
        _, db = workspace()
        tied = await self.in_worker(_tie, db, self.settings["workbook_access"].db,
                                    self.get_body_arguments("code_id"))
        if tied is None:
            return
        if not tied:
            await self.show(422, problem="Tick a code to tie: nothing was changed.")
            return
        await self.show(notice="These codes now open the stance form for their coalition: "
                        + "; ".join(tied) + ".")


def handlers(server_url: str) -> list:
    def path(*parts: str) -> str:
        return url_path_join(server_url, "room", "umbrella", *parts)
    return [(path(), UmbrellaPage), (path("watch"), WatchPage),
            (path("round"), OpenRoundHandler), (path("codes"), IssueCodesHandler),
            (path("tie"), TieCodesHandler)]
