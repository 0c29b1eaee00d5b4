"""The room's form pages: attendees answer, the facilitator asks and sees the answers.

Rendered on the server (Jinja2), no kernel per attendee, no script needed to answer: a
plain HTML form posted with the XSRF token. Reading and storing go through
``forms.submit_web``, the path the Excel forms' loader shares, in a worker thread so a
slow disk never stalls the other pages.

    /room/form/<name>           attendee: the current question's form (GET), answer (POST)
    /room/form/<name>/round     facilitator: open a question (POST) and show it to the room
    /room/form/<name>/results   facilitator: the answers (GET), show them to the room (POST)
    /room/form/<name>/excel     facilitator: the Excel form of the current round
    /room/fist                  facilitator: short for /room/form/fist_to_five/round
"""
from __future__ import annotations

import concurrent.futures
import functools
import io
import logging
import os
import sqlite3
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.ioloop import IOLoop

from ..community import Community, load_community
from ..numbers_text import counted
from ..workspace import DEFAULT_COMMUNITY
from ..roomstore import forms as F
from .guard import RoomHandler, facilitator_page, form_page, write_refusal

TEMPLATES = Path(__file__).parent / "templates" / "forms"
LOG = logging.getLogger(__name__)
BUSY_MESSAGE = ("Many answers are arriving at once and yours could not be saved just now. "
                "Nothing was stored: please send it again in a moment.")
MAX_BODY = 64 * 1024  # one form's answers: paragraphs, not a pasted file

ERROR_WORDS = {
    401: "This page needs the room's code or your attendee code. Ask the facilitator.",
    403: "This page could not accept the form: it was missing its security token or is out "
         "of date, or your code does not open it. Load the page again and send it again; "
         "if that fails, ask the facilitator.",
    404: "There is no such form in this room.",
    409: "No question has been opened yet.",
    413: "This answer is too long to be stored (over 64,000 characters). Nothing was stored: "
         "go back, shorten it and send it again.",
    500: "Something went wrong on the facilitator's laptop. Nothing was stored; try again.",
}

# The forms' own threads: the event loop's default executor is shared with Voilà's kernel
# work, whose waits held each answer about a second behind them (measured, form_benchmark).
STORAGE = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="room-forms")

ENVIRONMENT = Environment(loader=FileSystemLoader(TEMPLATES),
                          autoescape=select_autoescape(["html"]), trim_blocks=True)
ENVIRONMENT.filters["counted"] = counted


@functools.lru_cache(maxsize=4)
def _community(folder: str) -> Community:
    return load_community(Path(folder))


def workspace() -> tuple[Community, Path]:
    """The community and database the server was started with (``workbook serve``)."""
    folder = os.environ.get("WORKBOOK_COMMUNITY", str(DEFAULT_COMMUNITY))
    community = _community(folder)
    return community, Path(os.environ.get("WORKBOOK_DB", community.database_path))


class FormHandler(RoomHandler):
    """What every form page shares: the form named in the URL, rendering, the workspace."""

    def form(self, name: str) -> F.RoomForm:
        if name not in F.FORMS or F.FORMS[name].own_page:
            raise web.HTTPError(404)  # a form with its own page is never stored here
        return F.FORMS[name]

    def url(self, *parts: str) -> str:
        return url_path_join(self.base_url, "room", "form", *parts)

    def page(self, template: str, status: int = 200, **context: Any) -> None:
        self.set_status(status)
        self.set_header("Cache-Control", "no-store")
        self.finish(ENVIRONMENT.get_template(template).render(
            xsrf_form_html=self.xsrf_form_html, **context))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """The guard's page for a refused code; else a short page in words (Voilà's server
        has no error template of its own), e.g. for a form sent without its XSRF token."""
        if write_refusal(self, status_code, **kwargs):
            return
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(ENVIRONMENT.get_template("error.html").render(
            status=status_code, message=ERROR_WORDS.get(status_code, ERROR_WORDS[500])))

    async def in_worker(self, function, *args):
        """Run a database step off the event loop; a lock held too long is a polite 503."""
        try:
            return await IOLoop.current().run_in_executor(STORAGE, function, *args)
        except sqlite3.OperationalError as exc:
            LOG.warning("form storage busy: %s", exc)
            self.set_status(503)
            self.set_header("Retry-After", "2")
            self.finish(BUSY_MESSAGE)
            return None


