"""Interview notes (task 2): template from the schema, tolerant reading, matched loading, chart rows."""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

import openpyxl
import pytest

from workbook import notes as N
from workbook import schema as S
from workbook import store
from workbook.community import load_community
from workbook.intake.problems import Code
from workbook.intake.reader import FAILED, LOADED, read_checklist
from workbook.loading import load_paths
from workbook.sample import example_notes
from workbook.templates import list_name

from .conftest import EXAMPLE

AELP = "Ashford Early Learning Partnership"
ANSWERS = {
    "coalition_name": AELP,
    "interviewer": "Jordan Reyes",
    "interview_date": "2026-11-16",
    "interviewees": "Dana Whitfield (staff lead)\nAngela Brennan (chair)",
    "documents_reviewed": "Strategic plan 2023-2027; annual report 2025",
    "accountable_results": "Children enter kindergarten ready to learn.",
    "progress_measures": "State kindergarten screener, by school.",
    "partner_coalitions": "Ready by Five Bell-Calder: shared members.",
    "duplication_seen": "Same readiness goal as Ready by Five in Bell County.",
    "repeated_reporting": "The same screener update at three tables.",
    "gains_from_aligning": "One dashboard, one ask to the foundation.",
    "non_negotiables": "Its parent advisory group.",
    "umbrella_openness": "Open with conditions",
    "follow_ups": "Get the 2025 evaluation.",
    "other_notes": "Friendly but separate.",
}


def codes(result) -> list[str]:
    return [p.code for p in result.problems]


def the_problem(problems, code: Code):
    found = [p for p in problems if p.code == code.name]
    assert found, f"expected {code.name} in {[p.code for p in problems]}"
    return found[0]


def answer_cell(field_name: str) -> str:
    row = S.FORM_FIRST_ROW + [f.name for f in S.NOTES.fields].index(field_name)
    return f"B{row}"


# --- the template -------------------------------------------------------------------

def test_template_asks_every_question_with_help_and_the_name_filled_in(tmp_path,
                                                                      example_community):
    [path] = N.write_notes_templates(example_community, [AELP], tmp_path)
    assert path.name == "ashford-early-learning-partnership-interview-notes.xlsx"
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[:2] == [S.INSTRUCTIONS_SHEET, S.NOTES.title]
    form = workbook[S.NOTES.title]
    labels = [form.cell(row=S.FORM_FIRST_ROW + i, column=1).value
              for i in range(len(S.NOTES.fields))]
    assert labels == [f.header for f in S.NOTES.fields]
    assert form[answer_cell("coalition_name")].value == AELP
    assert all(form[answer_cell(f.name)].value is None for f in N.QUESTIONS)
    prompts = {str(v.sqref): v for v in form.data_validations.dataValidation}
    for f in S.NOTES.fields:
        validation = prompts[answer_cell(f.name)]
        assert validation.showInputMessage and f.help[:40] in validation.prompt
    meta = {row[0]: row[1] for row in workbook[S.META_SHEET].iter_rows(values_only=True)}
    assert meta[S.META_FORM_KEY] == S.NOTES_FORM_KIND
    assert meta["community"] == example_community.slug


def test_openness_is_a_dropdown_from_the_community_vocabulary(tmp_path):
    (tmp_path / "community.toml").write_text(
        'name = "Lakes"\nslug = "lakes"\n[vocabularies]\n'
        'openness = ["Ready now", "Maybe later", "No"]\n', encoding="utf-8")
    community = load_community(tmp_path)
    workbook = N.build_notes_template(community, "Lakes Reads")
    form = workbook[S.NOTES.title]
    dropdowns = [v for v in form.data_validations.dataValidation if v.type == "list"]
    assert [(str(v.sqref), v.formula1) for v in dropdowns] == [
        (answer_cell("umbrella_openness"), list_name("openness"))]
    _, cells = next(iter(workbook.defined_names[list_name("openness")].destinations))
    assert [c.value for row in workbook[S.LISTS_SHEET][cells] for c in row] == [
        "Ready now", "Maybe later", "No"]


