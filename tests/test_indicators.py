"""Indicator data (task 3): template from the schema, tolerant reading, the problem report,
loading into tables a checklist load leaves alone."""
from __future__ import annotations

import shutil
import sqlite3

import openpyxl

from workbook import indicators as I
from workbook import schema as S
from workbook import store
from workbook.cli import main
from workbook.intake.limits import MAX_ROWS
from workbook.intake.problems import Code
from workbook.intake.reader import FAILED, LOADED, SKIPPED
from workbook.loading import load_paths
from workbook.notes import write_notes
from workbook.sample import example_indicators
from workbook.templates import list_name

from .builders import codes, problem, rewrite_parts, sheet_part
from .conftest import EXAMPLE

READING = "3rd-grade reading proficiency"
SOURCE = "State assessment, grade 3 ELA (fictional)"


def _row(year, value, **more):
    return {"indicator": READING, "year": year, "value": value, "unit": "Percent",
            "source": SOURCE, **more}


def _values(read) -> list[dict]:
    return [r.values for r in read.tables[I.TABLE]]


# --- the template -----------------------------------------------------------------------

def test_template_headings_dropdowns_and_stamp_come_from_the_schema(tmp_path, community):
    path = I.write_indicator_template(tmp_path / "blank.xlsx", community)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[S.INDICATOR_DATA.title]
    headers = [c.value for c in sheet[S.TABLE_HEADER_ROW]][:len(S.INDICATOR_DATA.fields)]
    assert headers == [f.header for f in S.INDICATOR_DATA.fields]
    assert "Indicator *" in headers and "Year *" in headers
    formulas = {v.formula1 for v in sheet.data_validations.dataValidation}
    assert list_name('goal_units') in formulas
    meta = {row[0].value: row[1].value for row in workbook[S.META_SHEET].iter_rows()}
    assert meta[S.META_FORM_KEY] == S.INDICATOR_DATA_FORM_KIND


def test_cli_writes_the_template_and_a_blank_one_is_skipped(tmp_path, community):
    out = tmp_path / "indicator-data.xlsx"
    assert main(["indicator-template", "--out", str(out)]) == 0
    read = I.read_indicator_file(out, community)
    assert read.status == SKIPPED and codes(read) == [Code.FILE_BLANK_TEMPLATE.name]


# --- reading: round trip and tolerance --------------------------------------------------

def test_round_trip_percent_three_ways_school_years_and_no_answer_yet(tmp_path, community):
    rows = [_row(2019, 40.6), _row("2020-21", "32.8%"), _row(2022, 0.351),
            _row(2023, "TBD"), _row(2024, 38.4, subgroup="English learners",
                                    geography="Calder County", note="Small group")]
    path = I.write_indicator_template(tmp_path / "reading.xlsx", community, rows)
    read = I.read_indicator_file(path, community)
    assert read.status == LOADED
    values = _values(read)
    assert [v["year"] for v in values] == [2019, 2021, 2022, 2023, 2024]
    # 40.6, "32.8%" and a fraction 0.351 (a cell shown as 35.1%) are all on one scale
    assert [v["value"] for v in values] == [40.6, 32.8, 35.1, None, 38.4]
    assert values[0]["subgroup"] == S.WHOLE_POPULATION
    assert values[0]["geography"] == S.WHOLE_COMMUNITY
    assert values[4]["subgroup"] == "English learners"
    assert values[4]["geography"] == "Calder County"
    tbd = problem(read, Code.CELL_EMPTY_MARKER)
    assert (tbd.sheet, tbd.cell) == (S.INDICATOR_DATA.title, "C6")
    school = problem(read, Code.CELL_SCHOOL_YEAR)
    assert school.cell == "B4" and "2021" in school.message


def test_a_file_of_school_years_gets_one_note_not_one_per_cell(tmp_path, community):
    rows = [_row(f"{y - 1}-{y % 100:02d}", 40 + y - 2016) for y in range(2016, 2024)]
    read = I.read_indicator_file(
        I.write_indicator_template(tmp_path / "sy.xlsx", community, rows), community)
    assert Code.CELL_SCHOOL_YEAR.name not in codes(read)
    note = problem(read, Code.INDICATOR_SCHOOL_YEARS)
    assert "8 years" in note.message and "B3" in note.message
    assert [v["year"] for v in _values(read)] == list(range(2016, 2024))


