"""Task 3's handouts (floor 4, beside ``exports``): the alignment workbook (Excel) and the turn-the-curve charts.

The workbook holds the crosswalk with the decisions in force, the North Star and its
indicators with their history, the turn-the-curve prompts, the performance measures,
the results tree, a scorecard-shaped sheet for groups that keep a scorecard elsewhere,
and the decision log. Every text cell that could start a formula is escaped
(``exports.keep_as_text`` runs on the whole workbook before it is saved).
"""
from __future__ import annotations

import datetime
import sys
from pathlib import Path

import pandas as pd

from . import decisions as D
from . import exports as E
from . import indicators as I
from . import results_figures as RF
from . import store
from .forms import slug
from .tasks.results import curve as C
from .tasks.results import performance as P
from .tasks.results.northstar import north_star, shared_indicators, shared_indicators_list
from .numbers_text import counted

ALIGNMENT_FILE = "alignment-workbook.xlsx"
CHART_PREFIX = "turn-the-curve-"
TREE_FILE = "results-tree"

CROSSWALK_SHEET = "Crosswalk"
STRATEGIES_SHEET = "Strategies"
INDICATORS_SHEET = "North Star"
HISTORY_SHEET = "Indicator history"
BASELINE_SHEET = "Baseline by subgroup"
PROMPTS_SHEET = "Turn the curve"
MEASURES_SHEET = "Measures"
TREE_SHEET = "Results tree"
SCORECARD_SHEET = "Scorecard"


# --- a simple crosswalk, from the loaded goals and strategies ------------------------------

CROSSWALK_COLUMNS = ["issue_area", "population", "indicator", "coalition", "goal_id",
                     "statement", "unit", "data_source", "baseline", "target", "strategies",
                     "decision"]


def goal_crosswalk(db: str | Path) -> pd.DataFrame:
    """Every goal of every active coalition, by result area and indicator, each keeping
    its coalition, with the strategies serving it and the decision in force about it."""
    if not _has(db, "goals", "coalitions"):
        return pd.DataFrame(columns=CROSSWALK_COLUMNS)
    goals = store.read_table(db, """
        SELECT g.goal_row_id, c.name AS coalition, g.goal_id, g.statement, g.issue_area,
               g.population, g.indicator, g.unit, g.data_source, g.baseline_value,
               g.baseline_year, g.target_value, g.target_year
        FROM goals g JOIN coalitions c ON c.coalition_id = g.coalition_id
        WHERE COALESCE(c.status, 'Active') = 'Active'""")
    serving = store.read_table(db, """
        SELECT sg.goal_row_id, s.strategy FROM strategy_goals sg
        JOIN strategies s ON s.strategy_id = sg.strategy_id""") if _has(
        db, "strategy_goals", "strategies") else pd.DataFrame(columns=["goal_row_id", "strategy"])
    strategies = serving.groupby("goal_row_id")["strategy"].agg(lambda s: "\n".join(s))
    decided = _decisions_by_subject(db, "goal")
    goals["strategies"] = goals["goal_row_id"].map(strategies).fillna("(no strategy)")
    goals["baseline"] = [_value_year(v, y) for v, y in zip(goals["baseline_value"],
                                                           goals["baseline_year"])]
    goals["target"] = [_value_year(v, y) for v, y in zip(goals["target_value"],
                                                         goals["target_year"])]
    goals["decision"] = [decided.get(D.subject("goal", c, s).key, "")
                         for c, s in zip(goals["coalition"], goals["statement"])]
    for column in ("issue_area", "population", "indicator"):
        goals[column] = goals[column].fillna("(none given)")
    goals["_indicator_key"] = goals["indicator"].map(D.wording_key)
    return goals.sort_values(["issue_area", "population", "_indicator_key", "coalition"],
                             ignore_index=True)[CROSSWALK_COLUMNS]


STRATEGY_COLUMNS = ["issue_area", "coalition", "strategy", "strategy_type", "status",
                    "serves_goals", "decision"]