def test_templates_for_names_that_slug_alike_do_not_overwrite_each_other(tmp_path, community):
    paths = N.write_notes_templates(community, ["Bell/Calder Reads", "Bell Calder Reads",
                                                "Bell Calder Reads"], tmp_path)
    assert [p.name for p in paths] == ["bell-calder-reads-interview-notes.xlsx",
                                       "bell-calder-reads-2-interview-notes.xlsx"]
    names = [openpyxl.load_workbook(p)[S.NOTES.title][answer_cell("coalition_name")].value
             for p in paths]
    assert names == ["Bell/Calder Reads", "Bell Calder Reads"]


# --- reading ------------------------------------------------------------------------

def test_fill_and_read_round_trip(tmp_path, example_community):
    result = N.read_notes(N.write_notes(ANSWERS, tmp_path / "n.xlsx", example_community),
                          example_community)
    assert result.status == LOADED and result.problems == []
    assert result.answers == ANSWERS
    assert result.record.cells["umbrella_openness"] == answer_cell("umbrella_openness")


def test_untidy_answers_are_read_tolerantly_and_named_by_cell(tmp_path, example_community):
    untidy = {**ANSWERS, "interview_date": "11/16/2026", "umbrella_openness": "very open",
              "interviewer": "  Jordan Reyes "}
    result = N.read_notes(N.write_notes(untidy, tmp_path / "n.xlsx", example_community),
                          example_community)
    assert result.status == LOADED
    assert result.answers["interview_date"] == "2026-11-16"
    assert result.answers["umbrella_openness"] == "Very open"
    assert result.answers["interviewer"] == "Jordan Reyes"
    fixed = the_problem(result.problems, Code.CELL_CASE_FIXED)
    assert (fixed.sheet, fixed.cell) == (S.NOTES.title, answer_cell("umbrella_openness"))
    assert all(p.severity == "warning" for p in result.problems)


def test_a_value_off_the_list_is_an_error_but_the_notes_still_load(tmp_path, example_community):
    path = N.write_notes({**ANSWERS, "umbrella_openness": "Kind of"}, tmp_path / "n.xlsx",
                         example_community)
    result = N.read_notes(path, example_community)
    assert result.status == LOADED and result.answers["umbrella_openness"] is None
    assert the_problem(result.problems, Code.CELL_NOT_IN_LIST).cell == answer_cell(
        "umbrella_openness")


def test_notes_without_a_coalition_name_cannot_load(tmp_path, example_community):
    path = N.write_notes({**ANSWERS, "coalition_name": None}, tmp_path / "n.xlsx",
                         example_community)
    workbook = openpyxl.load_workbook(path)
    workbook[S.NOTES.title][answer_cell("coalition_name")] = None  # the prefill, cleared
    workbook.save(path)
    result = N.read_notes(path, example_community)
    assert result.status == FAILED
    assert the_problem(result.problems, Code.CELL_REQUIRED).cell == answer_cell("coalition_name")


def test_checklists_and_notes_are_told_apart(tmp_path, example_community):
    checklist_path = sorted(example_community.checklists_dir.glob("*.xlsx"))[0]
    as_notes = N.read_notes(checklist_path, example_community)
    assert as_notes.status == FAILED
    assert "a footprint checklist" in the_problem(as_notes.problems, Code.FORM_WRONG_KIND).message
    notes_path = N.write_notes(ANSWERS, tmp_path / "n.xlsx", example_community)
    as_checklist = read_checklist(notes_path, example_community)
    assert as_checklist.status == FAILED and as_checklist.coalition is None
    assert "interview notes" in the_problem(as_checklist.problems,
                                            Code.FORM_WRONG_KIND).message


# --- loading ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def checklist_db(tmp_path_factory):
    community = load_community(EXAMPLE)
    db = tmp_path_factory.mktemp("db") / "workbook.db"
    load_paths([community.checklists_dir], db, community)
    return db


@pytest.fixture
def db(checklist_db, tmp_path):
    return shutil.copy(checklist_db, tmp_path / "workbook.db")


def coalition_id(db, name: str) -> int:
    return int(store.read_table(db, "SELECT coalition_id FROM coalitions WHERE name = ?",
                                (name,))["coalition_id"].iloc[0])


def notes_rows(db):
    return store.read_table(db, f"SELECT * FROM {N.TABLE} ORDER BY notes_id")


