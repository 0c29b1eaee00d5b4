"""The problem catalogue itself: every entry is complete, a message never prints a blank,
and every code is produced by at least one test."""
from pathlib import Path

import pytest

from workbook.community import Community, default_community
from workbook.intake import batch
from workbook.intake.batch import check_paths
from workbook.intake.problems import Code, Level, MissingDetail, Severity, make_problem, quoted
from workbook.loading import load_paths

from .builders import COALITION, checklist
from .hostile.corpus import KINDS


@pytest.mark.parametrize("code", list(Code), ids=lambda c: c.name)
def test_every_entry_has_a_severity_a_level_a_short_title_a_message_and_a_fix(code):
    assert isinstance(code.severity, Severity)
    assert isinstance(code.level, Level)
    assert 0 < len(code.title) <= 40 and not code.title.endswith(".")
    assert code.value.message.strip() and code.value.fix.strip()


def test_a_missing_detail_fails_loudly_where_the_problem_is_reported():
    with pytest.raises(MissingDetail, match="CELL_NOT_A_NUMBER needs value"):
        make_problem(Code.CELL_NOT_A_NUMBER, "a.xlsx", sheet="Goals", cell="F3")


def test_a_problem_reads_back_its_title_and_level_and_its_severity_is_plain_text():
    problem = make_problem(Code.CELL_NOT_A_NUMBER, "a.xlsx", sheet="Goals", cell="F3",
                           value="about 40")
    assert problem.title == "Not a number" and problem.level is Level.CELL
    assert problem.severity == "error" and type(problem.severity) is str
    assert "'about 40'" in problem.message


def test_a_quoted_value_is_one_line_of_about_80_characters():
    pasted = "Partners:\n" + "Dayton Metro Library; " * 1500
    problem = make_problem(Code.CELL_NOT_IN_LIST, "a.xlsx", field="Sector", value=pasted,
                           suggestion="")
    assert len(quoted(pasted)) == 80 and quoted(pasted).endswith("…")
    assert "\n" not in problem.message and len(problem.message) < 160


# --- every code is produced by at least one case -------------------------------------------
# The corpus of bad checklists (tests/hostile/corpus.py, run by tests/test_hostile.py) names
# the codes each kind must produce. Codes that need more than one bad file (names across
# checklists, aliases, notes, a reader crash) have a case here, one line each.

MEMBERS_A = [{"organisation": "Dayton Metro Library", "representative": "Marcus Bell"},
             {"organisation": "Five Rivers Health Centers (FRHC)", "representative": "Ana Ortiz"},
             {"organisation": "Dayton Public Schools", "representative": "Angela Ruiz"},
             {"organisation": "Miami Valley Hospital", "representative": "Lena Cho"}]
MEMBERS_B = [{"organisation": "Dayton Metro Libary", "representative": "Marcus Bell"},
             {"organisation": "FRHC", "representative": "Ana Ortiz"},
             {"organisation": "Dayton Public Schools Foundation", "representative": "Angela Ruiz"},
             {"organisation": "MVH", "representative": "Lena Cho"}]


def _community_in(folder: Path) -> Community:
    return Community(name="Miami Valley", slug="miami-valley", folder=folder,
                     vocabularies=default_community().vocabularies)


def _names_across_checklists(tmp_path: Path, _monkeypatch) -> list:
    checklist(tmp_path, "a.xlsx", rows={"members": MEMBERS_A})
    checklist(tmp_path, "b.xlsx", coalition={"name": "Greene County Prevention Coalition"},
              rows={"members": MEMBERS_B})
    return load_paths([tmp_path], tmp_path / "w.db", default_community()).report.problems


def _bad_aliases_line(tmp_path: Path, _monkeypatch) -> list:
    (tmp_path / "aliases.csv").write_text("kind,name,canonical,decision\norganisation,DML\n")
    checklist(tmp_path, "a.xlsx")
    return load_paths([tmp_path / "a.xlsx"], tmp_path / "w.db", _community_in(tmp_path)).report.problems


