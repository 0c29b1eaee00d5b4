"""The example community's survey: 3 candidates, 30 raters, uneven answers, one candidate
rated by too few people to show. Seeded, so the notebook and the tests see the same set.
"""
from __future__ import annotations

import random


from . import instrument as I
from .raters import Candidate, Rater, shared_backbone

CANDIDATES = (
    Candidate("United Way of the Riverbend Region"),
    Candidate("Riverbend Community Foundation"),
    shared_backbone(("Calder County Health Department", "Easton Family YMCA"),
                    "Shared: Calder County Health Dept. with Easton Family YMCA"),
)
SECTORS = ("Nonprofit", "Public agency", "Business", "Faith community", "Resident")
_ORGANISATIONS = ("United Way of the Riverbend Region", "Riverbend Community Foundation",
                  "Calder County Health Dept.", "Easton Family YMCA", "Ashford County Schools",
                  "Bellmont Chamber of Commerce", "Fenwick Falls Public Library",
                  "St. Vincent de Paul - Dunmore", "Pine Hollow Neighborhood Assn.",
                  "Riverbend Food Bank, Inc.")
_FIRST = ("Maria", "James", "Keisha", "Tom", "Latoya", "Dave", "Rosa", "Mike", "Aisha", "Greg")
_LAST = ("Gonzalez", "O'Brien", "Washington", "Nguyen", "Kowalski", "Patel", "Jackson",
         "Schmidt", "Rivera", "Johnson")
# Mean score per candidate: United Way is known for funding, the foundation for convening,
# the shared pair for data; the last is rated by few (most do not know it).
_LEANING = {0: {"function_funding": 4.3}, 1: {"capacity_convening": 4.4},
            2: {"function_measurement": 4.0, "capacity_data": 4.2}}
_ANSWERS = {0: 0.85, 1: 0.7, 2: 0.12}  # share of raters who answer for each candidate


def raters(count: int = 30, seed: int = 5) -> list[Rater]:
    rng = random.Random(seed)
    people = []
    for i in range(count):
        first, last = _FIRST[i % 10], _LAST[(i * 3 + i // 10) % 10]
        people.append(Rater(f"{first} {last}", f"{first[0].lower()}{last.lower()}{i}@example.org",
                            rng.choice(_ORGANISATIONS),
                            rng.choices(SECTORS, weights=(10, 6, 3, 2, 2))[0]))
    return people


def answers(allowed: list[list[str]], seed: int = 5) -> list[dict]:
    """One form's values per rater x candidate they chose to rate (round 1)."""
    rng = random.Random(seed)
    forms = []
    for index, names in enumerate(allowed):
        for c, candidate in enumerate(CANDIDATES):
            if candidate.name not in names or rng.random() > _ANSWERS[c]:
                continue
            values = {"round": 1, "candidate": candidate.name}
            for item, _ in I.ITEMS:
                if rng.random() < 0.15:
                    values[item] = I.DONT_KNOW
                    continue
                mean = _LEANING[c].get(item, 3.0)
                values[item] = str(min(5, max(1, round(rng.gauss(mean, 0.9)))))
            if rng.random() < 0.4:
                values["comment_vision"] = rng.choice((
                    "They would need to step back from running their own programs.",
                    "Strong on strategy, weak on follow-through.",
                    "Everyone already comes to their table."))
            forms.append({"rater": index, "values": values})
    return forms
