"""Notebook 1's panels: coverage grids with their gaps, filters, and a footprint card."""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from ..figures import FILTERED_MARK, GAP_COLOUR, LABELS, coverage_chart
from .. import numbers_text as numbers
from ..tasks import coverage, trains
from ..workspace import Workspace
from . import charts
from .blocks import Panel, beside
from .downloads import chart_downloads
from .inventory import ended_switch, table_html

GRIDS = {
    "Issue area × population": ("issue_area", "population"),
    "Issue area × geography": ("issue_area", "geography"),
    "Population × geography": ("population", "geography"),
}
BIG = widgets.Layout(width="auto")


def coverage_panel(workspace: Workspace) -> Panel:
    """Choose a grid, a geography level and filters; click or choose a cell to see who works there."""
    community = workspace.community
    first = trains.footprints(workspace.db, community)
    grid_choice = widgets.ToggleButtons(options=list(GRIDS), layout=BIG,
                                        style={"font_size": "18px"})
    level_choice = widgets.ToggleButtons(options=list(first.levels), value=first.level,
                                         description="Places at",
                                         layout=widgets.Layout(width="auto"),  # hidden on its own
                                         style={"font_size": "16px", "description_width": "90px"})
    include_ended = ended_switch()
    filters = {d: widgets.SelectMultiple(description=LABELS[d], rows=4,
                                         layout=widgets.Layout(width="370px"),
                                         style={"description_width": "125px"})
               for d in trains.DIMENSIONS}
    row_pick = widgets.Dropdown(description="Row", layout=widgets.Layout(width="320px"),
                                style={"description_width": "initial"})
    column_pick = widgets.Dropdown(description="Column", layout=widgets.Layout(width="320px"),
                                   style={"description_width": "initial"})
    who = widgets.HTML()
    summary = widgets.HTML()
    state: dict = {"footprints": first}
    download = chart_downloads(lambda: state["figure"], "coverage", community.name)

    def refresh_footprints(*_ignored) -> None:
        """A new level or the ended coalitions: read the footprints again, keep what still fits."""
        footprints = trains.footprints(workspace.db, community, level_choice.value,
                                       include_ended.value)
        state["footprints"] = footprints
        state["quiet"] = True
        for dimension, chooser in filters.items():
            options = _present(footprints.values, dimension, footprints.axes[dimension])
            kept = tuple(v for v in chooser.value if v in options)
            chooser.options = options
            chooser.value = kept
        state["quiet"] = False
        redraw()

    def current_filters() -> trains.Filters:
        return trains.Filters(*(tuple(filters[d].value) for d in trains.DIMENSIONS))

    def current_cells() -> tuple[pd.DataFrame, str, str]:
        footprints = state["footprints"]
        rows, columns = GRIDS[grid_choice.value]
        cells = trains.coverage_cells(footprints.values, rows, columns, footprints.axes[rows],
                                      footprints.axes[columns], current_filters())
        return cells, rows, columns

    def show_cell(*_ignored) -> None:
        if state.get("quiet"):
            return
        cells, rows, columns = state["cells"], state["rows"], state["columns"]
        match = cells[(cells[rows] == row_pick.value) & (cells[columns] == column_pick.value)]
        names = match["coalitions"].iloc[0] if not match.empty else []
        in_part = set(match["part"].iloc[0]) if not match.empty else set()
        title = f"{html.escape(str(row_pick.value))} × {html.escape(str(column_pick.value))}"
        if not match.empty and bool(match["filtered"].iloc[0]):
            who.value = (f'<div class="wb-page wb-cell"><b>{title}</b>: <i>outside the filter</i>'
                         " — not a gap; clear the filter to see who works here.</div>")
        elif names:
            items = "".join(f"<li>{html.escape(n)}{' — <i>part of this area</i>' if n in in_part else ''}</li>"
                            for n in names)
            who.value = (f'<div class="wb-page wb-cell"><b>{title}</b>: '
                         f'{numbers.counted(len(names), "coalition")}<ul>{items}</ul></div>')
        else:
            who.value = (f'<div class="wb-page wb-cell"><b>{title}</b>: <span style="color:'
                         f'{GAP_COLOUR}"><b>a gap</b></span> — no coalition works here.</div>')

    def redraw(*_ignored) -> None:
        if state.get("quiet"):
            return
        cells, rows, columns = current_cells()
        level_choice.layout.display = "" if "geography" in (rows, columns) else "none"
        state.update(cells=cells, rows=rows, columns=columns)
        level = state["footprints"].level
        titles = {"geography": f"Geography ({coverage.level_label(level)})"}
        chart = coverage_chart(cells, rows, columns, titles,
                               scope=coverage_scope(current_filters(), state["footprints"]))
        state["figure"] = chart
        download.withdraw()
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
        first = trains.first_cell_to_discuss(cells)
        if first is not None:
            row_pick.value, column_pick.value = first[rows], first[columns]
        state["quiet"] = False
        summary.value = coverage_summary(cells, rows, columns, state["footprints"],
                                         current_filters())
        show_cell()

    def on_click(change) -> None:
        picked = change["new"].value if change["new"] is not None else None
        if picked:
            rows, columns = state["rows"], state["columns"]
            row_pick.value, column_pick.value = picked[0][rows], picked[0][columns]

    row_pick.observe(show_cell, "value")
    column_pick.observe(show_cell, "value")
    grid_choice.observe(redraw, "value")
    level_choice.observe(refresh_footprints, "value")
    include_ended.observe(refresh_footprints, "value")
    for chooser in filters.values():
        chooser.observe(redraw, "value")
    refresh_footprints()
    filter_row = widgets.HBox([*filters.values(), include_ended],
                              layout=widgets.Layout(flex_flow="row wrap"))  # never clipped at 1280
    filter_row.add_class("wb-filters")  # one line in present mode (the workshop template)
    return Panel([
        grid_choice,
        level_choice,
        filter_row,
        summary,
        beside(state["chart"], [
            widgets.HTML('<div class="wb-page">Click a square, or choose it here:</div>'),
            row_pick, column_pick, who]),
        download,
    ], layout=widgets.Layout(width="100%"),
        data=lambda: {"cells": state["cells"], "footprints": state["footprints"].values},
        choices=lambda: {"grid": grid_choice.value, "places_at": state["footprints"].level,
                         "filters": {d: tuple(filters[d].value) for d in trains.DIMENSIONS},
                         "include_ended": include_ended.value,
                         "square": (row_pick.value, column_pick.value)})


