"""How much one checklist may unpack to, checked by streaming before any parser sees it.

A spreadsheet is a zip of XML parts. The parser (calamine) reads a whole sheet
into memory and lays it out as a dense grid, so a small file can ask for gigabytes:
a few hundred MB of repeated rows compress to under 1 MB, and one cell at XFD1048576
makes a grid of 17 billion cells. Each part is therefore unpacked here in chunks and
abandoned as soon as it passes its limit; the sheets that fit are measured (rows,
cells, the grid they span) and searched for what the parser would silently drop:
formulas with no saved result, and error cells such as #REF!.

The limits are far above any real checklist (a filled sheet is about 100 KB of XML
and a few hundred rows) and keep one file within seconds and a few hundred MB.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from html import unescape

from .parsercopy import raw_member, repacked, without_empty_tail
from .problems import Code

try:  # ISA-L inflates about twice as fast as zlib; the same bytes, or zlib decides
    from isal import isal_zlib as fast_zlib
except ImportError:  # pragma: no cover - isal is pinned in requirements.txt
    fast_zlib = zlib

try:  # SIMD substring search, about ten times bytes.find's speed on sheet XML (bytes.find
    # steps byte by byte on needles ending in ">" or '"', which XML is full of)
    from stringzilla import count as count_in, find as _find, translate as _translate
except ImportError:  # pragma: no cover - stringzilla is pinned in requirements.txt
    _find = _translate = None

    def count_in(haystack: bytes, needle: bytes) -> int:
        return haystack.count(needle)


def holds(haystack: bytes, needle: bytes) -> bool:
    return _find(haystack, needle) >= 0 if _find is not None else needle in haystack


MAX_PART_MB = 16  # one sheet's XML, the shared strings or any other XML part
MAX_XML_MB = 64  # all XML parts of one file together
MAX_PARTS = 2_000  # members of the zip package
MAX_ROWS = 20_000  # rows written in one sheet
MAX_CELLS = 200_000  # cells written in one sheet
MAX_GRID_CELLS = 2_000_000  # rows x columns the parser would lay out for one sheet
# Parts calamine never opens (document properties, theme, drawings, comments): left to the
# declared-size cap, which is all they can cost.
UNREAD_PARTS = ("docProps/", "xl/theme/", "xl/drawings/", "xl/comments", "xl/printerSettings/",
                "[Content_Types].xml", "_rels/.rels")

ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
# References may be quoted either way and spaced around "=", as XML allows.
CELL_COLUMN = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br\s*=\s*[\"']([A-Z]{1,3})\d")
CELL_ROW = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br\s*=\s*[\"'][A-Z]{1,3}(\d{1,7})[\"']")
PREFIXED_ROOT = re.compile(rb"<\w+:worksheet[\s>]")
# A cell tag not written as Excel, LibreOffice and openpyxl write it, <c r="B12" ...>, with
# its reference first and within column Z and row 9999: only then are all references read.
# One search, stopping only at cell tags (its literal prefix runs at C speed); without such
# a tag, and without prefixed cell or row tags, a sheet spans at most 26 x 9999 cells.
ODD_CELL = re.compile(rb'<c(?=[\s>/])(?! r="[A-Z]\d{1,4}")')
PREFIXED_CELL_OR_ROW = re.compile(rb":(?:c|row)[\s>/]")
PREFIXED_HINTS = (b":c", b":row")  # one of them is in every match of PREFIXED_CELL_OR_ROW
SMALL_GRID = (26, 9_999)
SMALLEST_ROW = 6  # bytes of "<row/>": a part this many times MAX_ROWS long may hold too many
SMALLEST_CELL = 4  # bytes of "<c/>", likewise for MAX_CELLS
# A formula (not a validation's <formula1>) or an error cell: only then is the part read
# cell by cell.
SILENT_MARKS = (b"</f>", b't="e"')  # a shared formula's cells follow one with its text
ROW_REF = re.compile(rb"<(?:\w+:)?row\s[^>]*?\br\s*=\s*[\"'](\d{1,7})[\"']")
# Attributes matched lazily, so an empty cell's "/>" ends it before a later "</c>" could.
WHOLE_CELL = re.compile(rb"<(?:\w+:)?c(\s[^>]*?)?(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
FORMULA = re.compile(rb"<(?:\w+:)?f(?:\s[^>]*)?(?:/>|>(.*?)</(?:\w+:)?f>)", re.DOTALL)
VALUE = re.compile(rb"<(?:\w+:)?v(?:\s[^>]*)?>(.*?)</(?:\w+:)?v>", re.DOTALL)
ATTRIBUTE = re.compile(rb"\b(r|t)=\"([^\"]*)\"")
SHEET_ENTRY = re.compile(rb"<(?:\w+:)?sheet\s[^>]*>")
RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\s[^>]*>")
XML_ATTRIBUTE = re.compile(rb"([\w:]+)=\"([^\"]*)\"")


class OverLimit(Exception):
    """The file asks for more than a checklist could need; carries the problem's details."""

    def __init__(self, what: str, found: str, limit: str) -> None:
        super().__init__(what)
        self.details = {"what": what, "found": found, "limit": limit}


