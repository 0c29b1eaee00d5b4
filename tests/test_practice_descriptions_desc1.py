"""Practices described in plain words, as one coalition's action plan words a programme
another names (issue 9, item 2): early childhood, K-12, postsecondary and workforce, youth
substance use and tobacco, addiction treatment and harm reduction, mental health and
suicide prevention, maternal and child health, health access.

Each practice has three descriptions that do not name it or its acronym: a short one, a
long one saying who and where, and one in everyday words. Near misses describe another
practice in the same setting or for the same people: they must not be read as the concept.
Written from how US coalition plans word these practices. DESCRIBED was written before any
gloss was widened (96 of 156 read then) and the glosses were widened for it; WRITTEN_AFTER
was written in two batches after a widening, each measured once and then read for the next;
MEASURED_ONCE was written last and never read to widen anything: its count (39 of 51, 33
before any widening) is the fair measure of how far the glosses reach new wordings.
"""
from __future__ import annotations

import pytest

from workbook.tasks.alignment import build_thesaurus
from workbook.tasks.alignment.wording import CONCEPT_MARK

DESCRIBED = {
    # --- Early childhood and school readiness ---
    "home visiting": [
        "Trained visitors go to new parents' homes every other week",
        "Partner with the health department to send registered nurses to the homes of "
        "low-income, first-time pregnant women in Bell County from pregnancy until the child "
        "turns two",
        "Someone comes to your house to help you with your new baby and answer your questions",
    ],
    "book gifting": [
        "Mail a free, age-appropriate book every month to every child from birth to age five",
        "Pediatricians in our clinics hand each child a new book at every checkup from 6 months "
        "to 5 years and tell parents to read it together",
        "Kids get a free book in the mail each month until they start school",
    ],
    "developmental screening": [
        "Check young children regularly for delays in speech, movement and behavior",
        "Child care providers and pediatric practices will use a parent questionnaire at 9, 18 "
        "and 30 months to spot delays early and refer children for evaluation",
        "Make sure doctors check whether toddlers are talking, walking and playing like they "
        "should for their age",
    ],
    "early intervention": [
        "Provide speech, physical and occupational therapy to infants and toddlers with delays "
        "or disabilities",
        "Ensure children under 3 with developmental delays receive therapy and family services "
        "at home or in child care within 45 days of referral",
        "Babies and toddlers who are behind get free help from therapists at home",
    ],
    "kindergarten transition": [
        "Run a summer camp for incoming kindergartners to learn school routines",
        "Elementary schools will host a two-week program in July for children entering "
        "kindergarten who had no preschool, so they meet their teacher and practice the daily "
        "routine",
        "Help little ones get used to school before their first day",
    ],
    "early childhood mental health consultation": [
        "Send consultants into preschool classrooms to help teachers with challenging behavior",
        "Mental health specialists will coach teachers and directors in licensed centers and "
        "family child care homes on social-emotional development so fewer young children are "
        "suspended or expelled",
        "Give daycare teachers an expert to call when a child's behavior is hard to handle",
    ],
    "parenting education": [
        "Offer group classes that teach parents positive discipline",
        "Run 10-week workshops at family resource centers and churches where parents of "
        "children 2 to 12 learn praise, consistent limits and calm ways to handle tantrums",
        "Help moms and dads learn ways to handle their kids' behavior without yelling or "
        "spanking",
    ],
    "early literacy": [
        "Encourage parents to talk, sing and read with their babies every day",
        "Pediatric clinics, libraries and WIC offices will share tips and text messages that "
        "show parents of children 0-3 how everyday talk and reading aloud build vocabulary",
        "Get families reading stories together at bedtime",
    ],
    # --- K-12 ---
    "chronic absence": [
        "Reach out to families of students who miss too many days",
        "Attendance teams at each elementary school will review absences weekly, call home "
        "after the second missed day, and send letters showing families how many days their "
        "child has missed",
        "Help kids get to class every day",
    ],
    "early warning system": [
        "Use data on attendance, behavior and course grades to spot students at risk of "
        "dropping out",
        "Middle and high schools will review each student's absences, discipline referrals and "
        "failing grades every six weeks to identify those falling behind and assign an "
        "intervention",
        "Spot the kids who are starting to slip before they fall too far behind",
    ],
    "tutoring": [
        "Give struggling readers small-group help three times a week",
        "Trained AmeriCorps members and retired teachers will work with groups of two to four "
        "students in grades K-3 for 30 minutes daily during school on reading skills",
        "Extra one-on-one help with math for kids who are behind",
    ],
    "caring adult": [
        "Match each young person with an adult volunteer who meets with them weekly",
        "Recruit and train volunteers from local businesses and congregations to meet one-on-one "
        "with middle school students at least an hour a week for a full school year",
        "Every kid needs a grown-up in their corner they can talk to",
    ],
    "integrated student supports": [
        "Place a coordinator in each school to connect students and families to food, clothing, "
        "health care and counseling",
        "A full-time staff member at each Title I school will assess students' non-academic "
        "needs and link them with community partners for health, housing, food and family "
        "support",
        "Someone at school who helps families get what they need so kids can focus on learning",
    ],
    "restorative practices": [
        "Use circles and conferences to repair harm instead of suspending students",
        "Train teachers and administrators in all district middle schools to hold talking "
        "circles where students who cause harm meet those affected and agree on how to make it "
        "right",
        "Have students talk things out and fix what they did wrong rather than sending them home",
    ],
    "positive behavior supports": [
        "Teach and reward clear schoolwide expectations for behavior",
        "Each school team will define three to five behavior expectations, teach them in every "
        "classroom and hallway, acknowledge students who meet them, and review referral data "
        "monthly",
        "Recognize kids when they do the right thing instead of only punishing mistakes",
    ],
    "high school transition": [
        "Help eighth graders make the move to high school",
        "Create small learning teams for first-year students at each high school, with a shared "
        "group of teachers who meet weekly to catch new students who are struggling",
        "Make the first year of high school easier for new students",
    ],
    "credit recovery": [
        "Let students who failed a course retake it online to earn the credit",
        "Offer after-school and summer courses at each high school so juniors and seniors who "
        "failed required classes can make them up and still graduate with their class",
        "Give kids a second chance to pass classes they failed",
    ],
    "school-based mental health": [
        "Place licensed therapists in schools",
        "Partner with community mental health centers so a clinician works on site at each "
        "middle and high school, seeing students during the school day and billing Medicaid",
        "Kids can see a counselor at school without leaving for an appointment",
    ],
    # --- Postsecondary and workforce ---
    "sector partnerships": [
        "Bring employers in one industry together to plan training for their open jobs",
        "Convene hospitals, clinics and nursing homes in the region to identify hard-to-fill "
        "positions and design short training programs with the community college that lead "
        "straight to those jobs",
        "Get local manufacturers at the same table to say what skills they need",
    ],
    "apprenticeship": [
        "Create paid on-the-job training with classroom instruction for new electricians",
        "Work with unions and contractors to let young adults earn a wage while learning a "
        "skilled trade under an experienced mentor, with related classes at the technical "
        "college",
        "Get paid while you learn a trade",
    ],
    "CTE": [
        "Offer high school course sequences that lead to jobs in high-demand fields",
        "Each high school will offer at least three sequences of technical courses in health "
        "care, IT and advanced manufacturing that lead to industry certifications and college "
        "credit",
        "Help students take classes in high school that prepare them for a specific job",
    ],
    "dual enrollment": [
        "Let high school students take college classes for free",
        "Partner with the community college so juniors and seniors can take courses on their "
        "high school campus and earn credits toward an associate degree",
        "Kids can start college while they are still in high school",
    ],
    "FAFSA": [
        "Help seniors fill out the federal aid form",
        "Host evening workshops at every high school where counselors and volunteers help "
        "seniors and their parents complete the federal student aid application before the "
        "state deadline",
        "Help families apply for money to pay for college",
    ],
    "college and career advising": [
        "Put college advisers in high schools to help students apply",
        "Place recent college graduates in rural high schools as near-peer advisers who help "
        "first-generation students choose colleges, write essays and submit applications",
        "Someone to help kids figure out their plans after graduation and apply to schools",
    ],
    "work-based learning": [
        "Place students in paid placements with local employers",
        "Arrange job shadowing and other hands-on experiences at local businesses for juniors "
        "and seniors, with school credit",
        "Let teens try out a job to see what it's like",
    ],
    "summer youth employment": [
        "Give teens paid jobs over the summer",
        "Employ 500 youth ages 14 to 21 for six weeks in July and August at city departments, "
        "nonprofits and businesses, with pay and work-readiness training",
        "Teens earn a paycheck during summer break",
    ],
    "integrated education and training": [
        "Teach basic reading and math inside job training classes",
        "Pair an adult education teacher and a technical instructor in the same classroom so "
        "adults without a diploma build English and math skills while earning a welding "
        "certificate",
        "Adults brush up on reading and math while they learn a trade",
    ],
    # --- Youth substance use prevention and tobacco policy ---
    "retailer compliance": [
        "Conduct checks where underage youth try to buy tobacco at stores",
        "Work with the sheriff's office to send underage decoys into convenience stores and gas "
        "stations twice a year, and fine retailers who sell tobacco or alcohol to minors",
        "Make sure stores don't sell cigarettes or vapes to kids",
        "Raise the minimum age to buy tobacco products to 21",
        "Require every store that sells tobacco to hold a yearly permit that can be suspended "
        "for sales to minors",
    ],
    "flavored tobacco restrictions": [
        "End sales of menthol cigarettes and candy-flavored vapes",
        "Ask the city council to pass an ordinance prohibiting every store in the city from "
        "selling tobacco products with fruit, mint, candy or menthol flavors, including "
        "e-liquids",
        "Stop stores from selling vapes that taste like candy",
    ],
    "prevention curriculum": [
        "Teach middle schoolers drug refusal skills in weekly classroom lessons",
        "Health teachers in all 6th-8th grade classrooms will deliver a 15-session program that "
        "builds decision-making and resistance skills and corrects beliefs that most peers "
        "drink",
        "Teach kids how to say no to drugs and alcohol",
    ],
    "social norms campaign": [
        "Tell students that most of their peers do not drink",
        "Use survey data in posters, social media and morning announcements at each high school "
        "to show that most students choose not to use alcohol, vapes or marijuana",
        "Let kids know that most of their classmates aren't using",
    ],
    "social access to alcohol": [
        "Pass an ordinance holding adults liable when teens drink at parties they host",
        "Educate parents and enforce a law so adults who let underage guests drink alcohol in "
        "their homes or on their property face fines",
        "Stop grown-ups from giving alcohol to teenagers",
    ],
    "drug take-back": [
        "Put collection bins for unused medicines in pharmacies",
        "Hold twice-yearly events with police departments and pharmacies where residents can "
        "safely get rid of expired and unused prescription drugs",
        "Give people a safe place to get rid of old pills",
    ],
    "medication lockboxes": [
        "Give families lockable boxes for prescription drugs",
        "Distribute free locking medicine cabinets and pouches to parents at pharmacies and "
        "pediatric offices so teens cannot get into opioids and stimulants at home",
        "Help parents keep pills locked up where kids can't reach them",
    ],
    "responsible beverage service": [
        "Train bartenders and clerks to check IDs and refuse service",
        "Require everyone who sells or serves alcohol at bars, restaurants and package stores to "
        "complete a course on checking IDs and refusing sales to minors and intoxicated patrons",
        "Teach store clerks how to spot a fake ID",
    ],
    # --- Addiction treatment and harm reduction ---
    "MAT": [
        "Start patients on medication for opioid addiction in the emergency department",
        "Hospital emergency departments will give patients with opioid addiction a first dose "
        "of medicine that eases withdrawal and cravings and a next-day appointment at a clinic "
        "that continues it",
        "Help people hooked on opioids get medicine that stops the cravings",
        "Offer medicine for opioid addiction to people in the county jail",
    ],
    "harm reduction": [
        "Give people who inject drugs clean needles and a place to dispose of used ones",
        "Operate a mobile van that offers sterile injection supplies, sharps disposal, HIV and "
        "hepatitis C testing and referrals to care for people who inject drugs along the river "
        "corridor",
        "Hand out clean supplies so people who use drugs don't share needles",
    ],
    "naloxone": [
        "Distribute the nasal spray that reverses an opioid overdose",
        "Place free kits of the overdose-reversing nasal spray in bars, libraries and public "
        "restrooms and train staff and bystanders to use them",
        "Make sure anyone can carry the medicine that brings someone back from an overdose",
    ],
    "peer recovery": [
        "Connect people in emergency rooms after an overdose with coaches who have been in "
        "recovery themselves",
        "Hire certified specialists with lived experience of addiction to meet patients at the "
        "bedside and stay in contact for 90 days as they enter treatment",
        "People who have beaten addiction help others do the same",
    ],
    "post-overdose outreach": [
        "Visit people at home within 72 hours after an overdose",
        "A team of a paramedic, a police officer and a peer specialist will knock on the doors "
        "of people who survived an overdose in the last three days to offer treatment",
        "Check on people after they survive an overdose",
    ],
    # --- Mental health and suicide prevention ---
    "crisis response": [
        "Send a team of counselors to people in a mental health emergency",
        "Fund mobile teams of a clinician and a peer who respond around the clock in person to "
        "calls about someone in psychiatric crisis, dispatched from the three-digit suicide and "
        "crisis line",
        "When someone is having a breakdown, send trained help to where they are",
    ],
    "integrated care": [
        "Put behavioral health clinicians in pediatric and family practices",
        "Primary care practices will work with a care manager and a consulting psychiatrist who "
        "review patients' depression scores weekly and adjust treatment",
        "Patients can get help for depression at their regular doctor's office",
    ],
    "Mental Health First Aid": [
        "Train teachers, coaches and clergy to recognize warning signs of suicide and refer "
        "people for help",
        "Teach adults who work with youth in schools, churches and sports leagues a one-day "
        "course on spotting signs of mental health or substance use problems and how to respond",
        "Teach people how to notice when someone is struggling and what to say",
    ],
    "depression screening": [
        "Check all teens for depression at yearly physicals",
        "Pediatric and family medicine practices will give every patient 12 and older a short "
        "mood questionnaire at annual visits and follow up on positive results",
        "Ask teens at every checkup how they have been feeling",
    ],
    # --- Maternal and child health ---
    "doulas": [
        "Provide trained birth companions who support women before, during and after labor",
        "Train and pay women from Black and Latina neighborhoods to give pregnant women "
        "emotional and practical support through pregnancy, labor and the first weeks home, "
        "covered by Medicaid",
        "Have someone by a mom's side while she gives birth",
    ],
    "maternal depression": [
        "Screen new mothers for depression at well-baby visits",
        "Obstetric and pediatric practices will ask every woman about her mood during pregnancy "
        "and at the baby's 1-, 2-, 4- and 6-month visits and refer those who screen positive to "
        "counseling",
        "Check on moms who feel sad or overwhelmed after having a baby",
    ],
    "safe sleep": [
        "Teach parents to put babies to sleep alone, on their backs, in a crib",
        "Hospitals, home visitors and WIC will show every new parent how to lay the baby down "
        "alone on its back in an empty crib and give portable cribs to families who lack one",
        "Give new parents a safe bed for their baby",
    ],
    "breastfeeding": [
        "Help new mothers nurse their babies",
        "Hospitals will add consultants and peer counselors who help mothers start nursing in "
        "the hospital and keep it up to six months, and employers will provide space to pump",
        "Support moms who want to feed their babies from the breast",
    ],
    "prenatal care": [
        "Get pregnant women to a doctor in the first three months",
        "Community outreach workers will find pregnant women in the neighborhoods with the "
        "latest entry into care and help them book and get to their first obstetric visit",
        "Help expecting moms see a doctor early",
    ],
    # --- Health access ---
    "community health workers": [
        "Hire trusted residents to help neighbors find health care",
        "Train and employ outreach workers from the Latino and Black neighborhoods we serve, "
        "who speak residents' languages, to visit homes, explain coverage and help people keep "
        "medical appointments",
        "People from the neighborhood who help their neighbors get care",
    ],
    "health insurance": [
        "Help people with no coverage sign up for a health plan",
        "Station trained assisters at libraries, clinics and food pantries during open "
        "enrollment to help families compare plans, apply and renew each year",
        "Help families get and keep coverage for doctor visits",
    ],
}

