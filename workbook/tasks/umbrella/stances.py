"""Coalition stances on the umbrella's options: one form, three ways in, rounds kept.

The stance form is a room form (``roomstore.forms.RoomForm``) built from the option lists: one
choice per option (must have / prefer / can accept / cannot accept) and a reason beside it.
Whichever way a stance comes in, it is read by ``intake.forms.read_form``, the reader of the
Excel form, so the three give the same values and the same problems:

* the Excel form per coalition, pre-filled with its name, the round and the options
  (``write_stance_form``), loaded with ``load_stance_files``;
* the web form, under a code the facilitator gave the coalition (``give_code``,
  ``submit_web``): the code, not a typed name, says which coalition speaks;
* the facilitator entering a coalition's stances live as it speaks (``enter_live``).

A submission is stored whole or refused. Stances are kept per round in ``umbrella_*``
tables that accept no UPDATE or DELETE: within a round the latest stance per coalition and
option counts; a blank leaves the earlier one standing. ``movement`` compares two rounds.
"""
from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd

from ... import schema as S
from ...community import Community
from ...intake.files import discover
from ...intake.problems import Code, Problem, Severity, make_problem
from ...decisions import plain_key
from ...matching.names import trimmed
from ...roomstore import forms
from ...store import (append_only_ddl, connect_shared, ensure_tables, split_script,
                      transaction, utc_now)
from .options import OptionLists

FORM_NAME = "umbrella_stances"
STANCE_VOCABULARY = "umbrella_stances"
STANCE_RANK = {stance: rank for rank, stance in enumerate(S.STANCES)}  # 0 = must have
WEB, EXCEL, LIVE = "web", "excel", "live"
STANCE_COLUMNS = ["round", "coalition", "parameter", "option", "stance", "reason"]

TABLES = ("umbrella_rounds", "umbrella_codes", "umbrella_submissions", "umbrella_stances")
DDL = (
    """CREATE TABLE IF NOT EXISTS umbrella_rounds (
        round_id INTEGER PRIMARY KEY, opened_at TEXT NOT NULL, opened_by TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS umbrella_codes (
        code_id TEXT NOT NULL, coalition TEXT NOT NULL, given_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS umbrella_submissions (
        submission_id INTEGER PRIMARY KEY,
        round_id INTEGER NOT NULL REFERENCES umbrella_rounds(round_id),
        coalition TEXT NOT NULL, channel TEXT NOT NULL, source TEXT NOT NULL,
        entered_by TEXT NOT NULL, sha256 TEXT, submitted_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS umbrella_stances (
        submission_id INTEGER NOT NULL REFERENCES umbrella_submissions(submission_id),
        parameter TEXT NOT NULL, option TEXT NOT NULL, stance TEXT NOT NULL, reason TEXT)""",
    *split_script(append_only_ddl(TABLES, "umbrella stances are kept as given: add new ones")),
)


def connect(db: str | Path) -> sqlite3.Connection:
    connection = connect_shared(db)
    ensure_tables(connection, DDL)
    return connection


# --- the form ---------------------------------------------------------------------------

@dataclass(frozen=True)
class StanceForm:
    """The room form of one set of option lists, and which field holds which option."""
    form: forms.RoomForm
    slots: Mapping[str, tuple[str, str]]  # stance field -> (parameter, option)

    def field_of(self, parameter: str, option: str) -> str:
        for name, slot in self.slots.items():
            if slot == (parameter, option):
                return name
        raise KeyError(f"'{option}' is not an option of '{parameter}' on this form")


def stance_form(options: OptionLists, register: bool = True) -> StanceForm:
    """The stance form for *options*; registered with the room unless told otherwise."""
    fields: list[S.Field] = list(_given_fields())
    slots: dict[str, tuple[str, str]] = {}
    for number, row in enumerate(options.table.itertuples(index=False), start=1):
        name = f"s{number}"
        slots[name] = (row.parameter, row.option)
        label = f"{row.parameter_title}: {row.option}"
        fields.append(S.Field(name, label, S.CHOICE, vocabulary=STANCE_VOCABULARY, width=16,
                              help=row.meaning or f"Your stance on '{row.option}'.",
                              example="Can accept"))
        fields.append(S.Field(f"{name}_reason", f"{label} – why", S.LONG_TEXT,
                              help="Optional; please say why when you cannot accept it."))
    sheet = S.Sheet(name=FORM_NAME, title="Stances", layout=S.FORM, required=True,
                    help="For every option, your coalition's stance: must have, prefer, can "
                         "accept or cannot accept.", fields=tuple(fields))
    form = forms.RoomForm(
        name=FORM_NAME, kind=FORM_NAME, kind_name="a coalition's umbrella stances",
        title="Umbrella stances", sheet=sheet, guidance=_guidance(),
        vocabularies={STANCE_VOCABULARY: S.STANCES},
        meanings={STANCE_VOCABULARY: S.STANCE_MEANINGS}, code_field="coalition",
        own_page="stances")
    if register:
        forms.register(form)
    return StanceForm(form, slots)


