"""Shared test builders: filled checklists from the template, broken on purpose.

Tests import from here instead of from each other. Three ways to make a file:

* ``checklist``: the real template filled with a coalition the way a coordinator
  types it, then changed with openpyxl (``edit``) like a clerk would;
* ``rewrite_parts``: the saved package changed below openpyxl, for what only a
  hostile or damaged file holds (a part that unpacks to hundreds of MB);
* ``markdown_workbook``: a small workbook written as markdown tables inside the
  test, so a layout test shows the sheet it reads (as pyxform's tests do).

``filled_rows`` counts a file's filled rows with openpyxl alone, for checking that
every row is loaded or reported.

Further down: ``ashford_checklist``, the clean checklist the intake and loading
tests change one thing of, and ALPHA to DELTA, a tiny community described for
``workbook.sample.database.build_database`` (written straight into SQLite), whose
overlaps are worked out by hand.
"""
from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path
from typing import Callable

import openpyxl

from workbook import schema as S
from workbook.community import Community, default_community

try:  # the form-filling helpers move out of the sample generator (issue 6)
    from workbook.forms import FilledChecklist, write_checklist
except ImportError:
    from workbook.sample import FilledChecklist, write_checklist

# A county early-learning coalition as its coordinator fills the checklist.
COALITION = {
    "name": "Montgomery County Early Learning Coalition", "short_name": "MCELC",
    "lead_organisations": ["United Way of the Greater Dayton Area"],
    "contact_name": "LaToya Jenkins", "contact_email": "ljenkins@dayton-unitedway.org",
    "year_founded": 2014, "mission": "Every child in Montgomery County ready for kindergarten.",
    "populations": ["Prenatal to 5", "Families"],
    "issue_areas": ["Early childhood"], "annual_budget": 185000, "staff_fte": 1.5,
    "meeting_cadence": "Monthly", "meeting_hours": 1.5,
    "website": "https://www.mcelc.org", "completed_on": "2026-10-14",
}
ROWS = {
    "areas": [{"level": "County", "area": "Montgomery County"}],
    "goals": [
        {"goal_id": "G1", "statement": "Increase kindergarten readiness",
         "issue_area": "Early childhood", "population": "Prenatal to 5",
         "indicator": "% of kindergartners demonstrating readiness on the KRA",
         "baseline_value": 41, "baseline_year": 2022, "target_value": 55, "target_year": 2028,
         "data_source": "Ohio Department of Education"},
        {"goal_id": "G2", "statement": "More families read with their children daily",
         "issue_area": "Early childhood", "population": "Families"},
    ],
    "strategies": [
        {"strategy": "Dolly Parton's Imagination Library enrollment", "goal_ids": "G1; G2",
         "strategy_type": "Direct service", "issue_area": "Early childhood", "status": "Active"},
        {"strategy": "Kindergarten transition summer camps", "goal_ids": "G1",
         "strategy_type": "Direct service", "status": "Active"},
    ],
    "members": [
        {"organisation": "Dayton Metro Library", "sector": "Government",
         "representative": "Marcus Bell", "representative_email": "mbell@daytonmetrolibrary.org",
         "role": "Chair", "meetings_per_year": 11},
        {"organisation": "Dayton Public Schools", "sector": "Education (K-12)",
         "representative": "Angela Ruiz", "role": "Member"},
        {"organisation": "Boys & Girls Club of Dayton", "sector": "Nonprofit",
         "representative": "Kevin O'Neal", "role": "Member"},
    ],
    "funders": [{"funder": "The Dayton Foundation", "amount": 75000, "start_year": 2024,
                 "end_year": 2026}],
    "asks": [{"organisation": "Dayton Public Schools", "ask_type": "Data", "times_per_year": 2}],
}

SPECIAL_SHEETS = {S.INSTRUCTIONS_SHEET, S.LISTS_SHEET, S.META_SHEET}


