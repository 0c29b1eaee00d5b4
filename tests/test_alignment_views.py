"""Notebook 3's panels, clicked programmatically: what the room clicks lands in the decision
log (or the results journal), and what another laptop records shows up here."""
from __future__ import annotations

import shutil

import nbformat
import pytest

from workbook import decisions as D
from workbook.community import load_community
from workbook.indicators import load_indicators
from workbook.loading import load_paths
from workbook.sample import example_indicators
from workbook.tasks.alignment.suggestions import LIKELY, WORTH_A_LOOK, suggestions
from workbook.tasks.results import northstar as N
from workbook.views import alignment, live, results
from workbook.views.decision_card import DecisionCard
from workbook.workspace import Workspace

from .test_dashboards import _errors, _run_notebook
from .conftest import EXAMPLE, ROOT, sampled_community_50

NOTEBOOK = ROOT / "notebooks" / "3_align_goals_and_strategies.ipynb"


@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("t3") / "workbook.db"
    community = load_community(EXAMPLE)
    load_paths([community.checklists_dir], db, community)
    load_indicators(sorted((EXAMPLE / "indicators").glob("*.xlsx")), db, community)
    return db


@pytest.fixture
def workspace(example_db, tmp_path):
    db = tmp_path / "workbook.db"
    shutil.copy(example_db, db)
    live._WATCHERS.clear()  # one watcher per database path and kernel
    return Workspace(load_community(EXAMPLE), db)


def _cards(panel) -> list[DecisionCard]:
    return [c for c in panel.children[-1].children if isinstance(c, DecisionCard)]


def test_combining_a_suggestion_by_clicking_records_it_and_undo_withdraws_it(workspace):
    panel = alignment.suggestions_panel(workspace)
    card = _cards(panel)[0]
    coalitions = sorted({item.coalition for item in card.items})
    card.wording.value = "Young adults are working"
    card.rationale.value = "The same result, worded three ways"
    card.buttons["combine"].click()
    [entry] = D.current(workspace.db)
    assert (entry.kind, entry.value, entry.by) == ("combine", "Young adults are working",
                                                   "facilitator")
    assert entry.rationale == "The same result, worded three ways"
    assert sorted(entry.details["coalitions"]) == coalitions
    assert {s.kind for s in entry.subjects} == {"goal", "shared_goal"}
    assert "In force" in card.status.value and "Young adults are working" in card.status.value
    assert N.shared_results(workspace.db) == ["Young adults are working"]

    card.undo.click()
    assert D.current(workspace.db) == []
    assert [e.kind for e in D.entries(workspace.db)] == ["combine", "withdraw"]
    assert "Not decided yet" in card.status.value
    assert card.past.value.count("<li>") == 2  # the history keeps both revisions


def test_a_decision_that_cannot_be_recorded_says_why_and_writes_nothing(workspace):
    card = _cards(alignment.suggestions_panel(workspace))[0]
    for tick in card.ticks[1:]:
        tick.value = False
    card.buttons["keep_separate"].click()
    assert "two or more" in card.said.value
    card.wording.value = ""
    card.buttons["combine"].click()
    assert D.entries(workspace.db) == []


def test_keeping_goals_separate_takes_the_suggestion_away(workspace):
    panel = alignment.suggestions_panel(workspace)
    card = _cards(panel)[0]
    pair = {(i.coalition, i.text) for i in card.items}
    card.buttons["keep_separate"].click()
    assert D.current(workspace.db)[0].kind == "keep_separate"
    after = suggestions(workspace.db, "goal", EXAMPLE).members
    clusters = after.groupby("cluster_id").apply(lambda m: set(zip(m.coalition, m.text)))
    assert not any(pair <= members for members in clusters)
    # a page opened afterwards (a reload, the other laptop) still shows it, with its undo
    fresh = _cards(alignment.suggestions_panel(workspace))
    [kept] = [c for c in fresh if "Keep separate" in c.status.value]
    assert {(i.coalition, i.text) for i in kept.items} == pair and not kept.undo.disabled


