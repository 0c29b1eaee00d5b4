"""Input forms for the room, declared once: the Excel form, the web form and the loader.

A form is a ``RoomForm``: one FORM-layout ``schema.Sheet`` of ``schema.Field``s (types,
required flags, vocabularies, help), like the checklist and the interview notes. From it:

* the Excel form (``build_excel_form``), written by the checklist's own template code, for
  rooms without a network: printed or filled in Excel, loaded later (``load_form_files``);
* the web form (``form_pages``), one input per asked field;
* one reader: a web submission is laid out as the rows of the Excel form
  (``web_grid``) and read by ``intake.forms.read_form``, the function that reads the Excel
  file, so both give the same values and the same problems from ``intake.problems``.

A submission is stored whole or refused. Answers are kept per round (the question the
facilitator opened) and per respondent (the id of an attendee's code, never a name): a
later answer under the same code replaces the earlier one in the results, and every answer
stays in ``form_submissions``, which accepts no UPDATE or DELETE.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import statistics
import threading
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from .. import schema as S
from ..community import Community
from ..forms import fill_form
from ..intake.files import discover
from ..intake.forms import read_form
from ..intake.problems import Code, Problem, Severity, make_problem
from ..intake.reader import LOADED, read_form_file
from ..intake.records import Checklist, Record
from ..store import (append_only_ddl, connect_shared, ensure_tables, split_script, transaction,
                     utc_now)
from ..templates import build_template, save_workbook
from . import access, state

WEB = "web"
EXCEL = "excel"
WEB_SOURCE = "web form"  # stands where a file name would in a problem from the web


# --- the declaration ---------------------------------------------------------------

@dataclass(frozen=True)
class RoomForm:
    """One kind of answer the room gives, declared once.

    The round and code fields are filled by the form itself: on the web from the open
    round and the attendee's code, on the Excel form by the facilitator (round) and the
    attendee (the code printed on their slip). Every other field is asked.
    """
    name: str  # in URLs and tables: /room/form/<name>
    kind: str  # stamped on the Excel form's meta sheet, so a reader can tell it apart
    kind_name: str  # how a problem names it: "a fist-to-five answer"
    title: str
    sheet: S.Sheet
    guidance: tuple[tuple[str, str], ...]
    vocabularies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # vocabulary -> entry -> what it means, shown beside each choice on the web and on paper
    meanings: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    round_field: str = "round"
    prompt_field: str = "prompt"  # the question of the round, shown, never asked
    code_field: str = "attendee_code"
    summarise: Callable[["RoundAnswers"], "Summary"] | None = None
    # A form that stores into its own tables (task 4's stances) names its own page here;
    # the generic /room/form/<name> page, which stores into form_submissions, refuses it.
    own_page: str = ""

    @property
    def given(self) -> tuple[str, ...]:
        return (self.round_field, self.prompt_field, self.code_field)

    @property
    def asked(self) -> tuple[S.Field, ...]:
        return tuple(f for f in self.sheet.fields if f.name not in self.given)

    def community(self, community: Community) -> Community:
        """The community's lists plus the form's own (the form's cannot be overridden)."""
        return dataclasses.replace(community,
                                   vocabularies={**community.vocabularies, **self.vocabularies})

    def choices(self, f: S.Field, community: Community) -> tuple[tuple[str, str], ...]:
        """(entry, meaning) for a choice field, in the list's order."""
        meanings = self.meanings.get(f.vocabulary or "", {})
        return tuple((entry, meanings.get(entry, "")) for entry in
                     self.community(community).vocabulary(f.vocabulary))


@dataclass(frozen=True)
class Summary:
    """What the room is shown of a round: the payload of ``state.publish``."""
    title: str
    subtitle: str
    vegalite: dict | None
    table: list[dict]
    numbers: list[tuple[str, str]]
    caption: str = ""  # what the table holds


def given_fields(code_label: str = "Your attendee code") -> tuple[S.Field, ...]:
    """The fields every room form starts with: round, question, attendee code."""
    return (
        S.Field("round", "Round", S.INTEGER, required=True, width=10,
                help="Filled in for you: the number of the question this form answers. "
                     "Leave it."),
        # Not "Question": that is the form's caption over the labels, which the reader skips.
        S.Field("prompt", "The question", S.LONG_TEXT,
                help="Filled in for you: the question the facilitator asked."),
        S.Field("attendee_code", code_label, required=True,
                help="The code on the slip the facilitator gave you. It lets you change your "
                     "answer later; it is never shown to the room.", example="KQ3M-7X4T-RA"),
    )


# --- the fist-to-five form -----------------------------------------------------------

FIST_LEVELS = ("0", "1", "2", "3", "4", "5")
FIST_MEANINGS = {
    "0": "Fist: I block this. I cannot support it, and we need to talk before moving on.",
    "1": "Serious concerns: I am not ready to move forward.",
    "2": "Some concerns I want discussed before we move forward.",
    "3": "I can live with it and will not stand in the way.",
    "4": "I support it, with a minor reservation.",
    "5": "Fully support: I will help carry it out.",
}
FIST_COLOURS = ("#b2182b", "#d6604d", "#f4a582", "#92c5de", "#4393c3", "#2166ac")
FIST_SHORT = {"0": "Block", "1": "Serious concerns", "2": "Some concerns",
              "3": "Can live with it", "4": "Support", "5": "Fully support"}

FIST_SHEET = S.Sheet(
    name="fist_to_five",
    title="Fist to five",
    layout=S.FORM,
    required=True,
    help="One answer per person: how much you support the question at the top.",
    fields=given_fields() + (
        S.Field("level", "Your answer, 0 to 5", S.CHOICE, required=True,
                vocabulary="fist_levels", width=10,
                help="0 fist: block. 1 serious concerns. 2 some concerns to discuss. "
                     "3 can live with it. 4 support, minor reservation. 5 fully support.",
                example="4"),
        S.Field("comment", "Why (optional)", S.LONG_TEXT,
                help="A sentence on what would move you up, or what you want discussed. "
                     "The room sees only the count of each answer, never who gave it.",
                example="I want the Easton schools at the table first."),
    ),
)


def _fist_guidance() -> tuple[tuple[str, str], ...]:
    levels = tuple((f"{level} – {FIST_SHORT[level]}", FIST_MEANINGS[level])
                   for level in FIST_LEVELS)
    return (
        ("What this is", "A quick check of how much the room supports one statement. Your "
                         "answer is counted with everyone else's; the room sees only the "
                         "counts, never who gave which answer."),
        ("How to fill it", "On the 'Fist to five' sheet, type your code from the slip, then "
                           "pick 0 to 5 from the dropdown. Leave the round number and the "
                           "question as they are."),
        *levels,
        ("Changed your mind?", "Send a new form with the same code: it replaces your answer."),
    )


# --- results -------------------------------------------------------------------------

@dataclass(frozen=True)
class RoundAnswers:
    """The current answers of one round: the latest per respondent."""
    form: RoomForm
    round_id: int
    prompt: str
    answers: list[dict[str, Any]]  # asked fields only; no respondent

    @property
    def n(self) -> int:
        return len(self.answers)


def fist_summary(results: RoundAnswers) -> Summary:
    counts = {level: 0 for level in FIST_LEVELS}
    for answer in results.answers:
        counts[answer["level"]] += 1
    n = results.n
    table = [{"Answer": f"{level} – {FIST_SHORT[level]}", "People": counts[level],
              "Share": f"{round(100 * counts[level] / n)}%" if n else "–"}
             for level in FIST_LEVELS]
    levels = sorted(int(a["level"]) for a in results.answers)
    median = statistics.median(levels) if levels else None
    numbers = [("Answers", f"n = {n}"),
               ("Median", "–" if median is None else f"{median:g}"),
               ("Can live with it or better (3–5)", str(sum(1 for v in levels if v >= 3))),
               ("Blocks (0)", str(counts["0"]))]
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": f"Fist to five on: {results.prompt}. {n} answers.",
        # A fixed width: the room page scales the drawing to the screen ("container" drew 0 wide).
        "width": 300, "height": 240,
        "data": {"values": [{"level": level, "meaning": FIST_SHORT[level],
                             "people": counts[level]} for level in FIST_LEVELS]},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "level", "type": "ordinal", "sort": list(FIST_LEVELS),
                  "title": "0 = block … 5 = fully support", "axis": {"labelAngle": 0}},
            "y": {"field": "people", "type": "quantitative", "title": "People",
                  "axis": {"tickMinStep": 1}},
            "color": {"field": "level", "type": "ordinal", "sort": list(FIST_LEVELS),
                      # Red for block to blue for support, no near-white middle to vanish.
                      "scale": {"range": list(FIST_COLOURS)}, "legend": None},
            "tooltip": [{"field": "level", "title": "Answer"},
                        {"field": "meaning", "title": "Means"},
                        {"field": "people", "title": "People"}],
        },
        "config": {"axis": {"labelFontSize": 14, "titleFontSize": 14}},
    }
    return Summary(title=f"Fist to five: {results.prompt}", subtitle=f"{n} answer{'' if n == 1 else 's'} (n = {n})",
                   vegalite=spec, table=table, numbers=numbers,
                   caption=f"How many gave each answer, of {n}")


