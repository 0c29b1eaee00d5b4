"""A whole community of coalitions, deterministic for a seed, and writing it out."""
from __future__ import annotations

import random
from pathlib import Path

from ..community import Community
from ..forms import FilledChecklist, write_checklists
from .coalitions import coalition_checklist
from .habits import CELL_ERRORS, ROW_REJECTING_ERRORS, TOLERATED_MESSES, Deck, Mess, make_messy
from .world import make_world


def generate_community(n_coalitions: int, seed: int, community: Community,
                       messy_share: float = 0.15) -> list[FilledChecklist]:
    """*n_coalitions* realistic filled checklists, the same ones for the same seed."""
    if n_coalitions < 0:
        raise ValueError("n_coalitions must be zero or more")
    if not 0 <= messy_share <= 1:
        raise ValueError("messy_share must be between 0 and 1")
    rng = random.Random(seed)
    world = make_world(rng, n_coalitions, community)
    checklists = [coalition_checklist(rng, world) for _ in range(n_coalitions)]
    messy = sorted(rng.sample(range(n_coalitions), round(n_coalitions * messy_share)))
    deck = Deck(rng, TOLERATED_MESSES)
    for position, index in enumerate(messy):
        make_messy(rng, checklists[index], deck.deal(rng.randint(2, 4)), _real_error(rng, position))
    return checklists


def _real_error(rng: random.Random, position: int) -> Mess | None:
    """Every third messy checklist also holds a real error.

    The first one always rejects a row, so even a small sample exercises a
    loader's "every row loaded or named" accounting.
    """
    if position % 3:
        return None
    return rng.choice(ROW_REJECTING_ERRORS + (CELL_ERRORS if position else ()))


def write_sample(n: int, seed: int, out_dir: str | Path, community: Community) -> list[Path]:
    """Generate *n* checklists for *seed* and write them as out_dir/<NNN>-<slug>.xlsx."""
    return write_checklists(generate_community(n, seed, community), out_dir, community)


