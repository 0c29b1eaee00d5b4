"""Why two coalitions overlap: the items behind each dimension's score, kept with the
matrices so a pair's reason can name them ("shared members: …")."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import coverage
from .texts import MatchBlock, _plain


@dataclass(frozen=True)
class SetEvidence:
    """Which items each coalition has, kept only for items two or more coalitions have."""
    incidence: np.ndarray  # bool, coalitions x items
    labels: np.ndarray

    def between(self, a: int, b: int) -> list[str]:
        shared = self.labels[self.incidence[a] & self.incidence[b]]
        return sorted((str(x) for x in shared), key=str.casefold)


@dataclass(frozen=True)
class PlaceEvidence(SetEvidence):
    """Areas at one level; *whole* says which coalition covers which area in whole."""
    whole: np.ndarray

    def between(self, a: int, b: int) -> list[str]:
        both = self.incidence[a] & self.incidence[b]
        part = both & ~(self.whole[a] & self.whole[b])
        named = [f"{name} (part)" if in_part else str(name)
                 for name, in_part in zip(self.labels[both], part[both])]
        return sorted(named, key=str.casefold)


@dataclass(frozen=True)
class LevelledEvidence:
    """Shared areas of a pair at the level the pair is compared at."""
    pair_level: np.ndarray  # index into coverage.LEVELS, -1: not compared
    by_level: dict[int, PlaceEvidence]

    def between(self, a: int, b: int) -> list[str]:
        index = int(self.pair_level[a, b])
        return self.by_level[index].between(a, b) if index >= 0 else []

    def level(self, a: int, b: int) -> str | None:
        index = int(self.pair_level[a, b])
        return coverage.LEVELS[index] if index >= 0 else None


@dataclass(frozen=True)
class TextEvidence:
    """The match blocks of goals or strategies, and what each row says."""
    blocks: list[MatchBlock]
    coalition_of_row: np.ndarray  # coalition position per row
    texts: np.ndarray

    def between(self, a: int, b: int) -> list[str]:
        reasons = []  # (row, text), to list them in the order the checklist gives them
        for block in self.blocks:
            positions = block.positions
            owners = self.coalition_of_row[positions]
            rows_a, rows_b = np.flatnonzero(owners == a), np.flatnonzero(owners == b)
            for row_a, matches in zip(rows_a, block.matches(rows_a, rows_b)):
                if not matches.any():
                    continue
                own = str(self.texts[positions[row_a]])
                partners = dict.fromkeys(str(self.texts[positions[r]]) for r in rows_b[matches])
                others = [p for p in partners if _plain(p) != _plain(own)]
                reasons.append((positions[row_a], f"{own} ≈ {others[0]}" if others else own))
        return list(dict.fromkeys(text for _, text in sorted(reasons)))
