"""Write the Riverbend Region's backbone survey to data/example/backbone/.

    .venv/bin/python data/example/build_backbone.py     (or: make example)

Three candidates (one a shared backbone), 30 raters and the Excel forms they returned:
uneven, with "don't know"s, two declared ties, and one candidate rated by too few people
to show. The answers live in workbook/tasks/backbone/example.py: change them there, run
this, and commit what it rewrites. ``make database`` loads the folder (``load-ratings``),
which keeps the roster's copy beside the database, readable by its owner only.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script from anywhere

from workbook.community import load_community  # noqa: E402
from workbook.tasks.backbone import example  # noqa: E402

if __name__ == "__main__":
    out = HERE / "backbone"
    written = example.build_folder(out, load_community(HERE))
    print(f"Wrote {len(written)} rater forms, the candidates and the roster to "
          f"{out.relative_to(HERE.parents[1])}.")