def strategy_crosswalk(db: str | Path) -> pd.DataFrame:
    """Every strategy of every active coalition, with the goals it serves (or none)."""
    if not _has(db, "strategies", "coalitions"):
        return pd.DataFrame(columns=STRATEGY_COLUMNS)
    frame = store.read_table(db, """
        SELECT s.strategy_id, c.name AS coalition, s.strategy, s.strategy_type, s.status,
               s.issue_area,
               (SELECT GROUP_CONCAT(g.goal_id, '; ') FROM strategy_goals sg
                JOIN goals g ON g.goal_row_id = sg.goal_row_id
                WHERE sg.strategy_id = s.strategy_id) AS serves_goals
        FROM strategies s JOIN coalitions c ON c.coalition_id = s.coalition_id
        WHERE COALESCE(c.status, 'Active') = 'Active'
        ORDER BY s.issue_area, c.name, s.strategy_id""")
    decided = _decisions_by_subject(db, "strategy")
    frame["serves_goals"] = frame["serves_goals"].fillna("(serves no goal)")
    frame["decision"] = [decided.get(D.subject("strategy", c, s).key, "")
                         for c, s in zip(frame["coalition"], frame["strategy"])]
    frame["issue_area"] = frame["issue_area"].fillna("(none given)")
    return frame[STRATEGY_COLUMNS]


def _decisions_by_subject(db: str | Path, kind: str) -> dict[str, str]:
    """Subject key -> the decisions in force about it, e.g. "#4 Combine: 'Every child…'"."""
    found: dict[str, list[str]] = {}
    for entry in D.current(db, kind):
        text = f"#{entry.entry_id} {entry.title}" + (f": {entry.value}" if entry.value else "")
        for s in entry.subjects:
            if s.kind == kind:
                found.setdefault(s.key, []).append(text)
    return {key: "\n".join(texts) for key, texts in found.items()}


def _value_year(value, year) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{value:g}" + (f" ({int(year)})" if year is not None and pd.notna(year) else "")


def _has(db: str | Path, *tables: str) -> bool:
    if not Path(db).is_file():
        return False
    found = store.read_table(db, "SELECT name FROM sqlite_master WHERE type = 'table'")
    return set(tables) <= set(found["name"])


# --- the workbook --------------------------------------------------------------------------

