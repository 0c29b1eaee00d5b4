"""Task 4, negotiate the umbrella: option lists, stances in rounds, the agreement map,
recording an agreed option, and the readiness check."""
import sqlite3

import pandas as pd
import pytest

from workbook import decisions
from workbook import schema as S
from workbook.community import default_community, load_community
from workbook.loading import load_paths
from workbook.roomstore import forms
from workbook.tasks.umbrella import agreement as A
from workbook.tasks.umbrella import options as O
from workbook.tasks.umbrella import readiness as R
from workbook.tasks.umbrella import stances as T

from .builders import checklist

MCELC = "Montgomery County Early Learning Coalition"
PREVENTION = "Dayton Youth Substance Abuse Prevention Coalition"
LEARN = "Learn to Earn Dayton"
HOUSING = "Miami Valley Housing Coalition"
ROOM = [MCELC, PREVENTION, LEARN, HOUSING]


# --- option lists ------------------------------------------------------------------------

def test_seeded_options_are_what_coalitions_cover_with_how_many_cover_each(tmp_path):
    checklist(tmp_path, "mcelc.xlsx")  # Prenatal to 5, Families; Early childhood
    checklist(tmp_path, "prevention.xlsx", coalition={
        "name": PREVENTION, "short_name": "DYSAPC", "populations": ["Youth 12-17", "Families"],
        "issue_areas": ["Youth substance use", "Mental health"]})
    db = tmp_path / "w.db"
    load_paths(sorted(tmp_path.glob("*.xlsx")), db, default_community())
    lists = O.option_lists(default_community(), db)
    population = lists.table[lists.table["parameter"] == "population_focus"]
    assert dict(zip(population["option"], population["coalitions_covering"])) == {
        "Families": 2, "Prenatal to 5": 1, "Youth 12-17": 1}
    assert population["option"].iloc[0] == "Families"  # most covered first
    assert set(population["source"]) == {O.SEEDED}
    assert set(lists.options("issue_focus")) == {"Early childhood", "Youth substance use",
                                                 "Mental health"}
    assert lists.options("geographic_scope") == ["Montgomery County"]
    assert lists.options("decision_rule") == ["Consensus", "Consent", "Majority", "Supermajority"]
    blending = lists.table[lists.table["parameter"] == "resource_blending"]
    assert blending["meaning"].str.len().gt(0).all()


def test_community_toml_replaces_a_list_and_a_list_it_cannot_use_is_reported(tmp_path):
    (tmp_path / "community.toml").write_text(
        'name = "Greater Dayton"\n[umbrella]\n'
        'decision_rule = ["Consensus", "Two-thirds vote", "Consensus"]\n'
        'governance = ["Shared"]\nresource_blending = "Braided"\n', encoding="utf-8")
    lists = O.option_lists(load_community(tmp_path))
    assert lists.options("decision_rule") == ["Consensus", "Two-thirds vote"]
    assert lists.options("resource_blending") == ["Aligned", "Braided", "Blended", "Pooled fund"]
    ignored = [p for p in lists.problems if p.code == "UMBRELLA_SETTING_IGNORED"]
    assert len(ignored) == 2
    assert any("'governance'" in p.message for p in ignored)
    assert any("'resource_blending'" in p.message for p in ignored)


# --- stances: three ways in, one validation ----------------------------------------------

@pytest.fixture
def room(tmp_path):
    community = default_community()
    sform = T.stance_form(O.option_lists(community))
    return tmp_path / "w.db", sform, community


GIVEN = {("decision_rule", "Consensus"): "Must have",
         ("decision_rule", "Majority"): ("cannot accept", "Small coalitions would be outvoted"),
         ("resource_blending", "Pooled fund"): "Maybe"}


def _three_ways(tmp_path, db, sform, community, given):
    round_id = T.current_round(db) or T.open_round(db)
    T.give_code(db, MCELC, "code-7")
    excel = T.write_stance_form(sform, community, tmp_path / "mcelc.xlsx", round_id, MCELC,
                                given)
    web_values = {k: (str(v) if k == "round" else v)
                  for k, v in T.form_values(sform, round_id, MCELC, given).items()}
    return (T.load_stance_files([excel], db, sform, community)[0],
            T.submit_web(db, sform, web_values, "code-7", community),
            T.enter_live(db, sform, MCELC, given, community))


def _said(outcome):
    return sorted((p.code, p.cell, p.field) for p in outcome.problems)


