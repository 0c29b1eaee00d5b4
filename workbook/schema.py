"""The footprint checklist, declared once.

The Excel template, the loader and the validator are all derived from the
declarations below: a field's header, type, required flag, vocabulary, help text
and example live here and nowhere else.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "2.0"

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
TEXT_LIST = "text_list"  # several free-text values: one per cell on a form, ';'-separated in a table
MEASURE = "measure"  # a number on its unit's scale; text that is not one is kept beside it

FIELD_TYPES = (TEXT, LONG_TEXT, INTEGER, NUMBER, MONEY, YEAR, DATE, EMAIL, URL,
               CHOICE, MULTI_CHOICE, ID_LIST, TEXT_LIST, MEASURE)
SEVERAL_TYPES = (MULTI_CHOICE, ID_LIST, TEXT_LIST)

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

# The unit that makes a MEASURE a percentage, stored on the 0-100 scale.
PERCENT_UNIT = "Percent"
# A MEASURE's text companion column: a target such as "60% and 70% by 2030" is kept there.
MEASURE_TEXT_SUFFIX = "_text"

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
    recommended: bool = False  # missing -> a warning; the row still loads
    # (field name, value): this required field becomes optional when that field has that value
    required_unless: tuple[str, str] | None = None
    unit_field: str | None = None  # for a MEASURE: the field of the same row naming its unit

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"{self.name}: unknown field type {self.type!r}")
        if self.type in (CHOICE, MULTI_CHOICE) and not self.vocabulary:
            raise ValueError(f"{self.name}: a choice field needs a vocabulary")
        if self.required_unless and not self.required:
            raise ValueError(f"{self.name}: required_unless only applies to a required field")

    @property
    def header(self) -> str:
        return self.label + (REQUIRED_MARK if self.required else "")

    @property
    def several(self) -> bool:
        return self.type in SEVERAL_TYPES

    def required_for(self, values: dict[str, Any]) -> bool:
        """Whether this field must be answered, given the other answers of its record."""
        if not self.required:
            return False
        if self.required_unless is None:
            return True
        other, value = self.required_unless
        return values.get(other) != value


@dataclass(frozen=True)
class Sheet:
    name: str  # table name in the database
    title: str  # Excel sheet title
    layout: str
    help: str
    fields: tuple[Field, ...]
    required: bool = False  # must the sheet exist in a checklist (and, for a table, have a row)?
    former_titles: tuple[str, ...] = ()
    # Each group: at least one of these fields must be filled on every row.
    required_one_of: tuple[tuple[str, ...], ...] = ()

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def required_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)


FACILITATOR_COMPILED = "The facilitator, from documents"
ENDED_STATUSES = ("Merged into another coalition", "Ended")

COALITION = Sheet(
    name="coalition",
    title="Coalition",
    layout=FORM,
    required=True,
    help="One coalition per checklist: who you are, who leads you, for whom you work, how you meet.",
    fields=(
        Field("name", "Coalition name", required=True, width=40,
              help="The full name people use for the coalition today.",
              example="Riverbend Early Learning Partnership"),
        Field("short_name", "Short name", width=20,
              help="An acronym or short name used on charts (max 20 characters).",
              example="RELP"),
        Field("former_names", "Former names", TEXT_LIST, width=30,
              help="Names the coalition went by before: one per cell.",
              example=("Riverbend Ready by Five",)),
        Field("status", "Status", CHOICE, vocabulary="coalition_statuses",
              help="From the list; blank means Active.", example="Active"),
        Field("merged_into", "Merged into", width=40,
              help="If it merged: the coalition it joined.", example=None),
        Field("year_ended", "Year ended or merged", YEAR,
              help="If it ended or merged: the four-digit year.", example=None),
        Field("lead_organisations", "Lead or co-lead organisations", TEXT_LIST, required=True,
              width=40, entity=ORGANISATION,
              former_labels=("Lead or backbone organisation", "Lead organisation"),
              help="The organisation that leads or convenes the coalition; each co-lead in its "
                   "own cell.",
              example=("United Way of Riverbend",)),
        Field("backbone_organisation", "Backbone organisation", width=40, entity=ORGANISATION,
              help="Only if the organisation that staffs the coalition is not a lead.",
              example=None),
        Field("fiscal_agent", "Fiscal agent", width=40, entity=ORGANISATION,
              help="The organisation that holds the coalition's money, if any.",
              example="Riverbend Community Foundation"),
        Field("filled_by", "Checklist filled by", CHOICE, vocabulary="filled_by",
              help="From the list: the coalition itself, or the facilitator from its "
                   "documents (then the contact is optional).",
              example="The coalition"),
        Field("contact_name", "Contact name", required=True, entity=PERSON,
              email_field="contact_email",
              required_unless=("filled_by", FACILITATOR_COMPILED),
              help="The person who filled this checklist.", example="Dana Whitfield"),
        Field("contact_email", "Contact email", EMAIL, required=True,
              required_unless=("filled_by", FACILITATOR_COMPILED),
              help="Where we send questions about this checklist.",
              example="dana.whitfield@example.org"),
        Field("year_founded", "Year founded", YEAR,
              help="Four-digit year, e.g. 2012.", example=2012),
        Field("mission", "Mission", LONG_TEXT, width=60,
              help="One or two sentences.",
              example="Every child in Riverbend enters kindergarten ready to learn."),
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
        Field("meeting_cadence", "Meeting cadence", CHOICE,
              vocabulary="cadences",
              help="How often the full coalition meets; other bodies go on the Bodies sheet.",
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

AREAS = Sheet(
    name="areas",
    title="Areas",
    layout=TABLE,
    required=True,
    help=("One row per place you serve: the region, each county, city or town, school "
          "district or neighbourhood. Say if you cover only part of it."),
    fields=(
        Field("level", "Level", CHOICE, required=True, vocabulary="geography_levels", width=22,
              help="From the list: region, county, city or town, school district, "
                   "neighbourhood or ZIP.",
              example="County"),
        Field("area", "Area", required=True, width=34,
              help="Its name, from the list for that level when there is one.",
              example="Ashford County"),
        Field("coverage", "Coverage", CHOICE, vocabulary="area_coverages", width=14,
              help="From the list; blank means all of it.", example="All of it"),
        Field("notes", "Notes", width=30, help="Optional, e.g. which part.",
              example=None),
    ),
)

BODIES = Sheet(
    name="bodies",
    title="Bodies",
    layout=TABLE,
    help=("One row per body that meets: the full coalition, a steering committee, each "
          "workgroup. Leave empty if only the full coalition meets."),
    fields=(
        Field("body", "Body", required=True, width=34,
              help="Its name, e.g. Steering committee.", example="Steering committee"),
        Field("kind", "Kind", CHOICE, vocabulary="body_kinds", width=26,
              help="From the list.", example="Steering or executive committee"),
        Field("cadence", "Cadence", CHOICE, vocabulary="cadences", width=18,
              help="From the list: how often it meets.", example="Monthly"),
        Field("meetings_per_year", "Meetings per year", NUMBER,
              help="Optional; overrides the cadence, e.g. 5.", example=None),
        Field("hours", "Usual meeting length (hours)", NUMBER,
              help="Hours per meeting, e.g. 1.5.", example=1.5),
        Field("notes", "Notes", width=30, help="Optional.", example=None),
    ),
)

GOALS = Sheet(
    name="goals",
    title="Goals",
    layout=TABLE,
    help=("One row per goal, with the indicator you track, its unit, and its baseline, "
          "latest value and target."),
    fields=(
        Field("goal_id", "Goal ID", required=True, width=10,
              help="A short code unique within this checklist, e.g. G1.", example="G1"),
        Field("statement", "Goal statement", LONG_TEXT, required=True, width=50,
              help="The result you want, in one sentence.",
              example="More children enter kindergarten ready to learn."),
        Field("issue_area", "Issue area", CHOICE, recommended=True, vocabulary="issue_areas",
              help="From the list.", example="Early childhood"),
        Field("population", "Population", CHOICE, vocabulary="populations",
              help="From the list.", example="Prenatal to 5"),
        Field("indicator", "Indicator", width=40,
              help="How you measure progress.",
              example="% of kindergartners ready on the state screener"),
        Field("unit", "Unit", CHOICE, vocabulary="goal_units", width=16,
              help="From the list: what the values count.", example="Percent"),
        Field("polarity", "Better when", CHOICE, vocabulary="polarities", width=16,
              help="From the list: whether higher or lower values are better.",
              example="Higher is better"),
        Field("baseline_value", "Baseline value", MEASURE, unit_field="unit",
              help="A number; a percentage as 48 or 48%.", example=48),
        Field("baseline_year", "Baseline year", YEAR, help="Four-digit year.", example=2023),
        Field("latest_value", "Latest value", MEASURE, unit_field="unit",
              help="The most recent figure, as a number.", example=52),
        Field("latest_year", "Latest year", YEAR, help="Four-digit year.", example=2025),
        Field("target_value", "Target value", MEASURE, unit_field="unit",
              help="A number; several targets can be written out as text.", example=60),
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
    help=("One row per seat at the table: an organisation's representative, or a resident "
          "or community member who speaks for no organisation."),
    required_one_of=(("organisation", "representative"),),
    fields=(
        Field("organisation", "Organisation", width=40, entity=ORGANISATION,
              help="Full name of the member organisation; blank for a resident or "
                   "community member.",
              example="Riverbend Public Library"),
        Field("sector", "Sector", CHOICE, vocabulary="sectors", width=22,
              help="From the list.", example="Nonprofit"),
        Field("representative", "Representative name", width=24, entity=PERSON,
              email_field="representative_email",
              help="Who sits at the table.", example="Sam Ortiz"),
        Field("representative_email", "Representative email", EMAIL, width=30,
              help="Optional; helps us recognise the same person across coalitions.",
              example="sam.ortiz@example.org"),
        Field("role", "Role", CHOICE, vocabulary="roles", width=16,
              help="From the list.", example="Member"),
        Field("bodies", "Bodies they sit on", TEXT_LIST, width=26,
              help="Names from the Bodies sheet, separated by ';'; blank means the full "
                   "coalition.",
              example="Steering committee"),
        Field("meetings_per_year", "Meetings attended per year", INTEGER,
              help="Optional; leave blank if you do not know.", example=10),
    ),
)

FUNDERS = Sheet(
    name="funders",
    title="Funders",
    layout=TABLE,
    help="One row per funding source: who funds the coalition, how much, of what kind, for which years.",
    fields=(
        Field("funder", "Funder", required=True, width=40, entity=ORGANISATION,
              help="Name of the funding organisation.", example="Riverbend Community Foundation"),
        Field("amount", "Amount (USD)", MONEY, former_labels=("Amount per year (USD)",),
              help="Numbers only.", example=50000),
        Field("amount_kind", "Kind of amount", CHOICE, vocabulary="amount_kinds", width=24,
              help="From the list; blank means per year.", example="Per year"),
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

CHECKLIST: tuple[Sheet, ...] = (COALITION, AREAS, BODIES, GOALS, STRATEGIES, MEMBERS, FUNDERS, ASKS)


_CHECKLIST_BY_NAME: dict[str, Sheet] = {sheet.name: sheet for sheet in CHECKLIST}


def sheet_by_name(name: str) -> Sheet:
    return _CHECKLIST_BY_NAME[name]  # KeyError(name) when no checklist sheet has it


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
    # The old one-level list of areas; read as counties ("Region-wide" as the region).
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
    "roles": ("Chair", "Co-chair", "Steering", "Member", "Staff", "Fiscal agent", "Funder",
              "Data partner", "Endorser", "Ex-officio", "Advisor", "Resident or community member"),
    "coalition_statuses": ("Active", "Dormant") + ENDED_STATUSES,
    "filled_by": ("The coalition", FACILITATOR_COMPILED),
    "geography_levels": ("Region", "County", "City or town", "School district",
                         "Neighbourhood or ZIP"),
    "area_coverages": ("All of it", "Part of it"),
    "body_kinds": ("Full coalition", "Steering or executive committee",
                   "Workgroup or action team", "Advisory group", "Other"),
    "goal_units": (PERCENT_UNIT, "Count", "Rate per 1,000", "Rate per 100,000", "Dollars",
                   "Days", "Score", "Other"),
    "polarities": ("Higher is better", "Lower is better"),
    "amount_kinds": ("Per year", "Total over the period", "In-kind (value per year)", "Pending"),
    "ask_types": ("Money", "Data", "Staff time", "Attendance"),
    # Interview notes (NOTES below): how open a coalition is to a shared umbrella.
    "openness": ("Very open", "Open with conditions", "Unsure", "Not open"),
}

# Lists whose values the software acts on: a community cannot rename them.
FIXED_VOCABULARIES = frozenset({"coalition_statuses", "filled_by", "geography_levels",
                                "area_coverages", "polarities", "amount_kinds"})

# Other words staff type for a list's values, read as that value with a note
# (compared without case). US spellings of the levels come first.
VOCABULARY_SYNONYMS: dict[str, dict[str, str]] = {
    "geography_levels": {
        "region-wide": "Region", "regional": "Region", "county-wide": "County",
        "city": "City or town", "town": "City or town", "village": "City or town",
        "municipality": "City or town", "school district": "School district",
        "district": "School district", "neighborhood": "Neighbourhood or ZIP",
        "neighbourhood": "Neighbourhood or ZIP", "zip": "Neighbourhood or ZIP",
        "zip code": "Neighbourhood or ZIP",
    },
    "area_coverages": {"all": "All of it", "whole": "All of it", "entire": "All of it",
                       "part": "Part of it", "partial": "Part of it", "some": "Part of it"},
    "coalition_statuses": {"inactive": "Dormant", "on hold": "Dormant", "paused": "Dormant",
                           "merged": "Merged into another coalition", "defunct": "Ended",
                           "closed": "Ended", "dissolved": "Ended", "sunset": "Ended"},
    "goal_units": {"%": PERCENT_UNIT, "percentage": PERCENT_UNIT, "pct": PERCENT_UNIT,
                   "#": "Count", "number": "Count", "$": "Dollars", "usd": "Dollars",
                   "per 1,000": "Rate per 1,000", "per 1000": "Rate per 1,000",
                   "per 100,000": "Rate per 100,000", "per 100000": "Rate per 100,000"},
    "polarities": {"higher": "Higher is better", "increase": "Higher is better",
                   "up": "Higher is better", "lower": "Lower is better",
                   "decrease": "Lower is better", "reduce": "Lower is better",
                   "down": "Lower is better"},
    "amount_kinds": {"annual": "Per year", "yearly": "Per year", "per year": "Per year",
                     "multi-year": "Total over the period", "total": "Total over the period",
                     "in kind": "In-kind (value per year)", "in-kind": "In-kind (value per year)",
                     "requested": "Pending", "applied": "Pending"},
}

# What a blank means for a choice field that has a default reading.
BLANK_MEANS: dict[tuple[str, str], str] = {
    ("coalition", "status"): "Active",
    ("areas", "coverage"): "All of it",
    ("funders", "amount_kind"): "Per year",
}

# Geography levels as community.toml names them under [geography] -> the level's label.
GEOGRAPHY_LEVEL_KEYS: dict[str, str] = {
    "region": "Region", "county": "County", "city": "City or town",
    "school_district": "School district", "neighbourhood": "Neighbourhood or ZIP",
}
REGION_WIDE = "Region-wide"  # the old geographies list's word for the whole region

# Meetings per year for each cadence, for meeting-burden figures.
CADENCE_MEETINGS_PER_YEAR: dict[str, float] = {
    "Weekly": 52, "Every two weeks": 26, "Monthly": 12, "Every two months": 6,
    "Quarterly": 4, "Twice a year": 2, "Yearly": 1, "As needed": 0,
}


@dataclass(frozen=True)
class MovedField:
    """A form answer of an older version that now makes rows of a table sheet.

    Each value of the old field becomes one row of *to_sheet*, the value going into
    *to_field*; *fixed* fills other fields of those rows. When *level_from* is set, the
    row's level is found from the community's area lists (see ``community.level_of``).
    """
    from_sheet: str
    label: str  # the old heading, as staff saw it
    to_sheet: str
    to_field: str
    fixed: tuple[tuple[str, str], ...] = ()
    level_field: str | None = None  # a field of the new rows filled with the value's level


@dataclass(frozen=True)
class Migration:
    """How a checklist made with an older schema version is read now."""
    from_version: str
    explanation: str  # shown to the clerk as a warning
    renamed_sheets: dict[str, str] = field(default_factory=dict)  # old title -> sheet name
    renamed_fields: dict[tuple[str, str], str] = field(default_factory=dict)  # (sheet, old) -> field
    moved_fields: tuple[MovedField, ...] = ()
    # (sheet, field) -> value given to every record of that sheet, e.g. the amount's kind
    implied_values: dict[tuple[str, str], str] = field(default_factory=dict)
    # Sheets and (sheet, field)s the old version did not have: their absence is no
    # problem of its own; the version warning names them.
    new_sheets: tuple[str, ...] = ()
    new_fields: tuple[tuple[str, str], ...] = ()


# Older versions the reader still understands. A version not listed here and
# older than SCHEMA_VERSION is read by header names, with a warning.
# What schema 2.0 added: absent from a 1.0 checklist, left blank when it is read.
FIELDS_NEW_IN_2_0: tuple[tuple[str, str], ...] = (
    ("coalition", "former_names"), ("coalition", "status"), ("coalition", "merged_into"),
    ("coalition", "year_ended"), ("coalition", "backbone_organisation"),
    ("coalition", "fiscal_agent"), ("coalition", "filled_by"),
    ("goals", "unit"), ("goals", "polarity"), ("goals", "latest_value"), ("goals", "latest_year"),
    ("members", "bodies"), ("funders", "amount_kind"),
)


def _lacks(new_sheets: tuple[str, ...], new_fields: tuple[tuple[str, str], ...]) -> str:
    """'Missing from it: …', naming each new field by sheet, as staff see them."""
    by_sheet: dict[str, list[str]] = {}
    for sheet_name, field_name in new_fields:
        by_sheet.setdefault(sheet_name, []).append(f"'{sheet_by_name(sheet_name).field(field_name).label}'")
    parts = [f"{sheet_by_name(name).title} ({', '.join(labels)})" for name, labels in by_sheet.items()]
    parts += [f"the {sheet_by_name(name).title} sheet" for name in new_sheets
              if name != "areas"]
    return "Missing from it, so left blank: " + "; ".join(parts) + "."


MIGRATIONS: dict[str, Migration] = {
    "1.0": Migration(
        from_version="1.0",
        explanation=("Its 'Geographic scope' was read as whole counties (or the whole region) "
                     "on the Areas sheet, its lead organisation as the only lead, and funding "
                     "amounts as per year. "
                     + _lacks(("areas", "bodies"), FIELDS_NEW_IN_2_0)),
        renamed_fields={("coalition", "Lead or backbone organisation"): "lead_organisations",
                        ("funders", "Amount per year (USD)"): "amount"},
        moved_fields=(MovedField("coalition", "Geographic scope", "areas", "area",
                                 fixed=(("coverage", "All of it"),), level_field="level"),),
        implied_values={("funders", "amount_kind"): "Per year"},
        new_sheets=("areas", "bodies"),
        new_fields=FIELDS_NEW_IN_2_0,
    ),
}


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


# --- Task 3: indicator data (history of the shared indicators) --------------------------
# A third instrument from the same machinery, in long format: one row per figure, so
# several years, subgroups and places fit one sheet and any data portal's download can be
# pasted in. A school year typed as 2019-20 is read as 2020, the year it ends (the spring
# when tests are sat and diplomas given), with a note; see cells.read_year.

WHOLE_POPULATION = "All"  # a blank subgroup: the figure is for everyone
WHOLE_COMMUNITY = "Whole community"  # a blank geography: the figure is for the whole area

INDICATOR_DATA = Sheet(
    name="indicator_data",
    title="Indicator data",
    layout=TABLE,
    required=True,
    help=("One row per figure: an indicator's value for one year, for everyone or for one "
          "subgroup, for the whole community or one place, with where it comes from."),
    fields=(
        Field("indicator", "Indicator", required=True, width=40,
              help="The indicator's name, as the list of shared indicators words it.",
              example="3rd-grade reading proficiency"),
        Field("year", "Year", YEAR, required=True, width=10,
              former_labels=("School year", "Data year", "Academic year"),
              help="Four-digit year. A school year can be typed as 2019-20: it is read as "
                   "2020, the year it ends.",
              example=2024),
        Field("value", "Value", MEASURE, recommended=True, unit_field="unit", width=12,
              former_labels=("Rate", "Percent", "Data value"),
              help="The figure, as a number; a percentage as 48 or 48%. 'TBD' or blank: "
                   "no figure yet.",
              example=41.5),
        Field("unit", "Unit", CHOICE, vocabulary="goal_units", width=16, recommended=True,
              help="From the list: what the value counts.", example="Percent"),
        Field("subgroup", "Subgroup", width=26,
              former_labels=("Student group", "Demographic", "Population group"),
              help="Blank for everyone; else the group, e.g. Hispanic or Latino, "
                   "Economically disadvantaged, English learners.",
              example=None),
        Field("geography", "Geography", width=24,
              former_labels=("Location", "Area", "Geographic area"),
              help="Blank for the whole community; else the county, city, district or ZIP.",
              example=None),
        Field("source", "Data source", width=34, recommended=True,
              help="Who publishes the figure, and the table or report.",
              example="State assessment results, grade 3 ELA"),
        Field("note", "Note", LONG_TEXT, width=34,
              help="Optional: a change of test, a small group, a suppressed figure.",
              example=None),
    ),
)

INDICATOR_DATA_FORM: tuple[Sheet, ...] = (INDICATOR_DATA,)
BLANK_MEANS[(INDICATOR_DATA.name, "subgroup")] = WHOLE_POPULATION
BLANK_MEANS[(INDICATOR_DATA.name, "geography")] = WHOLE_COMMUNITY

# The hidden _meta sheet names what kind of form a file is. Checklist templates
# predate the key and carry none, so a stamp without it means a footprint checklist.
META_FORM_KEY = "form"
CHECKLIST_FORM_KIND = "footprint_checklist"
NOTES_FORM_KIND = "interview_notes"
INDICATOR_DATA_FORM_KIND = "indicator_data"
FORM_KIND_NAMES = {CHECKLIST_FORM_KIND: "a footprint checklist",
                   NOTES_FORM_KIND: "interview notes",
                   INDICATOR_DATA_FORM_KIND: "indicator data"}
# Every form made by this workbook is stamped with its schema version. MIGRATIONS are the
# checklist's: the notes form did not change with 2.0, so older notes are read as they are.
FORM_VERSIONS = {CHECKLIST_FORM_KIND: SCHEMA_VERSION, NOTES_FORM_KIND: SCHEMA_VERSION,
                 INDICATOR_DATA_FORM_KIND: "1.0"}


def form_version(form_kind: str | None) -> str:
    """The current version of a kind of form; no kind means a footprint checklist."""
    return FORM_VERSIONS.get(form_kind or CHECKLIST_FORM_KIND, SCHEMA_VERSION)


# --- task 4: the umbrella's parameters and their pretested options ------------------------
# Each parameter the coalitions negotiate, with the options offered before the room adds its
# own. Three are seeded from the data (``seeded_from`` names the footprint dimension): the
# populations, issues and areas coalitions already cover, each with how many cover it; their
# lists here are the fallback when nothing is loaded yet. community.toml may replace any list
# under [umbrella] (see workbook/tasks/umbrella/options.py).

@dataclass(frozen=True)
class UmbrellaParameter:
    name: str  # key in community.toml [umbrella] and in the stance tables
    title: str
    question: str  # what the room decides
    options: tuple[tuple[str, str], ...]  # (option, what it means in one line; may be "")
    seeded_from: str | None = None  # footprint dimension whose covered values are the options


def _plain(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((v, "") for v in values)


UMBRELLA_PARAMETERS: tuple[UmbrellaParameter, ...] = (
    UmbrellaParameter(
        "population_focus", "Population focus", "Whom does the umbrella serve?",
        _plain(tuple(p for p in DEFAULT_VOCABULARIES["populations"] if p != "All ages")),
        seeded_from="population"),
    UmbrellaParameter(
        "issue_focus", "Issue focus", "Which issues does the umbrella work on?",
        _plain(DEFAULT_VOCABULARIES["issue_areas"]), seeded_from="issue_area"),
    UmbrellaParameter(
        "geographic_scope", "Geographic scope", "Where does the umbrella work?",
        (), seeded_from="geography"),
    UmbrellaParameter(
        "resource_blending", "Resource blending", "How are the members' resources combined?",
        (("Aligned", "Each keeps its own budget; spending is planned together."),
         ("Braided", "Funds are combined for one plan, but every cost is charged to the "
                     "source that paid for it."),
         ("Blended", "Funds go into one pot and costs are no longer tracked by source."),
         ("Pooled fund", "Funders put money into a shared fund the umbrella grants or "
                         "spends under its own rules."))),
    UmbrellaParameter(
        "backbone_structure", "Backbone structure", "Who carries the backbone work?",
        (("Funder-based", "A foundation or other funder houses and staffs the backbone."),
         ("New nonprofit", "A nonprofit set up for the purpose."),
         ("Existing nonprofit", "An established nonprofit takes the role on."),
         ("Government-based", "A public agency houses the backbone."),
         ("Shared across organisations", "Several members each carry part of the work."),
         ("Hybrid", "A mix: e.g. a public agency with a nonprofit partner."))),
    UmbrellaParameter(
        "steering_committee", "Steering-committee composition", "Who sits on the steering "
        "committee?",
        (("One seat per member coalition", "Every coalition names one member."),
         ("Seats by sector", "Seats set aside for schools, health, business, government, "
                             "residents and so on."),
         ("Coalition chairs plus residents", "Chairs of the member coalitions, with seats "
                                             "for people with lived experience."),
         ("Elected by the membership", "Members elect a smaller committee for a set term."))),
    UmbrellaParameter(
        "decision_rule", "Decision rule", "How does the umbrella decide?",
        (("Consensus", "Everyone can live with it; any one member can block."),
         ("Consent", "Adopted unless someone has a reasoned objection it cannot absorb."),
         ("Majority", "More than half of the members present agree."),
         ("Supermajority", "Two thirds (or another set share) of the members agree."))),
)

# A coalition's stance on one option, strongest first. The last blocks the option.
STANCES: tuple[str, ...] = ("Must have", "Prefer", "Can accept", "Cannot accept")
STANCE_MEANINGS: dict[str, str] = {
    "Must have": "We cannot join an umbrella without this option.",
    "Prefer": "This is our choice, but we could join without it.",
    "Can accept": "Not our choice; we can live with it.",
    "Cannot accept": "We could not join an umbrella that takes this option (say why).",
}
CANNOT_ACCEPT = STANCES[-1]
