"""Task 3's charts, as plain Altair under the project's theme: the turn-the-curve chart of
each shared indicator and the results tree. Floor 3, like ``figures``: the dashboards draw
them live, ``alignment_export`` turns the same ones into PNG and SVG handouts.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from . import figures
from . import schema as S
from .tasks.results import curve as C
from .tasks.results import forecast as F
from .tasks.results.performance import LEVELS

TREND_COLOUR = "#555555"
TARGET_COLOUR = figures.PALETTE[2]
CHART_WIDTH, CHART_HEIGHT = 760, 380  # projector-sized, like the other charts
HISTORY, TREND, TARGET = C.HISTORY, C.TREND, C.TARGET
TREND_SERIES, TARGET_SERIES = C.TREND_SERIES, C.TARGET_SERIES


def curve_chart(curve: C.CurveData, scope: str = "") -> alt.TopLevelMixin:
    """History, trend (dashed), target (diamond) and subgroup lines, method stated under
    the title. *scope* (e.g. the geography) is added to the subtitle."""
    ind = curve.indicator
    frame = C.curve_frame(curve)
    title = ind.name
    if frame.empty or frame[frame["kind"] == HISTORY].empty:
        return figures.empty_chart(f"No figures for '{ind.name}' yet: load indicator data "
                                   "(python -m workbook load-indicators).", title, scope)
    history_series = list(dict.fromkeys(frame.loc[frame["kind"] == HISTORY, "series"]))
    domain = [*history_series, TREND_SERIES, TARGET_SERIES]
    palette = [c for c in figures.PALETTE if c not in (TARGET_COLOUR,)]
    colours = [palette[i % len(palette)] for i in range(len(history_series))]
    colour = alt.Color("series:N", title=None, scale=alt.Scale(
        domain=domain, range=[*colours, TREND_COLOUR, TARGET_COLOUR]),
        legend=alt.Legend(orient="bottom", columns=3, symbolStrokeWidth=3, labelLimit=300))
    y_title = ind.unit if ind.unit else "Value"
    # Every year on the axis, so a year without a figure (no test in 2020) shows as a gap.
    years = list(range(int(frame["year"].min()), int(frame["year"].max()) + 1))
    x = alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0), scale=alt.Scale(domain=years))
    y = alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False))
    tooltip = [alt.Tooltip("series:N", title="Line"), alt.Tooltip("year:O", title="Year"),
               alt.Tooltip("value:Q", title=y_title, format=",.1~f")]
    base = alt.Chart(frame).encode(x=x, y=y, color=colour, tooltip=tooltip)
    everyone = alt.datum.series == "Everyone"
    lines = base.transform_filter(alt.datum.kind == HISTORY).mark_line(point=True).encode(
        strokeWidth=alt.condition(everyone, alt.value(4), alt.value(2)),
        detail="series:N")
    trend = base.transform_filter(alt.datum.kind == TREND).mark_line(strokeDash=[8, 6],
                                                                     strokeWidth=3)
    target = base.transform_filter(alt.datum.kind == TARGET).mark_point(
        shape="diamond", size=260, filled=True)
    target_label = base.transform_filter(alt.datum.kind == TARGET).mark_text(
        dy=-18, fontSize=figures.FONT_SIZE, fontWeight="bold").encode(
        text=alt.Text("label:N")).transform_calculate(
        label="'Target ' + format(datum.value, ',.1~f')")
    return alt.layer(lines, trend, target, target_label).properties(
        width=CHART_WIDTH, height=CHART_HEIGHT,
        title=alt.Title(title, subtitle=subtitle_lines(curve, scope),
                        subtitleFontSize=figures.FONT_SIZE - 2))


def subtitle_lines(curve: C.CurveData, scope: str = "") -> list[str]:
    ind = curve.indicator
    lines = [f"{ind.polarity}" + (f" · {ind.unit}" if ind.unit else "")
             + (f" · {curve.geography}" if curve.geography != S.WHOLE_COMMUNITY else "")
             + (f" · {scope}" if scope else "")]
    lines += (curve.trend.description_lines() if curve.trend else
              [f"No trend drawn: fewer than {F.MIN_POINTS} years of figures for everyone."])
    if curve.sources:
        lines.append("Source: " + "; ".join(curve.sources))
    return lines


INDENT = 34  # px per level
ROW_HEIGHT = 30


def tree_chart(tree: pd.DataFrame, title: str = "Results tree") -> alt.TopLevelMixin:
    """An indented tree: one line per node, its level's colour, a connector to its parent."""
    if tree.empty:
        return figures.empty_chart("Nothing in the results tree yet.", title)
    frame = tree.reset_index(drop=True).copy()
    frame["row"] = frame.index
    frame["x"] = frame["depth"] * INDENT
    frame["text"] = [f"{lvl}: {lab}" if depth < 3 else lab
                     for lvl, lab, depth in zip(frame["level"], frame["label"], frame["depth"])]
    position = dict(zip(frame["node"], zip(frame["row"], frame["x"])))
    links = pd.DataFrame([{"row": r, "x": x, "parent_row": position[p][0],
                           "parent_x": position[p][1] + INDENT / 2}
                          for p, r, x in zip(frame["parent"], frame["row"], frame["x"])
                          if isinstance(p, str)])
    height = ROW_HEIGHT * len(frame)
    y_scale = alt.Scale(domain=[-0.5, len(frame) - 0.5], reverse=True)  # first row on top
    x_scale = alt.Scale(domain=[0, INDENT * len(LEVELS) + 600])
    colour = alt.Color("level:N", title="Level", scale=alt.Scale(
        domain=list(LEVELS), range=figures.PALETTE[:len(LEVELS)]),
        legend=alt.Legend(orient="bottom", columns=3))
    y = alt.Y("row:Q", axis=None, scale=y_scale)
    dots = alt.Chart(frame).mark_point(filled=True, size=140).encode(
        x=alt.X("x:Q", axis=None, scale=x_scale), y=y, color=colour,
        tooltip=["level:N", "label:N", "detail:N"])
    labels = alt.Chart(frame).mark_text(align="left", dx=12, fontSize=figures.FONT_SIZE - 2,
                                        limit=900).encode(
        x=alt.X("x:Q", axis=None, scale=x_scale), y=y, text="text:N")
    layers = [dots, labels]
    if not links.empty:
        # An elbow: down from the parent, then across to the child.
        down = alt.Chart(links).mark_rule(color="#999999").encode(
            x=alt.X("parent_x:Q", axis=None, scale=x_scale),
            y=alt.Y("parent_row:Q", axis=None, scale=y_scale), y2="row:Q")
        across = alt.Chart(links).mark_rule(color="#999999").encode(
            x=alt.X("parent_x:Q", axis=None, scale=x_scale), x2="x:Q",
            y=alt.Y("row:Q", axis=None, scale=y_scale))
        layers = [down, across, *layers]
    return alt.layer(*layers).properties(width=900, height=height, title=title)


