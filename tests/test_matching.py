"""Recognising one organisation, or one person, under many spellings."""
from __future__ import annotations

import csv
import random

import pytest
from rapidfuzz import fuzz

from workbook.community import Community
from workbook.matching import (MERGE_THRESHOLD, REVIEW_THRESHOLD, AliasBook, PersonMention,
                               match_organisations, match_people, normalise_organisation,
                               read_aliases, write_review_csv)

BGC_TRIO = ["Boys & Girls Club of NKY", "Boys and Girls Clubs of Northern Kentucky", "B&GC of NKY"]


def keys(result, *spellings: str) -> set[str]:
    return {result.resolutions[spelling].key for spelling in spellings}


def write_aliases(path, *lines: str, encoding: str = "utf-8-sig"):
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def aliases(tmp_path, *rows: str) -> AliasBook:
    book = read_aliases(write_aliases(tmp_path / "aliases.csv", "kind,name,canonical,decision", *rows))
    assert book.errors == []
    return book


# --- spellings that read the same -------------------------------------------------------

@pytest.mark.parametrize("typed, other", [
    ("Riverbend Public Library", "RIVERBEND PUBLIC LIBRARY"),
    ("Riverbend Public Library", "  riverbend   public\u00a0library "),
    ("Riverbend Public Library", "Riverbend\u200b Public Library"),
    ("Riverbend Health Dept.", "Riverbend Health Department"),
    ("Boys & Girls Club of Riverbend", "Boys and Girls Clubs of Riverbend"),
    ("Boys + Girls Club", "Boys and Girls Club"),
    ("The Food Bank of Riverbend", "Food Bank of Riverbend"),
    ("Riverbend Arts Assn.", "Riverbend Arts Association"),
    ("Riverbend Family Svcs, Inc.", "Riverbend Family Services"),
    ("Northern Univ", "Northern University"),
    ("Riverbend Youth Ctr", "Riverbend Youth Centre"),
    ("Ashford Co. Schools", "Ashford County Schools"),
    ("Riverbend Water Co.", "Riverbend Water Company, LLC"),
    ("Children's Home of Riverbend", "Childrens Home of Riverbend"),
    ("Café Riverbend", "Cafe Riverbend"),
    ("United Way of Greater Riverbend", "United Way Greater Riverbend Inc."),
])
def test_spellings_that_read_the_same_merge_silently(typed, other):
    result = match_organisations([typed, other])
    assert len(keys(result, typed.strip(), other.strip().replace("\u200b", ""))) == 1
    assert {r.how for r in result.resolutions.values()} <= {"exact", "normalised"}
    assert result.merged_with_warning == [] and result.review == []


def test_normalised_key_evens_out_case_punctuation_plurals_and_legal_forms():
    assert normalise_organisation("The Boys & Girls Clubs of N.K.Y., Inc.") == "boy girl club nky"
    assert normalise_organisation("Riverbend Health Dept.") == "riverbend health department"
    assert normalise_organisation("St. Mary's Hospital") == "st mary hospital"


@pytest.mark.parametrize("name", ["B&GC of NKY", "Boys & Girls Clubs of N.K.Y.", "NKYHS Clinic",
                                  "St. Mary's Hospital", "Riverbend Co. Schools, Inc."])
def test_the_key_does_not_depend_on_case(name):
    assert normalise_organisation(name) == normalise_organisation(name.upper()) \
        == normalise_organisation(name.lower())


def test_the_display_name_is_the_most_used_spelling():
    result = match_organisations(["United Way of Greater Riverbend"] * 2
                                 + ["United Way Greater Riverbend Inc."])
    assert {r.canonical for r in result.resolutions.values()} == {"United Way of Greater Riverbend"}
    assert result.resolutions["United Way Greater Riverbend Inc."].how == "normalised"
    assert result.resolutions["United Way of Greater Riverbend"].how == "exact"


def test_a_tie_goes_to_the_longest_spelling_and_the_key_follows_it():
    result = match_organisations(["Riverbend Library", "Riverbend Library Inc."])
    resolution = result.resolutions["Riverbend Library"]
    assert resolution.canonical == "Riverbend Library Inc."
    assert resolution.key == normalise_organisation("Riverbend Library Inc.") == "riverbend library"


