"""One coalition's checklist, drawn from the world: footprint, goals, members, money."""
from __future__ import annotations

import datetime as dt
import random
import re

from .. import schema as S
from ..forms import FilledChecklist, slug
from .names import REGIONS, acronym
from .organisations import Organisation
from .themes import (CADENCE_WEIGHTS, SHORT_NAME_MAX, STATUS_WEIGHTS, THEME_BY_AREA, THEMES,
                     GoalIdea, Theme)
from .world import World, in_vocabulary, sample_weighted, weighted


def coalition_checklist(rng: random.Random, world: World) -> FilledChecklist:
    theme = rng.choice(THEMES)
    geographies = _geographies(rng, world)
    name = _coalition_name(rng, world, theme, geographies)
    lead = rng.choices(world.organisations, world.affinities(theme, "lead"))[0]
    contact = lead.staff[0]
    cadence = weighted(rng, world.vocabulary("cadences"), CADENCE_WEIGHTS)
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


def _geographies(rng: random.Random, world: World) -> list[str]:
    areas = world.vocabulary("geographies")
    count = min(len(areas), S.FORM_MULTI_CELLS,
                rng.choices((1, 2, 3, 4, 5, 6), (40, 25, 15, 8, 7, 5))[0])
    return sorted(rng.sample(areas, count), key=areas.index)


def _coalition_name(rng: random.Random, world: World, theme: Theme,
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



def _goals(rng: random.Random, world: World, theme: Theme) -> list[dict]:
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


def _goal_row(rng: random.Random, world: World, goal_id: str, idea: GoalIdea,
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
           "issue_area": in_vocabulary(rng, world.vocabulary("issue_areas"), issue_area),
           "population": in_vocabulary(rng, world.vocabulary("populations"), idea.population),
           "indicator": rng.choice(idea.indicators), "data_source": rng.choice(idea.source)}
    if rng.random() < 0.85:  # some coalitions have not settled their numbers yet
        row.update(baseline_value=baseline, baseline_year=baseline_year,
                   target_value=target, target_year=target_year)
    return row


def _strategies(rng: random.Random, world: World, theme: Theme, goal_ids: list[str]) -> list[dict]:
    count = min(len(theme.strategies), rng.randint(2, 8))
    rows = []
    for strategy, kind in rng.sample(theme.strategies, count):
        served = rng.sample(goal_ids, min(len(goal_ids), rng.choice((0, 1, 1, 1, 2, 2))))
        rows.append({
            "strategy": strategy,
            "goal_ids": "; ".join(sorted(served, key=goal_ids.index)) or None,
            "strategy_type": in_vocabulary(rng, world.vocabulary("strategy_types"), kind),
            "issue_area": in_vocabulary(rng, world.vocabulary("issue_areas"), theme.issue_area),
            "status": weighted(rng, world.vocabulary("strategy_statuses"), STATUS_WEIGHTS),
        })
    return rows


def _members(rng: random.Random, world: World, theme: Theme, lead: Organisation,
             cadence: str) -> list[dict]:
    chosen = sample_weighted(rng, world.organisations, world.affinities(theme),
                              rng.randint(7, 29) + 1)
    seats = [lead] + [o for o in chosen if o is not lead][:len(chosen) - 1]
    meetings = S.CADENCE_MEETINGS_PER_YEAR.get(cadence, 6)
    roles = world.vocabulary("roles")
    steering = rng.randint(2, 4)
    rows = []
    for position, organisation in enumerate(seats):
        role = ("Staff" if position == 0 else "Chair" if position == 1 else
                "Steering" if position <= steering else "Member")
        rows.append(_seat(rng, world, organisation, in_vocabulary(rng, roles, role), meetings))
    return rows


def _seat(rng: random.Random, world: World, organisation: Organisation, role: str,
          meetings: float) -> dict:
    person = organisation.representative(rng)
    row = {"organisation": organisation.spelling(rng),
           "sector": (in_vocabulary(rng, world.vocabulary("sectors"), organisation.sector)
                      if rng.random() < 0.9 else None),
           "role": role}
    if rng.random() < 0.95:
        row["representative"] = person.spelling(rng)
        if rng.random() < 0.6:
            row["representative_email"] = person.email
    if meetings and rng.random() < 0.5:
        row["meetings_per_year"] = max(1, round(meetings * rng.uniform(0.5, 1)))
    return row


def _funders(rng: random.Random, world: World) -> list[dict]:
    count = rng.choice((0, 1, 1, 2, 2, 3, 4))
    chosen = sample_weighted(rng, world.funders, world.funder_weights, count)
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


def _asks(rng: random.Random, world: World, theme: Theme) -> list[dict]:
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

