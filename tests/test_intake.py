"""Reading filled checklists: tolerant, every problem named, nothing lost."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from workbook import schema as S
from workbook.intake import files as intake_files
from workbook.intake.batch import check_paths
from workbook.intake.problems import Code
from workbook.intake.reader import FAILED, LOADED, SKIPPED, read_checklist

from .builders import (ASHFORD_COALITION, ASHFORD_ROWS, ashford_checklist, codes, problem,
                       rewrite_parts, sheet_part)


def form_row(field_name: str) -> int:
    """The template's row for a Coalition form field."""
    return S.FORM_FIRST_ROW + [f.name for f in S.COALITION.fields].index(field_name)


# --- the clean path -------------------------------------------------------------

def test_filled_template_loads_every_value(tmp_path, community):
    checklist = read_checklist(ashford_checklist(tmp_path), community)
    assert checklist.status == LOADED
    assert [p for p in checklist.problems if p.severity == "error"] == []
    assert checklist.schema_version == S.SCHEMA_VERSION
    values = checklist.coalition.values
    assert values["name"] == ASHFORD_COALITION["name"]
    assert values["populations"] == ["Prenatal to 5", "Families"]
    assert values["staff_fte"] == 1.5 and values["year_founded"] == 2015
    assert checklist.rows == {"Coalition": 1, "Areas": 1, "Bodies": 0, "Goals": 2,
                              "Strategies": 1, "Members": 2, "Funders": 1, "Asks": 1}
    goal = checklist.tables["goals"][0]
    assert goal.values["baseline_value"] == 45 and goal.row == S.TABLE_FIRST_DATA_ROW
    assert checklist.tables["strategies"][0].values["goal_ids"] == ["G1", "G2"]


def test_the_example_row_is_ignored_but_an_edited_one_is_kept(tmp_path, community):
    untouched = read_checklist(ashford_checklist(tmp_path), community)
    assert all(r.row != S.TABLE_EXAMPLE_ROW for r in untouched.tables["goals"])

    def edit_example(workbook):
        workbook["Goals"].cell(row=S.TABLE_EXAMPLE_ROW, column=2, value="Our real first goal")
    edited = read_checklist(ashford_checklist(tmp_path, "edited.xlsx", edit=edit_example),
                            community)
    assert problem(edited, Code.EXAMPLE_ROW_EDITED).cell == f"A{S.TABLE_EXAMPLE_ROW}"
    assert any(r.values["statement"] == "Our real first goal" for r in edited.tables["goals"])


# --- tolerant reading -------------------------------------------------------------

def test_spaces_case_markers_and_numbers_as_text_are_read_with_warnings(tmp_path, community):
    path = ashford_checklist(tmp_path, coalition={
        "name": "\u00a0Ashford Early Learning Network  ", "meeting_cadence": "monthly",
        "annual_budget": "$120,000", "year_founded": "2015", "staff_fte": "1,5",
        "website": "N/A"})
    checklist = read_checklist(path, community)
    values = checklist.coalition.values
    assert values["name"] == "Ashford Early Learning Network"
    assert values["meeting_cadence"] == "Monthly"
    assert values["annual_budget"] == 120000 and values["year_founded"] == 2015
    assert values["staff_fte"] == 1.5 and values["website"] is None
    for code in (Code.CELL_TRIMMED, Code.CELL_CASE_FIXED, Code.CELL_TEXT_AS_NUMBER,
                 Code.CELL_EMPTY_MARKER):
        assert problem(checklist, code).severity == "warning"
    assert problem(checklist, Code.CELL_CASE_FIXED).cell == f"B{form_row('meeting_cadence')}"
    assert all(p.severity == "warning" for p in checklist.problems)


@pytest.mark.parametrize("typed, expected", [
    ("2026-10-01", "2026-10-01"), ("10/01/2026", "2026-10-01"), ("October 1, 2026", "2026-10-01"),
    ("1 Oct 2026", "2026-10-01"), (46296, "2026-10-01")])
