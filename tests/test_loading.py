"""The starter database: every row accounted for, one transaction, same files same database."""
from __future__ import annotations

import sqlite3
import subprocess
import sys

import openpyxl
import pytest

from workbook import schema as S
from workbook import store
from workbook.community import default_community
from workbook.intake.reader import LOADED
from workbook.loading import load_paths

from .builders import ashford_checklist

VOLATILE = {"loads": None, "load_files": None}  # load history grows by design


def dump(db) -> dict[str, list[tuple]]:
    """Every derived table's rows, in a stable order."""
    connection = sqlite3.connect(db)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(connection.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in tables if t not in VOLATILE}
    finally:
        connection.close()


def filled_rows_by_hand(path) -> dict[str, int]:
    """Filled rows per table sheet, counted independently of the loader with openpyxl.

    The template's example row (never touched by the sample writer) is not data.
    """
    workbook = openpyxl.load_workbook(path, read_only=True)
    counts = {}
    for sheet in S.CHECKLIST:
        if sheet.layout != S.TABLE or sheet.title not in workbook.sheetnames:
            continue
        rows = workbook[sheet.title].iter_rows(min_row=S.TABLE_FIRST_DATA_ROW, values_only=True)
        counts[sheet.title] = sum(
            1 for row in rows if any(v is not None and str(v).strip() for v in row))
    workbook.close()
    return counts


@pytest.fixture(scope="module")
def sampled(sampled_50_checklists):
    """The session's 50 sampled checklists (conftest), read here and never written to."""
    return sampled_50_checklists


def test_every_filled_row_is_loaded_or_named(sampled, tmp_path):
    result = load_paths([sampled], tmp_path / "w.db", default_community())
    checklists = result.report.checklists
    assert len(checklists) == 50 and all(c.status == LOADED for c in checklists)
    rejected_somewhere = 0
    for checklist in checklists:
        by_hand = filled_rows_by_hand(checklist.path)
        not_loaded = {}
        for p in checklist.problems:
            if p.rows_not_loaded:
                not_loaded[p.sheet] = not_loaded.get(p.sheet, 0) + p.rows_not_loaded
        rejected_somewhere += sum(not_loaded.values())
        for sheet_title, filled in by_hand.items():
            loaded = checklist.rows[sheet_title]
            assert loaded + not_loaded.get(sheet_title, 0) == filled, (
                checklist.path.name, sheet_title)
    # the sample's messy share includes real errors, so the rule was exercised
    assert rejected_somewhere > 0
    connection = sqlite3.connect(tmp_path / "w.db")
    in_db = connection.execute("SELECT COUNT(*) FROM members").fetchone()[0]
    assert in_db == sum(c.rows["Members"] for c in checklists)


def test_a_rejected_row_is_in_the_problems_table(tmp_path):
    # a seat with neither an organisation nor a person names nobody
    path = ashford_checklist(tmp_path,
                             rows={"members": [{"sector": "Nonprofit", "role": "Member"}]})
    load_paths([path], tmp_path / "w.db", default_community())
    connection = sqlite3.connect(tmp_path / "w.db")
    rows = connection.execute(
        "SELECT code, sheet, cell, rows_not_loaded FROM problems WHERE rows_not_loaded > 0").fetchall()
    assert rows == [("ROW_MISSING_ONE_OF", "Members", "A3", 1)]


def test_loading_the_same_files_twice_gives_the_same_database(sampled, tmp_path):
    db = tmp_path / "w.db"
    load_paths([sampled], db, default_community())
    first = dump(db)
    load_paths([sampled], db, default_community())
    assert dump(db) == first
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT COUNT(*) FROM loads").fetchone()[0] == 2


def test_a_failed_load_leaves_the_previous_database(tmp_path, monkeypatch):
    db = tmp_path / "w.db"
    load_paths([ashford_checklist(tmp_path, "one.xlsx")], db, default_community())
    before = dump(db)
    real_insert = store.insert_rows

    def failing_insert(connection, table, rows):
        if table == "members":
            raise RuntimeError("disk full, say")
        real_insert(connection, table, rows)
    monkeypatch.setattr(store, "insert_rows", failing_insert)
    second = ashford_checklist(tmp_path, "two.xlsx",
                               coalition={"name": "Bell County Youth Coalition"})
    with pytest.raises(RuntimeError):
        load_paths([tmp_path / "one.xlsx", second], db, default_community())
    assert dump(db) == before


def test_an_interrupted_load_process_leaves_the_previous_database(sampled, tmp_path):
    """Kill the loading process part-way: SQLite's journal rolls the half-load back."""
    db = tmp_path / "w.db"
    load_paths([sampled], db, default_community())
    before = dump(db)
    script = (
        "import os, signal, sys\n"
        "from workbook import store, loading\n"
        "from workbook.community import default_community\n"
        "real = store.insert_rows\n"
        "def insert_then_die(connection, table, rows):\n"
        "    real(connection, table, rows)\n"
        "    if table == 'goals':\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "store.insert_rows = insert_then_die\n"
        f"loading.load_paths([{str(sampled)!r}], {str(db)!r}, default_community())\n")
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert completed.returncode == -9, completed.stderr
    assert dump(db) == before


