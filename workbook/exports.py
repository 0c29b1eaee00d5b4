"""Handouts: what the room saw, to print, mail or carry into other tools.

* ``comparison_workbook``: the side-by-side comparison as a printable .xlsx, shared
  items marked by a "● " prefix and bold type as well as a blue fill, so the
  marking survives black-and-white printing and colour-blind readers.
* ``overlap_workbook``: top pairs with their reasons, one labelled matrix per
  dimension plus the combined score, meeting burden and asks.
* ``kumu_workbook``: the membership network as a spreadsheet Kumu imports
  (an "Elements" sheet starting ``Label``, a "Connections" sheet starting ``From``, ``To``).
* ``chart_png`` / ``chart_svg``: any Altair chart rendered by vl-convert, which
  carries Vega in its own binary: nothing is fetched, remote data URLs are refused.
* ``download_link``: a data-URL anchor for the dashboards, so a download needs
  neither a server route nor the internet.
* ``export_all`` / ``export_command``: everything at once, for ``python -m workbook export``.

Everything here returns bytes or writes files; the dashboards wrap them in widgets.
Workbooks are saved with ``templates.save_workbook``, so the same data gives the
same bytes.
"""
from __future__ import annotations

import base64
import datetime
import functools
import html
import math
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd
import vl_convert
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .notes import notes_for
from .store import read_table
from .handout_files import (CHARTS, COMPARISON_FILE, COVERAGE_CHARTS, KUMU_FILE,
                            OVERLAPS_FILE)
from . import numbers_text as numbers
from .tasks import overlaps as O
from .tasks import coverage, trains
from .templates import FONT_NAME, HEADER_FILL, print_setup, save_workbook
from .workbooks import (FORMULA_STARTS, HEADER_FONT, TEXT_MARK,  # noqa: F401  (public here too)
                        as_text, keep_as_text, new_workbook)
from . import figures

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG_MIME = "image/png"
SVG_MIME = "image/svg+xml"

SHARED_MARK = "● "
# Light blue from the Okabe-Ito sky blue: black text stays readable on it and it
# prints as a light grey; the mark and bold type carry the meaning without it.
SHARED_FILL = PatternFill("solid", fgColor="CCE3F5")
# Named fonts: a font without a name is drawn in a serif fallback by LibreOffice.
SHARED_FONT = InlineFont(rFont=FONT_NAME, sz=11, b=True)
TITLE_FONT = Font(name=FONT_NAME, size=16, bold=True)
LABEL_FONT = Font(name=FONT_NAME, size=11, bold=True)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
BLANK = "—"

TOP_PAIRS_EXPORTED = 25
KNOWN_NAMES_SHOWN = 20  # in the message for a coalition name not found

# Excel's tallest row, in points; a row of 11-point text takes about 15.
MAX_ROW_HEIGHT = 409
LINE_HEIGHT = 15

COMPARISON_SHEET = "Comparison"
LABEL_COLUMN_WIDTH = 26
COALITION_COLUMN_WIDTH = 34
FIRST_COMPARISON_ROW = 4  # title, legend, header above
NOTES_HEADING = "Interview notes"
_NUMBER_FORMATS = {"annual_budget": '"$"#,##0', "staff_fte": "0.0", "meeting_hours": "0.0",
                   "year_founded": "0"}

# A light, one-hue scale: black figures stay readable on the darkest cell.
MATRIX_SCALE = ColorScaleRule(start_type="num", start_value=0, start_color="FFFFFF",
                              mid_type="num", mid_value=0.5, mid_color="C6DBEF",
                              end_type="num", end_value=1, end_color="6BAED6")
MATRIX_CELL_WIDTH = 7
FIRST_MATRIX_ROW = 4  # title, caption, header above
COMBINED_SHEET = "Combined"
TOP_PAIRS_SHEET = "Top pairs"
BURDEN_SHEET = "Meeting burden"
PEOPLE_BURDEN_SHEET = "Meeting burden (people)"
ASKS_SHEET = "Asks"

KUMU_ELEMENTS = "Elements"
KUMU_CONNECTIONS = "Connections"
KUMU_TYPES = {"coalition": "Coalition", "organisation": "Organisation"}

# Room around a handout's chart, in pixels, so no legend touches the paper's edge.
HANDOUT_PADDING = {"left": 24, "right": 40, "top": 24, "bottom": 24}


class ExportError(ValueError):
    """Something the person exporting can fix: an unknown coalition, a bad weight."""


# --- writing workbooks --------------------------------------------------------------

def workbook_bytes(workbook: Workbook) -> bytes:
    keep_as_text(workbook)  # every export passes here: names and goals are clerks' text
    # save_workbook writes to a path; going through a file keeps its fixed timestamps.
    with tempfile.TemporaryDirectory() as folder:
        return save_workbook(workbook, Path(folder) / "export.xlsx").read_bytes()


