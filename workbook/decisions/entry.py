"""What can be decided, and what an entry of the log says.

The kinds of decision (``KINDS``) and of subject (``SUBJECT_KINDS``); a subject is named
by kind and a key made from names with the workbook's own matching keys
(``matching.normalise_organisation`` for coalitions and organisations, the overlap's
``normalised_text`` for goal, strategy and indicator wording), never by row ids, which a
load renumbers. ``Decision`` is what is asked to be recorded, ``Entry`` what the log holds.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from ..matching.names import fold, normalise_organisation, trimmed
from ..matching.texts import normalised_text
from ..times import local_time_text

# --- what can be decided --------------------------------------------------------------

@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    meaning: str
    needs_value: bool = False  # the value says what was decided (wording, option, candidate)


WITHDRAW = "withdraw"
KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("combine", "Combine", "several goals or strategies become one; value: the shared wording",
         needs_value=True),
    Kind("keep_separate", "Keep separate", "goals or strategies that look alike stay apart"),
    Kind("align", "Align", "strategies stay with their coalitions, coordinated"),
    Kind("keep", "Keep", "a strategy or goal stays as it is"),
    Kind("add", "Add", "a new shared goal, strategy or indicator; value: its wording",
         needs_value=True),
    Kind("retire", "Retire", "a goal is no longer pursued"),
    Kind("stop", "Stop", "a strategy ends"),
    Kind("adopt", "Adopt", "the North Star or a shared indicator; value: its statement",
         needs_value=True),
    Kind("agree", "Agree", "an umbrella parameter's option agreed; value: the option",
         needs_value=True),
    Kind("choose", "Choose", "the backbone or shared arrangement chosen; value: who",
         needs_value=True),
    Kind(WITHDRAW, "Withdraw", "undo: the superseded entry is no longer in force"),
)}


@dataclass(frozen=True)
class SubjectKind:
    name: str
    title: str
    parts: tuple[str, ...]  # the names a subject of this kind is given by
    loaded: bool = False  # comes from the checklists, so a reload can change it
    compared: tuple[str, ...] = ()  # snapshot fields that say what the subject is
    text: str = "name"  # the snapshot field holding its last name part, as typed


SUBJECT_KINDS: dict[str, SubjectKind] = {k.name: k for k in (
    SubjectKind("coalition", "Coalition", ("name",), loaded=True,
                compared=("name", "status", "merged_into")),
    # An organisation's shown name follows its fullest spelling, so only its absence counts.
    SubjectKind("organisation", "Organisation", ("name",), loaded=True),
    SubjectKind("goal", "Goal", ("coalition", "statement"), loaded=True,
                compared=("statement", "issue_area", "population", "indicator", "unit",
                          "polarity", "target_value", "target_year"), text="statement"),
    SubjectKind("strategy", "Strategy", ("coalition", "strategy"), loaded=True,
                compared=("strategy", "strategy_type", "issue_area", "status"), text="strategy"),
    SubjectKind("indicator", "Indicator", ("indicator",), loaded=True,
                compared=("coalitions",), text="indicator"),
    # Made in the room: nothing in a load to compare them with.
    SubjectKind("north_star", "North Star", ("name",)),
    SubjectKind("shared_goal", "Shared goal", ("wording",)),
    SubjectKind("shared_strategy", "Shared strategy", ("wording",)),
    SubjectKind("shared_indicator", "Shared indicator", ("wording",)),
    SubjectKind("umbrella_parameter", "Umbrella parameter", ("parameter",)),
    SubjectKind("backbone", "Backbone", ("name",)),
    SubjectKind("topic", "Other question", ("question",)),
)}

KEY_SEPARATOR = " / "


def plain_key(text: object) -> str:
    """Case, accents and spacing evened out: the key of a name typed in the room."""
    return " ".join(fold(trimmed(text)).casefold().split())


def wording_key(text: object) -> str:
    """Goal, strategy and indicator wording as the overlaps compare it (no years, no "increase")."""
    return normalised_text(fold(trimmed(text))) or plain_key(text)


def _key_of(kind: str, names: Sequence[str]) -> str:
    if kind in ("coalition", "organisation"):
        return normalise_organisation(names[0])
    if kind in ("goal", "strategy"):
        return normalise_organisation(names[0]) + KEY_SEPARATOR + wording_key(names[1])
    if kind == "indicator":
        return wording_key(names[0])
    return plain_key(names[0])


class DecisionError(ValueError):
    """A decision that cannot be recorded as asked; the message says what to do."""


class DecisionConflict(DecisionError):
    """Someone else superseded the same entry first (e.g. from the second laptop)."""


class DecisionLogBusy(RuntimeError):
    """The database stayed locked beyond the busy timeout: nothing was written."""


@dataclass(frozen=True)
class Subject:
    kind: str
    key: str
    label: str
    snapshot: Mapping[str, Any] | None = None  # as the load had it when decided
    # The names as typed, to tell apart two goals of one coalition worded alike (not stored).
    typed: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def title(self) -> str:
        return f"{SUBJECT_KINDS[self.kind].title}: {self.label}"


def subject(kind: str, *names: str, snapshot: Mapping[str, Any] | None = None) -> Subject:
    """A subject named as people see it, e.g. ``subject("goal", coalition, statement)``.

    A *snapshot* can be given for subjects made in the room (a proposed wording, a
    fist-to-five result); for subjects from the checklists it is read from the load.
    """
    if kind not in SUBJECT_KINDS:
        raise DecisionError(f"'{kind}' is not a kind of subject; use one of: "
                            + ", ".join(SUBJECT_KINDS) + ".")
    parts = SUBJECT_KINDS[kind].parts
    if len(names) != len(parts) or not all(trimmed(n) for n in names):
        raise DecisionError(f"A {SUBJECT_KINDS[kind].title.lower()} is named by "
                            + " and ".join(parts) + f"; got {list(names)!r}.")
    if snapshot is not None and SUBJECT_KINDS[kind].loaded:
        raise DecisionError(f"A {kind}'s snapshot is read from the loaded checklists, not given.")
    key = _key_of(kind, names)
    if not key:
        raise DecisionError(f"{list(names)!r} gives no name to file a {kind} under.")
    return Subject(kind, key, ": ".join(trimmed(n) for n in names),
                   dict(snapshot) if snapshot is not None else None, tuple(names))


@dataclass(frozen=True)
class Decision:
    kind: str
    subjects: tuple[Subject, ...]
    by: str  # a role ("facilitator", "co-facilitator") or an access code's id
    value: str | None = None
    rationale: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)  # rule, round, dissent, vote...
    supersedes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Entry:
    entry_id: int
    kind: str
    value: str | None
    details: Mapping[str, Any]
    by: str
    decided_at: dt.datetime  # UTC
    rationale: str
    load_id: int | None  # the newest load when it was decided
    subjects: tuple[Subject, ...]
    supersedes: tuple[int, ...]
    superseded_by: int | None

    @property
    def in_force(self) -> bool:
        return self.superseded_by is None and self.kind != WITHDRAW

    @property
    def decided_local(self) -> str:
        return local_time_text(self.decided_at.isoformat())

    @property
    def title(self) -> str:
        return KINDS[self.kind].title if self.kind in KINDS else self.kind

    @property
    def coalitions(self) -> tuple[str, ...]:
        """The coalitions it touches: named as subjects, or owning a goal or strategy."""
        names = [(s.snapshot or {}).get("coalition") or (s.snapshot or {}).get("name")
                 if s.kind in ("goal", "strategy", "coalition") else None for s in self.subjects]
        return tuple(dict.fromkeys(n for n in names if n))
