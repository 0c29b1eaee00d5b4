"""The blind backbone survey in a real room, over HTTP (no browser): the facilitator's page
/room/survey sets it up from the loaded example checklists, issues codes and slips, opens and
closes it; raters answer at /room/rate with no environment variable set by hand.

One workshop server for the module, asking for codes even on loopback, on the example
community's loaded checklists (61 organisations, 66 people named on Members sheets).
"""
from __future__ import annotations

import csv
import html
import io
import re
import sqlite3
import stat
from contextlib import closing

import pytest

from workbook.roomstore import access
from workbook.tasks.backbone import (instrument, preparation, published, raters, responses,
                                     survey)

from .servers import workshop_server
from .test_room_forms import Visitor

# Real candidates of the example region and people who would rate them.
CANDIDATES = ("United Way of the Riverbend Region", "Calder County Health Department")
SHARED = ("Riverbend Public Library", "Riverbend Head Start")
TYPED_RATERS = ("Rev. Marcus Dupree; Greater Mt. Zion Baptist Church; mdupree@mtzionriverbend.org;"
                " Faith",
                "Priya Venkataraman\tCalder County Health Department\t"
                "praman@caldercohealth.org\tGovernment")  # pasted from a spreadsheet


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with workshop_server(tmp_path_factory.mktemp("room-survey"), require_codes=True,
                         preheat=False) as running:
        yield running


def _xsrf(page: str) -> str:
    return re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)


def _checkboxes(page: str, name: str) -> list[str]:
    return [html.unescape(v) for v in re.findall(rf'name="{name}" value="([^"]*)"', page)]


def _facilitator(server) -> tuple[Visitor, str]:
    facilitator = Visitor.facilitator(server)
    status, page = facilitator.get("/room/survey")
    assert status == 200
    return facilitator, page


def _close_any(server) -> None:
    open_one = survey.current_survey(server.db)
    if open_one is not None:
        survey.close_survey(server.db, open_one, "test")


def _issue(server, people: list[str] | None = None, typed=TYPED_RATERS, mode="new",
           **extra) -> tuple[int, str]:
    facilitator, page = _facilitator(server)
    keys = _checkboxes(page, "person")
    values = {"_xsrf": _xsrf(page), "mode": mode, "person": keys[:12] if people is None else people,
              "raters_typed": "\n".join(typed)}
    if mode == "new":
        values.update({"candidate": list(CANDIDATES), "shared_name": "Library and Head Start",
                       "shared_members": "\n".join(SHARED)})
    values.update(extra)
    return facilitator.post("/room/survey/codes", values)


def _roster(server) -> raters.Roster:
    return raters.read_roster(survey.roster_path(server.db))


def _post_button(server, path: str) -> tuple[int, str]:
    facilitator, page = _facilitator(server)
    return facilitator.post(path, {"_xsrf": _xsrf(page)})


def _rater(server, code: str) -> Visitor:
    visitor = Visitor(server.url)
    visitor.get("/room/join?code=" + code)
    return visitor


def _rate(visitor: Visitor, candidate: str, **extra) -> tuple[int, str]:
    status, page = visitor.get("/room/rate")
    assert status == 200, page
    values = {"_xsrf": _xsrf(page), "round": re.search(r'name="round" value="(\d+)"',
                                                       page).group(1), "candidate": candidate}
    values.update({item: "4" for item, _ in instrument.ITEMS})
    values.update(extra)
    return visitor.post("/room/rate", values)


@pytest.mark.parametrize("path", ["/room/survey", "/room/survey/slips",
                                  "/room/survey/raters.csv"])
def test_only_the_facilitator_reaches_the_survey_pages(server, path):
    assert Visitor(server.url).get(path)[0] == 401
    assert _rater(server, server.room_code).get(path)[0] == 403
    assert Visitor.attendee(server, "Dana Whitfield").get(path)[0] == 403


def test_the_page_offers_the_databases_organisations_and_people(server):
    _, page = _facilitator(server)
    organisations = _checkboxes(page, "candidate")
    assert set(CANDIDATES) <= set(organisations) and len(organisations) == 61
    assert len(_checkboxes(page, "person")) == len(set(_checkboxes(page, "person"))) > 50
    assert "Dana Whitfield – United Way of the Riverbend Region" in html.unescape(page)


