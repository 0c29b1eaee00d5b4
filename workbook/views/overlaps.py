"""Notebook 2's panels: overlap heatmap and pairs, membership network, meeting burden, asks,
and the side-by-side comparison chart."""
from __future__ import annotations

import html

import altair as alt
import ipywidgets as widgets
import pandas as pd

from ..notes import notes_for
from ..tasks import overlaps
from . import charts
from .shell import Workspace

DIMENSION_LABELS = {
    overlaps.COMBINED: "Combined score", "members": "Shared members", "goals": "Goals & indicators",
    "strategies": "Strategies", "funders": "Funders", "geographies": "Geography",
    "populations": "Population", "issue_areas": "Issue areas",
}
TOP_PAIRS = 8
TOP_BARS = 15


# --- overlap heatmap and the pairs behind it --------------------------------------

def heatmap_chart(matrix: pd.DataFrame, labels: pd.Series, title: str) -> alt.Chart:
    order = list(labels.loc[matrix.index])
    long = (matrix.rename(index=labels, columns=labels).stack().rename("score")
            .rename_axis(["a", "b"]).reset_index())
    long["shown"] = long["score"].map(lambda v: f"{v:.0%}".replace("%", "") if v >= 0.005 else "")
    long.loc[long["a"] == long["b"], "shown"] = ""
    base = alt.Chart(long).encode(
        x=alt.X("b:N", sort=order, title=None, axis=alt.Axis(labelAngle=-45, orient="top")),
        y=alt.Y("a:N", sort=order, title=None))
    squares = base.mark_rect(stroke="white").encode(
        color=alt.Color("score:Q", title="Overlap", scale=alt.Scale(scheme=charts.SEQUENTIAL,
                                                                  domain=[0, 1])),
        tooltip=[alt.Tooltip("a:N", title="Coalition"), alt.Tooltip("b:N", title="with"),
                 alt.Tooltip("score:Q", title="Overlap", format=".0%")])
    size = max(420, 34 * len(order))
    numbers = base.mark_text(fontSize=11).encode(
        text="shown:N",
        color=alt.when(alt.datum.score > 0.6).then(alt.value("white")).otherwise(alt.value("black")))
    return (squares + numbers).properties(width=size, height=size, title=title)


def pairs_html(pairs: pd.DataFrame) -> str:
    if pairs.empty:
        return '<div class="wb-page"><p>No two coalitions overlap on this measure.</p></div>'
    rows = "".join(
        f"<tr><td><b>{html.escape(r.coalition_a)}</b> &amp; <b>{html.escape(r.coalition_b)}</b></td>"
        f"<td>{r.score:.0%}</td><td>{html.escape(r.reason)}</td></tr>"
        for r in pairs.itertuples())
    return ('<div class="wb-page wb-pairs"><table class="wb-table"><tr><th>Pair</th><th>Overlap</th>'
            f"<th>Why</th></tr>{rows}</table></div>")


def overlap_panel(workspace: Workspace) -> widgets.VBox:
    """Pick a dimension (or weigh them all); the heatmap and top pairs follow."""
    matrices = overlaps.overlap_matrices(workspace.db)
    labels = matrices.coalitions["label"]
    dimension = widgets.Dropdown(options=[(v, k) for k, v in DIMENSION_LABELS.items()],
                                 value=overlaps.COMBINED, description="Overlap in",
                                 style={"description_width": "110px"},
                                 layout=widgets.Layout(width="460px"))
    sliders = {d: widgets.FloatSlider(value=w, min=0, max=1, step=0.05, description=DIMENSION_LABELS[d],
                                      style={"description_width": "170px"},
                                      layout=widgets.Layout(width="460px"), continuous_update=False)
               for d, w in overlaps.DEFAULT_WEIGHTS.items()}
    weights_box = widgets.VBox([widgets.HTML("<b>Weights of the combined score</b>"),
                                *sliders.values()])
    pairs = widgets.HTML()
    state: dict = {}

    def redraw(*_ignored) -> None:
        chosen = dimension.value
        weights = {d: s.value for d, s in sliders.items()}
        weights_box.layout.display = "" if chosen == overlaps.COMBINED else "none"
        try:
            matrix = matrices.matrix(chosen, weights if chosen == overlaps.COMBINED else None)
        except ValueError:
            pairs.value = '<div class="wb-message">Give at least one weight above zero.</div>'
            return
        chart = heatmap_chart(matrix, labels, DIMENSION_LABELS[chosen])
        if "chart" in state:
            charts.redraw(state["chart"], chart)
        else:
            state["chart"] = charts.chart_widget(chart)
        top = overlaps.top_pairs(workspace.db, chosen, TOP_PAIRS, weights=weights,
                                 matrices=matrices)
        pairs.value = "<h3>Most-overlapping pairs</h3>" + pairs_html(top)

    dimension.observe(redraw, "value")
    for slider in sliders.values():
        slider.observe(redraw, "value")
    redraw()
    return widgets.VBox([widgets.HBox([dimension]), weights_box, state["chart"], pairs])


