"""Schema 2.0: the checklist fits real coalitions.

Areas at several levels, co-leads and a fiscal agent, history, bodies that meet,
goals with units and latest values, funding kinds, residents at the table, the
ways coordinators really type "not known yet" and percentages, and 1.0 checklists
still loading. Values are written the way a Kentucky region's coalition
coordinators write them, into the template built from the schema.
"""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from workbook import schema as S
from workbook import store
from workbook.community import SettingsError, default_community, load_community
from workbook.intake.problems import Code
from workbook.intake.reader import LOADED, read_checklist
from workbook.loading import load_paths
from workbook.templates import build_template

OLD_CHECKLISTS = Path(__file__).parent / "data" / "schema-1.0"

COMMUNITY_TOML = '''
name = "Bluegrass Region"
slug = "bluegrass"

[geography]
region = ["Bluegrass Region"]
county = ["Fayette County", "Scott County", "Woodford County", "Jessamine County"]
city = ["Lexington", "Georgetown", "Versailles", "Nicholasville"]
school_district = ["Fayette County Public Schools", "Scott County Schools"]

[geography.within]
"Georgetown" = "Scott County"
"Scott County Schools" = "Scott County"
"Lexington" = "Fayette County"
'''

COALITION = {
    "name": "Bluegrass Kindergarten Readiness Collaborative",
    "short_name": "BKRC",
    "former_names": ["Fayette Ready by Five", "Ready Lexington"],
    "status": "Active",
    "lead_organisations": ["United Way of the Bluegrass", "Lexington Public Library"],
    "backbone_organisation": "Community Action Council for Lexington-Fayette, Bourbon, "
                             "Harrison and Nicholas Counties",
    "fiscal_agent": "Blue Grass Community Foundation",
    "filled_by": "The coalition",
    "contact_name": "LaTonya Price",
    "contact_email": "lprice@uwbg.org",
    "year_founded": 2014,
    "mission": "Every child in the Bluegrass starts kindergarten ready to succeed.",
    "populations": ["Prenatal to 5", "Families"],
    "issue_areas": ["Early childhood"],
    "annual_budget": 185000,
    "staff_fte": 1.5,
    "meeting_cadence": "Quarterly",
    "meeting_hours": 2,
    "website": "https://www.uwbg.org/readiness",
    "completed_on": "2026-10-14",
}
ROWS = {
    "areas": [
        {"level": "County", "area": "Fayette County", "coverage": "All of it"},
        {"level": "City or town", "area": "Georgetown", "coverage": "All of it"},
        {"level": "School district", "area": "Scott County Schools", "coverage": "Part of it",
         "notes": "Title I elementary schools only"},
        {"level": "Neighbourhood or ZIP", "area": "40505"},
    ],
    "bodies": [
        {"body": "Full collaborative", "kind": "Full coalition", "cadence": "Quarterly",
         "hours": 2},
        {"body": "Steering Committee", "kind": "Steering or executive committee",
         "cadence": "Monthly", "hours": 1.5},
        {"body": "Family Engagement Workgroup", "kind": "Workgroup or action team",
         "meetings_per_year": 5, "hours": 1, "notes": "Lunch meetings"},
    ],
    "goals": [
        {"goal_id": "G1", "statement": "More children enter kindergarten ready",
         "issue_area": "Early childhood", "population": "Prenatal to 5",
         "indicator": "Kindergartners ready on the BRIGANCE screener", "unit": "Percent",
         "polarity": "Higher is better", "baseline_value": 48, "baseline_year": 2019,
         "latest_value": 51.5, "latest_year": 2024, "target_value": 60, "target_year": 2030,
         "data_source": "Kentucky Department of Education"},
        {"goal_id": "G2", "statement": "Fewer babies born at low birth weight",
         "issue_area": "Health", "unit": "Rate per 1,000", "polarity": "Lower is better",
         "baseline_value": 91, "baseline_year": 2020, "target_value": 80, "target_year": 2030},
    ],
    "strategies": [
        {"strategy": "Kindergarten Countdown summer camps", "goal_ids": "G1",
         "strategy_type": "Direct service", "issue_area": "Early childhood", "status": "Active"},
    ],
    "members": [
        {"organisation": "Fayette County Public Schools", "sector": "Education (K-12)",
         "representative": "Marcus Bell", "representative_email": "marcus.bell@fayette.kyschools.us",
         "role": "Co-chair", "bodies": "Steering Committee; Full collaborative",
         "meetings_per_year": 14},
        {"organisation": None, "sector": "Community member", "representative": "Rosa Delgado",
         "role": "Resident or community member", "bodies": "Family Engagement Workgroup"},
        {"organisation": "Blue Grass Community Foundation", "sector": "Philanthropy",
         "representative": "Henry Oduya", "role": "Fiscal agent"},
    ],
    "funders": [
        {"funder": "Blue Grass Community Foundation", "amount": 150000,
         "amount_kind": "Total over the period", "start_year": 2024, "end_year": 2026},
        {"funder": "Toyota Motor Manufacturing Kentucky", "amount": 12000,
         "amount_kind": "In-kind (value per year)", "notes": "Meeting space and printing"},
        {"funder": "PNC Grow Up Great", "amount": 40000, "amount_kind": "Pending"},
    ],
    "asks": [{"organisation": "Kentucky Department of Education", "ask_type": "Data",
              "times_per_year": 1}],
}


