"""The smallest pieces every panel uses: a plain message in the page's type, a chart with its
answer beside it."""
from __future__ import annotations

import html

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
