"""The facilitator's page for the blind backbone survey (task 5): set up, codes, open, close.

    /room/survey            the survey's state, response rate per candidate, exclusion counts,
                            and the set-up form (candidates, raters)
    /room/survey/codes      POST: issue the raters' codes (a new roster, or raters added to
                            it); answered by the printable slips
    /room/survey/slips      the slips again, from the roster
    /room/survey/raters.csv mail-merge rows (name, e-mail, code, candidates, form address)
    /room/survey/open       POST: open a survey (raters may answer at /room/rate)
    /room/survey/close      POST: close it (results may be shown: notebook 5)

Facilitator only. What this page never shows: who answered, any score or comment (results
are notebook 5's, once the survey is closed). Who holds which code lives only in the roster
file beside the database, owner-only (``survey.roster_path``); the database keeps the
candidates (``preparation``), answers by rater key and the codes' digests.
"""
from __future__ import annotations

import csv
import io
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
from jupyter_server.utils import url_path_join
from markupsafe import Markup
from tornado import web

from ..tasks.backbone import preparation as P
from ..tasks.backbone import published
from ..tasks.backbone import raters as R
from ..tasks.backbone import responses
from ..tasks.backbone import survey as surveys
from ..tasks.backbone.anonymity import Thresholds
from ..tasks.backbone.thresholds import thresholds_for
from ..roomstore import access
from .form_pages import MAX_BODY, FormHandler, workspace
from .guard import facilitator_page
from .plain_pages import join_url, room_address

BY = "facilitator"
NEW, ADD = "new", "add"
SHARED_DEFAULT = "Shared backbone"


# --- what the page shows ---------------------------------------------------------------

@dataclass
class Overview:
    open_survey: int | None = None
    shown_survey: int | None = None  # the open survey, else the one closed last
    roster: R.Roster | None = None
    roster_exposed: bool = False  # the roster file can be read by others than its owner
    rates: list[dict] = field(default_factory=list)  # candidate, offered, answered, percent
    exclusions: list[dict] = field(default_factory=list)  # candidate, excluded, declared_ties
    organisations: list[str] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)  # key, name, organisation
    too_few: list[str] = field(default_factory=list)  # candidates offered to fewer than k
    candidates: list[str] = field(default_factory=list)  # of the codes issued now


def person_key(rater: R.Rater) -> str:
    """A checkbox's value for a person of the database: stable across page and post."""
    return (rater.email.strip().casefold() or " ".join(rater.name.casefold().split()))


def from_database(db: Path) -> tuple[list[R.Rater], pd.DataFrame, list[str]]:
    """People, ties and organisations as loaded; none from a database with no checklists."""
    try:
        return R.from_database(db)
    except (sqlite3.Error, pd.errors.DatabaseError):
        return [], None, []


def read_roster(db: Path) -> R.Roster | None:
    return P.roster(db)


def overview(db: Path, thresholds: Thresholds) -> Overview:
    seen = Overview(open_survey=surveys.current_survey(db))
    seen.shown_survey = seen.open_survey or surveys.latest_closed(db)
    seen.roster = read_roster(db)
    people, _, seen.organisations = from_database(db)
    seen.people = [{"key": person_key(p), "name": p.name, "organisation": p.organisation}
                   for p in people]
    if seen.roster is None:
        return seen
    seen.roster_exposed = bool(surveys.roster_path(db).stat().st_mode & 0o077)
    names = [c.name for c in P.candidates(db)] or list(seen.roster.offered_counts())
    seen.candidates = names
    offered = seen.roster.offered_counts()
    seen.too_few = [n for n in names if offered.get(n, 0) < thresholds.k]
    rates, exclusions = _counts(db, seen, names, thresholds)
    by_name = {row.candidate: row for row in rates.itertuples()}
    for name in exclusions["candidate"]:
        row = by_name.get(name)
        answered, out_of = (int(row.answered), int(row.offered)) if row is not None else (0, 0)
        seen.rates.append({"candidate": name, "offered": out_of, "answered": answered,
                           "percent": round(100 * answered / out_of) if out_of else 0})
    seen.exclusions = exclusions.to_dict("records")
    return seen


