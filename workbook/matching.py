"""Recognise the same organisation, or the same person, under many spellings.

Checklists are typed by many hands: "Boys & Girls Club of NKY", "Boys and Girls
Clubs of Northern Kentucky" and "B&GC of NKY" are one organisation. This module
decides which spellings belong together, in four steps of falling certainty:

1. **Normalised** - spellings that read the same once case, spacing, punctuation,
   "&", a leading "The", plurals, legal forms (Inc, LLC) and common abbreviations
   (Dept, Univ, Assn, Ctr, Svcs) are evened out. These merge silently.
2. **Alias** - the community's ``aliases.csv``, kept by a facilitator, says two
   names are the ``same`` or ``different``. It overrides everything below.
3. **Acronym** - a short capitalised token such as "NKY" is expanded only when
   another name in the same batch spells it out *in the same place*: "NKY Health
   Dept" next to "Northern Kentucky Health Department" teaches NKY = Northern
   Kentucky. Nothing regional is hard-coded, and an acronym that could stand for
   two phrases is left alone. These merge with a warning.
4. **Fuzzy** - near-identical names (typos, word order) merge with a warning when
   their score reaches ``MERGE_THRESHOLD``; less certain pairs go to the review
   list and stay separate until a facilitator decides.

Two names that each keep a word the other lacks ("Ashford County Schools" and
"Bell County Schools") are never merged by steps 3-4, however high their score:
see ``_relation``. People are matched the same way, but email comes first.

Everything here is pure: no database, no printing, the same answer for the same
input whatever its order.
"""
from __future__ import annotations

import csv
import heapq
import io
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

# --- Thresholds (scores are 0-100) ---------------------------------------------------

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
# A name may be listed for review against at most this many others (the best
# scoring): a bare "Church" next to fifty "... Church" names says nothing useful.
MAX_REVIEW_CANDIDATES = 3
# Rows of the score matrix computed at once, to bound memory on large batches.
CDIST_CHUNK_ROWS = 1000

# An acronym has this many letters (an ampersand not counted).
ACRONYM_MIN_LETTERS = 2
ACRONYM_MAX_LETTERS = 6
# Learning acronyms repeats, since one expansion can reveal the next ("B&GC of NKY"
# lines up with "Boys and Girls Club of Northern Kentucky" only once NKY is known).
ACRONYM_LEARNING_ROUNDS = 4

# --- Vocabulary of the aliases file ---------------------------------------------------

ORGANISATION = "organisation"
PERSON = "person"
SAME = "same"
DIFFERENT = "different"
ALIAS_COLUMNS = ("kind", "name", "canonical", "decision")
_KIND_SPELLINGS = {"organisation": ORGANISATION, "organization": ORGANISATION,
                   "org": ORGANISATION, "person": PERSON, "people": PERSON}

# --- How a spelling was recognised ------------------------------------------------------

EXACT = "exact"
NORMALISED = "normalised"
ALIAS = "alias"
ACRONYM = "acronym"
FUZZY = "fuzzy"
EMAIL = "email"  # people only: same email address
NAME = "name"  # people only: same name, but met at another organisation
WARNED_HOWS = (ACRONYM, FUZZY, NAME)

# Strength of each kind of link: a member is only as sure as the weakest link
# between it and the canonical name.
_LINK_STRENGTH = {ALIAS: 5, NORMALISED: 4, EMAIL: 4, ACRONYM: 3, NAME: 2, FUZZY: 1}
_ROOT_STRENGTH = 99

# --- Words ---------------------------------------------------------------------------

# Little words that do not tell organisations apart; left out of the comparison key.
# Acronyms may still use their initials (the O of "DOE").
STOPWORDS = frozenset({"the", "of", "and", "for", "at", "in", "on", "to"})

# Legal forms say nothing about which organisation it is; dropped from the end of a
# name. A final "Co" is read as "Company" here, while "Co" inside a name is a county.
_LEGAL_FORMS = frozenset({"inc", "incorporated", "llc", "ltd", "limited", "corp",
                          "corporation", "co", "company", "pllc", "plc", "llp", "lp"})

# General abbreviations, the same in any community (regional acronyms are learnt).
_ABBREVIATIONS = {
    "dept": "department", "dpt": "department", "univ": "university",
    "assn": "association", "assoc": "association", "ctr": "center", "cntr": "center",
    "centre": "center", "svcs": "services", "svc": "service", "srvcs": "services",
    "co": "county", "cnty": "county", "intl": "international", "natl": "national",
    "govt": "government", "hosp": "hospital", "mgmt": "management", "dist": "district",
    "sch": "school", "schl": "school", "elem": "elementary", "auth": "authority",
    "hsg": "housing", "hlth": "health", "fdn": "foundation", "fndn": "foundation",
    "saint": "st", "mt": "mount", "ft": "fort", "twp": "township", "bros": "brothers",
    "org": "organization", "organisation": "organization", "programme": "program",
    "coop": "cooperative", "educ": "education",
}

