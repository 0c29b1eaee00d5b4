"""Kinds of bad checklist, each built from the real template as a clerk (or an attacker) would
break it, grouped by where the damage sits: the file, a sheet, or a cell.

Each ``Kind`` names the problem codes the reader must report for it. ``rows_counted``
is False where openpyxl itself cannot open the file (so its filled rows cannot be
counted independently); everything else is held to: rows loaded + rows reported
not loaded = filled rows.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from workbook import schema as S
from workbook.intake.files import OLE_MAGIC

from ..builders import COALITION, ROWS, checklist, rewrite_parts, sheet_part

FILE, SHEET, CELL = "file", "sheet", "cell"


@dataclass(frozen=True)
class Kind:
    name: str
    level: str
    build: Callable[[Path], Path]  # writes the bad file into a folder, returns its path
    codes: tuple[str, ...]  # every one must be reported for the file
    rows_counted: bool = True
    status: str | None = None  # the file's expected outcome, when not "loaded"
    absent: tuple[str, ...] = ()  # codes that would mislead here


KINDS: list[Kind] = []


def kind(name: str, level: str, *codes: str, rows_counted: bool = True, status: str | None = None,
         absent: tuple[str, ...] = ()):
    def register(build: Callable[[Path], Path]) -> Callable[[Path], Path]:
        KINDS.append(Kind(name, level, build, codes, rows_counted, status, absent))
        return build
    return register


def edited(name: str, edit: Callable, **fields) -> Callable[[Path], Path]:
    return lambda folder: checklist(folder, f"{name}.xlsx", edit=edit, **fields)


def coalition_cell(label: str, value, column: int = S.FORM_FIRST_VALUE_COLUMN) -> Callable:
    row = S.FORM_FIRST_ROW + [f.label for f in S.COALITION.fields].index(label)

    def edit(workbook):
        workbook[S.COALITION.title].cell(row=row, column=column).value = value
    return edit


def table_cell(sheet: S.Sheet, row_index: int, field_name: str, value) -> Callable:
    """Type *value* into the table's *row_index*-th data row (0-based)."""
    column = [f.name for f in sheet.fields].index(field_name) + 1

    def edit(workbook):
        workbook[sheet.title].cell(row=S.TABLE_FIRST_DATA_ROW + row_index,
                                   column=column).value = value
    return edit


def in_table(name: str, level: str, sheet: S.Sheet, row_index: int, field_name: str, value,
             *codes: str, **options) -> None:
    kind(name, level, *codes, **options)(edited(name, table_cell(sheet, row_index, field_name, value)))


def in_form(name: str, label: str, value, *codes: str, column: int = S.FORM_FIRST_VALUE_COLUMN,
            **options) -> None:
    kind(name, CELL, *codes, **options)(edited(name, coalition_cell(label, value, column)))


# --- the file ------------------------------------------------------------------------------

def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path
    return build


kind("empty file", FILE, "FILE_EMPTY", rows_counted=False, status="failed")(_write("empty.xlsx", b""))
kind("text renamed .xlsx", FILE, "FILE_CORRUPT", rows_counted=False, status="failed")(
    _write("minutes.xlsx", b"Minutes of the March steering committee meeting\n"))
kind("csv export", FILE, "FILE_CSV", rows_counted=False, status="failed")(
    _write("members.csv", b"Organisation,Representative\nDayton Metro Library,Marcus Bell\n"))
kind("office lock file", FILE, "FILE_SKIPPED_LOCK", rows_counted=False, status="skipped")(
    _write("~$checklist.xlsx", b"\x00" * 165))
kind("word document", FILE, "FILE_SKIPPED_NOT_SPREADSHEET", rows_counted=False, status="skipped")(
    _write("cover letter.docx", b"PK\x03\x04not really"))


@kind("hidden copy", FILE, "FILE_SKIPPED_HIDDEN", rows_counted=False, status="skipped")
def _hidden(folder: Path) -> Path:
    return checklist(folder, ".checklist-backup.xlsx")


@kind("cut short in an email", FILE, "FILE_CORRUPT", rows_counted=False, status="failed")
def _truncated(folder: Path) -> Path:
    path = checklist(folder, "truncated.xlsx")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


