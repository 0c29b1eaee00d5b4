"""Handouts: the comparison and overlap workbooks, the Kumu spreadsheet, chart images,
the download link and ``python -m workbook export``.

The community is the four hand-worked coalitions of builders.py plus one whose short
name is also an organisation's name, which Kumu could not tell apart.
"""
from __future__ import annotations

import base64
import datetime
import html
import io
import re
import struct
import subprocess
import sys

import altair as alt
import pandas as pd
import pytest
import vl_convert
from defusedxml import ElementTree
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock

from workbook import exports as E
from workbook.tasks import overlaps as O

from workbook.sample.database import build_database

from .builders import (ALPHA, BETA, CLUB, DELTA, FOOD_BANK, FOUNDATION, GAMMA, HEALTH, LIBRARY,
                       SCHOOLS)
from .conftest import ROOT

# Labelled "Food Bank", like the organisation.
EPSILON = {
    "name": "Food Bank Partners", "short_name": FOOD_BANK, "lead": FOOD_BANK,
    "cadence": "Monthly", "hours": 1.0, "geographies": ["Calder County"],
    "members": [(FOOD_BANK, "Joe Fox", "Chair", None), (SCHOOLS, "Pat Kim", "Member", None)],
}
A, B, C, D, E_ID = 1, 2, 3, 4, 5
FIRST_FIELD_ROW = E.FIRST_COMPARISON_ROW
HEADER_ROW = FIRST_FIELD_ROW - 1
SHARED_COLOUR = "00CCE3F5"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_database(tmp_path_factory.mktemp("exports") / "tiny.db",
                          [ALPHA, BETA, GAMMA, DELTA, EPSILON])


@pytest.fixture(scope="module")
def matrices(db):
    return O.overlap_matrices(db)


