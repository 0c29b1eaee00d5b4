"""The files ``python -m workbook export`` writes, named once: the export writes them and
``--help`` lists them, without loading the chart libraries just to print help."""
from __future__ import annotations

OVERLAPS_FILE = "overlaps.xlsx"
COMPARISON_FILE = "comparison.xlsx"
KUMU_FILE = "kumu.xlsx"

# Notebook 1's coverage grids: (rows, columns) -> file stem.
COVERAGE_CHARTS = {
    ("issue_area", "population"): "coverage-issue-area-by-population",
    ("issue_area", "geography"): "coverage-issue-area-by-geography",
    ("population", "geography"): "coverage-population-by-geography",
}

# Every chart of notebooks 1 and 2, each written as .png and .svg: stem -> what it shows.
CHARTS = {
    **{stem: f"coverage grid, {rows.replace('_', ' ')} × {columns} (notebook 1)"
       for (rows, columns), stem in COVERAGE_CHARTS.items()},
    "overlap-heatmap": "combined overlap between coalitions, with its weights (notebook 2)",
    "membership-network": "who sits on which coalitions (notebook 2)",
    "meeting-burden": "meeting time per organisation (notebook 2)",
    "meeting-burden-people": "meeting time per person (notebook 2)",
    "asks": "who is asked, and for what (notebook 2)",
}

WORKBOOKS = {
    OVERLAPS_FILE: "top pairs, one matrix per dimension, combined score, meeting burden, asks",
    COMPARISON_FILE: "the compared coalitions side by side, with interview notes",
    KUMU_FILE: "the membership network for Kumu, with full names",
}


def outputs_help() -> str:
    """The list of outputs, for ``export --help``."""
    lines = ["files written to --out:"]
    for name, what in [*WORKBOOKS.items(),
                       *((f"{stem}.png, {stem}.svg", what) for stem, what in CHARTS.items())]:
        lines += [f"  {name}", f"      {what}"]
    lines.append("Every chart carries its title, the community, the date and, where they "
                 "apply, the weights and filters.")
    return "\n".join(lines)

# Task 4's umbrella workbook and charts (``umbrella_export``): stem -> what it shows.
UMBRELLA_WORKBOOK = "umbrella-workbook.xlsx"
UMBRELLA_CHARTS = {
    "agreement-map": "parameter x option x coalition, the latest round, with counts per option",
    "readiness": "every readiness answer per ingredient, with n and band",
    "movement": "how stances moved into the latest round from the one before, per parameter "
                "(from the second round on)",
}
