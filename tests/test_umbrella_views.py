"""Notebook 4's panels, clicked programmatically, and the notebook run headless on the
example and on a sampled community of 50: what the facilitator enters lands in the stance
tables and the decision log, the map and the other laptop follow, and the charter says what
was decided. Also: the example's umbrella files, their loader and their build."""
from __future__ import annotations

import io
import random
import shutil
from pathlib import Path

import nbformat
import pytest
from docx import Document

from workbook import decisions as D
from workbook import schema as S
from workbook.community import load_community
from workbook.loading import load_paths
from workbook.roomstore import access, forms
from workbook.sample import example_umbrella as X
from workbook.tasks.umbrella import agreement as A
from workbook.tasks.umbrella import charter as C
from workbook.tasks.umbrella import options as O
from workbook.tasks.umbrella import readiness as R
from workbook.tasks.umbrella import stances as T
from workbook.tasks.umbrella.loading import load_umbrella
from workbook.views import live, umbrella, umbrella_decide, umbrella_map
from workbook.workspace import Workspace

from .test_dashboards import _errors, _run_notebook
from .conftest import EXAMPLE, ROOT, sampled_community_50

NOTEBOOK = ROOT / "notebooks" / "4_negotiate_the_umbrella.ipynb"
UMBRELLA = EXAMPLE / "umbrella"


@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("t4") / "workbook.db"
    community = load_community(EXAMPLE)
    load_paths([community.checklists_dir], db, community)
    load_umbrella(UMBRELLA, db, community)
    return db


@pytest.fixture
def workspace(example_db, tmp_path):
    db = tmp_path / "workbook.db"
    shutil.copy(example_db, db)
    live._WATCHERS.clear()  # one watcher per database path and kernel
    return Workspace(load_community(EXAMPLE), db)


# --- the example's files -------------------------------------------------------------------

def test_the_example_moves_toward_agreement_keeps_one_block_and_decided_a_parameter(example_db):
    assert T.rounds(example_db) == [1, 2]
    blocks = {r: set(zip(*(T.stances(example_db, r).query("stance == @S.CANNOT_ACCEPT")[c]
                           for c in ("coalition", "option")))) for r in (1, 2)}
    assert len(blocks[1]) > len(blocks[2]) == 1  # blocks lifted, one kept
    assert blocks[2] <= blocks[1]
    assert set(T.stances(example_db, 1)["coalition"]) == set(X.ROOM)
    moved = T.movement_counts(T.movement(example_db, 1, 2))
    assert moved["block lifted"].sum() == len(blocks[1]) - 1 and moved["now blocks"].sum() == 0
    [agreed] = D.current(example_db, "umbrella_parameter")
    assert agreed.details["decision_rule"] and agreed.details["round"] == 2
    per = A.per_option(T.stances(example_db, 2), O.option_lists(
        load_community(EXAMPLE), example_db).table)
    assert per.set_index("option").loc[agreed.value, "accepted_by_all"]
    results = R.results(example_db)
    assert (results["n"] > 0).all() and results["dont_know"].sum() > 0
    assert len(set(results["band"])) >= 2  # the room has strengths and concerns
    assert len(R.moments(example_db)) == len(X.MOMENTS)


def test_loading_the_folder_again_stores_nothing_twice(workspace):
    before = (len(T.stances(workspace.db, 2)), len(D.entries(workspace.db)),
              len(R.moments(workspace.db)))
    report = load_umbrella(UMBRELLA, workspace.db, workspace.community)
    assert not any(o.stored and not any(p.code == "FORM_ALREADY_LOADED" for p in o.problems)
                   for o in report.stances)
    assert (report.moments_added, report.agreed_added) == (0, 0)
    assert before == (len(T.stances(workspace.db, 2)), len(D.entries(workspace.db)),
                      len(R.moments(workspace.db)))


