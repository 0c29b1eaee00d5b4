"""Write the Riverbend Region's filled checklists from the curated facts below.

    .venv/bin/python data/example/build_example.py

Rewrites data/example/checklists/ (the same bytes for the same facts). Every
organisation, person and number here is fictional. README.md in this folder
tells the story the data are built to show in a workshop; the comments below
mark where each part of it lives.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script from anywhere

from workbook.community import load_community  # noqa: E402
from workbook.forms import FilledChecklist, file_names, write_checklists  # noqa: E402

OUT = HERE / "checklists"

ASHFORD, BELL, CALDER, DUNMORE, EASTON, FENWICK = (
    "Ashford County", "Bell County", "Calder County", "Dunmore County", "Easton County",
    "Fenwick County")
ALL_COUNTIES = (ASHFORD, BELL, CALDER, DUNMORE, EASTON, FENWICK)
REGION, COUNTY, CITY, DISTRICT, NEIGHBOURHOOD = (
    "Region", "County", "City or town", "School district", "Neighbourhood or ZIP")
PART = "Part of it"
FULL, STEERING, WORKGROUP, ADVISORY = (
    "Full coalition", "Steering or executive committee", "Workgroup or action team",
    "Advisory group")
RESIDENT = "Resident or community member"
FROM_DOCUMENTS = "The facilitator, from documents"
COUNTIES_KEY = "_counties"  # handed from coalition() to add(), never written

# --- Organisations: key -> (usual name, sector) -------------------------------------
ORGS = {
    "rcaa": ("Riverbend Community Action Agency", "Nonprofit"),
    "uw": ("United Way of the Riverbend Region", "Philanthropy"),
    "rcf": ("Riverbend Community Foundation", "Philanthropy"),
    "hollis": ("Hollis Family Foundation", "Philanthropy"),
    "ec_found": ("Easton County Health Foundation", "Philanthropy"),
    "library": ("Riverbend Public Library", "Government"),
    "ash_hd": ("Ashford County Health Department", "Government"),
    "bell_hd": ("Bell County Health Department", "Government"),
    "cal_hd": ("Calder County Health Department", "Government"),
    "dun_hd": ("Dunmore County Health Department", "Government"),
    "eas_hd": ("Easton County Health Department", "Government"),
    "fen_hd": ("Fenwick County Health Department", "Government"),
    "ash_sch": ("Ashford County Schools", "Education (K-12)"),
    "bell_sch": ("Bell County Public Schools", "Education (K-12)"),
    "cal_sch": ("Calder County Schools", "Education (K-12)"),
    "dun_sch": ("Dunmore County Schools", "Education (K-12)"),
    "eas_sch": ("Easton Independent Schools", "Education (K-12)"),
    "fen_sch": ("Fenwick County Schools", "Education (K-12)"),
    "rctc": ("Riverbend Community and Technical College", "Higher education"),
    "rsu": ("Riverbend State University", "Higher education"),
    "rrmc": ("Riverbend Regional Medical Center", "Health care"),
    "brigid": ("St. Brigid Health", "Health care"),
    "rbhs": ("Riverbend Behavioral Health Services", "Health care"),
    "peds": ("Riverbend Pediatrics", "Health care"),
    "recovery": ("New Dawn Recovery Center", "Health care"),
    "bgc": ("Boys & Girls Club of Riverbend", "Nonprofit"),
    "bbbs": ("Big Brothers Big Sisters of Riverbend", "Nonprofit"),
    "ymca": ("YMCA of the Riverbend Region", "Nonprofit"),
    "headstart": ("Riverbend Head Start", "Nonprofit"),
    "acorns": ("Little Acorns Child Care Network", "Nonprofit"),
    "cal_frc": ("Calder County Family Resource Center", "Nonprofit"),
    "foodbank": ("Riverbend Food Bank", "Nonprofit"),
    "legal": ("Riverbend Legal Aid Society", "Nonprofit"),
    "habitat": ("Habitat for Humanity of Riverbend", "Nonprofit"),
    "harbor": ("Harbor House", "Nonprofit"),
    "second": ("Second Chance Riverbend", "Nonprofit"),
    "mha": ("Riverbend Mental Health Association", "Nonprofit"),
    "seniors": ("Calder County Senior Center", "Nonprofit"),
    "chamber": ("Riverbend Region Chamber of Commerce", "Business"),
    "kessler": ("Kessler Manufacturing", "Business"),
    "bank": ("Riverbend Bank & Trust", "Business"),
    "wib": ("Riverbend Workforce Investment Board", "Government"),
    "housing": ("Riverbend Housing Authority", "Government"),
    "extension": ("Easton County Extension Office", "Government"),
    "parks": ("Ashford Parks and Recreation Department", "Government"),
    "fen_comm": ("Fenwick County Commission", "Government"),
    "adult_ed": ("Riverbend Adult Education", "Education (K-12)"),
    "ash_pd": ("Ashford Police Department", "Law enforcement and justice"),
    "bell_so": ("Bell County Sheriff's Office", "Law enforcement and justice"),
    "dun_pd": ("Dunmore Police Department", "Law enforcement and justice"),
    "juvenile": ("Riverbend Juvenile Court Services", "Law enforcement and justice"),
    "detention": ("Riverbend Regional Detention Center", "Law enforcement and justice"),
    "ministers": ("Dunmore Ministerial Alliance", "Faith-based"),
    "gazette": ("Riverbend Gazette", "Media"),
    "state_ed": ("State Department of Education", "Government"),
    "state_health": ("State Department of Health", "Government"),
    "state_odcp": ("State Office of Drug Control Policy", "Government"),
}

# --- People: key -> (name, email, organisation key) ----------------------------------
PEOPLE = {
    "pennington": ("Gloria Pennington", "gloria.pennington@rcaa.example.org", "rcaa"),
    "archer": ("Dwayne Archer", "dwayne.archer@rcaa.example.org", "rcaa"),
    "whitfield": ("Dana Whitfield", "dana.whitfield@uwriverbend.example.org", "uw"),
    "haddad": ("Omar Haddad", "omar.haddad@uwriverbend.example.org", "uw"),
    "okafor": ("Keith Okafor", "keith.okafor@riverbendcf.example.org", "rcf"),
    "hollis": ("Margaret Hollis", "margaret@hollisfoundation.example.org", "hollis"),
    "lindqvist": ("Theresa Lindqvist", "theresa.lindqvist@ashfordhealth.example.org", "ash_hd"),
    "navarro": ("Luis Navarro", "luis.navarro@ashfordhealth.example.org", "ash_hd"),
    "raman": ("Priya Raman", "priya.raman@bellhealth.example.org", "bell_hd"),
    "holloway": ("June Holloway", "june.holloway@calderhealth.example.org", "cal_hd"),
    "delgado": ("Marcus Delgado", "marcus.delgado@dunmorehealth.example.org", "dun_hd"),
    "sorensen": ("Helen Sorensen", "helen.sorensen@eastonhealth.example.org", "eas_hd"),
    "pruitt": ("Curtis Pruitt", "curtis.pruitt@fenwickhealth.example.org", "fen_hd"),
    "ortiz": ("Sam Ortiz", "sam.ortiz@riverbendlibrary.example.org", "library"),
    "wexler": ("Kendra Wexler", "kendra.wexler@riverbendlibrary.example.org", "library"),
    "brennan": ("Angela Brennan", "angela.brennan@ashford.k12.example.org", "ash_sch"),
    "vega": ("Marisol Vega", "marisol.vega@ashford.k12.example.org", "ash_sch"),
    "vance": ("Derek Vance", "derek.vance@bell.k12.example.org", "bell_sch"),
    "quintero": ("Rosa Quintero", "rosa.quintero@calder.k12.example.org", "cal_sch"),
    "ogden": ("Nathan Ogden", "nathan.ogden@dunmore.k12.example.org", "dun_sch"),
    "estrada": ("Carmen Estrada", "carmen.estrada@easton.k12.example.org", "eas_sch"),
    "galloway": ("Wade Galloway", "wade.galloway@fenwick.k12.example.org", "fen_sch"),
    "boateng": ("Imani Boateng", "imani.boateng@rctc.example.edu", "rctc"),
    "kimura": ("Paul Kimura", "paul.kimura@rsu.example.edu", "rsu"),
    "carmichael": ("Lydia Carmichael", "lydia.carmichael@rrmc.example.org", "rrmc"),
    "abernathy": ("Ruth Abernathy", "ruth.abernathy@stbrigid.example.org", "brigid"),
    "whitaker": ("Jamal Whitaker", "jamal.whitaker@rbhs.example.org", "rbhs"),
    "tran": ("Mei Tran", "mei.tran@riverbendpeds.example.org", "peds"),
    "keene": ("Desmond Keene", "desmond.keene@newdawn.example.org", "recovery"),
    "reed": ("Tanisha Reed", "tanisha.reed@bgcriverbend.example.org", "bgc"),
    "salazar": ("Jorge Salazar", "jorge.salazar@bgcriverbend.example.org", "bgc"),
    "draper": ("Kelsey Draper", "kelsey.draper@bbbsriverbend.example.org", "bbbs"),
    "prescott": ("Owen Prescott", "owen.prescott@ymcariverbend.example.org", "ymca"),
    "calloway": ("Joy Calloway", "joy.calloway@riverbendheadstart.example.org", "headstart"),
    "sinclair": ("Hannah Sinclair", "hannah.sinclair@littleacorns.example.org", "acorns"),
    "hale": ("Ingrid Hale", "ingrid.hale@calderfrc.example.org", "cal_frc"),
    "ibarra": ("Celeste Ibarra", "celeste.ibarra@riverbendfoodbank.example.org", "foodbank"),
    "goldberg": ("Miriam Goldberg", "miriam.goldberg@riverbendlegalaid.example.org", "legal"),
    "royce": ("Ethan Royce", "ethan.royce@habitatriverbend.example.org", "habitat"),
    "nash": ("Esther Nash", "esther.nash@harborhouse.example.org", "harbor"),
    "jefferson": ("Lamar Jefferson", "lamar.jefferson@secondchance.example.org", "second"),
    "fitzgerald": ("Grace Fitzgerald", "grace.fitzgerald@riverbendmha.example.org", "mha"),
    "merriweather": ("Opal Merriweather", "opal.merriweather@caldersenior.example.org", "seniors"),
    "lockhart": ("Vanessa Lockhart", "vanessa.lockhart@riverbendchamber.example.org", "chamber"),
    "kessler": ("Bryce Kessler", "bryce.kessler@kesslermfg.example.com", "kessler"),
    "stanton": ("Adrienne Stanton", "adrienne.stanton@riverbendbank.example.com", "bank"),
    "hensley": ("Robert Hensley", "robert.hensley@riverbendwib.example.org", "wib"),
    "pickett": ("Yolanda Pickett", "yolanda.pickett@riverbendhousing.example.org", "housing"),
    "foley": ("Gwen Foley", "gwen.foley@eastonextension.example.org", "extension"),
    "umana": ("Xavier Umana", "xavier.umana@ashfordparks.example.org", "parks"),
    "lowry": ("Kurt Lowry", "kurt.lowry@fenwickcounty.example.gov", "fen_comm"),
    "langley": ("Shawn Langley", "shawn.langley@riverbendadulted.example.org", "adult_ed"),
    "esposito": ("Frank Esposito", "frank.esposito@ashfordpd.example.gov", "ash_pd"),
    "merritt": ("Dale Merritt", "dale.merritt@bellsheriff.example.gov", "bell_so"),
    "dunbar": ("Andre Dunbar", "andre.dunbar@dunmorepd.example.gov", "dun_pd"),
    "ingram": ("Rachel Ingram", "rachel.ingram@riverbendcourts.example.gov", "juvenile"),
    "hargrove": ("Victor Hargrove", "victor.hargrove@riverbenddetention.example.gov", "detention"),
    "jennings": ("Harold Jennings", "pastor.jennings@dunmoreministers.example.org", "ministers"),
    "talbot": ("Neil Talbot", "neil.talbot@riverbendgazette.example.com", "gazette"),
    "ramsey": ("Felix Ramsey", "felix.ramsey@odcp.state.example.gov", "state_odcp"),
}


def seat(org: str, person: str | None = None, role: str = "Member", *, typed: str | None = None,
         who: str | None = None, email: bool = True, meetings=None, bodies=None) -> dict:
    """One Members row: *typed* and *who* are the spellings this coalition used."""
    name, sector = ORGS[org]
    row = {"organisation": typed or name, "sector": sector, "role": role,
           "meetings_per_year": meetings, "bodies": bodies}
    if person:
        person_name, person_email, _ = PEOPLE[person]
        row["representative"] = who or person_name
        row["representative_email"] = person_email if email else None
    return row


def resident(name: str, typed: str | None, role: str = RESIDENT, *, meetings=None,
             bodies=None) -> dict:
    """A resident at the table, with what staff typed for the organisation ("self", blank…)."""
    return {"organisation": typed, "sector": "Community member" if typed else None,
            "representative": name, "role": role, "meetings_per_year": meetings,
            "bodies": bodies}


def body(name, kind, cadence=None, per_year=None, hours=None, notes=None) -> dict:
    return {"body": name, "kind": kind, "cadence": cadence, "meetings_per_year": per_year,
            "hours": hours, "notes": notes}


def area(level: str, name: str, coverage: str | None = None, notes: str | None = None) -> dict:
    return {"level": level, "area": name, "coverage": coverage, "notes": notes}


def unit_of(indicator: str | None) -> str:
    """The unit a coordinator picks for an indicator worded this way."""
    text = (indicator or "").lower()
    for words, unit in (("per 100,000", "Rate per 100,000"), ("per 1,000", "Rate per 1,000"),
                        ("per 100 ", "Other"), ("days", "Days")):
        if words in text:
            return unit
    return "Percent" if text.startswith("%") or "rate" in text else "Count"


def goal(goal_id, statement, issue_area, population, indicator, baseline=None,
         baseline_year=None, target=None, target_year=None, source=None, *, latest=None,
         latest_year=None, unit: str | None = "auto", polarity: str | None = "auto") -> dict:
    """A Goals row; unit and "better when" are read off the figures unless given (None: blank)."""
    if unit == "auto":
        unit = unit_of(indicator)
    if polarity == "auto":
        numbers = [v for v in (baseline, target) if isinstance(v, (int, float))]
        polarity = (None if len(numbers) < 2 else
                    "Lower is better" if target < baseline else "Higher is better")
    return {"goal_id": goal_id, "statement": statement, "issue_area": issue_area,
            "population": population, "indicator": indicator, "unit": unit,
            "polarity": polarity, "baseline_value": baseline, "baseline_year": baseline_year,
            "latest_value": latest, "latest_year": latest_year, "target_value": target,
            "target_year": target_year, "data_source": source}


def strategy(text, goal_ids, kind, issue_area, status="Active") -> dict:
    return {"strategy": text, "goal_ids": goal_ids, "strategy_type": kind,
            "issue_area": issue_area, "status": status}


def funder(name, amount, start, end=None, notes=None, kind=None) -> dict:
    return {"funder": name, "amount": amount, "amount_kind": kind, "start_year": start,
            "end_year": end, "notes": notes}


def ask(name, kind, times=None, notes=None) -> dict:
    return {"organisation": name, "ask_type": kind, "times_per_year": times, "notes": notes}


def coalition(name, short, leads, contact, founded, mission, counties, populations,
              issue_areas, cadence, hours, budget=None, fte=None, website=None,
              completed=(2026, 10, 15), *, partial=(), former=(), status=None,
              merged_into=None, year_ended=None, backbone=None, fiscal_agent=None,
              filled_by=None) -> dict:
    """The Coalition form; *counties* become Areas rows (those in *partial*: part of it)."""
    contact_name, contact_email, _ = PEOPLE[contact] if contact else (None, None, None)
    return {"name": name, "short_name": short, "former_names": list(former),
            "status": status, "merged_into": merged_into, "year_ended": year_ended,
            "lead_organisations": [leads] if isinstance(leads, str) else list(leads),
            "backbone_organisation": backbone, "fiscal_agent": fiscal_agent,
            "filled_by": filled_by, "contact_name": contact_name, "contact_email": contact_email,
            "year_founded": founded, "mission": mission,
            "populations": list(populations), "issue_areas": list(issue_areas),
            "annual_budget": budget, "staff_fte": fte, "meeting_cadence": cadence,
            "meeting_hours": hours, "website": website, "completed_on": dt.date(*completed),
            COUNTIES_KEY: [area(COUNTY, c, PART if c in partial else None) for c in counties]}


EC, K12, POST, WORK = "Early childhood", "K-12 education", "Postsecondary", "Workforce"
SUBST, HEALTH, MENTAL = "Youth substance use", "Health", "Mental health"
SAFETY, HOUSING, ECON = "Public safety", "Housing", "Family economic stability"
RCF = ORGS["rcf"][0]  # the funder nearly everybody asks (story point d)

CHECKLISTS: list[FilledChecklist] = []


def add(coalition_fields: dict, goals=(), strategies=(), members=(), funders=(), asks=(),
        areas=(), bodies=()) -> None:
    """One checklist: the coalition's counties first on the Areas sheet, then *areas*."""
    counties = coalition_fields.pop(COUNTIES_KEY)
    CHECKLISTS.append(FilledChecklist(coalition_fields, {
        "areas": counties + list(areas), "bodies": list(bodies), "goals": list(goals),
        "strategies": list(strategies), "members": list(members), "funders": list(funders),
        "asks": list(asks)}))


