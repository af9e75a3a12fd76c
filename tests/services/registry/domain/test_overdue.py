"""Overdue cases (第七条 10 working days, 第十条 90 working days, 第十八条 the rectification plan), at their boundary:
the due date itself is not overdue, the day after is."""
from datetime import date, timedelta
from decimal import Decimal

from services.registry.domain import employer as rules
from services.registry.domain import technology_centre_record as tc
from services.registry.domain.overdue import OverdueKind, overdue_cases
from tests.services.registry.domain.factories import form, registered
from tests.services.registry.domain.test_technology_centre import applied, certified

ACCEPTED = date(2026, 11, 20)


def under_review():
    return rules.apply("e2", form(), ACCEPTED)


def test_a_review_is_overdue_the_day_after_its_10_working_days():
    due = under_review().application.decision_due
    assert overdue_cases([under_review()], [], due) == []
    [case] = overdue_cases([under_review()], [], due + timedelta(days=1))
    assert (case.kind, case.rule, case.article, case.overdue_days, case.waiting_for) == (
        OverdueKind.REGISTRATION_REVIEW, "review-within-10-working-days", "第七条", 1, "registry")
    decided = rules.review(under_review(), True, (), due)
    assert overdue_cases([decided, registered()], [], due + timedelta(days=30)) == []


def test_a_centre_result_is_overdue_the_day_after_its_90_working_days():
    centre = applied()
    due = centre.application.result_due
    assert overdue_cases([], [centre], due) == []
    [case] = overdue_cases([], [centre], due + timedelta(days=1))
    assert (case.kind, case.article, case.year, case.subject_id) == (OverdueKind.CENTRE_RESULT, "第十条", 2026, "e1")
    assert overdue_cases([], [tc.decide(centre, True, due + timedelta(days=2), ())], due + timedelta(days=5)) == []


def test_a_rectification_plan_not_filed_is_overdue_and_filing_it_closes_the_case():
    warned = tc.evaluate(certified(), 2026, Decimal("61"), date(2026, 4, 20), date(2026, 9, 1))
    due = warned.evaluations[0].rectification_plan_due
    assert overdue_cases([], [warned], due) == []
    [case] = overdue_cases([], [warned], due + timedelta(days=3))
    assert (case.kind, case.rule, case.article, case.waiting_for, case.overdue_days) == (
        OverdueKind.RECTIFICATION_PLAN, "rectification-plan-after-warning", "第十八条", "enterprise", 3)
    filed = tc.file_rectification_plan(warned, 2026, due + timedelta(days=3), "整改")
    assert overdue_cases([], [filed], due + timedelta(days=10)) == []


def test_the_listing_filters_by_kind_and_puts_the_longest_overdue_first():
    warned = tc.evaluate(certified(), 2026, Decimal("61"), date(2026, 4, 20), date(2026, 9, 1))
    later = date(2027, 6, 1)
    cases = overdue_cases([under_review()], [warned], later)
    assert [c.kind for c in cases] == [OverdueKind.RECTIFICATION_PLAN, OverdueKind.REGISTRATION_REVIEW]
    assert cases[0].overdue_days > cases[1].overdue_days
    assert [c.kind for c in overdue_cases([under_review()], [warned], later, OverdueKind.RECTIFICATION_PLAN)] == [
        OverdueKind.RECTIFICATION_PLAN]


def test_a_year_with_named_communities_and_no_spot_check_is_overdue_once_it_has_ended():
    from services.registry.domain.overdue import spot_check_overdue
    assert spot_check_overdue(2026, True, date(2026, 12, 31)) is None
    case = spot_check_overdue(2026, True, date(2027, 1, 1))
    assert (case.kind, case.rule, case.article, case.due, case.overdue_days) == (
        OverdueKind.STAR_SPOT_CHECK, "spot-check-every-year", "第十九条", date(2026, 12, 31), 1)
    assert spot_check_overdue(2026, False, date(2027, 1, 1)) is None