@dataclass
class RawCell:
    """A cell the parser reads as empty although the file says more: 1-based place."""
    row: int
    column: int
    text: str  # the formula, or the error shown (#REF!)


@dataclass
class SheetScan:
    rows: int = 0
    cells: int = 0
    grid_cells: int = 0
    formulas_without_value: list[RawCell] = field(default_factory=list)
    error_cells: list[RawCell] = field(default_factory=list)
    # no prefixed tags, every cell tag starting with a reference within Z9999
    placed_near: bool = field(default=False, compare=False, repr=False)


@dataclass
class PackageScan:
    sheets: dict[str, SheetScan] = field(default_factory=dict)  # by the sheet's name in the file
    # The package the parser reads (``parsercopy``), None for the file's own bytes.
    parser_copy: bytes | None = field(default=None, compare=False, repr=False)


def scan_package(package: zipfile.ZipFile) -> PackageScan:
    """Measure every XML part of an .xlsx/.ods package; raise ``OverLimit`` past a limit.

    Damaged packages raise what ``zipfile`` raises, for the caller to report.
    """
    scan = PackageScan()
    members = package.infolist()
    if len(members) > MAX_PARTS:
        raise OverLimit("The number of parts in the file", f"{len(members):,}",
                        f"{MAX_PARTS:,}")
    sheet_parts = _sheet_parts(package)
    total = 0
    stored: dict[str, bytes] = {}  # plain sheets as the parser will read them
    cut = False
    for info in members:
        if (info.is_dir() or not info.filename.lower().endswith((".xml", ".rels", ".vml"))
                or info.filename.startswith(UNREAD_PARTS)):
            continue  # pictures and unread parts: the declared-size cap covers them
        label = (f"Sheet '{sheet_parts[info.filename]}'" if info.filename in sheet_parts
                 else f"Part '{info.filename}'")
        xml = _unpack(package, info, label, MAX_XML_MB * 1024 * 1024 - total)
        total += len(xml)
        if info.filename in sheet_parts:
            sheet = scan.sheets[sheet_parts[info.filename]] = _measure_sheet(xml, label)
            if sheet.placed_near:
                stored[info.filename] = without_empty_tail(xml)
                cut = cut or len(stored[info.filename]) < len(xml)
    whole = _package_bytes(package)
    if cut and whole is not None:
        scan.parser_copy = repacked(whole, members, stored)
    return scan


def _unpack(package: zipfile.ZipFile, info: zipfile.ZipInfo, label: str,
            room_left: int) -> bytes:
    """The part's bytes, inflated at most a byte past the limit and given up there."""
    part_limit = MAX_PART_MB * 1024 * 1024
    most = min(part_limit, room_left) + 1
    data = _inflate_plain(package, info, most)
    if data is None:  # another method, encryption or an odd header: zipfile's own checks
        with package.open(info) as stream:
            # zipfile inflates in bounded steps and stops at `most`, whatever size the
            # header declares.
            data = stream.read(most)
    if len(data) > part_limit:
        raise OverLimit(label, f"more than {MAX_PART_MB} MB unpacked", f"{MAX_PART_MB} MB")
    if len(data) > room_left:
        raise OverLimit("The file's sheets unpacked together",
                        f"more than {MAX_XML_MB} MB", f"{MAX_XML_MB} MB")
    return data


