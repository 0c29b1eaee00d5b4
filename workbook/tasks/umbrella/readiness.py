"""The readiness check: Casey's five ingredients, and the log of opportunity moments.

Each coalition leader rates statements (in our own words) on a 1-5 agreement scale, or
"Don't know". The check is a room form (``READINESS``), so it is filled on the web under the
leader's code or on the Excel form, read by the one reader and stored by ``roomstore.forms``.
Results per ingredient give the distribution and n, never a mean alone, and a band:
strength, discuss, concern (``Bands``: community.toml's [readiness] strength and discuss,
read by ``bands_for``). "Don't know" is counted apart, not scored.
"""
from __future__ import annotations

import datetime as dt
import tomllib
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd

from ... import schema as S
from ...community import SETTINGS_FILE, Community
from ...intake.problems import Code, Problem, make_problem
from ...matching.names import trimmed
from ...roomstore import forms
from ...store import append_only_ddl, ensure_tables, split_script, transaction, utc_now
from .stances import connect as _connect_umbrella

DONT_KNOW = "Don't know"
LEVELS = ("1", "2", "3", "4", "5", DONT_KNOW)
LEVEL_MEANINGS = {"1": "Strongly disagree", "2": "Disagree", "3": "Neither agree nor disagree",
                  "4": "Agree", "5": "Strongly agree",
                  DONT_KNOW: "I cannot say for our coalition; not counted in the score."}

# ingredient -> statements, in our own words.
INGREDIENTS: dict[str, tuple[str, ...]] = {
    "Leaders at the top and in the middle": (
        "The heads of our member organisations have said in public that they back aligning "
        "with other coalitions.",
        "Managers and front-line staff in our members know about the alignment and have time "
        "set aside for it.",
        "If our chair stepped down, others in the coalition would carry the alignment on.",
    ),
    "Trusted relationships": (
        "Our leaders know the leaders of the other coalitions well enough to call them.",
        "We have worked on something concrete with at least one of the other coalitions.",
        "When we disagree with another coalition, we can say so openly and still work together.",
        "We share data or plans with the other coalitions without first asking what is in it "
        "for us.",
    ),
    "A compelling rationale and urgency": (
        "We can say in two sentences why aligning matters now rather than in a few years.",
        "Our members feel the cost of working apart: repeated meetings, repeated asks, gaps.",
        "There is a deadline or pressure (funding, policy, a crisis) that makes waiting costly.",
    ),
    "Data-driven results and a North Star": (
        "We agree with the other coalitions on one result for the whole community we would "
        "all work toward.",
        "We track at least one population indicator with a baseline and a target.",
        "We look at the data together with partners and change course when it tells us to.",
    ),
    "Opportunity moments": (
        "We know of an upcoming event (a new funding round, an election, a plan's renewal) "
        "the umbrella could use.",
        "Someone is named to act when such a moment comes.",
        "We have used a moment like this before to move a shared agenda forward.",
    ),
}


def statement_fields() -> tuple[tuple[str, str, S.Field], ...]:
    """(ingredient, statement, field) for every statement, in order."""
    found = []
    for i, (ingredient, statements) in enumerate(INGREDIENTS.items(), start=1):
        for j, statement in enumerate(statements, start=1):
            found.append((ingredient, statement, S.Field(
                f"r{i}_{j}", f"{i}.{j} {statement}", S.CHOICE, vocabulary="readiness_levels",
                width=14, help=f"{ingredient}. 1 strongly disagree ... 5 strongly agree, or "
                               "Don't know.", example="4")))
    return tuple(found)


READINESS_SHEET = S.Sheet(
    name="readiness", title="Readiness", layout=S.FORM, required=True,
    help="How ready is your coalition to align? One answer per statement.",
    fields=forms.given_fields("Your code") + tuple(f for _, _, f in statement_fields()))


def readiness_summary(results: forms.RoundAnswers) -> forms.Summary:
    table = results_by_ingredient(results.answers)
    rows = [{"Ingredient": r["ingredient"], "n": r["n"], "Don't know": r["dont_know"],
             "1-2": r["low"], "3": r["3"], "4-5": r["high"],
             "Mean": "–" if pd.isna(r["mean"]) else f"{r['mean']:.1f}", "Band": r["band"]}
            for r in table.to_dict("records")]
    return forms.Summary(title="Readiness check", subtitle=f"{results.n} leaders answered",
                         vegalite=None, table=rows,
                         numbers=[("Answers", f"n = {results.n}")],
                         caption="Answers per ingredient (n excludes don't know)")


READINESS = forms.register(forms.RoomForm(
    name="readiness", kind="umbrella_readiness", kind_name="a readiness check",
    title="Readiness check", sheet=READINESS_SHEET,
    guidance=(("What this is", "A short check, per coalition leader, of the groundwork for "
                               "aligning: five ingredients, a few statements each."),
              ("How to fill it", "On the 'Readiness' sheet pick 1 to 5 for each statement, "
                                 "or Don't know."),
              *((level, meaning) for level, meaning in LEVEL_MEANINGS.items())),
    vocabularies={"readiness_levels": LEVELS}, meanings={"readiness_levels": LEVEL_MEANINGS},
    summarise=readiness_summary))


