"""Notebook 3's first panels: the crosswalk (filterable, with its flags) and the suggestion
cards that record the room's decisions. The computations are in
``workbook.tasks.alignment``; decisions go through ``workbook.decisions``."""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import decisions as D
from ..tasks.alignment.crosswalk import GOAL, INDICATOR, STRATEGY, Crosswalk, crosswalk
from ..tasks.alignment.suggestions import LIKELY, WORTH_A_LOOK, suggestions
from ..numbers_text import counted
from ..tasks.alignment.feedback import item_key
from ..workspace import Workspace
from . import live
from .blocks import Panel
from .decision_card import DecisionCard, Item
from .inventory import ended_switch, table_html

ALL = "(all)"
MAX_ROWS = 150  # a longer table is not read on a projector: the filters narrow it
MAX_CARDS = 12
CARD_CSS = """<style>
.wb-card { border: 3px solid #0072B2; border-radius: 10px; padding: 10px 14px; margin: 10px 0; }
.wb-card button { height: auto; min-height: 36px; margin: 4px 8px 4px 0; }
.wb-decided { border-left: 8px solid #009E73; padding-left: 10px; }
.wb-undecided { color: #555; }
.wb-said { color: #00785A; font-weight: bold; }
.wb-flag-count { font-weight: bold; }
.wb-card.wb-card-weaker { border: 3px dashed #E69F00; }
.wb-band-heading h3 { margin: 24px 0 4px 0; }
</style>"""
WEAKER_HEADING = ('<div class="wb-page wb-band-heading"><h3>Worth a look: weaker suggestions</h3>'
                  "<p>These items are less alike than the ones above: check that they really "
                  "mean the same thing before combining them.</p></div>")
DECIDED_HEADING = ('<div class="wb-page wb-band-heading"><h3>Decided in the room</h3>'
                   "<p>Decisions on items no longer suggested, with their undo.</p></div>")
KIND_LABELS = {GOAL: "Goal", INDICATOR: "Indicator", STRATEGY: "Strategy"}
KIND_PLURALS = {GOAL: "goals", INDICATOR: "indicators", STRATEGY: "strategies"}


def _choice(label: str, options: list, width: str = "420px") -> widgets.Dropdown:
    return widgets.Dropdown(options=[(ALL, ALL), *options], value=ALL, description=label,
                            style={"description_width": "130px"},
                            layout=widgets.Layout(width=width))


def decisions_by_item(entries: list[D.Entry]) -> dict[tuple[str, str], str]:
    """(kind, key) of a goal or strategy -> the decisions in force about it, in words."""
    found: dict[tuple[str, str], list[str]] = {}
    for entry in entries:
        if not entry.in_force:
            continue
        said = entry.title + (f": {entry.value}" if entry.value else "")
        for s in entry.subjects:
            if s.kind in (GOAL, STRATEGY):
                found.setdefault((s.kind, s.key), []).append(said)
    return {key: "; ".join(dict.fromkeys(said)) for key, said in found.items()}


def filter_items(items: pd.DataFrame, result_area: str, indicator_id, coalition: str
                 ) -> pd.DataFrame:
    """The crosswalk's rows under the room's three filters (ALL leaves a filter off)."""
    keep = pd.Series(True, index=items.index)
    if result_area != ALL:
        keep &= items["result_area"] == result_area
    if indicator_id != ALL:
        # its goals and their indicator rows, and the strategies those goals' coalitions
        # have in those goals' result areas
        measured = items[items["indicator_id"] == indicator_id]
        places = set(zip(measured["coalition"], measured["result_area"]))
        keep &= ((items["indicator_id"] == indicator_id)
                 | ((items["item_kind"] == STRATEGY)
                    & pd.Series([(c, a) in places for c, a in
                                 zip(items["coalition"], items["result_area"])],
                                index=items.index)))
    if coalition != ALL:
        keep &= items["coalition"] == coalition
    return items[keep]


