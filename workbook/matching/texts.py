"""Goal, strategy and indicator wording reduced to what it says: the key two texts share
when they say the same thing (the overlaps compare these; the decision log names its
subjects by them, so a reworded checklist still finds its decisions)."""
from __future__ import annotations

import functools
import math
import re

# Words that tell how a goal is phrased, not what it is about.
_STOP_WORDS = frozenset("""
    a an the of to in on for and or by with at from into within per as is are be been being
    that who their its our all every each more most less fewer increase increased increasing
    raise raising reduce reduced reducing decrease decreasing improve improved improving
    expand expanding grow growing boost lower lowering cut share percent percentage rate
    number proportion
""".split())


_YEAR = re.compile(r"\b(19|20)\d\d\b")
_NOT_A_WORD = re.compile(r"[^a-z0-9]+")


def normalised_text(text: object) -> str:
    """Lower case, no years or punctuation, no phrasing words, crude stems."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    # "by 2030" is when, not what: a target year does not make a different goal.
    lowered = _YEAR.sub(" ", str(text).lower())
    words = _NOT_A_WORD.sub(" ", lowered).split()
    return " ".join(_stem(w) for w in words if w not in _STOP_WORDS)


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    # A community writes a few thousand distinct words: each is stemmed once.
    for suffix in ("ing", "ers", "ness", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word
