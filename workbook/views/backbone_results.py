"""Notebook 5's results panels, once the survey is closed: the profile, agreement in words,
the shared-backbone view, comments, the breakdown by sector, the handouts, and recording the
chosen backbone in the decision log (task 4's charter reads it from there).

Everything shown comes from ``published.frozen``: the closed survey's results, computed
once and read back, through the anonymity rules. Raw answers are never read here.
"""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import backbone_export as X
from .. import backbone_figures as BF
from .. import decisions as D
from .. import exports
from ..tasks.backbone import decision, preparation
from ..tasks.backbone import published as P
from ..tasks.backbone import survey as V
from ..tasks.backbone.instrument import FUNCTIONS
from ..tasks.backbone.results import LABELS
from ..tasks.backbone.thresholds import thresholds_for
from ..workspace import Workspace
from . import charts, live
from .backbone import STYLE, _html, _said, listen, tell
from .blocks import Panel, message
from .downloads import DownloadPanel, workbook_download
from .inventory import table_html

NOT_YET = ("The results appear here once the survey is closed: while answers come in, only "
           "the response rate is shown.")
SHARED_CHOICE = "A shared arrangement (function by function)"


def closed_results(workspace: Workspace) -> tuple[P.Published, list[str]] | None:
    """The last closed survey's frozen results and the candidates, or None."""
    survey = V.latest_closed(workspace.db)
    if survey is None:
        return None
    names = [c.name for c in preparation.candidates(workspace.db)]
    thresholds = thresholds_for(workspace.community)[0]
    return P.frozen(workspace.db, survey, preparation.roster(workspace.db), names,
                    thresholds), names


def results_panel(workspace: Workspace) -> Panel:
    """The profile chart, agreement in words, the shared-backbone view and the handouts."""
    db = workspace.db
    notes, agreement, comments, breakdown = (widgets.HTML() for _ in range(4))
    profile_chart = charts.chart_widget(BF.profile_chart(pd.DataFrame(
        columns=BF.GRID_COLUMNS), thresholds_for(workspace.community)[0]))
    shared_chart = charts.chart_widget(BF.strongest_chart(
        pd.DataFrame(columns=["item", "label", "strongest", "median"]), [],
        thresholds_for(workspace.community)[0]))
    handouts = widgets.VBox()
    body = widgets.VBox()
    waiting = message(NOT_YET)
    current: dict = {}

    def show() -> None:
        found = closed_results(workspace)
        if found is None:
            body.children = (waiting,)
            current.clear()
            return
        published, names = found
        current.update(published=published, names=names)
        k = published.thresholds
        problems = thresholds_for(workspace.community)[1]
        notes.value = _html(
            f"<p>Survey {published.survey}, closed. Figures only where at least <b>{k.k}</b> "
            f"raters answered; comments only where at least <b>{k.k_comments}</b> did.</p>"
            + "".join(f'<div class="wb-message">{html.escape(p.message)} '
                      f"{html.escape(p.fix)}</div>" for p in problems))
        charts.redraw(profile_chart, BF.profile_chart(
            BF.profile_grid(published.profile, names, k), k))
        charts.redraw(shared_chart, BF.strongest_chart(published.strongest, names, k))
        agreement.value = _html("<h3>Do the raters agree?</h3>" + _agreement_html(published,
                                                                                   names))
        comments.value = f'<div class="wb-page">{_comments_html(published)}</div>'
        breakdown.value = _html(_breakdown_html(published))
        handouts.children = (
            workbook_download(lambda: X.results_workbook(published, names,
                                                         workspace.community.name),
                              X.RESULTS_FILE, "Results workbook (Excel)"),
            _charts_download(published, names, workspace.community.name))
        body.children = (notes, profile_chart, agreement, shared_chart, comments, breakdown,
                         handouts)

    listen(db, show)
    show()
    return Panel([body], data=lambda: _frames(current))


def _frames(current: dict) -> dict:
    published = current.get("published")
    if published is None:
        return {}
    frames = {name: getattr(published, name) for name in ("profile", "agreement", "strongest",
                                                           "comments", "breakdown")}
    # Every candidate x item as the chart draws it: a figure, or the words saying why not
    # (what the room view shows, so it needs no rule of its own).
    frames["grid"] = BF.profile_grid(published.profile, current["names"], published.thresholds)
    return frames


def _agreement_html(published: P.Published, names: list[str]) -> str:
    said = dict(zip(published.agreement["candidate"], published.agreement["in_words"]))
    rows = pd.DataFrame([{"candidate": n, "raters agree?": said.get(
        n, f"not shown: {BF.fewer_than(published.thresholds)}")} for n in names])
    return table_html(rows)


