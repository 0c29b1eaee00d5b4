"""The room follows the facilitator: each chart panel the facilitator works with is
published to the room (``workbook.roomstore.state``) and drawn on every attendee's phone.

What is published: the chart panels of dashboards 1 and 2 (coverage grid, overlap heatmap,
network, meeting burden, asks), of dashboard 3 (the North Star with its shared
indicators, the turn-the-curve chart) and of dashboard 5 (the backbone survey's frozen
results, under the same anonymity rules as the page), each as its chart (the Vega-Lite spec the dashboard draws),
its headline numbers and a table of the numbers behind it. A panel is published
after every change made in it (a filter, a weight, a clicked square), and when present
mode turns to it (present.js clicks the panel's hidden "show to the room" button). Panels
with people's details or file paths (footprint cards, names to review, the load report)
are never published: the room sees charts and their numbers, as on the projector.

Who publishes: only kernels that Voilà started (``VOILA_BASE_URL``, as errors.py reads
it): the dashboards, which beyond loopback only the facilitator may open. JupyterLab and
headless runs publish nothing; ``WORKBOOK_ROOM_PUBLISH=0`` switches publishing off. (An
environment variable set by the room's handlers would come too late: Voilà starts its
preheated kernels before it adds handlers.) A preheated kernel publishes only once Voilà
has handed it to a visitor (``shell.visitor_here``): the kernels waiting in the pool, which
nobody looks at, never write to the room.

Never in the way: a change only records what to publish; one background thread builds
and writes it 0.3 s after the last change (a slider dragged publishes once), and any
failure goes to the server log, never to the page.
"""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import altair as alt
import ipywidgets as widgets
import pandas as pd

from ..figures import LABELS
from ..roomstore import state
from .. import numbers_text as numbers
from ..tasks import coverage
from .blocks import Panel
from .errors import in_voila, log_exception
from .shell import visitor_here

SETTLE_S = 0.3  # publish once the facilitator's changes have settled this long
FOLLOW_CLASS = "wb-room-follow"  # present.js clicks this hidden button on the panel shown
TOP_ROWS = 15  # rows of a table of numbers on a phone
REASON_CHARACTERS = 90  # a pair's first reason, cut for a phone's column


def enabled() -> bool:
    """True in a dashboard page Voilà serves (the facilitator's): publish to the room."""
    return in_voila() and os.environ.get(state.PUBLISH_SIGNAL, "1") != "0"


def share(task: int, name: str, panel: Any, db: Path) -> None:
    """Page.show's hook: follow *panel* if the room can; a failure only reaches the log."""
    try:
        follow(task, name, panel, db)
    except Exception:  # the dashboard works the same without the room
        log_exception()


def follow(task: int, name: str, panel: Any, db: Path, force: bool = False) -> bool:
    """Let the room follow *panel* (shown by Page.show under *name*); False if it cannot be.

    *force* publishes outside Voilà too (tests)."""
    describe = DESCRIBERS.get(name)
    if describe is None or not isinstance(panel, Panel) or not (force or enabled()):
        return False
    source = f"{task}/{name}"

    def changed(*_ignored) -> None:
        if not visitor_here():  # still waiting in the pool: nobody made this change
            return
        # Taken now, on the kernel's thread, after the panel's own redraw (its observers were
        # registered first): references only, so the picture is consistent and costs nothing.
        shown = Snapshot(panel.data, panel.choices, chart_of(panel))
        publisher(db).want(source, lambda: describe(shown))

    for control in controls(panel):
        control.observe(changed, "value")
    button = widgets.Button(description="Show this to the room",
                            layout=widgets.Layout(display="none"))
    button.add_class(FOLLOW_CLASS)
    button.on_click(changed)
    panel.children = (*panel.children, button)
    return True


