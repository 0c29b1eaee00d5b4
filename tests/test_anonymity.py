"""The backbone survey's anonymity rules, checked over many seeded random response sets.

``hypothesis`` is not installed here; each property runs over a few hundred seeded random
breakdowns instead, including the edge sizes (k-1, k, groups of one) where leaks happen.
The attacker in ``_derivable_sizes`` knows every published figure and subtracts any set of
published disjoint groups from a published total.
"""
from __future__ import annotations

import itertools
import random

import pytest

from workbook.tasks.backbone import anonymity as A

SEEDS = range(400)


def _random_groups(rng: random.Random, k: int) -> dict[str, list[int]]:
    groups = {}
    for index in range(rng.randint(1, 6)):
        size = rng.choice([1, 2, k - 1, k, k + 1, rng.randint(1, 3 * k)])
        groups[f"sector {index}"] = [rng.randint(1, 5) for _ in range(size)]
    return groups


def _derivable_sizes(total: int, shown: dict[str, int]) -> set[int]:
    """Sizes of every rater set an attacker gets as total minus some shown groups."""
    sizes = set(shown.values()) | {total}
    for r in range(1, len(shown) + 1):
        for subset in itertools.combinations(shown.values(), r):
            sizes.add(total - sum(subset))
    return sizes


@pytest.mark.parametrize("k", [3, 5, 7])
def test_no_figure_from_fewer_than_k_raters_nor_derivable_by_subtraction(k):
    thresholds = A.Thresholds(k=k, k_comments=max(k, 10))
    for seed in SEEDS:
        groups = _random_groups(random.Random(seed), k)
        total = sum(len(s) for s in groups.values())
        published = A.breakdown(groups, thresholds)
        for group, fig in published.items():
            assert fig.n >= k and fig.n == len(groups[group]), (seed, group)
        if A.figure([s for g in groups.values() for s in g], thresholds) is None:
            assert published == {}, seed
            continue
        derivable = _derivable_sizes(total, {g: f.n for g, f in published.items()})
        assert all(size == 0 or size >= k for size in derivable), (seed, groups.keys())


def test_a_hidden_group_cannot_be_read_as_total_minus_the_others():
    # 12 raters in one sector, 2 in another: showing the 12 would give away the 2.
    groups = {"nonprofit": [4] * 12, "business": [1, 2]}
    assert A.breakdown(groups, A.Thresholds()) == {}


def test_a_second_group_is_hidden_with_the_small_one_and_the_rest_stays():
    groups = {"nonprofit": [4] * 12, "public": [3] * 6, "business": [1, 2]}
    shown = A.breakdown(groups, A.Thresholds())
    assert set(shown) == {"nonprofit"}  # public (6) hidden with business (2): 8 >= 5


def test_distribution_of_a_hidden_pair_recovered_only_as_a_group_of_k_or_more():
    groups = {"a": [5] * 9, "b": [2] * 3, "c": [1] * 2}
    shown = A.breakdown(groups, A.Thresholds())
    total = A.figure([s for g in groups.values() for s in g], A.Thresholds())
    hidden = {level: count for level, count in total.distribution}
    for fig in shown.values():
        for level, count in fig.distribution:
            hidden[level] -= count
    assert sum(hidden.values()) in (0,) or sum(hidden.values()) >= 5


def test_every_group_at_k_is_shown():
    groups = {name: [3] * 5 for name in ("a", "b", "c")}
    assert set(A.breakdown(groups, A.Thresholds())) == {"a", "b", "c"}


def test_k_below_three_is_refused_and_comments_never_below_scores():
    with pytest.raises(ValueError):
        A.Thresholds(k=2)
    with pytest.raises(ValueError):
        A.Thresholds(k=6, k_comments=5)
    assert A.Thresholds(k=3, k_comments=3).k == 3


@pytest.mark.parametrize("n", [0, 1, 4])
def test_no_figure_under_k(n):
    assert A.figure([3] * n, A.Thresholds()) is None


def test_figure_holds_median_quartiles_and_every_level():
    fig = A.figure([1, 2, 2, 3, 4, 5, 5], A.Thresholds())
    assert (fig.n, fig.median, fig.q1, fig.q3) == (7, 3, 2, 4.5)
    assert fig.distribution == ((1, 1), (2, 2), (3, 1), (4, 1), (5, 2))


def test_comments_need_k_comments_raters_and_come_shuffled():
    texts = [f"comment {i}" for i in range(12)]
    assert A.comments(texts, raters=9, thresholds=A.Thresholds()) == []
    orders = {tuple(A.comments(texts, 12, A.Thresholds(), random.Random(seed)))
              for seed in range(5)}
    assert len(orders) > 1 and all(sorted(o) == sorted(texts) for o in orders)
    assert A.comments(["  ", "", "kept "], 10, A.Thresholds()) == ["kept"]


# --- the same properties through what the results module publishes ---------------------

def _random_survey(rng: random.Random):
    import pandas as pd
    from workbook.tasks.backbone import instrument as I
    items = [item for item, _ in I.ITEMS[:4]]
    rows, groups = [], {}
    for candidate in ("United Way of the Riverbend Region", "Riverbend Community Foundation"):
        for r in range(rng.randint(0, 16)):
            key = f"{candidate[:5]}{r}"
            groups[key] = rng.choice(["Nonprofit", "Public agency", "Business", None])
            for item in items:
                rows.append({"rater_key": key, "candidate": candidate, "item": item,
                             "score": None if rng.random() < 0.2 else rng.randint(1, 5)})
    columns = ["rater_key", "candidate", "item", "score"]
    return pd.DataFrame(rows, columns=columns), groups


@pytest.mark.parametrize("k", [3, 5])
def test_published_results_hold_the_rules_over_random_surveys(k):
    from workbook.tasks.backbone import results as T
    thresholds = A.Thresholds(k=k, k_comments=max(k, 10))
    for seed in range(100):
        scores, groups = _random_survey(random.Random(seed))
        rated = scores[scores["score"].notna()]
        total = T.profile(scores, thresholds)
        parts = T.breakdown_by_group(scores, groups, thresholds)
        assert (total["n"] >= k).all() and (parts["n"] >= k).all(), seed
        for row in total.itertuples():
            cell = rated[(rated.candidate == row.candidate) & (rated["item"] == row.item)]
            assert row.n == len(cell), seed  # n is the raters behind the figure, no more
            shown = parts[(parts.candidate == row.candidate) & (parts["item"] == row.item)]
            for group in shown.itertuples():
                members = cell[cell["rater_key"].map(groups.get) == group.group]
                assert group.n == len(members), seed
            derivable = _derivable_sizes(row.n, dict(zip(shown["group"], shown["n"])))
            assert all(size == 0 or size >= k for size in derivable), seed
        # A figure on a cell whose total is not published is never published by group.
        published = set(zip(total["candidate"], total["item"]))
        assert set(zip(parts["candidate"], parts["item"])) <= published, seed
