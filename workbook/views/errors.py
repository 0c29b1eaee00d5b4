"""What a failing panel shows: in Voilà, in front of the room, a plain message (the
traceback goes to the server log); in JupyterLab, for the analyst, the traceback itself.

Voilà starts every kernel it runs, preheated or not, with ``VOILA_BASE_URL`` in the
kernel's environment (voila/handler.py and voila_kernel_manager.py); JupyterLab and
nbclient do not. That is the signal, rather than Voilà's ``show_tracebacks`` setting,
which the kernel cannot see.

Writing the log to ``sys.__stderr__`` is not enough: ipykernel forwards what reaches file
descriptor 2 to the page as cell output (unless PYTEST_CURRENT_TEST is set, which is why a
test run never saw it). The log goes to the descriptor ipykernel kept for itself instead.
"""
from __future__ import annotations

import io
import os
import sys
import traceback
from contextlib import contextmanager

import ipywidgets as widgets

from .blocks import message

VOILA_SIGNAL = "VOILA_BASE_URL"


def in_voila() -> bool:
    """True in a kernel that Voilà started: the page is in front of the room."""
    return VOILA_SIGNAL in os.environ


@contextmanager
def friendly(what: str, output: widgets.Output | None = None):
    """Run a dashboard step; if it fails, the rest of the page still works.

    In Voilà the room sees a plain message and the traceback goes to the server log; in
    JupyterLab (or any kernel Voilà did not start) the analyst sees the traceback.
    """
    try:
        yield
    except Exception:  # one failing panel must not take the page down
        if in_voila():
            _to_server_log(traceback.format_exc())
            _show(message(f"Sorry — {what} could not be shown. The analyst can see why in the "
                          "server log; the rest of the page still works."), output)
        else:
            _show_traceback(output)


def log_exception() -> None:
    """The current exception's traceback, for whoever can read it: the server log in Voilà,
    the cell's error stream in JupyterLab. For steps that show their own plain message."""
    if in_voila():
        _to_server_log(traceback.format_exc())
    else:
        traceback.print_exc(file=sys.stderr)


def _show(shown: widgets.Widget, output: widgets.Output | None) -> None:
    if output is None:
        from IPython.display import display
        display(shown)
    else:
        output.outputs = ()
        output.append_display_data(shown)


def _show_traceback(output: widgets.Output | None) -> None:
    if output is not None:
        output.outputs = ()
        output.append_stderr(traceback.format_exc())
        return
    from IPython import get_ipython
    shell = get_ipython()
    if shell is None:  # plain Python: nowhere to show it but stderr
        traceback.print_exc()
    else:
        shell.showtraceback()  # an error output in the cell; the cell itself still succeeds


def _to_server_log(text: str) -> None:
    kept = getattr(sys.stderr, "_original_stdstream_copy", None)  # ipykernel's own fd 2 copy
    if kept is None:
        sys.__stderr__.write(text)
        sys.__stderr__.flush()
        return
    with io.open(kept, "w", closefd=False) as log:
        log.write(text)
