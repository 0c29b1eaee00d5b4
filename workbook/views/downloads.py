"""Handout buttons for the dashboards: files are made when asked and travel inside the page,
so downloads work in a room with no internet.

A link always holds what is on screen now: a panel calls ``withdraw()`` whenever its view
changes (grid, level, filters, weights, coalitions compared), so the links to files of the
previous view go at once; the button makes files of the new view.
"""
from __future__ import annotations

import html
from typing import Callable

import ipywidgets as widgets

from .. import exports
from .errors import log_exception

CHANGED = "The view changed: press the button again for a file of what is on screen now."


class DownloadPanel(widgets.HBox):
    """A button that makes files of the current view, and the links it made."""

    def __init__(self, label: str, make_links: Callable[[], str]):
        self.button = widgets.Button(description=label, icon="", layout=widgets.Layout(width="auto"))
        self.links = widgets.HTML()
        self._make_links = make_links
        self._available = True
        self.button.on_click(self._prepare)
        super().__init__([self.button, self.links])
        self.add_class("wb-download")

    def withdraw(self) -> None:
        """The view changed: take away links to files of the previous one."""
        if self.links.value:
            self.links.value = f'<span class="wb-download-stale">{html.escape(CHANGED)}</span>'

    def available(self, yes: bool) -> None:
        """Nothing to save (no chart, a choice to correct): the button rests until there is."""
        self._available = yes
        self.button.disabled = not yes
        if not yes:
            self.withdraw()

    def _prepare(self, _button=None) -> None:
        if not self._available:
            return
        self.button.disabled = True
        self.links.value = "Preparing…"
        try:
            self.links.value = self._make_links()
        except Exception:  # a failed export must not break the page
            log_exception()
            self.links.value = html.escape("Sorry — that file could not be made; the log says why.")
        finally:
            self.button.disabled = not self._available


def chart_downloads(current_chart: Callable, stem: str,
                    community: str = "") -> DownloadPanel:
    """A button that turns the chart now on screen into PNG and SVG files, titled with the
    *community* and the day (its subtitle already says its filters and weights)."""
    def links() -> str:
        chart = current_chart()
        handout = exports.Handout(community)
        return (exports.download_link(exports.chart_png(chart, handout=handout), f"{stem}.png",
                                      exports.PNG_MIME, "Download PNG") + " "
                + exports.download_link(exports.chart_svg(chart, handout=handout).encode("utf-8"),
                                        f"{stem}.svg", exports.SVG_MIME, "Download SVG"))
    return DownloadPanel("Save this chart for handouts", links)


def workbook_download(make_bytes: Callable[[], bytes], filename: str, label: str) -> DownloadPanel:
    """A button that writes an Excel handout (comparison, overlap tables, Kumu map)."""
    def links() -> str:
        return exports.download_link(make_bytes(), filename, exports.XLSX_MIME, f"Download {filename}")
    return DownloadPanel(label, links)
