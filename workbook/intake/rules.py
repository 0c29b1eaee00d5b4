"""Rules on a whole record, read off the schema: required (unless…), one of, recommended,
what a blank means, areas against the community's lists, and the percent scale of measures.

Cell readers (``cells``) see one cell; these rules see the record and its sheet.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import schema as S
from ..community import Community
from . import cells
from .layout import address
from .problems import Code, Severity
from .records import Checklist, Record

FRACTION, WHOLE = "fraction", "whole"
LISTED_CELLS = 6  # cells named in one mixed-scale warning before "…"


@dataclass
class Missing:
    """Required answers a record lacks: left blank, or given but unusable."""
    blank: list[S.Field]
    unusable: list[S.Field]


_SHEET_FIELDS: dict[tuple[int, str], tuple[S.Sheet, tuple[S.Field, ...]]] = {}


def _fields(sheet: S.Sheet, kind: str) -> tuple[S.Field, ...]:
    """The sheet's required, recommended or unit-bearing fields, picked out once per sheet:
    the rules below run on every row and need only these."""
    cached = _SHEET_FIELDS.get((id(sheet), kind))
    if cached is None or cached[0] is not sheet:
        picked = tuple(f for f in sheet.fields if (
            f.required if kind == "required" else f.recommended if kind == "recommended"
            else f.type == S.MEASURE and f.unit_field is not None))
        cached = _SHEET_FIELDS[(id(sheet), kind)] = (sheet, picked)
    return cached[1]


def has_error(reading: cells.Reading | None) -> bool:
    return reading is not None and any(code.severity == Severity.ERROR for code, _ in reading.notes)


def has_note(reading: cells.Reading | None) -> bool:
    return reading is not None and bool(reading.notes)


def _filled(value) -> bool:
    return value not in (None, "", [])


def missing_required(sheet: S.Sheet, record: Record,
                     readings: dict[str, cells.Reading]) -> Missing:
    missing = Missing([], [])
    for f in _fields(sheet, "required"):
        if f.required_for(record.values) and not _filled(record.values.get(f.name)):
            (missing.unusable if has_error(readings.get(f.name)) else missing.blank).append(f)
    return missing


def missing_one_of(sheet: S.Sheet, record: Record,
                   readings: dict[str, cells.Reading]) -> list[tuple[S.Field, ...]]:
    """Groups of which nothing was given; a placeholder such as "self" counts as given."""
    unmet = []
    for group in sheet.required_one_of:
        fields = tuple(sheet.field(name) for name in group)
        if not any(_filled(record.values.get(f.name)) or _is_placeholder(readings.get(f.name))
                   for f in fields):
            unmet.append(fields)
    return unmet


def _is_placeholder(reading: cells.Reading | None) -> bool:
    return reading is not None and any(code is Code.CELL_NO_ORGANISATION for code, _ in reading.notes)


def one_of_label(fields: tuple[S.Field, ...]) -> str:
    return " or ".join(f"'{f.label}'" for f in fields)


def report_recommended(sheet: S.Sheet, record: Record, readings: dict[str, cells.Reading],
                       checklist: Checklist, present: set[str]) -> None:
    """A blank recommended answer is a warning; a cell already noted is not noted twice."""
    for f in _fields(sheet, "recommended"):
        if (f.name in present and not _filled(record.values.get(f.name))
                and not has_note(readings.get(f.name))):
            row, column = address(record.cells[f.name])
            checklist.report(Code.CELL_RECOMMENDED_MISSING, sheet=sheet.title, row=row,
                             column=column, field_=f.label)


def apply_defaults(sheet: S.Sheet, record: Record, readings: dict[str, cells.Reading],
                   migration: S.Migration | None) -> None:
    """Fill what a blank stands for; an unusable answer stays blank, never the default."""
    implied = migration.implied_values if migration else _NONE_IMPLIED
    for f in _defaulted_fields(sheet, implied):
        if _filled(record.values.get(f.name)) or has_error(readings.get(f.name)):
            continue
        value = implied.get((sheet.name, f.name)) or S.BLANK_MEANS.get((sheet.name, f.name))
        if value is not None:
            record.values[f.name] = value


# By (sheet, version's implied values): the fields a blank can stand for, picked out once
# rather than on every row; kept with the sizes of both tables they were picked from.
_NONE_IMPLIED: dict = {}  # read only: the current version implies nothing
_DEFAULTED: dict[tuple[int, int], tuple[S.Sheet, dict, int, int, tuple[S.Field, ...]]] = {}


def _defaulted_fields(sheet: S.Sheet, implied: dict) -> tuple[S.Field, ...]:
    cached = _DEFAULTED.get((id(sheet), id(implied)))
    if (cached is None or cached[0] is not sheet or cached[1] is not implied
            or cached[2] != len(S.BLANK_MEANS) or cached[3] != len(implied)):
        picked = tuple(f for f in sheet.fields if (sheet.name, f.name) in S.BLANK_MEANS
                       or (sheet.name, f.name) in implied)
        cached = _DEFAULTED[id(sheet), id(implied)] = (sheet, implied, len(S.BLANK_MEANS),
                                                        len(implied), picked)
    return cached[4]


# --- areas ------------------------------------------------------------------------

def check_area(record: Record, readings: dict[str, cells.Reading], checklist: Checklist,
               community: Community) -> None:
    """Read a blank level from the area's list, then check the area against its level's list."""
    area, level = record.values.get("area"), record.values.get("level")
    if not area:
        return
    if level is None and not has_error(readings.get("level")):
        found = community.level_of(area)
        if found is not None:
            record.values["level"] = level = found
            _report_at(checklist, record, "level", "area", Code.CELL_LEVEL_INFERRED,
                       value=area, fixed=found)
    listed = community.areas_by_level.get(level) if level else None
    if not listed:
        return  # no list for that level: the area is taken as typed
    entry = cells.vocabulary_match(area, listed)
    if entry is not None:
        if entry != area:
            _report_at(checklist, record, "area", "area", Code.CELL_CASE_FIXED, value=area,
                       fixed=entry)
        record.values["area"] = entry
        return
    other = community.level_of(area)
    suggestion = (f" It is on the list of '{other}' areas: check the level." if other
                  else cells.suggestion(area, listed))
    _report_at(checklist, record, "area", "area", Code.CELL_AREA_NOT_IN_LIST, value=area,
               level=level, suggestion=suggestion)


def _report_at(checklist: Checklist, record: Record, field_name: str, fallback: str,
               code: Code, **details) -> None:
    sheet = S.sheet_by_name(record.sheet)
    a1 = record.cells.get(field_name) or record.cells.get(fallback)
    row, column = address(a1) if a1 else (record.row, None)
    checklist.report(code, sheet=sheet.title, row=row, column=column,
                     field_=sheet.field(field_name).label, **details)


# --- measures -----------------------------------------------------------------------

def infer_percent_unit(sheet: S.Sheet, record: Record, readings: dict[str, cells.Reading],
                       checklist: Checklist) -> None:
    """A blank unit beside a value typed with a percent sign is read as Percent, with a note."""
    for f in _fields(sheet, "measure"):
        reading = readings.get(f.name)
        unit_reading = readings.get(f.unit_field)
        if (reading is None or not reading.percent_sign or record.values.get(f.unit_field)
                or has_error(unit_reading)):
            continue
        record.values[f.unit_field] = S.PERCENT_UNIT
        row, column = address(record.cells[f.name])
        checklist.report(Code.CELL_UNIT_INFERRED, sheet=sheet.title, row=row, column=column,
                         field_=sheet.field(f.unit_field).label, value=f"{reading.value}%")


def settle_percentages(sheet: S.Sheet, records: list[Record],
                       readings: dict[int, dict[str, cells.Reading]], checklist: Checklist) -> None:
    """Put every percentage on the 0-100 scale; warn where one column mixes two ways of typing.

    Excel keeps a cell shown as 48% as 0.48, so a value under 1 (or exactly 1 beside
    other fractions: 100%) in a Percent row is a fraction. *readings* is keyed by id(record).
    """
    measures = [f for f in sheet.fields if f.type == S.MEASURE and f.unit_field]
    scales: dict[str, dict[str, list[Record]]] = {f.name: {FRACTION: [], WHOLE: []} for f in measures}
    for record in records:
        percent = [f for f in measures if record.values.get(f.unit_field) == S.PERCENT_UNIT
                   and isinstance(record.values.get(f.name), (int, float))]
        row_has_fraction = any(_looks_fractional(record, readings[id(record)], f) for f in percent)
        for f in percent:
            reading = readings[id(record)].get(f.name)
            value = record.values[f.name]
            fraction = (not (reading and reading.percent_sign) and value != 0
                        and (abs(value) < 1 or (abs(value) == 1 and row_has_fraction)))
            if fraction:
                record.values[f.name] = cells.whole_if_integral(round(value * 100, 9))
            scales[f.name][FRACTION if fraction else WHOLE].append(record)
    for f in measures:
        fractions, wholes = scales[f.name][FRACTION], scales[f.name][WHOLE]
        if fractions and wholes:
            row, column = address(fractions[0].cells[f.name])
            checklist.report(Code.CELL_MIXED_SCALES, sheet=sheet.title, row=row, column=column,
                             field_=f.label, fractions=_cell_list(fractions, f),
                             wholes=_cell_list(wholes, f))


def _looks_fractional(record: Record, readings: dict[str, cells.Reading], f: S.Field) -> bool:
    reading = readings.get(f.name)
    value = record.values[f.name]
    return not (reading and reading.percent_sign) and 0 < abs(value) < 1


def _cell_list(records: list[Record], f: S.Field) -> str:
    names = [r.cells[f.name] for r in records[:LISTED_CELLS]]
    return ", ".join(names) + (", …" if len(records) > LISTED_CELLS else "")


# --- the whole checklist -----------------------------------------------------------------

def check_member_bodies(checklist: Checklist) -> None:
    """Bodies a member sits on should be on the Bodies sheet; others are kept, with a note."""
    bodies = [b.values["body"] for b in checklist.tables.get(S.BODIES.name, [])]
    for member in checklist.tables.get(S.MEMBERS.name, []):
        named = member.values.get("bodies") or []
        kept = []
        for body in named:
            entry = cells.vocabulary_match(body, tuple(bodies))
            kept.append(entry or body)
            if entry is None:
                row, column = address(member.cells["bodies"])
                checklist.report(Code.CELL_UNKNOWN_BODY, sheet=S.MEMBERS.title, row=row,
                                 column=column, field_=S.MEMBERS.field("bodies").label,
                                 value=body, suggestion=cells.suggestion(body, bodies))
        member.values["bodies"] = kept


def check_required_tables(checklist: Checklist, present: set[str]) -> None:
    """A required table sheet that is there but has no loaded row is an error."""
    for sheet in S.CHECKLIST:
        if (sheet.layout == S.TABLE and sheet.required and sheet.name in present
                and not checklist.tables.get(sheet.name)):
            checklist.report(Code.SHEET_NO_ROWS, sheet=sheet.title, what=sheet.help)
