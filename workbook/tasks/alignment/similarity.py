"""How alike two texts are, from their weighted terms (``wording``, ``thesaurus``).

The score is a weighted Dice coefficient: twice the weight of the terms both hold over
the weight of all their terms, 0 to 1. Words spelled a little differently
("kindergartners", "kindergarteners") count as one term: before scoring, a text's plain
words are matched against the words already seen with rapidfuzz (``SPELLING_CUTOFF``).

``alike_matrix`` scores every pair of many distinct texts at once: each term adds its
weight to the pairs of texts holding it, so the cost follows the pairs that share a term,
not all pairs.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from .thesaurus import Thesaurus
from .wording import CONCEPT_MARK, DESCRIBED, WORD, Terms, age_span, ages_apart, measures

# Texts from this score on are suggested as saying the same thing (tuned on the labelled
# pairs in tests/data/goal-strategy-pairs.csv; benchmarks/RESULTS.md has the figures).
TEXT_THRESHOLD = 0.4
# From this score up to TEXT_THRESHOLD, texts are shown as weaker suggestions ("worth a
# look"): on blind sets recall reaches about 0.85 only near 0.2, with precision still
# about 0.75-0.87 (RESULTS.md, rounds 9 and 10). Decided before held-out 11 was written;
# not tuned.
POSSIBLE_THRESHOLD = 0.2
# The weaker band of strategies starts lower: a strategy's text holds details (who delivers
# it, where, how often) that thin the share two descriptions of one practice hold in common.
# On blind sets 9-20, from 0.15 strategies' recall rose by up to 0.12 with precision still
# 0.69 or more, where goals gained nothing; decided before held-out 21-24 were scored
# (RESULTS.md, round 15).
PRACTICE_POSSIBLE_THRESHOLD = 0.15
# Two words this alike (rapidfuzz ratio, 0-100) and at least MIN_FUZZY_LENGTH long are
# one word misspelled or inflected: "kindergartners" / "kindergarteners" (97),
# not "homelessness" / "hopelessness" (83) nor "employment" / "unemployment" (91 —
# long words differing at the start are kept apart by the prefix check).
SPELLING_CUTOFF = 92
MIN_FUZZY_LENGTH = 7


# Two texts that each name a result or practice the other does not ("compliance checks
# of tobacco retailers", "… of alcohol retailers") are about different things framed alike:
# their score is multiplied by this.
CONFLICT_FACTOR = 0.6
# Two texts of which one names a survey measure the other does not ("perceived risk of
# marijuana use", "past-30-day marijuana use": ``wording.MEASURE_SUFFIX``) are different
# indicators of one behaviour: their score is multiplied by this.
MEASURE_FACTOR = 0.5
# Two texts naming age groups far apart ("childhood obesity", "adult obesity":
# ``wording.AGE_RANK``) are measured apart (a youth survey, an adult one): their score is
# multiplied by this.
AGES_APART_FACTOR = 0.5
# Strategies are described at length (who delivers them, where, for whom); what two
# descriptions of one practice share is the practice the thesaurus names. For strategies
# the score is at least this times the Dice of their what-terms alone: two strategies
# naming the same practices, or one naming a practice plus a setting the other's names,
# are alike however many details each adds ("Distribute naloxone kits and train community
# members to reverse overdoses" / "Put Narcan in the hands of first responders").
PRACTICE_FACTOR = 0.65
# A strategy naming one practice ("Reach Out and Read": book gifting) against a
# description naming that practice among others (books + well-child visits + reading
# aloud) scores at least this, just over the threshold: the Dice of one concept against
# three (0.33) would miss every named programme described by its parts. Context (issue
# area, strategy type) and the room's decisions still move it either way.
NAMED_FACTOR = 0.45
# Two goals naming the same results and no other (every what-term of each is the other's:
# "Reduce the overall food insecurity rate in the county from 14% to 10% (Feeding America
# Map the Meal Gap)" / "Fewer households … will worry about running out of food") score at
# least this: what they are about carries the score, and what else each says (targets,
# sources, who in other words, how it is put) counts as detail. Measures, ages and the
# room's decisions still tell them apart.
RESULT_FACTOR = 0.45


def dice(a: Mapping[str, float], b: Mapping[str, float], practice: bool = False) -> float:
    total = sum(a.values()) + sum(b.values())
    if total <= 0:
        return 0.0
    # a concept one text names (1.0) and the other describes (0.8) shares their mean: the
    # score is the share of both texts' weight that lies in shared terms, in either order
    shared = sum((weight + b[term]) / 2 for term, weight in a.items() if term in b)
    score = 2 * shared / total
    if practice:
        score = max(score, _what_dice(a, b))
    elif RESULT_FACTOR and _same_whats(a, b):
        score = max(score, RESULT_FACTOR)
    if _each_names_its_own(a, b):
        score *= CONFLICT_FACTOR
    if measures(a) != measures(b):
        score *= MEASURE_FACTOR
    if ages_apart(age_span(a), age_span(b)):
        score *= AGES_APART_FACTOR
    return score


def _what_dice(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The Dice of the two texts' what-terms, scaled by PRACTICE_FACTOR, or NAMED_FACTOR
    where one names a single practice the other names too (``_raise_to_practice``)."""
    what_a = [t for t, w in a.items() if is_what(t, w)]
    what_b = [t for t, w in b.items() if is_what(t, w)]
    if not what_a or not what_b:
        return 0.0
    shared = sum(is_what(t, b.get(t, 0)) for t in what_a)
    score = PRACTICE_FACTOR * 2 * shared / (len(what_a) + len(what_b))
    if shared and min(len(what_a), len(what_b)) == 1:
        score = max(score, NAMED_FACTOR)
    return score


