"""Task 2, analyse the overlaps: interview and document-review notes, one file per coalition.

For the few coalitions that want to align, a facilitator reads each one's plans
and reports and interviews its leaders, asking the standard questions declared
in ``schema.NOTES``. This module writes the notes template (built by the
checklist's own template code, so dropdowns, help and the version stamp work
the same way), reads filled notes with the checklist reader's tolerance and
problem catalogue, loads them into the ``interview_notes`` table beside the
checklist data, and hands them to the comparison chart (``notes_for``).

The notes table belongs to this loader alone: a checklist load never drops it,
and each notes load replaces it whole, in one transaction.
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pandas as pd
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from rapidfuzz import fuzz, process

from . import schema as S
from . import store
from .community import Community
from .intake import cells
from .intake.batch import check_paths
from .intake.files import discover
from .intake.problems import Code, Problem, ProblemCounts, make_problem
from .intake.reader import FAILED, LOADED, SKIPPED, Record, read_form_file
from .numbers_text import counted
from .forms import fill_form, slug
from .templates import build_template, save_workbook

TABLE = S.NOTES.name
COALITION_FIELD = S.NOTES.field("coalition_name")
QUESTIONS = tuple(f for f in S.NOTES.fields if f is not COALITION_FIELD)  # chart rows
FILE_SUFFIX = "-interview-notes.xlsx"
FUZZY_COALITION_CUTOFF = 90  # rapidfuzz ratio: typos pass, sibling coalitions do not
ANSWER_COLUMN_WIDTH = 70
LONG_ANSWER_ROW_HEIGHT = 75  # about five wrapped lines
ANSWER_SEPARATOR = "\n\n"  # between answers from two notes files on one coalition

TITLE = "Interview notes"
GUIDANCE = (
    ("What this is", "Notes from one interview with a coalition's leaders and from reading its "
                     "plans and reports. One file per coalition of the group thinking of "
                     "aligning; the answers sit beside its checklist in the comparison chart."),
    ("Before the interview", "Read the coalition's footprint checklist and its documents. Note "
                             "which goals, members and funders it shares with the others."),
    ("How to fill it", "Ask the questions in order and type the answers in the white cells, in "
                       "a few sentences (Alt+Enter starts a new line). Questions marked * "
                       "(orange) are required. Hover over a cell for what to ask."),
    ("Coalition name", "Filled in for you, as on the coalition's checklist: leave it, so the "
                       "notes find their coalition when loaded."),
    ("Examples", "The grey column on the right shows the kind of answer meant; it is ignored "
                 "when loading."),
    ("Do not", "Rename the sheet or the questions, or save as .csv. Keep the file as .xlsx."),
)


# --- the template ---------------------------------------------------------------

def build_notes_template(community: Community, coalition_name: str | None = None):
    """An openpyxl Workbook of the notes form, with the coalition's name filled in."""
    workbook = build_template(community, S.NOTES_FORM, title=TITLE, guidance=GUIDANCE,
                              form_kind=S.NOTES_FORM_KIND)
    _widen_answers(workbook[S.NOTES.title])
    if coalition_name:
        fill_notes(workbook, {COALITION_FIELD.name: coalition_name})
    return workbook


def _widen_answers(worksheet) -> None:
    """One answer per question, often a paragraph: a wide answer column that wraps."""
    if any(f.several for f in S.NOTES.fields):
        return  # the answer cells to the right are in use: keep the checklist's layout
    first = S.FORM_FIRST_VALUE_COLUMN
    worksheet.column_dimensions[get_column_letter(first)].width = ANSWER_COLUMN_WIDTH
    for column in range(first + 1, first + S.FORM_MULTI_CELLS):
        # Kept, narrow, rather than removed: the example column must stay where the reader
        # stops looking for answers.
        worksheet.column_dimensions[get_column_letter(column)].width = 2
    example_column = first + S.FORM_MULTI_CELLS
    for offset, field_ in enumerate(S.NOTES.fields):
        row = S.FORM_FIRST_ROW + offset
        for column in (first, example_column):
            worksheet.cell(row=row, column=column).alignment = Alignment(wrap_text=True,
                                                                         vertical="top")
        if field_.type == S.LONG_TEXT:
            worksheet.row_dimensions[row].height = LONG_ANSWER_ROW_HEIGHT


def fill_notes(workbook, answers: dict[str, Any]) -> None:
    """Type *answers* (field name -> value) into an open notes template, as given."""
    fill_form(workbook[S.NOTES.title], S.NOTES, answers)


def notes_file_name(coalition_name: str) -> str:
    return slug(coalition_name) + FILE_SUFFIX


def write_notes(answers: dict[str, Any], out: str | Path, community: Community) -> Path:
    """Write one coalition's filled notes (its name among *answers*) to *out*."""
    workbook = build_notes_template(community, answers.get(COALITION_FIELD.name))
    fill_notes(workbook, answers)
    return save_workbook(workbook, Path(out))


