"""Room forms declared once: the Excel form, the web form and the loader agree.

The fist-to-five form is the real one: a web answer and the same answer typed into its
Excel form are read by one function, stored alike and refused with the same words.
"""
from __future__ import annotations

import collections
import concurrent.futures
import html
import http.cookiejar
import re
import sqlite3
import time
import urllib.error
import urllib.parse
import urllib.request

import openpyxl
import pytest

from workbook.community import load_community
from workbook.roomstore import access, state
from workbook.roomstore import forms as F

from .conftest import EXAMPLE
from .servers import workshop_server
from .test_dashboards import browser  # noqa: F401 - a fixture

FIST = F.FIST_TO_FIVE
STATEMENT = ("The umbrella partnership adopts 'every Riverbend child enters kindergarten ready "
             "to learn' as its North Star.")


@pytest.fixture
def community():
    return load_community(EXAMPLE)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "workbook.db"


@pytest.fixture
def round_(db):
    return F.open_round(db, FIST, STATEMENT)


def _excel_answer(tmp_path, community, round_, name="answer.xlsx", **values):
    return F.write_excel_form(FIST, community, tmp_path / name, round_, values)


def _web(db, community, round_, respondent="code-7f3a", **values):
    return F.submit_web(db, FIST, {"round": str(round_.round_id), **values}, respondent,
                        community)


def _as_shown(problems):
    """What a person is told: everything but the file it came from."""
    return [(p.severity, p.code, p.field, p.cell, p.message, p.fix) for p in problems]


# --- one declaration, two ways in ---------------------------------------------------------

def test_an_excel_answer_and_the_same_web_answer_are_stored_alike(tmp_path, db, community,
                                                                 round_):
    typed = {"level": "3", "comment": "Fine by me if the Easton schools are at the table."}
    path = _excel_answer(tmp_path, community, round_, attendee_code="maple-kite-42", **typed)
    [from_excel] = F.load_form_files([path], db, FIST, community)
    from_web = _web(db, community, round_, **typed)
    assert from_excel.stored and from_web.stored
    assert from_excel.answers == from_web.answers == typed
    stored = [entry["answers"] for entry in F.history(db, FIST, round_)]
    assert stored == [typed, typed]
    assert [entry["channel"] for entry in F.history(db, FIST, round_)] == [F.EXCEL, F.WEB]


def test_a_number_typed_in_the_excel_cell_reads_as_the_level(tmp_path, db, community, round_):
    path = _excel_answer(tmp_path, community, round_, attendee_code="maple-kite-42", level=5)
    [outcome] = F.load_form_files([path], db, FIST, community)
    assert outcome.stored and outcome.answers["level"] == "5"


@pytest.mark.parametrize("typed", [
    {},  # nothing chosen
    {"level": "7"},
    {"level": "thumbs up", "comment": "yes"},
    {"level": "fist"},
], ids=["blank", "seven", "words", "fist-in-words"])
def test_web_and_excel_refuse_the_same_answer_with_the_same_words(tmp_path, db, community,
                                                                 round_, typed):
    path = _excel_answer(tmp_path, community, round_, attendee_code="maple-kite-42", **typed)
    [from_excel] = F.load_form_files([path], db, FIST, community)
    from_web = _web(db, community, round_, **typed)
    assert not from_excel.stored and not from_web.stored
    assert _as_shown(from_web.problems) == _as_shown(from_excel.problems)
    named = [p for p in from_web.errors if p.field == FIST.sheet.field("level").label]
    assert named, "the message must name the field to fix"
    assert F.history(db, FIST, round_) == []


def test_a_refusal_says_what_to_fix_and_stores_nothing(db, community, round_):
    outcome = _web(db, community, round_, comment="I was not sure which number to pick.")
    codes = [p.code for p in outcome.problems]
    assert codes == ["CELL_REQUIRED", "FORM_NOT_STORED"]
    assert "'Your answer, 0 to 5' is required." in outcome.problems[0].message
    assert F.round_answers(db, FIST, round_).n == 0


