"""Anonymity rules for the backbone survey: what may be published from a set of ratings.

Survey platforms' practice (see the shared domain notes): no figure from fewer than *k*
raters (default 5, never below 3); comments only from *k_c* raters (default 10); a group
under the threshold is dropped whole, comments included, and never folded back into a
figure by subtraction. The last rule is complementary suppression: when a group is hidden
but its total and its sibling groups are shown, the hidden group's counts are the total
minus the shown groups. So more groups are hidden until what could be worked out that way
covers at least *k* raters, or the breakdown is dropped whole.

The invariant the tests check: every published figure, and every figure obtainable by
subtracting published disjoint groups from a published total, covers 0 or at least *k*
raters.
"""
from __future__ import annotations

import random
import statistics
from dataclasses import dataclass
from typing import Hashable, Iterable, Mapping, Sequence

MIN_K = 3  # below this no platform publishes anything; nor do we
DEFAULT_K = 5
DEFAULT_K_COMMENTS = 10


@dataclass(frozen=True)
class Thresholds:
    k: int = DEFAULT_K  # fewest raters behind any score figure
    k_comments: int = DEFAULT_K_COMMENTS  # fewest raters behind shown comments

    def __post_init__(self) -> None:
        if self.k < MIN_K:
            raise ValueError(f"k={self.k}: never below {MIN_K} raters")
        if self.k_comments < self.k:
            raise ValueError(f"k_comments={self.k_comments} is below k={self.k}: "
                             "comments identify more easily than scores")


@dataclass(frozen=True)
class Figure:
    """What may be shown of one set of scores."""
    n: int
    median: float
    q1: float
    q3: float
    distribution: tuple[tuple[int, int], ...]  # (score, how many), every level of the scale


SCALE = (1, 2, 3, 4, 5)


def figure(scores: Sequence[int], thresholds: Thresholds,
           scale: Sequence[int] = SCALE) -> Figure | None:
    """The figure of *scores*, or None when fewer than k raters gave them."""
    if len(scores) < thresholds.k:
        return None
    ordered = sorted(scores)
    q1, median, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    return Figure(n=len(ordered), median=statistics.median(ordered), q1=q1, q3=q3,
                  distribution=tuple((level, ordered.count(level)) for level in scale))


def shown_groups(sizes: Mapping[Hashable, int], thresholds: Thresholds) -> set:
    """The groups of one breakdown that may be shown beside their total.

    Groups under k are hidden (primary suppression). If the hidden ones together cover
    between 1 and k-1 raters, the total minus the shown groups would give them away, so
    the smallest shown group is hidden too, and again, until the hidden ones cover k or
    more raters, or none is left shown (the breakdown is then dropped whole).
    """
    shown = {group for group, size in sizes.items() if size >= thresholds.k}
    hidden_size = sum(size for group, size in sizes.items() if group not in shown)
    # Smallest first so that as few raters as possible are hidden; name breaks ties so the
    # choice never depends on the order answers came in.
    for group in sorted(shown, key=lambda g: (sizes[g], str(g))):
        if hidden_size == 0 or hidden_size >= thresholds.k:
            break
        shown.discard(group)
        hidden_size += sizes[group]
    return shown


def breakdown(scores_by_group: Mapping[Hashable, Sequence[int]],
              thresholds: Thresholds) -> dict[Hashable, Figure]:
    """Figures per group, only for the groups ``shown_groups`` lets through."""
    shown = shown_groups({g: len(s) for g, s in scores_by_group.items()}, thresholds)
    if sum(len(s) for s in scores_by_group.values()) < thresholds.k:
        return {}  # no total is published, so no part of it is either
    return {group: figure(scores_by_group[group], thresholds) for group in sorted(shown, key=str)}


def comments(texts: Iterable[str], raters: int, thresholds: Thresholds,
             rng: random.Random | None = None) -> list[str]:
    """The non-blank comments, shuffled, when *raters* reach k_comments; else none.

    Shuffled with the system's randomness unless a generator is given (tests), so the order
    never follows the order answers came in.
    """
    if raters < thresholds.k_comments:
        return []
    kept = [t.strip() for t in texts if t and t.strip()]
    (rng or random.SystemRandom()).shuffle(kept)
    return kept
