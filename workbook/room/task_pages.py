"""The task forms' own pages: they store into the tasks' tables, not ``form_submissions``.

    /room/stances   a coalition's code holder: its stances on the umbrella's options for the
                    current round (task 4), stored by ``umbrella.stances.submit_web``
    /room/rate      a backbone rater: one candidate they may rate (task 5), stored by
                    ``backbone.responses.submit_as`` into the open survey
                    (``backbone.survey.current_survey``); the roster is the owner-only file
                    beside the database (``backbone.survey.roster_path``), written by the
                    facilitator's page /room/survey; refused once the survey is closed

Same guard (``form_page``: an attendee code), XSRF token, templates and problem messages as
the generic form page. A page shows only what its own code may answer, never anyone's answers.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from jupyter_server.utils import url_path_join
from tornado import web

from ..intake.problems import Code, make_problem
from ..roomstore import forms as F
from .form_pages import MAX_BODY, AnswerPage, workspace
from .guard import form_page

LOG = logging.getLogger(__name__)
OPTIONS_FIELD = "options_digest"
OPTIONS_CHANGED = ("The options changed since this page was opened, so nothing was stored. "
                   "Go back, load the page again, check your stances and send them again.")


@dataclass(frozen=True)
class Shown:
    """What the templates call a round: its number and the line shown above the form."""
    round_id: int
    prompt: str


class TaskPage(AnswerPage):
    """The generic answer page's rendering and field reading, posted to a page of its own."""
    path = ""

    def own_url(self) -> str:
        return url_path_join(self.base_url, "room", self.path)

    def refuse(self, status: int, problem) -> None:
        self.set_status(status)
        self.page("error.html", status=status, message=f"{problem.message} {problem.fix}")

    def answer_page(self, form, community, shown, status=200, typed=None, errors=None,
                    **extra) -> None:
        context = self._context(form, community, shown, typed, errors)
        self.page("answer.html", status=status, **{**context, "action": self.own_url(), **extra})

    def too_long(self) -> None:
        if len(self.request.body) > MAX_BODY:
            raise web.HTTPError(413)


# --- task 4: a coalition's stances -----------------------------------------------------

def _stance_state(db: Path, community, code_id: str):
    from ..tasks.umbrella import options, stances
    sform = stances.stance_form(options.option_lists(community, db), register=False)
    return (sform, stances.coalition_for_code(db, code_id), stances.current_round(db),
            _digest(sform))


def _digest(sform) -> str:
    """Which option each field holds: the options could change between page and post."""
    return hashlib.sha256(repr(sorted(sform.slots.items())).encode()).hexdigest()[:16]


class StancePage(TaskPage):
    path = "stances"

    @form_page
    async def get(self) -> None:
        await self._render()

    async def _render(self, status: int = 200, typed=None, errors=None) -> None:
        community, db = workspace()
        code_id = self.attendee().code_id
        state = await self.in_worker(_stance_state, db, community, code_id)
        if state is None:
            return
        sform, coalition, round_id, digest = state
        if coalition is None:
            self.refuse(403, make_problem(Code.UMBRELLA_CODE_NO_COALITION, F.WEB_SOURCE,
                                          value=code_id))
            return
        shown = None if round_id is None else Shown(round_id, f"Round {round_id}: the stances "
                                                              f"of {coalition}")
        self.answer_page(sform.form, community, shown, status, typed, errors,
                         send="Send our stances", extra_hidden={OPTIONS_FIELD: digest},
                         note="The room sees stances by coalition. Send again to change them: "
                              "within a round the latest stance counts, earlier ones are kept.")

    @form_page
    async def post(self) -> None:
        from ..tasks.umbrella import stances
        self.too_long()
        community, db = workspace()
        code_id = self.attendee().code_id
        state = await self.in_worker(_stance_state, db, community, code_id)
        if state is None:
            return
        sform, _, _, digest = state
        typed = self._typed(sform.form)
        if self.get_body_argument(OPTIONS_FIELD, "") != digest:
            self.set_status(409)
            self.page("error.html", status=409, message=OPTIONS_CHANGED)
            return
        outcome = await self.in_worker(stances.submit_web, db, sform, typed, code_id, community)
        if outcome is None:
            return
        if not outcome.stored:
            if any(p.code == Code.UMBRELLA_CODE_NO_COALITION.name for p in outcome.errors):
                self.refuse(403, outcome.errors[0])
                return
            await self._render(422, typed, outcome.errors)
            return
        round_id = int(typed[sform.form.round_field])
        self.page("thanks.html", form=sform.form, replaced=False,
                  round=Shown(round_id, f"Round {round_id}: the stances of {outcome.coalition}"),
                  shown=[_stance_words(s) for s in outcome.stances],
                  notes=[p for p in outcome.problems if p not in outcome.errors],
                  again=self.own_url())


def _stance_words(stance: dict) -> str:
    reason = f" ({stance['reason']})" if stance.get("reason") else ""
    return f"{stance['parameter']}: {stance['option']} – {stance['stance']}{reason}"


