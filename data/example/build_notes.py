"""Write the Riverbend Region's filled interview notes to data/example/notes/.

    .venv/bin/python data/example/build_notes.py     (or: make example)

The curated answers live in workbook/sample/example_notes.py: change them there,
run this, and commit the notes it rewrites (the same bytes for the same answers).
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script from anywhere

from workbook.community import load_community  # noqa: E402
from workbook.sample import example_notes  # noqa: E402

if __name__ == "__main__":
    out = HERE / "notes"
    written = example_notes.build(out, load_community(HERE))
    print(f"Wrote {len(written)} interview notes to {out.relative_to(HERE.parents[1])}.")