def _header_cell(sheet, row: int, column: int, text: str, rotated: bool = False):
    cell = sheet.cell(row=row, column=column, value=text)
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(wrap_text=not rotated, vertical="bottom" if rotated else "center",
                               horizontal="center" if rotated else None,
                               textRotation=90 if rotated else 0)
    return cell


def write_title(sheet, text: str, caption: str | None = None) -> None:
    sheet.cell(row=1, column=1, value=text).font = TITLE_FONT
    if caption:
        sheet.cell(row=2, column=1, value=caption).alignment = Alignment(vertical="top")


def _plain_value(value: Any) -> Any:
    """A value openpyxl writes as it is: numpy scalars unwrapped, blanks as None."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        return _plain_value(value.item())
    return value


def _lines_needed(text: str, width: float) -> int:
    # A column width unit holds about one character of 11-point text.
    characters_per_line = max(int(width), 1)
    return sum(max(1, math.ceil(len(line) / characters_per_line)) for line in text.split("\n"))


def _fit_row_height(sheet, row: int, texts_and_widths: Iterable[tuple[str, float]]) -> None:
    # Excel does not grow rows to wrapped text on opening; LibreOffice would, but
    # a printed handout must look the same in both.
    lines = max((_lines_needed(t, w) for t, w in texts_and_widths if t), default=1)
    sheet.row_dimensions[row].height = min(MAX_ROW_HEIGHT, max(1, lines) * LINE_HEIGHT)


@dataclass(frozen=True)
class TableColumn:
    """One column of a table sheet: which frame column, under what heading, how shown."""
    key: str
    header: str
    width: float = 14
    number_format: str | None = None
    wrap: bool = False


def write_table(sheet, frame: pd.DataFrame, columns: Sequence[TableColumn], header_row: int) -> None:
    for number, column in enumerate(columns, start=1):
        _header_cell(sheet, header_row, number, column.header)
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    _fit_row_height(sheet, header_row, [(c.header, c.width) for c in columns])
    for row, values in enumerate(frame.to_dict("records"), start=header_row + 1):
        texts = []
        for number, column in enumerate(columns, start=1):
            value = _plain_value(values[column.key])
            cell = sheet.cell(row=row, column=number, value=value)
            cell.alignment = WRAP_TOP if column.wrap else Alignment(vertical="top")
            if column.number_format:
                cell.number_format = column.number_format
            if column.wrap and isinstance(value, str):
                texts.append((value, column.width))
        if texts:
            _fit_row_height(sheet, row, texts)
    last_row = header_row + max(len(frame), 1)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{last_row}"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    print_setup(sheet, f"{header_row}:{header_row}")


def column(key: str, header: str, width: float = 14, wrap: bool = False,
           number_format: str | None = None) -> TableColumn:
    """A table sheet's column, named in the order the task exports write them."""
    return TableColumn(key, header, width, number_format, wrap)


def table_sheet(workbook: Workbook, title: str, caption: str, frame: pd.DataFrame,
                columns: Sequence[TableColumn]) -> None:
    """A sheet of its own: title and caption above, the table from row 4."""
    sheet = workbook.create_sheet(title)
    write_title(sheet, title, caption)
    write_table(sheet, frame, columns, header_row=4)


# --- the comparison handout ---------------------------------------------------------

def comparison_workbook(comparison: O.Comparison, notes: pd.DataFrame | None = None) -> bytes:
    """The side-by-side comparison as a formatted .xlsx, one column per coalition.

    *notes*: rows are questions, columns coalition ids or labels (those of the
    comparison); they follow the footprint under an "Interview notes" heading.
    """
    labels = list(comparison.table.columns)
    workbook = new_workbook(f"Coalitions compared: {', '.join(map(str, labels))}")
    sheet = workbook.create_sheet(COMPARISON_SHEET)
    write_title(sheet, f"Coalitions compared: {', '.join(map(str, labels))}")
    _write_legend(sheet, row=2, last_column=len(labels) + 1)
    _header_cell(sheet, FIRST_COMPARISON_ROW - 1, 1, "")
    headings = []
    for column, label in enumerate(labels, start=2):
        # The short name, and under it the full name: the key stays on every printed page.
        full = full_name_of(comparison, label)
        headings.append((f"{label}\n{full}" if full else str(label), COALITION_COLUMN_WIDTH))
        _header_cell(sheet, FIRST_COMPARISON_ROW - 1, column, headings[-1][0])
        sheet.column_dimensions[get_column_letter(column)].width = COALITION_COLUMN_WIDTH
    _fit_row_height(sheet, FIRST_COMPARISON_ROW - 1, headings)
    sheet.column_dimensions["A"].width = LABEL_COLUMN_WIDTH
    row = FIRST_COMPARISON_ROW
    for key in comparison.table.index:
        cells = [(comparison.table.at[key, label], comparison.shared.at[key, label])
                 for label in labels]
        _write_comparison_row(sheet, row, comparison.field_labels.get(key, key), cells,
                              _NUMBER_FORMATS.get(key))
        row += 1
    if notes is not None and notes.notna().any().any():
        _write_notes(sheet, row + 1, _notes_by_column(notes, comparison), len(labels))
    sheet.freeze_panes = sheet.cell(row=FIRST_COMPARISON_ROW, column=2)
    print_setup(sheet, f"{FIRST_COMPARISON_ROW - 1}:{FIRST_COMPARISON_ROW - 1}", "A:A")
    return workbook_bytes(workbook)


