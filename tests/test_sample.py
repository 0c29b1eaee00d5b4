"""Filled checklists: the fill API, the generator and the example community's files."""
from __future__ import annotations

import difflib
import random
import re
import sqlite3
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest

from workbook import schema as S
from workbook.community import load_community
from workbook.intake.reader import LOADED, read_checklist
from workbook.sample import (FilledChecklist, FillError, generate_community, make_world,
                             sample_command, write_checklist, write_checklists, write_sample)
from workbook.sample import example
from workbook.sample.themes import THEMES
from workbook.templates import build_template

from .conftest import EXAMPLE

TABLES = [sheet for sheet in S.CHECKLIST if sheet.layout == S.TABLE]


def form_cells(worksheet, field_name: str, count: int = 1) -> list:
    row = S.FORM_FIRST_ROW + [f.name for f in S.COALITION.fields].index(field_name)
    return [worksheet.cell(row=row, column=S.FORM_FIRST_VALUE_COLUMN + i).value
            for i in range(count)]


def table_cell(worksheet, sheet: S.Sheet, index: int, field_name: str):
    column = [f.name for f in sheet.fields].index(field_name) + 1
    return worksheet.cell(row=S.TABLE_FIRST_DATA_ROW + index, column=column).value


def sheet_values(path: Path) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(path)
    return {name: list(workbook[name].iter_rows(values_only=True)) for name in workbook.sheetnames}


# --- the fill API -------------------------------------------------------------------

RAW = FilledChecklist(
    coalition={"name": "  Bell Reads ", "lead_organisations": ["Bell Library", "Bell Schools"],
               "contact_name": "Ann Lee", "contact_email": "ann@example.org",
               "populations": ("Adults",),
               "issue_areas": "Health; Housing", "annual_budget": "$40,000",
               "year_founded": "2011", "meeting_cadence": "  monthly ", "website": "n/a"},
    rows={"areas": [{"level": "Region", "area": "Region-wide"}],
          "goals": [{"goal_id": "G1", "statement": "Read more", "issue_area": "early childhood",
                     "population": "Adultz", "baseline_value": "2,500", "target_year": 2030},
                    {},
                    {"goal_id": "G2", "statement": None, "indicator": "N/A"}],
          "strategies": [{"strategy": "Tutors", "goal_ids": ["G1", "G2"],
                          "strategy_type": "Direct service"}],
          "members": [{"organisation": "B&GC of Bell", "meetings_per_year": "-"}]})


def test_fill_puts_each_value_in_the_cell_the_schema_assigns(tmp_path, community):
    path = write_checklist(RAW, tmp_path / "raw.xlsx", community)
    workbook = openpyxl.load_workbook(path)
    form = workbook[S.COALITION.title]
    assert form_cells(form, "name") == ["  Bell Reads "]  # written as given, not trimmed
    assert form_cells(form, "lead_organisations", 3) == ["Bell Library", "Bell Schools", None]
    assert form_cells(form, "populations", 2) == ["Adults", None]
    # a string stays in one cell, whatever it holds
    assert form_cells(form, "issue_areas", 2) == ["Health; Housing", None]
    assert form_cells(form, "annual_budget") == ["$40,000"]
    assert form_cells(form, "year_founded") == ["2011"]
    assert form_cells(form, "meeting_cadence") == ["  monthly "]
    assert form_cells(form, "website") == ["n/a"]
    assert form_cells(form, "mission") == [None]
    goals = workbook[S.GOALS.title]
    assert table_cell(goals, S.GOALS, 0, "issue_area") == "early childhood"
    assert table_cell(goals, S.GOALS, 0, "population") == "Adultz"
    assert table_cell(goals, S.GOALS, 0, "baseline_value") == "2,500"
    assert table_cell(goals, S.GOALS, 0, "target_year") == 2030
    assert all(cell.value is None for cell in goals[S.TABLE_FIRST_DATA_ROW + 1])  # the blank row
    assert table_cell(goals, S.GOALS, 2, "goal_id") == "G2"
    assert table_cell(goals, S.GOALS, 2, "statement") is None
    assert table_cell(goals, S.GOALS, 2, "indicator") == "N/A"
    strategies = workbook[S.STRATEGIES.title]
    assert table_cell(strategies, S.STRATEGIES, 0, "goal_ids") == "G1; G2"
    members = workbook[S.MEMBERS.title]
    assert table_cell(members, S.MEMBERS, 0, "organisation") == "B&GC of Bell"
    assert table_cell(members, S.MEMBERS, 0, "meetings_per_year") == "-"


