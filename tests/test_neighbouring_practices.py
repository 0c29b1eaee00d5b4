"""Neighbouring practices told apart (issue 9, item 2, round 17): programmes a field runs
separately (different funders, staff and evidence base) in one setting or for one group
must not be suggested for combining, while one programme worded two ways (its name or
acronym against a plain description) still is.

APART: two strategies of one field or setting that are different programmes; each must
score under the weaker band of strategies (0.15). SAME: one programme worded as two plans
would word it; each must stay at or over the threshold (0.4). Written from how US
coalition plans word these programmes, before the thesaurus was changed for them.
"""
from __future__ import annotations

import pytest

from workbook.tasks.alignment import STRATEGY

from .vocabulary_pairs import pair_tests

APART = [
    # --- Violence prevention ---
    ("Launch a hospital-based violence intervention program (HVIP) at County General so "
     "violence intervention specialists meet gunshot victims at the bedside",
     "Expand Cure Violence street outreach: credible messengers interrupt retaliatory "
     "shootings in the two hot-spot neighborhoods"),
    ("Petition courts for extreme risk protection orders (ERPO) when a person in crisis "
     "threatens harm with a firearm",
     "Enforce firearm relinquishment for respondents to domestic violence protective orders"),
    ("Offer Group Violence Intervention (focused deterrence) call-ins with police, "
     "community members and service providers",
     "Fund a hospital-based violence intervention program at the Level I trauma center"),
    ("Distribute free gun locks and promote safe storage of firearms at pediatric visits",
     "Petition for extreme risk protection orders to temporarily remove guns from people "
     "in crisis"),
    # --- Maternal and child health ---
    ("Offer CenteringPregnancy group prenatal care at the FQHC",
     "Offer CenteringParenting group well-child visits for mothers and babies in the first "
     "two years"),
    ("Connect pregnant women with community doulas for birth support",
     "Enroll first-time mothers in Nurse-Family Partnership home visits"),
    # --- Mental health and suicide ---
    ("Run a 988 awareness campaign so residents know to call or text 988",
     "Stand up mobile crisis teams that respond in person to behavioral health crises"),
    ("Train school staff in QPR suicide prevention gatekeeper training",
     "Stand up mobile crisis teams that respond in person to behavioral health crises"),
    ("Offer Youth Mental Health First Aid to coaches and youth workers",
     "Open a crisis stabilization unit as an alternative to the emergency department"),
    # --- Food ---
    pytest.param("Expand Double Up Food Bucks so SNAP shoppers get matching dollars for fruits and "
     "vegetables at farmers markets",
     "Send a mobile farmers market to food deserts on a weekly route",
                 marks=pytest.mark.xfail(strict=True, reason=
                     "DUFB is redeemed at farmers markets, a phrase of healthy food access, which food deserts names in the other text (0.45 -> 0.17 with mobile markets a concept of their own); farmers markets as a concept of their own lost blind DUFB pairs worded 'at farmers markets and grocery stores'")),
    pytest.param("Enroll eligible families in SNAP through outreach at the food pantry",
     "Open a school food pantry in each Title I elementary school",
                 marks=pytest.mark.xfail(strict=True, reason=
                     'the SNAP outreach is done AT a food pantry: the setting names the pantry practice the other text names alone (NAMED_FACTOR, 0.45); a school pantry is a kind of food pantry, so the two stay one concept')),
    ("Offer produce prescriptions: doctors prescribe fruits and vegetables to patients "
     "with diabetes",
     "Deliver medically tailored meals to patients discharged with heart failure"),
    ("Serve free summer meals at parks and libraries through the Summer Food Service "
     "Program",
     "Send weekend backpacks of food home with students on Fridays"),
    # --- Addiction and overdose ---
    pytest.param("Distribute naloxone kits at the syringe service program",
     "Hand out fentanyl test strips at the syringe service program",
                 marks=pytest.mark.xfail(strict=True, reason=
                     'both are handed out at a syringe service program, which names harm reduction in both: naloxone and drug checking are told apart (0.48 -> 0.23) but the shared setting keeps it over 0.15; a setting weighing less than a practice is a change to the method, not vocabulary')),
    ("Place naloxone vending machines in libraries and bus stations",
     "Start medication for opioid use disorder (buprenorphine) in the emergency department"),
    ("Open a drug take-back box at every pharmacy and hold Drug Take Back Days",
     "Distribute naloxone kits to families of people who use drugs"),
    # --- Economic mobility ---
    ("Offer one-on-one financial coaching to families in the Family Self-Sufficiency program",
     "Open Individual Development Accounts (IDAs) that match savings 2:1 toward a home or "
     "school"),
    ("Run free VITA tax preparation sites so working families claim the EITC",
     "Offer one-on-one financial coaching to families to build credit and reduce debt"),
    ("Open Individual Development Accounts (IDAs) that match savings toward a first home",
     "Offer free VITA tax preparation at the library"),
    # --- Health access ---
    pytest.param("Screen patients for food insecurity in primary care with the Hunger Vital Sign",
     "Screen patients for housing instability in primary care",
                 marks=pytest.mark.xfail(strict=True, reason=
                     'both screen patients in primary care: what each screens for differs (each names its own, x0.6) but the shared setting and words (screen, patients) keep 0.39')),
    ("Enroll uninsured residents in Medicaid through certified application counselors",
     "Train community health workers to help patients manage diabetes"),
    # --- Housing and homelessness ---
    pytest.param("Provide rapid rehousing with short-term rental assistance for families who are "
     "homeless",
     "Build permanent supportive housing units for chronically homeless adults",
                 marks=pytest.mark.xfail(strict=True, reason=
                     'both name the homelessness they serve (families who are homeless, chronically homeless adults): homelessness lines belong to the goal-indicator round working in parallel')),
    ("Offer eviction prevention: emergency rental assistance for tenants behind on rent",
     "Provide rapid rehousing for families living in shelter"),
    ("Provide right to counsel: free lawyers for tenants facing eviction in housing court",
     "Offer emergency rental assistance to households behind on rent"),
    # --- Public safety and reentry ---
    ("Offer reentry case management that starts 90 days before release from jail",
     "Open a pre-arrest diversion program so police refer people to treatment instead of "
     "jail"),
    ("Expand drug court for people charged with possession",
     "Offer expungement clinics to clear old records"),
    # --- Early childhood ---
    ("Mail a free book every month through Dolly Parton's Imagination Library",
     "Screen toddlers with the ASQ-3 at well-child visits"),
    ("Expand Early Head Start for infants and toddlers",
     "Enroll families in Parents as Teachers home visiting"),
    # --- K-12 ---
    ("Hire school-based mental health counselors in every middle school",
     "Put school resource officers in every middle school"),
    ("Train teachers in PBIS across the district",
     "Adopt restorative practices instead of suspensions"),
    # --- Older adults, transportation, digital access ---
    ("Offer Matter of Balance fall prevention classes at senior centers",
     "Deliver home-delivered meals through Meals on Wheels"),
    ("Offer free bus passes to job seekers",
     "Offer Uber or Lyft vouchers for rides to medical appointments"),
    ("Enroll households in the Affordable Connectivity Program to lower internet bills",
     "Offer digital literacy classes at the library for older adults"),
    # --- Tobacco ---
    ("Refer smokers to the quitline for free nicotine patches and coaching",
     "Pass a Tobacco 21 ordinance and license tobacco retailers"),
]