# --- attendees -----------------------------------------------------------------------

class AnswerPage(FormHandler):
    @form_page
    async def get(self, name: str) -> None:
        form = self.form(name)
        community, db = workspace()
        round_ = await self.in_worker(F.current_round, db, form)
        if not self._finished:
            self.page("answer.html", **self._context(form, community, round_))

    @form_page
    async def post(self, name: str) -> None:
        form = self.form(name)
        if len(self.request.body) > MAX_BODY:
            raise web.HTTPError(413)  # refused whole, and said so: never cut in silence
        community, db = workspace()
        values = self._typed(form)
        outcome = await self.in_worker(F.submit_web, db, form, values,
                                       self.attendee().code_id, community)
        if outcome is None:
            return
        if not outcome.stored:
            round_ = await self.in_worker(F.current_round, db, form)
            self.page("answer.html", status=422, **self._context(
                form, community, round_, values, outcome.errors))
            return
        await self.in_worker(F.refresh_if_shown, db, form, outcome.round)
        self.page("thanks.html", form=form, round=outcome.round, replaced=outcome.replaced,
                  shown=_answer_words(form, outcome.answers, community),
                  notes=[p for p in outcome.problems if p not in outcome.errors],
                  again=self.url(name))

    def _typed(self, form: F.RoomForm) -> dict[str, Any]:
        values: dict[str, Any] = {form.round_field: self.get_body_argument(form.round_field, None)}
        for f in form.asked:
            values[f.name] = (self.get_body_arguments(f.name) if f.several
                              else self.get_body_argument(f.name, None))
        return values

    def _context(self, form: F.RoomForm, community: Community, round_: F.Round | None,
                 typed: dict[str, Any] | None = None, errors: list | None = None) -> dict:
        typed, errors = typed or {}, errors or []
        by_label = {f.label: f for f in form.asked}
        field_errors: dict[str, str] = {}
        listed = []
        for problem in errors:
            f = by_label.get(problem.field or "")
            if f is not None:
                field_errors.setdefault(f.name, f"{problem.message} {problem.fix}")
            if problem.code == F.Code.FORM_NOT_STORED.name:
                continue
            target = None
            if f is not None:
                target = f"field-{f.name}-0" if f.vocabulary else f"field-{f.name}"
            listed.append({"message": problem.message, "fix": problem.fix, "target": target})
        summary = next((p.message for p in errors if p.code == F.Code.FORM_NOT_STORED.name),
                       "This answer was not stored.")
        return {"form": form, "round": round_, "action": self.url(form.name),
                "errors": listed, "summary_line": summary,
                "fields": [_field_view(form, f, community, typed.get(f.name),
                                       field_errors.get(f.name)) for f in form.asked]}


def _field_view(form: F.RoomForm, f, community: Community, typed: Any, error: str | None) -> dict:
    chosen = typed if isinstance(typed, list) else ([typed] if typed else [])
    described = " ".join(x for x in (f"{f.name}-hint" if f.help and not f.vocabulary else "",
                                     f"{f.name}-error" if error else "") if x)
    return {"name": f.name, "label": f.label, "help": "" if f.vocabulary else f.help,
            "required": f.required, "several": f.several, "error": error,
            "choices": form.choices(f, community) if f.vocabulary else (),
            "chosen": chosen, "typed": "" if typed is None or isinstance(typed, list) else typed,
            "long": f.type == F.S.LONG_TEXT, "describedby": described or None,
            "numeric": f.type in (F.S.INTEGER, F.S.NUMBER, F.S.MONEY, F.S.YEAR)}