def test_stray_spaces_do_not_win_a_tie_or_show_in_the_display_name():
    result = match_organisations(["Riverbend Public Library", "Riverbend  Public\u00a0 Library"])
    assert {r.canonical for r in result.resolutions.values()} == {"Riverbend Public Library"}


def test_blank_spellings_are_ignored_and_untrimmed_ones_resolve():
    result = match_organisations(["", "   ", None, " Riverbend Public Library "])
    assert list(result.resolutions) == ["Riverbend Public Library"]
    assert result.resolve("Riverbend Public Library\u00a0").canonical == "Riverbend Public Library"
    assert match_organisations([]).resolutions == {}


# --- acronyms ---------------------------------------------------------------------------

def test_the_boys_and_girls_club_trio_is_one_organisation():
    result = match_organisations(BGC_TRIO + ["Northern Kentucky University",
                                             "Northern Kentucky Health Department"])
    assert len(keys(result, *BGC_TRIO)) == 1
    assert result.resolutions[BGC_TRIO[0]].canonical == "Boys and Girls Clubs of Northern Kentucky"
    assert {r.spelling for r in result.merged_with_warning} == {BGC_TRIO[0], BGC_TRIO[2]}
    assert {r.how for r in result.merged_with_warning} == {"acronym"}
    assert len(keys(result, "Northern Kentucky University", "Northern Kentucky Health Department",
                    BGC_TRIO[0])) == 3


def test_the_trio_matches_in_any_order_and_with_repeats():
    spellings = BGC_TRIO * 3 + ["B&GC of NKY"]
    random.Random(4).shuffle(spellings)
    result = match_organisations(spellings)
    assert len(keys(result, *BGC_TRIO)) == 1
    # The most typed spelling is the acronym, but the display name is the fullest one.
    assert (result.resolutions["B&GC of NKY"].canonical
            == "Boys and Girls Clubs of Northern Kentucky")


def test_an_acronym_is_expanded_only_with_evidence_from_the_batch():
    alone = match_organisations(["NKY Health Department", "Northern Kentucky University"])
    assert alone.resolutions["NKY Health Department"].key == "nky health department"
    assert alone.merged_with_warning == []
    taught = match_organisations(["NKY Health Dept", "Northern Kentucky Health Department",
                                  "NKY University", "Northern Kentucky University"])
    assert len(keys(taught, "NKY Health Dept", "Northern Kentucky Health Department")) == 1
    assert len(keys(taught, "NKY University", "Northern Kentucky University")) == 1
    assert len(keys(taught, "NKY Health Dept", "NKY University")) == 2


def test_an_acronym_must_fit_the_phrase_it_replaces():
    result = match_organisations(["NKY Health Department", "Riverbend Health Department",
                                  "NKY Food Bank", "Northern Riverbend Food Bank"])
    assert len(keys(result, *result.resolutions)) == 4


def test_an_acronym_typed_alone_is_only_offered_for_review():
    # Letters that fit a name prove nothing on their own: "ACS" may be the American
    # Cancer Society beside the only name of the batch whose initials it fits.
    single = match_organisations(["ACS", "Ashford County Schools"])
    assert len(keys(single, "ACS", "Ashford County Schools")) == 2
    assert single.merged_with_warning == []
    assert [(i.name, i.candidate, i.reason) for i in single.review] == [
        ("ACS", "Ashford County Schools", "acronym")]
    spellings = ["ACS", "Ashford County Schools", "American Cancer Society"]
    both = match_organisations(spellings)
    assert len(keys(both, *spellings)) == 3
    assert {i.candidate for i in both.review if i.name == "ACS"} == {"Ashford County Schools",
                                                                    "American Cancer Society"}


