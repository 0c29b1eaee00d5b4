"""Notebook 1's names-to-review panel: one uncertain pair at a time, its evidence, a decision."""
from __future__ import annotations

import getpass
import html
import os

import ipywidgets as widgets
import pandas as pd

from .. import review
from .blocks import message
from .errors import log_exception
from .inventory import reload_panel
from .shell import Workspace, refresh_badge

KIND_WORDS = {"organisation": ("organisation", "organisations"), "person": ("person", "people")}
ALONGSIDE = {"organisation": "People on that row", "person": "Organisation"}
BUTTON = widgets.Layout(width="200px", height="52px")
PANEL_CSS = """
<style>
.wb-review .wb-sides { display: flex; gap: 28px; flex-wrap: wrap; }
.wb-review .wb-side { flex: 1 1 600px; }
.wb-review .wb-side h3 { font-size: 26px; margin: 6px 0; }
.wb-review .wb-shared-with { border-left: 8px solid #009E73; background: #E8F6F0;
                             padding: 8px 16px; margin: 8px 0; }
.wb-review .widget-dropdown select, .wb-review .widget-text input { font-size: 18px; }
</style>
"""


def names_panel(workspace: Workspace) -> widgets.VBox:
    """The last load's uncertain name pairs: evidence, then Same / Different / Later."""
    aliases = workspace.community.aliases_path
    if aliases is None:
        return message("Names can be reviewed only for a community folder (with its aliases.csv).")
    chooser = widgets.Dropdown(layout=widgets.Layout(width="900px"), description="Pair",
                               style={"description_width": "60px"})
    card, status, intro = widgets.HTML(), widgets.HTML(), widgets.HTML()
    who = widgets.Text(value=_default_who(), description="Decided by",
                       layout=widgets.Layout(width="420px"), style={"description_width": "110px"})
    buttons = {decision: widgets.Button(description=label, button_style=style, layout=BUTTON,
                                        tooltip=tip, style={"font_size": "20px"})
               for decision, label, style, tip in (
                   (review.SAME, "Same", "success", "One organisation or person: merge them"),
                   (review.DIFFERENT, "Different", "danger", "Two: never merge them"),
                   (review.LATER, "Later", "", "Keep the pair waiting"))}
    apply = _apply_box(workspace, lambda: reloaded())
    state: dict = {"pairs": pd.DataFrame(columns=review.PAIR_COLUMNS), "later": [], "decided": 0}

    def refresh() -> None:
        pairs = review.pairs_waiting(workspace.db, aliases)
        state["pairs"] = _later_last(pairs, state["later"])
        intro.value = _intro(state["pairs"])
        options = [(_option_label(n, row), n) for n, row in enumerate(state["pairs"].itertuples())]
        state["quiet"] = True  # new options fire a value change before they match the pairs
        chooser.options = options
        chooser.value = 0 if options else None  # the next pair; one put off goes last
        state["quiet"] = False
        for button in buttons.values():
            button.disabled = not options
        show()
        refresh_badge(workspace)

    def show(*_ignored) -> None:
        if state.get("quiet"):
            return
        if chooser.value is None:
            card.value = ""
            return
        pair = state["pairs"].iloc[chooser.value]
        card.value = _with_friendly_error(lambda: pair_card(workspace, pair), "the evidence")

    def decide(decision: str) -> None:
        if chooser.value is None:
            return
        pair = state["pairs"].iloc[chooser.value]
        recorded = review.record_decision(aliases, pair["kind"], pair["name"], pair["candidate"],
                                          decision, who.value)
        key = review.pair_key(pair["kind"], pair["name"], pair["candidate"])
        if decision == review.LATER:
            state["later"] = [k for k in state["later"] if k != key] + [key]
        elif recorded.written:
            state["decided"] += 1
            apply.layout.display = None
            apply.children[0].value = _apply_intro(state["decided"])
        status.value = (f'<div class="wb-page"><div class="wb-message">'
                        f'{html.escape(recorded.message)}</div></div>')
        refresh()

    def reloaded() -> None:
        state["decided"] = 0
        status.value = ""
        apply.children[0].value = ('<div class="wb-page">Loaded again: the decisions now apply.'
                                   "</div>")
        try:
            refresh()
        except Exception:  # the load itself went well; only this list could not be redrawn
            log_exception()
            status.value = _problem("The checklists were loaded again, but the list of names "
                                    "could not be redrawn. Reload the page (F5).")

    def on_click(decision: str):
        def handler(_button) -> None:
            for button in buttons.values():
                button.disabled = True
            try:
                decide(decision)
            except PermissionError:  # on Windows, Excel holds the file it has open
                log_exception()
                status.value = _problem("aliases.csv could not be written: it may be open in Excel "
                                        "or another program, or its folder may be read-only. Close "
                                        "it there, then decide again.")
            except Exception:  # the room sees a plain sentence; the analyst the log
                log_exception()
                status.value = _problem("Sorry — the decision could not be saved. The analyst can "
                                        "see why in the server log.")
            finally:
                for button in buttons.values():
                    button.disabled = chooser.value is None
        return handler

    chooser.observe(show, "value")
    for decision, button in buttons.items():
        button.on_click(on_click(decision))
    refresh()
    panel = widgets.VBox([widgets.HTML(PANEL_CSS), intro, chooser, card,
                          widgets.HBox(list(buttons.values()) + [who]), status, apply],
                         layout=widgets.Layout(width="100%"))
    panel.add_class("wb-review")
    return panel


