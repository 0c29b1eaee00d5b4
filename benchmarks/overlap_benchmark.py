"""How long the overlap matrices take for a large synthetic community.

Usage: python benchmarks/overlap_benchmark.py [--json] [N ...]   (default: 1000)
Target (task 2): every dimension's coalition x coalition matrix, plus the combined
score, for 1,000 coalitions in under 1 second.

Writing 1,000 checklists as xlsx takes minutes, so the community is inserted straight
into a database (``workbook.sample.database``). ``build_database`` and
``synthetic_coalitions`` are also what tests/test_overlaps.py builds its databases
with, so the scale test and this benchmark look at the same data.

Wall time and the process's CPU time are both reported (best of 3 each), with the
1-minute load average before and after: on a shared, busy machine wall time measures
the queue for the cores as much as the code, so compare versions by CPU time, in turns.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from workbook.sample.database import build_database, synthetic_coalitions  # noqa: F401
from workbook.tasks.overlaps import overlap_matrices


def time_overlaps(db: Path, repeats: int = 3) -> tuple[float, float]:
    """Best of *repeats* (wall s, CPU s of this process): all dimension matrices plus the
    default combined score."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        matrices = overlap_matrices(db)
        matrices.combined()
        best_wall = min(best_wall, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best_wall, best_cpu


def main(sizes: list[int], as_json: bool = False) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        for n in sizes:
            db = build_database(Path(scratch) / f"n{n}.db", synthetic_coalitions(n))
            load_before = os.getloadavg()[0]
            wall, cpu = time_overlaps(db)
            load_after = os.getloadavg()[0]
            if as_json:
                print(json.dumps({"n": n, "wall_s": wall, "cpu_s": cpu,
                                  "load_before": load_before, "load_after": load_after}))
                continue
            verdict = "within" if wall < 1.0 else "OVER"
            print(f"{n} coalitions: all overlap matrices + combined in {wall:.3f} s wall, "
                  f"{cpu:.3f} s CPU ({verdict} the 1 s target by wall time; load average "
                  f"{load_before:.1f} before, {load_after:.1f} after)")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main([int(a) for a in arguments if a != "--json"] or [1000], "--json" in arguments)
