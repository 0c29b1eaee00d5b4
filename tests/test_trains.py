"""Task 1 computations and the coverage rule both dashboards share.

The community is shaped like Northern Kentucky: a region of three counties, cities and
school districts inside them, a neighbourhood inside a city. Coalitions report places
at the levels real ones do: a county-wide health coalition, a city's youth council, a
school district's attendance team, a region-wide workforce partnership.
"""
from __future__ import annotations

import pandas as pd
import pytest

from workbook.community import Community
from workbook.sample.database import build_database
from workbook.schema import DEFAULT_VOCABULARIES
from workbook.tasks import coverage as C
from workbook import numbers_text as numbers
from workbook.tasks import history, overlaps, trains

REGION = "Northern Kentucky"
BOONE, KENTON, CAMPBELL = "Boone County", "Kenton County", "Campbell County"
COVINGTON, NEWPORT, FLORENCE, ERLANGER = "Covington", "Newport", "Florence", "Erlanger"
COVINGTON_SCHOOLS = "Covington Independent Schools"
LATONIA = "Latonia"

NKY = Community(
    name="Northern Kentucky", slug="nky", folder=None,
    vocabularies=dict(DEFAULT_VOCABULARIES),
    areas_by_level={"Region": (REGION,), "County": (BOONE, KENTON, CAMPBELL),
                    "City or town": (COVINGTON, ERLANGER, NEWPORT, FLORENCE),
                    "School district": (COVINGTON_SCHOOLS,),
                    "Neighbourhood or ZIP": (LATONIA,)},
    area_parent={COVINGTON: KENTON, ERLANGER: KENTON, NEWPORT: CAMPBELL, FLORENCE: BOONE,
                 COVINGTON_SCHOOLS: KENTON, LATONIA: COVINGTON})
GEOGRAPHY = C.Geography.of(NKY)


def areas(*rows: tuple) -> pd.DataFrame:
    """(coalition_id, level, area[, coverage]) rows as the areas table holds them."""
    return pd.DataFrame([(*r, None)[:4] for r in rows],
                        columns=["coalition_id", "level", "area", "coverage"])


def seen(frame: pd.DataFrame, level: str) -> dict[tuple[int, str], bool]:
    placed = C.project(frame, level, GEOGRAPHY)
    return {(int(c), a): bool(w) for c, a, w in placed.itertuples(index=False)}


# --- places at several levels -------------------------------------------------------------

def test_a_city_coalition_covers_part_of_its_county_never_all_of_it():
    assert seen(areas((1, "City or town", COVINGTON)), "County") == {(1, KENTON): False}
    # Named at county level as "part of it", the same.
    assert seen(areas((1, "County", KENTON, "Part of it")), "County") == {(1, KENTON): False}


def test_a_whole_county_covers_its_cities_and_a_region_everything():
    assert seen(areas((1, "County", KENTON)), "City or town") == {
        (1, COVINGTON): True, (1, ERLANGER): True}
    region = seen(areas((2, "Region", REGION)), "City or town")
    assert set(region) == {(2, c) for c in (COVINGTON, ERLANGER, NEWPORT, FLORENCE)}
    assert all(region.values())
    # The 1.0 checklists' "Region-wide" is the region, whatever level it was filed under.
    assert seen(areas((3, "County", "Region-wide")), "County") == {
        (3, BOONE): True, (3, KENTON): True, (3, CAMPBELL): True}


def test_part_of_a_county_says_nothing_about_which_cities():
    assert seen(areas((1, "County", BOONE, "Part of it")), "City or town") == {}


def test_a_whole_county_with_no_city_listed_stays_itself_at_city_level():
    # Nobody listed a city of Campbell's other than Newport... but Boone has only Florence,
    # and a county the community lists no city for still meets itself.
    community = Community(name="x", slug="x", folder=None, vocabularies=NKY.vocabularies,
                          areas_by_level={"County": (BOONE, KENTON)}, area_parent={})
    placed = C.project(areas((1, "County", BOONE)), "City or town", C.Geography.of(community))
    assert placed.values.tolist() == [[1, BOONE, True]]


