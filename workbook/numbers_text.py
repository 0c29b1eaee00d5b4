"""Numbers as a room reads them: whole counts, dollars, FTE; blank when unknown.

SQLite and pandas hand back floats wherever a column has a blank (17.0, 125000.0,
0.0): these turn them back into what the checklist said.
"""
from __future__ import annotations

import math

import pandas as pd

MONEY_FIELDS = {"annual_budget", "budget", "amount"}
YEAR_FIELDS = {"year_founded", "year_ended", "baseline_year", "target_year", "latest_year",
               "start_year", "end_year"}


def unknown(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists, tuples: not a number at all
        return False


def number_text(value) -> str:
    """17 for 17.0, 1,250 for 1250, 1.5 for 1.5; blank for unknown."""
    if unknown(value):
        return ""
    number = float(value)
    if math.isclose(number, round(number), abs_tol=1e-9):
        return f"{int(round(number)):,}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def year_text(value) -> str:
    return "" if unknown(value) else str(int(round(float(value))))


def money_text(value) -> str:
    """$125,000 for 125000.0; cents only when there are some."""
    if unknown(value):
        return ""
    number = float(value)
    cents = not math.isclose(number, round(number), abs_tol=1e-9)
    return f"${number:,.2f}" if cents else f"${int(round(number)):,}"


def fte_text(value) -> str:
    return "" if unknown(value) else f"{number_text(value)} FTE"


def hours_text(value) -> str:
    return "" if unknown(value) else f"{number_text(value)} h"


_BY_FIELD = {**{f: money_text for f in MONEY_FIELDS}, **{f: year_text for f in YEAR_FIELDS},
             "staff_fte": fte_text, "meeting_hours": hours_text}


def field_text(field: str, value) -> str | object:
    """A footprint field's value for display; values that are not numbers come back as they are."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else value
    return _BY_FIELD.get(field, number_text)(value)


def frame_for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Every numeric column as text: money and years by their names, the rest as numbers."""
    shown = frame.copy()
    for column in shown.columns:
        if pd.api.types.is_bool_dtype(shown[column]):
            continue
        if pd.api.types.is_numeric_dtype(shown[column]):
            shown[column] = [_BY_FIELD.get(str(column), number_text)(v) for v in shown[column]]
    return shown


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """"1 coalition", "2 coalitions"; *plural* for nouns not made with an s ("bodies")."""
    count = int(count)
    return f"{count:,} {noun if count == 1 else (plural or noun + 's')}"


def whole_ticks(most: int, at_most: int = 6) -> list[int]:
    """Legend values for a count: whole numbers from 0 to *most*, never 0.5 or 1.5."""
    most = max(0, int(most))
    step = max(1, -(-most // (at_most - 1)))
    ticks = list(range(0, most + 1, step))
    return ticks if ticks[-1] == most else [*ticks, most]