@kind("damaged sheet inside", FILE, "FILE_CORRUPT", rows_counted=False, status="failed")
def _crc(folder: Path) -> Path:
    path = checklist(folder, "bitrot.xlsx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as package:
        info = package.getinfo(sheet_part(path, "Members"))
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 40
    for offset in range(start, start + 64):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


@kind("old Excel container that is not a workbook", FILE, "FILE_CORRUPT", rows_counted=False,
      status="failed")
def _fake_ole(folder: Path) -> Path:
    path = folder / "scan.xls"
    path.write_bytes(OLE_MAGIC + b"\x00" * 4000)
    return path


@kind("password protected", FILE, "FILE_PASSWORD", rows_counted=False, status="failed")
def _password(folder: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile
    plain = checklist(folder, "plain.tmp.xlsx")
    protected = folder / "protected.xlsx"
    with open(plain, "rb") as source, open(protected, "wb") as target:
        OOXMLFile(source).encrypt("Dayton2026", target)
    plain.unlink()
    return protected


@kind("file far too large", FILE, "FILE_TOO_LARGE", rows_counted=False, status="failed")
def _too_large(folder: Path) -> Path:
    path = folder / "with photos.xlsx"
    with open(path, "wb") as out:
        out.truncate(26 * 1024 * 1024)  # sparse: nothing is written to disk
    return path


SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
              b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = b"</sheetData></worksheet>"
# One name padded with spaces, repeated: deflate packs it about 700 to 1.
BOMB_ROW = b'<row><c t="inlineStr"><is><t>Dayton Metro Library' + b" " * 4000 + b"</t></is></c></row>"


def sheet_bomb(megabytes: int) -> Callable[[bytes], Callable]:
    """A sheet part of *megabytes* MB of one repeated row."""
    def stream(write) -> None:
        write(SHEET_HEAD)
        block = BOMB_ROW * (1024 * 1024 // len(BOMB_ROW))
        for _ in range(megabytes):
            write(block)
        write(SHEET_TAIL)
    return lambda _old: stream


def zip_bomb(folder: Path, name: str = "members bomb.xlsx", megabytes: int = 40) -> Path:
    path = checklist(folder, name)
    return rewrite_parts(path, {sheet_part(path, "Members"): sheet_bomb(megabytes)})


kind("sheet that unpacks to 40 MB", FILE, "FILE_OVER_LIMIT", rows_counted=False,
     status="failed")(zip_bomb)


@kind("shared strings that unpack to 40 MB", FILE, "FILE_OVER_LIMIT", rows_counted=False,
      status="failed")
def _strings_bomb(folder: Path) -> Path:
    path = checklist(folder, "strings bomb.xlsx")

    def stream(write) -> None:
        write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
              b'spreadsheetml/2006/main">')
        block = b"<si><t>Dayton Public Schools</t></si>" * 30_000
        for _ in range(40):
            write(block)
        write(b"</sst>")
    return rewrite_parts(path, {"xl/sharedStrings.xml": lambda _old: stream})


@kind("thirty thousand empty rows", FILE, "FILE_OVER_LIMIT", rows_counted=False, status="failed")
def _rows_bomb(folder: Path) -> Path:
    path = checklist(folder, "rows.xlsx")
    rows = b"".join(b'<row r="%d"/>' % n for n in range(1, 30_001))
    return rewrite_parts(path, {sheet_part(path, "Asks"): lambda _old: SHEET_HEAD + rows + SHEET_TAIL})


@kind("one cell at the far corner", FILE, "FILE_OVER_LIMIT", rows_counted=False, status="failed")
def _grid_bomb(folder: Path) -> Path:
    path = checklist(folder, "corner.xlsx")
    corner = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return rewrite_parts(path, {sheet_part(path, "Funders"):
                                lambda old: old.replace(b"</sheetData>", corner + b"</sheetData>")})


@kind("cells without references spread wide", FILE, "FILE_OVER_LIMIT", rows_counted=False,
      status="failed")
def _unplaced_cells(folder: Path) -> Path:
    path = checklist(folder, "unplaced.xlsx")
    wide = b"<row>" + b'<c t="inlineStr"><is><t>x</t></is></c>' * 500 + b"</row>"
    return rewrite_parts(path, {sheet_part(path, "Asks"):
                                lambda _old: SHEET_HEAD + b"<row/>" * 5_000 + wide + SHEET_TAIL})


@kind("far corner behind a namespace prefix", FILE, "FILE_OVER_LIMIT", rows_counted=False,
      status="failed")
def _prefixed_corner(folder: Path) -> Path:
    path = checklist(folder, "prefixed.xlsx")
    xml = (b'<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
           b'spreadsheetml/2006/main"><x:sheetData><x:row r="1048576"><x:c r="XFD1048576" '
           b't="inlineStr"><x:is><x:t>x</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>')
    return rewrite_parts(path, {sheet_part(path, "Funders"): lambda _old: xml})


@kind("thousands of parts", FILE, "FILE_OVER_LIMIT", rows_counted=False, status="failed")
def _many_parts(folder: Path) -> Path:
    path = checklist(folder, "parts.xlsx")
    with zipfile.ZipFile(path, "a") as package:
        for number in range(2_001):
            package.writestr(f"xl/media/image{number}.png", b"")
    return path


@kind("declared to unpack to 260 MB", FILE, "FILE_ZIP_BOMB", rows_counted=False, status="failed")
def _declared_bomb(folder: Path) -> Path:
    path = checklist(folder, "logo.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package:
        with package.open("xl/media/logo.png", "w", force_zip64=True) as stream:
            block = b"\x00" * (1024 * 1024)
            for _ in range(260):
                stream.write(block)
    return path


@kind("blank template sent back", FILE, "FILE_BLANK_TEMPLATE", status="skipped", rows_counted=False)
def _blank(folder: Path) -> Path:
    from workbook.community import default_community
    from workbook.templates import write_template
    return write_template(folder / "footprint-checklist.xlsx", default_community())


@kind("same coalition sent twice (v2 FINAL)", FILE, "FILE_DUPLICATE_COALITION", status="failed")
def _twice(folder: Path) -> Path:
    checklist(folder, "MCELC checklist v2 FINAL.xlsx", coalition={"completed_on": "2026-10-20"})
    return checklist(folder, "MCELC checklist.xlsx")


def _meta(key: str, value) -> Callable:
    def edit(workbook):
        sheet = workbook[S.META_SHEET]
        for row in sheet.iter_rows():
            if row[0].value == key:
                row[1].value = value
                return
        sheet.append([key, value])
    return edit


kind("made by a newer workbook", FILE, "VERSION_NEWER")(edited("newer", _meta("schema_version", "9.0")))
kind("made with an older template", FILE, "VERSION_OLDER")(edited("older", _meta("schema_version", "0.8")))
kind("interview notes sent as a checklist", FILE, "FORM_WRONG_KIND", status="failed",
     rows_counted=False)(edited("notes", _meta(S.META_FORM_KEY, S.NOTES_FORM_KIND)))


def _without(title: str) -> Callable:
    def edit(workbook):
        del workbook[title]
    return edit


kind("stamp sheet deleted", FILE, "VERSION_MISSING")(edited("no stamp", _without(S.META_SHEET)))


@kind("saved as macro-enabled", FILE, "FILE_OTHER_FORMAT")
def _xlsm(folder: Path) -> Path:
    path = checklist(folder, "macro.xlsx")
    return path.rename(path.with_suffix(".xlsm"))


# --- a sheet ---------------------------------------------------------------------------------

kind("Coalition sheet deleted", SHEET, "SHEET_MISSING", "FILE_NO_COALITION", status="failed")(
    edited("no coalition", _without(S.COALITION.title)))
kind("Funders sheet deleted", SHEET, "SHEET_MISSING_OPTIONAL")(edited("no funders", _without("Funders")))


def _retitle(old: str, new: str, headings: dict[int, str] | None = None) -> Callable:
    def edit(workbook):
        workbook[old].title = new
        for column, text in (headings or {}).items():
            workbook[new].cell(row=1, column=column, value=text)
    return edit


kind("sheet renamed 'Goal list'", SHEET, "SHEET_RENAMED")(edited("goal list", _retitle("Goals", "Goal list")))
kind("Members renamed 'Partners'", SHEET, "SHEET_MATCHED_BY_HEADINGS")(
    edited("partners", _retitle("Members", "Partners")))
kind("Members renamed 'Partners', headings reworded", SHEET, "SHEET_NOT_MATCHED",
     "SHEET_MISSING_OPTIONAL")(edited("partners reworded", _retitle(
         "Members", "Partners", {1: "Organisation", 2: "Type", 3: "Contact", 4: "E-mail",
                                 5: "Position", 6: "Committees", 7: "Attendance"})))


def _notes_sheet(workbook):
    notes = workbook.create_sheet("Notes for Jan")
    notes["A1"], notes["A2"] = "Ask about the Kettering expansion", "Budget figure is from FY25"


kind("extra notes sheet", SHEET, "SHEET_UNKNOWN")(edited("notes sheet", _notes_sheet))


def _column(title: str, heading: str, value=None) -> Callable:
    def edit(workbook):
        sheet = workbook[title]
        column = sheet.max_column + 1
        sheet.cell(row=1, column=column, value=heading)
        if value is not None:
            sheet.cell(row=S.TABLE_FIRST_DATA_ROW, column=column, value=value)
    return edit


def _delete_column(title: str, number: int) -> Callable:
    return lambda workbook: workbook[title].delete_cols(number)


def _heading(title: str, column: int, text) -> Callable:
    return lambda workbook: workbook[title].cell(row=1, column=column, value=text)


kind("required column deleted", SHEET, "COLUMN_MISSING", "ROW_MISSING_REQUIRED")(
    edited("no funder column", _delete_column("Funders", 1)))
kind("optional column deleted", SHEET, "COLUMN_MISSING_OPTIONAL")(
    edited("no sector column", _delete_column("Members", 2)))
# A resident's seat has no organisation (2.0): losing the column loses no row.
kind("Members' organisation column deleted", SHEET, "COLUMN_MISSING_OPTIONAL")(
    edited("no organisation column", _delete_column("Members", 1)))
kind("heading misspelt", SHEET, "COLUMN_RENAMED")(
    edited("misspelt", _heading("Members", 3, "Represenative name")))
kind("extra column added", SHEET, "COLUMN_EXTRA")(
    edited("phone column", _column("Members", "Phone", "(937) 555-0142")))


@kind("heading and example rows deleted", SHEET, "HEADER_NOT_FOUND")
def _no_heading(folder: Path) -> Path:
    return checklist(folder, "no heading.xlsx", edit=lambda wb: wb["Asks"].delete_rows(1, 2))


@kind("title typed above the headings", SHEET, "ROWS_ABOVE_HEADER")
def _title_row(folder: Path) -> Path:
    def edit(workbook):
        workbook["Members"].insert_rows(1)
        workbook["Members"]["A1"] = "MCELC membership roster, updated Sept 2026"
    return checklist(folder, "title row.xlsx", edit=edit)


kind("example row typed over", SHEET, "EXAMPLE_ROW_EDITED")(
    edited("example edited", lambda wb: wb["Members"].cell(row=2, column=1, value="Five Rivers MetroParks")))
kind("extra question on the form", SHEET, "COLUMN_EXTRA")(edited("form question", lambda wb: (
    wb[S.COALITION.title].cell(row=40, column=1, value="Fiscal sponsor"),
    wb[S.COALITION.title].cell(row=40, column=2, value="Learn to Earn Dayton"))))


# --- a cell ----------------------------------------------------------------------------------

@kind("organisation merged over its three representatives", CELL, "CELL_MERGED_SPREAD")
def _merged_down(folder: Path) -> Path:
    members = [{"organisation": "Dayton Public Schools", "representative": name, "role": "Member"}
               for name in ("Angela Ruiz", "Tom Becker", "Nia Harris")]

    def edit(workbook):
        sheet = workbook["Members"]
        for row in (4, 5):
            sheet.cell(row=row, column=1).value = None
        sheet.merge_cells("A3:A5")
    return checklist(folder, "merged down.xlsx", rows={"members": members}, edit=edit)


kind("statement merged across columns", CELL, "CELL_MERGED_FIRST_ONLY")(
    edited("merged across", lambda wb: wb["Goals"].merge_cells("B4:C4")))
in_form("formula with no saved result", "Annual budget (USD)", "=SUM(H10:H14)",
        "CELL_FORMULA_NO_VALUE")
in_table("#REF! error cell", CELL, S.MEMBERS, 0, "meetings_per_year", "#REF!", "CELL_FORMULA_ERROR")
in_table("#DIV/0! error cell", CELL, S.GOALS, 0, "baseline_value", "#DIV/0!", "CELL_FORMULA_ERROR")
in_table("#N/A from a lookup", CELL, S.MEMBERS, 1, "sector", "#N/A", "CELL_EMPTY_MARKER")
in_table("name pasted from Word with a line break", CELL, S.MEMBERS, 2, "organisation",
         "Boys & Girls Club\nof Dayton", "CELL_LINE_BREAK")
in_form("coalition name on two lines", "Coalition name",
        "Montgomery County\r\nEarly Learning Coalition", "CELL_LINE_BREAK")
in_table("32,000 characters pasted into a dropdown", CELL, S.MEMBERS, 0, "sector",
         "Nonprofit " * 3_200, "CELL_NOT_IN_LIST")
in_table("value typed over a goal's dropdown", CELL, S.GOALS, 0, "issue_area",
         "Early childhood education and care", "CELL_NOT_IN_LIST",
         absent=("CELL_UNKNOWN_GOAL", "CELL_GOAL_NOT_LOADED"))  # 2.0: the goal loads
in_table("goal without its statement, linked from strategies", CELL, S.GOALS, 0, "statement",
         None, "ROW_MISSING_REQUIRED", "CELL_GOAL_NOT_LOADED", absent=("CELL_UNKNOWN_GOAL",))
in_table("strategy serves a goal that does not exist", CELL, S.STRATEGIES, 1, "goal_ids", "G1; G7",
         "CELL_UNKNOWN_GOAL")
in_table("goal ID used twice", CELL, S.GOALS, 1, "goal_id", "G1", "ROW_DUPLICATE_ID")
kind("member row with neither organisation nor name", CELL, "ROW_MISSING_ONE_OF")(edited(
    "no one", lambda wb: [table_cell(S.MEMBERS, 1, f, None)(wb)
                          for f in ("organisation", "representative")]))
in_table("'self' typed for a resident's organisation", CELL, S.MEMBERS, 1, "organisation",
         "Self", "CELL_NO_ORGANISATION")
in_form("coalition name left blank", "Coalition name", None, "COALITION_NAME_MISSING")
in_form("contact email left blank", "Contact email", None, "CELL_REQUIRED")
in_form("cadence typed as a sentence", "Meeting cadence", "5 lunch meetings a year",
        "CELL_NOT_IN_LIST")
in_form("cadence in lower case", "Meeting cadence", "monthly", "CELL_CASE_FIXED")
in_form("spaces around the name", "Lead or co-lead organisations",
        "  United Way of the Greater Dayton Area ", "CELL_TRIMMED")
in_form("N/A for the budget", "Annual budget (USD)", "N/A", "CELL_EMPTY_MARKER")
in_form("budget typed with dollars", "Annual budget (USD)", "$185,000", "CELL_TEXT_AS_NUMBER")
in_form("negative budget", "Annual budget (USD)", -5000, "CELL_NEGATIVE")
in_form("staff as words", "Paid staff (FTE)", "one and a half", "CELL_NOT_A_NUMBER")
in_table("meetings per year not whole", CELL, S.MEMBERS, 0, "meetings_per_year", 10.5,
         "CELL_NOT_A_WHOLE_NUMBER")
in_form("founding year as words", "Year founded", "early 2000s", "CELL_NOT_A_YEAR")
in_form("founding year impossible", "Year founded", 1776, "CELL_YEAR_OUT_OF_RANGE")
in_form("founding date instead of year", "Year founded", dt.datetime(2014, 3, 1),
        "CELL_YEAR_FROM_DATE")
in_form("completion date as words", "Date completed", "last Tuesday", "CELL_NOT_A_DATE")
in_form("completion date US style", "Date completed", "10/14/2026", "CELL_DATE_PARSED")
in_form("email with 'at'", "Contact email", "ljenkins at dayton-unitedway dot org",
        "CELL_NOT_AN_EMAIL")
in_form("website without http", "Website", "mcelc dot org", "CELL_NOT_A_URL")
in_form("short name too long", "Short name", "Montgomery Cty Early Learning", "CELL_TOO_LONG")
in_form("two contacts in one answer", "Contact name", "Darnell Price", "CELL_EXTRA_VALUES",
        column=S.FORM_FIRST_VALUE_COLUMN + 1)
in_table("baseline year after target year", CELL, S.GOALS, 0, "baseline_year", 2031,
         "ROW_YEARS_REVERSED")
in_table("grant ends before it starts", CELL, S.FUNDERS, 0, "start_year", 2027, "ROW_YEARS_REVERSED")
in_table("same person listed twice", CELL, S.MEMBERS, 2, "representative", "Marcus  Bell",
         "ROW_DUPLICATE_PERSON")

# --- schema 2.0: what real coalitions type into the new places -------------------------------

in_table("strategy type typed over its dropdown", CELL, S.STRATEGIES, 0, "strategy_type",
         "Book distribution", "CELL_NOT_IN_LIST", "ROW_REQUIRED_UNUSABLE",
         absent=("ROW_MISSING_REQUIRED",))  # filled but off the list is not "required"
in_table("goal with its issue area left blank", CELL, S.GOALS, 1, "issue_area", None,
         "CELL_RECOMMENDED_MISSING", absent=("ROW_MISSING_REQUIRED",))
kind("Areas sheet left empty", SHEET, "SHEET_NO_ROWS")(
    lambda folder: checklist(folder, "no areas.xlsx", rows={"areas": []}))
kind("region typed under its own name", CELL, "CELL_AREA_NOT_IN_LIST")(edited("region", lambda wb: (
    table_cell(S.AREAS, 0, "level", "Region")(wb), table_cell(S.AREAS, 0, "area", "Miami Valley")(wb))))
kind("area's level left blank", CELL, "CELL_LEVEL_INFERRED")(edited("no level", lambda wb: (
    table_cell(S.AREAS, 0, "level", None)(wb), table_cell(S.AREAS, 0, "area", "Region-wide")(wb))))
in_table("member sits on a body the Bodies sheet lacks", CELL, S.MEMBERS, 0, "bodies",
         "Steering Committee", "CELL_UNKNOWN_BODY")
in_table("target in two parts", CELL, S.GOALS, 0, "target_value", "50% by 2026, 55% by 2028",
         "CELL_MEASURE_AS_TEXT")
in_table("baseline typed with a percent sign, unit blank", CELL, S.GOALS, 0, "baseline_value",
         "41%", "CELL_UNIT_INFERRED")


@kind("percentages typed as 41 and as .38 in one column", CELL, "CELL_MIXED_SCALES")
def _mixed_scales(folder: Path) -> Path:
    goals = [{**ROWS["goals"][0], "unit": "Percent"},
             {**ROWS["goals"][1], "unit": "Percent", "baseline_value": 0.38, "baseline_year": 2023}]
    return checklist(folder, "mixed scales.xlsx", rows={"goals": goals})


BY_NAME = {k.name: k for k in KINDS}
assert len(BY_NAME) == len(KINDS), "two kinds share a name"


def other_coalition(folder: Path) -> Path:
    """A good checklist of another coalition, to sit in the same batch as each bad one."""
    return checklist(folder, "greene county.xlsx", coalition={
        **COALITION, "name": "Greene County Prevention Coalition", "short_name": "GCPC",
        "lead_organisations": ["Greene County Educational Service Center"],
        "issue_areas": ["Youth substance use"], "populations": ["Youth 12-17"]},
        rows={**ROWS, "goals": [{"goal_id": "G1", "statement": "Reduce past-30-day vaping",
                                 "issue_area": "Youth substance use"}],
              "strategies": [{"strategy": "Botvin LifeSkills in middle schools", "goal_ids": "G1",
                              "strategy_type": "Direct service"}]})
