"""Suggestions of goals and strategies to combine: the labelled pairs, the thesaurus, the
clusters and their reasons, and what the room's decisions change."""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from workbook import decisions as D
from workbook.intake.problems import Code
from workbook.sample.database import build_database
from workbook.tasks.alignment import (LIKELY, POSSIBLE_THRESHOLD, WORTH_A_LOOK, Feedback, Line,
                                      Verdict, build_thesaurus, item_key, pair_scores,
                                      read_thesaurus, suggest, suggestions, text_score, weaker_from,
                                      TEXT_THRESHOLD)
from workbook.tasks.alignment.suggestions import LEARNED, WEAKER_SAID
from workbook.tasks.alignment.similarity import RESULT_FACTOR, alike_matrix, folded_terms
from workbook.tasks.alignment.thesaurus import (DEFAULT_GLOSSES, DEFAULT_THESAURUS,
                                               acronym_expansions, defined_acronyms)
from workbook.tasks.alignment.wording import (CONCEPT_MARK, DESCRIBED, GENERIC, LIGHT, content_spans,
                                              content_words, detail_positions)

from .builders import ALPHA, BETA, GAMMA, DELTA, READY, READY_REWORDED

DATA = Path(__file__).parent / "data"


def in_band(found, band: str) -> pd.DataFrame:
    """The clusters of one band (likely, or worth a look)."""
    return found.clusters[found.clusters["band"] == band]


@pytest.fixture(scope="module")
def thesaurus():
    return build_thesaurus()


