"""Backbone surveys opened and closed, answers refused once closed, and the [backbone]
thresholds of community.toml."""
from __future__ import annotations

import pytest

from workbook.community import default_community, load_community
from workbook.tasks.backbone import anonymity as A
from workbook.tasks.backbone import instrument as I
from workbook.tasks.backbone import raters as R
from workbook.tasks.backbone import responses as Q
from workbook.tasks.backbone import survey as V
from workbook.tasks.backbone import thresholds as H

CANDIDATE = R.Candidate("Dayton Foundation")


def _rating(survey, code):
    return {"round": survey, "attendee_code": code, "candidate": CANDIDATE.name,
            **{item: "4" for item, _ in I.ITEMS}}


@pytest.fixture
def rated(tmp_path):
    db = tmp_path / "workbook.db"
    roster = R.issue_codes(db, [CANDIDATE], [R.Rater("Shawna Tillman", "", "Dayton Metro Library")])
    return db, roster, I.with_candidates([CANDIDATE.name])


def test_a_survey_opens_closes_and_keeps_who_and_when(tmp_path):
    db = tmp_path / "w.db"
    assert V.current_survey(db) is None and V.latest_closed(db) is None
    first = V.open_survey(db, "Ana (facilitator)")
    assert V.survey_state(db, first) == V.OPEN and V.current_survey(db) == first
    with pytest.raises(V.SurveyError, match="still open"):
        V.open_survey(db, "someone else")
    V.close_survey(db, first, "Ana (facilitator)")
    closed_at = V.surveys(db).loc[0, "closed_at"]
    V.close_survey(db, first, "late click")  # closing again keeps the first closing
    row = V.surveys(db).iloc[0]
    assert row["closed_at"] == closed_at and row["closed_by"] == "Ana (facilitator)"
    assert row["opened_by"] == "Ana (facilitator)" and row["state"] == V.CLOSED
    assert V.current_survey(db) is None and V.latest_closed(db) == first
    second = V.open_survey(db, "Ana (facilitator)")
    assert second != first and V.current_survey(db) == second
    with pytest.raises(V.SurveyError):
        V.survey_state(db, 99)


def test_an_answer_to_a_closed_survey_is_refused_and_changes_nothing(rated):
    db, roster, form = rated
    survey = V.open_survey(db, "facilitator")
    code = roster.entries[0]["code"]
    assert Q.submit(db, form, roster, _rating(survey, code), default_community()).stored
    V.close_survey(db, survey, "facilitator")
    late = Q.submit(db, form, roster, {**_rating(survey, code), "function_vision": "1"},
                    default_community())
    assert not late.stored and [p.code for p in late.errors] == ["BACKBONE_SURVEY_CLOSED"]
    assert late.errors[0].field == "round"
    stored = Q.scores(db, survey)
    assert stored.loc[stored["item"] == "function_vision", "score"].tolist() == [4]


def test_an_answer_to_a_survey_never_opened_is_refused(rated):
    db, roster, form = rated
    outcome = Q.submit(db, form, roster, _rating(3, roster.entries[0]["code"]),
                       default_community())
    assert [p.code for p in outcome.errors] == ["BACKBONE_SURVEY_NOT_OPEN"]
    assert Q.scores(db, 3).empty


# --- thresholds ------------------------------------------------------------------------

def _community(tmp_path, text):
    (tmp_path / "community.toml").write_text(text, encoding="utf-8")
    return load_community(tmp_path)


@pytest.mark.parametrize("text, expected", [
    ("", A.Thresholds(5, 10)),
    ("[backbone]\nk = 4\nk_comments = 8\n", A.Thresholds(4, 8)),
    ("[backbone]\nk = 3\n", A.Thresholds(3, 10)),
    ("[backbone]\nk = 12\n", A.Thresholds(12, 12)),
])
def test_thresholds_are_read_from_the_backbone_section(tmp_path, text, expected):
    assert H.thresholds_for(_community(tmp_path, text)) == (expected, [])


@pytest.mark.parametrize("text, reason", [
    ("[backbone]\nk = 2\n", "below 3"),
    ("[backbone]\nk = 5\nk_comments = 4\n", "k_comments = 4 is below k = 5"),
    ("[backbone]\nk = \"five\"\n", "whole numbers"),
    ("[backbone]\nk = 5.5\n", "whole numbers"),
    ("[backbone]\nk = true\n", "whole numbers"),
])
def test_a_bad_threshold_is_reported_and_the_defaults_kept(tmp_path, text, reason):
    thresholds, problems = H.thresholds_for(_community(tmp_path, text))
    assert thresholds == A.Thresholds()
    assert [p.code for p in problems] == ["BACKBONE_THRESHOLDS_IGNORED"]
    assert reason in problems[0].message and "community.toml" in problems[0].file


def test_no_community_folder_gives_the_defaults():
    assert H.thresholds_for(default_community()) == (A.Thresholds(), [])