def test_a_neighbourhood_lies_in_its_city_and_county():
    assert GEOGRAPHY.ancestor_at(LATONIA, "City or town") == COVINGTON
    assert GEOGRAPHY.ancestor_at(LATONIA, "County") == KENTON
    assert GEOGRAPHY.ancestor_at(COVINGTON_SCHOOLS, "City or town") is None
    assert seen(areas((1, "Neighbourhood or ZIP", LATONIA)), "County") == {(1, KENTON): False}


def test_areas_a_checklist_adds_to_a_level_count_there():
    typed = areas((1, "City or town", "Ludlow"))
    geography = C.Geography.of(NKY, typed)
    assert "Ludlow" in geography.areas_by_level["City or town"]
    assert geography.ancestor_at("Ludlow", "County") is None  # the community does not say


@pytest.mark.parametrize("first, second, level", [
    ({"County", "City or town"}, {"County", "City or town"}, "City or town"),
    ({"County"}, {"City or town"}, "County"),  # nothing finer in common
    ({"City or town"}, {"School district"}, "County"),  # neither lies in the other
    ({"Region"}, {"City or town"}, "County"),
    ({"Region"}, {"Region"}, "Region"),
    ({"Neighbourhood or ZIP", "City or town"}, {"Neighbourhood or ZIP"}, "Neighbourhood or ZIP"),
    (set(), {"County"}, None),
])
def test_two_coalitions_are_compared_at_the_finest_level_both_report(first, second, level):
    assert C.pair_level(frozenset(first), frozenset(second)) == level


def test_a_grid_starts_at_the_finest_level_every_coalition_reports():
    assert C.grid_level({1: frozenset({"County"}), 2: frozenset({"County", "City or town"})}) \
        == "County"
    assert C.grid_level({1: frozenset({"City or town"}), 2: frozenset({"City or town"}),
                         3: frozenset({"Region"})}) == "City or town"  # the region spreads
    assert C.grid_level({1: frozenset({"City or town"}), 2: frozenset({"School district"})}) \
        == "County"
    assert C.grid_level({}) == "County"


def test_all_ages_covers_every_population_but_itself():
    rows = pd.DataFrame({"coalition_id": [1, 2, 2], "value": ["All ages", "Seniors", "All ages"]})
    spread = C.covering_rows(rows, "population", ["Prenatal to 5", "Seniors", "All ages"])
    got = {(c, v): via for c, v, via in spread[["coalition_id", "value", "via_whole_list"]]
           .itertuples(index=False)}
    assert got == {(1, "Prenatal to 5"): True, (1, "Seniors"): True,
                   (2, "Seniors"): False, (2, "Prenatal to 5"): True}


def test_area_names_say_their_level_and_part():
    assert C.area_text("County", BOONE, None) == BOONE
    assert C.area_text("City or town", COVINGTON, "Part of it") == "Covington (city or town, part)"
    assert C.area_text("County", KENTON, "Part of it") == "Kenton County (part)"


# --- a community in a database --------------------------------------------------------------

HEALTH_DEPT = "Northern Kentucky Health Department"
UNITED_WAY = "United Way of Greater Cincinnati"
BRIGHTON = "Brighton Center"
CHAMBER = "Northern Kentucky Chamber of Commerce"
SKYWARD = "Skyward"