def _given_fields() -> tuple[S.Field, ...]:
    return (
        S.Field("round", "Round", S.INTEGER, required=True, width=10,
                help="Filled in for you: the round of stances this form answers. Leave it."),
        S.Field("prompt", "The question", S.LONG_TEXT,
                help="Filled in for you."),
        S.Field("coalition", "Your coalition", required=True,
                help="Filled in for you: the coalition these stances speak for.",
                example="Eastside Early Learning Network"),
    )


def _guidance() -> tuple[tuple[str, str], ...]:
    return (("What this is", "Where your coalition stands on each option of the umbrella "
                             "the coalitions are negotiating. Stances are shown to the room "
                             "by coalition."),
            ("How to fill it", "On the 'Stances' sheet pick one stance per option from the "
                               "dropdown. Leave an option blank if you have no stance yet."),
            *((stance, S.STANCE_MEANINGS[stance]) for stance in S.STANCES),
            ("Changed your mind?", "Send the form again: within a round the latest stance "
                                   "counts, and every earlier one is kept."))


# --- rounds and codes -----------------------------------------------------------------

def open_round(db: str | Path, opened_by: str = "facilitator") -> int:
    """Start a new round of stances (after discussion); earlier rounds are kept."""
    with closing(connect(db)) as connection, transaction(connection):
        return connection.execute("INSERT INTO umbrella_rounds (opened_at, opened_by) "
                                  "VALUES (?, ?)", (utc_now("milliseconds"), opened_by)).lastrowid


def rounds(db: str | Path) -> list[int]:
    with closing(connect(db)) as connection:
        return [r[0] for r in connection.execute(
            "SELECT round_id FROM umbrella_rounds ORDER BY round_id")]


def current_round(db: str | Path) -> int | None:
    known = rounds(db)
    return known[-1] if known else None


def prompt(round_id: int) -> str:
    return f"Umbrella stances, round {round_id}"


def give_code(db: str | Path, coalition: str, code_id: str) -> None:
    """The web form under *code_id* speaks for *coalition* from now on."""
    with closing(connect(db)) as connection, transaction(connection):
        connection.execute("INSERT INTO umbrella_codes VALUES (?, ?, ?)",
                           (str(code_id), trimmed(coalition), utc_now("milliseconds")))


def coalition_for_code(db: str | Path, code_id: str) -> str | None:
    with closing(connect(db)) as connection:
        row = connection.execute("SELECT coalition FROM umbrella_codes WHERE code_id = ? "
                                 "ORDER BY rowid DESC LIMIT 1", (str(code_id),)).fetchone()
    return None if row is None else row["coalition"]


# --- three ways in, one reader ----------------------------------------------------------

@dataclass
class Outcome:
    """What became of one submission of stances: stored (with its id) or refused, and why."""
    source: str
    problems: list[Problem]
    submission_id: int | None = None
    coalition: str | None = None
    stances: list[dict[str, Any]] = field(default_factory=list)

    @property
    def stored(self) -> bool:
        return self.submission_id is not None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.ERROR]


def form_values(sform: StanceForm, round_id: int, coalition: str,
                stances: Mapping[tuple[str, str], Any]) -> dict[str, Any]:
    """Field values of the form for stances given as (parameter, option) -> stance or
    (stance, reason): what the facilitator types live, or a previous round carried over."""
    values: dict[str, Any] = {"round": round_id, "prompt": prompt(round_id),
                              "coalition": coalition}
    for (parameter, option), given in stances.items():
        stance, reason = given if isinstance(given, tuple) else (given, None)
        name = sform.field_of(parameter, option)
        values[name], values[f"{name}_reason"] = stance, reason
    return values


