"""Organisation names as words: normalising, tokens, abbreviations and legal forms.

Spellings that read the same once case, spacing, punctuation, "&", a leading "The",
plurals, legal forms (Inc, LLC) and common abbreviations (Dept, Univ, Assn) are evened
out share one key and merge silently.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# --- Words ---------------------------------------------------------------------------

# An acronym has this many letters (an ampersand not counted).
ACRONYM_MIN_LETTERS = 2
ACRONYM_MAX_LETTERS = 6

# Little words that do not tell organisations apart; left out of the comparison key.
# Acronyms may still use their initials (the O of "DOE").
STOPWORDS = frozenset({"the", "of", "and", "for", "at", "in", "on", "to"})

# Legal forms say nothing about which organisation it is; dropped from the end of a
# name. A final "Co" is read as "Company" here, while "Co" inside a name is a county.
LEGAL_FORMS = frozenset({"inc", "incorporated", "llc", "ltd", "limited", "corp",
                          "corporation", "co", "company", "pllc", "plc", "llp", "lp"})

# General abbreviations, the same in any community (regional acronyms are learnt).
ABBREVIATIONS = {
    "dept": "department", "dpt": "department", "univ": "university",
    "assn": "association", "assoc": "association", "ctr": "center", "cntr": "center",
    "centre": "center", "svcs": "services", "svc": "service", "srvcs": "services",
    "co": "county", "cnty": "county", "intl": "international", "natl": "national",
    "govt": "government", "hosp": "hospital", "mgmt": "management", "dist": "district",
    "sch": "school", "schl": "school", "elem": "elementary", "auth": "authority",
    "hsg": "housing", "hlth": "health", "fdn": "foundation", "fndn": "foundation",
    "saint": "st", "mt": "mount", "ft": "fort", "twp": "township", "bros": "brothers",
    "org": "organization", "organisation": "organization", "programme": "program",
    "coop": "cooperative", "educ": "education", "ed": "education", "bd": "board",
    "ind": "independent", "indep": "independent",
    # States whose short forms are no other word ("IN", "OR", "ME" are left alone).
    "ky": "kentucky", "oh": "ohio", "tenn": "tennessee", "tn": "tennessee",
}
_KNOWN_WORDS = frozenset(ABBREVIATIONS) | frozenset(ABBREVIATIONS.values())
# Short forms, whichever way round the table holds them ("Dept", and "St" for Saint).
_SHORT_FORMS = (frozenset(short for short, full in ABBREVIATIONS.items() if len(full) > len(short))
                | frozenset(short for full, short in ABBREVIATIONS.items() if len(full) > len(short)))

# Numbers typed as words or ordinals read as digits: "Sixth District" is "6th District".
_NUMBER_WORDS = {word: str(number) for number, words in enumerate((
    (), ("one", "first"), ("two", "second"), ("three", "third"), ("four", "fourth"),
    ("five", "fifth"), ("six", "sixth"), ("seven", "seventh"), ("eight", "eighth"),
    ("nine", "ninth"), ("ten", "tenth"), ("eleven", "eleventh"), ("twelve", "twelfth")))
    for word in words}
# The initials a number typed as a word gave, for acronyms: "Five Rivers" is FR.
NUMBER_INITIALS = {digits: frozenset(word[0] for word, value in _NUMBER_WORDS.items() if value == digits)
                   for digits in set(_NUMBER_WORDS.values())}
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
# A word cut short with a dot ("N. Ky.", "Comm.") that is not a known abbreviation
# keeps a trailing dot, so that it can stand for any word it begins (similarity.py).
ABBREVIATION_MARK = "."
_CUT_WORD_MAX_LETTERS = 4
# "(NKADD)" after a name: the writer saying what the acronym stands for.
_ACRONYM_IN_PARENTHESES = re.compile(r"\(\s*((?:[A-Z]\.?){2,8}|[A-Z]{1,4}&[A-Z]{1,4})\s*\)")
# A capital inside a word starts another word: "TriHealth" is "Tri Health".
_CAMEL_CASE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_REMARK = re.compile(r"\([^)]*\)")
_PUNCTUATION = re.compile(r"[^\w?]+")

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_DOTTED_ACRONYM = re.compile(r"\b[A-Za-z](?:\.[A-Za-z])+\.?(?![A-Za-z])")  # N.K.Y.
_CO_OP = re.compile(r"\bco-op\b", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+(?:['&+][^\W_]+)*|[&+]")
_POSSESSIVE = re.compile(r"'s$|'$", re.IGNORECASE)
DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class ParsedName:
    words: tuple[str, ...]  # every normalised word, little words included
    # (word, letters as typed) for words typed like acronyms (NKY, B&GC). The word is
    # normalised like any other, so the key never depends on case; the letters are
    # what the acronym is matched with ("NKYHS" keeps its S, though its word is "nkyh").
    acronyms: frozenset[tuple[str, str]]
    # The acronym written in parentheses after the name, as (word, letters), if any.
    defines: tuple[str, str] | None = None
    shortened: int = 0  # words typed short: "Dept", "Co.", "N."

    @property
    def content(self) -> tuple[str, ...]:
        return content_words(self.words)

    @property
    def key(self) -> str:
        return " ".join(self.content) or " ".join(self.words)


def normalise_organisation(name: str) -> str:
    """The comparison key of an organisation name (also ``Resolution.key``)."""
    return parse_name(name).key or trimmed(name).casefold()


@lru_cache(maxsize=16_384)  # one batch meets the same spellings in many files
def parse_name(spelling: str) -> ParsedName:
    text = fold(spelling)
    defines = None
    in_parentheses = _ACRONYM_IN_PARENTHESES.search(text)
    if in_parentheses and text[:in_parentheses.start()].strip():
        letters = in_parentheses.group(1).replace(".", "").casefold()
        text = text[:in_parentheses.start()] + " " + text[in_parentheses.end():]
        defines = (_singular(letters), letters)
    text = _CO_OP.sub("coop", text)
    text = _CAMEL_CASE.sub(" ", text)
    text = _DOTTED_ACRONYM.sub(lambda found: found.group().replace(".", ""), text)
    found = list(_TOKEN.finditer(text))
    # An all-capitals word is an acronym only where the writer had a choice: in a
    # name typed in mixed case, or alone. "BOYS AND GIRLS CLUB" is shouting.
    acronyms_possible = len(found) == 1 or any(ch.islower() for ch in text)
    typed: list[tuple[str, bool]] = []  # (word, typed like an acronym)
    for position, token in enumerate(found):
        read = _read_token(token.group(), acronyms_possible)
        cut_short = (text[token.end():token.end() + 1] == "." and len(read) == 1
                     and (position < len(found) - 1 or len(token.group()) <= 3))
        typed += [(_marked_if_cut(word, cut_short), is_acronym) for word, is_acronym in read]
    typed = _drop_legal_forms(_drop_leading_the(typed))
    words = [_as_number(_singular(ABBREVIATIONS.get(word, word))) for word, _ in typed]
    acronyms = {(word, letters) for word, (letters, is_acronym) in zip(words, typed) if is_acronym}
    shortened = sum(word in _SHORT_FORMS or word.endswith(ABBREVIATION_MARK) for word, _ in typed)
    return ParsedName(tuple(words), frozenset(acronyms), defines, shortened)


def _marked_if_cut(word: str, cut_short: bool) -> str:
    """A word typed with a dot after it keeps the dot when it is no known word."""
    if (not cut_short or not word.isalpha() or len(word) > _CUT_WORD_MAX_LETTERS
            or word in _KNOWN_WORDS or word in LEGAL_FORMS or word in STOPWORDS
            or word in _NUMBER_WORDS):
        return word
    return word + ABBREVIATION_MARK


def _as_number(word: str) -> str:
    ordinal = _ORDINAL.match(word)
    return ordinal.group(1) if ordinal else _NUMBER_WORDS.get(word, word)


def is_placeholder(spelling: str | None, placeholders: Iterable[str]) -> bool:
    """Is this what staff type for someone with no organisation ("Self", "N/A", "?")?"""
    text = _placeholder_text(spelling)
    return text == "" or text in _placeholder_texts(tuple(placeholders))


@lru_cache(maxsize=8)
def _placeholder_texts(placeholders: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_placeholder_text(word) for word in placeholders)


def _placeholder_text(spelling: str | None) -> str:
    """Lower case, remarks in parentheses and punctuation left out: "Self (parent)" is "self"."""
    text = _PUNCTUATION.sub(" ", _REMARK.sub(" ", fold(trimmed(spelling)).casefold()))
    text = " ".join(text.split())
    return "" if text.strip("? ") == "" else text


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
                  and lower not in ABBREVIATIONS and lower not in LEGAL_FORMS
                  and lower not in STOPWORDS)
    return [(lower, is_acronym)]


def fold(text: str) -> str:
    """Accents, odd spaces and curly quotes evened out; case kept (acronyms need it)."""
    if isinstance(text, str) and text.isascii():  # nothing to decompose or remove
        return text.replace("`", "'")
    text = unicodedata.normalize("NFKD", str(text)).translate(_ZERO_WIDTH)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.translate(_APOSTROPHES)


def _drop_leading_the(typed: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    return typed[1:] if len(typed) > 1 and typed[0][0] == "the" else typed


def _drop_legal_forms(typed: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    while len(typed) > 1 and typed[-1][0] in LEGAL_FORMS:
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


def content_words(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(word for word in words if word not in STOPWORDS)


def trimmed(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    # The zero-width characters are all outside ASCII; translating is slow even when none is there.
    return (text if text.isascii() else text.translate(_ZERO_WIDTH)).strip()
