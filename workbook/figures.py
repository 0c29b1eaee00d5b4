"""Every chart of the workbook, as plain Altair, and the projector theme they share: the
dashboards draw them live, the exports turn the same ones into PNG and SVG handouts.

Below both views/ and exports: neither widgets nor files here, only chart specs.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from .tasks import numbers, overlaps

# Okabe-Ito: distinct for the common kinds of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
SEQUENTIAL = "blues"  # one hue, light to dark: readable in greyscale and by colour-blind viewers
GAP_COLOUR = "#D55E00"
EMPTY_FILL = "#F2F2F2"
FONT_SIZE = 16


def projector_theme() -> dict:
    return {"config": {
        "font": "DejaVu Sans, Arial, sans-serif",
        "axis": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE + 2, "labelLimit": 320},
        "legend": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE},
        "header": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE + 2},
        "title": {"fontSize": FONT_SIZE + 6, "anchor": "start"},
        "text": {"fontSize": FONT_SIZE},
        "range": {"category": PALETTE},
        "view": {"stroke": None},
    }}


LABELS = {"issue_area": "Issue area", "population": "Population", "geography": "Geography"}
TOP_BARS = 15


FILTERED_STROKE = "#9A9A9A"
FILTERED_MARK = "–"  # a filtered-out square: neither a number nor a gap


def coverage_chart(cells: pd.DataFrame, rows: str, columns: str,
                   titles: dict[str, str] | None = None, scope: str = "") -> alt.Chart:
    """A grid of coalition counts; an empty cell is a gap and says so, and coalitions
    covering only part of a cell's area are counted apart ("2 + 1 part"). A square
    outside the filters is white with a dashed edge and a dash: not a gap, not counted.
    *scope* (what is filtered) becomes the chart's subtitle, so a handout says it too."""
    titles = {**LABELS, **(titles or {})}
    part = cells["part"] if "part" in cells else cells["coalitions"].apply(lambda _: [])
    filtered = (cells["filtered"] if "filtered" in cells
                else pd.Series(False, index=cells.index)).astype(bool)
    shown = cells.assign(names=[
        "\n".join(f"{n} (part)" if n in in_part else n for n in names)
        for names, in_part in zip(cells["coalitions"], part)]).drop(columns=["coalitions", "part"],
                                                                      errors="ignore")
    shown["filtered"] = filtered.to_numpy()
    shown["label"] = [FILTERED_MARK if out else _cell_label(n, len(p))
                      for n, p, out in zip(shown["count"], part, filtered)]
    shown["state"] = ["outside the filter" if out else ("gap: no coalition" if n == 0 else "covered")
                      for n, out in zip(shown["count"], filtered)]
    # A coalition covering part of the area shades the square half as much.
    shown["shade"] = shown["count"] - 0.5 * part.apply(len).to_numpy()
    most = int(shown["count"].max()) if len(shown) else 0
    chosen = alt.selection_point(name="cell", fields=[rows, columns], on="click", empty=False)
    x = alt.X(f"{columns}:N", title=titles[columns], sort=list(dict.fromkeys(shown[columns])),
              axis=alt.Axis(labelAngle=-30, orient="top"))
    y = alt.Y(f"{rows}:N", title=titles[rows], sort=list(dict.fromkeys(shown[rows])))
    base = alt.Chart(shown).encode(x=x, y=y)
    tooltip = [alt.Tooltip(f"{rows}:N", title=titles[rows]),
               alt.Tooltip(f"{columns}:N", title=titles[columns]),
               alt.Tooltip("state:N", title="This square"),
               alt.Tooltip("count:Q", title="Coalitions", format="d"),
               alt.Tooltip("names:N", title="Who")]
    squares = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.condition(alt.datum.count == 0, alt.value(EMPTY_FILL),
                            alt.Color("shade:Q", title=("Coalitions (in part: ½)"
                                                        if part.apply(len).any() else "Coalitions"),
                                      scale=alt.Scale(scheme=SEQUENTIAL, domainMin=0),
                                      legend=alt.Legend(values=numbers.whole_ticks(most),
                                                        format="d"))),
        strokeWidth=alt.condition(chosen, alt.value(5), alt.value(1)),
        stroke=alt.condition(chosen, alt.value("#000000"), alt.value("white")),
        tooltip=tooltip,
    ).add_params(chosen)
    # Drawn over their squares: white with a dashed edge, unlike a gap's grey.
    outside = base.transform_filter(alt.datum.filtered).mark_rect(
        fill="white", stroke=FILTERED_STROKE, strokeWidth=2, strokeDash=[6, 4]).encode(
        tooltip=tooltip)
    labels = base.mark_text(fontSize=FONT_SIZE, fontWeight="bold").encode(
        text="label:N",
        color=alt.when(alt.datum.filtered).then(alt.value(FILTERED_STROKE))
        .when(alt.datum.count == 0).then(alt.value(GAP_COLOUR))
        .when(alt.datum.count >= most * 0.6).then(alt.value("white"))
        .otherwise(alt.value("black")))
    width = max(360, (130 if part.apply(len).any() else 95) * shown[columns].nunique())
    height = max(200, 40 * shown[rows].nunique())
    title = f"{titles[rows]} × {titles[columns]}"
    return (squares + outside + labels).properties(
        width=width, height=height,
        title=alt.Title(title, subtitle=scope or "All coalitions shown, no filter",
                        subtitleFontSize=FONT_SIZE))


def _cell_label(count: int, in_part: int) -> str:
    if count == 0:
        return "gap"
    whole = count - in_part
    if not in_part:
        return str(count)
    return f"{in_part} part" if not whole else f"{whole} + {in_part} part"


