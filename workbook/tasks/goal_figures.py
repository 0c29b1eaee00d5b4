"""A goal's figures in its unit, as pages write them: 48%, 12.5 per 1,000, $1,200."""
from __future__ import annotations

import pandas as pd

from .. import schema as S

PERCENT = S.PERCENT_UNIT


def measure_text(value, unit) -> str:
    number = float(value)
    shown = f"{number:,.0f}" if number.is_integer() else f"{number:,.2f}".rstrip("0").rstrip(".")
    unit = unit if isinstance(unit, str) else None
    if unit == PERCENT:
        return f"{shown}%"
    if unit == "Dollars":
        return f"${shown}"
    if unit and unit.startswith("Rate per "):
        return f"{shown} per {unit.removeprefix('Rate per ')}"
    if unit == "Days":
        return f"{shown} days"
    return shown


def figure_text(value, unit, year=None, text=None) -> str:
    """"52% (2025)"; a target kept as text shows as written; "" when nothing is given."""
    if value is None or pd.isna(value):
        return text if isinstance(text, str) else ""
    when = f" ({int(year)})" if year is not None and pd.notna(year) else ""
    return measure_text(value, unit) + when


def latest_text(value, unit, year) -> str:
    """"latest 52% (2025)", or "" when no latest value is given."""
    figure = figure_text(value, unit, year)
    return f"latest {figure}" if figure else ""