def write_notes_templates(community: Community, coalition_names: Iterable[str],
                          out_dir: str | Path) -> list[Path]:
    """One blank notes file per coalition in *out_dir*, named after the coalition."""
    written: list[Path] = []
    for name in dict.fromkeys(coalition_names):
        path = _free_path(Path(out_dir) / notes_file_name(name), written)
        written.append(save_workbook(build_notes_template(community, name), path))
    return written


def _free_path(path: Path, taken: list[Path]) -> Path:
    """Two names may slug alike ("Bell/Calder", "Bell Calder"): number the later ones."""
    candidate, number = path, 2
    while candidate in taken:
        candidate = path.with_name(path.name.replace(FILE_SUFFIX, f"-{number}{FILE_SUFFIX}"))
        number += 1
    return candidate


def coalition_names(community: Community, db_path: str | Path | None = None) -> list[str]:
    """The coalitions to write notes for: the database's, else the community's checklists'."""
    if db_path is not None and Path(db_path).is_file() and _has_tables(db_path, "coalitions"):
        names = store.read_table(db_path, "SELECT name FROM coalitions ORDER BY coalition_id")
        return names["name"].tolist()
    folder = community.checklists_dir
    if folder is None or not folder.is_dir():
        return []
    return [c.coalition.values["name"] for c in check_paths([folder], community).loaded]


# --- reading ----------------------------------------------------------------------

@dataclass
class NotesResult:
    """One notes file as read: its answers with the cell each came from, and its problems."""
    path: Path
    status: str
    sha256: str | None = None
    record: Record | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def answers(self) -> dict[str, Any]:
        return self.record.values if self.record is not None else {}

    @property
    def coalition_name(self) -> str | None:
        return self.answers.get(COALITION_FIELD.name)


def read_notes(path: str | Path, community: Community) -> NotesResult:
    """Read one notes file; never raises for a bad file: problems are recorded instead."""
    read = read_form_file(path, S.NOTES, community, S.NOTES_FORM_KIND)
    records = read.tables.get(S.NOTES.name) or [None]
    result = NotesResult(read.path, read.status, read.sha256, records[0], read.problems)
    if result.status == LOADED and not result.coalition_name:
        # The reader has said the name is required; without it the notes belong nowhere.
        result.status = FAILED
    return result


@dataclass
class NotesReport(ProblemCounts):
    """Every notes file of one load, with the coalition each was matched to."""
    notes: list[NotesResult] = field(default_factory=list)
    coalition_ids: dict[Path, int] = field(default_factory=dict)  # loaded file -> coalition

    @property
    def loaded(self) -> list[NotesResult]:
        return [n for n in self.notes if n.status == LOADED]

    @property
    def problems(self) -> list[Problem]:
        return [p for n in self.notes for p in n.problems]

    def summary_line(self) -> str:
        count = {status: sum(1 for n in self.notes if n.status == status)
                 for status in (LOADED, FAILED, SKIPPED)}
        return (f"{count[LOADED]} of {counted(len(self.notes), 'notes file')} loaded; "
                f"{count[FAILED]} not loaded, {count[SKIPPED]} skipped; "
                f"{counted(self.errors, 'error')} and {counted(self.warnings, 'warning')} "
                "need a look.")


def check_notes(paths: list[str | Path], community: Community) -> NotesReport:
    """Read every notes file named or found under *paths*."""
    report = NotesReport()
    for candidate in discover(paths):
        if candidate.skip is None:
            report.notes.append(read_notes(candidate.path, community))
            continue
        report.notes.append(NotesResult(candidate.path, candidate.skip_status(),
                                        problems=[candidate.skip_problem()]))
    return report


# --- loading ----------------------------------------------------------------------

def load_notes(paths: list[str | Path], db_path: str | Path, community: Community) -> NotesReport:
    """Match each notes file to its coalition and replace the notes table, all or nothing."""
    report = check_notes(paths, community)
    connection = store.connect(db_path)
    try:
        with store.transaction(connection):
            rows = _rows(report, _known_coalitions(connection))
            connection.execute(f"DROP TABLE IF EXISTS {TABLE}")
            connection.execute(notes_ddl())
            store.insert_rows(connection, TABLE, rows)
    finally:
        connection.close()
    return report


def notes_ddl() -> str:
    """The notes table, one column per question, read off the schema like store.derived_ddl."""
    columns = ["notes_id INTEGER PRIMARY KEY",
               # No REFERENCES: a checklist reload rebuilds coalitions, and must not trip on notes.
               "coalition_id INTEGER NOT NULL",
               "matched_coalition TEXT NOT NULL"]
    columns += [f"{f.name} {store.SQL_TYPES.get(f.type, 'TEXT')}" for f in S.NOTES.fields]
    columns += ["source_file TEXT NOT NULL", "extra_json TEXT"]
    return f"CREATE TABLE {TABLE} (\n    " + ",\n    ".join(columns) + "\n)"