# ==== Early childhood =================================================================
# Story (a): AELP and Ready by Five Bell-Calder share a goal almost word for word.

add(coalition("Ashford Early Learning Partnership", "AELP", "United Way of the Riverbend Region",
              "whitfield", 2011, "Every child in Ashford and Bell counties enters kindergarten "
              "ready to learn.", (ASHFORD, BELL), ("Prenatal to 5", "Families"), (EC,),
              "Monthly", 1.5, 185000, 1.5, "https://aelp.example.org", (2026, 10, 2),
              former=("Ashford Ready Kids",)),
    bodies=[body("Full partnership", FULL, "Monthly", hours=1.5),
            body("Steering committee", STEERING, "Every two weeks", hours=1),
            body("Parent advisory group", ADVISORY, "Every two months", hours=1.5,
                 notes="Evenings, with child care and a meal")],
    goals=[goal("G1", "Increase the share of children entering kindergarten ready to learn", EC,
                "Prenatal to 5", "% of kindergartners ready on the state kindergarten screener",
                46, 2023, 60, 2030, "State kindergarten screener", latest=49, latest_year=2025),
           goal("G2", "Expand access to quality child care", EC, "Prenatal to 5",
                "Licensed child care slots per 100 children under 5", 31, 2023, 40, 2029,
                "State child care licensing office"),
           goal("G3", "Parents read with their young children every day", EC, "Families",
                "% of parents reading daily to children 0-5", 44, 2024, 55, 2029, "AELP parent survey")],
    strategies=[strategy("Home visiting for first-time parents", "G1", "Direct service", EC),
                strategy("Book gifting at well-child visits", "G1; G3", "Direct service", EC),
                strategy("Quality coaching for child care providers", "G2", "Capacity building", EC),
                strategy("Shared kindergarten readiness dashboard", "G1", "Shared measurement", EC),
                strategy("Advocate for state pre-K funding", "G2", "Policy and advocacy", EC,
                         "Planned")],
    members=[seat("uw", "whitfield", "Staff", meetings=12, bodies="Steering committee"),
             seat("ash_sch", "brennan", "Chair", meetings=11, bodies="Steering committee"),
             seat("headstart", "calloway", "Steering", meetings=10,
                  bodies="Steering committee; Parent advisory group"),
             seat("library", "ortiz", "Steering", meetings=9, bodies="Steering committee"),
             seat("ash_hd", "lindqvist", email=False, meetings=9),
             seat("rcaa", "pennington", meetings=8),
             seat("acorns", "sinclair", meetings=10),
             seat("peds", "tran", meetings=6),
             seat("bell_sch", "vance", meetings=7),
             seat("ymca", "prescott", meetings=5),
             seat("rcf", "okafor", "Funder", meetings=4),
             resident("Tamika Ruiz", "Parent", bodies="Parent advisory group")],
    funders=[funder("United Way of the Riverbend Region", 90000, 2023, 2026, "Backbone staffing",
                    "Per year"),
             funder(RCF, 150000, 2024, 2026, "Three-year grant", "Total over the period"),
             funder("Hollis Family Foundation", 25000, 2025, 2025)],
    asks=[ask(RCF, "Money", 1, "Dashboard and book gifting"),
          ask("Ashford County Schools", "Data", 2, "Screener results by school"),
          ask("State Department of Education", "Data", 1, "Pre-K enrollment")])

