"""The facilitator's umbrella page over HTTP, without a browser: /room/umbrella opens rounds
of stances, gives coalitions their codes (slips to print) and shows who has answered, on the
real workshop server with the example community loaded and codes asked even on loopback.
"""
from __future__ import annotations

import html
import re
import urllib.parse

import pytest

from workbook.roomstore import access
from workbook.room.umbrella_pages import chosen_names
from workbook.tasks.umbrella import roll, stances

from .servers import workshop_server
from .test_room_forms import Visitor

LEARN = "Learn to Earn Dayton"
PREVENTION = "Dayton Youth Substance Abuse Prevention Coalition"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("room-umbrella")
    with workshop_server(folder, require_codes=True, preheat=False) as running:
        yield running


@pytest.fixture(scope="module")
def facilitator(server) -> Visitor:
    """The facilitator on a second laptop: entered the token link, carries the cookie."""
    visitor = Visitor(server.url)
    visitor.get("/room/join?" + urllib.parse.urlencode({"token": server.token}))
    return visitor


def _xsrf(page: str) -> str:
    return re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)


def _after(page: str) -> str:
    return re.search(r'name="after" value="([^"]*)"', page).group(1)


def _open_round(facilitator: Visitor) -> tuple[int, str]:
    _, page = facilitator.get("/room/umbrella")
    return facilitator.post("/room/umbrella/round", {"_xsrf": _xsrf(page),
                                                      "after": _after(page)})


def _roll(page: str) -> dict[str, str]:
    """coalition -> what its row says after its name: this round, stances, codes."""
    rows = re.findall(r'<tr data-coalition="([^"]+)">(.*?)</tr>', page, flags=re.S)
    return {html.unescape(name): " ".join(
        re.sub(r"<[^>]+>", " ", html.unescape(" ".join(
            re.findall(r"<td[^>]*>(.*?)</td>", cells, flags=re.S)[1:]))).split())
        for name, cells in rows}


def _slip_codes(page: str) -> dict[str, str]:
    """name on the slip -> its code, as printed."""
    found = re.findall(r'<div class="slip"><p><strong>([^<]+)</strong></p>\s*'
                       r'<p>Your code: <span class="code">([^<]+)</span>', page)
    return {html.unescape(name): code for name, code in found}


def _issue(facilitator: Visitor, ticked=(), typed: str = "") -> tuple[int, str]:
    _, page = facilitator.get("/room/umbrella")
    return facilitator.post("/room/umbrella/codes", {"_xsrf": _xsrf(page),
                                                      "coalition": list(ticked),
                                                      "others": typed})


def _checkboxes(page: str) -> list[str]:
    return [html.unescape(v) for v in re.findall(
        r'type="checkbox" id="loaded-\d+" name="coalition" value="([^"]+)"', page)]


def test_only_the_facilitator_opens_the_umbrella_page(server):
    assert Visitor(server.url).get("/room/umbrella")[0] == 401
    room_member = Visitor(server.url)
    room_member.get("/room/join?code=" + server.room_code)
    assert room_member.get("/room/umbrella")[0] == 403
    coalition = Visitor(server.url)
    coalition.get("/room/join?code=" + server.issue("Eastside Promise Neighborhood",
                                                     access.COALITION))
    status, page = coalition.get("/room/umbrella")
    assert status == 403 and "for the facilitator" in page
    assert room_member.post("/room/umbrella/round", {"after": ""})[0] == 403


def test_a_round_is_opened_once_even_when_the_button_is_pressed_twice(server, facilitator):
    before = stances.current_round(server.db)
    _, page = facilitator.get("/room/umbrella")
    sent = {"_xsrf": _xsrf(page), "after": _after(page)}
    status, opened = facilitator.post("/room/umbrella/round", sent)
    now = stances.current_round(server.db)
    assert status == 200 and now == (before or 0) + 1
    assert f"Round {now} is open" in opened
    status, again = facilitator.post("/room/umbrella/round", sent)  # the same page, again
    assert status == 409 and f"Round {now} was opened meanwhile" in html.unescape(again)
    assert stances.current_round(server.db) == now
    assert stances.rounds(server.db)[-1] == now


def test_opening_a_round_without_the_xsrf_token_is_refused(server, facilitator):
    before = stances.rounds(server.db)
    _, page = facilitator.get("/room/umbrella")
    status, refused = facilitator.post("/room/umbrella/round", {"after": _after(page)})
    assert status == 403 and "security token" in refused
    assert stances.rounds(server.db) == before