SAME = [
    ("Launch a hospital-based violence intervention program (HVIP)",
     "Violence intervention specialists meet gunshot victims at the bedside in the "
     "trauma center and follow them after discharge"),
    ("Expand Cure Violence street outreach",
     "Credible messengers interrupt shootings and mediate conflicts in hot-spot "
     "neighborhoods"),
    ("Offer CenteringPregnancy at the FQHC",
     "Offer group prenatal care at the FQHC"),
    ("Petition for extreme risk protection orders",
     "Use red flag laws (ERPO) to temporarily remove firearms from people in crisis"),
    ("Run a 988 awareness campaign",
     "Promote the 988 Suicide and Crisis Lifeline on billboards and social media"),
    ("Stand up mobile crisis teams",
     "Mobile crisis response teams respond in person to behavioral health crises"),
    ("Expand Double Up Food Bucks",
     "Match SNAP dollars spent on fruits and vegetables at farmers markets (SNAP "
     "incentives)"),
    ("Send a mobile farmers market to food deserts",
     "A mobile market brings fresh produce to neighborhoods without a grocery store"),
    ("Distribute naloxone kits",
     "Leave Narcan behind after EMS overdose calls"),
    ("Hand out fentanyl test strips",
     "Distribute FTS so people who use drugs can check their supply for fentanyl"),
    ("Offer financial coaching",
     "One-on-one financial coaches help families set goals, build credit and reduce debt"),
    ("Open Individual Development Accounts",
     "Offer IDAs that match savings toward a first home, school or a business"),
    ("Run free VITA tax preparation sites",
     "Offer free tax prep through Volunteer Income Tax Assistance"),
    ("Screen patients for food insecurity with the Hunger Vital Sign",
     "Ask patients the two-question food insecurity screener at primary care visits"),
    ("Provide rapid rehousing",
     "Rapid re-housing with short-term rental assistance and case management"),
    ("Build permanent supportive housing",
     "Create PSH units with wraparound services for chronically homeless adults"),
    ("Offer produce prescriptions",
     "Produce prescription program: doctors prescribe fruits and vegetables"),
    ("Train school staff in QPR",
     "Offer QPR gatekeeper training (Question, Persuade, Refer) to school staff"),
    ("Connect pregnant women with doulas",
     "Community doulas support mothers through pregnancy, birth and postpartum"),
    ("Offer Mental Health First Aid",
     "Train community members in MHFA to recognize and respond to mental health crises"),
    ("Place naloxone vending machines in libraries",
     "Distribute free naloxone from vending machines in public places"),
    ("Deliver medically tailored meals",
     "Deliver meals tailored to patients' medical diets after hospital discharge"),
    # read by two words each in at most two glosses ("van", "bus"): "van" added to mobile
    # markets' gloss, a third, took this description away from transportation (0.65 -> 0)
    ("Launch on-demand microtransit in zones without fixed-route service",
     "Offer a shared van that residents can book by app or phone to go anywhere in "
     "neighborhoods the bus doesn't reach"),
]


def test_there_are_enough_pairs_of_each_kind():
    assert len(APART) >= 30 and len(SAME) >= 20


# one programme worded two ways is suggested; neighbouring programmes are not
test_suggested, test_told_apart, test_one_concept_per_phrase = pair_tests(SAME, APART,
                                                                          STRATEGY)
