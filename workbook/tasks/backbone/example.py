"""The example community's survey: 3 candidates, 30 raters, uneven answers, one candidate
rated by too few people to show. Seeded, so the notebook and the tests see the same set.
"""
from __future__ import annotations

import random


from . import instrument as I
from .raters import Candidate, Rater, shared_backbone

CANDIDATES = (
    Candidate("United Way of the Riverbend Region"),
    Candidate("Riverbend Community Foundation"),
    shared_backbone(("Calder County Health Department", "Easton Family YMCA"),
                    "Shared: Calder County Health Dept. with Easton Family YMCA"),
)
SECTORS = ("Nonprofit", "Public agency", "Business", "Faith community", "Resident")
_ORGANISATIONS = ("United Way of the Riverbend Region", "Riverbend Community Foundation",
                  "Calder County Health Dept.", "Easton Family YMCA", "Ashford County Schools",
                  "Bellmont Chamber of Commerce", "Fenwick Falls Public Library",
                  "St. Vincent de Paul - Dunmore", "Pine Hollow Neighborhood Assn.",
                  "Riverbend Food Bank, Inc.")
_FIRST = ("Maria", "James", "Keisha", "Tom", "Latoya", "Dave", "Rosa", "Mike", "Aisha", "Greg")
_LAST = ("Gonzalez", "O'Brien", "Washington", "Nguyen", "Kowalski", "Patel", "Jackson",
         "Schmidt", "Rivera", "Johnson")
# Mean score per candidate: United Way is known for funding, the foundation for convening,
# the shared pair for data; the last is rated by few (most do not know it).
_LEANING = {0: {"function_funding": 4.4, "function_vision": 3.7, "function_public_will": 3.9,
                "capacity_finance": 4.2, "capacity_neutrality": 2.6, "capacity_data": 2.7},
            1: {"capacity_convening": 4.4, "capacity_neutrality": 3.9, "function_policy": 3.8,
                "function_activities": 3.6, "function_funding": 3.7, "capacity_staff": 2.5},
            2: {"function_measurement": 4.0, "capacity_data": 4.2}}
_ANSWERS = {0: 0.85, 1: 0.7, 2: 0.12}  # share of raters who answer for each candidate


