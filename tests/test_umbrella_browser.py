"""Dashboard 4 in a real browser, served by Voilà with nothing fetched from outside: a stance
entered live changes the agreement map, an agreement is recorded by clicking, and the
charter downloads with every section."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from workbook import decisions as D
from workbook.community import load_community
from workbook.loading import load_paths
from workbook.sample import example_umbrella as X
from workbook.tasks.umbrella import charter as C
from workbook.tasks.umbrella import stances as T
from workbook.tasks.umbrella.loading import load_umbrella

from .conftest import EXAMPLE
from .servers import workshop_server
from .test_dashboards import CHART, assert_clean, browser, close_tab, open_offline  # noqa: F401

URL = "/voila/render/4_negotiate_the_umbrella.ipynb"
MAP = "Agreement map, round"


@pytest.fixture(scope="module")
def t4_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("t4-browser") / "workbook.db"
    community = load_community(EXAMPLE)
    load_paths([community.checklists_dir], db, community)
    load_umbrella(EXAMPLE / "umbrella", db, community)
    return db


@pytest.fixture(scope="module")
def t4_url(t4_db, tmp_path_factory):
    """The workshop server (`python -m workbook serve`) on the example's negotiation."""
    with workshop_server(tmp_path_factory.mktemp("t4-serve"), db=t4_db,
                         preheat=("4_negotiate_the_umbrella.ipynb",)) as server:
        yield server.url


def _open(browser, url):  # noqa: F811
    page, outside = open_offline(browser, url + URL, {"width": 1280, "height": 720})
    page.get_by_role("button", name="Record these stances").wait_for(timeout=180_000)
    _map(page).wait_for(timeout=60_000)
    return page, outside


def _map(page):
    return page.locator(CHART).filter(has_text=MAP).first


def _blocks_drawn(page) -> int:
    """The crosses in the map's squares: one per coalition blocking an option."""
    return _map(page).locator("text").evaluate_all(
        "nodes => nodes.filter(n => n.textContent.trim() === '✕').length")


@pytest.mark.slow
def test_a_stance_recorded_live_changes_the_map(browser, t4_url, t4_db):  # noqa: F811
    page, outside = _open(browser, t4_url)
    before = _blocks_drawn(page)
    assert before == 1  # the example's one persistent block
    coalition = page.get_by_placeholder("Pick or type the coalition speaking")
    coalition.fill(X.GR)
    coalition.press("Tab")
    page.locator(".widget-dropdown", has_text="Parameter").first.locator("select").select_option(
        label="Resource blending")
    row = page.locator(".widget-hbox", has=page.locator(".widget-dropdown",
                                                         has_text="Pooled fund")).first
    row.locator("select").select_option(label="Cannot accept")
    row.locator("input").fill("Our county match cannot leave the county")
    page.get_by_role("button", name="Record these stances").click()
    page.get_by_text("stances of Graduate Riverbend on Resource blending").wait_for(
        timeout=30_000)
    page.wait_for_function(
        "([title, n]) => Array.from(document.querySelectorAll('.vega-embed svg.marks'))"
        ".filter(svg => svg.textContent.includes(title)).some(svg => Array.from("
        "svg.querySelectorAll('text')).filter(t => t.textContent.trim() === '✕').length === n)",
        arg=[MAP, before + 1], timeout=30_000)
    stances = T.stances(t4_db)
    mine = stances[(stances["coalition"] == X.GR) & (stances["option"] == "Pooled fund")]
    assert mine["stance"].tolist() == ["Cannot accept"]
    assert mine["reason"].tolist() == ["Our county match cannot leave the county"]
    assert_clean(page, outside, "notebook-4")
    close_tab(page)


@pytest.mark.slow
def test_an_agreement_is_decided_by_clicking(browser, t4_url, t4_db):  # noqa: F811
    page, outside = _open(browser, t4_url)
    decide = page.locator(".widget-vbox", has=page.get_by_role(
        "button", name="Record the agreement")).last
    decide.locator(".widget-dropdown", has_text="Parameter").locator("select").select_option(
        label="Steering-committee composition")
    decide.locator(".widget-select-multiple select").select_option(
        ["One seat per member coalition"])
    decide.locator(".widget-dropdown", has_text="Decision rule used").locator(
        "select").select_option(label="Consent")
    decide.locator("textarea").fill("Every coalition keeps a voice")
    page.get_by_role("button", name="Record the agreement").click()
    page.get_by_text("Recorded as decision").wait_for(timeout=30_000)
    agreed = C.agreed_options(D.entries(t4_db))["Steering-committee composition"]
    assert agreed.value == "One seat per member coalition" and agreed.by == "facilitator"
    assert agreed.details["decision_rule"] == "Consent"
    assert agreed.details["round"] == T.current_round(t4_db)
    assert agreed.rationale == "Every coalition keeps a voice"
    line = page.locator(".widget-hbox", has_text="Steering-committee composition: One seat "
                                                 "per member coalition")
    line.wait_for(timeout=30_000)
    line.get_by_role("button", name="Undo").click()
    page.get_by_text(f"Decision #{agreed.entry_id} withdrawn").wait_for(timeout=30_000)
    assert "Steering-committee composition" not in C.agreed_options(D.entries(t4_db))
    assert D.entries(t4_db)[-1].supersedes == (agreed.entry_id,)
    line.wait_for(state="detached", timeout=30_000)  # the line says "To be decided" again
    assert outside == []
    close_tab(page)


@pytest.mark.slow
def test_the_charter_downloads_with_every_section(browser, t4_url, tmp_path):  # noqa: F811
    from docx import Document
    page, outside = _open(browser, t4_url)
    page.get_by_placeholder("(to be decided)").fill("Riverbend Cradle-to-Career Partnership")
    page.get_by_role("button", name="Draft the charter (Word)").click()
    link = page.get_by_role("button", name="Download draft-charter.docx")
    link.wait_for(timeout=60_000)
    with page.expect_download() as pending:
        link.click()
    document = Document(io.BytesIO(Path(pending.value.path()).read_bytes()))
    headings = [p.text for p in document.paragraphs
                if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "Riverbend Cradle-to-Career Partnership"
    assert headings[1:] == [title for title, _parameters in C.SECTIONS]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Decision rule: Consent (agreed by Consensus, round 2" in text
    assert f"Population focus: {C.TO_BE_DECIDED}." in text
    assert outside == []
    close_tab(page)


@pytest.mark.slow
def test_dashboard_4_is_legible_on_a_projector_and_nothing_is_clipped(browser, t4_url):  # noqa: F811
    from .test_dashboards_projector import (BODY_PX, CHART_LABEL_PX, clipped, font_sizes,
                                            overlapping_rows)
    page, outside = _open(browser, t4_url)
    page.wait_for_timeout(500)  # widgets settle their sizes
    sizes = font_sizes(page)
    assert sizes["sentences"] and min(sizes["sentences"]) >= BODY_PX, sizes["sentences"]
    assert sizes["chart_labels"] and min(sizes["chart_labels"]) >= CHART_LABEL_PX
    # the reasons typed beside a stance were at 13 px
    assert sizes["fields"] and min(sizes["fields"]) >= BODY_PX, sizes["fields"]
    assert clipped(page) == []
    assert page.locator(".widget-hbox", has=page.locator(".widget-dropdown",
                                                         has_text="Must have")).count() > 3
    assert overlapping_rows(page) == []  # the stance lines, the deciding form's dropdowns
    assert outside == []
    close_tab(page)
