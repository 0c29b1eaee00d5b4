"""The Riverbend Region's umbrella negotiation (task 4): what eight coalition leaders wrote.

``data/example/build_umbrella.py`` (or ``make example``) writes, under
data/example/umbrella/:

* ``paper-codes.csv``: the codes the facilitator wrote on the slips handed to each
  coalition's leader (this room used paper slips, not the laptop's printed ones);
* ``readiness/``: one readiness check per leader, the Excel room form filled the way leaders
  fill it (the code from their paper slip typed in, a "Don't know" where they could not say);
* ``stances/round-1/`` and ``stances/round-2/``: one stance form per coalition and round, made
  by the stance-form writer with the coalition's name and the options; round 2's form came
  back pre-filled with round 1 and the leader changed what moved in the discussion;
* ``opportunity-moments.csv``: the log of moments the room noted;
* ``agreed-options.csv``: the one parameter the room agreed after round 2 (its decision log
  entry, as the facilitator wrote it down).

``python -m workbook load-umbrella data/example/umbrella`` loads them (``make database``).
Every name of a person is left out; the coalitions are the example's own. The story: the
room moves toward agreement between the rounds (blocks lifted on seniors, pooled funds,
blended funds, a funder-based backbone, seats by sector and majority vote), Calder County
Family Connections keeps its block on a government-based backbone, and the decision rule
(consent) is agreed in round 2.
"""
from __future__ import annotations

import csv
from pathlib import Path

from ..community import Community
from ..forms import slug
from ..roomstore import forms
from ..tasks.umbrella import options as O
from ..tasks.umbrella import readiness as R
from ..tasks.umbrella import stances as T

AELP = "Ashford Early Learning Partnership"
RB5 = "Ready by Five Bell-Calder"
CCFC = "Calder County Family Connections"
RLC = "Riverbend Literacy Collaborative"
GR = "Graduate Riverbend"
EDC = "Every Day Counts Dunmore-Easton"
FOST = "Fenwick Out-of-School Time Network"
RCAN = "Riverbend College Access Network"
ROOM = (AELP, RB5, CCFC, RLC, GR, EDC, FOST, RCAN)

MUST, PREFER, ACCEPT, BLOCK = "Must have", "Prefer", "Can accept", "Cannot accept"

