"""Cases for unapproved changes (第二十一、二十二条 → 第三十四条(二)、第三十五条) and for lifecycle deadlines passed
without the step (第十三、十四、十九条 → 第三十二、三十三条), at their boundaries."""
import dataclasses
from datetime import date, timedelta
from decimal import Decimal

import pytest

from services.markets.domain import compliance, lifecycle
from services.markets.domain.cases import (Act, ActWasApproved, CaseAlreadyOpen, open_overdue_cases,
                                           open_unapproved_act_case)
from services.markets.domain.compliance import CaseWithoutFine
from services.markets.domain.lifecycle import Approval, WrongStatus
from services.markets.domain.market import Status
from services.markets.domain.operating import leave_service
from shared.errors import InvalidInput
from tests.services.markets.domain.factories import operating, planned

ACT = date(2026, 9, 1)
OPENED = date(2026, 9, 10)
DISTRICT = Approval("district_commerce", "东商审〔2026〕8号", ACT)
PLAN = (Approval("district_government", "东政函〔2026〕3号", ACT), Approval("city_commerce", "京商函〔2026〕5号", ACT))


def rules_of(excinfo) -> list[tuple[str, str | None]]:
    return [(e.rule, e.article) for e in excinfo.value.errors]


@pytest.mark.parametrize("kind", ["unapproved_sublet", "unapproved_suspension", "unapproved_merger",
                                  "unapproved_closure"])
def test_an_operators_change_without_district_approval_opens_a_10000_to_30000_case(kind):
    market = open_unapproved_act_case(operating(), Act(kind, ACT), OPENED)
    (case,) = market.cases
    assert (case.kind, case.article, case.low, case.high) == (kind, "第三十四条(二)", Decimal(10000), Decimal(30000))
    assert (case.rule, case.party, case.act_on, case.opened_on) == ("approval-required", "首农菜篮子公司", ACT,
                                                                    OPENED)
    refused = compliance.refuse_correction(market, 1).cases[0]
    assert (refused.low, refused.high) == (Decimal(30000), Decimal(100000))


def test_with_the_district_approval_dated_the_day_of_the_act_it_is_lawful_and_no_case_opens():
    with pytest.raises(ActWasApproved) as refused:
        open_unapproved_act_case(operating(), Act("unapproved_closure", ACT, (DISTRICT,)), OPENED)
    assert rules_of(refused) == [("approved-act-is-lawful", "第二十一条")]


def test_an_approval_dated_the_day_after_the_act_does_not_make_it_lawful():
    late = Approval("district_commerce", "东商审〔2026〕9号", ACT + timedelta(days=1))
    (case,) = open_unapproved_act_case(operating(), Act("unapproved_sublet", ACT, (late,)), OPENED).cases
    assert (case.rule, case.approved_by) == ("approved-before-act", ())


def test_a_change_the_register_recorded_with_its_approval_is_no_case():
    closed, _ = leave_service(operating(), Status.CLOSED, ACT, [DISTRICT])
    with pytest.raises(WrongStatus) as refused:
        open_unapproved_act_case(closed, Act("unapproved_closure", ACT), OPENED)
    assert rules_of(refused) == [("approved-act-is-lawful", "第二十一条")]


def test_one_case_per_act_and_never_before_the_act():
    market = open_unapproved_act_case(operating(), Act("unapproved_suspension", ACT), OPENED)
    with pytest.raises(CaseAlreadyOpen):
        open_unapproved_act_case(market, Act("unapproved_suspension", ACT), OPENED)
    assert len(open_unapproved_act_case(market, Act("unapproved_suspension", ACT + timedelta(days=30)),
                                        OPENED + timedelta(days=30)).cases) == 2
    with pytest.raises(InvalidInput) as early:
        open_unapproved_act_case(operating(), Act("unapproved_suspension", OPENED + timedelta(days=1)), OPENED)
    assert early.value.errors[0].rule == "act-before-case"
    assert open_unapproved_act_case(operating(), Act("unapproved_suspension", OPENED), OPENED).cases[0].act_on == OPENED


def replacement(built_on: date, lon: float = 116.3985, vegetable: str = "600"):
    return dataclasses.replace(operating("m2", lon=lon, vegetable=vegetable), milestones={"opened": built_on})


