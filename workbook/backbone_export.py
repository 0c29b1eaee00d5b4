"""Task 5's handouts (floor 4, beside ``exports``): the backbone survey's results as Excel,
and its charts as PNG and SVG; the raters' slips and mail-merge rows.

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
from .tasks.backbone import raters as R
from .tasks.backbone import survey as V
from .tasks.backbone.results import LABELS

RESULTS_FILE = "backbone-results.xlsx"
CHARTS = {"backbone-profile": "candidates across the functions and capacities",
          "backbone-shared": "the strongest candidate on each function",
          "backbone-response-rates": "answers in, per candidate"}


def results_workbook(published: P.Published, candidates: list[str],
                     community_name: str = "") -> bytes:
    """The closed survey's results as .xlsx bytes (formula-looking text escaped)."""
    k = published.thresholds
    workbook = E.new_workbook(f"Backbone candidates – {community_name}".strip(" –"))
    grid = BF.profile_grid(published.profile, candidates, k)
    grid["result"] = [t if not s else "" for t, s in zip(grid["text"], grid["shown"])]
    E.table_sheet(workbook, "Profile",
           f"Survey {published.survey}. Median and middle half (first to third quartile) of the "
           f"ratings, 1 not able to 5 outstanding; 'don't know' not counted. A candidate or "
           f"item rated by {BF.fewer_than(k)} is not shown.", grid,
           [E.column("candidate", "Candidate", 34, wrap=True), E.column("part", "Part", 18),
            E.column("label", "Item", 34, wrap=True), E.column("n", "Raters", 9),
            E.column("median", "Median", 9, number_format="0.0"),
            E.column("q1", "First quartile", 11, number_format="0.00"),
            E.column("q3", "Third quartile", 11, number_format="0.00"),
            E.column("result", "Not shown because", 22)])
    E.table_sheet(workbook, "Shared backbone",
           f"The strongest candidate on each function, among candidates rated by at least "
           f"{k.k} raters; ties are named together.", BF.strongest_frame(published.strongest),
           [E.column("label", "Function", 32), E.column("strongest", "Strongest", 60, wrap=True),
            E.column("median", "Median", 9, number_format="0.0")])
    agreement = published.agreement.assign(
        alpha=published.agreement["alpha"].astype(float).round(2))
    E.table_sheet(workbook, "Agreement",
           "How far raters agree about each candidate (Krippendorff's alpha, ordinal; 0.67 or "
           "more: raters largely agree).", agreement,
           [E.column("candidate", "Candidate", 40, wrap=True), E.column("raters", "Raters", 9),
            E.column("alpha", "Alpha", 9, number_format="0.00"),
            E.column("in_words", "In words", 50, wrap=True)])
    comments = published.comments.assign(
        label=published.comments["item"].map(LABELS))
    E.table_sheet(workbook, "Comments",
           f"Shown only where at least {k.k_comments} raters answered, in no particular "
           "order, never with a name.", comments,
           [E.column("candidate", "Candidate", 34, wrap=True), E.column("label", "Function", 28),
            E.column("comment", "Comment", 70, wrap=True)])
    breakdown = published.breakdown.assign(label=published.breakdown["item"].map(LABELS))
    E.table_sheet(workbook, "By sector",
           f"By the raters' sector, only for sectors of at least {k.k} raters, and only where "
           "the sectors left out could not be worked out from the total.", breakdown,
           [E.column("candidate", "Candidate", 34, wrap=True), E.column("label", "Item", 30),
            E.column("group", "Sector", 18), E.column("n", "Raters", 9),
            E.column("median", "Median", 9, number_format="0.0"),
            E.column("q1", "First quartile", 11, number_format="0.00"),
            E.column("q3", "Third quartile", 11, number_format="0.00")])
    rates = published.rates.merge(published.exclusions, on="candidate", how="left")
    E.table_sheet(workbook, "Response rates",
           "Counts only: who answered, and who was excluded or declared a tie, is never "
           "said.", rates,
           [E.column("candidate", "Candidate", 40, wrap=True), E.column("offered", "Offered to", 11),
            E.column("answered", "Answered", 11), E.column("rate", "Rate", 9, number_format="0%"),
            E.column("excluded", "Excluded (own organisation, staff or board)", 18, wrap=True),
            E.column("declared_ties", "Answers set aside (declared tie)", 16, wrap=True)])
    return E.workbook_bytes(workbook)


def _frame_workbook(title: str, caption: str, frame: pd.DataFrame,
                    columns: list[E.TableColumn]) -> bytes:
    workbook = E.new_workbook(title)
    sheet = workbook.create_sheet(title[:31])
    E.write_title(sheet, title, caption)
    E.write_table(sheet, frame, columns, header_row=4)
    return E.workbook_bytes(workbook)


def slips_workbook(roster: R.Roster) -> bytes:
    """One row per slip: the code and what it may rate, no name."""
    return _frame_workbook("Rater slips", "Cut one slip per rater; hand them out face down.",
                           R.slips(roster), [E.TableColumn("code", "Your rater code", 18),
                                             E.TableColumn("candidates", "You may rate", 80,
                                                           wrap=True)])


def mail_merge_workbook(roster: R.Roster) -> bytes:
    return _frame_workbook("Mail merge", "Private: names with codes. Delete it once mailed.",
                           R.mail_merge_rows(roster),
                           [E.TableColumn("name", "Name", 26), E.TableColumn("email", "E-mail", 30),
                            E.TableColumn("code", "Code", 16),
                            E.TableColumn("candidates", "Candidates", 60, wrap=True),
                            E.TableColumn("form", "Form", 30)])


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