# --- writing a filled 2.0 template, as a clerk would ---------------------------------

def fill(path: Path, community, coalition: dict | None = None, rows: dict | None = None,
         drop_sheets: tuple[str, ...] = ()) -> Path:
    """The community's template with *coalition* on the form and *rows* below the examples."""
    workbook = build_template(community)
    form = workbook[S.COALITION.title]
    names = [f.name for f in S.COALITION.fields]
    for name, value in (COALITION if coalition is None else coalition).items():
        answers = value if isinstance(value, list) else [value]
        for offset, answer in enumerate(answers):
            form.cell(row=S.FORM_FIRST_ROW + names.index(name),
                      column=S.FORM_FIRST_VALUE_COLUMN + offset, value=answer)
    for sheet_name, sheet_rows in (ROWS if rows is None else rows).items():
        sheet = S.sheet_by_name(sheet_name)
        columns = [f.name for f in sheet.fields]
        for offset, row in enumerate(sheet_rows):
            for name, value in row.items():
                workbook[sheet.title].cell(row=S.TABLE_FIRST_DATA_ROW + offset,
                                           column=columns.index(name) + 1, value=value)
    for title in drop_sheets:
        del workbook[title]
    workbook.save(path)
    return path


def with_rows(**changes) -> dict:
    return {**ROWS, **changes}


@pytest.fixture
def bluegrass(tmp_path):
    folder = tmp_path / "bluegrass"
    folder.mkdir()
    (folder / "community.toml").write_text(COMMUNITY_TOML, encoding="utf-8")
    return load_community(folder)


def codes(checklist) -> list[str]:
    return [p.code for p in checklist.problems]


def found(checklist, code: Code) -> list:
    return [p for p in checklist.problems if p.code == code.name]


def errors(checklist) -> list:
    return [p for p in checklist.problems if p.severity == "error"]


# --- the round trip ------------------------------------------------------------------

def test_a_filled_2_0_template_loads_back_the_same_values(tmp_path, bluegrass):
    checklist = read_checklist(fill(tmp_path / "bkrc.xlsx", bluegrass), bluegrass)
    assert checklist.status == LOADED and checklist.schema_version == "2.0"
    assert errors(checklist) == [] and checklist.problems == []
    values = checklist.coalition.values
    for name, typed in COALITION.items():
        assert values[name] == typed, name
    for sheet_name, typed_rows in ROWS.items():
        records = checklist.tables[sheet_name]
        assert len(records) == len(typed_rows), sheet_name
        for record, typed in zip(records, typed_rows):
            for name, value in typed.items():
                expected = value
                if S.sheet_by_name(sheet_name).field(name).several:
                    expected = [part.strip() for part in value.split(";")]
                    if name == "goal_ids":
                        expected = [v.upper() for v in expected]
                assert record.values[name] == expected, (sheet_name, name)
    # a blank coverage means all of it
    assert checklist.tables["areas"][3].values["coverage"] == "All of it"