def test_demolition_without_the_replacement_plan_approved_by_district_and_city_opens_a_30000_to_100000_case():
    (case,) = open_unapproved_act_case(operating(), Act("unapproved_demolition", ACT, (PLAN[0],)), OPENED).cases
    assert (case.article, case.low, case.high, case.rule) == ("第三十五条", Decimal(30000), Decimal(100000),
                                                              "approval-required")
    assert case.approved_by == ("district_government",)
    with pytest.raises(InvalidInput):  # 第三十五条 has no higher range
        compliance.refuse_correction(open_unapproved_act_case(operating(), Act("unapproved_demolition", ACT),
                                                              OPENED), 1)


def test_a_plan_approved_but_no_replacement_named_is_still_a_case():
    (case,) = open_unapproved_act_case(operating(), Act("unapproved_relocation", ACT, PLAN), OPENED).cases
    assert case.rule == "replacement-plan-required"


def test_the_replacement_must_be_built_by_the_day_of_the_act():
    built_that_day = Act("unapproved_rebuilding", ACT, PLAN, replacement(ACT), party="某拆迁公司")
    with pytest.raises(ActWasApproved) as refused:
        open_unapproved_act_case(operating(), built_that_day, OPENED)
    assert rules_of(refused) == [("approved-act-is-lawful", "第二十二条")]
    built_after = Act("unapproved_rebuilding", ACT, PLAN, replacement(ACT + timedelta(days=1)), party="某拆迁公司")
    (case,) = open_unapproved_act_case(operating(), built_after, OPENED).cases
    assert (case.rule, case.party, case.replacement_market_id) == ("replacement-built-first", "某拆迁公司", "m2")


def test_a_replacement_too_far_or_smaller_is_no_replacement():
    far = Act("unapproved_relocation", ACT, PLAN, replacement(ACT, lon=116.4200))  # ~1.9 km east
    assert open_unapproved_act_case(operating(), far, OPENED).cases[0].rule == "replacement-nearby"
    smaller = Act("unapproved_relocation", ACT, PLAN, replacement(ACT, vegetable="599"))
    assert open_unapproved_act_case(operating(), smaller, OPENED).cases[0].rule == "replacement-comparable"


def test_an_operators_change_needs_a_market_in_service():
    with pytest.raises(WrongStatus):
        open_unapproved_act_case(planned(), Act("unapproved_closure", ACT), OPENED)


# -- deadlines passed without the step: a case once per deadline ---------------------------------------------------

SIGNED = date(2026, 3, 1)


def signed():
    accepted = lifecycle.accept(lifecycle.build(planned(), date(2026, 2, 1)), date(2026, 2, 10))
    return lifecycle.sign_agreement(lifecycle.notify_regulator(accepted, date(2026, 2, 11)), SIGNED, None)


def test_no_transfer_by_day_60_is_no_case_on_day_61_a_30000_to_100000_case_against_the_developer():
    day_60 = SIGNED + timedelta(days=60)
    assert open_overdue_cases(signed(), day_60) == (signed(), [])
    market, opened = open_overdue_cases(signed(), day_60 + timedelta(days=1))
    assert [(c.kind, c.article, c.low, c.high, c.due_on, c.party, c.opened_on) for c in opened] == [
        ("late_ownership_transfer", "第三十二条", Decimal(30000), Decimal(100000), day_60, "市菜市场网点管理机构",
         day_60 + timedelta(days=1))]
    again, none = open_overdue_cases(market, day_60 + timedelta(days=30))
    assert (again, none) == (market, [])


def test_the_late_transfer_recorded_after_the_case_opened_adds_its_date_and_opens_none():
    market, _ = open_overdue_cases(signed(), date(2026, 5, 10))
    transferred = lifecycle.transfer_ownership(market, date(2026, 5, 20))
    (case,) = transferred.cases
    assert (case.kind, case.opened_on, case.act_on) == ("late_ownership_transfer", date(2026, 5, 10), date(2026, 5, 20))


def test_a_late_transfer_without_a_run_opens_its_case_at_the_record():
    (case,) = lifecycle.transfer_ownership(signed(), SIGNED + timedelta(days=61)).cases
    assert (case.due_on, case.act_on) == (SIGNED + timedelta(days=60), SIGNED + timedelta(days=61))
    assert lifecycle.transfer_ownership(signed(), SIGNED + timedelta(days=60)).cases == ()


