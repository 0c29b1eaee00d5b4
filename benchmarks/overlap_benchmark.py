"""How long the overlap matrices take for a large synthetic community.

Usage: python benchmarks/overlap_benchmark.py [N ...]   (default: 1000)
Target (task 2): every dimension's coalition x coalition matrix, plus the combined
score, for 1,000 coalitions in under 1 second.

Writing 1,000 checklists as xlsx takes minutes, so the community is inserted straight
into a database built by ``workbook.store``. ``build_database`` and
``synthetic_coalitions`` are also what tests/test_overlaps.py builds its databases
with, so the scale test and this benchmark look at the same data.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from workbook import store
from workbook.tasks.overlaps import overlap_matrices

# --- a compact description of a community, and the database it gives ------------------
#
# A coalition is a dict: name, short_name, lead, cadence, hours, geographies,
# populations, issue_areas (lists of values), members [(organisation, person, role,
# meetings_per_year)], goals [(statement, indicator, issue_area, population)],
# strategies [(strategy, strategy_type, issue_area)], funders [organisation] and
# asks [(organisation, ask_type, times_per_year)]. Organisations and people are named;
# ids are handed out by first appearance.


def build_database(db_path: str | Path, coalitions: list[dict[str, Any]]) -> Path:
    store.write_load(db_path, _rows(coalitions))
    return Path(db_path)


class _Registry(dict):
    """Name -> id, handed out in order of first appearance."""

    def id(self, name: str | None) -> int | None:
        if name is None:
            return None
        return self.setdefault(name, len(self) + 1)


def _rows(coalitions: list[dict[str, Any]]) -> dict[str, list[dict]]:
    organisations, people = _Registry(), _Registry()
    rows: dict[str, list[dict]] = {t: [] for t in (
        "coalitions", "coalition_geographies", "coalition_populations", "coalition_issue_areas",
        "goals", "strategies", "members", "funders", "asks")}
    for coalition_id, c in enumerate(coalitions, start=1):
        source = {"source_file": f"synthetic/{coalition_id}.xlsx", "source_row": 1, "extra_json": None}
        rows["coalitions"].append({
            "coalition_id": coalition_id, "name": c["name"], "short_name": c.get("short_name"),
            "lead_organisation": c.get("lead"), "lead_organisation_id": organisations.id(c.get("lead")),
            "contact_name": None, "contact_name_person_id": None, "contact_email": None,
            "year_founded": None, "mission": None, "annual_budget": c.get("budget"),
            "staff_fte": c.get("staff_fte"), "meeting_cadence": c.get("cadence"),
            "meeting_hours": c.get("hours"), "website": None, "completed_on": None, **source})
        for field in ("geographies", "populations", "issue_areas"):
            rows[f"coalition_{field}"] += [{"coalition_id": coalition_id, "value": v, "position": i}
                                           for i, v in enumerate(c.get(field, []))]
        for i, (statement, indicator, area, population) in enumerate(c.get("goals", []), start=1):
            rows["goals"].append({
                "goal_row_id": len(rows["goals"]) + 1, "coalition_id": coalition_id,
                "goal_id": f"G{i}", "statement": statement, "issue_area": area,
                "population": population, "indicator": indicator, **source})
        for strategy, kind, area in c.get("strategies", []):
            rows["strategies"].append({
                "strategy_id": len(rows["strategies"]) + 1, "coalition_id": coalition_id,
                "strategy": strategy, "strategy_type": kind, "issue_area": area, **source})
        for organisation, person, role, meetings in c.get("members", []):
            rows["members"].append({
                "membership_id": len(rows["members"]) + 1, "coalition_id": coalition_id,
                "organisation": organisation, "organisation_id": organisations.id(organisation),
                "representative": person, "representative_person_id": people.id(person),
                "role": role, "meetings_per_year": meetings, **source})
        for funder in c.get("funders", []):
            rows["funders"].append({
                "funding_id": len(rows["funders"]) + 1, "coalition_id": coalition_id,
                "funder": funder, "funder_id": organisations.id(funder), **source})
        for organisation, ask_type, times in c.get("asks", []):
            rows["asks"].append({
                "ask_id": len(rows["asks"]) + 1, "coalition_id": coalition_id,
                "organisation": organisation, "organisation_id": organisations.id(organisation),
                "ask_type": ask_type, "times_per_year": times, **source})
    # Parents before children, so the rows can be read in insertion order.
    return {
        "organisations": [{"organisation_id": i, "name": n, "match_key": n.casefold()}
                          for n, i in organisations.items()],
        "people": [{"person_id": i, "name": n, "email": None, "match_key": n.casefold()}
                   for n, i in people.items()],
        **rows,
    }


# --- a large synthetic community --------------------------------------------------------

# (issue area, populations, goals as (phrasings, indicator), strategies as (text, type))
_THEMES = (
    ("Early childhood", ("Prenatal to 5", "Families"),
     ((("More children enter kindergarten ready to learn", "Raise kindergarten readiness"),
       "% of kindergartners ready on the state screener"),
      (("Expand access to quality child care", "More families find quality child care"),
       "Licensed child care slots per 100 children under 5"),
      (("Parents read with their young children every day", "More families read together daily"),
       "% of parents reading daily to children 0-5")),
     (("Home visiting for first-time parents", "Direct service"),
      ("Book gifting at well-child visits", "Direct service"),
      ("Quality coaching for child care providers", "Capacity building"))),
    ("K-12 education", ("Children 6-11", "Youth 12-17"),
     ((("More third graders read on grade level", "Improve 3rd grade reading proficiency"),
       "% of 3rd graders proficient in reading"),
      (("Raise the high school graduation rate", "More students graduate on time"),
       "4-year high school graduation rate"),
      (("Reduce chronic absence", "Fewer students miss school"), "% of students chronically absent")),
     (("Reading tutors in grades K-3", "Direct service"),
      ("Attendance mentoring for chronically absent students", "Direct service"),
      ("Early warning data system", "Shared measurement"))),
    ("Postsecondary", ("Youth 12-17", "Young adults 18-24"),
     ((("More seniors complete the FAFSA", "Increase FAFSA completion"),
       "% of seniors completing the FAFSA"),
      (("More graduates enroll in college", "Raise the college-going rate"),
       "% of graduates enrolling in college within one year")),
     (("FAFSA completion nights", "Direct service"),
      ("Last-dollar scholarship fund", "Funding and resources"))),
    ("Workforce", ("Young adults 18-24", "Adults"),
     ((("Reduce unemployment among young adults", "More young adults are working"),
       "Unemployment rate, ages 18-24"),
      (("More residents earn credentials in high-demand fields",),
       "Credentials earned in high-demand fields per year")),
     (("Paid summer internships for youth", "Direct service"),
      ("Employer-led training consortium", "Capacity building"))),
    ("Youth substance use", ("Youth 12-17",),
     ((("Reduce underage drinking",), "% of 10th graders reporting alcohol use in the past 30 days"),
      (("Reduce youth vaping", "Fewer high school students vape"),
       "% of high school students who vaped in the past 30 days")),
     (("Parent education nights", "Public awareness"),
      ("Compliance checks at alcohol retailers", "Policy and advocacy"))),
    ("Health", ("Adults", "All ages"),
     ((("Fewer adults smoke", "Reduce adult smoking"), "Adult smoking rate"),
      (("More adults have health insurance",), "% of adults without health insurance")),
     (("Enrollment assisters at clinics", "Direct service"),
      ("Tobacco-free parks policy", "Policy and advocacy"))),
    ("Mental health", ("Youth 12-17", "Adults"),
     ((("Fewer teens report persistent sadness", "Improve youth mental wellbeing"),
       "% of teens reporting persistent sadness"),
      (("Shorten waits for counselling",), "Days to first counselling appointment")),
     (("School-based counselling", "Direct service"),
      ("Mental health first aid training", "Capacity building"))),
    ("Housing", ("Families", "Adults"),
     ((("Reduce homelessness", "Fewer people experience homelessness"),
       "People experiencing homelessness on the point-in-time count"),
      (("Fewer evictions",), "Eviction filings per 100 renter households")),
     (("Rapid rehousing", "Direct service"), ("Landlord engagement fund", "Funding and resources"))),
    ("Family economic stability", ("Families", "Adults"),
     ((("Fewer households go hungry", "Reduce food insecurity"),
       "% of households that are food insecure"),),
     (("Free tax preparation sites", "Direct service"), ("Food pantry network", "Direct service"))),
    ("Public safety", ("Youth 12-17", "All ages"),
     ((("Reduce youth violence",), "Violent incidents involving youth per 1,000 youth"),
      (("Reduce recidivism",), "% re-arrested within 3 years of release")),
     (("Youth diversion program", "Direct service"),
      ("Violence interrupters", "Direct service"))),
)
_CADENCES = ("Weekly", "Every two weeks", "Monthly", "Monthly", "Every two months", "Quarterly",
             "Twice a year", "As needed")
_ROLES = ("Chair", "Steering", "Member", "Member", "Member", "Staff")
_ASK_TYPES = ("Money", "Data", "Staff time", "Attendance")


def synthetic_coalitions(n: int, seed: int = 2026) -> list[dict[str, Any]]:
    """*n* coalitions drawing on shared pools of organisations, funders, places and themes.

    Organisations are picked by a long-tailed popularity (a few sit everywhere), and
    goal texts carry a place and sometimes a year, so most of them differ in spelling.
    """
    rng = np.random.default_rng(seed)
    organisations = [f"Organisation {i:05d}" for i in range(max(200, 4 * n))]
    popularity = 1 / np.arange(1, len(organisations) + 1) ** 0.8
    popularity /= popularity.sum()
    funders = [f"Funder {i:03d}" for i in range(max(20, n // 10))]
    places = [f"County {i:02d}" for i in range(1, 25)]
    towns = [f"Town {i:03d}" for i in range(max(40, n // 4))]
    return [_synthetic_coalition(rng, i, organisations, popularity, funders, places, towns)
            for i in range(1, n + 1)]


def _synthetic_coalition(rng, number, organisations, popularity, funders, places, towns) -> dict:
    theme = _THEMES[rng.integers(len(_THEMES))]
    related = [t for t in _THEMES if t is not theme]
    extra = [related[i] for i in rng.choice(len(related), size=rng.integers(0, 3), replace=False)]
    town = towns[rng.integers(len(towns))]
    member_count = int(rng.integers(8, 31))
    chosen = rng.choice(len(organisations), size=member_count, replace=False, p=popularity)
    return {
        "name": f"{town} {theme[0]} Coalition {number}", "short_name": f"C{number}",
        "lead": organisations[chosen[0]],
        "cadence": _CADENCES[rng.integers(len(_CADENCES))],
        "hours": None if rng.random() < 0.1 else float(rng.choice((1.0, 1.5, 2.0, 3.0))),
        "geographies": (["Region-wide"] if rng.random() < 0.03 else
                        [places[i] for i in rng.choice(len(places), rng.integers(1, 5), replace=False)]),
        "populations": list(dict.fromkeys(p for t in (theme, *extra) for p in t[1][:1 + rng.integers(2)])),
        "issue_areas": [t[0] for t in (theme, *extra)],
        "members": [(organisations[o], f"Person {o:05d}-{rng.integers(2)}",
                     _ROLES[rng.integers(len(_ROLES))],
                     int(rng.integers(2, 13)) if rng.random() < 0.3 else None) for o in chosen],
        "goals": [_synthetic_goal(rng, t, town) for t in (theme, theme, *extra)
                  for _ in range(rng.integers(1, 3))],
        "strategies": [(text, kind, t[0]) for t in (theme, *extra)
                       for text, kind in t[3] if rng.random() < 0.6],
        "funders": [funders[i] for i in rng.choice(len(funders), rng.integers(0, 5), replace=False)],
        "asks": [(organisations[o], _ASK_TYPES[rng.integers(4)],
                  None if rng.random() < 0.3 else int(rng.choice((1, 2, 4, 12))))
                 for o in rng.choice(len(organisations), rng.integers(1, 6), replace=False, p=popularity)],
    }


def _synthetic_goal(rng, theme, town) -> tuple:
    area, populations, goals, _ = theme
    phrasings, indicator = goals[rng.integers(len(goals))]
    statement = phrasings[rng.integers(len(phrasings))]
    if rng.random() < 0.5:
        statement += f" in {town}"
    if rng.random() < 0.3:
        statement += f" by {rng.integers(2027, 2033)}"
    return statement, indicator, area, populations[rng.integers(len(populations))]


# --- timing -------------------------------------------------------------------------------

def time_overlaps(db: Path, repeats: int = 3) -> float:
    """Best of *repeats*: all dimension matrices plus the default combined score."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        matrices = overlap_matrices(db)
        matrices.combined()
        best = min(best, time.perf_counter() - start)
    return best


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        for n in sizes:
            db = build_database(Path(scratch) / f"n{n}.db", synthetic_coalitions(n))
            seconds = time_overlaps(db)
            verdict = "within" if seconds < 1.0 else "OVER"
            print(f"{n} coalitions: all overlap matrices + combined in {seconds:.3f} s "
                  f"({verdict} the 1 s target)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000])
