"""Loading a folder of umbrella files the room filled on paper or in Excel.

    umbrella/
      paper-codes.csv             coalition, code: the slips the facilitator wrote by hand
      readiness/*.xlsx            readiness checks (the room form), one per leader
      stances/round-N/*.xlsx      stance forms of round N, one per coalition
      opportunity-moments.csv     event, date, why it matters, who acts
      agreed-options.csv          parameter, option, decision rule, round, recorded by, rationale

Each file goes through the reader its form has (``roomstore.forms``, ``stances``); every file is
stored or reported with its problems, one bad file never stops the others, and loading the
same folder again stores nothing twice (forms by their checksum, lines by their content).
A round of stances named by the folder is opened when the room has fewer rounds; a
readiness round is opened when there is none. Nothing here rewrites a file.

A room without the laptop's printed slips hands out its own: the facilitator types the
codes written on them into paper-codes.csv, and they are issued as coalition codes before
the forms are read, so a form carrying one is the coalition's answer (a later answer under
the same code replaces it) and a code on no slip is still warned about.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ... import decisions
from ...community import Community
from ...intake.problems import Code, Problem, make_problem
from ...roomstore import access, forms
from . import agreement as A
from . import options as O
from . import readiness as R
from . import roll
from . import stances as T

READINESS_DIR, STANCES_DIR = "readiness", "stances"
MOMENTS_FILE, AGREED_FILE = "opportunity-moments.csv", "agreed-options.csv"
CODES_FILE = "paper-codes.csv"
CODE_COLUMNS = ("coalition", "code")
SHORTEST_CODE = access.ROOM_CODE_LENGTH  # letters and digits: shorter slips are guessed
MOMENT_COLUMNS = ("event", "date", "why it matters", "who acts")
AGREED_COLUMNS = ("parameter", "option", "decision rule", "round", "recorded by", "rationale")
ROUND_FOLDER = re.compile(r"round[-_ ]?(\d+)$", re.IGNORECASE)


@dataclass
class UmbrellaReport:
    """What became of each file and line: stored, already there, or refused with problems."""
    readiness: list[forms.Outcome] = field(default_factory=list)
    stances: list[T.Outcome] = field(default_factory=list)
    codes_added: int = 0
    moments_added: int = 0
    agreed_added: int = 0
    problems: list[Problem] = field(default_factory=list)  # of the CSV lines

    @property
    def all_problems(self) -> list[Problem]:
        return [*(p for o in self.readiness for p in o.problems),
                *(p for o in self.stances for p in o.problems), *self.problems]

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.all_problems)


def load_umbrella(folder: str | Path, db: str | Path, community: Community,
                  by: str = "facilitator") -> UmbrellaReport:
    folder = Path(folder)
    report = UmbrellaReport()
    if (folder / CODES_FILE).is_file():
        _issue_paper_codes(folder / CODES_FILE, db, report)
    readiness = folder / READINESS_DIR
    if readiness.is_dir():
        if forms.current_round(db, R.READINESS) is None:
            forms.open_round(db, R.READINESS, "Readiness check", by)
        report.readiness = forms.load_form_files([readiness], db, R.READINESS, community)
    stances = folder / STANCES_DIR
    if stances.is_dir():
        sform = T.stance_form(O.option_lists(community, db), register=False)
        for number, round_folder in _round_folders(stances):
            while len(T.rounds(db)) < number:
                T.open_round(db, by)
            report.stances += T.load_stance_files([round_folder], db, sform, community, by)
    if (folder / MOMENTS_FILE).is_file():
        _load_moments(folder / MOMENTS_FILE, db, by, report)
    if (folder / AGREED_FILE).is_file():
        _load_agreed(folder / AGREED_FILE, db, report)
    return report


def _round_folders(stances: Path) -> list[tuple[int, Path]]:
    found = [(int(m.group(1)), p) for p in stances.iterdir()
             if p.is_dir() and (m := ROUND_FOLDER.search(p.name))]
    return sorted(found)


def _lines(path: Path, columns: tuple[str, ...], report: UmbrellaReport):
    """(line number, row) of every non-empty line; a line missing a column is reported."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            if not any(row.values()):
                continue
            missing = [c for c in columns if c != "rationale" and not row.get(c)]
            if missing:
                _refuse(report, path, number, columns, "no " + ", no ".join(missing))
                continue
            yield number, row


def _refuse(report: UmbrellaReport, path: Path, number: int, columns, reason: str) -> None:
    report.problems.append(make_problem(Code.UMBRELLA_LINE_NOT_USED, str(path), row=number,
                                        name=path.name, reason=reason,
                                        columns=", ".join(columns)))


def _issue_paper_codes(path: Path, db, report: UmbrellaReport) -> None:
    """Each slip's code as a coalition code, unless the room knows it already (issued,
    or withdrawn: a withdrawn code stays refused)."""
    for number, row in _lines(path, CODE_COLUMNS, report):
        plain = access.normalise(row["code"])
        if len(plain) < SHORTEST_CODE:
            _refuse(report, path, number, CODE_COLUMNS,
                    f"code '{row['code']}' is shorter than {SHORTEST_CODE} letters and digits, "
                    "so anyone could guess it")
            continue
        if access.find(Path(db), plain) is not None:
            continue
        coalition = roll.known_spelling(db, row["coalition"])
        T.give_code(db, coalition, access.issue(Path(db), access.COALITION, coalition,
                                                plain).code_id)
        report.codes_added += 1


def _load_moments(path: Path, db, by: str, report: UmbrellaReport) -> None:
    noted = {(m.event, m.date) for m in R.moments(db).itertuples()}
    for number, row in _lines(path, MOMENT_COLUMNS, report):
        try:
            key = (" ".join(row["event"].split()), R._date(row["date"]).isoformat())
            if key in noted:
                continue
            R.note_moment(db, row["event"], row["date"], row["why it matters"], row["who acts"],
                          by)
        except ValueError as problem:
            _refuse(report, path, number, MOMENT_COLUMNS, str(problem).rstrip("."))
            continue
        noted.add(key)
        report.moments_added += 1


def _load_agreed(path: Path, db, report: UmbrellaReport) -> None:
    by_title = {p.title.lower(): name for name, p in O.PARAMETERS.items()}
    for number, row in _lines(path, AGREED_COLUMNS, report):
        parameter = by_title.get(row["parameter"].lower(), row["parameter"])
        options = [o.strip() for o in row["option"].split(";") if o.strip()]
        if not row["round"].isdigit():
            _refuse(report, path, number, AGREED_COLUMNS, f"round '{row['round']}' is not a "
                                                          "number")
            continue
        title = O.PARAMETERS[parameter].title if parameter in O.PARAMETERS else None
        in_force = {e.value for e in decisions.current(db, "umbrella_parameter")
                    if any(s.label == title for s in e.subjects)}
        if "; ".join(options) in in_force:
            continue
        round_id = int(row["round"])
        try:
            A.record_agreed(db, parameter, options, row["decision rule"], round_id,
                            row["recorded by"], stances=T.stances(db, round_id),
                            rationale=row.get("rationale", ""))
        except decisions.DecisionError as problem:
            _refuse(report, path, number, AGREED_COLUMNS, str(problem).rstrip("."))
            continue
        report.agreed_added += 1
