"""Goal, strategy and indicator texts that say the same thing, across coalitions.

Shared by the overlap matrices and the side-by-side comparison: texts are
normalised once (no years, no phrasing words, crude stems) and compared per block
(same issue area, same strategy type) with rapidfuzz.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from ...matching.texts import normalised_text  # noqa: F401  (the overlaps' own name for it)

# rapidfuzz token-set ratio (0-100) from which two normalised goal or strategy texts
# say the same thing. Tuned on the sample generator's paraphrases: no different goals
# match at 80 (the closest pair of different goals scores 71), and about nine in ten
# rewordings of the same goal do; rewordings that share no words ("Reduce recidivism",
# "Fewer people return to jail") cannot be caught by spelling and are left to people.
TEXT_MATCH_THRESHOLD = 80
# Token-set ratio scores a one-word text 100 against any text containing that word;
# such texts match only when identical.
MIN_WORDS_FOR_FUZZY_MATCH = 2


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class MatchBlock:
    """The rows of one block (one issue area, one strategy type) and which of them match.

    Rows that agree in every compared column (same normalised texts, same population)
    share a *key*, and matching is worked out once per pair of keys: a strategy copied
    into 3,000 checklists is one key, not 3,000 rows. Two rows match when their keys are
    ``alike`` and they belong to different coalitions.
    """
    positions: np.ndarray  # the rows' positions in the frame given
    keys: np.ndarray  # each row's key
    alike: np.ndarray  # bool, keys x keys
    owners: np.ndarray  # each row's coalition_id

    def matches(self, rows_a: np.ndarray | None = None,
                rows_b: np.ndarray | None = None) -> np.ndarray:
        """Bool rows_a x rows_b (positions within the block; default all): which match."""
        rows_a = np.arange(len(self.keys)) if rows_a is None else rows_a
        rows_b = np.arange(len(self.keys)) if rows_b is None else rows_b
        alike = self.alike[np.ix_(self.keys[rows_a], self.keys[rows_b])]
        return alike & (self.owners[rows_a][:, None] != self.owners[rows_b][None, :])


def _match_blocks(rows: pd.DataFrame, block: str, agree_or_blank: Sequence[str],
                  texts: Sequence[str], threshold: float) -> list[MatchBlock]:
    """One MatchBlock per value of *block*, rows in frame order.

    Rows match when *block* is equal, each *agree_or_blank* column is equal or blank
    in one of them, any one of the *texts* columns (already normalised) is
    near-identical, and they belong to different coalitions. Texts are compared once
    per block with a vectorised cdist over the block's distinct texts.
    """
    blocks = []
    coalition = rows["coalition_id"].to_numpy()
    text_values = [rows[column].to_numpy() for column in texts]
    agree_values = [rows[column].to_numpy() for column in agree_or_blank]
    for positions in rows.groupby(block, sort=True).indices.values():
        text_codes, text_alike = [], []
        for values in text_values:
            codes, distinct = pd.factorize(pd.Series(values[positions], dtype=object).fillna(""))
            text_codes.append(codes)
            text_alike.append(_similar_distinct([str(t) for t in distinct], threshold))
        agree_codes = [pd.factorize(values[positions])[0] for values in agree_values]  # blank: -1
        # A key is a row's combination of codes, written as one number (codes from -1 up).
        columns = np.column_stack(text_codes + agree_codes).astype(np.int64) + 1
        radix = columns.max(axis=0) + 1
        number = np.zeros(len(columns), dtype=np.int64)
        for column, base in enumerate(radix.tolist()):
            number = number * base + columns[:, column]
        _, first, keys = np.unique(number, return_index=True, return_inverse=True)
        combinations = columns[first] - 1
        alike = np.zeros((len(combinations), len(combinations)), dtype=bool)
        for column, similar in enumerate(text_alike):
            of_key = combinations[:, column]
            alike |= similar[np.ix_(of_key, of_key)]
        for column in range(len(text_alike), combinations.shape[1]):
            of_key = combinations[:, column]
            blank = of_key < 0
            alike &= (of_key[:, None] == of_key[None, :]) | blank[:, None] | blank[None, :]
        blocks.append(MatchBlock(positions, keys.reshape(-1), alike, coalition[positions]))
    return blocks


def _pairs(blocks: list[MatchBlock]) -> tuple[np.ndarray, np.ndarray]:
    """Positional pairs (a, b) of matching rows, both ways round."""
    firsts, seconds = [np.empty(0, dtype=np.int64)], [np.empty(0, dtype=np.int64)]
    for block in blocks:
        a, b = np.nonzero(block.matches())
        firsts.append(block.positions[a].astype(np.int64))
        seconds.append(block.positions[b].astype(np.int64))
    return np.concatenate(firsts), np.concatenate(seconds)


def _matched_counts(blocks: list[MatchBlock], coalition_of_row: np.ndarray,
                    count: int) -> np.ndarray:
    """matched[i, j]: how many of coalition i's rows match at least one of j's rows (i != j).

    Worked out on keys, not row against row: ``has_match[k, j]`` says whether key k (of
    one block) is alike some key among coalition j's rows of that block; then each of
    i's rows adds its key's line.
    """
    key_offsets = np.cumsum([0] + [len(block.alike) for block in blocks], dtype=np.int64)
    has_match = np.zeros((key_offsets[-1], count), dtype=np.uint8)
    row_coalitions, row_keys = [np.empty(0, dtype=np.int64)], [np.empty(0, dtype=np.int64)]
    for block, offset in zip(blocks, key_offsets):
        owners = coalition_of_row[block.positions]
        keys = len(block.alike)
        pairs = np.unique(owners.astype(np.int64) * keys + block.keys)  # (coalition, key)
        present, starts = np.unique(pairs // keys, return_index=True)
        # Coalition j is alike key k when one of j's keys l is alike k: OR over j's keys.
        alike_to = np.ascontiguousarray(block.alike.T).view(np.uint8)  # row l: keys alike l
        reached = np.maximum.reduceat(alike_to[pairs % keys], starts, axis=0)
        has_match[offset:offset + keys, present] = reached.T
        row_coalitions.append(owners)
        row_keys.append(block.keys + offset)
    # Each of i's rows adds its key's line to matched[i]. Taking every coalition's first
    # row, then every second row, ... keeps the rows added at once in distinct lines.
    owners, keys = np.concatenate(row_coalitions), np.concatenate(row_keys)
    order = np.argsort(owners, kind="stable")
    owners, keys = owners[order], keys[order]
    rank = np.arange(len(owners)) - np.searchsorted(owners, owners)
    matched = np.zeros((count, count), dtype=np.int32)
    for nth in range(int(rank.max(initial=-1)) + 1):
        rows = np.flatnonzero(rank == nth)
        matched[owners[rows]] += has_match[keys[rows]]
    # A coalition's rows never match each other (the caller puts its size there).
    np.fill_diagonal(matched, 0)
    return matched.astype(np.int64)


def _similar_distinct(distinct: list[str], threshold: float) -> np.ndarray:
    """Square boolean matrix: which of these distinct normalised texts say the same thing."""
    # cdist computes one half of the square when queries and choices are one list.
    scores = process.cdist(distinct, distinct, scorer=fuzz.token_set_ratio,
                           score_cutoff=threshold, dtype=np.uint8, workers=-1)
    alike = scores >= threshold
    word_counts = np.array([len(t.split()) for t in distinct], dtype=np.int64)
    short = word_counts < MIN_WORDS_FOR_FUZZY_MATCH
    alike &= ~(short[:, None] | short[None, :]) | np.eye(len(distinct), dtype=bool)
    empty = word_counts == 0
    alike[empty, :] = False
    alike[:, empty] = False
    return alike


def _goal_blocks(goals: pd.DataFrame, threshold: float) -> list[MatchBlock]:
    prepared = goals.assign(statement_norm=_normalised_column(goals["statement"]),
                            indicator_norm=_normalised_column(goals["indicator"]))
    return _match_blocks(prepared, "issue_area", ("population",),
                         ("statement_norm", "indicator_norm"), threshold)


def _strategy_blocks(strategies: pd.DataFrame, threshold: float) -> list[MatchBlock]:
    prepared = strategies.assign(strategy_norm=_normalised_column(strategies["strategy"]))
    return _match_blocks(prepared, "strategy_type", ("issue_area",), ("strategy_norm",), threshold)


def _normalised_column(texts: pd.Series) -> np.ndarray:
    # Many rows repeat a text (the same indicator, a copied strategy): normalise each once.
    codes, distinct = pd.factorize(texts.astype(object), use_na_sentinel=True)
    normalised = np.array([normalised_text(t) for t in distinct] + [""], dtype=object)
    return normalised[codes]  # the sentinel -1 picks the trailing ""
