"""The one catalogue of problems a checklist can have.

Every problem the loader reports comes from here: a stable code, a severity,
what is wrong and how to fix it, worded for the clerk who fills the checklist.
Messages are format strings filled from the details given when reporting; a count
names its noun in the format spec, "{rows:filled row}", and reads "1 filled row",
"2 filled rows" ("{count:body/bodies}" for a plural not made with an s).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum
from numbers import Integral
from string import Formatter

from ..numbers_text import counted


class Severity(StrEnum):
    """How bad a problem is; compares equal to its plain string ("error")."""
    ERROR = "error"
    WARNING = "warning"


class Level(StrEnum):
    """Where a problem sits, from the widest place to the narrowest."""
    FILE = "file"
    SHEET = "sheet"
    ROW = "row"
    CELL = "cell"
    NAME = "name"  # an organisation or person name across checklists


# Kept for callers that compare with the plain words.
ERROR = Severity.ERROR
WARNING = Severity.WARNING


@dataclass(frozen=True)
class Entry:
    severity: Severity
    level: Level
    title: str  # a few words, for lists and badges
    message: str
    fix: str
    rejects_row: bool = False  # the row it names was not loaded

    def details_needed(self) -> set[str]:
        """The placeholders the message and fix need filled."""
        return {name for text in (self.message, self.fix)
                for _, name, _, _ in Formatter().parse(text) if name}


class Code(Enum):
    # Files
    FILE_SKIPPED_LOCK = Entry(
        Severity.WARNING, Level.FILE, "Lock file skipped", "Skipped an Office lock file ({name}).",
        "Nothing to do: Excel leaves these while a file is open.")
    FILE_SKIPPED_HIDDEN = Entry(
        Severity.WARNING, Level.FILE, "Hidden file skipped", "Skipped a hidden file ({name}).",
        "Nothing to do, unless it is a checklist: then rename it without the leading dot.")
    FILE_SKIPPED_NOT_SPREADSHEET = Entry(
        Severity.WARNING, Level.FILE, "Not a spreadsheet", "Skipped {name}: it is not a spreadsheet.",
        "Only .xlsx checklists are read; leave other files out of the folder or ignore this note.")
    FILE_EMPTY = Entry(
        Severity.ERROR, Level.FILE, "Empty file", "The file is empty (0 bytes).",
        "Ask the coalition to send the checklist again; the copy we have holds nothing.")
    FILE_CORRUPT = Entry(
        Severity.ERROR, Level.FILE, "Damaged file", "The file cannot be opened as a spreadsheet ({detail}).",
        "Open it in Excel; if it will not open, ask for a new copy. If it opens, "
        "save it again as Excel Workbook (.xlsx).")
    FILE_PASSWORD = Entry(
        Severity.ERROR, Level.FILE, "Password-protected file", "The file is protected with a password.",
        "Ask the coalition to remove the password (File > Info > Protect Workbook) "
        "and send it again.")
    FILE_TOO_LARGE = Entry(
        Severity.ERROR, Level.FILE, "File too large", "The file is too large to be a checklist ({size} MB; the limit is {limit} MB).",
        "Check that this is the right file; remove pictures or extra sheets and save again.")
    FILE_ZIP_BOMB = Entry(
        Severity.ERROR, Level.FILE, "File unpacks too large", "The file unpacks to {size} MB, over the {limit} MB limit for a checklist.",
        "This is not a normal checklist. Ask for a fresh copy of the template, filled in.")
    FILE_OVER_LIMIT = Entry(
        Severity.ERROR, Level.FILE, "File over a size limit", "{what} is over the limit for a checklist ({found}; the "
        "limit is {limit}), so the file was not read.",
        "This is not a normal checklist: check it is the right file. If it is, copy the filled "
        "cells into a fresh template and send that.")
    FILE_CSV = Entry(
        Severity.ERROR, Level.FILE, "CSV instead of a workbook", "A .csv file holds one sheet only, so it cannot carry a whole checklist.",
        "Open the original checklist and save it as Excel Workbook (.xlsx).")
    FILE_OTHER_FORMAT = Entry(
        Severity.WARNING, Level.FILE, "Older or other spreadsheet format", "The file is a {format} file; it was read, but formatting "
        "and dropdowns may be lost.",
        "Next time save as Excel Workbook (.xlsx).")
    FILE_READ_FAILED = Entry(
        Severity.ERROR, Level.FILE, "File could not be read", "The file could not be read: {detail}.",
        "Open it in Excel and save it again as .xlsx; if that fails, ask for a new copy.")
    FILE_NOT_FOUND = Entry(
        Severity.ERROR, Level.FILE, "No such file", "No such file or folder.", "Check the path.")
    FILE_BLANK_TEMPLATE = Entry(
        Severity.WARNING, Level.FILE, "Blank template skipped", "The file is the checklist template with nothing filled in, "
        "so it was skipped.",
        "Nothing to do, unless a coalition meant to send its filled checklist: then ask for it.")
    FILE_DUPLICATE_COALITION = Entry(
        Severity.ERROR, Level.FILE, "Same coalition in two files", "This file holds the same coalition ('{value}') as "
        "{other}; only {kept} was loaded, not this file ({rows:row}).",
        "Keep one checklist per coalition: remove the older copy from the folder, or give a "
        "different coalition its own name.")

    # Schema version and community
    VERSION_MISSING = Entry(
        Severity.WARNING, Level.FILE, "No template stamp", "This file has no schema version stamp, so it was not made "
        "from the workbook's template; columns were matched by their headings.",
        "Use the template from templates/ next time.")
    VERSION_NEWER = Entry(
        Severity.ERROR, Level.FILE, "Made by a newer workbook", "The checklist was made with schema {found}, newer than this "
        "workbook ({current}).", "Update the workbook software, then load again.")
    VERSION_OLDER = Entry(
        Severity.WARNING, Level.FILE, "Made with an older template", "The checklist was made with schema {found}; this workbook "
        "uses {current}. {explanation}",
        "Nothing to do now; use the current template next time.")
    COMMUNITY_MISMATCH = Entry(
        Severity.WARNING, Level.FILE, "Template of another community", "The template was made for community '{found}', "
        "not '{expected}'.",
        "Check the file belongs to this community; dropdown lists may differ.")
    FORM_WRONG_KIND = Entry(
        Severity.ERROR, Level.FILE, "Wrong kind of form", "This file holds {found}, not {expected}, so it was not read.",
        "Load footprint checklists with `python -m workbook load` and "
        "interview notes with `python -m workbook load-notes`.")

    # Sheets and columns
    SHEET_MISSING = Entry(
        Severity.ERROR, Level.SHEET, "Sheet missing", "Sheet '{sheet}' is missing.",
        "Copy the '{sheet}' sheet from the template into the file and fill it.")
    SHEET_MISSING_OPTIONAL = Entry(
        Severity.WARNING, Level.SHEET, "Optional sheet missing", "Sheet '{sheet}' is missing, so nothing was loaded for it.",
        "If the coalition has {what}, add the '{sheet}' sheet from the template.")
    SHEET_RENAMED = Entry(
        Severity.WARNING, Level.SHEET, "Sheet renamed", "Sheet '{found}' was read as '{sheet}'.",
        "Rename the sheet back to '{sheet}'.")
    SHEET_UNKNOWN = Entry(
        Severity.WARNING, Level.SHEET, "Sheet not in the checklist", "Sheet '{found}' is not part of the checklist; nothing on it "
        "was loaded ({rows:filled row}).{suggestion}",
        "Move that information into the checklist's sheets, or ignore this note.")
    SHEET_NOT_MATCHED = Entry(
        Severity.ERROR, Level.SHEET, "Sheet not recognised", "Sheet '{found}' is not a checklist sheet, while the checklist's "
        "{missing} missing; nothing on it was loaded ({rows:filled row}).",
        "If '{found}' holds the rows of '{sheet}', rename it '{sheet}'; otherwise move its "
        "rows into the checklist's sheets.")
    SHEET_MATCHED_BY_HEADINGS = Entry(
        Severity.WARNING, Level.SHEET, "Sheet found by its headings", "Sheet '{found}' was read as '{sheet}' because its "
        "headings are that sheet's.", "Rename the sheet back to '{sheet}'.")
    COLUMN_MISSING = Entry(
        Severity.ERROR, Level.SHEET, "Required column missing", "Required '{field}' is missing from sheet '{sheet}'.",
        "Add it back with the heading '{header}' (copy it from the template).")
    COLUMN_MISSING_OPTIONAL = Entry(
        Severity.WARNING, Level.SHEET, "Column missing", "'{field}' is missing from sheet '{sheet}'.",
        "Add it back with the heading '{header}' if you have that information.")
    COLUMN_RENAMED = Entry(
        Severity.WARNING, Level.SHEET, "Column heading renamed", "Column heading '{found}' was read as '{header}'.",
        "Rename the heading back to '{header}'.")
    COLUMN_EXTRA = Entry(
        Severity.WARNING, Level.SHEET, "Extra column", "Column '{found}' is not part of the checklist; its values "
        "were kept as extra information.",
        "Nothing to do; if it belongs in another column, move it there.")
    ROWS_ABOVE_HEADER = Entry(
        Severity.WARNING, Level.ROW, "Row above the headings", "Row {row} sits above the headings, so it was not loaded.",
        "Move anything that belongs to the checklist below the headings.")
    CELL_EXTRA_VALUES = Entry(
        Severity.WARNING, Level.CELL, "Several answers where one is asked", "'{field}' takes one answer; '{value}' was kept as extra "
        "information only.", "Keep one answer in the first answer cell.")
    COALITION_NAME_MISSING = Entry(
        Severity.ERROR, Level.CELL, "Coalition name missing", "The coalition's name is missing; the file name "
        "'{fixed}' stands in for it.", "Fill in 'Coalition name'.")
    HEADER_NOT_FOUND = Entry(
        Severity.ERROR, Level.SHEET, "No heading row", "No heading row was found on sheet '{sheet}', so nothing "
        "on it was loaded ({rows:filled row}).",
        "Put the headings from the template back in the first row.")

    # Rows and cells
    ROW_MISSING_REQUIRED = Entry(
        Severity.ERROR, Level.ROW, "Row missing a required answer", "Row {row} was not loaded: '{field}' is required.",
        "Fill in '{field}' for this row, or clear the row if it is not needed.",
        rejects_row=True)
    ROW_REQUIRED_UNUSABLE = Entry(
        Severity.ERROR, Level.ROW, "Row's required answer unusable", "Row {row} was not loaded: its "
        "'{field}' ('{value}') could not be used, as the line for that cell says.",
        "Correct '{field}' (pick it from the dropdown where there is one), or clear the row "
        "if it is not needed.",
        rejects_row=True)
    ROW_MISSING_ONE_OF = Entry(
        Severity.ERROR, Level.ROW, "Row names nobody", "Row {row} was not loaded: it needs at least "
        "one of {field}.",
        "Fill in one of {field}, or clear the row if it is not needed.",
        rejects_row=True)
    ROW_DUPLICATE_ID = Entry(
        Severity.ERROR, Level.ROW, "Goal ID used twice", "Row {row} was not loaded: goal ID '{value}' is already used "
        "on row {first_row}.", "Give each goal its own ID (G1, G2, …).",
        rejects_row=True)
    FILE_NO_COALITION = Entry(
        Severity.ERROR, Level.FILE, "No Coalition sheet", "Without the 'Coalition' sheet, nothing on the file's "
        "other sheets was loaded ({rows:filled row}).",
        "Copy the 'Coalition' sheet from the template into the file, fill it and load again.")
    CELL_REQUIRED = Entry(
        Severity.ERROR, Level.CELL, "Required answer missing", "'{field}' is required.", "Fill in '{field}'.")
    CELL_RECOMMENDED_MISSING = Entry(
        Severity.WARNING, Level.CELL, "Recommended answer missing", "'{field}' is blank; the row was "
        "loaded without it.",
        "Fill in '{field}' when you can: comparisons by '{field}' leave this row out until then.")
    SHEET_NO_ROWS = Entry(
        Severity.ERROR, Level.SHEET, "Sheet left empty", "Sheet '{sheet}' has no rows; at least one "
        "is needed.", "Fill at least one row of '{sheet}': {what}.")
    CELL_NOT_IN_LIST = Entry(
        Severity.ERROR, Level.CELL, "Not in the list", "'{value}' is not in the list for '{field}'.{suggestion}",
        "Pick a value from the cell's dropdown list.")
    CELL_CASE_FIXED = Entry(
        Severity.WARNING, Level.CELL, "List value read loosely", "'{value}' was read as '{fixed}'.",
        "Nothing to do; picking from the dropdown avoids this.")
    CELL_AREA_NOT_IN_LIST = Entry(
        Severity.WARNING, Level.CELL, "Area not on the community's list", "'{value}' is not on the "
        "community's list of areas at level '{level}'; it was kept as typed.{suggestion}",
        "Pick the area from the cell's dropdown, check the level, or ask the facilitator to add "
        "it to community.toml.")
    CELL_LEVEL_INFERRED = Entry(
        Severity.WARNING, Level.CELL, "Level read from the area", "The level was blank; '{value}' is on "
        "the community's list of '{fixed}' areas, so it was read at that level.",
        "Nothing to do; pick the level from the dropdown next time.")
    CELL_UNKNOWN_BODY = Entry(
        Severity.WARNING, Level.CELL, "Body not on the Bodies sheet", "'{value}' is not on the "
        "Bodies sheet; it was kept as typed.{suggestion}",
        "Use a name from the Bodies sheet, or add that body there.")
    CELL_NOT_A_NUMBER = Entry(
        Severity.ERROR, Level.CELL, "Not a number", "'{value}' is not a number.", "Type digits only, e.g. 1500 or 2.5.")
    CELL_NOT_A_WHOLE_NUMBER = Entry(
        Severity.ERROR, Level.CELL, "Not a whole number", "'{value}' is not a whole number.", "Type a whole number, e.g. 12.")
    CELL_NOT_A_YEAR = Entry(
        Severity.ERROR, Level.CELL, "Not a year", "'{value}' is not a year.", "Type a four-digit year, e.g. 2024.")
    CELL_YEAR_OUT_OF_RANGE = Entry(
        Severity.ERROR, Level.CELL, "Unlikely year", "Year {value} looks wrong (expected {low}-{high}).",
        "Check the year and type all four digits.")
    CELL_NOT_A_DATE = Entry(
        Severity.ERROR, Level.CELL, "Not a date", "'{value}' is not a date.", "Type the date as 2026-11-02.")
    CELL_NOT_AN_EMAIL = Entry(
        Severity.ERROR, Level.CELL, "Not an email address", "'{value}' is not an email address.",
        "Type it as name@organisation.org.")
    CELL_NOT_A_URL = Entry(
        Severity.WARNING, Level.CELL, "Not a web address", "'{value}' does not look like a web address; it was kept as typed.",
        "Type it starting with https://.")
    CELL_NEGATIVE = Entry(
        Severity.ERROR, Level.CELL, "Negative number", "'{value}' is negative.", "Type a number of zero or more.")
    CELL_TEXT_AS_NUMBER = Entry(
        Severity.WARNING, Level.CELL, "Number typed as text", "'{value}' was typed as text; it was read as {fixed}.",
        "Nothing to do; type numbers without symbols or spaces next time.")
    CELL_MEASURE_AS_TEXT = Entry(
        Severity.WARNING, Level.CELL, "Value kept as text", "'{value}' is not one number; it was kept "
        "as text and is left out of charts that need a number.",
        "If there is one figure, type it alone (e.g. 60); several targets can stay as text.")
    CELL_MIXED_SCALES = Entry(
        Severity.WARNING, Level.CELL, "Percentages typed two ways", "'{field}' mixes percentages typed "
        "as fractions ({fractions}) with whole percentages ({wholes}); the fractions were read as "
        "percentages (.48 as 48).",
        "Check those cells; type every percentage the same way, e.g. 48 or 48%.")
    CELL_UNIT_INFERRED = Entry(
        Severity.WARNING, Level.CELL, "Unit read as Percent", "The unit was blank; '{value}' has a "
        "percent sign, so the unit was read as Percent.",
        "Nothing to do if that is right; otherwise pick the unit from the dropdown.")
    CELL_DATE_PARSED = Entry(
        Severity.WARNING, Level.CELL, "Date read from text", "'{value}' was read as the date {fixed}.",
        "Nothing to do; type dates as 2026-11-02 to avoid any doubt.")
    CELL_YEAR_FROM_DATE = Entry(
        Severity.WARNING, Level.CELL, "Year read from a date", "A date was given where a year was asked; read as {fixed}.",
        "Type just the year, e.g. 2024.")
    CELL_SCHOOL_YEAR = Entry(
        Severity.WARNING, Level.CELL, "School year read as its end year",
        "'{value}' was read as the school year ending in {fixed}, stored as {fixed}.",
        "Nothing to do if that is the school year meant; a figure for the calendar year "
        "{start} should be typed as {start}.")
    CELL_EMPTY_MARKER = Entry(
        Severity.WARNING, Level.CELL, "No answer yet", "'{value}' was read as no answer yet.",
        "Fill it in when you know; until then a blank cell means the same.")
    CELL_NO_ORGANISATION = Entry(
        Severity.WARNING, Level.CELL, "No organisation", "'{value}' was read as no organisation; it "
        "is not counted as one and never matched with another.",
        "Nothing to do; for a resident or community member, leave the cell blank next time.")
    CELL_TRIMMED = Entry(
        Severity.WARNING, Level.CELL, "Spaces removed", "Spaces around '{fixed}' were removed.", "Nothing to do.")
    CELL_TOO_LONG = Entry(
        Severity.WARNING, Level.CELL, "Text too long for charts", "'{field}' is {length} characters; charts show the first {limit}.",
        "Shorten it to {limit} characters or fewer.")
    CELL_UNKNOWN_GOAL = Entry(
        Severity.ERROR, Level.CELL, "Unknown goal ID", "Goal ID '{value}' is not on the Goals sheet.",
        "Use an ID from the Goals sheet's first column, or add that goal.")
    CELL_FORMULA_ERROR = Entry(
        Severity.ERROR, Level.CELL, "Formula error", "The cell shows a formula error ({value}).",
        "Replace the formula with a typed value.")
    CELL_FORMULA_NO_VALUE = Entry(
        Severity.WARNING, Level.CELL, "Formula without a saved result", "The cell holds a formula ({value}) whose result was "
        "never saved, so it was read as empty.",
        "Open the file in Excel and save it (Excel saves the results), or type the value "
        "instead of the formula.")
    CELL_MERGED_SPREAD = Entry(
        Severity.WARNING, Level.CELL, "Merged cells spread", "Cells {range} are merged; '{value}' was read for each of "
        "their {rows} rows.", "Nothing to do if that is right; otherwise unmerge the cells and "
        "fill each row.")
    CELL_MERGED_FIRST_ONLY = Entry(
        Severity.WARNING, Level.CELL, "Merged cells read once", "Cells {range} are merged across columns; '{value}' was "
        "read for the first column only.", "Unmerge the cells and put each answer in its own "
        "column.")
    CELL_LINE_BREAK = Entry(
        Severity.WARNING, Level.CELL, "Line break removed", "A name cannot hold a line break; '{value}' was read as "
        "'{fixed}'.", "Nothing to do; type the name on one line next time.")
    CELL_GOAL_NOT_LOADED = Entry(
        Severity.ERROR, Level.CELL, "Goal not loaded", "Goal ID '{value}' names the goal on Goals row {goal_row}, "
        "which was not loaded, so this link was dropped.",
        "Fix that goal's row on the Goals sheet (see its own problem); this link then loads.")
    ROW_YEARS_REVERSED = Entry(
        Severity.ERROR, Level.ROW, "Years in the wrong order", "Row {row}: {first} {first_year} is after {second} "
        "{second_year}; both were kept as typed.",
        "Swap the two years if they were typed the wrong way round, or correct the one "
        "that is wrong.")
    ROW_DUPLICATE_PERSON = Entry(
        Severity.WARNING, Level.ROW, "Same person twice", "'{value}' is listed on row {first_row} too{where}; both rows "
        "were kept.", "If it is one seat, clear one of the rows; if the person really sits "
        "for two organisations, nothing to do.")
    EXAMPLE_ROW_EDITED = Entry(
        Severity.WARNING, Level.ROW, "Example row edited", "Row {row} is the template's example row, but it was edited, "
        "so it was loaded as data.",
        "If it is only the example, clear it; if it is real, nothing to do.")

    # Organisations and people
    ALIASES_ROW_INVALID = Entry(
        Severity.ERROR, Level.NAME, "Unusable line in aliases.csv", "The aliases file has a line that cannot be used: {detail}",
        "Open aliases.csv and correct that line: kind, name, canonical, "
        "decision (same or different).")
    EQUIVALENCES_ROW_INVALID = Entry(
        Severity.ERROR, Level.NAME, "Unusable line in name-equivalences.csv",
        "The name equivalences file has a line that cannot be used: {detail}",
        "Open name-equivalences.csv (beside aliases.csv) and correct that line: phrase, "
        "same_as, decision (same, different or blank).")
    THESAURUS_ROW_INVALID = Entry(
        Severity.ERROR, Level.ROW, "Unusable line in thesaurus.csv",
        "The community thesaurus has a line that cannot be used, so it was skipped: {detail}",
        "Open thesaurus.csv in the community folder and correct that line: concept, phrase, "
        "decision (blank to add the phrase to the concept, 'not' to take it out).")
    NAME_MERGED_FUZZY = Entry(
        Severity.WARNING, Level.NAME, "Names taken to be the same", "'{value}' was taken to be '{fixed}' ({score}% alike).",
        "If they are different, add a line to the community's aliases.csv "
        "marking them 'different'.")
    NAME_MERGED_ABBREVIATION = Entry(
        Severity.WARNING, Level.NAME, "Abbreviation matched", "'{value}' was read as an abbreviation of '{fixed}'.",
        "If they are different, add a line to the community's "
        "aliases.csv marking them 'different'.")
    NAME_NEEDS_REVIEW = Entry(
        Severity.WARNING, Level.NAME, "Names to review", "'{value}' may be '{candidate}' ({score}% alike); kept "
        "separate until someone decides.",
        "Add a line to the community's aliases.csv saying 'same' or 'different'.")
    NAME_NEEDS_REVIEW_ABBREVIATION = Entry(
        Severity.WARNING, Level.NAME, "Acronym to review", "'{value}' may stand for '{candidate}': "
        "its letters fit that name, which alone proves nothing; kept separate until someone decides.",
        "Add a line to the community's aliases.csv saying 'same' or 'different'.")
    PERSON_SAME_NAME_ELSEWHERE = Entry(
        Severity.WARNING, Level.NAME, "Same name at another organisation",
        "'{value}' of {organisation} was taken to be the {fixed} listed at {other}: the same "
        "name, and no email to tell two people apart.",
        "If one person works with both, nothing to do. If they are two people, type each "
        "one's email on the checklists.")

    # Interview notes (task 2)
    NOTES_COALITION_UNKNOWN = Entry(
        Severity.ERROR, Level.FILE, "Notes for an unknown coalition", "No such coalition: '{value}' is not among the "
        "loaded checklists' coalitions, so these notes were not "
        "loaded.{suggestion}",
        "Type the coalition's name as on its footprint checklist "
        "(load the checklists first), then load the notes again.",
        rejects_row=True)
    NOTES_COALITION_FUZZY = Entry(
        Severity.WARNING, Level.FILE, "Notes matched to a coalition", "Coalition '{value}' was taken to be '{fixed}' "
        "({score}% alike).",
        "If that is the wrong coalition, type its name as on its "
        "footprint checklist and load the notes again.")

    # Room forms (votes, stances, ratings): one answer, from a web form or its Excel copy
    FORM_NOT_STORED = Entry(
        Severity.ERROR, Level.FILE, "Answer not stored", "This answer was not stored: "
        "the form has {count:answer} to fix.",
        "Correct the answers named here and send the form again.",
        rejects_row=True)
    FORM_NO_ROUND = Entry(
        Severity.ERROR, Level.FILE, "Nothing to answer yet", "The facilitator has not opened "
        "a '{form}' question yet, so there is nothing to answer.",
        "Wait for the facilitator to open one, then load this page again.",
        rejects_row=True)
    FORM_ROUND_MOVED_ON = Entry(
        Severity.ERROR, Level.FILE, "Question closed", "The facilitator has moved on from "
        "'{value}', so this answer was not stored.",
        "Load the page again to answer the current question.",
        rejects_row=True)
    FORM_ROUND_UNKNOWN = Entry(
        Severity.ERROR, Level.CELL, "Unknown round", "Round '{value}' is not a '{form}' round "
        "of this room, so the answer was not stored.",
        "Use the form made for the round (its round number is filled in for you), or ask "
        "the facilitator which round it belongs to.",
        rejects_row=True)
    FORM_CODE_NOT_ISSUED = Entry(
        Severity.WARNING, Level.CELL, "Code not issued here", "'{value}' is not a code the "
        "facilitator issued; the answer was stored under it as typed.",
        "Nothing to do if this room used its own slips. Otherwise check the code against the "
        "slip: an issued code lets a later answer, on paper or on the web, replace this one.")
    FORM_CODE_REVOKED = Entry(
        Severity.ERROR, Level.CELL, "Code withdrawn", "The code '{value}' was withdrawn by the "
        "facilitator, so this answer was not stored.",
        "Ask the facilitator for a new code, write it on the form and load it again.",
        rejects_row=True)
    FORM_CODE_SHARED = Entry(
        Severity.ERROR, Level.CELL, "Room code instead of a personal one", "'{value}' is the "
        "room's code, which everyone shares, so this answer cannot be told from another's "
        "and was not stored.",
        "Write the personal or coalition code from your slip, then load the form again.",
        rejects_row=True)
    FORM_ALREADY_LOADED = Entry(
        Severity.WARNING, Level.FILE, "Form loaded before", "This file was loaded before "
        "(answer {value}); it was not stored twice.",
        "Nothing to do.")
    # Umbrella stances and options (task 4)
    UMBRELLA_SETTING_IGNORED = Entry(
        Severity.WARNING, Level.FILE, "Umbrella option list not used", "[umbrella] "
        "'{value}' cannot be used: {reason}. The default options are offered instead.",
        "Give the parameter a list of texts, e.g. decision_rule = [\"Consensus\", "
        "\"Consent\"], under one of the known names: {known}.")
    UMBRELLA_CODE_NO_COALITION = Entry(
        Severity.ERROR, Level.FILE, "Code not given to a coalition", "The code '{value}' was "
        "not given to a coalition for its stances, so these stances were not stored.",
        "Use the coalition's own code from its slip, or ask the facilitator to give this "
        "code to the coalition.", rejects_row=True)
    READINESS_BANDS_IGNORED = Entry(
        Severity.WARNING, Level.FILE, "Readiness bands not used", "[readiness] in "
        "community.toml cannot be used: {reason}. The bands 4.0 (strength) and 3.0 (discuss) "
        "are used instead.",
        "Write two numbers from 1 to 5, the first above the second, e.g. strength = 4.0 and "
        "discuss = 3.0.")
    UMBRELLA_BLOCK_NO_REASON = Entry(
        Severity.WARNING, Level.CELL, "Block without a reason", "'{field}' is 'Cannot "
        "accept' without a reason; the stance was stored.",
        "Add a sentence on why in the reason beside it: the room needs it to look for a way "
        "through.")
    UMBRELLA_LINE_NOT_USED = Entry(
        Severity.ERROR, Level.ROW, "Umbrella line not used", "Line {row} of {name} cannot be "
        "used: {reason}. The other lines were loaded.",
        "Correct line {row} (columns: {columns}) and load the folder again; lines already "
        "loaded are not loaded twice.", rejects_row=True)
    # The backbone survey (task 5): rater codes and declared ties
    BACKBONE_NOT_A_RATER_CODE = Entry(
        Severity.ERROR, Level.CELL, "Not a rater code", "'{value}' is not a code given to a "
        "backbone rater, so these ratings were not stored.",
        "Copy the code from your slip (dashes, spaces and case do not matter) and send the "
        "form again. Lost the slip? Ask the facilitator for a new one.",
        rejects_row=True)
    BACKBONE_TIE_SET_ASIDE = Entry(
        Severity.WARNING, Level.CELL, "Tie declared: ratings set aside", "You declared a tie "
        "to {candidate}, so your ratings of it are set aside; nobody is told which tie.",
        "Nothing to do. If you ticked a tie by mistake, untick it and send the form again.")
    BACKBONE_SURVEY_CLOSED = Entry(
        Severity.ERROR, Level.CELL, "Survey closed", "Survey {value} of the backbone "
        "candidates is closed, so these ratings were not stored.",
        "Nothing to do: the results are being counted. If you think your rating was left "
        "out by mistake, tell the facilitator.", rejects_row=True)
    BACKBONE_SURVEY_NOT_OPEN = Entry(
        Severity.ERROR, Level.CELL, "No such survey open", "'{value}' is not a backbone survey "
        "that is open, so these ratings were not stored.",
        "Use the form the facilitator gave you for the open survey (its survey number is "
        "filled in), or ask them whether the survey has been opened yet.", rejects_row=True)
    BACKBONE_THRESHOLDS_IGNORED = Entry(
        Severity.WARNING, Level.FILE, "Anonymity thresholds not used", "[backbone] in "
        "community.toml cannot be used: {reason}. The thresholds k = 5 (scores) and "
        "k_comments = 10 (comments) are used instead.",
        "Write two whole numbers, k at least 3 and k_comments at least k, e.g. k = 5 and "
        "k_comments = 10.")
    # Indicator data (task 3): one figure per indicator, year, subgroup and place
    INDICATOR_SCHOOL_YEARS = Entry(
        Severity.WARNING, Level.SHEET, "School years read as their end years",
        "{count} years were typed as school years ({cells}); each was read as the year it "
        "ends, e.g. '{value}' as {fixed}.",
        "Nothing to do if these are school years; type calendar-year figures as "
        "four-digit years.")
    INDICATOR_NOT_SHARED = Entry(
        Severity.WARNING, Level.SHEET, "Not a shared indicator",
        "'{value}' ({rows:row}, first at {first}) is not one of the shared indicators the "
        "room adopted; its figures were loaded but no turn-the-curve chart shows them."
        "{suggestion}",
        "If it is one of them, type its name as adopted and load again; otherwise nothing to "
        "do.")
    INDICATOR_POINT_DUPLICATE = Entry(
        Severity.ERROR, Level.ROW, "Figure given twice",
        "'{indicator}' for {year}, {subgroup}, {geography} is already given ({where}: "
        "{kept}); this row's figure ({value}) was not loaded.",
        "Keep one row per indicator, year, subgroup and geography: delete or correct the "
        "other row (a different subgroup or place needs its own name), then load again.",
        rejects_row=True)

    @property
    def severity(self) -> Severity:
        return self.value.severity

    @property
    def level(self) -> Level:
        return self.value.level

    @property
    def title(self) -> str:
        return self.value.title

    @property
    def rejects_row(self) -> bool:
        return self.value.rejects_row


@dataclass
class Problem:
    severity: str
    code: str
    file: str
    sheet: str | None
    cell: str | None
    field: str | None
    message: str
    fix: str
    row: int | None = None  # spreadsheet row the problem is on
    rows_not_loaded: int = 0  # filled rows this problem kept out of the database

    def as_dict(self) -> dict:
        return dict(vars(self))  # every field is plain: no deep copy needed

    @property
    def level(self) -> Level:
        return Code[self.code].level

    @property
    def title(self) -> str:
        return Code[self.code].title


class ProblemCounts:
    """Error and warning counts for any report that lists its ``problems``."""

    problems: list[Problem]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == WARNING)


class MissingDetail(KeyError):
    """A problem was reported without a detail its message or fix needs."""


# Details that quote what a clerk typed: cut, so one pasted essay cannot fill the report.
QUOTED_DETAILS = ("value", "found", "fixed", "candidate", "name", "other", "kept")
QUOTE_LIMIT = 80


def quoted(value) -> str:
    """A typed value as a message shows it: on one line, cut to about 80 characters."""
    text = " ".join(str(value).split())
    return text if len(text) <= QUOTE_LIMIT else text[:QUOTE_LIMIT - 1].rstrip() + "…"


class Count(int):
    """A count that a message spells with its noun: f"{Count(2):filled row}" is
    "2 filled rows"; "noun/plural" for other plurals; no spec is the bare number."""

    def __format__(self, spec: str) -> str:
        if not spec or not spec[0].isalpha():
            return format(int(self), spec)
        noun, _, plural = spec.partition("/")
        return counted(self, noun, plural or None)


def _counts(value):
    return Count(value) if isinstance(value, Integral) and not isinstance(value, bool) else value


def make_problem(code: Code, file: str, sheet: str | None = None, cell: str | None = None,
                 field: str | None = None, row: int | None = None,
                 rows_not_loaded: int | None = None, **details) -> Problem:
    entry = code.value
    details = {key: quoted(value) if key in QUOTED_DETAILS and value is not None
               else _counts(value) for key, value in details.items()}
    context = {"sheet": sheet, "field": field, "row": row, **details}
    missing = sorted(name for name in entry.details_needed() if context.get(name) is None)
    if missing:
        # A blank in a clerk's message hides what is wrong; fail where it is written.
        raise MissingDetail(f"{code.name} needs {', '.join(missing)}")
    return Problem(
        severity=entry.severity.value,
        code=code.name,
        file=file,
        sheet=sheet,
        cell=cell,
        field=field,
        message=entry.message.format_map(context),
        fix=entry.fix.format_map(context),
        row=row,
        rows_not_loaded=(rows_not_loaded if rows_not_loaded is not None
                         else int(entry.rejects_row)),
    )


def cell_name(row: int, column: int) -> str:
    """A1-style address from 1-based row and column."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"
