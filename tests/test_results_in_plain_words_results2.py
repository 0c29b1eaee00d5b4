"""Community results named by their indicator, data source or acronym against the same result
in the plain words a resident-facing plan uses, often with the other polarity (issue 9,
item 2, round 16): youth substance use, addiction and overdose, mental health and suicide,
maternal and child health, health access and oral health, chronic disease, public safety and
reentry, violence, child welfare, tribal communities, immigrants, veterans, disability and
environmental health.

SAME pairs must be suggested as goals (score >= TEXT_THRESHOLD); NEIGHBOURS are indicators
of one field measured apart (fatal / nonfatal, entries / permanency / re-entry, use /
perceived risk, initiation / exclusivity…) and must stay below the weaker band. All pairs
were written before the thesaurus lines of round 16 (results2) were (the last six
neighbours in a second batch, still before any line), each xfail after, with its reason, from how US coalition
plans, CHIPs, CFSR and federal performance measures word these results.
"""
from __future__ import annotations

import pytest

from workbook.tasks.alignment import POSSIBLE_THRESHOLD, TEXT_THRESHOLD, build_thesaurus, text_score

def not_yet_same(indicator: str, plain: str, reason: str):
    """A pair this round could not bring together without harm: a strict xfail."""
    return pytest.param(indicator, plain, marks=pytest.mark.xfail(strict=True, reason=reason))