COALITIONS = [
    {"name": "Kenton County Substance Abuse Prevention Coalition", "short_name": "KCSAP",
     "leads": [HEALTH_DEPT], "areas": [("County", KENTON, None)],
     "populations": ["Youth 12-17"], "issue_areas": ["Youth substance use"]},
    {"name": "Covington Youth Council", "short_name": "CYC", "leads": [BRIGHTON],
     "areas": [("City or town", COVINGTON, None)], "populations": ["Youth 12-17"],
     "issue_areas": ["Youth substance use"]},
    {"name": "Newport Neighborhood Safety Partnership", "short_name": "NNSP", "leads": [BRIGHTON],
     "areas": [("City or town", NEWPORT, None)], "populations": ["All ages"],
     "issue_areas": ["Public safety"]},
    {"name": "Northern Kentucky Workforce Partnership", "short_name": "NKYWP",
     "leads": [CHAMBER, SKYWARD], "fiscal_agent": UNITED_WAY,
     "areas": [("Region", REGION, None)], "populations": ["Adults"],
     "issue_areas": ["Workforce"]},
    {"name": "Erlanger Reads", "short_name": "ER", "leads": [UNITED_WAY],
     "areas": [("City or town", ERLANGER, None)], "populations": ["Children 6-11"],
     "issue_areas": ["K-12 education"], "status": "Ended", "year_ended": 2023},
    {"name": "Campbell County Early Childhood Council", "short_name": "CCECC",
     "leads": [UNITED_WAY], "areas": [("County", CAMPBELL, None)],
     "populations": ["Prenatal to 5"], "issue_areas": ["Early childhood"],
     "status": "Merged into another coalition", "merged_into": "Northern Kentucky Ready by Five",
     "year_ended": 2024, "former_names": ["Campbell County Success by 6"]},
]
KCSAP, CYC, NNSP, NKYWP, ER, CCECC = range(1, 7)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_database(tmp_path_factory.mktemp("trains") / "nky.db", COALITIONS)


def cell(cells: pd.DataFrame, rows: str, row: str, columns: str, column: str) -> pd.Series:
    found = cells[(cells[rows] == row) & (cells[columns] == column)]
    assert len(found) == 1, (row, column)
    return found.iloc[0]


def test_the_grid_counts_a_city_coalition_in_part_of_its_county(db):
    footprints = trains.footprints(db, NKY)
    assert footprints.level == "County"
    cells = trains.coverage_cells(footprints.values, "population", "geography",
                                  footprints.axes["population"], footprints.axes["geography"])
    kenton = cell(cells, "population", "Youth 12-17", "geography", KENTON)
    assert kenton["coalitions"] == ["Covington Youth Council",
                                    "Kenton County Substance Abuse Prevention Coalition"]
    assert kenton["part"] == ["Covington Youth Council"]
    assert (kenton["count"], kenton["whole_count"]) == (2, 1)
    # Newport's All-ages coalition covers part of Campbell for every population; only
    # the region-wide partnership covers all of it, for adults.
    campbell = cells[cells["geography"] == CAMPBELL].set_index("population")
    assert (campbell["count"] >= 1).all()
    assert campbell["whole_count"].to_dict() == {p: int(p == "Adults") for p in campbell.index}
    assert "All ages" not in set(cells["population"])


def test_a_region_wide_coalition_counts_in_every_county_of_the_grid(db):
    footprints = trains.footprints(db, NKY)
    cells = trains.coverage_cells(footprints.values, "issue_area", "geography",
                                  footprints.axes["issue_area"], footprints.axes["geography"])
    workforce = cells[cells["issue_area"] == "Workforce"].set_index("geography")
    assert workforce.loc[[BOONE, KENTON, CAMPBELL], "whole_count"].tolist() == [1, 1, 1]
    assert workforce.loc[BOONE, "coalitions"] == ["Northern Kentucky Workforce Partnership"]


def test_at_city_level_the_two_city_coalitions_sit_apart(db):
    footprints = trains.footprints(db, NKY, level="City or town")
    cells = trains.coverage_cells(footprints.values, "issue_area", "geography",
                                  footprints.axes["issue_area"], footprints.axes["geography"])
    substance = cells[cells["issue_area"] == "Youth substance use"].set_index("geography")
    # Kenton's county coalition covers all of Covington and Erlanger; Covington's only Covington.
    assert substance.loc[COVINGTON, "coalitions"] == [
        "Covington Youth Council", "Kenton County Substance Abuse Prevention Coalition"]
    assert substance.loc[COVINGTON, "part"] == []
    assert substance.loc[ERLANGER, "coalitions"] == [
        "Kenton County Substance Abuse Prevention Coalition"]
    assert substance.loc[NEWPORT, "count"] == 0  # a gap
    assert footprints.levels == ("Region", "County", "City or town", "School district",
                                 "Neighbourhood or ZIP")