# --- who sits where: the membership network ------------------------------------------

def network_chart(network: overlaps.MembershipNetwork) -> alt.LayerChart:
    nodes = network.nodes.assign(kind_label=network.nodes["kind"].map(
        {"coalition": "Coalition", "organisation": "Organisation"}))
    edges = alt.Chart(network.edges).mark_rule(color="#BBBBBB", strokeWidth=1).encode(
        x=alt.X("x:Q", axis=None), y=alt.Y("y:Q", axis=None), x2="x2:Q", y2="y2:Q")
    points = alt.Chart(nodes).mark_point(filled=True, opacity=0.95, stroke="white").encode(
        x="x:Q", y="y:Q",
        size=alt.Size("size:Q", title="Seats / coalitions", scale=alt.Scale(range=[60, 900])),
        color=alt.Color("kind_label:N", title=None,
                        scale=alt.Scale(range=[charts.PALETTE[0], charts.PALETTE[1]])),
        shape=alt.Shape("kind_label:N", title=None, scale=alt.Scale(range=["square", "circle"])),
        tooltip=[alt.Tooltip("label:N", title="Name"), alt.Tooltip("kind_label:N", title="Kind"),
                 alt.Tooltip("size:Q", title="Size")])
    busiest = nodes[(nodes["kind"] == "coalition")
                    | (nodes["size"] >= max(3, nodes.loc[nodes["kind"] == "organisation", "size"]
                                            .quantile(0.9)))]
    names = alt.Chart(busiest).mark_text(dy=-14, fontSize=12).encode(
        x="x:Q", y="y:Q", text="label:N")
    return (edges + points + names).properties(width=1100, height=720)


def network_panel(workspace: Workspace) -> widgets.VBox:
    threshold = widgets.IntSlider(value=2, min=1, max=6, description="Organisations on at least",
                                  style={"description_width": "230px"},
                                  layout=widgets.Layout(width="520px"), continuous_update=False)
    caption = widgets.HTML()
    state: dict = {}

    def redraw(*_ignored) -> None:
        network = overlaps.membership_network(workspace.db, min_coalitions=threshold.value)
        organisations = int((network.nodes["kind"] == "organisation").sum())
        caption.value = (f'<div class="wb-page">{organisations} organisations sit on at least '
                         f"{threshold.value} coalition(s). Squares are coalitions, circles "
                         "organisations; the bigger, the more seats.</div>")
        chart = network_chart(network)
        if "chart" in state:
            charts.redraw(state["chart"], chart)
        else:
            state["chart"] = charts.chart_widget(chart)

    threshold.observe(redraw, "value")
    redraw()
    return widgets.VBox([threshold, caption, state["chart"]])


# --- meeting burden and asks ------------------------------------------------------------

def burden_chart(frame: pd.DataFrame, name: str, title: str) -> alt.Chart:
    top = frame.head(TOP_BARS).copy()
    top["assumed"] = top["hours_assumed"].map({True: "length assumed", False: "as reported"})
    return alt.Chart(top).mark_bar(color=charts.PALETTE[0]).encode(
        x=alt.X("hours_per_month:Q", title="Meeting hours per month"),
        y=alt.Y(f"{name}:N", sort="-x", title=None),
        tooltip=[alt.Tooltip(f"{name}:N", title="Who"),
                 alt.Tooltip("hours_per_month:Q", title="Hours a month", format=".1f"),
                 alt.Tooltip("meetings_per_month:Q", title="Meetings a month", format=".1f"),
                 alt.Tooltip("coalitions:Q", title="Coalitions"),
                 alt.Tooltip("coalition_list:N", title="Which")],
    ).properties(width=760, height=28 * len(top), title=title)


