"""Notebook 4's panels around the negotiation: the readiness summary and the log of
opportunity moments (at the top), the option lists with their counts, and the draft charter.
The stances, the agreement map and deciding are in ``umbrella_map``. The logic is in
``workbook.tasks.umbrella``, the charts in ``workbook.umbrella_figures``; these panels show
and call."""
from __future__ import annotations

import html
import tempfile
from contextlib import closing
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .. import exports
from ..roomstore import forms
from ..tasks.umbrella import charter as C
from ..tasks.umbrella import options as O
from ..tasks.umbrella import readiness as R
from ..tasks.umbrella import stances as T
from ..umbrella_figures import BAND_WORDS, readiness_chart
from ..workspace import Workspace
from . import charts, live
from .blocks import Panel, message
from .downloads import DownloadPanel
from .inventory import table_html

STYLE = {"description_width": "170px"}
WIDE = widgets.Layout(width="95%")
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CHARTER_FILE = "draft-charter.docx"
UMBRELLA_CSS = """<style>
.wb-said { color: #00785A; font-weight: bold; }
.wb-band-strength { border-left: 8px solid #0072B2; }
.wb-band-discuss { border-left: 8px solid #BBBBBB; }
.wb-band-concern { border-left: 8px solid #D55E00; }
.wb-band-none { border-left: 8px solid #F2F2F2; }
.wb-ready { padding: 6px 14px; margin: 6px 0; font-size: 20px; }
.wb-block { color: #B03A00; font-weight: bold; }
.wb-agreed { border-left: 8px solid #009E73; padding-left: 10px; }
</style>"""


def said(text: str, error: bool = False) -> str:
    css = "wb-message" if error else "wb-said"
    return f'<div class="wb-page"><span class="{css}">{html.escape(text)}</span></div>'


def umbrella_stamp(db) -> tuple:
    """What changes when a laptop records stances or notes a moment (the decision log is
    watched already)."""
    if not Path(db).is_file():
        return (0, 0)
    with closing(T.connect(db)) as connection:
        latest = connection.execute("SELECT COALESCE(MAX(submission_id), 0), "
                                    "(SELECT COUNT(*) FROM umbrella_rounds) "
                                    "FROM umbrella_submissions").fetchone()
    return (tuple(latest), len(R.moments(db)))


live.also_watch("umbrella", umbrella_stamp)


def coalition_names(db) -> list[str]:
    """The coalitions that can take a stance: those loaded from the checklists, and any
    that already gave stances (a coalition without a checklist still speaks)."""
    names: set[str] = set()
    with closing(T.connect(db)) as connection:
        if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'coalitions'"
                              ).fetchone():
            names |= {r[0] for r in connection.execute("SELECT name FROM coalitions")}
        names |= {r[0] for r in connection.execute("SELECT coalition FROM umbrella_submissions")}
    return sorted(names)


# --- readiness, at the top ------------------------------------------------------------

def readiness_summary_html(results: pd.DataFrame, leaders: int, bands: R.Bands) -> str:
    """One line per ingredient: its band in words, n, the spread (1-2 / 3 / 4-5) and
    don't knows: never a mean alone."""
    if not leaders:
        return ('<div class="wb-page"><div class="wb-message">No readiness checks yet. Leaders '
                "fill the readiness check on the room's web form or on its Excel form "
                "(python -m workbook load-umbrella).</div></div>")
    lines = []
    for r in results.to_dict("records"):
        band = r["band"] if r["band"] in ("strength", "discuss", "concern") else "none"
        spread = (f"{r['low']} disagree · {r['3']} neutral · {r['high']} agree"
                  + (f" · {r['dont_know']} don't know" if r["dont_know"] else ""))
        mean = "" if pd.isna(r["mean"]) else f", mean {r['mean']:.1f}"
        lines.append(f'<div class="wb-ready wb-band-{band}"><b>{html.escape(r["ingredient"])}'
                     f"</b>: {html.escape(BAND_WORDS.get(r['band'], r['band']))} "
                     f"(n = {r['n']}{mean}) — {spread}</div>")
    return (f'<div class="wb-page"><p>{leaders} leaders answered. Bands: strength ≥ '
            f"{bands.strength:.1f}, to discuss ≥ {bands.discuss:.1f}, concern below.</p>"
            + "".join(lines) + "</div>")