def test_common_date_forms(tmp_path, community, typed, expected):
    checklist = read_checklist(ashford_checklist(tmp_path, coalition={"completed_on": typed}),
                               community)
    assert checklist.coalition.values["completed_on"] == expected


def test_value_not_in_list_is_an_error_with_a_suggestion(tmp_path, community):
    rows = {"strategies": [{"strategy": "Lobby", "goal_ids": "G1",
                            "strategy_type": "Policy & advocacy", "status": "Activ"}]}
    checklist = read_checklist(ashford_checklist(tmp_path, rows=rows), community)
    not_in_list = [p for p in checklist.problems if p.code == Code.CELL_NOT_IN_LIST.name]
    by_field = {p.field: p for p in not_in_list}
    assert "Did you mean 'Policy and advocacy'?" in by_field["Strategy type"].message
    assert "Did you mean 'Active'?" in by_field["Status"].message
    assert by_field["Status"].cell == "E3" and by_field["Status"].sheet == "Strategies"
    # the strategy type is required, so that row is named as not loaded, and why:
    # its value is off the list, not missing
    rejected = problem(checklist, Code.ROW_REQUIRED_UNUSABLE)
    assert rejected.row == 3 and rejected.rows_not_loaded == 1
    assert "Policy & advocacy" in rejected.message and "is required" not in rejected.message
    assert Code.ROW_MISSING_REQUIRED.name not in codes(checklist)
    assert checklist.rows["Strategies"] == 0


def test_blank_rows_inside_a_table_do_not_stop_reading(tmp_path, community):
    def spread_out(workbook):
        members = workbook["Members"]
        members.cell(row=12, column=1, value="Ashford Health Department")
        members.cell(row=40, column=1, value="Ashford Rotary Club")
    checklist = read_checklist(ashford_checklist(tmp_path, edit=spread_out), community)
    names = [r.values["organisation"] for r in checklist.tables["members"]]
    assert names[-2:] == ["Ashford Health Department", "Ashford Rotary Club"]
    assert [r.row for r in checklist.tables["members"]][-2:] == [12, 40]


def test_extra_columns_are_kept_with_a_warning(tmp_path, community):
    def add_column(workbook):
        members = workbook["Members"]
        members.protection.sheet = False
        members.cell(row=1, column=9, value="Phone")
        members.cell(row=3, column=9, value="555-0101")
    checklist = read_checklist(ashford_checklist(tmp_path, edit=add_column), community)
    assert problem(checklist, Code.COLUMN_EXTRA).cell == "I1"
    assert checklist.tables["members"][0].extra == {"Phone": "555-0101"}


def test_reordered_and_renamed_columns_are_found_by_heading(tmp_path, community):
    def shuffle(workbook):
        goals = workbook["Goals"]
        rows = [[c.value for c in row] for row in goals.iter_rows(min_row=1, max_row=4)]
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(reversed(row[:10]), start=1):
                goals.cell(row=r, column=c, value=value)
        goals.cell(row=1, column=10, value="Goal IDs")  # a near-miss heading
    checklist = read_checklist(ashford_checklist(tmp_path, edit=shuffle), community)
    assert [g.values["goal_id"] for g in checklist.tables["goals"]] == ["G1", "G2"]
    assert problem(checklist, Code.COLUMN_RENAMED).cell == "J1"


def test_renamed_sheet_is_read_and_the_rename_reported(tmp_path, community):
    def rename(workbook):
        workbook["Goals"].title = "goal list"
    checklist = read_checklist(ashford_checklist(tmp_path, edit=rename), community)
    assert checklist.rows["Goals"] == 2
    renamed = problem(checklist, Code.SHEET_RENAMED)
    assert "'goal list'" in renamed.message and "'Goals'" in renamed.fix


def test_missing_optional_sheet_and_unknown_sheet(tmp_path, community):
    def restructure(workbook):
        del workbook["Funders"]
        notes = workbook.create_sheet("My notes")
        notes["A1"], notes["A2"] = "Remember", "Call Dana"
    checklist = read_checklist(ashford_checklist(tmp_path, edit=restructure), community)
    assert problem(checklist, Code.SHEET_MISSING_OPTIONAL).sheet == "Funders"
    unknown = problem(checklist, Code.SHEET_UNKNOWN)
    assert unknown.rows_not_loaded == 2 and "'My notes'" in unknown.message


