"""Suggestions of goals (or strategies) of different coalitions that could be combined.

Signals, for each two items of different coalitions:

* **text**: the statements' weighted-term score (``similarity``), with the community
  thesaurus reading paraphrases as one concept; a goal's statement and indicator are
  also compared together, so "Raise K-readiness" meets "% of kindergartners ready";
* **indicator**: goals whose indicators score ``INDICATOR_SAME`` or more (and name a
  result, not just "number of participants") measure the same thing;
* **practice** (strategies): a strategy scores at least ``similarity.PRACTICE_FACTOR``
  times the Dice of the practices (concepts) the two name, however many details each adds;
* **context**: the same issue area and population (for strategies: issue area and
  strategy type) adds ``CONTEXT_BONUS``; different issue areas take ``CONTEXT_PENALTY``;
* **acronyms** a text spells out ("Diabetes Prevention Program (DPP)") are read as their
  words, or join the concept of their words, in every text (``Thesaurus.with_acronyms``);
* **the room** (``feedback``): a rejected pair is never suggested again and pairs worded
  like it lose up to ``REJECTED_PENALTY``; an accepted pair's wording joins the thesaurus.

Items read as the same terms (text and indicator; figures and years aside) in the same
context are scored once. Clusters
are stars: the item with most alike neighbours is a seed, and its unclustered neighbours
join it, so every member is alike to the seed (no chains of ever-looser likeness). Each
cluster says why, in plain words; the facilitator confirms every suggestion.

Two bands, by the same stars: **likely** clusters join items scoring ``TEXT_THRESHOLD`` or
more; then the items still free form **worth a look** clusters from ``POSSIBLE_THRESHOLD``
(weaker likeness, to check before combining; strategies from
``PRACTICE_POSSIBLE_THRESHOLD``). An item is offered in one cluster only.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from ...intake.problems import Problem
from ...store import read_table
from .. import history
from .feedback import Feedback, feedback_from_log, item_key
from .similarity import (POSSIBLE_THRESHOLD, PRACTICE_POSSIBLE_THRESHOLD, TEXT_THRESHOLD, alike,
                         alike_matrix, dice, folded_terms, is_what, shared_concepts)
from .thesaurus import (LEARNED_PREFIX, Thesaurus, learned_lines,
                        read_thesaurus, thesaurus_path)
from .wording import CONCEPT_MARK

GOAL, STRATEGY = "goal", "strategy"
INDICATOR_SAME = 0.7
CONTEXT_BONUS = 0.1
CONTEXT_PENALTY = 0.1
REJECTED_PENALTY = 0.3
# Where the weaker band starts unless a caller says (``similarity``: strategies lower).
BY_KIND = "by kind"

# How strongly a cluster is suggested (``Suggestions.clusters["band"]``), strongest first.
LIKELY = "likely"
WORTH_A_LOOK = "worth a look"
WEAKER_SAID = "weaker likeness, check before combining"

# Why a cluster is suggested, strongest first (``Suggestions.clusters["why"]``).
SAME_WORDING = "same wording"
SAME_INDICATOR = "same indicator"
THESAURUS = "thesaurus"
LEARNED = "combined before"
SAME_PRACTICE = "same practice"
CONTEXT_AND_TEXT = "same population and issue"
TEXT = "statements alike"

MEMBER_COLUMNS = ["cluster_id", "item_id", "coalition_id", "coalition", "text", "indicator",
                  "issue_area", "population", "strategy_type", "score", "seed", "key"]
CLUSTER_COLUMNS = ["cluster_id", "kind", "band", "why", "reason", "coalitions", "items", "wording",
                   "score", "already_combined"]


@dataclass(frozen=True)
class Suggestions:
    """clusters: one row per suggestion (CLUSTER_COLUMNS), the likely band first, then
    those worth a look, each most coalitions first; ``reason`` is the plain-words why,
    ``wording`` a shared wording to propose (the members' most used text). members: one row
    per item (MEMBER_COLUMNS), ``score`` its likeness to the seed (1 for the seed itself).
    *possible_threshold*: where the weaker band started (None: no weaker band)."""
    kind: str
    clusters: pd.DataFrame
    members: pd.DataFrame
    threshold: float
    # Unusable lines of the community's thesaurus.csv (THESAURUS_ROW_INVALID), to show.
    problems: tuple[Problem, ...] = ()
    possible_threshold: float | None = None


def suggestions(db: str | Path, kind: str = GOAL, community_folder: str | Path | None = None,
                thesaurus: Thesaurus | None = None, include_ended: bool = False,
                threshold: float = TEXT_THRESHOLD,
                possible_threshold: float | str | None = BY_KIND) -> Suggestions:
    """Suggested combinations among the active coalitions' goals or strategies, with the
    community thesaurus (``data/<community>/thesaurus.csv``) and the room's decisions."""
    if thesaurus is None:
        thesaurus = read_thesaurus(thesaurus_path(community_folder))
    items = read_items(db, kind, include_ended)
    return suggest(items, kind, thesaurus, feedback_from_log(db), threshold,
                   possible_threshold)


def read_items(db: str | Path, kind: str = GOAL, include_ended: bool = False) -> pd.DataFrame:
    """The shown coalitions' goals or strategies with their coalition's name and log key."""
    shown = history.shown_coalitions(db, include_ended).ids
    if kind == GOAL:
        rows = read_table(db, """
            SELECT g.goal_row_id AS item_id, g.coalition_id, c.name AS coalition,
                   g.statement AS text, g.indicator, g.issue_area, g.population,
                   NULL AS strategy_type
            FROM goals g JOIN coalitions c ON c.coalition_id = g.coalition_id
            ORDER BY g.goal_row_id""")
    elif kind == STRATEGY:
        rows = read_table(db, """
            SELECT s.strategy_id AS item_id, s.coalition_id, c.name AS coalition,
                   s.strategy AS text, NULL AS indicator, s.issue_area, NULL AS population,
                   s.strategy_type
            FROM strategies s JOIN coalitions c ON c.coalition_id = s.coalition_id
            ORDER BY s.strategy_id""")
    else:
        raise ValueError(f"Suggestions are for '{GOAL}' or '{STRATEGY}', not {kind!r}.")
    rows = rows[rows["coalition_id"].isin(shown)].reset_index(drop=True)
    rows["key"] = [item_key(kind, c, t) for c, t in zip(rows["coalition"], rows["text"])]
    return rows


def suggest(items: pd.DataFrame, kind: str, thesaurus: Thesaurus,
            feedback: Feedback = Feedback(), threshold: float = TEXT_THRESHOLD,
            possible_threshold: float | str | None = BY_KIND) -> Suggestions:
    """Clusters among *items* (columns: item_id, coalition_id, coalition, text, and when
    known indicator, issue_area, population, strategy_type, key): likely ones from
    *threshold*, then weaker ones (worth a look) from *possible_threshold* among the rest
    (BY_KIND: ``weaker_from(kind)``; None: no weaker band)."""
    if possible_threshold == BY_KIND:
        possible_threshold = weaker_from(kind)
    items = _with_columns(items)
    feedback = feedback.of_kind(kind)
    learned = learned_lines([v.texts for v in feedback.accepted], thesaurus)
    if learned:
        thesaurus = thesaurus.with_lines(learned)
    thesaurus = thesaurus.with_acronyms([*items["text"], *items["indicator"]])
    forms, form_of_row, text_terms, indicator_terms = _forms(items, thesaurus)
    scores, indicator_same, shares_content = _form_scores(text_terms, indicator_terms,
                                                          kind == STRATEGY)
    # Context adds to texts that share what they are about, not only who they are for.
    _add_context(scores, shares_content, forms, kind)
    del shares_content
    if feedback.rejected:
        scores -= _rejected_penalty(forms, feedback, thesaurus, kind == STRATEGY)
    np.fill_diagonal(scores, 1.0)
    bands = [(LIKELY, threshold)]
    if possible_threshold is not None and possible_threshold < threshold:
        bands.append((WORTH_A_LOOK, possible_threshold))
    return _clusters(items, kind, forms, form_of_row, scores, indicator_same, thesaurus,
                     feedback, bands)


def weaker_from(kind: str) -> float:
    """Where the weaker band ("worth a look") of *kind* starts."""
    return PRACTICE_POSSIBLE_THRESHOLD if kind == STRATEGY else POSSIBLE_THRESHOLD


# --- items worded alike are scored once ----------------------------------------------

_FORM_FIELDS = ["text", "indicator", "issue_area", "population", "strategy_type"]


def _with_columns(items: pd.DataFrame) -> pd.DataFrame:
    items = items.reset_index(drop=True).copy()
    for column in _FORM_FIELDS + ["key"]:
        if column not in items:
            items[column] = None
    items[_FORM_FIELDS] = items[_FORM_FIELDS].astype(object).where(items[_FORM_FIELDS].notna(),
                                                                   None)
    return items


def _forms(items: pd.DataFrame, thesaurus: Thesaurus) -> tuple[pd.DataFrame, np.ndarray,
                                                               list[dict], list[dict]]:
    """Rows whose texts and indicators read as the same terms ("… from 41% to 55% by 2028"
    and "… by 2030"), with the same context, are one form: scored once. Returns the forms
    (the first row's fields), each row's form, and each form's text and indicator terms."""
    text_terms = _terms_of_rows(items["text"], thesaurus)
    indicator_terms = _terms_of_rows(items["indicator"], thesaurus)
    context = [tuple("" if v is None else str(v).casefold() for v in row) for row in
               items[["issue_area", "population", "strategy_type"]].itertuples(index=False,
                                                                                 name=None)]
    keys = pd.Series([(frozenset(t.items()), frozenset(i.items()), c)
                      for t, i, c in zip(text_terms, indicator_terms, context)])
    form_of_row, _ = pd.factorize(keys)
    first_rows = pd.Series(range(len(items))).groupby(form_of_row).first().to_numpy()
    forms = items.iloc[first_rows][_FORM_FIELDS].reset_index(drop=True)
    return (forms, np.asarray(form_of_row), [text_terms[r] for r in first_rows],
            [indicator_terms[r] for r in first_rows])


def _terms_of_rows(texts: pd.Series, thesaurus: Thesaurus) -> list[dict]:
    codes, distinct = pd.factorize(texts)
    terms = folded_terms(list(distinct), thesaurus) if len(distinct) else []
    return [terms[c] if c >= 0 else {} for c in codes]


def _form_scores(texts: list[dict], indicators: list[dict], practice: bool = False
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each two forms' text score, whether their indicators are the same, and whether
    their texts share a term that says what (*practice*: strategies, see ``similarity``)."""
    scores, shares = alike(texts, practice)
    # Many goals share one indicator, or have none: score each indicator once.
    codes, distinct = pd.factorize(pd.Series([frozenset(i.items()) if i else None
                                              for i in indicators], dtype=object))
    if len(distinct):
        indicator_terms = [dict(d) for d in distinct]
        with_indicator = np.flatnonzero(codes >= 0)
        combined = [{**indicators[f], **texts[f]} for f in with_indicator]
        combined_scores, combined_shares = alike(combined, practice)
        index = np.ix_(with_indicator, with_indicator)
        scores[index] = np.maximum(scores[index], combined_scores)
        shares[index] |= combined_shares
        named = np.array([any(is_what(t, w) for t, w in terms.items())
                          for terms in indicator_terms])
        same_wording = alike_matrix(indicator_terms) >= INDICATOR_SAME
        same_wording &= named[:, None] & named[None, :]
        np.fill_diagonal(same_wording, named)
        safe = np.where(codes >= 0, codes, 0)
        same_indicator = same_wording[np.ix_(safe, safe)]
        same_indicator &= (codes >= 0)[:, None] & (codes >= 0)[None, :]
        scores[same_indicator] = np.maximum(scores[same_indicator], 1.0)
    else:
        same_indicator = np.zeros(scores.shape, dtype=bool)
    return scores, same_indicator, shares


def _add_context(scores: np.ndarray, shares_content: np.ndarray, forms: pd.DataFrame,
                 kind: str) -> None:
    """The same issue and population (strategy type) adds the bonus to texts that share
    what they are about; different issue areas take the penalty. In place: the matrices
    are large."""
    issue = _codes(forms["issue_area"])
    other = _codes(forms["strategy_type" if kind == STRATEGY else "population"])
    both = np.where((issue >= 0) & (other >= 0), issue * (other.max() + 2) + other, -1)
    same = both[:, None] == both[None, :]
    same &= (both >= 0)[:, None]
    same &= shares_content
    np.add(scores, np.float32(CONTEXT_BONUS), out=scores, where=same)
    del same
    known = issue >= 0
    differ = issue[:, None] != issue[None, :]
    differ &= known[:, None]
    differ &= known[None, :]
    np.subtract(scores, np.float32(CONTEXT_PENALTY), out=scores, where=differ)


def _codes(column: pd.Series) -> np.ndarray:
    codes, _ = pd.factorize(column.map(lambda v: None if v is None else str(v).casefold()))
    return codes


def _rejected_penalty(forms: pd.DataFrame, feedback: Feedback, thesaurus: Thesaurus,
                      practice: bool = False) -> np.ndarray:
    """Pairs worded like a rejected pair, each side like one side of it, score lower."""
    count = len(forms)
    penalty = np.zeros((count, count), dtype=np.float32)
    if not feedback.rejected:
        return penalty
    texts = forms["text"].tolist()
    for verdict in feedback.rejected:
        terms = folded_terms([*texts, *verdict.texts], thesaurus)
        like_a = np.array([dice(t, terms[-2], practice) for t in terms[:-2]],
                          dtype=np.float32)
        like_b = np.array([dice(t, terms[-1], practice) for t in terms[:-2]],
                          dtype=np.float32)
        alike = np.maximum(np.minimum.outer(like_a, like_b), np.minimum.outer(like_b, like_a))
        penalty = np.maximum(penalty, REJECTED_PENALTY * alike)
    return penalty


# --- stars of alike forms -----------------------------------------------------------

def _clusters(items, kind, forms, form_of_row, scores, indicator_same, thesaurus, feedback,
              bands: list[tuple[str, float]]) -> Suggestions:
    """Stars band by band (*bands*: name and threshold, strongest first): a later band
    clusters only the forms no earlier star took."""
    coalition = items["coalition_id"].to_numpy()
    rows_of_form: list[list[int]] = [[] for _ in range(len(forms))]
    for row, form in enumerate(form_of_row.tolist()):
        rows_of_form[form].append(row)
    coalitions_of_form = np.asarray([len(set(coalition[rows].tolist())) for rows in rows_of_form],
                                    dtype=np.float32)
    free = np.ones(len(forms), dtype=bool)
    keys = items["key"].tolist()
    kept_apart = _kept_apart(feedback)
    accepted = feedback.accepted_keys()
    columns = {c: items[c].tolist() for c in MEMBER_COLUMNS[1:9]}
    columns["key"] = keys
    form_texts = forms["text"].tolist()
    clusters, members = [], []
    for band, threshold in bands:
        # Only the forms no earlier band took: often few, so the later bands cost little.
        open_forms = np.flatnonzero(free)
        linked = (scores if len(open_forms) == len(forms)
                  else scores[np.ix_(open_forms, open_forms)]) >= threshold
        np.fill_diagonal(linked, False)
        # A seed is the form alike to most coalitions' goals: its star gathers the most.
        degree = linked.astype(np.float32) @ coalitions_of_form[open_forms]
        for local in np.lexsort((np.arange(len(open_forms)), -degree)).tolist():
            seed = int(open_forms[local])
            if not free[seed]:
                continue
            joined = open_forms[linked[local] & free[open_forms]].tolist()
            if not joined and coalitions_of_form[seed] < 2:
                continue
            star = [seed, *joined]
            rows = _kept_rows([r for f in star for r in rows_of_form[f]], keys, kept_apart)
            if len(set(coalition[rows].tolist())) < 2:
                continue
            free[star] = False
            cluster_id = len(clusters) + 1
            form_score = {f: round(float(min(scores[seed, f], 1.0)), 3) for f in star}
            for row in rows:
                members.append({**{c: values[row] for c, values in columns.items()},
                                "cluster_id": cluster_id,
                                "score": form_score[form_of_row[row]],
                                "seed": bool(form_of_row[row] == seed), "key": keys[row]})
            present = set(form_of_row[rows].tolist())
            chosen = {c: [values[r] for r in rows] for c, values in columns.items()}
            clusters.append(_cluster_row(cluster_id, kind, band, chosen, form_texts, seed,
                                         [f for f in star if f in present], form_score,
                                         indicator_same, thesaurus, accepted))
        del linked
    cluster_frame = pd.DataFrame(clusters, columns=CLUSTER_COLUMNS)
    member_frame = pd.DataFrame(members, columns=MEMBER_COLUMNS)
    if not cluster_frame.empty:
        cluster_frame["_band"] = cluster_frame["band"].map({b: i for i, (b, _) in
                                                            enumerate(bands)})
        cluster_frame = cluster_frame.sort_values(
            ["_band", "coalitions", "score", "cluster_id"],
            ascending=[True, False, False, True], kind="stable").drop(columns="_band")
    possible = bands[1][1] if len(bands) > 1 else None
    return Suggestions(kind, cluster_frame.reset_index(drop=True), member_frame, bands[0][1],
                       tuple(thesaurus.problems), possible)


def _kept_apart(feedback: Feedback) -> dict[str, set[str]]:
    """Each key with the keys the room kept it apart from."""
    apart: dict[str, set[str]] = {}
    for pair in feedback.rejected_keys():
        a, b = tuple(pair)
        apart.setdefault(a, set()).add(b)
        apart.setdefault(b, set()).add(a)
    return apart


def _kept_rows(rows: list[int], keys: list, kept_apart: dict[str, set[str]]) -> list[int]:
    """The star's rows (the seed's first) less those the room kept apart from a row
    already in it."""
    if not kept_apart:
        return rows
    kept: list[int] = []
    held: set[str] = set()
    for row in rows:
        if keys[row] in kept_apart and kept_apart[keys[row]] & held:
            continue
        kept.append(row)
        if keys[row]:
            held.add(keys[row])
    return kept


def _cluster_row(cluster_id, kind, band, rows, texts, seed, star, form_score, indicator_same,
                 thesaurus, accepted) -> dict:
    """One suggestion; *rows* holds its members' fields, column by column."""
    coalitions = len(set(rows["coalition_id"]))
    why, said = _why(kind, texts, seed, star, indicator_same, thesaurus, rows)
    keys = sorted({k for k in rows["key"] if k})
    combined = bool(accepted) and len(keys) > 1 and \
        len(keys) * (len(keys) - 1) // 2 <= len(accepted) and \
        all(frozenset((a, b)) in accepted for i, a in enumerate(keys) for b in keys[i + 1:])
    others = [form_score[f] for f in star if f != seed]
    weaker = f"{WEAKER_SAID}: " if band == WORTH_A_LOOK else ""
    return {"cluster_id": cluster_id, "kind": kind, "band": band, "why": why,
            "reason": f"{weaker}{said}, {coalitions} coalitions",
            "coalitions": coalitions, "items": len(rows["key"]),
            "wording": _shared_wording(rows["text"]),
            "score": round(float(np.mean(others)) if others else 1.0, 3),
            "already_combined": combined}


def _shared_wording(texts: list) -> str:
    """A wording to propose: the members' most used text, the shortest of equals."""
    counts = Counter(" ".join(str(t).split()) for t in texts)
    return min(counts, key=lambda text: (-counts[text], len(text), text))


def _why(kind, texts, seed, star, indicator_same, thesaurus, rows) -> tuple[str, str]:
    others = [f for f in star if f != seed]
    if not others:
        return SAME_WORDING, f"same wording: “{texts[seed]}”"
    if all(indicator_same[seed, f] for f in others):
        indicator = Counter(i for i in rows["indicator"] if i).most_common(1)[0][0]
        return SAME_INDICATOR, f"same indicator: {indicator}"
    seed_terms = thesaurus.terms(texts[seed])
    pairs = [p for f in others for p in shared_concepts(seed_terms, thesaurus.terms(texts[f]))]
    learned = [p for p in pairs if p[0].startswith(LEARNED_PREFIX)]
    if learned:
        return LEARNED, f"worded like goals the room combined before: {learned[0][1]} ~ " \
                        f"{learned[0][2]}"
    if pairs:
        said = "; ".join(dict.fromkeys(f"{a} ~ {b}" for _, a, b in pairs[:2]))
        return THESAURUS, f"same meaning by the community thesaurus: {said}"
    practices = _shared_practices(seed_terms, [thesaurus.terms(texts[f]) for f in others])
    if kind == STRATEGY and practices:
        return SAME_PRACTICE, f"same practice: {', '.join(practices)}"
    context = set(zip(*(rows[field] for field in _CONTEXT_FIELDS[kind])))
    if len(context) == 1 and all(v is not None for v in next(iter(context))):
        return CONTEXT_AND_TEXT, _CONTEXT_SAID[kind]
    return TEXT, "statements alike"


def _shared_practices(seed, others) -> list[str]:
    """The concepts (not who) the seed and every other member name."""
    return [term[len(CONCEPT_MARK):] for term, weight in seed.weights.items()
            if term.startswith(CONCEPT_MARK) and is_what(term, weight)
            and all(term in other.weights for other in others)]


_CONTEXT_FIELDS = {GOAL: ["issue_area", "population"], STRATEGY: ["issue_area", "strategy_type"]}
_CONTEXT_SAID = {GOAL: "same population and issue; statements alike",
                 STRATEGY: "same issue and type of strategy; statements alike"}


def pair_scores(pairs: Sequence[tuple[str, str]], thesaurus: Thesaurus,
                kind: str = GOAL) -> np.ndarray:
    """Text scores of (a, b) pairs of goals or strategies, as the clustering scores
    statements."""
    texts = list(dict.fromkeys(t for pair in pairs for t in pair))
    thesaurus = thesaurus.with_acronyms(texts)
    position = {t: i for i, t in enumerate(texts)}
    scores = alike_matrix(folded_terms(texts, thesaurus), kind == STRATEGY)
    return np.array([scores[position[a], position[b]] if a != b else 1.0 for a, b in pairs])
