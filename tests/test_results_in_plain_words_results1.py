"""Community results named two ways (issue 9, item 2; round 16, results1): one plan names a
result by its indicator, data source or acronym, another says it in plain words as
residents would, often with the other polarity. Fields: early childhood, K-12,
postsecondary, workforce and adult education, poverty and economic mobility, housing and
homelessness, food security, transportation, digital access, older adults and caregivers.

Written from how US coalition plans, United Way and Continuum of Care reports, WIOA and
HUD performance measures word these results, before the thesaurus lines that make them
pass. Neighbours are indicators of one field that plans measure apart: two goals naming
different ones must not be suggested as one.
"""
from __future__ import annotations

from .vocabulary_pairs import not_yet, pair_tests

SAME_RESULT = [
    # --- Early childhood and school readiness ---
    ("Increase the percentage of children scoring ready on the Kindergarten Readiness "
     "Assessment (KRA)",
     "More kids start kindergarten knowing their letters and numbers and able to get along "
     "with other children"),
    ("Increase the share of 3- and 4-year-olds enrolled in high-quality pre-K",
     "More preschoolers in our county go to a good preschool program"),
    ("Increase the percentage of children screened with the ASQ-3 by 36 months",
     "More toddlers get checked early for delays in talking, walking and playing"),
    ("Reduce the number of infants and toddlers per licensed child care slot (child care "
     "deserts)",
     "Parents of babies can find an open child care spot close to home"),
    ("Families spend no more than 7% of household income on child care (HHS affordability "
     "benchmark)",
     "Child care that working parents can afford"),
    # --- K-12 ---
    ("Reduce the chronic absenteeism rate (students missing 10% or more of instructional "
     "days)",
     "More students show up to school nearly every day"),
    ("Increase 3rd grade ELA proficiency on the state assessment",
     "More third graders read on grade level"),
    ("Increase the percentage of 8th graders proficient in math on the state test",
     "More eighth graders can do math at grade level"),
    ("Increase the 9th grade on-track rate",
     "More freshmen pass all their classes and earn enough credits to move on to 10th grade"),
    ("Raise the four-year adjusted cohort graduation rate (ACGR) to 90%",
     "Nine in ten young people finish high school with their class"),
    ("Reduce the annual high school dropout rate",
     "Fewer teenagers quit school before they get their diploma"),
    ("Reduce out-of-school suspensions and expulsions",
     "Fewer students are sent home from school for misbehaving"),
    # --- Postsecondary, workforce, adult education ---
    ("Increase FAFSA completion among high school seniors",
     "More seniors fill out the federal financial aid form for college"),
    ("Increase the college-going rate of high school graduates",
     "More graduates go on to a two- or four-year college the fall after high school"),
    ("Increase the three-year completion rate of first-time community college students "
     "(IPEDS)",
     "More community college students finish their degree"),
    ("60% of adults aged 25-64 will hold a degree or high-quality credential by 2030",
     "More working-age adults have a college degree or a certificate"),
    ("Reduce the share of entering students placed in developmental education",
     "Fewer college freshmen have to take catch-up classes that do not count for credit"),
    ("Increase the Measurable Skill Gain (MSG) rate of adult education participants",
     "Adult learners move up at least one level in reading or math"),
    ("Increase the percentage of ESL students completing an educational functioning level",
     "Immigrants in English classes move up a level"),
    ("Increase enrollment in adult basic education and HSE preparation classes",
     "More adults without a diploma sign up for GED classes"),
    ("Increase the employment rate in the second quarter after exit for WIOA Adult "
     "participants",
     "More people who finish job training are working six months later"),
    ("Increase median earnings in the second quarter after exit",
     "Training graduates take home bigger paychecks"),
    ("Increase the credential attainment rate of WIOA participants",
     "More job seekers earn a certificate or license employers recognize"),
    ("Reduce the number of opportunity youth (16-24, not in school and not working)",
     "Fewer young adults are out of school and out of work"),
    # --- Poverty and economic mobility ---
    ("Reduce the share of households below the ALICE Threshold",
     "Fewer working families struggle to afford rent, child care and food"),
    ("Increase the share of jobs in the region paying a living wage (MIT Living Wage "
     "Calculator)",
     "More workers earn enough to support their families without help"),
    ("Increase EITC uptake among eligible filers",
     "More working families claim the tax credits they have earned"),
    ("Reduce the percentage of households that are liquid asset poor",
     "More families have enough savings to get through three months without a paycheck"),
    ("Reduce the unbanked rate (FDIC Survey of Household Use of Banking)",
     "More residents have a checking or savings account at a bank or credit union"),
    ("Reduce child poverty as measured by the Supplemental Poverty Measure",
     "Fewer kids grow up in families without enough money"),
    ("Increase SNAP participation among eligible households",
     "More families who qualify for food stamps get them"),
    # --- Housing and homelessness ---
    ("Reduce the share of cost-burdened renter households (paying more than 30% of income "
     "on housing, CHAS)",
     "Fewer families pay so much in rent that they have little left for food and medicine"),
    ("Reduce eviction filings per 100 renter households",
     "Fewer renters lose their homes because they fall behind on rent"),
    ("Reduce the number of people experiencing homelessness in the annual Point-in-Time count",
     "Fewer people sleep outside or in shelters in our county"),
    ("SPM 2: reduce returns to homelessness within 24 months of exit to permanent housing",
     "People who get housed do not become homeless again"),
    ("SPM 1: reduce the average length of time persons remain homeless",
     "People spend fewer days in shelter before they move into a home"),
    ("SPM 7: increase exits to permanent housing destinations",
     "More people leave shelter for a home of their own"),
    ("Close the gap in homeownership rates between Black and white households",
     "More Black families own the home they live in"),
    ("Add 1,500 rental units affordable to households at or below 60% of Area Median Income",
     "Build more homes that working families can afford to rent"),
    ("Reduce the number of older adults on the waiting list for home-delivered meals",
     "Homebound seniors get a hot meal brought to their door"),
    ("Increase the share of infants and toddlers with an IFSP served in natural environments",
     "Babies with developmental delays get therapy at home"),
    ("Increase registered apprenticeship completions",
     "More workers finish a paid on-the-job training program in a trade"),
    # --- Food security ---
    ("Reduce the household food insecurity rate (USDA Food Security Supplement)",
     "Fewer parents cut the size of their kids' meals because there is not enough money "
     "for food"),
    ("Increase average daily participation in school breakfast",
     "More students eat breakfast at school every morning"),
    ("Increase the number of Summer Food Service Program sites",
     "Kids get free lunch when school is out for the summer"),
    ("Reduce the number of residents living in low-income, low-access census tracts (USDA "
     "Food Access Research Atlas)",
     "More neighborhoods have a grocery store within walking distance"),
    # --- Transportation ---
    ("Reduce missed medical appointments due to lack of transportation",
     "No one misses a doctor's visit because they do not have a ride"),
    ("Increase the share of commuters who walk, bike or take transit (ACS mode share)",
     "More people get to work without driving alone"),
    ("Increase the number of jobs reachable within 45 minutes by transit",
     "Residents can get to work by bus in under an hour"),
    # --- Digital access ---
    ("Increase the share of households with a broadband internet subscription (ACS)",
     "More families pay for internet service at home"),
    ("Extend broadband service to all unserved and underserved locations (BEAD)",
     "High-speed internet lines reach every home in the county, including rural roads"),
    ("Increase the percentage of adults with basic digital literacy skills (Northstar)",
     "More seniors know how to use a computer, email and the internet"),
    # --- Older adults and caregivers ---
    ("Reduce nursing home admissions among Medicaid-eligible older adults",
     "Older adults stay in their own homes as long as they can"),
    ("Reduce emergency department visits for falls among adults 65 and older",
     "Fewer seniors get hurt falling at home"),
    ("Reduce the percentage of adults 65+ reporting loneliness (UCLA Loneliness Scale)",
     "Fewer older people feel alone and cut off from friends"),
    ("Reduce caregiver strain among family caregivers (BRFSS Caregiver Module)",
     "Family members who care for an aging parent feel less worn out"),
]

