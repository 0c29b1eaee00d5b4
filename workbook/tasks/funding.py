"""Funding as coalitions give it: an amount and its kind (per year, a total over the
period, in kind, pending).

Amounts are shown as given. Only where coalitions' funding is *compared* is an amount
turned into a yearly figure (``per_year``), and the comparison says how: a total over
2024-2026 counts a third each year; a total with no years, or a pending amount, is
left out of the yearly figure rather than guessed.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..store import read_table
from .database import columns_of

PER_YEAR, TOTAL, IN_KIND, PENDING = ("Per year", "Total over the period",
                                     "In-kind (value per year)", "Pending")


@dataclass(frozen=True)
class YearlyAmount:
    amount: float | None  # None: not counted in a yearly figure
    note: str  # how the figure was reached, "" when given per year


def funding_rows(db: str | Path, coalition_ids: Iterable[int] | None = None) -> pd.DataFrame:
    """funding_id, coalition_id, funder_id, funder, amount, amount_kind (blank read as Per
    year), start_year, end_year, in the order the checklists give them."""
    kind = "f.amount_kind" if "amount_kind" in columns_of(db, "funders") else "NULL"
    rows = read_table(db, f"""
        SELECT f.funding_id, f.coalition_id, f.funder_id, COALESCE(o.name, f.funder) AS funder,
               f.amount, {kind} AS amount_kind, f.start_year, f.end_year
        FROM funders f LEFT JOIN organisations o ON o.organisation_id = f.funder_id
        ORDER BY f.funding_id""")
    rows["amount_kind"] = rows["amount_kind"].fillna(PER_YEAR)
    if coalition_ids is not None:
        rows = rows[rows["coalition_id"].isin(list(coalition_ids))].reset_index(drop=True)
    return rows


def per_year(amount, kind: str, start_year=None, end_year=None) -> YearlyAmount:
    """The yearly figure of one amount, and what was done to reach it."""
    if amount is None or pd.isna(amount):
        return YearlyAmount(None, "no amount given")
    amount = float(amount)
    if kind == PENDING:
        return YearlyAmount(None, f"{money(amount)} pending, not counted")
    if kind == IN_KIND:
        return YearlyAmount(amount, "in kind")
    if kind == TOTAL:
        years = _years(start_year, end_year)
        if years is None:
            return YearlyAmount(None, f"a {money(amount)} total with no years given, not counted")
        if years == 1:
            return YearlyAmount(amount, f"a {money(amount)} total for {int(start_year)}")
        return YearlyAmount(amount / years, f"a {money(amount)} total over "
                                            f"{_period(start_year, end_year)} ÷ {years} years")
    return YearlyAmount(amount, "")


def described(amount, kind: str, start_year=None, end_year=None) -> str:
    """An amount as given, in words: "$150,000 in total, 2024-2026"."""
    if amount is None or pd.isna(amount):
        return "amount not given"
    period = _period(start_year, end_year)
    words = {PER_YEAR: "a year", TOTAL: "in total", IN_KIND: "a year in kind",
             PENDING: "pending"}.get(kind, kind)
    return f"{money(float(amount))} {words}" + (f", {period}" if period else "")


def compared(amount, kind: str, start_year=None, end_year=None) -> str:
    """An amount as a comparison shows it: yearly, saying how it was reached."""
    yearly = per_year(amount, kind, start_year, end_year)
    if yearly.amount is None:
        return yearly.note
    text = f"{money(yearly.amount)} a year"
    return f"{text} ({yearly.note})" if yearly.note else text


def yearly_total(rows: pd.DataFrame) -> tuple[float | None, str]:
    """The yearly sum of a coalition's funding rows, and a note on what it holds."""
    figures = [per_year(r.amount, r.amount_kind, r.start_year, r.end_year)
               for r in rows.itertuples()]
    counted = [f.amount for f in figures if f.amount is not None]
    spread = sum(1 for r, f in zip(rows.itertuples(), figures)
                 if r.amount_kind == TOTAL and f.amount is not None
                 and (_years(r.start_year, r.end_year) or 0) > 1)
    left_out = len(figures) - len(counted)
    notes = []
    if spread:
        notes.append(f"{spread} multi-year total{'s' if spread > 1 else ''} spread over its years")
    if left_out:
        notes.append(f"{left_out} amount{'s' if left_out > 1 else ''} not counted "
                     "(pending, or no amount or years)")
    return (sum(counted) if counted else None), "; ".join(notes)


def money(amount: float) -> str:
    return f"${amount:,.0f}"


def _years(start_year, end_year) -> int | None:
    if start_year is None or end_year is None or pd.isna(start_year) or pd.isna(end_year):
        return None
    years = int(end_year) - int(start_year) + 1
    return years if years >= 1 else None


def _period(start_year, end_year) -> str:
    start = None if start_year is None or pd.isna(start_year) else int(start_year)
    end = None if end_year is None or pd.isna(end_year) else int(end_year)
    if start and end:
        return f"{start}–{end}" if end != start else str(start)
    if start:
        return f"from {start}"
    return f"until {end}" if end else ""