# coalition -> parameter -> stance -> options; blocks carry their reason.
_GOVERNANCE_COMMON = {
    "resource_blending": {PREFER: ["Aligned"], ACCEPT: ["Braided"]},
    "steering_committee": {PREFER: ["One seat per member coalition"],
                           ACCEPT: ["Coalition chairs plus residents"]},
    "decision_rule": {PREFER: ["Consent"], ACCEPT: ["Consensus", "Supermajority"]},
}
ROUND_1: dict[str, dict[str, dict[str, list]]] = {
    AELP: {
        "population_focus": {MUST: ["Prenatal to 5"], PREFER: ["Families", "Children 6-11"],
                             ACCEPT: ["Youth 12-17"],
                             BLOCK: [("Seniors", "Our state pre-K dollars are for children "
                                                 "and their families only")]},
        "issue_focus": {MUST: ["Early childhood"], PREFER: ["K-12 education", "Health"],
                        ACCEPT: ["Family economic stability", "Housing"]},
        "geographic_scope": {MUST: ["Ashford County"], ACCEPT: ["Bell County", "Calder County"]},
        "resource_blending": {PREFER: ["Aligned"], ACCEPT: ["Braided"],
                              BLOCK: [("Pooled fund", "Our board will not hand money to a "
                                                      "fund it does not govern")]},
        "backbone_structure": {PREFER: ["Existing nonprofit"],
                               ACCEPT: ["Shared across organisations", "Hybrid"]},
        "steering_committee": {PREFER: ["One seat per member coalition"],
                               ACCEPT: ["Seats by sector"]},
        "decision_rule": {PREFER: ["Consent"], ACCEPT: ["Consensus"],
                          BLOCK: [("Majority", "The big school-district coalitions would "
                                               "outvote the small ones")]},
    },
    RB5: {
        "population_focus": {MUST: ["Prenatal to 5"], PREFER: ["Families"]},
        "issue_focus": {MUST: ["Early childhood"], PREFER: ["Health", "Family economic stability"],
                        ACCEPT: ["Mental health"]},
        "geographic_scope": {MUST: ["Bell County", "Calder County"], ACCEPT: ["Ashford County"]},
        "resource_blending": {PREFER: ["Braided"], ACCEPT: ["Aligned", "Pooled fund"]},
        "backbone_structure": {PREFER: ["Funder-based"], ACCEPT: ["Existing nonprofit"]},
        "steering_committee": {PREFER: ["Seats by sector"],
                               ACCEPT: ["One seat per member coalition"]},
        "decision_rule": {PREFER: ["Consensus"], ACCEPT: ["Consent", "Supermajority"]},
    },
    CCFC: {
        "population_focus": {MUST: ["Families"], PREFER: ["Prenatal to 5", "Children 6-11"],
                             ACCEPT: ["Youth 12-17", "Adults"]},
        "issue_focus": {MUST: ["Family economic stability"], PREFER: ["Housing", "Health"],
                        ACCEPT: ["Early childhood"]},
        "geographic_scope": {MUST: ["Calder County"], ACCEPT: ["Bell County", "Easton County"]},
        **_GOVERNANCE_COMMON,
        "backbone_structure": {PREFER: ["Shared across organisations"],
                               ACCEPT: ["Existing nonprofit", "Hybrid"],
                               BLOCK: [("Government-based", "Families we serve stopped "
                                                            "coming to county offices after "
                                                            "the 2019 benefit cuts")]},
    },
    RLC: {
        "population_focus": {MUST: ["Children 6-11"], PREFER: ["Prenatal to 5", "Families"]},
        "issue_focus": {MUST: ["K-12 education"], PREFER: ["Early childhood"],
                        ACCEPT: ["Postsecondary"]},
        "geographic_scope": {PREFER: ["Ashford County", "Bell County", "Calder County"],
                             ACCEPT: ["Dunmore County", "Easton County", "Fenwick County"]},
        "resource_blending": {PREFER: ["Aligned"], ACCEPT: ["Braided", "Blended"]},
        "backbone_structure": {PREFER: ["Existing nonprofit"], ACCEPT: ["Government-based",
                                                                       "Hybrid"]},
        "steering_committee": {PREFER: ["Coalition chairs plus residents"],
                               ACCEPT: ["One seat per member coalition"]},
        "decision_rule": {PREFER: ["Consensus"], ACCEPT: ["Consent"],
                          BLOCK: [("Majority", "Small coalitions would be outvoted")]},
    },
    GR: {
        "population_focus": {MUST: ["Youth 12-17"], PREFER: ["Young adults 18-24",
                                                            "Children 6-11"]},
        "issue_focus": {PREFER: ["K-12 education", "Postsecondary"], ACCEPT: ["Workforce"]},
        "geographic_scope": {MUST: ["Dunmore County", "Easton County"],
                             ACCEPT: ["Fenwick County"]},
        "resource_blending": {PREFER: ["Braided"], ACCEPT: ["Aligned", "Pooled fund"]},
        "backbone_structure": {PREFER: ["Government-based"], ACCEPT: ["Hybrid",
                                                                     "Existing nonprofit"]},
        "steering_committee": {PREFER: ["Seats by sector"], ACCEPT: ["Elected by the membership"]},
        "decision_rule": {PREFER: ["Supermajority"], ACCEPT: ["Consent", "Majority"]},
    },
    EDC: {
        "population_focus": {MUST: ["Children 6-11", "Youth 12-17"], ACCEPT: ["Families"]},
        "issue_focus": {MUST: ["K-12 education"], PREFER: ["Health"]},
        "geographic_scope": {MUST: ["Dunmore County", "Easton County"]},
        "resource_blending": {PREFER: ["Aligned"], ACCEPT: ["Braided"]},
        "backbone_structure": {PREFER: ["Existing nonprofit"], ACCEPT: ["Hybrid"],
                               BLOCK: [("Funder-based", "Residents would read it as the "
                                                        "foundation's project, not theirs")]},
        "steering_committee": {PREFER: ["Coalition chairs plus residents"]},
        "decision_rule": {PREFER: ["Consent"], ACCEPT: ["Consensus"]},
    },
    FOST: {
        "population_focus": {MUST: ["Children 6-11", "Youth 12-17"]},
        "issue_focus": {PREFER: ["K-12 education", "Mental health"],
                        ACCEPT: ["Youth substance use"]},
        "geographic_scope": {MUST: ["Fenwick County"], ACCEPT: ["Easton County"]},
        "resource_blending": {PREFER: ["Pooled fund"], ACCEPT: ["Aligned", "Braided"]},
        "backbone_structure": {PREFER: ["Shared across organisations"],
                               ACCEPT: ["Existing nonprofit", "Funder-based"]},
        "steering_committee": {PREFER: ["One seat per member coalition"],
                               BLOCK: [("Seats by sector", "Out-of-school-time providers are "
                                                           "no sector and would get no seat")]},
        "decision_rule": {PREFER: ["Consent"], ACCEPT: ["Consensus", "Majority"]},
    },
    RCAN: {
        "population_focus": {MUST: ["Young adults 18-24"], PREFER: ["Youth 12-17"]},
        "issue_focus": {MUST: ["Postsecondary"], PREFER: ["Workforce", "K-12 education"]},
        "geographic_scope": {PREFER: ["Bell County", "Ashford County"],
                             ACCEPT: ["Calder County", "Dunmore County", "Easton County",
                                      "Fenwick County"]},
        "resource_blending": {PREFER: ["Braided"], ACCEPT: ["Aligned"],
                              BLOCK: [("Blended", "Our state scholarship dollars must be "
                                                  "tracked by source (audit finding, 2022)")]},
        "backbone_structure": {PREFER: ["Hybrid"], ACCEPT: ["Existing nonprofit",
                                                           "Government-based"]},
        "steering_committee": {PREFER: ["Elected by the membership"],
                               ACCEPT: ["One seat per member coalition"]},
        "decision_rule": {PREFER: ["Supermajority"], ACCEPT: ["Consent"]},
    },
}