def test_a_csv_line_that_cannot_be_used_is_named_and_the_rest_loaded(workspace, tmp_path):
    folder = tmp_path / "umbrella"
    folder.mkdir()
    (folder / "opportunity-moments.csv").write_text(
        "Event,Date,Why it matters,Who acts\n"
        "United Way of Riverbend grant cycle,March 2027,Backbone funding,Graduate Riverbend\n"
        "Mayor's budget hearing,2027-05-06,,\n"
        "School board retreat,2027-06-10,The districts set goals,"
        "Riverbend Literacy Collaborative\n",
        encoding="utf-8")
    report = load_umbrella(folder, workspace.db, workspace.community)
    assert report.moments_added == 1
    lines = {p.row: p for p in report.problems}
    assert set(lines) == {2, 3} and all(p.code == "UMBRELLA_LINE_NOT_USED" for p in lines.values())
    assert "not a date" in lines[2].message and "no why it matters" in lines[3].message


def test_the_example_readiness_forms_carry_codes_from_its_paper_slips(workspace):
    example_db = workspace.db
    report = load_umbrella(UMBRELLA, example_db, workspace.community)  # loaded once before
    assert report.codes_added == 0 and not report.problems
    assert not [p for o in report.readiness for p in o.problems
                if p.code == "FORM_CODE_NOT_ISSUED"]
    slips = {plain: c for c, plain in ((r["coalition"], access.normalise(r["code"]))
                                       for r in X.paper_codes())}
    assert {access.find(example_db, code).label for code in slips} == set(X.ROOM)


def test_a_code_on_no_slip_is_still_warned_and_a_short_slip_refused(workspace, tmp_path):
    folder = tmp_path / "umbrella"
    (folder / "readiness").mkdir(parents=True)
    (folder / "paper-codes.csv").write_text(
        "Coalition,Code\n"
        "Riverbend Reentry Coalition,RRC-7K4P-QM\n"
        "Bell County Healthy Futures,BC-9\n", encoding="utf-8")
    answers = "433 4434 443 322 2d3"
    for name, typed in (("reentry", "rrc 7k4p qm"), ("mistyped", "RRC-7K4P-QN")):
        forms.write_excel_form(R.READINESS, workspace.community,
                               folder / "readiness" / f"{name}-readiness.xlsx",
                               values=X.readiness_values(answers, typed))
    report = load_umbrella(folder, workspace.db, workspace.community)
    assert report.codes_added == 1
    [short] = report.problems
    assert short.code == "UMBRELLA_LINE_NOT_USED" and short.row == 3 and "BC-9" in short.message
    warned = {Path(o.source).name: [p.code for p in o.problems] for o in report.readiness}
    assert all(o.stored for o in report.readiness)
    assert warned == {"reentry-readiness.xlsx": [],
                      "mistyped-readiness.xlsx": ["FORM_CODE_NOT_ISSUED"]}
    issued = access.find(workspace.db, "RRC7K4PQM")
    assert issued.kind == access.COALITION and issued.label == "Riverbend Reentry Coalition"
    assert T.coalition_for_code(workspace.db, issued.code_id) == "Riverbend Reentry Coalition"
    assert load_umbrella(folder, workspace.db, workspace.community).codes_added == 0


def test_committed_example_files_match_their_curated_source(tmp_path, example_db):
    community = load_community(EXAMPLE)
    written = X.build(tmp_path, community, O.option_lists(community, example_db))
    committed = sorted(p.relative_to(UMBRELLA) for p in UMBRELLA.rglob("*") if p.is_file())
    assert sorted(p.relative_to(tmp_path) for p in written) == committed
    for path in written:
        relative = path.relative_to(tmp_path)
        assert path.read_bytes() == (UMBRELLA / relative).read_bytes(), (
            f"{relative} is stale: run data/example/build_umbrella.py and commit it")


# --- the panels -------------------------------------------------------------------------------

def test_readiness_shows_every_ingredient_with_n_and_its_band(workspace):
    panel = umbrella.readiness_panel(workspace)
    summary = panel.children[1].value
    for row in panel.data["readiness"].to_dict("records"):
        assert row["ingredient"].replace("'", "&#x27;") in summary
        assert f"n = {row['n']}" in summary
    assert "agree" in summary and "concern" in summary  # the spread, not a mean alone


