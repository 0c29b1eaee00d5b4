"""The community's aliases.csv: decisions that two names are the same, or different.

A facilitator keeps this file; every load honours it. It is read tolerantly (Excel's
semicolons and Windows text, a missing heading, blank lines), and each unusable line
is described rather than raised, so one typo never stops a load.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .names import trimmed


ORGANISATION = "organisation"
PERSON = "person"
SAME = "same"
DIFFERENT = "different"
ALIAS_COLUMNS = ("kind", "name", "canonical", "decision")
KIND_SPELLINGS = {"organisation": ORGANISATION, "organization": ORGANISATION,
                   "org": ORGANISATION, "person": PERSON, "people": PERSON}


@dataclass(frozen=True)
class ReviewItem:
    """Two names that may be one; kept apart until an aliases.csv line decides."""
    kind: str  # 'organisation' | 'person'
    name: str
    candidate: str
    score: float
    # Why: 'fuzzy' (the names look alike) or 'acronym' (the name is an acronym whose
    # letters fit the candidate, which proves nothing); 'name' for people met elsewhere.
    reason: str = "fuzzy"


@dataclass(frozen=True)
class Alias:
    kind: str  # 'organisation' | 'person'
    name: str
    canonical: str
    decision: str  # 'same' | 'different' | '' (not decided yet)
    line: int  # line in the file, for messages


@dataclass
class AliasBook:
    entries: list[Alias] = field(default_factory=list)  # decided lines
    undecided: list[Alias] = field(default_factory=list)  # lines whose decision is blank
    errors: list[str] = field(default_factory=list)  # readable, one per bad line

    def of_kind(self, kind: str) -> list[Alias]:
        return [alias for alias in self.entries if alias.kind == kind]


def read_aliases(path: str | Path | None) -> AliasBook:
    """Read a community's aliases.csv; a missing file is an empty book.

    Bad lines are skipped and described in ``errors`` (with their line number), so
    one typo in Excel never stops a load.
    """
    book = AliasBook()
    if path is None or not Path(path).is_file():
        return book
    text = decode_csv(Path(path).read_bytes(), Path(path).name, book.errors)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=guess_delimiter(text))
    columns: dict[str, int] | None = None
    seen: dict[tuple[str, str, str], tuple[str, int]] = {}
    for cells in rows:
        line = rows.line_num
        cells = [trimmed(cell) for cell in cells]
        if not any(cells):
            continue
        if columns is None:
            columns = _alias_columns(cells)
            if columns is not None:
                continue
            book.errors.append(f"Line {line}: the first line should be the heading "
                               f"'{','.join(ALIAS_COLUMNS)}'; columns were read in that order.")
            columns = {name: index for index, name in enumerate(ALIAS_COLUMNS)}
        alias, problem = _alias_from_cells(cells, columns, line)
        if problem:
            book.errors.append(problem)
        elif not alias.decision:
            book.undecided.append(alias)
        elif (problem := _contradiction(alias, seen)):
            book.errors.append(problem)
        else:
            book.entries.append(alias)
    return book


def write_review_csv(review_items: Iterable[ReviewItem], path: str | Path) -> None:
    """Write pairs to decide in the aliases.csv format, decision left blank.

    A facilitator fills 'same' or 'different' in Excel and appends the lines to
    aliases.csv. UTF-8 with a byte-order mark, so Excel shows accents correctly.
    """
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ALIAS_COLUMNS)
        for item in review_items:
            writer.writerow((item.kind, item.name, item.candidate, ""))


def decode_csv(raw: bytes, filename: str, errors: list[str]) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV" on Windows saves in the Windows code page.
        errors.append(f"{filename} is not saved as UTF-8; it was read as Windows text. "
                      "Save it as 'CSV UTF-8' so accented names stay right.")
        return raw.decode("cp1252", errors="replace")


def guess_delimiter(text: str) -> str:
    # Excel in many European locales saves CSV with semicolons.
    first = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if ";" in first and "," not in first else ","


def _alias_columns(cells: list[str]) -> dict[str, int] | None:
    """Column positions if *cells* is the heading line, else None."""
    names = [cell.casefold() for cell in cells]
    if not all(column in names for column in ALIAS_COLUMNS):
        return None
    return {column: names.index(column) for column in ALIAS_COLUMNS}


def _alias_from_cells(cells: list[str], columns: dict[str, int],
                      line: int) -> tuple[Alias | None, str | None]:
    def cell(column: str) -> str:
        index = columns[column]
        return cells[index] if index < len(cells) else ""

    kind_typed, name, canonical = cell("kind"), cell("name"), cell("canonical")
    decision = cell("decision").casefold()
    kind = KIND_SPELLINGS.get(kind_typed.casefold())
    if kind is None:
        return None, (f"Line {line}: kind '{kind_typed}' should be 'organisation' or 'person'."
                      if kind_typed else f"Line {line}: kind is blank; write 'organisation' "
                      "or 'person'.")
    if not name or not canonical:
        missing = "name" if not name else "canonical"
        return None, f"Line {line}: {missing} is blank; both names are needed."
    if decision not in (SAME, DIFFERENT, ""):
        return None, (f"Line {line}: decision '{cell('decision')}' should be 'same' or "
                      "'different'.")
    if decision == DIFFERENT and name.casefold() == canonical.casefold():
        return None, f"Line {line}: '{name}' cannot be different from itself."
    return Alias(kind, name, canonical, decision, line), None


def _contradiction(alias: Alias, seen: dict[tuple[str, str, str], tuple[str, int]]) -> str | None:
    """A message if an earlier line decided the same pair the other way."""
    pair = sorted((alias.name.casefold(), alias.canonical.casefold()))
    earlier = seen.setdefault((alias.kind, *pair), (alias.decision, alias.line))
    if earlier[0] == alias.decision:
        return None
    return (f"Line {alias.line}: '{alias.name}' and '{alias.canonical}' are already marked "
            f"'{earlier[0]}' on line {earlier[1]}; this line was ignored.")
