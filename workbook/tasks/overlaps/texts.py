"""Goal, strategy and indicator texts that say the same thing, across coalitions.

Shared by the overlap matrices and the side-by-side comparison: texts are
normalised once (no years, no phrasing words, crude stems) and compared per block
(same issue area, same strategy type) with rapidfuzz.
"""
from __future__ import annotations

import math
import re
from typing import Sequence

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

# rapidfuzz token-set ratio (0-100) from which two normalised goal or strategy texts
# say the same thing. Tuned on the sample generator's paraphrases: no different goals
# match at 80 (the closest pair of different goals scores 71), and about nine in ten
# rewordings of the same goal do; rewordings that share no words ("Reduce recidivism",
# "Fewer people return to jail") cannot be caught by spelling and are left to people.
TEXT_MATCH_THRESHOLD = 80
# Token-set ratio scores a one-word text 100 against any text containing that word;
# such texts match only when identical.
MIN_WORDS_FOR_FUZZY_MATCH = 2

# Words that tell how a goal is phrased, not what it is about.
_STOP_WORDS = frozenset("""
    a an the of to in on for and or by with at from into within per as is are be been being
    that who their its our all every each more most less fewer increase increased increasing
    raise raising reduce reduced reducing decrease decreasing improve improved improving
    expand expanding grow growing boost lower lowering cut share percent percentage rate
    number proportion
""".split())


def normalised_text(text: object) -> str:
    """Lower case, no years or punctuation, no phrasing words, crude stems."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    # "by 2030" is when, not what: a target year does not make a different goal.
    lowered = re.sub(r"\b(19|20)\d\d\b", " ", str(text).lower())
    words = re.sub(r"[^a-z0-9]+", " ", lowered).split()
    return " ".join(_stem(w) for w in words if w not in _STOP_WORDS)


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def _stem(word: str) -> str:
    for suffix in ("ing", "ers", "ness", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word


def _match_blocks(rows: pd.DataFrame, block: str, agree_or_blank: Sequence[str],
                  texts: Sequence[str], threshold: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per block, the rows' positions and which of them match: rows of different coalitions.

    Rows match when *block* is equal, each *agree_or_blank* column is equal or blank
    in one of them, and any one of the *texts* columns (already normalised) is
    near-identical. Texts are compared once per block with a vectorised cdist over
    the block's distinct texts.
    """
    blocks = []
    coalition = rows["coalition_id"].to_numpy()
    for positions in rows.groupby(block, sort=True).indices.values():
        ok = np.zeros((len(positions), len(positions)), dtype=bool)
        for column in texts:
            ok |= _similar_texts(rows[column].to_numpy()[positions], threshold)
        for column in agree_or_blank:
            codes, _ = pd.factorize(rows[column].to_numpy()[positions])  # blank is -1
            blank = codes < 0
            ok &= (codes[:, None] == codes[None, :]) | blank[:, None] | blank[None, :]
        ok &= coalition[positions][:, None] != coalition[positions][None, :]
        blocks.append((positions, ok))
    return blocks


def _pairs(blocks: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Positional pairs (a, b) of matching rows, both ways round."""
    firsts, seconds = [np.empty(0, dtype=np.int64)], [np.empty(0, dtype=np.int64)]
    for positions, ok in blocks:
        a, b = np.nonzero(ok)
        firsts.append(positions[a].astype(np.int64))
        seconds.append(positions[b].astype(np.int64))
    return np.concatenate(firsts), np.concatenate(seconds)


def _matched_counts(blocks: list[tuple[np.ndarray, np.ndarray]], coalition_of_row: np.ndarray,
                    count: int) -> np.ndarray:
    """matched[i, j]: how many of coalition i's rows match at least one of j's rows."""
    matched = np.zeros((count, count), dtype=np.int64)
    for positions, ok in blocks:
        owners = coalition_of_row[positions]
        order = np.argsort(owners, kind="stable")
        sorted_owners = owners[order]
        starts = np.flatnonzero(np.r_[True, sorted_owners[1:] != sorted_owners[:-1]])
        present = sorted_owners[starts]
        # With rows grouped by coalition, a row has a match in coalition j when any of
        # j's columns is set; summing those flags over i's rows gives matched[i, j].
        # Rows come in coalition order already (a checklist's goals are loaded together):
        # then the square need not be copied. The maximum of 0/1 bytes is their "or".
        grouped = ok if np.array_equal(order, np.arange(len(order))) else ok[np.ix_(order, order)]
        has_match = np.maximum.reduceat(grouped.view(np.uint8), starts, axis=1)
        matched[np.ix_(present, present)] += np.add.reduceat(has_match, starts, axis=0,
                                                             dtype=np.int64)
    return matched


def _similar_texts(normalised: np.ndarray, threshold: float) -> np.ndarray:
    """Square boolean matrix: which of these normalised texts say the same thing."""
    codes, distinct = pd.factorize(pd.Series(normalised, dtype=object).fillna(""))
    distinct = [str(t) for t in distinct]
    scores = process.cdist(distinct, distinct, scorer=fuzz.token_set_ratio,
                           score_cutoff=threshold, dtype=np.uint8, workers=-1)
    alike = scores >= threshold
    word_counts = np.array([len(t.split()) for t in distinct])
    short = word_counts < MIN_WORDS_FOR_FUZZY_MATCH
    alike &= ~(short[:, None] | short[None, :]) | np.eye(len(distinct), dtype=bool)
    empty = word_counts == 0
    alike[empty, :] = False
    alike[:, empty] = False
    return alike[np.ix_(codes, codes)]


def _goal_blocks(goals: pd.DataFrame, threshold: float) -> list[tuple[np.ndarray, np.ndarray]]:
    prepared = goals.assign(statement_norm=_normalised_column(goals["statement"]),
                            indicator_norm=_normalised_column(goals["indicator"]))
    return _match_blocks(prepared, "issue_area", ("population",),
                         ("statement_norm", "indicator_norm"), threshold)


def _strategy_blocks(strategies: pd.DataFrame,
                     threshold: float) -> list[tuple[np.ndarray, np.ndarray]]:
    prepared = strategies.assign(strategy_norm=_normalised_column(strategies["strategy"]))
    return _match_blocks(prepared, "strategy_type", ("issue_area",), ("strategy_norm",), threshold)


def _normalised_column(texts: pd.Series) -> np.ndarray:
    # Many rows repeat a text (the same indicator, a copied strategy): normalise each once.
    codes, distinct = pd.factorize(texts.astype(object), use_na_sentinel=True)
    normalised = np.array([normalised_text(t) for t in distinct] + [""], dtype=object)
    return normalised[codes]  # the sentinel -1 picks the trailing ""