@pytest.fixture(scope="module")
def exported(db, tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    return out, E.export_all(db, out)


def opened(data: bytes, rich_text: bool = False):
    return load_workbook(io.BytesIO(data), rich_text=rich_text)


def row_values(sheet, row: int) -> list:
    return [c.value for c in sheet[row]]


def compared_short_names(sheet) -> list[str]:
    """The comparison's headings' first lines (the full name follows on the next)."""
    return [str(v).split("\n")[0] for v in row_values(sheet, HEADER_ROW)[1:]]


def column_values(sheet, column: int, first_row: int) -> list:
    return [sheet.cell(row=r, column=column).value for r in range(first_row, sheet.max_row + 1)]


# --- the comparison handout -----------------------------------------------------------

def test_comparison_sheet_has_fields_down_and_coalitions_across(db):
    comparison = O.compare_coalitions(db, [A, B, D])
    sheet = opened(E.comparison_workbook(comparison))[E.COMPARISON_SHEET]
    # Each heading keys its short name to the full name.
    assert row_values(sheet, HEADER_ROW)[1:] == [f"{c['short_name']}\n{c['name']}"
                                                for c in (ALPHA, BETA, DELTA)]
    assert sheet.row_dimensions[HEADER_ROW].height >= 2 * E.LINE_HEIGHT
    labels = [comparison.field_labels[k] for k in comparison.table.index]
    assert column_values(sheet, 1, FIRST_FIELD_ROW) == labels
    members = sheet.cell(row=FIRST_FIELD_ROW + list(comparison.table.index).index("members"),
                         column=2).value
    # Alpha shares the club and the library with Beta, the schools with Delta.
    assert members.split("\n") == [f"● {SCHOOLS}", f"● {CLUB}", HEALTH, f"● {LIBRARY}"]
    assert sheet.cell(row=FIRST_FIELD_ROW, column=2).value == ALPHA["name"]
    budget_row = FIRST_FIELD_ROW + list(comparison.table.index).index("annual_budget")
    assert sheet.cell(row=budget_row, column=2).value == 100000
    assert sheet.cell(row=budget_row, column=3).value == E.BLANK


@pytest.mark.parametrize("chosen", [[A, B], [A, B, D], [D, A], [C, E_ID]])
def test_shared_items_are_marked_by_text_bold_and_fill_exactly_where_compared(db, chosen):
    comparison = O.compare_coalitions(db, chosen)
    sheet = opened(E.comparison_workbook(comparison), rich_text=True)[E.COMPARISON_SHEET]
    marked_somewhere = False
    for offset, key in enumerate(comparison.table.index):
        for position, label in enumerate(comparison.table.columns):
            cell = sheet.cell(row=FIRST_FIELD_ROW + offset, column=position + 2)
            shared = {str(item) for item in comparison.shared.at[key, label]}
            lines = str(cell.value).split("\n")
            marked = {line.removeprefix(E.SHARED_MARK) for line in lines
                      if line.startswith(E.SHARED_MARK)}
            assert marked == shared, (key, label)
            has_fill = cell.fill.fgColor.rgb == SHARED_COLOUR
            assert has_fill == bool(shared), (key, label)
            if shared:
                marked_somewhere = True
                assert isinstance(cell.value, CellRichText)
                bold = {block.text.removeprefix(E.SHARED_MARK) for block in cell.value
                        if isinstance(block, TextBlock) and block.font.b}
                assert bold == shared, (key, label)
    assert marked_somewhere


def test_the_legend_says_what_the_mark_means_and_the_sheet_prints_well(db):
    sheet = opened(E.comparison_workbook(O.compare_coalitions(db, [A, B])))[E.COMPARISON_SHEET]
    assert sheet["A2"].value.startswith(E.SHARED_MARK)
    assert sheet["A2"].fill.fgColor.rgb == SHARED_COLOUR
    assert "also listed by another coalition" in sheet["B2"].value
    assert sheet.freeze_panes == f"B{FIRST_FIELD_ROW}"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert sheet.column_dimensions["B"].width == E.COALITION_COLUMN_WIDTH
    members_row = FIRST_FIELD_ROW + list(O.COMPARISON_FIELDS).index("members")
    assert sheet.row_dimensions[members_row].height >= 4 * E.LINE_HEIGHT  # four members
    assert sheet.cell(row=members_row, column=2).alignment.wrap_text


def test_interview_notes_follow_the_footprint_in_the_right_columns(db):
    comparison = O.compare_coalitions(db, [A, B, D])
    # Columns by id (as workbook.notes gives them) or by label; Delta has none.
    notes = pd.DataFrame({A: ["Open to merging", None], "BETA": ["Wants its own brand", "Yes"]},
                         index=pd.Index(["Open to a shared umbrella?", "Shares data?"]))
    sheet = opened(E.comparison_workbook(comparison, notes))[E.COMPARISON_SHEET]
    heading_row = FIRST_FIELD_ROW + len(comparison.table) + 1
    assert sheet.cell(row=heading_row, column=1).value == E.NOTES_HEADING
    assert row_values(sheet, heading_row + 1)[:4] == [
        "Open to a shared umbrella?", "Open to merging", "Wants its own brand", E.BLANK]
    assert row_values(sheet, heading_row + 2)[:4] == ["Shares data?", E.BLANK, "Yes", E.BLANK]
    without = opened(E.comparison_workbook(comparison, notes.iloc[:0]))[E.COMPARISON_SHEET]
    assert without.max_row == FIRST_FIELD_ROW + len(comparison.table) - 1
    with pytest.raises(ValueError, match="GAMMA"):
        E.comparison_workbook(comparison, pd.DataFrame({"GAMMA": ["?"]}, index=["Q"]))


def test_the_same_comparison_gives_the_same_bytes(db):
    comparison = O.compare_coalitions(db, [A, B])
    assert E.comparison_workbook(comparison) == E.comparison_workbook(comparison)


# --- the overlap tables -----------------------------------------------------------------

def overlap_bytes(db, matrices, weights=None) -> bytes:
    pairs = O.top_pairs(db, O.COMBINED, 10, weights=weights, matrices=matrices)
    return E.overlap_workbook(matrices, pairs, O.meeting_burden(db), O.ask_load(db), weights)


def matrix_cells(sheet, labels: list[str]) -> dict[tuple[str, str], object]:
    header = row_values(sheet, E.FIRST_MATRIX_ROW - 1)[1:]
    assert header == labels
    cells = {}
    for offset, row_label in enumerate(labels):
        row = E.FIRST_MATRIX_ROW + offset
        assert sheet.cell(row=row, column=1).value == row_label
        for position, column_label in enumerate(labels):
            cells[row_label, column_label] = sheet.cell(row=row, column=position + 2).value
    return cells


def test_overlap_workbook_sheets(db, matrices):
    workbook = opened(overlap_bytes(db, matrices))
    assert workbook.sheetnames == [
        "Top pairs", "Combined", "Members", "Goals", "Strategies", "Funders", "Geographies",
        "Populations", "Issue areas", "Meeting burden", "Meeting burden (people)", "Asks"]
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.print_title_rows, sheet.title


def test_every_matrix_is_labelled_with_the_diagonal_blank(db, matrices):
    workbook = opened(overlap_bytes(db, matrices))
    labels = list(matrices.coalitions["label"])
    for dimension in O.DIMENSIONS:
        sheet = workbook[E._dimension_sheet(dimension)]
        cells = matrix_cells(sheet, labels)
        similarity = matrices.labelled(matrices.dimensions[dimension].similarity)
        for (a, b), value in cells.items():
            assert value == (E.BLANK if a == b else pytest.approx(similarity.loc[a, b])), \
                (dimension, a, b)
        assert sheet.conditional_formatting, dimension
    assert matrix_cells(workbook["Members"], labels)["ALPHA", "BETA"] == pytest.approx(2 / 3)
    assert workbook["Members"]["B5"].number_format == "0%"


def test_the_combined_sheet_follows_the_weights(db, matrices):
    members_only = opened(overlap_bytes(db, matrices, {"members": 1}))
    labels = list(matrices.coalitions["label"])
    combined = matrix_cells(members_only["Combined"], labels)
    assert combined["ALPHA", "DELTA"] == pytest.approx(1.0)
    assert "members 100%" in members_only["Combined"]["A2"].value
    by_default = matrix_cells(opened(overlap_bytes(db, matrices))["Combined"], labels)
    assert by_default["ALPHA", "BETA"] == pytest.approx(0.741667, abs=1e-6)


def test_top_pairs_burden_and_asks_tables(db, matrices):
    workbook = opened(overlap_bytes(db, matrices))
    pairs = workbook["Top pairs"]
    header = row_values(pairs, 3)
    assert header[:6] == ["Rank", "Coalition", "and coalition", "Overlap", "Items shared", "Why"]
    assert "From members" in header
    expected = O.top_pairs(db, O.COMBINED, 10, matrices=matrices)
    assert pairs.max_row == 3 + len(expected)
    assert row_values(pairs, 4)[:4] == [1, "ALPHA", "BETA", pytest.approx(expected.at[0, "score"])]
    assert row_values(pairs, 4)[5] == expected.at[0, "reason"]

    burden = workbook["Meeting burden"]
    assert row_values(burden, 3)[:3] == ["Organisation", "Hours a month", "Meetings a month"]
    heaviest = O.meeting_burden(db).organisations.iloc[0]
    assert row_values(burden, 4)[:2] == [SCHOOLS, pytest.approx(heaviest["hours_per_month"])]
    notes = column_values(burden, row_values(burden, 3).index("Note") + 1, 4)
    assert any("assumed" in (n or "") for n in notes)  # Gamma's blank meeting length
    people = workbook["Meeting burden (people)"]
    assert row_values(people, 3)[:2] == ["Person", "Organisations"]

    asks = workbook["Asks"]
    header = row_values(asks, 3)
    assert header[:5] == ["Organisation", "Money", "Data", "Staff time", "Attendance"]
    schools = dict(zip(header, row_values(asks, 4)))
    assert (schools["Organisation"], schools["Data"], schools["Asks"]) == (SCHOOLS, 3, 4)
    assert row_values(asks, 5)[0] == FOUNDATION


# --- Kumu -----------------------------------------------------------------------------

def test_kumu_workbook_elements_and_connections(db):
    network = O.membership_network(db)
    workbook = opened(E.kumu_workbook(network))
    assert workbook.sheetnames == ["Elements", "Connections"]
    elements, connections = workbook["Elements"], workbook["Connections"]
    assert row_values(elements, 1)[:3] == ["Label", "Type", "Description"]
    assert row_values(connections, 1)[:3] == ["From", "To", "Type"]
    labels = column_values(elements, 1, 2)
    assert len(labels) == len(network.nodes)
    assert len(set(labels)) == len(labels)
    ends = column_values(connections, 1, 2) + column_values(connections, 2, 2)
    assert len(ends) == 2 * len(network.edges)
    assert set(ends) <= set(labels)
    # Full names, so the coalition charted as "Food Bank" is not the organisation Food Bank.
    assert {"Food Bank Partners", FOOD_BANK, ALPHA["name"]} <= set(labels)
    assert "ALPHA" not in labels
    roles = {(r[0].value, r[1].value): r[2].value for r in connections.iter_rows(min_row=2)}
    assert roles[LIBRARY, ALPHA["name"]] == "Chair"
    assert roles[SCHOOLS, ALPHA["name"]] == "Steering"  # the most senior of its two seats
    types = dict(zip(labels, column_values(elements, 2, 2)))
    assert types[ALPHA["name"]] == "Coalition" and types[LIBRARY] == "Organisation"
    descriptions = dict(zip(labels, column_values(elements, 3, 2)))
    assert descriptions[SCHOOLS].startswith("Sits on 3 coalitions")


def test_kumu_labels_repeated_within_one_kind_get_their_id():
    nodes = pd.DataFrame({"kind": ["organisation", "organisation", "coalition", "coalition"],
                          "entity_id": [7, 9, 1, 2], "label": ["Hub", "Hub", "Hub", "Alone"]})
    assert E._unique_labels(nodes) == ["Hub (organisation) #7", "Hub (organisation) #9",
                                       "Hub (coalition)", "Alone"]


# --- charts ---------------------------------------------------------------------------

def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_vegalite_version_is_altairs_and_known_to_vl_convert():
    version = E.vegalite_version()
    assert version in vl_convert.get_vegalite_versions()
    assert alt.SCHEMA_VERSION.lstrip("v").startswith(version + ".")


def test_chart_png_and_svg(matrices):
    chart = E.overlap_heatmap(matrices)
    width, height = png_size(E.chart_png(chart, scale=2))
    assert 2 * 360 <= width <= 4000 and 2 * 360 <= height <= 4000
    small_width, _ = png_size(E.chart_png(chart, scale=1))
    assert small_width == pytest.approx(width / 2, abs=2)
    svg = E.chart_svg(chart)
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg")
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "ALPHA" in texts and "74" in texts  # a label and Alpha-Beta's 74%
    assert len(list(root.iter("{http://www.w3.org/2000/svg}path"))) > 5  # the squares


def test_charts_take_the_projector_theme_and_keep_their_own_settings():
    chart = alt.Chart(pd.DataFrame({"a": ["x"], "b": [1]})).mark_bar().encode(x="a:N", y="b:Q")
    spec = E._handout_spec(chart.configure_axis(labelFontSize=30))
    assert spec["config"]["axis"]["labelFontSize"] == 30
    assert spec["config"]["axis"]["titleFontSize"] == E.figures.FONT_SIZE + 2
    assert spec["config"]["range"]["category"] == E.figures.PALETTE


CALDER = "Calder County Coalitions"
DAY = datetime.date(2026, 3, 4)
TODAY_TEXT = f"{datetime.date.today().day} {datetime.date.today():%B %Y}"


def svg_texts(svg: str) -> list[str]:
    """The texts of the chart's title block: its title, then its subtitle lines."""
    root = ElementTree.fromstring(svg)
    parents = {child: parent for parent in root.iter() for child in parent}

    def nested(element) -> bool:  # a title inside a concatenated view: a key's, not the chart's
        while element in parents:
            element = parents[element]
            if "role-scope" in (element.get("class") or "").split():
                return True
        return False

    titles = [g for g in root.iter("{http://www.w3.org/2000/svg}g")
              if (g.get("class") or "").split()[-1:] == ["role-title"] and not nested(g)]
    lines = []
    for text in (t for g in titles for t in g.iter("{http://www.w3.org/2000/svg}text")):
        spans = list(text.iter("{http://www.w3.org/2000/svg}tspan"))
        lines += [s.text for s in spans] if spans else [text.text]
    return [line for line in lines if line]


def test_a_handout_says_whose_it_is_when_and_how_it_was_weighed(matrices):
    weights = {"members": 0.5, "goals": 0.5}
    svg = E.chart_svg(E.overlap_heatmap(matrices, weights),
                      handout=E.Handout(CALDER, DAY, weights, "Filtered: Early childhood"))
    texts = svg_texts(svg)
    assert texts[:4] == ["Combined overlap between coalitions", f"{CALDER} · 4 March 2026",
                         "Weights: members 0.5, goals 0.5", "Filtered: Early childhood"]


def test_a_handout_does_not_repeat_what_its_subtitle_says_and_titles_an_untitled_chart():
    bars = alt.Chart(pd.DataFrame({"a": ["x"], "b": [1]})).mark_bar().encode(x="a:N", y="b:Q")
    titled = bars.properties(title=alt.Title("Asks", subtitle="Weights: members 1"))
    texts = svg_texts(E.chart_svg(titled, handout=E.Handout(CALDER, DAY, {"members": 1})))
    assert texts[:3] == ["Asks", "Weights: members 1", f"{CALDER} · 4 March 2026"]
    assert sum(t.startswith("Weights") for t in texts) == 1
    untitled = svg_texts(E.chart_svg(bars, handout=E.Handout(title="Who is asked")))
    assert untitled[:2] == ["Who is asked", TODAY_TEXT]


def legend_right_edge(svg: str) -> float:
    """Where the legend's box ends, from the left of the picture: the translations of
    every group above it, plus the width of its background."""
    def walk(element, x: float) -> float | None:
        move = re.match(r"translate\(([-\d.]+)", element.get("transform") or "")
        x += float(move.group(1)) if move else 0.0
        if (element.get("class") or "").split()[-1:] == ["role-legend"]:
            inner = element.find("{*}g")
            moved = float(re.match(r"translate\(([-\d.]+)", inner.get("transform")).group(1))
            width = float(re.match(r"M0,0h([\d.]+)", inner.find("{*}path").get("d")).group(1))
            return x + moved + width
        for child in element:
            found = walk(child, x)
            if found is not None:
                return found
        return None
    edge = walk(ElementTree.fromstring(svg), 0.0)
    assert edge is not None, "no legend"
    return edge


def test_a_handout_leaves_room_round_its_legend(matrices):
    svg = E.chart_svg(E.overlap_heatmap(matrices))
    width = float(ElementTree.fromstring(svg).get("width"))
    assert legend_right_edge(svg) <= width - 16  # a margin, not the paper's edge


def test_charts_never_reach_for_remote_data():
    remote = alt.Chart(alt.UrlData("https://example.com/data.csv")).mark_bar().encode(x="a:N")
    with pytest.raises(Exception, match="not allowed"):
        E.chart_svg(remote)


# --- downloads ------------------------------------------------------------------------

def test_download_link_carries_the_file_in_the_page():
    data = bytes(range(256)) * 3
    anchor = E.download_link(data, 'overlaps "2026".xlsx', E.XLSX_MIME, "Download <Excel>")
    match = re.fullmatch(r'<a download="([^"]*)" href="data:([^;"]+);base64,([A-Za-z0-9+/=]+)" '
                         r'style="[^"]+" role="button">(.*)</a>', anchor)
    assert match, anchor
    assert html.unescape(match.group(1)) == 'overlaps "2026".xlsx'
    assert match.group(2) == E.XLSX_MIME
    assert base64.b64decode(match.group(3)) == data
    assert match.group(4) == "Download &lt;Excel&gt;"


# --- everything at once ---------------------------------------------------------------

EVERY_CHART = ["coverage-issue-area-by-population", "coverage-issue-area-by-geography",
               "coverage-population-by-geography", "overlap-heatmap", "membership-network",
               "meeting-burden", "meeting-burden-people", "asks"]


def test_export_all_writes_every_handout(exported):
    out, written = exported
    assert [p.name for p in written] == [
        "overlaps.xlsx", "comparison.xlsx", "kumu.xlsx",
        *(f"{stem}.{suffix}" for stem in EVERY_CHART for suffix in ("png", "svg"))]
    assert all(p.parent == out and p.stat().st_size > 0 for p in written)
    # No coalitions named: the most-overlapping pair, as the dashboard starts.
    comparison = opened((out / "comparison.xlsx").read_bytes())[E.COMPARISON_SHEET]
    assert compared_short_names(comparison) == ["ALPHA", "BETA"]
    ElementTree.fromstring((out / "meeting-burden.svg").read_text())


def test_every_exported_chart_is_titled_with_the_community_and_date(exported):
    out, written = exported
    for svg in [p for p in written if p.suffix == ".svg"]:
        texts = svg_texts(svg.read_text())
        assert texts[0] and texts[0] != "Chart", svg.name  # its own title, first
        assert any(TODAY_TEXT in t for t in texts), svg.name
    heatmap = svg_texts((out / "overlap-heatmap.svg").read_text())
    assert any(t.startswith("Weights: ") for t in heatmap)  # the built-in ones, said
    assert "ALPHA — Alpha Early Learning" in (out / "overlap-heatmap.svg").read_text()  # the key
    burden = svg_texts((out / "meeting-burden.svg").read_text())
    assert not any(t.startswith("Weights: ") for t in burden)  # no weights apply


def test_exports_open_in_libreoffice(exported, soffice, tmp_path):
    out, written = exported
    for workbook in [p for p in written if p.suffix == ".xlsx"]:
        pdf = soffice(workbook, "pdf", tmp_path / "pdf")
        assert pdf.stat().st_size > 1000, workbook.name
        assert pdf.read_bytes()[:5] == b"%PDF-"


def test_parse_weights():
    assert E.parse_weights("members=0.4, goals=0.2,issue areas=1") == {
        "members": 0.4, "goals": 0.2, "issue_areas": 1.0}
    assert E.parse_weights(None) is None and E.parse_weights(" ") is None
    for text, message in [("members", "dimension=number"), ("members=lots", "must be a number"),
                          ("budget=1", "Unknown dimension"), ("members=0", "above 0")]:
        with pytest.raises(E.ExportError, match=message):
            E.parse_weights(text)


def test_coalitions_are_found_by_name_short_name_or_id(db):
    found = E.resolve_coalitions(db, ["alpha", "Beta Ready by Five", "4", " gamma  "])
    assert found == [A, B, D, C]
    with pytest.raises(E.ExportError, match="No coalition called 'Omega'.*ALPHA"):
        E.resolve_coalitions(db, ["ALPHA", "Omega"])


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbook", "export", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_cli_export_end_to_end(db, tmp_path):
    out = tmp_path / "handouts"
    done = run_cli("--db", db, "--out", out, "--coalitions", "ALPHA", "gamma", "4",
                   "--weights", "members=0.5,goals=0.5")
    assert done.returncode == 0, done.stderr
    assert f"Wrote {3 + 2 * len(EVERY_CHART)} files" in done.stdout
    assert "comparison.xlsx" in done.stdout
    comparison = opened((out / "comparison.xlsx").read_bytes())[E.COMPARISON_SHEET]
    assert compared_short_names(comparison) == ["ALPHA", "GAMMA", "DELTA"]
    combined = opened((out / "overlaps.xlsx").read_bytes())["Combined"]
    assert "members 50%, goals 50%" in combined["A2"].value


@pytest.mark.parametrize("args, message", [
    (["--coalitions", "ALPHA", "Nobody"], "No coalition called 'Nobody'"),
    (["--weights", "members=much"], "The weight of members must be a number"),
    (["--weights", "budget=1"], "Unknown dimension"),
])
def test_cli_export_refuses_unknown_coalitions_and_bad_weights(db, tmp_path, args, message):
    done = run_cli("--db", db, "--out", tmp_path / "out", *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert not (tmp_path / "out" / "overlaps.xlsx").exists()


def test_cli_export_help_lists_every_output():
    done = run_cli("--help")
    assert done.returncode == 0
    for name in ["overlaps.xlsx", "comparison.xlsx", "kumu.xlsx",
                 *(f"{stem}.png, {stem}.svg" for stem in EVERY_CHART)]:
        assert name in done.stdout, name


def test_cli_export_without_a_database(tmp_path):
    done = run_cli("--db", tmp_path / "missing.db", "--out", tmp_path / "out")
    assert done.returncode == 2 and "No database" in done.stderr
    assert not (tmp_path / "missing.db").exists()
