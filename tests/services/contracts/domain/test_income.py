"""Technical-income verification: 第十七条 (deductions), 第十八条 (20 %, property rights), 第十九条 (5 years), 第二十条."""
from datetime import date
from decimal import Decimal

import pytest

from services.contracts.domain import income
from services.contracts.domain.contract import Flags
from services.contracts.domain.income import CostInput
from services.contracts.domain.kinds import ContractForm, ContractType
from services.contracts.domain.records import CostKind
from services.contracts.domain.rules import StateRule
from shared.errors import InvalidInput
from tests.services.contracts.domain.factory import FOREIGN, REGISTRAR, TODAY, income_form, registered, stamp

COSTS = (CostInput(CostKind.EQUIPMENT, "100000.00"), CostInput(CostKind.RAW_MATERIALS, "20000.00"),
         CostInput(CostKind.PARTS, "30000.00", subject_direct_cost=True))


def verify(contract, data, today=TODAY):
    return income.verify(contract, "v1", data, stamp(REGISTRAR), today)


def test_transaction_amount_deducts_non_technical_costs_but_not_the_subjects_direct_cost():
    _, v = verify(registered(), income_form("500000.00", "80000.00", COSTS))
    assert v.technical_transaction_amount == Decimal("380000.00")  # 500 000 − 100 000 − 20 000
    assert v.technical_income == Decimal("300000.00") and not v.capped


def test_government_projects_are_capped_at_20_percent_of_the_contract_amount():
    contract = registered(flags=Flags(government_project=True))  # amount 500 000 → cap 100 000
    _, v = verify(contract, income_form("500000.00", "80000.00", COSTS))
    assert v.technical_income == Decimal("100000.00") and v.capped
    _, small = verify(contract, income_form("500000.00", "370000.00", COSTS))
    assert small.technical_income == Decimal("10000.00") and not small.capped


def test_property_rights_trading_uses_the_valuation_and_the_dividends():
    contract = registered(form=ContractForm.PROPERTY_RIGHTS_TRADING, content_type=ContractType.TRANSFER)
    _, v = verify(contract, income_form("500000.00", "0", (), valuation="450000.00", dividends="60000.00"))
    assert (v.technical_transaction_amount, v.technical_income) == (Decimal("450000.00"), Decimal("60000.00"))


@pytest.mark.parametrize("data,field", [
    (income_form("100000.00", "150000.00"), "costs"),
    (income_form("100000.00", "0", (CostInput(CostKind.EQUIPMENT, "100000.01"),)), "non_technical_costs"),
    (income_form("0", "0"), "total"),
    (income_form("1e3x", "0"), "total"),
])
def test_costs_exceeding_the_total_and_bad_amounts_are_refused(data, field):
    with pytest.raises(InvalidInput) as caught:
        verify(registered(), data)
    assert field in {p.field for p in caught.value.errors}
    assert {p.rule for p in caught.value.errors} <= {"costs-within-total", "positive", "numeric"}


def test_a_fixed_term_contract_is_verified_once():
    contract, _ = verify(registered(), income_form("1000.00", "0"))
    with pytest.raises(StateRule) as caught:
        verify(contract, income_form("1000.00", "0"))
    assert caught.value.problem()["errors"][0] | {"message": None} == {
        "field": "status", "rule": "verified-once", "article": "第十九条", "message": None}


def test_an_open_ended_contract_is_verified_many_times_within_5_years_then_no_more():
    contract = registered(flags=Flags(open_ended=True), expiry_on=None)  # registered 2026-11-20
    contract, _ = verify(contract, income_form("1000.00", "0"))
    contract, _ = verify(contract, income_form("1000.00", "0"), date(2031, 11, 20))  # the last day of 5 years
    assert len(contract.verifications) == 2
    with pytest.raises(StateRule) as caught:
        verify(contract, income_form("1000.00", "0"), date(2031, 11, 21))
    assert caught.value.errors[0].rule == "five-year-limit" and "rule" not in caught.value.problem()


def test_five_years_from_29_february_end_on_28_february():
    assert income.verification_window_ends(date(2028, 2, 29)) == date(2033, 2, 28)


def test_a_foreign_sellers_verification_needs_the_buyers_confirmation():
    contract = registered(seller=FOREIGN, flags=Flags(foreign_seller_via_agent=True))
    with pytest.raises(InvalidInput) as caught:
        verify(contract, income_form("1000.00", "0"))
    assert caught.value.errors[0].rule == "buyer-confirmation"
    assert verify(contract, income_form("1000.00", "0", buyer_confirmed=True))[1].buyer_confirmed


def test_only_a_registered_contract_is_verified():
    from tests.services.contracts.domain.factory import submitted
    with pytest.raises(StateRule):
        verify(submitted(), income_form("1000.00", "0"))


def test_income_is_verified_only_after_performance_from_the_day_it_was_performed():
    contract = registered()  # took effect 8 Oct 2026; verified on 20 Nov 2026
    assert verify(contract, income_form("1000.00", "0", performed_on=TODAY))[1].performed_on == TODAY
    assert verify(contract, income_form("1000.00", "0", performed_on=date(2026, 10, 8)))[1].performed_on == date(
        2026, 10, 8)
    cases = ((None, "after-performance"), (date(2026, 11, 21), "after-performance"),
             (date(2026, 10, 7), "performed-after-effect"))
    for performed_on, rule in cases:
        with pytest.raises(InvalidInput) as caught:
            verify(contract, income_form("1000.00", "0", performed_on=performed_on))
        assert [(e.field, e.rule, e.article) for e in caught.value.errors] == [("performed_on", rule, "第十七条")]
