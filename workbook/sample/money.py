"""Who funds a coalition and what it asks of others.

Funding comes per year, as a total over a grant's years, in kind (meeting space,
staff time) or still pending; a few funders are asked by nearly everybody.
"""
from __future__ import annotations

import random

from .themes import Theme
from .world import World, sample_weighted

PER_YEAR, TOTAL, IN_KIND, PENDING = (
    "Per year", "Total over the period", "In-kind (value per year)", "Pending")
AMOUNTS = (5000, 10000, 25000, 40000, 50000, 75000, 100000, 150000)
KIND_NOTES = {
    PER_YEAR: (None, None, "Restricted to programs", "Backbone staffing"),
    TOTAL: ("Multi-year grant", "Three-year award", None),
    IN_KIND: ("Meeting space and refreshments", "In-kind staff support", "Printing"),
    PENDING: ("Renewal pending", "Decision expected in the spring", "Application submitted"),
}


def funders(rng: random.Random, world: World) -> list[dict]:
    count = rng.choice((0, 1, 1, 2, 2, 3, 4))
    chosen = sample_weighted(rng, world.funders, world.funder_weights, count)
    return [_funding(rng, funder.spelling(rng)) for funder in chosen]


def _funding(rng: random.Random, funder: str) -> dict:
    kind = rng.choices((None, PER_YEAR, TOTAL, IN_KIND, PENDING), (50, 12, 16, 11, 11))[0]
    start = rng.randint(2018, 2026)
    years = rng.choice((1, 2, 3, 5))
    end = start + years - 1 if kind == TOTAL or rng.random() < 0.7 else None
    amount = rng.choice(AMOUNTS)
    if kind == TOTAL:
        amount *= years if end else 1  # a grant letter's figure: the whole award
    elif kind == IN_KIND:
        amount = rng.choice((1500, 2500, 5000, 12000))
    row = {"funder": funder, "amount": amount, "start_year": start, "end_year": end,
           "notes": rng.choice(KIND_NOTES[kind or PER_YEAR])}
    if kind:
        row["amount_kind"] = kind
    return row


ASK_NOTES = {
    "Money": ("Annual operating support", "Event sponsorship", "Program grant"),
    "Data": ("School-level results", "Quarterly counts", "Survey results by county"),
    "Staff time": ("Committee co-chair", "Help with the annual report", "Volunteer coordinator"),
    "Attendance": ("Seat at quarterly meetings", "Annual summit", "Community forums"),
}


def asks(rng: random.Random, world: World, theme: Theme) -> list[dict]:
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
