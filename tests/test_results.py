"""Task 3 results: North Star and shared indicators in the decision log, the trend forecast,
turn-the-curve charts and prompts, performance measures, the results tree, the
alignment workbook."""
from __future__ import annotations

import io
import shutil
import sqlite3

import openpyxl
import pytest

from workbook import alignment_export as O
from workbook import decisions as D
from workbook import results_figures as RF
from workbook import indicators as I
from workbook.loading import load_paths
from workbook.sample import example_indicators as X
from workbook.tasks.results import curve as C
from workbook.tasks.results import forecast as F
from workbook.tasks.results import journal
from workbook.tasks.results import northstar as N
from workbook.tasks.results import performance as P

from .conftest import EXAMPLE

BY = "facilitator"


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory, example_community):
    """The example's checklists and indicator history, loaded once; copied per test."""
    db = tmp_path_factory.mktemp("results") / "loaded.db"
    load_paths([EXAMPLE / "checklists"], db, example_community)
    I.load_indicators([EXAMPLE / "indicators"], db, example_community)
    return db


@pytest.fixture
def db(loaded_db, tmp_path):
    copy = tmp_path / "w.db"
    shutil.copy(loaded_db, copy)
    return copy


@pytest.fixture
def adopted(db):
    X.adopt(db, BY)
    return db


def _indicator(name="Kindergarten readiness", **more) -> N.SharedIndicator:
    values = dict(name=name, unit="Percent", polarity=N.HIGHER, data_source="Screener",
                  geography="Riverbend Region", baseline_value=46, baseline_year=2023,
                  target_value=60, target_year=2030)
    return N.SharedIndicator(**{**values, **more})


# --- the forecast -------------------------------------------------------------------------

def test_theil_sen_recovers_a_straight_line_and_shrugs_off_one_odd_year():
    years = [2019, 2020, 2021, 2022, 2023]
    straight = [10 + 2 * (y - 2019) for y in years]
    trend = F.fit(years, straight)
    assert trend.slope == pytest.approx(2) and trend.at(2025) == pytest.approx(22)
    odd = straight.copy()
    odd[-1] = 40  # a one-year spike at the end
    robust, plain = F.fit(years, odd), F.fit(years, odd, F.LEAST_SQUARES)
    assert robust.slope == pytest.approx(2)
    assert plain.slope != pytest.approx(2)  # least squares is pulled by the spike


def test_least_squares_matches_the_textbook_formula():
    years, values = [1, 2, 3, 4], [2, 3, 5, 6]
    # slope = cov(x, y) / var(x) = (sum (x-2.5)(y-4)) / 5 = 7 / 5
    trend = F.fit(years, values, F.LEAST_SQUARES)
    assert trend.slope == pytest.approx(1.4) and trend.at(2.5) == pytest.approx(4)


def test_only_the_recent_years_and_real_figures_count():
    years = list(range(2010, 2020))
    values = [50.0] * 5 + [50.0, 51.0, None, 53.0, 54.0, ][:5]
    trend = F.fit(years, values, last_years=4)
    assert (trend.first_year, trend.last_year, trend.points) == (2015, 2019, 4)
    assert F.fit([2020, 2021], [1, 2]) is None  # two figures are not a trend
    assert F.fit([2020, 2021, 2022], [1, None, 2]) is None


def test_forecast_keeps_percentages_between_0_and_100_and_says_its_method():
    trend = F.fit([2020, 2021, 2022], [90, 95, 100])
    future = F.forecast(trend, 2026, "Percent")
    assert future["year"].tolist() == list(range(2022, 2027))
    assert future["value"].max() == 100
    text = trend.description()
    assert "If nothing changes" in text and "Theil–Sen" in text and "2020–2022" in text
    assert "least-squares" in F.fit([1, 2, 3], [1, 2, 3], F.LEAST_SQUARES).description()


# --- North Star and shared indicators -----------------------------------------------------

