"""Task 4's handouts (floor 4, beside ``exports``): the umbrella workbook (Excel) and its charts.

The workbook holds the stances of every round and how they moved, the agreement map per
option (how many can live with it, who blocks and why, accepted by all), the option set
closest to consensus with what each coalition concedes under it, the readiness results per
ingredient (every answer counted, n and band, never a mean alone), the log of opportunity
moments, and the decision log. Every text cell that could start a formula is escaped
(``exports.workbook_bytes``). The charts are notebook 4's (``umbrella_figures``), written
as PNG and SVG through the same handout frame as every other chart.
"""
from __future__ import annotations

import datetime
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import decisions as D
from . import exports as E
from . import handout_files as H
from . import schema as S
from .community import Community
from .roomstore import forms
from .tasks.umbrella import agreement as A
from .tasks.umbrella import options as O
from .tasks.umbrella import readiness as R
from .tasks.umbrella import roll
from .tasks.umbrella import stances as T
from .numbers_text import counted

UMBRELLA_FILE = H.UMBRELLA_WORKBOOK
CHARTER_FILE = "charter.docx"

STANCES_SHEET = "Stances"
MOVEMENT_SHEET = "Movement"
MOVEMENT_COUNTS_SHEET = "Movement by parameter"
MAP_SHEET = "Agreement map"
GRID_SHEET = "Stance grid"
CONSENSUS_SHEET = "Closest to consensus"
CONCESSIONS_SHEET = "Concessions"
READINESS_SHEET = "Readiness"
MOMENTS_SHEET = "Opportunity moments"

CHARTS = H.UMBRELLA_CHARTS  # file stem -> what it shows (named where --help reads it)

YES_NO = {True: "yes", False: "no"}


@dataclass(frozen=True)
class Negotiation:
    """Everything the workbook and the charts show, read once from the database."""
    options: pd.DataFrame  # options.OPTION_COLUMNS, in the order offered
    coalitions: list[str]  # at the table: given a code or answered in any round
    rounds: list[int]
    round_id: int | None  # the round the agreement map shows (the latest)
    stances: pd.DataFrame  # that round's stances that count
    every_round: pd.DataFrame  # STANCE_COLUMNS over all rounds
    readiness: pd.DataFrame  # readiness.results_by_ingredient
    leaders: int  # who answered the latest readiness check
    bands: R.Bands
    moments: pd.DataFrame

    @property
    def per_option(self) -> pd.DataFrame:
        return A.per_option(self.stances, self.options, self.coalitions)


def negotiation(db: str | Path, community: Community, round_id: int | None = None
                ) -> Negotiation:
    known = T.rounds(db) if Path(db).is_file() else []
    shown = round_id if round_id is not None else (known[-1] if known else None)
    every = (pd.concat([T.stances(db, r) for r in known], ignore_index=True) if known
             else pd.DataFrame(columns=T.STANCE_COLUMNS))
    current = (every[every["round"] == shown].reset_index(drop=True) if shown is not None
               else pd.DataFrame(columns=T.STANCE_COLUMNS))
    bands, _ = R.bands_for(community)  # an unusable setting is reported in the notebook
    check = forms.current_round(db, R.READINESS) if Path(db).is_file() else None
    answers = forms.round_answers(db, R.READINESS, check).answers if check else []
    return Negotiation(options=O.option_lists(community, db).table, coalitions=roll.coalitions(db),
                       rounds=known, round_id=shown, stances=current, every_round=every,
                       readiness=R.results_by_ingredient(answers, bands), leaders=len(answers),
                       bands=bands,
                       moments=R.moments(db) if Path(db).is_file()
                       else pd.DataFrame(columns=R.MOMENT_COLUMNS))


# --- the frames each sheet shows ---------------------------------------------------------

def _titled(frame: pd.DataFrame) -> pd.DataFrame:
    """parameter_title beside parameter, and rows in the order the options are offered."""
    titles = {name: p.title for name, p in O.PARAMETERS.items()}
    order = {name: rank for rank, name in enumerate(O.PARAMETERS)}
    return frame.assign(parameter_title=frame["parameter"].map(lambda p: titles.get(p, p)),
                        _order=frame["parameter"].map(lambda p: order.get(p, len(order))))


def stances_by_round(n: Negotiation) -> pd.DataFrame:
    """Every round's stances that count, round by round, coalition by coalition."""
    frame = _titled(n.every_round)
    frame["_option"] = _option_rank(n, frame)
    return frame.sort_values(["round", "coalition", "_order", "_option"], kind="stable",
                             ignore_index=True)


