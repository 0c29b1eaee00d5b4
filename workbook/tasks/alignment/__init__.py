"""Task 3, align goals and strategies: what can be combined, and why.

Pure computations; the notebook draws them. One module per concern:

- ``wording``: a text as weighted terms (stems, grades, filler and phrasing words);
- ``thesaurus``: the community-editable concepts of phrases (shipped default plus
  ``data/<community>/thesaurus.csv``), and what the room's accepted merges teach it;
- ``similarity``: how alike two texts are (weighted Dice, spelling folded with rapidfuzz);
- ``feedback``: the room's combine / keep-separate decisions, read from the decision log;
- ``suggestions``: clusters of goals or strategies that could be combined, with reasons;
- ``crosswalk``: every goal, indicator and strategy by result area and by indicator, with
  the results no strategy serves, the strategies serving no result and the indicators
  measured in different ways.
"""
from __future__ import annotations

from .crosswalk import Crosswalk, crosswalk, result_area
from .feedback import Feedback, Verdict, feedback_from_log, item_key
from .similarity import (PRACTICE_POSSIBLE_THRESHOLD, POSSIBLE_THRESHOLD, TEXT_THRESHOLD,
                         text_score)
from .suggestions import (GOAL, LIKELY, STRATEGY, WORTH_A_LOOK, Suggestions, pair_scores,
                          read_items, suggest, suggestions, weaker_from)
from .thesaurus import (DEFAULT_THESAURUS, THESAURUS_FILENAME, Line, Thesaurus,
                        build_thesaurus, read_thesaurus, thesaurus_path)

__all__ = [
    "Crosswalk", "crosswalk", "result_area",
    "Feedback", "Verdict", "feedback_from_log", "item_key",
    "POSSIBLE_THRESHOLD", "PRACTICE_POSSIBLE_THRESHOLD", "TEXT_THRESHOLD", "text_score",
    "GOAL", "LIKELY", "STRATEGY", "WORTH_A_LOOK", "Suggestions", "pair_scores", "read_items", "suggest", "suggestions",
    "weaker_from",
    "DEFAULT_THESAURUS", "THESAURUS_FILENAME", "Line", "Thesaurus", "build_thesaurus",
    "read_thesaurus", "thesaurus_path",
]
