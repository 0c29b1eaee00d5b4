"""``python -m workbook sample``: write a generated community to a folder."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from ..community import SettingsError, load_community
from ..forms import write_checklists
from .generate import generate_community


def sample_command(coalitions: int, seed: int, out: Path, community_dir: Path | None) -> int:
    """``python -m workbook sample``: write the files, print one line, return an exit code."""
    if coalitions < 1:
        print("--coalitions must be 1 or more.", file=sys.stderr)
        return 2
    try:
        community = load_community(community_dir)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    started = time.perf_counter()
    checklists = generate_community(coalitions, seed, community)
    try:
        paths = write_checklists(checklists, out, community)
    except OSError as exc:
        print(f"Cannot write to {out}: {exc}", file=sys.stderr)
        return 1
    messy = sum(1 for c in checklists if c.messy)
    print(f"Wrote {len(paths)} sample checklists for {community.name} to {out} "
          f"(seed {seed}; {messy} with messy entries) in {time.perf_counter() - started:.1f}s.")
    return 0
