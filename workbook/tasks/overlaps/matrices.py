"""Task 2's pairwise overlap: every dimension's coalition x coalition matrix, and their
weighted combination.

**Pairwise overlap.** Every dimension (members, goals, strategies, funders,
geographies, populations, issue areas) becomes a coalition x item incidence
matrix, and one matrix product gives every pair's shared items at once, so 1,000
coalitions take well under a second. The default similarity is the *overlap
coefficient*, |A n B| / min(|A|, |B|): "how much of the smaller footprint the other
one also covers". Jaccard would rate a five-member task force sitting wholly inside
a forty-member alliance at 5/40, hiding exactly the duplication a facilitator is
looking for ("the same report three times"). Jaccard stays available
(``measure="jaccard"``) for when size differences should count.

Conventions, chosen so that every figure can be explained in the room:

* A coalition that lists nothing in a dimension (no funders given) shares nothing
  there: 0, not "unknown". The combined score is therefore conservative.
* The diagonal is 1 in every similarity matrix (a coalition fully overlaps
  itself) and holds the coalition's own item count in the shared-count matrices.
* Places and whole-list values follow ``coverage``, the rule dashboard 1's grids
  use too: two coalitions are compared at the finest geography level both report
  (a city coalition shares only *part* of its county with a county-wide one, and
  two city coalitions of one county share nothing); a region covers every area
  and "All ages" every population.
* Ended and merged coalitions are left out unless ``include_ended`` (``history``).
* Members are organisations (``members.organisation_id``), whatever the number
  of seats; lead organisations do not count unless they are also listed as members.
  A resident or community member at the table has no organisation: they count as
  a person (representatives, meeting burden), never as a shared organisation.
* Goals and strategies are free text, so they *match* rather than being equal:
  two goals match when they sit under the same issue area, their populations agree
  (or one is blank), and the statement or the indicator is near-identical after
  normalising (``TEXT_MATCH_THRESHOLD``, rapidfuzz token-set ratio). Strategies match
  on the strategy text within the same strategy type, issue areas agreeing or blank.
  For such a dimension, coalition A "shares" those of its goals that match some
  goal of B; the similarity is the larger of the two coalitions' matched shares,
  which is exactly the overlap coefficient when matching is plain equality.

**Combined score.** A weighted mean of the dimensions' similarities; the
facilitator's weights are normalised to sum to 1, and a dimension with weight 0
drops out. ``DEFAULT_WEIGHTS`` puts the people at the table and the results sought
first, because those are what duplicate effort; footprint dimensions (where, for
whom, which issues) are context and weigh less.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import numpy as np
import pandas as pd

from ...store import read_table
from .. import coverage
from .evidence import LevelledEvidence, PlaceEvidence, SetEvidence, TextEvidence
from .labels import coalition_labels, community_of, of_shown
from .texts import (TEXT_MATCH_THRESHOLD, MatchBlock, _goal_blocks, _matched_counts,
                    _strategy_blocks)

DIMENSIONS = ("members", "goals", "strategies", "funders", "geographies", "populations",
              "issue_areas")
DIMENSION_LABELS = {"members": "members", "goals": "goals", "strategies": "strategies",
                    "funders": "funders", "geographies": "geographies",
                    "populations": "populations", "issue_areas": "issue areas"}
COMBINED = "combined"

DEFAULT_WEIGHTS: dict[str, float] = {
    "members": 0.25, "goals": 0.20, "strategies": 0.15, "funders": 0.10,
    "geographies": 0.10, "populations": 0.10, "issue_areas": 0.10,
}

MEASURES = ("overlap", "jaccard")


@dataclass(frozen=True)
class DimensionOverlap:
    """One dimension's pairwise overlap; frames are indexed and columned by coalition_id."""
    dimension: str
    similarity: pd.DataFrame  # float in [0, 1]; diagonal 1
    shared: pd.DataFrame  # int: items shared (matched on both sides); diagonal = sizes
    sizes: pd.Series  # items per coalition
    evidence: SetEvidence | TextEvidence = field(repr=False, compare=False)

    def shared_items(self, coalition_a: int, coalition_b: int) -> list[str]:
        """What the two coalitions share here, as text (matched goals as "A's ≈ B's")."""
        ids = self.similarity.index
        return self.evidence.between(ids.get_loc(coalition_a), ids.get_loc(coalition_b))


