"""Task 2 computations: overlaps, top pairs, network, meeting burden, asks, comparison.

A four-coalition community with every overlap worked out by hand, the example
community's story, and 1,000 synthetic coalitions for scale.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from workbook.community import load_community
from workbook.loading import load_paths
from workbook.sample.database import build_database, synthetic_coalitions
from workbook.tasks import overlaps as O

from .builders import (ALPHA, BETA, CLUB, DELTA, FOOD_BANK, FOUNDATION, GAMMA, HEALTH, LIBRARY,
                       READING, READY, READY_REWORDED, SCHOOLS, SENIORS, STATE)
from .conftest import EXAMPLE

A, B, C, D = 1, 2, 3, 4  # ALPHA, BETA, GAMMA, DELTA (tests/builders.py), in load order


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_database(tmp_path_factory.mktemp("overlaps") / "tiny.db",
                          [ALPHA, BETA, GAMMA, DELTA])


@pytest.fixture(scope="module")
def matrices(db):
    return O.overlap_matrices(db)


def similarity(matrices, dimension):
    return matrices.dimensions[dimension].similarity


def assert_pairs(frame, expected: dict[tuple[int, int], float]) -> None:
    """Every off-diagonal cell as expected (pairs not named are 0), symmetric."""
    ids = list(frame.index)
    for i in ids:
        for j in ids:
            if i != j:
                want = expected.get((min(i, j), max(i, j)), 0.0)
                assert frame.loc[i, j] == pytest.approx(want), (i, j)


# --- pairwise overlap ---------------------------------------------------------------

def test_members_overlap_is_shared_organisations_over_the_smaller_membership(matrices):
    # Alpha 4 organisations (Schools holds two seats), Beta 3, Gamma 3, Delta 1.
    members = matrices.dimensions["members"]
    assert members.sizes.to_dict() == {A: 4, B: 3, C: 3, D: 1}
    assert_pairs(members.similarity, {(A, B): 2 / 3, (A, C): 1 / 3, (A, D): 1.0, (B, C): 1 / 3})
    assert_pairs(members.shared, {(A, B): 2, (A, C): 1, (A, D): 1, (B, C): 1})
    assert np.diag(members.shared.to_numpy()).tolist() == [4, 3, 3, 1]
    assert members.shared_items(A, B) == [CLUB, LIBRARY]


def test_jaccard_is_available_and_never_above_the_overlap_coefficient(db, matrices):
    jaccard = O.overlap_matrices(db, measure="jaccard")
    assert_pairs(similarity(jaccard, "members"),
                 {(A, B): 2 / 5, (A, C): 1 / 6, (A, D): 1 / 4, (B, C): 1 / 5})
    # The region covers the three counties the checklists name; Alpha lists two of them.
    assert similarity(jaccard, "geographies").loc[A, D] == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match="measure"):
        O.overlap_matrices(db, measure="cosine")


def test_funders_populations_and_issue_areas(matrices):
    assert_pairs(similarity(matrices, "funders"), {(A, B): 1.0, (A, C): 1.0})
    assert_pairs(similarity(matrices, "issue_areas"), {(A, B): 1.0, (A, C): 0.5})
    # "All ages" covers every population, so Delta overlaps everybody there.
    assert_pairs(similarity(matrices, "populations"),
                 {(A, B): 1.0, (A, D): 1.0, (B, D): 1.0, (C, D): 1.0})


def test_region_wide_covers_every_county(matrices):
    geographies = matrices.dimensions["geographies"]
    assert_pairs(geographies.similarity, {(A, B): 1.0, (A, D): 1.0, (B, D): 1.0, (C, D): 1.0})
    assert geographies.shared_items(A, D) == ["Ashford County", "Bell County"]
    assert geographies.shared_items(C, D) == ["Calder County"]


def test_goals_match_when_reworded_but_not_across_issue_areas(matrices):
    goals = matrices.dimensions["goals"]
    # One of Alpha's two goals matches one of Beta's two. Delta's goal has Alpha's exact
    # words under another issue area, so it is not counted.
    assert_pairs(goals.similarity, {(A, B): 0.5})
    assert_pairs(goals.shared, {(A, B): 1})
    assert goals.shared_items(A, B) == [f"{READY} ≈ {READY_REWORDED}"]
    assert goals.shared_items(B, A) == [f"{READY_REWORDED} ≈ {READY}"]


def test_strategies_match_within_a_type_and_issue_area(matrices):
    assert_pairs(similarity(matrices, "strategies"), {(A, B): 0.5})
    assert matrices.dimensions["strategies"].shared_items(A, B) == [
        "Book gifting at well-child visits ≈ Book gifting at well child visits"]


def test_goals_need_agreeing_populations_and_near_identical_words(tmp_path):
    absence = ("Reduce chronic absence", "% of students chronically absent", "K-12 education")
    db = build_database(tmp_path / "goals.db", [
        {"name": "Younger", "goals": [(*absence, "Children 6-11"),
                                       ("Reduce youth vaping", None, "Youth substance use", None)]},
        {"name": "Older", "goals": [(*absence, "Youth 12-17"),
                                     ("Reduce youth violence", None, "Youth substance use", None)]},
        {"name": "Anyone", "goals": [(*absence, None)]},  # no population: agrees with both
        {"name": "Graduation", "goals": [("Raise the high school graduation rate", None,
                                          "K-12 education", None)]},
        # One word is contained in too many texts to say they are the same goal.
        {"name": "Brief", "goals": [("Vaping", None, "Youth substance use", None)]},
    ])
    goals = O.overlap_matrices(db).dimensions["goals"]
    assert_pairs(goals.shared, {(1, 3): 1, (2, 3): 1})
    assert_pairs(goals.similarity, {(1, 3): 1.0, (2, 3): 1.0})
    assert goals.shared_items(1, 3) == ["Reduce chronic absence"]  # same words: no "≈"


def test_text_normalising_drops_phrasing_years_and_punctuation():
    assert O.normalised_text(READY) == O.normalised_text(READY_REWORDED)
    assert O.normalised_text(None) == ""
    assert O.normalised_text("Reduce youth vaping") != O.normalised_text("Reduce youth violence")


def test_a_dimension_nobody_fills_is_all_zero_off_the_diagonal(tmp_path):
    db = build_database(tmp_path / "bare.db", [
        {"name": "One", "geographies": ["Ashford County"]},
        {"name": "Two", "geographies": ["Ashford County"]}])
    matrices = O.overlap_matrices(db)
    assert matrices.dimensions["funders"].similarity.to_numpy().tolist() == [[1, 0], [0, 1]]
    assert matrices.dimensions["geographies"].similarity.loc[1, 2] == 1.0
    assert list(matrices.coalitions["label"]) == ["One", "Two"]  # no short name: the name


def test_labelled_matrices_use_short_names(matrices):
    labelled = matrices.labelled(similarity(matrices, "members"))
    assert list(labelled.index) == ["ALPHA", "BETA", "GAMMA", "DELTA"]
    assert labelled.loc["ALPHA", "DELTA"] == 1.0


# --- combined score -------------------------------------------------------------------

def expected_combined(weights: dict[str, float]) -> dict[tuple[int, int], float]:
    per_dimension = {
        (A, B): {"members": 2 / 3, "goals": .5, "strategies": .5, "funders": 1,
                 "geographies": 1, "populations": 1, "issue_areas": 1},
        (A, C): {"members": 1 / 3, "funders": 1, "issue_areas": .5},
        (A, D): {"members": 1, "geographies": 1, "populations": 1},
        (B, C): {"members": 1 / 3},
        (B, D): {"geographies": 1, "populations": 1},
        (C, D): {"geographies": 1, "populations": 1},
    }
    total = sum(weights.values())
    return {pair: sum(w * values.get(d, 0) for d, w in weights.items()) / total
            for pair, values in per_dimension.items()}


def test_combined_score_is_the_weighted_mean_of_the_dimensions(matrices):
    combined = matrices.combined()
    assert_pairs(combined, expected_combined(O.DEFAULT_WEIGHTS))
    assert combined.loc[A, B] == pytest.approx(0.741667, abs=1e-6)
    assert np.diag(combined.to_numpy()).tolist() == [1.0] * 4
    assert sum(O.DEFAULT_WEIGHTS.values()) == pytest.approx(1.0)


def test_weights_are_normalised_and_a_zero_weight_drops_the_dimension(matrices):
    members = similarity(matrices, "members")
    pd.testing.assert_frame_equal(matrices.combined({"members": 5, "goals": 0}), members)
    assert_pairs(matrices.combined({"members": 2, "funders": 2}),
                 expected_combined({"members": 1, "funders": 1}))
    assert O.normalised_weights({"members": 3, "goals": 1, "funders": 0}) == {
        "members": 0.75, "goals": 0.25}


def test_changing_the_weights_changes_the_ranking(db, matrices):
    by_default = O.top_pairs(db, "combined", 3, matrices=matrices)
    by_members = O.top_pairs(db, "combined", 3, weights={"members": 1}, matrices=matrices)
    assert (by_default.loc[0, "coalition_a"], by_default.loc[0, "coalition_b"]) == ("ALPHA", "BETA")
    assert (by_members.loc[0, "coalition_a"], by_members.loc[0, "coalition_b"]) == ("ALPHA", "DELTA")
    assert by_members.loc[0, "score"] == 1.0


@pytest.mark.parametrize("weights, message", [
    ({"members": 1, "budget": 1}, "Unknown dimension"),
    ({"members": -1, "goals": 2}, "0 or more"),
    ({"members": 0, "goals": 0}, "above 0"),
    ({"members": math.nan}, "0 or more"),
])
def test_bad_weights_are_refused(matrices, weights, message):
    with pytest.raises(ValueError, match=message):
        matrices.combined(weights)


# --- top pairs ------------------------------------------------------------------------

def test_top_pairs_rank_by_score_and_name_the_shared_items(db, matrices):
    pairs = O.top_pairs(db, "combined", 10, matrices=matrices)
    ranked = list(zip(pairs["coalition_a_id"], pairs["coalition_b_id"]))
    # B-D and C-D tie at 0.2 with two shared items each: the lower ids come first.
    assert ranked == [(A, B), (A, D), (A, C), (B, D), (C, D), (B, C)]
    assert pairs["score"].tolist() == pytest.approx(
        [expected_combined(O.DEFAULT_WEIGHTS)[p] for p in ranked])
    contributions = pairs[list(O.DEFAULT_WEIGHTS)].sum(axis=1)
    assert contributions.tolist() == pytest.approx(pairs["score"].tolist())
    reason = pairs.loc[0, "reason"]
    assert reason.startswith(f"Shared members: {CLUB}, {LIBRARY}; shared goals: {READY} ≈ ")
    assert f"shared funders: {FOUNDATION}" in reason
    assert "shared geographies: Ashford County" in reason
    assert "shared issue areas: Early childhood" in reason


def test_top_pairs_for_one_dimension_list_only_that_dimension(db, matrices):
    pairs = O.top_pairs(db, "funders", 5, matrices=matrices)
    assert pairs[["coalition_a", "coalition_b"]].values.tolist() == [["ALPHA", "BETA"],
                                                                     ["ALPHA", "GAMMA"]]
    assert pairs["reason"].tolist() == [f"Shared funders: {FOUNDATION}", f"Shared funders: {STATE}"]
    assert pairs["shared"].tolist() == [1, 1]
    assert len(O.top_pairs(db, "members", 1)) == 1  # computes its own matrices too
    with pytest.raises(ValueError, match="Unknown dimension"):
        O.top_pairs(db, "budgets", 3, matrices=matrices)


# --- membership network ---------------------------------------------------------------

def test_network_nodes_edges_and_the_filter(db):
    network = O.membership_network(db)
    nodes = network.nodes.set_index("node")
    assert (nodes["kind"] == "coalition").sum() == 4 and (nodes["kind"] == "organisation").sum() == 6
    assert nodes.loc["coalition:1", ["label", "size"]].tolist() == ["ALPHA", 4]
    assert len(network.edges) == 11  # Schools' two seats on Alpha make one edge
    schools_on_alpha = network.edges[(network.edges["coalition_id"] == A)
                                     & (network.edges["target"] == "coalition:1")
                                     & (network.edges["source"].map(nodes["label"]) == SCHOOLS)]
    assert schools_on_alpha[["role", "roles", "seats"]].values.tolist() == [
        ["Steering", "Steering; Member", 2]]

    filtered = O.membership_network(db, min_coalitions=2)
    organisations = filtered.nodes[filtered.nodes["kind"] == "organisation"]
    assert sorted(organisations["label"]) == sorted([LIBRARY, CLUB, SCHOOLS, HEALTH, FOOD_BANK])
    assert organisations["size"].tolist() == [2] * 5
    assert len(filtered.nodes) == 9 and len(filtered.edges) == 10
    gamma = filtered.nodes.set_index("label").loc["GAMMA", "size"]
    assert gamma == 3  # a coalition's size counts all its members, shown or not


def test_network_layout_is_deterministic_and_edges_carry_their_ends(db):
    first, second = O.membership_network(db), O.membership_network(db)
    pd.testing.assert_frame_equal(first.nodes, second.nodes)
    pd.testing.assert_frame_equal(first.edges, second.edges)
    other_seed = O.membership_network(db, seed=7)
    assert not np.allclose(first.nodes[["x", "y"]], other_seed.nodes[["x", "y"]])
    where = first.nodes.set_index("node")[["x", "y"]]
    assert np.allclose(first.edges[["x", "y"]].to_numpy(), where.loc[first.edges["source"]].to_numpy())
    assert np.allclose(first.edges[["x2", "y2"]].to_numpy(), where.loc[first.edges["target"]].to_numpy())
    assert first.nodes[["x", "y"]].abs().max().max() <= 1.0 + 1e-9


def test_a_network_of_500_nodes_or_more_gets_a_layout_too(tmp_path):
    # networkx needs scipy from 500 nodes; without it the dense algorithm takes over.
    db = build_database(tmp_path / "mid.db", synthetic_coalitions(150, seed=3))
    network = O.membership_network(db)
    assert len(network.nodes) >= 500
    assert network.nodes[["x", "y"]].notna().all().all()
    pd.testing.assert_frame_equal(network.nodes, O.membership_network(db).nodes)


# --- meeting burden -------------------------------------------------------------------

def test_meeting_burden_per_organisation_by_hand(db):
    burden = O.meeting_burden(db).organisations.set_index("organisation")
    # Alpha: monthly, 2 h. Beta: quarterly, 3 h. Gamma: monthly, length blank -> 1.5 h.
    # Delta: "as needed", but the Schools' member row says 6 meetings of 1 h.
    assert list(burden.index) == [SCHOOLS, HEALTH, CLUB, LIBRARY, FOOD_BANK, SENIORS]
    schools = burden.loc[SCHOOLS]
    assert schools["hours_per_month"] == pytest.approx((2 * 12 * 2 + 6 * 1) / 12)  # 4.5
    assert schools["meetings_per_month"] == pytest.approx((12 + 12 + 6) / 12)
    assert (schools["seats"], schools["coalitions"]) == (3, 2)
    assert schools["coalition_list"] == "ALPHA; DELTA"
    library = burden.loc[LIBRARY]
    assert library["hours_per_month"] == pytest.approx((12 * 2 + 4 * 3) / 12)  # 3.0
    assert not library["hours_assumed"]
    health = burden.loc[HEALTH]
    assert health["hours_per_month"] == pytest.approx((12 * 2 + 12 * 1.5) / 12)  # 3.5
    assert health["hours_assumed"]
    assert burden.loc[SENIORS, "hours_per_month"] == pytest.approx(12 * O.DEFAULT_MEETING_HOURS / 12)


def test_the_same_report_three_times(db):
    burden = O.meeting_burden(db).organisations.set_index("organisation")
    assert burden["overlapping_issue_coalitions"].to_dict() == {
        SCHOOLS: 0, HEALTH: 2, CLUB: 2, LIBRARY: 2, FOOD_BANK: 0, SENIORS: 0}
    assert burden.loc[LIBRARY, "repeated_issue_areas"] == "Early childhood (2)"
    assert burden.loc[HEALTH, "repeated_issue_areas"] == "Health (2)"
    assert burden.loc[SCHOOLS, "repeated_issue_areas"] == ""


def test_meeting_burden_per_person(db):
    people = O.meeting_burden(db).people.set_index("person")
    assert people.loc["Pat Kim", "hours_per_month"] == pytest.approx((12 * 2 + 6 * 1) / 12)
    assert people.loc["Lee Park", "hours_per_month"] == pytest.approx(2.0)
    assert people.loc["Kim Ray", "organisations"] == HEALTH
    assert people.index[0] == "Kim Ray"  # 3.5 h a month, the most
    assert people["hours_per_month"].is_monotonic_decreasing


# --- asks -----------------------------------------------------------------------------

def test_asks_per_organisation_and_type(db):
    asks = O.ask_load(db)
    wide = asks.by_organisation.set_index("organisation")
    assert list(wide.index) == [SCHOOLS, FOUNDATION]
    assert wide.loc[SCHOOLS, ["Money", "Data", "Staff time", "Attendance", "total", "coalitions"]
                    ].tolist() == [0, 3, 1, 0, 4, 3]
    assert wide.loc[SCHOOLS, "times_per_year"] == 7  # 2 + 4 + 1; Gamma gave no figure
    assert wide.loc[FOUNDATION, ["Money", "total", "times_per_year"]].tolist() == [1, 1, 1]
    long = asks.long.set_index(["organisation", "ask_type"])
    assert long.loc[(SCHOOLS, "Data"), "coalitions"] == 3
    assert long.loc[(SCHOOLS, "Staff time"), "times_per_year"] == 1
    assert len(long) == 3


# --- comparison -----------------------------------------------------------------------

def test_comparison_side_by_side_with_shared_items(db):
    comparison = O.compare_coalitions(db, [A, B])
    table, shared = comparison.table, comparison.shared
    assert list(table.columns) == ["ALPHA", "BETA"] and comparison.coalition_ids == (A, B)
    assert list(table.index) == list(O.COMPARISON_FIELDS)
    assert table.loc["members", "ALPHA"] == (SCHOOLS, CLUB, HEALTH, LIBRARY)
    assert shared.loc["members", "ALPHA"] == {CLUB, LIBRARY}
    assert shared.loc["members", "BETA"] == {CLUB, LIBRARY}
    assert table.loc["goals", "ALPHA"] == (READY, READING)
    assert shared.loc["goals", "ALPHA"] == {READY}
    assert shared.loc["goals", "BETA"] == {READY_REWORDED}
    assert shared.loc["geographies", "ALPHA"] == {"Ashford County"}
    assert shared.loc["representatives", "BETA"] == {"Sam Ortiz", "Ann Lee"}
    assert shared.loc["funders", "ALPHA"] == {FOUNDATION}
    assert shared.loc["asks", "ALPHA"] == {f"{SCHOOLS}: Data"}
    assert table.loc["lead_organisations", "BETA"] == (LIBRARY,)
    assert shared.loc["lead_organisations", "BETA"] == {LIBRARY}
    assert table.loc["meeting_cadence", "BETA"] == "Quarterly"
    assert shared.loc["meeting_cadence", "ALPHA"] == frozenset()
    assert table.loc["annual_budget", "ALPHA"] == 100000 and table.loc["annual_budget", "BETA"] is None
    assert comparison.field_labels["geographies"] == "Areas"


def test_comparison_with_a_region_wide_coalition(db):
    comparison = O.compare_coalitions(db, [D, A])
    shared = comparison.shared
    assert list(comparison.table.columns) == ["DELTA", "ALPHA"]
    assert shared.loc["geographies", "DELTA"] == {"Region-wide"}
    assert shared.loc["geographies", "ALPHA"] == {"Ashford County", "Bell County"}
    assert shared.loc["populations", "DELTA"] == {"All ages"}
    assert shared.loc["goals", "ALPHA"] == frozenset()  # same words, another issue area
    assert shared.loc["members", "DELTA"] == {SCHOOLS}


def test_comparison_refuses_too_many_or_unknown_coalitions(db):
    with pytest.raises(ValueError, match="at most 10"):
        O.compare_coalitions(db, list(range(1, 12)))
    with pytest.raises(ValueError, match="99"):
        O.compare_coalitions(db, [A, 99])
    with pytest.raises(ValueError, match="at least one"):
        O.compare_coalitions(db, [])
    assert O.compare_coalitions(db, [A, A, B]).coalition_ids == (A, B)


# --- the example community's story ----------------------------------------------------

@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("example") / "workbook.db"
    load_paths([EXAMPLE / "checklists"], path, load_community(EXAMPLE))
    return path


def test_the_example_story_shows_up(example_db):
    goals = O.top_pairs(example_db, "goals", 10)
    kindergarten = goals[(goals["coalition_a"] == "AELP") & (goals["coalition_b"] == "RB5")]
    assert len(kindergarten) == 1 and "kindergarten" in kindergarten["reason"].iloc[0]
    drinking = goals[(goals["coalition_a"] == "ACPA") & (goals["coalition_b"] == "BCYPC")]
    assert "alcohol" in drinking["reason"].iloc[0]
    burden = O.meeting_burden(example_db)
    # The community action agency sits on the most tables (hours depend on the bodies).
    most = burden.organisations.sort_values("coalitions", ascending=False, kind="stable").iloc[0]
    assert (most["organisation"], most["coalitions"]) == ("Riverbend Community Action Agency", 9)
    theresa = burden.people.set_index("person").loc["Theresa Lindqvist"]
    assert theresa["coalitions"] == 7
    asks = O.ask_load(example_db).by_organisation.iloc[0]
    assert (asks["organisation"], asks["Money"]) == ("Riverbend Community Foundation", 16)


# --- scale ----------------------------------------------------------------------------

def test_every_matrix_for_1000_coalitions(tmp_path):
    db = build_database(tmp_path / "large.db", synthetic_coalitions(1000))
    matrices = O.overlap_matrices(db)
    jaccard = O.overlap_matrices(db, measure="jaccard")
    assert set(matrices.dimensions) == set(O.DIMENSIONS)
    for dimension, overlap in matrices.dimensions.items():
        values = overlap.similarity.to_numpy()
        shared = overlap.shared.to_numpy()
        assert values.shape == shared.shape == (1000, 1000), dimension
        assert np.array_equal(values, values.T), dimension
        assert np.array_equal(shared, shared.T), dimension
        assert (np.diag(values) == 1).all(), dimension
        assert np.array_equal(np.diag(shared), overlap.sizes.to_numpy()), dimension
        assert values.min() >= 0 and values.max() <= 1, dimension
        apart = ~np.eye(1000, dtype=bool)
        assert ((values[apart] > 0) == (shared[apart] > 0)).all(), dimension
        assert (jaccard.dimensions[dimension].similarity.to_numpy() <= values + 1e-12).all()
        assert (values[apart] > 0).any(), f"{dimension}: no overlap at all in a large community"
    combined = matrices.combined().to_numpy()
    assert np.allclose(combined, combined.T) and np.allclose(np.diag(combined), 1)
    pairs = O.top_pairs(db, "combined", 5, matrices=matrices)
    assert len(pairs) == 5 and pairs["score"].is_monotonic_decreasing
    assert pairs["reason"].str.startswith("Shared ").all()


# --- schema 2.0: bodies, residents, leads, funding kinds, goal figures -------------------

NKY_HEALTH, SCHOOLS_BOONE = "Northern Kentucky Health Department", "Boone County Schools"
BRIGHTON, SKYWARD = "Brighton Center", "Skyward"
FOUNDATION_DURR = "R.C. Durr Foundation"
BODIES = [
    ("Full coalition", "Full coalition", "Monthly", None, 2.0),
    ("Steering committee", "Steering or executive committee", "Every two weeks", None, 1.0),
    ("Data workgroup", "Workgroup or action team", "Monthly", 5, 1.5),  # 5 a year beats monthly
]
HEALTHY_YOUTH = {
    "name": "Boone County Alliance for Healthy Youth", "short_name": "BCAHY",
    "leads": [NKY_HEALTH, SCHOOLS_BOONE], "fiscal_agent": SKYWARD,
    "cadence": "Quarterly", "hours": 3.0,  # the form's, overridden by the Full coalition body
    "bodies": BODIES, "geographies": ["Boone County"], "issue_areas": ["Youth substance use"],
    "members": [
        (NKY_HEALTH, "Lynne Saddler", "Co-chair", None, ["Steering committee"]),
        (SCHOOLS_BOONE, "Karen Cheser", "Co-chair", None, ["Steering committee", "Data workgroup"]),
        (BRIGHTON, "Tasha Howard", "Member", None),  # blank: the full coalition
        (BRIGHTON, "Tasha Howard", "Member", 6, ["Data workgroup"]),  # her own count wins
        (None, "Marisol Vega", "Resident or community member", None),
        (SKYWARD, "Ken Spenser", "Member", None, ["Policy team"]),  # no such body
    ],
    "goals": [("Reduce past-30-day vaping among 10th graders",
               "% of 10th graders who vaped in the past 30 days", "Youth substance use",
               "Youth 12-17", "Percent", 14.5, 2025)],
    "funders": [("Drug-Free Communities Support Program", 625000, "Total over the period", 2021,
                 2025),
                (FOUNDATION_DURR, 15000, "Pending", 2026, 2026)],
}
PREVENTION = {
    "name": "Kenton County Substance Abuse Prevention Coalition", "short_name": "KCSAP",
    "leads": [BRIGHTON], "fiscal_agent": SKYWARD, "cadence": "Monthly", "hours": None,
    "geographies": ["Kenton County"], "issue_areas": ["Youth substance use"],
    "members": [(NKY_HEALTH, "Lynne Saddler", "Member", None),
                (None, "Marisol Vega", "Resident or community member", None)],
    "funders": [(FOUNDATION_DURR, 20000, "Per year", 2024, None)],
}


@pytest.fixture(scope="module")
def bodies_db(tmp_path_factory):
    return build_database(tmp_path_factory.mktemp("bodies") / "bodies.db",
                          [HEALTHY_YOUTH, PREVENTION])


def test_meeting_burden_counts_the_bodies_each_member_sits_on(bodies_db):
    burden = O.meeting_burden(bodies_db)
    people = burden.people.set_index("person")
    # Steering: every two weeks, 1 h.
    assert people.loc["Lynne Saddler", "hours_per_month"] == pytest.approx(
        (26 * 1.0 + 12 * 1.5) / 12)  # plus Kenton's monthly meeting, length assumed
    # Steering and the data workgroup (5 a year of 1.5 h, the figure beating the cadence).
    assert people.loc["Karen Cheser", "hours_per_month"] == pytest.approx((26 + 5 * 1.5) / 12)
    assert people.loc["Karen Cheser", "meetings_per_month"] == pytest.approx((26 + 5) / 12)
    # Blank bodies: the Full coalition body (monthly, 2 h), not the form's quarterly 3 h;
    # her second seat gives her own 6 meetings of the workgroup's length.
    assert people.loc["Tasha Howard", "hours_per_month"] == pytest.approx((12 * 2 + 6 * 1.5) / 12)
    # A body the Bodies sheet does not have counts nothing and is flagged.
    assert people.loc["Ken Spenser", "hours_per_month"] == 0
    assert people.loc["Ken Spenser", "cadence_unknown"]


def test_a_resident_counts_as_a_person_never_as_an_organisation(bodies_db):
    burden = O.meeting_burden(bodies_db)
    resident = burden.people.set_index("person").loc["Marisol Vega"]
    assert resident["coalitions"] == 2
    assert resident["organisations"] == O.NO_ORGANISATION
    assert resident["hours_per_month"] == pytest.approx((12 * 2 + 12 * O.DEFAULT_MEETING_HOURS) / 12)
    assert set(burden.organisations["organisation"]) == {NKY_HEALTH, SCHOOLS_BOONE, BRIGHTON,
                                                         SKYWARD}
    members = O.overlap_matrices(bodies_db).dimensions["members"]
    assert members.shared_items(1, 2) == [NKY_HEALTH]  # the resident is no shared organisation
    network = O.membership_network(bodies_db)
    assert (network.nodes["kind"] == "organisation").sum() == 4


def test_with_no_bodies_the_form_stands_for_the_full_coalition(bodies_db):
    seats = O.meeting_burden(bodies_db).people.set_index("person")
    # Kenton's coalition lists no bodies: monthly, length blank and assumed.
    assert seats.loc["Lynne Saddler", "hours_assumed"]
    assert not seats.loc["Karen Cheser", "hours_assumed"]


def test_the_comparison_shows_co_leads_fiscal_agent_funding_per_year_and_goal_figures(bodies_db):
    comparison = O.compare_coalitions(bodies_db, [1, 2])
    table, shared = comparison.table, comparison.shared
    assert table.loc["lead_organisations", "BCAHY"] == (NKY_HEALTH, SCHOOLS_BOONE)
    assert shared.loc["lead_organisations", "BCAHY"] == frozenset()  # Brighton leads Kenton's
    assert shared.loc["fiscal_agent", "KCSAP"] == {SKYWARD}
    assert table.loc["funders", "BCAHY"] == (
        "Drug-Free Communities Support Program: $125,000 a year "
        "(a $625,000 total over 2021–2025 ÷ 5 years)",
        f"{FOUNDATION_DURR}: $15,000 pending, not counted")
    assert shared.loc["funders", "BCAHY"] == {f"{FOUNDATION_DURR}: $15,000 pending, not counted"}
    assert table.loc["funding_per_year", "BCAHY"] == (
        "$125,000 (1 multi-year total spread over its years; 1 amount not counted "
        "(pending, or no amount or years))")
    assert table.loc["funding_per_year", "KCSAP"] == "$20,000"
    assert table.loc["goals", "BCAHY"] == (
        "Reduce past-30-day vaping among 10th graders — latest 14.5% (2025)",)
    assert (table.loc["residents", "BCAHY"], table.loc["residents", "KCSAP"]) == (1, 1)
    assert "Marisol Vega" in shared.loc["representatives", "KCSAP"]
    assert NKY_HEALTH in shared.loc["members", "KCSAP"]
    assert table.loc["bodies", "BCAHY"][1] == "Steering committee: Every two weeks, 1 h"


@pytest.mark.parametrize("amount, kind, start, end, yearly", [
    (90000, "Per year", 2023, 2026, 90000),
    (150000, "Total over the period", 2024, 2026, 50000),
    (150000, "Total over the period", 2024, None, None),  # no period: not guessed
    (150000, "Total over the period", 2025, 2025, 150000),
    (12000, "In-kind (value per year)", None, None, 12000),
    (40000, "Pending", 2026, 2027, None),
    (None, "Per year", 2024, 2025, None),
])
def test_funding_is_turned_into_a_yearly_figure_only_with_its_years(amount, kind, start, end,
                                                                    yearly):
    from workbook.tasks import funding
    assert funding.per_year(amount, kind, start, end).amount == yearly


def test_the_comparison_shares_an_area_only_at_the_level_both_report(tmp_path):
    from workbook.community import Community
    from workbook.schema import DEFAULT_VOCABULARIES
    community = Community(
        name="NKY", slug="nky", folder=None, vocabularies=dict(DEFAULT_VOCABULARIES),
        areas_by_level={"County": ("Kenton County", "Campbell County"),
                        "City or town": ("Covington", "Newport")},
        area_parent={"Covington": "Kenton County", "Newport": "Campbell County"})
    db = build_database(tmp_path / "places.db", [
        {"name": "Covington Youth Council", "areas": [("City or town", "Covington", None)]},
        {"name": "Newport Neighborhood Safety Partnership",
         "areas": [("City or town", "Newport", None)]},
        {"name": "Kenton County Substance Abuse Prevention Coalition",
         "areas": [("County", "Kenton County", None)]},
    ])
    comparison = O.compare_coalitions(db, [1, 2, 3], community=community)
    table, shared = comparison.table, comparison.shared
    covington, newport, kenton = table.columns
    assert table.loc["geographies", covington] == ("Covington (city or town)",)
    assert shared.loc["geographies", covington] == {"Covington (city or town)"}  # inside Kenton
    assert shared.loc["geographies", newport] == frozenset()
    assert shared.loc["geographies", kenton] == {"Kenton County"}