def coverage_scope(filters: trains.Filters, footprints: trains.Footprints) -> str:
    """What the grid leaves out, for its subtitle: the filters and ended coalitions."""
    said = [f"Filtered: {filters.describe()}"] if filters.describe() else []
    if footprints.shown.note:
        said.append(footprints.shown.note.capitalize())
    return " · ".join(said)


def coverage_summary(cells: pd.DataFrame, rows: str, columns: str,
                     footprints: trains.Footprints,
                     filters: trains.Filters = trains.Filters()) -> str:
    """What is filtered, the gaps, squares covered only in part, the level shown and who is
    left out, in words."""
    counts = trains.coverage_counts(cells)
    said = []
    if filters.describe():
        said.append(f"<b>Filtered</b> to {html.escape(filters.describe())}.")
    in_view = counts.cells - counts.filtered
    gaps = "is a gap" if counts.gaps == 1 else "are gaps"
    said.append(f"<b>{counts.gaps}</b> of {numbers.counted(in_view, 'square')} in view {gaps} "
                "(no coalition)." if counts.filtered else
                f"<b>{counts.gaps}</b> of {numbers.counted(counts.cells, 'square')} {gaps} "
                "(no coalition).")
    if counts.filtered:
        one = counts.filtered == 1
        said.append(f"{numbers.counted(counts.filtered, 'square')} {'is' if one else 'are'} "
                    f"outside the filter (white, dashed, {FILTERED_MARK}): "
                    f"{'it is not a gap' if one else 'they are not gaps'}.")
    if counts.part_only:
        said.append(f"{counts.part_only} more {'is' if counts.part_only == 1 else 'are'} covered "
                    "only in part (a coalition working in part of the area).")
    if "geography" in (rows, columns):
        said.append(f"Places are shown at <b>{coverage.level_label(footprints.level)}</b>; a "
                    "region-wide coalition counts in every place.")
    if "population" in (rows, columns):
        said.append('"All ages" counts in every population.')
    if footprints.shown.note:
        said.append(html.escape(footprints.shown.note.capitalize()) + " (tick the box above "
                    "to include them).")
    return f'<div class="wb-page wb-gaps">{" ".join(said)}</div>'


