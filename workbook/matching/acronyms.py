"""Acronyms learnt from the batch.

A short capitalised token such as "NKY" is expanded only when another name in the same
batch spells it out *in the same place*: "NKY Health Dept" next to "Northern Kentucky
Health Department" teaches NKY = Northern Kentucky. Nothing regional is hard-coded, and
an acronym that could stand for two phrases is left alone.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .names import (ABBREVIATION_MARK, ACRONYM_MIN_LETTERS, NUMBER_INITIALS, STOPWORDS,
                    ParsedName, content_words)

# Learning acronyms repeats, since one expansion can reveal the next ("B&GC of NKY"
# lines up with "Boys and Girls Club of Northern Kentucky" only once NKY is known).
ACRONYM_LEARNING_ROUNDS = 4


def acronym_fits(acronym: str, words: Sequence[str]) -> bool:
    """Can *acronym* stand for *words*?

    Every word but the little ones gives its initial, in order, and may give more
    of its letters after that (the Y of NKY is in "Kentucky"); little words may be
    skipped or give their initial; an ampersand stands for "and" or for nothing.
    """
    letters = acronym.replace(".", "")
    if len(content_words(words)) < 2 or len(letters.replace("&", "")) < ACRONYM_MIN_LETTERS:
        return False
    memo: dict[tuple[int, int], bool] = {}

    def fits(at_letter: int, at_word: int) -> bool:
        if (at_letter, at_word) not in memo:
            memo[at_letter, at_word] = _fits_from(letters, words, at_letter, at_word, fits)
        return memo[at_letter, at_word]

    return fits(0, 0)


def _fits_from(letters: str, words: Sequence[str], at_letter: int, at_word: int,
               fits: Callable[[int, int], bool]) -> bool:
    if at_word == len(words):
        return at_letter == len(letters)
    word = words[at_word]
    letter = letters[at_letter] if at_letter < len(letters) else None
    if letter == "&" and (word == "and" and fits(at_letter + 1, at_word + 1)
                          or fits(at_letter + 1, at_word)):
        return True
    if word in STOPWORDS:
        return fits(at_letter, at_word + 1) or (letter == word[0] and fits(at_letter + 1, at_word + 1))
    if letter is None or letter not in NUMBER_INITIALS.get(word, word[0]):
        return False
    # The word's initial, then as many of its later letters as the acronym uses.
    at_letter, in_word = at_letter + 1, 1
    while True:
        if fits(at_letter, at_word + 1):
            return True
        if at_letter >= len(letters) or letters[at_letter] == "&":
            return False
        in_word = word.find(letters[at_letter], in_word) + 1
        if in_word == 0:
            return False
        at_letter += 1


# English words that programmes and coalitions like to spell in capitals ("HOPE
# Center", "CARE Team"): typed so, they are as likely a name as an acronym, so fitting
# letters never expand them, even with words around them that agree.
WORD_ACRONYMS = frozenset("""
    act aim arch bold bridge care change core grow heart help home hope impact lead link
    path peace reach ready rise safe serve shine smart star stars step strong thrive unite
    voice youth