def test_the_2_0_database_holds_areas_bodies_co_leads_and_funding_kinds(tmp_path, bluegrass):
    path = fill(tmp_path / "bkrc.xlsx", bluegrass)
    load_paths([path], tmp_path / "w.db", bluegrass)
    db = sqlite3.connect(tmp_path / "w.db")
    assert db.execute("SELECT level, area, coverage FROM areas ORDER BY area_id").fetchall() == [
        (r["level"], r["area"], r.get("coverage") or "All of it") for r in ROWS["areas"]]
    assert [b for (b,) in db.execute("SELECT body FROM bodies ORDER BY body_id")] == [
        r["body"] for r in ROWS["bodies"]]
    leads = db.execute("SELECT l.value, o.name FROM coalition_lead_organisations l "
                       "JOIN organisations o USING (organisation_id) ORDER BY position").fetchall()
    assert [value for value, _ in leads] == COALITION["lead_organisations"]
    fiscal_agent, backbone = db.execute(
        "SELECT fiscal_agent_id, backbone_organisation_id FROM coalitions").fetchone()
    funder_id = db.execute("SELECT funder_id FROM funders WHERE funder = ?",
                           (COALITION["fiscal_agent"],)).fetchone()[0]
    assert fiscal_agent == funder_id and backbone is not None
    assert [r for (r,) in db.execute("SELECT value FROM coalition_former_names ORDER BY position")] \
        == COALITION["former_names"]
    seats = db.execute("SELECT m.representative, b.value FROM members_bodies b "
                       "JOIN members m USING (membership_id) ORDER BY m.membership_id, b.position")
    assert seats.fetchall() == [("Marcus Bell", "Steering Committee"),
                                ("Marcus Bell", "Full collaborative"),
                                ("Rosa Delgado", "Family Engagement Workgroup")]
    assert db.execute("SELECT amount_kind FROM funders ORDER BY funding_id").fetchall() == [
        (r["amount_kind"],) for r in ROWS["funders"]]
    resident = db.execute("SELECT organisation_id, representative_person_id FROM members "
                          "WHERE representative = 'Rosa Delgado'").fetchone()
    assert resident[0] is None and resident[1] is not None


def test_every_2_0_table_is_in_the_derived_schema():
    tables = set(store.derived_tables())
    assert {"areas", "bodies", "coalition_lead_organisations", "coalition_former_names",
            "members_bodies"} <= tables
    assert "coalition_geographies" not in tables
    ddl = store.derived_ddl()
    for name in ("baseline_value_text", "latest_value_text", "target_value_text"):
        assert f"{name} TEXT" in ddl


# --- percentages and measures ----------------------------------------------------------

def goals(*values, unit="Percent", field="baseline_value") -> list[dict]:
    return [{"goal_id": f"G{i}", "statement": f"Goal number {i}", "issue_area": "Health",
             "unit": unit, field: value} for i, value in enumerate(values, start=1)]


@pytest.mark.parametrize("typed", ["48%", 48, "48", 0.48, ".48", "48 percent", "48 per cent"])
def test_a_percentage_typed_any_way_is_stored_as_48(tmp_path, bluegrass, typed):
    path = fill(tmp_path / "p.xlsx", bluegrass, rows=with_rows(goals=goals(typed)))
    checklist = read_checklist(path, bluegrass)
    assert checklist.tables["goals"][0].values["baseline_value"] == 48
    assert found(checklist, Code.CELL_MIXED_SCALES) == []


def test_a_column_mixing_fractions_and_whole_percentages_is_named(tmp_path, bluegrass):
    path = fill(tmp_path / "p.xlsx", bluegrass,
                rows=with_rows(goals=goals("48%", 0.52, 61, ".7")))
    checklist = read_checklist(path, bluegrass)
    assert [g.values["baseline_value"] for g in checklist.tables["goals"]] == [48, 52, 61, 70]
    (warning,) = found(checklist, Code.CELL_MIXED_SCALES)
    column = "ABCDEFGHIJKLMNOP"[[f.name for f in S.GOALS.fields].index("baseline_value")]
    assert warning.severity == "warning" and warning.field == "Baseline value"
    assert f"{column}4, {column}6" in warning.message and f"{column}3, {column}5" in warning.message


def test_a_whole_column_of_fractions_is_one_scale_and_100_percent_stays_100(tmp_path, bluegrass):
    row = {"goal_id": "G1", "statement": "All third graders read on grade level",
           "issue_area": "K-12 education", "unit": "Percent", "baseline_value": 0.41,
           "target_value": 1}
    checklist = read_checklist(fill(tmp_path / "p.xlsx", bluegrass,
                                    rows=with_rows(goals=[row])), bluegrass)
    values = checklist.tables["goals"][0].values
    assert (values["baseline_value"], values["target_value"]) == (41, 100)
    assert found(checklist, Code.CELL_MIXED_SCALES) == []


def test_other_units_keep_their_numbers(tmp_path, bluegrass):
    path = fill(tmp_path / "p.xlsx", bluegrass, rows=with_rows(goals=goals(0.5, 7.2, unit="Rate per 1,000")))
    checklist = read_checklist(path, bluegrass)
    assert [g.values["baseline_value"] for g in checklist.tables["goals"]] == [0.5, 7.2]


