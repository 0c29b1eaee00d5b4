"""Build the starter database from checklists: check, match names, write in one transaction.

Ids are given in a fixed order (files by path, rows by position, organisations
and people by match key), so loading the same files twice gives the same database.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import schema as S
from . import store
from .community import Community
from .intake.batch import CheckReport, Progress, check_paths, collecting_later
from .intake.problems import Code, make_problem
from .intake.reader import LOADED, Checklist, Record
from .matching import (AliasBook, Equivalences, MatchResult, PersonMatchResult, PersonMention,
                       PersonResolution, ReviewItem, equivalences_beside, match_organisations,
                       match_people, read_aliases, read_equivalences)


@dataclass
class LoadResult:
    report: CheckReport
    load_id: int
    organisations: int
    people: int
    review: list[ReviewItem]  # name pairs a facilitator should decide on


@dataclass(frozen=True)
class _Place:
    file: str
    sheet: str
    cell: str | None


def load_paths(paths: list[str | Path], db_path: str | Path, community: Community,
               progress: Progress | None = None) -> LoadResult:
    with collecting_later():
        report = check_paths(paths, community, progress)
        aliases = _aliases(community, report)
        organisations = _match_organisations(report, aliases, _equivalences(community, report))
        people, person_keys = _match_people(report, organisations, aliases)
        rows = _rows_for(report, organisations, people, person_keys)
        rows["problems"] = _problem_rows(report)
        rows["name_places"] = _name_place_rows(report, organisations, person_keys)
    load_id = store.write_load(db_path, rows, {
        "community": community.slug, "files": _file_rows(report),
        "errors": report.errors, "warnings": report.warnings})
    return LoadResult(report, load_id, len(rows["organisations"]), len(rows["people"]),
                      organisations.review + people.review)


def _aliases(community: Community, report: CheckReport) -> AliasBook:
    book = read_aliases(community.aliases_path)
    for message in book.errors:
        report.extra_problems.append(make_problem(
            Code.ALIASES_ROW_INVALID, str(community.aliases_path), detail=message))
    return book


def _equivalences(community: Community, report: CheckReport) -> Equivalences:
    path = equivalences_beside(community.aliases_path)
    equivalences = read_equivalences(path)
    for message in equivalences.errors:
        report.extra_problems.append(make_problem(Code.EQUIVALENCES_ROW_INVALID, str(path),
                                                  detail=message))
    return equivalences


# --- organisations and people ---------------------------------------------------

def _organisation_mentions(checklist: Checklist) -> list[tuple[str, _Place]]:
    mentions = []
    for record in _records(checklist):
        sheet = S.sheet_by_name(record.sheet)
        for field in _organisation_fields(sheet):
            place = _Place(str(checklist.path), sheet.title, record.cells.get(field.name))
            mentions += [(value, place) for value in _values(record, field)]
    return mentions


def _values(record: Record, field: S.Field) -> list:
    """A field's answers as a list: none, one, or each value of a several-valued field."""
    value = record.values.get(field.name)
    if field.several:
        return list(value or [])
    return [value] if value not in (None, "") else []


def _records(checklist: Checklist) -> list[Record]:
    if checklist.status != LOADED or checklist.coalition is None:
        return []
    records = [checklist.coalition]
    for sheet in S.CHECKLIST:
        records += checklist.tables.get(sheet.name, [])
    return records


