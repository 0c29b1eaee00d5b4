"""Notebook 4's closing panels: per parameter the set closest to consensus with what each
coalition would concede, like-minded groups (with their caveats), and deciding an option into
the decision log with its rule, round, dissent and who recorded it."""
from __future__ import annotations

import html
from typing import Callable

import ipywidgets as widgets
import pandas as pd

from .. import decisions as D
from .. import schema as S
from ..tasks.umbrella import agreement as A
from ..tasks.umbrella import charter as C
from ..tasks.umbrella import stances as T
from ..numbers_text import counted
from ..workspace import Workspace
from . import live
from .blocks import Panel
from .inventory import table_html
from .umbrella import STYLE, UMBRELLA_CSS, said
from .umbrella_map import Room


# --- closest to consensus, like-minded groups ------------------------------------------------

def consensus_panel(workspace: Workspace) -> Panel:
    """Per parameter the options closest to consensus in the latest round, what each
    coalition concedes under them, and the coalitions that think alike (with caveats)."""
    room = Room(workspace)
    watcher = live.watcher(room.db)
    sets_box, concessions_box, groups_box = widgets.HTML(), widgets.HTML(), widgets.HTML()
    state: dict = {}

    def show() -> None:
        stances = room.stances()
        names = room.coalitions(stances)
        found = A.closest_to_consensus(stances, room.options, names)
        groups = A.like_minded(stances, names)
        state.update(sets=found.sets, concessions=found.concessions, groups=groups)
        sets_box.value = _sets_html(found.sets)
        conceded = found.concessions[found.concessions["concedes"] != "nothing"]
        shown = pd.DataFrame({"parameter": conceded["parameter"].map(room.titles),
                              "coalition": conceded["coalition"],
                              "would concede": conceded["concedes"]})
        concessions_box.value = ('<div class="wb-page wb-scroll">' + (
            table_html(shown) if len(shown) else "<p>Nobody concedes anything under these "
                                                 "options.</p>") + "</div>")
        groups_box.value = _groups_html(groups)

    watcher.listen(show)
    show()
    return Panel([widgets.HTML(UMBRELLA_CSS), sets_box,
                  widgets.HTML("<h3>What each coalition would concede</h3>"), concessions_box,
                  widgets.HTML("<h3>Coalitions that think alike</h3>"), groups_box],
                 data=lambda: {"sets": state["sets"], "concessions": state["concessions"],
                               "groups": state["groups"]})


def _sets_html(sets: pd.DataFrame) -> str:
    if sets.empty or not any(len(o) for o in sets["options"]):
        return '<div class="wb-page"><p>No stances yet: nothing is close to consensus.</p></div>'
    lines = []
    for r in sets.itertuples():
        options = ", ".join(r.options) or "nothing yet (no stances)"
        state = ("accepted by all" if r.accepted_by_all else
                 f"{counted(r.blocks_left, 'block')} left" if r.blocks_left else
                 "nobody blocks" + (f"; {counted(r.silent, 'coalition')} not heard"
                                    if r.silent else ""))
        css = "wb-agreed" if r.accepted_by_all else ("wb-block" if r.blocks_left else "")
        lines.append(f'<li class="{css}"><b>{html.escape(r.parameter_title)}</b>: '
                     f"{html.escape(options)} <i>({html.escape(state)})</i></li>")
    return f'<div class="wb-page"><ul>{"".join(lines)}</ul></div>'


def _groups_html(groups: pd.DataFrame) -> str:
    caveats = "".join(f"<li>{html.escape(c)}</li>" for c in A.CLUSTER_CAVEATS)
    if groups.empty:
        body = "<p>No stances yet.</p>"
    else:
        body = "<ul>" + "".join(
            f"<li><b>Group {number}</b> ({len(members)}): "
            f"{html.escape(', '.join(members['coalition']))}</li>"
            for number, members in groups.groupby("group")) + "</ul>"
    return (f'<div class="wb-page">{body}<div class="wb-message"><b>Read with care:</b>'
            f"<ul>{caveats}</ul></div></div>")


# --- deciding an option -------------------------------------------------------------------

