"""What the workshop server's Voilà reads from workbook.server.configure (etc/voila/voila.py)."""
from __future__ import annotations

import nbformat
from nbclient import NotebookClient
from traitlets.config import Config
from voila.execute import VoilaExecutor

from workbook.server import configure


def _executor(config: Config) -> VoilaExecutor:
    # as Voilà makes it for every page (notebook_renderer._jinja_kernel_start)
    return VoilaExecutor(nbformat.v4.new_notebook(), config=config)


def test_a_cell_s_late_output_is_waited_for_not_dropped():
    """Past iopub_timeout Voilà drops the rest of a cell's output and moves on: on a busy
    machine dashboard 3 lost its suggestion cards that way, with no error on the page."""
    config = Config()
    configure(config)
    default = NotebookClient.iopub_timeout.default_value
    assert _executor(Config()).iopub_timeout == default  # what Voilà would use otherwise
    assert _executor(config).iopub_timeout >= 60 * default