def test_the_example_notes_load_each_beside_its_coalition(db, example_community):
    report = N.load_notes([EXAMPLE / "notes"], db, example_community)
    assert report.problems == [] and len(report.loaded) == 4
    rows = store.read_table(db, f"""SELECT n.coalition_name, c.name FROM {N.TABLE} n
                                    JOIN coalitions c USING (coalition_id)""")
    assert len(rows) == 4 and (rows["coalition_name"] == rows["name"]).all()
    assert {AELP, "Ready by Five Bell-Calder"} <= set(rows["name"])
    columns = set(notes_rows(db).columns)
    assert {f.name for f in S.NOTES.fields} | {"coalition_id", "source_file"} <= columns


def test_a_misspelled_coalition_is_matched_with_a_warning(db, tmp_path, example_community):
    path = N.write_notes({**ANSWERS, "coalition_name": "Ashford Erly Learning Partnership"},
                         tmp_path / "typo.xlsx", example_community)
    report = N.load_notes([path], db, example_community)
    warning = the_problem(report.problems, Code.NOTES_COALITION_FUZZY)
    assert warning.severity == "warning" and AELP in warning.message
    assert (warning.sheet, warning.cell) == (S.NOTES.title, answer_cell("coalition_name"))
    assert notes_rows(db)["coalition_id"].tolist() == [coalition_id(db, AELP)]


def test_an_unknown_coalition_is_an_error_naming_file_sheet_and_cell(db, tmp_path,
                                                                     example_community):
    good = N.write_notes(ANSWERS, tmp_path / "good.xlsx", example_community)
    unknown = N.write_notes({**ANSWERS, "coalition_name": "Ashford Early Learning Network"},
                            tmp_path / "unknown.xlsx", example_community)
    report = N.load_notes([good, unknown], db, example_community)
    error = the_problem(report.problems, Code.NOTES_COALITION_UNKNOWN)
    assert error.severity == "error" and error.rows_not_loaded == 1
    assert (error.file, error.sheet, error.cell) == (str(unknown), S.NOTES.title,
                                                    answer_cell("coalition_name"))
    assert f"Did you mean '{AELP}'?" in error.message
    assert notes_rows(db)["source_file"].tolist() == [str(good)]
    assert "1 of 2 notes files loaded" in report.summary_line()


def test_notes_before_any_checklist_load_say_to_load_the_checklists(tmp_path, example_community):
    path = N.write_notes(ANSWERS, tmp_path / "n.xlsx", example_community)
    report = N.load_notes([path], tmp_path / "empty.db", example_community)
    assert "load the checklists first" in the_problem(
        report.problems, Code.NOTES_COALITION_UNKNOWN).message


def test_notes_survive_a_checklist_reload(db, example_community):
    N.load_notes([EXAMPLE / "notes"], db, example_community)
    load_paths([example_community.checklists_dir], db, example_community)
    assert len(notes_rows(db)) == 4
    aelp = coalition_id(db, AELP)
    assert N.notes_for(db, [aelp]).at["Openness to a shared umbrella or backbone", aelp] == (
        "Open with conditions")


def test_each_notes_load_replaces_the_last(db, tmp_path, example_community):
    N.load_notes([EXAMPLE / "notes"], db, example_community)
    N.load_notes([N.write_notes(ANSWERS, tmp_path / "n.xlsx", example_community)], db,
                 example_community)
    assert notes_rows(db)["interviewer"].tolist() == ["Jordan Reyes"]


def test_a_failed_notes_load_changes_nothing(db, tmp_path, example_community, monkeypatch):
    N.load_notes([EXAMPLE / "notes"], db, example_community)

    def broken(connection, table, rows):
        raise sqlite3.OperationalError("disk full")
    monkeypatch.setattr(store, "insert_rows", broken)
    with pytest.raises(sqlite3.OperationalError):
        N.load_notes([N.write_notes(ANSWERS, tmp_path / "n.xlsx", example_community)], db,
                     example_community)
    assert len(notes_rows(db)) == 4


# --- beside the comparison chart ----------------------------------------------------