def decide_panel(workspace: Workspace) -> Panel:
    """Record what the room agreed for a parameter, with the rule used, the round and the
    dissent (the blocks on the agreed options that round), into the decision log."""
    room = Room(workspace)
    db = room.db
    watcher = live.watcher(db)
    parameter = widgets.Dropdown(options=[(room.titles[p], p) for p in room.lists.parameters],
                                 description="Parameter", style=STYLE,
                                 layout=widgets.Layout(width="640px"))
    chosen = widgets.SelectMultiple(description="Agreed options", rows=6, style=STYLE,
                                    layout=widgets.Layout(width="640px"))
    rule = widgets.Dropdown(options=room.lists.options("decision_rule"),
                            description="Decision rule used", style=STYLE,
                            layout=widgets.Layout(width="640px"))
    rationale = widgets.Textarea(description="Rationale", placeholder="Why (optional)",
                                 style=STYLE, layout=widgets.Layout(width="95%", height="60px"))
    dissent, outcome, decided = widgets.HTML(), widgets.HTML(), widgets.VBox()
    record = widgets.Button(description="Record the agreement", button_style="success",
                            layout=widgets.Layout(width="auto"))
    state: dict = {}

    def offer(*_ignored) -> None:
        options = room.lists.options(parameter.value)
        chosen.options = options
        stances = room.stances()
        found = A.closest_to_consensus(stances, room.options, room.coalitions(stances))
        closest = found.sets.loc[found.sets["parameter"] == parameter.value, "options"]
        proposed = list(closest.iloc[0]) if len(closest) else []
        # One option closest to consensus is proposed; several are the room's to choose from.
        chosen.value = tuple(proposed) if len(proposed) == 1 and proposed[0] in options else ()

    def show_dissent(*_ignored) -> None:
        if not chosen.value:
            dissent.value = ('<div class="wb-page">Pick the option or options the room agreed; any '
                             "block on them this round is noted as dissent.</div>")
            return
        stances = room.stances()
        blocked = stances[(stances["parameter"] == parameter.value)
                          & stances["option"].isin(chosen.value)
                          & (stances["stance"] == S.CANNOT_ACCEPT)]
        dissent.value = ('<div class="wb-page">' + ("Dissent that will be noted: " + "; ".join(
            html.escape(f"{c} on {o}: {r}" if isinstance(r, str) and r else f"{c} on {o}")
            for c, o, r in zip(blocked["coalition"], blocked["option"], blocked["reason"]))
            if len(blocked) else "No coalition blocks what was chosen, this round.")
            + "</div>")

    def save(_button=None) -> None:
        round_id = T.current_round(db)
        if round_id is None:
            outcome.value = said("Record stances first: a decision names its round.", error=True)
            return
        if not chosen.value:
            outcome.value = said("Pick the option or options the room agreed.", error=True)
            return
        try:
            number = A.record_agreed(db, parameter.value, list(chosen.value), rule.value,
                                     round_id, live.BY, stances=room.stances(round_id),
                                     rationale=rationale.value.strip())
        except (D.DecisionError, D.DecisionLogBusy) as problem:
            outcome.value = said(str(problem), error=True)
            return
        outcome.value = said(f"Recorded as decision #{number}: {room.titles[parameter.value]} "
                             f"= {'; '.join(chosen.value)} ({rule.value}, round {round_id}).")
        rationale.value = ""
        watcher.tell()

    def undo(entry: D.Entry) -> None:
        """Withdraw a recorded agreement: a new entry in the log, the old one kept."""
        try:
            D.withdraw(db, entry.entry_id, live.BY, rationale.value.strip())
        except (D.DecisionError, D.DecisionLogBusy) as problem:
            outcome.value = said(str(problem), error=True)
            return
        title = next(s.label for s in entry.subjects if s.kind == "umbrella_parameter")
        outcome.value = said(f"Decision #{entry.entry_id} withdrawn: {title} is to be "
                             "decided again (the log keeps both entries).")
        rationale.value = ""
        watcher.tell()

    def show() -> None:
        entries = D.entries(db)
        agreed = C.agreed_options(entries)
        state["agreed"] = agreed
        decided.children = _decided_rows(agreed, room, undo)
        show_dissent()

    parameter.observe(offer, "value")
    parameter.observe(show_dissent, "value")
    chosen.observe(show_dissent, "value")
    record.on_click(save)
    watcher.listen(show)
    offer()
    show()
    return Panel([widgets.HTML(UMBRELLA_CSS), decided,
                  widgets.HTML("<h3>Record an agreement</h3>"), parameter, chosen, rule,
                  rationale, dissent, record, outcome],
                 data=lambda: {"agreed": pd.DataFrame(
                     [{"parameter": p, "value": e.value, **e.details, "by": e.by}
                      for p, e in state["agreed"].items()])},
                 choices=lambda: {"parameter": parameter.value, "options": list(chosen.value),
                                  "rule": rule.value})


def _decided_rows(agreed: dict[str, D.Entry], room: Room,
                  undo: Callable[[D.Entry], None]) -> list[widgets.Widget]:
    """"Agreed so far": a line per parameter, and beside each recorded agreement an Undo
    that withdraws it (the rationale box, if filled, says why)."""
    rows: list[widgets.Widget] = [widgets.HTML('<div class="wb-page"><h3>Agreed so far</h3>'
                                               "</div>")]
    for title in (room.titles[p] for p in room.lists.parameters):
        entry = agreed.get(title)
        if entry is None:
            rows.append(widgets.HTML(f'<div class="wb-page wb-line">{html.escape(title)}: '
                                     f"<i>{C.TO_BE_DECIDED}</i></div>"))
            continue
        button = widgets.Button(description="Undo", tooltip=f"Withdraw decision "
                                f"#{entry.entry_id} ({title}); it stays in the log",
                                layout=widgets.Layout(width="auto", flex="0 0 auto"))
        button.on_click(lambda _b, entry=entry: undo(entry))
        rows.append(widgets.HBox([widgets.HTML(_agreed_line(title, entry),
                                               layout=widgets.Layout(flex="1 1 auto")),
                                  button], layout=widgets.Layout(align_items="center")))
    return rows


def _agreed_line(title: str, entry: D.Entry) -> str:
    d = entry.details
    dissent = "; ".join(d.get("dissent") or []) or "none"
    return (f'<div class="wb-page wb-line wb-agreed"><b>{html.escape(title)}: '
            f"{html.escape(entry.value or '')}</b> — "
            f"{html.escape(str(d.get('decision_rule')))}, "
            f"round {d.get('round')}, dissent: {html.escape(dissent)}, recorded by "
            f"{html.escape(entry.by)} (#{entry.entry_id})</div>")

