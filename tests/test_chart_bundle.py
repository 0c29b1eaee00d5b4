"""The chart widgets' JavaScript is made once per installation and read by every kernel
(workbook/chart_bundle.py): a kernel with the bundle at hand never starts vl-convert's
JavaScript engine, and a kernel without one still draws (it makes the bundle, as before)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from workbook import chart_bundle

ROOT = Path(__file__).resolve().parents[1]

# A kernel's chart setup, in a process of its own (Altair's class attributes are global).
ENABLE = """
import json, sys
import altair as alt
from workbook.views import charts
charts.enable()
print(json.dumps({"offline": alt.JupyterChart._is_offline, "esm": alt.JupyterChart._esm,
                  "engine_module": "vl_convert" in sys.modules}))
"""


def _run(code: str, cache: Path) -> dict:
    env = dict(os.environ, WORKBOOK_CACHE_DIR=str(cache),
               PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH"))
                                          if p))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_kernel_takes_the_cached_bundle_without_loading_vl_convert(tmp_path, monkeypatch):
    monkeypatch.setenv(chart_bundle.CACHE_DIR_ENV, str(tmp_path))
    chart_bundle.keep("/* the installation's bundle */")

    kernel = _run(ENABLE, tmp_path)

    assert kernel["offline"] is True
    assert kernel["esm"] == "/* the installation's bundle */"
    assert kernel["engine_module"] is False


def test_without_a_bundle_a_kernel_makes_it_and_keeps_it_for_the_next(tmp_path, monkeypatch):
    monkeypatch.setenv(chart_bundle.CACHE_DIR_ENV, str(tmp_path))
    assert chart_bundle.cached() is None

    first = _run(ENABLE, tmp_path)

    assert first["offline"] is True and "vega" in first["esm"].lower()
    assert chart_bundle.cached() == first["esm"]
    assert not list(tmp_path.glob("*.part"))  # written whole, no scrap left


def test_prepare_makes_the_bundle_altair_would_make(tmp_path, monkeypatch):
    monkeypatch.setenv(chart_bundle.CACHE_DIR_ENV, str(tmp_path / "cache"))

    assert chart_bundle.prepare() is True

    altair_own = _run("import json, altair as alt; alt.JupyterChart.enable_offline(); "
                      "print(json.dumps({'esm': alt.JupyterChart._esm}))", tmp_path / "unused")
    assert chart_bundle.cached() == altair_own["esm"]


def test_prepare_leaves_a_bundle_it_has_alone(tmp_path, monkeypatch):
    monkeypatch.setenv(chart_bundle.CACHE_DIR_ENV, str(tmp_path))
    chart_bundle.keep("/* made earlier */")

    assert chart_bundle.prepare() is True
    assert chart_bundle.cached() == "/* made earlier */"


def test_an_upgrade_of_either_library_names_a_new_bundle(tmp_path, monkeypatch):
    monkeypatch.setenv(chart_bundle.CACHE_DIR_ENV, str(tmp_path))
    versions = {"altair": "6.3.0", "vl-convert-python": "1.9.0"}
    monkeypatch.setattr(chart_bundle, "version", lambda name: versions[name])
    first = chart_bundle.bundle_path()
    versions["vl-convert-python"] = "1.10.0"
    second = chart_bundle.bundle_path()
    versions["altair"] = "6.4.0"
    third = chart_bundle.bundle_path()
    assert len({first, second, third}) == 3


def test_an_unwritable_cache_leaves_each_kernel_to_make_its_own(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv(chart_bundle.CACHE_DIR_ENV, str(blocked))

    chart_bundle.keep("/* cannot be kept */")  # no exception: the kernel goes on

    assert chart_bundle.cached() is None
