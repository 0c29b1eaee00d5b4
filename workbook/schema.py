"""The footprint checklist, declared once.

The Excel template, the loader and the validator are all derived from the
declarations below: a field's header, type, required flag, vocabulary, help text
and example live here and nowhere else.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"

# Field types the reader knows how to coerce.
TEXT = "text"
LONG_TEXT = "long_text"
INTEGER = "integer"
NUMBER = "number"
MONEY = "money"
YEAR = "year"
DATE = "date"
EMAIL = "email"
URL = "url"
CHOICE = "choice"  # one value from a vocabulary
MULTI_CHOICE = "multi_choice"  # several values from a vocabulary
ID_LIST = "id_list"  # several identifiers, e.g. goal ids a strategy serves

FIELD_TYPES = (TEXT, LONG_TEXT, INTEGER, NUMBER, MONEY, YEAR, DATE, EMAIL, URL,
               CHOICE, MULTI_CHOICE, ID_LIST)

# Entities recognised across checklists under different spellings.
ORGANISATION = "organisation"
PERSON = "person"

# Sheet layouts: a form has one record with labels down column A; a table has a
# header row, an example row, then one record per row.
FORM = "form"
TABLE = "table"

# Where things sit in the generated workbook. The loader locates headers by
# their text, so these are where the template writes, not what the reader needs.
FORM_LABEL_COLUMN = 1
FORM_FIRST_VALUE_COLUMN = 2
FORM_MULTI_CELLS = 6  # input cells offered for a several-values field on a form
FORM_FIRST_ROW = 4  # rows 1-3 hold the sheet's title, help and column captions
TABLE_HEADER_ROW = 1
TABLE_EXAMPLE_ROW = 2
TABLE_FIRST_DATA_ROW = 3
TABLE_INPUT_ROWS = 300  # rows pre-formatted with dropdowns below the example

FORM_CAPTIONS = ("Question", "Your answer", "Example (ignored when loading)")
LISTS_SHEET = "_lists"  # hidden sheet holding every dropdown list
META_SHEET = "_meta"  # hidden sheet stamping schema version and community
INSTRUCTIONS_SHEET = "Instructions"
REQUIRED_MARK = " *"  # appended to required headers and labels

# Separators accepted when several values are typed in one cell.
MULTI_VALUE_SEPARATORS = (";", "\n", "|")

# What staff type when they have no answer yet: read as blank, with a warning.
NO_ANSWER_YET = ("tbd", "tba", "?", "??", "unknown", "not known", "see above", "n/a", "na",
                 "none yet", "-", "--")

# What staff type in a name cell for someone who represents no organisation.
# These never become organisations and never merge with each other.
PLACEHOLDER_NAMES = ("self", "myself", "resident", "community member", "community resident",
                     "parent", "youth", "youth member", "individual", "none", "n/a", "na",
                     "tbd", "?", "-", "unaffiliated", "retired", "volunteer")


@dataclass(frozen=True)
class Field:
    name: str  # column name in the database
    label: str  # what staff see in Excel
    type: str = TEXT
    required: bool = False
    vocabulary: str | None = None  # key into the community's vocabularies
    help: str = ""
    example: Any = None
    width: int = 18  # column width in the template
    former_labels: tuple[str, ...] = ()  # headers of older schema versions
    entity: str | None = None  # "organisation" or "person": matched across checklists
    email_field: str | None = None  # for a person: the field holding their email

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"{self.name}: unknown field type {self.type!r}")
        if self.type in (CHOICE, MULTI_CHOICE) and not self.vocabulary:
            raise ValueError(f"{self.name}: a choice field needs a vocabulary")

    @property
    def header(self) -> str:
        return self.label + (REQUIRED_MARK if self.required else "")

    @property
    def several(self) -> bool:
        return self.type in (MULTI_CHOICE, ID_LIST)


@dataclass(frozen=True)
class Sheet:
    name: str  # table name in the database
    title: str  # Excel sheet title
    layout: str
    help: str
    fields: tuple[Field, ...]
    required: bool = False  # must the sheet exist in a checklist?
    former_titles: tuple[str, ...] = ()

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def required_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)


COALITION = Sheet(
    name="coalition",
    title="Coalition",
    layout=FORM,
    required=True,
    help="One coalition per checklist: who you are, where and for whom you work, how you meet.",
    fields=(
        Field("name", "Coalition name", required=True, width=40,
              help="The full name people use for the coalition.",
              example="Riverbend Early Learning Partnership"),
        Field("short_name", "Short name", width=20,
              help="An acronym or short name used on charts (max 20 characters).",
              example="RELP"),
        Field("lead_organisation", "Lead or backbone organisation", required=True, width=40,
              entity=ORGANISATION,
              help="The organisation that staffs or convenes the coalition.",
              example="United Way of Riverbend"),
        Field("contact_name", "Contact name", required=True, entity=PERSON,
              email_field="contact_email",
              help="The person who filled this checklist.", example="Dana Whitfield"),
        Field("contact_email", "Contact email", EMAIL, required=True,
              help="Where we send questions about this checklist.",
              example="dana.whitfield@example.org"),
        Field("year_founded", "Year founded", YEAR,
              help="Four-digit year, e.g. 2012.", example=2012),
        Field("mission", "Mission", LONG_TEXT, width=60,
              help="One or two sentences.",
              example="Every child in Riverbend enters kindergarten ready to learn."),
        Field("geographies", "Geographic scope", MULTI_CHOICE, required=True,
              vocabulary="geographies",
              help="Each county or area you serve: one per cell, from the list.",
              example=("Ashford County", "Bell County")),
        Field("populations", "Populations served", MULTI_CHOICE, required=True,
              vocabulary="populations",
              help="Each population you focus on: one per cell, from the list.",
              example=("Prenatal to 5",)),
        Field("issue_areas", "Issue areas", MULTI_CHOICE, required=True,
              vocabulary="issue_areas",
              help="Each issue you work on: one per cell, from the list.",
              example=("Early childhood", "Health")),
        Field("annual_budget", "Annual budget (USD)", MONEY,
              help="Approximate yearly budget in dollars; numbers only.", example=250000),
        Field("staff_fte", "Paid staff (FTE)", NUMBER,
              help="Full-time equivalents; 1.5 means one full-time and one half-time.",
              example=1.5),
        Field("meeting_cadence", "Meeting cadence", CHOICE, required=True,
              vocabulary="cadences", help="How often the full coalition meets.",
              example="Monthly"),
        Field("meeting_hours", "Usual meeting length (hours)", NUMBER,
              help="Hours per full-coalition meeting, e.g. 1.5.", example=1.5),
        Field("website", "Website", URL, width=35,
              help="Starts with http:// or https://.", example="https://relp.example.org"),
        Field("completed_on", "Date completed", DATE,
              help="The date you filled this checklist, e.g. 2026-11-02.",
              example="2026-11-02"),
    ),
)

GOALS = Sheet(
    name="goals",
    title="Goals",
    layout=TABLE,
    help="One row per goal, with the indicator you track and its baseline and target.",
    fields=(
        Field("goal_id", "Goal ID", required=True, width=10,
              help="A short code unique within this checklist, e.g. G1.", example="G1"),
        Field("statement", "Goal statement", LONG_TEXT, required=True, width=50,
              help="The result you want, in one sentence.",
              example="More children enter kindergarten ready to learn."),
        Field("issue_area", "Issue area", CHOICE, required=True, vocabulary="issue_areas",
              help="From the list.", example="Early childhood"),
        Field("population", "Population", CHOICE, vocabulary="populations",
              help="From the list.", example="Prenatal to 5"),
        Field("indicator", "Indicator", width=40,
              help="How you measure progress.",
              example="% of kindergartners ready on the state screener"),
        Field("baseline_value", "Baseline value", NUMBER,
              help="Number only; put units in the indicator.", example=48),
        Field("baseline_year", "Baseline year", YEAR, help="Four-digit year.", example=2023),
        Field("target_value", "Target value", NUMBER, help="Number only.", example=60),
        Field("target_year", "Target year", YEAR, help="Four-digit year.", example=2030),
        Field("data_source", "Data source", width=30,
              help="Who publishes the figure.", example="State kindergarten screener"),
    ),
)

STRATEGY_TYPES_HELP = ("direct service, capacity building, policy and advocacy, shared "
                       "measurement, public awareness, funding and resources")

STRATEGIES = Sheet(
    name="strategies",
    title="Strategies",
    layout=TABLE,
    help="One row per strategy: what you do and which goals it serves.",
    fields=(
        Field("strategy", "Strategy", LONG_TEXT, required=True, width=50,
              help="What you do, in a few words.",
              example="Home visiting for first-time parents"),
        Field("goal_ids", "Serves goal ID(s)", ID_LIST, width=16,
              help="Goal IDs from the Goals sheet, separated by ';'.", example="G1"),
        Field("strategy_type", "Strategy type", CHOICE, required=True,
              vocabulary="strategy_types", width=24,
              help="From the list: " + STRATEGY_TYPES_HELP + ".", example="Direct service"),
        Field("issue_area", "Issue area", CHOICE, vocabulary="issue_areas",
              help="From the list.", example="Early childhood"),
        Field("status", "Status", CHOICE, vocabulary="strategy_statuses",
              help="From the list.", example="Active"),
    ),
)

MEMBERS = Sheet(
    name="members",
    title="Members",
    layout=TABLE,
    help="One row per member organisation seat (one row per representative).",
    fields=(
        Field("organisation", "Organisation", required=True, width=40, entity=ORGANISATION,
              help="Full name of the member organisation.",
              example="Riverbend Public Library"),
        Field("sector", "Sector", CHOICE, vocabulary="sectors", width=22,
              help="From the list.", example="Nonprofit"),
        Field("representative", "Representative name", width=24, entity=PERSON,
              email_field="representative_email",
              help="Who sits at the table for this organisation.", example="Sam Ortiz"),
        Field("representative_email", "Representative email", EMAIL, width=30,
              help="Optional; helps us recognise the same person across coalitions.",
              example="sam.ortiz@example.org"),
        Field("role", "Role", CHOICE, vocabulary="roles", width=12,
              help="From the list.", example="Member"),
        Field("meetings_per_year", "Meetings attended per year", INTEGER,
              help="Optional; leave blank if you do not know.", example=10),
    ),
)

FUNDERS = Sheet(
    name="funders",
    title="Funders",
    layout=TABLE,
    help="One row per funding source: who funds the coalition, how much and for which years.",
    fields=(
        Field("funder", "Funder", required=True, width=40, entity=ORGANISATION,
              help="Name of the funding organisation.", example="Riverbend Community Foundation"),
        Field("amount", "Amount per year (USD)", MONEY,
              help="Numbers only.", example=50000),
        Field("start_year", "From year", YEAR, help="Four-digit year.", example=2024),
        Field("end_year", "To year", YEAR, help="Four-digit year; blank if ongoing.",
              example=2026),
        Field("notes", "Notes", width=30, help="Optional.", example="Multi-year grant"),
    ),
)

ASKS = Sheet(
    name="asks",
    title="Asks",
    layout=TABLE,
    help=("Organisations you regularly ask for money, data, staff time or attendance. "
           "One row per organisation and kind of ask."),
    fields=(
        Field("organisation", "Organisation asked", required=True, width=40,
              entity=ORGANISATION,
              help="Who you ask.", example="Riverbend County Schools"),
        Field("ask_type", "What you ask for", CHOICE, required=True, vocabulary="ask_types",
              width=20, help="From the list.", example="Data"),
        Field("times_per_year", "Times per year", INTEGER,
              help="Roughly how often; blank if you do not know.", example=4),
        Field("notes", "Notes", width=30, help="Optional.",
              example="Kindergarten screener results by school"),
    ),
)

CHECKLIST: tuple[Sheet, ...] = (COALITION, GOALS, STRATEGIES, MEMBERS, FUNDERS, ASKS)


def sheet_by_name(name: str) -> Sheet:
    for sheet in CHECKLIST:
        if sheet.name == name:
            return sheet
    raise KeyError(name)


# Vocabularies every community starts with; data/<community>/community.toml
# overrides any of them. Keys are the Field.vocabulary names above.
DEFAULT_VOCABULARIES: dict[str, tuple[str, ...]] = {
    "issue_areas": (
        "Early childhood", "K-12 education", "Postsecondary", "Workforce",
        "Youth substance use", "Health", "Mental health", "Public safety", "Housing",
        "Family economic stability",
    ),
    "populations": (
        "Prenatal to 5", "Children 6-11", "Youth 12-17", "Young adults 18-24", "Adults",
        "Families", "Seniors", "All ages",
    ),
    "geographies": ("Region-wide",),
    "sectors": (
        "Nonprofit", "Education (K-12)", "Higher education", "Government", "Health care",
        "Business", "Philanthropy", "Faith-based", "Law enforcement and justice",
        "Community member", "Media",
    ),
    "strategy_types": (
        "Direct service", "Capacity building", "Policy and advocacy", "Shared measurement",
        "Public awareness", "Funding and resources",
    ),
    "strategy_statuses": ("Planned", "Active", "Paused", "Completed"),
    "cadences": (
        "Weekly", "Every two weeks", "Monthly", "Every two months", "Quarterly",
        "Twice a year", "Yearly", "As needed",
    ),
    "roles": ("Chair", "Steering", "Member", "Staff"),
    "ask_types": ("Money", "Data", "Staff time", "Attendance"),
    # Interview notes (NOTES below): how open a coalition is to a shared umbrella.
    "openness": ("Very open", "Open with conditions", "Unsure", "Not open"),
}

# Meetings per year for each cadence, for meeting-burden figures.
CADENCE_MEETINGS_PER_YEAR: dict[str, float] = {
    "Weekly": 52, "Every two weeks": 26, "Monthly": 12, "Every two months": 6,
    "Quarterly": 4, "Twice a year": 2, "Yearly": 1, "As needed": 0,
}


@dataclass(frozen=True)
class Migration:
    """How a checklist made with an older schema version is read now."""
    from_version: str
    explanation: str  # shown to the clerk as a warning
    renamed_sheets: dict[str, str] = field(default_factory=dict)  # old title -> sheet name
    renamed_fields: dict[tuple[str, str], str] = field(default_factory=dict)  # (sheet, old) -> field


# Older versions the reader still understands. A version not listed here and
# older than SCHEMA_VERSION is read by header names, with a warning.
MIGRATIONS: dict[str, Migration] = {}


# --- Task 2: interview and document-review notes -----------------------------------
# A second instrument from the same machinery: one form per coalition, filled by the
# facilitator during an interview with its leaders and a read of its documents. The
# answers sit beside the footprint fields in the detailed comparison chart.

NOTES = Sheet(
    name="interview_notes",
    title="Interview notes",
    layout=FORM,
    required=True,
    help=("One coalition per file: what its leaders said in the interview and what its "
          "documents show, for comparing it with the coalitions it overlaps."),
    fields=(
        Field("coalition_name", "Coalition name", required=True, width=40,
              help="Filled in for you: the name on the coalition's footprint checklist. "
                   "Leave it as it is.",
              example="Riverbend Early Learning Partnership"),
        Field("interviewer", "Interviewer",
              help="Who led the interview and wrote these notes.", example="Jordan Reyes"),
        Field("interview_date", "Interview date", DATE,
              help="The day of the interview, e.g. 2026-11-16.", example="2026-11-16"),
        Field("interviewees", "People interviewed", LONG_TEXT,
              help="Each person's name and role in the coalition (chair, staff lead, member).",
              example="Dana Whitfield (staff lead); Sam Ortiz (steering committee)"),
        Field("documents_reviewed", "Documents reviewed", LONG_TEXT,
              help="Each document read before or after the interview, with its year: "
                   "strategic plan, annual report, logic model, scorecard, minutes.",
              example="Strategic plan 2024-2028; annual report 2025; logic model"),
        Field("accountable_results", "Results it answers for", LONG_TEXT,
              help="The two or three results for a whole population the coalition says it is "
                   "accountable for, in its own words.",
              example="Children enter kindergarten ready to learn."),
        Field("progress_measures", "How it measures progress", LONG_TEXT,
              help="Indicators and performance measures it tracks, where the figures come "
                   "from, and any data or definitions it shares with other coalitions.",
              example="State kindergarten screener, by school, each autumn."),
        Field("partner_coalitions", "Coalitions it works with, and how", LONG_TEXT,
              help="Other coalitions it plans with, shares members, data or events with, "
                   "and what the link is.",
              example="Shares a data analyst with the literacy collaborative."),
        Field("duplication_seen", "Where it sees duplication", LONG_TEXT,
              help="Goals, strategies, events or asks it thinks another coalition also "
                   "covers, and which coalition.",
              example="Two screening drives in the same county each spring."),
        Field("repeated_reporting", "Repetitive meetings or reports", LONG_TEXT,
              help="Meetings where the same update is given again, or reports written "
                   "several times for different tables or funders.",
              example="The same screener update at three meetings a month."),
        Field("gains_from_aligning", "What it would gain from aligning", LONG_TEXT,
              help="What it expects to gain if coalitions aligned: time, money, reach, "
                   "data, influence.",
              example="Fewer meetings for school staff; one ask to the foundation."),
        Field("non_negotiables", "What it must protect", LONG_TEXT,
              help="What it would not give up in an alignment: a population, a place, a "
                   "funder's requirement, its name, a way of working.",
              example="Its parent advisory group and its name in Ashford."),
        Field("umbrella_openness", "Openness to a shared umbrella or backbone", CHOICE,
              vocabulary="openness",
              help="From the list: how open its leaders are to working under a shared "
                   "umbrella partnership or backbone.",
              example="Open with conditions"),
        Field("follow_ups", "Follow-up", LONG_TEXT,
              help="Documents still to get, people still to talk to, questions to bring "
                   "back to the group.",
              example="Ask for the 2025 scorecard."),
        Field("other_notes", "Other notes", LONG_TEXT,
              help="Anything else worth remembering from the interview."),
    ),
)

NOTES_FORM: tuple[Sheet, ...] = (NOTES,)

# The hidden _meta sheet names what kind of form a file is. Checklist templates
# predate the key and carry none, so a stamp without it means a footprint checklist.
META_FORM_KEY = "form"
CHECKLIST_FORM_KIND = "footprint_checklist"
NOTES_FORM_KIND = "interview_notes"
FORM_KIND_NAMES = {CHECKLIST_FORM_KIND: "a footprint checklist",
                   NOTES_FORM_KIND: "interview notes"}
