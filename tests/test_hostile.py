"""Hostile and damaged checklists are contained: each kind is named, no row is lost, the
other files in the batch still load, and no file takes unbounded memory."""
from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from workbook.intake.batch import check_paths
from workbook.intake.problems import QUOTE_LIMIT, Code
from workbook.intake.reader import LOADED

from .builders import filled_rows
from .hostile.corpus import CELL, FILE, KINDS, SHEET, other_coalition, zip_bomb

ROOT = Path(__file__).resolve().parents[1]


def test_the_corpus_has_at_least_fifty_kinds_at_every_level():
    levels = Counter(k.level for k in KINDS)
    assert len(KINDS) >= 50 and all(levels[level] >= 5 for level in (FILE, SHEET, CELL))


@pytest.fixture(scope="module")
def good_file(tmp_path_factory):
    return other_coalition(tmp_path_factory.mktemp("good"))


@pytest.mark.parametrize("bad", KINDS, ids=lambda k: f"{k.level}: {k.name}")
def test_each_bad_kind_is_named_and_the_other_file_still_loads(bad, good_file, tmp_path,
                                                               community):
    path = bad.build(tmp_path)
    (tmp_path / good_file.name).write_bytes(good_file.read_bytes())
    report = check_paths([tmp_path], community)
    by_file = {c.path.name: c for c in report.checklists}
    other, checked = by_file.pop(good_file.name), by_file[path.name]

    assert other.status == LOADED and not other.problems
    found = [p.code for p in checked.problems]
    for code in bad.codes:
        assert code in found, f"{bad.name}: expected {code}, got {found}"
    for code in bad.absent:
        assert code not in found, f"{bad.name}: {code} misleads here"
    assert checked.status == (bad.status or LOADED)
    for problem in checked.problems:
        _one_clear_line(problem, bad)
    if bad.rows_counted:
        _no_row_lost(checked, path)


def _one_clear_line(problem, bad) -> None:
    assert problem.file and problem.message and problem.fix
    if Code[problem.code].level in ("cell", "row"):
        assert problem.sheet and problem.cell, f"{bad.name}: {problem.code} names no cell"
    if Code[problem.code].level == "sheet":
        assert problem.sheet, f"{bad.name}: {problem.code} names no sheet"
    # The template's own words (labels, fixes) plus at most two quoted values.
    assert len(problem.message) <= 2 * QUOTE_LIMIT + 200, problem.message
    assert "\n" not in problem.message


def _no_row_lost(checked, path: Path) -> None:
    loaded = sum(checked.rows.values()) if checked.status == LOADED else 0
    reported = sum(p.rows_not_loaded for p in checked.problems)
    assert loaded + reported == filled_rows(path), (
        f"{path.name}: {loaded} loaded + {reported} reported != {filled_rows(path)} filled")


# --- resource limits --------------------------------------------------------------------

MEMORY_LIMIT_MB = 500
# The peak of this process's own memory (VmHWM). getrusage's ru_maxrss is carried across
# exec, so a child started from a large pytest process would report the parent's size.
MEASURE = """
import sys
from pathlib import Path
from workbook.cli import main
code = main(["check", *sys.argv[1:]])
print("exit", code)
status = Path("/proc/self/status").read_text().splitlines()
print("peak_kb", next(line.split()[1] for line in status if line.startswith("VmHWM:")))
"""


def test_a_small_file_unpacking_to_hundreds_of_mb_is_one_error_in_bounded_memory(
        tmp_path, good_file):
    bomb = zip_bomb(tmp_path, "ready by five v3.xlsx", megabytes=240)  # under the 250 MB cap
    assert bomb.stat().st_size < 1024 * 1024
    (tmp_path / good_file.name).write_bytes(good_file.read_bytes())
    run = subprocess.run([sys.executable, "-c", MEASURE, str(tmp_path)], capture_output=True,
                         text=True, cwd=ROOT, timeout=300)
    lines = run.stdout.splitlines()
    errors = [line for line in lines if line.startswith("ERROR")]
    assert errors == [next(line for line in lines if "FILE_OVER_LIMIT" in line)]
    assert "ready by five v3.xlsx" in errors[0] and "1 of 2 files loaded" in run.stdout
    peak_mb = int(lines[-1].split()[1]) / 1024  # Linux reports kilobytes
    assert peak_mb < MEMORY_LIMIT_MB, f"check peaked at {peak_mb:.0f} MB"
