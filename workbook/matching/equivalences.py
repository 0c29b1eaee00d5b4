"""Word equivalences: phrases that name the same kind of body in different words.

"Boone County Board of Education", "Boone County Public Schools" and "Boone County
School District" are one district; "Hamilton County Public Health" and "Hamilton
County General Health District" one health department. Such phrases are read as one
before names are compared, so the place words ("Boone County") decide alone.

Built-in defaults cover common US forms. A community adds or switches off phrases
in ``name-equivalences.csv`` beside its ``aliases.csv``::

    phrase,same_as,decision
    Board of Education,Schools,same
    Public Health,Health Department,different    <- switches that default off

The file is read as tolerantly as aliases.csv (semicolons, Windows text, blank
lines); each unusable line is described in ``errors`` and skipped.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .aliases import DIFFERENT, SAME, decode_csv, guess_delimiter
from .names import parse_name, trimmed

EQUIVALENCES_FILENAME = "name-equivalences.csv"
EQUIVALENCE_COLUMNS = ("phrase", "same_as", "decision")
# Rewriting stops after this many passes, should the phrases form a loop.
_MAX_PASSES = 5

DEFAULT_EQUIVALENCES: tuple[tuple[str, str], ...] = (
    # One school district under its many official forms.
    ("Board of Education", "Schools"),
    ("Public Schools", "Schools"),
    ("School District", "Schools"),
    ("School System", "Schools"),
    # Health departments and districts of one place.
    ("Health District", "Health Department"),
    ("General Health District", "Health Department"),
    ("Combined Health District", "Health Department"),
    ("District Health Department", "Health Department"),
    ("Independent District Health Department", "Health Department"),
    ("Public Health", "Health Department"),
    ("Department of Health", "Health Department"),
    # Chambers and community action agencies.
    ("Chamber of Commerce", "Chamber"),
    ("Community Action Agency", "Community Action"),
    ("Community Action Commission", "Community Action"),
    ("Community Action Council", "Community Action"),
    # National names better known by their letters.
    ("Young Men's Christian Association", "YMCA"),
    ("Young Women's Christian Association", "YWCA"),
)


@dataclass(frozen=True)
class Equivalence:
    phrase: str
    same_as: str
    decision: str  # 'same' | 'different'
    line: int  # 0 for a built-in default


@dataclass
class Equivalences:
    """Rewriting rules, longest phrase first: each phrase becomes the shorter form."""
    rules: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    _index: dict | None = field(default=None, repr=False, compare=False)
    _indexed_rules: int = field(default=0, repr=False, compare=False)

    def apply(self, words: Sequence[str]) -> tuple[str, ...]:
        words = tuple(words)
        for _ in range(_MAX_PASSES):
            rewritten = self._one_pass(words)
            if rewritten == words:
                break
            words = rewritten
        return words

    def _one_pass(self, words: tuple[str, ...]) -> tuple[str, ...]:
        starting = self._by_first_word()
        out: list[str] = []
        at = 0
        while at < len(words):
            for phrase, replacement in starting.get(words[at], ()):
                if words[at:at + len(phrase)] == phrase:
                    out += replacement
                    at += len(phrase)
                    break
            else:
                out.append(words[at])
                at += 1
        return tuple(out)

    def _by_first_word(self) -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
        """The rules by the word their phrase starts with, longest phrase first."""
        if self._index is None or self._indexed_rules != len(self.rules):
            self._index = {}
            for phrase, replacement in self.rules:
                self._index.setdefault(phrase[0], []).append((phrase, replacement))
            self._indexed_rules = len(self.rules)
        return self._index


def build_equivalences(entries: Iterable[Equivalence] = (), errors: Iterable[str] = (),
                       defaults: bool = True) -> Equivalences:
    """Defaults plus a community's lines; a 'different' line removes that pair."""
    pairs: dict[frozenset, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    built_in = [Equivalence(a, b, SAME, 0) for a, b in DEFAULT_EQUIVALENCES] if defaults else []
    for entry in [*built_in, *entries]:
        a, b = parse_name(entry.phrase).words, parse_name(entry.same_as).words
        if not a or not b or a == b:
            continue
        pair = frozenset((a, b))
        if entry.decision == DIFFERENT:
            pairs.pop(pair, None)
        else:
            # The longer phrase is rewritten into the shorter; a tie into 'same_as'.
            longer, shorter = (a, b) if len(a) >= len(b) else (b, a)
            pairs[pair] = (longer, shorter)
    rules = sorted(pairs.values(), key=lambda rule: (-len(rule[0]), rule))
    return Equivalences(rules, list(errors))


def read_equivalences(path: str | Path | None) -> Equivalences:
    """The defaults plus a community's name-equivalences.csv; a missing file adds nothing."""
    if path is None or not Path(path).is_file():
        return build_equivalences()
    errors: list[str] = []
    text = decode_csv(Path(path).read_bytes(), Path(path).name, errors)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=guess_delimiter(text))
    entries: list[Equivalence] = []
    heading_seen = False
    for cells in rows:
        cells = [trimmed(cell) for cell in cells]
        if not any(cells):
            continue
        if not heading_seen:
            heading_seen = True
            if [cell.casefold() for cell in cells[:2]] == list(EQUIVALENCE_COLUMNS[:2]):
                continue
            errors.append(f"Line {rows.line_num}: the first line should be the heading "
                          f"'{','.join(EQUIVALENCE_COLUMNS)}'; columns were read in that order.")
        entry, problem = _entry(cells, rows.line_num)
        if problem:
            errors.append(problem)
        else:
            entries.append(entry)
    return build_equivalences(entries, errors)


def equivalences_beside(aliases_path: str | Path | None) -> Path | None:
    """Where a community's equivalences file sits: next to its aliases.csv."""
    return Path(aliases_path).with_name(EQUIVALENCES_FILENAME) if aliases_path else None


def _entry(cells: list[str], line: int) -> tuple[Equivalence | None, str | None]:
    phrase, same_as, decision = (cells + ["", "", ""])[:3]
    decision = decision.casefold() or SAME
    if not phrase or not same_as:
        missing = "phrase" if not phrase else "same_as"
        return None, f"Line {line}: {missing} is blank; write two phrases that mean the same."
    if decision not in (SAME, DIFFERENT):
        return None, f"Line {line}: decision '{cells[2]}' should be 'same', 'different' or blank."
    if parse_name(phrase).words == parse_name(same_as).words:
        return None, f"Line {line}: '{phrase}' and '{same_as}' already read the same."
    return Equivalence(phrase, same_as, decision, line), None