def controls(widget: widgets.Widget) -> list[widgets.Widget]:
    """The choices a facilitator makes in a panel: every value widget but text shown."""
    found = []
    if isinstance(widget, widgets.ValueWidget) and not isinstance(
            widget, (widgets.HTML, widgets.HTMLMath, widgets.Label)):
        found.append(widget)
    for child in getattr(widget, "children", ()):
        found += controls(child)
    return found


def chart_of(widget: widgets.Widget) -> alt.TopLevelMixin | None:
    """The chart a panel draws now (its JupyterChart widget's chart), if it has one."""
    if isinstance(widget, alt.JupyterChart):
        return widget.chart
    for child in getattr(widget, "children", ()):
        found = chart_of(child)
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class Snapshot:
    """What a panel shows at one moment: its DataFrames, its choices, its chart."""
    data: dict[str, Any]
    choices: dict[str, Any]
    chart: alt.TopLevelMixin | None


# --- one background publisher per kernel ---------------------------------------------------

class Publisher:
    """Publishes the newest wish, SETTLE_S after the last one, in its own thread."""

    def __init__(self, db: Path, settle_s: float = SETTLE_S):
        self.db = db
        self.settle_s = settle_s
        self.published = 0
        self._wish: tuple[str, Callable[[], dict | None], float] | None = None
        self._ready = threading.Condition()
        self._thread: threading.Thread | None = None

    def want(self, source: str, make: Callable[[], dict | None]) -> None:
        with self._ready:
            self._wish = (source, make, time.monotonic())
            self._ready.notify()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True,
                                                name="workbook-room-publisher")
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._ready:
                while self._wish is None:
                    self._ready.wait()
                while (left := self._wish[2] + self.settle_s - time.monotonic()) > 0:
                    self._ready.wait(left)
                source, make, _ = self._wish
                self._wish = None
            try:
                publication = make()
                if publication is not None:
                    state.publish(self.db, source=source, **publication)
                    self.published += 1
            except Exception:  # the room keeps its last picture; the dashboard never knows
                log_exception()


_publishers: dict[Path, Publisher] = {}


def publisher(db: Path) -> Publisher:
    if db not in _publishers:
        _publishers[db] = Publisher(db)
    return _publishers[db]


# --- what each panel publishes ----------------------------------------------------------

def _titles(chart: alt.TopLevelMixin | None) -> tuple[dict | None, str, str]:
    """The chart's Vega-Lite spec, its title and its subtitle."""
    if chart is None:
        return None, "", ""
    spec = chart.to_dict(validate=False)
    title = spec.get("title") or ""
    if isinstance(title, dict):
        text, subtitle = title.get("text", ""), title.get("subtitle", "")
    else:
        text, subtitle = title, ""
    join = lambda t: " ".join(t) if isinstance(t, list) else str(t)  # noqa: E731
    return spec, join(text), join(subtitle)


def _publication(chart, fallback: str, table: list[dict], caption: str,
                 numbers_: list[tuple[str, str]]) -> dict:
    spec, title, subtitle = _titles(chart)
    return {"title": title or fallback, "subtitle": subtitle, "vegalite": spec,
            "table": table, "caption": caption, "numbers": numbers_}


def coverage_publication(panel: Snapshot) -> dict:
    cells: pd.DataFrame = panel.data["cells"]
    choices = panel.choices
    rows, columns = cells.columns[0], cells.columns[1]
    level = choices.get("places_at", "")
    label = {**LABELS, "geography": f"Geography ({coverage.level_label(level)})"}
    in_view = cells[~cells["filtered"]]
    said = [("gaps: squares no coalition covers", f"{int(in_view['gap'].sum())} of {len(in_view)}")]
    part_only = int(((in_view["whole_count"] == 0) & (in_view["count"] > 0)).sum())
    if part_only:
        said.append(("squares covered only in part", str(part_only)))
    square = choices.get("square")
    if square and None not in square:
        match = cells[(cells[rows] == square[0]) & (cells[columns] == square[1])]
        if not match.empty:
            said.append((f"{square[0]} × {square[1]}", _square_text(match.iloc[0])))
    table = []
    for row_value, group in cells.groupby(rows, sort=False):
        line = {label[rows]: str(row_value)}
        line.update({str(r[columns]): _square_text(r) for _, r in group.iterrows()})
        table.append(line)
    caption = (f"Coalitions in each square: {label[rows].lower()} down, {label[columns].lower()} "
               "across (gap: no coalition; part: working in part of the area)")
    return _publication(panel.chart, "Coverage", table, caption, said)