FIST_TO_FIVE = RoomForm(
    name="fist_to_five",
    kind="room_fist_to_five",
    kind_name="a fist-to-five answer",
    title="Fist to five",
    sheet=FIST_SHEET,
    guidance=_fist_guidance(),
    vocabularies={"fist_levels": FIST_LEVELS},
    meanings={"fist_levels": FIST_MEANINGS},
    summarise=fist_summary,
)

FORMS: dict[str, RoomForm] = {}


def register(form: RoomForm) -> RoomForm:
    """Make *form* answerable at /room/form/<name> and loadable from Excel.

    Forms whose fields depend on the data (task 4's stances on option lists seeded from
    the coalitions) are declared when the options are known, then registered here.
    """
    FORMS[form.name] = form
    # Lets the reader name the form when a file of another kind is loaded in its place.
    S.FORM_KIND_NAMES.setdefault(form.kind, form.kind_name)
    return form


register(FIST_TO_FIVE)


def form_named(name: str) -> RoomForm:
    return FORMS[name]


# --- the Excel form ------------------------------------------------------------------

def build_excel_form(form: RoomForm, community: Community, round_: "Round | None" = None):
    """An openpyxl Workbook of *form*, with the round and its question filled in when given."""
    workbook = build_template(form.community(community), (form.sheet,), title=form.title,
                              guidance=form.guidance, form_kind=form.kind)
    _numbers_as_numbers(workbook, form)
    if round_ is not None:
        fill_excel_form(workbook, form, {form.round_field: round_.round_id,
                                         form.prompt_field: round_.prompt})
    return workbook