def _name_key(name: str) -> str:
    """Coalition names compared without case, punctuation or extra spaces."""
    plain = cells.clean_text(name)[0].translate(cells.DASHES).casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def _known_coalitions(connection: sqlite3.Connection) -> dict[str, tuple[int, str]]:
    """Name key -> (coalition id, name as loaded); empty before any checklist load."""
    exists = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'coalitions'").fetchone()
    if not exists:
        return {}
    known: dict[str, tuple[int, str]] = {}
    for coalition_id, name in connection.execute(
            "SELECT coalition_id, name FROM coalitions ORDER BY coalition_id"):
        known.setdefault(_name_key(name), (coalition_id, name))
    return known


def _rows(report: NotesReport, known: dict[str, tuple[int, str]]) -> list[dict[str, Any]]:
    rows = []
    for notes in sorted(report.loaded, key=lambda n: str(n.path)):
        coalition = _match_coalition(notes, known)
        if coalition is None:
            notes.status = FAILED
            continue
        report.coalition_ids[notes.path] = coalition[0]
        rows.append(_row(len(rows) + 1, notes, coalition))
    return rows


def _match_coalition(notes: NotesResult,
                     known: dict[str, tuple[int, str]]) -> tuple[int, str] | None:
    """Exact after normalising, else the closest name if close enough (with a warning)."""
    typed = notes.coalition_name
    key = _name_key(typed)
    if key in known:
        return known[key]
    best = process.extractOne(key, list(known), scorer=fuzz.ratio,
                              score_cutoff=FUZZY_COALITION_CUTOFF) if known else None
    if best is not None:
        coalition = known[best[0]]
        _report(notes, Code.NOTES_COALITION_FUZZY, value=typed, fixed=coalition[1],
                score=round(best[1]))
        return coalition
    hint = (cells.suggestion(typed, [name for _, name in known.values()]) if known else
            " The database holds no coalitions yet: load the checklists first.")
    _report(notes, Code.NOTES_COALITION_UNKNOWN, value=typed, suggestion=hint)
    return None


def _report(notes: NotesResult, code: Code, **details) -> None:
    """A problem about the coalition name, placed on the cell it was typed in."""
    notes.problems.append(make_problem(
        code, str(notes.path), sheet=S.NOTES.title,
        cell=notes.record.cells.get(COALITION_FIELD.name), field=COALITION_FIELD.label,
        **details))


def _row(notes_id: int, notes: NotesResult, coalition: tuple[int, str]) -> dict[str, Any]:
    row: dict[str, Any] = {"notes_id": notes_id, "coalition_id": coalition[0],
                           "matched_coalition": coalition[1]}
    for f in S.NOTES.fields:
        value = notes.answers.get(f.name)
        row[f.name] = "; ".join(map(str, value)) if isinstance(value, list) else value
    row["source_file"] = str(notes.path)
    extra = notes.record.extra
    row["extra_json"] = json.dumps(extra, default=str, sort_keys=True) if extra else None
    return row


# --- the comparison chart ---------------------------------------------------------

def notes_for(db: str | Path, coalition_ids: Iterable[int]) -> pd.DataFrame:
    """Interview answers side by side: one row per question (its label), one column per id.

    A cell is None where the coalition has no notes or left the question blank;
    two notes files on one coalition show both answers, in file order. Notes
    whose coalition has since changed (a reload with other checklists) are left
    out rather than shown beside the wrong coalition.
    """
    ids = list(dict.fromkeys(int(i) for i in coalition_ids))
    frame = pd.DataFrame([[None] * len(ids) for _ in QUESTIONS], dtype=object,
                         index=pd.Index([f.label for f in QUESTIONS], name="question"),
                         columns=pd.Index(ids, name="coalition_id"))
    if not ids or not _has_tables(db, TABLE, "coalitions"):
        return frame
    placeholders = ", ".join("?" for _ in ids)
    rows = store.read_table(db, f"""
        SELECT n.* FROM {TABLE} n
        JOIN coalitions c ON c.coalition_id = n.coalition_id AND c.name = n.matched_coalition
        WHERE n.coalition_id IN ({placeholders}) ORDER BY n.notes_id""", tuple(ids))
    for coalition_id, answers in rows.groupby("coalition_id", sort=False):
        for f in QUESTIONS:
            frame.at[f.label, int(coalition_id)] = _joined(answers[f.name])
    return frame


def _joined(values: pd.Series) -> str | None:
    texts = [str(v).strip() for v in values if pd.notna(v) and str(v).strip()]
    return ANSWER_SEPARATOR.join(dict.fromkeys(texts)) or None


def _has_tables(db: str | Path, *names: str) -> bool:
    placeholders = ", ".join("?" for _ in names)
    found = store.read_table(db, f"SELECT name FROM sqlite_master WHERE type = 'table' "
                                 f"AND name IN ({placeholders})", names)
    return len(found) == len(names)