def test_fill_leaves_the_template_around_the_values_alone(tmp_path, community):
    path = write_checklist(RAW, tmp_path / "raw.xlsx", community)
    filled = openpyxl.load_workbook(path)
    template = build_template(community)
    assert filled.sheetnames == template.sheetnames
    for sheet in TABLES:
        for row in (S.TABLE_HEADER_ROW, S.TABLE_EXAMPLE_ROW):
            assert ([c.value for c in filled[sheet.title][row]]
                    == [c.value for c in template[sheet.title][row]])
        # filled cells keep the template's dropdowns and unlocked input style
        assert not filled[sheet.title].cell(row=S.TABLE_FIRST_DATA_ROW, column=1).protection.locked
    form, blank = filled[S.COALITION.title], template[S.COALITION.title]
    labels = [form.cell(row=r, column=1).value for r in range(1, form.max_row + 1)]
    assert labels == [blank.cell(row=r, column=1).value for r in range(1, blank.max_row + 1)]
    assert filled[S.META_SHEET]["B2"].value == community.slug


def test_the_filled_file_reads_back_through_the_loader(tmp_path, community):
    checklist = read_checklist(write_checklist(RAW, tmp_path / "raw.xlsx", community), community)
    assert checklist.status == LOADED
    assert checklist.coalition.values["meeting_cadence"] == "Monthly"
    assert checklist.coalition.values["annual_budget"] == 40000
    assert checklist.rows["Goals"] == 1  # G2 has no statement
    assert {p.code for p in checklist.problems} >= {
        "CELL_NOT_IN_LIST", "ROW_MISSING_REQUIRED", "CELL_TEXT_AS_NUMBER", "CELL_EMPTY_MARKER",
        "CELL_CASE_FIXED", "CELL_TRIMMED"}


def test_fill_refuses_what_the_template_has_no_room_for(tmp_path, community):
    fits = FilledChecklist({"name": "X"}, {"asks": [{"organisation": f"Org {i}"}
                                                      for i in range(S.TABLE_INPUT_ROWS)]})
    path = write_checklist(fits, tmp_path / "fits.xlsx", community)
    last = S.TABLE_FIRST_DATA_ROW + S.TABLE_INPUT_ROWS - 1
    assert openpyxl.load_workbook(path)[S.ASKS.title].cell(row=last, column=1).value == "Org 299"

    one_more = fits.rows["asks"] + [{"organisation": "One more"}]
    too_many = FilledChecklist({"name": "X"}, {"asks": one_more})
    with pytest.raises(FillError, match=f"{S.TABLE_INPUT_ROWS} input rows"):
        write_checklist(too_many, tmp_path / "too-many.xlsx", community)
    wide = FilledChecklist({"lead_organisations": [f"Org {i}"
                                                   for i in range(S.FORM_MULTI_CELLS + 1)]})
    with pytest.raises(FillError, match="answer cells"):
        write_checklist(wide, tmp_path / "wide.xlsx", community)
    with pytest.raises(FillError, match="no field"):
        write_checklist(FilledChecklist({"nmae": "typo"}), tmp_path / "typo.xlsx", community)
    with pytest.raises(FillError, match="no field"):
        write_checklist(FilledChecklist({}, {"goals": [{"goal": "G1"}]}), tmp_path / "t.xlsx",
                        community)
    with pytest.raises(FillError, match="No table sheet"):
        write_checklist(FilledChecklist({}, {"partners": []}), tmp_path / "t.xlsx", community)
    with pytest.raises(FillError, match="is a form"):
        write_checklist(FilledChecklist({}, {"coalition": []}), tmp_path / "t.xlsx", community)


def test_the_same_checklist_gives_the_same_bytes(tmp_path, community):
    first = write_checklist(RAW, tmp_path / "a.xlsx", community).read_bytes()
    second = write_checklist(RAW, tmp_path / "b.xlsx", community).read_bytes()
    assert first == second


# --- the generator ------------------------------------------------------------------

def test_the_generator_is_deterministic_for_a_seed(community):
    assert generate_community(30, 11, community) == generate_community(30, 11, community)
    assert generate_community(30, 11, community) != generate_community(30, 12, community)


