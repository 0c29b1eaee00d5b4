"""Charts a room can read (issue 7, item 3): full names beside every short one, a heatmap
with a blank diagonal, a white zero and a percent legend, a network whose labels never
collide and whose points stay put as the threshold moves, formatted numbers, and a
message in place of a chart with nothing to show.

The community is the hand-worked coalitions of builders.py (short names such as ALPHA)
together with the Northern Kentucky coalitions of test_trains.
"""
from __future__ import annotations

import importlib.util
import itertools
import json
from pathlib import Path

import altair as alt
import ipywidgets as widgets

import pandas as pd
import pytest
from openpyxl import load_workbook
import io

from workbook import exports as E
from workbook import figures, text_width
from workbook.sample.database import build_database
from workbook.tasks import overlaps as O
from workbook.views import overlaps as overlap_views
from workbook.views import shell

from .builders import ALPHA, BETA, DELTA, GAMMA
from .test_trains import COALITIONS, NKY


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_database(tmp_path_factory.mktemp("figures") / "mixed.db",
                          [ALPHA, BETA, GAMMA, DELTA, *COALITIONS])


@pytest.fixture(scope="module")
def matrices(db):
    return O.overlap_matrices(db)


def layers(spec: dict, data: dict | None = None) -> list[dict]:
    """Every single-view spec inside a layered or concatenated one, each with the data it
    draws (its own, or its nearest parent's)."""
    data = spec.get("data", data)
    found = []
    for key in ("layer", "hconcat", "vconcat"):
        for part in spec.get(key, []):
            found += layers(part, data)
    return found or [{**spec, "data": data or {}}]


def data_of(spec: dict, layer: dict) -> pd.DataFrame:
    name = (layer.get("data") or spec.get("data", {})).get("name")
    return pd.DataFrame(spec["datasets"][name])


def heatmap(matrices) -> dict:
    return figures.heatmap_chart(matrices.combined(), matrices.coalitions["label"],
                                 "Combined overlap", names=matrices.coalitions["name"]).to_dict()


# --- the heatmap ---------------------------------------------------------------------------

def test_the_heatmap_leaves_the_diagonal_blank(matrices):
    spec = heatmap(matrices)
    squares = data_of(spec, layers(spec)[0])
    assert not (squares["a"] == squares["b"]).any()
    n = len(matrices.coalitions)
    assert len(squares) == n * n - n  # every other pair is there


def test_the_heatmap_legend_is_in_percent_and_zero_is_white(matrices):
    spec = heatmap(matrices)
    colour = layers(spec)[0]["encoding"]["color"]
    assert colour["legend"]["format"] == ".0%"
    assert colour["scale"]["domain"][0] == 0 and colour["scale"]["range"][0] == "#FFFFFF"
    assert colour["scale"]["interpolate"] == "rgb"  # white, not a tint, at 0


def test_the_heatmap_names_every_coalition_in_full(matrices):
    spec = heatmap(matrices)
    squares = data_of(spec, layers(spec)[0])
    tooltip_fields = {t["field"] for t in layers(spec)[0]["encoding"]["tooltip"]}
    assert {"a_name", "b_name"} <= tooltip_fields
    assert set(squares["a_name"]) == set(matrices.coalitions["name"])
    key = data_of(spec, layers(spec)[-1])
    assert "ALPHA — Alpha Early Learning" in set(key["line"])
    # A coalition labelled by its full name already needs no line in the key.
    full_only = matrices.coalitions[matrices.coalitions["label"] == matrices.coalitions["name"]]
    assert not any(line.startswith(f"{n} — ") for n in full_only["name"] for line in key["line"])


def test_a_heatmap_of_one_coalition_says_so(matrices):
    one = matrices.combined().iloc[:1, :1]
    spec = figures.heatmap_chart(one, matrices.coalitions["label"], "Combined").to_dict()
    assert "Fewer than two coalitions" in data_of(spec, spec)["message"][0]


# --- the network ---------------------------------------------------------------------------

def test_network_points_stay_put_as_the_threshold_moves(db):
    everyone = O.membership_network(db, min_coalitions=1).nodes.set_index("node")
    busy = O.membership_network(db, min_coalitions=2).nodes.set_index("node")
    assert 0 < len(busy) < len(everyone)
    both = busy.index
    pd.testing.assert_frame_equal(busy[["x", "y"]], everyone.loc[both, ["x", "y"]])


