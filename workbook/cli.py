"""python -m workbook template | check | load | sample | notes-template | load-notes |
indicator-template | load-indicators | alignment-workbook | umbrella-workbook | export | serve |
form-template | load-form | load-umbrella"""
from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

from .community import REVIEW_FILE, SETTINGS_FILE, Community, SettingsError, load_community
from .handout_files import outputs_help
from .numbers_text import counted


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except SettingsError as exc:
        print(f"Community settings problem: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Stopped; nothing was changed by the interrupted step.", file=sys.stderr)
        return 130
    except sqlite3.Error as exc:
        print(f"The database could not be written or read ({exc}); it is as it was before. "
              "Check the --db path, and that no other program holds the file.", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"A file could not be written or read: {exc}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m workbook",
                                     description="Alignment workbook: checklists in, starter database out.")
    commands = parser.add_subparsers(dest="command", required=True)

    template = commands.add_parser("template", help="write the Excel footprint checklist")
    _community_option(template)
    template.add_argument("--out", type=Path, default=Path("footprint-checklist.xlsx"),
                          help="where to write the .xlsx (default: %(default)s)")
    template.set_defaults(run=_template)

    check = commands.add_parser("check", help="report every problem in filled checklists")
    check.add_argument("paths", nargs="+", type=Path, help="checklist files or folders")
    _community_option(check)
    check.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    check.set_defaults(run=_check)

    _loading_command(commands, "load", _load, summary="build the starter SQLite database",
                     files="checklist files or folders", one="a checklist")

    sample = commands.add_parser("sample", help="write realistic filled checklists for demos and tests")
    sample.add_argument("--coalitions", type=int, default=20, help="how many (default: %(default)s)")
    sample.add_argument("--seed", type=int, default=1, help="random seed (default: %(default)s)")
    sample.add_argument("--out", type=Path, required=True, help="folder to write them to")
    _community_option(sample)
    sample.set_defaults(run=_sample)

    notes_template = commands.add_parser(
        "notes-template", help="write interview-notes templates, one per coalition (task 2)")
    _community_option(notes_template)
    notes_template.add_argument("--db", type=Path,
                                help="database whose coalitions get a template (default: the "
                                     "community's workbook.db, else its checklists)")
    notes_template.add_argument("--out", type=Path, required=True, help="folder to write them to")
    notes_template.add_argument("--coalition", action="extend", nargs="+", metavar="NAME",
                                help="only these coalitions, named as on their checklists")
    notes_template.set_defaults(run=_notes_template)

    _loading_command(commands, "load-notes", _load_notes,
                     summary="load filled interview notes into the database (task 2)",
                     files="notes files or folders", one="a notes file",
                     db="database the checklists were loaded into (default: the community's "
                        "workbook.db)")

    _indicator_commands(commands)

    export = commands.add_parser(
        "export", help="write handouts: overlap tables, comparison, Kumu network, every chart "
                       "of notebooks 1 and 2",
        description="Write the handouts of notebooks 1 and 2 into one folder.",
        epilog=outputs_help(), formatter_class=argparse.RawDescriptionHelpFormatter)
    export.add_argument("--db", type=Path, required=True, help="the loaded database")
    export.add_argument("--out", type=Path, required=True, help="folder to write them to")
    export.add_argument("--coalitions", nargs="+", metavar="NAME_OR_ID",
                        help="coalitions to compare side by side (default: the most-overlapping pair)")
    export.add_argument("--weights", metavar="DIMENSION=WEIGHT,...",
                        help="weights of the combined score, such as members=0.4,goals=0.2 "
                             "(default: the built-in weights)")
    _community_option(export)
    export.set_defaults(run=_export)
    _serve_command(commands)
    _room_form_commands(commands)
    from .backbone_cli import add_commands as backbone_commands
    backbone_commands(commands, _community_option)
    return parser


