"""Task 2, analyse the overlaps: who shares what with whom, and what it costs people.

Pure computations on the starter database; views draw them. One module per question:

- ``matrices``: every dimension's pairwise overlap and the weighted combined score
  (its docstring holds the conventions: overlap coefficient, places, text matching);
- ``pairs``: the most-overlapping pairs, each with the items it shares as its reason;
- ``network``: the organisation-coalition membership network with a fixed-seed layout;
- ``burden``: meeting hours per organisation and per person;
- ``asks``: what each organisation is asked for, by how many coalitions;
- ``comparison``: up to ``MAX_COMPARED`` coalitions side by side;
- ``texts`` (goal and strategy matching), ``labels`` (coalitions shown and their chart
  labels) and ``evidence`` (the items behind a score) serve them.

The names below are the package's whole public face: callers import from
``workbook.tasks.overlaps``, not from its modules.
"""
from __future__ import annotations

from .asks import AskLoad, ask_load
from .burden import DEFAULT_MEETING_HOURS, NO_ORGANISATION, MeetingBurden, meeting_burden
from .comparison import (COMPARISON_FIELDS, LIST_FIELDS, MAX_COMPARED, Comparison,
                         compare_coalitions)
from .labels import coalition_labels, community_of
from .matrices import (COMBINED, DEFAULT_WEIGHTS, DIMENSION_LABELS, DIMENSIONS, MEASURES,
                       DimensionOverlap, OverlapMatrices, normalised_weights, overlap_matrices)
from .network import NETWORK_SEED, ROLE_ORDER, MembershipNetwork, membership_network
from .pairs import REASON_ITEMS_SHOWN, top_pairs
from .texts import TEXT_MATCH_THRESHOLD, normalised_text

__all__ = [
    "AskLoad", "ask_load",
    "DEFAULT_MEETING_HOURS", "NO_ORGANISATION", "MeetingBurden", "meeting_burden",
    "COMPARISON_FIELDS", "LIST_FIELDS", "MAX_COMPARED", "Comparison", "compare_coalitions",
    "coalition_labels", "community_of",
    "COMBINED", "DEFAULT_WEIGHTS", "DIMENSION_LABELS", "DIMENSIONS", "MEASURES",
    "DimensionOverlap", "OverlapMatrices", "normalised_weights", "overlap_matrices",
    "NETWORK_SEED", "ROLE_ORDER", "MembershipNetwork", "membership_network",
    "REASON_ITEMS_SHOWN", "top_pairs",
    "TEXT_MATCH_THRESHOLD", "normalised_text",
]
