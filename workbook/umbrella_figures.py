"""Task 4's charts, as plain Altair under the project's theme: the agreement map (parameter x
option x coalition), the readiness distributions per ingredient, and the movement between two
rounds of stances. Notebook 4 draws them live; ``umbrella_export`` turns the same ones into PNG
and SVG handouts.

Colour is never the only carrier: every stance has its word in the legend and a letter in its
square (a block is a cross), every readiness bar has n and its band written beside it.
"""
from __future__ import annotations

from typing import Sequence

import altair as alt
import pandas as pd

from . import figures
from . import schema as S
from .tasks.umbrella import agreement as A
from .tasks.umbrella import readiness as R
from .tasks.umbrella import stances as T

# Okabe-Ito blues for the stances that can live with an option, vermillion for a block.
STANCE_COLOURS = {"Must have": "#0072B2", "Prefer": "#56B4E9", "Can accept": "#BFE0F2",
                  S.CANNOT_ACCEPT: "#D55E00"}
NO_STANCE_LABEL = "No stance yet"
STANCE_MARKS = {"Must have": "M", "Prefer": "P", "Can accept": "A", S.CANNOT_ACCEPT: "✕",
                NO_STANCE_LABEL: ""}
# Dark letters on light squares, white on dark ones.
MARK_ON_DARK = {"Must have", S.CANNOT_ACCEPT}
CAN_LIVE_COLUMN, BLOCKS_COLUMN = "Can live with it", "Blocks"
CELL = 30  # px a square: 8 coalitions and two count columns fit 1280 px with long options
MAP_WIDTH_MAX = 900


def stance_legend_labels() -> list[str]:
    """The legend's entries in words: 'M  Must have', ... '✕  Cannot accept'."""
    return [f"{STANCE_MARKS[s]}  {s}" if STANCE_MARKS[s] else s
            for s in (*S.STANCES, NO_STANCE_LABEL)]


