"""Recognise the same organisation, or the same person, under many spellings.

Checklists are typed by many hands: "Boys & Girls Club of NKY", "Boys and Girls
Clubs of Northern Kentucky" and "B&GC of NKY" are one organisation. The package
decides which spellings belong together, in steps of falling certainty:

1. **Normalised** (``names``): spellings that read the same once case, spacing,
   punctuation, "&", a leading "The", plurals, legal forms and common abbreviations
   are evened out. These merge silently.
2. **Alias** (``aliases``): the community's ``aliases.csv`` says two names are the
   ``same`` or ``different``. It overrides everything below.
3. **Acronym** (``acronyms``): an acronym is expanded when another name in the same
   batch spells it out in the same place. These merge with a warning.
4. **Fuzzy** (``similarity``): near-identical names merge with a warning; less
   certain pairs go to the review list and stay separate until a facilitator decides.

``clusters`` keeps how each spelling joined; ``organisations`` and ``people`` put the
steps together. Everything here is pure: no database, no printing, the same answer
for the same input whatever its order.
"""
from .aliases import (ALIAS_COLUMNS, DIFFERENT, ORGANISATION, PERSON, SAME, Alias, AliasBook,
                      ReviewItem, read_aliases, write_review_csv)
from .clusters import ACRONYM, ALIAS, EMAIL, EXACT, FUZZY, NAME, NORMALISED, WARNED_HOWS
from .names import STOPWORDS, normalise_organisation
from .organisations import MatchResult, Resolution, match_organisations
from .people import PersonMatchResult, PersonMention, PersonResolution, match_people
from .similarity import (MAX_REVIEW_CANDIDATES, MERGE_THRESHOLD, REVIEW_THRESHOLD,
                         TOKEN_ALIKE_SIMILARITY, TOKEN_TYPO_SIMILARITY)

__all__ = [
    "ACRONYM", "ALIAS", "ALIAS_COLUMNS", "DIFFERENT", "EMAIL", "EXACT", "FUZZY",
    "MAX_REVIEW_CANDIDATES", "MERGE_THRESHOLD", "NAME", "NORMALISED", "ORGANISATION", "PERSON",
    "REVIEW_THRESHOLD", "SAME", "STOPWORDS", "TOKEN_ALIKE_SIMILARITY", "TOKEN_TYPO_SIMILARITY",
    "WARNED_HOWS", "Alias", "AliasBook", "MatchResult", "PersonMatchResult", "PersonMention",
    "PersonResolution", "Resolution", "ReviewItem", "match_organisations", "match_people",
    "normalise_organisation", "read_aliases", "write_review_csv",
]