def full_name_of(comparison: O.Comparison, label) -> str | None:
    """The compared coalition's full name, or None when its label already is that name."""
    name = comparison.table.at["name", label] if "name" in comparison.table.index else None
    if not isinstance(name, str) or not name.strip() or name.strip() == str(label).strip():
        return None
    return name.strip()


def _write_legend(sheet, row: int, last_column: int) -> None:
    key = sheet.cell(row=row, column=1, value=CellRichText(
        [TextBlock(SHARED_FONT, f"{SHARED_MARK}Shared")]))
    key.fill = SHARED_FILL
    key.alignment = WRAP_TOP
    explanation = sheet.cell(row=row, column=2, value=(
        f"An item marked {SHARED_MARK.strip()} (in bold; its cell shaded blue) is also listed "
        "by another coalition in this comparison. Goals and strategies count when they say "
        "nearly the same thing; region-wide and all-ages cover every place and age."))
    explanation.alignment = WRAP_TOP
    if last_column > 2:
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last_column)
    width = COALITION_COLUMN_WIDTH * max(last_column - 1, 1)
    _fit_row_height(sheet, row, [(explanation.value, width)])


def _write_comparison_row(sheet, row: int, label: str, cells: list[tuple[Any, frozenset]],
                          number_format: str | None) -> None:
    heading = sheet.cell(row=row, column=1, value=label)
    heading.font = LABEL_FONT
    heading.alignment = WRAP_TOP
    texts = [(label, LABEL_COLUMN_WIDTH)]
    for column, (value, shared) in enumerate(cells, start=2):
        cell = sheet.cell(row=row, column=column, value=_comparison_value(value, shared))
        cell.alignment = WRAP_TOP
        if number_format and isinstance(cell.value, (int, float)):
            cell.number_format = number_format
        if shared:
            cell.fill = SHARED_FILL
        texts.append((str(cell.value), COALITION_COLUMN_WIDTH))
    _fit_row_height(sheet, row, texts)


def _comparison_value(value: Any, shared: frozenset) -> Any:
    """A cell's content: items one a line, shared ones marked and bold."""
    value = _plain_value(value)
    if value is None or value == ():
        return BLANK
    items = value if isinstance(value, tuple) else (value,)
    if not any(item in shared for item in items):
        return "\n".join(map(str, items)) if isinstance(value, tuple) else value
    blocks: list = []
    for position, item in enumerate(items):
        if position:
            blocks.append("\n")
        blocks.append(TextBlock(SHARED_FONT, f"{SHARED_MARK}{item}") if item in shared
                      else str(item))
    return CellRichText(blocks)


def _notes_by_column(notes: pd.DataFrame, comparison: O.Comparison) -> pd.DataFrame:
    """*notes* with the comparison's labels as columns, in its order; unknown columns refused."""
    labels = list(comparison.table.columns)
    by_id = dict(zip(comparison.coalition_ids, labels))
    renamed = {}
    for column in notes.columns:
        if column in labels:
            renamed[column] = column
        elif _as_id(column) in by_id:
            renamed[column] = by_id[_as_id(column)]
        else:
            raise ValueError(f"Interview notes for {column!r}, which is not among the coalitions "
                             f"compared ({', '.join(map(str, labels))}).")
    return notes.rename(columns=renamed).reindex(columns=labels)


def _as_id(column: Any) -> int | None:
    try:
        return int(column)
    except (TypeError, ValueError):
        return None


def _write_notes(sheet, row: int, notes: pd.DataFrame, coalitions: int) -> None:
    heading = sheet.cell(row=row, column=1, value=NOTES_HEADING)
    heading.font = HEADER_FONT
    heading.fill = HEADER_FILL
    for column in range(2, coalitions + 2):
        sheet.cell(row=row, column=column).fill = HEADER_FILL
    for offset, (question, answers) in enumerate(notes.iterrows(), start=1):
        cells = [(_plain_value(answer), frozenset()) for answer in answers]
        _write_comparison_row(sheet, row + offset, str(question), cells, None)


# --- the overlap tables -------------------------------------------------------------