def _numbers_as_numbers(workbook, form: RoomForm) -> None:
    """A list of whole numbers (0-5) is kept as numbers behind the dropdown: Excel refuses a
    typed 4 when the list holds the text "4". The reader reads either as the entry "4"."""
    lists = workbook[S.LISTS_SHEET]
    for column in lists.iter_cols(min_row=1):
        if column[0].value in form.vocabularies and all(
                str(c.value).isdigit() for c in column[1:] if c.value is not None):
            for cell in column[1:]:
                if cell.value is not None:
                    cell.value = int(cell.value)


def fill_excel_form(workbook, form: RoomForm, values: Mapping[str, Any]) -> None:
    fill_form(workbook[form.sheet.title], form.sheet, dict(values))


def write_excel_form(form: RoomForm, community: Community, out: str | Path,
                     round_: "Round | None" = None, values: Mapping[str, Any] | None = None) -> Path:
    workbook = build_excel_form(form, community, round_)
    if values:
        fill_excel_form(workbook, form, values)
    return save_workbook(workbook, Path(out))


# --- reading: one path for the web and for Excel ---------------------------------------

@dataclass
class Reading:
    """One submission as read: its values, where each sat, and its problems."""
    source: str
    record: Record | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.ERROR]


def web_grid(form: RoomForm, values: Mapping[str, Any]) -> list[list[Any]]:
    """The rows of the Excel form holding *values*, as the spreadsheet reader would give them.

    A web answer is put where a clerk would have typed it, so it is read by the very
    function that reads the file. Several answers go in one cell, separated by ';'.
    """
    width = S.FORM_FIRST_VALUE_COLUMN + S.FORM_MULTI_CELLS
    grid: list[list[Any]] = [[form.sheet.title], [form.sheet.help], list(S.FORM_CAPTIONS)]
    for f in form.sheet.fields:
        row: list[Any] = [f.header] + [None] * (width - 1)
        value = values.get(f.name)
        if isinstance(value, (list, tuple)):
            value = "; ".join(str(v) for v in value) or None
        row[S.FORM_FIRST_VALUE_COLUMN - 1] = value
        grid.append(row)
    return grid