def test_an_acronym_spelled_out_in_parentheses_merges():
    spellings = ["Northern Kentucky Area Development District (NKADD)", "NKADD",
                 "Northern Kentucky Area Development District"]
    result = match_organisations(spellings)
    assert len(keys(result, *spellings)) == 1
    assert result.resolutions["NKADD"].how == "acronym"
    assert result.resolutions["NKADD"].canonical == "Northern Kentucky Area Development District"


def test_a_name_typed_in_capitals_is_not_taken_for_acronyms():
    result = match_organisations(["BOYS AND GIRLS CLUBS OF RIVERBEND", "Boys and Girls Club of Riverbend"])
    assert len(keys(result, *result.resolutions)) == 1
    assert result.merged_with_warning == []


# --- different organisations ------------------------------------------------------------

@pytest.mark.parametrize("one, other", [
    ("Northern Kentucky University", "Northern Kentucky Health Department"),
    ("Ashford County Schools", "Bell County Schools"),
    ("Riverbend Health Department", "Riverbend Housing Authority"),
    ("Riverbend Public Library", "Riverbend Public Schools"),
    ("Riverbend School District 5", "Riverbend School District 6"),
    ("Riverbend Regional Hospital North", "Riverbend Regional Hospital South"),
])
def test_different_organisations_are_never_merged(one, other):
    result = match_organisations([one, other] * 3)
    assert len(keys(result, one, other)) == 2
    assert result.merged_with_warning == [] and result.review == []


def test_the_word_guard_stops_what_the_score_alone_would_merge():
    # These differ by one word each yet score above the merge threshold.
    assert fuzz.WRatio("riverbend regional hospital north", "riverbend regional hospital south") >= MERGE_THRESHOLD
    assert fuzz.token_set_ratio("northern kentucky university",
                                "northern kentucky health department") > 75


def test_names_one_letter_apart_go_to_review_not_merged():
    result = match_organisations(["St. Mary Hospital", "St. Mark Hospital"])
    assert len(keys(result, "St. Mary Hospital", "St. Mark Hospital")) == 2
    assert len(result.review) == 1
    item = result.review[0]
    assert {item.name, item.candidate} == {"St. Mary Hospital", "St. Mark Hospital"}
    assert item.kind == "organisation" and REVIEW_THRESHOLD <= item.score < 100


def test_a_name_inside_another_goes_to_review():
    result = match_organisations(["YMCA", "YMCA of Greater Riverbend"])
    assert len(keys(result, "YMCA", "YMCA of Greater Riverbend")) == 2
    assert [(i.name, i.candidate) for i in result.review] == [("YMCA", "YMCA of Greater Riverbend")]


def test_a_vague_name_is_reviewed_against_a_few_candidates_only():
    churches = [f"{name} Church" for name in ("Grace", "Hope", "Trinity", "Calvary", "Bethel")]
    result = match_organisations(["Church"] + churches)
    assert len(result.review) == 3
    assert all(item.name == "Church" for item in result.review)


# --- near-identical names ---------------------------------------------------------------

def test_a_typo_merges_with_a_warning():
    result = match_organisations(["Riverbend Public Library"] * 3 + ["Riverbend Pubic Library"])
    typo = result.resolutions["Riverbend Pubic Library"]
    assert typo.canonical == "Riverbend Public Library" and typo.how == "fuzzy"
    assert MERGE_THRESHOLD <= typo.score < 100
    assert result.merged_with_warning == [typo]


def test_words_in_another_order_or_run_together_merge_with_a_warning():
    result = match_organisations(["Riverbend Health Department", "Health Department, Riverbend",
                                  "River Bend Health Department"])
    assert len(keys(result, *result.resolutions)) == 1
    assert len(result.merged_with_warning) == 2


# --- the aliases file -------------------------------------------------------------------

def test_alias_same_joins_names_that_look_nothing_alike(tmp_path):
    book = aliases(tmp_path, "organisation,Hope House,Riverbend Family Shelter,same")
    result = match_organisations(["Hope House", "Riverbend Family Shelter", "Hope House"], book)
    assert len(keys(result, "Hope House", "Riverbend Family Shelter")) == 1
    assert result.resolutions["Hope House"].how == "alias"
    assert result.resolutions["Hope House"].canonical == "Riverbend Family Shelter"
    assert result.merged_with_warning == []