def test_missing_coalition_sheet_fails_the_file_and_counts_its_rows(tmp_path, community):
    def remove(workbook):
        del workbook["Coalition"]
    checklist = read_checklist(ashford_checklist(tmp_path, edit=remove), community)
    assert checklist.status == FAILED
    assert problem(checklist, Code.SHEET_MISSING).severity == "error"
    filled = sum(len(rows) for rows in ASHFORD_ROWS.values())
    assert problem(checklist, Code.FILE_NO_COALITION).rows_not_loaded == filled


def test_missing_required_coalition_name_uses_the_file_name(tmp_path, community):
    path = ashford_checklist(tmp_path, "riverbend-kids.xlsx", coalition={"name": None})
    checklist = read_checklist(path, community)
    assert checklist.coalition.values["name"] == "riverbend-kids"
    assert problem(checklist, Code.COALITION_NAME_MISSING).cell == "B4"


def test_unknown_goal_and_duplicate_goal_id(tmp_path, community):
    rows = {"goals": ASHFORD_ROWS["goals"] + [{"goal_id": "g1", "statement": "Dup",
                                           "issue_area": "Health"}],
            "strategies": [{"strategy": "Book gifting", "goal_ids": "G1, G9",
                            "strategy_type": "Direct service"}]}
    checklist = read_checklist(ashford_checklist(tmp_path, rows=rows), community)
    assert problem(checklist, Code.ROW_DUPLICATE_ID).row == 5
    assert problem(checklist, Code.CELL_UNKNOWN_GOAL).message.startswith("Goal ID 'G9'")
    assert checklist.tables["strategies"][0].values["goal_ids"] == ["G1"]


# --- versions ----------------------------------------------------------------------

def _stamp(version):
    def edit(workbook):
        workbook[S.META_SHEET]["B1"] = version
    return edit


def test_newer_schema_version_is_an_error(tmp_path, community):
    checklist = read_checklist(ashford_checklist(tmp_path, edit=_stamp("9.0")), community)
    assert problem(checklist, Code.VERSION_NEWER).severity == "error"


def test_older_version_is_migrated_with_its_explanation(tmp_path, community, monkeypatch):
    monkeypatch.setitem(S.MIGRATIONS, "0.9", S.Migration(
        "0.9", "Version 0.9 called the Goals sheet 'Targets' and 'Goal statement' 'Goal'.",
        renamed_sheets={"Targets": "goals"}, renamed_fields={("goals", "Goal"): "statement"}))

    def old_style(workbook):
        _stamp("0.9")(workbook)
        workbook["Goals"].title = "Targets"
        workbook["Targets"].cell(row=1, column=2, value="Goal")
    checklist = read_checklist(ashford_checklist(tmp_path, edit=old_style), community)
    assert checklist.rows["Goals"] == 2
    assert "called the Goals sheet 'Targets'" in problem(checklist, Code.VERSION_OLDER).message
    assert Code.SHEET_RENAMED.name not in codes(checklist)


def test_file_without_a_version_stamp_is_read_by_headings(tmp_path, community):
    def strip_meta(workbook):
        del workbook[S.META_SHEET]
    checklist = read_checklist(ashford_checklist(tmp_path, edit=strip_meta), community)
    assert checklist.status == LOADED and checklist.rows["Goals"] == 2
    assert problem(checklist, Code.VERSION_MISSING).severity == "warning"


# --- files that are not checklists ----------------------------------------------------