def test_the_excel_form_offers_the_levels_and_says_what_each_means(community, round_):
    workbook = F.build_excel_form(FIST, community, round_)
    sheet = workbook[FIST.sheet.title]
    level_row = next(row for row in sheet.iter_rows(min_col=1, max_col=1)
                     if str(row[0].value).startswith("Your answer")).__getitem__(0).row
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"
             and f"B{level_row}" in str(v.sqref)]
    assert lists, "the level cell needs its dropdown"
    listed = [c.value for c in workbook["_lists"]["A"][1:] if c.value is not None]
    assert listed == [int(level) for level in F.FIST_LEVELS]  # Excel accepts a typed 4
    instructions = " ".join(str(c.value) for row in workbook["Instructions"].iter_rows()
                            for c in row if c.value)
    for meaning in F.FIST_MEANINGS.values():
        assert meaning in instructions
    assert sheet.cell(row=S_ROW(FIST, "round"), column=2).value == round_.round_id
    assert sheet.cell(row=S_ROW(FIST, "prompt"), column=2).value == STATEMENT


def S_ROW(form, name):  # noqa: N802 - the row a form field sits on
    from workbook import schema as S
    return S.FORM_FIRST_ROW + [f.name for f in form.sheet.fields].index(name)


def test_a_checklist_given_to_the_form_loader_is_refused_by_kind(tmp_path, db, community,
                                                                round_):
    checklist = next((EXAMPLE / "checklists").glob("*.xlsx"))
    [outcome] = F.load_form_files([checklist], db, FIST, community)
    assert not outcome.stored
    assert "FORM_WRONG_KIND" in [p.code for p in outcome.problems]
    assert "a fist-to-five answer" in " ".join(p.message for p in outcome.problems)


def test_an_excel_form_for_a_round_that_does_not_exist_is_refused(tmp_path, db, community,
                                                                 round_):
    stale = F.Round(round_.round_id + 40, FIST.name, "An old question", "")
    path = _excel_answer(tmp_path, community, stale, attendee_code="maple-kite-42", level="2")
    [outcome] = F.load_form_files([path], db, FIST, community)
    assert not outcome.stored
    unknown = [p for p in outcome.problems if p.code == "FORM_ROUND_UNKNOWN"]
    assert unknown and unknown[0].cell == f"B{S_ROW(FIST, 'round')}"


def test_loading_the_same_file_twice_stores_it_once(tmp_path, db, community, round_):
    path = _excel_answer(tmp_path, community, round_, attendee_code="maple-kite-42", level="4")
    F.load_form_files([path], db, FIST, community)
    [again] = F.load_form_files([path], db, FIST, community)
    assert "FORM_ALREADY_LOADED" in [p.code for p in again.problems]
    assert len(F.history(db, FIST, round_)) == 1


def test_an_answer_to_a_question_the_facilitator_moved_on_from_is_refused(db, community,
                                                                         round_):
    F.open_round(db, FIST, "We meet quarterly as one steering committee.")
    outcome = _web(db, community, round_, level="5")
    assert not outcome.stored
    assert [p.code for p in outcome.errors] == ["FORM_ROUND_MOVED_ON"]
    assert STATEMENT[:40] in outcome.errors[0].message


def test_nothing_to_answer_before_a_question_is_opened(db, community):
    outcome = F.submit_web(db, FIST, {"round": "1", "level": "4"}, "code-7f3a", community)
    assert [p.code for p in outcome.errors] == ["FORM_NO_ROUND"]


# --- replacement and history ------------------------------------------------------------

def test_a_second_answer_replaces_the_first_and_both_are_kept(db, community, round_):
    first = _web(db, community, round_, level="1", comment="Not before we see the data.")
    second = _web(db, community, round_, level="4")
    other = _web(db, community, round_, respondent="code-91bd", level="0")
    assert not first.replaced and second.replaced and not other.replaced
    current = F.round_answers(db, FIST, round_)
    assert sorted(a["level"] for a in current.answers) == ["0", "4"]
    kept = F.history(db, FIST, round_)
    assert [(e["respondent"], e["answers"]["level"]) for e in kept] == [
        ("code-7f3a", "1"), ("code-7f3a", "4"), ("code-91bd", "0")]


