"""Task 2, analyse the overlaps: who shares what with whom, and what it costs people.

Pure computations on the starter database; views draw them.

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

Also here: the organisation-coalition membership network with a fixed-seed layout,
the meeting burden per organisation and per person (seat hours from ``meetings``),
and the asks each organisation receives; the side-by-side comparison of up to
``MAX_COMPARED`` coalitions lives in ``comparison``.
"""
from __future__ import annotations

import functools
import math
import numbers
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import networkx as nx
import numpy as np
import pandas as pd

from .. import schema as S
from ..store import read_table
from . import coverage, meetings
from .labels import coalition_labels, community_of  # noqa: F401  (part of this module's API)
from .texts import (TEXT_MATCH_THRESHOLD, _goal_blocks, _matched_counts, _plain,  # noqa: F401
                    _strategy_blocks, normalised_text)

# --- settings ----------------------------------------------------------------------

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

REASON_ITEMS_SHOWN = 5  # shared items named per dimension in a pair's reason

DEFAULT_MEETING_HOURS = meetings.DEFAULT_MEETING_HOURS

NETWORK_SEED = 2026
ROLE_ORDER = ("Chair", "Co-chair", "Steering", "Member", "Staff")  # most senior first

_ORGANISATION = "organisation"
_COALITION = "coalition"
NO_ORGANISATION = "no organisation (resident)"  # a seat held for no organisation


# --- overlap matrices --------------------------------------------------------------

@dataclass(frozen=True)
class _SetEvidence:
    """Which items each coalition has, kept only for items two or more coalitions have."""
    incidence: np.ndarray  # bool, coalitions x items
    labels: np.ndarray

    def between(self, a: int, b: int) -> list[str]:
        shared = self.labels[self.incidence[a] & self.incidence[b]]
        return sorted((str(x) for x in shared), key=str.casefold)


@dataclass(frozen=True)
class _PlaceEvidence(_SetEvidence):
    """Areas at one level; *whole* says which coalition covers which area in whole."""
    whole: np.ndarray

    def between(self, a: int, b: int) -> list[str]:
        both = self.incidence[a] & self.incidence[b]
        part = both & ~(self.whole[a] & self.whole[b])
        named = [f"{name} (part)" if in_part else str(name)
                 for name, in_part in zip(self.labels[both], part[both])]
        return sorted(named, key=str.casefold)


@dataclass(frozen=True)
class _LevelledEvidence:
    """Shared areas of a pair at the level the pair is compared at."""
    pair_level: np.ndarray  # index into coverage.LEVELS, -1: not compared
    by_level: dict[int, _PlaceEvidence]

    def between(self, a: int, b: int) -> list[str]:
        index = int(self.pair_level[a, b])
        return self.by_level[index].between(a, b) if index >= 0 else []

    def level(self, a: int, b: int) -> str | None:
        index = int(self.pair_level[a, b])
        return coverage.LEVELS[index] if index >= 0 else None


@dataclass(frozen=True)
class _TextEvidence:
    """The match blocks of goals or strategies, and what each row says."""
    blocks: list[tuple[np.ndarray, np.ndarray]]
    coalition_of_row: np.ndarray  # coalition position per row
    texts: np.ndarray

    def between(self, a: int, b: int) -> list[str]:
        reasons = []  # (row, text), to list them in the order the checklist gives them
        for positions, ok in self.blocks:
            owners = self.coalition_of_row[positions]
            rows_a, rows_b = np.flatnonzero(owners == a), np.flatnonzero(owners == b)
            for row_a, matches in zip(rows_a, ok[np.ix_(rows_a, rows_b)]):
                if not matches.any():
                    continue
                own = str(self.texts[positions[row_a]])
                partners = dict.fromkeys(str(self.texts[positions[r]]) for r in rows_b[matches])
                others = [p for p in partners if _plain(p) != _plain(own)]
                reasons.append((positions[row_a], f"{own} ≈ {others[0]}" if others else own))
        return list(dict.fromkeys(text for _, text in sorted(reasons)))


