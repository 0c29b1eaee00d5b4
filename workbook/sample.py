"""Filled footprint checklists, written into the real template.

Two uses share this module:

* **Filling** — ``write_checklist`` puts given values into the cells the schema
  assigns them, in a copy of the community's template, without judging them.
  Tests use it to make checklists holding exactly the mistakes they want to
  see the reader handle ("2,500" in a number field, "n/a", a wrong list value).
* **Generating** — ``generate_community`` invents a whole community of
  coalitions, deterministic for a seed: shared member organisations under
  several spellings, the same people on several tables, the same funders asked
  again and again, similar goals phrased differently, and a share of
  checklists typed as carelessly as real ones. ``write_sample`` and
  ``sample_command`` write them to a folder for demos, tests and benchmarks.

Every name it invents is fictional.
"""
from __future__ import annotations

import datetime as dt
import io
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import openpyxl

from . import schema as S
from .community import Community, SettingsError, load_community
from .templates import build_template, save_workbook

# =====================================================================================
# Filling the template
# =====================================================================================


class FillError(ValueError):
    """The checklist to write does not fit the template (unknown field, too many rows)."""


@dataclass
class FilledChecklist:
    """What one coalition typed, field by field, exactly as it should land in the cells.

    ``coalition`` maps Coalition-sheet field names to values; a list or tuple is
    written one value per cell, left to right. ``rows`` maps a table sheet's name
    (``goals``, ``strategies``, ``members``, ``funders``, ``asks``) to its rows,
    each a dict of field name to value; an empty dict leaves a blank row.
    ``messy`` says what the generator did to make the checklist untidy (empty
    when clean or written by hand).
    """
    coalition: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    messy: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " ".join(str(self.coalition.get("name") or "").split())


_TEMPLATE_BYTES: dict[tuple, bytes] = {}  # one saved template per community settings


def write_checklist(checklist: FilledChecklist, out: str | Path, community: Community) -> Path:
    """Write *checklist* into a fresh copy of *community*'s template at *out*."""
    workbook = blank_checklist(community)
    fill_workbook(workbook, checklist)
    return save_workbook(workbook, Path(out))


def blank_checklist(community: Community):
    """An openpyxl Workbook of the empty template.

    Building the template styles a few thousand cells; reading back a saved copy
    is about 2.5 times faster, so the template is built once per community.
    """
    key = (community.name, community.slug,
           tuple(sorted((k, tuple(v)) for k, v in community.vocabularies.items())))
    if key not in _TEMPLATE_BYTES:
        buffer = io.BytesIO()
        build_template(community).save(buffer)
        _TEMPLATE_BYTES[key] = buffer.getvalue()
    return openpyxl.load_workbook(io.BytesIO(_TEMPLATE_BYTES[key]))


def fill_workbook(workbook, checklist: FilledChecklist) -> None:
    """Put the checklist's values into an open template workbook."""
    _fill_form(workbook[S.COALITION.title], S.COALITION, checklist.coalition)
    for sheet_name, rows in checklist.rows.items():
        sheet = _table_sheet(sheet_name)
        _fill_table(workbook[sheet.title], sheet, rows)


def _table_sheet(sheet_name: str) -> S.Sheet:
    try:
        sheet = S.sheet_by_name(sheet_name)
    except KeyError:
        known = ", ".join(s.name for s in S.CHECKLIST if s.layout == S.TABLE)
        raise FillError(f"No table sheet called {sheet_name!r}; known: {known}.") from None
    if sheet.layout != S.TABLE:
        raise FillError(f"{sheet_name!r} is a form: give its values in `coalition`.")
    return sheet


def _field_columns(sheet: S.Sheet) -> dict[str, int]:
    return {f.name: offset for offset, f in enumerate(sheet.fields)}


def _unknown_fields(sheet: S.Sheet, names) -> None:
    unknown = sorted(set(names) - set(_field_columns(sheet)))
    if unknown:
        raise FillError(f"Sheet {sheet.name!r} has no field(s) {', '.join(unknown)}; "
                        f"its fields are {', '.join(f.name for f in sheet.fields)}.")


def _fill_form(worksheet, sheet: S.Sheet, values: dict[str, Any]) -> None:
    _unknown_fields(sheet, values)
    offsets = _field_columns(sheet)
    for name, value in values.items():
        row = S.FORM_FIRST_ROW + offsets[name]
        answers = list(value) if isinstance(value, (list, tuple)) else [value]
        if len(answers) > S.FORM_MULTI_CELLS:
            raise FillError(f"{name}: {len(answers)} values, but the form offers "
                            f"{S.FORM_MULTI_CELLS} answer cells.")
        for column, answer in enumerate(answers, start=S.FORM_FIRST_VALUE_COLUMN):
            if answer is not None:
                worksheet.cell(row=row, column=column, value=answer)


def _fill_table(worksheet, sheet: S.Sheet, rows: list[dict[str, Any]]) -> None:
    if len(rows) > S.TABLE_INPUT_ROWS:
        # Rows past the formatted ones would have no dropdowns or borders: a clerk
        # could not have typed them in the template, so a test relying on them lies.
        raise FillError(f"{sheet.title}: {len(rows)} rows, but the template formats only "
                        f"{S.TABLE_INPUT_ROWS} input rows.")
    offsets = _field_columns(sheet)
    for index, row in enumerate(rows):
        _unknown_fields(sheet, row)
        for name, value in row.items():
            if isinstance(value, (list, tuple)):
                value = "; ".join(str(v) for v in value)  # how a clerk types "G1; G2"
            if value is not None:
                worksheet.cell(row=S.TABLE_FIRST_DATA_ROW + index, column=offsets[name] + 1,
                               value=value)


def slug(text: str, limit: int = 48) -> str:
    """A file-name-safe lower-case form of *text*, cut at a word boundary."""
    words = re.sub(r"[^a-z0-9]+", "-", " ".join(str(text).split()).lower()).strip("-")
    if len(words) > limit:
        cut = words[:limit + 1].rfind("-")
        words = words[:cut if cut > 0 else limit]
    return words or "coalition"


# =====================================================================================
# Name material (all fictional)
# =====================================================================================

TOWNS = (
    "Ashby", "Briar Glen", "Cedar Ford", "Millbrook", "Northgate", "Oakridge", "Pine Hollow",
    "Redstone", "Southfield", "Thornbury", "Upton Falls", "Westbrook", "Willow Creek",
    "Harlow", "Ironbridge", "Juniper Hill", "Kestrel Bay", "Lakeside", "Maple Grove",
    "Elm Valley", "Fairhaven", "Glenwood", "Hollis Park", "Quarry Point", "Rosedale",
    "Stonebridge", "Timber Ridge", "Vale Crossing", "Whitmore", "Yarrow", "Alder Springs",
    "Birch Harbor", "Copper Mill", "Dover Heights", "Eastwick", "Foxborough Flats",
    "Granite Run", "Heron Point", "Ivy Bend", "Laurel Station",
)
REGIONS = ("Tri-County", "River Valley", "Northern Hills", "Lakes Region", "Greater Riverbend")

