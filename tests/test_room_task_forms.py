"""The task forms' own pages over HTTP: stances (task 4) at /room/stances, blind ratings
(task 5) at /room/rate, against the real workshop server asking for codes even on loopback.
"""
from __future__ import annotations

import html
import re
import sqlite3
from contextlib import closing

import pytest
from tornado import web

from workbook.community import load_community
from workbook.roomstore import access
from workbook.roomstore import forms as F
from workbook.room.form_pages import FormHandler
from workbook.tasks.backbone import instrument, raters, responses, survey
from workbook.tasks.umbrella import options, readiness, stances

from .conftest import EXAMPLE
from .servers import workshop_server
from .test_room_forms import Visitor

CANDIDATES = ("Riverbend Community Foundation", "United Way of the Greater Riverbend Area",
              "Riverbend County Office of Early Learning")
RATERS = (raters.Rater("Maria Lopez", "mlopez@riverbendcf.org",
                       "Riverbend Community Foundation", "Philanthropy"),
          raters.Rater("Darnell Brooks", "dbrooks@riverbendschools.org",
                       "Riverbend Unified School District", "Education"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("room-task-forms")
    with workshop_server(folder, db=folder / "workbook.db", require_codes=True,
                         preheat=False) as running:
        running.roster_file = survey.roster_path(running.db)  # found there, no variable set
        yield running


@pytest.fixture(scope="module")
def roster(server):
    issued = raters.issue_codes(server.db, raters.candidates_from_names(CANDIDATES), RATERS)
    raters.write_roster(issued, server.roster_file)
    survey.open_survey(server.db, "facilitator")  # answers are refused unless it is open
    return issued


@pytest.fixture(scope="module")
def sform():
    return stances.stance_form(options.option_lists(load_community(EXAMPLE)), register=False)


def _coalition(server, name: str) -> Visitor:
    """Someone holding the code the facilitator gave *name* for its stances."""
    code = server.issue(name, access.COALITION)
    stances.give_code(server.db, name, access.find(server.db, code).code_id)
    return _joined(server, code)


def _joined(server, code: str) -> Visitor:
    visitor = Visitor(server.url)
    visitor.get("/room/join?code=" + code)
    return visitor


def _hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def _stance_post(visitor: Visitor, page: str, **fields) -> tuple[int, str]:
    return visitor.post("/room/stances", {
        "_xsrf": _hidden(page, "_xsrf"), "round": _hidden(page, "round"),
        "options_digest": _hidden(page, "options_digest"), **fields})


def _stored_stances(server, coalition: str):
    table = stances.stances(server.db)
    return table[table["coalition"] == coalition]


def test_a_coalition_code_holder_sends_stances_and_they_land_in_umbrella_stances(server, sform):
    round_id = stances.open_round(server.db)
    visitor = _coalition(server, "Eastside Early Learning Network")
    status, page = visitor.get("/room/stances")
    assert status == 200
    assert page.count('type="radio"') == len(sform.slots) * 4
    for stance in ("Must have", "Prefer", "Can accept", "Cannot accept"):
        assert stance in page
    (first, (parameter, option)), (second, (parameter2, option2)) = list(sform.slots.items())[:2]
    status, page = _stance_post(visitor, page, **{
        first: "Must have", second: "Cannot accept",
        f"{second}_reason": "Our parents asked for evening hours."})
    assert status == 200 and 'id="ack"' in page
    stored = _stored_stances(server, "Eastside Early Learning Network")
    assert set(zip(stored["parameter"], stored["option"], stored["stance"])) == {
        (parameter, option, "Must have"), (parameter2, option2, "Cannot accept")}
    assert set(stored["round"]) == {round_id}
    with closing(sqlite3.connect(server.db)) as connection:
        kept = connection.execute("SELECT name FROM sqlite_master WHERE name = "
                                  "'form_submissions'").fetchone()
        if kept is not None:
            assert connection.execute("SELECT COUNT(*) FROM form_submissions WHERE form = ?",
                                      (stances.FORM_NAME,)).fetchone()[0] == 0


def test_a_stance_not_in_the_list_is_refused_with_the_field_named_and_nothing_stored(server,
                                                                                    sform):
    stances.open_round(server.db)
    visitor = _coalition(server, "Northside Family Resource Collaborative")
    _, page = visitor.get("/room/stances")
    first = next(iter(sform.slots))
    status, page = _stance_post(visitor, page, **{first: "Absolutely"})
    assert status == 422 and 'id="error-summary"' in page
    assert f'href="#field-{first}-0"' in page
    assert _stored_stances(server, "Northside Family Resource Collaborative").empty


def test_stances_whose_options_changed_since_the_page_was_opened_are_refused(server, sform):
    stances.open_round(server.db)
    visitor = _coalition(server, "Westside Promise Partnership")
    _, page = visitor.get("/room/stances")
    first = next(iter(sform.slots))
    status, page = _stance_post(visitor, page.replace(_hidden(page, "options_digest"), "stale"),
                                **{first: "Prefer"})
    assert status == 409 and "nothing was stored" in html.unescape(page)
    assert _stored_stances(server, "Westside Promise Partnership").empty


def test_a_code_not_given_to_a_coalition_cannot_send_stances(server, sform):
    stances.open_round(server.db)
    person = Visitor.attendee(server, "Keisha Washington")
    status, page = person.get("/room/stances")
    assert status == 403
    assert "not given to a coalition" in html.unescape(page)
    assert 'type="radio"' not in page


def test_the_generic_form_page_refuses_a_form_that_keeps_its_own_tables():
    registered = stances.stance_form(options.option_lists(load_community(EXAMPLE)))
    try:
        assert registered.form.own_page
        with pytest.raises(web.HTTPError) as refused:
            FormHandler.form(None, stances.FORM_NAME)
        assert refused.value.status_code == 404
        # Readiness answers are per leader, read back from form_submissions: served there.
        assert FormHandler.form(None, readiness.READINESS.name) is readiness.READINESS
    finally:
        F.FORMS.pop(stances.FORM_NAME, None)


@pytest.mark.parametrize("path", ["/room/stances", "/room/rate"])
def test_the_task_pages_need_an_attendee_code(server, path):
    status, page = Visitor(server.url).get(path)
    assert status == 401 and 'action="/room/join"' in page
    room_member = _joined(server, server.room_code)
    assert room_member.get(path)[0] == 403  # the shared code names nobody


def test_stances_sent_without_the_xsrf_token_are_refused(server, sform):
    stances.open_round(server.db)
    visitor = _coalition(server, "Southside Head Start Alliance")
    _, page = visitor.get("/room/stances")
    first = next(iter(sform.slots))
    status, page = visitor.post("/room/stances", {
        "round": _hidden(page, "round"), "options_digest": _hidden(page, "options_digest"),
        first: "Prefer"})
    assert status == 403 and "security token" in page
    assert _stored_stances(server, "Southside Head Start Alliance").empty


def test_no_stance_page_shows_another_coalitions_stances(server, sform):
    stances.open_round(server.db)
    first = next(iter(sform.slots))
    speaking = _coalition(server, "Riverbend Literacy Coalition")
    _, page = speaking.get("/room/stances")
    reason = "Only if the county keeps funding bus passes"
    assert _stance_post(speaking, page, **{first: "Cannot accept",
                                           f"{first}_reason": reason})[0] == 200
    for visitor in (_coalition(server, "Harbor District Kids Count"), speaking):
        shown = html.unescape(visitor.get("/room/stances")[1])
        assert reason not in shown
        assert "Riverbend Literacy Coalition" not in shown or visitor is speaking


# --- blind ratings -------------------------------------------------------------------

def _rating(page: str, candidate: str, **extra) -> dict:
    values = {"_xsrf": _hidden(page, "_xsrf"), "round": _hidden(page, "round"),
              "candidate": candidate}
    values.update({item: "4" for item, _ in instrument.ITEMS})
    values.update(extra)
    return values


def _offered(page: str) -> list[str]:
    return re.findall(r'name="candidate" value="([^"]+)"', html.unescape(page))


def test_a_rater_is_offered_only_the_candidates_they_may_rate(server, roster):
    for entry in roster.entries:
        status, page = _joined(server, entry["code"]).get("/room/rate")
        assert status == 200
        assert _offered(page) == entry["allowed"]
        for rater in RATERS:
            assert rater.name not in page and rater.email not in page
    own = next(e for e in roster.entries if e["organisation"] == CANDIDATES[0])
    assert CANDIDATES[0] not in own["allowed"]  # the roster did exclude someone


def test_a_rating_is_stored_by_rater_key_and_a_candidate_not_offered_is_refused(server, roster):
    entry = next(e for e in roster.entries if e["organisation"] == CANDIDATES[0])
    rater = _joined(server, entry["code"])
    _, page = rater.get("/room/rate")
    status, refused = rater.post("/room/rate", _rating(page, CANDIDATES[0]))
    assert status == 422 and 'id="error-summary"' in refused
    comment = "Convenes well but staff turnover is high"
    status, thanks = rater.post("/room/rate", _rating(page, entry["allowed"][0],
                                                      comment_vision=comment))
    assert status == 200 and 'id="ack"' in thanks
    stored = responses.scores(server.db, 1)
    mine = stored[stored["rater_key"] == roster.rater_key(entry["code_id"])]
    assert set(mine["candidate"]) == {entry["allowed"][0]}
    assert len(mine) == len(instrument.ITEMS)
    for visitor in (rater, _joined(server, roster.entries[1]["code"])):
        assert comment not in html.unescape(visitor.get("/room/rate")[1])


def test_a_code_that_is_not_a_rater_code_is_refused_with_the_catalogue_message(server, roster):
    person = Visitor.attendee(server, "Tran Nguyen")
    status, page = person.get("/room/rate")
    assert status == 403 and "not a code given to a backbone rater" in html.unescape(page)
    assert not _offered(page)
    before = len(responses.scores(server.db, 1))
    xsrf = person.token("/room/join")  # the code form carries this browser's token
    status, page = person.post("/room/rate", {"_xsrf": xsrf, "round": "1",
                                              "candidate": CANDIDATES[1],
                                              **{item: "4" for item, _ in instrument.ITEMS}})
    assert status == 403 and "not a code given to a backbone rater" in html.unescape(page)
    assert len(responses.scores(server.db, 1)) == before


def test_a_rating_sent_without_the_xsrf_token_is_refused(server, roster):
    entry = roster.entries[1]
    rater = _joined(server, entry["code"])
    _, page = rater.get("/room/rate")
    before = len(responses.scores(server.db, 1))
    values = _rating(page, entry["allowed"][-1])
    del values["_xsrf"]
    status, page = rater.post("/room/rate", values)
    assert status == 403 and "security token" in page
    assert len(responses.scores(server.db, 1)) == before