def test_noting_a_moment_and_a_date_that_is_not_one(workspace):
    panel = umbrella.readiness_panel(workspace)
    event, date, why, who, note, said = panel.children[-1].children
    event.value, date.value = "Fenwick County levy vote", "next spring"
    why.value, who.value = "A levy could fund out-of-school time", "Fenwick OST Network"
    note.click()
    assert "not a date" in said.value and len(panel.data["moments"]) == len(X.MOMENTS)
    date.value = "2027-05-04"
    note.click()
    assert "Fenwick County levy vote" in set(panel.data["moments"]["event"])


def _entry(panel, coalition: str, parameter: str):
    panel.children[5].value = coalition
    panel.children[6].value = parameter
    return {c.children[0].description: c.children for c in panel.children[7].children}


def test_a_stance_entered_live_changes_the_map_and_the_other_laptop_sees_it(workspace):
    stances = umbrella_map.stances_panel(workspace)
    here = umbrella_map.agreement_panel(workspace)
    before = here.data["per_option"].set_index("option").loc["Pooled fund"]
    rows = _entry(stances, X.GR, "resource_blending")
    assert rows["Pooled fund"][0].value == "Can accept"  # what it said last is filled in
    rows["Pooled fund"][0].value = S.CANNOT_ACCEPT
    rows["Pooled fund"][1].value = "Our county match cannot leave the county"
    stances.children[8].click()
    assert "Recorded" in stances.children[9].value
    after = here.data["per_option"].set_index("option").loc["Pooled fund"]
    assert after["blocks"] == before["blocks"] + 1
    assert any(b.startswith(X.GR) and "county match" in b for b in after["blockers"])
    # the other laptop: its own panel on the same database, told at its next look
    other = umbrella_map.agreement_panel(Workspace(workspace.community, workspace.db))
    T.enter_live(workspace.db, umbrella_map.Room(workspace).form, X.RCAN,
                 {("resource_blending", "Pooled fund"): S.CANNOT_ACCEPT}, workspace.community,
                 by="co-facilitator")
    assert live.watcher(workspace.db).check()
    assert other.data["per_option"].set_index("option").loc["Pooled fund", "blocks"] == \
        after["blocks"] + 1


def test_a_coalition_at_the_table_but_silent_is_not_taken_as_consent(workspace):
    agreed = umbrella_map.agreement_panel(workspace).data["per_option"]
    agreed = agreed[agreed["accepted_by_all"]]["option"].tolist()
    assert agreed  # the example agrees on something in its last round
    T.give_code(workspace.db, "Northside Youth Council", "code-of-northside")
    per = umbrella_map.agreement_panel(workspace).data["per_option"].set_index("option")
    assert not per.loc[agreed, "accepted_by_all"].any()  # the handout counts it the same way


def test_a_block_without_reason_is_stored_and_the_room_asked_why(workspace):
    panel = umbrella_map.stances_panel(workspace)
    rows = _entry(panel, "Riverbend Reentry Coalition", "decision_rule")
    rows["Majority"][0].value = S.CANNOT_ACCEPT
    panel.children[8].click()
    assert "Recorded 1 stance" in panel.children[9].value
    assert "without a reason" in panel.children[9].value
    assert "Riverbend Reentry Coalition" in set(T.stances(workspace.db)["coalition"])


def test_opening_the_next_round_starts_from_the_last_stances_and_shows_movement(workspace):
    panel = umbrella_map.stances_panel(workspace)
    panel.children[3].click()
    assert T.rounds(workspace.db) == [1, 2, 3] and "Round 3 is open" in panel.children[1].value
    rows = _entry(panel, X.CCFC, "backbone_structure")
    assert rows["Government-based"][0].value == S.CANNOT_ACCEPT
    rows["Government-based"][0].value = "Can accept"
    rows["Government-based"][1].value = "With a resident co-chair"
    panel.children[8].click()
    moved = panel.data["movement"]
    lifted = moved[moved["change"] == "block lifted"]
    assert list(zip(lifted["coalition"], lifted["option"])) == [(X.CCFC, "Government-based")]


