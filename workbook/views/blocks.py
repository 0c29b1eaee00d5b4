"""The smallest pieces every panel uses: a plain message in the page's type."""
from __future__ import annotations

import html

import ipywidgets as widgets


def message(text: str) -> widgets.HTML:
    return widgets.HTML(f'<div class="wb-page"><div class="wb-message">{html.escape(text)}</div></div>')