# Messy on purpose: cadence typed in lower case, a lead name with trailing spaces.
add(coalition("Ready by Five Bell-Calder", "RB5", "Bell County Public Schools  ", "vance", 2016,
              "Children in Bell and Calder counties start school healthy and ready.",
              (BELL, CALDER), ("Prenatal to 5", "Families"), (EC, HEALTH),
              "every two months", 2, 60000, 0.5, "https://readyby5bc.example.org",
              (2026, 10, 20), former=("Ready by Five Bell County",)),
    goals=[goal("G1", "Increase the share of children who enter kindergarten ready to learn",
                EC, "Prenatal to 5", "% of kindergarteners ready on the state screener",
                44, 2023, 60, 2030, "State kindergarten screener", latest=47, latest_year=2025),
           goal("G2", "More infants get their well-child checkups", HEALTH, "Prenatal to 5",
                "% of children with 6+ well-child visits by 15 months", 58, 2022, 70, 2028,
                "Medicaid claims data")],
    strategies=[strategy("Developmental screening at pediatric practices", "G1; G2",
                         "Direct service", EC),
                strategy("Kindergarten registration push in spring", "G1", "Public awareness", EC),
                strategy("Summer bridge classes for entering kindergartners", "G1",
                         "Direct service", EC)],
    members=[seat("bell_sch", "vance", "Staff", meetings=6),
             seat("cal_sch", "quintero", "Chair", meetings=6),
             seat("headstart", "calloway", "Steering", typed="Riverbend Head Start Program",
                  meetings=5),
             seat("bell_hd", "raman", meetings=5),
             seat("cal_hd", "holloway", meetings=4),
             seat("cal_frc", "hale", meetings=6),
             seat("library", "ortiz", typed="Riverbend Public Library System", meetings=4),
             seat("peds", "tran", email=False),
             seat("acorns", "sinclair", meetings=3)],
    funders=[funder(RCF, 35000, 2025, 2027)],
    asks=[ask(RCF, "Money", 1, "Summer bridge classes"),
          ask("Riverbend Head Start", "Data", 2, "Enrollment by county")])

add(coalition("Calder County Family Connections", "CCFC", "Riverbend Community Action Agency, Inc.",
              "archer", 2008, "Calder County families have what they need to raise healthy, "
              "thriving children.", (CALDER,), ("Prenatal to 5", "Children 6-11", "Families"),
              (EC, ECON, HEALTH), "Monthly", 1.5, 95000, 1, None, (2026, 10, 9)),
    goals=[goal("G1", "More four-year-olds attend pre-K", EC, "Prenatal to 5",
                "% of 4-year-olds enrolled in public pre-K or Head Start", 38, 2023, 50, 2028,
                "Calder County Schools"),
           goal("G2", "Fewer children live in poverty", ECON, "Families",
                "% of children below the poverty line", 27.5, 2022, 22, 2030,
                "Census American Community Survey"),
           goal("G3", "More families read together daily", EC, "Families",
                "% of parents reading daily to children 0-5", 39, 2024, 50, 2029, "Parent survey")],
    strategies=[strategy("Family resource navigators", "G2", "Direct service", ECON),
                strategy("Free tax preparation sites", "G2", "Direct service", ECON),
                strategy("Lending library bus", "G3", "Direct service", EC),
                strategy("Pre-K enrollment fair", "G1", "Public awareness", EC)],
    members=[seat("rcaa", "archer", "Staff", typed="Riverbend Community Action Agency, Inc.",
                  meetings=12),
             seat("cal_frc", "hale", "Chair", meetings=12),
             seat("cal_sch", "quintero", "Steering", meetings=10),
             seat("cal_hd", "holloway", "Steering", meetings=9),
             seat("headstart", "calloway", meetings=8),
             seat("library", "wexler", meetings=6),
             seat("foodbank", "ibarra", meetings=6),
             seat("extension", "foley", meetings=4),
             seat("seniors", "merriweather", email=False)],
    funders=[funder("Riverbend Community Foundation", 30000, 2024, 2026),
             funder("State Department of Health", 45000, 2023, 2027, "Family support grant")],
    asks=[ask(RCF, "Money", 1, "Tax site volunteers' stipends"),
          ask("Riverbend Food Bank", "Staff time", 4, "Mobile pantry days")])

# ==== K-12 ================================================================================

add(coalition("Riverbend Literacy Collaborative", "RLC", "Riverbend Public Library", "ortiz", 2014,
              "All Riverbend children read on grade level by the end of third grade.",
              ALL_COUNTIES, ("Children 6-11",), (K12, EC), "Quarterly", 2, 40000, 0.5,
              "https://readriverbend.example.org", (2026, 10, 27)),
    goals=[goal("G1", "More third graders read on grade level", K12, "Children 6-11",
                "% of 3rd graders proficient in reading", 47, 2023, 60, 2030, "State assessment"),
           goal("G2", "More students take part in summer learning", K12, "Children 6-11",
                "% of students in summer reading programs", 22, 2024, 35, 2029,
                "Library program records")],
    strategies=[strategy("Summer reading challenge", "G2", "Direct service", K12),
                strategy("Reading tutors in grades K-3", "G1", "Direct service", K12),
                strategy("Teacher professional learning in literacy", "G1", "Capacity building",
                         K12)],
    members=[seat("library", "ortiz", "Staff", meetings=4),
             seat("ash_sch", "brennan", "Chair", meetings=4),
             seat("bell_sch", "vance", "Steering", meetings=4),
             seat("cal_sch", "quintero", meetings=3),
             seat("dun_sch", "ogden", meetings=4),
             seat("eas_sch", "estrada", meetings=3),
             seat("fen_sch", "galloway", meetings=2),
             seat("bgc", "reed", typed="Boys and Girls Clubs of Riverbend", meetings=4),
             seat("bbbs", "draper", meetings=3),
             seat("gazette", "talbot", email=False)],
    funders=[funder("Hollis Family Foundation", 20000, 2024, 2026),
             funder("Riverbend Public Library", 8000, 2024, None, "Meeting rooms and staff time",
                    "In-kind (value per year)")],
    asks=[ask(RCF, "Money", 1, "Summer reading prizes"),
          ask("State Department of Education", "Data", 1, "3rd grade results by school")])