def test_a_paper_answer_under_an_issued_code_replaces_that_codes_web_answer(tmp_path, db,
                                                                          community, round_):
    issued = access.issue(db, access.PERSON, "Rosa Delgado")
    _web(db, community, round_, respondent=issued.code_id, level="1")
    typed = access.grouped(issued.code).lower()  # as copied off the slip
    path = _excel_answer(tmp_path, community, round_, attendee_code=typed, level="3")
    [outcome] = F.load_form_files([path], db, FIST, community)
    assert outcome.stored and outcome.replaced and outcome.problems == []
    assert [a["level"] for a in F.round_answers(db, FIST, round_).answers] == ["3"]
    assert "Rosa" not in repr(F.history(db, FIST, round_))  # answers hold no names


def test_a_paper_answer_under_a_withdrawn_or_shared_code_is_refused(tmp_path, db, community,
                                                                   round_):
    withdrawn = access.issue(db, access.PERSON, "Tom Becker")
    access.revoke(db, withdrawn.code_id)
    shared = access.issue(db, access.ROOM, "room")
    refused = {}
    for name, code in (("withdrawn", withdrawn.code), ("shared", shared.code)):
        path = _excel_answer(tmp_path, community, round_, f"{name}.xlsx", attendee_code=code,
                             level="5")
        [outcome] = F.load_form_files([path], db, FIST, community)
        refused[name] = [p.code for p in outcome.errors]
    assert refused == {"withdrawn": ["FORM_CODE_REVOKED"], "shared": ["FORM_CODE_SHARED"]}
    assert F.history(db, FIST, round_) == []


def test_a_paper_code_never_issued_is_kept_as_typed_with_a_warning(tmp_path, db, community,
                                                                  round_):
    path = _excel_answer(tmp_path, community, round_, attendee_code="table 4, seat 2", level="4")
    [outcome] = F.load_form_files([path], db, FIST, community)
    assert outcome.stored
    assert [p.code for p in outcome.problems] == ["FORM_CODE_NOT_ISSUED"]
    assert outcome.problems[0].field == "Your attendee code"


def test_answers_cannot_be_changed_or_deleted_in_the_database(db, community, round_):
    _web(db, community, round_, level="2")
    with sqlite3.connect(db) as connection:
        with pytest.raises(sqlite3.IntegrityError, match="kept as given"):
            connection.execute("UPDATE form_submissions SET answers_json = '{}'")
        with pytest.raises(sqlite3.IntegrityError, match="kept as given"):
            connection.execute("DELETE FROM form_submissions")


def test_the_room_sees_who_answered_never(db, community, round_):
    _web(db, community, round_, respondent="code-7f3a", level="3", comment="Only if we share data.")
    shown = F.summary(db, FIST, round_)
    assert "code-7f3a" not in repr(shown) and "share data" not in repr(shown)


# --- the result ------------------------------------------------------------------------------

def test_the_result_is_the_distribution_of_current_answers_with_n(db, community, round_):
    given = {"code-a": "5", "code-b": "4", "code-c": "4", "code-d": "3", "code-e": "0",
             "code-f": "2"}
    for respondent, level in given.items():
        _web(db, community, round_, respondent=respondent, level=level)
    _web(db, community, round_, respondent="code-f", level="3")  # changed their mind
    given["code-f"] = "3"
    shown = F.summary(db, FIST, round_)
    expected = collections.Counter(given.values())
    assert [row["People"] for row in shown.table] == [expected[l] for l in F.FIST_LEVELS]
    assert dict(shown.numbers)["Answers"] == f"n = {len(given)}"
    bars = shown.vegalite["data"]["values"]
    assert [(b["level"], b["people"]) for b in bars] == [(l, expected[l]) for l in F.FIST_LEVELS]
    assert shown.vegalite["encoding"]["x"]["sort"] == list(F.FIST_LEVELS)
    from workbook.room.view import compile_chart
    assert compile_chart(shown.vegalite) is not None  # the room view can draw it


