"""A card that records the room's decision about a few goals or strategies.

The card lists its items (each ticked, with its coalition), the reason it is shown, a
wording box (the shared wording for combine, align and add), a rationale box and one
button per kind of decision. Below: what is in force now about these items, an undo
button (withdraw) and the history of revisions. Everything is written through
``workbook.decisions`` by ``live.BY``; the card only shows and calls.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Callable

import ipywidgets as widgets

from .. import decisions as D
from .errors import log_exception
from .live import BY

# Per kind of item: (decision kind, button label, needs a shared wording, what the shared
# subject is). "retire" and "stop" end items; the rest keep or join them.
GOAL_ACTIONS = (("combine", "Combine (shared wording)", True),
                ("keep_separate", "Keep separate", False),
                ("add", "Add a shared goal", True),
                ("retire", "Retire", False))
STRATEGY_ACTIONS = (("align", "Align", True),
                    ("combine", "Combine (shared wording)", True),
                    ("keep", "Keep", False),
                    ("add", "Add a shared strategy", True),
                    ("stop", "Stop", False))
ACTIONS = {"goal": GOAL_ACTIONS, "strategy": STRATEGY_ACTIONS}
SHARED = {"goal": "shared_goal", "strategy": "shared_strategy"}
NEEDS_TWO = {"combine", "keep_separate"}


@dataclass(frozen=True)
class Item:
    kind: str  # "goal" or "strategy"
    coalition: str
    text: str

    def subject(self) -> D.Subject:
        return D.subject(self.kind, self.coalition, self.text)


def decision_for(kind: str, action: str, items: list[Item], wording: str,
                 rationale: str, extra: dict | None = None) -> D.Decision:
    """The entry a button asks for; DecisionError (a plain message) if it cannot be."""
    if not items:
        raise D.DecisionError("Tick at least one item the decision is about.")
    if action in NEEDS_TWO and len(items) < 2:
        raise D.DecisionError(f"'{D.KINDS[action].title}' needs two or more items ticked.")
    wording = wording.strip()
    subjects = [item.subject() for item in items]
    value = None
    needs_wording = dict((a, w) for a, _label, w in ACTIONS[kind])[action]
    if needs_wording:
        if not wording and action != "align":
            raise D.DecisionError("Write the shared wording first, in the wording box.")
        if wording:
            subjects.append(D.subject(SHARED[kind], wording))
            value = wording
    return D.Decision(action, tuple(subjects), BY, value=value, rationale=rationale.strip(),
                      details={"coalitions": sorted({i.coalition for i in items}),
                               **(extra or {})})


def in_force_about(entries: list[D.Entry], keys: set[tuple[str, str]]) -> list[D.Entry]:
    return [e for e in entries if e.in_force and any((s.kind, s.key) in keys for s in e.subjects)]


def history_about(entries: list[D.Entry], keys: set[tuple[str, str]]) -> list[D.Entry]:
    """Every entry about these items, and the entries linked to them by revision."""
    by_id = {e.entry_id: e for e in entries}
    chosen = {e.entry_id for e in entries if any((s.kind, s.key) in keys for s in e.subjects)}
    waiting = list(chosen)
    while waiting:
        entry = by_id[waiting.pop()]
        for linked in (*entry.supersedes, entry.superseded_by):
            if linked is not None and linked not in chosen and linked in by_id:
                chosen.add(linked)
                waiting.append(linked)
    return [e for e in entries if e.entry_id in chosen]


def entry_line(entry: D.Entry) -> str:
    what = f"{entry.title}" + (f": “{entry.value}”" if entry.value else "")
    if entry.kind == D.WITHDRAW:
        what = f"Withdrew decision {', '.join(str(s) for s in entry.supersedes)}"
    why = f" — {entry.rationale}" if entry.rationale else ""
    touched = entry.details.get("coalitions") or entry.coalitions
    who = f" · coalitions: {'; '.join(touched)}" if touched else ""
    state = "" if entry.in_force or entry.kind == D.WITHDRAW else " (replaced)"
    return (f"<li>#{entry.entry_id} {html.escape(what)}{html.escape(why)}"
            f'<span class="wb-who">{html.escape(who)} · {html.escape(entry.by)}, '
            f"{html.escape(entry.decided_local)}{state}</span></li>")


class DecisionCard(widgets.VBox):
    """One suggestion (or one chosen item) and the buttons that decide it."""

    def __init__(self, db, kind: str, items: list[Item], reason: str, wording: str,
                 on_recorded: Callable[[], None] = lambda: None):
        self.db, self.kind, self.items = db, kind, items
        self._on_recorded = on_recorded
        self.ticks = [widgets.Checkbox(value=True, indent=False,
                                       description=f"{item.coalition}: {item.text}",
                                       layout=widgets.Layout(width="auto"))
                      for item in items]
        self.reason = widgets.HTML(f'<div class="wb-page"><b>{html.escape(reason)}</b></div>')
        self.wording = widgets.Text(value=wording, description="Shared wording",
                                    style={"description_width": "150px"},
                                    layout=widgets.Layout(width="95%"))
        self.rationale = widgets.Textarea(placeholder="Why the room decided so (optional)",
                                          description="Rationale",
                                          style={"description_width": "150px"},
                                          layout=widgets.Layout(width="95%", height="60px"))
        self.buttons = {action: widgets.Button(description=label,
                                               layout=widgets.Layout(width="auto"))
                        for action, label, _w in ACTIONS[kind]}
        for action, button in self.buttons.items():
            button.on_click(lambda _b, action=action: self.decide(action))
        self.undo = widgets.Button(description="Undo the decision in force",
                                   layout=widgets.Layout(width="auto"))
        self.undo.on_click(lambda _b: self.withdraw())
        self.status = widgets.HTML()
        self.said = widgets.HTML()
        self.vote = RoomVote(db, lambda: self.wording.value) if kind == "goal" else None
        self.past = widgets.HTML()
        history_box = widgets.Accordion(children=[self.past], titles=("History of revisions",))
        history_box.selected_index = None
        super().__init__([self.reason, *self.ticks, self.wording, self.rationale,
                          widgets.HBox(list(self.buttons.values()),
                                       layout=widgets.Layout(flex_flow="row wrap")),
                          *([self.vote] if self.vote else []),
                          self.status, widgets.HBox([self.undo, self.said]), history_box])
        self.add_class("wb-card")
        self.refresh()

    def subject_keys(self) -> set[tuple[str, str]]:
        return {(s.kind, s.key) for s in (item.subject() for item in self.items)}

    def ticked(self) -> list[Item]:
        return [item for item, tick in zip(self.items, self.ticks) if tick.value]

    def decide(self, action: str) -> int | None:
        """Record *action* about the ticked items; the card says what happened."""
        try:
            decision = decision_for(self.kind, action, self.ticked(), self.wording.value,
                                    self.rationale.value,
                                    self.vote.details() if self.vote else None)
            entry_id = D.record(self.db, decision)
        except (D.DecisionError, D.DecisionLogBusy) as problem:
            self._say(str(problem), error=True)
            return None
        self.rationale.value = ""
        self._say(f"Recorded as decision #{entry_id}.")
        self.refresh()
        self._on_recorded()
        return entry_id

    def withdraw(self) -> int | None:
        """Undo the newest decision in force about these items."""
        try:
            standing = in_force_about(D.entries(self.db), self.subject_keys())
            if not standing:
                self._say("Nothing in force to undo.", error=True)
                return None
            entry_id = D.withdraw(self.db, standing[-1].entry_id, BY,
                                  self.rationale.value.strip())
        except (D.DecisionError, D.DecisionLogBusy) as problem:
            self._say(str(problem), error=True)
            return None
        self._say(f"Decision #{standing[-1].entry_id} withdrawn.")
        self.refresh()
        self._on_recorded()
        return entry_id

    def refresh(self, entries: list[D.Entry] | None = None) -> None:
        """Show what is in force and the history, as the log has them now."""
        entries = D.entries(self.db) if entries is None else entries
        keys = self.subject_keys()
        standing = in_force_about(entries, keys)
        self.undo.disabled = not standing
        if standing:
            self.status.value = ('<div class="wb-page wb-decided">In force: <ul>'
                                 + "".join(entry_line(e) for e in standing) + "</ul></div>")
        else:
            self.status.value = '<div class="wb-page wb-undecided">Not decided yet.</div>'
        past = history_about(entries, keys)
        self.past.value = ('<div class="wb-page"><ul>' + "".join(entry_line(e) for e in past)
                           + "</ul></div>" if past else
                           '<div class="wb-page">No decision about these yet.</div>')

    def _say(self, text: str, error: bool = False) -> None:
        css = "wb-message" if error else "wb-said"
        self.said.value = (f'<div class="wb-page"><span class="{css}">{html.escape(text)}'
                           "</span></div>")


class RoomVote(widgets.HBox):
    """A quick fist to five on the proposed shared wording, through the room's forms; its
    count is recorded beside the decision (``details["fist_to_five"]``)."""

    def __init__(self, db, wording: Callable[[], str]):
        self.db, self._wording = db, wording
        self.round = None
        self.result = ""
        self.ask = widgets.Button(description="Ask the room: fist to five",
                                  layout=widgets.Layout(width="auto"))
        self.count = widgets.Button(description="Count the answers", disabled=True,
                                    layout=widgets.Layout(width="auto"))
        self.shown = widgets.HTML()
        self.ask.on_click(lambda _b: self.ask_room())
        self.count.on_click(lambda _b: self.count_answers())
        super().__init__([self.ask, self.count, self.shown],
                         layout=widgets.Layout(flex_flow="row wrap"))

    def ask_room(self) -> None:
        from ..roomstore import forms
        wording = self._wording().strip()
        if not wording:
            self._show("Write the shared wording first: the room answers about it.")
            return
        try:
            self.round = forms.ask(self.db, forms.FIST_TO_FIVE, f"We adopt the shared goal: "
                                                                 f"{wording}", BY)
        except Exception:  # the room's pages may be off: the decision can go ahead without
            log_exception()
            self._show("The room's forms could not be opened; decide without the vote.")
            return
        self.result = ""
        self.count.disabled = False
        self._show(f"Asked (round {self.round.round_id}): answers at "
                   f"{forms.answer_path(forms.FIST_TO_FIVE)}.")

    def count_answers(self) -> str:
        from ..roomstore import forms
        if self.round is None:
            return ""
        self.result = forms.result_line(self.db, forms.FIST_TO_FIVE, self.round)
        self._show(self.result + " (recorded with the decision)")
        return self.result

    def details(self) -> dict:
        if self.round is None:
            return {}
        self.count_answers()  # the latest count, as the decision is taken
        return {"fist_to_five": self.result, "fist_to_five_round": self.round.round_id}

    def _show(self, text: str) -> None:
        self.shown.value = f'<div class="wb-page">{html.escape(text)}</div>'
