"""The agreement map of task 4, redrawn from stances already read, on this machine.

Usage: python benchmarks/umbrella_benchmark.py [--coalitions 50] [--parameters 5]
       [--options 10] [--runs 15]

A room of --coalitions coalitions, each giving a stance on every option of --parameters
parameters with --options options each (stances drawn at random, seeded, one in eight left
blank, one in ten a block with a reason). One redraw is what notebook 4 does after a stance
comes in, panel by panel: the agreement map panel computes the per-option table and builds the
map's chart from it (turned into the Vega-Lite spec the chart widget sends to the browser; the
browser's own drawing is not timed); the consensus panel computes the set closest to consensus
with every coalition's concessions (its own per-option table included) and the like-minded
groups. Reported: median and worst of --runs
redraws, and each part's median, in wall-clock and in CPU time (the process's own: on a
machine shared with other work the wall clock also counts waiting for a core). Target: a
redraw under 250 ms at 50 x 5 x 10.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbook import schema as S  # noqa: E402
from workbook import umbrella_figures as U  # noqa: E402
from workbook.tasks.umbrella import agreement as A  # noqa: E402

TARGET_S = 0.250


def room(coalitions: int, parameters: int, options: int, seed: int = 4):
    rng = random.Random(seed)
    option_rows = [{"parameter": f"parameter_{p}", "parameter_title": f"Parameter {p}",
                    "option": f"Option {p}.{o}", "meaning": "", "coalitions_covering": None,
                    "source": "benchmark"} for p in range(1, parameters + 1)
                   for o in range(1, options + 1)]
    names = [f"Coalition {c:02d}" for c in range(1, coalitions + 1)]
    weights = (2, 3, 4, 1)  # must have, prefer, can accept, cannot accept
    stances = [{"round": 1, "coalition": name, "parameter": row["parameter"],
                "option": row["option"], "stance": stance,
                "reason": "Our funder forbids it" if stance == S.CANNOT_ACCEPT else None}
               for name in names for row in option_rows if rng.random() >= 1 / 8
               for stance in [rng.choices(S.STANCES, weights)[0]]]
    return pd.DataFrame(stances), pd.DataFrame(option_rows), names


def redraw(stances, options, names) -> dict[str, float]:
    took, made = {}, {}
    for part, run in (("per option", lambda: A.per_option(stances, options, names)),
                      ("agreement map chart (spec)",
                       lambda: U.agreement_chart(stances, options, names,
                                                 made["per option"]).to_dict()),
                      ("consensus + concessions",
                       lambda: A.closest_to_consensus(stances, options, names)),
                      ("like-minded groups", lambda: A.like_minded(stances, names))):
        start, cpu = time.perf_counter(), time.process_time()
        made[part] = run()
        took[part] = time.perf_counter() - start
        took[part + " (CPU)"] = time.process_time() - cpu
    took["redraw"] = sum(v for k, v in took.items() if not k.endswith("(CPU)"))
    took["redraw (CPU)"] = sum(v for k, v in took.items() if k.endswith("(CPU)"))
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--coalitions", type=int, default=50)
    parser.add_argument("--parameters", type=int, default=5)
    parser.add_argument("--options", type=int, default=10)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    stances, options, names = room(args.coalitions, args.parameters, args.options)
    redraw(stances, options, names)  # warm-up: imports, pandas caches
    runs = [redraw(stances, options, names) for _ in range(args.runs)]
    print(f"{args.coalitions} coalitions x {args.parameters} parameters x {args.options} "
          f"options: {len(stances)} stances, {args.runs} redraws")
    for part in runs[0]:
        values = [r[part] for r in runs]
        print(f"  {part:<32} median {statistics.median(values) * 1000:7.1f} ms   "
              f"worst {max(values) * 1000:7.1f} ms")
    for clock in ("redraw", "redraw (CPU)"):
        median = statistics.median(r[clock] for r in runs)
        print(f"target {TARGET_S * 1000:.0f} ms, {clock}: "
              f"{'met' if median < TARGET_S else 'NOT met'} (median {median / TARGET_S:.2f} "
              "of the target)")


if __name__ == "__main__":
    main()
