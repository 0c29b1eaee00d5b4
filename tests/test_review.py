"""Names to review: pairs waiting, their evidence, decisions into aliases.csv, applied on the next load.

The community is three East Tennessee coalitions whose coordinators typed their
members the way real member lists do: the library with and without "System",
Head Start with and without "Program", United Way with and without "Greater",
and one representative spelled two ways.
"""
from __future__ import annotations

import csv
import multiprocessing
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from workbook import review
from workbook.community import REVIEW_FILE, load_community
from workbook.loading import load_paths
from workbook.matching import read_aliases
from workbook.forms import FilledChecklist, write_checklist

COALITIONS = {
    "knox-early-learning.xlsx": {
        "coalition": {"name": "Knox Early Learning Alliance", "short_name": "KELA",
                      "lead_organisations": ["United Way of Greater Knoxville"],
                      "contact_name": "Tanisha Brooks", "contact_email": "tbrooks@uwgk.org"},
        "members": [("Knox County Public Library", "Denise Whitaker"),
                    ("Knox County Head Start", "Rosa Delgado"),
                    ("Helen Ross McNabb Center", "Marcus Reid"),
                    ("Knox County Health Department", "Priya Raman")],
    },
    "knoxville-youth-opportunity.xlsx": {
        "coalition": {"name": "Knoxville Youth Opportunity Network", "short_name": "KYON",
                      "lead_organisations": ["Great Schools Partnership"],
                      "contact_name": "Jordan Ellis", "contact_email": "jellis@gspk.org"},
        "members": [("Knox County Public Library System", "Denise Whitaker"),
                    ("Knox County Head Start Program", "Rosa Delgado"),
                    ("United Way of Knoxville", "Tanisha Brooks"),
                    ("Helen Ross McNabb Center", "Marcus Reed")],
    },
    "east-tn-healthy-families.xlsx": {
        "coalition": {"name": "East Tennessee Healthy Families Coalition", "short_name": "ETHFC",
                      "lead_organisations": ["Knox County Health Department"],
                      "contact_name": "Priya Raman", "contact_email": "praman@knoxcounty.org"},
        "members": [("Knox County Public Library", "Luis Ortega"),
                    ("Helen Ross McNabb Center", "Carla Nguyen"),
                    ("Great Schools Partnership", "Jordan Ellis")],
    },
}
COMMON = {"populations": ["Families"], "issue_areas": ["Early childhood"],
          "meeting_cadence": "Monthly", "meeting_hours": 2}
AREAS = [{"level": "County", "area": "Knox County"}]


def write_community(folder: Path) -> Path:
    (folder / "community.toml").write_text('name = "Knox Region"\nslug = "knox"\n'
                                           '[geography]\ncounty = ["Knox County"]\n')
    checklists = folder / "checklists"
    checklists.mkdir()
    community = load_community(folder)
    for file_name, coalition in COALITIONS.items():
        members = [{"organisation": organisation, "representative": person, "role": "Member"}
                   for organisation, person in coalition["members"]]
        write_checklist(FilledChecklist({**COMMON, **coalition["coalition"]},
                                        {"areas": AREAS, "members": members}),
                        checklists / file_name, community)
    return folder


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return write_community(tmp_path_factory.mktemp("knox"))


@pytest.fixture
def knox(written, tmp_path):
    """A fresh copy of the community, loaded once: each test may decide what it likes."""
    folder = tmp_path / "knox"
    folder.mkdir()
    (folder / "community.toml").write_bytes((written / "community.toml").read_bytes())
    (folder / "checklists").mkdir()
    for path in (written / "checklists").iterdir():
        (folder / "checklists" / path.name).write_bytes(path.read_bytes())
    community = load_community(folder)
    load_paths([community.checklists_dir], community.database_path, community)
    return community


def name_review_rows(db) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT kind, name, candidate FROM name_review").fetchall()


def first_pair(community, kind="organisation") -> tuple[str, str]:
    pairs = review.pairs_waiting(community.database_path, community.aliases_path)
    pairs = pairs[pairs["kind"] == kind]
    assert not pairs.empty, f"the load listed no {kind} pair for review"
    return pairs["name"].iloc[0], pairs["candidate"].iloc[0]


def typed_members() -> dict[str, list[tuple[str, str, str]]]:
    """Organisation spelling -> (file, coalition, representative) as written above."""
    typed: dict[str, list] = {}
    for file_name, coalition in COALITIONS.items():
        for organisation, person in coalition["members"]:
            typed.setdefault(organisation, []).append(
                (file_name, coalition["coalition"]["name"], person))
    return typed


# --- pairs waiting ---------------------------------------------------------------------

