"""The decision log: append-only, stable subjects, survives reloads, many writers at once."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import shutil
import sqlite3
import time
import traceback
from pathlib import Path

import openpyxl
import pytest

from workbook import decisions as D
from workbook import store
from workbook.community import default_community, load_community
from workbook.loading import load_paths

from .builders import ASHFORD_ROWS, ashford_checklist, checklist
from .conftest import EXAMPLE

ASHFORD = "Ashford Early Learning Network"
MONTGOMERY = "Montgomery County Early Learning Coalition"
ASHFORD_READY = "More children ready for kindergarten"
MONTGOMERY_READY = "Increase kindergarten readiness"
REWORDED = "Every child enters kindergarten ready to succeed"


def load(folder: Path, db: Path):
    return load_paths(sorted(folder.glob("*.xlsx")), db, default_community())


@pytest.fixture(scope="module")
def two_coalitions(tmp_path_factory):
    """Two early-learning coalitions' checklists, loaded once: (folder, database)."""
    root = tmp_path_factory.mktemp("two-coalitions")
    folder = root / "checklists"
    folder.mkdir()
    ashford_checklist(folder, "ashford.xlsx")
    checklist(folder, "montgomery.xlsx")
    load(folder, root / "workbook.db")
    return root


@pytest.fixture
def loaded(two_coalitions, tmp_path):
    """A fresh copy of the two coalitions' folder and database: (checklists folder, database)."""
    root = Path(shutil.copytree(two_coalitions, tmp_path / "community"))
    return root / "checklists", root / "workbook.db"


def combine_readiness(db, by="facilitator") -> int:
    return D.record(db, D.Decision(
        "combine", (D.subject("goal", ASHFORD, ASHFORD_READY),
                    D.subject("goal", MONTGOMERY, MONTGOMERY_READY)),
        by, value="Every child enters kindergarten ready to learn",
        rationale="Same indicator (kindergarten readiness), same population",
        details={"fist_to_five": {"n": 14, "median": 4}}))


# --- what an entry holds ------------------------------------------------------------

def test_an_entry_records_what_about_what_who_when_and_why(loaded):
    _, db = loaded
    entry_id = combine_readiness(db)
    [entry] = D.current(db)
    assert entry.entry_id == entry_id and entry.kind == "combine"
    assert entry.value == "Every child enters kindergarten ready to learn"
    assert entry.by == "facilitator" and "Same indicator" in entry.rationale
    assert entry.decided_at.utcoffset().total_seconds() == 0
    assert entry.details == {"fist_to_five": {"n": 14, "median": 4}}
    assert entry.load_id == 1 and entry.supersedes == () and entry.superseded_by is None
    assert entry.coalitions == (ASHFORD, MONTGOMERY)
    goals = [s.snapshot for s in entry.subjects]
    assert [g["coalition"] for g in goals] == [ASHFORD, MONTGOMERY]
    assert goals[0]["statement"] == ASHFORD_READY and goals[0]["target_year"] == 2030
    assert goals[1]["indicator"] == "% of kindergartners demonstrating readiness on the KRA"


def test_subjects_are_filed_under_names_not_row_ids(loaded):
    _, db = loaded
    combine_readiness(db)
    # typed another way in the room: a leading "The", other case, a target year added
    respelled = D.subject("goal", "the ashford early learning network",
                          "More children ready for Kindergarten by 2030")
    assert [e.kind for e in D.history(db, respelled)] == ["combine"]
    stored = D.current(db)[0].subjects[0]
    assert stored.key == respelled.key
    # the row ids a load gives (goal_row_id 1, 2…) are nowhere in the key
    assert not any(ch.isdigit() for ch in stored.key)