def test_filters_keep_coalitions_working_on_any_chosen_value(db):
    values = trains.footprints(db, NKY).values
    by_name = dict(zip(values["coalition_id"], values["coalition"]))
    kept = trains.filtered_coalitions(values, trains.Filters(geographies=(BOONE,)))
    assert {by_name[i] for i in kept} == {"Northern Kentucky Workforce Partnership"}
    kept = trains.filtered_coalitions(values, trains.Filters(
        issue_areas=("Youth substance use", "Workforce"), geographies=(KENTON,)))
    assert kept == {KCSAP, CYC, NKYWP}


def test_the_same_coverage_rule_in_both_dashboards(db):
    """Whoever a grid counts in a place or population, the overlaps count there too."""
    matrices = overlaps.overlap_matrices(db, community=NKY)
    places = matrices.dimensions["geographies"]
    populations = matrices.dimensions["populations"]
    footprints = trains.footprints(db, NKY)
    county_of = footprints.values[footprints.values["dimension"] == "geography"]
    reported = C.reported_levels(C.read_areas(db))
    compared_by_county = [(a, b) for a in (KCSAP, CYC, NNSP, NKYWP) for b in (KCSAP, CYC, NNSP, NKYWP)
                          if a < b and C.pair_level(reported[a], reported[b]) == "County"]
    assert len(compared_by_county) == 5  # the two city coalitions meet at city level
    for a, b in compared_by_county:
        in_grid = (set(county_of.loc[county_of["coalition_id"] == a, "value"])
                   & set(county_of.loc[county_of["coalition_id"] == b, "value"]))
        assert bool(in_grid) == (places.similarity.loc[a, b] > 0), (a, b)
    # The region-wide partnership meets every county coalition; All ages meets every population.
    assert places.shared_items(NKYWP, KCSAP) == [KENTON]
    assert places.shared_items(NKYWP, NNSP) == [f"{CAMPBELL} (part)"]
    assert populations.similarity.loc[NNSP, KCSAP] == 1.0
    assert populations.similarity.loc[NNSP, NKYWP] == 1.0


def test_two_city_coalitions_of_one_county_share_no_place_but_the_county_coalition(db):
    places = overlaps.overlap_matrices(db, community=NKY).dimensions["geographies"]
    assert places.similarity.loc[CYC, NNSP] == 0  # Covington and Newport
    assert places.shared_items(KCSAP, CYC) == [f"{KENTON} (part)"]
    assert places.similarity.loc[KCSAP, CYC] == 1.0  # all of Covington's footprint


# --- history: ended and merged coalitions ---------------------------------------------------

@pytest.mark.parametrize("statuses, said", [
    (["Ended", "Ended"], "2 ended coalitions not shown"),
    (["Merged into another coalition"], "1 merged coalition not shown"),
    (["Ended", "Merged into another coalition"],
     "1 ended coalition and 1 merged coalition not shown"),
    ([], ""),
])
def test_pages_say_how_many_coalitions_they_leave_out(statuses, said):
    assert history.hidden_note(pd.Series(statuses, dtype=object)) == said


def test_ended_and_merged_coalitions_are_left_out_unless_asked_for(db):
    shown = history.shown_coalitions(db)
    assert shown.ids == {KCSAP, CYC, NNSP, NKYWP}
    assert shown.note == "1 ended coalition and 1 merged coalition not shown"
    assert history.shown_coalitions(db, include_ended=True).ids == set(range(1, 7))
    counts = trains.inventory(db)
    assert (counts.coalitions, counts.not_shown) == (4, shown.note)
    assert trains.inventory(db, include_ended=True).coalitions == 6
    assert "Erlanger Reads" not in set(trains.coalition_table(db)["coalition"])
    listed = trains.coalition_table(db, include_ended=True).set_index("coalition")
    assert listed.loc["Erlanger Reads", "status"] == "Ended"
    assert ER not in set(trains.footprints(db, NKY).values["coalition_id"])
    assert ER in set(trains.footprints(db, NKY, include_ended=True).values["coalition_id"])
    assert list(overlaps.overlap_matrices(db, community=NKY).coalitions.index) == [1, 2, 3, 4]
    assert len(overlaps.overlap_matrices(db, community=NKY, include_ended=True).coalitions) == 6
    assert "Erlanger Reads" not in set(trains.coalition_names(db)["name"])


