"""How long the overlap matrices take for a large synthetic community.

Usage: python benchmarks/overlap_benchmark.py [N ...]   (default: 1000)
Target (task 2): every dimension's coalition x coalition matrix, plus the combined
score, for 1,000 coalitions in under 1 second.

Writing 1,000 checklists as xlsx takes minutes, so the community is inserted straight
into a database (``workbook.sample.database``). ``build_database`` and
``synthetic_coalitions`` are also what tests/test_overlaps.py builds its databases
with, so the scale test and this benchmark look at the same data.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from workbook.sample.database import build_database, synthetic_coalitions  # noqa: F401
from workbook.tasks.overlaps import overlap_matrices


def time_overlaps(db: Path, repeats: int = 3) -> float:
    """Best of *repeats*: all dimension matrices plus the default combined score."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        matrices = overlap_matrices(db)
        matrices.combined()
        best = min(best, time.perf_counter() - start)
    return best


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        for n in sizes:
            db = build_database(Path(scratch) / f"n{n}.db", synthetic_coalitions(n))
            seconds = time_overlaps(db)
            verdict = "within" if seconds < 1.0 else "OVER"
            print(f"{n} coalitions: all overlap matrices + combined in {seconds:.3f} s "
                  f"({verdict} the 1 s target)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000])
