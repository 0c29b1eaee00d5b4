"""Task 5, backbone candidates: instrument, exclusions, blindness, results and agreement."""
from __future__ import annotations

import os
import random
import sqlite3
import stat

import numpy as np
import pandas as pd
import pytest

from workbook import schema as S
from workbook.community import load_community
from workbook.roomstore import access
from workbook.roomstore import forms as F
from workbook.tasks.backbone import anonymity as A
from workbook.tasks.backbone import example as X
from workbook.tasks.backbone import instrument as I
from workbook.tasks.backbone import raters as R
from workbook.tasks.backbone import responses as Q
from workbook.tasks.backbone import results as T
from workbook.tasks.backbone import survey as V

from .conftest import EXAMPLE

UNITED_WAY = "United Way of Greater Cincinnati"


@pytest.fixture(scope="module")
def community():
    return load_community(EXAMPLE)


@pytest.fixture(scope="module")
def form():
    return I.with_candidates([c.name for c in X.CANDIDATES])


def _values(candidate, code, **overrides):
    values = {"round": 1, "attendee_code": code, "candidate": candidate,
              **{item: "3" for item, _ in I.ITEMS}}
    values.update(overrides)
    return values


# --- the instrument -------------------------------------------------------------------

def test_six_functions_and_six_capacities_each_on_the_scale_with_dont_know():
    assert [label for _, label, _ in I.FUNCTIONS] == [
        "Guide vision and strategy", "Support aligned activities", "Establish shared measurement",
        "Build public will", "Advance policy", "Mobilise funding"]
    assert len(I.CAPACITIES) == 6
    scored = [f for f in I.SHEET.fields if f.name.startswith(("function_", "capacity_"))]
    assert len(scored) == 12 and all(f.vocabulary == I.SCALE_LIST for f in scored)
    assert I.FORM.vocabularies[I.SCALE_LIST] == ("1", "2", "3", "4", "5", "Don't know")
    assert sum(f.name.startswith("comment_") for f in I.SHEET.fields) == 6


@pytest.mark.parametrize("typed, counted", [("4", 4), ("Don't know", None), (None, None),
                                            (4.0, 4)])
def test_dont_know_is_not_counted(typed, counted):
    assert I.score(typed) == counted


def test_the_excel_form_and_the_web_form_read_the_same(tmp_path, community, form):
    values = _values(X.CANDIDATES[1].name, "KQ3M-7X4T-RA", conflict=["Funded by"],
                     function_policy="Don't know", comment_vision="Good at strategy.")
    web = F.read_web(form, values, community)
    path = F.write_excel_form(form, community, tmp_path / "rater.xlsx", values=values)
    excel = F.read_excel(form, path, community)
    assert web.errors == [] and excel.errors == []
    assert excel.record.values == web.record.values


def test_a_rater_form_refuses_a_candidate_not_offered(community, form):
    narrowed = I.for_rater(form, [X.CANDIDATES[1].name])
    reading = F.read_web(narrowed, _values(X.CANDIDATES[0].name, "X"), community)
    assert len(reading.errors) == 1 and "not in the list" in reading.errors[0].message


# --- exclusions -----------------------------------------------------------------------

@pytest.mark.parametrize("spelling", [
    "United Way of Greater Cincinnati", "United Way Greater Cincinnati, Inc.",
    "UNITED WAY OF GREATER CINCINNATI", "The United Way of Greater Cincinnati",
    "United Way of Greater Cincinnati (UWGC)", "UWGC", "  united way of greater cincinnati "])
def test_a_rater_is_never_offered_their_own_organisation_under_any_spelling(spelling):
    candidates = [R.Candidate(UNITED_WAY), R.Candidate("Interact for Health"),
                  R.Candidate("Greater Cincinnati Foundation")]
    others = [R.Rater("Tom Nguyen", "", "Cincinnati Public Schools")]
    offered = R.offers(candidates, [R.Rater("Maria Gonzalez", "", spelling)] + others)
    mine = offered[offered.rater == 0].set_index("candidate")
    assert not mine.loc[UNITED_WAY, "allowed"]
    assert mine.loc["Interact for Health", "allowed"]
    assert offered[offered.rater == 1]["allowed"].all()


