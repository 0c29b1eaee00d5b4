"""Dashboard 3 in a real browser, served by Voilà with nothing fetched from outside:
decisions recorded by clicking are kept, two laptops record at once, and the
turn-the-curve chart draws offline."""
from __future__ import annotations

import pytest

from workbook import decisions as D
from workbook.community import load_community
from workbook.indicators import load_indicators
from workbook.loading import load_paths
from workbook.sample import example_indicators

from .conftest import EXAMPLE
from .servers import workshop_server
from .test_dashboards import CHART, assert_clean, browser, close_tab, open_offline  # noqa: F401

URL = "/voila/render/3_align_goals_and_strategies.ipynb"
CARD = ".wb-card"


@pytest.fixture(scope="module")
def t3_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("t3-browser") / "workbook.db"
    community = load_community(EXAMPLE)
    load_paths([community.checklists_dir], db, community)
    load_indicators(sorted((EXAMPLE / "indicators").glob("*.xlsx")), db, community)
    example_indicators.adopt(db)
    return db


@pytest.fixture(scope="module")
def t3_url(t3_db, tmp_path_factory):
    """The workshop server (`python -m workbook serve`) on the example with its North Star."""
    with workshop_server(tmp_path_factory.mktemp("t3-serve"), db=t3_db,
                         preheat=("3_align_goals_and_strategies.ipynb",)) as server:
        yield server.url


def _open(browser, url):  # noqa: F811
    page, outside = open_offline(browser, url + URL, {"width": 1280, "height": 720})
    page.wait_for_selector(CARD, timeout=180_000)
    return page, outside


def _card(page, index: int):
    return page.locator(CARD).nth(index)


def _card_text(page, index: int) -> str:
    return _card(page, index).inner_text()


@pytest.mark.slow
def test_a_decision_clicked_is_kept_after_a_reload(browser, t3_url, t3_db):  # noqa: F811
    page, outside = _open(browser, t3_url)
    first = _card(page, 0)
    items = first.locator(".widget-checkbox").count()
    assert items >= 2
    first.locator("textarea").fill("Different populations after all")
    first.get_by_role("button", name="Keep separate").click()
    first.get_by_text("Recorded as decision").wait_for(timeout=30_000)
    [entry] = [e for e in D.current(t3_db) if e.kind == "keep_separate"]
    assert entry.by == "facilitator" and entry.rationale == "Different populations after all"
    page.reload(wait_until="commit")
    page.wait_for_selector(CARD, timeout=180_000)
    page.wait_for_selector(f"{CARD} .wb-decided", timeout=30_000)
    kept = page.locator(f"{CARD} .wb-decided").first.inner_text()
    assert "Keep separate" in kept and "Different populations after all" in kept
    assert_clean(page, outside, "notebook-3")
    close_tab(page)


@pytest.mark.slow
def test_two_laptops_record_at_once_and_each_sees_the_other(browser, t3_url, t3_db):  # noqa: F811
    before = len(D.entries(t3_db))
    one, _ = _open(browser, t3_url)
    two, _ = _open(browser, t3_url)
    # the strategies' cards: untouched by the other test
    for page in (one, two):
        page.get_by_role("button", name="Strategies").nth(1).click()  # the suggestions' toggle
        page.wait_for_function("() => document.querySelector('.wb-card') && document."
                               "querySelector('.wb-card').innerText.includes('Align')",
                               timeout=30_000)
    one_card, two_card = _card(one, 0), _card(two, 1)
    one_label = one_card.locator(".widget-checkbox").first.inner_text()
    two_label = two_card.locator(".widget-checkbox").first.inner_text()
    one_card.get_by_role("button", name="Align").click()
    two_card.get_by_role("button", name="Keep", exact=True).click()
    one_card.get_by_text("Recorded as decision").wait_for(timeout=30_000)
    two_card.get_by_text("Recorded as decision").wait_for(timeout=30_000)
    kinds = [e.kind for e in D.entries(t3_db)[before:]]
    assert sorted(kinds) == ["align", "keep"]
    assert all(e.in_force for e in D.entries(t3_db)[before:])
    # each page shows the other's decision on the same card within seconds (it polls the log)
    one.locator(CARD, has_text=two_label.strip()).locator(".wb-decided", has_text="Keep"
                                                           ).first.wait_for(timeout=20_000)
    two.locator(CARD, has_text=one_label.strip()).locator(".wb-decided", has_text="Align"
                                                           ).first.wait_for(timeout=20_000)
    close_tab(one)
    close_tab(two)


@pytest.mark.slow
def test_the_turn_the_curve_chart_draws_offline(browser, t3_url):  # noqa: F811
    page, outside = _open(browser, t3_url)
    page.wait_for_function(
        f"() => Array.from(document.querySelectorAll('{CHART}'))"
        ".some(svg => svg.textContent.includes('If nothing changes'))", timeout=60_000)
    curve = page.locator(CHART).filter(has_text="If nothing changes").first
    text = curve.text_content()
    assert "Target" in text and "Kindergarten readiness" in text
    assert curve.locator("path").count() > 2  # history and trend lines, not an empty frame
    assert outside == [], f"requests left the machine: {outside}"
    close_tab(page)


@pytest.mark.slow
def test_dashboard_3_is_legible_on_a_projector_and_nothing_is_clipped(browser, t3_url):  # noqa: F811
    from .test_dashboards_projector import BODY_PX, clipped, font_sizes, overlapping_rows
    page, outside = _open(browser, t3_url)
    page.wait_for_selector(CHART, timeout=60_000)
    page.wait_for_timeout(500)  # widgets settle their sizes
    sizes = font_sizes(page)
    assert sizes["sentences"] and min(sizes["sentences"]) >= BODY_PX, sizes["sentences"]
    # the shared wording and rationale boxes were at 13 px
    assert sizes["fields"] and min(sizes["fields"]) >= BODY_PX, sizes["fields"]
    assert clipped(page) == []
    assert page.get_by_text("Include ended and merged coalitions").first.is_visible()
    assert overlapping_rows(page) == []  # the filters above the crosswalk, the cards' rows
    assert outside == []
    close_tab(page)