add(coalition("Graduate Riverbend", "GradRB", "United Way of the Riverbend Region", "haddad", 2012,
              "Every Riverbend student graduates ready for college, career and life.",
              (ASHFORD, BELL, CALDER, DUNMORE, FENWICK), ("Youth 12-17",), (K12, POST),
              "Monthly", 1.5, 210000, 2, "https://graduateriverbend.example.org", (2026, 10, 6),
              former=("Riverbend Graduation Alliance",)),
    bodies=[body("Full coalition", FULL, "Monthly", hours=1.5),
            body("Executive committee", STEERING, "Every two weeks", hours=1),
            body("Attendance action team", WORKGROUP, "Monthly", hours=1),
            body("Data workgroup", WORKGROUP, per_year=10, hours=1.5,
                 notes="No meetings in July and August")],
    goals=[goal("G1", "Raise the high school graduation rate", K12, "Youth 12-17",
                "4-year high school graduation rate", 86.4, 2023, 92, 2030,
                "State department of education", latest=87.9, latest_year=2025),
           goal("G2", "Reduce chronic absence", K12, "Youth 12-17",
                "% of students chronically absent", 24, 2023, 15, 2029,
                "School district attendance data"),
           goal("G3", "More 8th graders proficient in math", K12, "Youth 12-17",
                "% of 8th graders proficient in math", 31, 2023, 40, 2030, "State assessment")],
    strategies=[strategy("Early warning data system", "G1; G2", "Shared measurement", K12),
                strategy("Attendance mentoring for chronically absent students", "G2",
                         "Direct service", K12),
                strategy("Math tutoring corps", "G3", "Direct service", K12),
                strategy("Advocate for afterschool funding", "G1", "Policy and advocacy", K12,
                         "Paused")],
    members=[seat("uw", "haddad", "Staff", meetings=12, bodies="Executive committee"),
             seat("ash_sch", "brennan", "Chair", meetings=11,
                  bodies="Executive committee; Attendance action team"),
             seat("bell_sch", "vance", "Steering", meetings=10,
                  bodies="Executive committee; Data workgroup"),
             seat("dun_sch", "ogden", "Steering", meetings=9,
                  bodies="Executive committee; Attendance action team"),
             seat("cal_sch", "quintero", meetings=6),
             seat("fen_sch", "galloway", meetings=5),
             seat("bbbs", "draper", typed="BBBS of Riverbend", meetings=8,
                  bodies="Attendance action team"),
             seat("bgc", "reed", meetings=9),
             seat("rsu", "kimura", "Data partner", meetings=4, bodies="Data workgroup"),
             seat("chamber", "lockhart", meetings=4),
             seat("juvenile", "ingram", email=False, meetings=3)],
    funders=[funder("United Way of the Riverbend Region", 120000, 2022, None, "Backbone"),
             funder(RCF, 40000, 2024, 2026),
             funder("State Department of Education", 50000, 2027, 2029,
                    "Attendance grant; decision expected in the spring", "Pending")],
    asks=[ask(RCF, "Money", 1),
          ask("Ashford County Schools", "Data", 4, "Attendance by school"),
          ask("Kessler Manufacturing", "Money", 1, "Math tutoring corps")])

# Two counties; shares the chronic absence goal with Graduate Riverbend.
add(coalition("Every Day Counts Dunmore-Easton", "EDC",
              ("Dunmore County Schools", "Easton Independent Schools"), "ogden", 2019,
              "Every student in Dunmore and Easton counties is in school, every day.",
              (DUNMORE, EASTON), ("Children 6-11", "Youth 12-17", "Families"), (K12,),
              "Every two months", 1.5, 25000, 0.25, "https://everydaycounts.example.org",
              (2026, 11, 3), partial=(EASTON,)),
    areas=[area(DISTRICT, "Dunmore County Schools"), area(DISTRICT, "Easton Independent Schools"),
           area(CITY, "Easton", notes="The independent district's part of Easton County")],
    goals=[goal("G1", "Fewer students miss school", K12, "Children 6-11",
                "Chronic absenteeism rate (missing 10% or more of days)", 21, 2023, 14, 2028,
                "School district attendance data", latest=19, latest_year=2025)],
    strategies=[strategy("Back-to-school attendance campaign", "G1", "Public awareness", K12),
                strategy("Home visits for students missing school", "G1", "Direct service", K12)],
    members=[seat("dun_sch", "ogden", "Co-chair", meetings=6),
             seat("eas_sch", "estrada", "Co-chair", meetings=6),
             seat("dun_hd", "delgado", meetings=4),
             seat("eas_hd", "sorensen", meetings=3),
             seat("ministers", "jennings", meetings=5),
             seat("dun_pd", "dunbar", email=False, meetings=2),
             seat("ymca", "prescott", meetings=3),
             seat("bgc", "salazar", typed="B&GC of Riverbend", meetings=4)],
    asks=[ask("Dunmore County Schools", "Data", 6, "Attendance by grade"),
          ask("Easton Independent Schools", "Data", 6, "Attendance by grade")])

# Messy on purpose: a number typed as text, a non-breaking space in a member's name.
add(coalition("Fenwick Out-of-School Time Network", "FOST", "YMCA of the Riverbend Region",
              "prescott", 2017, "Every Fenwick young person has somewhere to learn and grow "
              "after school and all summer.", (FENWICK,), ("Children 6-11", "Youth 12-17"),
              (K12, SUBST), "Every two months", 2, 55000, 1,
              "https://fenwickost.example.org", (2026, 10, 30)),
    goals=[goal("G1", "More students take part in afterschool and summer learning", K12,
                "Children 6-11", "Students enrolled in afterschool or summer programs",
                "1,250", 2024, 1800, 2028, "Program enrollment records"),
           goal("G2", "Fewer high school students vape", SUBST, "Youth 12-17",
                "% of high school students who vaped in the past 30 days", 19, 2023, 14, 2028,
                "State youth survey")],
    strategies=[strategy("Summer learning programs", "G1", "Direct service", K12),
                strategy("Transportation for afterschool programs", "G1", "Funding and resources",
                         K12),
                strategy("Youth-led vaping prevention clubs", "G2", "Direct service", SUBST,
                         "Planned")],
    members=[seat("ymca", "prescott", "Staff", meetings=6),
             seat("fen_sch", "galloway", "Chair", meetings=6),
             seat("fen_comm", "lowry", "Steering", meetings=4),
             seat("fen_hd", "pruitt", meetings=4),
             seat("bgc", "reed", typed="\u00a0Boys & Girls Club of Riverbend", meetings=5),
             seat("library", "wexler", meetings=3),
             seat("extension", "foley", email=False, meetings=2)],
    funders=[funder("Hollis Family Foundation", 15000, 2025, 2026)],
    asks=[ask(RCF, "Money", 1, "Summer transportation"),
          ask("Fenwick County Commission", "Money", 1),
          ask("Fenwick County Schools", "Staff time", 4, "Bus drivers in summer")])

# ==== Postsecondary and workforce ======================================================
# Story (c): young adults 18-24 are served in five counties, never in Calder.

add(coalition("Riverbend College Access Network", "RCAN", "Riverbend Community and Technical College",
              "boateng", 2015, "Every Riverbend graduate earns a degree or credential with value.",
              (ASHFORD, BELL, DUNMORE, EASTON, FENWICK), ("Youth 12-17", "Young adults 18-24"),
              (POST, K12), "Monthly", 1.5, 130000, 1.5, "https://riverbendcan.example.org",
              (2026, 10, 12), backbone="United Way of the Riverbend Region"),
    goals=[goal("G1", "More seniors complete the FAFSA", POST, "Youth 12-17",
                "% of seniors completing the FAFSA", 48, 2024, 60, 2028,
                "Federal student aid office"),
           goal("G2", "More graduates enroll in college", POST, "Young adults 18-24",
                "% of graduates enrolling in college within one year", 52, 2023, 60, 2030,
                "National student clearinghouse"),
           goal("G3", "More first-year students return for a second year", POST,
                "Young adults 18-24", "% of first-year students returning for a second year",
                61, 2023, 70, 2030, "College institutional research")],
    strategies=[strategy("FAFSA completion nights", "G1", "Direct service", POST),
                strategy("College advising in high schools", "G1; G2", "Direct service", POST),
                strategy("Summer text nudges for college-bound graduates", "G2", "Direct service",
                         POST),
                strategy("Last-dollar scholarship fund", "G2; G3", "Funding and resources", POST)],
    members=[seat("rctc", "boateng", "Staff", meetings=12),
             seat("rsu", "kimura", "Chair", meetings=10),
             seat("ash_sch", "vega", "Steering", meetings=8),
             seat("eas_sch", "estrada", meetings=6),
             seat("dun_sch", "ogden", meetings=5),
             seat("fen_sch", "galloway", meetings=4),
             seat("uw", "haddad", "Staff", meetings=8),
             seat("wib", "hensley", meetings=6),
             seat("library", "ortiz", email=False, meetings=4)],
    funders=[funder(RCF, 60000, 2023, 2026, "Scholarship fund"),
             funder("Riverbend Bank & Trust", 10000, 2025, 2025)],
    asks=[ask(RCF, "Money", 2, "Last-dollar scholarships"),
          ask("State Department of Education", "Data", 1, "FAFSA completion by school"),
          ask("Riverbend Bank & Trust", "Money", 1)])

