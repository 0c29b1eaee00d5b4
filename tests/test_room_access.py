"""Access to the room, over HTTP against the real workshop server (tests/servers.py).

Beyond this laptop every page needs the room code; facilitator pages need the facilitator's
token; forms need an attendee's own code; revoked codes are refused at once. The server is
started with --require-codes so that 127.0.0.1 is treated like a phone in the room; one test
also reaches it through this machine's network address, where no option is needed.
"""
from __future__ import annotations

import re
import socket
from types import SimpleNamespace

import pytest
import requests
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine

from workbook.room import guard
from workbook.roomstore import access
from workbook.room.attempts import ALLOWED_ENV, WrongCodes

from .servers import workshop_server

DASHBOARD = "/voila/render/1_map_the_moving_trains.ipynb"
BROWSER = {"Accept": "text/html,application/xhtml+xml"}

FACILITATOR_PAGES = ["/room/codes", "/room/access", "/room/kernels", DASHBOARD,
                     "/voila/render/2_analyse_the_overlaps.ipynb", "/voila/api/contents/",
                     "/voila/files/README.md"]
ROOM_ASSET = "/voila/static/voila.js"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    # No preheating: these tests are about who gets in, and kernels cost the machine.
    with workshop_server(tmp_path_factory.mktemp("room-access"), require_codes=True,
                         preheat=False) as running:
        yield running


def joined(server, code: str) -> requests.Session:
    """A browser that typed *code* into the join page (XSRF token and all)."""
    browser = requests.Session()
    form = browser.get(server.url + "/room/join", headers=BROWSER)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form.text).group(1)
    answer = browser.post(server.url + "/room/join", data={"code": code, "_xsrf": xsrf},
                          allow_redirects=False)
    assert answer.status_code == 302, answer.text
    return browser


def status(browser, server, path: str, **options) -> int:
    return browser.get(server.url + path, allow_redirects=False, timeout=60, **options).status_code


def websocket_status(browser, server, kernel_id: str) -> int:
    headers = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
               "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
    return status(browser, server, f"/api/kernels/{kernel_id}/channels", headers=headers)


# --- the codes themselves ---------------------------------------------------------------------

def test_codes_are_random_from_an_alphabet_without_look_alikes():
    rooms = {access.new_code(access.ROOM) for _ in range(200)}
    people = {access.new_code(access.PERSON) for _ in range(200)}
    assert len(rooms) == len(people) == 200
    assert {len(c) for c in rooms} == {access.ROOM_CODE_LENGTH}
    assert {len(c) for c in people} == {access.ATTENDEE_CODE_LENGTH}
    assert set("".join(rooms | people)) <= set(access.ALPHABET)
    assert not set("0O1IL2Z5S8B") & set(access.ALPHABET)


def test_a_code_is_found_however_it_is_typed(tmp_path):
    db = tmp_path / "workbook.db"
    issued = access.issue(db, access.PERSON, "Jamal Carter")
    for typed in (issued.code, issued.code.lower(), access.grouped(issued.code),
                  f" {access.grouped(issued.code).lower()} "):
        assert access.find(db, typed).code_id == issued.code_id, typed
    assert access.find(db, issued.code[:-1] + "Q" if issued.code[-1] != "Q" else "A") is None


def test_renewing_keeps_the_given_code_and_withdraws_the_others(tmp_path):
    db = tmp_path / "workbook.db"
    first = access.renew(db, access.ROOM)
    second = access.renew(db, access.ROOM)
    assert not access.find(db, first.code).active and access.find(db, second.code).active
    kept = access.renew(db, access.ROOM, second.code.lower())
    assert kept.code_id == second.code_id and access.find(db, second.code).active
    assert access.revoke(db, kept.code_id) and not access.revoke(db, kept.code_id)


# --- nobody -------------------------------------------------------------------------------

def test_without_a_code_every_page_is_refused_with_401(server):
    stranger = requests.Session()
    for path in ["/", "/voila/tree", "/room/me", ROOM_ASSET, *FACILITATOR_PAGES]:
        assert status(stranger, server, path) == 401, path
    assert websocket_status(stranger, server, "4b9e0a4e-6d2a-4d7e-9a51-0c6f2f6a1c11") == 401
    shutdown = stranger.post(server.url + "/voila/api/shutdown/4b9e0a4e-6d2a-4d7e-9a51-0c6f2f6a1c11")
    assert shutdown.status_code == 401


def test_a_browser_refused_is_asked_for_the_room_code(server):
    page = requests.get(server.url + DASHBOARD, headers=BROWSER)
    assert page.status_code == 401
    assert "Enter the room code" in page.text and 'name="code"' in page.text
    assert "Traceback" not in page.text