def _bad_equivalences_line(tmp_path: Path, _monkeypatch) -> list:
    (tmp_path / "name-equivalences.csv").write_text("phrase,same_as,decision\nBoard of Education,,same\n")
    checklist(tmp_path, "a.xlsx")
    return load_paths([tmp_path / "a.xlsx"], tmp_path / "w.db", _community_in(tmp_path)).report.problems


def _bad_thesaurus_line(tmp_path: Path, _monkeypatch) -> list:
    from workbook.tasks.alignment import read_thesaurus
    (tmp_path / "thesaurus.csv").write_text("concept,phrase,decision\nrecidivism,,\n")
    return read_thesaurus(tmp_path / "thesaurus.csv").problems


def _missing_path(tmp_path: Path, _monkeypatch) -> list:
    return check_paths([tmp_path / "MCELC checklist.xlsx"], default_community()).problems


def _another_communitys_template(tmp_path: Path, _monkeypatch) -> list:
    path = checklist(tmp_path, "a.xlsx", community=_community_in(tmp_path))
    other = Community(name="Greene County", slug="greene", folder=None,
                      vocabularies=default_community().vocabularies)
    return check_paths([path], other).problems


def _reader_crash(tmp_path: Path, monkeypatch) -> list:
    checklist(tmp_path, "a.xlsx")

    def crash(path, community):
        raise TypeError("an unforeseen cell type")
    monkeypatch.setattr(batch, "read_checklist", crash)
    return check_paths([tmp_path], default_community()).problems


def _notes(coalition_name: str):
    def case(tmp_path: Path, _monkeypatch) -> list:
        from workbook import notes
        checklist(tmp_path, "a.xlsx")
        load_paths([tmp_path / "a.xlsx"], tmp_path / "w.db", default_community())
        path = notes.write_notes({"coalition_name": coalition_name, "interviewer": "Jordan Reyes"},
                                 tmp_path / "notes.xlsx", default_community())
        return notes.load_notes([path], tmp_path / "w.db", default_community()).problems
    return case


def _room_form(answer: str):
    """A fist-to-five answer on the web (``web:``) or in an Excel form loaded twice (``excel``)."""
    def case(tmp_path: Path, _monkeypatch) -> list:
        from workbook.roomstore import access, forms
        form, db, community = forms.FIST_TO_FIVE, tmp_path / "w.db", default_community()
        if answer == "web:before any question":
            return forms.submit_web(db, form, {"round": "1", "level": "4"}, "code-1",
                                    community).problems
        asked = forms.open_round(db, form, "We share one data analyst across the coalitions.")
        if answer.startswith("web:"):
            if answer == "web:after the question moved on":
                forms.open_round(db, form, "We meet quarterly.")
            return forms.submit_web(db, form, {"round": str(asked.round_id), "level": "7"},
                                    "code-1", community).problems
        stale = forms.Round(asked.round_id + 1, form.name, "A question never asked", "")
        code = "birch-otter-17"
        if answer == "excel:withdrawn code":
            code = access.issue(db, access.PERSON, "Rosa Delgado").code
            access.revoke(db, access.find(db, code).code_id)
        elif answer == "excel:room code":
            code = access.issue(db, access.ROOM, "room").code
        path = forms.write_excel_form(form, community, tmp_path / "f.xlsx",
                                      stale if answer == "excel:unknown round" else asked,
                                      {"attendee_code": code, "level": "4"})
        return [p for _ in range(2) for o in forms.load_form_files([path], db, form, community)
                for p in o.problems]
    return case