def test_generated_checklists_have_plausible_sizes_and_list_values(example_community):
    checklists = generate_community(40, 3, example_community, messy_share=0)
    vocabulary = example_community.vocabulary
    for checklist in checklists:
        c = checklist.coalition
        assert set(c["populations"]) <= set(vocabulary("populations"))
        assert set(c["issue_areas"]) <= set(vocabulary("issue_areas"))
        assert c["meeting_cadence"] in vocabulary("cadences") + (None,)
        assert 1 <= len(c["lead_organisations"]) <= 3 and all(c["lead_organisations"])
        if c.get("filled_by") != S.FACILITATOR_COMPILED:
            assert "@" in c["contact_email"]
        assert 1 <= len(checklist.rows["areas"])
        assert 2 <= len(checklist.rows["goals"]) <= 6
        assert 2 <= len(checklist.rows["strategies"]) <= 8
        assert 8 <= len(checklist.rows["members"]) <= 30
        goal_ids = {g["goal_id"] for g in checklist.rows["goals"]}
        for strategy in checklist.rows["strategies"]:
            if strategy["goal_ids"]:
                assert set(re.split(r";\s*", strategy["goal_ids"])) <= goal_ids
        body_names = {b["body"] for b in checklist.rows["bodies"]}
        for member in checklist.rows["members"]:
            assert set(filter(None, re.split(r";\s*", member.get("bodies") or ""))) <= body_names


def areas_of(checklists, level: str) -> list[list[dict]]:
    return [[a for a in c.rows["areas"] if a["level"] == level] for c in checklists]


def test_generated_areas_come_from_the_community_lists_at_each_level(example_community):
    checklists = generate_community(60, 5, example_community, messy_share=0)
    levels = example_community.areas_by_level
    for checklist in checklists:
        for row in checklist.rows["areas"]:
            assert row["level"] in example_community.vocabulary("geography_levels")
            if row["level"] in levels:
                assert row["area"] in levels[row["level"]], row
    # overlapping footprints, small and large
    assert {len(rows) for rows in areas_of(checklists, "County")} >= {0, 1, 2, 3}


def test_a_community_without_area_lists_gets_the_region_or_fictional_towns(community):
    rows = [a for c in generate_community(20, 1, community, messy_share=0)
            for a in c.rows["areas"]]
    assert {a["level"] for a in rows} <= {"Region", "City or town", "School district"}
    assert {a["area"] for a in rows if a["level"] == "Region"} == {"Region-wide"}


def is_placeholder(organisation) -> bool:
    return organisation is None or organisation.strip().casefold() in S.PLACEHOLDER_NAMES


def test_shared_organisations_appear_under_several_spellings(community):
    seed, n = 8, 60
    checklists = generate_community(n, seed, community, messy_share=0)
    world = make_world(random.Random(seed), n, community)  # the pool the generator drew from
    spellings_of = {}
    for organisation in world.organisations:
        for spelling in (organisation.name, *organisation.variants,
                         organisation.name.upper(), organisation.name.lower()):
            spellings_of.setdefault(spelling, organisation.name)
    coalitions_of, spellings_used = defaultdict(set), defaultdict(set)
    for checklist in checklists:
        for member in checklist.rows["members"]:
            if is_placeholder(member.get("organisation")):
                continue  # a resident at the table
            canonical = spellings_of[member["organisation"]]
            coalitions_of[canonical].add(checklist.name)
            spellings_used[canonical].add(member["organisation"])
    shared = [name for name, coalitions in coalitions_of.items() if len(coalitions) >= 5]
    assert len(shared) >= 10
    assert sum(1 for name in shared if len(spellings_used[name]) >= 3) >= 5
    # now and then only the case differs
    assert any(s != name and s.lower() == name.lower()
               for name in shared for s in spellings_used[name])


def test_shared_people_and_much_asked_funders(community):
    checklists = generate_community(60, 8, community, messy_share=0)
    seats = defaultdict(list)  # representative's email -> (coalition, email typed?)
    for checklist in checklists:
        for member in checklist.rows["members"]:
            email = member.get("representative_email")
            if member.get("representative"):
                seats[member["representative"]].append((checklist.name, email is not None))
    regulars = {name: s for name, s in seats.items() if len({c for c, _ in s}) >= 3}
    assert regulars
    assert any({typed for _, typed in s} == {True, False} for s in regulars.values())
    money = defaultdict(set)
    for checklist in checklists:
        for row in checklist.rows["asks"]:
            if row["ask_type"] == "Money":
                funder = row["organisation"].lower().replace("dept.", "department")
                money[funder].add(checklist.name)
    assert max(len(asked) for asked in money.values()) >= 8


def test_similar_goals_recur_across_coalitions(community):
    checklists = generate_community(60, 4, community)
    indicators = defaultdict(set)
    for checklist in checklists:
        for goal in checklist.rows["goals"]:
            if goal:
                indicators[goal["indicator"]].add(checklist.name)
    assert max(len(c) for c in indicators.values()) >= 4


PERCENT_SIGN = re.compile(r"^\d+(\.\d+)?%$")  # "48%": a percentage as the help allows