def _match_organisations(report: CheckReport, aliases: AliasBook,
                         equivalences: Equivalences) -> MatchResult:
    first_place: dict[str, _Place] = {}
    spellings: list[str] = []
    for checklist in report.checklists:
        for spelling, place in _organisation_mentions(checklist):
            spellings.append(spelling)
            first_place.setdefault(spelling, place)
    result = match_organisations(spellings, aliases, equivalences)
    for resolution in result.merged_with_warning:
        place = first_place[resolution.spelling]
        code = Code.NAME_MERGED_ABBREVIATION if resolution.how == "acronym" else Code.NAME_MERGED_FUZZY
        report.extra_problems.append(make_problem(
            code, place.file, sheet=place.sheet, cell=place.cell,
            value=resolution.spelling, fixed=resolution.canonical, score=round(resolution.score)))
    for item in result.review:
        place = first_place.get(item.name)
        if place is not None:
            code = (Code.NAME_NEEDS_REVIEW_ABBREVIATION if item.reason == "acronym"
                    else Code.NAME_NEEDS_REVIEW)
            report.extra_problems.append(make_problem(
                code, place.file, sheet=place.sheet, cell=place.cell,
                value=item.name, candidate=item.candidate, score=round(item.score)))
    return result


def _person_fields(sheet: S.Sheet) -> tuple[S.Field, ...]:
    return _entity_fields(sheet, S.PERSON)


def _organisation_fields(sheet: S.Sheet) -> tuple[S.Field, ...]:
    return _entity_fields(sheet, S.ORGANISATION)


def _organisation_of(record: Record, organisations: MatchResult) -> str | None:
    """The match key of the organisation a person on this record speaks for."""
    for field in _organisation_fields(S.sheet_by_name(record.sheet)):
        for value in _values(record, field):
            if value in organisations.resolutions:
                return organisations.resolutions[value].key
    return None


def _match_people(report: CheckReport, organisations: MatchResult, aliases: AliasBook):
    mentions: list[PersonMention] = []
    owners: list[tuple[int, str]] = []  # (record, person field) per mention
    places: list[_Place] = []
    for checklist in report.checklists:
        for record in _records(checklist):
            sheet = S.sheet_by_name(record.sheet)
            for field in _person_fields(sheet):
                name = record.values.get(field.name)
                email = record.values.get(field.email_field)
                if name or email:
                    mentions.append(PersonMention(name, email, _organisation_of(record, organisations)))
                    owners.append((id(record), field.name))
                    places.append(_Place(str(checklist.path), sheet.title,
                                         record.cells.get(field.name)))
    result = match_people(mentions, aliases)
    person_keys = {owner: result.people[index].key for index, owner in enumerate(owners)
                   if result.people[index] is not None}
    _report_person_merges(report, result, mentions, places, organisations)
    return result, person_keys


def _report_person_merges(report: CheckReport, result: PersonMatchResult,
                          mentions: list[PersonMention], places: list[_Place],
                          organisations: MatchResult) -> None:
    place_of = {}
    for mention, place in zip(mentions, places):
        place_of.setdefault(mention, place)
    display = {r.key: r.canonical for r in organisations.resolutions.values()}
    for merged in result.merged_with_warning:
        place = place_of.get(merged.mention)
        if place is None:
            continue
        value = merged.mention.name or merged.mention.email
        if merged.how == "name":  # the same name met at another organisation
            report.extra_problems.append(make_problem(
                Code.PERSON_SAME_NAME_ELSEWHERE, place.file, sheet=place.sheet, cell=place.cell,
                value=value, fixed=merged.name,
                organisation=display.get(merged.mention.organisation_key, "an organisation"),
                other=", ".join(display.get(key, key) for key in merged.met_elsewhere)))
            continue
        report.extra_problems.append(make_problem(
            Code.NAME_MERGED_FUZZY, place.file, sheet=place.sheet, cell=place.cell,
            value=value, fixed=merged.name, score=round(merged.score)))


# --- rows for the database ------------------------------------------------------

