"""Task 5's charts, plain Altair under the project's theme (floor 3, like ``figures``): the
notebook draws them, ``backbone_export`` turns the same ones into PNG and SVG handouts.

Every chart is drawn from ``published`` frames only (figures that passed ``anonymity``).
A candidate x item with fewer than k raters is drawn as the words "fewer than k raters":
its row in the chart's data carries no number at all, so neither the picture nor the
spec behind it (which travels inside the page and the SVG) holds one.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from . import figures
from .tasks.backbone import instrument as I
from .tasks.backbone.anonymity import Thresholds

CHART_WIDTH = 640
ROW_STEP = 16  # px per candidate within an item
SUPPRESSED_COLOUR = "#6B6B6B"
TIE = "Tie"
FUNCTION, CAPACITY = "Backbone function", "Capacity"
SCALE_TITLE = "1 not able · 3 adequate · 5 outstanding"
GRID_COLUMNS = ["candidate", "item", "label", "part", "shown", "n", "median", "q1", "q3", "text"]


def fewer_than(thresholds: Thresholds) -> str:
    return f"fewer than {thresholds.k} raters"


def profile_grid(profile: pd.DataFrame, candidates: list[str],
                 thresholds: Thresholds) -> pd.DataFrame:
    """Every candidate x item: its shown figures, or no number and the words saying why."""
    shown = {(r.candidate, r.item): r for r in profile.itertuples()}
    rows = []
    for candidate in candidates:
        for item, label in I.ITEMS:
            part = FUNCTION if item.startswith("function_") else CAPACITY
            found = shown.get((candidate, item))
            if found is None:
                rows.append({"candidate": candidate, "item": item, "label": label,
                             "part": part, "shown": False, "n": None, "median": None,
                             "q1": None, "q3": None, "text": fewer_than(thresholds)})
            else:
                rows.append({"candidate": candidate, "item": item, "label": label, "part": part,
                             "shown": True, "n": int(found.n), "median": float(found.median),
                             "q1": float(found.q1), "q3": float(found.q3),
                             "text": f"median {found.median:g} (middle half "
                                     f"{found.q1:g}–{found.q3:g}), {int(found.n)} raters"})
    return pd.DataFrame(rows, columns=GRID_COLUMNS)


def _colour(candidates: list[str]) -> alt.Color:
    return alt.Color("candidate:N", title=None, scale=alt.Scale(
        domain=candidates, range=[figures.PALETTE[i % len(figures.PALETTE)]
                                  for i in range(len(candidates))]),
        legend=alt.Legend(orient="top", direction="vertical", labelLimit=520,
                          symbolSize=200, symbolStrokeWidth=3))


def profile_chart(grid: pd.DataFrame, thresholds: Thresholds, title: str = "",
                  scope: str = "") -> alt.TopLevelMixin:
    """Candidates compared across the functions and capacities: the median as a dot, the
    middle half of the ratings as a bar; a cell with too few raters says so in words."""
    candidates = list(dict.fromkeys(grid["candidate"]))
    if grid.empty:
        return figures.empty_chart("No candidates yet.", title or "Backbone candidates")
    labels = [label for _, label in I.ITEMS]
    y = alt.Y("label:N", title=None, sort=labels,
              axis=alt.Axis(labelLimit=360, labelFontSize=figures.FONT_SIZE - 2))
    offset = alt.YOffset("candidate:N", sort=candidates, scale=alt.Scale(paddingInner=0.1))
    scale = alt.Scale(domain=[1, 5])
    axis = alt.Axis(values=[1, 2, 3, 4, 5])
    x = alt.X("median:Q", title=SCALE_TITLE, scale=scale, axis=axis)
    colour = _colour(candidates)
    tooltip = [alt.Tooltip("candidate:N", title="Candidate"), alt.Tooltip("label:N", title="Item"),
               alt.Tooltip("text:N", title="Ratings")]
    shown = alt.Chart(grid[grid["shown"]]).encode(y=y, yOffset=offset, color=colour,
                                                   tooltip=tooltip)
    spread = shown.mark_rule(strokeWidth=6, opacity=0.45).encode(
        x=alt.X("q1:Q", title=SCALE_TITLE, scale=scale, axis=axis), x2="q3:Q")
    dots = shown.mark_point(filled=True, size=160, opacity=1).encode(x=x)
    hidden = alt.Chart(grid[~grid["shown"]].drop(columns=["n", "median", "q1", "q3"])).mark_text(
        align="left", fontSize=figures.FONT_SIZE - 3, fontStyle="italic",
        color=SUPPRESSED_COLOUR).encode(y=y, yOffset=offset, x=alt.value(6), text="text:N",
                                         tooltip=tooltip[:2] + [alt.Tooltip("text:N",
                                                                            title="Ratings")])
    items = len(I.ITEMS)
    subtitle = (f"Dot: median rating; bar: the middle half of the ratings. A candidate or "
                f"item rated by {fewer_than(thresholds)} is not shown.")
    return alt.layer(spread, dots, hidden).properties(
        width=CHART_WIDTH, height=items * max(len(candidates), 1) * ROW_STEP,
        title=alt.Title(title or "How able is each candidate?",
                        subtitle=figures.subtitle_lines(
                            subtitle + (f" {scope}" if scope else "")),
                        subtitleFontSize=figures.FONT_SIZE - 2))


def strongest_frame(strongest: pd.DataFrame) -> pd.DataFrame:
    """The shared-backbone view's rows: the six functions, with the strongest candidate(s)."""
    functions = [f"function_{key}" for key, _, _ in I.FUNCTIONS]
    frame = strongest[strongest["item"].isin(functions)].copy()
    frame["order"] = frame["item"].map({item: i for i, item in enumerate(functions)})
    names = [who.split("; ") for who in frame["strongest"]]
    frame["tie"] = [len(n) > 1 for n in names]
    frame["says"] = [f"{n[0]}  (median {median:g})" if len(n) == 1 else
                     f"Tie at median {median:g}:\n" + "\n".join(n)
                     for n, median in zip(names, frame["median"])]
    frame["colour_key"] = [TIE if tie else who for tie, who in zip(frame["tie"],
                                                                   frame["strongest"])]
    frame["lines"] = [len(n) + (len(n) > 1) for n in names]
    return frame.sort_values("order").reset_index(drop=True)


