"""Excel forms for raters without the web: one file per rater and candidate, named by code.

Each file offers only the candidates the code may rate, with the survey's number, the
question, the code and the candidate already filled in; the rater fills the scores. The
file name holds the code so a returned file can be told apart; the code alone names nobody
without the roster.
"""
from __future__ import annotations

import re
from pathlib import Path

from ...community import Community
from ...roomstore import forms as F
from . import instrument as I
from .raters import Roster

QUESTION = "How able is each candidate to serve as the backbone of the alignment?"


def file_name(code: str, candidate: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", candidate).strip("-")[:40]
    return f"backbone-{code}-{slug}.xlsx"


def write_rater_forms(form: F.RoomForm, roster: Roster, community: Community, out_dir: Path,
                      survey: int = 1) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for entry in roster.entries:
        narrowed = I.for_rater(form, entry["allowed"])
        for candidate in entry["allowed"]:
            written.append(F.write_excel_form(
                narrowed, community, out_dir / file_name(entry["code"], candidate),
                values={narrowed.round_field: survey, narrowed.prompt_field: QUESTION,
                        narrowed.code_field: entry["code"], "candidate": candidate}))
    return written