def test_strategy_cards_offer_the_strategy_decisions(workspace):
    panel = alignment.suggestions_panel(workspace)
    panel.children[1].value = "strategy"
    card = _cards(panel)[0]
    assert set(card.buttons) == {"align", "combine", "keep", "add", "stop"}
    card.rationale.value = "Funding ends in June"
    card.buttons["stop"].click()
    [entry] = D.current(workspace.db)
    assert entry.kind == "stop" and {s.kind for s in entry.subjects} == {"strategy"}


def test_weaker_suggestions_come_after_the_likely_ones_under_their_own_heading(workspace):
    panel = alignment.suggestions_panel(workspace)
    panel.children[1].value = "strategy"  # the example's strategies hold both bands
    found = suggestions(workspace.db, "strategy", EXAMPLE).clusters
    likely, weaker = (int((found["band"] == band).sum()) for band in (LIKELY, WORTH_A_LOOK))
    assert likely and weaker
    shown = list(panel.children[-1].children)
    [heading] = [i for i, c in enumerate(shown)
                 if not isinstance(c, DecisionCard) and "Worth a look" in c.value]
    above, below = shown[:heading], shown[heading + 1:heading + 1 + weaker]
    assert len(above) == likely and len(below) == weaker
    assert all("wb-card-weaker" not in c._dom_classes for c in above)
    assert all("wb-card-weaker" in c._dom_classes and "weaker likeness" in c.reason.value
               for c in below)
    assert "check" in shown[heading].value  # what they are, in one sentence
    summary = panel.children[2].value
    assert f"{likely} likely suggestions" in summary and f"{weaker} weaker ones" in summary


def test_the_summary_names_a_band_only_when_it_holds_suggestions():
    said = alignment._summary("goals", 1, 0)
    assert said.startswith("1 likely suggestion of goals") and "worth a look" not in said
    assert "2 weaker ones worth a look (below)" in alignment._summary("goals", 3, 2)
    assert alignment._summary("goals", 0, 0).startswith("No goals")


def test_a_weaker_suggestion_is_decided_with_the_same_buttons_into_the_same_log(workspace):
    panel = alignment.suggestions_panel(workspace)
    panel.children[1].value = "strategy"
    card = [c for c in _cards(panel) if "wb-card-weaker" in c._dom_classes][0]
    pair = {(i.coalition, i.text) for i in card.items}
    card.wording.value = "One shared strategy"
    card.buttons["combine"].click()
    [entry] = D.current(workspace.db)
    assert entry.kind == "combine" and {s.key for s in entry.subjects if s.kind == "strategy"} \
        == {i.subject().key for i in card.items}
    # the room's decision changes the next suggestions: the pair is marked combined
    after = suggestions(workspace.db, "strategy", EXAMPLE)
    [cluster] = {m.cluster_id for m in after.members.itertuples()
                 if (m.coalition, m.text) in pair}
    assert after.clusters.set_index("cluster_id").at[cluster, "already_combined"]
    card.undo.click()
    assert D.current(workspace.db) == []


def test_the_crosswalk_filters_and_records_a_retired_goal(workspace):
    panel = alignment.crosswalk_panel(workspace)
    area, indicator, coalition = panel.children[1].children
    coalition.value = "Graduate Riverbend"
    items = panel.data["items"]
    assert set(items["coalition"]) == {"Graduate Riverbend"}
    assert set(items["item_kind"]) >= {"goal", "strategy"}
    indicator.value = indicator.options[1][1]
    assert len(panel.data["items"]) <= len(items)
    indicator.value, coalition.value = alignment.ALL, alignment.ALL
    assert panel.data["Indicators measured differently"]["coalition"].nunique() >= 2

    pick = panel.children[-2]
    goal = pick.options[0][1]
    pick.value = (goal,)
    card = panel.children[-1].children[0]
    card.rationale.value = "Reached in 2025"
    card.buttons["retire"].click()
    [entry] = D.current(workspace.db)
    assert entry.kind == "retire" and entry.coalitions == (goal[0],)
    shown = panel.data["items"]
    decided = shown[(shown["coalition"] == goal[0]) & (shown["text"] == goal[1])]
    assert (decided["decision"] == "Retire").all()