""".split())


@dataclass
class Learnt:
    expansions: dict[str, tuple[str, ...]]  # acronym word -> the words it stands for
    # Acronyms typed alone whose letters merely fit other names: never expanded,
    # only offered for review ("CARE" fits many names and may be none of them).
    guesses: dict[str, set[tuple[str, ...]]]


def learn_acronyms(names: Sequence[ParsedName],
                   defined: Mapping[str, tuple[str, ...]] | None = None,
                   normalise: Callable[[tuple[str, ...]], tuple[str, ...]] = tuple) -> Learnt:
    """Acronym -> the words it stands for, learnt from names in the same batch.

    An acronym the writer spelled out - "Northern Kentucky Area Development District
    (NKADD)" - stands for that name (*defined*). Otherwise it is expanded when
    another name has, at the very same place (the same words before and after it),
    a phrase the acronym fits - and only one such phrase, so "ACS" beside both
    "Ashford County Schools" and "American Cancer Society" stays as typed. An
    acronym typed alone has no words around it to agree with, so fitting letters
    are only a guess, listed for review; so is an English word typed in capitals
    (``WORD_ACRONYMS``). *normalise* evens out equivalent phrases ("Chamber of
    Commerce", "Chamber") so they count as one.
    """
    candidates = sorted(set().union(*(name.acronyms for name in names)))
    learnt: dict[str, tuple[str, ...]] = dict(defined or {})
    guesses: dict[str, set[tuple[str, ...]]] = {}
    # The rounds meet the same phrases: whether each fits an acronym is worked out once.
    fitting: dict[tuple[str, tuple[str, ...]], bool] = {}
    for _ in range(ACRONYM_LEARNING_ROUNDS):
        expanded = {expand(name.words, learnt) for name in names}
        batch = _Batch(sorted(expanded | {normalise(words) for words in expanded}), fitting)
        phrases: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        in_context: set[str] = set()
        for word, letters in candidates:
            if word in learnt:
                continue
            for phrase, with_context in batch.phrases_for(word, letters):
                phrases[word].add(content_words(normalise(phrase)))
                if with_context:
                    in_context.add(word)
        new = {word: found.pop() for word, found in phrases.items()
               if len(found) == 1 and word in in_context and word not in WORD_ACRONYMS}
        guesses = {word: found for word, found in phrases.items() if word not in in_context}
        if not new:
            break
        learnt.update(new)
    return Learnt(learnt, {word: found for word, found in guesses.items() if word not in learnt})


class _Batch:
    """The names of a batch, indexed by their first and last content words."""

    def __init__(self, word_lists: Sequence[tuple[str, ...]],
                 fitting: dict[tuple[str, tuple[str, ...]], bool] | None = None):
        self.word_lists = word_lists
        self.fitting = {} if fitting is None else fitting  # acronym_fits' answers, kept
        self.contents = [content_words(words) for words in word_lists]
        self.positions: dict[int, list[int]] = {}  # name -> where its content words stand
        self.middles: dict[tuple[int, int, int], tuple[str, ...]] = {}
        self.where: dict[str, list[tuple[int, int]]] = defaultdict(list)  # word -> (name, position)
        self.by_prefix: dict[tuple[str, ...], set[int]] = defaultdict(set)
        self.by_suffix: dict[tuple[str, ...], set[int]] = defaultdict(set)
        # (content position, letter) -> names whose phrase from there can begin with that
        # letter: an acronym standing alone is otherwise tried against every name.
        self.by_initial: dict[tuple[int, str], set[int]] = defaultdict(set)
        self.little_first: dict[int, set[int]] = defaultdict(set)
        for index, content in enumerate(self.contents):
            for cut in range(len(content) + 1):
                self.by_prefix[content[:cut]].add(index)
                self.by_suffix[content[cut:]].add(index)
            for position, word in enumerate(content):
                self.where[word].append((index, position))
            self._index_initials(index)

    def phrases_for(self, word: str, letters: str) -> set[tuple[tuple[str, ...], bool]]:
        """Phrases that other names have where this acronym stands, and that it fits,
        each with whether words around the acronym agreed (else it stood alone)."""
        phrases: set[tuple[tuple[str, ...], bool]] = set()
        # The same acronym in the same words (often alone) in many files is looked at once.
        contexts = {(self.contents[index][:position], self.contents[index][position + 1:])
                    for index, position in self.where.get(word, ())}
        # Each content word gives at least one letter (not "&"), so a longer phrase cannot fit:
        # this spares most of the batch when the acronym stands alone.
        most_words = len(letters.replace(".", "").replace("&", ""))
        first = letters.replace(".", "")[:1]
        for before, after in contexts:
            others = self.by_prefix.get(before, set()) & self.by_suffix.get(after, set())
            if first and first != "&":
                others &= (self.by_initial.get((len(before), first), set())
                           | self.little_first.get(len(before), set()))
            for other in others:
                if len(self.contents[other]) - len(before) - len(after) > most_words:
                    continue
                middle = self._middle(other, len(before), len(after))
                if word not in middle and self._fits(letters, middle):
                    phrases.add((middle, bool(before or after)))
        return phrases

    def _index_initials(self, index: int) -> None:
        """Which letters a phrase of this name can begin with, from each content word on.

        Little words before a content word may give the first letter too ("the", "of"),
        so a name with one there is kept for every letter.
        """
        words = self.word_lists[index]
        positions = self._content_positions(index)
        for content_at, word_at in enumerate(positions):
            word = words[word_at]
            for initial in NUMBER_INITIALS.get(word, word[0]):
                self.by_initial[content_at, initial].add(index)
            if word_at > (positions[content_at - 1] + 1 if content_at else 0):
                self.little_first[content_at].add(index)

    def _middle(self, index: int, content_before: int, content_after: int) -> tuple[str, ...]:
        """``_middle_words`` of a name, kept: many acronyms look at the same names."""
        key = (index, content_before, content_after)
        middle = self.middles.get(key)
        if middle is None:
            middle = self.middles[key] = _middle_words(self.word_lists[index], content_before,
                                                       content_after,
                                                       self._content_positions(index))
        return middle

    def _content_positions(self, index: int) -> list[int]:
        positions = self.positions.get(index)
        if positions is None:
            positions = self.positions[index] = content_positions(self.word_lists[index])
        return positions

    def _fits(self, letters: str, middle: tuple[str, ...]) -> bool:
        """The acronym fits the phrase, and no word of it is cut short ("Dept.")."""
        fits = self.fitting.get((letters, middle))
        if fits is None:
            # acronym_fits refuses fewer than two content words by itself.
            cut_short = any(part.endswith(ABBREVIATION_MARK) for part in middle)
            fits = self.fitting[letters, middle] = not cut_short and acronym_fits(letters, middle)
        return fits


def content_positions(words: Sequence[str]) -> list[int]:
    return [index for index, word in enumerate(words) if word not in STOPWORDS]


def _middle_words(words: tuple[str, ...], content_before: int, content_after: int,
                  positions: list[int] | None = None) -> tuple[str, ...]:
    """The words of a name between its first and last few content words (at *positions*)."""
    if positions is None:
        positions = content_positions(words)
    if content_before + content_after >= len(positions):
        return ()
    start = positions[content_before - 1] + 1 if content_before else 0
    end = positions[len(positions) - content_after] if content_after else len(words)
    return words[start:end]


def expand(words: Sequence[str], learnt: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(part for word in words for part in learnt.get(word, (word,)))
