"""Every chart of the workbook, as plain Altair: the dashboards draw them live, the
exports turn the same ones into PNG and SVG handouts."""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..tasks import overlaps
from . import charts

LABELS = {"issue_area": "Issue area", "population": "Population", "geography": "Geography"}
TOP_BARS = 15


def coverage_chart(cells: pd.DataFrame, rows: str, columns: str,
                   titles: dict[str, str] | None = None) -> alt.Chart:
    """A grid of coalition counts; an empty cell is a gap and says so, and coalitions
    covering only part of a cell's area are counted apart ("2 + 1 part")."""
    titles = {**LABELS, **(titles or {})}
    part = cells["part"] if "part" in cells else cells["coalitions"].apply(lambda _: [])
    shown = cells.assign(names=[
        "\n".join(f"{n} (part)" if n in in_part else n for n in names)
        for names, in_part in zip(cells["coalitions"], part)]).drop(columns=["coalitions", "part"],
                                                                      errors="ignore")
    shown["label"] = [_cell_label(n, len(p)) for n, p in zip(shown["count"], part)]
    # A coalition covering part of the area shades the square half as much.
    shown["shade"] = shown["count"] - 0.5 * part.apply(len).to_numpy()
    chosen = alt.selection_point(name="cell", fields=[rows, columns], on="click", empty=False)
    x = alt.X(f"{columns}:N", title=titles[columns], sort=list(dict.fromkeys(shown[columns])),
              axis=alt.Axis(labelAngle=-30, orient="top"))
    y = alt.Y(f"{rows}:N", title=titles[rows], sort=list(dict.fromkeys(shown[rows])))
    base = alt.Chart(shown).encode(x=x, y=y)
    squares = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.condition(alt.datum.count == 0, alt.value(charts.EMPTY_FILL),
                            alt.Color("shade:Q", title=("Coalitions (in part: ½)"
                                                        if part.apply(len).any() else "Coalitions"),
                                      scale=alt.Scale(scheme=charts.SEQUENTIAL, domainMin=0))),
        strokeWidth=alt.condition(chosen, alt.value(5), alt.value(1)),
        stroke=alt.condition(chosen, alt.value("#000000"), alt.value("white")),
        tooltip=[alt.Tooltip(f"{rows}:N", title=titles[rows]),
                 alt.Tooltip(f"{columns}:N", title=titles[columns]),
                 alt.Tooltip("count:Q", title="Coalitions"),
                 alt.Tooltip("names:N", title="Who")],
    ).add_params(chosen)
    labels = base.mark_text(fontSize=charts.FONT_SIZE, fontWeight="bold").encode(
        text="label:N",
        color=alt.when(alt.datum.count == 0).then(alt.value(charts.GAP_COLOUR))
        .when(alt.datum.count >= shown["count"].max() * 0.6).then(alt.value("white"))
        .otherwise(alt.value("black")))
    width = max(360, (130 if part.apply(len).any() else 95) * shown[columns].nunique())
    height = max(200, 40 * shown[rows].nunique())
    return (squares + labels).properties(width=width, height=height)


def _cell_label(count: int, in_part: int) -> str:
    if count == 0:
        return "gap"
    whole = count - in_part
    if not in_part:
        return str(count)
    return f"{in_part} part" if not whole else f"{whole} + {in_part} part"


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
