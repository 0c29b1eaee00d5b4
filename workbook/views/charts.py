"""Charts for a projector, drawn with no internet.

Altair 6 emits Vega-Lite v6, which the Vega renderer bundled in JupyterLab 4.6 and
Voilà 0.5 cannot draw, and Altair's default renderer loads Vega from a CDN. The
``JupyterChart`` widget in offline mode carries its own JavaScript (from
vl-convert) over the kernel connection instead: it draws in Voilà and JupyterLab
alike, redraws when Python sets a new chart, and sends clicks back to Python.
"""
from __future__ import annotations

import altair as alt

# Okabe-Ito: distinct for the common kinds of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
SEQUENTIAL = "blues"  # one hue, light to dark: readable in greyscale and by colour-blind viewers
GAP_COLOUR = "#D55E00"
EMPTY_FILL = "#F2F2F2"
FONT_SIZE = 16

_enabled = False


def projector_theme() -> dict:
    return {"config": {
        "font": "DejaVu Sans, Arial, sans-serif",
        "axis": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE + 2, "labelLimit": 320},
        "legend": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE},
        "header": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE + 2},
        "title": {"fontSize": FONT_SIZE + 6, "anchor": "start"},
        "text": {"fontSize": FONT_SIZE},
        "range": {"category": PALETTE},
        "view": {"stroke": None},
    }}


def enable() -> None:
    """Once per kernel: offline chart widgets and the projector theme."""
    global _enabled
    if _enabled:
        return
    alt.JupyterChart.enable_offline()
    alt.theme.register("workbook_projector", enable=True)(projector_theme)
    alt.data_transformers.disable_max_rows()
    _enabled = True


# SVG keeps the marks and texts in the page (readable by tests and screen readers);
# no action menu, whose editor link points outside the room.
EMBED_OPTIONS = {"renderer": "svg", "actions": False}


def chart_widget(chart: alt.TopLevelMixin) -> alt.JupyterChart:
    enable()
    return alt.JupyterChart(chart, embed_options=EMBED_OPTIONS)


def redraw(widget: alt.JupyterChart, chart: alt.TopLevelMixin) -> None:
    widget.chart = chart
