"""Notebook 3's results panels: the North Star and its shared indicators, turn the curve,
performance measures and the results tree, and the handouts. The logic is in
``workbook.tasks.results``, the charts in ``workbook.results_figures``, the workbook in
``workbook.alignment_export``; these panels show and call."""
from __future__ import annotations

import html
import math
from typing import Callable

import ipywidgets as widgets
import pandas as pd

from .. import alignment_export
from .. import decisions as D
from .. import indicators as indicator_data
from .. import schema as S
from ..results_figures import curve_chart, tree_chart
from ..tasks.results import curve as C
from ..tasks.results import forecast as F
from ..tasks.results import journal
from ..tasks.results import northstar as N
from ..tasks.results import performance as P
from ..workspace import Workspace
from . import charts, live
from .blocks import Panel, beside, message
from .downloads import chart_downloads, workbook_download
from .inventory import table_html

NEW = "(a new indicator)"
STYLE = {"description_width": "170px"}
WIDE = widgets.Layout(width="95%")
PROBLEMS = (N.ResultsError, D.DecisionError, D.DecisionLogBusy, ValueError)


def _text(label: str, value: str = "", area: bool = False) -> widgets.Widget:
    if area:
        return widgets.Textarea(value=value, description=label, style=STYLE,
                                layout=widgets.Layout(width="95%", height="90px"))
    return widgets.Text(value=value, description=label, style=STYLE, layout=WIDE)


def _number(text: str) -> float | None:
    text = str(text).strip().rstrip("%")
    if not text:
        return None
    value = float(text)  # ValueError is shown to the room as "not a number"
    if math.isnan(value):
        return None
    return value


def _year(text: str) -> int | None:
    value = _number(text)
    return None if value is None else int(value)


def _said(box: widgets.HTML, text: str, error: bool = False) -> None:
    css = "wb-message" if error else "wb-said"
    box.value = f'<div class="wb-page"><span class="{css}">{html.escape(text)}</span></div>'


def _recorded(box: widgets.HTML, record: Callable[[], int],
              done: Callable[[int], str]) -> bool:
    """Record a decision and say in *box* which entry it became, or what stopped it."""
    try:
        entry = record()
    except PROBLEMS as problem:
        _said(box, str(problem), error=True)
        return False
    _said(box, done(entry))
    return True


def _shown(value) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else (
        f"{value:g}" if isinstance(value, float) else str(value))


# --- North Star and shared indicators ----------------------------------------------------