def test_a_typo_still_joins_names_the_aliases_file_made_one(tmp_path):
    book = aliases(tmp_path, "organisation,Hope House,Riverbend Family Shelter,same")
    result = match_organisations(["Hope House", "Riverbend Family Shelter", "Riverbend Family Sheltre"],
                                 book)
    assert len(keys(result, *result.resolutions)) == 1
    assert result.resolutions["Riverbend Family Sheltre"].how == "fuzzy"


def test_alias_canonical_is_the_display_name_even_when_nobody_typed_it(tmp_path):
    book = aliases(tmp_path, "organisation,  b&gc of NKY ,Boys & Girls Clubs of Northern Kentucky,same")
    result = match_organisations(["B&GC of NKY", "B&GC of NKY"], book)
    resolution = result.resolutions["B&GC of NKY"]
    assert resolution.canonical == "Boys & Girls Clubs of Northern Kentucky"
    assert resolution.key == "boy girl club northern kentucky"
    assert resolution.how == "alias" and resolution.score == 100


def test_alias_different_stops_a_fuzzy_merge_and_its_review(tmp_path):
    book = aliases(tmp_path, "organisation,Riverbend Pubic Library,Riverbend Public Library,different",
                   "organisation,St Mark Hospital,St Mary Hospital,different")
    result = match_organisations(["Riverbend Public Library", "Riverbend Pubic Library",
                                  "St. Mary Hospital", "St. Mark Hospital"], book)
    assert len(keys(result, *result.resolutions)) == 4
    assert result.review == [] and result.merged_with_warning == []


def test_alias_different_stops_an_acronym_merge(tmp_path):
    book = aliases(tmp_path, "organisation,B&GC of NKY,Boys and Girls Clubs of Northern Kentucky,different")
    result = match_organisations(BGC_TRIO, book)
    assert result.resolutions["B&GC of NKY"].key != result.resolutions[BGC_TRIO[1]].key
    assert result.resolutions[BGC_TRIO[0]].key == result.resolutions[BGC_TRIO[1]].key


def test_a_different_line_is_not_undone_through_a_third_name(tmp_path):
    book = aliases(tmp_path, "organisation,Riverbend Pubic Library,Riverbend Public Library,different")
    result = match_organisations(["Riverbend Public Library", "Riverbend Pubic Library",
                                  "Riverbend Publc Library"], book)
    assert (result.resolutions["Riverbend Pubic Library"].key
            != result.resolutions["Riverbend Public Library"].key)


def test_read_aliases_tolerates_bom_blank_lines_spaces_and_case(tmp_path):
    path = write_aliases(tmp_path / "aliases.csv",
                         " Kind , Name,Canonical ,DECISION ", "", ",,,",
                         "Organisation ,  Hope House , Riverbend Family Shelter ,  Same ",
                         "", "person,Bob Smith,Robert Smith,different")
    book = read_aliases(path)
    assert book.errors == []
    assert [(a.kind, a.name, a.canonical, a.decision, a.line) for a in book.entries] == [
        ("organisation", "Hope House", "Riverbend Family Shelter", "same", 4),
        ("person", "Bob Smith", "Robert Smith", "different", 6)]


def test_a_missing_aliases_file_is_an_empty_book(tmp_path):
    for book in (read_aliases(tmp_path / "aliases.csv"), read_aliases(None)):
        assert book.entries == [] and book.errors == [] and book.undecided == []


def test_the_community_aliases_file_is_read(tmp_path):
    community = Community(name="Riverbend", slug="riverbend", folder=tmp_path)
    write_aliases(community.aliases_path, "kind,name,canonical,decision",
                  "organisation,Hope House,Riverbend Family Shelter,same")
    assert len(read_aliases(community.aliases_path).entries) == 1