def test_issuing_codes_writes_an_owner_only_roster_and_prints_slips_without_names_stored(
        server):
    _close_any(server)
    status, slips = _issue(server)
    assert status == 200, slips
    roster = _roster(server)
    assert stat.S_IMODE(survey.roster_path(server.db).stat().st_mode) == 0o600
    assert len(roster.entries) == 14  # 12 ticked, 2 typed
    kept = preparation.candidates(server.db)  # where notebook 5 finds them
    assert [c.name for c in kept] == list(CANDIDATES) + ["Library and Head Start"]
    assert kept[-1].kind == raters.SHARED and kept[-1].members == SHARED
    shown = html.unescape(slips)
    assert shown.count('class="slip"') == 14 and shown.count("<svg") >= 14
    for entry in roster.entries:
        assert entry["code"] in shown and entry["name"] in shown
    assert "next=%2Froom%2Frate" in shown  # the QR code leads to the rating page
    # Nobody rates their own organisation: the United Way's staff and the health
    # department's typed rater are not offered them, whatever the spelling.
    dana = next(e for e in roster.entries if e["name"] == "Dana Whitfield")
    assert "United Way of the Riverbend Region" not in dana["allowed"]
    priya = next(e for e in roster.entries if e["name"] == "Priya Venkataraman")
    assert priya["allowed"] == ["United Way of the Riverbend Region", "Library and Head Start"]
    with closing(sqlite3.connect(server.db)) as connection:
        dumped = "\n".join(connection.iterdump())
    # The database holds no plain code, and the raters typed here (not on any checklist)
    # are named nowhere in it: codes carry the label "backbone rater", never a name.
    for entry in roster.entries:
        assert access.normalise(entry["code"]) not in dumped
        assert access.find(server.db, entry["code"]).label == raters.RATER_LABEL
    for typed in ("Marcus Dupree", "mdupree@", "Priya Venkataraman", "praman@"):
        assert typed not in dumped


def test_a_typing_mistake_is_named_and_nothing_is_issued(server):
    _close_any(server)
    before = _roster(server) if survey.roster_path(server.db).is_file() else None
    status, page = _issue(server, typed=("Luis Ortega; Riverbend Food Bank, Inc.; "
                                         "luis.ortega at rfb.org; Nonprofit",),
                          shared_members="Riverbend Public Library")
    shown = html.unescape(page)
    assert status == 422 and 'id="error-summary"' in page
    assert "line 1: 'luis.ortega at rfb.org' is not an e-mail address" in shown
    assert "name at least two organisations sharing it" in shown
    assert "luis.ortega at rfb.org" in shown  # what was typed is given back to correct
    after = _roster(server) if survey.roster_path(server.db).is_file() else None
    assert (after and after.secret) == (before and before.secret)


def test_a_post_without_the_xsrf_token_issues_nothing(server):
    facilitator, page = _facilitator(server)
    before = len(access.listed(server.db))
    status, _ = facilitator.post("/room/survey/codes", {
        "mode": "new", "candidate": list(CANDIDATES), "raters_typed": TYPED_RATERS[0]})
    assert status == 403
    assert len(access.listed(server.db)) == before
    assert facilitator.post("/room/survey/open", {})[0] == 403


def test_a_rater_answers_once_open_and_the_facilitator_sees_counts_never_who(server):
    _close_any(server)
    assert _issue(server)[0] == 200
    roster = _roster(server)
    entry = next(e for e in roster.entries if e["name"] == "Priya Venkataraman")
    status, refused = _rater(server, entry["code"]).get("/room/rate")
    if survey.latest_closed(server.db) is None:
        assert status == 404 and "No backbone survey is open" in refused
    else:
        assert status == 403 and "survey is closed" in refused
    assert 'type="radio"' not in refused
    status, _ = _post_button(server, "/room/survey/open")
    assert status == 200  # redirected to the page
    opened = survey.current_survey(server.db)
    assert opened is not None
    _, before = _facilitator(server)
    comment = "Ms. Venkataraman's team cannot staff another table."
    status, thanks = _rate(_rater(server, entry["code"]), entry["allowed"][0],
                           comment_vision=comment)
    assert status == 200 and 'id="ack"' in thanks
    assert "<h2>Notes</h2>" not in thanks  # nothing to say about a well-filled form
    _, after = _facilitator(server)
    rates = responses.response_rates(server.db, opened, roster).set_index("candidate")
    assert rates.loc[entry["allowed"][0], "answered"] == 1
    row = re.search(rf"<th scope=\"row\">{re.escape(html.escape(entry['allowed'][0]))}</th>"
                    r"<td class=\"num\"><span class=\"answered\">(\d+)</span> of "
                    r"<span class=\"offered\">(\d+)</span>", after)
    assert row.groups() == ("1", str(rates.loc[entry["allowed"][0], "offered"]))
    # Nothing but the counts changed: no name, code or comment appeared.
    def words(page: str) -> set:
        page = re.sub(r'name="_xsrf" value="[^"]*"', "", page)  # a fresh token each time
        return set(re.findall(r"[A-Za-z][A-Za-z'.-]+", re.sub(r"\d+", "", page)))
    assert words(after) == words(before)
    assert comment not in html.unescape(after) and entry["code"] not in after


