"""The blind backbone survey in a real browser at a phone's 390×844: a rater types the code
from their slip and rates a candidate; a wrong code is refused; no page a rater or attendee
reaches shows a figure from fewer than k raters (k = 5, the example community's default).

One workshop server for the module, asking for codes even on loopback (so the rater's
browser is not the facilitator's); the facilitator's browser carries the token.
"""
from __future__ import annotations

import re

import pytest

from workbook.roomstore import state
from workbook.tasks.backbone import instrument, preparation, responses
from workbook.tasks.backbone import survey
from workbook.tasks.backbone.anonymity import Thresholds

from .conftest import EXAMPLE
from .servers import workshop_server
from .test_dashboards import ARTIFACTS, browser, open_offline  # noqa: F401
from .test_room_forms import Visitor

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
WELL_KNOWN = "United Way of the Riverbend Region"
LITTLE_KNOWN = "Library and Head Start"  # a shared backbone few can judge
# Raters from outside the candidates, as a facilitator types them (name; organisation; ...).
RATERS = ("Rev. Marcus Dupree; Greater Mt. Zion Baptist Church; ; Faith",
          "Luis Ortega; Riverbend Food Bank, Inc.; lortega@riverbendfoodbank.org; Nonprofit",
          "Alicia Brandt; Brandt & Sons Hardware; ; Business",
          "Kwame Asante; Ashford County Schools; kasante@ashford.k12.example.org; Education",
          "Jolene Whitaker; Pine Hollow Neighborhood Assn.; ; Resident",
          "Hector Villanueva; Bell County Sheriff's Office; ; Government",
          "Nora Kessler; Riverbend Community Action Agency; ; Nonprofit")


@pytest.fixture(scope="module")
def workshop(tmp_path_factory):
    with workshop_server(tmp_path_factory.mktemp("room-survey-browser"), require_codes=True,
                         preheat=False) as server:
        yield server


@pytest.fixture(scope="module")
def roster(workshop):
    """Codes issued and the survey opened on the facilitator's page, over HTTP."""
    facilitator = Visitor.facilitator(workshop)
    page = facilitator.get("/room/survey")[1]
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
    status, _ = facilitator.post("/room/survey/codes", {
        "_xsrf": xsrf, "mode": "new", "candidate": [WELL_KNOWN],
        "shared_name": LITTLE_KNOWN,
        "shared_members": "Riverbend Public Library\nRiverbend Head Start",
        "raters_typed": "\n".join(RATERS)})
    assert status == 200
    assert facilitator.post("/room/survey/open", {"_xsrf": xsrf})[0] == 200
    return preparation.roster(workshop.db)


def _fits_the_phone(page) -> dict:
    return page.evaluate("""() => ({
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        body: parseFloat(getComputedStyle(document.body).fontSize),
    })""")


def _type_code(page, code: str) -> None:
    page.fill("#code", code)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def _fill_rating(page, candidate: str, score: str = "4") -> None:
    page.get_by_label(candidate, exact=True).check()
    for item, _ in instrument.ITEMS:
        page.check(f'input[name="{item}"][value="{score}"]')


def test_a_rater_types_the_code_from_the_slip_and_rates_at_phone_size(
        browser, workshop, roster):  # noqa: F811
    entry = roster.entries[0]
    page, outside = open_offline(browser, workshop.url + "/room/rate", PHONE)
    page.wait_for_selector("#code")
    _type_code(page, entry["code"].lower().replace("-", " "))  # as typed on a phone
    page.wait_for_selector('input[name="candidate"]')
    offered = page.locator('input[name="candidate"]').evaluate_all(
        "nodes => nodes.map(n => n.value)")
    assert offered == entry["allowed"]
    fit = _fits_the_phone(page)
    assert fit["overflow"] <= 0, "the rating form scrolls sideways on a phone"
    assert fit["body"] >= 18
    _fill_rating(page, WELL_KNOWN)
    page.fill("#field-comment_vision", "Good at convening, thin on data staff.")
    page.get_by_role("button", name="Send my rating").click()
    page.wait_for_selector("#ack")
    assert "Thank you" in page.inner_text("#ack")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "room-rate-thanks-390x844.png"), full_page=True)
    stored = responses.scores(workshop.db, survey.current_survey(workshop.db))
    mine = stored[stored["rater_key"] == roster.rater_key(entry["code_id"])]
    assert set(mine["candidate"]) == {WELL_KNOWN} and set(mine["score"]) == {4}
    assert outside == [], f"requests left the machine: {outside}"
    page.close()


