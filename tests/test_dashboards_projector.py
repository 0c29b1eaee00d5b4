"""Dashboards 1 and 2 as a room sees them, at a projector's 1280×720 and at 1920×1080:
type large enough from the back row, answers on the screen, nothing clipped, the width
used, and a present mode turned by the keyboard or a clicker.

Shares Voilà, Chromium and the example database with test_dashboards.
"""
from __future__ import annotations

import itertools

import pytest

from .test_dashboards import (ARTIFACTS, CHART, LOOPBACK_PREFIXES, browser, open_offline,  # noqa: F401
                              chart_svgs, close_tab, example_db, isolated_env, voila_url,
                              wait_for_redraw)

SIZES = {"1280x720": {"width": 1280, "height": 720}, "1920x1080": {"width": 1920, "height": 1080}}
NOTEBOOKS = {1: "/voila/render/1_map_the_moving_trains.ipynb",
             2: "/voila/render/2_analyse_the_overlaps.ipynb"}
BODY_PX, CHART_LABEL_PX, CELL_NUMBER_PX = 20, 16, 14


def open_page(browser, url: str, viewport: dict):  # noqa: F811
    page, outside = open_offline(browser, url, viewport)
    page.wait_for_selector(".wb-header", timeout=120_000)
    page.wait_for_selector(CHART, timeout=60_000)
    page.wait_for_function(f"() => document.querySelectorAll('{CHART}').length >= "
                           f"{2 if 'overlaps' in url else 1}", timeout=60_000)
    page.wait_for_timeout(500)  # widgets settle their sizes
    return page, outside


def font_sizes(page) -> dict[str, list[float]]:
    """Computed sizes of the room's sentences, the charts' axis and legend labels, the
    numbers written in chart cells, and the fields the room types in or clicks (px)."""
    return page.evaluate("""() => {
        const px = el => parseFloat(getComputedStyle(el).fontSize);
        const visible = el => el.getClientRects().length > 0 && el.textContent.trim() !== '';
        const all = sel => Array.from(document.querySelectorAll(sel)).filter(visible).map(px);
        return {
            sentences: all('.jp-RenderedMarkdown p, .wb-page, .wb-page p, .wb-page li, '
                           + '.widget-label, .widget-readout, .widget-toggle-button'),
            chart_labels: all('.vega-embed svg .role-axis-label text, '
                              + '.vega-embed svg .role-legend-label text, '
                              + '.vega-embed svg .role-axis-title text'),
            cell_numbers: all('.vega-embed svg g.mark-text text'),
            // typed in, or to click: visible whether or not anything is written in them yet
            fields: Array.from(document.querySelectorAll(
                '.widget-text input, .widget-textarea textarea, .widget-combobox input, '
                + '.widget-button, .widget-dropdown select'))
                .filter(el => el.getClientRects().length > 0).map(px),
        };
    }""")


def clipped(page) -> list[str]:
    """Elements whose content is cut off on the right with no way to scroll to it."""
    return page.evaluate("""() => {
        const found = [];
        const page = document.documentElement;
        if (page.scrollWidth > page.clientWidth + 1) found.push('the page');
        const cells = document.getElementById('rendered_cells');
        if (cells.scrollWidth > cells.clientWidth + 1) found.push('the notebook column');
        for (const el of cells.querySelectorAll('*')) {
            if (el.closest('svg') || el.tagName === 'SELECT' || el.tagName === 'OPTION') continue;
            if (el.getClientRects().length === 0) continue;
            const overflow = getComputedStyle(el).overflowX;
            const cut = (overflow === 'hidden' || overflow === 'clip')
                && el.scrollWidth > el.clientWidth + 1;
            const off = el.getBoundingClientRect().right > page.clientWidth + 1
                && !el.closest('.wb-scroll, .wb-main');
            if (cut || off) found.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 40)}"`);
        }
        return found;
    }""")