def read_web(form: RoomForm, values: Mapping[str, Any], community: Community) -> Reading:
    """Read a web submission (field name -> text as typed) exactly as its Excel row."""
    checklist = Checklist(Path(WEB_SOURCE))
    record = read_form(web_grid(form, values), form.sheet, checklist,
                       form.community(community), None)
    return Reading(WEB_SOURCE, record, checklist.problems)


def read_excel(form: RoomForm, path: str | Path, community: Community) -> Reading:
    read = read_form_file(path, form.sheet, form.community(community), form.kind)
    records = read.tables.get(form.sheet.name) or [None]
    record = records[0] if read.status == LOADED else None
    return Reading(str(read.path), record, read.problems)


# --- storage ---------------------------------------------------------------------------

DDL = (
    """CREATE TABLE IF NOT EXISTS form_rounds (
        round_id INTEGER PRIMARY KEY,
        form TEXT NOT NULL,
        prompt TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        opened_by TEXT NOT NULL
    )""",
    # One row per answer ever given, never changed: the latest per (round, respondent) counts.
    """CREATE TABLE IF NOT EXISTS form_submissions (
        submission_id INTEGER PRIMARY KEY,
        round_id INTEGER NOT NULL REFERENCES form_rounds(round_id),
        form TEXT NOT NULL,
        respondent TEXT NOT NULL,
        channel TEXT NOT NULL,
        source TEXT NOT NULL,
        sha256 TEXT,
        submitted_at TEXT NOT NULL,
        answers_json TEXT NOT NULL
    )""",
    """CREATE INDEX IF NOT EXISTS form_submissions_latest
        ON form_submissions (round_id, respondent, submission_id)""",
    *split_script(append_only_ddl(["form_submissions"],
                                  "form answers are kept as given: add a new one")),
)
# One writer at a time within a process: SQLite's own wait for a lock sleeps in steps of up to
# 100 ms, so threads of one server queue here instead (each write lasts milliseconds).
_WRITING = threading.Lock()


def connect(db: str | Path) -> sqlite3.Connection:
    """A shared (WAL) connection with the form tables in place."""
    connection = connect_shared(db)
    ensure_tables(connection, DDL)
    return connection


@dataclass(frozen=True)
class Round:
    round_id: int
    form: str
    prompt: str
    opened_at: str


