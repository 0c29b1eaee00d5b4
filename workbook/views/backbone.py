"""Notebook 5's preparation panels: the candidates, the raters and their codes, and the
survey (opened, response rates while it runs, closed). The logic is in
``workbook.tasks.backbone``; the results and the decision are in ``backbone_results``.

What the room may see is counts: raters per sector, exclusions per candidate, answers in
per candidate. Never a rater's name beside a candidate, never a code (codes travel in
downloads: slips to cut out, mail-merge rows), never an answer.
"""
from __future__ import annotations

import asyncio
import html
from contextlib import closing
from pathlib import Path
from typing import Callable

import ipywidgets as widgets
import pandas as pd

from .. import backbone_export as X
from .. import backbone_figures as BF
from ..roomstore import access
from ..tasks.backbone import preparation
from ..tasks.backbone import published as P
from ..tasks.backbone import responses as Q
from ..tasks.backbone import raters as R
from ..tasks.backbone import survey as V
from ..workspace import Workspace
from . import charts, live
from .blocks import Panel
from .errors import log_exception
from .downloads import workbook_download
from .inventory import table_html

WIDE = widgets.Layout(width="95%")
STYLE = {"description_width": "170px"}
BY = live.BY

# Panels of one page redraw together when the survey opens or closes, or codes are issued.
_LISTENERS: dict[str, list[Callable[[], None]]] = {}


def listen(db: Path, listener: Callable[[], None]) -> None:
    _LISTENERS.setdefault(str(db), []).append(listener)
    _watch(db)


_WATCHING: dict[str, asyncio.Task] = {}


def _stamp(db: Path) -> tuple | None:
    """What changes when a survey opens or closes (here, on the room page or another laptop),
    or an answer comes in."""
    try:
        with closing(Q.connect(db)) as connection:
            answers = connection.execute("SELECT (SELECT COUNT(*) FROM backbone_scores) + "
                                         "(SELECT COUNT(*) FROM backbone_set_aside)").fetchone()[0]
        return tuple(V.surveys(db)["state"]), answers, len(preparation.candidates(db))
    except Exception:  # busy this instant: look again next time
        return None


def _watch(db: Path) -> None:
    """Poll on the kernel's event loop (none in tests or plain Python: nothing polls)."""
    if str(db) in _WATCHING:
        return
    try:
        loop = asyncio.get_event_loop()
    except RuntimeError:
        return
    if loop.is_running():
        _WATCHING[str(db)] = loop.create_task(_poll(db))


async def _poll(db: Path) -> None:
    seen = _stamp(db)
    while True:
        await asyncio.sleep(live.POLL_S)
        now = _stamp(db)
        if now is not None and now != seen:
            seen = now
            tell(db)


def tell(db: Path) -> None:
    for listener in list(_LISTENERS.get(str(db), [])):
        try:
            listener()
        except Exception:  # one panel failing to redraw leaves the others in step
            log_exception()


def _said(box: widgets.HTML, text: str, error: bool = False) -> None:
    css = "wb-message" if error else "wb-said"
    box.value = f'<div class="wb-page"><span class="{css}">{html.escape(text)}</span></div>'


def _html(body: str) -> str:
    return f'<div class="wb-page wb-scroll">{body}</div>'


def survey_started(db: Path) -> bool:
    return not V.surveys(db).empty


# --- candidates ------------------------------------------------------------------------