def test_adopting_a_new_north_star_supersedes_the_old_one(db):
    first = N.adopt_north_star(db, "Every child thrives", BY)
    second = N.adopt_north_star(db, "Every child in the region thrives from cradle to career",
                                BY, "Reworded after the fist-to-five")
    star = N.north_star(db)
    assert star.entry_id == second and "cradle to career" in star.statement
    revisions = D.history(db, ("north_star", D.plain_key("Every child thrives")))
    assert [e.entry_id for e in revisions] == [first, second]


def test_shared_indicator_from_the_crosswalk_names_who_measures_it(db):
    candidates = N.crosswalk_indicators(db)
    row = candidates[candidates["indicator"].str.contains("3rd graders proficient")].iloc[0]
    proposal = N.from_crosswalk(row, N.HIGHER, 55, 2030, name="3rd-grade reading proficiency")
    entry_id = N.adopt_indicator(db, proposal, BY, "Most coalitions already track it")
    (adopted,) = N.shared_indicators_list(db)
    assert adopted.entry_id == entry_id and adopted.origin == N.FROM_CROSSWALK
    assert "Riverbend Literacy Collaborative" in adopted.coalitions
    entry = [e for e in D.current(db) if e.entry_id == entry_id][0]
    assert {s.kind for s in entry.subjects} == {"shared_indicator", "indicator"}
    assert entry.details["target_value"] == 55


def test_revising_an_indicator_supersedes_it_and_retiring_withdraws_it(db):
    N.adopt_indicator(db, _indicator(origin=N.NEW), BY)
    N.adopt_indicator(db, _indicator(origin=N.NEW, target_value=62), BY, "Stretch target")
    (only,) = N.shared_indicators_list(db)
    assert only.target_value == 62
    N.retire_indicator(db, "Kindergarten readiness", BY, "Screener changed")
    assert N.shared_indicators_list(db) == []


def test_at_most_five_indicators_and_particulars_are_checked(db):
    for number in range(N.MAX_INDICATORS):
        N.adopt_indicator(db, _indicator(f"Indicator number {'abcde'[number]}"), BY)
    with pytest.raises(N.ResultsError, match="retire one"):
        N.adopt_indicator(db, _indicator("A sixth indicator"), BY)
    with pytest.raises(N.ResultsError, match="higher or lower"):
        N.adopt_indicator(db, _indicator("Indicator number a", polarity="Up"), BY)
    with pytest.raises(N.ResultsError, match="with its year"):
        N.adopt_indicator(db, _indicator("Indicator number a", baseline_year=None), BY)
    with pytest.raises(N.ResultsError, match="not an indicator of any loaded"):
        N.adopt_indicator(db, _indicator("Made up", origin=N.FROM_CROSSWALK,
                                         crosswalk_indicator="Tons of moon rock"), BY)
    assert N.indicator_count_note(2) and N.indicator_count_note(4) is None


# --- turn the curve ---------------------------------------------------------------------

def test_curve_has_history_subgroups_a_trend_from_everyone_and_the_target(adopted):
    absence = [i for i in N.shared_indicators_list(adopted) if i.name == "Chronic absence"][0]
    curve = C.curve_data(adopted, absence)
    assert set(curve.subgroups) == {X.ECON, X.HISPANIC}
    everyone = curve.everyone.dropna(subset=["value"])
    expected = F.fit(everyone["year"], everyone["value"])
    assert curve.trend == expected
    frame = C.curve_frame(curve)
    assert set(frame["kind"]) == {C.HISTORY, C.TREND, C.TARGET}
    target = frame[frame["kind"] == C.TARGET].iloc[0]
    assert (target["year"], target["value"]) == (2029, 14)
    assert frame[frame["kind"] == C.TREND]["year"].max() == 2029


def test_a_county_curve_uses_only_that_county(adopted):
    reading = [i for i in N.shared_indicators_list(adopted) if i.name.startswith("3rd")][0]
    county = C.curve_data(adopted, reading, geography="Calder County")
    whole = C.curve_data(adopted, reading)
    assert len(county.history) < len(whole.history)
    assert county.everyone["value"].dropna().mean() < whole.everyone["value"].dropna().mean()