def agreement_frame(stances: pd.DataFrame, options: pd.DataFrame,
                    coalitions: Sequence[str] | None = None,
                    table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (option, column): a coalition's stance, or a count column's figure.

    Columns: parameter_title, option, order (as offered), column, kind ("stance"/"count"),
    stance (legend entry), mark (the letter in the square), reason, blocked (someone blocks
    the option)."""
    names = list(coalitions) if coalitions is not None else sorted(set(stances["coalition"]))
    table = table if table is not None else A.per_option(stances, options, names)
    offered = options[["parameter", "parameter_title", "option"]].reset_index(drop=True)
    offered["order"] = range(len(offered))
    grid = offered.merge(pd.DataFrame({"column": names}), how="cross")
    given = stances[stances["coalition"].isin(names)].rename(columns={"coalition": "column"})
    grid = grid.merge(given[["parameter", "option", "column", "stance", "reason"]],
                      on=["parameter", "option", "column"], how="left")
    grid["stance"] = grid["stance"].fillna(NO_STANCE_LABEL)
    grid["reason"] = grid["reason"].fillna("")
    legend = dict(zip((*S.STANCES, NO_STANCE_LABEL), stance_legend_labels()))
    grid["mark"] = grid["stance"].map(STANCE_MARKS)
    grid["dark"] = grid["stance"].isin(MARK_ON_DARK)
    grid["stance"] = grid["stance"].map(legend)
    grid["kind"] = "stance"
    counts = table[["parameter", "option", "can_live", "blocks", "coalitions"]].merge(
        offered, on=["parameter", "option"])
    count_rows = []
    for row in counts.itertuples(index=False):
        common = {"parameter": row.parameter, "parameter_title": row.parameter_title,
                  "option": row.option, "order": row.order, "kind": "count", "stance": "",
                  "reason": "", "dark": False}
        count_rows.append({**common, "column": CAN_LIVE_COLUMN,
                           "mark": f"{row.can_live} of {row.coalitions}"})
        count_rows.append({**common, "column": BLOCKS_COLUMN,
                           "mark": f"{row.blocks} ✕" if row.blocks else "0"})
    frame = pd.concat([grid, pd.DataFrame(count_rows, columns=grid.columns)],
                      ignore_index=True)
    blocked = set(zip(table.loc[table["blocks"] > 0, "parameter"],
                      table.loc[table["blocks"] > 0, "option"]))
    frame["blocked"] = [(p, o) in blocked for p, o in zip(frame["parameter"], frame["option"])]
    return frame


def agreement_chart(stances: pd.DataFrame, options: pd.DataFrame,
                    coalitions: Sequence[str] | None = None, table: pd.DataFrame | None = None,
                    title: str = "Agreement map", scope: str = "") -> alt.TopLevelMixin:
    """Parameter x option x coalition: one square per stance (colour and letter), a block
    as a vermillion cross; beside each option how many can live with it and how many block.
    One panel per parameter, in the order offered."""
    if options.empty:
        return figures.empty_chart("No options offered yet: nothing to map.", title, scope)
    names = list(coalitions) if coalitions is not None else sorted(set(stances["coalition"]))
    if not names:
        return figures.empty_chart("No coalition has given a stance yet: record one to "
                                   "draw the map.", title, scope)
    frame = agreement_frame(stances, options, names, table)
    columns = [*names, CAN_LIVE_COLUMN, BLOCKS_COLUMN]
    x = alt.X("column:N", title=None, sort=columns, scale=alt.Scale(domain=columns),
              axis=alt.Axis(orient="top", labelAngle=-40, labelLimit=380))
    y = alt.Y("option:N", title=None, sort=alt.EncodingSortField("order"),
              axis=alt.Axis(labelLimit=260))
    legend = stance_legend_labels()
    colour = alt.Color("stance:N", title="Stance", scale=alt.Scale(
        domain=legend, range=[*(STANCE_COLOURS[s] for s in S.STANCES), figures.EMPTY_FILL]),
        legend=alt.Legend(orient="bottom", columns=3, symbolType="square", symbolSize=300,
                          labelLimit=260))
    tooltip = [alt.Tooltip("parameter_title:N", title="Parameter"),
               alt.Tooltip("option:N", title="Option"),
               alt.Tooltip("column:N", title="Coalition"),
               alt.Tooltip("stance:N", title="Stance"),
               alt.Tooltip("reason:N", title="Why")]
    squares = alt.Chart().mark_rect(stroke="white", strokeWidth=2).encode(
        x=x, y=y, color=colour, tooltip=tooltip).transform_filter(alt.datum.kind == "stance")
    letters = alt.Chart().mark_text(fontSize=figures.FONT_SIZE - 2, fontWeight="bold").encode(
        x=x, y=y, text="mark:N",
        color=alt.condition(alt.datum.dark, alt.value("white"), alt.value("#222222"))
    ).transform_filter(alt.datum.kind == "stance")
    counts = alt.Chart().mark_text(fontSize=figures.FONT_SIZE - 2, fontWeight="bold").encode(
        x=x, y=y, text="mark:N",
        color=alt.condition(alt.datum.blocked, alt.value(figures.GAP_COLOUR),
                            alt.value("#222222")),
    ).transform_filter(alt.datum.kind == "count")
    width = min(MAP_WIDTH_MAX, CELL * len(names) + 2 * 110)
    parameters = list(dict.fromkeys(options["parameter_title"]))
    layered = alt.layer(squares, letters, counts).properties(width=width,
                                                             height=alt.Step(CELL))
    # Title and resolve given to facet() itself, the data last: each later chart method
    # copies the whole spec, data frame included, which cost most of a redraw.
    return layered.facet(
        data=frame, row=alt.Row("parameter_title:N", title=None, sort=parameters,
                                header=alt.Header(labelAngle=0, labelAlign="left",
                                                  labelAnchor="start", labelOrient="top",
                                                  labelFontWeight="bold",
                                                  labelFontSize=figures.FONT_SIZE + 2)),
        spacing=14, resolve=alt.Resolve(scale=alt.ScaleResolveMap(y="independent")),
        title=figures._titled(title, scope or _map_subtitle(frame, names)))


def _map_subtitle(frame: pd.DataFrame, names: Sequence[str]) -> str:
    blocked = frame.loc[frame["kind"] == "count", ["parameter", "option", "blocked"]]
    options_blocked = int(blocked.drop_duplicates(["parameter", "option"])["blocked"].sum())
    return (f"{len(names)} coalitions · {options_blocked} option"
            f"{'' if options_blocked == 1 else 's'} blocked by someone (✕, count in vermillion)")


# --- readiness ---------------------------------------------------------------------------

LEVEL_COLOURS = {"1": "#D55E00", "2": "#E69F00", "3": "#BBBBBB", "4": "#56B4E9", "5": "#0072B2",
                 R.DONT_KNOW: "#FFFFFF"}
LEVEL_LABELS = {level: (f"{level} {R.LEVEL_MEANINGS[level].lower()}" if level != R.DONT_KNOW
                        else R.DONT_KNOW) for level in R.LEVELS}
BAND_WORDS = {"strength": "strength", "discuss": "to discuss", "concern": "concern",
              "no answers": "no answers yet"}


def readiness_frame(results: pd.DataFrame) -> pd.DataFrame:
    """Long form of ``readiness.results_by_ingredient``: ingredient, level, answers, start and
    end of its piece of the bar (1 at the left ... don't know at the right)."""
    rows = []
    for record in results.to_dict("records"):
        start = 0
        for level in R.LEVELS:
            answers = int(record["dont_know"] if level == R.DONT_KNOW else record[level])
            rows.append({"ingredient": record["ingredient"], "level": LEVEL_LABELS[level],
                         "answers": answers, "start": start, "end": start + answers})
            start += answers
    return pd.DataFrame(rows, columns=["ingredient", "level", "answers", "start", "end"])


def readiness_label(record: dict, bands: R.Bands = R.Bands()) -> str:
    """What is written beside a bar: n, the band and the mean it rests on, and don't knows."""
    if not record["n"]:
        return "n = 0 · no answers yet"
    label = (f"n = {record['n']} · {BAND_WORDS.get(record['band'], record['band'])} "
             f"(mean {record['mean']:.1f})")
    return label + (f" · {record['dont_know']} don't know" if record["dont_know"] else "")


def readiness_chart(results: pd.DataFrame, bands: R.Bands = R.Bands(), leaders: int | None = None,
                    title: str = "Readiness: how ready are we to align?",
                    scope: str = "") -> alt.TopLevelMixin:
    """Per ingredient, every answer (1 ... 5, don't know) as a stacked bar, with n and the
    band written beside it; the bands are said in the subtitle."""
    if results.empty or not int(results["n"].sum() + results["dont_know"].sum()):
        return figures.empty_chart("No readiness answers yet: leaders fill the readiness "
                                   "check (Excel form or the room's web form).", title, scope)
    frame = readiness_frame(results)
    ingredients = list(results["ingredient"])
    labels = pd.DataFrame({"ingredient": ingredients,
                           "label": [readiness_label(r, bands) for r in results.to_dict("records")],
                           "end": [int(r["n"] + r["dont_know"]) for r in
                                   results.to_dict("records")]})
    y = alt.Y("ingredient:N", title=None, sort=ingredients, axis=alt.Axis(labelLimit=330))
    most = int(labels["end"].max())
    x_scale = alt.Scale(domain=[0, most * 1.9])  # room on the right for the label
    levels = [LEVEL_LABELS[level] for level in R.LEVELS]
    bars = alt.Chart(frame).transform_filter(alt.datum.answers > 0).mark_bar(
        stroke="#666666", strokeWidth=1, height=26).encode(
        x=alt.X("start:Q", title="Answers (every statement of the ingredient)",
                scale=x_scale, axis=alt.Axis(tickMinStep=1, format="d", values=_ticks(most))),
        x2="end:Q", y=y,
        color=alt.Color("level:N", title="Answer", scale=alt.Scale(
            domain=levels, range=[LEVEL_COLOURS[level] for level in R.LEVELS]),
            legend=alt.Legend(orient="bottom", columns=3, symbolStrokeColor="#666666",
                              labelLimit=300)),
        tooltip=[alt.Tooltip("ingredient:N", title="Ingredient"),
                 alt.Tooltip("level:N", title="Answer"),
                 alt.Tooltip("answers:Q", title="How many")])
    text = alt.Chart(labels).mark_text(align="left", dx=10, fontSize=figures.FONT_SIZE).encode(
        x=alt.X("end:Q", scale=x_scale), y=y, text="label:N")
    who = f"{leaders} leaders answered · " if leaders is not None else ""
    subtitle = scope or (f"{who}bands on the mean of scored answers: strength ≥ "
                         f"{bands.strength:.1f}, to discuss ≥ {bands.discuss:.1f}, concern "
                         "below; don't know is not scored")
    return alt.layer(bars, text).properties(width=820, height=alt.Step(44),
                                            title=figures._titled(title, subtitle))


def _ticks(most: int) -> list[int]:
    step = max(1, round(most / 6))
    return list(range(0, most + 1, step))


# --- movement between rounds -------------------------------------------------------------

CHANGE_COLOURS = {"block lifted": "#009E73", "now blocks": "#D55E00", "stronger": "#0072B2",
                  "weaker": "#56B4E9", "unchanged": "#DDDDDD", "new": "#E69F00",
                  "dropped": "#CC79A7"}


def movement_chart(moved: pd.DataFrame, before: int, after: int,
                   parameters: Sequence[str] | None = None,
                   title: str | None = None, scope: str = "") -> alt.TopLevelMixin:
    """Per parameter, how many stances made each change from round *before* to *after*
    (``stances.movement``'s rows), the count written on each piece of the bar."""
    title = title or f"Movement from round {before} to round {after}"
    if moved.empty:
        return figures.empty_chart(f"No stances in round {before} or {after} to compare.",
                                   title, scope)
    titles = {p.name: p.title for p in S.UMBRELLA_PARAMETERS}
    counts = T.movement_counts(moved)
    order = [p for p in (parameters or titles) if p in counts.index] + [
        p for p in counts.index if p not in (parameters or titles)]
    rows = []
    for parameter in order:
        start = 0
        for change in T.CHANGES:
            n = int(counts.loc[parameter, change])
            if n:
                rows.append({"parameter": titles.get(parameter, parameter), "change": change,
                             "stances": n, "start": start, "end": start + n,
                             "middle": start + n / 2, "dark": change in ("now blocks",
                                                                         "stronger")})
            start += n
    frame = pd.DataFrame(rows)
    y = alt.Y("parameter:N", title=None, sort=[titles.get(p, p) for p in order],
              axis=alt.Axis(labelLimit=330))
    present = [c for c in T.CHANGES if c in set(frame["change"])]
    colour = alt.Color("change:N", title="Change", sort=present, scale=alt.Scale(
        domain=present, range=[CHANGE_COLOURS[c] for c in present]),
        legend=alt.Legend(orient="bottom", columns=4, symbolStrokeColor="#666666"))
    base = alt.Chart(frame).encode(y=y)
    bars = base.mark_bar(stroke="#666666", strokeWidth=1, height=28).encode(
        x=alt.X("start:Q", title="Stances"), x2="end:Q", color=colour,
        tooltip=[alt.Tooltip("parameter:N", title="Parameter"),
                 alt.Tooltip("change:N", title="Change"),
                 alt.Tooltip("stances:Q", title="Stances")])
    numbers = base.mark_text(fontSize=figures.FONT_SIZE - 2, fontWeight="bold").encode(
        x="middle:Q", text="stances:Q",
        color=alt.condition(alt.datum.dark, alt.value("white"), alt.value("#222222")))
    moved_blocks = int(counts["block lifted"].sum()) if "block lifted" in counts else 0
    subtitle = scope or (f"{int(counts.to_numpy().sum())} stances compared · "
                         f"{moved_blocks} blocks lifted · "
                         f"{int(counts['now blocks'].sum())} new blocks")
    return alt.layer(bars, numbers).properties(width=820, height=alt.Step(44),
                                               title=figures._titled(title, subtitle))