def test_excel_web_and_live_stances_get_the_same_problems_and_none_is_stored(tmp_path, room):
    db, sform, community = room
    excel, web, live = _three_ways(tmp_path, db, sform, community, GIVEN)
    assert _said(excel) == _said(web) == _said(live)
    codes = {p.code for p in live.problems}
    assert {"CELL_NOT_IN_LIST", "CELL_CASE_FIXED", "FORM_NOT_STORED"} <= codes
    assert not (excel.stored or web.stored or live.stored)
    assert T.stances(db).empty


def test_excel_web_and_live_stances_are_stored_alike(tmp_path, room):
    db, sform, community = room
    given = {**GIVEN, ("resource_blending", "Pooled fund"): "Can accept",
             ("decision_rule", "Supermajority"): "Cannot accept"}
    outcomes = _three_ways(tmp_path, db, sform, community, given)
    assert all(o.stored for o in outcomes)
    assert {o.coalition for o in outcomes} == {MCELC}
    assert outcomes[0].stances == outcomes[1].stances == outcomes[2].stances
    # A block with no reason is stored, with a warning at its cell, the same three ways.
    assert _said(outcomes[0]) == _said(outcomes[1]) == _said(outcomes[2])
    assert "UMBRELLA_BLOCK_NO_REASON" in {p.code for p in outcomes[2].problems}
    shown = T.stances(db).set_index(["parameter", "option"])
    assert shown.loc[("decision_rule", "Majority"), "stance"] == S.CANNOT_ACCEPT
    assert shown.loc[("decision_rule", "Majority"), "reason"] == \
        "Small coalitions would be outvoted"


def test_the_excel_stance_form_comes_filled_with_the_coalition_round_and_every_option(
        tmp_path, room):
    import openpyxl
    db, sform, community = room
    path = T.write_stance_form(sform, community, tmp_path / "learn.xlsx", 2, LEARN,
                               {("decision_rule", "Consent"): "Prefer"})
    sheet = openpyxl.load_workbook(path)["Stances"]
    answers = {row[0]: row[1] for row in sheet.iter_rows(min_row=S.FORM_FIRST_ROW,
                                                         values_only=True) if row[0]}
    assert answers["Your coalition *"] == LEARN and answers["Round *"] == 2
    assert answers["Decision rule: Consent"] == "Prefer"
    offered = O.option_lists(community).table
    for title, option in zip(offered["parameter_title"], offered["option"]):
        assert f"{title}: {option}" in answers


def test_no_blocks_at_all_gives_empty_blocker_lists():
    said = _room_stances()
    said = said[said["stance"] != S.CANNOT_ACCEPT]
    table = A.per_option(said, _room_options(), ROOM)
    assert table["blocks"].sum() == 0 and all(b == [] for b in table["blockers"])


def test_a_web_code_not_given_to_a_coalition_stores_nothing(room):
    db, sform, community = room
    T.open_round(db)
    outcome = T.submit_web(db, sform, {"round": "1", "s1": "Prefer"}, "code-unknown", community)
    assert not outcome.stored
    assert [p.code for p in outcome.errors] == ["UMBRELLA_CODE_NO_COALITION"]


def test_stances_for_a_round_never_opened_are_refused(room):
    db, sform, community = room
    T.open_round(db)
    outcome = T.enter_live(db, sform, LEARN, {("decision_rule", "Consent"): "Prefer"},
                           community, round_id=5)
    assert not outcome.stored
    assert "FORM_ROUND_UNKNOWN" in {p.code for p in outcome.errors}


# --- rounds and movement ------------------------------------------------------------------

def test_every_round_is_kept_and_movement_between_rounds_is_shown(room):
    db, sform, community = room
    first = T.open_round(db)
    T.enter_live(db, sform, MCELC, {("decision_rule", "Majority"): (
        "Cannot accept", "Small coalitions would be outvoted"),
        ("decision_rule", "Consent"): "Cannot accept"}, community)
    T.enter_live(db, sform, LEARN, {("decision_rule", "Majority"): "Must have"}, community)
    # Later in the same round the latest stance counts; a blank leaves the earlier one.
    T.enter_live(db, sform, LEARN, {("decision_rule", "Consensus"): "Can accept"}, community)
    second = T.open_round(db)
    T.enter_live(db, sform, MCELC, {("decision_rule", "Majority"): (
        "Cannot accept", "Still: small coalitions would be outvoted"),
        ("decision_rule", "Consent"): "Can accept"}, community)
    T.enter_live(db, sform, LEARN, {("decision_rule", "Majority"): "Prefer",
                                    ("decision_rule", "Consensus"): "Can accept"}, community)
    assert T.rounds(db) == [first, second]
    assert len(T.stances(db, first)) == 4  # round 1 kept as it was
    moved = T.movement(db, first, second).set_index(["coalition", "option"])["change"]
    assert moved[(MCELC, "Majority")] == "unchanged"  # the persistent block
    assert moved[(MCELC, "Consent")] == "block lifted"
    assert moved[(LEARN, "Majority")] == "weaker"
    assert moved[(LEARN, "Consensus")] == "unchanged"
    # Typed again with other case and spacing: still the same coalition.
    T.enter_live(db, sform, "Learn To Earn  Dayton", {("decision_rule", "Consent"): "Prefer"},
                 community)
    assert set(T.stances(db, second)["coalition"]) == {MCELC, LEARN}
    counted = T.movement_counts(T.movement(db, first, second)).loc["decision_rule"]
    assert (counted["block lifted"], counted["weaker"], counted["unchanged"]) == (1, 1, 2)
    with sqlite3.connect(db) as connection, pytest.raises(sqlite3.DatabaseError,
                                                          match="kept as given"):
        connection.execute("UPDATE umbrella_stances SET stance = 'Prefer'")