def test_recorded_staff_or_board_and_shared_backbone_members_are_excluded():
    candidates = [R.Candidate("Interact for Health"),
                  R.shared_backbone(["StriveTogether", "Cincinnati Children's Hospital"])]
    people = [R.Rater("Keisha Washington", "KWashington@cps-k12.org", "Cincinnati Public Schools"),
              R.Rater("Greg Schmidt", "", "Strive Together"),
              R.Rater("Rosa Rivera", "", "Freestore Foodbank")]
    ties = pd.DataFrame([{"name": "Keisha Washington", "email": "kwashington@cps-k12.org",
                          "organisation": "Interact for Health", "role": "Board"},
                         {"name": "Rosa Rivera", "email": "", "organisation": "Interact for Health",
                          "role": "donor"}])
    offered = R.offers(candidates, people, ties).set_index(["rater", "candidate"])
    assert offered.loc[(0, "Interact for Health"), "reason"] == "staff or board"
    assert offered.loc[(1, "Shared backbone"), "reason"] == "own organisation"
    assert offered.loc[(2, "Interact for Health"), "allowed"]  # a donor is not staff or board
    counts = R.exclusion_counts(offered.reset_index())
    assert list(counts.columns) == ["candidate", "offered", "excluded"]
    assert counts.set_index("candidate").loc["Interact for Health"].tolist() == [2, 1]


# --- blindness ------------------------------------------------------------------------

@pytest.fixture
def survey(tmp_path):
    db = tmp_path / "workbook.db"
    people = X.raters()
    roster = R.issue_codes(db, list(X.CANDIDATES), people)
    assert V.open_survey(db, "facilitator") == 1  # the forms below answer survey 1
    return db, people, roster