add(coalition("Talent Pipeline Partnership of Riverbend", "TPP", "Riverbend Region Chamber of Commerce",
              "lockhart", 2018, "Riverbend employers find the skilled workers they need, and "
              "residents find careers that pay.", (ASHFORD, BELL, EASTON),
              ("Young adults 18-24", "Adults"), (WORK, POST), "Quarterly", 2, 150000, 1,
              "https://riverbendtalent.example.org", (2026, 10, 21)),
    goals=[goal("G1", "More residents earn credentials in high-demand fields", WORK, "Adults",
                "Credentials earned in high-demand fields per year", 420, 2023, 600, 2028,
                "Workforce board records"),
           goal("G2", "Reduce unemployment among young adults", WORK, "Young adults 18-24",
                "Unemployment rate, ages 18-24", 11.2, 2023, 8, 2028,
                "State labor market information")],
    strategies=[strategy("Employer-led career pathways in health care and manufacturing", "G1",
                         "Capacity building", WORK),
                strategy("Paid internships for young adults", "G2", "Direct service", WORK),
                strategy("Regional labor market dashboard", "G1; G2", "Shared measurement", WORK)],
    members=[seat("chamber", "lockhart", "Staff", meetings=4),
             seat("kessler", "kessler", "Chair", meetings=4),
             seat("wib", "hensley", "Steering", meetings=4),
             seat("rctc", "boateng", "Steering", meetings=4),
             seat("rrmc", "carmichael", meetings=3),
             seat("bank", "stanton", meetings=3),
             seat("adult_ed", "langley", meetings=4),
             seat("rsu", "kimura", email=False, meetings=2)],
    funders=[funder("Riverbend Workforce Investment Board", 75000, 2024, 2026),
             funder("Kessler Manufacturing", 25000, 2025, None, "Employer dues")],
    asks=[ask("Riverbend Workforce Investment Board", "Data", 4, "Placement outcomes"),
          ask(RCF, "Money", 1, "Internship wages"),
          ask("Riverbend Regional Medical Center", "Staff time", 2, "Career pathway design")])

add(coalition("Fenwick County Workforce Council", "FCWC", "Riverbend Workforce Investment Board",
              "hensley", 2010, "Good jobs for Fenwick and Dunmore residents, close to home.",
              (FENWICK, DUNMORE), ("Young adults 18-24", "Adults"), (WORK, ECON), "Monthly", 1,
              20000, 0.25, None, (2026, 11, 4), former=("Fenwick Jobs Task Force",)),
    goals=[goal("G1", "Raise labor force participation", WORK, "Adults",
                "Labor force participation rate", 58.5, 2023, 62, 2029,
                "Census American Community Survey", unit=None, polarity=None),
           goal("G2", "More young adults are working", WORK, "Young adults 18-24",
                "% of 18-24 year olds unemployed", 12.8, 2023, 9, 2029,
                "State labor market information", unit=None, polarity=None)],
    strategies=[strategy("Rides-to-work pilot", "G1", "Direct service", WORK),
                strategy("Job readiness workshops", "G1; G2", "Direct service", WORK),
                strategy("Short-term credential scholarships", "G2", "Funding and resources",
                         WORK)],
    members=[seat("wib", "hensley", "Staff", meetings=12),
             seat("fen_comm", "lowry", "Chair", meetings=11),
             seat("rctc", "boateng", meetings=6),
             seat("adult_ed", "langley", meetings=8),
             seat("rcaa", "archer", meetings=7),
             seat("kessler", "kessler", who="Bryce Kessler", email=False, meetings=4),
             seat("fen_hd", "pruitt", meetings=3),
             seat("dun_pd", "dunbar", meetings=2)],
    funders=[funder("State Department of Health", 5000, 2025, 2025, "Wellness at work mini-grant")],
    asks=[ask("Fenwick County Commission", "Money", 1, "Rides-to-work pilot"),
          ask("Riverbend Community and Technical College", "Staff time", 12, "Instructors")])

# ==== Youth substance use =================================================================

add(coalition("Ashford County Prevention Alliance", "ACPA", "Ashford County Health Department",
              "navarro", 2006, "Ashford youth grow up free of alcohol, tobacco and drug misuse.",
              (ASHFORD,), ("Youth 12-17", "Families"), (SUBST, MENTAL), "Monthly", 1.5,
              125000, 1, "https://ashfordprevention.example.org", (2026, 10, 8),
              former=("Ashford County ASAP Board", "Ashford County Drug-Free Coalition")),
    goals=[goal("G1", "Reduce underage drinking", SUBST, "Youth 12-17",
                "% of 10th graders reporting alcohol use in the past 30 days", 17, 2023, 12,
                2028, "State youth survey", latest=15, latest_year=2025),
           goal("G2", "Reduce youth vaping", SUBST, "Youth 12-17",
                "% of high school students who vaped in the past 30 days", 21, 2023, 15, 2028,
                "State youth survey"),
           goal("G3", "More teens see the risk of marijuana use", SUBST, "Youth 12-17",
                "% of 8th graders who see great risk in regular marijuana use", 41, 2023, 50,
                2028, "State youth survey")],
    strategies=[strategy("Compliance checks at tobacco and alcohol retailers", "G1; G2",
                         "Policy and advocacy", SUBST),
                strategy("Parent education nights", "G1; G3", "Public awareness", SUBST),
                strategy("Youth-led social norms campaign", "G2", "Public awareness", SUBST),
                strategy("Youth survey administration and reporting", "G1; G2; G3",
                         "Shared measurement", SUBST)],
    members=[seat("ash_hd", "navarro", "Staff", meetings=12),
             seat("ash_hd", "lindqvist", "Chair", meetings=12),
             seat("ash_sch", "brennan", "Steering", meetings=10),
             seat("ash_pd", "esposito", "Steering", typed="Ashford Police Dept.", meetings=9),
             seat("bgc", "reed", meetings=8),
             seat("recovery", "keene", meetings=7),
             seat("juvenile", "ingram", meetings=5),
             seat("parks", "umana", meetings=4),
             seat("gazette", "talbot", email=False, meetings=2),
             seat("state_odcp", "ramsey", meetings=2)],
    funders=[funder("State Office of Drug Control Policy", 125000, 2022, 2027,
                    "Prevention grant, year 4 of 5")],
    asks=[ask(RCF, "Money", 1, "Local match for the state grant"),
          ask("Ashford County Schools", "Data", 1, "Youth survey in all middle and high schools"),
          ask("Ashford Police Department", "Staff time", 4, "Compliance checks")])

add(coalition("Bell-Calder Youth Prevention Coalition", "BCYPC", "Bell County Health Department",
              "raman", 2013, "Prevent and reduce youth substance use in Bell and Calder counties.",
              (BELL, CALDER), ("Youth 12-17",), (SUBST,), "Monthly", 1.5, 125000, 1,
              "https://bellcalderprevention.example.org", (2026, 10, 14),
              fiscal_agent="Riverbend Community Foundation"),
    bodies=[body("Full coalition", FULL, "Monthly", hours=1.5),
            body("Youth action team", WORKGROUP, "Every two weeks", hours=1,
                 notes="After school, during the school year")],
    goals=[goal("G1", "Cut past-month alcohol use among 10th graders", SUBST, "Youth 12-17",
                "Past-30-day alcohol use, 10th grade", 19, 2023, 13, 2028, "State youth survey"),
           goal("G2", "Reduce prescription drug misuse among teens", SUBST, "Youth 12-17",
                "% of 12th graders misusing prescription drugs in the past 30 days", 5.1, 2023,
                3.5, 2028, "State youth survey")],
    strategies=[strategy("Prevention curriculum in middle schools", "G1", "Direct service", SUBST),
                strategy("Drug take-back days", "G2", "Direct service", SUBST),
                strategy("Parent education nights", "G1; G2", "Public awareness", SUBST)],
    members=[seat("bell_hd", "raman", "Staff", meetings=12),
             seat("bell_so", "merritt", "Chair", meetings=10),
             seat("bell_sch", "vance", "Steering", meetings=9),
             seat("cal_sch", "quintero", meetings=6),
             seat("cal_hd", "holloway", meetings=7),
             seat("recovery", "keene", meetings=6),
             seat("cal_frc", "hale", meetings=5),
             seat("state_odcp", "ramsey", "Funder", meetings=2),
             resident("Ava Morales", "self", bodies="Youth action team"),
             resident("Lorraine Beck", "parent")],
    funders=[funder("State Office of Drug Control Policy", 625000, 2021, 2026,
                    "Five-year prevention award", "Total over the period")],
    asks=[ask(RCF, "Money", 1, "Take-back day supplies"),
          ask("Bell County Public Schools", "Data", 1, "Youth survey results")])