def test_an_organisation_is_found_under_any_of_its_spellings(tmp_path):
    folder = tmp_path / "checklists"
    folder.mkdir()
    ashford_checklist(folder, "ashford.xlsx")
    members = [dict(m) for m in ASHFORD_ROWS["members"]]
    members[1]["organisation"] = "Boys and Girls Clubs of Ashford"
    ashford_checklist(folder, "bell.xlsx", coalition={"name": "Bell County Youth Coalition"},
                      rows={"members": members})
    db = tmp_path / "workbook.db"
    load(folder, db)
    D.record(db, D.Decision("choose", (D.subject("backbone", "Backbone"),
                                       D.subject("organisation", "Boys & Girls Club of Ashford")),
                            "facilitator", value="Boys & Girls Club of Ashford"))
    assert len(D.history(db, D.subject("organisation", "Boys and Girls Clubs of Ashford"))) == 1


def test_a_subject_not_in_the_checklists_is_refused_with_its_name(loaded):
    _, db = loaded
    with pytest.raises(D.DecisionError, match="Kindergarten camps.*not in the loaded checklists"):
        D.record(db, D.Decision("stop", (D.subject("strategy", ASHFORD, "Kindergarten camps"),),
                                "facilitator"))
    assert D.entries(db) == []


@pytest.mark.parametrize("decision, said", [
    (D.Decision("merge", (D.subject("topic", "Meeting day"),), "facilitator"), "not a kind"),
    (D.Decision("adopt", (D.subject("north_star", "North Star"),), "facilitator"), "needs a value"),
    (D.Decision("keep", (D.subject("topic", "Meeting day"),), "  "), "who decided"),
    (D.Decision("keep", (), "facilitator"), "at least one subject"),
])
def test_an_incomplete_decision_says_what_is_missing(loaded, decision, said):
    with pytest.raises(D.DecisionError, match=said):
        D.record(loaded[1], decision)


def test_room_made_subjects_keep_the_snapshot_they_were_given(loaded):
    _, db = loaded
    vote = {"statement": "Every child ready", "counts": [0, 0, 1, 3, 6, 4], "n": 14}
    D.record(db, D.Decision("adopt", (D.subject("north_star", "North Star", snapshot=vote),),
                            "co-facilitator", value="All Ashford children thrive from birth"))
    assert D.current(db, "north_star")[0].subjects[0].snapshot == vote
    assert D.current(db, "goal") == []
    with pytest.raises(D.DecisionError, match="read from the loaded checklists"):
        D.subject("goal", ASHFORD, ASHFORD_READY, snapshot={"statement": "x"})


# --- never overwritten ------------------------------------------------------------------

@pytest.mark.parametrize("sql", [
    "UPDATE decision_entries SET value = 'Something else'",
    "DELETE FROM decision_entries",
    "UPDATE decision_subjects SET snapshot_json = NULL",
    "DELETE FROM decision_subjects",
    "DELETE FROM decision_supersedes",
])
def test_entries_are_never_overwritten(loaded, sql):
    _, db = loaded
    first = combine_readiness(db)
    D.supersede(db, first, D.Decision("keep_separate", D.current(db)[0].subjects, "facilitator"))
    before = D.entries(db)
    connection = sqlite3.connect(db, isolation_level=None)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute(sql)
    connection.close()
    assert D.entries(db) == before


def test_superseding_withdrawing_and_history(loaded):
    _, db = loaded
    first = combine_readiness(db)
    goals = D.current(db)[0].subjects
    second = D.supersede(db, first, D.Decision(
        "keep_separate", goals, "co-facilitator", rationale="Montgomery measures it on the KRA"))
    assert [e.entry_id for e in D.current(db)] == [second]
    undo = D.withdraw(db, second, "facilitator", rationale="Recorded on the wrong card")
    assert D.current(db) == []
    log = D.history(db, goals[0])
    assert [(e.entry_id, e.kind, e.superseded_by) for e in log] == [
        (first, "combine", second), (second, "keep_separate", undo), (undo, "withdraw", None)]
    assert log[2].supersedes == (second,)