# --- the footprint card -----------------------------------------------------------------------

def test_the_card_names_co_leads_the_fiscal_agent_and_the_places(db):
    card = trains.footprint(db, NKYWP)
    assert card.leadership.leads == (CHAMBER, SKYWARD) and card.leadership.co_led
    assert card.leadership.fiscal_agent == UNITED_WAY and card.leadership.backbone is None
    assert card.areas == [REGION]
    assert trains.footprint(db, CYC).areas == [f"{COVINGTON} (city or town)"]
    merged = trains.footprint(db, CCECC)
    assert merged.history == ("Merged into Northern Kentucky Ready by Five in 2024. "
                              "Formerly Campbell County Success by 6")
    assert trains.footprint(db, ER).history == "Ended in 2023"
    assert trains.coalition_table(db).set_index("coalition").loc[
        "Northern Kentucky Workforce Partnership", "lead_organisations"] == f"{CHAMBER}; {SKYWARD}"


def test_the_card_shows_bodies_residents_goal_figures_and_funding_as_given(tmp_path):
    db = build_database(tmp_path / "card.db", [{
        "name": "Boone County Alliance for Healthy Youth", "leads": ["Boone County Schools"],
        "backbone": "Boone County Schools",  # the same as the lead: not repeated
        "cadence": "Monthly", "hours": 1.5,
        "bodies": [("Full coalition", "Full coalition", "Monthly", None, 1.5),
                   ("Youth action team", "Workgroup or action team", None, 5, 2.0)],
        "members": [("Boone County Schools", "Karen Cheser", "Chair", None),
                    (None, "Marisol Vega", "Resident or community member", None),
                    (None, "Tyler Nguyen", "Resident or community member", None)],
        "goals": [("Reduce past-30-day vaping among 10th graders",
                   "% of 10th graders who vaped in the past 30 days", "Youth substance use",
                   "Youth 12-17", "Percent", 14.5, 2025,
                   "10% in 10th grade and 15% in 12th grade by 2028")],
        "funders": [("Drug-Free Communities Support Program", 625000, "Total over the period",
                     2021, 2025),
                    ("R.C. Durr Foundation", 15000, "Pending", 2026, 2026)],
    }])
    card = trains.footprint(db, 1)
    assert card.leadership.leads == ("Boone County Schools",)
    assert card.leadership.backbone is None
    assert card.bodies == ["Full coalition: Monthly, 1.5 h",
                           "Youth action team: 5 meetings a year, 2 h"]
    assert card.residents == 2
    assert card.members["organisation"].tolist()[1] == trains.NO_ORGANISATION
    goal = card.goals.iloc[0]
    assert (goal["unit"], goal["latest"]) == ("Percent", "14.5% (2025)")
    assert goal["target"] == "10% in 10th grade and 15% in 12th grade by 2028"  # kept as written
    assert card.funders["amount"].tolist() == ["$625,000 in total, 2021–2025",
                                               "$15,000 pending, 2026"]
    counts = trains.inventory(db)
    # Residents are people, never an organisation: the schools and the two funders are.
    assert (counts.residents, counts.organisations, counts.people) == (2, 3, 3)


@pytest.mark.parametrize("count, noun, plural, said", [
    (1, "coalition", None, "1 coalition"), (0, "coalition", None, "0 coalitions"),
    (2, "body", "bodies", "2 bodies"), (1, "body", "bodies", "1 body"),
    (1250, "square", None, "1,250 squares")])
def test_counted_phrases_agree_with_their_number(count, noun, plural, said):
    assert numbers.counted(count, noun, plural) == said