def percent_style(value) -> str | None:
    if isinstance(value, str):
        return "sign" if PERCENT_SIGN.match(value) else None
    if isinstance(value, (int, float)):
        return "fraction" if 0 < value <= 1 else "number"
    return None


def messy_values(checklist: FilledChecklist, community) -> list[str]:
    """What a tolerant reader would have to clean up, found without the generator's notes."""
    found = []

    def check(field: S.Field, value, record: dict):
        if isinstance(value, str):
            if value != value.strip():
                found.append("spaces")
            if value.strip().lower() in ("n/a", "-", "none", "na"):
                found.append("marker")
            elif field.type == S.MEASURE and not PERCENT_SIGN.match(value):
                found.append("no answer yet" if value.strip().lower() in S.NO_ANSWER_YET
                             else "target in words")
            elif field.type in (S.MONEY, S.NUMBER, S.INTEGER, S.YEAR):
                found.append("number as text")
            elif field.vocabulary and value not in community.vocabulary(field.vocabulary):
                found.append("not in list" if value.lower() not in [
                    v.lower() for v in community.vocabulary(field.vocabulary)] else "case")
        if value in (None, "", [], ()):
            if field.required_for(record):
                found.append("missing required")
            elif field.recommended:
                found.append("missing recommended")

    for field in S.COALITION.fields:
        value = checklist.coalition.get(field.name)
        for part in value if isinstance(value, list) else [value]:
            check(field, part, checklist.coalition)
    for sheet in TABLES:
        for row in checklist.rows.get(sheet.name, []):
            if not row:
                found.append("blank row")
                continue
            for field in sheet.fields:
                check(field, row.get(field.name), row)
            if any(not any(row.get(name) for name in group) for group in sheet.required_one_of):
                found.append("missing required")
            styles = {percent_style(row.get(f.name)) for f in sheet.fields if f.type == S.MEASURE}
            if len(styles - {None}) > 1:
                found.append("percent scales")
    return found


def test_the_messy_share_makes_that_many_checklists_messy(community):
    checklists = generate_community(100, 5, community, messy_share=0.2)
    messy = [c for c in checklists if c.messy]
    assert len(messy) == 20
    for checklist in checklists:
        assert bool(messy_values(checklist, community)) == bool(checklist.messy), checklist.messy
    kinds = {kind for c in messy for kind in messy_values(c, community)}
    assert kinds >= {"spaces", "marker", "number as text", "case", "blank row", "percent scales",
                     "no answer yet", "target in words", "missing recommended"}
    assert kinds & {"missing required", "not in list"}  # rarely, a real error
    assert not any(c.messy for c in generate_community(100, 5, community, messy_share=0))


# --- real coalitions' habits, at least once in 50 ------------------------------------

TEN_COUNTIES = """
name = "Ten Counties"
slug = "ten"
[geography]
region = ["Lake Cumberland Area"]
county = ["Adair County", "Casey County", "Clinton County", "Cumberland County", "Green County",
          "McCreary County", "Pulaski County", "Russell County", "Taylor County", "Wayne County"]
city = ["Somerset", "Columbia", "Russell Springs", "Monticello"]
school_district = ["Somerset Independent Schools", "Pulaski County Schools"]
[geography.within]
"Somerset" = "Pulaski County"
"Columbia" = "Adair County"
"Russell Springs" = "Russell County"
"Monticello" = "Wayne County"
"Somerset Independent Schools" = "Somerset"
"Pulaski County Schools" = "Pulaski County"
"""