# ==== Health and mental health ===========================================================
# Story (b): RCAA on nine tables; story (e): Theresa Lindqvist on seven.

add(coalition("Riverbend Behavioral Health Collaborative", "RBHC",
              "Riverbend Behavioral Health Services", "whitaker", 2016,
              "Everyone in the Riverbend Region can get mental health and recovery help when "
              "they need it.", ALL_COUNTIES, ("Adults", "Families"), (MENTAL, HEALTH),
              "Monthly", 2, 90000, 1, "https://rbhc.example.org", (2026, 10, 19)),
    bodies=[body("Full collaborative", FULL, "Monthly", hours=2),
            body("Executive committee", STEERING, "Monthly", hours=1),
            body("Crisis response workgroup", WORKGROUP, per_year=10, hours=1.5,
                 notes="No meetings in July and August"),
            body("Recovery housing workgroup", WORKGROUP, "Every two months", hours=1)],
    goals=[goal("G1", "Lower the suicide rate", MENTAL, "Adults",
                "Suicide deaths per 100,000 residents", 19.2, 2022, 15, 2030,
                "State vital statistics"),
           goal("G2", "Faster access to a first counselling appointment", MENTAL, "Adults",
                "Average days to a first counselling appointment", 34, 2024, 14, 2028,
                "Provider survey"),
           goal("G3", "Fewer overdose deaths", HEALTH, "Adults",
                "Overdose deaths per 100,000 residents", 41, 2023, 30, 2028,
                "State vital statistics", latest=38, latest_year=2024)],
    strategies=[strategy("Mobile crisis team", "G1; G2", "Direct service", MENTAL),
                strategy("Shared referral platform", "G2", "Capacity building", MENTAL),
                strategy("Naloxone distribution", "G3", "Direct service", HEALTH),
                strategy("Advocate for mental health insurance parity", "G2",
                         "Policy and advocacy", MENTAL, "Planned")],
    members=[seat("rbhs", "whitaker", "Staff", meetings=12, bodies="Executive committee"),
             seat("rrmc", "carmichael", "Chair", meetings=10,
                  bodies="Executive committee; Crisis response workgroup"),
             seat("brigid", "abernathy", "Steering", meetings=9, bodies="Executive committee"),
             seat("ash_hd", "lindqvist", who="Terri Lindqvist", meetings=10),
             seat("dun_hd", "delgado", meetings=8),
             seat("rcaa", "pennington", typed="RCAA", meetings=7),
             seat("mha", "fitzgerald", meetings=11, bodies="Crisis response workgroup"),
             seat("recovery", "keene", meetings=9, bodies="Recovery housing workgroup"),
             seat("detention", "hargrove", email=False, meetings=4),
             seat("harbor", "nash", meetings=5)],
    funders=[funder("State Department of Health", 60000, 2024, 2026, "Crisis response"),
             funder("St. Brigid Health", 30000, 2025, None)],
    asks=[ask("Riverbend Regional Medical Center", "Data", 4, "Emergency visits for crisis"),
          ask("St. Brigid Health", "Money", 1),
          ask("Riverbend Mental Health Association", "Staff time", 12, "Peer specialists")])

# Messy on purpose: budget and year typed as text; holds the one real error (goal G3
# has no statement), so the load report has exactly one thing to fix.
add(coalition("Healthy Easton", "HE", "Easton County Health Department", "sorensen", "2009",
              "Easton County is the healthiest place to live, work and play.", (EASTON,),
              ("Adults", "Families", "Seniors"), (HEALTH,), "Every two months", 1.5,
              "$40,000", 0.5, "https://healthyeaston.example.org", (2026, 11, 2),
              fiscal_agent="Easton County Health Foundation"),
    goals=[goal("G1", "Reduce adult obesity", HEALTH, "Adults", "% of adults with obesity",
                36.1, 2022, "34 by 2027; 32 by 2030", 2030, "Behavioral risk factor survey",
                polarity="Lower is better"),
           goal("G2", "More adults have health insurance", HEALTH, "Adults",
                "% of adults without health insurance", 11.4, 2023, 7, 2028,
                "Census American Community Survey"),
           goal("G3", None, HEALTH, "Adults", "Adult smoking rate", 24, 2022, 18, 2030,
                "Behavioral risk factor survey")],
    strategies=[strategy("Produce vouchers at farmers markets", "G1", "Direct service", HEALTH),
                strategy("Health insurance enrollment events", "G2", "Direct service", HEALTH),
                strategy("Walking trails map", "G1", "Public awareness", HEALTH, "Completed")],
    members=[seat("eas_hd", "sorensen", "Staff", meetings=6),
             seat("extension", "foley", "Chair", meetings=6),
             seat("eas_sch", "estrada", meetings=4),
             seat("brigid", "abernathy", typed="Saint Brigid Health", meetings=4),
             seat("ymca", "prescott", meetings=3),
             seat("foodbank", "ibarra", meetings=4),
             seat("ec_found", None, "Funder", typed="Easton County Health Foundation", meetings=2),
             resident("Gail Whitcomb", "Community Member", meetings=5)],
    funders=[funder("Easton County Health Foundation", 40000, 2024, 2026, None, "Per year")],
    asks=[ask(RCF, "Money", 1, "Farmers market vouchers"),
          ask("Easton County Health Foundation", "Money", 1)])

add(coalition("Riverbend Maternal and Infant Health Collaborative", "RMIHC",
              ("Riverbend Regional Medical Center", "St. Brigid Health"), "carmichael", 2019,
              "Every Riverbend baby is born healthy and reaches a first birthday.",
              (ASHFORD, BELL, CALDER, DUNMORE, EASTON), ("Prenatal to 5", "Families"),
              (HEALTH, EC), "Quarterly", 2, 75000, 0.5, "https://rmihc.example.org",
              (2026, 10, 23)),
    goals=[goal("G1", "Reduce infant mortality", HEALTH, "Prenatal to 5",
                "Infant deaths per 1,000 live births", 7.8, 2022, 6, 2030,
                "State vital statistics", latest=7.1, latest_year=2024),
           goal("G2", "More mothers get early prenatal care", HEALTH, "Families",
                "% of births with first-trimester prenatal care", 71, 2022, 80, 2030,
                "State vital statistics")],
    strategies=[strategy("Prenatal care navigation", "G2", "Direct service", HEALTH),
                strategy("Safe sleep education", "G1", "Public awareness", HEALTH),
                strategy("Fetal and infant mortality review", "G1", "Shared measurement", HEALTH)],
    members=[seat("rrmc", "carmichael", "Co-chair", meetings=4),
             seat("brigid", "abernathy", "Co-chair", meetings=4),
             seat("ash_hd", "lindqvist", "Steering", meetings=4),
             seat("bell_hd", "raman", meetings=4),
             seat("cal_hd", "holloway", meetings=3),
             seat("peds", "tran", meetings=4),
             seat("headstart", "calloway", meetings=2),
             seat("rcaa", "pennington", meetings=3),
             seat("harbor", "nash", email=False, meetings=2)],
    funders=[funder("Riverbend Regional Medical Center", 50000, 2023, None, "In-kind staff support",
                    "In-kind (value per year)"),
             funder("State Department of Health", 25000, 2025, 2026)],
    asks=[ask("The Riverbend Community Foundation", "Money", 1, "Safe sleep kits"),
          ask("State Department of Health", "Data", 2, "Birth outcomes by county")])

add(coalition("Riverbend Youth Mental Health Alliance", "RYMHA", "Riverbend Mental Health Association",
              "fitzgerald", 2021, "Young people in Riverbend feel hopeful, connected and able to "
              "ask for help.", (ASHFORD, BELL, CALDER, DUNMORE), ("Children 6-11", "Youth 12-17"),
              (MENTAL, K12), "Monthly", 1.5, 65000, 1, "https://rymha.example.org",
              (2026, 10, 28)),
    goals=[goal("G1", "Fewer teens report persistent sadness", MENTAL, "Youth 12-17",
                "% of high school students feeling sad or hopeless for 2+ weeks", 38, 2023, 30,
                2028, "State youth survey"),
           goal("G2", "More school staff trained to respond to a mental health crisis", MENTAL,
                "Youth 12-17", "School staff trained in crisis response", 140, 2024, 600, 2027,
                "Training records")],
    strategies=[strategy("Crisis response training for school staff", "G2", "Capacity building",
                         MENTAL),
                strategy("School-based counselling", "G1", "Direct service", MENTAL),
                strategy("Suicide prevention awareness campaign", "G1", "Public awareness",
                         MENTAL)],
    members=[seat("mha", "fitzgerald", "Staff", meetings=12),
             seat("rbhs", "whitaker", "Chair", meetings=11),
             seat("ash_hd", "lindqvist", "Steering", meetings=10),
             seat("ash_sch", "brennan", meetings=8),
             seat("bell_sch", "vance", meetings=7),
             seat("cal_sch", "quintero", meetings=5),
             seat("dun_sch", "ogden", meetings=6),
             seat("bbbs", "draper", typed="Big Brothers/Big Sisters of Riverbend", meetings=6),
             seat("peds", "tran", email=False, meetings=3)],
    funders=[funder(RCF, 25000, 2025, 2026), funder("Hollis Family Foundation", 20000, 2024, 2026)],
    asks=[ask(RCF, "Money", 1, "School counselling pilot"),
          ask("Riverbend Behavioral Health Services", "Staff time", 12, "Clinicians in schools")])