def _option_rank(n: Negotiation, frame: pd.DataFrame) -> pd.Series:
    offered = {(p, o): rank for rank, (p, o) in enumerate(zip(n.options["parameter"],
                                                              n.options["option"]))}
    return pd.Series([offered.get((p, o), len(offered)) for p, o in
                      zip(frame["parameter"], frame["option"])], index=frame.index, dtype=int)


MOVEMENT_COLUMNS = ["from_round", "to_round", "coalition", "parameter", "parameter_title",
                    "option", "stance_before", "stance_after", "change", "reason_after"]


def movement_between_rounds(db: str | Path, n: Negotiation) -> pd.DataFrame:
    """Each change of each coalition's stance from one round to the next, every pair of
    consecutive rounds; what changed first (blocks lifted, new blocks), unchanged last."""
    parts = []
    for before, after in zip(n.rounds, n.rounds[1:]):
        moved = T.movement(db, before, after)
        parts.append(moved.assign(from_round=before, to_round=after))
    if not parts:
        return pd.DataFrame(columns=MOVEMENT_COLUMNS)
    frame = _titled(pd.concat(parts, ignore_index=True))
    rank = {change: i for i, change in enumerate(T.CHANGES)}
    frame["_change"] = frame["change"].map(rank)
    frame["_option"] = _option_rank(n, frame)
    frame = frame.sort_values(["from_round", "_change", "_order", "_option", "coalition"],
                              kind="stable", ignore_index=True)
    return frame[MOVEMENT_COLUMNS]


def movement_by_parameter(db: str | Path, n: Negotiation) -> pd.DataFrame:
    """Per pair of rounds and parameter, how many stances made each change."""
    rows = []
    for before, after in zip(n.rounds, n.rounds[1:]):
        counts = T.movement_counts(T.movement(db, before, after))
        for parameter, row in counts.iterrows():
            rows.append({"from_round": before, "to_round": after, "parameter": parameter,
                         **{change: int(row[change]) for change in T.CHANGES}})
    frame = pd.DataFrame(rows, columns=["from_round", "to_round", "parameter", *T.CHANGES])
    return _titled(frame).sort_values(["from_round", "_order"], kind="stable",
                                      ignore_index=True)


def agreement_table(n: Negotiation) -> pd.DataFrame:
    """Per option offered: the count of each stance, can live with it, blocks with reasons,
    no stance yet, accepted by all."""
    table = n.per_option
    return table.assign(blockers=table["blockers"].map("\n".join),
                        accepted_by_all=table["accepted_by_all"].map(YES_NO))


def stance_grid(n: Negotiation) -> pd.DataFrame:
    """The agreement map as a table: a row per option, a column per coalition."""
    grid = A.matrix(n.stances, n.options, n.coalitions).reset_index()
    titles = dict(zip(n.options["parameter"], n.options["parameter_title"]))
    grid.insert(1, "parameter_title", grid["parameter"].map(titles))
    return grid


def consensus_sets(n: Negotiation) -> A.Consensus:
    return A.closest_to_consensus(n.stances, n.options, n.coalitions, table=n.per_option)


def consensus_table(found: A.Consensus) -> pd.DataFrame:
    sets = found.sets
    return sets.assign(options=sets["options"].map("\n".join),
                       accepted_by_all=sets["accepted_by_all"].map(YES_NO),
                       reading=[_reading(r) for r in sets.to_dict("records")])


def _reading(row: dict) -> str:
    """The set in one sentence: what the numbers beside it mean for the room."""
    if not row["options"]:
        return "No coalition has spoken on this parameter yet."
    if row["accepted_by_all"]:
        return "Every coalition can live with it."
    if row["blocks_left"]:
        return (f"Every option anyone spoke on is blocked; this one has the fewest blocks "
                f"({row['blocks_left']}).")
    them = "it" if len(row["options"]) == 1 else "them"
    silent = row["silent"]
    have = "has" if silent == 1 else "have"
    return (f"Nobody blocks {them}, but up to {counted(silent, 'coalition')} {have} not said "
            f"on {them}: silence is not consent.")


def concessions_table(found: A.Consensus) -> pd.DataFrame:
    frame = found.concessions
    listed = {kind: frame[kind].map("\n".join) for kind in A.KINDS_CONCEDED}
    return _titled(frame.assign(**listed))


def readiness_table(n: Negotiation) -> pd.DataFrame:
    return n.readiness.assign(mean=n.readiness["mean"].round(2))


# --- the workbook ------------------------------------------------------------------------

PARAMETER = E.column("parameter_title", "Parameter", 20, True)
OPTION = E.column("option", "Option", 30, True)
COALITION = E.column("coalition", "Coalition", 32, True)


