"""The Riverbend Region's indicator history (task 3), and the North Star it could adopt.

``data/example/build_indicators.py`` (or ``make example``) writes one filled
indicator-data file per shared indicator to data/example/indicators/, through the
template (the same bytes for the same figures). Every figure is invented for the
example and every source says so; the shapes follow what real state files show: a
dip after spring 2020 (no state test that spring, so "N/A"), gaps between subgroups,
school years typed as "2021-22", percentages typed three ways (48, "48%", 0.48).

``PROPOSED_NORTH_STAR`` and ``PROPOSED_INDICATORS`` are what the example room might
adopt; tests and the demo adopt them into a database through the decision log
(``adopt``), never the load itself: deciding is the room's job.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..community import Community
from ..forms import slug
from ..indicators import FILE_SUFFIX, write_indicator_template
from ..tasks.results.northstar import (FROM_CROSSWALK, HIGHER, LOWER, NEW, SharedIndicator,
                                       adopt_indicator, adopt_north_star)

FICTIONAL = " (fictional figures, made up for the example)"
ECON = "Economically disadvantaged"
HISPANIC = "Hispanic or Latino"
BLACK = "Black or African American"
WHITE = "White"
ELL = "English learners"

PROPOSED_NORTH_STAR = ("Every child in the Riverbend Region grows up healthy, ready for "
                       "school, and on a path to a career")

PROPOSED_INDICATORS = (
    SharedIndicator(
        name="Kindergarten readiness", unit="Percent", polarity=HIGHER,
        data_source="State kindergarten screener" + FICTIONAL, geography="Riverbend Region",
        baseline_value=46, baseline_year=2023, target_value=60, target_year=2030,
        origin=FROM_CROSSWALK,
        crosswalk_indicator="% of kindergartners ready on the state kindergarten screener",
        result="Children enter kindergarten ready to learn"),
    SharedIndicator(
        name="3rd-grade reading proficiency", unit="Percent", polarity=HIGHER,
        data_source="State assessment, grade 3 English language arts" + FICTIONAL,
        geography="Riverbend Region", baseline_value=38, baseline_year=2023,
        target_value=55, target_year=2030, origin=FROM_CROSSWALK,
        crosswalk_indicator="% of 3rd graders proficient in reading",
        result="Children read well by the end of third grade"),
    SharedIndicator(
        name="Chronic absence", unit="Percent", polarity=LOWER,
        data_source="State attendance files, K-12" + FICTIONAL, geography="Riverbend Region",
        baseline_value=21, baseline_year=2024, target_value=14, target_year=2029,
        origin=FROM_CROSSWALK, crosswalk_indicator="% of students chronically absent",
        result="Young people succeed in school"),
    SharedIndicator(
        name="4-year high school graduation rate", unit="Percent", polarity=HIGHER,
        data_source="State adjusted cohort graduation rate" + FICTIONAL,
        geography="Riverbend Region", baseline_value=85.6, baseline_year=2024,
        target_value=92, target_year=2030, origin=NEW,
        result="Young people succeed in school"),
)

# Everyone's figures by the year a school year ends; None: no figure (typed "N/A").
_READINESS = {2016: 44.1, 2017: 44.8, 2018: 45.0, 2019: 46.2, 2020: 46.9, 2021: 41.3,
              2022: 42.7, 2023: 45.6, 2024: 46.4, 2025: 47.1}
_READING = {2015: 37.2, 2016: 38.0, 2017: 39.4, 2018: 39.1, 2019: 40.6, 2020: None,
            2021: 32.8, 2022: 35.1, 2023: 37.9, 2024: 38.4, 2025: 39.3}
_ABSENCE = {2016: 12.8, 2017: 13.1, 2018: 13.6, 2019: 14.0, 2020: None, 2021: 21.7,
            2022: 27.4, 2023: 24.2, 2024: 21.3, 2025: 19.8}
_GRADUATION = {2016: 81.2, 2017: 82.0, 2018: 82.9, 2019: 83.5, 2020: 84.8, 2021: 84.1,
               2022: 84.6, 2023: 85.2, 2024: 85.6, 2025: 86.3}

# Subgroup -> its gap from everyone (percentage points), as state files show them.
_READINESS_GAPS = {ECON: -11.5, HISPANIC: -8.2, ELL: -17.9}
_READING_GAPS = {ECON: -14.1, BLACK: -16.4, HISPANIC: -11.8, WHITE: 6.3}
_ABSENCE_GAPS = {ECON: 7.9, HISPANIC: 4.1}
_GRADUATION_GAPS = {ECON: -7.4, BLACK: -9.1, HISPANIC: -6.2, ELL: -15.3}
# The literacy collaborative asked for two counties of its own.
_READING_COUNTIES = {"Ashford County": 3.2, "Calder County": -4.7}
# A year-to-year wobble, so subgroup lines are not the same curve shifted.
_WOBBLE = (0.6, -0.4, 0.3, -0.8, 0.5, 0.0, -0.3, 0.7, -0.5, 0.2, 0.4)

SUPPRESSED_NOTE = "No state test in spring 2020 (schools closed)."


def school_year(end: int) -> str:
    return f"{end - 1}-{end % 100:02d}"


def _rows(name: str, everyone: dict[int, float | None], gaps: dict[str, float], source: str,
          typed, *, school_years: bool, counties: dict[str, float] | None = None
          ) -> list[dict[str, Any]]:
    rows = []
    groups = [(None, None, 0.0), *((g, None, gap) for g, gap in gaps.items()),
              *((None, c, gap) for c, gap in (counties or {}).items())]
    for number, (subgroup, geography, gap) in enumerate(groups):
        for index, (year, value) in enumerate(sorted(everyone.items())):
            wobble = 0.0 if gap == 0.0 else _WOBBLE[(index + number) % len(_WOBBLE)]
            figure = None if value is None else round(value + gap + wobble, 1)
            rows.append({"indicator": name, "year": school_year(year) if school_years else year,
                         "value": "N/A" if figure is None else typed(figure),
                         "unit": "Percent", "subgroup": subgroup, "geography": geography,
                         "source": source,
                         "note": SUPPRESSED_NOTE if figure is None else None})
    return rows


def indicator_files() -> dict[str, list[dict[str, Any]]]:
    """File name -> its rows, exactly as typed into the template."""
    files = {
        "Kindergarten readiness": _rows(
            "Kindergarten readiness", _READINESS, _READINESS_GAPS,
            "State kindergarten screener, autumn results" + FICTIONAL,
            lambda v: f"{v}%", school_years=True),
        "3rd-grade reading proficiency": _rows(
            "3rd-grade reading proficiency", _READING, _READING_GAPS,
            "State assessment, grade 3 ELA" + FICTIONAL, lambda v: v, school_years=False,
            counties=_READING_COUNTIES),
        "Chronic absence": _rows(
            "Chronic absence", _ABSENCE, _ABSENCE_GAPS,
            "State attendance files, K-12" + FICTIONAL, lambda v: v, school_years=True),
        "4-year high school graduation rate": _rows(
            "4-year high school graduation rate", _GRADUATION, _GRADUATION_GAPS,
            "State adjusted cohort graduation rate" + FICTIONAL,
            lambda v: round(v / 100, 4), school_years=True),  # a cell formatted as percent
    }
    return {slug(name) + FILE_SUFFIX: rows for name, rows in files.items()}


def build(out_dir: Path, community: Community) -> list[Path]:
    """Write every indicator's file to *out_dir*, removing files no longer curated."""
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = indicator_files()
    for old in out_dir.glob("*.xlsx"):
        if old.name not in wanted:
            old.unlink()
    return [write_indicator_template(out_dir / name, community, rows)
            for name, rows in wanted.items()]


def adopt(db: str | Path, by: str = "facilitator") -> None:
    """Adopt the proposed North Star and indicators, as the example room might."""
    adopt_north_star(db, PROPOSED_NORTH_STAR, by, "Agreed at the alignment retreat",
                     population="Children and youth, prenatal to 24",
                     geography="Riverbend Region")
    for indicator in PROPOSED_INDICATORS:
        adopt_indicator(db, indicator, by, "Fist-to-five: everyone 3 or more")
