"""One coalition's checklist, drawn from the world: who it is, who leads it, its history.

The parts of the checklist live beside this module: ``geography`` (Areas rows),
``goals`` (goals and strategies), ``members`` (bodies and seats) and ``money``
(funders and asks). Real habits are kept at plausible rates: co-leads, a fiscal
agent or backbone apart from the lead, former names, coalitions that went
dormant, merged or ended (their checklists often compiled by the facilitator from
documents), several bodies meeting on different rhythms.
"""
from __future__ import annotations

import datetime as dt
import random
import re

from .. import schema as S
from ..forms import FilledChecklist, slug
from .geography import area_rows, place_words
from .goals import goals, strategies
from .members import bodies, meetings_a_year, members
from .money import asks, funders
from .names import REGIONS, acronym
from .organisations import Organisation
from .themes import CADENCE_WEIGHTS, SHORT_NAME_MAX, THEMES, Theme
from .world import World, in_vocabulary, sample_weighted, weighted

ACTIVE, DORMANT, MERGED, ENDED = "Active", "Dormant", "Merged into another coalition", "Ended"
# Blank first: most coalitions leave the status empty, which reads as Active.
STATUSES = ((None, 62), (ACTIVE, 20), (DORMANT, 6), (MERGED, 5), (ENDED, 7))
FACILITATOR = S.FACILITATOR_COMPILED
# Words coalitions swap when they rename themselves.
RENAMES = (("Coalition", "Task Force"), ("Partnership", "Initiative"), ("Alliance", "Coalition"),
           ("Network", "Council"), ("Collaborative", "Roundtable"), ("Council", "Commission"))


def coalition_checklist(rng: random.Random, world: World) -> FilledChecklist:
    theme = rng.choice(THEMES)
    areas = area_rows(rng, world.areas)
    name = _coalition_name(rng, world, theme, place_words(areas))
    place = _place_in(name, world)
    leads, backbone, fiscal = _leadership(rng, world, theme)
    history = _history(rng, world, theme, name, place)
    ended = history.get("status") in (MERGED, ENDED)
    cadence = weighted(rng, world.vocabulary("cadences"), CADENCE_WEIGHTS)
    hours = rng.choice((1, 1, 1.5, 1.5, 2, 2, 3))
    body_rows = bodies(rng, cadence, hours)
    goal_rows = goals(rng, world, theme)
    coalition = {
        "name": name,
        "short_name": _short_name(rng, name),
        **history,
        "lead_organisations": [lead.spelling(rng) for lead in leads],
        "backbone_organisation": backbone.spelling(rng) if backbone else None,
        "fiscal_agent": fiscal.spelling(rng) if fiscal else None,
        **_filled_by(rng, backbone or leads[0], ended),
        "year_founded": rng.randint(1994, 2025),
        "mission": rng.choice(theme.missions).format(place=place),
        "populations": _populations(rng, world, theme),
        "issue_areas": _issue_areas(rng, world, theme),
        "annual_budget": rng.choice((None, 0, 15000, 40000, 85000, 120000, 250000, 480000, 750000)),
        "staff_fte": rng.choice((None, 0, 0.25, 0.5, 1, 1.5, 2, 3)),
        # With a Bodies sheet, the form's cadence is often left for the sheet to say.
        "meeting_cadence": None if body_rows and rng.random() < 0.5 else cadence,
        "meeting_hours": None if body_rows and rng.random() < 0.5 else hours,
        "website": (f"https://{slug(name, 30)}.example.org"
                    if rng.random() < (0.3 if ended else 0.7) else None),
        "completed_on": dt.date(2026, 9, 1) + dt.timedelta(days=rng.randrange(80)),
    }
    ended_in = history.get("year_ended")
    if ended_in and coalition["year_founded"] >= ended_in:
        coalition["year_founded"] = ended_in - rng.randint(3, 15)
    return FilledChecklist(coalition, {
        "areas": areas,
        "bodies": body_rows,
        "goals": goal_rows,
        "strategies": strategies(rng, world, theme, [g["goal_id"] for g in goal_rows]),
        "members": members(rng, world, theme, leads, backbone, fiscal, meetings_a_year(cadence),
                           body_rows),
        "funders": funders(rng, world),
        "asks": asks(rng, world, theme),
    })


