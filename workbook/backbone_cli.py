"""Task 5's commands: ``load-ratings`` (a folder of returned rater forms) and
``backbone-export`` (the closed survey's results as Excel, PNG and SVG)."""
from __future__ import annotations

import sys
from pathlib import Path

from .numbers_text import counted


def add_commands(commands, community_option) -> None:
    load = commands.add_parser(
        "load-ratings", help="load a backbone survey answered on paper (task 5): candidates.csv, "
                             "roster.json and the returned forms/ of a folder")
    load.add_argument("folder", type=Path, help="the survey's folder")
    community_option(load)
    load.add_argument("--db", type=Path, help="database the checklists were loaded into "
                                              "(default: the community's workbook.db)")
    load.add_argument("--close", action="store_true",
                      help="close the survey once loaded, so its results can be shown")
    load.set_defaults(run=_load_ratings)

    export = commands.add_parser(
        "backbone-export", help="write the backbone survey's results (task 5): Excel, PNG, SVG, "
                                "with the same anonymity rules as the notebook")
    export.add_argument("--db", type=Path, required=True, help="the database")
    export.add_argument("--out", type=Path, required=True, help="folder to write them to")
    export.add_argument("--survey", type=int, help="a closed survey (default: the last closed)")
    community_option(export)
    export.set_defaults(run=_export)


def _community(args):
    from .community import default_community, load_community
    return load_community(args.community) if args.community is not None else default_community()


def _load_ratings(args) -> int:
    from .community import load_community
    from .tasks.backbone import preparation
    community = (load_community(args.community) if args.community is not None
                 else load_community(args.folder.parent))
    db = args.db or community.database_path
    if db is None:
        print("No database given: --db FILE.", file=sys.stderr)
        return 2
    outcome = preparation.load_folder(args.folder, db, community, close=args.close)
    for problem in outcome.problems:
        where = " ".join(str(x) for x in (problem.file, problem.cell) if x)
        print(f"{problem.severity}: {where}: {problem.message} {problem.fix}")
    if outcome.note:
        print(f"Backbone survey: {outcome.note}.")
        return 0 if outcome.survey is not None else 1
    closed = " and closed" if args.close else " (still open)"
    print(f"Backbone survey {outcome.survey}: {counted(outcome.loaded, 'form')} loaded, "
          f"{outcome.refused} refused{closed}; the roster is kept beside {db}, owner-only.")
    return 1 if outcome.refused else 0


def _export(args) -> int:
    from .backbone_export import export_folder
    try:
        written = export_folder(args.db, args.out, _community(args), args.survey)
    except LookupError as error:
        print(str(error), file=sys.stderr)
        return 2
    print(f"Wrote {counted(len(written), 'file')} to {args.out}.")
    return 0
