"""Notebook 1's panels: coverage grids with their gaps, filters, and a footprint card."""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from ..tasks import trains
from . import charts
from .downloads import chart_downloads
from .figures import LABELS, coverage_chart
from .inventory import table_html
from .shell import Workspace

GRIDS = {
    "Issue area × population": ("issue_area", "population"),
    "Issue area × geography": ("issue_area", "geography"),
    "Population × geography": ("population", "geography"),
}
BIG = widgets.Layout(width="auto")


def coverage_panel(workspace: Workspace) -> widgets.VBox:
    """Choose a grid and filters; click or choose a cell to see who works there."""
    footprints = trains.coalition_dimensions(workspace.db)
    community = workspace.community
    vocabulary = {d: community.vocabulary(v) for d, v in trains.DIMENSION_VOCABULARIES.items()}
    grid_choice = widgets.ToggleButtons(options=list(GRIDS), layout=BIG,
                                        style={"font_size": "18px"})
    filters = {d: widgets.SelectMultiple(options=_present(footprints, d, vocabulary[d]),
                                         description=LABELS[d], rows=6,
                                         layout=widgets.Layout(width="320px"),
                                         style={"description_width": "100px"})
               for d in trains.DIMENSION_TABLES}
    row_pick = widgets.Dropdown(description="Row", layout=widgets.Layout(width="420px"),
                                style={"description_width": "initial"})
    column_pick = widgets.Dropdown(description="Column", layout=widgets.Layout(width="420px"),
                                   style={"description_width": "initial"})
    who = widgets.HTML()
    summary = widgets.HTML()
    state: dict = {}

    def current_cells() -> tuple[pd.DataFrame, str, str]:
        rows, columns = GRIDS[grid_choice.value]
        chosen = trains.Filters(*(tuple(filters[d].value) for d in trains.DIMENSION_TABLES))
        cells = trains.coverage(footprints, rows, columns, vocabulary[rows], vocabulary[columns],
                                chosen)
        return cells, rows, columns

    def show_cell(*_ignored) -> None:
        if state.get("quiet"):
            return
        cells, rows, columns = state["cells"], state["rows"], state["columns"]
        match = cells[(cells[rows] == row_pick.value) & (cells[columns] == column_pick.value)]
        names = match["coalitions"].iloc[0] if not match.empty else []
        title = f"{html.escape(str(row_pick.value))} × {html.escape(str(column_pick.value))}"
        if names:
            items = "".join(f"<li>{html.escape(n)}</li>" for n in names)
            who.value = f'<div class="wb-page wb-cell"><b>{title}</b>: {len(names)} coalition(s)<ul>{items}</ul></div>'
        else:
            who.value = (f'<div class="wb-page wb-cell"><b>{title}</b>: <span style="color:'
                         f'{charts.GAP_COLOUR}"><b>a gap</b></span> — no coalition works here.</div>')

    def redraw(*_ignored) -> None:
        cells, rows, columns = current_cells()
        state.update(cells=cells, rows=rows, columns=columns)
        chart = coverage_chart(cells, rows, columns)
        state["figure"] = chart
        if "chart" in state:
            charts.redraw(state["chart"], chart)
        else:
            state["chart"] = charts.chart_widget(chart)
            state["chart"].selections.observe(on_click, ["cell"])
        state["quiet"] = True  # new options fire value changes before the cells match them
        row_pick.options = list(dict.fromkeys(cells[rows]))
        column_pick.options = list(dict.fromkeys(cells[columns]))
        row_pick.description, column_pick.description = LABELS[rows], LABELS[columns]
        # Open on the first gap, if there is one: that is what the room should discuss.
        first = cells.sort_values("count", kind="stable").iloc[0] if len(cells) else None
        if first is not None:
            row_pick.value, column_pick.value = first[rows], first[columns]
        state["quiet"] = False
        gap_count = int((cells["count"] == 0).sum())
        summary.value = (f'<div class="wb-page wb-gaps"><b>{gap_count}</b> of {len(cells)} cells '
                         f'are gaps (no coalition).</div>')
        show_cell()

    def on_click(change) -> None:
        picked = change["new"].value if change["new"] is not None else None
        if picked:
            rows, columns = state["rows"], state["columns"]
            row_pick.value, column_pick.value = picked[0][rows], picked[0][columns]

    row_pick.observe(show_cell, "value")
    column_pick.observe(show_cell, "value")
    grid_choice.observe(redraw, "value")
    for chooser in filters.values():
        chooser.observe(redraw, "value")
    redraw()
    return widgets.VBox([
        grid_choice,
        widgets.HBox(list(filters.values())),
        summary,
        state["chart"],
        chart_downloads(lambda: state["figure"], "coverage"),
        widgets.HTML('<div class="wb-page">Click a square, or choose it here:</div>'),
        widgets.HBox([row_pick, column_pick]),
        who,
    ], layout=widgets.Layout(width="100%"))


def _present(footprints: pd.DataFrame, dimension: str, listed: tuple[str, ...]) -> list[str]:
    used = set(footprints.loc[footprints["dimension"] == dimension, "value"])
    return [v for v in listed if v in used] + sorted(used - set(listed))


def footprint_card(footprint: trains.Footprint) -> str:
    def chips(values: list[str]) -> str:
        return ", ".join(html.escape(v) for v in values) or "—"
    facts = [("Lead", html.escape(footprint.lead_organisation or "—")),
             ("Where", chips(footprint.geographies)), ("Who for", chips(footprint.populations)),
             ("Issues", chips(footprint.issue_areas)), ("Meets", html.escape(footprint.meeting)),
             ("Budget", f"${footprint.budget:,.0f}" if footprint.budget else "—"),
             ("Paid staff", f"{footprint.staff_fte:g} FTE" if footprint.staff_fte else "—")]
    rows = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts)
    sections = "".join(
        f"<h3>{title} ({len(frame)})</h3>{table_html(frame) if not frame.empty else '<p>None listed.</p>'}"
        for title, frame in (("Goals", footprint.goals), ("Strategies", footprint.strategies),
                             ("Members", footprint.members), ("Funders", footprint.funders)))
    mission = f"<p><i>{html.escape(footprint.mission)}</i></p>" if footprint.mission else ""
    return (f'<div class="wb-page wb-card"><h2>{html.escape(footprint.name)}</h2>{mission}'
            f'<table class="wb-table">{rows}</table>{sections}</div>')


def footprint_panel(workspace: Workspace) -> widgets.VBox:
    names = trains.coalition_names(workspace.db)
    choice = widgets.Dropdown(options=list(zip(names["name"], names["coalition_id"])),
                              description="Coalition", layout=widgets.Layout(width="560px"))
    card = widgets.HTML()

    def show(*_ignored) -> None:
        card.value = footprint_card(trains.footprint(workspace.db, choice.value))

    choice.observe(show, "value")
    if len(names):
        show()
    return widgets.VBox([choice, card])
