"""Small layouts, written as markdown tables in the test: sheets found by their headings,
merged cells, names on one line, checks across rows, close suggestions only."""
from __future__ import annotations

import pytest

from workbook import schema as S
from workbook.intake import rawcells
from workbook.intake.batch import check_paths
from workbook.intake.cells import suggestion
from workbook.intake.problems import Code
from workbook.intake.reader import FAILED, LOADED, read_checklist

from .builders import checklist, codes, markdown_workbook, problem

COALITION = """
| Question                      | Your answer                              |
| ----------------------------- | ---------------------------------------- |
| Coalition name                | Greene County Prevention Coalition       |
| Lead or co-lead organisations | Greene County Educational Service Center |
| Contact name                  | Renee Albright                           |
| Contact email                 | ralbright@greeneesc.org                  |
| Populations served            | Youth 12-17                              |
| Issue areas                   | Youth substance use                      |
| Meeting cadence               | Monthly                                  |
"""
AREAS = """
| Level  | Area          |
| ------ | ------------- |
| County | Greene County |
"""


def test_a_renamed_sheet_is_found_by_its_headings(tmp_path, community):
    path = markdown_workbook(tmp_path / "greene.xlsx", {
        "Coalition": COALITION, "Areas": AREAS, "Partners": """
        | Organisation                      | Sector     | Representative name | Role   |
        | --------------------------------- | ---------- | ------------------- | ------ |
        | Greene County Public Health       | Government | Dr. Kim Rhoads      | Chair  |
        | Xenia Community Schools           | Government | Tom Fiorita         | Member |
        """})
    read = read_checklist(path, community)
    assert read.rows["Members"] == 2
    assert "'Partners' was read as 'Members'" in problem(read, Code.SHEET_MATCHED_BY_HEADINGS).message


def test_a_sheet_that_may_be_a_missing_one_is_an_error_not_a_silent_drop(tmp_path, community):
    path = markdown_workbook(tmp_path / "greene.xlsx", {
        "Coalition": COALITION, "Areas": AREAS, "Partners": """
        | Organisation                      | Type       | Contact         |
        | --------------------------------- | ---------- | --------------- |
        | Greene County Public Health       | Government | Dr. Kim Rhoads  |
        """})
    report = check_paths([path], community)
    error = problem(report.checklists[0], Code.SHEET_NOT_MATCHED)
    assert error.severity == "error" and error.rows_not_loaded == 2
    assert "rename it 'Members'" in error.fix and report.errors >= 1


def test_merged_cells_down_a_column_give_each_row_the_value(tmp_path, community):
    def merge(workbook):
        workbook["Members"].merge_cells("A3:A4")
    members = [{"organisation": "Dayton Public Schools", "representative": "Angela Ruiz"},
               {"representative": "Tom Becker"}]
    read = read_checklist(checklist(tmp_path, rows={"members": members}, edit=merge), community)
    loaded = [r.values["organisation"] for r in read.tables["members"]]
    assert loaded == ["Dayton Public Schools", "Dayton Public Schools"]
    assert problem(read, Code.CELL_MERGED_SPREAD).cell == "A3"


def test_error_cells_and_unsaved_formulas_are_named_not_stored_empty_in_silence(tmp_path,
                                                                                 community):
    def damage(workbook):
        workbook["Goals"]["F3"] = "#DIV/0!"  # openpyxl writes it as an error cell
        workbook["Coalition"]["B14"] = "=B20*12"  # a formula, no saved result
    read = read_checklist(checklist(tmp_path, edit=damage), community)
    assert problem(read, Code.CELL_FORMULA_ERROR).cell == "F3"
    assert "=B20*12" in problem(read, Code.CELL_FORMULA_NO_VALUE).message


def test_a_name_pasted_with_a_line_break_is_kept_on_one_line(tmp_path, community):
    members = [{"organisation": "Boys & Girls Club\nof Dayton", "representative": "Kevin\nO'Neal"}]
    read = read_checklist(checklist(tmp_path, rows={"members": members}), community)
    values = read.tables["members"][0].values
    assert (values["organisation"], values["representative"]) == (
        "Boys & Girls Club of Dayton", "Kevin O'Neal")
    assert codes(read).count(Code.CELL_LINE_BREAK.name) == 2