def open_round(db: str | Path, form: RoomForm, prompt: str, opened_by: str = "facilitator") -> Round:
    """Ask the room a new question with *form*; it becomes the form's current round."""
    prompt = " ".join(str(prompt).split())
    if not prompt:
        raise ValueError("A round needs a question or statement.")
    opened_at = utc_now("milliseconds")
    with closing(connect(db)) as connection, _WRITING, transaction(connection):
        cursor = connection.execute(
            "INSERT INTO form_rounds (form, prompt, opened_at, opened_by) VALUES (?,?,?,?)",
            (form.name, prompt, opened_at, opened_by))
    return Round(cursor.lastrowid, form.name, prompt, opened_at)


def current_round(db: str | Path, form: RoomForm,
                  connection: sqlite3.Connection | None = None) -> Round | None:
    if connection is None:
        if not Path(db).is_file():
            return None
        with closing(connect(db)) as own:
            return current_round(db, form, own)
    row = connection.execute("SELECT * FROM form_rounds WHERE form = ? "
                             "ORDER BY round_id DESC LIMIT 1", (form.name,)).fetchone()
    return _round(row)


def round_by_id(db: str | Path, form: RoomForm, round_id: Any,
                connection: sqlite3.Connection | None = None) -> Round | None:
    try:
        wanted = int(round_id)
    except (TypeError, ValueError):
        return None
    if connection is None:
        with closing(connect(db)) as own:
            return round_by_id(db, form, wanted, own)
    row = connection.execute("SELECT * FROM form_rounds WHERE form = ? AND round_id = ?",
                             (form.name, wanted)).fetchone()
    return _round(row)


def _round(row) -> Round | None:
    return None if row is None else Round(row["round_id"], row["form"], row["prompt"],
                                          row["opened_at"])


@dataclass
class Outcome:
    """What became of one submission: stored (with its id) or refused, and why."""
    source: str
    problems: list[Problem]
    submission_id: int | None = None
    round: Round | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    replaced: bool = False  # an earlier answer under the same code now no longer counts

    @property
    def stored(self) -> bool:
        return self.submission_id is not None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.ERROR]


def submit_web(db: str | Path, form: RoomForm, values: Mapping[str, Any], respondent: str,
               community: Community) -> Outcome:
    """Read, check and store one web submission; *values* must name the round it answers."""
    with closing(connect(db)) as connection:
        current = current_round(db, form, connection)
        if current is None:
            return Outcome(WEB_SOURCE, [make_problem(Code.FORM_NO_ROUND, WEB_SOURCE,
                                                     form=form.title)])
        given = {**{f.name: values.get(f.name) for f in form.asked},
                 form.round_field: _round_number(values.get(form.round_field)),
                 form.prompt_field: current.prompt,
                 form.code_field: respondent}
        reading = read_web(form, given, community)
        answered = reading.record.values.get(form.round_field) if reading.record else None
        if answered is not None and answered != current.round_id:
            old = round_by_id(db, form, answered, connection)
            if old is not None:
                reading.problems.append(make_problem(Code.FORM_ROUND_MOVED_ON, WEB_SOURCE,
                                                     value=old.prompt))
        return _store(connection, form, reading, respondent, WEB, sha256=None)


