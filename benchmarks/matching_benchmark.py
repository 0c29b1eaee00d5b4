"""Name matching on real spellings: precision and recall on the labelled pair sets.

    python benchmarks/matching_benchmark.py                 # this tree, and 'before'
    python benchmarks/matching_benchmark.py --before 315fd43 --write

Every figure is computed here from tests/data/*-name-pairs.csv; nothing is typed in.
"After" is the matcher of this tree. "Before" is the matcher of an older commit
(default: the last one before the matching work of issue 6), taken out with
``git archive`` into a temporary folder and run in its own process, so both are
measured by the same evaluation code. ``--write`` puts the section
"Name matching on real spellings" into benchmarks/RESULTS.md (replacing an older one).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
ORGANISATION_PAIRS = DATA / "organisation-name-pairs.csv"
HELD_OUT_PAIRS = DATA / "organisation-name-pairs-held-out.csv"
PEOPLE_PAIRS = DATA / "person-name-pairs.csv"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
EVALUATION = ROOT / "workbook" / "matching" / "evaluation.py"
SECTION = "## Name matching on real spellings"
# The matcher as it was when issue 6 was filed (main before the matching work).
DEFAULT_BEFORE = "315fd43"

# Run in a process whose workbook package is the one to measure; the evaluation
# module is loaded from this tree by its path, so before and after are measured alike.
_MEASURE = r"""
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("evaluation", sys.argv[1])
ev = sys.modules["evaluation"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ev)
from workbook.matching import PersonMention, match_organisations, match_people

def figures(f):
    return {"precision": f.precision, "recall_merge_or_review": f.recall_merge_or_review,
            "recall_merge": f.recall_merge, "same_pairs": f.same_pairs,
            "different_pairs": f.different_pairs, "false_merges": len(f.false_merges),
            "reviewed_different": f.reviewed_different, "missed": len(f.missed),
            "false_merge_pairs": [[p.a, p.b] for p in f.false_merges],
            "missed_pairs": [[p.a, p.b] for p in f.missed]}

out = {}
for label, path in (("organisations", sys.argv[2]), ("held_out", sys.argv[3])):
    if not path:
        continue
    pairs = ev.read_pairs(path)
    batch, categories = ev.evaluate_batch(pairs, match_organisations)
    pairwise, _ = ev.evaluate_pairwise(pairs, match_organisations)
    out[label] = {"batch": figures(batch), "pairwise": figures(pairwise),
                  "categories": {name: figures(f) for name, f in categories.items()}}
people, categories, _ = ev.evaluate_people(ev.read_people_pairs(sys.argv[4]), match_people,
                                           PersonMention)
out["people"] = {"batch": figures(people),
                 "categories": {name: figures(f) for name, f in categories.items()}}