def test_notes_for_gives_one_row_per_question_and_one_column_per_coalition(db,
                                                                            example_community):
    N.load_notes([EXAMPLE / "notes"], db, example_community)
    aelp, rb5 = coalition_id(db, AELP), coalition_id(db, "Ready by Five Bell-Calder")
    healthy_easton = coalition_id(db, "Healthy Easton")  # interviewed by nobody
    frame = N.notes_for(db, [rb5, aelp, healthy_easton])
    assert frame.index.tolist() == [f.label for f in N.QUESTIONS]
    assert frame.columns.tolist() == [rb5, aelp, healthy_easton]
    assert frame.at["Openness to a shared umbrella or backbone", rb5] == "Very open"
    assert frame.at["Interview date", aelp] == "2026-11-16"
    assert frame[healthy_easton].isna().all()


def test_notes_for_without_notes_or_with_two_files_on_one_coalition(db, tmp_path,
                                                                    example_community):
    aelp = coalition_id(db, AELP)
    assert N.notes_for(db, [aelp])[aelp].isna().all()  # no notes table yet
    second = {**ANSWERS, "interviewer": "Sam Lee", "other_notes": None}
    N.load_notes([N.write_notes(ANSWERS, tmp_path / "a.xlsx", example_community),
                  N.write_notes(second, tmp_path / "b.xlsx", example_community)], db,
                 example_community)
    frame = N.notes_for(db, [aelp])
    assert frame.at["Interviewer", aelp] == "Jordan Reyes\n\nSam Lee"
    assert frame.at["Other notes", aelp] == "Friendly but separate."


def test_notes_of_a_coalition_since_renamed_are_not_shown_beside_another(db, example_community):
    N.load_notes([EXAMPLE / "notes"], db, example_community)
    aelp = coalition_id(db, AELP)
    connection = sqlite3.connect(db)
    with connection:
        connection.execute("UPDATE coalitions SET name = 'Somebody Else' WHERE coalition_id = ?",
                           (aelp,))
    connection.close()
    assert N.notes_for(db, [aelp])[aelp].isna().all()


# --- the example notes --------------------------------------------------------------

def test_the_committed_example_notes_are_up_to_date(tmp_path):
    fresh = {p.name: p for p in example_notes.build(tmp_path, load_community(EXAMPLE))}
    committed = {p.name: p for p in (EXAMPLE / "notes").glob("*.xlsx")}
    assert sorted(committed) == sorted(fresh), "run data/example/build_notes.py and commit"
    for name, path in fresh.items():
        assert committed[name].read_bytes() == path.read_bytes(), (
            f"{name} is stale: run data/example/build_notes.py and commit")


# --- the command line ---------------------------------------------------------------

def run(*args):
    return subprocess.run([sys.executable, "-m", "workbook", *map(str, args)],
                          capture_output=True, text=True)


def test_notes_template_command_writes_one_file_per_coalition(db, tmp_path):
    named = run("notes-template", "--community", EXAMPLE, "--out", tmp_path / "two",
                "--coalition", AELP, "Healthy Easton")
    assert named.returncode == 0, named.stderr
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == [
        "ashford-early-learning-partnership-interview-notes.xlsx",
        "healthy-easton-interview-notes.xlsx"]
    every = run("notes-template", "--community", EXAMPLE, "--db", db, "--out", tmp_path / "all")
    assert every.returncode == 0, every.stderr
    coalitions = len(store.read_table(db, "SELECT coalition_id FROM coalitions"))
    checklists = len(list((EXAMPLE / "checklists").glob("*.xlsx")))  # one coalition each
    assert len(list((tmp_path / "all").glob("*.xlsx"))) == coalitions == checklists


def test_load_notes_command_prints_the_report(db, tmp_path, example_community):
    typo = N.write_notes({**ANSWERS, "coalition_name": "Ashford Erly Learning Partnership"},
                         tmp_path / "typo.xlsx", example_community)
    completed = run("load-notes", EXAMPLE / "notes", typo, "--db", db, "--community", EXAMPLE)
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.strip().splitlines()
    assert lines[0].startswith("WARNING NOTES_COALITION_FUZZY: typo.xlsx, sheet Interview notes")
    assert "5 of 5 notes files loaded" in lines[-2]
    assert lines[-1].endswith(f"notes on 4 coalitions in table {N.TABLE}.")
    assert len(notes_rows(db)) == 5
    missing = run("load-notes", EXAMPLE / "notes", "--db", tmp_path / "none.db")
    assert missing.returncode == 2 and "load the checklists first" in missing.stderr