def overlap_workbook(matrices: O.OverlapMatrices, pairs: pd.DataFrame, burden: O.MeetingBurden,
                     asks: O.AskLoad, weights: Mapping[str, float] | None = None) -> bytes:
    """Top pairs, every dimension's matrix and the combined one, meeting burden and asks.

    *pairs* is ``overlaps.top_pairs`` output; *weights* are those of the combined
    matrix (the defaults when None), and should be the ones *pairs* was ranked with.
    """
    workbook = new_workbook("Coalition overlaps")
    _write_top_pairs(workbook.create_sheet(TOP_PAIRS_SHEET), pairs, weights)
    _write_matrix(workbook.create_sheet(COMBINED_SHEET), matrices, matrices.combined(weights),
                  "Combined overlap", _combined_caption(weights))
    for dimension in O.DIMENSIONS:
        sheet = workbook.create_sheet(_dimension_sheet(dimension))
        _write_matrix(sheet, matrices, matrices.dimensions[dimension].similarity,
                      f"Overlap in {O.DIMENSION_LABELS[dimension]}",
                      _dimension_caption(dimension, matrices.measure))
    _write_burden(workbook.create_sheet(BURDEN_SHEET), burden.organisations, "organisation")
    _write_burden(workbook.create_sheet(PEOPLE_BURDEN_SHEET), burden.people, "person")
    _write_asks(workbook.create_sheet(ASKS_SHEET), asks)
    return workbook_bytes(workbook)


def _dimension_sheet(dimension: str) -> str:
    label = O.DIMENSION_LABELS[dimension]
    return label[:1].upper() + label[1:]


def _weights_text(weights: Mapping[str, float] | None) -> str:
    return ", ".join(f"{O.DIMENSION_LABELS[d]} {w:.0%}"
                     for d, w in O.normalised_weights(weights).items())


def _combined_caption(weights: Mapping[str, float] | None) -> str:
    return (f"Combined score: the weighted mean of the dimensions ({_weights_text(weights)}). "
            "The diagonal is left blank: every coalition fully overlaps itself.")


def _dimension_caption(dimension: str, measure: str) -> str:
    label = O.DIMENSION_LABELS[dimension]
    if measure == "jaccard":
        return (f"Jaccard: {label} the two coalitions share, out of all {label} either of "
                "them lists.")
    return (f"Overlap: the share of the smaller coalition's {label} that the other also "
            "lists; 100% means one sits wholly inside the other.")


def _write_matrix(sheet, matrices: O.OverlapMatrices, matrix: pd.DataFrame, title: str,
                  caption: str) -> None:
    write_title(sheet, title, caption)
    labelled = matrices.labelled(matrix)
    labels = [str(label) for label in labelled.index]
    header_row = FIRST_MATRIX_ROW - 1
    _header_cell(sheet, header_row, 1, "Coalition")
    sheet.column_dimensions["A"].width = max([LABEL_COLUMN_WIDTH] + [len(t) + 2 for t in labels])
    for column, label in enumerate(labels, start=2):
        _header_cell(sheet, header_row, column, label, rotated=True)
        sheet.column_dimensions[get_column_letter(column)].width = MATRIX_CELL_WIDTH
    # Rotated headers need the height of the longest label (about 7 points a character).
    sheet.row_dimensions[header_row].height = min(MAX_ROW_HEIGHT,
                                                  12 + 7 * max([4] + [len(t) for t in labels]))
    values = labelled.to_numpy()
    for offset, label in enumerate(labels):
        row = FIRST_MATRIX_ROW + offset
        sheet.cell(row=row, column=1, value=label).font = LABEL_FONT
        for position, value in enumerate(values[offset]):
            cell = sheet.cell(row=row, column=position + 2)
            if position == offset:
                cell.value = BLANK
                cell.alignment = Alignment(horizontal="center")
            else:
                cell.value = float(value)
                cell.number_format = "0%"
    if labels:
        last = f"{get_column_letter(len(labels) + 1)}{FIRST_MATRIX_ROW + len(labels) - 1}"
        sheet.conditional_formatting.add(f"B{FIRST_MATRIX_ROW}:{last}", MATRIX_SCALE)
    sheet.freeze_panes = sheet.cell(row=FIRST_MATRIX_ROW, column=2)
    print_setup(sheet, f"{header_row}:{header_row}", "A:A")


def _write_top_pairs(sheet, pairs: pd.DataFrame, weights: Mapping[str, float] | None) -> None:
    write_title(sheet, "Most-overlapping pairs",
           "Combined score weights: " + _weights_text(weights)
           + ". The columns after 'Why' show what each dimension adds to the score.")
    ranked = pairs.reset_index(drop=True).assign(rank=lambda f: np.arange(1, len(f) + 1))
    columns = [TableColumn("rank", "Rank", 6), TableColumn("coalition_a", "Coalition", 18, wrap=True),
               TableColumn("coalition_b", "and coalition", 18, wrap=True),
               TableColumn("score", "Overlap", 9, "0%"),
               TableColumn("shared", "Items shared", 8),
               TableColumn("reason", "Why", 60, wrap=True)]
    columns += [TableColumn(d, f"From {O.DIMENSION_LABELS[d]}", 12, "0%")
                for d in O.DIMENSIONS if d in ranked.columns]
    write_table(sheet, ranked, columns, header_row=3)