def alignment_workbook(db: str | Path, community_name: str = "") -> bytes:
    """The alignment workbook as .xlsx bytes, formula-looking text escaped."""
    workbook = E.new_workbook(f"Alignment workbook – {community_name}".strip(" –"))
    data = I.history(db)
    star = north_star(db)
    E.table_sheet(workbook, CROSSWALK_SHEET,
           "Every goal of every active coalition, grouped by issue area, population and "
           "indicator, with the strategies serving it and the decisions in force.",
           goal_crosswalk(db), [
               E.column("issue_area", "Issue area", 18), E.column("population", "Population", 16),
               E.column("indicator", "Indicator", 30, True), E.column("coalition", "Coalition", 28, True),
               E.column("goal_id", "Goal ID", 8), E.column("statement", "Goal", 44, True),
               E.column("unit", "Unit", 10), E.column("data_source", "Data source", 22, True),
               E.column("baseline", "Baseline", 12), E.column("target", "Target", 12),
               E.column("strategies", "Strategies serving it", 40, True),
               E.column("decision", "Decisions in force", 36, True)])
    E.table_sheet(workbook, STRATEGIES_SHEET,
           "Every strategy of every active coalition, with the goals it serves.",
           strategy_crosswalk(db), [
               E.column("issue_area", "Issue area", 18), E.column("coalition", "Coalition", 28, True),
               E.column("strategy", "Strategy", 44, True), E.column("strategy_type", "Type", 18),
               E.column("status", "Status", 10), E.column("serves_goals", "Serves goals", 14),
               E.column("decision", "Decisions in force", 36, True)])
    E.table_sheet(workbook, INDICATORS_SHEET,
           "North Star: " + (star.statement if star else "not adopted yet") +
           ". Its shared population indicators, as adopted (decision numbers refer to "
           "the decision log).", shared_indicators(db), [
               E.column("indicator", "Indicator", 34, True), E.column("unit", "Unit", 10),
               E.column("polarity", "Better when", 16), E.column("data_source", "Data source", 26, True),
               E.column("geography", "Geography", 16), E.column("baseline_value", "Baseline", 10),
               E.column("baseline_year", "Baseline year", 10), E.column("target_value", "Target", 10),
               E.column("target_year", "Target year", 10), E.column("frequency", "Frequency", 10),
               E.column("origin", "From", 10), E.column("crosswalk_indicator", "Checklists' wording", 28,
                                                True),
               E.column("result", "Shared result", 28, True),
               E.column("coalitions", "Measured today by", 30, True), E.column("decision", "Decision", 9)])
    history = _shared_history(db, data)
    E.table_sheet(workbook, HISTORY_SHEET,
           "Every loaded figure of the shared indicators (python -m workbook load-indicators), "
           "by subgroup and geography.", history, [
               E.column("indicator", "Indicator", 34, True), E.column("year", "Year", 8),
               E.column("value", "Value", 10), E.column("value_text", "As typed", 12),
               E.column("unit", "Unit", 10), E.column("subgroup", "Subgroup", 22),
               E.column("geography", "Geography", 18), E.column("source", "Data source", 30, True),
               E.column("note", "Note", 30, True)])
    E.table_sheet(workbook, BASELINE_SHEET,
           "Each subgroup's figure in the baseline year and the latest year, and its gap to "
           "everyone (negative: behind, whichever way is better).",
           C.baseline_report(db, shared_indicators_list(db)), [
               E.column("indicator", "Indicator", 34, True), E.column("subgroup", "Subgroup", 26),
               E.column("baseline_year", "Baseline year", 10), E.column("baseline", "Baseline", 10),
               E.column("latest_year", "Latest year", 10), E.column("latest", "Latest", 10),
               E.column("change", "Change", 10), E.column("gap_to_everyone", "Gap to everyone", 12)])
    E.table_sheet(workbook, PROMPTS_SHEET,
           "For each shared indicator: the trend if nothing changes, and the room's answers "
           "to the four turn-the-curve prompts.", _curve_sheet(db, data), [
               E.column("indicator", "Indicator", 30, True), E.column("prompt", "Prompt", 24, True),
               E.column("answer", "Answer", 70, True), E.column("written_by", "Written by", 14),
               E.column("written_at", "Last revised (UTC)", 18), E.column("revisions", "Revisions", 9)])
    E.table_sheet(workbook, MEASURES_SHEET,
           "Performance measures of the shared strategies, under the three questions: "
           + " / ".join(P.QUESTIONS), P.measures(db), [
               E.column("strategy", "Strategy", 34, True), E.column("question", "Question", 22),
               E.column("measure", "Measure", 36, True), E.column("indicator", "Moves indicator", 28,
                                                          True),
               E.column("coalitions", "Contributing coalitions", 30, True), E.column("unit", "Unit", 10),
               E.column("polarity", "Better when", 16), E.column("actual", "Actual", 10),
               E.column("actual_period", "Period", 10), E.column("target", "Target", 10),
               E.column("frequency", "Frequency", 12), E.column("data_source", "Data source", 24, True)])
    tree = P.results_tree(db)
    tree = tree.assign(shown=["    " * d + label for d, label in zip(tree["depth"],
                                                                   tree["label"])])
    E.table_sheet(workbook, TREE_SHEET,
           "North Star → shared results → indicators → strategies → measures → "
           "contributing coalitions.", tree, [
               E.column("level", "Level", 16), E.column("shown", "Item", 80, True),
               E.column("detail", "Detail", 50, True)])
    latest = {key: value for key, value in _latest_values(db, data).items()}
    E.table_sheet(workbook, SCORECARD_SHEET,
           "Scorecard-shaped: Result → Indicators; Programs → Performance measures; with "
           "actual, target, polarity and frequency, for copying into a scorecard tool.",
           P.scorecard(db, latest), [
               E.column("type", "Type", 20), E.column("name", "Name", 44, True),
               E.column("parent", "Belongs to", 34, True), E.column("actual", "Actual", 10),
               E.column("actual_period", "Actual period", 12), E.column("target", "Target", 10),
               E.column("target_year", "Target year", 10), E.column("polarity", "Polarity", 16),
               E.column("unit", "Unit", 10), E.column("frequency", "Frequency", 12),
               E.column("data_source", "Data source", 26, True),
               E.column("coalitions", "Coalitions", 30, True), E.column("question", "Question", 22)])
    D.add_log_sheets(workbook, db)
    return E.workbook_bytes(workbook)  # escapes formula-looking text in every sheet