print(json.dumps(out))
"""


def measure(package_root: Path) -> dict:
    held_out = str(HELD_OUT_PAIRS) if HELD_OUT_PAIRS.is_file() else ""
    run = subprocess.run([sys.executable, "-c", _MEASURE, str(EVALUATION), str(ORGANISATION_PAIRS),
                          held_out, str(PEOPLE_PAIRS)],
                         cwd=package_root, env={**os.environ, "PYTHONPATH": str(package_root)},
                         capture_output=True, text=True)
    if run.returncode:
        raise SystemExit(f"Measuring the matcher in {package_root} failed:\n{run.stderr}")
    return json.loads(run.stdout)


def measure_commit(ref: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "archive", ref, "workbook"], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        return measure(Path(folder))


def _rate(value: float) -> str:
    return f"{value:.2f}"


def _row(label: str, figures: dict) -> str:
    return (f"| {label} | {_rate(figures['precision'])} | {_rate(figures['recall_merge_or_review'])} "
            f"| {_rate(figures['recall_merge'])} | {figures['false_merges']} | {figures['missed']} "
            f"| {figures['reviewed_different']} |")


def section(before: dict | None, after: dict, before_ref: str) -> str:
    org = after["organisations"]["batch"]
    lines = [SECTION + " — `python benchmarks/matching_benchmark.py --write`", "",
             f"{org['same_pairs'] + org['different_pairs']} labelled pairs of organisation spellings "
             f"({org['same_pairs']} the same organisation, {org['different_pairs']} that must stay "
             "apart) in `tests/data/organisation-name-pairs.csv`, written from the names real US "
             "coalition member lists carry. *Batch*: all spellings matched at once, as a load does; "
             "*pair by pair*: each pair alone. Precision counts only automatic merges; a pair "
             "offered for review is kept apart until a facilitator decides. "
             f"Before: commit {before_ref}; after: this tree.", "",
             "| matcher, run | auto-merge precision | recall of merge + review | auto-merge recall "
             "| false merges | same pairs missed | different pairs reviewed |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, run in ((f"before ({before_ref})", before), ("after", after)):
        for kind, label in (("batch", "batch"), ("pairwise", "pair by pair")):
            if run:
                lines.append(_row(f"{name}, {label}", run["organisations"][kind]))
    if "held_out" in after:
        for name, run in ((f"before ({before_ref})", before), ("after", after)):
            if run and "held_out" in run:
                lines.append(_row(f"{name}, held-out set, batch", run["held_out"]["batch"]))
        held_out = after["held_out"]["batch"]
        lines += ["", f"The held-out set (`organisation-name-pairs-held-out.csv`, "
                  f"{held_out['same_pairs'] + held_out['different_pairs']} pairs from other "
                  "cities' names) was written after the matcher was tuned on the first set, and "
                  "the matcher was not tuned on it since."]
    lines += ["", "Targets: auto-merge precision 1.00, recall of merge + review ≥ 0.95 (batch), "
              "asserted from these same computations by `tests/test_matching_real_spellings.py`.",
              "", "By category (after, batch):", "",
              "| category | pairs | auto-merge precision | recall of merge + review "
              "| auto-merge recall |",
              "| --- | ---: | ---: | ---: | ---: |"]
    for name, figures in after["organisations"]["categories"].items():
        count = figures["same_pairs"] + figures["different_pairs"]
        same = figures["same_pairs"] > 0
        lines.append(f"| {name} | {count} | {_rate(figures['precision'])} | "
                     f"{_rate(figures['recall_merge_or_review']) if same else '–'} | "
                     f"{_rate(figures['recall_merge']) if same else '–'} |")
    people = after["people"]["batch"]
    lines += ["", f"People ({people['same_pairs'] + people['different_pairs']} labelled pairs in "
              "`tests/data/person-name-pairs.csv`, one batch):", "",
              "| matcher | auto-merge precision | recall of merge + review | auto-merge recall "
              "| false merges | same pairs missed | different pairs reviewed |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    if before:
        lines.append(_row(f"before ({before_ref})", before["people"]["batch"]))
    lines.append(_row("after", people))
    return "\n".join(lines) + "\n"


def write_section(text: str) -> None:
    results = RESULTS.read_text(encoding="utf-8")
    start = results.find(SECTION)
    if start == -1:
        results = results.rstrip("\n") + "\n\n" + text
    else:
        end = results.find("\n## ", start + len(SECTION))
        results = results[:start] + text + (results[end:] if end != -1 else "")
    RESULTS.write_text(results, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=DEFAULT_BEFORE,
                        help="git commit of the matcher to compare with ('' for none)")
    parser.add_argument("--write", action="store_true", help="update benchmarks/RESULTS.md")
    parser.add_argument("--show", action="store_true", help="list false merges and missed pairs")
    args = parser.parse_args(argv)
    after = measure(ROOT)
    before = measure_commit(args.before) if args.before else None
    text = section(before, after, args.before)
    print(text)
    if args.show:
        for label, run in (("before", before), ("after", after)):
            batch = run["organisations"]["batch"] if run else {}
            for pair in batch.get("false_merge_pairs", []):
                print(f"{label} false merge: {pair}")
            for pair in batch.get("missed_pairs", []):
                print(f"{label} missed: {pair}")
    if args.write:
        write_section(text)


if __name__ == "__main__":
    main()