def _same_whats(a: Mapping[str, float], b: Mapping[str, float]) -> bool:
    what_a = {t for t, w in a.items() if is_what(t, w)}
    return bool(what_a) and what_a == {t for t, w in b.items() if is_what(t, w)}


def _each_names_its_own(a: Mapping[str, float], b: Mapping[str, float]) -> bool:
    """Whether each text says a what-term the other does not say as one (a part of a
    whole is a detail, ``thesaurus.PART``: "chronic absence" among the signs an early
    warning system flags is not named as a result)."""
    return any(is_what(t, w) and not is_what(t, b.get(t, 0)) for t, w in a.items()) and \
        any(is_what(t, w) and not is_what(t, a.get(t, 0)) for t, w in b.items())


def is_what(term: str, weight: float) -> bool:
    """A term that names a result or practice: a thesaurus concept (not a who), named or
    described (``wording.DESCRIBED``), or a grade."""
    return weight >= DESCRIBED


@dataclass
class Speller:
    """Folds words spelled nearly alike into the first one seen."""
    known: dict[str, str]

    @classmethod
    def of(cls, vocabulary: Sequence[str]) -> "Speller":
        # Variants share their first three letters: compare words within those groups only.
        groups: dict[str, list[str]] = {}
        for word in sorted({w for w in vocabulary if _fuzzy_candidate(w)}):
            groups.setdefault(word[:3], []).append(word)
        canonical: dict[str, str] = {}
        for words in groups.values():
            if len(words) < 2:
                continue
            scores = process.cdist(words, words, scorer=fuzz.ratio, score_cutoff=SPELLING_CUTOFF,
                                   dtype=np.uint8, workers=1)
            for i, word in enumerate(words):
                if word in canonical:
                    continue
                canonical[word] = word
                for j in np.flatnonzero(scores[i] >= SPELLING_CUTOFF).tolist():
                    canonical.setdefault(words[j], word)
        return cls(canonical)

    def fold(self, terms: Mapping[str, float]) -> dict[str, float]:
        folded: dict[str, float] = {}
        for term, weight in terms.items():
            folded[self.known.get(term, term)] = weight
        return folded


def _fuzzy_candidate(word: str) -> bool:
    return len(word) >= MIN_FUZZY_LENGTH and not word.startswith(CONCEPT_MARK) \
        and not word[0].isdigit()


def text_score(a: object, b: object, thesaurus: Thesaurus, practice: bool = False) -> float:
    """How alike two texts are, 0-1 (the pairwise form of ``alike_matrix``); *practice*
    for strategies (``PRACTICE_FACTOR``)."""
    terms_a, terms_b = thesaurus.terms(a).weights, thesaurus.terms(b).weights
    speller = Speller.of([*terms_a, *terms_b])
    return dice(speller.fold(terms_a), speller.fold(terms_b), practice)


def folded_terms(texts: Sequence[object], thesaurus: Thesaurus) -> list[dict[str, float]]:
    terms = [thesaurus.terms(t).weights for t in texts]
    speller = Speller.of([w for t in terms for w in t])
    return [speller.fold(t) for t in terms]


def alike_matrix(terms: Sequence[Mapping[str, float]], practice: bool = False) -> np.ndarray:
    """Square float32 matrix of weighted Dice scores between every two term sets."""
    return alike(terms, practice)[0]


# A term held by this many texts or more is added to the pair matrices by one matrix
# product with the other such terms, not by indexing its pairs one by one.
MANY_HOLDERS = 48