def _shared_history(db: str | Path, data: pd.DataFrame) -> pd.DataFrame:
    keys = {i.key for i in shared_indicators_list(db)}
    shown = data[data["indicator_key"].isin(keys)] if keys else data
    return shown.reset_index(drop=True)


def _latest_values(db: str | Path, data: pd.DataFrame) -> dict[str, tuple[int, float]]:
    latest = {}
    for indicator in shared_indicators_list(db):
        point = C.curve_data(db, indicator, data=data).latest
        if point is not None:
            latest[indicator.key] = point
    return latest


def _curve_sheet(db: str | Path, data: pd.DataFrame) -> pd.DataFrame:
    parts = []
    for indicator in shared_indicators_list(db):
        curve = C.curve_data(db, indicator, data=data)
        trend = " ".join(filter(None, [curve.trend.description() if curve.trend else
                                       "No trend: fewer than three years of figures.",
                                       C.direction_note(curve)]))
        parts.append(pd.DataFrame([{"indicator": indicator.name, "prompt": "If nothing changes",
                                    "answer": trend, "written_by": "", "written_at": "",
                                    "revisions": 0}]))
        parts.append(C.prompts(db, indicator.name))
    return (pd.concat(parts, ignore_index=True) if parts
            else pd.DataFrame(columns=C.PROMPT_COLUMNS))


# --- charts and the command ------------------------------------------------------------------

def curve_charts(db: str | Path) -> dict[str, object]:
    """file stem -> the turn-the-curve chart of each shared indicator."""
    data = I.history(db)
    return {CHART_PREFIX + slug(indicator.name): RF.curve_chart(C.curve_data(db, indicator,
                                                                            data=data))
            for indicator in shared_indicators_list(db)}


def export_results(db: str | Path, out_dir: str | Path, community_name: str = "",
                   date: datetime.date | None = None) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = [_write(out / ALIGNMENT_FILE, alignment_workbook(db, community_name))]
    handout = E.Handout(community=community_name, date=date)
    for stem, chart in curve_charts(db).items():
        written.append(_write(out / f"{stem}.png", E.chart_png(chart, handout=handout)))
        written.append(_write(out / f"{stem}.svg",
                              E.chart_svg(chart, handout=handout).encode("utf-8")))
    tree = RF.tree_chart(P.results_tree(db))
    written.append(_write(out / f"{TREE_FILE}.png", E.chart_png(tree, handout=handout)))
    written.append(_write(out / f"{TREE_FILE}.svg", E.chart_svg(tree, handout=handout)
                          .encode("utf-8")))
    return written


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def alignment_command(db: Path, out: Path, community=None) -> int:
    if not Path(db).is_file():
        print(f"No database at {db}: build it with `python -m workbook load`.", file=sys.stderr)
        return 2
    name = community.name if community is not None else ""
    written = export_results(db, out, name)
    print(f"Wrote {counted(len(written), 'file')} to {out}:")
    for path in written:
        print(f"  {path.name}")
    return 0
