"""The pools every coalition of one generated community draws from."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from ..community import Community
from .geography import Areas
from .organisations import Organisation, funder_pool, hire_staff, organisation_pool, place_names
from .themes import Theme


def in_vocabulary(rng: random.Random, vocabulary: tuple[str, ...], wanted: str) -> str:
    """*wanted* when the community's list has it, else a value the list does have."""
    return wanted if wanted in vocabulary else rng.choice(vocabulary)


def weighted(rng: random.Random, vocabulary: tuple[str, ...], weights: dict[str, float]) -> str:
    return rng.choices(vocabulary, [weights.get(v, 1) for v in vocabulary])[0]


def sample_weighted(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """k distinct items, likelier ones first more often (Efraimidis-Spirakis)."""
    keyed = sorted(((rng.random() ** (1 / w), i) for i, w in enumerate(weights)), reverse=True)
    return [items[i] for _, i in keyed[:k]]


@dataclass
class World:
    """What every coalition of one generated community draws from."""
    community: Community
    places: list[str]
    organisations: list[Organisation]
    funders: list[Organisation]
    areas: Areas
    names_used: set[str] = field(default_factory=set)
    _affinities: dict[tuple[str, str], list[float]] = field(default_factory=dict)

    def affinities(self, theme: Theme, favour: str = "") -> list[float]:
        """Each organisation's weight for a role in this theme's coalitions, in pool order.

        *favour* is a tag (lead, data) that makes an organisation far likelier.
        """
        key = (theme.key, favour)
        if key not in self._affinities:
            self._affinities[key] = [
                affinity(o, theme) * (1 if not favour or favour in o.tags else 0.05)
                for o in self.organisations]
        return self._affinities[key]

    @property
    def funder_weights(self) -> list[float]:
        # A few funders that everybody asks: the "too many asks" of the workshop.
        return [1 / (rank + 1) ** 0.8 for rank in range(len(self.funders))]

    def vocabulary(self, key: str) -> tuple[str, ...]:
        return self.community.vocabulary(key)


def make_world(rng: random.Random, n_coalitions: int, community: Community) -> World:
    places = place_names(community)
    # Pools grow with N so that a big community still shares members and funders.
    organisations = organisation_pool(rng, 60 + 2 * n_coalitions, places)
    hire_staff(rng, organisations)
    funders = funder_pool(rng, organisations, 12 + n_coalitions // 4)
    areas = Areas.of(community.areas_by_level, community.area_parent)
    return World(community, places, organisations, funders, areas)



def affinity(organisation: Organisation, theme: Theme) -> float:
    return organisation.popularity * (4.0 if theme.key in organisation.themes else 1.0)