def test_the_second_laptop_cannot_supersede_an_entry_already_superseded(loaded):
    _, db = loaded
    first = combine_readiness(db)
    goals = D.current(db)[0].subjects
    winner = D.supersede(db, first, D.Decision("keep_separate", goals, "facilitator"))
    with pytest.raises(D.DecisionConflict, match=f"already replaced by decision {winner}"):
        D.supersede(db, first, D.Decision("retire", goals[:1], "co-facilitator"))
    with pytest.raises(D.DecisionError, match="no decision number 99"):
        D.supersede(db, 99, D.Decision("retire", goals[:1], "co-facilitator"))
    assert len(D.entries(db)) == 2


# --- reloading the checklists -----------------------------------------------------------

def test_a_load_never_drops_the_decision_tables():
    assert not [t for t in store.derived_tables() if t.startswith(D.TABLE_PREFIX)]


def test_decisions_survive_loading_the_same_checklists_again(loaded):
    folder, db = loaded
    combine_readiness(db)
    D.record(db, D.Decision("keep", (D.subject("strategy", ASHFORD, "Book gifting"),),
                            "facilitator"))
    before = D.entries(db)
    assert load(folder, db).load_id == 2
    assert D.entries(db) == before
    assert D.review_after_load(db) == []
    combine_readiness(db)  # and the log still takes entries, with the new load's id
    assert D.entries(db)[-1].load_id == 2


def changed_ashford(folder: Path) -> None:
    """Ashford refills its checklist: a new name, G1 reworded and later, a strategy gone."""
    goals = [dict(g) for g in ASHFORD_ROWS["goals"]]
    goals[0].update(statement=REWORDED, target_year=2032)
    strategies = [{"strategy": "Kindergarten transition summer camps", "goal_ids": "G1",
                   "strategy_type": "Direct service", "status": "Active"}]
    ashford_checklist(folder, "ashford.xlsx",
                      coalition={"name": "Ashford Ready Kids Network", "former_names": [ASHFORD]},
                      rows={"goals": goals, "strategies": strategies})


def test_a_decision_whose_subject_changed_on_reload_needs_review(loaded):
    folder, db = loaded
    goals_entry = combine_readiness(db)
    strategy_entry = D.record(db, D.Decision(
        "keep", (D.subject("strategy", ASHFORD, "Book gifting"),), "facilitator"))
    coalition_entry = D.record(db, D.Decision(
        "agree", (D.subject("coalition", ASHFORD),
                  D.subject("umbrella_parameter", "Geographic scope")),
        "facilitator", value="Region-wide", details={"rule": "consent", "round": 2}))
    montgomery_entry = D.record(db, D.Decision(
        "keep", (D.subject("strategy", MONTGOMERY, "Kindergarten transition summer camps"),),
        "facilitator"))
    changed_ashford(folder)
    load(folder, db)

    reviews = {(r.entry.entry_id, r.subject.kind): r for r in D.review_after_load(db)}
    assert set(reviews) == {(goals_entry, "goal"), (strategy_entry, "strategy"),
                            (coalition_entry, "coalition")}
    goal = reviews[goals_entry, "goal"]  # found again by its goal ID: reworded, not gone
    assert goal.status == D.CHANGED and goal.subject.label.startswith(ASHFORD)
    assert {c.field: (c.was, c.now) for c in goal.changes} == {
        "statement": (ASHFORD_READY, REWORDED),
        "target_year": (2030, 2032)}
    assert reviews[strategy_entry, "strategy"].status == D.VANISHED
    assert "no longer in the loaded checklists" in reviews[strategy_entry, "strategy"].message
    renamed = reviews[coalition_entry, "coalition"]  # found by its former name
    assert renamed.changes == (D.Change("name", ASHFORD, "Ashford Ready Kids Network"),)
    assert ("name was “Ashford Early Learning Network”, now “Ashford Ready Kids Network”"
            in renamed.message)
    assert montgomery_entry not in {entry for entry, _ in reviews}
    # the log itself is untouched by the reload
    assert len(D.current(db)) == 4