FIRST_NAMES = (
    "Dana", "Sam", "Lee", "Maria", "James", "Aisha", "Robert", "Katherine", "William",
    "Elizabeth", "Michael", "Jennifer", "Thomas", "Patricia", "Christopher", "Margaret",
    "Daniel", "Susan", "Deborah", "Andre", "Priya", "Hector", "Mei", "Tanisha", "Omar",
    "Grace", "Luis", "Hannah", "Darnell", "Rosa", "Keith", "Yolanda", "Ethan", "Fatima",
    "Gordon", "Imani", "Jorge", "Kendra", "Leon", "Monique", "Nathan", "Olivia", "Pedro",
    "Quinn", "Rachel", "Sergio", "Tamara", "Victor", "Wendy", "Xavier", "Yvonne", "Zach",
    "Alicia", "Brandon", "Carmen", "Derek", "Erin", "Felix", "Gloria", "Harold", "Ingrid",
    "Jamal", "Kelsey", "Lamar", "Marisol", "Neil", "Opal", "Paul", "Renee", "Shawn",
    "Theresa", "Ursula", "Vanessa", "Wade", "Adrienne", "Bryce", "Celeste", "Desmond",
    "Esther", "Frank", "Gwen", "Ivan", "Joy", "Kurt", "Lydia", "Marcus", "Nadia", "Owen",
)
LAST_NAMES = (
    "Whitfield", "Ortiz", "Park", "Nguyen", "Okafor", "Brennan", "Castillo", "Dawson",
    "Ellison", "Fairbanks", "Gutierrez", "Hayes", "Iverson", "Jacobs", "Kowalski", "Lindqvist",
    "Mahoney", "Navarro", "O'Neill", "Pennington", "Quintero", "Ramsey", "Sorensen", "Tran",
    "Underwood", "Valdez", "Whitaker", "Yates", "Zimmerman", "Abernathy", "Boateng",
    "Carmichael", "Delgado", "Eastman", "Fitzgerald", "Goldberg", "Hargrove", "Ibarra",
    "Jennings", "Kaplan", "Lockhart", "McAllister", "Nakamura", "Osei", "Prescott", "Rhodes",
    "Salazar", "Thibodeaux", "Vance", "Wexler", "Archer", "Bishop", "Crowley", "Dunbar",
    "Esposito", "Fenwick", "Galloway", "Holloway", "Ingram", "Jefferson", "Kimura", "Langley",
    "Montague", "Norwood", "Ogden", "Pruitt", "Redding", "Sinclair", "Talbot", "Umana",
    "Vickers", "Waverly", "Acosta", "Beaumont", "Calloway", "Draper", "Estrada", "Foley",
    "Garrison", "Hutchins", "Irving", "Jarrett", "Keene", "Lowry", "Merritt", "Nash",
    "Pickett", "Quarles", "Royce", "Stanton",
)
NICKNAMES = {
    "Robert": "Bob", "Katherine": "Kate", "William": "Bill", "Elizabeth": "Liz",
    "Michael": "Mike", "Jennifer": "Jen", "Thomas": "Tom", "Patricia": "Pat",
    "Christopher": "Chris", "Margaret": "Peggy", "Daniel": "Dan", "Susan": "Sue",
    "James": "Jim", "Deborah": "Deb", "Theresa": "Terri", "Nathan": "Nate", "Zach": "Zachary",
}
SAINTS = ("Brigid", "Anselm", "Columba", "Hilda", "Jerome", "Lucy", "Monica", "Paschal")


@dataclass(frozen=True)
class OrgKind:
    """A kind of organisation: how its name is built, its sector and where it shows up."""
    pattern: str  # {place} or {surname}
    sector: str
    themes: str  # space-separated theme keys where this kind usually sits at the table
    variants: tuple[str, ...] = ()  # other ways people write it
    tags: str = ""  # lead | funder | school | data: what a coalition asks of it
    incorporated: bool = False  # nonprofits and firms get ", Inc." now and then


ALL = "early k12 post work subst health mental safety housing econ"
ORG_KINDS = (
    OrgKind("{place} Community Action Agency", "Nonprofit", "early housing econ work health",
            ("{place} Community Action Agcy.", "{place} Community Action"), "lead", True),
    OrgKind("United Way of {place}", "Philanthropy", ALL, ("{place} United Way",),
            "lead funder"),
    OrgKind("{place} Community Foundation", "Philanthropy", ALL,
            ("The {place} Community Foundation", "{place} Community Fdn."), "funder"),
    OrgKind("Boys & Girls Club of {place}", "Nonprofit", "k12 subst safety mental",
            ("Boys and Girls Clubs of {place}", "B&GC of {place}", "Boys & Girls Clubs of {place}"),
            "", True),
    OrgKind("Big Brothers Big Sisters of {place}", "Nonprofit", "k12 safety mental",
            ("BBBS of {place}", "Big Brothers/Big Sisters of {place}"), "", True),
    OrgKind("YMCA of {place}", "Nonprofit", "early k12 health",
            ("{place} YMCA", "{place} Family YMCA")),
    OrgKind("{place} Public Library", "Government", "early k12 post work econ",
            ("{place} Library", "{place} Public Library System")),
    OrgKind("{place} County Health Department", "Government", "early subst health mental safety",
            ("{place} County Health Dept.", "{place} Co. Health Department"), "lead data"),
    OrgKind("{place} Public Schools", "Education (K-12)", "early k12 post subst mental",
            ("{place} Public School District", "{place} Schools"), "school data"),
    OrgKind("{place} Community College", "Higher education", "post work econ",
            ("{place} Comm. College", "{place} Community & Technical College"), "lead data"),
    OrgKind("{place} State University", "Higher education", "k12 post work health",
            ("{place} State Univ.",), "data"),
    OrgKind("{place} Regional Medical Center", "Health care", "early health mental subst",
            ("{place} Regional Medical Ctr.", "{place} Regional Hospital"), "lead funder", True),
    OrgKind("{place} Family Health Clinic", "Health care", "early health econ",
            ("{place} Family Health Center",), "", True),
    OrgKind("{place} Behavioral Health Services", "Health care", "mental subst safety housing",
            ("{place} Behavioral Health Svcs.", "{place} Behavioral Health"), "lead", True),
    OrgKind("{place} Police Department", "Law enforcement and justice", "safety subst mental",
            ("{place} Police Dept.", "{place} PD"), "data"),
    OrgKind("{place} County Sheriff's Office", "Law enforcement and justice", "safety subst",
            ("{place} Co. Sheriff's Office", "{place} County Sheriffs Office"), "data"),
    OrgKind("{place} Juvenile Court", "Law enforcement and justice", "safety subst k12",
            ("{place} Juvenile Court Services",), "data"),
    OrgKind("{place} Chamber of Commerce", "Business", "work post econ",
            ("{place} Chamber", "{place} Area Chamber of Commerce"), "lead"),
    OrgKind("{place} Workforce Investment Board", "Government", "work post econ",
            ("{place} Workforce Board", "{place} Workforce Investment Bd."), "lead funder data"),
    OrgKind("{place} Housing Authority", "Government", "housing econ",
            ("{place} Housing Auth.",), "data"),
    OrgKind("Habitat for Humanity of {place}", "Nonprofit", "housing econ",
            ("{place} Habitat for Humanity",), "", True),
    OrgKind("{place} Food Bank", "Nonprofit", "econ health housing", ("{place} Foodbank",), "", True),
    OrgKind("{place} Head Start", "Nonprofit", "early econ", ("{place} Head Start Program",)),
    OrgKind("{place} Legal Aid Society", "Nonprofit", "housing econ safety",
            ("{place} Legal Aid",), "", True),
    OrgKind("{place} Parks and Recreation Department", "Government", "health k12 safety",
            ("{place} Parks & Recreation", "{place} Parks and Rec Dept.")),
    OrgKind("{place} Ministerial Alliance", "Faith-based", "safety housing econ subst",
            ("{place} Ministerial Assn.",)),
    OrgKind("{place} Children's Home", "Nonprofit", "early k12 mental safety",
            ("{place} Childrens Home",), "", True),
    OrgKind("{place} Mental Health Association", "Nonprofit", "mental subst",
            ("{place} Mental Health Assn.",), "", True),
    OrgKind("{place} Literacy Council", "Nonprofit", "early k12 work", (), "", True),
    OrgKind("{place} Bank & Trust", "Business", "econ work housing",
            ("{place} Bank and Trust Co.",), "funder", True),
    OrgKind("{place} Gazette", "Media", "k12 health safety", ("The {place} Gazette",)),
    OrgKind("{place} Family Resource Center", "Nonprofit", "early k12 econ housing",
            ("{place} Family Resource Ctr.",), "", True),
    OrgKind("{place} Adult Education Center", "Education (K-12)", "work post econ",
            ("{place} Adult Ed Center",)),
    OrgKind("{place} Recovery Center", "Health care", "subst mental housing", (), "", True),
    OrgKind("{place} Neighborhood Council", "Community member", "safety housing health"),
    OrgKind("{place} Senior Center", "Nonprofit", "health housing", ("{place} Seniors Center",)),
    OrgKind("{surname} Family Foundation", "Philanthropy", ALL,
            ("The {surname} Family Foundation", "{surname} Foundation"), "funder"),
    OrgKind("{surname} Charitable Trust", "Philanthropy", ALL, (), "funder"),
    OrgKind("{surname} Manufacturing", "Business", "work post", ("{surname} Mfg.",), "", True),
    OrgKind("{surname} Pediatrics", "Health care", "early health", (), "", True),
    OrgKind("{surname} Construction", "Business", "work housing", ("{surname} Builders",), "", True),
    OrgKind("St. {saint} Health", "Health care", "health mental early",
            ("Saint {saint} Health", "St {saint} Health System"), "funder", True),
    OrgKind("St. {saint} Parish", "Faith-based", "housing econ safety", ("Saint {saint} Church",)),
)
STATE_FUNDERS = (
    ("State Department of Education", "Government"),
    ("State Department of Health", "Government"),
    ("State Office of Drug Control Policy", "Government"),
    ("State Housing Finance Agency", "Government"),
    ("State Workforce Cabinet", "Government"),
    ("State Office of Juvenile Justice", "Government"),
)