def test_roster_is_owner_only_even_over_an_open_file(tmp_path, survey):
    _, _, roster = survey
    path = tmp_path / "roster.json"
    path.write_text("old")
    path.chmod(0o644)
    old = os.umask(0)
    try:
        R.write_roster(roster, path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert R.read_roster(path).entries == roster.entries


def test_codes_are_easy_to_type_and_distinct(survey):
    _, people, roster = survey
    codes = [e["code"] for e in roster.entries]
    assert len(set(codes)) == len(people)
    assert all(set(c.replace("-", "")) <= set(access.ALPHABET) for c in codes)
    assert list(R.slips(roster).columns) == ["code", "candidates"]
    assert R.mail_merge_rows(roster)["email"].tolist() == [p.email for p in people]


def _submit_all(db, form, roster, community):
    allowed = [e["allowed"] for e in roster.entries]
    for answer in X.answers(allowed):
        entry = roster.entries[answer["rater"]]
        outcome = Q.submit(db, form, roster, {**answer["values"], "attendee_code": entry["code"]},
                           community)
        assert outcome.stored, outcome.problems


def test_the_database_holds_no_name_nor_email(survey, form, community):
    db, people, roster = survey
    _submit_all(db, form, roster, community)
    raw = db.read_bytes() + (db.with_name(db.name + "-wal").read_bytes()
                             if db.with_name(db.name + "-wal").exists() else b"")
    for person in people:
        assert person.name.encode() not in raw and person.email.encode() not in raw
    with sqlite3.connect(db) as connection:
        for table in Q.TABLES:
            columns = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
            assert not columns & {"name", "email", "code_id", "attendee_code"}, table


def test_wrong_code_refused_and_excluded_candidate_refused(survey, form, community):
    db, people, roster = survey
    wrong = Q.submit(db, form, roster, _values(X.CANDIDATES[0].name, "AAAA-AAAA-AA"), community)
    assert not wrong.stored and [p.code for p in wrong.errors] == ["BACKBONE_NOT_A_RATER_CODE"]
    shut_out = next(e for e in roster.entries if len(e["allowed"]) < len(X.CANDIDATES))
    barred = next(c.name for c in X.CANDIDATES if c.name not in shut_out["allowed"])
    outcome = Q.submit(db, form, roster, _values(barred, shut_out["code"]), community)
    assert not outcome.stored and outcome.problems


def test_resubmission_replaces_and_a_declared_tie_sets_aside(survey, form, community):
    db, _, roster = survey
    entry = roster.entries[0]
    name = entry["allowed"][0]
    Q.submit(db, form, roster, _values(name, entry["code"], function_vision="2",
                                       comment_vision="First thought."), community)
    Q.submit(db, form, roster, _values(name, entry["code"].lower().replace("-", " "),
                                       function_vision="5"), community)
    scores = Q.scores(db, 1)
    assert scores.groupby("candidate")["rater_key"].nunique().to_dict() == {name: 1}
    assert scores.set_index("item").loc["function_vision", "score"] == 5
    assert Q.comments(db, 1).empty
    tie = Q.submit(db, form, roster, _values(name, entry["code"], conflict=["Contract"]),
                   community)
    assert tie.stored and [p.code for p in tie.problems] == ["BACKBONE_TIE_SET_ASIDE"]
    assert Q.scores(db, 1).empty
    assert Q.set_aside_counts(db, 1).set_index("candidate")["declared_ties"].to_dict() == {name: 1}
    summary = Q.exclusion_summary(db, 1, roster, [c.name for c in X.CANDIDATES])
    assert list(summary.columns) == ["candidate", "excluded", "declared_ties"]
    offered = roster.offered_counts()
    for row in summary.itertuples():
        assert row.excluded == len(roster.entries) - offered.get(row.candidate, 0)
        assert row.declared_ties == (1 if row.candidate == name else 0)
    assert summary["excluded"].sum() > 0  # the example has raters from the candidates


def test_an_excel_form_named_by_code_loads_like_the_web(tmp_path, survey, form, community):
    db, _, roster = survey
    entry = roster.entries[3]
    narrowed = I.for_rater(form, entry["allowed"])
    path = F.write_excel_form(narrowed, community, tmp_path / f"backbone-{entry['code']}.xlsx",
                              values=_values(entry["allowed"][0], entry["code"]))
    assert Q.load_excel(db, form, roster, path, community).stored
    assert Q.scores(db, 1)["candidate"].unique().tolist() == [entry["allowed"][0]]


def test_a_rater_let_in_by_the_room_guard_answers_by_code_id(survey, form, community):
    db, _, roster = survey
    entry = roster.entries[5]
    assert I.for_rater(form, entry["allowed"]).vocabularies[I.CANDIDATES] == \
        Q.form_for(form, roster, entry["code_id"]).vocabularies[I.CANDIDATES]
    assert Q.submit_as(db, form, roster, entry["code_id"],
                       _values(entry["allowed"][0], None), community).stored
    assert not Q.submit_as(db, form, roster, "0123abcd", _values(entry["allowed"][0], None),
                           community).stored
    assert Q.form_for(form, roster, "0123abcd") is None


def test_paper_forms_one_per_rater_and_candidate_load_once_filled(tmp_path, survey, form,
                                                                  community):
    from openpyxl import load_workbook
    from workbook.tasks.backbone import paper
    db, _, roster = survey
    roster.entries[:] = roster.entries[:2]
    paths = paper.write_rater_forms(form, roster, community, tmp_path / "forms")
    assert len(paths) == sum(len(e["allowed"]) for e in roster.entries)
    first = paths[0]
    assert roster.entries[0]["code"] in first.name
    # What the rater adds by hand: every score left blank is required, so fill them.
    book = load_workbook(first)
    sheet = book[I.SHEET.title] if I.SHEET.title in book.sheetnames else book.worksheets[0]
    headers = {f.header for f in I.SHEET.fields if f.name in dict(I.ITEMS)}
    for row in sheet.iter_rows():
        if row[0].value in headers:
            row[S.FORM_FIRST_VALUE_COLUMN - 1].value = "4"
    book.save(first)
    outcome = Q.load_excel(db, form, roster, first, community)
    assert outcome.stored, [p.message for p in outcome.problems]
    stored = Q.scores(db, 1)
    assert stored["candidate"].unique().tolist() == [roster.entries[0]["allowed"][0]]
    assert set(stored["score"]) == {4}


def test_an_excel_form_with_a_stranger_code_names_the_cell(tmp_path, survey, form, community):
    db, _, roster = survey
    path = F.write_excel_form(form, community, tmp_path / "stranger.xlsx",
                              values=_values(X.CANDIDATES[0].name, "birch-otter-17"))
    outcome = Q.load_excel(db, form, roster, path, community)
    assert not outcome.stored
    assert [(p.code, bool(p.cell)) for p in outcome.errors] == [
        ("BACKBONE_NOT_A_RATER_CODE", True)]


def test_response_rate_per_candidate_only(survey, form, community):
    db, _, roster = survey
    _submit_all(db, form, roster, community)
    rates = Q.response_rates(db, 1, roster)
    assert list(rates.columns) == ["candidate", "offered", "answered", "rate"]
    assert (rates["answered"] <= rates["offered"]).all() and rates["answered"].sum() > 0


# --- results --------------------------------------------------------------------------

@pytest.fixture
def answered(survey, form, community):
    db, _, roster = survey
    _submit_all(db, form, roster, community)
    return Q.scores(db, 1), Q.comments(db, 1), roster


def test_example_shows_two_candidates_and_drops_the_thin_one_whole(answered):
    scores, comments, roster = answered
    raters = scores.groupby("candidate")["rater_key"].nunique()
    thin = raters[raters < 5].index.tolist()
    assert len(thin) == 1 and len(raters) == 3  # the example's premise
    shown = T.profile(scores)
    assert (shown["n"] >= 5).all() and thin[0] not in set(shown["candidate"])
    assert thin[0] not in set(T.agreement(scores)["candidate"])
    assert thin[0] not in set(T.shown_comments(scores, comments)["candidate"])
    assert thin[0] not in set(T.breakdown_by_group(scores, roster.groups())["candidate"])


def test_profile_figures_are_the_medians_of_the_answers(answered):
    scores, _, _ = answered
    row = T.profile(scores).iloc[0]
    cell = scores[(scores.candidate == row.candidate) & (scores.item == row["item"])]
    assert row["median"] == cell["score"].dropna().median()
    assert row["n"] == cell["score"].notna().sum() == sum(row["distribution"].values())


def test_comments_only_from_k_c_raters(answered):
    scores, comments, _ = answered
    n = scores[scores.score.notna()].groupby(["candidate", "item"])["rater_key"].nunique()
    shown = T.shown_comments(scores, comments, rng=random.Random(1))
    for (candidate, item), _ in shown.groupby(["candidate", "item"]):
        assert n[(candidate, item)] >= 10
    strict = T.shown_comments(scores, comments, A.Thresholds(k=5, k_comments=1000))
    assert strict.empty and not comments.empty


def test_breakdown_never_lets_a_hidden_group_be_derived(answered):
    scores, _, roster = answered
    groups = roster.groups()
    shown = T.breakdown_by_group(scores, groups)
    totals = T.profile(scores).set_index(["candidate", "item"])["n"]
    for (candidate, item), cell in shown.groupby(["candidate", "item"]):
        assert (cell["n"] >= 5).all()
        remainder = totals[(candidate, item)] - cell["n"].sum()
        assert remainder == 0 or remainder >= 5


def test_krippendorff_ordinal_alpha_matches_the_published_example():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", 4 observers x 12
    # units with missing values: ordinal alpha = 0.815 (nominal 0.743, interval 0.849).
    n = np.nan
    data = np.array([[1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
                     [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
                     [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
                     [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n]])
    assert T.ordinal_alpha(data) == pytest.approx(0.815, abs=0.0005)


def test_agreement_in_words_with_its_caveat():
    assert T.in_words(0.9, 25) == "raters largely agree"
    assert T.in_words(0.2, 25) == "opinion is split"
    assert "only 6 raters" in T.in_words(0.9, 6)
    assert "too little variation" in T.in_words(float("nan"), 30)


def test_agreement_reads_agreeing_and_split_raters():
    items = [item for item, _ in I.ITEMS]
    rng = random.Random(3)
    agree = [{"rater_key": f"r{r}", "candidate": "A", "item": item, "score": s}
             for r in range(12) for item, s in zip(items, [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 3, 2])]
    split = [{"rater_key": f"r{r}", "candidate": "B", "item": item, "score": rng.randint(1, 5)}
             for r in range(12) for item in items]
    words = T.agreement(pd.DataFrame(agree + split)).set_index("candidate")["in_words"]
    assert words["A"] == "raters largely agree" and words["B"] == "opinion is split"


def test_strongest_candidate_per_item_for_a_shared_backbone(answered):
    scores, _, _ = answered
    shown = T.profile(scores)
    best = T.strongest(shown).set_index("item")
    for item, cell in shown.groupby("item"):
        assert best.loc[item, "median"] == cell["median"].max()


# --- from the database, and the decision ------------------------------------------------

@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    from workbook.loading import load_paths
    db = tmp_path_factory.mktemp("example") / "workbook.db"
    load_paths([EXAMPLE / "checklists"], db, load_community(EXAMPLE))
    return db


def test_raters_and_their_recorded_ties_come_from_the_members_sheets(example_db):
    people, ties, organisations = R.from_database(example_db)
    assert people and set(ties["role"]) == {R.STAFF}
    assert len({p.email or p.name for p in people}) == len(people)  # one rater per person
    candidates = [R.Candidate(organisations[0]), R.Candidate(organisations[1])]
    offered = R.offers(candidates, people, ties)
    for tie in ties.itertuples():
        if tie.organisation in (organisations[0], organisations[1]):
            index = next(i for i, p in enumerate(people) if p.name == tie.name)
            row = offered[(offered.rater == index) & (offered.candidate == tie.organisation)]
            assert not row["allowed"].item(), tie


def test_the_choice_is_recorded_and_a_new_one_supersedes_it(tmp_path, example_db, answered):
    import shutil
    from workbook import decisions as D
    from workbook.tasks.backbone import decision
    db = shutil.copy(example_db, tmp_path / "w.db")
    scores, _, _ = answered
    shown, agreement = T.profile(scores), T.agreement(scores)
    first = decision.choose(db, X.CANDIDATES[0].name, "facilitator", "Strongest on funding",
                            shown, agreement)
    assert decision.current_choice(db) == X.CANDIDATES[0].name
    snapshot = D.entries(db)[0].subjects[0].snapshot
    assert snapshot["n"] and min(snapshot["n"].values()) >= 5
    second = decision.choose(db, X.CANDIDATES[2].name, "facilitator", "Split the work",
                             split={"function_funding": "Easton Family YMCA"})
    assert decision.current_choice(db) == X.CANDIDATES[2].name
    assert [e.entry_id for e in D.current(db, "backbone")] == [second] != [first]