def test_deciding_an_option_records_rule_round_dissent_and_who(workspace):
    panel = umbrella_decide.decide_panel(workspace)
    parameter, chosen, rule = panel.children[3], panel.children[4], panel.children[5]
    assert "Decision rule: Consent" in _agreed_so_far(panel)
    parameter.value = "decision_rule"
    assert chosen.value == ("Consent",)  # the one option closest to consensus is proposed
    parameter.value = "population_focus"
    assert chosen.value == ()  # several unblocked: the room chooses
    parameter.value = "backbone_structure"
    chosen.value = ("Government-based",)
    rule.value = "Supermajority"
    assert X.CCFC in panel.children[7].value  # the dissent is shown before recording
    panel.children[8].click()
    assert "Recorded as decision" in panel.children[9].value
    agreed = C.agreed_options(D.entries(workspace.db))["Backbone structure"]
    assert agreed.value == "Government-based" and agreed.by == live.BY
    assert agreed.details["decision_rule"] == "Supermajority" and agreed.details["round"] == 2
    assert [d.split(" on ")[0] for d in agreed.details["dissent"]] == [X.CCFC]
    assert "Backbone structure: Government-based" in _agreed_so_far(panel)


def _agreed_so_far(panel) -> str:
    """The "Agreed so far" lines, each parameter's text as the room reads it."""
    return "\n".join(row.value if hasattr(row, "value") else row.children[0].value
                     for row in panel.children[1].children)


def _undo_of(panel, title: str):
    """The Undo button on the line of the agreement about *title*."""
    rows = [row for row in panel.children[1].children
            if hasattr(row, "children") and f"<b>{title}:" in row.children[0].value]
    assert len(rows) == 1, f"no single agreed line for {title}"
    return rows[0].children[1]


def test_undo_withdraws_a_recorded_agreement_as_a_new_entry(workspace):
    panel = umbrella_decide.decide_panel(workspace)
    before = D.entries(workspace.db)
    agreed = C.agreed_options(before)["Decision rule"]
    panel.children[6].value = "Round 2 came too soon for the youth council"
    _undo_of(panel, "Decision rule").click()
    after = D.entries(workspace.db)
    assert len(after) == len(before) + 1  # a new entry; the agreement stays in the log
    withdrawal = after[-1]
    assert withdrawal.kind == D.WITHDRAW and withdrawal.supersedes == (agreed.entry_id,)
    assert withdrawal.by == live.BY and "youth council" in withdrawal.rationale
    kept = next(e for e in after if e.entry_id == agreed.entry_id)
    assert kept.value == agreed.value and not kept.in_force
    assert "Decision rule" not in C.agreed_options(after)
    assert f"Decision rule: <i>{C.TO_BE_DECIDED}" in _agreed_so_far(panel)
    assert f"#{agreed.entry_id} withdrawn" in panel.children[9].value
    assert panel.children[6].value == ""


def test_undo_on_another_laptop_withdrawn_agreement_says_so_and_writes_nothing(workspace):
    panel = umbrella_decide.decide_panel(workspace)
    undo = _undo_of(panel, "Decision rule")
    agreed = C.agreed_options(D.entries(workspace.db))["Decision rule"]
    D.withdraw(workspace.db, agreed.entry_id, "co-facilitator")  # before this page redraws
    before = len(D.entries(workspace.db))
    undo.click()
    assert len(D.entries(workspace.db)) == before
    assert "wb-message" in panel.children[9].value


def test_deciding_nothing_says_why_and_writes_nothing(workspace):
    panel = umbrella_decide.decide_panel(workspace)
    before = len(D.entries(workspace.db))
    panel.children[4].value = ()
    panel.children[8].click()
    assert "Pick the option" in panel.children[9].value and len(D.entries(workspace.db)) == before


def test_consensus_names_concessions_and_groups_with_caveats(workspace):
    panel = umbrella_decide.consensus_panel(workspace)
    sets = panel.data["sets"].set_index("parameter")
    assert "Government-based" not in sets.loc["backbone_structure", "options"]
    assert (panel.data["concessions"]["concedes"] != "nothing").any()
    assert set(panel.data["groups"]["coalition"]) == set(X.ROOM)
    assert "Read with care" in panel.children[-1].value


