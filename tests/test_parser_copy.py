"""The parser's copy of a package (stored sheets, the template's empty tail rows cut) reads
exactly as the file does: the same sheets, sizes, merged ranges, cells, and the same errors."""
from __future__ import annotations

import io
import re
import zipfile

import pytest
import python_calamine as calamine

from workbook.intake.files import open_checklist
from workbook.intake.parsercopy import without_empty_tail

from .builders import checklist, rewrite_parts, sheet_part
from .hostile.corpus import KINDS


def parsed(data: bytes):
    """All that the reader takes from calamine, or what calamine raised."""
    try:
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:
        return ("cannot open", type(exc).__name__, str(exc))
    seen = [workbook.sheet_names]
    for name in workbook.sheet_names:
        try:
            sheet = workbook.get_sheet_by_name(name)
            seen.append((name, sheet.height, sheet.width, sheet.start, sheet.end,
                         sheet.merged_cell_ranges, sheet.to_python(skip_empty_area=False)))
        except Exception as exc:
            seen.append((name, "cannot parse", type(exc).__name__, str(exc)))
    return seen


def copy_of(path):
    opened = open_checklist(path)
    return opened, opened.scan.parser_copy if opened.scan is not None else None


def test_a_filled_checklist_is_parsed_from_a_much_smaller_copy_that_reads_the_same(tmp_path):
    opened, copy = copy_of(checklist(tmp_path))
    assert copy is not None and opened.to_parse() is copy
    assert parsed(copy) == parsed(opened.data)
    with zipfile.ZipFile(io.BytesIO(opened.data)) as package:
        unpacked = sum(info.file_size for info in package.infolist())
    assert len(copy) < unpacked / 2  # the template's ready-styled empty rows are gone


@pytest.fixture(scope="module")
def hostile_copy(tmp_path_factory):
    """Each hostile kind built and opened once for the two tests below (building all of
    them twice cost more than a minute)."""
    opened: dict[int, tuple] = {}

    def of(number: int):
        if number not in opened:
            opened[number] = copy_of(KINDS[number].build(tmp_path_factory.mktemp(f"kind{number}")))
        return opened[number]
    return of


@pytest.mark.parametrize("number", range(len(KINDS)),
                         ids=[f"{k.level}: {k.name}" for k in KINDS])
def test_every_hostile_kind_reads_the_same_from_the_copy(number, hostile_copy):
    opened, copy = hostile_copy(number)
    if copy is not None:
        assert parsed(copy) == parsed(opened.data)


def test_most_hostile_kinds_get_a_copy_so_the_comparison_above_is_not_empty(hostile_copy):
    made = sum(hostile_copy(number)[1] is not None for number in range(len(KINDS)))
    assert made >= len(KINDS) // 2


# What a clerk or another program may leave below the filled rows: each stays for the
# parser, and the copy still reads as the file.
TAIL_ROWS = {
    "a number far below": b'<row r="250"><c r="C250" s="7" t="n"><v>12</v></c></row>',
    "an inline text far below": b'<row r="250"><c r="B250" t="inlineStr"><is><t>Sara Ng</t>'
                                b"</is></c></row>",
    "a formula with no saved result": b'<row r="250"><c r="B250"><f>SUM(1,2)</f></c></row>',
    "an empty value element": b'<row r="250"><c r="B250" s="7"><v/></c></row>',
    "a shared formula's cell": b'<row r="250"><c r="B250"><f t="shared" si="0"/></c></row>',
    "typed cells with no value": b'<row r="250"><c r="B250" t="s"></c><c r="C250" t="inlineStr">'
                                 b'</c><c r="D250" t="str"/><c r="E250" t="e"></c><c r="F250" '
                                 b't="b"></c><c r="G250" t="d"></c></row>',
    "text straight inside a cell": b'<row r="250"><c r="B250" t="inlineStr">Sara Ng</c></row>',
    "a comment": b'<row r="250"><!-- kept --><c r="B250" s="7" t="n"></c></row>',
    "empty cells only": b'<row r="250"><c r="B250" s="7" t="n"></c><c r="C250" s="7"/></row>',
}


@pytest.mark.parametrize("name", TAIL_ROWS)
def test_whatever_sits_in_the_tail_the_copy_reads_as_the_file(name, tmp_path):
    path = checklist(tmp_path)
    part = sheet_part(path, "Members")

    def with_row(xml: bytes) -> bytes:
        rows = [(int(m.group(1)), m.start()) for m in re.finditer(rb'<row r="(\d+)"', xml)]
        at = next(start for number, start in rows if number > 250)
        return xml[:at] + TAIL_ROWS[name] + xml[at:]

    rewrite_parts(path, {part: with_row})
    opened, copy = copy_of(path)
    assert copy is not None
    assert parsed(copy) == parsed(opened.data)


SHEET = (b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c>'
         b'<c r="B1" s="7" t="n"></c></row>{tail}</sheetData><mergeCells count="0"/></worksheet>')
EMPTY_ROWS = b"".join(b'<row r="%d"><c r="A%d" s="7" t="n"></c><c r="B%d" s="7"/></row>'
                      % (n, n, n) for n in range(2, 6))


def test_only_rows_of_empty_cells_after_the_last_value_are_cut():
    xml = SHEET.replace(b"{tail}", EMPTY_ROWS)
    assert without_empty_tail(xml) == SHEET.replace(b"{tail}", b"")


@pytest.mark.parametrize("extra", [b'<c r="C3"><v>1</v></c>', b'<c r="C3"><v/></c>',
                                   b'<c r="C3"><f t="shared" si="0"/></c>',
                                   b'<c r="C3"><is><t>x</t></is></c>', b"<!-- note -->",
                                   b"<![CDATA[<v>1</v>]]>", b'<c r="C3"><x:v>1</x:v></c>'])
def test_a_tail_holding_a_value_or_what_could_hide_one_is_kept(extra):
    tail = EMPTY_ROWS.replace(b'<row r="3">', b'<row r="3">' + extra)
    xml = SHEET.replace(b"{tail}", tail)
    row = tail[tail.index(b'<row r="3">'):tail.index(b'<row r="4">')]
    assert row in without_empty_tail(xml)