def checklist(folder: Path, name: str = "checklist.xlsx", coalition: dict | None = None,
              rows: dict | None = None, edit: Callable | None = None,
              community: Community | None = None, typed_as_text: bool = False) -> Path:
    """A filled checklist; *edit* gets the openpyxl workbook to change it further.

    openpyxl stores any text starting with "=" as a formula; *typed_as_text* keeps
    it text, as Excel does for a value typed after an apostrophe or pasted as text.
    """
    filled = FilledChecklist(coalition={**COALITION, **(coalition or {})},
                             rows={**copy.deepcopy(ROWS), **(rows or {})})
    path = write_checklist(filled, Path(folder) / name, community or default_community())
    if edit is not None or typed_as_text:
        workbook = openpyxl.load_workbook(path)
        if edit is not None:
            edit(workbook)
        if typed_as_text:
            for cell in (c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row):
                if cell.data_type == "f":
                    cell.data_type = "s"
        workbook.save(path)
    return path


def sheet_part(path: Path, title: str) -> str:
    """The zip member holding the sheet titled *title*."""
    with zipfile.ZipFile(path) as package:
        workbook = package.read("xl/workbook.xml").decode()
        rels = package.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(title)}"[^>]*r:id="([^"]+)"', workbook).group(1)
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels)
    if target is None:
        target = re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


def rewrite_parts(path: Path, parts: dict[str, Callable[[bytes], bytes | Callable]]) -> Path:
    """Rewrite (or add) members of the package in place; a callable result streams its chunks."""
    with zipfile.ZipFile(path) as package:
        members = [(info, package.read(info)) for info in package.infolist()]
    present = {info.filename for info, _ in members}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info, data in members:
            if info.filename not in parts:
                out.writestr(info, data)
            else:
                _write_part(out, info.filename, parts[info.filename](data))
        for name in parts.keys() - present:  # a part the file did not have: added
            _write_part(out, name, parts[name](b""))
    return path


def _write_part(out: zipfile.ZipFile, name: str, result) -> None:
    if callable(result):
        with out.open(name, "w", force_zip64=True) as stream:
            result(stream.write)
    else:
        out.writestr(name, result)


def markdown_rows(table: str) -> list[list]:
    """| a | b | lines as rows of cell values; blank cells are None, digits are numbers."""
    rows = []
    for line in table.strip().splitlines():
        line = line.strip()
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        rows.append([_cell(part.strip()) for part in line.strip("|").split("|")])
    return rows


def _cell(text: str):
    if not text:
        return None
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    return text.replace("\\n", "\n")


def markdown_workbook(path: Path, sheets: dict[str, str]) -> Path:
    """A workbook whose sheets are given as markdown tables, e.g. ``{"Members": "| ... |"}``."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, table in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in markdown_rows(table):
            sheet.append(row)
    workbook.save(path)
    return path


def filled_rows(path: Path) -> int:
    """Filled rows in a checklist file, counted with openpyxl and the schema's labels only.

    The Coalition form counts as one row when anything is answered; on any other sheet
    every filled row counts except a heading row (one naming at least two of the
    schema's labels) and an example row left as the template wrote it.
    """
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        total = 0
        for sheet in workbook.worksheets:
            if sheet.title in SPECIAL_SHEETS or sheet.sheet_state != "visible":
                continue
            rows = [row for row in sheet.iter_rows(values_only=True)
                    if any(not _blank(v) for v in row)]
            total += _form_rows(rows) if sheet.title == S.COALITION.title else _table_rows(rows)
        return total
    finally:
        workbook.close()


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


LABELS = {" ".join(f.label.casefold().split()) for sheet in S.CHECKLIST for f in sheet.fields}


def _is_heading(row) -> bool:
    named = sum(1 for v in row if isinstance(v, str)
                and " ".join(v.replace("*", "").casefold().split()) in LABELS)
    return named >= 2


def _is_untouched_example(row) -> bool:
    texts = [v for v in row if not _blank(v)]
    if not any(isinstance(v, str) and v.startswith("◀") for v in texts):
        return False
    examples = {_plain(f.example) for sheet in S.CHECKLIST for f in sheet.fields
                if f.example is not None}
    return all(_plain(v) in examples for v in texts if not str(v).startswith("◀"))


def _plain(value) -> str:
    if isinstance(value, tuple):
        value = "; ".join(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _form_rows(rows) -> int:
    caption = next((i for i, row in enumerate(rows) if row and row[0] == S.FORM_CAPTIONS[0]), -1)
    answers = slice(S.FORM_FIRST_VALUE_COLUMN - 1, S.FORM_FIRST_VALUE_COLUMN - 1 + S.FORM_MULTI_CELLS)
    return int(any(not _blank(v) for row in rows[caption + 1:] for v in row[answers]))


def _table_rows(rows) -> int:
    heading = next((i for i, row in enumerate(rows) if _is_heading(row)), None)
    body = rows if heading is None else rows[:heading] + rows[heading + 1:]
    return sum(1 for row in body if not _is_untouched_example(row))


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in files.items():
            package.writestr(name, data)
    return buffer.getvalue()


def codes(read) -> list[str]:
    return [p.code for p in read.problems]


def problem(read, code):
    found = [p for p in read.problems if p.code == code.name]
    assert found, f"expected {code.name} in {codes(read)}"
    return found[0]


# --- a tiny community written straight into SQLite ------------------------------------
# Four coalitions in the compact form of ``workbook.sample.database.build_database``,
# small enough that every overlap, burden and comparison can be worked out by hand
# (tests/test_overlaps.py, tests/test_exports.py).

LIBRARY, CLUB, SCHOOLS = "Riverbend Library", "Boys & Girls Club", "Ashford Schools"
HEALTH, FOOD_BANK, SENIORS = "Health Department", "Food Bank", "Senior Center"
FOUNDATION, STATE = "Riverbend Foundation", "State Department of Health"
READY = "More children enter kindergarten ready to learn"
READY_REWORDED = "Increase the share of children entering kindergarten ready to learn by 2030"
READING = "Parents read with their young children every day"

ALPHA = {
    "name": "Alpha Early Learning", "short_name": "ALPHA", "lead": LIBRARY,
    "cadence": "Monthly", "hours": 2.0, "budget": 100000,
    "geographies": ["Ashford County", "Bell County"], "populations": ["Prenatal to 5", "Families"],
    "issue_areas": ["Early childhood", "Health"],
    "members": [(LIBRARY, "Sam Ortiz", "Chair", None), (CLUB, "Ann Lee", "Member", None),
                (SCHOOLS, "Pat Kim", "Member", None), (SCHOOLS, "Lee Park", "Steering", None),
                (HEALTH, "Kim Ray", "Member", None)],
    "goals": [(READY, "% of kindergartners ready on the state screener", "Early childhood",
               "Prenatal to 5"),
              (READING, "% of parents reading daily", "Early childhood", "Families")],
    "strategies": [("Book gifting at well-child visits", "Direct service", "Early childhood"),
                   ("Shared kindergarten readiness dashboard", "Shared measurement",
                    "Early childhood")],
    "funders": [FOUNDATION, STATE],
    "asks": [(SCHOOLS, "Data", 2), (FOUNDATION, "Money", 1)],
}
BETA = {
    "name": "Beta Ready by Five", "short_name": "BETA", "lead": LIBRARY,
    "cadence": "Quarterly", "hours": 3.0,
    "geographies": ["Ashford County"], "populations": ["Prenatal to 5"],
    "issue_areas": ["Early childhood"],
    "members": [(LIBRARY, "Sam Ortiz", "Member", None), (CLUB, "Ann Lee", "Chair", None),
                (FOOD_BANK, "Joe Fox", "Member", None)],
    "goals": [(READY_REWORDED, "Kindergarten readiness rate", "Early childhood", "Prenatal to 5"),
              ("Expand access to quality child care", "Child care slots per 100 children",
               "Early childhood", "Prenatal to 5")],
    "strategies": [("Book gifting at well child visits", "Direct service", "Early childhood"),
                   ("Advocate for state pre-K funding", "Policy and advocacy", "Early childhood")],
    "funders": [FOUNDATION],
    "asks": [(SCHOOLS, "Data", 4), (SCHOOLS, "Staff time", 1)],
}
GAMMA = {
    "name": "Gamma Family Network", "short_name": "GAMMA", "lead": FOOD_BANK,
    "cadence": "Monthly", "hours": None,  # blank: the default length is assumed
    "geographies": ["Calder County"], "populations": ["Adults"],
    "issue_areas": ["Health", "Family economic stability"],
    "members": [(HEALTH, "Kim Ray", "Chair", None), (FOOD_BANK, "Joe Fox", "Member", None),
                (SENIORS, "Vi Moss", "Member", None)],
    "goals": [("Fewer households go hungry", "% of households that are food insecure",
               "Family economic stability", "Adults")],
    # Same strategy type as Alpha's book gifting, different issue area: no match.
    "strategies": [("Food pantry network", "Direct service", "Family economic stability")],
    "funders": [STATE],
    "asks": [(SCHOOLS, "Data", None)],
}
DELTA = {
    "name": "Delta Schools Council", "short_name": "DELTA", "lead": SCHOOLS,
    "cadence": "As needed", "hours": 1.0,
    "geographies": ["Region-wide"], "populations": ["All ages"], "issue_areas": ["K-12 education"],
    "members": [(SCHOOLS, "Pat Kim", "Chair", 6)],  # the member's own figure beats "As needed"
    # Alpha's very words, but under another issue area: not the same goal.
    "goals": [(READING, "% of parents reading daily", "K-12 education", "Families")],
}


# --- the Ashford checklist of the intake and loading tests -----------------------------
# A region-wide early-learning network in the example community's places: every sheet
# filled cleanly, so a test changes only what it is about (tests/test_intake.py,
# tests/test_loading.py, tests/test_matching_real_spellings.py).

ASHFORD_COALITION = {
    "name": "Ashford Early Learning Network", "short_name": "AELN",
    "lead_organisations": ["Ashford United Way"], "contact_name": "Lee Park",
    "contact_email": "lee.park@example.org", "year_founded": 2015,
    "mission": "Every child ready for school.",
    "populations": ["Prenatal to 5", "Families"], "issue_areas": ["Early childhood"],
    "annual_budget": 120000, "staff_fte": 1.5, "meeting_cadence": "Monthly",
    "meeting_hours": 2, "website": "https://aeln.example.org", "completed_on": "2026-10-01",
}
ASHFORD_ROWS = {
    "areas": [{"level": "Region", "area": "Region-wide"}],
    "goals": [
        {"goal_id": "G1", "statement": "More children ready for kindergarten",
         "issue_area": "Early childhood", "population": "Prenatal to 5",
         "indicator": "% ready on screener", "baseline_value": 45, "baseline_year": 2022,
         "target_value": 60, "target_year": 2030, "data_source": "State screener"},
        {"goal_id": "G2", "statement": "Families read together daily",
         "issue_area": "Early childhood", "population": "Families"},
    ],
    "strategies": [
        {"strategy": "Book gifting", "goal_ids": "G1; G2", "strategy_type": "Direct service",
         "issue_area": "Early childhood", "status": "Active"},
    ],
    "members": [
        {"organisation": "Ashford Public Library", "sector": "Government",
         "representative": "Sam Ortiz", "representative_email": "sam@example.org",
         "role": "Chair", "meetings_per_year": 12},
        {"organisation": "Boys & Girls Club of Ashford", "sector": "Nonprofit",
         "representative": "Ann Lee", "role": "Member"},
    ],
    "funders": [{"funder": "Ashford Community Foundation", "amount": 50000,
                 "start_year": 2024, "end_year": 2026}],
    "asks": [{"organisation": "Ashford County Schools", "ask_type": "Data", "times_per_year": 2}],
}


def ashford_checklist(folder: Path, name: str = "checklist.xlsx", coalition: dict | None = None,
                      rows: dict | None = None, community: Community | None = None,
                      edit: Callable | None = None) -> Path:
    """The Ashford checklist with *coalition* and *rows* put over its own values.

    *rows* replaces whole sheets; *edit* gets the openpyxl workbook to break it further.
    """
    filled = FilledChecklist(coalition={**ASHFORD_COALITION, **(coalition or {})},
                             rows={**copy.deepcopy(ASHFORD_ROWS), **(rows or {})})
    path = write_checklist(filled, Path(folder) / name, community or default_community())
    if edit is not None:
        workbook = openpyxl.load_workbook(path)
        edit(workbook)
        workbook.save(path)
    return path
