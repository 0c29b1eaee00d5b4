"""The Excel footprint checklist, written from the schema.

Everything a clerk sees — sheets, headings, required marks, dropdowns, input
messages, the example row — comes from ``schema.CHECKLIST`` and the community's
vocabularies, so the template and the loader can never disagree. Other forms
declared in the schema (the interview notes of ``workbook.notes``) are written by
the same functions, given their own sheets.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import zipfile

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.writer.excel import ExcelWriter

from . import schema as S
from .community import Community, default_community

# Colours chosen to stay distinct for colour-blind readers and in greyscale print.
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
REQUIRED_FILL = PatternFill("solid", fgColor="B45F06")
EXAMPLE_FILL = PatternFill("solid", fgColor="EDEDED")
INPUT_FILL = PatternFill("solid", fgColor="FFFFFF")
FONT_NAME = "Calibri"  # named, or LibreOffice draws unnamed fonts in a serif fallback
HEADER_FONT = Font(name=FONT_NAME, bold=True, color="FFFFFF", size=12)
TITLE_FONT = Font(name=FONT_NAME, bold=True, size=16)
LABEL_FONT = Font(name=FONT_NAME, bold=True, size=12)
EXAMPLE_FONT = Font(name=FONT_NAME, italic=True, color="595959")
INSTRUCTION_CHARACTERS_PER_LINE = 85  # in the 90-wide text column
LINE_HEIGHT = 16
THIN = Side(style="thin", color="BFBFBF")
INPUT_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
UNLOCKED = Protection(locked=False)
LOCKED = Protection(locked=True)

EXAMPLE_MARK = "◀ Example row: ignored when loading"
# A fixed creation time keeps regenerated templates byte-for-byte comparable.
FIXED_TIMESTAMP = dt.datetime(2026, 1, 1)

NUMBER_RULES = {
    S.YEAR: ("whole", "between", 1900, 2100, "Type a four-digit year between 1900 and 2100."),
    S.INTEGER: ("whole", "greaterThanOrEqual", 0, None, "Type a whole number of zero or more."),
    S.NUMBER: ("decimal", "greaterThanOrEqual", 0, None, "Type a number of zero or more."),
    S.MONEY: ("decimal", "greaterThanOrEqual", 0, None, "Type an amount in dollars, digits only."),
}


def list_name(vocabulary: str) -> str:
    """The defined name behind a vocabulary's dropdown."""
    return f"list_{vocabulary}"


AREA_LIST_PREFIX = "areas_"


def area_list_name(level: str) -> str:
    """The defined name of one geography level's areas: "City or town" -> areas_city_or_town.

    The Areas sheet's dropdown finds it from the row's level with the same text
    operations in its formula (``_area_formula``), so the two must agree.
    """
    return AREA_LIST_PREFIX + level.lower().replace(" ", "_")


def _area_formula(level_cell: str) -> str:
    return f'INDIRECT("{AREA_LIST_PREFIX}"&SUBSTITUTE(LOWER({level_cell})," ","_"))'


def _is_area_field(sheet: S.Sheet, field: S.Field) -> bool:
    return sheet is S.AREAS and field.name == "area"


# What the Instructions sheet tells the clerk, (heading, text) per line.
CHECKLIST_GUIDANCE = (
    ("What this is", "One checklist per coalition. It maps what each coalition does so the "
                     "community can see where coalitions overlap and where nobody works."),
    ("How to fill it", "Fill one sheet at a time. Headings marked * (orange) are required. "
                       "Pick from the dropdown where a cell has one; hover over a cell for help."),
    ("Example rows", "The grey italic row under each heading is an example. It is ignored "
                     "when loading; type your own rows below it."),
    ("Several values", "Where a question allows several answers (such as co-lead "
                       "organisations), use one cell per answer, from left to right. In a "
                       "table cell, separate them with ';'."),
    ("Places", "List every place you serve on the Areas sheet, one row each: the region, "
               "counties, cities or towns, school districts, neighbourhoods. Pick the level "
               "first; the area's dropdown then lists that level's places."),
    ("Not known yet", "Leave the cell blank. 'TBD', '?', 'N/A' or 'unknown' are read as "
                      "blank too, with a note."),
    ("Residents", "A member who speaks for no organisation (a resident, parent or youth) "
                  "gets a row with the person's name and the Organisation cell left blank."),
    ("Do not", "Rename sheets or headings, or save as .csv. Keep the file as .xlsx."),
)