def _package_bytes(package: zipfile.ZipFile) -> bytes | None:
    """The whole package when it was opened from memory (a BytesIO shares its bytes)."""
    getvalue = getattr(package.fp, "getvalue", None)
    return getvalue() if getvalue is not None else None



def _inflate_plain(package: zipfile.ZipFile, info: zipfile.ZipInfo, most: int) -> bytes | None:
    """A stored or deflated part inflated (ISA-L, else zlib) straight from the package's bytes.

    zipfile's stream reads a part in small steps through Python; here zlib stops by itself
    at ``most`` bytes (``max_length``), so memory stays bounded the same way. The CRC is
    checked as zipfile would. None when zipfile must do it (other methods, encryption, a
    local header that does not match the directory).
    """
    whole = _package_bytes(package)
    if whole is None or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None
    raw = raw_member(whole, info)
    if raw is None:
        return None
    if info.compress_type == zipfile.ZIP_STORED:
        data = raw[:most]
    else:
        data = _inflate_fast(raw, most, info.CRC)
        if data is not None:  # whole with its CRC checked, or past the limit
            return data
        # Damaged or cut short: zlib's own outcome and wording, as before.
        data = zlib.decompressobj(-zlib.MAX_WBITS).decompress(raw, most)
    if len(data) < most and zlib.crc32(data) != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}")
    return data