def _rows_for(report: CheckReport, organisations: MatchResult, people: PersonMatchResult,
              person_keys: dict[tuple[int, str], str]) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = defaultdict(list)
    organisation_ids = _organisation_rows(organisations, rows)
    person_ids = _people_rows(people, rows)
    for checklist in sorted(report.loaded, key=lambda c: str(c.path)):
        coalition_id = len(rows["coalitions"]) + 1
        goal_row_ids: dict[str, int] = {}
        for record in _records(checklist):
            sheet = S.sheet_by_name(record.sheet)
            table = store.table_name(sheet)
            row = _base_row(sheet, record, checklist, coalition_id, len(rows[table]) + 1)
            for column in _columns(sheet):
                _put_field(row, sheet, column, record, organisations, organisation_ids,
                           person_ids, person_keys, rows)
            rows[table].append(row)
            if sheet is S.GOALS:
                goal_row_ids[str(record.values["goal_id"]).upper()] = row["goal_row_id"]
            if sheet is S.STRATEGIES:
                rows["strategy_goals"] += [
                    {"strategy_id": row["strategy_id"], "goal_row_id": goal_row_ids[g]}
                    for g in record.values.get("goal_ids") or [] if g in goal_row_ids]
    rows["name_review"] = [{"kind": i.kind, "name": i.name, "candidate": i.candidate,
                            "score": i.score} for i in organisations.review + people.review]
    return rows


def _base_row(sheet: S.Sheet, record: Record, checklist: Checklist, coalition_id: int,
              row_id: int) -> dict[str, Any]:
    row: dict[str, Any] = {store.row_id_column(sheet): coalition_id if sheet is S.COALITION else row_id}
    if sheet is not S.COALITION:
        row["coalition_id"] = coalition_id
    row["source_file"] = str(checklist.path)
    row["source_row"] = record.row
    row["extra_json"] = json.dumps(record.extra, default=str, sort_keys=True) if record.extra else None
    return row


@dataclass(frozen=True)
class _Column:
    """How one field of a sheet becomes database columns, worked out once per sheet."""
    field: S.Field
    value_table: str | None  # the child table of a several-valued field with one
    measure_text: str | None  # the column keeping a measure as typed
    entity_column: str | None  # the organisation or person id beside the value


_COLUMNS: dict[str, list[_Column]] = {}


def _columns(sheet: S.Sheet) -> list[_Column]:
    columns = _COLUMNS.get(sheet.name)
    if columns is None:
        columns = _COLUMNS[sheet.name] = [_column(sheet, f) for f in sheet.fields
                                           if store.has_value_table(f) or not f.several]
    return columns


def _column(sheet: S.Sheet, field: S.Field) -> _Column:
    if store.has_value_table(field):
        return _Column(field, store.multi_value_table(field, sheet), None, None)
    entity = {S.ORGANISATION: f"{field.name}_id",
              S.PERSON: f"{field.name}_person_id"}.get(field.entity)
    return _Column(field, None,
                   store.measure_text_column(field) if field.type == S.MEASURE else None, entity)


def _put_field(row: dict, sheet: S.Sheet, column: _Column, record: Record,
               organisations: MatchResult, organisation_ids: dict[str, int],
               person_ids: dict[str, int], person_keys: dict, rows: dict) -> None:
    field = column.field
    value = record.values.get(field.name)
    if column.value_table is not None:
        rows[column.value_table] += [
            _value_row(sheet, row, field, v, i, organisations, organisation_ids)
            for i, v in enumerate(value or [])]
        return
    # Several values without a table of their own (goal links) are written once all goals
    # of the file have ids.
    row[field.name] = value
    if column.measure_text is not None:
        row[column.measure_text] = record.values.get(column.measure_text)
    if column.entity_column is None:
        return
    if field.entity == S.ORGANISATION:
        resolution = organisations.resolutions.get(value) if value else None
        row[column.entity_column] = organisation_ids[resolution.key] if resolution else None
    else:
        key = person_keys.get((id(record), field.name))
        row[column.entity_column] = person_ids[key] if key else None


def _value_row(sheet: S.Sheet, row: dict, field: S.Field, value: str, position: int,
               organisations: MatchResult, organisation_ids: dict[str, int]) -> dict:
    child = {"coalition_id": row["coalition_id"],
             "value": value, "position": position}
    if sheet is not S.COALITION:
        child = {store.row_id_column(sheet): row[store.row_id_column(sheet)], **child}
    if field.entity == S.ORGANISATION:
        resolution = organisations.resolutions.get(value)
        child["organisation_id"] = organisation_ids[resolution.key] if resolution else None
    return child