# Honorifics and letters after a name do not tell people apart (Jr and Sr do).
_PERSON_NOISE = frozenset({"mr", "mrs", "ms", "mx", "miss", "dr", "rev", "prof", "fr",
                           "phd", "md", "msw", "lcsw", "rn", "edd", "esq", "mba", "mph"})

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_DOTTED_ACRONYM = re.compile(r"\b[A-Za-z](?:\.[A-Za-z])+\.?(?![A-Za-z])")  # N.K.Y.
_CO_OP = re.compile(r"\bco-op\b", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+(?:['&+][^\W_]+)*|[&+]")
_POSSESSIVE = re.compile(r"'s$|'$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_EMAIL_IN_ANGLES = re.compile(r"<\s*([^<>\s]+@[^<>\s]+)\s*>")

# Relations between two names' words (see _relation).
_SAME_WORDS = "same"  # nothing unexplained on either side
_SUBSET = "subset"  # one side has extra words
_ALIKE = "alike"  # each side has its own words, but they look alike
_CONFLICT = "conflict"  # each side has its own, unrelated words: different names
_MERGE = "merge"
_REVIEW = "review"


# ======================================================================================
# Public results
# ======================================================================================

@dataclass(frozen=True)
class Resolution:
    """Which organisation one distinct spelling belongs to, and how sure that is."""
    spelling: str  # as typed, trimmed
    canonical: str  # display name of the organisation
    key: str  # stable identifier: the normalised canonical name
    how: str  # 'exact' | 'normalised' | 'alias' | 'fuzzy' | 'acronym'
    score: float  # 100 unless fuzzy


@dataclass(frozen=True)
class ReviewItem:
    """Two names that may be one; kept apart until an aliases.csv line decides."""
    kind: str  # 'organisation' | 'person'
    name: str
    candidate: str
    score: float


@dataclass
class MatchResult:
    resolutions: dict[str, Resolution]  # trimmed spelling -> resolution
    review: list[ReviewItem]
    merged_with_warning: list[Resolution]  # fuzzy and acronym merges, to warn about

    def resolve(self, spelling: str | None) -> Resolution | None:
        """The resolution of a spelling as it came from a cell (untrimmed is fine)."""
        return self.resolutions.get(_trimmed(spelling)) if spelling is not None else None


@dataclass(frozen=True)
class PersonMention:
    """One appearance of a person in a checklist."""
    name: str | None
    email: str | None
    organisation_key: str | None  # Resolution.key of their organisation, if known


@dataclass(frozen=True)
class PersonResolution:
    mention: PersonMention
    key: str  # 'email:<address>' or 'name:<normalised name>[|<organisation key>]'
    name: str | None  # display name of the person
    email: str | None  # their address, lower case, if any mention gave one
    how: str  # 'exact' | 'email' | 'normalised' | 'alias' | 'name' | 'fuzzy'
    score: float


@dataclass
class PersonMatchResult:
    people: list[PersonResolution | None]  # one per mention, in input order; None if blank
    review: list[ReviewItem]
    merged_with_warning: list[PersonResolution]  # 'name' and 'fuzzy' merges, once each


# ======================================================================================
# The aliases file
# ======================================================================================

@dataclass(frozen=True)
class Alias:
    kind: str  # 'organisation' | 'person'
    name: str
    canonical: str
    decision: str  # 'same' | 'different' | '' (not decided yet)
    line: int  # line in the file, for messages


@dataclass
class AliasBook:
    entries: list[Alias] = field(default_factory=list)  # decided lines
    undecided: list[Alias] = field(default_factory=list)  # lines whose decision is blank
    errors: list[str] = field(default_factory=list)  # readable, one per bad line

    def of_kind(self, kind: str) -> list[Alias]:
        return [alias for alias in self.entries if alias.kind == kind]


def read_aliases(path: str | Path | None) -> AliasBook:
    """Read a community's aliases.csv; a missing file is an empty book.

    Bad lines are skipped and described in ``errors`` (with their line number), so
    one typo in Excel never stops a load.
    """
    book = AliasBook()
    if path is None or not Path(path).is_file():
        return book
    text = _decode_aliases(Path(path).read_bytes(), Path(path).name, book.errors)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_guess_delimiter(text))
    columns: dict[str, int] | None = None
    seen: dict[tuple[str, str, str], tuple[str, int]] = {}
    for cells in rows:
        line = rows.line_num
        cells = [_trimmed(cell) for cell in cells]
        if not any(cells):
            continue
        if columns is None:
            columns = _alias_columns(cells)
            if columns is not None:
                continue
            book.errors.append(f"Line {line}: the first line should be the heading "
                               f"'{','.join(ALIAS_COLUMNS)}'; columns were read in that order.")
            columns = {name: index for index, name in enumerate(ALIAS_COLUMNS)}
        alias, problem = _alias_from_cells(cells, columns, line)
        if problem:
            book.errors.append(problem)
        elif not alias.decision:
            book.undecided.append(alias)
        elif (problem := _contradiction(alias, seen)):
            book.errors.append(problem)
        else:
            book.entries.append(alias)
    return book


def write_review_csv(review_items: Iterable[ReviewItem], path: str | Path) -> None:
    """Write pairs to decide in the aliases.csv format, decision left blank.

    A facilitator fills 'same' or 'different' in Excel and appends the lines to
    aliases.csv. UTF-8 with a byte-order mark, so Excel shows accents correctly.
    """
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ALIAS_COLUMNS)
        for item in review_items:
            writer.writerow((item.kind, item.name, item.candidate, ""))


def _decode_aliases(raw: bytes, filename: str, errors: list[str]) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV" on Windows saves in the Windows code page.
        errors.append(f"{filename} is not saved as UTF-8; it was read as Windows text. "
                      "Save it as 'CSV UTF-8' so accented names stay right.")
        return raw.decode("cp1252", errors="replace")


def _guess_delimiter(text: str) -> str:
    # Excel in many European locales saves CSV with semicolons.
    first = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if ";" in first and "," not in first else ","


def _alias_columns(cells: list[str]) -> dict[str, int] | None:
    """Column positions if *cells* is the heading line, else None."""
    names = [cell.casefold() for cell in cells]
    if not all(column in names for column in ALIAS_COLUMNS):
        return None
    return {column: names.index(column) for column in ALIAS_COLUMNS}


def _alias_from_cells(cells: list[str], columns: dict[str, int],
                      line: int) -> tuple[Alias | None, str | None]:
    def cell(column: str) -> str:
        index = columns[column]
        return cells[index] if index < len(cells) else ""

    kind_typed, name, canonical = cell("kind"), cell("name"), cell("canonical")
    decision = cell("decision").casefold()
    kind = _KIND_SPELLINGS.get(kind_typed.casefold())
    if kind is None:
        return None, (f"Line {line}: kind '{kind_typed}' should be 'organisation' or 'person'."
                      if kind_typed else f"Line {line}: kind is blank; write 'organisation' "
                      "or 'person'.")
    if not name or not canonical:
        missing = "name" if not name else "canonical"
        return None, f"Line {line}: {missing} is blank; both names are needed."
    if decision not in (SAME, DIFFERENT, ""):
        return None, (f"Line {line}: decision '{cell('decision')}' should be 'same' or "
                      "'different'.")
    if decision == DIFFERENT and name.casefold() == canonical.casefold():
        return None, f"Line {line}: '{name}' cannot be different from itself."
    return Alias(kind, name, canonical, decision, line), None


def _contradiction(alias: Alias, seen: dict[tuple[str, str, str], tuple[str, int]]) -> str | None:
    """A message if an earlier line decided the same pair the other way."""
    pair = sorted((alias.name.casefold(), alias.canonical.casefold()))
    earlier = seen.setdefault((alias.kind, *pair), (alias.decision, alias.line))
    if earlier[0] == alias.decision:
        return None
    return (f"Line {alias.line}: '{alias.name}' and '{alias.canonical}' are already marked "
            f"'{earlier[0]}' on line {earlier[1]}; this line was ignored.")


# ======================================================================================
# Normalising organisation names
# ======================================================================================

@dataclass(frozen=True)
class _Name:
    words: tuple[str, ...]  # every normalised word, little words included
    # (word, letters as typed) for words typed like acronyms (NKY, B&GC). The word is
    # normalised like any other, so the key never depends on case; the letters are
    # what the acronym is matched with ("NKYHS" keeps its S, though its word is "nkyh").
    acronyms: frozenset[tuple[str, str]]

    @property
    def content(self) -> tuple[str, ...]:
        return _content(self.words)

    @property
    def key(self) -> str:
        return " ".join(self.content) or " ".join(self.words)


def normalise_organisation(name: str) -> str:
    """The comparison key of an organisation name (also ``Resolution.key``)."""
    return _parse_name(name).key or _trimmed(name).casefold()


def _parse_name(spelling: str) -> _Name:
    text = _fold(spelling)
    text = _CO_OP.sub("coop", text)
    text = _DOTTED_ACRONYM.sub(lambda found: found.group().replace(".", ""), text)
    raw_tokens = _TOKEN.findall(text)
    # An all-capitals word is an acronym only where the writer had a choice: in a
    # name typed in mixed case, or alone. "BOYS AND GIRLS CLUB" is shouting.
    acronyms_possible = len(raw_tokens) == 1 or any(ch.islower() for ch in text)
    typed: list[tuple[str, bool]] = []  # (word, typed like an acronym)
    for raw in raw_tokens:
        typed += _read_token(raw, acronyms_possible)
    typed = _drop_legal_forms(_drop_leading_the(typed))
    words = [_singular(_ABBREVIATIONS.get(word, word)) for word, _ in typed]
    acronyms = {(word, letters) for word, (letters, is_acronym) in zip(words, typed) if is_acronym}
    return _Name(tuple(words), frozenset(acronyms))


def _read_token(raw: str, acronyms_possible: bool) -> list[tuple[str, bool]]:
    """The words one typed token stands for, each marked if typed like an acronym."""
    if raw in ("&", "+"):
        return [("and", False)]
    raw = _POSSESSIVE.sub("", raw).replace("'", "")
    lower = raw.casefold().replace("+", "&")
    parts = lower.split("&")
    if len(parts) > 1:
        # Short letter groups around an ampersand are one abbreviation, whatever the
        # case (B&GC, AT&T); longer ones are words ("Boys&Girls").
        if (all(part.isalpha() and len(part) <= 3 for part in parts)
                and len("".join(parts)) <= ACRONYM_MAX_LETTERS):
            return [(lower, True)]
        return [(word, False) for part in parts if part for word in (part, "and")][:-1]
    is_acronym = (acronyms_possible and raw.isupper() and raw.isalpha()
                  and ACRONYM_MIN_LETTERS <= len(raw) <= ACRONYM_MAX_LETTERS
                  and lower not in _ABBREVIATIONS and lower not in _LEGAL_FORMS
                  and lower not in STOPWORDS)
    return [(lower, is_acronym)]


def _fold(text: str) -> str:
    """Accents, odd spaces and curly quotes evened out; case kept (acronyms need it)."""
    text = unicodedata.normalize("NFKD", str(text)).translate(_ZERO_WIDTH)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.translate(_APOSTROPHES)


def _drop_leading_the(typed: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    return typed[1:] if len(typed) > 1 and typed[0][0] == "the" else typed


def _drop_legal_forms(typed: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    while len(typed) > 1 and typed[-1][0] in _LEGAL_FORMS:
        typed = typed[:-1]
    return typed


def _singular(word: str) -> str:
    """Club for Clubs, Library for Libraries: only to compare, never to display."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1] if word.endswith("s") else word


def _content(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(word for word in words if word not in STOPWORDS)


def _trimmed(value: object) -> str:
    return "" if value is None else str(value).translate(_ZERO_WIDTH).strip()


# ======================================================================================
# Acronyms learnt from the batch
# ======================================================================================

def _acronym_fits(acronym: str, words: Sequence[str]) -> bool:
    """Can *acronym* stand for *words*?

    Every word but the little ones gives its initial, in order, and may give more
    of its letters after that (the Y of NKY is in "Kentucky"); little words may be
    skipped or give their initial; an ampersand stands for "and" or for nothing.
    """
    letters = acronym.replace(".", "")
    if len(_content(words)) < 2 or len(letters.replace("&", "")) < ACRONYM_MIN_LETTERS:
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
    if letter != word[0]:
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


def _learn_acronyms(names: Sequence[_Name]) -> dict[str, tuple[str, ...]]:
    """Acronym -> the words it stands for, learnt from names in the same batch.

    An acronym is expanded when another name has, at the very same place (the same
    words before and after it), a phrase the acronym fits - and only one such
    phrase, so "ACS" beside both "Ashford County Schools" and "American Cancer
    Society" stays as typed.
    """
    candidates = sorted(set().union(*(name.acronyms for name in names)))
    learnt: dict[str, tuple[str, ...]] = {}
    for _ in range(ACRONYM_LEARNING_ROUNDS):
        batch = _Batch(sorted({_expand(name.words, learnt) for name in names}))
        phrases: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for word, letters in candidates:
            if word not in learnt:
                phrases[word] |= batch.phrases_for(word, letters)
        new = {word: found.pop() for word, found in phrases.items() if len(found) == 1}
        if not new:
            break
        learnt.update(new)
    return learnt


class _Batch:
    """The names of a batch, indexed by their first and last content words."""

    def __init__(self, word_lists: Sequence[tuple[str, ...]]):
        self.word_lists = word_lists
        self.contents = [_content(words) for words in word_lists]
        self.where: dict[str, list[tuple[int, int]]] = defaultdict(list)  # word -> (name, position)
        self.by_prefix: dict[tuple[str, ...], set[int]] = defaultdict(set)
        self.by_suffix: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for index, content in enumerate(self.contents):
            for cut in range(len(content) + 1):
                self.by_prefix[content[:cut]].add(index)
                self.by_suffix[content[cut:]].add(index)
            for position, word in enumerate(content):
                self.where[word].append((index, position))

    def phrases_for(self, word: str, letters: str) -> set[tuple[str, ...]]:
        """Phrases that other names have where this acronym stands, and that it fits."""
        phrases: set[tuple[str, ...]] = set()
        for index, position in self.where.get(word, ()):
            before, after = self.contents[index][:position], self.contents[index][position + 1:]
            for other in self.by_prefix.get(before, set()) & self.by_suffix.get(after, set()):
                middle = _middle_words(self.word_lists[other], len(before), len(after))
                if (word not in middle and len(_content(middle)) >= 2
                        and _acronym_fits(letters, middle)):
                    phrases.add(_content(middle))
        return phrases


def _middle_words(words: tuple[str, ...], content_before: int, content_after: int) -> tuple[str, ...]:
    """The words of a name between its first and last few content words."""
    positions = [index for index, word in enumerate(words) if word not in STOPWORDS]
    if content_before + content_after >= len(positions):
        return ()
    start = positions[content_before - 1] + 1 if content_before else 0
    end = positions[len(positions) - content_after] if content_after else len(words)
    return words[start:end]


def _expand(words: Sequence[str], learnt: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(part for word in words for part in learnt.get(word, (word,)))


# ======================================================================================
# Comparing two names
# ======================================================================================

def _relation(words_a: Sequence[str], words_b: Sequence[str], initials: bool = False) -> str:
    """How two names' words differ, whatever their overall score.

    Words both share are set aside, then mistyped pairs ("Pubic"/"Public") and split
    words ("River Bend"/"Riverbend"). If both sides still hold words of their own the
    names mean different things ("University" vs "Health Department", "Ashford" vs
    "Bell") - unless those words look alike ("Mary"/"Mark"), which leaves a doubt.
    With *initials*, "D" against "Dana" is such a doubt (for people's names).
    """
    only_a = list(dict.fromkeys(word for word in words_a if word not in words_b))
    only_b = list(dict.fromkeys(word for word in words_b if word not in words_a))
    only_a, only_b = _without_typos(only_a, only_b)
    if not only_a and not only_b:
        return _SAME_WORDS
    if not only_a or not only_b:
        return _SUBSET
    if _look_alike(only_a, only_b) or (initials and _initials_agree(only_a, only_b)):
        return _ALIKE
    return _CONFLICT


def _without_typos(only_a: list[str], only_b: list[str]) -> tuple[list[str], list[str]]:
    pairs = sorted(((fuzz.ratio(a, b), a, b) for a in only_a for b in only_b
                    if not (_DIGITS.search(a) or _DIGITS.search(b))), reverse=True)
    for similarity, a, b in pairs:
        if similarity >= TOKEN_TYPO_SIMILARITY and a in only_a and b in only_b:
            only_a.remove(a)
            only_b.remove(b)
    if only_a and only_b and _same_when_joined(only_a, only_b):
        return [], []
    return only_a, only_b


def _same_when_joined(only_a: list[str], only_b: list[str]) -> bool:
    joined_a, joined_b = "".join(only_a), "".join(only_b)
    if _DIGITS.findall(joined_a) != _DIGITS.findall(joined_b):
        return False  # District 5 is never District 6
    return fuzz.ratio(joined_a, joined_b) >= TOKEN_TYPO_SIMILARITY


def _look_alike(only_a: list[str], only_b: list[str]) -> bool:
    if _DIGITS.search("".join(only_a + only_b)):
        return False
    best = max(fuzz.ratio(a, b) for a in only_a for b in only_b)
    return max(best, fuzz.ratio("".join(only_a), "".join(only_b))) >= TOKEN_ALIKE_SIMILARITY


def _initials_agree(only_a: list[str], only_b: list[str]) -> bool:
    return any(len(a) == 1 and b.startswith(a) or len(b) == 1 and a.startswith(b)
               for a in only_a for b in only_b)


def _verdict(relation: str, score: float) -> str | None:
    if relation == _CONFLICT:
        return None
    if relation == _SAME_WORDS and score >= MERGE_THRESHOLD:
        return _MERGE
    return _REVIEW if score >= REVIEW_THRESHOLD else None


def _score(words_a: Sequence[str], words_b: Sequence[str]) -> float:
    return round(fuzz.WRatio(" ".join(words_a), " ".join(words_b)), 1)


def _candidate_pairs(word_lists: Sequence[tuple[str, ...]]) -> set[tuple[int, int]]:
    """Index pairs worth a closer look, found without comparing every pair in Python.

    Pairs whose sorted words are alike come from one vectorised rapidfuzz pass;
    pairs where one name's words are all inside the other's (which that pass can
    miss, "YMCA" vs "YMCA of Greater Riverbend") come from a word index.
    """
    pairs = _alike_pairs([" ".join(sorted(words)) for words in word_lists])
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


# ======================================================================================
# Clusters that remember how each member joined
# ======================================================================================

class _Clusters:
    """Union-find that keeps each cluster's members and the links that joined them."""

    def __init__(self, nodes: Iterable[Hashable]):
        self._parent = {node: node for node in nodes}
        self._members = {node: {node} for node in self._parent}
        self._links: dict[Hashable, list[tuple[Hashable, str, float]]] = defaultdict(list)

    def find(self, node: Hashable) -> Hashable:
        while self._parent[node] != node:
            self._parent[node] = self._parent[self._parent[node]]
            node = self._parent[node]
        return node

    def members(self, node: Hashable) -> set:
        return self._members[self.find(node)]

    def join(self, a: Hashable, b: Hashable, how: str, score: float,
             allowed: Callable[[set, set], bool] | None = None) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            if allowed and not allowed(self._members[root_a], self._members[root_b]):
                return False
            if len(self._members[root_a]) < len(self._members[root_b]):
                root_a, root_b = root_b, root_a
            self._parent[root_b] = root_a
            self._members[root_a] |= self._members.pop(root_b)
        self._links[a].append((b, how, score))
        self._links[b].append((a, how, score))
        return True

    def components(self) -> list[set]:
        return [self._members[node] for node in self._parent if self._parent[node] == node]

    def weakest_links(self, root: Hashable) -> dict[Hashable, tuple[str, float]]:
        """For each member, the weakest link on its strongest path from *root*."""
        found: dict[Hashable, tuple[str, float]] = {}
        queue = [(-_ROOT_STRENGTH, -100.0, root, "")]
        while queue:
            strength, score, node, how = heapq.heappop(queue)
            if node in found:
                continue
            found[node] = (how, -score)
            for other, link_how, link_score in self._links[node]:
                if other not in found:
                    weakest = min((-strength, -score, how),
                                  (_LINK_STRENGTH[link_how], link_score, link_how))
                    heapq.heappush(queue, (-weakest[0], -weakest[1], other, weakest[2]))
        return found


def _declared_different(members_a: set, members_b: set, different: Mapping[Hashable, set],
                        labels: Callable[[Hashable], Iterable[Hashable]] = lambda node: (node,)) -> bool:
    labels_b = {label for node in members_b for label in labels(node)}
    return any(different.get(label, set()) & labels_b
               for node in members_a for label in labels(node))


def _most_used(counts: Mapping[str, int]) -> str:
    """The most frequent text; ties go to the longest, then alphabetical.

    Stray inner spaces neither lengthen a name nor show in the result.
    """
    tidy: Counter = Counter()
    for text, count in counts.items():
        tidy[" ".join(text.split())] += count
    return min(tidy, key=lambda text: (-tidy[text], -len(text), text))


def _cap_review(items: Iterable[ReviewItem]) -> list[ReviewItem]:
    best: dict[tuple[str, str, str], ReviewItem] = {}
    for item in items:
        pair = (item.kind, item.name, item.candidate)
        if pair not in best or item.score > best[pair].score:
            best[pair] = item
    kept: list[ReviewItem] = []
    per_name: Counter = Counter()
    for item in sorted(best.values(), key=lambda item: (-item.score, item.name, item.candidate)):
        if per_name[item.kind, item.name] < MAX_REVIEW_CANDIDATES:
            per_name[item.kind, item.name] += 1
            kept.append(item)
    return sorted(kept, key=lambda item: (item.kind, -item.score, item.name, item.candidate))


# ======================================================================================
# Organisations
# ======================================================================================

@dataclass
class _OrganisationRules:
    same: list[tuple[str, str]] = field(default_factory=list)  # key pairs
    different: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    canonical_text: dict[str, str] = field(default_factory=dict)  # key -> display name
    renamed: set[str] = field(default_factory=set)  # keys written as a 'name' in a same line


def _organisation_rules(aliases: AliasBook | None) -> _OrganisationRules:
    rules = _OrganisationRules()
    for alias in (aliases.of_kind(ORGANISATION) if aliases else []):
        name, canonical = normalise_organisation(alias.name), normalise_organisation(alias.canonical)
        if alias.decision == SAME:
            rules.same.append((name, canonical))
            rules.canonical_text.setdefault(canonical, _trimmed(alias.canonical))
            rules.renamed.add(name)
        elif name != canonical:
            rules.different[name].add(canonical)
            rules.different[canonical].add(name)
    return rules


def match_organisations(spellings: Iterable[str | None],
                        aliases: AliasBook | None = None) -> MatchResult:
    """Decide which spellings name the same organisation.

    *spellings* may repeat (one per cell): frequency picks the display name. Blank
    values are ignored.
    """
    counts = Counter(text for text in map(_trimmed, spellings) if text)
    if not counts:
        return MatchResult({}, [], [])
    parsed = {spelling: _parse_name(spelling) for spelling in counts}
    groups: dict[str, list[str]] = defaultdict(list)  # key -> spellings that read the same
    for spelling in sorted(counts):
        groups[normalise_organisation(spelling)].append(spelling)
    rules = _organisation_rules(aliases)
    clusters = _Clusters(sorted(set(groups) | {key for pair in rules.same for key in pair}))

    for name, canonical in rules.same:
        clusters.join(name, canonical, ALIAS, 100.0)
    # Names the aliases file made one are one unit: they may look nothing alike, and
    # that must not stop a typo of one of them from joining.
    unit_of = {key: clusters.find(key) for key in groups}
    expanded = _expanded_groups(groups, parsed)
    relation = _cached_relation(expanded)

    def allowed(members_a: set, members_b: set) -> bool:
        """Refuse a join that would put two plainly different names in one cluster."""
        if _declared_different(members_a, members_b, rules.different):
            return False
        return not any(_units_differ(unit_a, unit_b, relation)
                       for unit_a in _units(members_a, unit_of)
                       for unit_b in _units(members_b, unit_of))

    _join_acronyms(clusters, expanded, allowed)
    review_pairs = _join_fuzzy(clusters, expanded, relation, allowed)
    return _organisation_result(clusters, groups, counts, rules, review_pairs)


def _units(members: set, unit_of: Mapping[str, Hashable]) -> list[list[str]]:
    units: dict[Hashable, list[str]] = defaultdict(list)
    for key in members:
        if key in unit_of:
            units[unit_of[key]].append(key)
    return list(units.values())


def _units_differ(unit_a: list[str], unit_b: list[str], relation: Callable[[str, str], str]) -> bool:
    return all(relation(a, b) in (_ALIKE, _CONFLICT) for a in unit_a for b in unit_b)


def _expanded_groups(groups: Mapping[str, list[str]],
                     parsed: Mapping[str, _Name]) -> dict[str, tuple[str, ...]]:
    """Each group's content words with learnt acronyms spelled out."""
    names = [_merged_name([parsed[spelling] for spelling in groups[key]]) for key in sorted(groups)]
    learnt = _learn_acronyms(names)
    # A name of little words only keeps its key, so that two such names never look equal.
    return {key: _content(_expand(name.words, learnt)) or (key,)
            for key, name in zip(sorted(groups), names)}


def _merged_name(names: Sequence[_Name]) -> _Name:
    """One name for a group: its spellings share content words, so keep the one with
    the most little words (acronyms may use them) and pool the acronym marks."""
    words = max((name.words for name in names), key=lambda words: (len(words), words))
    return _Name(words, frozenset().union(*(name.acronyms for name in names)))


def _cached_relation(expanded: Mapping[str, tuple[str, ...]]) -> Callable[[str, str], str]:
    cache: dict[tuple[str, str], str] = {}

    def relation(a: str, b: str) -> str:
        pair = (a, b) if a <= b else (b, a)
        if pair not in cache:
            cache[pair] = _relation(expanded[pair[0]], expanded[pair[1]])
        return cache[pair]

    return relation


def _join_acronyms(clusters: _Clusters, expanded: Mapping[str, tuple[str, ...]],
                   allowed: Callable[[set, set], bool]) -> None:
    same_words: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key in sorted(expanded):
        same_words[expanded[key]].append(key)
    for words, keys in same_words.items():
        # Join each to the name spelled out in full, if typed: should an aliases line
        # part two of them, the others still go with the full name.
        anchor = " ".join(words) if " ".join(words) in keys else keys[0]
        for key in keys:
            if key != anchor:
                clusters.join(anchor, key, ACRONYM, 100.0, allowed)


def _join_fuzzy(clusters: _Clusters, expanded: Mapping[str, tuple[str, ...]],
                relation: Callable[[str, str], str],
                allowed: Callable[[set, set], bool]) -> list[tuple[float, str, str]]:
    """Merge strong pairs, strongest first; return the doubtful ones for review."""
    word_lists = sorted(set(expanded.values()))
    keys_of: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key in sorted(expanded):
        keys_of[expanded[key]].append(key)
    merges, reviews = [], []
    for i, j in sorted(_candidate_pairs(word_lists)):
        a, b = keys_of[word_lists[i]][0], keys_of[word_lists[j]][0]
        score = _score(word_lists[i], word_lists[j])
        verdict = _verdict(relation(a, b), score)
        if verdict:
            (merges if verdict == _MERGE else reviews).append((score, a, b))
    return reviews + _join_strongest_first(clusters, merges, allowed)


def _organisation_result(clusters: _Clusters, groups: Mapping[str, list[str]], counts: Counter,
                         rules: _OrganisationRules,
                         review_pairs: list[tuple[float, str, str]]) -> MatchResult:
    resolutions: dict[str, Resolution] = {}
    display: dict[Hashable, str] = {}
    weight: dict[Hashable, int] = {}
    for members in clusters.components():
        present = sorted(key for key in members if key in groups)
        if not present:
            continue
        canonical_key, canonical = _organisation_canonical(members, groups, counts, rules)
        root = clusters.find(canonical_key)
        display[root] = canonical
        weight[root] = sum(counts[spelling] for key in present for spelling in groups[key])
        paths = clusters.weakest_links(canonical_key)
        for key in present:
            how, score = paths[key]
            for spelling in groups[key]:
                if key == canonical_key:
                    how, score = (EXACT if spelling == canonical else NORMALISED), 100.0
                resolutions[spelling] = Resolution(spelling, canonical, canonical_key, how, score)
    review = _organisation_review(clusters, review_pairs, rules, display, weight)
    warned = sorted((r for r in resolutions.values() if r.how in WARNED_HOWS),
                    key=lambda r: r.spelling)
    return MatchResult(dict(sorted(resolutions.items())), review, warned)


def _organisation_canonical(members: set, groups: Mapping[str, list[str]], counts: Counter,
                            rules: _OrganisationRules) -> tuple[str, str]:
    """(key, display name) of a cluster: an alias's canonical wins, else the most used."""
    named = [key for key in members if key in rules.canonical_text]
    if named:
        final = [key for key in named if key not in rules.renamed] or named
        uses = {rules.canonical_text[key]: sum(counts[s] for s in groups.get(key, ())) for key in final}
        text = _most_used(uses)
        return normalise_organisation(text), text
    spelling = _most_used({s: counts[s] for key in members for s in groups.get(key, ())})
    return normalise_organisation(spelling), spelling


def _organisation_review(clusters: _Clusters, review_pairs: list[tuple[float, str, str]],
                         rules: _OrganisationRules, display: Mapping[Hashable, str],
                         weight: Mapping[Hashable, int]) -> list[ReviewItem]:
    items = []
    for score, a, b in review_pairs:
        root_a, root_b = clusters.find(a), clusters.find(b)
        if root_a == root_b or _declared_different(clusters.members(a), clusters.members(b),
                                                   rules.different):
            continue
        # The less used name is the one to settle, against the better known one.
        smaller, larger = sorted((root_a, root_b),
                                 key=lambda root: (weight[root], len(display[root]), display[root]))
        items.append(ReviewItem(ORGANISATION, display[smaller], display[larger], score))
    return _cap_review(items)


# ======================================================================================
# People
# ======================================================================================

def _person_words(name: str | None) -> tuple[str, ...]:
    """A person's name as sorted words: 'Whitfield, Dana' reads as 'Dana Whitfield'."""
    text = _fold(_trimmed(name)).casefold().replace("'", "")
    words = tuple(word for word in re.findall(r"[^\W_]+", text) if word not in _PERSON_NOISE)
    return tuple(sorted(words))


def _person_name_key(name: str | None) -> str:
    return " ".join(_person_words(name))


def _email_of(value: str | None) -> str | None:
    text = _trimmed(value).casefold()
    text = text[len("mailto:"):] if text.startswith("mailto:") else text
    return text if "@" in text and " " not in text else None


def _person_reference(cell: str) -> tuple[str, str]:
    """('email', address) or ('name', key) for a person cell of aliases.csv.

    'Dana Whitfield <dana@example.org>', as review files write it, is the address.
    """
    in_angles = _EMAIL_IN_ANGLES.search(cell)
    email = _email_of(in_angles.group(1) if in_angles else cell)
    return (EMAIL, email) if email else (NAME, _person_name_key(cell))


@dataclass
class _PersonRules:
    email_as: dict[str, str] = field(default_factory=dict)  # address -> canonical address
    name_as: dict[str, str] = field(default_factory=dict)  # name key -> canonical name key
    name_display: dict[str, str] = field(default_factory=dict)  # canonical name key -> text
    name_email: list[tuple[str, str]] = field(default_factory=list)  # (name key, address)
    different: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # labels


def _person_rules(aliases: AliasBook | None) -> _PersonRules:
    rules = _PersonRules()
    for alias in (aliases.of_kind(PERSON) if aliases else []):
        (kind_a, a), (kind_b, b) = _person_reference(alias.name), _person_reference(alias.canonical)
        if not a or not b:
            continue
        if alias.decision == DIFFERENT:
            rules.different[f"{kind_a}:{a}"].add(f"{kind_b}:{b}")
            rules.different[f"{kind_b}:{b}"].add(f"{kind_a}:{a}")
        elif kind_a == kind_b == EMAIL:
            rules.email_as[a] = b
        elif kind_a == kind_b == NAME:
            rules.name_as[a] = b
            rules.name_display.setdefault(b, _trimmed(alias.canonical))
        else:
            rules.name_email.append((a, b) if kind_a == NAME else (b, a))
    return rules


def _follow(mapping: Mapping[str, str], value: str) -> str:
    """Where a chain of renamings ends (a loop stops where it started)."""
    seen = {value}
    while value in mapping and mapping[value] not in seen:
        value = mapping[value]
        seen.add(value)
    return value


@dataclass
class _Seen:
    """What the mentions of one person node said."""
    names: Counter = field(default_factory=Counter)  # trimmed names as typed
    name_keys: set[str] = field(default_factory=set)
    places: set[tuple[str, str]] = field(default_factory=set)  # (name key, organisation key or '')
    mentions: int = 0


def match_people(mentions: Iterable[PersonMention],
                 aliases: AliasBook | None = None) -> PersonMatchResult:
    """Decide which mentions are the same person.

    The same email (any case) is the same person; different emails are different
    people, whatever their names. Without an email, the same name counts within the
    same organisation (or where an organisation is unknown), else at another
    organisation if only one person has that name (with a warning). Names that are
    only alike merge within one organisation, with a warning.
    """
    mentions = list(mentions)
    rules = _person_rules(aliases)
    nodes, rewritten = _person_nodes(mentions, rules)
    seen = _seen_by_node(mentions, nodes, rules)
    clusters = _Clusters(sorted(seen))

    def labels(node: tuple) -> set[str]:
        own = {f"{EMAIL}:{node[1]}"} if node[0] == EMAIL else set()
        return own | {f"{NAME}:{key}" for key in seen[node].name_keys}

    def allowed(members_a: set, members_b: set) -> bool:
        emails = {node for node in members_a | members_b if node[0] == EMAIL}
        return len(emails) <= 1 and not _declared_different(members_a, members_b,
                                                            rules.different, labels)

    for name_key, email in sorted(rules.name_email):
        for node in sorted(seen):
            if node[0] == NAME and node[1] == name_key and (EMAIL, email) in seen:
                clusters.join(node, (EMAIL, email), ALIAS, 100.0, allowed)
    reviews = _join_same_names(clusters, seen, allowed)
    reviews += _join_alike_names(clusters, seen, allowed)
    return _person_result(mentions, nodes, rewritten, seen, clusters, rules, reviews)


def _person_nodes(mentions: Sequence[PersonMention],
                  rules: _PersonRules) -> tuple[list[tuple | None], list[bool]]:
    """Each mention's node - ('email', address) or ('name', name key, organisation) -
    and whether an alias rewrote it."""
    nodes, rewritten = [], []
    for mention in mentions:
        email = _email_of(mention.email)
        # An address typed wrong still says who it is, if nothing else does.
        name_key = _person_name_key(mention.name) or ("" if email else _person_name_key(mention.email))
        final_email = _follow(rules.email_as, email) if email else None
        final_name = _follow(rules.name_as, name_key) if name_key else ""
        rewritten.append(final_email != email if email else final_name != name_key)
        if final_email:
            nodes.append((EMAIL, final_email))
        elif final_name:
            nodes.append((NAME, final_name, mention.organisation_key or ""))
        else:
            nodes.append(None)
    return nodes, rewritten


def _seen_by_node(mentions: Sequence[PersonMention], nodes: Sequence[tuple | None],
                  rules: _PersonRules) -> dict[tuple, _Seen]:
    seen: dict[tuple, _Seen] = defaultdict(_Seen)
    for mention, node in zip(mentions, nodes):
        if node is None:
            continue
        facts = seen[node]
        facts.mentions += 1
        name_key = node[1] if node[0] == NAME else _follow(rules.name_as, _person_name_key(mention.name))
        if name_key:
            facts.name_keys.add(name_key)
            facts.places.add((name_key, mention.organisation_key or ""))
        if _trimmed(mention.name):
            facts.names[_trimmed(mention.name)] += 1
    return seen


def _join_same_names(clusters: _Clusters, seen: Mapping[tuple, _Seen],
                     allowed: Callable[[set, set], bool]) -> list[tuple[float, tuple, tuple]]:
    """Link mentions without email to the person of the same name.

    In three rounds, each decided on the state the round starts from so that the
    order of nodes does not matter: same organisation, then another organisation,
    then name nodes whose organisation is unknown (which could be anyone's).
    """
    with_name: dict[str, list[tuple]] = defaultdict(list)
    for node in sorted(seen):
        for name_key in seen[node].name_keys:
            with_name[name_key].append(node)
    reviews: list[tuple[float, tuple, tuple]] = []
    found_at_own_organisation: set[tuple] = set()
    for round_name in ("same organisation", "other organisation", "unknown organisation"):
        links = []
        for node in sorted(seen):
            if (node[0] != NAME or (node[2] == "") != (round_name == "unknown organisation")
                    or node in found_at_own_organisation):
                continue
            candidates = _same_name_candidates(node, with_name[node[1]], seen, round_name)
            if candidates and round_name == "same organisation":
                found_at_own_organisation.add(node)  # preferred: never look further
            owners = {clusters.find(other) for other in candidates} - {clusters.find(node)}
            if len(owners) == 1:
                how = NAME if round_name == "other organisation" else NORMALISED
                links.append((node, min(c for c in candidates if clusters.find(c) in owners), how))
            elif len(owners) <= MAX_REVIEW_CANDIDATES:  # a name shared by more is no lead
                reviews += [(100.0, node, other) for other in candidates
                            if clusters.find(other) in owners]
        for node, other, how in links:
            if not clusters.join(node, other, how, 100.0, allowed):
                reviews.append((100.0, node, other))
    return reviews


def _same_name_candidates(node: tuple, namesakes: Sequence[tuple], seen: Mapping[tuple, _Seen],
                          round_name: str) -> list[tuple]:
    _, name_key, organisation = node
    others = [other for other in namesakes if other != node]
    if round_name == "unknown organisation":
        return others
    if round_name == "same organisation":
        return [other for other in others if other[0] == EMAIL
                and ((name_key, organisation) in seen[other].places
                     or (name_key, "") in seen[other].places)]
    return [other for other in others
            if all(place[1] not in ("", organisation) for place in seen[other].places
                   if place[0] == name_key)]


def _join_alike_names(clusters: _Clusters, seen: Mapping[tuple, _Seen],
                      allowed: Callable[[set, set], bool]) -> list[tuple[float, tuple, tuple]]:
    """Fuzzy name matches, only between people met at the same organisation."""
    by_organisation: dict[str, set[tuple[str, tuple]]] = defaultdict(set)
    for node, facts in seen.items():
        for name_key, organisation in facts.places:
            if organisation:
                by_organisation[organisation].add((name_key, node))
    merges, reviews = [], []
    for organisation in sorted(by_organisation):
        entries = sorted(by_organisation[organisation])
        word_lists = [tuple(name_key.split()) for name_key, _ in entries]
        for i, j in sorted(_candidate_pairs(word_lists)):
            (_, node_a), (_, node_b) = entries[i], entries[j]
            if node_a == node_b or (node_a[0] == EMAIL and node_b[0] == EMAIL):
                continue  # different addresses are different people
            if word_lists[i] == word_lists[j]:
                continue  # the same name: settled by _join_same_names, ambiguity included
            score = _score(word_lists[i], word_lists[j])
            verdict = _verdict(_relation(word_lists[i], word_lists[j], initials=True), score)
            if verdict:
                (merges if verdict == _MERGE else reviews).append((score, node_a, node_b))
    return reviews + _join_strongest_first(clusters, merges, allowed)


def _join_strongest_first(clusters, merges: list[tuple], allowed) -> list[tuple]:
    """Merge the strongest pairs first; a pair the clusters refuse goes back to review."""
    refused = []
    for score, a, b in sorted(merges, key=lambda merge: (-merge[0], merge[1], merge[2])):
        if not clusters.join(a, b, FUZZY, score, allowed):
            refused.append((score, a, b))
    return refused


def _person_result(mentions: Sequence[PersonMention], nodes: Sequence[tuple | None],
                   rewritten: Sequence[bool], seen: Mapping[tuple, _Seen], clusters: _Clusters,
                   rules: _PersonRules, reviews: list[tuple[float, tuple, tuple]]) -> PersonMatchResult:
    people: dict[Hashable, tuple[tuple, str | None, str | None, str]] = {}
    paths: dict[Hashable, dict] = {}
    for members in clusters.components():
        root_node, name, email, key = _person_identity(members, seen, rules)
        people[clusters.find(root_node)] = (root_node, name, email, key)
        paths[clusters.find(root_node)] = clusters.weakest_links(root_node)
    resolutions: list[PersonResolution | None] = []
    for mention, node, was_rewritten in zip(mentions, nodes, rewritten):
        if node is None:
            resolutions.append(None)
            continue
        root = clusters.find(node)
        root_node, name, email, key = people[root]
        how, score = paths[root][node]
        if node == root_node:
            how = EXACT if _trimmed(mention.name) == (name or "") else (EMAIL if node[0] == EMAIL
                                                                         else NORMALISED)
        if was_rewritten and _LINK_STRENGTH.get(how, _ROOT_STRENGTH) > _LINK_STRENGTH[ALIAS]:
            how = ALIAS
        resolutions.append(PersonResolution(mention, key, name, email, how, score))
    warned = sorted({r for r in resolutions if r is not None and r.how in WARNED_HOWS},
                    key=lambda r: (r.key, r.mention.name or "", r.mention.email or "",
                                   r.mention.organisation_key or ""))
    return PersonMatchResult(resolutions, _person_review(clusters, people, reviews), warned)


def _person_identity(members: set, seen: Mapping[tuple, _Seen],
                     rules: _PersonRules) -> tuple[tuple, str | None, str | None, str]:
    """(root node, display name, email, key) of one person."""
    root_node = min(members, key=lambda node: (node[0] != EMAIL, -seen[node].mentions, node))
    names = Counter()
    for node in members:
        names.update(seen[node].names)
    aliased = sorted(rules.name_display[key] for node in members for key in seen[node].name_keys
                     if key in rules.name_display)
    name = aliased[0] if aliased else (_most_used(names) if names else None)
    email = root_node[1] if root_node[0] == EMAIL else None
    if email:
        key = f"{EMAIL}:{email}"
    else:
        key = f"{NAME}:{root_node[1]}" + (f"|{root_node[2]}" if root_node[2] else "")
    return root_node, name, email, key


def _person_review(clusters: _Clusters, people: Mapping[Hashable, tuple],
                   reviews: list[tuple[float, tuple, tuple]]) -> list[ReviewItem]:
    items = []
    labels = {root: _person_label(person) for root, person in people.items()}
    for score, a, b in reviews:
        root_a, root_b = clusters.find(a), clusters.find(b)
        if root_a == root_b or (people[root_a][2] and people[root_b][2]):
            continue  # already one person, or two addresses: two people
        label_a, label_b = sorted((labels[root_a], labels[root_b]))
        if label_a != label_b:  # two identical labels could not be settled in aliases.csv
            items.append(ReviewItem(PERSON, label_a, label_b, score))
    return _cap_review(items)


def _person_label(person: tuple) -> str:
    _, name, email, _ = person
    if name and email:
        return f"{name} <{email}>"
    return name or email or ""
