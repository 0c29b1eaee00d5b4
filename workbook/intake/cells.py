"""Turn what a clerk typed into a typed value, tolerantly, saying what was done.

Each ``read_*`` function takes a raw cell value (as the spreadsheet reader gives
it: str, float, int, bool, date, datetime or None) and returns a ``Reading``:
the value to store (None when unusable) and the notes to report.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .. import schema as S
from .problems import Code

# Typed by people who mean "nothing here" or "not known yet": all read as no answer yet.
EMPTY_MARKERS = frozenset({
    "n/a", "na", "n.a.", "n.a", "n/a.", "none", "-", "--", "---", "—", "–", "null", "nil",
    "not applicable", "#n/a", "t.b.d.", "to be determined", "???", "see below",
    "same as above",
}) | frozenset(S.NO_ANSWER_YET)
PLACEHOLDER_ORGANISATIONS = frozenset(S.PLACEHOLDER_NAMES)
FORMULA_ERRORS = frozenset({"#div/0!", "#value!", "#ref!", "#name?", "#num!", "#null!",
                            "#spill!", "#calc!", "#getting_data"})
INVISIBLE_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ",
                                  "\u200b": "", "\ufeff": "", "\t": " "})
DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-"})
YEAR_RANGE = (1900, 2100)
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%d.%m.%Y",
                "%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y")
EXCEL_EPOCH = dt.date(1899, 12, 30)
EMAIL_PATTERN = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$")
NUMBER_DECORATION = re.compile(r"[$€£,\s]|usd|dollars?", re.IGNORECASE)
THOUSANDS_SUFFIX = re.compile(r"^(\d+(?:\.\d+)?)\s*([km])$", re.IGNORECASE)
DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
THOUSANDS_GROUPS = re.compile(r"^[^\d]*\d{1,3}(,\d{3})+(\.\d+)?[^\d]*$")
ID_SEPARATORS = re.compile(r"[;,\s|]+")
SPACE_RUNS = re.compile(r" {2,}")

Note = tuple[Code, dict]


@dataclass
class Reading:
    value: Any = None
    notes: list[Note] = field(default_factory=list)
    text: str | None = None  # a MEASURE that is not one number, kept as typed
    percent_sign: bool = False  # a MEASURE typed as 48% or "48 percent"


def clean_text(raw: Any) -> tuple[str, list[Note]]:
    """Text with stray spaces removed; notes say when something was trimmed."""
    if raw is None:
        return "", []
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # an id or code typed as a number
    text = str(raw)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        # The usual cell: printable text has no invisible spaces, tabs or line breaks.
        return text, []
    normalised = SPACE_RUNS.sub(" ", text.translate(INVISIBLE_SPACES)).strip()
    notes: list[Note] = []
    if normalised != text and normalised and isinstance(raw, str) and "\n" not in text:
        notes.append((Code.CELL_TRIMMED, {"fixed": normalised}))
    return normalised, notes


def _synonym(field_: S.Field, text: str, vocabulary: tuple[str, ...]) -> str | None:
    """A list value typed in other words ("Neighborhood", "%"), when the list has it."""
    words = S.VOCABULARY_SYNONYMS.get(field_.vocabulary or "")
    if not words or vocabulary_match(text, vocabulary) is not None:
        return None
    value = words.get(" ".join(text.casefold().split()))
    return value if value in vocabulary else None


@functools.lru_cache(maxsize=16_384)  # the same answers recur in every file of a batch
def means_no_answer(text: str) -> bool:
    return no_answer_key(text) in EMPTY_MARKERS


@functools.lru_cache(maxsize=16_384)
def is_placeholder_organisation(text: str) -> bool:
    return placeholder_key(text) in PLACEHOLDER_ORGANISATIONS


def no_answer_key(text: str) -> str:
    """How a cell is compared with the no-answer words: no case, spaces or final full stop."""
    key = " ".join(text.casefold().split())
    return key if key in EMPTY_MARKERS else key.rstrip(".!")


def placeholder_key(text: str) -> str:
    """How a name is compared with the placeholders: no case, brackets or final punctuation."""
    key = " ".join(re.sub(r"[()\[\]\"']", " ", text.casefold()).split())
    return key if key in PLACEHOLDER_ORGANISATIONS else key.rstrip(".!")


def is_blank(raw: Any) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        # A letter or digit first is the usual filled cell: no need to look further.
        if raw[:1].isalnum():
            return False
        # In ASCII the invisible spaces are only the tab, which strip() removes anyway.
        return not (raw if raw.isascii() else raw.translate(INVISIBLE_SPACES)).strip()
    return False


def read_cell(field_: S.Field, raw: Any, vocabulary: tuple[str, ...] = ()) -> Reading:
    """Read one cell for *field_*; several-valued fields go through ``read_several``."""
    if isinstance(raw, str):
        text, notes = clean_text(raw)
        if not text:
            return Reading(None, [])
        if field_.type == S.CHOICE and text in vocabulary:
            return Reading(text, notes)  # the usual list answer, picked from the drop-down
        if text[0] == "#" and text.casefold() in FORMULA_ERRORS:
            return Reading(None, [(Code.CELL_FORMULA_ERROR, {"value": text})])
        if field_.entity == S.ORGANISATION and is_placeholder_organisation(text):
            return Reading(None, [(Code.CELL_NO_ORGANISATION, {"value": text})])
        if means_no_answer(text) and vocabulary_match(text, vocabulary) is None:
            return Reading(None, [(Code.CELL_EMPTY_MARKER, {"value": text})])
        synonym = _synonym(field_, text, vocabulary) if field_.vocabulary else None
        if synonym is not None:
            return Reading(synonym, [(Code.CELL_CASE_FIXED, {"value": text, "fixed": synonym})])
        reading = READERS[field_.type](text, vocabulary)
        if reading.value is not None:
            reading.notes = notes + reading.notes
        return reading
    if raw is None:
        return Reading(None, [])
    return READERS[field_.type](raw, vocabulary)


def read_several(field_: S.Field, raws: list[Any], vocabulary: tuple[str, ...] = ()) -> Reading:
    """Read a several-valued field from one or more cells; a cell may hold a list."""
    values: list[Any] = []
    notes: list[Note] = []
    for raw in raws:
        for part in split_several(field_, raw, vocabulary):
            reading = read_cell(_one_value_field(field_), part, vocabulary)
            notes += reading.notes
            if reading.value is not None and reading.value not in values:
                values.append(reading.value)
    return Reading(values, notes)


_ONE_VALUE_FIELDS: dict[int, tuple[S.Field, S.Field]] = {}  # id -> (field, its one-value form)


def _one_value_field(field_: S.Field) -> S.Field:
    """The field that reads one value of a several-valued field; made once per field."""
    cached = _ONE_VALUE_FIELDS.get(id(field_))
    if cached is None or cached[0] is not field_:
        single = S.Field(field_.name, field_.label, S.CHOICE if field_.vocabulary else S.TEXT,
                         vocabulary=field_.vocabulary, entity=field_.entity)
        cached = _ONE_VALUE_FIELDS[id(field_)] = (field_, single)
    return cached[1]


def split_several(field_: S.Field, raw: Any, vocabulary: tuple[str, ...]) -> list[Any]:
    if not isinstance(raw, str):
        return [] if raw is None else [raw]
    if field_.type == S.ID_LIST:
        return [part for part in ID_SEPARATORS.split(raw) if part]
    parts = [_join_wrapped_lines(raw) if field_.type == S.TEXT_LIST else raw]
    for separator in S.MULTI_VALUE_SEPARATORS:
        parts = [piece for part in parts for piece in part.split(separator)]
    # A comma splits only when every piece is then a known value: list entries may hold commas.
    split_on_commas = []
    for part in parts:
        pieces = part.split(",")
        known = len(pieces) > 1 and all(vocabulary_match(p, vocabulary) for p in pieces)
        split_on_commas += pieces if known else [part]
    if len(split_on_commas) > 1:
        # "A; B": the space after a separator is how lists are typed, not a stray space.
        split_on_commas = [piece.strip(" ") for piece in split_on_commas]
    return split_on_commas


CONTINUED_LINE = re.compile(r"(,|&|-|\b(?:and|of|for|the|in|on|at|to))\s*$", re.IGNORECASE)


def _join_wrapped_lines(text: str) -> str:
    """A name pasted from a document keeps its line breaks: "United Way of\nthe Bluegrass".

    A line that ends mid-phrase (a comma, "of", "and"…) or a next line starting in
    lower case continues the same value; other line breaks separate values.
    """
    if "\n" not in text:
        return text  # stray spaces around one value are trimmed with a note, as in any cell
    lines = [line.strip() for line in text.split("\n")]
    joined: list[str] = []
    for line in lines:
        if joined and line and (CONTINUED_LINE.search(joined[-1]) or line[0].islower()):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return "\n".join(joined)


def _vocabulary_key(text: str) -> str:
    return " ".join(text.translate(DASHES).casefold().split())


def vocabulary_match(text: str, vocabulary: tuple[str, ...] | list[str]) -> str | None:
    listed = vocabulary if isinstance(vocabulary, tuple) else tuple(vocabulary)
    return _entries_by_key(listed).get(_vocabulary_key(clean_text(text)[0]))


@functools.lru_cache(maxsize=256)
def _entries_by_key(vocabulary: tuple[str, ...]) -> dict[str, str]:
    """Each entry by its comparison key, the first entry where two share one; built once
    per list rather than once per cell."""
    entries: dict[str, str] = {}
    for entry in vocabulary:
        entries.setdefault(_vocabulary_key(entry), entry)
    return entries


# A "did you mean" must be a likely slip, not the least unlike entry: two letters wrong in
# a word of eight is 0.75 alike, one word of four changed about 0.7; an acronym or a
# different phrase ("5 lunch meetings a year" for "Twice a year") is far below.
SUGGESTION_SIMILARITY = 0.7


def suggestion(text: str, choices: tuple[str, ...] | list[str]) -> str:
    """" Did you mean 'X'?" when X is a near spelling of *text*, or its whole phrase; else ""."""
    if not choices or not str(text).strip():
        return ""
    best = process.extractOne(str(text), list(choices), scorer=Levenshtein.normalized_similarity,
                              processor=_vocabulary_key, score_cutoff=SUGGESTION_SIMILARITY)
    if best is None:
        best = _contained_entry(str(text), choices)
    return f" Did you mean '{best[0]}'?" if best else ""


def _contained_entry(text: str, choices) -> tuple[str] | None:
    """The longest entry typed whole inside the text ("Early childhood education")."""
    words = _padded_words(text)
    inside = [entry for entry in choices if len(entry) >= 5 and _padded_words(entry) in words]
    return (max(inside, key=len),) if inside else None


def _padded_words(text: str) -> str:
    return " " + " ".join(re.findall(r"[\w-]+", _vocabulary_key(text))) + " "


def read_choice(raw: Any, vocabulary: tuple[str, ...]) -> Reading:
    text = clean_text(raw)[0]
    if text in vocabulary:
        return Reading(text)
    entry = vocabulary_match(text, vocabulary)
    if entry is not None:
        return Reading(entry, [(Code.CELL_CASE_FIXED, {"value": text, "fixed": entry})])
    return Reading(None, [(Code.CELL_NOT_IN_LIST, {"value": text,
                                                   "suggestion": suggestion(text, vocabulary)})])


def read_text(raw: Any, _vocabulary=()) -> Reading:
    if isinstance(raw, (dt.datetime, dt.date)):
        return Reading(raw.isoformat()[:10])
    return Reading(clean_text(raw)[0] or None)


def read_number(raw: Any, _vocabulary=()) -> Reading:
    if isinstance(raw, bool) or isinstance(raw, (dt.date, dt.datetime, dt.time)):
        return Reading(None, [(Code.CELL_NOT_A_NUMBER, {"value": raw})])
    if isinstance(raw, (int, float)):
        number, notes = float(raw), []
    else:
        number = _number_from_text(raw)
        if number is None:
            return Reading(None, [(Code.CELL_NOT_A_NUMBER, {"value": raw})])
        notes = [(Code.CELL_TEXT_AS_NUMBER, {"value": raw, "fixed": _plain(number)})]
    if number < 0:
        return Reading(None, [(Code.CELL_NEGATIVE, {"value": raw})])
    return Reading(int(number) if number.is_integer() else number, notes)


def _number_from_text(text: str) -> float | None:
    compact = text.replace(" ", "").replace("\u00a0", "")
    if DECIMAL_COMMA.fullmatch(compact):
        compact = compact.replace(",", ".")  # "1,5" is one and a half, not fifteen
    elif "," in compact and not THOUSANDS_GROUPS.search(compact):
        return None
    stripped = NUMBER_DECORATION.sub("", compact)
    scaled = THOUSANDS_SUFFIX.match(stripped)
    if scaled:
        factor = 1_000 if scaled.group(2).lower() == "k" else 1_000_000
        return float(scaled.group(1)) * factor
    try:
        return float(stripped)
    except ValueError:
        return None


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def read_integer(raw: Any, _vocabulary=()) -> Reading:
    reading = read_number(raw)
    if reading.value is not None and not float(reading.value).is_integer():
        return Reading(None, [(Code.CELL_NOT_A_WHOLE_NUMBER, {"value": raw})])
    return reading


def read_year(raw: Any, _vocabulary=()) -> Reading:
    if isinstance(raw, (dt.date, dt.datetime)):
        return _year_in_range(raw.year, raw, [(Code.CELL_YEAR_FROM_DATE, {"fixed": raw.year})])
    if isinstance(raw, bool):
        return Reading(None, [(Code.CELL_NOT_A_YEAR, {"value": raw})])
    if isinstance(raw, (int, float)):
        if not float(raw).is_integer():
            return Reading(None, [(Code.CELL_NOT_A_YEAR, {"value": raw})])
        return _year_in_range(int(raw), raw, [])
    text = str(raw)
    school = SCHOOL_YEAR.fullmatch(text.translate(DASHES).strip())
    if school:
        return _school_year(school, raw)
    match = re.fullmatch(r"(?:fy|year)?\s*'?(\d{4})\.?0*", text, re.IGNORECASE)
    if match:
        year = int(match.group(1))
        return _year_in_range(year, raw, [(Code.CELL_TEXT_AS_NUMBER,
                                           {"value": raw, "fixed": year})])
    parsed = _date_from_text(text)
    if parsed is not None:
        return _year_in_range(parsed.year, raw,
                              [(Code.CELL_YEAR_FROM_DATE, {"fixed": parsed.year})])
    return Reading(None, [(Code.CELL_NOT_A_YEAR, {"value": raw})])


# A school or fiscal year over two calendar years: 2019-20, 2019-2020, SY 2019/20.
SCHOOL_YEAR = re.compile(r"(?:sy|school\s+year|fy)?\s*(\d{4})\s*[-/]\s*(\d{2}|\d{4})",
                         re.IGNORECASE)


def _school_year(match: re.Match, raw: Any) -> Reading:
    """Read as the year it ends (when tests are sat and diplomas given), with a note."""
    start, end_text = int(match.group(1)), match.group(2)
    end = int(end_text) if len(end_text) == 4 else start // 100 * 100 + int(end_text)
    if len(end_text) == 2 and end < start:
        end += 100  # 1999-00
    if end != start + 1:
        return Reading(None, [(Code.CELL_NOT_A_YEAR, {"value": raw})])
    return _year_in_range(end, raw, [(Code.CELL_SCHOOL_YEAR,
                                      {"value": raw, "fixed": end, "start": start})])


def _year_in_range(year: int, raw: Any, notes: list[Note]) -> Reading:
    low, high = YEAR_RANGE
    if not low <= year <= high:
        return Reading(None, [(Code.CELL_YEAR_OUT_OF_RANGE, {"value": raw, "low": low,
                                                             "high": high})])
    return Reading(year, notes)


def read_date(raw: Any, _vocabulary=()) -> Reading:
    if isinstance(raw, dt.datetime):
        return Reading(raw.date().isoformat())
    if isinstance(raw, dt.date):
        return Reading(raw.isoformat())
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 20000 < raw < 80000:
        # A date cell formatted as a number shows Excel's day count.
        parsed = EXCEL_EPOCH + dt.timedelta(days=int(raw))
        return Reading(parsed.isoformat(), [(Code.CELL_DATE_PARSED,
                                             {"value": raw, "fixed": parsed.isoformat()})])
    parsed = _date_from_text(str(raw))
    if parsed is None:
        return Reading(None, [(Code.CELL_NOT_A_DATE, {"value": raw})])
    notes = [] if str(raw) == parsed.isoformat() else [
        (Code.CELL_DATE_PARSED, {"value": raw, "fixed": parsed.isoformat()})]
    return Reading(parsed.isoformat(), notes)


def _date_from_text(text: str) -> dt.date | None:
    candidate = text.strip()
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(candidate, pattern).date()
        except ValueError:
            continue
    try:
        return dt.datetime.fromisoformat(candidate).date()
    except ValueError:
        return None


def read_email(raw: Any, _vocabulary=()) -> Reading:
    text = clean_text(raw)[0]
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:"):]
    if not EMAIL_PATTERN.match(text):
        return Reading(None, [(Code.CELL_NOT_AN_EMAIL, {"value": text})])
    return Reading(text)


def read_url(raw: Any, _vocabulary=()) -> Reading:
    text = clean_text(raw)[0]
    if re.match(r"^https?://\S+\.\S+", text, re.IGNORECASE):
        return Reading(text)
    return Reading(text, [(Code.CELL_NOT_A_URL, {"value": text})])


PERCENT_WORDS = re.compile(r"\s*(%|percent|per\s*cent|pct\.?)$", re.IGNORECASE)


def read_measure(raw: Any, _vocabulary=()) -> Reading:
    """A number on its unit's scale; anything else is kept as text with a warning.

    The percent scale is settled per row (``rules.settle_measures``), once the unit is known.
    """
    if isinstance(raw, bool) or isinstance(raw, (dt.date, dt.datetime, dt.time)):
        return Reading(None, [(Code.CELL_MEASURE_AS_TEXT, {"value": raw})], text=str(raw))
    if isinstance(raw, (int, float)):
        return Reading(whole_if_integral(float(raw)))
    text = clean_text(raw)[0]
    without_percent = PERCENT_WORDS.sub("", text)
    has_percent = without_percent != text
    number = _signed_number(without_percent)
    if number is None:
        return Reading(None, [(Code.CELL_MEASURE_AS_TEXT, {"value": text})], text=text)
    notes = [] if _plain_number(without_percent) else [
        (Code.CELL_TEXT_AS_NUMBER, {"value": text, "fixed": _plain(number)})]
    return Reading(whole_if_integral(number), notes, percent_sign=has_percent)


def _signed_number(text: str) -> float | None:
    negative = text.strip().startswith("-")
    number = _number_from_text(text.strip().lstrip("-"))
    return None if number is None else (-number if negative else number)


def _plain_number(text: str) -> bool:
    return re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", text.strip()) is not None


def whole_if_integral(number: float) -> float | int:
    return int(number) if float(number).is_integer() else number


def read_id(raw: Any, _vocabulary=()) -> Reading:
    return Reading(clean_text(raw)[0].upper() or None)


READERS: dict[str, Callable[[Any, tuple[str, ...]], Reading]] = {
    S.TEXT: read_text,
    S.LONG_TEXT: read_text,
    S.INTEGER: read_integer,
    S.NUMBER: read_number,
    S.MONEY: read_number,
    S.YEAR: read_year,
    S.DATE: read_date,
    S.EMAIL: read_email,
    S.URL: read_url,
    S.CHOICE: read_choice,
    S.MULTI_CHOICE: read_choice,
    S.ID_LIST: read_id,
    S.TEXT_LIST: read_text,
    S.MEASURE: read_measure,
}