def test_network_labels_never_overlap_and_every_coalition_is_named(db):
    for threshold in (1, 2):
        nodes = O.membership_network(db, min_coalitions=threshold).nodes
        placed = figures.network_labels(nodes)
        boxes = [figures.Box(*row) for row in
                 placed[["left", "top", "right", "bottom"]].itertuples(index=False)]
        for one, other in itertools.combinations(boxes, 2):
            assert not one.overlaps(other), (one, other)
        assert all(b.left >= 0 and b.top >= 0 and b.right <= figures.NETWORK_WIDTH
                   and b.bottom <= figures.NETWORK_HEIGHT for b in boxes)
        coalitions = set(nodes.loc[nodes["kind"] == "coalition", "node"])
        assert coalitions <= set(placed["node"])


def row_of_coalitions(labels: list[str], apart: float) -> pd.DataFrame:
    """Coalitions of one size in a row across the middle of the chart, *apart* px from
    each other (the domain below maps data to pixels one to one)."""
    return pd.DataFrame({"node": labels, "label": labels, "kind": "coalition", "size": 5,
                         "x": [400 + i * apart for i in range(len(labels))],
                         "y": figures.NETWORK_HEIGHT / 2})


PIXELS = ((0, figures.NETWORK_WIDTH), (0, figures.NETWORK_HEIGHT))


def drawn_box(label) -> figures.Box:
    """The box the label's text takes when drawn: its measured width about its centre."""
    centre, half = (label.left + label.right) / 2, text_width.text_width(label.text, figures.FONT_SIZE) / 2
    return figures.Box(centre - half, label.top, centre + half, label.bottom)


def test_capital_heavy_short_names_side_by_side_do_not_touch():
    # 36 px apart: wider than 0.6 em a letter says two of these names need, narrower than
    # their capitals take ("FCWC" is 47 px at 16 px, not 38).
    nodes = row_of_coalitions(["FCWC", "TPP", "WMMW"], apart=36)
    placed = figures.network_labels(nodes, domain=PIXELS)
    assert set(placed["node"]) == {"FCWC", "TPP", "WMMW"}
    boxes = [drawn_box(label) for label in placed.itertuples()]
    for one, other in itertools.combinations(boxes, 2):
        assert not one.overlaps(other), (one, other)
    # The boxes the placement kept clear of each other are the drawn ones.
    for label, box in zip(placed.itertuples(), boxes):
        assert label.right - label.left >= box.right - box.left - 0.01


def test_the_width_table_is_the_fonts_own():
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.exists():
        pytest.skip("DejaVu Sans is not installed here (Debian: fonts-dejavu-core)")
    spec = importlib.util.spec_from_file_location(
        "font_widths", Path(__file__).resolve().parents[1] / "scripts" / "font_widths.py")
    font_widths = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(font_widths)
    assert font_widths.table_from_font(font) == text_width.ADVANCES
    # why a share of the font size per letter (0.6) was too little for capitals
    assert text_width.EM["W"] > 0.6 * 1.5


# Real coalitions' and partners' names as they write them (Northern Kentucky, Cincinnati,
# Louisville): the longest take two lines of a key's column.
LONG_NAMES = {
    "NKY ASAP": "Northern Kentucky Agency for Substance Abuse Policy",
    "BCAHY": "Boone County Alliance for Healthy Youth",
    "KCASAP": "Kenton County Alliance to Prevent Substance Abuse",
    "Success By 6": "Success By 6 of United Way of Greater Cincinnati",
    "NKYEC": "Northern Kentucky Education Council",
    "CCPIP": "Campbell County Partners in Prevention",
    "Strive": "StrivePartnership",
    "LMPHW": "Louisville Metro Department of Public Health and Wellness",
}


def key_lines(key: alt.Chart) -> pd.DataFrame:
    spec = key.to_dict()
    return data_of(spec, spec)


@pytest.mark.parametrize("space", [figures.KEY_SPACE, 500])
def test_the_key_fits_its_width_and_keeps_every_word(space):
    labels = pd.Series(list(LONG_NAMES))
    key = figures.name_key(labels, pd.Series(list(LONG_NAMES.values())), space)
    lines, size = key_lines(key), key.to_dict()
    assert size["width"] <= space
    ends = lines["x"] + lines["line"].map(lambda t: text_width.text_width(t, figures.FONT_SIZE))
    assert (ends <= size["width"]).all()
    assert (lines["y"] < size["height"]).all()
    drawn = " ".join(lines.sort_values(["column", "row"])["line"])
    for short, full in LONG_NAMES.items():
        assert f"{short} — {full}" in drawn  # wrapped, never cut
    assert lines["column"].nunique() == (2 if space == figures.KEY_SPACE else 1)


