"""Notebook 4's negotiation panels: stances by round with live entry (the facilitator
enters a coalition's stances as it speaks) and the agreement map with who can live with each
option and who blocks. The set closest to consensus and deciding are in ``umbrella_decide``.
A second laptop sees new stances and decisions through ``live``'s watcher."""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import schema as S
from ..decisions import plain_key
from ..tasks.umbrella import agreement as A
from ..tasks.umbrella import options as O
from ..tasks.umbrella import roll
from ..tasks.umbrella import stances as T
from ..numbers_text import counted
from ..umbrella_figures import agreement_chart, movement_chart
from ..workspace import Workspace
from . import charts, live
from .blocks import Panel, message
from .downloads import chart_downloads
from .inventory import table_html
from .umbrella import STYLE, UMBRELLA_CSS, coalition_names, said

NONE = "—"
STANCE_CHOICES = [(NONE, ""), *((s, s) for s in S.STANCES)]
LATEST = "latest"


class Room:
    """What every negotiation panel reads: the options offered and the stance form."""

    def __init__(self, workspace: Workspace):
        self.workspace, self.db = workspace, workspace.db
        self.lists = O.option_lists(workspace.community, workspace.db)
        self.options = self.lists.table
        self.form = T.stance_form(self.lists, register=False)
        self.titles = {name: p.title for name, p in O.PARAMETERS.items()}

    def stances(self, round_id: int | None = None) -> pd.DataFrame:
        if not T.rounds(self.db):
            return pd.DataFrame(columns=T.STANCE_COLUMNS)
        return T.stances(self.db, round_id)

    def coalitions(self, stances: pd.DataFrame) -> list[str]:
        """Everyone at the table (given a code, or answered in any round), as the handout
        counts them: a coalition silent in this round is not taken as consent."""
        at_table = {plain_key(name): name for name in roll.coalitions(self.db)}
        for name in stances["coalition"]:
            at_table.setdefault(plain_key(name), name)
        return sorted(at_table.values(), key=str.casefold)


def _round_text(db) -> str:
    known = T.rounds(db)
    if not known:
        return "No round open yet: the first stance recorded opens round 1."
    return f"Round {known[-1]} is open ({len(known)} round{'s' if len(known) > 1 else ''} kept)."


# --- stances by round, entered live -------------------------------------------------------

def stances_panel(workspace: Workspace) -> Panel:
    """Enter a coalition's stances on one parameter as it speaks; open the next round after
    discussion; see how stances moved since the round before."""
    room = Room(workspace)
    db = room.db
    watcher = live.watcher(db)
    rounds_said, who_said, outcome = widgets.HTML(), widgets.HTML(), widgets.HTML()
    next_round = widgets.Button(description="Open the next round (retake stances)",
                                layout=widgets.Layout(width="auto"))
    coalition = widgets.Combobox(options=coalition_names(db), description="Coalition",
                                 placeholder="Pick or type the coalition speaking",
                                 ensure_option=False, style=STYLE,
                                 layout=widgets.Layout(width="640px"))
    parameter = widgets.Dropdown(options=[(room.titles[p], p) for p in room.lists.parameters],
                                 description="Parameter", style=STYLE,
                                 layout=widgets.Layout(width="640px"))
    rows = widgets.VBox()
    record = widgets.Button(description="Record these stances", button_style="primary",
                            layout=widgets.Layout(width="auto"))
    movement_box = widgets.Box()
    state: dict = {"entries": {}}

    def fill(*_ignored) -> None:
        """One line per option of the parameter, filled with what the coalition said last
        (this round, else the round before: retaking a stance starts from the last one)."""
        given = _last_said(db, coalition.value.strip())
        lines, entries = [], {}
        for option in room.lists.options(parameter.value):
            stance, reason = given.get((parameter.value, option), ("", ""))
            choice = widgets.Dropdown(options=STANCE_CHOICES, value=stance or "",
                                      description=option, style={"description_width": "300px"},
                                      layout=widgets.Layout(width="520px"))
            why = widgets.Text(value=reason or "", placeholder="why (needed for a block)",
                               layout=widgets.Layout(width="420px"))
            entries[option] = (choice, why)
            lines.append(widgets.HBox([choice, why]))
        state["entries"] = entries
        rows.children = lines

    def save(_button=None) -> None:
        name = coalition.value.strip()
        if not name:
            outcome.value = said("Pick the coalition that is speaking first.", error=True)
            return
        given = {(parameter.value, option): (choice.value, why.value.strip() or None)
                 for option, (choice, why) in state["entries"].items() if choice.value}
        if not given:
            outcome.value = said("Choose a stance for at least one option.", error=True)
            return
        result = T.enter_live(db, room.form, name, given, workspace.community, by=live.BY)
        if not result.stored:
            outcome.value = "".join(said(f"{p.message} {p.fix}", error=True)
                                    for p in result.problems)
            return
        notes = "".join(said(f"{p.message} {p.fix}", error=True) for p in result.problems
                        if p.severity != "error")
        outcome.value = said(
            f"Recorded {counted(len(given), 'stance')} of {result.coalition} on "
            f"{room.titles[parameter.value]}, round {T.current_round(db)}.") + notes
        watcher.tell()

    def open_next(_button=None) -> None:
        T.open_round(db, live.BY)
        watcher.tell()

    def show() -> None:
        rounds_said.value = f'<div class="wb-page"><b>{html.escape(_round_text(db))}</b></div>'
        current = room.stances()
        names = coalition_names(db)
        if list(coalition.options) != names:
            coalition.options = names
        spoken = room.coalitions(current)
        who_said.value = ('<div class="wb-page">' + (
            f"{counted(len(spoken), 'coalition')} gave stances this round: "
            + html.escape(", ".join(spoken)) if spoken else "No stances yet this round.")
            + "</div>")
        _show_movement(room, movement_box, state)

    coalition.observe(fill, "value")
    parameter.observe(fill, "value")
    record.on_click(save)
    next_round.on_click(open_next)
    watcher.listen(show)
    fill()
    show()
    return Panel([widgets.HTML(UMBRELLA_CSS), rounds_said, who_said, next_round,
                  widgets.HTML("<h3>Record a coalition's stances as it speaks</h3>"),
                  coalition, parameter, rows, record, outcome,
                  widgets.HTML("<h3>Movement since the round before</h3>"), movement_box],
                 data=lambda: {"stances": room.stances(),
                               "movement": state.get("movement", pd.DataFrame())},
                 choices=lambda: {"coalition": coalition.value, "parameter": parameter.value})