TRANSFERRED = date(2026, 4, 1)


def transferred():
    return lifecycle.transfer_ownership(signed(), TRANSFERRED)


def test_no_tender_60_days_after_the_transfer_is_a_supervision_case_without_fine_resolved_by_the_tender():
    assert open_overdue_cases(transferred(), TRANSFERRED + timedelta(days=60))[1] == []
    market, (case,) = open_overdue_cases(transferred(), TRANSFERRED + timedelta(days=61))
    assert (case.kind, case.article, case.low, case.high, case.party) == (
        "late_tender", "第十三条第二款", None, None, "district_commerce")
    with pytest.raises(CaseWithoutFine) as refused:
        compliance.impose_fine(market, case.number, Decimal(1000), "officer-1")
    assert rules_of(refused) == [("case-carries-a-fine", "第十三条第二款")]
    tendered = lifecycle.tender_operator(market, TRANSFERRED + timedelta(days=70), "首农菜篮子公司")
    assert (tendered.cases[0].status, tendered.cases[0].resolved_on) == ("resolved", TRANSFERRED + timedelta(days=70))


LICENCE = date(2026, 5, 1)


def tendered():
    return lifecycle.tender_operator(transferred(), date(2026, 4, 20), "首农菜篮子公司")


def test_a_recorded_licence_not_filed_within_10_days_opens_a_1000_to_5000_case_on_day_11():
    licensed = lifecycle.record_licence(tendered(), LICENCE)
    assert open_overdue_cases(licensed, LICENCE + timedelta(days=10))[1] == []
    market, (case,) = open_overdue_cases(licensed, LICENCE + timedelta(days=11))
    assert (case.kind, case.low, case.high, case.party, case.due_on) == (
        "late_filing", Decimal(1000), Decimal(5000), "首农菜篮子公司", LICENCE + timedelta(days=10))
    filed = lifecycle.file_operator(market, None, LICENCE + timedelta(days=15))
    assert len(filed.cases) == 1 and filed.cases[0].act_on == LICENCE + timedelta(days=15)
    assert filed.on("licence") == LICENCE


def test_the_filing_takes_the_recorded_licence_date_or_one_that_agrees_with_it():
    with pytest.raises(InvalidInput) as missing:
        lifecycle.file_operator(tendered(), None, LICENCE)
    assert rules_of(missing) == [("licence-date-required", "第十四条")]
    licensed = lifecycle.record_licence(tendered(), LICENCE)
    with pytest.raises(InvalidInput) as other:
        lifecycle.file_operator(licensed, LICENCE - timedelta(days=1), LICENCE)
    assert rules_of(other) == [("licence-as-recorded", "第十四条")]
    assert lifecycle.file_operator(licensed, LICENCE, LICENCE).status is Status.OPERATOR_FILED


FILED = date(2026, 5, 5)


def test_not_open_60_days_after_filing_opens_the_late_opening_case_once_and_the_withdrawal_adds_none():
    filed = lifecycle.file_operator(tendered(), LICENCE, FILED)
    assert open_overdue_cases(filed, FILED + timedelta(days=60))[1] == []
    market, (case,) = open_overdue_cases(filed, FILED + timedelta(days=61))
    assert (case.kind, case.article, case.low, case.high) == ("late_opening", "第三十三条(二)", Decimal(1000),
                                                              Decimal(5000))
    withdrawn, _ = lifecycle.withdraw_operating_right(market, FILED + timedelta(days=65))
    assert [c.kind for c in withdrawn.cases] == ["late_opening"]


def test_a_new_tender_after_a_withdrawal_does_not_inherit_the_old_operators_licence():
    filed = lifecycle.file_operator(lifecycle.record_licence(tendered(), LICENCE), None, FILED)
    withdrawn, _ = lifecycle.withdraw_operating_right(filed, FILED + timedelta(days=61))
    retendered = lifecycle.tender_operator(withdrawn, FILED + timedelta(days=80), "新发地菜篮子公司")
    assert retendered.on("operator_licensed") is None
    assert [c.kind for c in open_overdue_cases(retendered, FILED + timedelta(days=200))[1]] == []