@pytest.fixture(scope="module")
def ten_counties(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ten")
    (folder / "community.toml").write_text(TEN_COUNTIES, encoding="utf-8")
    return load_community(folder)


def goal_values(checklists) -> list:
    return [g.get(f.name) for c in checklists for g in c.rows["goals"] if g
            for f in S.GOALS.fields if f.type == S.MEASURE]


HABITS = {
    "several counties (7 or more)": lambda cs: any(len(rows) >= 7
                                                   for rows in areas_of(cs, "County")),
    "a city": lambda cs: any(areas_of(cs, "City or town")),
    "a school district": lambda cs: any(areas_of(cs, "School district")),
    "part of a county": lambda cs: any(a.get("coverage") == "Part of it"
                                       for rows in areas_of(cs, "County") for a in rows),
    "co-leads": lambda cs: any(len(c.coalition["lead_organisations"]) > 1 for c in cs),
    "a backbone apart from the leads": lambda cs: any(c.coalition.get("backbone_organisation")
                                                      for c in cs),
    "a fiscal agent apart from the backbone": lambda cs: any(
        c.coalition.get("fiscal_agent") and c.coalition["fiscal_agent"] not in (
            c.coalition.get("backbone_organisation"), *c.coalition["lead_organisations"])
        for c in cs),
    "former names": lambda cs: any(c.coalition.get("former_names") for c in cs),
    "dormant": lambda cs: any(c.coalition.get("status") == "Dormant" for c in cs),
    "merged": lambda cs: any(c.coalition.get("status") == "Merged into another coalition"
                             and c.coalition.get("merged_into") for c in cs),
    "ended": lambda cs: any(c.coalition.get("status") == "Ended" for c in cs),
    "compiled from documents, no contact": lambda cs: any(
        c.coalition.get("filled_by") == S.FACILITATOR_COMPILED and not c.coalition["contact_name"]
        for c in cs),
    "several bodies on different rhythms": lambda cs: any(
        len({b.get("cadence") or b.get("meetings_per_year") for b in c.rows["bodies"]}) >= 2
        for c in cs),
    "a seat on a workgroup": lambda cs: any(";" in (m.get("bodies") or "") or
                                            "workgroup" in (m.get("bodies") or "").lower()
                                            for c in cs for m in c.rows["members"] if m),
    "residents typed as self, resident or community member": lambda cs: {
        (m.get("organisation") or "").strip().lower() for c in cs for m in c.rows["members"]
        if m} >= {"self", "resident", "community member"},
    "a resident with no organisation at all": lambda cs: any(
        m.get("organisation") is None and m.get("representative")
        for c in cs for m in c.rows["members"] if m),
    "goals with latest values": lambda cs: any(g.get("latest_value") is not None
                                               for c in cs for g in c.rows["goals"] if g),
    "units and polarity": lambda cs: {g.get("unit") for c in cs for g in c.rows["goals"] if g}
    >= {"Percent", "Count", "Rate per 1,000", "Rate per 100,000", "Dollars", "Days"} and any(
        g.get("polarity") == "Lower is better" for c in cs for g in c.rows["goals"] if g),
    "percentages typed as 48%, 48 and .48": lambda cs: {
        percent_style(v) for v in goal_values(cs)} >= {"sign", "number", "fraction"},
    "TBD, N/A, ? and the like": lambda cs: {str(v).lower() for v in goal_values(cs)}
    & set(S.NO_ANSWER_YET),
    "a multi-part target as text": lambda cs: any(isinstance(v, str) and ";" in v
                                                  for v in goal_values(cs)),
    "a goal with no issue area": lambda cs: any(g.get("issue_area") is None
                                                for c in cs for g in c.rows["goals"] if g),
    "multi-year totals, in-kind and pending funding": lambda cs: {
        f.get("amount_kind") for c in cs for f in c.rows["funders"] if f} >= {
        "Total over the period", "In-kind (value per year)", "Pending"},
    "an acronym in parentheses": lambda cs: any(
        re.search(r"\([A-Z&]{3,}\)$", (m.get("organisation") or "").strip())
        for c in cs for m in c.rows["members"] if m),
    "a name pasted with trailing spaces": lambda cs: any(
        v != v.rstrip() for c in cs
        for v in [c.coalition["name"], *c.coalition["lead_organisations"],
                  *(m.get("organisation") or "" for m in c.rows["members"] if m)]),
}


@pytest.mark.parametrize("seed", [1, 2])
def test_every_habit_shows_up_in_a_sample_of_50(ten_counties, seed):
    checklists = generate_community(50, seed, ten_counties)
    missing = [habit for habit, shows in HABITS.items() if not shows(checklists)]
    assert missing == []


def test_habits_stay_at_plausible_rates(ten_counties):
    checklists = generate_community(200, 3, ten_counties)
    share = lambda test: sum(1 for c in checklists if test(c)) / len(checklists)  # noqa: E731
    assert share(lambda c: len(c.coalition["lead_organisations"]) > 1) < 0.4
    assert share(lambda c: c.coalition.get("status") in (
        "Dormant", "Merged into another coalition", "Ended")) < 0.3
    assert share(lambda c: len(c.rows["areas"]) == 1) > 0.2  # most are small
    assert share(lambda c: c.messy) == pytest.approx(0.15, abs=0.01)
    for checklist in checklists:  # an ended coalition was founded before it ended
        ended = checklist.coalition.get("year_ended")
        assert not ended or int(checklist.coalition["year_founded"]) < ended
        for goal in checklist.rows["goals"]:
            if goal and goal.get("unit") == "Percent" and isinstance(goal.get("target_value"),
                                                                      (int, float)):
                assert goal["target_value"] <= 100


def test_a_clean_sample_reads_with_no_errors_and_only_the_notes_real_habits_earn(tmp_path,
                                                                               ten_counties):
    # Residents typed "self" and a percent sign with no unit are how staff write; nothing else.
    checklists = generate_community(30, 6, ten_counties, messy_share=0)
    paths = write_checklists(checklists, tmp_path, ten_counties)
    codes = {p.code for path in paths for p in read_checklist(path, ten_counties).problems}
    assert codes <= {"CELL_NO_ORGANISATION", "CELL_UNIT_INFERRED"}


def filled_rows(checklist: FilledChecklist) -> dict[str, int]:
    """Rows the generator wrote with something in them, by sheet title."""
    counts = {S.COALITION.title: 1}
    for sheet in TABLES:
        counts[sheet.title] = sum(
            1 for row in checklist.rows.get(sheet.name, [])
            if any(v not in (None, "", [], ()) for v in row.values()))
    return counts


def test_a_sample_of_50_loads_with_every_row_loaded_or_reported(tmp_path, ten_counties):
    from workbook.loading import load_paths

    checklists = generate_community(50, 4, ten_counties)
    write_checklists(checklists, tmp_path / "in", ten_counties)
    result = load_paths([tmp_path / "in"], tmp_path / "w.db", ten_counties)
    read = result.report.checklists
    assert len(read) == 50 and all(c.status == LOADED for c in read)
    by_name = {c.name: c for c in checklists}
    rejected = 0
    for checklist in read:
        written = filled_rows(by_name[checklist.coalition.values["name"]])
        not_loaded = defaultdict(int)
        for problem in checklist.problems:
            not_loaded[problem.sheet] += problem.rows_not_loaded or 0
        rejected += sum(not_loaded.values())
        for title, count in written.items():
            assert checklist.rows.get(title, 0) + not_loaded[title] == count, (
                checklist.path.name, title)
    assert rejected > 0  # the sample's real errors reject rows, so the rule was exercised


def test_a_thousand_coalitions_get_distinct_names(community):
    checklists = generate_community(1000, 2026, community)
    names = [c.name for c in checklists]
    assert len(set(names)) == 1000
    # the organisation pool grows with N, but big communities still share members
    seats = [m["organisation"].strip().lower() for c in checklists for m in c.rows["members"]
             if m and m.get("organisation")]
    assert len(set(seats)) < len(seats) / 3
    assert max(seats.count(name) for name in set(seats[:200])) >= 50


def test_write_sample_writes_numbered_files_that_load(tmp_path, example_community):
    paths = write_sample(60, 9, tmp_path, example_community)
    assert len(paths) == 60 and len(list(tmp_path.glob("*.xlsx"))) == 60
    assert paths[0].name.startswith("001-") and paths[-1].name.startswith("060-")
    checklists = generate_community(60, 9, example_community)
    for path, checklist in list(zip(paths, checklists))[::6]:
        form = openpyxl.load_workbook(path)[S.COALITION.title]
        assert form_cells(form, "name") == [checklist.coalition["name"]]
        assert read_checklist(path, example_community).status == LOADED


def test_sample_command_prints_one_line_and_returns_an_exit_code(tmp_path, capsys):
    assert sample_command(3, 1, tmp_path / "out", EXAMPLE) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1 and "3 sample checklists" in printed[0]
    assert len(list((tmp_path / "out").glob("*.xlsx"))) == 3
    assert sample_command(0, 1, tmp_path / "none", None) == 2
    assert sample_command(2, 1, tmp_path / "x", tmp_path / "no-such-community") == 2


# --- the synthetic community written straight into SQLite -----------------------------

def test_the_synthetic_community_fills_the_2_0_tables(tmp_path):
    from workbook.sample.database import build_database, synthetic_coalitions

    coalitions = synthetic_coalitions(60, seed=5)
    db = build_database(tmp_path / "s.db", coalitions)
    connection = sqlite3.connect(db)
    count = lambda sql: connection.execute(sql).fetchone()[0]  # noqa: E731
    assert count("SELECT COUNT(*) FROM coalitions") == 60
    assert count("SELECT COUNT(DISTINCT coalition_id) FROM coalition_lead_organisations") == 60
    assert count("SELECT COUNT(*) FROM coalition_lead_organisations WHERE position = 1") > 0
    assert count("SELECT COUNT(*) FROM areas WHERE coverage = 'Part of it'") > 0
    assert count("SELECT COUNT(DISTINCT level) FROM areas") >= 2
    # goals and strategies come from the generator's own themes
    themes = {idea.statements[0] for theme in THEMES for idea in theme.goals}
    statements = [g[0] for c in coalitions for g in c["goals"]]
    assert any(s.startswith(tuple(themes)) for s in statements)


# --- the package boundary ------------------------------------------------------------

def test_production_code_never_imports_the_sample_generator():
    # Only the CLI's `sample` command may reach it; filling forms lives in workbook.forms.
    package = Path(__file__).resolve().parents[1] / "workbook"
    importers = []
    for path in package.rglob("*.py"):
        if "sample" in path.relative_to(package).parts[:1] or path.name == "cli.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(from\s+(workbook|\.+)\s*\.?\s*sample\b|import\s+workbook\.sample\b"
                     r"|from\s+\.+\s+import\s+sample\b)", text, re.MULTILINE):
            importers.append(str(path.relative_to(package)))
    assert importers == []