def test_the_result_in_one_line_for_the_decision_log(db, community, round_):
    for respondent, level in (("code-a", "5"), ("code-b", "0"), ("code-c", "4")):
        _web(db, community, round_, respondent=respondent, level=level)
    line = F.result_line(db, FIST, round_)
    assert line.startswith(f"Fist to five on '{STATEMENT}'")
    assert "n = 3" in line and "Median 4" in line and "Blocks (0) 1" in line
    assert "code-" not in line


def test_a_published_result_follows_new_answers(db, community, round_):
    _web(db, community, round_, respondent="code-a", level="5")
    F.publish_result(db, FIST, round_)
    assert dict(state.latest(db).payload["numbers"])["Answers"] == "n = 1"
    _web(db, community, round_, respondent="code-b", level="2")
    assert F.refresh_if_shown(db, FIST, round_)
    assert dict(state.latest(db).payload["numbers"])["Answers"] == "n = 2"
    state.publish(db, title="Overlap heatmap", source="2_analyse_the_overlaps/heatmap")
    _web(db, community, round_, respondent="code-c", level="4")
    assert not F.refresh_if_shown(db, FIST, round_)  # the facilitator has moved the room on
    assert state.latest(db).title == "Overlap heatmap"


def test_a_notebook_cell_asks_the_room_as_the_facilitator_page_does(db, community):
    asked = F.ask(db, FIST, "  We adopt one shared   scorecard. ")
    assert F.current_round(db, FIST) == asked and asked.prompt == "We adopt one shared scorecard."
    shown = state.latest(db)
    assert shown.title.endswith(asked.prompt) and F.answer_path(FIST) in shown.subtitle


def test_an_answer_arriving_while_another_writer_holds_the_database_waits_and_is_stored(
        db, community, round_):
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # e.g. a checklist load committing
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pending = pool.submit(_web, db, community, round_, level="3")
        time.sleep(1.0)
        assert not pending.done()  # waiting, not failing with "database is locked"
        holder.execute("COMMIT")
        assert pending.result(timeout=30).stored
    holder.close()


# --- many at once ------------------------------------------------------------------------------

def _submit_in_process(args):
    db, respondent, level = args
    community = load_community(EXAMPLE)
    round_ = F.current_round(db, FIST)
    outcome = F.submit_web(db, FIST, {"round": str(round_.round_id), "level": level},
                           respondent, community)
    return outcome.stored, [p.message for p in outcome.errors]


def test_forty_answers_from_separate_processes_are_all_stored(db, round_):
    jobs = [(db, f"code-{i:02d}", str(i % 6)) for i in range(40)]
    with concurrent.futures.ProcessPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(_submit_in_process, jobs))
    assert results == [(True, [])] * 40
    assert F.round_answers(db, FIST, round_).n == 40
    assert len(F.history(db, FIST, round_)) == 40


# --- over HTTP, against the workshop server ---------------------------------------------------