@dataclass(frozen=True)
class DimensionOverlap:
    """One dimension's pairwise overlap; frames are indexed and columned by coalition_id."""
    dimension: str
    similarity: pd.DataFrame  # float in [0, 1]; diagonal 1
    shared: pd.DataFrame  # int: items shared (matched on both sides); diagonal = sizes
    sizes: pd.Series  # items per coalition
    evidence: _SetEvidence | _TextEvidence = field(repr=False, compare=False)

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
        total = np.zeros((len(ids), len(ids)))
        for dimension, weight in normalised.items():
            total += weight * self.dimensions[dimension].similarity.to_numpy()
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
        raise ValueError(f"Unknown dimension(s) {', '.join(unknown)}; "
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
    shown = _of_shown(ids)
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


def _of_shown(ids: np.ndarray):
    """A filter keeping the rows of the coalitions shown."""
    kept = set(ids.tolist())
    return lambda frame: frame[frame["coalition_id"].isin(kept)].reset_index(drop=True)


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
    whole_list = rows["label"].map(lambda v: coverage.is_whole_list_value(_SINGULAR[dimension], v))
    incidence[_positions(ids, rows.loc[whole_list.to_numpy(), "coalition_id"]), :] = True
    sizes = incidence.sum(axis=1)
    # An item only one coalition has cannot be shared: leaving it out of the product
    # keeps it small (most organisations sit on one table).
    shareable = incidence.sum(axis=0) >= 2
    kept = incidence[:, shareable]
    as_float = kept.astype(np.float32)
    matched = np.rint(as_float @ as_float.T).astype(np.int64)
    np.fill_diagonal(matched, sizes)
    return _dimension(dimension, matched, sizes, ids, measure,
                      _SetEvidence(kept, labels[shareable]))


_SINGULAR = {"members": "member", "funders": "funder", "populations": "population",
             "issue_areas": "issue_area"}


def _geography_dimension(areas: pd.DataFrame, geography: coverage.Geography, ids: np.ndarray,
                         measure: str) -> DimensionOverlap:
    """Each pair compared at its own level (coverage.pair_level), one matrix product a level."""
    count = len(ids)
    reported = coverage.reported_levels(areas)
    reports = np.zeros((count, len(coverage.LEVELS)), dtype=bool)
    for coalition_id, levels in reported.items():
        for level in levels:
            reports[np.searchsorted(ids, coalition_id), coverage.LEVELS.index(level)] = True
    pair_level = np.full((count, count), -1, dtype=np.int64)
    coarse_to_fine = sorted(range(len(coverage.LEVELS)),
                            key=lambda i: (coverage.LEVEL_RANK[coverage.LEVELS[i]], i))
    for index in coarse_to_fine:
        pair_level[np.outer(reports[:, index], reports[:, index])] = index
    anything = reports.any(axis=1)
    pair_level[(pair_level < 0) & np.outer(anything, anything)] = \
        coverage.LEVELS.index(coverage.FALLBACK_LEVEL)
    similarity, matched = np.zeros((count, count)), np.zeros((count, count), dtype=np.int64)
    by_level: dict[int, _SetEvidence] = {}
    for index in np.unique(pair_level[pair_level >= 0]).tolist():
        placed = coverage.project(areas, coverage.LEVELS[index], geography)
        codes, names = pd.factorize(placed["area"])
        incidence = np.zeros((count, len(names)), dtype=bool)
        whole = np.zeros((count, len(names)), dtype=bool)
        positions = _positions(ids, placed["coalition_id"])
        incidence[positions, codes] = True
        whole[positions, codes] = placed["whole"].to_numpy()
        as_float = incidence.astype(np.float32)
        level_matched = np.rint(as_float @ as_float.T).astype(np.int64)
        here = pair_level == index
        matched[here] = level_matched[here]
        similarity[here] = _similarity(level_matched, incidence.sum(axis=1), measure)[here]
        by_level[index] = _PlaceEvidence(incidence, np.asarray(names, dtype=object), whole)
    sizes = np.zeros(count, dtype=np.int64)
    own = coverage.normalised_areas(areas).drop_duplicates(["coalition_id", "area"])
    np.add.at(sizes, _positions(ids, own["coalition_id"]), 1)
    np.fill_diagonal(matched, sizes)
    np.fill_diagonal(similarity, 1.0)
    index = pd.Index(ids, name="coalition_id")
    return DimensionOverlap(
        dimension="geographies", similarity=_square(similarity, index),
        shared=_square(matched, index), sizes=pd.Series(sizes, index=index, name="geographies"),
        evidence=_LevelledEvidence(pair_level, by_level))


def _text_dimension(dimension: str, rows: pd.DataFrame, text_column: str,
                    blocks: list[tuple[np.ndarray, np.ndarray]], ids: np.ndarray,
                    measure: str) -> DimensionOverlap:
    coalition_of_row = _positions(ids, rows["coalition_id"])
    sizes = np.bincount(coalition_of_row, minlength=len(ids)).astype(np.int64)
    matched = _matched_counts(blocks, coalition_of_row, len(ids))
    np.fill_diagonal(matched, sizes)
    evidence = _TextEvidence(blocks, coalition_of_row, rows[text_column].to_numpy())
    return _dimension(dimension, matched, sizes, ids, measure, evidence)


def _dimension(dimension: str, matched: np.ndarray, sizes: np.ndarray, ids: np.ndarray,
               measure: str, evidence) -> DimensionOverlap:
    shared = np.minimum(matched, matched.T)
    index = pd.Index(ids, name="coalition_id")
    return DimensionOverlap(
        dimension=dimension,
        similarity=_square(_similarity(matched, sizes, measure), index),
        shared=_square(shared, index),
        sizes=pd.Series(sizes, index=index, name=dimension),
        evidence=evidence)


def _similarity(matched: np.ndarray, sizes: np.ndarray, measure: str) -> np.ndarray:
    """From matched[i, j], how many of i's items have a counterpart among j's."""
    # A coalition with no items has nothing matched either, so dividing by 1 gives its 0.
    own = np.maximum(sizes, 1).astype(float)
    if measure == "overlap":
        similarity = np.maximum(matched / own[:, None], matched.T / own[None, :])
    else:
        mean = (matched + matched.T) / 2
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


# --- top pairs ---------------------------------------------------------------------

def top_pairs(db: str | Path, dimension: str = COMBINED, n: int = 10,
              weights: Mapping[str, float] | None = None, measure: str = "overlap",
              matrices: OverlapMatrices | None = None) -> pd.DataFrame:
    """The *n* most-overlapping pairs, best first, each with the shared items as its reason.

    Columns: coalition_a_id, coalition_b_id, coalition_a, coalition_b, score, shared
    (items shared in the dimensions counted), reason; for ``"combined"`` also one
    column per weighted dimension holding its contribution (they sum to score).
    Pairs scoring 0 are left out; ties go to the pair sharing more items, then to
    the lower ids. Pass *matrices* to reuse computed ones (*measure* is then theirs).
    """
    if matrices is None:
        matrices = overlap_matrices(db, measure)
    counted = _counted_dimensions(dimension, weights)
    scores = matrices.matrix(dimension, weights).to_numpy()
    shared = sum(matrices.dimensions[d].shared.to_numpy() for d in counted)
    a, b = np.triu_indices(len(scores), k=1)
    keep = scores[a, b] > 0
    a, b = a[keep], b[keep]
    order = np.lexsort((b, a, -shared[a, b], -scores[a, b]))[:max(n, 0)]
    a, b = a[order], b[order]
    ids = matrices.coalitions.index.to_numpy()
    labels = matrices.coalitions["label"].to_numpy()
    pairs = pd.DataFrame({
        "coalition_a_id": ids[a], "coalition_b_id": ids[b],
        "coalition_a": labels[a], "coalition_b": labels[b],
        "score": scores[a, b], "shared": shared[a, b].astype(np.int64),
        "reason": [_reason(matrices, counted, ia, ib) for ia, ib in zip(ids[a], ids[b])]})
    if dimension == COMBINED:
        for name, weight in normalised_weights(weights).items():
            pairs[name] = weight * matrices.dimensions[name].similarity.to_numpy()[a, b]
    return pairs


def _counted_dimensions(dimension: str, weights: Mapping[str, float] | None) -> list[str]:
    if dimension == COMBINED:
        return list(normalised_weights(weights))
    _check_dimension(dimension)
    return [dimension]


def _reason(matrices: OverlapMatrices, dimensions: list[str], a: int, b: int) -> str:
    parts = []
    for dimension in dimensions:
        items = matrices.dimensions[dimension].shared_items(a, b)
        if items:
            shown = ", ".join(items[:REASON_ITEMS_SHOWN])
            if len(items) > REASON_ITEMS_SHOWN:
                shown += f" and {len(items) - REASON_ITEMS_SHOWN} more"
            parts.append(f"shared {DIMENSION_LABELS[dimension]}: {shown}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


# --- membership network ------------------------------------------------------------

@dataclass(frozen=True)
class MembershipNetwork:
    """Coalitions and member organisations as a graph with a deterministic layout.

    nodes: node, kind ("coalition" or "organisation"), entity_id, label (the short
    label charts draw), name (the full name), size (member organisations of a
    coalition; coalitions an organisation sits on), x, y.
    edges: source, target, coalition_id, organisation_id, role (most senior seat),
    roles, seats, and both ends' coordinates x, y, x2, y2.
    extent: ((x min, x max), (y min, y max)) of the whole network's layout, the same
    at every threshold, so a chart's frame does not move either.
    """
    nodes: pd.DataFrame
    edges: pd.DataFrame
    extent: tuple[tuple[float, float], tuple[float, float]] | None = None


def membership_network(db: str | Path, min_coalitions: int = 1, seed: int = NETWORK_SEED,
                       include_ended: bool = False) -> MembershipNetwork:
    """Organisations sitting on at least *min_coalitions* coalitions, and every coalition
    shown (residents, who speak for no organisation, are not organisations here).

    The layout is made once, seeded, on every organisation and coalition, then the
    threshold filters it: a point stays where it was as the threshold moves."""
    coalitions = coalition_labels(db, include_ended)
    seats = _of_shown(coalitions.index.to_numpy())(read_table(db, """
        SELECT m.coalition_id, m.organisation_id, o.name AS organisation, m.role
        FROM members m JOIN organisations o ON o.organisation_id = m.organisation_id"""))
    all_edges = _membership_edges(seats)
    organisation_sizes = all_edges.groupby("organisation_id")["coalition_id"].nunique()
    coalition_sizes = all_edges.groupby("coalition_id")["organisation_id"].nunique()
    organisation_names = seats.groupby("organisation_id")["organisation"].first()
    all_nodes = pd.concat([
        pd.DataFrame({"node": [_node_id(_COALITION, i) for i in coalitions.index],
                      "kind": _COALITION, "entity_id": coalitions.index.to_numpy(),
                      "label": coalitions["label"].to_numpy(),
                      "name": coalitions["name"].to_numpy(),
                      "size": coalition_sizes.reindex(coalitions.index, fill_value=0).to_numpy()}),
        pd.DataFrame({"node": [_node_id(_ORGANISATION, i) for i in organisation_sizes.index],
                      "kind": _ORGANISATION, "entity_id": organisation_sizes.index.to_numpy(),
                      "label": organisation_names.reindex(organisation_sizes.index).to_numpy(),
                      "name": organisation_names.reindex(organisation_sizes.index).to_numpy(),
                      "size": organisation_sizes.to_numpy()}),
    ], ignore_index=True)
    positions = _layout(all_nodes["node"], all_edges, seed)
    shown = set(organisation_sizes[organisation_sizes >= min_coalitions].index)
    nodes = all_nodes[(all_nodes["kind"] == _COALITION)
                      | all_nodes["entity_id"].isin(shown)].reset_index(drop=True)
    edges = all_edges[all_edges["organisation_id"].isin(shown)].reset_index(drop=True)
    nodes["x"] = [float(positions[n][0]) for n in nodes["node"]]
    nodes["y"] = [float(positions[n][1]) for n in nodes["node"]]
    edges["x"] = [float(positions[n][0]) for n in edges["source"]]
    edges["y"] = [float(positions[n][1]) for n in edges["source"]]
    edges["x2"] = [float(positions[n][0]) for n in edges["target"]]
    edges["y2"] = [float(positions[n][1]) for n in edges["target"]]
    return MembershipNetwork(nodes, edges, _extent(positions))


def _extent(positions: dict) -> tuple[tuple[float, float], tuple[float, float]] | None:
    if not positions:
        return None
    xy = np.array(list(positions.values()), dtype=float)
    return ((float(xy[:, 0].min()), float(xy[:, 0].max())),
            (float(xy[:, 1].min()), float(xy[:, 1].max())))


def _node_id(kind: str, entity_id) -> str:
    return f"{kind}:{int(entity_id)}"


def _membership_edges(seats: pd.DataFrame) -> pd.DataFrame:
    """One edge per organisation and coalition, however many seats it holds there."""
    seniority = {role: i for i, role in enumerate(ROLE_ORDER)}
    # Unknown roles after the known ones, blank roles last.
    rank = seats["role"].map(seniority).fillna(len(ROLE_ORDER))
    rank = rank.where(seats["role"].notna(), len(ROLE_ORDER) + 1)
    seats = seats.assign(rank=rank).sort_values(["coalition_id", "organisation_id", "rank"],
                                                kind="stable")
    grouped = seats.groupby(["coalition_id", "organisation_id"], sort=True)
    edges = grouped.agg(role=("role", "first"), seats=("role", "size"),
                        roles=("role", _distinct_in_order)).reset_index()
    edges.insert(0, "source", [_node_id(_ORGANISATION, o) for o in edges["organisation_id"]])
    edges.insert(1, "target", [_node_id(_COALITION, c) for c in edges["coalition_id"]])
    return edges[["source", "target", "coalition_id", "organisation_id", "role", "roles", "seats"]]


def _distinct_in_order(values) -> str:
    return "; ".join(dict.fromkeys(v for v in values if isinstance(v, str)))


def _layout(nodes: pd.Series, edges: pd.DataFrame, seed: int) -> dict[str, np.ndarray]:
    # The slider redraws at every step: the same whole network is laid out once.
    return _layout_of(tuple(nodes), tuple(zip(edges["source"], edges["target"])), seed)


@functools.lru_cache(maxsize=8)
def _layout_of(nodes: tuple, edges: tuple, seed: int) -> dict[str, np.ndarray]:
    graph = nx.Graph()
    graph.add_nodes_from(nodes)  # insertion order fixed, so the seed fixes the layout
    graph.add_edges_from(edges)
    if len(graph) == 0:
        return {}
    try:
        return nx.spring_layout(graph, seed=seed)
    except ImportError:
        # networkx hands graphs of 500+ nodes to a scipy-only variant; the dense one
        # is the same force model, only slower.
        from networkx.drawing.layout import _fruchterman_reingold, rescale_layout
        adjacency = nx.to_numpy_array(graph, weight=None)
        positions = rescale_layout(_fruchterman_reingold(adjacency, seed=seed))
        return dict(zip(graph, positions))


# --- meeting burden ----------------------------------------------------------------

@dataclass(frozen=True)
class MeetingBurden:
    """Meeting time per organisation and per person, heaviest first.

    Both frames: hours_per_month, meetings_per_month (each seat counts: two
    representatives at one meeting are two), seats, coalitions, coalition_list,
    overlapping_issue_coalitions (coalitions sharing an issue area with another
    coalition the same organisation or person sits on: the same report heard
    again), repeated_issue_areas, hours_assumed (a body's meeting length was
    blank, DEFAULT_MEETING_HOURS used), cadence_unknown (a body with no meetings
    figure at all, or one the Bodies sheet does not list). organisations starts with
    organisation_id, organisation; people with person_id, person, organisations
    (NO_ORGANISATION for a resident).
    """
    organisations: pd.DataFrame
    people: pd.DataFrame


def meeting_burden(db: str | Path, include_ended: bool = False) -> MeetingBurden:
    """Meeting time per organisation and per person, from the bodies each seat sits on
    (``meetings``). A resident's seat counts for the person, not for any organisation."""
    seats = read_table(db, """
        SELECT m.membership_id, m.coalition_id, m.organisation_id, o.name AS organisation,
               m.representative_person_id AS person_id, p.name AS person, m.meetings_per_year
        FROM members m
        LEFT JOIN organisations o ON o.organisation_id = m.organisation_id
        LEFT JOIN people p ON p.person_id = m.representative_person_id""")
    labels = coalition_labels(db, include_ended)["label"]
    seats = seats[seats["coalition_id"].isin(labels.index)].reset_index(drop=True)
    coalitions = read_table(db, "SELECT coalition_id, meeting_cadence, meeting_hours FROM coalitions")
    bodies = meetings.coalition_bodies(meetings.read_bodies(db), coalitions)
    seats = meetings.seat_hours(seats, meetings.read_seat_bodies(db), bodies)
    issue_areas = read_table(
        db, "SELECT coalition_id, value AS issue_area FROM coalition_issue_areas")
    seats["coalition"] = seats["coalition_id"].map(labels)
    organisation_seats = seats[seats["organisation_id"].notna()].copy()
    organisation_seats["organisation_id"] = organisation_seats["organisation_id"].astype(np.int64)
    organisations = _burden_by(organisation_seats, "organisation_id", "organisation", issue_areas)
    people_seats = seats[seats["person_id"].notna()].copy()
    people_seats["person_id"] = people_seats["person_id"].astype(np.int64)
    people = _burden_by(people_seats, "person_id", "person", issue_areas)
    their_organisations = people_seats.groupby("person_id")["organisation"].agg(_joined)
    people.insert(2, "organisations", people["person_id"].map(their_organisations)
                  .replace("", NO_ORGANISATION))
    return MeetingBurden(organisations, people)


def _burden_by(seats: pd.DataFrame, key: str, name: str,
               issue_areas: pd.DataFrame) -> pd.DataFrame:
    columns = [key, name, "hours_per_month", "meetings_per_month", "seats", "coalitions",
               "coalition_list", "overlapping_issue_coalitions", "repeated_issue_areas",
               "hours_assumed", "cadence_unknown"]
    if seats.empty:
        return pd.DataFrame(columns=columns)
    grouped = seats.groupby(key)
    burden = pd.DataFrame({
        name: grouped[name].first(),
        "hours_per_month": grouped["hours"].sum() / 12,
        "meetings_per_month": grouped["meetings"].sum() / 12,
        "seats": grouped.size(),
        "coalitions": grouped["coalition_id"].nunique(),
        "coalition_list": grouped["coalition"].agg(_joined),
        "hours_assumed": grouped["hours_assumed"].any(),
        "cadence_unknown": grouped["cadence_unknown"].any(),
    })
    repeats = _repeated_issue_areas(seats, key, issue_areas)
    burden = burden.join(repeats)
    overlapping = burden["overlapping_issue_coalitions"].fillna(0).astype(np.int64)
    burden["overlapping_issue_coalitions"] = overlapping
    burden["repeated_issue_areas"] = burden["repeated_issue_areas"].fillna("")
    burden = burden.reset_index()[columns]
    return burden.sort_values(["hours_per_month", "coalitions", name],
                              ascending=[False, False, True], kind="stable").reset_index(drop=True)


def _repeated_issue_areas(seats: pd.DataFrame, key: str,
                          issue_areas: pd.DataFrame) -> pd.DataFrame:
    """Per *key*: coalitions sharing an issue area with another of its coalitions, and which."""
    sittings = seats[[key, "coalition_id"]].drop_duplicates().merge(issue_areas, on="coalition_id")
    per_area = sittings.groupby([key, "issue_area"])["coalition_id"].nunique().rename("count")
    repeated = per_area[per_area >= 2].reset_index()
    overlapping = (sittings.merge(repeated[[key, "issue_area"]], on=[key, "issue_area"])
                   .groupby(key)["coalition_id"].nunique())
    repeated = repeated.sort_values([key, "count", "issue_area"], ascending=[True, False, True])
    areas = repeated.groupby(key).apply(
        lambda g: "; ".join(f"{a} ({c})" for a, c in zip(g["issue_area"], g["count"])),
        include_groups=False) if not repeated.empty else pd.Series(dtype=object)
    return pd.DataFrame({"overlapping_issue_coalitions": overlapping,
                         "repeated_issue_areas": areas})


def _joined(values) -> str:
    return "; ".join(sorted({str(v) for v in values if isinstance(v, str)}, key=str.casefold))


# --- asks --------------------------------------------------------------------------

@dataclass(frozen=True)
class AskLoad:
    """How many coalitions ask each organisation for what.

    by_organisation: organisation_id, organisation, one column per ask type
    (coalitions asking for it), total (sum of those), coalitions (coalitions asking
    anything), times_per_year (sum of the figures given; blanks count 0); most
    asked first. long: organisation_id, organisation, ask_type, coalitions,
    times_per_year, for charting.
    """
    by_organisation: pd.DataFrame
    long: pd.DataFrame


def ask_load(db: str | Path, include_ended: bool = False) -> AskLoad:
    shown = _of_shown(coalition_labels(db, include_ended).index.to_numpy())
    asks = shown(read_table(db, """
        SELECT a.coalition_id, a.organisation_id, o.name AS organisation, a.ask_type,
               a.times_per_year
        FROM asks a JOIN organisations o ON o.organisation_id = a.organisation_id
        WHERE a.ask_type IS NOT NULL"""))
    asks["times_per_year"] = asks["times_per_year"].astype(float)
    ask_types = list(S.DEFAULT_VOCABULARIES["ask_types"])
    ask_types += sorted(set(asks["ask_type"]) - set(ask_types))
    long = (asks.groupby(["organisation_id", "organisation", "ask_type"], as_index=False)
            .agg(coalitions=("coalition_id", "nunique"),
                 times_per_year=("times_per_year", "sum")))
    long = long.sort_values(["coalitions", "times_per_year", "organisation", "ask_type"],
                            ascending=[False, False, True, True]).reset_index(drop=True)
    wide = long.pivot_table(index=["organisation_id", "organisation"], columns="ask_type",
                            values="coalitions", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=ask_types, fill_value=0).astype(np.int64)
    wide.columns.name = None
    per_organisation = asks.groupby(["organisation_id", "organisation"])
    wide["total"] = wide[ask_types].sum(axis=1)
    wide["coalitions"] = per_organisation["coalition_id"].nunique()
    wide["times_per_year"] = per_organisation["times_per_year"].sum()
    wide = wide.reset_index().sort_values(
        ["total", "coalitions", "times_per_year", "organisation"],
        ascending=[False, False, False, True], kind="stable").reset_index(drop=True)
    return AskLoad(wide, long)


# --- comparison --------------------------------------------------------------------
# The side-by-side comparison builds on the matching above; it lives in its own module.

from .comparison import (COMPARISON_FIELDS, LIST_FIELDS, MAX_COMPARED, Comparison,  # noqa: E402,F401
                         compare_coalitions)
