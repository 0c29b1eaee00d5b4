"""The workshop agenda: the five alignment tasks, named once.

The page shell's header links and the server's front page both read this list, so a
task's title and what it is for never differ between them. Plain data: the Voilà server
imports it without loading the dashboards.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


@dataclass(frozen=True)
class Task:
    number: int
    title: str
    purpose: str  # one sentence a facilitator can read out
    notebook: str  # file name in notebooks/; a task whose notebook is missing is "coming"


TASKS: tuple[Task, ...] = (
    Task(1, "Map the moving trains",
         "Every coalition's footprint in one place: who works where, for whom, and the gaps "
         "nobody covers.", "1_map_the_moving_trains.ipynb"),
    Task(2, "Analyse the overlaps",
         "Shared members, goals, strategies and funders; the meeting burden and the asks; "
         "coalitions compared side by side.", "2_analyse_the_overlaps.ipynb"),
    Task(3, "Align goals and strategies",
         "A crosswalk of goals and strategies, the decisions taken in the room, and a North "
         "Star.", "3_align_goals_and_strategies.ipynb"),
    Task(4, "Negotiate the umbrella",
         "The umbrella partnership's population, issues, geography, resources and governance.",
         "4_negotiate_the_umbrella.ipynb"),
    Task(5, "Assess backbone candidates",
         "A blind survey of the backbone candidates, with anonymity protections.",
         "5_assess_backbone_candidates.ipynb"),
)


def task(number: int) -> Task:
    return next(t for t in TASKS if t.number == number)


def has_page(task: Task, folder: Path = NOTEBOOKS) -> bool:
    return (folder / task.notebook).is_file()
