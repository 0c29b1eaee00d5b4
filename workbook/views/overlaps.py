"""Notebook 2's panels: overlap heatmap and pairs, membership network, meeting burden, asks,
and the side-by-side comparison chart."""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from ..figures import (TOP_BARS, asks_chart, burden_chart, empty_chart, heatmap_chart,
                       network_chart)
from ..notes import notes_for
from .. import numbers_text as numbers
from ..tasks import history, overlaps
from ..workspace import Workspace
from . import charts
from .. import exports
from .blocks import Panel, beside
from .downloads import chart_downloads, workbook_download
from .inventory import ended_switch

DIMENSION_LABELS = {
    overlaps.COMBINED: "Combined score", "members": "Shared members", "goals": "Goals & indicators",
    "strategies": "Strategies", "funders": "Funders", "geographies": "Geography",
    "populations": "Population", "issue_areas": "Issue areas",
}
TOP_PAIRS = 8


# --- overlap heatmap and the pairs behind it --------------------------------------

_MATRICES: dict[tuple, overlaps.OverlapMatrices] = {}
_SWITCHES: dict[int, widgets.Checkbox] = {}


def _matrices(workspace: Workspace) -> overlaps.OverlapMatrices:
    """The heatmap and the comparison start from the same matrices: compute them once a load."""
    include = include_ended(workspace).value
    key = (str(workspace.db), workspace.load_id, include)
    if key not in _MATRICES:
        if len(_MATRICES) >= 4:
            _MATRICES.pop(next(iter(_MATRICES)))
        _MATRICES[key] = overlaps.overlap_matrices(workspace.db, community=workspace.community,
                                                   include_ended=include)
    return _MATRICES[key]


def include_ended(workspace: Workspace) -> widgets.Checkbox:
    """The page's one tick box bringing back ended and merged coalitions; every panel follows it."""
    if id(workspace) not in _SWITCHES:
        _SWITCHES[id(workspace)] = ended_switch()
    return _SWITCHES[id(workspace)]


def history_panel(workspace: Workspace) -> Panel:
    """Says which coalitions the page leaves out, with the tick box that brings them back."""
    switch = include_ended(workspace)
    note = widgets.HTML()

    def show(*_ignored) -> None:
        left_out = history.shown_coalitions(workspace.db, switch.value).note
        note.value = (f'<div class="wb-page wb-history">{html.escape(left_out.capitalize())}: '
                      "they ended or merged into another coalition.</div>" if left_out else
                      '<div class="wb-page wb-history">Every coalition loaded is shown.</div>')

    switch.observe(show, "value")
    show()
    return Panel([note, switch], choices=lambda: {"include_ended": switch.value})


def pairs_html(pairs: pd.DataFrame) -> str:
    if pairs.empty:
        return '<div class="wb-page"><p>No two coalitions overlap on this measure.</p></div>'
    rows = "".join(
        f"<tr><td><b>{html.escape(r.coalition_a)}</b> &amp; <b>{html.escape(r.coalition_b)}</b></td>"
        f"<td>{r.score:.0%}</td><td>{html.escape(r.reason)}</td></tr>"
        for r in pairs.itertuples())
    return ('<div class="wb-page wb-pairs"><table class="wb-table"><tr><th>Pair</th><th>Overlap</th>'
            f"<th>Why</th></tr>{rows}</table></div>")


