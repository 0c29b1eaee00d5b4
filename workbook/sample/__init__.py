"""Invented communities of filled footprint checklists, for demos, tests and benchmarks.

``generate_community`` invents a whole community of coalitions, deterministic for
a seed: shared member organisations under several spellings, the same people on
several tables, the same funders asked again and again, similar goals phrased
differently, and a share of checklists typed as carelessly as real ones.
``write_sample`` and ``sample_command`` write them to a folder. ``database``
builds a community straight into SQLite for the overlap benchmark and tests, and
``example`` and ``example_notes`` hold the curated example community's facts.

Every name it invents is fictional. Production code never imports this package:
filling a form lives in ``workbook.forms``.

  names          towns, regions, people's names, acronyms
  organisations  kinds of organisation, their spellings, pools and staff
  themes         what coalitions work on: names, missions, goals, strategies
  world          the pools one community draws from
  coalitions     one coalition's checklist
  habits         the messy habits that make a checklist realistic
  generate       a whole community, and writing it out
  database       a community written straight into SQLite, and a large synthetic one
  example        the example community's curated checklists (data/example/)
  example_notes  the example community's curated interview notes
  cli            ``python -m workbook sample``
"""
from ..forms import FilledChecklist, FillError, write_checklist, write_checklists
from .cli import sample_command
from .generate import generate_community, write_sample
from .world import make_world

__all__ = ["FilledChecklist", "FillError", "generate_community", "make_world",
           "sample_command", "write_checklist", "write_checklists", "write_sample"]
