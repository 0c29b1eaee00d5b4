"""Task 4's charts: the agreement map says every stance in words and letters and marks the
blocks; readiness bars carry n and the band; movement counts each change."""
from __future__ import annotations

import pandas as pd

from workbook import exports
from workbook import schema as S
from workbook import umbrella_figures as U
from workbook.tasks.umbrella import readiness as R
from workbook.tasks.umbrella import stances as T

LEARN, HOUSING, PREVENTION = ("Learn to Earn Dayton", "Miami Valley Housing Coalition",
                              "Dayton Youth Substance Abuse Prevention Coalition")
OPTIONS = pd.DataFrame([
    {"parameter": "decision_rule", "parameter_title": "Decision rule", "option": o,
     "meaning": "", "coalitions_covering": None, "source": "default"}
    for o in ("Consensus", "Consent", "Majority")])


def _stances(rows):
    return pd.DataFrame([{"round": 1, "coalition": c, "parameter": "decision_rule", "option": o,
                          "stance": s, "reason": r} for c, o, s, r in rows],
                        columns=T.STANCE_COLUMNS)


STANCES = _stances([(LEARN, "Consensus", "Must have", None),
                    (HOUSING, "Consensus", "Can accept", None),
                    (HOUSING, "Majority", S.CANNOT_ACCEPT, "Small coalitions outvoted"),
                    (PREVENTION, "Consent", "Prefer", None)])


def test_the_map_marks_each_stance_and_counts_who_can_live_with_it_and_who_blocks():
    frame = U.agreement_frame(STANCES, OPTIONS).set_index(["option", "column"])
    assert frame.loc[("Majority", HOUSING), "mark"] == "✕"
    assert frame.loc[("Majority", HOUSING), "reason"] == "Small coalitions outvoted"
    assert frame.loc[("Consensus", LEARN), "stance"] == "M  Must have"
    assert frame.loc[("Consent", LEARN), "stance"] == U.NO_STANCE_LABEL  # silence is shown
    assert frame.loc[("Consensus", U.CAN_LIVE_COLUMN), "mark"] == "2 of 3"
    assert frame.loc[("Majority", U.BLOCKS_COLUMN), "mark"] == "1 ✕"
    assert frame.loc[("Majority", U.BLOCKS_COLUMN), "blocked"]
    assert not frame.loc[("Consent", U.BLOCKS_COLUMN), "blocked"]


def test_the_map_draws_offline_with_its_legend_in_words():
    svg = exports.chart_svg(U.agreement_chart(STANCES, OPTIONS))
    for words in ("Must have", "Prefer", "Can accept", "Cannot accept", "No stance yet",
                  "Can live with it", "Decision rule", "1 option blocked by someone"):
        assert words in svg, words


def test_an_empty_room_says_why_there_is_no_map():
    svg = exports.chart_svg(U.agreement_chart(_stances([]), OPTIONS))
    assert "No coalition has given a stance yet" in svg


def test_readiness_bars_carry_n_the_band_and_dont_knows():
    levels = ["5", "4", "4", R.DONT_KNOW, "2"]
    names = [f.name for i, _, f in R.statement_fields() if i == "Trusted relationships"]
    answers = [{name: level for name in names} for level in levels]
    results = R.results_by_ingredient(answers)
    trusted = results.set_index("ingredient").loc["Trusted relationships"].to_dict()
    assert U.readiness_label(trusted) == "n = 16 · to discuss (mean 3.8) · 4 don't know"
    frame = U.readiness_frame(results)
    bar = frame[frame["ingredient"] == "Trusted relationships"]
    assert bar["answers"].sum() == 20 and bar["end"].max() == 20
    svg = exports.chart_svg(U.readiness_chart(results, leaders=5))
    assert "n = 16" in svg and "5 leaders answered" in svg and "n = 0 · no answers yet" in svg


def test_movement_counts_each_change_per_parameter():
    moved = pd.DataFrame({
        "coalition": [LEARN, HOUSING, PREVENTION], "parameter": ["decision_rule"] * 3,
        "option": ["Consensus", "Majority", "Consent"],
        "stance_before": ["Must have", S.CANNOT_ACCEPT, None],
        "stance_after": ["Must have", "Can accept", "Prefer"],
        "change": ["unchanged", "block lifted", "new"], "reason_after": [None] * 3})
    svg = exports.chart_svg(U.movement_chart(moved, 1, 2))
    assert "Movement from round 1 to round 2" in svg
    assert "3 stances compared · 1 blocks lifted · 0 new blocks" in svg
    assert "block lifted" in svg and "now blocks" not in svg