def overlap_panel(workspace: Workspace) -> Panel:
    """Pick a dimension (or weigh them all); the heatmap and top pairs follow."""
    dimension = widgets.Dropdown(options=[(v, k) for k, v in DIMENSION_LABELS.items()],
                                 value=overlaps.COMBINED, description="Overlap in",
                                 style={"description_width": "110px"},
                                 layout=widgets.Layout(width="320px"))
    sliders = {d: widgets.FloatSlider(value=w, min=0, max=1, step=0.05, description=DIMENSION_LABELS[d],
                                      style={"description_width": "165px"},
                                      layout=widgets.Layout(width="355px"), continuous_update=False)
               for d, w in overlaps.DEFAULT_WEIGHTS.items()}
    weights_box = widgets.VBox([widgets.HTML("<b>Weights of the combined score</b>"),
                                *sliders.values()])
    pairs = widgets.HTML()
    state: dict = {}
    heatmap_download = chart_downloads(lambda: state["figure"], "overlap-heatmap",
                               workspace.community.name)
    tables_download = workbook_download(lambda: tables(), "overlaps.xlsx",
                                        "Overlap tables for handouts")

    def show(chart) -> None:
        state["figure"] = chart
        if "chart" in state:
            charts.redraw(state["chart"], chart)
        else:
            state["chart"] = charts.chart_widget(chart)

    def redraw(*_ignored) -> None:
        heatmap_download.withdraw()
        tables_download.withdraw()
        matrices = _matrices(workspace)
        labels = matrices.coalitions["label"]
        state["matrices"] = matrices
        chosen = dimension.value
        weights = {d: s.value for d, s in sliders.items()}
        weights_box.layout.display = "" if chosen == overlaps.COMBINED else "none"
        try:
            matrix = matrices.matrix(chosen, weights if chosen == overlaps.COMBINED else None)
        except ValueError:
            pairs.value = '<div class="wb-message">Give at least one weight above zero.</div>'
            heatmap_download.available(False)
            tables_download.available(False)
            # The previous picture must not stay up under weights it no longer follows.
            show(empty_chart("Every weight is at 0: give at least one weight above zero "
                             "to see the combined score.", DIMENSION_LABELS[chosen]))
            return
        heatmap_download.available(True)
        tables_download.available(True)
        chart = heatmap_chart(matrix, labels, DIMENSION_LABELS[chosen],
                              scope=_scope(workspace, weights if chosen == overlaps.COMBINED
                                           else None),
                              names=matrices.coalitions["name"])
        state.update(weights=weights)
        show(chart)
        top = overlaps.top_pairs(workspace.db, chosen, TOP_PAIRS, weights=weights,
                                 matrices=matrices)
        state.update(matrix=matrices.labelled(matrix), pairs=top)
        level_note = ('<p class="wb-page">Geography: each pair is compared at the finest level '
                      'both report; "(part)" marks an area one of them covers only in part.</p>'
                      if chosen in ("geographies", overlaps.COMBINED) else "")
        pairs.value = "<h3>Most-overlapping pairs</h3>" + pairs_html(top) + level_note

    include_ended(workspace).observe(redraw, "value")
    dimension.observe(redraw, "value")
    for slider in sliders.values():
        slider.observe(redraw, "value")
    redraw()
    def tables() -> bytes:
        weights, matrices = state["weights"], state["matrices"]
        include = include_ended(workspace).value
        return exports.overlap_workbook(
            matrices, overlaps.top_pairs(workspace.db, overlaps.COMBINED, 25, weights=weights,
                                         matrices=matrices),
            overlaps.meeting_burden(workspace.db, include), overlaps.ask_load(workspace.db, include),
            weights)

    def data() -> dict[str, pd.DataFrame]:
        return {"matrix": state["matrix"], "pairs": state["pairs"]} if "pairs" in state else {}

    return Panel([beside(state["chart"], [dimension, weights_box]),
                  widgets.HBox([heatmap_download, tables_download]), pairs], data=data,
                 choices=lambda: {"overlap_in": dimension.value,
                                  "weights": {d: s.value for d, s in sliders.items()},
                                  "include_ended": include_ended(workspace).value})


# --- who sits where: the membership network ------------------------------------------

def network_panel(workspace: Workspace) -> Panel:
    threshold = widgets.IntSlider(value=2, min=1, max=6, description="Organisations on at least",
                                  style={"description_width": "230px"},
                                  layout=widgets.Layout(width="520px"), continuous_update=False)
    caption = widgets.HTML()
    state: dict = {}
    network_download = chart_downloads(lambda: state["figure"], "membership-network",
                               workspace.community.name)
    kumu = workbook_download(lambda: exports.kumu_workbook(state["network"]), "kumu.xlsx",
                             "Network for Kumu")

    def redraw(*_ignored) -> None:
        network_download.withdraw()
        kumu.withdraw()
        network = overlaps.membership_network(workspace.db, min_coalitions=threshold.value,
                                              include_ended=include_ended(workspace).value)
        organisations = int((network.nodes["kind"] == "organisation").sum())
        sit = "sits" if organisations == 1 else "sit"
        caption.value = (f'<div class="wb-page">{numbers.counted(organisations, "organisation")} '
                         f"{sit} on at least {numbers.counted(threshold.value, 'coalition')}. "
                         "Squares are coalitions, circles organisations; the bigger, the more "
                         "seats.</div>")
        chart = network_chart(network, scope=_scope(
            workspace, extra="Organisations on at least "
                             f"{numbers.counted(threshold.value, 'coalition')}"))
        state.update(figure=chart, network=network)
        if "chart" in state:
            charts.redraw(state["chart"], chart)
        else:
            state["chart"] = charts.chart_widget(chart)

    threshold.observe(redraw, "value")
    include_ended(workspace).observe(redraw, "value")
    redraw()
    return Panel([threshold, caption, state["chart"], widgets.HBox([network_download, kumu])],
                 data=lambda: {"nodes": state["network"].nodes, "edges": state["network"].edges},
                 choices=lambda: {"min_coalitions": threshold.value,
                                  "include_ended": include_ended(workspace).value})


