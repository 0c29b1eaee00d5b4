"""The pre-parse scan of a sheet's XML: cell tags written in any form XML allows are measured.

The scan's quick path trusts only cell tags written as Excel, LibreOffice and openpyxl
write them; every other spelling of a far cell must still reach the grid limit, or the
parser would lay out a grid of billions of cells (and abort the process).
"""
from __future__ import annotations

import io
import random
import zipfile
import zlib

import pytest

from workbook.intake import limits
from workbook.intake.limits import MAX_GRID_CELLS, MAX_PART_MB, OverLimit, _measure_sheet, _unpack

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


def _package(member: bytes, compress=zipfile.ZIP_DEFLATED) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compress) as package:
        package.writestr("xl/worksheets/sheet1.xml", member)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def _damaged(package: zipfile.ZipFile, at: int) -> zipfile.ZipFile:
    """The package with one byte of the member's deflate stream flipped."""
    info = package.infolist()[0]
    data = bytearray(package.fp.getvalue())
    start = info.header_offset + 30 + len(info.orig_filename) + len(info.extra)
    data[start + at] ^= 0xFF
    return zipfile.ZipFile(io.BytesIO(bytes(data)))


def test_a_part_is_inflated_to_the_same_bytes_as_zlib_gives():
    member = sheet(*(b'<row r="%d"><c r="A%d"%s</row>' % (n, n, TEXT) for n in range(2, 3000)))
    package = _package(member)
    assert _unpack(package, package.infolist()[0], "Sheet 'Members'", 1 << 30) == member


@pytest.mark.parametrize("at", [0, 5, 40])
def test_a_damaged_stream_is_refused_as_zipfile_and_zlib_refuse_it(at):
    """Whatever inflates the sound parts, a damaged one fails with zlib's or zipfile's words."""
    member = sheet(*(b'<row r="%d"><c r="A%d"%s</row>' % (n, n, TEXT) for n in range(2, 300)))
    package = _damaged(_package(member), at)
    info = package.infolist()[0]
    with pytest.raises(Exception) as ours:
        _unpack(package, info, "Sheet 'Members'", 1 << 30)
    with pytest.raises(Exception) as theirs:
        package.read(info)
    assert type(ours.value) is type(theirs.value)
    if isinstance(ours.value, zlib.error):
        assert str(ours.value) == str(theirs.value)


def test_a_stream_past_the_part_limit_is_refused_before_it_is_all_inflated():
    member = b"<row/>" * (MAX_PART_MB * 1024 * 1024 // 6 + 1000)
    package = _package(member)
    with pytest.raises(OverLimit) as refused:
        _unpack(package, package.infolist()[0], "Sheet 'Members'", 1 << 30)
    assert refused.value.details["limit"] == f"{MAX_PART_MB} MB"


# Cell tags in the forms the counted check must tell apart from a well-placed one.
CELL_TAG_FORMS = [b'<c r="A1"', b'<c r="Z9999"', b'<c r="AA1"', b'<c r="A10000"', b'<c r="A"',
                  b'<c r="a1"', b'<c r="A1 "', b"<c r='A1'", b'<c  r="A1"', b'<c\tr="A1"',
                  b'<c\x0br="A1"', b'<c>', b'<c/>', b'<c s="1" r="A1"', b'<c r ="A1"',
                  b'<c r="A12345"', b'<c r="$A$1"', b'<col r="A1"', b'<cols>', b'<c r="B0"',
                  b'<c r="A1"<c r="', b'<c r="A1"', b'r="AB1"', b'<c r=""']


def _odd_by_regex(xml: bytes) -> bool:
    return limits.ODD_CELL.search(xml) is not None


@pytest.mark.parametrize("form", CELL_TAG_FORMS)
def test_the_counted_odd_cell_check_answers_as_the_regex(form):
    for xml in (sheet(b"<row r=\"2\">" + form + TEXT + b"</row>"), form, form + form,
                b'<c r="A1"' + TEXT + form + b"/>"):
        assert limits._no_odd_cell_counted(xml) is not _odd_by_regex(xml), xml


def test_the_counted_odd_cell_check_answers_as_the_regex_on_mixed_sheets():
    chooser = random.Random(6)
    for _ in range(300):
        cells = b"".join(chooser.choice(CELL_TAG_FORMS) + chooser.choice((TEXT, b"/>", b""))
                         for _ in range(chooser.randint(1, 12)))
        xml = sheet(b'<row r="2">' + cells + b"</row>")
        assert limits._no_odd_cell_counted(xml) is not _odd_by_regex(xml), xml


@pytest.mark.parametrize("name", FAR_CELLS)
def test_without_stringzilla_a_far_cell_is_still_over_the_grid_limit(name, monkeypatch):
    monkeypatch.setattr(limits, "_find", None)
    monkeypatch.setattr(limits, "_translate", None)
    monkeypatch.setattr(limits, "count_in", lambda haystack, needle: haystack.count(needle))
    with pytest.raises(OverLimit):
        _measure_sheet(sheet(FAR_CELLS[name]), "Sheet 'Asks'")
    assert not _measure_sheet(sheet(b'<row r="2"><c r="B2"' + TEXT + b"</row>"),
                              "Sheet 'Asks'").error_cells