def crosswalk_panel(workspace: Workspace) -> Panel:
    """Every goal, indicator and strategy by result area and indicator, with the flags; pick
    goals or strategies in it to decide about them."""
    watcher = live.watcher(workspace.db)
    include = ended_switch()
    state: dict = {}
    area, indicator, coalition = (_choice("Result area", []), _choice("Indicator", []),
                                  _choice("Coalition", []))
    tiles, table, flags_note = widgets.HTML(), widgets.HTML(), widgets.HTML()
    flags = widgets.Accordion()  # its headers take the template's 20 px; tab titles do not
    pick_kind = widgets.ToggleButtons(options=[("Goals", GOAL), ("Strategies", STRATEGY)],
                                      value=GOAL, description="Decide about")
    picked = widgets.SelectMultiple(options=[], rows=6, description="Pick",
                                    style={"description_width": "130px"},
                                    layout=widgets.Layout(width="95%"))
    card_box = widgets.VBox()

    def load(*_ignored) -> None:
        state["crosswalk"] = crosswalk(workspace.db, workspace.community.folder,
                                          include_ended=include.value)
        walk = state["crosswalk"]
        area.options = [(ALL, ALL), *[(a, a) for a in walk.by_result_area["result_area"]]]
        indicator.options = [(ALL, ALL), *[(str(r.indicator), int(r.indicator_id))
                                    for r in walk.by_indicator.itertuples()]]
        names = sorted(walk.items["coalition"].dropna().unique())
        coalition.options = [(ALL, ALL), *[(c, c) for c in names]]
        show()

    def show(*_ignored) -> None:
        walk = state["crosswalk"]
        entries = D.entries(workspace.db)
        decided = decisions_by_item(entries)
        shown = filter_items(walk.items, area.value, indicator.value, coalition.value).copy()
        shown["decision"] = [
            decided.get((r.item_kind, item_key(r.item_kind, r.coalition, r.text)), "")
            if r.item_kind in (GOAL, STRATEGY) else "" for r in shown.itertuples()]
        state["shown"] = shown
        counts = shown["item_kind"].value_counts()
        tiles.value = ('<div class="wb-page"><div class="wb-numbers">' + "".join(
            f'<div class="wb-number"><b>{counts.get(k, 0)}</b>{plural}</div>'
            for k, plural in KIND_PLURALS.items())
            + f'<div class="wb-number"><b>{shown["coalition"].nunique()}</b>coalitions</div>'
            + "</div></div>")
        table.value = _items_html(shown)
        _show_flags(walk, shown)
        _offer_picks()

    def _show_flags(walk: Crosswalk, shown: pd.DataFrame) -> None:
        coalitions = set(shown["coalition"])
        frames = [
            ("Results with no strategy", walk.results_without_strategy,
             ["coalition", "text", "result_area"]),
            ("Strategies serving no result", walk.strategies_without_result,
             ["coalition", "text", "issue_area", "strategy_type"]),
            ("Indicators measured differently", walk.indicators_measured_differently,
             ["indicator", "coalition", "data_source", "unit", "baseline_year", "differs"])]
        children, titles, said = [], [], []
        for title, frame, columns in frames:
            frame = frame[frame["coalition"].isin(coalitions)]
            titles.append(f"{title} ({len(frame)})")
            said.append(f"{len(frame)} {title.lower()}")
            children.append(widgets.HTML(
                '<div class="wb-page wb-scroll">' + (table_html(frame[columns]) if len(frame)
                                                     else "<p>None under these filters.</p>")
                + "</div>"))
        flags.children = children
        flags.titles = tuple(titles)
        flagged = [n for n, (_t, frame, _c) in enumerate(frames)
                   if frame["coalition"].isin(coalitions).any()]
        flags.selected_index = flagged[0] if flagged else None
        flags_note.value = ('<div class="wb-page"><span class="wb-flag-count">To act on: '
                            + html.escape("; ".join(said)) + ".</span></div>")
        state["flags"] = {t: f for (t, f, _c) in frames}

    def _offer_picks(*_ignored) -> None:
        shown = state["shown"]
        rows = shown[shown["item_kind"] == pick_kind.value].drop_duplicates(
            ["coalition", "text"])
        options = [(f"{r.coalition}: {r.text}", (r.coalition, r.text)) for r in rows.itertuples()]
        if list(picked.options) == options and state.get("card") is not None:
            # the same choices (e.g. the other laptop decided): keep the card and what is
            # being typed on it, and show the log as it is now
            state["card"].refresh()
            return
        kept = tuple(v for v in picked.value if v in [o[1] for o in options])
        picked.options = options
        picked.value = kept
        _show_card()

    def _show_card(*_ignored) -> None:
        chosen = [Item(pick_kind.value, c, t) for c, t in picked.value]
        if not chosen:
            card_box.children = (widgets.HTML(
                '<div class="wb-page">Pick one or more items above (Ctrl-click for several) '
                "to record a decision about them.</div>"),)
            state["card"] = None
            return
        card = DecisionCard(workspace.db, pick_kind.value, chosen, "Chosen from the crosswalk",
                            chosen[0].text if len(chosen) > 1 else "", watcher.tell)
        state["card"] = card
        card_box.children = (card,)

    include.observe(load, "value")
    for control in (area, indicator, coalition):
        control.observe(show, "value")
    pick_kind.observe(_offer_picks, "value")
    picked.observe(_show_card, "value")
    watcher.listen(lambda: show())
    load()
    return Panel([widgets.HTML(CARD_CSS), widgets.HBox([area, indicator, coalition],
                                                       layout=widgets.Layout(flex_flow="row wrap")),
                  include, tiles, flags_note, flags, table,
                  widgets.HTML("<h3>Decide from the crosswalk</h3>"), pick_kind, picked, card_box],
                 data=lambda: {"items": state["shown"], **state["flags"]},
                 choices=lambda: {"result_area": area.value, "indicator": indicator.label,
                                  "coalition": coalition.value, "include_ended": include.value,
                                  "picked": list(picked.value)})


