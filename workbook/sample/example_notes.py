"""The Riverbend Region's filled interview notes (task 2), from the answers below.

``data/example/build_notes.py`` (or ``make example``) writes them to
data/example/notes/ (the same bytes for the same answers). The four coalitions
are the early-childhood and early-literacy group of data/example/README.md's
story: the two near-identical readiness coalitions, the Calder family coalition
that shares their members, and the literacy collaborative that picks children up
at six. Every person and remark is fictional; the people are the ones who sit on
these coalitions in ``example.py``.
"""
from __future__ import annotations

from pathlib import Path

from ..community import Community
from ..notes import notes_file_name, write_notes

FACILITATOR = "Renee Kowalski"

NOTES = [
    {
        "coalition_name": "Ashford Early Learning Partnership",
        "interviewer": FACILITATOR,
        "interview_date": "2026-11-16",
        "interviewees": "Dana Whitfield (staff lead, United Way of the Riverbend Region); "
                        "Angela Brennan (chair, Ashford County Schools); "
                        "Joy Calloway (steering committee, Riverbend Head Start)",
        "documents_reviewed": "Strategic plan 2023-2027; annual report 2025; kindergarten "
                              "readiness dashboard (autumn 2025); home visiting logic model",
        "accountable_results": "Children in Ashford and Bell counties enter kindergarten ready "
                               "to learn (its North Star). Families find quality child care. "
                               "Parents read with their young children every day.",
        "progress_measures": "State kindergarten screener, % ready by school each autumn (46% "
                             "in 2023, 60% wanted by 2030). Licensed child care slots per 100 "
                             "children. Its own parent survey on daily reading. Builds its "
                             "dashboard from the screener file the schools send; shares no "
                             "definitions with other coalitions.",
        "partner_coalitions": "Ready by Five Bell-Calder: many of the same members (Head Start, "
                              "the library, Bell County Public Schools, Riverbend Pediatrics, "
                              "Little Acorns) but no formal link. Riverbend Literacy "
                              "Collaborative: refers families to the summer reading challenge.",
        "duplication_seen": "Ready by Five chases the same goal with the same screener in Bell "
                            "County. Both ask Bell County Public Schools for the screener results "
                            "and the Community Foundation for readiness money. Book gifting "
                            "overlaps with Family Connections' lending library bus.",
        "repeated_reporting": "Head Start gives the same enrollment update at this table, at "
                              "Ready by Five and at Family Connections every month. The dashboard "
                              "is rebuilt in another format for the Community Foundation.",
        "gains_from_aligning": "One readiness dashboard for the region; one ask to the Community "
                               "Foundation; fewer meetings for school and Head Start staff; a "
                               "louder voice for state pre-K funding.",
        "non_negotiables": "Its parent advisory group; United Way as the early-childhood "
                           "backbone; the Ashford name local donors know.",
        "umbrella_openness": "Open with conditions",
        "follow_ups": "Get the 2025 home visiting evaluation. Ask Ready by Five whether its "
                      "screener file is the same state extract.",
        "other_notes": "Relations with Ready by Five are friendly but separate: \"we wave at "
                       "each other across the same meetings\".",
    },
    {
        "coalition_name": "Ready by Five Bell-Calder",
        "interviewer": FACILITATOR,
        "interview_date": "2026-11-17",
        "interviewees": "Derek Vance (staff lead, Bell County Public Schools); Rosa Quintero "
                        "(chair, Calder County Schools); Priya Raman (member, Bell County "
                        "Health Department)",
        "documents_reviewed": "Action plan 2025-2026; grant report to the Riverbend Community "
                              "Foundation 2025; summer bridge attendance figures",
        "accountable_results": "Children in Bell and Calder counties start school healthy and "
                               "ready to learn. Infants get their well-child checkups.",
        "progress_measures": "The state kindergarten screener (44% ready in 2023, 60% wanted by "
                             "2030), counted by the district itself. Well-child visits from "
                             "Medicaid claims, through the Bell County Health Department. No "
                             "shared dashboard.",
        "partner_coalitions": "Ashford Early Learning Partnership: the Bell County schools, Head "
                              "Start and the library sit at both tables; \"we count the same "
                              "children in Bell County\". Calder County Family Connections: "
                              "Ingrid Hale sits on both; they run the pre-K enrollment fair "
                              "together some years.",
        "duplication_seen": "Its readiness goal is AELP's, down to the target. The spring "
                            "kindergarten registration push and AELP's home visiting reach the "
                            "same Bell County families. Summer bridge classes and Family "
                            "Connections' pre-K fair compete for Calder parents' time.",
        "repeated_reporting": "Derek Vance shows the screener results to AELP, to Ready by Five "
                              "and to the Literacy Collaborative: the same slides three times "
                              "a season.",
        "gains_from_aligning": "Staff time: it has half a post. A shared data analyst. Fewer "
                               "asks to the Community Foundation, which funds both "
                               "early-childhood coalitions.",
        "non_negotiables": "Its focus on Calder County, which no other readiness coalition "
                           "covers; the school districts' lead; the health side of readiness.",
        "umbrella_openness": "Very open",
        "follow_ups": "Get the draft 2026 action plan. Ask the Health Department whether the "
                      "Medicaid figures can be shared with AELP.",
        "other_notes": "Came with a proposal: one early-childhood table for Ashford, Bell and "
                       "Calder, with a working group per county.",
    },
    {
        "coalition_name": "Calder County Family Connections",
        "interviewer": FACILITATOR,
        "interview_date": "2026-11-18",
        "interviewees": "Dwayne Archer (staff lead, Riverbend Community Action Agency); "
                        "Ingrid Hale (chair, Calder County Family Resource Center)",
        "documents_reviewed": "Community needs assessment 2024; annual report 2025; state family "
                              "support grant report 2025",
        "accountable_results": "Calder County families have what they need to raise healthy, "
                               "thriving children: fewer children in poverty, more four-year-olds "
                               "in pre-K, families reading together.",
        "progress_measures": "Child poverty from the Census (27.5% in 2022); pre-K enrollment "
                             "from Calder County Schools; its own parent survey on reading. "
                             "Reports quarterly to the State Department of Health on its grant.",
        "partner_coalitions": "Ready by Five Bell-Calder: its chair sits on both and they share "
                              "the pre-K enrollment fair. The Community Action Agency that "
                              "staffs it sits on eight other coalitions.",
        "duplication_seen": "Its family reading goal asks the same survey question as AELP's. "
                            "Its pre-K enrollment work overlaps with Ready by Five in Calder.",
        "repeated_reporting": "The state grant report and the Community Foundation report want "
                              "the same figures in different forms. Head Start and the school "
                              "district give the same update here and at Ready by Five.",
        "gains_from_aligning": "Shared pre-K enrollment data; help with the reading survey; less "
                               "meeting time for a one-person staff.",
        "non_negotiables": "Its anti-poverty work (tax sites, navigators), which the "
                           "early-childhood coalitions do not do; the state grant's reporting "
                           "rules; its identity in Calder County.",
        "umbrella_openness": "Open with conditions",
        "follow_ups": "Get the child care chapter of the 2024 needs assessment.",
    },
    {
        "coalition_name": "Riverbend Literacy Collaborative",
        "interviewer": FACILITATOR,
        "interview_date": "2026-11-20",
        "interviewees": "Sam Ortiz (staff lead, Riverbend Public Library); Angela Brennan "
                        "(chair, Ashford County Schools)",
        "documents_reviewed": "Campaign plan 2024-2030; summer reading report 2025",
        "accountable_results": "All children read on grade level by the end of third grade.",
        "progress_measures": "Third-grade reading proficiency from the state assessment (47% in "
                             "2023); summer reading take-up from library records.",
        "partner_coalitions": "AELP and Ready by Five: the library sits on both, and book "
                              "gifting sends families on to the summer reading challenge. All "
                              "six school districts sit at its table.",
        "duplication_seen": "Little: it starts where the early-childhood coalitions stop, at "
                            "six. Some overlap in family reading campaigns with AELP and Family "
                            "Connections.",
        "repeated_reporting": "The library reports the same summer reading numbers to three "
                              "coalitions and to its own board.",
        "gains_from_aligning": "A birth-to-eight reading pathway; one family reading message "
                               "across the region.",
        "non_negotiables": "Its reach across all six counties and school districts; meeting "
                           "quarterly (superintendents will not meet more often).",
        "umbrella_openness": "Unsure",
        "follow_ups": "Ask the superintendents whether a birth-to-eight table would replace "
                      "meetings or add one.",
    },
]


def build(out_dir: Path, community: Community) -> list[Path]:
    """Write every coalition's notes to *out_dir*, removing notes no longer curated."""
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = {notes_file_name(answers["coalition_name"]): answers for answers in NOTES}
    for old in out_dir.glob("*.xlsx"):
        if old.name not in wanted:
            old.unlink()
    return [write_notes(answers, out_dir / name, community) for name, answers in wanted.items()]