# --- the example community ------------------------------------------------------------

def test_the_committed_example_checklists_are_up_to_date(tmp_path):
    fresh = {p.name: p for p in example.build(tmp_path, load_community(EXAMPLE))}
    committed = {p.name: p for p in (EXAMPLE / "checklists").glob("*.xlsx")}
    assert sorted(committed) == sorted(fresh), "run data/example/build_example.py and commit"
    for name, path in fresh.items():
        assert sheet_values(committed[name]) == sheet_values(path), (
            f"{name} is stale: run data/example/build_example.py and commit")


@pytest.fixture(scope="module")
def example_files():
    """Each committed example checklist's sheets as value grids, read with openpyxl."""
    paths = sorted((EXAMPLE / "checklists").glob("*.xlsx"))
    assert 20 <= len(paths) <= 25
    return {p.name: openpyxl.load_workbook(p) for p in paths}


def form_values(workbook, field_name):
    values = form_cells(workbook[S.COALITION.title], field_name, S.FORM_MULTI_CELLS)
    return [v for v in values if v is not None]


def rows_of(workbook, sheet: S.Sheet) -> list[dict]:
    grid = workbook[sheet.title].iter_rows(min_row=S.TABLE_FIRST_DATA_ROW, values_only=True)
    return [dict(zip([f.name for f in sheet.fields], row)) for row in grid if any(row)]