def candidates_panel(workspace: Workspace) -> Panel:
    """The candidates; organisations from the database or typed, and shared backbones."""
    db = workspace.db
    listing, said = widgets.HTML(), widgets.HTML()
    organisations = _organisations(db)
    name = widgets.Combobox(options=organisations, description="Organisation", style=STYLE,
                            layout=WIDE, placeholder="Pick from the database, or type a name")
    add = widgets.Button(description="Add this candidate", layout=widgets.Layout(width="auto"))
    members = widgets.SelectMultiple(options=organisations, description="Shared by",
                                     style=STYLE, layout=widgets.Layout(width="95%",
                                                                        height="150px"))
    shared_name = widgets.Text(description="Called", style=STYLE, layout=WIDE,
                               placeholder="e.g. Shared: Health Dept. with the YMCA")
    add_shared = widgets.Button(description="Add a shared backbone",
                                layout=widgets.Layout(width="auto"))
    remove = widgets.Dropdown(description="Remove", style=STYLE,
                              layout=widgets.Layout(width="600px"))
    remove_button = widgets.Button(description="Remove it", layout=widgets.Layout(width="auto"))
    editing = [name, add, members, shared_name, add_shared, remove, remove_button]

    def show() -> None:
        found = preparation.candidates(db)
        rows = pd.DataFrame([{"candidate": c.name,
                              "kind": "shared backbone" if c.kind == R.SHARED else "organisation",
                              "shared by": "; ".join(c.members)} for c in found],
                            columns=["candidate", "kind", "shared by"])
        listing.value = _html(table_html(rows) if len(rows) else
                              "<p>No candidate yet: add the organisations that want to serve "
                              "as the backbone, and a shared arrangement if one is proposed.</p>")
        remove.options = [c.name for c in found]
        frozen = survey_started(db)
        for control in editing:
            control.disabled = frozen
        if frozen:
            _said(said, "The survey has started: the candidates stay as the raters saw them.")

    def added(candidate: R.Candidate | None, why: str) -> None:
        if candidate is None or not candidate.name:
            _said(said, why, error=True)
            return
        preparation.add_candidate(db, candidate)
        _said(said, f"Added: {candidate.name}.")
        tell(db)

    add.on_click(lambda _b: added(R.Candidate(name.value.strip()) if name.value.strip()
                                  else None, "Pick or type the organisation's name first."))
    add_shared.on_click(lambda _b: added(
        R.shared_backbone(members.value, shared_name.value.strip() or
                          "Shared: " + " with ".join(members.value))
        if len(members.value) >= 2 else None,
        "Pick two or more organisations to share the backbone."))

    def removed(_button=None) -> None:
        if remove.value:
            preparation.remove_candidate(db, remove.value)
            tell(db)

    remove_button.on_click(removed)
    listen(db, show)
    show()
    form = widgets.Accordion(children=[widgets.VBox([
        name, add, widgets.HTML("<b>Or a shared backbone</b>"), members, shared_name,
        add_shared, remove, remove_button])], titles=("Add or remove candidates",))
    form.selected_index = None
    return Panel([listing, form, said],
                 data=lambda: {"candidates": pd.DataFrame(
                     [vars(c) for c in preparation.candidates(db)])})


def _organisations(db: Path) -> list[str]:
    try:
        return R.from_database(db)[2]
    except Exception:  # no checklist loaded yet: candidates can still be typed
        return []


# --- raters, exclusions, codes ------------------------------------------------------------

def raters_panel(workspace: Workspace) -> Panel:
    """How many raters, by sector; exclusions per candidate as counts; codes as downloads."""
    db = workspace.db
    summary, said = widgets.HTML(), widgets.HTML()
    extra = widgets.Textarea(description="Add people", style=STYLE,
                             layout=widgets.Layout(width="95%", height="110px"),
                             placeholder="One a line: name; organisation; e-mail; sector "
                                         "(or pasted from a spreadsheet)")
    issue = widgets.Button(description="Give every rater a code",
                           layout=widgets.Layout(width="auto"))
    downloads = widgets.VBox()

    def show() -> None:
        roster = preparation.roster(db)
        issue.disabled = survey_started(db)
        if roster is None:
            summary.value = _html(
                "<p>No rater has a code yet. The raters are the people the checklists name "
                "for each member organisation, and anyone added below. Nobody is offered "
                "their own organisation, or one they are recorded on the staff or board "
                "of.</p>")
            downloads.children = ()
            return
        sectors = pd.Series([e["sector"] or "(no sector given)" for e in roster.entries])
        by_sector = sectors.value_counts().rename_axis("sector").reset_index(name="raters")
        names = [c.name for c in preparation.candidates(db)]
        offered = roster.offered_counts()
        counts = pd.DataFrame([{"candidate": n, "may rate it": offered.get(n, 0),
                                "excluded": len(roster.entries) - offered.get(n, 0)}
                               for n in names])
        summary.value = _html(
            f"<p><b>{len(roster.entries)}</b> raters have a code.</p>" + table_html(by_sector)
            + "<h3>Who may rate each candidate</h3><p>Excluded: their own organisation, or "
              "recorded on its staff or board. Counts only: who is never shown.</p>"
            + table_html(counts))
        downloads.children = (
            workbook_download(lambda: X.slips_workbook(roster), "backbone-rater-slips.xlsx",
                              "Rater slips to print"),
            workbook_download(lambda: X.mail_merge_workbook(roster), "backbone-mail-merge.xlsx",
                              "Mail-merge rows (names, e-mails, codes: keep private)"))

    def issued(_button=None) -> None:
        if survey_started(db):
            _said(said, "The survey has started: codes cannot be issued again.", error=True)
            return
        candidates = preparation.candidates(db)
        if not candidates:
            _said(said, "Add the candidates first.", error=True)
            return
        people, ties, _ = R.from_database(db)
        typed, problems = R.read_typed(extra.value)
        if problems:
            _said(said, " ".join(problems), error=True)
            return
        earlier = preparation.roster(db)
        roster = R.issue_codes(db, candidates, [*people, *typed], ties)
        preparation.keep_roster(db, roster)
        for entry in earlier.entries if earlier else ():
            access.revoke(db, entry["code_id"])  # a code from the list replaced opens nothing
        _said(said, f"{len(roster.entries)} codes issued. The list of who holds which code is "
                    "kept beside the database, readable by you only.")
        tell(db)

    issue.on_click(issued)
    listen(db, show)
    show()
    return Panel([summary, widgets.HBox([extra]), issue, said, downloads],
                 data=lambda: {})