def build_template(community: Community | None = None, sheets: tuple[S.Sheet, ...] = S.CHECKLIST,
                   title: str = "Footprint checklist",
                   guidance: tuple[tuple[str, str], ...] = CHECKLIST_GUIDANCE,
                   form_kind: str | None = None):
    """Return an openpyxl Workbook holding *sheets* (the checklist unless told) for *community*.

    *form_kind* is stamped on the hidden meta sheet for forms other than the
    checklist, so a reader can tell an interview-notes file from a checklist.
    """
    community = community or default_community()
    workbook = Workbook()
    workbook.properties.creator = "alignment workbook"
    workbook.properties.title = f"{title} – {community.name}"
    workbook.properties.keywords = (f"schema {S.form_version(form_kind)}; "
                                    f"community {community.slug}")
    workbook.properties.created = FIXED_TIMESTAMP
    workbook.properties.modified = FIXED_TIMESTAMP
    _write_instructions(workbook.active, community, title, guidance, sheets,
                        S.form_version(form_kind))
    for sheet in sheets:
        _write_sheet(workbook, sheet)
    _write_lists(workbook, community, sheets)
    if S.AREAS in sheets:
        _write_area_lists(workbook, community)
    _write_meta(workbook, community, form_kind)
    return workbook


def _write_sheet(workbook, sheet: S.Sheet) -> None:
    worksheet = workbook.create_sheet(sheet.title)
    if sheet.layout == S.FORM:
        _write_form(worksheet, sheet)
    else:
        _write_table(worksheet, sheet)
    print_setup(worksheet, f"{S.TABLE_HEADER_ROW}:{S.TABLE_HEADER_ROW}"
                if sheet.layout == S.TABLE else None)
    worksheet.protection.sheet = True
    # Staff may still resize columns, format cells and sort; headings stay put.
    worksheet.protection.formatColumns = False
    worksheet.protection.formatCells = False
    worksheet.protection.sort = False
    worksheet.protection.autoFilter = False


def print_setup(sheet, title_rows: str | None, title_columns: str | None = None) -> None:
    """Landscape, one page wide however long, headings repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if title_rows:
        sheet.print_title_rows = title_rows
    if title_columns:
        sheet.print_title_cols = title_columns
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "Page &P of &N"


def write_template(out: str | Path, community: Community | None = None) -> Path:
    return save_workbook(build_template(community), Path(out))


class _StableZip(zipfile.ZipFile):
    """A zip whose entries carry a fixed time, so the same checklist gives the same bytes."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname,
                                               date_time=FIXED_TIMESTAMP.timetuple()[:6])
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
            zinfo_or_arcname.external_attr = 0o600 << 16
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl streams worksheets through a temporary file, stamped with its mtime.
        self.writestr(arcname or Path(filename).name, Path(filename).read_bytes())