def counties_of(workbook) -> list[str]:
    return [a["area"] for a in rows_of(workbook, S.AREAS) if a["level"] == "County"]


def test_the_example_covers_the_issue_areas_and_fictional_counties(example_files):
    areas = {a for wb in example_files.values() for a in form_values(wb, "issue_areas")}
    assert areas >= {"Early childhood", "K-12 education", "Postsecondary", "Workforce",
                     "Youth substance use", "Health", "Public safety", "Housing"}
    community = load_community(EXAMPLE)
    assert len(community.areas_by_level["County"]) == 6
    sizes = {len(counties_of(wb)) for wb in example_files.values()}
    assert {0, 1, 2, 5, 6} <= sizes  # overlapping footprints, small and large; one city only
    levels = {a["level"] for wb in example_files.values() for a in rows_of(wb, S.AREAS)}
    assert levels >= {"County", "City or town", "School district", "Neighbourhood or ZIP"}
    for wb in example_files.values():  # every area is on the community's list for its level
        for row in rows_of(wb, S.AREAS):
            assert row["area"] in community.areas_by_level[row["level"]], row


def test_the_example_tells_its_story(example_files):
    # (a) near-identical goals
    first_goals = {form_values(wb, "name")[0]: rows_of(wb, S.GOALS)[0]
                   for wb in example_files.values()}
    aelp = first_goals["Ashford Early Learning Partnership"]
    rb5 = first_goals["Ready by Five Bell-Calder"]
    assert difflib.SequenceMatcher(None, aelp["statement"], rb5["statement"]).ratio() > 0.85
    assert aelp["target_value"] == rb5["target_value"] and aelp["target_year"] == rb5["target_year"]
    # (b) one organisation on nine coalitions, under several spellings
    rcaa = {name: m["organisation"]
            for name, wb in example_files.items() for m in rows_of(wb, S.MEMBERS)
            if "community action" in (m["organisation"] or "").lower()
            or m["organisation"] == "RCAA"}
    assert len(rcaa) == 9
    spellings = list(rcaa.values())
    assert len(set(spellings)) >= 5
    assert spellings.count("Riverbend Community Action Agency") >= 4
    # (c) nobody serves young adults in Calder County, though others do
    young = "Young adults 18-24"
    served = defaultdict(bool)
    for wb in example_files.values():
        populations = set(form_values(wb, "populations"))
        populations |= {g["population"] for g in rows_of(wb, S.GOALS)}
        for county in counties_of(wb):
            served[county] |= young in populations
    assert served["Calder County"] is False
    assert all(served[c] for c in served if c != "Calder County")
    # (d) one funder asked for money by many coalitions
    asking = [name for name, wb in example_files.items() for a in rows_of(wb, S.ASKS)
              if a["ask_type"] == "Money" and "Riverbend Community Foundation" in a["organisation"]]
    assert len(set(asking)) >= 12
    # (e) one person on many coalitions
    lindqvist = {name for name, wb in example_files.items() for m in rows_of(wb, S.MEMBERS)
                 if "Lindq" in (m["representative"] or "")}
    assert len(lindqvist) >= 7