def _burden_notes(frame: pd.DataFrame) -> list[str]:
    notes = []
    for assumed, unknown in zip(frame["hours_assumed"], frame["cadence_unknown"]):
        said = []
        if assumed:
            said.append(f"a meeting length was blank: {O.DEFAULT_MEETING_HOURS:g} h assumed")
        if unknown:
            said.append("a coalition gives no meeting rhythm: not counted")
        notes.append("; ".join(said))
    return notes


def _write_burden(sheet, frame: pd.DataFrame, name: str) -> None:
    who = "organisation" if name == "organisation" else "person"
    write_title(sheet, f"Meeting time per {who}",
           "Every seat counts: two representatives at one meeting are two. 'Same issue' counts "
           "the coalitions sharing an issue area with another one the same "
           f"{who} sits on: the same report heard again.")
    columns = [TableColumn(name, name.capitalize(), 30, wrap=True)]
    if name == "person":
        columns.append(TableColumn("organisations", "Organisations", 30, wrap=True))
    columns += [TableColumn("hours_per_month", "Hours a month", 10, "0.0"),
                TableColumn("meetings_per_month", "Meetings a month", 10, "0.0"),
                TableColumn("seats", "Seats", 8), TableColumn("coalitions", "Coalitions", 10),
                TableColumn("coalition_list", "Which coalitions", 36, wrap=True),
                TableColumn("overlapping_issue_coalitions", "Same issue", 10),
                TableColumn("repeated_issue_areas", "Repeated issue areas", 30, wrap=True),
                TableColumn("note", "Note", 30, wrap=True)]
    write_table(sheet, frame.assign(note=_burden_notes(frame)), columns, header_row=3)


def _write_asks(sheet, asks: O.AskLoad) -> None:
    write_title(sheet, "Who is asked, and for what",
           "How many coalitions ask each organisation for each thing; times a year adds up "
           "the figures given (a blank counts as none).")
    frame = asks.by_organisation
    fixed = {"organisation_id", "organisation", "total", "coalitions", "times_per_year"}
    ask_types = [c for c in frame.columns if c not in fixed]
    columns = [TableColumn("organisation", "Organisation", 34, wrap=True)]
    columns += [TableColumn(t, t, 11) for t in ask_types]
    columns += [TableColumn("total", "Asks", 8), TableColumn("coalitions", "Coalitions asking", 11),
                TableColumn("times_per_year", "Times a year", 10, "0")]
    write_table(sheet, frame, columns, header_row=3)


# --- Kumu ---------------------------------------------------------------------------

def kumu_workbook(network: O.MembershipNetwork) -> bytes:
    """The membership network as Kumu's import spreadsheet: Elements, then Connections.

    Elements are labelled by full name; the short label the charts draw is kept beside
    it, so a map made in Kumu reads without a key."""
    full = _full_names(network.nodes)
    nodes = network.nodes.assign(label=full, chart_label=network.nodes["label"],
                                 kumu_type=network.nodes["kind"].map(KUMU_TYPES))
    nodes = nodes.assign(kumu_label=_unique_labels(nodes),
                         chart_label=nodes["chart_label"].where(nodes["chart_label"] != full, ""))
    label_of = dict(zip(nodes["node"], nodes["kumu_label"]))
    edges = network.edges.assign(origin=network.edges["source"].map(label_of),
                                 destination=network.edges["target"].map(label_of))
    workbook = new_workbook("Membership network for Kumu")
    elements = nodes.assign(description=_element_descriptions(nodes, edges),
                            coalitions=nodes["size"].where(nodes["kind"] == "organisation"),
                            members=nodes["size"].where(nodes["kind"] == "coalition"))
    write_table(workbook.create_sheet(KUMU_ELEMENTS), elements, [
        TableColumn("kumu_label", "Label", 34), TableColumn("kumu_type", "Type", 14),
        TableColumn("description", "Description", 60), TableColumn("chart_label", "Short name", 14),
        TableColumn("coalitions", "Coalitions", 11, "0"),
        TableColumn("members", "Member organisations", 12, "0"),
        TableColumn("node", "Workbook ID", 18)], header_row=1)
    write_table(workbook.create_sheet(KUMU_CONNECTIONS), edges, [
        TableColumn("origin", "From", 34), TableColumn("destination", "To", 34),
        TableColumn("role", "Type", 14), TableColumn("roles", "Roles", 24),
        TableColumn("seats", "Seats", 8)], header_row=1)
    return workbook_bytes(workbook)