def save_workbook(workbook, out: Path) -> Path:
    """Save like openpyxl does, but without stamping the time: committed samples stay put."""
    out.parent.mkdir(parents=True, exist_ok=True)
    workbook.properties.modified = FIXED_TIMESTAMP
    archive = _StableZip(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(workbook, archive).save()  # closes the archive
    return out



def template_fingerprint(path: str | Path) -> dict[str, str]:
    """Hash of every part of the xlsx package, to tell a stale committed template."""
    with zipfile.ZipFile(path) as package:
        return {name: hashlib.sha256(package.read(name)).hexdigest()
                for name in sorted(package.namelist())}


def _write_instructions(worksheet, community: Community, title: str,
                        guidance: tuple[tuple[str, str], ...], sheets: tuple[S.Sheet, ...],
                        version: str) -> None:
    worksheet.title = S.INSTRUCTIONS_SHEET
    worksheet.column_dimensions["A"].width = 28
    worksheet.column_dimensions["B"].width = 90
    lines = [(f"{title} – {community.name}", None), ("", None), *guidance,
             ("Schema version", version), ("", None), ("Sheets", None)]
    lines += [(sheet.title, sheet.help) for sheet in sheets]
    for row, (label, text) in enumerate(lines, start=1):
        label_cell = worksheet.cell(row=row, column=1, value=label or None)
        label_cell.font = LABEL_FONT
        label_cell.alignment = Alignment(vertical="top")
        if text:
            cell = worksheet.cell(row=row, column=2, value=text)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            # Spreadsheet programs do not grow a row for wrapped text on their own.
            lines = -(-len(str(text)) // INSTRUCTION_CHARACTERS_PER_LINE)
            worksheet.row_dimensions[row].height = LINE_HEIGHT * max(lines, 1) + 2
    worksheet["A1"].font = TITLE_FONT
    worksheet.protection.sheet = True
    print_setup(worksheet, None)


def _write_form(worksheet, sheet: S.Sheet) -> None:
    worksheet.column_dimensions["A"].width = 34
    value_columns = range(S.FORM_FIRST_VALUE_COLUMN, S.FORM_FIRST_VALUE_COLUMN + S.FORM_MULTI_CELLS)
    example_column = S.FORM_FIRST_VALUE_COLUMN + S.FORM_MULTI_CELLS
    for column in value_columns:
        worksheet.column_dimensions[get_column_letter(column)].width = 26
    worksheet.column_dimensions[get_column_letter(example_column)].width = 40
    worksheet.cell(row=1, column=1, value=sheet.title).font = TITLE_FONT
    worksheet.cell(row=2, column=1, value=sheet.help)
    captions = dict(zip((1, S.FORM_FIRST_VALUE_COLUMN, example_column), S.FORM_CAPTIONS))
    for column, caption in captions.items():
        _style_header(worksheet.cell(row=3, column=column, value=caption), required=False)
    for offset, field in enumerate(sheet.fields):
        row = S.FORM_FIRST_ROW + offset
        _style_header(worksheet.cell(row=row, column=1, value=field.header), field.required)
        inputs = value_columns if field.several else value_columns[:1]
        for column in inputs:
            _style_input(worksheet.cell(row=row, column=column))
        first = get_column_letter(inputs[0])
        last = get_column_letter(inputs[-1])
        _add_validation(worksheet, sheet, field, f"{first}{row}:{last}{row}")
        example = worksheet.cell(row=row, column=example_column, value=_example_text(field))
        example.font = EXAMPLE_FONT
        example.fill = EXAMPLE_FILL
    worksheet.freeze_panes = worksheet.cell(row=S.FORM_FIRST_ROW, column=2)


def _write_table(worksheet, sheet: S.Sheet) -> None:
    first_row, last_row = S.TABLE_FIRST_DATA_ROW, S.TABLE_FIRST_DATA_ROW + S.TABLE_INPUT_ROWS - 1
    for column, field in enumerate(sheet.fields, start=1):
        letter = get_column_letter(column)
        worksheet.column_dimensions[letter].width = field.width
        _style_header(worksheet.cell(row=S.TABLE_HEADER_ROW, column=column, value=field.header),
                      field.required)
        example = worksheet.cell(row=S.TABLE_EXAMPLE_ROW, column=column,
                                 value=_example_value(field))
        example.font = EXAMPLE_FONT
        example.fill = EXAMPLE_FILL
        for row in range(first_row, last_row + 1):
            _style_input(worksheet.cell(row=row, column=column))
        if _is_area_field(sheet, field):
            level_letter = get_column_letter(sheet.fields.index(sheet.field("level")) + 1)
            _add_area_validation(worksheet, sheet, field,
                                 f"{letter}{first_row}:{letter}{last_row}",
                                 f"${level_letter}{first_row}")
        else:
            _add_validation(worksheet, sheet, field, f"{letter}{first_row}:{letter}{last_row}")
    mark_column = len(sheet.fields) + 1
    worksheet.column_dimensions[get_column_letter(mark_column)].width = 36
    mark = worksheet.cell(row=S.TABLE_EXAMPLE_ROW, column=mark_column, value=EXAMPLE_MARK)
    mark.font = EXAMPLE_FONT
    worksheet.cell(row=S.TABLE_EXAMPLE_ROW, column=1).comment = Comment(
        "This grey row shows how to fill the sheet. It is ignored when the checklist is "
        "loaded. Type your own rows below it.", "alignment workbook")
    worksheet.freeze_panes = worksheet.cell(row=S.TABLE_FIRST_DATA_ROW, column=1)


def _style_header(cell, required: bool) -> None:
    cell.font = HEADER_FONT
    cell.fill = REQUIRED_FILL if required else HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    cell.protection = LOCKED


def _style_input(cell) -> None:
    cell.protection = UNLOCKED
    cell.border = INPUT_BORDER
    cell.fill = INPUT_FILL


def _add_validation(worksheet, sheet: S.Sheet, field: S.Field, cell_range: str) -> None:
    validation = _validation_for(field)
    validation.showInputMessage = True
    validation.promptTitle = field.label[:32]  # Excel's limit for a title
    validation.prompt = _prompt(field, sheet)[:255]  # Excel's limit for a message
    validation.showErrorMessage = validation.type is not None
    worksheet.add_data_validation(validation)
    validation.add(cell_range)


def _add_area_validation(worksheet, sheet: S.Sheet, field: S.Field, cell_range: str,
                         level_cell: str) -> None:
    """The area's dropdown lists the places of the level picked on the same row.

    Only a note, never a refusal: a place missing from the community's list is
    still typed in, and the loader says it is not on the list.
    """
    validation = DataValidation(type="list", formula1=_area_formula(level_cell),
                                allow_blank=True)
    validation.errorStyle = "information"
    validation.errorTitle = "Not on the list"
    validation.error = ("This place is not on the community's list for the level on this row. "
                        "Check the level; if the place is right, keep it.")[:255]
    validation.showInputMessage = True
    validation.promptTitle = field.label[:32]
    validation.prompt = (_prompt(field, sheet) + " Pick the level first: the dropdown lists that "
                         "level's places.")[:255]
    validation.showErrorMessage = True
    worksheet.add_data_validation(validation)
    validation.add(cell_range)


def _validation_for(field: S.Field) -> DataValidation:
    if field.vocabulary:
        validation = DataValidation(type="list", formula1=list_name(field.vocabulary),
                                    allow_blank=True)
        validation.errorTitle = "Pick from the list"
        validation.error = (f"'{field.label}' takes a value from the dropdown list. "
                            "Ask your facilitator if a value is missing.")[:255]
        return validation
    if field.type in NUMBER_RULES:
        kind, operator, low, high, message = NUMBER_RULES[field.type]
        validation = DataValidation(type=kind, operator=operator, formula1=str(low),
                                    formula2=None if high is None else str(high), allow_blank=True)
        validation.errorTitle = "Number expected"
        validation.error = message
        return validation
    if field.type == S.DATE:
        validation = DataValidation(type="date", operator="greaterThan", formula1="1",
                                    allow_blank=True)
        validation.errorTitle = "Date expected"
        validation.error = "Type a date such as 2026-11-02."
        return validation
    return DataValidation(allow_blank=True)  # no rule: carries the input message only


def _prompt(field: S.Field, sheet: S.Sheet) -> str:
    if field.required_unless:
        other, value = field.required_unless
        label = sheet.field(other).label
        required = f"Required, unless '{label}' is '{value}'. "
    elif field.required:
        required = "Required. "
    else:
        required = "Recommended. " if field.recommended else ""
    return f"{required}{field.help}"


def _example_value(field: S.Field):
    example = field.example
    if isinstance(example, tuple):
        return "; ".join(example)
    return example


def _example_text(field: S.Field) -> str:
    value = _example_value(field)
    return "" if value is None else str(value)


def _write_lists(workbook, community: Community,
                sheets: tuple[S.Sheet, ...] = S.CHECKLIST) -> None:
    worksheet = workbook.create_sheet(S.LISTS_SHEET)
    worksheet.sheet_state = "hidden"
    vocabularies = sorted({f.vocabulary for sheet in sheets for f in sheet.fields
                           if f.vocabulary})
    for column, key in enumerate(vocabularies, start=1):
        values = community.vocabulary(key)
        worksheet.cell(row=1, column=column, value=key).font = LABEL_FONT
        for row, value in enumerate(values, start=2):
            worksheet.cell(row=row, column=column, value=value)
        letter = get_column_letter(column)
        reference = f"{quote_sheetname(S.LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
        workbook.defined_names[list_name(key)] = DefinedName(list_name(key), attr_text=reference)
    worksheet.protection.sheet = True


def _write_area_lists(workbook, community: Community) -> None:
    """One column per geography level on the hidden lists sheet, each behind its own name.

    A level without a list gets one blank cell, so its name exists and the dropdown
    is empty rather than broken.
    """
    worksheet = workbook[S.LISTS_SHEET]
    first = worksheet.max_column + 1
    for offset, level in enumerate(community.vocabulary("geography_levels")):
        column = first + offset
        areas = community.areas_by_level.get(level, ())
        worksheet.cell(row=1, column=column, value=area_list_name(level)).font = LABEL_FONT
        for row, area in enumerate(areas, start=2):
            worksheet.cell(row=row, column=column, value=area)
        letter = get_column_letter(column)
        reference = (f"{quote_sheetname(S.LISTS_SHEET)}!${letter}$2:"
                     f"${letter}${max(len(areas), 1) + 1}")
        name = area_list_name(level)
        workbook.defined_names[name] = DefinedName(name, attr_text=reference)


def _write_meta(workbook, community: Community, form_kind: str | None = None) -> None:
    worksheet = workbook.create_sheet(S.META_SHEET)
    worksheet.sheet_state = "hidden"
    for row, (key, value) in enumerate(meta_stamp(community, form_kind).items(), start=1):
        worksheet.cell(row=row, column=1, value=key)
        worksheet.cell(row=row, column=2, value=value)
    worksheet.protection.sheet = True


def meta_stamp(community: Community, form_kind: str | None = None) -> dict[str, str]:
    stamp = {"schema_version": S.form_version(form_kind), "community": community.slug,
             "community_name": community.name, "made_by": "alignment workbook template"}
    if form_kind is not None:
        # Checklists carry no kind, so their committed templates keep their bytes.
        stamp[S.META_FORM_KEY] = form_kind
    return stamp
