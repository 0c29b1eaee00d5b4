"""What one dashboard kernel holds: its memory after each import and after its notebook runs.

Usage: python benchmarks/kernel_memory.py [--notebook 2] [--arena-max N]

Starts one IPython kernel as Voilà starts it (the workshop's environment, the example
community loaded into a scratch database), then imports the dashboards' libraries one by
one and runs the notebook's cells, printing after each step the kernel's

* RSS: every page it has in memory, shared libraries included;
* PSS: the same, each shared page divided among the processes that share it (what a set of
  processes costs when added up);
* USS: the pages only this process holds (what stopping it gives back).

--arena-max sets MALLOC_ARENA_MAX in the kernel's environment (0: leave glibc's default).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import psutil
from jupyter_client.manager import KernelManager

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbook import chart_bundle  # noqa: E402
from workbook.community import load_community  # noqa: E402
from workbook.loading import load_paths  # noqa: E402

MB = 1024 * 1024
IMPORTS = [
    ("numpy", "import numpy"),
    ("pandas", "import pandas"),
    ("ipywidgets", "import ipywidgets"),
    ("altair", "import altair"),
    ("networkx", "import networkx"),
    ("workbook.views.page", "import workbook.views.page"),
]


def memory(pid: int) -> dict:
    info = psutil.Process(pid).memory_full_info()
    return {"rss": info.rss / MB, "pss": info.pss / MB, "uss": info.uss / MB}


def modules_loaded(client) -> set[str]:
    printed: list[str] = []
    run_cell(client, "import sys, json; print(json.dumps(sorted(sys.modules)))", printed)
    return set(json.loads("".join(printed)))


def run_cell(client, code: str, printed: list[str] | None = None) -> None:
    def hook(message):
        if message["msg_type"] == "error":
            raise RuntimeError("\n".join(message["content"]["traceback"]))
        if message["msg_type"] == "stream" and printed is not None:
            printed.append(message["content"]["text"])
    client.execute_interactive(code, timeout=600, output_hook=hook)


def notebook_cells(number: int) -> list[str]:
    path = next((ROOT / "notebooks").glob(f"{number}_*.ipynb"))
    cells = json.loads(path.read_text())["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebook", type=int, default=2)
    parser.add_argument("--arena-max", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        community = load_community(ROOT / "data" / "example")
        db = Path(scratch) / "workbook.db"
        load_paths([community.checklists_dir], db, community)
        env = dict(os.environ, WORKBOOK_COMMUNITY=str(community.folder), WORKBOOK_DB=str(db),
                   PYTHONPATH=str(ROOT), IPYTHONDIR=str(Path(scratch) / "ipython"))
        env.pop("MALLOC_ARENA_MAX", None)
        if args.arena_max:
            env["MALLOC_ARENA_MAX"] = str(args.arena_max)
        chart_bundle.prepare()  # as `python -m workbook serve` does before any kernel starts
        manager = KernelManager(kernel_name="python3")
        manager.start_kernel(env=env)
        client = manager.client()
        client.start_channels()
        client.wait_for_ready(timeout=120)
        pid = manager.provisioner.process.pid
        try:
            rows = [("empty kernel", memory(pid))]
            for name, code in IMPORTS:
                run_cell(client, code)
                rows.append((f"+ import {name}", memory(pid)))
            before = modules_loaded(client)
            for index, code in enumerate(notebook_cells(args.notebook)):
                run_cell(client, code)
                rows.append((f"+ notebook {args.notebook} cell {index + 1}", memory(pid)))
            heavy = sorted(m for m in modules_loaded(client) - before if "." not in m)
            run_cell(client, "import gc; gc.collect()")
            rows.append(("after gc.collect()", memory(pid)))
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    print(f"kernel of notebook {args.notebook}, MALLOC_ARENA_MAX="
          f"{args.arena_max or 'glibc default'}")
    print(f"{'step':38} {'RSS':>8} {'PSS':>8} {'USS':>8}   (MB)")
    for step, mem in rows:
        print(f"{step:38} {mem['rss']:8.0f} {mem['pss']:8.0f} {mem['uss']:8.0f}")
    print("top-level modules the notebook's cells imported:", ", ".join(heavy) or "none")


if __name__ == "__main__":
    main()