def test_reconfirming_clears_the_review_and_keeps_the_old_entry(loaded):
    folder, db = loaded
    first = combine_readiness(db)
    changed_ashford(folder)
    load(folder, db)
    assert [r.entry.entry_id for r in D.review_after_load(db)] == [first]
    again = D.reconfirm(db, first, "co-facilitator")
    assert D.review_after_load(db) == []
    [now] = D.current(db)
    assert now.entry_id == again and now.supersedes == (first,) and now.value == \
        "Every child enters kindergarten ready to learn"
    assert now.subjects[0].snapshot["statement"] == REWORDED
    assert D.history(db, now.subjects[0])[0].subjects[0].snapshot["statement"] == ASHFORD_READY


# --- export ---------------------------------------------------------------------------------

def test_the_log_exports_to_excel_with_typed_text_kept_as_text(loaded, tmp_path):
    folder, db = loaded
    first = combine_readiness(db)
    D.record(db, D.Decision(
        "add", (D.subject("shared_goal", "=HYPERLINK(\"http://x\",\"click\")"),), "code 7",
        value="+ more summer learning", rationale="@everyone agreed; -1 dissent noted"))
    changed_ashford(folder)
    load(folder, db)
    path = D.export_xlsx(db, tmp_path / "decisions.xlsx")
    workbook = openpyxl.load_workbook(path)
    log = workbook[D.LOG_SHEET]
    rows = list(log.iter_rows(values_only=True))
    assert rows[0] == D.LOG_COLUMNS
    by_id = {row[0]: dict(zip(D.LOG_COLUMNS, row)) for row in rows[1:]}
    assert by_id[first]["Needs review"].startswith("Needs review: Goal: Ashford")
    assert by_id[first]["In force"] == "yes"
    added = by_id[first + 1]
    assert added["Value"] == "'+ more summer learning"
    assert added["Rationale"] == "'@everyone agreed; -1 dissent noted"
    assert added["By"] == "code 7" and added["Needs review"] in (None, "")
    assert not [c.coordinate for sheet in workbook for row in sheet.iter_rows() for c in row
                if c.data_type == "f"]
    snapshots = list(workbook[D.SUBJECTS_SHEET].iter_rows(values_only=True))
    assert any(row[0] == first and "statement: " + ASHFORD_READY in row[4] for row in snapshots)


# --- many writers at once ---------------------------------------------------------------

WRITERS, ENTRIES_EACH = 6, 20
# fork starts a writer without importing pandas again; spawn where there is no fork.
START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _write_entries(db: str, writer: int, start, results) -> None:
    errors = []
    start.wait()
    for number in range(ENTRIES_EACH):
        try:
            D.record(db, D.Decision(
                "agree", (D.subject("coalition", "Ready by Five Bell-Calder"),
                          D.subject("umbrella_parameter", "Governance structure")),
                f"code {writer}", value="Shared backbone", details={"n": number}))
        except Exception:  # noqa: BLE001 - every failure is reported to the test
            errors.append(traceback.format_exc())
    results.put((writer, errors))


def _load_until_stopped(db: str, started, stop, results) -> None:
    loads, errors = 0, []
    community = load_community(EXAMPLE)
    started.set()
    while not stop.is_set() or loads == 0:
        try:
            load_paths([EXAMPLE / "checklists"], db, community)
            loads += 1
        except Exception:  # noqa: BLE001
            errors.append(traceback.format_exc())
            break
    results.put(("loader", loads, errors))


def _run_writers(context, db: Path, started=None) -> list:
    start, results = context.Barrier(WRITERS), context.Queue()
    if started is not None:
        started.wait()
    writers = [context.Process(target=_write_entries, args=(str(db), w, start, results))
               for w in range(WRITERS)]
    for process in writers:
        process.start()
    reports = [results.get() for _ in writers]
    for process in writers:
        process.join()
    return reports


@pytest.fixture(scope="module")
def example_loaded(tmp_path_factory):
    db = tmp_path_factory.mktemp("example") / "workbook.db"
    load_paths([EXAMPLE / "checklists"], db, load_community(EXAMPLE))
    return db


@pytest.fixture
def example_db(example_loaded, tmp_path):
    return Path(shutil.copy(example_loaded, tmp_path / "workbook.db"))