def test_headings_as_state_data_portals_write_them(tmp_path, community):
    """A download pasted as it came: 'School Year', 'Student Group', 'Rate', 'Location'."""
    path = tmp_path / "portal.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Indicator data"
    sheet.append(["Indicator", "School Year", "Student Group", "Location", "Rate", "Unit",
                  "Data source"])
    sheet.append(["4-year high school graduation rate", "2022-23", "Hispanic or Latino",
                  "Easton County", "79.4%", "Percent", "State ACGR file"])
    workbook.save(path)
    read = I.read_indicator_file(path, community)
    assert read.status == LOADED
    (values,) = _values(read)
    assert (values["year"], values["subgroup"], values["geography"], values["value"]) == (
        2023, "Hispanic or Latino", "Easton County", 79.4)
    assert Code.VERSION_MISSING.name in codes(read)  # not our template: said, not refused


# --- problems: file, sheet, cell, what, how to fix ---------------------------------------

def test_bad_cells_are_named_and_rows_without_a_year_are_not_loaded(tmp_path, community):
    rows = [_row(2021, 35.1), _row("twenty-two", 36), {"year": 2023, "value": 37},
            _row(2024, "<10", unit="Count")]
    read = I.read_indicator_file(
        I.write_indicator_template(tmp_path / "bad.xlsx", community, rows), community)
    not_a_year = problem(read, Code.CELL_NOT_A_YEAR)
    assert (not_a_year.cell, not_a_year.field) == ("B4", "Year")
    assert problem(read, Code.ROW_REQUIRED_UNUSABLE).rows_not_loaded == 1
    missing = problem(read, Code.ROW_MISSING_REQUIRED)
    assert missing.cell == "A5" and "Indicator" in missing.message and missing.fix
    # a suppressed small figure stays as typed beside a blank value
    as_text = problem(read, Code.CELL_MEASURE_AS_TEXT)
    assert as_text.cell == "C6"
    kept = [v for v in _values(read) if v["year"] == 2024][0]
    assert kept["value"] is None and kept["value_text"] == "<10"
    assert len(_values(read)) == 2


def test_the_same_figure_twice_across_files_is_reported_and_loaded_once(tmp_path, community):
    I.write_indicator_template(tmp_path / "a.xlsx", community, [_row(2023, 37.9)])
    I.write_indicator_template(tmp_path / "b.xlsx", community,
                               [_row(2023, 38.2), _row(2023, 30.1, subgroup="Black")])
    report = I.load_indicators([tmp_path], tmp_path / "w.db", community)
    duplicate = [p for p in report.problems if p.code == Code.INDICATOR_POINT_DUPLICATE.name]
    assert len(duplicate) == 1
    assert duplicate[0].file.endswith("b.xlsx") and "a.xlsx" in duplicate[0].message
    assert duplicate[0].rows_not_loaded == 1 and duplicate[0].cell == "C3"
    history = I.history(tmp_path / "w.db")
    assert sorted(history["value"]) == [30.1, 37.9]


def test_notes_file_given_as_indicator_data_is_refused_by_kind(tmp_path, example_community):
    notes = write_notes({"coalition_name": "Graduate Riverbend"}, tmp_path / "n.xlsx",
                        example_community)
    read = I.read_indicator_file(notes, example_community)
    assert read.status == FAILED
    assert problem(read, Code.FORM_WRONG_KIND).message


def test_the_shared_reader_limits_apply(tmp_path, community):
    path = I.write_indicator_template(tmp_path / "huge.xlsx", community, [_row(2023, 1)])
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c></row>'
                   for n in range(1, MAX_ROWS + 2))
    xml = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxml'
           f'formats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>')
    rewrite_parts(path, {sheet_part(path, S.INDICATOR_DATA.title): lambda _: xml.encode()})
    read = I.read_indicator_file(path, community)
    assert read.status == FAILED
    assert codes(read) == [Code.FILE_OVER_LIMIT.name]