def raters(count: int = 30, seed: int = 5) -> list[Rater]:
    rng = random.Random(seed)
    people = []
    for i in range(count):
        first, last = _FIRST[i % 10], _LAST[(i * 3 + i // 10) % 10]
        people.append(Rater(f"{first} {last}", f"{first[0].lower()}{last.lower()}{i}@example.org",
                            rng.choice(_ORGANISATIONS),
                            rng.choices(SECTORS, weights=(10, 6, 3, 2, 2))[0]))
    return people


def answers(allowed: list[list[str]], seed: int = 5) -> list[dict]:
    """One form's values per rater x candidate they chose to rate (round 1)."""
    rng = random.Random(seed)
    forms = []
    for index, names in enumerate(allowed):
        for c, candidate in enumerate(CANDIDATES):
            if candidate.name not in names or rng.random() > _ANSWERS[c]:
                continue
            values = {"round": 1, "candidate": candidate.name}
            for item, _ in I.ITEMS:
                if rng.random() < 0.15:
                    values[item] = I.DONT_KNOW
                    continue
                mean = _LEANING[c].get(item, 3.0)
                values[item] = str(min(5, max(1, round(rng.gauss(mean, 0.9)))))
            if rng.random() < 0.4:
                values["comment_vision"] = rng.choice((
                    "They would need to step back from running their own programs.",
                    "Strong on strategy, weak on follow-through.",
                    "Everyone already comes to their table."))
            forms.append({"rater": index, "values": values})
    return forms


# --- the example's folder, as a facilitator would keep it -------------------------------

# Two raters declare a tie on the form: one is funded by the foundation, one holds a
# contract with United Way. Their scores for that candidate are set aside when loaded.
_DECLARED = {(3, 1): ["Funded by"], (17, 0): ["Contract"]}
_MORE_COMMENTS = {
    "comment_funding": (
        "They already pool money for the early learning work.",
        "Good at raising money for their own programs, less for partners.",
        "Funders in the region return their calls.",
        "Brought in the state match for the literacy grant two years running.",
        "Their annual campaign competes with the rest of us for the same donors.",
        "Would need a firewall between the backbone budget and their grantmaking.",
        "Strong with corporate givers; weaker with public dollars.",
        "They fund half the coalitions at the table, which cuts both ways.",
        "Not sure they could raise money for work they do not control.",
        "Have seen them broker pooled funds before (the summer jobs fund)."),
    "comment_measurement": (
        "No data staff that I know of.",
        "Their dashboard is the one everyone already uses.",
        "Would need help with the school data agreements.",
        "They run the community needs assessment every three years.",
        "Data goes in, reports rarely come back out to partners.",
        "Have an analyst but she is shared across four programs.",
        "The health department side has the epidemiologists for this.",
        "Would want to see a data-sharing agreement before trusting it.",
        "Good at counting outputs, less at outcomes.",
        "HMIS experience would carry over."),
}


def example_code(rng: random.Random) -> str:
    """A code like the room's (same alphabet and length), seeded: the committed example's
    files stay the same from one build to the next. Real surveys use ``raters.issue_codes``."""
    from ...roomstore import access
    return access.grouped("".join(rng.choice(access.ALPHABET)
                                  for _ in range(access.ATTENDEE_CODE_LENGTH)))


def example_roster(seed: int = 5):
    """The example's roster: a code per rater, the candidates each may rate."""
    from .raters import Roster, offers
    rng = random.Random(f"codes-{seed}")
    people = raters()
    offered = offers(list(CANDIDATES), people)
    roster = Roster("%032x" % rng.getrandbits(128))
    for index, person in enumerate(people):
        allowed = offered[(offered.rater == index) & offered.allowed]["candidate"].tolist()
        roster.entries.append({"name": person.name, "email": person.email,
                               "organisation": person.organisation, "sector": person.sector,
                               "code_id": f"example-{index:02d}", "code": example_code(rng),
                               "allowed": allowed})
    return roster


def _as_a_rater_types(values: dict, rng: random.Random) -> dict:
    """Answers as people type them: some scores as numbers, comments with stray spaces or
    a line break, a few more comments on funding and measurement."""
    typed = dict(values)
    for item, _ in I.ITEMS:
        if typed.get(item, I.DONT_KNOW) != I.DONT_KNOW and rng.random() < 0.5:
            typed[item] = int(typed[item])
    for field, texts in _MORE_COMMENTS.items():
        if rng.random() < 0.45:
            typed[field] = rng.choice(texts)
    if typed.get("comment_vision") and rng.random() < 0.3:
        typed["comment_vision"] = "  " + typed["comment_vision"] + "\nJust my view."
    return typed


def build_folder(out, community, seed: int = 5, survey: int = 1) -> list:
    """Write candidates.csv, roster.json and the returned forms to *out* (see
    ``preparation.load_folder``). The roster is written owner-only.

    Every rater gets their blank forms from ``paper`` (one per candidate they may rate);
    those who answer type into the answer cells beside each question, as in Excel, and
    return the file; forms never returned are not kept."""
    import csv
    from pathlib import Path

    from . import paper
    from .raters import write_roster
    out = Path(out)
    forms_dir = out / "forms"
    forms_dir.mkdir(parents=True, exist_ok=True)
    for old in forms_dir.glob("*.xlsx"):
        old.unlink()
    with open(out / "candidates.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "members"])
        writer.writerows([c.name, "; ".join(c.members)] for c in CANDIDATES)
    roster = example_roster(seed)
    write_roster(roster, out / "roster.json")
    form = I.with_candidates([c.name for c in CANDIDATES])
    blank = set(paper.write_rater_forms(form, roster, community, forms_dir, survey))
    rng = random.Random(f"typing-{seed}")
    returned = []
    for answer in answers([e["allowed"] for e in roster.entries], seed):
        entry = roster.entries[answer["rater"]]
        candidate = answer["values"]["candidate"]
        c = next(i for i, x in enumerate(CANDIDATES) if x.name == candidate)
        typed = {**_as_a_rater_types(answer["values"], rng),
                 "conflict": _DECLARED.get((answer["rater"], c))}
        path = forms_dir / paper.file_name(entry["code"], candidate)
        _type_into(path, {k: v for k, v in typed.items() if k not in ("round", "candidate")})
        returned.append(path)
    for path in blank - set(returned):
        path.unlink()
    return returned


def _type_into(path, typed: dict) -> None:
    """Type each answer in the cell beside its question, found by the question's words."""
    from openpyxl import load_workbook

    from ... import schema as S
    from ...templates import save_workbook
    book = load_workbook(path)
    sheet = book[I.SHEET.title]
    rows = {str(sheet.cell(row=r, column=1).value).strip(): r
            for r in range(1, sheet.max_row + 1) if sheet.cell(row=r, column=1).value}
    headers = {f.name: f.header for f in I.SHEET.fields}
    for name, value in typed.items():
        if value is None:
            continue
        row = rows[headers[name]]
        for offset, one in enumerate(value if isinstance(value, list) else [value]):
            sheet.cell(row=row, column=S.FORM_FIRST_VALUE_COLUMN + offset, value=one)
    save_workbook(book, path)
