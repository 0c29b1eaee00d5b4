"""Practices of food security, housing, economic mobility, safety and reentry, violence
prevention, child welfare, aging, disability, veterans, transportation, broadband and
immigrant and tribal communities, described the way a coalition's action plan words them
without naming the programme (issue 9, item 2).

Each practice has three descriptions: a short one, a long one saying who and where, and
one in everyday words. The near misses are another practice in the same setting or for
the same people: they must not be read as the concept.
"""
from __future__ import annotations

import pytest

from workbook.tasks.alignment import build_thesaurus
from workbook.tasks.alignment.wording import CONCEPT_MARK


@pytest.fixture(scope="module")
def thesaurus():
    return build_thesaurus()


DESCRIPTIONS = [
    # --- Food security ---
    # produce prescriptions
    ("Doctors prescribe fruits and vegetables to patients with diabetes", "produce incentives"),
    ("Clinics in the county's federally qualified health centers give patients with high blood "
     "pressure vouchers for fresh produce they redeem at partner grocery stores", "produce incentives"),
    ("Your doctor can write you a script for free veggies", "produce incentives"),
    # SNAP match at farmers markets
    ("Match food stamp dollars spent on fruits and vegetables", "produce incentives"),
    ("At every farmers market in the county, double what shoppers on EBT spend on fresh fruits "
     "and vegetables, up to $20 a visit", "produce incentives"),
    ("Spend $10 of your EBT at the market and get $10 more for produce", "produce incentives"),
    # mobile markets
    ("Bring a produce truck to neighborhoods without a grocery store", "healthy food access"),
    ("Run a refrigerated bus that sells fresh fruit, vegetables, dairy and meat at low prices "
     "at public housing sites and rural crossroads on a weekly route", "healthy food access"),
    ("A grocery store on wheels that stops near your home every week", "healthy food access"),
    # food recovery
    ("Rescue surplus food from restaurants and grocers for pantries", "food recovery"),
    ("Partner with caterers, hospital cafeterias and supermarkets to collect unsold prepared "
     "food each night and deliver it to shelters and meal programs before it spoils",
     "food recovery"),
    ("Get good food that stores would throw out to people who need it", "food recovery"),
    # weekend food backpacks
    ("Send students home with food for the weekend", "food assistance"),
    ("Each Friday, school counselors slip a bag of kid-friendly, shelf-stable meals into the "
     "backpacks of children who rely on school meals so they do not go hungry over the weekend",
     "food assistance"),
    ("Kids take a bag of groceries home on Fridays", "food assistance"),
    # summer meals
    ("Serve free lunches to children when school is out in June, July and August",
     "summer meals"),
    ("Open free lunch sites at parks, libraries and pools across the county for every child "
     "18 and under during the summer break", "summer meals"),
    ("Feed kids over the summer when there is no school lunch", "summer meals"),
    # congregate meals
    ("Serve hot noon meals to older adults at senior centers", "congregate meals"),
    ("Offer a nutritious midday meal five days a week at senior centers and churches where "
     "people 60 and older eat together and socialize", "congregate meals"),
    ("Seniors come to the center to share a hot lunch with friends", "congregate meals"),
    # home-delivered meals
    ("Deliver meals to homebound seniors", "home-delivered meals"),
    ("Volunteers drive a hot meal each weekday to older adults and people with disabilities "
     "who cannot shop or cook for themselves, checking on them at the door",
     "home-delivered meals"),
    ("Bring a hot dinner to the door of elders who can't get out", "home-delivered meals"),
    # --- Housing and homelessness ---
    # Housing First / permanent supportive housing
    ("Permanent apartments with case management for chronically homeless people, with no "
     "requirement to be sober first", "supportive housing"),
    ("House people who have been homeless for years and have a disabling condition in their "
     "own lease-based units, paired with on-site services for as long as they need them",
     "supportive housing"),
    ("Give people who have lived on the street for years a home of their own with a case "
     "manager, no strings attached", "supportive housing"),
    # rapid rehousing
    ("Move families from shelter to their own apartment quickly with short-term rent help",
     "rapid rehousing"),
    ("Help households who become homeless find an apartment within 30 days, pay the deposit "
     "and up to six months of rent, and offer case management until they are stable",
     "rapid rehousing"),
    ("Get families out of the shelter and into a place of their own fast", "rapid rehousing"),
    # coordinated entry
    ("Use one assessment and one prioritized list for all homeless housing", "coordinated entry"),
    ("Every shelter and outreach team uses the same intake and vulnerability assessment, and "
     "openings in housing programs are filled from one community-wide list, most vulnerable "
     "first", "coordinated entry"),
    ("One front door and one waiting list for everyone who needs a place to live",
     "coordinated entry"),
    # right to counsel in eviction
    ("Guarantee a lawyer for every tenant facing eviction", "evictions"),
    ("Fund legal aid attorneys to represent low-income renters at their first eviction "
     "hearing in housing court", "evictions"),
    ("Free legal help for renters being taken to court by their landlord", "evictions"),
    # eviction diversion
    ("Mediate between landlords and tenants before eviction cases go to a judge", "evictions"),
    ("At the first court date, offer tenants and landlords mediation and pay back rent so "
     "the case is dismissed and the family keeps its home", "evictions"),
    ("Help renters and landlords work out a payment plan so nobody gets kicked out",
     "evictions"),
    # shelter diversion
    ("Help people about to enter a shelter find somewhere safe to stay instead",
     "shelter diversion"),
    ("When a family calls for a shelter bed, a staff member talks through whether they can "
     "stay with friends or relatives and offers a one-time payment for groceries, gas or rent",
     "shelter diversion"),
    ("Keep people out of the shelter by helping them stay with family", "shelter diversion"),
    # landlord engagement
    ("Recruit landlords to rent to people with housing vouchers", "landlord engagement"),
    ("Offer property owners signing bonuses, a damage fund and a 24-hour hotline so they lease "
     "units to tenants leaving homelessness", "landlord engagement"),
    ("Get more property owners to say yes to renters coming out of homelessness",
     "landlord engagement"),
    # medical respite
    ("Give homeless patients leaving the hospital a place to recover", "medical respite"),
    ("Open beds where people experiencing homelessness who are discharged from the hospital "
     "can heal from surgery or illness with nursing care", "medical respite"),
    ("A safe bed to get better after a hospital stay when you have no home", "medical respite"),
    # --- Poverty and economic mobility ---
    # VITA / EITC
    ("Prepare tax returns free for working families", "tax credits"),
    ("Trained volunteers at libraries and community centers file returns at no cost for "
     "households earning under $60,000 so they claim every refund they are owed",
     "tax credits"),
    ("Help people do their taxes for free and get their full refund", "tax credits"),
    # financial coaching
    ("One-on-one coaching to build budgets, pay down debt and raise credit scores",
     "financial capability"),
    ("Pair residents of subsidized housing with a certified coach who meets them monthly to "
     "set money goals, build savings and repair their credit", "financial capability"),
    ("Someone to sit down with you and help you get your money in order",
     "financial capability"),
    # benefits access
    ("Screen families for every benefit they qualify for and help them apply",
     "public benefits"),
    ("Navigators at food pantries and clinics check eligibility for food, health coverage, "
     "heating help and tax credits in one visit and submit the applications",
     "public benefits"),
    ("Help people sign up for the help they are eligible for but are missing",
     "public benefits"),
    # guaranteed income
    ("Give families a monthly cash payment with no conditions", "guaranteed income"),
    ("Pay 150 single parents $500 a month for two years, unconditionally, and study what "
     "changes in their work, health and children's schooling", "guaranteed income"),
    ("Send people cash every month that they can spend however they need", "guaranteed income"),
    # benefits cliff
    ("Show workers how a raise would change their benefits", "benefits cliff"),
    ("Give case managers a calculator that shows parents how a raise or new job would change "
     "their child care subsidy, food benefits and Medicaid before they accept it",
     "benefits cliff"),
    ("So a raise doesn't leave a family worse off when their assistance stops",
     "benefits cliff"),
    # digital discounts (affordable internet plans)
    ("Enroll low-income households in discounted internet service", "broadband"),
    ("Staff at libraries and housing authorities sign families up for the federal monthly "
     "discount on home internet bills and low-cost plans from providers", "broadband"),
    ("Help families pay less for home internet", "broadband"),
    # --- Public safety and reentry ---
    # transitional jobs
    ("Paid temporary work crews for people just released from prison", "subsidized employment"),
    ("Hire people coming home from incarceration onto paid work crews for up to six months, "
     "with a job coach, then place them in permanent jobs with local employers",
     "subsidized employment"),
    ("A paycheck right away for people leaving jail while they look for a steady job",
     "subsidized employment"),
    # drug / specialty courts
    ("Treatment under a judge's supervision instead of jail for people charged with drug "
     "offenses", "courts"),
    ("A dedicated docket where a judge, prosecutor, defender and treatment provider meet "
     "weekly to review each participant's progress, with sanctions and incentives",
     "courts"),
    ("People with an addiction get treatment and check in with the judge instead of going to "
     "jail", "courts"),
    # pre-arrest diversion
    ("Officers refer people to case managers instead of arresting them for low-level "
     "offenses", "diversion"),
    ("Police and prosecutors send people picked up for minor drug and quality-of-life "
     "offenses to services rather than booking them, and charges are dropped when they "
     "engage", "diversion"),
    ("Steer people away from jail and the courts toward help", "diversion"),
    # CPTED
    ("Improve lighting and sight lines in parks and alleys", "CPTED"),
    ("Redesign problem corners with better street lights, trimmed shrubs, clear sight lines "
     "and fencing so residents can see what happens in public spaces", "CPTED"),
    ("Fix the lights and cut back the bushes so the block feels safer", "CPTED"),
    # reentry planning
    ("Start planning for housing, ID and work months before people leave prison", "reentry"),
    ("Case managers meet people in the county jail before their release date to line up "
     "housing, health coverage, identification and a first appointment in the community",
     "reentry"),
    ("Help people coming home from prison get on their feet", "reentry"),
    # record clearing
    ("Help people seal or clear old criminal records", "expungement"),
    ("Hold free clinics where volunteer lawyers help residents petition to seal eligible "
     "arrests and convictions from their criminal records", "expungement"),
    ("Get old convictions off people's records so they can get a job", "expungement"),
    # court reminders / pretrial release
    ("Text reminders of court dates so people are not jailed for missing court",
     "pretrial release"),
    ("Release people awaiting trial without cash bail and send them text and phone reminders "
     "of each court date", "pretrial release"),
    ("Don't keep people locked up before trial just because they can't pay", "pretrial release"),
    # co-responder teams
    ("Send a mental health clinician with police on calls about people in crisis",
     "crisis response"),
    ("Pair a licensed counselor with officers responding to 911 calls involving someone in a "
     "mental health or substance use emergency", "crisis response"),
    ("A counselor, not just a cop, shows up when someone is having a breakdown",
     "crisis response"),
    # --- Violence prevention ---
    # hospital-based violence intervention
    ("Meet young people at the hospital bedside after they are shot to prevent retaliation",
     "gun violence"),
    ("Trained intervention specialists at the trauma center work with gunshot and stabbing "
     "patients and their families from the emergency room through recovery so they are not "
     "hurt again", "gun violence"),
    ("Reach out to people in the hospital after they've been shot so it doesn't happen again",
     "gun violence"),
    # Cure Violence style interruption
    ("Trusted street outreach workers mediate disputes before they turn into shootings",
     "gun violence"),
    ("Hire people from the neighborhood, some of them formerly incarcerated, to defuse "
     "conflicts, stop retaliation after a shooting and change norms on the blocks with the "
     "most gunfire", "gun violence"),
    ("Respected people from the block stop beefs before anyone picks up a gun",
     "gun violence"),
    # group violence intervention / focused deterrence
    ("Police, prosecutors and community members tell group members the shooting must stop "
     "and offer help", "gun violence"),
    ("Bring members of the groups behind most shootings to call-ins where law enforcement, "
     "mothers of victims and service providers deliver a message of help and consequences",
     "gun violence"),
    ("Sit down with the crews driving the shootings, offer them a way out, and warn them what "
     "happens if it continues", "gun violence"),
    # safe storage
    ("Give out free gun locks and lockboxes", "safe firearm storage"),
    ("Partner with gun shops, ranges and pediatricians to hand out cable locks and teach gun "
     "owners to keep firearms locked and unloaded away from children", "safe firearm storage"),
    ("Keep guns locked up so kids can't get to them", "safe firearm storage"),
    # --- Child welfare ---
    # kinship navigator
    ("Help grandparents and other relatives raising children access benefits, legal help and "
     "support groups", "kinship care"),
    ("Navigators at the family resource center guide aunts, uncles and grandparents who took "
     "in a relative's children to guardianship, child-only benefits and support groups",
     "kinship care"),
    ("Help grandmas raising their grandkids find the help they need", "kinship care"),
    # family treatment court
    ("A judge and treatment team oversee parents in recovery so children can return home "
     "sooner", "courts"),
    ("Parents whose children were removed because of substance use appear before a judge "
     "every two weeks while in treatment, with a team working toward reunification",
     "courts"),
    ("Parents fighting addiction get treatment and court check-ins to bring their kids home",
     "courts"),
    # CASA
    ("Trained volunteers speak up in court for children in foster care", "CASA"),
    ("Recruit and train community volunteers appointed by the judge to get to know a child "
     "in foster care and recommend what is best for them at every hearing", "CASA"),
    ("A volunteer who stands up for a foster kid in front of the judge", "CASA"),
    # foster parent recruitment
    ("Recruit and license more foster families", "foster homes"),
    ("Work with churches and schools to recruit, train and support resource families for "
     "teens and sibling groups who need a place to live", "foster homes"),
    ("Find more families willing to open their homes to kids in care", "foster homes"),
    # in-home family preservation
    ("Intensive in-home services to keep children safely with their parents",
     "family preservation"),
    ("Caseworkers visit families at risk of having a child removed several times a week to "
     "help with parenting, housing and treatment so the children can stay home",
     "family preservation"),
    ("Help families stay together instead of kids being taken away", "family preservation"),
    # --- Older adults and caregivers ---
    # evidence-based falls programmes
    ("Balance and strength classes for older adults", "fall prevention"),
    ("Offer eight-week tai chi and strength-and-balance classes at senior centers and "
     "churches for adults 65 and over who worry about falling", "fall prevention"),
    ("Help seniors stay steady on their feet", "fall prevention"),
    # respite
    ("Give family caregivers a break", "caregiver support"),
    ("Provide in-home and adult day respite so spouses and adult children caring for a loved "
     "one with dementia get a few hours off each week", "caregiver support"),
    ("Someone to step in so the person caring for mom can rest", "caregiver support"),
    # friendly visiting / telephone reassurance
    ("Volunteers call or visit isolated seniors every week", "social isolation"),
    ("Match homebound older adults with a volunteer who phones daily or visits weekly for "
     "companionship and to check that they are well", "social isolation"),
    ("A friendly voice on the phone for older neighbors who live alone", "social isolation"),
    # chronic disease self-management
    ("Six-week workshops where people with chronic conditions learn to manage them",
     "chronic disease self-management"),
    ("Trained peer leaders run six weekly sessions at senior centers where adults living with "
     "arthritis, diabetes or heart disease set action plans and manage symptoms",
     "chronic disease self-management"),
    ("Classes to help people live well with a long-term health condition",
     "chronic disease self-management"),
    # --- Disability ---
    # supported employment
    ("Job coaches help people with disabilities find and keep jobs at regular wages",
     "supported employment"),
    ("Employment specialists place adults with intellectual and developmental disabilities "
     "in competitive, integrated jobs with local employers and coach them on site",
     "supported employment"),
    ("Real jobs at real pay for people with disabilities, with a coach", "supported employment"),
    # assistive technology
    ("Lend wheelchairs, hearing aids and communication devices", "assistive technology"),
    ("Run a lending library where people with disabilities borrow and try adaptive equipment, "
     "from speech devices to switches, before buying", "assistive technology"),
    ("Gadgets and gear that help people with disabilities do everyday things",
     "assistive technology"),
    # --- Veterans ---
    # benefits claims
    ("Help veterans file disability compensation claims", "veterans benefits"),
    ("Accredited county service officers help veterans and surviving spouses apply for VA "
     "compensation, pension and health care", "veterans benefits"),
    ("Make sure vets get the benefits they earned", "veterans benefits"),
    # veteran peer mentoring
    ("Pair veterans with fellow veterans who served", "veteran peer support"),
    ("Train volunteer veteran mentors to walk alongside each veteran returning home, in "
     "treatment court or leaving the military", "veteran peer support"),
    ("Vets helping vets", "veteran peer support"),
    # veterans treatment court
    ("Veterans charged with crimes get treatment and a mentor under a judge's supervision",
     "courts"),
    ("A docket for justice-involved veterans where the judge, VA staff and veteran mentors "
     "oversee treatment instead of jail", "courts"),
    ("Vets in trouble with the law get help and check in with the judge instead of going to "
     "jail", "courts"),
    # --- Transportation ---
    # Complete Streets
    ("Require that all road projects accommodate people walking, biking, using transit and "
     "driving", "complete streets"),
    ("Adopt a policy that every road repaving and reconstruction project in the county adds "
     "sidewalks, bike lanes and safe crossings for people of all ages and abilities",
     "complete streets"),
    ("Build roads that are safe for walkers and cyclists, not just cars", "complete streets"),
    # microtransit
    ("On-demand shared rides booked by app or phone", "transportation"),
    ("Launch shared vans that riders book by phone or app for door-to-door trips within the "
     "zone, in rural areas and neighborhoods buses don't reach", "transportation"),
    ("Call for a ride and a van picks you up", "transportation"),
    # volunteer drivers
    ("Volunteers drive seniors to medical appointments", "transportation"),
    ("Recruit volunteers who use their own cars to take older adults and people without a "
     "car to doctor visits and the grocery store, reimbursed for mileage", "transportation"),
    ("Neighbors give older folks rides to the doctor", "transportation"),
    # --- Broadband ---
    # infrastructure build-out (BEAD)
    ("Extend high-speed internet lines to rural homes that have none", "broadband"),
    ("Use federal infrastructure funds to run fiber to every unserved and underserved address "
     "in the county", "broadband"),
    ("Get fast internet out to the farms and back roads", "broadband"),
    # digital navigators
    ("Trained helpers show residents how to get online and use devices", "digital skills"),
    ("Staff at libraries and community centers help residents one-on-one to find affordable "
     "internet, get a device and learn basic computer skills", "digital skills"),
    ("Someone to help you learn your phone and computer", "digital skills"),
    # device distribution
    ("Give refurbished laptops to families without a computer", "device access"),
    ("Distribute refurbished computers and tablets to low-income households and students who "
     "have no device at home", "device access"),
    ("Get a computer into every home", "device access"),
    # --- Immigrant communities ---
    # citizenship help
    ("Help permanent residents apply for citizenship", "naturalization"),
    ("Offer free civics classes and workshops where volunteers help green card holders "
     "complete the N-400 and request fee waivers", "naturalization"),
    ("Help immigrants become U.S. citizens", "naturalization"),
    # immigration legal help
    ("Free immigration lawyers for families facing deportation", "immigration legal services"),
    ("Fund accredited representatives and attorneys at community organizations to help "
     "immigrants renew work permits, apply for status and defend against removal",
     "immigration legal services"),
    ("Legal help with papers for immigrant families", "immigration legal services"),
    # --- Tribal communities ---
    # GONA
    ("Host a gathering where tribal youth, families and elders build belonging", "cultural teachings"),
    ("Hold a four-day community gathering where Native youth, families and elders share "
     "belonging, mastery, interdependence and generosity to heal and plan prevention",
     "cultural teachings"),
    ("Bring the community together with elders to heal and plan for the young people",
     "cultural teachings"),
    # culture as prevention
    ("Teach youth their tribal language, songs and traditions as prevention",
     "cultural teachings"),
    ("Elders teach Native youth drumming, beadwork, language and seasonal harvests so "
     "cultural identity protects them against substance use and suicide", "cultural teachings"),
    ("Young people learn the old ways from their elders", "cultural teachings"),
]