def pair_card(workspace: Workspace, pair: pd.Series) -> str:
    """Both names side by side: every cell each was typed in, the coalition and who was with it."""
    kind = pair["kind"]
    sides = [(name, review.evidence(workspace.db, kind, name))
             for name in (pair["name"], pair["candidate"])]
    shared = _shared_alongside(sides[0][1], sides[1][1])
    note = ""
    if shared:
        what = "the same people" if kind == "organisation" else "the same organisation"
        note = (f'<div class="wb-shared-with">Both names appear with {what}: '
                f'<b>{", ".join(html.escape(s) for s in shared)}</b></div>')
    columns = "".join(_side_html(name, places, kind) for name, places in sides)
    return (f'<div class="wb-page wb-pair"><p>{html.escape(kind.capitalize())} names, '
            f'{pair["score"]:.0f}% alike. Are these one {html.escape(kind)}?</p>{note}'
            f'<div class="wb-sides">{columns}</div></div>')


def _side_html(name: str, places: pd.DataFrame, kind: str) -> str:
    if places.empty:
        body = ("<p>Where it was typed is not in this database: load the checklists again to "
                "see it.</p>")
    else:
        coalitions = places["coalition"].dropna().unique()
        head = "".join(f"<th>{h}</th>" for h in ("Coalition", "Typed as", "File · sheet · cell",
                                                  ALONGSIDE[kind]))
        rows = "".join(
            f"<tr><td>{_text(row.coalition)}</td><td>{_text(row.spelling)}</td>"
            f"<td>{_text(row.file)} · {_text(row.sheet)} · {_text(row.cell)}</td>"
            f"<td>{_text(row.alongside)}</td></tr>" for row in places.itertuples())
        body = (f"<p>Typed {len(places)} time{'s' if len(places) != 1 else ''} in "
                f"{len(coalitions)} coalition{'s' if len(coalitions) != 1 else ''}.</p>"
                f'<table class="wb-table"><tr>{head}</tr>{rows}</table>')
    return f'<div class="wb-side"><h3>{html.escape(name)}</h3>{body}</div>'


def _text(value) -> str:
    return "—" if value is None or (isinstance(value, float) and pd.isna(value)) else html.escape(str(value))


def _shared_alongside(first: pd.DataFrame, second: pd.DataFrame) -> list[str]:
    """People (or organisations) seen beside both names: the strongest hint they are one."""
    def names(places: pd.DataFrame) -> dict[str, str]:
        found = {}
        for value in places["alongside"].dropna():
            for part in str(value).split("; "):
                found.setdefault(" ".join(part.split()).casefold(), part)
        return found
    in_first, in_second = names(first), names(second)
    return [in_first[key] for key in sorted(in_first) if key in in_second]


def _intro(pairs: pd.DataFrame) -> str:
    if pairs.empty:
        text = ("<b>No names wait for a decision.</b> Every organisation and person name of the "
                "last load was matched or told apart.")
    else:
        counts = ", ".join(f"{count} {KIND_WORDS.get(kind, (kind, kind))[count != 1]}"
                           for kind, count in pairs["kind"].value_counts(sort=False).items())
        text = (f"<b>{len(pairs)} pair{'s' if len(pairs) != 1 else ''} of names</b> ({counts}) "
                "may name the same one. Look at where each was typed, then choose: "
                "<b>Same</b> merges them, <b>Different</b> keeps them apart for good, "
                "<b>Later</b> keeps the pair waiting.")
    return f'<div class="wb-page wb-review-intro">{text}</div>'


def _option_label(number: int, pair) -> str:
    # Dropdown options are shown as text, never as HTML.
    return f"{number + 1}. {pair.name}  ↔  {pair.candidate}  ({pair.kind}, {pair.score:.0f}% alike)"


def _later_last(pairs: pd.DataFrame, later: list[tuple]) -> pd.DataFrame:
    """Pairs put off in this session go to the end, in the order they were put off."""
    keys = [review.pair_key(k, n, c) for k, n, c in zip(pairs["kind"], pairs["name"], pairs["candidate"])]
    order = sorted(range(len(keys)), key=lambda i: (later.index(keys[i]) + 1) if keys[i] in later else 0)
    return pairs.iloc[order].reset_index(drop=True)


def _apply_box(workspace: Workspace, on_done) -> widgets.VBox:
    """'Load again now to apply', with the dashboard's own reload button and progress bar."""
    reload = reload_panel(workspace, on_done=on_done)
    reload.remove_class("wb-reload")  # '.wb-reload' stays the load report's own panel
    for child in _walk(reload):
        if isinstance(child, widgets.Button):
            child.description = "Load again now to apply"
            child.layout.width = "320px"
            break
    box = widgets.VBox([widgets.HTML(), reload], layout=widgets.Layout(display="none"))
    box.add_class("wb-apply")
    return box


def _apply_intro(decided: int) -> str:
    saved = "1 decision is" if decided == 1 else f"{decided} decisions are"
    return (f'<div class="wb-page">{saved} saved in aliases.csv and will apply when the '
            "checklists are loaded again:</div>")


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _with_friendly_error(make_html, what: str) -> str:
    try:
        return make_html()
    except Exception:  # a dashboard must never show a traceback in the room
        log_exception()
        return _problem(f"Sorry — {what} could not be shown. The analyst can see why in the "
                        "server log; the rest of the page still works.")


def _problem(text: str) -> str:
    return f'<div class="wb-page"><div class="wb-message">{html.escape(text)}</div></div>'


def _default_who() -> str:
    try:
        return os.environ.get("WORKBOOK_FACILITATOR") or getpass.getuser()
    except Exception:  # no user name on this machine: the facilitator types one
        return ""