def test_an_unknown_or_forged_code_lets_nobody_in(server):
    browser = requests.Session()
    form = browser.get(server.url + "/room/join")
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form.text).group(1)
    wrong = browser.post(server.url + "/room/join", data={"code": "QQQQQQ", "_xsrf": xsrf})
    assert wrong.status_code == 401 and "not known" in wrong.text
    forged = requests.Session()
    forged.cookies.set(guard.COOKIE, "some-code-id")
    assert status(forged, server, "/room/me") == 401
    assert status(forged, server, "/") == 401


def test_wrong_codes_are_counted_per_device_within_a_window():
    now = [0.0]
    counter = WrongCodes(allowed=3, window_s=600, clock=lambda: now[0])
    for _ in range(3):
        assert counter.wait_s("10.0.0.7") == 0
        counter.wrong("10.0.0.7")
        now[0] += 10
    assert counter.wait_s("10.0.0.7") == pytest.approx(600 - 30)
    assert counter.wait_s("10.0.0.8") == 0  # another phone in the room is not held up
    now[0] = 601  # the first mistake has aged out: one more try
    assert counter.wait_s("10.0.0.7") == 0
    counter.wrong("10.0.0.7")
    assert counter.wait_s("10.0.0.7") == pytest.approx(10 + 600 - 601)  # the oldest kept: at 10 s


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory):
    with workshop_server(tmp_path_factory.mktemp("room-guesses"), require_codes=True,
                         preheat=False, env={ALLOWED_ENV: "3"}) as running:
        yield running


def test_a_device_guessing_codes_is_made_to_wait_even_with_a_right_code_between(strict_server):
    server = strict_server
    browser = requests.Session()
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"',
                     browser.get(server.url + "/room/join").text).group(1)

    def typed(code: str):
        return browser.post(server.url + "/room/join", allow_redirects=False,
                            data={"code": code, "_xsrf": xsrf})

    assert typed("QQQQQQ").status_code == 401
    assert typed(server.room_code).status_code == 302  # knowing the room code wipes nothing
    assert typed("QQQQQR").status_code == 401
    assert typed("QQQQQT").status_code == 401
    held = typed(server.issue("Keisha Brown"))  # now even a right code waits
    assert held.status_code == 429 and "Too many codes" in held.text
    assert 0 < int(held.headers["Retry-After"]) <= 600 and "Traceback" not in held.text


def test_the_join_form_needs_its_xsrf_token(server):
    answer = requests.post(server.url + "/room/join", data={"code": server.room_code})
    assert answer.status_code == 403 and "security token" in answer.text
    assert "Traceback" not in answer.text
    assert guard.COOKIE not in answer.cookies


# --- the room code --------------------------------------------------------------------------

def test_the_room_code_opens_the_room_and_nothing_more(server):
    member = joined(server, server.room_code)
    front = member.get(server.url + "/", allow_redirects=False)
    assert front.status_code == 302 and front.headers["Location"].endswith("/room")
    assert status(member, server, ROOM_ASSET) == 200
    for path in FACILITATOR_PAGES:
        assert status(member, server, path) == 403, path
    assert websocket_status(member, server, "4b9e0a4e-6d2a-4d7e-9a51-0c6f2f6a1c11") == 403
    # a form needs a code of one's own, and the page says where to find it
    me = member.get(server.url + "/room/me", headers=BROWSER)
    assert me.status_code == 403 and "your own code" in me.text


def test_the_room_code_is_typed_loosely(server):
    typed = "-".join([server.room_code[:3].lower(), server.room_code[3:]])
    member = joined(server, f"  {typed} ")
    assert status(member, server, ROOM_ASSET) == 200


def test_after_entering_a_code_only_local_paths_are_followed(server):
    browser = requests.Session()
    form = browser.get(server.url + "/room/join")
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form.text).group(1)
    for elsewhere in ["//attacker.example/phish", "https://attacker.example/", "/\\attacker.example"]:
        answer = browser.post(server.url + "/room/join", allow_redirects=False,
                              data={"code": server.room_code, "_xsrf": xsrf, "next": elsewhere})
        assert answer.headers["Location"] == "/room", elsewhere


# --- attendee codes -------------------------------------------------------------------------

def test_an_attendee_code_opens_forms_but_never_facilitator_pages(server):
    code = server.issue("Maria Lopez")
    attendee = joined(server, code)
    me = attendee.get(server.url + "/room/me")
    assert me.status_code == 200 and "Maria Lopez" in me.text
    for path in FACILITATOR_PAGES:
        assert status(attendee, server, path) == 403, path
    # nor does it pass for the facilitator's token in a script's header
    assert status(requests.Session(), server, "/room/kernels",
                  headers={"Authorization": f"token {code}"}) == 401