def test_curve_chart_states_its_method_and_draws_the_target(adopted):
    reading = [i for i in N.shared_indicators_list(adopted) if i.name.startswith("3rd")][0]
    spec = RF.curve_chart(C.curve_data(adopted, reading)).to_dict()
    subtitle = " ".join(spec["title"]["subtitle"])
    assert "If nothing changes" in subtitle and "Theil–Sen" in subtitle
    assert "fictional" in subtitle  # the source is named
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
             for layer in spec["layer"]]
    assert "point" in marks and marks.count("line") == 2


def test_baseline_report_breaks_the_baseline_down_by_subgroup(adopted):
    indicators = N.shared_indicators_list(adopted)
    report = C.baseline_report(adopted, indicators)
    reading = report[report["indicator"] == "3rd-grade reading proficiency"].set_index("subgroup")
    assert {"Everyone", X.BLACK, X.WHITE} <= set(reading.index)
    everyone = reading.loc["Everyone"]
    assert (everyone["baseline_year"], everyone["latest_year"]) == (2023, 2025)
    assert everyone["gap_to_everyone"] == 0
    assert reading.loc[X.BLACK, "gap_to_everyone"] < 0 < reading.loc[X.WHITE, "gap_to_everyone"]
    # lower is better: a subgroup absent more often is behind, so its gap is negative too
    absence = report[report["indicator"] == "Chronic absence"].set_index("subgroup")
    assert absence.loc[X.ECON, "gap_to_everyone"] < 0
    summary = C.curve_summary(adopted, indicators)
    assert summary["if_nothing_changes"].str.startswith("If nothing changes").all()


def test_curve_without_figures_says_so(db):
    spec = RF.curve_chart(C.curve_data(db, _indicator("Never loaded"))).to_dict()
    assert "No figures" in str(spec)


def test_prompts_keep_every_revision_and_insist_on_roles_and_a_low_cost_idea(db):
    C.save_story(db, "Chronic absence", "First draft", BY)
    C.save_story(db, "Chronic absence", "Absence doubled after reopening", "co-facilitator")
    C.save_partners(db, "Chronic absence", [("Riverbend Transit", "student bus passes")], BY)
    with pytest.raises(ValueError, match="role"):
        C.save_partners(db, "Chronic absence", [("Calder County Schools", "")], BY)
    with pytest.raises(ValueError, match="low-cost"):
        C.save_what_works(db, "Chronic absence", ["Mentors"], " ", BY)
    frame = C.prompts(db, "Chronic absence")
    assert frame["prompt"].tolist() == list(C.PROMPTS.values())
    story = frame.set_index("prompt").loc[C.PROMPTS[C.STORY]]
    assert story["answer"] == "Absence doubled after reopening" and story["revisions"] == 2
    assert frame.set_index("prompt").loc[C.PROMPTS[C.ACTION_PLAN], "answer"] == ""
    assert len(journal.history(db, C.PROMPT_KIND, C._prompt_key("Chronic absence", C.STORY))) == 2


def test_the_history_shows_every_version_of_each_answer_newest_first(db):
    C.save_story(db, "Chronic absence", "First draft", BY)
    C.save_story(db, "Chronic absence", "Absence doubled after reopening", "co-facilitator")
    C.save_what_works(db, "Chronic absence", ["Mentors"], "Text reminders", BY)
    C.save_story(db, "Third-grade reading", "Another indicator's story", BY)
    history = C.prompt_history(db, "Chronic absence")
    story = history[history["prompt"] == C.PROMPTS[C.STORY]]
    assert story["answer"].tolist() == ["Absence doubled after reopening", "First draft"]
    assert story["revision"].tolist() == [2, 1] and story["in_force"].tolist() == [True, False]
    assert story["written_by"].tolist() == ["co-facilitator", BY]
    assert history["prompt"].tolist()[-1] == C.PROMPTS[C.WHAT_WORKS]
    assert "Another indicator" not in " ".join(history["answer"])
    assert C.prompt_history(db, "Never answered").empty


