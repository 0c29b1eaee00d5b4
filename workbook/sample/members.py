"""Who sits at a coalition's tables: its bodies, its member seats, and residents.

Many coalitions meet as several bodies on different rhythms (a full coalition
each quarter, a steering committee each month, workgroups in between); seats say
which bodies they sit on. Co-leads co-chair, a fiscal agent or a backbone may
hold a seat of its own, and residents who speak for no organisation sit at the
table typed as "self", "resident" or "community member".
"""
from __future__ import annotations

import random

from .. import schema as S
from .names import FIRST_NAMES, LAST_NAMES
from .organisations import Organisation
from .themes import Theme
from .world import World, in_vocabulary, sample_weighted

FULL_BODY_NAMES = ("Full coalition", "General membership", "Full partnership")
STEERING_NAMES = ("Steering committee", "Executive committee", "Leadership team")
WORKGROUPS = (("Data workgroup", "Workgroup or action team"),
              ("Policy action team", "Workgroup or action team"),
              ("Parent engagement workgroup", "Workgroup or action team"),
              ("Communications committee", "Workgroup or action team"),
              ("Funding workgroup", "Workgroup or action team"),
              ("Youth advisory council", "Advisory group"),
              ("Community advisory board", "Advisory group"))
STEERING_CADENCES = ("Monthly", "Monthly", "Every two weeks", "Every two months")
# What staff type in the organisation column for a resident; None: left blank.
RESIDENT_TYPED = ("self", "Self", "resident", "Resident", "community member",
                  "Community Member", "Parent", "Youth member", None)
MAX_SEATS = 30


def bodies(rng: random.Random, cadence: str | None, hours: float) -> list[dict]:
    """The Bodies rows, or none when only the full coalition meets (about half)."""
    if rng.random() < 0.55:
        return []
    full = {"body": rng.choice(FULL_BODY_NAMES), "kind": "Full coalition",
            "cadence": cadence or "Quarterly", "hours": hours}
    steering = {"body": rng.choice(STEERING_NAMES), "kind": "Steering or executive committee",
                "cadence": rng.choice(STEERING_CADENCES), "hours": rng.choice((1, 1, 1.5))}
    rows = [full, steering]
    for name, kind in rng.sample(WORKGROUPS, rng.choice((0, 1, 1, 2, 3))):
        row = {"body": name, "kind": kind, "hours": rng.choice((1, 1, 1.5, 2))}
        if rng.random() < 0.3:
            row.update(meetings_per_year=rng.choice((9, 10, 10)),
                       notes="No meetings in the summer")
        else:
            row["cadence"] = rng.choice(("Monthly", "Every two months", "Quarterly"))
        rows.append(row)
    for row in rows:
        if rng.random() < 0.15:
            del row["kind"]  # the name says it; the column was skipped
    return rows


def members(rng: random.Random, world: World, theme: Theme, leads: list[Organisation],
            backbone: Organisation | None, fiscal: Organisation | None,
            meetings: float, body_rows: list[dict]) -> list[dict]:
    residents = rng.choice((1, 1, 2, 3)) if rng.random() < 0.3 else 0
    chosen = sample_weighted(rng, world.organisations, world.affinities(theme),
                             rng.randint(7, 29) + 1)
    first = [*leads, *(o for o in (backbone, fiscal) if o)]
    seats = first + [o for o in chosen if all(o is not f for f in first)]
    seats = seats[:max(len(first), len(chosen) - residents)]
    roles = world.vocabulary("roles")
    steering = rng.randint(2, 4) + len(leads)
    rows = []
    for position, organisation in enumerate(seats):
        role = _role(rng, position, organisation, leads, backbone, fiscal, steering)
        rows.append(_seat(rng, world, organisation, in_vocabulary(rng, roles, role), meetings))
    rows += [_resident(rng, world, meetings) for _ in range(residents)]
    _sit_on_bodies(rng, rows, body_rows)
    return rows[:MAX_SEATS]


def _role(rng: random.Random, position: int, organisation: Organisation,
          leads: list[Organisation], backbone: Organisation | None,
          fiscal: Organisation | None, steering: int) -> str:
    if any(organisation is lead for lead in leads):
        return "Co-chair" if len(leads) > 1 else "Staff"
    if organisation is backbone:
        return "Staff"
    if organisation is fiscal and rng.random() < 0.6:
        return "Fiscal agent"
    if position == len(leads) and len(leads) == 1:
        return "Chair"
    if position <= steering:
        return "Steering"
    roll = rng.random()
    if "data" in organisation.tags and roll < 0.3:
        return "Data partner"
    if "funder" in organisation.tags and roll < 0.3:
        return "Funder"
    if roll < 0.04:
        return rng.choice(("Ex-officio", "Advisor", "Endorser"))
    return "Member"


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


def _resident(rng: random.Random, world: World, meetings: float) -> dict:
    """A resident at the table: a name, and a placeholder or nothing for the organisation."""
    row = {"organisation": rng.choice(RESIDENT_TYPED),
           "representative": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
           "role": in_vocabulary(rng, world.vocabulary("roles"),
                                 rng.choice(("Resident or community member",) * 3 + ("Member",)))}
    if rng.random() < 0.4:
        row["sector"] = in_vocabulary(rng, world.vocabulary("sectors"), "Community member")
    if meetings and rng.random() < 0.5:
        row["meetings_per_year"] = max(1, round(meetings * rng.uniform(0.3, 1)))
    return row


def _sit_on_bodies(rng: random.Random, rows: list[dict], body_rows: list[dict]) -> None:
    """Steering seats on the steering body; a few members on each workgroup."""
    if not body_rows:
        return
    steering, workgroups = body_rows[1]["body"], [b["body"] for b in body_rows[2:]]
    sits: list[list[str]] = [[] for _ in rows]
    for seat, row in zip(sits, rows):
        if row.get("role") in ("Chair", "Co-chair", "Steering", "Staff"):
            seat.append(steering)
    for body in workgroups:
        for index in rng.sample(range(len(rows)), min(len(rows), rng.randint(2, 6))):
            sits[index].append(body)
    for seat, row in zip(sits, rows):
        if seat:
            row["bodies"] = "; ".join(seat)


def meetings_a_year(cadence: str | None) -> float:
    """The full coalition's meetings a year, for members' attendance figures."""
    return S.CADENCE_MEETINGS_PER_YEAR.get(cadence or "", 6)