def test_a_coalition_code_is_one_attendee_shared_by_its_members(server):
    code = server.issue("Riverbend Literacy Collaborative", access.COALITION)
    for _ in range(2):
        me = joined(server, code).get(server.url + "/room/me")
        assert "Riverbend Literacy Collaborative" in me.text and "coalition" in me.text


def test_an_attendee_sees_their_own_name_never_another_s(server):
    maria, dwayne = server.issue("Maria Lopez"), server.issue("Dwayne Whitfield")
    as_maria = joined(server, maria).get(server.url + "/room/me").text
    as_dwayne = joined(server, dwayne).get(server.url + "/room/me").text
    assert "Maria Lopez" in as_maria and "Dwayne Whitfield" not in as_maria
    assert "Dwayne Whitfield" in as_dwayne and "Maria Lopez" not in as_dwayne


def test_a_room_code_entered_later_keeps_the_attendee_s_own_code(server):
    attendee = joined(server, server.issue("Keisha Brown"))
    form = attendee.get(server.url + "/room/join")
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form.text).group(1)
    attendee.post(server.url + "/room/join", data={"code": server.room_code, "_xsrf": xsrf})
    assert "Keisha Brown" in attendee.get(server.url + "/room/me").text


def test_a_phone_handed_on_takes_the_next_person_s_code(server):
    phone = joined(server, server.issue("Luis Hernandez"))
    form = phone.get(server.url + "/room/join")
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form.text).group(1)
    phone.post(server.url + "/room/join", data={"code": server.issue("Grace Kim"), "_xsrf": xsrf})
    me = phone.get(server.url + "/room/me").text
    assert "Grace Kim" in me and "Luis Hernandez" not in me


def test_a_revoked_code_is_refused_at_once(server):
    code = server.issue("Tom Nguyen")
    attendee = joined(server, code)
    assert status(attendee, server, "/room/me") == 200
    server.revoke(code)
    refused = attendee.get(server.url + "/room/me", headers=BROWSER)
    assert refused.status_code == 403 and "withdrawn" in refused.text
    assert status(attendee, server, ROOM_ASSET) == 403
    again = requests.Session()
    form = again.get(server.url + "/room/join")
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form.text).group(1)
    assert again.post(server.url + "/room/join",
                      data={"code": code, "_xsrf": xsrf}).status_code == 403


def test_a_scanned_code_never_reaches_the_server_s_log(server):
    code = server.issue("Priya Raman")
    scanned = requests.Session()
    answer = scanned.get(f"{server.url}/room/join?code={code}", allow_redirects=False)
    assert answer.status_code == 302
    assert "Priya Raman" in scanned.get(server.url + "/room/me").text
    assert code not in server.log_text()


def test_codes_are_stored_only_as_digests(server):
    code = server.issue("Ana Sofia Ramirez")
    raw = server.db.read_bytes() + b"".join(
        p.read_bytes() for p in server.db.parent.glob(server.db.name + "-wal"))
    for secret in (code, server.room_code, server.token):
        assert secret.encode() not in raw


# --- the facilitator ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def facilitator(server):
    browser = requests.Session()
    answer = browser.get(f"{server.url}/room/join?token={server.token}", allow_redirects=False)
    assert answer.status_code == 302 and answer.headers["Location"] == "/"
    return browser


def test_the_token_is_printed_in_the_server_s_terminal(server):
    log = server.log_text()
    assert f"/room/join?token={server.token}" in log
    assert f"Room code: {server.room_code}" in log


def test_the_facilitator_s_token_opens_every_page(server, facilitator):
    for path in ["/", "/room/codes", "/room/access", "/room/kernels", "/room/me", ROOM_ASSET]:
        assert status(facilitator, server, path) == 200, path
    dashboard = facilitator.get(server.url + DASHBOARD, timeout=180)
    assert dashboard.status_code == 200 and "jupyter-config-data" in dashboard.text
    # the page's shutdown beacon can send the XSRF cookie back (voila #1458)
    assert "_xsrf" in facilitator.cookies


def test_the_room_code_does_not_demote_the_facilitator(server):
    second_laptop = requests.Session()
    second_laptop.get(f"{server.url}/room/join?token={server.token}")
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"',
                     second_laptop.get(server.url + "/room/join").text).group(1)
    second_laptop.post(server.url + "/room/join", data={"code": server.room_code, "_xsrf": xsrf})
    assert status(second_laptop, server, "/room/codes") == 200