def _titled(title: str, scope: str) -> alt.Title | str:
    """The chart's title, with what is left out or filtered as its subtitle."""
    return alt.Title(title, subtitle=scope, subtitleFontSize=FONT_SIZE) if scope else title


def heatmap_chart(matrix: pd.DataFrame, labels: pd.Series, title: str,
                  scope: str = "") -> alt.Chart:
    order = list(labels.loc[matrix.index])
    long = (matrix.rename(index=labels, columns=labels).stack().rename("score")
            .rename_axis(["a", "b"]).reset_index())
    long["shown"] = long["score"].map(lambda v: f"{v:.0%}".replace("%", "") if v >= 0.005 else "")
    long.loc[long["a"] == long["b"], "shown"] = ""
    base = alt.Chart(long).encode(
        x=alt.X("b:N", sort=order, title=None, axis=alt.Axis(labelAngle=-45, orient="top")),
        y=alt.Y("a:N", sort=order, title=None))
    squares = base.mark_rect(stroke="white").encode(
        color=alt.Color("score:Q", title="Overlap", scale=alt.Scale(scheme=SEQUENTIAL,
                                                                  domain=[0, 1])),
        tooltip=[alt.Tooltip("a:N", title="Coalition"), alt.Tooltip("b:N", title="with"),
                 alt.Tooltip("score:Q", title="Overlap", format=".0%")])
    size = max(420, 34 * len(order))
    # Numbers in cells at 14 px, the least a back row reads; "100" still fits a 34 px square.
    percentages = base.mark_text(fontSize=FONT_SIZE - 2).encode(
        text="shown:N",
        color=alt.when(alt.datum.score > 0.6).then(alt.value("white")).otherwise(alt.value("black")))
    return (squares + percentages).properties(width=size, height=size, title=_titled(title, scope))


def network_chart(network: overlaps.MembershipNetwork, scope: str = "") -> alt.LayerChart:
    nodes = network.nodes.assign(kind_label=network.nodes["kind"].map(
        {"coalition": "Coalition", "organisation": "Organisation"}))
    edges = alt.Chart(network.edges).mark_rule(color="#BBBBBB", strokeWidth=1).encode(
        x=alt.X("x:Q", axis=None), y=alt.Y("y:Q", axis=None), x2="x2:Q", y2="y2:Q")
    points = alt.Chart(nodes).mark_point(filled=True, opacity=0.95, stroke="white").encode(
        x="x:Q", y="y:Q",
        size=alt.Size("size:Q", title="Seats / coalitions", scale=alt.Scale(range=[60, 900]),
                      legend=alt.Legend(format="d", tickMinStep=1)),
        color=alt.Color("kind_label:N", title=None,
                        scale=alt.Scale(range=[PALETTE[0], PALETTE[1]])),
        shape=alt.Shape("kind_label:N", title=None, scale=alt.Scale(range=["square", "circle"])),
        tooltip=[alt.Tooltip("label:N", title="Name"), alt.Tooltip("kind_label:N", title="Kind"),
                 alt.Tooltip("size:Q", title="Size", format="d")])
    busiest = nodes[(nodes["kind"] == "coalition")
                    | (nodes["size"] >= max(3, nodes.loc[nodes["kind"] == "organisation", "size"]
                                            .quantile(0.9)))]
    names = alt.Chart(busiest).mark_text(dy=-14, fontSize=FONT_SIZE).encode(
        x="x:Q", y="y:Q", text="label:N")
    chart = (edges + points + names).properties(width=1100, height=720)
    return chart.properties(title=_titled("Who sits on which coalitions", scope)) if scope else chart


def burden_chart(frame: pd.DataFrame, name: str, title: str, scope: str = "") -> alt.Chart:
    top = frame.head(TOP_BARS).copy()
    top["assumed"] = top["hours_assumed"].map({True: "length assumed", False: "as reported"})
    return alt.Chart(top).mark_bar(color=PALETTE[0]).encode(
        x=alt.X("hours_per_month:Q", title="Meeting hours per month"),
        y=alt.Y(f"{name}:N", sort="-x", title=None),
        tooltip=[alt.Tooltip(f"{name}:N", title="Who"),
                 alt.Tooltip("hours_per_month:Q", title="Hours a month", format=".1f"),
                 alt.Tooltip("meetings_per_month:Q", title="Meetings a month", format=".1f"),
                 alt.Tooltip("coalitions:Q", title="Coalitions", format="d"),
                 alt.Tooltip("coalition_list:N", title="Which")],
    ).properties(width=760, height=28 * len(top), title=_titled(title, scope))


def asks_chart(asks: overlaps.AskLoad, scope: str = "") -> alt.Chart:
    top = asks.by_organisation.head(TOP_BARS)["organisation"]
    long = asks.long[asks.long["organisation"].isin(top)]
    return alt.Chart(long).mark_bar().encode(
        x=alt.X("sum(coalitions):Q", title="Coalitions asking",
                axis=alt.Axis(format="d", tickMinStep=1)),
        y=alt.Y("organisation:N", sort=list(top), title=None),
        color=alt.Color("ask_type:N", title="They ask for"),
        tooltip=[alt.Tooltip("organisation:N", title="Organisation"),
                 alt.Tooltip("ask_type:N", title="Ask"),
                 alt.Tooltip("coalitions:Q", title="Coalitions asking", format="d")],
    ).properties(width=760, height=28 * len(top),
                 title=_titled("Too many asks? Who is asked, and for what", scope))