def test_a_blank_unit_beside_a_percent_sign_is_read_as_percent(tmp_path, bluegrass):
    path = fill(tmp_path / "p.xlsx", bluegrass, rows=with_rows(goals=goals("35%", unit=None)))
    checklist = read_checklist(path, bluegrass)
    goal = checklist.tables["goals"][0].values
    assert goal["unit"] == "Percent" and goal["baseline_value"] == 35
    assert found(checklist, Code.CELL_UNIT_INFERRED)[0].severity == "warning"


def test_a_multi_part_target_is_kept_as_text_with_a_warning(tmp_path, bluegrass):
    target = "55% by 2027; 65% by 2030"
    path = fill(tmp_path / "t.xlsx", bluegrass,
                rows=with_rows(goals=goals(target, field="target_value")))
    checklist = read_checklist(path, bluegrass)
    goal = checklist.tables["goals"][0].values
    assert goal["target_value"] is None and goal["target_value_text"] == target
    warning = found(checklist, Code.CELL_MEASURE_AS_TEXT)[0]
    assert warning.severity == "warning" and target in warning.message
    load_paths([path], tmp_path / "w.db", bluegrass)
    stored = sqlite3.connect(tmp_path / "w.db").execute(
        "SELECT target_value, target_value_text FROM goals").fetchone()
    assert stored == (None, target)


# --- not known yet, placeholders, residents -------------------------------------------------

NO_ANSWER_WORDS = ["TBD", "?", "unknown", "see above", "N/A", "Unknown.", "tbd"]


@pytest.mark.parametrize("word", NO_ANSWER_WORDS)
def test_every_no_answer_word_is_one_warning_wherever_it_is_typed(tmp_path, bluegrass, word):
    coalition = {**COALITION, "meeting_cadence": word, "annual_budget": word,
                 "year_founded": word, "website": word}
    rows = with_rows(goals=goals(word, field="latest_value"))
    checklist = read_checklist(fill(tmp_path / "n.xlsx", bluegrass, coalition, rows), bluegrass)
    assert errors(checklist) == []
    marked = found(checklist, Code.CELL_EMPTY_MARKER)
    assert {p.field for p in marked} == {"Meeting cadence", "Annual budget (USD)",
                                         "Year founded", "Website", "Latest value"}
    assert all(p.severity == "warning" and word in p.message for p in marked)
    values = checklist.coalition.values
    assert values["meeting_cadence"] is values["annual_budget"] is values["website"] is None
    assert checklist.tables["goals"][0].values["latest_value"] is None


def test_a_list_value_that_looks_like_no_answer_is_kept(tmp_path):
    folder = tmp_path / "unknown"
    folder.mkdir()
    (folder / "community.toml").write_text(
        '[vocabularies]\nsectors = ["Nonprofit", "Unknown"]\n', encoding="utf-8")
    community = load_community(folder)
    members = [{"organisation": "Lexington Rescue Mission", "sector": "Unknown"}]
    checklist = read_checklist(fill(tmp_path / "u.xlsx", community,
                                    rows=with_rows(members=members, areas=[{"area": "Lexington",
                                                                           "level": "City or town"}])),
                               community)
    assert checklist.tables["members"][0].values["sector"] == "Unknown"
    assert found(checklist, Code.CELL_EMPTY_MARKER) == []


def test_no_answer_yet_in_a_required_cell_is_still_missing(tmp_path, bluegrass):
    coalition = {**COALITION, "contact_name": "TBD"}
    checklist = read_checklist(fill(tmp_path / "n.xlsx", bluegrass, coalition), bluegrass)
    assert [p.field for p in found(checklist, Code.CELL_REQUIRED)] == ["Contact name"]
    assert found(checklist, Code.CELL_EMPTY_MARKER)[0].field == "Contact name"


PLACEHOLDERS = ["self", "Self", "Resident", "community member", "N/A", "none", "TBD", "?",
                "Parent", "(self)"]