# Neighbours told apart only by a change to the weighing of grades stay strict xfails with the
# reason (round 17 moved the lines that kept broadband availability and subscription, two WIOA
# measures and the PIT count and returns to homelessness in one concept).
GRADE_WEIGHS_AS_SUBJECT = (
    "the grade both name is a what-term weighing as much as the subject (0.5 x 0.6 = 0.30): "
    "a change to how grades weigh, not vocabulary")


NEIGHBOURS = [
    # measured apart: availability (infrastructure) vs adoption (subscription) vs devices, skills
    ("Extend broadband service to all unserved locations",
     "Increase the share of households with a broadband subscription"),
    ("Increase the share of households with a broadband subscription",
     "Increase the share of households with a computer or laptop"),
    ("Increase broadband subscription among older adults",
     "Increase digital literacy skills among older adults"),
    # enrolment vs completion vs skill gains
    ("Increase college enrollment the fall after high school graduation",
     "Increase the six-year college graduation rate"),
    ("Increase enrollment in adult basic education classes",
     "Increase the number of adults earning a high school equivalency credential"),
    ("Increase the Measurable Skill Gain rate of adult education participants",
     "Increase enrollment in adult basic education"),
    ("Increase FAFSA completion among high school seniors",
     "Increase college enrollment among high school graduates"),
    # employment rate vs earnings vs credentials (WIOA measures)
    ("Increase the employment rate in the second quarter after exit",
     "Increase median earnings in the second quarter after exit"),
    ("Increase the credential attainment rate of WIOA participants",
     "Increase the employment rate of WIOA participants"),
    ("Increase labor force participation among prime-age adults",
     "Reduce the unemployment rate"),
    # poverty: the measure vs what moves it
    ("Reduce the share of households below the ALICE Threshold",
     "Increase EITC uptake among eligible filers"),
    ("Reduce child poverty", "Reduce child food insecurity"),
    # HUD System Performance Measures; housing
    ("Reduce the average length of time persons remain homeless",
     "Reduce the percentage of people who return to homelessness within two years"),
    ("Reduce the number of people counted in the Point-in-Time count",
     "Reduce returns to homelessness within 24 months"),
    ("Reduce the share of renters paying more than 30% of income on rent",
     "Reduce eviction filings"),
    ("Increase homeownership among Black households",
     "Reduce housing cost burden among Black renters"),
    # food
    ("Reduce food insecurity", "Increase SNAP participation among eligible households"),
    ("Increase SNAP participation among eligible households",
     "Increase WIC participation among eligible women and children"),
    ("Increase school breakfast participation", "Increase the number of summer meal sites"),
    # transportation
    ("Increase the share of commuters who walk, bike or take transit", "Increase transit ridership"),
    # early childhood and K-12
    ("Increase pre-K enrollment", "Increase kindergarten readiness on the KRA"),
    not_yet("Increase 3rd grade reading proficiency", "Increase 3rd grade math proficiency",
                 GRADE_WEIGHS_AS_SUBJECT),
    ("Increase the freshman on-track rate", "Increase the four-year graduation rate"),
    # older adults
    ("Reduce loneliness among older adults",
     "Reduce caregiver strain among family caregivers of older adults"),
    ("Reduce nursing home admissions", "Reduce falls among older adults"),
    ("Reduce nursing home admissions", "Reduce caregiver strain"),
]


# an indicator and its plain wording are suggested; neighbouring indicators are not
test_suggested, test_told_apart, test_one_concept_per_phrase = pair_tests(SAME_RESULT, NEIGHBOURS)


def test_at_least_40_results_and_15_neighbours_told_apart():
    passing = [n for n in NEIGHBOURS if not hasattr(n, "marks")]
    assert len(SAME_RESULT) >= 40 and len(passing) >= 15