def test_the_charter_download_holds_every_section_and_the_decision(workspace):
    panel = umbrella.charter_panel(workspace)
    name, download = panel.children[1], panel.children[-1]
    name.value = "Riverbend Cradle-to-Career Partnership"
    download.button.click()
    assert "draft-charter.docx" in download.links.value
    data = umbrella.charter_bytes(workspace.db, name.value, ["Who hosts the data?"])
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    for title, _parameters in C.SECTIONS:
        assert title in text
    assert "Riverbend Cradle-to-Career Partnership" in text and "Consent" in text
    assert "Who hosts the data?" in text and f"Population focus: {C.TO_BE_DECIDED}" in text
    D.record(workspace.db, D.Decision("agree", (D.subject("umbrella_parameter", "Hybrid"),),
                                      "co-facilitator", value="x"))
    live.watcher(workspace.db).check()
    assert "draft-charter.docx" not in download.links.value  # stale after a new decision


# --- the notebook, headless ---------------------------------------------------------------

PANELS = ["agreement", "charter", "consensus", "decide", "options", "readiness", "stances"]
SHOWN_PANELS = "print('panels:', sorted(page.panels))"
POLL_CHECK = """
import asyncio
from workbook.views import live, umbrella_map
from workbook.tasks.umbrella import stances as T
room = umbrella_map.Room(page.workspace)
blocks = lambda: int(page['agreement'].data['per_option']['blocks'].sum())
before = blocks()
T.enter_live(page.workspace.db, room.form, 'Graduate Riverbend',
             {('decision_rule', 'Consensus'): ('Cannot accept', 'Too slow')},
             page.workspace.community, by='co-facilitator')
await asyncio.sleep(live.POLL_S * 2.5)
print('polled:', blocks() == before + 1)
"""


def _run(env: dict, monkeypatch, extra: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    return _run_notebook(NOTEBOOK, env, monkeypatch, extra)


def _outputs(notebook) -> str:
    return "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                     for cell in notebook.cells if cell.cell_type == "code"
                     for o in cell.outputs)




def test_the_committed_notebook_has_no_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count")
               for c in notebook.cells if c.cell_type == "code")


@pytest.fixture(scope="module")
def example_run(example_db, tmp_path_factory):
    monkeypatch = pytest.MonkeyPatch()
    folder = tmp_path_factory.mktemp("t4-run")
    db = folder / "workbook.db"
    shutil.copy(example_db, db)
    try:
        yield _run({"WORKBOOK_COMMUNITY": str(EXAMPLE), "WORKBOOK_DB": str(db),
                    "IPYTHONDIR": str(folder / "ipython")}, monkeypatch,
                   [SHOWN_PANELS, POLL_CHECK])
    finally:
        monkeypatch.undo()


def test_notebook_4_runs_on_the_example(example_run):
    assert not _errors(example_run)
    shown = _outputs(example_run)
    assert "Traceback" not in shown and "could not be shown" not in shown
    assert f"panels: {PANELS}" in shown
    assert "polled: True" in shown  # a stance from the other laptop reached the map


def test_notebook_4_runs_on_a_sampled_community_of_50(tmp_path, monkeypatch,
                                                     sampled_50_checklists):
    folder = tmp_path / "sampled-50"
    community = sampled_community_50(sampled_50_checklists, folder)
    db = community.database_path
    load_paths([community.checklists_dir], db, community)
    _sample_stances(db, community)
    notebook = _run({"WORKBOOK_COMMUNITY": str(folder), "WORKBOOK_DB": str(db),
                     "IPYTHONDIR": str(tmp_path / "ipython")}, monkeypatch, [SHOWN_PANELS])
    assert not _errors(notebook)
    shown = _outputs(notebook)
    assert "Traceback" not in shown and "could not be shown" not in shown
    assert f"panels: {PANELS}" in shown


def _sample_stances(db, community) -> None:
    """Every sampled coalition speaks on every parameter, in two rounds (seeded)."""
    lists = O.option_lists(community, db)
    sform = T.stance_form(lists, register=False)
    names = umbrella.coalition_names(db)
    rng = random.Random(4)
    for _round in (1, 2):
        T.open_round(db)
        for name in names:
            given = {(r.parameter, r.option): (rng.choices(S.STANCES, (2, 3, 4, 1))[0],
                                               "Our board said no")
                     for r in lists.table.itertuples() if rng.random() > 0.2}
            assert T.enter_live(db, sform, name, given, community).stored
