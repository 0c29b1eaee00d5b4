"""The pre-parse scan of a sheet's XML: cell tags written in any form XML allows are measured.

The scan's quick path trusts only cell tags written as Excel, LibreOffice and openpyxl
write them; every other spelling of a far cell must still reach the grid limit, or the
parser would lay out a grid of billions of cells (and abort the process).
"""
from __future__ import annotations

import pytest

from workbook.intake.limits import MAX_GRID_CELLS, OverLimit, _measure_sheet

HEAD = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Name'
        b'</t></is></c></row>')
TAIL = b"</sheetData></worksheet>"
TEXT = b' t="inlineStr"><is><t>x</t></is></c>'


def sheet(*rows: bytes) -> bytes:
    return HEAD + b"".join(rows) + TAIL


FAR_CELLS = {
    "double quotes": b'<row r="1048576"><c r="XFD1048576"' + TEXT + b"</row>",
    "single quotes": b"<row r='1048576'><c r='XFD1048576'" + TEXT + b"</row>",
    "spaces around '='": b'<row r = "1048576"><c r = "XFD1048576"' + TEXT + b"</row>",
    "reference after another attribute": b'<row r="1048576"><c s="1" r="XFD1048576"'
                                         + TEXT + b"</row>",
    "line break after the tag name": b'<row r="1048576"><c\nr="XFD1048576"' + TEXT + b"</row>",
    "prefixed cell in a plain sheet": b'<x:row r="1048576"><x:c r="XFD1048576"'
                                      + TEXT.replace(b"</c>", b"</x:c>") + b"</x:row>",
    "wide row of cells without references": b'<row r="9000"><c r="A9000"' + TEXT
                                            + (b"<c\n" + TEXT) * 300 + b"</row>",
}


@pytest.mark.parametrize("name", FAR_CELLS)
def test_a_far_cell_in_any_spelling_is_over_the_grid_limit(name):
    with pytest.raises(OverLimit) as refused:
        _measure_sheet(sheet(FAR_CELLS[name]), "Sheet 'Asks'")
    assert refused.value.details["limit"] == f"{MAX_GRID_CELLS:,} cells in all"


def test_an_ordinary_sheet_takes_the_quick_path_and_passes():
    rows = b"".join(b'<row r="%d"><c r="A%d"%s<c r="H%d" s="2"/></row>' % (n, n, TEXT, n)
                    for n in range(2, 300))
    scan = _measure_sheet(sheet(rows), "Sheet 'Members'")
    assert scan.grid_cells <= 26 * 9_999
    assert not scan.formulas_without_value and not scan.error_cells