def _comments_html(published: P.Published) -> str:
    k = published.thresholds
    if published.comments.empty:
        return (f"<h3>Comments</h3><p>No comment is shown: comments appear only where at "
                f"least {k.k_comments} raters answered.</p>")
    parts = [f"<h3>Comments</h3><p>In no particular order, never with a name; only where at "
             f"least {k.k_comments} raters answered.</p>"]
    for (candidate, item), cell in published.comments.groupby(["candidate", "item"],
                                                                sort=False):
        parts.append(f"<h4>{html.escape(candidate)}: {html.escape(LABELS.get(item, item))}</h4>"
                     "<ul>" + "".join(f"<li>{html.escape(text)}</li>"
                                      for text in cell["comment"]) + "</ul>")
    return "".join(parts)


def _breakdown_html(published: P.Published) -> str:
    k = published.thresholds
    head = (f"<h3>By the raters' sector</h3><p>Only sectors of at least {k.k} raters, and "
            "only where the sectors left out could not be worked out from the total.</p>")
    if published.breakdown.empty:
        return head + "<p>No sector has enough raters to be shown on its own.</p>"
    frame = published.breakdown.assign(item=published.breakdown["item"].map(LABELS))
    return head + table_html(frame[["candidate", "item", "group", "n", "median", "q1", "q3"]]
                             .rename(columns={"group": "sector", "n": "raters",
                                              "q1": "first quartile", "q3": "third quartile"}))


def _charts_download(published: P.Published, names: list[str], community: str) -> DownloadPanel:
    def links() -> str:
        handout = exports.Handout(community)
        parts = []
        for stem, chart in X.charts(published, names).items():
            parts.append(exports.download_link(exports.chart_png(chart, handout=handout),
                                               f"{stem}.png", exports.PNG_MIME, f"{stem}.png"))
            parts.append(exports.download_link(
                exports.chart_svg(chart, handout=handout).encode("utf-8"), f"{stem}.svg",
                exports.SVG_MIME, f"{stem}.svg"))
        return " ".join(parts)
    return DownloadPanel("Save the charts for handouts (PNG, SVG)", links)


# --- the decision -------------------------------------------------------------------------

def decision_panel(workspace: Workspace) -> Panel:
    """Record the chosen backbone (or shared arrangement) in the decision log."""
    db = workspace.db
    now, said = widgets.HTML(), widgets.HTML()
    chosen = widgets.Dropdown(description="Backbone", style=STYLE,
                              layout=widgets.Layout(width="700px"))
    split = {key: widgets.Dropdown(description=label, style=STYLE,
                                   layout=widgets.Layout(width="700px"))
             for key, label, _ in FUNCTIONS}
    split_box = widgets.VBox(list(split.values()))
    rationale = widgets.Textarea(description="Rationale", style=STYLE,
                                 layout=widgets.Layout(width="95%", height="80px"))
    record = widgets.Button(description="Record the chosen backbone",
                            layout=widgets.Layout(width="auto"))

    def show() -> None:
        names = [c.name for c in preparation.candidates(db)]
        offered = [*names, SHARED_CHOICE]
        if list(chosen.options) != offered:
            chosen.options = offered
        for box in split.values():
            if list(box.options) != names:
                box.options = names
        split_box.layout.display = None if chosen.value == SHARED_CHOICE else "none"
        in_force = decision.current_choice(db)
        now.value = _html(f"<p>Backbone in force: <b>{html.escape(in_force)}</b>. It goes into "
                          "the umbrella charter (task 4).</p>" if in_force else
                          "<p>No backbone chosen yet.</p>")
        record.disabled = V.latest_closed(db) is None

    def recorded(_button=None) -> None:
        found = closed_results(workspace)
        if found is None:
            _said(said, NOT_YET, error=True)
            return
        published, _ = found
        if chosen.value is None:
            _said(said, "Pick the backbone first.", error=True)
            return
        shared = chosen.value == SHARED_CHOICE
        parts = {f"function_{key}": box.value for key, box in split.items()} if shared else None
        name = ("Shared: " + "; ".join(f"{LABELS[item]} – {who}" for item, who in parts.items())
                if shared else chosen.value)
        try:
            decision.choose(db, name, live.BY, rationale.value.strip(),
                            shown_profile=published.profile, agreement=published.agreement,
                            split=parts)
        except (D.DecisionError, D.DecisionLogBusy) as error:
            _said(said, str(error), error=True)
            return
        _said(said, "Recorded in the decision log.")
        live.watcher(db).tell()
        tell(db)

    chosen.observe(lambda _c: show(), names="value")
    record.on_click(recorded)
    live.watcher(db).listen(show)
    listen(db, show)
    show()
    return Panel([now, chosen, split_box, rationale, record, said],
                 choices=lambda: {"backbone": decision.current_choice(db)})
