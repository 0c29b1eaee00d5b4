"""Check many checklists at once: one bad file never stops the others.

Produces the report a clerk acts on (``CheckReport``), as text or JSON, and the
records the loader writes to the database.
"""
from __future__ import annotations

import gc
import sys
import traceback
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..community import Community
from ..numbers_text import counted
from .consistency import drop_duplicate_coalitions
from .ahead import Prepared, prepared_in_turn
from .files import Candidate, discover
from .problems import Code, Problem, ProblemCounts, make_problem
from .reader import FAILED, LOADED, SKIPPED, Checklist, read_checklist

Progress = Callable[[int, int, str], None]  # files done, files in all, current file


@dataclass
class CheckReport(ProblemCounts):
    checklists: list[Checklist] = field(default_factory=list)
    extra_problems: list[Problem] = field(default_factory=list)  # found across files

    @property
    def loaded(self) -> list[Checklist]:
        return [c for c in self.checklists if c.status == LOADED]

    @property
    def problems(self) -> list[Problem]:
        return [p for c in self.checklists for p in c.problems] + self.extra_problems

    def summary(self) -> dict:
        statuses = Counter(c.status for c in self.checklists)
        rows = Counter()
        for checklist in self.loaded:
            rows.update(checklist.rows)
        return {
            "files": len(self.checklists),
            "loaded": statuses.get(LOADED, 0),
            "failed": statuses.get(FAILED, 0),
            "skipped": statuses.get(SKIPPED, 0),
            "rows": dict(rows),
            "rows_not_loaded": sum(p.rows_not_loaded for p in self.problems),
            "errors": self.errors,
            "warnings": self.warnings,
        }

    def summary_line(self) -> str:
        s = self.summary()
        rows = ", ".join(f"{count} {sheet.lower()}" for sheet, count in s["rows"].items())
        return (f"{s['loaded']} of {counted(s['files'], 'file')} loaded ({rows or 'no rows'}); "
                f"{s['failed']} failed, {s['skipped']} skipped; "
                f"{counted(s['errors'], 'error')} and {counted(s['warnings'], 'warning')} "
                "need a look.")

    def as_json(self) -> dict:
        return {
            "files": [{"path": str(c.path), "status": c.status, "rows": c.rows if c.status == LOADED else {}}
                      for c in self.checklists],
            "problems": [p.as_dict() for p in self.problems],
            "summary": self.summary(),
        }


def check_paths(paths: list[str | Path], community: Community,
                progress: Progress | None = None) -> CheckReport:
    """Read every checklist named or found under *paths*."""
    report = CheckReport()
    candidates = discover(paths)
    readable = prepared_in_turn([c.path for c in candidates if c.skip is None])
    with collecting_later():
        for done, candidate in enumerate(candidates, start=1):
            if progress:
                progress(done - 1, len(candidates), str(candidate.path))
            if candidate.skip is not None:
                report.checklists.append(skipped(candidate))
            else:
                report.checklists.append(_read_safely(candidate.path, community, next(readable)))
    drop_duplicate_coalitions(report.checklists)
    if progress:
        progress(len(candidates), len(candidates), "")
    return report


@contextmanager
def collecting_later() -> Iterator[None]:
    """No cyclic garbage collection while a batch builds its records, one collection after.

    Every file adds thousands of records and cells that live until the load ends; Python's
    collector would walk them all again and again (about 5 % of a batch's time). Reading
    makes little cyclic garbage, so holding it until the batch is read costs little memory.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(1)


def _read_safely(path: Path, community: Community, prepared: Prepared | None = None) -> Checklist:
    """A file the reader trips over is one error line; the other files still load."""
    try:
        return read_checklist(path, community, prepared)
    except Exception as exc:  # a reader bug must not cost the other files
        traceback.print_exc(file=sys.stderr)
        checklist = Checklist(path, status=FAILED)
        checklist.problems.append(make_problem(Code.FILE_READ_FAILED, str(path),
                                               detail=f"{type(exc).__name__}: {exc}"[:200]))
        return checklist


def skipped(candidate: Candidate) -> Checklist:
    """A file passed over before reading, as a checklist with the one problem saying why."""
    return Checklist(candidate.path, status=candidate.skip_status(),
                     problems=[candidate.skip_problem()])


def format_report(report: CheckReport) -> str:
    """One line per problem, grouped by file, then the summary."""
    lines = []
    for problem in report.problems:
        where = ", ".join(part for part in (
            Path(problem.file).name,
            f"sheet {problem.sheet}" if problem.sheet else "",
            f"cell {problem.cell}" if problem.cell else "",
            f"'{problem.field}'" if problem.field else "") if part)
        lines.append(f"{problem.severity.upper():7} {problem.code}: {where}: "
                     f"{problem.message} Fix: {problem.fix}")
    lines.append(report.summary_line())
    return "\n".join(lines)
