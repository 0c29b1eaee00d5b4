"""What the room said about earlier suggestions, read from the one decision log.

A ``combine`` decision about two or more goals (or strategies) accepts every pair among
them; ``keep_separate`` rejects every pair. Only decisions in force count: a withdrawn
"keep separate" no longer blocks the pair. The suggestions use them so:

* a rejected pair is never suggested again, and pairs worded like it score lower;
* an accepted pair's wording becomes a thesaurus equivalence (``thesaurus.learned_lines``),
  so the next goals worded the same way are found.

``Feedback`` can also be built by hand (tests, benchmarks) without a database.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from ... import decisions

COMBINE, KEEP_SEPARATE = "combine", "keep_separate"


@dataclass(frozen=True)
class Verdict:
    """The room's word on two goals or two strategies, each named by its decision-log key."""
    kind: str  # "goal" or "strategy"
    keys: frozenset[str]
    texts: tuple[str, str]
    accepted: bool
    entry_id: int | None = None


@dataclass(frozen=True)
class Feedback:
    verdicts: tuple[Verdict, ...] = ()

    def of_kind(self, kind: str) -> "Feedback":
        return Feedback(tuple(v for v in self.verdicts if v.kind == kind))

    @property
    def accepted(self) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if v.accepted)

    @property
    def rejected(self) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if not v.accepted)

    def rejected_keys(self) -> set[frozenset[str]]:
        return {v.keys for v in self.rejected}

    def accepted_keys(self) -> set[frozenset[str]]:
        return {v.keys for v in self.accepted}


def item_key(kind: str, coalition: str, text: str) -> str | None:
    """The decision log's key for a goal or strategy (None for a blank name or text)."""
    try:
        return decisions.subject(kind, str(coalition), str(text)).key
    except decisions.DecisionError:
        return None


def feedback_from_log(db: str | Path) -> Feedback:
    """Every pair the room combined or kept separate, from the entries now in force."""
    verdicts: list[Verdict] = []
    for entry in decisions.current(db):
        if entry.kind not in (COMBINE, KEEP_SEPARATE):
            continue
        for kind in ("goal", "strategy"):
            subjects = [s for s in entry.subjects if s.kind == kind]
            for a, b in combinations(subjects, 2):
                if a.key == b.key:
                    continue
                verdicts.append(Verdict(kind, frozenset((a.key, b.key)),
                                        (_text_of(a), _text_of(b)),
                                        entry.kind == COMBINE, entry.entry_id))
    return Feedback(tuple(verdicts))


def _text_of(s: decisions.Subject) -> str:
    field_name = decisions.SUBJECT_KINDS[s.kind].text
    typed = (s.snapshot or {}).get(field_name)
    return str(typed) if typed else s.label.split(": ", 1)[-1]