# --- meeting burden and asks ------------------------------------------------------------

def burden_panel(workspace: Workspace) -> Panel:
    who = widgets.ToggleButtons(options=[("Organisations", "organisations"), ("People", "people")])
    note = widgets.HTML()
    how = widgets.HTML(
        '<div class="wb-page">Each seat counts the meetings of the bodies its member sits on '
        "(full coalition, steering committee, workgroups), or the meetings the member says "
        "they attend; with no bodies listed, the coalition's own cadence and meeting length. "
        "Residents speaking for no organisation count as people, not organisations.</div>")
    state: dict = {}
    download = chart_downloads(lambda: state["figure"], "meeting-burden",
                               workspace.community.name)

    def recompute(*_ignored) -> None:
        state["burden"] = overlaps.meeting_burden(workspace.db, include_ended(workspace).value)
        redraw()

    def redraw(*_ignored) -> None:
        burden = state["burden"]
        frame = burden.organisations if who.value == "organisations" else burden.people
        name = "organisation" if who.value == "organisations" else "person"
        chart = burden_chart(frame, name,
                             f"Who spends most time in coalition meetings ({who.label.lower()})",
                             scope=_scope(workspace, extra=_top_of(frame, who.label.lower())))
        state["figure"] = chart
        download.withdraw()
        if "chart" in state:
            charts.redraw(state["chart"], chart)
        else:
            state["chart"] = charts.chart_widget(chart)
        repeated = frame[frame["overlapping_issue_coalitions"] >= 3].head(5)
        lines = "".join(
            f"<li><b>{html.escape(str(r[name]))}</b>: {int(r['overlapping_issue_coalitions'])} "
            f"coalitions on {html.escape(str(r['repeated_issue_areas']))}</li>"
            for _, r in repeated.iterrows())
        note.value = ('<div class="wb-page"><b>The same report three times?</b> Seats on three or '
                      f"more coalitions working on the same issue:<ul>{lines or '<li>none</li>'}</ul></div>")

    who.observe(redraw, "value")
    include_ended(workspace).observe(recompute, "value")
    recompute()
    return Panel([who, how, state["chart"], download, note],
                 data=lambda: {"organisations": state["burden"].organisations,
                               "people": state["burden"].people},
                 choices=lambda: {"who": who.value,
                                  "include_ended": include_ended(workspace).value})


def asks_panel(workspace: Workspace) -> Panel:
    state: dict = {}

    def figure(include: bool):
        asks = overlaps.ask_load(workspace.db, include)
        state["asks"] = asks
        return asks_chart(asks, scope=_scope(workspace, extra=_top_of(asks.by_organisation,
                                                                     "organisations asked")))

    state["figure"] = figure(include_ended(workspace).value)
    widget = charts.chart_widget(state["figure"])
    download = chart_downloads(lambda: state["figure"], "asks",
                               workspace.community.name)

    def redraw(change) -> None:
        state["figure"] = figure(change["new"])
        charts.redraw(widget, state["figure"])
        download.withdraw()

    include_ended(workspace).observe(redraw, "value")
    return Panel([widget, download],
                 data=lambda: {"by_organisation": state["asks"].by_organisation,
                               "long": state["asks"].long},
                 choices=lambda: {"include_ended": include_ended(workspace).value})


def _scope(workspace: Workspace, weights: dict[str, float] | None = None, extra: str = "") -> str:
    """A chart's subtitle: what it leaves out (ended coalitions, a threshold) and its weights."""
    said = [extra] if extra else []
    left_out = history.shown_coalitions(workspace.db, include_ended(workspace).value).note
    said.append(left_out.capitalize() if left_out else "Every coalition loaded")
    if weights:
        said.append("Weights: " + ", ".join(f"{DIMENSION_LABELS[d]} {numbers.number_text(w)}"
                                            for d, w in weights.items() if w))
    return " · ".join(said)


def _top_of(frame: pd.DataFrame, what: str) -> str:
    return f"Top {TOP_BARS} of {len(frame)} {what}" if len(frame) > TOP_BARS else ""


# --- the side-by-side comparison chart ------------------------------------------------

