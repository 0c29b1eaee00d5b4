"""How alike two names are: the relation of their words, a score, and a verdict.

Two names that each keep a word the other lacks ("Ashford County Schools" and "Bell
County Schools") are never merged, however high their score: see ``relation``.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from .names import ABBREVIATION_MARK, DIGITS


# Whole-name score (rapidfuzz WRatio on normalised names) at or above which two
# names with no unexplained word difference merge, with a warning.
MERGE_THRESHOLD = 92.0
# Whole-name score from which a pair that is not merged is listed for review.
REVIEW_THRESHOLD = 80.0
# Two differing words this alike are taken as one word mistyped ("Pubic"/"Public",
# "Libary"/"Library"). 85 lets a word of seven or more letters carry one slip, but
# not "Mary"/"Mark" (75) or "Smith"/"Smyth" (80).
TOKEN_TYPO_SIMILARITY = 85.0
# Differing words this alike make a pair doubtful rather than plainly different:
# "St. Mary Hospital" vs "St. Mark Hospital" goes to review, "Health" vs "Housing" does not.
TOKEN_ALIKE_SIMILARITY = 70.0
# In people's names, a word this short one letter off is another name, not a typo.
PERSON_TYPO_MIN_LETTERS = 6
# Common English nicknames -> the given name: a lead for review, never a merge.
NICKNAMES = {nick: name for name, nicks in {
    "robert": "bob bobby rob robbie bert", "william": "bill billy will willie liam",
    "elizabeth": "liz beth betsy betty eliza lisa libby", "richard": "rick rich dick ricky",
    "james": "jim jimmy jamie", "john": "jack johnny", "jonathan": "jon jonny",
    "michael": "mike mikey mick", "margaret": "maggie meg peggy marge", "thomas": "tom tommy",
    "katherine": "kate kathy katie kat", "catherine": "cathy cate", "christopher": "chris",
    "christine": "chris chrissy tina", "patricia": "pat patty tricia trish", "patrick": "pat",
    "jennifer": "jen jenny", "joseph": "joe joey", "daniel": "dan danny", "david": "dave",
    "anthony": "tony", "steven": "steve", "stephen": "steve", "edward": "ed eddie ted",
    "charles": "charlie chuck", "deborah": "deb debbie", "susan": "sue susie",
    "rebecca": "becky becca", "samuel": "sam sammy", "samantha": "sam", "kimberly": "kim",
    "benjamin": "ben", "nicholas": "nick", "alexander": "alex", "alexandra": "alex",
    "matthew": "matt", "andrew": "andy drew", "timothy": "tim", "gregory": "greg",
    "douglas": "doug", "victoria": "vicky tori", "jacqueline": "jackie", "cynthia": "cindy",
}.items() for nick in nicks.split()}
# The score shown for an acronym typed alone against a name whose initials it fits:
# letters alone are a lead, never a likeness.
ACRONYM_GUESS_SCORE = REVIEW_THRESHOLD
# A name may be listed for review against at most this many others (the best
# scoring): a bare "Church" next to fifty "... Church" names says nothing useful.
MAX_REVIEW_CANDIDATES = 3
# Rows of the score matrix computed at once, to bound memory on large batches.
CDIST_CHUNK_ROWS = 1000

# Relations between two names' words (see word_relation).
SAME_WORDS = "same"  # nothing unexplained on either side
SUBSET = "subset"  # one side has extra words
ALIKE = "alike"  # each side has its own words, but they look alike
CONFLICT = "conflict"  # each side has its own, unrelated words: different names
MERGE = "merge"
REVIEW = "review"


def word_relation(words_a: Sequence[str], words_b: Sequence[str], people: bool = False) -> str:
    """How two names' words differ, whatever their overall score.

    Words both share are set aside, then mistyped pairs ("Pubic"/"Public") and split
    words ("River Bend"/"Riverbend"). If both sides still hold words of their own the
    names mean different things ("University" vs "Health Department", "Ashford" vs
    "Bell") - unless those words look alike ("Mary"/"Mark"), which leaves a doubt.
    For *people*'s names, "D" against "Dana" and "Bob" against "Robert" are such
    doubts, and a short name one letter off is another name ("Jon"/"Joan",
    "Luis"/"Luisa"), not a slip.
    """
    words_a, words_b = fill_abbreviations(words_a, words_b)
    only_a = list(dict.fromkeys(word for word in words_a if word not in words_b))
    only_b = list(dict.fromkeys(word for word in words_b if word not in words_a))
    only_a, only_b = _without_typos(only_a, only_b, PERSON_TYPO_MIN_LETTERS if people else 0)
    if not only_a and not only_b:
        return SAME_WORDS
    if not only_a or not only_b:
        return SUBSET
    if _look_alike(only_a, only_b) or (people and (_initials_agree(only_a, only_b)
                                                   or _nicknames_agree(only_a, only_b))):
        return ALIKE
    return CONFLICT


def fill_abbreviations(words_a: Sequence[str], words_b: Sequence[str]
                       ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words cut short with a dot ("N.", "Comm.") read as the one word of the other
    name that they begin and whose letters they keep in order ("N. Ky." is Northern
    Kentucky beside "Northern Kentucky"). A cut word that fits no word, or several,
    stays as typed."""
    if ABBREVIATION_MARK not in "".join(words_a) + "".join(words_b):
        return tuple(words_a), tuple(words_b)
    return _filled(words_a, words_b), _filled(words_b, words_a)