# A second description of 36 of the practices, written after the first widening and measured
# once before being read (26 of 36 read, 24 before any widening; 34 after the second), so
# the count above is not only of the texts the glosses were widened for.
WRITTEN_AFTER = [
    ("Nurses and parent educators meet with expecting families in their homes twice a month",
     "home visiting"),
    ("Send a new book home each month to families with children under five", "book gifting"),
    ("Ask parents of toddlers to fill out a checklist of skills like talking and walking at "
     "checkups",
     "developmental screening"),
    ("Connect toddlers with speech delays to free therapy services", "early intervention"),
    ("Invite children starting kindergarten in the fall to visit their new classroom and meet "
     "their teacher in August",
     "kindergarten transition"),
    ("Offer classes where parents learn how to set rules and praise good behavior",
     "parenting education"),
    ("Call families when a child misses school two days in a row", "chronic absence"),
    ("Volunteers help third graders practice reading twice a week during the school day",
     "tutoring"),
    ("Pair at-risk middle schoolers with older volunteers who spend time with them every week",
     "caring adult"),
    ("Replace suspensions with meetings where students repair the harm they caused",
     "restorative practices"),
    ("Work with area hospitals to design training for the nursing assistant jobs they can't "
     "fill",
     "sector partnerships"),
    ("Let workers earn a paycheck while training on the job in the skilled trades",
     "apprenticeship"),
    ("Allow juniors and seniors to earn college credits at no cost", "dual enrollment"),
    ("Run nights where counselors help seniors fill out financial aid forms", "FAFSA"),
    ("Check that gas stations and convenience stores refuse to sell vapes to minors",
     "retailer compliance"),
    ("Ban the sale of menthol and fruit-flavored tobacco products citywide",
     "flavored tobacco restrictions"),
    ("Hold parents responsible when they let teens drink at their house",
     "social access to alcohol"),
    ("Add permanent drop-off sites where residents can throw away leftover prescriptions",
     "drug take-back"),
    ("Encourage families to lock up their medicines at home", "medication lockboxes"),
    ("Train bar staff to use the nasal spray that reverses opioid overdoses", "naloxone"),
    ("Offer sterile syringes and fentanyl testing to people who use drugs", "harm reduction"),
    ("Help doctors in primary care prescribe medicine that treats opioid addiction", "MAT"),
    ("Hire people in long-term recovery to guide others through treatment", "peer recovery"),
    ("Create a team that responds to mental health calls instead of officers", "crisis response"),
    ("Embed mental health clinicians in pediatric offices", "integrated care"),
    ("Train bus drivers and coaches to spot signs that a young person is thinking about "
     "suicide",
     "Mental Health First Aid"),
    ("Screen every student in grades 7-12 for signs of depression once a year",
     "depression screening"),
    ("Pay for a support person during labor and delivery for Medicaid patients", "doulas"),
    ("Screen mothers for the baby blues and postpartum mood problems", "maternal depression"),
    ("Teach new parents that babies should sleep alone on their backs", "safe sleep"),
    ("Give working mothers time and a private space to pump milk", "breastfeeding"),
    ("Help pregnant women start their checkups early in the pregnancy", "prenatal care"),
    ("Employ residents who share their neighbors' language and culture to connect them to "
     "clinics",
     "community health workers"),
    ("Help residents enroll in health coverage and keep it when it renews", "health insurance"),
    ("Create summer jobs for teens at local businesses", "summer youth employment"),
    ("Track grades, attendance and behavior to catch students going off course",
     "early warning system"),
]