@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``python -m workbook serve`` asking for codes even on loopback, with an empty database."""
    folder = tmp_path_factory.mktemp("room-forms-server")
    with workshop_server(folder, db=folder / "workbook.db", require_codes=True,
                         preheat=False) as running:
        yield running


class Visitor:
    """One browser's worth of cookies, talking plain HTTP."""

    def __init__(self, url: str, headers: dict | None = None):
        self.url, self.headers = url, headers or {}
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    @classmethod
    def attendee(cls, server, name: str) -> "Visitor":
        """Someone who entered the code on their slip."""
        visitor = cls(server.url)
        visitor.get("/room/join?" + urllib.parse.urlencode({"code": server.issue(name)}))
        return visitor

    @classmethod
    def facilitator(cls, server) -> "Visitor":
        return cls(server.url, {"Authorization": f"token {server.token}"})

    def get(self, path: str) -> tuple[int, str]:
        return self._send(urllib.request.Request(self.url + path, headers=self.headers))

    def post(self, path: str, data: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        return self._send(urllib.request.Request(self.url + path, data=body,
                                                 headers=self.headers))

    def _send(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def token(self, path: str) -> str:
        return re.search(r'name="_xsrf" value="([^"]+)"', self.get(path)[1]).group(1)


def _open_over_http(server, statement: str) -> int:
    facilitator = Visitor.facilitator(server)
    token = facilitator.token("/room/form/fist_to_five/round")
    status, page = facilitator.post("/room/form/fist_to_five/round",
                                    {"_xsrf": token, "prompt": statement})
    assert status == 200 and statement in html.unescape(page)  # redirected to the results
    return F.current_round(server.db, FIST).round_id


def test_the_readiness_check_is_answered_on_the_web_in_the_server(server):
    from workbook.tasks.umbrella import readiness
    facilitator = Visitor.facilitator(server)
    token = facilitator.token("/room/form/readiness/round")
    status, _ = facilitator.post("/room/form/readiness/round",
                                 {"_xsrf": token, "prompt": "Are we ready to align?"})
    assert status == 200
    status, page = Visitor.attendee(server, "Keisha Brown").get("/room/form/readiness")
    first_statement = next(iter(readiness.INGREDIENTS.values()))[0]
    assert status == 200 and html.escape(first_statement, quote=False)[:60] in page


def test_a_post_without_the_xsrf_token_is_refused_and_stores_nothing(server):
    round_id = _open_over_http(server, "We pool our data analysts under the backbone.")
    attendee = Visitor.attendee(server, "Maria Lopez")
    assert attendee.get("/room/form/fist_to_five")[0] == 200
    status, page = attendee.post("/room/form/fist_to_five", {"round": round_id, "level": "4"})
    assert status == 403
    assert "security token" in page
    assert F.round_answers(server.db, FIST, F.round_by_id(server.db, FIST, round_id)).n == 0


def test_only_an_attendee_code_opens_the_form_and_only_the_facilitator_sees_results(server):
    _open_over_http(server, "Our three early-learning tables meet as one.")
    status, page = Visitor(server.url).get("/room/form/fist_to_five")
    assert status == 401 and 'action="/room/join"' in page  # the guard's page: enter a code
    room_member = Visitor(server.url)
    room_member.get("/room/join?code=" + server.room_code)
    assert room_member.get("/room/form/fist_to_five")[0] == 403  # the shared code names nobody
    attendee = Visitor.attendee(server, "Darnell Brooks")
    for path in ("/room/form/fist_to_five/results", "/room/form/fist_to_five/round",
                 "/room/form/fist_to_five/excel", "/room/fist"):
        assert attendee.get(path)[0] == 403, path


def test_the_web_form_labels_every_input_and_groups_the_levels(server):
    _open_over_http(server, "Quarterly joint meetings replace the three separate steering committees.")
    _, page = Visitor.attendee(server, "Keisha Washington").get("/room/form/fist_to_five")
    assert '<meta name="viewport"' in page
    inputs = re.findall(r'<(?:input|textarea)\b[^>]*\bid="([^"]+)"', page)
    assert inputs
    for input_id in inputs:
        assert f'<label for="{input_id}"' in page, input_id
    assert re.search(r"<fieldset[^>]*>\s*<legend>Your answer, 0 to 5", page)
    assert page.count('type="radio"') == len(F.FIST_LEVELS)
    for meaning in F.FIST_MEANINGS.values():
        assert meaning in html.unescape(page)


def test_a_refused_web_answer_links_its_error_to_the_field(server):
    round_id = _open_over_http(server, "The backbone is hosted by the Riverbend Community Foundation.")
    attendee = Visitor.attendee(server, "Tran Nguyen")
    token = attendee.token("/room/form/fist_to_five")
    status, page = attendee.post("/room/form/fist_to_five",
                                 {"_xsrf": token, "round": round_id, "comment": "Undecided."})
    assert status == 422
    assert 'id="error-summary"' in page and 'role="alert"' in page
    assert '<a href="#field-level-0">' in page
    assert 'aria-describedby="level-error"' in page
    assert "Undecided." in page  # what was typed is kept
    assert F.round_answers(server.db, FIST, F.round_by_id(server.db, FIST, round_id)).n == 0


def test_forty_attendees_answering_at_once_are_all_stored_and_acknowledged(server):
    round_id = _open_over_http(server, "We report one shared scorecard to all funders.")
    attendees = [Visitor.attendee(server, f"Attendee {i:02d}") for i in range(40)]
    tokens = [a.token("/room/form/fist_to_five") for a in attendees]

    def answer(i: int) -> tuple[int, bool]:
        status, page = attendees[i].post("/room/form/fist_to_five",
                                         {"_xsrf": tokens[i], "round": round_id,
                                          "level": str(i % 6)})
        return status, "your answer is in" in page
    with concurrent.futures.ThreadPoolExecutor(max_workers=40) as pool:
        results = list(pool.map(answer, range(40)))
    assert results == [(200, True)] * 40
    current = F.round_answers(server.db, FIST, F.round_by_id(server.db, FIST, round_id))
    assert current.n == 40
    assert collections.Counter(a["level"] for a in current.answers) == collections.Counter(
        str(i % 6) for i in range(40))


def test_showing_the_result_publishes_it_to_the_room(server):
    round_id = _open_over_http(server, "Youth council members get a vote on the steering committee.")
    assert state.latest(server.db).source.endswith(f"round/{round_id}/question")
    attendee = Visitor.attendee(server, "Ana Ortiz")
    token = attendee.token("/room/form/fist_to_five")
    attendee.post("/room/form/fist_to_five", {"_xsrf": token, "round": round_id, "level": "5"})
    facilitator = Visitor.facilitator(server)
    token = facilitator.token("/room/form/fist_to_five/results")
    status, page = facilitator.post("/room/form/fist_to_five/results", {"_xsrf": token})
    assert status == 200 and "Shown to the room" in page
    shown = state.latest(server.db)
    assert shown.source == f"form/fist_to_five/round/{round_id}"
    assert dict(shown.payload["numbers"])["Answers"] == "n = 1"
    assert shown.payload["vegalite"]["mark"]["type"] == "bar"
    latecomer = Visitor.attendee(server, "Lena Cho")
    latecomer.post("/room/form/fist_to_five", {
        "_xsrf": latecomer.token("/room/form/fist_to_five"), "round": round_id, "level": "2"})
    assert dict(state.latest(server.db).payload["numbers"])["Answers"] == "n = 2"


def test_the_facilitator_downloads_the_excel_form_of_the_round(server, tmp_path):
    round_id = _open_over_http(server, "We apply jointly for the state early learning grant.")
    path = tmp_path / "form.xlsx"
    path.write_bytes(server.facilitator_get("/room/form/fist_to_five/excel"))
    workbook = openpyxl.load_workbook(path)
    assert workbook[FIST.sheet.title].cell(row=S_ROW(FIST, "round"), column=2).value == round_id


# --- a phone, keyboard only --------------------------------------------------------------------

def _phone(browser, server, name: str):
    from .test_dashboards import open_offline
    join = "/room/join?" + urllib.parse.urlencode({"code": server.issue(name),
                                                   "next": "/room/form/fist_to_five"})
    page, outside = open_offline(browser, server.url + join, viewport={"width": 390, "height": 844})
    page.wait_for_selector("form")
    return page, outside


@pytest.mark.slow
def test_a_phone_answers_with_the_keyboard_alone(server, browser):
    round_id = _open_over_http(server, "Each coalition keeps its own name under the umbrella.")
    page, outside = _phone(browser, server, "Rosa Delgado")
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.keyboard.press("Tab")  # to the first level
        assert page.evaluate("document.activeElement.id") == "field-level-0"
        for _ in range(4):
            page.keyboard.press("ArrowDown")  # radio groups move with the arrow keys
        assert page.evaluate("document.activeElement.value") == "4"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "field-comment"
        page.keyboard.type("Only if the Easton schools sign on.")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_selector("#ack")
        assert page.evaluate("document.activeElement.id") == "ack"
        assert "4 – I support it" in page.inner_text("#ack")
        assert outside == []
    finally:
        page.close()
    answers = F.round_answers(server.db, FIST, F.round_by_id(server.db, FIST, round_id)).answers
    assert answers[-1] == {"level": "4", "comment": "Only if the Easton schools sign on."}


@pytest.mark.slow
def test_a_phone_sees_the_error_summary_first(server, browser):
    _open_over_http(server, "The umbrella's fiscal agent is the United Way of Riverbend.")
    page, _ = _phone(browser, server, "Marcus Bell")
    try:
        page.click("button[type=submit]")
        page.wait_for_selector("#error-summary")
        assert page.evaluate("document.activeElement.id") == "error-summary"
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # the link to the field with the error
        assert page.evaluate("document.activeElement.id") == "field-level-0"
    finally:
        page.close()


def test_a_paper_room_writes_and_loads_forms_from_the_command_line(tmp_path, db, round_):
    from workbook.cli import main
    blank = tmp_path / "fist.xlsx"
    assert main(["form-template", "--community", str(EXAMPLE), "--db", str(db),
                 "--out", str(blank)]) == 0
    workbook = openpyxl.load_workbook(blank)
    sheet = workbook[FIST.sheet.title]
    sheet.cell(row=S_ROW(FIST, "attendee_code"), column=2, value="otter-birch-58")
    sheet.cell(row=S_ROW(FIST, "level"), column=2, value=2)  # typed, not picked
    workbook.save(tmp_path / "filled.xlsx")
    assert main(["load-form", str(tmp_path / "filled.xlsx"), "--community", str(EXAMPLE),
                 "--db", str(db)]) == 0
    assert F.round_answers(db, FIST, round_).answers == [{"level": "2", "comment": None}]
    assert main(["load-form", str(blank), "--community", str(EXAMPLE), "--db", str(db)]) == 1


def test_a_web_post_and_the_same_answer_on_the_excel_form_are_stored_alike(server, tmp_path):
    round_id = _open_over_http(server, "The steering committee decides by consent, not majority.")
    typed = {"level": "2", "comment": "I'd want the youth council's view first."}
    attendee = Visitor.attendee(server, "Dwayne Carter")
    token = attendee.token("/room/form/fist_to_five")
    assert attendee.post("/room/form/fist_to_five",
                         {"_xsrf": token, "round": round_id, **typed})[0] == 200
    round_ = F.round_by_id(server.db, FIST, round_id)
    path = _excel_answer(tmp_path, load_community(EXAMPLE), round_,
                         attendee_code=server.issue("Keisha Brown"), **typed)
    [loaded] = F.load_form_files([path], server.db, FIST, load_community(EXAMPLE))
    assert loaded.stored and loaded.problems == []
    assert [e["answers"] for e in F.history(server.db, FIST, round_)] == [typed, typed]


def test_an_answer_too_long_to_store_is_refused_in_words(server):
    round_id = _open_over_http(server, "We publish one joint annual report.")
    attendee = Visitor.attendee(server, "Lena Cho")
    token = attendee.token("/room/form/fist_to_five")
    status, page = attendee.post("/room/form/fist_to_five", {
        "_xsrf": token, "round": round_id, "level": "3", "comment": "Minutes pasted. " * 5000})
    assert status == 413 and "too long" in page
    assert F.history(server.db, FIST, F.round_by_id(server.db, FIST, round_id)) == []