def north_star_panel(workspace: Workspace) -> Panel:
    """The North Star in force and its 3-5 shared indicators; forms to adopt or revise them."""
    db = workspace.db
    watcher = live.watcher(db)
    star_now, indicators_now, count_note = widgets.HTML(), widgets.HTML(), widgets.HTML()
    statement = _text("North Star", area=True)
    population, geography = _text("Population"), _text("Geography")
    star_why = _text("Rationale")
    star_button = widgets.Button(description="Adopt this North Star",
                                 layout=widgets.Layout(width="auto"))
    star_said = widgets.HTML()

    origin = widgets.Dropdown(description="Take from", style=STYLE, layout=WIDE)
    name, unit = _text("Indicator"), _text("Unit")
    polarity = widgets.Dropdown(options=[N.HIGHER, N.LOWER], description="Polarity",
                                style=STYLE, layout=widgets.Layout(width="480px"))
    source, where = _text("Data source"), _text("Geography")
    baseline, baseline_year = _text("Baseline"), _text("Baseline year")
    target, target_year = _text("Target"), _text("Target year")
    result = widgets.Combobox(description="Shared result", style=STYLE, layout=WIDE,
                              placeholder="e.g. Children enter kindergarten ready to learn")
    why = _text("Rationale")
    adopt_button = widgets.Button(description="Adopt this indicator",
                                  layout=widgets.Layout(width="auto"))
    retire_choice = widgets.Dropdown(description="Retire", style=STYLE,
                                     layout=widgets.Layout(width="600px"))
    retire_button = widgets.Button(description="Retire it", layout=widgets.Layout(width="auto"))
    indicator_said = widgets.HTML()
    state: dict = {}

    def show() -> None:
        star = N.north_star(db)
        state["star"] = star
        star_now.value = ('<div class="wb-page wb-northstar"><h3>North Star</h3>' + (
            f"<p style='font-size:26px'><b>{html.escape(star.statement)}</b></p>"
            f"<p>{html.escape(', '.join(x for x in (star.population, star.geography) if x))}</p>"
            if star else "<p>No North Star adopted yet: write one below.</p>") + "</div>")
        if star and not statement.value:
            statement.value, population.value, geography.value = (
                star.statement, star.population, star.geography)
        shared = N.shared_indicators(db)
        state["indicators"] = shared
        columns = ["indicator", "unit", "polarity", "data_source", "geography", "baseline_value",
                   "baseline_year", "target_value", "target_year", "result", "coalitions"]
        indicators_now.value = ('<div class="wb-page wb-scroll"><h3>Shared indicators</h3>'
                                + (table_html(shared[columns]) if len(shared) else
                                   "<p>None adopted yet.</p>") + "</div>")
        note = N.indicator_count_note(len(shared))
        count_note.value = (f'<div class="wb-page"><div class="wb-message">{html.escape(note)}'
                            "</div></div>" if note else "")
        candidates = N.crosswalk_indicators(db)
        state["candidates"] = candidates
        chosen = origin.value
        offered = [NEW, *[
            f"{r.indicator} ({len(r.coalitions)} coalition{'s' if len(r.coalitions) != 1 else ''})"
            for r in candidates.itertuples()]]
        if list(origin.options) != offered:  # unchanged, the form being filled stays as typed
            origin.options = offered
            origin.value = chosen if chosen in offered else NEW
        result.options = tuple(N.shared_results(db))
        if list(retire_choice.options) != shared["indicator"].tolist():
            retire_choice.options = shared["indicator"].tolist()

    def fill_from(*_ignored) -> None:
        """A crosswalk indicator proposes its wording, unit, source and baseline."""
        if origin.value in (None, NEW):
            return
        row = state["candidates"].iloc[list(origin.options).index(origin.value) - 1]
        proposed = N.from_crosswalk(row, polarity.value, None, None)
        name.value, unit.value, source.value = proposed.name, proposed.unit, proposed.data_source
        baseline.value = _shown(proposed.baseline_value)
        baseline_year.value = _shown(proposed.baseline_year)

    def adopt_star(_button=None) -> None:
        if _recorded(star_said, lambda: N.adopt_north_star(
                db, statement.value, live.BY, star_why.value, population.value, geography.value),
                lambda entry: f"Adopted as decision #{entry}."):
            star_why.value = ""
            watcher.tell()

    def adopt(_button=None) -> None:
        try:
            numbers = [_number(baseline.value), _year(baseline_year.value),
                       _number(target.value), _year(target_year.value)]
        except ValueError:
            _said(indicator_said, "Baseline, target and their years are numbers, e.g. 46 and "
                                  "2023.", error=True)
            return
        from_crosswalk = origin.value not in (None, NEW)
        crosswalk_name = None
        if from_crosswalk:
            crosswalk_name = state["candidates"].iloc[
                list(origin.options).index(origin.value) - 1]["indicator"]
        shared = N.SharedIndicator(
            name=name.value.strip(), unit=unit.value.strip(), polarity=polarity.value,
            data_source=source.value.strip(), geography=where.value.strip(),
            baseline_value=numbers[0], baseline_year=numbers[1], target_value=numbers[2],
            target_year=numbers[3], origin=N.FROM_CROSSWALK if from_crosswalk else N.NEW,
            crosswalk_indicator=crosswalk_name, result=result.value.strip())
        if _recorded(indicator_said, lambda: N.adopt_indicator(db, shared, live.BY, why.value),
                     lambda entry: f"'{shared.name}' adopted as decision #{entry}."):
            why.value = ""
            watcher.tell()

    def retire(_button=None) -> None:
        if not retire_choice.value:
            return
        if _recorded(indicator_said, lambda: N.retire_indicator(db, retire_choice.value,
                                                                live.BY, why.value),
                     lambda entry: f"Retired as decision #{entry}."):
            watcher.tell()

    origin.observe(fill_from, "value")
    star_button.on_click(adopt_star)
    adopt_button.on_click(adopt)
    retire_button.on_click(retire)
    watcher.listen(show)
    show()
    star_form = widgets.Accordion(children=[widgets.VBox(
        [statement, population, geography, star_why, star_button, star_said])],
        titles=("Adopt or revise the North Star",))
    indicator_form = widgets.Accordion(children=[widgets.VBox(
        [origin, name, unit, polarity, source, where, baseline, baseline_year, target,
         target_year, result, why, adopt_button, widgets.HBox([retire_choice, retire_button]),
         indicator_said])], titles=("Adopt, revise or retire a shared indicator",))
    for form in (star_form, indicator_form):
        form.selected_index = None
    return Panel([star_now, star_form, indicators_now, count_note, indicator_form],
                 data=lambda: {"indicators": state["indicators"],
                               "candidates": state["candidates"]},
                 choices=lambda: {"north_star": getattr(state["star"], "statement", None),
                                  "take_from": origin.value})


