"""Recognise the same organisation, or the same person, under many spellings.

Checklists are typed by many hands: "Boys & Girls Club of NKY", "Boys and Girls
Clubs of Northern Kentucky" and "B&GC of NKY" are one organisation. The package
decides which spellings belong together, in steps of falling certainty:

0. **Placeholders** ("Self", "Resident", "N/A": ``schema.PLACEHOLDER_NAMES``) are set
   aside: they never become organisations and never merge.
1. **Normalised** (``names``): spellings that read the same once case, spacing,
   punctuation, "&", a leading "The", plurals, legal forms, common abbreviations and
   numbers ("Sixth" = "6th") are evened out. These merge silently.
2. **Alias** (``aliases``): the community's ``aliases.csv`` says two names are the
   ``same`` or ``different``. It overrides everything below.
3. **Equivalent** (``equivalences``): phrases that name one kind of body ("Board of
   Education" = "Schools"), built in and in the community's ``name-equivalences.csv``.
   These merge silently.
4. **Acronym** (``acronyms``): an acronym is expanded when the writer spelled it out
   in parentheses, or another name of the batch spells it out in the same place.
   These merge with a warning. An acronym typed alone whose letters merely fit a
   name is only offered for review.
5. **Fuzzy** (``similarity``): near-identical names merge with a warning; less
   certain pairs go to the review list and stay separate until a facilitator decides.

``clusters`` keeps how each spelling joined; ``organisations`` and ``people`` put the
steps together; ``evaluation`` measures them on labelled pairs. Everything here is
pure: no database, no printing, the same answer for the same input whatever its order.
"""
from .aliases import (ALIAS_COLUMNS, DIFFERENT, ORGANISATION, PERSON, SAME, Alias, AliasBook,
                      ReviewItem, read_aliases, write_review_csv)
from .clusters import (ACRONYM, ALIAS, EMAIL, EQUIVALENT, EXACT, FUZZY, NAME, NORMALISED,
                       WARNED_HOWS)
from .equivalences import (EQUIVALENCES_FILENAME, Equivalences, build_equivalences,
                           equivalences_beside, read_equivalences)
from .names import STOPWORDS, is_placeholder, normalise_organisation
from .organisations import MatchResult, Resolution, match_organisations
from .people import PersonMatchResult, PersonMention, PersonResolution, match_people
from .similarity import (MAX_REVIEW_CANDIDATES, MERGE_THRESHOLD, REVIEW_THRESHOLD,
                         TOKEN_ALIKE_SIMILARITY, TOKEN_TYPO_SIMILARITY)

__all__ = [
    "ACRONYM", "ALIAS", "ALIAS_COLUMNS", "DIFFERENT", "EMAIL", "EQUIVALENCES_FILENAME",
    "EQUIVALENT", "EXACT", "FUZZY", "MAX_REVIEW_CANDIDATES", "MERGE_THRESHOLD", "NAME",
    "NORMALISED", "ORGANISATION", "PERSON", "REVIEW_THRESHOLD", "SAME", "STOPWORDS",
    "TOKEN_ALIKE_SIMILARITY", "TOKEN_TYPO_SIMILARITY", "WARNED_HOWS", "Alias", "AliasBook",
    "Equivalences", "MatchResult", "PersonMatchResult", "PersonMention", "PersonResolution",
    "Resolution", "ReviewItem", "build_equivalences", "equivalences_beside", "is_placeholder",
    "match_organisations", "match_people", "normalise_organisation", "read_aliases",
    "read_equivalences", "write_review_csv",
]