def _indicator_data(*years):
    def case(tmp_path: Path, _monkeypatch) -> list:
        from workbook import indicators
        rows = [{"indicator": "Chronic absenteeism rate", "year": year, "value": 14.2 + n,
                 "unit": "Percent", "source": "Ohio School Report Cards"}
                for n, year in enumerate(years)]
        indicators.write_indicator_template(tmp_path / "absence.xlsx", default_community(), rows)
        return indicators.check_indicators([tmp_path], default_community()).problems
    return case


def _unshared_indicator(tmp_path: Path, _monkeypatch) -> list:
    from workbook import indicators
    from workbook.tasks.results import northstar as N
    N.adopt_indicator(tmp_path / "w.db", N.SharedIndicator(
        "Chronic absenteeism rate", "Percent", N.LOWER, "Ohio School Report Cards", "Ohio",
        None, None, None, None), "facilitator")
    indicators.write_indicator_template(tmp_path / "in" / "a.xlsx", default_community(), [
        {"indicator": "Kindergarten readiness", "year": 2024, "value": 41}])
    return indicators.load_indicators([tmp_path / "in"], tmp_path / "w.db",
                                      default_community()).problems


def _umbrella(case_name: str):
    """Task 4: the [umbrella] settings, a stance under a code no coalition was given, a block
    entered without a reason."""
    def case(tmp_path: Path, _monkeypatch) -> list:
        from workbook.community import load_community
        from workbook.tasks.umbrella import options, stances
        if case_name == "bands":
            from workbook.tasks.umbrella import readiness
            (tmp_path / "community.toml").write_text('[readiness]\nstrength = "high"\n',
                                                     encoding="utf-8")
            return readiness.bands_for(load_community(tmp_path))[1]
        if case_name == "agreed line":
            from workbook.tasks.umbrella.loading import load_umbrella
            (tmp_path / "agreed-options.csv").write_text(
                "Parameter,Option,Decision rule,Round,Recorded by,Rationale\n"
                "Decision rule,Consent,Consensus,second,facilitator,\n", encoding="utf-8")
            return load_umbrella(tmp_path, tmp_path / "w.db", default_community()).problems
        if case_name == "settings":
            (tmp_path / "community.toml").write_text('[umbrella]\ndecision_rule = "Consensus"\n',
                                                     encoding="utf-8")
            return options.option_lists(load_community(tmp_path)).problems
        community, db = default_community(), tmp_path / "w.db"
        sform = stances.stance_form(options.option_lists(community), register=False)
        round_id = stances.open_round(db)
        if case_name == "code":
            return stances.submit_web(db, sform, {"round": str(round_id)}, "code-9",
                                      community).problems
        return stances.enter_live(db, sform, "Learn to Earn Dayton",
                                  {("decision_rule", "Majority"): "Cannot accept"},
                                  community).problems
    return case


def _backbone(answer: str):
    """A backbone rating sent with a stranger's code, declaring a tie to the candidate, to a
    closed survey or to one never opened; or [backbone] thresholds that cannot be used."""
    def case(tmp_path: Path, _monkeypatch) -> list:
        from workbook.community import load_community
        from workbook.tasks.backbone import instrument, raters, responses, survey
        if answer == "thresholds":
            from workbook.tasks.backbone import thresholds
            (tmp_path / "community.toml").write_text('[backbone]\nk = 2\n', encoding="utf-8")
            return thresholds.thresholds_for(load_community(tmp_path))[1]
        db = tmp_path / "w.db"
        opened = survey.open_survey(db, "facilitator")
        if answer == "closed":
            survey.close_survey(db, opened, "facilitator")
        candidate = raters.Candidate("Greater Cincinnati Foundation")
        roster = raters.issue_codes(db, [candidate], [raters.Rater("Latoya Jackson")])
        form = instrument.with_candidates([candidate.name])
        code = "birch-otter-17" if answer == "stranger" else roster.entries[0]["code"]
        values = {"round": 7 if answer == "never opened" else opened, "attendee_code": code,
                  "candidate": candidate.name,
                  "conflict": ["Funded by"] if answer == "tie" else None,
                  **{item: "3" for item, _ in instrument.ITEMS}}
        return responses.submit(db, form, roster, values, default_community()).problems
    return case


