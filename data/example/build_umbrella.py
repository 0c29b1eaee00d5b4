"""Write the Riverbend Region's umbrella files to data/example/umbrella/.

    .venv/bin/python data/example/build_umbrella.py     (or: make example)

The curated answers and stances live in workbook/sample/example_umbrella.py (the coalitions
are the example's own, every word invented): change them there, run this, and commit the
files it rewrites. The stance forms offer the options the example's checklists seed, so this
loads the checklists into a scratch database first.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script from anywhere

from workbook.community import load_community  # noqa: E402
from workbook.loading import load_paths  # noqa: E402
from workbook.sample import example_umbrella  # noqa: E402
from workbook.tasks.umbrella.options import option_lists  # noqa: E402

if __name__ == "__main__":
    community = load_community(HERE)
    out = HERE / "umbrella"
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "workbook.db"
        load_paths([community.checklists_dir], db, community)
        written = example_umbrella.build(out, community, option_lists(community, db))
    print(f"Wrote {len(written)} umbrella files to {out.relative_to(HERE.parents[1])}.")