def _full_names(nodes: pd.DataFrame) -> pd.Series:
    """Each node's full name: the network's *name* column where it has one, else its label."""
    if "name" not in nodes:
        return nodes["label"]
    named = nodes["name"].fillna("").astype(str).str.strip()
    return named.where(named != "", nodes["label"])


def _unique_labels(nodes: pd.DataFrame) -> list[str]:
    """Kumu joins connections to elements by label: every label must be unique.

    A name used by both an organisation and a coalition gets its kind appended;
    one still repeated (two organisations of one name) gets its workbook id too.
    """
    labels = nodes["label"].fillna("").astype(str).str.strip()
    kinds = nodes["kind"].map(KUMU_TYPES).str.lower()
    repeated = labels.str.casefold().duplicated(keep=False) | (labels == "")
    labels = labels.where(~repeated, labels + " (" + kinds + ")")
    repeated = labels.str.casefold().duplicated(keep=False)
    labels = labels.where(~repeated, labels + " #" + nodes["entity_id"].astype(str))
    return labels.str.strip().tolist()


def _element_descriptions(nodes: pd.DataFrame, edges: pd.DataFrame) -> list[str]:
    seats_of = {node: sorted(group["destination"], key=str.casefold)
                for node, group in edges.groupby("source")}
    descriptions = []
    for node, kind, size in zip(nodes["node"], nodes["kind"], nodes["size"]):
        if kind == "coalition":
            descriptions.append(f"Coalition with {numbers.counted(size, 'member organisation')}.")
        else:
            tables = seats_of.get(node, [])
            descriptions.append(f"Sits on {numbers.counted(len(tables), 'coalition')}: "
                                f"{'; '.join(tables)}.")
    return descriptions


# --- charts -------------------------------------------------------------------------

@functools.cache
def vegalite_version() -> str:
    """The Vega-Lite version vl-convert should compile with: Altair's, or its nearest."""
    wanted = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    supported = vl_convert.get_vegalite_versions()
    if wanted in supported:
        return wanted
    major = wanted.split(".")[0]
    same_major = [v for v in supported if v.split(".")[0] == major]
    if not same_major:
        raise RuntimeError(f"vl-convert knows Vega-Lite {', '.join(supported)}, but Altair writes "
                           f"{alt.SCHEMA_VERSION}; update vl-convert-python.")
    return max(same_major, key=lambda v: tuple(int(p) for p in v.split(".")))


@dataclass(frozen=True)
class Handout:
    """What a printed chart must say beyond itself: whose it is, when, and how it was cut.

    *weights* and *filters* are added only when the chart's own subtitle does not
    already say them (the dashboards put them there)."""
    community: str = ""
    date: datetime.date | None = None
    weights: Mapping[str, float] | None = None
    filters: str = ""
    title: str = ""  # for a chart that has none of its own

    def lines(self, already: Sequence[str] = ()) -> list[str]:
        said = " ".join(already)
        day = self.date or datetime.date.today()
        lines = [" · ".join(p for p in (self.community, f"{day.day} {day:%B %Y}") if p)]
        weights = {d: w for d, w in (self.weights or {}).items() if w}
        if weights and "Weights" not in said:
            lines.append("Weights: " + ", ".join(
                f"{O.DIMENSION_LABELS.get(d, d)} {numbers.number_text(w)}"
                for d, w in weights.items()))
        if self.filters and self.filters not in said:
            lines.append(self.filters)
        return lines


def _handout_spec(chart, handout: Handout | None = None) -> dict:
    """The chart's spec under the projector theme (the chart's own settings win), framed
    for paper: a title, the community and date under it, padding all round."""
    spec = chart if isinstance(chart, Mapping) else chart.to_dict()
    spec = {**spec, "config": _merged(figures.projector_theme()["config"], spec.get("config", {}))}
    return _framed(spec, handout or Handout())


def _framed(spec: dict, handout: Handout) -> dict:
    title = spec.get("title")
    own = dict(title) if isinstance(title, Mapping) else {}
    text = own.get("text") if own else title
    subtitle = own.get("subtitle") or []
    subtitle = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    framed = {**own, "text": text or handout.title or "Chart",
              "subtitle": [*subtitle, *handout.lines(subtitle)],
              "subtitleFontSize": figures.FONT_SIZE, "subtitlePadding": 6, "offset": 14}
    legend = _merged({"padding": 8, "offset": 16}, spec["config"].get("legend", {}))
    return {**spec, "title": framed, "padding": HANDOUT_PADDING,
            "config": {**spec["config"], "legend": legend}}


def _merged(base: Mapping, override: Mapping) -> dict:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


