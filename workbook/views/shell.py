"""The frame every dashboard shares: header, projector theme, quality badge, friendly errors."""
from __future__ import annotations

import html
import os
import threading
import time
from dataclasses import dataclass, field

import ipywidgets as widgets

from .. import agenda
from .. import workspace as workspaces
from ..community import Community
from ..tasks import trains
from . import charts
from .blocks import message
from .errors import friendly, log_exception  # noqa: F401  (notebooks import friendly here)
from .inventory import load_report

NEW_LOAD_CHECK_S = 2.0  # how often an open page looks for a newer load of the checklists

# Large type and strong contrast for a projector; Okabe-Ito colours stay distinct
# for colour-blind viewers.
THEME_CSS = """
<style>
.wb-page { font-size: 20px; line-height: 1.45; color: #111; }
.wb-header { display: flex; justify-content: space-between; align-items: baseline;
             border-bottom: 4px solid #0072B2; padding: 6px 0 10px 0; margin-bottom: 12px; }
.wb-header h1 { font-size: 34px; margin: 0; }
.wb-header .wb-community { font-size: 22px; color: #333; }
.wb-nav a { margin-right: 18px; font-size: 18px; color: #0072B2; }
.wb-nav .wb-later { margin-right: 18px; font-size: 18px; color: #767676; }
.wb-nav a.wb-current { font-weight: bold; color: #111; text-decoration: none; }
.wb-numbers { display: flex; gap: 18px; flex-wrap: wrap; margin: 10px 0 18px 0; }
.wb-number { border: 2px solid #0072B2; border-radius: 8px; padding: 10px 18px; min-width: 150px; }
.wb-number b { display: block; font-size: 40px; }
.wb-message { border-left: 8px solid #E69F00; background: #FFF6E0; padding: 12px 18px;
              font-size: 20px; margin: 10px 0; }
.wb-table { border-collapse: collapse; font-size: 17px; }
.wb-table th { background: #0072B2; color: white; padding: 6px 10px; text-align: left; }
.wb-table td { border-bottom: 1px solid #ccc; padding: 6px 10px; vertical-align: top; }
.wb-badge { font-size: 18px; }
/* One question per screen: the answer sits beside what was clicked, the chart beside it
   takes the rest of the width (all of it at 1920) and scrolls in its own box if wider. */
.wb-beside { display: flex; gap: 20px; align-items: flex-start; width: 100%;
             overflow: visible !important; }
.wb-beside > .wb-main { flex: 1 1 auto; min-width: 0; overflow: auto; }
/* Sticky: wherever the clicked square is scrolled to, its answer stays on the screen. */
.wb-beside > .wb-side { flex: 0 0 360px; max-width: 360px; position: sticky; top: 0;
                        align-self: flex-start; }
/* A phone or a narrow window has no room for both side by side (the chart's column was
   squeezed to nothing at 390 px): the answer goes below the chart, which scrolls sideways
   in its own box. */
@media (max-width: 900px) {
  .wb-beside { flex-direction: column; }
  .wb-beside > .wb-main { width: 100%; flex: 0 0 auto; }
  .wb-beside > .wb-side { flex: 0 0 auto; max-width: 100%; width: 100%; position: static; }
}
.wb-cell { max-height: 60vh; overflow-y: auto; }
/* Wide tables scroll inside their panel, the row names staying in view: never clipped. */
.wb-scroll { max-width: calc(100vw - 60px); max-height: 75vh; overflow: auto; }
.wb-scroll th:first-child { position: sticky; left: 0; z-index: 1; }
.wb-scroll tr:first-child > th { position: sticky; top: 0; z-index: 2; background: #0072B2; }
</style>
"""


@dataclass(frozen=True)
class Workspace(workspaces.Workspace):
    """The workspace as a dashboard page holds it: with the page's news line and badge."""
    notice: widgets.HTML = field(default_factory=widgets.HTML)  # top-of-page news
    badge: widgets.VBox = field(default_factory=widgets.VBox)  # holds the data-quality badge


def open_workspace() -> Workspace:
    """The community and database the dashboards show, from the environment or the example."""
    charts.enable()
    community, db = workspaces.locate()
    return Workspace(community, db, _latest_load(db))


_latest_load = workspaces.latest_load_or_none


def check_fresh(workspace: Workspace) -> None:
    """Last cell of a dashboard: tell an open page when the checklists are loaded again.

    Voilà's preheated kernels draw a page before anyone asks for it (that is what makes
    it quick). The server renews them after every load (workbook/server.py), so a newly
    opened page shows the newest data; this waits for the visitor, checks once more in
    case a load landed in between, then keeps watching while the page stays open.
    Outside a preheated kernel the wait returns at once.
    """
    _wait_for_visitor()
    if _latest_load(workspace.db) != workspace.load_id:
        _say_loaded_again(workspace)
        return
    threading.Thread(target=_watch_for_new_load, args=(workspace,), daemon=True,
                     name="workbook-new-load").start()