def umbrella_workbook(db: str | Path, community: Community, round_id: int | None = None,
                      read: Negotiation | None = None) -> bytes:
    """The umbrella workbook as .xlsx bytes, formula-looking text escaped."""
    n = read if read is not None else negotiation(db, community, round_id)
    workbook = E.new_workbook(f"Umbrella workbook – {community.name}".strip(" –"))
    shown = f"round {n.round_id}" if n.round_id is not None else "no round opened yet"
    _stance_sheets(workbook, db, n)
    _agreement_sheets(workbook, n, shown)
    _readiness_sheets(workbook, n)
    D.add_log_sheets(workbook, db)
    return E.workbook_bytes(workbook)  # escapes formula-looking text in every sheet


def _stance_sheets(workbook, db: str | Path, n: Negotiation) -> None:
    E.table_sheet(workbook, STANCES_SHEET,
           f"Every round's stances ({counted(len(n.rounds), 'round')}): within a round, the latest "
           "stance per coalition and option counts. Stances: " + " / ".join(S.STANCES) + ".",
           stances_by_round(n), [
               E.column("round", "Round", 8), COALITION, PARAMETER, OPTION,
               E.column("stance", "Stance", 14), E.column("reason", "Reason", 50, True)])
    E.table_sheet(workbook, MOVEMENT_SHEET,
           "How each coalition's stance moved from one round to the next. Changes: "
           + ", ".join(T.CHANGES) + ". Stronger = toward must have; weaker = toward can "
           "accept." + ("" if len(n.rounds) > 1 else " Only one round so far: nothing to "
                                                     "compare."),
           movement_between_rounds(db, n), [
               E.column("from_round", "From round", 8), E.column("to_round", "To round", 8),
               COALITION, PARAMETER, OPTION, E.column("stance_before", "Before", 14),
               E.column("stance_after", "After", 14), E.column("change", "Change", 14),
               E.column("reason_after", "Reason now", 44, True)])
    E.table_sheet(workbook, MOVEMENT_COUNTS_SHEET,
           "Per parameter, how many stances made each change between two rounds.",
           movement_by_parameter(db, n), [
               E.column("from_round", "From round", 8), E.column("to_round", "To round", 8), PARAMETER,
               *(E.column(change, change.capitalize(), 10) for change in T.CHANGES)])


def _agreement_sheets(workbook, n: Negotiation, shown: str) -> None:
    size = len(n.coalitions)
    E.table_sheet(workbook, MAP_SHEET,
           f"Per option, {shown}, {counted(size, 'coalition')} at the table: how many can live with it "
           "(must have, prefer or can accept), who blocks and why, and whether every "
           "coalition accepts it (a coalition that has not said is not counted as consent).",
           agreement_table(n), [
               PARAMETER, OPTION, E.column("meaning", "What it means", 36, True),
               *(E.column(stance, stance, 10) for stance in S.STANCES),
               E.column("can_live", "Can live with it", 10), E.column("blocks", "Blocks", 8),
               E.column("blockers", "Who blocks, and why", 50, True),
               E.column("no_stance", "No stance yet", 9),
               E.column("accepted_by_all", "Accepted by all", 10)])
    E.table_sheet(workbook, GRID_SHEET,
           f"The agreement map as a table, {shown}: each coalition's stance on each option "
           "(blank: no stance yet).", stance_grid(n), [
               PARAMETER, OPTION, *(E.column(c, c, 16, True) for c in n.coalitions)])
    found = consensus_sets(n)
    E.table_sheet(workbook, CONSENSUS_SHEET,
           f"Per parameter, {shown}: the options accepted by all; failing those, the ones "
           "nobody blocks; failing those, the one with the fewest blocks. An option nobody "
           "spoke on is never proposed.", consensus_table(found), [
               PARAMETER, E.column("options", "Closest to consensus", 34, True),
               E.column("accepted_by_all", "Accepted by all", 10),
               E.column("blocks_left", "Blocks left", 9),
               E.column("silent", "Coalitions silent", 10),
               E.column("reading", "What it means", 50, True)])
    E.table_sheet(workbook, CONCESSIONS_SHEET,
           "Under the set closest to consensus, what each coalition would concede: must "
           "haves given up, blocks overridden (with the reason), preferences left out.",
           concessions_table(found), [
               PARAMETER, COALITION, E.column("gives_up", "Gives up its must have", 28, True),
               E.column("overridden", "Accepts what it said it cannot", 36, True),
               E.column("without_preference", "Does without its preference", 28, True),
               E.column("concedes", "In words", 50, True)])