def test_bad_files_are_one_line_each_and_never_stop_the_others(tmp_path, community):
    good = ashford_checklist(tmp_path, "good.xlsx")
    data = good.read_bytes()
    (tmp_path / "empty.xlsx").write_bytes(b"")
    (tmp_path / "truncated.xlsx").write_bytes(data[: len(data) // 2])
    (tmp_path / "garbage.xlsx").write_bytes(b"this is not a spreadsheet at all" * 20)
    (tmp_path / "~$good.xlsx").write_bytes(b"lock")
    (tmp_path / ".hidden.xlsx").write_bytes(data)
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "list.csv").write_text("a,b\n1,2\n")
    report = check_paths([tmp_path], community)
    by_name = {c.path.name: c for c in report.checklists}
    assert by_name["good.xlsx"].status == LOADED
    expected = {"empty.xlsx": (FAILED, Code.FILE_EMPTY),
                "truncated.xlsx": (FAILED, Code.FILE_CORRUPT),
                "garbage.xlsx": (FAILED, Code.FILE_CORRUPT),
                "~$good.xlsx": (SKIPPED, Code.FILE_SKIPPED_LOCK),
                ".hidden.xlsx": (SKIPPED, Code.FILE_SKIPPED_HIDDEN),
                "notes.txt": (SKIPPED, Code.FILE_SKIPPED_NOT_SPREADSHEET),
                "list.csv": (FAILED, Code.FILE_CSV)}
    for name, (status, code) in expected.items():
        checklist = by_name[name]
        assert checklist.status == status, name
        assert codes(checklist) == [code.name], name
        assert checklist.problems[0].fix


def test_a_reader_failure_on_one_file_is_one_error_and_the_rest_load(tmp_path, community,
                                                                     monkeypatch):
    from workbook.intake import batch
    ashford_checklist(tmp_path, "good.xlsx")
    ashford_checklist(tmp_path, "trips.xlsx")
    real = batch.read_checklist

    def trip_on_one(path, community_, *prepared):
        if path.name == "trips.xlsx":
            raise TypeError("an unforeseen cell type")
        return real(path, community_, *prepared)
    monkeypatch.setattr(batch, "read_checklist", trip_on_one)
    report = check_paths([tmp_path], community)
    by_name = {c.path.name: c for c in report.checklists}
    assert by_name["good.xlsx"].status == LOADED
    assert by_name["trips.xlsx"].status == FAILED
    assert codes(by_name["trips.xlsx"]) == [Code.FILE_READ_FAILED.name]
    assert "unforeseen cell type" in by_name["trips.xlsx"].problems[0].message


@pytest.mark.parametrize("ahead", [True, False], ids=["parsed ahead", "one after another"])
def test_a_batch_read_ahead_gives_what_reading_each_file_alone_gives(tmp_path, community,
                                                                     monkeypatch, ahead):
    """check_paths parses the next file's sheets on another thread; nothing may change."""
    from workbook.intake import ahead as reading_ahead
    monkeypatch.setattr(reading_ahead, "PARSE_AHEAD", ahead)
    ashford_checklist(tmp_path, "ashford.xlsx")
    ashford_checklist(tmp_path, "bell county.xlsx", coalition={
        "name": "Bell County Success By 6", "short_name": "  SB6 "})
    cut = ashford_checklist(tmp_path, "cut short.xlsx", coalition={"name": "Clay County Cradle"})
    members = sheet_part(cut, "Members")
    rewrite_parts(cut, {members: lambda xml: xml[:len(xml) // 2]})  # the parser fails there
    (tmp_path / "notes.txt").write_text("not a checklist")  # skipped between readable files

    batch = {c.path.name: c for c in check_paths([tmp_path], community).checklists}
    assert batch["cut short.xlsx"].status == FAILED and batch["ashford.xlsx"].status == LOADED
    for name in ("ashford.xlsx", "bell county.xlsx", "cut short.xlsx"):
        alone = read_checklist(tmp_path / name, community)
        assert batch[name].status == alone.status
        assert [p.as_dict() for p in batch[name].problems] == [p.as_dict() for p in alone.problems]
        assert _values(batch[name]) == _values(alone)


def _values(read) -> list:
    records = [read.coalition] if read.coalition else []
    return [(r.sheet, r.row, r.values, r.cells)
            for r in records + [r for rows in read.tables.values() for r in rows]]


def test_password_protected_file_is_one_clear_error(tmp_path, community):
    from msoffcrypto.format.ooxml import OOXMLFile
    plain = ashford_checklist(tmp_path, "plain.xlsx")
    protected = tmp_path / "protected.xlsx"
    with open(plain, "rb") as source, open(protected, "wb") as target:
        office = OOXMLFile(source)
        office.encrypt("secret", target)
    checklist = read_checklist(protected, community)
    assert checklist.status == FAILED
    assert codes(checklist) == [Code.FILE_PASSWORD.name]


def test_size_caps(tmp_path, community, monkeypatch):
    path = ashford_checklist(tmp_path)
    monkeypatch.setattr(intake_files, "MAX_UNPACKED_MB", 0.01)
    assert codes(read_checklist(path, community)) == [Code.FILE_ZIP_BOMB.name]
    monkeypatch.setattr(intake_files, "MAX_FILE_MB", 0.001)
    assert codes(read_checklist(path, community)) == [Code.FILE_TOO_LARGE.name]


def test_other_spreadsheet_formats_are_read_with_a_note(tmp_path, community, soffice):
    source = ashford_checklist(tmp_path, "original.xlsx")
    for target, label in (("ods", ".ods"), ("xls:MS Excel 97", ".xls")):
        converted = soffice(source, target, tmp_path / target.split(":")[0])
        checklist = read_checklist(converted, community)
        assert checklist.status == LOADED, codes(checklist)
        assert label in problem(checklist, Code.FILE_OTHER_FORMAT).message
        assert checklist.rows["Goals"] == 2 and checklist.rows["Members"] == 2


def test_files_are_never_rewritten(tmp_path, community):
    path = ashford_checklist(tmp_path)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    check_paths([path], community)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_libreoffice_round_trip_still_loads(tmp_path, community, soffice):
    source = ashford_checklist(tmp_path, "filled.xlsx")
    converted = soffice(source, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    original = read_checklist(source, community)
    round_tripped = read_checklist(converted, community)
    assert round_tripped.status == LOADED
    assert round_tripped.rows == original.rows
    assert round_tripped.coalition.values == original.coalition.values
    for sheet in ("goals", "members", "strategies"):
        assert ([r.values for r in round_tripped.tables[sheet]]
                == [r.values for r in original.tables[sheet]])


# --- the command line ----------------------------------------------------------------

def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "workbook", *map(str, args)],
                          capture_output=True, text=True)


def test_check_command_text_and_exit_codes(tmp_path):
    good = ashford_checklist(tmp_path, "good.xlsx")
    completed = run_cli("check", good)
    assert completed.returncode == 0, completed.stdout
    assert "1 of 1 file loaded" in completed.stdout
    (tmp_path / "broken.xlsx").write_bytes(b"")
    completed = run_cli("check", tmp_path)
    assert completed.returncode == 1
    line = next(l for l in completed.stdout.splitlines() if "FILE_EMPTY" in l)
    assert line.startswith("ERROR") and "broken.xlsx" in line and "Fix:" in line


def test_check_command_json(tmp_path):
    ashford_checklist(tmp_path, "a.xlsx", coalition={"meeting_cadence": "Fortnightly"})
    completed = run_cli("check", tmp_path, "--json")
    assert completed.returncode == 1
    report = json.loads(completed.stdout)
    assert report["files"] == [{"path": str(tmp_path / "a.xlsx"), "status": "loaded",
                                "rows": {"Coalition": 1, "Areas": 1, "Bodies": 0, "Goals": 2,
                                         "Strategies": 1, "Members": 2, "Funders": 1,
                                         "Asks": 1}}]
    bad = next(p for p in report["problems"] if p["code"] == "CELL_NOT_IN_LIST")
    assert {k: bad[k] for k in ("severity", "file", "sheet", "cell", "field")} == {
        "severity": "error", "file": str(tmp_path / "a.xlsx"), "sheet": "Coalition",
        "cell": f"B{form_row('meeting_cadence')}", "field": "Meeting cadence"}
    assert bad["message"] and bad["fix"]
    assert report["summary"]["errors"] == 1 and report["summary"]["loaded"] == 1
