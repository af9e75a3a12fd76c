"""公开招考: applications checked against the conditions (age ≤ 40 on the closing date, 大专 / 本科 for fresh
graduates, Beijing urban hukou) with every failure listed; exam scores; ranking; hire of the best ranked."""
from datetime import date
from decimal import Decimal

import pytest

from services.workforce.domain import vacancy as rules
from shared.errors import Conflict, InvalidInput
from tests.services.workforce.factory import resident_id

CLOSING = date(2026, 3, 31)


def a_vacancy(places=1):
    return rules.open_vacancy("v1", "street-1", "c1", "station_staff", places, CLOSING, date(2029, 3, 31))


def applied(vacancy, app_id, born, score=None, **overrides):
    values = dict(name="申请人", resident_id=resident_id(born), education="college", fresh_graduate=False,
                  hukou="beijing_urban", certificates=(), filed_on=date(2026, 3, 1))
    vacancy, application = rules.apply(vacancy, app_id, **(values | overrides))
    return vacancy, application


def test_an_ineligible_application_is_kept_with_every_failed_condition():
    _, application = applied(a_vacancy(), "a1", date(1985, 3, 30), education="college", fresh_graduate=True,
                             hukou="other")  # 41 on 31 March 2026
    assert not application.eligible
    assert {(f, r) for f, r, _ in application.failed} == {("resident_id", "age-limit"),
                                                         ("education", "education-minimum"),
                                                         ("hukou", "beijing-urban-hukou")}


def test_applications_close_on_the_closing_date_and_one_per_person():
    vacancy, _ = applied(a_vacancy(), "a1", date(1990, 1, 1))
    with pytest.raises(Conflict):
        applied(vacancy, "a2", date(1991, 1, 1), filed_on=date(2026, 4, 1))
    same = vacancy.applications[0].resident_id
    with pytest.raises(Conflict):
        rules.apply(vacancy, "a3", "x", same, "college", False, "beijing_urban", (), date(2026, 3, 2))


def test_ranking_by_score_and_only_the_best_ranked_fill_the_places():
    vacancy = a_vacancy(places=1)
    for app_id, born in (("a1", date(1990, 1, 1)), ("a2", date(1991, 1, 1)), ("old", date(1980, 1, 1))):
        vacancy, _ = applied(vacancy, app_id, born)
    with pytest.raises(InvalidInput):  # the ineligible one cannot be scored
        rules.record_scores(vacancy, {"old": Decimal("99")}, date(2026, 4, 10))
    vacancy = rules.record_scores(vacancy, {"a1": Decimal("81.5"), "a2": Decimal("88")}, date(2026, 4, 10))
    assert [a.id for a in rules.ranking(vacancy)] == ["a2", "a1"]
    with pytest.raises(Conflict):
        rules.hire_from(vacancy, "a1", date(2026, 5, 1))
    with pytest.raises(InvalidInput) as refused:
        rules.hire_from(vacancy, "old", date(2026, 5, 1))
    assert refused.value.errors[0].rule == "age-limit"
    hire = rules.hire_from(vacancy, "a2", date(2026, 5, 1))
    assert hire.posts == ("station_staff",) and hire.kind == "recruited" and hire.closing_date == CLOSING
    vacancy = rules.mark_hired(vacancy, "a2", "w9")
    with pytest.raises(Conflict):
        rules.hire_from(vacancy, "a1", date(2026, 5, 1))  # the one place is filled


def test_scores_come_after_the_closing_date_and_lie_between_0_and_100():
    vacancy, _ = applied(a_vacancy(), "a1", date(1990, 1, 1))
    with pytest.raises(Conflict):
        rules.record_scores(vacancy, {"a1": Decimal("80")}, CLOSING)
    with pytest.raises(InvalidInput):
        rules.record_scores(vacancy, {"a1": Decimal("101")}, date(2026, 4, 1))


def test_only_station_posts_are_recruited():
    with pytest.raises(InvalidInput):
        rules.open_vacancy("v", "s", "c", "committee_director", 1, CLOSING, date(2029, 1, 1))