NEAR_MISSES_WRITTEN_AFTER = [
    ("Give every kindergartner a free backpack of school supplies", "kindergarten transition"),
    ("Expand free meals at summer programs for teens", "summer youth employment"),
    ("Offer free testing for HIV and hepatitis C at clinics", "harm reduction"),
    ("Train teachers in trauma-informed classroom practices", "Mental Health First Aid"),
    ("Give new parents free diapers", "safe sleep"),
]

# A third description of each practice, written after the second widening and measured once
# before being read (31 of 50 read, 28 before any widening; 48 after the third).
WRITTEN_AFTER += [
    ("Coach preschool teachers on how to support children whose behavior gets them sent home",
     "early childhood mental health consultation"),
    ("Share simple ideas with parents for turning bath time and grocery trips into "
     "conversations with their baby",
     "early literacy"),
    ("Hire a full-time coordinator at every high-poverty school to link students with food, "
     "glasses, counseling and other help",
     "integrated student supports"),
    ("Give every ninth grader an adult adviser and a study skills class during their first "
     "semester",
     "high school transition"),
    ("Set three clear rules for behavior in every school and reward students who follow them",
     "positive behavior supports"),
    ("Offer online courses so students who fell behind on credits can catch up", "credit recovery"),
    ("Bring therapists from the community clinic into middle schools once a week",
     "school-based mental health"),
    ("Build pathways in high school for welding, nursing and coding that end in a certificate",
     "CTE"),
    ("Assign each senior an adviser who walks them through college applications and deadlines",
     "college and career advising"),
    ("Place high school juniors in summer internships at local companies", "work-based learning"),
    ("Teach English to immigrant adults in the same class where they train as home health "
     "aides",
     "integrated education and training"),
    ("Run a campaign showing that most local teens have never vaped", "social norms campaign"),
    ("Train waitstaff and bartenders to stop serving customers who are drunk",
     "responsible beverage service"),
    ("Send a peer and a nurse to follow up with everyone treated for an overdose in the ER",
     "post-overdose outreach"),
    ("Teach a classroom program in grades 6-8 on peer pressure and making healthy choices",
     "prevention curriculum"),
    ("Give new moms hospital-grade pumps and help from a nurse who specializes in feeding",
     "breastfeeding"),
    ("Send school staff to the homes of students who have missed many days", "chronic absence"),
    ("Flag ninth graders who fail a core class in the first quarter and give them extra help",
     "early warning system"),
    ("Match teens with a trusted grown-up from the community who meets them regularly",
     "caring adult"),
    ("Bring together the region's biggest employers to agree on the skills they need and build"
     " training to match",
     "sector partnerships"),
    ("Start a program where high school students earn credits at the community college for "
     "free",
     "dual enrollment"),
    ("Make sure store clerks ask for ID before selling vapes and cigarettes to young customers",
     "retailer compliance"),
    ("Keep medicines in a locked box away from teens", "medication lockboxes"),
    ("Give out kits with the overdose antidote at libraries and shelters", "naloxone"),
    ("Offer clean needles, safer smoking kits and test strips from a van", "harm reduction"),
    ("Let emergency doctors start patients on medicine for opioid withdrawal and link them to "
     "a clinic",
     "MAT"),
    ("People in recovery themselves help patients leaving detox stay on track", "peer recovery"),
    ("Answer calls to the three-digit crisis number locally and send a team when needed",
     "crisis response"),
    ("Have a care manager and a psychiatrist help family doctors treat depression",
     "integrated care"),
    ("Give school staff a one-day training in how to respond when a student seems to be in "
     "emotional distress",
     "Mental Health First Aid"),
    ("Ask every patient about their mood with a short questionnaire at yearly checkups",
     "depression screening"),
    ("Pay trained women from the community to support Black mothers through labor and after "
     "delivery",
     "doulas"),
    ("Ask new moms at the baby's checkups whether they have been feeling down or anxious",
     "maternal depression"),
    ("Give families a portable crib and teach them to put the baby on its back to sleep",
     "safe sleep"),
    ("Reach women early in pregnancy so they begin seeing a doctor or midwife", "prenatal care"),
    ("Hire neighborhood residents to go door to door helping families find a doctor and apply "
     "for coverage",
     "community health workers"),
    ("Help families who lost Medicaid apply again and find another plan", "health insurance"),
    ("Offer teens ages 14 to 18 six-week paid job placements with city departments in July",
     "summer youth employment"),
    ("Send nurses to visit pregnant teens at home until the baby turns two", "home visiting"),
    ("Check toddlers for speech and motor delays at their well-child visits",
     "developmental screening"),
    ("Provide therapy at home for babies with disabilities", "early intervention"),
    ("Hold a week of school for incoming kindergarteners the summer before they start",
     "kindergarten transition"),
    ("Teach parents of young children to use praise and calm time-outs", "parenting education"),
    ("Hold circles where students and teachers work out conflicts and repair harm",
     "restorative practices"),
    ("Offer small-group reading help to struggling first graders during the school day",
     "tutoring"),
    ("Help students and parents complete financial aid paperwork at school events", "FAFSA"),
    ("Create jobs where young adults earn a wage while learning to be electricians",
     "apprenticeship"),
    ("Pass an ordinance that ends sales of flavored vapes and menthol cigarettes",
     "flavored tobacco restrictions"),
    ("Fine adults who host parties where underage guests drink", "social access to alcohol"),
    ("Hold days twice a year when residents can drop off old medicines at police stations",
     "drug take-back"),
]