# --- turn the curve --------------------------------------------------------------------------

METHODS = [("Robust trend (Theil-Sen)", F.THEIL_SEN), ("Straight line (least squares)",
                                                       F.LEAST_SQUARES)]


def _payloads(db, indicator: str) -> dict[str, dict]:
    """The prompts in force for *indicator*, as saved (to fill the boxes for editing)."""
    key = D.wording_key(indicator)
    return {note.payload["prompt"]: dict(note.payload)
            for found, note in journal.in_force(db, C.PROMPT_KIND).items()
            if found.startswith(key + "::")}


def curve_panel(workspace: Workspace) -> Panel:
    """One shared indicator's curve (history, the trend if nothing changes, the target,
    subgroups) and its four prompts, editable."""
    db = workspace.db
    watcher = live.watcher(db)
    which = widgets.Dropdown(description="Indicator", style=STYLE,
                             layout=widgets.Layout(width="640px"))
    method = widgets.ToggleButtons(options=METHODS, value=F.THEIL_SEN, description="Trend")
    place = widgets.Dropdown(description="Geography", style=STYLE,
                             layout=widgets.Layout(width="480px"))
    note = widgets.HTML()
    state: dict = {}
    download = chart_downloads(lambda: state["figure"], "turn-the-curve",
                               workspace.community.name)
    story = _text(C.PROMPTS[C.STORY], area=True)
    partners = _text(C.PROMPTS[C.PARTNERS] + " (one a line: partner: role)", area=True)
    ideas = _text("What works (one idea a line)", area=True)
    low_cost = _text("No- or low-cost idea")
    plan = _text(C.PROMPTS[C.ACTION_PLAN] + " (one step a line: what; who; by when)", area=True)
    saves = {p: widgets.Button(description=f"Save: {C.PROMPTS[p].split(' (')[0].lower()}",
                               layout=widgets.Layout(width="auto")) for p in C.PROMPTS}
    prompt_said = widgets.HTML()
    revisions = widgets.HTML()
    chart_box = widgets.Box()

    def indicators_now() -> None:
        shared = N.shared_indicators_list(db)
        state["shared"] = {i.name: i for i in shared}
        chosen = which.value
        names = list(state["shared"])
        if list(which.options) != names:
            which.options = names
        wanted = chosen if chosen in names else (names[0] if names else None)
        if which.value != wanted:
            which.value = wanted

    def redraw(*_ignored) -> None:
        download.withdraw()
        indicator = state["shared"].get(which.value)
        if indicator is None:
            chart_box.children = (message("Adopt a shared indicator (above) to draw its curve."),)
            download.available(False)
            return
        data = indicator_data.history(db)
        places = sorted(set(data.loc[data["indicator_key"] == D.wording_key(indicator.name),
                                     "geography"]) | {S.WHOLE_COMMUNITY})
        if list(place.options) != places:
            keep = place.value if place.value in places else S.WHOLE_COMMUNITY
            place.options = places
            place.value = keep
        curve = C.curve_data(db, indicator, method.value, place.value or S.WHOLE_COMMUNITY,
                             data=data)
        figure = curve_chart(curve, "" if place.value == S.WHOLE_COMMUNITY else place.value)
        state.update(figure=figure, curve=curve)
        if "chart" in state:
            charts.redraw(state["chart"], figure)
        else:
            state["chart"] = charts.chart_widget(figure)
        chart_box.children = (state["chart"],)
        said = C.direction_note(curve) or ("No history loaded for this indicator yet: fill the "
                                           "indicator-data template and load it.")
        note.value = f'<div class="wb-page"><p><b>{html.escape(said)}</b></p></div>'
        download.available(True)
        fill_prompts()

    boxes = (story, partners, ideas, low_cost, plan)

    def fill_prompts() -> None:
        saved = _payloads(db, which.value) if which.value else {}
        state["prompts_saved"] = saved
        story.value = saved.get(C.STORY, {}).get("text", "")
        partners.value = "\n".join(f"{p['partner']}: {p['role']}"
                                   for p in saved.get(C.PARTNERS, {}).get("partners", []))
        ideas.value = "\n".join(saved.get(C.WHAT_WORKS, {}).get("ideas", []))
        low_cost.value = saved.get(C.WHAT_WORKS, {}).get("low_cost_idea", "")
        plan.value = "\n".join("; ".join((s["what"], s["who"], s["by_when"]))
                               for s in saved.get(C.ACTION_PLAN, {}).get("steps", []))
        state["filled"] = [box.value for box in boxes]
        revisions.value = revisions_html(C.prompt_history(db, which.value) if which.value
                                         else pd.DataFrame(columns=C.HISTORY_COLUMNS))

    def save(prompt: str) -> None:
        indicator = which.value
        if not indicator:
            return
        lines = lambda box: [x.strip() for x in box.value.splitlines() if x.strip()]  # noqa: E731
        try:
            if prompt == C.STORY:
                C.save_story(db, indicator, story.value, live.BY)
            elif prompt == C.PARTNERS:
                C.save_partners(db, indicator, [tuple((x.split(":", 1) + [""])[:2])
                                                for x in lines(partners)], live.BY)
            elif prompt == C.WHAT_WORKS:
                C.save_what_works(db, indicator, lines(ideas), low_cost.value, live.BY)
            else:
                steps = [dict(zip(("what", "who", "by_when"),
                                  [p.strip() for p in (x.split(";") + ["", ""])[:3]]))
                         for x in lines(plan)]
                C.save_action_plan(db, indicator, steps, live.BY)
        except PROBLEMS as problem:
            _said(prompt_said, str(problem), error=True)
            return
        _said(prompt_said, f"Saved: {C.PROMPTS[prompt]}.")
        revisions.value = revisions_html(C.prompt_history(db, indicator))
        watcher.tell()

    def from_log() -> None:
        """Another laptop adopted an indicator or saved a prompt: follow it."""
        before = set(state.get("shared", {}))
        indicators_now()
        if set(state["shared"]) != before or not state.get("curve"):
            redraw()
        elif (which.value and _payloads(db, which.value) != state.get("prompts_saved")
              and [box.value for box in boxes] == state.get("filled")):
            fill_prompts()  # saved on the other laptop, and nobody is typing here

    for prompt, button in saves.items():
        button.on_click(lambda _b, prompt=prompt: save(prompt))
    which.observe(redraw, "value")
    method.observe(redraw, "value")
    place.observe(redraw, "value")
    watcher.listen(from_log)
    indicators_now()
    redraw()
    prompts_box = widgets.VBox([story, saves[C.STORY], partners, saves[C.PARTNERS], ideas,
                                low_cost, saves[C.WHAT_WORKS], plan, saves[C.ACTION_PLAN],
                                prompt_said, revisions],
                               layout=widgets.Layout(align_items="flex-start", width="100%"))
    return Panel([widgets.HBox([which, place], layout=widgets.Layout(flex_flow="row wrap")),
                  method, beside(chart_box, [note, download]),
                  widgets.HTML("<h3>The four prompts</h3>"), prompts_box],
                 data=lambda: {"curve": C.curve_frame(state["curve"]) if state.get("curve")
                               else pd.DataFrame(),
                               "prompts": C.prompts(db, which.value) if which.value
                               else pd.DataFrame()},
                 choices=lambda: {"indicator": which.value, "method": method.value,
                                  "geography": place.value})


