"""Finding things in a workbook by their names: the version stamp, sheets, headings.

Sheets and columns are found by their headings, not their positions, so reordered,
renamed or re-saved files still load; close matches are taken with a warning.
"""
from __future__ import annotations

import functools
import re
from typing import Any

from rapidfuzz import fuzz, process

from .. import schema as S
from ..community import Community
from . import cells
from .problems import Code
from .records import Checklist

SPECIAL_SHEETS = {S.INSTRUCTIONS_SHEET.casefold(), S.LISTS_SHEET, S.META_SHEET}
FUZZY_HEADING_CUTOFF = 85
FUZZY_SHEET_CUTOFF = 75
HEADING_SEARCH_ROWS = 10
# A stray sheet is taken for a missing one when this many of its headings are that sheet's.
SHEET_HEADINGS_NEEDED = 3
HEADING_MARKS = re.compile(r"[:?]")
# By (id of the sheet, id of the migration): hashing a Sheet hashes all its fields.
_HEADING_KEYS: dict[tuple[int, int], tuple[S.Sheet, S.Migration | None, dict[str, S.Field]]] = {}


def read_meta(workbook, names: list[str], checklist: Checklist,
              community: Community) -> S.Migration | None:
    if S.META_SHEET not in names:
        checklist.report(Code.VERSION_MISSING)
        return None
    stamp = {}
    for row in workbook.get_sheet_by_name(S.META_SHEET).to_python():
        if len(row) >= 2 and str(row[0]).strip():
            stamp[str(row[0]).strip()] = cells.clean_text(row[1])[0]
    version = stamp.get("schema_version") or None
    checklist.schema_version = version
    # Checklist templates carry no kind: a stamp without one is a checklist's.
    checklist.form = stamp.get(S.META_FORM_KEY) or (S.CHECKLIST_FORM_KIND if stamp else None)
    checklist.community = stamp.get("community") or None
    if checklist.community and community.slug != "default" and checklist.community != community.slug:
        checklist.report(Code.COMMUNITY_MISMATCH, found=checklist.community,
                         expected=community.slug)
    current = S.form_version(checklist.form)
    if version is None or version == current:
        if version is None:
            checklist.report(Code.VERSION_MISSING)
        return None
    if _version_tuple(version) > _version_tuple(current):
        checklist.report(Code.VERSION_NEWER, found=version, current=current)
        return None
    # Migrations are the checklist's; other forms keep their own versions.
    is_checklist = (checklist.form or S.CHECKLIST_FORM_KIND) == S.CHECKLIST_FORM_KIND
    migration = S.MIGRATIONS.get(version) if is_checklist else None
    explanation = (migration.explanation if migration else
                   "No changes are recorded for that version; columns were matched by their headings.")
    checklist.report(Code.VERSION_OLDER, found=version, current=current,
                     explanation=explanation)
    return migration


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)) or (0,)


def match_sheets(names: list[str], checklist: Checklist, migration: S.Migration | None,
                 sheets: tuple[S.Sheet, ...] = S.CHECKLIST) -> tuple[dict[str, str], list[str]]:
    """Map schema sheet name -> actual sheet name, and list the sheets left over."""
    candidates = [n for n in names if n.strip().casefold() not in SPECIAL_SHEETS]
    titles = {sheet.name: _sheet_titles(sheet, migration) for sheet in sheets}
    found: dict[str, str] = {}
    for sheet in sheets:
        for name in candidates:
            if name not in found.values() and comparable(name) in titles[sheet.name]:
                found[sheet.name] = name
                break
    for sheet in sheets:
        leftovers = [n for n in candidates if n not in found.values()]
        if sheet.name in found or not leftovers:
            continue
        best = process.extractOne(sheet.title.casefold(), [comparable(n) for n in leftovers],
                                  scorer=fuzz.WRatio, score_cutoff=FUZZY_SHEET_CUTOFF)
        if best is not None:
            actual = leftovers[best[2]]
            found[sheet.name] = actual
            checklist.report(Code.SHEET_RENAMED, sheet=sheet.title, found=actual)
    return found, [n for n in candidates if n not in found.values()]


def match_by_headings(workbook, strangers: list[str], found: dict[str, str],
                      checklist: Checklist, migration: S.Migration | None,
                      sheets: tuple[S.Sheet, ...] = S.CHECKLIST) -> list[str]:
    """A renamed sheet ("Partners" for Members) is known by its headings; the rest stay strangers."""
    left = list(strangers)
    for sheet in sheets:
        if sheet.name in found or sheet.layout != S.TABLE or not left:
            continue
        keys = heading_keys(sheet, migration)
        scores = {name: _heading_score(workbook, name, keys) for name in left}
        best = max(left, key=lambda name: scores[name])
        if scores[best] >= SHEET_HEADINGS_NEEDED:
            found[sheet.name] = best
            left.remove(best)
            checklist.report(Code.SHEET_MATCHED_BY_HEADINGS, sheet=sheet.title, found=best)
    return left