def test_the_journal_is_append_only(db):
    journal.write(db, "curve_prompt", "k", {"text": "x"}, BY)
    with sqlite3.connect(db) as connection, pytest.raises(sqlite3.DatabaseError,
                                                          match="append-only"):
        connection.execute(f"UPDATE {journal.TABLE} SET payload_json = '{{}}'")


# --- performance accountability -----------------------------------------------------------

MENTORS = "Attendance mentors in grades K-8"


def _measures(db):
    P.save_measure(db, P.Measure(MENTORS, "% of mentored students attending 90%+ of days",
                                 P.BETTER_OFF, "Chronic absence",
                                 ("Every Day Counts Dunmore-Easton",), "Percent", actual=61,
                                 target=70), BY)
    P.save_measure(db, P.Measure(MENTORS, "Students matched with a mentor", P.HOW_MUCH,
                                 "Chronic absence", ("Every Day Counts Dunmore-Easton",
                                                     "Graduate Riverbend"), "Count",
                                 actual=240, target=400), BY)
    P.save_measure(db, P.Measure(MENTORS, "Mentors meeting students weekly", P.HOW_WELL,
                                 "Chronic absence", ("Graduate Riverbend",), "Percent"), BY)
    P.save_measure(db, P.Measure("Summer reading at branch libraries", "Children enrolled",
                                 P.HOW_MUCH, "", ("Riverbend Literacy Collaborative",)), BY)


def test_measures_are_sorted_under_the_three_questions(adopted):
    _measures(adopted)
    frame = P.measures(adopted)
    mentors = frame[frame["strategy"] == MENTORS]
    assert mentors["question"].tolist() == list(P.QUESTIONS)
    with pytest.raises(ValueError, match="one question"):
        P.save_measure(adopted, P.Measure(MENTORS, "Happy families", "Was it nice?"), BY)


def test_results_tree_links_north_star_to_contributing_coalitions(adopted):
    _measures(adopted)
    tree = P.results_tree(adopted)
    by_node = tree.set_index("node")
    seen = set()
    for node, parent in zip(tree["node"], tree["parent"]):
        if isinstance(parent, str):
            assert parent in seen  # parents come before children
            child, up = by_node.loc[node], by_node.loc[parent]
            assert child["depth"] == up["depth"] + 1
        seen.add(node)
    assert tree.iloc[0]["label"] == X.PROPOSED_NORTH_STAR
    mentor_node = tree[(tree["level"] == "Strategy") & (tree["label"] == MENTORS)]["node"].iloc[0]
    measures = tree[tree["parent"] == mentor_node]
    assert measures["level"].eq("Measure").all() and len(measures) == 3
    matched = measures[measures["label"] == "Students matched with a mentor"]["node"].iloc[0]
    assert sorted(tree[tree["parent"] == matched]["label"]) == [
        "Every Day Counts Dunmore-Easton", "Graduate Riverbend"]
    indicator = by_node.loc[by_node.loc[mentor_node, "parent"]]
    assert indicator["label"] == "Chronic absence"
    # a measure naming no shared indicator still has a place in the tree
    orphan = tree[tree["label"] == "Summer reading at branch libraries"].iloc[0]
    assert by_node.loc[orphan["parent"], "label"] == P.NO_INDICATOR
    # a shared result decided in the room shows before any indicator tracks it
    D.record(adopted, D.Decision("add", (D.subject("shared_goal", "Families are economically "
                                                   "secure"),), BY, value="Families are "
                                 "economically secure"))
    results = P.results_tree(adopted)
    assert "Families are economically secure" in results[
        results["level"] == "Shared result"]["label"].tolist()
    spec = RF.tree_chart(tree).to_dict()
    assert spec["height"] == RF.ROW_HEIGHT * len(tree)