# What moved in the discussion: (coalition, parameter, option) -> new stance (and why).
ROUND_2_CHANGES: dict[tuple[str, str, str], tuple[str, str | None]] = {
    (AELP, "resource_blending", "Pooled fund"): (
        ACCEPT, "If our board keeps a seat on the fund's committee"),
    (AELP, "population_focus", "Seniors"): (
        ACCEPT, "As long as the children's dollars stay with children"),
    (AELP, "decision_rule", "Majority"): (ACCEPT, "Only for budget questions, after consent"),
    (RLC, "decision_rule", "Majority"): (ACCEPT, None),
    (EDC, "backbone_structure", "Funder-based"): (
        ACCEPT, "If residents hold seats on the steering committee"),
    (FOST, "steering_committee", "Seats by sector"): (
        ACCEPT, "Now that out-of-school time has its own seat"),
    (RCAN, "resource_blending", "Blended"): (ACCEPT, "For local dollars; state ones braided"),
    (GR, "issue_focus", "K-12 education"): (MUST, None),
    (RB5, "decision_rule", "Consent"): (PREFER, None),
    (RB5, "backbone_structure", "Government-based"): (ACCEPT, None),
    (GR, "decision_rule", "Consensus"): (ACCEPT, None),
    (EDC, "decision_rule", "Supermajority"): (ACCEPT, None),
    (FOST, "backbone_structure", "Hybrid"): (ACCEPT, None),
    (AELP, "steering_committee", "Coalition chairs plus residents"): (PREFER, None),
}

AGREED = ({"parameter": "Decision rule", "option": "Consent", "decision rule": "Consensus",
           "round": 2, "recorded by": "facilitator",
           "rationale": "Every coalition can live with consent after round 2; majority was "
                        "blocked in round 1"},)
AGREED_FILE = "agreed-options.csv"