def test_placeholders_in_organisation_cells_never_become_organisations(tmp_path, bluegrass):
    members = [{"organisation": word, "representative": person, "sector": "Community member"}
               for word, person in zip(PLACEHOLDERS, ["Ana Ruiz", "DeShawn Carter", "Mary Ellen Hope",
                                                      "Tom Nguyen", "Keisha Brooks", "Luis Ortega",
                                                      "Grace Kim", "Earl Stamper", "Brenda Cole",
                                                      "Jamal Reed"])]
    first = fill(tmp_path / "a.xlsx", bluegrass, rows=with_rows(members=members))
    second_coalition = {**COALITION, "name": "Scott County Family Resource Network",
                        "short_name": "SCFRN"}
    second = fill(tmp_path / "b.xlsx", bluegrass, second_coalition,
                  with_rows(members=[{"organisation": "self", "representative": "Wanda Price"}]))
    checklist = read_checklist(first, bluegrass)
    assert checklist.rows["Members"] == len(PLACEHOLDERS)
    assert all(m.values["organisation"] is None for m in checklist.tables["members"])
    notes = found(checklist, Code.CELL_NO_ORGANISATION)
    assert len(notes) == len(PLACEHOLDERS) and all(p.severity == "warning" for p in notes)
    load_paths([first, second], tmp_path / "w.db", bluegrass)
    db = sqlite3.connect(tmp_path / "w.db")
    names = {n.casefold() for (n,) in db.execute("SELECT name FROM organisations")}
    assert not names & {p.casefold().strip("()") for p in PLACEHOLDERS}
    assert db.execute("SELECT COUNT(*) FROM members WHERE organisation_id IS NOT NULL "
                      "AND representative IN ('Ana Ruiz', 'Wanda Price')").fetchone()[0] == 0


def test_a_member_needs_an_organisation_or_a_person(tmp_path, bluegrass):
    members = [{"representative": "Rosa Delgado", "role": "Resident or community member"},
               {"organisation": "Bluegrass Care Clinic"},
               {"sector": "Nonprofit", "role": "Member"}]
    checklist = read_checklist(fill(tmp_path / "m.xlsx", bluegrass,
                                    rows=with_rows(members=members)), bluegrass)
    assert [m.values["representative"] for m in checklist.tables["members"]] == \
        ["Rosa Delgado", None]
    (rejected,) = found(checklist, Code.ROW_MISSING_ONE_OF)
    assert rejected.row == S.TABLE_FIRST_DATA_ROW + 2 and rejected.rows_not_loaded == 1
    assert "'Organisation' or 'Representative name'" in rejected.message


# --- who filled it, required and recommended ---------------------------------------------

def test_a_checklist_compiled_by_the_facilitator_needs_no_contact(tmp_path, bluegrass):
    compiled = {**COALITION, "filled_by": S.FACILITATOR_COMPILED, "contact_name": None,
                "contact_email": None}
    checklist = read_checklist(fill(tmp_path / "f.xlsx", bluegrass, compiled), bluegrass)
    assert errors(checklist) == []
    by_coalition = {**compiled, "filled_by": "The coalition"}
    checklist = read_checklist(fill(tmp_path / "c.xlsx", bluegrass, by_coalition), bluegrass)
    assert sorted(p.field for p in found(checklist, Code.CELL_REQUIRED)) == [
        "Contact email", "Contact name"]


def test_a_goal_without_its_issue_area_loads_with_a_warning(tmp_path, bluegrass):
    rows = with_rows(goals=[{"goal_id": "G1", "statement": "Every child has a medical home"},
                            {"goal_id": "G2", "statement": "Fewer families move mid-year",
                             "issue_area": "Housing & homelessness"}],
                     strategies=[{"strategy": "Care coordination", "goal_ids": "G1; G2",
                                  "strategy_type": "Direct service"}])
    checklist = read_checklist(fill(tmp_path / "g.xlsx", bluegrass, rows=rows), bluegrass)
    assert [g.values["goal_id"] for g in checklist.tables["goals"]] == ["G1", "G2"]
    assert found(checklist, Code.CELL_RECOMMENDED_MISSING)[0].field == "Issue area"
    # typed over the dropdown: "not in the list", the goal kept, its strategy still linked
    (off_list,) = found(checklist, Code.CELL_NOT_IN_LIST)
    assert "Housing & homelessness" in off_list.message
    assert "required" not in " ".join(p.message for p in checklist.problems)
    assert found(checklist, Code.CELL_UNKNOWN_GOAL) == []
    assert checklist.tables["strategies"][0].values["goal_ids"] == ["G1", "G2"]


def test_a_required_list_answer_typed_over_the_dropdown_is_not_in_the_list(tmp_path, bluegrass):
    coalition = {**COALITION, "populations": ["Kids and families"]}
    checklist = read_checklist(fill(tmp_path / "p.xlsx", bluegrass, coalition), bluegrass)
    (off_list,) = found(checklist, Code.CELL_NOT_IN_LIST)
    assert off_list.field == "Populations served" and "'Kids and families'" in off_list.message
    assert found(checklist, Code.CELL_REQUIRED) == []


