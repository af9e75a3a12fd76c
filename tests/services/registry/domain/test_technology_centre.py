"""Enterprise technology centres (认定企业技术中心管理办法): thresholds, exclusions, grading, revocation, bars."""
from datetime import date, timedelta
from decimal import Decimal

import pytest

from services.registry.domain import technology_centre as rules
from services.registry.domain import technology_centre_record as tc
from services.registry.domain.technology_centre import Cause, Grade, Ineligible, Violation
from shared.errors import Conflict, InvalidInput

AT = {"main_revenue": Decimal("150000000"), "st_spending": Decimal("5000000"), "rd_staff": 50,
      "equipment_value": Decimal("5000000")}
BELOW = {"main_revenue": Decimal("149999999.99"), "st_spending": Decimal("4999999.99"), "rd_staff": 49,
         "equipment_value": Decimal("4999999.99")}


def application(applied_on=date(2026, 4, 30), established=date(2025, 4, 30), figures=None, override=None):
    return tc.CentreApplication(year=applied_on.year, applied_on=applied_on, centre_established_on=established,
                                figures=tc.Figures(**(figures or AT)), override_officer="王科长" if override else None,
                                override_reason=override, result_due=rules.result_due(applied_on.year))


def applied(centre=None, **kw):
    return tc.apply(centre, "e1", "海淀科技有限公司", application(**kw), [], False, [])


def certified(on=date(2026, 6, 1)):
    return tc.decide(applied(), True, on, ())


def test_thresholds_at_the_limit_pass_and_just_below_each_fails():
    assert rules.threshold_shortfalls(AT) == []
    for name in AT:
        problems = rules.threshold_shortfalls(AT | {name: BELOW[name]})
        assert [p.field for p in problems] == [f"figures.{name}"]
    assert applied().status == "applied"
    with pytest.raises(Ineligible) as refused:
        applied(figures=BELOW)
    assert {e.rule for e in refused.value.errors} == {"main_revenue-at-least-150000000",
                                                      "st_spending-at-least-5000000", "rd_staff-at-least-50",
                                                      "equipment_value-at-least-5000000"}


def test_an_officer_override_with_a_written_reason_relaxes_the_thresholds_only():
    assert applied(figures=BELOW, override="国家重点扶持的集成电路设计企业").application.override_reason
    with pytest.raises(Ineligible):
        applied(figures=BELOW, override="   ")
    with pytest.raises(Ineligible) as late:
        applied(figures=BELOW, override="特殊情况", applied_on=date(2026, 5, 1))
    assert [e.rule for e in late.value.errors] == ["apply-by-30-apr"]


def test_applications_close_on_30_april_and_the_centre_runs_a_year():
    applied(applied_on=date(2026, 4, 30), established=date(2025, 4, 30))
    with pytest.raises(Ineligible) as late:
        applied(applied_on=date(2026, 5, 1), established=date(2025, 1, 1))
    assert [e.rule for e in late.value.errors] == ["apply-by-30-apr"]
    with pytest.raises(Ineligible) as young:
        applied(applied_on=date(2026, 4, 30), established=date(2025, 5, 1))
    assert [e.rule for e in young.value.errors] == ["running-at-least-1-year"]


@pytest.mark.parametrize("kind", list(Violation))
def test_violations_in_the_two_years_before_30_april_exclude(kind):
    deadline = date(2026, 4, 30)
    assert [p.rule for p in rules.excluded_by([(kind, date(2024, 4, 30))], deadline)] == [
        f"no-{kind.value}-within-2-years"]
    assert rules.excluded_by([(kind, date(2024, 4, 29))], deadline) == []


def test_subsidiary_of_a_certified_parent_and_consolidated_certified_subsidiaries_are_refused():
    with pytest.raises(Ineligible) as sub:
        tc.apply(None, "e1", "子公司", application(), [], True, [])
    assert sub.value.errors[0].rule == "subsidiary-of-certified-parent"
    with pytest.raises(Ineligible) as parent:
        tc.apply(None, "e1", "集团", application(), [], False, ["e9"])
    assert parent.value.errors[0].rule == "no-consolidation-of-certified-subsidiary"


def test_the_result_is_due_within_90_working_days_of_the_deadline_a_later_one_is_marked_late():
    due = rules.result_due(2026)
    assert due > date(2026, 8, 28) and rules.RESULT_WORKING_DAYS == 90
    assert tc.decide(applied(), True, due, ()).application.result_late is False
    assert tc.decide(applied(), True, date.fromordinal(due.toordinal() + 1), ()).application.result_late is True