NEAR_MISSES_WRITTEN_AFTER += [
    ("Hire more pediatric dentists in rural clinics", "community health workers"),
    ("Enforce seat belt laws for teen drivers", "retailer compliance"),
    ("Offer grief support groups for families who lost someone to an overdose",
     "post-overdose outreach"),
    ("Give pregnant women free prenatal vitamins", "doulas"),
    ("Host a family fun night at each elementary school", "chronic absence"),
    ("Offer free sports physicals for middle schoolers", "depression screening"),
]

# A fourth description of each practice, written after the third widening and measured once:
# not read to widen anything, so it says how far the glosses reach texts they were not widened
# for (39 of 51 read; 33 before any widening). The ones not read are listed, not hidden.
MEASURED_ONCE = [
    ("Offer voluntary visits at home by trained parent educators to families from pregnancy "
     "through age three",
     "home visiting"),
    ("Enroll every newborn in a program that mails them a free book each month", "book gifting"),
    ("Train child care providers to check children's development with a parent questionnaire "
     "twice a year",
     "developmental screening"),
    ("Refer toddlers who are not talking by age two to the county's free evaluation and "
     "therapy program",
     "early intervention"),
    ("Let children who will start kindergarten in the fall spend a week in their new school in"
     " August",
     "kindergarten transition"),
    ("Give child care teachers access to a behavior specialist before a child is asked to "
     "leave",
     "early childhood mental health consultation"),
    ("Host workshops for parents of toddlers on handling tantrums and setting routines",
     "parenting education"),
    ("Give families with babies tips on reading, singing and talking together every day",
     "early literacy"),
    ("Text parents the same day their child is absent and meet with families after five "
     "absences",
     "chronic absence"),
    ("Review grades, attendance and discipline data every month to find students who need help"
     " before they fail",
     "early warning system"),
    ("Have trained tutors work with students in small groups several times a week on math",
     "tutoring"),
    ("Connect boys without a father at home to men who volunteer to spend time with them every"
     " week",
     "caring adult"),
    ("Put a staff person in each school who links students and their families with food, "
     "housing and health help",
     "integrated student supports"),
    ("Use talking circles to settle conflicts between students and repair relationships",
     "restorative practices"),
    ("Teach students what good behavior looks like in class, halls and lunchroom and recognize"
     " it with rewards",
     "positive behavior supports"),
    ("Keep ninth graders together in small teams with the same teachers during their first "
     "year of high school",
     "high school transition"),
    ("Let students who failed algebra retake it in the summer to stay on track for graduation",
     "credit recovery"),
    ("Bring licensed counselors into schools so students can get therapy during the school day",
     "school-based mental health"),
    ("Ask major employers in health care to help design training programs for the jobs they "
     "struggle to fill",
     "sector partnerships"),
    ("Help construction companies hire young people as paid trainees who learn the trade on "
     "the job",
     "apprenticeship"),
    ("Offer sequences of courses in high school that prepare students for jobs in health care,"
     " IT and manufacturing",
     "CTE"),
    ("Allow high school students to take classes at the community college and earn credit for "
     "both",
     "dual enrollment"),
    ("Hold events where volunteers help students and families apply for federal money for "
     "college",
     "FAFSA"),
    ("Give every high school senior one-on-one help choosing a college and applying",
     "college and career advising"),
    ("Offer high school students paid work experience with local employers during the school "
     "year",
     "work-based learning"),
    ("Hire teenagers for summer jobs at parks, libraries and local businesses",
     "summer youth employment"),
    ("Teach reading and math to adults in the same classes that train them for jobs",
     "integrated education and training"),
    ("Send underage buyers into stores with police to see if clerks sell them vapes",
     "retailer compliance"),
    ("Ask the county to end sales of menthol cigarettes and sweet-flavored vapes",
     "flavored tobacco restrictions"),
    ("Teach sixth graders in class how to resist pressure to drink or use drugs",
     "prevention curriculum"),
    ("Share survey results showing most students at our high schools do not drink or vape",
     "social norms campaign"),
    ("Hold adults accountable when they allow underage drinking in their homes",
     "social access to alcohol"),
    ("Place drop boxes at pharmacies for people to get rid of medicines they no longer need",
     "drug take-back"),
    ("Hand out free lockable medicine bags to parents of teens", "medication lockboxes"),
    ("Train servers and store clerks to refuse alcohol to minors and to people who are drunk",
     "responsible beverage service"),
    ("Start people on medicine for opioid addiction in the hospital and connect them to "
     "ongoing treatment",
     "MAT"),
    ("Run a program where people who inject drugs can get clean syringes and safely dispose of"
     " used ones",
     "harm reduction"),
    ("Put free overdose reversal nasal spray in every school nurse's office", "naloxone"),
    ("Pair people leaving treatment with a coach who has been through recovery", "peer recovery"),
    ("Have a team visit people who survived an overdose in the days after to offer help",
     "post-overdose outreach"),
    ("Send mental health workers instead of police when someone is in crisis", "crisis response"),
    ("Have a behavioral health specialist work in the same clinic as the family doctor",
     "integrated care"),
    ("Train parents, teachers and coaches to notice warning signs in young people and help "
     "them get care",
     "Mental Health First Aid"),
    ("Ask every teen a few questions about their mood at their yearly checkup",
     "depression screening"),
    ("Offer Medicaid-covered support from a trained companion through pregnancy, birth and "
     "after",
     "doulas"),
    ("Ask mothers about sadness and anxiety during pregnancy and after the birth, and refer "
     "them to help",
     "maternal depression"),
    ("Teach every family with a newborn to put the baby to sleep on its back in its own crib",
     "safe sleep"),
    ("Help new moms keep nursing after they return to work", "breastfeeding"),
    ("Help women see a doctor early in their pregnancy", "prenatal care"),
    ("Hire people from the community to help residents get to doctor's appointments and "
     "understand their care",
     "community health workers"),
    ("Help residents sign up for health coverage they qualify for", "health insurance"),
]