def test_bad_alias_lines_are_reported_not_raised(tmp_path):
    path = write_aliases(tmp_path / "aliases.csv",
                         "kind,name,canonical,decision",
                         "organisation,Hope House,Riverbend Family Shelter,same",  # 2: fine
                         "company,Acme,Acme Inc,same",  # 3
                         "organisation,,Riverbend Family Shelter,same",  # 4
                         "organisation,Hope House,Riverbend Shelter,maybe",  # 5
                         "organisation,Hope House",  # 6
                         "organisation,Hope House,hope house,different",  # 7
                         "organisation,Riverbend Family Shelter,Hope House,different",  # 8
                         ",Hope House,Shelter,same")  # 9
    book = read_aliases(path)
    assert [a.line for a in book.entries] == [2]
    assert len(book.errors) == 7
    for line, words in zip(range(3, 10), [("company", "organisation"), ("name", "blank"),
                                          ("maybe", "same"), ("canonical", "blank"),
                                          ("itself",), ("line 2",), ("kind", "blank")]):
        message = next(m for m in book.errors if m.startswith(f"Line {line}:"))
        assert all(word in message for word in words), message


def test_aliases_saved_with_semicolons_or_windows_text_are_read(tmp_path):
    semicolons = write_aliases(tmp_path / "a.csv", "kind;name;canonical;decision",
                               "organisation;Café Hope;Hope Café;same")
    assert [a.name for a in read_aliases(semicolons).entries] == ["Café Hope"]
    windows = write_aliases(tmp_path / "b.csv", "kind,name,canonical,decision",
                            "organisation,Café Hope,Hope Café,same", encoding="cp1252")
    book = read_aliases(windows)
    assert [a.name for a in book.entries] == ["Café Hope"]
    assert len(book.errors) == 1 and "UTF-8" in book.errors[0]


def test_aliases_without_a_heading_are_read_in_the_usual_order(tmp_path):
    book = read_aliases(write_aliases(tmp_path / "aliases.csv",
                                      "organisation,Hope House,Riverbend Family Shelter,same"))
    assert [a.name for a in book.entries] == ["Hope House"]
    assert len(book.errors) == 1 and "Line 1" in book.errors[0]


def test_the_review_file_round_trips_through_a_facilitator(tmp_path):
    spellings = ["St. Mary Hospital", "St. Mark Hospital", "YMCA", "YMCA of Greater Riverbend"]
    first = match_organisations(spellings)
    assert len(first.review) == 2
    path = tmp_path / "review.csv"
    write_review_csv(first.review, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    pending = read_aliases(path)
    assert pending.errors == [] and pending.entries == []
    assert [(a.kind, a.name, a.canonical) for a in pending.undecided] == [
        (i.kind, i.name, i.candidate) for i in first.review]

    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    for row in rows[1:]:  # what a facilitator does in Excel
        row[3] = "same" if row[1] == "YMCA" else "different"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)

    second = match_organisations(spellings, read_aliases(path))
    assert second.review == []
    assert len(keys(second, "YMCA", "YMCA of Greater Riverbend")) == 1
    assert len(keys(second, "St. Mary Hospital", "St. Mark Hospital")) == 2


# --- people -----------------------------------------------------------------------------

def test_the_same_email_in_any_case_is_one_person():
    result = match_people([PersonMention("Sam Ortiz", "Sam@Example.org", "ashford library"),
                           PersonMention("Samuel Ortiz", " sam@example.org ", "bell library")])
    first, second = result.people
    assert first.key == second.key == "email:sam@example.org"
    assert first.email == second.email == "sam@example.org"
    assert first.name == second.name == "Samuel Ortiz"  # a tie goes to the longest
    assert first.how == "email" and second.how == "exact"
    assert result.merged_with_warning == [] and result.review == []


def test_different_emails_are_different_people_even_with_the_same_name():
    result = match_people([PersonMention("Sam Ortiz", "sam@example.org", "library"),
                           PersonMention("Sam Ortiz", "s.ortiz@bell.example.org", "library")])
    assert result.people[0].key != result.people[1].key
    assert result.review == [] and result.merged_with_warning == []


