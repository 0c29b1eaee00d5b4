"""The tests a file of vocabulary pairs holds (rounds 16 and 17 of the suggestions): one
result or practice worded two ways is suggested (``TEXT_THRESHOLD`` or more), neighbours
stay below their kind's weaker band (``weaker_from``), and the default thesaurus still puts
each phrase in one concept. A pair no vocabulary settles yet is a strict xfail with its
reason (``not_yet``), so that settling it shows."""
from __future__ import annotations

from functools import lru_cache

import pytest

from workbook.tasks.alignment import (GOAL, STRATEGY, TEXT_THRESHOLD, build_thesaurus,
                                      text_score, weaker_from)


@lru_cache(maxsize=1)
def default_thesaurus():
    return build_thesaurus()


def not_yet(one: str, other: str, reason: str):
    return pytest.param(one, other, marks=pytest.mark.xfail(strict=True, reason=reason))


def pair_tests(same: list, apart: list, kind: str = GOAL) -> tuple:
    """The three tests of a pairs file, to bind to names starting with ``test_`` there."""
    practice = kind == STRATEGY

    @pytest.mark.parametrize("one, other", same)
    def suggested(one: str, other: str):
        assert text_score(one, other, default_thesaurus(), practice=practice) >= TEXT_THRESHOLD

    @pytest.mark.parametrize("one, other", apart)
    def not_suggested(one: str, other: str):
        assert text_score(one, other, default_thesaurus(), practice=practice) < weaker_from(kind)

    def one_concept_per_phrase():
        assert default_thesaurus().problems == []

    return suggested, not_suggested, one_concept_per_phrase