NEAR_MISSES_MEASURED_ONCE = [
    ("Give every family with a newborn a free car seat", "safe sleep"),
    ("Offer free bus passes to high school students", "chronic absence"),
    ("Expand the number of addiction treatment beds in the county", "MAT"),
    ("Offer free flu shots at school", "school-based mental health"),
    ("Teach teens to cook healthy meals", "prevention curriculum"),
    ("Help adults who lost their jobs file for unemployment", "apprenticeship"),
]

NOT_READ_WHEN_MEASURED = {
    "Give families with babies tips on reading, singing and talking together every day",
    "Review grades, attendance and discipline data every month to find students who need help"
    " before they fail",
    "Connect boys without a father at home to men who volunteer to spend time with them every"
    " week",
    "Keep ninth graders together in small teams with the same teachers during their first "
    "year of high school",
    "Let students who failed algebra retake it in the summer to stay on track for graduation",
    "Offer sequences of courses in high school that prepare students for jobs in health care,"
    " IT and manufacturing",
    "Give every high school senior one-on-one help choosing a college and applying",
    "Ask the county to end sales of menthol cigarettes and sweet-flavored vapes",
    "Share survey results showing most students at our high schools do not drink or vape",
    "Hold adults accountable when they allow underage drinking in their homes",
    "Hand out free lockable medicine bags to parents of teens",
    "Help new moms keep nursing after they return to work",
}