def _leadership(rng: random.Random, world: World, theme: Theme
                ) -> tuple[list[Organisation], Organisation | None, Organisation | None]:
    """Lead or co-leads; now and then a backbone and a fiscal agent of their own."""
    count = rng.choices((1, 2, 3), (76, 19, 5))[0]
    leads = sample_weighted(rng, world.organisations, world.affinities(theme, "lead"), count)
    backbone = _another(rng, world, theme, "lead", leads) if rng.random() < 0.14 else None
    fiscal = (_another(rng, world, theme, "funder", [*leads, backbone])
              if rng.random() < 0.3 else None)
    return leads, backbone, fiscal


def _another(rng: random.Random, world: World, theme: Theme, favour: str,
             taken: list) -> Organisation | None:
    for _ in range(10):
        pick = rng.choices(world.organisations, world.affinities(theme, favour))[0]
        if all(pick is not t for t in taken):
            return pick
    return None


def _history(rng: random.Random, world: World, theme: Theme, name: str, place: str) -> dict:
    """Former names, and for some a status: dormant, merged into another, ended."""
    history: dict = {}
    former = _former_names(rng, theme, name, place)
    if former:
        history["former_names"] = former
    status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
    if status:
        history["status"] = status
    if status == MERGED:
        others = sorted(world.names_used - {name})
        history["merged_into"] = (rng.choice(others) if others and rng.random() < 0.7 else
                                  rng.choice(theme.names).format(place=rng.choice(REGIONS)))
    if status in (MERGED, ENDED) and rng.random() < 0.85:
        history["year_ended"] = rng.randint(2015, 2025)
    return history


def _former_names(rng: random.Random, theme: Theme, name: str, place: str) -> list[str]:
    count = rng.choices((0, 1, 2), (45, 40, 15))[0]
    candidates = [pattern.format(place=place) for pattern in theme.names]
    candidates += [name.replace(old, new) for old, new in RENAMES if old in name]
    candidates = [c for c in dict.fromkeys(candidates) if c != name and "our community" not in c]
    return rng.sample(candidates, min(count, len(candidates)))


def _filled_by(rng: random.Random, contact_from: Organisation, ended: bool) -> dict:
    """Who filled the checklist, and the contact: often absent when compiled from documents."""
    contact = contact_from.staff[0]
    values = {"contact_name": contact.name, "contact_email": contact.email}
    if rng.random() < (0.7 if ended else 0.08):
        values["filled_by"] = FACILITATOR
        if rng.random() < 0.6:
            values.update(contact_name=None, contact_email=None)
    elif rng.random() < 0.35:
        values["filled_by"] = "The coalition"
    return values


def _coalition_name(rng: random.Random, world: World, theme: Theme,
                    areas: list[str]) -> str:
    stems = [p for p in world.places if any(a.startswith(p + " ") or a == p for a in areas)]
    for _ in range(12):
        if stems and rng.random() < 0.6:
            place = rng.choice(stems)
        elif len(areas) > 2:
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


def _place_in(name: str, world: World) -> str:
    return next((p for p in (*REGIONS, *world.places) if p in name), "our community")


def _short_name(rng: random.Random, name: str) -> str | None:
    letters = acronym(re.sub(r"\(\d+\)", "", name)).replace("&", "")
    if rng.random() < 0.25 or len(letters) < 2:
        return None
    return letters[:SHORT_NAME_MAX]


def _populations(rng: random.Random, world: World, theme: Theme) -> list[str]:
    vocabulary = world.vocabulary("populations")
    chosen = [in_vocabulary(rng, vocabulary, p) for p in theme.populations]
    if rng.random() < 0.3:
        chosen.append(rng.choice(vocabulary))
    return list(dict.fromkeys(chosen))[:S.FORM_MULTI_CELLS]


def _issue_areas(rng: random.Random, world: World, theme: Theme) -> list[str]:
    vocabulary = world.vocabulary("issue_areas")
    related = rng.sample(theme.related, rng.choice((0, 1, 1, 2)))
    return list(dict.fromkeys(in_vocabulary(rng, vocabulary, a)
                              for a in (theme.issue_area, *related)))



