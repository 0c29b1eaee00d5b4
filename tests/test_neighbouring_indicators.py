"""Neighbouring indicators of one field are told apart; one indicator worded two ways still meets.

Round 17 (issue 9, item 2). Earlier rounds put the phrases of neighbouring indicators in one
concept ("suicide attempts" and "suicide deaths" were both suicide; "re-entry into foster
care" was permanency; "broadband subscription" and "broadband availability" were broadband),
so two goals of different coalitions naming different indicators of one field read as one
result and were suggested for combining. The pairs are written as US coalition plans, CHIPs,
CFSR/AFCARS, HUD System Performance Measures, WIOA performance reports, NTIA/FCC broadband
plans, YRBS/BRFSS and CDC injury reports word them, before any line of the thesaurus moved.
"""
from __future__ import annotations

from .vocabulary_pairs import pair_tests

# Two goals naming different indicators of one field: not even a weaker suggestion.
NEIGHBOURS = [
    # --- Child welfare: entries vs timely permanency vs re-entry (CFSR statewide data indicators) ---
    ("Safely reduce the rate of children entering foster care",
     "Increase the percentage of children in foster care who achieve permanency within 12 months"),
    ("Increase permanency within 12 months for children entering foster care",
     "Reduce the rate of re-entry into foster care within 12 months of discharge"),
    ("Reduce foster care entries in Cuyahoga County",
     "Reduce foster care re-entries in Cuyahoga County"),
    ("Fewer children are removed from their homes",
     "Fewer children return to foster care after reunification"),
    ("Increase timely reunification for children in out-of-home care",
     "Reduce the number of removals from home"),
    # --- Suicide: deaths vs attempts vs ideation ---
    ("Reduce the age-adjusted suicide death rate",
     "Reduce the percentage of high school students who attempted suicide (YRBS)"),
    ("Reduce deaths by suicide among veterans",
     "Reduce suicide attempts among veterans"),
    ("Reduce suicidal ideation among LGBTQ+ youth",
     "Reduce suicide deaths among LGBTQ+ youth"),
    ("Reduce emergency department visits for self-harm among youth",
     "Reduce the youth suicide rate"),
    ("Reduce the percent of students who seriously considered suicide",
     "Reduce the number of youth who die by suicide"),
    # --- Firearms: fatal vs nonfatal ---
    ("Reduce firearm deaths", "Reduce nonfatal firearm injuries"),
    ("Reduce gun homicides in Milwaukee", "Reduce nonfatal shootings in Milwaukee"),
    ("Reduce the number of residents killed by guns",
     "Reduce hospital visits for nonfatal gunshot wounds"),
    # --- Overdose: deaths vs nonfatal ED visits / EMS responses ---
    ("Reduce drug overdose deaths",
     "Reduce nonfatal overdose emergency department visits"),
    ("Reduce fentanyl-related deaths",
     "Reduce EMS responses to nonfatal opioid overdoses"),
    ("Reduce the unintentional overdose death rate",
     "Reduce the rate of nonfatal overdoses"),
    # --- Asthma: prevalence vs ED visits / hospitalisations ---
    ("Reduce asthma prevalence among children",
     "Reduce asthma emergency department visits among children"),
    ("Reduce the percentage of adults with current asthma (BRFSS)",
     "Reduce asthma hospitalizations among adults"),
    ("Reduce childhood asthma ED visits",
     "Reduce the share of children ever diagnosed with asthma"),
    # --- Broadband: availability vs subscription / adoption ---
    ("Extend broadband service to all unserved locations",
     "Increase the share of households with a broadband subscription"),
    ("Increase broadband availability in rural Appalachian counties",
     "Increase home internet subscriptions in rural Appalachian counties"),
    ("Close the broadband availability gap for unserved and underserved locations",
     "Increase broadband adoption among low-income households"),
    # --- WIOA: credential rate vs employment rate vs earnings ---
    ("Increase the credential attainment rate of WIOA participants",
     "Increase the employment rate of WIOA participants"),
    ("Increase the employment rate of WIOA adult program exiters in the second quarter after exit",
     "Increase the median earnings of WIOA adult program exiters in the second quarter after exit"),
    ("Increase the credential attainment rate of WIOA youth program participants",
     "Increase median earnings of WIOA youth program participants"),
    # --- Homelessness: PIT count vs returns vs length of time homeless (HUD SPMs) ---
    ("Reduce the number of people counted in the Point-in-Time count",
     "Reduce returns to homelessness within 24 months"),
    ("Reduce the average length of time persons remain homeless",
     "Reduce the number of people experiencing homelessness in the annual PIT count"),
    ("Reduce the number of people who become homeless for the first time",
     "Reduce the percentage of people who return to homelessness within two years"),
    ("Reduce the number of days people spend homeless",
     "Reduce the number of people who are homeless again within six months of exit"),
    ("Reduce unsheltered homelessness in Maricopa County",
     "Reduce returns to homelessness in Maricopa County"),
]

# One indicator worded two ways: still suggested.
SAME = [
    ("Reduce suicide deaths", "Fewer people die by suicide"),
    ("Reduce suicide attempts among high school students (YRBS)",
     "Fewer teens attempt suicide"),
    ("Reduce the percent of students who seriously considered suicide",
     "Reduce suicidal ideation among high school students"),
    ("Reduce firearm deaths", "Fewer people are killed by guns"),
    ("Reduce nonfatal shootings", "Reduce nonfatal firearm injuries"),
    ("Reduce overdose deaths", "Fewer lives lost to fentanyl"),
    ("Reduce nonfatal overdose ED visits",
     "Reduce emergency department visits for nonfatal opioid overdoses"),
    ("Reduce asthma emergency department visits among children",
     "Reduce pediatric asthma ED visits"),
    ("Reduce asthma prevalence among adults",
     "Reduce the percent of adults with current asthma"),
    ("Increase broadband subscription rates", "More households subscribe to home internet"),
    ("Extend broadband to all unserved and underserved locations",
     "Increase broadband availability in rural areas"),
    ("Increase the credential attainment rate of WIOA participants",
     "More WIOA participants attain a credential"),
    ("Increase the employment rate of WIOA exiters",
     "Increase the employment rate of WIOA participants in the second quarter after exit"),
    ("Increase the median earnings of WIOA exiters",
     "Increase median earnings of WIOA participants after exit"),
    ("Reduce the number of people counted as homeless in the Point-in-Time count",
     "Reduce the number of people experiencing homelessness on a single night (PIT count)"),
    ("Reduce returns to homelessness within 24 months",
     "Fewer people become homeless again after exiting to permanent housing"),
    ("Reduce the length of time people remain homeless",
     "Reduce the average number of days homeless"),
    ("Reduce entries into foster care", "Fewer children are removed from their homes"),
    ("Increase permanency within 12 months for children in foster care",
     "More children in foster care are reunified or adopted within a year"),
    ("Reduce re-entry into foster care within 12 months",
     "Reduce foster care re-entries"),
    ("Reduce asthma hospitalizations", "Reduce hospital admissions for asthma"),
    ("Reduce gun homicides", "Reduce firearm homicides"),
]


test_suggested, test_told_apart, test_one_concept_per_phrase = pair_tests(SAME, NEIGHBOURS)


def test_at_least_30_neighbours_and_20_same_indicator_pairs():
    assert len(NEIGHBOURS) >= 30 and len(SAME) >= 20
