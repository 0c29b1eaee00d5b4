"""Check + load speed beside a naive pandas read and a raw calamine parse, in one run.

Usage: python benchmarks/intake_benchmark.py [--samples DIR] [--no-naive] [--json] [N ...]
(default: 50 500). With --samples, checklists already written by the same generator into
DIR/n<N> are used instead of writing them again (writing 500 takes minutes on a busy
machine). --no-naive skips the naive read; --json prints one JSON line per N (for a
driver that alternates two versions of the code in turns).
Targets (issue 6): at least 5x faster than the naive read, within 2x of the raw
calamine parse, and linear in N (time per file about the same at 50 and 500).

check+load and the raw parse are timed in turns, REPEATS times each, and the fastest of
each is kept, so a burst of load on a shared machine does not fall on one side only.
The naive read, ten times slower, is timed once. "x calamine CPU" compares the CPU time
of the process instead (all threads: with reading ahead on, check+load parses the next
file on a second thread, so its wall time can be under its CPU time). On a shared,
busy machine wall time measures the queue for the cores as much as the code: the CPU
ratio is the steadier one. The 1-minute load average is printed before and after.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import python_calamine as calamine

from workbook.community import default_community
from workbook.intake import cells, layout, tables
from workbook.loading import load_paths
from workbook.matching import people
from workbook.matching.names import parse_name
from workbook.sample import write_sample


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def timed_with_cpu(action) -> tuple[float, float]:
    """Wall time and the CPU time of every thread of this process (check_paths parses the
    next file on a second thread, so its wall time can be less than its CPU time)."""
    start, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - start, time.process_time() - cpu


def naive_read(files: list[Path]) -> None:
    for path in files:
        pd.read_excel(path, sheet_name=None, engine="openpyxl")


def raw_calamine(files: list[Path]) -> None:
    for path in files:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
        for name in workbook.sheet_names:
            workbook.get_sheet_by_name(name).to_python()
        workbook.close()


REPEATS = 3


def forget_caches() -> None:
    """Each timed load starts as a fresh `python -m workbook load` would: the caches that
    spare work across the files of one load (headings, parsed names) are emptied."""
    layout._comparable.cache_clear()
    layout._HEADING_KEYS.clear()
    parse_name.cache_clear()
    cells._entries_by_key.cache_clear()
    cells.means_no_answer.cache_clear()
    cells.is_placeholder_organisation.cache_clear()
    people._person_words.cache_clear()
    tables._column_letters.cache_clear()


def run(n: int, folder: Path, samples: Path | None = None, naive: bool = True) -> dict:
    community = default_community()
    checklists = samples / f"n{n}" if samples else folder / f"n{n}"
    if samples is None:
        write_sample(n, 2026, checklists, community)
    files = sorted(checklists.glob("*.xlsx"))
    if not files:
        raise SystemExit(f"No checklists in {checklists}: write them first (run without "
                         f"--samples once, or with the sample generator).")
    ours_times, ours_cpu, raw_times, raw_cpu = [], [], [], []
    for repeat in range(REPEATS):
        database = folder / f"n{n}-{repeat}.db"
        forget_caches()
        wall, cpu = timed_with_cpu(lambda: load_paths([checklists], database, community))
        ours_times.append(wall)
        ours_cpu.append(cpu)
        wall, cpu = timed_with_cpu(lambda: raw_calamine(files))
        raw_times.append(wall)
        raw_cpu.append(cpu)
    ours, raw = min(ours_times), min(raw_times)
    naive_s = timed(lambda: naive_read(files)) if naive else float("nan")
    return {"n": n, "ours_s": ours, "naive_s": naive_s, "calamine_s": raw,
            "ours_cpu_s": min(ours_cpu), "calamine_cpu_s": min(raw_cpu),
            "faster_than_naive": naive_s / ours, "times_calamine": ours / raw,
            "cpu_times_calamine": min(ours_cpu) / min(raw_cpu),
            "ms_per_file": 1000 * ours / n, "cpu_ms_per_file": 1000 * min(ours_cpu) / n}


def load_average() -> float:
    return os.getloadavg()[0]


def main(sizes: list[int], samples: Path | None = None, naive: bool = True,
         as_json: bool = False) -> None:
    load_before = load_average()
    with tempfile.TemporaryDirectory() as scratch:
        results = [run(n, Path(scratch), samples, naive) for n in sizes]
    load_after = load_average()
    if as_json:
        for r in results:
            print(json.dumps({**r, "load_before": load_before, "load_after": load_after}))
        return
    print(f"load average (1 min): {load_before:.1f} before, {load_after:.1f} after")
    print(f"{'N':>5} {'check+load s':>13} {'CPU s':>6} {'naive s':>9} {'calamine s':>11} "
          f"{'CPU s':>6} {'x faster than naive':>20} {'x calamine':>11} {'x calamine CPU':>15} "
          f"{'ms/file':>8}")
    for r in results:
        print(f"{r['n']:>5} {r['ours_s']:>13.2f} {r['ours_cpu_s']:>6.2f} {r['naive_s']:>9.2f} "
              f"{r['calamine_s']:>11.2f} {r['calamine_cpu_s']:>6.2f} "
              f"{r['faster_than_naive']:>20.1f} {r['times_calamine']:>11.2f} "
              f"{r['cpu_times_calamine']:>15.2f} {r['ms_per_file']:>8.1f}")
    if len(results) > 1:
        first, last = results[0], results[-1]
        print(f"per-file time at N={last['n']} vs N={first['n']}: "
              f"{last['ms_per_file'] / first['ms_per_file']:.2f}x by wall, "
              f"{last['cpu_ms_per_file'] / first['cpu_ms_per_file']:.2f}x by CPU (1.0 = linear)")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    given = None
    if "--samples" in arguments:
        at = arguments.index("--samples")
        given = Path(arguments[at + 1])
        del arguments[at:at + 2]
    flags = {a for a in arguments if a.startswith("--")}
    sizes = [int(a) for a in arguments if not a.startswith("--")]
    main(sizes or [50, 500], given, "--no-naive" not in flags, "--json" in flags)