def test_many_processes_writing_at_once_give_every_entry(example_db):
    reports = _run_writers(multiprocessing.get_context(START_METHOD), example_db)
    assert [errors for _, errors in reports] == [[]] * WRITERS
    log = D.entries(example_db)
    assert len(log) == WRITERS * ENTRIES_EACH
    assert len({e.entry_id for e in log}) == WRITERS * ENTRIES_EACH
    assert sorted((e.by, e.details["n"]) for e in log) == sorted(
        (f"code {w}", n) for w in range(WRITERS) for n in range(ENTRIES_EACH))


def test_many_writers_while_a_load_rewrites_the_tables(example_db):
    context = multiprocessing.get_context(START_METHOD)
    started, stop, loader_results = context.Event(), context.Event(), context.Queue()
    loader = context.Process(target=_load_until_stopped,
                             args=(str(example_db), started, stop, loader_results))
    loader.start()
    try:
        reports = _run_writers(context, example_db, started)
    finally:
        stop.set()
    _, loads, load_errors = loader_results.get()
    loader.join()
    assert load_errors == [] and loads >= 1
    assert [errors for _, errors in reports] == [[]] * WRITERS
    assert len(D.entries(example_db)) == WRITERS * ENTRIES_EACH
    assert D.review_after_load(example_db) == []


def test_a_database_locked_too_long_is_a_message_not_an_sqlite_error(loaded):
    _, db = loaded
    combine_readiness(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # e.g. another program in the middle of a long write
    impatient = store.connect_shared(db)
    impatient.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(D.DecisionLogBusy, match="The decision log is busy") as raised:
            combine_readiness(impatient)
        assert "database is locked" not in str(raised.value)
        assert len(D.entries(impatient)) == 1  # readers are not held up by the writer (WAL)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert combine_readiness(impatient) == 2
    impatient.close()


def test_the_first_look_at_a_locked_database_is_a_message_too(tmp_path):
    db = tmp_path / "workbook.db"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA journal_mode = WAL")
    holder.execute("CREATE TABLE loads (load_id INTEGER PRIMARY KEY)")
    holder.execute("BEGIN IMMEDIATE")  # the log's tables cannot be made yet
    impatient = store.connect_shared(db)
    impatient.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(D.DecisionLogBusy):
            D.entries(impatient)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert D.entries(impatient) == []
    impatient.close()


def test_when_is_stored_in_utc_and_shown_in_the_rooms_time(loaded, monkeypatch):
    _, db = loaded
    combine_readiness(db)
    [entry] = D.entries(db)
    monkeypatch.setenv("TZ", "America/Chicago")
    time.tzset()
    try:
        shown = entry.decided_local
    finally:
        monkeypatch.undo()
        time.tzset()
    chicago = entry.decided_at - dt.timedelta(hours=6)  # Central Standard Time in November
    assert shown.endswith(f"{chicago:%H:%M}") and f"{chicago.day} {chicago:%B %Y}" in shown


def test_two_goals_of_one_coalition_worded_alike_stay_apart(tmp_path):
    # one goal typed twice, for two populations, as coalitions often do
    goals = [dict(ASHFORD_ROWS["goals"][0]),
             {"goal_id": "G2", "population": "Families", "issue_area": "Early childhood",
              "statement": "Increase the number of children ready for kindergarten"}]
    folder = tmp_path / "checklists"
    folder.mkdir()
    ashford_checklist(folder, "ashford.xlsx", rows={"goals": goals, "strategies": []})
    db = tmp_path / "workbook.db"
    load(folder, db)
    first = D.subject("goal", ASHFORD, goals[0]["statement"])
    second = D.subject("goal", ASHFORD, goals[1]["statement"])
    assert first.key == second.key  # the overlaps read them as one wording
    D.record(db, D.Decision("keep", (first,), "facilitator"))
    D.record(db, D.Decision("retire", (second,), "facilitator"))
    assert [(e.kind, e.subjects[0].snapshot["goal_id"]) for e in D.current(db)] == [
        ("keep", "G1"), ("retire", "G2")]
    load(folder, db)
    assert D.review_after_load(db) == []
