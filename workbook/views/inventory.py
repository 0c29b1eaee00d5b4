"""Notebook 1's first view: what the starter database holds, and the load report."""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import workspace as workspaces
from .. import numbers_text as numbers
from ..tasks import trains
from ..workspace import Workspace
from .blocks import Panel, message


def inventory_numbers(workspace: Workspace) -> widgets.HTML:
    counts = trains.inventory(workspace.db)
    # Residents at the table speak for no organisation: they are people, not organisations.
    people = f"people ({counts.residents} residents)" if counts.residents else "people"
    tiles = "".join(f'<div class="wb-number"><b>{value}</b>{label}</div>' for label, value in (
        ("coalitions", counts.coalitions), ("organisations", counts.organisations),
        (people, counts.people), ("goals", counts.goals), ("strategies", counts.strategies)))
    note = (f"<p>{html.escape(counts.not_shown.capitalize())}: the coverage grid and the "
            "footprint card can include them.</p>" if counts.not_shown else "")
    return widgets.HTML(f'<div class="wb-page wb-inventory"><div class="wb-numbers">{tiles}</div>'
                        f"{note}</div>")


def table_html(frame: pd.DataFrame, css_class: str = "") -> str:
    """A DataFrame as a plain, large-type HTML table (no index, blanks for missing)."""
    shown = numbers.frame_for_display(frame).fillna("").rename(
        columns=lambda c: str(c).replace("_", " ").capitalize())
    return shown.to_html(index=False, classes=f"wb-table {css_class}".strip(), escape=True,
                         border=0)


def ended_switch() -> widgets.Checkbox:
    """The way back to ended and merged coalitions, which pages leave out by default."""
    return widgets.Checkbox(value=False, description="Include ended and merged coalitions",
                            indent=False, layout=widgets.Layout(width="auto"))


def coalition_list(workspace: Workspace) -> Panel | widgets.HTML:
    """Every coalition shown, in brief; ended and merged ones behind a tick box."""
    if trains.coalition_table(workspace.db, include_ended=True).empty:
        return message("No coalition has been loaded yet.")
    include_ended = ended_switch()
    listing = widgets.HTML()

    state: dict = {}

    def show(*_ignored) -> None:
        frame = trains.coalition_table(workspace.db, include_ended.value)
        state["coalitions"] = frame
        note = trains.inventory(workspace.db, include_ended.value).not_shown
        said = f"<p>{html.escape(note.capitalize())}.</p>" if note else ""
        listing.value = f'<div class="wb-page">{said}{table_html(frame, "wb-coalitions")}</div>'

    include_ended.observe(show, "value")
    show()
    return Panel([include_ended, listing], data=lambda: {"coalitions": state["coalitions"]},
                 choices=lambda: {"include_ended": include_ended.value})


REPORT_CSS = """
<style>
.wb-report { max-height: 60vh; overflow-y: auto; overflow-x: hidden; padding-right: 8px; }
.wb-report h4 { font-size: 20px; margin: 14px 0 4px 0; }
.wb-report .wb-table { width: 100%; table-layout: fixed; }
.wb-report .wb-table td { overflow-wrap: anywhere; }
.wb-report col.wb-col-severity { width: 9%; } .wb-report col.wb-col-where { width: 13%; }
.wb-report col.wb-col-problem { width: 20%; } .wb-report col.wb-col-what { width: 30%; }
.wb-report col.wb-col-fix { width: 28%; }
.wb-report .wb-error { color: #B03A00; font-weight: bold; }
</style>
"""
_REPORT_HEADINGS = {"severity": "", "where": "Where", "problem": "Problem", "what": "What we found",
                    "fix": "How to fix it"}


def load_report(workspace: Workspace) -> widgets.HTML:
    """The last load in plain words: when (local time), then each file's problems, grouped
    by file, in a panel that scrolls on its own so the page stays one screen."""
    last = trains.load_summary(workspace.db)
    if not last:
        return message("No load has been recorded yet.")
    rows = trains.report_rows(workspace.db, workspace.community.folder)
    intro = (f"Last load {html.escape(trains.local_time_text(last['loaded_at']))}: "
             f"{numbers.counted(last['files'], 'file')}, "
             f"{numbers.counted(last['errors'], 'error')}, "
             f"{numbers.counted(last['warnings'], 'warning')}.")
    body = "".join(_file_problems(path, group) for path, group in rows.groupby("file", sort=False)) \
        if not rows.empty else "<p>No problems.</p>"
    return widgets.HTML(f'{REPORT_CSS}<div class="wb-page"><p>{intro}</p>'
                        f'<div class="wb-report">{body}</div></div>')


def _file_problems(path: str, rows: pd.DataFrame) -> str:
    columns = [c for c in _REPORT_HEADINGS]
    widths = "".join(f'<col class="wb-col-{c}">' for c in columns)
    head = "".join(f"<th>{html.escape(_REPORT_HEADINGS[c])}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="wb-{html.escape(str(r[c]).lower())}">{html.escape(str(r[c]))}</td>'
            if c == "severity" else f"<td>{html.escape(str(r[c]))}</td>" for c in columns) + "</tr>"
        for _, r in rows.iterrows())
    count = numbers.counted(len(rows), "problem")
    return (f"<h4>{html.escape(path)} <small>({count})</small></h4><table class=\"wb-table "
            f'wb-problems">{widths}<tr>{head}</tr>{body}</table>')


def reload_panel(workspace: Workspace, on_done=None) -> widgets.VBox:
    """For the analyst: load the community's checklists again, with a progress bar."""
    button = widgets.Button(description="Load checklists again", button_style="primary",
                            layout=widgets.Layout(width="260px", height="44px"))
    bar = widgets.IntProgress(min=0, max=1, value=0, layout=widgets.Layout(width="420px"))
    status = widgets.HTML()

    def progress(done: int, total: int, current: str) -> None:
        bar.max = max(total, 1)
        bar.value = done
        status.value = html.escape(f"{done} of {total} files — {current.split('/')[-1]}")

    def run(_button) -> None:
        button.disabled = True
        try:
            result = workspaces.reload(workspace, progress)
            status.value = html.escape(result.report.summary_line()
                                       + " Reload the page (F5) to see the new data everywhere.")
            if on_done:
                on_done()
        except Exception as exc:  # shown plainly; the page must stay usable
            status.value = html.escape(f"The load did not finish and the database is unchanged: {exc}")
        finally:
            button.disabled = False

    button.on_click(run)
    panel = widgets.VBox([widgets.HBox([button, bar]), status])
    panel.add_class("wb-reload")
    return panel
