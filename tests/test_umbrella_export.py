"""Task 4's exports: the umbrella workbook, its charts, the CLI command and the charter's PDF.

The room: four Dayton-area coalitions negotiate in two rounds; the learn-to-earn table
lifts its block on consensus, the housing coalition keeps blocking a pooled fund, two
leaders answer the readiness check, one opportunity moment is logged and the decision rule
is agreed.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import threading

import openpyxl
import pytest

from workbook import decisions as D
from workbook import office
from workbook import schema as S
from workbook import umbrella_export as U
from workbook.cli import main
from workbook.community import load_community
from workbook.roomstore import forms
from workbook.tasks.umbrella import agreement as A
from workbook.tasks.umbrella import charter as C
from workbook.tasks.umbrella import options as O
from workbook.tasks.umbrella import readiness as R
from workbook.tasks.umbrella import roll
from workbook.tasks.umbrella import stances as T

from .conftest import EXAMPLE, soffice_path

MCELC = "Montgomery County Early Learning Coalition"
PREVENTION = "Dayton Youth Substance Abuse Prevention Coalition"
LEARN = "Learn to Earn Dayton"
HOUSING = "Miami Valley Housing Coalition"
POOLED_REASON = "Our HUD Continuum of Care dollars cannot leave their own ledger"
FORMULA_REASON = "-1 seat for funders, or we walk"  # a clerk's text a spreadsheet would run


@pytest.fixture(scope="module")
def community():
    return load_community(EXAMPLE)


@pytest.fixture(scope="module")
def room(tmp_path_factory, community):
    """The database of the two rounds; returns (db, round 1, round 2)."""
    db = tmp_path_factory.mktemp("umbrella-export") / "workbook.db"
    sform = T.stance_form(O.option_lists(community, db), register=False)
    for code, coalition in enumerate((MCELC, PREVENTION, LEARN, HOUSING), start=1):
        T.give_code(db, coalition, f"code-{code}")
    first = T.open_round(db)
    said = {
        MCELC: {("decision_rule", "Consensus"): "Must have",
                ("decision_rule", "Majority"): ("Cannot accept", "Small coalitions outvoted")},
        PREVENTION: {("decision_rule", "Consensus"): "Can accept",
                     ("resource_blending", "Braided"): "Prefer"},
        LEARN: {("decision_rule", "Consensus"): ("Cannot accept",
                                                 "Consensus stalled our last two budgets"),
                ("decision_rule", "Majority"): "Prefer"},
        HOUSING: {("resource_blending", "Pooled fund"): ("Cannot accept", POOLED_REASON),
                  ("decision_rule", "Consensus"): "Can accept"},
    }
    for coalition, given in said.items():
        assert T.enter_live(db, sform, coalition, given, community).stored
    second = T.open_round(db)
    said[LEARN] = {("decision_rule", "Consensus"): "Can accept",
                   ("decision_rule", "Majority"): ("Prefer", FORMULA_REASON)}
    for coalition, given in said.items():
        assert T.enter_live(db, sform, coalition, given, community).stored
    check = forms.open_round(db, R.READINESS, "Readiness check, October")
    for code, given in {"leader-1": {"r1_1": "5", "r1_2": "4", "r2_1": "2"},
                        "leader-2": {"r1_1": "4", "r1_2": "Don't know", "r2_1": "3"}}.items():
        assert forms.submit_web(db, R.READINESS, {"round": str(check.round_id), **given}, code,
                                community).stored
    R.note_moment(db, "Montgomery County human services levy renewal", "2027-05-04",
                  "The levy funds half our members' programs", "LaToya Jenkins")
    A.record_agreed(db, "decision_rule", "Consensus", "Consensus", second, "facilitator",
                    stances=T.stances(db, second))
    return db, first, second


def _table(sheet, header_row: int = 4) -> list[dict]:
    headers = [c.value for c in sheet[header_row]]
    return [dict(zip(headers, row)) for row in sheet.iter_rows(min_row=header_row + 1,
                                                               values_only=True)
            if any(v is not None for v in row)]


@pytest.fixture(scope="module")
def workbook(room, community):
    db, _, _ = room
    return openpyxl.load_workbook(io.BytesIO(U.umbrella_workbook(db, community)))


def test_the_workbook_holds_every_part_and_the_decision_log(workbook, room):
    db, _, _ = room
    assert {U.STANCES_SHEET, U.MOVEMENT_SHEET, U.MOVEMENT_COUNTS_SHEET, U.MAP_SHEET,
            U.GRID_SHEET, U.CONSENSUS_SHEET, U.CONCESSIONS_SHEET, U.READINESS_SHEET,
            U.MOMENTS_SHEET, D.LOG_SHEET, D.SUBJECTS_SHEET} <= set(workbook.sheetnames)
    assert workbook[D.LOG_SHEET].max_row - 1 == len(D.entries(db))
    texts = [c.value for sheet in workbook for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str)]
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)
    assert "'" + FORMULA_REASON in texts


def test_stances_of_every_round_are_kept_and_their_movement_shown(workbook, room):
    db, first, second = room
    rows = _table(workbook[U.STANCES_SHEET])
    assert len(rows) == len(T.stances(db, first)) + len(T.stances(db, second))
    assert {r["Round"] for r in rows} == {first, second}
    moved = {(r["Coalition"], r["Option"]): r for r in _table(workbook[U.MOVEMENT_SHEET])}
    lifted = moved[(LEARN, "Consensus")]
    assert (lifted["From round"], lifted["To round"], lifted["Before"], lifted["After"],
            lifted["Change"]) == (first, second, S.CANNOT_ACCEPT, "Can accept", "block lifted")
    assert moved[(HOUSING, "Pooled fund")]["Change"] == "unchanged"  # the persistent block
    counts = {r["Parameter"]: r for r in _table(workbook[U.MOVEMENT_COUNTS_SHEET])}
    assert counts["Decision rule"]["Block lifted"] == 1


def test_the_agreement_map_says_who_can_live_with_each_option_and_who_blocks_why(workbook,
                                                                                  room):
    db, _, second = room
    rows = {(r["Parameter"], r["Option"]): r for r in _table(workbook[U.MAP_SHEET])}
    offered = O.option_lists(load_community(EXAMPLE), db).table
    assert len(rows) == len(offered)  # every option offered, spoken on or not
    consensus = rows[("Decision rule", "Consensus")]
    assert (consensus["Can live with it"], consensus["Blocks"], consensus["Accepted by all"]) \
        == (4, 0, "yes")
    pooled = rows[("Resource blending", "Pooled fund")]
    assert pooled["Blocks"] == 1 and pooled["Accepted by all"] == "no"
    assert pooled["Who blocks, and why"] == f"{HOUSING}: {POOLED_REASON}"
    grid = {(r["Parameter"], r["Option"]): r for r in _table(workbook[U.GRID_SHEET])}
    assert grid[("Resource blending", "Pooled fund")][HOUSING] == S.CANNOT_ACCEPT
    assert grid[("Resource blending", "Pooled fund")][MCELC] is None  # no stance: blank
    assert set(roll.coalitions(db)) <= set(c.value for c in workbook[U.GRID_SHEET][4])


def test_the_set_closest_to_consensus_and_the_concessions_under_it(workbook):
    sets = {r["Parameter"]: r for r in _table(workbook[U.CONSENSUS_SHEET])}
    assert sets["Decision rule"]["Closest to consensus"] == "Consensus"
    assert sets["Decision rule"]["Accepted by all"] == "yes"
    # Braided: preferred by one, blocked by none, three have not said.
    assert sets["Resource blending"]["Closest to consensus"] == "Braided"
    assert sets["Resource blending"]["Coalitions silent"] == 3
    assert "silence" in sets["Resource blending"]["What it means"]
    conceded = {(r["Parameter"], r["Coalition"]): r
                for r in _table(workbook[U.CONCESSIONS_SHEET])}
    assert conceded[("Decision rule", LEARN)]["Does without its preference"] == "Majority"
    assert conceded[("Decision rule", PREVENTION)]["In words"] == "nothing"


def test_readiness_gives_every_count_n_and_band_per_ingredient(workbook, room):
    db, _, _ = room
    rows = {r["Ingredient"]: r for r in _table(workbook[U.READINESS_SHEET])}
    assert list(rows) == list(R.INGREDIENTS)
    expected = R.results(db).set_index("ingredient")
    for ingredient, row in rows.items():
        assert row["n"] == expected.loc[ingredient, "n"]
        assert row["Band"] == expected.loc[ingredient, "band"]
    leaders = rows["Leaders at the top and in the middle"]
    assert (leaders["4 agree"], leaders["5 strongly agree"], leaders["Don't know"],
            leaders["n"]) == (2, 1, 1, 3)
    caption = workbook[U.READINESS_SHEET]["A2"].value
    assert "strength ≥ 4" in caption and "concern < 3" in caption
    moments = _table(workbook[U.MOMENTS_SHEET])
    assert [m["Event"] for m in moments] == ["Montgomery County human services levy renewal"]
    assert moments[0]["Who acts"] == "LaToya Jenkins"


def test_an_earlier_round_can_be_exported_and_a_fresh_database_gives_empty_tables(
        room, community, tmp_path):
    db, first, _ = room
    earlier = openpyxl.load_workbook(io.BytesIO(U.umbrella_workbook(db, community, first)))
    rows = {(r["Parameter"], r["Option"]): r for r in _table(earlier[U.MAP_SHEET])}
    assert rows[("Decision rule", "Consensus")]["Blocks"] == 1  # Learn to Earn, round 1
    empty = openpyxl.load_workbook(io.BytesIO(U.umbrella_workbook(tmp_path / "new.db",
                                                                  community)))
    assert _table(empty[U.STANCES_SHEET]) == [] and _table(empty[U.MOVEMENT_SHEET]) == []
    assert len(_table(empty[U.READINESS_SHEET])) == len(R.INGREDIENTS)


def test_the_command_writes_the_workbook_and_the_charter_and_refuses_an_unknown_round(
        room, tmp_path, capsys):
    db, _, _ = room
    out = tmp_path / "handouts"
    assert main(["umbrella-workbook", "--db", str(db), "--out", str(out), "--community",
                 str(EXAMPLE), "--no-pdf"]) == 0
    assert {U.UMBRELLA_FILE, U.CHARTER_FILE} <= {p.name for p in out.iterdir()}
    assert U.UMBRELLA_FILE in capsys.readouterr().out
    assert main(["umbrella-workbook", "--db", str(db), "--out", str(out), "--round", "9"]) == 2
    assert "no round 9" in capsys.readouterr().err
    assert main(["umbrella-workbook", "--db", str(tmp_path / "missing.db"), "--out",
                 str(out)]) == 2


def test_without_libreoffice_the_charter_stays_a_docx_and_the_message_says_how(
        room, community, tmp_path, monkeypatch):
    db, _, _ = room
    monkeypatch.delenv(office.SOFFICE_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-path"))
    with pytest.raises(office.OfficeMissing, match="LibreOffice was not found"):
        C.charter_pdf(C.write_charter(db, tmp_path / "charter.docx"))
    exported = U.export_umbrella(db, tmp_path / "out", community)
    assert (tmp_path / "out" / U.CHARTER_FILE) in exported.files
    assert not (tmp_path / "out" / "charter.pdf").exists()
    [note] = exported.notes
    assert "No PDF of the charter" in note and "libreoffice-writer-nogui" in note


def test_libreoffice_that_writes_nothing_is_reported_not_taken_for_a_pdf(room, tmp_path,
                                                                          monkeypatch):
    db, _, _ = room
    fake = tmp_path / "soffice"  # what Debian's soffice does with no Writer installed
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 0\n")
    fake.chmod(0o755)
    monkeypatch.setenv(office.SOFFICE_ENV, str(fake))
    docx = C.write_charter(db, tmp_path / "charter.docx")
    with pytest.raises(office.ConversionFailed, match="Writer"):
        C.charter_pdf(docx)
    assert not docx.with_suffix(".pdf").exists()


def _pdf_text(pdf) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
    from pypdf import PdfReader
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


@pytest.mark.slow
def test_the_charter_opens_in_libreoffice_two_conversions_at_once(room, tmp_path):
    """Converting is what LibreOffice does when it opens the file: a .docx it could not read
    gives no PDF. Two at once each get their own profile and both finish."""
    if soffice_path() is None:
        pytest.fail("LibreOffice (soffice) is needed: `make test` installs it, or set SOFFICE.")
    db, _, _ = room
    sources = [C.write_charter(db, tmp_path / name / "charter.docx", "Greater Dayton Together")
               for name in ("first", "second")]
    made, failed = {}, []

    def convert(source):
        try:
            made[source] = C.charter_pdf(source)
        except Exception as problem:  # noqa: BLE001 - reported below, with its words
            failed.append(problem)

    threads = [threading.Thread(target=convert, args=(s,)) for s in sources]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failed, failed
    for source in sources:
        pdf = made[source]
        assert pdf == source.with_suffix(".pdf") and pdf.read_bytes()[:5] == b"%PDF-"
        text = " ".join(_pdf_text(pdf).split())
        assert "Greater Dayton Together" in text
        for title, _ in C.SECTIONS:
            assert title in text, title
        assert "Decision rule: Consensus (agreed by Consensus" in text
        assert "Resource blending: To be decided" in text


def test_the_charts_are_written_as_png_and_svg_with_the_handout_frame(room, community,
                                                                      tmp_path):
    db, first, second = room
    exported = U.export_umbrella(db, tmp_path, community, charter=False)
    names = {p.name for p in exported.files}
    assert {f"{stem}.{kind}" for stem in U.CHARTS for kind in ("png", "svg")} <= names
    for stem in U.CHARTS:
        assert (tmp_path / f"{stem}.png").read_bytes()[:4] == b"\x89PNG"
    agreement = (tmp_path / "agreement-map.svg").read_text()
    assert f"Agreement map, round {second}" in agreement and community.name in agreement
    assert HOUSING in agreement and "Pooled fund" in agreement
    readiness = (tmp_path / "readiness.svg").read_text()
    assert "2 leaders answered" in readiness and "n = 3" in readiness
    movement = (tmp_path / "movement.svg").read_text()
    assert f"round {first} to round {second}" in movement and "block lifted" in movement


def test_a_single_round_has_no_movement_chart(room, community):
    db, first, _ = room
    charts = U.umbrella_charts(db, community, first)
    assert set(charts) == {"agreement-map", "readiness"}


def test_the_table_is_every_coalition_given_a_code_or_heard_and_one_spelling_each(tmp_path,
                                                                                  community):
    from workbook.roomstore import access
    db = tmp_path / "workbook.db"
    sform = T.stance_form(O.option_lists(community, db), register=False)
    T.open_round(db)
    silent = access.issue(db, access.COALITION, HOUSING)
    T.give_code(db, HOUSING, silent.code_id)
    T.enter_live(db, sform, LEARN, {("decision_rule", "Consent"): "Prefer"}, community)
    T.enter_live(db, sform, "learn to earn  DAYTON", {("decision_rule", "Majority"): "Prefer"},
                 community)
    assert roll.coalitions(db) == [LEARN, HOUSING]
    called = roll.roll_call(db).set_index("coalition")
    assert list(called.index) == [HOUSING, LEARN]  # who is still missing comes first
    assert (bool(called.loc[HOUSING, "answered"]), called.loc[HOUSING, "codes"]) == (False, 1)
    assert (bool(called.loc[LEARN, "answered"]), called.loc[LEARN, "stances"]) == (True, 2)
    access.revoke(db, silent.code_id)
    assert roll.roll_call(db).set_index("coalition").loc[HOUSING, "codes"] == 0
    table = U.agreement_table(U.negotiation(db, community)).set_index(["parameter", "option"])
    consent = table.loc[("decision_rule", "Consent")]
    assert (consent["can_live"], consent["no_stance"], consent["accepted_by_all"]) == (1, 1, "no")


def test_libreoffice_that_hangs_is_stopped_and_reported(room, tmp_path, monkeypatch):
    db, _, _ = room
    fake = tmp_path / "soffice"  # a LibreOffice waiting on a dialogue nobody sees
    fake.write_text("#!/bin/sh\nsleep 30 &\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setenv(office.SOFFICE_ENV, str(fake))
    docx = C.write_charter(db, tmp_path / "charter.docx")
    with pytest.raises(office.ConversionFailed, match="did not finish"):
        office.to_pdf(docx, timeout=1)
    assert not docx.with_suffix(".pdf").exists()