# No base URL is allowed: a chart that points at remote (or local) data fails loudly
# instead of waiting on a network the workshop room may not have.
_OFFLINE = {"allowed_base_urls": []}


def chart_png(chart, scale: float = 2, handout: Handout | None = None) -> bytes:
    """PNG of an Altair chart (or its spec as a dict); scale 2 stays sharp when printed."""
    return vl_convert.vegalite_to_png(_handout_spec(chart, handout), vl_version=vegalite_version(),
                                      scale=scale, **_OFFLINE)


def chart_svg(chart, handout: Handout | None = None) -> str:
    """SVG of an Altair chart (or its spec as a dict): text stays text, sharp at any size."""
    return vl_convert.vegalite_to_svg(_handout_spec(chart, handout), vl_version=vegalite_version(),
                                      **_OFFLINE)


def overlap_heatmap(matrices: O.OverlapMatrices,
                    weights: Mapping[str, float] | None = None) -> alt.LayerChart:
    """The combined score as the dashboard draws it, for handouts."""
    return figures.heatmap_chart(matrices.combined(weights), matrices.coalitions["label"],
                                 "Combined overlap between coalitions",
                                 names=matrices.coalitions["name"])


def organisation_burden_chart(burden: O.MeetingBurden) -> alt.Chart:
    return figures.burden_chart(burden.organisations, "organisation",
                                "Who spends most time in coalition meetings")


NETWORK_THRESHOLD = 2  # as the dashboard opens: organisations on at least two coalitions


def coverage_charts(db: str | Path, community) -> dict[str, alt.TopLevelMixin]:
    """Notebook 1's three coverage grids, unfiltered, at the grid's default level."""
    footprints = trains.footprints(db, community)
    titles = {"geography": f"Geography ({coverage.level_label(footprints.level)})"}
    scope = footprints.shown.note.capitalize() if footprints.shown.note else ""
    made = {}
    for (rows, columns), stem in COVERAGE_CHARTS.items():
        cells = trains.coverage_cells(footprints.values, rows, columns, footprints.axes[rows],
                                      footprints.axes[columns], trains.Filters())
        made[stem] = figures.coverage_chart(cells, rows, columns, titles, scope=scope)
    return made


def overlap_charts(db: str | Path, matrices: O.OverlapMatrices, burden: O.MeetingBurden,
                   asks: O.AskLoad, weights: Mapping[str, float] | None) -> dict:
    """Notebook 2's charts as it opens, the heatmap under *weights*."""
    network = O.membership_network(db, min_coalitions=NETWORK_THRESHOLD)
    return {
        "overlap-heatmap": overlap_heatmap(matrices, weights),
        "membership-network": figures.network_chart(
            network, scope=f"Organisations on at least {NETWORK_THRESHOLD} coalitions"),
        "meeting-burden": organisation_burden_chart(burden),
        "meeting-burden-people": figures.burden_chart(
            burden.people, "person", "Who spends most time in coalition meetings (people)"),
        "asks": figures.asks_chart(asks),
    }


# --- everything at once ---------------------------------------------------------------

def export_all(db: str | Path, out_dir: str | Path, coalition_ids: Sequence[int] | None = None,
               weights: Mapping[str, float] | None = None, community=None,
               date: datetime.date | None = None) -> list[Path]:
    """Write every handout into *out_dir*; return the files written.

    overlaps.xlsx, comparison.xlsx, kumu.xlsx, and PNG + SVG of every chart of
    notebooks 1 and 2 (``handout_files.CHARTS``), each titled with the community
    (the database folder's, unless given), *date* (today) and the weights. The
    comparison covers *coalition_ids*; without them, the most-overlapping pair (as
    the dashboard starts), or the first two coalitions when none overlap; loaded
    interview notes follow the footprint. An empty database gives no comparison
    and no charts.
    """
    O.normalised_weights(weights)  # refuse bad weights before any work
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    community = O.community_of(db, community)
    matrices = O.overlap_matrices(db)
    pairs = O.top_pairs(db, O.COMBINED, TOP_PAIRS_EXPORTED, weights=weights, matrices=matrices)
    burden = O.meeting_burden(db)
    asks = O.ask_load(db)
    written = [_write(out / OVERLAPS_FILE, overlap_workbook(
        matrices, pairs, burden, asks, weights))]
    chosen = list(coalition_ids) if coalition_ids else _default_comparison(matrices, pairs)
    if chosen:
        comparison = O.compare_coalitions(db, chosen)
        written.append(_write(out / COMPARISON_FILE, comparison_workbook(
            comparison, notes_for(db, comparison.coalition_ids))))
    written.append(_write(out / KUMU_FILE, kumu_workbook(O.membership_network(db))))
    if len(matrices.coalitions):
        made = {**coverage_charts(db, community),
                **overlap_charts(db, matrices, burden, asks, weights)}
        for stem in CHARTS:  # the order --help lists them in
            handout = Handout(community.name, date, O.normalised_weights(weights)
                              if stem == "overlap-heatmap" else None)
            written.append(_write(out / f"{stem}.png", chart_png(made[stem], handout=handout)))
            written.append(_write(out / f"{stem}.svg",
                                  chart_svg(made[stem], handout=handout).encode("utf-8")))
    return written