def test_the_heatmaps_key_is_below_it_within_the_chart_column(matrices):
    spec = heatmap(matrices)
    assert "vconcat" in spec  # below: beside it, the answer column cut it at 1280×720
    key = spec["vconcat"][-1]
    names = matrices.coalitions["label"]
    # The key starts right of the names on the squares' left.
    assert figures._axis_width(list(names)) + key["width"] <= figures.KEY_SPACE


def test_network_tooltips_and_key_give_full_names_and_the_size_legend_starts_above_zero(db):
    network = O.membership_network(db, min_coalitions=2)
    spec = figures.network_chart(network).to_dict()
    points = next(p for p in layers(spec) if p.get("mark", {}).get("type") == "point")
    assert points["encoding"]["tooltip"][0]["field"] == "full_name"
    shown = data_of(spec, points)
    assert "Alpha Early Learning" in set(shown["full_name"])
    key = data_of(spec, layers(spec)[-1])
    assert "ALPHA — Alpha Early Learning" in set(key["line"])
    legend = points["encoding"]["size"]["legend"]
    assert min(legend["values"]) == shown.loc[shown["size"] > 0, "size"].min() > 0


def test_a_network_nobody_reaches_says_so(db):
    network = O.membership_network(db, min_coalitions=99)
    spec = figures.network_chart(network).to_dict()
    assert "lower the threshold" in data_of(spec, layers(spec)[0])["message"][0]


# --- numbers and empty charts ----------------------------------------------------------------

def test_burden_hours_read_without_trailing_zeros(db):
    burden = O.meeting_burden(db)
    spec = figures.burden_chart(burden.organisations, "organisation", "Burden").to_dict()
    encoding = spec["encoding"]
    assert encoding["x"]["axis"]["format"] == figures.HOURS_FORMAT
    formats = {t["field"]: t.get("format") for t in encoding["tooltip"]}
    assert formats["hours_per_month"] == formats["meetings_per_month"] == figures.HOURS_FORMAT
    assert formats["coalitions"] == "d"


@pytest.mark.parametrize("make, words", [
    (lambda: figures.burden_chart(pd.DataFrame(), "organisation", "Burden"), "No meetings"),
    (lambda: figures.asks_chart(O.AskLoad(pd.DataFrame(), pd.DataFrame(columns=[
        "organisation", "ask_type", "coalitions"]))), "asks of its members"),
])
def test_an_empty_chart_says_why(make, words):
    spec = make().to_dict()
    assert words in data_of(spec, spec)["message"][0]


def test_an_empty_grid_says_why():
    cells = pd.DataFrame(columns=["population", "geography", "count", "coalitions", "part"])
    spec = figures.coverage_chart(cells, "population", "geography").to_dict()
    assert "nothing to draw" in data_of(spec, spec)["message"][0]


def test_every_weight_at_zero_replaces_the_heatmap_with_a_message(db):
    panel = overlap_views.overlap_panel(shell.Workspace(NKY, Path(db), 1))
    sliders = [w for w in walk(panel) if isinstance(w, widgets.FloatSlider)]
    chart = next(w for w in walk(panel) if isinstance(w, alt.JupyterChart))
    assert "Combined" in json.dumps(chart.spec)
    for slider in sliders:
        slider.value = 0
    assert "Every weight is at 0" in json.dumps(chart.spec)
    sliders[0].value = 0.5
    assert "Every weight is at 0" not in json.dumps(chart.spec)


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


# --- the Kumu export ---------------------------------------------------------------------------

def test_kumu_elements_carry_full_names_and_the_short_ones_beside(db):
    sheet = load_workbook(io.BytesIO(E.kumu_workbook(O.membership_network(db))))["Elements"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    alpha = next(r for r in rows if r["Label"] == "Alpha Early Learning")
    assert alpha["Short name"] == "ALPHA" and alpha["Type"] == "Coalition"
    assert "ALPHA" not in {r["Label"] for r in rows}