def _square_text(cell: pd.Series) -> str:
    if bool(cell["filtered"]):
        return "outside the filter"
    if bool(cell["gap"]):
        return "gap"
    part = len(cell["part"])
    whole = int(cell["whole_count"])
    return f"{whole} + {part} part" if part and whole else (f"{part} part" if part else str(whole))


def overlap_publication(panel: Snapshot) -> dict:
    pairs = panel.data.get("pairs")
    said = []  # what the overlap is in is the chart's title
    table = [] if pairs is None else [
        {"Pair": f"{r.coalition_a} & {r.coalition_b}", "Overlap": f"{r.score:.0%}",
         "Shared items": str(r.shared), "Mostly": _first_reason(r.reason)}
        for r in pairs.itertuples()]
    if pairs is not None and not pairs.empty:
        said.append(("most-overlapping pair", f"{pairs.iloc[0]['score']:.0%}"))
    return _publication(panel.chart, "Overlaps", table,
                        "Most-overlapping pairs: overlap, items shared, and the first of them", said)


def _first_reason(reason: str, most: int = REASON_CHARACTERS) -> str:
    """The first of a pair's reasons ("Shared members: …"), short enough for a phone."""
    first = str(reason).split(";")[0].strip()
    return first if len(first) <= most else first[:most - 1].rstrip(" ,") + "…"


def network_publication(panel: Snapshot) -> dict:
    nodes = panel.data["nodes"]
    organisations = nodes[nodes["kind"] == "organisation"].sort_values(
        ["size", "name"], ascending=[False, True])
    at_least = panel.choices["min_coalitions"]
    said = [(f"organisations on at least {numbers.counted(at_least, 'coalition')}", str(len(organisations))),
            ("coalitions", str(int((nodes["kind"] == "coalition").sum())))]
    table = [{"Organisation": r["name"], "Coalitions": numbers.number_text(r["size"])}
             for _, r in organisations.head(TOP_ROWS).iterrows()]
    caption = f"The organisations on most coalitions (top {min(TOP_ROWS, len(organisations))})"
    return _publication(panel.chart, "Who sits where", table, caption, said)


def burden_publication(panel: Snapshot) -> dict:
    who = panel.choices["who"]
    frame = panel.data[who]
    name, heading = ("organisation", "Organisation") if who == "organisations" else ("person", "Person")
    table = [{heading: str(r[name]), "Hours a month": numbers.number_text(round(r["hours_per_month"], 1)),
              "Meetings a month": numbers.number_text(round(r["meetings_per_month"], 1)),
              "Coalitions": numbers.number_text(r["coalitions"])}
             for _, r in frame.head(TOP_ROWS).iterrows()]
    said = [(f"{who} with seats", str(len(frame)))]
    if not frame.empty:
        said.append(("most hours a month", numbers.number_text(round(frame.iloc[0]["hours_per_month"], 1))))
    caption = f"Hours a month in coalition meetings, most first (top {min(TOP_ROWS, len(frame))} {who})"
    return _publication(panel.chart, "Meeting burden", table, caption, said)


