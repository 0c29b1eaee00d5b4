"""How well the matcher does on labelled pairs of spellings.

A labelled set is a CSV of pairs - ``a``, ``b``, ``same`` (yes/no), ``category``,
``note`` - written from the names real member lists carry. The matcher is run on
all spellings of the set at once, as a load would run it, and each pair is read
back as *merged* (one organisation), *review* (offered to the facilitator) or
*apart*. From that: auto-merge precision, recall of merge plus review, and
auto-merge recall, overall and per category.

Only the matcher's public results are read (``resolutions`` with ``key`` and
``canonical``, and ``review`` items), so the same code measures an older matcher.
"""
from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

MERGED = "merged"
REVIEW = "review"
APART = "apart"
_YES = {"yes", "y", "same", "true", "1"}
_NO = {"no", "n", "different", "false", "0"}


@dataclass(frozen=True)
class LabelledPair:
    a: str
    b: str
    same: bool
    category: str
    note: str = ""


@dataclass(frozen=True)
class LabelledPeoplePair:
    a: tuple[str, str, str]  # (name, email, organisation)
    b: tuple[str, str, str]
    same: bool
    category: str
    note: str = ""


@dataclass
class Figures:
    """Counts over labelled pairs and the rates the targets are set on."""
    same_pairs: int = 0
    different_pairs: int = 0
    merged_same: int = 0  # true merges
    reviewed_same: int = 0
    merged_different: int = 0  # false merges
    reviewed_different: int = 0
    false_merges: list[LabelledPair] = field(default_factory=list)
    missed: list[LabelledPair] = field(default_factory=list)  # same, but neither merged nor reviewed

    def add(self, pair, outcome: str) -> None:
        if pair.same:
            self.same_pairs += 1
            self.merged_same += outcome == MERGED
            self.reviewed_same += outcome == REVIEW
            if outcome == APART:
                self.missed.append(pair)
        else:
            self.different_pairs += 1
            self.merged_different += outcome == MERGED
            self.reviewed_different += outcome == REVIEW
            if outcome == MERGED:
                self.false_merges.append(pair)

    @property
    def precision(self) -> float:
        """Of the labelled pairs merged automatically, the share that are one."""
        merged = self.merged_same + self.merged_different
        return self.merged_same / merged if merged else 1.0

    @property
    def recall_merge_or_review(self) -> float:
        return (self.merged_same + self.reviewed_same) / self.same_pairs if self.same_pairs else 1.0

    @property
    def recall_merge(self) -> float:
        return self.merged_same / self.same_pairs if self.same_pairs else 1.0


def _yes_no(value: str, line: int, path: Path) -> bool:
    text = value.strip().casefold()
    if text in _YES | _NO:
        return text in _YES
    raise ValueError(f"{path.name} line {line}: 'same' should be yes or no, not {value!r}")


def read_pairs(path: str | Path) -> list[LabelledPair]:
    path = Path(path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [LabelledPair(row["a"], row["b"], _yes_no(row["same"], line, path),
                         row.get("category", "").strip(), row.get("note") or "")
            for line, row in enumerate(rows, start=2)]


def read_people_pairs(path: str | Path) -> list[LabelledPeoplePair]:
    path = Path(path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [LabelledPeoplePair(
        (row["name_a"], row["email_a"], row["organisation_a"]),
        (row["name_b"], row["email_b"], row["organisation_b"]),
        _yes_no(row["same"], line, path), row.get("category", "").strip(), row.get("note") or "")
        for line, row in enumerate(rows, start=2)]


def contradictions(pairs: Sequence[LabelledPair]) -> list[LabelledPair]:
    """'no' pairs that the 'yes' pairs join through other spellings: a labelling slip."""
    parent: dict[str, str] = {}

    def find(name: str) -> str:
        parent.setdefault(name, name)
        while parent[name] != name:
            name = parent[name]
        return name

    for pair in pairs:
        if pair.same:
            parent[find(pair.a.strip())] = find(pair.b.strip())
    return [pair for pair in pairs if not pair.same and pair.a.strip() != pair.b.strip()
            and find(pair.a.strip()) == find(pair.b.strip())]


def _outcome(result, a: str, b: str) -> str:
    resolution_a, resolution_b = result.resolve(a), result.resolve(b)
    if resolution_a is None or resolution_b is None:
        return APART  # a placeholder, which is no organisation
    if resolution_a.key == resolution_b.key:
        return MERGED
    reviewed = {frozenset((item.name, item.candidate)) for item in result.review}
    return REVIEW if frozenset((resolution_a.canonical, resolution_b.canonical)) in reviewed else APART


def evaluate_batch(pairs: Sequence[LabelledPair], match: Callable[[list[str]], object]
                   ) -> tuple[Figures, dict[str, Figures]]:
    """All spellings matched at once, as in a load; overall and per-category figures."""
    result = match([name for pair in pairs for name in (pair.a, pair.b)])
    return _tally(pairs, lambda pair: _outcome(result, pair.a, pair.b))


def evaluate_pairwise(pairs: Sequence[LabelledPair], match: Callable[[list[str]], object]
                      ) -> tuple[Figures, dict[str, Figures]]:
    """Each pair matched on its own: what two checklists alone would show."""
    return _tally(pairs, lambda pair: _outcome(match([pair.a, pair.b]), pair.a, pair.b))


def _tally(pairs: Iterable, outcome_of: Callable) -> tuple[Figures, dict[str, Figures]]:
    overall, by_category = Figures(), defaultdict(Figures)
    for pair in pairs:
        outcome = outcome_of(pair)
        overall.add(pair, outcome)
        by_category[pair.category].add(pair, outcome)
    return overall, dict(sorted(by_category.items()))


def evaluate_people(pairs: Sequence[LabelledPeoplePair], match_people: Callable,
                    mention: Callable, organisation_key: Callable[[str], str | None] = str.casefold
                    ) -> tuple[Figures, dict[str, Figures], Counter]:
    """People pairs matched in one batch; also how each merged pair was taken ('how')."""
    mentions = [mention(name or None, email or None, organisation_key(org) if org else None)
                for pair in pairs for name, email, org in (pair.a, pair.b)]
    people = match_people(mentions)
    hows: Counter = Counter()
    reviewed = {frozenset((item.name, item.candidate)) for item in people.review}

    def outcome(index: int) -> str:
        first, second = people.people[2 * index], people.people[2 * index + 1]
        if first is None or second is None:
            return APART
        if first.key == second.key:
            hows[(pairs[index].category, second.how if second.how != "exact" else first.how)] += 1
            return MERGED
        labels = {_person_label(first), _person_label(second)}
        return REVIEW if frozenset(labels) in reviewed else APART

    outcomes = {id(pair): outcome(index) for index, pair in enumerate(pairs)}
    overall, by_category = _tally(pairs, lambda pair: outcomes[id(pair)])
    return overall, by_category, hows


def _person_label(person) -> str:
    if person.name and person.email:
        return f"{person.name} <{person.email}>"
    return person.name or person.email or ""