def _items_html(shown: pd.DataFrame) -> str:
    columns = {"item_kind": "kind", "coalition": "coalition", "text": "goal, indicator or strategy",
               "result_area": "result area", "indicator": "indicator", "unit": "unit",
               "data_source": "data source", "decision": "decided"}
    frame = shown[list(columns)].rename(columns=columns)
    frame["kind"] = frame["kind"].map(KIND_LABELS)
    more = (f"<p>The first {MAX_ROWS} of {len(frame)} rows: narrow the filters to see the rest.</p>"
            if len(frame) > MAX_ROWS else "")
    return (f'<div class="wb-page wb-scroll wb-crosswalk">{more}'
            f"{table_html(frame.head(MAX_ROWS))}</div>")


def card_signature(card: DecisionCard) -> tuple:
    return (card.kind, tuple((i.coalition, i.text) for i in card.items))


def decided_items(entry: D.Entry, kind: str) -> list[Item]:
    """The goals (or strategies) a decision in force is about, named as typed."""
    if not entry.in_force:
        return []
    found = []
    for s in entry.subjects:
        if s.kind != kind:
            continue
        snapshot = s.snapshot or {}
        coalition, _, text = s.label.partition(": ")
        found.append(Item(kind, str(snapshot.get("coalition") or coalition),
                          str(snapshot.get(D.SUBJECT_KINDS[kind].text) or text)))
    return found


def thesaurus_problems(problems) -> str:
    """Lines of the community's thesaurus.csv that were skipped, each with where and how to
    fix it (the suggestions still came, without those lines)."""
    if not problems:
        return ""
    lines = "".join(
        f"<li>{html.escape(p.file)}{', row ' + str(p.row) if p.row else ''}: "
        f"{html.escape(p.message)} {html.escape(p.fix)}</li>" for p in problems)
    return (f'<div class="wb-page"><div class="wb-message">{len(problems)} line'
            f"{'s' if len(problems) != 1 else ''} of the community thesaurus could not be used "
            f"and were skipped:<ul>{lines}</ul></div></div>")