def test_a_status_off_the_list_is_never_read_as_active(tmp_path, bluegrass):
    checklist = read_checklist(fill(tmp_path / "s.xlsx", bluegrass,
                                    {**COALITION, "status": "Winding down"}), bluegrass)
    assert checklist.coalition.values["status"] is None
    assert found(checklist, Code.CELL_NOT_IN_LIST)[0].field == "Status"
    blank = read_checklist(fill(tmp_path / "b.xlsx", bluegrass, {**COALITION, "status": None}),
                           bluegrass)
    assert blank.coalition.values["status"] == "Active"


def test_an_ended_coalition_keeps_its_end(tmp_path, bluegrass):
    ended = {**COALITION, "status": "Merged into another coalition",
             "merged_into": "Bluegrass Early Childhood Alliance", "year_ended": 2023}
    values = read_checklist(fill(tmp_path / "e.xlsx", bluegrass, ended), bluegrass).coalition.values
    assert (values["status"], values["merged_into"], values["year_ended"]) == (
        "Merged into another coalition", "Bluegrass Early Childhood Alliance", 2023)


# --- areas -----------------------------------------------------------------------------------

def test_areas_are_checked_against_their_levels_list(tmp_path, bluegrass):
    areas = [{"level": "County", "area": "fayette county"},
             {"level": "County", "area": "Clark County"},
             {"level": "City or town", "area": "Scott County"},
             {"area": "Versailles"},
             {"level": "Neighbourhood or ZIP", "area": "North Limestone"}]
    checklist = read_checklist(fill(tmp_path / "a.xlsx", bluegrass,
                                    rows=with_rows(areas=areas)), bluegrass)
    read = [(a.values["level"], a.values["area"]) for a in checklist.tables["areas"]]
    assert read == [("County", "Fayette County"), ("County", "Clark County"),
                    ("City or town", "Scott County"), ("City or town", "Versailles"),
                    ("Neighbourhood or ZIP", "North Limestone")]
    not_listed = {p.cell: p for p in found(checklist, Code.CELL_AREA_NOT_IN_LIST)}
    assert set(not_listed) == {"B4", "B5"}  # a level without a list takes areas as typed
    assert "'County'" in not_listed["B5"].message  # the right level is named
    assert found(checklist, Code.CELL_LEVEL_INFERRED)[0].row == 6
    assert errors(checklist) == []


def test_a_2_0_checklist_without_areas_is_an_error(tmp_path, bluegrass):
    missing = read_checklist(fill(tmp_path / "m.xlsx", bluegrass, drop_sheets=("Areas",)),
                             bluegrass)
    assert found(missing, Code.SHEET_MISSING)[0].sheet == "Areas"
    empty = read_checklist(fill(tmp_path / "e.xlsx", bluegrass, rows=with_rows(areas=[])),
                           bluegrass)
    assert found(empty, Code.SHEET_NO_ROWS)[0].sheet == "Areas"
    no_bodies = read_checklist(fill(tmp_path / "b.xlsx", bluegrass, drop_sheets=("Bodies",)),
                               bluegrass)
    assert found(no_bodies, Code.SHEET_MISSING_OPTIONAL)[0].sheet == "Bodies"


def test_members_bodies_come_from_the_bodies_sheet(tmp_path, bluegrass):
    members = [{"organisation": "Fayette County Public Schools", "representative": "Marcus Bell",
                "bodies": "steering committee; Data Team"}]
    checklist = read_checklist(fill(tmp_path / "b.xlsx", bluegrass,
                                    rows=with_rows(members=members)), bluegrass)
    assert checklist.tables["members"][0].values["bodies"] == ["Steering Committee", "Data Team"]
    (unknown,) = found(checklist, Code.CELL_UNKNOWN_BODY)
    assert "'Data Team'" in unknown.message and unknown.severity == "warning"


# --- community geography ------------------------------------------------------------------

def test_community_geography_levels_and_what_lies_within(bluegrass):
    assert bluegrass.areas_by_level["County"][0] == "Fayette County"
    assert bluegrass.areas_by_level["School district"] == (
        "Fayette County Public Schools", "Scott County Schools")
    assert "Neighbourhood or ZIP" not in bluegrass.areas_by_level
    assert bluegrass.area_parent["Georgetown"] == "Scott County"
    assert bluegrass.level_of("georgetown") == "City or town"
    assert bluegrass.area_chain("Scott County Schools") == ["Scott County Schools", "Scott County"]