CASES = {
    Code.INDICATOR_NOT_SHARED: _unshared_indicator,
    Code.CELL_SCHOOL_YEAR: _indicator_data("2022-23", 2021),
    Code.INDICATOR_SCHOOL_YEARS: _indicator_data("2021-22", "2022-23"),
    Code.INDICATOR_POINT_DUPLICATE: _indicator_data(2023, 2023),
    Code.FILE_NOT_FOUND: _missing_path,
    Code.FILE_READ_FAILED: _reader_crash,
    Code.COMMUNITY_MISMATCH: _another_communitys_template,
    Code.ALIASES_ROW_INVALID: _bad_aliases_line,
    Code.NAME_MERGED_FUZZY: _names_across_checklists,
    Code.NAME_MERGED_ABBREVIATION: _names_across_checklists,
    Code.NAME_NEEDS_REVIEW: _names_across_checklists,
    Code.NAME_NEEDS_REVIEW_ABBREVIATION: _names_across_checklists,
    Code.PERSON_SAME_NAME_ELSEWHERE: _names_across_checklists,
    Code.EQUIVALENCES_ROW_INVALID: _bad_equivalences_line,
    Code.THESAURUS_ROW_INVALID: _bad_thesaurus_line,
    Code.NOTES_COALITION_UNKNOWN: _notes("Montgomery County Early Learning Council"),
    Code.NOTES_COALITION_FUZZY: _notes(COALITION["name"].replace("Learning", "Lerning")),
    Code.FORM_NOT_STORED: _room_form("web:level 7"),
    Code.FORM_NO_ROUND: _room_form("web:before any question"),
    Code.FORM_ROUND_MOVED_ON: _room_form("web:after the question moved on"),
    Code.FORM_ROUND_UNKNOWN: _room_form("excel:unknown round"),
    Code.FORM_ALREADY_LOADED: _room_form("excel:twice"),
    Code.FORM_CODE_NOT_ISSUED: _room_form("excel:twice"),
    Code.FORM_CODE_REVOKED: _room_form("excel:withdrawn code"),
    Code.FORM_CODE_SHARED: _room_form("excel:room code"),
    Code.UMBRELLA_SETTING_IGNORED: _umbrella("settings"),
    Code.UMBRELLA_CODE_NO_COALITION: _umbrella("code"),
    Code.UMBRELLA_BLOCK_NO_REASON: _umbrella("block"),
    Code.READINESS_BANDS_IGNORED: _umbrella("bands"),
    Code.UMBRELLA_LINE_NOT_USED: _umbrella("agreed line"),
    Code.BACKBONE_NOT_A_RATER_CODE: _backbone("stranger"),
    Code.BACKBONE_TIE_SET_ASIDE: _backbone("tie"),
    Code.BACKBONE_SURVEY_CLOSED: _backbone("closed"),
    Code.BACKBONE_SURVEY_NOT_OPEN: _backbone("never opened"),
    Code.BACKBONE_THRESHOLDS_IGNORED: _backbone("thresholds"),
}
IN_CORPUS = {code for kind in KINDS for code in kind.codes}


def test_every_code_is_produced_by_a_corpus_kind_or_a_case():
    never = [code.name for code in Code if code.name not in IN_CORPUS and code not in CASES]
    assert not never, f"no test produces {never}: add a corpus kind or a line to CASES"


def test_the_corpus_names_only_codes_in_the_catalogue():
    assert IN_CORPUS <= {code.name for code in Code}


@pytest.mark.parametrize("code", list(CASES), ids=lambda c: c.name)
def test_each_case_produces_its_code(code, tmp_path, monkeypatch):
    produced = [p.code for p in CASES[code](tmp_path, monkeypatch)]
    assert code.name in produced, f"{code.name} not in {produced}"