def _inflate_fast(raw: bytes, most: int, crc: int) -> bytes | None:
    """*raw* inflated by ISA-L when the stream is whole and sound, else None.

    The first ``most`` bytes of a deflate stream are the same whoever inflates them;
    only a stream that ends early, carries an error or fails its CRC is left to zlib,
    so such a part is reported exactly as before.
    """
    inflater = fast_zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        data = inflater.decompress(raw, most)
    except Exception:
        return None
    if len(data) >= most:
        return data
    if not inflater.eof or fast_zlib.crc32(data) != crc:
        return None
    return data


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Zip member -> sheet name, from the workbook part and its relationships."""
    names = set(package.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    small = 4 * 1024 * 1024
    workbook = _unpack(package, package.getinfo("xl/workbook.xml"), "xl/workbook.xml", small)
    rels = _unpack(package, package.getinfo("xl/_rels/workbook.xml.rels"),
                   "xl/_rels/workbook.xml.rels", small)
    targets = {}
    for tag in RELATIONSHIP.findall(rels):
        attributes = _attributes(tag)
        if "Id" in attributes and "Target" in attributes:
            target = attributes["Target"]
            targets[attributes["Id"]] = (target.lstrip("/") if target.startswith("/")
                                         else posixpath.normpath(posixpath.join("xl", target)))
    parts = {}
    for tag in SHEET_ENTRY.findall(workbook):
        attributes = _attributes(tag)
        relation = next((v for k, v in attributes.items() if k.endswith(":id")), None)
        if relation in targets and "name" in attributes:
            parts[targets[relation]] = attributes["name"]
    return parts


def _attributes(tag: bytes) -> dict[str, str]:
    return {key.decode(): unescape(value.decode("utf-8", "replace"))
            for key, value in XML_ATTRIBUTE.findall(tag)}


def _measure_sheet(xml: bytes, label: str) -> SheetScan:
    # Kept to a few C-speed scans: a filled checklist's sheets hold thousands of styled cells.
    prefixed = PREFIXED_ROOT.search(xml[:1000]) is not None
    rows = cells = 0
    if prefixed:
        rows, cells = len(ROW_TAG.findall(xml)), len(CELL_TAG.findall(xml))
    else:  # below these sizes a limit cannot be reached; a few other tags are counted too
        if len(xml) > SMALLEST_ROW * MAX_ROWS:
            rows = count_in(xml, b"<row")
        if len(xml) > SMALLEST_CELL * MAX_CELLS:
            cells = count_in(xml, b"<c")
    if rows > MAX_ROWS:
        raise OverLimit(label, f"{rows:,} rows", f"{MAX_ROWS:,} rows")
    if cells > MAX_CELLS:
        raise OverLimit(label, f"{cells:,} cells", f"{MAX_CELLS:,} cells")
    placed_near = not prefixed and _every_cell_placed_near(xml)
    if not placed_near:
        grid = _grid_size(xml, rows or len(ROW_TAG.findall(xml)),
                          cells or len(CELL_TAG.findall(xml)), label)
    else:
        grid = SMALL_GRID[0] * SMALL_GRID[1]
    scan = SheetScan(rows, cells, grid, placed_near=placed_near)
    if any(holds(xml, mark) for mark in SILENT_MARKS) or (prefixed and holds(xml, b":f")):
        _find_silent_cells(xml, scan)
    return scan


def _every_cell_placed_near(xml: bytes) -> bool:
    """Every cell tag starts with its reference, within column Z and row 9999."""
    if any(holds(xml, hint) for hint in PREFIXED_HINTS) and PREFIXED_CELL_OR_ROW.search(xml):
        return False
    if _translate is None:
        return ODD_CELL.search(xml) is None
    return _no_odd_cell_counted(xml)


# ODD_CELL's answer by SIMD counting instead of a regex stop at every cell tag. In the copy
# every capital is "A", every digit "0", and every byte that ends a tag name other than a
# space ([\s>/] less " ") is "/"; "<", "c", " ", "r", "=" and '"' stay themselves, and no
# other byte becomes one of them. So a cell tag is "<c" then " " or "/" in the copy, and
# ODD_CELL finds nothing exactly when no "<c/" is there and every "<c " begins one of the
# four well-placed forms (counted apart: none of these needles can overlap itself, and
# the forms exclude each other).
PLACED_NEAR_COPY = bytes.maketrans(
    bytes(range(ord("A"), ord("Z") + 1)) + b"0123456789" + b"\t\n\r\x0b\x0c>",
    b"A" * 26 + b"0" * 10 + b"/" * 6)
PLACED_NEAR_FORMS = tuple(b'<c r="A' + b"0" * digits + b'"' for digits in range(1, 5))


def _no_odd_cell_counted(xml: bytes) -> bool:
    copy = _translate(xml, PLACED_NEAR_COPY)
    if _find(copy, b"<c/") >= 0:
        return False
    return count_in(copy, b"<c ") == sum(count_in(copy, form) for form in PLACED_NEAR_FORMS)


def _grid_size(xml: bytes, rows: int, cells: int, label: str) -> int:
    """Rows x columns from every cell's and row's reference; over the limit raises."""
    letters = CELL_COLUMN.findall(xml)
    row_numbers = set(CELL_ROW.findall(xml)) | set(ROW_REF.findall(xml))
    max_row = max([rows, *map(int, row_numbers)])
    max_column = max([1, *map(_column_number, set(letters))])
    if len(letters) < cells:
        max_column = max(max_column, min(cells - len(letters), 16_384))  # placed one after another
    if max_row * max_column > MAX_GRID_CELLS:
        raise OverLimit(label, f"cells spread over {max_row:,} rows and "
                        f"{max_column:,} columns", f"{MAX_GRID_CELLS:,} cells in all")
    return max_row * max_column


def _find_silent_cells(xml: bytes, scan: SheetScan) -> None:
    for attributes_text, body in WHOLE_CELL.findall(xml):
        attributes = dict(ATTRIBUTE.findall(attributes_text or b""))
        ref = attributes.get(b"r")
        if not ref:
            continue
        place = re.match(rb"([A-Z]{1,3})(\d{1,7})", ref)
        if place is None:
            continue
        row, column = int(place.group(2)), _column_number(place.group(1))
        value = VALUE.search(body or b"")
        if attributes.get(b"t") == b"e":
            text = value.group(1).decode("utf-8", "replace") if value else "#VALUE!"
            scan.error_cells.append(RawCell(row, column, unescape(text)))
            continue
        formula = FORMULA.search(body or b"")
        if formula is not None and (value is None or not value.group(1).strip()):
            text = (formula.group(1) or b"").decode("utf-8", "replace")
            scan.formulas_without_value.append(
                RawCell(row, column, "=" + unescape(text) if text else "(a shared formula)"))


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def over_limit_problem(exc: OverLimit) -> tuple[Code, dict]:
    return Code.FILE_OVER_LIMIT, exc.details