# --- task 5: a blind rating ------------------------------------------------------------

NO_SURVEY = "No backbone survey is open in this room. Ask the facilitator."
SURVEY_CLOSED = ("The backbone survey is closed, so ratings are no longer taken and nothing "
                 "was stored. Thank you: the room will see the results once they are counted.")
NOTHING_TO_RATE = ("Every candidate is your own organisation or one you are tied to, so "
                   "there is nothing for you to rate. Thank you all the same.")
SURVEY_CHANGED = ("The survey changed since this page was opened, so nothing was stored. "
                  "Load the page again and send your rating again.")


@dataclass(frozen=True)
class RaterForm:
    """What the rating page needs, or why it cannot be shown (*refusal*, *status*)."""
    survey: int | None = None
    form: object = None  # the form narrowed to this code's candidates
    roster: object = None
    refusal: str = ""
    status: int = 200


def _rater_form(db: Path, code_id: str) -> RaterForm:
    """The open survey, the roster beside the database and this code's form, or why not."""
    from ..tasks.backbone import instrument, raters, responses
    from ..tasks.backbone import survey as surveys
    open_one = surveys.current_survey(db)
    if open_one is None:
        closed = surveys.latest_closed(db) is not None
        return RaterForm(refusal=SURVEY_CLOSED if closed else NO_SURVEY,
                         status=403 if closed else 404)
    path = surveys.roster_path(db)
    if not path.is_file():
        LOG.warning("survey %s is open but there is no roster at %s: issue the raters' codes "
                    "on /room/survey", open_one, path)
        return RaterForm(refusal=NO_SURVEY, status=404)
    if path.stat().st_mode & 0o077:
        # Served all the same (the raters are waiting), but the facilitator must hear of it.
        LOG.warning("the backbone roster %s can be read by others than its owner: "
                    "chmod 600 it", path)
    roster = raters.read_roster(path)
    return RaterForm(open_one, responses.form_for(instrument.FORM, roster, code_id), roster)


class RatePage(TaskPage):
    path = "rate"

    @form_page
    async def get(self) -> None:
        await self._render()

    async def _rater_form_or_refusal(self) -> RaterForm | None:
        """The rater's form (offering only what they may rate); None once the page saying
        why not (no survey open, survey closed, not a rater's code) was written."""
        _, db = workspace()
        found = await self.in_worker(_rater_form, db, self.attendee().code_id)
        if self._finished:
            return None
        if found.refusal:
            self.set_status(found.status)
            self.page("error.html", status=found.status, message=found.refusal)
            return None
        if found.form is None:
            self.refuse(403, _not_a_rater())
            return None
        from ..tasks.backbone.instrument import CANDIDATES
        if not found.form.vocabularies[CANDIDATES]:
            self.page("notice.html", title="Nothing to rate", message=NOTHING_TO_RATE)
            return None
        return found

    async def _render(self, status: int = 200, typed=None, errors=None) -> None:
        community, _ = workspace()
        found = await self._rater_form_or_refusal()
        if found is None:
            return
        shown = Shown(found.survey, "Rate one backbone candidate. Nobody sees who answered "
                                    "what.")
        self.answer_page(found.form, community, shown, status, typed, errors,
                         send="Send my rating",
                         note="Only medians, spreads and counts are shown, and only when "
                              "enough people rated a candidate. Send again for the same "
                              "candidate to replace your rating; choose another to rate it.")

    @form_page
    async def post(self) -> None:
        from ..tasks.backbone import instrument, responses
        self.too_long()
        community, db = workspace()
        found = await self._rater_form_or_refusal()
        if found is None:
            return
        typed = self._typed(found.form)
        if str(typed.get(found.form.round_field) or "").strip() != str(found.survey):
            self.set_status(409)  # a page of an earlier survey: never stored into this one
            self.page("error.html", status=409, message=SURVEY_CHANGED)
            return
        typed[found.form.round_field] = found.survey  # a number, as the Excel form holds it
        outcome = await self.in_worker(responses.submit_as, db, instrument.FORM, found.roster,
                                       self.attendee().code_id, typed, community)
        if outcome is None:
            return
        if not outcome.stored:
            await self._render(422, typed, outcome.errors)
            return
        self.page("thanks.html", form=found.form, replaced=False,
                  round=Shown(found.survey, "Your rating is stored, without your name."),
                  shown=[f"Candidate you rated: {typed.get('candidate')}"],
                  notes=[p for p in outcome.problems if p not in outcome.errors],
                  again=self.own_url())


def _not_a_rater():
    return make_problem(Code.BACKBONE_NOT_A_RATER_CODE, F.WEB_SOURCE,
                        value="(the code you entered)")


def handlers(server_url: str) -> list:
    return [(url_path_join(server_url, "room", "stances"), StancePage),
            (url_path_join(server_url, "room", "rate"), RatePage)]