@pytest.mark.parametrize("score, grade", [("59", Grade.FAIL), ("59.99", Grade.FAIL), ("60", Grade.PASS),
                                          ("65", Grade.PASS), ("89", Grade.PASS), ("89.99", Grade.PASS),
                                          ("90", Grade.EXCELLENT)])
def test_scores_grade_at_60_and_90(score, grade):
    assert rules.grade(Decimal(score), late=False) is grade


def test_materials_more_than_a_month_late_fail():
    assert rules.materials_late(2027, date(2027, 5, 30), date(2027, 6, 10)) is False
    assert rules.materials_late(2027, date(2027, 5, 31), date(2027, 6, 10)) is True
    assert rules.materials_late(2027, None, date(2027, 5, 31)) is True
    centre = tc.evaluate(certified(), 2027, Decimal(95), date(2027, 5, 31), date(2027, 6, 10))
    assert centre.status == "revoked" and centre.revocations[0].cause is Cause.EVALUATION_FAILED


def test_59_revokes_60_passes_65_warns_first_then_revokes_on_the_second_consecutive():
    assert tc.evaluate(certified(), 2027, Decimal(59), date(2027, 4, 1), date(2027, 6, 1)).status == "revoked"
    first = tc.evaluate(certified(), 2027, Decimal(65), date(2027, 4, 1), date(2027, 6, 1))
    assert first.status == "certified" and first.evaluations[-1].warning
    second = tc.evaluate(first, 2028, Decimal(60), date(2028, 4, 1), date(2028, 6, 1))
    assert second.status == "revoked" and second.revocations[0].cause is Cause.TWO_MARGINAL_SCORES
    assert second.barred_until == date(2030, 6, 1)


def test_a_score_between_two_marginal_ones_breaks_the_run():
    centre = tc.evaluate(certified(), 2027, Decimal(62), date(2027, 4, 1), date(2027, 6, 1))
    centre = tc.evaluate(centre, 2028, Decimal("65.01"), date(2028, 4, 1), date(2028, 6, 1))
    assert not centre.evaluations[-1].warning
    centre = tc.evaluate(centre, 2029, Decimal(64), date(2029, 4, 1), date(2029, 6, 1))
    assert centre.status == "certified" and centre.evaluations[-1].warning
    with pytest.raises(Conflict):
        tc.evaluate(centre, 2029, Decimal(80), date(2029, 4, 1), date(2029, 6, 1))


@pytest.mark.parametrize("cause, years", [(Cause.EVALUATION_FAILED, 2), (Cause.TWO_MARGINAL_SCORES, 2),
                                          (Cause.OWN_REQUEST, 2), (Cause.ENTERPRISE_TERMINATED, 3),
                                          (Cause.MAJOR_QUALITY_ACCIDENT, 3), (Cause.TAX_VIOLATION, 3),
                                          (Cause.FALSE_MATERIALS, 3)])
def test_every_cause_revokes_with_its_bar_enforced_on_the_boundary_day(cause, years):
    revoked = tc.revoke(certified(), cause, date(2026, 4, 10))
    assert revoked.status == "revoked" and revoked.barred_until == date(2026 + years, 4, 10)
    with pytest.raises(Conflict) as barred:
        applied(revoked, applied_on=date(2026 + years, 4, 9), established=date(2020, 1, 1))
    assert barred.value.errors[0].rule == f"reapplication-bar-{years}-years"
    again = applied(revoked, applied_on=date(2026 + years, 4, 10), established=date(2020, 1, 1))
    assert again.status == "applied" and len(again.applications) == 2


def test_fraud_in_an_application_bars_three_years():
    rejected = tc.decide(applied(), False, date(2026, 6, 1), ("虚假",), fraud=True)
    assert rejected.barred_until == date(2029, 6, 1) and rejected.bar_cause is Cause.APPLICATION_FRAUD
    with pytest.raises(Conflict):
        applied(rejected, applied_on=date(2029, 4, 30), established=date(2020, 1, 1))


