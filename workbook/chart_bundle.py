"""The chart widgets' JavaScript, made once per installation instead of once per kernel.

Altair's ``JupyterChart.enable_offline`` (``views/charts.py``) makes the widget's JavaScript
with ``vl_convert.javascript_bundle``, which starts vl-convert's JavaScript engine in the
kernel and keeps it running: about 80 MB in each dashboard kernel, a third of what a
preheated kernel holds (``benchmarks/kernel_memory.py``), for a text that is the same in
every kernel. So it is made in a short process of its own (``prepare``, run by
``python -m workbook serve`` before Voilà starts any kernel), kept in a cache file named
by the versions it comes from, and read by every kernel (``views.charts.enable``).

Nothing here imports Altair or vl-convert: the server calls ``prepare`` without taking
either into its own memory.
"""
from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

CACHE_DIR_ENV = "WORKBOOK_CACHE_DIR"  # where the bundle is kept (default: the user's cache)


def bundle_path() -> Path:
    """This installation's bundle: Altair ships the widget's source and the Vega-Lite
    version it targets, vl-convert the bundler and Vega, so an upgrade of either makes a
    new file."""
    folder = os.environ.get(CACHE_DIR_ENV) or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "alignment-workbook"
    return (Path(folder) / f"jupyterchart-altair-{version('altair')}"
            f"-vl-convert-{version('vl-convert-python')}.js")


def cached() -> str | None:
    """The bundle's text, or None when it was not made (or cannot be read)."""
    try:
        return bundle_path().read_text(encoding="utf-8")
    except OSError:
        return None


def keep(text: str) -> None:
    """Store *text* as the bundle, whole or not at all: a kernel reading it at the same
    moment finds the old state or the new one, never half a file."""
    bundle = bundle_path()
    try:
        bundle.parent.mkdir(parents=True, exist_ok=True)
        partial = bundle.with_name(f"{bundle.name}.{os.getpid()}.part")
        partial.write_text(text, encoding="utf-8")
        partial.replace(bundle)
    except OSError:  # a read-only home: each kernel makes its own, as Altair does
        pass


def prepare() -> bool:
    """Make the bundle if it is missing, in a process that ends at once (taking the
    JavaScript engine with it). False, with the reason on stderr, if it could not be made."""
    if bundle_path().is_file():
        return True
    made = subprocess.run([sys.executable, "-m", __name__], capture_output=True, text=True)
    if made.returncode == 0 and bundle_path().is_file():
        return True
    print("The chart widgets' JavaScript could not be prepared; each dashboard kernel makes "
          f"its own (about 80 MB more each).\n{made.stderr[-2000:]}", file=sys.stderr)
    return False


def _make() -> None:
    import altair as alt
    alt.JupyterChart.enable_offline()
    keep(alt.JupyterChart._esm)


if __name__ == "__main__":  # prepare's process
    _make()