def test_exclusions_are_counts_per_candidate(server):
    _close_any(server)
    assert _issue(server)[0] == 200
    roster = _roster(server)
    assert _post_button(server, "/room/survey/open")[0] == 200
    tied = next(e for e in roster.entries if "Library and Head Start" in e["allowed"])
    assert _rate(_rater(server, tied["code"]), "Library and Head Start",
                 conflict="Funded by")[0] == 200
    _, page = _facilitator(server)
    table = page[page.index('id="exclusions"'):]
    for candidate in preparation.candidates(server.db):
        kept_from = sum(candidate.name not in e["allowed"] for e in roster.entries)
        row = re.search(rf"<th scope=\"row\">{re.escape(html.escape(candidate.name))}</th>"
                        r"<td class=\"num\">(\d+)</td><td class=\"num\">(\d+)</td>", table)
        declared = 1 if candidate.name == "Library and Head Start" else 0
        assert row.groups() == (str(kept_from), str(declared))
    assert sum(not e["allowed"] or len(e["allowed"]) < 3 for e in roster.entries) > 0


def test_closing_refuses_ratings_politely_and_stores_nothing(server):
    _close_any(server)
    assert _issue(server)[0] == 200
    assert _post_button(server, "/room/survey/open")[0] == 200
    entry = _roster(server).entries[0]
    visitor = _rater(server, entry["code"])
    _, page = visitor.get("/room/rate")
    closed = survey.current_survey(server.db)
    status, shown = _post_button(server, "/room/survey/close")
    assert status == 200 and "The survey is closed" in shown
    assert survey.survey_state(server.db, closed) == survey.CLOSED
    values = {"_xsrf": _xsrf(page), "round": str(closed), "candidate": entry["allowed"][0],
              **{item: "5" for item, _ in instrument.ITEMS}}
    status, refused = visitor.post("/room/rate", values)
    assert status == 403 and "closed" in refused and "nothing was stored" in refused
    assert responses.scores(server.db, closed).empty
    assert visitor.get("/room/rate")[0] == 403


def test_a_page_of_an_earlier_survey_is_not_stored_into_the_open_one(server):
    _close_any(server)
    assert _issue(server)[0] == 200
    assert _post_button(server, "/room/survey/open")[0] == 200
    entry = _roster(server).entries[1]
    visitor = _rater(server, entry["code"])
    _, page = visitor.get("/room/rate")
    _post_button(server, "/room/survey/close")
    assert _post_button(server, "/room/survey/open")[0] == 200
    now = survey.current_survey(server.db)
    status, refused = visitor.post("/room/rate", {
        "_xsrf": _xsrf(page), "round": str(now - 1), "candidate": entry["allowed"][0],
        **{item: "2" for item, _ in instrument.ITEMS}})
    assert status == 409 and "nothing was stored" in refused
    assert responses.scores(server.db, now).empty and responses.scores(server.db, now - 1).empty


def test_raters_added_during_a_survey_keep_the_earlier_codes_working(server):
    _close_any(server)
    assert _issue(server)[0] == 200
    assert _post_button(server, "/room/survey/open")[0] == 200
    first = _roster(server)
    status, refused = _issue(server)  # starting over is refused while it is open
    assert status == 422 and "cannot be replaced now" in html.unescape(refused)
    late = "Luis Ortega; Riverbend Food Bank, Inc.; lortega@riverbendfoodbank.org; Nonprofit"
    status, slips = _issue(server, people=[], typed=(late,), mode="add")
    assert status == 200 and html.unescape(slips).count('class="slip"') == 1
    roster = _roster(server)
    assert roster.secret == first.secret and len(roster.entries) == len(first.entries) + 1
    for entry in (first.entries[0], roster.entries[-1]):
        assert _rate(_rater(server, entry["code"]), entry["allowed"][0])[0] == 200


def test_starting_over_withdraws_the_old_codes(server):
    _close_any(server)
    assert _issue(server)[0] == 200
    old = _roster(server).entries[0]
    assert _issue(server)[0] == 200
    assert not access.find(server.db, old["code"]).active
    status, page = _rater(server, old["code"]).get("/room/rate")
    assert status in (401, 403) and 'type="radio"' not in page


