"""Notebook 5's panels and handouts: nothing from fewer than k raters on any output (screen,
chart data, Excel, SVG), results frozen until the survey closes and computed once after,
thresholds from community.toml, the chosen backbone in the decision log and the charter.
One headless run of the notebook per community (the example, a sampled community of 50)."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import nbformat
import openpyxl
import pytest

from workbook import backbone_export as X
from workbook import backbone_figures as BF
from workbook.community import load_community
from workbook.loading import load_paths
from workbook.roomstore import access
from workbook.tasks.backbone import instrument as I
from workbook.tasks.backbone import preparation
from workbook.tasks.backbone import published as P
from workbook.tasks.backbone import raters as R
from workbook.tasks.backbone import responses as Q
from workbook.tasks.backbone import survey as V
from workbook.views import backbone as B
from workbook.views import backbone_results as BR
from workbook.views import live
from workbook.workspace import Workspace

from .test_dashboards import _errors, _run_notebook
from .conftest import EXAMPLE, ROOT, sampled_community_50

NOTEBOOK = ROOT / "notebooks" / "5_assess_backbone_candidates.ipynb"
FOLDER = EXAMPLE / "backbone"
CANARY = "Zanzibar-canary comment only one rater wrote"


@pytest.fixture(scope="module")
def loaded_checklists(tmp_path_factory):
    db = tmp_path_factory.mktemp("t5") / "workbook.db"
    community = load_community(EXAMPLE)
    load_paths([community.checklists_dir], db, community)
    return db


def _fresh(loaded_checklists, tmp_path) -> Path:
    db = tmp_path / "workbook.db"
    shutil.copy(loaded_checklists, db)
    live._WATCHERS.clear()
    B._LISTENERS.clear()
    return db


@pytest.fixture(scope="module")
def open_template(loaded_checklists, tmp_path_factory):
    """The example's forms loaded, the survey still open, plus one canary comment on the
    candidate too few people rated. Loaded once; each test gets a copy."""
    db = tmp_path_factory.mktemp("t5-open") / "workbook.db"
    shutil.copy(loaded_checklists, db)
    community = load_community(EXAMPLE)
    outcome = preparation.load_folder(FOLDER, db, community)
    assert outcome.loaded and not outcome.refused
    roster = preparation.roster(db)
    thin = preparation.candidates(db)[-1].name
    entry = next(e for e in roster.entries if thin in e["allowed"])
    values = {"round": outcome.survey, "candidate": thin, "comment_vision": CANARY,
              **{item: "5" for item, _ in I.ITEMS}}
    form = I.with_candidates([c.name for c in preparation.candidates(db)])
    assert Q.submit_as(db, form, roster, entry["code_id"], values, community).stored
    return db, outcome.survey, thin


@pytest.fixture
def open_survey(open_template, tmp_path):
    template, survey, thin = open_template
    db = _fresh(template, tmp_path)
    shutil.copy(V.roster_path(template), V.roster_path(db))
    return Workspace(load_community(EXAMPLE), db), survey, thin


def _close(workspace, survey):
    V.close_survey(workspace.db, survey, "facilitator")
    B.tell(workspace.db)


def _shown(widget) -> str:
    """Everything a widget tree puts on the page: HTML, labels, options, chart specs."""
    parts = []
    for name in ("value", "description", "placeholder"):
        value = getattr(widget, name, None)
        if isinstance(value, str):
            parts.append(value)
    parts += [str(o) for o in getattr(widget, "options", ())]
    spec = getattr(widget, "spec", None)
    if spec is not None:
        parts.append(json.dumps(spec))
    for child in getattr(widget, "children", ()):
        parts.append(_shown(child))
    return "\n".join(parts)


def _chart_rows(widget) -> list[dict]:
    """Every data row of every chart in a widget tree."""
    rows = []
    spec = getattr(widget, "spec", None)
    if spec is not None:
        for data in spec.get("datasets", {}).values():
            rows += data
    for child in getattr(widget, "children", ()):
        rows += _chart_rows(child)
    return rows


def _results_page(workspace) -> str:
    return "\n".join(_shown(make(workspace)) for make in (
        B.candidates_panel, B.raters_panel, B.survey_panel, BR.results_panel,
        BR.decision_panel))


# --- frozen until the survey closes --------------------------------------------------------

def test_while_open_only_response_rates_are_shown_and_no_score(open_survey):
    workspace, survey, thin = open_survey
    with pytest.raises(P.NotClosed):
        P.frozen(workspace.db, survey, preparation.roster(workspace.db), [thin])
    results = BR.results_panel(workspace)
    assert BR.NOT_YET in _shown(results) and results.data == {}
    panel = B.survey_panel(workspace)
    assert set(panel.data["response rates"].columns) == {"candidate", "offered", "answered",
                                                         "rate"}
    page = _results_page(workspace)
    assert "median" not in page.lower() and CANARY not in page
    assert "declared a tie" not in page  # set-aside counts wait for the close too
    roster = preparation.roster(workspace.db)
    for entry in roster.entries:  # nobody's name, e-mail or code on the page
        assert entry["name"] not in page and entry["email"] not in page
        assert entry["code"] not in page


def test_closing_freezes_the_results_once_for_every_later_view(open_survey):
    workspace, survey, thin = open_survey
    results = BR.results_panel(workspace)
    _close(workspace, survey)
    first = results.data
    assert not first["profile"].empty
    again = BR.closed_results(workspace)[0]
    assert again.computed_at == BR.closed_results(workspace)[0].computed_at
    # comments were shuffled once, at freezing: every view shows the same order
    assert again.comments["comment"].tolist() == first["comments"]["comment"].tolist()
    roster = preparation.roster(workspace.db)
    entry = next(e for e in roster.entries if e["allowed"])
    late = Q.submit_as(workspace.db, I.with_candidates([thin, *entry["allowed"]]), roster,
                       entry["code_id"], {"round": survey, "candidate": entry["allowed"][0],
                                          **{item: "1" for item, _ in I.ITEMS}},
                       workspace.community)
    assert [p.code for p in late.errors] == ["BACKBONE_SURVEY_CLOSED"]
    assert BR.results_panel(workspace).data["profile"].equals(first["profile"])


# --- no cell below k, anywhere -----------------------------------------------------------

def test_no_figure_from_fewer_than_k_raters_on_screen_or_in_chart_data(open_survey):
    workspace, survey, thin = open_survey
    _close(workspace, survey)
    results = BR.results_panel(workspace)
    published = BR.closed_results(workspace)[0]
    k = published.thresholds
    assert (published.profile["n"] >= k.k).all() and thin not in set(published.profile["candidate"])
    assert (published.breakdown["n"] >= k.k).all()
    page = _results_page(workspace)
    assert CANARY not in page
    assert BF.fewer_than(k) in page  # the thin candidate is said to be hidden, in words
    rows = _chart_rows(results)
    thin_rows = [r for r in rows if r.get("candidate") == thin]
    assert thin_rows and all(set(r) & {"median", "q1", "q3", "n"} == set() or
                             all(r.get(c) is None for c in ("median", "q1", "q3", "n"))
                             for r in thin_rows)
    shown_n = [r["n"] for r in rows if r.get("n") is not None]
    assert shown_n and min(shown_n) >= k.k


def test_the_handouts_apply_the_same_suppression(open_survey, tmp_path):
    workspace, survey, thin = open_survey
    _close(workspace, survey)
    written = X.export_folder(workspace.db, tmp_path / "out", workspace.community)
    assert {p.name for p in written} >= {X.RESULTS_FILE, "backbone-profile.svg",
                                          "backbone-profile.png"}
    book = openpyxl.load_workbook(tmp_path / "out" / X.RESULTS_FILE)
    k = BR.closed_results(workspace)[0].thresholds
    for sheet in book:
        header = None
        for row in sheet.iter_rows(values_only=True):
            if header is None and row and row[0] == "Candidate":
                header = row
                continue
            if header is None:
                continue
            values = dict(zip(header, row))
            assert CANARY not in " ".join(str(v) for v in row if v is not None)
            if values.get("Candidate") == thin:
                assert all(values.get(c) is None for c in ("Median", "First quartile",
                                                           "Third quartile", "Alpha")), sheet
            if isinstance(values.get("Raters"), int):
                assert values["Raters"] >= k.k, sheet.title
    for svg in (tmp_path / "out").glob("*.svg"):
        assert CANARY not in svg.read_text(encoding="utf-8")


def test_a_stricter_k_from_community_toml_hides_more(open_survey, tmp_path):
    workspace, survey, _ = open_survey
    _close(workspace, survey)
    folder = tmp_path / "community"
    folder.mkdir()
    shutil.copy(EXAMPLE / "community.toml", folder / "community.toml")
    with open(folder / "community.toml", "a", encoding="utf-8") as settings:
        settings.write("\n[backbone]\nk = 21\nk_comments = 25\n")
    strict = Workspace(load_community(folder), workspace.db)
    published = BR.closed_results(strict)[0]
    assert (published.thresholds.k, published.thresholds.k_comments) == (21, 25)
    assert (published.profile["n"] >= 21).all() and published.comments.empty
    assert "fewer than 21 raters" in _shown(BR.results_panel(strict))
    default = BR.closed_results(workspace)[0]
    assert len(default.profile) > len(published.profile)


def test_a_bad_threshold_is_said_on_the_page_and_the_default_used(open_survey, tmp_path):
    workspace, survey, _ = open_survey
    _close(workspace, survey)
    folder = tmp_path / "community"
    folder.mkdir()
    (folder / "community.toml").write_text('name = "Riverbend Region"\n[backbone]\nk = 2\n',
                                           encoding="utf-8")
    shown = _shown(BR.results_panel(Workspace(load_community(folder), workspace.db)))
    assert "cannot be used" in shown and "fewer than 5 raters" in shown


# --- the survey and the decision, by clicking ------------------------------------------

def test_opening_and_closing_by_clicking(loaded_checklists, tmp_path):
    db = _fresh(loaded_checklists, tmp_path)
    workspace = Workspace(load_community(EXAMPLE), db)
    community = workspace.community
    for candidate in preparation.read_candidates_csv(FOLDER / "candidates.csv"):
        preparation.add_candidate(db, candidate)
    raters = B.raters_panel(workspace)
    survey = B.survey_panel(workspace)
    results = BR.results_panel(workspace)
    raters.children[1].children[0].value = "Marisol Ortega-Banks; Riverbend Food Bank; x; y; z"
    raters.children[2].click()
    assert "more than four parts" in raters.children[3].value  # named, and nothing issued
    assert preparation.roster(db) is None
    # as the room's page reads them: an e-mail wherever it stands, commas inside names
    raters.children[1].children[0].value = ("Marisol Ortega-Banks; mortegabanks@example.org; "
                                            "Riverbend Food Bank, Inc.; Nonprofit")
    raters.children[2].click()
    roster = preparation.roster(db)
    [added] = [e for e in roster.entries if e["name"] == "Marisol Ortega-Banks"]
    assert (added["organisation"], added["sector"]) == ("Riverbend Food Bank, Inc.", "Nonprofit")
    assert oct(V.roster_path(db).stat().st_mode & 0o777) == "0o600"
    first_code = roster.entries[0]["code"]
    raters.children[2].click()  # codes given again before the survey opens: old ones revoked
    assert access.find(db, first_code).active is False
    roster = preparation.roster(db)
    open_button, _ = survey.children[1].children
    close_button, sure = survey.children[2].children
    open_button.click()
    number = V.current_survey(db)
    assert number is not None and B.candidates_panel(workspace).children[1].children[0] \
        .children[1].disabled
    entry = next(e for e in roster.entries if e["allowed"])
    form = I.with_candidates([c.name for c in preparation.candidates(db)])
    assert Q.submit_as(db, form, roster, entry["code_id"],
                       {"round": number, "candidate": entry["allowed"][0],
                        **{item: "4" for item, _ in I.ITEMS}}, community).stored
    survey.children[1].children[1].click()  # look again
    assert survey.data["response rates"]["answered"].sum() == 1
    close_button.click()
    assert V.survey_state(db, number) == V.OPEN  # not without ticking the box
    sure.value = True
    close_button.click()
    assert V.survey_state(db, number) == V.CLOSED
    assert BR.NOT_YET not in _shown(results)  # the results panel redrew itself
    assert results.data["profile"].empty  # one rater: nothing to show


def test_the_chosen_backbone_goes_to_the_log_and_the_charter(open_survey, tmp_path):
    from docx import Document

    from workbook.tasks.umbrella import charter
    workspace, survey, _ = open_survey
    _close(workspace, survey)
    panel = BR.decision_panel(workspace)
    now, chosen, split_box, rationale, record, said = panel.children
    chosen.value = BR.SHARED_CHOICE
    assert split_box.layout.display is None
    names = [c.name for c in preparation.candidates(workspace.db)]
    split_box.children[-1].value = names[0]
    rationale.value = "Funding with the United Way, the rest with the foundation"
    record.click()
    choice = panel.choices["backbone"]
    assert choice.startswith("Shared:") and f"Mobilise funding – {names[0]}" in choice
    assert "Backbone in force" in now.value
    out = charter.write_charter(workspace.db, tmp_path / "charter.docx")
    text = "\n".join(p.text for p in Document(out).paragraphs)
    assert choice in text


# --- one headless run per community ---------------------------------------------------------

def _run(env: dict, monkeypatch, extra: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    return _run_notebook(NOTEBOOK, env, monkeypatch, extra)




def _everything(notebook) -> str:
    """Cell outputs and the widget state saved with them (every HTML, every chart spec)."""
    return json.dumps(notebook.cells) + json.dumps(notebook.metadata)


@pytest.fixture(scope="module")
def example_run(loaded_checklists, tmp_path_factory):
    folder = tmp_path_factory.mktemp("example-run")
    db = folder / "workbook.db"
    shutil.copy(loaded_checklists, db)
    community = load_community(EXAMPLE)
    preparation.load_folder(FOLDER, db, community, close=True)
    monkeypatch = pytest.MonkeyPatch()
    try:
        notebook = _run({"WORKBOOK_COMMUNITY": str(EXAMPLE), "WORKBOOK_DB": str(db),
                         "IPYTHONDIR": str(folder / "ipython")}, monkeypatch)
    finally:
        monkeypatch.undo()
    return notebook, db


def test_notebook_5_runs_on_the_example_and_shows_no_cell_below_k(example_run):
    notebook, db = example_run
    assert not _errors(notebook)
    everything = _everything(notebook)
    assert "Traceback" not in everything and "could not be shown" not in everything
    assert "fewer than 5 raters" in everything and "opinion is split" in everything
    roster = preparation.roster(db)
    for entry in roster.entries:
        assert entry["code"] not in everything and entry["email"] not in everything


def test_notebook_5_is_committed_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") and c.get("execution_count") is None
               for c in notebook.cells if c.cell_type == "code")


def _sampled_survey(folder: Path, checklists: Path) -> Workspace:
    """A sampled community of 50: candidates from its database, raters from its members
    sheets, a survey answered unevenly by part of them, then closed."""
    community = sampled_community_50(checklists, folder)
    db = community.database_path
    load_paths([community.checklists_dir], db, community)
    people, ties, organisations = R.from_database(db)
    rng = random.Random(50)
    chosen = rng.sample(organisations, 3)
    candidates = [R.Candidate(chosen[0]), R.Candidate(chosen[1]),
                  R.shared_backbone(chosen[1:], "Shared: " + " with ".join(chosen[1:]))]
    preparation.save_candidates(db, candidates)
    roster = R.issue_codes(db, candidates, people[:60], ties)
    preparation.keep_roster(db, roster)
    survey = V.open_survey(db, "facilitator")
    form = I.with_candidates([c.name for c in candidates])
    for entry in roster.entries:
        for candidate in entry["allowed"]:
            if rng.random() < (0.1 if candidate.startswith("Shared") else 0.5):
                values = {"round": survey, "candidate": candidate,
                          **{item: rng.choice(I.SCALE) for item, _ in I.ITEMS}}
                Q.submit_as(db, form, roster, entry["code_id"], values, community)
    V.close_survey(db, survey, "facilitator")
    return Workspace(community, db)


def test_notebook_5_runs_on_a_sampled_community_of_50(tmp_path, monkeypatch,
                                                     sampled_50_checklists):
    workspace = _sampled_survey(tmp_path, sampled_50_checklists)
    notebook = _run({"WORKBOOK_COMMUNITY": str(tmp_path), "WORKBOOK_DB": str(workspace.db),
                     "IPYTHONDIR": str(tmp_path / "ipython")}, monkeypatch)
    assert not _errors(notebook)
    everything = _everything(notebook)
    assert "Traceback" not in everything and "could not be shown" not in everything
    published = BR.closed_results(workspace)[0]
    assert (published.profile["n"] >= published.thresholds.k).all()


# --- the example's survey folder -------------------------------------------------------

def test_the_example_has_three_candidates_about_thirty_raters_and_one_below_k(open_survey):
    workspace, survey, thin = open_survey
    candidates = preparation.candidates(workspace.db)
    assert len(candidates) == 3 and candidates[-1].kind == R.SHARED
    roster = preparation.roster(workspace.db)
    assert 25 <= len(roster.entries) <= 35
    # no e-mail that could reach a real person
    assert all(e["email"].endswith("@example.org") for e in roster.entries)
    _close(workspace, survey)
    published = BR.closed_results(workspace)[0]
    shown = set(published.profile["candidate"])
    assert shown == {c.name for c in candidates} - {thin}
    rates = published.rates.set_index("candidate")
    assert 0 < rates.loc[thin, "answered"] < published.thresholds.k
    # uneven: the candidates shown were answered by different numbers of raters
    assert published.agreement["raters"].nunique() == 2


def test_the_roster_stays_owner_only_and_a_second_load_changes_nothing(open_survey):
    workspace, survey, _ = open_survey
    assert V.roster_path(workspace.db).stat().st_mode & 0o077 == 0
    _close(workspace, survey)
    before = Q.scores(workspace.db, survey)
    again = preparation.load_folder(FOLDER, workspace.db, workspace.community, close=True)
    assert again.loaded == 0 and "already closed" in again.note
    assert Q.scores(workspace.db, survey).equals(before)


def test_a_page_notices_a_survey_closed_or_answered_elsewhere(open_survey):
    workspace, survey, _ = open_survey
    before = B._stamp(workspace.db)
    roster = preparation.roster(workspace.db)
    entry = next(e for e in roster.entries if e["allowed"])
    form = I.with_candidates([c.name for c in preparation.candidates(workspace.db)])
    Q.submit_as(workspace.db, form, roster, entry["code_id"],
                {"round": survey, "candidate": entry["allowed"][-1], "conflict": ["Board seat"],
                 **{item: "2" for item, _ in I.ITEMS}}, workspace.community)
    answered = B._stamp(workspace.db)
    V.close_survey(workspace.db, survey, "the room page")
    assert len({before, answered, B._stamp(workspace.db)}) == 3


# --- the room follows the facilitator ----------------------------------------------------

def test_the_room_sees_the_frozen_results_under_the_same_rules_and_nothing_before(
        open_survey, monkeypatch):
    import time

    from workbook.roomstore import state
    from workbook.views import room_share
    monkeypatch.setattr(room_share, "_publishers", {})
    workspace, survey, thin = open_survey
    panel = BR.results_panel(workspace)
    assert room_share.follow(5, "results", panel, workspace.db, force=True)
    show_to_room = panel.children[-1]
    show_to_room.click()  # while the survey is open there is nothing to show
    time.sleep(room_share.SETTLE_S * 4)
    assert state.latest(workspace.db) is None
    _close(workspace, survey)
    show_to_room.click()
    deadline, shown = time.time() + 20, None
    while shown is None and time.time() < deadline:
        shown = state.latest(workspace.db)
        time.sleep(0.05)
    assert shown is not None and shown.source == "5/results"
    k = BR.closed_results(workspace)[0].thresholds.k
    thin_rows = [row for row in shown.table if row["Candidate"] == thin]
    assert thin_rows and all(row["Ratings"] == BF.fewer_than(BR.closed_results(workspace)[0]
                                                              .thresholds) for row in thin_rows)
    assert all(str(k) in row["Ratings"] and "median" not in row["Ratings"] for row in thin_rows)
    others = [row for row in shown.table if row["Candidate"] != thin]
    assert others and any("median" in row["Ratings"] for row in others)
    rows = [row for data in shown.vegalite["datasets"].values() for row in data]
    assert any(row.get("candidate") == thin for row in rows)  # drawn, as words
    assert not [row for row in rows if row.get("candidate") == thin
                and row.get("median") is not None]  # the chart's data holds no figure either
