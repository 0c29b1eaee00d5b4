"""Dashboard 1 driven at a projector's 1280×720: filtered squares are not called gaps, a
handout saved after the view changed holds the new view, and the load report reads plainly.

Shares Voilà, Chromium and the example database with test_dashboards.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from workbook.community import load_community
from workbook.intake.problems import Code
from workbook.tasks import trains

from .conftest import EXAMPLE
from .test_dashboards import (ARTIFACTS, CHART, LOOPBACK_PREFIXES, browser, open_offline,  # noqa: F401
                              chart_svgs, close_tab, example_db, isolated_env, voila_url,
                              wait_for_redraw)

PROJECTOR = {"width": 1280, "height": 720}
NOTEBOOK_1 = "/voila/render/1_map_the_moving_trains.ipynb"


def open_at_projector_size(browser, url: str):  # noqa: F811
    page, outside = open_offline(browser, url, PROJECTOR, accept_downloads=True)
    page.wait_for_selector(".wb-reload", timeout=120_000)
    page.wait_for_selector(CHART, timeout=60_000)
    return page, outside


def square_labels(page) -> list[str]:
    """The texts drawn in the coverage grid's squares (the first chart on the page)."""
    page.wait_for_function(f"() => document.querySelector('{CHART}') && document.querySelector("
                           f"'{CHART}').querySelectorAll('g.mark-text.role-mark text').length > 0",
                           timeout=30_000)
    return page.evaluate(f"() => Array.from(document.querySelector('{CHART}')"
                         ".querySelectorAll('g.mark-text.role-mark text'), t => t.textContent)")


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def choose_filter(page, dimension: int, value: str) -> None:
    """Pick *value* in a filter list (0 issue area, 1 population, 2 geography); the grid redraws."""
    before = chart_svgs(page)[0]
    page.locator(".widget-select-multiple select").nth(dimension).select_option(value)
    wait_for_redraw(page, 0, before)


@pytest.mark.slow
def test_filtered_squares_are_not_labelled_gaps(browser, voila_url, example_db):  # noqa: F811
    page, outside = open_at_projector_size(browser, voila_url + NOTEBOOK_1)
    assert "gap" in square_labels(page)  # unfiltered, the example has gaps
    choose_filter(page, 1, "Prenatal to 5")
    choose_filter(page, 2, "Bell County")
    community = load_community(EXAMPLE)
    footprints = trains.footprints(example_db, community)
    filters = trains.Filters(populations=("Prenatal to 5",), geographies=("Bell County",))
    cells = trains.coverage_cells(footprints.values, "issue_area", "population",
                                  footprints.axes["issue_area"], footprints.axes["population"],
                                  filters)
    labels = square_labels(page)
    assert len(labels) == len(cells)
    assert labels.count("gap") == int(cells["gap"].sum())  # only squares in view
    assert labels.count("–") == int(cells["filtered"].sum()) > labels.count("gap")
    summary = page.inner_text(".wb-gaps")
    assert "Filtered to Population: Prenatal to 5 · Geography: Bell County" in summary
    assert "not gaps" in summary
    assert "Prenatal to 5 · Geography: Bell County" in chart_svgs(page)[0]  # the subtitle
    # the answer below the grid is about a square in view, not one filtered out
    row, column = (page.locator(".widget-dropdown select").nth(i).input_value() for i in (0, 1))
    opened = cells[(cells["issue_area"] == row) & (cells["population"] == column)].iloc[0]
    assert not opened["filtered"]
    page.locator(CHART).first.scroll_into_view_if_needed()
    screenshot(page, "projector-filtered-grid")
    assert outside == []
    close_tab(page)


@pytest.mark.slow
def test_a_handout_saved_after_the_grid_changed_holds_the_new_grid(browser, voila_url):  # noqa: F811
    page, outside = open_at_projector_size(browser, voila_url + NOTEBOOK_1)
    save = page.get_by_role("button", name="Save this chart for handouts").first
    svg_link = page.get_by_role("button", name="Download SVG")
    save.click()
    svg_link.first.wait_for(timeout=60_000)
    before = chart_svgs(page)[0]
    page.get_by_role("button", name="Population × geography").click()
    wait_for_redraw(page, 0, before)
    # the links to the previous grid are gone at once
    page.wait_for_function("() => !document.querySelector('.wb-download a[download]')",
                           timeout=30_000)
    assert "press the button again" in page.inner_text(".wb-download")
    save.click()
    svg_link.first.wait_for(timeout=60_000)
    with page.expect_download() as pending:
        svg_link.first.click()
    svg = Path(pending.value.path()).read_text(encoding="utf-8")
    assert "Population × Geography" in svg and "Calder County" in svg
    assert "Issue area" not in svg
    assert outside == []
    close_tab(page)