def _last_said(db, coalition: str) -> dict[tuple[str, str], tuple[str, str]]:
    if not coalition or not T.rounds(db):
        return {}
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for round_id in T.rounds(db)[-2:]:  # the round before, overwritten by this one
        frame = T.stances(db, round_id)
        mine = frame[frame["coalition"].str.casefold() == coalition.casefold()]
        for r in mine.itertuples():
            found[(r.parameter, r.option)] = (r.stance, r.reason if isinstance(r.reason, str)
                                              else "")
    return found


def _show_movement(room: Room, box: widgets.Box, state: dict) -> None:
    known = T.rounds(room.db)
    if len(known) < 2:
        box.children = (message("Movement shows once a second round is open."),)
        return
    before, after = known[-2], known[-1]
    moved = T.movement(room.db, before, after)
    state["movement"] = moved
    figure = movement_chart(moved, before, after, room.lists.parameters)
    if "movement_chart" in state:
        charts.redraw(state["movement_chart"], figure)
    else:
        state["movement_chart"] = charts.chart_widget(figure)
    box.children = (state["movement_chart"],)


# --- the agreement map --------------------------------------------------------------------

def agreement_panel(workspace: Workspace) -> Panel:
    """The map of a round (the latest by default) and, per option, how many can live with it,
    who blocks and why, and whether all accept it."""
    room = Room(workspace)
    watcher = live.watcher(room.db)
    which = widgets.Dropdown(description="Round", style=STYLE,
                             layout=widgets.Layout(width="360px"))
    tiles, table = widgets.HTML(), widgets.HTML()
    chart_box = widgets.Box()
    state: dict = {}
    download = chart_downloads(lambda: state["figure"], "agreement-map",
                               workspace.community.name)

    def rounds_now() -> None:
        known = T.rounds(room.db)
        options = [(f"Latest (round {known[-1]})" if known else "Latest", LATEST),
                   *((f"Round {r}", r) for r in known)]
        if list(which.options) != options:
            keep = which.value if which.value in [v for _l, v in options] else LATEST
            which.options = options
            which.value = keep

    def redraw(*_ignored) -> None:
        download.withdraw()
        round_id = None if which.value in (None, LATEST) else which.value
        stances = room.stances(round_id)
        names = room.coalitions(stances)
        per = A.per_option(stances, room.options, names)
        figure = agreement_chart(stances, room.options, names, per,
                                 title=_map_title(room.db, round_id))
        state.update(stances=stances, per_option=per, figure=figure)
        if "chart" in state:
            charts.redraw(state["chart"], figure)
        else:
            state["chart"] = charts.chart_widget(figure)
        chart_box.children = (state["chart"],)
        tiles.value = _tiles(per, names)
        table.value = _per_option_html(per)

    def show() -> None:
        rounds_now()
        redraw()

    which.observe(redraw, "value")
    watcher.listen(show)
    show()
    return Panel([widgets.HTML(UMBRELLA_CSS), which, tiles, chart_box, download,
                  widgets.HTML("<h3>Per option: who can live with it, who blocks and why</h3>"),
                  table],
                 data=lambda: {"stances": state["stances"], "per_option": state["per_option"]},
                 choices=lambda: {"round": which.value})


def _map_title(db, round_id) -> str:
    shown = round_id if round_id is not None else T.current_round(db)
    return f"Agreement map, round {shown}" if shown else "Agreement map"


def _tiles(per: pd.DataFrame, names: list[str]) -> str:
    numbers = ((len(names), "coalitions gave stances"),
               (int(per["accepted_by_all"].sum()), "options all can live with"),
               (int((per["blocks"] > 0).sum()), "options someone blocks"))
    return ('<div class="wb-page"><div class="wb-numbers">' + "".join(
        f'<div class="wb-number"><b>{n}</b>{html.escape(label)}</div>' for n, label in numbers)
        + "</div></div>")


def _per_option_html(per: pd.DataFrame) -> str:
    if per.empty or not int(per["coalitions"].max() or 0):
        return '<div class="wb-page"><p>No stances in this round yet.</p></div>'
    frame = pd.DataFrame({
        "parameter": per["parameter_title"], "option": per["option"],
        "can live with it": [f"{c} of {n}" for c, n in zip(per["can_live"], per["coalitions"])],
        "must have / prefer": per["support"],
        "blocks: who and why": ["; ".join(b) for b in per["blockers"]],
        "not said": per["no_stance"],
        "accepted by all": ["✔ yes" if a else "no" for a in per["accepted_by_all"]]})
    return f'<div class="wb-page wb-scroll">{table_html(frame)}</div>'
