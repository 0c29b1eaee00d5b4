"""Write the Riverbend Region's filled checklists to data/example/checklists/.

    .venv/bin/python data/example/build_example.py     (or: make example)

The curated facts live in workbook/sample/example.py: change them there, run
this, and commit the checklists it rewrites (the same bytes for the same facts).
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script from anywhere

from workbook.community import load_community  # noqa: E402
from workbook.sample import example  # noqa: E402

if __name__ == "__main__":
    out = HERE / "checklists"
    written = example.build(out, load_community(HERE))
    print(f"Wrote {len(written)} checklists to {out.relative_to(HERE.parents[1])}.")