def test_codes_given_to_coalitions_open_their_stance_form_and_print_as_slips(server,
                                                                            facilitator):
    _, page = facilitator.get("/room/umbrella")
    offered = _checkboxes(page)
    assert offered, "the example's coalitions are offered from the checklists"
    ticked = offered[0]
    status, slips = _issue(facilitator, [ticked], f"{LEARN}\n\n  learn to earn   dayton \n")
    assert status == 200
    codes = _slip_codes(slips)
    assert set(codes) == {ticked, LEARN}  # the second spelling of Learn to Earn is one name
    assert slips.count("<svg") >= 2 and "/room/stances" in slips
    assert 'href="/room/umbrella"' in slips
    # Each QR code's <title> is the text it encodes (escaped twice: by qr_svg and by segno).
    scanned = [urllib.parse.urlsplit(html.unescape(html.unescape(t))) for t in
               re.findall(r"<title>([^<]*/room/join[^<]*)</title>", slips)]
    assert len(scanned) == 2
    for link in scanned:  # what a phone opens when it scans a slip: the coalition's form
        query = urllib.parse.parse_qs(link.query)
        assert query["next"] == ["/room/stances"]
        name = next(n for n, c in codes.items() if access.normalise(c) == query["code"][0])
        status, form = Visitor(server.url).get(f"{link.path}?{link.query}")
        assert status == 200 and f"the stances of {name}" in html.unescape(form)
    _, page = facilitator.get("/room/umbrella")
    assert ticked not in _checkboxes(page)  # it holds a code now
    assert {ticked, LEARN} <= set(_roll(page))


def test_the_page_shows_which_coalitions_have_answered_this_round(server, facilitator):
    status, slips = _issue(facilitator, typed=PREVENTION)
    code = _slip_codes(slips)[PREVENTION]
    _open_round(facilitator)
    round_id = stances.current_round(server.db)
    speaking = Visitor(server.url)
    speaking.get("/room/join?code=" + code)
    _, form = speaking.get("/room/stances")
    first = re.search(r'name="(s\d+)" value="Must have"', form).group(1)
    status, _ = speaking.post("/room/stances", {
        "_xsrf": _xsrf(form), "round": str(round_id),
        "options_digest": re.search(r'name="options_digest" value="([^"]+)"', form).group(1),
        first: "Must have"})
    assert status == 200
    _, page = facilitator.get("/room/umbrella")
    rows = _roll(page)
    assert rows[PREVENTION].startswith("✔ answered")
    assert rows[LEARN].startswith("– not yet")
    table = roll.roll_call(server.db)
    answered, total = int(table["answered"].sum()), len(table)
    assert answered == 1
    assert f"{answered} of {total}" in page
    assert f"have answered round {round_id}" in page
    watched = facilitator.get("/room/umbrella/watch")[1]
    assert 'http-equiv="refresh"' in watched and "<form" not in watched
    assert _roll(watched) == rows


def test_a_coalition_code_printed_on_the_access_page_is_tied_without_new_slips(server,
                                                                             facilitator):
    name = "Westside Family Resource Collaborative"
    holder = Visitor(server.url)
    holder.get("/room/join?code=" + server.issue(name, access.COALITION))
    assert holder.get("/room/stances")[0] == 403  # a coalition's code, not yet on this form
    _, page = facilitator.get("/room/umbrella")
    offered = dict((html.unescape(label).strip(), code_id) for code_id, label in re.findall(
        r'name="code_id" value="([^"]+)"><label for="untied-\d+">([^<]+)<', page))
    assert name in offered
    status, refused = facilitator.post("/room/umbrella/tie", {"_xsrf": _xsrf(page),
                                                              "code_id": "not-a-code"})
    assert status == 422 and holder.get("/room/stances")[0] == 403
    status, tied = facilitator.post("/room/umbrella/tie", {"_xsrf": _xsrf(page),
                                                           "code_id": offered[name]})
    assert status == 200 and name in html.unescape(tied)
    status, form = holder.get("/room/stances")
    assert status == 200 and f"the stances of {name}" in html.unescape(form)
    assert offered[name] not in facilitator.get("/room/umbrella")[1]
    assert name in _roll(facilitator.get("/room/umbrella")[1])


def test_issuing_no_name_issues_no_code(server, facilitator):
    before = len(access.listed(server.db))
    status, page = _issue(facilitator, typed="  \n \n")
    assert status == 422 and "no code was issued" in page
    assert len(access.listed(server.db)) == before


def test_the_page_is_plain_html_for_a_phone_with_nothing_fetched_from_outside(server,
                                                                             facilitator):
    _, page = facilitator.get("/room/umbrella")
    assert 'name="viewport" content="width=device-width' in page
    assert "<script" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_names_ticked_and_typed_count_once():
    assert chosen_names(["Learn to Earn Dayton"], "learn to earn  DAYTON\n\nMiami Valley "
                                                  "Housing Coalition\n") == [
        "Learn to Earn Dayton", "Miami Valley Housing Coalition"]