def test_an_old_geographies_list_is_read_as_counties(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "community.toml").write_text(
        'name = "Old"\n[vocabularies]\ngeographies = ["Region-wide", "Boone County", '
        '"Kenton County"]\n', encoding="utf-8")
    community = load_community(folder)
    assert community.areas_by_level == {"Region": ("Region-wide",),
                                        "County": ("Boone County", "Kenton County")}


@pytest.mark.parametrize("toml, words", [
    ('[geography]\nward = ["Ward 1"]\n', "unknown geography level 'ward'"),
    ('[geography]\ncounty = "Boone County"\n', "list of one or more texts"),
    ('[vocabularies]\ncoalition_statuses = ["Live"]\n', "is fixed"),
])
def test_bad_geography_settings_say_what_to_fix(tmp_path, toml, words):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "community.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(SettingsError, match=words):
        load_community(folder)


def test_the_community_can_lengthen_the_roles_list(tmp_path):
    folder = tmp_path / "roles"
    folder.mkdir()
    (folder / "community.toml").write_text(
        '[vocabularies]\nroles = ["Chair", "Member", "Youth council member"]\n', encoding="utf-8")
    assert load_community(folder).vocabulary("roles")[-1] == "Youth council member"
    assert "Ex-officio" in default_community().vocabulary("roles")


# --- 1.0 checklists ------------------------------------------------------------------------

@pytest.fixture
def old_files(tmp_path):
    folder = tmp_path / "old"
    shutil.copytree(OLD_CHECKLISTS, folder)
    return sorted(folder.glob("*.xlsx"))


def test_a_1_0_checklist_loads_with_one_warning_naming_what_it_lacks(old_files, example_community):
    checklist = read_checklist(old_files[0], example_community)
    assert checklist.status == LOADED and checklist.schema_version == "1.0"
    (older,) = found(checklist, Code.VERSION_OLDER)
    for label in ("Former names", "Status", "Fiscal agent", "Unit", "Latest value",
                  "Bodies they sit on", "Kind of amount", "Bodies sheet"):
        assert label in older.message, label
    # nothing else is said about what 1.0 never had
    for code in (Code.COLUMN_MISSING_OPTIONAL, Code.SHEET_MISSING_OPTIONAL, Code.SHEET_MISSING,
                 Code.COLUMN_EXTRA, Code.SHEET_NO_ROWS):
        assert found(checklist, code) == [], code
    assert errors(checklist) == []


def test_1_0_geography_lead_and_amounts_are_moved(old_files, example_community):
    checklist = read_checklist(old_files[0], example_community)
    workbook = openpyxl.load_workbook(old_files[0], read_only=True)
    form = {row[0]: row[1:] for row in workbook["Coalition"].iter_rows(values_only=True) if row[0]}
    typed_scope = [v for v in form["Geographic scope *"] if v][:-1]  # the last is the example
    typed_lead = form["Lead or backbone organisation *"][0]
    workbook.close()
    assert [(a.values["level"], a.values["area"], a.values["coverage"])
            for a in checklist.tables["areas"]] == [("County", v, "All of it") for v in typed_scope]
    assert checklist.coalition.values["lead_organisations"] == [typed_lead]
    assert checklist.tables["funders"]
    assert all(f.values["amount_kind"] == "Per year" for f in checklist.tables["funders"])


def old_style_community(tmp_path):
    """A community whose settings still have the one-level 1.0 list of areas."""
    folder = tmp_path / "old-style"
    folder.mkdir()
    (folder / "community.toml").write_text(
        'name = "Riverbend Region"\nslug = "example"\n[vocabularies]\ngeographies = '
        '["Region-wide", "Ashford County", "Bell County", "Calder County", "Dunmore County", '
        '"Easton County", "Fenwick County"]\n', encoding="utf-8")
    return load_community(folder)


def test_1_0_region_wide_becomes_the_region(old_files, tmp_path, bluegrass):
    workbook = openpyxl.load_workbook(old_files[1])
    form = workbook["Coalition"]
    row = next(r for r in range(1, 40) if form.cell(row=r, column=1).value == "Geographic scope *")
    for column in range(S.FORM_FIRST_VALUE_COLUMN, S.FORM_FIRST_VALUE_COLUMN + S.FORM_MULTI_CELLS):
        form.cell(row=row, column=column).value = None
    form.cell(row=row, column=S.FORM_FIRST_VALUE_COLUMN, value="Region-wide")
    workbook.save(tmp_path / "region.xlsx")
    areas = read_checklist(tmp_path / "region.xlsx", old_style_community(tmp_path)).tables["areas"]
    assert [(a.values["level"], a.values["area"]) for a in areas] == [("Region", "Region-wide")]
    # a community with one named region gets that name
    named = read_checklist(tmp_path / "region.xlsx", bluegrass).tables["areas"]
    assert [(a.values["level"], a.values["area"]) for a in named] == [("Region", "Bluegrass Region")]


