"""Parse the next checklist's sheets on a second core while this one is read.

calamine parses a sheet with Python's lock released, so a worker thread can lay out
the sheets of file k+1 while the main thread reads the cells of file k. Only a zip
package whose size checks and limit scan passed is parsed ahead (the scan is what
makes parsing safe), and only the sheets the reader would parse itself. Whatever the
parser raises is kept and raised again where the reader asks for that workbook or
sheet, so problems, their order and the files' outcomes are those of reading one file
after another.
"""
from __future__ import annotations

import io
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import python_calamine as calamine

from .. import schema as S
from .files import Opened, open_checklist
from .layout import SPECIAL_SHEETS


@dataclass
class Parsed:
    """A workbook parsed ahead: the workbook or what opening it raised, and each sheet
    or what parsing it raised."""
    workbook: object | None = None
    error: BaseException | None = None
    sheets: dict[str, object] = field(default_factory=dict)

    def opened_workbook(self):
        if self.error is not None:
            raise self.error
        return self.workbook

    def sheet(self, name: str):
        """The sheet parsed ahead, None when it was not; raises what parsing it raised."""
        found = self.sheets.get(name)
        if isinstance(found, BaseException):
            raise found
        return found


@dataclass
class Prepared:
    """One file opened and scanned, its parse under way, or what opening it raised."""
    path: Path
    opened: Opened | None = None
    parsed: Future | None = None
    error: Exception | None = None

    def parsed_workbook(self) -> Parsed | None:
        return self.parsed.result() if self.parsed is not None else None


# Reading ahead can pay only with a core to spare; on the busy 2-core build machine it
# showed no gain (benchmarks/RESULTS.md), so it stays off until an idle machine shows one.
# Both ways are tested; True parses the next file's sheets on a second thread.
PARSE_AHEAD = False


def prepared_in_turn(paths: list[Path]) -> Iterator[Prepared]:
    """Each path opened and scanned in turn, the next one's sheets parsed meanwhile."""
    if not PARSE_AHEAD:
        for path in paths:
            yield _prepare(path, None)
        return
    if not paths:
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="parse-ahead") as pool:
        following = _prepare(paths[0], pool)
        for index in range(len(paths)):
            current = following
            if index + 1 < len(paths):
                following = _prepare(paths[index + 1], pool)
            yield current


def _prepare(path: Path, pool: ThreadPoolExecutor | None) -> Prepared:
    try:
        opened = open_checklist(path)
    except Exception as exc:  # met again, and contained, when this file is read
        return Prepared(path, error=exc)
    prepared = Prepared(path, opened)
    if pool is not None and opened.problem is None and opened.scan is not None:
        prepared.parsed = pool.submit(_parse, opened.to_parse())
    return prepared


def _parse(data: bytes) -> Parsed:
    try:
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except BaseException as exc:  # the parser's own panics included
        return Parsed(error=exc)
    parsed = Parsed(workbook)
    for name in workbook.sheet_names:
        if name != S.META_SHEET and name.strip().casefold() in SPECIAL_SHEETS:
            continue  # instructions and lists: the reader never parses them
        try:
            parsed.sheets[name] = workbook.get_sheet_by_name(name)
        except BaseException as exc:
            parsed.sheets[name] = exc
    return parsed