NEAR_MISSES = [
    # food: a pantry is not a produce prescription; a food drive is not food recovery
    ("Open a food pantry at the health clinic", "produce incentives"),
    ("Hold a canned food drive at schools each November", "food recovery"),
    # housing: a shelter is not supportive housing; a rent limit is not eviction defence
    ("Add 50 emergency shelter beds for the winter", "supportive housing"),
    ("Build more affordable apartments for seniors", "rapid rehousing"),
    # economic mobility: a savings account for children is not financial coaching
    ("Open a college savings account with a $50 deposit for every kindergartner",
     "financial capability"),
    ("Raise the minimum wage to $15 an hour", "guaranteed income"),
    # safety and reentry: hiring officers is not diversion; a camera is not design
    ("Hire more police officers to patrol downtown", "diversion"),
    ("Job training for people on probation", "subsidized employment"),
    # violence: a domestic violence shelter is not community violence intervention
    ("Open a shelter for survivors of domestic violence and their children", "gun violence"),
    ("After-school basketball for teens on Friday nights", "gun violence"),
    # child welfare: a parenting class is not kinship navigation
    ("Parenting classes for young fathers", "kinship care"),
    ("Investigate reports of child abuse within 24 hours", "family preservation"),
    # aging and caregivers: a flu clinic is not a falls programme
    ("Flu shots for seniors at the senior center", "fall prevention"),
    ("Home health aides help older adults bathe and dress", "caregiver support"),
    # disability and veterans
    ("Make polling places accessible to voters in wheelchairs", "supported employment"),
    ("Build a veterans memorial in the town square", "veteran peer support"),
    # transportation: a bus pass is not complete streets
    ("Give free bus passes to job seekers", "complete streets"),
    ("Lower the speed limit near schools to 20 miles per hour", "transportation"),
    # broadband: a coding camp is not a digital navigator
    ("Teach high school students to code in a summer camp", "digital skills"),
    # immigrant and tribal communities
    ("English classes for adult immigrants at the library", "naturalization"),
    ("Build a new tribal health clinic", "cultural teachings"),
    # everyday words a widened gloss shares with other settings
    ("Open a shelter for youth in their own building", "rapid rehousing"),
    ("Churches open their doors for a community meal", "foster homes"),
    ("Churches open their doors for a community meal", "home-delivered meals"),
    ("Volunteers deliver books to the door every weekday", "home-delivered meals"),
    ("Heal together after a community tragedy", "cultural teachings"),
    ("Call families by phone daily when a child is absent", "social isolation"),
    ("Real-world job skills for regular students", "supported employment"),
    ("Students book a trip using the app", "transportation"),
    ("Send books home in a bag every Friday", "food assistance"),
    ("Patients leaving the hospital get follow-up calls", "medical respite"),
    ("Stay in touch with families by phone", "family preservation"),
    ("Long-term care facilities", "chronic disease self-management"),
    ("Spend more on teacher pay however the budget allows", "guaranteed income"),
    ("Everyday gear for new parents", "assistive technology"),
    ("Connect people to 12-step programs", "fall prevention"),
    ("Put the case to trial before a jury", "pretrial release"),
    ("Next steps for the coalition", "fall prevention"),
    ("Keep a steady job", "fall prevention"),
]