def test_enterprise_terminated_revokes_once_and_leaves_others_alone():
    revoked = tc.enterprise_terminated(certified(), date(2026, 11, 20), True, "licence_revoked")
    [revocation] = revoked.revocations
    assert revocation.cause is Cause.ENTERPRISE_TERMINATED and "forced=True" in revocation.detail
    assert tc.enterprise_terminated(revoked, date(2026, 11, 21), True, "licence_revoked") is revoked
    assert tc.enterprise_terminated(applied(), date(2026, 11, 21), False, "dissolution").status == "applied"


def test_no_second_application_while_applied_or_certified_and_no_revocation_unless_certified():
    with pytest.raises(Conflict):
        applied(certified())
    with pytest.raises(Conflict):
        tc.revoke(applied(), Cause.OWN_REQUEST, date(2026, 6, 1))
    with pytest.raises(InvalidInput):
        tc.revoke(certified(), Cause.APPLICATION_FRAUD, date(2026, 6, 1))


def test_renaming_reported_within_30_working_days():
    due = rules.change_report_due(date(2026, 9, 1))
    on_time = tc.report_change(certified(), "rename", date(2026, 9, 1), due, "新名称有限公司")
    assert on_time.changes[0].late is False and on_time.enterprise_name == "新名称有限公司"
    late = tc.report_change(certified(), "reorganisation", date(2026, 9, 1), date.fromordinal(due.toordinal() + 1),
                            None)
    assert late.changes[0].late is True


def test_the_applicant_is_a_registered_beijing_enterprise_with_independent_legal_personality():
    rules.check_applicant("e1", "registered", "110108", "enterprise")
    rules.check_applicant("e1", "deregistration_blocked", "110103", None)  # an old 崇文 certificate: still Beijing
    with pytest.raises(InvalidInput) as unknown:
        rules.check_applicant("e9", None)
    assert unknown.value.errors[0].rule == "unknown-employer"
    with pytest.raises(InvalidInput) as refused:
        rules.check_applicant("e1", "deregistered", "330302", "non_legal_person_branch")
    assert [(p.rule, p.article) for p in refused.value.errors] == [
        ("employer-registered", "第五条"), ("beijing-enterprise", "第五条"),
        ("independent-legal-person-enterprise", "第五条")]
    for unit_type in ("representative_office", "state_organ", "public_institution", "social_organisation"):
        with pytest.raises(InvalidInput):
            rules.check_applicant("e1", "registered", "110108", unit_type)
    rules.check_applicant("e1", "registered", "110119", "foreign_invested_enterprise")


@pytest.mark.parametrize("score, warned", [(Decimal("59.99"), False), (Decimal("60"), True), (Decimal("65"), True),
                                           (Decimal("65.01"), False)])
def test_a_first_score_in_60_65_warns_and_asks_for_a_plan_due_in_30_working_days(score, warned):
    evaluated = tc.evaluate(certified(), 2026, score, date(2026, 4, 20), date(2026, 9, 1))
    if score < 60:
        assert evaluated.status == "revoked"
        return
    [evaluation] = evaluated.evaluations
    assert evaluation.warning is warned
    assert evaluation.rectification_plan_due == (rules.add_working_days(date(2026, 9, 1), 30) if warned else None)
    assert tc.pending_due(evaluated) == evaluation.rectification_plan_due


def test_the_rectification_plan_is_filed_once_after_a_warning_and_marked_late_after_its_due_date():
    warned = tc.evaluate(certified(), 2026, Decimal("62"), date(2026, 4, 20), date(2026, 9, 1))
    due = warned.evaluations[0].rectification_plan_due
    on_time = tc.file_rectification_plan(warned, 2026, due, "补充研发人员")
    assert on_time.evaluations[0].rectification_plan.late is False and tc.pending_due(on_time) is None
    late = tc.file_rectification_plan(warned, 2026, due + timedelta(days=1), "补充研发人员")
    assert late.evaluations[0].rectification_plan.late is True
    with pytest.raises(Conflict) as again:
        tc.file_rectification_plan(on_time, 2026, due, "again")
    assert again.value.errors[0].rule == "one-rectification-plan"
    passed = tc.evaluate(certified(), 2026, Decimal("80"), date(2026, 4, 20), date(2026, 9, 1))
    with pytest.raises(Conflict) as not_asked:
        tc.file_rectification_plan(passed, 2026, date(2026, 9, 2), "x")
    assert (not_asked.value.errors[0].rule, not_asked.value.errors[0].article) == (
        "rectification-plan-after-warning", "第十八条")
    with pytest.raises(InvalidInput):
        tc.file_rectification_plan(warned, 2025, date(2026, 9, 2), "x")