def _watch_for_new_load(workspace: Workspace) -> None:
    while True:
        time.sleep(NEW_LOAD_CHECK_S)
        try:
            newest = workspaces.latest_load(workspace.db)
        except Exception:  # busy this instant, or damaged (the page's cells say so): ask again
            continue
        if newest != workspace.load_id:
            _say_loaded_again(workspace)
            return


def _say_loaded_again(workspace: Workspace) -> None:
    workspace.notice.value = (
        '<div class="wb-page"><div class="wb-message wb-stale">The checklists were loaded again '
        "after this page was drawn. Reload the page (F5) to see the newest data.</div></div>")


def _wait_for_visitor() -> None:
    try:
        from voila.utils import wait_for_request
    except ImportError:  # JupyterLab without Voilà installed: nothing to wait for
        _VISITOR.set()
        return
    wait_for_request()  # returns at once unless this kernel was preheated
    _VISITOR.set()


_VISITOR = threading.Event()
PREHEAT_SIGNAL = "VOILA_PREHEAT"  # "True" in a kernel Voilà starts ahead of its visitor


def visitor_here() -> bool:
    """False in a preheated kernel until Voilà hands it to a visitor; True in any other.

    A preheated page learns of its visitor in check_fresh, the last cell of a dashboard."""
    return _VISITOR.is_set() or os.environ.get(PREHEAT_SIGNAL, "False") == "False"


def header(task: int, community: Community) -> widgets.HTML:
    links = " ".join(_task_link(other, task) for other in agenda.TASKS)
    return widgets.HTML(
        THEME_CSS + f'<div class="wb-page"><div class="wb-header"><h1>Task {task}: '
        f'{html.escape(agenda.task(task).title)}</h1><span class="wb-community">'
        f'{html.escape(community.name)}</span></div><div class="wb-nav">{links}</div></div>')


def _task_link(task: agenda.Task, current: int) -> str:
    label = f"{task.number}. {html.escape(task.title)}"
    if not agenda.has_page(task):
        return f'<span class="wb-later" title="arrives in a later version">{label}</span>'
    css = "wb-current" if task.number == current else ""
    return (f'<a class="{css}" href="{html.escape(task.notebook)}" '
            f'title="{html.escape(task.purpose)}">{label}</a>')


def quality_badge(workspace: Workspace) -> widgets.Widget:
    """Files loaded and problems open; opening it shows the load report."""
    if not workspace.ready:
        return message("No database yet: run 'make workshop' or 'python -m workbook load' first.")
    try:
        last = trains.load_summary(workspace.db)
        loaded = trains.files_loaded(workspace.db)
    except Exception:  # the page's cells say what went wrong, in their own words
        log_exception()
        return message("The data-quality report could not be read from the database.")
    worst = trains.worst_problem(last)
    title = (f"{BADGE_MARKS[worst]} Data quality: {loaded} of {last.get('files', 0)} files loaded · "
             f"{_count(last.get('errors', 0), 'error')} · {_count(last.get('warnings', 0), 'warning')}"
             f"{_names_waiting(workspace)}")
    report = widgets.Accordion(children=[load_report(workspace)], titles=(title,))
    report.selected_index = None
    report.add_class("wb-badge")
    report.add_class(f"wb-badge-{worst}")
    return widgets.VBox([widgets.HTML(BADGE_CSS), report])


# The badge takes the colour of its worst problem, in full strength: a grey header read as
# "disabled" even with errors waiting. Darkened Okabe-Ito vermilion, orange and green (text
# contrast above 4.5:1), with a mark in the words too, for colour-blind viewers.
BADGE_COLOURS = {"errors": ("#B03A00", "#FFFFFF"), "warnings": ("#E69F00", "#111111"),
                 "clean": ("#00785A", "#FFFFFF")}
BADGE_MARKS = {"errors": "✖", "warnings": "⚠", "clean": "✔"}
BADGE_CSS = "<style>" + "".join(
    f".wb-badge-{worst} .jupyter-widget-Collapse-header, .wb-badge-{worst} .lm-Collapse-header,"
    f" .wb-badge-{worst} .p-Collapse-header {{ background: {fill} !important; color: {ink}"
    f" !important; opacity: 1 !important; font-weight: bold; font-size: 18px; }}"
    for worst, (fill, ink) in BADGE_COLOURS.items()) + "</style>"


def _names_waiting(workspace: Workspace) -> str:
    """' · 3 name pairs to review', or nothing if they cannot be counted."""
    from ..review import waiting_count
    try:
        waiting = waiting_count(workspace.db, workspace.community.aliases_path)
    except Exception:  # the badge still shows files and problems
        log_exception()
        return ""
    return f" · {_count(waiting, 'name pair')} to review" if waiting else " · no names to review"


def refresh_badge(workspace: Workspace) -> None:
    """Draw the data-quality badge again, e.g. after a name pair was decided."""
    workspace.badge.children = (quality_badge(workspace),)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def page_header(task: int, workspace: Workspace) -> widgets.VBox:
    """Header, navigation and the data-quality badge, as every dashboard starts."""
    refresh_badge(workspace)
    return widgets.VBox([header(task, workspace.community), workspace.notice, workspace.badge])
