"""社区工作者管理办法 第五条(一)4: 享受独生子女费和住房公积金 "按照市有关规定" — configurable, dated amounts and rates
(defaults: housing fund 12 % + 12 % of the month's wage; one-child fee 5 yuan a month, from the month the
certificate is issued until the child turns 18); working retirees get neither."""
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from services.workforce.domain import worker as rules
from services.workforce.domain.pay import Period, pay_slip
from services.workforce.domain.policy import HousingFundRate, OneChildFee, PayTable, in_force
from services.workforce.domain.worker import OneChildCertificate
from shared.errors import InvalidInput
from tests.services.workforce.factory import a_hire

TABLE = PayTable()


def staff(**overrides):
    worker, _ = rules.hire("w", a_hire(start_date=date(2020, 3, 1), **overrides))
    return worker


def codes(items):
    return {i.code: i.amount for i in items}


def test_the_housing_fund_is_12_percent_each_of_the_months_wage_beside_the_pay():
    slip = pay_slip(staff(), Period(2020, 6), TABLE)
    assert slip.total == Decimal("1330.00")  # 590 + 740 + 0: the fund is not pay
    assert codes(slip.contributions) == {"housing_fund_unit": Decimal("159.60"),
                                         "housing_fund_personal": Decimal("159.60")}
    assert slip.net == Decimal("1170.40")  # the personal share is withheld


def test_a_new_rate_applies_from_the_month_it_is_in_force():
    table = replace(TABLE, housing_fund=(HousingFundRate(date(2000, 1, 1), Decimal("0.12"), Decimal("0.12")),
                                         HousingFundRate(date(2020, 7, 1), Decimal("0.10"), Decimal("0.05"))))
    assert codes(pay_slip(staff(), Period(2020, 6), table).contributions)["housing_fund_unit"] == Decimal("159.60")
    july = codes(pay_slip(staff(), Period(2020, 7), table).contributions)
    assert july == {"housing_fund_unit": Decimal("133.00"), "housing_fund_personal": Decimal("66.50")}


def test_before_any_rate_is_in_force_nothing_is_contributed():
    table = replace(TABLE, housing_fund=(HousingFundRate(date(2021, 1, 1), Decimal("0.12"), Decimal("0.12")),))
    assert pay_slip(staff(), Period(2020, 12), table).contributions == ()
    assert in_force(table.housing_fund, date(2020, 12, 31)) is None


def test_the_one_child_fee_runs_from_the_month_of_issue_until_the_child_turns_18():
    worker = rules.record_one_child_certificate(staff(), OneChildCertificate("OC-1", date(2020, 5, 20),
                                                                             date(2003, 6, 15)))
    assert "one_child_fee" not in codes(pay_slip(worker, Period(2020, 4), TABLE).items)
    may = pay_slip(worker, Period(2020, 5), TABLE)
    assert codes(may.items)["one_child_fee"] == Decimal("5.00") and may.total == Decimal("1335.00")
    # not part of the housing fund's base (the wage)
    assert codes(may.contributions)["housing_fund_unit"] == Decimal("159.60")
    assert codes(pay_slip(worker, Period(2021, 6), TABLE).items)["one_child_fee"] == Decimal("5.00")  # 18 on 15 June
    assert "one_child_fee" not in codes(pay_slip(worker, Period(2021, 7), TABLE).items)


def test_the_one_child_fee_follows_its_dated_amount():
    table = replace(TABLE, one_child_fee=(OneChildFee(date(2000, 1, 1), Decimal("5")),
                                          OneChildFee(date(2021, 1, 1), Decimal("10"))))
    worker = rules.record_one_child_certificate(staff(), OneChildCertificate("OC-1", date(2020, 5, 1),
                                                                             date(2015, 1, 1)))
    assert codes(pay_slip(worker, Period(2020, 12), table).items)["one_child_fee"] == Decimal("5.00")
    assert codes(pay_slip(worker, Period(2021, 1), table).items)["one_child_fee"] == Decimal("10.00")


def test_a_one_child_certificate_is_issued_after_the_child_s_birth():
    with pytest.raises(InvalidInput) as refused:
        rules.record_one_child_certificate(staff(), OneChildCertificate("OC-1", date(2020, 5, 1), date(2020, 6, 1)))
    assert refused.value.errors[0].rule == "child-born-before-issue"


def test_a_working_retiree_gets_neither_the_fund_nor_the_fee():
    worker, _ = rules.hire("r", a_hire(kind="elected", retiree=True, posts=("committee_member",),
                                       start_date=date(2018, 1, 1)))
    worker = rules.record_one_child_certificate(worker, OneChildCertificate("OC-2", date(2018, 1, 1),
                                                                            date(2010, 1, 1)))
    slip = pay_slip(worker, Period(2020, 1), TABLE)
    assert list(codes(slip.items)) == ["living_subsidy"] and slip.contributions == ()