def overlapping_rows(page) -> list[str]:
    """Pairs of visible widgets in one box (a row of dropdowns, a stance line) drawn over
    each other. Each widget reaches as far as its controls do: a 40 px select in a 28 px
    line hangs over the next row while the boxes themselves do not touch."""
    return page.evaluate("""() => {
        const controls = 'select, input, textarea, button, label, .widget-label, '
            + '.widget-html-content';
        const visible = el => el.getClientRects().length > 0
            && getComputedStyle(el).visibility !== 'hidden';
        const reach = el => {
            const boxes = [el, ...el.querySelectorAll(controls)].filter(visible)
                .map(e => e.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0);
            if (!boxes.length) return null;
            return {top: Math.min(...boxes.map(r => r.top)),
                    bottom: Math.max(...boxes.map(r => r.bottom)),
                    left: Math.min(...boxes.map(r => r.left)),
                    right: Math.max(...boxes.map(r => r.right))};
        };
        const named = el => `${el.className.split(' ').filter(c => c.startsWith('widget-'))
            .join('.')} "${el.innerText.trim().replace(/\\s+/g, ' ').slice(0, 40)}"`;
        const found = [];
        for (const box of document.querySelectorAll('#rendered_cells .widget-box')) {
            if (!visible(box)) continue;
            const rows = Array.from(box.children).filter(visible)
                .map(el => [el, reach(el)]).filter(([, r]) => r);
            for (let i = 0; i < rows.length; i++) for (let j = i + 1; j < rows.length; j++) {
                const [a, ra] = rows[i], [b, rb] = rows[j];
                const down = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
                const across = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
                if (down > 1 && across > 1)
                    found.push(`${named(a)} over ${named(b)} by ${down.toFixed(0)} px`);
            }
        }
        return found;
    }""")


def in_viewport(page, selector: str) -> dict:
    """Where the first *selector* starts, against the viewport."""
    return page.evaluate(f"""() => {{ const r = document.querySelector('{selector}')
        .getBoundingClientRect(); return {{top: r.top, bottom: r.bottom, left: r.left,
        right: r.right, height: innerHeight, width: innerWidth}}; }}""")


