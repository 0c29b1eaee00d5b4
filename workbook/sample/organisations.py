"""Organisations and the people who hold their seats: kinds, spellings, pools."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from ..community import Community
from ..forms import slug
from .names import FIRST_NAMES, LAST_NAMES, NICKNAMES, SAINTS, TOWNS, acronym


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




def place_names(community: Community) -> list[str]:
    """County and city stems from the community's area lists, then fictional towns."""
    areas = community.areas_by_level
    stems = [re.sub(r"\s+(County|Parish|Borough|District|Township)$", "", a)
             for a in (*areas.get("County", ()), *areas.get("City or town", ()))]
    stems = [s for s in stems if s and s.lower() not in ("region-wide", "regionwide", "all")]
    return list(dict.fromkeys(stems + list(TOWNS)))


def organisation_pool(rng: random.Random, size: int, places: list[str]) -> list[Organisation]:
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
        short = acronym(name).replace("&", "")
        if rng.random() < 0.15:
            variants.append(acronym(name))  # the insiders' short form
        if len(short) >= 3 and rng.random() < 0.2:
            variants.append(f"{name} ({short})")  # the acronym after the name, as on letterheads
        boost = 3.0 if "lead" in kind.tags else 1.0
        organisations.append(Organisation(
            name=name, sector=kind.sector, themes=frozenset(kind.themes.split()),
            tags=frozenset(kind.tags.split()), variants=tuple(dict.fromkeys(
                v for v in variants if v != name)),
            popularity=boost / (rank + 1) ** 0.6))
    return organisations


def hire_staff(rng: random.Random, organisations: list[Organisation]) -> None:
    """Give each organisation one to three people, no two with the same name."""
    wanted = [rng.choice((1, 1, 2, 2, 3)) for _ in organisations]
    combos = len(FIRST_NAMES) * len(LAST_NAMES)
    picks = rng.sample(range(combos), min(sum(wanted), combos))
    people = iter(picks)
    for organisation, count in zip(organisations, wanted):
        domain = slug(acronym(organisation.name) or organisation.name, 12).replace("-", "")
        for pick in [next(people, None) for _ in range(count)]:
            if pick is None:
                break
            first, last = FIRST_NAMES[pick // len(LAST_NAMES)], LAST_NAMES[pick % len(LAST_NAMES)]
            email = f"{first}.{last}".lower().replace("'", "") + f"@{domain}.example.org"
            organisation.staff.append(Person(f"{first} {last}", email))
        if not organisation.staff:
            organisation.staff.append(Person("Front Desk", f"info@{domain}.example.org"))


def funder_pool(rng: random.Random, organisations: list[Organisation],
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