def test_the_mail_merge_rows_and_reprinted_slips_come_from_the_roster(server):
    _close_any(server)
    assert _issue(server)[0] == 200
    roster = _roster(server)
    facilitator = Visitor.facilitator(server)
    status, text = facilitator.get("/room/survey/raters.csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert status == 200 and len(rows) == len(roster.entries)
    assert {r["code"] for r in rows} == {e["code"] for e in roster.entries}
    assert all(r["form"].endswith("/room/rate") for r in rows)
    status, slips = facilitator.get("/room/survey/slips")
    assert status == 200 and html.unescape(slips).count('class="slip"') == len(roster.entries)


def test_opening_without_codes_is_refused_with_what_to_do(tmp_path):
    from workbook.room.survey_pages import open_survey
    assert "Issue the raters' codes first" in open_survey(tmp_path / "workbook.db")
    assert survey.current_survey(tmp_path / "workbook.db") is None


def test_a_rater_with_every_candidate_their_own_is_told_there_is_nothing_to_rate(server):
    _close_any(server)
    facilitator, page = _facilitator(server)
    dana = next(k for k in _checkboxes(page, "person") if k.startswith("dana.whitfield@"))
    status, _ = facilitator.post("/room/survey/codes", {
        "_xsrf": _xsrf(page), "mode": "new", "candidate": [CANDIDATES[0]], "person": [dana]})
    assert status == 200
    entry = _roster(server).entries[0]
    assert entry["name"] == "Dana Whitfield" and entry["allowed"] == []
    assert _post_button(server, "/room/survey/open")[0] == 200
    status, shown = _rater(server, entry["code"]).get("/room/rate")
    assert status == 200 and "nothing for you to rate" in html.unescape(shown)
    assert 'type="radio"' not in shown


def test_starting_over_first_freezes_the_closed_surveys_results_under_its_own_roster(server):
    _close_any(server)
    assert _issue(server)[0] == 200
    assert _post_button(server, "/room/survey/open")[0] == 200
    old = _roster(server)
    entry = next(e for e in old.entries if CANDIDATES[0] in e["allowed"])
    assert _rate(_rater(server, entry["code"]), CANDIDATES[0])[0] == 200
    closed = survey.current_survey(server.db)
    assert _post_button(server, "/room/survey/close")[0] == 200
    assert _issue(server, typed=TYPED_RATERS[:1], people=[])[0] == 200  # one rater now
    names = [c.name for c in preparation.candidates(server.db)]
    kept = published.frozen(server.db, closed, _roster(server), names)
    rates = kept.rates.set_index("candidate")
    assert rates.loc[CANDIDATES[0], "answered"] == 1
    offered = sum(CANDIDATES[0] in e["allowed"] for e in old.entries)
    assert rates.loc[CANDIDATES[0], "offered"] == offered
    _, page = _facilitator(server)  # the page shows the closed survey as it was answered
    assert f"Survey {closed} (closed)" in page
    assert re.search(rf"{re.escape(html.escape(CANDIDATES[0]))}</th><td class=\"num\">"
                     rf"<span class=\"answered\">1</span> of <span class=\"offered\">"
                     rf"{offered}</span>", page)


@pytest.mark.parametrize("line", [
    "Luis Ortega; Riverbend Food Bank, Inc.; lortega@riverbendfoodbank.org; Nonprofit",
    "Luis Ortega; lortega@riverbendfoodbank.org; Riverbend Food Bank, Inc.; Nonprofit",
    "Luis Ortega\tRiverbend Food Bank, Inc.\tlortega@riverbendfoodbank.org\tNonprofit",
])
def test_a_typed_rater_is_read_whatever_the_e_mails_place_and_commas_stay_in_names(line):
    from workbook.tasks.backbone.raters import read_typed as typed_raters
    assert typed_raters(line) == ([raters.Rater(
        "Luis Ortega", "lortega@riverbendfoodbank.org", "Riverbend Food Bank, Inc.",
        "Nonprofit")], [])


@pytest.mark.parametrize("line, said", [
    ("; lortega@riverbendfoodbank.org", "the name is missing"),
    ("Luis Ortega; Riverbend Food Bank, Inc.; Nonprofit; Bell County; Spanish",
     "more than four parts"),
])
def test_a_typed_rater_line_that_cannot_be_read_is_named(line, said):
    from workbook.tasks.backbone.raters import read_typed as typed_raters
    found, errors = typed_raters("Rev. Marcus Dupree\n" + line)
    assert [r.name for r in found] == ["Rev. Marcus Dupree"]
    assert len(errors) == 1 and errors[0].startswith("Raters typed, line 2: ") and said in errors[0]