SAME = [
    # --- Youth substance use (DFC core measures, YRBS, Synar) ---
    ("Reduce past-30-day alcohol use among high school students (YRBS)",
     "Fewer teenagers in our county drink alcohol"),
    not_yet_same("Decrease the Synar retailer violation rate to below 10%",
                 "Stores stop selling cigarettes and vapes to kids under 21",
                 "'selling cigarettes' and 'sell vapes' as phrases of retailer compliance swallowed "
                 "the product a compliance-check strategy names too (strategies fell below their "
                 "band); without them the plain text names tobacco and vaping beside the result"),
    ("Reduce 30-day e-cigarette use among middle and high school students (NYTS)",
     "Fewer teens vape"),
    ("Reduce past-30-day marijuana use among youth (DFC core measure)",
     "Fewer teens smoke weed"),
    ("Reduce youth binge drinking (5 or more drinks in a row)",
     "Fewer teens get drunk"),
    ("Reduce past-30-day prescription drug misuse among youth (DFC core measure)",
     "Fewer teens take pills that were not prescribed to them"),
    # --- Addiction and overdose ---
    ("Reduce opioid overdose deaths (CDC WONDER)",
     "Fewer people in our county die from an overdose"),
    ("Reduce nonfatal opioid overdose emergency department visits (ESSENCE)",
     "Fewer people end up in the ER after an overdose they survive"),
    ("Reduce the rate of neonatal abstinence syndrome (NAS) births",
     "Fewer babies are born dependent on opioids"),
    ("Increase MOUD treatment retention at 180 days",
     "More people stay in addiction treatment for at least six months"),
    ("Increase initiation of SUD treatment within 14 days of diagnosis (HEDIS IET)",
     "People with an addiction start treatment soon after they are diagnosed"),
    ("Reduce the share of people with SUD who needed but did not receive treatment (NSDUH)",
     "Everyone who needs addiction treatment gets it"),
    # --- Mental health and suicide ---
    ("Reduce suicide deaths per 100,000 (NVDRS)",
     "No one in our community dies by suicide"),
    ("Reduce the percent of students who attempted suicide in the past 12 months (YRBS)",
     "Fewer teens try to kill themselves"),
    ("Reduce the percent of high school students who seriously considered suicide (YRBS)",
     "Fewer teens think about ending their lives"),
    ("Increase awareness of the 988 Suicide and Crisis Lifeline",
     "Residents know the number to call or text in a mental health crisis"),
    ("Reduce frequent mental distress among adults (BRFSS, 14 or more poor mental health days)",
     "Fewer adults feel stressed, depressed or anxious for two weeks or more a month"),
    ("Reduce persistent feelings of sadness or hopelessness among high school students (YRBS)",
     "Fewer teens feel sad or hopeless almost every day"),
    # --- Maternal and child health ---
    ("Increase the percent of births with first-trimester prenatal care",
     "More moms see a doctor early in their pregnancy"),
    ("Reduce preterm births (less than 37 weeks gestation)",
     "Fewer babies are born too early"),
    ("Reduce low birth weight births (under 2,500 grams)",
     "Fewer babies are born too small"),
    ("Reduce the infant mortality rate",
     "More babies live to see their first birthday"),
    ("Increase breastfeeding initiation (PRAMS)",
     "More new moms start breastfeeding in the hospital"),
    ("Increase exclusive breastfeeding through 6 months",
     "More babies get only breast milk for their first six months"),
    ("Reduce severe maternal morbidity (SMM)",
     "Fewer mothers have life-threatening complications during childbirth"),
    ("Eliminate maternity care deserts in the region",
     "Every woman can give birth at a hospital close to home"),
    # --- Health access and oral health ---
    ("Reduce the percent of adults who could not see a doctor because of cost (BRFSS)",
     "Fewer residents skip medical care because they cannot afford it"),
    ("Reduce the uninsured rate (ACS)",
     "Everyone in our county has health coverage"),
    ("Increase the percent of adults with a usual source of care",
     "More residents have a regular doctor they can go to"),
    ("Reduce preventable hospitalizations (AHRQ Prevention Quality Indicators)",
     "Fewer people are hospitalized for conditions good primary care could have prevented"),
    ("Remove the county's primary care Health Professional Shortage Area designation",
     "Our county has enough family doctors"),
    ("Increase the percent of third graders with dental sealants on permanent molars",
     "More children get protective coatings painted on their back teeth"),
    ("Reduce untreated tooth decay among kindergartners (Basic Screening Survey)",
     "Fewer young kids have cavities that have not been fixed"),
    # --- Chronic disease ---
    ("Reduce adult obesity prevalence (BMI 30 or higher, BRFSS)",
     "Fewer adults are severely overweight"),
    ("Increase the percent of adults with hypertension whose blood pressure is controlled",
     "More people with high blood pressure keep it under control"),
    ("Increase the percent of adults meeting physical activity guidelines (150 minutes a week)",
     "More adults get enough exercise"),
    ("Reduce adult cigarette smoking prevalence (BRFSS)",
     "Fewer grown-ups smoke"),
    ("Reduce diabetes-related lower-extremity amputations",
     "Fewer people with diabetes lose a foot or leg"),
    # --- Public safety, reentry, violence ---
    ("Reduce the 3-year reincarceration rate",
     "Fewer people released from prison go back behind bars"),
    ("Reduce Part I violent crimes (NIBRS)",
     "Fewer people in our city are robbed, assaulted or murdered"),
    ("Reduce intimate partner homicides",
     "No one in our county will be killed by a partner"),
    ("Reduce domestic violence incidents reported to law enforcement",
     "Fewer women are abused by their husbands or boyfriends"),
    ("Reduce firearm deaths",
     "Fewer people are shot and killed in our city"),
    ("Reduce nonfatal shootings",
     "Fewer people are wounded by gunfire"),
    ("Reduce physical dating violence among high school students (YRBS)",
     "Fewer teens are hit or hurt by someone they are dating"),
    ("Reduce the percent of high school students in a physical fight (YRBS)",
     "Fewer teens get into fights"),
    # --- Child welfare and foster care (CFSR) ---
    ("Reduce re-entry into foster care within 12 months of exit (CFSR)",
     "Fewer children who go home from foster care come back into care"),
    ("Increase permanency in 12 months for children entering foster care (CFSR)",
     "More foster children find a forever family within a year"),
    ("Reduce entries into foster care",
     "Fewer children are removed from their homes"),
    ("Reduce recurrence of maltreatment within 12 months (CFSR)",
     "Fewer children are abused or neglected again after a first report"),
    ("Increase the share of foster care placements with kin",
     "More children who cannot live with their parents live with grandparents or other relatives"),
    # --- Tribal, immigrants, veterans, disability, environment ---
    ("Increase the naturalization rate among eligible LPRs",
     "More green card holders become US citizens"),
    ("Increase the number of fluent speakers of our Native language",
     "More young people in our tribe speak our language"),
    ("Reduce veteran suicides",
     "Fewer veterans take their own lives"),
    ("Increase the employment rate of people with disabilities (ACS)",
     "More people with disabilities have jobs"),
    ("Reduce elevated blood lead levels among children under 6",
     "Fewer young kids are poisoned by lead"),
    ("Reduce pediatric asthma emergency department visits",
     "Fewer kids end up in the ER because they cannot breathe"),
    ("Reduce the number of days with an AQI above 100",
     "More days when the air is safe to breathe"),
]