# --- the agreement map on a hand-built room ------------------------------------------------

def _room_stances() -> pd.DataFrame:
    said = [
        (MCELC, "decision_rule", "Consensus", "Must have", None),
        (PREVENTION, "decision_rule", "Consensus", "Can accept", None),
        (LEARN, "decision_rule", "Consensus", "Can accept", None),
        (HOUSING, "decision_rule", "Consensus", "Can accept", None),
        (MCELC, "decision_rule", "Majority", "Cannot accept", "Small coalitions outvoted"),
        (PREVENTION, "decision_rule", "Majority", "Can accept", None),
        (LEARN, "decision_rule", "Majority", "Prefer", None),
        (HOUSING, "decision_rule", "Majority", "Cannot accept", None),
        (MCELC, "decision_rule", "Consent", "Can accept", None),
        (PREVENTION, "decision_rule", "Consent", "Prefer", None),
        (LEARN, "decision_rule", "Consent", "Can accept", None),
        # Resource blending: every option is blocked by someone.
        (MCELC, "resource_blending", "Aligned", "Prefer", None),
        (PREVENTION, "resource_blending", "Aligned", "Can accept", None),
        (LEARN, "resource_blending", "Aligned", "Can accept", None),
        (HOUSING, "resource_blending", "Aligned", "Cannot accept", "Aligned budgets changed "
                                                                   "nothing last time"),
        (MCELC, "resource_blending", "Braided", "Cannot accept", "Our county grant forbids it"),
        (PREVENTION, "resource_blending", "Braided", "Prefer", None),
        (LEARN, "resource_blending", "Braided", "Must have", None),
        (HOUSING, "resource_blending", "Braided", "Prefer", None),
        (MCELC, "resource_blending", "Pooled fund", "Cannot accept", None),
        (HOUSING, "resource_blending", "Pooled fund", "Cannot accept", None),
        (LEARN, "resource_blending", "Pooled fund", "Prefer", None),
    ]
    return pd.DataFrame([{"round": 2, "coalition": c, "parameter": p, "option": o,
                          "stance": s, "reason": r} for c, p, o, s, r in said])


def _room_options() -> pd.DataFrame:
    table = O.option_lists(default_community()).table
    return table[table["parameter"].isin(["decision_rule", "resource_blending"])]


def test_the_matrix_holds_each_coalitions_stance_and_blanks_where_none_was_given():
    grid = A.matrix(_room_stances(), _room_options(), ROOM)
    assert list(grid.columns) == ROOM
    assert len(grid) == 8  # four rules, four ways of blending
    assert grid.loc[("decision_rule", "Majority"), HOUSING] == S.CANNOT_ACCEPT
    assert grid.loc[("decision_rule", "Consent"), HOUSING] == A.NO_STANCE
    assert (grid.loc[("decision_rule", "Supermajority")] == A.NO_STANCE).all()


def test_per_option_counts_who_can_live_with_it_and_who_blocks_and_why():
    table = A.per_option(_room_stances(), _room_options(), ROOM).set_index(["parameter",
                                                                            "option"])
    consensus = table.loc[("decision_rule", "Consensus")]
    assert (consensus["can_live"], consensus["blocks"], consensus["accepted_by_all"]) == \
        (4, 0, True)
    majority = table.loc[("decision_rule", "Majority")]
    assert (majority["can_live"], majority["blocks"]) == (2, 2)
    assert majority["blockers"] == [HOUSING, f"{MCELC}: Small coalitions outvoted"]
    consent = table.loc[("decision_rule", "Consent")]
    # Nobody blocks, but one coalition has not said: not accepted by all.
    assert (consent["blocks"], consent["no_stance"], consent["accepted_by_all"]) == (0, 1, False)


