"""Rewards (第二十二条: 20 / 25 / 50 / 35 %), fees (第二十三条: 0.1 %, 30 yuan), tax documents (第二十一条)."""
from decimal import Decimal

import pytest

from services.contracts.domain import income, rewards
from services.contracts.domain.contract import Flags
from services.contracts.domain.records import RewardParty
from services.contracts.domain.rewards import RewardInput
from services.contracts.domain.rules import StateRule
from shared.errors import InvalidInput
from tests.services.contracts.domain.factory import REGISTRAR, TODAY, income_form, registered, stamp, submitted


def verified(flags=Flags(), technical_income="300000.00"):
    contract = registered(flags=flags)
    data = income_form("500000.00", str(Decimal("500000.00") - Decimal(technical_income)))
    return income.verify(contract, "v1", data, stamp(REGISTRAR), TODAY)[0]


def issue(contract, data):
    return rewards.issue_reward(contract, "s1", data, stamp(REGISTRAR), TODAY)


def test_the_registration_fee_is_0_1_percent_rounded_half_up_to_the_fen():
    assert rewards.registration_fee(Decimal("500000.00")) == Decimal("500.00")
    assert rewards.registration_fee(Decimal("1234.50")) == Decimal("1.23")   # 1.2345 → 1.23
    assert rewards.registration_fee(Decimal("1235.00")) == Decimal("1.24")   # 1.235 → 1.24 (half up)


def test_a_seller_reward_at_25_percent_is_approved_above_it_refused():
    contract = verified()
    _, slip = issue(contract, RewardInput(RewardParty.SELLER, "0.25", verification_id="v1"))
    assert slip.amount == Decimal("75000.00") and slip.processing_fee == Decimal("30.00")
    with pytest.raises(InvalidInput) as caught:
        issue(contract, RewardInput(RewardParty.SELLER, "0.2501", verification_id="v1"))
    assert caught.value.errors[0].rule == "reward-cap"


def test_twenty_percent_is_always_within_the_cap():
    assert rewards.SELLER_MINIMUM_ALLOWED <= rewards.seller_ratio_cap(False) == Decimal("0.25")


@pytest.mark.parametrize("agricultural", [False, True])
def test_a_seller_reward_below_20_percent_is_refused_20_percent_itself_is_issued(agricultural):
    contract = verified(Flags(agricultural_service=agricultural))
    assert issue(contract, RewardInput(RewardParty.SELLER, "0.20", verification_id="v1"))[1].amount == Decimal(
        "60000.00")  # 不低于20%: 20 % itself is allowed
    with pytest.raises(InvalidInput) as caught:
        issue(contract, RewardInput(RewardParty.SELLER, "0.1999", verification_id="v1"))
    entry = caught.value.errors[0]
    assert (entry.field, entry.rule, entry.article, entry.facts) == ("ratio", "reward-floor", "第二十二条",
                                                                    {"floor": "0.20"})


def test_direct_agricultural_services_may_go_to_50_percent():
    contract = verified(Flags(agricultural_service=True))
    assert issue(contract, RewardInput(RewardParty.SELLER, "0.50", verification_id="v1"))[1].amount == Decimal(
        "150000.00")
    with pytest.raises(InvalidInput):
        issue(contract, RewardInput(RewardParty.SELLER, "0.51", verification_id="v1"))


def test_a_government_projects_reward_is_based_on_the_capped_income():
    contract = verified(Flags(government_project=True))  # income capped at 20 % of 500 000 = 100 000
    assert issue(contract, RewardInput(RewardParty.SELLER, "0.20", verification_id="v1"))[1].amount == Decimal(
        "20000.00")


def test_a_seller_reward_needs_a_verification_of_this_contract():
    with pytest.raises(InvalidInput) as caught:
        issue(registered(), RewardInput(RewardParty.SELLER, "0.20", verification_id="nope"))
    assert caught.value.errors[0].field == "verification_id"


def test_the_buyer_takes_35_percent_of_the_new_profit_once():
    contract = registered()
    contract, slip = issue(contract, RewardInput(RewardParty.BUYER, "0.35", new_profit="200000.01", profit_year=2027))
    assert slip.amount == Decimal("70000.00")  # 70 000.0035 → 70 000.00
    with pytest.raises(StateRule) as caught:
        issue(contract, RewardInput(RewardParty.BUYER, "0.10", new_profit="1000.00", profit_year=2028))
    assert caught.value.errors[0].rule == "buyer-reward-once" and caught.value.errors[0].field == "party"
    with pytest.raises(InvalidInput):
        issue(registered(), RewardInput(RewardParty.BUYER, "0.36", new_profit="1000.00", profit_year=2027))


def test_no_reward_on_an_application_still_under_review():
    with pytest.raises(StateRule):
        issue(submitted(), RewardInput(RewardParty.BUYER, "0.35", new_profit="1000.00", profit_year=2027))


def test_the_registration_fee_is_on_the_realised_turnover_not_the_agreed_amount():
    contract = registered()  # 500 000 agreed
    lines, total = rewards.invoice(contract)
    assert lines[0].amount == Decimal("0.00") and "nothing realised yet" in lines[0].basis and total == 0
    performed = income.verify(contract, "v1", income_form("123456.78", "0"), stamp(REGISTRAR), TODAY)[0]
    assert rewards.realised_turnover(performed) == Decimal("123456.78")
    assert rewards.invoice(performed)[0][0].amount == Decimal("123.46")  # 123.45678 → 123.46


def test_an_open_ended_contracts_realised_turnover_adds_up_its_verifications():
    contract = registered(flags=Flags(open_ended=True), expiry_on=None)
    for n, total in enumerate(("100000.00", "250000.00")):
        contract = income.verify(contract, f"v{n}", income_form(total, "0"), stamp(REGISTRAR), TODAY)[0]
    assert rewards.realised_turnover(contract) == Decimal("350000.00")
    assert rewards.invoice(contract)[0][0].amount == Decimal("350.00")


def test_the_invoice_itemises_the_registration_fee_and_30_yuan_per_slip():
    contract = verified()
    contract, _ = issue(contract, RewardInput(RewardParty.SELLER, "0.20", verification_id="v1"))
    contract, _ = rewards.issue_reward(contract, "s2", RewardInput(RewardParty.BUYER, "0.35", new_profit="1000.00",
                                                                   profit_year=2027), stamp(REGISTRAR), TODAY)
    lines, total = rewards.invoice(contract)
    assert [line.amount for line in lines] == [Decimal("500.00"), Decimal("30.00"), Decimal("30.00")]
    assert total == Decimal("560.00")
    with pytest.raises(StateRule):
        rewards.invoice(submitted())


def test_the_tax_bundle_says_what_is_missing_until_all_three_documents_exist():
    assert rewards.tax_relief_bundle(registered()).missing == ("income_verification", "reward_slip")
    contract = verified()
    assert rewards.tax_relief_bundle(contract).missing == ("reward_slip",)
    contract, _ = issue(contract, RewardInput(RewardParty.SELLER, "0.20", verification_id="v1"))
    assert rewards.tax_relief_bundle(contract).missing == ()
    assert rewards.tax_relief_bundle(submitted()).missing[0] == "registered_contract"
