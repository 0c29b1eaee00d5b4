"""What a goal, strategy or indicator says, as weighted terms a computer can compare.

A text becomes a set of terms in four steps:

1. words: lower case, split on anything but letters and digits ("pre-K" -> "pre k",
   "GED/HSE" -> "ged hse"), stemmed ("incarcerated" -> "incarcer"), ordinals written
   one way ("third" -> "3rd") and grades made one term ("3rd grade", "grade 3",
   "third-graders" -> "grade3": a grade tells two results apart);
2. filler words ("the", "of", "to"…) dropped, the same way in the thesaurus's phrases;
3. thesaurus phrases found, longest first, and each replaced by its concept
   ("return to jail" -> concept *recidivism*); a phrase may hold figures and phrasing
   words inside it in a text ("missing 18 or more days of school");
4. phrasing words ("increase", "fewer", "percentage", numbers, years) dropped: they say
   how a result is worded, not which result it is.

Each term weighs 1, except words that say who ("youth", "families": a thesaurus concept
named "… (who)") and generic words ("programs", "access", "county"), which weigh
``LIGHT``: two goals about youth are not alike for that alone. Age groups far apart
(``AGE_RANK``: "children", "adults") tell two results apart.
"""
from __future__ import annotations

import math
import re

import snowballstemmer
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping, Sequence

# Weights of terms: a thesaurus concept says most about which result or practice a text is
# about; a plain word less (it may be a detail: "in middle schools", "at well-child
# visits"); a word that says who ("youth") or a generic word ("programs") least.
# Tuned together with similarity.TEXT_THRESHOLD on the labelled pairs.
CONCEPT = 1.0
# A concept a text only describes (``thesaurus`` glosses: enough of the words a
# description of it uses) weighs less than one it names by a phrase.
DESCRIBED = 0.8
WORD = 0.4
LIGHT = 0.35
GENERIC = 0.1
WHO_SUFFIX = "(who)"
# A concept named "… (measure)" is a survey measure other than the behaviour itself
# ("perceived risk", "parental disapproval", "age of first use"): "perceived risk of
# marijuana use" and "past-30-day marijuana use" share every other term yet are different
# indicators, so two texts of which only one names such a measure are told apart.
MEASURE_SUFFIX = "(measure)"
CONCEPT_MARK = "@"  # concept terms start with it, so no typed word can be one

FILLER = frozenset("""
    a an the of to in on for and or by with at from into within per as is are be been being
    that who whom which their its our your his her they them this these those than through
    so such has have had do does did will would can could should may might must about among
    amongst between during via s t don doesn didn isn aren while when where whose
""".split())

PHRASING = frozenset("""
    increase increas raise improve reduce decreas decrease lower cut prevent expand grow boost
    enhance strengthen more most less fewer higher greater better percent percentage pct rate
    share number proportion count total overall annual annually year years yearly end ensure
    all every each achieve maintain sustain target baseline measure indicator from goal
    continue ongoing least no save close gap gaps eliminate address tackle combat disparity
    disparities past day days month months week weeks time times one two three
    four five six seven eight nine ten twelve dozen hundred thousand half
""".split())

GENERIC_WORDS = frozenset("""
    access quality high program service opportunity resource initiative support provide offer
    create build develop implement promote coordinate connect help participate participation
    community county region regional local citywide countywide statewide city state area
    place neighborhood neighbourhood new key available get receive make use using experience
    report demonstrate show meet meeting standard life live lives having hold take find ready
    well level system work across countywide public free partner partnership engage engagement
    activity activities effort efforts strategy strategies plan increase age ages old olds
    option options family-friendly equitable equity culturally responsive evidence based
    best practice practices model models school high
""".split())

_ENGLISH = snowballstemmer.stemmer("english")
_ORDINALS = {"first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
             "sixth": "6th", "seventh": "7th", "eighth": "8th", "ninth": "9th", "tenth": "10th",
             "eleventh": "11th", "twelfth": "12th"}
_GRADE_WORDS = frozenset({"grade", "grader", "gr", "graders", "grades"})
_ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th)$")
_GRADE = re.compile(r"^grade\d{1,2}$")
_NUMBER = re.compile(r"^\d+(st|nd|rd|th|s|k|m)?$")