def _indicator_commands(commands) -> None:
    template = commands.add_parser(
        "indicator-template", help="write the Excel indicator-data template (task 3)")
    _community_option(template)
    template.add_argument("--out", type=Path, default=Path("indicator-data.xlsx"),
                          help="where to write the .xlsx (default: %(default)s)")
    template.set_defaults(run=_indicator_template)

    _loading_command(commands, "load-indicators", _load_indicators,
                     summary="load filled indicator-data files into the database (task 3)",
                     files="indicator-data files or folders", one="a file")

    alignment = commands.add_parser(
        "alignment-workbook", help="write the alignment workbook (Excel) and turn-the-curve "
                                   "charts (task 3)")
    alignment.add_argument("--db", type=Path, required=True, help="the loaded database")
    alignment.add_argument("--out", type=Path, required=True, help="folder to write them to")
    _community_option(alignment)
    alignment.set_defaults(run=_alignment_workbook)
    _umbrella_command(commands)

    umbrella = commands.add_parser(
        "load-umbrella", help="load readiness checks, stance forms (stances/round-N/), "
                              "opportunity moments and agreed options (task 4)")
    umbrella.add_argument("folder", type=Path, help="the umbrella folder, e.g. "
                                                    "data/example/umbrella")
    _community_option(umbrella)
    umbrella.add_argument("--db", type=Path, help="database file (default: the community's "
                                                  "workbook.db)")
    umbrella.add_argument("--strict", action="store_true",
                          help="exit 1 when a file or line has errors (the rest is loaded)")
    umbrella.set_defaults(run=_load_umbrella)


def _indicator_template(args) -> int:
    from .indicators import write_indicator_template
    community = _community(args)
    out = write_indicator_template(args.out, community)
    print(f"Wrote the indicator-data template for {community.name} to {out}")
    return 0


def _load_indicators(args) -> int:
    from .indicators import TABLE, load_indicators
    from .intake.batch import format_report
    community = _community(args, args.paths)
    db = args.db or community.database_path
    if db is None:
        print("Say where the database goes with --db FILE (or give --community DIR).",
              file=sys.stderr)
        return 2
    report = load_indicators(args.paths, db, community)
    print(format_report(report))
    print(f"Database {db}: {counted(len(report.points), 'figure')} in table {TABLE}.")
    return 1 if args.strict and report.errors else 0


def _load_umbrella(args) -> int:
    from .tasks.umbrella.loading import load_umbrella
    community = _community(args, [args.folder])
    db = args.db or community.database_path
    if db is None:
        print("Say where the database goes with --db FILE (or give --community DIR).",
              file=sys.stderr)
        return 2
    report = load_umbrella(args.folder, db, community)
    for outcome in [*report.readiness, *report.stances]:
        print(f"{outcome.source}: " + (f"stored ({outcome.submission_id})" if outcome.stored
                                       else "NOT stored"))
        for p in outcome.problems:
            where = " ".join(x for x in (p.sheet and f"sheet '{p.sheet}'", p.cell) if x)
            print(f"  {p.severity}: {p.message} {p.fix}" + (f" [{where}]" if where else ""))
    for p in report.problems:
        print(f"{p.file}: {p.severity}: {p.message} {p.fix}")
    print(f"Database {db}: "
          f"{counted(sum(o.stored for o in report.readiness), 'readiness check')}, "
          f"{counted(sum(o.stored for o in report.stances), 'stance form')}; "
          f"{counted(report.codes_added, 'paper code')}, "
          f"{counted(report.moments_added, 'opportunity moment')} and "
          f"{counted(report.agreed_added, 'agreed option')} added.")
    return 1 if args.strict and report.errors else 0


def _alignment_workbook(args) -> int:
    from .alignment_export import alignment_command
    community = load_community(args.community) if args.community is not None else None
    return alignment_command(args.db, args.out, community)


def _umbrella_command(commands) -> None:
    umbrella = commands.add_parser(
        "umbrella-workbook", formatter_class=argparse.RawDescriptionHelpFormatter,
        help="write the umbrella workbook (Excel), its charts and the draft charter (task 4)",
        epilog=_umbrella_help())
    umbrella.add_argument("--db", type=Path, required=True, help="the community's database")
    umbrella.add_argument("--out", type=Path, required=True, help="folder to write them to")
    umbrella.add_argument("--round", type=int, default=None, dest="round_id",
                          help="the round of stances the agreement map shows (default: the "
                               "latest)")
    umbrella.add_argument("--no-charter", action="store_true",
                          help="leave out the draft charter (.docx and .pdf)")
    umbrella.add_argument("--no-pdf", action="store_true",
                          help="write the charter as .docx only, without LibreOffice")
    _community_option(umbrella)
    umbrella.set_defaults(run=_umbrella_workbook)