def _round_number(value: Any) -> Any:
    """The round the page was made for, as the Excel form holds it: a number."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() else (text or None)


def _store(connection: sqlite3.Connection, form: RoomForm, reading: Reading,
           respondent: str | None, channel: str, sha256: str | None) -> Outcome:
    outcome = Outcome(reading.source, list(reading.problems))
    record = reading.record
    round_ = None
    if record is not None and record.values.get(form.round_field) is not None:
        round_ = round_by_id(None, form, record.values[form.round_field], connection)
        if round_ is None:
            outcome.problems.append(_at_cell(form, record, form.round_field,
                                             Code.FORM_ROUND_UNKNOWN, reading.source,
                                             value=record.values[form.round_field],
                                             form=form.title))
    if record is None or round_ is None or respondent is None or outcome.errors:
        count = len(outcome.errors) or 1
        if not any(Code[p.code].rejects_row for p in outcome.errors):
            outcome.problems.append(make_problem(Code.FORM_NOT_STORED, reading.source,
                                                 count=count))
        return outcome
    answers = {f.name: record.values.get(f.name) for f in form.asked}
    outcome.round, outcome.answers = round_, answers
    with _WRITING, transaction(connection):
        if sha256 is not None:
            earlier = connection.execute(
                "SELECT submission_id FROM form_submissions WHERE sha256 = ? AND round_id = ?",
                (sha256, round_.round_id)).fetchone()
            if earlier is not None:
                outcome.problems.append(make_problem(Code.FORM_ALREADY_LOADED, reading.source,
                                                     value=earlier["submission_id"]))
                outcome.submission_id = earlier["submission_id"]
                return outcome
        outcome.replaced = connection.execute(
            "SELECT 1 FROM form_submissions WHERE round_id = ? AND respondent = ? LIMIT 1",
            (round_.round_id, respondent)).fetchone() is not None
        cursor = connection.execute(
            "INSERT INTO form_submissions (round_id, form, respondent, channel, source, sha256, "
            "submitted_at, answers_json) VALUES (?,?,?,?,?,?,?,?)",
            (round_.round_id, form.name, respondent, channel, reading.source, sha256,
             utc_now("milliseconds"), json.dumps(answers, sort_keys=True, default=str)))
        outcome.submission_id = cursor.lastrowid
    return outcome


def _at_cell(room_form: RoomForm, record: Record, field_name: str, code: Code, source: str,
             **details) -> Problem:
    f = room_form.sheet.field(field_name)
    a1 = record.cells.get(field_name)
    row = int("".join(c for c in a1 if c.isdigit())) if a1 else None
    return make_problem(code, source, sheet=room_form.sheet.title, cell=a1, field=f.label, row=row,
                        **details)


# --- loading Excel forms ---------------------------------------------------------------

def respondent_for_code(db: str | Path, typed: Any) -> tuple[str | None, Code | None]:
    """Who a code typed on a paper or Excel form stands for, and what to say about it.

    An attendee code the facilitator issued gives its code id, so a paper answer replaces a
    web answer given under the same code. A code never issued is kept as typed (with a
    warning): a paper room may have handed out its own slips. A revoked code, or the room's
    shared code, names nobody: the answer is refused.
    """
    found = access.find(Path(db), str(typed))
    if found is None:
        return f"typed:{access.normalise(str(typed))}", Code.FORM_CODE_NOT_ISSUED
    if not found.active:
        return None, Code.FORM_CODE_REVOKED
    if found.kind == access.ROOM:
        return None, Code.FORM_CODE_SHARED
    return ("facilitator" if found.kind == access.FACILITATOR else found.code_id), None


def load_form_files(paths: Iterable[str | Path], db: str | Path, form: RoomForm,
                    community: Community) -> list[Outcome]:
    """Load filled Excel forms: each file is stored whole or refused with its problems."""
    outcomes: list[Outcome] = []
    for candidate in discover([Path(p) for p in paths]):
        if candidate.skip is not None:
            outcomes.append(Outcome(str(candidate.path), [
                make_problem(candidate.skip, str(candidate.path), name=candidate.path.name)]))
            continue
        reading = read_excel(form, candidate.path, community)
        typed = reading.record.values.get(form.code_field) if reading.record else None
        respondent, said = respondent_for_code(db, typed) if typed else (None, None)
        if said is not None and said.severity == Severity.ERROR:
            reading.problems.append(_at_cell(form, reading.record, form.code_field, said,
                                             reading.source, value=typed))
        with closing(connect(db)) as connection:
            outcome = _store(connection, form, reading, respondent, EXCEL,
                             sha256=_sha256(candidate.path))
        if said is not None and outcome.stored and said.severity != Severity.ERROR:
            outcome.problems.append(_at_cell(form, reading.record, form.code_field, said,
                                             reading.source, value=typed))
        outcomes.append(outcome)
    return outcomes


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --- results ---------------------------------------------------------------------------

def round_answers(db: str | Path, form: RoomForm, round_: Round) -> RoundAnswers:
    """The answer that counts for each respondent: their latest."""
    with closing(connect(db)) as connection:
        rows = connection.execute(
            """SELECT answers_json FROM form_submissions s
               WHERE round_id = ? AND submission_id = (
                   SELECT MAX(submission_id) FROM form_submissions
                   WHERE round_id = s.round_id AND respondent = s.respondent)
               ORDER BY submission_id""", (round_.round_id,)).fetchall()
    return RoundAnswers(form, round_.round_id, round_.prompt,
                        [json.loads(r["answers_json"]) for r in rows])


def history(db: str | Path, form: RoomForm, round_: Round) -> list[dict[str, Any]]:
    """Every answer given in the round, oldest first, with who (code id) and how."""
    with closing(connect(db)) as connection:
        rows = connection.execute(
            "SELECT submission_id, respondent, channel, source, submitted_at, answers_json "
            "FROM form_submissions WHERE round_id = ? ORDER BY submission_id",
            (round_.round_id,)).fetchall()
    return [{**{k: r[k] for k in r.keys() if k != "answers_json"},
             "answers": json.loads(r["answers_json"])} for r in rows]


def summary(db: str | Path, form: RoomForm, round_: Round) -> Summary:
    results = round_answers(db, form, round_)
    if form.summarise is None:
        return Summary(form.title, f"n = {results.n}", None, [], [("Answers", str(results.n))])
    return form.summarise(results)


def result_line(db: str | Path, form: RoomForm, round_: Round) -> str:
    """The round's result in one line, to record beside a decision (counts only, no names):
    "Fist to five on 'We adopt …': n = 16; Median 3.5; …"."""
    shown = summary(db, form, round_)
    figures = "; ".join(f"{label} {value}" if not value.startswith("n =") else value
                        for label, value in shown.numbers)
    return f"{form.title} on '{round_.prompt}': {figures}"


def result_source(form: RoomForm, round_: Round) -> str:
    """The name a round's result is published under in the room state."""
    return f"form/{form.name}/round/{round_.round_id}"