@dataclass
class Person:
    name: str
    email: str

    def spelling(self, rng: random.Random) -> str:
        """The name as one clerk typed it: now and then a nickname or an initial."""
        first, _, last = self.name.partition(" ")
        roll = rng.random()
        if roll < 0.07 and first in NICKNAMES:
            return f"{NICKNAMES[first]} {last}"
        if roll < 0.10:
            return f"{first[0]}. {last}"
        if roll < 0.12:
            return f"{first} {last.upper()}"
        return self.name


@dataclass
class Organisation:
    name: str
    sector: str
    themes: frozenset[str]
    tags: frozenset[str]
    variants: tuple[str, ...]
    popularity: float
    staff: list[Person] = field(default_factory=list)

    def spelling(self, rng: random.Random) -> str:
        """Mostly the usual name; otherwise one of the ways people write it."""
        roll = rng.random()
        if roll < 0.04:
            return self.name.upper() if roll < 0.02 else self.name.lower()
        if not self.variants or roll < 0.6:
            return self.name
        return rng.choice(self.variants)

    def representative(self, rng: random.Random) -> Person:
        # One person usually holds an organisation's seats: that is how the same
        # face ends up at many tables.
        return self.staff[0] if rng.random() < 0.65 else rng.choice(self.staff)


def _generic_variants(name: str, incorporated: bool) -> list[str]:
    """Spellings anybody might type: abbreviations, '&', legal suffixes."""
    swaps = [(" & ", " and "), (" and ", " & "), ("Department", "Dept."), ("Center", "Ctr."),
             ("Association", "Assn."), ("Services", "Svcs."), ("County", "Co.")]
    variants = [name.replace(old, new) for old, new in swaps if old in name]
    if incorporated:
        variants += [f"{name}, Inc.", f"{name} Inc"]
    return variants


def _acronym(name: str) -> str:
    return "".join(word[0] for word in re.findall(r"[A-Za-z&][\w'&]*", name)
                   if word[0].isupper() or word == "&")


def _place_names(community: Community) -> list[str]:
    """County or town stems from the community's geographies, then fictional towns."""
    stems = [re.sub(r"\s+(County|Parish|Borough|District|Township)$", "", g)
             for g in community.vocabulary("geographies")]
    stems = [s for s in stems if s and s.lower() not in ("region-wide", "regionwide", "all")]
    return list(dict.fromkeys(stems + list(TOWNS)))


def _organisation_pool(rng: random.Random, size: int, places: list[str]) -> list[Organisation]:
    """Up to *size* organisations, most popular first (staff are hired afterwards)."""
    candidates = []
    for kind in ORG_KINDS:
        fillers = ([{"place": p} for p in places] if "{place}" in kind.pattern else
                   [{"surname": s} for s in LAST_NAMES] if "{surname}" in kind.pattern else
                   [{"saint": s} for s in SAINTS])
        candidates += [(kind, filler) for filler in fillers]
    rng.shuffle(candidates)
    organisations = []
    for rank, (kind, filler) in enumerate(candidates[:size]):
        name = kind.pattern.format(**filler)
        variants = [v.format(**filler) for v in kind.variants]
        variants += _generic_variants(name, kind.incorporated)
        if rng.random() < 0.15:
            variants.append(_acronym(name))  # the insiders' short form
        boost = 3.0 if "lead" in kind.tags else 1.0
        organisations.append(Organisation(
            name=name, sector=kind.sector, themes=frozenset(kind.themes.split()),
            tags=frozenset(kind.tags.split()), variants=tuple(dict.fromkeys(
                v for v in variants if v != name)),
            popularity=boost / (rank + 1) ** 0.6))
    return organisations


