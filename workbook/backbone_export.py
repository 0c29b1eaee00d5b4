"""Task 5's handouts (floor 4, beside ``exports``): the backbone survey's results as Excel,
and its charts as PNG and SVG.

Everything is written from one ``published.Published``, the closed survey's frozen results,
so the handouts apply the same anonymity rules as the notebook: a cell with fewer than k
raters is written as the words "fewer than k raters" with no number, comments appear only
where k_comments raters answered, sector breakdowns only for groups ``anonymity`` lets
through. An open survey has no results to hand out.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import backbone_figures as BF
from . import exports as E
from .community import Community
from .tasks.backbone import published as P
from .tasks.backbone import preparation
from .tasks.backbone import survey as V
from .tasks.backbone.results import LABELS

RESULTS_FILE = "backbone-results.xlsx"
CHARTS = {"backbone-profile": "candidates across the functions and capacities",
          "backbone-shared": "the strongest candidate on each function",
          "backbone-response-rates": "answers in, per candidate"}


def _col(key: str, header: str, width: float = 14, wrap: bool = False,
         number_format: str | None = None) -> E.TableColumn:
    return E.TableColumn(key, header, width, number_format, wrap)


def _sheet(workbook, title: str, caption: str, frame: pd.DataFrame,
           columns: list[E.TableColumn]) -> None:
    sheet = workbook.create_sheet(title)
    E.write_title(sheet, title, caption)
    E.write_table(sheet, frame, columns, header_row=4)


def results_workbook(published: P.Published, candidates: list[str],
                     community_name: str = "") -> bytes:
    """The closed survey's results as .xlsx bytes (formula-looking text escaped)."""
    k = published.thresholds
    workbook = E.new_workbook(f"Backbone candidates – {community_name}".strip(" –"))
    grid = BF.profile_grid(published.profile, candidates, k)
    grid["result"] = [t if not s else "" for t, s in zip(grid["text"], grid["shown"])]
    _sheet(workbook, "Profile",
           f"Survey {published.survey}. Median and middle half (first to third quartile) of the "
           f"ratings, 1 not able to 5 outstanding; 'don't know' not counted. A candidate or "
           f"item rated by {BF.fewer_than(k)} is not shown.", grid,
           [_col("candidate", "Candidate", 34, wrap=True), _col("part", "Part", 18),
            _col("label", "Item", 34, wrap=True), _col("n", "Raters", 9),
            _col("median", "Median", 9, number_format="0.0"),
            _col("q1", "First quartile", 11, number_format="0.00"),
            _col("q3", "Third quartile", 11, number_format="0.00"),
            _col("result", "Not shown because", 22)])
    _sheet(workbook, "Shared backbone",
           f"The strongest candidate on each function, among candidates rated by at least "
           f"{k.k} raters; ties are named together.", BF.strongest_frame(published.strongest),
           [_col("label", "Function", 32), _col("strongest", "Strongest", 60, wrap=True),
            _col("median", "Median", 9, number_format="0.0")])
    agreement = published.agreement.assign(
        alpha=published.agreement["alpha"].astype(float).round(2))
    _sheet(workbook, "Agreement",
           "How far raters agree about each candidate (Krippendorff's alpha, ordinal; 0.67 or "
           "more: raters largely agree).", agreement,
           [_col("candidate", "Candidate", 40, wrap=True), _col("raters", "Raters", 9),
            _col("alpha", "Alpha", 9, number_format="0.00"),
            _col("in_words", "In words", 50, wrap=True)])
    comments = published.comments.assign(
        label=published.comments["item"].map(LABELS))
    _sheet(workbook, "Comments",
           f"Shown only where at least {k.k_comments} raters answered, in no particular "
           "order, never with a name.", comments,
           [_col("candidate", "Candidate", 34, wrap=True), _col("label", "Function", 28),
            _col("comment", "Comment", 70, wrap=True)])
    breakdown = published.breakdown.assign(label=published.breakdown["item"].map(LABELS))
    _sheet(workbook, "By sector",
           f"By the raters' sector, only for sectors of at least {k.k} raters, and only where "
           "the sectors left out could not be worked out from the total.", breakdown,
           [_col("candidate", "Candidate", 34, wrap=True), _col("label", "Item", 30),
            _col("group", "Sector", 18), _col("n", "Raters", 9),
            _col("median", "Median", 9, number_format="0.0"),
            _col("q1", "First quartile", 11, number_format="0.00"),
            _col("q3", "Third quartile", 11, number_format="0.00")])
    rates = published.rates.merge(published.exclusions, on="candidate", how="left")
    _sheet(workbook, "Response rates",
           "Counts only: who answered, and who was excluded or declared a tie, is never "
           "said.", rates,
           [_col("candidate", "Candidate", 40, wrap=True), _col("offered", "Offered to", 11),
            _col("answered", "Answered", 11), _col("rate", "Rate", 9, number_format="0%"),
            _col("excluded", "Excluded (own organisation, staff or board)", 18, wrap=True),
            _col("declared_ties", "Answers set aside (declared tie)", 16, wrap=True)])
    return E.workbook_bytes(workbook)


def charts(published: P.Published, candidates: list[str]) -> dict[str, object]:
    k = published.thresholds
    return {"backbone-profile": BF.profile_chart(
                BF.profile_grid(published.profile, candidates, k), k),
            "backbone-shared": BF.strongest_chart(published.strongest, candidates, k),
            "backbone-response-rates": BF.response_rate_chart(published.rates)}


def export_folder(db: str | Path, out: str | Path, community: Community,
                  survey: int | None = None) -> list[Path]:
    """Write the workbook and every chart (PNG and SVG) of a closed survey to *out*."""
    from .tasks.backbone.thresholds import thresholds_for
    survey = survey if survey is not None else V.latest_closed(db)
    if survey is None or V.state_or_none(db, survey) != V.CLOSED:
        raise LookupError(f"No closed backbone survey{'' if survey is None else f' {survey}'} "
                          f"in {db}: results are handed out once the survey is closed.")
    names = [c.name for c in preparation.candidates(db)]
    published = P.frozen(db, survey, preparation.roster(db), names,
                         thresholds_for(community)[0])
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = [_write(out / RESULTS_FILE, results_workbook(published, names, community.name))]
    handout = E.Handout(community=community.name)
    for stem, chart in charts(published, names).items():
        written.append(_write(out / f"{stem}.png", E.chart_png(chart, handout=handout)))
        written.append(_write(out / f"{stem}.svg",
                              E.chart_svg(chart, handout=handout).encode("utf-8")))
    return written


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