def test_without_email_the_same_name_at_the_same_organisation_is_the_same_person():
    result = match_people([PersonMention("Sam Ortiz", "sam@example.org", "library"),
                           PersonMention("Sam Ortiz", "sam@example.org", None),
                           PersonMention("Ortiz, Sam", None, "library"),
                           PersonMention("Dr. Sam Ortiz", None, None)])
    assert {person.key for person in result.people} == {"email:sam@example.org"}
    assert {person.name for person in result.people} == {"Sam Ortiz"}
    assert [person.how for person in result.people] == ["exact", "exact", "normalised", "normalised"]


def test_without_email_a_namesake_at_the_same_organisation_is_preferred():
    result = match_people([PersonMention("Sam Ortiz", "sam@library.org", "library"),
                           PersonMention("Sam Ortiz", "sam@school.org", "school"),
                           PersonMention("Sam Ortiz", None, "school")])
    assert result.people[2].key == "email:sam@school.org"
    assert result.review == []


def test_without_email_the_only_namesake_elsewhere_is_taken_with_a_warning():
    result = match_people([PersonMention("Sam Ortiz", "sam@library.org", "library"),
                           PersonMention("Sam Ortiz", None, "school")])
    assert result.people[1].key == "email:sam@library.org"
    assert result.people[1].how == "name"
    assert result.merged_with_warning == [result.people[1]]


def test_without_email_two_namesakes_elsewhere_are_left_for_review():
    result = match_people([PersonMention("Sam Ortiz", "sam@library.org", "library"),
                           PersonMention("Sam Ortiz", "sam@school.org", "school"),
                           PersonMention("Sam Ortiz", None, "clinic")])
    assert len({person.key for person in result.people}) == 3
    assert {item.candidate for item in result.review} == {"Sam Ortiz <sam@library.org>",
                                                          "Sam Ortiz <sam@school.org>"}


def test_alike_names_merge_only_within_the_same_organisation():
    same_place = match_people([PersonMention("Jonathan Smith", "jon@example.org", "library"),
                               PersonMention("Jonathon Smith", None, "library")])
    assert same_place.people[1].key == "email:jon@example.org"
    assert same_place.people[1].how == "fuzzy"
    assert same_place.merged_with_warning == [same_place.people[1]]
    elsewhere = match_people([PersonMention("Jonathan Smith", "jon@example.org", "library"),
                              PersonMention("Jonathon Smith", None, "school")])
    assert elsewhere.people[0].key != elsewhere.people[1].key
    assert elsewhere.merged_with_warning == []


def test_an_initial_for_a_first_name_goes_to_review():
    result = match_people([PersonMention("Dana Whitfield", "dana@example.org", "library"),
                           PersonMention("D. Whitfield", None, "library")])
    assert result.people[0].key != result.people[1].key
    assert [(i.kind, i.name, i.candidate) for i in result.review] == [
        ("person", "D. Whitfield", "Dana Whitfield <dana@example.org>")]


def test_person_aliases_join_and_separate(tmp_path):
    book = aliases(tmp_path, "person,dana@home.example,dana@work.example,same",
                   "person,Bob Smith,Robert Smith,same",
                   "person,Jon Smith,John Smith,different")
    result = match_people([PersonMention("Dana Whitfield", "dana@home.example", "a"),
                           PersonMention("Dana Whitfield", "DANA@work.example", "b"),
                           PersonMention("Bob Smith", None, "library"),
                           PersonMention("Robert Smith", None, "library"),
                           PersonMention("Bob Smith", "bob@example.org", "clinic"),
                           PersonMention("Robert Smith", None, "clinic"),
                           PersonMention("John Smith", "john@example.org", "school"),
                           PersonMention("Jon Smith", None, "school")], book)
    dana_home, dana_work, bob, robert, bob_at_clinic, robert_at_clinic, john, jon = result.people
    assert dana_home.key == dana_work.key == "email:dana@work.example"
    assert dana_home.how == "alias"
    assert bob.key == robert.key and bob.name == "Robert Smith"
    assert robert_at_clinic.key == bob_at_clinic.key == "email:bob@example.org"
    assert john.key != jon.key