# Words Snowball stems onto a word of another meaning, each given its own stem: without
# these "incoming 9th graders" read as income, "adopt a curriculum" as adoption (permanency),
# "connect families" as connectivity (broadband), "personalized letters" as persons,
# "permanent housing" as permanency, "early education" as "early educators", "earn a
# credential" as earnings (wages), "post offices" as (police) officers, "attend a
# program" as (school) attendance, "natural supports" or "nature walks" as
# naturalization (citizenship). A family of forms maps to one stem, so the thesaurus
# phrase and the text still meet.
_OWN_STEMS = {
    "incoming": "incoming",
    "personal": "personal", "personalized": "personal", "personalised": "personal",
    "connectivity": "connectivity",
    "adoption": "adoption", "adoptions": "adoption", "adoptive": "adoption",
    "permanency": "permanency",
    "educator": "educator", "educators": "educator",
    "earnings": "earnings",
    "officer": "officer", "officers": "officer",
    "affordability": "affordability",
    "removal": "removal", "removals": "removal",
    "hospitalization": "hospitalization", "hospitalizations": "hospitalization",
    "hospitalized": "hospitalization",
    "employer": "employer", "employers": "employer",
    "generation": "generation", "generations": "generation", "generational": "generation",
    "organization": "organization", "organizations": "organization",
    "organisation": "organization", "organisations": "organization",
    "harmful": "harmful",
    "transitional": "transitional",
    "attendance": "attendance",
    "persistent": "persistent",
    "literacy": "literacy", "literate": "literacy",
    "constructive": "constructive", "constructively": "constructive",
    **{form: "naturalization" for form in (
        "naturalization", "naturalizations", "naturalize", "naturalized", "naturalizing",
        "naturalisation", "naturalise", "naturalised", "naturalising")},
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter 2) English stem, the same for a text and a thesaurus phrase:
    "incarcerated" and "incarceration" -> "incarcer", "kindergarteners" -> "kindergarten"
    (``_OWN_STEMS`` aside)."""
    own = _OWN_STEMS.get(word)
    if own:
        return own
    if len(word) <= 4:  # acronyms ("AED", "MAT", "OST"): at most a plural s comes off
        return word[:-1] if len(word) > 3 and word.endswith("s") and word[-2] != "s" else word
    return _ENGLISH.stemWord(word)


def _with_stems(listed: frozenset[str]) -> frozenset[str]:
    return frozenset(listed | {stem(w) for w in listed})


FILLER = _with_stems(FILLER)
PHRASING = _with_stems(PHRASING)
GENERIC_WORDS = _with_stems(GENERIC_WORDS)


def words(text: object) -> list[str]:
    """Step 1: stemmed words, ordinals as digits, grades as one term."""
    return [word for word, _, _ in spans(text)[1]]


def spans(text: object) -> tuple[list[str], list[tuple[str, int, int]]]:
    """The text's words as typed (lower case), and each stemmed word with the typed words
    it stands for (start, end), so a reason can quote the text's own words."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return [], []
    raw = re.sub(r"[^a-z0-9]+", " ", str(text).lower().replace("'", "")).split()
    out: list[tuple[str, int, int]] = []
    for at, typed in enumerate(raw):
        word = _ORDINALS.get(typed, typed)
        word = stem(word) if not word[0].isdigit() else word
        if word in _GRADE_WORDS and out and _ORDINAL.match(out[-1][0]):
            out[-1] = ("grade" + _ORDINAL.match(out[-1][0]).group(1), out[-1][1], at + 1)
            continue
        if out and out[-1][0] == "grade" and re.fullmatch(r"\d{1,2}", word):
            out[-1] = ("grade" + word, out[-1][1], at + 1)  # "grade 3"
            continue
        out.append((word, at, at + 1))
    return raw, out


# A statement's details: what a real plan adds to its result or practice (a data source or
# survey in brackets, a definition, a dosage; "as measured by …", "consistent with …").
# Their plain words weigh GENERIC and the concepts they name LIGHT, so a long, detailed
# statement is still about its result: "Reduce returns to homelessness … (HUD System
# Performance Measure 2)" against "… will end up homeless again". A detail clause runs
# to the end of its sentence or clause (";", ". ", a closing bracket).
DETAIL_OPENERS = re.compile(
    r"\b(?:as measured by|measured by|as reported (?:in|by)|as (?:confirmed|tracked|verified|shown) "
    r"(?:by|through|in|on)|according to|consistent with|"
    r"in line with|aligned with|in alignment with|(?:data )?sources?:)")
_DETAIL_END = re.compile(r";|\.(?:\s|$)|\)")


def detail_positions(text: object) -> frozenset[int]:
    """Positions, among ``spans``' typed words, of words in a detail of the statement:
    inside brackets, or after a ``DETAIL_OPENERS`` phrase."""
    if not isinstance(text, str):
        return frozenset()
    lowered = text.lower().replace("'", "")
    if "(" not in lowered and not DETAIL_OPENERS.search(lowered):
        return frozenset()
    inside = [False] * (len(lowered) + 1)
    depth = 0
    for at, char in enumerate(lowered):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        inside[at] = depth > 0
    for opener in DETAIL_OPENERS.finditer(lowered):
        end = _DETAIL_END.search(lowered, opener.end())
        for at in range(opener.start(), end.start() if end else len(lowered)):
            inside[at] = True
    return frozenset(number for number, word in enumerate(re.finditer(r"[a-z0-9]+", lowered))
                     if inside[word.start()])