# Descriptions the thesaurus does not read yet, and why: each says too few words of the
# practice once the concepts it names have taken theirs. Strict: a change that reads one
# must move it out of this list.
NOT_YET_READ = {
    "Feed kids over the summer when there is no school lunch":
        "'over the summer' names summer learning and 'school lunch' school meals",
    "Get families out of the shelter and into a place of their own fast":
        "'shelter' and 'fast'; 'own' would also read 'a shelter in its own building' as "
        "rapid re-housing",
    "Find more families willing to open their homes to kids in care":
        "'kids in care' names child care; 'open' would also read 'churches open their "
        "doors' as foster homes",
    "Job coaches help people with disabilities find and keep jobs at regular wages":
        "'job coaches' names career navigation; 'regular' would also read 'regular "
        "students' as supported employment",
    "Help families stay together instead of kids being taken away":
        "'together' and who; 'stay' would also read 'stay in touch with families' as "
        "family preservation",
    "Classes to help people live well with a long-term health condition":
        "'condition' only; 'long-term' would also read 'long-term care facilities' as "
        "chronic disease self-management",
    "Someone to sit down with you and help you get your money in order":
        "only 'money' is a word of financial coaching",
    "A paycheck right away for people leaving jail while they look for a steady job":
        "'paycheck' names wages and 'job' employment; nothing says temporary or subsidised",
    "Someone to step in so the person caring for mom can rest":
        "two words of respite ('caring', 'rest') in a text of six",
    "Someone to help you learn your phone and computer":
        "'phone' and 'computer' are words of several glosses",
    "Bring the community together with elders to heal and plan for the young people":
        "'heal' and words saying who; 'together' would also read 'heal together after a "
        "tragedy' as culture as prevention",
    "Young people learn the old ways from their elders":
        "only words saying who ('young people', 'elders') are words of culture as prevention",
}
# The share of the descriptions read as their practice (the target of issue 9, item 2).
MIN_SHARE_READ = 0.85