def burden_panel(workspace: Workspace) -> widgets.VBox:
    burden = overlaps.meeting_burden(workspace.db)
    who = widgets.ToggleButtons(options=[("Organisations", "organisations"), ("People", "people")])
    note = widgets.HTML()
    state: dict = {}

    def redraw(*_ignored) -> None:
        frame = burden.organisations if who.value == "organisations" else burden.people
        name = "organisation" if who.value == "organisations" else "person"
        chart = burden_chart(frame, name, f"Who spends most time in coalition meetings ({who.label.lower()})")
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
    redraw()
    return widgets.VBox([who, state["chart"], note])


def asks_chart(asks: overlaps.AskLoad) -> alt.Chart:
    top = asks.by_organisation.head(TOP_BARS)["organisation"]
    long = asks.long[asks.long["organisation"].isin(top)]
    return alt.Chart(long).mark_bar().encode(
        x=alt.X("sum(coalitions):Q", title="Coalitions asking"),
        y=alt.Y("organisation:N", sort=list(top), title=None),
        color=alt.Color("ask_type:N", title="They ask for"),
        tooltip=[alt.Tooltip("organisation:N", title="Organisation"),
                 alt.Tooltip("ask_type:N", title="Ask"),
                 alt.Tooltip("coalitions:Q", title="Coalitions asking")],
    ).properties(width=760, height=28 * len(top), title="Too many asks? Who is asked, and for what")


def asks_panel(workspace: Workspace) -> widgets.VBox:
    return widgets.VBox([charts.chart_widget(asks_chart(overlaps.ask_load(workspace.db)))])


# --- the side-by-side comparison chart ------------------------------------------------

def comparison_html(comparison: overlaps.Comparison, notes: pd.DataFrame | None = None) -> str:
    header = "".join(f"<th>{html.escape(str(c))}</th>" for c in comparison.table.columns)
    body = []
    for key, row in comparison.table.iterrows():
        label = html.escape(comparison.field_labels.get(key, key))
        cells = "".join(f"<td>{_cell_html(row[c], comparison.shared.at[key, c])}</td>"
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
             ".wb-shared { background: #CCE3F5; font-weight: bold; }</style>")
    return (f'<div class="wb-page">{style}{legend}<table class="wb-table wb-compare">'
            f"<tr><th></th>{header}</tr>{''.join(body)}</table></div>")


def _cell_html(value, shared: frozenset) -> str:
    if value is None or (not isinstance(value, tuple) and pd.isna(value)):
        return "—"
    items = value if isinstance(value, tuple) else (value,)
    return "<br>".join(
        f'<span class="wb-shared">● {html.escape(str(item))}</span>' if item in shared
        else html.escape(str(item)) for item in items)


def comparison_panel(workspace: Workspace) -> widgets.VBox:
    """Pick up to ten coalitions; every footprint field side by side, shared items marked."""
    labels = overlaps.coalition_labels(workspace.db)
    options = [(f"{row['name']}", cid) for cid, row in labels.sort_values("name").iterrows()]
    matrices = overlaps.overlap_matrices(workspace.db)
    first = overlaps.top_pairs(workspace.db, overlaps.COMBINED, 1, matrices=matrices)
    start = (tuple(first[["coalition_a_id", "coalition_b_id"]].iloc[0]) if not first.empty
             else tuple(cid for _, cid in options[:2]))
    picker = widgets.SelectMultiple(options=options, value=start, rows=10,
                                    description="Compare", layout=widgets.Layout(width="560px"))
    table = widgets.HTML()

    def redraw(*_ignored) -> None:
        chosen = list(picker.value)
        if len(chosen) > overlaps.MAX_COMPARED:
            table.value = (f'<div class="wb-message">Pick at most {overlaps.MAX_COMPARED} '
                           "coalitions to compare.</div>")
            return
        if not chosen:
            table.value = '<div class="wb-message">Pick two or more coalitions.</div>'
            return
        comparison = overlaps.compare_coalitions(workspace.db, chosen)
        notes = notes_for(workspace.db, chosen)
        table.value = comparison_html(comparison, notes)

    picker.observe(redraw, "value")
    redraw()
    return widgets.VBox([picker, widgets.HTML("<i>Hold Ctrl (or ⌘) to pick several.</i>"), table])