def test_a_wrong_code_is_refused_and_nothing_can_be_sent(browser, workshop, roster):  # noqa: F811
    before = len(responses.scores(workshop.db, survey.current_survey(workshop.db)))
    page, _ = open_offline(browser, workshop.url + "/room/rate", PHONE)
    page.wait_for_selector("#code")
    _type_code(page, "KQ3M-7X4T-RA")  # never issued
    assert "That code is not known" in page.inner_text("main")
    assert page.locator('input[name="candidate"]').count() == 0
    # An attendee's code for the room's other forms is no rater's code either.
    _type_code(page, workshop.issue("Maria Lopez"))
    page.goto(workshop.url + "/room/rate")
    assert "not a code given to a backbone rater" in page.inner_text("main")
    assert page.locator('input[name="candidate"]').count() == 0
    assert _fits_the_phone(page)["overflow"] <= 0
    assert len(responses.scores(workshop.db, survey.current_survey(workshop.db))) == before
    page.close()


def _publish_results(db) -> None:
    """The facilitator's dashboard 5 shows the frozen results and present mode turns to
    them: the room is sent what room_share describes (built here as the kernel builds it)."""
    import time

    from workbook.community import load_community
    from workbook.views import backbone_results, room_share
    from workbook.workspace import Workspace
    panel = backbone_results.results_panel(Workspace(load_community(EXAMPLE), db))
    assert room_share.follow(5, "results", panel, db, force=True)
    panel.children[-1].click()  # the hidden button present mode clicks
    deadline = time.time() + 30
    while time.time() < deadline:
        shown = state.latest(db)
        if shown is not None and shown.source == "5/results":
            return
        time.sleep(0.1)
    raise AssertionError("the results were not published to the room")


def test_no_page_a_rater_reaches_shows_a_figure_from_fewer_than_k_raters(
        browser, workshop, roster):  # noqa: F811
    k = Thresholds().k
    well = [e for e in roster.entries if WELL_KNOWN in e["allowed"]]
    little = [e for e in roster.entries if LITTLE_KNOWN in e["allowed"]]
    assert len(well) > k and len(little) >= 2
    for entry in well[1:]:  # the first rated in the browser above
        rater = Visitor(workshop.url)
        rater.get("/room/join?code=" + entry["code"])
        page = rater.get("/room/rate")[1]
        values = {"_xsrf": re.search(r'name="_xsrf" value="([^"]+)"', page).group(1),
                  "round": str(survey.current_survey(workshop.db)), "candidate": WELL_KNOWN,
                  **{item: "3" for item, _ in instrument.ITEMS}}
        assert rater.post("/room/rate", values)[0] == 200
    # Two raters rate the little-known candidate in the browser: below k.
    for entry in little[:2]:
        page, _ = open_offline(browser, workshop.url + "/room/join?code=" + entry["code"]
                               + "&next=/room/rate", PHONE)
        page.wait_for_selector('input[name="candidate"]')
        _fill_rating(page, LITTLE_KNOWN, "5")
        page.get_by_role("button", name="Send my rating").click()
        page.wait_for_selector("#ack")
        assert not re.search(r"median|raters rated|\bn\s*=", page.inner_text("main"), re.I)
        page.close()
    # The facilitator closes it on their phone: counts only, no score anywhere.
    facilitator, _ = open_offline(browser, workshop.url + "/room/survey", PHONE,
                                  extra_http_headers={"Authorization": f"token {workshop.token}"})
    facilitator.get_by_role("button", name="Close the survey").click()
    facilitator.wait_for_selector("text=The survey is closed")
    shown = facilitator.inner_text("main")
    assert "median" not in shown.lower() and _fits_the_phone(facilitator)["overflow"] <= 0
    facilitator.screenshot(path=str(ARTIFACTS / "room-survey-390x844.png"), full_page=True)
    facilitator.close()
    _publish_results(workshop.db)
    # What every phone in the room sees now.
    page, outside = open_offline(browser, workshop.url + "/room/join?code="
                                 + little[0]["code"], PHONE)
    page.wait_for_selector("#room-chart svg", timeout=60_000)
    rows = page.locator("main table tbody tr").all_inner_texts()
    little_rows = [r for r in rows if LITTLE_KNOWN in r]
    assert len(little_rows) == len(instrument.ITEMS)
    for row in little_rows:  # the words say why, and no number is left beside them
        assert f"fewer than {k} raters" in row
        assert not re.search(r"\d", row.replace(f"fewer than {k} raters", ""))
    assert all("median" in r for r in rows if WELL_KNOWN in r)  # the other one is shown
    drawn = page.locator("#room-chart svg [aria-label]").evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('aria-label'))")
    little_marks = [label for label in drawn if LITTLE_KNOWN in label]
    assert little_marks and not any("median" in label for label in little_marks)
    assert outside == [], f"requests left the machine: {outside}"
    page.close()