@dataclass(frozen=True)
class OverlapMatrices:
    """Every dimension's overlap for one database, ready to combine, rank or label."""
    coalitions: pd.DataFrame  # index coalition_id; name, short_name, label
    dimensions: dict[str, DimensionOverlap]
    measure: str

    def combined(self, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
        """Weighted mean of the dimensions' similarities (weights normalised; 0 drops out)."""
        normalised = normalised_weights(weights)
        ids = self.coalitions.index
        total, term = np.zeros((len(ids), len(ids))), np.empty((len(ids), len(ids)))
        for dimension, weight in normalised.items():
            np.multiply(weight, self.dimensions[dimension].similarity.to_numpy(), out=term)
            total += term
        return _square(total, ids)

    def matrix(self, dimension: str, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
        """A dimension's similarity, or the combined score for ``"combined"``."""
        if dimension == COMBINED:
            return self.combined(weights)
        _check_dimension(dimension)
        return self.dimensions[dimension].similarity

    def labelled(self, frame: pd.DataFrame) -> pd.DataFrame:
        """*frame* with coalition labels instead of ids on both axes."""
        labels = self.coalitions["label"]
        return frame.rename(index=labels, columns=labels).rename_axis(
            index="coalition", columns="coalition")


def normalised_weights(weights: Mapping[str, float] | None = None) -> dict[str, float]:
    """Weights summing to 1 over the dimensions with a positive weight.

    Dimensions missing from *weights* get 0: the dict given is the whole weighting.
    """
    given = dict(DEFAULT_WEIGHTS if weights is None else weights)
    unknown = sorted(set(given) - set(DIMENSIONS))
    if unknown:
        raise ValueError(f"Unknown {'dimension' if len(unknown) == 1 else 'dimensions'} "
                         f"{', '.join(unknown)}; "
                         f"weights are for {', '.join(DIMENSIONS)}.")
    for dimension, weight in given.items():
        if not isinstance(weight, numbers.Real) or not math.isfinite(weight) or weight < 0:
            raise ValueError(f"The weight of {dimension} must be a number of 0 or more, "
                             f"not {weight!r}.")
    total = sum(given.values())
    if total <= 0:
        raise ValueError("At least one dimension needs a weight above 0.")
    return {d: given[d] / total for d in DIMENSIONS if given.get(d, 0) > 0}


def overlap_matrices(db: str | Path, measure: str = "overlap",
                     text_threshold: float = TEXT_MATCH_THRESHOLD, community=None,
                     include_ended: bool = False) -> OverlapMatrices:
    """Every dimension's coalition x coalition overlap, from a few queries.

    *community* places areas in one another (default: the database folder's, if any);
    ended and merged coalitions are left out unless *include_ended*.
    """
    if measure not in MEASURES:
        raise ValueError(f"Unknown measure {measure!r}; use one of {', '.join(MEASURES)}.")
    coalitions = coalition_labels(db, include_ended)
    ids = coalitions.index.to_numpy()
    shown = of_shown(ids)
    items = shown(read_table(db, _SET_ITEMS_SQL))
    goals = shown(read_table(db, """
        SELECT goal_row_id, coalition_id, statement, indicator, issue_area, population
        FROM goals ORDER BY goal_row_id"""))
    strategies = shown(read_table(db, """
        SELECT strategy_id, coalition_id, strategy, strategy_type, issue_area
        FROM strategies ORDER BY strategy_id"""))
    areas = shown(coverage.read_areas(db))
    geography = coverage.Geography.of(community_of(db, community), areas)
    dimensions = {}
    for dimension in DIMENSIONS:
        if dimension == "geographies":
            dimensions[dimension] = _geography_dimension(areas, geography, ids, measure)
        elif dimension == "goals":
            blocks = _goal_blocks(goals, text_threshold)
            dimensions[dimension] = _text_dimension(dimension, goals, "statement", blocks, ids,
                                                    measure)
        elif dimension == "strategies":
            blocks = _strategy_blocks(strategies, text_threshold)
            dimensions[dimension] = _text_dimension(dimension, strategies, "strategy", blocks, ids,
                                                    measure)
        else:
            rows = items[items["dimension"] == dimension]
            dimensions[dimension] = _set_dimension(dimension, rows, ids, measure)
    return OverlapMatrices(coalitions, dimensions, measure)


# One row per (dimension, coalition, item); an item is what makes two rows "the same".
# Geography is compared level by level (_geography_dimension).
_SET_ITEMS_SQL = """
    SELECT 'members' AS dimension, m.coalition_id, CAST(m.organisation_id AS TEXT) AS item,
           o.name AS label
    FROM members m JOIN organisations o ON o.organisation_id = m.organisation_id
    UNION ALL
    SELECT 'funders', f.coalition_id, CAST(f.funder_id AS TEXT), o.name
    FROM funders f JOIN organisations o ON o.organisation_id = f.funder_id
    UNION ALL
    SELECT 'populations', coalition_id, value, value FROM coalition_populations
    UNION ALL
    SELECT 'issue_areas', coalition_id, value, value FROM coalition_issue_areas
"""


def _positions(ids: np.ndarray, coalition_ids: pd.Series) -> np.ndarray:
    return np.searchsorted(ids, coalition_ids.to_numpy(dtype=np.int64))


def _set_dimension(dimension: str, rows: pd.DataFrame, ids: np.ndarray,
                   measure: str) -> DimensionOverlap:
    item_codes, item_keys = pd.factorize(rows["item"])
    labels = rows.groupby(item_codes)["label"].first().reindex(range(len(item_keys))).to_numpy()
    incidence = np.zeros((len(ids), len(item_keys)), dtype=bool)
    incidence[_positions(ids, rows["coalition_id"]), item_codes] = True
    whole_list = coverage.whole_list_values(_SINGULAR[dimension], rows["label"])
    incidence[_positions(ids, rows.loc[whole_list, "coalition_id"]), :] = True
    sizes = incidence.sum(axis=1)
    # An item only one coalition has cannot be shared: leaving it out of the product
    # keeps it small (most organisations sit on one table).
    shareable = incidence.sum(axis=0) >= 2
    kept = incidence[:, shareable]
    matched = _shared_counts(kept)
    np.fill_diagonal(matched, sizes)
    return _dimension(dimension, matched, sizes, ids, measure,
                      SetEvidence(kept, labels[shareable]), symmetric=True)


# An item on more tables than this goes through the matrix product; fewer, pair by pair.
_WIDELY_HELD = 48


def _shared_counts(incidence: np.ndarray) -> np.ndarray:
    """matched[i, j]: how many items coalitions i and j both have (incidence: bool,
    coalitions x items); the diagonal is left to the caller.

    One matrix product over every item multiplies columns that are nearly all empty (most
    organisations sit on two or three tables): those items add their few pairs one by
    one, and only the widely held ones (a health department on 300 tables) are multiplied.
    """
    count = len(incidence)
    holders = incidence.sum(axis=0)
    wide = holders > _WIDELY_HELD
    as_float = incidence[:, wide].astype(np.float32)
    matched = np.rint(as_float @ as_float.T).astype(np.int64)
    # Coalitions holding each remaining item, item after item.
    _, coalitions = np.nonzero(incidence[:, ~wide].T)
    per_item = holders[~wide]
    per_item = per_item[per_item > 0]
    starts = np.cumsum(per_item) - per_item
    # Each holder pairs with every holder of its item (itself too: the diagonal).
    partners = np.repeat(per_item, per_item)
    first = np.repeat(coalitions, partners)
    runs = np.cumsum(partners) - partners
    second = coalitions[np.repeat(np.repeat(starts, per_item) - runs, partners)
                        + np.arange(len(first))]
    matched += np.bincount(first * count + second, minlength=count * count).reshape(count, count)
    return matched


_SINGULAR = {"members": "member", "funders": "funder", "populations": "population",
             "issue_areas": "issue_area"}


def _geography_dimension(areas: pd.DataFrame, geography: coverage.Geography, ids: np.ndarray,
                         measure: str) -> DimensionOverlap:
    """Each pair compared at its own level (coverage.pair_level), one matrix product a level."""
    count = len(ids)
    given = coverage.normalised_areas(areas)
    positions = _positions(ids, given["coalition_id"])
    level_of_row = np.array([coverage.LEVELS.index(level) for level in given["level"].tolist()],
                            dtype=np.int64)
    # Each coalition's levels as bits; a pair's shared bits give its level (_PAIR_LEVEL).
    reported = np.zeros(count, dtype=np.uint8)
    np.bitwise_or.at(reported, positions, (1 << level_of_row).astype(np.uint8))
    pair_level = _PAIR_LEVEL[reported[:, None] & reported[None, :]]
    anything = reported > 0
    pair_level[~anything, :] = -1
    pair_level[:, ~anything] = -1
    kinds = np.unique(reported[anything])
    levels = sorted({int(_PAIR_LEVEL[a & b]) for a in kinds.tolist() for b in kinds.tolist()})
    similarity, matched = np.zeros((count, count)), np.zeros((count, count), dtype=np.int64)
    by_level: dict[int, SetEvidence] = {}
    for index in levels:
        placed = coverage.project_normalised(given, coverage.LEVELS[index], geography)
        codes, names = pd.factorize(placed["area"])
        incidence = np.zeros((count, len(names)), dtype=bool)
        whole = np.zeros((count, len(names)), dtype=bool)
        placed_at = _positions(ids, placed["coalition_id"])
        incidence[placed_at, codes] = True
        whole[placed_at, codes] = placed["whole"].to_numpy()
        # Only coalitions reporting this level have pairs here (any, for the fallback).
        involved = anything if index == _FALLBACK else (reported & (1 << index)) > 0
        block = _Block(np.flatnonzero(involved), count)
        as_float = incidence[block.rows].astype(np.float32)
        level_matched = np.rint(as_float @ as_float.T).astype(np.int64)
        level_similarity = _similarity(level_matched, incidence[block.rows].sum(axis=1), measure,
                                       symmetric=True)
        here = block.of(pair_level) == index
        block.put(matched, level_matched, here)
        block.put(similarity, level_similarity, here)
        by_level[index] = PlaceEvidence(incidence, np.asarray(names, dtype=object), whole)
    sizes = np.zeros(count, dtype=np.int64)
    own = given.drop_duplicates(["coalition_id", "area"])
    np.add.at(sizes, _positions(ids, own["coalition_id"]), 1)
    np.fill_diagonal(matched, sizes)
    np.fill_diagonal(similarity, 1.0)
    index = pd.Index(ids, name="coalition_id")
    return DimensionOverlap(
        dimension="geographies", similarity=_square(similarity, index),
        shared=_square(matched, index), sizes=pd.Series(sizes, index=index, name="geographies"),
        evidence=LevelledEvidence(pair_level, by_level))


_FALLBACK = coverage.LEVELS.index(coverage.FALLBACK_LEVEL)
# For each set of levels two coalitions both report (as bits of coverage.LEVELS), the level
# they are compared at (coverage.pair_level): the finest of them, else the fallback.
_PAIR_LEVEL = np.array([
    coverage.LEVELS.index(coverage.finest(
        [level for i, level in enumerate(coverage.LEVELS) if bits & (1 << i)])
        or coverage.FALLBACK_LEVEL)
    for bits in range(1 << len(coverage.LEVELS))], dtype=np.int64)


@dataclass(frozen=True)
class _Block:
    """The rows and columns of some coalitions in a square matrix: a view when all of them."""
    rows: np.ndarray
    count: int

    @property
    def whole(self) -> bool:
        return len(self.rows) == self.count

    def of(self, matrix: np.ndarray) -> np.ndarray:
        return matrix if self.whole else matrix[np.ix_(self.rows, self.rows)]

    def put(self, matrix: np.ndarray, values: np.ndarray, where: np.ndarray) -> None:
        """matrix[block][where] = values[where]."""
        if self.whole:
            np.copyto(matrix, values, where=where)
        else:
            current = matrix[np.ix_(self.rows, self.rows)]
            np.copyto(current, values, where=where)
            matrix[np.ix_(self.rows, self.rows)] = current


def _text_dimension(dimension: str, rows: pd.DataFrame, text_column: str,
                    blocks: list[MatchBlock], ids: np.ndarray,
                    measure: str) -> DimensionOverlap:
    coalition_of_row = _positions(ids, rows["coalition_id"])
    sizes = np.bincount(coalition_of_row, minlength=len(ids)).astype(np.int64)
    matched = _matched_counts(blocks, coalition_of_row, len(ids))
    np.fill_diagonal(matched, sizes)
    evidence = TextEvidence(blocks, coalition_of_row, rows[text_column].to_numpy())
    return _dimension(dimension, matched, sizes, ids, measure, evidence)


def _dimension(dimension: str, matched: np.ndarray, sizes: np.ndarray, ids: np.ndarray,
               measure: str, evidence, symmetric: bool = False) -> DimensionOverlap:
    """*symmetric*: matched[i, j] == matched[j, i] by construction (shared items)."""
    shared = matched if symmetric else np.minimum(matched, matched.T)
    index = pd.Index(ids, name="coalition_id")
    return DimensionOverlap(
        dimension=dimension,
        similarity=_square(_similarity(matched, sizes, measure, symmetric), index),
        shared=_square(shared, index),
        sizes=pd.Series(sizes, index=index, name=dimension),
        evidence=evidence)


def _similarity(matched: np.ndarray, sizes: np.ndarray, measure: str,
                symmetric: bool = False) -> np.ndarray:
    """From matched[i, j], how many of i's items have a counterpart among j's.

    With a *symmetric* matched the same figures come with less work: of m / a and
    m / b the larger is m / min(a, b) (division rounds monotonically), and the mean
    of m and m is m.
    """
    # A coalition with no items has nothing matched either, so dividing by 1 gives its 0.
    own = np.maximum(sizes, 1).astype(float)
    if measure == "overlap" and symmetric:
        similarity = matched / np.minimum(own[:, None], own[None, :])
    elif measure == "overlap":
        # ratio.T[i, j] is matched[j, i] / own[j]: the same division, done once.
        ratio = matched / own[:, None]
        similarity = np.maximum(ratio, ratio.T)
    else:
        mean = matched.astype(float) if symmetric else (matched + matched.T) / 2
        union = sizes[:, None] + sizes[None, :] - mean
        similarity = mean / np.where(union > 0, union, 1.0)
    np.fill_diagonal(similarity, 1.0)
    return similarity


def _square(values: np.ndarray, ids) -> pd.DataFrame:
    index = pd.Index(ids, name="coalition_id")
    return pd.DataFrame(values, index=index, columns=index.copy(), copy=False)


def _check_dimension(dimension: str) -> None:
    if dimension not in DIMENSIONS:
        raise ValueError(f"Unknown dimension {dimension!r}; use one of "
                         f"{', '.join(DIMENSIONS)} or {COMBINED!r}.")