# Another practice in the same setting or for the same people: not the concept named.
NEAR_MISSES = [
    ("Raise wages and offer bonuses to child care teachers",
     "early childhood mental health consultation"),
    ("Add licensed infant and toddler slots in child care centers", "early intervention"),
    ("Pair each new teacher with an experienced teacher who meets with them weekly in their "
     "first year", "caring adult"),
    ("Serve free breakfast in every classroom after the bell", "integrated student supports"),
    ("Help laid-off workers file for unemployment and search for jobs", "sector partnerships"),
    ("Offer free community college tuition to recent high school graduates", "dual enrollment"),
    ("Ban smoking in public parks and apartment buildings", "flavored tobacco restrictions"),
    ("Help teens who vape quit with a text-message program", "retailer compliance"),
    ("Open more residential detox beds for adults", "harm reduction"),
    ("Teach pharmacists to check the state database before filling opioid prescriptions",
     "MAT"),
    ("Run a campaign to reduce shame about seeking mental health care",
     "Mental Health First Aid"),
    ("Add evening therapy appointments at the community mental health center",
     "crisis response"),
    ("Give new parents car seats and show them how to install them", "safe sleep"),
    ("Help pregnant women who smoke to quit", "maternal depression"),
    ("Open a dental clinic in the rural east of the county", "community health workers"),
]