def test_years_in_the_wrong_order_and_the_same_person_twice(tmp_path, community):
    rows = {"funders": [{"funder": "The Dayton Foundation", "start_year": 2026, "end_year": 2024}],
            "members": [{"organisation": "Dayton Metro Library", "representative": "Marcus Bell"},
                        {"organisation": "Learn to Earn Dayton", "representative": "marcus bell"}]}
    read = read_checklist(checklist(tmp_path, rows=rows), community)
    reversed_ = problem(read, Code.ROW_YEARS_REVERSED)
    assert reversed_.cell == "D3" and "From year 2026 is after To year 2024" in reversed_.message
    twice = problem(read, Code.ROW_DUPLICATE_PERSON)
    assert twice.cell == "C4" and "Dayton Metro Library" in twice.message
    assert read.rows["Members"] == 2  # both rows kept


def test_placeholders_for_residents_are_not_the_same_person_twice(tmp_path, community):
    rows = {"members": [{"organisation": "Resident", "representative": "Self"},
                        {"organisation": "Parent", "representative": "self"}]}
    assert Code.ROW_DUPLICATE_PERSON.name not in codes(
        read_checklist(checklist(tmp_path, rows=rows), community))


def test_a_rejected_goal_does_not_make_strategies_say_it_is_not_on_the_sheet(tmp_path,
                                                                             community):
    goals = [{"goal_id": "G1", "issue_area": "Early childhood"},
             {"goal_id": "G2", "statement": "More families read together",
              "issue_area": "Early childhood"}]
    strategies = [{"strategy": "Reach Out and Read", "goal_ids": "G1; G2",
                   "strategy_type": "Direct service"}]
    read = read_checklist(checklist(tmp_path, rows={"goals": goals, "strategies": strategies}),
                          community)
    assert Code.CELL_UNKNOWN_GOAL.name not in codes(read)
    assert "Goals row 3, which was not loaded" in problem(read, Code.CELL_GOAL_NOT_LOADED).message
    assert read.tables["strategies"][0].values["goal_ids"] == ["G2"]


def test_the_same_coalition_twice_loads_once_and_names_both_files(tmp_path, community):
    checklist(tmp_path, "MCELC.xlsx", coalition={"completed_on": "2026-09-30"})
    checklist(tmp_path, "MCELC v2 FINAL.xlsx", coalition={"completed_on": "2026-10-14"})
    report = check_paths([tmp_path], community)
    by_name = {c.path.name: c for c in report.checklists}
    assert by_name["MCELC v2 FINAL.xlsx"].status == LOADED
    assert by_name["MCELC.xlsx"].status == FAILED
    error = problem(by_name["MCELC.xlsx"], Code.FILE_DUPLICATE_COALITION)
    assert "MCELC v2 FINAL.xlsx" in error.message and error.file.endswith("MCELC.xlsx")


def test_a_blank_template_is_skipped_with_a_note(tmp_path, community):
    from workbook.templates import write_template
    report = check_paths([write_template(tmp_path / "checklist.xlsx", community)], community)
    assert [p.code for p in report.problems] == [Code.FILE_BLANK_TEMPLATE.name]
    assert report.loaded == [] and report.errors == 0


def test_a_sheet_too_big_for_memory_is_refused_even_past_the_package_scan(tmp_path, community,
                                                                          monkeypatch):
    path = checklist(tmp_path)
    monkeypatch.setattr(rawcells, "MAX_GRID_CELLS", 20)  # as an .xls file's grid would be
    read = read_checklist(path, community)
    assert read.status == FAILED and codes(read) == [Code.FILE_OVER_LIMIT.name]


@pytest.mark.parametrize("typed, listed, offered", [
    ("Monthy", S.DEFAULT_VOCABULARIES["cadences"], "Monthly"),
    ("quartely", S.DEFAULT_VOCABULARIES["cadences"], "Quarterly"),
    ("Ashferd County", ("Ashford County", "Bell County"), "Ashford County"),
    ("Early childhood education", S.DEFAULT_VOCABULARIES["issue_areas"], "Early childhood"),
    ("5 lunch meetings a year", S.DEFAULT_VOCABULARIES["cadences"], None),
    ("MVRPC", ("Montgomery County", "Greene County", "Miami County", "Region-wide"), None),
    ("Tri-County", ("Montgomery County", "Greene County", "Miami County"), None),
])
def test_did_you_mean_only_when_really_close(typed, listed, offered):
    said = suggestion(typed, listed)
    assert said == (f" Did you mean '{offered}'?" if offered else "")