add(coalition("Calder Aging Well Network", "CAWN", "Calder County Senior Center", "merriweather",
              2012, "Older adults in Calder and Fenwick counties live well at home.",
              (CALDER, FENWICK), ("Seniors",), (HEALTH, HOUSING), "Quarterly", 1.5, 12000, 0,
              None, (2026, 11, 6)),
    goals=[goal("G1", "Fewer falls among older adults", HEALTH, "Seniors",
                "Emergency visits for falls per 1,000 residents 65+", 58, 2023, 48, 2029,
                "Hospital discharge data", unit=None, polarity=None),
           goal("G2", "More seniors live safely at home", HOUSING, "Seniors",
                "Seniors receiving home repairs per year", 35, 2024, 60, 2028,
                "Program records", unit=None, polarity=None)],
    strategies=[strategy("Home repair for seniors", "G2", "Direct service", HOUSING),
                strategy("Balance classes in senior centers", "G1", "Direct service", HEALTH)],
    members=[seat("seniors", "merriweather", "Chair", meetings=4),
             seat("cal_hd", "holloway", meetings=4),
             seat("fen_hd", "pruitt", meetings=3),
             seat("habitat", "royce", meetings=3),
             seat("extension", "foley", meetings=2),
             seat("fen_comm", "lowry", email=False, meetings=2),
             seat("cal_frc", "hale", meetings=3),
             seat("brigid", "abernathy", meetings=2)],
    asks=[ask("Habitat for Humanity of Riverbend", "Staff time", 4, "Volunteer crews")])

# ==== Public safety ========================================================================

add(coalition("Safe Neighborhoods Ashford", "SNA", "Ashford Police Department", "esposito", 2015,
              "Every Ashford neighborhood is safe.", (), ("Youth 12-17", "Adults"),
              (SAFETY, SUBST), "Monthly", 1, 30000, 0.5, "https://safeashford.example.org",
              (2026, 10, 16)),
    areas=[area(CITY, "Ashford")],
    goals=[goal("G1", "Reduce violent crime", SAFETY, "All ages",
                "Violent crimes per 1,000 residents", 5.6, 2023, 4.5, 2028,
                "Police department crime data"),
           goal("G2", "Residents feel safe in their neighborhood", SAFETY, "Adults",
                "% of residents who feel safe walking at night", 61, 2024, 70, 2028,
                "Community survey")],
    strategies=[strategy("Block clubs and neighborhood watch", "G2", "Capacity building", SAFETY),
                strategy("Better street lighting", "G1; G2", "Funding and resources", SAFETY),
                strategy("Youth diversion program", "G1", "Direct service", SAFETY)],
    members=[seat("ash_pd", "esposito", "Chair", meetings=12),
             seat("parks", "umana", "Steering", meetings=10),
             seat("ash_hd", "lindqvist", who="Theresa Lindquist", email=False, meetings=8),
             seat("juvenile", "ingram", meetings=6),
             seat("bgc", "reed", meetings=7),
             seat("ash_sch", "vega", meetings=5),
             seat("gazette", "talbot", meetings=3)],
    funders=[funder("Riverbend Bank & Trust", 10000, 2025, 2025, "Street lights")],
    asks=[ask("Riverbend Community Foundation", "Money", 1, "Block club mini-grants"),
          ask("Ashford Parks and Recreation Department", "Staff time", 12, "Evening programs")])

# Messy on purpose: "N/A" for the website, "-" for meetings, trailing spaces in a name.
add(coalition("Dunmore Youth Safety Council", "DYSC", "Dunmore Police Department", "dunbar", 2020,
              "Young people in Dunmore County are safe from violence and have second chances.",
              (DUNMORE,), ("Youth 12-17", "Young adults 18-24"), (SAFETY,), "Monthly", 1.5,
              45000, 0.5, "N/A", (2026, 10, 26), partial=(DUNMORE,)),
    areas=[area(CITY, "Dunmore"), area(NEIGHBOURHOOD, "Northside (Dunmore)",
                                       notes="Outreach workers are based here")],
    goals=[goal("G1", "Reduce juvenile arrests", SAFETY, "Youth 12-17",
                "Juvenile arrests per 1,000 youth", 18, 2023, 12, 2028, "Juvenile court records"),
           goal("G2", "Fewer young adults are victims of gun violence", SAFETY,
                "Young adults 18-24", "Shooting victims aged 18-24 per year", 14, 2023, "TBD",
                2028, "Police department crime data", polarity="Lower is better")],
    strategies=[strategy("Violence interruption outreach workers", "G2", "Direct service",
                         SAFETY),
                strategy("Youth diversion program", "G1", "Direct service", SAFETY),
                strategy("Summer jobs for youth at risk", "G1; G2", "Direct service", WORK)],
    members=[seat("dun_pd", "dunbar", "Chair", typed="Dunmore Police Dept.  ", meetings=12),
             seat("ministers", "jennings", "Steering", meetings=10),
             seat("juvenile", "ingram", meetings="-"),
             seat("dun_sch", "ogden", meetings=6),
             seat("second", "jefferson", meetings=9),
             seat("dun_hd", "delgado", meetings=5),
             seat("bgc", "salazar", typed="Boys & Girls Clubs of Riverbend", meetings=6),
             seat("wib", "hensley", who="Bob Hensley", email=False, meetings=4)],
    funders=[funder("State Office of Juvenile Justice", 45000, 2024, 2026)],
    asks=[ask("Riverbend Workforce Investment Board", "Money", 1, "Summer jobs"),
          ask("Dunmore Police Department", "Data", 12, "Shootings by age")])

add(coalition("Riverbend Reentry Coalition", "RRC",
              ("Second Chance Riverbend", "Riverbend Regional Detention Center"), "jefferson", 2017,
              "People coming home from jail find work, housing and a fresh start.",
              (ASHFORD, BELL, DUNMORE, EASTON, FENWICK), ("Young adults 18-24", "Adults"),
              (SAFETY, WORK, HOUSING), "Every two months", 2, 80000, 1,
              "https://riverbendreentry.example.org", (2026, 10, 13)),
    goals=[goal("G1", "Fewer people return to jail", SAFETY, "Adults",
                "Three-year recidivism rate", 44, 2022, 35, 2029, "County jail records",
                latest=41, latest_year=2025),
           goal("G2", "More people leaving jail find work within 90 days", WORK, "Adults",
                "% employed 90 days after release", 38, 2023, 55, 2028, "Program records")],
    strategies=[strategy("Job placement for people leaving jail", "G2", "Direct service", WORK),
                strategy("Advocate for record expungement reform", "G1", "Policy and advocacy",
                         SAFETY),
                strategy("Transitional housing beds", "G1", "Direct service", HOUSING)],
    members=[seat("second", "jefferson", "Co-chair", meetings=6),
             seat("detention", "hargrove", "Co-chair", meetings=6),
             seat("rcaa", "pennington", typed="Riverbend Community Action Agency Inc.", meetings=5),
             seat("wib", "hensley", meetings=5),
             seat("legal", "goldberg", meetings=4),
             seat("housing", "pickett", meetings=3),
             seat("rbhs", "whitaker", meetings=4),
             seat("ministers", "jennings", email=False, meetings=3),
             seat("kessler", "kessler", meetings=2),
             resident("Terrence Booker", "resident", meetings=5)],
    funders=[funder("State Office of Juvenile Justice", 20000, 2025, 2026),
             funder("Hollis Family Foundation", 30000, 2023, 2025)],
    asks=[ask("Riverbend Regional Detention Center", "Data", 4, "Releases by county"),
          ask("Kessler Manufacturing", "Attendance", 6, "Employer roundtables")])

# ==== Housing and family economic stability ===============================================

