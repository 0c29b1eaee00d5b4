"""Dashboards right at a glance: filtered squares are not gaps, counts are whole numbers,
handouts hold the view on screen, and the load report speaks plainly (issue 7, items 1, 4).

The coverage grids use the Northern Kentucky community of test_trains; the load report
uses a copy of the example community's checklists, loaded the way `make workshop` does.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import ipywidgets as widgets
import pandas as pd
import pytest

from workbook.community import load_community
from workbook.intake.problems import Code
from workbook.loading import load_paths
from workbook import numbers_text as numbers
from workbook.tasks import trains
from workbook import figures
from workbook.views import inventory, overlaps, shell
from workbook.views import trains as train_views
from workbook.views.downloads import CHANGED, DownloadPanel

from .conftest import EXAMPLE
from workbook.sample.database import build_database
from .test_trains import BOONE, CAMPBELL, COALITIONS, KENTON, NKY, cell


@pytest.fixture(scope="module")
def nky_db(tmp_path_factory):
    return build_database(tmp_path_factory.mktemp("views") / "nky.db", COALITIONS)


def grid(db, rows: str, columns: str, filters: trains.Filters = trains.Filters()) -> pd.DataFrame:
    footprints = trains.footprints(db, NKY)
    return trains.coverage_cells(footprints.values, rows, columns, footprints.axes[rows],
                                 footprints.axes[columns], filters)


# --- filtered is not a gap ------------------------------------------------------------------

def test_squares_outside_the_filters_are_filtered_not_gaps(nky_db):
    youth_in_kenton = trains.Filters(populations=("Youth 12-17",), geographies=(KENTON,))
    cells = grid(nky_db, "population", "geography", youth_in_kenton)
    inside = cell(cells, "population", "Youth 12-17", "geography", KENTON)
    assert not inside["filtered"] and not inside["gap"] and inside["count"] == 2
    # the workforce partnership (adults, region-wide) works in Boone: not a gap, only unseen
    boone_adults = cell(cells, "population", "Adults", "geography", BOONE)
    assert boone_adults["filtered"] and not boone_adults["gap"]
    assert boone_adults["coalitions"] == [] and boone_adults["count"] == 0
    assert cells.loc[cells["filtered"], "gap"].sum() == 0
    assert set(cells.loc[~cells["filtered"], "population"]) == {"Youth 12-17"}
    assert set(cells.loc[~cells["filtered"], "geography"]) == {KENTON}


def test_with_no_filter_every_empty_square_is_a_gap(nky_db):
    cells = grid(nky_db, "issue_area", "geography")
    assert not cells["filtered"].any()
    assert (cells["gap"] == (cells["count"] == 0)).all()
    counts = trains.coverage_counts(cells)
    assert counts.filtered == 0 and counts.gaps == int((cells["count"] == 0).sum())


def test_a_filter_on_a_dimension_off_the_grid_leaves_every_square_in_view(nky_db):
    """Filtering by county on an issue × population grid narrows the coalitions, not the
    squares: an empty square there is a real gap in that county."""
    cells = grid(nky_db, "issue_area", "population", trains.Filters(geographies=(CAMPBELL,)))
    assert not cells["filtered"].any()
    public_safety = cell(cells, "issue_area", "Public safety", "population", "Adults")
    assert public_safety["coalitions"] == ["Newport Neighborhood Safety Partnership"]
    assert cell(cells, "issue_area", "Youth substance use", "population", "Youth 12-17")["gap"]


def test_the_grid_opens_on_a_gap_in_view_never_on_a_filtered_square(nky_db):
    cells = grid(nky_db, "population", "geography",
                 trains.Filters(populations=("Youth 12-17",), geographies=(KENTON, BOONE)))
    first = trains.first_cell_to_discuss(cells)
    assert (first["population"], first["geography"]) == ("Youth 12-17", BOONE)
    assert first["gap"]
    everything_filtered = cells.assign(filtered=True)
    assert trains.first_cell_to_discuss(everything_filtered) is None


def test_filters_are_described_for_the_summary_and_subtitle():
    assert trains.Filters().describe() == ""
    said = trains.Filters(populations=("Prenatal to 5",), geographies=(KENTON, BOONE)).describe()
    assert said == f"Population: Prenatal to 5 · Geography: {KENTON}, {BOONE}"


def _layer_data(chart) -> pd.DataFrame:
    return chart.data if isinstance(chart.data, pd.DataFrame) else chart.layer[0].data


def test_the_chart_never_labels_a_filtered_square_gap(nky_db):
    filters = trains.Filters(populations=("Youth 12-17",), geographies=(KENTON,))
    cells = grid(nky_db, "population", "geography", filters)
    chart = figures.coverage_chart(cells, "population", "geography", scope=filters.describe())
    data = _layer_data(chart)
    assert (data.loc[data["filtered"], "label"] == figures.FILTERED_MARK).all()
    assert "gap" not in set(data.loc[data["filtered"], "label"])
    assert set(data.loc[data["gap"], "label"]) <= {"gap"}
    spec = chart.to_dict()
    assert spec["title"]["subtitle"] == filters.describe()
    # the filtered squares have a layer of their own, drawn white with a dashed edge
    outside = [layer for layer in spec["layer"] if layer["mark"].get("strokeDash")]
    assert outside and outside[0]["mark"]["fill"] == "white"


def test_the_summary_says_what_is_filtered_and_counts_only_squares_in_view(nky_db):
    footprints = trains.footprints(db := nky_db, NKY)
    filters = trains.Filters(populations=("Youth 12-17",))
    cells = trains.coverage_cells(footprints.values, "population", "geography",
                                  footprints.axes["population"], footprints.axes["geography"],
                                  filters)
    said = train_views.coverage_summary(cells, "population", "geography", footprints, filters)
    in_view = cells[~cells["filtered"]]
    assert "Filtered</b> to Population: Youth 12-17" in said
    assert f"<b>{int(in_view['gap'].sum())}</b> of {len(in_view)} squares in view" in said
    assert f"{int(cells['filtered'].sum())} squares are outside the filter" in said
    assert trains.history.shown_coalitions(db).note.capitalize() in \
        train_views.coverage_scope(filters, footprints)


# --- whole numbers -----------------------------------------------------------------------------

@pytest.mark.parametrize("value, shown", [(17.0, "17"), (1250.0, "1,250"), (1.5, "1.5"),
                                          (0.0, "0"), (None, ""), (float("nan"), "")])
def test_counts_are_whole_numbers_and_unknown_is_blank(value, shown):
    assert numbers.number_text(value) == shown


def test_money_staff_and_years_read_as_the_checklist_said():
    assert numbers.money_text(125000.0) == "$125,000"
    assert numbers.money_text(2500.5) == "$2,500.50"
    assert numbers.fte_text(0.0) == "0 FTE" and numbers.fte_text(1.5) == "1.5 FTE"
    assert numbers.field_text("year_founded", 2011.0) == "2011"
    assert numbers.field_text("annual_budget", 185000.0) == "$185,000"
    assert numbers.field_text("mission", "Every child ready") == "Every child ready"


def test_a_table_with_blanks_shows_no_trailing_point_zero():
    frame = pd.DataFrame({"coalition": ["Covington Youth Council", "Erlanger Reads"],
                          "goals": [17.0, None], "annual_budget": [125000.0, None],
                          "year_founded": [2009.0, None]})
    text = inventory.table_html(frame)
    assert ".0<" not in text and "nan" not in text
    assert ">17<" in text and "$125,000" in text and ">2009<" in text


@pytest.mark.parametrize("most", [0, 1, 2, 3, 7, 12, 40])
def test_legend_values_are_whole_numbers_ending_on_the_largest(most):
    ticks = numbers.whole_ticks(most)
    assert all(isinstance(t, int) for t in ticks)
    assert ticks[0] == 0 and ticks[-1] == most and ticks == sorted(set(ticks))


def test_the_coverage_legend_shows_no_half_coalitions(nky_db):
    cells = grid(nky_db, "population", "geography")  # counts in part shade by halves
    assert cells["part"].apply(len).any()
    spec = figures.coverage_chart(cells, "population", "geography").to_dict()
    legend = spec["layer"][0]["encoding"]["color"]["legend"]
    assert legend["format"] == "d"
    assert all(float(v).is_integer() for v in legend["values"])


# --- downloads hold the view on screen -----------------------------------------------------------

def test_a_download_panel_withdraws_its_links_when_the_view_changes():
    views = iter(["first view", "second view"])
    panel = DownloadPanel("Save", lambda: f"<a>{next(views)}</a>")
    panel.withdraw()  # nothing offered yet: nothing to take back
    assert panel.links.value == ""
    panel.button.click()
    assert panel.links.value == "<a>first view</a>"
    panel.withdraw()
    assert "first view" not in panel.links.value and "press the button again" in panel.links.value
    panel.button.click()
    assert panel.links.value == "<a>second view</a>"
    panel.available(False)  # e.g. every weight at zero: no chart to save
    panel.button.click()
    assert panel.button.disabled and "second view" not in panel.links.value


def _downloads(widget) -> list[DownloadPanel]:
    found = [widget] if isinstance(widget, DownloadPanel) else []
    for child in getattr(widget, "children", ()):
        found += _downloads(child)
    return found


def _svg_in(link_html: str) -> str:
    import base64
    match = re.search(r'href="data:image/svg\+xml;base64,([^"]+)"', link_html)
    assert match, link_html[:200]
    return base64.b64decode(match.group(1)).decode("utf-8")


@pytest.fixture(scope="module")
def nky_workspace(nky_db):
    return shell.Workspace(NKY, Path(nky_db))


def test_after_a_new_grid_the_handout_holds_the_new_grid(nky_workspace):
    panel = train_views.coverage_panel(nky_workspace)
    download = _downloads(panel)[0]
    download.button.click()
    assert "Youth substance use" in _svg_in(download.links.value)  # issue × population
    grid_choice = next(c for c in panel.children if isinstance(c, widgets.ToggleButtons))
    grid_choice.value = "Population × geography"
    assert "data:" not in download.links.value and CHANGED in download.links.value
    download.button.click()
    svg = _svg_in(download.links.value)
    assert KENTON in svg and "Youth substance use" not in svg


def test_the_comparison_download_follows_the_coalitions_compared(nky_workspace):
    panel = overlaps.comparison_panel(nky_workspace)
    download = _downloads(panel)[0]
    picker = next(c for c in panel.children if isinstance(c, widgets.SelectMultiple))
    download.button.click()
    assert "comparison.xlsx" in download.links.value
    picker.value = ()
    assert download.button.disabled and "comparison.xlsx" not in download.links.value
    picker.value = tuple(option[1] for option in picker.options[:3])
    assert not download.button.disabled


def test_the_comparison_headings_give_each_short_name_its_full_name(nky_workspace):
    compared = overlaps.comparison_panel(nky_workspace)
    picker = next(c for c in compared.children if isinstance(c, widgets.SelectMultiple))
    picker.value = tuple(option[1] for option in picker.options[:3])
    table = compared.data["table"]
    page = next(c for c in compared.children if isinstance(c, widgets.HTML)
                and "wb-compare" in c.value).value
    heading_row = re.search(r"<tr>(.*?)</tr>", page).group(1)
    keyed = [label for label in table.columns if table.at["name", label] != label]
    assert keyed, "every coalition compared goes by its full name: nothing to key"
    for label in keyed:
        assert f'<b>{label}</b><span class="wb-full-name">{table.at["name", label]}</span>' \
            in heading_row


def test_the_analyst_reads_what_the_room_sees_after_each_choice(nky_workspace):
    grid = train_views.coverage_panel(nky_workspace)
    filters = [c for c in widgets_in(grid) if isinstance(c, widgets.SelectMultiple)]
    population = next(f for f in filters if f.description == figures.LABELS["population"])
    population.value = population.options[:1]
    assert grid.choices["filters"]["population"] == population.options[:1]
    cells = grid.data["cells"]
    assert set(cells.loc[~cells["filtered"], "population"]) == set(population.options[:1])

    compared = overlaps.comparison_panel(nky_workspace)
    picker = next(c for c in compared.children if isinstance(c, widgets.SelectMultiple))
    picker.value = tuple(option[1] for option in picker.options[:3])
    assert list(compared.choices["compared"]) == list(picker.value)
    assert compared.data["table"].shape[1] == 3

    heatmap = overlaps.overlap_panel(nky_workspace)
    members = next(c for c in widgets_in(heatmap) if isinstance(c, widgets.FloatSlider)
                   and c.description == overlaps.DIMENSION_LABELS["members"])
    members.value = 1.0
    assert heatmap.choices["weights"]["members"] == 1.0
    assert {"matrix", "pairs"} <= set(heatmap.data)


def widgets_in(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from widgets_in(child)


# --- the load report, for people -----------------------------------------------------------------

@pytest.fixture(scope="module")
def loaded_copy(tmp_path_factory):
    """Four of the example checklists, one with an error, in a community folder of its own."""
    folder = tmp_path_factory.mktemp("report") / "riverbend"
    (folder / "checklists").mkdir(parents=True)
    shutil.copy(EXAMPLE / "community.toml", folder / "community.toml")
    for path in sorted((EXAMPLE / "checklists").glob("*.xlsx"))[:3] + \
            sorted((EXAMPLE / "checklists").glob("14-*.xlsx")):
        shutil.copy(path, folder / "checklists" / path.name)
    community = load_community(folder)
    load_paths([community.checklists_dir.resolve()], community.database_path, community)
    return community


def test_report_rows_name_files_relative_to_the_community_folder(loaded_copy):
    rows = trains.report_rows(loaded_copy.database_path, loaded_copy.folder)
    assert not rows.empty
    assert all(f.startswith("checklists/") for f in rows["file"]), rows["file"].tolist()
    folder = str(loaded_copy.folder.resolve())
    assert not any(folder in str(v) for v in rows.to_numpy().ravel())


def test_report_rows_say_the_problem_in_words_not_codes(loaded_copy):
    rows = trains.report_rows(loaded_copy.database_path, loaded_copy.folder)
    codes = set(trains.load_problems(loaded_copy.database_path)["code"])
    assert set(rows["problem"]) == {Code[c].title for c in codes}
    assert not set(rows["problem"]) & codes
    assert "code" not in rows.columns
    assert set(rows["severity"]) <= {"Error", "Warning"}


def test_a_path_loaded_from_elsewhere_is_still_shown_from_the_community_folder(tmp_path):
    folder = tmp_path / "northern-kentucky"
    assert trains.shown_path(str(folder / "checklists" / "kcsap.xlsx"), folder) == \
        "checklists/kcsap.xlsx"
    # loaded from the repository root, read from a notebook folder
    assert trains.shown_path("data/northern-kentucky/checklists/kcsap.xlsx", folder) == \
        "checklists/kcsap.xlsx"
    assert trains.shown_path("/elsewhere/aliases.csv", folder) == "/elsewhere/aliases.csv"


def test_the_load_time_is_shown_in_local_time():
    stamp = "2026-11-29T21:28:04+00:00"
    assert trains.local_time_text(stamp, ZoneInfo("America/Chicago")) == \
        "Sunday 29 November 2026, 15:28"
    assert trains.local_time_text(stamp, ZoneInfo("America/Los_Angeles")).endswith("13:28")
    assert trains.local_time_text("not a time") == "not a time"


def test_the_report_page_uses_plain_words_local_time_and_scrolls_in_its_panel(loaded_copy):
    workspace = shell.Workspace(loaded_copy, loaded_copy.database_path)
    shown = inventory.load_report(workspace).value
    assert "ROW_MISSING_REQUIRED" not in shown and Code.ROW_MISSING_REQUIRED.title in shown
    assert str(loaded_copy.folder.resolve()) not in shown
    stamp = trains.load_summary(loaded_copy.database_path)["loaded_at"]
    assert trains.local_time_text(stamp) in shown and "+00:00" not in shown
    assert 'class="wb-report"' in shown and "overflow-y: auto" in shown
    assert "table-layout: fixed" in shown  # the Fix column wraps instead of running off


@pytest.mark.parametrize("summary, worst", [
    ({"errors": 1, "warnings": 21}, trains.ERRORS), ({"errors": 0, "warnings": 3}, trains.WARNINGS),
    ({"errors": 0, "warnings": 0}, trains.CLEAN), ({}, trains.CLEAN)])
def test_the_badge_takes_the_worst_problem(summary, worst):
    assert trains.worst_problem(summary) == worst


def test_the_badge_is_coloured_and_marked_by_its_worst_problem(loaded_copy):
    workspace = shell.Workspace(loaded_copy, loaded_copy.database_path)
    badge = shell.quality_badge(workspace)
    accordion = next(c for c in badge.children if isinstance(c, widgets.Accordion))
    worst = trains.worst_problem(trains.load_summary(loaded_copy.database_path))
    assert worst == trains.ERRORS  # checklist 14 has a row missing its goal statement
    assert f"wb-badge-{worst}" in accordion._dom_classes
    assert accordion.titles[0].startswith(shell.BADGE_MARKS[worst])
    fill, _ink = shell.BADGE_COLOURS[worst]
    style = next(c for c in badge.children if isinstance(c, widgets.HTML)).value
    assert f".wb-badge-{worst}" in style and fill in style
    assert len({fill for fill, _ in shell.BADGE_COLOURS.values()}) == 3


def test_the_report_escapes_what_a_checklist_typed(loaded_copy, tmp_path):
    import sqlite3
    db = tmp_path / "hostile.db"
    shutil.copy(loaded_copy.database_path, db)
    hostile = '<img src=x onerror=alert(1)>'
    with sqlite3.connect(db) as connection:
        connection.execute(
            "INSERT INTO problems (severity, code, file, sheet, cell, field, message, fix, row, "
            "rows_not_loaded) VALUES ('warning', 'CELL_CASE_FIXED', ?, ?, 'B2', 'Name', ?, ?, 2, 0)",
            (str(loaded_copy.folder / "checklists" / f"{hostile}.xlsx"), hostile,
             f"'{hostile}' was read as 'x'.", "Nothing to do."))
    workspace = shell.Workspace(loaded_copy, db)
    shown = inventory.load_report(workspace).value
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown and "<img" not in shown