def assert_on_screen(box: dict, what: str) -> None:
    assert 0 <= box["top"] < box["height"] - 40, f"{what} starts off the screen: {box}"
    assert 0 <= box["left"] and box["right"] <= box["width"] + 1, f"{what} is cut off: {box}"


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_type_is_legible_and_nothing_is_clipped(browser, voila_url, notebook, size):  # noqa: F811
    page, outside = open_page(browser, voila_url + NOTEBOOKS[notebook], SIZES[size])
    sizes = font_sizes(page)
    assert sizes["sentences"] and sizes["chart_labels"] and sizes["cell_numbers"]
    assert min(sizes["sentences"]) >= BODY_PX, sizes["sentences"]
    assert min(sizes["chart_labels"]) >= CHART_LABEL_PX, sizes["chart_labels"]
    assert min(sizes["cell_numbers"]) >= CELL_NUMBER_PX, sizes["cell_numbers"]
    assert clipped(page) == []
    # the width is used: no reading column, the answer column at the right edge
    column = page.evaluate("() => document.querySelector('#rendered_cells > div')"
                           ".getBoundingClientRect().width")
    assert column >= 0.95 * SIZES[size]["width"] - 40
    side = in_viewport(page, ".wb-beside > .wb-side")
    assert side["right"] >= 0.95 * SIZES[size]["width"] - 40
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"projector-{notebook}-{size}.png"))
    assert outside == []
    close_tab(page)


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES)
def test_a_clicked_square_is_answered_on_the_screen(browser, voila_url, size):  # noqa: F811
    page, _ = open_page(browser, voila_url + NOTEBOOKS[1], SIZES[size])
    squares = page.locator(CHART).first.locator("g.mark-rect.role-mark path")
    # the bottom row's square: the chart's top is then scrolled as far away as it gets
    square = squares.nth(squares.count() - 2)
    before = page.inner_text(".wb-cell")
    square.click()
    page.wait_for_function("before => document.querySelector('.wb-cell').innerText !== before",
                           arg=before, timeout=30_000)
    answer = in_viewport(page, ".wb-cell")
    assert_on_screen(answer, "the answer to the clicked square")
    clicked = square.bounding_box()
    assert 0 <= clicked["y"] < SIZES[size]["height"]  # both on the screen at once
    close_tab(page)


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES)
def test_heatmap_answers_in_place_and_ten_coalitions_scroll_in_their_panel(  # noqa: F811
        browser, voila_url, size):  # noqa: F811
    page, _ = open_page(browser, voila_url + NOTEBOOKS[2], SIZES[size])
    heatmap = 0
    dimension = page.locator(".wb-side .widget-dropdown select").first
    dimension.scroll_into_view_if_needed()
    before = chart_svgs(page)[heatmap]
    dimension.select_option(label="Shared members")
    wait_for_redraw(page, heatmap, before)
    chart = page.locator(CHART).nth(heatmap).bounding_box()
    control = dimension.bounding_box()
    assert chart["y"] < SIZES[size]["height"] and control["y"] < SIZES[size]["height"]
    assert abs(chart["y"] - control["y"]) < SIZES[size]["height"] / 2  # side by side

    compare = page.locator(".widget-select-multiple select").last
    options = compare.locator("option").evaluate_all("os => os.map(o => o.textContent)")
    compare.select_option(label=options[:10])
    page.wait_for_function("() => document.querySelectorAll('.wb-compare tr:first-child th')"
                           ".length === 11", timeout=30_000)
    box = page.evaluate("""() => { const s = document.querySelector('.wb-compare')
        .closest('.wb-scroll'); const r = s.getBoundingClientRect();
        return {scroll: s.scrollWidth, client: s.clientWidth, right: r.right,
                overflow: getComputedStyle(s).overflowX}; }""")
    assert box["scroll"] > box["client"]  # ten coalitions are wider than the screen...
    assert box["overflow"] in ("auto", "scroll")  # ...and scroll inside their panel
    assert box["right"] <= SIZES[size]["width"]
    assert clipped(page) == []
    close_tab(page)


def present_state(page) -> dict:
    return page.evaluate("""() => ({
        title: document.querySelector('#wb-present-bar .wb-present-title').textContent,
        count: document.querySelector('#wb-present-bar .wb-present-count').textContent,
        shown: Array.from(document.querySelectorAll('#rendered_cells [cell-index]'))
            .filter(c => c.getClientRects().length > 0)
            .map(c => c.innerText.trim().split('\\n')[0]),
        headings: Array.from(document.querySelectorAll('#rendered_cells [cell-index]'))
            .filter(c => c.getClientRects().length > 0)
            .flatMap(c => Array.from(c.querySelectorAll('.jp-RenderedMarkdown h2'),
                                     h => h.textContent.replace('¶', '').trim())),
        bar: document.querySelector('#wb-present-bar').getBoundingClientRect().height,
    })""")


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_present_mode_turns_panels_by_keyboard_and_clicker(browser, voila_url,  # noqa: F811
                                                            notebook):
    page, _ = open_page(browser, voila_url + NOTEBOOKS[notebook], SIZES["1280x720"])
    headings = page.locator("#rendered_cells .jp-RenderedMarkdown h2").evaluate_all(
        "hs => hs.map(h => h.textContent.replace('¶', '').trim())")
    assert present_state(page)["bar"] == 0  # hidden until asked for
    page.locator(".wb-header .wb-present-toggle").click()
    first = present_state(page)
    assert first["bar"] > 0 and first["count"] == f"1 of {len(headings) + 1}"
    assert first["headings"] == []  # the overview, before the first heading
    page.keyboard.press("PageDown")  # a clicker's "next"
    second = present_state(page)
    assert second["headings"] == [headings[0]]  # one panel on the screen
    assert headings[0] in second["title"] and "Task " in second["title"]
    page.keyboard.press("ArrowRight")
    third = present_state(page)
    assert third["headings"] == [headings[1]] and headings[1] in third["title"]
    page.keyboard.press("PageUp")
    assert present_state(page)["headings"] == [headings[0]]
    page.keyboard.press("ArrowLeft")
    assert present_state(page)["headings"] == []
    page.keyboard.press("ArrowLeft")  # the first panel stays the first
    assert present_state(page)["count"] == f"1 of {len(headings) + 1}"
    ARTIFACTS.mkdir(exist_ok=True)
    page.keyboard.press("PageDown")
    page.screenshot(path=str(ARTIFACTS / f"present-{notebook}.png"))
    page.keyboard.press("Escape")
    whole = present_state(page)
    assert whole["bar"] == 0 and whole["headings"] == headings  # the whole page again
    close_tab(page)