def revisions_html(history: pd.DataFrame) -> str:
    """Earlier versions of the four answers, folded away: who changed what, and when."""
    earlier = history[~history["in_force"]] if not history.empty else history
    if earlier.empty:
        return ""
    rows = "".join(
        f"<tr><td>{html.escape(r.prompt)}</td><td>{r.revision}</td>"
        f"<td>{html.escape(r.written_at.replace('T', ' '))} by {html.escape(r.written_by)}</td>"
        f'<td style="white-space:pre-line">{html.escape(r.answer) or "<i>(blank)</i>"}</td></tr>'
        for r in earlier.itertuples())
    return ('<div class="wb-page"><details><summary>Earlier versions of these answers '
            f"({len(earlier)})</summary><table><thead><tr><th>Prompt</th><th>Version</th>"
            f"<th>Written</th><th>Answer then</th></tr></thead><tbody>{rows}</tbody></table>"
            "</details></div>")


# --- performance measures and the results tree ------------------------------------------------

def measures_panel(workspace: Workspace) -> Panel:
    """Performance measures of the shared strategies, sorted into the three questions; the
    results tree from the North Star down to the contributing coalitions."""
    db = workspace.db
    watcher = live.watcher(db)
    strategy = widgets.Combobox(description="Shared strategy", style=STYLE, layout=WIDE,
                                placeholder="pick a shared strategy or type one")
    measure = _text("Measure")
    question = widgets.Dropdown(options=list(P.QUESTIONS), description="Question",
                                style=STYLE, layout=widgets.Layout(width="600px"))
    indicator = widgets.Combobox(description="Indicator served", style=STYLE, layout=WIDE)
    unit = _text("Unit")
    actual, period, target = _text("Actual"), _text("Period of the actual"), _text("Target")
    frequency = widgets.Dropdown(options=list(P.FREQUENCIES), value="Quarterly",
                                 description="Frequency", style=STYLE,
                                 layout=widgets.Layout(width="480px"))
    save_button = widgets.Button(description="Save this measure",
                                 layout=widgets.Layout(width="auto"))
    said, table = widgets.HTML(), widgets.HTML()
    tree_box = widgets.Box()
    state: dict = {}
    tree_download = chart_downloads(lambda: state["figure"], "results-tree",
                                    workspace.community.name)

    def show() -> None:
        strategy.options = tuple(P.shared_strategies(db))
        indicator.options = tuple(N.shared_indicators(db)["indicator"])
        found = P.measures(db)
        state["measures"] = found
        table.value = ('<div class="wb-page wb-scroll"><h3>Performance measures</h3>' + (
            table_html(found[["strategy", "question", "measure", "indicator", "actual",
                              "actual_period", "target", "frequency"]])
            if len(found) else "<p>No measures yet: add one below.</p>") + "</div>")
        tree = P.results_tree(db)
        figure = tree_chart(tree)
        tree_download.withdraw()
        state.update(tree=tree, figure=figure)
        if "chart" in state:
            charts.redraw(state["chart"], figure)
        else:
            state["chart"] = charts.chart_widget(figure)
        tree_box.children = (state["chart"],)

    def save(_button=None) -> None:
        try:
            found = P.Measure(strategy=strategy.value.strip(), measure=measure.value.strip(),
                              question=question.value, indicator=indicator.value.strip(),
                              unit=unit.value.strip(), actual=_number(actual.value),
                              actual_period=period.value.strip(), target=_number(target.value),
                              frequency=frequency.value)
            P.save_measure(db, found, live.BY)
        except PROBLEMS as problem:
            text = str(problem)
            if "could not convert" in text:
                text = "Actual and target are numbers, e.g. 120 or 85.5."
            _said(said, text, error=True)
            return
        _said(said, f"Saved: {found.measure} ({found.question}).")
        watcher.tell()

    save_button.on_click(save)
    watcher.listen(show)
    show()
    form = widgets.Accordion(children=[widgets.VBox(
        [strategy, measure, question, indicator, unit, actual, period, target, frequency,
         save_button, said])], titles=("Add or revise a performance measure",))
    form.selected_index = None
    return Panel([table, form, widgets.HTML("<h3>Results tree</h3>"),
                  beside(tree_box, [tree_download])],
                 data=lambda: {"measures": state["measures"], "tree": state["tree"]})


# --- handouts -----------------------------------------------------------------------------------

def downloads_panel(workspace: Workspace) -> Panel:
    """The alignment workbook (crosswalk with decisions, North Star, history, prompts,
    measures, tree, scorecard, decision log), made from what is decided now."""
    watcher = live.watcher(workspace.db)
    handout = workbook_download(
        lambda: alignment_export.alignment_workbook(workspace.db, workspace.community.name),
        alignment_export.ALIGNMENT_FILE, "Alignment workbook for handouts")
    # A decision taken after the file was made: the link would hand out the old state.
    watcher.listen(handout.withdraw)
    return Panel([handout])