add(coalition("Riverbend Housing Continuum of Care", "RCoC", "Riverbend Community Action Agency",
              "pennington", 2004, "Make homelessness in the Riverbend Region rare, brief and "
              "one-time.", ALL_COUNTIES, ("Families", "Adults", "Seniors"), (HOUSING,),
              "Monthly", 2, 240000, 2, "https://riverbendcoc.example.org", (2026, 10, 7),
              former=("Riverbend Homeless Coalition",)),
    bodies=[body("General membership", FULL, "Monthly", hours=2),
            body("CoC board", STEERING, "Monthly", hours=1.5),
            body("Coordinated entry committee", WORKGROUP, "Every two weeks", hours=1),
            body("Lived experience advisory board", ADVISORY, "Monthly", hours=1.5)],
    goals=[goal("G1", "Fewer people experience homelessness", HOUSING, "Adults",
                "People experiencing homelessness (point-in-time count)", 412, 2024, 300, 2029,
                "Point-in-time count", latest=398, latest_year=2025),
           goal("G2", "Rehouse people faster", HOUSING, "Adults",
                "Average days from homelessness to permanent housing", 118, 2024, 75, 2028,
                "Homeless management information system")],
    strategies=[strategy("Coordinated entry system", "G1; G2", "Shared measurement", HOUSING),
                strategy("Rapid rehousing", "G2", "Direct service", HOUSING),
                strategy("Landlord engagement program", "G2", "Capacity building", HOUSING)],
    members=[seat("rcaa", "pennington", "Staff", meetings=12, bodies="CoC board"),
             seat("housing", "pickett", "Chair", meetings=12,
                  bodies="CoC board; Coordinated entry committee"),
             seat("habitat", "royce", "Steering", meetings=8, bodies="CoC board"),
             seat("legal", "goldberg", meetings=9),
             seat("harbor", "nash", meetings=8),
             seat("rbhs", "whitaker", meetings=7),
             seat("uw", "whitfield", meetings=6),
             seat("foodbank", "ibarra", meetings=5),
             seat("second", "jefferson", email=False, meetings=4),
             resident("Denise Harlow", "self", bodies="CoC board; Lived experience advisory board"),
             resident("Raymond Ochoa", None, bodies="Lived experience advisory board")],
    funders=[funder("State Housing Finance Agency", 180000, 2023, 2026, "Rapid rehousing"),
             funder(RCF, 30000, 2025, 2026)],
    asks=[ask(RCF, "Money", 1, "Emergency rent assistance"),
          ask("Riverbend Housing Authority", "Data", 12, "Vouchers issued")])

add(coalition("Home Base Bell County", "HBBC", "Habitat for Humanity of Riverbend", "royce", 2018,
              "Every Bell County family has a safe, affordable place to call home.", (BELL,),
              ("Families",), (HOUSING, ECON), "Monthly", 1, 35000, 0.5, None, (2026, 11, 5)),
    goals=[goal("G1", "Reduce evictions", HOUSING, "Families",
                "Eviction filings per 100 renter households", 7.2, 2023, 5, 2028,
                "District court records"),
           goal("G2", "Add affordable homes", HOUSING, "Families", "Affordable units added per year",
                22, 2024, 40, 2028, "Housing authority records")],
    strategies=[strategy("Legal aid to prevent evictions", "G1", "Direct service", HOUSING),
                strategy("Advocate for inclusionary zoning", "G2", "Policy and advocacy", HOUSING),
                strategy("Emergency rent assistance fund", "G1", "Funding and resources", HOUSING)],
    members=[seat("habitat", "royce", "Chair", meetings=12),
             seat("rcaa", "archer", typed="riverbend community action agency", meetings=10),
             seat("legal", "goldberg", meetings=9),
             seat("housing", "pickett", meetings=6),
             seat("bell_so", "merritt", email=False, meetings=3),
             seat("bank", "stanton", meetings=4),
             seat("bell_hd", "raman", meetings=4)],
    funders=[funder("Riverbend Bank & Trust", 15000, 2024, 2026)],
    asks=[ask("Riverbend Bank & Trust", "Money", 1),
          ask("Riverbend Legal Aid Society", "Staff time", 12, "Eviction court days")])

add(coalition("Riverbend Financial Opportunity Coalition", "RFOC",
              "United Way of the Riverbend Region", "whitfield", 2014,
              "Every Riverbend family can meet its basic needs and build savings.", ALL_COUNTIES,
              ("Families", "Adults"), (ECON, WORK), "Quarterly", 1.5, 110000, 1,
              "https://riverbendfoc.example.org", (2026, 10, 22),
              former=("Riverbend EITC Coalition", "Riverbend Asset Building Coalition")),
    goals=[goal("G1", "More eligible families claim the earned income tax credit", ECON,
                "Families", "% of eligible families claiming the EITC", 74, 2023, 85, 2028,
                "Tax agency estimates"),
           goal("G2", "Fewer households go hungry", ECON, "Families",
                "% of households that are food insecure", 14.6, 2023, 11, 2029,
                "Food bank network estimates"),
           goal("G3", "Fewer households struggle to afford basics", ECON, "Families",
                "% of households unable to afford basic costs", 41, 2023, 35, 2030,
                "Household cost survey")],
    strategies=[strategy("Free tax preparation sites", "G1", "Direct service", ECON),
                strategy("Financial coaching", "G3", "Direct service", ECON),
                strategy("Food pantry network coordination", "G2", "Capacity building", ECON),
                strategy("Advocate for a state earned income tax credit", "G1; G3",
                         "Policy and advocacy", ECON, "Planned")],
    members=[seat("uw", "whitfield", "Staff", meetings=4),
             seat("bank", "stanton", "Chair", meetings=4),
             seat("rcaa", "pennington", "Steering", typed="The Riverbend Community Action Agency",
                  meetings=4),
             seat("foodbank", "ibarra", meetings=4),
             seat("ash_hd", "lindqvist", who="Dr. Theresa Lindqvist", email=False, meetings=3),
             seat("legal", "goldberg", meetings=3),
             seat("extension", "foley", meetings=2),
             seat("cal_frc", "hale", meetings=3),
             seat("wib", "hensley", meetings=2),
             seat("library", "ortiz", meetings=2)],
    funders=[funder("United Way of the Riverbend Region", 80000, 2022, None),
             funder(RCF, 25000, 2024, 2025)],
    asks=[ask(RCF, "Money", 1, "Tax site coordinator"),
          ask("Riverbend Food Bank", "Data", 4, "Pantry visits by county"),
          ask("Riverbend Public Library", "Attendance", 2, "Tax sites in branches")])


# ==== Coalitions that are no more ===========================================================
# Compiled by the facilitator from minutes and grant reports: no contact to give.

add(coalition("Calder Early Childhood Council", "CECC", "Calder County Health Department", None,
              2005, "Calder County children are healthy and ready for school.", (CALDER,),
              ("Prenatal to 5", "Families"), (EC,), "Monthly", 1.5, None, None, None,
              (2026, 11, 10), status="Merged into another coalition",
              merged_into="Ready by Five Bell-Calder", year_ended=2019, filled_by=FROM_DOCUMENTS),
    goals=[goal("G1", "More four-year-olds attend pre-K", EC, "Prenatal to 5",
                "% of 4-year-olds enrolled in public pre-K or Head Start", 33, 2015, 45, 2020,
                "Calder County Schools")],
    strategies=[strategy("Pre-K enrollment fair", "G1", "Public awareness", EC, "Completed")],
    members=[seat("cal_hd", "holloway", "Chair"),
             seat("cal_sch", "quintero"),
             seat("cal_frc", "hale"),
             seat("headstart", "calloway", typed="Riverbend Head Start")])

add(coalition("Riverbend Tobacco-Free Coalition", None, "Dunmore County Health Department", None,
              2009, "Fewer Riverbend residents use tobacco.", (DUNMORE, EASTON, FENWICK),
              ("Adults", "Youth 12-17"), (HEALTH, SUBST), "Quarterly", 1.5, None, None, None,
              (2026, 11, 10), former=("Tri-County Tobacco Control Coalition",), status="Ended",
              year_ended=2021, filled_by=FROM_DOCUMENTS),
    goals=[goal("G1", "Reduce adult smoking", HEALTH, "Adults", "Adult smoking rate", 27, 2014,
                20, 2020, "Behavioral risk factor survey", latest=24, latest_year=2020)],
    strategies=[strategy("Smoke-free ordinance campaign", "G1", "Policy and advocacy", HEALTH,
                         "Completed"),
                strategy("Tobacco cessation classes", "G1", "Direct service", HEALTH, "Completed")],
    members=[seat("dun_hd", "delgado", "Chair"),
             seat("eas_hd", "sorensen"),
             seat("fen_hd", "pruitt"),
             seat("brigid", "abernathy"),
             seat("gazette", "talbot", email=False)],
    funders=[funder("State Department of Health", 180000, 2015, 2021,
                    "Tobacco prevention grant, not renewed", "Total over the period")])


def build(out_dir: Path = OUT) -> list[Path]:
    """Write every checklist to *out_dir*, removing checklists no longer curated."""
    out_dir.mkdir(parents=True, exist_ok=True)
    names = set(file_names(CHECKLISTS, width=2))
    for stale in out_dir.glob("*.xlsx"):
        if stale.name not in names:
            stale.unlink()
    return write_checklists(CHECKLISTS, out_dir, load_community(HERE), width=2)


if __name__ == "__main__":
    written = build()
    print(f"Wrote {len(written)} checklists to {OUT.relative_to(HERE.parents[1])}.")