def publish_result(db: str | Path, form: RoomForm, round_: Round) -> int:
    shown = summary(db, form, round_)
    return state.publish(Path(db), title=shown.title, source=result_source(form, round_),
                         subtitle=shown.subtitle, vegalite=shown.vegalite, table=shown.table,
                         numbers=shown.numbers, caption=shown.caption)


def publish_question(db: str | Path, form: RoomForm, round_: Round, answer_path: str) -> int:
    """Show the room the question just opened, and where to answer it."""
    return state.publish(Path(db), title=f"{form.title}: {round_.prompt}",
                         source=f"form/{form.name}/round/{round_.round_id}/question",
                         subtitle=f"Answer on your phone: {answer_path}",
                         numbers=[("Round", str(round_.round_id))])


def ask(db: str | Path, form: RoomForm, prompt: str, opened_by: str = "facilitator") -> Round:
    """Open a question and show it to the room: what /room/fist does, for a notebook cell.

        from workbook.roomstore import forms
        forms.ask(db, forms.FIST_TO_FIVE, "We adopt one shared scorecard.")
    """
    round_ = open_round(db, form, prompt, opened_by)
    publish_question(db, form, round_, answer_path(form))
    return round_


def answer_path(form: RoomForm) -> str:
    return f"/room/form/{form.name}"


def refresh_if_shown(db: str | Path, form: RoomForm, round_: Round) -> bool:
    """If the room is looking at this round's result, show it with the latest answers."""
    shown = state.latest(Path(db))
    if shown is None or shown.source != result_source(form, round_):
        return False
    publish_result(db, form, round_)
    return True