def test_the_pairs_waiting_are_the_loads_uncertain_pairs(knox):
    pairs = review.pairs_waiting(knox.database_path, knox.aliases_path)
    in_db = name_review_rows(knox.database_path)
    assert in_db, "the community should give the load something to ask about"
    assert sorted(map(tuple, pairs[["kind", "name", "candidate"]].values)) == sorted(in_db)
    assert review.waiting_count(knox.database_path, knox.aliases_path) == len(in_db)


def test_a_pair_decided_in_aliases_csv_since_the_load_is_not_waiting(knox):
    name, candidate = first_pair(knox)
    # written by hand, the other way round and in another case
    knox.aliases_path.write_text(f"kind,name,canonical,decision\norganization,{candidate.upper()},"
                                 f"{name},different\n", encoding="utf-8")
    waiting = review.pairs_waiting(knox.database_path, knox.aliases_path)
    assert (name, candidate) not in set(zip(waiting["name"], waiting["candidate"]))
    assert len(waiting) == len(name_review_rows(knox.database_path)) - 1


# --- evidence --------------------------------------------------------------------------

def test_evidence_names_each_cell_its_coalition_and_the_people_beside_it(knox):
    typed = typed_members()
    name, candidate = first_pair(knox)
    for side in (name, candidate):
        places = review.evidence(knox.database_path, "organisation", side)
        members = places[places["sheet"] == "Members"]
        expected = sorted((file, coalition, person) for spelling in places["spelling"].unique()
                          for file, coalition, person in typed.get(spelling, []))
        assert sorted(zip(members["file"], members["coalition"], members["alongside"])) == expected
        for place in places.itertuples():  # the cell named really holds the spelling
            sheet = openpyxl.load_workbook(knox.checklists_dir / place.file, read_only=True)[place.sheet]
            assert str(sheet[place.cell].value).strip() == place.spelling


def test_each_side_keeps_only_its_own_spellings(knox):
    name, candidate = first_pair(knox)
    mine = set(review.evidence(knox.database_path, "organisation", name)["spelling"])
    theirs = set(review.evidence(knox.database_path, "organisation", candidate)["spelling"])
    assert mine and theirs and not mine & theirs


def test_evidence_for_a_person_names_their_organisation(knox):
    name, candidate = first_pair(knox, kind="person")
    for side in (name, candidate):
        places = review.evidence(knox.database_path, "person", side)
        assert set(places["spelling"]) == {side}
        assert set(places["alongside"]) == {"Helen Ross McNabb Center"}


def test_an_unknown_name_has_no_evidence_rather_than_an_error(knox):
    assert review.evidence(knox.database_path, "organisation", "Nobody Typed This").empty


# --- decisions -------------------------------------------------------------------------