def test_what_another_laptop_records_shows_after_the_next_look(workspace):
    panel = alignment.suggestions_panel(workspace)
    card = _cards(panel)[0]
    # the other laptop: its own write, straight to the shared log
    D.record(workspace.db, D.Decision("keep_separate", tuple(i.subject() for i in card.items),
                                      "co-facilitator", rationale="Different populations"))
    assert "Not decided yet" in card.status.value
    assert live.watcher(workspace.db).check()
    assert "Keep separate" in card.status.value and "co-facilitator" in card.status.value
    assert not live.watcher(workspace.db).check()  # nothing new since


def test_adopting_the_north_star_and_an_indicator_from_the_crosswalk(workspace):
    panel = results.north_star_panel(workspace)
    star_form = panel.children[1].children[0].children
    star_form[0].value = "Every child in the Riverbend Region grows up ready for a career"
    star_form[4].click()
    assert N.north_star(workspace.db).statement.startswith("Every child in the Riverbend")
    assert "Every child in the Riverbend" in panel.children[0].value

    form = panel.children[-1].children[0].children
    origin = form[0]
    reading = next(o for o in origin.options if o.startswith("% of parents reading"))
    origin.value = reading
    assert form[2].value == "Percent" and form[6].value  # unit and baseline proposed
    form[8].value, form[9].value = "55", "2030"
    form[12].click()
    [shared] = N.shared_indicators_list(workspace.db)
    assert shared.origin == N.FROM_CROSSWALK and shared.target_value == 55
    assert len(shared.coalitions) == 2
    assert "wb-message" in panel.children[3].value  # one indicator: the room is told 3-5


def test_turn_the_curve_prompts_are_saved_and_the_handout_withdrawn_on_change(workspace):
    example_indicators.adopt(workspace.db)
    panel = results.curve_panel(workspace)
    assert panel.choices["indicator"] == "Kindergarten readiness"
    assert len(panel.data["curve"]) > 0
    boxes = panel.children[-1].children
    boxes[0].value = "Fewer families found child care after two centres closed"
    boxes[1].click()
    boxes[2].value = "County library system: runs story times\nHealth department"
    boxes[3].click()
    said, revisions = boxes[-2], boxes[-1]
    assert "role" in said.value  # the partner without a role is named
    assert revisions.value == ""  # one version so far: nothing earlier to show
    boxes[0].value = "Two centres closed and waiting lists grew"
    boxes[1].click()
    assert "Earlier versions of these answers (1)" in revisions.value
    assert "Fewer families found child care" in revisions.value
    prompts = panel.data["prompts"].set_index("prompt")["answer"]
    assert prompts["Story behind the curve"].startswith("Two centres closed")
    assert prompts["Partners, with their roles"] == ""

    download = panel.children[2].children[1].children[1]
    download.button.click()
    assert "Download PNG" in download.links.value
    which = panel.children[0].children[0]
    which.value = which.options[1]
    assert "Download PNG" not in download.links.value
    assert panel.children[-1].children[0].value == ""  # this indicator's own (empty) story


def test_measures_go_under_their_question_and_into_the_tree(workspace):
    example_indicators.adopt(workspace.db)
    panel = results.measures_panel(workspace)
    form = panel.children[1].children[0].children
    form[0].value = "Summer reading at branch libraries"
    form[1].value = "Children reading 20 minutes a day"
    form[2].value = "Is anyone better off?"
    form[3].value = "3rd-grade reading proficiency"
    form[5].value = "many"
    form[9].click()
    assert "numbers" in form[-1].value
    form[5].value = "412"
    form[9].click()
    measures = panel.data["measures"]
    assert measures.loc[0, "question"] == "Is anyone better off?"
    assert measures.loc[0, "actual"] == 412
    assert "Children reading 20 minutes a day" in set(panel.data["tree"]["label"])