# --- the survey -------------------------------------------------------------------------

def survey_panel(workspace: Workspace) -> Panel:
    """Open and close the survey; while open, answers in per candidate (never who)."""
    db = workspace.db
    state, said = widgets.HTML(), widgets.HTML()
    open_button = widgets.Button(description="Open the survey", layout=widgets.Layout(width="auto"))
    close_button = widgets.Button(description="Close the survey and count",
                                  layout=widgets.Layout(width="auto"), button_style="warning")
    sure = widgets.Checkbox(description="No more answers will be taken", indent=False,
                            layout=widgets.Layout(width="auto"))
    again = widgets.Button(description="Look again", layout=widgets.Layout(width="auto"))
    chart = charts.chart_widget(BF.response_rate_chart(pd.DataFrame(
        columns=["candidate", "offered", "answered", "rate"])))
    counts = widgets.HTML()
    current: dict = {}

    def show() -> None:
        roster, names = preparation.roster(db), [c.name for c in preparation.candidates(db)]
        survey = V.current_survey(db)
        shown = survey if survey is not None else V.latest_closed(db)
        current["survey"] = shown
        open_button.disabled = survey is not None or roster is None
        close_button.disabled = survey is None
        state.value = _html(_state_text(db, survey, roster))
        if shown is None or roster is None:
            counts.value = ""
            return
        progress = P.progress(db, shown, roster, names)
        current["progress"] = progress
        charts.redraw(chart, BF.response_rate_chart(progress.rates))
        # Set-aside counts wait for the close: one that moved just after someone sent their
        # form would say that person declared a tie.
        counts.value = "" if survey is not None else _html(
            "<p>Answers set aside because the rater declared a tie (counts only):</p>"
            + table_html(progress.exclusions[["candidate", "declared_ties"]]))

    def opened(_button=None) -> None:
        try:
            number = V.open_survey(db, BY)
        except V.SurveyError as error:
            _said(said, str(error), error=True)
            return
        _said(said, f"Survey {number} is open: raters may now answer, on the web or on paper.")
        tell(db)

    def closed(_button=None) -> None:
        survey = V.current_survey(db)
        if survey is None:
            return
        if not sure.value:
            _said(said, "Tick the box first: once closed, no more answers are taken.", error=True)
            return
        V.close_survey(db, survey, BY)
        sure.value = False
        _said(said, f"Survey {survey} is closed: its results are below.")
        tell(db)

    open_button.on_click(opened)
    close_button.on_click(closed)
    again.on_click(lambda _b: show())
    listen(db, show)
    show()
    return Panel([state, widgets.HBox([open_button, again]), widgets.HBox([close_button, sure]),
                  said, chart, counts],
                 data=lambda: {"response rates": current["progress"].rates
                               if "progress" in current else pd.DataFrame()},
                 choices=lambda: {"survey": current.get("survey")})


def _state_text(db: Path, survey: int | None, roster) -> str:
    if roster is None:
        return "<p>Give the raters their codes before opening the survey.</p>"
    table = V.surveys(db)
    if survey is not None:
        since = table.loc[table["survey"] == survey, "opened_at"].iloc[0]
        return (f"<p><b>Survey {survey} is open</b> (since {html.escape(str(since))} UTC). "
                "Only the response rate is shown until it closes: scores shown while answers "
                "come in could be compared from one moment to the next.</p>")
    if table.empty:
        return "<p>No survey yet: open one when the raters have their codes.</p>"
    last = table[table["state"] == V.CLOSED].iloc[-1]
    return (f"<p><b>Survey {int(last['survey'])} is closed</b> "
            f"({html.escape(str(last['closed_at']))} UTC). Its results are below.</p>")
