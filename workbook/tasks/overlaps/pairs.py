"""Task 2's ranking: the most-overlapping pairs of coalitions, each with the items it shares
as its reason."""
from __future__ import annotations

from pathlib import Path
from typing import Mapping

import numpy as np
import pandas as pd

from .matrices import (COMBINED, DIMENSION_LABELS, OverlapMatrices, _check_dimension,
                       normalised_weights, overlap_matrices)

REASON_ITEMS_SHOWN = 5  # shared items named per dimension in a pair's reason


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