def _counts(db: Path, seen: Overview, names: list[str],
            thresholds: Thresholds) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Response rates and exclusion counts: of the open survey as they come in; of a closed
    one as frozen with its results (under the roster it was answered with, even if the
    codes were issued anew since); before any survey, what the roster offers."""
    if seen.open_survey is None and seen.shown_survey is not None:
        kept = published.frozen(db, seen.shown_survey, seen.roster, names, thresholds)
        return kept.rates, kept.exclusions
    survey = seen.open_survey or 0  # no survey 0: nothing answered yet
    return (responses.response_rates(db, survey, seen.roster),
            responses.exclusion_summary(db, survey, seen.roster, names))


# --- issuing codes -----------------------------------------------------------------------

class SetupError(ValueError):
    """What the facilitator typed cannot make a survey; the message says what to change."""

    def __init__(self, messages: list[str]):
        super().__init__(" ".join(messages))
        self.messages = messages


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


@dataclass(frozen=True)
class Setup:
    """What the set-up form asked for, as read from the post."""
    mode: str
    candidates: tuple[str, ...] = ()
    candidates_typed: str = ""
    shared_name: str = ""
    shared_members: str = ""
    everyone: bool = False
    people: tuple[str, ...] = ()  # person keys ticked
    raters_typed: str = ""


def candidates_of(setup: Setup) -> tuple[list[R.Candidate], list[str]]:
    names = list(dict.fromkeys(list(setup.candidates) + _lines(setup.candidates_typed)))
    chosen = R.candidates_from_names(names)
    errors = []
    members = list(dict.fromkeys(_lines(setup.shared_members)))
    if len(members) == 1:
        errors.append("Shared backbone: name at least two organisations sharing it, one a "
                      "line, or leave the box empty.")
    elif members:
        name = " ".join(setup.shared_name.split()) or SHARED_DEFAULT
        if name in names:
            errors.append(f"Shared backbone: '{name}' is already a candidate's name. Give "
                          "the shared arrangement a name of its own.")
        chosen.append(R.shared_backbone(members, name))
    if not chosen:
        errors.append("Candidates: tick or type at least one organisation that wants to "
                      "serve as the backbone.")
    return chosen, errors


def raters_of(setup: Setup, people: list[R.Rater]) -> tuple[list[R.Rater], list[str]]:
    by_key = {person_key(p): p for p in people}
    missing = [k for k in setup.people if k not in by_key]
    ticked = "person ticked is" if len(missing) == 1 else "people ticked are"
    errors = [f"Raters: {len(missing)} {ticked} no longer in the database (it was "
              "loaded again). Load this page again and tick them again."] if missing else []
    chosen = list(people) if setup.everyone else [by_key[k] for k in setup.people
                                                  if k in by_key]
    typed, typed_errors = R.read_typed(setup.raters_typed)
    errors += typed_errors
    unique, seen = [], set()
    for rater in chosen + typed:
        if person_key(rater) not in seen:
            seen.add(person_key(rater))
            unique.append(rater)
    if not unique and not errors:
        errors.append("Raters: tick people from the database or type at least one, one a "
                      "line.")
    return unique, errors


@dataclass(frozen=True)
class Issued:
    roster: R.Roster
    entries: list[dict]  # the codes just issued: the slips to print
    skipped: int = 0  # raters ticked who already held a code


def issue(db: Path, setup: Setup, k: Thresholds = Thresholds()) -> Issued:
    """Issue codes as *setup* asks; the roster is written owner-only."""
    people, ties, _ = from_database(db)
    current = read_roster(db)
    errors, skipped = [], 0
    if setup.mode == ADD:
        if current is None:
            raise SetupError(["There are no codes yet to add raters to. Choose the "
                              "candidates and issue the first codes."])
        candidates = P.candidates(db) or R.candidates_from_names(current.offered_counts())
    else:
        if surveys.current_survey(db) is not None:
            raise SetupError(["A survey is open: its raters' codes cannot be replaced now. "
                              "Add raters instead, or close the survey first."])
        candidates, errors = candidates_of(setup)
    chosen, rater_errors = raters_of(setup, people)
    errors += rater_errors
    if setup.mode == ADD and current is not None:
        known = {person_key(R.Rater(e["name"], e["email"])) for e in current.entries}
        already = [r for r in chosen if person_key(r) in known]
        if already and len(already) == len(chosen):
            errors.append(f"Raters: all {len(already)} already hold a code. Reprint their "
                          "slips instead.")
        chosen = [r for r in chosen if person_key(r) not in known]
        skipped = len(already)
    if errors:
        raise SetupError(errors)
    fresh = R.issue_codes(db, candidates, chosen, ties)
    if setup.mode == ADD and current is not None:
        # Same secret, so the rater keys of answers already in stay what they were.
        current.entries.extend(fresh.entries)
        P.keep_roster(db, current)
        return Issued(current, fresh.entries, skipped)
    if current is not None:
        _freeze_last_closed(db, current, k)
    P.save_candidates(db, candidates)
    P.keep_roster(db, fresh)
    for entry in (current.entries if current is not None else ()):
        access.revoke(db, entry["code_id"])  # the old slips stop working
    return Issued(fresh, fresh.entries, skipped)


def _freeze_last_closed(db: Path, roster: R.Roster, k: Thresholds) -> None:
    """Compute the last closed survey's results with the roster and candidates it was
    answered under, before they are replaced (its rates and sector groups need them)."""
    closed = surveys.latest_closed(db)
    if closed is not None:
        published.frozen(db, closed, roster, [c.name for c in P.candidates(db)], k)


def open_survey(db: Path) -> str:
    """'' when opened, else why not."""
    if read_roster(db) is None:
        return "Issue the raters' codes first: a survey without raters cannot be answered."
    try:
        surveys.open_survey(db, BY)
    except surveys.SurveyError as exc:
        return str(exc)
    return ""


def close_survey(db: Path) -> None:
    survey = surveys.current_survey(db)
    if survey is not None:
        surveys.close_survey(db, survey, BY)


def mail_merge_csv(roster: R.Roster, address: str) -> str:
    out = io.StringIO()
    R.mail_merge_rows(roster, address).to_csv(out, index=False, quoting=csv.QUOTE_MINIMAL)
    return out.getvalue()


# --- the handlers --------------------------------------------------------------------------

def thresholds() -> tuple[Thresholds, list]:
    """The community's k and k_comments (community.toml [backbone]), and why not if unusable."""
    community, _ = workspace()
    return thresholds_for(community)