@dataclass(frozen=True)
class Bands:
    """A mean at or above *strength* is a strength; at or above *discuss*, to discuss;
    below, a concern."""
    strength: float = 4.0
    discuss: float = 3.0

    def __post_init__(self) -> None:
        if not self.discuss < self.strength:
            raise ValueError("The 'discuss' band must start below the 'strength' band.")

    def band(self, mean: float | None) -> str:
        if mean is None or pd.isna(mean):
            return "no answers"
        return "strength" if mean >= self.strength else (
            "discuss" if mean >= self.discuss else "concern")


def bands_for(community: Community) -> tuple[Bands, list[Problem]]:
    """The bands of community.toml's [readiness] (strength = 4.0, discuss = 3.0), else the
    defaults; settings that cannot be used are reported, never fatal."""
    path = community.folder / SETTINGS_FILE if community.folder else None
    if path is None or not path.is_file():
        return Bands(), []
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("readiness", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return Bands(), [_bands_ignored(path, f"the file cannot be read ({error})")]
    if not table:
        return Bands(), []
    given = {k: table.get(k, getattr(Bands(), k)) for k in ("strength", "discuss")}
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and 1 <= v <= 5
               for v in given.values()):
        return Bands(), [_bands_ignored(path, "each band must be a number from 1 to 5")]
    try:
        return Bands(float(given["strength"]), float(given["discuss"])), []
    except ValueError:
        return Bands(), [_bands_ignored(path, "'discuss' must be below 'strength'")]


def _bands_ignored(path: Path, reason: str) -> Problem:
    return make_problem(Code.READINESS_BANDS_IGNORED, str(path), reason=reason)


def results_by_ingredient(answers: Iterable[Mapping[str, Any]],
                          bands: Bands = Bands()) -> pd.DataFrame:
    """Per ingredient: the count of each level 1-5, low (1-2), high (4-5), dont_know, n
    (scored answers), mean and band. Every statement's answers are pooled."""
    answers = list(answers)
    rows = []
    for ingredient in INGREDIENTS:
        names = [f.name for i, _, f in statement_fields() if i == ingredient]
        given = [str(a.get(n)) for a in answers for n in names if a.get(n) not in (None, "")]
        counts = {level: given.count(level) for level in LEVELS}
        scored = [int(v) for v in given if v in LEVELS[:5]]
        mean = sum(scored) / len(scored) if scored else float("nan")
        rows.append({"ingredient": ingredient, **{lv: counts[lv] for lv in LEVELS[:5]},
                     "low": counts["1"] + counts["2"], "high": counts["4"] + counts["5"],
                     "dont_know": counts[DONT_KNOW], "n": len(scored), "mean": mean,
                     "band": bands.band(mean)})
    return pd.DataFrame(rows)


def results(db: str | Path, bands: Bands = Bands()) -> pd.DataFrame:
    """The latest readiness round's results per ingredient (empty counts before any)."""
    round_ = forms.current_round(db, READINESS)
    answers = forms.round_answers(db, READINESS, round_).answers if round_ else []
    return results_by_ingredient(answers, bands)


# --- opportunity moments -------------------------------------------------------------------

MOMENT_COLUMNS = ["moment_id", "event", "date", "why_it_matters", "who_acts", "noted_by",
                  "noted_at"]
MOMENTS_DDL = (
    """CREATE TABLE IF NOT EXISTS umbrella_opportunity_moments (
        moment_id INTEGER PRIMARY KEY, event TEXT NOT NULL, date TEXT NOT NULL,
        why_it_matters TEXT NOT NULL, who_acts TEXT NOT NULL, noted_by TEXT NOT NULL,
        noted_at TEXT NOT NULL)""",
    *split_script(append_only_ddl(["umbrella_opportunity_moments"], "the log of opportunity "
                                  "moments is kept as written: add a new line")),
)


def note_moment(db: str | Path, event: str, date: str | dt.date, why_it_matters: str,
                who_acts: str, by: str = "facilitator") -> int:
    """Add a moment to the log: what, when (a date), why it matters, who acts on it."""
    when = date if isinstance(date, dt.date) else _date(date)
    said = {"event": trimmed(event), "why it matters": trimmed(why_it_matters),
            "who acts": trimmed(who_acts)}
    missing = [name for name, value in said.items() if not value]
    if missing:
        raise ValueError("An opportunity moment needs " + " and ".join(missing) + ".")
    with closing(_connect_umbrella(db)) as connection:
        ensure_tables(connection, MOMENTS_DDL)
        with transaction(connection):
            return connection.execute(
                "INSERT INTO umbrella_opportunity_moments (event, date, why_it_matters, "
                "who_acts, noted_by, noted_at) VALUES (?,?,?,?,?,?)",
                (said["event"], when.isoformat(), said["why it matters"], said["who acts"],
                 trimmed(by) or "facilitator", utc_now())).lastrowid


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a date: write it as 2027-03-15.") from None


def moments(db: str | Path) -> pd.DataFrame:
    """The log, soonest first."""
    with closing(_connect_umbrella(db)) as connection:
        if connection.execute("SELECT 1 FROM sqlite_master WHERE name = "
                              "'umbrella_opportunity_moments'").fetchone() is None:
            return pd.DataFrame(columns=MOMENT_COLUMNS)
        rows = connection.execute("SELECT * FROM umbrella_opportunity_moments "
                                  "ORDER BY date, moment_id").fetchall()
    return pd.DataFrame([dict(r) for r in rows], columns=MOMENT_COLUMNS)