def asks_publication(panel: Snapshot) -> dict:
    frame = panel.data["by_organisation"]
    kinds = [c for c in ("Money", "Data", "Staff time", "Attendance") if c in frame.columns]
    table = [{"Organisation": str(r["organisation"]),
              **{k: numbers.number_text(r[k]) for k in kinds},
              "Coalitions asking": numbers.number_text(r["coalitions"])}
             for _, r in frame.head(TOP_ROWS).iterrows()]
    said = [("organisations asked", str(len(frame)))]
    caption = f"Who is asked, and for what (top {min(TOP_ROWS, len(frame))})"
    return _publication(panel.chart, "Asks", table, caption, said)


# --- task 3: the North Star and the curve to turn -------------------------------------------

def north_star_publication(panel: Snapshot) -> dict:
    shared: pd.DataFrame = panel.data["indicators"]
    statement = panel.choices.get("north_star")
    said = [("North Star", statement or "not adopted yet"),
            ("shared indicators", str(len(shared)))]
    table = [{"Indicator": str(r.indicator),
              "Baseline": _value_in_year(r.baseline_value, r.baseline_year),
              "Target": _value_in_year(r.target_value, r.target_year),
              "Coalitions": str(r.coalitions)}
             for r in shared.head(TOP_ROWS).itertuples()]
    return _publication(None, "North Star", table,
                        "The shared indicators the room adopted, with baseline and target", said)


def _value_in_year(value, year) -> str:
    shown = numbers.number_text(value)
    return f"{shown} ({numbers.year_text(year)})" if shown and numbers.year_text(year) else shown


def curve_publication(panel: Snapshot) -> dict:
    from ..tasks.results import curve as C
    points: pd.DataFrame = panel.data["curve"]
    indicator = panel.choices.get("indicator") or ""
    said = [("indicator", indicator)] if indicator else []
    history = points[(points["kind"] == C.HISTORY) & (points["series"] == C.series_name(C.EVERYONE))] \
        if not points.empty else points
    if not history.empty:
        last = history.sort_values("year").iloc[-1]
        said.append((f"latest ({int(last['year'])})", numbers.number_text(round(last["value"], 1))))
    for kind, words in ((C.TREND, "if nothing changes"), (C.TARGET, "target")):
        rows = points[points["kind"] == kind] if not points.empty else points
        if not rows.empty:
            end = rows.sort_values("year").iloc[-1]
            said.append((f"{words} ({int(end['year'])})", numbers.number_text(round(end["value"], 1))))
    table = [{"Year": str(int(r.year)), "Series": str(r.series),
              "Value": numbers.number_text(round(r.value, 1))}
             for r in points.sort_values(["year", "series"]).itertuples()] if not points.empty else []
    place = panel.choices.get("geography") or ""
    return _publication(panel.chart, f"Turn the curve: {indicator}".rstrip(": "), table,
                        f"The curve's points{f' in {place}' if place else ''}: history, the trend "
                        "if nothing changes, and the target", said)


# --- task 5: the backbone survey's frozen results ---------------------------------------------

def backbone_publication(panel: Snapshot) -> dict | None:
    """The profile as notebook 5 shows it once the survey is closed: every cell a figure
    from at least k raters, or the words saying why not. Nothing while the survey is open."""
    grid = panel.data.get("grid")
    if grid is None:
        return None
    table = [{"Candidate": str(r.candidate), "Item": str(r.label), "Ratings": str(r.text)}
             for r in grid.itertuples()]
    hidden = int((~grid["shown"].astype(bool)).sum())
    said = [("candidates", str(grid["candidate"].nunique()))]
    if hidden:
        said.append(("cells not shown (too few raters)", str(hidden)))
    return _publication(panel.chart, "How able is each candidate?", table,
                        "Median and middle half of the ratings, per candidate and item", said)


DESCRIBERS: dict[str, Callable[[Snapshot], dict | None]] = {
    "coverage": coverage_publication, "overlap": overlap_publication,
    "network": network_publication, "burden": burden_publication, "asks": asks_publication,
    "north_star": north_star_publication, "curve": curve_publication,
    "results": backbone_publication,
}