def chart_box(page, beside_index: int = 0) -> dict:
    """The chart in the *beside_index*-th chart-and-answer row shown: its box, the box of
    the column that holds it, its subtitle lines and its squares, against the viewport."""
    return page.evaluate("""index => {
        const rows = Array.from(document.querySelectorAll('.wb-beside'))
            .filter(r => r.getClientRects().length > 0);
        const main = rows[index].querySelector('.wb-main');
        const box = e => { const b = e.getBoundingClientRect();
            return {top: b.top, bottom: b.bottom, left: b.left, right: b.right,
                    text: e.textContent}; };
        const chart = main.querySelector('.vega-embed svg.marks');
        return {chart: box(chart), column: box(main),
                overflow: main.scrollWidth - main.clientWidth,
                subtitle: Array.from(chart.querySelectorAll('.role-title-subtitle text'), box),
                squares: Array.from(chart.querySelectorAll('g.mark-rect.role-mark path'), box),
                height: innerHeight, width: innerWidth};
    }""", beside_index)


@pytest.mark.slow
def test_the_heatmap_and_its_whole_subtitle_fit_a_projector_screen(browser, voila_url):  # noqa: F811
    page, _ = open_page(browser, voila_url + NOTEBOOKS[2], SIZES["1280x720"])
    # Scrolled as the room sees it: the heatmap's row at the top of the screen.
    page.evaluate("""() => { const row = document.querySelector('.wb-beside');
        const box = document.getElementById('rendered_cells');
        box.scrollTop += row.getBoundingClientRect().top; }""")
    page.wait_for_timeout(300)
    box = chart_box(page)
    chart = box["chart"]
    assert 0 <= chart["top"], box["chart"]  # the key of short names follows below the screen
    subtitle = box["subtitle"]
    assert subtitle and "Issue areas" in subtitle[-1]["text"]  # down to the last weight
    for lines in subtitle:  # whole: not cut at the column's edge beside the weights
        assert box["column"]["left"] <= lines["left"] and lines["right"] <= box["column"]["right"]
        assert 0 <= lines["top"] and lines["bottom"] <= box["height"]
    squares = box["squares"]
    assert squares and max(s["bottom"] for s in squares) <= box["height"]
    assert clipped(page) == []
    close_tab(page)


def text_boxes(page, chart_title: str) -> dict:
    """In the chart titled *chart_title*: the boxes of its key's lines (the text marks with
    a "short — full name" line), of its other text marks (labels drawn on the chart), and
    of the column it is drawn in, against the viewport."""
    return page.evaluate("""title => {
        const box = e => { const b = e.getBoundingClientRect();
            return {top: b.top, bottom: b.bottom, left: b.left, right: b.right,
                    text: e.textContent}; };
        const chart = Array.from(document.querySelectorAll('.vega-embed svg.marks')).find(
            svg => Array.from(svg.querySelectorAll('.role-title-text text'))
                .some(t => t.textContent === title));
        const marks = Array.from(chart.querySelectorAll('g.role-mark.mark-text'));
        const isKey = g => Array.from(g.querySelectorAll('text'))
            .some(t => t.textContent.includes(' — '));
        const texts = gs => gs.flatMap(g => Array.from(g.querySelectorAll('text'), box));
        const column = chart.closest('.wb-main');
        return {key: texts(marks.filter(isKey)), labels: texts(marks.filter(g => !isKey(g))),
                column: column && {...box(column), scroll: column.scrollWidth,
                                   client: column.clientWidth}};
    }""", chart_title)