def _summary(noun: str, likely: int, weaker: int) -> str:
    """The count of each band, in one sentence."""
    if not likely + weaker:
        return f"No {noun} of different coalitions look alike enough to suggest."
    said = f"{counted(likely, 'likely suggestion')} of {noun} that could be combined"
    if weaker:
        said += f", and {counted(weaker, 'weaker one')} worth a look (below)"
    if max(likely, weaker) > MAX_CARDS:
        said += f"; the strongest {MAX_CARDS} of each are shown"
    return said + ". The facilitator confirms each one: untick an item that does not belong."


def suggestions_panel(workspace: Workspace) -> Panel:
    """Goals or strategies that could be combined, each on a card with its reason and the
    buttons that record the room's decision. The next suggestions learn from them."""
    watcher = live.watcher(workspace.db)
    kind = widgets.ToggleButtons(options=[("Goals", GOAL), ("Strategies", STRATEGY)],
                                 value=GOAL, description="Suggestions for")
    summary, cards = widgets.HTML(), widgets.VBox()
    weaker_heading, decided_heading = widgets.HTML(WEAKER_HEADING), widgets.HTML(DECIDED_HEADING)
    made: dict[tuple, DecisionCard] = {}  # kept across redraws: a half-typed rationale stays
    state: dict = {}

    def card_of(found, cluster, entries) -> DecisionCard:
        members = found.members[found.members["cluster_id"] == cluster.cluster_id]
        items = [Item(kind.value, m.coalition, m.text) for m in members.itertuples()]
        signature = (kind.value, tuple((i.coalition, i.text) for i in items))
        if signature not in made:
            made[signature] = DecisionCard(workspace.db, kind.value, items, str(cluster.reason),
                                           str(cluster.wording), watcher.tell)
        else:
            made[signature].refresh(entries)
        card = made[signature]
        # the room's decisions can move a suggestion from one band to the other
        card.reason.value = f'<div class="wb-page"><b>{html.escape(str(cluster.reason))}</b></div>'
        if cluster.band == WORTH_A_LOOK:
            card.add_class("wb-card-weaker")
        else:
            card.remove_class("wb-card-weaker")
        return card

    def show(*_ignored) -> None:
        found = suggestions(workspace.db, kind.value, workspace.community.folder)
        state["found"] = found
        entries = D.entries(workspace.db)
        bands = {band: found.clusters[found.clusters["band"] == band]
                 for band in (LIKELY, WORTH_A_LOOK)}
        likely = [card_of(found, c, entries) for c in bands[LIKELY].head(MAX_CARDS).itertuples()]
        weaker = [card_of(found, c, entries)
                  for c in bands[WORTH_A_LOOK].head(MAX_CARDS).itertuples()]
        # What the room decided stays on a card (its undo and history with it), even when
        # the decision takes the suggestion away, and after a reload or on the other laptop.
        suggested = {card_signature(card) for card in likely + weaker}
        decided = []
        for entry in entries:
            items = decided_items(entry, kind.value)
            signature = (kind.value, tuple((i.coalition, i.text) for i in items))
            if not items or signature in suggested:
                continue
            suggested.add(signature)
            if signature not in made:
                made[signature] = DecisionCard(
                    workspace.db, kind.value, items, f"Decided in the room: {entry.title}",
                    entry.value or "", watcher.tell)
            else:
                made[signature].refresh(entries)
            decided.append(made[signature])
        noun = "goals" if kind.value == GOAL else "strategies"
        summary.value = ('<div class="wb-page">' + _summary(noun, len(bands[LIKELY]),
                                                            len(bands[WORTH_A_LOOK]))
                         + "</div>" + thesaurus_problems(found.problems))
        cards.children = tuple(likely + ([weaker_heading] + weaker if weaker else [])
                               + ([decided_heading] + decided if decided else []))

    kind.observe(show, "value")
    watcher.listen(lambda: show())
    show()
    return Panel([widgets.HTML(CARD_CSS), kind, summary, cards],
                 data=lambda: {"clusters": state["found"].clusters,
                               "members": state["found"].members},
                 choices=lambda: {"kind": kind.value})