def write_stance_form(sform: StanceForm, community: Community, out: str | Path, round_id: int,
                      coalition: str,
                      stances: Mapping[tuple[str, str], Any] | None = None) -> Path:
    """The Excel form for one coalition: its name, the round and every option filled in
    (with its earlier stances, when given, to retake them after discussion)."""
    return forms.write_excel_form(sform.form, community, out,
                                  values=form_values(sform, round_id, coalition, stances or {}))


def submit_web(db: str | Path, sform: StanceForm, values: Mapping[str, Any], code_id: str,
               community: Community) -> Outcome:
    """Stances from the web form; the coalition is the one the code was given to."""
    coalition = coalition_for_code(db, code_id)
    if coalition is None:
        return Outcome(forms.WEB_SOURCE, [make_problem(Code.UMBRELLA_CODE_NO_COALITION,
                                                       forms.WEB_SOURCE, value=code_id)])
    # The page holds the round as text; the Excel form holds it as the number it is.
    typed = str(values.get("round") or "").strip()
    round_id = int(typed) if typed.isdigit() else (typed or None)
    given = {**values, "coalition": coalition, "round": round_id,
             "prompt": prompt(round_id) if isinstance(round_id, int) else None}
    reading = forms.read_web(sform.form, given, community)
    return _store(db, sform, reading, WEB, entered_by=str(code_id))


def enter_live(db: str | Path, sform: StanceForm, coalition: str,
               stances: Mapping[tuple[str, str], Any], community: Community,
               by: str = "facilitator", round_id: int | None = None) -> Outcome:
    """The facilitator types a coalition's stances as it speaks; read like the web form."""
    round_id = round_id if round_id is not None else current_round(db)
    if round_id is None:
        round_id = open_round(db, by)
    reading = forms.read_web(sform.form, form_values(sform, round_id, coalition, stances),
                             community)
    reading.source = f"entered live by {by}"
    return _store(db, sform, reading, LIVE, entered_by=by)


def load_stance_files(paths: Iterable[str | Path], db: str | Path, sform: StanceForm,
                      community: Community, by: str = "facilitator") -> list[Outcome]:
    """Load filled Excel stance forms: each stored whole or refused with its problems."""
    outcomes: list[Outcome] = []
    for candidate in discover([Path(p) for p in paths]):
        if candidate.skip is not None:
            outcomes.append(Outcome(str(candidate.path), [
                make_problem(candidate.skip, str(candidate.path), name=candidate.path.name)]))
            continue
        reading = forms.read_excel(sform.form, candidate.path, community)
        sha256 = hashlib.sha256(candidate.path.read_bytes()).hexdigest()
        outcomes.append(_store(db, sform, reading, EXCEL, entered_by=by, sha256=sha256))
    return outcomes


def _store(db: str | Path, sform: StanceForm, reading: forms.Reading, channel: str,
           entered_by: str, sha256: str | None = None) -> Outcome:
    outcome = Outcome(reading.source, list(reading.problems))
    record = reading.record
    with closing(connect(db)) as connection:
        round_id = record.values.get("round") if record is not None else None
        known = round_id is not None and connection.execute(
            "SELECT 1 FROM umbrella_rounds WHERE round_id = ?", (round_id,)).fetchone()
        if record is not None and round_id is not None and not known:
            outcome.problems.append(_at_cell(sform, record, "round", Code.FORM_ROUND_UNKNOWN,
                                             reading.source, value=round_id,
                                             form=sform.form.title))
        if record is None or not known or outcome.errors:
            if not any(Code[p.code].rejects_row for p in outcome.errors):
                outcome.problems.append(make_problem(Code.FORM_NOT_STORED, reading.source,
                                                     count=len(outcome.errors) or 1))
            return outcome
        outcome.coalition = _known_spelling(connection, record.values["coalition"])
        outcome.stances = _stances_of(sform, record)
        outcome.problems += [_at_cell(sform, record, s["field"], Code.UMBRELLA_BLOCK_NO_REASON,
                                      reading.source) for s in outcome.stances
                             if s["stance"] == S.CANNOT_ACCEPT and not s["reason"]]
        with transaction(connection):
            if sha256 is not None:
                earlier = connection.execute("SELECT submission_id FROM umbrella_submissions "
                                             "WHERE sha256 = ?", (sha256,)).fetchone()
                if earlier is not None:
                    outcome.problems.append(make_problem(Code.FORM_ALREADY_LOADED,
                                                         reading.source, value=earlier[0]))
                    outcome.submission_id = earlier[0]
                    return outcome
            outcome.submission_id = connection.execute(
                "INSERT INTO umbrella_submissions (round_id, coalition, channel, source, "
                "entered_by, sha256, submitted_at) VALUES (?,?,?,?,?,?,?)",
                (round_id, outcome.coalition, channel, reading.source, entered_by, sha256,
                 utc_now("milliseconds"))).lastrowid
            connection.executemany(
                "INSERT INTO umbrella_stances VALUES (?,?,?,?,?)",
                [(outcome.submission_id, s["parameter"], s["option"], s["stance"], s["reason"])
                 for s in outcome.stances])
    return outcome


