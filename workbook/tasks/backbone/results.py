"""What the room may see of the backbone survey: every figure passes ``anonymity`` first.

* ``profile``: per candidate x item, median, quartiles, distribution and n, only when n >= k;
  a candidate rated by fewer than k raters is dropped whole (no row, no comment, no
  agreement).
* ``breakdown_by_group``: the same per rater group (e.g. sector), with complementary
  suppression within each candidate x item.
* ``shown_comments``: per candidate x function, shuffled, only when n >= k_c.
* ``agreement``: Krippendorff's alpha (ordinal) per candidate, said in words.
* ``strongest``: for a shared backbone, which candidate has the highest median per item.

Raw answers never leave this module: only these frames do.
"""
from __future__ import annotations

import math
import random
from typing import Mapping

import krippendorff
import numpy as np
import pandas as pd

from . import anonymity as A
from . import instrument as I

LABELS = dict(I.ITEMS)
PROFILE_COLUMNS = ["candidate", "item", "label", "n", "median", "q1", "q3", "distribution"]
# Krippendorff (2004): alpha >= .800 reliable, >= .667 for tentative conclusions.
AGREE = 0.667
FEW_RATERS = 10  # below this, alpha moves a lot with one rater: said beside the words


Cell = tuple[str, str]  # (candidate, item)


def _cells(scores: pd.DataFrame) -> dict[Cell, tuple[list[str], list[int]]]:
    """(candidate, item) -> rater keys and scores, "don't know" left out; one pass."""
    cells: dict[Cell, tuple[list[str], list[int]]] = {}
    for key, candidate, item, value in zip(*(scores[c].tolist() for c in
                                             ("rater_key", "candidate", "item", "score"))):
        if value is None or value != value:  # None or NaN: don't know
            continue
        keys, values = cells.setdefault((candidate, item), ([], []))
        keys.append(key)
        values.append(int(value))
    return cells


def _candidates_shown(scores: pd.DataFrame, thresholds: A.Thresholds) -> list[str]:
    """Candidates rated by k raters or more (a rater counts even if all were don't know)."""
    raters: dict[str, set] = {}
    for key, candidate in zip(scores["rater_key"].tolist(), scores["candidate"].tolist()):
        raters.setdefault(candidate, set()).add(key)
    return sorted(c for c, keys in raters.items() if len(keys) >= thresholds.k)


def profile(scores: pd.DataFrame, thresholds: A.Thresholds = A.Thresholds()) -> pd.DataFrame:
    rows = []
    shown = set(_candidates_shown(scores, thresholds))
    for (candidate, item), (_, values) in _cells(scores).items():
        fig = A.figure(values, thresholds) if candidate in shown else None
        if fig is not None:
            rows.append({"candidate": candidate, "item": item, "label": LABELS.get(item, item),
                         "n": fig.n, "median": fig.median, "q1": fig.q1, "q3": fig.q3,
                         "distribution": dict(fig.distribution)})
    return _in_item_order(pd.DataFrame(rows, columns=PROFILE_COLUMNS))


def _in_item_order(frame: pd.DataFrame) -> pd.DataFrame:
    order = {item: i for i, (item, _) in enumerate(I.ITEMS)}
    return (frame.assign(_o=frame["item"].map(order)).sort_values(["candidate", "_o"])
            .drop(columns="_o").reset_index(drop=True))


def breakdown_by_group(scores: pd.DataFrame, group_of: Mapping[str, str],
                       thresholds: A.Thresholds = A.Thresholds()) -> pd.DataFrame:
    """Per candidate x item x group; groups hidden by ``anonymity.breakdown`` have no row.

    A rater with no group is a group of one of their own: counted in the total and hidden,
    so the rule keeps them from being derived as well.
    """
    rows = []
    shown = set(_candidates_shown(scores, thresholds))
    for (candidate, item), (keys, values) in _cells(scores).items():
        if candidate not in shown:
            continue
        by_group: dict[str, list[int]] = {}
        for key, value in zip(keys, values):
            by_group.setdefault(group_of.get(key) or f"\0ungrouped {key}", []).append(value)
        for group, fig in A.breakdown(by_group, thresholds).items():
            rows.append({"candidate": candidate, "item": item, "group": group, "n": fig.n,
                         "median": fig.median, "q1": fig.q1, "q3": fig.q3,
                         "distribution": dict(fig.distribution)})
    return pd.DataFrame(rows, columns=["candidate", "item", "group", "n", "median", "q1", "q3",
                                       "distribution"])


def shown_comments(scores: pd.DataFrame, comments: pd.DataFrame,
                   thresholds: A.Thresholds = A.Thresholds(),
                   rng: random.Random | None = None) -> pd.DataFrame:
    """candidate, item, comment: only cells with k_c raters, shuffled within each cell."""
    n = {cell: len(keys) for cell, (keys, _) in _cells(scores).items()}
    shown = set(_candidates_shown(scores, thresholds))
    texts: dict[Cell, list[str]] = {}
    for candidate, item, text in zip(*(comments[c].tolist() for c in
                                       ("candidate", "item", "comment"))):
        if candidate in shown:
            texts.setdefault((candidate, item), []).append(text)
    rows = [{"candidate": candidate, "item": item, "comment": text}
            for (candidate, item), cell in sorted(texts.items())
            for text in A.comments(cell, n.get((candidate, item), 0), thresholds, rng)]
    return pd.DataFrame(rows, columns=["candidate", "item", "comment"])


def ordinal_alpha(matrix: np.ndarray) -> float:
    """Krippendorff's alpha, ordinal, of raters x units (np.nan where not rated)."""
    return float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="ordinal",
                                    value_domain=list(A.SCALE)))


def agreement(scores: pd.DataFrame, thresholds: A.Thresholds = A.Thresholds()) -> pd.DataFrame:
    """Per shown candidate: raters, alpha over its items, and what it says in words."""
    rows = []
    columns = {item: i for i, (item, _) in enumerate(I.ITEMS)}
    cells = _cells(scores)
    for candidate in _candidates_shown(scores, thresholds):
        keys = sorted(set(scores.loc[scores["candidate"] == candidate, "rater_key"].tolist()))
        row_of = {key: r for r, key in enumerate(keys)}
        matrix = np.full((len(keys), len(columns)), np.nan)
        for item, column in columns.items():
            for key, value in zip(*cells.get((candidate, item), ([], []))):
                matrix[row_of[key], column] = value
        raters = len(keys)
        try:
            alpha = ordinal_alpha(matrix)
        except ValueError:  # fewer than two values in every item: nothing to compare
            alpha = math.nan
        rows.append({"candidate": candidate, "raters": raters, "alpha": alpha,
                     "in_words": in_words(alpha, raters)})
    return pd.DataFrame(rows, columns=["candidate", "raters", "alpha", "in_words"])


def in_words(alpha: float, raters: int) -> str:
    if math.isnan(alpha):
        return "too little variation to measure agreement"
    said = "raters largely agree" if alpha >= AGREE else "opinion is split"
    if raters < FEW_RATERS:
        said += f" (only {raters} raters: one more answer could change this)"
    return said


def strongest(shown_profile: pd.DataFrame) -> pd.DataFrame:
    """Per item, the candidate(s) with the highest shown median: the shared-backbone view."""
    rows = []
    for item, cell in shown_profile.groupby("item", sort=False):
        best = cell["median"].max()
        rows.append({"item": item, "label": LABELS.get(item, item),
                     "strongest": "; ".join(sorted(cell.loc[cell["median"] == best, "candidate"])),
                     "median": best})
    return pd.DataFrame(rows, columns=["item", "label", "strongest", "median"])