def test_a_review_line_written_for_people_settles_them(tmp_path):
    mentions = [PersonMention("Dana Whitfield", "dana@example.org", "library"),
                PersonMention("D. Whitfield", None, "library")]
    path = tmp_path / "review.csv"
    write_review_csv(match_people(mentions).review, path)
    text = path.read_text(encoding="utf-8-sig").replace("dana@example.org>,", "dana@example.org>,same")
    path.write_text(text, encoding="utf-8-sig")
    settled = match_people(mentions, read_aliases(path))
    assert settled.people[1].key == "email:dana@example.org"
    assert settled.review == []


def test_a_blank_mention_has_no_person_and_a_broken_email_still_counts():
    result = match_people([PersonMention(None, "  ", "library"),
                           PersonMention(None, "sam at example", "library"),
                           PersonMention(" ", "sam at example", None)])
    assert result.people[0] is None
    assert result.people[1].key == result.people[2].key


# --- order and size ---------------------------------------------------------------------

def test_results_do_not_depend_on_input_order():
    spellings = (BGC_TRIO * 2 + ["Northern Kentucky University", "St. Mary Hospital",
                                 "St. Mark Hospital", "Riverbend Public Library",
                                 "Riverbend Pubic Library", "riverbend public library", "YMCA",
                                 "YMCA of Greater Riverbend", "ACS", "Ashford County Schools",
                                 "United Way of Greater Riverbend", "United Way Greater Riverbend Inc."])
    mentions = [PersonMention("Sam Ortiz", "sam@example.org", "library"),
                PersonMention("Sam Ortiz", None, "school"),
                PersonMention("Samuel Ortiz", None, "library"),
                PersonMention("Jonathan Smith", "jon@example.org", "library"),
                PersonMention("Jonathon Smith", None, "library"),
                PersonMention("D. Whitfield", None, "library"),
                PersonMention("Dana Whitfield", "dana@example.org", "library")]
    expected = match_organisations(spellings)
    expected_people = {m: p for m, p in zip(mentions, match_people(mentions).people)}
    for seed in range(6):
        shuffled = random.Random(seed).sample(spellings, len(spellings))
        again = match_organisations(shuffled)
        assert again.resolutions == expected.resolutions
        assert again.review == expected.review
        assert again.merged_with_warning == expected.merged_with_warning
        shuffled_mentions = random.Random(seed).sample(mentions, len(mentions))
        people = match_people(shuffled_mentions)
        assert dict(zip(shuffled_mentions, people.people)) == expected_people


def test_two_thousand_names_are_matched():
    rng = random.Random(7)
    places = ["Ashford", "Bell", "Riverbend", "Cedar Falls", "Northern Kentucky", "Greater Riverbend",
              "Boone", "Kenton", "Campbell", "Grant", "Pendleton", "Covington", "Newport", "Florence"]
    kinds = ["County Schools", "Health Department", "Public Library", "Housing Authority",
             "Community Foundation", "Family Services", "Youth Center", "Boys and Girls Club",
             "United Way", "Chamber of Commerce", "Police Dept.", "Fire District", "Food Bank",
             "Head Start", "Hospital", "Rotary Club"]
    prefixes = ["", "Grace", "Hope", "Unity", "Summit", "Harbor", "Bridge", "Pathway", "Heritage"]
    names: set[str] = set()
    while len(names) < 2000:
        number = f" {rng.randint(1, 60)}" if rng.random() < 0.5 else ""
        names.add(f"{rng.choice(prefixes)} {rng.choice(places)} {rng.choice(kinds)}{number}".strip())
    spellings = sorted(names) + [rng.choice(sorted(names)) for _ in range(8000)]
    typo = "Riverbend Public Libary"
    result = match_organisations(spellings + ["Riverbend Public Library", typo])
    assert len(result.resolutions) == len(names | {"Riverbend Public Library", typo})
    assert result.resolutions[typo].key == result.resolutions["Riverbend Public Library"].key
    assert len({r.key for r in result.resolutions.values()}) > 1900
    schools = [r for r in result.resolutions.values() if r.spelling.startswith("Ashford County Schools")]
    assert len({r.key for r in schools}) == len(schools)  # "Ashford County Schools 7" is not "... 8"