def _filled(words: Sequence[str], others: Sequence[str]) -> tuple[str, ...]:
    unmatched = [word for word in others if word not in words and not word.endswith(ABBREVIATION_MARK)]
    filled = []
    for word in words:
        stem = word[:-1] if word.endswith(ABBREVIATION_MARK) else None
        fits = [other for other in unmatched if stem and _begins_and_keeps(stem, other)]
        filled.append(fits[0] if len(fits) == 1 else word)
    return tuple(filled)


def _begins_and_keeps(stem: str, word: str) -> bool:
    if not word.startswith(stem[0]) or len(word) <= len(stem):
        return False
    letters = iter(word[1:])
    return all(letter in letters for letter in stem[1:])


def _without_typos(only_a: list[str], only_b: list[str],
                   min_letters: int = 0) -> tuple[list[str], list[str]]:
    pairs = sorted(((fuzz.ratio(a, b), a, b) for a in only_a for b in only_b
                    if not (DIGITS.search(a) or DIGITS.search(b))
                    and min(len(a), len(b)) >= min_letters), reverse=True)
    for similarity, a, b in pairs:
        if similarity >= TOKEN_TYPO_SIMILARITY and a in only_a and b in only_b:
            only_a.remove(a)
            only_b.remove(b)
    if only_a and only_b and _same_when_joined(only_a, only_b, min_letters):
        return [], []
    return only_a, only_b


def _same_when_joined(only_a: list[str], only_b: list[str], min_letters: int = 0) -> bool:
    joined_a, joined_b = "".join(only_a), "".join(only_b)
    if DIGITS.findall(joined_a) != DIGITS.findall(joined_b):
        return False  # District 5 is never District 6
    if min(len(joined_a), len(joined_b)) < min_letters:
        return False
    return fuzz.ratio(joined_a, joined_b) >= TOKEN_TYPO_SIMILARITY


def _look_alike(only_a: list[str], only_b: list[str]) -> bool:
    if DIGITS.search("".join(only_a + only_b)):
        return False
    best = max(fuzz.ratio(a, b) for a in only_a for b in only_b)
    return max(best, fuzz.ratio("".join(only_a), "".join(only_b))) >= TOKEN_ALIKE_SIMILARITY


def _nicknames_agree(only_a: list[str], only_b: list[str]) -> bool:
    return any(NICKNAMES.get(a) == b or NICKNAMES.get(b) == a or
               (a in NICKNAMES and NICKNAMES.get(a) == NICKNAMES.get(b))
               for a in only_a for b in only_b)


def _initials_agree(only_a: list[str], only_b: list[str]) -> bool:
    return any(len(a) == 1 and b.startswith(a) or len(b) == 1 and a.startswith(b)
               for a in only_a for b in only_b)


def verdict_for(relation: str, score: float) -> str | None:
    if relation == CONFLICT:
        return None
    if relation == SAME_WORDS and score >= MERGE_THRESHOLD:
        return MERGE
    return REVIEW if score >= REVIEW_THRESHOLD else None


def score_of(words_a: Sequence[str], words_b: Sequence[str]) -> float:
    """How alike two names read, 0-100: words as a whole, or run together ("Tri Health")."""
    words_a, words_b = fill_abbreviations(words_a, words_b)
    return round(max(fuzz.WRatio(" ".join(words_a), " ".join(words_b)),
                     fuzz.ratio("".join(words_a), "".join(words_b))), 1)


def candidate_pairs(word_lists: Sequence[tuple[str, ...]]) -> set[tuple[int, int]]:
    """Index pairs worth a closer look, found without comparing every pair in Python.

    Pairs whose sorted words, or whose words run together, are alike come from
    vectorised rapidfuzz passes ("Freestore Foodbank" / "Free Store Food Bank" only
    show as alike run together); pairs where one name's words are all inside the
    other's (which those passes can miss, "YMCA" vs "YMCA of Greater Riverbend")
    come from a word index.
    """
    pairs = _alike_pairs([" ".join(sorted(words)) for words in word_lists])
    pairs |= _alike_pairs(["".join(words) for words in word_lists])
    return pairs | _contained_pairs(word_lists)


def _alike_pairs(texts: Sequence[str]) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for start in range(0, len(texts), CDIST_CHUNK_ROWS):
        scores = process.cdist(texts[start:start + CDIST_CHUNK_ROWS], texts, scorer=fuzz.ratio,
                               score_cutoff=REVIEW_THRESHOLD, dtype=np.uint8)
        for row, column in zip(*np.nonzero(scores)):
            a, b = start + int(row), int(column)
            if a < b:
                pairs.add((a, b))
    return pairs


def _contained_pairs(word_lists: Sequence[tuple[str, ...]]) -> set[tuple[int, int]]:
    holders: dict[str, set[int]] = defaultdict(set)
    for index, words in enumerate(word_lists):
        for word in words:
            holders[word].add(index)
    pairs: set[tuple[int, int]] = set()
    for index, words in enumerate(word_lists):
        if not words:
            continue
        rarest_first = sorted(set(words), key=lambda word: len(holders[word]))
        containing = set.intersection(*(holders[word] for word in rarest_first))
        for other in containing:
            if other != index and len(set(word_lists[other])) > len(set(words)):
                pairs.add((min(index, other), max(index, other)))
    return pairs