def strongest_chart(strongest: pd.DataFrame, candidates: list[str], thresholds: Thresholds,
                    scope: str = "") -> alt.TopLevelMixin:
    """A shared backbone: which candidate is strongest on each function (highest median among
    the candidates shown; ties are named together)."""
    frame = strongest_frame(strongest)
    title = "A shared backbone: the strongest candidate on each function"
    if frame.empty:
        return figures.empty_chart(f"No candidate was rated by {thresholds.k} raters or more: "
                                   "nothing to compare.", title, scope)
    order = [label for _, label, _ in I.FUNCTIONS]
    colour = alt.Color("colour_key:N", title=None, legend=None, scale=alt.Scale(
        domain=[*candidates, TIE], range=[*(figures.PALETTE[i % len(figures.PALETTE)]
                                            for i in range(len(candidates))), SUPPRESSED_COLOUR]))
    base = alt.Chart(frame).encode(y=alt.Y("label:N", sort=order, title=None,
                                           axis=alt.Axis(labelLimit=300)))
    marks = base.mark_square(size=420).encode(x=alt.value(12), color=colour)
    words = base.mark_text(align="left", baseline="middle", fontSize=figures.FONT_SIZE,
                           lineBreak="\n",
                           limit=CHART_WIDTH - 40).encode(x=alt.value(34), text="says:N")
    return alt.layer(marks, words).properties(
        width=CHART_WIDTH, height=int(frame["lines"].sum()) * 24 + len(frame) * 22,
        title=alt.Title(title, subtitle=figures.subtitle_lines(
            f"Among the candidates rated by at least {thresholds.k} raters."
            + (f" {scope}" if scope else "")), subtitleFontSize=figures.FONT_SIZE - 2))


def response_rate_chart(rates: pd.DataFrame, scope: str = "") -> alt.TopLevelMixin:
    """How many of the raters offered each candidate have answered (never who)."""
    title = "Response rate per candidate"
    if rates.empty:
        return figures.empty_chart("No rater has been given a code yet.", title, scope)
    frame = rates.assign(percent=(rates["rate"].astype(float) * 100).round(0),
                         says=[f"{int(a)} of {int(o)} ({r:.0%})" for a, o, r in
                               zip(rates["answered"], rates["offered"], rates["rate"])])
    candidates = list(frame["candidate"])
    y = alt.Y("candidate:N", sort=candidates, title=None, axis=alt.Axis(labelLimit=420))
    bars = alt.Chart(frame).mark_bar(color=figures.PALETTE[0]).encode(
        y=y, x=alt.X("percent:Q", title="Answered, % of the raters offered it",
                     scale=alt.Scale(domain=[0, 100])))
    words = alt.Chart(frame).mark_text(align="left", dx=6, fontSize=figures.FONT_SIZE).encode(
        y=y, x="percent:Q", text="says:N")
    return alt.layer(bars, words).properties(
        width=CHART_WIDTH - 120, height=max(len(frame), 1) * 56,
        title=alt.Title(title, subtitle=figures.subtitle_lines(
            "Counts only: who answered is never shown." + (f" {scope}" if scope else "")),
            subtitleFontSize=figures.FONT_SIZE - 2))
