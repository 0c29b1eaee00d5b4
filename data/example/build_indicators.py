"""Write the Riverbend Region's filled indicator-data files to data/example/indicators/.

    .venv/bin/python data/example/build_indicators.py     (or: make example)

The curated figures live in workbook/sample/example_indicators.py (every one of them
fictional): change them there, run this, and commit the files it rewrites.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script from anywhere

from workbook.community import load_community  # noqa: E402
from workbook.sample import example_indicators  # noqa: E402

if __name__ == "__main__":
    out = HERE / "indicators"
    written = example_indicators.build(out, load_community(HERE))
    print(f"Wrote {len(written)} indicator-data files to {out.relative_to(HERE.parents[1])}.")
