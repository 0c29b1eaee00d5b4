"""Handout buttons for the dashboards: files are made when asked and travel inside the page,
so downloads work in a room with no internet."""
from __future__ import annotations

import html
import sys
import traceback
from typing import Callable

import ipywidgets as widgets

from .. import exports


def _download_panel(label: str, make_links: Callable[[], str]) -> widgets.HBox:
    button = widgets.Button(description=label, icon="", layout=widgets.Layout(width="auto"))
    links = widgets.HTML()

    def prepare(_button) -> None:
        button.disabled = True
        links.value = "Preparing…"
        try:
            links.value = make_links()
        except Exception:  # a failed export must not break the page
            traceback.print_exc(file=sys.__stderr__)
            links.value = html.escape("Sorry — that file could not be made; the log says why.")
        finally:
            button.disabled = False

    button.on_click(prepare)
    panel = widgets.HBox([button, links])
    panel.add_class("wb-download")
    return panel


def chart_downloads(current_chart: Callable, stem: str) -> widgets.HBox:
    """A button that turns the chart now on screen into PNG and SVG files."""
    def links() -> str:
        chart = current_chart()
        return (exports.download_link(exports.chart_png(chart), f"{stem}.png", exports.PNG_MIME,
                                      "Download PNG") + " "
                + exports.download_link(exports.chart_svg(chart).encode("utf-8"), f"{stem}.svg",
                                        exports.SVG_MIME, "Download SVG"))
    return _download_panel("Save this chart for handouts", links)


def workbook_download(make_bytes: Callable[[], bytes], filename: str, label: str) -> widgets.HBox:
    """A button that writes an Excel handout (comparison, overlap tables, Kumu map)."""
    def links() -> str:
        return exports.download_link(make_bytes(), filename, exports.XLSX_MIME, f"Download {filename}")
    return _download_panel(label, links)
