"""The smallest pieces every panel uses: a plain message in the page's type, a chart with its
answer beside it, and the panel that lets an analyst reach its numbers."""
from __future__ import annotations

import html
from typing import Any, Callable

import ipywidgets as widgets


def message(text: str) -> widgets.HTML:
    return widgets.HTML(f'<div class="wb-page"><div class="wb-message">{html.escape(text)}</div></div>')


def beside(main: widgets.Widget, side: list[widgets.Widget]) -> widgets.HBox:
    """*main* (a chart) with *side* (its answer, its controls) to its right, so the answer to
    a click appears next to what was clicked, not below the screen (styled by the shell's
    .wb-beside rules)."""
    main_box = widgets.Box([main])
    main_box.add_class("wb-main")
    side_box = widgets.VBox(side)
    side_box.add_class("wb-side")
    row = widgets.HBox([main_box, side_box], layout=widgets.Layout(width="100%"))
    row.add_class("wb-beside")
    return row


class Panel(widgets.VBox):
    """A dashboard panel, and for the analyst what is behind it, as it stands now.

    ``data``: the panel's DataFrames by name (what the room is looking at);
    ``choices``: the room's current choices (weights, filters, coalitions compared…).
    Both are read afresh at each access, so they follow every click.
    """

    def __init__(self, children, data: Callable[[], dict[str, Any]] | None = None,
                 choices: Callable[[], dict[str, Any]] | None = None, **kwargs):
        super().__init__(list(children), **kwargs)
        self._data = data or dict
        self._choices = choices or dict

    @property
    def data(self) -> dict[str, Any]:
        return self._data()

    @property
    def choices(self) -> dict[str, Any]:
        return self._choices()