def _hire_staff(rng: random.Random, organisations: list[Organisation]) -> None:
    """Give each organisation one to three people, no two with the same name."""
    wanted = [rng.choice((1, 1, 2, 2, 3)) for _ in organisations]
    combos = len(FIRST_NAMES) * len(LAST_NAMES)
    picks = rng.sample(range(combos), min(sum(wanted), combos))
    people = iter(picks)
    for organisation, count in zip(organisations, wanted):
        domain = slug(_acronym(organisation.name) or organisation.name, 12).replace("-", "")
        for pick in [next(people, None) for _ in range(count)]:
            if pick is None:
                break
            first, last = FIRST_NAMES[pick // len(LAST_NAMES)], LAST_NAMES[pick % len(LAST_NAMES)]
            email = f"{first}.{last}".lower().replace("'", "") + f"@{domain}.example.org"
            organisation.staff.append(Person(f"{first} {last}", email))
        if not organisation.staff:
            organisation.staff.append(Person("Front Desk", f"info@{domain}.example.org"))


def _funder_pool(rng: random.Random, organisations: list[Organisation],
                 size: int) -> list[Organisation]:
    """State agencies and the pool's funders, most asked first."""
    state = [Organisation(name, sector, frozenset(ALL.split()), frozenset({"funder"}),
                          (name.replace("Department", "Dept."),), 1.0,
                          [Person("Grants Office", "grants@state.example.gov")])
             for name, sector in STATE_FUNDERS]
    local = [o for o in organisations if "funder" in o.tags]
    pool = state + local[:max(0, size - len(state))]
    rng.shuffle(pool)
    return pool


# =====================================================================================
# What coalitions work on
# =====================================================================================


@dataclass(frozen=True)
class GoalIdea:
    statements: tuple[str, ...]  # the same goal as different coalitions word it
    indicators: tuple[str, ...]
    population: str
    baseline: tuple[float, float]
    better: int  # +1 when a higher figure is better, -1 when lower is
    source: tuple[str, ...]


@dataclass(frozen=True)
class Theme:
    key: str
    issue_area: str
    names: tuple[str, ...]  # coalition name patterns with {place}
    populations: tuple[str, ...]
    related: tuple[str, ...]  # other issue areas such coalitions also tick
    missions: tuple[str, ...]
    goals: tuple[GoalIdea, ...]
    strategies: tuple[tuple[str, str], ...]  # (strategy, strategy type)


def _goal(statements, indicators, population, baseline, better, *source) -> GoalIdea:
    return GoalIdea(tuple(statements), tuple(indicators), population, baseline, better, source)


THEMES = (
    Theme("early", "Early childhood",
          ("{place} Early Learning Partnership", "Ready by Five {place}",
           "{place} Early Childhood Coalition", "{place} Kindergarten Readiness Network",
           "{place} Strong Starts Collaborative", "{place} Birth-to-Five Alliance"),
          ("Prenatal to 5", "Families"), ("Health", "Family economic stability"),
          ("Every child in {place} enters kindergarten ready to learn.",
           "Young children in {place} grow up healthy, safe and ready for school."),
          (_goal(("More children enter kindergarten ready to learn",
                  "Increase the share of children entering kindergarten ready to learn",
                  "Raise kindergarten readiness"),
                 ("% of kindergartners ready on the state screener",
                  "% kindergarteners assessed ready (state screener)",
                  "Kindergarten readiness rate"), "Prenatal to 5", (38, 55), 1,
                 "State kindergarten screener", "State department of education"),
           _goal(("Expand access to quality child care", "More families find quality child care"),
                 ("Licensed child care slots per 100 children under 5",
                  "Child care seats per 100 children aged 0-5"), "Prenatal to 5", (25, 45), 1,
                 "State child care licensing office"),
           _goal(("Increase well-child visits in the first two years",
                  "More infants get their well-child checkups"),
                 ("% of children with 6+ well-child visits by 15 months",), "Prenatal to 5",
                 (55, 70), 1, "Medicaid claims data"),
           _goal(("Parents read with their young children every day",
                  "More families read together daily"),
                 ("% of parents reading daily to children 0-5",), "Families", (40, 55), 1,
                 "Parent survey"),
           _goal(("Increase enrollment in pre-K", "More four-year-olds attend pre-K"),
                 ("% of 4-year-olds enrolled in public pre-K or Head Start",), "Prenatal to 5",
                 (30, 50), 1, "School district enrollment data")),
          (("Home visiting for first-time parents", "Direct service"),
           ("Book gifting at well-child visits", "Direct service"),
           ("Quality coaching for child care providers", "Capacity building"),
           ("Advocate for state pre-K funding", "Policy and advocacy"),
           ("Shared kindergarten readiness dashboard", "Shared measurement"),
           ("Talk, read and play campaign for parents", "Public awareness"),
           ("Start-up grants for home child care providers", "Funding and resources"),
           ("Developmental screening at pediatric practices", "Direct service"))),
    Theme("k12", "K-12 education",
          ("{place} Graduation Alliance", "{place} Reads", "{place} Education Partnership",
           "{place} Every Day Counts Coalition", "{place} Out-of-School Time Network",
           "{place} Student Success Collaborative"),
          ("Children 6-11", "Youth 12-17"), ("Postsecondary", "Mental health"),
          ("Every student in {place} graduates ready for college, career and life.",
           "All {place} children read on grade level by third grade."),
          (_goal(("More third graders read on grade level", "Improve 3rd grade reading proficiency"),
                 ("% of 3rd graders proficient in reading",
                  "3rd grade reading proficiency (state test)"),
                 "Children 6-11", (35, 55), 1, "State assessment"),
           _goal(("Raise the high school graduation rate", "More students graduate on time"),
                 ("4-year high school graduation rate", "% of students graduating in four years"),
                 "Youth 12-17", (82, 90), 1, "State department of education"),
           _goal(("Reduce chronic absence", "Fewer students miss school"),
                 ("% of students chronically absent",
                  "Chronic absenteeism rate (10%+ of days missed)"),
                 "Children 6-11", (15, 28), -1, "School district attendance data"),
           _goal(("Improve middle school math", "More 8th graders proficient in math"),
                 ("% of 8th graders proficient in math",), "Youth 12-17", (25, 40), 1,
                 "State assessment"),
           _goal(("More students take part in afterschool and summer learning",),
                 ("% of students in afterschool or summer programs",), "Children 6-11",
                 (18, 35), 1, "Program enrollment records")),
          (("Reading tutors in grades K-3", "Direct service"),
           ("Attendance mentoring for chronically absent students", "Direct service"),
           ("Summer learning programs", "Direct service"),
           ("Teacher professional learning in literacy", "Capacity building"),
           ("Early warning data system", "Shared measurement"),
           ("Back-to-school attendance campaign", "Public awareness"),
           ("Advocate for afterschool funding", "Policy and advocacy"))),
    Theme("post", "Postsecondary",
          ("{place} College Access Network", "{place} Degrees Count",
           "{place} Postsecondary Success Partnership", "{place} FAFSA Completion Coalition",
           "{place} Promise Partnership"),
          ("Youth 12-17", "Young adults 18-24"), ("K-12 education", "Workforce"),
          ("Every {place} graduate earns a degree or credential with value.",
           "More {place} residents complete education after high school."),
          (_goal(("More seniors complete the FAFSA", "Increase FAFSA completion"),
                 ("% of seniors completing the FAFSA", "FAFSA completion rate, high school seniors"),
                 "Youth 12-17", (40, 55), 1, "Federal student aid office"),
           _goal(("More graduates enroll in college", "Raise the college-going rate"),
                 ("% of graduates enrolling in college within one year", "College-going rate"),
                 "Young adults 18-24", (45, 60), 1, "National student clearinghouse"),
           _goal(("More adults hold a degree or credential",),
                 ("% of adults 25-64 with a degree or credential",), "Adults", (30, 45), 1,
                 "Census American Community Survey"),
           _goal(("More first-year students return for a second year",),
                 ("% of first-year students returning for a second year",),
                 "Young adults 18-24", (55, 70), 1, "College institutional research")),
          (("FAFSA completion nights", "Direct service"),
           ("College advising in high schools", "Direct service"),
           ("Expand dual credit courses", "Policy and advocacy"),
           ("Summer text nudges for college-bound graduates", "Direct service"),
           ("Last-dollar scholarship fund", "Funding and resources"),
           ("Shared postsecondary outcomes report", "Shared measurement"))),
    Theme("work", "Workforce",
          ("{place} Talent Pipeline Partnership", "{place} Workforce Council",
           "{place} Career Pathways Collaborative", "{place} Skilled Trades Alliance",
           "{place} Youth Employment Network"),
          ("Young adults 18-24", "Adults"), ("Postsecondary", "Family economic stability"),
          ("Every {place} resident who wants a good job can get one.",
           "{place} employers find the skilled workers they need."),
          (_goal(("Reduce unemployment among young adults", "More young adults are working"),
                 ("Unemployment rate, ages 18-24", "% of 18-24 year olds unemployed"),
                 "Young adults 18-24", (8, 14), -1, "State labor market information"),
           _goal(("More residents earn credentials in high-demand fields",),
                 ("Credentials earned in high-demand fields per year",), "Adults", (150, 600), 1,
                 "Workforce board records"),
           _goal(("Raise labor force participation", "More adults in the labor force"),
                 ("Labor force participation rate", "% of adults in the labor force"), "Adults",
                 (58, 64), 1, "Census American Community Survey"),
           _goal(("More youth in paid summer internships",),
                 ("Youth in paid summer internships",), "Youth 12-17", (50, 300), 1,
                 "Program records"),
           _goal(("Program completers earn a family-sustaining wage",),
                 ("Median hourly wage of program completers (USD)",), "Adults", (15, 19), 1,
                 "Program records")),
          (("Paid summer internships for youth", "Direct service"),
           ("Employer-led career pathways in health care and manufacturing", "Capacity building"),
           ("Short-term credential scholarships", "Funding and resources"),
           ("Job readiness workshops", "Direct service"),
           ("Rides-to-work pilot", "Direct service"),
           ("Regional labor market dashboard", "Shared measurement"),
           ("Advocate for apprenticeship tax credits", "Policy and advocacy"))),
    Theme("subst", "Youth substance use",
          ("{place} Prevention Alliance", "{place} Drug-Free Youth Coalition",
           "{place} Youth Prevention Coalition", "Safe and Sober {place}",
           "{place} Coalition for Healthy Youth"),
          ("Youth 12-17", "Families"), ("Mental health", "Public safety"),
          ("{place} youth grow up free of alcohol, tobacco and drug misuse.",
           "Prevent and reduce youth substance use in {place}."),
          (_goal(("Reduce underage drinking", "Cut past-month alcohol use among 10th graders"),
                 ("% of 10th graders reporting alcohol use in the past 30 days",
                  "Past-30-day alcohol use, 10th grade"), "Youth 12-17", (12, 22), -1,
                 "State youth survey"),
           _goal(("Reduce youth vaping", "Fewer high school students vape"),
                 ("% of high school students who vaped in the past 30 days",
                  "Past-month vaping, grades 9-12"), "Youth 12-17", (14, 25), -1,
                 "State youth survey"),
           _goal(("More teens see the risk of marijuana use",),
                 ("% of 8th graders who see great risk in regular marijuana use",), "Youth 12-17",
                 (35, 50), 1, "State youth survey"),
           _goal(("Reduce youth overdoses",),
                 ("Youth overdose emergency visits per 10,000 youth",), "Youth 12-17", (3, 9), -1,
                 "Hospital emergency department data"),
           _goal(("Reduce prescription drug misuse among teens",),
                 ("% of 12th graders misusing prescription drugs in the past 30 days",),
                 "Youth 12-17", (3, 7), -1, "State youth survey")),
          (("Prevention curriculum in middle schools", "Direct service"),
           ("Compliance checks at tobacco and alcohol retailers", "Policy and advocacy"),
           ("Parent education nights", "Public awareness"),
           ("Youth-led social norms campaign", "Public awareness"),
           ("Drug take-back days", "Direct service"),
           ("Youth survey administration and reporting", "Shared measurement"),
           ("Advocate for enforcing the tobacco purchase age", "Policy and advocacy"))),
    Theme("health", "Health",
          ("Healthy {place}", "{place} Community Health Coalition", "{place} Wellness Partnership",
           "{place} Maternal and Infant Health Collaborative", "{place} Active Living Alliance"),
          ("All ages", "Adults", "Families"), ("Mental health", "Early childhood"),
          ("{place} is the healthiest place to live, work and play.",
           "Every {place} resident can reach their best health."),
          (_goal(("Reduce adult obesity", "Fewer adults live with obesity"),
                 ("% of adults with obesity", "Adult obesity rate"), "Adults", (30, 40), -1,
                 "Behavioral risk factor survey"),
           _goal(("Reduce infant mortality", "More babies reach their first birthday"),
                 ("Infant deaths per 1,000 live births", "Infant mortality rate"), "Prenatal to 5",
                 (6, 9), -1, "State vital statistics"),
           _goal(("Reduce the number of uninsured adults", "More adults have health insurance"),
                 ("% of adults without health insurance", "Uninsured rate, adults"), "Adults",
                 (7, 14), -1, "Census American Community Survey"),
           _goal(("More mothers get early prenatal care",),
                 ("% of births with first-trimester prenatal care",), "Families", (65, 80), 1,
                 "State vital statistics"),
           _goal(("Reduce adult smoking", "Fewer adults smoke"),
                 ("Adult smoking rate", "% of adults who smoke"), "Adults", (18, 26), -1,
                 "Behavioral risk factor survey")),
          (("Community health worker outreach", "Direct service"),
           ("Produce vouchers at farmers markets", "Direct service"),
           ("Health insurance enrollment events", "Direct service"),
           ("Advocate for walkable streets", "Policy and advocacy"),
           ("Community health needs assessment", "Shared measurement"),
           ("Tobacco cessation classes", "Direct service"),
           ("Prenatal care navigation", "Direct service"))),
    Theme("mental", "Mental health",
          ("{place} Mental Health Alliance", "{place} Suicide Prevention Coalition",
           "{place} Behavioral Health Collaborative", "{place} Youth Mental Wellness Network",
           "{place} Resilience Network"),
          ("Youth 12-17", "Adults"), ("Health", "Youth substance use"),
          ("Everyone in {place} can get mental health help when they need it.",
           "Zero suicides in {place}."),
          (_goal(("Reduce suicide deaths", "Lower the suicide rate"),
                 ("Suicide deaths per 100,000 residents", "Suicide rate per 100,000"), "All ages",
                 (14, 22), -1, "State vital statistics"),
           _goal(("Fewer teens report persistent sadness", "Improve youth mental wellbeing"),
                 ("% of high school students feeling sad or hopeless for 2+ weeks",
                  "% of teens reporting persistent sadness"), "Youth 12-17", (30, 42), -1,
                 "State youth survey"),
           _goal(("Shorten waits for counselling", "Faster access to a first appointment"),
                 ("Average days to a first counselling appointment",), "All ages", (14, 45), -1,
                 "Provider survey"),
           _goal(("More residents trained to respond to a mental health crisis",),
                 ("Residents trained in crisis response",), "Adults", (100, 400), 1,
                 "Training records")),
          (("Crisis response training for school staff", "Capacity building"),
           ("Suicide prevention awareness campaign", "Public awareness"),
           ("School-based counselling", "Direct service"),
           ("Peer support groups", "Direct service"),
           ("Mobile crisis team", "Direct service"),
           ("Advocate for mental health insurance parity", "Policy and advocacy"),
           ("Shared referral platform", "Capacity building"))),
    Theme("safety", "Public safety",
          ("Safe Neighborhoods {place}", "{place} Youth Violence Prevention Council",
           "{place} Reentry Coalition", "{place} Community Safety Partnership",
           "{place} Domestic Violence Task Force"),
          ("Youth 12-17", "Adults"), ("Youth substance use", "Housing"),
          ("Every {place} neighborhood is safe.",
           "Fewer {place} residents are harmed by violence or return to jail."),
          (_goal(("Reduce violent crime", "Fewer violent crimes"),
                 ("Violent crimes per 1,000 residents", "Violent crime rate"), "All ages",
                 (3, 8), -1, "Police department crime data"),
           _goal(("Reduce juvenile arrests",),
                 ("Juvenile arrests per 1,000 youth",), "Youth 12-17", (10, 25), -1,
                 "Juvenile court records"),
           _goal(("Reduce recidivism", "Fewer people return to jail"),
                 ("% re-arrested within 3 years of release", "Three-year recidivism rate"),
                 "Adults", (35, 50), -1, "County jail records"),
           _goal(("Residents feel safe in their neighborhood",),
                 ("% of residents who feel safe walking at night",), "Adults", (55, 70), 1,
                 "Community survey"),
           _goal(("Reduce domestic violence",),
                 ("Domestic violence calls per 1,000 households",), "Families", (8, 20), -1,
                 "Police department call data")),
          (("Violence interruption outreach workers", "Direct service"),
           ("Youth diversion program", "Direct service"),
           ("Job placement for people leaving jail", "Direct service"),
           ("Block clubs and neighborhood watch", "Capacity building"),
           ("Better street lighting", "Funding and resources"),
           ("Crime data sharing agreement", "Shared measurement"),
           ("Advocate for record expungement reform", "Policy and advocacy"))),
    Theme("housing", "Housing",
          ("{place} Housing Coalition", "{place} Continuum of Care", "Home Base {place}",
           "{place} Affordable Housing Alliance", "{place} Homelessness Prevention Network"),
          ("Families", "Adults"), ("Family economic stability", "Health"),
          ("Everyone in {place} has a safe, affordable place to call home.",
           "Make homelessness in {place} rare, brief and one-time."),
          (_goal(("Reduce homelessness", "Fewer people experience homelessness"),
                 ("People experiencing homelessness (point-in-time count)",
                  "Point-in-time homeless count"), "All ages", (150, 600), -1,
                 "Point-in-time count"),
           _goal(("Fewer renters are cost-burdened", "Reduce housing cost burden"),
                 ("% of renter households paying over 30% of income on housing",
                  "Share of cost-burdened renters"), "Families", (40, 52), -1,
                 "Census American Community Survey"),
           _goal(("Reduce evictions", "Fewer families face eviction"),
                 ("Eviction filings per 100 renter households",), "Families", (4, 9), -1,
                 "District court records"),
           _goal(("Add affordable homes",),
                 ("Affordable units added per year",), "Families", (20, 80), 1,
                 "Housing authority records"),
           _goal(("Rehouse people faster",),
                 ("Average days from homelessness to permanent housing",), "Adults", (60, 150),
                 -1, "Homeless management information system")),
          (("Rapid rehousing", "Direct service"),
           ("Legal aid to prevent evictions", "Direct service"),
           ("Emergency rent assistance fund", "Funding and resources"),
           ("Landlord engagement program", "Capacity building"),
           ("Coordinated entry system", "Shared measurement"),
           ("Advocate for inclusionary zoning", "Policy and advocacy"),
           ("Home repair for seniors", "Direct service"))),
    Theme("econ", "Family economic stability",
          ("{place} Financial Opportunity Coalition", "{place} Family Prosperity Network",
           "{place} Asset Building Coalition", "{place} Anti-Poverty Collaborative",
           "{place} Basic Needs Partnership"),
          ("Families", "Adults"), ("Workforce", "Housing"),
          ("Every {place} family can meet its basic needs and build savings.",
           "Cut family poverty in {place}."),
          (_goal(("Reduce child poverty", "Fewer children live in poverty"),
                 ("% of children below the poverty line", "Child poverty rate"), "Families",
                 (16, 28), -1, "Census American Community Survey"),
           _goal(("More eligible families claim the earned income tax credit",),
                 ("% of eligible families claiming the EITC", "EITC uptake among eligible families"),
                 "Families", (70, 82), 1, "Tax agency estimates"),
           _goal(("Reduce food insecurity", "Fewer households go hungry"),
                 ("% of households that are food insecure", "Food insecurity rate"), "Families",
                 (11, 18), -1, "Food bank network estimates"),
           _goal(("Fewer households struggle to afford basics",),
                 ("% of households unable to afford basic costs",), "Families", (35, 45), -1,
                 "Household cost survey"),
           _goal(("Raise household income",),
                 ("Median household income (USD)",), "Families", (45000, 62000), 1,
                 "Census American Community Survey")),
          (("Free tax preparation sites", "Direct service"),
           ("Financial coaching", "Direct service"),
           ("Benefits screening at community events", "Direct service"),
           ("Matched savings accounts", "Funding and resources"),
           ("Advocate for a state earned income tax credit", "Policy and advocacy"),
           ("Food pantry network coordination", "Capacity building"),
           ("Family well-being survey", "Shared measurement"))),
)
THEME_BY_AREA = {theme.issue_area: theme for theme in THEMES}

CADENCE_WEIGHTS = {"Monthly": 45, "Quarterly": 18, "Every two months": 15,
                   "Every two weeks": 6, "Twice a year": 5, "Weekly": 1, "As needed": 4, "Yearly": 1}
SHORT_NAME_MAX = 12  # well inside the 20 characters charts show
STATUS_WEIGHTS = {"Active": 70, "Planned": 15, "Completed": 10, "Paused": 5}


# =====================================================================================
# Generating a community
# =====================================================================================


def _in_vocabulary(rng: random.Random, vocabulary: tuple[str, ...], wanted: str) -> str:
    """*wanted* when the community's list has it, else a value the list does have."""
    return wanted if wanted in vocabulary else rng.choice(vocabulary)


def _weighted(rng: random.Random, vocabulary: tuple[str, ...], weights: dict[str, float]) -> str:
    return rng.choices(vocabulary, [weights.get(v, 1) for v in vocabulary])[0]


def _sample_weighted(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """k distinct items, likelier ones first more often (Efraimidis-Spirakis)."""
    keyed = sorted(((rng.random() ** (1 / w), i) for i, w in enumerate(weights)), reverse=True)
    return [items[i] for _, i in keyed[:k]]


@dataclass
class _World:
    """What every coalition of one generated community draws from."""
    community: Community
    places: list[str]
    organisations: list[Organisation]
    funders: list[Organisation]
    names_used: set[str] = field(default_factory=set)
    _affinities: dict[tuple[str, str], list[float]] = field(default_factory=dict)

    def affinities(self, theme: Theme, favour: str = "") -> list[float]:
        """Each organisation's weight for a role in this theme's coalitions, in pool order.

        *favour* is a tag (lead, data) that makes an organisation far likelier.
        """
        key = (theme.key, favour)
        if key not in self._affinities:
            self._affinities[key] = [
                _affinity(o, theme) * (1 if not favour or favour in o.tags else 0.05)
                for o in self.organisations]
        return self._affinities[key]

    @property
    def funder_weights(self) -> list[float]:
        # A few funders that everybody asks: the "too many asks" of the workshop.
        return [1 / (rank + 1) ** 0.8 for rank in range(len(self.funders))]

    def vocabulary(self, key: str) -> tuple[str, ...]:
        return self.community.vocabulary(key)


def _make_world(rng: random.Random, n_coalitions: int, community: Community) -> _World:
    places = _place_names(community)
    # Pools grow with N so that a big community still shares members and funders.
    organisations = _organisation_pool(rng, 60 + 2 * n_coalitions, places)
    _hire_staff(rng, organisations)
    funders = _funder_pool(rng, organisations, 12 + n_coalitions // 4)
    return _World(community, places, organisations, funders)


def generate_community(n_coalitions: int, seed: int, community: Community,
                       messy_share: float = 0.15) -> list[FilledChecklist]:
    """*n_coalitions* realistic filled checklists, the same ones for the same seed."""
    if n_coalitions < 0:
        raise ValueError("n_coalitions must be zero or more")
    if not 0 <= messy_share <= 1:
        raise ValueError("messy_share must be between 0 and 1")
    rng = random.Random(seed)
    world = _make_world(rng, n_coalitions, community)
    checklists = [_coalition_checklist(rng, world) for _ in range(n_coalitions)]
    messy = sorted(rng.sample(range(n_coalitions), round(n_coalitions * messy_share)))
    for position, index in enumerate(messy):
        _make_messy(rng, checklists[index], _real_error(rng, position))
    return checklists


def _real_error(rng: random.Random, position: int) -> Mess | None:
    """Every third messy checklist also holds a real error.

    The first one always rejects a row, so even a small sample exercises a
    loader's "every row loaded or named" accounting.
    """
    if position % 3:
        return None
    return rng.choice(ROW_REJECTING_ERRORS + (CELL_ERRORS if position else ()))


def _coalition_checklist(rng: random.Random, world: _World) -> FilledChecklist:
    theme = rng.choice(THEMES)
    geographies = _geographies(rng, world)
    name = _coalition_name(rng, world, theme, geographies)
    lead = rng.choices(world.organisations, world.affinities(theme, "lead"))[0]
    contact = lead.staff[0]
    cadence = _weighted(rng, world.vocabulary("cadences"), CADENCE_WEIGHTS)
    goals = _goals(rng, world, theme)
    coalition = {
        "name": name,
        "short_name": _short_name(rng, name),
        "lead_organisation": lead.spelling(rng),
        "contact_name": contact.name,
        "contact_email": contact.email,
        "year_founded": rng.randint(1994, 2025),
        "mission": rng.choice(theme.missions).format(place=_place_in(name, world)),
        "geographies": geographies,
        "populations": _populations(rng, world, theme),
        "issue_areas": _issue_areas(rng, world, theme),
        "annual_budget": rng.choice((None, 0, 15000, 40000, 85000, 120000, 250000, 480000, 750000)),
        "staff_fte": rng.choice((None, 0, 0.25, 0.5, 1, 1.5, 2, 3)),
        "meeting_cadence": cadence,
        "meeting_hours": rng.choice((1, 1, 1.5, 1.5, 2, 2, 3)),
        "website": (f"https://{slug(name, 30)}.example.org" if rng.random() < 0.7 else None),
        "completed_on": dt.date(2026, 9, 1) + dt.timedelta(days=rng.randrange(80)),
    }
    members = _members(rng, world, theme, lead, cadence)
    return FilledChecklist(coalition, {
        "goals": goals,
        "strategies": _strategies(rng, world, theme, [g["goal_id"] for g in goals]),
        "members": members,
        "funders": _funders(rng, world),
        "asks": _asks(rng, world, theme),
    })


def _geographies(rng: random.Random, world: _World) -> list[str]:
    areas = world.vocabulary("geographies")
    count = min(len(areas), S.FORM_MULTI_CELLS,
                rng.choices((1, 2, 3, 4, 5, 6), (40, 25, 15, 8, 7, 5))[0])
    return sorted(rng.sample(areas, count), key=areas.index)


def _coalition_name(rng: random.Random, world: _World, theme: Theme,
                    geographies: list[str]) -> str:
    stems = [p for p in world.places if any(g.startswith(p + " ") or g == p for g in geographies)]
    for _ in range(12):
        if stems and rng.random() < 0.6:
            place = rng.choice(stems)
        elif len(geographies) > 2:
            place = rng.choice(REGIONS + tuple(world.places[:6]))
        else:
            place = rng.choice(world.places)
        name = rng.choice(theme.names).format(place=place)
        if name not in world.names_used:
            break
    base, number = name, 2
    while name in world.names_used:
        name, number = f"{base} ({number})", number + 1  # deterministic tie-breaker
    world.names_used.add(name)
    return name


def _place_in(name: str, world: _World) -> str:
    return next((p for p in (*REGIONS, *world.places) if p in name), "our community")


def _short_name(rng: random.Random, name: str) -> str | None:
    letters = _acronym(re.sub(r"\(\d+\)", "", name)).replace("&", "")
    if rng.random() < 0.25 or len(letters) < 2:
        return None
    return letters[:SHORT_NAME_MAX]


def _populations(rng: random.Random, world: _World, theme: Theme) -> list[str]:
    vocabulary = world.vocabulary("populations")
    chosen = [_in_vocabulary(rng, vocabulary, p) for p in theme.populations]
    if rng.random() < 0.3:
        chosen.append(rng.choice(vocabulary))
    return list(dict.fromkeys(chosen))[:S.FORM_MULTI_CELLS]


def _issue_areas(rng: random.Random, world: _World, theme: Theme) -> list[str]:
    vocabulary = world.vocabulary("issue_areas")
    related = rng.sample(theme.related, rng.choice((0, 1, 1, 2)))
    return list(dict.fromkeys(_in_vocabulary(rng, vocabulary, a)
                              for a in (theme.issue_area, *related)))


def _affinity(organisation: Organisation, theme: Theme) -> float:
    return organisation.popularity * (4.0 if theme.key in organisation.themes else 1.0)


def _goals(rng: random.Random, world: _World, theme: Theme) -> list[dict]:
    ideas = list(theme.goals)
    for area in theme.related:
        if area in THEME_BY_AREA:
            ideas += THEME_BY_AREA[area].goals[:2]
    count = min(len(ideas), rng.randint(2, 6))
    chosen = theme.goals[:1] + tuple(rng.sample(ideas[1:], count - 1))
    return [_goal_row(rng, world, f"G{i}", idea, _area_of(idea, theme))
            for i, idea in enumerate(chosen, start=1)]


def _area_of(idea: GoalIdea, theme: Theme) -> str:
    return next((t.issue_area for t in THEMES if idea in t.goals), theme.issue_area)


def _goal_row(rng: random.Random, world: _World, goal_id: str, idea: GoalIdea,
              issue_area: str) -> dict:
    low, high = idea.baseline
    baseline = rng.uniform(low, high)
    baseline = round(baseline) if high - low >= 20 else round(baseline, 1)
    target = baseline * (1 + idea.better * rng.uniform(0.08, 0.3))
    target = round(target) if isinstance(baseline, int) else round(target, 1)
    baseline_year, target_year = rng.randint(2019, 2024), rng.randint(2027, 2032)
    statement = rng.choice(idea.statements)
    if rng.random() < 0.25:
        statement += f" by {target_year}"
    row = {"goal_id": goal_id, "statement": statement,
           "issue_area": _in_vocabulary(rng, world.vocabulary("issue_areas"), issue_area),
           "population": _in_vocabulary(rng, world.vocabulary("populations"), idea.population),
           "indicator": rng.choice(idea.indicators), "data_source": rng.choice(idea.source)}
    if rng.random() < 0.85:  # some coalitions have not settled their numbers yet
        row.update(baseline_value=baseline, baseline_year=baseline_year,
                   target_value=target, target_year=target_year)
    return row


def _strategies(rng: random.Random, world: _World, theme: Theme, goal_ids: list[str]) -> list[dict]:
    count = min(len(theme.strategies), rng.randint(2, 8))
    rows = []
    for strategy, kind in rng.sample(theme.strategies, count):
        served = rng.sample(goal_ids, min(len(goal_ids), rng.choice((0, 1, 1, 1, 2, 2))))
        rows.append({
            "strategy": strategy,
            "goal_ids": "; ".join(sorted(served, key=goal_ids.index)) or None,
            "strategy_type": _in_vocabulary(rng, world.vocabulary("strategy_types"), kind),
            "issue_area": _in_vocabulary(rng, world.vocabulary("issue_areas"), theme.issue_area),
            "status": _weighted(rng, world.vocabulary("strategy_statuses"), STATUS_WEIGHTS),
        })
    return rows


def _members(rng: random.Random, world: _World, theme: Theme, lead: Organisation,
             cadence: str) -> list[dict]:
    chosen = _sample_weighted(rng, world.organisations, world.affinities(theme),
                              rng.randint(7, 29) + 1)
    seats = [lead] + [o for o in chosen if o is not lead][:len(chosen) - 1]
    meetings = S.CADENCE_MEETINGS_PER_YEAR.get(cadence, 6)
    roles = world.vocabulary("roles")
    steering = rng.randint(2, 4)
    rows = []
    for position, organisation in enumerate(seats):
        role = ("Staff" if position == 0 else "Chair" if position == 1 else
                "Steering" if position <= steering else "Member")
        rows.append(_seat(rng, world, organisation, _in_vocabulary(rng, roles, role), meetings))
    return rows


def _seat(rng: random.Random, world: _World, organisation: Organisation, role: str,
          meetings: float) -> dict:
    person = organisation.representative(rng)
    row = {"organisation": organisation.spelling(rng),
           "sector": (_in_vocabulary(rng, world.vocabulary("sectors"), organisation.sector)
                      if rng.random() < 0.9 else None),
           "role": role}
    if rng.random() < 0.95:
        row["representative"] = person.spelling(rng)
        if rng.random() < 0.6:
            row["representative_email"] = person.email
    if meetings and rng.random() < 0.5:
        row["meetings_per_year"] = max(1, round(meetings * rng.uniform(0.5, 1)))
    return row


def _funders(rng: random.Random, world: _World) -> list[dict]:
    count = rng.choice((0, 1, 1, 2, 2, 3, 4))
    chosen = _sample_weighted(rng, world.funders, world.funder_weights, count)
    rows = []
    for funder in chosen:
        start = rng.randint(2018, 2026)
        rows.append({"funder": funder.spelling(rng),
                     "amount": rng.choice((5000, 10000, 25000, 40000, 50000, 75000, 100000, 150000)),
                     "start_year": start,
                     "end_year": start + rng.choice((1, 2, 3)) if rng.random() < 0.7 else None,
                     "notes": rng.choice((None, None, "Multi-year grant", "Renewal pending",
                                          "In-kind staff support", "Restricted to programs"))})
    return rows


ASK_NOTES = {
    "Money": ("Annual operating support", "Event sponsorship", "Program grant"),
    "Data": ("School-level results", "Quarterly counts", "Survey results by county"),
    "Staff time": ("Committee co-chair", "Help with the annual report", "Volunteer coordinator"),
    "Attendance": ("Seat at quarterly meetings", "Annual summit", "Community forums"),
}


def _asks(rng: random.Random, world: _World, theme: Theme) -> list[dict]:
    ask_types = world.vocabulary("ask_types")
    rows, asked_before = [], set()
    for _ in range(rng.randint(1, 6)):
        kind = rng.choice(ask_types)
        if kind == "Money":
            asked = rng.choices(world.funders, world.funder_weights)[0]
        else:
            asked = rng.choices(world.organisations,
                                world.affinities(theme, "data" if kind == "Data" else ""))[0]
        if (asked.name, kind) in asked_before:
            continue  # one row per organisation and kind of ask
        asked_before.add((asked.name, kind))
        rows.append({"organisation": asked.spelling(rng), "ask_type": kind,
                     "times_per_year": rng.choice((None, 1, 2, 4, 12)),
                     "notes": rng.choice(ASK_NOTES.get(kind, (None,)) + (None,))})
    return rows


# =====================================================================================
# Messy entries
# =====================================================================================

# Each mess changes a checklist in place and says what it did.
Mess = Callable[[random.Random, "FilledChecklist"], str]


def _make_messy(rng: random.Random, checklist: FilledChecklist, real_error: Mess | None) -> None:
    """Type the checklist the way a hurried clerk would, then make *real_error* if given."""
    for mess in rng.sample(TOLERATED_MESSES, rng.randint(2, 4)):
        checklist.messy.append(mess(rng, checklist))
    if real_error is not None:
        checklist.messy.append(real_error(rng, checklist))


def _rows(checklist: FilledChecklist, sheet: str) -> list[dict]:
    return [row for row in checklist.rows.get(sheet, []) if row]


def _mess_spaces(rng: random.Random, checklist: FilledChecklist) -> str:
    members = _rows(checklist, "members")
    if members and rng.random() < 0.5:
        row = rng.choice(members)
        row["organisation"] = row["organisation"] + "  "
        return f"spaces: trailing spaces after member {row['organisation'].strip()!r}"
    checklist.coalition["name"] = "\u00a0" + checklist.coalition["name"] + " "
    return "spaces: non-breaking space before the coalition name"


def _mess_case(rng: random.Random, checklist: FilledChecklist) -> str:
    goals = _rows(checklist, "goals")
    if goals and rng.random() < 0.4:
        goals[0]["issue_area"] = goals[0]["issue_area"].lower()
        return f"case: goal issue area typed {goals[0]['issue_area']!r}"
    checklist.coalition["meeting_cadence"] = checklist.coalition["meeting_cadence"].lower()
    return f"case: meeting cadence typed {checklist.coalition['meeting_cadence']!r}"


def _mess_marker(rng: random.Random, checklist: FilledChecklist) -> str:
    marker = rng.choice(("N/A", "n/a", "-", "none"))
    members = _rows(checklist, "members")
    if members and rng.random() < 0.5:
        rng.choice(members)["meetings_per_year"] = marker
        return f"marker: {marker!r} for a member's meetings per year"
    checklist.coalition[rng.choice(("website", "staff_fte"))] = marker
    return f"marker: {marker!r} on the coalition form"


def _mess_number_as_text(rng: random.Random, checklist: FilledChecklist) -> str:
    funders = _rows(checklist, "funders")
    if funders and rng.random() < 0.5:
        row = rng.choice(funders)
        row["amount"] = f"${row['amount']:,}"
        return f"number as text: funder amount typed {row['amount']!r}"
    budget = checklist.coalition.get("annual_budget") or 2500
    checklist.coalition["annual_budget"] = f"{budget:,}"
    return f"number as text: budget typed {checklist.coalition['annual_budget']!r}"


def _mess_year_as_text(rng: random.Random, checklist: FilledChecklist) -> str:
    checklist.coalition["year_founded"] = str(checklist.coalition["year_founded"])
    return f"year as text: founded {checklist.coalition['year_founded']!r}"


def _mess_blank_row(rng: random.Random, checklist: FilledChecklist) -> str:
    members = checklist.rows["members"]
    members.insert(rng.randint(1, len(members) - 1), {})
    return "blank row: an empty row between members"


def _error_goal_without_statement(rng: random.Random, checklist: FilledChecklist) -> str:
    goal = rng.choice(_rows(checklist, "goals"))
    goal["statement"] = None
    return f"error: goal {goal['goal_id']} has no statement"


def _error_member_without_organisation(rng: random.Random, checklist: FilledChecklist) -> str:
    seat = rng.choice(_rows(checklist, "members")[1:])
    seat["organisation"] = None
    seat.setdefault("representative", "Pat Unknown")
    return "error: a member row names no organisation"


def _error_strategy_type_not_in_list(rng: random.Random, checklist: FilledChecklist) -> str:
    strategy = rng.choice(_rows(checklist, "strategies"))
    strategy["strategy_type"] = rng.choice(("Advocacy", "Programs", "Outreach"))
    return f"error: strategy type {strategy['strategy_type']!r} is not in the list"


def _error_cadence_not_in_list(rng: random.Random, checklist: FilledChecklist) -> str:
    checklist.coalition["meeting_cadence"] = rng.choice(("Bi-monthly", "Monthly-ish", "TBD"))
    return f"error: meeting cadence {checklist.coalition['meeting_cadence']!r} is not in the list"


def _error_missing_contact_email(rng: random.Random, checklist: FilledChecklist) -> str:
    checklist.coalition["contact_email"] = None
    return "error: contact email missing"


TOLERATED_MESSES: tuple[Mess, ...] = (
    _mess_spaces, _mess_case, _mess_marker, _mess_number_as_text, _mess_year_as_text,
    _mess_blank_row)
ROW_REJECTING_ERRORS = (_error_goal_without_statement, _error_member_without_organisation,
                        _error_strategy_type_not_in_list)
CELL_ERRORS = (_error_cadence_not_in_list, _error_missing_contact_email)


# =====================================================================================
# Writing a sample folder
# =====================================================================================


def file_names(checklists: list[FilledChecklist]) -> list[str]:
    """<NNN>-<slug>.xlsx for each checklist, numbered from 001."""
    width = max(3, len(str(len(checklists))))
    return [f"{i:0{width}d}-{slug(c.name)}.xlsx" for i, c in enumerate(checklists, start=1)]


def write_checklists(checklists: list[FilledChecklist], out_dir: str | Path,
                     community: Community) -> list[Path]:
    out_dir = Path(out_dir)
    return [write_checklist(checklist, out_dir / name, community)
            for checklist, name in zip(checklists, file_names(checklists))]


def write_sample(n: int, seed: int, out_dir: str | Path, community: Community) -> list[Path]:
    """Generate *n* checklists for *seed* and write them as out_dir/<NNN>-<slug>.xlsx."""
    return write_checklists(generate_community(n, seed, community), out_dir, community)


def sample_command(coalitions: int, seed: int, out: Path, community_dir: Path | None) -> int:
    """``python -m workbook sample``: write the files, print one line, return an exit code."""
    if coalitions < 1:
        print("--coalitions must be 1 or more.", file=sys.stderr)
        return 2
    try:
        community = load_community(community_dir)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    started = time.perf_counter()
    checklists = generate_community(coalitions, seed, community)
    try:
        paths = write_checklists(checklists, out, community)
    except OSError as exc:
        print(f"Cannot write to {out}: {exc}", file=sys.stderr)
        return 1
    messy = sum(1 for c in checklists if c.messy)
    print(f"Wrote {len(paths)} sample checklists for {community.name} to {out} "
          f"(seed {seed}; {messy} with messy entries) in {time.perf_counter() - started:.1f}s.")
    return 0