def read_history(community) -> list[dict]:
    with open(community.folder / review.HISTORY_FILE, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_same_goes_into_aliases_csv_with_history_and_leaves_the_list(knox):
    name, candidate = first_pair(knox)
    recorded = review.record_decision(knox.aliases_path, "organisation", name, candidate,
                                      review.SAME, "Dana Whitfield")
    assert recorded.written
    entries = read_aliases(knox.aliases_path)
    assert not entries.errors
    [alias] = entries.entries
    assert (alias.kind, {alias.name, alias.canonical}, alias.decision) == (
        "organisation", {name, candidate}, "same")
    assert alias.canonical == max(name, candidate, key=len)  # the fuller spelling is shown
    [line] = read_history(knox)
    assert (line["decided_by"], line["decision"]) == ("Dana Whitfield", "same")
    assert {line["name"], line["canonical"]} == {name, candidate} and line["decided_at"]
    waiting = review.pairs_waiting(knox.database_path, knox.aliases_path)
    assert (name, candidate) not in set(zip(waiting["name"], waiting["candidate"]))


def test_later_keeps_the_pair_waiting_and_aliases_csv_untouched(knox):
    knox.aliases_path.write_text("kind,name,canonical,decision\n", encoding="utf-8")
    before = knox.aliases_path.read_bytes()
    name, candidate = first_pair(knox)
    assert review.record_decision(knox.aliases_path, "organisation", name, candidate,
                                  review.LATER, "Dana").written
    assert knox.aliases_path.read_bytes() == before
    assert [line["decision"] for line in read_history(knox)] == ["later"]
    waiting = review.pairs_waiting(knox.database_path, knox.aliases_path)
    assert (name, candidate) in set(zip(waiting["name"], waiting["candidate"]))


def test_a_pair_decided_the_other_way_meanwhile_is_not_overwritten(knox):
    name, candidate = first_pair(knox)
    assert review.record_decision(knox.aliases_path, "organisation", name, candidate,
                                  review.DIFFERENT, "tab one").written
    second = review.record_decision(knox.aliases_path, "organisation", candidate, name,
                                    review.SAME, "tab two")
    assert not second.written and "already marked different" in second.message
    book = read_aliases(knox.aliases_path)
    assert not book.errors and [a.decision for a in book.entries] == ["different"]
    assert [line["decided_by"] for line in read_history(knox)] == ["tab one"]


def test_unknown_decision_is_refused(knox):
    with pytest.raises(ValueError):
        review.record_decision(knox.aliases_path, "organisation", "A", "B", "maybe", "Dana")


def test_an_excel_saved_aliases_file_keeps_its_bytes_and_its_habits(knox):
    # Excel on a European Windows: code page 1252, semicolons, CRLF, no final line end,
    # columns in its own order.
    original = ("decision;kind;name;canonical\r\nsame;organisation;Cámara de Comercio;"
                "Cámara de Comercio Hispana\r\ndifferent;person;Ann Lee;Anne Lee").encode("cp1252")
    knox.aliases_path.write_bytes(original)
    name, candidate = first_pair(knox)
    review.record_decision(knox.aliases_path, "organisation", name, candidate, review.SAME, "Dana")
    after = knox.aliases_path.read_bytes()
    assert after.startswith(original)
    assert after.count(b"\r\n") == 4 and b"\n" not in after.replace(b"\r\n", b"")
    book = read_aliases(knox.aliases_path)
    assert [(a.name, a.decision) for a in book.entries][:2] == [
        ("Cámara de Comercio", "same"), ("Ann Lee", "different")]
    assert {book.entries[2].name, book.entries[2].canonical} == {name, candidate}
    assert [e for e in book.errors if "Windows" not in e] == []


def test_a_failed_write_leaves_aliases_csv_whole_and_no_temporary_file(knox, monkeypatch):
    knox.aliases_path.write_text("kind,name,canonical,decision\nperson,Bob Hensley,"
                                 "Robert Hensley,same\n", encoding="utf-8")
    before = knox.aliases_path.read_bytes()

    def power_cut(source, target):
        raise OSError("disk full")
    monkeypatch.setattr(review.os, "replace", power_cut)
    name, candidate = first_pair(knox)
    with pytest.raises(OSError):
        review.record_decision(knox.aliases_path, "organisation", name, candidate,
                               review.SAME, "Dana")
    assert knox.aliases_path.read_bytes() == before
    assert not list(knox.folder.glob("*.tmp")) and not list(knox.folder.glob(".*.tmp"))


def test_a_decided_pair_leaves_names_to_review_csv(knox):
    pairs = review.pairs_waiting(knox.database_path, knox.aliases_path)
    review_file = knox.folder / REVIEW_FILE
    with open(review_file, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["kind", "name", "canonical", "decision"])  # as a load writes it
        writer.writerows((row.kind, row.name, row.candidate, "") for row in pairs.itertuples())
    name, candidate = first_pair(knox)
    review.record_decision(knox.aliases_path, "organisation", name, candidate, review.DIFFERENT, "Dana")
    with open(review_file, encoding="utf-8-sig", newline="") as handle:
        left = [(row["name"], row["canonical"]) for row in csv.DictReader(handle)]
    assert (name, candidate) not in left and len(left) == len(pairs) - 1


# --- two processes at once --------------------------------------------------------------

def _decide_many(aliases_path: str, pairs: list[tuple[str, str]], decision: str, who: str,
                 start) -> None:
    start.wait(timeout=60)
    for name, candidate in pairs:
        review.record_decision(aliases_path, "organisation", name, candidate, decision, who)


def _run_together(*jobs) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    processes = [context.Process(target=_decide_many, args=(*job, start)) for job in jobs]
    for process in processes:
        process.start()
    start.set()
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0


def test_two_tabs_deciding_at_once_lose_no_decision(tmp_path):
    aliases = tmp_path / "aliases.csv"
    tab_one = [(f"Knox County School {n}", f"Knox County Schools {n}") for n in range(100)]
    tab_two = [(f"Blount County Coalition {n}", f"Blount Co. Coalition {n}") for n in range(100)]
    _run_together((str(aliases), tab_one, review.SAME, "tab one"),
                  (str(aliases), tab_two, review.DIFFERENT, "tab two"))
    book = read_aliases(aliases)
    assert not book.errors
    decided = {review.pair_key(a.kind, a.name, a.canonical): a.decision for a in book.entries}
    assert decided == {**{review.pair_key("organisation", *p): "same" for p in tab_one},
                       **{review.pair_key("organisation", *p): "different" for p in tab_two}}
    with open(tmp_path / review.HISTORY_FILE, encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 200


def test_two_tabs_deciding_one_pair_two_ways_keep_one_decision(tmp_path):
    aliases = tmp_path / "aliases.csv"
    pairs = [(f"Maryville City Schools {n}", f"Maryville Schools {n}") for n in range(80)]
    _run_together((str(aliases), pairs, review.SAME, "tab one"),
                  (str(aliases), pairs, review.DIFFERENT, "tab two"))
    book = read_aliases(aliases)
    assert not book.errors  # no contradicting lines
    assert len(book.entries) == len(pairs)
    with open(tmp_path / review.HISTORY_FILE, encoding="utf-8-sig", newline="") as handle:
        history = list(csv.DictReader(handle))
    assert len(history) == len(pairs)  # the refused second decisions are not history
    winners = {(line["name"], line["canonical"]): line["decision"] for line in history}
    assert all(winners[(a.name, a.canonical)] == a.decision for a in book.entries)


# --- applied on the next load ------------------------------------------------------------

def organisation_of(db, spelling: str) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT organisation_id FROM organisation_spellings "
                                  "WHERE spelling = ?", (spelling,)).fetchone()[0]


@pytest.mark.parametrize("decision", [review.SAME, review.DIFFERENT])
def test_a_decision_applies_on_the_next_load_and_the_pair_is_gone(knox, decision):
    name, candidate = first_pair(knox)
    spellings = {side: review.evidence(knox.database_path, "organisation", side)["spelling"].iloc[0]
                 for side in (name, candidate)}
    review.record_decision(knox.aliases_path, "organisation", name, candidate, decision, "Dana")
    load_paths([knox.checklists_dir], knox.database_path, knox)
    keys = {review.pair_key(*row) for row in name_review_rows(knox.database_path)}
    assert review.pair_key("organisation", name, candidate) not in keys
    one = organisation_of(knox.database_path, spellings[name]) == organisation_of(
        knox.database_path, spellings[candidate])
    assert one == (decision == review.SAME)


# --- the panel, without a browser --------------------------------------------------------

def panel_for(community):
    from workbook.views import review as panel_view
    from workbook.views.shell import Workspace, page_header
    workspace = Workspace(community, community.database_path)
    page_header(1, workspace)
    return workspace, panel_view.names_panel(workspace)


def widgets_in(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from widgets_in(child)


def button(panel, label: str):
    return next(w for w in widgets_in(panel) if getattr(w, "description", None) == label
                and hasattr(w, "on_click"))


def badge_title(workspace) -> str:
    [accordion] = [w for w in widgets_in(workspace.badge) if hasattr(w, "titles")]
    return accordion.titles[0]


def test_clicking_same_writes_the_decision_and_the_badge_counts_one_less(knox):
    workspace, panel = panel_for(knox)
    waiting = review.waiting_count(knox.database_path, knox.aliases_path)
    assert f"{waiting} name pairs to review" in badge_title(workspace)
    name, candidate = first_pair(knox)
    button(panel, "Same").click()
    [alias] = read_aliases(knox.aliases_path).entries
    assert {alias.name, alias.canonical} == {name, candidate} and alias.decision == "same"
    assert f"{waiting - 1} name pair" in badge_title(workspace)
    apply = next(w for w in widgets_in(panel) if "wb-apply" in w._dom_classes)
    assert apply.layout.display != "none"
    assert "Load again now to apply" in [getattr(w, "description", "") for w in widgets_in(apply)]


def test_later_moves_the_pair_to_the_end_without_writing(knox):
    _, panel = panel_for(knox)
    chooser = next(w for w in widgets_in(panel) if getattr(w, "description", None) == "Pair")
    first = chooser.options[0][0].split(". ", 1)[1]
    button(panel, "Later").click()
    assert chooser.options[-1][0].split(". ", 1)[1] == first
    assert not knox.aliases_path.exists()


def test_names_in_the_card_are_escaped(knox, monkeypatch):
    import pandas as pd
    from workbook.views import review as panel_view
    hostile = '<img src=x onerror="alert(1)">'
    places = pd.DataFrame([{"spelling": hostile, "coalition": "<script>alert(2)</script>",
                            "file": "a.xlsx", "sheet": "Members", "cell": "A5",
                            "alongside": "<b>Joy</b>"}])
    monkeypatch.setattr(panel_view.review, "evidence", lambda db, kind, name: places)
    workspace, _ = panel_for(knox)
    card = panel_view.pair_card(workspace, pd.Series(
        {"kind": "organisation", "name": hostile, "candidate": "Knox <Library>", "score": 90.0}))
    assert "<img" not in card and "<script" not in card and "<b>Joy" not in card
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in card


def test_a_decision_that_cannot_be_saved_is_a_sentence_not_a_traceback(knox, monkeypatch):
    from workbook.views import review as panel_view
    _, panel = panel_for(knox)

    def locked_by_excel(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(knox.aliases_path))
    monkeypatch.setattr(panel_view.review, "record_decision", locked_by_excel)
    button(panel, "Different").click()
    shown = " ".join(str(getattr(w, "value", "")) for w in widgets_in(panel))
    assert "could not be written: it may be open in Excel" in shown
    assert "Traceback" not in shown and "Permission denied" not in shown
    assert not button(panel, "Different").disabled  # the facilitator can try again
