"""Charts for a projector, drawn with no internet.

Altair 6 emits Vega-Lite v6, which the Vega renderer bundled in JupyterLab 4.6 and
Voilà 0.5 cannot draw, and Altair's default renderer loads Vega from a CDN. The
``JupyterChart`` widget in offline mode carries its own JavaScript (from
vl-convert) over the kernel connection instead: it draws in Voilà and JupyterLab
alike, redraws when Python sets a new chart, and sends clicks back to Python.
"""
from __future__ import annotations

import altair as alt

from ..figures import projector_theme

_enabled = False


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