MOMENTS = (
    {"event": "State early-childhood block grant: applications open", "date": "2027-02-01",
     "why it matters": "The state funds a region that applies as one; the umbrella can",
     "who acts": "Ready by Five Bell-Calder drafts; the steering committee signs off"},
    {"event": "Riverbend Community Foundation refreshes its strategic plan",
     "date": "2027-04-15",
     "why it matters": "Its next five years of grants could fund the backbone",
     "who acts": "Graduate Riverbend's chair asks for a meeting"},
    {"event": "County commission elections in Calder and Bell", "date": "2027-11-02",
     "why it matters": "Candidates can be asked to back the North Star in public",
     "who acts": "Calder County Family Connections organises a candidates' forum"},
)
MOMENTS_FILE = "opportunity-moments.csv"

# Per leader: the answer to each of the 16 statements, ingredient by ingredient
# ("d" = Don't know), and the code typed from their slip (typed as people type codes).
READINESS_ANSWERS = {
    AELP: ("544 4545 554 332 22d", "rbr-4k7m"),
    RB5: ("443 4434 454 343 d23", "RBR 9TQ2"),
    CCFC: ("433 5544 443 222 321", "RBR-H3XW"),
    RLC: ("554 4445 545 433 232", "RBR-6PZN"),
    GR: ("543 4434 455 444 333", "RBR-C8FJ"),
    EDC: ("342 3433 443 32d 212", "rbr-2vkd"),
    FOST: ("43d 4543 344 223 221", "RBR-M5RY"),
    RCAN: ("444 4344 554 343 d32", "RBR-7GWA"),
}


CODES_FILE = "paper-codes.csv"


def paper_codes() -> list[dict[str, str]]:
    """The slips as the facilitator wrote them down: one code per coalition, in capitals."""
    return [{"coalition": coalition, "code": code.upper().replace(" ", "-")}
            for coalition, (_answers, code) in READINESS_ANSWERS.items()]


def stances_of(round_id: int) -> dict[str, dict[tuple[str, str], object]]:
    """coalition -> (parameter, option) -> stance or (stance, reason), as given in a round."""
    given: dict[str, dict[tuple[str, str], object]] = {}
    for coalition, parameters in ROUND_1.items():
        mine = given.setdefault(coalition, {})
        for parameter, stances in parameters.items():
            for stance, options in stances.items():
                for option in options:
                    if isinstance(option, tuple):
                        mine[(parameter, option[0])] = (stance, option[1])
                    else:
                        mine[(parameter, option)] = stance
    if round_id >= 2:
        for (coalition, parameter, option), (stance, reason) in ROUND_2_CHANGES.items():
            given[coalition][(parameter, option)] = (stance, reason) if reason else stance
    return given


def readiness_values(answers: str, code: str) -> dict[str, object]:
    levels = answers.replace(" ", "")
    values: dict[str, object] = {"round": 1, "prompt": READINESS_PROMPT, "attendee_code": code}
    for (_ingredient, _statement, f), level in zip(R.statement_fields(), levels, strict=True):
        values[f.name] = R.DONT_KNOW if level == "d" else int(level)
    return values


READINESS_PROMPT = "Readiness check before the umbrella negotiation"


def build(out_dir: Path, community: Community, options: O.OptionLists) -> list[Path]:
    """Write every file under *out_dir* (the options as the example's checklists seed them),
    removing forms no longer curated."""
    sform = T.stance_form(options, register=False)
    written: list[Path] = []
    for old in out_dir.glob("**/*.xlsx"):
        old.unlink()
    for coalition, (answers, code) in READINESS_ANSWERS.items():
        written.append(forms.write_excel_form(
            R.READINESS, community, out_dir / "readiness" / f"{slug(coalition)}-readiness.xlsx",
            values=readiness_values(answers, code)))
    for round_id in (1, 2):
        for coalition, given in stances_of(round_id).items():
            written.append(T.write_stance_form(
                sform, community,
                out_dir / "stances" / f"round-{round_id}" / f"{slug(coalition)}-stances.xlsx",
                round_id, coalition, given))
    written.append(_csv(out_dir / CODES_FILE, paper_codes()))
    written.append(_csv(out_dir / MOMENTS_FILE, MOMENTS))
    written.append(_csv(out_dir / AGREED_FILE, AGREED))
    return written


def _csv(path: Path, rows) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path