def test_the_workbook_link_goes_when_a_decision_is_recorded(workspace):
    panel = results.downloads_panel(workspace)
    download = panel.children[0]
    download.button.click()
    assert "alignment-workbook.xlsx" in download.links.value
    N.adopt_north_star(workspace.db, "Every child thrives", "co-facilitator")
    live.watcher(workspace.db).check()
    assert "alignment-workbook.xlsx" not in download.links.value


# --- the notebook, headless ----------------------------------------------------------------

POLL_CHECK = """
import asyncio
from workbook import decisions as D
card = [c for c in page['suggestions'].children[-1].children][0]
D.record(page.workspace.db, D.Decision('keep_separate', tuple(i.subject() for i in card.items),
                                       'co-facilitator'))
await asyncio.sleep(live.POLL_S * 2.5)
print('polled:', 'co-facilitator' in card.status.value)
"""


def _run(env: dict, monkeypatch, extra: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    return _run_notebook(NOTEBOOK, env, monkeypatch, extra)


def _outputs(notebook) -> str:
    return "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                     for cell in notebook.cells if cell.cell_type == "code"
                     for o in cell.outputs)




def test_notebook_3_runs_on_the_example_and_polls_the_log(workspace, tmp_path, monkeypatch):
    example_indicators.adopt(workspace.db)
    notebook = _run({"WORKBOOK_COMMUNITY": str(EXAMPLE), "WORKBOOK_DB": str(workspace.db),
                     "IPYTHONDIR": str(tmp_path / "ipython")}, monkeypatch,
                    ["from workbook.views import live\n"
                     "print('watching:', all(w.task is not None for w in live._WATCHERS.values()))",
                     POLL_CHECK])
    assert not _errors(notebook)
    shown = _outputs(notebook)
    assert "watching: True" in shown and "polled: True" in shown
    assert "Traceback" not in shown and "could not be shown" not in shown
    assert "page['curve']" in shown  # the analyst's guide lists the panels


def test_notebook_3_runs_on_a_sampled_community_of_50(tmp_path, monkeypatch,
                                                     sampled_50_checklists):
    folder = tmp_path / "sampled-50"
    community = sampled_community_50(sampled_50_checklists, folder)
    load_paths([community.checklists_dir], community.database_path, community)
    live._WATCHERS.clear()
    ws = Workspace(community, community.database_path)
    assert len(_cards(alignment.suggestions_panel(ws))) > 0
    notebook = _run({"WORKBOOK_COMMUNITY": str(folder),
                     "WORKBOOK_DB": str(community.database_path),
                     "IPYTHONDIR": str(tmp_path / "ipython")}, monkeypatch)
    assert not _errors(notebook)
    shown = _outputs(notebook)
    assert "Traceback" not in shown and "could not be shown" not in shown


def test_a_bad_thesaurus_line_is_named_on_the_page(workspace, tmp_path):
    folder = tmp_path / "community"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("*.db", "checklists",
                                                                    "indicators", "notes"))
    (folder / "thesaurus.csv").write_text(
        "concept,phrase,decision\nrecidivism,back behind bars,\n,return to custody,\n")
    shown = Workspace(load_community(folder), workspace.db)
    summary = alignment.suggestions_panel(shown).children[2].value
    assert "could not be used" in summary and "thesaurus.csv" in summary


