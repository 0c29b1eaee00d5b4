"""One dashboard page, as a notebook builds it: a cell says which panel comes next, the
page does the rest (the header first, the same care for every panel, the freshness check
last), and keeps every panel it showed for the analyst.

    page = Page(2)
    page.show("the overlap heatmap", overlaps.overlap_panel)
    ...
    page["overlap"].data["pairs"]      # the DataFrame behind the pairs table
    page["overlap"].choices["weights"]  # the room's weights, as the sliders stand now
"""
from __future__ import annotations

from typing import Callable

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from . import room_share
from .errors import friendly
from .shell import Workspace, check_fresh, open_workspace, page_header


class Page:
    """The page of one task; ``page.panels`` holds what it showed, by short name."""

    def __init__(self, task: int):
        self.task = task
        self.workspace: Workspace | None = None
        self.panels: dict[str, widgets.Widget] = {}
        with friendly("the page header"):
            self.workspace = open_workspace()
            display(page_header(task, self.workspace))

    def show(self, what: str, make: Callable[[Workspace], widgets.Widget],
             needs_data: bool = True) -> None:
        """Show *make*'s panel, once there is data (unless *needs_data* is False); if it fails,
        say so (errors.friendly) and go on. *what* names it in that message."""
        if self.workspace is None or (needs_data and not self.workspace.ready):
            return  # the header already said what is missing
        with friendly(what):
            panel = make(self.workspace)
            self.panels[_short_name(make)] = panel
            room_share.share(self.task, _short_name(make), panel, self.workspace.db)
            display(panel)

    def keep_fresh(self) -> None:
        """The last cell: tell the page when the checklists are loaded again."""
        if self.workspace is not None:
            with friendly("the freshness check"):
                check_fresh(self.workspace)

    def __getitem__(self, name: str) -> widgets.Widget:
        return self.panels[name]

    def guide(self) -> pd.DataFrame:
        """For the analyst: each panel shown, the DataFrames behind it and the room's choices."""
        rows = []
        for name, panel in self.panels.items():
            frames = getattr(panel, "data", {})
            rows.append({
                "panel": f"page[{name!r}]",
                "data": ", ".join(f"{key} {_shape(frame)}" for key, frame in frames.items()),
                "choices": ", ".join(f"{key}={value!r}"
                                     for key, value in getattr(panel, "choices", {}).items()),
            })
        return pd.DataFrame(rows, columns=["panel", "data", "choices"])


def _short_name(make: Callable) -> str:
    return getattr(make, "__name__", "panel").removesuffix("_panel")


def _shape(frame) -> str:
    shape = getattr(frame, "shape", None)
    return f"({' × '.join(str(n) for n in shape)})" if shape else ""