def _present(footprints: pd.DataFrame, dimension: str, listed: tuple[str, ...]) -> list[str]:
    used = set(footprints.loc[footprints["dimension"] == dimension, "value"])
    return [v for v in listed if v in used] + sorted(used - set(listed))


def footprint_card(footprint: trains.Footprint) -> str:
    def chips(values: list[str]) -> str:
        return ", ".join(html.escape(v) for v in values) or "—"
    leads = footprint.leadership
    facts = [("Status", html.escape(footprint.history or footprint.status)),
             ("Co-leads" if leads.co_led else "Lead", chips(list(leads.leads))),
             ("Backbone", html.escape(leads.backbone or "the lead")),
             ("Fiscal agent", html.escape(leads.fiscal_agent or "—")),
             ("Where", chips(footprint.areas)), ("Who for", chips(footprint.populations)),
             ("Issues", chips(footprint.issue_areas)),
             ("Full coalition meets", html.escape(footprint.meeting)),
             ("Bodies", "<br>".join(html.escape(b) for b in footprint.bodies) or "the full coalition only"),
             ("Budget", numbers.money_text(footprint.budget) or "—"),
             ("Paid staff", numbers.fte_text(footprint.staff_fte) or "—"),
             ("Residents at the table", str(footprint.residents))]
    rows = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts)
    sections = "".join(
        f"<h3>{title} ({len(frame)})</h3>{table_html(frame) if not frame.empty else '<p>None listed.</p>'}"
        for title, frame in (("Goals", footprint.goals), ("Strategies", footprint.strategies),
                             ("Members", footprint.members), ("Funders", footprint.funders)))
    mission = f"<p><i>{html.escape(footprint.mission)}</i></p>" if footprint.mission else ""
    return (f'<div class="wb-page wb-card"><h2>{html.escape(footprint.name)}</h2>{mission}'
            f'<table class="wb-table">{rows}</table>{sections}</div>')


def footprint_panel(workspace: Workspace) -> Panel:
    choice = widgets.Dropdown(description="Coalition", layout=widgets.Layout(width="560px"))
    include_ended = ended_switch()
    card = widgets.HTML()
    state: dict = {}

    def choices(*_ignored) -> None:
        names = trains.coalition_names(workspace.db, include_ended.value)
        kept = choice.value
        choice.options = list(zip(names["name"], names["coalition_id"]))
        if kept in set(names["coalition_id"]):
            choice.value = kept

    def show(*_ignored) -> None:
        state["footprint"] = (trains.footprint(workspace.db, choice.value)
                              if choice.value is not None else None)
        card.value = footprint_card(state["footprint"]) if state["footprint"] else ""

    choice.observe(show, "value")
    include_ended.observe(choices, "value")
    choices()
    return Panel([widgets.HBox([choice, include_ended]), card], data=lambda: _footprint_frames(
        state.get("footprint")), choices=lambda: {"coalition_id": choice.value,
                                                  "include_ended": include_ended.value})


def _footprint_frames(footprint: trains.Footprint | None) -> dict[str, pd.DataFrame]:
    if footprint is None:
        return {}
    return {"goals": footprint.goals, "strategies": footprint.strategies,
            "members": footprint.members, "funders": footprint.funders}