def _known_spelling(connection: sqlite3.Connection, typed: Any) -> str:
    """The coalition as first written, when typed again with other case or spacing: one
    coalition's stances never split in two over "Learn To Earn  Dayton"."""
    wanted = plain_key(typed)
    for (earlier,) in connection.execute("SELECT coalition FROM umbrella_codes UNION ALL "
                                         "SELECT coalition FROM umbrella_submissions"):
        if plain_key(earlier) == wanted:
            return earlier
    return trimmed(typed)


def _stances_of(sform: StanceForm, record) -> list[dict[str, Any]]:
    found = []
    for name, (parameter, option) in sform.slots.items():
        stance = record.values.get(name)
        if stance:
            reason = trimmed(record.values.get(f"{name}_reason")) or None
            found.append({"field": name, "parameter": parameter, "option": option,
                          "stance": stance, "reason": reason})
    return found


def _at_cell(sform: StanceForm, record, field_name: str, code: Code, source: str,
             **details) -> Problem:
    f = sform.form.sheet.field(field_name)
    a1 = record.cells.get(field_name)
    row = int("".join(c for c in a1 if c.isdigit())) if a1 else None
    return make_problem(code, source, sheet=sform.form.sheet.title, cell=a1, field=f.label,
                        row=row, **details)


# --- reading stances back ---------------------------------------------------------------

def stances(db: str | Path, round_id: int | None = None) -> pd.DataFrame:
    """The stances that count in *round_id* (default: the latest round): the latest per
    coalition and option. Columns: round, coalition, parameter, option, stance, reason."""
    round_id = round_id if round_id is not None else current_round(db)
    with closing(connect(db)) as connection:
        rows = connection.execute(
            """SELECT s.round_id AS round, s.coalition, t.parameter, t.option, t.stance,
                      t.reason, t.rowid AS seq
               FROM umbrella_stances t JOIN umbrella_submissions s USING (submission_id)
               WHERE s.round_id = ? ORDER BY t.rowid""", (round_id,)).fetchall()
    frame = pd.DataFrame([dict(r) for r in rows],
                         columns=[*STANCE_COLUMNS, "seq"])
    latest = frame.drop_duplicates(["coalition", "parameter", "option"], keep="last")
    return latest.drop(columns="seq").reset_index(drop=True)


def movement(db: str | Path, before: int, after: int) -> pd.DataFrame:
    """How each coalition's stance on each option moved from round *before* to *after*.

    change: unchanged, block lifted, now blocks, stronger (toward must have), weaker
    (toward can accept), new (no stance before), dropped (none after)."""
    keys = ["coalition", "parameter", "option"]
    merged = stances(db, before).merge(stances(db, after), on=keys, how="outer",
                                       suffixes=("_before", "_after"))
    merged["change"] = [_change(b, a) for b, a in zip(merged["stance_before"],
                                                       merged["stance_after"])]
    return merged[[*keys, "stance_before", "stance_after", "change", "reason_after"]]


def _change(before: Any, after: Any) -> str:
    if not isinstance(before, str):
        return "new"
    if not isinstance(after, str):
        return "dropped"
    if before == after:
        return "unchanged"
    if before == S.CANNOT_ACCEPT:
        return "block lifted"
    if after == S.CANNOT_ACCEPT:
        return "now blocks"
    return "stronger" if STANCE_RANK[after] < STANCE_RANK[before] else "weaker"


CHANGES = ("block lifted", "now blocks", "stronger", "weaker", "unchanged", "new", "dropped")


def movement_counts(moved: pd.DataFrame) -> pd.DataFrame:
    """Per parameter, how many stances made each change (``movement``'s rows counted)."""
    counts = pd.crosstab(moved["parameter"], moved["change"])
    return counts.reindex(columns=list(CHANGES), fill_value=0)
