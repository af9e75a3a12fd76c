"""第十一至十九条: each step's deadline in calendar days, and what happens when it is missed."""
from datetime import date, timedelta
from decimal import Decimal

import pytest

from services.markets.domain import lifecycle
from services.markets.domain.lifecycle import OpeningDeadlinePassed, WrongStatus
from services.markets.domain.market import Status
from shared.errors import InvalidInput
from shared.events.markets import MarketClosed, MarketOpened
from tests.services.markets.domain.factories import filed, planned


def agreement_signed(signed_on=date(2026, 2, 20)):
    m = lifecycle.accept(lifecycle.build(planned(), date(2026, 2, 1)), date(2026, 2, 10))
    return lifecycle.sign_agreement(m, signed_on, None)


def test_steps_must_follow_the_order_of_the_regulation():
    with pytest.raises(WrongStatus):
        lifecycle.accept(planned(), date(2026, 2, 1))  # not built yet


def test_regulator_notified_on_the_10th_day_is_on_time_and_on_the_11th_is_late():
    accepted = lifecycle.accept(lifecycle.build(planned(), date(2026, 2, 1)), date(2026, 2, 10))
    assert "regulator_notified" not in lifecycle.notify_regulator(accepted, date(2026, 2, 20)).late
    assert "regulator_notified" in lifecycle.notify_regulator(accepted, date(2026, 2, 21)).late


def test_purchase_agreement_must_come_before_the_presale_permit():
    accepted = lifecycle.accept(lifecycle.build(planned(), date(2026, 2, 1)), date(2026, 2, 10))
    with pytest.raises(InvalidInput) as refused:
        lifecycle.sign_agreement(accepted, date(2026, 3, 1), presale_permit_on=date(2026, 3, 1))
    assert refused.value.errors[0].rule == "agreement-before-presale-permit"
    assert lifecycle.sign_agreement(accepted, date(2026, 3, 1), date(2026, 3, 2)).status is Status.AGREEMENT_SIGNED


def test_ownership_transferred_within_60_days_opens_no_case():
    m = lifecycle.transfer_ownership(agreement_signed(date(2026, 2, 20)), date(2026, 2, 20) + timedelta(days=60))
    assert m.status is Status.OWNERSHIP_TRANSFERRED and m.cases == ()


def test_ownership_transferred_on_day_61_opens_a_30000_to_100000_case_against_the_developer():
    m = lifecycle.transfer_ownership(agreement_signed(date(2026, 2, 20)), date(2026, 2, 20) + timedelta(days=61))
    (case,) = m.cases
    assert case.kind == "late_ownership_transfer" and (case.low, case.high) == (Decimal("30000"), Decimal("100000"))


def test_operator_filing_more_than_10_days_after_the_licence_opens_a_1000_to_5000_case():
    on_time = filed(date(2026, 6, 1))
    assert on_time.cases == ()
    m = lifecycle.transfer_ownership(agreement_signed(), date(2026, 3, 1))
    m = lifecycle.tender_operator(m, date(2026, 4, 1), "op")
    late = lifecycle.file_operator(m, licence_on=date(2026, 5, 1), filed_on=date(2026, 5, 12))  # 11 days
    assert [(c.kind, c.low, c.high) for c in late.cases] == [("late_filing", Decimal(1000), Decimal(5000))]


def test_tender_later_than_60_days_after_transfer_is_recorded_late():
    m = lifecycle.transfer_ownership(agreement_signed(), date(2026, 3, 1))
    assert "operator_tendered" not in lifecycle.tender_operator(m, date(2026, 4, 30), "op").late  # day 60
    assert "operator_tendered" in lifecycle.tender_operator(m, date(2026, 5, 1), "op").late  # day 61


def test_opening_on_day_60_after_filing_publishes_market_opened():
    market, events = lifecycle.open_market(filed(date(2026, 6, 1)), date(2026, 7, 31))
    assert market.status is Status.OPERATING and isinstance(events[0], MarketOpened)


def test_opening_on_day_61_is_refused_and_the_operating_right_is_withdrawn_with_a_case():
    m = filed(date(2026, 6, 1))
    with pytest.raises(OpeningDeadlinePassed) as late:
        lifecycle.open_market(m, date(2026, 8, 1))
    (error,) = late.value.problem()["errors"]  # the rule, its article (第十九条) and the due date, in the entry
    assert (error["field"], error["rule"], error["article"], error["opening_due"]) == (
        "on", "open-within-60-days", "第十九条", "2026-07-31")
    with pytest.raises(WrongStatus) as early:
        lifecycle.withdraw_operating_right(m, date(2026, 7, 31))  # still inside the 60 days
    assert early.value.problem()["errors"][0]["rule"] == "opening-period-not-over"
    withdrawn, events = lifecycle.withdraw_operating_right(m, date(2026, 8, 1))
    assert withdrawn.status is Status.WITHDRAWN and withdrawn.cases[0].kind == "late_opening"
    assert events == []  # it never served anyone: no closure to replan


def test_withdrawing_an_operating_market_takes_it_out_of_service():
    market, _ = lifecycle.open_market(filed(), date(2026, 6, 10))
    withdrawn, events = lifecycle.withdraw_operating_right(market, date(2027, 1, 1))
    assert isinstance(events[0], MarketClosed) and events[0].reason == "operating_right_withdrawn"
    assert lifecycle.tender_operator(withdrawn, date(2027, 2, 1), "new op").status is Status.OPERATOR_TENDERED