def _readiness_sheets(workbook, n: Negotiation) -> None:
    bands = n.bands
    E.table_sheet(workbook, READINESS_SHEET,
           "Per ingredient, every answer counted (1 strongly disagree ... 5 strongly agree); "
           "n counts the scored answers (Don't know apart). Bands on the mean: strength "
           f"≥ {bands.strength:g}, discuss {bands.discuss:g} to under {bands.strength:g}, "
           f"concern < {bands.discuss:g}. Read the counts, not the mean alone.",
           readiness_table(n), [
               E.column("ingredient", "Ingredient", 34, True),
               *(E.column(level, f"{level} {R.LEVEL_MEANINGS[level].lower()}", 11, True)
                 for level in R.LEVELS[:5]),
               E.column("dont_know", "Don't know", 9),
               E.column("low", "1-2", 7), E.column("high", "4-5", 7), E.column("n", "n", 6),
               E.column("mean", "Mean", 8, number_format="0.0"), E.column("band", "Band", 12)])
    E.table_sheet(workbook, MOMENTS_SHEET,
           "Opportunity moments the umbrella could use, soonest first: the event, its date, "
           "why it matters and who acts.", n.moments, [
               E.column("date", "Date", 12), E.column("event", "Event", 36, True),
               E.column("why_it_matters", "Why it matters", 44, True),
               E.column("who_acts", "Who acts", 24, True), E.column("noted_by", "Noted by", 16),
               E.column("noted_at", "Noted at (UTC)", 22)])


# --- files and the command ---------------------------------------------------------------

@dataclass(frozen=True)
class Exported:
    """The files written, and what could not be made (the charter's PDF without LibreOffice)."""
    files: list[Path]
    notes: list[str]


def export_umbrella(db: str | Path, out_dir: str | Path, community: Community,
                    date: datetime.date | None = None, round_id: int | None = None,
                    charter: bool = True, pdf: bool = True) -> Exported:
    """Write the workbook, the charts (PNG and SVG) and, unless told not to, the draft
    charter (.docx, and its PDF when LibreOffice is here)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    n = negotiation(db, community, round_id)
    written = [_write(out / UMBRELLA_FILE, umbrella_workbook(db, community, read=n))]
    written += write_charts(db, out, community, date, read=n)
    notes: list[str] = []
    if charter:
        from .tasks.umbrella import charter as C
        docx = C.write_charter(db, out / CHARTER_FILE, community.name or None)
        written.append(docx)
        if pdf:
            try:
                written.append(C.charter_pdf(docx))
            except (C.OfficeMissing, C.PdfFailed) as problem:
                notes.append(f"No PDF of the charter: {problem}")
    return Exported(written, notes)


def write_charts(db: str | Path, out: Path, community: Community,
                 date: datetime.date | None = None, round_id: int | None = None,
                 read: Negotiation | None = None) -> list[Path]:
    handout = E.Handout(community=community.name, date=date)
    written = []
    for stem, chart in umbrella_charts(db, community, round_id, read).items():
        written.append(_write(out / f"{stem}.png", E.chart_png(chart, handout=handout)))
        written.append(_write(out / f"{stem}.svg",
                              E.chart_svg(chart, handout=handout).encode("utf-8")))
    return written


def umbrella_charts(db: str | Path, community: Community, round_id: int | None = None,
                    read: Negotiation | None = None) -> dict[str, object]:
    """file stem -> notebook 4's chart of it: the agreement map of the round shown, the
    readiness answers, and (from the second round on) the movement into the round shown."""
    from . import umbrella_figures as F  # altair: loaded only when charts are drawn
    n = read if read is not None else negotiation(db, community, round_id)
    shown = f", round {n.round_id}" if n.round_id is not None else ""
    charts = {
        "agreement-map": F.agreement_chart(n.stances, n.options, n.coalitions, n.per_option,
                                           title=f"Agreement map{shown}"),
        "readiness": F.readiness_chart(n.readiness, n.bands, leaders=n.leaders),
    }
    earlier = [r for r in n.rounds if n.round_id is not None and r < n.round_id]
    if earlier:
        charts["movement"] = F.movement_chart(T.movement(db, earlier[-1], n.round_id),
                                              earlier[-1], n.round_id,
                                              parameters=list(O.PARAMETERS))
    return charts


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def umbrella_command(db: Path, out: Path, community: Community, round_id: int | None = None,
                     charter: bool = True, pdf: bool = True) -> int:
    if not Path(db).is_file():
        print(f"No database at {db}: build it with `python -m workbook load`.", file=sys.stderr)
        return 2
    if round_id is not None and round_id not in T.rounds(db):
        known = ", ".join(map(str, T.rounds(db))) or "none yet"
        print(f"There is no round {round_id} of stances (rounds: {known}).", file=sys.stderr)
        return 2
    exported = export_umbrella(db, out, community, round_id=round_id, charter=charter,
                               pdf=pdf)
    written = exported.files
    for note in exported.notes:
        print(note, file=sys.stderr)
    print(f"Wrote {counted(len(written), 'file')} to {out}:")
    for path in written:
        print(f"  {path.name}")
    return 0