def _answer_words(form: F.RoomForm, answers: dict[str, Any], community: Community) -> list[str]:
    """The stored answer read back in words, one line a field: "Your answer, 0 to 5: 4 – …"."""
    parts = []
    for f in form.asked:
        value = answers.get(f.name)
        if value in (None, "", []):
            continue
        if f.vocabulary and not f.several:
            meaning = dict(form.choices(f, community)).get(value)
            value = f"{value} – {meaning}" if meaning else value
        elif isinstance(value, list):
            value = ", ".join(map(str, value))
        parts.append(f"{f.label}: {value}")
    return parts


# --- the facilitator -----------------------------------------------------------------

class RoundPage(FormHandler):
    @facilitator_page
    async def get(self, name: str) -> None:
        form = self.form(name)
        _, db = workspace()
        round_ = await self.in_worker(F.current_round, db, form)
        if not self._finished:
            self.page("round.html", **self._context(form, round_))

    @facilitator_page
    async def post(self, name: str) -> None:
        form = self.form(name)
        _, db = workspace()
        prompt = " ".join(self.get_body_argument("prompt", "").split())
        if not prompt:
            round_ = await self.in_worker(F.current_round, db, form)
            self.page("round.html", status=422, error="Type the statement or question first.",
                      **self._context(form, round_))
            return
        round_ = await self.in_worker(F.ask, db, form, prompt)
        if round_ is None:
            return
        self.redirect(self.url(name, "results"), status=303)

    def _context(self, form: F.RoomForm, round_: F.Round | None) -> dict:
        return {"form": form, "round": round_, "action": self.url(form.name, "round"),
                "results": self.url(form.name, "results"), "excel": self.url(form.name, "excel"),
                "answer": self.url(form.name)}


class ResultsPage(FormHandler):
    @facilitator_page
    async def get(self, name: str) -> None:
        await self._show(name, published=False)

    @facilitator_page
    async def post(self, name: str) -> None:
        form = self.form(name)
        _, db = workspace()
        round_ = await self.in_worker(F.current_round, db, form)
        if round_ is None:
            raise web.HTTPError(409, "No question has been opened yet.")
        await self.in_worker(F.publish_result, db, form, round_)
        await self._show(name, published=True)

    async def _show(self, name: str, published: bool) -> None:
        form = self.form(name)
        _, db = workspace()
        round_ = await self.in_worker(F.current_round, db, form)
        if self._finished:
            return
        if round_ is None:
            self.redirect(self.url(name, "round"))
            return
        summary = await self.in_worker(F.summary, db, form, round_)
        given = len(await self.in_worker(F.history, db, form, round_))
        counts = [row.get("People", 0) for row in summary.table]
        top = max(counts + [1])
        self.page("results.html", form=form, summary=summary, published=published, given=given,
                  bars=[round(12 * c / top, 2) for c in counts],
                  action=self.url(name, "results"), ask=self.url(name, "round"),
                  excel=self.url(name, "excel"))


class ExcelPage(FormHandler):
    @facilitator_page
    async def get(self, name: str) -> None:
        form = self.form(name)
        community, db = workspace()
        wanted = self.get_query_argument("round", None)
        round_ = await self.in_worker(
            *((F.round_by_id, db, form, wanted) if wanted else (F.current_round, db, form)))
        if self._finished:
            return
        buffer = io.BytesIO()
        F.build_excel_form(form, community, round_).save(buffer)
        suffix = f"-round-{round_.round_id}" if round_ else ""
        self.set_header("Content-Type",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        self.set_header("Content-Disposition",
                        f'attachment; filename="{form.name.replace("_", "-")}{suffix}.xlsx"')
        self.finish(buffer.getvalue())


class FistShortcut(FormHandler):
    @facilitator_page
    def get(self) -> None:
        self.redirect(self.url(F.FIST_TO_FIVE.name, "round"))


def handlers(server_url: str) -> list:
    def path(*parts: str) -> str:
        return url_path_join(server_url, "room", *parts)
    name = r"(?P<name>[a-z0-9_]+)"
    return [
        (path("fist"), FistShortcut),
        (path("form", name), AnswerPage),
        (path("form", name, "round"), RoundPage),
        (path("form", name, "results"), ResultsPage),
        (path("form", name, "excel"), ExcelPage),
    ]
