"""The draft charter: a Word document of what the room has decided, and nothing more.

Read from the decision log (agreed umbrella options, the North Star and shared indicators
adopted in task 3, the backbone chosen in task 5) and from the final round of stances. A
part nobody has decided says "To be decided"; nothing is filled in from defaults or
guesses. The facilitator edits the file in Word (or LibreOffice) afterwards.

``charter_pdf`` makes a PDF of the same through LibreOffice when it is on this machine
(``office.to_pdf``); without it, ``OfficeMissing`` says how to get it, and the .docx stands.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd
from docx import Document

from ... import decisions
from ... import schema as S
from ...office import ConversionFailed as PdfFailed  # noqa: F401 - charter_pdf raises it
from ...office import OfficeMissing, to_pdf  # noqa: F401 - charter_pdf raises OfficeMissing
from . import stances as T

TO_BE_DECIDED = "To be decided"
SECTIONS = (
    ("North Star and shared indicators", ()),
    ("Population, issue and geographic scope",
     ("population_focus", "issue_focus", "geographic_scope")),
    ("Resource approach", ("resource_blending",)),
    ("Governance and decision rule", ("backbone_structure", "steering_committee",
                                      "decision_rule")),
    ("Backbone", ()),
    ("Member coalitions and their final stances", ()),
    ("Open questions", ()),
    ("Decision log", ()),
)


def agreed_options(entries: Iterable[decisions.Entry]) -> dict[str, decisions.Entry]:
    """Umbrella parameter title -> the 'agree' entry in force about it."""
    return {s.label: e for e in entries if e.in_force and e.kind == "agree"
            for s in e.subjects if s.kind == "umbrella_parameter"}


def _about(entries, subject_kind: str) -> list[decisions.Entry]:
    return [e for e in entries if e.in_force and any(s.kind == subject_kind for s in e.subjects)]


def write_charter(db: str | Path, out: str | Path, umbrella_name: str | None = None,
                  open_questions: Iterable[str] = ()) -> Path:
    """Write the draft charter to *out* (.docx) and return its path."""
    entries = decisions.entries(db)
    agreed = agreed_options(entries)
    document = Document()
    document.add_heading(umbrella_name or f"Umbrella partnership (name: {TO_BE_DECIDED})", 0)
    document.add_paragraph("Draft charter. Every part below comes from the room's decision "
                           f"log; a part the room has not decided says '{TO_BE_DECIDED}'.")
    for title, parameters in SECTIONS:
        document.add_heading(title, 1)
        if parameters:
            _parameters(document, parameters, agreed)
        elif title.startswith("North Star"):
            _listed(document, [f"North Star: {e.value}" for e in _about(entries, "north_star")]
                    + [f"Shared indicator: {e.value or e.subjects[0].label}"
                       for e in _about(entries, "shared_indicator")])
        elif title == "Backbone":
            _listed(document, [f"{e.value} ({e.rationale})" if e.rationale else str(e.value)
                               for e in _about(entries, "backbone")])
        elif title.startswith("Member coalitions"):
            _members(document, db)
        elif title == "Open questions":
            undecided = [f"{p.title}: {p.question}" for p in S.UMBRELLA_PARAMETERS
                         if p.title not in agreed]
            _listed(document, [*undecided, *open_questions], empty="None recorded.")
        else:
            _log(document, entries)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(out)
    return out


def charter_pdf(docx: str | Path, out: str | Path | None = None) -> Path:
    """The PDF of a written charter (default: beside it). Raises ``OfficeMissing`` when
    LibreOffice is not here, ``PdfFailed`` when it could not convert the file."""
    return to_pdf(docx, out)


def _parameters(document, names: tuple[str, ...], agreed: dict[str, decisions.Entry]) -> None:
    for parameter in S.UMBRELLA_PARAMETERS:
        if parameter.name not in names:
            continue
        entry = agreed.get(parameter.title)
        if entry is None:
            document.add_paragraph(f"{parameter.title}: {TO_BE_DECIDED}.")
            continue
        rule = entry.details.get("decision_rule", TO_BE_DECIDED)
        text = (f"{parameter.title}: {entry.value} (agreed by {rule}, round "
                f"{entry.details.get('round', '?')}, recorded by {entry.by}).")
        dissent = entry.details.get("dissent") or []
        if dissent:
            text += " Dissent noted: " + "; ".join(dissent) + "."
        document.add_paragraph(text)


def _listed(document, lines: list[str], empty: str = f"{TO_BE_DECIDED}.") -> None:
    if not lines:
        document.add_paragraph(empty)
    for line in lines:
        document.add_paragraph(line, style="List Bullet")


def _members(document, db) -> None:
    final = T.stances(db) if T.rounds(db) else pd.DataFrame(columns=T.STANCE_COLUMNS)
    if final.empty:
        document.add_paragraph(f"{TO_BE_DECIDED}: no stances recorded yet.")
        return
    document.add_paragraph(f"Stances of round {int(final['round'].iloc[0])}, the latest.")
    table = document.add_table(rows=1, cols=3)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text, table.rows[0].cells[2].text = (
        "Coalition", "Must have", "Cannot accept")
    for coalition, group in final.groupby("coalition"):
        cells = table.add_row().cells
        cells[0].text = coalition
        cells[1].text = "; ".join(group.loc[group["stance"] == "Must have", "option"]) or "–"
        blocks = group[group["stance"] == S.CANNOT_ACCEPT]
        cells[2].text = "; ".join(f"{o} ({r})" if isinstance(r, str) and r else o
                                  for o, r in zip(blocks["option"], blocks["reason"])) or "–"


def _log(document, entries: list[decisions.Entry]) -> None:
    if not entries:
        document.add_paragraph("No decisions recorded yet.")
        return
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ("No.", "Decision", "About", "Value", "By")):
        cell.text = text
    for e in entries:
        for cell, text in zip(table.add_row().cells, (
                str(e.entry_id), e.title + ("" if e.in_force else " (no longer in force)"),
                "; ".join(s.title for s in e.subjects), e.value or "", e.by)):
            cell.text = text
