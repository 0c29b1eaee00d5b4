"""Every chart of the workbook, as plain Altair, and the projector theme they share: the
dashboards draw them live, the exports turn the same ones into PNG and SVG handouts.

Below both views/ and exports: neither widgets nor files here, only chart specs.
"""
from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from . import numbers_text as numbers
from .tasks import overlaps
from .text_width import text_width, wrap_to_width

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


COVERAGE_STEP = 88  # px a column: seven populations and their names fit 870 px at 1280×720
FILTERED_STROKE = "#9A9A9A"
FILTERED_MARK = "–"  # a filtered-out square: neither a number nor a gap


def coverage_chart(cells: pd.DataFrame, rows: str, columns: str,
                   titles: dict[str, str] | None = None, scope: str = "") -> alt.Chart:
    """A grid of coalition counts; an empty cell is a gap and says so, and coalitions
    covering only part of a cell's area are counted apart ("2 + 1 part"). A square
    outside the filters is white with a dashed edge and a dash: not a gap, not counted.
    *scope* (what is filtered) becomes the chart's subtitle, so a handout says it too."""
    titles = {**LABELS, **(titles or {})}
    if cells.empty:
        return empty_chart(f"No {titles[rows].lower()} or {titles[columns].lower()} listed "
                           "yet: nothing to draw.", f"{titles[rows]} × {titles[columns]}", scope)
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
              axis=alt.Axis(labelAngle=-30, orient="top", labelLimit=200))
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
                                      # Below the grid, so that at 1280×720 the
                                      # grid's columns fit beside the answer column.
                                      legend=alt.Legend(values=numbers.whole_ticks(most),
                                                        format="d", orient="bottom",
                                                        direction="horizontal"))),
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
    width = max(360, (130 if part.apply(len).any() else COVERAGE_STEP) * shown[columns].nunique())
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
    """The chart's title, with what is left out or filtered as its subtitle (on as many
    lines as it takes: Vega cuts nothing, but a line wider than the chart's box is cut
    by the box)."""
    if not scope:
        return title
    return alt.Title(title, subtitle=subtitle_lines(scope), subtitleFontSize=FONT_SIZE)


SUBTITLE_CHARACTERS = 90  # about 740 px at 16 px: within the chart column at 1280×720


def subtitle_lines(scope: str, most: int = SUBTITLE_CHARACTERS) -> str | list[str]:
    """*scope* as it is when short, else broken between its "·" parts (and, in a long part,
    after its commas) into lines of about *most* characters."""
    if len(scope) <= most:
        return scope
    pieces = []
    for part in scope.split(" · "):
        words = part.split(", ")
        pieces += [*(w + "," for w in words[:-1]), words[-1]] if len(part) > most else [part]
    lines = [pieces[0]]
    for piece in pieces[1:]:
        joiner = " " if lines[-1].endswith(",") else " · "
        if len(lines[-1]) + len(joiner) + len(piece) <= most:
            lines[-1] += joiner + piece
        else:
            lines.append(piece)
    return lines


# --- nothing to show, and full names ----------------------------------------------------

def empty_chart(message: str, title: str = "", scope: str = "") -> alt.Chart:
    """A chart saying why there is nothing to draw, drawn in place of the last one, so the
    room never reads a stale picture (every weight at 0, a threshold no one reaches)."""
    chart = alt.Chart(pd.DataFrame({"message": [message]})).mark_text(
        fontSize=FONT_SIZE + 2, align="left", baseline="middle", color="#444444",
        lineBreak="\n").encode(text="message:N", x=alt.value(0), y=alt.value(40))
    chart = chart.properties(width=640, height=80)
    return chart.properties(title=_titled(title, scope)) if title else chart


KEY_TITLE = "Short names"
KEY_SPACE = 850  # px: the chart column beside the answer column at 1280×720 is 870
KEY_COLUMN = (300, 400)  # px a column: two fit KEY_SPACE, and most names take one line
KEY_GAP = 28  # px between the key's columns
KEY_HANGING = FONT_SIZE  # a name's second line is indented, so each short name stands out
KEY_LINE = 1.5  # line height, in font sizes