def _umbrella_help() -> str:
    from .handout_files import UMBRELLA_CHARTS, UMBRELLA_WORKBOOK
    lines = ["files written to --out:", f"  {UMBRELLA_WORKBOOK}",
             "      stances per round, movement, agreement map, closest to consensus,",
             "      concessions, readiness, opportunity moments, decision log"]
    for stem, what in UMBRELLA_CHARTS.items():
        lines += [f"  {stem}.png, {stem}.svg", f"      {what}"]
    lines += ["  charter.docx, charter.pdf",
              "      the draft charter; the PDF only when LibreOffice is installed"]
    return "\n".join(lines)


def _umbrella_workbook(args) -> int:
    from .umbrella_export import umbrella_command
    community = _community(args, [args.db])
    return umbrella_command(args.db, args.out, community, args.round_id,
                            charter=not args.no_charter, pdf=not args.no_pdf)


def _serve_command(commands) -> None:
    serve = commands.add_parser("serve", help="serve the dashboards and the room (what `make workshop` runs)")
    _community_option(serve)
    serve.add_argument("--db", type=Path, help="database file (default: the community's workbook.db)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="127.0.0.1 for this laptop alone; 0.0.0.0 to let the room in (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8866, help="(default: %(default)s)")
    serve.add_argument("--require-codes", action="store_true",
                       help="ask for the room's codes even on this laptop (to try access alone; "
                            "beyond this laptop they are always asked)")
    serve.add_argument("--voila", action="append", default=[], metavar="OPTION",
                       help="one more Voilà option, such as --voila=--pool_size=2 (repeatable)")
    serve.set_defaults(run=_serve)


def _serve(args) -> int:
    from .room.app import serve
    community = _community(args)
    if community.folder is None:
        print("Say which community to serve: --community data/<your-community>", file=sys.stderr)
        return 2
    return serve(args.host, args.port, community.folder, args.db or community.database_path,
                 extra=args.voila, require_codes=args.require_codes)


def _room_form_commands(commands) -> None:
    """The room's forms on paper: write the Excel form of a round, load the filled ones."""
    from .roomstore.forms import FORMS
    form_template = commands.add_parser(
        "form-template", help="write a room form (e.g. fist to five) as Excel, for paper rooms")
    form_template.add_argument("--form", choices=sorted(FORMS), default="fist_to_five")
    _community_option(form_template)
    form_template.add_argument("--db", type=Path, help="the room's database (default: the "
                                                       "community's workbook.db)")
    form_template.add_argument("--round", type=int,
                               help="the round to fill in (default: the question open now)")
    form_template.add_argument("--out", type=Path, required=True, help="the .xlsx to write")
    form_template.set_defaults(run=_form_template)
    load_form = commands.add_parser("load-form",
                                    help="load filled room forms (Excel) as if sent from the web")
    load_form.add_argument("paths", nargs="+", type=Path, help="filled forms or folders")
    load_form.add_argument("--form", choices=sorted(FORMS), default="fist_to_five")
    _community_option(load_form)
    load_form.add_argument("--db", type=Path, help="the room's database (default: the "
                                                   "community's workbook.db)")
    load_form.set_defaults(run=_load_form)


def _form_template(args) -> int:
    from .roomstore import forms
    community = _community(args)
    form, db = forms.FORMS[args.form], args.db or community.database_path
    round_ = (forms.round_by_id(db, form, args.round) if args.round is not None
              else forms.current_round(db, form)) if db is not None and Path(db).is_file() else None
    if args.round is not None and round_ is None:
        print(f"No round {args.round} of {form.title} in {db}.", file=sys.stderr)
        return 2
    forms.write_excel_form(form, community, args.out, round_)
    asked = f"round {round_.round_id}: {round_.prompt}" if round_ else "no round filled in"
    print(f"Wrote {args.out} ({form.title}, {asked}).")
    return 0


def _load_form(args) -> int:
    from .roomstore import forms
    community = _community(args, args.paths)
    form, db = forms.FORMS[args.form], args.db or community.database_path
    outcomes = forms.load_form_files(args.paths, db, form, community)
    for outcome in outcomes:
        print(f"{outcome.source}: " + (f"stored (answer {outcome.submission_id})"
                                       if outcome.stored else "NOT stored"))
        for p in outcome.problems:
            where = " ".join(x for x in (p.sheet and f"sheet '{p.sheet}'", p.cell) if x)
            print(f"  {p.severity}: {p.message} {p.fix}" + (f" [{where}]" if where else ""))
    stored = sum(o.stored for o in outcomes)
    print(f"{stored} of {counted(len(outcomes), 'form')} stored in {db}.")
    return 0 if stored == len(outcomes) else 1


def _loading_command(commands, name: str, run, *, summary: str, files: str, one: str,
                     db: str = "database file (default: the community's workbook.db)") -> None:
    """A command reading filled files into the database: paths, --community, --db, --strict."""
    parser = commands.add_parser(name, help=summary)
    parser.add_argument("paths", nargs="+", type=Path, help=files)
    _community_option(parser)
    parser.add_argument("--db", type=Path, help=db)
    parser.add_argument("--strict", action="store_true",
                        help=f"exit 1 when {one} has errors (the database is written anyway)")
    parser.set_defaults(run=run)


def _community_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--community", type=Path, default=None,
                        help=f"community folder holding {SETTINGS_FILE} (default: found above the "
                             "checklists, else the built-in lists)")