def test_1_0_and_2_0_checklists_load_together(old_files, tmp_path, example_community):
    new = fill(tmp_path / "new.xlsx", example_community,
               rows=with_rows(areas=[{"level": "County", "area": "Ashford County"}]))
    result = load_paths([*old_files, new], tmp_path / "w.db", example_community)
    assert all(c.status == LOADED for c in result.report.checklists)
    db = sqlite3.connect(tmp_path / "w.db")
    per_file = dict(db.execute("SELECT c.source_file, COUNT(*) FROM areas a "
                               "JOIN coalitions c USING (coalition_id) GROUP BY c.source_file"))
    assert len(per_file) == 3 and per_file[str(new)] == 1
    assert min(per_file.values()) >= 1


def test_an_unstamped_1_0_layout_still_gets_its_areas(old_files, tmp_path, example_community):
    workbook = openpyxl.load_workbook(old_files[0])
    del workbook[S.META_SHEET]
    workbook.save(tmp_path / "unstamped.xlsx")
    checklist = read_checklist(tmp_path / "unstamped.xlsx", example_community)
    assert found(checklist, Code.VERSION_MISSING)
    assert [a.values["area"] for a in checklist.tables["areas"]] == [
        "Ashford County", "Bell County"]
    assert found(checklist, Code.SHEET_MISSING) == []


@pytest.mark.parametrize("typed, leads", [
    (["Lexington Public Library; United Way of the Bluegrass"],
     ["Lexington Public Library", "United Way of the Bluegrass"]),
    (["Lexington Public Library\nUnited Way of the Bluegrass"],
     ["Lexington Public Library", "United Way of the Bluegrass"]),
    # pasted from a document: the line breaks fall inside one name
    (["Community Action Council for Lexington-Fayette,\nBourbon, Harrison and Nicholas Counties"],
     ["Community Action Council for Lexington-Fayette, Bourbon, Harrison and Nicholas Counties"]),
    (["United Way of\nthe Bluegrass", "Lexington Public Library"],
     ["United Way of the Bluegrass", "Lexington Public Library"]),
])
def test_co_leads_in_one_cell_or_several(tmp_path, bluegrass, typed, leads):
    coalition = {**COALITION, "lead_organisations": typed}
    checklist = read_checklist(fill(tmp_path / "l.xlsx", bluegrass, coalition), bluegrass)
    assert checklist.coalition.values["lead_organisations"] == leads


def test_list_values_typed_in_other_words_are_read_with_a_note(tmp_path, bluegrass):
    areas = [{"level": "Neighborhood", "area": "North Limestone"},
             {"level": "City", "area": "Georgetown", "coverage": "partial"}]
    goal = {"goal_id": "G1", "statement": "Fewer teens vape", "issue_area": "Youth substance use",
            "unit": "%", "polarity": "lower", "baseline_value": 14}
    coalition = {**COALITION, "status": "inactive"}
    checklist = read_checklist(fill(tmp_path / "w.xlsx", bluegrass, coalition,
                                    with_rows(areas=areas, goals=[goal])), bluegrass)
    assert [(a.values["level"], a.values["coverage"]) for a in checklist.tables["areas"]] == [
        ("Neighbourhood or ZIP", "All of it"), ("City or town", "Part of it")]
    read = checklist.tables["goals"][0].values
    assert (read["unit"], read["polarity"]) == ("Percent", "Lower is better")
    assert checklist.coalition.values["status"] == "Dormant"
    assert errors(checklist) == []
    assert len(found(checklist, Code.CELL_CASE_FIXED)) == 6


def test_1_0_interview_notes_are_read_as_they_are(example_community):
    from workbook.intake.reader import read_form_file
    path = next((Path(__file__).parent / "data" / "schema-1.0-notes").glob("*.xlsx"))
    notes = read_form_file(path, S.NOTES, example_community, S.NOTES_FORM_KIND)
    assert notes.status == LOADED and notes.tables[S.NOTES.name][0].values["coalition_name"]
    (older,) = found(notes, Code.VERSION_OLDER)
    assert "Geographic scope" not in older.message  # the checklist's migration is not theirs
    assert errors(notes) == []