def comparison_html(comparison: overlaps.Comparison, notes: pd.DataFrame | None = None) -> str:
    # Each column's heading, which stays in view as the table scrolls, gives the short
    # name and the full name under it: the key to the short names is where they are read.
    header = "".join(f"<th>{_heading_html(label, full)}</th>"
                     for label, full in comparison_headings(comparison))
    body = []
    for key, row in comparison.table.iterrows():
        label = html.escape(comparison.field_labels.get(key, key))
        cells = "".join(f"<td>{_cell_html(numbers.field_text(key, row[c]), comparison.shared.at[key, c])}</td>"
                        for c in comparison.table.columns)
        body.append(f"<tr><th>{label}</th>{cells}</tr>")
    if notes is not None:
        notes = notes.dropna(how="all")
    if notes is not None and not notes.empty:
        body.append(f'<tr><th colspan="{len(comparison.table.columns) + 1}">Interview notes</th></tr>')
        for question, row in notes.iterrows():
            cells = "".join(f"<td>{html.escape(str(v)) if pd.notna(v) else ''}</td>" for v in row)
            body.append(f"<tr><th>{html.escape(str(question))}</th>{cells}</tr>")
    legend = ('<p><span class="wb-shared">● shared</span> = also listed by another coalition '
              "in this comparison.</p>")
    style = ("<style>.wb-compare td, .wb-compare th { min-width: 180px; }"
             ".wb-compare .wb-full-name { display: block; font-weight: normal; font-size: 17px; }"
             ".wb-shared { background: #CCE3F5; font-weight: bold; }</style>")
    return (f'<div class="wb-page">{style}{legend}<div class="wb-scroll">'
            f'<table class="wb-table wb-compare">'
            f"<tr><th></th>{header}</tr>{''.join(body)}</table></div></div>")


def comparison_headings(comparison: overlaps.Comparison) -> list[tuple[str, str | None]]:
    """(short label, full name) per compared coalition; no full name when it says the same."""
    return [(str(label), exports.full_name_of(comparison, label))
            for label in comparison.table.columns]


def _heading_html(label: str, full: str | None) -> str:
    said = f"<b>{html.escape(label)}</b>"
    return said + (f'<span class="wb-full-name">{html.escape(full)}</span>' if full else "")


def _cell_html(value, shared: frozenset) -> str:
    if value is None or value == () or (not isinstance(value, tuple) and pd.isna(value)):
        return "—"
    items = value if isinstance(value, tuple) else (value,)
    return "<br>".join(
        f'<span class="wb-shared">● {html.escape(str(item))}</span>' if item in shared
        else html.escape(str(item)) for item in items)


def comparison_panel(workspace: Workspace) -> Panel:
    """Pick up to ten coalitions; every footprint field side by side, shared items marked."""
    picker = widgets.SelectMultiple(options=[], rows=10, description="Compare",
                                    layout=widgets.Layout(width="560px"))

    def offer(*_ignored) -> None:
        """The coalitions shown, starting on the most-overlapping pair."""
        labels = overlaps.coalition_labels(workspace.db, include_ended(workspace).value)
        options = [(f"{row['name']}", cid) for cid, row in labels.sort_values("name").iterrows()]
        first = overlaps.top_pairs(workspace.db, overlaps.COMBINED, 1,
                                   matrices=_matrices(workspace))
        start = (tuple(first[["coalition_a_id", "coalition_b_id"]].iloc[0]) if not first.empty
                 else tuple(cid for _, cid in options[:2]))
        picker.options = options
        picker.value = tuple(int(c) for c in start)
    table = widgets.HTML()
    state: dict = {}
    download = workbook_download(
        lambda: exports.comparison_workbook(state["comparison"], state["notes"]),
        "comparison.xlsx", "Comparison chart for handouts")

    def redraw(*_ignored) -> None:
        download.withdraw()
        chosen = list(picker.value)
        download.available(0 < len(chosen) <= overlaps.MAX_COMPARED)
        if len(chosen) > overlaps.MAX_COMPARED:
            table.value = (f'<div class="wb-message">Pick at most {overlaps.MAX_COMPARED} '
                           "coalitions to compare.</div>")
            return
        if not chosen:
            table.value = '<div class="wb-message">Pick two or more coalitions.</div>'
            return
        comparison = overlaps.compare_coalitions(workspace.db, chosen,
                                                 community=workspace.community)
        notes = notes_for(workspace.db, chosen)
        state.update(comparison=comparison, notes=notes)
        table.value = comparison_html(comparison, notes)

    picker.observe(redraw, "value")
    include_ended(workspace).observe(offer, "value")
    offer()
    def data() -> dict[str, pd.DataFrame]:
        if "comparison" not in state:
            return {}
        return {"table": state["comparison"].table, "shared": state["comparison"].shared,
                "notes": state["notes"]}

    return Panel([picker, widgets.HTML("<i>Hold Ctrl (or ⌘) to pick several.</i>"), download,
                  table], data=data,
                 choices=lambda: {"compared": dict((cid, name) for name, cid in picker.options
                                                   if cid in picker.value),
                                  "include_ended": include_ended(workspace).value})