def _read(thesaurus, description: str, concept: str) -> bool:
    return CONCEPT_MARK + concept in thesaurus.terms(description).weights


@pytest.mark.parametrize("description, concept", [
    pytest.param(d, c, marks=pytest.mark.xfail(strict=True, reason=NOT_YET_READ[d]))
    if d in NOT_YET_READ else (d, c) for d, c in DESCRIPTIONS])
def test_a_plain_description_is_read_as_the_practice(thesaurus, description, concept):
    assert _read(thesaurus, description, concept)


def test_at_least_85_percent_of_the_descriptions_are_read(thesaurus):
    read = sum(_read(thesaurus, d, c) for d, c in DESCRIPTIONS)
    assert read / len(DESCRIPTIONS) >= MIN_SHARE_READ


@pytest.mark.parametrize("description, concept", NEAR_MISSES)
def test_a_near_miss_is_not_read_as_the_practice(thesaurus, description, concept):
    assert not _read(thesaurus, description, concept)


def test_at_least_40_practices_have_three_descriptions():
    by_concept: dict[str, int] = {}
    for _, concept in DESCRIPTIONS:
        by_concept[concept] = by_concept.get(concept, 0) + 1
    assert len(DESCRIPTIONS) >= 120 and all(n % 3 == 0 for n in by_concept.values())