def test_the_set_closest_to_consensus_and_what_each_coalition_concedes():
    found = A.closest_to_consensus(_room_stances(), _room_options(), ROOM)
    sets = found.sets.set_index("parameter")
    assert sets.loc["decision_rule", "options"] == ["Consensus"]
    assert bool(sets.loc["decision_rule", "accepted_by_all"])
    # Aligned and Braided have one block and three who can live with each; Braided has
    # more support (three prefer or must have it against one).
    assert sets.loc["resource_blending", "options"] == ["Braided"]
    assert sets.loc["resource_blending", "blocks_left"] == 1
    conceded = found.concessions.set_index(["parameter", "coalition"])["concedes"]
    assert conceded[("decision_rule", LEARN)] == "does without its preference: Majority"
    assert conceded[("decision_rule", HOUSING)] == "nothing"
    assert conceded[("resource_blending", MCELC)] == (
        "accepts what it said it cannot: Braided (Our county grant forbids it); "
        "does without its preference: Aligned")


def test_coalitions_with_the_same_stances_are_grouped_and_opposite_ones_apart():
    rows = []
    for coalition, stance in ((MCELC, "Must have"), (LEARN, "Must have"),
                              (PREVENTION, "Cannot accept"), (HOUSING, "Cannot accept")):
        for option in ("Consensus", "Consent"):
            rows.append({"coalition": coalition, "parameter": "decision_rule", "option": option,
                         "stance": stance, "reason": None})
    groups = A.like_minded(pd.DataFrame(rows)).set_index("coalition")["group"]
    assert groups[MCELC] == groups[LEARN] != groups[PREVENTION] == groups[HOUSING]
    assert len(A.CLUSTER_CAVEATS) >= 3


def test_an_agreed_option_goes_to_the_decision_log_with_rule_round_dissent_and_who(tmp_path):
    db = tmp_path / "w.db"
    said = _room_stances()
    entry_id = A.record_agreed(db, "resource_blending", "Braided", "Consent", 2,
                               "co-facilitator", stances=said,
                               rationale="Braiding keeps each grant's reporting intact")
    [entry] = decisions.current(db, "umbrella_parameter")
    assert entry.entry_id == entry_id and entry.kind == "agree" and entry.value == "Braided"
    assert entry.by == "co-facilitator"
    assert entry.details["decision_rule"] == "Consent" and entry.details["round"] == 2
    assert entry.details["dissent"] == [f"{MCELC} on Braided: Our county grant forbids it"]
    assert entry.subjects[0].label == "Resource blending"
    with pytest.raises(decisions.DecisionError):
        A.record_agreed(db, "governance", "Hybrid", "Consensus", 2, "facilitator")
    A.record_agreed(db, "decision_rule", ["Consensus", "Majority"], "Consensus", 2,
                    "facilitator", stances=said)
    [rule] = [e for e in decisions.current(db, "umbrella_parameter") if e.entry_id != entry_id]
    assert rule.value == "Consensus; Majority"
    assert rule.details["dissent"] == [f"{MCELC} on Majority: Small coalitions outvoted",
                                       f"{HOUSING} on Majority"]


# --- readiness ----------------------------------------------------------------------------

def test_every_ingredient_has_three_to_five_statements():
    assert len(R.INGREDIENTS) == 5
    assert all(3 <= len(statements) <= 5 for statements in R.INGREDIENTS.values())


def test_readiness_results_give_the_distribution_n_and_a_band_per_ingredient(tmp_path):
    db, community = tmp_path / "w.db", default_community()
    round_ = forms.open_round(db, R.READINESS, "Readiness check, November")
    answers = {"code-1": {"r1_1": "5", "r1_2": "4", "r1_3": "Don't know", "r2_1": "2"},
               "code-2": {"r1_1": "4", "r1_2": "4", "r2_1": "3", "r2_2": "2"}}
    for code, given in answers.items():
        outcome = forms.submit_web(db, R.READINESS, {"round": str(round_.round_id), **given},
                                   code, community)
        assert outcome.stored, outcome.problems
    table = R.results(db).set_index("ingredient")
    leaders = table.loc["Leaders at the top and in the middle"]
    assert (leaders["n"], leaders["dont_know"], leaders["4"], leaders["5"]) == (4, 1, 3, 1)
    assert leaders["band"] == "strength"  # mean 4.25
    trust = table.loc["Trusted relationships"]
    assert (trust["n"], trust["low"], trust["band"]) == (3, 2, "concern")  # mean 2.33
    assert table.loc["Opportunity moments", "band"] == "no answers"
    stricter = R.results(db, R.Bands(strength=4.5, discuss=2.0)).set_index("ingredient")
    assert stricter.loc["Leaders at the top and in the middle", "band"] == "discuss"
    assert stricter.loc["Trusted relationships", "band"] == "discuss"


