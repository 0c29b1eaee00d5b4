"""The "if nothing changes" forecast: the recent trend of an indicator, carried forward.

A turn-the-curve chart asks what happens if the community keeps doing what it does.
The answer drawn is a straight trend fitted to the last few years of history and
continued to the target year. Two methods, each stated in words on the chart:

* ``THEIL_SEN`` (the default): the median of the slopes between every pair of years,
  through the median point. One odd year (a test change, a pandemic dip) barely moves it.
* ``LEAST_SQUARES``: the ordinary straight line that minimises squared distances; every
  year pulls on it, an odd one too.

It is a trend, not a prediction: it says nothing of what the strategies will do, which
is the point (the gap between it and the target is the curve to turn).
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import Sequence

import pandas as pd

THEIL_SEN, LEAST_SQUARES = "theil_sen", "least_squares"
LAST_YEARS = 5  # the recent past: older years (before a pandemic, a new test) tell of another era
MIN_POINTS = 3  # two points make a line, not a trend


@dataclass(frozen=True)
class Trend:
    slope: float  # per year
    intercept: float  # value at year 0 (use ``at``)
    method: str
    first_year: int
    last_year: int
    points: int

    def at(self, year: float) -> float:
        return self.intercept + self.slope * year

    def description(self) -> str:
        """The method in words, for the chart's subtitle and the workbook (two short lines)."""
        return "\n".join(self.description_lines())

    def description_lines(self) -> list[str]:
        how = ("a Theil–Sen line (the median of the slopes between every pair of years, "
               "so one unusual year barely moves it)" if self.method == THEIL_SEN else
               "a least-squares straight line through every year")
        return [f"If nothing changes: the trend of {self.first_year}–{self.last_year} "
                f"({self.points} figures), carried forward.", f"Method: {how}."]


def fit(years: Sequence[float], values: Sequence[float], method: str = THEIL_SEN,
        last_years: int = LAST_YEARS) -> Trend | None:
    """The trend of the last *last_years* figures; None with fewer than MIN_POINTS."""
    pairs = sorted((int(y), float(v)) for y, v in zip(years, values)
                   if v is not None and pd.notna(v))
    pairs = pairs[-last_years:]
    if len({y for y, _ in pairs}) < MIN_POINTS:
        return None
    xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
    if method == THEIL_SEN:
        slope, intercept = _theil_sen(xs, ys)
    elif method == LEAST_SQUARES:
        slope, intercept = _least_squares(xs, ys)
    else:
        raise ValueError(f"Unknown forecast method {method!r}: use {THEIL_SEN!r} or "
                         f"{LEAST_SQUARES!r}.")
    return Trend(slope, intercept, method, xs[0], xs[-1], len(pairs))


def _theil_sen(xs: list[int], ys: list[float]) -> tuple[float, float]:
    slopes = [(ys[j] - ys[i]) / (xs[j] - xs[i])
              for i in range(len(xs)) for j in range(i + 1, len(xs)) if xs[j] != xs[i]]
    slope = median(slopes)
    return slope, median(y - slope * x for x, y in zip(xs, ys))


def _least_squares(xs: list[int], ys: list[float]) -> tuple[float, float]:
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread
    return slope, mean_y - slope * mean_x


def forecast(trend: Trend, to_year: int, unit: str | None = None) -> pd.DataFrame:
    """Year and value of the trend from its last year to *to_year* (percentages kept 0-100)."""
    years = list(range(trend.last_year, max(to_year, trend.last_year + 1) + 1))
    values = [trend.at(y) for y in years]
    if unit == "Percent":
        values = [min(100.0, max(0.0, v)) for v in values]
    elif unit is not None:
        values = [max(0.0, v) for v in values]  # counts, rates and dollars stay at or above 0
    return pd.DataFrame({"year": years, "value": values})