# Descriptions still not read after the glosses were widened (desc1), kept so the count is
# honest: strict, so reading one later fails here and it moves back among the others.
NOT_YET_READ = {
    # "developmental delays", "therapy", "services at home" and "child care" each name a
    # concept of their own; no word is left free to describe early intervention.
    "Ensure children under 3 with developmental delays receive therapy and family services "
    "at home or in child care within 45 days of referral",
    # "high school that prepare(s)" is read as the reversed phrase of kindergarten readiness.
    "Help students take classes in high school that prepare them for a specific job",
    # "twice", "week" and "day" say how often, as much of attendance as of tutoring.
    "Volunteers help third graders practice reading twice a week during the school day",
    # "grades 7-12" between "screen" and "depression" is not a gap a phrase may hold.
    "Screen every student in grades 7-12 for signs of depression once a year",
    # "therapists" is counseling; "community clinic" and "middle schools" are generic.
    "Bring therapists from the community clinic into middle schools once a week",
    # "therapy", "babies" and "disabilities" name counseling and who it is for: "home" is
    # the one word left to describe early intervention.
    "Provide therapy at home for babies with disabilities",
    # "recovery", "detox" and "track" name concepts; "patients leaving" was a gloss of peer
    # recovery until it described "paramedics leave kits with patients" (held-out 13).
    "People in recovery themselves help patients leaving detox stay on track",
}