class SurveyHandler(FormHandler):
    def here(self, *parts: str) -> str:
        return url_path_join(self.base_url, "room", "survey", *parts)

    async def show(self, status: int = 200, errors: list[str] | None = None,
                   setup: Setup | None = None, notice: str = "") -> None:
        _, db = workspace()
        k, problems = thresholds()
        seen = await self.in_worker(overview, db, k)
        if seen is None or self._finished:
            return
        self.page("survey.html", status=status, seen=seen, errors=errors or [],
                  setup=setup or Setup(NEW), notice=notice or self.get_argument("done", ""),
                  k=k.k, settings_problems=problems, url=self.here,
                  rate=url_path_join(self.base_url, "room", "rate"),
                  roster_path=str(surveys.roster_path(db)))


class SurveyPage(SurveyHandler):
    @facilitator_page
    async def get(self) -> None:
        await self.show()


class CodesPage(SurveyHandler):
    @facilitator_page
    async def post(self) -> None:
        if len(self.request.body) > MAX_BODY:
            raise web.HTTPError(413)
        setup = Setup(
            mode=ADD if self.get_body_argument("mode", NEW) == ADD else NEW,
            candidates=tuple(self.get_body_arguments("candidate")),
            candidates_typed=self.get_body_argument("candidates_typed", ""),
            shared_name=self.get_body_argument("shared_name", ""),
            shared_members=self.get_body_argument("shared_members", ""),
            everyone=bool(self.get_body_argument("everyone", "")),
            people=tuple(self.get_body_arguments("person")),
            raters_typed=self.get_body_argument("raters_typed", ""))
        _, db = workspace()
        try:
            issued = await self.in_worker(issue, db, setup, thresholds()[0])
        except SetupError as refused:
            await self.show(422, refused.messages, setup)
            return
        if issued is None:
            return
        self.slips(issued.roster, issued.entries, just_issued=True, skipped=issued.skipped)

    def slips(self, roster: R.Roster, entries: list[dict], just_issued: bool,
              skipped: int = 0) -> None:
        rate = url_path_join(self.base_url, "room", "rate")
        self.page("survey_slips.html", entries=[
            {**e, "qr": Markup(access.qr_svg(
                f"{join_url(self, e['code'])}&{urlencode({'next': rate})}", scale=4))}
            for e in entries], address=f"{room_address(self)}/room/rate",
            just_issued=just_issued, skipped=skipped, back=self.here(),
            csv=self.here("raters.csv"),
            total=len(roster.entries))


class SlipsPage(CodesPage):
    @facilitator_page
    async def get(self) -> None:
        _, db = workspace()
        roster = await self.in_worker(read_roster, db)
        if self._finished:
            return
        if roster is None:
            self.redirect(self.here(), status=303)
            return
        self.slips(roster, roster.entries, just_issued=False)


class MailMergePage(SurveyHandler):
    @facilitator_page
    async def get(self) -> None:
        _, db = workspace()
        roster = await self.in_worker(read_roster, db)
        if self._finished:
            return
        if roster is None:
            raise web.HTTPError(404, "no codes issued yet")
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.set_header("Content-Disposition", 'attachment; filename="backbone-raters.csv"')
        self.set_header("Cache-Control", "no-store")
        self.finish(mail_merge_csv(roster, f"{room_address(self)}/room/rate"))


class OpenPage(SurveyHandler):
    @facilitator_page
    async def post(self) -> None:
        _, db = workspace()
        refused = await self.in_worker(open_survey, db)
        if refused is None or self._finished:
            return
        if refused:
            await self.show(409, [refused])
            return
        self.redirect(self.here() + "?done=opened", status=303)


class ClosePage(SurveyHandler):
    @facilitator_page
    async def post(self) -> None:
        _, db = workspace()
        await self.in_worker(close_survey, db)
        if not self._finished:
            self.redirect(self.here() + "?done=closed", status=303)


def handlers(server_url: str) -> list:
    def path(*parts: str) -> str:
        return url_path_join(server_url, "room", "survey", *parts)
    return [(path(), SurveyPage), (path("codes"), CodesPage), (path("slips"), SlipsPage),
            (path("raters.csv"), MailMergePage), (path("open"), OpenPage),
            (path("close"), ClosePage)]