def not_yet_apart(one: str, other: str, reason: str):
    """A neighbour pair this round could not tell apart without harm: a strict xfail."""
    return pytest.param(one, other, marks=pytest.mark.xfail(strict=True, reason=reason))


NEIGHBOURS = [
    not_yet_apart("Reduce past-30-day alcohol use among youth",
                  "Increase perceived risk of harm from alcohol use among youth",
                  "only one text names a (measure): the score is halved once (0.33); naming 30-day "
                  "use as a measure too would split it from plain 'fewer teens drink'"),
    ("Reduce fatal opioid overdoses",
     "Reduce nonfatal opioid overdose emergency department visits"),
    ("Increase breastfeeding initiation",
     "Increase exclusive breastfeeding at 6 months"),
    ("Reduce entries into foster care",
     "Increase permanency within 12 months for children in foster care"),
    ("Increase permanency within 12 months for children in foster care",
     "Reduce re-entry into foster care within 12 months"),
    ("Reduce suicide deaths",
     "Reduce suicide attempts"),
    ("Reduce suicidal ideation among teens",
     "Reduce suicide attempts among teens"),
    ("Increase admissions to treatment for opioid use disorder",
     "Increase retention in opioid use disorder treatment at 180 days"),
    ("Reduce diabetes prevalence",
     "Reduce diabetes-related amputations and complications"),
    not_yet_apart("Reduce hypertension prevalence",
                  "Increase blood pressure control among adults with hypertension",
                  "the control text also names hypertension and the other names no measure of its "
                  "own: halved once (0.30)"),
    ("Reduce the uninsured rate",
     "Reduce the share of adults who skipped care because of cost"),
    ("Increase the percent of adults with a usual source of care",
     "Reduce preventable hospitalizations"),
    not_yet_apart("Increase dental sealants among third graders",
                  "Reduce untreated tooth decay among third graders",
                  "the grade both name weighs as much as a concept: 0.5 x CONFLICT_FACTOR = 0.30"),
    ("Reduce firearm deaths",
     "Reduce nonfatal firearm injuries"),
    ("Reduce youth vaping",
     "Reduce tobacco sales to minors (Synar violation rate)"),
    ("Reduce the percent of students who were in a physical fight",
     "Reduce the percent of students who carried a weapon to school"),
    ("Reduce recurrence of maltreatment",
     "Reduce maltreatment in foster care"),
    ("Increase first-trimester prenatal care",
     "Increase postpartum visits within 12 weeks of delivery"),
    ("Reduce the 3-year reincarceration rate",
     "Increase employment of people released from prison"),
    ("Reduce asthma prevalence among children",
     "Reduce asthma emergency department visits among children"),
    ("Reduce the rate of neonatal abstinence syndrome",
     "Reduce opioid overdose deaths"),
    ("Reduce preterm births",
     "Reduce low birth weight births"),
    ("Reduce infant mortality",
     "Reduce maternal mortality"),
    ("Reduce elevated blood lead levels among children under 6",
     "Increase blood lead testing of children at ages 1 and 2"),
    ("Increase placements with relatives and kin",
     "Recruit and license more foster homes"),
    ("Increase the naturalization rate among eligible LPRs",
     "Increase English proficiency of adult immigrants"),
    ("Reduce the 3-year reincarceration rate",
     "Reduce the jail average daily population"),
]


@pytest.fixture(scope="module")
def thesaurus():
    return build_thesaurus()


@pytest.mark.parametrize("indicator, plain", SAME)
def test_a_result_named_by_its_indicator_matches_its_plain_wording(thesaurus, indicator, plain):
    assert text_score(indicator, plain, thesaurus) >= TEXT_THRESHOLD


@pytest.mark.parametrize("one, other", NEIGHBOURS)
def test_neighbouring_indicators_of_one_field_are_kept_apart(thesaurus, one, other):
    assert text_score(one, other, thesaurus) < POSSIBLE_THRESHOLD


def test_the_default_thesaurus_reports_no_problems(thesaurus):
    assert thesaurus.problems == []