CASES = [pytest.param(text, concept, marks=pytest.mark.xfail(strict=True, reason="not read yet"))
         if text in NOT_YET_READ else (text, concept)
         for concept, texts in DESCRIBED.items() for text in texts] + [
    pytest.param(text, concept, marks=pytest.mark.xfail(strict=True, reason="not read yet"))
    if text in NOT_YET_READ else (text, concept) for text, concept in WRITTEN_AFTER] + [
    pytest.param(text, concept,
                 marks=pytest.mark.xfail(strict=True, reason="not read when measured"))
    if text in NOT_READ_WHEN_MEASURED else (text, concept) for text, concept in MEASURED_ONCE]


@pytest.fixture(scope="module")
def thesaurus():
    return build_thesaurus()


def test_at_least_40_practices_have_three_plain_descriptions_each():
    assert len(DESCRIBED) >= 40
    assert all(len(texts) >= 3 for texts in DESCRIBED.values())


def test_at_least_85_percent_of_the_descriptions_are_read(thesaurus):
    read = [CONCEPT_MARK + concept in thesaurus.terms(text).weights
            for concept, texts in DESCRIBED.items() for text in texts]
    read += [CONCEPT_MARK + concept in thesaurus.terms(text).weights
             for text, concept in WRITTEN_AFTER]
    assert sum(read) >= 0.85 * len(read)
    assert len(NOT_YET_READ) == len(read) - sum(read)


def test_every_concept_described_is_one_the_thesaurus_has(thesaurus):
    known = set(thesaurus.concepts)
    assert not [c for c in DESCRIBED if c not in known]
    assert not [c for _, c in NEAR_MISSES + NEAR_MISSES_WRITTEN_AFTER if c not in known]
    assert not [c for _, c in WRITTEN_AFTER + MEASURED_ONCE if c not in known]
    assert not [c for _, c in NEAR_MISSES_MEASURED_ONCE if c not in known]


@pytest.mark.parametrize("description, concept", CASES)
def test_a_plain_description_is_read_as_the_practice(thesaurus, description, concept):
    assert CONCEPT_MARK + concept in thesaurus.terms(description).weights


@pytest.mark.parametrize("description, concept", NEAR_MISSES + NEAR_MISSES_WRITTEN_AFTER
                         + NEAR_MISSES_MEASURED_ONCE)
def test_a_near_miss_is_not_read_as_the_practice(thesaurus, description, concept):
    assert CONCEPT_MARK + concept not in thesaurus.terms(description).weights