def test_decision_tables_survive_a_reload(tmp_path):
    db = tmp_path / "w.db"
    path = ashford_checklist(tmp_path)
    load_paths([path], db, default_community())
    connection = sqlite3.connect(db)
    connection.execute("CREATE TABLE decisions (what TEXT)")
    connection.execute("INSERT INTO decisions VALUES ('combine G1 and G4')")
    connection.commit()
    connection.close()
    load_paths([path], db, default_community())
    assert sqlite3.connect(db).execute("SELECT what FROM decisions").fetchall() == [
        ("combine G1 and G4",)]


def test_organisations_under_many_spellings_are_one(tmp_path):
    rows = [
        {"members": [{"organisation": "Boys & Girls Club of NKY", "role": "Member"},
                     {"organisation": "Northern Kentucky University", "role": "Member"}]},
        {"members": [{"organisation": "Boys and Girls Clubs of Northern Kentucky", "role": "Member"},
                     {"organisation": "Northern Kentucky Health Department", "role": "Member"}]},
        {"members": [{"organisation": "B&GC of NKY", "role": "Member"}]},
    ]
    paths = [ashford_checklist(tmp_path, f"c{i}.xlsx", coalition={"name": f"Coalition {i}"},
                               rows=r)
             for i, r in enumerate(rows)]
    load_paths(paths, tmp_path / "w.db", default_community())
    connection = sqlite3.connect(tmp_path / "w.db")
    spelled = dict(connection.execute(
        "SELECT spelling, organisation_id FROM organisation_spellings").fetchall())
    club = {spelled["Boys & Girls Club of NKY"],
            spelled["Boys and Girls Clubs of Northern Kentucky"], spelled["B&GC of NKY"]}
    assert len(club) == 1
    assert spelled["Northern Kentucky University"] != spelled["Northern Kentucky Health Department"]
    coalitions_of_club = connection.execute(
        "SELECT COUNT(DISTINCT coalition_id) FROM members WHERE organisation_id = ?",
        (club.pop(),)).fetchone()[0]
    assert coalitions_of_club == 3


def test_people_are_matched_by_email_first(tmp_path):
    rows = [
        {"members": [{"organisation": "Ashford Public Library", "representative": "Sam Ortiz",
                      "representative_email": "sam@example.org", "role": "Member"}]},
        {"members": [{"organisation": "Ashford Public Library", "representative": "Samuel Ortiz",
                      "representative_email": "SAM@example.org", "role": "Chair"},
                     {"organisation": "Bell Library", "representative": "Sam Ortiz",
                      "representative_email": "s.ortiz@bell.example.org", "role": "Member"}]},
    ]
    paths = [ashford_checklist(tmp_path, f"p{i}.xlsx", coalition={"name": f"Coalition {i}"},
                               rows=r)
             for i, r in enumerate(rows)]
    load_paths(paths, tmp_path / "w.db", default_community())
    connection = sqlite3.connect(tmp_path / "w.db")
    ids = connection.execute(
        "SELECT representative_email, representative_person_id FROM members").fetchall()
    by_email = {email.lower(): pid for email, pid in ids}
    assert len({pid for email, pid in ids if email.lower() == "sam@example.org"}) == 1
    assert by_email["s.ortiz@bell.example.org"] != by_email["sam@example.org"]


def test_load_command_writes_the_database(tmp_path):
    path = ashford_checklist(tmp_path)
    db = tmp_path / "cli.db"
    completed = subprocess.run([sys.executable, "-m", "workbook", "load", str(path), "--db",
                                str(db)], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert "1 of 1 file loaded" in completed.stdout
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT name FROM coalitions").fetchall() == [
        ("Ashford Early Learning Network",)]
    files = connection.execute("SELECT path, sha256, status FROM load_files").fetchall()
    assert files[0][2] == "loaded" and len(files[0][1]) == 64


def test_load_command_writes_names_to_review_for_the_facilitator(tmp_path):
    from workbook.matching import read_aliases
    community_dir = tmp_path / "town"
    (community_dir / "checklists").mkdir(parents=True)
    (community_dir / "community.toml").write_text('name = "Town"\n')
    rows = [{"members": [{"organisation": "Riverbend Public Library", "role": "Member"}]},
            {"members": [{"organisation": "Riverbend Public Library System", "role": "Member"}]}]
    for i, r in enumerate(rows):
        ashford_checklist(community_dir / "checklists", f"c{i}.xlsx",
                          coalition={"name": f"Coalition {i}"}, rows=r)
    completed = subprocess.run([sys.executable, "-m", "workbook", "load",
                                str(community_dir / "checklists")], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    review = read_aliases(community_dir / "names-to-review.csv")
    pairs = {(a.name, a.canonical) for a in review.undecided}
    assert ("Riverbend Public Library System", "Riverbend Public Library") in pairs or (
        "Riverbend Public Library", "Riverbend Public Library System") in pairs
    assert (community_dir / "workbook.db").exists()


def test_openpyxl_parses_xml_through_defusedxml():
    import openpyxl.xml
    assert openpyxl.xml.DEFUSEDXML is True


def test_load_command_with_an_unwritable_database_says_so(tmp_path):
    path = ashford_checklist(tmp_path)
    completed = subprocess.run([sys.executable, "-m", "workbook", "load", str(path), "--db",
                                str(tmp_path / "no-such-folder" / "w.db")],
                               capture_output=True, text=True)
    assert completed.returncode == 2
    assert "could not be written or read" in completed.stderr
    assert "Traceback" not in completed.stderr