# --- loading ----------------------------------------------------------------------------

def test_checklist_load_keeps_indicator_tables_and_reload_replaces_them(tmp_path,
                                                                        example_community):
    db = tmp_path / "w.db"
    folder = tmp_path / "ind"
    I.write_indicator_template(folder / "r.xlsx", example_community,
                               [_row(2022, 35.1), _row(2023, 37.9)])
    I.load_indicators([folder], db, example_community)
    load_paths([EXAMPLE / "checklists"], db, example_community)
    assert len(I.history(db)) == 2
    assert "indicator_data" not in store.derived_tables()
    I.write_indicator_template(folder / "r.xlsx", example_community, [_row(2024, 38.4)])
    I.load_indicators([folder], db, example_community)
    assert I.history(db)["year"].tolist() == [2024]
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT COUNT(*) FROM coalitions").fetchone()[0] > 0


def test_cli_load_reports_and_strict_exits_1_on_errors(tmp_path, community, capsys):
    I.write_indicator_template(tmp_path / "x.xlsx", community, [_row("soon", 1)])
    db = tmp_path / "w.db"
    assert main(["load-indicators", str(tmp_path), "--db", str(db)]) == 0
    assert main(["load-indicators", str(tmp_path), "--db", str(db), "--strict"]) == 1
    out = capsys.readouterr().out
    assert "CELL_NOT_A_YEAR" in out and "x.xlsx" in out and "Fix:" in out


def test_example_indicator_files_load_cleanly(tmp_path, example_community):
    files = tmp_path / "ind"
    shutil.copytree(EXAMPLE / "indicators", files)
    report = I.load_indicators([files], tmp_path / "w.db", example_community)
    assert report.errors == 0
    history = I.history(tmp_path / "w.db")
    expected = {i.name for i in example_indicators.PROPOSED_INDICATORS}
    assert set(history["indicator"]) == expected
    # several years and subgroups per indicator, every source marked fictional
    per = history.groupby("indicator").agg(years=("year", "nunique"),
                                           groups=("subgroup", "nunique"))
    assert (per["years"] >= 8).all() and (per["groups"] >= 3).all()
    assert history["source"].str.contains("fictional").all()
    # graduation rates typed as fractions come back on the percent scale
    grad = history[history["indicator"] == "4-year high school graduation rate"]
    assert grad["value"].between(50, 100).all()


def test_committed_example_files_match_their_curated_source(tmp_path, example_community):
    written = example_indicators.build(tmp_path, example_community)
    for path in written:
        assert path.read_bytes() == (EXAMPLE / "indicators" / path.name).read_bytes(), path.name


def test_figures_of_an_indicator_the_room_did_not_adopt_are_named_once(tmp_path, community):
    from workbook.tasks.results.northstar import NEW, HIGHER, SharedIndicator, adopt_indicator
    db = tmp_path / "w.db"
    adopt_indicator(db, SharedIndicator(READING, "Percent", HIGHER, SOURCE, "Region", 38, 2023,
                                        55, 2030, origin=NEW), "facilitator")
    I.write_indicator_template(tmp_path / "in" / "r.xlsx", community, [
        _row(2023, 37.9), {**_row(2023, 36.0), "indicator": "3rd grade reading proficency"},
        {**_row(2024, 36.5), "indicator": "3rd grade reading proficency"}])
    report = I.load_indicators([tmp_path / "in"], db, community)
    (warning,) = [p for p in report.problems if p.code == Code.INDICATOR_NOT_SHARED.name]
    assert "2 rows," in warning.message and "A4" in warning.message
    assert f"Did you mean '{READING}'?" in warning.message
    assert len(I.history(db)) == 3  # loaded all the same


def test_committed_indicator_template_is_up_to_date(tmp_path, example_community):
    from workbook.templates import template_fingerprint
    committed = EXAMPLE.parents[1] / "templates" / "indicator-data-example.xlsx"
    fresh = I.write_indicator_template(tmp_path / "fresh.xlsx", example_community)
    assert template_fingerprint(committed) == template_fingerprint(fresh), (
        "templates/indicator-data-example.xlsx is stale: run `make templates` and commit it")