def _community(args, near: list[Path] | None = None) -> Community:
    if args.community is not None:
        return load_community(args.community)
    for path in near or []:
        for folder in [path.resolve(), *path.resolve().parents]:
            if (folder / SETTINGS_FILE).is_file():
                return load_community(folder)
    return load_community(None)


def _template(args) -> int:
    from .templates import write_template
    community = _community(args)
    out = write_template(args.out, community)
    print(f"Wrote the checklist for {community.name} to {out}")
    return 0


def _progress(done: int, total: int, current: str) -> None:
    if not sys.stderr.isatty():
        return
    line = f"[{done}/{total}] {Path(current).name}" if current else f"[{done}/{total}] done"
    print(f"\r{line[:100]:<100}", end="" if current else "\n", file=sys.stderr, flush=True)


def _check(args) -> int:
    from .intake.batch import check_paths, format_report
    report = check_paths(args.paths, _community(args, args.paths), _progress)
    if args.json:
        print(json.dumps(report.as_json(), indent=2, default=str))
    else:
        print(format_report(report))
    return 1 if report.errors else 0


def _load(args) -> int:
    from .intake.batch import format_report
    from .loading import load_paths
    from .matching import write_review_csv
    community = _community(args, args.paths)
    db = args.db or community.database_path
    if db is None:
        print("Say where the database goes with --db FILE (or give --community DIR).", file=sys.stderr)
        return 2
    result = load_paths(args.paths, db, community, _progress)
    print(format_report(result.report))
    print(f"Database {db}: load {result.load_id}, {counted(result.organisations, 'organisation')}, "
          f"{counted(result.people, 'person', 'people')}.")
    if community.folder is not None and result.review:
        review_file = community.folder / REVIEW_FILE
        write_review_csv(result.review, review_file)
        print(f"{counted(len(result.review), 'pair')} of names "
              f"{'needs' if len(result.review) == 1 else 'need'} a decision: fill the 'decision' column "
              f"of {review_file} (same or different) and copy those lines into aliases.csv.")
    return 1 if args.strict and result.report.errors else 0


def _notes_template(args) -> int:
    from .notes import coalition_names, write_notes_templates
    community = _community(args)
    names = args.coalition or coalition_names(community, args.db or community.database_path)
    if not names:
        print("No coalitions to write notes for: name them with --coalition NAME, or give "
              "--db FILE of a loaded database or --community DIR with checklists.", file=sys.stderr)
        return 2
    written = write_notes_templates(community, names, args.out)
    print(f"Wrote {counted(len(written), 'interview-notes template')} for {community.name} to {args.out}")
    return 0


def _load_notes(args) -> int:
    from .intake.batch import format_report
    from .notes import TABLE, load_notes
    community = _community(args, args.paths)
    db = args.db or community.database_path
    if db is None or not Path(db).is_file():
        print(f"No database {'at ' + str(db) if db else 'given'}: load the checklists first "
              "(python -m workbook load), then give --db FILE.", file=sys.stderr)
        return 2
    report = load_notes(args.paths, db, community)
    print(format_report(report))
    coalitions = len(set(report.coalition_ids.values()))
    print(f"Database {db}: notes on {counted(coalitions, 'coalition')} in table {TABLE}.")
    return 1 if args.strict and report.errors else 0


def _sample(args) -> int:
    from .sample import sample_command
    return sample_command(args.coalitions, args.seed, args.out, args.community)


def _export(args) -> int:
    from .exports import export_command
    community = load_community(args.community) if args.community is not None else None
    return export_command(args.db, args.out, args.coalitions, args.weights, community)


if __name__ == "__main__":
    sys.exit(main())