@pytest.mark.slow
def test_the_heatmaps_key_is_read_whole_beside_the_answer_column(browser, voila_url):  # noqa: F811
    page, _ = open_page(browser, voila_url + NOTEBOOKS[2], SIZES["1280x720"])
    found = text_boxes(page, "Combined score")
    column, key = found["column"], found["key"]
    assert len(key) >= 20  # the example's two dozen coalitions, each with its full name
    assert column["scroll"] <= column["client"] + 1  # no sideways scroll in the chart's column
    for line in key:
        assert column["left"] <= line["left"] and line["right"] <= column["right"], line
    assert clipped(page) == []
    close_tab(page)


@pytest.mark.slow
def test_on_a_phone_the_heatmap_keeps_the_width_and_its_controls_come_below(  # noqa: F811
        browser, voila_url):  # noqa: F811
    phone = {"width": 390, "height": 844}
    page, _ = open_page(browser, voila_url + NOTEBOOKS[2], phone)
    row = page.evaluate("""() => { const row = document.querySelector('.wb-beside');
        const box = e => { const b = e.getBoundingClientRect();
            return {top: b.top, bottom: b.bottom, left: b.left, right: b.right}; };
        const main = row.querySelector('.wb-main');
        return {main: box(main), side: box(row.querySelector('.wb-side')),
                scroll: main.scrollWidth, client: main.clientWidth,
                page: document.documentElement.scrollWidth - document.documentElement.clientWidth}; }""")
    # The chart's column takes the screen's width (beside a 360 px answer column it had
    # none), the controls follow below it, and the page itself never scrolls sideways:
    # a wider chart scrolls in its own column.
    assert row["main"]["right"] - row["main"]["left"] >= 0.8 * phone["width"], row
    assert row["side"]["top"] >= row["main"]["bottom"], row
    assert row["side"]["right"] <= phone["width"] and row["page"] <= 0, row
    sizes = font_sizes(page)
    assert min(sizes["chart_labels"]) >= CHART_LABEL_PX  # drawn at its size, not shrunk
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "projector-2-390x844.png"))
    close_tab(page)


@pytest.mark.slow
def test_the_networks_names_never_touch(browser, voila_url):  # noqa: F811
    page, _ = open_page(browser, voila_url + NOTEBOOKS[2], SIZES["1280x720"])
    labels = text_boxes(page, "Who sits on which coalitions")["labels"]
    assert {"FCWC", "TPP"} <= {label["text"] for label in labels}  # side by side in the example
    for one, other in itertools.combinations(labels, 2):
        across = min(one["right"], other["right"]) - max(one["left"], other["left"])
        down = min(one["bottom"], other["bottom"]) - max(one["top"], other["top"])
        assert across <= 0.5 or down <= 0.5, (one, other)
    close_tab(page)


@pytest.mark.slow
def test_present_mode_shows_the_coverage_grid_on_the_screen(browser, voila_url):  # noqa: F811
    page, _ = open_page(browser, voila_url + NOTEBOOKS[1], SIZES["1280x720"])
    page.locator(".wb-header .wb-present-toggle").click()
    page.keyboard.press("PageDown")  # the coverage grid's panel
    page.wait_for_timeout(500)
    filters = in_viewport(page, ".wb-filters")
    assert filters["bottom"] - filters["top"] <= 60, filters  # the filters take one line
    box = chart_box(page)
    assert 0 <= box["chart"]["top"] < box["height"] / 2, box["chart"]  # upper half
    rows = sorted({round(s["top"]) for s in box["squares"]})
    row_height = rows[1] - rows[0]
    assert rows[0] + 3 * row_height <= box["height"], rows  # three rows of squares at least
    assert box["overflow"] <= 1  # every column in view: none scrolled off to the right
    assert clipped(page) == []
    page.keyboard.press("Escape")
    close_tab(page)
