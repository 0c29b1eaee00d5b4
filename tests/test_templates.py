"""The Excel checklist is derived from the schema and behaves in Excel and LibreOffice."""
from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from workbook import schema as S
from workbook.community import load_community
from workbook.templates import (EXAMPLE_MARK, area_list_name, list_name, template_fingerprint,
                                write_template)

from .conftest import EXAMPLE, ROOT

COMMITTED = {
    ROOT / "templates" / "footprint-checklist.xlsx": None,
    ROOT / "templates" / "footprint-checklist-example.xlsx": EXAMPLE,
}


@pytest.mark.parametrize("committed, community_dir", COMMITTED.items(),
                         ids=lambda v: getattr(v, "name", str(v)))
def test_committed_template_is_up_to_date(tmp_path, committed, community_dir):
    fresh = write_template(tmp_path / "fresh.xlsx", load_community(community_dir))
    assert committed.exists(), f"{committed} is missing: run `make templates`"
    assert template_fingerprint(committed) == template_fingerprint(fresh), (
        f"{committed.name} is stale: run `make templates` and commit the result")


def test_every_schema_sheet_and_field_is_in_the_template(tmp_path):
    workbook = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx"))
    assert workbook.sheetnames[0] == S.INSTRUCTIONS_SHEET
    for sheet in S.CHECKLIST:
        worksheet = workbook[sheet.title]
        if sheet.layout == S.FORM:
            labels = [worksheet.cell(row=S.FORM_FIRST_ROW + i, column=1).value
                      for i in range(len(sheet.fields))]
        else:
            labels = [worksheet.cell(row=S.TABLE_HEADER_ROW, column=i + 1).value
                      for i in range(len(sheet.fields))]
        assert labels == [f.header for f in sheet.fields]
        assert all(label.endswith(S.REQUIRED_MARK) == f.required
                   for label, f in zip(labels, sheet.fields))


def test_dropdowns_use_defined_names_on_the_hidden_lists_sheet(tmp_path):
    community = load_community(EXAMPLE)
    workbook = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", community))
    assert workbook[S.LISTS_SHEET].sheet_state == "hidden"
    list_fields = [(sheet, f) for sheet in S.CHECKLIST for f in sheet.fields if f.vocabulary]
    for sheet, field in list_fields:
        validations = [v for v in workbook[sheet.title].data_validations.dataValidation
                       if v.type == "list" and v.formula1 == list_name(field.vocabulary)]
        assert validations, f"{sheet.title}/{field.label} has no dropdown"
        for validation in validations:
            assert '"' not in validation.formula1  # never an inline list
            assert validation.showErrorMessage and validation.showInputMessage
        defined = workbook.defined_names[list_name(field.vocabulary)]
        target_sheet, cells = next(iter(defined.destinations))
        assert target_sheet == S.LISTS_SHEET
        values = [c.value for row in workbook[target_sheet][cells] for c in row]
        assert tuple(values) == community.vocabulary(field.vocabulary)


def test_the_area_dropdown_lists_the_places_of_the_rows_level(tmp_path):
    community = load_community(EXAMPLE)
    community.areas_by_level["City or town"] = ("Easton", "Dunmore")
    workbook = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", community))
    for level in community.vocabulary("geography_levels"):
        target_sheet, cells = next(iter(workbook.defined_names[area_list_name(level)].destinations))
        values = [c.value for row in workbook[target_sheet][cells] for c in row]
        assert [v for v in values if v] == list(community.areas_by_level.get(level, ()))
    areas = workbook[S.AREAS.title]
    level_column = get_column_letter(S.AREAS.fields.index(S.AREAS.field("level")) + 1)
    area_column = get_column_letter(S.AREAS.fields.index(S.AREAS.field("area")) + 1)
    (validation,) = [v for v in areas.data_validations.dataValidation
                     if str(v.sqref).startswith(area_column)]
    assert validation.type == "list" and f"${level_column}{S.TABLE_FIRST_DATA_ROW}" in validation.formula1
    # a place missing from the list can still be typed: the loader names it
    assert validation.errorStyle == "information"


def test_long_vocabularies_still_work(tmp_path):
    """Inline lists break past 255 characters; named ranges do not."""
    community = load_community(EXAMPLE)
    long_list = tuple(f"Neighbourhood number {i} of the region" for i in range(60))
    community.vocabularies["sectors"] = long_list
    workbook = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", community))
    _, cells = next(iter(workbook.defined_names[list_name("sectors")].destinations))
    assert len([c for row in workbook[S.LISTS_SHEET][cells] for c in row]) == 60


def test_messages_fit_excel_limits(tmp_path):
    workbook = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx"))
    for sheet in S.CHECKLIST:
        for validation in workbook[sheet.title].data_validations.dataValidation:
            assert validation.prompt and len(validation.prompt) <= 255
            assert len(validation.promptTitle or "") <= 32
            assert len(validation.error or "") <= 255


def test_headings_locked_inputs_unlocked_sheets_protected(tmp_path):
    workbook = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx"))
    goals = workbook["Goals"]
    assert goals.protection.sheet
    assert goals.cell(row=S.TABLE_HEADER_ROW, column=1).protection.locked
    assert not goals.cell(row=S.TABLE_FIRST_DATA_ROW, column=1).protection.locked
    coalition = workbook["Coalition"]
    assert coalition.cell(row=S.FORM_FIRST_ROW, column=1).protection.locked
    assert not coalition.cell(row=S.FORM_FIRST_ROW, column=S.FORM_FIRST_VALUE_COLUMN).protection.locked


def test_example_row_and_version_stamp(tmp_path):
    community = load_community(EXAMPLE)
    workbook = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", community))
    goals = workbook["Goals"]
    assert goals.cell(row=S.TABLE_EXAMPLE_ROW, column=1).value == S.GOALS.fields[0].example
    assert goals.cell(row=S.TABLE_EXAMPLE_ROW, column=len(S.GOALS.fields) + 1).value == EXAMPLE_MARK
    meta = {row[0]: row[1] for row in workbook[S.META_SHEET].iter_rows(values_only=True)}
    assert meta["schema_version"] == S.SCHEMA_VERSION
    assert meta["community"] == community.slug
    assert workbook[S.META_SHEET].sheet_state == "hidden"


def test_template_command_writes_a_file(tmp_path):
    out = tmp_path / "checklist.xlsx"
    completed = subprocess.run([sys.executable, "-m", "workbook", "template", "--community",
                                str(EXAMPLE), "--out", str(out)], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert openpyxl.load_workbook(out)["_meta"]["B2"].value == "example"


def test_libreoffice_round_trip_keeps_dropdowns(tmp_path, soffice):
    source = write_template(tmp_path / "template.xlsx", load_community(EXAMPLE))
    converted = soffice(source, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    workbook = openpyxl.load_workbook(converted)
    assert workbook[S.LISTS_SHEET].sheet_state == "hidden"
    members = workbook["Members"]
    lists = {v.formula1 for v in members.data_validations.dataValidation if v.type == "list"}
    assert {list_name("sectors"), list_name("roles")} <= lists
    for name in (list_name("sectors"), list_name("roles")):
        assert name in workbook.defined_names
    # the Areas dropdown that follows the row's level survives too
    areas = workbook[S.AREAS.title]
    formulas = [v.formula1 or "" for v in areas.data_validations.dataValidation if v.type == "list"]
    assert any("INDIRECT" in f.upper() for f in formulas)
    assert area_list_name("County") in workbook.defined_names
