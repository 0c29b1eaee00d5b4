"""The backbone survey's form, declared once: the Excel form, the web form and the reader.

The six backbone functions (Turner et al., 2012) and six capacities, in our own words, each
rated 1 to 5 or "don't know" (not counted), with an optional comment per function, and a
declaration of conflicts with the candidate rated. One answer rates one candidate; a rater
answers once per candidate they are offered.

Each rater is offered only the candidates they may rate: ``for_rater`` narrows the
candidate list of the one declaration (no second form), so the Excel form named by the
rater's code and the reader both refuse any other candidate with the ordinary
"not in the list" problem.
"""
from __future__ import annotations

import dataclasses
from typing import Sequence

from ... import schema as S
from ...roomstore import forms as F

FUNCTIONS = (
    ("vision", "Guide vision and strategy",
     "Keeps the coalitions working toward a common agenda and a shared strategy."),
    ("activities", "Support aligned activities",
     "Coordinates partners' work so that it reinforces, not repeats, each other's."),
    ("measurement", "Establish shared measurement",
     "Gathers, cleans and shares data the partners agree to track together."),
    ("public_will", "Build public will",
     "Engages residents and the public so the agenda has support beyond the table."),
    ("policy", "Advance policy",
     "Moves the policies the partners agree on, with and for them."),
    ("funding", "Mobilise funding",
     "Brings in and aligns money for the shared work, not only for itself."),
)
CAPACITIES = (
    ("neutrality", "Seen as neutral and trusted across sectors",
     "Nonprofits, public agencies, business and residents all trust it as a fair broker."),
    ("staff", "Staff capacity", "Has, or can hire, the people the work needs."),
    ("data", "Data capacity", "Can collect, manage and report data well."),
    ("relationships", "Relationships with the coalitions",
     "Already works well with the coalitions that would be aligned."),
    ("finance", "Financial stability", "Will still be standing and paying staff in three years."),
    ("convening", "Track record of convening",
     "Has brought different groups to one table before, and kept them there."),
)
ITEMS = tuple((f"function_{key}", label) for key, label, _ in FUNCTIONS) + \
    tuple((f"capacity_{key}", label) for key, label, _ in CAPACITIES)
DONT_KNOW = "Don't know"
SCALE = ("1", "2", "3", "4", "5", DONT_KNOW)
SCALE_MEANINGS = {"1": "Not able to do this", "2": "Weak", "3": "Adequate", "4": "Strong",
                  "5": "Outstanding", DONT_KNOW: "I cannot judge: not counted"}
CONFLICTS = ("Employed by", "Funded by", "Board seat", "Contract")
CONFLICT_MEANINGS = {
    "Employed by": "I work for this candidate (now, or in the last two years).",
    "Funded by": "My organisation receives money from this candidate.",
    "Board seat": "I sit on its board, or it sits on mine.",
    "Contract": "I or my organisation hold a contract with it.",
}
CANDIDATES = "backbone_candidates"
SCALE_LIST = "backbone_scale"
CONFLICT_LIST = "backbone_conflicts"


def _score_field(name: str, label: str, meaning: str) -> S.Field:
    return S.Field(name, label, S.CHOICE, required=True, vocabulary=SCALE_LIST, width=12,
                   help=f"{meaning} 1 not able … 5 outstanding, or Don't know.", example="4")


def _fields() -> tuple[S.Field, ...]:
    fields = list(F.given_fields("Your rater code"))
    fields.append(S.Field("candidate", "Candidate you rate", S.CHOICE, required=True,
                          vocabulary=CANDIDATES, width=36,
                          help="Only the candidates you may rate are listed."))
    fields.append(S.Field("conflict", "Your ties to this candidate", S.MULTI_CHOICE,
                          vocabulary=CONFLICT_LIST,
                          help="Tick any that apply. With a tie your scores are not counted "
                               "for this candidate; nobody is told which tie."))
    for key, label, meaning in FUNCTIONS:
        fields.append(_score_field(f"function_{key}", label, meaning))
        fields.append(S.Field(f"comment_{key}", f"{label}: comment (optional)", S.LONG_TEXT,
                              help="Shown to the room only when many raters answered, "
                                   "shuffled, never with a name. Do not name yourself."))
    fields.extend(_score_field(f"capacity_{key}", label, meaning)
                  for key, label, meaning in CAPACITIES)
    return tuple(fields)


SHEET = S.Sheet(
    name="backbone_rating",
    title="Backbone candidate rating",
    layout=S.FORM,
    required=True,
    help="One form per candidate you rate. Your answers are never shown with your name.",
    fields=_fields(),
)

GUIDANCE = (
    ("What this is", "A blind survey: how able is each candidate to serve as the backbone "
                     "of the alignment? Nobody sees who answered what."),
    ("What the room sees", "For each candidate and function: the median, the spread and how "
                           "many answered, only when at least 5 people rated it; comments "
                           "only when at least 10 did, shuffled."),
    ("Ties", "You are not offered your own organisation. If you have another tie to a "
             "candidate, tick it: your scores for that candidate are then set aside."),
)

FORM = F.RoomForm(
    name="backbone_rating",
    kind="room_backbone_rating",
    kind_name="a backbone candidate rating",
    title="Backbone candidate rating",
    sheet=SHEET,
    guidance=GUIDANCE,
    vocabularies={SCALE_LIST: SCALE, CONFLICT_LIST: CONFLICTS, CANDIDATES: ()},
    meanings={SCALE_LIST: SCALE_MEANINGS, CONFLICT_LIST: CONFLICT_MEANINGS},
)


# Lets the reader name this form when a file of another kind is loaded in its place.
S.FORM_KIND_NAMES.setdefault(FORM.kind, FORM.kind_name)


def with_candidates(candidates: Sequence[str]) -> F.RoomForm:
    """The form once the candidates are known.

    Not ``forms.register``ed: the generic /room/form/<name> page would offer every
    candidate to every code and store into ``form_submissions`` (one answer per round and
    code). Answers go through ``responses.submit_as`` / ``load_excel`` instead, with the
    form ``responses.form_for`` narrows to the rater.
    """
    return dataclasses.replace(FORM, vocabularies={**FORM.vocabularies,
                                                   CANDIDATES: tuple(candidates)})


def for_rater(form: F.RoomForm, allowed: Sequence[str]) -> F.RoomForm:
    """The same form offering only *allowed* candidates (not registered: one per rater)."""
    return dataclasses.replace(form, vocabularies={**form.vocabularies,
                                                   CANDIDATES: tuple(allowed)})


def score(text: object) -> int | None:
    """A scale answer as a number; "don't know" and blanks as None (not counted)."""
    if text is None:
        return None
    value = str(text).strip()
    if isinstance(text, float) and text.is_integer():
        value = str(int(text))
    return int(value) if value in SCALE[:-1] else None