def _heading_score(workbook, name: str, keys: dict[str, S.Field]) -> int:
    grid = workbook.get_sheet_by_name(name).to_python()[:HEADING_SEARCH_ROWS]
    return max((len({keys[comparable(v)] for v in row if comparable(v) in keys}) for row in grid),
               default=0)


def report_strangers(workbook, strangers: list[str], found: dict[str, str],
                     checklist: Checklist, sheets: tuple[S.Sheet, ...] = S.CHECKLIST) -> None:
    """A sheet the checklist does not know: a note, or an error when it may hold a missing sheet."""
    missing = [sheet for sheet in sheets if sheet.name not in found]
    for name in strangers:
        grid = workbook.get_sheet_by_name(name).to_python()
        filled = filled_row_count(grid) - sum(1 for row in grid if _example_mark(row))
        if not filled:
            continue
        likely = _likely_sheet(workbook, name, missing)
        if likely is not None:
            checklist.report(Code.SHEET_NOT_MATCHED, sheet=likely.title, found=name, rows=filled,
                             rows_not_loaded=filled,
                             missing=_sheet_list([sheet.title for sheet in missing]))
        else:
            checklist.report(Code.SHEET_UNKNOWN, sheet=name, found=name, rows=filled,
                             rows_not_loaded=filled, suggestion="")


def _example_mark(row: list) -> bool:
    """The template's example row, which carries its own mark, is not filled data."""
    return any(isinstance(v, str) and v.strip().startswith("◀") for v in row)


def _likely_sheet(workbook, name: str, missing: list[S.Sheet]) -> S.Sheet | None:
    """The missing sheet a stray one may be: by a heading it shares, or by a close name."""
    for sheet in missing:
        if _heading_score(workbook, name, heading_keys(sheet, None)) >= 1:
            return sheet
    closest = cells.suggestion(name, [sheet.title for sheet in missing])
    return next((sheet for sheet in missing if f"'{sheet.title}'" in closest), None)


def _sheet_list(titles: list[str]) -> str:
    quoted = [f"'{title}'" for title in titles]
    words = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
    return f"{words} sheet" + ("s are" if len(quoted) > 1 else " is")


def _sheet_titles(sheet: S.Sheet, migration: S.Migration | None) -> set[str]:
    titles = {comparable(sheet.title), comparable(sheet.name)} | {comparable(t) for t in sheet.former_titles}
    if migration:
        titles |= {comparable(old) for old, new in migration.renamed_sheets.items() if new == sheet.name}
    return titles


def comparable(text: Any) -> str:
    """How headings and titles are compared: no required mark, case or spacing."""
    try:
        return _comparable(text)
    except TypeError:  # an unhashable value cannot be cached
        return _comparable.__wrapped__(text)


@functools.lru_cache(maxsize=4096)  # headings and labels repeat in every file
def _comparable(text: Any) -> str:
    plain = cells.clean_text(text)[0].replace("*", "").translate(cells.DASHES)
    return " ".join(HEADING_MARKS.sub("", plain).casefold().split())


def filled_row_count(grid: list[list]) -> int:
    return sum(1 for row in grid if not row_blank(row))


def row_blank(row: list) -> bool:
    return all(cells.is_blank(value) for value in row)


def heading_keys(sheet: S.Sheet, migration: S.Migration | None) -> dict[str, S.Field]:
    """Each heading a field may carry, compared as ``comparable`` does -> the field.

    The same for every file of one version, so built once per sheet and migration;
    callers must not change the dict.
    """
    cached = _HEADING_KEYS.get((id(sheet), id(migration)))
    if cached is not None and cached[0] is sheet and cached[1] is migration:
        return cached[2]
    keys = _heading_keys(sheet, migration)
    _HEADING_KEYS[(id(sheet), id(migration))] = (sheet, migration, keys)
    return keys


def _heading_keys(sheet: S.Sheet, migration: S.Migration | None) -> dict[str, S.Field]:
    keys: dict[str, S.Field] = {}
    for f in sheet.fields:
        for heading in (f.label, f.name, f.name.replace("_", " "), *f.former_labels):
            keys.setdefault(comparable(heading), f)
    if migration:
        for (sheet_name, old), new in migration.renamed_fields.items():
            if sheet_name == sheet.name:
                keys.setdefault(comparable(old), sheet.field(new))
    return keys


def match_heading(text: Any, keys: dict[str, S.Field]) -> tuple[S.Field | None, bool]:
    """The field a heading names, and whether it was only a close match."""
    key = comparable(text)
    if not key:
        return None, False
    if key in keys:
        return keys[key], False
    best = process.extractOne(key, list(keys), scorer=fuzz.ratio,
                              score_cutoff=FUZZY_HEADING_CUTOFF)
    return (keys[best[0]], True) if best else (None, False)


def address(a1: str) -> tuple[int, int]:
    letters, digits = re.match(r"([A-Z]+)(\d+)", a1).groups()
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return int(digits), column


def note(checklist: Checklist, notes: list[cells.Note], sheet: S.Sheet, row: int, column: int,
         field_: S.Field) -> None:
    for code, details in notes:
        checklist.report(code, sheet=sheet.title, row=row, column=column, field_=field_.label,
                         **details)