def alike(terms: Sequence[Mapping[str, float]], practice: bool = False
          ) -> tuple[np.ndarray, np.ndarray]:
    """Weighted Dice scores between every two term sets, and whether the two share a term
    that says what (a concept, a grade or a plain word; not only who or a generic word).
    *practice*: strategies, scored at least ``PRACTICE_FACTOR`` times their what-terms'
    Dice.

    Texts that differ only in words no other text holds ("… in Bell County", "… in
    Calder County") score alike against every text: each such group is scored once, by
    its first text, and its scores copied to the others."""
    held_by = Counter(term for weights in terms for term in weights)
    shared_twice = [{t: w for t, w in weights.items() if held_by[t] > 1} for weights in terms]
    codes, first = _groups(terms, shared_twice)
    if len(first) == len(terms):
        return _alike_distinct(terms, shared_twice, practice)
    scores, shares = _alike_distinct([terms[f] for f in first],
                                     [shared_twice[f] for f in first], practice)
    # two takes copy a matrix this size about three times faster than one np.ix_ index
    return (scores.take(codes, axis=0).take(codes, axis=1),
            shares.take(codes, axis=0).take(codes, axis=1))


def _groups(terms: Sequence[Mapping[str, float]], shared_twice: list[dict[str, float]]
            ) -> tuple[np.ndarray, list[int]]:
    """Each text's group and each group's first text: texts in one group hold the same
    terms other texts hold too, and the same total weight, count of what-terms, measures
    and ages, so every score of theirs is the same."""
    group_of: dict[tuple, int] = {}
    codes, first = [], []
    for position, (weights, twice) in enumerate(zip(terms, shared_twice)):
        key = (frozenset(twice.items()), sum(weights.values()),
               sum(is_what(t, w) for t, w in weights.items()), measures(weights),
               age_span(weights))
        code = group_of.get(key)
        if code is None:
            code = group_of[key] = len(first)
            first.append(position)
        codes.append(code)
    return np.asarray(codes, dtype=np.intp), first


def _alike_distinct(terms: Sequence[Mapping[str, float]], shared_twice: list[dict[str, float]],
                    practice: bool) -> tuple[np.ndarray, np.ndarray]:
    """``alike`` of texts in different groups; *shared_twice*: each text's terms that
    another text holds, in the full list (a term only its own group holds is still shared
    by the group's texts: it counts on the diagonal)."""
    count = len(terms)
    holders: dict[str, list[int]] = {}
    weights_of: dict[str, list[float]] = {}
    for position, weights in enumerate(shared_twice):
        for term, weight in weights.items():
            holders.setdefault(term, []).append(position)
            weights_of.setdefault(term, []).append(weight)
    common = [t for t, positions in holders.items() if len(positions) >= MANY_HOLDERS]
    shared, shared_what, shared_content = _common_products(common, holders, weights_of, count)
    for term, positions in holders.items():
        if len(positions) == 1:
            at, weight = positions[0], weights_of[term][0]
            shared[at, at] += weight
            shared_what[at, at] += is_what(term, weight)  # the group's two texts
            shared_content[at, at] += weight >= WORD
        elif len(positions) < MANY_HOLDERS:
            index = np.ix_(np.asarray(positions), np.asarray(positions))
            weights = weights_of[term]
            least, most = min(weights), max(weights)
            if least == most:
                shared[index] += least
            else:
                held = np.asarray(weights, dtype=np.float32)
                shared[index] += (held[:, None] + held[None, :]) / 2
            # a term counts as what (content) for two texts holding it as such
            _count_pairs(shared_what, positions, weights, lambda w: is_what(term, w))
            _count_pairs(shared_content, positions, weights, lambda w: w >= WORD)
    totals = np.array([sum(t.values()) for t in terms], dtype=np.float32)
    whats = np.array([sum(is_what(t, w) for t, w in terms_.items()) for terms_ in terms],
                     dtype=np.float32)
    own = whats[:, None] > shared_what
    conflict = own & own.T
    del own
    denominator = totals[:, None] + totals[None, :]
    np.maximum(denominator, np.float32(1e-9), out=denominator)
    scores = np.multiply(shared, 2, out=shared)
    np.divide(scores, denominator, out=scores)
    if practice:
        _raise_to_practice(scores, shared_what, whats, denominator)
    elif RESULT_FACTOR:
        same = (shared_what == whats[:, None]) & (shared_what == whats[None, :]) \
            & (whats[:, None] > 0)
        scores[same] = np.maximum(scores[same], np.float32(RESULT_FACTOR))
        del same
    del denominator, shared_what
    scores[conflict] *= CONFLICT_FACTOR
    del conflict
    _scale_measures_apart(scores, terms)
    _scale_ages_apart(scores, terms)
    return scores, shared_content > 0


