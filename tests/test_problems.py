"""The problem catalogue itself: every entry is complete, and a message never prints a blank."""
import pytest

from workbook.intake.problems import Code, Level, MissingDetail, Severity, make_problem


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