def content_words(text: object) -> list[str]:
    """Steps 1 and 2: the words a thesaurus phrase is matched against."""
    return [w for w in words(text) if w not in FILLER]


def content_spans(text: object) -> tuple[list[str], list[tuple[str, int, int]]]:
    if isinstance(text, str):
        return _content_spans_of(text)
    raw, out = spans(text)
    return raw, [s for s in out if s[0] not in FILLER]


def clear_cache() -> None:
    """Forget every wording read (benchmarks time a first reading with it)."""
    _content_spans_of.cache_clear()
    stem.cache_clear()


@lru_cache(maxsize=65536)
def _content_spans_of(text: str) -> tuple[list[str], list[tuple[str, int, int]]]:
    """Cached: a text is read the same way by every thesaurus (the room's learning makes a
    new thesaurus at each call); callers must not change the lists."""
    raw, out = spans(text)
    return raw, [s for s in out if s[0] not in FILLER]


@dataclass(frozen=True)
class Terms:
    """A text's terms with their weights, and for each concept the words that named it."""
    weights: Mapping[str, float]
    named_by: Mapping[str, str] = field(default_factory=dict)  # concept term -> words typed

    @property
    def total(self) -> float:
        return float(sum(self.weights.values()))


def weigh(tokens: list[str], concept_weights: Mapping[str, float],
          details: Sequence[bool] = ()) -> dict[str, float]:
    """Step 4: drop phrasing words and numbers; weigh what is left. *details*: which
    tokens lie in a detail of the statement (``detail_positions``): a concept there weighs
    at most LIGHT, a word GENERIC, and a term said in the statement's body too keeps the
    body's weight."""
    weights: dict[str, float] = {}
    for at, token in enumerate(tokens):
        if token.startswith(CONCEPT_MARK):
            weight = concept_weights.get(token, CONCEPT)
            cap = LIGHT
        elif token in PHRASING or _NUMBER.match(token) or len(token) < 2:
            continue
        elif _GRADE.match(token):
            weight = cap = CONCEPT  # "3rd grade" and "8th grade" are different results
        else:
            weight = GENERIC if token in GENERIC_WORDS else WORD
            cap = GENERIC
        if at < len(details) and details[at]:
            weight = min(weight, cap)
        weights[token] = max(weight, weights.get(token, 0.0))
    return weights


# Age groups the default thesaurus names, youngest first. Two texts whose groups are two or
# more steps apart ("childhood obesity" among children, "adult obesity") are about
# different results; neighbours overlap ("youth" and "young adults") and stay alike.
# The early grades (K-3) sit one step below children in general, so they are two steps
# from youth: "chronic absence in grades K-3" and "… in grades 9-12" are different results.
AGE_RANK = {"early grades (who)": 0, "children (who)": 1, "youth (who)": 2,
            "young adults (who)": 3, "college students (who)": 3, "adults (who)": 4,
            "seniors (who)": 5}
AGES_APART = 2


def age_span(terms: Mapping[str, float]) -> tuple[int, int] | None:
    """The youngest and oldest age group a text's terms name, or None."""
    ranks = [AGE_RANK[t[len(CONCEPT_MARK):]] for t in terms
             if t.startswith(CONCEPT_MARK) and t[len(CONCEPT_MARK):] in AGE_RANK]
    return (min(ranks), max(ranks)) if ranks else None


def ages_apart(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and \
        (b[0] - a[1] >= AGES_APART or a[0] - b[1] >= AGES_APART)


def is_phrasing(token: str) -> bool:
    """A word that says how a result is worded (step 4), or a figure."""
    return token in PHRASING or bool(_NUMBER.match(token))


def is_who(concept: str) -> bool:
    return concept.strip().casefold().endswith(WHO_SUFFIX)


def measures(terms: Mapping[str, float]) -> frozenset[str]:
    """The "(measure)" concepts a text's terms name."""
    return frozenset(t for t in terms if t.startswith(CONCEPT_MARK) and t.endswith(MEASURE_SUFFIX))


def concept_name(concept: str) -> str:
    """A concept's name without its "(who)" or "(measure)" tag: its own first phrase."""
    return concept.replace(WHO_SUFFIX, "").replace(MEASURE_SUFFIX, "").strip()