def test_the_projector_shows_the_room_code_with_a_qr_code(server, facilitator):
    shown = facilitator.get(server.url + "/room/codes").text
    assert server.room_code in shown and "<svg" in shown and 'class="qr"' in shown
    assert "/room/join?code=" in shown


def test_slips_are_issued_from_the_facilitator_s_page_and_work(server, facilitator):
    listing = facilitator.get(server.url + "/room/access").text
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', listing).group(1)
    slips = facilitator.post(server.url + "/room/access/issue", data={
        "_xsrf": xsrf, "kind": "person", "labels": "LaToya Jackson\nGreg O'Brien\n\n"})
    assert slips.status_code == 200
    assert slips.text.count('class="slip"') == 2 and slips.text.count("<svg") == 2
    codes = re.findall(r'class="code">([A-Z0-9-]+)<', slips.text)
    assert len(codes) == 2
    assert "LaToya Jackson" in joined(server, codes[0]).get(server.url + "/room/me").text
    # the list shows names, never the codes themselves
    listing = facilitator.get(server.url + "/room/access").text
    assert "LaToya Jackson" in listing and not any(c in listing for c in codes)
    # withdrawing from the page refuses the slip
    code_id = access.find(server.db, codes[1]).code_id
    facilitator.post(server.url + "/room/access/revoke", data={"_xsrf": xsrf, "code_id": code_id})
    assert access.find(server.db, codes[1]).revoked_at is not None


def test_a_new_room_code_withdraws_the_old_one(tmp_path):
    with workshop_server(tmp_path, require_codes=True, preheat=False) as fresh:
        member = joined(fresh, fresh.room_code)
        assert status(member, fresh, ROOM_ASSET) == 200
        facilitator = requests.Session()
        facilitator.get(f"{fresh.url}/room/join?token={fresh.token}")
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"',
                         facilitator.get(fresh.url + "/room/codes").text).group(1)
        facilitator.post(fresh.url + "/room/codes/renew", data={"_xsrf": xsrf})
        shown = facilitator.get(fresh.url + "/room/codes").text
        assert fresh.room_code not in shown
        assert status(member, fresh, ROOM_ASSET) == 403


# --- no data for the room ---------------------------------------------------------------------

def test_pages_a_room_member_reaches_carry_no_paths_or_data(server):
    member = joined(server, server.room_code)
    attendee = joined(server, server.issue("Rosa Delgado"))
    shown = "".join([
        member.get(server.url + "/room/join").text,
        member.get(server.url + DASHBOARD, headers=BROWSER).text,
        member.get(server.url + "/room/codes", headers=BROWSER).text,
        attendee.get(server.url + "/room/me").text,
        requests.get(server.url + "/", headers=BROWSER).text])
    for private in (str(server.db), str(server.db.parent), str(server.community), server.token,
                    "Ashford", "checklists", ".xlsx"):
        assert private not in shown, private


# --- loopback and network -------------------------------------------------------------------

def _request_from(address: str, forwarded: str) -> HTTPServerRequest:
    connection = SimpleNamespace(context=SimpleNamespace(address=(address, 50000),
                                                         remote_ip=forwarded))
    return HTTPServerRequest(start_line=RequestStartLine("GET", "/", "HTTP/1.1"),
                             connection=connection,
                             headers=HTTPHeaders({"Host": "workshop.local", "X-Forwarded-For": forwarded,
                                                  "X-Real-Ip": forwarded}))


def test_headers_cannot_make_a_visitor_local():
    assert not guard.is_loopback(_request_from("192.0.2.40", "127.0.0.1"))
    assert guard.is_loopback(_request_from("127.0.0.1", "198.51.100.7"))
    assert guard.is_loopback(_request_from("::1", "198.51.100.7"))
    assert guard.is_loopback(_request_from("::ffff:127.0.0.1", "198.51.100.7"))


def _network_address() -> str | None:
    return access.lan_address() or next(
        (a for a in socket.gethostbyname_ex(socket.gethostname())[2] if not a.startswith("127.")),
        None)


def test_on_this_laptop_nothing_is_asked_beyond_it_everything_is(tmp_path):
    address = _network_address()
    if address is None:
        pytest.skip("this machine has no network address besides loopback")
    with workshop_server(tmp_path, host="0.0.0.0", preheat=False) as open_room:
        assert status(requests.Session(), open_room, "/room/codes") == 200
        remote = open_room.url.replace("127.0.0.1", address)
        spoofed = {"X-Forwarded-For": "127.0.0.1", "X-Real-Ip": "127.0.0.1", "Host": "localhost"}
        for path in ["/room/codes", "/", DASHBOARD]:
            assert requests.get(remote + path, headers=spoofed, allow_redirects=False,
                                timeout=30).status_code == 401, path
