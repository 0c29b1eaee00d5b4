"""The smallest pieces every panel uses: a plain message in the page's type, and the panel
that lets an analyst reach its numbers."""
from __future__ import annotations

import html
from typing import Any, Callable

import ipywidgets as widgets


def message(text: str) -> widgets.HTML:
    return widgets.HTML(f'<div class="wb-page"><div class="wb-message">{html.escape(text)}</div></div>')


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