def test_the_example_uses_the_new_fields_where_real_coalitions_would(example_files):
    forms = {form_values(wb, "name")[0]: wb for wb in example_files.values()}
    statuses = {name: form_values(wb, "status") for name, wb in forms.items()}
    assert statuses["Riverbend Tobacco-Free Coalition"] == ["Ended"]
    assert statuses["Calder Early Childhood Council"] == ["Merged into another coalition"]
    assert form_values(forms["Calder Early Childhood Council"], "merged_into") == [
        "Ready by Five Bell-Calder"]
    for name in ("Riverbend Tobacco-Free Coalition", "Calder Early Childhood Council"):
        assert form_values(forms[name], "year_ended")
        assert form_values(forms[name], "filled_by") == [S.FACILITATOR_COMPILED]
        assert form_values(forms[name], "contact_name") == []
    co_led = [n for n, wb in forms.items() if len(form_values(wb, "lead_organisations")) > 1]
    assert len(co_led) >= 3
    assert all({"Co-chair"} <= {m["role"] for m in rows_of(forms[n], S.MEMBERS)} for n in co_led)
    fiscal = [n for n, wb in forms.items() if form_values(wb, "fiscal_agent")]
    assert any(form_values(forms[n], "fiscal_agent")[0]
               not in form_values(forms[n], "lead_organisations") for n in fiscal)
    assert any(form_values(wb, "backbone_organisation") for wb in forms.values())
    assert sum(1 for wb in forms.values() if form_values(wb, "former_names")) >= 5
    several_bodies = [n for n, wb in forms.items() if len(rows_of(wb, S.BODIES)) >= 3]
    assert len(several_bodies) >= 3
    for name in several_bodies:  # bodies meet on different rhythms, and seats say which
        bodies = rows_of(forms[name], S.BODIES)
        assert len({b["cadence"] or b["meetings_per_year"] for b in bodies}) >= 2
        assert any(m["bodies"] for m in rows_of(forms[name], S.MEMBERS))
    # residents at the table: "self" in two unrelated coalitions must never become one member
    typed_self = [n for n, wb in forms.items() for m in rows_of(wb, S.MEMBERS)
                  if m["organisation"] == "self"]
    assert len(set(typed_self)) >= 2
    assert any(m["organisation"] is None and m["representative"]
               for wb in forms.values() for m in rows_of(wb, S.MEMBERS))
    goals = [g for wb in forms.values() for g in rows_of(wb, S.GOALS)]
    assert {g["unit"] for g in goals} >= {"Percent", "Count", "Rate per 1,000",
                                           "Rate per 100,000", "Days"}
    assert sum(1 for g in goals if g["latest_value"] is not None) >= 8
    kinds = {f["amount_kind"] for wb in forms.values() for f in rows_of(wb, S.FUNDERS)}
    assert kinds >= {"Per year", "Total over the period", "In-kind (value per year)", "Pending"}


def test_the_example_loads_with_one_real_error_and_a_few_warnings():
    community = load_community(EXAMPLE)
    problems = {}
    for path in sorted((EXAMPLE / "checklists").glob("*.xlsx")):
        checklist = read_checklist(path, community)
        assert checklist.status == LOADED
        problems[path.name] = checklist.problems
    errors = [(name, p) for name, ps in problems.items() for p in ps if p.severity == "error"]
    assert [(name, p.code, p.sheet) for name, p in errors] == [
        ("14-healthy-easton.xlsx", "ROW_MISSING_REQUIRED", "Goals")]
    # A resident typed as "self" or "resident" is noted, not untidy: that is how staff write it.
    untidy = [name for name, ps in problems.items()
              if any(p.code != "CELL_NO_ORGANISATION" for p in ps)]
    assert 3 <= len(untidy) <= 4
    residents = {name for name, ps in problems.items()
                 for p in ps if p.code == "CELL_NO_ORGANISATION"}
    assert len(residents) >= 4


def test_the_aliases_file_holds_a_same_and_a_different_decision():
    lines = (EXAMPLE / "aliases.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "kind,name,canonical,decision"
    decisions = {line.rsplit(",", 1)[1] for line in lines[1:]}
    assert decisions == {"same", "different"}
    assert all(line.split(",")[0] in ("organisation", "person") for line in lines[1:])