def _badge_colour_script() -> str:
    return """() => {
        const badge = document.querySelector('.wb-badge');
        const header = badge.querySelector(
            '.jupyter-widget-Collapse-header, .lm-Collapse-header, .p-Collapse-header');
        const style = getComputedStyle(header);
        return [style.backgroundColor, style.opacity, badge.className];
    }"""


@pytest.mark.slow
def test_the_load_report_fits_the_screen_in_plain_words(browser, voila_url, example_db):  # noqa: F811
    page, outside = open_at_projector_size(browser, voila_url + NOTEBOOK_1)
    background, opacity, classes = page.evaluate(_badge_colour_script())
    assert "wb-badge-errors" in classes  # the example has one error
    assert background == "rgb(176, 58, 0)" and float(opacity) == 1.0
    page.locator(".wb-badge").get_by_text("Data quality").first.click()
    page.wait_for_selector(".wb-report", state="visible", timeout=30_000)
    report = page.inner_text(".wb-badge")
    codes = set(trains.load_problems(example_db)["code"])
    assert not any(code in report for code in codes)
    assert all(Code[code].title in report for code in codes)
    assert "checklists/" in report and str(EXAMPLE.resolve()) not in report
    assert "+00:00" not in report
    box = page.evaluate("""() => { const r = document.querySelector('.wb-report');
        const t = r.querySelector('table'); const b = r.getBoundingClientRect();
        return {height: b.height, right: b.right, scroll: r.scrollHeight,
                tableRight: t.getBoundingClientRect().right}; }""")
    assert box["height"] <= PROJECTOR["height"]
    assert box["scroll"] > box["height"]  # the rest scrolls inside the panel
    assert box["tableRight"] <= box["right"] + 1 and box["right"] <= PROJECTOR["width"]
    fix = page.locator(".wb-report th", has_text="How to fix it").first.bounding_box()
    assert fix["x"] + fix["width"] <= PROJECTOR["width"]
    page.locator(".wb-badge").first.scroll_into_view_if_needed()
    screenshot(page, "projector-load-report")
    assert outside == []
    close_tab(page)


def _compared_in(xlsx: Path) -> list[str]:
    from openpyxl import load_workbook
    from workbook import exports
    from io import BytesIO
    sheet = load_workbook(BytesIO(xlsx.read_bytes()), read_only=True)[exports.COMPARISON_SHEET]
    header = next(sheet.iter_rows(min_row=exports.FIRST_COMPARISON_ROW - 1,
                                  max_row=exports.FIRST_COMPARISON_ROW - 1, values_only=True))
    return [str(v).split("\n")[0] for v in header[1:] if v]  # the short name, then the full one


@pytest.mark.slow
def test_the_comparison_handout_holds_the_coalitions_now_compared(browser, voila_url,  # noqa: F811
                                                                   example_db):  # noqa: F811
    page = browser.new_page(viewport=PROJECTOR, accept_downloads=True)
    page.route("**/*", lambda route: route.continue_()
               if route.request.url.startswith(LOOPBACK_PREFIXES) else route.abort())
    page.goto(voila_url + "/voila/render/2_analyse_the_overlaps.ipynb", wait_until="commit")
    page.wait_for_selector(".wb-compare", timeout=120_000)
    save = page.get_by_role("button", name="Comparison chart for handouts").first
    link = page.get_by_role("button", name="Download comparison.xlsx")
    save.click()
    link.first.wait_for(timeout=60_000)
    with page.expect_download() as pending:
        link.first.click()
    first = _compared_in(Path(pending.value.path()))
    labels = trains.coalition_names(example_db)
    others = labels[~labels["short_name"].isin(first) & ~labels["name"].isin(first)].head(3)
    picker = page.locator(".widget-select-multiple select").last
    picker.select_option(label=list(others["name"]))
    # the file of the previous coalitions is withdrawn as soon as the choice changes
    page.wait_for_function("() => !document.querySelector('a[download=\"comparison.xlsx\"]')",
                           timeout=30_000)
    save.click()
    link.first.wait_for(timeout=60_000)
    with page.expect_download() as pending:
        link.first.click()
    now = _compared_in(Path(pending.value.path()))
    assert len(now) == 3 and not set(now) & set(first)
    assert set(now) <= set(others["short_name"]) | set(others["name"])
    close_tab(page)