def _organisation_rows(organisations: MatchResult, rows: dict) -> dict[str, int]:
    by_key: dict[str, str] = {}
    for resolution in organisations.resolutions.values():
        by_key.setdefault(resolution.key, resolution.canonical)
    ids = {key: index for index, key in enumerate(sorted(by_key), start=1)}
    rows["organisations"] = [{"organisation_id": ids[k], "name": by_key[k], "match_key": k}
                             for k in sorted(by_key)]
    rows["organisation_spellings"] = [
        {"spelling": r.spelling, "organisation_id": ids[r.key], "how": r.how, "score": r.score}
        for r in sorted(organisations.resolutions.values(), key=lambda r: r.spelling)]
    return ids


def _people_rows(people: PersonMatchResult, rows: dict) -> dict[str, int]:
    by_key: dict[str, PersonResolution] = {}
    for resolution in people.people:
        if resolution is not None:
            by_key.setdefault(resolution.key, resolution)
    ids = {key: index for index, key in enumerate(sorted(by_key), start=1)}
    rows["people"] = [{"person_id": ids[k], "name": by_key[k].name, "email": by_key[k].email,
                       "match_key": k} for k in sorted(by_key)]
    return ids


def _problem_rows(report: CheckReport) -> list[dict]:
    return [{"problem_id": index, **{k: v for k, v in p.as_dict().items()}}
            for index, p in enumerate(report.problems, start=1)]


def _file_rows(report: CheckReport) -> list[dict]:
    return [{"path": str(c.path), "sha256": c.sha256, "status": c.status,
             "rows": c.rows if c.status == LOADED else {}} for c in report.checklists]


# --- where each name was typed: evidence for the names-to-review panel -----------

def _name_place_rows(report: CheckReport, organisations: MatchResult,
                     person_keys: dict[tuple[int, str], str]) -> list[dict]:
    places = []
    for checklist in report.checklists:
        source_file = str(checklist.path)
        for record in _records(checklist):
            sheet = S.sheet_by_name(record.sheet)
            fields = _entity_fields(sheet)
            names = {f.name: record.values.get(f.name) for f in fields}
            people = "; ".join(str(names[f.name]) for f in fields
                               if f.entity == S.PERSON and names[f.name])
            organisation = next((str(names[f.name]) for f in fields
                                 if f.entity == S.ORGANISATION and names[f.name]), None)
            for field in fields:
                if field.entity == S.ORGANISATION and names[field.name]:
                    resolution = organisations.resolve(names[field.name])
                    key, alongside = (resolution.key if resolution else None), people or None
                elif field.entity == S.PERSON:
                    key, alongside = person_keys.get((id(record), field.name)), organisation
                else:
                    continue
                spelling = names[field.name] or record.values.get(field.email_field)
                if key is not None and spelling:
                    places.append({"kind": field.entity, "match_key": key, "spelling": str(spelling),
                                   "source_file": source_file, "sheet": sheet.title,
                                   "cell": record.cells.get(field.name), "source_row": record.row,
                                   "alongside": alongside})
    return places


# By (sheet name, entity or None for any): worked out once, asked for on every record.
_ENTITY_FIELDS: dict[tuple[str, str | None], tuple[S.Field, ...]] = {}


def _entity_fields(sheet: S.Sheet, entity: str | None = None) -> tuple[S.Field, ...]:
    """The sheet's fields that name an organisation or a person (or only *entity*), in the
    sheet's order."""
    fields = _ENTITY_FIELDS.get((sheet.name, entity))
    if fields is None:
        fields = _ENTITY_FIELDS[sheet.name, entity] = tuple(
            f for f in sheet.fields if (f.entity == entity if entity else f.entity))
    return fields
