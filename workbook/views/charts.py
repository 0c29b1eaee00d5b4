"""Charts for a projector, drawn with no internet.

Altair 6 emits Vega-Lite v6, which the Vega renderer bundled in JupyterLab 4.6 and
Voilà 0.5 cannot draw, and Altair's default renderer loads Vega from a CDN. The
``JupyterChart`` widget in offline mode carries its own JavaScript (from
vl-convert) over the kernel connection instead: it draws in Voilà and JupyterLab
alike, redraws when Python sets a new chart, and sends clicks back to Python. That
JavaScript is made once per installation, not in every kernel (``chart_bundle``).
"""
from __future__ import annotations

import altair as alt

from .. import chart_bundle
from ..figures import projector_theme

_enabled = False


def enable() -> None:
    """Once per kernel: offline chart widgets and the projector theme."""
    global _enabled
    if _enabled:
        return
    _go_offline()
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


def _go_offline() -> None:
    """Altair's enable_offline, from the cached bundle when there is one: the same two
    class attributes that enable_offline sets (altair 6.3.0, pinned). Without one, Altair
    makes it here, and it is kept for the next kernel."""
    bundle = chart_bundle.cached()
    if bundle is None:
        alt.JupyterChart.enable_offline()
        chart_bundle.keep(alt.JupyterChart._esm)
        return
    alt.JupyterChart._esm = bundle
    alt.JupyterChart._is_offline = True