def test_scorecard_rows_carry_actual_target_polarity_and_frequency(adopted):
    _measures(adopted)
    card = P.scorecard(adopted, {D.wording_key("Chronic absence"): (2025, 19.8)})
    assert card.iloc[0]["type"] == "Result"
    absence = card[(card["type"] == "Indicator") & (card["name"] == "Chronic absence")].iloc[0]
    assert (absence["actual"], absence["target"], absence["polarity"]) == (19.8, 14, N.LOWER)
    assert absence["frequency"] == "Yearly"
    measure = card[card["name"] == "Students matched with a mentor"].iloc[0]
    assert (measure["type"], measure["parent"], measure["actual"]) == (
        "Performance measure", MENTORS, 240)


# --- the alignment workbook ---------------------------------------------------------------

def test_alignment_workbook_holds_every_part_and_escapes_formulas(adopted):
    _measures(adopted)
    P.save_measure(adopted, P.Measure("=HYPERLINK(\"http://x\")", "@SUM(A1)", P.HOW_MUCH,
                                      "Chronic absence"), BY)
    C.save_story(adopted, "Chronic absence", "-2 points since 2022", BY)
    workbook = openpyxl.load_workbook(io.BytesIO(O.alignment_workbook(adopted, "Riverbend")))
    assert {O.CROSSWALK_SHEET, O.STRATEGIES_SHEET, O.INDICATORS_SHEET, O.HISTORY_SHEET,
            O.BASELINE_SHEET,
            O.PROMPTS_SHEET, O.MEASURES_SHEET, O.TREE_SHEET, O.SCORECARD_SHEET,
            D.LOG_SHEET, D.SUBJECTS_SHEET} <= set(workbook.sheetnames)
    texts = [c.value for sheet in workbook for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str)]
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)
    assert "'=HYPERLINK(\"http://x\")" in texts and "'@SUM(A1)" in texts
    assert "'-2 points since 2022" in texts
    history = workbook[O.HISTORY_SHEET]
    assert history.max_row - 4 == len(I.history(adopted))
    log = workbook[D.LOG_SHEET]
    assert log.max_row - 1 == len(D.entries(adopted))


def test_crosswalk_keeps_each_goal_with_its_coalition_and_decision(adopted):
    cross = O.goal_crosswalk(adopted)
    with sqlite3.connect(adopted) as connection:
        goals = connection.execute(
            "SELECT COUNT(*) FROM goals g JOIN coalitions c USING (coalition_id) "
            "WHERE COALESCE(c.status, 'Active') = 'Active'").fetchone()[0]
    assert len(cross) == goals and cross["coalition"].notna().all()
    coalition, statement = cross.iloc[0]["coalition"], None
    with sqlite3.connect(adopted) as connection:
        statement = connection.execute(
            "SELECT statement FROM goals g JOIN coalitions c USING (coalition_id) "
            "WHERE c.name = ? LIMIT 1", (coalition,)).fetchone()[0]
    entry = D.record(adopted, D.Decision("keep", (D.subject("goal", coalition, statement),), BY,
                                         rationale="Its own population"))
    cross = O.goal_crosswalk(adopted)
    row = cross[(cross["coalition"] == coalition) & (cross["statement"] == statement)].iloc[0]
    assert row["decision"].startswith(f"#{entry} Keep")


def test_turn_the_curve_charts_export_as_png_and_svg(adopted, tmp_path):
    written = O.export_results(adopted, tmp_path, "Riverbend Region")
    names = {p.name for p in written}
    assert O.ALIGNMENT_FILE in names
    for indicator in X.PROPOSED_INDICATORS:
        stem = O.CHART_PREFIX + O.slug(indicator.name)
        assert {f"{stem}.png", f"{stem}.svg"} <= names
    svg = (tmp_path / f"{O.CHART_PREFIX}chronic-absence.svg").read_text()
    assert "If nothing changes" in svg and "Riverbend Region" in svg
    assert (tmp_path / f"{O.CHART_PREFIX}chronic-absence.png").read_bytes()[:4] == b"\x89PNG"
