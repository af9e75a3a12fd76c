"""考核评议 (excellent / pass / basic pass / fail, written notice, objection to the street, its decision),
一年一次集中培训, and the archive (档案) as a timeline."""
from datetime import date

import pytest

from services.workforce.domain import records, worker as rules
from services.workforce.domain.records import AssessmentClosed
from services.workforce.domain.worker import Award, Grade, Training
from shared.errors import Conflict, InvalidInput
from tests.services.workforce.factory import a_hire


@pytest.fixture
def worker():
    return rules.hire("w", a_hire())[0]


def test_a_grade_outside_the_four_is_refused(worker):
    with pytest.raises(InvalidInput) as refused:
        records.record_assessment(worker, 2021, "good", 90, 90, date(2022, 1, 5))
    assert refused.value.errors[0].rule == "assessment-grade"


def test_one_grade_a_year(worker):
    graded = records.record_assessment(worker, 2021, "pass", 90, 90, date(2022, 1, 5))
    with pytest.raises(Conflict):
        records.record_assessment(graded, 2021, "excellent", 90, 90, date(2022, 1, 6))


def test_an_objection_decided_by_the_street_changes_the_grade_and_closes_it(worker):
    graded = records.record_assessment(worker, 2021, "basic_pass", 80, 70, date(2022, 1, 5))
    objected = records.file_objection(graded, 2021, date(2022, 1, 8), "satisfaction survey incomplete")
    assert records.passing_years_before(objected, 2022) == 0
    decided = records.decide_objection(objected, 2021, date(2022, 1, 20), "pass", "street-officer-1")
    assert records.grade_for(decided, 2021) is Grade.PASS and records.passing_years_before(decided, 2022) == 1
    with pytest.raises(AssessmentClosed):
        records.file_objection(decided, 2021, date(2022, 1, 25), "again")


def test_a_decision_needs_an_objection(worker):
    graded = records.record_assessment(worker, 2021, "pass", 90, 90, date(2022, 1, 5))
    with pytest.raises(Conflict):
        records.decide_objection(graded, 2021, date(2022, 1, 20), "pass", None)


def test_one_central_course_a_year(worker):
    trained = records.record_training(worker, Training(2021, "社区治理", date(2021, 6, 3), "pass"))
    with pytest.raises(Conflict):
        records.record_training(trained, Training(2021, "another", date(2021, 9, 3), "pass"))


def test_the_archive_is_a_timeline_of_start_changes_assessments_training_awards(worker):
    w = rules.change_posts(worker, ("station_deputy_head",), date(2021, 1, 1))
    w = records.record_assessment(w, 2020, "excellent", 100, 95, date(2021, 1, 10))
    w = records.record_training(w, Training(2020, "社区治理", date(2020, 6, 3), "pass"))
    w = records.record_award(w, Award("优秀社区工作者", date(2021, 3, 5), "海淀区"))
    kinds = [e["kind"] for e in records.archive(w)]
    assert kinds == ["certificate", "start", "training", "position_change", "assessment", "award"]