def test_prompts_saved_on_the_other_laptop_appear_unless_someone_is_typing(workspace):
    from workbook.tasks.results import curve as C
    example_indicators.adopt(workspace.db)
    panel = results.curve_panel(workspace)
    story = panel.children[-1].children[0]
    C.save_story(workspace.db, "Kindergarten readiness", "Two centres closed", "co-facilitator")
    live.watcher(workspace.db).check()
    assert story.value == "Two centres closed"
    story.value = "Two centres closed in 2022 and"  # being typed here
    C.save_story(workspace.db, "Kindergarten readiness", "Waiting lists grew", "co-facilitator")
    live.watcher(workspace.db).check()
    assert story.value == "Two centres closed in 2022 and"


def test_a_crosswalk_card_being_filled_survives_the_other_laptops_decision(workspace):
    panel = alignment.crosswalk_panel(workspace)
    pick = panel.children[-2]
    pick.value = (pick.options[0][1],)
    card = panel.children[-1].children[0]
    card.rationale.value = "Half-typed reason"
    D.record(workspace.db, D.Decision("retire", (card.items[0].subject(),), "co-facilitator"))
    live.watcher(workspace.db).check()
    assert panel.children[-1].children[0] is card and card.rationale.value == "Half-typed reason"
    assert "Retire" in card.status.value


def test_a_fist_to_five_is_stored_beside_the_decision(workspace):
    from workbook.roomstore import forms
    card = _cards(alignment.suggestions_panel(workspace))[0]
    card.wording.value = "Young adults are working"
    card.vote.ask.click()
    asked = forms.current_round(workspace.db, forms.FIST_TO_FIVE)
    assert asked is not None and "Young adults are working" in asked.prompt
    community = load_community(EXAMPLE)
    for respondent, level in (("code-1", "4"), ("code-2", "5"), ("code-3", "2")):
        forms.submit_web(workspace.db, forms.FIST_TO_FIVE,
                         {"round": str(asked.round_id), "level": level}, respondent, community)
    card.buttons["combine"].click()
    [entry] = D.current(workspace.db)
    assert entry.details["fist_to_five_round"] == asked.round_id
    assert "n = 3" in entry.details["fist_to_five"]


# --- the room follows the facilitator ---------------------------------------------------

def _published(db, source: str, timeout_s: float = 20):
    import time

    from workbook.roomstore import state
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        shown = state.latest(db)
        if shown is not None and shown.source == source:
            return shown
        time.sleep(0.05)
    return None


def test_the_curve_is_published_to_the_room_with_its_points(workspace, monkeypatch):
    from workbook.roomstore import state
    from workbook.tasks.results import curve as C
    from workbook.views import room_share
    monkeypatch.setattr(room_share, "_publishers", {})
    example_indicators.adopt(workspace.db)
    panel = results.curve_panel(workspace)
    assert room_share.follow(3, "curve", panel, workspace.db, force=True)
    assert state.latest(workspace.db) is None  # building the page publishes nothing
    method = panel.children[1]
    method.value = C.F.LEAST_SQUARES if method.value != C.F.LEAST_SQUARES else C.F.THEIL_SEN
    shown = _published(workspace.db, "3/curve")
    assert shown is not None
    indicator = panel.choices["indicator"]
    assert indicator in shown.title and ("indicator", indicator) in shown.numbers
    points = panel.data["curve"]
    assert len(shown.table) == len(points)
    target = points[points["kind"] == C.TARGET].iloc[0]
    assert (f"target ({int(target['year'])})", f"{target['value']:g}") in shown.numbers
    assert shown.vegalite is not None


def test_the_north_star_is_published_when_present_mode_turns_to_it(workspace, monkeypatch):
    from workbook.views import room_share
    monkeypatch.setattr(room_share, "_publishers", {})
    example_indicators.adopt(workspace.db)
    panel = results.north_star_panel(workspace)
    assert room_share.follow(3, "north_star", panel, workspace.db, force=True)
    panel.children[-1].click()  # the hidden button present mode clicks
    shown = _published(workspace.db, "3/north_star")
    assert shown is not None
    shared = panel.data["indicators"]
    assert ("shared indicators", str(len(shared))) in shown.numbers
    assert [row["Indicator"] for row in shown.table] == shared["indicator"].tolist()