def name_key(labels: pd.Series, names: pd.Series | None, space: float = KEY_SPACE
             ) -> alt.Chart | None:
    """A key to set below a chart: each short label with its full name (None when every
    label is already the full name), in as many columns as fit *space* px, read down then
    across; a long name goes on to an indented line."""
    if names is None:
        return None
    pairs = [(str(short), str(full)) for short, full in zip(labels, names.reindex(labels.index))
             if isinstance(full, str) and full.strip() and str(short) != full.strip()]
    if not pairs:
        return None
    narrowest, widest = KEY_COLUMN
    most = max(1, int((space + KEY_GAP) // (narrowest + KEY_GAP)))
    room = max(narrowest, min(widest, (space - (most - 1) * KEY_GAP) / most))
    entries = [wrap_to_width(f"{short} — {full.strip()}", FONT_SIZE, room, KEY_HANGING)
               for short, full in pairs]
    column = max(text_width(line, FONT_SIZE) + (KEY_HANGING if i else 0)
                 for entry in entries for i, line in enumerate(entry))
    rows, columns = _key_columns([len(e) for e in entries], most)
    step = KEY_LINE * FONT_SIZE
    key = pd.DataFrame([(line, row + i, col, col * (column + KEY_GAP) + (KEY_HANGING if i else 0))
                        for entry, (row, col) in zip(entries, rows)
                        for i, line in enumerate(entry)], columns=["line", "row", "column", "x"])
    key["y"] = (key["row"] + 0.5) * step
    return alt.Chart(key, title=alt.Title(KEY_TITLE, fontSize=FONT_SIZE)).mark_text(
        align="left", baseline="middle", fontSize=FONT_SIZE).encode(
        text="line:N",
        # Pixels as they are: the key is laid out here, where its text is measured.
        x=alt.X("x:Q", scale=None, axis=None), y=alt.Y("y:Q", scale=None, axis=None),
    ).properties(width=int(columns * column + (columns - 1) * KEY_GAP + 1),
                 height=int((key["row"].max() + 1) * step))


def _key_columns(heights: list[int], most: int) -> tuple[list[tuple[int, int]], int]:
    """Where each entry of *heights* lines starts (row, column), filling columns down then
    across, an entry never split between two, in at most *most* columns as even as can be;
    and how many columns that takes."""
    tallest = -(-sum(heights) // most)
    while True:
        starts, row, col = [], 0, 0
        for height in heights:
            if row and row + height > tallest:
                row, col = 0, col + 1
            starts.append((row, col))
            row += height
        if col < most:
            return starts, col + 1
        tallest += 1


def _with_key(chart, key: alt.Chart | None, title) :
    """The chart with its key below, where it has the chart column's whole width (beside
    it, the key of two dozen coalitions was cut by the answer column at 1280×720), lined
    up with the chart's plot (right of its left axis); the title moves up to the whole."""
    if key is None:
        return chart.properties(title=title) if title else chart
    whole = alt.vconcat(chart, key, spacing=24).resolve_scale(color="independent",
                                                              size="independent",
                                                              shape="independent")
    return whole.properties(title=title) if title else whole


# --- the overlap heatmap -------------------------------------------------------------------

# White at 0, so an empty pair reads empty; the same light one-hue scale as the workbook's.
HEAT_DOMAIN = [0, 0.5, 1]
HEAT_RANGE = ["#FFFFFF", "#6BAED6", "#08306B"]
HEAT_DARK = 0.6  # from here the figure is written white
HEAT_SIDE = 530  # px: squares, slanted names and a title of three lines fit 720 px
HEAT_CELL = (22, 34)  # px: the smallest square two 14 px figures fit, and the largest
HEAT_LABEL_LIMIT = 130
HEAT_NAME_LIMIT = 320  # px: the names left of the squares
HEAT_SMALLEST_SIDE = 420  # a handful of coalitions still gets a heatmap the room can read


def heatmap_side(coalitions: int) -> int:
    """The heatmap's width and height: squares as large as fit HEAT_SIDE, within HEAT_CELL."""
    smallest, largest = HEAT_CELL
    return max(HEAT_SMALLEST_SIDE,
               coalitions * max(smallest, min(largest, HEAT_SIDE // max(coalitions, 1))))


def heatmap_chart(matrix: pd.DataFrame, labels: pd.Series, title: str,
                  scope: str = "", names: pd.Series | None = None) -> alt.TopLevelMixin:
    """Pairs of coalitions, their overlap in percent; a coalition against itself is left
    blank. *names* (full names by coalition id) give the tooltip and a key below it."""
    if matrix.empty or len(matrix) < 2:
        return empty_chart("Fewer than two coalitions to compare: nothing to draw.",
                           title, scope)
    full = names.reindex(matrix.index) if names is not None else labels.loc[matrix.index]
    full = full.where(full.notna() & (full.astype(str).str.strip() != ""), labels.loc[matrix.index])
    order = list(labels.loc[matrix.index])
    full_of = dict(zip(labels.loc[matrix.index], full))
    long = (matrix.rename(index=labels, columns=labels).stack().rename("score")
            .rename_axis(["a", "b"]).reset_index())
    long = long[long["a"] != long["b"]]  # the diagonal stays blank
    long["a_name"] = long["a"].map(full_of)
    long["b_name"] = long["b"].map(full_of)
    long["shown"] = long["score"].map(lambda v: f"{v:.0%}".replace("%", "") if v >= 0.005 else "")
    base = alt.Chart(long).encode(
        # Slanted names above the squares, cut at HEAT_LABEL_LIMIT (the key and the tooltip
        # give them whole), so a heatmap of two dozen coalitions fits a 720 px screen.
        x=alt.X("b:N", sort=order, title=None,
                axis=alt.Axis(labelAngle=-45, orient="top", labelLimit=HEAT_LABEL_LIMIT)),
        y=alt.Y("a:N", sort=order, title=None, axis=alt.Axis(labelLimit=HEAT_NAME_LIMIT)))
    squares = base.mark_rect(stroke="#DDDDDD", strokeWidth=1).encode(
        color=alt.Color("score:Q", title="Overlap",
                        scale=alt.Scale(domain=HEAT_DOMAIN, range=HEAT_RANGE,
                                        interpolate="rgb"),
                        legend=alt.Legend(format=".0%", values=[0, 0.25, 0.5, 0.75, 1])),
        tooltip=[alt.Tooltip("a_name:N", title="Coalition"), alt.Tooltip("b_name:N", title="with"),
                 alt.Tooltip("score:Q", title="Overlap", format=".0%")])
    size = heatmap_side(len(order))
    # Numbers in cells at 14 px, the least a back row reads; two figures fit a 22 px square.
    percentages = base.mark_text(fontSize=FONT_SIZE - 2).encode(
        text="shown:N",
        color=alt.when(alt.datum.score > HEAT_DARK).then(alt.value("white"))
        .otherwise(alt.value("black")))
    chart = (squares + percentages).properties(width=size, height=size)
    # The key starts where the squares do, right of the names: it has that much less room.
    key = name_key(labels.loc[matrix.index], names, KEY_SPACE - _axis_width(order))
    return _with_key(chart, key, _titled(title, scope))


HEAT_AXIS_PAD = 12  # px from a name on the left axis to the squares: tick, padding, a margin


def _axis_width(names: list[str]) -> float:
    return min(HEAT_NAME_LIMIT, max(text_width(str(n), FONT_SIZE) for n in names)) + HEAT_AXIS_PAD


# --- the membership network ----------------------------------------------------------------

NETWORK_WIDTH = 860
NETWORK_HEIGHT = 640
LABEL_CHARACTERS = 30  # a longer organisation name is cut; the tooltip has it whole


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: "Box") -> bool:
        return not (self.right <= other.left or other.right <= self.left
                    or self.bottom <= other.top or other.bottom <= self.top)


def _short(text: str, most: int = LABEL_CHARACTERS) -> str:
    return text if len(text) <= most else text[:most - 1].rstrip() + "…"


def network_labels(nodes: pd.DataFrame, width: int = NETWORK_WIDTH,
                   height: int = NETWORK_HEIGHT, font_size: int = FONT_SIZE,
                   domain: tuple[tuple[float, float], tuple[float, float]] | None = None
                   ) -> pd.DataFrame:
    """Labels that fit: coalitions first, then the organisations with most seats, each put
    above, below, right or left of its point where it overlaps no label already placed
    and no other point; one that fits nowhere is left to the tooltip.

    Returns node, text, x, y (data coordinates of the label's centre) and its box in
    pixels (left, top, right, bottom)."""
    columns = ["node", "text", "x", "y", "left", "top", "right", "bottom"]
    if nodes.empty:
        return pd.DataFrame(columns=columns)
    (x0, x1), (y0, y1) = domain or _network_domain(nodes)

    def px(x, y):
        return (x - x0) / (x1 - x0) * width, (y1 - y) / (y1 - y0) * height

    points = {n: px(x, y) for n, x, y in zip(nodes["node"], nodes["x"], nodes["y"])}
    radius = dict(zip(nodes["node"], _marker_radii(nodes["size"])))
    point_boxes = {n: Box(cx - radius[n], cy - radius[n], cx + radius[n], cy + radius[n])
                   for n, (cx, cy) in points.items()}
    order = nodes.assign(first=(nodes["kind"] != "coalition").astype(int)).sort_values(
        ["first", "size", "label"], ascending=[True, False, True], kind="stable")
    placed: list[Box] = []
    rows = []
    for node, label, kind in zip(order["node"], order["label"], order["kind"]):
        text = _short(str(label))
        # Measured: a share of the font size per character made "FCWC" and "TPP" touch.
        w, h = text_width(text, font_size), font_size * 1.25
        cx, cy = points[node]
        r = radius[node] + 3
        spots = [(0, -r - h / 2), (0, r + h / 2), (r + w / 2, 0), (-r - w / 2, 0),
                 (r + w / 2, -r - h / 2), (-r - w / 2, -r - h / 2),
                 (r + w / 2, r + h / 2), (-r - w / 2, r + h / 2)]
        # A coalition's name must show: if it fits nowhere clear of points, clear of
        # other labels is enough.
        for clear_of_points in ((True, False) if kind == "coalition" else (True,)):
            spot = _free_spot(cx, cy, w, h, spots, placed, width, height,
                              [b for n, b in point_boxes.items() if n != node]
                              if clear_of_points else [])
            if spot is not None:
                break
        if spot is None:
            continue
        placed.append(spot)
        lx = x0 + (spot.left + w / 2) / width * (x1 - x0)
        ly = y1 - (spot.top + h / 2) / height * (y1 - y0)
        rows.append((node, text, lx, ly, spot.left, spot.top, spot.right, spot.bottom))
    return pd.DataFrame(rows, columns=columns)


def _free_spot(cx: float, cy: float, w: float, h: float, spots, placed: list[Box],
               width: float, height: float, points: list[Box]) -> Box | None:
    for dx, dy in spots:
        box = Box(cx + dx - w / 2, cy + dy - h / 2, cx + dx + w / 2, cy + dy + h / 2)
        if box.left < 0 or box.top < 0 or box.right > width or box.bottom > height:
            continue
        if any(box.overlaps(b) for b in placed) or any(box.overlaps(b) for b in points):
            continue
        return box
    return None


MARKER_AREA = (60, 900)  # px², smallest to largest point


def _marker_radii(sizes: pd.Series) -> list[float]:
    """Half the side of each point as the size scale draws it (linear in area)."""
    low, high = float(sizes.min()), float(sizes.max())
    share = (sizes - low) / (high - low) if high > low else sizes * 0 + 0.5
    area = MARKER_AREA[0] + share * (MARKER_AREA[1] - MARKER_AREA[0])
    return [float(a) ** 0.5 / 2 for a in area]


def _network_domain(nodes: pd.DataFrame, extent=None
                    ) -> tuple[tuple[float, float], tuple[float, float]]:
    """The layout's extent with a margin, so points and labels at the rim stay inside.
    The whole network's *extent* keeps the frame still as the threshold moves."""
    def padded(low: float, high: float) -> tuple[float, float]:
        margin = max(0.12 * (high - low), 0.1)
        return low - margin, high + margin
    (x_low, x_high), (y_low, y_high) = extent or (
        (float(nodes["x"].min()), float(nodes["x"].max())),
        (float(nodes["y"].min()), float(nodes["y"].max())))
    return padded(x_low, x_high), padded(y_low, y_high)


NETWORK_TITLE = "Who sits on which coalitions"


def network_chart(network: overlaps.MembershipNetwork, scope: str = "") -> alt.TopLevelMixin:
    """Coalitions (squares) and the organisations on them (circles); labels that would
    collide are left to the tooltip, coalitions' full names are in a key below."""
    if network.nodes.empty or not (network.nodes["kind"] == "organisation").any():
        return empty_chart("No organisation sits on that many coalitions: lower the "
                           "threshold to see the network.", NETWORK_TITLE, scope)
    nodes = network.nodes.assign(kind_label=network.nodes["kind"].map(
        {"coalition": "Coalition", "organisation": "Organisation"}))
    full = nodes["name"] if "name" in nodes else nodes["label"]
    nodes = nodes.assign(full_name=full.where(full.notna(), nodes["label"]))
    (x0, x1), (y0, y1) = _network_domain(nodes, network.extent)
    x_scale = alt.Scale(domain=[x0, x1], nice=False, zero=False)
    y_scale = alt.Scale(domain=[y0, y1], nice=False, zero=False)
    edges = alt.Chart(network.edges).mark_rule(color="#BBBBBB", strokeWidth=1).encode(
        x=alt.X("x:Q", axis=None, scale=x_scale), y=alt.Y("y:Q", axis=None, scale=y_scale),
        x2="x2:Q", y2="y2:Q")
    sizes = sorted(int(v) for v in nodes["size"].unique())
    points = alt.Chart(nodes).mark_point(filled=True, opacity=0.95, stroke="white").encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale),
        size=alt.Size("size:Q", title="Seats / coalitions",
                      scale=alt.Scale(range=list(MARKER_AREA), zero=False),
                      legend=alt.Legend(format="d", values=_size_ticks(sizes))),
        color=alt.Color("kind_label:N", title=None,
                        scale=alt.Scale(range=[PALETTE[0], PALETTE[1]])),
        shape=alt.Shape("kind_label:N", title=None, scale=alt.Scale(range=["square", "circle"])),
        tooltip=[alt.Tooltip("full_name:N", title="Name"),
                 alt.Tooltip("kind_label:N", title="Kind"),
                 alt.Tooltip("size:Q", title="Size", format="d")])
    labels = network_labels(nodes, domain=((x0, x1), (y0, y1)))
    names = alt.Chart(labels).mark_text(fontSize=FONT_SIZE, align="center",
                                        baseline="middle").encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), text="text:N")
    chart = (edges + points + names).properties(width=NETWORK_WIDTH, height=NETWORK_HEIGHT)
    coalitions = nodes[nodes["kind"] == "coalition"]
    key = name_key(coalitions["label"], coalitions["full_name"])
    return _with_key(chart, key, _titled(NETWORK_TITLE, scope))


def _size_ticks(sizes: list[int]) -> list[int]:
    """Legend sizes from the smallest there is (never 0) to the largest, whole numbers."""
    sizes = [s for s in sizes if s > 0]  # a coalition with no member listed is drawn smallest
    if not sizes:
        return []
    low, high = sizes[0], sizes[-1]
    step = max(1, -(-(high - low) // 4))
    ticks = list(range(low, high + 1, step))
    return ticks if ticks[-1] == high else [*ticks, high]


# --- meeting burden and asks ------------------------------------------------------------

HOURS_FORMAT = ",.1~f"  # 2.5, 3 (never 3.0)


def burden_chart(frame: pd.DataFrame, name: str, title: str, scope: str = "") -> alt.Chart:
    if frame.empty:
        return empty_chart("No meetings recorded for anyone yet.", title, scope)
    top = frame.head(TOP_BARS).copy()
    top["assumed"] = top["hours_assumed"].map({True: "length assumed", False: "as reported"})
    return alt.Chart(top).mark_bar(color=PALETTE[0]).encode(
        x=alt.X("hours_per_month:Q", title="Meeting hours per month",
                axis=alt.Axis(format=HOURS_FORMAT, labelOverlap=True)),
        y=alt.Y(f"{name}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=360)),
        tooltip=[alt.Tooltip(f"{name}:N", title="Who"),
                 alt.Tooltip("hours_per_month:Q", title="Hours a month", format=HOURS_FORMAT),
                 alt.Tooltip("meetings_per_month:Q", title="Meetings a month",
                             format=HOURS_FORMAT),
                 alt.Tooltip("coalitions:Q", title="Coalitions", format="d"),
                 alt.Tooltip("coalition_list:N", title="Which")],
    ).properties(width=760, height=28 * len(top), title=_titled(title, scope))


ASKS_TITLE = "Too many asks? Who is asked, and for what"


def asks_chart(asks: overlaps.AskLoad, scope: str = "") -> alt.Chart:
    if asks.long.empty:
        return empty_chart("No coalition has listed what it asks of its members.",
                           ASKS_TITLE, scope)
    top = asks.by_organisation.head(TOP_BARS)["organisation"]
    long = asks.long[asks.long["organisation"].isin(top)]
    return alt.Chart(long).mark_bar().encode(
        x=alt.X("sum(coalitions):Q", title="Coalitions asking",
                axis=alt.Axis(format="d", tickMinStep=1, labelOverlap=True)),
        y=alt.Y("organisation:N", sort=list(top), title=None, axis=alt.Axis(labelLimit=360)),
        color=alt.Color("ask_type:N", title="They ask for"),
        tooltip=[alt.Tooltip("organisation:N", title="Organisation"),
                 alt.Tooltip("ask_type:N", title="Ask"),
                 alt.Tooltip("coalitions:Q", title="Coalitions asking", format="d")],
    ).properties(width=760, height=28 * len(top), title=_titled(ASKS_TITLE, scope))