def _count_pairs(counts: np.ndarray, positions: list[int], weights: list[float], counted
                 ) -> None:
    """Adds 1, in place, to the pairs of *positions* whose two weights are both *counted*."""
    chosen = [p for p, w in zip(positions, weights) if counted(w)]
    if chosen:
        counts[np.ix_(chosen, chosen)] += 1


def _raise_to_practice(scores: np.ndarray, shared_what: np.ndarray, whats: np.ndarray,
                       scratch: np.ndarray) -> None:
    """Raises, in place, each score to PRACTICE_FACTOR times the Dice of the two texts'
    what-terms (each weighs 1), and to NAMED_FACTOR where one text names a single
    practice the other names too; *scratch* is overwritten."""
    np.add(whats[:, None], whats[None, :], out=scratch)
    np.maximum(scratch, np.float32(1e-9), out=scratch)
    np.divide(shared_what, scratch, out=scratch)
    scratch *= np.float32(2 * PRACTICE_FACTOR)
    np.maximum(scores, scratch, out=scores)
    named = (np.minimum(whats[:, None], whats[None, :]) == 1) & (shared_what >= 1)
    scores[named] = np.maximum(scores[named], np.float32(NAMED_FACTOR))


def _scale_measures_apart(scores: np.ndarray, terms: Sequence[Mapping[str, float]]) -> None:
    """Scales, in place, the scores of texts naming different survey measures
    (``wording.MEASURE_SUFFIX``); nothing to do when no text names one."""
    named = [measures(t) for t in terms]
    if not any(named):
        return
    kinds = {m: number for number, m in enumerate(dict.fromkeys(named))}
    signature = np.array([kinds[m] for m in named], dtype=np.int32)
    scores[signature[:, None] != signature[None, :]] *= MEASURE_FACTOR


def _scale_ages_apart(scores: np.ndarray, terms: Sequence[Mapping[str, float]]) -> None:
    """Scales, in place, the scores of texts naming age groups too far apart to be one
    result; texts are grouped by the span of ages they name (a handful of spans)."""
    groups: dict[tuple[int, int], list[int]] = {}
    for position, t in enumerate(terms):
        span = age_span(t)
        if span is not None:
            groups.setdefault(span, []).append(position)
    for a, rows_a in groups.items():
        for b, rows_b in groups.items():
            if ages_apart(a, b):
                index = np.ix_(np.asarray(rows_a), np.asarray(rows_b))
                scores[index] *= AGES_APART_FACTOR


def _common_products(common: list[str], holders: dict[str, list[int]],
                     weights_of: dict[str, list[float]], count: int
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pair matrices (shared weight, shared what-terms, shared content terms) from the
    terms many texts hold, each as one product of a texts x terms matrix with itself. A
    term held at different weights (named 1.0 here, described 0.8 there) shares their mean."""
    held = np.zeros((count, len(common)), dtype=np.float32)
    for column, term in enumerate(common):
        held[holders[term], column] = 1
    least = [min(weights_of[t]) for t in common]
    # A term counts as what (content) for two texts that both hold it as such.
    what = np.zeros_like(held)
    content = np.zeros_like(held)
    for column, term in enumerate(common):
        weights = np.asarray(weights_of[term])
        what[np.asarray(holders[term])[[is_what(term, w) for w in weights]], column] = 1
        content[np.asarray(holders[term])[weights >= WORD], column] = 1
    varies = [column for column, t in enumerate(common) if max(weights_of[t]) != least[column]]
    weighed = held * np.array(least, dtype=np.float32)
    if varies:
        # The part above the least weight is shared as the mean of the two texts': one
        # product of [least | half above | held] with [held | held | half above].
        half = np.zeros((count, len(varies)), dtype=np.float32)
        for at, column in enumerate(varies):
            term = common[column]
            half[holders[term], at] = (np.asarray(weights_of[term]) - least[column]) / 2
        some = held[:, varies]
        shared = np.hstack([weighed, half, some]) @ np.hstack([held, some, half]).T
    else:
        shared = weighed @ held.T
    some_what, some_content = what.any(axis=0), content.any(axis=0)
    shared_what = what[:, some_what] @ what[:, some_what].T
    shared_content = content[:, some_content] @ content[:, some_content].T
    return shared, shared_what, shared_content


def shared_concepts(a: Terms, b: Terms) -> list[tuple[str, str, str]]:
    """Concepts both texts hold, named in different words: (concept, words in a, in b)."""
    return [(term[len(CONCEPT_MARK):], a.named_by[term], b.named_by[term])
            for term in a.named_by if term in b.named_by
            and a.weights.get(term, 0) >= 1
            and a.named_by[term].casefold() != b.named_by[term].casefold()]