def test_the_readiness_excel_form_is_read_like_the_web_form(tmp_path):
    from workbook.roomstore import access
    db, community = tmp_path / "w.db", default_community()
    round_ = forms.open_round(db, R.READINESS, "Readiness check")
    code = access.issue(db, access.PERSON, "LaToya Jenkins").code
    path = forms.write_excel_form(R.READINESS, community, tmp_path / "readiness.xlsx", round_,
                                  {"attendee_code": code, "r3_1": "5", "r3_2": "Don't know"})
    [outcome] = forms.load_form_files([path], db, R.READINESS, community)
    assert outcome.stored, outcome.problems
    urgency = R.results(db).set_index("ingredient").loc["A compelling rationale and urgency"]
    assert (urgency["n"], urgency["5"], urgency["dont_know"]) == (1, 1, 1)


def test_a_readiness_answer_off_the_scale_is_refused_like_any_room_form(tmp_path):
    db = tmp_path / "w.db"
    round_ = forms.open_round(db, R.READINESS, "Readiness check")
    outcome = forms.submit_web(db, R.READINESS, {"round": str(round_.round_id), "r1_1": "6"},
                               "code-1", default_community())
    assert not outcome.stored and "CELL_NOT_IN_LIST" in {p.code for p in outcome.errors}


def test_readiness_bands_come_from_community_toml_and_unusable_ones_are_reported(tmp_path):
    (tmp_path / "community.toml").write_text("[readiness]\nstrength = 4.5\ndiscuss = 3.5\n",
                                             encoding="utf-8")
    bands, problems = R.bands_for(load_community(tmp_path))
    assert (bands.strength, bands.discuss, problems) == (4.5, 3.5, [])
    assert bands.band(4.2) == "discuss" and bands.band(3.4) == "concern"
    (tmp_path / "community.toml").write_text("[readiness]\nstrength = 3\ndiscuss = 4\n",
                                             encoding="utf-8")
    bands, problems = R.bands_for(load_community(tmp_path))
    assert bands == R.Bands()
    assert [p.code for p in problems] == ["READINESS_BANDS_IGNORED"]


def test_opportunity_moments_are_logged_soonest_first_and_need_a_date(tmp_path):
    db = tmp_path / "w.db"
    R.note_moment(db, "Ohio biennial budget hearings", "2027-03-02",
                  "State early-learning dollars are set for two years", "LaToya Jenkins")
    R.note_moment(db, "Montgomery County levy renewal vote", "2026-11-03",
                  "The human services levy funds half our members", "Marcus Bell")
    assert R.moments(db)["event"].tolist() == ["Montgomery County levy renewal vote",
                                               "Ohio biennial budget hearings"]
    with pytest.raises(ValueError, match="not a date"):
        R.note_moment(db, "Funder convening", "next spring", "New pooled fund", "Angela Ruiz")
    with pytest.raises(ValueError, match="who acts"):
        R.note_moment(db, "Funder convening", "2027-04-01", "New pooled fund", " ")


# --- the draft charter --------------------------------------------------------------------

def test_the_charter_holds_what_was_decided_and_marks_the_rest_to_be_decided(tmp_path, room):
    from docx import Document

    from workbook.tasks.umbrella import charter as C
    db, sform, community = room
    T.open_round(db)
    T.enter_live(db, sform, MCELC, {("resource_blending", "Braided"): (
        "Cannot accept", "Our county grant forbids it")}, community)
    A.record_agreed(db, "resource_blending", "Braided", "Consent", 1, "facilitator",
                    stances=T.stances(db))
    path = C.write_charter(db, tmp_path / "charter.docx",
                           open_questions=["Who hosts the shared data analyst?"])
    document = Document(path)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [title for title, _ in C.SECTIONS]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Resource blending: Braided (agreed by Consent, round 1" in text
    assert f"Dissent noted: {MCELC} on Braided: Our county grant forbids it" in text
    assert "Decision rule: To be decided." in text
    assert "name: To be decided" in text
    assert "Who hosts the shared data analyst?" in text
    member_rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert member_rows[1] == [MCELC, "–", "Braided (Our county grant forbids it)"]