def readiness_panel(workspace: Workspace) -> Panel:
    """Casey's five ingredients: the answers per ingredient with n and band, the chart, and
    the log of opportunity moments with a form to note one."""
    db = workspace.db
    watcher = live.watcher(db)
    bands, problems = R.bands_for(workspace.community)
    summary, log, note_said = widgets.HTML(), widgets.HTML(), widgets.HTML()
    chart_box = widgets.Box()
    state: dict = {}
    event, date = widgets.Text(description="Event", style=STYLE, layout=WIDE), widgets.Text(
        description="Date", placeholder="2027-03-15", style=STYLE,
        layout=widgets.Layout(width="360px"))
    why, who = (widgets.Text(description="Why it matters", style=STYLE, layout=WIDE),
                widgets.Text(description="Who acts", style=STYLE, layout=WIDE))
    note = widgets.Button(description="Note this moment", layout=widgets.Layout(width="auto"))

    def show() -> None:
        round_ = forms.current_round(db, R.READINESS)
        answers = forms.round_answers(db, R.READINESS, round_) if round_ else None
        leaders = answers.n if answers else 0
        results = R.results_by_ingredient(answers.answers if answers else [], bands)
        state.update(results=results, leaders=leaders, moments=R.moments(db))
        summary.value = readiness_summary_html(results, leaders, bands) + "".join(
            said(f"{p.message} {p.fix}", error=True) for p in problems)
        figure = readiness_chart(results, bands, leaders)
        state["figure"] = figure
        if "chart" in state:
            charts.redraw(state["chart"], figure)
        else:
            state["chart"] = charts.chart_widget(figure)
        chart_box.children = (state["chart"],)
        moments = state["moments"]
        log.value = ('<div class="wb-page wb-scroll">' + (table_html(
            moments[["date", "event", "why_it_matters", "who_acts", "noted_by"]])
            if len(moments) else "<p>No opportunity moments noted yet.</p>") + "</div>")

    def add(_button=None) -> None:
        try:
            R.note_moment(db, event.value, date.value, why.value, who.value, live.BY)
        except ValueError as problem:
            note_said.value = said(str(problem), error=True)
            return
        note_said.value = said(f"Noted: {event.value.strip()}.")
        event.value = date.value = why.value = who.value = ""
        watcher.tell()

    note.on_click(add)
    watcher.listen(show)
    show()
    return Panel([widgets.HTML(UMBRELLA_CSS), summary, chart_box,
                  widgets.HTML("<h3>Opportunity moments</h3>"), log,
                  widgets.VBox([event, date, why, who, note, note_said])],
                 data=lambda: {"readiness": state["results"], "moments": state["moments"]},
                 choices=lambda: {"strength": bands.strength, "discuss": bands.discuss})


# --- the option lists -----------------------------------------------------------------

def options_html(lists: O.OptionLists) -> str:
    """Per parameter its question and options, with how many coalitions already cover each
    seeded option, or what each option means."""
    parts = []
    for parameter in lists.parameters:
        rows = lists.table[lists.table["parameter"] == parameter]
        spec = O.PARAMETERS[parameter]
        items = []
        for r in rows.itertuples():
            count = ("" if pd.isna(r.coalitions_covering) else
                     f" <b>({int(r.coalitions_covering)} coalitions cover it)</b>")
            meaning = f" — {html.escape(r.meaning)}" if r.meaning else ""
            items.append(f"<li>{html.escape(r.option)}{count}{meaning}</li>")
        parts.append(f"<h4>{html.escape(spec.title)}: {html.escape(spec.question)} "
                     f"<small>({len(rows)} options, {html.escape(rows['source'].iloc[0])})"
                     f"</small></h4><ul>{''.join(items)}</ul>")
    problems = "".join(said(f"{p.message} {p.fix}", error=True) for p in lists.problems)
    return f'<div class="wb-page">{problems}{"".join(parts)}</div>'


def options_panel(workspace: Workspace) -> Panel:
    """The pretested options of every parameter (community.toml's, seeded from the
    checklists with their counts, or the defaults)."""
    lists = O.option_lists(workspace.community, workspace.db)
    shown = widgets.Accordion(children=[widgets.HTML(options_html(lists))],
                              titles=(f"{len(lists.table)} options over "
                                      f"{len(lists.parameters)} parameters",))
    shown.selected_index = None
    return Panel([shown], data=lambda: {"options": lists.table})


# --- the draft charter ----------------------------------------------------------------

def charter_bytes(db, name: str, questions: list[str]) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = C.write_charter(db, Path(folder) / CHARTER_FILE, name or None, questions)
        return path.read_bytes()


def charter_panel(workspace: Workspace) -> Panel:
    """The draft charter (.docx) from what the room decided; "To be decided" elsewhere."""
    watcher = live.watcher(workspace.db)
    name = widgets.Text(description="Umbrella's name", placeholder="(to be decided)",
                        style=STYLE, layout=WIDE)
    questions = widgets.Textarea(description="Open questions", placeholder="One a line",
                                 style=STYLE, layout=widgets.Layout(width="95%", height="80px"))

    def links() -> str:
        typed = [q.strip() for q in questions.value.splitlines() if q.strip()]
        return exports.download_link(charter_bytes(workspace.db, name.value.strip(), typed),
                                     CHARTER_FILE, DOCX_MIME, f"Download {CHARTER_FILE}")

    download = DownloadPanel("Draft the charter (Word)", links)
    # Something decided, or the name changed, after the file was made: it would be stale.
    watcher.listen(download.withdraw)
    name.observe(lambda _change: download.withdraw(), "value")
    questions.observe(lambda _change: download.withdraw(), "value")
    return Panel([widgets.HTML('<div class="wb-page">Every part comes from the decision log; '
                               "what the room has not decided says “To be decided”. Edit the "
                               "file in Word afterwards.</div>"), name, questions, download],
                 choices=lambda: {"name": name.value})


def no_stances_yet() -> widgets.HTML:
    return message("No stances yet: record a coalition's stance below, or load stance forms "
                   "(python -m workbook load-umbrella).")