def labelled(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- the labelled pairs ---------------------------------------------------------------

def test_the_labelled_set_holds_150_goal_and_strategy_pairs_both_ways():
    rows = labelled("goal-strategy-pairs.csv")
    assert len(rows) >= 150
    assert {r["kind"] for r in rows} == {"goal", "strategy"}
    assert {r["same"] for r in rows} == {"0", "1"}
    assert all(r["text_a"].strip() and r["text_b"].strip() and r["why"].strip() for r in rows)
    assert len(labelled("goal-strategy-pairs-held-out.csv")) >= 50


def test_on_the_labelled_set_recall_is_at_least_085_at_precision_at_least_07(thesaurus):
    rows = labelled("goal-strategy-pairs.csv")
    scores = pair_scores([(r["text_a"], r["text_b"]) for r in rows], thesaurus)
    found = scores >= TEXT_THRESHOLD
    same = [r["same"] == "1" for r in rows]
    true_positives = sum(f and s for f, s in zip(found, same))
    assert true_positives / sum(same) >= 0.85
    assert true_positives / found.sum() >= 0.7


@pytest.mark.parametrize("a, b", [
    ("Reduce recidivism", "Fewer people return to jail"),
    ("Increase postsecondary attainment", "More adults hold a degree or credential"),
    ("Increase K-readiness", "More children enter kindergarten ready to learn"),
    ("Expand MAT in the county jail",
     "Offer medications for opioid use disorder to incarcerated people"),
])
def test_word_disjoint_paraphrases_are_found(thesaurus, a, b):
    assert text_score(a, b, thesaurus) >= TEXT_THRESHOLD


@pytest.mark.parametrize("a, b", [
    ("Reduce youth vaping", "Reduce youth violence"),
    ("Increase 3rd grade reading", "Increase 8th grade math"),
    ("Increase 3rd grade reading proficiency", "Increase 8th grade reading proficiency"),
    ("Reduce homelessness among youth", "Reduce hopelessness among youth"),
    ("Fewer people return to jail", "Fewer people return to the emergency room"),
])
def test_same_words_for_a_different_result_are_not(thesaurus, a, b):
    assert text_score(a, b, thesaurus) < TEXT_THRESHOLD


def test_the_pairwise_score_and_the_many_at_once_score_agree(thesaurus):
    rows = labelled("goal-strategy-pairs.csv")[:40]
    pairs = [(r["text_a"], r["text_b"]) for r in rows] + [
        ("Reduce childhood obesity", "Reduce adult obesity"),
        ("Reduce youth smoking", "Reduce smoking among older adults")]
    together = pair_scores(pairs, thesaurus)
    one_by_one = [text_score(a, b, thesaurus) for a, b in pairs]
    assert together == pytest.approx(one_by_one, abs=1e-5)


NALOXONE_HERE = "Hand out naloxone at the county fair, at libraries and through the mobile van"
NALOXONE_THERE = "Train parents and coaches to carry Narcan"


def test_strategies_naming_one_practice_are_alike_however_many_details_they_add(thesaurus):
    assert text_score(NALOXONE_HERE, NALOXONE_THERE, thesaurus) < TEXT_THRESHOLD  # as goals
    assert text_score(NALOXONE_HERE, NALOXONE_THERE, thesaurus, practice=True) >= TEXT_THRESHOLD
    assert pair_scores([(NALOXONE_HERE, NALOXONE_THERE)], thesaurus, "strategy")[0] >= \
        TEXT_THRESHOLD > pair_scores([(NALOXONE_HERE, NALOXONE_THERE)], thesaurus, "goal")[0]


def test_strategies_naming_different_practices_in_one_place_stay_apart(thesaurus):
    assert text_score("Host naloxone trainings at libraries", "Host take-back events at libraries",
                      thesaurus, practice=True) < TEXT_THRESHOLD


def test_the_pairwise_and_many_at_once_strategy_scores_agree(thesaurus):
    rows = [r for r in labelled("goal-strategy-pairs.csv") if r["kind"] == "strategy"][:30]
    pairs = [(r["text_a"], r["text_b"]) for r in rows] + [(NALOXONE_HERE, NALOXONE_THERE)]
    together = pair_scores(pairs, thesaurus, "strategy")
    one_by_one = [text_score(a, b, thesaurus, practice=True) for a, b in pairs]
    assert together == pytest.approx(one_by_one, abs=1e-5)


def test_strategies_clustered_for_the_practice_they_name_say_so(thesaurus):
    a = "Distribute naloxone at libraries, bars and laundromats"
    b = "Train youth workers and coaches to use naloxone"
    found = suggest(items((1, "", a), (2, "", b)), "strategy", thesaurus)
    assert found.clusters["reason"].tolist() == ["same practice: naloxone, 2 coalitions"]
    # as goals the practice rule does not apply: two goals naming one concept and no other
    # are alike at RESULT_FACTOR (round 11), not PRACTICE_FACTOR, and not for the practice
    as_goals = suggest(items((1, "", a), (2, "", b)), "goal", thesaurus).clusters
    assert as_goals["score"].tolist() == [pytest.approx(RESULT_FACTOR)]
    assert not as_goals["reason"].str.startswith("same practice").any()


def test_the_new_held_out_set_is_written_both_ways_and_apart_from_the_tuned_set():
    rows = labelled("goal-strategy-pairs-held-out-4.csv")
    assert len(rows) >= 60
    assert {r["kind"] for r in rows} == {"goal", "strategy"}
    assert {r["same"] for r in rows} == {"0", "1"}
    assert all(r["text_a"].strip() and r["text_b"].strip() and r["why"].strip() for r in rows)
    tuned = {frozenset((r["text_a"].casefold(), r["text_b"].casefold()))
             for name in ("goal-strategy-pairs.csv", "goal-strategy-pairs-held-out.csv",
                          "goal-strategy-pairs-held-out-2.csv",
                          "goal-strategy-pairs-held-out-3.csv")
             for r in labelled(name)}
    assert not [r for r in rows
                if frozenset((r["text_a"].casefold(), r["text_b"].casefold())) in tuned]


# --- how a text is read ---------------------------------------------------------------

ABSENCE = [Line("chronic absence", "missing days of school")]


@pytest.mark.parametrize("text, found", [
    ("Students missing days of school", True),
    ("Reduce the percentage of students missing 18 or more days of school", True),
    ("Students missing 15% of school days", False),            # words in another order
    ("Students missing lunch on days of school", False),        # a content word inside
    ("Students missing 18 or more of the 180 days of school", False),  # three gaps
])
def test_a_phrase_is_found_across_figures_and_phrasing_words_only(text, found):
    own = build_thesaurus(ABSENCE, defaults=False)
    assert ("@chronic absence" in own.terms(text).weights) is found


def test_a_phrase_found_across_figures_is_quoted_in_the_text_own_words():
    own = build_thesaurus(ABSENCE, defaults=False)
    terms = own.terms("Reduce the percentage of students missing 18 or more days of school")
    assert terms.named_by["@chronic absence"] == "missing 18 or more days of school"


def test_an_indicator_worded_as_its_definition_meets_the_concept(thesaurus):
    assert text_score("Reduce the percentage of students missing 18 or more days of school",
                      "Cut chronic absenteeism in half", thesaurus) >= TEXT_THRESHOLD


@pytest.mark.parametrize("a, b", [
    ("Reduce childhood obesity", "Reduce adult obesity"),
    ("Reduce youth smoking", "Reduce smoking among older adults"),
])
def test_age_groups_far_apart_are_different_results(thesaurus, a, b):
    assert text_score(a, b, thesaurus) < TEXT_THRESHOLD
    # The same statements without the ages are alike: the ages made the difference.
    assert text_score("Reduce obesity", "Reduce obesity rates", thesaurus) >= TEXT_THRESHOLD


@pytest.mark.parametrize("a, b", [
    ("Reduce youth vaping", "Fewer young adults vape"),                  # neighbours
    ("Increase kindergarten readiness among Hispanic children",
     "Increase kindergarten readiness"),                                 # one names none
])
def test_neighbouring_or_unnamed_age_groups_stay_alike(thesaurus, a, b):
    assert text_score(a, b, thesaurus) >= TEXT_THRESHOLD


def test_an_acronym_a_text_spells_out_joins_its_words_for_every_text(thesaurus):
    spelled = "Expand Trust-Based Relational Intervention (TBRI) for foster families"
    short, long = "Train clinic staff to deliver TBRI", "Offer trust-based relational intervention"
    alone = suggest(items((1, "", short), (2, "", long)), "goal", thesaurus)
    assert alone.clusters.empty
    found = suggest(items((1, "", short), (2, "", long), (3, "", spelled)), "goal", thesaurus)
    assert cluster_of(found, "Coalition 1", short) == cluster_of(found, "Coalition 2", long)
    assert cluster_of(found, "Coalition 1", short) is not None


@pytest.mark.parametrize("text, lines, expansions", [
    ("Expand Trust-Based Relational Intervention (TBRI)",
     [], {"tbri": ("trust", "base", "relat", "intervent")}),       # read as its words
    ("Train teachers in Youth Mental Health First Aid (YMHFA)",
     [Line("Mental Health First Aid", "YMHFA")], {}),               # joins a known concept
    ("Deploy community health workers (CHWs)", [], {}),             # both known already
    ("Cut chronic absence (see note 3)", [], {}),                   # not an acronym
    ("Raise the graduation rate (ACGR) to 90%", [], {}),            # initials do not spell it
])
def test_acronyms_are_read_only_where_their_initials_spell_them(thesaurus, text, lines,
                                                                 expansions):
    assert defined_acronyms([text], thesaurus) == lines
    assert acronym_expansions([text], thesaurus) == expansions


def test_an_acronym_read_as_its_words_keeps_the_concepts_they_name(thesaurus):
    read = thesaurus.with_acronyms(["Expand Diabetes Prevention Program (DPP) classes"])
    assert "@diabetes" in read.terms("Offer the DPP at churches").weights
    assert "@diabetes" in read.terms("Expand Diabetes Prevention Program (DPP) classes").weights
    assert "@diabetes" not in thesaurus.terms("Offer the DPP at churches").weights


# --- the community thesaurus ----------------------------------------------------------

def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_a_community_line_makes_its_paraphrase_match(tmp_path, thesaurus):
    a, b = "Reduce recidivism", "Fewer neighbors end up in a cell again"
    assert text_score(a, b, thesaurus) < TEXT_THRESHOLD
    own = read_thesaurus(write(tmp_path / "thesaurus.csv",
                               "concept,phrase,decision\nrecidivism,in a cell again,\n"))
    assert text_score(a, b, own) >= TEXT_THRESHOLD and not own.problems


def test_not_takes_a_default_phrase_out_of_its_concept(tmp_path, thesaurus):
    a, b = "Increase kindergarten readiness", "More children are ready to learn"
    assert text_score(a, b, thesaurus) >= TEXT_THRESHOLD
    own = read_thesaurus(write(tmp_path / "thesaurus.csv", "concept,phrase,decision\n"
                               "kindergarten readiness,ready to learn,not\n"))
    assert text_score(a, b, own) < TEXT_THRESHOLD


def test_unusable_lines_are_reported_by_line_and_the_rest_still_count(tmp_path):
    path = write(tmp_path / "thesaurus.csv",
                 "concept;phrase;decision\n"
                 "recidivism;sent back inside;\n"
                 ";orphan phrase;\n"                     # no concept
                 "recidivism;in a cell again;maybe\n"  # unknown decision
                 "reentry;sent back inside;\n"          # a phrase in two concepts
                 "recidivism;---;\n"                     # no word to match
                 "\n", encoding="cp1252")
    own = read_thesaurus(path)
    assert [p.code for p in own.problems] == [Code.THESAURUS_ROW_INVALID.name] * 4
    assert [p.row for p in own.problems] == [3, 4, 5, 6]
    assert all(p.file == str(path) and "line" in p.message for p in own.problems)
    assert "maybe" in own.problems[1].message and "recidivism" in own.problems[2].message
    assert text_score("Reduce recidivism", "Fewer people sent back inside", own) >= TEXT_THRESHOLD
    assert text_score("Reduce recidivism", "Fewer people in a cell again", own) < TEXT_THRESHOLD


def test_lines_starting_with_a_hash_are_headings_not_phrases(tmp_path):
    own = read_thesaurus(write(tmp_path / "thesaurus.csv",
                               "# Reentry\nconcept,phrase,decision\n"
                               "# what our county says\nrecidivism,sent back inside\n"))
    assert not own.problems
    assert text_score("Reduce recidivism", "Fewer people sent back inside", own) >= TEXT_THRESHOLD


def test_the_default_thesaurus_has_headings_and_no_phrase_in_two_concepts():
    with open(DEFAULT_THESAURUS, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.reader(handle) if r]
    headings = [r for r in rows if r[0].startswith("#")]
    concept_of: dict[tuple[str, ...], str] = {}
    twice = []
    for concept, phrase, *_ in (r for r in rows[1:] if not r[0].startswith("#")):
        words = tuple(content_words(phrase))
        if concept_of.setdefault(words, concept) != concept:
            twice.append((phrase, concept_of[words], concept))
    assert len(headings) >= 5 and twice == []


def test_words_stemmed_alike_but_meaning_other_things_stay_apart(thesaurus):
    # Snowball stems "incoming" as "income", "adopt" as "adoption", "connect" as
    # "connectivity": each would put a practice into a concept it has nothing to do with.
    assert text_score("Support incoming 9th graders", "Raise median household income",
                      thesaurus) < TEXT_THRESHOLD
    assert "@permanency" not in thesaurus.terms("Adopt a prevention curriculum").weights
    assert "@broadband" not in thesaurus.terms("Connect families to services").weights
    # "natural" and "nature" were "natur", as "naturalization" is
    for text in ("Nature walks for families in county parks",
                 "Build natural supports for people with disabilities"):
        assert "@naturalization" not in thesaurus.terms(text).weights
    assert "@naturalization" in thesaurus.terms("Help green card holders naturalize").weights


def test_no_one_word_phrase_of_the_default_thesaurus_is_a_common_word_stemmed(thesaurus):
    # An acronym or name lower-cased and stemmed can be an everyday word: "READI"
    # (a Chicago violence programme) is "ready", "This is Quitting" is "quit".
    for text in ("Children are ready for school", "Kindergartners demonstrate readiness",
                 "Gift cards for families", "Persistent absenteeism"):
        concepts = [t for t in thesaurus.terms(text).weights if t.startswith("@")]
        assert not {"@gun violence", "@retailer compliance", "@college completion"} & set(concepts)


def test_a_two_word_phrase_is_found_in_either_order(thesaurus):
    assert text_score("Reduce lead poisoning", "Fewer children poisoned by lead",
                      thesaurus) >= TEXT_THRESHOLD


def test_a_phrase_read_in_the_other_order_does_not_start_inside_a_compound(thesaurus):
    # "prepared for school" turned round is "school (that) prepares": dashboard 3 read a
    # career course "in high school that prepares them for a job" as kindergarten readiness
    concepts = thesaurus.terms("Help students take classes in high school that prepare them "
                               "for a specific job").weights
    assert "@kindergarten readiness" not in concepts and "@employment" in concepts
    assert "@kindergarten readiness" in thesaurus.terms(
        "Children arrive at school prepared to learn").weights


def test_a_class_trip_is_not_read_as_fall_prevention(thesaurus):
    # two words of its gloss ("class", "trip") were enough for a short text: a school
    # outing showed on the projector as fall prevention
    assert not [t for t in thesaurus.terms("Plan a class trip to the state capitol").weights
                if t.startswith("@")]
    assert "@fall prevention" in thesaurus.terms(
        "Balance and strength exercise classes for older adults afraid of a hip fracture").weights


def test_a_phrase_is_found_around_a_word_saying_who_and_keeps_it(thesaurus):
    weights = thesaurus.terms("Doctors screen teens for substance use").weights
    assert "@screening brief intervention" in weights and "@youth (who)" in weights


def test_inside_a_phrase_a_word_for_an_age_group_stands_for_the_group(thesaurus):
    assert "@early literacy" in thesaurus.terms("Parents read to their babies daily").weights
    # roles are not age groups: child care workers are not child care for trainees
    assert "@early childhood workforce" not in \
        thesaurus.terms("Remove barriers like child care for trainees").weights


def test_a_programme_named_by_its_practice_meets_a_description_of_several(thesaurus):
    named = "Reach Out and Read"
    described = ("Pediatricians give books to young children at well-child visits and "
                 "coach parents on reading aloud")
    assert text_score(named, described, thesaurus, practice=True) >= TEXT_THRESHOLD
    assert pair_scores([(named, described)], thesaurus, "strategy")[0] >= TEXT_THRESHOLD
    assert text_score(named, "Coach parents on reading aloud at well-child visits",
                      thesaurus, practice=True) < TEXT_THRESHOLD  # not the practice named


def test_a_survey_measure_named_on_one_side_only_is_another_indicator(thesaurus):
    risk = "Increase perceived risk of harm from marijuana use among youth"
    assert text_score(risk, "Reduce marijuana use among youth", thesaurus) < TEXT_THRESHOLD
    assert text_score(risk, "More teens see great risk in using marijuana",
                      thesaurus) >= TEXT_THRESHOLD
    assert pair_scores([(risk, "Reduce marijuana use among youth")], thesaurus)[0] \
        < TEXT_THRESHOLD


def test_a_file_without_its_heading_is_read_with_a_note(tmp_path):
    own = read_thesaurus(write(tmp_path / "thesaurus.csv", "recidivism,sent back inside\n"))
    assert len(own.problems) == 1 and "heading" in own.problems[0].message
    assert text_score("Reduce recidivism", "Fewer people sent back inside", own) >= TEXT_THRESHOLD


def test_no_community_file_means_the_default_thesaurus(tmp_path, thesaurus):
    assert read_thesaurus(tmp_path / "missing.csv").phrases == thesaurus.phrases
    assert read_thesaurus(None).phrases == thesaurus.phrases


# --- clusters and their reasons -------------------------------------------------------

REENTRY = {"name": "Eastside Reentry Council", "lead": "Eastside Justice Center",
           "issue_areas": ["Public safety"], "populations": ["Adults"],
           "goals": [("Reduce recidivism", None, "Public safety", "Adults")],
           "strategies": [("Reentry services for people leaving prison", "Direct service",
                           "Public safety")]}
SECOND_CHANCE = {"name": "Second Chance Coalition", "lead": "Goodwill",
                 "issue_areas": ["Public safety"], "populations": ["Adults"],
                 "goals": [("Fewer people return to jail", None, "Public safety", "Adults"),
                           ("Reduce youth vaping", None, "Youth substance use", "Youth 12-17")],
                 "strategies": [("Support returning citizens with housing and jobs after "
                                 "incarceration", "Direct service", "Public safety")]}
PREVENTION = {"name": "Ashford Prevention Alliance", "lead": "Ashford ADAMH Board",
              "issue_areas": ["Youth substance use"], "populations": ["Youth 12-17"],
              "goals": [("Reduce youth violence", None, "Youth substance use", "Youth 12-17")]}


@pytest.fixture
def community(tmp_path):
    return build_database(tmp_path / "workbook.db",
                          [ALPHA, BETA, GAMMA, DELTA, REENTRY, SECOND_CHANCE, PREVENTION])


def cluster_of(found, coalition: str, text: str) -> int | None:
    members = found.members
    rows = members[(members["coalition"] == coalition) & (members["text"] == text)]
    return None if rows.empty else int(rows["cluster_id"].iloc[0])


def reason_of(found, cluster_id: int) -> str:
    return found.clusters.set_index("cluster_id").at[cluster_id, "reason"]


def test_goals_with_the_same_indicator_wording_cluster_with_that_reason(community):
    found = suggestions(community)
    ready = cluster_of(found, ALPHA["name"], READY)
    assert ready is not None and ready == cluster_of(found, BETA["name"], READY_REWORDED)
    assert reason_of(found, ready).startswith("same indicator: ")
    assert reason_of(found, ready).endswith(", 2 coalitions")


def test_word_disjoint_goals_cluster_with_the_thesaurus_as_reason(community):
    found = suggestions(community)
    recidivism = cluster_of(found, REENTRY["name"], "Reduce recidivism")
    assert recidivism == cluster_of(found, SECOND_CHANCE["name"], "Fewer people return to jail")
    assert reason_of(found, recidivism) == ("same meaning by the community thesaurus: "
                                            "recidivism ~ return to jail, 2 coalitions")


def test_same_words_for_different_results_are_not_suggested(community):
    found = suggestions(community)
    assert cluster_of(found, SECOND_CHANCE["name"], "Reduce youth vaping") is None
    assert cluster_of(found, PREVENTION["name"], "Reduce youth violence") is None


def test_strategies_cluster_too(community):
    found = suggestions(community, "strategy")
    reentry = cluster_of(found, REENTRY["name"], REENTRY["strategies"][0][0])
    assert reentry is not None
    assert reentry == cluster_of(found, SECOND_CHANCE["name"], SECOND_CHANCE["strategies"][0][0])
    assert "reentry" in reason_of(found, reentry) or "same issue" in reason_of(found, reentry)


def in_context(*goals: tuple[str, str | None, str | None]) -> pd.DataFrame:
    """Goals of coalitions 1, 2…: (statement, issue area, population)."""
    frame = items(*((c, "", t) for c, (t, _, _) in enumerate(goals, start=1)))
    frame["issue_area"] = [issue for _, issue, _ in goals]
    frame["population"] = [population for _, _, population in goals]
    return frame


def test_the_same_issue_and_population_lifts_statements_sharing_a_word(thesaurus):
    a, b = "Increase GED completion", "Increase postsecondary completion"
    assert TEXT_THRESHOLD - 0.1 <= text_score(a, b, thesaurus) < TEXT_THRESHOLD
    same = suggest(in_context((a, "Adult education", "Adults"), (b, "Adult education", "Adults")),
                   "goal", thesaurus)
    assert same.clusters["reason"].tolist() == ["same population and issue; statements alike, "
                                                "2 coalitions"]
    assert same.clusters["band"].tolist() == [LIKELY]
    other = in_context((a, "Adult education", "Adults"), (b, "Adult education", "Young adults"))
    # without the bonus the pair scores under the threshold: only worth a look
    assert suggest(other, "goal", thesaurus).clusters["band"].tolist() == [WORTH_A_LOOK]


def test_different_issue_areas_lower_alike_statements(thesaurus):
    a = "Increase the number of licensed child care slots"
    b = "More families can find and afford licensed childcare close to home"
    assert TEXT_THRESHOLD <= text_score(a, b, thesaurus) < TEXT_THRESHOLD + 0.1
    assert suggest(in_context((a, "Early childhood", None), (b, "Early childhood", None)),
                   "goal", thesaurus).clusters["band"].tolist() == [LIKELY]
    assert in_band(suggest(in_context((a, "Early childhood", None), (b, "Workforce", None)),
                           "goal", thesaurus), LIKELY).empty


def test_every_cluster_spans_two_coalitions_and_every_member_is_alike_to_its_seed(community):
    found = suggestions(community)
    assert not found.clusters.empty
    band_of = found.clusters.set_index("cluster_id")["band"]
    lowest = {LIKELY: found.threshold, WORTH_A_LOOK: found.possible_threshold}
    for cluster_id, members in found.members.groupby("cluster_id"):
        assert members["coalition_id"].nunique() >= 2
        assert members["seed"].any()
        assert (members["score"] >= lowest[band_of[cluster_id]]).all()


def test_an_ended_coalition_is_left_out_unless_asked_for(tmp_path):
    ended = {**SECOND_CHANCE, "status": "Ended"}
    db = build_database(tmp_path / "w.db", [REENTRY, ended])
    assert suggestions(db).clusters.empty
    assert len(suggestions(db, include_ended=True).clusters) == 1


def test_a_strategy_or_goal_is_asked_for_by_kind(community):
    with pytest.raises(ValueError, match="goal"):
        suggestions(community, "indicator")


# --- learning from the room -----------------------------------------------------------

RECIDIVISM_PAIR = ((REENTRY["name"], "Reduce recidivism"),
                   (SECOND_CHANCE["name"], "Fewer people return to jail"))


def keep_apart(db, *goals: tuple[str, str]) -> int:
    subjects = tuple(D.subject("goal", c, t) for c, t in goals)
    return D.record(db, D.Decision("keep_separate", subjects, "facilitator",
                                   rationale="Different programmes"))


def test_a_pair_kept_separate_in_the_room_is_not_suggested_again(community):
    pair = RECIDIVISM_PAIR
    assert cluster_of(suggestions(community), *pair[0]) is not None
    entry = keep_apart(community, *pair)
    found = suggestions(community)
    assert cluster_of(found, *pair[0]) is None and cluster_of(found, *pair[1]) is None
    D.withdraw(community, entry, "facilitator", "We were wrong")
    assert cluster_of(suggestions(community), *pair[0]) is not None


def items(*goals: tuple[int, str, str]) -> pd.DataFrame:
    return pd.DataFrame([{"item_id": i, "coalition_id": c, "coalition": f"Coalition {c}",
                          "text": t, "key": item_key("goal", f"Coalition {c}", t)}
                         for i, (c, _, t) in enumerate(goals, start=1)])


def member_score(found, text: str) -> float | None:
    rows = found.members[found.members["text"] == text]
    return None if rows.empty else float(rows["score"].iloc[0])


def test_a_rejected_pair_lowers_the_score_of_pairs_worded_like_it(thesaurus):
    goals = items((1, "", "Increase third grade reading proficiency"),
                  (2, "", "More third graders in Ashford read at grade level"))
    before = suggest(goals, "goal", thesaurus)
    rejected = Feedback((Verdict("goal", frozenset({"x", "y"}),
                                 ("Raise 3rd grade reading proficiency",
                                  "More 3rd graders reading on grade level"), accepted=False),))
    after = suggest(goals, "goal", thesaurus, rejected, threshold=0.0)
    assert member_score(after, "More third graders in Ashford read at grade level") < \
        member_score(before, "More third graders in Ashford read at grade level")


def test_an_accepted_pair_teaches_its_wording_to_the_next_suggestions(thesaurus):
    # A thesaurus that lacks the concept, as a community's own vocabulary may.
    thesaurus = thesaurus.with_lines([Line("homeownership", p, remove=True)
                                      for p in thesaurus.concepts["homeownership"]])
    a, b = "Increase the homeownership rate", "More families own their homes"
    assert text_score(a, b, thesaurus) < TEXT_THRESHOLD
    goals = items((3, "", "Raise homeownership among Black residents"),
                  (4, "", "More Black families own their homes"))
    assert suggest(goals, "goal", thesaurus).clusters.empty
    accepted = Feedback((Verdict("goal", frozenset({item_key("goal", "Coalition 1", a),
                                                    item_key("goal", "Coalition 2", b)}),
                                 (a, b), accepted=True),))
    found = suggest(goals, "goal", thesaurus, accepted)
    assert len(found.clusters) == 1
    assert found.clusters["why"].iloc[0] == LEARNED
    assert "homeownership ~ own their homes" in found.clusters["reason"].iloc[0]


# --- the weaker band ("worth a look") ---------------------------------------------------

GED = "Increase GED completion"
HSE = "More adults earn a high school equivalency credential"
POSTSECONDARY = "Increase postsecondary completion"
APPRENTICESHIP = "Increase apprenticeship completion"


def test_a_pair_scoring_between_the_two_thresholds_is_only_worth_a_look(thesaurus):
    assert POSSIBLE_THRESHOLD <= text_score(POSTSECONDARY, APPRENTICESHIP, thesaurus) \
        < TEXT_THRESHOLD
    found = suggest(items((1, "", POSTSECONDARY), (2, "", APPRENTICESHIP)), "goal", thesaurus)
    [cluster] = found.clusters.itertuples()
    assert cluster.band == WORTH_A_LOOK and cluster.reason.startswith(WEAKER_SAID)
    assert cluster_of(found, "Coalition 1", POSTSECONDARY) == \
        cluster_of(found, "Coalition 2", APPRENTICESHIP)
    assert suggest(items((1, "", POSTSECONDARY), (2, "", APPRENTICESHIP)), "goal", thesaurus,
                   possible_threshold=None).clusters.empty


def test_an_item_in_a_likely_cluster_is_not_offered_again_in_a_weaker_one(thesaurus):
    # GED ~ postsecondary scores in the weaker band, but GED is in a likely cluster already
    assert POSSIBLE_THRESHOLD <= text_score(GED, POSTSECONDARY, thesaurus) < TEXT_THRESHOLD
    assert text_score(GED, HSE, thesaurus) >= TEXT_THRESHOLD
    found = suggest(items((1, "", GED), (2, "", HSE), (3, "", POSTSECONDARY),
                          (4, "", APPRENTICESHIP)), "goal", thesaurus)
    band = found.clusters.set_index("cluster_id")["band"]
    ged = cluster_of(found, "Coalition 1", GED)
    assert band[ged] == LIKELY and cluster_of(found, "Coalition 2", HSE) == ged
    weaker = cluster_of(found, "Coalition 3", POSTSECONDARY)
    assert weaker != ged and band[weaker] == WORTH_A_LOOK
    assert found.members["key"].is_unique
    # the likely ones come first
    assert found.clusters["band"].tolist() == [LIKELY, WORTH_A_LOOK]


REENGAGEMENT = "Open a reengagement center for youth without a diploma."
COME_BACK = "Track down students who left school and help them come back to finish."


def test_the_weaker_band_of_strategies_starts_lower_than_that_of_goals(thesaurus):
    # A strategy's details (who delivers it, where) thin what two descriptions of one
    # practice share: on blind sets its recall rose from 0.15, where goals' did not.
    assert weaker_from("strategy") < weaker_from("goal") == POSSIBLE_THRESHOLD
    assert weaker_from("strategy") <= text_score(REENGAGEMENT, COME_BACK, thesaurus,
                                                 practice=True) < weaker_from("goal")
    pair = items((1, "", REENGAGEMENT), (2, "", COME_BACK))
    found = suggest(pair, "strategy", thesaurus)
    assert found.clusters["band"].tolist() == [WORTH_A_LOOK]
    assert found.possible_threshold == weaker_from("strategy")
    assert suggest(pair, "goal", thesaurus).clusters.empty
    assert suggest(pair, "strategy", thesaurus, possible_threshold=POSSIBLE_THRESHOLD
                   ).clusters.empty


def test_the_room_decides_a_weaker_suggestion_as_a_likely_one(tmp_path):
    weaker = ((REENTRY["name"], POSTSECONDARY), (SECOND_CHANCE["name"], APPRENTICESHIP))
    db = build_database(tmp_path / "workbook.db", [
        {**REENTRY, "goals": [(POSTSECONDARY, None, None, None)], "strategies": []},
        {**SECOND_CHANCE, "goals": [(APPRENTICESHIP, None, None, None)], "strategies": []}])
    found = suggestions(db)
    assert found.clusters["band"].tolist() == [WORTH_A_LOOK]
    assert cluster_of(found, *weaker[0]) == cluster_of(found, *weaker[1])
    entry = keep_apart(db, *weaker)
    assert suggestions(db).clusters.empty  # kept apart: not offered in either band
    D.withdraw(db, entry, "facilitator", "We were wrong")
    D.record(db, D.Decision("combine", tuple(D.subject("goal", c, t) for c, t in weaker),
                            "facilitator", value=POSTSECONDARY))
    found = suggestions(db)
    assert found.clusters["already_combined"].tolist() == [True]


def test_a_combine_decision_in_the_log_is_learned_and_marks_the_pair_combined(community):
    pair = RECIDIVISM_PAIR
    D.record(community, D.Decision("combine", tuple(D.subject("goal", c, t) for c, t in pair),
                                   "facilitator", value="Fewer people return to jail"))
    found = suggestions(community)
    cluster = cluster_of(found, *pair[0])
    assert found.clusters.set_index("cluster_id").at[cluster, "already_combined"]
    others = found.clusters[found.clusters["cluster_id"] != cluster]
    assert not others["already_combined"].any()


# --- checklists as the loader reads them ------------------------------------------------

@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """Two early-learning coalitions' real checklists, loaded as `python -m workbook load`."""
    from workbook.community import default_community
    from workbook.loading import load_paths

    from .builders import ashford_checklist, checklist
    folder = tmp_path_factory.mktemp("loaded")
    paths = [ashford_checklist(folder, "ashford.xlsx"), checklist(folder, "montgomery.xlsx")]
    load_paths(paths, folder / "workbook.db", default_community())
    return folder / "workbook.db"


def test_loaded_checklists_readiness_goals_are_suggested_and_the_room_can_part_them(loaded,
                                                                                  tmp_path):
    import shutil
    db = Path(shutil.copy(loaded, tmp_path / "workbook.db"))
    ashford = ("Ashford Early Learning Network", "More children ready for kindergarten")
    montgomery = ("Montgomery County Early Learning Coalition", "Increase kindergarten readiness")
    found = suggestions(db)
    assert cluster_of(found, *ashford) is not None
    assert cluster_of(found, *ashford) == cluster_of(found, *montgomery)
    keep_apart(db, ashford, montgomery)
    assert cluster_of(suggestions(db), *ashford) is None


def test_a_cluster_proposes_its_members_most_used_wording(thesaurus):
    goals = items((1, "", "Fewer teens use e-cigarettes"), (2, "", "Reduce youth vaping"),
                  (3, "", "Reduce youth vaping"))
    [cluster] = suggest(goals, "goal", thesaurus).clusters.itertuples()
    assert cluster.wording == "Reduce youth vaping" and cluster.coalitions == 3


def test_terms_many_texts_hold_are_scored_as_terms_few_hold(thesaurus):
    from workbook.tasks.alignment.similarity import MANY_HOLDERS, alike, dice, folded_terms
    rows = labelled("goal-strategy-pairs.csv")
    texts = [t for r in rows for t in (r["text_a"], r["text_b"])] * 3
    terms = folded_terms(texts, thesaurus)
    holders = {}
    for position, t in enumerate(terms):
        for term in t:
            holders.setdefault(term, set()).add(position)
    assert max(len(h) for h in holders.values()) >= MANY_HOLDERS  # both paths are taken
    scores, _ = alike(terms)
    for a in range(0, len(terms), 7):
        for b in range(1, len(terms), 11):
            if a != b:
                assert scores[a, b] == pytest.approx(dice(terms[a], terms[b]), abs=1e-5)


def test_the_community_thesaurus_is_read_from_its_folder_and_its_problems_shown(community,
                                                                               tmp_path):
    folder = tmp_path / "riverbend"
    folder.mkdir()
    write(folder / "thesaurus.csv", "concept,phrase,decision\nrecidivism,,\n")
    found = suggestions(community, community_folder=folder)
    assert [p.code for p in found.problems] == [Code.THESAURUS_ROW_INVALID.name]
    assert found.problems[0].file == str(folder / "thesaurus.csv")
    assert suggestions(community).problems == ()


# --- glosses: a description reaches the concept it describes ------------------------------

def described(thesaurus, text: str) -> set[str]:
    """The concepts a text describes without naming them."""
    terms = thesaurus.terms(text)
    return {t[len("@"):] for t, how in terms.named_by.items() if how.startswith("described:")}


@pytest.mark.parametrize("named, description, concept", [
    ("Expand Parents as Teachers",
     "Parent educators come to the house every other week to coach mothers and fathers "
     "of toddlers", "home visiting"),
    ("Start a Hope Squad",
     "Students trained to notice peers who are struggling and bring them to an adult",
     "suicide"),
    ("Fund youth mentoring",
     "Match each young person with an adult volunteer who meets with them every week",
     "caring adult"),
    ("Expand Summer EBT",
     "Give families grocery money for each child while school meals are out for the summer",
     "summer meals"),
])
def test_a_description_in_other_words_reaches_the_concept_its_named_programme_is(
        thesaurus, named, description, concept):
    assert concept in described(thesaurus, description)
    assert pair_scores([(named, description)], thesaurus, "strategy")[0] >= TEXT_THRESHOLD


@pytest.mark.parametrize("a, b", [
    # a named concept's words are not read again as a description of another
    ("Parenting classes using Triple P", "Financial coaching classes for parents"),
    ("Integrate behavioral health into primary care", "Integrate oral health into primary care"),
    # same setting, different activity
    ("Mail a free book every month to every child from birth to age five",
     "Nurses visit first-time mothers at home until the baby turns two"),
    ("Send underage buyers into stores to see whether clerks sell them cigarettes",
     "Train bartenders not to serve customers who are already drunk"),
])
def test_a_near_miss_does_not_reach_the_other_concept(thesaurus, a, b):
    assert pair_scores([(a, b)], thesaurus, "strategy")[0] < TEXT_THRESHOLD


def test_two_words_of_a_gloss_do_not_describe_it(thesaurus):
    assert "home visiting" not in described(thesaurus, "Visit the public library")
    assert "home visiting" in described(thesaurus, "Nurses come to the home to coach new parents")


def test_a_described_concept_weighs_less_than_a_named_one(thesaurus):
    named = thesaurus.terms("Expand home visiting").weights["@home visiting"]
    told = thesaurus.terms("Nurses come to the house to coach new parents and their babies")
    assert 0 < told.weights["@home visiting"] < named


def test_the_pairwise_and_many_at_once_scores_agree_on_described_concepts(thesaurus):
    texts = ["Bring Parents as Teachers to the east side",
             "Parent educators come to the house every other week to coach mothers",
             "Send a new picture book to each baby's home by post every month",
             "Offer Dolly Parton's Imagination Library"]
    matrix = alike_matrix(folded_terms(texts, thesaurus), practice=True)
    for i, a in enumerate(texts):
        for j, b in enumerate(texts):
            if i < j:
                assert matrix[i, j] == pytest.approx(text_score(a, b, thesaurus, True), abs=1e-5)


def test_a_community_gloss_line_replaces_the_default_gloss(tmp_path, thesaurus):
    a, b = "Reduce recidivism", "Fewer neighbors land in a cell again"
    assert text_score(a, b, thesaurus) < TEXT_THRESHOLD
    own = read_thesaurus(write(tmp_path / "thesaurus.csv", "concept,phrase,decision\n"
                               "recidivism,cell again land prison,gloss\n"))
    assert not own.problems
    assert "recidivism" in described(own, b)
    assert text_score(a, b, own) >= TEXT_THRESHOLD


def test_every_concept_that_says_what_has_a_gloss_and_every_gloss_a_concept(thesaurus):
    concepts = set(thesaurus.concepts)
    with open(DEFAULT_GLOSSES, encoding="utf-8", newline="") as handle:
        glossed = [row["concept"] for row in csv.DictReader(handle)
                   if not row["concept"].startswith("#")]
    assert set(glossed) <= concepts
    assert {c for c in concepts if not c.endswith("(who)")} <= set(glossed)


def test_a_concept_on_two_default_gloss_lines_has_the_words_and_parts_of_both(
        tmp_path, monkeypatch):
    from workbook.tasks.alignment import thesaurus as module
    glosses = tmp_path / "glosses.csv"
    glosses.write_text("concept,gloss\n# first section\nfoster care,foster removed [permanency]\n"
                       "# a later section widens it\nfoster care,placement [kinship care]\n",
                       encoding="utf-8")
    monkeypatch.setattr(module, "DEFAULT_GLOSSES", glosses)
    widened = module.default_glosses()["foster care"]
    assert {"foster", "remov", "placement"} <= widened
    assert module.default_parts()["foster care"] == {"permanency", "kinship care"}


def test_a_short_text_naming_nothing_needs_fewer_gloss_words(thesaurus):
    # two of its three words are teen births' gloss words
    assert "teen births" in described(thesaurus, "Fewer adolescents become pregnant")
    assert text_score("Reduce teen births", "Fewer adolescents become pregnant",
                      thesaurus) >= TEXT_THRESHOLD
    # a text naming a concept leaves its other words to the usual three
    assert "parenting education" not in described(thesaurus,
                                                  "Financial coaching classes for parents")


# --- round 8: two words specific to one gloss; outcome paraphrases in plain words -------------

def test_two_gloss_words_specific_to_one_concept_describe_it_beside_a_named_one(thesaurus):
    # "cannabis" is named; "understand" and "hurt" are each in at most two glosses
    text = "More young people understand that using cannabis can hurt them"
    assert "perceived risk (measure)" in described(thesaurus, text)
    assert text_score("Increase perceived risk of harm from regular marijuana use", text,
                      thesaurus) >= TEXT_THRESHOLD


def test_gloss_words_found_in_many_glosses_are_not_specific(tmp_path, thesaurus):
    text = "More young people understand that using cannabis can hurt them"
    own = read_thesaurus(write(tmp_path / "thesaurus.csv", "concept,phrase,decision\n"
                               "bullying,understand hurt bully,gloss\n"
                               "suicide,understand hurt suicide,gloss\n"))
    assert not own.problems
    assert "perceived risk (measure)" not in described(own, text)


def test_words_of_a_concepts_own_name_are_not_specific_evidence(thesaurus):
    # "media campaign" shares the campaign's name words: the topics still differ
    assert text_score("Media campaign on the dangers of vaping",
                      "Media campaign on the dangers of distracted driving",
                      thesaurus, True) < TEXT_THRESHOLD


@pytest.mark.parametrize("kind, a, b", [
    ("goal", "Increase the share of adults with a postsecondary credential",
     "More working-age residents hold a college degree or certificate"),
    ("goal", "Reduce depression among high school students", "Fewer teens feeling sad or hopeless"),
    ("goal", "Reduce the teen birth rate", "Fewer teens become moms"),
    ("goal", "Increase childhood immunization rates",
     "More toddlers protected against measles and whooping cough"),
    ("strategy", "Convene an IT sector partnership",
     "Bring tech employers to the table to design training for their openings"),
    ("strategy", "Integrated education and training for adult learners",
     "Team-teach English and welding in the same class"),
])
def test_a_plain_words_paraphrase_reaches_the_result_or_practice(thesaurus, kind, a, b):
    assert pair_scores([(a, b)], thesaurus, kind)[0] >= TEXT_THRESHOLD


@pytest.mark.parametrize("kind, a, b", [
    ("goal", "Fewer teens feeling sad or hopeless", "Fewer teens feeling unsafe at school"),
    ("goal", "Reduce the teen birth rate", "Increase prenatal care in the first trimester"),
    ("goal", "Delay age of first alcohol use", "Reduce adult binge drinking"),
    ("strategy", "Convene a healthcare sector partnership",
     "Expand nursing scholarships at the community college"),
    ("strategy", "Team-teach English and welding in the same class",
     "Offer ESL classes at the library"),
])
def test_a_near_miss_of_a_widened_gloss_stays_apart(thesaurus, kind, a, b):
    assert pair_scores([(a, b)], thesaurus, kind)[0] < TEXT_THRESHOLD


def test_a_concept_named_in_one_text_and_described_in_another_scores_alike_in_either_order(
        thesaurus):
    from workbook.tasks.alignment.similarity import MANY_HOLDERS, alike, dice
    named = "Sector partnerships with healthcare employers"
    told = "Convene hospital employers to design training for in-demand health care jobs"
    assert thesaurus.terms(told).weights["@sector partnerships"] < 1
    # each county named twice: the texts differ in words another text holds, so many
    # texts hold the concept at different weights (the matrix product's case)
    counties = COUNTIES[:MANY_HOLDERS]
    for texts in ([named, told], [told, named],
                  [f"{t} in {c} County" for c in counties for t in (named, told)]):
        terms = folded_terms(texts, thesaurus)
        scores, _ = alike(terms)
        assert scores[0, 1] == pytest.approx(dice(terms[0], terms[1]), abs=1e-5)
        assert scores[0, -1] == pytest.approx(dice(terms[0], terms[-1]), abs=1e-5)
        assert dice(terms[0], terms[1]) == pytest.approx(dice(terms[1], terms[0]))


# Real county names (several states share most of them).
COUNTIES = ("Adams Allen Baker Benton Boone Brown Butler Calhoun Carroll Cass Clark Clay "
            "Clinton Crawford Dallas Decatur Douglas Franklin Fulton Grant Greene Hamilton "
            "Hancock Harrison Henry Jackson Jasper Jefferson Johnson Knox Lake Lawrence Lee "
            "Lincoln Logan Madison Marion Marshall Monroe Montgomery Morgan Perry Pike Polk "
            "Putnam Randolph Scott Shelby Union Warren Washington Wayne").split()


def test_texts_differing_only_in_words_no_other_text_holds_score_as_each_pair_does(
        thesaurus):
    from workbook.tasks.alignment.similarity import alike, dice
    rows = labelled("goal-strategy-pairs.csv")
    plain = list(dict.fromkeys(t for r in rows[:60] for t in (r["text_a"], r["text_b"])))
    # each statement as typed (five of them twice), and again with a county or a place no
    # other text names, as real plans add their place
    texts = [*plain, *plain[:5], *(f"{t} in {c} County" for t, c in zip(plain, COUNTIES)),
             *(f"{t} for {c} residents" for t, c in zip(plain[:20], COUNTIES[20:]))]
    terms = folded_terms(texts, thesaurus)
    for practice in (False, True):
        scores, _ = alike(terms, practice)
        for i in range(len(texts)):
            for j in range(len(texts)):
                if i != j:
                    assert scores[i, j] == pytest.approx(dice(terms[i], terms[j], practice),
                                                         abs=1e-5), (texts[i], texts[j])


def test_the_early_grades_are_apart_from_high_school_but_not_from_children(thesaurus):
    early = "Reduce chronic absenteeism in grades K-3"
    assert text_score(early, "Reduce chronic absenteeism among high school students",
                      thesaurus) < TEXT_THRESHOLD
    assert text_score(early, "Reduce chronic absenteeism among children",
                      thesaurus) >= TEXT_THRESHOLD


def test_a_phrase_read_in_reverse_does_not_span_a_list(thesaurus):
    listed = thesaurus.terms("Give naloxone kits to first responders, schools and community "
                             "members").weights
    assert "@community schools" not in listed
    # still read in reverse where nothing is listed between its words
    assert "@job training" in thesaurus.terms("Provide training for jobs").weights


# --- a whole described by its parts ---------------------------------------------------

def test_a_text_naming_several_parts_and_a_word_of_the_whole_describes_the_whole(thesaurus):
    cliff = ("Show parents how a raise would change their SNAP, child care subsidy and "
             "Medicaid so they can plan")
    assert thesaurus.terms(cliff).weights["@benefits cliff"] == DESCRIBED
    assert pair_scores([("Use a benefits cliff calculator with families", cliff)], thesaurus,
                       "strategy")[0] >= TEXT_THRESHOLD
    two_gen = "Pair job training for parents with quality early education for their children"
    assert pair_scores([("Adopt a 2Gen approach", two_gen)], thesaurus,
                       "strategy")[0] >= TEXT_THRESHOLD


def test_parts_listed_without_a_word_of_the_whole_or_one_part_alone_stay_what_they_are(
        thesaurus):
    enrol = thesaurus.terms("Help families enroll in SNAP, WIC and Medicaid").weights
    assert "@benefits cliff" not in enrol and "@public benefits" not in enrol
    assert enrol["@SNAP"] == 1.0
    services = thesaurus.terms("Provide tutoring, mentoring and mental health counseling "
                               "to students").weights
    assert services["@tutoring"] == 1.0 and "@integrated student supports" not in services
    assert thesaurus.terms("Flag students who miss school").weights["@chronic absence"] == 1.0


def test_a_concept_that_is_a_part_here_and_named_there_scores_alike_in_matrix_and_pairs(
        thesaurus):
    from workbook.tasks.alignment.similarity import MANY_HOLDERS, alike, dice
    flagged = ("Flag students with frequent absences, discipline referrals or failing grades "
               "and match them to supports")
    assert thesaurus.terms(flagged).weights["@chronic absence"] < DESCRIBED
    named = ["Reduce chronic absenteeism", "Cut chronic absence among students",
             "Reduce out-of-school suspensions"]
    # each county twice: many distinct texts hold chronic absence (the product's case)
    many = [f"Reduce chronic absenteeism in {c} County" for c in COUNTIES[:MANY_HOLDERS]] * 2
    for practice in (False, True):
        for texts in ([flagged, *named], [flagged, *named, *many]):
            terms = folded_terms(texts, thesaurus)
            scores, _ = alike(terms, practice)
            for j in range(1, len(named) + 1):
                assert scores[0, j] == pytest.approx(dice(terms[0], terms[j], practice),
                                                     abs=1e-5)
                assert scores[j, 0] == pytest.approx(scores[0, j])


def test_a_community_gloss_lists_parts_in_square_brackets():
    own = build_thesaurus([Line("school health team", "nurse team [dental care] "
                                "[counseling] [immunization]", gloss=True)])
    assert own.parts["school health team"] == {"dental care", "counseling", "immunization"}
    weights = own.terms("A nurse team brings dental care, counseling and vaccines "
                        "to students").weights
    assert weights["@school health team"] == DESCRIBED
    assert weights["@dental care"] < DESCRIBED


def test_every_part_of_a_default_gloss_is_a_concept_of_the_default_thesaurus(thesaurus):
    parts = {p for listed in thesaurus.parts.values() for p in listed}
    assert parts and parts <= set(thesaurus.concepts)


def test_a_text_naming_the_whole_and_describing_it_holds_the_parts_it_names_as_details(
        thesaurus):
    described = "Screen students for substance use, do a brief talk, refer to treatment"
    weights = thesaurus.terms(described).weights
    assert weights["@screening brief intervention"] == 1.0
    assert weights["@treatment"] < DESCRIBED
    assert pair_scores([("SBIRT in school-based health centers", described)], thesaurus,
                       "strategy")[0] >= TEXT_THRESHOLD
    # without a description of the whole, the part is still what the text is about
    assert thesaurus.terms("Screen for substance use and expand treatment").weights[
        "@treatment"] == 1.0


def test_overdose_deaths_and_overdose_emergency_visits_are_different_results(thesaurus):
    for visits in ("Reduce overdose-related emergency room visits",
                   "Reduce nonfatal overdose emergency department visits"):
        assert pair_scores([("Reduce overdose deaths", visits)], thesaurus)[0] < TEXT_THRESHOLD
    assert pair_scores([("Reduce overdose ED visits", "Reduce overdose-related emergency room "
                         "visits")], thesaurus)[0] >= TEXT_THRESHOLD


def test_police_say_who_carries_a_practice_out(thesaurus):
    described = "Police send underage decoys into stores to see whether clerks ask for ID"
    assert pair_scores([("Conduct alcohol compliance checks", described)], thesaurus,
                       "strategy")[0] >= TEXT_THRESHOLD
    assert pair_scores([("Conduct alcohol compliance checks with law enforcement",
                         "Offer responsible beverage service training to servers and clerks")],
                       thesaurus, "strategy")[0] < TEXT_THRESHOLD


def test_an_age_range_says_who_and_the_program_named_for_it_stays_a_program(thesaurus):
    assert pair_scores([("Increase infant-toddler child care capacity",
                         "More licensed slots for children birth to 3")], thesaurus)[0] \
        >= TEXT_THRESHOLD
    assert "@early intervention" in thesaurus.terms("Expand Birth to Three services for "
                                                    "toddlers with delays").weights


def test_a_statements_source_and_definition_are_details():
    text = ("Reduce the prevalence of obesity (BMI at or above the 95th percentile) among "
            "students, as measured by the school BMI surveillance program; add parks.")
    positions = detail_positions(text)
    raw = content_spans(text)[0]
    in_detail = {raw[p] for p in positions}
    assert {"bmi", "percentile", "surveillance", "program"} <= in_detail
    assert not {"reduce", "obesity", "students", "parks"} & in_detail
    assert detail_positions("Reduce obesity among students") == frozenset()


def test_details_weigh_as_details_and_name_no_result(thesaurus):
    plain = "Reduce the percentage of students who are bullied at school"
    detailed = plain + " (Youth Risk Behavior Survey; school climate survey data)"
    weights = thesaurus.terms(detailed).weights
    extra = {t: w for t, w in weights.items() if t not in thesaurus.terms(plain).weights}
    assert extra and all(w <= (LIGHT if t.startswith(CONCEPT_MARK) else GENERIC)
                         for t, w in extra.items())
    # a concept said only in brackets (a data source) is no result of the statement
    sourced = thesaurus.terms("Reduce food insecurity (vital statistics birth certificate data)")
    assert not [t for t, w in sourced.weights.items() if w > LIGHT and "food" not in t]
    other = "Fewer kids will get picked on or bullied at school"
    assert text_score(detailed, other, thesaurus) > text_score(
        plain + " Youth Risk Behavior Survey school climate survey data", other, thesaurus)


def test_goals_naming_the_same_result_and_no_other_are_alike_whatever_else_they_say(thesaurus):
    a = ("Reduce the overall food insecurity rate in the county from 14% to 10% "
         "(Feeding America Map the Meal Gap).")
    b = ("Fewer households in our community will worry about running out of food or skip "
         "meals because they can't afford them.")
    assert text_score(a, b, thesaurus) >= RESULT_FACTOR >= TEXT_THRESHOLD
    # ages far apart and a result of each its own still tell goals apart
    assert text_score("Reduce childhood obesity in grades K-3",
                      "Reduce obesity among adults over 65", thesaurus) < TEXT_THRESHOLD
    assert text_score("Reduce food insecurity and obesity among seniors living alone in rural towns",
                      "Reduce food insecurity and homelessness among veterans returning home",
                      thesaurus) < TEXT_THRESHOLD


def test_an_age_group_said_inside_a_phrase_still_tells_goals_apart(thesaurus):
    # "child food insecurity" is a phrase of food insecurity: its "child" was taken with it,
    # and food insecurity among children scored 0.85 against food insecurity among seniors.
    seniors, children = ("Reduce food insecurity among adults 60 and older",
                         "Reduce the child food insecurity rate")
    assert "@children (who)" in thesaurus.terms(children).weights
    assert text_score(seniors, children, thesaurus) <= 0.5 * text_score(
        seniors, "Reduce the food insecurity rate", thesaurus)
    # it only tells ages apart: "child care" is no group's care, and child care for
    # families scores as before
    assert "@children (who)" not in thesaurus.terms("Expand child care").weights
    assert text_score("Increase the number of licensed child care slots",
                      "More families can find and afford licensed childcare close to home",
                      thesaurus) >= TEXT_THRESHOLD


# --- vocab2: the field's vocabulary written from knowledge (food, housing, justice, aging…) ----
# Pairs worded as real plans in these fields word them: a result named by its data source or
# measure against the plain result, a named programme against what it does, the problem going
# down against the good thing going up. Written from the field, not from any labelled set.

def test_no_phrase_of_the_default_thesaurus_is_in_two_concepts():
    from workbook.tasks.alignment.thesaurus import default_lines
    first: dict[tuple[str, ...], str] = {}
    twice = []
    for line in default_lines():
        words = tuple(content_words(line.phrase))
        concept = first.setdefault(words, line.concept)
        if concept.casefold() != line.concept.casefold():
            twice.append((line.phrase, concept, line.concept))
    assert twice == []


@pytest.mark.parametrize("a, b", [
    ("Reduce food insecurity (Map the Meal Gap)",
     "Fewer households run out of food before the end of the month"),
    ("Reduce the number of people experiencing homelessness in the PIT count",
     "Fewer residents sleep in shelters, cars or on the street"),
    ("Reduce the jail population", "Fewer people held in the county jail on any given day"),
    ("Reduce placement moves for children in foster care",
     "Children in foster care stay in one stable placement"),
    ("Expand Matter of Balance classes",
     "Offer workshops that reduce fear of falling and build strength for older adults"),
    ("Increase home broadband subscription", "More households pay for internet at home"),
    ("Expand immigration legal services",
     "Free lawyers help immigrants with visas, work permits and deportation cases"),
    ("Increase blood lead testing of 1- and 2-year-olds", "More toddlers are tested for lead"),
    ("Improve air quality", "Fewer unhealthy air days from diesel trucks"),
    ("Reduce traffic deaths (Vision Zero)", "Fewer people killed or seriously injured in crashes"),
    ("Build complete streets", "Add sidewalks, crosswalks and protected bike lanes"),
    ("Expand HCBS so older adults can age in place", "Fewer older adults move into nursing homes"),
    ("Support CASA volunteers",
     "Trained volunteers advocate in court for children in foster care"),
    ("Reduce the number of children in congregate care",
     "Fewer foster children live in group homes or residential facilities"),
    ("Increase neighborhood safety", "Residents feel safe walking in their neighborhood at night"),
    ("Reduce elder abuse",
     "Fewer older adults are financially exploited or neglected by caregivers"),
])
def test_field_vocabulary_finds_a_result_or_practice_in_other_words(thesaurus, a, b):
    assert text_score(a, b, thesaurus) >= TEXT_THRESHOLD


@pytest.mark.parametrize("a, b", [
    ("Reduce lead poisoning", "Replace lead service lines"),
    ("Reduce lead poisoning", "Increase blood lead testing"),
    ("Reduce the jail population", "Reduce recidivism"),
    ("Expand rapid rehousing", "Expand permanent supportive housing"),
    ("Expand rapid rehousing", "Expand shelter diversion"),
    ("Reduce domestic violence", "Reduce sexual violence"),
    ("Reduce gun violence", "Reduce domestic violence"),
    ("Improve air quality", "Improve drinking water quality"),
])
def test_neighbouring_results_and_practices_of_a_field_stay_apart(thesaurus, a, b):
    assert text_score(a, b, thesaurus) < POSSIBLE_THRESHOLD


# --- vocab1: a gloss widened by a later row; the field's programmes and measures ------------

def test_a_concept_listed_again_in_the_default_glosses_adds_words_to_its_gloss(tmp_path,
                                                                             monkeypatch):
    from workbook.tasks.alignment import thesaurus as module
    glosses = write(tmp_path / "glosses.csv", "concept,gloss\n# Early childhood\n"
                    "book gifting,book mail monthly\n# --- a later section ---\n"
                    "book gifting,library shelf [early literacy]\n")
    monkeypatch.setattr(module, "DEFAULT_GLOSSES", glosses)
    assert module.default_glosses()["book gifting"] >= {"book", "mail", "librari", "shelf"}
    assert module.default_parts()["book gifting"] == {"early literacy"}


@pytest.mark.parametrize("named, described", [
    ("Promote 988 in schools and workplaces",
     "Make sure residents know they can call or text three digits to reach a trained crisis "
     "counselor"),
    ("Conduct Synar inspections", "Check that stores do not sell tobacco to minors"),
    ("Increase prescriber use of the PDMP",
     "Doctors check the state prescription database before prescribing opioids"),
    ("Launch a quick response team",
     "Paramedics, police and a peer coach visit people within 72 hours of a nonfatal overdose "
     "to offer treatment"),
    ("Implement the Collaborative Care Model",
     "A psychiatrist consults weekly with primary care teams on patients with depression"),
    ("Expand Oxford Houses", "Open more sober living homes run by residents in recovery"),
    ("Promote community water fluoridation", "Keep fluoride in the town water supply"),
    ("Farm to school", "Schools buy food from local farmers and students grow school gardens"),
    ("Medical-legal partnership",
     "Lawyers on site at the clinic help patients fix housing and benefits problems"),
])
def test_a_named_programme_meets_the_plain_words_coalitions_describe_it_with(thesaurus, named,
                                                                           described):
    assert pair_scores([(named, described)], thesaurus, "strategy")[0] >= TEXT_THRESHOLD


@pytest.mark.parametrize("problem_down, good_up", [
    ("Reduce untreated tooth decay among 3rd graders (Smile Survey)", "More 3rd graders are cavity-free"),
    ("Reduce physical inactivity among adults (BRFSS)",
     "More adults get 150 minutes of activity a week"),
    ("Reduce the uninsured rate (SAHIE)", "More residents have health coverage"),
    ("Reduce food insecurity (Map the Meal Gap)", "Fewer households worry about running out of food"),
])
def test_a_result_named_by_its_data_source_meets_its_plain_wording(thesaurus, problem_down,
                                                                   good_up):
    assert pair_scores([(problem_down, good_up)], thesaurus, "goal")[0] >= TEXT_THRESHOLD


@pytest.mark.parametrize("kind, one, other", [
    ("goal", "Reduce perceived parental disapproval of marijuana",
     "Reduce perceived peer disapproval of marijuana"),
    ("strategy", "Pass a flavored tobacco ban", "Conduct tobacco retailer compliance checks"),
    ("strategy", "Community water fluoridation", "Fluoride varnish at well-child visits"),
    ("goal", "Reduce untreated tooth decay", "Increase dental coverage for adults"),
    ("goal", "Increase adult high school equivalency attainment",
     "Increase adult English proficiency"),
])
def test_practices_and_measures_the_field_tells_apart_stay_apart(thesaurus, kind, one, other):
    assert pair_scores([(one, other)], thesaurus, kind)[0] < TEXT_THRESHOLD


@pytest.mark.parametrize("text, concept", [
    ("Promote FAFSA completion with ads on social media and billboards",
     "tobacco and drug media campaigns"),
    ("Recruit and retain teachers through loan repayment and a local pipeline",
     "clinician recruitment"),
    ("Coach teachers on reading instruction and a new curriculum", "math instruction"),
    ("Screen toddlers for developmental delays with a parent questionnaire and make referrals",
     "social needs screening"),
    ("Free lawyers for tenants facing eviction in housing court", "medical-legal partnership"),
    ("Peer mentors help friends think through choices", "peer disapproval (measure)"),
    ("School counselors reach out by phone and text to families of absent students",
     "crisis response"),
])
def test_words_a_practice_shares_with_other_fields_do_not_describe_it(thesaurus, text, concept):
    # a gloss of specific words: two of them describe the practice in any text
    assert CONCEPT_MARK + concept not in thesaurus.terms(text).weights


# --- a description's reason, as the room reads it ------------------------------------------

def test_a_described_concept_is_shown_with_the_texts_own_words_not_their_stems(thesaurus):
    # The reason on a suggestion card read "described: struggl, afford, basic" on the
    # projector: the stems the gloss is matched on, not words anyone wrote.
    text = "Peer educators visit weekly to coach parents in teaching their children"
    said = thesaurus.terms(text).named_by[CONCEPT_MARK + "home visiting"]
    words = said.removeprefix("described: ").split(", ")
    assert said.startswith("described: ") and len(words) >= 3
    assert all(word in text.split() for word in words), words


def test_a_described_whole_shows_its_parts_by_their_concepts_names(thesaurus):
    text = "Show parents how a raise would change their SNAP, child care subsidy and Medicaid"
    said = thesaurus.terms(text).named_by[CONCEPT_MARK + "benefits cliff"]
    words = said.removeprefix("described: ").split(", ")
    assert "child care" in words and "SNAP" in words
    assert not any(word.startswith("[") for word in words), words


# --- read once per change of the files --------------------------------------------------

def test_the_thesaurus_is_read_again_only_when_its_file_changed(tmp_path):
    # A dashboard asks for it at every decision the room records; read afresh, the terms of
    # every statement went with the old copy (0.4 s a refresh on the example).
    path = write(tmp_path / "thesaurus.csv", "concept,phrase\nrecidivism,zorblat\n")
    first = read_thesaurus(path)
    assert read_thesaurus(path) is first
    assert CONCEPT_MARK + "recidivism" in first.terms("Fewer zorblat").weights
    # the same size, saved within the same instant: still read as the new file
    path.write_text("concept,phrase\nrecidivism,quaxlet\n", encoding="utf-8")
    again = read_thesaurus(path)
    assert CONCEPT_MARK + "recidivism" in again.terms("Fewer quaxlet").weights
    assert CONCEPT_MARK + "recidivism" not in again.terms("Fewer zorblat").weights