def _default_comparison(matrices: O.OverlapMatrices, pairs: pd.DataFrame) -> list[int]:
    if not pairs.empty:
        return [int(pairs.at[0, "coalition_a_id"]), int(pairs.at[0, "coalition_b_id"])]
    return [int(i) for i in matrices.coalitions.index[:2]]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def parse_weights(text: str | None) -> dict[str, float] | None:
    """``"members=0.4,goals=0.2"`` as a dict (the whole weighting); None for no text."""
    if text is None or not text.strip():
        return None
    weights = {}
    for part in text.split(","):
        name, equals, number = part.partition("=")
        name = name.strip().replace(" ", "_")
        if not equals or not name:
            raise ExportError(f"Write weights as dimension=number, comma-separated "
                              f"(such as members=0.4,goals=0.2), not {part.strip()!r}.")
        try:
            weights[name] = float(number)
        except ValueError:
            raise ExportError(f"The weight of {name} must be a number, not {number.strip()!r}.") \
                from None
    try:
        O.normalised_weights(weights)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    return weights


def resolve_coalitions(db: str | Path, names: Iterable[str]) -> list[int]:
    """Coalition ids for names, short names, chart labels or ids, case and spacing ignored."""
    coalitions = read_table(db, "SELECT coalition_id, name, short_name FROM coalitions")
    labelled = O.coalition_labels(db)
    ids_by_key: dict[str, set[int]] = {}
    for column in (coalitions["name"], coalitions["short_name"],
                   labelled["label"].reindex(coalitions["coalition_id"]).reset_index(drop=True),
                   coalitions["coalition_id"].astype(str)):
        for key, coalition_id in zip(column, coalitions["coalition_id"]):
            if isinstance(key, str) and key.strip():
                ids_by_key.setdefault(_key(key), set()).add(int(coalition_id))
    chosen, unknown = [], []
    for name in names:
        found = ids_by_key.get(_key(name), set())
        if len(found) > 1:
            raise ExportError(f"{name!r} names more than one coalition (ids "
                              f"{', '.join(map(str, sorted(found)))}); give the id instead.")
        if found:
            chosen.append(found.pop())
        else:
            unknown.append(name)
    if unknown:
        known = ", ".join(labelled["label"].head(KNOWN_NAMES_SHOWN))
        if len(labelled) > KNOWN_NAMES_SHOWN:
            known += f" and {len(labelled) - KNOWN_NAMES_SHOWN} more"
        raise ExportError(f"No coalition called {', '.join(map(repr, unknown))} in {db}. "
                          f"Known coalitions: {known}.")
    return chosen


def _key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def export_command(db: Path, out: Path, coalitions: Sequence[str] | None,
                   weights_text: str | None, community=None) -> int:
    """``python -m workbook export``: write the handouts, say where; 2 for a fixable mistake."""
    if not Path(db).is_file():
        print(f"No database at {db}: build it with `python -m workbook load`.", file=sys.stderr)
        return 2
    try:
        weights = parse_weights(weights_text)
        chosen = resolve_coalitions(db, coalitions) if coalitions else None
        if chosen is not None and len(set(chosen)) > O.MAX_COMPARED:
            raise ExportError(f"Compare at most {O.MAX_COMPARED} coalitions at a time.")
        written = export_all(db, out, chosen, weights, community)
    except ValueError as exc:  # ours and the task functions' refusals are worded for people
        print(exc, file=sys.stderr)
        return 2
    print(f"Wrote {numbers.counted(len(written), 'file')} to {out}:")
    for path in written:
        print(f"  {path.name}")
    return 0


# --- downloads in the dashboard --------------------------------------------------------

BUTTON_STYLE = ("display:inline-block; padding:12px 24px; margin:6px 8px 6px 0; font-size:18px; "
                "font-weight:bold; color:#FFFFFF; background:#0072B2; border-radius:6px; "
                "text-decoration:none;")


def download_link(data: bytes, filename: str, mime: str, label: str) -> str:
    """An HTML anchor, styled as a big button, that downloads *data* with no server or network.

    The file travels inside the page as a data URL, so it works in Voilà offline;
    put the string in an ``ipywidgets.HTML``.
    """
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<a download="{html.escape(filename, quote=True)}" '
            f'href="data:{html.escape(mime, quote=True)};base64,{encoded}" '
            f'style="{BUTTON_STYLE}" role="button">{html.escape(label)}</a>')
